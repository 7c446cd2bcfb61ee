"""Build one piece from its spec and the evaluated construction: seam line, cut line, marks."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any

import numpy as np
import shapely

from mtm_app.block.model import MAX_QUANTITY, MarkSpec, NotchSpec, PieceSpec, SeamPair
from mtm_app.drafting.derived import edge_paths
from mtm_app.drafting.walked import Placed, walk_notches
from mtm_app.errors import BlockError
from mtm_app.geometry.allowance import EdgeOffset, cut_lines, orientation, ring_polygons
from mtm_app.geometry.polyline import Point, Polyline, points_array
from mtm_app.i18n import _, block_text, number
from mtm_app.pieces import Edge, InternalLine, Notch, Piece

JOIN_TOLERANCE = 0.05  # mm: consecutive edges must meet within this
MAX_ALLOWANCE = 300.0  # mm: the widest allowance (a turned-up hem, a centre-back reserve) is ~60
EDGE_SLACK = 0.5  # mm: a notch this far past an edge's end is rounding, not a wrong distance
NOTCH_WIDTHS = {"slit": 0.0, "v": 4.0, "t": 4.0, "u": 3.0, "castle": 4.0}
MARK_REACH = 50.0  # mm: a drill or internal line this far outside its piece's cut line is a mistake
MIN_GRAIN = 1.0  # mm: a shorter grainline gives the cutter no direction
_MIRROR_X = np.array([-1.0, 1.0])
CORNER = 1.0  # mm: a notch this near an end of its edge sits at a corner


def _active(item: Any, env: dict[str, Any]) -> bool:
    return item.when is None or bool(item.when(env))


@dataclass
class Outline:
    """A piece's edges along its seam line, before the cut line is added."""

    spec: PieceSpec
    edges: list[Edge]
    corner_rules: list[str]
    seam: np.ndarray
    sign: float
    warnings: list[str] = field(default_factory=list)  # marks that may not be where they are meant

    def offsets(self) -> tuple[list[EdgeOffset], list[str], float]:
        return [EdgeOffset(e.path.points, e.allowance, e.hem) for e in self.edges], \
            self.corner_rules, self.sign


@dataclass(frozen=True)
class Mirror:
    """Reflection about the line through `a` and `b`: the other half of a piece cut open, the
    other side's copy of a pair."""

    a: Point
    b: Point

    def array(self, pts: np.ndarray) -> np.ndarray:
        a = np.asarray(self.a)
        d = np.asarray(self.b) - a
        d = d / np.hypot(*d)
        rel = pts - a
        return a + 2 * np.outer(rel @ d, d) - rel

    def point(self, p: Point) -> Point:
        x, y = self.array(np.asarray([p], dtype=float))[0].tolist()
        return x, y


def _flipper(flip: bool, mirror: Mirror | None = None):
    if mirror is not None:
        first = _flipper(flip)
        return lambda p: mirror.point(first(p))
    if flip:
        return lambda p: (-p[0], p[1])
    return lambda p: p


