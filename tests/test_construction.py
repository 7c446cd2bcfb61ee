"""The construction behind a draft (what the workbench's overlay and value inspector show) and
the percentile bodies it drafts for."""

from __future__ import annotations

import numpy as np
import pytest

from mtm_app.drafting import draft
from mtm_app.drafting.construction import constraint_results, construction
from mtm_app.library import get_block
from mtm_app.measurements.percentiles import percentile_body
from tests.conftest import MEDIAN_MAN, MEDIAN_MAN_LEGS


def test_the_construction_is_the_blocks_own_points_values_and_curves(shirt) -> None:
    result = draft(shirt, MEDIAN_MAN)
    built = construction(result)
    m, o = result.measurements, result.options
    # values: as the block's formula gives them for this body
    assert built.values["scye_depth"] == pytest.approx(
        m["chest"] / 10 + m["height"] / 20 + 25 + o["armhole_drop"])
    assert built.values["quarter_chest"] == pytest.approx((m["chest"] + o["chest_ease"]) / 4)
    # points: built from those values, and fixed ones too (built once when the block loads)
    assert built.points["back_underarm"] == pytest.approx(
        (built.values["back_chest"], built.values["scye_depth"]))
    assert built.points["unit_hps"] == (100.0, -25.0)
    # the back's nest point is the construction's point it names
    assert result.piece("back").nest_point == pytest.approx(built.points["back_cb_chest"])
    # curves: flattened, running from their first point to their last
    armhole = built.curves["back_armhole"]
    assert armhole.shape[1] == 2 and len(armhole) > 10
    assert not set(built.points) & set(built.values) and "chest" not in built.values


def test_a_bigger_body_moves_the_construction(shirt) -> None:
    small = construction(draft(shirt, MEDIAN_MAN))
    big = construction(draft(shirt, {**MEDIAN_MAN, "chest": MEDIAN_MAN["chest"] + 100}))
    assert big.points["back_underarm"][0] - small.points["back_underarm"][0] == pytest.approx(25.0)
    assert np.allclose(big.points["unit_hps"], small.points["unit_hps"])


def test_constraints_are_listed_kept_or_broken() -> None:
    trousers = get_block("mens_trousers")
    body = {**MEDIAN_MAN, **MEDIAN_MAN_LEGS}
    kept = constraint_results(trousers, body)
    assert kept and all(ok for _, ok in kept)
    broken = dict(constraint_results(trousers, {**body, "outseam": body["outseam"] + 300}))
    assert [ok for ok in broken.values()].count(False) == 1
    assert any("outseam" in message and not ok for message, ok in broken.items())


@pytest.mark.parametrize("sex, girth", [("male", "chest"), ("female", "bust")])
def test_percentile_bodies_sit_at_the_surveys_percentiles(sex, girth, ansur_men, ansur_women) -> None:
    subjects = [values for _, values in (ansur_men if sex == "male" else ansur_women)]
    for percentile in (2, 50, 98):
        body = percentile_body(sex, percentile)
        for name in ("height", girth):  # the survey's own percentile, within a centimetre or two
            measured = np.percentile([s[name] for s in subjects], percentile)
            assert body[name] == pytest.approx(measured, abs=20), (percentile, name)
    small, middle, large = (percentile_body(sex, p) for p in (2, 50, 98))
    for name in ("waist", "seat", "neck_base", "nape_to_waist"):  # the rest follows
        assert small[name] < middle[name] < large[name]


def test_a_percentile_body_drafts_every_shipped_garment_for_its_sex() -> None:
    for block_id, sex in (("mens_shirt", "male"), ("mens_trousers", "male"), ("mens_waistcoat", "male"),
                          ("mens_jacket", "male"),
                          ("womens_bodice", "female"), ("skirt", "female")):
        for percentile in (2, 50, 98):
            assert draft(get_block(block_id), percentile_body(sex, percentile)).pieces


def test_a_percentile_outside_the_survey_is_refused() -> None:
    with pytest.raises(ValueError):
        percentile_body("male", 100)
