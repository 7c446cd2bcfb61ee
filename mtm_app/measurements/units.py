"""Length units a tailor types in; everything inside the app is mm.

Inches are typed the way tapes are read: `38.5`, `38 1/2`, `38-1/2` or `38½`. A value is
stored in mm and shown again exactly as it was typed (to the tape's 1/8 in, 1 mm or 0.1 cm).
"""

from __future__ import annotations

import re
from fractions import Fraction

from mtm_app.i18n import N_, _, number

UNITS: dict[str, float] = {"mm": 1.0, "cm": 10.0, "in": 25.4}
_VULGAR = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8", "⅞": "7/8",
           "⅓": "1/3", "⅔": "2/3"}
_SIGNS = ("-", "−", "+")
_NUMBER = re.compile(r"^\s*(?P<whole>\d+(?:[.,]\d+)?)?(?:[\s-]*(?P<num>\d+)\s*/\s*(?P<den>\d+))?\s*$")


def to_mm(value: float, unit: str) -> float:
    return value * UNITS[unit]


def from_mm(value: float, unit: str) -> float:
    return value / UNITS[unit]


def parse_number(text: str) -> float:
    """'38.5', '38,5', '38 1/2', '38-1/2', '38½' or '1/2' → float; ValueError otherwise."""
    for glyph, frac in _VULGAR.items():
        text = text.replace(glyph, f" {frac}")
    m = _NUMBER.match(text)
    if not m or not (m["whole"] or m["num"]):
        raise ValueError(_("'{text}' is not a number").format(text=text.strip()))
    value = float(m["whole"].replace(",", ".")) if m["whole"] else 0.0
    if m["num"]:
        den = int(m["den"])
        if den == 0:
            raise ValueError(_("a fraction with 0 below the line"))
        if m["whole"] and ("." in m["whole"] or "," in m["whole"]):
            raise ValueError(_("'{text}' mixes a decimal and a fraction").format(text=text.strip()))
        value += int(m["num"]) / den
    return value


def parse_signed(text: str) -> float:
    """A number with an optional sign (-, − or +): an adjustment, such as a length shortened by
    1/2 in. Body measurements are never negative, so they use `parse_number`."""
    text = text.strip()
    if text[:1] in _SIGNS:
        rest = text[1:].strip()
        if not rest or rest[0] in _SIGNS:
            raise ValueError(_("'{text}' is not a number").format(text=text))
        return (1.0 if text[0] == "+" else -1.0) * parse_number(rest)
    return parse_number(text)


def parse_length(text: str, unit: str, signed: bool = False) -> float:
    """A typed length in `unit` → mm (`signed`: an adjustment, which may be negative)."""
    return to_mm((parse_signed if signed else parse_number)(text), unit)


def format_length(mm: float, unit: str) -> str:
    """mm → the text a tailor would type: 0.1 cm, 1 mm, or inches in eighths."""
    if mm < 0:
        text = format_length(-mm, unit)
        return text if text == "0" else "-" + text
    value = from_mm(mm, unit)
    if unit == "in":
        eighths = Fraction(round(value * 8), 8)
        if abs(float(eighths) - value) < 1e-6:
            whole, rest = divmod(eighths, 1)
            if rest == 0:
                return str(int(whole))
            return f"{int(whole)} {rest.numerator}/{rest.denominator}" if whole else str(rest)
        return f"{value:.2f}".rstrip("0").rstrip(".")
    decimals = 0 if unit == "mm" else 1
    text = f"{value:.{decimals + 2}f}".rstrip("0").rstrip(".")
    return text


UNIT_WORDS = {"mm": N_("mm"), "cm": N_("cm"), "in": N_("inches")}  # shown through unit_word()


def unit_word(unit: str) -> str:
    """A unit named in a sentence ('inches', 'pouces'), in the language spoken now."""
    return _(UNIT_WORDS[unit])


def show_number(mm: float, unit: str) -> str:
    """For people: the text a tailor would type (`format_length`) with the decimal mark of the
    language spoken now ('81,5' in French). Files and fields keep `format_length`."""
    return number(format_length(mm, unit))


def show_length(mm: float, unit: str) -> str:
    """For messages: rounded as a tape reads (1 mm, 0.1 cm, 1/8 in), with the unit and the
    decimal mark of the language spoken now."""
    step = {"mm": 1.0, "cm": 1.0, "in": 25.4 / 8}[unit]
    return f"{show_number(round(mm / step) * step, unit)} {unit}"


def change_unit(unit: str) -> str:
    """The unit differences read in: inches for an inch customer, else cm (mm are too fine)."""
    return "in" if unit == "in" else "cm"


def show_change(mm: float, unit: str, with_unit: bool = True) -> str:
    """A signed difference or alteration for people, as a tape reads: '+1.6 cm', '−5/8 in'
    (a true minus sign); inches for an inch customer, else cm."""
    shown_in = change_unit(unit)
    if shown_in == "in":
        text = show_length(abs(mm), "in").removesuffix(" in")
        text = ("−" if mm < 0 and text != "0" else "+") + text
    else:
        text = number(f"{mm / 10:+.1f}").replace("-", "−")
    return f"{text} {shown_in}" if with_unit else text
