"""Two versions of a block drafted for one body, side by side: what a change to the block does.

For each piece its outlines in both (to overlay them) and its area; pieces one version has and
the other not; and every check — fit check, seam pair, the body's refusal by a constraint or a
range, an outline problem — whose result or status is not the same in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mtm_app.block.loader import parse_block
from mtm_app.block.model import Block
from mtm_app.drafting import Draft, draft
from mtm_app.errors import MtmError
from mtm_app.pieces import Piece

FIT, SEAM, REFUSAL, OUTLINE = "fit check", "seam pair", "refusal", "outline"  # kinds of check


@dataclass(frozen=True)
class Outline:
    """One version's piece: its seam and cut lines (mm, the block's axes) and cut area."""

    seam_line: np.ndarray
    cut_line: np.ndarray
    area_cm2: float


@dataclass(frozen=True)
class PieceComparison:
    """A piece in both versions (None where a version has no such piece)."""

    id: str
    name: str
    a: Outline | None
    b: Outline | None

    @property
    def area_change_cm2(self) -> float | None:
        """b's area less a's (None when the piece is only in one of them)."""
        return None if self.a is None or self.b is None else self.b.area_cm2 - self.a.area_cm2

    @property
    def added(self) -> bool:
        return self.a is None

    @property
    def removed(self) -> bool:
        return self.b is None


@dataclass(frozen=True)
class CheckResult:
    """A check as one version judges it, in the words of the tailor's view."""

    ok: bool
    text: str


@dataclass(frozen=True)
class CheckComparison:
    """A check whose result or status differs; None where a version does not make it."""

    kind: str  # FIT, SEAM, REFUSAL or OUTLINE
    name: str
    a: CheckResult | None
    b: CheckResult | None

    @property
    def status_changed(self) -> bool:
        return (self.a is None or self.a.ok) != (self.b is None or self.b.ok)


@dataclass
class Comparison:
    version_a: str
    version_b: str
    draft_a: Draft | None  # None when the body is refused or the draft fails (see `checks`)
    draft_b: Draft | None
    pieces: list[PieceComparison] = field(default_factory=list)  # a's order, then b's new ones
    checks: list[CheckComparison] = field(default_factory=list)  # only those that differ
    ignored_options: dict[str, list[str]] = field(default_factory=dict)  # version → names


def _outline(piece: Piece) -> Outline:
    return Outline(piece.seam_line, piece.cut_line, piece.area / 100.0)


def _drafted(block: Block, measurements: Mapping[str, float], options: Mapping[str, Any]
             ) -> tuple[Draft | None, str]:
    """The draft, or why there is none (a refusal, a block that fails for this body)."""
    try:
        return draft(block, measurements, options), ""
    except MtmError as exc:
        return None, str(exc)


def _results(result: Draft | None, refusal: str) -> dict[tuple[str, str], CheckResult]:
    if result is None:
        return {(REFUSAL, ""): CheckResult(False, refusal)}
    out = {(FIT, f.name): CheckResult(f.ok, f.describe()) for f in result.fits}
    out.update({(SEAM, s.name): CheckResult(s.ok, s.describe()) for s in result.seams})
    out.update({(OUTLINE, p): CheckResult(False, p) for p in result.problems})
    return out


def compare_versions(text_a: str, text_b: str, measurements: Mapping[str, float],
                     options: Mapping[str, Any] | None = None,
                     files: tuple[str, str] = ("<version a>", "<version b>")) -> Comparison:
    """Draft two block texts for one body (mm) with the same style options (each version
    given those it declares: the others are listed in `ignored_options`) and compare them.
    A text that does not load raises its BlockError, located in `files`."""
    blocks = (parse_block(text_a, files[0]), parse_block(text_b, files[1]))
    options = dict(options or {})
    out = Comparison(blocks[0].version, blocks[1].version, None, None)
    drafts = []
    for block in blocks:
        out.ignored_options[block.version] = sorted(n for n in options if n not in block.options)
        drafts.append(_drafted(block, measurements, {n: v for n, v in options.items() if n in block.options}))
    (out.draft_a, refused_a), (out.draft_b, refused_b) = drafts
    pieces_a = {p.id: p for p in out.draft_a.pieces} if out.draft_a else {}
    pieces_b = {p.id: p for p in out.draft_b.pieces} if out.draft_b else {}
    for pid in [*pieces_a, *(p for p in pieces_b if p not in pieces_a)]:
        a, b = pieces_a.get(pid), pieces_b.get(pid)
        out.pieces.append(PieceComparison(pid, (b or a).name, None if a is None else _outline(a),
                                          None if b is None else _outline(b)))
    results_a, results_b = _results(out.draft_a, refused_a), _results(out.draft_b, refused_b)
    for key in [*results_a, *(k for k in results_b if k not in results_a)]:
        a, b = results_a.get(key), results_b.get(key)
        if a != b:
            out.checks.append(CheckComparison(key[0], key[1], a, b))
    return out
