"""Bad input never crashes a reader nor writes outside the folder chosen (issue 11 §5, §6).

Two parts: every label that becomes a file name (a block id, a DXF size label, an order
reference, a CSV id) stays inside `--out`; and a seeded generator mutates a valid file for
every reader (measurement JSON, .vit, .smis, .vst, chart CSV, customers CSV, AAMA/ASTM DXF) —
truncation, byte flips, wrong types, huge numbers, NaN, deep nesting, wrong encodings, entity
bombs, huge cells — and runs the real command line in-process: exit 0 or 2 (never 1), no
traceback, each case in a few seconds and bounded memory.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import resource
import shutil
import time
from pathlib import Path

import ezdxf
import pytest

from mtm_app.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo" / "customer_median_man.json"
DEMO_WOMAN = ROOT / "resources" / "demo" / "customer_median_woman.json"
DATA = Path(__file__).resolve().parent / "data"


def run(*args: str | Path) -> tuple[int, str]:
    """The real `mtm` command, in-process: exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue() + err.getvalue()


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def assert_written_only_into(tmp: Path, before: set[Path], out: Path) -> set[Path]:
    """Everything new under `tmp` is a file directly in `out` (no sub-folder, nothing beside)."""
    new = files_under(tmp) - before - {out, *out.parents}
    assert all(p.parent == out and p.is_file() for p in new), sorted(map(str, new))
    return {p.name for p in new}


def cad_dxf(path: Path, sizes: list[str]) -> None:
    """An AAMA file the way other CADs write one: one block per piece per size."""
    doc = ezdxf.new("R12")
    msp = doc.modelspace()
    msp.add_text("Units: METRIC", dxfattribs={"layer": "1"})
    for k, size in enumerate(sizes):
        name = f"FRONT {k}"
        block = doc.blocks.new(name=name)
        w, h = 200 + 10 * k, 300 + 10 * k
        block.add_polyline2d([(0, 0), (w, 0), (w, h), (0, h)], close=True, dxfattribs={"layer": "1"})
        block.add_text("Piece Name: Front", dxfattribs={"layer": "1"})
        block.add_text(f"Size: {size}", dxfattribs={"layer": "1"})
        msp.add_blockref(name, (0, 0), dxfattribs={"layer": "1"})
    doc.saveas(path)


# --- §5: no name is a path ---------------------------------------------------------------

def test_a_block_id_that_is_a_path_writes_inside_out(tmp_path) -> None:
    block = tmp_path / "blocks" / "shirt.yaml"
    block.parent.mkdir()
    text = (ROOT / "patterns" / "mens_shirt.yaml").read_text("utf-8")
    block.write_text(text.replace("  id: mens_shirt", "  id: ../../x", 1), "utf-8")
    out = tmp_path / "a" / "b" / "out"
    before = files_under(tmp_path)
    code, said = run("draft", block, "-m", DEMO, "--out", out, "--format", "svg,json")
    assert code in (0, 2) and "internal error" not in said
    if code == 0:
        names = assert_written_only_into(tmp_path, before, out)
        assert len(names) == 2 and all(n.startswith("x-") for n in names), names


def test_a_size_run_of_a_block_whose_id_is_a_path_writes_inside_out(tmp_path) -> None:
    block = tmp_path / "blocks" / "skirt.yaml"
    block.parent.mkdir()
    text = (ROOT / "patterns" / "skirt.yaml").read_text("utf-8")
    block.write_text(text.replace("  id: skirt", "  id: ../../x", 1), "utf-8")
    out = tmp_path / "a" / "b" / "out"
    before = files_under(tmp_path)
    code, said = run("grade", block, "--out", out, "--format", "nest-svg,dxf-aama-graded")
    assert code == 0, said
    assert assert_written_only_into(tmp_path, before, out) == {
        "x-women_aldrich.nest.svg", "x-women_aldrich.aama.dxf", "x-women_aldrich.aama.rul"}


