"""The garment library: trousers, waistcoat, bodice and skirt draft patterns that measure what they promise,
for every style option and for the whole ANSUR II population of the matching sex."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtm_app.drafting import draft
from mtm_app.drafting.inputs import Refusal
from mtm_app.drafting.population import check_population
from mtm_app.library import get_block
from tests.conftest import MEDIAN_MAN, MEDIAN_MAN_LEGS, MEDIAN_WOMAN

MAN = {**MEDIAN_MAN, **MEDIAN_MAN_LEGS}
BODIES = {"mens_trousers": MAN, "mens_waistcoat": MEDIAN_MAN, "mens_jacket": MEDIAN_MAN,
          "womens_bodice": MEDIAN_WOMAN, "skirt": MEDIAN_WOMAN}
PIECES = {
    "mens_trousers": {"front", "back", "waistband", "fly_facing", "fly_shield", "pocket_facing",
                      "pocket_bag", "back_welt"},
    "mens_waistcoat": {"back", "front", "front_facing", "front_lining", "belt", "welt"},
    "mens_jacket": {"front", "side_body", "back", "top_sleeve", "under_sleeve", "undercollar", "top_collar",
                    "facing", "front_lining", "side_lining", "back_lining", "top_sleeve_lining",
                    "under_sleeve_lining", "flap", "flap_lining", "pocket_jet", "breast_welt"},
    "womens_bodice": {"front", "back"},
    "skirt": {"front", "back", "waistband", "waistband_interfacing"},
}


@pytest.fixture(scope="module", params=sorted(BODIES))
def block(request):
    return get_block(request.param)


def _ok(result) -> None:
    assert result.ok, result.failures()


def test_each_block_drafts_its_pieces_and_names_a_size_chart(block) -> None:
    result = draft(block, BODIES[block.id])
    _ok(result)
    assert {p.id for p in result.pieces} == PIECES[block.id]
    assert result.seams and result.fits
    assert block.default_size_chart
    for piece in result.pieces:
        assert piece.grainline is not None, piece.id
        assert piece.area > 0


def _choice_matrix(block) -> list[dict]:
    choices = {n: s.choices for n, s in block.options.items()
               if s.type == "choice" and n != block.preset_option}
    booleans = {n: (False, True) for n, s in block.options.items() if s.type == "boolean"}
    names = [*choices, *booleans]
    combos = list(itertools.product(*[*choices.values(), *booleans.values()]))
    presets = block.options[block.preset_option].choices
    return [{**dict(zip(names, combo, strict=True)), block.preset_option: presets[i % len(presets)]}
            for i, combo in enumerate(combos)]


def test_every_style_combination_drafts_and_checks(block) -> None:
    matrix = _choice_matrix(block)
    assert len(matrix) >= 6
    for options in matrix:
        result = draft(block, BODIES[block.id], options)
        assert result.ok, (options, result.failures())


def test_trousers_follow_the_crotch_length_and_the_back_eases_onto_the_front() -> None:
    trousers = get_block("mens_trousers")
    result = draft(trousers, MAN)
    front, back = result.piece("front"), result.piece("back")
    crotch = sum(front.edge(e).length for e in ("fly", "cf", "crotch")) + \
        sum(back.edge(e).length for e in ("cb", "crotch"))
    assert crotch == pytest.approx(MAN["crotch_length"] + 30, abs=0.5)  # regular crotch ease
    front_in = front.edge("inseam_top").length + front.edge("inseam").length
    back_in = back.edge("inseam_top").length + back.edge("inseam").length
    # the leg hangs the inside leg below the crotch line, down the crease; the seam slants longer
    hem_y, crotch_y = front.seam_line[:, 1].max(), front.edge("crotch").path.end[1]
    assert hem_y - crotch_y == pytest.approx(MAN["inseam"] - 25, abs=0.01)
    assert 0 < front_in - (MAN["inseam"] - 25) < 12
    assert front_in - back_in == pytest.approx(8, abs=0.5)  # back stretched 8 mm onto the front
    # a longer crotch (a fuller seat, a deeper rise) raises the back, not the front
    deeper = draft(trousers, {**MAN, "crotch_length": MAN["crotch_length"] + 40})
    assert deeper.piece("front").edge("fly").length == pytest.approx(front.edge("fly").length)
    assert deeper.piece("back").edge("cb").length > back.edge("cb").length + 35


def test_trouser_pleats_and_rise_keep_the_waist_the_band_sews_to() -> None:
    trousers = get_block("mens_trousers")
    flat = draft(trousers, MAN)
    pleated = draft(trousers, MAN, {"pleats": "two"})
    wf, wp = flat.piece("front").edge("waist"), pleated.piece("front").edge("waist")
    assert wp.length - wf.length == pytest.approx(55, abs=0.01)  # 30 + 25 mm of pleats
    assert wp.sewn_length == pytest.approx(wf.sewn_length, abs=0.01)
    low = draft(trousers, MAN, {"rise": "low"})
    # sitting 4 cm lower on the body, the band is wider and the front shorter by the drop
    assert low.piece("waistband").edge("seam").length > flat.piece("waistband").edge("seam").length
    assert flat.piece("front").height - low.piece("front").height == pytest.approx(40, abs=1)


RISE_DROP = {"low": 40, "mid": 0, "high": -20}  # how far each rise sits below the natural waist


def _hanging_side(body: dict, options: dict) -> float:
    """Waist to hem at the side as the trousers hang: the crotch depth (seated rise + 1 cm) and
    the inside leg (25 mm off the floor), both from the waist the rise sits at."""
    return (body["body_rise"] + 10 + body["inseam"] - 25 + options.get("length_adjust", 0)
            - RISE_DROP[options.get("rise", "mid")])


def _hangs_as_wanted(result, body: dict, options: dict) -> None:
    """The hem hangs where the customer's inside leg and rise put it, down the crease; the
    seams, slanting as the leg tapers, run longer than the leg hangs, never shorter."""
    assert result.ok, (body, options, result.failures())
    fits = {f.name: f.measured for f in result.fits}
    assert fits["outseam"] == pytest.approx(_hanging_side(body, options), abs=0.01)
    front = result.piece("front")
    inseam = front.edge("inseam_top").length + front.edge("inseam").length
    side = front.edge("side_top").length + front.edge("side").length
    assert inseam > fits["inseam"] and side > fits["outseam"]


# Short men with broad seats (the reviewer's man, 152.7 cm, seat 139.8 cm; and 160 cm men of
# seat 135 cm or waist 135 cm): the crotch point of a broad seat lies far from the narrow hem
# on a short leg, so the leg tapers steeply and its seams slant 15–17 mm longer than it hangs.
# Drafted by its seam length, the inseam hung the hem that much short of the outseam.
SHORT_BROAD = {
    "152.7 cm, seat 139.8": {"waist": 1140, "seat": 1398, "body_rise": 220, "inseam": 735, "outseam": 946,
                             "thigh": 780, "knee": 510, "ankle": 285, "crotch_length": 722},
    "160 cm, seat 135": {"waist": 1150, "seat": 1350, "body_rise": 280, "inseam": 700, "outseam": 970,
                         "thigh": 750, "knee": 460, "ankle": 260},
    "160 cm, waist 135": {"waist": 1350, "seat": 1200, "body_rise": 280, "inseam": 700, "outseam": 970,
                          "thigh": 750, "knee": 460, "ankle": 260},
    "170 cm, seat 135": {"waist": 1250, "seat": 1350, "body_rise": 280, "inseam": 760, "outseam": 1030,
                         "thigh": 750, "knee": 460, "ankle": 260},
}


@pytest.mark.parametrize("options", [{}, {"hem_width": 340, "length_adjust": -80, "fit": "relaxed"}])
@pytest.mark.parametrize("name", sorted(SHORT_BROAD))
def test_short_broad_seated_men_get_trousers_that_hang_to_their_length(name, options) -> None:
    body = SHORT_BROAD[name]
    result = draft(get_block("mens_trousers"), body, options)
    _hangs_as_wanted(result, body, options)
    front = result.piece("front")
    inside_leg = body["inseam"] - 25 + options.get("length_adjust", 0)
    slant = front.edge("inseam_top").length + front.edge("inseam").length - inside_leg
    assert slant > 14  # the old block hung the hem this much short (its check allowed 15 mm)


@st.composite
def trouser_men(draw):
    """Men's legs over the trousers' declared ranges: seat up to the block's max, any waist it
    shapes (to 20 cm over the seat, and as far under as men come: ANSUR II 27 cm, here 30),
    short legs and long, the seated rise near outseam − inseam."""
    ranges = get_block("mens_trousers").measurements
    seat = draw(st.floats(ranges["seat"].min, ranges["seat"].max))
    waist = draw(st.floats(max(ranges["waist"].min, seat - 300), min(ranges["waist"].max, seat + 200)))
    rise = draw(st.floats(180, 350))
    inseam = draw(st.floats(ranges["inseam"].min, 1000))
    thigh = 0.6 * seat + draw(st.floats(-80, 80))
    return {"seat": seat, "waist": waist, "body_rise": rise, "inseam": inseam,
            "outseam": inseam + rise - 10 + draw(st.floats(-60, 60)),
            "thigh": min(max(thigh, ranges["thigh"].min), ranges["thigh"].max),
            "knee": 0.57 * thigh + 52 + draw(st.floats(-40, 40))}


def _length(name: str):
    spec = get_block("mens_trousers").options[name]
    return st.floats(spec.min, spec.max)


@settings(max_examples=150, deadline=None)
@given(trouser_men(), st.fixed_dictionaries({
    "fit": st.sampled_from(["slim", "regular", "relaxed"]), "rise": st.sampled_from(sorted(RISE_DROP)),
    "pleats": st.sampled_from(["none", "one", "two"]), "turn_ups": st.booleans(),
    "hem_width": _length("hem_width"), "length_adjust": _length("length_adjust"),
    "seat_ease": _length("seat_ease"), "knee_ease": _length("knee_ease")}))
def test_any_mans_trousers_hang_to_their_length_or_are_refused_by_name(body, options) -> None:
    trousers = get_block("mens_trousers")
    try:
        result = draft(trousers, body, options)
    except Refusal as refusal:
        assert refusal.field in trousers.measurements
        return
    _hangs_as_wanted(result, body, options)


def test_bodice_dart_placements_move_the_bust_shaping_but_not_the_fit() -> None:
    bodice = get_block("womens_bodice")
    results = {p: draft(bodice, MEDIAN_WOMAN, {"dart_placement": p})
               for p in ("shoulder", "side", "waist")}
    fits = {p: {f.name: f.measured for f in r.fits} for p, r in results.items()}
    for name in ("bust", "waist", "back_length", "front_length"):
        assert len({round(f[name], 1) for f in fits.values()}) == 1, name
    shoulder_front = results["shoulder"].piece("front")
    dart = shoulder_front.edge("shoulder_dart").length
    assert dart > 15  # the bust shaping opened at the shoulder
    sewn = shoulder_front.edge("shoulder").length + shoulder_front.edge("shoulder_out").length
    assert sewn == pytest.approx(MEDIAN_WOMAN["shoulder_length"], abs=0.01)
    waist_dart = {p: r.piece("front").edge("waist_dart").length for p, r in results.items()}
    assert waist_dart["waist"] > waist_dart["shoulder"] + 15  # all of it in the waist dart
    assert waist_dart["side"] == pytest.approx(waist_dart["shoulder"], abs=0.01)
    side_front = results["side"].piece("front")
    side = sum(side_front.edge(e).sewn_length for e in ("side", "side_dart", "side_top"))
    assert side == pytest.approx(results["side"].piece("back").edge("side").length, abs=0.5)


def test_skirt_silhouettes_widen_the_hem_not_the_hip() -> None:
    skirt = get_block("skirt")
    hems = {}
    for shape in ("straight", "a_line", "flared"):
        result = draft(skirt, MEDIAN_WOMAN, {"silhouette": shape})
        hip = next(f for f in result.fits if f.name == "hip")
        assert hip.measured == pytest.approx(MEDIAN_WOMAN["seat"] + 40, abs=0.5)
        hems[shape] = result.piece("front").edge("hem").length
    assert hems["straight"] < hems["a_line"] < hems["flared"]
    band = draft(skirt, MEDIAN_WOMAN).piece("waistband").edge("seam").length
    assert band == pytest.approx(MEDIAN_WOMAN["waist"] + 15, abs=0.01)


@settings(max_examples=40, deadline=None)
@given(waist=st.floats(560, 1200), seat=st.floats(800, 1400), depth=st.floats(130, 300),
       length=st.floats(400, 1000))
def test_any_skirt_body_drafts_or_is_refused_by_name(waist, seat, depth, length) -> None:
    body = {**MEDIAN_WOMAN, "waist": waist, "seat": seat, "waist_to_hip": depth}
    try:
        result = draft(get_block("skirt"), body, {"skirt_length": length})
    except Refusal as refusal:
        assert refusal.field == "waist"
        return
    _ok(result)
    front = result.piece("front")
    assert math.isclose(front.edge("cf").length, length, abs_tol=0.01)


SEXES = {"mens_trousers": "ansur_men", "mens_waistcoat": "ansur_men", "mens_jacket": "ansur_men",
         "womens_bodice": "ansur_women", "skirt": "ansur_women"}


def test_a_sample_of_ansur_bodies_all_draft(block, request) -> None:
    bodies = request.getfixturevalue(SEXES[block.id])[::10]
    report = check_population(block, bodies)
    assert report.failed == 0, report.failures[:3]
    assert report.valid >= 0.99 * len(bodies)
    assert set(report.refusal_counts()) <= set(block.measurements)


OPTION_SETS = {
    "mens_trousers": [{}, {"fit": "slim", "pleats": "two", "rise": "low", "turn_ups": True,
                           "waistband_style": "curved"},
                      {"fit": "relaxed", "rise": "high", "back_pockets": False}],
    "mens_jacket": [{}, {"fit": "slim", "buttons": 3, "lapel_style": "peak", "vents": "side",
                         "pocket_style": "jetted", "ticket_pocket": True},
                    {"fit": "relaxed", "buttons": 1, "vents": "none", "shoulder": "roped",
                     "length_adjust": -40, "lapel_width": 105},
                    {"fastening": "double", "fit": "slim", "vents": "side", "pocket_style": "jetted"}],
    "mens_waistcoat": [{}, {"fit": "slim", "buttons": 6, "point_style": "straight", "pockets": "four"},
                       {"fit": "relaxed", "buttons": 4, "v_depth": 80, "back_belt": False,
                        "length_adjust": -20}],
    "womens_bodice": [{}, {"dart_placement": "side", "length": "hip", "fit": "slim"},
                      {"dart_placement": "waist", "length": "hip", "fit": "relaxed"}],
    "skirt": [{}, {"silhouette": "flared", "waist_finish": "facing", "back_opening": "slit"},
              {"silhouette": "a_line", "fit": "slim", "zip": "side"}],
}


@pytest.mark.slow
def test_every_ansur_body_of_the_matching_sex_drafts_or_is_refused_by_name(block, request) -> None:
    bodies = request.getfixturevalue(SEXES[block.id])
    for options in OPTION_SETS[block.id]:
        report = check_population(block, bodies, options)
        assert report.failed == 0, (options, report.failures[:3])
        assert report.valid >= len(bodies) - 5
        assert set(report.refusal_counts()) <= set(block.measurements)
