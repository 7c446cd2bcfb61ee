"""A strict draft: checks of pieces not cut are said, marks are checked where they land.

Each case drafted silently before (a fit check vanished with its piece, a drill 5 m off the
piece, a zero-length grainline, a negative take-up, two edges of one name) or crashed (a draft
whose every piece was switched off): issue 15, "A strict language".
"""

from __future__ import annotations

import pytest

from mtm_app.block.loader import parse_block
from mtm_app.cli import main
from mtm_app.drafting import draft
from mtm_app.errors import BlockError
from tests.test_block_format import SKIRT_PANEL

WAIST = {"waist": 800.0}
# a second piece, cut only with a vent, with a check and a seam pair that measure it
VENT = """\
  facing:
    name: Vent facing
    when: vent
    sa: 10
    outline:
      - {line: [a, b], name: top}
      - {line: [b, c], name: side}
      - {line: [c, d], name: hem}
      - {line: [d, a], name: cf}
seam_pairs:
  - {name: Facing to panel, a: [facing.side], b: [panel.side], ease: 0}
  - {name: Vent only, a: [facing.top], b: [panel.top], when: vent}
fit_checks:
  - {name: facing, label: Facing width, measure: width(facing), target: width, tolerance: 0.1}
"""


WHY = "not checked: Vent facing is not cut for these options (vent is false)"


def with_vent() -> str:
    return SKIRT_PANEL.replace("fit_checks:\n", VENT, 1)


def test_checks_of_a_piece_not_cut_are_listed_with_why() -> None:
    block = parse_block(with_vent(), "t.yaml")
    plain = draft(block, WAIST)
    assert [f.name for f in plain.fits] == ["width"] and plain.seams == []
    assert [(s.label, s.pieces, s.conditions) for s in plain.skipped] == [
        ("Facing to panel", ("Vent facing",), ("vent",)),
        ("Facing width", ("Vent facing",), ("vent",)),
    ]  # "Vent only" is not listed: its own `when` says it is not wanted without a vent
    assert plain.skipped[1].describe() == \
        "Facing width: not checked: Vent facing is not cut for these options (vent is false)"
    assert plain.ok
    vented = draft(block, WAIST, {"vent": True})
    assert vented.skipped == [] and {s.name for s in vented.seams} == {"Facing to panel", "Vent only"}
    assert [f.name for f in vented.fits] == ["facing", "width"]


def test_a_draft_with_every_piece_switched_off_is_a_failed_check_not_a_crash() -> None:
    block = parse_block(SKIRT_PANEL.replace("    sa: 15", "    sa: 15\n    when: vent"), "t.yaml")
    result = draft(block, WAIST)
    assert result.pieces == [] and not result.ok
    assert result.failures() == ["the draft has no pieces"]
    assert [s.describe() for s in result.skipped] == [
        "width: not checked: Panel is not cut for these options (vent is false)"]