def test_an_order_reference_that_is_a_path_writes_inside_out(tmp_path) -> None:
    out = tmp_path / "a" / "b" / "out"
    before = files_under(tmp_path)
    for order in ("../../x", "PO 77/3"):
        code, said = run("draft", "mens_shirt", "-m", DEMO, "--out", out, "--order", order,
                         "--format", "svg,json")
        assert code == 0, said
    assert assert_written_only_into(tmp_path, before, out) == {
        "x.svg", "x.json", "PO 77-3.svg", "PO 77-3.json"}


def test_dxf_size_labels_that_are_paths_write_inside_out(tmp_path) -> None:
    dxf = tmp_path / "cad.dxf"
    cad_dxf(dxf, ["../../x", "38/40"])
    out = tmp_path / "a" / "b" / "out"
    before = files_under(tmp_path)
    code, said = run("import-dxf", dxf, "--out", out)
    assert code == 0, said
    assert assert_written_only_into(tmp_path, before, out) == {
        "cad-..-..-x.json", "cad-..-..-x.svg", "cad-38-40.json", "cad-38-40.svg"}


def test_dxf_size_labels_that_would_share_a_file_are_refused(tmp_path) -> None:
    dxf = tmp_path / "cad.dxf"
    cad_dxf(dxf, ["38/40", "38-40"])
    code, said = run("import-dxf", dxf, "--out", tmp_path / "out")
    assert code == 2 and "'cad-38/40' and 'cad-38-40' would both be written" in said
    assert not (tmp_path / "out").exists()


def test_csv_ids_that_are_paths_write_inside_out(tmp_path) -> None:
    csv_path = tmp_path / "shop.csv"
    csv_path.write_text("id,height,chest\n38/40,175,100\n../x,180,104\n../../..,170,96\n", "utf-8")
    out = tmp_path / "a" / "out"
    before = files_under(tmp_path)
    code, said = run("measurements", "from-csv", csv_path, "--out-dir", out)
    assert code == 0, said
    assert assert_written_only_into(tmp_path, before, out) == {"38-40.json", "x.json",
                                                               "unnamed.json"}


@pytest.mark.parametrize(("ids", "message"), [
    (["A", "B", "A"], "id 'A' is given twice"),
    (["38/40", "38-40"], "ids '38/40' and '38-40' would both be written as '38-40.json'"),
])
def test_csv_ids_that_share_a_file_lose_no_customer(tmp_path, ids, message) -> None:
    csv_path = tmp_path / "shop.csv"
    csv_path.write_text("id,height,chest\n" + "".join(f"{i},175,100\n" for i in ids), "utf-8")
    code, said = run("measurements", "from-csv", csv_path, "--out-dir", tmp_path / "out")
    assert code == 2 and message in said and f"{csv_path}" in said
    assert not (tmp_path / "out").exists()  # refused before any customer was written


# --- §6: every bad input gets a located error ----------------------------------------------

