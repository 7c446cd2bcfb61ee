"""A marker's files for the cutting room: a 1:1 plot (PDF, SVG) with the selvedges and a metre
scale along them, a DXF for cutters, and a JSON report (length, width, utilisation, where each
piece lies).

Pieces are drawn by the pattern exporters' own code, labelled with their order.
"""

from __future__ import annotations

import io
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
from mtm_app.i18n import _, block_text, number
from mtm_app.marker.nest import Marker

MARGIN = 20.0  # mm of paper around the marker
BAND = 40.0  # mm below it for the marker's details
MAX_PDF_SIDE = 5080.0  # mm: 200 in, the largest page PDF viewers and plotter drivers open

MARKER_FORMATS = ("pdf", "svg", "dxf", "json")


def _summary(marker: Marker) -> str:
    """The marker's figures in one line, in the language spoken now (the JSON keeps the data)."""
    spec = marker.spec
    said = _("{material} · width {width} cm · length {length} cm · utilisation {utilisation} % · "
             "{pieces} pieces · gap {gap} mm · ").format(
        material=block_text(marker.material), width=number(spec.width / 10),
        length=number(marker.length / 10, 1), utilisation=number(marker.utilisation * 100, 1),
        pieces=len(marker.pieces), gap=number(spec.gap))
    return said + (_("one-way (no piece turned)") if spec.one_way else _("pieces may turn 180°"))


def _title(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    return _("Marker {material} {orders}").format(material=block_text(marker.material),
                                                  orders=", ".join(jobs))


def marker_svg(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    """The marker at 1:1 (1 unit = 1 mm), strip from y = 0 to its width."""
    w, h = marker.length + 2 * MARGIN, marker.spec.width + 2 * MARGIN + BAND
    body = [f'<line class="cut" x1="0" y1="{MARGIN}" x2="{w:.2f}" y2="{MARGIN}"/>',
            f'<line class="cut" x1="0" y1="{MARGIN + marker.spec.width:.2f}" x2="{w:.2f}" '
            f'y2="{MARGIN + marker.spec.width:.2f}"/>']
    for laid in marker.pieces:
        body += piece_svg(laid.piece, MARGIN, MARGIN, jobs[laid.order])
    body.append(f'<text class="title" x="{MARGIN}" y="{h - BAND / 2:.2f}">'
                f"{escape(_summary(marker))}</text>")
    return sheet_svg(w, h, _title(marker, jobs), body)


def marker_pdf(marker: Marker, jobs: Mapping[str, JobInfo]) -> bytes:
    """The marker at exactly 1:1 on one plotter page, selvedges drawn, a tick every 10 cm."""
    w, h = marker.length + 2 * MARGIN, marker.spec.width + 2 * MARGIN + BAND
    if max(w, h) > MAX_PDF_SIDE:
        raise MtmError(_("the marker is {length} cm long; a PDF page holds {most} cm").format(
                           length=f"{marker.length / 10:.0f}",
                           most=f"{(MAX_PDF_SIDE - 2 * MARGIN) / 10:.0f}"),
                       hint=_("write it as SVG, or lay fewer orders in one marker"))
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(w * PT, h * PT))
    c.setTitle(_title(marker, jobs))
    painter = Painter(c, h * PT, -MARGIN, -MARGIN)
    c.setLineWidth(1.0)
    for y in (0.0, marker.spec.width):
        painter.path([(-MARGIN, y), (marker.length + MARGIN, y)], 0, 0, False)
    for k in range(int(marker.length // 100) + 1):  # a scale along the selvedge, every 10 cm
        tick = 8.0 if k % 10 == 0 else 4.0
        painter.path([(k * 100.0, -tick), (k * 100.0, 0.0)], 0, 0, False)
        if k % 10 == 0:
            x, y = painter.xy(k * 100.0 + 1, -tick)
            fonts.draw(c, x, y, f"{k // 10} m", 8)
    for laid in marker.pieces:
        painter.piece(Placement(laid.piece, 0.0, 0.0), jobs[laid.order])
    c.setFillColorRGB(0, 0, 0)
    x, y = painter.xy(0, marker.spec.width + BAND / 2)
    fonts.draw_wrapped(c, x, y + 11, _("Marker — {summary}").format(summary=_summary(marker)), 11,
                       w * PT - 2 * x, bold=True)
    c.showPage()
    c.save()
    return buf.getvalue()


def marker_json(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    """Where every piece lies, and what the marker was made from and with."""
    spec = marker.spec
    return json_text({
        "format": "mtm-studio-marker/1",
        "material": marker.material,
        "width_mm": spec.width,
        "length_mm": round(marker.length, 1),
        "utilisation": round(marker.utilisation, 4),
        "gap_mm": spec.gap,
        "one_way": spec.one_way,
        "solver": {"name": "sparrow", "package": f"spyrrow {version('spyrrow')}",
                   "seconds": spec.seconds, "seed": spec.seed},
        "orders": [{"order": ref, "block": job.block_id, "block_version": job.block_version,
                    "trace": job.trace} for ref, job in jobs.items()],
        "pieces": [{"order": laid.order, "piece": laid.piece.id.split("/", 1)[1],
                    "name": laid.piece.name, "mirrored": laid.mirrored, "turned": laid.turned,
                    "x_mm": round(float(laid.piece.cut_line[:, 0].min()), 1),
                    "y_mm": round(float(laid.piece.cut_line[:, 1].min()), 1),
                    "area_mm2": round(laid.area, 1)} for laid in marker.pieces],
    }, ascii_only=False)


def marker_dxf(marker: Marker, jobs: Mapping[str, JobInfo]) -> str:
    """The placed pieces and both selvedges in model space (mm, y up), for cutters that read
    DXF: outlines on CUT, notches, grain and marks on their layers, labels on TEXT."""
    return placed_dxf_text([(Placement(lp.piece, 0.0, 0.0), jobs[lp.order]) for lp in marker.pieces],
                           selvedges=[((0.0, y), (marker.length, y)) for y in (0.0, marker.spec.width)])


RENDERERS = {"pdf": marker_pdf, "svg": marker_svg, "dxf": marker_dxf, "json": marker_json}


def write_marker(marker: Marker, jobs: Mapping[str, JobInfo], folder: Path,
                 formats: Sequence[str] = MARKER_FORMATS) -> list[Path]:
    """`marker-<material>.<format>` files in `folder`; all made before any is written, each
    written whole (temporary file, then renamed)."""
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        raise MtmError(f"unknown marker format {', '.join(unknown) or '(none)'}",
                       hint="choose from " + ", ".join(MARKER_FORMATS))
    files = {f: RENDERERS[f](marker, jobs) for f in formats}
    written = []
    for fmt, data in files.items():
        path = folder / f"marker-{marker.material}.{fmt}"
        write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
        written.append(path)
    return written
