"""Production jobs: the factory's work — an order's files, a marker — queued in the database and
taken by `mtm worker` processes on any machine that reaches it.

A worker takes a job with `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL (two workers never
lock the same row and neither waits for the other), on SQLite with one UPDATE that picks and
takes it (SQLite runs one writer at a time). It holds the job under a lease it renews while it
works; a job whose lease ran out (its worker killed, its machine gone) is taken by the next
worker that asks. A failure is retried up to the job's `max_attempts`; bad input, which would
fail the same way again, is not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, and_, func, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from mtm_app.access import Right
from mtm_app.i18n import _
from mtm_app.store.models import Base, Order, Stamped, utcnow

if TYPE_CHECKING:
    from mtm_app.store.repository import Store

MAX_ATTEMPTS = 3


class JobKind(StrEnum):
    ORDER_FILES = "order-files"  # payload: {"reference", "formats"}
    MARKER = "marker"  # payload: {"references", "material_fabrics", "seconds"}


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ProductionJob(Stamped, Base):
    """One piece of the factory's work, who holds it and until when, and what became of it."""

    __tablename__ = "production_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default=JobStatus.QUEUED, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=MAX_ATTEMPTS)
    worker: Mapped[str] = mapped_column(String(200), default="")  # host:pid of the last taker
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    files: Mapped[list[str]] = mapped_column(JSON, default=list)  # what the job wrote
    # the last attempt's error (kept while it is retried), or what a done marker could not lay
    message: Mapped[str] = mapped_column(Text, default="")

    @property
    def references(self) -> list[str]:
        """The orders the job works on, as queued."""
        return list(self.payload.get("references") or [self.payload.get("reference", "")])


class ProductionJobOrder(Base):
    """Which orders a job works on: the Production page asks for the jobs of the orders chosen."""

    __tablename__ = "production_job_orders"

    job_id: Mapped[int] = mapped_column(ForeignKey("production_jobs.id", ondelete="CASCADE"),
                                        primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True,
                                          index=True)


# ------------------------------------------------------------------ queueing and listing
def queue_order_files(store: Store, references: Sequence[str], formats: Sequence[str],
                      max_attempts: int = MAX_ATTEMPTS) -> list[ProductionJob]:
    """One job per order to write its files again; an order whose files wait in the queue
    already (not yet taken) is not queued twice."""
    store.require(Right.PRODUCTION)
    orders = [store.order_by_reference(r) for r in references]
    queued = []
    with store.transaction() as s:
        for order in orders:
            waiting = s.scalar(select(ProductionJob.id).join(ProductionJobOrder).where(
                ProductionJobOrder.order_id == order.id, ProductionJob.kind == JobKind.ORDER_FILES,
                ProductionJob.status == JobStatus.QUEUED))
            if waiting is None:
                queued.append(_add(s, JobKind.ORDER_FILES, {"reference": order.reference,
                                                            "formats": list(formats)},
                                   [order], max_attempts))
    return queued


def queue_marker(store: Store, references: Sequence[str], material_fabrics: Mapping[str, str],
                 seconds: int, max_attempts: int = MAX_ATTEMPTS) -> ProductionJob:
    """One job to lay these orders in markers, one per fabric and material (`plan_markers`)."""
    store.require(Right.PRODUCTION)
    orders = [store.order_by_reference(r) for r in references]
    with store.transaction() as s:
        return _add(s, JobKind.MARKER, {"references": [o.reference for o in orders],
                                        "material_fabrics": dict(material_fabrics),
                                        "seconds": seconds}, orders, max_attempts)


def _add(s: Session, kind: JobKind, payload: dict[str, Any], orders: Sequence[Order],
         max_attempts: int) -> ProductionJob:
    job = ProductionJob(kind=kind.value, payload=payload, max_attempts=max(1, max_attempts))
    s.add(job)
    s.flush()
    s.add_all(ProductionJobOrder(job_id=job.id, order_id=i) for i in dict.fromkeys(o.id for o in orders))
    return job


