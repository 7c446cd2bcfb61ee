"""Placing an order, writing its files again, laying orders in a marker: the store and the
cutting room's files together.

Qt-free, so the app and any later command or service place orders the same way: the order row
and its files are one unit — if a file cannot be written, no order is recorded.

An order keeps the language it was placed in (the one spoken then, unless given): its cut ticket,
PDFs and piece labels are written in it, and so is every reprint, whatever the window speaks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from mtm_app.block.loader import parse_block
from mtm_app.block.model import Block
from mtm_app.drafting import Draft, draft
from mtm_app.drafting.alterations import personal_from
from mtm_app.errors import Cancelled, MtmError
from mtm_app.export.files import ORDER_FORMATS, FileSettings, write_order_files
from mtm_app.export.labels import JobInfo
from mtm_app.i18n import LANGUAGES, _, block_text, current, date_text, speaking
from mtm_app.library import get_block
from mtm_app.marker import Marker, MarkerSpec, make_marker
from mtm_app.marker.files import MARKER_FORMATS, write_marker
from mtm_app.marker.nest import ProgressCallback
from mtm_app.store import MeasurementSession, Order, OrderStatus, Store
from mtm_app.store.errors import ReferenceTaken, StoreError
from mtm_app.store.fabrics import fabric
from mtm_app.store.folders import (
    discard,
    mark_ready,
    marker_folder,
    order_folder,
    staging_folder,
    switch_in,
)
from mtm_app.trace import trace_hash

Progress = Callable[[int, int, Path], None]
__all__ = ["lay_orders", "marker_folder", "order_block", "order_draft", "order_folder", "place_order",
           "rewrite_order_files"]


def ticket_settings(settings: FileSettings, session: MeasurementSession, quantity: int,
                    ordered: date, due: date | None) -> FileSettings:
    """What the cut ticket says of the order: how many, when ordered and due, who measured
    (and in which unit, for the personal alterations)."""
    return replace(settings, quantity=quantity, order_date=ordered.isoformat(),
                   due_date=due.isoformat() if due else "", measured_by=session.measured_by,
                   unit=session.unit)


def applied_alterations(result: Draft) -> list[dict]:
    """The personal alterations that shaped the draft, as the order keeps them."""
    return [a.as_dict() for a in result.alterations if not a.overridden]


def place_order(store: Store, customer_id: int, session_id: int, block: Block, result: Draft,
                settings: FileSettings, quantity: int = 1, estimated: frozenset[str] = frozenset(),
                progress: Progress | None = None, *, due_date: date | None = None,
                reference: str | None = None, fabric_code: str = "", by: str = "",
                language: str | None = None, shop: str = "") -> tuple[Order, list[Path]]:
    """Record a confirmed order for a checked draft with its files (AAMA, tiled PDF, cut
    ticket), all or nothing: the files are written into a staging folder with no database
    lock held, one short transaction records the order, one rename puts the folder in place
    (a crash in between is finished or undone when the store opens next).

    The files are written in `language` (default: the one spoken now), which the order keeps."""
    language = language or current()
    if language not in LANGUAGES:
        raise MtmError(_("language '{code}' is not one of {codes}").format(
            code=language, codes=", ".join(LANGUAGES)))
    if not result.ok:
        raise MtmError(_("the pattern fails its checks: {failures}").format(
                           failures="; ".join(result.failures()[:3])),
                       hint=_("fix them before confirming an order"))
    ordered = datetime.now(UTC).date()
    if due_date and due_date < ordered:
        raise MtmError(_("the due date {due} is before the order date {ordered}").format(
                           due=date_text(due_date), ordered=date_text(ordered)),
                       hint=_("choose a due date from today on, or none"))
    applied = applied_alterations(result)
    trace = trace_hash(block.id, block.version, block.source_text, result.measurements,
                       result.options, applied)
    session = store.measurement_session(session_id)
    settings = ticket_settings(settings, session, quantity, ordered, due_date)
    kept = store.keep_block_text(block.id, block.version, block.source_text) if block.source_text else ""
    while True:
        ref = reference or store.new_reference()
        final = order_folder(ref)
        if final.exists():  # another reference with the same folder name, or an orphan
            if reference:
                raise ReferenceTaken(_("order folder {folder} already exists").format(folder=final),
                                     hint=_("choose another reference"))
            continue
        job = JobInfo(block.id, block.version, order=ref, trace=trace, estimated=estimated)
        ready, names = _prepare(result, job, final, settings, progress, language=language)
        try:
            order = store.create_order(
                customer_id, session_id, block.id, block.version, result.options,
                fabric=settings.fabric, quantity=quantity, trace=trace, notes=settings.notes,
                reference=ref, status=OrderStatus.CONFIRMED, files_dir=str(final),
                due_date=due_date, alterations=applied, fabric_code=fabric_code, by=by,
                language=language, shop=shop, block_hash=kept)
        except ReferenceTaken:
            discard(ready)
            if reference:
                raise
            continue  # another writer took it between the look and the insert
        except Exception:
            if ref not in store.references():  # else the order is recorded: recovery moves it in
                discard(ready)
            raise
        switch_in(ready, final)
        return order, [final / name for name in names]


def _prepare(result: Draft, job: JobInfo, final: Path, settings: FileSettings,
             progress: Progress | None = None, formats: Sequence[str] = ORDER_FORMATS,
             language: str | None = None) -> tuple[Path, list[str]]:
    """The order's whole file set, in `language` (default: the one spoken now), written into a
    staging folder beside `final` and marked ready: (the ready folder, the file names)."""
    staging = staging_folder(final)
    try:
        with speaking(language):
            written = write_order_files(result, job, list(formats), staging, settings, progress)
        return mark_ready(staging), [p.name for p in written]
    except BaseException:
        discard(staging)
        raise


def order_block(store: Store, order: Order) -> Block:
    """The block an order was cut with: the exact text kept with it, so a reprint or a marker
    drafts the same pieces whatever the block file says now. An order from before the texts
    were kept is drafted from the file, refused if its version has changed since."""
    kept = store.block_text(order.block_hash) if order.block_hash else None
    if kept is not None:
        return parse_block(kept.text, f"<{order.block_id} v{order.block_version} as order "
                                      f"{order.reference} was cut>")
    block = get_block(order.block_id)
    if block.version != order.block_version:
        raise MtmError(_("order {order} was drafted with {block} v{old}; the block is now v{new}, so its "
                         "files cannot be written again identically").format(
                           order=order.reference, block=block_text(block.name), old=order.block_version,
                           new=block.version),
                       hint=_("keep the old block version to reprint old orders"))
    return block


def order_draft(store: Store, order: Order) -> tuple[Draft, JobInfo]:
    """An order drafted again from its own measurement session and options, with the block
    text it was cut with (`order_block`)."""
    block = order_block(store, order)
    session = store.measurement_session(order.session_id)
    result = draft(block, session.values, order.options, personal_from(order.alterations or []))
    job = JobInfo(block.id, block.version, order=order.reference, trace=order.trace,
                  estimated=frozenset(session.estimated))
    return result, job


def write_file_set(result: Draft, job: JobInfo, final: Path, settings: FileSettings,
                   formats: Sequence[str] = ORDER_FORMATS, language: str | None = None) -> list[Path]:
    """An order's files in `final`, the whole set at once, in `language` (default: the one
    spoken now): written beside it, switched in by renames (the folder is wholly the old set or
    wholly the new one, never a mix)."""
    ready, names = _prepare(result, job, final, settings, formats=formats, language=language)
    switch_in(ready, final)
    return [final / name for name in names]


def rewrite_order_files(store: Store, order_id: int, formats: Sequence[str] = ORDER_FORMATS
                        ) -> list[Path]:
    """Write an order's files again from its own measurement session and options: the whole
    set into a new folder beside the old, switched in by renames (wholly old or wholly new),
    in the order's own language (not the one spoken now)."""
    order = store.order(order_id)
    result, job = order_draft(store, order)
    settings = ticket_settings(
        FileSettings(customer=store.customer(order.customer_id).name, fabric=order.fabric,
                     notes=order.notes, fabric_width_mm=_catalogue_width(store, order)),
        store.measurement_session(order.session_id), order.quantity, order.created_at.date(),
        order.due_date)
    final = Path(order.files_dir) if order.files_dir else order_folder(order.reference)
    return write_file_set(result, job, final, settings, formats, order.language or "en")


