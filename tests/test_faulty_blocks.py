"""Faulty blocks made from the shipped ones: `mtm draft` and `mtm check` exit 0 or 2, never 1.

What a slip of the hand or a bad edit produces — lines deleted, duplicated or cut off, keys
dropped, misspelt or given the wrong kind of value, huge numbers, broken formulas, formulas cut
at a comma, text for a flag, anchors and aliases — each run through the real command
in-process, within seconds and bounded memory; the nastiest also in a process of its own under
a hard memory limit. A seeded generator: the same faults on every run.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from mtm_app.block.marked_yaml import _FastLoader
from mtm_app.cli import main
from mtm_app.library import ROOT, shipped_dir

PATTERNS = sorted((ROOT / "patterns").glob("*.yaml"))
DEMO = ROOT / "resources" / "demo"
BODIES = {"mens_shirt": "customer_median_man.json", "mens_trousers": "customer_median_man.json",
          "mens_waistcoat": "customer_median_man.json", "mens_jacket": "customer_median_man.json",
          "womens_bodice": "customer_median_woman.json", "skirt": "customer_median_woman.json"}
MB = 2**20
WRONG = ("two", "1e12", "-1e12", "true", "no", "null", "[]", "{}", "'1 + 1'", '"', "*nope", "&a [*a]",
         "x" * 30_000, "0", "1e308", "nan", "!!binary aGk=", "[[[[[[1]]]]]]", "max(a, b)", "1e8",
         "'false'", "<<: {a: 1}", "sum(", "a if b", "'a' < 3")
WRONG_VALUES: tuple[Any, ...] = (None, True, "no", "two", -1e12, 1e8, 1e308, [], {}, [[1]], "max(a, b",
                                 "'1 + 1'", " + ".join(["1"] * 600), "x" * 3000, {"dyy": 1})


def run(argv: list[str], capsys) -> tuple[int, str, float, float]:
    """(exit code, what went to stderr, seconds, peak MB) of one `mtm` command run in-process."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        code = main(argv)
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    return code, capsys.readouterr().err, elapsed, peak


def text_mutants(lines: list[str], rng: random.Random, count: int):
    """Faults of the text: a line deleted, duplicated, given a wrong value or an edit, the file
    cut off."""
    for k in range(count):
        i = rng.randrange(len(lines))
        out = list(lines)
        kind = k % 5
        if kind == 0:
            del out[i]
        elif kind == 1:
            out.insert(i, out[i])
        elif kind == 2:
            while ": " not in out[i]:
                i = rng.randrange(len(lines))
            out[i] = f"{out[i].partition(': ')[0]}: {rng.choice(WRONG)}\n"
        elif kind == 3:
            text = "".join(out)
            yield f"cut off after {i} lines", text[: rng.randrange(len(text))]
            continue
        else:
            out[i] = out[i].replace(": ", ": " + rng.choice(["-", "1e9 * ", "not ", "'a' + ", "(", "x, "]), 1)
        yield f"{['deleted', 'duplicated', 'replaced', '', 'edited'][kind]} line {i + 1}", "".join(out)


def mappings(tree: Any) -> list[dict]:
    """Every mapping in a parsed block, walked without recursion."""
    found, todo = [], [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            found.append(node)
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return found


def tree_mutants(text: str, rng: random.Random, count: int):
    """Faults of the structure: a key dropped, misspelt, or given a value of the wrong kind; an
    element written twice through an anchor."""
    for k in range(count):
        tree = yaml.load(text, Loader=_FastLoader)
        target = rng.choice([m for m in mappings(tree) if m])
        key = rng.choice(list(target))
        kind = k % 3
        if kind == 0:
            del target[key]
            what = f"dropped {key!r}"
        elif kind == 1:
            name = str(key)
            j = rng.randrange(max(len(name) - 1, 1))
            typo = name[:j] + name[j + 1: j + 2] + name[j: j + 1] + name[j + 2:]
            target[typo if typo != name else name + "x"] = target.pop(key)
            what = f"misspelt {key!r}"
        else:
            target[key] = rng.choice(WRONG_VALUES)
            what = f"{key!r} = {str(target[key])[:30]!r}"
        dumped = yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)
        if k % 7 == 6:  # the same mapping used twice through an anchor
            dumped = dumped.replace("\nblock:\n", "\nblock: &b\n", 1) + "extra: *b\n"
        yield what, dumped


def demo_bodies(path: Path) -> Path:
    """The demo man and woman as a bodies CSV (cm), for `mtm check`."""
    people = {name: json.loads((DEMO / name).read_text())["measurements"] for name in set(BODIES.values())}
    columns = sorted({c for m in people.values() for c in m})
    rows = [",".join(["id", *columns])] + [",".join([n, *(str(m.get(c, "")) for c in columns)])
                                           for n, m in people.items()]
    path.write_text("\n".join(rows) + "\n")
    return path


