"""Each customer's fit preference (close, standard, comfortable), used by the size advice.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("fit_preference", sa.String(12), nullable=False,
                                   server_default="standard"))


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("fit_preference")
