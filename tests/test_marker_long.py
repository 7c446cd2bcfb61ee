"""Markers the cutting room can use: longer than a plotter page, in sections a table long,
from other CADs' DXF, with progress and cancel — each checked independently of the engine
(shapely for overlaps, pdfplumber for page sizes, ezdxf for the DXF)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import ezdxf
import pdfplumber
import pytest
from shapely.geometry import Polygon

from mtm_app.drafting import draft
from mtm_app.errors import Cancelled, MtmError
from mtm_app.export.dxf import aama_text
from mtm_app.export.labels import JobInfo
from mtm_app.library import get_block
from mtm_app.marker import MarkerSpec, make_marker
from mtm_app.marker import files as marker_files
from mtm_app.marker.files import MarkerFilesError, write_marker
from mtm_app.marker.imported import dxf_garment
from mtm_app.measurements.files import read_measurement_file
from tests.conftest import MEDIAN_MAN, MEDIAN_MAN_LEGS

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "resources" / "demo"
MM = 25.4 / 72  # mm per PDF point


@pytest.fixture(scope="module")
def garments():
    """Five orders: three shirts and two pairs of trousers, about 6 m on 150 cm fabric."""
    shirt, trousers = get_block("mens_shirt"), get_block("mens_trousers")
    tall = read_measurement_file(DEMO / "customer_tall_man.json").values
    return [("S-1", draft(shirt, MEDIAN_MAN).pieces), ("S-2", draft(shirt, tall).pieces),
            ("S-3", draft(shirt, MEDIAN_MAN).pieces),
            ("T-1", draft(trousers, {**MEDIAN_MAN, **MEDIAN_MAN_LEGS}).pieces),
            ("T-2", draft(trousers, {**tall, **MEDIAN_MAN_LEGS}).pieces)]


@pytest.fixture(scope="module")
def jobs(garments):
    return {ref: JobInfo("mens_shirt" if ref[0] == "S" else "mens_trousers", "1", order=ref)
            for ref, _ in garments}


@pytest.fixture(scope="module")
def long_marker(garments):
    return make_marker(garments, MarkerSpec(1500.0, seconds=3))


@pytest.fixture(scope="module")
def sections(garments):
    return make_marker(garments, MarkerSpec(1500.0, seconds=2, max_length=2500.0))


def expected_count(garments) -> int:
    return sum(p.quantity for _, pieces in garments for p in pieces if p.material == "self")


def assert_cuttable(marker, garments, gap: float = 1.9) -> None:
    """Every piece there once, inside the selvedges and its section, on grain, none overlapping,
    the knife's gap kept between pieces of one section."""
    assert len(marker.pieces) == expected_count(garments)
    outlines = [Polygon(lp.piece.cut_line) for lp in marker.pieces]
    for lp, outline in zip(marker.pieces, outlines, strict=True):
        x0, y0, x1, y1 = outline.bounds
        start, end = marker.bounds[lp.section]
        assert y0 >= -0.5 and y1 <= marker.spec.width + 0.5
        assert start - 0.5 <= x0 and x1 <= end + 0.5
        (ax, ay), (bx, by) = lp.piece.grainline
        assert abs(by - ay) < 1e-6 * abs(bx - ax)
    for i, a in enumerate(outlines):
        for j in range(i + 1, len(outlines)):
            b = outlines[j]
            assert a.intersection(b).area < 1.0
            if marker.pieces[i].section == marker.pieces[j].section:
                assert a.distance(b) >= gap


def test_a_marker_longer_than_a_plotter_page_is_written_in_every_format(long_marker, garments, jobs,
                                                                          tmp_path):
    assert long_marker.length > 5080  # more than one 200-inch page: refused before this work
    assert_cuttable(long_marker, garments)
    written = write_marker(long_marker, jobs, tmp_path)
    assert sorted(p.name for p in written) == ["marker-self.dxf", "marker-self.json", "marker-self.pdf",
                                               "marker-self.svg"]
    with pdfplumber.open(tmp_path / "marker-self.pdf") as pdf:
        widths = [page.width * MM for page in pdf.pages]
        assert len(widths) >= 2 and max(widths) <= 5080.1
        assert sum(w - 40 for w in widths) == pytest.approx(long_marker.length, abs=0.5)  # 20 mm margins
        for page in pdf.pages:
            assert page.height * MM == pytest.approx(1500 + 80, abs=0.1)
            assert "page" in page.extract_text()
    report = json.loads((tmp_path / "marker-self.json").read_text())
    assert report["length_mm"] == pytest.approx(long_marker.length, abs=0.05)
    assert len(report["pieces"]) == len(long_marker.pieces) and len(report["sections"]) == 1
    svg = (tmp_path / "marker-self.svg").read_text()
    assert svg.count('class="cut" d=') == len(long_marker.pieces)
    doc = ezdxf.readfile(tmp_path / "marker-self.dxf")
    assert len([e for e in doc.modelspace().query("LWPOLYLINE") if e.dxf.layer == "CUT"]) \
        == len(long_marker.pieces)


