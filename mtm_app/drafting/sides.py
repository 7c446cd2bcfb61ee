"""Asymmetric bodies: a garment drafted once per side when a measurement differs between them.

A block drafts one side of the body; its pairs are cut twice, one mirrored, and its fold pieces
are opened on the table. When the customer's left and right differ (a sleeve, a leg, a shoulder
slope given per side), the block is drafted for each side and every piece the difference
reaches is cut for its own side: a pair becomes a left and a right piece, a fold piece is cut
open with its two halves from the two drafts, and a piece drafted for one side (a shirt's left
front) is taken from that side's draft. Pieces the difference does not reach stay as they are.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import numpy as np

from mtm_app.block.model import Block, PieceSpec
from mtm_app.drafting.assemble import Mirror, Outline, build_outline, finish_piece
from mtm_app.drafting.checks import FitResult, SeamResult, SkippedCheck, validity_problems
from mtm_app.drafting.walked import Placed
from mtm_app.errors import BlockError
from mtm_app.geometry.allowance import cut_lines
from mtm_app.measurements.catalogue import SIDES, catalogue, side_name
from mtm_app.pieces import Edge, InternalLine, Piece

SAME = 1e-6  # mm: two sides' pieces closer than this are one piece
FOLD_MATCH = 0.05  # mm: the two halves of an opened piece must meet on the fold within this
OTHER = {"left": "right", "right": "left"}


@dataclass(frozen=True)
class SideDraft:
    """One side's draft: its pieces and checks, and the values its marks are placed from."""

    pieces: dict[str, Piece]
    seams: list[SeamResult]
    fits: list[FitResult]
    problems: list[str]
    env: dict[str, Any]
    skipped: list[SkippedCheck] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    walked: dict[str, list[Placed]] = field(default_factory=dict)  # notches seam pairs place, by piece


def side_values(block: Block, given: Mapping[str, float],
                derived: Callable[[], Mapping[str, float]] = dict,
                ) -> tuple[dict[str, float], dict[str, dict[str, float]] | None]:
    """(what the block drafts from, with each sided measurement's own value filled in where it
    was not given; each side's values, or None when both sides are the same).

    A side not given takes the measurement's own value: as given, else as the block derives it
    from the rest (`derived`: an inseam from the outseam, a sleeve from the centre back), else
    the other side's; a figure variation's is normal."""
    base = dict(given)
    derived = cache(derived)  # the block's derivation runs once, and only if a side needs it
    per_side: dict[str, dict[str, float]] = {s: {} for s in SIDES}
    for name in (*block.measurements, *block.figuration):
        entry = catalogue().get(name)
        if entry is None or not entry.sided:
            continue
        by_side = {s: given.get(side_name(name, s)) for s in SIDES}
        known = [v for v in by_side.values() if v is not None]
        if not known:
            continue
        own = given.get(name)
        if own is None:
            own = 0.0 if entry.is_figuration else derived().get(name, sum(known) / len(known))
        for s in SIDES:
            per_side[s][name] = by_side[s] if by_side[s] is not None else own
        base[name] = own
    if all(per_side["left"][n] == per_side["right"][n] for n in per_side["left"]):
        base.update(per_side["left"])
        return base, None
    return base, per_side


def join_sides(block: Block, drafts: dict[str, SideDraft]) -> tuple[list[Piece], list[SeamResult],
                                                                       list[FitResult], list[str]]:
    """The pieces of both sides' drafts, each cut for the side it belongs to, and the checks
    of both sides (one line where they agree, one per side where they differ)."""
    pieces: list[Piece] = []
    for spec in block.pieces:
        found = {s: drafts[s].pieces.get(spec.id) for s in SIDES}
        if found["left"] is None and found["right"] is None:
            continue
        if found["left"] is None or found["right"] is None or not _same(found["left"], found["right"]):
            pieces += _per_side(spec, drafts)
        else:
            pieces.append(found["left"])
    one_sided = {p.id: p.side for p in block.pieces
                 if p.side and not p.mirror and not any(e.fold for e in p.edges)}
    seam_refs = {pair.name: {pid for pid, _ in pair.a + pair.b} for pair in block.seam_pairs}
    fit_refs = {c.name: c.measure.refs | c.target.refs for c in block.fit_checks}
    seams = _both(drafts, "seams", lambda r: _owner(seam_refs.get(r.name, set()), one_sided))
    fits = _both(drafts, "fits", lambda r: _owner(fit_refs.get(r.name, set()), one_sided))
    problems = validity_problems(pieces)  # judged (and tight loops trimmed) as cut, joined
    return pieces, seams, fits, problems


def _same(a: Piece, b: Piece) -> bool:
    return a.seam_line.shape == b.seam_line.shape and bool(np.allclose(a.seam_line, b.seam_line, atol=SAME))


def _owner(refs: set[str], one_sided: dict[str, str]) -> str | None:
    """The side a check belongs to when it measures a piece of one side only (a shirt's left
    front), else None: it is measured on both sides."""
    sides = {one_sided[r] for r in refs if r in one_sided}
    return next(iter(sides)) if len(sides) == 1 else None


def _both(drafts: dict[str, SideDraft], what: str, owner) -> list:
    """Each check from the side(s) it belongs to: once where both sides agree, else per side."""
    left, right = getattr(drafts["left"], what), getattr(drafts["right"], what)
    theirs = {r.name: r for r in right}
    out = []
    for a in left:
        b = theirs.pop(a.name, None)
        side = owner(a)
        if side == "right":
            out += [b] if b is not None else []
        elif side == "left" or b is None or a == b:
            out.append(a)
        else:
            out += [_for_side(a, "left"), _for_side(b, "right")]
    return out + [b for b in theirs.values() if owner(b) != "left"]


