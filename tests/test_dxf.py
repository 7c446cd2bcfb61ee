"""AAMA / ASTM / plain DXF: written, re-read by ezdxf and by our importer, and CAD variants."""

from __future__ import annotations

import math

import ezdxf
import numpy as np
import pytest

from mtm_app.drafting import draft
from mtm_app.export.dxf import aama_text, graded_aama_text, plain_dxf_text, quantity_text
from mtm_app.export.dxf_read import DxfImportError, read_aama
from mtm_app.export.labels import JobInfo

JOB = JobInfo("mens_shirt", "1.0.0", order="A-1001", trace="0123456789ab")


@pytest.fixture(scope="module")
def shirt_pieces(shirt):
    from tests.conftest import MEDIAN_MAN

    return draft(shirt, MEDIAN_MAN, {"back_style": "darts"}).pieces


def _aligned(points) -> np.ndarray:
    pts = np.asarray(points, dtype=float)
    return pts - pts.min(axis=0)


@pytest.mark.parametrize(("astm", "units"), [(False, "mm"), (True, "mm"), (False, "in")])
def test_aama_round_trip_gives_the_same_pieces(tmp_path, shirt_pieces, astm, units) -> None:
    path = tmp_path / "order.dxf"
    path.write_text(aama_text(shirt_pieces, JOB, units, astm), encoding="ascii")
    back = {p.name: p for _, p in read_aama(path).pieces}
    assert set(back) == {p.name for p in shirt_pieces}
    for piece in shirt_pieces:
        got = back[piece.name]
        shift = np.asarray(got.cut_line).min(axis=0) - piece.cut_line.min(axis=0)
        assert np.abs(_aligned(got.cut_line) - _aligned(piece.cut_line)).max() < 0.01
        assert np.abs(np.asarray(got.seam_line) - shift - piece.seam_line).max() < 0.01
        assert len(got.notches) == len(piece.notches)
        for a, b in zip(sorted(got.notches, key=lambda n: n.cut_point),
                        sorted(piece.notches, key=lambda n: n.cut_point), strict=True):
            assert math.dist(np.asarray(a.cut_point) - shift, b.cut_point) < 0.01
            assert a.inward == pytest.approx(b.inward, abs=1e-6)
            assert a.depth == pytest.approx(b.depth, abs=0.01)
        assert np.abs(np.asarray(got.drills).reshape(-1, 2) - shift
                      - np.asarray(piece.drills).reshape(-1, 2)).max(initial=0) < 0.01
        if piece.grainline:
            assert np.abs(np.asarray(got.grainline) - shift - np.asarray(piece.grainline)).max() < 0.01
        assert (got.quantity, got.mirror) == (piece.quantity, piece.mirror)  # AAMA: by the annotation


def test_aama_file_is_r12_ascii_without_layout_blocks_and_audits_clean(tmp_path, shirt_pieces) -> None:
    text = aama_text(shirt_pieces, JOB, "mm", astm=True)
    assert text.isascii()
    assert "$MODEL_SPACE" not in text and "*Model_Space" not in text and "*Paper_Space" not in text
    path = tmp_path / "a.dxf"
    path.write_text(text, encoding="ascii")
    doc = ezdxf.readfile(path)
    assert doc.dxfversion == "AC1009"
    auditor = doc.audit()
    assert not auditor.has_errors
    blocks = [b.name for b in doc.blocks if not b.name.startswith("*")]
    assert len(blocks) == len(shirt_pieces) and all(len(b) <= 20 and " " not in b for b in blocks)
    inserts = [e for e in doc.modelspace() if e.dxftype() == "INSERT"]
    assert sorted(i.dxf.name for i in inserts) == sorted(blocks)
    assert all(tuple(i.dxf.insert) == (0, 0, 0) and i.dxf.layer == "1" for i in inserts)
    style = {e.dxf.text.split(":")[0] for e in doc.modelspace() if e.dxftype() == "TEXT"}
    assert {"Style Name", "Creation Date", "Creation Time", "Author", "Sample Size",
            "Grade Rule Table", "Units", "ASTM/D13Proposal 1 Version"} <= style
    by_name = {_piece_name(b): b for b in doc.blocks if not b.name.startswith("*")}
    sleeve = by_name["A-1001 Sleeve"]
    assert sleeve.name == "A1001_SLEEVE"  # the order's end leads the block name too
    texts = {e.dxf.text for e in sleeve if e.dxftype() == "TEXT" and e.dxf.layer == "1"}
    assert "Quantity: 1,1" in texts and "Category: SLEEVE" in texts and "Material: SELF" in texts
    assert "Size: A-1001" in texts
    layers = {e.dxf.layer for e in sleeve}
    assert {"1", "2", "3", "5", "7", "8", "14", "84", "85", "87"} <= layers
    back = by_name["A-1001 Back"]
    assert {"13", "6"} <= {e.dxf.layer for e in back}  # dart drills, the CB fold


