"""Checks run on every draft: valid outlines, seams that match, fit that measures right.

A pattern that breaks these is wrong, whatever it looks like, so they are measured on the
drafted pieces rather than trusted from the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from mtm_app.block.model import Block, PieceSpec
from mtm_app.geometry.allowance import remove_offset_loops, ring_polygons
from mtm_app.i18n import _, block_text, number
from mtm_app.pieces import Piece


@dataclass(frozen=True)
class SeamResult:
    name: str
    a_length: float
    b_length: float
    min: float
    max: float

    @property
    def difference(self) -> float:
        return self.a_length - self.b_length

    @property
    def ok(self) -> bool:
        return self.min <= self.difference <= self.max

    def describe(self) -> str:
        return _("{name}: {a} vs {b} mm, difference {difference} mm (allowed {low} to {high})").format(
            name=self.name, a=number(self.a_length, 1), b=number(self.b_length, 1),
            difference=number(f"{self.difference:+.1f}"), low=number(f"{self.min:+.1f}"),
            high=number(f"{self.max:+.1f}"))


@dataclass(frozen=True)
class FitResult:
    name: str
    label: str
    measured: float
    target: float
    tolerance: float
    unit: str = "mm"  # "°": the kink where two curves meet across a seam

    @property
    def ok(self) -> bool:
        return abs(self.measured - self.target) <= self.tolerance

    def describe(self) -> str:
        if self.unit == "°":
            return _("{label}: the curves meet {measured}° off smooth, at most {tolerance}° wanted").format(
                label=block_text(self.label), measured=number(self.measured, 1),
                tolerance=number(self.tolerance))
        return _("{label}: {measured} mm measured, {target} ± {tolerance} mm wanted").format(
            label=block_text(self.label), measured=number(self.measured, 1), target=number(self.target, 1),
            tolerance=number(self.tolerance))


@dataclass(frozen=True)
class SkippedCheck:
    """A fit check or seam pair not measured on this draft: a piece it measures is not cut for
    these options (its `when` is false). Said, so a check never vanishes without a word."""

    name: str
    label: str
    pieces: tuple[str, ...]  # the names of the pieces not cut
    conditions: tuple[str, ...]  # their `when`, as written

    def reason(self) -> str:
        return _("not checked: {pieces} is not cut for these options ({conditions} is false)").format(
            pieces=", ".join(block_text(p) for p in self.pieces), conditions="; ".join(self.conditions))

    def describe(self) -> str:
        return f"{block_text(self.label)}: {self.reason()}"


def validity_problems(pieces: list[Piece], seams: np.ndarray | None = None) -> list[str]:
    """Each seam and cut line must be a simple polygon and the cut line must hold the seam line;
    `seams`: the seam lines as polygons, when already made.

    A cut line that crosses itself only because an offset looped inside a tight concave curve
    is trimmed here (once, for just those pieces) before it is judged.
    """
    if not pieces:
        return [_("the draft has no pieces")]
    n = len(pieces)
    if seams is None:
        seams = ring_polygons([p.seam_line for p in pieces])
    both = np.concatenate((seams, ring_polygons([p.cut_line for p in pieces])))
    ok = shapely.is_valid(both)
    seams, cuts, seam_ok, cut_ok = both[:n], both[n:], ok[:n], ok[n:]
    for i in np.nonzero(~cut_ok & seam_ok)[0]:
        pieces[i].cut_line = remove_offset_loops(pieces[i].cut_line)
        cuts[i] = shapely.Polygon(pieces[i].cut_line)
        cut_ok[i] = cuts[i].is_valid
    problems = []
    areas = shapely.area(seams)
    for i, piece in enumerate(pieces):
        if not seam_ok[i]:
            problems.append(_("{piece}: seam line crosses itself ({reason})").format(
                piece=block_text(piece.name), reason=shapely.is_valid_reason(seams[i])))
        elif not cut_ok[i]:
            problems.append(_("{piece}: cut line crosses itself ({reason})").format(
                piece=block_text(piece.name), reason=shapely.is_valid_reason(cuts[i])))
        elif areas[i] <= 0:
            problems.append(_("{piece}: seam line encloses no area").format(piece=block_text(piece.name)))
    if not problems:
        holds = shapely.covers(cuts, seams)
        problems += [_("{piece}: seam line pokes out of the cut line").format(piece=block_text(p.name))
                     for i, p in enumerate(pieces)
                     if not holds[i] and shapely.difference(seams[i], cuts[i]).area > 0.01]
    return problems


def measure_checks(block: Block, pieces: dict[str, Piece], env: dict[str, Any]
                   ) -> tuple[list[SeamResult], list[FitResult], list[SkippedCheck]]:
    """Every seam pair and fit check whose `when` holds, measured on the drafted pieces; one
    that measures a piece not cut for these options is listed as skipped, with why."""
    absent = {spec.id: spec for spec in block.pieces if spec.id not in pieces}
    seams, fits, skipped = [], [], []
    for pair in block.seam_pairs:
        if pair.when is not None and not pair.when(env):
            continue
        missing = [absent[pid] for pid, _edge in pair.a + pair.b if pid in absent]
        if missing:
            skipped.append(_skipped(pair.name, pair.name, missing))
            continue
        a = sum(pieces[pid].edge(e).sewn_length for pid, e in pair.a)
        b = sum(pieces[pid].edge(e).sewn_length for pid, e in pair.b)
        seams.append(SeamResult(pair.name, a, b, pair.min, pair.max))
    for check in block.fit_checks:
        when = check.when
        if when is not None and when.refs.isdisjoint(absent) and not when(env):
            continue
        uses = check.measure.refs | check.target.refs | (when.refs if when else frozenset())
        missing = [absent[r] for r in sorted(uses) if r in absent]
        if missing:
            skipped.append(_skipped(check.name, check.label, missing))
            continue
        fits.append(FitResult(check.name, check.label, float(check.measure(env)),
                              float(check.target(env)), check.tolerance, check.unit))
    return seams, fits, skipped


def _skipped(name: str, label: str, missing: list[PieceSpec]) -> SkippedCheck:
    specs = list({s.id: s for s in missing}.values())
    return SkippedCheck(name, label, tuple(s.name for s in specs),
                        tuple(s.when.source for s in specs if s.when is not None))
