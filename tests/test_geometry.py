"""Curves, polylines, seam allowance corners and notches, on shapes whose answers are known."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mtm_app.block.loader import parse_block
from mtm_app.drafting import draft
from mtm_app.geometry.allowance import EdgeOffset, _stitch, cut_line, orientation, signed_area
from mtm_app.geometry.curves import FLATNESS, bezier, smooth_through, tangent_bezier
from mtm_app.geometry.polyline import Polyline
from mtm_app.geometry.room import Room
from mtm_app.pieces import Piece


def _dense(seg, n=4000):
    t = np.linspace(0, 1, n)[:, None]
    p0, c1, c2, p3 = (np.asarray(p) for p in seg)
    return (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * c1 + 3 * (1 - t) * t**2 * c2 + t**3 * p3


coord = st.floats(-500, 500, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(coord, coord), min_size=4, max_size=4))
def test_flattening_stays_within_a_tenth_of_a_millimetre(pts) -> None:
    curve = bezier(*pts)
    poly = curve.polyline
    truth = _dense(curve.segments[0])
    deviation = max(poly.project(tuple(p))[1] for p in truth[::20])
    assert deviation <= 0.1
    assert deviation <= FLATNESS * 1.5 + 1e-6


def test_arc_length_of_a_quarter_circle() -> None:
    k = 0.5522847498 * 100  # the classic cubic approximation of a 100 mm quarter circle
    arc = bezier((100, 0), (100, k), (k, 100), (0, 100))
    assert arc.length == pytest.approx(math.pi * 50, abs=0.05)


def test_tangent_bezier_leaves_and_arrives_at_the_given_angles() -> None:
    c = tangent_bezier((0, 0), (100, -50), 0, 40, 90, 30)
    (_, c1, c2, p3) = c.segments[0]
    assert c1 == pytest.approx((40, 0))
    assert c2 == pytest.approx((100, -20))  # arriving upwards (90°) means from below
    assert p3 == (100, -50)


def test_smooth_path_goes_through_every_point() -> None:
    pts = [(0, 0), (50, 30), (100, 20), (160, 80)]
    path = smooth_through(pts, start_angle=-90)
    poly = path.polyline
    for p in pts:
        assert poly.project(p)[1] < 1e-9
    first = np.asarray(path.segments[0][1]) - np.asarray(path.segments[0][0])
    assert math.degrees(math.atan2(-first[1], first[0])) == pytest.approx(-90)


def test_polyline_distances_and_sub_paths() -> None:
    line = Polyline([(0, 0), (100, 0), (100, 50)])
    assert line.length == 150
    assert line.point_at(120) == (100, 20)
    assert line.point_at(-10) == (100, 40)
    assert line.project((60, 5)) == (60, 5)
    sub = line.between(50, 130)
    assert sub.length == pytest.approx(80)
    assert sub.start == (50, 0) and sub.end == (100, 30)
    assert line.between(130, 50).start == (100, 30)
    hits = line.crossings((0, 25), (1, 25))
    assert [h[1] for h in hits] == [(100.0, 25.0)]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(coord, coord), min_size=2, max_size=30), st.floats(0, 1), st.floats(0, 1))
def test_a_sub_path_carries_the_lengths_it_was_cut_from(pts, f0, f1) -> None:
    """`between` and `reversed` hand on the lengths they know instead of measuring again: those
    must be the lengths the cut-out points have."""
    line = Polyline(pts)
    assume(line.length > 1e-6)
    for sub in (line.between(f0 * line.length, f1 * line.length), line.reversed()):
        fresh = Polyline(sub.points.copy())
        assert sub.cumulative == pytest.approx(fresh.cumulative, abs=1e-9)
        assert sub.length == pytest.approx(fresh.length, abs=1e-9)
        assert sub.start == tuple(fresh.points[0]) and sub.end == tuple(fresh.points[-1])
        assert sub.point_at(0.5 * sub.length) == pytest.approx(fresh.point_at(0.5 * fresh.length))


def test_a_chain_of_curves_flattens_as_its_segments_do_one_by_one() -> None:
    """The whole chain is flattened in one product; each segment must come out as it would
    alone, joined end to start."""
    path = smooth_through([(0, 0), (50, 30), (100, 20), (160, 80), (170, 200)], start_angle=-90)
    alone = [bezier(*seg).polyline.points for seg in path.segments]
    joined = np.concatenate([alone[0]] + [a[1:] for a in alone[1:]])
    assert path.polyline.points == pytest.approx(joined, abs=1e-9)


def test_the_flattening_matrices_kept_stay_within_their_budget() -> None:
    """Every body gives its curves new step counts, and a long chain's matrix grows with the
    square of its segments: a long session keeps no more than the budget."""
    from mtm_app.geometry import curves

    rng = np.random.default_rng(7)
    for _ in range(300):  # twelve-point curves, as a pattern maker may write, on varied bodies
        pts = np.cumsum(rng.uniform(20, 60, size=(12, 2)), axis=0)
        assert len(smooth_through([tuple(p) for p in pts]).polyline.points) > 12
    held = sum(a.nbytes for a in curves._CHAIN_CACHE.values())
    assert held == curves._CHAIN_CACHE_SIZE[0] <= curves.CHAIN_CACHE_BYTES


def test_a_tape_across_a_piece_reads_its_width_at_that_height() -> None:
    diamond = np.array([(0, -100), (60, 0), (0, 100), (-40, 0)], dtype=float)
    piece = Piece(id="p", name="p", edges=[], seam_line=diamond, cut_line=diamond)
    assert piece.chord(0) == pytest.approx(100)
    assert piece.chord(50) == pytest.approx(50)  # half way up both sides, the closing one too
    assert piece.chord(-100) == 0.0 and piece.chord(120) == 0.0


def runs_back(ring: np.ndarray) -> bool:
    """Whether a closed line turns straight back on itself anywhere (a needle of no area)."""
    out = np.roll(ring, -1, axis=0) - ring
    back = ring - np.roll(ring, 1, axis=0)
    turn = (out * back).sum(axis=1) / np.maximum(np.hypot(*out.T) * np.hypot(*back.T), 1e-12)
    return bool((turn < -0.9999).any())


def test_a_cut_line_never_runs_out_and_straight_back() -> None:
    """A needle (out along the line and back: no area) is cut by a plotter as a slit beside the
    piece; it is taken off, tip by tip, wherever an offset overshoots a join."""
    square = [(0, 0), (100, 0), (100, 100), (0, 100)]
    needled = np.array([*square[:2], (104, 0), (102, 0), *square[1:]], dtype=float)  # out 4 mm, back
    (clean,) = _stitch([([needled[:-1]], [[square[-1]]])])  # one edge, closed by its join point
    assert not runs_back(clean) and runs_back(needled)
    assert abs(signed_area(clean)) == pytest.approx(100 * 100)
    assert Polyline(np.vstack([clean, clean[:1]])).length == pytest.approx(400)
    # a slender wedge drawn on purpose (a dart slashed 120 mm deep, 1 mm open, cut on its line) stays
    corners = [(0, 0), (300, 0), (300, 200), (150.5, 200), (150, 80), (149.5, 200), (0, 200)]
    allowances = [10, 10, 10, 0, 0, 10, 10]
    edges = [EdgeOffset(np.array([corners[i], corners[(i + 1) % 7]], dtype=float), float(a))
             for i, a in enumerate(allowances)]
    wedged = cut_line(edges, ["mitre"] * 7, orientation(np.array(corners, dtype=float)))
    assert any(np.allclose(p, (150, 80)) for p in wedged)


def _square(sa: list[float], hem: list[bool] | None = None, rules=None, size=100.0):
    corners = [(0, 0), (size, 0), (size, size), (0, size)]
    edges = [EdgeOffset(np.array([corners[i], corners[(i + 1) % 4]], dtype=float), sa[i],
                        (hem or [False] * 4)[i]) for i in range(4)]
    seam = np.array(corners, dtype=float)
    return cut_line(edges, rules or ["mitre"] * 4, orientation(seam))


def test_mitred_square_grows_by_the_allowance_on_every_side() -> None:
    cut = _square([10, 10, 10, 10])
    poly = shapely.Polygon(cut)
    assert poly.area == pytest.approx(120 * 120)
    assert poly.bounds == pytest.approx((-10, -10, 110, 110))


def test_allowance_differs_per_edge_and_zero_is_allowed() -> None:
    cut = _square([0, 15, 40, 10])  # top on the fold, a 40 mm hem at the bottom
    assert shapely.Polygon(cut).bounds == pytest.approx((-10, 0, 115, 140))
    assert shapely.Polygon(cut).area == pytest.approx(125 * 140)


def test_hem_corner_mirrors_the_side_seam_allowance() -> None:
    # a flared panel: the side seam leans out 10 mm over 100 mm; the hem (bottom) folds up 40
    seam = [(0, 0), (100, 0), (110, 100), (-10, 100)]
    edges = [
        EdgeOffset(np.array([seam[0], seam[1]], float), 10),
        EdgeOffset(np.array([seam[1], seam[2]], float), 10),
        EdgeOffset(np.array([seam[2], seam[3]], float), 40, hem=True),
        EdgeOffset(np.array([seam[3], seam[0]], float), 10),
    ]
    cut = cut_line(edges, ["mitre"] * 4, orientation(np.array(seam, float)))
    # the side allowance line reaches the hem fold line (y = 100), then turns back
    # mirrored: it leans IN by the same slope down to the hem cut edge at y = 140
    side_off_x_at_100 = 110 + 10 * math.hypot(1, 0.1) / 1.0  # offset of a 1:10 line by 10
    on_fold = [p for p in cut if abs(p[1] - 100) < 1e-6 and p[0] > 100]
    assert len(on_fold) == 1
    assert on_fold[0][0] == pytest.approx(side_off_x_at_100, abs=0.01)
    at_cut_edge = [p for p in cut if abs(p[1] - 140) < 1e-6 and p[0] > 100]
    assert at_cut_edge[0][0] == pytest.approx(on_fold[0][0] - 4.0, abs=0.01)


def test_mitre_limit_clips_a_sharp_point() -> None:
    seam = np.array([(0, 0), (200, 10), (0, 20)], float)  # a 5.7° spike at (200, 10)
    edges = [EdgeOffset(np.array([seam[i], seam[(i + 1) % 3]]), 10) for i in range(3)]
    cut = cut_line(edges, ["mitre"] * 3, orientation(seam))
    # clipped square to the bisector 3 × 10 mm past the tip; unclipped it would reach x ≈ 400
    assert max(p[0] for p in cut) == pytest.approx(230.0)
    assert shapely.Polygon(cut).is_valid


def test_square_corner_ends_the_incoming_allowance_square() -> None:
    # edge 1 runs right, edge 2 turns back at 45°: a square corner keeps edge 1's
    # allowance end perpendicular to edge 1 (x stays at the corner's x)
    seam = np.array([(0, 0), (100, 0), (50, 50)], float)
    edges = [EdgeOffset(np.array([seam[i], seam[(i + 1) % 3]]), 10) for i in range(3)]
    cut = cut_line(edges, ["mitre", "square", "mitre"], orientation(seam))
    near = [p for p in cut if p[0] > 99.999]
    assert len(near) == 2 and all(abs(p[0] - 100) < 1e-6 for p in near)


PANEL = """
block: {id: p, name: P, garment: test, version: "1"}
measurements:
  waist: {min: 100, max: 2000}
