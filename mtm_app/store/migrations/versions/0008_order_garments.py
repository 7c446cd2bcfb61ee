"""An order holds one or more garments (a suit: jacket, trousers, waistcoat): the block, its
version and text, options, personal alterations and cloth move from the order to its garments.

Each order placed before becomes an order of one garment with exactly what it had; the order
keeps its reference, status, history, session, quantity, dates, shop, language and trace.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

MOVED = ("block_id", "block_version", "block_hash", "options", "alterations", "fabric",
         "fabric_code", "trace")


def upgrade() -> None:
    op.create_table(
        "order_garments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("block_id", sa.String(80), nullable=False),
        sa.Column("block_version", sa.String(40), nullable=False),
        sa.Column("block_hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("alterations", sa.JSON, nullable=False),
        sa.Column("fabric", sa.String(200), nullable=False),
        sa.Column("fabric_code", sa.String(40), nullable=False),
        sa.Column("trace", sa.String(40), nullable=False),
    )
    op.create_index("ix_order_garments_order_id", "order_garments", ["order_id"])
    op.create_index("ix_order_garments_block_id", "order_garments", ["block_id"])
    op.create_index("ix_order_garments_fabric_code", "order_garments", ["fabric_code"])
    columns = ", ".join(MOVED)
    op.execute(f"insert into order_garments (order_id, position, {columns}) "
               f"select id, 1, {columns} from orders")
    # dropped in place, never by copying the table (SQLite's batch mode): dropping the old
    # orders table would cascade to its garments, its history and its fittings' links
    op.drop_index("ix_orders_fabric_code", table_name="orders")
    for name in MOVED[:-1]:  # the order keeps a trace: its garments' together
        op.execute(f"alter table orders drop column {name}")


def downgrade() -> None:
    """Back to one garment per order: the first garment's; further garments are lost (say so
    before running it on a database holding suits)."""
    for column in (sa.Column("block_id", sa.String(80), nullable=False, server_default=""),
                   sa.Column("block_version", sa.String(40), nullable=False, server_default=""),
                   sa.Column("block_hash", sa.String(64), nullable=False, server_default=""),
                   sa.Column("options", sa.JSON, nullable=False, server_default="{}"),
                   sa.Column("alterations", sa.JSON, nullable=False, server_default="[]"),
                   sa.Column("fabric", sa.String(200), nullable=False, server_default=""),
                   sa.Column("fabric_code", sa.String(40), nullable=False, server_default="")):
        op.add_column("orders", column)
    op.create_index("ix_orders_fabric_code", "orders", ["fabric_code"])
    for name in MOVED[:-1]:
        op.execute(f"update orders set {name} = (select g.{name} from order_garments g "
                   f"where g.order_id = orders.id and g.position = 1)")
    op.drop_table("order_garments")
