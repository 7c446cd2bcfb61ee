"""The draft: a pure function from (block, measurements, options) to checked pieces."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mtm_app.block.model import Block, build_elements
from mtm_app.drafting.alterations import AppliedAlteration, PersonalAlteration
from mtm_app.drafting.assemble import assemble_pieces
from mtm_app.drafting.checks import (
    FitResult,
    SeamResult,
    fit_results,
    seam_results,
    validity_problems,
)
from mtm_app.drafting.inputs import prepare_measurements, resolve_personal
from mtm_app.pieces import Piece


@dataclass
class Draft:
    """Everything a draft produced: the inputs it used, its pieces and its checks."""

    block: Block
    measurements: dict[str, float]
    derived: set[str]
    options: dict[str, Any]
    pieces: list[Piece]
    seams: list[SeamResult]
    fits: list[FitResult]
    problems: list[str] = field(default_factory=list)
    alterations: list[AppliedAlteration] = field(default_factory=list)  # the customer's, applied

    @property
    def ok(self) -> bool:
        return not self.problems and all(s.ok for s in self.seams) and all(f.ok for f in self.fits)

    def failures(self) -> list[str]:
        """Every broken rule, one line each."""
        return (list(self.problems) + [s.describe() for s in self.seams if not s.ok]
                + [f.describe() for f in self.fits if not f.ok])

    def piece(self, piece_id: str) -> Piece:
        for p in self.pieces:
            if p.id == piece_id:
                return p
        raise KeyError(piece_id)


def draft(block: Block, measurements: Mapping[str, float],
          options: Mapping[str, Any] | None = None,
          alterations: Iterable[PersonalAlteration] = ()) -> Draft:
    """Draft `block` for a body (measurements in mm) with style options and the customer's
    personal alterations from fittings.

    Raises MeasurementError, OptionError or Refusal for unusable input, BlockError when the
    block's construction fails for this body.
    """
    values, derived = prepare_measurements(block, measurements)
    opts, applied = resolve_personal(block, options, alterations)
    env: dict[str, Any] = {**block.constants, **values, **opts}
    build_elements(block.elements, env)
    pieces = assemble_pieces(block.pieces, env)
    by_id = {p.id: p for p in pieces}
    env.update(by_id)
    absent = {spec.id for spec in block.pieces} - by_id.keys()
    checks = [c for c in block.fit_checks if not (c.measure.refs | c.target.refs) & absent]
    fits = fit_results(checks, env)
    return Draft(
        block=block, measurements=values, derived=derived, options=opts, pieces=pieces,
        seams=seam_results(block, by_id, env), fits=fits, problems=validity_problems(pieces),
        alterations=applied,
    )