def _catalogue_width(store: Store, order: Order) -> float:
    """The width of the order's catalogue fabric (0 when it has none, or it left the catalogue:
    the ticket then reads the width from the fabric's words)."""
    if not order.fabric_code:
        return 0.0
    try:
        return fabric(store, order.fabric_code).width_mm
    except StoreError:
        return 0.0


def lay_orders(store: Store, references: Sequence[str], spec: MarkerSpec, material: str = "self",
               formats: Sequence[str] = MARKER_FORMATS, folder: Path | None = None,
               cancelled: Callable[[], bool] = lambda: False,
               progress: ProgressCallback | None = None) -> tuple[Marker, list[Path]]:
    """One marker for the garments of these orders (an order of 2 lays two), written as
    `marker-<material>.<format>` into `folder` (default: the markers folder, by reference).
    `progress` hears the solver's best length so far (see `make_marker`). Asked to stop
    (`cancelled()` true before a section's solve or when the solver returns), it writes
    nothing; a format that cannot be written raises `MarkerFilesError` after the others are."""
    if not references:
        raise MtmError(_("a marker needs at least one order"))
    jobs: dict[str, JobInfo] = {}
    garments = []
    orders = [store.order_by_reference(r) for r in references]
    for order in orders:
        result, job = order_draft(store, order)
        for k in range(1, order.quantity + 1):
            key = order.reference if order.quantity == 1 else f"{order.reference} #{k}"
            jobs[key] = replace(job, order=key)
            garments.append((key, result.pieces))
    marker = make_marker(garments, spec, material, progress=progress, cancelled=cancelled)
    if cancelled():
        raise Cancelled(_("the marker was cancelled: nothing was written"))
    folder = folder or marker_folder([o.reference for o in orders])
    return marker, write_marker(marker, jobs, folder, formats)
