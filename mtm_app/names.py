"""Labels become file names here, and only here.

A block id, a piece name, a size label, an order reference or a CSV id is text someone typed
(or a file from another CAD carried): `../../x`, `PO 77/3` or `38/40` must never write outside
the folder chosen nor create sub-folders. Every writer that names a file after a label calls
`safe_filename`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from mtm_app.datafile import clip
from mtm_app.errors import Location, MtmError

MAX_LENGTH = 120  # bytes of UTF-8: well under every file system's 255
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}  # Windows device names
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\ud800-\udfff\u202a-\u202e\u2066-\u2069]+')
# separators, controls, characters Windows refuses, lone surrogates (a DXF read with
# surrogateescape holds them), and bidi overrides (which make a name read backwards)


def safe_filename(label: str, fallback: str = "unnamed") -> str:
    """`label` as one file name: no separators, no `.`/`..`, no control characters, no
    leading dot (hidden) and at most `MAX_LENGTH` bytes; letters of every script are kept
    (`Łódź` stays `Łódź`), a slash becomes `-` (`38/40` → `38-40`)."""
    text = _UNSAFE.sub("-", unicodedata.normalize("NFC", _UNSAFE.sub("-", str(label))))
    text = re.sub(r"\s+", " ", text).strip(" .-")
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    text = text.encode("utf-8")[:MAX_LENGTH].decode("utf-8", "ignore").rstrip(" .")
    return text or fallback

class NameClashError(MtmError):
    """Two labels of one run would be written to the same file: one would be lost."""


def file_names(labels: Sequence[str], suffix: str, what: str = "label",
               where: Location | None = None) -> list[str]:
    """One safe file name (`safe_filename(label) + suffix`) per label, refusing any two that
    would be the same file (compared without case, as Windows and macOS do) — whether the
    labels are equal (`A` twice) or only alike (`38/40`, `38-40`)."""
    names: list[str] = []
    seen: dict[str, str] = {}
    for label in labels:
        name = safe_filename(label) + suffix
        other = seen.setdefault(name.casefold(), label)
        if len(seen) == len(names):  # the name was taken already
            problem = (f"{what} {clip(repr(label))} is given twice" if other == label else
                       f"{what}s {clip(repr(other))} and {clip(repr(label))} would both be "
                       f"written as '{name}'")
            raise NameClashError(problem, where,
                                 f"give each {what} its own name, so no file overwrites another")
        names.append(name)
    return names
