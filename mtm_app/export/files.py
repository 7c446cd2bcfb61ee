"""An order's file set: each format by name, written atomically into one folder.

The CLI and the app write orders through here, so a file reprinted from the app is the same
file `mtm draft` writes. Each writer imports its library only when its format is asked for:
a command pays for what it writes (ezdxf and reportlab take a third of a second to import).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mtm_app.atomic import write_atomic
from mtm_app.drafting import Draft
from mtm_app.errors import MtmError
from mtm_app.export.labels import JobInfo
from mtm_app.export.papers import PLOTTER_PAPERS, TILED_PAPERS
from mtm_app.names import safe_filename

if TYPE_CHECKING:  # reportlab is imported only when a ticket is made
    from mtm_app.export.ticket import TicketFacts


TICKET = "cut-ticket"  # one per order, whatever its garments


@dataclass(frozen=True)
class FileSettings:
    """How the files of an order are made: units, paper, and what the cut ticket says."""

    units: str = "mm"
    paper: str | None = None  # an office size for tiled PDFs or a plotter sheet; None: defaults
    landscape: bool = False
    customer: str = ""
    fabric: str = ""
    notes: str = ""
    quantity: int = 1  # garments in the order: the ticket says so, AAMA Quantity agrees
    order_date: str = ""  # ISO date the order was confirmed (not the date it is printed)
    due_date: str = ""  # ISO date the garment is promised for, "" when none was set
    measured_by: str = ""  # who took the measurements of the session cut from
    unit: str = "cm"  # the customer's unit, for the personal alterations on the ticket
    fabric_width_mm: float = 0.0  # the catalogue fabric's (the ticket's fabric estimate)


def _svg(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, str]:
    from mtm_app.export.svg import draft_svg

    return "svg", draft_svg(d.pieces, job)


def _json(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, str]:
    from mtm_app.export.json_dump import draft_json

    return "json", draft_json(d, job.trace, job.order, job.estimated)


def _aama(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, str]:
    from mtm_app.export.dxf import aama_text

    return "aama.dxf", aama_text(d.pieces, job, s.units)


def _astm(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, str]:
    from mtm_app.export.dxf import aama_text

    return "astm.dxf", aama_text(d.pieces, job, s.units, astm=True)


def _plain_dxf(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, str]:
    from mtm_app.export.dxf import plain_dxf_text

    return "dxf", plain_dxf_text(d.pieces, job, s.units)


def _pdf_tiled(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, bytes]:
    from mtm_app.export.pdf import tiled_pdf

    return "tiled.pdf", tiled_pdf(d.pieces, job, paper_for("pdf-tiled", s.paper), s.landscape)[0]


def _pdf_plotter(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, bytes]:
    from mtm_app.export.pdf import plotter_pdf

    return "plotter.pdf", plotter_pdf(d.pieces, job, paper_for("pdf-plotter", s.paper))


def _plt(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, str]:
    from mtm_app.export.hpgl import plotter_plt

    return "plt", plotter_plt(d.pieces, job, paper_for("plt", s.paper))


def _ticket_facts(s: FileSettings) -> TicketFacts:
    from mtm_app.export.ticket import TicketFacts

    return TicketFacts(s.customer, s.fabric, s.notes, s.order_date, s.due_date, s.measured_by, s.unit,
                       s.fabric_width_mm)


def _ticket(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, bytes]:
    from mtm_app.export.ticket import cut_ticket_pdf

    return "ticket.pdf", cut_ticket_pdf(d, job, _ticket_facts(s))


def _labels(stock: str) -> Callable[[Draft, JobInfo, FileSettings], tuple[str, bytes]]:
    def make(d: Draft, job: JobInfo, s: FileSettings) -> tuple[str, bytes]:
        from mtm_app.export.bundles import bundle_labels_pdf

        return f"labels-{stock}.pdf", bundle_labels_pdf(d, job, stock)

    return make


FORMATS: dict[str, Callable[[Draft, JobInfo, FileSettings], tuple[str, str | bytes]]] = {
    "dxf-aama": _aama, "dxf-astm": _astm, "dxf": _plain_dxf, "pdf-tiled": _pdf_tiled,
    "pdf-plotter": _pdf_plotter, "plt": _plt, TICKET: _ticket, "svg": _svg, "json": _json,
    "labels-a4": _labels("a4"), "labels-roll": _labels("roll"),
}
ORDER_FORMATS = ("dxf-aama", "pdf-tiled", "cut-ticket")  # what a factory order gets by default
# defaults: A4 tiles; for the plotter None, the narrowest paper the pieces fit on
# (the HP-GL/2 plot is the plotter sheet: its papers too)
PDF_PAPERS = {"pdf-tiled": (TILED_PAPERS, "a4"), "pdf-plotter": (PLOTTER_PAPERS, None),
              "plt": (PLOTTER_PAPERS, None)}


class FileFormatError(MtmError):
    """A format or paper name that does not exist."""


def paper_for(fmt: str, paper: str | None) -> str | None:
    """The paper a PDF format uses: the one asked for if it fits that format, else its default."""
    papers, default = PDF_PAPERS[fmt]
    return paper if paper in papers else default


def check_request(formats: list[str], paper: str | None) -> None:
    """Refuse no format, unknown formats, and a paper that fits none of the PDFs asked for."""
    if not formats:
        raise FileFormatError("no format asked for", hint="formats: " + ", ".join(FORMATS))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise FileFormatError(f"unknown format {', '.join(unknown)}",
                              hint="formats: " + ", ".join(FORMATS))
    wanted = [f for f in formats if f in PDF_PAPERS]
    if paper and wanted and not any(paper in PDF_PAPERS[f][0] for f in wanted):
        known = ", ".join(p for f in wanted for p in PDF_PAPERS[f][0])
        raise FileFormatError(f"paper '{paper}' does not fit {', '.join(wanted)}",
                              hint=f"papers: {known}")


def render(fmt: str, d: Draft, job: JobInfo, settings: FileSettings) -> tuple[str, str | bytes]:
    """(file extension, content) of one format, in memory; every piece is counted for the
    order's garments (`settings.quantity`)."""
    return FORMATS[fmt](d, replace(job, garments=settings.quantity), settings)


