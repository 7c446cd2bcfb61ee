"""Many orders in one run: `mtm batch` (orders in a CSV) and `mtm orders produce` (orders in the
store) write the same files as one `mtm draft` per order, each set whole, and one bad order
never stops the others."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from benchmarks.bench_batch import same_files
from mtm_app.batch import Outcome, read_batch_csv, run
from mtm_app.cli import main
from mtm_app.datafile import DataFileError
from mtm_app.library import get_block
from mtm_app.store import OrderStatus, open_store
from mtm_app.store.repository import GarmentLine
from tests.conftest import MEDIAN_MAN

FORMATS = "dxf-aama,pdf-tiled,cut-ticket"


def _orders_csv(folder: Path, rows: list[str]) -> Path:
    man = {"unit": "mm", "sex": "male", "measurements": MEDIAN_MAN}
    (folder / "man.json").write_text(json.dumps(man))
    (folder / "tall.json").write_text(json.dumps({**man, "measurements": {
        **MEDIAN_MAN, "height": 1900.0, "sleeve_length": 690.0, "nape_to_waist": 480.0}}))
    csv = folder / "orders.csv"
    csv.write_text("order,block,measurements,options,quantity,fabric\n" + "\n".join(rows) + "\n")
    return csv


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_writes_what_one_draft_per_order_writes(tmp_path, capsys, jobs) -> None:
    csv = _orders_csv(tmp_path, ["A-1,mens_shirt,man.json,collar_style=band;fit=slim,2,POP-WHT-150",
                                 "A-2,mens_shirt,tall.json,,1,OXF-BLU-145"])
    code = main(["batch", str(csv), "--out", str(tmp_path / "batch"), "--format", FORMATS,
                 "--jobs", jobs])
    out = capsys.readouterr().out
    assert code == 0 and out.splitlines()[-1] == "2 written, 0 failed"
    for ref, file, options, quantity, fabric in (
            ("A-1", "man.json", ["-o", "collar_style=band", "-o", "fit=slim"], "2", "POP-WHT-150"),
            ("A-2", "tall.json", [], "1", "OXF-BLU-145")):
        assert main(["draft", "mens_shirt", "-m", str(tmp_path / file), *options, "--out",
                     str(tmp_path / "single" / ref), "--format", FORMATS, "--order", ref,
                     "--quantity", quantity, "--fabric", fabric]) == 0
        single = sorted((tmp_path / "single" / ref).iterdir())
        batch = sorted((tmp_path / "batch" / ref).iterdir())
        assert [p.name for p in batch] == [p.name for p in single] == [
            f"{ref}.aama.dxf", f"{ref}.ticket.pdf", f"{ref}.tiled.pdf"]
        assert all(same_files(a, b) for a, b in zip(single, batch, strict=True))


def test_one_bad_order_fails_alone_and_the_run_exits_2(tmp_path, capsys) -> None:
    csv = _orders_csv(tmp_path, ["B-1,mens_shirt,man.json,,1,", "B-2,mens_shirt,missing.json,,1,",
                                 "B-3,mens_shirt,man.json,collar_style=cape,1,",
                                 "B-4,mens_shirt,man.json,,1,"])
    code = main(["batch", str(csv), "--out", str(tmp_path / "out"), "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 2 and out.splitlines()[-1] == "2 written, 2 failed"
    assert "error: B-2: " in err and "missing.json" in err
    assert "error: B-3: " in err and "cape" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["B-1", "B-4"]  # no half sets


@pytest.mark.parametrize(("rows", "message"), [
    (["C-1,mens_shirt,man.json,,1,", "c-1,mens_shirt,man.json,,1,"],
     r"orders.csv:3, order: order c-1 is listed twice — it is already on line 2"),
    (["A/1,mens_shirt,man.json,,1,", "a-1,skirt,woman.json,,1,"],  # one folder: the shirt would be lost
     r"orders.csv:3, order: orders A/1 and a-1 would both be written to the folder 'a-1' — line 2 has A/1"),
    (["A:1,mens_shirt,man.json,,1,", "A?1,mens_shirt,man.json,,1,"],
     r"orders.csv:3, order: orders A:1 and A\?1 would both be written to the folder 'A-1'"),
    (["C-1,mens_shirt,man.json,collar_style,1,"],
     r"orders.csv:2, options: 'collar_style' is not name=value"),
    (["C-1,mens_shirt,man.json,,0,"], r"orders.csv:2, quantity: quantity '0' is not 1–99"),
    (["C-1,,man.json,,1,"], r"orders.csv:2, block: the block is empty"),
])
def test_a_bad_batch_csv_is_named_by_line_and_column_and_nothing_runs(tmp_path, rows, message) -> None:
    with pytest.raises(DataFileError, match=message):
        read_batch_csv(_orders_csv(tmp_path, rows))


def test_orders_produce_writes_the_stored_orders_again(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("MTM_DATABASE_URL", raising=False)
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store()
    refs = []
    for name in ("Ann Baker", "Bob Carter", "Cy Dane"):
        c = store.create_customer(name, consent_date=date(2026, 1, 2))
        m = store.add_session(c.id, MEDIAN_MAN)
        shirt = GarmentLine("mens_shirt", get_block("mens_shirt").version)
        refs.append(store.create_order(c.id, m.id, [shirt], status=OrderStatus.CONFIRMED).reference)
    store.set_status(store.order_by_reference(refs[2]).id, OrderStatus.IN_PRODUCTION)
    code = main(["orders", "produce", "--jobs", "1"])  # every confirmed order
    out = capsys.readouterr().out
    assert code == 0 and out.splitlines()[-1] == "2 written, 0 failed"
    for ref in refs[:2]:
        folder = Path(store.order_by_reference(ref).files_dir or tmp_path / "data" / "orders" / ref)
        assert any(p.name == f"{ref}.ticket.pdf" for p in folder.iterdir()), folder
    code = main(["orders", "produce", refs[2], "--format", "svg", "--jobs", "1"])
    assert code == 0 and f"{refs[2]}\t1 files" in capsys.readouterr().out


def test_a_cancelled_run_starts_nothing_more() -> None:
    asked = []

    def work(task: str) -> Outcome:
        asked.append(task)
        return Outcome(task, (task,))

    outcomes = run([(f"R-{k}", f"R-{k}") for k in range(5)], work, 1,
                   cancelled=lambda: len(asked) >= 2)
    assert [o.reference for o in outcomes] == ["R-0", "R-1"] and asked == ["R-0", "R-1"]



def test_what_a_killed_batch_left_is_finished_or_cleared_by_the_next(tmp_path, capsys) -> None:
    import os
    import time

    out = tmp_path / "out"
    half = out / ".staging-1a2b3c4d-K-34"  # killed while writing: half a set
    half.mkdir(parents=True)
    (half / "K-34.aama.dxf").write_text("half a file")
    whole = out / ".ready-5e6f7a8b-R-1"  # killed after writing, before the switch
    whole.mkdir()
    (whole / "R-1.json").write_text("{}")
    young = out / ".staging-9c0d1e2f-Y-9"  # another batch writing it right now
    young.mkdir()
    old = time.time() - 600
    for folder in (half, whole):
        os.utime(folder, (old, old))
    csv = _orders_csv(tmp_path, ["B-1,mens_shirt,man.json,,1,"])
    assert main(["batch", str(csv), "--out", str(out), "--format", "json", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == [".staging-9c0d1e2f-Y-9", "B-1", "R-1"]
    assert (out / "R-1" / "R-1.json").read_text() == "{}"
