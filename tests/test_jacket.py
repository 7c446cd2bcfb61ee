"""The men's jacket block: front with lapel and fish dart, side body, back, two-piece sleeve,
collars, facing and linings, measured on the drafted pieces."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtm_app.drafting import draft
from mtm_app.drafting.inputs import Refusal
from mtm_app.library import get_block
from tests.conftest import MEDIAN_MAN
from tests.test_geometry import runs_back
from tests.test_shirt import men

PIECES = ["front", "side_body", "back", "top_sleeve", "under_sleeve", "undercollar", "top_collar", "facing",
          "front_lining", "side_lining", "back_lining", "top_sleeve_lining", "under_sleeve_lining", "flap",
          "flap_lining", "pocket_jet", "breast_welt"]
EASE = {"slim": (100, 90, 80), "regular": (130, 120, 100), "relaxed": (170, 170, 130)}  # chest, waist, seat


@pytest.fixture(scope="module")
def jacket():
    return get_block("mens_jacket")


def _across(piece, y: float) -> tuple[float, float]:
    """Where the seam line starts and ends at height y, found with shapely on the outline alone:
    a tape laid across the piece reads it."""
    poly = shapely.Polygon(piece.seam_line)
    x0, _, x1, _ = poly.bounds
    x0, _, x1, _ = poly.intersection(shapely.LineString([(x0 - 1, y), (x1 + 1, y)])).bounds
    return x0, x1


def _sewn(d, *edges: str) -> float:
    return sum(d.piece(p).edge(e).length for p, e in (edge.split(".") for edge in edges))


def _chest_line(d) -> float:
    """The chest line: the lowest point of the armhole, at the side body's underarm."""
    return d.piece("side_body").edge("armhole_back").path.end[1]


def _centre_front(d) -> float:
    """Centre front, found from the buttons: on it (single-breasted), or halfway between the
    inner row and the outer one, whose buttonholes start 3 mm past its buttons."""
    front = d.piece("front")
    outer = min(line.points[0][0] for line in front.internal_lines if line.kind == "buttonhole") + 3
    return (front.drills[0][0] + outer) / 2


def _half_girth(d, y: float) -> float:
    """Centre back to centre front across the back, the side body and the front at height y:
    each piece's width between its seams, as the pieces meet when sewn."""
    back, side, front = (_across(d.piece(p), y) for p in ("back", "side_body", "front"))
    return (back[1] - back[0]) + (side[1] - side[0]) + (_centre_front(d) - front[0])


def test_median_man_gets_every_piece_and_every_check_passes(jacket) -> None:
    d = draft(jacket, MEDIAN_MAN)
    assert [p.id for p in d.pieces] == PIECES
    assert d.ok, d.failures()
    assert not d.warnings
    assert {f.name for f in d.fits} == {"chest", "waist", "seat", "back_length", "jacket_length",
                                        "sleeve_length", "bicep", "armhole_at_shoulder", "neck_at_shoulder",
                                        "neck_at_cb"}
    materials = {p.id: p.material for p in d.pieces}
    assert {pid for pid, m in materials.items() if m == "lining"} == {
        "front_lining", "side_lining", "back_lining", "top_sleeve_lining", "under_sleeve_lining",
        "flap_lining"}
    assert d.piece("back_lining").quantity == 1 and not d.piece("back_lining").mirror  # on the fold