def test_a_failing_format_is_named_and_the_others_are_written(long_marker, jobs, tmp_path, monkeypatch):
    def broken(marker, jobs):
        raise MtmError("the plotter driver is out of paper")

    monkeypatch.setitem(marker_files.RENDERERS, "pdf", broken)
    with pytest.raises(MarkerFilesError) as caught:
        write_marker(long_marker, jobs, tmp_path)
    assert "PDF could not be written: the plotter driver is out of paper" in str(caught.value)
    assert "written: marker-self.svg, marker-self.dxf, marker-self.json" in str(caught.value)
    assert {p.name for p in tmp_path.iterdir()} == {"marker-self.svg", "marker-self.dxf",
                                                    "marker-self.json"}
    json.loads((tmp_path / "marker-self.json").read_text())


def test_sections_are_no_longer_than_the_table(sections, garments, jobs, tmp_path):
    assert len(sections.bounds) >= 3
    for k, (start, end) in enumerate(sections.bounds):
        assert 0 < end - start <= 2500.0
        assert k == 0 or start == sections.bounds[k - 1][1]  # end to end on the roll
        last = k == len(sections.bounds) - 1  # the leftovers after the last full table: any
        assert (0 if last else 0.5) < sections.section_utilisation(k) <= 1
    assert sections.length == sections.bounds[-1][1]
    assert_cuttable(sections, garments)
    write_marker(sections, jobs, tmp_path)
    report = json.loads((tmp_path / "marker-self.json").read_text())
    assert [s["length_mm"] for s in report["sections"]] == pytest.approx(
        [end - start for start, end in sections.bounds], abs=0.1)
    assert sum(s["pieces"] for s in report["sections"]) == len(report["pieces"])
    assert report["max_length_mm"] == 2500.0
    with pdfplumber.open(tmp_path / "marker-self.pdf") as pdf:  # a page per section
        assert len(pdf.pages) == len(sections.bounds)
        for page, (start, end) in zip(pdf.pages, sections.bounds, strict=True):
            assert page.width * MM == pytest.approx(end - start + 40, abs=0.2)
            assert "section" in page.extract_text()
    doc = ezdxf.readfile(tmp_path / "marker-self.dxf")
    selvedges = [e for e in doc.modelspace().query("LINE") if e.dxf.layer == "SELVEDGE"]
    assert len(selvedges) == 2 * len(sections.bounds)


def test_a_piece_longer_than_the_table_is_refused(garments):
    with pytest.raises(MtmError, match="along the grain; the cutting table is 60 cm long"):
        make_marker(garments[3:4], MarkerSpec(1500.0, seconds=1, max_length=600.0))


def test_progress_reports_the_best_length_and_cancel_stops_before_the_next_section(garments):
    heard = []
    marker = make_marker(garments[:1], MarkerSpec(1500.0, seconds=2), progress=heard.append)
    assert heard[0].phase == "starting" and heard[-1].phase == "final"
    assert [h.elapsed for h in heard] == sorted(h.elapsed for h in heard)
    lengths = [h.length for h in heard if h.length is not None]
    assert lengths and lengths[-1] == pytest.approx(marker.length)
    assert all(h.pieces == 13 and h.section == 1 for h in heard)
    calls = []

    def cancelled() -> bool:  # asked before each section's solve: stop before the second
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        make_marker(garments, MarkerSpec(1500.0, seconds=1, max_length=2500.0), cancelled=cancelled)
    assert len(calls) == 2


def test_marker_command_with_a_table_length(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "mtm_app.cli", "marker", "mens_shirt",
         "-m", str(DEMO / "customer_median_man.json"), "-m", str(DEMO / "customer_tall_man.json"),
         "--width", "150", "--seconds", "1", "--max-length", "150", "--out", str(out),
         "--format", "json,pdf"], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "sections" in result.stdout
    report = json.loads((out / "marker-self.json").read_text())
    assert len(report["sections"]) >= 2 and all(s["length_mm"] <= 1500 for s in report["sections"])


