"""One piece as the preview draws it: outline, seam line, notches, marks, and the marks that must
read at the size the piece has on screen — its label fitted inside it, the grainline's arrowheads,
the fold edge's words and bracketed arrows. Those are laid out again whenever the view's scale
changes (`PieceItems.relayout(scale)`, called by the view).

Draft coordinates (mm) inside each piece's root item; words are sized in points, arrowheads in
pixels, so they stay legible and in proportion at every zoom.

A redraft on every keystroke must repaint within a frame or two: the view keeps the items of a
piece the redraft drew the same (`drawn_key`), a piece that moved by at most a pixel on screen
keeps its label's room shrunk by as much (`Room.shrunk`) rather than measure it anew, and lines go
to Qt as arrays.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from itertools import combinations, pairwise

import numpy as np
import shapely
import shiboken6
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QWidget

from mtm_app.export.layout import Placement
from mtm_app.geometry.room import Room, ShrunkRoom
from mtm_app.i18n import _
from mtm_app.pieces import Piece
from mtm_app.ui.pattern_colours import PatternColours

MIN_PT = 7.0  # the smallest text shown whole; smaller, a label is shortened (full name in its tooltip)
LABEL_MAX_PT = 11.0
FOLD_MAX_PT = 9.0
REF_PT = 10.0  # words are measured once at this size, then scaled
WRAP_GAIN_PT = 1.5  # a name is broken into one more line only if that makes it this much larger
PAD = 2.0  # px between words and the edge of their plate
HEAD = 9.0  # px: an arrowhead's length (never more than a quarter of its line)
HEAD_HALF = 3.5  # px: half an arrowhead's width
FOLD_GAP = 3.0  # px between the fold edge, its words and its bracket
BRACKET_MIN = 40.0  # px: a fold edge shorter than this on screen gets no bracket
BRACKET_DEPTH = 14.0  # px from the fold to a bracket without words
Corners = list[tuple[float, float]]  # a keep-out quadrilateral
ELIDE_ASPECTS = (1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)
FOLD_DASH = [8.0, 2.5, 1.5, 2.5]  # dash-dot, in pen widths: the PDF's fold line (8 2 1 2)
CARRY_PX = 1.0  # a redraft moving a piece by at most this on screen keeps its label's room, shrunk by as much


def place_on_fold() -> str:
    return QCoreApplication.translate("PatternView", "place on fold")


def pen(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(QColor(colour), width, style)
    p.setCosmetic(True)
    return p


def polygon(points) -> QPolygonF:
    """The points (n × 2, mm) as a QPolygonF, copied as one block of doubles (a Python loop of
    QPointF costs ~20× as much on a 150-point outline)."""
    xy = np.ascontiguousarray(points, dtype=np.float64).reshape(-1, 2)
    poly = QPolygonF()
    poly.resize(len(xy))
    if len(xy):
        memory = shiboken6.VoidPtr(poly.data(), xy.nbytes, True)
        np.frombuffer(memory, dtype=np.float64).reshape(-1, 2)[:] = xy
    return poly


def polyline_path(points, closed: bool = False) -> QPainterPath:
    path = QPainterPath()
    if len(points):
        path.addPolygon(polygon(points))
        if closed:
            path.closeSubpath()
    return path


class FittedText(QGraphicsItem):
    """Lines of words centred on the item's position at a size in points that does not follow the
    view's zoom (the piece's marks fit it to the room on screen), on a plate of the piece's fill."""

    def __init__(self, base: QFont, colour: str, plate: str, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.base, self.colour, self.plate = QFont(base), QColor(colour), QColor(plate)
        self.font = QFont(base)
        self.lines: list[str] = []
        self._rect = QRectF()
        self._line_height = 0.0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def point_size(self) -> float:
        return self.font.pointSizeF()

    def set_text(self, lines: list[str], points: float, device: QWidget) -> QRectF:
        """Show `lines` at `points`; returns the plate's rect (px, centred on the item)."""
        self.prepareGeometryChange()
        self.lines = list(lines)
        self.font = QFont(self.base)
        self.font.setPointSizeF(points)
        fm = QFontMetricsF(self.font, device)
        width = max(fm.horizontalAdvance(line) for line in lines)
        self._line_height = fm.height()
        height = self._line_height * len(lines)
        self._rect = QRectF(-width / 2 - PAD, -height / 2 - PAD, width + 2 * PAD, height + 2 * PAD)
        return self._rect

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.fillRect(self._rect, self.plate)
        painter.setFont(self.font)
        painter.setPen(self.colour)
        inner = self._rect.adjusted(PAD, PAD, -PAD, -PAD)
        for i, line in enumerate(self.lines):
            row = QRectF(inner.left(), inner.top() + i * self._line_height, inner.width(), self._line_height)
            painter.drawText(row, Qt.AlignmentFlag.AlignCenter, line)


def _wrappings(words: list[str], fm: QFontMetricsF, max_lines: int = 4
               ) -> list[tuple[list[str], float, float]]:
    """The words in 1…max_lines lines, each count broken where its widest line is narrowest:
    (lines, width, height) at the metrics' size."""
    out = []
    n = len(words)
    for count in range(1, min(max_lines, n) + 1):
        best = None
        for cuts in combinations(range(1, n), count - 1):
            bounds = (0, *cuts, n)
            lines = [" ".join(words[a:b]) for a, b in pairwise(bounds)]
            width = max(fm.horizontalAdvance(line) for line in lines)
            if best is None or width < best[1]:
                best = (lines, width)
        out.append((best[0], best[1], fm.height() * count))
    return out


_WRAPS: dict[tuple, list] = {}  # a name's ways to break, by name, count, font and resolution


class PieceLabel:
    """A piece's name and count inside the piece: wrapped to the largest room at the size it has on
    screen, no larger than LABEL_MAX_PT; below MIN_PT shortened with an ellipsis (or hidden), the
    full name in its tooltip (and always in the piece's)."""

    def __init__(self, name: str, quantity: int, item: FittedText, device: QWidget) -> None:
        self.name, self.item = name, item
        self.count = f"×{quantity}"
        font = QFont(item.base)
        font.setPointSizeF(REF_PT)
        self.fm = QFontMetricsF(font, device)
        key = (name, self.count, font.key(), device.logicalDpiY())
        if key not in _WRAPS:
            _WRAPS[key] = _wrappings([*name.split(), self.count], self.fm)
        self.wraps = _WRAPS[key]
        self.aspects = [(w + 2 * PAD) / (h + 2 * PAD) for _lines, w, h in self.wraps]
        self.room: Room | None = None
        self.boxes: list = []
        self._elide_boxes: list | None = None
        self.shortened = False

    def use(self, room: Room) -> None:
        """Place the label in `room` from now on."""
        if room is not self.room:
            self.room = room
            self.boxes = room.boxes(self.aspects)
            self._elide_boxes = None

    @property
    def elide_boxes(self) -> list:
        """The room's boxes for one shortened line (measured when first needed)."""
        if self._elide_boxes is None:
            self._elide_boxes = self.room.boxes(ELIDE_ASPECTS)
        return self._elide_boxes

    def relayout(self, scale: float, device: QWidget) -> None:
        fits = []
        for (lines, w, h), (cx, cy, hw, hh) in zip(self.wraps, self.boxes, strict=True):
            k = min((2 * hw * scale - 2 * PAD) / w, (2 * hh * scale - 2 * PAD) / h)
            fits.append((min(REF_PT * k, LABEL_MAX_PT), lines, cx, cy, hw, hh))
        largest = max(f[0] for f in fits)
        # the fewest lines that come close to the largest size: a name broken only when it must be
        points, lines, cx, cy, hw, hh = next(f for f in fits if f[0] >= largest - WRAP_GAIN_PT)
        if points >= MIN_PT:
            self._show(lines, points, cx, cy, hw, hh, scale, device, shortened=False)
            return
        short = self._elided(scale)
        if short is None:
            self.item.setVisible(False)
            self.shortened = True
            self.item.setToolTip(self.name)
            return
        text, cx, cy, hw, hh = short
        self._show([text], MIN_PT, cx, cy, hw, hh, scale, device, shortened=True)

    def _elided(self, scale: float) -> tuple[str, float, float, float, float] | None:
        """The name cut short with an ellipsis at MIN_PT in the widest room tall enough for one
        line, if at least three letters of it fit."""
        k = MIN_PT / REF_PT
        line = self.fm.height() * k + 2 * PAD
        rooms = [(2 * hw * scale - 2 * PAD, b) for b in self.elide_boxes
                 for hw, hh in [b[2:]] if 2 * hh * scale >= line]
        if not rooms:
            return None
        width, (cx, cy, hw, hh) = max(rooms)
        room_ref = width / k  # the room's width at REF_PT
        for suffix in (" " + self.count, ""):
            text = self.fm.elidedText(self.name, Qt.TextElideMode.ElideRight,
                                      room_ref - self.fm.horizontalAdvance(suffix))
            if len(text.rstrip("…").strip()) >= 3:
                return text + suffix, cx, cy, hw, hh
        return None

    def _show(self, lines, points, cx, cy, hw, hh, scale, device, shortened: bool) -> None:
        rect = self.item.set_text(lines, points, device)
        room_w, room_h = 2 * hw * scale, 2 * hh * scale
        if rect.width() > room_w or rect.height() > room_h:  # hinting: not quite linear in size
            fit = min(room_w / rect.width(), room_h / rect.height())
            self.item.set_text(lines, points * fit * 0.98, device)
        self.item.setPos(cx, cy)
        self.item.setVisible(True)
        self.shortened = shortened
        self.item.setToolTip(self.name if shortened or self.item.point_size < MIN_PT else "")


class Grainline(QGraphicsPathItem):
    """The grainline with an arrowhead at each end (the piece model has no one-way or nap flag;
    when it gains one, such a piece gets one head, at its top end)."""

    def __init__(self, ends, colour: str, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        (ax, ay), (bx, by) = ends
        self.a, self.b = (ax, ay), (bx, by)
        self.length = math.hypot(bx - ax, by - ay)
        self.setPen(pen(colour, 1.2))

    def heads(self, pixel: float) -> list[Corners]:
        """Where the arrowheads are when a pixel is `pixel` mm, with a margin of FOLD_GAP px."""
        if self.length == 0:
            return []
        (ax, ay), (bx, by) = self.a, self.b
        ux, uy = (bx - ax) / self.length, (by - ay) / self.length
        head = min(HEAD * pixel, 0.25 * self.length) + FOLD_GAP * pixel
        half = (HEAD_HALF + FOLD_GAP) * pixel
        back = FOLD_GAP * pixel
        out = []
        for (tx, ty), s in (((ax, ay), 1), ((bx, by), -1)):
            along = [(-back, -half), (head, -half), (head, half), (-back, half)]
            out.append([(tx + s * (ux * a - uy * c), ty + s * (uy * a + ux * c)) for a, c in along])
        return out

    def relayout(self, scale: float) -> None:
        (ax, ay), (bx, by) = self.a, self.b
        path = QPainterPath(QPointF(ax, ay))
        path.lineTo(bx, by)
        if self.length > 0:
            ux, uy = (bx - ax) / self.length, (by - ay) / self.length
            head = min(HEAD / scale, 0.25 * self.length)
            half = head * HEAD_HALF / HEAD
            for (tx, ty), s in (((ax, ay), 1), ((bx, by), -1)):
                path.moveTo(tx + s * ux * head - uy * half, ty + s * uy * head + ux * half)
                path.lineTo(tx, ty)
                path.lineTo(tx + s * ux * head + uy * half, ty + s * uy * head - ux * half)
        self.setPath(path)


class FoldMark:
    """A fold edge as a pattern shows it: the edge dash-dot, "place on fold" along it inside the
    piece, and a bracket whose arrows point at the fold."""

    def __init__(self, ends, seam: shapely.Polygon | None, colours: PatternColours, plate: str,
                 base: QFont, parent: QGraphicsItem, device: QWidget) -> None:
        (ax, ay), (bx, by) = ends
        self.a, self.b = (ax, ay), (bx, by)
        self.length = math.hypot(bx - ax, by - ay) or 1.0
        self.u = ((bx - ax) / self.length, (by - ay) / self.length)
        self.mid = ((ax + bx) / 2, (ay + by) / 2)
        n = (-self.u[1], self.u[0])
        probe = (self.mid[0] + n[0], self.mid[1] + n[1])
        if seam is not None and not shapely.contains_xy(seam, *probe):
            n = (-n[0], -n[1])
        self.n = n  # towards the inside of the piece
        self.seam = seam
        words = place_on_fold()
        self.line = QGraphicsPathItem(polyline_path([self.a, self.b]), parent)
        fold_pen = pen(colours.fold, 1.5)
        fold_pen.setDashPattern(FOLD_DASH)
        self.line.setPen(fold_pen)
        self.line.setToolTip(words)
        self.bracket = QGraphicsPathItem(parent)
        self.bracket.setPen(pen(colours.fold, 1.0))
        self.bracket.setToolTip(words)
        font = QFont(base)
        self.text = FittedText(font, colours.fold, plate, parent)
        self.text.lines = [words.upper()]  # in capitals, as a pattern writes it
        self.text.setToolTip(words)
        angle = math.degrees(math.atan2(self.u[1], self.u[0]))
        if angle >= 90.0:  # read left to right, or bottom to top
            angle -= 180.0
        elif angle < -90.0:
            angle += 180.0
        self.text.setRotation(angle)
        font.setPointSizeF(REF_PT)
        fm = QFontMetricsF(font, device)
        self.ref_width = fm.horizontalAdvance(self.text.lines[0]) + 2 * PAD

    def relayout(self, scale: float, device: QWidget) -> float:
        """Lay the words and bracket out for `scale`; returns how far (px) they reach into the
        piece from the fold (0 when neither is shown)."""
        on_screen = self.length * scale
        longest = 0.9 * on_screen  # words and bracket keep clear of the fold's ends
        points = min(FOLD_MAX_PT, REF_PT * (longest - 2 * HEAD - 2 * FOLD_GAP) / self.ref_width)
        words = points >= MIN_PT
        if words:
            rect = self.text.set_text(self.text.lines, points, device)
            depth = 2 * FOLD_GAP + rect.height()
            span = min(longest, max(0.6 * on_screen, rect.width() + 2 * HEAD + 2 * FOLD_GAP))
            words = self._inside(span / scale, depth / scale)
        if words:
            off = (FOLD_GAP + rect.height() / 2) / scale
            self.text.setPos(self.mid[0] + self.n[0] * off, self.mid[1] + self.n[1] * off)
        else:
            depth, span = BRACKET_DEPTH, 0.6 * on_screen
        self.text.setVisible(words)
        bracket = on_screen >= BRACKET_MIN and self._inside(span / scale, depth / scale)
        self.bracket.setVisible(bracket)
        if bracket:
            self.bracket.setPath(self._bracket(span / scale, depth / scale, scale))
        return depth if bracket or words else 0.0

    def _inside(self, span: float, depth: float) -> bool:
        """Whether the box `span` mm along the fold's middle and `depth` mm into the piece is in it."""
        if self.seam is None:
            return True
        (mx, my), (ux, uy), (nx, ny) = self.mid, self.u, self.n
        along = np.array([-0.5, 0.0, 0.5]) * span
        xs = np.concatenate([mx + ux * along + nx * depth, mx + ux * along + nx * depth / 2])
        ys = np.concatenate([my + uy * along + ny * depth, my + uy * along + ny * depth / 2])
        return bool(shapely.contains_xy(self.seam, xs, ys).all())

    def band(self, depth: float) -> list[Corners]:
        """The strip along the fold, `depth` mm into the piece, its marks keep for themselves."""
        (ax, ay), (bx, by), (nx, ny) = self.a, self.b, self.n
        return [[(ax, ay), (bx, by), (bx + nx * depth, by + ny * depth), (ax + nx * depth, ay + ny * depth)]]

    def _bracket(self, span: float, depth: float, scale: float) -> QPainterPath:
        (mx, my), (ux, uy), (nx, ny) = self.mid, self.u, self.n
        head = min(HEAD / scale, 0.5 * depth)
        half = head * HEAD_HALF / HEAD
        gap = 1.0 / scale
        tops, tips = [], []
        for s in (-1, 1):
            ex, ey = mx + s * ux * span / 2, my + s * uy * span / 2  # a leg's foot, on the fold
            tops.append(QPointF(ex + nx * depth, ey + ny * depth))
            tips.append(QPointF(ex + nx * gap, ey + ny * gap))
        path = QPainterPath(tops[0])
        path.lineTo(tops[1])
        for top, tip in zip(tops, tips, strict=True):
            path.moveTo(top)
            path.lineTo(tip)
            path.moveTo(tip.x() + nx * head + ux * half, tip.y() + ny * head + uy * half)
            path.lineTo(tip)
            path.lineTo(tip.x() + nx * head - ux * half, tip.y() + ny * head - uy * half)
        return path


def _seam_polygon(piece: Piece) -> shapely.Polygon | None:
    poly = shapely.Polygon(piece.seam_line)
    if not poly.is_valid:
        poly = shapely.Polygon(piece.cut_line)
    return poly if poly.is_valid and poly.area > 0 else None


def _cut_stroke(piece: Piece) -> QPainterPath:
    """The cut line, leaving out what lies on a fold edge (drawn dash-dot instead)."""
    ring = np.vstack([piece.cut_line, piece.cut_line[:1]])
    on_fold = np.zeros(len(ring), dtype=bool)
    for (ax, ay), (bx, by) in piece.fold_lines:
        d = np.array([bx - ax, by - ay])
        length2 = float(d @ d) or 1.0
        rel = ring - (ax, ay)
        t = np.clip(rel @ d / length2, 0.0, 1.0)
        on_fold |= np.hypot(*(rel - t[:, None] * d).T) < 0.05
    drawn = ~(on_fold[:-1] & on_fold[1:])  # segment i runs from ring[i] to ring[i + 1]
    edges = np.diff(np.concatenate([[0], drawn.astype(np.int8), [0]]))
    path = QPainterPath()
    for first, end in zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(),
                          strict=True):
        path.addPolygon(polygon(ring[first:end + 1]))  # segments first … end − 1
    return path


def drawn_key(piece: Piece) -> tuple:
    """Everything of a piece the preview draws: a redraft's piece with the same key as one on
    screen keeps that one's items."""
    p = piece

    def flat(points) -> bytes:
        return np.asarray(points, dtype=np.float64).tobytes()

    return (p.id, _(p.name), p.quantity, p.material, p.cut_line.tobytes(), p.seam_line.tobytes(),
            flat([(*n.cut_point, *n.inward, n.depth) for n in p.notches]),
            tuple(flat(line.points) for line in p.internal_lines), flat(p.drills), flat(p.fold_lines),
            flat(p.grainline) if p.grainline else None)


class PieceItems:
    """The items of one placed piece under a root item shifted to its place on the sheet."""

    def __init__(self, placement: Placement, colours: PatternColours, base: QFont,
                 parent: QGraphicsItem, device: QWidget, previous: PieceItems | None = None) -> None:
        """`previous`: the items this piece had in the draft before, if any (its label's room may
        serve again, shrunk by how far the piece moved)."""
        p = self.piece = placement.piece
        self.key = drawn_key(p)
        self.name = _(p.name)
        self.root = QGraphicsPathItem(parent)
        self.root.setPos(placement.dx, placement.dy)
        fill = colours.fill(p.material)
        self.outline = QGraphicsPathItem(polyline_path(p.cut_line, closed=True), self.root)
        self.outline.setBrush(QBrush(QColor(fill)))
        self.outline.setToolTip(f"{self.name} ×{p.quantity}")
        cut_pen = pen(colours.cut, 1.4)
        if p.fold_lines:  # the cut line but for the fold edges, drawn dash-dot instead
            self.outline.setPen(QPen(Qt.PenStyle.NoPen))
            self.cut_stroke = QGraphicsPathItem(_cut_stroke(p), self.root)
            self.cut_stroke.setPen(cut_pen)
        else:
            self.outline.setPen(cut_pen)
            self.cut_stroke = self.outline
        QGraphicsPathItem(polyline_path(p.seam_line, closed=True), self.root).setPen(
            pen(colours.seam, 0.8, Qt.PenStyle.DashLine))
        notches = QPainterPath()
        for n in p.notches:
            notches.moveTo(*n.cut_point)
            notches.lineTo(n.cut_point[0] + n.inward[0] * n.depth, n.cut_point[1] + n.inward[1] * n.depth)
        QGraphicsPathItem(notches, self.root).setPen(cut_pen)
        marks = QPainterPath()
        for line in p.internal_lines:
            marks.addPath(polyline_path(line.points))
        for x, y in p.drills:
            marks.addEllipse(QPointF(x, y), 2.0, 2.0)
        QGraphicsPathItem(marks, self.root).setPen(pen(colours.mark, 1.0))
        seam = self.seam = _seam_polygon(p)
        self.folds = [FoldMark(ends, seam, colours, fill, base, self.root, device) for ends in p.fold_lines]
        self.grains = [Grainline(p.grainline, colours.grain, self.root)] if p.grainline else []
        self.shape = seam if seam is not None else shapely.Polygon(p.cut_line)
        self._room: tuple[float, float, Room | ShrunkRoom] | None = None  # (fold strip mm, grain mm, room)
        # the rooms last measured for this piece, by (outline is the seam line, strip, ends): (points, room)
        self._measured: dict[tuple, tuple[np.ndarray, Room]] = previous._measured if previous else {}
        self._laid_out_at = 0.0  # the scale the marks were last laid out for
        label_font = QFont(base)
        label_font.setBold(True)
        self.label = PieceLabel(self.name, p.quantity, FittedText(label_font, colours.text, fill, self.root),
                                device)
        self.label.item.setZValue(2)

    def place(self, placement: Placement) -> None:
        """Show the items for `placement`'s piece, drawn the same as the piece they were made for
        (`drawn_key`), at its place on the sheet."""
        self.piece = placement.piece
        self.root.setPos(placement.dx, placement.dy)

    def relayout(self, scale: float, device: QWidget) -> None:
        if scale == self._laid_out_at:
            return
        self._laid_out_at = scale
        for grain in self.grains:
            grain.relayout(scale)
        strip = max((fold.relayout(scale, device) for fold in self.folds), default=0.0) / scale
        self.label.use(self._label_room(strip, 1.0 / scale))
        self.label.relayout(scale, device)

    def _label_room(self, strip: float, ends: float) -> Room:
        """The room left to the label: the piece less the strip along its folds their words and
        bracket take (`strip` mm deep) and the grainline's arrowheads (`ends`: the mm in a pixel).
        Both are rounded up a step of 25 %, so a zoom step or a redraft that leaves the piece as it
        was finds the room already measured."""
        strip, ends = _step_up(strip), _step_up(ends)
        if self._room is None or self._room[:2] != (strip, ends):
            keep_out = [c for f in self.folds for c in f.band(strip)] if strip > 0 else []
            keep_out += [c for g in self.grains for c in g.heads(ends)]
            outline = self.piece.seam_line if self.seam is not None else self.piece.cut_line
            key = (outline.tobytes(), np.round(keep_out, 3).tobytes(), strip, ends)
            points = np.vstack([outline, np.reshape(keep_out, (-1, 2))]) if keep_out else outline
            room = _ROOMS.pop(key, None) or self._carried(strip, ends, points)
            if room is None:
                shape = self.shape
                if keep_out:
                    shape = shape.difference(shapely.union_all(shapely.polygons(np.asarray(keep_out))))
                room = Room(shape, tolerance=max(0.5, ends / 2))
            if isinstance(room, Room):
                _ROOMS[key] = room
                while len(_ROOMS) > ROOMS_KEPT:
                    _ROOMS.popitem(last=False)
                step = (self.seam is not None, strip, ends)
                self._measured.pop(step, None)  # the most recent last
                self._measured[step] = (points, room)
                while len(self._measured) > MEASURED_KEPT:
                    del self._measured[next(iter(self._measured))]
            self._room = (strip, ends, room)
        return self._room[2]

    def _carried(self, strip: float, ends: float, points: np.ndarray) -> ShrunkRoom | None:
        """The room last measured for this piece at this zoom step (same kind of outline, same
        marks kept out), if no point of the outline or of the marks kept out has moved since by
        more than CARRY_PX on screen (`ends`: the mm in a pixel): its boxes less that distance, so
        the label stays inside and loses at most a pixel a side until the room is measured again."""
        then, room = self._measured.get((self.seam is not None, strip, ends), (None, None))
        if then is None or then.shape != points.shape:  # the outline sampled anew: points differ
            return None
        moved = float(np.sqrt(((points - then) ** 2).sum(axis=1).max()))
        return room.shrunk(moved) if moved <= CARRY_PX * ends else None


MEASURED_KEPT = 4  # zoom steps a piece keeps its last measured room for (fitting hovers between two)
ROOMS_KEPT = 200  # label rooms kept, most recent last: a redraft remeasures only the pieces it changed
_ROOMS: OrderedDict[tuple, Room] = OrderedDict()


def _step_up(x: float) -> float:
    """`x` rounded up to a power of 1.25 (0 stays 0)."""
    return 0.0 if x <= 0 else 1.25 ** math.ceil(math.log(x, 1.25) - 1e-9)
