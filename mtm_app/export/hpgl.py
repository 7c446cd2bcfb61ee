"""HP-GL/2 (`.plt`): the plotter sheet of an order and a marker, in the language cutting-room pen
plotters and cutters speak.

Plotter units: 40 per mm (1016 per inch), the unit `IN` sets, to a tenth of a unit. The
plot's X axis runs along the paper (the roll's length, the marker's length), Y across it, with
the origin at the paper's corner: a marker keeps its own frame (X its length, Y from the far
selvedge), a plotter sheet is turned a quarter so its length runs along X, never mirrored.
Each line type has its own pen (`PENS`), so a plotter with a pen carousel draws them in their
own colours and a cutter can be told which pen cuts (pen 1, the cut line) and which only draws.
Labels are `LB` text (7-bit; `labels=False` leaves them out for cutters that cannot draw text).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from mtm_app.export.labels import JobInfo, piece_label_lines
from mtm_app.export.layout import Placement
from mtm_app.pieces import Piece

UNITS_PER_MM = 40  # plotter units (0.025 mm)
PENS = {"cut": 1, "sew": 2, "notch": 3, "grain": 4, "internal": 5, "text": 6, "frame": 7}
# palette for plotters that take colours (PC, 0–255): black cut, blue sew, red notch, green
# grain, magenta internal, dark grey text, orange frame and test squares
PEN_COLOURS = {"cut": (0, 0, 0), "sew": (0, 0, 255), "notch": (255, 0, 0), "grain": (0, 160, 0),
               "internal": (200, 0, 200), "text": (64, 64, 64), "frame": (255, 128, 0)}
TEXT_MM = 4.0  # label character height
ETX = "\x03"  # LB's terminator
MAX_PAIRS = 200  # coordinate pairs per PD instruction (some plotters buffer one instruction)

Point = tuple[float, float]


def plain_text(text: str) -> str:
    """7-bit text for LB: accents dropped, the few signs our labels use spelled plainly."""
    for sign, plain in (("—", "-"), ("–", "-"), ("·", "|"), ("×", "x"), ("½", " 1/2"), ("°", " deg")):
        text = text.replace(sign, plain)
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(c for c in flat if 32 <= ord(c) < 127)


def _unit(mm: float) -> str:
    """Plotter units to a tenth (HP-GL/2 takes real numbers): rounding every vertex to whole
    units (0.025 mm) adds up to 0.2 mm along a marker piece's 300 points."""
    return f"{round(mm * UNITS_PER_MM, 1) + 0.0:.1f}".removesuffix(".0")


class Plot:
    """HP-GL/2 instructions, from sheet mm through `to_plot` (sheet mm → plot mm)."""

    def __init__(self, to_plot: Callable[[float, float], Point], size: Point, title: str,
                 direction: tuple[int, int] = (1, 0)) -> None:
        self._to = to_plot
        self._pen = 0
        u = UNITS_PER_MM
        self.out = ["IN", f'BP1,"{plain_text(title)[:60].replace(chr(34), "")}"',
                    f"PS{round(size[0] * u)},{round(size[1] * u)}", f"NP{len(PENS)}"]
        for name, pen in PENS.items():
            self.out.append("PC{},{},{},{}".format(pen, *PEN_COLOURS[name]))
        self.out += ["DT" + ETX + ",1", "DI{},{}".format(*direction)]  # labels run along the sheet's x

    def _xy(self, p: Point) -> str:
        x, y = self._to(float(p[0]), float(p[1]))
        return f"{_unit(x)},{_unit(y)}"

    def pen(self, name: str) -> None:
        if PENS[name] != self._pen:
            self._pen = PENS[name]
            self.out.append(f"SP{self._pen}")

    def path(self, points: Iterable[Point], closed: bool = False) -> None:
        """Pen up to the first point, down through the rest (back to the first if closed)."""
        pts = list(points)
        if len(pts) < 2:
            return
        if closed:
            pts.append(pts[0])
        self.out.append("PU" + self._xy(pts[0]))
        rest = pts[1:]
        for k in range(0, len(rest), MAX_PAIRS):
            self.out.append("PD" + ",".join(self._xy(p) for p in rest[k:k + MAX_PAIRS]))
        self.out.append("PU")

    def label(self, p: Point, text: str, height: float = TEXT_MM) -> None:
        text = plain_text(text)
        if not text:
            return
        self.out += [f"SI{height * 0.07:.3f},{height * 0.1:.3f}", "PU" + self._xy(p), "LB" + text + ETX]

    def text(self) -> str:
        return ";".join([*self.out, "PU", "SP0", "PG"]) + ";\n"


