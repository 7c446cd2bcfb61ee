"""US conventions: the shirt sleeve from the centre back, inches with fractions, US size charts."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from mtm_app.drafting.draft import draft
from mtm_app.grading import size_run
from mtm_app.library import get_block
from mtm_app.measurements.bodies import read_customers
from mtm_app.measurements.catalogue import catalogue
from mtm_app.measurements.sizes import charts, nearest_size
from mtm_app.measurements.sleeves import sleeve_from_centre_back, with_both_sleeves
from mtm_app.measurements.units import show_change
from mtm_app.measurements.valentina import read_valentina, write_vit
from mtm_app.measurements.validate import check_measurements, has_errors

IN = 25.4
SHIRT_CHART = "us_men_dress_shirts"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtm_app.cli", *args], capture_output=True,
                          text=True, timeout=120)


def _us_customer(tmp_path: Path, **measurements: object) -> Path:
    """A US customer's file, in inches as typed from the tape."""
    base = {"height": "70", "chest": "40", "waist": "34", "seat": "39", "neck": "15",
            "nape_to_waist": "17 1/2", "bicep": "13", "wrist": "7", "cb_sleeve_length": "34 1/2"}
    base.update(measurements)
    path = tmp_path / "us.json"
    path.write_text(json.dumps({"unit": "in", "sex": "male",
                                "measurements": {k: v for k, v in base.items() if v is not None}}))
    return path


# --- the sleeve from the centre back ---------------------------------------------------------

def test_the_centre_back_sleeve_is_a_catalogue_measurement_with_the_surveys_range() -> None:
    entry = catalogue()["cb_sleeve_length"]
    assert entry.label == "Sleeve length from centre back"
    assert "nape" in entry.how_to and "elbow" in entry.how_to and "wrist" in entry.how_to
    men = entry.range_for("male")
    assert men.source == "ANSUR II"
    assert men.p1 < 34.5 * IN < men.p99  # the US median sleeve is an ordinary value


def test_conversion_over_every_ansur_man(ansur_men) -> None:
    """Converted from the centre-back sleeve (with the chest, as a shirt customer gives it)
    against each man's own shoulder-point sleeve: docs/estimation.md gives these errors."""
    alone, with_chest = [], []
    for _, body in ansur_men:
        truth = body["sleeve_length"]
        alone.append(abs(sleeve_from_centre_back({"cb_sleeve_length": body["cb_sleeve_length"]},
                                                 "male").value - truth))
        given = {n: body[n] for n in ("cb_sleeve_length", "chest", "neck")}
        with_chest.append(abs(sleeve_from_centre_back(given, "male").value - truth))
    assert statistics.median(alone) < 12.0  # mm
    assert statistics.median(with_chest) < 11.0
    assert sorted(with_chest)[int(0.95 * len(with_chest))] < 32.0  # 95 % within 3.2 cm


def test_shirts_drafted_from_the_centre_back_sleeve_have_the_right_sleeve(ansur_men, shirt) -> None:
    """Every 40th man, measured the US way (no shoulder-point sleeve): the drafted sleeve,
    measured on the pieces from the shoulder point to the cuff edge as worn, is his own."""
    errors = []
    for _, body in ansur_men[::40]:
        given = {n: v for n, v in body.items() if n in shirt.measurements and n != "sleeve_length"}
        given["cb_sleeve_length"] = body["cb_sleeve_length"]
        result = draft(shirt, given)
        assert result.ok, result.failures()
        assert "sleeve_length" in result.derived  # marked, as every derived value is
        worn = next(f for f in result.fits if f.name == "sleeve_length")
        errors.append(abs(worn.measured - body["sleeve_length"]))
    assert statistics.median(errors) < 12.0
    assert max(errors) < 45.0


def test_a_given_shoulder_point_sleeve_is_kept() -> None:
    values = {"sleeve_length": 640.0, "cb_sleeve_length": 880.0, "chest": 1000.0}
    assert with_both_sleeves(values)[0] == values and with_both_sleeves(values)[1] == frozenset()
    both, derived = with_both_sleeves({"sleeve_length": 640.0, "chest": 1000.0}, "male")
    assert derived == {"cb_sleeve_length"} and 800 < both["cb_sleeve_length"] < 960


