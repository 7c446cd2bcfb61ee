"""Open polylines: lengths, points at a distance, projection, sub-paths, line crossings.

Every edge of a piece is a polyline (a straight seam has two points, a flattened curve many),
so seam lengths, notch positions and sub-curves are all measured here, in one way.
"""

from __future__ import annotations

import math
from itertools import chain

import numpy as np

Point = tuple[float, float]


class Polyline:
    """An open polyline in draft coordinates (mm, y down the table).

    Lengths are computed on first use and kept (by hand: functools.cached_property takes a
    lock on every access in Python 3.11, which shows on a path drafted thousands of times).
    """

    __slots__ = ("_cum", "_ends", "_length", "points")

    def __init__(self, points: np.ndarray | list[Point]) -> None:
        self.points = np.asarray(points, dtype=float)
        self._cum: np.ndarray | None = None
        self._ends: tuple[Point, Point] | None = None
        self._length: float | None = None

    @classmethod
    def straight(cls, a: Point, b: Point) -> Polyline:
        """A straight seam from a to b, its ends known without reading the array back."""
        line = cls((a, b))
        line._ends = (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))
        return line

    @property
    def cumulative(self) -> np.ndarray:
        if self._cum is None:
            pts = self.points
            if len(pts) == 2:  # a straight seam: skip numpy's per-call overhead
                (x0, y0), (x1, y1) = pts.tolist()
                self._cum = np.array((0.0, math.hypot(x1 - x0, y1 - y0)))
            else:
                d = pts[1:] - pts[:-1]
                out = np.zeros(len(pts))
                np.hypot(d[:, 0], d[:, 1]).cumsum(out=out[1:])  # the method: np.cumsum wraps it in Python
                self._cum = out
        return self._cum

    @property
    def length(self) -> float:
        if self._length is None:
            if len(self.points) == 2:  # a straight seam needs no cumulative array
                (x0, y0), (x1, y1) = self.endpoints()
                self._length = math.hypot(x1 - x0, y1 - y0)
            elif self._cum is not None:
                self._length = float(self._cum[-1])
            else:  # a curve measured in a formula (a solve's trial): its length alone is wanted
                d = self.points[1:] - self.points[:-1]
                self._length = float(np.hypot(d[:, 0], d[:, 1]).sum())
        return self._length

    def endpoints(self) -> tuple[Point, Point]:
        """(start, end) as plain tuples."""
        if self._ends is None:
            pts = self.points
            (x0, y0), (x1, y1) = pts[0].tolist(), pts[-1].tolist()
            self._ends = (x0, y0), (x1, y1)
        return self._ends

    @property
    def start(self) -> Point:
        return self.endpoints()[0]

    @property
    def end(self) -> Point:
        return self.endpoints()[1]

    def reversed(self) -> Polyline:
        """The same path walked the other way; the lengths already measured carry over."""
        out = Polyline(self.points[::-1])
        if self._cum is not None:
            out._cum = self._cum[-1] - self._cum[::-1]
            out._length = self._length
        if self._ends is not None:
            out._ends = self._ends[1], self._ends[0]
        return out

    def frame_at(self, distance: float) -> tuple[Point, Point]:
        """(point, unit direction of travel) `distance` mm along the path.

        A negative distance is measured back from the end.
        """
        if len(self.points) == 2:  # a straight seam: no arrays needed
            (px, py), (qx, qy) = self.endpoints()
            total = self.length
            d = min(max(total + distance if distance < 0 else distance, 0.0), total)
            f = d / total if total > 0 else 0.0
            n = total or 1.0
            return (px + (qx - px) * f, py + (qy - py) * f), ((qx - px) / n, (qy - py) / n)
        cum = self.cumulative
        total = float(cum[-1])
        d = total + distance if distance < 0 else distance
        d = min(max(d, 0.0), total)
        i = min(max(int(cum.searchsorted(d, "right")) - 1, 0), len(cum) - 2)
        c0, c1 = cum[i:i + 2].tolist()
        seg = c1 - c0
        f = (d - c0) / seg if seg > 0 else 0.0
        (px, py), (qx, qy) = self.points[i:i + 2].tolist()
        n = math.hypot(qx - px, qy - py) or 1.0
        return (px + (qx - px) * f, py + (qy - py) * f), ((qx - px) / n, (qy - py) / n)

    def point_at(self, distance: float) -> Point:
        """The point `distance` mm along the path (negative: measured back from the end)."""
        return self.frame_at(distance)[0]

    def project(self, p: Point) -> tuple[float, float]:
        """(distance along the path of the nearest point, distance from the path) for `p`."""
        (x0, y0), (x1, y1) = self.endpoints()
        if abs(x0 - p[0]) + abs(y0 - p[1]) < 1e-9:  # notches often sit on a corner
            return 0.0, 0.0
        if abs(x1 - p[0]) + abs(y1 - p[1]) < 1e-9:
            return self.length, 0.0
        a = self.points[:-1]
        ab = self.points[1:] - a
        ax, ay = a[:, 0], a[:, 1]
        bx, by = ab[:, 0], ab[:, 1]
        px, py = p[0] - ax, p[1] - ay
        denom = bx * bx + by * by
        denom[denom == 0] = 1.0
        t = np.minimum(np.maximum((px * bx + py * by) / denom, 0.0), 1.0)
        gx, gy = px - bx * t, py - by * t
        gaps = gx * gx + gy * gy
        i = int(gaps.argmin())
        return float(self.cumulative[i] + t[i] * math.sqrt(denom[i])), math.sqrt(float(gaps[i]))

    def between(self, d0: float, d1: float) -> Polyline:
        """The sub-path from distance d0 to d1 (reversed when d1 < d0)."""
        if d1 < d0:
            return self.between(d1, d0).reversed()
        cum = self.cumulative
        total = float(cum[-1])
        d0, d1 = min(max(d0, 0.0), total), min(max(d1, 0.0), total)
        # the inner vertices: those strictly between d0 and d1
        lo = int(cum.searchsorted(d0 + 1e-9, "right"))
        hi = max(int(cum.searchsorted(d1 - 1e-9, "left")), lo)
        first, last = self.point_at(d0), self.point_at(d1)
        points = np.empty((hi - lo + 2, 2))
        points[0], points[1:-1], points[-1] = first, self.points[lo:hi], last
        out = Polyline(points)
        # the sub-path runs along the same segments: its lengths are the parent's, shifted
        sub = np.empty(hi - lo + 2)
        sub[0], sub[1:-1], sub[-1] = 0.0, cum[lo:hi] - d0, d1 - d0
        out._cum, out._ends = sub, (first, last)
        return out

    def crossings(self, a: Point, b: Point) -> list[tuple[float, Point]]:
        """Where the infinite line through a and b crosses the path: (distance along, point)."""
        pts = self.points
        dx, dy = b[0] - a[0], b[1] - a[1]
        side = (pts[:, 0] - a[0]) * dy - (pts[:, 1] - a[1]) * dx
        hits: list[tuple[float, Point]] = []
        cum = self.cumulative
        for i in (side[:-1] * side[1:] <= 0).nonzero()[0].tolist():  # few: plain floats from here
            s0, s1 = side[i:i + 2].tolist()
            f = 0.0 if s0 == s1 else s0 / (s0 - s1)
            (x0, y0), (x1, y1) = pts[i:i + 2].tolist()
            c0, c1 = cum[i:i + 2].tolist()
            hits.append((c0 + (c1 - c0) * f, (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)))
        return hits