def _piece(plot: Plot, piece: Piece, dx: float, dy: float, job: JobInfo, labels: bool) -> None:
    def at(p) -> Point:
        return float(p[0]) + dx, float(p[1]) + dy

    plot.pen("sew")
    plot.path((at(p) for p in piece.seam_line), closed=True)
    plot.pen("internal")
    for line in piece.internal_lines:
        plot.path(at(p) for p in line.points)
    for a, b in piece.fold_lines:
        plot.path([at(a), at(b)])
    for x, y in piece.drills:  # a cross 4 mm across
        plot.path([at((x - 2, y)), at((x + 2, y))])
        plot.path([at((x, y - 2)), at((x, y + 2))])
    if piece.grainline:
        plot.pen("grain")
        (ax, ay), (bx, by) = piece.grainline
        plot.path([at((ax, ay)), at((bx, by))])
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        for (tx, ty), s in (((ax, ay), 1), ((bx, by), -1)):  # an arrowhead at each end
            plot.path([at((tx + s * ux * 10 - uy * 3, ty + s * uy * 10 + ux * 3)), at((tx, ty)),
                       at((tx + s * ux * 10 + uy * 3, ty + s * uy * 10 - ux * 3))])
    plot.pen("notch")
    for n in piece.notches:
        end = (n.cut_point[0] + n.inward[0] * n.depth, n.cut_point[1] + n.inward[1] * n.depth)
        plot.path([at(n.cut_point), at(end)])
    plot.pen("cut")  # last, so a cutter cuts the piece free after everything inside it
    plot.path((at(p) for p in piece.cut_line), closed=True)
    if labels:
        plot.pen("text")
        x0, y0, x1, y1 = piece.bounds
        cx, cy = at(((x0 + x1) / 2, (y0 + y1) / 2))
        for k, line in enumerate(piece_label_lines(piece, job)):
            plot.label((cx - 40, cy + k * TEXT_MM * 1.6), line)


def _square(plot: Plot, x: float, y: float, side: float, name: str) -> None:
    plot.path([(x, y), (x + side, y), (x + side, y + side), (x, y + side)], closed=True)
    plot.label((x + 4, y + side / 2), name)


def plotter_plt(pieces: list[Piece], job: JobInfo, paper: str | None = None, labels: bool = True) -> str:
    """The plotter sheet (the same layout as the plotter PDF): every piece, the printable
    area's frame, and the 10 cm and 4 in test squares in the band below the pieces."""
    from mtm_app.export.sheet import BAND, MARGIN, plotter_sheet

    chosen, placements, width, height = plotter_sheet(pieces, paper)
    # a quarter turn (not a mirror): the sheet's top edge is the plot's Y axis, its length runs along X
    plot = Plot(lambda x, y: (y, x), (height, width), f"{job.order} {job.block_id} plotter {chosen}",
                direction=(0, 1))
    for pl in placements:
        _piece(plot, pl.piece, pl.dx + MARGIN, pl.dy + MARGIN, job, labels)
    plot.pen("frame")
    plot.path([(MARGIN, MARGIN), (width - MARGIN, MARGIN), (width - MARGIN, height - MARGIN),
               (MARGIN, height - MARGIN)], closed=True)
    top = height - MARGIN - BAND + 10
    _square(plot, 2 * MARGIN, top, 100.0, "10 cm" if labels else "")
    _square(plot, 2 * MARGIN + 110, top, 101.6, "4 in" if labels else "")
    if labels:
        plot.pen("text")
        plot.label((2 * MARGIN, top - 4), f"{job.block_id} v{job.block_version} | {job.order} | "
                   f"trace {job.trace} | plot at 1:1, 40 units per mm; check both squares")
    return plot.text()


def placed_plt(placed: list[tuple[Placement, JobInfo]], length: float, width: float, title: str,
               labels: bool = True) -> str:
    """Pieces where a marker laid them, both selvedges, and a tick every 10 cm along the near
    one (a metre mark longer); X is the marker's length from 0, Y from the far selvedge."""
    plot = Plot(lambda x, y: (x, width - y), (length, width + 20.0), title)  # the scale above
    for pl, job in placed:
        _piece(plot, pl.piece, pl.dx, pl.dy, job, labels)
    plot.pen("frame")
    for y in (0.0, width):
        plot.path([(0.0, y), (length, y)])
    for k in range(int(length // 100) + 1):
        tick = 8.0 if k % 10 == 0 else 4.0
        plot.path([(k * 100.0, -tick), (k * 100.0, 0.0)])
        if labels and k % 10 == 0:
            plot.label((k * 100.0 + 1, -tick), f"{k // 10} m", 3.0)
    return plot.text()


def marker_plt(marker, jobs: Mapping[str, JobInfo], labels: bool = True) -> str:
    """A marker as HP-GL/2: its placed pieces, each labelled for its order."""
    return placed_plt([(Placement(lp.piece, 0.0, 0.0), jobs[lp.order]) for lp in marker.pieces],
                      marker.length, marker.spec.width, f"Marker {marker.material} {', '.join(jobs)}",
                      labels)
