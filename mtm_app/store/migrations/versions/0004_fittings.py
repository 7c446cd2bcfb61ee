"""Fittings and their alterations; the alterations an order was drafted with.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fittings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("customer_id", sa.Integer,
                  sa.ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("block_id", sa.String(80), nullable=False),
        sa.Column("fitted_on", sa.Date, nullable=False),
        sa.Column("fitted_by", sa.String(200), nullable=False),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_fittings_customer_id", "fittings", ["customer_id"])
    op.create_index("ix_fittings_block_id", "fittings", ["block_id"])
    op.create_table(
        "fitting_alterations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fitting_id", sa.Integer, sa.ForeignKey("fittings.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("place", sa.String(80), nullable=False),
        sa.Column("amount_mm", sa.Float, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_fitting_alterations_fitting_id", "fitting_alterations", ["fitting_id"])
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("alterations", sa.JSON, nullable=False,
                                   server_default=sa.text("'[]'")))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("alterations")
    op.drop_table("fitting_alterations")
    op.drop_table("fittings")
