"""Other CADs' AAMA/ASTM DXF as they really are: R12 to R2018, curves, transformed and nested
INSERTs, units — written with ezdxf, read back, and each outline compared with what was drawn by
arithmetic of our own (areas, arc lengths, where a point must land); outlines no cutter can cut
are refused naming the file, the piece and where, and never reach the nesting solver."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
from pathlib import Path

import ezdxf
import numpy as np
import pytest
from shapely.geometry import LinearRing, Point, Polygon

from mtm_app.drafting import draft
from mtm_app.errors import MtmError
from mtm_app.export.dxf import aama_text
from mtm_app.export.dxf_read import DxfImportError, read_aama
from mtm_app.export.labels import JobInfo
from mtm_app.library import get_block
from mtm_app.marker import MarkerSpec, make_marker
from mtm_app.pieces import Piece
from tests.conftest import MEDIAN_WOMAN
from tests.test_malformed_inputs import run

RECT = [(0, 0), (300, 0), (300, 500), (0, 500)]
TRAPEZE = [(0, 0), (300, 0), (200, 500), (0, 500)]
VERSIONS = ["R12", "R2018"]


def _outline(block, points, version: str, *, layer: str = "1", closed: bool = True, bulges=None) -> None:
    """A boundary as each version draws one: POLYLINE in R12, LWPOLYLINE from R2000."""
    rows = [(x, y, 0, 0, b) for (x, y), b in zip(points, bulges or [0.0] * len(points), strict=True)]
    add = block.add_polyline2d if version == "R12" else block.add_lwpolyline
    add(rows, format="xyseb", close=closed, dxfattribs={"layer": layer})


def _doc(version: str, *, units_text: str | None = "METRIC", insunits: int = 4):
    doc = ezdxf.new(version, units=insunits)
    if units_text:
        doc.modelspace().add_text(f"Units: {units_text}", dxfattribs={"layer": "1"})
    return doc


def _piece_block(doc, name: str, draw, quantity: str = "1"):
    block = doc.blocks.new(name)
    draw(block)
    block.add_text(f"Piece Name: {name.title()}", dxfattribs={"layer": "1"})
    block.add_text(f"Quantity: {quantity}", dxfattribs={"layer": "1"})
    return block


def _one_piece(path: Path, version: str, draw, insert: dict | None = None, **doc_args) -> Path:
    """A file of one piece, block P, inserted once (with `insert`'s attributes)."""
    doc = _doc(version, **doc_args)
    _piece_block(doc, "P", draw)
    doc.modelspace().add_blockref("P", (insert or {}).pop("at", (0, 0)), dxfattribs=insert or {})
    doc.saveas(path)
    return path


def _only(path: Path) -> Piece:
    found = read_aama(path)
    assert len(found.pieces) == 1
    return found.pieces[0][1]


def _draft(points, scale: float = 1.0) -> np.ndarray:
    """DXF points (y up, drawing units) as the draft has them (y down, mm)."""
    return np.array([(x * scale, -y * scale) for x, y in points])


def _segment(bulge: float, chord: float) -> tuple[float, float, float]:
    """(area, arc length, sagitta) of the circular segment a bulge draws on a chord."""
    angle = 4 * math.atan(abs(bulge))
    radius = chord / (2 * math.sin(angle / 2))
    return radius**2 / 2 * (angle - math.sin(angle)), radius * angle, abs(bulge) * chord / 2


# ---- R2000 and later -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def skirt_r12(tmp_path_factory) -> Path:
    pieces = draft(get_block("skirt"), MEDIAN_WOMAN).pieces
    path = tmp_path_factory.mktemp("skirt") / "skirt.aama.dxf"
    path.write_text(aama_text(pieces, JobInfo("skirt", "1", order="A-1")), encoding="ascii")
    return path


@pytest.mark.parametrize("version", ["R2000", "R2018"])
def test_our_own_aama_saved_by_another_cad_as_r2000_or_later_reads_the_same(tmp_path, skirt_r12,
                                                                             version) -> None:
    doc = ezdxf.readfile(skirt_r12)
    doc.dxfversion = version
    path = tmp_path / f"skirt-{version}.dxf"
    doc.saveas(path)
    text = path.read_text("latin-1")
    assert "1e+20" in text[text.index("OBJECTS"):]  # the empty layouts' extents the check refused
    before, after = read_aama(skirt_r12), read_aama(path)
    assert [p.name for _, p in after.pieces] == [p.name for _, p in before.pieces] == [
        "Skirt front", "Skirt back", "Waistband", "Waistband interfacing"]
    for (_, a), (_, b) in zip(after.pieces, before.pieces, strict=True):
        assert np.abs(a.cut_line - b.cut_line).max() < 1e-6
        assert np.abs(a.seam_line - b.seam_line).max() < 1e-6
        assert np.abs(np.array([n.cut_point for n in a.notches])
                      - np.array([n.cut_point for n in b.notches])).max(initial=0) < 1e-6
        assert (a.quantity, a.mirror, len(a.drills)) == (b.quantity, b.mirror, len(b.drills))
        assert np.abs(np.array([*a.drills, *a.grainline]) - np.array([*b.drills, *b.grainline])).max() < 1e-6
    assert after.warnings == [] and after.units_from == "the Units text"


def test_a_huge_coordinate_is_refused_where_pieces_are_drawn_not_in_the_layouts(tmp_path) -> None:
    path = _one_piece(tmp_path / "a.dxf", "R2018", lambda b: _outline(b, RECT, "R2018"))
    assert _only(path).area == pytest.approx(150_000)  # its OBJECTS hold ±1e20: read
    lines = path.read_text("latin-1").splitlines()
    at = next(k for k in range(lines.index("BLOCKS"), len(lines)) if lines[k].strip() == "LWPOLYLINE")
    at = next(k for k in range(at, len(lines), 1) if lines[k].strip() == "10") + 1
    lines[at] = "1e+20"
    path.write_text("\n".join(lines) + "\n", "latin-1")
    with pytest.raises(DxfImportError, match=re.escape(f"{path}:{at + 1}: ") + ".*group 10 holds '1e\\+20'"):
        read_aama(path)


@pytest.mark.parametrize(("text", "said"), [
    ("0\nSECTION\n2\nHEADER\n9\n$ACADVER\n1\nAC1032\n9\n$INSBASE\n10\n0.0\n",
     "cannot read the DXF: the file ends too soon"),  # ezdxf raised StopIteration
    ("0\nSECTION\n2\nENTITIES\n\x1f0\nPOINT\n0\nENDSEC\n0\nEOF\n",
     r"x.dxf:5: cannot read the DXF: group code '\x1f0' is not a number"),  # int() refused it
])
def test_a_damaged_head_found_by_mutating_r2018_files_is_a_located_error(tmp_path, text, said) -> None:
    (tmp_path / "x.dxf").write_text(text, "latin-1")
    with pytest.raises(DxfImportError, match=re.escape(said)):
        read_aama(tmp_path / "x.dxf")


# ---- curves ----------------------------------------------------------------------------------

@pytest.mark.parametrize("version", VERSIONS)
def test_bulges_are_arcs_not_chords(tmp_path, version) -> None:
    """An edge bowed out (bulge 0.5) and one bowed in (-0.3): the outline's area and length are
    the arcs', and it passes through each arc's middle."""
    path = _one_piece(tmp_path / "b.dxf", version,
                      lambda b: _outline(b, RECT, version, bulges=[0, 0.5, 0, -0.3]))
    piece = _only(path)
    out_area, out_arc, out_rise = _segment(0.5, 500)
    in_area, in_arc, in_rise = _segment(-0.3, 500)
    assert piece.area == pytest.approx(150_000 + out_area - in_area, rel=2e-4)  # chords: 1e-4 short
    assert LinearRing(piece.cut_line).length == pytest.approx(600 + out_arc + in_arc, rel=1e-4)
    ring = LinearRing(piece.cut_line)
    for middle in ((300 + out_rise, -250), (in_rise, -250)):
        assert ring.distance(Point(middle)) < 0.06
    assert piece.cut_line[:, 0].max() == pytest.approx(300 + out_rise, abs=0.06)


def test_circles_arcs_and_splines_are_boundaries(tmp_path) -> None:
    circle = _one_piece(tmp_path / "c.dxf", "R12",
                        lambda b: b.add_circle((0, 0), 100, dxfattribs={"layer": "1"}))
    assert _only(circle).area == pytest.approx(math.pi * 100**2, rel=1e-3)  # chords within 0.05 mm

    def half_disc(block) -> None:
        block.add_line((0, 0), (200, 0), dxfattribs={"layer": "1"})
        block.add_arc((100, 0), 100, 0, 180, dxfattribs={"layer": "1"})

    half = _only(_one_piece(tmp_path / "a.dxf", "R12", half_disc))
    assert half.area == pytest.approx(math.pi * 100**2 / 2, rel=1e-3)
    assert LinearRing(half.cut_line).length == pytest.approx(200 + math.pi * 100, rel=2e-4)

    through = [(0, 0), (300, 0), (350, 250), (300, 500), (0, 500), (0, 0)]
    spline = _only(_one_piece(tmp_path / "s.dxf", "R2018", lambda b: b.add_spline(
        through, dxfattribs={"layer": "1"})))
    ring = LinearRing(spline.cut_line)
    assert max(ring.distance(Point(p)) for p in _draft(through)) < 0.06  # it passes its fit points


# ---- where INSERTs put a piece ---------------------------------------------------------------

def _placed(points, at=(0, 0), rotation=0.0, sx=1.0, sy=1.0, turned_over=False) -> np.ndarray:
    """Where an INSERT puts block points: scaled, turned, moved; turned over (extrusion -Z) the
    whole block reference is mirrored in x (the arbitrary axis algorithm)."""
    c, s = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
    out = [(at[0] + c * sx * x - s * sy * y, at[1] + s * sx * x + c * sy * y) for x, y in points]
    return np.array([(-x if turned_over else x, y) for x, y in out])


INSERTS = {
    "turned and scaled": ({"at": (1000, 1000), "rotation": 33, "xscale": 2.54, "yscale": 2.54},
                          {"at": (1000, 1000), "rotation": 33, "sx": 2.54, "sy": 2.54}),
    "mirrored": ({"xscale": -1}, {"sx": -1}),
    "stretched": ({"xscale": 2, "yscale": 0.5}, {"sx": 2, "sy": 0.5}),
    "turned a quarter": ({"rotation": 90}, {"rotation": 90}),
    "turned over": ({"at": (50, 20), "extrusion": (0, 0, -1)}, {"at": (50, 20), "turned_over": True}),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("how", list(INSERTS))
def test_an_insert_puts_the_piece_its_notches_and_grain_where_the_cad_shows_them(tmp_path, version,
                                                                                   how) -> None:
    attributes, move = INSERTS[how]

    def draw(block) -> None:
        _outline(block, TRAPEZE, version)
        block.add_line((100, 50), (100, 450), dxfattribs={"layer": "7"})
        block.add_point((150, 0, 5), dxfattribs={"layer": "4", "angle": 90})  # 5 deep, pointing in

    piece = _only(_one_piece(tmp_path / "i.dxf", version, draw, dict(attributes)))
    assert np.abs(piece.cut_line - _draft(_placed(TRAPEZE, **move))).max() < 1e-6
    assert piece.area == pytest.approx(125_000 * abs(move.get("sx", 1) * move.get("sy", 1)), rel=1e-9)
    assert np.abs(np.array(piece.grainline) - _draft(_placed([(100, 50), (100, 450)], **move))).max() < 1e-6
    (notch,) = piece.notches
    assert notch.cut_point == pytest.approx(tuple(_draft(_placed([(150, 0)], **move))[0]), abs=1e-6)
    tip = _draft(_placed([(150, 1)], **move))[0] - _draft(_placed([(150, 0)], **move))[0]
    assert notch.inward == pytest.approx(tuple(tip / np.linalg.norm(tip)), abs=1e-9)
    assert Polygon(piece.cut_line).contains(Point(np.add(notch.cut_point, notch.inward)))  # still in
    assert notch.depth == pytest.approx(5 * math.sqrt(abs(move.get("sx", 1) * move.get("sy", 1))))


@pytest.mark.parametrize("version", VERSIONS)
def test_a_piece_reached_only_through_a_nested_insert_is_read_where_both_put_it(tmp_path, version) -> None:
    doc = _doc(version)
    _piece_block(doc, "INNER", lambda b: _outline(b, RECT, version))
    doc.blocks.new("OUTER").add_blockref("INNER", (10, 10), dxfattribs={"xscale": 2, "yscale": 2})
    doc.modelspace().add_blockref("OUTER", (100, 0), dxfattribs={"rotation": 90})
    doc.saveas(tmp_path / "n.dxf")
    piece = _only(tmp_path / "n.dxf")
    inner = [(10 + 2 * x, 10 + 2 * y) for x, y in RECT]
    assert piece.name == "Inner"
    assert np.abs(piece.cut_line - _draft(_placed(inner, at=(100, 0), rotation=90))).max() < 1e-6


# ---- units -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("units_text", "insunits", "unit", "said", "warned"), [
    (None, 1, "in", "$INSUNITS", None),
    (None, 5, "cm", "$INSUNITS", None),
    ("ENGLISH", 4, "in", "the Units text", "the Units text says ENGLISH (in) but $INSUNITS says mm"),
    ("METRIC", 1, "mm", "the Units text", "the Units text says METRIC (mm) but $INSUNITS says in"),
    (None, 0, "mm", "neither a Units text nor $INSUNITS: mm assumed", None),
])
def test_units_come_from_the_units_text_else_insunits_and_the_report_says_which(
        tmp_path, units_text, insunits, unit, said, warned) -> None:
    path = _one_piece(tmp_path / "u.dxf", "R2018", lambda b: _outline(b, [(0, 0), (10, 0), (10, 20), (0, 20)],
                                                                    "R2018"),
                      units_text=units_text, insunits=insunits)
    found = read_aama(path)
    mm = {"in": 25.4, "cm": 10.0, "mm": 1.0}[unit]
    assert (found.units, found.units_from) == (unit, said)
    assert np.abs(found.pieces[0][1].cut_line - _draft([(0, 0), (10, 0), (10, 20), (0, 20)], mm)).max() < 1e-9
    assert [w for w in found.warnings if "Units" in w] == ([f"{warned}: read in {unit}, as the Units "
                                                            "text says"] if warned else [])