def _piece_name(block) -> str:
    return next((e.dxf.text.split(": ", 1)[1] for e in block if e.dxftype() == "TEXT"
                 and e.dxf.text.startswith("Piece Name: ")), "")


def _same_points(a, b) -> bool:
    return len(a) == len(b) and np.abs(np.asarray(a) - np.asarray(b)).max() < 1e-6


@pytest.mark.parametrize("astm", [False, True])
def test_every_line_has_its_turn_and_curve_points_and_astm_check_curves(shirt_pieces, astm) -> None:
    """D6673: turn (2) and curve (3) points for the boundary (1), internal lines (8) and sew
    line (14); ASTM's quality validation curves on 84 (boundary), 85 (internal), 87 (sew);
    a grade reference line (5) from the nest point — read by a parser of our own."""
    from tests.dxf_groups import read_groups

    blocks, _ = read_groups(aama_text(shirt_pieces, JOB, "mm", astm))
    by_name = {b.texts()["Piece Name"]: b for b in blocks}
    for piece in shirt_pieces:
        block = by_name[f"A-1001 {piece.name}"]
        marked = {p for layer in ("2", "3") for e in block.on(layer, "POINT") for p in e.points}
        turns = {p for e in block.on("2", "POINT") for p in e.points}
        lines = {layer: [e for e in block.on(layer, "POLYLINE")] for layer in ("1", "8", "14")}
        assert len(lines["1"]) == 1 and len(lines["14"]) == 1 and len(lines["8"]) == len(piece.internal_lines)
        assert len(lines["1"][0].points) == len(piece.cut_line)
        assert len(lines["14"][0].points) == len(piece.seam_line)
        for entities in lines.values():
            for e in entities:
                assert set(e.points) <= marked  # every vertex is a turn or a curve point
                if not e.closed:
                    assert {e.points[0], e.points[-1]} <= turns  # an open line's ends turn
        assert len(marked) <= sum(len(e.points) for es in lines.values() for e in es)
        for layer, check in (("1", "84"), ("8", "85"), ("14", "87")):
            curves = block.on(check, "POLYLINE")
            if astm:
                assert [c.points for c in curves] == [e.points for e in lines[layer]], (piece.id, check)
            else:
                assert not curves  # AAMA has no check curves
        (reference,) = block.on("5", "LINE")
        (start, end) = reference.points
        assert end[0] - start[0] == pytest.approx(100.0) and end[1] == pytest.approx(start[1])
        # the nest point: where the first seam vertex is, shifted as the cut line is
        shift = np.asarray(lines["1"][0].points[0]) - piece.cut_line[0] * (1, -1)
        assert np.asarray(start) == pytest.approx(np.asarray(piece.nest_point) * (1, -1) + shift, abs=1e-3)
        assert len(block.on("4", "POINT")) + sum(
            len(block.on(layer, "POINT")) for layer in ("80", "81", "82", "83")) == len(piece.notches)


