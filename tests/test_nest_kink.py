"""Kinks in the nest of sizes: Gilewska gives a shoulder length for sizes 36 and 44 only, so
every other row's is estimated (about 143 mm around size 44) and size 44 drafts a 160 mm
shoulder: its yoke, back and fronts jump off the line of the sizes beside it. The run says so,
names the size, the pieces and the measurement, and `mtm grade` does not exit 0."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from mtm_app.grading import chart_for, size_run
from mtm_app.grading.kinks import check_nest, size_series, spikes
from mtm_app.library import get_block
from mtm_app.measurements.sizes import charts


@pytest.fixture(scope="module")
def gilewska_shirts():
    shirt = get_block("mens_shirt")
    return size_run(shirt, chart_for(shirt, "men_gilewska"))


def test_a_spike_is_put_on_the_size_that_makes_it_even_at_the_ends() -> None:
    line = np.arange(8.0) * 5.0  # a point that moves 5 mm per size
    for at in range(8):
        track = line.copy()
        track[at] += 12.0
        found = spikes(track[:, None, None])[:, 0, 0]
        assert found[at] == pytest.approx(12.0), at
        assert np.abs(np.delete(found, at)).max() < 1e-9, at
    bent = np.array([0.0, 4, 8, 12, 18, 24, 30])  # a grade that changes its step once: no spike
    assert np.abs(spikes(bent[:, None, None])).max() < 2.0


def test_the_gilewska_size_44_shirt_kinks_at_the_shoulder(gilewska_shirts) -> None:
    run = gilewska_shirts
    rows = dict(run.chart.sizes)
    given = [s.size for s in run.sizes if "shoulder_length" in rows[s.size]]
    assert given == ["36", "44"]  # the chart's trap: the others are estimated
    nest = check_nest(run)
    assert not nest.ok and nest.kinked_sizes() == ["44"]
    kink = nest.kinks[0]
    assert {p.piece_id for p in kink.pieces} == {"yoke", "back", "front_left", "front_right"}
    assert all(13.0 < p.off < 18.0 for p in kink.pieces)  # 160 mm drafted, 143 mm on the line
    cause = kink.causes[0]
    assert cause.measurement == "shoulder_length"
    assert cause.value == pytest.approx(160.0)
    assert 142.0 < cause.expected < 145.0
    assert not cause.estimated and cause.beside_estimated is True
    assert "size 44" in kink.describe() and "Yoke" in kink.describe()
    assert "shoulder length 160.0 mm given by the chart" in kink.cause_text()
    # where: the shoulder point of the yoke, 160 − 143 mm further out than its neighbours put it
    yoke = next(p for p in kink.pieces if p.piece_id == "yoke")
    i = [s.size for s in run.sizes].index("44")
    piece = run.sizes[i].draft.piece("yoke")
    nearest = np.hypot(*(piece.cut_line - np.asarray(piece.nest_point) - yoke.at).T).min()
    assert nearest < 1.0


@pytest.mark.parametrize(("block_id", "chart_id"), [
    ("mens_shirt", "men_wargnier"), ("mens_trousers", "men_gilewska"), ("mens_waistcoat", "men_wargnier"),
    ("mens_jacket", "men_wargnier"),
    ("womens_bodice", "women_burda"), ("skirt", "women_aldrich"), ("mens_shirt", "us_men_dress_shirts")])
def test_smooth_charts_say_ok(block_id, chart_id) -> None:
    block = get_block(block_id)
    run = size_run(block, chart_for(block, chart_id))
    nest = check_nest(run)
    assert nest.ok, [k.describe() for k in nest.kinks]
    assert not nest.unchecked


def test_a_neck_by_sleeve_grid_is_checked_one_sleeve_at_a_time() -> None:
    chart = charts()["us_men_dress_shirts"]
    sizes = [s for s, _ in chart.sizes if s.split(" / ")[1] in ("32", "33")]
    run = size_run(get_block("mens_shirt"), chart, sizes)
    series = [[run.sizes[i].size for i in s] for s in size_series(run)]
    assert len(series) == 2
    assert series[0][:3] == ["14 / 32", "14½ / 32", "15 / 32"]
    assert all(len(s) == 9 for s in series)


def _mtm(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtm_app.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_mtm_grade_names_the_kink_and_does_not_say_ok(tmp_path) -> None:
    result = _mtm("grade", "mens_shirt", "--chart", "men_gilewska", "--out", str(tmp_path),
                  "--format", "nest-svg")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert next(x for x in lines if x.startswith("  size 44:")).startswith("  size 44: KINKS")
    assert next(x for x in lines if x.startswith("  size 42:")).startswith("  size 42: ok")
    assert "KINK size 44: the nest kinks — Yoke" in result.stdout
    assert "cause: shoulder length 160.0 mm given by the chart" in result.stdout
    assert (tmp_path / "mens_shirt-men_gilewska.nest.svg").is_file()  # to look at the kink
    smooth = _mtm("grade", "mens_shirt", "--chart", "men_wargnier", "--out", str(tmp_path),
                  "--format", "nest-svg")
    assert smooth.returncode == 0, smooth.stdout + smooth.stderr
    assert "KINK" not in smooth.stdout