# ---- outlines that cannot be cut ----------------------------------------------------------------

REFUSED = {
    "open": (dict(points=RECT, closed=False),
             "piece 'P': its outline is open: its ends at (0, 0) and (0, 500) are 500.00 mm apart"),
    "crossing": (dict(points=[(0, 0), (300, 500), (300, 0), (0, 500)]),
                 "piece 'P': its outline crosses itself at (150, 250)"),
    "collinear": (dict(points=[(0, 0), (300, 0), (600, 0)]), "piece 'P': its outline encloses nothing: it "
                  "goes out and back along one line between (0, 0) and (600, 0)"),
    "tiny": (dict(points=[(0, 0), (1e-6, 0), (1e-6, 1e-6), (0, 1e-6)]),
             "piece 'P': its outline encloses nothing: all its points are one, at (0, 0)"),
    "a point": (dict(points=[(5, 5), (5, 5), (5, 5)]),
                "piece 'P': its outline encloses nothing: all its points are one, at (5, 5)"),
    "a sliver": (dict(points=[(0, 0), (300, 0), (300, 0.5), (0, 0.5)]),
                 "piece 'P': its outline between (0, 0) and (300, 0.5) has no area to cut (150 mm² inside "
                 "601 mm of outline)"),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", list(REFUSED))
def test_an_outline_no_cutter_can_cut_is_refused_naming_the_file_the_piece_and_where(tmp_path, version,
                                                                                       case) -> None:
    drawn, said = REFUSED[case]
    path = _one_piece(tmp_path / "x.dxf", version, lambda b: _outline(b, version=version, **drawn))
    code, err = run("import-dxf", path, "--out", tmp_path / "out")
    assert code == 2 and f"error: {path}, {said}" in err and "Traceback" not in err, err
    code, err = run("marker", "--pieces", path, "--width", "150", "--out", tmp_path / "marker")
    assert code == 2 and f"error: {path}, {said}" in err and "Traceback" not in err, err
    assert not (tmp_path / "out").exists() and not (tmp_path / "marker").exists()


def test_two_outlines_or_a_gap_between_lines_are_refused_naming_them(tmp_path) -> None:
    def two(block) -> None:
        _outline(block, RECT, "R2018")
        _outline(block, [(400, 0), (500, 0), (500, 100), (400, 100)], "R2018")

    with pytest.raises(DxfImportError, match=r"piece 'P': it has 2 outlines, not one: a closed LWPOLYLINE "
                                             r"from \(0, 0\) to \(300, 500\); a closed LWPOLYLINE from "
                                             r"\(400, 0\) to \(500, 100\)"):
        read_aama(_one_piece(tmp_path / "two.dxf", "R2018", two))

    def lines_with_gaps(block) -> None:  # two sides missing: the outline is open in two places
        for a, b in ((RECT[0], RECT[1]), (RECT[2], RECT[3])):
            block.add_line(a, b, dxfattribs={"layer": "1"})

    with pytest.raises(DxfImportError, match=r"open in 2 places: the ends at \(0, 0\), \(300, 0\), "
                                             r"\(300, 500\), \(0, 500\) meet nothing"):
        read_aama(_one_piece(tmp_path / "gaps.dxf", "R12", lines_with_gaps))


@pytest.mark.parametrize("version", VERSIONS)
def test_lines_and_arcs_drawn_in_any_order_and_direction_join_into_one_outline(tmp_path, version) -> None:
    def scattered(block) -> None:
        for a, b in ((RECT[2], RECT[3]), (RECT[1], RECT[0]), (RECT[3], RECT[0]), (RECT[1], RECT[2])):
            block.add_line(a, b, dxfattribs={"layer": "1"})

    piece = _only(_one_piece(tmp_path / "l.dxf", version, scattered))
    assert piece.area == pytest.approx(150_000) and len(piece.cut_line) == 4


@pytest.mark.parametrize("version", VERSIONS)
def test_repeated_points_and_a_needle_are_taken_out_and_said(tmp_path, version) -> None:
    needle = [(0, 0), (0, 0), (300, 0), (300, 500), (150, 500), (150, 900), (150, 500), (0, 500)]
    path = _one_piece(tmp_path / "needle.dxf", version, lambda b: _outline(b, needle, version))
    found = read_aama(path)
    piece = found.pieces[0][1]
    assert piece.area == pytest.approx(150_000)
    assert np.abs(piece.cut_line - _draft([(0, 0), (300, 0), (300, 500), (150, 500), (0, 500)])).max() == 0
    assert found.warnings == [
        "piece 'P', cut line: 1 repeated point taken out of its outline",
        "piece 'P', cut line: 1 needle (an edge drawn out and straight back) taken out of its outline, "
        "out to (150, 900)"]
    out = tmp_path / "marker"
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "marker", "--pieces", str(path), "--width",
                             "150", "--seconds", "1", "--out", str(out), "--format", "json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "warning: piece 'P', cut line: 1 needle" in result.stdout and result.stderr == ""
    laid = json.loads((out / "marker-self.json").read_text())
    assert min(abs(laid["length_mm"] - 300), abs(laid["length_mm"] - 500)) < 5  # 30 × 50 cm, no spike


def test_the_solver_panicking_is_a_clear_error_naming_the_piece(capfd) -> None:
    """The safety net under the checks: a bow tie given to the solver directly."""
    bow = np.array([(0.0, 0.0), (300.0, 500.0), (300.0, 0.0), (0.0, 500.0)])
    piece = Piece("bow", "Bow tie", [], bow, bow)
    with pytest.raises(MtmError, match=r"the nesting solver stopped: .* — the outlines of 'Bow tie' cross "
                                       r"themselves or have no area"):
        make_marker([("A", [piece])], MarkerSpec(1500.0, seconds=1))
    assert "Traceback" not in capfd.readouterr().err


# ---- what is not a piece ---------------------------------------------------------------------

def test_a_block_without_a_boundary_on_layer_1_says_what_it_has_instead(tmp_path) -> None:
    on_cut = _one_piece(tmp_path / "cut.dxf", "R2018", lambda b: _outline(b, RECT, "R2018", layer="CUT"))
    with pytest.raises(DxfImportError, match=r"holds no pieces; block 'P': no boundary on layer 1 "
                                             r"\(outlines on layers 'CUT'\)"):
        read_aama(on_cut)

    def hatched(block) -> None:
        block.add_hatch(dxfattribs={"layer": "1"}).paths.add_polyline_path(RECT)

    with pytest.raises(DxfImportError, match=r"block 'P': no boundary on layer 1 \(HATCH there cannot be "
                                             r"read as one\)"):
        read_aama(_one_piece(tmp_path / "hatch.dxf", "R2018", hatched))


def test_a_block_inserting_itself_or_drawn_too_often_is_refused_one_put_twice_read_once(tmp_path) -> None:
    doc = _doc("R12")
    _piece_block(doc, "A", lambda b: _outline(b, RECT, "R12")).add_blockref("B", (0, 0))
    doc.blocks.new("B").add_blockref("A", (0, 0))
    doc.modelspace().add_blockref("A", (0, 0))
    doc.saveas(tmp_path / "cycle.dxf")
    with pytest.raises(DxfImportError, match=r"cycle.dxf: block 'A' inserts itself \(through A → B\)"):
        read_aama(tmp_path / "cycle.dxf")
    doc = _doc("R12")  # 700 × 700 INSERTs: half a million pieces drawn, refused at once
    _piece_block(doc, "A", lambda b: _outline(b, RECT, "R12"))
    for outer, inner in (("ROW", "A"), ("SHEET", "ROW")):
        block = doc.blocks.new(outer)
        for k in range(700):
            block.add_blockref(inner, (k * 400, 0))
    doc.modelspace().add_blockref("SHEET", (0, 0))
    doc.saveas(tmp_path / "many.dxf")
    start = time.perf_counter()
    with pytest.raises(DxfImportError, match=r"many.dxf: the blocks' INSERTs draw more than 240,000 "):
        read_aama(tmp_path / "many.dxf")
    assert time.perf_counter() - start < 2
    doc = _doc("R12")
    _piece_block(doc, "A", lambda b: _outline(b, RECT, "R12"), quantity="2")
    for at in ((0, 0), (500, 0)):
        doc.modelspace().add_blockref("A", at)
    doc.saveas(tmp_path / "twice.dxf")
    found = read_aama(tmp_path / "twice.dxf")
    assert [p.quantity for _, p in found.pieces] == [2]
    assert found.warnings == ["block 'A' is inserted 2 times: its piece is read once (its Quantity text "
                              "says how many are cut)"]


def test_import_dxf_reports_the_units_their_source_and_the_warnings(tmp_path) -> None:
    needle = [(0, 0), (300, 0), (300, 500), (150, 500), (150, 900), (150, 500), (0, 500)]
    path = _one_piece(tmp_path / "w.dxf", "R2018", lambda b: _outline(b, needle, "R2018"), units_text=None,
                      insunits=5)
    code, said = run("import-dxf", path, "--out", tmp_path / "out", "--format", "json")
    assert code == 0, said
    assert f"{path}: 1 pieces, sizes -, units cm ($INSUNITS)" in said
    assert "  warning: piece 'P', cut line: 1 needle" in said
    data = json.loads((tmp_path / "out" / "w.json").read_text())
    assert data["warnings"] == ["piece 'P', cut line: 1 needle (an edge drawn out and straight back) taken "
                                "out of its outline, out to (150, 900)"]


def test_a_refusal_is_said_in_french_with_french_numbers(tmp_path) -> None:
    from mtm_app.i18n import speaking

    path = _one_piece(tmp_path / "x.dxf", "R12", lambda b: _outline(b, [(0, 0), (300.5, 500), (300.5, 0),
                                                                       (0, 500)], "R12"))
    with speaking("fr"), pytest.raises(DxfImportError) as caught:
        read_aama(path)
    assert str(caught.value) == (f"{path}, pièce 'P': son contour se croise en (150,25 ; 250) — tracez "
                                 "la ligne de coupe sur le calque 1 en un seul contour fermé qui fait une "
                                 "fois le tour de la pièce, puis exportez à nouveau")