@pytest.mark.parametrize(("content", "message"), [
    (b'{"unit": "cm", "measurements": {"chest": 100}, "estimated": 5}', "estimated is 5"),
    (b'{"unit": "cm",\n "measurements": {"chest": Infinity}}', ":2: 'chest' is not a finite number"),
    (b'{"unit": "cm", "measurements": {"chest": 1e999}}', "too large to be a number"),
    (b'{"unit": "cm", "measurements": {"chest": ' + b"9" * 4000 + b"}}", "has 4000 digits"),
    (b'{"unit": "cm", "measurements": {"chest": 1e308}}', "'chest' is 1e+308, not a measurement"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"a": ' * 40 + b"1" + b"}" * 40, "nested more than 32 deep"),
    (b'{"unit": "cm", "measurements": {"chest": "' + b"x" * 10_000_000 + b'"}}', "not a number"),
    ('{"unit": "cm", "measurements": {"héight": 1}}'.encode("latin-1"), ":1: not UTF-8"),
    ('{"unit": "cm", "measurements": {"chest": 100}}'.encode("utf-16"), ":1: UTF-16 text (a Windows"),
    (b'{"unit": "cm", "measurements": {"chest": null}}', "'chest' is null, not a number"),
    (b'{"unit": "cm", "measurements": {"chest": true}}', "'chest' is true, not a number"),
    (b'{"unit": "cm",\n "measurements": {"chest": 100,}}', ":2: not valid JSON"),
    (b"", ":1: not valid JSON"),
])
def test_bad_measurement_json_is_a_located_error(tmp_path, content, message) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(content)
    code, said = run("measurements", "check", path)
    assert code == 2 and message in said and str(path) in said, said
    assert len(said) < 400  # never echoes the 10 MB value


def test_a_bom_is_accepted_and_estimates_are_refused_from_wrong_values(tmp_path) -> None:
    good = tmp_path / "bom.json"
    good.write_bytes(b"\xef\xbb\xbf" + DEMO.read_bytes())
    assert run("measurements", "check", good)[0] == 0
    wrong = tmp_path / "wrong.json"
    data = json.loads(DEMO.read_text())
    data["measurements"]["chest"] = 40  # inches typed into a cm file: an error finding
    wrong.write_text(json.dumps(data))
    code, said = run("measurements", "estimate", wrong, "--out", tmp_path / "e.json")
    assert code == 2 and "chest: chest 40 looks like inches" in said
    assert not (tmp_path / "e.json").exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the CSV file is empty"),
    (b"id,height,chest\n", ":2: the CSV has a header but no rows"),
    ("id,height,chest\nJosé,175,100\n".encode("latin-1"), ":2: not UTF-8 text"),
    (b"id,height,chest\nA,175,\"" + b"1" * 2_000_000 + b"\"\n", ":2: not a readable CSV row"),
    (b"id,height,chest\nA,175,100,7\n", ":2: 4 cells but 3 columns"),
    (b"id,height,chest\nA,175,1e308\n", ":2: 'chest' is '1e308', not a number"),
])
def test_bad_customer_csv_is_a_located_error(tmp_path, content, message) -> None:
    path = tmp_path / "shop.csv"
    path.write_bytes(content)
    code, said = run("measurements", "from-csv", path, "--out-dir", tmp_path / "out")
    assert code == 2 and message in said and str(path) in said, said


def test_a_bom_in_a_customer_csv_is_accepted(tmp_path) -> None:
    path = tmp_path / "shop.csv"
    path.write_bytes(b"\xef\xbb\xbfid,height,chest\nA,175,100\n")
    assert run("measurements", "from-csv", path, "--out-dir", tmp_path / "out")[0] == 0
    assert (tmp_path / "out" / "A.json").is_file()


@pytest.mark.parametrize(("old", "new", "message"), [
    ('<size base="500"/>', '<size base="nan"/>', "base='nan' is not a number"),
    ('<height base="1760"/>', '<height base="tall"/>', "base='tall' is not a number"),
    ('size_increase="14"', 'size_increase="1e400"', "size_increase='1e400' is not a number"),
    ('<size base="500"/>', '<size base="-500"/>', "base size -50 cm is outside 10–120 cm"),
    ('<size base="500"/>', '<size base="0"/>', "base size 0 cm is outside 10–120 cm"),
    ('<height base="1760"/>', '<height base="17600"/>', "base height 1760 cm is outside 40–250 cm"),
])
def test_bad_multisize_numbers_are_located_errors(tmp_path, old, new, message) -> None:
    path = tmp_path / "t.vst"
    text = (DATA / "multisize" / "GOST_man_ru.vst").read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    code, said = run("measurements", "import", path, "--out", tmp_path / "c.yaml")
    assert code == 2 and message in said and "nan/" not in said, said


BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE vit [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                  for p, c in zip("abcdefgh", "bcdefghi", strict=True))
        + ']>\n<vit><unit>cm</unit><notes>&i;</notes></vit>\n')


def test_an_entity_bomb_is_refused_at_once(tmp_path) -> None:
    path = tmp_path / "bomb.vit"
    path.write_text(BOMB, "utf-8")
    start = time.perf_counter()
    code, said = run("measurements", "import", path, "--out", tmp_path / "m.json")
    assert code == 2 and "declares a DTD or entities" in said
    assert time.perf_counter() - start < 1


def test_a_vit_of_100k_entries_reads_in_linear_time(tmp_path) -> None:
    entries = "".join(f'<m name="@x{i}" value="{i % 50 + 1}"/>' for i in range(90_000))
    formulas = "".join(f'<m name="@y{i}" value="@x{i} + 1"/>' for i in range(9_999))
    path = tmp_path / "big.vit"
    path.write_text(f"<vit><unit>cm</unit><body-measurements>{entries}{formulas}"
                    '<m name="height" value="175"/></body-measurements></vit>', "utf-8")
    start = time.perf_counter()
    code, said = run("measurements", "import", path, "--out", tmp_path / "m.json")
    assert code == 0, said[-300:]
    assert time.perf_counter() - start < 8
    assert json.loads((tmp_path / "m.json").read_text())["unmapped"]["@y9"] == 11
    path.write_text("<vit><unit>cm</unit><body-measurements>" + '<m name="@x" value="1"/>' * 100_001
                    + "</body-measurements></vit>", "utf-8")
    code, said = run("measurements", "import", path, "--out", tmp_path / "m.json")
    assert code == 2 and "100,001 measurements: more than any body has" in said


def test_a_file_over_20_mb_is_refused_unread(tmp_path) -> None:
    path = tmp_path / "m.json"
    with path.open("wb") as fh:
        fh.truncate(21 * 2**20)
    code, said = run("measurements", "check", path)
    assert code == 2 and "the file is 21 MB, more than the 20 MB" in said


def _dxf_lines(tmp_path: Path) -> list[str]:
    path = tmp_path / "good.dxf"
    cad_dxf(path, ["M"])
    return path.read_text("latin-1").splitlines()


@pytest.mark.parametrize("damage", ["code", "odd", "coordinate", "nan", "binary"])
def test_a_damaged_dxf_names_its_line(tmp_path, damage) -> None:
    lines = _dxf_lines(tmp_path)
    at = next(k for k in range(0, len(lines), 2) if lines[k].strip() == "10"
              and k > lines.index("BLOCKS"))
    if damage == "code":
        lines[at] = "1x"
    elif damage == "odd":
        lines = lines[:-1]
    elif damage in ("coordinate", "nan"):
        lines[at + 1] = "twelve" if damage == "coordinate" else "nan"
    path = tmp_path / "bad.dxf"
    if damage == "binary":
        path.write_bytes(b"AutoCAD Binary DXF\r\n\x1a\x00" + bytes(100))
    else:
        path.write_text("\n".join(lines) + "\n", "latin-1")
    code, said = run("import-dxf", path, "--out", tmp_path / "out")
    assert code == 2 and "cannot read the DXF" in said, said
    line = {"code": at + 1, "odd": len(lines), "coordinate": at + 2, "nan": at + 2,
            "binary": 1}[damage]
    assert f"{path}:{line}:" in said, said


# --- the seeded mutation run ---------------------------------------------------------------

CUSTOMERS_CSV = (b"id,height,chest,waist,seat,estimated\nA-1,175.5,105.6,91.2,101.7,\n"
                 b"B 2,182,110,100,108,seat\nC,168,98,84,99,\n")
CHART_CSV = (b"size,height,chest,waist,seat\n48,176,96,82,100\n50,176,100,86,104\n"
             b"52,176,104,90,108\n54,176,108,94,112\n")
