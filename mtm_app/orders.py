"""Placing an order, writing its files again, laying orders in a marker: the store and the
cutting room's files together.

Qt-free, so the app and any later command or service place orders the same way: the order row
and its files are one unit — if a file cannot be written, no order is recorded.

An order keeps the language it was placed in (the one spoken then, unless given): its cut ticket,
PDFs and piece labels are written in it, and so is every reprint, whatever the window speaks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from mtm_app.block.loader import parse_block
from mtm_app.block.model import Block
from mtm_app.drafting import Draft, draft
from mtm_app.drafting.alterations import personal_from
from mtm_app.errors import Cancelled, MtmError
from mtm_app.export.files import ORDER_FORMATS, FileSettings, GarmentJob, write_garment_files
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
from mtm_app.store.models import OrderGarment
from mtm_app.store.repository import GarmentLine
from mtm_app.trace import order_trace, trace_hash

Progress = Callable[[int, int, Path], None]
__all__ = ["Garment", "cloth_key", "garment_block", "garment_key", "lay_orders", "marker_folder",
           "order_drafts", "order_folder", "place_order", "rewrite_order_files"]


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


@dataclass(frozen=True)
class Garment:
    """One garment to place on an order: its checked draft and, when it is cut from another
    cloth than the order's (`settings.fabric`, `fabric_code`), that cloth."""

    result: Draft
    fabric: str | None = None  # None: the order's
    fabric_code: str | None = None
    fabric_width_mm: float | None = None  # the catalogue fabric's width (None: the order's)


def cloth_key(garment: OrderGarment) -> str:
    """The cloth a garment is cut from: its catalogue code, else its description."""
    return garment.fabric_code or " ".join(garment.fabric.split()).lower()


def garment_key(reference: str, position: int, count: int) -> str:
    """What a garment's files and pieces are named after: the order's reference for an order of
    one garment, `O-2026-1A2B3C-2` for a suit's second garment (so a CAD library importing many
    orders never meets two pieces of the same name)."""
    return reference if count == 1 else f"{reference}-{position}"


def place_order(store: Store, customer_id: int, session_id: int, garments: Draft | Sequence[Garment],
                settings: FileSettings, quantity: int = 1, estimated: frozenset[str] = frozenset(),
                progress: Progress | None = None, *, due_date: date | None = None,
                reference: str | None = None, fabric_code: str = "", by: str = "",
                language: str | None = None, shop: str = "") -> tuple[Order, list[Path]]:
    """Record a confirmed order of one garment (a draft) or several (a suit: jacket, trousers,
    waistcoat — or two shirts with different options) drafted from one measurement session,
    with its files (each garment's AAMA and tiled PDF, one cut ticket listing them all), all or
    nothing: the files are written into a staging folder with no database lock held, one short
    transaction records the order, one rename puts the folder in place (a crash in between is
    finished or undone when the store opens next). `quantity` is of each garment (2: two suits).

    The files are written in `language` (default: the one spoken now), which the order keeps."""
    language = language or current()
    if language not in LANGUAGES:
        raise MtmError(_("language '{code}' is not one of {codes}").format(
            code=language, codes=", ".join(LANGUAGES)))
    parts = [Garment(garments)] if isinstance(garments, Draft) else list(garments)
    if not parts:
        raise MtmError(_("an order needs at least one garment"), hint=_("add a garment to the order"))
    for part in parts:
        if not part.result.ok:
            raise MtmError(_("the {garment} pattern fails its checks: {failures}").format(
                               garment=block_text(part.result.block.name),
                               failures="; ".join(part.result.failures()[:3])),
                           hint=_("fix them before confirming an order"))
    ordered = datetime.now(UTC).date()
    if due_date and due_date < ordered:
        raise MtmError(_("the due date {due} is before the order date {ordered}").format(
                           due=date_text(due_date), ordered=date_text(ordered)),
                       hint=_("choose a due date from today on, or none"))
    lines = [_line(store, part, settings, fabric_code) for part in parts]
    trace = order_trace([line.trace for line in lines])
    session = store.measurement_session(session_id)
    settings = ticket_settings(settings, session, quantity, ordered, due_date)
    while True:
        ref = reference or store.new_reference()
        final = order_folder(ref)
        if final.exists():  # another reference with the same folder name, or an orphan
            if reference:
                raise ReferenceTaken(_("order folder {folder} already exists").format(folder=final),
                                     hint=_("choose another reference"))
            continue
        jobs = [_garment_job(part.result, line, garment_key(ref, k, len(parts)), estimated,
                             _width(part, settings))
                for k, (part, line) in enumerate(zip(parts, lines, strict=True), 1)]
        ready, names = _prepare(jobs, ref, trace, final, settings, progress, language=language)
        try:
            order = store.create_order(
                customer_id, session_id, lines, quantity=quantity, trace=trace, notes=settings.notes,
                reference=ref, status=OrderStatus.CONFIRMED, files_dir=str(final),
                due_date=due_date, by=by, language=language, shop=shop)
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


