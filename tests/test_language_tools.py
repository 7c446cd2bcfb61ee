"""The drafting tools a tailored jacket needs, each measured on real geometry: intersections with
a pick rule, points along a curve from either end, copies turned or mirrored, offset curves,
facings cut from a shell piece, solved values, notches walked along seam pairs, tangent checks."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from mtm_app.block.loader import parse_block
from mtm_app.block.model import build_elements
from mtm_app.block.solve import bounded_root
from mtm_app.drafting import draft
from mtm_app.drafting.construction import construction
from mtm_app.errors import BlockError
from mtm_app.geometry.curves import bezier
from mtm_app.geometry.meet import Circle, Path, circle_circle, circle_line, meet
from mtm_app.geometry.offset import offset_path
from mtm_app.geometry.polyline import Polyline
from mtm_app.geometry.tangent import corner_angle, leaving
from mtm_app.geometry.transform import reflection, rotation
from mtm_app.library import get_block
from tests.conftest import MEDIAN_MAN

HEAD = """\
block: {id: t, name: T, garment: test, version: 0.1.0}
measurements:
  waist: {min: 500, max: 1500}
"""
SQUARE = """\
pieces:
  p:
    outline:
      - {line: [o, e1]}
      - {line: [e1, o]}
"""
coords = st.floats(-500, 500, allow_nan=False)
points = st.tuples(coords, coords)


def built(points: str = "", curves: str = "", rest: str = "", waist: float = 800) -> dict:
    """The construction of a little block: points o (0, 0) and e1 (200, 0), a curve `arc` from
    one to the other bulging down the table, and what the test adds (one element a line)."""
    text = (HEAD + "points:\n  o: {x: 0, y: 0}\n  e1: {x: 200, y: 0}\n" + _indented(points)
            + "curves:\n  arc: {from: o, to: e1, start_angle: -60, start_length: 80, end_angle: 60,"
            " end_length: 80}\n" + _indented(curves) + textwrap.dedent(rest) + SQUARE)
    block = parse_block(text, "t.yaml")
    env = {**block.constants, "waist": waist}
    build_elements(block.elements, env)
    return env


def _indented(lines: str) -> str:
    return textwrap.indent(textwrap.dedent(lines).strip() + "\n", "  ") if lines.strip() else ""


# ---------------------------------------------------------------- intersections
@given(points, st.floats(1, 400), points, points)
def test_circle_line_points_lie_on_both(c, r, a, b) -> None:
    if math.dist(a, b) < 1:
        return
    for p in circle_line(c, r, a, b):
        assert math.dist(p, c) == pytest.approx(r, abs=1e-6)
        cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
        assert abs(cross) / math.dist(a, b) < 1e-6
    gap = abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) / math.dist(a, b)
    assert bool(circle_line(c, r, a, b)) == (gap <= r + 1e-9 * r)


@given(points, st.floats(1, 400), points, st.floats(1, 400))
def test_circle_circle_points_lie_on_both(c1, r1, c2, r2) -> None:
    found = circle_circle(c1, r1, c2, r2)
    d = math.dist(c1, c2)
    if d > 1e-3:
        assert bool(found) == (abs(r1 - r2) <= d <= r1 + r2) or abs(d - r1 - r2) < 1e-6 \
            or abs(d - abs(r1 - r2)) < 1e-6
    for p in found:
        assert math.dist(p, c1) == pytest.approx(r1, abs=1e-6)
        assert math.dist(p, c2) == pytest.approx(r2, abs=1e-6)


@settings(max_examples=60)
@given(points, st.floats(20, 300), st.floats(-80, 80), st.floats(-80, 80))
def test_curve_meetings_lie_on_both_shapes(c, r, bend1, bend2) -> None:
    one = bezier((-400, 0), (-100, bend1), (100, -bend1), (400, 0)).polyline
    two = bezier((0, -400), (bend2, -100), (-bend2, 100), (0, 400)).polyline
    crossing = meet(Path(one), Path(two))
    assert len(crossing) == 1  # two S-curves across each other meet once
    for p in crossing:
        assert one.project(p)[1] < 1e-6 and two.project(p)[1] < 1e-6
    for p in meet(Circle(c, r), Path(one)):
        assert math.dist(p, c) == pytest.approx(r, abs=1e-6)
        assert one.project(p)[1] < 1e-6


def test_intersections_in_a_block_take_the_picked_solution() -> None:
    env = built("""\
        a: {x: -50, y: 50}
        b: {x: 250, y: 50}
        c2: {x: 150, y: 0}
        r_side: {intersect: [{circle: o, radius: waist / 8}, [a, b]], pick: right}
        l_side: {intersect: [{circle: o, radius: waist / 8}, [a, b]], pick: left}
        top: {intersect: [{circle: o, radius: 100}, {circle: c2, radius: 100}], pick: upper}
        bottom: {intersect: [{circle: o, radius: 100}, {circle: c2, radius: 100}], pick: lower}
        on_arc: {intersect: [{circle: o, radius: 60}, arc], nearest: e1}
        line_arc: {intersect: [[a, b], arc], pick: left}
        arcs: {intersect: [arc, wave], pick: left}
        """, "wave: {through: [a, c2, b]}")
    assert env["r_side"] == pytest.approx((math.sqrt(100**2 - 50**2), 50))
    assert env["l_side"] == pytest.approx((-math.sqrt(100**2 - 50**2), 50))
    assert env["top"] == pytest.approx((75, -math.sqrt(100**2 - 75**2)))
    assert env["bottom"] == pytest.approx((75, math.sqrt(100**2 - 75**2)))
    assert math.dist(env["on_arc"], (0, 0)) == pytest.approx(60)
    assert env["arc"].polyline.project(env["on_arc"])[1] < 1e-6
    assert env["line_arc"][1] == pytest.approx(50) and env["line_arc"][0] < 100
    assert env["arc"].polyline.project(env["arcs"])[1] < 1e-6
    assert env["wave"].polyline.project(env["arcs"])[1] < 1e-6


def test_shapes_that_do_not_meet_are_named_with_the_point() -> None:
    with pytest.raises(BlockError) as err:
        built("c: {x: 100, y: 500}\nfar: {intersect: [{circle: c, radius: waist / 10}, arc], pick: upper}")
    message = str(err.value)
    assert "t.yaml:" in message and "points.far" in message
    assert "circle about c" in message and "curve arc" in message and "do not meet" in message


def test_a_circle_without_a_pick_rule_is_refused_when_the_block_loads() -> None:
    with pytest.raises(BlockError, match="two points: say which"):
        built("x: {intersect: [{circle: o, radius: 50}, [o, e1]]}")
    with pytest.raises(BlockError, match="pick 'top' is unknown"):
        built("x: {intersect: [{circle: o, radius: 50}, [o, e1]], pick: top}")
    with pytest.raises(BlockError, match="'o' is a point, not a shape"):
        built("x: {intersect: [o, arc], pick: left}")
    with pytest.raises(BlockError, match="has no key 'radus'"):
        built("x: {intersect: [{circle: o, radus: 5}, arc], pick: left}")


def test_a_point_along_a_curve_from_either_end() -> None:
    env = built("""\
        near_end: {along: arc, distance: 30, from: end}
        near_start: {along: arc, distance: 30}
        quarter_back: {along: arc, fraction: 0.25, from: end}
        on_line: {along: [o, e1], distance: 50, from: end}
        """)
    arc = env["arc"].polyline
    assert arc.project(env["near_end"])[0] == pytest.approx(arc.length - 30, abs=1e-6)
    assert arc.project(env["near_start"])[0] == pytest.approx(30, abs=1e-6)
    assert arc.project(env["quarter_back"])[0] == pytest.approx(0.75 * arc.length, abs=1e-6)
    assert env["on_line"] == pytest.approx((150, 0))
    with pytest.raises(BlockError, match="start or end"):
        built("x: {along: arc, distance: 5, from: middle}")


# ---------------------------------------------------------------- rotate and mirror
@given(points, st.floats(-360, 360), st.lists(points, min_size=1, max_size=5))
def test_rotation_keeps_distances_and_turns_counter_clockwise_as_seen(centre, angle, pts) -> None:
    arr = np.asarray(pts, dtype=float)
    turned = rotation(centre, angle)(arr)
    c = np.asarray(centre)
    assert np.allclose(np.hypot(*(turned - c).T), np.hypot(*(arr - c).T), atol=1e-6)
    for p, q in zip(arr, turned, strict=True):
        if math.dist(p, centre) > 1e-3:
            before = math.degrees(math.atan2(-(p[1] - c[1]), p[0] - c[0]))  # as seen: y up
            after = math.degrees(math.atan2(-(q[1] - c[1]), q[0] - c[0]))
            assert (after - before - angle + 180) % 360 - 180 == pytest.approx(0, abs=1e-6)


@given(points, points, st.lists(points, min_size=1, max_size=5))
def test_reflection_is_its_own_inverse_and_keeps_the_mirror_line(a, b, pts) -> None:
    if math.dist(a, b) < 1:
        return
    mirror = reflection(a, b)
    arr = np.asarray(pts, dtype=float)
    assert np.allclose(mirror(mirror(arr)), arr, atol=1e-6)
    on_line = np.asarray([a, b], dtype=float)
    assert np.allclose(mirror(on_line), on_line, atol=1e-6)
    mid = (mirror(arr) + arr) / 2  # each point and its image straddle the line
    cross = (b[0] - a[0]) * (mid[:, 1] - a[1]) - (b[1] - a[1]) * (mid[:, 0] - a[0])
    assert np.allclose(cross / math.dist(a, b), 0, atol=1e-6)


def test_copies_turn_a_dart_and_fold_a_lapel() -> None:
    env = built("""\
        bp: {x: 100, y: 100}
        leg: {x: 100, y: 0}
        break_pt: {x: 0, y: 300}
        roll_top: {x: 100, y: -50}
        """, rest="""\
        copies:
          - {rotate: [leg, arc], about: bp, angle: 90, suffix: _turned}
          - {mirror: [leg_turned, arc], across: [break_pt, roll_top], suffix: _folded}
        """)
    assert env["leg_turned"] == pytest.approx((0, 100))  # 100 mm up from bp, turned 90° to the left
    assert env["arc_turned"].length == pytest.approx(env["arc"].length, abs=1e-6)
    assert env["arc_turned"].start == pytest.approx((0, 200))
    folded = env["arc_folded"]
    assert folded.length == pytest.approx(env["arc"].length, abs=1e-6)
    mid = (np.asarray(folded.start) + np.asarray(env["arc"].start)) / 2
    a, b = np.asarray((0, 300.0)), np.asarray((100, -50.0))
    u, v = b - a, mid - a
    assert abs(u[0] * v[1] - u[1] * v[0]) / np.hypot(*u) < 1e-6
    assert "leg_turned_folded" in env


def test_copies_are_checked_like_any_element() -> None:
    with pytest.raises(BlockError, match="'arc_r' is defined twice"):
        built("arc_r: {x: 1, y: 1}", rest="copies:\n  - {rotate: [arc], about: o, angle: 5, suffix: _r}\n")
    with pytest.raises(BlockError, match="did you mean 'about'"):
        built(rest="copies:\n  - {rotate: [arc], abut: o, angle: 5, suffix: _r}\n")
    with pytest.raises(BlockError, match="unknown point 'nowhere'"):
        built(rest="copies:\n  - {mirror: [nowhere], across: [o, e1], suffix: _m}\n")
    with pytest.raises(BlockError, match="suffix"):
        built(rest="copies:\n  - {mirror: [arc], across: [o, e1], suffix: -m}\n")


# ---------------------------------------------------------------- offsets and facings
@settings(max_examples=60)
@given(st.floats(-60, 60), st.floats(1, 40), st.sampled_from([1.0, -1.0]))
def test_an_offset_runs_parallel_at_its_distance(bend, distance, side) -> None:
    curve = bezier((0, 0), (100, bend), (200, -bend), (300, 0)).polyline
    parallel = offset_path(curve.points, side * distance)
    gaps = shapely.LineString(curve.points).distance(shapely.points(parallel[1:-1]))
    assert np.allclose(gaps, distance, atol=0.05)
    # left as it runs, seen on the table (y down): a curve running right has its left above it;
    # measured square to the curve at the point nearest the parallel's middle (the S-curve's
    # middle vertex and the parallel's need not face each other)
    p = parallel[len(parallel) // 2]
    i = min(int(np.argmin(np.hypot(*(curve.points - p).T))), len(curve.points) - 2)
    (tx, ty), (dx, dy) = curve.points[i + 1] - curve.points[i], p - curve.points[i]
    assert np.sign(dx * ty - dy * tx) == side


def test_an_offset_curve_in_a_block() -> None:
    env = built("join: {x: 200, y: 100}", """\
        inside: {offset: arc, distance: 10, side: left}
        run: {offset: [arc, [e1, join]], distance: 5, side: right}
        """)
    inside, arc = env["inside"], env["arc"]
    assert inside.length < arc.length  # the arc bulges down; its left is the inside of the bulge
    gaps = shapely.LineString(arc.polyline.points).distance(shapely.points(inside.polyline.points))
    assert np.allclose(gaps, 10, atol=0.05)
    assert env["run"].end[0] == pytest.approx(195, abs=1e-6)  # right of a line running down: −x
    with pytest.raises(BlockError, match=r"starts 100\.0 mm from where part 1 ends"):
        built("join: {x: 200, y: 100}", "run: {offset: [arc, [join, o]], distance: 5, side: right}")


FRONT = HEAD + """\
points:
  cf_top: {x: 0, y: 0}
  cf_hem: {x: 0, y: 600}
  side_hem: {x: 300, y: 600}
  side_top: {x: 300, y: 50}
  neck: {x: 80, y: -20}