def _for_side(result, side: str):
    """A check measured on one side, named so wherever it is shown (its label too)."""
    named = replace(result, name=f"{result.name} — {side} side")
    return replace(named, label=f"{result.label} — {side} side") if hasattr(result, "label") else named


def _per_side(spec: PieceSpec, drafts: dict[str, SideDraft]) -> list[Piece]:
    """A piece the difference reaches, cut for the sides: see the module's text."""
    side = spec.side
    if not side:
        raise BlockError(f"piece '{spec.id}' differs between the left and right side, but the block "
                         "does not say which side it is drafted for", spec.where,
                         "add side: left or side: right to the piece")
    drafted = drafts[side].pieces.get(spec.id)
    other = drafts[OTHER[side]].pieces.get(spec.id)
    if drafted is None or other is None:
        raise BlockError(f"piece '{spec.id}' is cut on one side only", spec.where,
                         "make its `when` depend on options, not on a measurement that differs by side")
    if any(e.fold for e in drafted.edges):
        return [_opened(spec, drafts[side], drafts[OTHER[side]], side)]
    if not drafted.mirror:
        return [drafted]  # drafted for its own side only (a shirt's left front)
    half = drafted.quantity // 2
    mirrored = _built(replace(spec, flip=not spec.flip), drafts[OTHER[side]])
    return [_named(drafted, side, half, False), _named(mirrored, OTHER[side], drafted.quantity - half, False)]


def _named(piece: Piece, side: str, quantity: int, mirror: bool) -> Piece:
    return replace(piece, id=f"{piece.id}_{side}", name=f"{piece.name} ({side})", quantity=quantity,
                   mirror=mirror, label={**piece.label, "side": side})


def _built(spec: PieceSpec, drafted: SideDraft) -> Piece:
    outline = build_outline(spec, drafted.env)
    return finish_piece(outline, cut_lines([outline.offsets()])[0], drafted.env,
                        walked=drafted.walked.get(spec.id, ()))


def _opened(spec: PieceSpec, drafted: SideDraft, other: SideDraft, side: str) -> Piece:
    """A fold piece cut open: its drafted half from its own side's draft, the other half from
    the other side's draft reflected about the fold."""
    mine = build_outline(spec, drafted.env)
    k = next(i for i, e in enumerate(mine.edges) if e.fold)
    a, b = mine.edges[k].path.start, mine.edges[k].path.end
    fold = Mirror(a, b)
    theirs = build_outline(spec, other.env, fold)
    j = next(i for i, e in enumerate(theirs.edges) if e.fold)
    ta, tb = theirs.edges[j].path.start, theirs.edges[j].path.end
    if math.dist(ta, a) > FOLD_MATCH or math.dist(tb, b) > FOLD_MATCH:
        raise BlockError(f"piece '{spec.id}' cannot be cut open: its fold edge differs between the "
                         "left and right side", spec.where,
                         "keep the fold edge the same for both sides (draft the difference elsewhere)")
    own_chain = _chain_after(mine, k)
    their_chain = _chain_after(theirs, j)
    edges = [_renamed(e, side) for e, _ in own_chain] + [
        _renamed(Edge(e.name, e.path.reversed(), e.allowance, e.takeup, e.hem, e.fold), OTHER[side])
        for e, _ in reversed(their_chain)]
    rules = [r for _, r in own_chain] + [mine.corner_rules[k]] + [
        r for _, r in reversed(their_chain[1:])]
    seam = np.concatenate([e.path.points[:-1] for e in edges])
    whole = Outline(spec, edges, rules, seam, mine.sign)
    cut = cut_lines([whole.offsets()])[0]
    own_marks = finish_piece(mine, cut, drafted.env, walked=drafted.walked.get(spec.id, ()))
    their_marks = finish_piece(theirs, cut, other.env, fold, walked=other.walked.get(spec.id, ()))
    centre = InternalLine("placement", (a, b), "centre line: the fold, cut open")
    pair = own_marks.quantity >= 2 and own_marks.quantity % 2 == 0  # an inner layer faces the other way
    return replace(
        own_marks, name=f"{spec.name} (cut open)", edges=edges, seam_line=seam, cut_line=cut,
        mirror=pair,
        notches=[replace(n, edge=f"{n.edge}_{side}") for n in own_marks.notches]
        + [replace(n, edge=f"{n.edge}_{OTHER[side]}") for n in their_marks.notches],
        fold_lines=[], drills=own_marks.drills + their_marks.drills,
        internal_lines=[*own_marks.internal_lines, *their_marks.internal_lines, centre],
        label={**own_marks.label, "cut": "open, not on the fold: the left and right halves differ"})


def _chain_after(outline: Outline, k: int) -> list[tuple[Edge, str]]:
    """The edges after edge k round to the one before it, each with its starting corner's rule."""
    n = len(outline.edges)
    return [(outline.edges[(k + i) % n], outline.corner_rules[(k + i) % n]) for i in range(1, n)]


def _renamed(edge: Edge, side: str) -> Edge:
    return Edge(f"{edge.name}_{side}" if edge.name else "", edge.path, edge.allowance, edge.takeup,
                edge.hem, False)