@pytest.mark.parametrize("fit", sorted(EASE))
def test_finished_girths_measured_on_the_outlines_are_body_plus_ease(jacket, fit) -> None:
    d = draft(jacket, MEDIAN_MAN, {"fit": fit, "vents": "none"})
    chest_ease, waist_ease, seat_ease = EASE[fit]
    assert 2 * _half_girth(d, _chest_line(d)) == pytest.approx(MEDIAN_MAN["chest"] + chest_ease, abs=1)
    # the waist with the fish dart sewn: its width at the waist comes off the front
    dart = next(line for line in d.piece("front").internal_lines if line.kind == "dart")
    dart_width = dart.points[3][0] - dart.points[1][0]
    waist_y = MEDIAN_MAN["nape_to_waist"]
    assert dart.points[1][1] == pytest.approx(waist_y)
    waist = 2 * (_half_girth(d, waist_y) - dart_width)
    assert waist == pytest.approx(MEDIAN_MAN["waist"] + waist_ease, abs=1)
    # the seat, on the seat line (nape to waist + waist to hip, derived 0.105 height + 18)
    seat_y = waist_y + 0.105 * MEDIAN_MAN["height"] + 18
    back, side, front = (_across(d.piece(p), seat_y) for p in ("back", "side_body", "front"))
    half = (back[1] - back[0]) + (side[1] - side[0]) + d.piece("front").drills[0][0] - front[0]
    assert 2 * half == pytest.approx(MEDIAN_MAN["seat"] + seat_ease, abs=1)


def test_side_body_sews_to_back_and_front_and_the_shoulder_eases(jacket) -> None:
    for vents in ("centre", "side", "none"):
        d = draft(jacket, MEDIAN_MAN, {"vents": vents})
        assert _sewn(d, "side_body.back") == pytest.approx(_sewn(d, "back.side"), abs=0.5)
        assert _sewn(d, "side_body.front") == pytest.approx(_sewn(d, "front.side"), abs=0.5)
    d = draft(jacket, MEDIAN_MAN)
    assert 5 <= _sewn(d, "back.shoulder") - _sewn(d, "front.shoulder") <= 12
    # the jacket's shoulder runs 10 mm past the body's (15 on a roped shoulder)
    assert _sewn(d, "front.shoulder") == pytest.approx(MEDIAN_MAN["shoulder_length"] + 10, abs=0.01)
    roped = draft(jacket, MEDIAN_MAN, {"shoulder": "roped"})
    assert _sewn(roped, "front.shoulder") == pytest.approx(MEDIAN_MAN["shoulder_length"] + 15, abs=0.01)


ARMHOLE = ("back.armhole", "side_body.armhole_back", "side_body.armhole_front", "front.armhole")
HEAD = ("top_sleeve.cap_back", "top_sleeve.cap_front", "under_sleeve.top")


@pytest.mark.parametrize(("shoulder", "ease"), [("natural", 33), ("roped", 42)])
def test_the_sleeve_head_eases_into_the_armhole_by_a_tailored_sleeves_ease(jacket, shoulder, ease) -> None:
    for fit in EASE:
        d = draft(jacket, MEDIAN_MAN, {"fit": fit, "shoulder": shoulder})
        head, armhole = _sewn(d, *HEAD), _sewn(d, *ARMHOLE)
        assert 25 <= head - armhole <= 45
        assert head - armhole == pytest.approx(ease, abs=0.5)  # the cap height found for it
    # a roped head stands higher than a natural one over the same armhole
    natural = draft(jacket, MEDIAN_MAN).piece("top_sleeve")
    roped = draft(jacket, MEDIAN_MAN, {"shoulder": "roped"}).piece("top_sleeve")
    assert roped.edge("cap_back").length > natural.edge("cap_back").length


def _along(piece, edge: str, at) -> float:
    """How far along the piece's edge (from its start) the point `at` lies."""
    d, off = piece.edge(edge).path.project(tuple(at))
    assert off < 0.01
    return d


def _notches_on(piece, edge: str) -> list[float]:
    return sorted(_along(piece, edge, n.seam_point) for n in piece.notches if n.edge == edge)


