"""Read AAMA / ASTM DXF files as garment CADs write them, into MTM Studio's piece model.

Real exports differ: the boundary is one closed polyline or a chain of open ones (or LINEs);
notches are POINTs or short LINEs; a piece name may lead with the style name (the order
reference, as ours do), which is taken off; text keys come in any case, with or without a space after
the colon; units are METRIC or ENGLISH; block names may hold spaces; a graded nest has a block
per piece per size. Whatever cannot be used is reported, not silently dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import ezdxf
import numpy as np
from ezdxf.lldxf.const import DXFError

from mtm_app.datafile import DataFileError, clip, read_bytes, shown
from mtm_app.errors import Location, MtmError
from mtm_app.geometry.polyline import Polyline
from mtm_app.pieces import Edge, InternalLine, Notch, Piece

NOTCH_KINDS = {"4": "slit", "80": "t", "81": "castle", "82": "v", "83": "u"}
_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s?(.*)$")
_RULE = re.compile(r"^\s*#\s*(\d{1,6})\s*$")
CHAIN_TOLERANCE = 0.05  # mm between the ends of open boundary pieces
SHORT_LINE = 15.0  # mm: a LINE on the notch layer shorter than this is a notch


class DxfImportError(MtmError):
    """The file cannot be read as a DXF, or holds no pieces."""


@dataclass
class ImportedFile:
    units: str
    style: dict[str, str]
    pieces: list[tuple[str, Piece]]  # (size, piece)
    skipped: list[str] = field(default_factory=list)
    # grade rule numbers written on turn points ("# n"), per (size, piece name), draft coordinates
    rule_points: dict[tuple[str, str], list[tuple[int, tuple[float, float]]]] = field(
        default_factory=dict)

    @property
    def sizes(self) -> list[str]:
        """Sizes in the order the file lists them (CADs write a graded nest in size order)."""
        return list(dict.fromkeys(s for s, _ in self.pieces))


def _texts(entities) -> dict[str, str]:
    out = {}
    for e in entities:
        if e.dxftype() in ("TEXT", "MTEXT"):
            m = _KEY.match(e.dxf.text if e.dxftype() == "TEXT" else e.text)
            if m:
                out[m.group(1).lower().replace(" ", "_")] = m.group(2).strip()
    return out


def _points(e, scale: float) -> list[tuple[float, float]]:
    kind = e.dxftype()
    if kind == "LINE":
        raw = [e.dxf.start, e.dxf.end]
    elif kind == "LWPOLYLINE":
        raw = [(p[0], p[1]) for p in e.get_points("xy")]
    else:  # POLYLINE
        raw = [v.dxf.location for v in e.vertices]
    return [(float(p[0]) * scale, -float(p[1]) * scale) for p in raw]


def _closed(e) -> bool:
    return e.dxftype() != "LINE" and bool(e.closed if e.dxftype() == "LWPOLYLINE" else e.is_closed)


def _chain(parts: list[list[tuple[float, float]]]) -> list[tuple[float, float]] | None:
    """Join open boundary pieces end to end (either direction) into one ring."""
    if not parts:
        return None
    ring = list(parts[0])
    rest = [list(p) for p in parts[1:]]
    while rest:
        end = ring[-1]
        for i, p in enumerate(rest):  # noqa: B007 (i is used after the loop)
            if math.dist(end, p[0]) <= CHAIN_TOLERANCE:
                ring += p[1:]
                break
            if math.dist(end, p[-1]) <= CHAIN_TOLERANCE:
                ring += p[::-1][1:]
                break
        else:
            return None
        rest.pop(i)
    if math.dist(ring[0], ring[-1]) <= CHAIN_TOLERANCE:
        ring.pop()
    return ring


def _ring(entities, layer: str, scale: float) -> list[tuple[float, float]] | None:
    shapes = [e for e in entities if e.dxf.layer == layer
              and e.dxftype() in ("POLYLINE", "LWPOLYLINE", "LINE")]
    closed = [e for e in shapes if _closed(e)]
    if closed:
        return _points(closed[0], scale)
    return _chain([_points(e, scale) for e in shapes])


def _rule_points(entities, scale: float) -> list[tuple[int, tuple[float, float]]]:
    out = []
    for e in entities:
        m = _RULE.match(e.dxf.text) if e.dxftype() == "TEXT" else None
        if m:
            x, y = e.dxf.insert[0], e.dxf.insert[1]
            out.append((int(m.group(1)), (float(x) * scale, -float(y) * scale)))
    return out


_USED = {"LINE", "POLYLINE", "LWPOLYLINE", "POINT", "TEXT", "MTEXT"}


def _read_block(name: str, block, scale: float, size_default: str, skipped: list[str],
                order: str = "") -> tuple[str, Piece] | None:
    entities = [e for e in block if e.dxftype() in _USED]
    info = _texts(entities)
    cut = _ring(entities, "1", scale)
    if cut is None or len(cut) < 3:
        skipped.append(f"block '{name}': no closed boundary on layer 1")
        return None
    sew = _ring(entities, "14", scale) or cut
    cut_arr, sew_arr = np.asarray(cut), np.asarray(sew)
    notches, drills, internal, folds, grain = [], [], [], [], None
    cut_ring = Polyline(np.vstack([cut_arr, cut_arr[:1]]))
    for e in entities:
        layer, kind = e.dxf.layer, e.dxftype()
        if kind == "POINT" and layer in NOTCH_KINDS:
            x, y, z = e.dxf.location
            angle = math.radians(e.dxf.get("angle", 0.0))
            inward = (math.cos(angle), -math.sin(angle))
            p = (float(x) * scale, -float(y) * scale)
            depth = float(z) * scale or 6.0
            notches.append(Notch(p, p, inward, depth, float(e.dxf.get("thickness", 0.0)) * scale,
                                 NOTCH_KINDS[layer], ""))
        elif kind == "LINE" and layer == "4":
            a, b = _points(e, scale)
            if math.dist(a, b) > SHORT_LINE:
                skipped.append(f"block '{name}': a {math.dist(a, b):.0f} mm line on the notch layer")
                continue
            on, off = (a, b) if cut_ring.project(a)[1] <= cut_ring.project(b)[1] else (b, a)
            length = math.dist(a, b) or 1.0
            notches.append(Notch(on, on, ((off[0] - on[0]) / length, (off[1] - on[1]) / length),
                                 length, 0.0, "slit", ""))
        elif kind == "POINT" and layer == "13":
            x, y = e.dxf.location[0], e.dxf.location[1]
            drills.append((float(x) * scale, -float(y) * scale))
        elif kind == "LINE" and layer == "7":
            grain = tuple(_points(e, scale))
        elif kind == "LINE" and layer == "6":
            folds.append(tuple(_points(e, scale)))
        elif kind in ("POLYLINE", "LWPOLYLINE", "LINE") and layer in ("8", "11"):
            internal.append(InternalLine("cutout" if layer == "11" else "stitch",
                                         tuple(_points(e, scale))))
    piece_name = info.get("piece_name", name)
    if order and piece_name.startswith(order + " ") and len(piece_name) > len(order) + 1:
        piece_name = piece_name[len(order) + 1:]  # ours: the order reference leads the name
    quantity, mirror = _quantity(info.get("quantity", "1"), piece_name)
    # AAMA writes a count only: the pair is said in the annotation ("mirror pair", ours)
    mirror = mirror or "mirror pair" in info.get("annotation", "").lower()
    seam_path = Polyline(np.vstack([sew_arr, sew_arr[:1]]))
    piece = Piece(
        id=name, name=piece_name, edges=[Edge("boundary", seam_path, 0.0)],
        seam_line=sew_arr, cut_line=cut_arr, notches=notches, grainline=grain,
        fold_lines=folds, drills=drills, internal_lines=internal,
        label={k: v for k, v in info.items() if k in ("annotation", "category")},
        quantity=quantity, mirror=mirror, material=_material(info.get("material", "")),
    )
    return info.get("size", size_default) or size_default, piece


MAX_QUANTITY = 100  # pieces of one kind in one garment: more is a typo, not a cut


def _quantity(text: str, piece: str) -> tuple[int, bool]:
    """'2' → (2, False); ASTM 'R,L' '1,1' → (2, True); anything else is refused, naming the
    piece (a quantity read wrong is a garment cut wrong)."""
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if not parts:
        return 1, False
    if len(parts) > 2 or not all(re.fullmatch(r"\d{1,3}(?:\.0*)?", p) for p in parts):
        raise DxfImportError(f"piece {shown(piece)}: Quantity {shown(text)} is not a count of pieces",
                             hint="write a whole number, or R,L such as 1,1")
    numbers = [int(float(p)) for p in parts]  # some CADs write 2.0
    if not 1 <= sum(numbers) <= MAX_QUANTITY:
        raise DxfImportError(f"piece {shown(piece)}: Quantity {shown(text)} is not 1 to {MAX_QUANTITY}",
                             hint="check the piece's Quantity text")
    if len(numbers) == 2:
        return sum(numbers), numbers[1] > 0
    return numbers[0], False


def _material(text: str) -> str:
    t = text.strip().lower()
    return t if t in ("self", "lining", "interfacing", "contrast") else "self"


MAX_ENTITIES = 60_000  # vertices included: a graded nest of 12 sizes × 20 pieces of 200 points
# holds some 50,000; ezdxf reads ~8,000 a second, so an import takes at most ~8 s, ~150 MB
MAX_COORDINATE = 1e7  # mm (10 km): beyond any cutting table, in either unit
BINARY_SENTINEL = b"AutoCAD Binary DXF"
_INT = re.compile(r"^\s*-?\d{1,12}\s*$")


def _number_kind(code: int) -> type | None:
    """float for coordinate and real codes, int for integer codes, None for text (DXF reference)."""
    if 10 <= code <= 59 or 110 <= code <= 149 or 210 <= code <= 239 or 1010 <= code <= 1059:
        return float
    if 60 <= code <= 99 or 170 <= code <= 179 or 270 <= code <= 289 or 370 <= code <= 389 \
            or 400 <= code <= 409 or 1060 <= code <= 1071:
        return int
    return None


def _bad(message: str, path: Path, line: int, hint: str) -> DxfImportError:
    return DxfImportError(f"cannot read the DXF: {message}", Location(str(path), line), hint)


def _number_ok(kind: type, text: str, header: bool) -> bool:
    if kind is int:
        return bool(_INT.match(text))
    try:
        value = float(text)
    except ValueError:
        return False
    return math.isfinite(value) and (header or abs(value) <= MAX_COORDINATE)


def check_tags(data: bytes, path: Path) -> None:
    """Refuse what ezdxf would choke on or take far too long over, naming the line: a binary
    DXF, a group code that is not a number, a code without its value, a coordinate that is not
    a finite number of sensible size, more entities than any garment CAD writes."""
    if data.startswith(BINARY_SENTINEL):
        raise _bad("it is a binary DXF", path, 1, "export it from the CAD again as ASCII DXF")
    lines = data.decode("latin-1").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    entities, header = 0, False  # the header's extents are often ±1e20: only finite there
    for k in range(0, len(lines), 2):
        if not _INT.match(lines[k]):
            raise _bad(f"group code {shown(lines[k].strip())} is not a number", path, k + 1,
                       "the file is damaged or not a DXF; export it again")
        if k + 1 == len(lines):
            raise _bad("the last group code has no value (an odd number of lines)", path, k + 1,
                       "the file is cut short; export it again")
        code, value = int(lines[k]), lines[k + 1].strip()
        entities += code == 0
        if entities > MAX_ENTITIES:
            raise _bad(f"more than {MAX_ENTITIES:,} entities, more than any pattern has", path,
                       k + 1, "export the pieces in smaller files")
        if code in (0, 2):
            header = (header or value == "HEADER") and value != "ENDSEC"
        kind = _number_kind(code)
        if kind and not _number_ok(kind, value, header):
            raise _bad(f"group {code} holds {shown(value)}, not a number of sensible size", path,
                       k + 2, "the file is damaged; export it again")


# ezdxf's reader meets untrusted text: whatever it raises on a file it cannot make sense of
_EZDXF_FAILURES = (DXFError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                   UnicodeDecodeError, RecursionError)


def read_aama(path: str | Path) -> ImportedFile:
    """Every piece (per size) of an AAMA/ASTM DXF, in draft coordinates and mm."""
    path = Path(path)
    try:
        data = read_bytes(path)
    except DataFileError as exc:
        raise DxfImportError(exc.message, exc.where, exc.hint) from None
    check_tags(data, path)
    try:
        doc = ezdxf.readfile(path)
    except (OSError, *_EZDXF_FAILURES) as exc:
        raise DxfImportError(f"cannot read the DXF: {clip(str(exc))}", Location(str(path)),
                             "export it from the CAD again") from None
    try:
        result = _pieces(doc)
    except _EZDXF_FAILURES as exc:  # an entity ezdxf read but cannot give (damaged attributes)
        raise DxfImportError(f"cannot read the DXF: {clip(str(exc))}", Location(str(path)),
                             "export it from the CAD again") from None
    if not result.pieces:
        raise DxfImportError("the file holds no pieces", Location(str(path)),
                             "an AAMA file has one block per piece with its boundary on layer 1")
    return result


def _pieces(doc) -> ImportedFile:
    style = _texts(doc.modelspace())
    units = "in" if style.get("units", "").upper().startswith("ENGLISH") else "mm"
    scale = 25.4 if units == "in" else 1.0
    size = style.get("sample_size", "")
    result = ImportedFile(units, style, [])
    inserted = {e.dxf.name for e in doc.modelspace() if e.dxftype() == "INSERT"}
    for block in doc.blocks:
        name = block.name
        if name.startswith("*") or name.upper().startswith("$"):
            continue
        if inserted and name not in inserted:
            result.skipped.append(f"block {shown(name)} is not inserted")
            continue
        found = _read_block(clip(name), block, scale, size, result.skipped, style.get("style_name", ""))
        if found:
            result.pieces.append(found)
            rules = _rule_points(list(block), scale)
            if rules:
                result.rule_points[(found[0], found[1].name)] = rules
    return result
