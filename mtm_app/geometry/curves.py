"""Cubic Bézier paths and their flattening to polylines within a fixed tolerance.

A pattern's curves (armhole, neckline, sleeve cap) are cubic Béziers with controlled end
tangents; geometry and export work on polylines, so every curve is flattened once, within
`FLATNESS` of the true curve, using Wang's formula for the number of segments.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from mtm_app.geometry.polyline import Polyline

Point = tuple[float, float]
FLATNESS = 0.05  # mm; half the 0.1 mm the cut files promise, to leave room for rounding
_MAX_SEGMENTS = 400


def _segment_count(p0: Point, p1: Point, p2: Point, p3: Point) -> int:
    """Wang's bound: enough uniform steps that the chord stays within FLATNESS of the cubic."""
    ax, ay = p0[0] - 2 * p1[0] + p2[0], p0[1] - 2 * p1[1] + p2[1]
    bx, by = p1[0] - 2 * p2[0] + p3[0], p1[1] - 2 * p2[1] + p3[1]
    m = max(math.hypot(ax, ay), math.hypot(bx, by))
    return max(2, min(_MAX_SEGMENTS, math.ceil(math.sqrt(0.75 * m / FLATNESS))))


_BASIS_CACHE: dict[int, np.ndarray] = {}


def _basis(n: int) -> np.ndarray:
    basis = _BASIS_CACHE.get(n)
    if basis is None:
        t = np.linspace(0.0, 1.0, n + 1)
        u = 1.0 - t
        basis = np.stack([u**3, 3 * u * u * t, 3 * u * t * t, t**3], axis=1)
        _BASIS_CACHE[n] = basis
    return basis


_CHAIN_CACHE: dict[tuple[int, ...], np.ndarray] = {}
CHAIN_CACHE_BYTES = 16 * 2**20
_CHAIN_CACHE_SIZE = [0]  # bytes held by _CHAIN_CACHE


def _chain_basis(counts: tuple[int, ...]) -> np.ndarray:
    """The bases of a chain of segments flattened in `counts` steps each, side by side in one
    matrix: one product with the stacked control points flattens the whole chain (each
    segment after the first without its start, the previous one's end)."""
    chain = _CHAIN_CACHE.get(counts)
    if chain is None:
        chain = np.zeros((sum(counts) + 1, 4 * len(counts)))
        row = 0
        for i, n in enumerate(counts):
            skip = 1 if i else 0
            chain[row:row + n + 1 - skip, 4 * i:4 * i + 4] = _basis(n)[skip:]
            row += n + 1 - skip
        # kept up to a budget: each body gives new step counts, and a long chain's matrix grows
        # with the square of its segments (the shipped blocks' chains fill ~6 MB over 4,000 men)
        if _CHAIN_CACHE_SIZE[0] + chain.nbytes <= CHAIN_CACHE_BYTES:
            _CHAIN_CACHE[counts] = chain
            _CHAIN_CACHE_SIZE[0] += chain.nbytes
    return chain


@dataclass(frozen=True)
class BezierPath:
    """A chain of cubic segments, each (start, control 1, control 2, end), end to start."""

    segments: tuple[tuple[Point, Point, Point, Point], ...]
    _flat: list[Polyline] = field(default_factory=list, compare=False, repr=False)

    @property
    def start(self) -> Point:
        return self.segments[0][0]

    @property
    def end(self) -> Point:
        return self.segments[-1][3]

    @property
    def polyline(self) -> Polyline:
        if not self._flat:
            self._flat.append(Polyline(self._flatten()))
        return self._flat[0]

    @property
    def length(self) -> float:
        return self.polyline.length

    def mapped(self, move: Callable[[np.ndarray], np.ndarray]) -> BezierPath:
        """The same path moved rigidly: a rotation or reflection moves the control points."""
        controls = move(np.array(self.segments, dtype=float).reshape(-1, 2)).reshape(-1, 4, 2).tolist()
        return BezierPath(tuple(tuple(map(tuple, seg)) for seg in controls))

    def _flatten(self) -> np.ndarray:
        segments = self.segments
        counts = tuple(_segment_count(*seg) for seg in segments)
        # the control points read flat (numpy need not discover the nesting), then one product
        coordinates = chain.from_iterable(chain.from_iterable(segments))
        controls = np.fromiter(coordinates, float, 8 * len(segments)).reshape(-1, 2)
        return np.dot(_chain_basis(counts), controls)


