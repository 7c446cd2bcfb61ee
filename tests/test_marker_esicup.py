"""The ESICUP instances the benchmark lays: they parse into pieces, their records give the
published densities, and a small one is laid for a few seconds (the 60 s runs are in
benchmarks/bench_marker_esicup.py, not here)."""

from __future__ import annotations

import pytest

from benchmarks.bench_marker_esicup import INSTANCES, WIDTH, lay, load, record_density


@pytest.mark.parametrize("name", INSTANCES)
def test_every_instance_parses_with_its_record(name):
    scale, pieces, area = load(name)
    assert pieces and all(p.quantity >= 1 and len(p.cut_line) >= 3 for p in pieces)
    laid_area = sum(p.area * p.quantity for p in pieces)
    assert laid_area == pytest.approx(area * scale**2, rel=1e-9)
    assert 0.75 < record_density(name, area) < 0.95  # DOMAIN §8: records of 80–93 %


def test_a_small_instance_is_laid_valid_and_near_its_record():
    marker, ours, best = lay("albano", seconds=3, workers=1)
    assert len(marker.pieces) == 24 and marker.spec.width == WIDTH
    assert 0.80 * best < ours <= best * 1.01  # 3 s on one thread: within a fifth of the record
