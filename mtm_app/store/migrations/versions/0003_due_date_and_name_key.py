"""An order's due date; each customer's name kept casefolded for search in every script.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("due_date", sa.Date, nullable=True))
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("name_key", sa.Text, nullable=False, server_default=""))
    bind = op.get_bind()
    customers = sa.table("customers", sa.column("id", sa.Integer), sa.column("name", sa.String),
                         sa.column("name_key", sa.Text))
    for row_id, name in bind.execute(sa.select(customers.c.id, customers.c.name)).all():
        bind.execute(customers.update().where(customers.c.id == row_id)
                     .values(name_key=unicodedata.normalize("NFC", name).casefold()))


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("name_key")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("due_date")