points:
  a: {x: 0, y: 0}
  b: {x: waist / 4, y: 0}
  c: {x: waist / 4, y: 300}
  d: {x: 0, y: 300}
  n: {x: waist / 8, y: 0}
pieces:
  panel:
    sa: 12
    outline:
      - {line: [a, b], name: top}
      - {line: [b, c], name: side}
      - {line: [c, d], name: hem}
      - {line: [d, a], name: cf}
    notches:
      - {at: n}
      - {edge: side, distance: 100, count: 2, spacing: 10}
"""


def test_notches_sit_on_the_cut_line_square_to_the_seam() -> None:
    piece = draft(parse_block(PANEL), {"waist": 800.0}).piece("panel")
    top, side_a, side_b = piece.notches
    assert top.seam_point == pytest.approx((100, 0))
    assert top.cut_point == pytest.approx((100, -12))
    assert top.inward == pytest.approx((0, 1))
    assert top.depth < 12
    assert side_a.seam_point == pytest.approx((200, 95))
    assert side_b.seam_point == pytest.approx((200, 105))
    assert side_a.cut_point == pytest.approx((212, 95))
    assert side_a.inward == pytest.approx((-1, 0))
    cut = shapely.Polygon(piece.cut_line).exterior
    for n in piece.notches:
        assert cut.distance(shapely.Point(n.cut_point)) < 1e-6


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(80, 200), min_size=6, max_size=24), st.floats(0.1, 4.0),
       st.lists(st.tuples(st.floats(-1, 1), st.floats(-1, 1)), min_size=24, max_size=24))
def test_a_room_shrunk_by_how_far_an_outline_moved_fits_the_moved_outline(radii, moved, pushes) -> None:
    """A label's room carried to a redraft (`Room.shrunk`): every box, less the farthest any
    point moved, lies inside the moved outline."""
    angles = np.linspace(0, 2 * math.pi, len(radii), endpoint=False)
    outline = np.column_stack([np.cos(angles) * radii, np.sin(angles) * np.asarray(radii) * 0.6])
    push = np.asarray(pushes[:len(radii)])
    push = push / np.maximum(1.0, np.hypot(*push.T))[:, None] * moved  # each point ≤ `moved` away
    now = shapely.Polygon(outline + push)
    assume(now.is_valid)
    aspects = [0.3, 1.0, 2.5, 8.0]
    for cx, cy, hw, hh in Room(outline).shrunk(moved).boxes(aspects):
        assert now.buffer(1e-9).covers(shapely.box(cx - hw, cy - hh, cx + hw, cy + hh))