@pytest.mark.parametrize("shoulder", ["natural", "roped"])
def test_the_pitch_notches_are_walked_round_the_armhole_with_the_ease_spread(jacket, shoulder) -> None:
    d = draft(jacket, MEDIAN_MAN, {"shoulder": shoulder})
    head, armhole = _sewn(d, *HEAD), _sewn(d, *ARMHOLE)
    top, front, back = d.piece("top_sleeve"), d.piece("front"), d.piece("back")
    # on the top sleeve: the crown, the front pitch 25 mm up the cap from the front seam, the back
    # pitch double notch 25 mm up from the back seam
    cap_front, cap_back = top.edge("cap_front").length, top.edge("cap_back").length
    assert _notches_on(top, "cap_front") == pytest.approx([0, cap_front - 25], abs=0.01)
    assert _notches_on(top, "cap_back") == pytest.approx([25 - 4, 25 + 4], abs=0.01)
    # on the armhole at the same share of its length, walked from the front shoulder round the
    # underarm to the back shoulder: the ease is spread evenly
    share = armhole / head
    [front_pitch] = _notches_on(front, "armhole")
    assert front.edge("armhole").length - front_pitch == pytest.approx((cap_front - 25) * share, abs=0.01)
    back_pitch = _notches_on(back, "armhole")
    assert sum(back_pitch) / 2 == pytest.approx((cap_back - 25) * share, abs=0.01)
    assert back_pitch[1] - back_pitch[0] == pytest.approx(8, abs=0.01)  # a double notch
    # the elbow notches meet on both sleeve seams
    under = d.piece("under_sleeve")
    for edge in ("front_seam", "back_seam"):
        [a] = _notches_on(top, edge)
        [b] = _notches_on(under, edge)
        assert a == pytest.approx(under.edge(edge).length - b, abs=0.01)  # the pieces run opposite ways


def test_collar_facing_and_front_edge_notches_meet(jacket) -> None:
    d = draft(jacket, MEDIAN_MAN)
    back, front, under, facing = (d.piece(p) for p in ("back", "front", "undercollar", "facing"))
    # the undercollar notched where it meets the shoulder seam and the gorge
    assert _notches_on(under, "neck") == pytest.approx(
        [back.edge("neck").length, back.edge("neck").length + front.edge("neck").length], abs=0.01)
    # the facing and the front notched alike at the lapel's notch and at the break point
    for piece in (front, facing):
        marks = {(n.edge, tuple(np.round(n.seam_point, 6))) for n in piece.notches
                 if n.edge in ("gorge", "lapel_edge")}
        assert marks == {("gorge", tuple(np.round(piece.edge("gorge").path.end, 6))),
                         ("lapel_edge", tuple(np.round(piece.edge("front_edge").path.start, 6)))}


def test_the_cap_height_is_solved_not_tried(jacket) -> None:
    """No trial heads in the block: one solved value, and the head meets its target on any arm."""
    text = Path(jacket.path).read_text(encoding="utf-8")
    assert "trial" not in text and text.count("so_that:") == 1
    for bicep in (260, 320, 380):
        d = draft(jacket, {**MEDIAN_MAN, "bicep": bicep})
        assert _sewn(d, *HEAD) - _sewn(d, *ARMHOLE) == pytest.approx(33, abs=1e-3)


def test_curves_run_on_smoothly_across_the_shoulder_and_centre_back(jacket) -> None:
    for options in ({}, {"shoulder": "roped", "fit": "slim"}, {"lapel_style": "peak", "fit": "relaxed"}):
        d = draft(jacket, MEDIAN_MAN, options)
        fits = {f.name: f for f in d.fits}
        assert fits["armhole_at_shoulder"].measured < 5
        assert fits["neck_at_shoulder"].measured < 5
        assert fits["neck_at_cb"].measured < 2
    # measured again on the outlines: the back armhole leaves the shoulder at the angle the front
    # armhole arrives at, the shoulder seams sewn together
    back, front = d.piece("back"), d.piece("front")

    def turn(curve, seam, at_start):
        pts = curve.path.points
        c = (pts[1] - pts[0]) if at_start else (pts[-2] - pts[-1])
        s = seam.path.points
        s = (s[-2] - s[-1]) if np.allclose(s[-1], pts[0 if at_start else -1]) else (s[1] - s[0])
        return np.degrees(np.arccos(np.dot(c, s) / np.linalg.norm(c) / np.linalg.norm(s)))

    total = turn(back.edge("armhole"), back.edge("shoulder"), True) + turn(
        front.edge("armhole"), front.edge("shoulder"), False)
    assert total == pytest.approx(180, abs=5)


