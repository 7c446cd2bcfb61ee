"""Patterns as PDF at exactly 1:1: tiled for office printers, or one large plotter sheet.

1 mm on the pattern is 72 / 25.4 pt on the page, always. The first page of a tiled pattern
carries the test squares (10 cm and 4 in) with "print at 100 %", and the assembly map; tiles
that hold nothing are skipped; each tile is labelled by row letter and column number and its
overlap strips carry marks naming the neighbouring page.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
import shapely
from reportlab.lib.pagesizes import A3, A4, LEGAL, LETTER, TABLOID
from reportlab.pdfgen.canvas import Canvas

from mtm_app.export import fonts
from mtm_app.export.labels import JobInfo, piece_label_lines, size_text
from mtm_app.export.layout import Placement, shelf_layout
from mtm_app.export.papers import TILED_PAPERS
from mtm_app.export.sheet import BAND, MARGIN, PaperError, narrowest_paper, plotter_sheet  # noqa: F401 (re-exported)
from mtm_app.i18n import _
from mtm_app.pieces import Piece

PT = 72 / 25.4  # points per mm
PAPERS = dict(zip(TILED_PAPERS, (A4, LETTER, A3, LEGAL, TABLOID), strict=True))
SHEET_WIDTH_TILED = 1000.0  # mm: how wide the pieces are laid before tiling


@dataclass(frozen=True)
class Tile:
    row: int
    col: int
    x0: float  # sheet mm
    y0: float

    @property
    def label(self) -> str:
        return f"{_row_letter(self.row)}{self.col + 1}"


def _row_letter(row: int) -> str:
    letters = ""
    row += 1
    while row:
        row, rem = divmod(row - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Painter:
    """Draws pieces on a canvas, sheet mm → page points, with the sheet origin at (ox, oy) mm;
    `scale` 2 draws at 1:2 (nests), 1 at true size."""

    def __init__(self, canvas: Canvas, page_h: float, ox: float, oy: float,
                 scale: float = 1.0) -> None:
        self.c, self.page_h, self.ox, self.oy = canvas, page_h, ox, oy
        self.k = PT / scale

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.ox) * self.k, self.page_h - (y - self.oy) * self.k

    def path(self, points, dx: float, dy: float, closed: bool) -> None:
        p = self.c.beginPath()
        for i, (x, y) in enumerate(points):
            px, py = self.xy(x + dx, y + dy)
            p.moveTo(px, py) if i == 0 else p.lineTo(px, py)
        if closed:
            p.close()
        self.c.drawPath(p, stroke=1, fill=0)

    def piece(self, pl: Placement, job: JobInfo) -> None:
        c, p, dx, dy = self.c, pl.piece, pl.dx, pl.dy
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.8)
        c.setDash()
        self.path(p.cut_line, dx, dy, True)
        c.setLineWidth(0.4)
        c.setDash(3, 2)
        self.path(p.seam_line, dx, dy, True)
        c.setDash()
        for n in p.notches:
            end = (n.cut_point[0] + n.inward[0] * n.depth, n.cut_point[1] + n.inward[1] * n.depth)
            c.setLineWidth(0.8)
            self.path([n.cut_point, end], dx, dy, False)
        c.setLineWidth(0.5)
        for a, b in p.fold_lines:
            c.setDash([8, 2, 1, 2])
            self.path([a, b], dx, dy, False)
            c.setDash()
        c.setStrokeColorRGB(0.6, 0, 0)
        for line in p.internal_lines:
            self.path(line.points, dx, dy, False)
        for x, y in p.drills:
            px, py = self.xy(x + dx, y + dy)
            c.circle(px, py, 1.5 * PT)
            c.line(px - 2 * PT, py, px + 2 * PT, py)
            c.line(px, py - 2 * PT, px, py + 2 * PT)
        c.setStrokeColorRGB(0, 0.3, 0.6)
        if p.grainline:
            self._grainline(p.grainline, dx, dy)
        c.setFillColorRGB(0, 0, 0)
        x0, y0, x1, y1 = p.bounds
        cx, cy = self.xy((x0 + x1) / 2 + dx, (y0 + y1) / 2 + dy)
        for i, text in enumerate(piece_label_lines(p, job)):
            fonts.draw(c, cx, cy - i * 10, text, 9 if i == 0 else 7, bold=i == 0, anchor="middle")

    def _grainline(self, grain, dx: float, dy: float) -> None:
        (ax, ay), (bx, by) = grain
        self.path([(ax, ay), (bx, by)], dx, dy, False)
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        for (tx, ty), s in (((ax, ay), 1), ((bx, by), -1)):
            for side in (1, -1):
                hx, hy = tx + s * ux * 10 - side * uy * 3, ty + s * uy * 10 + side * ux * 3
                self.path([(tx, ty), (hx, hy)], dx, dy, False)
        mx, my = self.xy((ax + bx) / 2 + dx, (ay + by) / 2 + dy)
        self.c.saveState()
        self.c.translate(mx, my)
        self.c.rotate(math.degrees(math.atan2(-uy, ux)))
        fonts.draw(self.c, 0, 2, _("grain"), 7, anchor="middle")
        self.c.restoreState()


SQUARES_TEXT = 28.0  # pt above the squares for the two lines saying how to print


def squares_size(stacked: bool) -> tuple[float, float]:
    """Width and height (pt) of the test squares with their words, stacked or side by side."""
    if stacked:
        return 4 * 72, 105 * PT + 4 * 72 + SQUARES_TEXT
    return 110 * PT + 4 * 72, 4 * 72 + SQUARES_TEXT


def _test_squares(c: Canvas, x: float, y: float, stacked: bool = True) -> tuple[float, float]:
    """10 cm and 4 in squares, with the words that make a printer get the scale right; returns
    the top right corner of what was drawn.

    Stacked they fit the width of A4 and Letter upright; side by side they fit a landscape page
    and the band under a plotter sheet.
    """
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.8)
    c.setDash()
    inch_x, inch_y = (x, y + 105 * PT) if stacked else (x + 110 * PT, y)
    c.rect(x, y, 100 * PT, 100 * PT)
    c.rect(inch_x, inch_y, 4 * 72, 4 * 72)
    fonts.draw(c, x + 50 * PT, y + 50 * PT, "10 cm", 9, anchor="middle")
    fonts.draw(c, inch_x + 2 * 72, inch_y + 2 * 72, "4 in", 9, anchor="middle")
    top = max(y + 100 * PT, inch_y + 4 * 72) + 6
    fonts.draw(c, x, top + 12, _("Print at 100 % (actual size, no scaling);"), 10, bold=True)
    fonts.draw(c, x, top, _("check both squares with a ruler."), 10, bold=True)
    w, h = squares_size(stacked)
    return x + w, y + h


def _occupied(placements: list[Placement]):
    return shapely.union_all([shapely.Polygon(pl.piece.cut_line + np.array((pl.dx, pl.dy)))
                              for pl in placements])


def tiled_pdf(pieces: list[Piece], job: JobInfo, paper: str = "a4", landscape: bool = False,
              overlap: float = 10.0) -> tuple[bytes, list[str]]:
    """(PDF bytes, labels of the printed tiles). The first page is the map with test squares."""
    pw, ph = PAPERS[paper]
    if landscape:
        pw, ph = ph, pw
    placements, width, height = shelf_layout(pieces, SHEET_WIDTH_TILED)
    area_w, area_h = pw / PT - 2 * MARGIN, ph / PT - 2 * MARGIN
    step_w, step_h = area_w - overlap, area_h - overlap
    cols, rows = math.ceil(width / step_w), math.ceil(height / step_h)
    shapes = _occupied(placements)
    tiles = [Tile(r, c, c * step_w, r * step_h) for r in range(rows) for c in range(cols)]
    printed = [t for t in tiles
               if shapes.intersects(shapely.box(t.x0, t.y0, t.x0 + area_w, t.y0 + area_h))]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(pw, ph))
    c.setTitle(f"{job.block_id} {job.order} tiled {paper}")
    c.setSubject(_("trace {trace}").format(trace=job.trace))
    _map_page(c, pw, ph, tiles, printed, cols, rows, job, paper)
    labels = {(t.row, t.col): t.label for t in printed}
    # the laid-out sheet is drawn once, as a form; each tile shows it shifted and clipped
    c.beginForm("sheet", lowerx=0, lowery=-height * PT, upperx=width * PT, uppery=0)
    painter = Painter(c, 0.0, 0.0, 0.0)
    for pl in placements:
        painter.piece(pl, job)
    c.endForm()
    for t in printed:
        c.saveState()
        clip = c.beginPath()
        clip.rect(MARGIN * PT, MARGIN * PT, area_w * PT, area_h * PT)
        c.clipPath(clip, stroke=0, fill=0)
        c.translate((MARGIN - t.x0) * PT, ph - (MARGIN - t.y0) * PT)
        c.doForm("sheet")
        c.restoreState()
        _tile_marks(c, pw, ph, t, labels, overlap, job)
        c.showPage()
    c.save()
    return buf.getvalue(), [t.label for t in printed]


def _map_page(c: Canvas, pw: float, ph: float, tiles, printed, cols: int, rows: int,
              job: JobInfo, paper: str) -> None:
    """Title, the test squares (stacked if the page is tall enough, else side by side) and the
    assembly map in the larger room left: right of the squares or above them."""
    edge, room_w = MARGIN * PT, pw - 2 * MARGIN * PT
    top = fonts.draw_wrapped(c, edge, ph - edge, f"{job.block_id} v{job.block_version} — "
                             f"{job.order or _('pattern')} — {size_text(job.size)}", 14, room_w, bold=True)
    top = fonts.draw_wrapped(c, edge, top - 4, _("{pages} pages on {paper}; trace {trace}; assemble by the "
                                                 "labels, matching the marks in the overlap strips.").format(
                                 pages=len(printed), paper=paper.upper(), trace=job.trace), 9, room_w) - 8
    stacked = squares_size(True)[1] <= top - edge
    right, above = _test_squares(c, edge, edge, stacked)
    # assembly map: every tile, printed ones labelled, blank ones greyed
    gap = 5 * PT
    rooms = [(right + gap, pw - edge - right - gap, top - edge),
             (edge, room_w, top - above - gap)]

    def cell_in(room: tuple[float, float, float]) -> float:
        return min(room[1] / max(cols, 1), room[2] / max(rows, 1), 60)

    left, _room_w, _room_h = max(rooms, key=cell_in)
    cell = max(cell_in(r) for r in rooms)
    printed_set = {(t.row, t.col) for t in printed}
    for t in tiles:
        x, y = left + t.col * cell, top - (t.row + 1) * cell
        if (t.row, t.col) in printed_set:
            c.setFillColorRGB(1, 1, 1)
            c.rect(x, y, cell, cell, stroke=1, fill=1)
            c.setFillColorRGB(0, 0, 0)
            fonts.draw(c, x + cell / 2, y + cell / 2 - 3, t.label, max(6, min(12, cell / 3)),
                       anchor="middle")
        else:
            c.setFillColorRGB(0.85, 0.85, 0.85)
            c.rect(x, y, cell, cell, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.showPage()


def _tile_marks(c: Canvas, pw: float, ph: float, t: Tile, labels: dict, overlap: float,
                job: JobInfo) -> None:
    """Page label, the overlap strips' cut lines, and marks naming each neighbour."""
    area_w = pw / PT - 2 * MARGIN
    c.setFillColorRGB(0, 0, 0)
    fonts.draw(c, MARGIN * PT + 4, MARGIN * PT + 4, t.label, 12, bold=True)
    fonts.draw(c, pw - MARGIN * PT - 2, MARGIN * PT + 4,
               _("{order} · trace {trace}").format(order=job.order, trace=job.trace), 6, anchor="end")
    c.setStrokeColorRGB(0.5, 0.5, 0.5)
    c.setLineWidth(0.3)
    c.setDash(2, 2)
    right = (MARGIN + area_w - overlap) * PT
    bottom = (MARGIN + overlap) * PT
    c.line(right, MARGIN * PT, right, ph - MARGIN * PT)  # glue under the next page to here
    c.line(MARGIN * PT, bottom, pw - MARGIN * PT, bottom)
    c.setDash()
    mid_x, mid_y = pw / 2, ph / 2
    for (dr, dc), (x, y) in {(0, 1): (right, mid_y), (1, 0): (mid_x, bottom),
                             (0, -1): ((MARGIN + overlap) * PT, mid_y),
                             (-1, 0): (mid_x, ph - (MARGIN + overlap) * PT)}.items():
        other = labels.get((t.row + dr, t.col + dc))
        if other:
            c.circle(x, y, 2 * PT)
            fonts.draw(c, x, y + 3 * PT, f"{t.label} | {other}", 6, anchor="middle")


def plotter_pdf(pieces: list[Piece], job: JobInfo, paper: str | None = None) -> bytes:
    """All pieces on one large page: A0, or a roll 24/36/44/60 in wide as long as needed;
    without a paper, the narrowest that holds every piece."""
    chosen, placements, width, height = plotter_sheet(pieces, paper)
    pw, ph = width * PT, height * PT
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(pw, ph))
    c.setTitle(f"{job.block_id} {job.order} plotter {chosen}")
    c.setSubject(_("trace {trace}").format(trace=job.trace))
    painter = Painter(c, ph, -MARGIN, -MARGIN)
    for pl in placements:
        painter.piece(pl, job)
    _test_squares(c, MARGIN * PT, MARGIN * PT, stacked=False)  # in the band kept below
    fonts.draw(c, pw - MARGIN * PT, MARGIN * PT, f"{job.block_id} v{job.block_version} · "
               + _("{order} · trace {trace}").format(order=job.order, trace=job.trace), 8, anchor="end")
    c.showPage()
    c.save()
    return buf.getvalue()