HUGE = [b"1e308", b"NaN", b"-Infinity", b"9" * 4000, b"1e-320", b"-0", b"0x1F", b"1e400",
        b"\xff\xfe", b"", b'"', b"<", b"&amp;", b"99999999999999999999"]


def _seed_files(folder: Path) -> dict[str, tuple[bytes, str, list[str]]]:
    """kind → (valid content, file suffix, the command that reads it: FILE and OUT filled in)."""
    dxf_dir = folder / "seed"
    code, said = run("draft", "skirt", "-m", DEMO_WOMAN, "--out", dxf_dir, "--order", "seed",
                     "--format", "dxf-aama,dxf-astm")
    assert code == 0, said
    r2018 = ezdxf.readfile(dxf_dir / "seed.aama.dxf")  # as another CAD saves it: ±1e20 extents
    r2018.dxfversion = "R2018"
    r2018.saveas(dxf_dir / "seed.r2018.dxf")
    return {
        "json": (DEMO.read_bytes(), ".json", ["measurements", "estimate", "FILE", "--out", "OUT/e.json"]),
        "json-export": (DEMO_WOMAN.read_bytes(), ".json",
                        ["measurements", "export", "FILE", "--out", "OUT/e.vit"]),
        "vit": ((DATA / "valentina" / "customer_inch.vit").read_bytes(), ".vit",
                ["measurements", "import", "FILE", "--out", "OUT/m.json"]),
        "smis": ((DATA / "valentina" / "customer_cm.smis").read_bytes(), ".smis",
                 ["measurements", "import", "FILE", "--out", "OUT/m.json"]),
        "vst": ((DATA / "multisize" / "GOST_man_ru.vst").read_bytes(), ".vst",
                ["measurements", "import", "FILE", "--out", "OUT/chart.yaml"]),
        "chart-csv": (CHART_CSV, ".csv", ["measurements", "import", "FILE", "--out", "OUT/c.yaml"]),
        "customers-csv": (CUSTOMERS_CSV, ".csv", ["measurements", "from-csv", "FILE", "--out-dir", "OUT"]),
        "aama": ((dxf_dir / "seed.aama.dxf").read_bytes(), ".dxf", ["import-dxf", "FILE", "--out", "OUT"]),
        "astm": ((dxf_dir / "seed.astm.dxf").read_bytes(), ".dxf",
                 ["import-dxf", "FILE", "--out", "OUT", "--format", "json"]),
        "aama-r2018": ((dxf_dir / "seed.r2018.dxf").read_bytes(), ".dxf",
                       ["import-dxf", "FILE", "--out", "OUT"]),
    }


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    """One damaged copy of a valid file."""
    how = rng.randrange(13)
    at = rng.randrange(len(data) + 1)
    lines = data.split(b"\n")
    line = rng.randrange(len(lines))
    if how == 0:
        return data[:at]
    if how == 1:
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if how == 2:
        numbers = list(re.finditer(rb"-?\d+(?:\.\d+)?", data))
        if numbers:
            m = rng.choice(numbers)
            return data[:m.start()] + rng.choice(HUGE) + data[m.end():]
        return data
    if how == 3:
        return data[:at] + "é".encode("latin-1") + data[at:]
    if how == 4:
        return data.decode("utf-8", "replace").encode("utf-16")
    if how == 5:
        depth = rng.choice([40, 3000, 200_000])
        opening, closing = (b"[", b"]") if kind.startswith("json") else (b"<a>", b"</a>")
        return data[:at] + opening * depth + closing * depth + data[at:]
    if how == 6:
        return data[:at] + b"a" * rng.choice([140_000, 2_000_000]) + data[at:]
    if how == 7:
        return b"\n".join(lines[:line] + [lines[line]] * rng.choice([2, 1000, 100_000]) + lines[line:])
    if how == 8:
        return b"\n".join(lines[:line] + lines[line + 1:])
    if how == 9 and kind.startswith("json"):
        doc = json.loads(data)
        key = rng.choice(["measurements", "unit", "sex", "estimated"])
        doc[key] = rng.choice([5, [], {}, "x", None, True, [1, 2], {"chest": {"a": 1}}, -1.5])
        if rng.random() < 0.5:
            doc.setdefault("measurements", {})
            if isinstance(doc["measurements"], dict):
                doc["measurements"]["chest"] = rng.choice([[], {}, None, True, "1/0", "½½", "38 1/2"])
        return json.dumps(doc).encode()
    if how == 9:
        return BOMB.encode() if rng.random() < 0.5 else data.replace(b",", b";", rng.randint(1, 9))
    if how == 10:
        return b"\xef\xbb\xbf" + data
    if how == 11:
        return b""
    return data[:at] + data[rng.randrange(len(data) + 1):]  # a slice cut out or doubled back