curves:
  gorge: {from: cf_top, to: neck, start_angle: 60, start_length: 40, end_angle: 20, end_length: 30}
pieces:
  front:
    sa: 10
    outline:
      - {line: [cf_hem, side_hem], name: hem, hem: true, sa: 40}
      - {line: [side_hem, side_top], name: side}
      - {line: [side_top, neck], name: shoulder}
      - {curve: gorge, reverse: true, name: neck}
      - {line: [cf_top, cf_hem], name: front_edge}
  facing:
    from_piece: front
    edges: [neck, front_edge]
    width: waist / 10
    inner: inner
    sa: 8
    notches:
      - {edge: front_edge, distance: 100}
  lining:
    from_piece: front
    material: lining
seam_pairs:
  - {name: Facing to front edge, a: [facing.front_edge], b: [front.front_edge], ease: 0}
  - {name: Facing to neck, a: [facing.neck], b: [front.neck], ease: 0}
"""


def test_a_facing_is_the_shell_within_its_width_of_the_run() -> None:
    result = draft(parse_block(FRONT, "f.yaml"), {"waist": 800})
    assert result.ok, result.failures()
    front, facing, lining = (result.piece(p) for p in ("front", "facing", "lining"))
    assert [e.name for e in facing.edges] == ["shoulder", "neck", "front_edge", "hem", "inner"]
    assert facing.edge("hem").length == pytest.approx(80, abs=0.05)  # 800 / 10 in from the front edge
    assert facing.edge("hem").allowance == 40 and facing.edge("hem").hem
    assert facing.edge("inner").allowance == 8 and facing.edge("front_edge").allowance == 10
    # inside the front; its inner edge 80 mm in from the run (beyond the run's ends, drawn on
    # straight to the shoulder and the hem), and all of the front within 80 mm of the run is in it
    shell, strip = shapely.Polygon(front.seam_line), shapely.Polygon(facing.seam_line)
    assert shell.buffer(0.01).covers(strip)
    run = shapely.LineString(np.vstack([front.edge(e).path.points for e in ("neck", "front_edge")]))
    inner = facing.edge("inner").path.points
    gaps = run.distance(shapely.points(inner))
    assert gaps.min() > 80 - 0.05 and np.allclose(gaps[len(gaps) // 5:-len(gaps) // 5], 80, atol=0.05)
    near = shell.intersection(run.buffer(80, cap_style="flat", join_style="mitre"))
    assert near.difference(strip).area < 1e-3 * near.area
    assert np.allclose(lining.seam_line, front.seam_line) and lining.material == "lining"
    assert len(facing.notches) == 1


def test_a_facing_must_follow_a_run_of_neighbouring_edges() -> None:
    with pytest.raises(BlockError, match="do not follow one another"):
        draft(parse_block(FRONT.replace("edges: [neck, front_edge]", "edges: [side, neck]"), "f.yaml"),
              {"waist": 800})
    with pytest.raises(BlockError, match="has no edge 'nek'") as err:
        parse_block(FRONT.replace("edges: [neck, front_edge]", "edges: [nek, front_edge]"), "f.yaml")
    assert "did you mean 'neck'" in str(err.value)
    with pytest.raises(BlockError, match="not a piece above this one"):
        parse_block(FRONT.replace("from_piece: front\n    edges", "from_piece: lining\n    edges"), "f.yaml")


REST = FRONT.replace("""  lining:
    from_piece: front
    material: lining
