"""Cut files for CAD and cutting rooms: AAMA / ASTM D6673 DXF (R12) and plain DXF (R2000).

AAMA/ASTM files follow what garment CADs exchange (see DOMAIN.md §6): R12, ASCII, numeric
layers, one BLOCK per piece with an INSERT at (0, 0), style text in ENTITIES, piece text in the
block, and no layout blocks (no $MODEL_SPACE / $PAPER_SPACE blocks, which AccuMark would read as
pieces) — written by our lean R12 writer. Plain DXF goes through ezdxf. DXF has y up, so draft
coordinates (y down) are mirrored in y; pieces are laid side by side so viewers show them apart.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import replace
from datetime import datetime

import numpy as np

from mtm_app.export.labels import MADE_TO_MEASURE, JobInfo, cut_count, piece_label_lines
from mtm_app.export.layout import Placement, shelf_boxes, shelf_layout
from mtm_app.export.r12 import Entities, ascii_text, document
from mtm_app.geometry.polyline import turn_mask
from mtm_app.pieces import Piece

Point = tuple[float, float]

# AAMA layers (ASTM D6673)
CUT, TURN, CURVE, NOTCH, GRADE_REFERENCE, MIRROR, GRAIN, INTERNAL, CUTOUT, DRILL, SEW, ANNOTATION = (
    "1", "2", "3", "4", "5", "6", "7", "8", "11", "13", "14", "15")
ASTM_NOTCH_LAYERS = {"t": "80", "castle": "81", "v": "82", "u": "83"}
# ASTM's quality validation curve of each line that has turn and curve points
ASTM_VALIDATION = {CUT: "84", INTERNAL: "85", CUTOUT: "86", SEW: "87"}
GRADE_REFERENCE_LENGTH = 100.0  # mm: the grade reference line, from the nest point along +x
UNITS_TEXT = {"mm": "METRIC", "in": "ENGLISH"}
# a piece's category (FRONT, BACK …), from the first of these words in its id or name
CATEGORIES = (("pocket", "POCKET"), ("welt", "POCKET"), ("facing", "FACING"), ("fly", "FLY"),
              ("waistband", "WAISTBAND"), ("collar", "COLLAR"), ("cuff", "CUFF"),
              ("sleeve", "SLEEVE"), ("yoke", "YOKE"), ("placket", "PLACKET"), ("front", "FRONT"),
              ("back", "BACK"))


def _tag(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _block_name(piece: Piece, taken: set[str], size: str = "", order: str = "") -> str:
    """ASCII, no spaces, at most 20 characters, unique in the file: the end of the order
    reference (an order's files meet other orders' in a CAD library), the piece, the size when
    graded."""
    head = _tag(order)[-8:]
    tail = _tag(size)[:5]
    room = 16 - (len(head) + 1 if head else 0) - (len(tail) + 1 if tail else 0)
    base = re.sub(r"[^A-Z0-9_]", "_", piece.id.upper())[:room] or "PIECE"
    base = "_".join(p for p in (head, base, tail) if p)
    name, k = base, 1
    while name in taken:
        k += 1
        name = f"{base[:16]}_{k}"
    taken.add(name)
    return name


def aama_size(job: JobInfo) -> str:
    """The size name a CAD reads: the stock size when graded, else the order reference (a
    made-to-measure draft is a size of its own, named after its order), 7-bit without spaces."""
    size = job.size if job.size != MADE_TO_MEASURE else (job.order or "MTM")
    return re.sub(r"\s+", "-", ascii_text(size).strip()) or "MTM"


def piece_category(piece: Piece) -> str:
    """FRONT, BACK, SLEEVE …: the block's `label: {category: …}` if it gives one, else from the
    piece's id and name, else the id's first word."""
    given = piece.label.get("category", "").strip()
    if given:
        return ascii_text(given).upper()
    words = set(re.split(r"[^a-z]+", f"{piece.id} {piece.name}".lower()))
    for word, category in CATEGORIES:
        if word in words:
            return category
    return _tag(re.split(r"[^A-Za-z0-9]+", piece.id.strip())[0]) or "PIECE"


def quantity_text(piece: Piece, astm: bool, garments: int = 1) -> str:
    """AAMA: a count for the whole order; ASTM: 'R,L' — a mirrored pair of 2 is '1,1', and
    '2,2' in an order of two garments."""
    count = cut_count(piece, garments)
    if not astm:
        return str(count)
    if piece.mirror:
        half = count // 2
        return f"{count - half},{half}"
    return f"{count},0"


def _style_lines(job: JobInfo, units: str, astm: bool, rule_table: str = "") -> list[str]:
    now = datetime.now()
    style = [f"Style Name: {job.order or job.block_id}",
             f"Creation Date: {now:%m/%d/%Y}", f"Creation Time: {now:%H:%M:%S}",
             "Author: MTM Studio", f"Sample Size: {aama_size(job)}", f"Grade Rule Table: {rule_table}",
             f"Units: {UNITS_TEXT[units]}"]
    if astm:
        style.append("ASTM/D13Proposal 1 Version: D6673-10")
    if job.trace:
        style.append(f"Annotation: trace {job.trace} {job.block_id} v{job.block_version}")
    return style


def _line(block: Entities, layer: str, points: list[Point], closed: bool, astm: bool,
          marks: bool) -> None:
    """A line on its layer with its turn (2) and curve (3) points, and ASTM's quality
    validation curve of it."""
    block.polyline(layer, points, closed=closed)
    if marks:
        turns = turn_mask(np.asarray(points), closed=closed).tolist()
        for (x, y), turn in zip(points, turns, strict=True):
            block.point(TURN if turn else CURVE, x, y)
    if astm:
        block.polyline(ASTM_VALIDATION[layer], points, closed=closed)


def _piece_block(piece: Piece, job: JobInfo, pt, scale: float, astm: bool, marks: bool = True,
                 order_name: bool = False) -> Entities:
    """One piece as an AAMA block: boundary, lines and marks on their layers, and its text.

    `marks` writes the turn, curve and notch points (layers 2, 3, 4 and ASTM's notches): in a
    graded file only the sample size carries them, the other sizes grade from it by the rules.
    """
    block = Entities(decimals=4 if scale == 1.0 else 6)
    _line(block, CUT, [pt(p) for p in piece.cut_line], True, astm, marks)
    _line(block, SEW, [pt(p) for p in piece.seam_line], True, astm, marks)
    ox, oy = piece.nest_point
    block.line(GRADE_REFERENCE, pt((ox, oy)), pt((ox + GRADE_REFERENCE_LENGTH, oy)))
    if marks:
        for n in piece.notches:
            x, y = pt(n.cut_point)
            # the cut runs into the piece: direction (inward) in DXF's y-up frame
            angle = math.degrees(math.atan2(-n.inward[1], n.inward[0]))
            layer = ASTM_NOTCH_LAYERS.get(n.kind, NOTCH) if astm else NOTCH
            block.point(layer, x, y, n.depth * scale, n.width * scale, angle)
    if piece.grainline:
        block.line(GRAIN, pt(piece.grainline[0]), pt(piece.grainline[1]))
    for a, b in piece.fold_lines:
        block.line(MIRROR, pt(a), pt(b))
    for line in piece.internal_lines:
        _line(block, CUTOUT if line.kind == "cutout" else INTERNAL, [pt(p) for p in line.points],
              False, astm, marks)
    for d in piece.drills:
        block.point(DRILL, *pt(d))
    x0, y0, x1, y1 = piece.bounds
    ax, ay = pt(((x0 + x1) / 2, (y0 + y1) / 2))
    text_h = 4.0 * scale
    name = f"{job.order} {piece.name}" if order_name and job.order else piece.name
    texts = [f"Piece Name: {name}", f"Size: {aama_size(job)}",
             f"Quantity: {quantity_text(piece, astm, job.garments)}", f"Category: {piece_category(piece)}",
             f"Material: {piece.material.upper()}",
             f"Annotation: {'mirror pair' if piece.mirror else 'single'}"]
    for k, line in enumerate(texts):
        block.text(CUT, line, ax, ay - k * text_h * 1.6, text_h)
    for k, line in enumerate(piece_label_lines(piece, job)):
        block.text(ANNOTATION, line, ax, ay - (k + 7) * text_h * 1.6, text_h)
    return block


def aama_text(pieces: list[Piece], job: JobInfo, units: str = "mm", astm: bool = False) -> str:
    """The AAMA (or ASTM) file of one order: one block per piece, no layout blocks; piece and
    block names carry the order reference, the size is the order's (see `aama_size`)."""
    return graded_aama_text([(job.size, pieces)], job, units, astm, order_names=True)


def graded_aama_text(sizes: list[tuple[str, list[Piece]]], job: JobInfo, units: str = "mm",
                     astm: bool = False, rule_points: dict[str, list[tuple[int, Point]]] | None = None,
                     rule_table: str = "", order_names: bool = False) -> str:
    """AAMA/ASTM text with a block per piece per size: a graded nest when several sizes.

    Every size of a piece is placed on the same spot (its nest point, where its grade
    reference line starts), so the file opens as a nest. `rule_points` (piece id → (rule
    number, point from the nest point)) are written as `# n` texts on the points of the sample
    size (`job.size`), for the `.RUL` named `rule_table`; the sample size alone carries turn,
    curve and notch points, except for a piece without rules (its sizes differ in structure).
    """
    scale = 1.0 if units == "mm" else 1 / 25.4
    entities = Entities(decimals=4 if units == "mm" else 6)
    text_h = 4.0 * scale
    for i, line in enumerate(_style_lines(job, units, astm, rule_table)):
        entities.text(CUT, line, 0.0, -(i + 2) * text_h * 1.6, text_h)
    slots = _nest_slots(sizes)
    graded = len(sizes) > 1
    taken: set[str] = set()
    blocks = []
    for size, pieces in sizes:
        size_job = replace(job, size=size)
        for piece in pieces:
            (sx, sy), (ox, oy) = slots[piece.id], piece.nest_point

            def pt(p, dx=sx - ox, dy=sy - oy):
                return (p[0] + dx) * scale, -(p[1] + dy) * scale

            name = _block_name(piece, taken, size if graded else "", job.order if order_names else "")
            sample = size == job.size
            marks = sample or not graded or not (rule_points or {}).get(piece.id)
            body = _piece_block(piece, size_job, pt, scale, astm, marks, order_names)
            if rule_points and sample:
                for n, (rx, ry) in rule_points.get(piece.id, []):
                    body.text(CUT, f"# {n}", (rx + sx) * scale, -(ry + sy) * scale, text_h)
            blocks.append((name, body))
            entities.insert(CUT, name)
    return document(blocks, entities)


def _nest_slots(sizes: list[tuple[str, list[Piece]]]) -> dict[str, tuple[float, float]]:
    """Where each piece's nest point goes on the sheet: pieces apart, sizes stacked."""
    boxes: dict[str, list[float]] = {}
    for _, pieces in sizes:
        for p in pieces:
            ox, oy = p.nest_point
            x0, y0, x1, y1 = p.bounds
            box = (x0 - ox, y0 - oy, x1 - ox, y1 - oy)
            old = boxes.setdefault(p.id, list(box))
            boxes[p.id] = [min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]),
                           max(old[3], box[3])]
    ids = list(boxes)
    shifts, _, _ = shelf_boxes([tuple(boxes[i]) for i in ids], 1500.0)
    return dict(zip(ids, shifts, strict=True))