def build_outline(spec: PieceSpec, env: dict[str, Any], mirror: Mirror | None = None,
                  memo: dict[Any, Any] | None = None) -> Outline:
    """The piece's active edges, each with its allowance and take-up, checked to join up;
    `mirror` reflects the whole outline (after the spec's own flip); `memo` shares the paths of
    pieces cut from others within one draft (see drafting.derived)."""
    edges: list[Edge] = []
    corner_rules: list[str] = []
    named: set[str] = set()
    for es, path in edge_paths(spec, env, memo):
        if es.name and es.name in named:
            raise BlockError(_("two edges of piece '{id}' are named '{name}'").format(
                                 id=spec.id, name=es.name), es.where,
                             _("notches, seam pairs and fit checks find an edge by its name: give each its "
                               "own (edges of one name are fine when their `when` never hold together)"))
        named.add(es.name)
        if spec.flip:
            path = Polyline(path.points * _MIRROR_X)
        if mirror is not None:
            path = Polyline(mirror.array(path.points))
        allowance = 0.0 if es.fold else float(es.allowance(env))
        if not 0 <= allowance <= MAX_ALLOWANCE:
            raise BlockError(_("seam allowance {allowance:g} mm is not 0–{most:g} mm").format(
                                 allowance=allowance, most=MAX_ALLOWANCE), es.where,
                             _("check the formula of its sa and the values it uses"))
        takeup = float(es.takeup(env)) if es.takeup else 0.0
        if takeup and not 0 <= takeup <= path.length + JOIN_TOLERANCE:  # most edges take up nothing
            raise BlockError(_("take-up {takeup:g} mm is not 0–{length:.1f} mm, the edge's length").format(
                                 takeup=takeup, length=path.length),
                             es.where, _("a take-up is the length pleats, gathers or a dart take from the "
                                         "edge when sewn: never negative, never more than the edge"))
        edges.append(Edge(es.name, path, allowance, takeup, es.hem, es.fold))
        corner_rules.append(es.corner)
    seam = _joined_seam(spec, edges)
    return Outline(spec, edges, corner_rules, seam, orientation(seam))


def finish_piece(outline: Outline, cut: np.ndarray, env: dict[str, Any],
                 mirror: Mirror | None = None, walked: Sequence[Placed] = (),
                 seam: shapely.Polygon | None = None, later: list[MarkPlaces] | None = None) -> Piece:
    """Add the marks (notches, grainline, drills, internal lines) and label data; `mirror` as
    the outline was built; `walked`: the notches its seam pairs place on it; `seam`: its seam
    line as a polygon, when already made; `later`: where to leave the marks' places to be
    checked with every other piece's (`check_marks`), else they are checked now."""
    spec, edges, sign = outline.spec, outline.edges, outline.sign
    fp = _flipper(spec.flip, mirror)
    locate = _SeamLocator(outline.seam, edges)
    corner: list[Notch] = []  # those at an end of their edge, filled in as they are cut
    notches = [n for ns in spec.notches if _active(ns, env)
               for n in _notches(ns, edges, env, sign, spec, fp, locate, corner)]
    named = {e.name: e for e in edges}
    notches += [n for ns, name, along in walked
                for n in _cut_notches(ns, named[name], along, sign, spec, corner)]
    if corner:
        _onto_cut_line(corner, cut)
    grain = None
    if spec.grainline and _active(spec.grainline, env):
        a, b = spec.grainline.build(env)
        if math.dist(a, b) < MIN_GRAIN:
            raise BlockError(_("the grainline is {dist:.1f} mm long").format(
                                 dist=math.dist(a, b)), spec.grainline.where,
                             _("run it between two points well apart along the straight grain"))
        grain = (fp(a), fp(b))
    drills = [(d, [fp(_shift(d.build(env), off))]) for d in spec.drills if _active(d, env)
              for off in d.copies(env)]
    internal = [(m, [fp(_shift(p, off)) for p in m.build(env)])
                for m in spec.internal if _active(m, env) for off in m.copies(env)]
    places = MarkPlaces(outline, cut, drills + internal, seam)
    if later is None:
        check_marks([places])
    else:
        later.append(places)
    folds = [(e.path.start, e.path.end) for e in edges if e.fold]
    quantity = spec.quantity(env)
    if not 1 <= quantity <= MAX_QUANTITY or not float(quantity).is_integer():
        raise BlockError(_("quantity {quantity:g} must be a whole number 1–{most}").format(
                             quantity=quantity, most=MAX_QUANTITY), spec.where,
                         _("check the options and values the quantity uses"))
    return Piece(
        id=spec.id, name=spec.name, edges=edges, seam_line=outline.seam, cut_line=cut,
        notches=notches, grainline=grain, fold_lines=folds, drills=[points[0] for _m, points in drills],
        internal_lines=[InternalLine(m.kind, tuple(points), m.label) for m, points in internal],
        label=dict(spec.label), quantity=int(quantity),
        mirror=spec.mirror, material=spec.material,
        reference=fp(env[spec.nest_at]) if spec.nest_at else None,
    )


