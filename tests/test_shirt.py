"""The men's shirt block: pieces, matched seams and fit, measured on the drafted pieces."""

from __future__ import annotations

import itertools

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtm_app.drafting import draft
from mtm_app.drafting.inputs import Refusal
from mtm_app.errors import MeasurementError, OptionError
from mtm_app.library import get_block

PIECES = ["yoke", "back", "front_left", "front_right", "sleeve", "cuff", "cuff_interfacing",
          "collar_stand", "collar"]


def _width_at(piece, y: float) -> float:
    """Width of a piece's seam line at height y, measured with shapely (independently)."""
    poly = shapely.Polygon(piece.seam_line)
    x0, _, x1, _ = poly.bounds
    cut = poly.intersection(shapely.LineString([(x0 - 1, y), (x1 + 1, y)]))
    return cut.length


def test_median_man_gets_every_piece_and_every_check_passes(shirt, median_man) -> None:
    d = draft(shirt, median_man)
    assert [p.id for p in d.pieces] == PIECES
    assert d.problems == []
    assert all(s.ok for s in d.seams), [s.describe() for s in d.seams if not s.ok]
    assert all(f.ok for f in d.fits), [f.describe() for f in d.fits if not f.ok]
    assert {f.name for f in d.fits} >= {"chest", "collar", "sleeve_length", "back_length"}


def test_finished_chest_measured_independently_is_chest_plus_ease(shirt, median_man) -> None:
    d = draft(shirt, median_man)
    env_y = d.piece("back").edge("armhole").path.end[1] + 1  # just below the underarm
    back = _width_at(d.piece("back"), env_y) - d.options["pleat_intake"] / 2
    front = _width_at(d.piece("front_left"), env_y) - (17 + 68)  # placket: 17 + 2 × 34
    assert 2 * back + 2 * front == pytest.approx(1056 + 140, abs=3)


def test_collar_and_neckline_measure_the_collar_size(shirt, median_man) -> None:
    d = draft(shirt, median_man, {"collar_ease": 25})
    stand = d.piece("collar_stand").edge("neck").length
    neckline = d.piece("yoke").edge("neck").length + d.piece("front_left").edge("neck").length
    assert 2 * stand == pytest.approx(395 + 25, abs=0.5)
    assert stand == pytest.approx(neckline, abs=0.5)


def test_sleeve_cap_eases_into_the_armhole(shirt, median_man) -> None:
    d = draft(shirt, median_man)
    cap = d.piece("sleeve").edge("cap_back").length + d.piece("sleeve").edge("cap_front").length
    armhole = sum(d.piece(p).edge("armhole").length for p in ("yoke", "back", "front_left"))
    assert 0 <= cap - armhole <= 15


def test_cuff_matches_sleeve_hem_after_pleats(shirt, median_man) -> None:
    d = draft(shirt, median_man, {"cuff_pleats": 3})
    hem = d.piece("sleeve").edge("hem")
    assert hem.length - 3 * 12 == pytest.approx(d.piece("cuff").edge("top").length, abs=0.01)
    assert d.piece("cuff").edge("top").length == pytest.approx(176 + 60 + 20)


def test_fit_presets_change_the_ease(shirt, median_man) -> None:
    chest = {fit: next(f.measured for f in draft(shirt, median_man, {"fit": fit}).fits
                        if f.name == "chest") for fit in ("slim", "regular", "relaxed")}
    assert chest["slim"] == pytest.approx(1056 + 90, abs=3)
    assert chest["slim"] < chest["regular"] < chest["relaxed"]
    # an explicit ease wins over the preset
    d = draft(shirt, median_man, {"fit": "slim", "chest_ease": 100})
    assert next(f.measured for f in d.fits if f.name == "chest") == pytest.approx(1156, abs=3)


STYLES = list(itertools.product(
    ["point", "cutaway", "button_down", "band"],
    ["barrel_one_button", "barrel_two_button", "french"],
    ["plain", "box_pleat", "side_pleats", "darts"],
    ["slim", "regular", "relaxed"],
    ["tucked", "untucked"],
    [False, True],
    ["curved", "straight"],
))


@pytest.mark.parametrize(("collar", "cuff", "back", "fit", "length", "short", "hem"), STYLES[::7])
def test_every_style_drafts_a_valid_matched_shirt(shirt, median_man, collar, cuff, back, fit,
                                                   length, short, hem) -> None:
    opts = {"collar_style": collar, "cuff_style": cuff, "back_style": back, "fit": fit,
            "shirt_length": length, "short_sleeve": short, "hem_style": hem}
    d = draft(shirt, median_man, opts)
    assert d.ok, d.failures()
    ids = {p.id for p in d.pieces}
    assert ("collar" in ids) == (collar != "band")
    assert ("cuff" in ids) == (not short)
    if back == "darts":
        assert any(line.kind == "dart" for line in d.piece("back").internal_lines)
        assert len(d.piece("back").drills) == 2