def check_mutants(tmp_path: Path, capsys, per_block: int, seed: int) -> None:
    rng = random.Random(seed)
    bodies = demo_bodies(tmp_path / "bodies.csv")
    for path in PATTERNS:
        text = path.read_text(encoding="utf-8")
        faults = [*text_mutants(text.splitlines(keepends=True), rng, per_block),
                  *tree_mutants(text, rng, per_block)]
        for n, (what, faulty) in enumerate(faults):
            block = tmp_path / f"{path.stem}-{n}.yaml"
            block.write_text(faulty, encoding="utf-8")
            body = DEMO / BODIES[path.stem]
            command = ["check", str(block), "--bodies", str(bodies)] if n % 4 == 0 else \
                ["draft", str(block), "-m", str(body), "--out", str(tmp_path / "out"), "--format", "json"]
            code, err, elapsed, peak = run(command, capsys)
            case = f"{path.name} {what} ({command[0]}): exit {code}, {err.strip()[:300]}"
            assert code in (0, 2), case
            assert "internal error" not in err and "Traceback" not in err, case
            assert elapsed < 5, f"{case} took {elapsed:.1f} s"
            assert peak < 150, f"{case} peaked at {peak:.0f} MB"
            assert len(err) < 2000, case


def test_the_shipped_blocks_draft_and_check_through_the_commands(tmp_path, capsys) -> None:
    bodies = demo_bodies(tmp_path / "bodies.csv")
    for path in PATTERNS:
        code, err, _, _ = run(["draft", str(path), "-m", str(DEMO / BODIES[path.stem]),
                               "--out", str(tmp_path / path.stem), "--format", "json"], capsys)
        assert code == 0, err
        assert run(["check", str(path), "--bodies", str(bodies)], capsys)[0] == 0  # 0: none failed


def test_faulty_blocks_made_from_the_shipped_ones_exit_0_or_2(tmp_path, capsys) -> None:
    check_mutants(tmp_path, capsys, per_block=8, seed=11)


@pytest.mark.slow
def test_many_more_faulty_blocks_exit_0_or_2(tmp_path, capsys) -> None:
    check_mutants(tmp_path, capsys, per_block=300, seed=15)


SKIRT = (ROOT / "patterns" / "skirt.yaml").read_text(encoding="utf-8")
BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
                 + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)])
HOSTILE = {
    "billion laughs": SKIRT + BOMB + "\n",
    "nested 10,000 deep": SKIRT + "deep: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "a repeat of 1e8": SKIRT.replace("values:\n", "values:\n  huge: 1e8\n", 1).replace(
        "    grainline: [back_grain_top, back_grain_bottom]",
        "    grainline: [back_grain_top, back_grain_bottom]\n"
        "    drills: [{at: back_grain_top, repeat: {count: huge, dx: 0.001}}]", 1),
    "a chain of 3,000 values (drafts)": SKIRT.replace("values:\n", "values:\n" + "".join(
        f"  v{i}: v{i - 1} + 0.001\n" for i in range(1, 3000)) + "  v0: 1\n", 1),
    "a sum of 600 terms": SKIRT.replace("values:\n", "values:\n  s: " + " + ".join(["1"] * 600) + "\n", 1),
    "an unclosed quote": SKIRT.replace("values:\n", "values:\n  q: 'waist + 1\n", 1),
}
LIMITED = """\
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from mtm_app.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("fault", list(HOSTILE))
def test_a_hostile_block_exits_2_in_its_own_process_under_a_hard_memory_limit(fault, tmp_path) -> None:
    assert "back_grain_top" in SKIRT and "values:\n" in SKIRT
    block = tmp_path / "hostile.yaml"
    block.write_text(HOSTILE[fault], encoding="utf-8")
    # 1.5 GB of address space: the interpreter with numpy and shapely maps about a third of it
    script = LIMITED.format(limit=1536 * MB)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, "draft", str(block), "-m",
                           str(DEMO / "customer_median_woman.json"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    elapsed = time.perf_counter() - start
    assert done.returncode == (0 if "(drafts)" in fault else 2), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "(drafts)" in fault or "hostile.yaml:" in done.stderr, done.stderr
    assert elapsed < 20, f"{fault} took {elapsed:.1f} s"


def test_fit_presets_naming_a_mapping_for_their_option_is_a_located_error(tmp_path, capsys) -> None:
    """Found by the generated run: `fit_presets: {option: {dyy: 1}}` stopped with an internal
    TypeError (a mapping is not a name to look up)."""
    text = (shipped_dir() / "womens_bodice.yaml").read_text("utf-8").replace(
        "  option: fit\n", "  option: {dyy: 1}\n", 1)
    block = tmp_path / "womens_bodice.yaml"
    block.write_text(text, encoding="utf-8")
    code, err, _elapsed, _peak = run(["draft", str(block), "-m", str(DEMO / BODIES["womens_bodice"]),
                                      "--out", str(tmp_path / "out"), "--format", "json"], capsys)
    assert code == 2 and "fit_presets.option must name a choice option" in err and "internal" not in err
