"""Block files: structure checks, construction order, clear errors, round-trip editing."""

from __future__ import annotations

import pytest

from mtm_app.block.document import load_document, save_document
from mtm_app.block.loader import load_block, parse_block
from mtm_app.drafting import draft
from mtm_app.errors import BlockError

SKIRT_PANEL = """\
# a test block: one rectangular panel
block:
  id: panel
  name: Test panel
  garment: test
  version: 0.1.0
measurements:
  waist: {min: 500, max: 1500}
  waist_to_hip: {min: 100, max: 400, derive: "waist * 0.25"}
options:
  ease: {type: length, label: Ease, group: fit, default: 20, min: 0, max: 100}
  vent: {type: boolean, label: Vent, group: style, default: false}
values:
  width: (waist + ease) / 4
  depth: waist_to_hip + 300
points:
  a: {x: 0, y: 0}
  b: {from: a, dx: width}
  c: {from: b, dy: depth}
  d: {x: 0, y: c.y}
  mid: {along: [a, b], fraction: 0.5}
pieces:
  panel:
    name: Panel
    sa: 15
    outline:
      - {line: [a, b], name: top}
      - {line: [b, c], name: side}
      - {line: [c, d], name: hem, hem: true, sa: 40}
      - {line: [d, a], name: cf, fold: true}
    notches:
      - {at: mid}
    grainline: [a, d]
fit_checks:
  - {name: width, measure: "4 * chord(panel, 10)", target: waist + ease, tolerance: 0.1}
"""


def test_a_small_block_drafts_and_measures() -> None:
    block = parse_block(SKIRT_PANEL)
    d = draft(block, {"waist": 800.0})
    panel = d.piece("panel")
    assert panel.width == pytest.approx(205.0)
    assert panel.height == pytest.approx(500.0)  # waist_to_hip derived as 200
    assert d.derived == {"waist_to_hip"}
    assert [f.ok for f in d.fits] == [True]
    assert panel.fold_lines == [((0.0, 500.0), (0.0, 0.0))]


def _broken(old: str, new: str) -> str:
    assert old in SKIRT_PANEL
    return SKIRT_PANEL.replace(old, new)


@pytest.mark.parametrize(("text", "message"), [
    (_broken("  id: panel\n", ""), "block.id is missing"),
    (_broken("measurements:", "measurments:"),
     "unknown section 'measurments'.*did you mean 'measurements'"),
    (_broken("  waist: {min: 500", "  wiast: {min: 500"),
     "'wiast' is not a canonical.*did you mean .*'waist'"),
    (_broken("default: 20, min: 0", "default: 200, min: 0"), "default 200 lies outside 0–100"),
    (_broken("type: length", "type: lenght"), "option type 'lenght' is unknown"),
    (_broken("width: (waist + ease) / 4", "width: (waist + eese) / 4"), "did you mean 'ease'"),
    (_broken("depth: waist_to_hip + 300", "depth: width + c.y"), "circular definition: .*depth"),
    (_broken("{line: [b, c], name: side}", "{line: [b, x], name: side}"), "unknown point 'x'"),
    (_broken("{line: [c, d], name: hem", "{line: [d, c], name: hem"), None),
    (_broken("fold: true}", "fold: true}\n    material: silk"), "material 'silk' is unknown"),
    (_broken("  ease: {type", "  ease:\n  - broken\n  bad: {type"), None),
])
def test_broken_blocks_say_what_and_where(text: str, message: str | None) -> None:
    with pytest.raises(BlockError) as err:
        block = parse_block(text, "panel.yaml")
        draft(block, {"waist": 800.0})
    if message:
        assert err.match(message)
    assert "panel.yaml" in str(err.value) or "pieces.panel" in str(err.value)


def test_cycle_is_reported_with_its_path() -> None:
    text = _broken("  depth: waist_to_hip + 300", "  depth: width + 1\n  loop: depth * 2") \
        .replace("width: (waist + ease) / 4", "width: loop / 4")
    with pytest.raises(BlockError, match=r"circular definition: (\w+ → ){3}\w+"):
        parse_block(text, "panel.yaml")


def test_error_line_numbers_point_at_the_element() -> None:
    text = _broken("  depth: waist_to_hip + 300", "  depth: waist_to_hip + nonsense")
    with pytest.raises(BlockError) as err:
        parse_block(text, "panel.yaml")
    line = text.splitlines().index("  depth: waist_to_hip + nonsense") + 1
    assert f"panel.yaml:{line}" in str(err.value)


