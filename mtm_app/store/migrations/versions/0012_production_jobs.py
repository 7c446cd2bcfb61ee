"""Production jobs: the factory's work (an order's files, a marker) queued for `mtm worker`
processes, with the lease a worker holds each under and what became of it; and which orders
each job works on.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "production_jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("max_attempts", sa.Integer, nullable=False),
        sa.Column("worker", sa.String(200), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("files", sa.JSON, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_production_jobs_status", "production_jobs", ["status"])
    op.create_table(
        "production_job_orders",
        sa.Column("job_id", sa.Integer, sa.ForeignKey("production_jobs.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_index("ix_production_job_orders_order_id", "production_job_orders", ["order_id"])


def downgrade() -> None:
    op.drop_table("production_job_orders")
    op.drop_table("production_jobs")