""", """  lining:
    from_piece: front
    less: facing
    inner: to_facing
    material: lining
  drawn:
    from_piece: front
    edges: [neck, front_edge]
    line: facing_line
""").replace("curves:\n", """curves:
  facing_line: {from: shoulder_pt, to: hem_pt, start_angle: -80, start_length: 100, end_angle: -90,
                end_length: 150}
""").replace("points:\n", """points:
  shoulder_pt: {along: [neck, side_top], distance: 40}
  hem_pt: {x: 90, y: 600}
""")


def test_a_lining_less_the_facing_is_the_rest_of_the_shell() -> None:
    result = draft(parse_block(REST, "f.yaml"), {"waist": 800})
    assert result.ok, result.failures()
    front, facing, lining = (result.piece(p) for p in ("front", "facing", "lining"))
    # the facing's inner edge, then round the far side of the shell back to it
    assert [e.name for e in lining.edges] == ["to_facing", "hem", "side", "shoulder"]
    assert np.allclose(lining.edge("to_facing").path.points, facing.edge("inner").path.points[::-1])
    assert lining.edge("hem").length + facing.edge("hem").length == pytest.approx(300, abs=0.01)
    assert lining.edge("hem").allowance == 40 and lining.edge("to_facing").allowance == 10
    shell, strip, rest = (shapely.Polygon(p.seam_line) for p in (front, facing, lining))
    assert strip.area + rest.area == pytest.approx(shell.area, rel=1e-6)
    assert strip.intersection(rest).area < 1e-6 * shell.area


def test_a_facing_may_follow_a_drawn_line() -> None:
    result = draft(parse_block(REST, "f.yaml"), {"waist": 800})
    front, drawn = result.piece("front"), result.piece("drawn")
    # the drawn line from 40 mm down the shoulder to 90 mm in along the hem: no parallel
    assert drawn.edge("shoulder").length == pytest.approx(40, abs=0.01)
    assert drawn.edge("hem").length == pytest.approx(90, abs=0.01)
    line = drawn.edge("inner").path
    assert line.start == pytest.approx((90, 600)) and line.end == pytest.approx(
        front.edge("shoulder").path.point_at(front.edge("shoulder").length - 40))
    with pytest.raises(BlockError, match="'width' cannot go with 'line'"):
        parse_block(REST.replace("    line: facing_line\n", "    line: facing_line\n    width: 50\n"),
                    "f.yaml")
    with pytest.raises(BlockError, match="not a facing cut above from 'front'"):
        parse_block(REST.replace("less: facing", "less: front"), "f.yaml")


# ---------------------------------------------------------------- solve
def test_brent_finds_roots_in_few_trials() -> None:
    calls = []

    def f(x: float) -> float:
        calls.append(x)
        return x**3 - 2 * x - 5

    root = bounded_root(f, 2.0, 3.0, f(2.0), f(3.0))
    assert f(root) == pytest.approx(0, abs=1e-4) and len(calls) < 12


def test_a_solved_value_makes_its_condition_hold() -> None:
    env = built(curves="""\
        stretch: {from: o, to: e1, start_angle: -60, start_length: reach, end_angle: 60, end_length: 80}
        """, rest="""\
        values:
          reach: {between: [10, 300], so_that: "length(stretch) == waist / 4 + 100"}
        """)
    assert env["stretch"].length == pytest.approx(300, abs=1e-3)
    assert 10 < env["reach"] < 300


def test_no_solution_in_the_bounds_names_both_ends() -> None:
    with pytest.raises(BlockError) as err:
        built(curves="stretch: {from: o, to: e1, start_angle: -60, start_length: reach, end_angle: 60,"
              " end_length: 80}",
              rest='values:\n  reach: {between: [10, 300], so_that: "length(stretch) == waist"}\n')
    message = str(err.value)
    assert "values.reach" in message and "no reach between 10.0 and 300.0" in message
    assert "against 800.0" in message  # the target at both ends
    with pytest.raises(BlockError, match="nothing in 'so_that' depends on 'reach'"):
        built(rest='values:\n  reach: {between: [1, 2], so_that: "length(arc) == 3"}\n')
    with pytest.raises(BlockError, match="must say that two quantities are equal"):
        built(rest='values:\n  reach: {between: [1, 2], so_that: "length(arc) < 3"}\n')


@pytest.mark.parametrize("ends", ["[reach, 300]", "[10, length(stretch)]"])
def test_a_search_bounded_by_what_it_finds_is_named_not_an_internal_error(ends) -> None:
    with pytest.raises(BlockError) as err:
        built(curves="stretch: {from: o, to: e1, start_angle: -60, start_length: reach, end_angle: 60,"
              " end_length: 80}",
              rest=f'values:\n  reach: {{between: {ends}, so_that: "length(stretch) == waist / 4 + 100"}}\n')
    message = str(err.value)
    assert "values.reach" in message and "the ends of the search for 'reach' use" in message
    assert ("reach" if "reach," in ends else "stretch") in message.split(" use ")[1]


def test_the_shirt_cap_eases_into_the_armhole_by_the_declared_ease(shirt) -> None:
    for ease in (0, 6, 14):
        for body in (MEDIAN_MAN, {**MEDIAN_MAN, "chest": 1250, "bicep": 390}):
            result = draft(shirt, body, {"cap_ease": ease})
            cap = [s for s in result.seams if s.name.startswith("Sleeve cap")]
            assert cap and all(s.ok for s in cap)
            assert all(s.difference == pytest.approx(ease, abs=0.01) for s in cap)
            pair = next(p for p in shirt.seam_pairs if p.name == cap[0].name)
            assert pair.min <= cap[0].difference <= pair.max
    built_shirt = construction(draft(shirt, MEDIAN_MAN))
    assert not [n for n in built_shirt.points | built_shirt.curves if n.startswith("trial")]


# ---------------------------------------------------------------- walked notches
def _shirt_with(old: str, new: str):
    text = get_block("mens_shirt").source_text
    assert old in text
    return parse_block(text.replace(old, new, 1), "shirt.yaml")


SIDE = "  - {name: Side seam (left), a: [back.side], b: [front_left.side], ease: 0}"


def test_a_notch_walked_along_a_seam_pair_lands_at_the_same_sewn_point() -> None:
    block = _shirt_with(SIDE, SIDE[:-1] + ", reverse_b: true, notches: [{distance: 100}, "
                        "{distance: 50, from: end, count: 2}]}")
    result = draft(block, MEDIAN_MAN)
    back = [n for n in result.piece("back").notches if n.edge == "side"]
    front = [n for n in result.piece("front_left").notches if n.edge == "side"]
    walked_back = [n for n in back if abs(n.seam_point[1] - 443) > 1]  # not the waist notch
    walked_front = [n for n in front if abs(n.seam_point[1] - 443) > 1]
    assert len(walked_back) == len(walked_front) == 3
    # the side seams are the same length and both start at the chest line: same heights
    assert sorted(n.seam_point[1] for n in walked_back) == pytest.approx(
        sorted(n.seam_point[1] for n in walked_front), abs=0.01)
    side = result.piece("back").edge("side")
    assert side.path.project(walked_back[0].seam_point)[0] == pytest.approx(100, abs=0.01)


def test_a_walked_notch_spreads_the_ease() -> None:
    cap = "  - name: Sleeve cap to armhole (left)\n    a: [sleeve.cap_back, sleeve.cap_front]\n"
    walked = "cap_front]\n    notches: [{distance: length(cap_back) + length(cap_front) / 2}]\n"
    block = _shirt_with(cap, cap.replace("cap_front]\n", walked))
    result = draft(block, MEDIAN_MAN, {"cap_ease": 12})
    pair = next(s for s in result.seams if s.name == "Sleeve cap to armhole (left)")
    share = (result.piece("sleeve").edge("cap_back").length
             + result.piece("sleeve").edge("cap_front").length / 2) / pair.a_length
    front = result.piece("front_left")
    walked = [n for n in front.notches if n.edge == "armhole"][-1]
    before = (result.piece("yoke").edge("armhole").length + result.piece("back").edge("armhole").length)
    along = front.edge("armhole").path.project(walked.seam_point)[0]
    assert (before + along) / pair.b_length == pytest.approx(share, abs=1e-4)


def test_a_walked_notch_beyond_the_seam_is_refused() -> None:
    block = _shirt_with(SIDE, SIDE[:-1] + ", notches: [{distance: 2000}]}")
    with pytest.raises(BlockError, match=r"falls 2000\.0 mm along side a"):
        draft(block, MEDIAN_MAN)
    with pytest.raises(BlockError, match="has no key 'distanse'"):
        _shirt_with(SIDE, SIDE[:-1] + ", notches: [{distanse: 20}]}")


# ---------------------------------------------------------------- tangent checks
@settings(max_examples=80)
@given(st.floats(20, 300), st.floats(0, 80), st.floats(-170, 170))
def test_the_direction_leaving_a_flattened_curve_is_its_tangent(radius, sweep, heading) -> None:
    angles = np.radians(heading) + np.linspace(0, np.radians(sweep + 10), 400)
    arc = np.c_[radius * np.sin(angles), -radius * np.cos(angles)]  # a circle's arc, dense
    path = Polyline(arc[::8])
    u = leaving(path, True)
    true = (math.cos(angles[0]), math.sin(angles[0]))
    assert math.degrees(math.acos(min(1.0, u[0] * true[0] + u[1] * true[1]))) < 0.3


def test_a_right_angle_corner_is_90_degrees() -> None:
    curve = Polyline([(0, 0), (0, 10), (0, 20)])
    assert corner_angle(curve, Polyline([(50, 0), (0, 0)]))[0] == pytest.approx(90)
    assert corner_angle(curve, Polyline([(50, 5), (3, 1)])) is None


def test_tangent_checks_measure_the_shirts_curves_across_their_seams() -> None:
    checks = """fit_checks:
  - name: neck_cb
    label: Neckline square to centre back
    tangent: {a: yoke.neck, across: yoke.cb}
    max_angle: 2
  - name: armhole_shoulder
    label: Armhole across the shoulder seam
    tangent: {a: yoke.armhole, b: front_left.armhole, across: [yoke.shoulder, front_left.shoulder]}
    max_angle: 5
"""
    block = _shirt_with("fit_checks:\n", checks)
    result = draft(block, MEDIAN_MAN)
    found = {f.name: f for f in result.fits}
    assert found["neck_cb"].ok and found["armhole_shoulder"].ok and found["neck_cb"].unit == "°"
    assert found["neck_cb"].measured < 1 and "° off smooth" in found["neck_cb"].describe()
    # a kinked seam: the neck and shoulder named across each other meet far from smooth
    kinked = _shirt_with("fit_checks:\n", checks.replace("across: yoke.cb", "across: yoke.shoulder"))
    assert not next(f for f in draft(kinked, MEDIAN_MAN).fits if f.name == "neck_cb").ok
    with pytest.raises(BlockError, match="do not meet at a corner"):
        draft(_shirt_with("fit_checks:\n", checks.replace("across: yoke.cb", "across: yoke.back")),
              MEDIAN_MAN)
    with pytest.raises(BlockError, match="takes max_angle"):
        _shirt_with("fit_checks:\n", checks.replace("max_angle: 2", "tolerance: 2"))