def _line(store: Store, part: Garment, settings: FileSettings, fabric_code: str) -> GarmentLine:
    """A garment as the order records it: its block's exact text kept, its trace, its cloth."""
    result = part.result
    block = result.block
    applied = applied_alterations(result)
    return GarmentLine(
        block.id, block.version, result.options,
        block_hash=(store.keep_block_text(block.id, block.version, block.source_text)
                    if block.source_text else ""),
        alterations=applied, fabric=settings.fabric if part.fabric is None else part.fabric,
        fabric_code=fabric_code if part.fabric_code is None else part.fabric_code,
        trace=trace_hash(block.id, block.version, block.source_text, result.measurements, result.options,
                         applied))


def _width(part: Garment, settings: FileSettings) -> float:
    """The catalogue width of the garment's cloth: its own, the order's, or 0 (unknown)."""
    if part.fabric_width_mm is not None:
        return part.fabric_width_mm
    return settings.fabric_width_mm if part.fabric is None else 0.0


def _garment_job(result: Draft, line: GarmentLine, key: str, estimated: frozenset[str],
                 width_mm: float) -> GarmentJob:
    return GarmentJob(result, JobInfo(line.block_id, line.block_version, order=key, trace=line.trace,
                                      estimated=estimated), line.fabric, width_mm)


def _prepare(garments: Sequence[GarmentJob], reference: str, trace: str, final: Path,
             settings: FileSettings, progress: Progress | None = None,
             formats: Sequence[str] = ORDER_FORMATS, language: str | None = None) -> tuple[Path, list[str]]:
    """The order's whole file set, in `language` (default: the one spoken now), written into a
    staging folder beside `final` and marked ready: (the ready folder, the file names)."""
    staging = staging_folder(final)
    try:
        with speaking(language):
            written = write_garment_files(garments, list(formats), staging, settings, reference, trace,
                                          progress)
        return mark_ready(staging), [p.name for p in written]
    except BaseException:
        discard(staging)
        raise


def garment_block(store: Store, order: Order, garment: OrderGarment) -> Block:
    """The block a garment of an order was cut with: the exact text kept with it, so a reprint
    or a marker drafts the same pieces whatever the block file says now. An order from before
    the texts were kept is drafted from the file, refused if its version has changed since."""
    kept = store.block_text(garment.block_hash) if garment.block_hash else None
    if kept is not None:
        return parse_block(kept.text, f"<{garment.block_id} v{garment.block_version} as order "
                                      f"{order.reference} was cut>")
    block = get_block(garment.block_id)
    if block.version != garment.block_version:
        raise MtmError(_("order {order} was drafted with {block} v{old}; the block is now v{new}, so its "
                         "files cannot be written again identically").format(
                           order=order.reference, block=block_text(block.name), old=garment.block_version,
                           new=block.version),
                       hint=_("keep the old block version to reprint old orders"))
    return block


def order_drafts(store: Store, order: Order) -> list[GarmentJob]:
    """Each garment of an order drafted again from the order's measurement session and the
    garment's options and alterations, with the block text it was cut with (`garment_block`)."""
    session = store.measurement_session(order.session_id)
    width = _catalogue_widths(store, order)
    out = []
    for g in order.garments:
        result = draft(garment_block(store, order, g), session.values, g.options,
                       personal_from(g.alterations or []))
        job = JobInfo(g.block_id, g.block_version, order=garment_key(order.reference, g.position,
                                                                     len(order.garments)),
                      trace=g.trace, estimated=frozenset(session.estimated))
        out.append(GarmentJob(result, job, g.fabric, width.get(g.fabric_code, 0.0)))
    return out