SEEDS = range(12)
PEAK_BEFORE = 0  # the process's peak memory when this module's first case starts (bytes)


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # bytes (Linux: kB)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, tuple[bytes, str, list[str]]]:
    """The seed files, and the process's peak memory before this module's first case (not at
    collection: the tests that run before these may raise the peak on their own)."""
    global PEAK_BEFORE
    PEAK_BEFORE = _peak()
    return _seed_files(tmp_path_factory.mktemp("seeds"))


def _case(tmp_path: Path, seeds, kind: str, seed: int) -> None:
    data, suffix, command = seeds[kind]
    rng = random.Random(f"{kind}-{seed}")
    path = tmp_path / f"input{suffix}"
    path.write_bytes(mutate(data, kind, rng))
    out = tmp_path / "out"
    argv = [a.replace("FILE", str(path)).replace("OUT", str(out)) for a in command]
    start = time.perf_counter()
    code, said = run(*argv)
    elapsed = time.perf_counter() - start
    grown = _peak() - PEAK_BEFORE
    assert code in (0, 2), said[-2000:]
    assert "Traceback" not in said and "internal error" not in said, said[-2000:]
    assert elapsed < 8, f"{kind} seed {seed}: {elapsed:.1f} s"
    assert grown < 500 * 2**20, f"{kind} seed {seed}: the process peak grew {grown / 2**20:.0f} MB"
    assert all(len(line) < 2000 for line in said.splitlines()), "a message echoes the input"
    if out.exists():
        assert all(p.parent == out for p in out.rglob("*"))
    shutil.rmtree(out, ignore_errors=True)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", ["json", "json-export", "vit", "smis", "vst", "chart-csv",
                                  "customers-csv", "aama", "astm", "aama-r2018"])
def test_a_damaged_file_is_read_or_refused_never_crashes(tmp_path, seeds, kind, seed) -> None:
    _case(tmp_path, seeds, kind, seed)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12, 112))
@pytest.mark.parametrize("kind", ["json", "json-export", "vit", "smis", "vst", "chart-csv",
                                  "customers-csv", "aama", "astm", "aama-r2018"])
def test_many_damaged_files(tmp_path, seeds, kind, seed) -> None:
    _case(tmp_path, seeds, kind, seed)


# --- command-line arguments and the survey reader ------------------------------------------