def assemble_pieces(specs: list[PieceSpec], env: dict[str, Any], pairs: Sequence[SeamPair] = ()
                    ) -> tuple[list[Piece], list[str], dict[str, list[Placed]], np.ndarray]:
    """Every active piece, warnings about where their marks lie, the notches walked along the
    seam pairs (by piece) and the seam lines as polygons (for the validity check); the cut
    lines of all of them are offset in one pass."""
    memo: dict[Any, Any] = {}
    outlines = [build_outline(s, env, memo=memo) for s in specs if _active(s, env)]
    if not outlines:
        return [], [], {}, np.empty(0, dtype=object)
    walked = walk_notches(list(pairs), {o.spec.id: o.edges for o in outlines}, env)
    cuts = cut_lines([o.offsets() for o in outlines])
    seams = ring_polygons([o.seam for o in outlines])
    places: list[MarkPlaces] = []
    try:
        pieces = [finish_piece(o, cut, env, walked=walked.get(o.spec.id, ()), seam=seam, later=places)
                  for o, cut, seam in zip(outlines, cuts, seams, strict=True)]
    except BlockError:
        check_marks(places)  # a mark far off an earlier piece (or this one) is said first, as it was found
        raise
    check_marks(places)
    return pieces, [w for o in outlines for w in o.warnings], walked, seams


class MarkPlaces:
    """Where a piece's drills and internal lines lie: far outside the piece is an error (a
    point built from the wrong ones), wholly in the seam allowance a warning (sewn into the
    seam, as a slit the allowance swallows)."""

    def __init__(self, outline: Outline, cut: np.ndarray, marks: list[tuple[MarkSpec, list[Point]]],
                 seam: shapely.Polygon | None = None) -> None:
        self.outline = outline
        self.cut = cut
        self.marks = marks
        self.seam = shapely.Polygon(outline.seam) if seam is None else seam

    def check(self, mark: MarkSpec, points: Sequence[Point], inside: np.ndarray, gap: np.ndarray) -> None:
        """A mark with some points not inside the seam line (`inside` says which, `gap` how far
        outside each lies)."""
        if gap.max() > MARK_REACH:  # beyond reach of the seam line: how far beyond the cut line?
            rest = np.asarray(points, dtype=float)[gap > MARK_REACH]
            cut = shapely.Polygon(self.cut)
            outside = float(shapely.distance(cut, shapely.points(rest)).max())
            if outside > MARK_REACH:
                raise BlockError(_("this {kind} lies {outside:.0f} mm outside its piece's cut line").format(
                                     kind=mark.kind, outside=outside),
                                 mark.where, _("a mark more than {reach:g} mm off its piece is never "
                                               "meant: check the points it is built from").format(
                                                 reach=MARK_REACH))
        if len(points) == 1 or inside.any():
            off = float(gap.min())  # a drill's own distance; a line partly inside is not lost
        else:  # a line from the seam line or beyond: does it run inside between (a fold across)?
            xy = np.asarray(points, dtype=float)
            mids = (xy[1:] + xy[:-1]) / 2
            crossed = shapely.contains_xy(self.seam, mids[:, 0], mids[:, 1]).any()
            off = 0.0 if crossed else self.seam.distance(shapely.LineString(points))
        if off > EDGE_SLACK:
            self.outline.warnings.append(_(
                "{where}: this mark lies in the seam allowance of {piece}, {distance} mm outside the "
                "seam line: it is lost in the seam").format(
                    where=mark.where, piece=block_text(self.outline.spec.name), distance=number(off, 1)))


