"""SVG at 1:1 in mm: what a laser cutter, a browser or a pattern maker's viewer reads."""

from __future__ import annotations

import math
from html import escape

import numpy as np

from mtm_app.export.labels import JobInfo, piece_label_lines
from mtm_app.export.layout import shelf_layout
from mtm_app.pieces import Piece

SHEET_WIDTH = 1500.0  # mm: a typical cutting-table width


def path_data(points: np.ndarray, dx: float, dy: float, closed: bool) -> str:
    """An SVG path's `d` for a polyline, moved by (dx, dy) mm."""
    coords = " ".join(f"{x + dx:.2f},{y + dy:.2f}" for x, y in points)
    return f"M {coords}{' Z' if closed else ''}"


def _line(a, b, dx: float, dy: float, cls: str) -> str:
    return (f'<line class="{cls}" x1="{a[0] + dx:.2f}" y1="{a[1] + dy:.2f}" '
            f'x2="{b[0] + dx:.2f}" y2="{b[1] + dy:.2f}"/>')


def _grainline(piece: Piece, dx: float, dy: float) -> list[str]:
    (ax, ay), (bx, by) = piece.grainline
    length = math.hypot(bx - ax, by - ay) or 1.0
    ux, uy = (bx - ax) / length, (by - ay) / length
    out = [_line((ax, ay), (bx, by), dx, dy, "grain")]
    for (tx, ty), s in (((ax, ay), 1), ((bx, by), -1)):
        for side in (1, -1):
            hx = tx + s * ux * 12 + side * -uy * 4
            hy = ty + s * uy * 12 + side * ux * 4
            out.append(_line((tx, ty), (hx, hy), dx, dy, "grain"))
    angle = math.degrees(math.atan2(uy, ux))
    mx, my = (ax + bx) / 2 + dx, (ay + by) / 2 + dy
    out.append(f'<text class="small" transform="translate({mx:.2f},{my - 2:.2f}) '
               f'rotate({angle:.2f})" text-anchor="middle">grain</text>')
    return out


def piece_svg(piece: Piece, dx: float, dy: float, job: JobInfo) -> list[str]:
    """SVG elements for one piece, translated by (dx, dy)."""
    out = [f'<g id="{escape(piece.id)}">',
           f'<path class="cut" d="{path_data(piece.cut_line, dx, dy, True)}"/>',
           f'<path class="seam" d="{path_data(piece.seam_line, dx, dy, True)}"/>']
    for a, b in piece.fold_lines:
        out.append(_line(a, b, dx, dy, "fold"))
    for n in piece.notches:
        end = (n.cut_point[0] + n.inward[0] * n.depth, n.cut_point[1] + n.inward[1] * n.depth)
        out.append(_line(n.cut_point, end, dx, dy, "notch"))
    if piece.grainline:
        out += _grainline(piece, dx, dy)
    for line in piece.internal_lines:
        out.append(f'<path class="{escape(line.kind)}" '
                   f'd="{path_data(np.asarray(line.points), dx, dy, False)}"/>')
    for x, y in piece.drills:
        out.append(f'<circle class="drill" cx="{x + dx:.2f}" cy="{y + dy:.2f}" r="2"/>')
    cx = float(np.mean(piece.seam_line[:, 0])) + dx
    cy = float(np.mean(piece.seam_line[:, 1])) + dy
    lines = piece_label_lines(piece, job)
    for i, text in enumerate(lines):
        cls = "title" if i == 0 else "small"
        out.append(f'<text class="{cls}" x="{cx:.2f}" y="{cy + (i - len(lines) / 2) * 7:.2f}" '
                   f'text-anchor="middle">{escape(text)}</text>')
    out.append("</g>")
    return out


STYLE = """
.cut { fill: none; stroke: #000; stroke-width: 0.5 }
.seam { fill: none; stroke: #555; stroke-width: 0.3; stroke-dasharray: 3 2 }
.fold { stroke: #000; stroke-width: 0.4; stroke-dasharray: 8 2 1 2 }
.notch { stroke: #000; stroke-width: 0.5 }
.grain { stroke: #0050a0; stroke-width: 0.4 }
.dart, .pleat, .placement, .buttonhole, .stitch { fill: none; stroke: #a00; stroke-width: 0.4 }
.fold { fill: none }
.drill { fill: none; stroke: #a00; stroke-width: 0.4 }
text { font-family: sans-serif; fill: #000 }
.title { font-size: 7px; font-weight: bold }
.small { font-size: 4.5px }
"""


def sheet_svg(width: float, height: float, title: str, body: list[str], trace: str = "",
              style: str = STYLE, top: float = 0.0) -> str:
    """A whole SVG file at 1:1 (1 user unit = 1 mm); the drawing starts at y = `top`."""
    desc = "MTM Studio; scale 1:1, units mm" + (f"; trace {trace}" if trace else "")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}mm" height="{height:.1f}mm" '
        f'viewBox="0 {top:.2f} {width:.2f} {height:.2f}">\n'
        f"<title>{escape(title)}</title>\n<desc>{escape(desc)}</desc>\n"
        f"<style>{style}</style>\n" + "\n".join(body) + "\n</svg>\n"
    )


def draft_svg(pieces: list[Piece], job: JobInfo, sheet_width: float = SHEET_WIDTH) -> str:
    """All pieces laid out on one sheet, 1 user unit = 1 mm."""
    placements, width, height = shelf_layout(pieces, sheet_width)
    body = []
    for pl in placements:
        body += piece_svg(pl.piece, pl.dx, pl.dy, job)
    return sheet_svg(width, height, f"{job.block_id} v{job.block_version} {job.order}", body,
                     job.trace)