def test_to_csv_refuses_two_files_of_one_name_instead_of_dropping_one(tmp_path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(DEMO, tmp_path / folder / "x.json")
    code, said = run("measurements", "to-csv", tmp_path / "a" / "x.json", tmp_path / "b" / "x.json",
                     "--out", tmp_path / "all.csv")
    assert code == 2 and "'x' is given twice" in said
    assert not (tmp_path / "all.csv").exists()


@pytest.mark.parametrize(("argument", "message"), [
    (["--seed", "-3"], "--seed -3 is not between 0 and"),
    (["--seed", "99999999999"], "--seed 99999999999 is not between 0 and"),
    (["--seconds", "-1"], "--seconds -1 is not between 1 and 3600"),
])
def test_marker_arguments_out_of_range_are_usage_errors(tmp_path, argument, message) -> None:
    code, said = run("marker", "mens_shirt", "-m", DEMO, "--width", "150", "--out", tmp_path / "m",
                     *argument)
    assert code == 2 and message in said, said


@pytest.mark.parametrize(("content", "message"), [
    (b"", ":2: no subjects in the file"),
    (b"subjectid,stature\n1,1755\n", ":1: not an ANSUR II file: no column"),
])
def test_a_file_that_is_not_ansur_is_a_located_error(tmp_path, content, message) -> None:
    from mtm_app.errors import MeasurementError
    from mtm_app.measurements.ansur import read_ansur

    path = tmp_path / "a.csv"
    path.write_bytes(content)
    with pytest.raises(MeasurementError, match=re.escape(f"{path}{message}")):
        read_ansur(path, "male")


def test_a_dxf_of_too_many_entities_is_refused_before_ezdxf_reads_it(tmp_path) -> None:
    path = tmp_path / "huge.dxf"
    path.write_text("0\nSECTION\n2\nENTITIES\n" + "0\nPOINT\n8\n13\n10\n1.5\n20\n2.5\n" * 70_000
                    + "0\nENDSEC\n0\nEOF\n", "ascii")
    start = time.perf_counter()
    code, said = run("import-dxf", path, "--out", tmp_path / "out")
    assert code == 2 and "more than 60,000 entities" in said and f"{path}:" in said
    assert time.perf_counter() - start < 4


def test_a_column_named_twice_loses_no_cell(tmp_path) -> None:
    path = tmp_path / "shop.csv"
    path.write_text("id,height,chest,chest\nA,175,100,104\n", "utf-8")
    code, said = run("measurements", "from-csv", path, "--out-dir", tmp_path / "out")
    assert code == 2 and f"{path}:1: column 'chest' is named twice" in said


@pytest.mark.parametrize("command", [
    ["measurements", "check", "{f}"], ["measurements", "from-csv", "{f}", "--out-dir", "{o}"],
    ["import-dxf", "{f}", "--out", "{o}"], ["draft", "mens_shirt", "-m", "{f}", "--out", "{o}"]])
def test_a_device_or_a_pipe_is_refused_before_it_is_read(tmp_path, command) -> None:
    """/dev/zero has no end and a pipe no size: neither may fill memory or hang a reader."""
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for source in ("/dev/zero", str(fifo)):
        start = time.perf_counter()
        code, err = run(*(a.format(f=source, o=tmp_path / "out") for a in command))
        assert code == 2 and "not a regular file" in err
        assert time.perf_counter() - start < 5


def test_a_number_of_thousands_of_digits_in_a_block_is_a_located_error(tmp_path) -> None:
    block = tmp_path / "big.yaml"
    block.write_text("block:\n  id: big\nvalues:\n  underlap: " + "9" * 5000 + "\n", "utf-8")
    code, err = run("draft", block, "-m", DEMO, "--out", tmp_path / "out")
    assert code == 2 and "big.yaml:4: a number of 5,000 digits" in err


@pytest.mark.parametrize("customer", ["99999999999999999999", "9" * 5000])
def test_a_customer_id_no_database_holds_is_nobody(tmp_path, monkeypatch, customer) -> None:
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    for command in (["customers", "erase", customer, "--yes"],
                    ["customers", "export", customer, "--out", str(tmp_path / "x.json")]):
        code, err = run(*command)
        assert code == 2 and "there is no customer" in err


@pytest.mark.parametrize("quantity", ["1e12", "-3", "nan", "9" * 50, "0", "0,0", "two", "1,1,1"])
def test_a_dxf_quantity_that_is_no_count_is_refused_naming_the_piece(tmp_path, quantity) -> None:
    doc = ezdxf.new("R12")
    block = doc.blocks.new("FRONT")
    block.add_polyline2d([(0, 0), (100, 0), (100, 200), (0, 200)], close=True, dxfattribs={"layer": "1"})
    block.add_text("Piece Name: Front", dxfattribs={"layer": "1"})
    block.add_text(f"Quantity: {quantity}", dxfattribs={"layer": "1"})
    doc.modelspace().add_blockref("FRONT", (0, 0), dxfattribs={"layer": "1"})
    path = tmp_path / "q.dxf"
    doc.saveas(path)
    code, err = run("import-dxf", path, "--out", tmp_path / "out")
    assert code == 2 and f"{path}, piece 'Front' (block 'FRONT'): Quantity" in err  # the file named
    assert not (tmp_path / "out").exists()


def test_a_chart_without_measurements_is_refused(tmp_path) -> None:
    chart = tmp_path / "sizes.csv"
    chart.write_text("size\n38\n40\n42\n", "utf-8")
    code, err = run("measurements", "import", chart, "--out", tmp_path / "c.yaml", "--sex", "male")
    assert code == 2 and "no measurement of ours" in err and not (tmp_path / "c.yaml").exists()


@pytest.mark.parametrize("text, message", [
    ('id,height,chest\n"a,175,100\nb,170,95\n', "the 'id' cell runs over 3 lines: a quote opened on this "
                                               "line closes on a later one, or never"),
    ('id,height,chest\n"c\nd",175,100\n', "the 'id' cell runs over 2 lines"),  # closed, a line later
    ("id,height,chest\na,175,100\nb,,\n", "'b' has no measurement"),
])
def test_customer_rows_are_never_swallowed_or_written_empty(tmp_path, text, message) -> None:
    csv_file = tmp_path / "customers.csv"
    csv_file.write_text(text, "utf-8")
    code, err = run("measurements", "from-csv", csv_file, "--out-dir", tmp_path / "out")
    assert code == 2 and message in err and not (tmp_path / "out").exists()


def test_a_measurement_given_twice_is_refused_at_its_second_line(tmp_path) -> None:
    """`chest` twice in one file: JSON keeps the last silently; which did the tailor mean?"""
    text = DEMO.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if '"chest"' in line)
    lines.insert(at + 1, lines[at].replace(lines[at].split(":", 1)[1].strip().rstrip(","), "1040"))
    bad = tmp_path / "twice.json"
    bad.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    code, said = run("draft", "mens_shirt", "-m", bad, "--out", out)
    assert code == 2, said
    assert f"{bad}:{at + 2}" in said and "'chest' is given twice" in said, said
    assert "Traceback" not in said and not out.exists()