def test_the_lapel_folded_over_the_roll_line_lies_on_the_front(jacket) -> None:
    for style in ("notch", "peak"):
        front = draft(jacket, MEDIAN_MAN, {"lapel_style": style}).piece("front")
        roll = next(line for line in front.internal_lines if line.label == "roll line").points
        folded = [line for line in front.internal_lines if line.label == "lapel folded"]
        top, edge = (next(line for line in folded if len(line.points) == 2),
                     next(line for line in folded if len(line.points) > 2))
        # its point: the lapel's point reflected across the roll line, as far from it, on the body's side
        point = front.edge("lapel_top").path.end
        (x0, y0), (x1, y1) = roll[0], roll[-1]
        norm = np.hypot(x1 - x0, y1 - y0)
        assert _side(roll, top.points[-1]) / norm == pytest.approx(-_side(roll, point) / norm, abs=0.01)
        notch = front.edge("gorge").path.end  # the lapel's notch turns over with it
        assert _side(roll, top.points[0]) / norm == pytest.approx(-_side(roll, notch) / norm, abs=0.01)
        assert shapely.Polygon(front.seam_line).contains(shapely.MultiPoint(edge.points[1:-1]))


def test_two_piece_sleeve_seams_match_and_the_sleeve_measures_the_arm(jacket) -> None:
    d = draft(jacket, MEDIAN_MAN)
    top, under = d.piece("top_sleeve"), d.piece("under_sleeve")
    assert top.edge("front_seam").length == pytest.approx(under.edge("front_seam").length, abs=0.01)
    assert top.edge("back_seam").length == pytest.approx(under.edge("back_seam").length, abs=0.01)
    assert top.edge("vent").length == pytest.approx(under.edge("vent").length, abs=0.01)
    # the top sleeve is the wider: past the forearm and hindarm lines by 25 and 12 mm
    bicep_y = top.edge("front_seam").path.points[:, 1].min() / 0.8
    t0, t1 = _across(top, bicep_y)
    u0, u1 = _across(under, bicep_y)
    assert (t1 - t0) - (u1 - u0) == pytest.approx(2 * (25 + 12), abs=0.5)
    assert (t1 - t0) + (u1 - u0) == pytest.approx(MEDIAN_MAN["bicep"] + 75, abs=1)
    # sleeve length: shoulder point (10 mm inside the crown) to hem, 15 mm of shirt cuff showing
    crown_to_hem = top.seam_line[:, 1].max() - top.seam_line[:, 1].min()
    assert 10 + crown_to_hem == pytest.approx(MEDIAN_MAN["sleeve_length"] - 15, abs=1)
    buttons = draft(jacket, MEDIAN_MAN, {"sleeve_buttons": 3}).piece("top_sleeve")
    assert len(buttons.drills) == 3 and len(top.drills) == 4


def test_collars_fit_the_neckline_and_gorge(jacket) -> None:
    for style in ("notch", "peak"):
        d = draft(jacket, MEDIAN_MAN, {"lapel_style": style})
        neckline = _sewn(d, "back.neck", "front.neck", "front.gorge")
        assert _sewn(d, "undercollar.neck") == pytest.approx(neckline, abs=0.5)
        assert _sewn(d, "top_collar.neck") == pytest.approx(neckline, abs=0.5)
        assert 0 <= _sewn(d, "top_collar.outer") - _sewn(d, "undercollar.outer") <= 8
        under = d.piece("undercollar")
        (ax, ay), (bx, by) = under.grainline
        assert abs(abs(bx - ax) - abs(by - ay)) < 0.01  # on the bias
        assert under.quantity == 2 and d.piece("top_collar").edge("cb").fold