def test_names_sizes_and_categories_a_cad_library_can_keep_apart(shirt_pieces) -> None:
    """Piece names lead with the order reference; the size is the order's (a made-to-measure
    draft is a size of its own), the same in Size and Sample Size; Category is what the piece
    is, Material what it is cut from."""
    from dataclasses import replace

    from mtm_app.export.dxf import aama_size, piece_category
    from tests.dxf_groups import read_groups

    blocks, top = read_groups(aama_text(shirt_pieces, replace(JOB, order="PO 77/3"), "mm", True))
    style = {k: v.strip() for k, _, v in (e.text.partition(":") for e in top if e.kind == "TEXT")}
    assert style["Sample Size"] == "PO-77/3" and style["Style Name"] == "PO 77/3"
    names = [b.texts()["Piece Name"] for b in blocks]
    assert all(n.startswith("PO 77/3 ") for n in names) and len(set(names)) == len(names)
    assert all(b.name.startswith("PO773_") and len(b.name) <= 20 and " " not in b.name for b in blocks)
    assert {b.texts()["Size"] for b in blocks} == {"PO-77/3"}
    categories = {b.texts()["Piece Name"][8:]: b.texts()["Category"] for b in blocks}
    assert categories["Back"] == "BACK" and categories["Sleeve"] == "SLEEVE"
    assert categories["Front left (buttonhole side)"] == "FRONT" and categories["Collar stand"] == "COLLAR"
    assert categories["Cuff interfacing"] == "CUFF" and categories["Yoke"] == "YOKE"
    materials = {b.texts()["Piece Name"][8:]: b.texts()["Material"] for b in blocks}
    assert materials["Cuff interfacing"] == "INTERFACING" and materials["Back"] == "SELF"
    assert aama_size(JobInfo("b", "1")) == "MTM" and aama_size(JobInfo("b", "1", size="42")) == "42"
    trousers = {"pocket_facing": "POCKET", "fly_facing": "FACING", "fly_shield": "FLY",
                "waistband": "WAISTBAND", "back_welt": "POCKET", "front": "FRONT"}
    from mtm_app.pieces import Piece

    for pid, want in trousers.items():
        piece = Piece(pid, pid.replace("_", " "), [], np.zeros((3, 2)), np.zeros((3, 2)))
        assert piece_category(piece) == want
    given = Piece("x", "X", [], np.zeros((3, 2)), np.zeros((3, 2)), label={"category": "Lining"})
    assert piece_category(given) == "LINING"


def test_quantity_text() -> None:
    from mtm_app.pieces import Piece

    pair = Piece("s", "S", [], np.zeros((3, 2)), np.zeros((3, 2)), quantity=2, mirror=True)
    assert quantity_text(pair, astm=True) == "1,1" and quantity_text(pair, astm=False) == "2"


def test_plain_dxf_has_units_and_reads_back(tmp_path, shirt_pieces) -> None:
    path = tmp_path / "p.dxf"
    path.write_text(plain_dxf_text(shirt_pieces, JOB, "in"))
    doc = ezdxf.readfile(path)
    assert doc.dxfversion >= "AC1015" and doc.header["$INSUNITS"] == 1
    cuts = [e for e in doc.modelspace() if e.dxftype() == "LWPOLYLINE" and e.dxf.layer == "CUT"]
    assert len(cuts) == len(shirt_pieces)
    assert not doc.audit().has_errors


def _cad_file(path, *, units="METRIC", chain=False, line_notches=False, spaced_keys=True,
              sizes=("M",), block_name="FRONT PANEL") -> None:
    """An AAMA file written the way other CADs write them (R12, through ezdxf)."""
    doc = ezdxf.new("R12")
    msp = doc.modelspace()
    key = (lambda k: f"{k}: ") if spaced_keys else (lambda k: f"{k.upper()}:")
    msp.add_text(key("Units") + units, dxfattribs={"layer": "1"})
    msp.add_text(key("Sample Size") + sizes[0], dxfattribs={"layer": "1"})
    scale = 1 / 25.4 if units == "ENGLISH" else 1.0
    for k, size in enumerate(sizes):
        grow = 10 * k
        w, h = (200 + grow) * scale, (300 + grow) * scale
        corners = [(0, 0), (w, 0), (w, h), (0, h)]
        name = f"{block_name} {size}"
        block = doc.blocks.new(name=name)
        if chain:
            block.add_polyline2d(corners[:3], dxfattribs={"layer": "1"})
            block.add_line(corners[2], corners[3], dxfattribs={"layer": "1"})
            block.add_polyline2d([corners[0], corners[3]][::-1], dxfattribs={"layer": "1"})
        else:
            block.add_polyline2d(corners, close=True, dxfattribs={"layer": "1"})
        if line_notches:
            block.add_line((w / 2, 0), (w / 2, 5 * scale), dxfattribs={"layer": "4"})
        else:
            block.add_point((w / 2, 0, 5 * scale), dxfattribs={"layer": "4", "angle": 90})
        block.add_point((w / 2, h / 2), dxfattribs={"layer": "13"})
        block.add_text(key("Piece Name") + "Front", dxfattribs={"layer": "1"})
        block.add_text(key("Size") + size, dxfattribs={"layer": "1"})
        block.add_text(key("Quantity") + "2", dxfattribs={"layer": "1"})
        msp.add_blockref(name, (0, 0), dxfattribs={"layer": "1"})
    doc.saveas(path)


