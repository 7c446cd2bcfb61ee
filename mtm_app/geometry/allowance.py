"""Seam allowance: offset each edge of a seam line by its own allowance and join the corners.

Corner rules follow the cutting room:
- ``mitre``: the offset edges meet where they intersect; past MITRE_LIMIT × allowance the
  spike is clipped square to the bisector (a long point would fray and mis-stack);
- ``hem``: where a hem folds up, the allowance corner mirrors the neighbouring seam's
  allowance across the hem line, so the turned-up hem lies flat against that seam;
- ``square``: the incoming edge's allowance ends square to that edge, so a seam pressed
  open has its allowances flush;
- zero allowance (a fold, or an edge cut on the line) is just an allowance of 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mtm_app.geometry.polyline import Point, line_intersection

MITRE_LIMIT = 3.0
CORNER_RULES = ("mitre", "square", "hem")


@dataclass(frozen=True)
class EdgeOffset:
    """One edge of a closed seam line and how much allowance it gets."""

    points: np.ndarray
    allowance: float
    hem: bool = False


def orientation(points: np.ndarray) -> float:
    """+1 when the shoelace area is positive, -1 otherwise (fixes which side is outside)."""
    x, y = points[:, 0], points[:, 1]
    area = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    return 1.0 if area >= 0 else -1.0


def outward_normals(points: np.ndarray, sign: float) -> np.ndarray:
    """Unit outward normal of each segment of a polyline on a polygon of the given orientation."""
    d = np.diff(points, axis=0)
    lengths = np.hypot(d[:, 0], d[:, 1])
    lengths[lengths == 0] = 1.0
    return sign * np.stack([d[:, 1], -d[:, 0]], axis=1) / lengths[:, None]


def offset_polyline(points: np.ndarray, distance: float, sign: float) -> np.ndarray:
    """Offset an open polyline outward; interior vertices use the mitred bisector."""
    if distance == 0:
        return points.copy()
    seg_n = outward_normals(points, sign)
    vert_n = np.empty_like(points)
    vert_n[0], vert_n[-1] = seg_n[0], seg_n[-1]
    if len(points) > 2:
        m = seg_n[:-1] + seg_n[1:]
        dots = np.einsum("ij,ij->i", m, seg_n[1:])
        dots = np.where(np.abs(dots) < 0.25, 0.25, dots)
        vert_n[1:-1] = m / dots[:, None]
    return points + vert_n * distance


def _unit(v: tuple[float, float]) -> tuple[float, float]:
    n = math.hypot(v[0], v[1]) or 1.0
    return v[0] / n, v[1] / n


def _reflect(p: Point, a: Point, t: tuple[float, float]) -> Point:
    """Mirror p across the line through a with unit direction t."""
    vx, vy = p[0] - a[0], p[1] - a[1]
    k = vx * t[0] + vy * t[1]
    return a[0] + 2 * k * t[0] - vx, a[1] + 2 * k * t[1] - vy


def _tangents(points: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    first = _unit(tuple(points[1] - points[0]))
    last = _unit(tuple(points[-1] - points[-2]))
    return first, last


def _pt(a: np.ndarray) -> Point:
    return float(a[0]), float(a[1])


def _mitre(a_end: Point, ta, b_start: Point, tb, corner: Point, limit: float) -> list[Point]:
    x = line_intersection(a_end, (a_end[0] + ta[0], a_end[1] + ta[1]), b_start,
                          (b_start[0] + tb[0], b_start[1] + tb[1]))
    if x is None:
        return [a_end, b_start]
    u = (x[0] - a_end[0]) * ta[0] + (x[1] - a_end[1]) * ta[1]
    v = (x[0] - b_start[0]) * tb[0] + (x[1] - b_start[1]) * tb[1]
    if u < -1e-9 or v > 1e-9:
        return []  # the offsets overlap: a concave corner, trimmed by the caller
    reach = math.hypot(x[0] - corner[0], x[1] - corner[1])
    if reach <= limit or limit <= 0:
        return [x]
    bis = _unit((x[0] - corner[0], x[1] - corner[1]))
    c = (corner[0] + bis[0] * limit, corner[1] + bis[1] * limit)
    c2 = (c[0] - bis[1], c[1] + bis[0])
    p1 = line_intersection(a_end, (a_end[0] + ta[0], a_end[1] + ta[1]), c, c2)
    p2 = line_intersection(b_start, (b_start[0] + tb[0], b_start[1] + tb[1]), c, c2)
    return [p for p in (p1, p2) if p is not None]


def _hem_join(side_line: tuple[Point, tuple], hem_seam: tuple[Point, tuple],
              hem_cut: tuple[Point, tuple]) -> list[Point] | None:
    """Side allowance down to the hem fold, then its mirror image down to the hem's cut edge."""
    (s, ts), (h, th), (c, tc) = side_line, hem_seam, hem_cut
    p1 = line_intersection(s, (s[0] + ts[0], s[1] + ts[1]), h, (h[0] + th[0], h[1] + th[1]))
    if p1 is None:
        return None
    far = (s[0] - ts[0] * 100.0, s[1] - ts[1] * 100.0)
    mirrored = _reflect(far, h, th)
    p2 = line_intersection(p1, mirrored, c, (c[0] + tc[0], c[1] + tc[1]))
    return None if p2 is None else [p1, p2]


