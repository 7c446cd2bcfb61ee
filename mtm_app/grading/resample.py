"""One point list per graded piece: every size gets as many points as the others, in
corresponding places, so a grade rule table holds one delta per point per size.

A drafted curve is flattened by its own length, so the sizes of a run differ in point count
(a shirt sleeve: 100 points in the smallest size, 119 in the largest). Points are matched on
anchors every size has — the seam corners (where each edge starts), the cut-line vertex at each
corner (the same one in every size when a corner is cut with two), and the turn points between
two anchors when every size has as many — and between two anchors the curve points are spread
by arc length: every size takes the fractions of the size with the most points there, so no
size loses detail and every point stays on its own size's line.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import numpy as np

from mtm_app.geometry.polyline import TURN_ANGLE, turn_mask
from mtm_app.pieces import InternalLine, Piece

SPLIT_ANGLES = (TURN_ANGLE, 45.0, 80.0)  # degrees: turn points matched from size to size


def _cumulative(seg: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(seg, axis=0).T))])


def _fractions(seg: np.ndarray) -> np.ndarray:
    """Where a segment's inner vertices lie, as fractions of its length."""
    cum = _cumulative(seg)
    if cum[-1] <= 0:
        return np.linspace(0.0, 1.0, len(seg))[1:-1]
    return cum[1:-1] / cum[-1]


def _at(seg: np.ndarray, fractions: np.ndarray) -> np.ndarray:
    """Points at `fractions` of the segment's length, along it."""
    cum = _cumulative(seg)
    s = fractions * cum[-1]
    return np.column_stack([np.interp(s, cum, seg[:, 0]), np.interp(s, cum, seg[:, 1])])


def _turns(seg: np.ndarray, angle: float) -> np.ndarray:
    """Indices of a segment's inner vertices where it turns by more than `angle` degrees."""
    return np.flatnonzero(turn_mask(seg, closed=False, angle=angle)[1:-1]) + 1


def _split(segments: list[np.ndarray]) -> list[list[np.ndarray]]:
    """Each size's segment cut at its inner turn points, when every size has as many (sharp
    turns first: a bend of 15° in one size may be 14° in the next)."""
    for angle in SPLIT_ANGLES:
        turns = [_turns(s, angle) for s in segments]
        if len({len(t) for t in turns}) == 1 and len(turns[0]):
            cuts = [[0, *t.tolist(), len(s) - 1] for s, t in zip(segments, turns, strict=True)]
            return [[s[c[k]:c[k + 1] + 1] for s, c in zip(segments, cuts, strict=True)]
                    for k in range(len(cuts[0]) - 1)]
    return [segments]


def _match_segment(segments: list[np.ndarray]) -> list[np.ndarray]:
    """As many points on each size's segment (from an anchor to the next: its start kept, its
    end left to the next segment), spread like those of the size with the most; a turn point
    that only some sizes have there is added at its place in every size, so none is cut off."""
    out: list[list[np.ndarray]] = [[] for _ in segments]
    for part in _split(segments):
        fractions = _fractions(max(part, key=len))
        extra = [_fractions(seg)[_turns(seg, TURN_ANGLE) - 1] for seg in part if len(seg) > 2]
        if extra:
            fractions = np.unique(np.concatenate([fractions, *extra]).round(12))
        for k, seg in enumerate(part):
            out[k] += [seg[:1], _at(seg, fractions)]
    return [np.vstack(o) for o in out]


def _usable(anchors: list[list[int]], sizes: list[int]) -> list[list[int]]:
    """Anchors in ring order in every size: one that falls on (or behind) the one before it in
    any size is dropped from all sizes."""
    keep = list(range(len(anchors[0])))
    while True:
        bad = set()
        for idx, n in zip(anchors, sizes, strict=True):
            rel = [(idx[j] - idx[keep[0]]) % n for j in keep]
            bad |= {keep[k + 1] for k, (a, b) in enumerate(pairwise(rel)) if b <= a}
        if not bad:
            return [[idx[j] for j in keep] for idx in anchors]
        keep = [j for j in keep if j not in bad]


def match_rings(rings: list[np.ndarray], anchors: list[list[int]]) -> list[np.ndarray]:
    """Closed rings (one per size) with the same number of points, each starting at its first
    anchor; `anchors` are vertex indices that correspond from size to size."""
    anchors = _usable(anchors, [len(r) for r in rings])
    rolled = []
    for ring, idx in zip(rings, anchors, strict=True):
        n = len(ring)
        rel = [(i - idx[0]) % n for i in idx]
        r = np.roll(ring, -idx[0], axis=0)
        closed = np.vstack([r, r[:1]])
        rolled.append([closed[a:b + 1] for a, b in zip(rel, [*rel[1:], n], strict=True)])
    parts = [_match_segment([segs[j] for segs in rolled]) for j in range(len(anchors[0]))]
    return [np.vstack([p[k] for p in parts]) for k in range(len(rings))]


def match_lines(lines: list[np.ndarray]) -> list[np.ndarray]:
    """Open lines (one per size) with the same number of points, ends kept."""
    parts = _match_segment([np.asarray(line, dtype=float) for line in lines])
    return [np.vstack([p, np.asarray(line, dtype=float)[-1:]]) for p, line in zip(parts, lines, strict=True)]


def _nearest(ring: np.ndarray, target: np.ndarray) -> int:
    return int(np.argmin(np.hypot(*(ring - target).T)))


def corner_anchors(pieces: list[Piece], sample: int) -> tuple[list[list[int]], list[list[int]]]:
    """(cut-line anchors, seam-line anchors) per size: the vertex at each seam corner.

    On the cut line the sample size takes the vertex nearest the corner; the other sizes take
    the vertex nearest the same offset from their corner, so a corner cut with two vertices (a
    clipped mitre, a hem) is matched by the same one in every size.
    """
    base = pieces[sample]
    offsets = []
    for edge in base.edges:
        corner = np.asarray(edge.path.start)
        offsets.append(base.cut_line[_nearest(base.cut_line, corner)] - corner)
    cuts, seams = [], []
    for p in pieces:
        corners = [np.asarray(e.path.start) for e in p.edges]
        cuts.append([_nearest(p.cut_line, c + o) for c, o in zip(corners, offsets, strict=True)])
        seams.append([_nearest(p.seam_line, c) for c in corners])
    return cuts, seams


def match_piece(pieces: list[Piece], sample: int) -> list[Piece] | None:
    """Every size of one piece with matched cut, seam and internal lines; None when the sizes
    differ in structure (other edges), which no one point list can grade."""
    if len({tuple(e.name for e in p.edges) for p in pieces}) > 1:
        return None
    cut_anchors, seam_anchors = corner_anchors(pieces, sample)
    cuts = match_rings([p.cut_line for p in pieces], cut_anchors)
    seams = match_rings([p.seam_line for p in pieces], seam_anchors)
    internals = [list(p.internal_lines) for p in pieces]
    if len({tuple(line.kind for line in lines) for lines in internals}) == 1:
        for j in range(len(internals[0])):
            matched = match_lines([lines[j].points for lines in internals])
            for lines, pts in zip(internals, matched, strict=True):
                lines[j] = InternalLine(lines[j].kind, tuple(map(tuple, pts.tolist())), lines[j].label)
    return [replace(p, cut_line=c, seam_line=s, internal_lines=lines, reference=p.nest_point)
            for p, c, s, lines in zip(pieces, cuts, seams, internals, strict=True)]
