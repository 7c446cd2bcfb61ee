"""Measurement taking: units, catalogue ranges, findings, estimation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtm_app.measurements.catalogue import CANONICAL, FIGURATION, catalogue
from mtm_app.measurements.estimate import estimate_missing, likely_sex, models
from mtm_app.measurements.units import format_length, parse_length, parse_number
from mtm_app.measurements.validate import check_measurements, has_errors

DEMO_WOMAN = Path(__file__).resolve().parent.parent / "resources" / "demo" / "customer_median_woman.json"
MAN = {"height": 1755.0, "neck": 395.0, "chest": 1056.0, "waist": 912.0, "seat": 1017.0,
       "nape_to_waist": 407.0, "sleeve_length": 592.0, "bicep": 337.0, "wrist": 176.0}
WOMAN = {"height": 1630.0, "neck": 325.0, "bust": 940.0, "waist": 750.0, "seat": 1000.0}


@pytest.mark.parametrize(("text", "value"), [
    ("38.5", 38.5), ("38,5", 38.5), ("38 1/2", 38.5), ("38-1/2", 38.5), ("38½", 38.5),
    ("38 ½", 38.5), ("1/4", 0.25), ("40", 40.0), (" 15 3/8 ", 15.375),
])
def test_tape_readings_parse(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "38.5 1/2", "1/0", "38..5", "-4"])
def test_nonsense_does_not_parse(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.integers(1, 200 * 8))
def test_inches_in_eighths_round_trip(eighths: int) -> None:
    whole, rest = divmod(eighths, 8)
    text = f"{whole} {rest}/8" if rest else str(whole)
    shown = format_length(parse_length(text, "in"), "in")
    assert parse_number(shown) == eighths / 8


@given(st.integers(1, 3000))
def test_centimetres_round_trip_as_typed(tenths: int) -> None:
    text = f"{tenths / 10:g}"
    assert format_length(parse_length(text, "cm"), "cm") == text


def test_every_canonical_measurement_is_catalogued_with_ranges_by_sex() -> None:
    cat = catalogue()
    sided = {f"{n}_{s}" for n in ("sleeve_length", "inseam", "outseam", "shoulder_slope")
             for s in ("left", "right")}
    assert set(cat) == set(CANONICAL) | set(FIGURATION) | sided
    for name in FIGURATION:  # signed amounts: 0 is the block's normal figure, within the usual
        entry = cat[name]
        r = entry.range_for(None)
        assert entry.is_figuration and entry.group == "figuration" and entry.how_to.endswith(".")
        assert r.hard_min < r.p1 <= 0 <= r.p99 < r.hard_max
        assert dict(entry.grades)["normal" if name != "stomach" else "flat"] == 0
    assert cat["sleeve_length_left"].label == "Sleeve length (left)"
    assert cat["sleeve_length_left"].range_for("male") == cat["sleeve_length"].range_for("male")
    for entry in (cat[n] for n in CANONICAL):
        assert entry.how_to.endswith(".") and len(entry.how_to) > 30
        assert entry.group in ("girths", "lengths", "arms", "legs")
        for sex in ("male", "female", "any"):
            r = entry.range_for(sex)
            assert 0 < r.hard_min < r.p1 < r.p99 < r.hard_max
    chest = cat["chest"].range_for("male")
    assert chest.source == "ANSUR II"
    assert 860 < chest.p1 < 880 and 1260 < chest.p99 < 1290  # ANSUR II men, 1st/99th pct


def _codes(findings):
    return [(f.code, f.field, f.severity) for f in findings]


def test_a_normal_man_has_no_findings() -> None:
    assert check_measurements(MAN, "cm", "male") == []


def test_chest_typed_in_inches_is_a_unit_mixup_with_the_corrected_value() -> None:
    findings = check_measurements({**MAN, "chest": 400.0}, "cm", "male")
    assert _codes(findings) == [("unit_mixup", "chest", "error")]
    assert "chest 40 looks like inches: 101.6 cm?" in findings[0].message
    assert "101.6 cm" in findings[0].suggestion


def test_a_whole_set_in_the_wrong_unit_is_one_finding() -> None:
    in_inches_as_cm = {k: round(v / 25.4, 1) * 10 for k, v in MAN.items()}
    findings = check_measurements(in_inches_as_cm, "cm", "male")
    assert _codes(findings) == [("unit_mixup", "*", "error")]
    assert "typed in inches, not cm" in findings[0].message


def test_a_typo_is_pinned_on_the_right_measurement() -> None:
    findings = check_measurements({**MAN, "neck": 520.0}, "cm", "male")
    inconsistent = [f for f in findings if f.code == "inconsistent"]
    assert [f.field for f in inconsistent] == ["neck"]
    assert "likely a typo in neck" in inconsistent[0].message
    seat = check_measurements({**MAN, "seat": 1350.0}, "cm", "male")
    assert [f.field for f in seat if f.code == "inconsistent"] == ["seat"]


def test_rare_but_possible_values_warn_and_impossible_ones_stop() -> None:
    big = check_measurements({**MAN, "chest": 1350.0, "waist": 1250.0, "seat": 1250.0}, "cm", "male")
    assert ("out_of_range", "chest", "warning") in _codes(big)
    chest = next(f for f in big if f.field == "chest" and f.code == "out_of_range")
    assert chest.message.startswith("chest 135 cm is above 99 % of men (ANSUR II: ")
    assert not has_errors(big)
    impossible = check_measurements({**MAN, "wrist": 400.0}, "cm", "male")
    assert ("out_of_range", "wrist", "error") in _codes(impossible)


def test_missing_measurements_a_block_needs_are_errors_with_how_to() -> None:
    values = {k: v for k, v in MAN.items() if k != "wrist"}
    findings = check_measurements(values, "cm", "male", required=["wrist", "chest"])
    assert _codes(findings) == [("missing", "wrist", "error")]
    assert "Around the wrist" in findings[0].suggestion


def test_sex_is_inferred_from_the_body() -> None:
    assert likely_sex({"height": 1755, "chest": 1056, "neck": 395}) == "male"
    assert likely_sex(WOMAN) == "female"
    # an impossible value (a half-girth typed as the neck) and lengths hung on another system's
    # waist say nothing about sex: GOST's typical man stays a man
    gost_man = {"height": 1760, "chest": 1044, "waist": 780, "seat": 964, "neck": 205,
                "crotch_length": 783, "body_rise": 260, "outseam": 1120, "nape_to_waist": 438}
    assert likely_sex(gost_man) == "male"


def test_estimates_cover_the_catalogue_and_narrow_with_more_input() -> None:
    few = estimate_missing({"height": 1755.0, "chest": 1056.0}, "male")
    assert set(few) == set(CANONICAL) - {"height", "chest", "bust"}  # a man's girth is "chest"
    for e in few.values():
        assert e.low <= e.value <= e.high
    more = estimate_missing({"height": 1755.0, "chest": 1056.0, "waist": 912.0, "seat": 1017.0},
                            "male")
    assert more["thigh"].high - more["thigh"].low < few["thigh"].high - few["thigh"].low
    assert 380 < few["neck"].value < 420


@pytest.mark.parametrize("sex", ["male", "female"])
def test_estimates_meet_the_accuracy_targets_on_held_out_bodies(sex: str) -> None:
    """The issue's targets, on five-fold held-out ANSUR II bodies through the app's model."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from evaluate_estimation import INPUTS, evaluate

    ev = evaluate(sex, INPUTS[sex][-1])  # height, chest/bust, waist, seat
    assert len(ev.rows) == 17  # the sleeve from the centre back is estimated too
    for row in ev.rows:
        assert row.ours < row.guess, row.measurement  # never worse than guessing the mean
        assert row.everything < row.linear, row.measurement  # uses all that is entered
    assert ev.median_ratio <= 0.70
    assert max(ev.fold_medians) < 0.75  # no held-out fifth far off the pooled figure


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtm_app.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_measurements_check_cli(tmp_path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"unit": "cm", "sex": "male",
                                "measurements": {"height": 175.5, "chest": 40, "waist": 91.2}}))
    result = _cli("measurements", "check", str(path), "--block", "mens_shirt", "--json")
    assert result.returncode == 2
    findings = json.loads(result.stdout)["findings"]
    assert {"code", "field", "severity", "message", "suggestion"} == set(findings[0])
    assert ("unit_mixup", "chest") in {(f["code"], f["field"]) for f in findings}
    assert ("missing", "neck") in {(f["code"], f["field"]) for f in findings}
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps({"unit": "in", "measurements": {"height": "69", "chest": "41 1/2",
                                                             "waist": "36"}}))
    result = _cli("measurements", "check", str(ok))
    assert result.returncode == 0, result.stdout + result.stderr


