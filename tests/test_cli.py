"""The `mtm` command: files written and read back, exit codes, messages for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtm_app.cli import main
from mtm_app.drafting import draft
from mtm_app.measurements.files import load_measurements

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo" / "customer_median_man.json"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtm_app.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_blocks_lists_the_shirt_with_its_options(capsys) -> None:
    assert main(["blocks"]) == 0
    out = capsys.readouterr().out
    assert "mens_shirt  Men's dress shirt  v1.2.0" in out
    assert "collar_style = point  [style; point|cutaway|button_down|band]" in out
    assert "chest_ease = 140.0  [fit; 60–320 mm]" in out
    assert "  figuration: posture, shoulder_slope, stomach, neck_posture   (signed mm, 0 = normal)" in out
    assert "  per side: sleeve_length_left|_right, shoulder_slope_left|_right" in out


def test_draft_writes_svg_and_json_that_read_back(tmp_path, shirt) -> None:
    out = tmp_path / "out"
    code = main(["draft", "mens_shirt", "-m", str(DEMO), "-o", "collar_style=band",
                 "--out", str(out), "--format", "svg,json", "--order", "A-1001"])
    assert code == 0
    data = json.loads((out / "A-1001.json").read_text())
    direct = draft(shirt, load_measurements(DEMO), {"collar_style": "band"})
    assert [p["id"] for p in data["pieces"]] == [p.id for p in direct.pieces]
    assert data["ok"] is True and data["order"] == "A-1001" and len(data["trace"]) == 12
    back = next(p for p in data["pieces"] if p["id"] == "back")
    assert back["cut_line"] == direct.piece("back").cut_line.round(3).tolist()
    svg = (out / "A-1001.svg").read_text()
    assert 'width="' in svg and "mm" in svg.split("\n")[1]
    assert svg.count('<g id="') == len(direct.pieces)
    assert f"trace {data['trace']}" in svg
    assert not list(out.glob("*.part"))


def test_same_inputs_give_the_same_trace_and_other_inputs_another(tmp_path) -> None:
    def trace(*opts: str) -> str:
        out = tmp_path / "t"
        main(["draft", "mens_shirt", "-m", str(DEMO), "--out", str(out), "--format", "json",
              "--order", "X", *opts])
        return json.loads((out / "X.json").read_text())["trace"]

    assert trace() == trace()
    assert trace() != trace("-o", "fit=slim")


@pytest.mark.parametrize(("content", "message"), [
    ('{"unit": "cm", "measurements": {"chest": -100}}', "'chest' is -100; a measurement must be above zero"),
    ('{"unit": "cm", "measurements": {"chest": NaN}}', "'chest' is not a finite number"),
    ('{"unit": "cm", "measurements": {"chest": 0}}', "'chest' is 0; a measurement must be above zero"),
    ('{"unit": "cm", "measurements": {"chets": 100}}', "unknown measurement 'chets'"),
    ('{"unit": "furlong", "measurements": {}}', "unit 'furlong' is unknown"),
    ('{"unit": "cm", "measurements": {"chest": "lots"}}', "'chest' is 'lots', not a number"),
    ('{"unit": "cm", "measurements": {"chest": 100}}', "height is missing (measure height: Stand"),
    ('{"unit": "cm", "measurements": {"height": 1755, "neck": 39.5, "chest": 105.6, '
     '"waist": 91.2, "seat": 101.7, "nape_to_waist": 40.7, "sleeve_length": 59.2, '
     '"bicep": 33.7, "wrist": 17.6}}', "height 1755 looks like mm: 175.5 cm?"),
    ("not json", "not valid JSON"),
])
def test_bad_measurement_files_exit_2_with_a_reason(tmp_path, content, message) -> None:
    path = tmp_path / "m.json"
    path.write_text(content)
    result = run("draft", "mens_shirt", "-m", str(path), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_broken_block_file_exits_2_naming_the_line(tmp_path) -> None:
    block = tmp_path / "broken.yaml"
    text = (Path(__file__).resolve().parent.parent / "patterns" / "mens_shirt.yaml").read_text()
    block.write_text(text.replace("quarter_chest: (chest + chest_ease) / 4",
                                  "quarter_chest: (chest + chest_eas) / 4"))
    result = run("draft", str(block), "-m", str(DEMO), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "broken.yaml:" in result.stderr and "values.quarter_chest" in result.stderr
    assert "did you mean 'chest_ease'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("old", "new", "message"), [
    ("quarter_chest: (chest + chest_ease) / 4", "quarter_chest: (chest + chest_ease) / (neck - neck)",
     "division by zero in '(chest + chest_ease) / (neck - neck)'"),
    ("back_chest: quarter_chest + 10\n  front_chest: quarter_chest - 10",
     "back_chest: front_chest + 20\n  front_chest: back_chest - 20", "circular definition"),
    ("back_chest: quarter_chest + 10", "back_chest: quarter_chest - 10",
     "the draft fails its checks"),
    ("front_chest: quarter_chest - 10", "front_chest: back_chest - 10\n  oops: [1,",
     "YAML syntax error"),
])
def test_broken_block_formulas_exit_2(tmp_path, old, new, message) -> None:
    text = (Path(__file__).resolve().parent.parent / "patterns" / "mens_shirt.yaml").read_text()
    assert old in text
    block = tmp_path / "broken.yaml"
    block.write_text(text.replace(old, new))
    result = run("draft", str(block), "-m", str(DEMO), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert message in result.stderr and "broken.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_block_and_bad_format_exit_2(tmp_path) -> None:
    result = run("draft", "ballgown", "-m", str(DEMO), "--out", str(tmp_path))
    assert result.returncode == 2 and "no block 'ballgown'" in result.stderr
    result = run("draft", "mens_shirt", "-m", str(DEMO), "--out", str(tmp_path), "--format", "gif")
    assert result.returncode == 2 and "unknown format gif" in result.stderr
    result = run("draft", "mens_shirt", "-m", str(DEMO), "--out", str(tmp_path), "--format", " , ")
    assert result.returncode == 2 and "no format asked for" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_due_date_before_the_order_date_is_refused(tmp_path) -> None:
    result = run("draft", "mens_shirt", "-m", str(DEMO), "--out", str(tmp_path / "o"),
                 "--order-date", "2026-03-10", "--due", "2026-03-09")
    assert result.returncode == 2
    assert "due date 2026-03-09 is before the order date 2026-03-10" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_folder_given_where_a_file_is_written_is_named_as_such(tmp_path) -> None:
    for command in (("measurements", "estimate"), ("measurements", "export")):
        result = run(*command, str(DEMO), "--out", str(tmp_path))
        assert result.returncode == 2, result.stderr
        assert f"a folder, not a file: give the file's name (e.g. {tmp_path}/name" in result.stderr
        assert list(tmp_path.iterdir()) == [] and not list(tmp_path.parent.glob(".*.part"))


def test_check_counts_valid_refused_and_failed(tmp_path) -> None:
    csv = tmp_path / "bodies.csv"
    csv.write_text(
        "id,height,neck,chest,waist,seat,nape_to_waist,sleeve_length,bicep,wrist\n"
        "ok1,175.5,39.5,105.6,91.2,101.7,40.7,59.2,33.7,17.6\n"
        "ok2,182,41,112,100,108,43,62,36,18\n"
        "tiny,175.5,39.5,60,55,70,40.7,59.2,33.7,17.6\n"
    )
    result = run("check", "mens_shirt", "--bodies", str(csv), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["valid"], report["refused"], report["failed"]) == (2, 1, 0)
    assert report["refusals"][0]["body"] == "tiny" and report["refusals"][0]["field"] == "chest"
    text = run("check", "mens_shirt", "--bodies", str(csv))
    assert "2 valid, 1 refused, 0 failed" in text.stdout


def test_check_names_a_row_typed_in_mm_not_cm(tmp_path) -> None:
    csv = tmp_path / "bodies.csv"
    csv.write_text("id,height,neck,chest,waist,seat,nape_to_waist,sleeve_length,bicep,wrist\n"
                   "ok,175.5,39.5,105.6,91.2,101.7,40.7,59.2,33.7,17.6\n"
                   "in-mm,1755,395,1056,912,1017,407,592,337,176\n")
    result = run("check", "mens_shirt", "--bodies", str(csv))
    assert result.returncode == 2
    assert (f"{csv}:3: 'in-mm': these measurements look like they were typed in mm, not cm: height 1755 → "
            "175.5 cm") in result.stderr and "convert the row to cm" in result.stderr


def test_check_rejects_a_bad_header(tmp_path) -> None:
    csv = tmp_path / "bodies.csv"
    csv.write_text("hieght,chest\n175,100\n")
    result = run("check", "mens_shirt", "--bodies", str(csv))
    assert result.returncode == 2 and "column 'hieght'" in result.stderr


def test_estimated_measurements_are_marked_in_the_draft(tmp_path) -> None:
    partial = tmp_path / "partial.json"
    data = json.loads(DEMO.read_text())
    del data["measurements"]["bicep"], data["measurements"]["wrist"]
    partial.write_text(json.dumps(data))
    complete = tmp_path / "complete.json"
    assert run("measurements", "estimate", str(partial), "--out", str(complete)).returncode == 0
    result = run("draft", "mens_shirt", "-m", str(complete), "--out", str(tmp_path / "o"),
                 "--format", "json", "--order", "E-1")
    assert result.returncode == 0, result.stderr
    drafted = json.loads((tmp_path / "o" / "E-1.json").read_text())
    assert {"bicep", "wrist"} <= set(drafted["estimated"])
    assert "chest" not in drafted["estimated"]




def test_drafting_from_the_command_line_does_not_load_the_store() -> None:
    """A command pays for what it uses: `mtm draft` needs no SQLAlchemy or Alembic (0.5 s of
    start-up, which the customers command once pulled in for every command)."""
    code = ("import sys; from mtm_app.cli import build_parser; build_parser(); "
            "import mtm_app.cli.drafting; print(sorted(m for m in ('sqlalchemy', 'alembic', 'PySide6') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_reader_that_stops_early_is_no_error(tmp_path) -> None:
    """`mtm … | head`: the pipe closes while mtm still writes; it stops quietly, exit 0."""
    bodies = tmp_path / "bodies.csv"
    row = "175.5,39.5,105.6,91.2,101.7,40.7,59.2,33.7,17.6"
    bodies.write_text("id,height,neck,chest,waist,seat,nape_to_waist,sleeve_length,bicep,wrist\n"
                      + "".join(f"b{k},{row}\n" for k in range(3000)))  # more than a pipe holds
    env = {**os.environ, "MTM_DATA_DIR": str(tmp_path / "data")}
    shell = (f"{sys.executable} -m mtm_app.cli measurements from-csv {bodies} --out-dir {tmp_path / 'o'}"
             " | head -n 1")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, env=env,
                            cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert result.stdout.count("\n") == 1 and result.stderr == "" and result.returncode == 0