def write_file_set(garments: Sequence[GarmentJob], reference: str, trace: str, final: Path,
                   settings: FileSettings, formats: Sequence[str] = ORDER_FORMATS,
                   language: str | None = None) -> list[Path]:
    """An order's files in `final`, the whole set at once, in `language` (default: the one
    spoken now): written beside it, switched in by renames (the folder is wholly the old set or
    wholly the new one, never a mix)."""
    ready, names = _prepare(garments, reference, trace, final, settings, formats=formats, language=language)
    switch_in(ready, final)
    return [final / name for name in names]


def rewrite_order_files(store: Store, order_id: int, formats: Sequence[str] = ORDER_FORMATS,
                        folder: Path | None = None) -> list[Path]:
    """Write an order's files again from its own measurement session and options: the whole
    set into a new folder beside the old, switched in by renames (wholly old or wholly new),
    in the order's own language (not the one spoken now). `folder`: where (default: the
    order's own folder; a worker writes into the shop's shared production folder)."""
    order = store.order(order_id)
    garments = order_drafts(store, order)
    first = garments[0]
    settings = ticket_settings(
        FileSettings(customer=store.customer(order.customer_id).name, fabric=first.fabric,
                     notes=order.notes, fabric_width_mm=first.fabric_width_mm),
        store.measurement_session(order.session_id), order.quantity, order.created_at.date(),
        order.due_date)
    final = folder or (Path(order.files_dir) if order.files_dir else order_folder(order.reference))
    return write_file_set(garments, order.reference, order.trace, final, settings, formats,
                          order.language or "en")


def _catalogue_widths(store: Store, order: Order) -> dict[str, float]:
    """The widths of the order's catalogue fabrics by code (a fabric that left the catalogue is
    missing: the ticket then reads the width from the fabric's words)."""
    widths = {}
    for code in {g.fabric_code for g in order.garments if g.fabric_code}:
        with suppress(StoreError):
            widths[code] = fabric(store, code).width_mm
    return widths


def lay_orders(store: Store, references: Sequence[str], spec: MarkerSpec, material: str = "self",
               formats: Sequence[str] = MARKER_FORMATS, folder: Path | None = None,
               cancelled: Callable[[], bool] = lambda: False,
               progress: ProgressCallback | None = None,
               garment_filter: Callable[[OrderGarment], bool] | None = None
               ) -> tuple[Marker, list[Path]]:
    """One marker for the garments of these orders (an order of 2 lays two; a suit its jacket,
    trousers and waistcoat together; `garment_filter` keeps only some, e.g. those of one
    fabric), written as
    `marker-<material>.<format>` into `folder` (default: the markers folder, by reference).
    `progress` hears the solver's best length so far (see `make_marker`). Asked to stop
    (`cancelled()` true before a section's solve or when the solver returns), it writes
    nothing; a format that cannot be written raises `MarkerFilesError` after the others are."""
    if not references:
        raise MtmError(_("a marker needs at least one order"))
    jobs: dict[str, JobInfo] = {}
    garments = []
    orders = [store.order_by_reference(r) for r in references]
    laid = [(order, row) for order in orders for row in order.garments
             if garment_filter is None or garment_filter(row)]
    cloths = sorted({cloth_key(row) for _order, row in laid})
    if material == "self" and len(cloths) > 1:
        raise MtmError(_("these garments are cut from different fabrics ({fabrics}): one marker lays one "
                         "fabric").format(fabrics=", ".join(c or "—" for c in cloths)),
                       hint=_("lay them with `mtm orders markers` or the Production page: one marker per "
                              "fabric"))
    for order in orders:
        for row, g in zip(order.garments, order_drafts(store, order), strict=True):
            if garment_filter and not garment_filter(row):
                continue
            for k in range(1, order.quantity + 1):
                key = g.job.order if order.quantity == 1 else f"{g.job.order} #{k}"
                jobs[key] = replace(g.job, order=key)
                garments.append((key, g.result.pieces))
    marker = make_marker(garments, spec, material, progress=progress, cancelled=cancelled)
    if cancelled():
        raise Cancelled(_("the marker was cancelled: nothing was written"))
    folder = folder or marker_folder([o.reference for o in orders])
    return marker, write_marker(marker, jobs, folder, formats)
