"""Figuration and asymmetry measured on the pieces: each figure variation moves what the trade
says it moves by the amount declared, and a body whose sides differ gets pieces per side."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtm_app.block.loader import parse_block
from mtm_app.drafting import draft
from mtm_app.drafting.inputs import Refusal
from mtm_app.errors import BlockError
from mtm_app.export.dxf import aama_text
from mtm_app.export.dxf_read import read_aama
from mtm_app.export.labels import JobInfo
from mtm_app.export.ticket import cut_ticket_pdf
from mtm_app.library import get_block
from mtm_app.measurements.validate import check_measurements
from tests.conftest import MEDIAN_MAN, MEDIAN_MAN_LEGS

LEGS = {**MEDIAN_MAN, **MEDIAN_MAN_LEGS}


@pytest.fixture(scope="module")
def trousers():
    return get_block("mens_trousers")


def _edge(result, piece: str, edge: str) -> float:
    return result.piece(piece).edge(edge).length


def _back_length(result) -> float:
    return _edge(result, "yoke", "cb") + _edge(result, "back", "cb")


def _point(result, piece: str, edge: str, end: str) -> tuple[float, float]:
    path = result.piece(piece).edge(edge).path
    return path.start if end == "start" else path.end


@pytest.mark.parametrize("amount", [-20, -10, 10, 15, 25])
def test_posture_moves_the_balance_from_front_to_back(shirt, amount) -> None:
    normal, stooped = draft(shirt, MEDIAN_MAN), draft(shirt, {**MEDIAN_MAN, "posture": amount})
    assert stooped.ok, stooped.failures()
    assert _back_length(stooped) - _back_length(normal) == pytest.approx(amount, abs=0.01)
    # the front balance: neck point at centre front to hem, along the placket edge
    front = _edge(stooped, "front_left", "placket_edge") - _edge(normal, "front_left", "placket_edge")
    assert front == pytest.approx(-amount, abs=0.01)
    for side_seam in ("back", "front_left"):  # the side seams do not move
        assert _edge(stooped, side_seam, "side") == pytest.approx(_edge(normal, side_seam, "side"), abs=0.01)
    fit = {f.name: f for f in stooped.fits}
    assert fit["back_length"].target - {f.name: f for f in normal.fits}["back_length"].target == amount


def test_a_sloping_shoulder_lowers_both_shoulder_points_and_keeps_the_seams_sewing(shirt) -> None:
    normal, sloping = draft(shirt, MEDIAN_MAN), draft(shirt, {**MEDIAN_MAN, "shoulder_slope": 12})
    assert sloping.ok, sloping.failures()
    # the shoulder seam's outer end: the front's runs shoulder point → neck point
    drop_front = (
        _point(sloping, "front_left", "shoulder", "start")[1]
        - _point(normal, "front_left", "shoulder", "start")[1]
    )
    drop_yoke = _point(sloping, "yoke", "shoulder", "end")[1] - _point(normal, "yoke", "shoulder", "end")[1]
    assert drop_front == pytest.approx(12, abs=0.01) and drop_yoke == pytest.approx(12, abs=0.01)
    seams = {s.name: s for s in sloping.seams}
    assert abs(seams["Shoulder (left)"].difference) < 0.01
    square = draft(shirt, {**MEDIAN_MAN, "shoulder_slope": -10})
    assert _point(square, "yoke", "shoulder", "end")[1] - _point(normal, "yoke", "shoulder", "end")[
        1
    ] == pytest.approx(-10, abs=0.01)


def test_a_forward_neck_raises_the_back_neck_and_lowers_the_front_keeping_the_collar(shirt) -> None:
    normal, forward = draft(shirt, MEDIAN_MAN), draft(shirt, {**MEDIAN_MAN, "neck_posture": 10})
    assert forward.ok, forward.failures()
    assert _back_length(forward) - _back_length(normal) == pytest.approx(10, abs=0.01)
    front_neck = (
        _point(forward, "front_left", "neck", "end")[1] - _point(normal, "front_left", "neck", "end")[1]
    )
    assert front_neck == pytest.approx(10, abs=0.01)
    # the shoulder points stay: the yoke's and the front's outer ends do not move down or up
    for piece, end in (("yoke", "end"), ("front_left", "start")):
        assert _point(forward, piece, "shoulder", end)[1] == pytest.approx(
            _point(normal, piece, "shoulder", end)[1], abs=0.01
        )
    seams = {s.name: s for s in forward.seams}
    assert seams["Collar stand to neckline"].ok and abs(seams["Shoulder (right)"].difference) < 0.01


def test_a_prominent_stomach_lengthens_the_shirt_fronts_only(shirt) -> None:
    normal, belly = draft(shirt, MEDIAN_MAN), draft(shirt, {**MEDIAN_MAN, "stomach": 25})
    assert belly.ok, belly.failures()
    for front in ("front_left", "front_right"):
        grew = _edge(belly, front, "placket_edge") - _edge(normal, front, "placket_edge")
        assert grew == pytest.approx(25, abs=0.01)
    assert _back_length(belly) == pytest.approx(_back_length(normal), abs=0.01)


def test_trousers_seat_and_stomach_move_the_back_and_front_rise(trousers) -> None:
    normal = draft(trousers, LEGS)

    def back_rise(r):
        return _edge(r, "back", "cb") + _edge(r, "back", "crotch")

    def front_rise(r):
        return _edge(r, "front", "fly") + _edge(r, "front", "cf") + _edge(r, "front", "crotch")

    seat = draft(trousers, {**LEGS, "seat_shape": 15})
    assert seat.ok, seat.failures()
    assert back_rise(seat) - back_rise(normal) == pytest.approx(15, abs=0.01)
    assert front_rise(seat) == pytest.approx(front_rise(normal), abs=0.01)
    cb = seat.piece("back").edge("cb").path
    normal_cb = normal.piece("back").edge("cb").path
    steeper = math.degrees(math.atan2(abs(cb.end[0] - cb.start[0]), abs(cb.end[1] - cb.start[1])))
    before = math.degrees(
        math.atan2(abs(normal_cb.end[0] - normal_cb.start[0]), abs(normal_cb.end[1] - normal_cb.start[1]))
    )
    assert steeper - before == pytest.approx(0.25 * 15, abs=0.01)  # seat angle 12° → 15.75°
    belly = draft(trousers, {**LEGS, "stomach": 30})
    assert belly.ok, belly.failures()
    waist = belly.piece("front").edge("waist").path
    assert waist.start[1] - waist.end[1] == pytest.approx(30, abs=0.01)  # centre front above the side
    assert _edge(belly, "front", "waist") == pytest.approx(_edge(normal, "front", "waist"), abs=0.01)
    assert back_rise(belly) == pytest.approx(back_rise(normal), abs=0.5)
    fit = {f.name: f for f in belly.fits}
    assert fit["outseam"].measured == pytest.approx(
        {f.name: f for f in normal.fits}["outseam"].measured, abs=0.01
    )


def test_figuration_beyond_what_a_block_drafts_is_refused_naming_it(shirt) -> None:
    with pytest.raises(Refusal, match=r"posture \(balance\) \+50 mm \(near very stooped\) is beyond") as info:
        draft(shirt, {**MEDIAN_MAN, "posture": 50})
    assert info.value.field == "posture"
    found = {
        (f.code, f.field, f.severity)
        for f in check_measurements({**MEDIAN_MAN, "posture": 50, "stomach": 45})
    }
    assert ("out_of_range", "posture", "error") in found and ("unusual", "stomach", "warning") in found
    assert not [f for f in check_measurements({**MEDIAN_MAN, "posture": -10}) if f.field == "posture"]


def test_a_longer_left_sleeve_gives_a_left_and_a_right_sleeve_labelled_everywhere(shirt, tmp_path) -> None:
    left = MEDIAN_MAN["sleeve_length"] + 30
    result = draft(shirt, {**MEDIAN_MAN, "sleeve_length_left": left})
    assert result.ok, result.failures()
    ids = [p.id for p in result.pieces]
    assert "sleeve" not in ids and {"sleeve_left", "sleeve_right"} <= set(ids)
    sl, sr = result.piece("sleeve_left"), result.piece("sleeve_right")
    assert (sl.name, sr.name, sl.quantity, sr.quantity, sl.mirror, sr.mirror) == (
        "Sleeve (left)",
        "Sleeve (right)",
        1,
        1,
        False,
        False,
    )
    assert sl.height - sr.height == pytest.approx(30, abs=0.01)
    # mirror images of each other in shape: the left one is the right one flipped, 30 mm longer
    assert sl.seam_line[:, 0].min() == pytest.approx(-sr.seam_line[:, 0].max(), abs=0.01)
    symmetric = draft(shirt, MEDIAN_MAN)
    assert np.allclose(sr.seam_line, symmetric.piece("sleeve").seam_line)
    assert np.allclose(result.piece("back").seam_line, symmetric.piece("back").seam_line)
    assert result.measurements["sleeve_length_left"] == left
    fits = {f.name: f for f in result.fits}
    assert fits["sleeve_length — left side"].target == left and fits["sleeve_length — left side"].ok
    assert fits["sleeve_length — left side"].label.endswith("— left side")
    assert fits["sleeve_length — right side"].target == MEDIAN_MAN["sleeve_length"]
    job = JobInfo("mens_shirt", shirt.version, order="ASYM-1", trace="0123456789ab")
    dxf = tmp_path / "a.dxf"
    dxf.write_text(aama_text(result.pieces, job), "ascii")
    names = [p.name for _, p in read_aama(dxf).pieces]
    assert "Sleeve (left)" in names and "Sleeve (right)" in names
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(cut_ticket_pdf(result, job))) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Sleeve (left) Cut 1" in text and "Sleeve (right) Cut 1" in text
    assert "Sleeve length (left): 66.7" in text


def test_a_lower_right_shoulder_cuts_the_yoke_and_back_open_and_lowers_the_right_only(shirt) -> None:
    normal = draft(shirt, MEDIAN_MAN)
    result = draft(shirt, {**MEDIAN_MAN, "shoulder_slope_right": 12})
    assert result.ok, result.failures()
    assert np.allclose(result.piece("front_left").seam_line, normal.piece("front_left").seam_line)
    right_front = result.piece("front_right").edge("shoulder").path.start[1]
    assert right_front - normal.piece("front_right").edge("shoulder").path.start[1] == pytest.approx(
        12, abs=0.01
    )
    yoke = result.piece("yoke")
    assert yoke.name == "Yoke (cut open)" and yoke.fold_lines == [] and yoke.quantity == 2
    assert yoke.mirror and not result.piece("back").mirror  # outer and inner yoke: a mirrored pair
    centre = [line for line in yoke.internal_lines if line.label.startswith("centre line")]
    assert len(centre) == 1 and centre[0].points[0] == pytest.approx(
        normal.piece("yoke").edge("cb").path.start
    )
    drafted = yoke.edge("shoulder_right").path.end[1]  # the drafted (right) half's shoulder point
    mirrored = yoke.edge("shoulder_left").path.start[1]  # the left half, reflected on centre back
    assert drafted - mirrored == pytest.approx(12, abs=0.01)
    # opened, the yoke is as wide as both halves and as large as two of the normal one's
    assert yoke.area == pytest.approx(2 * normal.piece("yoke").area, rel=0.03)
    assert abs(float(np.mean(yoke.seam_line[:, 0]))) > 0  # not symmetric about the fold any more
    assert {"sleeve_left", "sleeve_right", "back"} <= {p.id for p in result.pieces}
    caps = {s.name: s for s in result.seams if s.name.startswith("Sleeve cap")}
    assert set(caps) == {"Sleeve cap to armhole (left)", "Sleeve cap to armhole (right)"}
    assert all(s.ok for s in caps.values())
    assert caps["Sleeve cap to armhole (right)"].b_length < caps["Sleeve cap to armhole (left)"].b_length


def test_a_longer_left_leg_gives_trousers_per_leg(trousers) -> None:
    result = draft(
        trousers, {**LEGS, "inseam_left": LEGS["inseam"] + 25, "outseam_left": LEGS["outseam"] + 25}
    )
    assert result.ok, result.failures()
    by_id = {p.id: p for p in result.pieces}
    assert {"front_left", "front_right", "back_left", "back_right"} <= by_id.keys()
    fits = {f.name: f for f in result.fits}
    assert fits["inseam — left side"].measured - fits["inseam — right side"].measured == pytest.approx(
        25, abs=0.1
    )
    assert by_id["front_left"].height - by_id["front_right"].height == pytest.approx(25, abs=1.0)
    assert by_id["waistband"].quantity == 2  # what the legs do not reach stays one piece


def test_the_same_value_given_for_both_sides_drafts_as_one(shirt) -> None:
    both = draft(shirt, {**MEDIAN_MAN, "sleeve_length_left": 650, "sleeve_length_right": 650})
    one = draft(shirt, {**MEDIAN_MAN, "sleeve_length": 650})
    assert [p.id for p in both.pieces] == [p.id for p in one.pieces]
    assert np.allclose(both.piece("sleeve").seam_line, one.piece("sleeve").seam_line)


def test_a_piece_that_differs_by_side_must_say_which_side_it_is_drafted_for(shirt) -> None:
    text = shirt.source_text.replace("    name: Sleeve\n    side: right\n", "    name: Sleeve\n")
    block = parse_block(text, "nosides.yaml")
    with pytest.raises(BlockError, match="piece 'sleeve' differs between the left and right side"):
        draft(block, {**MEDIAN_MAN, "sleeve_length_left": 660})
    with pytest.raises(BlockError, match=r"nosides\.yaml:\d+.*side 'middle' is neither left nor right"):
        parse_block(shirt.source_text.replace("    side: right\n", "    side: middle\n", 1), "nosides.yaml")
    bad = textwrap.dedent(shirt.source_text).replace("figuration: [posture,", "figuration: [hunch,")
    with pytest.raises(BlockError, match="'hunch' is not a figuration the catalogue knows"):
        parse_block(bad, "nosides.yaml")


@settings(max_examples=25, deadline=None)
@given(
    posture=st.integers(-25, 25),
    slope_left=st.integers(-18, 18),
    slope_right=st.integers(-18, 18),
    neck=st.integers(-12, 20),
    stomach=st.integers(0, 40),
    sleeve_gap=st.integers(-30, 30),
)
def test_the_shirt_drafts_and_checks_for_any_usual_figure_and_asymmetry(
    shirt, posture, slope_left, slope_right, neck, stomach, sleeve_gap
) -> None:
    body = {
        **MEDIAN_MAN,
        "posture": posture,
        "neck_posture": neck,
        "stomach": stomach,
        "shoulder_slope_left": slope_left,
        "shoulder_slope_right": slope_right,
        "sleeve_length_left": MEDIAN_MAN["sleeve_length"] + sleeve_gap,
    }
    result = draft(shirt, body)
    assert result.ok, result.failures()
    normal = {f.name: f for f in draft(shirt, MEDIAN_MAN).fits}["back_length"]
    backs = [f for f in result.fits if f.name.startswith("back_length")]
    assert backs and all(f.ok and f.target - normal.target == posture + neck for f in backs)
    if slope_left != slope_right:  # the yoke and back are cut open, a sleeve per side
        assert {"sleeve_left", "sleeve_right"} <= {p.id for p in result.pieces}
        assert result.piece("yoke").fold_lines == [] and result.piece("back").fold_lines == []


@pytest.mark.parametrize("placement", ["side", "shoulder", "waist"])
def test_bodice_posture_and_shoulder_slope_measured_on_the_pieces(placement) -> None:
    from tests.conftest import MEDIAN_WOMAN

    bodice = get_block("womens_bodice")
    opts = {"dart_placement": placement}
    normal = draft(bodice, MEDIAN_WOMAN, opts)
    stooped = draft(bodice, {**MEDIAN_WOMAN, "posture": 15}, opts)
    assert stooped.ok, stooped.failures()
    cb = {r.name: r for r in stooped.fits}["back_length"]
    assert cb.measured - {r.name: r for r in normal.fits}["back_length"].measured == pytest.approx(
        15, abs=0.01
    )
    front_cf = _edge(stooped, "front", "cf") - _edge(normal, "front", "cf")
    assert front_cf == pytest.approx(-15, abs=0.01)  # centre front neck to waist, 15 mm less
    sloping = draft(bodice, {**MEDIAN_WOMAN, "shoulder_slope": 12}, opts)
    assert sloping.ok, sloping.failures()
    drop = _point(sloping, "back", "shoulder", "end")[1] - _point(normal, "back", "shoulder", "end")[1]
    assert drop == pytest.approx(12, abs=0.01)
    assert _edge(sloping, "back", "shoulder") == pytest.approx(_edge(normal, "back", "shoulder"), abs=0.01)
    one_side = draft(bodice, {**MEDIAN_WOMAN, "shoulder_slope_left": 12}, opts)
    assert one_side.ok, one_side.failures()
    for piece in ("back", "front"):
        opened = one_side.piece(piece)
        assert opened.fold_lines == [] and opened.name.endswith("(cut open)")
        assert opened.area == pytest.approx(2 * normal.piece(piece).area, rel=0.03)


def test_skirt_seat_and_stomach_raise_the_centre_back_and_front() -> None:
    from tests.conftest import MEDIAN_WOMAN

    skirt = get_block("skirt")
    normal = draft(skirt, MEDIAN_WOMAN)
    shaped = draft(skirt, {**MEDIAN_WOMAN, "seat_shape": 15, "stomach": 25})
    assert shaped.ok, shaped.failures()
    assert _edge(shaped, "front", "cf") - _edge(normal, "front", "cf") == pytest.approx(25, abs=0.01)
    back_cb = [e for e in shaped.piece("back").edges if e.name.startswith("cb")]
    normal_cb = [e for e in normal.piece("back").edges if e.name.startswith("cb")]
    assert sum(e.length for e in back_cb) - sum(e.length for e in normal_cb) == pytest.approx(15, abs=0.01)
    fit = {f.name: f for f in shaped.fits}
    assert fit["waist"].ok and fit["hip"].ok and fit["length"].ok  # the band still fits the waist
    assert fit["length"].target - {f.name: f for f in normal.fits}["length"].target == 25


def test_figure_and_sides_go_through_csv_and_json_files_and_valentina_says_what_it_cannot_hold(
    tmp_path,
) -> None:
    import subprocess
    import sys

    def mtm(*args):
        return subprocess.run(
            [sys.executable, "-m", "mtm_app.cli", *args], capture_output=True, text=True, timeout=120
        )

    csv = tmp_path / "c.csv"
    csv.write_text(
        "id,height,neck,chest,waist,seat,nape_to_waist,sleeve_length,sleeve_length_left,bicep,"
        "wrist,posture,shoulder_slope_right\n"
        "A1,175.5,39.5,105.6,91.2,101.7,44.3,63.7,65.2,33.7,17.6,−1.0,1.2\n",
        encoding="utf-8",
    )
    done = mtm("measurements", "from-csv", str(csv), "--out-dir", str(tmp_path / "j"))
    assert done.returncode == 0, done.stderr
    import json

    values = json.loads((tmp_path / "j" / "A1.json").read_text())["measurements"]
    assert values["posture"] == -1.0 and values["sleeve_length_left"] == 65.2
    assert (
        mtm(
            "measurements", "to-csv", str(tmp_path / "j" / "A1.json"), "--out", str(tmp_path / "b.csv")
        ).returncode
        == 0
    )
    assert (
        "A1,175.5,39.5,105.6,91.2,101.7,44.3,63.7,65.2,33.7,17.6,-1,1.2" in (tmp_path / "b.csv").read_text()
    )
    vit = mtm("measurements", "export", str(tmp_path / "j" / "A1.json"), "--out", str(tmp_path / "a.vit"))
    assert vit.returncode == 0
    assert "not written: sleeve length (left), posture (balance), shoulder slope (right)" in vit.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("id,height,chest,sleeve_length_left\nB,175,100,-64\n")
    refused = mtm("measurements", "from-csv", str(bad), "--out-dir", str(tmp_path / "k"))
    assert refused.returncode == 2
    assert "'sleeve_length_left' is -64; a measurement must be above zero" in refused.stderr


def test_a_side_given_alone_leaves_the_other_side_as_the_block_derives_it(shirt, trousers) -> None:
    """The other side is the measurement's own value: from the centre-back sleeve, or the
    inseam from the outseam and rise — not a copy of the side that was given."""
    no_sleeve = {k: v for k, v in MEDIAN_MAN.items() if k != "sleeve_length"}
    plain = draft(shirt, {**no_sleeve, "cb_sleeve_length": 876})
    result = draft(shirt, {**no_sleeve, "cb_sleeve_length": 876, "sleeve_length_left": 750})
    assert result.ok, result.failures()
    assert result.measurements["sleeve_length_right"] == pytest.approx(plain.measurements["sleeve_length"])
    assert result.measurements["cb_sleeve_length"] == 876  # what was measured stays on the ticket
    assert {"sleeve_length", "sleeve_length_right"} <= result.derived
    assert np.allclose(result.piece("sleeve_right").seam_line, plain.piece("sleeve").seam_line)
    no_inseam = {k: v for k, v in LEGS.items() if k != "inseam"}
    legs = draft(trousers, {**no_inseam, "inseam_left": 865})
    derived_inseam = draft(trousers, no_inseam).measurements["inseam"]
    assert legs.measurements["inseam_right"] == pytest.approx(derived_inseam)
    assert {"front_left", "front_right"} <= {p.id for p in legs.pieces}


def test_a_side_that_contradicts_the_rise_is_flagged_and_refused_by_its_own_name(trousers) -> None:
    body = {**LEGS, "inseam_left": 950, "outseam_left": 1050}
    found = [f for f in check_measurements(body) if f.field == "inseam_left"]
    assert (
        found and found[0].code == "unusual" and found[0].message.startswith("left leg: the seated body rise")
    )
    with pytest.raises(Refusal, match="left side: outseam − inseam and the seated body rise differ") as info:
        draft(trousers, body)
    assert info.value.field == "outseam_left"


def test_an_inch_customers_ticket_reads_in_inches_with_the_figure(tmp_path) -> None:
    import io
    import json

    import pdfplumber

    from mtm_app.cli import main

    body = tmp_path / "us.json"
    body.write_text(
        json.dumps(
            {
                "unit": "in",
                "measurements": {
                    "height": 69,
                    "neck": 15.5,
                    "chest": 41.5,
                    "waist": 36,
                    "seat": 40,
                    "nape_to_waist": 17.5,
                    "cb_sleeve_length": "34 1/2",
                    "bicep": 13.25,
                    "wrist": 7,
                    "posture": "3/8",
                },
            }
        )
    )
    assert (
        main(
            [
                "draft",
                "mens_shirt",
                "-m",
                str(body),
                "--out",
                str(tmp_path / "o"),
                "--format",
                "cut-ticket",
                "--order",
                "US-1",
            ]
        )
        == 0
    )
    with pdfplumber.open(io.BytesIO((tmp_path / "o" / "US-1.ticket.pdf").read_bytes())) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    for expected in (
        "Measurements (in)",
        "Neck: 15 1/2",
        "Sleeve length from centre back: 34 1/2",
        "Posture (balance): near stooped (+3/8",
    ):
        assert expected in text, expected


def test_every_piece_cut_open_or_per_side_is_a_simple_polygon_that_holds_its_seam_line() -> None:
    """An opened piece's cut line is offset anew: it is judged (and a loop in a tight concave
    corner trimmed) like every other piece's, so a PDF or a marker never meets a crossed line."""
    import shapely

    from tests.conftest import MEDIAN_WOMAN

    cases = [
        ("womens_bodice", {**MEDIAN_WOMAN, "shoulder_slope_right": 15}),
        (
            "womens_bodice",
            {
                **MEDIAN_WOMAN,
                "height": 1630,
                "bust": 920,
                "waist": 740,
                "shoulder_length": 125,
                "across_back": 350,
                "shoulder_slope_left": 15,
            },
        ),
        ("mens_shirt", {**MEDIAN_MAN, "shoulder_slope_left": -15, "posture": 20}),
        ("mens_trousers", {**LEGS, "inseam_right": LEGS["inseam"] - 30}),
        ("skirt", {**MEDIAN_WOMAN, "stomach": 40}),
    ]
    for block_id, body in cases:
        result = draft(get_block(block_id), body)
        assert result.ok, (block_id, result.failures())
        for piece in result.pieces:
            cut, seam = shapely.Polygon(piece.cut_line), shapely.Polygon(piece.seam_line)
            assert cut.is_valid and seam.is_valid, (block_id, piece.name, shapely.is_valid_reason(cut))
            assert cut.buffer(0.01).covers(seam), (block_id, piece.name)


def test_sides_given_alone_leave_plain_values_drafted_from_one_another(trousers) -> None:
    legs = {k: v for k, v in LEGS.items() if k not in ("inseam", "outseam")}
    result = draft(trousers, {**legs, "outseam_left": 1100, "outseam_right": 1080})
    assert result.ok, result.failures()
    plain = draft(trousers, {**legs, "outseam": 1090}).measurements
    assert result.measurements["outseam"] == 1090 and result.measurements["inseam"] == pytest.approx(
        plain["inseam"]
    )
