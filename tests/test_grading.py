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

BLOCKS = ("mens_shirt", "mens_trousers", "mens_waistcoat", "mens_jacket", "womens_bodice", "skirt")
# fit checks measuring a girth: they must grow from each size to the next
GIRTHS = {"mens_shirt": ("chest", "waist", "collar", "cuff"), "mens_trousers": ("waist", "seat"),
          "mens_waistcoat": ("chest", "waist"), "mens_jacket": ("chest", "waist", "seat", "bicep"),
          "womens_bodice": ("bust", "waist"), "skirt": ("waist", "hip")}
MAIN = {"mens_shirt": ("back", "front_left", "sleeve"), "mens_trousers": ("front", "back"),
        # the jacket's back is widest at its shoulder point: Gilewska's size 44 shoulder (16 cm among
        # estimated ones, the chart's own kink) juts it out, so its width is not a size's measure
        "mens_waistcoat": ("front", "back"), "mens_jacket": ("front", "side_body", "top_sleeve"),
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


def _distance_to(line: np.ndarray, points: np.ndarray, closed: bool) -> np.ndarray:
    """Each point's distance to the polyline."""
    line = np.vstack([line, line[:1]]) if closed else line
    a, b = line[:-1], line[1:]
    ab = b - a
    t = np.clip(((points[:, None, :] - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12), 0, 1)
    nearest = a + t[..., None] * ab
    return np.hypot(*(points[:, None, :] - nearest).transpose(2, 0, 1)).min(axis=1)


def test_every_size_of_a_piece_gets_one_point_list() -> None:
    """The shirt's sleeve is flattened to 100–119 points by size; matched, every size has as
    many, every point on its own drafted line, no drafted point more than 0.2 mm off, and the
    seam corners kept exactly."""
    from mtm_app.grading.resample import match_piece

    shirt = get_block("mens_shirt")
    run = size_run(shirt, chart_for(shirt, None))
    for pid in run.piece_ids():
        drafted = [s.draft.piece(pid) for s in run.sizes]
        matched = match_piece(drafted, run.sizes.index(run.sample))
        assert matched is not None
        if pid == "sleeve":
            assert len({len(p.cut_line) for p in drafted}) > 5
        for attr in ("cut_line", "seam_line"):
            assert len({len(getattr(p, attr)) for p in matched}) == 1, (pid, attr)
        for old, new in zip(drafted, matched, strict=True):
            assert new.nest_point == old.nest_point
            for attr in ("cut_line", "seam_line"):
                a, b = getattr(old, attr), getattr(new, attr)
                assert _distance_to(a, b, True).max() < 1e-6  # on the drafted line
                assert _distance_to(b, a, True).max() < 0.2, (pid, attr)  # nothing cut off
            corners = np.array([e.path.start for e in old.edges])
            assert np.hypot(*(new.seam_line[:, None] - corners).transpose(2, 0, 1)).min(axis=0).max() < 1e-9
            for x, y in zip(old.internal_lines, new.internal_lines, strict=True):
                assert x.points[0] == pytest.approx(y.points[0])
                assert x.points[-1] == pytest.approx(y.points[-1])


@pytest.mark.parametrize(("block_id", "astm"), [("mens_trousers", False), ("womens_bodice", True),
                                                ("mens_shirt", False)])
def test_graded_aama_has_one_rule_per_point_and_reads_back(tmp_path, block_id, astm) -> None:
    from tests.dxf_groups import read_groups

    block = get_block(block_id)
    run = size_run(block, chart_for(block, None))
    kind = "astm" if astm else "aama"
    dxf, rul = write_grade_files(run, [f"dxf-{kind}-graded"], tmp_path)
    assert ezdxf.readfile(dxf).audit().has_errors is False
    back = read_aama(dxf)  # our importer: every size, with the sample's rule numbers
    assert back.sizes == [s.size for s in run.sizes]
    rules = read_rul(rul.read_text("ascii"))
    assert rules.sizes == back.sizes and rules.sample == run.sample.size
    expected = grade_rules(run)
    assert not expected.ungraded
    assert set(rules.deltas) == set(expected.deltas)
    for n, deltas in rules.deltas.items():
        assert np.allclose(deltas, expected.deltas[n], atol=1e-3)
    assert back.style["grade_rule_table"] == rules.name == f"{block_id}-{run.chart.id}"

    blocks, _ = read_groups(dxf.read_text("ascii"))  # and a parser of our own
    found = {(b.texts()["Size"], b.texts()["Piece Name"]): b for b in blocks}
    names = {p.id: p.name for p in run.sample.draft.pieces}
    checked = 0
    for pid in run.piece_ids():
        by_size = [found[(size, names[pid])] for size in rules.sizes]
        sample = by_size[rules.sizes.index(rules.sample)]
        points = []  # per size: cut line, sew line, internal lines, as the rules number them
        internal = len({len(b.on("8", "POLYLINE")) for b in by_size}) == 1  # the same lines
        for b in by_size:
            lines = [*b.on("1", "POLYLINE"), *b.on("14", "POLYLINE"),
                     *(b.on("8", "POLYLINE") if internal else [])]
            points.append(np.array([p for e in lines for p in e.points]))
        assert len({len(p) for p in points}) == 1, pid  # one point list for every size
        rule_texts = [(int(e.text[2:]), e.points[0]) for e in sample.on("1", "TEXT")
                      if e.text.startswith("# ")]
        assert len(rule_texts) == len(points[0]) == len(expected.points[pid])
        base = points[rules.sizes.index(rules.sample)]
        for k, (n, at) in enumerate(rule_texts):
            assert np.allclose(at, base[k], atol=1e-3)  # `# n` sits on its point
            for i in range(len(rules.sizes)):
                dx, dy = rules.deltas[n][i]  # mm, y down: the DXF is y up
                assert np.allclose(base[k] + (dx, -dy), points[i][k], atol=2e-3), (pid, n, i)
                checked += 1
        # the sizes stack on the nest point, where each one's grade reference line starts
        starts = {b.on("5", "LINE")[0].points[0] for b in by_size}
        assert len(starts) == 1
        origin = np.asarray(starts.pop())
        for b, s in zip(by_size, run.sizes, strict=True):
            drafted = s.draft.piece(pid)
            ring = np.asarray(b.on("1", "POLYLINE")[0].points)
            want = (drafted.cut_line - np.asarray(drafted.nest_point)) * (1, -1) + origin
            assert _distance_to(ring, want, True).max() < 0.2  # the drafted cut line, to 0.2 mm
            marks = {e.layer for e in b.entities} & {"2", "3", "4", "80", "81", "82", "83"}
            if b is sample:
                assert "2" in marks and ("4" in marks) == bool(drafted.notches)
            else:
                assert not marks, (pid, b.name)  # only the sample size carries them
            if astm:
                assert b.on("87", "POLYLINE")[0].points == b.on("14", "POLYLINE")[0].points
    assert checked > 1000


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