def test_mtm_draft_and_mtm_check_print_the_checks_not_measured(tmp_path, capsys, repo_root) -> None:
    path = tmp_path / "vented.yaml"
    path.write_text(with_vent())
    body = repo_root / "resources" / "demo" / "customer_median_woman.json"
    assert main(["draft", str(path), "-m", str(body), "--out", str(tmp_path / "out"),
                 "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert f"note: Facing to panel: {WHY}" in err
    assert "note: Facing width: not checked" in err
    bodies = tmp_path / "bodies.csv"
    bodies.write_text("id,waist\nb1,80\nb2,90\n")
    assert main(["check", str(path), "--bodies", str(bodies)]) == 0
    out = capsys.readouterr().out
    assert "2 of 2 bodies — Facing width: not checked: Vent facing is not cut" in out
    assert main(["check", str(path), "--bodies", str(bodies), "-o", "vent=true"]) == 0
    assert "not checked" not in capsys.readouterr().out


def test_the_checks_panel_greys_a_check_not_measured_with_why(qtbot) -> None:
    from mtm_app.ui import colours
    from mtm_app.ui.checks import ChecksPanel

    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.show_checks(draft(parse_block(with_vent(), "t.yaml"), WAIST), [])
    tops = {panel.topLevelItem(i).text(0): panel.topLevelItem(i) for i in range(panel.topLevelItemCount())}
    skipped = tops["Not checked"]
    rows = [(skipped.child(i).text(0), skipped.child(i).text(1)) for i in range(skipped.childCount())]
    assert rows == [("– Facing to panel", WHY), ("– Facing width", WHY)]
    assert skipped.child(0).foreground(0).color() == colours.text("muted")


# ---------------------------------------------------------------- marks, checked where they land
# points off the panel (205 × 500 mm, seam allowance 15): 4780 mm right, 8 mm above, 5 m up
OFF = "  far: {x: 5000, y: 0}\n  above: {x: 100, y: -8}\n  high: {from: a, dy: -5000}\n  mid: {along"
GRAIN = "    grainline: [a, d]"


def marked(old: str, new: str) -> str:
    text = SKIRT_PANEL.replace("  mid: {along", OFF, 1)
    assert old in text, old
    return text.replace(old, new, 1)


def drafted(old: str, new: str, options: dict | None = None):
    return draft(parse_block(marked(old, new), "t.yaml"), WAIST, options)


def fails(old: str, new: str, at: str, *patterns: str) -> None:
    """Drafting the panel with `old` written as `new` fails at the line holding `at`."""
    text = marked(old, new)
    with pytest.raises(BlockError) as info:
        draft(parse_block(text, "t.yaml"), WAIST)
    message = str(info.value)
    assert info.value.where.line == text[: text.index(at)].count("\n") + 1, message
    for pattern in patterns:
        assert pattern in message, message


def test_a_drill_far_outside_its_piece_is_an_error_at_its_line() -> None:
    fails(GRAIN, GRAIN + "\n    drills: [{at: far}]", "drills:",
          "pieces.panel.drills[0]: this drill lies 4780 mm outside its piece's cut line",
          "a mark more than 50 mm off its piece is never meant")
    fails(GRAIN, GRAIN + "\n    drills:\n      - {at: mid}\n      - {at: mid, repeat: {count: 3, dx: 2000}}",
          "      - {at: mid, repeat", "drills[1]: this drill lies 1882 mm outside")


def test_a_far_mark_is_said_before_a_fault_found_after_it() -> None:
    """Marks are checked for all pieces at once, but the error said is still the first one met
    finishing the piece: its drill before its quantity (the pattern maker is sent to that line)."""
    fails(GRAIN, GRAIN + "\n    drills: [{at: far}]\n    quantity: 0 * waist", "drills:",
          "pieces.panel.drills[0]: this drill lies 4780 mm outside its piece's cut line")


def test_an_internal_line_far_outside_its_piece_is_an_error_at_its_line() -> None:
    fails(GRAIN, GRAIN + "\n    internal: [{kind: stitch, points: [a, high]}]", "internal:",
          "pieces.panel.internal[0]: this stitch lies 4985 mm outside its piece's cut line")


def test_a_mark_in_the_seam_allowance_is_a_warning_with_its_line() -> None:
    result = drafted(GRAIN, GRAIN + "\n    drills: [{at: above}]")
    assert result.ok and result.warnings == [
        "t.yaml:37, pieces.panel.drills[0]: this mark lies in the seam allowance of Panel, 8.0 mm "
        "outside the seam line: it is lost in the seam"]
    assert drafted(GRAIN, GRAIN + "\n    internal: [{kind: fold, points: [above, mid]}]").warnings == []


def test_a_zero_length_grainline_is_an_error_at_its_line() -> None:
    fails(GRAIN, "    grainline: [mid, mid]", "grainline:",
          "pieces.panel.grainline: the grainline is 0.0 mm long")


@pytest.mark.parametrize("takeup", ["-10", "width + 1"])
def test_a_takeup_is_between_0_and_the_edge_length(takeup: str) -> None:
    fails("{line: [a, b], name: top}", f"{{line: [a, b], name: top, takeup: {takeup}}}", "name: top",
          "pieces.panel.outline[0]: take-up", "mm is not 0–205.0 mm, the edge's length")
    assert drafted("{line: [a, b], name: top}", "{line: [a, b], name: top, takeup: width}").ok


def test_two_active_edges_of_one_name_are_an_error_but_alternatives_are_fine() -> None:
    fails("{line: [b, c], name: side}", "{line: [b, c], name: top}", "{line: [b, c]",
          "pieces.panel.outline[1]: two edges of piece 'panel' are named 'top'")
    alternatives = ("      - {line: [b, c], name: side}",
                    "      - {line: [b, c], name: side, when: vent}\n      - {line: [b, c], name: side, "
                    "when: not vent}")
    assert drafted(*alternatives).ok and drafted(*alternatives, {"vent": True}).ok


def test_a_notch_far_from_any_edge_is_an_error_at_its_line() -> None:
    fails("      - {at: mid}", "      - {at: above}", "{at: above}",
          "pieces.panel.notches[0]: notch point 'above' is 8.0 mm off the seam line",
          "— move 'above' onto the seam line, or place the notch with edge: and distance: instead")


def test_the_shipped_blocks_place_every_mark_on_their_pieces(shirt, median_man) -> None:
    for options in ({}, {"short_sleeve": True, "short_sleeve_length": 160}):
        result = draft(shirt, median_man, options)
        assert result.ok and result.warnings == [] and result.skipped == []
        sleeve = result.piece("sleeve").grainline
        assert abs(sleeve[1][1] - sleeve[0][1]) > 60  # it shrank to 0.8 mm for some short sleeves


def test_a_notch_on_an_edge_not_cut_for_these_options_is_an_error_at_its_line() -> None:
    """Was an internal error (StopIteration) found by the faulty-block run: the notch's edge
    exists in the block but its `when` is false."""
    outline = ("      - {line: [b, c], name: side}",
               "      - {line: [b, c], name: side, when: vent}\n      - {line: [b, c], name: seam, "
               "when: not vent}")
    text = marked(*outline).replace("      - {at: mid}", "      - {edge: side, distance: 10}", 1)
    with pytest.raises(BlockError) as info:
        draft(parse_block(text, "t.yaml"), WAIST)
    at = text[: text.index("{edge: side, distance: 10}")].count("\n") + 1
    assert info.value.where.line == at, info.value
    assert "notch edge 'side' is not cut for these options" in str(info.value)
    assert draft(parse_block(text, "t.yaml"), WAIST, {"vent": True}).ok