def _side(line, p) -> float:
    """Which side of the line (first to last point) p lies on: the sign of the cross product."""
    (x0, y0), (x1, y1) = line[0], line[-1]
    return (x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)


def test_the_lapel_rolls_from_the_break_point_beyond_the_front_edge(jacket) -> None:
    for buttons in (1, 2, 3):
        d = draft(jacket, MEDIAN_MAN, {"buttons": buttons})
        front = d.piece("front")
        roll = next(line for line in front.internal_lines if line.label == "roll line")
        holes = sorted(line.points[0][1] for line in front.internal_lines if line.kind == "buttonhole")
        assert len(holes) == buttons
        break_point = front.edge("front_edge").path.start
        assert tuple(roll.points[-1]) == pytest.approx(tuple(break_point))
        assert holes[0] - break_point[1] == pytest.approx(15)  # the lapel breaks just above the top button
        assert holes[-1] >= MEDIAN_MAN["nape_to_waist"]  # the last button at or below the waist
        # the lapel lies beyond the roll line, the shoulder on the body's side of it
        lapel = front.edge("lapel_top").path.end
        assert _side(roll.points, lapel) * _side(roll.points, front.edge("shoulder").path.start) < 0
        assert lapel[0] > break_point[0]
    peak = draft(jacket, MEDIAN_MAN, {"lapel_style": "peak"}).piece("front")
    assert peak.edge("lapel_top").path.end[1] < peak.edge("gorge").path.end[1]  # the peak points up


@pytest.mark.parametrize(("count", "rows"), [("four", 2), ("six", 3)])
def test_a_double_breasted_front_laps_wide_with_two_rows_of_buttons(jacket, count, rows) -> None:
    single = draft(jacket, MEDIAN_MAN)
    d = draft(jacket, MEDIAN_MAN, {"fastening": "double", "double_buttons": count})
    assert d.ok, d.failures()
    assert not d.warnings
    front, facing = d.piece("front"), d.piece("facing")
    cf = single.piece("front").drills[0][0]  # the same chest: centre front where it was
    buttons = [x for x, y in front.drills if abs(abs(x - cf) - 50) < 1e-6]
    assert len(buttons) == 2 * rows and sum(buttons) / len(buttons) == pytest.approx(cf)
    holes = [line.points for line in front.internal_lines if line.kind == "buttonhole"]
    assert len(holes) == rows and all(h[0][0] == pytest.approx(cf + 50 - 3) for h in holes)
    # the lap: the front edge 85 mm past centre front, square to the hem below the buttons
    edge = front.edge("front_edge").path
    assert edge.start[0] - cf == pytest.approx(85) and edge.end[0] == pytest.approx(edge.start[0])
    assert edge.end[1] > single.piece("front").edge("front_edge").path.end[1] + 100  # not cut away
    assert _centre_front(d) == pytest.approx(cf)
    # the finished chest is the same body + ease, the lap not counted
    assert 2 * _half_girth(d, _chest_line(d)) == pytest.approx(MEDIAN_MAN["chest"] + 130, abs=1)
    # a peak lapel unless a notch is asked for; the facing wide enough to hold the inner row
    assert front.edge("lapel_top").path.end[1] < front.edge("gorge").path.end[1]
    notch = draft(jacket, MEDIAN_MAN, {"fastening": "double", "lapel_style": "notch"}).piece("front")
    assert notch.edge("lapel_top").path.end[1] > notch.edge("gorge").path.end[1]
    inner = [(x, y) for x, y in front.drills if abs(x - (cf - 50)) < 1e-6]
    assert shapely.Polygon(facing.seam_line).contains(shapely.MultiPoint(inner))


