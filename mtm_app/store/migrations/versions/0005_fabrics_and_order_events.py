"""The fabric catalogue; orders' status history, fabric code and shop; the status flow of the
cutting room ("sent to factory" becomes "in production").

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fabrics",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(40), nullable=False),  # unique through ix_fabrics_code, below
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("composition", sa.String(200), nullable=False),
        sa.Column("width_mm", sa.Float, nullable=False),
        sa.Column("one_way", sa.Boolean, nullable=False),
        sa.Column("repeat_length_mm", sa.Float, nullable=False),
        sa.Column("repeat_width_mm", sa.Float, nullable=False),
        sa.Column("shrinkage_pct", sa.Float, nullable=False),
        sa.Column("price_per_m", sa.Float, nullable=False),
        sa.Column("stock_m", sa.Float, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_fabrics_code", "fabrics", ["code"], unique=True)
    events = op.create_table(
        "order_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=False),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_order_events_order_id", "order_events", ["order_id"])
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("fabric_code", sa.String(40), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("shop", sa.String(80), nullable=False, server_default=""))
        batch.create_index("ix_orders_fabric_code", ["fabric_code"])
    orders = sa.table("orders", sa.column("id", sa.Integer), sa.column("status", sa.String),
                      sa.column("created_at", sa.DateTime))
    op.execute(orders.update().where(orders.c.status == "sent to factory")
               .values(status="in production"))
    # the history starts with what is known: each order as it stands, from its creation
    rows = op.get_bind().execute(sa.select(orders.c.id, orders.c.status, orders.c.created_at))
    op.bulk_insert(events, [
        {"order_id": i, "at": made or datetime.now(UTC), "by": "", "from_status": "",
         "to_status": status, "reason": "status before the history was kept"}
        for i, status, made in rows])


def downgrade() -> None:
    orders = sa.table("orders", sa.column("status", sa.String))
    op.execute(orders.update().where(orders.c.status == "in production")
               .values(status="sent to factory"))
    op.execute(orders.update().where(orders.c.status.in_(["sewn", "ready", "delivered"]))
               .values(status="cut"))  # past the cutting table: the furthest the old flow knew
    op.execute(orders.update().where(orders.c.status == "cancelled").values(status="draft"))
    with op.batch_alter_table("orders") as batch:
        batch.drop_index("ix_orders_fabric_code")
        batch.drop_column("shop")
        batch.drop_column("fabric_code")
    op.drop_table("order_events")
    op.drop_table("fabrics")