def check_marks(batch: list[MarkPlaces]) -> None:
    """Check the marks of many pieces, measuring only what must be: every mark's points are
    tested against their piece's seam line in one call, and those not inside it (a roll
    line's end beyond the neck, a fold line from edge to edge: few) measured in one more."""
    batch = [places for places in batch if places.marks]
    if not batch:
        return
    xy = points_array([p for places in batch for _m, points in places.marks for p in points])
    seams = np.array([places.seam for places in batch for _m, points in places.marks for _p in points],
                     dtype=object)
    inside = shapely.contains_xy(seams, xy[:, 0], xy[:, 1])
    if inside.all():
        return  # inside the seam lines, as most marks are: nothing to measure
    gap = np.zeros(len(xy))  # how far each point lies outside its seam line
    gap[~inside] = shapely.distance(seams[~inside], shapely.points(xy[~inside]))
    start = 0
    for places in batch:
        for mark, points in places.marks:
            mine, off = inside[start:start + len(points)], gap[start:start + len(points)]
            start += len(points)
            if not mine.all():
                places.check(mark, points, mine, off)


def _onto_cut_line(corner: list[Notch], cut: np.ndarray) -> None:
    """Start each notch at a corner where its line, run out square from the seam line, meets the
    cut line. There the neighbouring edge's allowance can cut this edge's short (a peak lapel's
    gorge), and the point one allowance out then lies inside the cloth: the slit would be cut
    into the piece. Notches away from the corners sit on their edge's allowance line as made."""
    ring = Polyline(np.vstack([cut, cut[:1]]))
    for n in corner:
        (sx, sy), (ix, iy) = n.seam_point, n.inward
        out = math.inf  # the nearest crossing outward, not a fold's cut line at the seam point
        for _along, (x, y) in ring.crossings(n.seam_point, (sx - ix, sy - iy)):
            t = -((x - sx) * ix + (y - sy) * iy)  # how far out along the notch's line
            if 1e-6 < t < out:
                out = t
        if out < math.inf and abs(out - math.dist(n.seam_point, n.cut_point)) > 0.01:
            n.cut_point = (sx - ix * out, sy - iy * out)
            n.depth = min(n.depth, 0.8 * out)  # never past the seam line


def _shift(p: Point, offset: tuple[float, float]) -> Point:
    return p if offset == (0.0, 0.0) else (p[0] + offset[0], p[1] + offset[1])


def _joined_seam(spec: PieceSpec, edges: list[Edge]) -> np.ndarray:
    if len(edges) < 2:
        raise BlockError(_("fewer than two edges are active"), spec.where)
    ends = [e.path.endpoints() for e in edges]
    for i, (_start, end) in enumerate(ends):
        if math.dist(end, ends[i - len(ends) + 1][0]) > JOIN_TOLERANCE:
            _report_gap(spec, edges)
    return np.concatenate([e.path.points[:-1] for e in edges])


def _report_gap(spec: PieceSpec, edges: list[Edge]) -> None:
    for i, e in enumerate(edges):
        nxt = edges[(i + 1) % len(edges)]
        gap = math.dist(e.path.end, nxt.path.start)
        if gap > JOIN_TOLERANCE:
            raise BlockError(
                _("edge '{name}' ends at ({end:.1f}, {end2:.1f}) but the next edge '{name2}' starts at "
                  "({start:.1f}, {start2:.1f}), {gap:.2f} mm away").format(
                    name=e.name or i, end=e.path.end[0], end2=e.path.end[1],
                    name2=nxt.name or (i + 1) % len(edges), start=nxt.path.start[0],
                    start2=nxt.path.start[1], gap=gap),
                spec.where,
                _("each edge must start where the previous one ends (use reverse: true on a curve)"),
            )


