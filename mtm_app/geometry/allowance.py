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
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import shapely

from mtm_app.geometry.polyline import Point, line_intersection, points_array

MITRE_LIMIT = 3.0
# cos 8°: where the seam runs on (nearly) straight and the allowance changes width, the cut
# line steps square across; intersecting two near-parallel offsets would shoot far away
STEP_TURN = 0.99
CORNER_RULES = ("mitre", "square", "hem")


class EdgeOffset(NamedTuple):
    """One edge of a closed seam line and how much allowance it gets (a tuple: built per draft)."""

    points: np.ndarray
    allowance: float
    hem: bool = False


def orientation(points: np.ndarray) -> float:
    """+1 when the shoelace area is positive, -1 otherwise (fixes which side is outside)."""
    return 1.0 if signed_area(points) >= 0 else -1.0


def signed_area(points: np.ndarray) -> float:
    """Shoelace area of a closed ring given without its repeated first point."""
    x, y = points[:, 0], points[:, 1]
    return 0.5 * float(x[:-1] @ y[1:] - y[:-1] @ x[1:] + x[-1] * y[0] - y[-1] * x[0])


def _unit(v: tuple[float, float]) -> tuple[float, float]:
    n = math.hypot(v[0], v[1]) or 1.0
    return v[0] / n, v[1] / n


def _reflect(p: Point, a: Point, t: tuple[float, float]) -> Point:
    """Mirror p across the line through a with unit direction t."""
    vx, vy = p[0] - a[0], p[1] - a[1]
    k = vx * t[0] + vy * t[1]
    return a[0] + 2 * k * t[0] - vx, a[1] + 2 * k * t[1] - vy


def _pt(a: np.ndarray) -> Point:
    return float(a[0]), float(a[1])


def _mitre(a_end: Point, ta, b_start: Point, tb, corner: Point, limit: float) -> list[Point]:
    """Where the two offset edges meet; a convex spike longer than `limit` is clipped.

    `ta` and `tb` are unit tangents (or zero, for a degenerate segment), so the crossing is
    solved here in place: this runs at every corner of every piece of every draft.
    """
    den = ta[0] * tb[1] - ta[1] * tb[0]
    if abs(den) < 1e-12:  # parallel: the edges run on, or double back
        return [a_end, b_start]
    u = ((b_start[0] - a_end[0]) * tb[1] - (b_start[1] - a_end[1]) * tb[0]) / den  # along ta
    x = (a_end[0] + ta[0] * u, a_end[1] + ta[1] * u)
    v = (x[0] - b_start[0]) * tb[0] + (x[1] - b_start[1]) * tb[1]
    reach = math.hypot(x[0] - corner[0], x[1] - corner[1])
    if u < 0 or v > 0 or reach <= limit or limit <= 0:
        return [x]  # concave corners are trimmed back to x by the caller
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


def _offsets(edges: list[EdgeOffset], signs: list[float]
             ) -> tuple[list[np.ndarray], np.ndarray, list[int], list, list, list]:
    """Offset every edge of every piece in one numpy pass (numpy pays per call, not per point).

    `signs[k]` is the orientation of the piece edge k belongs to. Returns the offset polylines,
    the unit tangent of every segment, where each edge's points start in the concatenation,
    and, as plain lists, each offset edge's first and last point and each seam corner.
    """
    counts = [len(e.points) for e in edges]
    bounds = [0]
    for c in counts:
        bounds.append(bounds[-1] + c)
    starts = np.asarray(bounds[:-1])
    ends = starts + np.asarray(counts) - 1
    pts = np.concatenate([e.points for e in edges])
    d = pts[1:] - pts[:-1]
    lengths = np.sqrt(d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1])
    lengths[lengths == 0] = 1.0
    tangents = d / lengths[:, None]
    sign = np.asarray(signs).repeat(counts)[:-1]
    normals = np.empty_like(tangents)
    normals[:, 0] = sign * tangents[:, 1]
    normals[:, 1] = -sign * tangents[:, 0]
    # each vertex moves along its mitre (slices over every vertex beat picking the interior
    # ones); an edge's end vertices then take their own segment's normal
    vn = np.empty_like(pts)
    m = normals[:-1] + normals[1:]
    dots = m[:, 0] * normals[1:, 0] + m[:, 1] * normals[1:, 1]
    dots[np.abs(dots) < 0.25] = 0.25
    vn[1:-1] = m / dots[:, None]
    vn[starts] = normals[starts]
    vn[ends] = normals[ends - 1]
    offs = pts + vn * np.asarray([e.allowance for e in edges]).repeat(counts)[:, None]
    split = [offs[bounds[k]:bounds[k + 1]] for k in range(len(edges))]
    return split, tangents, bounds, offs[starts].tolist(), offs[ends].tolist(), pts[starts].tolist()