# ---- pieces from other CADs ----

def test_our_own_aama_shirt_lays_like_the_drafted_one(tmp_path):
    pieces = draft(get_block("mens_shirt"), MEDIAN_MAN).pieces
    path = tmp_path / "shirt.dxf"
    path.write_text(aama_text(pieces, JobInfo("mens_shirt", "1", size="M")))
    label, read, _job, _found = dxf_garment(path)
    marker = make_marker([(label, read)], MarkerSpec(1500.0, seconds=2))
    native = [p for p in pieces if p.material == "self"]
    assert len(marker.pieces) == sum(p.quantity for p in native) == 13
    drafted_area = sum(make_marker([("A", native)], MarkerSpec(1500.0, seconds=1)).pieces[k].area
                       for k in range(13))
    assert sum(lp.area for lp in marker.pieces) == pytest.approx(drafted_area, rel=0.002)  # back opened
    assert sorted(lp.mirrored for lp in marker.pieces if lp.piece.name == "Sleeve") == [False, True]
    assert_cuttable(marker, [(label, read)])
    assert 0.6 < marker.utilisation < 1


def _hand_built_dxf(path: Path) -> None:
    """Three pieces as another CAD writes them: a block each, boundary on layer 1, grainline on
    layer 7, Quantity text — a facing cut twice, an asymmetric panel cut as an R,L pair, a
    strip whose grain runs up the drawing."""
    doc = ezdxf.new("R12")
    msp = doc.modelspace()
    msp.add_text("Units: METRIC")
    pieces = {
        "FACING": ([(0, 0), (300, 0), (300, 80), (0, 80)], ((20, 40), (280, 40)), "2"),
        "PANEL": ([(0, 0), (500, 0), (450, 300), (0, 200)], ((50, 100), (400, 100)), "1,1"),
        "STRIP": ([(0, 0), (60, 0), (60, 700), (0, 700)], ((30, 50), (30, 650)), "1"),
    }
    for name, (outline, grain, quantity) in pieces.items():
        block = doc.blocks.new(name)
        block.add_polyline2d(outline, close=True, dxfattribs={"layer": "1"})
        block.add_line(*grain, dxfattribs={"layer": "7"})
        for k, text in enumerate([f"Piece Name: {name.title()}", f"Quantity: {quantity}"]):
            block.add_text(text, dxfattribs={"layer": "1", "insert": (10, 10 + 6 * k), "height": 4})
        msp.add_blockref(name, (0, 0))
    doc.saveas(path)


def test_another_cads_pieces_are_laid_with_quantity_pairs_and_grain(tmp_path):
    path = tmp_path / "other_cad.dxf"
    _hand_built_dxf(path)
    label, pieces, _job, _found = dxf_garment(path)
    marker = make_marker([(label, pieces)], MarkerSpec(1500.0, seconds=1))
    names = sorted(lp.piece.name for lp in marker.pieces)
    assert names == ["Facing", "Facing", "Panel", "Panel", "Strip"]
    assert sorted(lp.mirrored for lp in marker.pieces if lp.piece.name == "Panel") == [False, True]
    strip = next(lp for lp in marker.pieces if lp.piece.name == "Strip")
    x0, y0, x1, y1 = Polygon(strip.piece.cut_line).bounds
    assert x1 - x0 == pytest.approx(700, abs=0.01) and y1 - y0 == pytest.approx(60, abs=0.01)  # turned
    assert_cuttable(marker, [(label, pieces)])
    assert 0 < marker.utilisation <= 1


def test_marker_command_lays_a_dxf(tmp_path):
    path = tmp_path / "other_cad.dxf"
    _hand_built_dxf(path)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "mtm_app.cli", "marker", "--pieces", str(path), "--width", "100",
         "--seconds", "1", "--seed", "7", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "5 pieces" in result.stdout
    report = json.loads((out / "marker-self.json").read_text())
    assert report["solver"] == "sparrow" and report["seed"] == 7 and report["seconds"] == 1
    assert 0 < report["utilisation"] <= 1 and report["length_mm"] > 700
    assert report["orders"][0]["order"] == "other_cad" and len(report["pieces"]) == 5
    bad = subprocess.run(
        [sys.executable, "-m", "mtm_app.cli", "marker", "--pieces", str(path), "--size", "XL",
         "--width", "100", "--out", str(tmp_path / "bad")], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "no size 'XL'" in bad.stderr and "Traceback" not in bad.stderr
