"""Grading: size runs from size charts, the nest of sizes, graded AAMA with its grade rules."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import ezdxf
import numpy as np
import pdfplumber
import pytest

from mtm_app.errors import MeasurementError, OptionError
from mtm_app.export.dxf_read import read_aama
from mtm_app.grading import chart_for, size_run
from mtm_app.grading.files import run_job, write_grade_files
from mtm_app.grading.nest import nest_pdf, nest_svg
from mtm_app.grading.rules import grade_rules, read_rul
from mtm_app.library import get_block
from mtm_app.measurements.multisize import read_multisize, save_chart

BLOCKS = ("mens_shirt", "mens_trousers", "womens_bodice", "skirt")
# fit checks measuring a girth: they must grow from each size to the next
GIRTHS = {"mens_shirt": ("chest", "waist", "collar", "cuff"), "mens_trousers": ("waist", "seat"),
          "womens_bodice": ("bust", "waist"), "skirt": ("waist", "hip")}
MAIN = {"mens_shirt": ("back", "front_left", "sleeve"), "mens_trousers": ("front", "back"),
        "womens_bodice": ("front", "back"), "skirt": ("front", "back")}


@pytest.fixture(scope="module", params=BLOCKS)
def run(request):
    block = get_block(request.param)
    return size_run(block, chart_for(block, None))


def test_every_size_of_the_blocks_own_chart_drafts_and_checks(run) -> None:
    assert not run.refused
    assert len(run.sizes) == len(run.chart.sizes) >= 6
    for s in run.sizes:
        assert s.draft.ok, (s.size, s.draft.failures())
        rows = dict(run.chart.sizes)[s.size]
        for name, value in rows.items():  # what the chart gives is drafted as given
            if name in s.measurements:
                assert s.measurements[name] == pytest.approx(value)
                assert name not in s.estimated


def test_girths_grow_from_size_to_size(run) -> None:
    """Key girths grow with every size; the others never shrink (Gilewska gives sizes 46 and 48
    the same wrist, so their cuffs are equal)."""
    for k, name in enumerate(GIRTHS[run.block.id]):
        measured = [next(f.measured for f in s.draft.fits if f.name == name) for s in run.sizes]
        steps = [b - a for a, b in itertools.pairwise(measured)]
        assert all(d > 0 if k < 2 else d >= 0 for d in steps), (name, measured)
        assert measured[-1] > measured[0]
    for pid in MAIN[run.block.id]:
        widths = [s.draft.piece(pid).width for s in run.sizes]
        assert all(b > a for a, b in itertools.pairwise(widths)), (pid, widths)


def test_nest_svg_stacks_every_size_on_the_declared_point(run) -> None:
    job = run_job(run)
    root = ET.fromstring(nest_svg(run, job))
    ns = {"s": "http://www.w3.org/2000/svg"}
    groups = {g.get("id"): g for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert set(groups) == set(run.piece_ids())
    for pid, group in groups.items():
        paths = [p for p in group.findall("s:path", ns) if p.get("data-size")]
        assert [p.get("data-size") for p in paths] == [s.size for s in run.sizes]
        assert paths[0].get("stroke") != paths[-1].get("stroke")  # graded colours
        cross = next(p for p in group.findall("s:path", ns) if p.get("stroke") == "black")
        cx, cy = (float(v) for v in re.findall(r"[-\d.]+", cross.get("d"))[:2])
        cx += 6  # the cross's first stroke starts 6 mm left of the point
        for path, s in zip(paths, run.sizes, strict=True):
            drawn = np.array(re.findall(r"([-\d.]+),([-\d.]+)", path.get("d")), dtype=float)
            piece = s.draft.piece(pid)
            want = piece.cut_line - np.asarray(piece.nest_point) + (cx, cy)
            assert np.abs(drawn - want).max() < 0.01


def test_nest_pdf_has_a_page_per_piece_with_its_scale(run) -> None:
    data = nest_pdf(run, run_job(run))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == len(run.piece_ids())
        text = pdf.pages[0].extract_text()
        assert re.search(r"scale 1:\d+", text)
        assert all(f"size {s.size}" in text for s in run.sizes)


@pytest.mark.parametrize("block_id", ["mens_trousers", "womens_bodice"])
def test_graded_aama_reads_back_with_every_size_and_rule(tmp_path, block_id) -> None:
    block = get_block(block_id)
    run = size_run(block, chart_for(block, None))
    dxf, rul = write_grade_files(run, ["dxf-aama-graded"], tmp_path)
    assert ezdxf.readfile(dxf).audit().has_errors is False
    back = read_aama(dxf)
    assert back.sizes == [s.size for s in run.sizes]
    rules = read_rul(rul.read_text("ascii"))
    assert rules.sizes == back.sizes and rules.sample == run.sample.size
    expected = grade_rules(run)
    assert set(rules.deltas) == set(expected.deltas)
    for n, deltas in rules.deltas.items():
        assert np.allclose(deltas, expected.deltas[n], atol=1e-3)
    names = {p.id: p.name for p in run.sample.draft.pieces}
    cut = {(size, p.name): p.cut_line for size, p in back.pieces}
    checked = 0
    for pid in run.piece_ids():
        points = back.rule_points[(rules.sample, names[pid])]
        assert len(points) == len(expected.points[pid])
        for n, (x, y) in points:  # the sample point moved by its rule lands on every size's line
            for k, size in enumerate(rules.sizes):
                dx, dy = rules.deltas[n][k]
                gap = np.hypot(*(cut[(size, names[pid])] - (x + dx, y + dy)).T).min()
                assert gap < 0.01, (pid, n, size, gap)
                checked += 1
    assert checked > 100
    # every size's boundary is the drafted cut line (stacked on the nest point)
    for s in run.sizes:
        for p in s.draft.pieces:
            got = cut[(s.size, p.name)]
            assert got.shape == p.cut_line.shape
            shift = got[0] - p.cut_line[0]
            assert np.abs(got - p.cut_line - shift).max() < 0.01


def test_sizes_options_and_charts_are_checked_before_drafting() -> None:
    trousers = get_block("mens_trousers")
    with pytest.raises(MeasurementError, match="size chart 'nope' is unknown"):
        chart_for(trousers, "nope")
    chart = chart_for(trousers, None)
    with pytest.raises(MeasurementError, match="has no size 39"):
        size_run(trousers, chart, ["38", "39"])
    with pytest.raises(OptionError, match="pleat"):
        size_run(trousers, chart, ["38"], {"pleat": "one"})
    two = size_run(trousers, chart, ["40", "44", "40"], {"pleats": "one"})
    assert [s.size for s in two.sizes] == ["40", "44"]  # a size asked twice is drafted once
    assert two.sizes[0].draft.options["pleats"] == "one"


def test_an_imported_multisize_chart_grades_too(tmp_path) -> None:
    from tests.conftest import DATA

    gost = read_multisize(DATA / "multisize" / "GOST_man_ru.vst", "male")
    path = save_chart(gost, tmp_path, "gost", "GOST men", "GOST 17522 via Valentina")
    trousers = get_block("mens_trousers")
    chart = chart_for(trousers, str(path))
    sizes = [label for label, _ in chart.sizes][::10]
    run = size_run(trousers, chart, sizes)
    assert len(run.sizes) >= 3 and all(s.draft.ok for s in run.sizes)
    assert [s.size for s in run.sizes] + [size for size, _ in run.refused] == sizes
    for _, why in run.refused:  # GOST's outseam runs 4 cm past inseam + rise in its tall sizes
        assert why.startswith("measurements.outseam: outseam, inseam and body rise disagree")
    # this table gives neck_mid_circ as a half girth (19–22 cm): the shirt refuses every size,
    # naming the neck, rather than drafting collars for a neck that small
    with pytest.raises(MeasurementError, match=r"neck 19\.0 cm is outside"):
        size_run(get_block("mens_shirt"), chart, sizes)


def _mtm(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtm_app.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_grade_and_charts_commands(tmp_path) -> None:
    result = _mtm("grade", "skirt", "--sizes", "10,12,14", "--out", str(tmp_path),
                  "--format", "nest-svg,dxf-aama-graded", "-o", "silhouette=a_line")
    assert result.returncode == 0, result.stderr
    assert "sizes 10, 12, 14 (sample 12)" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "skirt-women_aldrich.aama.dxf", "skirt-women_aldrich.aama.rul", "skirt-women_aldrich.nest.svg"]
    bad = _mtm("grade", "skirt", "--chart", "men_nope", "--out", str(tmp_path))
    assert bad.returncode == 2 and "unknown" in bad.stderr and "Traceback" not in bad.stderr
    charts = _mtm("charts")
    assert charts.returncode == 0
    for chart in ("men_gilewska", "men_wargnier", "women_aldrich", "women_burda"):
        assert chart in charts.stdout
