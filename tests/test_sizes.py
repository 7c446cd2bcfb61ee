"""Size charts, nearest size with alterations, fit advice."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mtm_app.errors import MeasurementError
from mtm_app.measurements.sizes import charts, nearest_size, read_chart, recommend_fit, size_advice


def test_shipped_charts_have_sources_and_at_least_two_per_sex() -> None:
    shipped = charts()
    assert sum(c.sex == "male" for c in shipped.values()) >= 2
    assert sum(c.sex == "female" for c in shipped.values()) >= 2
    for chart in shipped.values():
        assert len(chart.source) > 40
        assert len(chart.sizes) >= 6
        for _, row in chart.sizes:
            assert all(k in row for k in chart.key)
    gilewska = dict(shipped["men_gilewska"].sizes)
    assert gilewska["44"]["chest"] == 1000 and gilewska["44"]["waist"] == 880  # cm × 10
    burda = dict(shipped["women_burda"].sizes)
    assert burda["38"] == {"height": 1680, "bust": 880, "waist": 700, "seat": 940,
                           "nape_to_waist": 415, "sleeve_length": 600}


def test_a_customer_on_a_size_row_gets_that_size_and_no_alterations() -> None:
    match = nearest_size({"chest": 1000, "waist": 880, "seat": 970}, charts()["men_gilewska"])
    assert match.size == "44" and match.fits
    assert match.differences == {"chest": 0, "waist": 0, "seat": 0}
    assert match.verdict().startswith("stock size 44")


def test_a_customer_between_sizes_gets_the_alterations() -> None:
    match = nearest_size({"chest": 1000, "waist": 960, "seat": 970}, charts()["men_gilewska"])
    assert not match.fits
    assert set(match.alterations) == {"waist"}
    assert "made-to-measure" in match.verdict() and "waist" in match.verdict()


def test_advice_covers_every_chart_for_the_sex() -> None:
    matches = size_advice({"bust": 920, "waist": 760, "seat": 1000}, "female")
    assert {m.chart.id for m in matches} == {"women_burda", "women_aldrich", "women_astm_d5585"}
    aldrich = next(m for m in matches if m.chart.id == "women_aldrich")
    assert aldrich.size == "14"


@pytest.mark.parametrize(("chest", "waist", "prefer", "fit"), [
    (1056, 880, "standard", "slim"),      # drop 17.6 cm: a V shape
    (1056, 912, "standard", "regular"),   # drop 14.4 cm
    (1056, 1020, "standard", "relaxed"),  # drop 3.6 cm
    (1056, 912, "close", "slim"),
    (1056, 912, "comfortable", "relaxed"),
    (1056, 880, "close", "slim"),         # never past the closest preset
])
def test_fit_follows_the_drop_and_the_preference(chest, waist, prefer, fit) -> None:
    assert recommend_fit({"chest": chest, "waist": waist}, "male", prefer)[0] == fit


def test_a_chart_mapping_to_an_unknown_measurement_is_refused(tmp_path) -> None:
    (tmp_path / "c.csv").write_text("size,girth\n1,90\n")
    (tmp_path / "c.yaml").write_text(
        "id: c\nname: C\nsex: male\nsource: a book\ndata: c.csv\nsize_column: size\n"
        "key: [chest]\ncolumns: {girth: chset}\n")
    with pytest.raises(MeasurementError, match="unknown measurements: chset"):
        read_chart(tmp_path / "c.yaml")


def test_size_command(tmp_path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"unit": "cm", "measurements": {"height": 175.5, "chest": 100,
                                                                "waist": 88, "seat": 97}}))
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "size",
                             str(path), "--json", "--block", "mens_shirt"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sex"] == "male"
    gilewska = next(s for s in data["sizes"] if s["chart"] == "men_gilewska")
    assert gilewska["size"] == "44" and gilewska["fits"] is True
    assert data["fit"]["preset"] == "regular"


def test_size_command_for_one_chart(tmp_path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"unit": "cm", "measurements": {"height": 175.5, "chest": 100,
                                                                "waist": 88, "seat": 97}}))
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "size", str(path), "--chart",
                             "men_wargnier", "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert [s["chart"] for s in json.loads(result.stdout)["sizes"]] == ["men_wargnier"]
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "size", str(path), "--chart",
                             "men_wargnir"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "size chart 'men_wargnir' is unknown" in result.stderr and "men_wargnier" in result.stderr


def test_size_command_says_the_difference_per_key_measurement(tmp_path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"unit": "cm", "measurements": {"height": 175.5, "chest": 100,
                                                                "waist": 88, "seat": 97}}))
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "size", str(path), "--chart",
                             "men_gilewska"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    verdict, differences, fit = result.stdout.splitlines()
    assert verdict.startswith("stock size 44 (Men's sizes 36–54 (Gilewska)) fits within ±2 cm")
    row = dict(charts()["men_gilewska"].sizes)["44"]
    expected = ", ".join(f"{n} {(v - row[k]) / 10:+.1f} cm" for n, k, v in
                         (("chest", "chest", 1000), ("waist", "waist", 880), ("seat / hip", "seat", 970)))
    assert differences == f"  customer − size: {expected}"
    assert fit.startswith("recommended fit: ")


def test_fit_advice_names_the_bust_for_women_and_the_chest_for_men() -> None:
    assert "drop (bust − waist) 20 cm" in recommend_fit({"bust": 900, "waist": 700}, "female")[1]
    assert "drop (chest − waist) 15 cm" in recommend_fit({"chest": 1000, "waist": 850}, "male")[1]
