"""Pieces cut from another piece's seam line: a facing along a run of its edges, a lining or
interfacing from its whole outline.

A facing is the strip of the shell piece within `width` of a run of its edges (the gorge,
lapel and front edge of a jacket front): it keeps those edges, the parts of the edges either
side of them up to where its new inner edge crosses them (the shoulder, the hem), and the inner
edge itself, drawn parallel to the run. Every kept edge keeps its name and allowance, so notches
and seam pairs address the facing as they do the shell.
"""

from __future__ import annotations

import math
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


def edge_paths(spec: PieceSpec, env: dict[str, Any]) -> Paths:
    """The piece's active edges with their paths, in outline order (before any flip)."""
    if spec.derived is None:
        return [(es, es.path(env)) for es in spec.edges if es.when is None or es.when(env)]
    source = edge_paths(spec.derived.source, env)
    if not spec.derived.edges:
        return source
    return _facing(spec, spec.derived, source, env)


def _facing(spec: PieceSpec, derived: DerivedSpec, source: Paths, env: dict[str, Any]) -> Paths:
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
    width = float(derived.width(env))
    inner = _inner_line(spec, source, chain, width)
    before = _crossing(spec, source, inner, [(run[0] - k) % n for k in range(1, n - len(run) + 1)], True)
    after = _crossing(spec, source, inner, [(run[-1] + k) % n for k in range(1, n - len(run) + 1)], False)
    (b_index, b_part, b_hit), (a_index, a_part, a_hit) = before, after
    between = [(run[-1] + k) % n for k in range(1, (a_index - run[-1]) % n)]
    ahead = [(b_index + k) % n for k in range(1, (run[0] - b_index) % n)]
    d0, d1 = inner.project(b_hit)[0], inner.project(a_hit)[0]
    return ([(source[b_index][0], b_part)] + [source[i] for i in ahead] + [source[i] for i in run]
            + [source[i] for i in between] + [(source[a_index][0], a_part),
                                              (derived.inner, inner.between(d1, d0))])


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
    reach = 3 * width + 50
    head, tail = inside[0] - inside[1], inside[-1] - inside[-2]
    head = inside[0] + head / (math.hypot(*head) or 1) * reach
    tail = inside[-1] + tail / (math.hypot(*tail) or 1) * reach
    return Polyline(np.vstack([head, inside, tail]))


def _crossing(spec: PieceSpec, source: Paths, inner: Polyline, order: list[int], backwards: bool
              ) -> tuple[int, Polyline, tuple[float, float]]:
    """The first edge beside the run (walking away from it) that the inner line crosses, the
    part of it the facing keeps, and the crossing."""
    for i in order:
        path = source[i][1]
        hits = path_path(path.points, inner.points)
        if hits:
            along = [(path.project(h)[0], h) for h in hits]
            d, hit = max(along) if backwards else min(along)
            return i, path.between(d, path.length) if backwards else path.between(0.0, d), hit
    raise BlockError(_("the inner edge of the facing does not cross the edges of piece '{source}' "
                       "beside the run").format(source=spec.derived.source.id), spec.where,
                     _("make the width narrower than the piece"))
