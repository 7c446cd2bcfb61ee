"""Errors a user can act on: each names where the problem is and how to fix it.

Every error the engine raises for bad input derives from `MtmError`, so the CLI and the UI
can show it as one clear line instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from mtm_app.i18n import _


@dataclass(frozen=True)
class Location:
    """Where in a block file something is: file, 1-based line, and element path."""

    file: str = ""
    line: int = 0
    element: str = ""

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file + (f":{self.line}" if self.line else ""))
        if self.element:
            parts.append(self.element)
        return ", ".join(parts)


class MtmError(Exception):
    """A problem caused by input (a block, a measurement file, an option), not by a bug."""

    def __init__(self, message: str, where: Location | None = None, hint: str = "") -> None:
        self.message = message
        self.where = where or Location()
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if str(self.where) else self.message
        return f"{text} — {self.hint}" if self.hint else text


class Cancelled(MtmError):
    """The person stopped a long piece of work; whatever it would have written was not."""


class BlockError(MtmError):
    """The block file is malformed or one of its formulas cannot be compiled or evaluated."""


class MeasurementError(MtmError):
    """A measurement file or value is unusable."""


class OptionError(MtmError):
    """A style option has an unknown name or a value outside its declared type or bounds."""


def did_you_mean(name: str, candidates, fallback: str = "") -> str:
    """A hint naming the closest known names to a mistyped one (up to three)."""
    import difflib

    close = difflib.get_close_matches(str(name), [str(c) for c in candidates], n=3, cutoff=0.6)
    if not close:
        return fallback
    return _("did you mean {names}?").format(names=_(" or ").join(f"'{c}'" for c in close))
