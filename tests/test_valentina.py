"""Valentina / Seamly2D measurement files in and out (fixtures written from the public XSD)."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mtm_app.errors import MeasurementError
from mtm_app.measurements.valentina import read_valentina, write_vit

DATA = Path(__file__).parent / "data" / "valentina"


def test_vit_in_inches_with_formulas_custom_and_unmeasured_entries() -> None:
    found = read_valentina(DATA / "customer_inch.vit")
    assert found.unit == "in" and found.sex == "male" and found.customer == "Alex Example"
    assert found.values == pytest.approx({
        "height": 69 * 25.4, "chest": 41.5 * 25.4, "waist": 36 * 25.4,
        "seat": 39.75 * 25.4, "neck": 15.5 * 25.4, "sleeve_length": 23.25 * 25.4})
    assert "nape_to_waist" not in found.values  # 0 = not measured
    assert found.unmapped == {"@arm_total": 24.25, "head_circ": 22.5}
    assert any(s.startswith("bad: cannot read 'height ^^ 2'") for s in found.skipped)
    # an entry of ours left at 0 is said, not silently left out
    assert "neck_back_to_waist_b: not measured (0 or empty), so nape_to_waist is not read" in found.skipped
    assert len(found.skipped) == 2


def test_smis_from_seamly2d_reads_a_woman_in_cm() -> None:
    found = read_valentina(DATA / "customer_cm.smis")
    assert found.sex == "female" and found.customer == "Sam Example" and found.unit == "cm"
    assert found.values == {"height": 1650, "bust": 940, "high_bust": 880, "waist": 760,
                            "seat": 1020, "bust_span": 190}


def test_written_vit_follows_the_schema_and_reads_back(tmp_path) -> None:
    values = {"height": 1755.0, "chest": 1056.0, "waist": 912.0, "sleeve_length": 592.0}
    path = tmp_path / "out.vit"
    write_vit(path, values, "cm", "male", "Alex", {"@arm_total": 61.6})
    root = ET.parse(path).getroot()
    assert root.tag == "vit"
    assert [c.tag for c in root] == ["version", "read-only", "notes", "unit", "pm_system",
                                     "personal", "body-measurements"]
    assert [c.tag for c in root.find("personal")] == ["customer", "birth-date", "gender", "email"]
    back = read_valentina(path)
    assert back.values == pytest.approx(values) and back.unmapped == {"@arm_total": 61.6}
    write_vit(tmp_path / "in.vit", values, "in")
    inches = read_valentina(tmp_path / "in.vit")
    assert inches.unit == "in" and inches.values["chest"] == pytest.approx(1056, abs=0.1)


@pytest.mark.parametrize(("text", "message"), [
    ("<vit><unit>furlong</unit></vit>", "unit 'furlong' is not mm, cm or inch"),
    ("<vit><unit>cm</unit", "cannot read the measurement file"),
    ("<foo><unit>cm</unit></foo>", "it starts with <foo>, not <vit> or <smis>"),
    ("<vst><unit>cm</unit></vst>", "this is a multisize table; import it as one"),
    ("<vit><unit>cm</unit><body-measurements><m name='height' value='waist_circ * 2'/>"
     "<m name='waist_circ' value='height / 2'/></body-measurements></vit>",
     "circular formulas: height → waist_circ → height"),
    ("<vit><unit>cm</unit><body-measurements><m name='@a' value='@a + 1'/></body-measurements></vit>",
     "circular formulas: @a → @a"),
    ("<vit><unit>cm</unit><body-measurements><m name='height' value=''/><m name='waist_circ' value='0'/>"
     "</body-measurements></vit>", "the file holds no measurement with a value"),
    ("<vit><unit>cm</unit><body-measurements/></vit>", "the file holds no measurement with a value"),
])
def test_broken_files_are_explained(tmp_path, text, message) -> None:
    path = tmp_path / "x.vit"
    path.write_text(text)
    with pytest.raises(MeasurementError, match=message):
        read_valentina(path)


def test_import_and_export_commands(tmp_path) -> None:
    out = tmp_path / "m.json"
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "measurements", "import",
                             str(DATA / "customer_inch.vit"), "--out", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "kept, not used by MTM Studio: head_circ = 22.5 in" in result.stderr
    assert "skipped: bad" in result.stderr
    data = json.loads(out.read_text())
    assert data["unit"] == "in" and data["measurements"]["chest"] == 41.5
    vit = tmp_path / "back.vit"
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "measurements", "export",
                             str(out), "--out", str(vit)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert read_valentina(vit).values["chest"] == pytest.approx(41.5 * 25.4)


def test_a_formula_needing_an_unreadable_one_is_skipped_by_name(tmp_path) -> None:
    path = tmp_path / "x.vit"
    path.write_text("<vit><unit>cm</unit><body-measurements><m name='height' value='176'/>"
                    "<m name='@a' value='(('/><m name='neck_mid_circ' value='@a + 1'/>"
                    "</body-measurements></vit>")
    found = read_valentina(path)
    assert found.values == {"height": 1760}
    assert found.skipped[0].startswith("@a: cannot read '(('")
    assert found.skipped[1] == "neck_mid_circ: '@a + 1' needs @a, which could not be read"


def test_circular_formulas_stop_the_import_command_with_no_file_written(tmp_path) -> None:
    path = tmp_path / "x.smis"
    path.write_text("<smis><unit>mm</unit><body-measurements><m name='height' value='1760'/>"
                    "<m name='bust_circ' value='hip_circ + 40'/><m name='hip_circ' value='bust_circ - 40'/>"
                    "</body-measurements></smis>")
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "measurements", "import", str(path),
                             "--out", str(tmp_path / "x.json")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "circular formulas: bust_circ → hip_circ → bust_circ" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.json").exists()


def test_estimated_values_say_so_in_the_vit_and_come_back_estimated(tmp_path) -> None:
    path = tmp_path / "m.vit"
    write_vit(path, {"height": 1755.0, "chest": 1056.0, "wrist": 176.0}, "cm", "male",
              estimated=frozenset({"wrist"}))
    entries = {m.get("name"): m.get("description") for m in ET.parse(path).getroot().iter("m")}
    assert entries == {"height": None, "bust_circ": None,
                       "arm_wrist_circ": "estimated by MTM Studio, not measured"}
    back = read_valentina(path)
    assert back.estimated == {"wrist"} and back.values["wrist"] == pytest.approx(176.0)


def test_one_import_reads_our_json_and_their_files_and_lists_what_was_not_used(tmp_path) -> None:
    from mtm_app.measurements.files import import_measurements

    taken, notes = import_measurements(DATA / "customer_inch.vit")
    assert taken.unit == "in" and taken.raw["chest"] == pytest.approx(41.5)
    assert sorted(notes[:2]) == ["not used by MTM Studio: @arm_total = 24.25 in",
                                 "not used by MTM Studio: head_circ = 22.5 in"]
    assert notes[2].startswith("skipped bad: cannot read 'height ^^ 2'")
    demo = Path(__file__).resolve().parent.parent / "resources" / "demo" / "customer_median_man.json"
    assert import_measurements(demo)[0].values["chest"] == pytest.approx(1056)
    (tmp_path / "m.xlsx").write_bytes(b"PK")
    with pytest.raises(MeasurementError, match=r"not a measurement file — choose a \.json, \.vit"):
        import_measurements(tmp_path / "m.xlsx")