@pytest.mark.parametrize("estimated", [["bicep", "bicpe"], {"calf_girth": [30, 34]}])
def test_an_estimate_mark_for_a_measurement_the_file_lacks_is_refused(tmp_path, estimated) -> None:
    """A misspelt estimate mark would silently leave a guessed value looking measured."""
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    data["estimated"] = estimated
    bad = tmp_path / "marks.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, said = run("draft", "mens_shirt", "-m", bad, "--out", tmp_path / "out")
    assert code == 2 and "not among the measurements" in said, said
    stray = "'bicpe'" if isinstance(estimated, list) else "'calf_girth'"
    assert stray in said and "'bicep'" not in said.split("estimated names")[1], said


def test_a_vit_giving_one_measurement_twice_is_refused(tmp_path) -> None:
    """Two `height` entries: which one is the customer? The reader must not pick."""
    text = (DATA / "valentina" / "customer_inch.vit").read_text(encoding="utf-8")
    path = tmp_path / "twice.vit"
    path.write_text(text.replace('<m name="height" value="69"/>',
                                 '<m name="height" value="69"/><m name="height" value="72"/>'),
                    encoding="utf-8")
    out = tmp_path / "m.json"
    code, said = run("measurements", "import", path, "--out", out)
    assert code == 2 and "'height' is given twice" in said and str(path) in said, said
    assert not out.exists()