def test_facing_and_front_lining_tile_the_front(jacket) -> None:
    d = draft(jacket, MEDIAN_MAN)
    front, facing, lining = d.piece("front"), d.piece("facing"), d.piece("front_lining")
    for name in ("gorge", "lapel_top", "lapel_edge", "front_edge", "bottom"):
        assert np.allclose(facing.edge(name).path.points, front.edge(name).path.points)
    # the front lining is the rest of the front: the facing's inner edge, the hem, side, armhole and
    # the shoulder from the armhole to the facing
    assert [e.name for e in lining.edges] == ["facing", "hem", "side", "armhole", "shoulder"]
    assert np.allclose(lining.edge("facing").path.points, facing.edge("inner").path.points[::-1])
    assert lining.edge("shoulder").length + facing.edge("shoulder").length == pytest.approx(
        front.edge("shoulder").length, abs=0.01)
    assert facing.edge("shoulder").length == pytest.approx(40, abs=0.01)
    f, fa, li = (shapely.Polygon(p.seam_line) for p in (front, facing, lining))
    assert fa.area + li.area == pytest.approx(f.area, rel=2e-3)
    assert fa.intersection(li).area < 1e-3 * f.area
    assert lining.edge("hem").length == pytest.approx(front.edge("hem").length, abs=0.01)


def test_back_has_its_vents_and_the_lining_its_pleat(jacket) -> None:
    centre = draft(jacket, MEDIAN_MAN, {"vents": "centre"})
    side = draft(jacket, MEDIAN_MAN, {"vents": "side"})
    none = draft(jacket, MEDIAN_MAN, {"vents": "none"})
    assert "vent" in {e.name for e in centre.piece("back").edges}
    assert "vent" not in {e.name for e in centre.piece("side_body").edges}
    assert "vent" in {e.name for e in side.piece("side_body").edges}
    assert not {"vent"} & {e.name for p in ("back", "side_body") for e in none.piece(p).edges}
    area = lambda d: shapely.Polygon(d.piece("back").seam_line).area  # noqa: E731
    assert area(centre) > area(none) + 40 * 180 - 10  # a vent at least 18 cm long, 4 cm wide
    lining, back = none.piece("back_lining"), none.piece("back")
    assert lining.edge("cb").fold
    assert lining.edge("pleat_top").length == pytest.approx(20)
    sewn = sum(e.length - e.takeup for e in lining.edges if e.name in ("pleat_top", "neck"))
    assert sewn == pytest.approx(back.edge("neck").length, abs=0.01)
    assert lining.seam_line[:, 0].min() == pytest.approx(back.edge("neck").path.start[0] - 20)  # at the nape
    # the linings let out 3 mm along the back seam and the side-body seam, each side of each:
    # each let-out seam runs 3 mm off the shell's, outside its own piece
    side, side_lining = none.piece("side_body"), none.piece("side_lining")
    let_out = ((back, "side", lining, "side"), (side, "back", side_lining, "back"),
               (side, "front", side_lining, "front"))
    for shell, shell_edge, piece, edge in let_out:
        seam = shapely.LineString(shell.edge(shell_edge).path.points)
        gaps = seam.distance(shapely.points(piece.edge(edge).path.points[2:-2]))
        assert np.allclose(gaps, 3, atol=0.05)
        assert shapely.Polygon(piece.seam_line).area > shapely.Polygon(shell.seam_line).area
    assert side_lining.edge("hem").length == pytest.approx(side.edge("hem").length + 6, abs=0.5)
    # the lining's armhole, let out at the underarm, takes the sleeve lining's head with less ease
    lining_head = _sewn(none, "top_sleeve_lining.cap_back", "top_sleeve_lining.cap_front",
                        "under_sleeve_lining.top")
    lining_armhole = _sewn(none, "back_lining.armhole", "back_lining.underarm", "side_lining.underarm_back",
                           "side_lining.armhole_back", "side_lining.armhole_front",
                           "side_lining.underarm_front", "front_lining.armhole")
    assert lining_head - lining_armhole == pytest.approx(33 - 9, abs=0.5)


