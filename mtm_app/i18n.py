"""Which language the product speaks, and the core's words in it (Qt-free).

The window's own words go through Qt's translation system (`tr`, resources/i18n/*.qm); what the
core writes — check messages, advice, cut tickets, PDF labels, measurement names and how-to
texts — goes through `_()` here, from gettext catalogues in resources/locale. Both follow the
one language chosen here: the user's setting if there is one, else the system locale.

A ticket or PDF is written in its order's language, whatever the window speaks: wrap the
writing in `with speaking(order_language):`.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "fr": "Français"}  # code → the language's own name
DEFAULT = "en"
DOMAIN = "mtm"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


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
    if code not in LANGUAGES:
        raise ValueError(f"language '{code}': choose one of {', '.join(LANGUAGES)}")
    _current.set(code)


def current() -> str:
    return _current.get()


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
    code = _current.get()
    return text if code == DEFAULT else _catalogue(code).gettext(text)
