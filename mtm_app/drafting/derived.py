"""Pieces cut from another piece's seam line: a facing along a run of its edges, a lining or
interfacing from its whole outline.

A facing is the strip of the shell piece within `width` of a run of its edges (the gorge,
lapel and front edge of a jacket front): it keeps those edges, the parts of the edges either
side of them up to where its new inner edge crosses them (the shoulder, the hem), and the inner
edge itself, drawn parallel to the run. Every kept edge keeps its name and allowance, so notches
and seam pairs address the facing as they do the shell. A lining cut `less` the facing is the
rest of the shell: the same inner edge, then round the far side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from mtm_app.block.model import DerivedSpec, EdgeSpec, PieceSpec
from mtm_app.errors import BlockError
from mtm_app.geometry.meet import path_path
from mtm_app.geometry.offset import OffsetError, offset_path
from mtm_app.geometry.polyline import Polyline
from mtm_app.i18n import _, number

Paths = list[tuple[EdgeSpec, Polyline]]
SNAP = 0.5  # mm: an inner edge crossing this close to a corner goes through it


def edge_paths(spec: PieceSpec, env: dict[str, Any], memo: dict[Any, Any] | None = None) -> Paths:
    """The piece's active edges with their paths, in outline order (before any flip).

    `memo` keeps, for one draft, each piece's paths and each facing's cut: a facing and the
    lining beside it both start from the shell's edges and the facing's line.
    """
    memo = {} if memo is None else memo
    if spec.id not in memo:
        memo[spec.id] = _edge_paths(spec, env, memo)
    return memo[spec.id]


def _edge_paths(spec: PieceSpec, env: dict[str, Any], memo: dict[Any, Any]) -> Paths:
    derived = spec.derived
    if derived is None:
        return [(es, es.path(env)) for es in spec.edges if es.when is None or es.when(env)]
    source = edge_paths(derived.source, env, memo)
    if derived.less is not None:
        return _rest(derived, source, env, memo)
    if not derived.edges:
        return source
    cut = _facing_cut(spec, source, env, memo)
    n = len(source)
    between = [(cut.run[-1] + k) % n for k in range(1, (cut.after - cut.run[-1]) % n)]
    ahead = [(cut.before + k) % n for k in range(1, (cut.run[0] - cut.before) % n)]
    (b_es, b_path), (a_es, a_path) = source[cut.before], source[cut.after]
    return _kept([(b_es, b_path.between(cut.before_at, b_path.length))] + [source[i] for i in ahead]
                 + [source[i] for i in cut.run] + [source[i] for i in between]
                 + [(a_es, a_path.between(0.0, cut.after_at)),
                    (derived.inner, cut.inner.between(cut.d1, cut.d0))])


def _rest(derived: DerivedSpec, source: Paths, env: dict[str, Any], memo: dict[Any, Any]) -> Paths:
    """What the facing leaves of the shell: its inner edge, then the shell round from the edge
    the inner edge leaves to the edge it ends on (the lining beside a jacket's facing)."""
    cut = _facing_cut(derived.less, source, env, memo)
    n = len(source)
    beyond = [(cut.after + k) % n for k in range(1, (cut.before - cut.after) % n)]
    (b_es, b_path), (a_es, a_path) = source[cut.before], source[cut.after]
    return _kept([(derived.inner, cut.inner.between(cut.d0, cut.d1)),
                  (a_es, a_path.between(cut.after_at, a_path.length))] + [source[i] for i in beyond]
                 + [(b_es, b_path.between(0.0, cut.before_at))])


def _kept(paths: Paths) -> Paths:
    """The parts of edges that have a length (a part cut off at a corner has none)."""
    return [(es, path) for es, path in paths if path.length > 1e-6]


@dataclass(frozen=True)
class _Cut:
    """Where a facing's inner edge cuts the shell: the run's edges, the edges it crosses before
    and after the run and how far along each, and the inner line with its crossings."""

    run: list[int]
    before: int
    before_at: float
    after: int
    after_at: float
    inner: Polyline
    d0: float
    d1: float


def _facing_cut(spec: PieceSpec, source: Paths, env: dict[str, Any], memo: dict[Any, Any]) -> _Cut:
    key = ("cut", spec.id)
    if key not in memo:
        memo[key] = _cut_facing(spec, spec.derived, source, env)
    return memo[key]


def _cut_facing(spec: PieceSpec, derived: DerivedSpec, source: Paths, env: dict[str, Any]) -> _Cut:
    names = [es.name for es, _path in source]
    n = len(source)
    missing = [e for e in derived.edges if e not in names]
    if missing:
        raise BlockError(_("piece '{source}' has no active edge {edge} for these options").format(
            source=derived.source.id, edge=", ".join(missing)), spec.where)
    first = names.index(derived.edges[0])
    run = [(first + k) % n for k in range(len(derived.edges))]
    if [names[i] for i in run] != list(derived.edges) or len(run) >= n:
        raise BlockError(_("the edges {edges} do not follow one another round piece '{source}'").format(
            edges=", ".join(derived.edges), source=derived.source.id), spec.where,
            _("list a run of neighbouring edges in the order the outline gives them"))
    chain = np.concatenate([source[run[0]][1].points] + [source[i][1].points[1:] for i in run[1:]])
    if derived.line is not None:
        inner = _drawn_on(env[derived.line].polyline.points, 50.0)
    else:
        inner = _inner_line(spec, source, chain, float(derived.width(env)))
    beside = [(run[-1] + k) % n for k in range(1, n - len(run) + 1)]  # from the run's end round
    (a_index, a_at, a_hit), (b_index, b_at, b_hit) = _crossings(spec, source, inner, beside)
    return _Cut(run, b_index, b_at, a_index, a_at, inner, inner.project(b_hit)[0], inner.project(a_hit)[0])


def _inner_line(spec: PieceSpec, source: Paths, chain: np.ndarray, width: float) -> Polyline:
    """The line `width` in from the run, on the piece's side, drawn on past both ends so that
    it crosses the edges beside the run."""
    seam = shapely.Polygon(np.concatenate([p.points[:-1] for _es, p in source]))
    k = len(chain) // 2  # step off the middle of the run to the left: inside, or the other side
    (x0, y0), (x1, y1) = chain[k - 1 if k else 0], chain[k if k else 1]
    step = 0.01 * (math.hypot(x1 - x0, y1 - y0) or 1.0)
    left = shapely.Point((x0 + x1) / 2 + (y1 - y0) / step * 1e-4, (y0 + y1) / 2 - (x1 - x0) / step * 1e-4)
    side = 1.0 if seam.contains(left) else -1.0
    try:
        inside = offset_path(chain, side * width)
    except OffsetError:
        raise BlockError(_("a line {width} mm in from the run cannot be drawn: it bends tighter than "
                           "that").format(width=number(width, 1)), spec.where) from None
    return _drawn_on(inside, 3 * width + 50)


def _drawn_on(points: np.ndarray, reach: float) -> Polyline:
    """The line drawn on straight past both its ends by `reach`, to cross the edges beside the run."""
    head, tail = points[0] - points[1], points[-1] - points[-2]
    head = points[0] + head / (math.hypot(*head) or 1) * reach
    tail = points[-1] + tail / (math.hypot(*tail) or 1) * reach
    return Polyline(np.vstack([head, points, tail]))


def _crossings(spec: PieceSpec, source: Paths, inner: Polyline, beside: list[int]
               ) -> tuple[tuple[int, float, tuple[float, float]], tuple[int, float, tuple[float, float]]]:
    """Where the inner line crosses the edges beside the run, walked from the run's end round to
    its start (one chain, one GEOS call): the first crossing and the last (the first walking
    back from the run's start), each as the edge it is on, how far along it, and the point."""
    paths = [source[i][1] for i in beside]
    chain = Polyline(np.concatenate([paths[0].points] + [p.points[1:] for p in paths[1:]]))
    hits = path_path(chain.points, inner.points)
    if not hits:
        raise BlockError(_("the inner edge of the facing does not cross the edges of piece '{source}' "
                           "beside the run").format(source=spec.derived.source.id), spec.where,
                         _("make the width narrower than the piece"))
    along = [(chain.project(h)[0], h) for h in hits]
    return _on_edge(beside, paths, *min(along)), _on_edge(beside, paths, *max(along))


def _on_edge(beside: list[int], paths: list[Polyline], d: float, hit: tuple[float, float]
             ) -> tuple[int, float, tuple[float, float]]:
    """The edge `d` mm along the chain of `paths` falls on, and how far along it; a crossing
    within SNAP of a corner goes through the corner (the facing keeps the whole edge)."""
    k = 0
    while k < len(paths) - 1 and d > paths[k].length:
        d -= paths[k].length
        k += 1
    path = paths[k]
    if min(d, path.length - d) < SNAP:
        d = 0.0 if d < SNAP else path.length
        hit = tuple(path.points[0 if d == 0.0 else -1])
    return beside[k], min(d, path.length), hit