def _trim_overlap(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Cut the tail of `a` and the head of `b` at their first crossing (concave corners)."""
    na, nb = min(len(a) - 1, 60), min(len(b) - 1, 60)
    for i in range(len(a) - 2, len(a) - 2 - na, -1):
        p, r = a[i], a[i + 1] - a[i]
        q = b[:nb]
        s = b[1 : nb + 1] - q
        den = r[0] * s[:, 1] - r[1] * s[:, 0]
        ok = np.abs(den) > 1e-12
        qp = q - p
        t = np.where(ok, (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / np.where(ok, den, 1), -1)
        u = np.where(ok, (qp[:, 0] * r[1] - qp[:, 1] * r[0]) / np.where(ok, den, 1), -1)
        hit = np.nonzero(ok & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1))[0]
        if len(hit):
            j = int(hit[0])
            x = p + r * t[j]
            return np.vstack([a[: i + 1], x]), np.vstack([x, b[j + 1 :]])
    return None


def cut_line(edges: list[EdgeOffset], corner_rules: list[str]) -> np.ndarray:
    """The closed cut line (without repeating the first point) around the seam line.

    `corner_rules[i]` governs the corner at the start of edge i.
    """
    seam = np.vstack([e.points[:-1] for e in edges])
    sign = orientation(seam)
    offs = [offset_polyline(e.points, e.allowance, sign) for e in edges]
    n = len(edges)
    joins: list[list[Point]] = []
    for i in range(n):
        j = (i + 1) % n
        a, b = edges[i], edges[j]
        corner = _pt(b.points[0])
        a_end, b_start = _pt(offs[i][-1]), _pt(offs[j][0])
        if a.allowance == 0 and b.allowance == 0:
            joins.append([corner])
            continue
        _, ta = _tangents(a.points)
        tb, _ = _tangents(b.points)
        rule = corner_rules[j]
        pts: list[Point] | None = None
        if b.hem and not a.hem:
            pts = _hem_join((a_end, ta), (corner, tb), (b_start, tb))
        elif a.hem and not b.hem:
            back = _hem_join((b_start, (-tb[0], -tb[1])), (corner, (-ta[0], -ta[1])),
                             (a_end, (-ta[0], -ta[1])))
            pts = None if back is None else back[::-1]
        elif rule == "square":
            na = outward_normals(a.points[-2:], sign)[0]
            p2 = line_intersection(corner, (corner[0] + na[0], corner[1] + na[1]), b_start,
                                   (b_start[0] + tb[0], b_start[1] + tb[1]))
            if p2 is not None and (p2[0] - corner[0]) * na[0] + (p2[1] - corner[1]) * na[1] > (
                a.allowance + 1e-6
            ):
                pts = [a_end, p2]
        if pts is None:
            limit = MITRE_LIMIT * max(a.allowance, b.allowance)
            pts = _mitre(a_end, ta, b_start, tb, corner, limit)
            if not pts:
                trimmed = _trim_overlap(offs[i], offs[j])
                if trimmed is not None:
                    offs[i], offs[j] = trimmed
                pts = []
        else:
            pts = _clip_to_ends(pts, offs, i, j)
        joins.append(pts)
    parts: list[np.ndarray] = []
    for i in range(n):
        parts.append(offs[i])
        if joins[i]:
            parts.append(np.asarray(joins[i], dtype=float))
    return _dedupe(np.vstack(parts))


def _clip_to_ends(pts: list[Point], offs: list[np.ndarray], i: int, j: int) -> list[Point]:
    """Drop offset points that run past the first/last join point (hem and square joins)."""
    a, b = offs[i], offs[j]
    if len(a) >= 2:
        ta = _unit(tuple(a[-1] - a[-2]))
        first = pts[0]
        if (a[-1][0] - first[0]) * ta[0] + (a[-1][1] - first[1]) * ta[1] > 1e-9:
            offs[i] = a[:-1]
    if len(b) >= 2:
        tb = _unit(tuple(b[1] - b[0]))
        last = pts[-1]
        if (last[0] - b[0][0]) * tb[0] + (last[1] - b[0][1]) * tb[1] > 1e-9:
            offs[j] = b[1:]
    return pts


def _dedupe(points: np.ndarray, tol: float = 1e-6) -> np.ndarray:
    """Remove consecutive duplicates, including the closing point if it repeats the first."""
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.hypot(*np.diff(points, axis=0).T) > tol
    pts = points[keep]
    if len(pts) > 1 and math.hypot(*(pts[-1] - pts[0])) <= tol:
        pts = pts[:-1]
    return pts