def test_a_us_tailor_types_34_and_a_half_from_the_centre_back(tmp_path) -> None:
    path = _us_customer(tmp_path)
    check = _cli("measurements", "check", str(path), "--block", "mens_shirt")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "sleeve" not in check.stdout
    out = tmp_path / "out"
    made = _cli("draft", "mens_shirt", "-m", str(path), "--out", str(out), "--format", "json")
    assert made.returncode == 0, made.stderr
    drafted = json.loads(next(out.glob("*.json")).read_text())
    assert "sleeve_length" in drafted["derived"]
    assert drafted["measurements"]["cb_sleeve_length"] == pytest.approx(34.5 * IN)  # as given
    expected = sleeve_from_centre_back({"height": 70 * IN, "chest": 40 * IN, "waist": 34 * IN,
                                        "seat": 39 * IN, "neck": 15 * IN, "nape_to_waist": 17.5 * IN,
                                        "bicep": 13 * IN, "wrist": 7 * IN,
                                        "cb_sleeve_length": 34.5 * IN}, "male")
    assert drafted["measurements"]["sleeve_length"] == pytest.approx(expected.value, abs=0.5)
    assert 24 * IN < expected.value < 26 * IN  # 34½ in less a back and shoulder of ~9½ in


def test_mtm_blocks_says_the_sleeve_may_come_from_the_centre_back() -> None:
    result = _cli("blocks")
    shirt = result.stdout.split("mens_shirt", 1)[1].splitlines()[1]
    assert "sleeve_length (or cb_sleeve_length)" in shirt


def test_34_and_a_half_in_the_shoulder_point_field_says_where_it_belongs() -> None:
    findings = check_measurements({"chest": 40 * IN, "sleeve_length": 34.5 * IN}, "in", "male")
    wrong = next(f for f in findings if f.field == "sleeve_length")
    assert wrong.severity == "error" and wrong.code == "out_of_range"
    assert "34 1/2 in" in wrong.message
    assert "sleeve length from centre back" in wrong.suggestion


def test_a_centre_back_sleeve_shorter_than_any_arm_is_refused_by_name(tmp_path) -> None:
    path = _us_customer(tmp_path, cb_sleeve_length="20")
    result = _cli("measurements", "check", str(path), "--block", "mens_shirt")
    assert result.returncode == 2
    assert "[out_of_range] cb_sleeve_length: sleeve length from centre back 20 in" in result.stdout
    made = _cli("draft", "mens_shirt", "-m", str(path), "--out", str(tmp_path / "o"))
    assert made.returncode == 2 and "Traceback" not in made.stderr
    assert "sleeve length from centre back 20 in" in made.stderr


def test_both_sleeves_that_cannot_be_one_arm_are_an_error(tmp_path) -> None:
    path = _us_customer(tmp_path, sleeve_length="30", cb_sleeve_length="32")
    result = _cli("measurements", "check", str(path), "--json")
    assert result.returncode == 2
    found = json.loads(result.stdout)["findings"]
    error = next(f for f in found if f["field"] == "cb_sleeve_length")
    assert error["severity"] == "error"
    assert "less than the sleeve length 30 in plus the back and shoulder" in error["message"]


def test_both_sleeves_far_apart_are_a_warning_and_the_pattern_follows_the_sleeve() -> None:
    values = {"height": 70 * IN, "chest": 40 * IN, "sleeve_length": 23 * IN,
              "cb_sleeve_length": 36.5 * IN}
    findings = check_measurements(values, "in", "male")
    unusual = [f for f in findings if f.code == "unusual"]
    assert [f.field for f in unusual] == ["cb_sleeve_length"]
    assert unusual[0].severity == "warning" and not has_errors(findings)
    assert "disagree" in unusual[0].message and " in (95 % " in unusual[0].message
    agreeing = dict(values, sleeve_length=sleeve_from_centre_back(values, "male").value)
    assert not [f for f in check_measurements(agreeing, "in", "male") if f.code == "unusual"]


