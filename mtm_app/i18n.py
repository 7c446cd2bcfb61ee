"""Which language the product speaks, and the core's words in it (Qt-free).

The window's own words go through Qt's translation system (`tr`, resources/i18n/*.qm); what the
core writes — check messages, advice, cut tickets, PDF labels, measurement names and how-to
texts — goes through `_()` here, from gettext catalogues in resources/locale. Both follow the
one language chosen here: the user's setting if there is one, else the system locale.

A ticket or PDF is written in its order's language, whatever the window speaks: wrap the
writing in `with speaking(order_language):`.

Texts that come from data are translated where they are shown, never where they are made (a
draft, a stored order or an alteration keeps the English source): block texts (names, option
and choice labels, piece names, materials, fit check labels) through `block_text()` and
`choice_text()`, numbers through `number()`, dates through `date_text()`. Measurement names and
how-to texts carry their French in resources/measurement_catalogue.yaml (the catalogue's
accessors answer in the language spoken now). Re-extract and compile the catalogues with
`python -m mtm_app.i18n_tools` (see that module).
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "fr": "Français"}  # code → the language's own name
DEFAULT = "en"
DOMAIN = "mtm"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"

# The process speaks one language (set_language); `speaking` overrides it in one context (an
# order's files). A thread starts in a fresh context, so it hears the process's language, not
# an English default: the marker solver's thread and any worker speak what the window speaks.
_process = DEFAULT
_current: ContextVar[str | None] = ContextVar("language", default=None)


def system_language() -> str:
    """The system locale's language if the product speaks it, else English."""
    names = [os.environ.get(v, "") for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    names.append(locale.getlocale()[0] or "")
    for name in names:
        for part in name.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                return DEFAULT
    return DEFAULT


def choose(setting: str | None = None) -> str:
    """The language to speak: a known setting wins, else the system's."""
    return setting if setting in LANGUAGES else system_language()


def set_language(code: str) -> None:
    """The language the whole process speaks from now on (every thread, outside `speaking`)."""
    global _process
    if code not in LANGUAGES:
        raise ValueError(f"language '{code}': choose one of {', '.join(LANGUAGES)}")
    _process = code
    _current.set(None)


def current() -> str:
    """The language spoken now: the `speaking` block's, else the process's."""
    return _current.get() or _process


@contextmanager
def speaking(code: str | None) -> Iterator[None]:
    """Speak `code` (an order's language) inside the block; unknown or empty → as now."""
    token = _current.set(code) if code in LANGUAGES else None
    try:
        yield
    finally:
        if token is not None:
            _current.reset(token)


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def _(text: str) -> str:
    """`text` (English, the source) in the language spoken now."""
    code = current()
    return text if code == DEFAULT else _catalogue(code).gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """`singular` or `plural` (English, the source) for `n`, in the language spoken now."""
    code = current()
    if code == DEFAULT:
        return singular if n == 1 else plural
    return _catalogue(code).ngettext(singular, plural, n)


def N_(text: str) -> str:
    """Marks `text` for extraction where it is defined; `_()` translates it where it is shown."""
    return text


DECIMAL_COMMA = {"fr"}


def number(value: float | str, decimals: int | None = None) -> str:
    """A number as people read it in the language spoken now: '81.5' or '81,5' (French).

    A float is written with `decimals` places (else as short as exact, `:g`); text already
    formatted (a tape reading such as '38 1/2' or '+1.6') only has its decimal point swapped.
    Not for files and fields a program reads back: those keep the point.
    """
    if isinstance(value, str):
        text = value
    else:
        text = f"{value:.{decimals}f}" if decimals is not None else f"{value:g}"
    return text.replace(".", ",") if current() in DECIMAL_COMMA else text


def date_text(day: date | str | None) -> str:
    """A date as the cutting room writes it: ISO 2026-12-04 in English (unambiguous between
    UK and US shops), 04/12/2026 in French (the day first, as every French form has it)."""
    if not day:
        return ""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return day  # not a date: shown as it is
    return day.strftime("%d/%m/%Y") if current() == "fr" else day.isoformat()


# A block text with what the drafting adds to it (a piece or place per side, a fold piece cut
# open, a fit check of one side): translated as a whole sentence around the block's own words.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (" (left)", N_("{name} (left)")),
    (" (right)", N_("{name} (right)")),
    (" (cut open)", N_("{name} (cut open)")),
    (" — left side", N_("{name} — left side")),
    (" — right side", N_("{name} — right side")),
)


def block_text(text: str) -> str:
    """A block's own words (block, option, piece, material, fit check or alteration place names:
    English in patterns/*.yaml) in the language spoken now, with the side or 'cut open' the
    draft added to them. The UI and the preview call this for every block text they show."""
    said = _(text) if text else text
    if said != text or current() == DEFAULT:
        return said  # the block's own words, whole ("Shoulder (left)" as its file names it)
    for suffix, pattern in _SUFFIXES:
        if text.endswith(suffix):
            return _(pattern).format(name=block_text(text.removesuffix(suffix)))
    return said


def choice_text(value: object) -> str:
    """A style option's value as people read it ('button_down' → 'button down', or its French;
    true/false → yes/no)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return block_text(str(value).replace("_", " "))