def test_buttons_and_buttonholes_line_up(shirt, median_man) -> None:
    d = draft(shirt, median_man)
    holes = [line for line in d.piece("front_left").internal_lines if line.kind == "buttonhole"]
    buttons = d.piece("front_right").drills
    assert len(holes) == len(buttons) >= 5
    for hole, button in zip(holes, buttons, strict=True):
        assert (hole.points[0][1] + hole.points[1][1]) / 2 == pytest.approx(button[1])
        assert button[0] == 0 and hole.points[0][0] == 0  # both on centre front


def test_right_front_is_the_mirror_of_the_left_front_body(shirt, median_man) -> None:
    d = draft(shirt, median_man)
    left, right = d.piece("front_left"), d.piece("front_right")
    assert left.edge("armhole").length == pytest.approx(right.edge("armhole").length)
    assert max(left.seam_line[:, 0]) == pytest.approx(-min(right.seam_line[:, 0]))


def test_missing_across_back_is_derived_and_marked(shirt, median_man) -> None:
    del median_man["across_back"]
    d = draft(shirt, median_man)
    assert "across_back" in d.derived
    assert d.measurements["across_back"] == pytest.approx(0.28 * 1056 + 136)
    assert d.ok


def test_a_body_outside_the_range_is_refused_by_name(shirt, median_man) -> None:
    median_man["chest"] = 600
    with pytest.raises(Refusal) as err:
        draft(shirt, median_man)
    assert err.value.field == "chest"
    assert "60.0 cm is outside the 76.0 cm–150.0 cm" in str(err.value)


def test_a_missing_measurement_is_named(shirt, median_man) -> None:
    del median_man["neck"]
    with pytest.raises(MeasurementError, match="measurement 'neck' is missing"):
        draft(shirt, median_man)


def test_inconsistent_measurements_are_refused(shirt, median_man) -> None:
    median_man["neck"] = 530  # more than half the chest
    with pytest.raises(Refusal) as err:
        draft(shirt, median_man)
    assert err.value.field == "neck"


@pytest.mark.parametrize(("opts", "message"), [
    ({"colar_style": "band"}, "no option 'colar_style'.*did you mean 'collar_style'"),
    ({"collar_style": "mandarin"}, "is not one of point, cutaway, button_down, band"),
    ({"chest_ease": "lots"}, "takes a number"),
    ({"chest_ease": 5}, "outside 60–320 mm"),
    ({"cuff_pleats": 1.5}, "whole number"),
    ({"short_sleeve": "maybe"}, "true or false"),
])
def test_bad_options_are_explained(shirt, median_man, opts, message) -> None:
    with pytest.raises(OptionError, match=message):
        draft(shirt, median_man, opts)


def test_drafting_is_repeatable(shirt, median_man) -> None:
    a, b = draft(shirt, median_man), draft(shirt, median_man)
    for p, q in zip(a.pieces, b.pieces, strict=True):
        assert p.cut_line.tolist() == q.cut_line.tolist()


@st.composite
def men(draw):
    """Plausible male bodies: each measurement near what height and chest predict."""
    height = draw(st.floats(1500, 2000))
    chest = draw(st.floats(800, 1400))
    jitter = lambda lo, hi: draw(st.floats(lo, hi))  # noqa: E731
    return {
        "height": height, "chest": chest,
        "neck": chest * 0.37 + jitter(-30, 30),
        "waist": chest + jitter(-300, 100),
        "seat": chest * 0.55 + 430 + jitter(-60, 60),
        "nape_to_waist": height * 0.23 + jitter(-40, 40),
        "across_back": chest * 0.28 + 136 + jitter(-40, 40),
        "shoulder_length": jitter(115, 185),
        "sleeve_length": height * 0.34 + jitter(-40, 40),
        "bicep": chest * 0.36 - 40 + jitter(-50, 50),
        "wrist": chest * 0.1 + 70 + jitter(-15, 15),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(men(), st.sampled_from(["slim", "regular", "relaxed"]),
       st.sampled_from(["point", "band", "cutaway"]), st.booleans())
def test_any_plausible_man_gets_a_valid_shirt_or_a_named_refusal(body, fit, collar,
                                                                 short) -> None:
    shirt = get_block("mens_shirt")
    try:
        d = draft(shirt, body, {"fit": fit, "collar_style": collar, "short_sleeve": short})
    except Refusal as exc:
        assert exc.field in shirt.measurements
        return
    assert d.ok, d.failures()
    for piece in d.pieces:
        assert shapely.Polygon(piece.cut_line).is_valid
        grows = any(e.allowance > 0 for e in piece.edges)
        cut, seam = shapely.Polygon(piece.cut_line).area, shapely.Polygon(piece.seam_line).area
        assert cut > seam if grows else cut == pytest.approx(seam)
