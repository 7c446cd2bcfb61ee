"""The formula language: what it computes, and every way a formula can be wrong."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from mtm_app.errors import BlockError, Location
from mtm_app.formula import FormulaContext, compile_formula
from mtm_app.formula.functions import Kind

NAMES = {
    "chest": Kind.NUMBER, "waist": Kind.NUMBER, "ease": Kind.NUMBER, "collar": Kind.TEXT,
    "short": Kind.BOOL, "A": Kind.POINT, "B": Kind.POINT,
}
ENV = {"chest": 1000.0, "waist": 900.0, "ease": 100.0, "collar": "band", "short": False,
       "A": (0.0, 0.0), "B": (30.0, -40.0)}
WHERE = Location("shirt.yaml", 12, "values.x")


def ev(text: str) -> float:
    return compile_formula(text, FormulaContext(NAMES, WHERE))(ENV)


@pytest.mark.parametrize(("text", "expected"), [
    ("chest / 4 + ease", 350.0),
    ("(chest + ease) / 4", 275.0),
    ("2 + 3 * 4 - 6 / 3", 12.0),
    ("-chest + 1", -999.0),
    ("chest × 2 − waist ÷ 3", 1700.0),
    ("1 if chest > waist else 2", 1.0),
    ("10 if collar == 'band' else 20", 10.0),
    ("5 if not short and chest >= 1000 else 0", 5.0),
    ("min(chest, waist, 50)", 50.0),
    ("max(chest, waist)", 1000.0),
    ("abs(waist - chest)", 100.0),
    ("sqrt(16)", 4.0),
    ("clamp(chest, 0, 500)", 500.0),
    ("lerp(0, 100, 0.25)", 25.0),
    ("sin(30)", 0.5),
    ("cos(60)", 0.5),
    ("tan(45)", 1.0),
    ("atan2(1, 1)", 45.0),
    ("dist(A, B)", 50.0),
    ("B.x + B.y", -10.0),
    ("leg(50, 30)", 40.0),
])
def test_formula_values(text: str, expected: float) -> None:
    assert ev(text) == pytest.approx(expected)


def test_angle_is_counter_clockwise_as_seen_with_y_down() -> None:
    # B is 40 mm up the table (negative y) and 30 to the right: 53.13° above horizontal
    assert ev("angle(A, B)") == pytest.approx(math.degrees(math.atan2(40, 30)))


def test_formula_records_what_it_reads() -> None:
    f = compile_formula("chest / 4 + dist(A, B) if short else waist", FormulaContext(NAMES, WHERE))
    assert f.refs == {"chest", "A", "B", "short", "waist"}


def test_unknown_name_suggests_the_close_one_and_says_where() -> None:
    with pytest.raises(BlockError) as err:
        ev("chets / 4")
    text = str(err.value)
    assert "unknown name 'chets'" in text
    assert "did you mean 'chest'" in text
    assert "shirt.yaml:12" in text and "values.x" in text


def test_syntax_error_names_file_line_and_column() -> None:
    with pytest.raises(BlockError, match=r"shirt\.yaml:12, values\.x: syntax error .*column"):
        ev("(chest + 2")


def test_division_by_zero_is_a_clear_error() -> None:
    with pytest.raises(BlockError, match="division by zero in 'chest / \\(waist - 900\\)'"):
        ev("chest / (waist - 900)")


def test_square_root_of_negative_is_a_clear_error() -> None:
    with pytest.raises(BlockError, match="square root of a negative"):
        ev("sqrt(waist - chest)")


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')",
    "chest.__class__",
    "(lambda: 1)()",
    "[1, 2][0]",
    "{'a': 1}",
    "chest ** 2",
    "open('x')",
    "A.z",
    "f'{chest}'",
    "chest; waist",
])
def test_anything_but_the_language_is_refused(text: str) -> None:
    with pytest.raises(BlockError):
        ev(text)


def test_wrong_argument_kind_is_named() -> None:
    with pytest.raises(BlockError, match="argument 1 of dist\\(\\) must be a point"):
        ev("dist(chest, B)")
    with pytest.raises(BlockError, match="sqrt\\(\\) takes 1 argument, got 2"):
        ev("sqrt(1, 2)")
    with pytest.raises(BlockError, match=r"unknown function 'sqr'.*did you mean 'sqrt'"):
        ev("sqr(4)")


def test_no_eval_or_exec_anywhere_in_the_package() -> None:
    package = Path(__file__).resolve().parent.parent / "mtm_app"
    offenders = [
        str(p) for p in package.rglob("*.py")
        if re.search(r"\b(eval|exec)\s*\(", p.read_text(encoding="utf-8"))
        and "ui" not in p.parts  # Qt's app.exec() is the event loop, not code execution
    ]
    assert offenders == []


@pytest.mark.parametrize(("text", "message"), [
    ("collar < 3", "text is compared with a number"),
    ("collar == 3", "text is compared with a number"),
    ("collar > 'band'", "only with == or !="),
    ("A < B", "a point cannot be compared with a point"),
    ("chest if short else collar", "gives a number or a text"),
    ("collar + 1", "is a text, not a number"),
    ("collar and short", "is a text, not a condition"),
    ("chest if collar else waist", "is a text, not a condition"),
    ("collar", "is a text, but this needs a number"),
    ("A", "is a point, but this needs a number"),
])
def test_kinds_are_checked_when_the_formula_compiles(text: str, message: str) -> None:
    with pytest.raises(BlockError, match=re.escape(message)) as info:
        compile_formula(text, FormulaContext(NAMES, WHERE))
    assert str(info.value).startswith("shirt.yaml:12, values.x: ")


def test_conditions_take_yes_no_values_and_numbers_but_not_text() -> None:
    from mtm_app.formula import compile_condition

    ctx = FormulaContext(NAMES, WHERE)
    assert compile_condition("collar == 'band' and not short", ctx)(ENV) is True
    assert compile_condition("chest - 1000", ctx)(ENV) == 0
    with pytest.raises(BlockError, match="needs a condition"):
        compile_condition("collar", ctx)


@pytest.mark.parametrize("text", ["+".join(["chest"] * 600), "-" * 150 + "chest",
                                  "abs(" * 120 + "chest" + ")" * 120, "chest" + " " * 2001 + "+ 1"])
def test_formulas_past_the_limits_are_refused_without_recursion(text: str) -> None:
    with pytest.raises(BlockError, match=r"shirt\.yaml:12"):
        compile_formula(text, FormulaContext(NAMES, WHERE))
