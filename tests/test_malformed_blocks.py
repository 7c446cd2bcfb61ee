"""Malformed block files: each ends in one located error (exit 2) in bounded time and memory.

One test per fault reported in issues 11 §6 and 15; faults generated from the shipped blocks
are in test_faulty_blocks.py.
"""

from __future__ import annotations

import json
import pickle
import time
import tracemalloc
from pathlib import Path

import pytest

from mtm_app.block.document import parse_for_drafting
from mtm_app.block.loader import load_block, parse_block
from mtm_app.cli import main
from mtm_app.drafting import draft
from mtm_app.errors import BlockError, MtmError
from mtm_app.library import ROOT
from tests.test_block_format import SKIRT_PANEL

PATTERNS = sorted((ROOT / "patterns").glob("*.yaml"))
DEMO = ROOT / "resources" / "demo"
BODIES = {"mens_shirt": "customer_median_man.json", "mens_trousers": "customer_median_man.json",
          "mens_waistcoat": "customer_median_man.json", "mens_jacket": "customer_median_man.json",
          "womens_bodice": "customer_median_woman.json", "skirt": "customer_median_woman.json"}
MB = 2**20


def panel(old: str, new: str) -> str:
    assert old in SKIRT_PANEL
    return SKIRT_PANEL.replace(old, new, 1)


def refused(text: str, *patterns: str) -> BlockError:
    """The BlockError `text` raises when loaded; each pattern must appear in its message."""
    with pytest.raises(BlockError) as info:
        parse_block(text, "t.yaml")
    message = str(info.value)
    for pattern in patterns:
        assert pattern in message, message
    assert len(message) < 600, message
    return info.value