def test_the_centre_back_sleeve_comes_in_from_valentina_and_csv(tmp_path) -> None:
    vit = tmp_path / "us.vit"
    write_vit(vit, {"chest": 1016.0, "cb_sleeve_length": 876.3}, "in", "male")
    assert 'name="arm_neck_back_to_wrist_bent"' in vit.read_text()
    assert read_valentina(vit).values["cb_sleeve_length"] == pytest.approx(876.3, abs=0.1)
    csv = tmp_path / "shop.csv"
    csv.write_text("id,chest,neck,cb_sleeve_length\nA,101.6,38.1,87.6\n")
    [(ident, values, _)] = read_customers(csv)
    assert ident == "A" and values["cb_sleeve_length"] == pytest.approx(876.0)


def test_differences_read_in_inches_with_fractions() -> None:
    assert show_change(15.875, "in") == "+5/8 in"
    assert show_change(-28.575, "in") == "−1 1/8 in"
    assert show_change(1.0, "in", with_unit=False) == "+0"
    assert show_change(16.0, "cm") == "+1.6 cm" and show_change(-8.0, "mm") == "−0.8 cm"
    match = nearest_size({"neck": 15 * IN, "cb_sleeve_length": 34 * IN}, charts()[SHIRT_CHART])
    assert match.verdict("mm").endswith("fits within ±2 cm")  # as its differences read
    assert match.verdict("in").endswith("fits within ±3/4 in")


# --- US size charts ---------------------------------------------------------------------------

def test_the_shirt_chart_reads_back_neck_by_sleeve() -> None:
    chart = charts()[SHIRT_CHART]
    assert chart.sex == "male" and chart.key == ("neck", "cb_sleeve_length") and chart.unit == "in"
    assert len(chart.sizes) == 9 * 6
    rows = dict(chart.sizes)
    assert rows["15½ / 34"] == pytest.approx({"neck": 15 * IN, "cb_sleeve_length": 34 * IN})
    assert rows["18 / 37"] == pytest.approx({"neck": 17.5 * IN, "cb_sleeve_length": 37 * IN})
    assert "½ in" in chart.source  # the collar ease, with the convention it follows


def test_the_shirt_chart_sleeves_cover_the_surveys_men(ansur_men) -> None:
    """The chart's 32–37 in span the middle of US men's sleeves from the centre back (the
    survey's, elbow bent as the trade takes it, no allowance added)."""
    sleeves = sorted(body["cb_sleeve_length"] / IN for _, body in ansur_men)
    p5, median, p95 = (sleeves[int(q * len(sleeves))] for q in (0.05, 0.5, 0.95))
    assert p5 >= 32 and p95 <= 38
    assert 34 <= median <= 36
    within = sum(31.5 <= s <= 37.5 for s in sleeves) / len(sleeves)
    assert within > 0.85  # the rest are the longest arms: made to measure


@pytest.mark.parametrize(("neck", "cb", "size"), [
    (15.0, 34.0, "15½ / 34"), (14.5, 33.25, "15 / 33"), (16.5, 36.0, "17 / 36"),
    (13.5, 32.0, "14 / 32"), (17.5, 37.0, "18 / 37"),
])
def test_nearest_shirt_size_for_known_bodies(neck: float, cb: float, size: str) -> None:
    match = nearest_size({"neck": neck * IN, "cb_sleeve_length": cb * IN}, charts()[SHIRT_CHART])
    assert match.size == size and match.fits


def test_a_customer_measured_from_the_shoulder_point_gets_a_shirt_size_too() -> None:
    body = {"height": 1755.0, "chest": 1016.0, "neck": 15 * IN, "sleeve_length": 630.0}
    match = nearest_size(body, charts()[SHIRT_CHART])
    expected = with_both_sleeves(body, "male")[0]["cb_sleeve_length"]
    assert match.size.startswith("15½ / ")
    assert abs(int(match.size.split("/ ")[1]) * IN - expected) <= IN / 2


