"""A marker's files for the cutting room: a 1:1 plot (PDF, SVG) with the selvedges and a metre
scale along them, a DXF for cutters, HP-GL/2 for plotters (on request), and a JSON report
(length, width, utilisation, where each piece lies).

Pieces are drawn by the pattern exporters' own code, labelled with their order. A marker in
sections (a table length each) shows where each ends; the PDF plots each section on its own
roll pages, as many as its length needs. Each format is made and written on its own: one that
fails is reported by name, and the others are still written.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from html import escape
from importlib.metadata import version
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from mtm_app.atomic import write_atomic
from mtm_app.datafile import json_text
from mtm_app.errors import MtmError
from mtm_app.export import fonts
from mtm_app.export.dxf import placed_dxf_text
from mtm_app.export.labels import JobInfo
from mtm_app.export.layout import Placement
from mtm_app.export.pdf import PT, Painter
from mtm_app.export.svg import piece_svg, sheet_svg
from mtm_app.i18n import _, block_text, ngettext, number
from mtm_app.marker.nest import Marker

MARGIN = 20.0  # mm of paper around the marker
BAND = 40.0  # mm below it for the marker's details
MAX_PDF_SIDE = 5080.0  # mm: 200 in, the largest page PDF viewers and plotter drivers open
PAGE_RUN = MAX_PDF_SIDE - 2 * MARGIN  # mm of marker on one roll page

MARKER_FORMATS = ("pdf", "svg", "dxf", "json")  # what a marker gets by default
ALL_MARKER_FORMATS = (*MARKER_FORMATS, "plt")  # and HP-GL/2 for plotters and cutters, on request


def _summary(marker: Marker) -> str:
    """The marker's figures in one line, in the language spoken now (the JSON keeps the data)."""
    spec = marker.spec
    count = len(marker.pieces)
    said = _("{material} · width {width} cm · length {length} cm · utilisation {utilisation} % · "
             "{pieces} · gap {gap} mm · ").format(
        material=block_text(marker.material), width=number(spec.width / 10),
        length=number(marker.length / 10, 1), utilisation=number(marker.utilisation * 100, 1),
        pieces=ngettext("{count} piece", "{count} pieces", count).format(count=count), gap=number(spec.gap))
    sections = len(marker.bounds)
    return (said + (_("one-way (no piece turned)") if spec.one_way else _("pieces may turn 180°"))
            + (" · " + ngettext("{count} section", "{count} sections", sections).format(count=sections)
               if marker.sections else ""))