def bounded(fn, seconds: float = 3.0, megabytes: float = 64.0):
    """Run `fn`; it must finish within `seconds` and allocate at most `megabytes` at its peak."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        return fn()
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
        assert elapsed < seconds, f"took {elapsed:.1f} s"
        assert peak < megabytes, f"peak {peak:.0f} MB"


# ---------------------------------------------------------------- the file as a whole
def test_a_latin1_block_is_refused_with_the_line_of_the_bad_byte(tmp_path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(panel("name: Test panel", "name: Jupe à plis").encode("latin-1"))
    with pytest.raises(MtmError, match=r"latin\.yaml:4: not UTF-8.*save it as UTF-8"):
        load_block(path)


def test_a_block_larger_than_2_mb_is_refused_before_it_is_read(tmp_path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(SKIRT_PANEL + "# " + "x" * (3 * MB) + "\n")
    with pytest.raises(MtmError, match=r"3 MB, more than the 2 MB"):
        bounded(lambda: load_block(path), megabytes=8)


def test_an_alias_bomb_is_refused_at_once_with_its_line() -> None:
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    text = SKIRT_PANEL + "\n".join(bomb) + "\n"
    assert len(text) < 3000
    err = bounded(lambda: refused(text, "anchors and aliases", "not allowed"), 2, 16)
    assert err.where.line == SKIRT_PANEL.count("\n") + 2  # the first alias, not expanded
    assert "*a0 repeats the value anchored at line 36" in str(err)


def test_a_merge_key_is_refused_too() -> None:
    refused(panel("  vent:", "  <<: {a: 1}\n  vent:"), "t.yaml:12", "merge keys (<<) are not allowed")


def test_nesting_a_thousand_deep_is_refused_without_recursion() -> None:
    text = SKIRT_PANEL + "deep: " + "[" * 900 + "]" * 900 + "\n"
    refused(text, "t.yaml:", "nested more than 32 levels")


def test_a_huge_value_is_not_echoed_in_the_message() -> None:
    value = "x" * (1_500_000)
    err = bounded(lambda: refused(panel("version: 0.1.0", f"version: {value}"), "1,500,000 characters"))
    assert err.where.line == 6


def test_an_unclosed_quote_is_reported_where_it_opened() -> None:
    text = panel("  depth: waist_to_hip + 300", "  depth: 'waist_to_hip + 300")
    err = refused(text, "the quote opened here is not closed", "close it on the same line")
    assert err.where.line == 15  # not the end of the file, where libyaml noticed
    refused(panel("  a: {x: 0, y: 0}", "  a: {x: 0, y: 0"), "t.yaml:17", "flow mapping")


def test_the_parse_cache_is_json_and_a_planted_pickle_never_runs(tmp_path, monkeypatch) -> None:
    from mtm_app import cache

    monkeypatch.setenv("MTM_CACHE_DIR", str(tmp_path))
    parse_for_drafting(SKIRT_PANEL, "p.yaml")
    (written,) = (tmp_path / "blocks").iterdir()
    assert written.suffix == ".json" and json.loads(written.read_text())[0] == "m"
    ran = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (ran,))

    # a pickle planted under the name the old cache would read, and over the JSON one
    digest = written.stem
    (tmp_path / "blocks" / f"{digest}.pickle").write_bytes(pickle.dumps(Payload()))
    written.write_bytes(pickle.dumps(Payload()))
    assert parse_block(SKIRT_PANEL, "p.yaml").id == "panel"
    parse_for_drafting(SKIRT_PANEL, "p.yaml")
    assert not ran.exists()
    assert cache.FORMAT >= 2


def test_the_cache_keeps_types_of_plain_data(tmp_path, monkeypatch) -> None:
    from mtm_app.cache import cached_parse

    monkeypatch.setenv("MTM_CACHE_DIR", str(tmp_path))
    data = {"sizes": {40: {"chest": 100.5}, 42: None}, "flags": [True, "x", 3]}
    assert cached_parse("data", "k", "text", lambda: data) == data
    assert cached_parse("data", "k", "text", lambda: pytest.fail("parsed again")) == data
    assert next((tmp_path / "data").iterdir()).suffix == ".json"


# ---------------------------------------------------------------- formulas
def test_a_formula_of_3000_terms_is_a_located_error_not_a_recursion_error() -> None:
    terms = "+".join(["waist"] * 3000)
    refused(panel("  depth: waist_to_hip + 300", f"  depth: {terms}"),
            "t.yaml:15, values.depth", "17,999 characters", "name parts of it under values")
    nested = "abs(" * 150 + "waist" + ")" * 150
    refused(panel("  depth: waist_to_hip + 300", f'  depth: "{nested}"'), "t.yaml:15, values.depth")
    refused(panel("  depth: waist_to_hip + 300", f"  depth: {'-' * 1500}waist"), "t.yaml:15")
    refused(panel("  depth: waist_to_hip + 300", "  depth: " + "x" * 30_000), "t.yaml:15", "30,000")


def test_a_500_term_formula_is_refused_and_a_long_flat_one_drafts() -> None:
    refused(panel("  depth: waist_to_hip + 300", "  depth: " + " + ".join(["1"] * 500)), "500 deep")
    fine = " + ".join(["1"] * 40)
    parse_block(panel("  depth: waist_to_hip + 300", f"  depth: {fine} + waist_to_hip"))


def test_3000_chained_values_load_and_draft_without_recursion() -> None:
    chain = "\n".join(f"  v{i}: v{i - 1} + 0.01" for i in range(2999, 0, -1))  # last first
    text = panel("  depth: waist_to_hip + 300", "  depth: v2999 + 270\n" + chain
                 + "\n  v0: waist_to_hip")
    block = bounded(lambda: parse_block(text), 10, 200)
    assert draft(block, {"waist": 800.0}).piece("panel").height == pytest.approx(500.0 - 0.01)


def test_a_long_cycle_is_reported_without_recursion() -> None:
    chain = "\n".join(f"  v{i}: v{i + 1}" for i in range(3000)) + "\n  v3000: v0"
    refused(panel("  depth: waist_to_hip + 300", chain + "\n  depth: 300"), "circular definition")


CHOICE = "  vent:"
STYLE = "  style: {type: choice, label: Style, group: style, choices: [a, b], default: a}\n  vent:"


def test_text_compared_with_a_number_is_refused_when_the_block_loads() -> None:
    text = panel(CHOICE, STYLE).replace("      - {at: mid}", "      - {at: mid, when: style < 3}")
    refused(text, "pieces.panel.notches[0]", "text is compared with a number", "fit == 'slim'")
    refused(panel(CHOICE, STYLE).replace("  depth: waist_to_hip + 300", "  depth: style + 300"),
            "values.depth", "is a text, not a number")
    refused(panel(CHOICE, STYLE).replace("      - {at: mid}", "      - {at: mid, when: style > 'a'}"),
            "only with == or !=")


def test_if_else_mixing_text_and_numbers_is_refused() -> None:
    text = panel(CHOICE, STYLE).replace("  depth: waist_to_hip + 300",
                                        "  depth: \"300 if vent else 'long'\"")
    refused(text, "values.depth", "gives a number or a text")


def test_a_condition_must_be_yes_or_no() -> None:
    text = panel(CHOICE, STYLE).replace("      - {at: mid}", "      - {at: mid, when: style}")
    refused(text, "is a text, but this needs a condition")


# ---------------------------------------------------------------- counts and flags
NOTCH = "      - {at: mid}"


@pytest.mark.parametrize("count", ["two", '"1 + 1"', "1e7", "10000000", "0", "2.5", "true"])
def test_a_notch_count_is_a_whole_number_from_1_to_10(count: str) -> None:
    refused(panel(NOTCH, f"      - {{at: mid, count: {count}}}"), "t.yaml:32", "notches[0].count",
            "whole number 1–10")


def test_notch_depth_and_spacing_are_numbers() -> None:
    refused(panel("    sa: 15", "    sa: 15\n    notch_depth: deep"), "'notch_depth' must be a number")
    refused(panel(NOTCH, "      - {at: mid, count: 2, spacing: wide}"), "'spacing' must be a number")


@pytest.mark.parametrize("quantity", ["1e12", "0", "1.5", "101", "two"])
def test_a_quantity_out_of_bounds_is_refused_when_the_block_loads(quantity: str) -> None:
    text = panel("    sa: 15", f"    sa: 15\n    quantity: {quantity}")
    with pytest.raises(BlockError, match="quantity"):
        bounded(lambda: parse_block(text, "t.yaml"))


@pytest.mark.parametrize("distance", ["1e9", "-100", "top_len + 30"])
def test_a_notch_beyond_its_edge_is_refused_not_pinned_to_the_corner(distance: str) -> None:
    text = panel("  depth: waist_to_hip + 300", "  depth: waist_to_hip + 300\n  top_len: width")
    block = parse_block(text.replace(NOTCH, f"      - {{edge: top, distance: {distance}}}"))
    with pytest.raises(BlockError, match=r"notch on edge 'top' falls .* mm along it, but the edge is "
                                         r"205\.0 mm long.*between 0 and the edge's length"):
        draft(block, {"waist": 800.0})


def test_notches_at_both_ends_of_an_edge_still_draft() -> None:
    text = panel(NOTCH, "      - {edge: top, distance: 0}\n      - {edge: top, distance: 0, from: end}")
    notches = draft(parse_block(text), {"waist": 800.0}).piece("panel").notches
    assert sorted(round(n.seam_point[0], 6) for n in notches) == [0.0, 205.0]


def test_a_quantity_formula_is_checked_on_every_draft() -> None:
    text = panel("    sa: 15", "    sa: 15\n    quantity: \"1e12 if vent else 2\"")
    block = parse_block(text, "t.yaml")
    assert draft(block, {"waist": 800.0}).piece("panel").quantity == 2
    with pytest.raises(BlockError, match="quantity 1e\\+12 must be a whole number 1–100"):
        draft(block, {"waist": 800.0}, {"vent": True})


def test_a_repeat_of_1e8_is_refused_in_bounded_memory() -> None:
    line = "    grainline: [a, d]"
    refused(panel(line, line + "\n    drills: [{at: mid, repeat: {count: 1e8, dx: 1}}]"),
            "repeat.count", "whole number 0–200")
    block = parse_block(panel(line, line + "\n    drills: [{at: mid, repeat: {count: waist * 1e5, dx: 1}}]"))
    with pytest.raises(BlockError, match="repeat count 8e\\+07"):
        bounded(lambda: draft(block, {"waist": 800.0}), 3, 32)


@pytest.mark.parametrize("flag", ["fold: no", "fold: 'false'", 'hem: "false"', "hem: 0", "fold: off"])
def test_flags_are_real_booleans(flag: str) -> None:
    refused(panel("      - {line: [a, b], name: top}", f"      - {{line: [a, b], name: top, {flag}}}"),
            "is true or false", "outline[0]")


@pytest.mark.parametrize("key", ["mirror: yes", "flip: 'true'"])
def test_piece_flags_are_real_booleans(key: str) -> None:
    refused(panel("    sa: 15", f"    sa: 15\n    {key}"), "is true or false")


def test_lists_and_labels_of_the_wrong_shape_are_located() -> None:
    refused(panel("    grainline: [a, d]", "    grainline: [a, d]\n    drills: 3"), "'drills' is a list")
    refused(panel("    grainline: [a, d]", "    grainline: [a, d, mid]"), "grainline is two points")
    refused(panel("    grainline: [a, d]", "    grainline: [a, d]\n    label: [x]"), "label is a mapping")


def test_a_point_off_the_table_is_located_before_any_geometry_is_flattened() -> None:
    block = parse_block(panel("  b: {from: a, dx: width}", "  b: {from: a, dx: width * 1e12}"), "t.yaml")
    with pytest.raises(BlockError, match=r"t.yaml:18, points.b: point 'b' lies at \(2.05e\+14, 0\)"):
        bounded(lambda: draft(block, {"waist": 800.0}), 2, 16)
    block = parse_block(panel("  depth: waist_to_hip + 300", "  depth: waist_to_hip * 1e308 * 10"))
    with pytest.raises(BlockError, match=r"value 'depth' is inf, not a number"):
        draft(block, {"waist": 800.0})
    block = parse_block(panel("    sa: 15", "    sa: 1e308"))
    with pytest.raises(BlockError, match=r"seam allowance 1e\+308 mm is not 0–300 mm"):
        draft(block, {"waist": 800.0})


def test_a_broken_block_among_the_patterns_is_named_with_its_line(tmp_path, monkeypatch, capsys) -> None:
    from mtm_app.library import all_blocks, broken_blocks

    (tmp_path / "panel.yaml").write_text(SKIRT_PANEL)
    (tmp_path / "broken.yaml").write_text(panel(NOTCH, "      - {at: mid, count: two}"))
    monkeypatch.setenv("MTM_PATTERNS", str(tmp_path))
    assert "panel" in {b.id for b in all_blocks()}  # the others work (tests/test_block_library.py)
    [broken] = broken_blocks()
    assert "broken.yaml:32, pieces.panel.notches[0].count" in str(broken.error)
    assert main(["blocks"]) == 0
    assert "broken.yaml:32" in capsys.readouterr().err


def test_a_block_opened_for_editing_is_read_within_the_same_limits(tmp_path) -> None:
    from mtm_app.block.document import load_document

    path = tmp_path / "deep.yaml"
    path.write_text(SKIRT_PANEL + "deep: " + "[" * 900 + "]" * 900 + "\n")
    with pytest.raises(BlockError, match=r"deep\.yaml:36: nested more than 32"):
        load_document(path)
    path.write_text(SKIRT_PANEL + "a: &a [1]\nb: *a\n")
    with pytest.raises(BlockError, match="anchors and aliases"):
        load_document(path)


def test_control_and_text_direction_characters_never_reach_the_cut_files(tmp_path) -> None:
    from mtm_app.cli import main

    block = tmp_path / "cc.yaml"
    block.write_text('block:\n  id: cc\n  name: "Skirt\\x00front\\u202e"\n', "utf-8")
    demo = Path(__file__).resolve().parent.parent / "resources" / "demo" / "customer_median_man.json"
    assert main(["draft", str(block), "-m", str(demo),
                 "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()
