"""Stores and the people who sign in: a shop record (code, name, address, time zone) that
customers and orders belong to, and users with a role and an argon2 password hash.

Each shop name orders already carry becomes a shop; its orders point at it, and each customer
belongs to the shop of their first order that names one (else to none: a single-store install).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    shops = op.create_table(
        "shops",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("address", sa.Text, nullable=False, server_default=""),
        sa.Column("time_zone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_shops_code", "shops", ["code"], unique=True)
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String(80), nullable=False),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("shop_id", sa.Integer, sa.ForeignKey("shops.id", ondelete="SET NULL"), nullable=True),
        sa.Column("all_shops", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_users_login", "users", ["login"], unique=True)
    for table in ("customers", "orders"):  # added in place (SQL both databases take), never by copying
        op.execute(f"ALTER TABLE {table} ADD COLUMN shop_id INTEGER REFERENCES shops (id)")
        op.create_index(f"ix_{table}_shop_id", table, ["shop_id"])
    _shops_from_orders(shops)


def _shops_from_orders(shops: sa.Table) -> None:
    bind = op.get_bind()
    names = [r[0] for r in bind.execute(sa.text(
        "select distinct shop from orders where shop <> '' order by shop"))]
    taken: set[str] = set()
    for name in names:
        stem = (re.sub(r"[^A-Z0-9]", "", name.upper()) or "SHOP")[:8]
        code, n = stem, 1
        while code in taken:
            n += 1
            code = f"{stem}-{n}"
        taken.add(code)
        bind.execute(shops.insert().values(code=code, name=name[:80], address="", time_zone="UTC",
                                           created_at=datetime.now(UTC)))
    bind.execute(sa.text("update orders set shop_id = (select id from shops where shops.name = orders.shop)"
                         " where shop <> ''"))
    bind.execute(sa.text(
        "update customers set shop_id = (select o.shop_id from orders o where o.customer_id = customers.id"
        " and o.shop_id is not null order by o.created_at, o.id limit 1)"))


def downgrade() -> None:
    for table in ("orders", "customers"):
        op.drop_index(f"ix_{table}_shop_id", table_name=table)
        op.execute(f"alter table {table} drop column shop_id")
    op.drop_index("ix_users_login", table_name="users")
    op.drop_table("users")
    op.drop_index("ix_shops_code", table_name="shops")
    op.drop_table("shops")
