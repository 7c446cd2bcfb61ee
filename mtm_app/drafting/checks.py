"""Checks run on every draft: valid outlines, seams that match, fit that measures right.

A pattern that breaks these is wrong, whatever it looks like, so they are measured on the
drafted pieces rather than trusted from the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from mtm_app.block.model import Block, FitCheck
from mtm_app.geometry.allowance import remove_offset_loops
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

    @property
    def ok(self) -> bool:
        return abs(self.measured - self.target) <= self.tolerance

    def describe(self) -> str:
        return _("{label}: {measured} mm measured, {target} ± {tolerance} mm wanted").format(
            label=block_text(self.label), measured=number(self.measured, 1), target=number(self.target, 1),
            tolerance=number(self.tolerance))


def _polygons(rings: list[np.ndarray]) -> np.ndarray:
    """All rings as shapely polygons in one call (one array, not one object per call)."""
    indices = np.repeat(np.arange(len(rings)), [len(r) for r in rings])
    return shapely.polygons(shapely.linearrings(np.concatenate(rings), indices=indices))  # closes each


def validity_problems(pieces: list[Piece]) -> list[str]:
    """Each seam and cut line must be a simple polygon and the cut line must hold the seam line.

    A cut line that crosses itself only because an offset looped inside a tight concave curve
    is trimmed here (once, for just those pieces) before it is judged.
    """
    if not pieces:
        return [_("the draft has no pieces")]
    n = len(pieces)
    both = _polygons([p.seam_line for p in pieces] + [p.cut_line for p in pieces])
    ok = shapely.is_valid(both)
    seams, cuts, seam_ok, cut_ok = both[:n], both[n:], ok[:n], ok[n:]
    for i in np.nonzero(~cut_ok & seam_ok)[0]:
        pieces[i].cut_line = remove_offset_loops(pieces[i].cut_line)
        cuts[i] = shapely.Polygon(pieces[i].cut_line)
        cut_ok[i] = cuts[i].is_valid
    problems = []
    for i, piece in enumerate(pieces):
        if not seam_ok[i]:
            problems.append(_("{piece}: seam line crosses itself ({reason})").format(
                piece=block_text(piece.name), reason=shapely.is_valid_reason(seams[i])))
        elif not cut_ok[i]:
            problems.append(_("{piece}: cut line crosses itself ({reason})").format(
                piece=block_text(piece.name), reason=shapely.is_valid_reason(cuts[i])))
        elif shapely.area(seams[i]) <= 0:
            problems.append(_("{piece}: seam line encloses no area").format(piece=block_text(piece.name)))
    if not problems:
        holds = shapely.covers(cuts, seams)
        problems += [_("{piece}: seam line pokes out of the cut line").format(piece=block_text(p.name))
                     for i, p in enumerate(pieces)
                     if not holds[i] and shapely.difference(seams[i], cuts[i]).area > 0.01]
    return problems


def seam_results(block: Block, pieces: dict[str, Piece], env: dict[str, Any]) -> list[SeamResult]:
    out = []
    for pair in block.seam_pairs:
        if pair.when is not None and not pair.when(env):
            continue
        if any(pid not in pieces for pid, _edge in pair.a + pair.b):
            continue
        a = sum(pieces[pid].edge(e).sewn_length for pid, e in pair.a)
        b = sum(pieces[pid].edge(e).sewn_length for pid, e in pair.b)
        out.append(SeamResult(pair.name, a, b, pair.min, pair.max))
    return out


def fit_results(checks: list[FitCheck], env: dict[str, Any]) -> list[FitResult]:
    out = []
    for check in checks:
        if check.when is not None and not check.when(env):
            continue
        out.append(FitResult(check.name, check.label, float(check.measure(env)),
                             float(check.target(env)), check.tolerance))
    return out