@dataclass(frozen=True)
class GarmentJob:
    """One garment of an order's file set: its draft, what its files belong to (the order key
    printed on its pieces, its trace) and the cloth it is cut from."""

    result: Draft
    job: JobInfo
    fabric: str = ""
    fabric_width_mm: float = 0.0  # the catalogue's; 0: what the fabric's words say, if anything


def write_order_files(d: Draft, job: JobInfo, formats: list[str], out_dir: Path,
                      settings: FileSettings = FileSettings(),
                      progress: Callable[[int, int, Path], None] | None = None) -> list[Path]:
    """Write each format of one draft as `<order>.<ext>` in `out_dir` (see `write_garment_files`)."""
    return write_garment_files([GarmentJob(d, job, settings.fabric, settings.fabric_width_mm)], formats,
                               out_dir, settings, job.order or job.block_id, job.trace, progress)


def write_garment_files(garments: Sequence[GarmentJob], formats: list[str], out_dir: Path,
                        settings: FileSettings, order: str, trace: str,
                        progress: Callable[[int, int, Path], None] | None = None) -> list[Path]:
    """Write an order's files in `out_dir`: each format of each garment as `<its key>.<ext>`
    and one cut ticket for all of them as `<order>.ticket.pdf`; each file appears whole or not
    at all.

    Every file is made in memory first, so a format that cannot be made (a pattern too large
    for the paper) stops the order before anything is written. `progress` hears of each file.
    """
    check_request(formats, settings.paper)
    per_garment = [f for f in formats if f != TICKET]
    total = len(per_garment) * len(garments) + (TICKET in formats)
    made: list[tuple[Path, str | bytes]] = []

    def add(path: Path, data: str | bytes) -> None:
        made.append((path, data))
        if progress:
            progress(len(made), total, path)

    for g in garments:
        stem = safe_filename(g.job.order or g.job.block_id)  # an order may be `PO 77/3`
        cloth = replace(settings, fabric=g.fabric, fabric_width_mm=g.fabric_width_mm)
        for fmt in per_garment:
            ext, data = render(fmt, g.result, g.job, cloth)
            add(out_dir / f"{stem}.{ext}", data)
    if TICKET in formats:
        from mtm_app.export.ticket import order_ticket_pdf

        counted = [replace(g, job=replace(g.job, garments=settings.quantity)) for g in garments]
        add(out_dir / f"{safe_filename(order)}.ticket.pdf",
            order_ticket_pdf(counted, order, trace, _ticket_facts(settings)))
    written = []
    for path, data in made:
        write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
        written.append(path)
    return written
