"""A strict block language: every key is one its element takes, every element is written one way,
a formula cut at a comma and a name the language already owns are named for what they are.

Each case here drafted silently with a wrong result (or was reported as something else) before
the keys of every element were checked (issue 15, "A strict language").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mtm_app.block.loader import parse_block
from mtm_app.errors import BlockError
from tests.test_block_format import SKIRT_PANEL

STYLE = "  style: {type: choice, label: Style, group: style, choices: [a, b], default: a}\n"


def panel(old: str, new: str) -> str:
    assert old in SKIRT_PANEL, old
    return SKIRT_PANEL.replace(old, new, 1)


def line_with(text: str, fragment: str) -> int:
    """The 1-based line of `text` where `fragment` first appears."""
    return text[: text.index(fragment)].count("\n") + 1


def refused(text: str, at: str, *patterns: str) -> str:
    """The message of the error loading `text` raises: at the line holding `at`, saying each
    pattern."""
    with pytest.raises(BlockError) as info:
        parse_block(text, "t.yaml")
    message = str(info.value)
    assert info.value.where.line == line_with(text, at), message
    for pattern in patterns:
        assert pattern in message, message
    return message


# one typo per section and element kind: (old text, new text, line, what the message says)
TYPOS = [
    ("  version: 0.1.0", "  version: 0.1.0\n  autor: me", "autor",
     "block.autor: the block header has no key 'autor' — did you mean 'author'?"),
    ("  waist: {min: 500, max: 1500}", "  waist: {min: 500, max: 1500, drive: waist}", "drive",
     "measurements.waist.drive: a measurement has no key 'drive' — did you mean 'derive'?"),
    ("group: fit, default: 20", "group: fit, defualt: 20", "defualt",
     "options.ease.defualt: a length option has no key 'defualt' — did you mean 'default'?"),
    ("  b: {from: a, dx: width}", "  b: {from: a, dx: width, dyy: 5}", "dyy",
     "points.b.dyy: a point has no key 'dyy' — did you mean 'dy'?"),
    ("pieces:", "curves:\n  cv: {through: [a, b], start_angel: 0}\npieces:", "start_angel",
     "curves.cv.start_angel: a curve has no key 'start_angel' — did you mean 'start_angle'"),
    ("    sa: 15", "    sa: 15\n    quantiy: 2", "quantiy",
     "pieces.panel.quantiy: a piece has no key 'quantiy' — did you mean 'quantity'?"),
    ("{line: [b, c], name: side}", "{line: [b, c], nmae: side}", "nmae",
     "pieces.panel.outline[1].nmae: an edge has no key 'nmae' — did you mean 'name'?"),
    ("{line: [c, d], name: hem, hem: true", "{line: [c, d], name: hem, hme: true", "hme",
     "pieces.panel.outline[2].hme: an edge has no key 'hme' — did you mean 'hem'?"),
    ("      - {at: mid}", "      - {at: mid, cuont: 2}", "cuont",
     "pieces.panel.notches[0].cuont: a notch has no key 'cuont' — did you mean 'count'?"),
    ("    grainline: [a, d]", "    grainline: [a, d]\n    drills: [{at: mid, lable: x}]", "lable",
     "pieces.panel.drills[0].lable: a drill has no key 'lable' — did you mean 'label'?"),
    ("    grainline: [a, d]", "    grainline: [a, d]\n    internal: [{points: [a, b], knd: fold}]", "knd",
     "internal[0].knd: an internal line has no key 'knd' — did you mean 'kind'?"),
    ("    grainline: [a, d]", "    grainline: [a, d]\n    drills: [{at: mid, repeat: {count: 2, ddx: 5}}]",
     "ddx", "repeat.ddx: a repeat has no key 'ddx' — did you mean 'dx'?"),
    ("tolerance: 0.1}", "tolerance: 0.1, tolerence: 2}", "tolerence",
     "fit_checks[0].tolerence: a fit check has no key 'tolerence' — did you mean 'tolerance'?"),
    ("fit_checks:", "seam_pairs:\n  - {name: s, a: [panel.top], b: [panel.top], eas: 1}\nfit_checks:",
     "eas: 1",
     "seam_pairs[0].eas: a seam pair has no key 'eas' — did you mean 'ease'?"),
    ("fit_checks:", "constraints:\n  - {check: waist > 0, field: waist, mesage: x}\nfit_checks:", "mesage",
     "constraints[0].mesage: a constraint has no key 'mesage' — did you mean 'message'?"),
    ("fit_checks:", "alterations:\n  waist: {label: Waist, option: ease, sing: 1}\nfit_checks:", "sing",
     "alterations.waist.sing: an alteration place has no key 'sing' — did you mean 'sign'?"),
]


@pytest.mark.parametrize(("old", "new", "at", "message"), TYPOS, ids=[t[2] for t in TYPOS])
def test_an_unknown_key_is_named_at_its_line_with_the_nearest_valid_one(old, new, at, message) -> None:
    refused(panel(old, new), at, message)


def test_a_key_with_no_close_match_lists_what_the_element_takes() -> None:
    refused(panel("  b: {from: a, dx: width}", "  b: {from: a, dx: width, colour: red}"), "colour",
            "a point has no key 'colour' — a point takes: x, y, from, dx, dy, angle, distance")


def test_fit_presets_and_option_types_take_only_their_own_keys() -> None:
    presets = "fit_presets:\n  option: style\n  preset: {a: {ease: 10}, b: {ease: 20}}\nvalues:"
    refused(panel("values:", presets).replace("  vent:", STYLE + "  vent:"), "preset:",
            "fit_presets has no key 'preset' — did you mean 'presets'?")
    refused(panel("label: Vent, group: style, default: false", "label: Vent, group: style, default: false, "
                  "min: 0"), "false, min: 0", "a boolean option has no key 'min'")
    refused(panel("  vent:", STYLE.replace("default: a", "default: a, max: 3") + "  vent:"), "max: 3",
            "a choice option has no key 'max'")


@pytest.mark.parametrize(("point", "message"), [
    ("{from: a, x: 100, y: 200}", "points.e.from: 'from' cannot go with 'x' and 'y' in a point"),
    ("{from: a, dx: 10, angle: 30, distance: 5}",
     "points.e.dx: 'dx' cannot go with 'angle' and 'distance' in a point"),
    ("{along: [a, b], distance: 10, fraction: 0.5}", "'distance' and 'fraction' cannot go together"),
    ("{along: [a, b], fraction: 0.5, dy: 3}", "'dy' cannot go with 'along' and 'fraction' in a point"),
    ("{mirror: a, across: [b, c], from: a}", "'from' cannot go with 'mirror' and 'across'"),
    ("{x: 1, y: 2, intersect: [[a, b], [c, d]]}", "'intersect' cannot go with 'x' and 'y' in a point"),
])
def test_a_point_written_two_ways_at_once_is_refused(point: str, message: str) -> None:
    text = panel("  mid: {along", f"  e: {point}\n  mid: {{along")
    refused(text, "  e:", message, "one of: {x, y}; {from, dx?, dy?}; {from, angle, distance}")


def test_mixed_forms_of_curves_edges_notches_and_marks_are_refused() -> None:
    refused(panel("pieces:", "curves:\n  cv: {bezier: [a, b, c, d], through: [a, b]}\npieces:"), "  cv:",
            "curves.cv.through: 'through' cannot go with 'bezier' in a curve")
    refused(panel("{line: [b, c], name: side}", "{line: [b, c], curve: x, name: side}"), "curve: x",
            "'curve' cannot go with 'line' in an edge")
    refused(panel("{line: [b, c], name: side}", "{line: [b, c], name: side, reverse: true}"), "reverse",
            "'reverse' cannot go with 'line' in an edge")
    refused(panel("      - {at: mid}", "      - {at: mid, distance: 10}"), "distance: 10",
            "notches[0].distance: 'distance' cannot go with 'at' in a notch")
    refused(panel("    grainline: [a, d]", "    grainline: [a, d]\n    drills: [{at: mid, points: [a, b]}]"),
            "points: [a, b]", "a drill has no key 'points' — a drill takes: at, label, when, repeat")


def test_a_fold_edge_takes_no_allowance_and_no_hem() -> None:
    refused(panel("{line: [d, a], name: cf, fold: true}", "{line: [d, a], name: cf, fold: true, sa: 15}"),
            "cf, fold", "outline[3].sa: 'fold: true' cannot go with 'sa'", "no allowance and no hem")
    refused(panel("{line: [d, a], name: cf, fold: true}", "{line: [d, a], name: cf, fold: true, hem: true}"),
            "cf, fold", "'fold: true' cannot go with 'hem'")


@pytest.mark.parametrize(("written", "at"), [
    ("  e: {from: a, angle: angle(a, b), distance: dist(a, b)}", "  e:"),  # was: 'b)' written twice
    ("  e: {from: a, angle: angle(a, b), distance: 10}", "  e:"),  # was: an unknown key 'b)'
    ("  e:\n    {from: a,\n     dx: max(a.x,\n     b.x), dy: 0}", "     dx"),  # the half that is cut
])
def test_a_formula_cut_at_a_comma_says_put_it_in_quotes(written: str, at: str) -> None:
    message = refused(panel("  b: {from: a, dx: width}", "  b: {from: a, dx: width}\n" + written), at,
                      "is part of a formula cut at a comma", "put the formula in quotes")
    assert "written twice" not in message and "has no key" not in message
    assert 'angle: "angle(a, …)"' in message or "dx" in message


def test_a_quoted_formula_with_commas_still_reads() -> None:
    block = parse_block(panel("  b: {from: a, dx: width}",
                              '  b: {from: a, dx: width}\n'
                              '  e: {from: a, angle: "angle(a, b)", distance: 10}'))
    assert {e.name for e in block.elements} >= {"e"}


@pytest.mark.parametrize(("old", "new", "name"), [
    ("  depth: waist_to_hip + 300", "  depth: waist_to_hip + 300\n  pi: 100", "pi"),
    ("  mid: {along", "  'true': {x: 0, y: 0}\n  mid: {along", "true"),
    ("  vent:", "  'false': {type: length, label: F, group: fit, default: 1, min: 0, max: 2}\n  vent:",
     "false"),
    ("  depth: waist_to_hip + 300", "  depth: waist_to_hip + 300\n  if: 3", "if"),
    ("  panel:", "  not:", "not"),
])
def test_a_name_the_formula_language_owns_cannot_be_declared(old: str, new: str, name: str) -> None:
    refused(panel(old, new), next(line for line in new.splitlines() if name in line),
            f"'{name}' is a word of the formula language, so it cannot name an element")


def test_a_function_name_stays_free_for_an_element() -> None:
    """`height` is a canonical measurement and `height(piece)` a function: the parentheses tell
    them apart, so the shipped blocks keep their names (an order stores its option names)."""
    block = parse_block(panel("  depth: waist_to_hip + 300", "  depth: waist_to_hip + 300\n  sqrt: 4")
                        .replace("  width: (waist + ease) / 4",
                                 "  width: (waist + ease) / 4 + sqrt(sqrt) - 2"))
    from mtm_app.drafting import draft

    assert draft(block, {"waist": 800.0}).piece("panel").width == pytest.approx(205.0)


SKIRT_FILE = (Path(__file__).resolve().parent.parent / "patterns" / "skirt.yaml").read_text()


@pytest.mark.parametrize("old, new", [
    ("version: 1.1.0", 'version: "1.0'),
    ("author: MTM Studio pattern room", 'author: "MTM Studio'),
    ('dart_count: "1 if darts <= 35 else 2"', 'dart_count: "1 if darts <= 35 else 2'),
    ('front_dart1_c: {x: "0.5 * front_span if dart_count == 1 else 0.38 * front_span", y: 0}',
     'front_dart1_c: {x: "0.5 * front_span if dart_count == 1 else 0.38 * front_span, y: 0}'),
])
def test_an_unclosed_quote_in_a_real_block_is_reported_where_it_opened(old: str, new: str) -> None:
    """A quote left open swallows the lines up to the next quoted formula, where the reader
    fails: the message names the line of the open quote, not that one."""
    assert old in SKIRT_FILE, old
    refused(SKIRT_FILE.replace(old, new, 1), new, "the quote opened here is not closed",
            "close it on the same line")


def test_a_description_wrapped_in_quotes_still_reads() -> None:
    text = panel("version: 0.1.0", 'version: 0.1.0\n  description: "a straight tube,\n    no darts"')
    assert parse_block(text, "t.yaml")


def test_an_unused_anchor_is_refused_at_its_line() -> None:
    refused(panel("  vent:", "  sa: &sa 15\n  vent:"), "&sa", "&sa: anchors and aliases", "not allowed")


def test_an_alias_is_refused_at_its_own_line_naming_the_anchor() -> None:
    text = panel("  vent:", "  sa: &sa 15\n  other: 2\n  again: *sa\n  vent:")
    message = refused(text, "*sa", "*sa repeats the value anchored at line", "not allowed")
    assert f"line {line_with(text, '&sa')}" in message


@pytest.mark.parametrize(("old", "new", "at", "french"), [
    ("name: cf, fold: true}", "name: cf, fold: no}", "fold: no",
     "'fold' vaut true ou false, trouvé 'no' — écrivez fold: true ou fold: false"),
    ("{line: [c, d], name: hem, hem: true", "{line: [c, d], name: hem, hme: true", "hme",
     "un bord n’a pas de clé 'hme' — vouliez-vous dire 'hem' ?"),
    ("  mid: {along", "  e: {from: a, x: 100, y: 200}\n  mid: {along", "  e:",
     "'from' ne va pas avec 'x' et 'y' dans un point — l’une de : {x, y}"),
    ("  mid: {along", "  e: {from: a, angle: angle(a, b), distance: 10}\n  mid: {along", "  e:",
     "'angle(a' est un morceau de formule coupée à une virgule : dans {…} ou […] une virgule termine "
     'la valeur — mettez la formule entre guillemets : angle: "angle(a, …)"'),
    ("  depth: waist_to_hip + 300", "  depth: waist_to_hip + 300\n  pi: 100", "pi: 100",
     "'pi' est un mot du langage des formules : il ne peut pas nommer un élément — nommez-le autrement"),
])
def test_a_block_error_speaks_french_when_the_language_is_french(old: str, new: str, at: str,
                                                                 french: str) -> None:
    """`mtm --language fr` and the French window show a faulty block's message in French."""
    from mtm_app.i18n import speaking

    with speaking("fr"):
        refused(panel(old, new), at, french)


def test_the_edges_listed_for_an_unknown_notch_edge_are_cut_short() -> None:
    """A faulty block's edge name thousands long made the hint thousands long too."""
    long_name = "x" * 3000
    text = panel("{line: [b, c], name: side}", f"{{line: [b, c], name: {long_name}}}")
    text = text.replace("      - {at: mid}", "      - {edge: side, distance: 10}", 1)
    message = refused(text, "{edge: side, distance: 10}", "notch edge 'side' is not an edge of this piece")
    assert len(message) < 600, len(message)


def test_an_alteration_naming_a_mapping_for_its_option_is_refused_at_its_line() -> None:
    """Was an internal error (unhashable type) found by the faulty-block run."""
    text = panel("fit_checks:", "alterations:\n  waist: {label: Waist, option: {}, sign: 1}\nfit_checks:")
    refused(text, "option: {}", "adjusts unknown option")