def test_pockets_follow_their_options(jacket) -> None:
    flap = draft(jacket, MEDIAN_MAN)
    jetted = draft(jacket, MEDIAN_MAN, {"pocket_style": "jetted", "ticket_pocket": True})
    assert {"flap", "flap_lining"} <= {p.id for p in flap.pieces}
    assert not {"flap", "flap_lining"} & {p.id for p in jetted.pieces}
    assert "ticket_flap" in {p.id for p in jetted.pieces}
    # the hip pocket crosses the side-body seam: its two parts make the flap's length
    mouth = lambda d, pid: next(line for line in d.piece(pid).internal_lines  # noqa: E731
                                if line.label == "hip pocket")
    parts = sum(abs(mouth(jetted, p).points[1][0] - mouth(jetted, p).points[0][0])
                for p in ("front", "side_body"))
    assert parts == pytest.approx(flap.piece("flap").width, abs=0.01)
    labels = [line.label for line in jetted.piece("front").internal_lines]
    assert "ticket pocket (right front)" in labels and "breast welt (left front)" in labels
    ticket = next(line for line in jetted.piece("front").internal_lines if line.label.startswith("ticket"))
    assert jetted.piece("ticket_flap").width == pytest.approx(abs(ticket.points[1][0] - ticket.points[0][0]))


def test_areas_are_those_of_a_jacket(jacket) -> None:
    d = draft(jacket, MEDIAN_MAN)
    area = {p.id: shapely.Polygon(p.seam_line).area / 100 for p in d.pieces}  # cm²
    assert 1500 < area["front"] < 2400 and 1300 < area["back"] < 2000 and 300 < area["side_body"] < 900
    assert 1000 < area["top_sleeve"] < 1800 and 0.4 < area["under_sleeve"] / area["top_sleeve"] < 0.8
    assert 0.15 < area["facing"] / area["front"] < 0.4
    bigger = draft(jacket, {**MEDIAN_MAN, "chest": 1200, "waist": 1050})
    assert shapely.Polygon(bigger.piece("front").seam_line).area / 100 > area["front"] * 1.03


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(men(), st.sampled_from(sorted(EASE)), st.floats(70, 260), st.integers(1, 3),
       st.sampled_from(["notch", "peak"]), st.floats(55, 110), st.sampled_from(["centre", "side", "none"]),
       st.sampled_from(["natural", "roped"]), st.floats(-60, 80), st.sampled_from(["single", "double"]))
def test_any_plausible_man_gets_a_matched_jacket_or_a_named_refusal(
        body, fit, chest_ease, buttons, lapel, lapel_width, vents, shoulder, length, fastening) -> None:
    jacket = get_block("mens_jacket")
    options = {"fit": fit, "chest_ease": chest_ease, "buttons": buttons, "lapel_style": lapel,
               "lapel_width": lapel_width, "vents": vents, "shoulder": shoulder, "length_adjust": length,
               "fastening": fastening}
    try:
        d = draft(jacket, body, options)
    except Refusal as exc:
        assert exc.field in jacket.measurements
        return
    assert d.ok, d.failures()
    assert not d.warnings  # every pocket, button and dart mark inside the seam line
    assert 2 * _half_girth(d, _chest_line(d)) == pytest.approx(body["chest"] + chest_ease, abs=1)
    assert _sewn(d, "side_body.back") == pytest.approx(_sewn(d, "back.side"), abs=0.5)
    assert 25 <= _sewn(d, *HEAD) - _sewn(d, *ARMHOLE) <= 45
    for piece in d.pieces:
        assert shapely.Polygon(piece.cut_line).is_valid and piece.area > 0
        assert not runs_back(piece.cut_line), piece.id  # the lining's underarm had a 4 mm needle
        ring = shapely.LinearRing(piece.cut_line)
        for notch in piece.notches:  # a peak lapel's gorge notch started 4–8 mm inside the cloth
            assert ring.distance(shapely.Point(notch.cut_point)) < 0.1, (piece.id, notch.edge)
