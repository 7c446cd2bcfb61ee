"""Fabric an order takes before any marker: the estimate from the pieces' area is close to a
laid marker's length, a little over it, and scales with garments and width."""

from __future__ import annotations

import pytest

from mtm_app.consumption import estimated_metres, pieces_area_mm2
from mtm_app.drafting import draft
from mtm_app.marker import MarkerSpec, make_marker


@pytest.fixture(scope="module")
def shirt_pieces(shirt):
    from tests.conftest import MEDIAN_MAN

    return draft(shirt, MEDIAN_MAN).pieces


def test_the_estimate_is_a_little_over_a_laid_marker(shirt_pieces) -> None:
    marker = make_marker([("A", shirt_pieces)], MarkerSpec(1500.0, seconds=2), "self")
    estimate = estimated_metres(shirt_pieces, 1500.0)
    assert marker.length / 1000 <= estimate <= marker.length / 1000 * 1.15
    # the marker's pieces are the estimate's: the same area, folds opened, pairs counted
    laid = sum(_area(p.piece.cut_line) for p in marker.pieces)
    assert pieces_area_mm2(shirt_pieces) == pytest.approx(laid, rel=1e-6)


def _area(points) -> float:
    from shapely.geometry import Polygon

    return Polygon(points).area


def test_the_estimate_follows_garments_width_and_material(shirt_pieces) -> None:
    one = estimated_metres(shirt_pieces, 1500.0)
    assert estimated_metres(shirt_pieces, 1500.0, garments=3) == pytest.approx(3 * one, abs=0.02)
    assert estimated_metres(shirt_pieces, 1120.0) > one  # a narrower cloth: a longer lay
    assert 0 < estimated_metres(shirt_pieces, 900.0, material="interfacing") < 0.5
