"""The exact block text each order is cut with (block_texts, keyed by its sha256), and the
order's block_hash pointing at it.

An order placed before is given the text of its block's file as it is now when that file still
says the order's version (the nearest to what it was cut with that is known); else its hash is
left empty and it is drafted as before, from the file, refused if the version changed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    texts = op.create_table(
        "block_texts",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("block_id", sa.String(80), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_block_texts_block_id", "block_texts", ["block_id"])
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("block_hash", sa.String(64), nullable=False, server_default=""))
    _keep_current_texts(texts)


def _keep_current_texts(texts: sa.Table) -> None:
    from mtm_app.errors import MtmError
    from mtm_app.library import find_entry
    from mtm_app.trace import text_hash

    bind = op.get_bind()
    orders = sa.table("orders", sa.column("block_id", sa.String), sa.column("block_version", sa.String),
                      sa.column("block_hash", sa.String))
    for block_id, version in bind.execute(
            sa.select(orders.c.block_id, orders.c.block_version).distinct()).all():
        try:
            block = find_entry(block_id).block
        except MtmError:
            continue  # no such block any more
        if block is None or block.version != version or not block.source_text:
            continue  # broken, or changed version since: drafted as before
        digest = text_hash(block.source_text)
        if bind.execute(sa.select(texts.c.hash).where(texts.c.hash == digest)).first() is None:
            bind.execute(texts.insert().values(hash=digest, block_id=block_id, version=version,
                                               text=block.source_text, created=datetime.now(UTC)))
        bind.execute(orders.update().where(orders.c.block_id == block_id,
                                           orders.c.block_version == version).values(block_hash=digest))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("block_hash")
    op.drop_index("ix_block_texts_block_id", "block_texts")
    op.drop_table("block_texts")