def jobs(store: Store, order_ids: Sequence[int] = (), statuses: Sequence[str] = (),
         limit: int | None = None) -> list[ProductionJob]:
    """The jobs, newest first: of these orders, in these statuses (each: any)."""
    query = select(ProductionJob).order_by(ProductionJob.id.desc()).limit(limit)
    if order_ids:
        query = query.where(ProductionJob.id.in_(select(ProductionJobOrder.job_id).where(
            ProductionJobOrder.order_id.in_(order_ids))))
    if statuses:
        query = query.where(ProductionJob.status.in_(statuses))
    with store.transaction() as s:
        return list(s.scalars(query))


# ------------------------------------------------------------------ what a worker does
def _clock(s: Session) -> datetime:
    """The database server's clock, so workers on several machines agree on every lease; this
    machine's for SQLite, whose file lives on one."""
    if s.get_bind().dialect.name == "sqlite":
        return utcnow()
    return s.scalar(select(func.now()))


def _mine(job_id: int, worker: str) -> Any:
    return and_(ProductionJob.id == job_id, ProductionJob.worker == worker,
                ProductionJob.status == JobStatus.RUNNING)


def claim(store: Store, worker: str, lease: float) -> ProductionJob | None:
    """The oldest job a worker may take — queued, or running under a lease that ran out — now
    running for `worker` for `lease` seconds; None when there is none. A job whose lease ran
    out on its last attempt is failed instead: its workers died on it every time."""
    with store.transaction() as s:
        now = _clock(s)
        lapsed = and_(ProductionJob.status == JobStatus.RUNNING, ProductionJob.lease_until < now)
        s.execute(update(ProductionJob).where(lapsed, ProductionJob.attempts >= ProductionJob.max_attempts)
                  .values(status=JobStatus.FAILED, finished_at=now, lease_until=None,
                          message=_("its worker stopped answering on every attempt (the lease "
                                    "ran out)"))
                  .execution_options(synchronize_session=False))
        free = or_(ProductionJob.status == JobStatus.QUEUED, lapsed)
        first = select(ProductionJob.id).where(free).order_by(ProductionJob.id).limit(1)
        if s.get_bind().dialect.name == "sqlite":
            target: Any = first.scalar_subquery()  # picked and taken in one statement
        else:
            target = s.scalar(first.with_for_update(skip_locked=True))
            if target is None:
                return None
        return s.scalars(
            update(ProductionJob).where(ProductionJob.id == target, free)
            .values(status=JobStatus.RUNNING, worker=worker, attempts=ProductionJob.attempts + 1,
                    lease_until=now + timedelta(seconds=lease), started_at=now)
            .returning(ProductionJob).execution_options(synchronize_session=False)).first()


def renew(store: Store, job_id: int, worker: str, lease: float) -> bool:
    """Hold the job `lease` seconds more; False if it is no longer this worker's."""
    with store.transaction() as s:
        now = _clock(s)
        return s.execute(update(ProductionJob).where(_mine(job_id, worker))
                         .values(lease_until=now + timedelta(seconds=lease))
                         .execution_options(synchronize_session=False)).rowcount == 1


def finish(store: Store, job: ProductionJob, worker: str, files: Sequence[str], message: str = "") -> bool:
    """Record the job done with what it wrote; False if another worker took it over meanwhile
    (its lease ran out): then that worker's outcome counts."""
    with store.transaction() as s:
        return s.execute(update(ProductionJob).where(_mine(job.id, worker))
                         .values(status=JobStatus.DONE, files=list(files), message=message,
                                 finished_at=_clock(s), lease_until=None)
                         .execution_options(synchronize_session=False)).rowcount == 1


def fail(store: Store, job: ProductionJob, worker: str, error: str, retry: bool) -> JobStatus | None:
    """Record a failed attempt with its error: queued again while attempts are left and a retry
    may help, else failed. None if another worker took the job over meanwhile."""
    again = retry and job.attempts < job.max_attempts
    status = JobStatus.QUEUED if again else JobStatus.FAILED
    with store.transaction() as s:
        changed = s.execute(update(ProductionJob).where(_mine(job.id, worker))
                            .values(status=status, message=error, lease_until=None,
                                    finished_at=None if again else _clock(s))
                            .execution_options(synchronize_session=False)).rowcount
    return status if changed == 1 else None