class _SeamLocator:
    """Finds which edge a point lies on, and how far along it, in one pass over the seam."""

    def __init__(self, seam: np.ndarray, edges: list[Edge]) -> None:
        self.edges = edges
        self.seam = seam

    @cached_property
    def ring(self) -> Polyline:
        return Polyline(np.vstack([self.seam, self.seam[:1]]))

    @cached_property
    def starts(self) -> list[float]:
        return list(accumulate((e.length for e in self.edges[:-1]), initial=0.0))

    def __call__(self, p: Point) -> tuple[Edge, float, float]:
        along, gap = self.ring.project(p)
        k = min(max(bisect_right(self.starts, along) - 1, 0), len(self.edges) - 1)
        return self.edges[k], along - self.starts[k], gap


def _notch_edge(ns: NotchSpec, edges: list[Edge]) -> Edge:
    """The edge a notch names, among those cut for these options (an edge may have a `when`)."""
    edge = next((e for e in edges if e.name == ns.edge), None)
    if edge is None:
        raise BlockError(_("notch edge '{edge}' is not cut for these options").format(edge=ns.edge), ns.where,
                         _("give the notch the same `when` as its edge, or name an edge cut for them"))
    return edge


def _notches(ns: NotchSpec, edges: list[Edge], env, sign: float, spec: PieceSpec, fp,
             locate: _SeamLocator, corner: list[Notch] | None = None) -> list[Notch]:
    if ns.at is not None:
        target = fp(env[ns.at])
        if ns.edge:  # the block says which edge: project onto it alone
            edge = _notch_edge(ns, edges)
            along, gap = edge.path.project(target)
        else:
            edge, along, gap = locate(target)
        if gap > 0.5:
            hint = _("move '{at}' onto edge '{edge}', or check the edge name") if ns.edge else \
                _("move '{at}' onto the seam line, or place the notch with edge: and distance: instead")
            raise BlockError(_("notch point '{at}' is {gap:.1f} mm off the seam line").format(
                at=ns.at, gap=gap), ns.where, hint.format(at=ns.at, edge=ns.edge))
    else:
        edge = _notch_edge(ns, edges)
        along = float(ns.distance(env)) if ns.distance else 0.0
        if ns.from_end:
            along = edge.length - along
    return _cut_notches(ns, edge, along, sign, spec, corner)


def _cut_notches(ns: NotchSpec, edge: Edge, along: float, sign: float, spec: PieceSpec,
                 corner: list[Notch] | None = None) -> list[Notch]:
    """The notch (or group) `along` mm along `edge`, cut square into its allowance; those at an
    end of the edge are also added to `corner` (see `_onto_cut_line`)."""
    offsets = [0.0] if ns.count == 1 else [
        (k - (ns.count - 1) / 2) * ns.spacing for k in range(ns.count)
    ]
    depth = spec.notch_depth if edge.allowance == 0 else min(spec.notch_depth, 0.8 * edge.allowance)
    out = []
    for off in offsets:
        d = _on_edge(along + off, edge, ns)
        (sx, sy), (tx, ty) = edge.path.frame_at(d)
        nx, ny = sign * ty, -sign * tx
        cut = (sx + nx * edge.allowance, sy + ny * edge.allowance)
        out.append(Notch((sx, sy), cut, (-nx, -ny), depth, NOTCH_WIDTHS[ns.kind], ns.kind,
                         edge.name))
        if corner is not None and edge.allowance and min(d, edge.length - d) < CORNER:
            corner.append(out[-1])
    return out


def _on_edge(d: float, edge: Edge, ns: NotchSpec) -> float:
    """A notch beyond its edge would mark the wrong seam: refuse it instead of pinning it to an end."""
    if not -EDGE_SLACK <= d <= edge.length + EDGE_SLACK:
        raise BlockError(
            _("notch on edge '{name}' falls {d:.1f} mm along it, but the edge is {length:.1f} mm "
              "long").format(name=edge.name, d=d, length=edge.length), ns.where,
            _("give a distance between 0 and the edge's length (or use from: end)"))
    return min(max(d, 0.0), edge.length)

