"""Placing an order, writing its files again, laying orders in a marker: the store and the
cutting room's files together.

Qt-free, so the app and any later command or service place orders the same way: the order row
and its files are one unit — if a file cannot be written, no order is recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from mtm_app.block.model import Block
from mtm_app.drafting import Draft, draft
from mtm_app.errors import MtmError
from mtm_app.export.files import ORDER_FORMATS, FileSettings, write_order_files
from mtm_app.export.labels import JobInfo
from mtm_app.library import get_block
from mtm_app.marker import Marker, MarkerSpec, make_marker
from mtm_app.marker.files import MARKER_FORMATS, write_marker
from mtm_app.paths import data_dir
from mtm_app.store import Order, OrderStatus, Store
from mtm_app.trace import trace_hash

Progress = Callable[[int, int, Path], None]


def order_folder(reference: str) -> Path:
    return data_dir() / "orders" / reference


def place_order(store: Store, customer_id: int, session_id: int, block: Block, result: Draft,
                settings: FileSettings, quantity: int = 1, estimated: frozenset[str] = frozenset(),
                progress: Progress | None = None) -> tuple[Order, list[Path]]:
    """Record a confirmed order for a checked draft and write its files (AAMA, tiled PDF,
    cut ticket) into the order's folder, all or nothing."""
    if not result.ok:
        raise MtmError("the pattern fails its checks: " + "; ".join(result.failures()[:3]),
                       hint="fix them before confirming an order")
    trace = trace_hash(block.id, block.version, block.source_text, result.measurements,
                       result.options)
    written: list[Path] = []

    def write_files(order: Order) -> None:
        job = JobInfo(block.id, block.version, order=order.reference, trace=trace,
                      estimated=estimated)
        written.extend(write_order_files(result, job, list(ORDER_FORMATS),
                                         order_folder(order.reference), settings, progress))

    order = store.create_order(customer_id, session_id, block.id, block.version, result.options,
                               fabric=settings.fabric, quantity=quantity, trace=trace,
                               notes=settings.notes, then=write_files)
    order = store.set_status(order.id, OrderStatus.CONFIRMED,
                             files_dir=str(order_folder(order.reference)))
    return order, written


def order_draft(store: Store, order: Order) -> tuple[Draft, JobInfo]:
    """An order drafted again from its own measurement session and options, with the block
    version it was confirmed with (refused if the block has changed since)."""
    block = get_block(order.block_id)
    if block.version != order.block_version:
        raise MtmError(f"order {order.reference} was drafted with {block.name} "
                       f"v{order.block_version}; the block is now v{block.version}, so its files "
                       "cannot be written again identically",
                       hint="keep the old block version to reprint old orders")
    session = store.measurement_session(order.session_id)
    result = draft(block, session.values, order.options)
    job = JobInfo(block.id, block.version, order=order.reference, trace=order.trace,
                  estimated=frozenset(session.estimated))
    return result, job


def rewrite_order_files(store: Store, order_id: int) -> list[Path]:
    """Write an order's files again from its own measurement session and options."""
    order = store.order(order_id)
    result, job = order_draft(store, order)
    settings = FileSettings(customer=store.customer(order.customer_id).name, fabric=order.fabric,
                            notes=order.notes)
    folder = Path(order.files_dir) if order.files_dir else order_folder(order.reference)
    return write_order_files(result, job, list(ORDER_FORMATS), folder, settings)


def marker_folder(references: Sequence[str]) -> Path:
    return data_dir() / "markers" / "+".join(references)


def lay_orders(store: Store, references: Sequence[str], spec: MarkerSpec, material: str = "self",
               formats: Sequence[str] = MARKER_FORMATS, folder: Path | None = None
               ) -> tuple[Marker, list[Path]]:
    """One marker for the garments of these orders (an order of 2 lays two), written as
    `marker-<material>.<format>` into `folder` (default: the markers folder, by reference)."""
    if not references:
        raise MtmError("a marker needs at least one order")
    jobs: dict[str, JobInfo] = {}
    garments = []
    orders = [store.order_by_reference(r) for r in references]
    for order in orders:
        result, job = order_draft(store, order)
        for k in range(1, order.quantity + 1):
            key = order.reference if order.quantity == 1 else f"{order.reference} #{k}"
            jobs[key] = replace(job, order=key)
            garments.append((key, result.pieces))
    marker = make_marker(garments, spec, material)
    folder = folder or marker_folder([o.reference for o in orders])
    return marker, write_marker(marker, jobs, folder, formats)