@dataclass(frozen=True)
class PolyPath:
    """A curve known only as a polyline: an offset of a curve, which no Bézier draws exactly."""

    polyline: Polyline

    @property
    def start(self) -> Point:
        return self.polyline.start

    @property
    def end(self) -> Point:
        return self.polyline.end

    @property
    def length(self) -> float:
        return self.polyline.length

    def mapped(self, move: Callable[[np.ndarray], np.ndarray]) -> PolyPath:
        return PolyPath(Polyline(move(self.polyline.points)))


Curve = BezierPath | PolyPath


def bezier(p0: Point, c1: Point, c2: Point, p3: Point) -> BezierPath:
    return BezierPath(((p0, c1, c2, p3),))


def direction(angle_deg: float) -> Point:
    """Unit vector for a pattern angle (0° right, 90° up the table = negative y)."""
    a = math.radians(angle_deg)
    return math.cos(a), -math.sin(a)


def tangent_bezier(
    p0: Point, p3: Point, start_angle: float, start_len: float, end_angle: float, end_len: float
) -> BezierPath:
    """A cubic leaving p0 at `start_angle` and arriving at p3 travelling at `end_angle`."""
    d0, d3 = direction(start_angle), direction(end_angle)
    c1 = (p0[0] + d0[0] * start_len, p0[1] + d0[1] * start_len)
    c2 = (p3[0] - d3[0] * end_len, p3[1] - d3[1] * end_len)
    return bezier(p0, c1, c2, p3)


def smooth_through(
    points: list[Point], start_angle: float | None = None, end_angle: float | None = None
) -> BezierPath:
    """A smooth path through every point (Catmull-Rom tangents scaled by chord length).

    Optional end angles fix the direction at the first and last point, so a side seam can
    leave the underarm square to the chest line, or a hem meet centre front at 90°.
    Plain Python: a handful of points costs less without numpy's per-call overhead.
    """
    n = len(points)
    pts = [(float(x), float(y)) for x, y in points]
    chords = [math.dist(pts[i], pts[i + 1]) for i in range(n - 1)]
    tangents: list[Point] = []
    for i in range(n):
        if i == 0 and start_angle is not None:
            tangents.append(direction(start_angle))
        elif i == n - 1 and end_angle is not None:
            tangents.append(direction(end_angle))
        else:
            a, b = pts[max(i - 1, 0)], pts[min(i + 1, n - 1)]
            tangents.append(_unit(b[0] - a[0], b[1] - a[1]))
    if n > 2 and start_angle is None:  # a natural end: mirror the neighbour's tangent
        u = _unit(pts[1][0] - pts[0][0], pts[1][1] - pts[0][1])
        tangents[0] = _unit(2 * u[0] - tangents[1][0], 2 * u[1] - tangents[1][1])
    if n > 2 and end_angle is None:
        u = _unit(pts[-1][0] - pts[-2][0], pts[-1][1] - pts[-2][1])
        tangents[-1] = _unit(2 * u[0] - tangents[-2][0], 2 * u[1] - tangents[-2][1])
    segments = []
    for i in range(n - 1):
        k = chords[i] / 3.0
        (x0, y0), (x1, y1) = pts[i], pts[i + 1]
        (t0x, t0y), (t1x, t1y) = tangents[i], tangents[i + 1]
        segments.append(((x0, y0), (x0 + t0x * k, y0 + t0y * k), (x1 - t1x * k, y1 - t1y * k),
                         (x1, y1)))
    return BezierPath(tuple(segments))


def _unit(dx: float, dy: float) -> Point:
    norm = math.hypot(dx, dy)
    return (dx / norm, dy / norm) if norm > 1e-12 else (1.0, 0.0)
