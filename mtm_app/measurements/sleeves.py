"""The US shirt sleeve: taken from the centre back, drafted from the shoulder point.

A US tailor measures a shirt sleeve from the nape over the shoulder and the bent elbow to
the wrist (`cb_sleeve_length`, "34½"); our blocks draft from the shoulder point
(`sleeve_length`). The back-and-shoulder part between them differs from body to body, so
the conversion is the population model's (ANSUR II) estimate of the shoulder-point sleeve
given the centre-back one and whatever else the customer was measured for — the same model
that estimates every missing measurement, so the draft, the estimate and the checks agree.
See docs/estimation.md for its error.
"""

from __future__ import annotations

from collections.abc import Mapping

from mtm_app.measurements.estimate import Estimate, likely_sex, models

SLEEVE = "sleeve_length"
CB_SLEEVE = "cb_sleeve_length"
# Nape to shoulder point over the back: never under 146 mm in ANSUR II (women; men 170 mm).
# Less than this between the two sleeves is a misreading, not a body.
MIN_BACK_SPAN = 100.0  # mm
DISAGREEMENT_Z = 4.0  # both sleeves given: standard deviations of the conversion apart
# A measurement the block needs → another the tailor may give instead, converted here.
STANDS_IN_FOR = {SLEEVE: CB_SLEEVE}


def sleeve_from_centre_back(values: Mapping[str, float], sex: str | None = None) -> Estimate:
    """The shoulder-point sleeve length (mm) for a body measured from the centre back.

    Every other value given (chest, across back, height …) narrows it; a shoulder-point
    sleeve in `values` is ignored, so this also checks one sleeve against the other."""
    known = {n: v for n, v in values.items() if n != SLEEVE}
    model = models()[sex or likely_sex(known)]
    return model.condition(known)[SLEEVE]


def with_both_sleeves(values: Mapping[str, float], sex: str | None = None
                      ) -> tuple[dict[str, float], frozenset[str]]:
    """`values` with whichever of the two sleeves is missing worked out from the other (and
    everything else given), and the names so derived, to be marked as such."""
    out = dict(values)
    missing = [n for n in (SLEEVE, CB_SLEEVE) if n not in out]
    if len(missing) != 1:
        return out, frozenset()
    name = missing[0]
    if name == SLEEVE:
        out[SLEEVE] = sleeve_from_centre_back(out, sex).value
    else:
        out[CB_SLEEVE] = models()[sex or likely_sex(out)].condition(out)[CB_SLEEVE].value
    return out, frozenset(missing)


def given_instead(name: str, values: Mapping[str, float]) -> bool:
    """Whether a measurement the block needs is given by the one standing in for it."""
    return STANDS_IN_FOR.get(name) in values
