"""Multisize tables and CSV charts become MTM Studio size charts."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from mtm_app.errors import MeasurementError
from mtm_app.measurements.multisize import read_csv_chart, read_multisize, save_chart
from mtm_app.measurements.sizes import nearest_size, read_chart

DATA = Path(__file__).parent / "data" / "multisize"
CHECKED = {"bust_circ_mm": "chest", "waist_circ_mm": "waist", "hip_circ_mm": "seat",
           "arm_upper_circ_mm": "bicep", "neck_back_to_waist_b_mm": "nape_to_waist",
           "height_mm": "height"}


def test_gost_table_expands_exactly_like_the_independent_expansion() -> None:
    chart = read_multisize(DATA / "GOST_man_ru.vst", "male",
                           sizes=[44, 46, 48, 50, 52, 54, 56], heights=[158, 164, 170, 176, 182, 188])
    rows = dict(chart.sizes)
    with (DATA / "GOST_man_ru_expanded.csv").open() as fh:
        expected = list(csv.DictReader(fh))
    assert len(expected) == len(rows) == 42
    for row in expected:
        ours = rows[f"{row['ru_size']}/{row['height_cm']}"]
        for column, name in CHECKED.items():
            assert ours[name] == pytest.approx(float(row[column])), (row["ru_size"], column)


def test_a_multisize_chart_saves_and_reloads_and_sizes_a_customer(tmp_path) -> None:
    chart = read_multisize(DATA / "GOST_man_ru.vst", "male")
    assert {s for s, _ in chart.sizes} >= {"50/176", "44/158", "56/188"}
    path = save_chart(chart, tmp_path, "gost_men", "GOST men", "GOST typical figures")
    again = read_chart(path)
    assert again.id == "gost_men" and len(again.sizes) == len(chart.sizes)
    base = dict(again.sizes)["50/176"]
    match = nearest_size({"chest": base["chest"], "waist": base["waist"], "seat": base["seat"]},
                         again)
    assert match.fits and match.size.startswith("50/")


def test_csv_chart_with_canonical_header(tmp_path) -> None:
    path = tmp_path / "shop.csv"
    path.write_text("size,chest,waist,seat,sleeve_length\nS,92,80,94,62\nM,100,88,100,63\n")
    chart = read_csv_chart(path, "male", "size")
    assert dict(chart.sizes)["M"] == {"chest": 1000, "waist": 880, "seat": 1000,
                                      "sleeve_length": 630}
    with pytest.raises(MeasurementError, match="no size column 'label'"):
        read_csv_chart(path, "male", "label")


def test_import_command_turns_a_multisize_table_into_a_chart(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "measurements", "import",
                             str(DATA / "GOST_man_ru.vst"), "--out", str(tmp_path / "gost.yaml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "42 male sizes" in result.stdout  # the table names no sex: its bodies are men's
    chart = read_chart(tmp_path / "gost.yaml")
    assert chart.sex == "male" and (tmp_path / "gost.csv").is_file()
    base = dict(chart.sizes)["50/176"]
    assert base["chest"] == pytest.approx(1044) and base["height"] == pytest.approx(1760)
    # GOST's waist_to_hip_f is a depth (3.7 cm), not our side waist-to-hip: left unmapped
    assert "waist_to_hip" not in base
    # and its mid-neck is a half girth: the import says so, naming the field
    assert "size 50/176: error: [out_of_range] neck: neck 20.5 cm" in result.stderr


def test_import_command_reads_a_csv_chart_and_infers_a_womens_chart(tmp_path) -> None:
    path = tmp_path / "shop.csv"
    path.write_text("size,height,bust,waist,seat\n10,164,86,68,92\n12,165,90,72,96\n14,166,94,76,100\n")
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "measurements", "import", str(path),
                             "--out", str(tmp_path / "out" / "shop.yaml"), "--name", "Shop"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    chart = read_chart(tmp_path / "out" / "shop.yaml")
    assert (chart.sex, chart.name, chart.key[0]) == ("female", "Shop", "bust")
    assert dict(chart.sizes)["12"]["bust"] == pytest.approx(900)


def test_import_command_refuses_an_unknown_kind_of_file(tmp_path) -> None:
    (tmp_path / "m.txt").write_text("chest 100")
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "measurements", "import",
                             str(tmp_path / "m.txt"), "--out", str(tmp_path / "m.json")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "'m.txt' is not a .vit or .smis measurement file" in result.stderr
    assert not (tmp_path / "m.json").exists()
