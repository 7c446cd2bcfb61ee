"""A version number on customers, measurement sessions and orders: every change of a row
raises it, so an edit made from what a window loaded earlier is told the row changed since
(optimistic locking) instead of silently overwriting another tailor's change.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("customers", "measurement_sessions", "orders")


def upgrade() -> None:
    for table in TABLES:  # added in place: never by copying a table its children cascade from
        op.add_column(table, sa.Column("version", sa.Integer, nullable=False, server_default="1"))


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"alter table {table} drop column version")
