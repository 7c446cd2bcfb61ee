"""Read AAMA / ASTM DXF files as garment CADs write them, into MTM Studio's piece model.

Real exports differ: the boundary is one closed polyline or a chain of open ones, lines, arcs or
splines; notches are POINTs or short LINEs; a piece name may lead with the style name (the order
reference, as ours do), which is taken off; text keys come in any case, with or without a space
after the colon; block names may hold spaces; a graded nest has a block per piece per size; R12
to R2018. A piece is the block an INSERT of the model space reaches (through nested blocks if
that one holds only INSERTs), drawn where the INSERTs put it: their move, turn, scale, mirror and
extrusion (`Insert.matrix44`) apply to all it holds; curves (polyline bulges, arcs, circles,
ellipses, splines, an entity's own OCS) are drawn by ezdxf's paths, flattened to within 0.05 mm.
Units: the AAMA `Units:` text, else $INSUNITS, else mm, and the report says which. Whatever
cannot be used is reported, not silently dropped; an outline that cannot be cut refuses the
file, naming the piece and where (`dxf_outline.py`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import ezdxf
import numpy as np
from ezdxf import path as dxf_path
from ezdxf.lldxf.const import DXFError
from ezdxf.math import X_AXIS, Y_AXIS, Matrix44, Vec3

from mtm_app.datafile import DataFileError, clip, listed, read_bytes, shown
from mtm_app.errors import Location
from mtm_app.export.dxf_outline import OutlineError, Point, Shape, outline
from mtm_app.export.dxf_tags import MAX_COORDINATE, MAX_ENTITIES, DxfImportError, check_tags
from mtm_app.geometry.polyline import Polyline
from mtm_app.i18n import _, number
from mtm_app.pieces import Edge, InternalLine, Notch, Piece

NOTCH_KINDS = {"4": "slit", "80": "t", "81": "castle", "82": "v", "83": "u"}
SHAPES = {"LINE", "LWPOLYLINE", "POLYLINE", "ARC", "CIRCLE", "ELLIPSE", "SPLINE"}  # ezdxf paths
_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s?(.*)$")
_RULE = re.compile(r"^\s*#\s*(\d{1,6})\s*$")
SHORT_LINE = 15.0  # mm: a LINE on the notch layer shorter than this is a notch
FLATTEN = 0.05  # mm: a curve's chords stray no further from it
CHORDS_ACROSS = 20_000  # a curve far larger than a piece is flattened to about this many chords
MAX_POINTS = 400_000  # of every outline once its curves are flattened: some 40 graded nests' worth
MAX_DEPTH = 16  # INSERTs within INSERTs; CADs nest a piece one or two deep
MAX_DRAWN = 4 * MAX_ENTITIES  # entities the INSERTs draw, each block counted where it is put
MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "m": 1000.0, "in": 25.4, "ft": 304.8}  # exact, by definition
INSUNITS = {4: "mm", 5: "cm", 6: "m", 1: "in", 2: "ft"}  # $INSUNITS codes (DXF reference)


@dataclass
class ImportedFile:
    units: str  # the drawing's unit: mm, cm, m, in or ft
    style: dict[str, str]
    pieces: list[tuple[str, Piece]]  # (size, piece)
    skipped: list[str] = field(default_factory=list)
    # grade rule numbers written on turn points ("# n"), per (size, piece name), draft coordinates
    rule_points: dict[tuple[str, str], list[tuple[int, tuple[float, float]]]] = field(
        default_factory=dict)
    units_from: str = ""  # how the unit was known: said beside it
    warnings: list[str] = field(default_factory=list)  # read, but changed or doubtful: said

    @property
    def sizes(self) -> list[str]:
        """Sizes in the order the file lists them (CADs write a graded nest in size order)."""
        return list(dict.fromkeys(s for s, _ in self.pieces))


def _texts(entities: Iterable) -> dict[str, str]:
    out = {}
    for e in entities:
        if e.dxftype() in ("TEXT", "MTEXT"):
            m = _KEY.match(e.dxf.text if e.dxftype() == "TEXT" else e.plain_text())
            if m:
                out[m.group(1).lower().replace(" ", "_")] = m.group(2).strip()
    return out


def _units(doc, style: dict[str, str], warnings: list[str]) -> tuple[str, str]:
    """(unit, how it was known): the Units text wins, else $INSUNITS, else mm."""
    text = style.get("units", "").strip().upper()
    header = INSUNITS.get(doc.header.get("$INSUNITS", 0))
    said = "in" if text.startswith("ENGLISH") else "mm" if text.startswith("METRIC") else None
    if said:
        if header and header != said:
            warnings.append(_("the Units text says {text} ({unit}) but $INSUNITS says {header}: read "
                              "in {unit}, as the Units text says").format(
                text=clip(text), unit=said, header=header))
        return said, _("the Units text")
    if text:
        warnings.append(_("the Units text {text} is neither METRIC nor ENGLISH").format(text=shown(text)))
    if header:
        return header, "$INSUNITS"
    return "mm", _("neither a Units text nor $INSUNITS: mm assumed")


class _Walk:
    """The pieces of a drawing, found through its INSERTs, each entity with the transform that
    puts it in the drawing (nested INSERTs' transforms composed, inner first)."""

    def __init__(self, doc, where: Location, result: ImportedFile) -> None:
        self.doc, self.where, self.result = doc, where, result
        self.drawn = 0
        self.reached: set[str] = set()
        self.placed: Counter[str] = Counter()

    def _block(self, name: str, chain: tuple[str, ...]):
        if name in chain:
            raise DxfImportError(_("block {block} inserts itself (through {chain})").format(
                block=shown(name), chain=clip(" → ".join(chain))), self.where,
                _("the file is damaged; export it again"))
        if len(chain) >= MAX_DEPTH:
            raise DxfImportError(_("blocks are inserted more than {count} deep").format(count=MAX_DEPTH),
                                 self.where, _("export the pieces from the CAD again"))
        block = self.doc.blocks.get(name)
        if block is None:
            self.result.skipped.append(_("an INSERT of block {block}, which the file does not "
                                         "define").format(block=shown(name)))
        self.reached.add(name)
        return block

    def pieces(self, name: str, m: Matrix44, chain: tuple[str, ...] = ()
               ) -> Iterator[tuple[str, list[tuple[object, Matrix44]]]]:
        """(block name, its entities drawn) of each piece under block `name` put by `m`."""
        block = self._block(name, chain)
        if block is None:
            return
        own = list(block)
        inserts = [e for e in own if e.dxftype() == "INSERT"]
        holds = any(e.dxftype() in SHAPES and e.dxf.layer == "1" for e in own) or "piece_name" in _texts(own)
        if inserts and not holds:  # a block of pieces, or a piece wrapped in a block
            self._count(len(own))
            for e in inserts:
                if e.dxf.name in self.placed:  # a piece read already: counted, not drawn again
                    self.placed[e.dxf.name] += 1
                else:
                    yield from self.pieces(e.dxf.name, e.matrix44() @ m, (*chain, name))
            return
        self.placed[name] += 1
        if self.placed[name] == 1:
            yield name, list(self._drawn(own, m, (*chain, name)))

    def _count(self, entities: int) -> None:
        """Bound the work: a block inserted a thousand times in one inserted a thousand times
        would otherwise be drawn a million times."""
        self.drawn += entities
        if self.drawn > MAX_DRAWN:
            raise DxfImportError(_("the blocks' INSERTs draw more than {count} entities").format(
                count=f"{MAX_DRAWN:,}"), self.where, _("export the pieces in smaller files"))

    def _drawn(self, entities: list, m: Matrix44, chain: tuple[str, ...]
               ) -> Iterator[tuple[object, Matrix44]]:
        self._count(len(entities))
        for e in entities:
            if e.dxftype() != "INSERT":
                yield e, m
            elif (block := self._block(e.dxf.name, chain)) is not None:
                yield from self._drawn(list(block), e.matrix44() @ m, (*chain, e.dxf.name))

    def roots(self) -> list[tuple[str, Matrix44]]:
        """The model space's INSERTs; without any, every block no other block inserts."""
        inserts = [e for e in self.doc.modelspace() if e.dxftype() == "INSERT"]
        for e in inserts:
            if e.mcount > 1:
                self.result.warnings.append(_("block {block} is inserted as an array of {count}: read "
                                              "once").format(block=shown(e.dxf.name), count=e.mcount))
        if inserts:
            return [(e.dxf.name, e.matrix44()) for e in inserts]
        nested = {e.dxf.name for b in self.doc.blocks for e in b if e.dxftype() == "INSERT"}
        return [(b.name, Matrix44()) for b in self.doc.blocks if _ours(b.name) and b.name not in nested]

    def report(self) -> None:
        """Say which blocks no INSERT reaches, and which are put more than once."""
        for block in self.doc.blocks:
            if _ours(block.name) and block.name not in self.reached:
                self.result.skipped.append(_("block {block} is not inserted").format(block=shown(block.name)))
        for name, count in self.placed.items():
            if count > 1:
                self.result.warnings.append(_("block {block} is inserted {count} times: its piece is read "
                                              "once (its Quantity text says how many are cut)").format(
                    block=shown(name), count=count))


def _ours(name: str) -> bool:
    """Not a layout's block ($MODEL_SPACE, *Paper_Space) nor an anonymous one (*U1, *D2)."""
    return not name.startswith("*") and not name.upper().startswith("$")


@dataclass
class _Reader:
    """Reads each piece's entities into a Piece, in mm and draft coordinates (y down)."""

    where: Location
    scale: float  # mm per drawing unit
    order: str  # the style name: ours lead every piece name with it
    size: str  # the sample size: a piece's size when it has no Size text
    result: ImportedFile
    points: int = 0

    def draft(self, v: Vec3) -> Point:
        return float(v.x) * self.scale, -float(v.y) * self.scale

    def at(self, p: Point) -> str:
        """A draft point as the drawing's own coordinates, for a message."""
        return _("({x}, {y})").format(x=number(round(p[0] / self.scale, 3)),
                                      y=number(round(-p[1] / self.scale, 3)))

    def flat(self, e, m: Matrix44) -> list[Point]:
        """The entity's curve put by `m`, in chords within FLATTEN of it."""
        drawn = dxf_path.make_path(e).transform(m)
        box = dxf_path.bbox([drawn], fast=True)
        extent = max(box.size.x, box.size.y) if box.has_data else 0.0
        if extent * self.scale > MAX_COORDINATE:
            raise DxfImportError(_("a {kind} is {size} km across, no piece is").format(
                kind=e.dxftype(), size=number(extent * self.scale / 1e6, 1)), self.where,
                _("check the INSERTs' scale and the file's units"))
        out = []
        for v in drawn.flattening(max(FLATTEN / self.scale, extent / CHORDS_ACROSS)):
            self.points += 1
            if self.points > MAX_POINTS:
                raise DxfImportError(_("the outlines hold more than {count} points once their curves "
                                       "are drawn").format(count=f"{MAX_POINTS:,}"), self.where,
                                     _("export the pieces in smaller files"))
            out.append(self.draft(v))
        return out

    def outline(self, drawn: list, layer: str, named: str, piece: str) -> list[Point] | None:
        """The one outline on `layer`, or None if nothing is drawn there."""
        shapes = [Shape(e.dxftype(), self.flat(e, m)) for e, m in drawn
                  if e.dxf.layer == layer and e.dxftype() in SHAPES]
        if not shapes:
            return None
        try:
            points, notes = outline(shapes, self.at)
        except OutlineError as exc:
            if layer == "1":
                raise DxfImportError(str(exc), Location(self.where.file, element=named),
                                     _("draw the cut line on layer 1 as one closed outline going "
                                       "once round the piece, and export it again")) from None
            self.result.warnings.append(_("piece {piece}: its sew line (layer 14) is not used: "
                                          "{problem}").format(piece=shown(piece), problem=exc))
            return None
        line = _("cut line") if layer == "1" else _("sew line")
        self.result.warnings += [_("piece {piece}, {line}: {note}").format(piece=shown(piece), line=line,
                                                                           note=n) for n in notes]
        return points

    def piece(self, name: str, drawn: list) -> tuple[str, Piece] | None:
        info = _texts(e for e, _m in drawn)
        piece_name = info.get("piece_name", name)
        if self.order and piece_name.startswith(self.order + " ") and len(piece_name) > len(self.order) + 1:
            piece_name = piece_name[len(self.order) + 1:]  # ours: the order reference leads the name
        named = _("piece {name}").format(name=shown(piece_name)) + (
            "" if piece_name == name else " " + _("(block {block})").format(block=shown(name)))
        cut = self.outline(drawn, "1", named, piece_name)
        if cut is None:
            self.result.skipped.append(_no_boundary(name, drawn))
            return None
        sew = self.outline(drawn, "14", named, piece_name) or cut
        quantity, mirror = _quantity(info.get("quantity", "1"), Location(self.where.file, element=named))
        # AAMA writes a count only: the pair is said in the annotation ("mirror pair", ours)
        mirror = mirror or "mirror pair" in info.get("annotation", "").lower()
        cut_arr, sew_arr = np.asarray(cut), np.asarray(sew)
        marks = self._marks(drawn, Polyline(np.vstack([cut_arr, cut_arr[:1]])), name)
        rules = [(int(found.group(1)), self.draft(m.transform(e.ocs().to_wcs(e.dxf.insert))))
                 for e, m in drawn if e.dxftype() == "TEXT" and (found := _RULE.match(e.dxf.text))]
        size = info.get("size", self.size) or self.size
        if rules:
            self.result.rule_points[(size, piece_name)] = rules
        seam_path = Polyline(np.vstack([sew_arr, sew_arr[:1]]))
        return size, Piece(
            id=clip(name), name=piece_name, edges=[Edge("boundary", seam_path, 0.0)],
            seam_line=sew_arr, cut_line=cut_arr,
            label={k: v for k, v in info.items() if k in ("annotation", "category")},
            quantity=quantity, mirror=mirror, material=_material(info.get("material", "")), **marks)

    def _marks(self, drawn: list, cut_ring: Polyline, name: str) -> dict:
        """Notches, drills, grainline, mirror lines and internal lines, drawn where they are put."""
        notches, drills, internal, folds, grain = [], [], [], [], None
        for e, m in drawn:
            layer, kind = e.dxf.layer, e.dxftype()
            if kind == "POINT" and layer in NOTCH_KINDS:
                notches.append(self._point_notch(e, m, NOTCH_KINDS[layer]))
            elif kind == "LINE" and layer == "4":
                a, b = self.flat(e, m)
                if math.dist(a, b) > SHORT_LINE:
                    self.result.skipped.append(_("block {block}: a {length} mm line on the notch "
                                                 "layer").format(block=shown(name),
                                                                 length=number(round(math.dist(a, b)))))
                    continue
                on, off = (a, b) if cut_ring.project(a)[1] <= cut_ring.project(b)[1] else (b, a)
                length = math.dist(a, b) or 1.0
                notches.append(Notch(on, on, ((off[0] - on[0]) / length, (off[1] - on[1]) / length),
                                     length, 0.0, "slit", ""))
            elif kind == "POINT" and layer == "13":
                drills.append(self.draft(m.transform(e.dxf.location)))
            elif kind == "LINE" and layer == "7":
                grain = tuple(self.flat(e, m))
            elif kind == "LINE" and layer == "6":
                folds.append(tuple(self.flat(e, m)))
            elif kind in SHAPES and layer in ("8", "11"):
                internal.append(InternalLine("cutout" if layer == "11" else "stitch", tuple(self.flat(e, m))))
        return {"notches": notches, "drills": drills, "internal_lines": internal, "fold_lines": folds,
                "grainline": grain}

    def _point_notch(self, e, m: Matrix44, kind: str) -> Notch:
        """A notch POINT: z is its depth, group 50 the angle it points into the piece, 39 its width."""
        location = e.dxf.location
        p = self.draft(m.transform(location))
        towards = m.transform_direction(Vec3.from_deg_angle(e.dxf.get("angle", 0.0)))
        along = math.hypot(towards.x, towards.y) or 1.0
        ux, uy = m.transform_direction(X_AXIS), m.transform_direction(Y_AXIS)
        stretch = math.sqrt(abs(ux.x * uy.y - ux.y * uy.x)) * self.scale  # mm per unit drawn
        return Notch(p, p, (towards.x / along, -towards.y / along), float(location.z) * stretch or 6.0,
                     float(e.dxf.get("thickness", 0.0)) * stretch, kind, "")


def _no_boundary(name: str, drawn: list) -> str:
    """Why a block is not a piece, naming what is drawn instead of a boundary on layer 1."""
    unread = sorted({e.dxftype() for e, _m in drawn if e.dxf.layer == "1"}
                    - SHAPES - {"TEXT", "MTEXT", "POINT", "ATTDEF"})
    layers = sorted({e.dxf.layer for e, _m in drawn if e.dxftype() in SHAPES})
    if unread:
        return _("block {block}: no boundary on layer 1 ({kinds} there cannot be read as one)").format(
            block=shown(name), kinds=", ".join(unread))
    if layers:
        return _("block {block}: no boundary on layer 1 (outlines on layers {layers})").format(
            block=shown(name), layers=clip(listed(shown(layer) for layer in layers)))
    return _("block {block}: no boundary on layer 1").format(block=shown(name))


MAX_QUANTITY = 100  # pieces of one kind in one garment: more is a typo, not a cut


def _quantity(text: str, where: Location) -> tuple[int, bool]:
    """'2' → (2, False); ASTM 'R,L' '1,1' → (2, True); anything else is refused, naming the
    file and piece (a quantity read wrong is a garment cut wrong)."""
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if not parts:
        return 1, False
    if len(parts) > 2 or not all(re.fullmatch(r"\d{1,3}(?:\.0*)?", p) for p in parts):
        raise DxfImportError(_("Quantity {text} is not a count of pieces").format(text=shown(text)), where,
                             _("write a whole number, or R,L such as 1,1"))
    numbers = [int(float(p)) for p in parts]  # some CADs write 2.0
    if not 1 <= sum(numbers) <= MAX_QUANTITY:
        raise DxfImportError(_("Quantity {text} is not 1 to {most}").format(
            text=shown(text), most=MAX_QUANTITY), where, _("check the piece's Quantity text"))
    if len(numbers) == 2:
        return sum(numbers), numbers[1] > 0
    return numbers[0], False


def _material(text: str) -> str:
    t = text.strip().lower()
    return t if t in ("self", "lining", "interfacing", "contrast") else "self"


# ezdxf's reader meets untrusted text: whatever it raises on a file it cannot make sense of
_EZDXF_FAILURES = (DXFError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                   ArithmeticError, UnicodeDecodeError, RecursionError, StopIteration)


def _unreadable(exc: BaseException, path: Path) -> DxfImportError:
    problem = _("the file ends too soon") if isinstance(exc, StopIteration) else clip(str(exc))
    return DxfImportError(_("cannot read the DXF: {problem}").format(problem=problem), Location(str(path)),
                          _("export it from the CAD again"))


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
        raise _unreadable(exc, path) from None
    try:
        result = _pieces(doc, Location(str(path)))
    except _EZDXF_FAILURES as exc:  # an entity ezdxf read but cannot give (damaged attributes)
        raise _unreadable(exc, path) from None
    if not result.pieces:
        raise DxfImportError(_("the file holds no pieces") + "".join(
            f"; {clip(line, 200)}" for line in result.skipped[:3]), Location(str(path)),
            _("an AAMA file has one block per piece with its boundary on layer 1"))
    return result


def _pieces(doc, where: Location) -> ImportedFile:
    style = _texts(doc.modelspace())
    result = ImportedFile("mm", style, [])
    result.units, result.units_from = _units(doc, style, result.warnings)
    reader = _Reader(where, MM_PER_UNIT[result.units],
                     style.get("style_name", ""), style.get("sample_size", ""), result)
    walk = _Walk(doc, where, result)
    roots = walk.roots()
    if not roots and any(e.dxftype() in SHAPES and e.dxf.layer == "1" for e in doc.modelspace()):
        result.skipped.append(_("outlines on layer 1 are drawn in the model space, not in a block per piece"))
    for name, m in roots:
        for block, drawn in walk.pieces(name, m):
            found = reader.piece(block, drawn)
            if found:
                result.pieces.append(found)
    walk.report()
    return result
