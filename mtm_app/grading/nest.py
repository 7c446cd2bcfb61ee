"""The nest of sizes: every size of each piece stacked on the point the block declares.

A pattern maker reads a grade from its nest: lines that cross, bunch or jump between sizes
show a formula that does not scale. Smallest to largest run from blue to red.
"""

from __future__ import annotations

import colorsys
import io
from dataclasses import dataclass
from html import escape

import numpy as np

from mtm_app.export.labels import JobInfo
from mtm_app.export.layout import Box, shelf_boxes
from mtm_app.export.svg import path_data, sheet_svg
from mtm_app.grading.run import SizeRun

SHEET_WIDTH = 1500.0  # mm
SCALES = (1, 2, 4, 5, 10)  # PDF pages print at the largest of these that fits


def size_colours(n: int) -> list[tuple[float, float, float]]:
    """RGB (0–1) from blue for the smallest size to red for the largest."""
    return [colorsys.hsv_to_rgb((2 / 3) * (1 - k / max(n - 1, 1)), 0.85, 0.85) for k in range(n)]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


@dataclass(frozen=True)
class NestPanel:
    """One piece: each size's cut and seam line, moved so the nest point is at (0, 0)."""

    piece_id: str
    name: str
    cuts: list[tuple[str, np.ndarray]]  # (size, ring)
    seams: list[tuple[str, np.ndarray]]

    @property
    def bounds(self) -> Box:
        pts = np.concatenate([r for _, r in self.cuts])
        (x0, y0), (x1, y1) = pts.min(axis=0).tolist(), pts.max(axis=0).tolist()
        return x0, y0, x1, y1


def nest_panels(run: SizeRun) -> list[NestPanel]:
    """A panel per piece that every size has, sizes in chart order."""
    panels = []
    for pid in run.piece_ids():
        cuts, seams, name = [], [], ""
        for s in run.sizes:
            piece = s.draft.piece(pid)
            origin = np.asarray(piece.nest_point)
            cuts.append((s.size, piece.cut_line - origin))
            seams.append((s.size, piece.seam_line - origin))
            name = piece.name
        panels.append(NestPanel(pid, name, cuts, seams))
    return panels


NEST_STYLE = ("path{fill:none;stroke-width:0.6}.seam{stroke-dasharray:3 2;stroke-width:0.35}"
              "text{font-family:sans-serif;font-size:9px}")


def _title(run: SizeRun, job: JobInfo) -> str:
    sizes = ", ".join(s.size for s in run.sizes)
    return (f"{run.block.name} v{run.block.version} — nest of sizes {sizes} "
            f"({run.chart.name}); trace {job.trace}")


def nest_svg(run: SizeRun, job: JobInfo) -> str:
    """All panels at 1:1 in mm, each piece's sizes stacked, with a colour key."""
    panels = nest_panels(run)
    shifts, width, height = shelf_boxes([p.bounds for p in panels], SHEET_WIDTH, gap=40.0)
    colours = [_hex(c) for c in size_colours(len(run.sizes))]
    key_h = 14.0 * (len(run.sizes) + 2)
    out = [f'<text x="20" y="{-key_h + 14:.1f}">{escape(_title(run, job))}</text>']
    for k, (s, colour) in enumerate(zip(run.sizes, colours, strict=True)):
        y = -key_h + 14 * (k + 2)
        out.append(f'<line x1="20" y1="{y - 3:.1f}" x2="50" y2="{y - 3:.1f}" stroke="{colour}" '
                   f'stroke-width="1.5"/><text x="56" y="{y:.1f}">size {escape(s.size)}</text>')
    for panel, (dx, dy) in zip(panels, shifts, strict=True):
        out.append(f'<g id="{escape(panel.piece_id)}">')
        for (size, ring), colour in zip(panel.cuts, colours, strict=True):
            out.append(f'<path stroke="{colour}" data-size="{escape(size)}" '
                       f'd="{path_data(ring, dx, dy, True)}"/>')
        for (_, ring), colour in zip(panel.seams, colours, strict=True):
            out.append(f'<path class="seam" stroke="{colour}" d="{path_data(ring, dx, dy, True)}"/>')
        out.append(f'<path stroke="black" d="M {dx - 6:.2f},{dy:.2f} H {dx + 6:.2f} '
                   f'M {dx:.2f},{dy - 6:.2f} V {dy + 6:.2f}"/>')
        x0, y0, _, _ = panel.bounds
        out.append(f'<text x="{x0 + dx:.1f}" y="{y0 + dy - 6:.1f}">{escape(panel.name)}</text></g>')
    return sheet_svg(width, height + key_h, _title(run, job), out, job.trace, NEST_STYLE, -key_h)


def nest_pdf(run: SizeRun, job: JobInfo) -> bytes:
    """One A3 landscape page per piece at the largest of 1:1, 1:2, 1:4, 1:5, 1:10 that fits."""
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.pdfgen.canvas import Canvas

    from mtm_app.export import fonts
    from mtm_app.export.pdf import PT, Painter

    pw, ph = landscape(A3)
    margin = 15 * PT
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(pw, ph))
    c.setTitle(_title(run, job))
    colours = size_colours(len(run.sizes))
    for panel in nest_panels(run):
        x0, y0, x1, y1 = panel.bounds
        room_w, room_h = (pw - 2 * margin - 60 * PT) / PT, (ph - 2 * margin - 20 * PT) / PT
        scale = next((s for s in SCALES if (x1 - x0) / s <= room_w and (y1 - y0) / s <= room_h),
                     SCALES[-1])
        top = margin + 20 * PT
        painter = Painter(c, ph, x0 - margin * scale / PT, y0 - top * scale / PT, scale)
        fonts.draw(c, margin, ph - margin - 12, f"{panel.name} — scale 1:{scale}", 12, bold=True)
        fonts.draw(c, margin, ph - margin - 24, _title(run, job), 8)
        for rings, width, dash in ((panel.cuts, 0.8, None), (panel.seams, 0.4, (3, 2))):
            c.setLineWidth(width)
            c.setDash(*dash) if dash else c.setDash()
            for (_, ring), rgb in zip(rings, colours, strict=True):
                c.setStrokeColorRGB(*rgb)
                painter.path(ring.tolist(), 0.0, 0.0, True)
        c.setDash()
        c.setStrokeColorRGB(0, 0, 0)
        ox, oy = painter.xy(0.0, 0.0)
        c.line(ox - 6, oy, ox + 6, oy)
        c.line(ox, oy - 6, ox, oy + 6)
        for i, (s, rgb) in enumerate(zip(run.sizes, colours, strict=True)):
            ky = ph - margin - 40 - 14 * i
            c.setStrokeColorRGB(*rgb)
            c.setLineWidth(2)
            c.line(pw - margin - 50 * PT, ky + 3, pw - margin - 40 * PT, ky + 3)
            c.setFillColorRGB(0, 0, 0)
            fonts.draw(c, pw - margin - 38 * PT, ky, f"size {s.size}", 8)
        c.showPage()
    c.save()
    return buf.getvalue()