def line_intersection(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """Intersection of the infinite lines ab and cd, or None when they are parallel."""
    r = (b[0] - a[0], b[1] - a[1])
    s = (d[0] - c[0], d[1] - c[1])
    den = r[0] * s[1] - r[1] * s[0]
    if abs(den) < 1e-12 * (math.hypot(*r) * math.hypot(*s) + 1e-300):
        return None
    t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den
    return a[0] + r[0] * t, a[1] + r[1] * t


def points_array(points: list[Point]) -> np.ndarray:
    """Points given as pairs, as an (n, 2) array: read flat, numpy need not discover how the
    pairs nest (half the time of np.array on a list of a hundred pairs)."""
    return np.fromiter(chain.from_iterable(points), float, 2 * len(points)).reshape(-1, 2)


TURN_ANGLE = 15.0  # degrees: a vertex turning more than this is a corner (a turn point), else on a curve


def turn_mask(points: np.ndarray, closed: bool = True, angle: float = TURN_ANGLE) -> np.ndarray:
    """True at each vertex where the line turns by more than `angle` degrees; an open line's
    two ends are turn points too (where it starts and stops)."""
    pts = np.asarray(points, dtype=float)
    prev = pts - np.roll(pts, 1, axis=0)
    nxt = np.roll(pts, -1, axis=0) - pts
    a = np.arctan2(prev[:, 1], prev[:, 0])
    b = np.arctan2(nxt[:, 1], nxt[:, 0])
    mask = np.degrees(np.abs((b - a + np.pi) % (2 * np.pi) - np.pi)) > angle
    if not closed and len(mask):
        mask[0] = mask[-1] = True
    return mask
