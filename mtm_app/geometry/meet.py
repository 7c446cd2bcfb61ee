"""Where two construction shapes meet: lines, circles (a tape swung about a point) and curves.

A draft finds a point the way a tailor does on the table: swing a tape of given length from a
point until it reaches a line, another swing or a curve. Each meeting gives every crossing;
which one the draft wants is said by a `pick` rule (upper, lower, left, right, nearest a
point), never by the order a solver happened to find them in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

from mtm_app.geometry.polyline import Point, Polyline, line_intersection

PICKS = ("upper", "lower", "left", "right")  # up the table is −y


@dataclass(frozen=True)
class Line:
    """The infinite line through a and b (a ≠ b)."""

    a: Point
    b: Point


@dataclass(frozen=True)
class Circle:
    """All points `radius` from `centre`: where a tape of that length reaches."""

    centre: Point
    radius: float


@dataclass(frozen=True)
class Path:
    """A curve, as its flattened polyline."""

    polyline: Polyline


Shape = Line | Circle | Path


def meet(s: Shape, t: Shape) -> list[Point]:
    """Every point where s and t cross (a tangent touch counts once)."""
    if (isinstance(t, Line) and not isinstance(s, Line)) or (isinstance(s, Path) and isinstance(t, Circle)):
        s, t = t, s
    if isinstance(s, Line):
        if isinstance(t, Line):
            x = line_intersection(s.a, s.b, t.a, t.b)
            return [] if x is None else [x]
        if isinstance(t, Circle):
            return circle_line(t.centre, t.radius, s.a, s.b)
        return [p for _d, p in t.polyline.crossings(s.a, s.b)]
    if isinstance(s, Circle):
        if isinstance(t, Circle):
            return circle_circle(s.centre, s.radius, t.centre, t.radius)
        return circle_path(s.centre, s.radius, t.polyline.points)
    return path_path(s.polyline.points, t.polyline.points)


def circle_line(c: Point, r: float, a: Point, b: Point) -> list[Point]:
    """Where the circle about c of radius r crosses the infinite line ab."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    if n == 0 or r < 0:
        return []
    ux, uy = dx / n, dy / n
    t0 = (c[0] - a[0]) * ux + (c[1] - a[1]) * uy  # foot of the perpendicular from c
    fx, fy = a[0] + ux * t0, a[1] + uy * t0
    gap = math.hypot(c[0] - fx, c[1] - fy)
    if gap > r + 1e-9 * max(1.0, r):
        return []
    h = math.sqrt(max(r * r - gap * gap, 0.0))
    if h == 0:
        return [(fx, fy)]
    return [(fx - ux * h, fy - uy * h), (fx + ux * h, fy + uy * h)]


def circle_circle(c1: Point, r1: float, c2: Point, r2: float) -> list[Point]:
    """Where two circles cross: the two ends of a triangle of sides d, r1, r2."""
    d = math.dist(c1, c2)
    if d == 0 or r1 < 0 or r2 < 0 or d > r1 + r2 + 1e-9 * d or d < abs(r1 - r2) - 1e-9 * d:
        return []
    a = (d * d + r1 * r1 - r2 * r2) / (2 * d)
    h = math.sqrt(max(r1 * r1 - a * a, 0.0))
    ux, uy = (c2[0] - c1[0]) / d, (c2[1] - c1[1]) / d
    mx, my = c1[0] + ux * a, c1[1] + uy * a
    if h == 0:
        return [(mx, my)]
    return [(mx - uy * h, my + ux * h), (mx + uy * h, my - ux * h)]


def circle_path(c: Point, r: float, pts: np.ndarray) -> list[Point]:
    """Where the circle crosses a polyline: each segment solved exactly (a quadratic in t)."""
    p, q = pts[:-1], pts[1:]
    d = q - p
    f = p - np.asarray(c, dtype=float)
    a = np.einsum("ij,ij->i", d, d)
    b = 2 * np.einsum("ij,ij->i", f, d)
    k = np.einsum("ij,ij->i", f, f) - r * r
    disc = b * b - 4 * a * k
    out: list[Point] = []
    for i in np.nonzero((disc >= 0) & (a > 0))[0]:
        root = math.sqrt(disc[i])
        for t in ((-b[i] - root) / (2 * a[i]), (-b[i] + root) / (2 * a[i])):
            if 0 <= t <= 1:
                x, y = (p[i] + d[i] * t).tolist()
                if not out or math.hypot(x - out[-1][0], y - out[-1][1]) > 1e-6:
                    out.append((x, y))
    return out


def path_path(p: np.ndarray, q: np.ndarray) -> list[Point]:
    """Where two polylines cross (GEOS: indexed, so two 400-segment curves stay cheap)."""
    hit = shapely.intersection(shapely.LineString(p), shapely.LineString(q))
    coords = shapely.get_coordinates(hit)  # an overlap gives its end points
    return [(float(x), float(y)) for x, y in coords]


def pick(points: list[Point], rule: str | None, near: Point | None = None) -> Point:
    """The one point the rule names: upper (least y), lower, left (least x), right, or the
    nearest to `near`."""
    if near is not None:
        return min(points, key=lambda p: math.hypot(p[0] - near[0], p[1] - near[1]))
    if rule == "upper":
        return min(points, key=lambda p: p[1])
    if rule == "lower":
        return max(points, key=lambda p: p[1])
    if rule == "left":
        return min(points, key=lambda p: p[0])
    if rule == "right":
        return max(points, key=lambda p: p[0])
    return points[0]
