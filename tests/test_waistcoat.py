"""The men's waistcoat block: V opening to the top button, points, buttons, facing and lining,
measured on the drafted pieces."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtm_app.drafting import draft
from mtm_app.drafting.inputs import Refusal
from mtm_app.library import get_block
from tests.conftest import MEDIAN_MAN
from tests.test_shirt import men

PIECES = ["back", "front", "front_facing", "front_lining", "belt", "welt"]
EASE = {"slim": 60, "regular": 80, "relaxed": 120}


@pytest.fixture(scope="module")
def waistcoat():
    return get_block("mens_waistcoat")


def _side_x(piece, y: float) -> float:
    """How far the seam line reaches from centre back / front (x = 0) at height y, found with
    shapely on the outline alone: half a girth as a tape laid across the piece reads it."""
    poly = shapely.Polygon(piece.seam_line)
    x0, _, x1, _ = poly.bounds
    return poly.intersection(shapely.LineString([(x0 - 1, y), (x1 + 1, y)])).bounds[2]


def _chest_y(result) -> float:
    return result.piece("back").edge("armhole").path.end[1] + 1  # just under the underarm


def _buttonholes(front) -> list:
    return [line for line in front.internal_lines if line.kind == "buttonhole"]


def test_median_man_gets_every_piece_and_every_check_passes(waistcoat) -> None:
    d = draft(waistcoat, MEDIAN_MAN)
    assert [p.id for p in d.pieces] == PIECES
    assert d.ok, d.failures()
    assert not d.warnings
    assert {f.name for f in d.fits} >= {"chest", "waist", "back_length", "front_length"}
    assert {s.name for s in d.seams} >= {"Side seam", "Shoulder", "Facing to front edge",
                                         "Front lining to facing"}
    assert {p.id: p.material for p in d.pieces} == {
        "back": "lining", "front": "self", "front_facing": "self", "front_lining": "lining",
        "belt": "lining", "welt": "self"}
    back = d.piece("back")
    assert back.quantity == 4 and back.mirror  # outer back and back lining, a pair each


@pytest.mark.parametrize("fit", sorted(EASE))
def test_finished_chest_measured_on_the_outlines_is_chest_plus_ease(waistcoat, fit) -> None:
    d = draft(waistcoat, MEDIAN_MAN, {"fit": fit})
    y = _chest_y(d)
    half = _side_x(d.piece("back"), y) + _side_x(d.piece("front"), y)
    assert 2 * half == pytest.approx(MEDIAN_MAN["chest"] + EASE[fit], abs=1)


def test_side_seams_and_shoulders_sew_equal(waistcoat) -> None:
    d = draft(waistcoat, MEDIAN_MAN)
    back, front, lining = d.piece("back"), d.piece("front"), d.piece("front_lining")
    assert front.edge("side").length == pytest.approx(back.edge("side").length, abs=0.5)
    assert lining.edge("side").length == pytest.approx(back.edge("side").length, abs=0.5)
    assert front.edge("shoulder").length == pytest.approx(back.edge("shoulder").length, abs=0.5)
    # the waistcoat's shoulder: the body's less 10 mm at the neck and 20 mm at the shoulder point
    assert front.edge("shoulder").length == pytest.approx(MEDIAN_MAN["shoulder_length"] - 30, abs=0.01)
    facing_and_lining = d.piece("front_facing").edge("shoulder").length + lining.edge("shoulder").length
    assert facing_and_lining == pytest.approx(back.edge("shoulder").length, abs=0.5)
    assert lining.edge("armhole").length == pytest.approx(front.edge("armhole").length, abs=0.01)


@pytest.mark.parametrize("v_depth", [-60, 20, 80])
def test_the_v_opening_runs_from_the_neck_point_to_the_top_button(waistcoat, v_depth) -> None:
    d = draft(waistcoat, MEDIAN_MAN, {"v_depth": v_depth})
    front = d.piece("front")
    neck = front.edge("neck").path
    assert neck.start == pytest.approx(front.edge("shoulder").path.end)  # leaves the neck point
    top = min(_buttonholes(front), key=lambda line: line.points[0][1])
    stand = d.options["button_stand"]
    assert neck.end[0] == pytest.approx(-stand)  # on the front edge, the stand beyond centre front
    assert top.points[0][1] - neck.end[1] == pytest.approx(12, abs=0.01)  # just above the top button
    assert top.points[0][1] == pytest.approx(_chest_y(d) - 1 + v_depth, abs=0.01)
    assert top.points[0][0] < 0 < top.points[1][0]  # the buttonhole crosses centre front


@pytest.mark.parametrize("buttons", [4, 5, 6])
def test_the_button_count_is_the_option_spaced_evenly_to_below_the_waist(waistcoat, buttons) -> None:
    d = draft(waistcoat, MEDIAN_MAN, {"buttons": buttons})
    front = d.piece("front")
    ys = sorted(line.points[0][1] for line in _buttonholes(front))
    assert len(ys) == buttons
    assert len([p for p in front.drills if p[0] == 0]) == buttons  # the buttons, on centre front
    gaps = np.diff(ys)
    assert gaps.max() - gaps.min() < 0.01 and gaps.min() >= 32
    waist = MEDIAN_MAN["nape_to_waist"]
    assert ys[-1] > waist > ys[-2]  # the last button below the waist (left undone)


def test_the_facing_follows_the_front_edge_and_with_the_lining_covers_the_front(waistcoat) -> None:
    for style in ("pointed", "straight"):
        d = draft(waistcoat, MEDIAN_MAN, {"point_style": style})
        front, facing, lining = d.piece("front"), d.piece("front_facing"), d.piece("front_lining")
        edges = ["neck", "front_edge", "point"] if style == "pointed" else ["neck", "front_edge"]
        for name in edges:
            assert np.allclose(facing.edge(name).path.points, front.edge(name).path.points)
        # facing and lining tile the front: same area, no overlap
        f, fa, li = (shapely.Polygon(p.seam_line) for p in (front, facing, lining))
        assert fa.area + li.area == pytest.approx(f.area, rel=1e-3)
        assert fa.intersection(li).area < 1e-3 * f.area
        hems = facing.edge("hem").length + lining.edge("hem").length
        assert hems == pytest.approx(front.edge("hem").length, abs=0.5)


def test_points_hang_below_the_front_edge_or_the_front_is_cut_straight(waistcoat) -> None:
    pointed = draft(waistcoat, MEDIAN_MAN).piece("front")
    straight = draft(waistcoat, MEDIAN_MAN, {"point_style": "straight"}).piece("front")
    tip = pointed.seam_line[pointed.seam_line[:, 1].argmax()]
    assert tip[0] > -15 + 25  # the point turns out from the front edge
    assert tip[1] - MEDIAN_MAN["nape_to_waist"] == pytest.approx(0.07 * MEDIAN_MAN["height"], abs=0.5)
    assert "point" not in {e.name for e in straight.edges}
    assert straight.edge("front_edge").path.points[:, 0] == pytest.approx(-15)
    side = pointed.edge("hem").path.end
    assert side[1] < tip[1] - 30  # the hem rises from the point to the side seam


def test_areas_are_those_of_a_waistcoat(waistcoat) -> None:
    d = draft(waistcoat, MEDIAN_MAN)
    area = {p.id: shapely.Polygon(p.seam_line).area / 100 for p in d.pieces}  # cm²
    assert 1100 < area["front"] < 1800 and 1200 < area["back"] < 1900
    assert 0.2 < area["front_facing"] / area["front"] < 0.4
    bigger = draft(waistcoat, {**MEDIAN_MAN, "chest": 1200, "waist": 1050})
    assert shapely.Polygon(bigger.piece("front").seam_line).area / 100 > area["front"] * 1.05


def test_pockets_and_belt_follow_their_options(waistcoat) -> None:
    plain = draft(waistcoat, MEDIAN_MAN, {"pockets": "two", "back_belt": False})
    full = draft(waistcoat, MEDIAN_MAN, {"pockets": "four"})
    assert {p.id for p in plain.pieces} == {"back", "front", "front_facing", "front_lining", "welt"}
    assert {"belt", "breast_welt"} <= {p.id for p in full.pieces}
    labels = lambda d, pid: [line.label for line in d.piece(pid).internal_lines]  # noqa: E731
    assert labels(full, "front").count("breast welt") == 1
    assert "breast welt" not in labels(plain, "front")
    assert "adjuster belt" in labels(full, "back") and "adjuster belt" not in labels(plain, "back")
    mouth = next(line for line in full.piece("front").internal_lines if line.label == "welt pocket")
    assert full.piece("welt").width == pytest.approx(np.hypot(*np.subtract(mouth.points[1], mouth.points[0])))
    # the belt reaches from beside the back dart past centre back, to the buckle
    belt = next(line for line in full.piece("back").internal_lines if line.label == "adjuster belt")
    assert full.piece("belt").width > belt.points[0][0] - belt.points[1][0] + 40


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(men(), st.sampled_from(sorted(EASE)), st.floats(40, 200), st.floats(20, 200), st.integers(4, 6),
       st.floats(-60, 80), st.sampled_from(["pointed", "straight"]), st.sampled_from(["two", "four"]))
def test_any_plausible_man_gets_a_matched_waistcoat_or_a_named_refusal(
        body, fit, chest_ease, waist_ease, buttons, v_depth, points, pockets) -> None:
    waistcoat = get_block("mens_waistcoat")
    options = {"fit": fit, "chest_ease": chest_ease, "waist_ease": waist_ease, "buttons": buttons,
               "v_depth": v_depth, "point_style": points, "pockets": pockets}
    try:
        d = draft(waistcoat, body, options)
    except Refusal as exc:
        assert exc.field in waistcoat.measurements
        return
    assert d.ok, d.failures()
    assert not d.warnings  # every pocket, button and dart mark inside the seam line
    y = _chest_y(d)
    half = _side_x(d.piece("back"), y) + _side_x(d.piece("front"), y)
    assert 2 * half == pytest.approx(body["chest"] + chest_ease, abs=1)
    front, back = d.piece("front"), d.piece("back")
    assert front.edge("side").length == pytest.approx(back.edge("side").length, abs=0.5)
    assert len(_buttonholes(front)) == buttons
    for piece in d.pieces:
        assert shapely.Polygon(piece.cut_line).is_valid and piece.area > 0