def cut_line(edges: list[EdgeOffset], corner_rules: list[str], sign: float) -> np.ndarray:
    """The closed cut line (without repeating the first point) around one seam line.

    `corner_rules[i]` governs the corner at the start of edge i; `sign` is the seam line's
    orientation (see `orientation`).
    """
    return cut_lines([(edges, corner_rules, sign)])[0]


def cut_lines(outlines: list[tuple[list[EdgeOffset], list[str], float]]) -> list[np.ndarray]:
    """Cut lines of many pieces at once: (edges, corner rules, orientation) for each."""
    all_edges = [e for edges, _, _ in outlines for e in edges]
    signs = [sign for edges, _, sign in outlines for _ in edges]
    offs_all, tangents, bounds, heads_at, tails_at, corners_all = _offsets(all_edges, signs)
    head_tan = tangents[bounds[:-1]].tolist()
    tail_tan = tangents[np.asarray(bounds[1:]) - 2].tolist()
    rings, first = [], 0
    for edges, rules, sign in outlines:
        n = len(edges)
        piece = slice(first, first + n)
        ends = (heads_at[piece], tails_at[piece], corners_all[piece])
        rings.append(_join_corners(edges, rules, sign, offs_all[piece], head_tan[piece],
                                   tail_tan[piece], ends))
        first += n
    return _stitch(rings)


def _join_corners(edges: list[EdgeOffset], corner_rules: list[str], sign: float,
                  offs: list[np.ndarray], heads: list, tails: list, ends
                  ) -> tuple[list[np.ndarray], list[list[Point]]]:
    """Walk the offset edges and join each corner by its rule: (offset edges, join points)."""
    n = len(edges)
    offset_starts, offset_ends, corners = ends
    joins: list[list[Point]] = []
    for i in range(n):
        j = (i + 1) % n
        a, b = edges[i], edges[j]
        corner = corners[j]
        a_end, b_start = offset_ends[i], offset_starts[j]
        if a.allowance == 0 and b.allowance == 0:
            joins.append([corner])
            continue
        ta, tb = tails[i], heads[j]
        turn = ta[0] * tb[0] + ta[1] * tb[1]
        if a.allowance == b.allowance and turn > 0.9999:
            joins.append([a_end])  # a smooth join: the offsets meet already
            _clip_to_join(offs, i, j, joins[-1], ta, tb, a_end, b_start)
            continue
        if a.allowance != b.allowance and turn > STEP_TURN:
            # the allowance steps where it changes width; a hem running on from a seam (a
            # faced front curving into the hem) has no corner whose seam it could mirror
            joins.append([a_end, b_start])
            continue
        rule = corner_rules[j]
        pts: list[Point] | None = None
        if b.hem and not a.hem:
            pts = _hem_join((a_end, ta), (corner, tb), (b_start, tb))
        elif a.hem and not b.hem:
            back = _hem_join((b_start, (-tb[0], -tb[1])), (corner, (-ta[0], -ta[1])),
                             (a_end, (-ta[0], -ta[1])))
            pts = None if back is None else back[::-1]
        elif rule == "square":
            na = (sign * ta[1], -sign * ta[0])
            p2 = line_intersection(corner, (corner[0] + na[0], corner[1] + na[1]), b_start,
                                   (b_start[0] + tb[0], b_start[1] + tb[1]))
            if p2 is not None:
                pts = [a_end, p2]
        if pts is None:
            pts = _mitre(a_end, ta, b_start, tb, corner, MITRE_LIMIT * max(a.allowance, b.allowance))
        _clip_to_join(offs, i, j, pts, ta, tb, a_end, b_start)
        joins.append(pts)
    return offs, joins


def _stitch(rings: list[tuple[list[np.ndarray], list[list[Point]]]]) -> list[np.ndarray]:
    """Each piece's offset edges and join points as one closed ring without repeated points.

    All pieces go through numpy together: it pays per call, not per point.
    """
    joined = points_array([p for _, joins in rings for pts in joins for p in pts])
    parts, starts, k, total = [], [0], 0, 0
    for offs, joins in rings:
        for arr, pts in zip(offs, joins, strict=True):
            parts.append(arr)
            parts.append(joined[k:k + len(pts)])
            k += len(pts)
            total += len(arr) + len(pts)
        starts.append(total)
    ring = np.concatenate(parts)
    nxt = np.empty_like(ring)
    nxt[:-1] = ring[1:]
    heads, tails = np.asarray(starts[:-1]), np.asarray(starts[1:]) - 1
    nxt[tails] = ring[heads]  # each ring closes on its own first point
    step = nxt - ring
    keep = (np.abs(step) > 1e-6).any(axis=1)
    kept = np.concatenate(([0], keep.cumsum())).tolist()
    ring = ring[keep]
    bounds = [kept[s] for s in starts]
    out = [ring[a:b] for a, b in pairwise(bounds)]
    tips = _tips(step[keep], bounds)  # a kept vertex's step leads to the next kept one, ±1 µm
    for k in {int(np.searchsorted(bounds, t, "right")) - 1 for t in tips.tolist()}:
        out[k] = without_needles(out[k])[0]
    return out