@pytest.mark.parametrize("variant", [
    {}, {"chain": True}, {"line_notches": True}, {"spaced_keys": False},
    {"units": "ENGLISH"}, {"sizes": ("S", "M", "L")},
])
def test_reads_what_other_cads_write(tmp_path, variant) -> None:
    path = tmp_path / "cad.dxf"
    _cad_file(path, **variant)
    found = read_aama(path)
    sizes = variant.get("sizes", ("M",))
    assert found.sizes == list(sizes)
    for k, (size, piece) in enumerate(found.pieces):
        assert piece.name == "Front" and piece.quantity == 2 and size == sizes[k]
        w, h = 200 + 10 * k, 300 + 10 * k
        assert piece.area == pytest.approx(w * h, rel=1e-6)
        assert len(piece.notches) == 1
        assert piece.notches[0].cut_point == pytest.approx((w / 2, 0), abs=0.01)
        assert piece.notches[0].inward == pytest.approx((0, -1), abs=1e-6)  # into the piece (y up in DXF)
        assert piece.drills == [pytest.approx((w / 2, -h / 2), abs=0.01)]
    assert found.units == ("in" if variant.get("units") == "ENGLISH" else "mm")


def test_a_file_without_pieces_is_explained(tmp_path) -> None:
    doc = ezdxf.new("R12")
    doc.modelspace().add_line((0, 0), (1, 1))
    path = tmp_path / "empty.dxf"
    doc.saveas(path)
    with pytest.raises(DxfImportError, match="holds no pieces"):
        read_aama(path)
    (tmp_path / "junk.dxf").write_text("not a dxf")
    with pytest.raises(DxfImportError, match="cannot read the DXF"):
        read_aama(tmp_path / "junk.dxf")


def test_import_dxf_command_reports_and_writes_per_size(tmp_path) -> None:
    import json
    import subprocess
    import sys

    path = tmp_path / "graded.dxf"
    _cad_file(path, sizes=("S", "M"), line_notches=True)
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "import-dxf", str(path),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "2 pieces, sizes S, M, units mm" in result.stdout
    assert "Front [S]: 1 notches, 1 drills, quantity 2" in result.stdout
    data = json.loads((tmp_path / "out" / "graded-M.json").read_text())
    assert data["size"] == "M" and data["pieces"][0]["name"] == "Front"
    assert (tmp_path / "out" / "graded-S.svg").read_text().count('<g id="') == 1


@pytest.mark.skipif(__import__("shutil").which("librecad") is None,
                    reason="librecad not installed (.ci/run installs it)")
@pytest.mark.parametrize("kind", ["aama", "astm", "plain", "graded"])
def test_librecad_renders_our_dxf(tmp_path, shirt_pieces, kind) -> None:
    """An independent reader draws what we wrote (the PDF holds the pieces' outlines)."""
    import os
    import subprocess

    import pdfplumber

    if kind == "graded":  # a graded nest: every piece twice, as two sizes on one spot
        text = graded_aama_text([("40", shirt_pieces), ("42", shirt_pieces)], JOB)
    else:
        text = plain_dxf_text(shirt_pieces, JOB) if kind == "plain" else \
            aama_text(shirt_pieces, JOB, "mm", astm=kind == "astm")
    path = tmp_path / f"{kind}.dxf"
    path.write_text(text)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    subprocess.run(["librecad", "dxf2pdf", "-a", "-m", str(path)], check=True, env=env,
                   capture_output=True, timeout=120)
    with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
        page = pdf.pages[0]
        drawn = len(page.curves) + len(page.lines) + len(page.rects)
    assert drawn >= len(shirt_pieces) * 2  # at least each piece's cut and sew lines