def _title(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    return _("Marker {material} {orders}").format(material=block_text(marker.material),
                                                  orders=", ".join(jobs))


def _section_text(marker: Marker, k: int) -> str:
    start, end = marker.bounds[k]
    said = _("section {section} of {count}: {start}–{end} cm, {length} cm, utilisation {utilisation} %")
    return said.format(
        section=k + 1, count=len(marker.bounds), start=number(start / 10, 1), end=number(end / 10, 1),
        length=number((end - start) / 10, 1), utilisation=number(marker.section_utilisation(k) * 100, 1))


def marker_svg(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    """The marker at 1:1 (1 unit = 1 mm), strip from y = 0 to its width."""
    w, h = marker.length + 2 * MARGIN, marker.spec.width + 2 * MARGIN + BAND
    body = [f'<line class="cut" x1="0" y1="{MARGIN}" x2="{w:.2f}" y2="{MARGIN}"/>',
            f'<line class="cut" x1="0" y1="{MARGIN + marker.spec.width:.2f}" x2="{w:.2f}" '
            f'y2="{MARGIN + marker.spec.width:.2f}"/>']
    if marker.sections:  # where each section ends: the table's end, cut across
        for k, (_, end) in enumerate(marker.bounds):
            x = MARGIN + end
            body.append(f'<line class="fold" x1="{x:.2f}" y1="0" x2="{x:.2f}" '
                        f'y2="{MARGIN * 2 + marker.spec.width:.2f}"/>')
            body.append(f'<text class="small" x="{x - 2:.2f}" y="{MARGIN - 4:.2f}" '
                        f'text-anchor="end">{escape(_section_text(marker, k))}</text>')
    for laid in marker.pieces:
        body += piece_svg(laid.piece, MARGIN, MARGIN, jobs[laid.order])
    body.append(f'<text class="title" x="{MARGIN}" y="{h - BAND / 2:.2f}">'
                f"{escape(_summary(marker))}</text>")
    return sheet_svg(w, h, _title(marker, jobs), body)


def _pages(marker: Marker) -> list[tuple[int, float, float]]:
    """(section, start, end) of each roll page: every section split into equal runs that fit."""
    pages = []
    for k, (start, end) in enumerate(marker.bounds):
        n = max(1, math.ceil((end - start) / PAGE_RUN - 1e-9))
        run = (end - start) / n
        pages += [(k, start + i * run, start + (i + 1) * run) for i in range(n)]
    return pages


def marker_pdf(marker: Marker, jobs: Mapping[str, JobInfo]) -> bytes:
    """The marker at exactly 1:1 on plotter pages, selvedges drawn, a tick every 10 cm: one page
    per section, or as many roll pages as its length needs, joined at marked lines."""
    buf = io.BytesIO()
    c = Canvas(buf)
    c.setTitle(_title(marker, jobs))
    pages = _pages(marker)
    width = marker.spec.width
    for page, (k, a, b) in enumerate(pages, 1):
        w, h = b - a + 2 * MARGIN, width + 2 * MARGIN + BAND
        c.setPageSize((w * PT, h * PT))
        painter = Painter(c, h * PT, a - MARGIN, -MARGIN)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(1.0)
        for y in (0.0, width):
            painter.path([(a - MARGIN, y), (b + MARGIN, y)], 0, 0, False)
        for tick in range(math.ceil(a / 100 - 1e-9), int(b // 100) + 1):  # every 10 cm
            size = 8.0 if tick % 10 == 0 else 4.0
            painter.path([(tick * 100.0, -size), (tick * 100.0, 0.0)], 0, 0, False)
            if tick % 10 == 0:
                x, y = painter.xy(tick * 100.0 + 1, -size)
                fonts.draw(c, x, y, f"{tick // 10} m", 8)
        start, end = marker.bounds[k]
        for x, joins in ((a, a > start + 1e-6), (b, b < end - 1e-6)):
            if joins or marker.sections:  # a join with the next page, or a section's end
                c.setDash(6, 3) if joins else c.setDash()
                painter.path([(x, -MARGIN / 2), (x, width + MARGIN / 2)], 0, 0, False)
                c.setDash()
        c.saveState()
        clip = c.beginPath()
        (x0, y0), (x1, y1) = painter.xy(a, -MARGIN), painter.xy(b, width + MARGIN)
        clip.rect(x0, y1, x1 - x0, y0 - y1)
        c.clipPath(clip, stroke=0, fill=0)
        for laid in marker.pieces:
            if laid.section == k and laid.piece.cut_line[:, 0].min() < b \
                    and laid.piece.cut_line[:, 0].max() > a:
                painter.piece(Placement(laid.piece, 0.0, 0.0), jobs[laid.order])
        c.restoreState()
        c.setFillColorRGB(0, 0, 0)
        x, y = painter.xy(a, width + BAND / 2)
        where = [_section_text(marker, k)] if marker.sections else []
        if len(pages) > 1:
            said = (_("page {page} of {pages}: {start}–{end} cm, joins the next page at the dashed line")
                    if b < end - 1e-6 else _("page {page} of {pages}: {start}–{end} cm"))
            where.append(said.format(page=page, pages=len(pages), start=number(a / 10, 1),
                                     end=number(b / 10, 1)))
        title = _("Marker — {summary}").format(summary=_summary(marker))
        fonts.draw_wrapped(c, x, y + 11, " — ".join([title, *where]), 11, w * PT - 2 * x, bold=True)
        c.showPage()
    c.save()
    return buf.getvalue()


def marker_json(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    """Where every piece lies, and what the marker was made from and with."""
    spec = marker.spec
    return json_text({
        "format": "mtm-studio-marker/2",
        "material": marker.material,
        "width_mm": spec.width,
        "length_mm": round(marker.length, 1),
        "utilisation": round(marker.utilisation, 4),
        "gap_mm": spec.gap,
        "one_way": spec.one_way,
        "repeat_mm": {"along": spec.repeat[0], "across": spec.repeat[1]},
        "max_length_mm": spec.max_length,
        "solver": "sparrow",
        "solver_package": f"spyrrow {version('spyrrow')}",
        "seconds": spec.seconds,  # the time given to each solve
        "seconds_used": round(marker.seconds_used, 1),
        "seed": spec.seed,
        "workers": spec.workers,
        "sections": [{"section": k + 1, "start_mm": round(start, 1), "length_mm": round(end - start, 1),
                      "utilisation": round(marker.section_utilisation(k), 4),
                      "pieces": sum(1 for p in marker.pieces if p.section == k)}
                     for k, (start, end) in enumerate(marker.bounds)],
        "orders": [{"order": ref, "block": job.block_id, "block_version": job.block_version,
                    "trace": job.trace} for ref, job in jobs.items()],
        "pieces": [{"order": laid.order, "piece": laid.piece.id.split("/", 1)[1],
                    "name": laid.piece.name, "mirrored": laid.mirrored, "turned": laid.turned,
                    "section": laid.section + 1,
                    "x_mm": round(float(laid.piece.cut_line[:, 0].min()), 1),
                    "y_mm": round(float(laid.piece.cut_line[:, 1].min()), 1),
                    "area_mm2": round(laid.area, 1)} for laid in marker.pieces],
    }, ascii_only=False)


def marker_dxf(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    """The placed pieces and both selvedges in model space (mm, y up), for cutters that read
    DXF: outlines on CUT, notches, grain and marks on their layers, labels on TEXT. A marker in
    sections has its selvedges drawn section by section (each ends where its table does)."""
    return placed_dxf_text([(Placement(lp.piece, 0.0, 0.0), jobs[lp.order]) for lp in marker.pieces],
                           selvedges=[((start, y), (end, y)) for start, end in marker.bounds
                                      for y in (0.0, marker.spec.width)])


def marker_plt(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    """HP-GL/2 for pen plotters and cutters: pen per line type, X along the marker's length."""
    from mtm_app.export.hpgl import marker_plt as plt

    return plt(marker, jobs)


RENDERERS = {"pdf": marker_pdf, "svg": marker_svg, "dxf": marker_dxf, "json": marker_json,
             "plt": marker_plt}


class MarkerFilesError(MtmError):
    """Some of a marker's files could not be made or written; the others were."""

    def __init__(self, failures: Mapping[str, str], written: Sequence[Path]) -> None:
        self.failures, self.written = dict(failures), list(written)
        wrote = ", ".join(p.name for p in written) or "nothing"
        super().__init__("; ".join(f"the marker's {fmt.upper()} could not be written: {why}"
                                   for fmt, why in failures.items()),
                         hint=f"written: {wrote}")


def write_marker(marker: Marker, jobs: Mapping[str, JobInfo], folder: Path,
                 formats: Sequence[str] = MARKER_FORMATS) -> list[Path]:
    """`marker-<material>.<format>` files in `folder`, each made and written on its own and
    whole (temporary file, then renamed). A format that fails does not stop the others: after
    writing them, `MarkerFilesError` names each failure and what was written."""
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        raise MtmError(f"unknown marker format {', '.join(unknown) or '(none)'}",
                       hint="choose from " + ", ".join(ALL_MARKER_FORMATS))
    written, failures = [], {}
    for fmt in dict.fromkeys(formats):
        path = folder / f"marker-{marker.material}.{fmt}"
        try:
            data = RENDERERS[fmt](marker, jobs)
            write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
        except MtmError as exc:
            failures[fmt] = str(exc)
        except OSError as exc:
            failures[fmt] = f"{exc.strerror or exc}: {exc.filename or path}"
        except Exception as exc:  # a bug in one writer must not lose the other files
            failures[fmt] = f"internal error ({type(exc).__name__}: {exc}); please report it"
        else:
            written.append(path)
    if failures:
        raise MarkerFilesError(failures, written)
    return written