NEEDLE = -0.9999  # cosine of the turn at a vertex where the line runs back on itself (≥ 179.2°)
NEEDLE_WIDTH = 0.01  # mm: and comes back within this of the line it went out on


def _tips(out: np.ndarray, bounds: list[int]) -> np.ndarray:
    """The vertices where a ring runs out and straight back, given the segment leaving each
    vertex (ring k's vertices are bounds[k]:bounds[k + 1]): the tips of needles of no area,
    left where an offset overshoots a join along the line it runs on. A plotter would cut
    one as a slit into the cloth beside the piece."""
    heads, tails = np.asarray(bounds[:-1]), np.asarray(bounds[1:]) - 1
    back = np.empty_like(out)  # the segment arriving at each vertex
    back[1:] = out[:-1]
    back[heads] = out[tails]
    dot = out[:, 0] * back[:, 0] + out[:, 1] * back[:, 1]
    cross = out[:, 0] * back[:, 1] - out[:, 1] * back[:, 0]
    square = out[:, 0] * out[:, 0] + out[:, 1] * out[:, 1]
    arriving = np.empty_like(square)
    arriving[1:] = square[:-1]
    arriving[heads] = square[tails]
    back_along = (dot < 0) & (dot * dot > NEEDLE * NEEDLE * square * arriving)
    thin = cross * cross < NEEDLE_WIDTH * NEEDLE_WIDTH * arriving  # not a slender wedge drawn on purpose
    return (back_along & thin).nonzero()[0]


def without_needles(ring: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ring with its needles' tips taken off, and again until none is left (a needle of
    several points loses them one by one); its area is unchanged. Also the tips taken off, to
    say where they were (a piece read from another CAD's file)."""
    taken = []
    while len(ring) > 3:
        tips = _tips(_steps(ring), [0, len(ring)])
        if not len(tips) or len(ring) - len(tips) < 3:
            break
        taken.append(ring[tips])
        ring = np.delete(ring, tips, axis=0)
        ring = ring[(np.abs(_steps(ring)) > 1e-6).any(axis=1)]  # a point repeated where a tip came off
    return ring, np.concatenate(taken) if taken else np.empty((0, 2))


def _steps(ring: np.ndarray) -> np.ndarray:
    """The segment leaving each vertex of a closed ring, the last one back to the first."""
    out = np.empty_like(ring)
    out[:-1] = ring[1:] - ring[:-1]
    out[-1] = ring[0] - ring[-1]
    return out


def _clip_to_join(offs: list[np.ndarray], i: int, j: int, pts: list[Point], ta, tb,
                  a_end: Point, b_start: Point) -> None:
    """Drop offset points of edge i past the join, and of edge j before it.

    Where offsets overlap (a concave corner, or a curve whose offset starts a hair behind
    the neighbouring edge) this trims them back to the join instead of leaving a spike.
    """
    a, b = offs[i], offs[j]
    fx, fy = pts[0]
    lx, ly = pts[-1]
    (ax, ay), (bx, by) = a_end, b_start
    if (ax - fx) * ta[0] + (ay - fy) * ta[1] <= 1e-9 and (bx - lx) * tb[0] + (by - ly) * tb[1] >= -1e-9:
        return  # neither offset runs past the join: the usual case
    k = len(a)
    while k > 1 and (a[k - 1][0] - fx) * ta[0] + (a[k - 1][1] - fy) * ta[1] > 1e-9:
        k -= 1
    m = 0
    while m < len(b) - 1 and (b[m][0] - lx) * tb[0] + (b[m][1] - ly) * tb[1] < -1e-9:
        m += 1
    if k < len(a):
        offs[i] = a[:k]
    if m:
        offs[j] = b[m:]


def remove_offset_loops(ring: np.ndarray) -> np.ndarray:
    """Trim the small loops an offset makes where a concave curve is tighter than the allowance.

    Offsetting a curve whose radius is smaller than the allowance folds the offset over itself
    (a "swallowtail"); the fabric edge is the outer envelope, which is what this returns.
    A ring that is already simple is returned unchanged.
    """
    polygon = shapely.Polygon(ring)
    if polygon.is_valid:
        return ring
    cleaned = shapely.make_valid(polygon, method="structure", keep_collapsed=False)
    parts = [g for g in getattr(cleaned, "geoms", [cleaned]) if isinstance(g, shapely.Polygon)]
    if not parts:
        return ring
    outer = max(parts, key=lambda g: g.area)
    coords = np.asarray(outer.exterior.coords)[:-1]
    if orientation(coords) != orientation(ring):
        coords = coords[::-1]
    return coords


def ring_polygons(rings: list[np.ndarray]) -> np.ndarray:
    """Closed rings (seam or cut lines) as shapely polygons, made in one call (numpy and GEOS pay
    per call, not per point)."""
    indices = np.repeat(np.arange(len(rings)), [len(r) for r in rings])
    return shapely.polygons(shapely.linearrings(np.concatenate(rings), indices=indices))  # closes each
