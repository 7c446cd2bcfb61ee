"""Blocks released to every shop: a release names a block version whose exact text is kept
(block_texts); the newest release of each block is the one every shop drafts with.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "block_releases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("block_id", sa.String(80), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("text_hash", sa.String(64), sa.ForeignKey("block_texts.hash"), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_by", sa.String(200), nullable=False, server_default=""),
    )
    op.create_index("ix_block_releases_block_id", "block_releases", ["block_id"])


def downgrade() -> None:
    op.drop_index("ix_block_releases_block_id", table_name="block_releases")
    op.drop_table("block_releases")