def test_measurements_estimate_cli(tmp_path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"unit": "in", "measurements": {"height": 69, "chest": "41 1/2"}}))
    out = tmp_path / "est.json"
    result = _cli("measurements", "estimate", str(path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert data["unit"] == "in" and data["sex"] == "male"
    assert data["measurements"]["chest"] == "41 1/2"
    assert set(data["measurements"]) == set(CANONICAL) - {"bust"}
    neck = data["estimated"]["neck"]
    assert neck["low"] < neck["value"] < neck["high"] and 14 < neck["value"] < 18
    no_height = tmp_path / "n.json"
    no_height.write_text(json.dumps({"unit": "cm", "measurements": {"chest": 100}}))
    result = _cli("measurements", "estimate", str(no_height), "--out", str(out))
    assert result.returncode == 2 and "needs height and chest" in result.stderr


def test_customers_csv_round_trip(tmp_path) -> None:
    csv_in = tmp_path / "shop.csv"
    csv_in.write_text("id,height,chest,waist\nA-1,175.5,105.6,91.2\nB 2,182,,100\n")
    out_dir = tmp_path / "customers"
    assert _cli("measurements", "from-csv", str(csv_in), "--out-dir", str(out_dir)).returncode == 0
    a = json.loads((out_dir / "A-1.json").read_text())
    assert a == {"unit": "cm", "measurements": {"height": 175.5, "chest": 105.6, "waist": 91.2}}
    assert json.loads((out_dir / "B 2.json").read_text())["measurements"] == {"height": 182.0,
                                                                             "waist": 100.0}
    csv_out = tmp_path / "back.csv"
    result = _cli("measurements", "to-csv", str(out_dir / "A-1.json"), str(out_dir / "B 2.json"),
                  "--out", str(csv_out))
    assert result.returncode == 0, result.stderr
    assert csv_out.read_text() == "id,height,chest,waist\nA-1,175.5,105.6,91.2\nB 2,182,,100\n"


def test_estimated_values_keep_their_mark_through_the_customers_csv(tmp_path) -> None:
    estimated = tmp_path / "complete.json"
    assert _cli("measurements", "estimate", str(DEMO_WOMAN), "--out", str(estimated)).returncode == 0
    marked = set(json.loads(estimated.read_text())["estimated"])
    assert {"neck", "thigh", "crotch_length"} <= marked and "wrist" not in marked
    csv_path = tmp_path / "all.csv"
    assert _cli("measurements", "to-csv", str(estimated), "--out", str(csv_path)).returncode == 0
    header, row = csv_path.read_text().splitlines()
    assert header.endswith(",estimated") and set(row.rsplit(",", 1)[1].split()) == marked
    back = tmp_path / "back"
    assert _cli("measurements", "from-csv", str(csv_path), "--out-dir", str(back)).returncode == 0
    assert set(json.loads((back / "complete.json").read_text())["estimated"]) == marked
    csv_path.write_text("id,height,bust,estimated\nx,165,92,bust nek\n")
    result = _cli("measurements", "from-csv", str(csv_path), "--out-dir", str(back))
    assert result.returncode == 2 and "estimated: 'nek' is not a canonical measurement" in result.stderr


def test_every_measurement_has_a_diagram_with_its_tape() -> None:
    import xml.etree.ElementTree as ET

    from mtm_app.measurements.diagrams import diagram_svg

    for name in CANONICAL:
        root = ET.fromstring(diagram_svg(name))
        tags = {el.tag.split("}")[1] for el in root.iter()}
        assert "path" in tags and ({"ellipse"} & tags or {"polyline"} & tags), name
        assert root.find("{http://www.w3.org/2000/svg}title").text == catalogue()[name].label


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["male", "female"]), st.integers(3, 19), st.integers(0, 10**6))
def test_leave_one_out_agrees_with_conditioning_on_the_others(sex, count, seed) -> None:
    """The one-inverse shortcut the typo check uses gives what conditioning on the rest gives."""
    model = models()[sex]
    rng = np.random.default_rng(seed)
    names = list(rng.choice(model.names, size=count, replace=False))
    body = rng.multivariate_normal(model.mean, model.cov)
    known = {n: float(body[model.names.index(n)]) for n in names}
    for name, est in model.leave_one_out(known).items():
        others = {n: v for n, v in known.items() if n != name}
        expected = model.condition(others)[name]
        assert est.value == pytest.approx(expected.value, abs=1e-6)
        assert est.sd == pytest.approx(expected.sd, abs=1e-6)


@pytest.mark.parametrize("text, value", [("-1/2", -0.5), ("− 38 1/2", -38.5), ("+5", 5.0), ("3", 3.0)])
def test_adjustments_may_carry_a_sign(text: str, value: float) -> None:
    from mtm_app.measurements.units import format_length, parse_signed

    assert parse_signed(text) == value
    assert parse_signed(format_length(value * 25.4, "in")) == pytest.approx(value)


@pytest.mark.parametrize("text", ["--3", "-", "+-1", "- -2"])
def test_a_sign_alone_or_twice_is_no_number(text: str) -> None:
    from mtm_app.measurements.units import parse_signed

    with pytest.raises(ValueError):
        parse_signed(text)
