"""Customers, measurement sessions and orders.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("consent_date", sa.Date, nullable=True),
        *_stamps(),
    )
    op.create_index("ix_customers_name", "customers", ["name"])
    op.create_index("ix_customers_phone", "customers", ["phone"])
    op.create_table(
        "measurement_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("customer_id", sa.Integer,
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("measured_by", sa.String(200), nullable=False),
        sa.Column("unit", sa.String(4), nullable=False),
        sa.Column("sex", sa.String(8), nullable=True),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("estimated", sa.JSON, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        *_stamps(),
    )
    op.create_index("ix_measurement_sessions_customer_id", "measurement_sessions",
                    ["customer_id"])
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(40), nullable=False),
        sa.Column("customer_id", sa.Integer,
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("session_id", sa.Integer,
                  sa.ForeignKey("measurement_sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("block_id", sa.String(80), nullable=False),
        sa.Column("block_version", sa.String(40), nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("fabric", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("status", sa.Enum("draft", "confirmed", "sent to factory", "cut",
                                    name="orderstatus", native_enum=False, length=20),
                  nullable=False),
        sa.Column("trace", sa.String(40), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("files_dir", sa.Text, nullable=False),
        *_stamps(),
    )
    op.create_index("ix_orders_reference", "orders", ["reference"], unique=True)
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"])


def downgrade() -> None:
    op.drop_table("orders")
    op.drop_table("measurement_sessions")
    op.drop_table("customers")
