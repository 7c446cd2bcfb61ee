"""The draft: a pure function from (block, measurements, options) to checked pieces."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mtm_app.block.model import Block, build_elements
from mtm_app.drafting.alterations import AppliedAlteration, PersonalAlteration, place_side
from mtm_app.drafting.assemble import assemble_pieces
from mtm_app.drafting.checks import FitResult, SeamResult, SkippedCheck, measure_checks, validity_problems
from mtm_app.drafting.collector import collector_paused
from mtm_app.drafting.inputs import Refusal, prepare_measurements, resolve_personal
from mtm_app.drafting.sides import SideDraft, join_sides, side_values
from mtm_app.errors import MtmError
from mtm_app.i18n import _
from mtm_app.measurements.catalogue import SIDES, side_name
from mtm_app.measurements.sleeves import STANDS_IN_FOR
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
    skipped: list[SkippedCheck] = field(default_factory=list)  # checks of pieces not cut
    warnings: list[str] = field(default_factory=list)  # marks placed where they may not be meant

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


@collector_paused()
def draft(block: Block, measurements: Mapping[str, float],
          options: Mapping[str, Any] | None = None,
          alterations: Iterable[PersonalAlteration] = ()) -> Draft:
    """Draft `block` for a body (measurements in mm) with style options and the customer's
    personal alterations from fittings.

    When a measurement the block uses differs between the left and right side, the block is
    drafted for each side and the pieces are cut per side (`drafting.sides`).
    Raises MeasurementError, OptionError or Refusal for unusable input, BlockError when the
    block's construction fails for this body.
    """
    alterations = list(alterations)
    base, sides = side_values(block, measurements, lambda: _derived(block, measurements))
    if sides is None and any(place_side(a.place) for a in alterations):
        sides = {s: {} for s in SIDES}  # a fitting altered one side only: draft each side
    if sides is None:
        values, derived = prepare_measurements(block, base)
        opts, applied = resolve_personal(block, options, alterations)
        one = _draft_side(block, values, opts)
        return Draft(block=block, measurements=values, derived=derived, options=opts,
                     pieces=list(one.pieces.values()), seams=one.seams, fits=one.fits,
                     problems=one.problems, alterations=applied, skipped=one.skipped,
                     warnings=one.warnings)
    resolved = {s: resolve_personal(block, options, alterations, s) for s in SIDES}
    opts = resolved["left"][0]
    applied = list({a.place: a for s in SIDES for a in resolved[s][1]}.values())
    prepared = {s: _prepare_side(block, base, sides[s], s, measurements) for s in SIDES}
    drafts = {s: _draft_side(block, prepared[s][0], resolved[s][0], judge=False) for s in SIDES}
    pieces, seams, fits, problems = join_sides(block, drafts)
    measured_instead = {n: float(measurements[n]) for n in STANDS_IN_FOR.values() if n in measurements}
    plain = _derived(block, base)  # the plain values drafted from one another, as one body's
    values = {**prepared["left"][0], **plain, **{n: base[n] for n in sides["left"]}, **measured_instead,
              **{side_name(n, s): sides[s][n] for s in SIDES for n in sides[s]}}
    # a side not given, and the measurement's own value, are the block's where it derived them
    worked_out = {m for n in sides["left"] if n not in measurements
                  for m in (n, *(side_name(n, s) for s in SIDES if side_name(n, s) not in measurements))}
    derived = prepared["left"][1] | prepared["right"][1] | worked_out
    both = (drafts["left"], drafts["right"])
    return Draft(block=block, measurements=values, derived=derived,
                 options=opts, pieces=pieces, seams=seams, fits=fits, problems=problems,
                 alterations=applied, skipped=list(dict.fromkeys(s for d in both for s in d.skipped)),
                 warnings=list(dict.fromkeys(w for d in both for w in d.warnings)))


def _prepare_side(block: Block, base: dict[str, float], side_values_: dict[str, float], side: str,
                  given: Mapping[str, float]) -> tuple[dict[str, float], set[str]]:
    """One side's measurements; a side refused is named as such (the left outseam, not the
    outseam the tailor never typed)."""
    try:
        return prepare_measurements(block, {**base, **side_values_})
    except Refusal as exc:
        field = side_name(exc.field, side) if side_name(exc.field, side) in given else exc.field
        said = _("left side: {message}") if side == "left" else _("right side: {message}")
        raise Refusal(field, said.format(message=exc.message), exc.hint) from None


def _derived(block: Block, measurements: Mapping[str, float]) -> dict[str, float]:
    """The block's measurements as it derives them from what was given, sides left aside;
    nothing where it cannot (the sides then stand in for each other)."""
    try:
        return prepare_measurements(block, measurements)[0]
    except MtmError:
        return {}


def _draft_side(block: Block, values: dict[str, float], opts: dict[str, Any],
                judge: bool = True) -> SideDraft:
    """One draft of the block; `judge=False` leaves the outlines unjudged, for a side whose
    pieces are judged once joined (`sides.join_sides`)."""
    env: dict[str, Any] = {**block.constants, **values, **opts}
    build_elements(block.elements, env)
    pieces, warnings, walked, seam_polygons = assemble_pieces(block.pieces, env, block.seam_pairs)
    by_id = {p.id: p for p in pieces}
    env.update(by_id)
    seams, fits, skipped = measure_checks(block, by_id, env)
    return SideDraft(pieces=by_id, seams=seams, fits=fits,
                     problems=validity_problems(pieces, seam_polygons) if judge else [], env=env,
                     skipped=skipped, warnings=warnings, walked=walked)
