"""Room for a label inside a piece: the largest upright box of a given shape the outline holds.

A label is a block of text lines, so its box has a known width ÷ height (its aspect); a tall
narrow piece holds a tall box best (text wrapped into lines), a waistband a long flat one (one
line). For each aspect the room is the largest box of that aspect centred on one of a few
candidate points (the pole of inaccessibility — the point farthest from the outline — and points
on the lines through it): scaling x by 1/aspect turns the box into a square, and the largest
square centred on a point inside is its L∞ distance to the outline.

An outline whose every point moved by at most d (a redraft a few millimetres away) still holds
each box of the old one shrunk by d on every side (`Room.shrunk`): no point of the moved outline
can come nearer than d to where the old one was, and the box's centre stays on the same side of
every ring. A live preview keeps a label's room that way instead of measuring it on each keystroke.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

SIMPLIFY = 0.5  # mm the outline may move when simplified, by default (kept off every box)
Box = tuple[float, float, float, float]  # centre x, centre y, half width, half height


def _largest_part(shape: BaseGeometry) -> Polygon | None:
    """The polygon, or the largest polygon of its valid form (a self-touching outline, or a
    shape cut in two)."""
    if not shape.is_valid:
        shape = shapely.make_valid(shape)
    parts = [g for g in getattr(shape, "geoms", [shape]) if isinstance(g, Polygon) and g.area > 0]
    return max(parts, key=lambda g: g.area) if parts else None


class Room:
    """The rooms inside one closed outline (draft mm) or shape (its largest polygon)."""

    def __init__(self, outline: np.ndarray | BaseGeometry, tolerance: float = SIMPLIFY) -> None:
        """`tolerance`: how far (mm) the outline may be simplified, kept off every box."""
        shape = outline if isinstance(outline, BaseGeometry) else Polygon(np.asarray(outline, dtype=float))
        poly = _largest_part(shape)
        self.empty = poly is None
        self._boxes: dict[tuple, list[Box]] = {}  # by the aspects asked for
        if poly is None:
            return
        self.tolerance = tolerance
        simple = poly.simplify(tolerance)  # fewer segments to measure against; boxes shrink by as much
        if simple.is_valid and simple.area > 0:
            poly = simple
        rings = [np.asarray(r.coords) for r in (poly.exterior, *poly.interiors)]
        self._a = np.vstack([r[:-1] for r in rings])
        self._b = np.vstack([r[1:] for r in rings])
        x0, y0, x1, y1 = poly.bounds
        pole = polylabel(poly, max(0.5, 0.05 * min(x1 - x0, y1 - y0)))  # the candidates refine it
        px, py = pole.x, pole.y
        fractions = np.linspace(0.15, 0.85, 5)
        candidates = np.vstack([[[px, py]],
                                np.column_stack([x0 + fractions * (x1 - x0), np.full(5, py)]),
                                np.column_stack([np.full(5, px), y0 + fractions * (y1 - y0)])])
        inside = shapely.contains_xy(poly, candidates[:, 0], candidates[:, 1])
        inside[0] = True  # the pole is inside by construction
        self.centres = candidates[inside]

    def boxes(self, aspects) -> list[Box]:
        """For each width ÷ height in `aspects` (> 0), the largest upright box of that aspect
        inside the outline: (centre x, centre y, half width, half height); zero-sized if the
        outline is empty."""
        key = tuple(aspects)
        if key not in self._boxes:
            self._boxes[key] = self._measure(np.asarray(aspects, dtype=float).reshape(-1))
        return self._boxes[key]

    def shrunk(self, by: float) -> ShrunkRoom:
        """This room's boxes each less `by` mm on every side: a room of any outline whose points
        (and the keep-outs' corners) each lie within `by` mm of where this one's were."""
        return ShrunkRoom(self, by)

    def _measure(self, aspects: np.ndarray) -> list[Box]:
        if self.empty:
            return [(0.0, 0.0, 0.0, 0.0)] * len(aspects)
        half = _linf_distance(self.centres, self._a, self._b, aspects)  # (aspects, centres)
        best = np.argmax(half, axis=1)
        out = []
        for i, k in enumerate(best.tolist()):
            h = max(0.0, float(half[i, k]) - self.tolerance * max(1.0, 1.0 / aspects[i]))
            out.append((float(self.centres[k, 0]), float(self.centres[k, 1]), float(aspects[i]) * h, h))
        return out


class ShrunkRoom:
    """A measured room with every box shrunk by the same margin (see `Room.shrunk`)."""

    def __init__(self, room: Room, by: float) -> None:
        self.room, self.by, self.empty = room, by, room.empty

    def boxes(self, aspects) -> list[Box]:
        return [(cx, cy, max(0.0, hw - self.by), max(0.0, hh - self.by))
                for cx, cy, hw, hh in self.room.boxes(aspects)]


def _linf_distance(centres: np.ndarray, a: np.ndarray, b: np.ndarray, aspects: np.ndarray
                   ) -> np.ndarray:
    """For each aspect and centre, min over segments a→b of the L∞ distance after x is divided
    by the aspect: the half height of the largest box of that aspect centred there that no
    segment enters. Shape (aspects, centres)."""
    k = 1.0 / aspects[:, None, None]
    x0 = (a[None, :, 0] - centres[:, None, 0])[None] * k
    y0 = (a[None, :, 1] - centres[:, None, 1])[None]
    dx = (b[:, 0] - a[:, 0])[None, None, :] * k
    dy = (b[:, 1] - a[:, 1])[None, None, :]
    # max(|x|, |y|) = (|x + y| + |x − y|) / 2: along a segment, a sum of two |linear| terms, least
    # at an end or where one of them is zero
    p0, q0, dp, dq = x0 + y0, x0 - y0, dx + dy, dx - dy
    best = np.minimum(np.abs(p0) + np.abs(q0), np.abs(p0 + dp) + np.abs(q0 + dq))
    for zero_of, d in ((p0, dp), (q0, dq)):
        t = np.clip(np.divide(-zero_of, d, out=np.zeros(zero_of.shape), where=d != 0), 0.0, 1.0)
        best = np.minimum(best, np.abs(p0 + t * dp) + np.abs(q0 + t * dq))
    return 0.5 * best.min(axis=2)
