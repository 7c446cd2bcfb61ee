"""A look at a DXF's group codes before ezdxf reads it: what ezdxf would choke on or take far too
long over is refused naming the line.

Coordinates are held to a sensible size only where pieces are drawn (BLOCKS, ENTITIES, or a
file without sections). Elsewhere any finite number goes: AutoCAD, ezdxf and most CADs write
±1e20 as the extents of an empty drawing or layout in the HEADER and in OBJECTS (R2000 and later).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from mtm_app.datafile import shown
from mtm_app.errors import Location, MtmError
from mtm_app.i18n import _

MAX_ENTITIES = 60_000  # vertices included: a graded nest of 12 sizes × 20 pieces of 200 points
# holds some 50,000; ezdxf reads ~8,000 a second, so an import takes at most ~8 s, ~150 MB
MAX_COORDINATE = 1e7  # mm (10 km): beyond any cutting table, in either unit
BINARY_SENTINEL = b"AutoCAD Binary DXF"
# sections that hold no piece geometry: settings, styles, layouts' extents
UNBOUNDED_SECTIONS = {"HEADER", "CLASSES", "TABLES", "OBJECTS"}
_INT = re.compile(r"^[ \t]*-?\d{1,12}[ \t]*$")  # int() takes no other blank (\x1f)


class DxfImportError(MtmError):
    """The file cannot be read as a DXF, or holds no pieces, or a piece that cannot be cut."""


def _number_kind(code: int) -> type | None:
    """float for coordinate and real codes, int for integer codes, None for text (DXF reference)."""
    if 10 <= code <= 59 or 110 <= code <= 149 or 210 <= code <= 239 or 1010 <= code <= 1059:
        return float
    if 60 <= code <= 99 or 170 <= code <= 179 or 270 <= code <= 289 or 370 <= code <= 389 \
            or 400 <= code <= 409 or 1060 <= code <= 1071:
        return int
    return None


def _bad(message: str, path: Path, line: int, hint: str) -> DxfImportError:
    return DxfImportError(_("cannot read the DXF: {problem}").format(problem=message),
                          Location(str(path), line), hint)


def _number_ok(kind: type, text: str, bounded: bool) -> bool:
    if kind is int:
        return bool(_INT.match(text))
    try:
        value = float(text)
    except ValueError:
        return False
    return math.isfinite(value) and (not bounded or abs(value) <= MAX_COORDINATE)


def check_tags(data: bytes, path: Path) -> None:
    """Refuse, naming the line, a binary DXF, a group code that is not a number, a code without
    its value, a number that is not finite (or, where pieces are drawn, not of sensible size),
    more entities than any garment CAD writes."""
    if data.startswith(BINARY_SENTINEL):
        raise _bad(_("it is a binary DXF"), path, 1, _("export it from the CAD again as ASCII DXF"))
    lines = data.decode("latin-1").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    entities, section, naming = 0, "", False
    for k in range(0, len(lines), 2):
        if not _INT.match(lines[k]):
            raise _bad(_("group code {code} is not a number").format(code=shown(lines[k].strip(" \t"))),
                       path, k + 1, _("the file is damaged or not a DXF; export it again"))
        if k + 1 == len(lines):
            raise _bad(_("the last group code has no value (an odd number of lines)"), path, k + 1,
                       _("the file is cut short; export it again"))
        code, value = int(lines[k]), lines[k + 1].strip()
        if code == 0:
            entities += 1
            if entities > MAX_ENTITIES:
                raise _bad(_("more than {count} entities, more than any pattern has").format(
                    count=f"{MAX_ENTITIES:,}"), path, k + 1, _("export the pieces in smaller files"))
            naming = value == "SECTION"
            section = "" if value == "ENDSEC" else section
        elif code == 2 and naming:
            section, naming = value.upper(), False
        kind = _number_kind(code)
        if kind and not _number_ok(kind, value, section not in UNBOUNDED_SECTIONS):
            raise _bad(_("group {code} holds {value}, not a number of sensible size").format(
                code=code, value=shown(value)), path, k + 2, _("the file is damaged; export it again"))