def test_edges_that_do_not_meet_are_reported() -> None:
    block = parse_block(_broken("{line: [c, d], name: hem", "{line: [d, c], name: hem"), "p.yaml")
    with pytest.raises(BlockError, match=r"edge 'side' ends at .* but the next edge 'hem' starts"):
        draft(block, {"waist": 800.0})


def test_yaml_syntax_error_has_a_line() -> None:
    with pytest.raises(BlockError, match=r"bad\.yaml:\d+: YAML syntax error"):
        parse_block("block:\n  id: [unclosed\n", "bad.yaml")


def test_saving_keeps_comments_and_order(tmp_path) -> None:
    path = tmp_path / "panel.yaml"
    path.write_text(SKIRT_PANEL, encoding="utf-8")
    doc, _ = load_document(path)
    doc["options"]["ease"]["default"] = 30
    doc["values"]["width"] = "(waist + ease) / 4 + 1"
    save_document(doc, path)
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# a test block: one rectangular panel\n")
    assert "default: 30" in saved and "width: (waist + ease) / 4 + 1" in saved
    keys = [line.split(":")[0] for line in saved.splitlines() if line and line[0].isalpha()]
    assert keys == ["block", "measurements", "options", "values", "points", "pieces", "fit_checks"]
    # untouched lines are byte-for-byte the same
    untouched = [s for s in SKIRT_PANEL.splitlines() if "default: 20" not in s and "width:" not in s]
    assert all(line in saved.splitlines() for line in untouched)
    block = load_block(path)
    assert block.options["ease"].default == 30
    assert not list(tmp_path.glob("*.part"))


def test_saving_the_shirt_keeps_every_comment_and_the_same_pattern(shirt, tmp_path, median_man) -> None:
    doc, text = load_document(shirt.path)
    copy = tmp_path / "mens_shirt.yaml"
    save_document(doc, copy)
    saved = copy.read_text(encoding="utf-8")
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    assert comments and all(c in saved for c in comments)
    before = draft(shirt, median_man)
    after = draft(load_block(copy), median_man)
    assert [p.id for p in after.pieces] == [p.id for p in before.pieces]
    for a, b in zip(after.pieces, before.pieces, strict=True):
        assert a.cut_line.tolist() == b.cut_line.tolist()


def test_fast_reader_keeps_words_as_words_lines_and_refuses_duplicates() -> None:
    from mtm_app.block.document import line_of, parse_for_drafting

    doc = parse_for_drafting("points:\n  p: {on: c, y: 2}\n  q: {x: yes, y: off}\nflag: true\n", "t")
    assert doc["points"]["p"] == {"on": "c", "y": 2}
    assert doc["points"]["q"] == {"x": "yes", "y": "off"} and doc["flag"] is True
    assert line_of(doc["points"], "q") == 3
    with pytest.raises(BlockError, match=r"t:3: 'p' is written twice"):
        parse_for_drafting("points:\n  p: {x: 1, y: 2}\n  p: {x: 3, y: 4}\n", "t")


def test_a_parsed_block_is_cached_by_its_text_and_a_broken_cache_is_ignored(tmp_path,
                                                                             monkeypatch) -> None:
    from mtm_app.block.document import line_of, parse_for_drafting

    monkeypatch.setenv("MTM_CACHE_DIR", str(tmp_path))
    text = "values:\n  ease: 80\npoints:\n  a: {x: 0, y: ease}\n"
    first = parse_for_drafting(text, "b.yaml")
    cached = list((tmp_path / "blocks").glob("*.json"))
    assert len(cached) == 1
    again = parse_for_drafting(text, "b.yaml")
    assert again == first and line_of(again["points"], "a") == 4  # lines survive the cache
    cached[0].write_bytes(b"not JSON")
    assert parse_for_drafting(text, "b.yaml") == first
    cached[0].write_text('["m", 0, ["a"], [0]]')  # JSON, but not a parsed block
    assert parse_for_drafting(text, "b.yaml") == first
    changed = parse_for_drafting(text.replace("80", "90"), "b.yaml")
    assert changed["values"]["ease"] == 90  # an edited file is parsed afresh
    assert len(list((tmp_path / "blocks").glob("*.json"))) == 2
