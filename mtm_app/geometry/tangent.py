"""Whether two curves run on smoothly across a seam: an armhole over the shoulder seam, a
neckline over centre back.

Sewn, the two pieces lie side by side along the seam, so the curves run on smoothly when the
angle each makes with the seam at the shared corner adds up to 180°; a neckline meeting its own
mirror across a centre-back fold must meet the fold square. The kink is how far from 180° the
sum is.
"""

from __future__ import annotations

import math

import numpy as np

from mtm_app.geometry.polyline import Point, Polyline

REACH = 1.0  # mm: vertices nearer the end than this are skipped (an interpolated end sits on a chord)
MEET = 0.5  # mm: a curve and a seam meet when their ends are this close


def leaving(path: Polyline, at_start: bool) -> Point:
    """Unit direction in which the path leaves its start (or its end, travelling backwards).

    The vertices of a flattened curve lie on the curve, so a parabola through the end and two
    vertices a little way in gives the tangent to second order, where the first chord alone
    would be off by half the angle it turns through.
    """
    pts = path.points if at_start else path.points[::-1]
    if len(pts) == 2:
        d = pts[1] - pts[0]
        return _unit(d)
    rel = pts[1:] - pts[0]
    s = np.hypot(rel[:, 0], rel[:, 1])  # chord distances stand in for arc length near the end
    far = (s >= min(REACH, 0.25 * float(s[-1]))).nonzero()[0]
    i = int(far[0]) if len(far) else len(s) - 1
    if i + 1 >= len(s):
        return _unit(rel[i])
    s1, s2, p1, p2 = s[i], s[i + 1], rel[i], rel[i + 1]
    return _unit((p1 * s2 * s2 - p2 * s1 * s1) / (s1 * s2 * (s2 - s1)))


def corner_angle(curve: Polyline, seam: Polyline) -> tuple[float, Point] | None:
    """The angle (degrees, 0–180) between `curve` and `seam` at the corner where an end of one
    meets an end of the other, and that corner; None when no ends meet."""
    ends = [(math.dist(c, s), ci, si) for ci, c in enumerate(curve.endpoints())
            for si, s in enumerate(seam.endpoints())]
    gap, ci, si = min(ends)
    if gap > MEET:
        return None
    u, v = leaving(curve, ci == 0), leaving(seam, si == 0)
    cos = max(-1.0, min(1.0, u[0] * v[0] + u[1] * v[1]))
    return math.degrees(math.acos(cos)), curve.endpoints()[ci]


def _unit(d: np.ndarray) -> Point:
    n = math.hypot(float(d[0]), float(d[1])) or 1.0
    return float(d[0]) / n, float(d[1]) / n