PLAIN_LAYERS = {"cut": 7, "sew": 8, "notch": 1, "grain": 5, "fold": 3, "internal": 1, "drill": 1,
                "text": 7, "selvedge": 4}


def plain_dxf_text(pieces: list[Piece], job: JobInfo, units: str = "mm") -> str:
    """R2000 DXF with $INSUNITS set: every piece in model space on named layers."""
    placements, _, _ = shelf_layout(pieces, 1500.0)
    return placed_dxf_text([(pl, job) for pl in placements], units)


def placed_dxf_text(placed: list[tuple[Placement, JobInfo]], units: str = "mm",
                    selvedges: list[tuple[Point, Point]] | None = None) -> str:
    """Pieces where they were put (a sheet, or a marker with its selvedges), each labelled for
    its own order, in R2000 model space (y up)."""
    import ezdxf  # only here: importing it costs 0.3 s, and AAMA export does without it

    scale = 1.0 if units == "mm" else 1 / 25.4
    doc = ezdxf.new("R2000", units=4 if units == "mm" else 1)
    for layer, colour in PLAIN_LAYERS.items():
        doc.layers.add(layer.upper(), color=colour)
    msp = doc.modelspace()
    for a, b in selvedges or []:
        msp.add_line((a[0] * scale, -a[1] * scale), (b[0] * scale, -b[1] * scale),
                     dxfattribs={"layer": "SELVEDGE"})
    for pl, job in placed:
        piece = pl.piece

        def pt(p, dx=pl.dx, dy=pl.dy):
            return ((p[0] + dx) * scale, -(p[1] + dy) * scale)

        msp.add_lwpolyline([pt(p) for p in piece.cut_line], close=True, dxfattribs={"layer": "CUT"})
        msp.add_lwpolyline([pt(p) for p in piece.seam_line], close=True, dxfattribs={"layer": "SEW"})
        for n in piece.notches:
            end = (n.cut_point[0] + n.inward[0] * n.depth, n.cut_point[1] + n.inward[1] * n.depth)
            msp.add_line(pt(n.cut_point), pt(end), dxfattribs={"layer": "NOTCH"})
        if piece.grainline:
            msp.add_line(pt(piece.grainline[0]), pt(piece.grainline[1]), dxfattribs={"layer": "GRAIN"})
        for a, b in piece.fold_lines:
            msp.add_line(pt(a), pt(b), dxfattribs={"layer": "FOLD"})
        for line in piece.internal_lines:
            msp.add_lwpolyline([pt(p) for p in line.points], dxfattribs={"layer": "INTERNAL"})
        for d in piece.drills:
            msp.add_circle(pt(d), 1.0 * scale, dxfattribs={"layer": "DRILL"})
        x0, y0, x1, y1 = piece.bounds
        anchor = pt(((x0 + x1) / 2, (y0 + y1) / 2))
        for k, line in enumerate(piece_label_lines(piece, job)):
            msp.add_text(line, dxfattribs={"layer": "TEXT", "height": 4 * scale,
                                           "insert": (anchor[0], anchor[1] - k * 6.4 * scale)})
    buf = io.StringIO()
    doc.write(buf)
    return buf.getvalue()