def test_mtm_size_says_the_shirt_size_in_inches(tmp_path) -> None:
    path = _us_customer(tmp_path, cb_sleeve_length="34 1/4")
    result = _cli("size", str(path), "--chart", SHIRT_CHART)
    assert result.returncode == 0, result.stderr
    verdict, differences, fit = result.stdout.splitlines()
    assert verdict == ("stock size 15½ / 34 (US men's dress shirts, neck / sleeve) fits within "
                       "±3/4 in")
    assert differences == "  customer − size: neck +0 in, sleeve length from centre back +1/4 in"
    assert fit.endswith("(drop (chest − waist) 6 in; preference standard)")
    every = _cli("size", str(path))
    assert "stock size 15½ / 34 (US men's dress shirts" in every.stdout
    assert " cm" not in every.stdout  # an inch customer reads inches throughout


def test_a_shirt_chart_needs_the_neck(tmp_path) -> None:
    path = _us_customer(tmp_path, neck=None)
    result = _cli("size", str(path), "--chart", SHIRT_CHART)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "sizes by neck, which is not measured" in result.stderr
    every = _cli("size", str(path))
    assert every.returncode == 0 and SHIRT_CHART not in every.stdout
    assert "US men's dress shirts" not in every.stdout


def test_astm_d5585_reads_back_in_inches_and_grows_monotonically() -> None:
    chart = charts()["women_astm_d5585"]
    assert chart.sex == "female" and chart.key == ("bust", "waist")
    rows = dict(chart.sizes)
    assert [s for s, _ in chart.sizes] == ["00", "0", "2", "4", "6", "8", "10", "12", "14", "16",
                                          "18", "20"]
    assert rows["12"]["bust"] == pytest.approx(38.75 * IN)
    assert rows["12"]["waist"] == pytest.approx(32.25 * IN)  # the straight figure's waist
    for name in ("bust", "waist", "underbust", "high_bust", "neck", "neck_base"):
        values = [row[name] for _, row in chart.sizes]
        assert values == sorted(values) and len(set(values)) == len(values), name
    assert "girths only" in chart.source


def test_nearest_misses_size_for_a_known_body() -> None:
    match = nearest_size({"bust": 37.5 * IN, "waist": 30.25 * IN, "seat": 40 * IN},
                         charts()["women_astm_d5585"])
    assert match.size == "10" and match.fits


@pytest.mark.parametrize("block_id", ["womens_bodice", "skirt"])
def test_astm_d5585_grades_the_bodice_and_skirt(block_id: str) -> None:
    """Lengths and the hip are estimated from each row's girths; every size drafts and
    passes its checks, and the estimated hip grows with the size."""
    run = size_run(get_block(block_id), charts()["women_astm_d5585"])
    assert not run.refused and len(run.sizes) == 12
    for s in run.sizes:
        assert s.draft.ok, (s.size, s.draft.failures())
    seat = [s.measurements["seat"] for s in run.sizes if "seat" in s.measurements]
    waist = [s.measurements["waist"] for s in run.sizes]
    assert waist == sorted(waist) and (not seat or seat == sorted(seat))
    assert "seat" not in dict(charts()["women_astm_d5585"].sizes)["12"]


def test_the_shirt_grades_on_neck_and_sleeve_sizes(tmp_path) -> None:
    result = _cli("grade", "mens_shirt", "--chart", SHIRT_CHART, "--sizes", "15½ / 33,15½ / 35",
                  "--out", str(tmp_path), "--format", "nest-svg")
    assert result.returncode == 0, result.stderr
    assert "size 15½ / 33: ok" in result.stdout and "size 15½ / 35: ok" in result.stdout
    run = size_run(get_block("mens_shirt"), charts()[SHIRT_CHART], ["15½ / 33", "15½ / 35"])
    short, long_ = (s.measurements["sleeve_length"] for s in run.sizes)
    # 2 in more from the centre back: a longer arm and a broader back, as the survey's men
    assert 0.6 * 2 * IN < long_ - short < 2 * IN
