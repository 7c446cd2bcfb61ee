"""Compile the `points` and `curves` of a block into builders over the draft environment."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from mtm_app.block.schema import CURVE_FORMS, POINT_FORMS, check_form, one_of
from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location, did_you_mean
from mtm_app.formula import FormulaContext, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.geometry.curves import BezierPath, bezier, direction, smooth_through, tangent_bezier
from mtm_app.geometry.polyline import line_intersection

Env = dict[str, Any]
Builder = Callable[[Env], Any]


class ElementCompiler:
    """Turns one point or curve mapping into (builder, referenced names)."""

    def __init__(self, names: Mapping[str, Kind], where: Location) -> None:
        self.names = names
        self.where = where
        self.refs: set[str] = set()

    def fail(self, message: str, hint: str = "") -> BlockError:
        return BlockError(message, self.where, hint)

    def formula(self, spec: Mapping[str, Any], key: str, default: float | None = None):
        if key not in spec:
            if default is None:
                raise self.fail(f"'{key}' is missing")
            value = default
            return lambda env: value
        where = Location(self.where.file, self.where.line, f"{self.where.element}.{key}")
        f = compile_formula(spec[key], FormulaContext(self.names, where))
        self.refs |= f.refs
        return f.fn  # raw closure: the element that holds it reports failures with its line

    def ref(self, name: Any, kind: Kind) -> str:
        if not isinstance(name, str):
            raise self.fail(f"expected the name of a {kind.value}, got {shown(name)}")
        actual = self.names.get(name)
        if actual is None:
            same_kind = [n for n, k in self.names.items() if k is kind]
            hint = did_you_mean(name, same_kind, f"define the {kind.value} first")
            raise self.fail(f"unknown {kind.value} {shown(name)}", hint)
        if actual is not kind:
            raise self.fail(f"'{name}' is a {actual.value}, not a {kind.value}")
        self.refs.add(name)
        return name

    def pair(self, value: Any, kind: Kind) -> tuple[str, str]:
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise self.fail(f"expected two {kind.value} names [A, B], got {shown(value)}")
        return self.ref(value[0], kind), self.ref(value[1], kind)

    # ------------------------------------------------------------------ points
    def point(self, spec: Any) -> Builder:
        if not isinstance(spec, Mapping):
            raise self.fail("a point is a mapping", one_of(POINT_FORMS))
        check_form(spec, POINT_FORMS, (), "a point", self.where)
        if "intersect" in spec:
            return self._intersection(spec)
        if "mirror" in spec:
            p = self.ref(spec["mirror"], Kind.POINT)
            a, b = self.pair(spec.get("across"), Kind.POINT)
            return lambda env: _reflect(env[p], env[a], env[b])
        if "on" in spec:
            return self._on_curve(spec)
        if "along" in spec:
            return self._along(spec)
        if "from" in spec:
            base = self.ref(spec["from"], Kind.POINT)
            if "angle" in spec or "distance" in spec:
                ang, dist = self.formula(spec, "angle"), self.formula(spec, "distance")

                def polar(env: Env) -> tuple[float, float]:
                    ux, uy = direction(ang(env))
                    d = dist(env)
                    bx, by = env[base]
                    return bx + ux * d, by + uy * d

                return polar
            dx, dy = self.formula(spec, "dx", 0.0), self.formula(spec, "dy", 0.0)
            return lambda env: (env[base][0] + dx(env), env[base][1] + dy(env))
        if "x" in spec and "y" in spec:
            fx, fy = self.formula(spec, "x"), self.formula(spec, "y")
            return lambda env: (float(fx(env)), float(fy(env)))
        raise self.fail("this point has no known form", one_of(POINT_FORMS))

    def _along(self, spec: Mapping[str, Any]) -> Builder:
        target = spec["along"]
        if isinstance(target, str):
            curve = self.ref(target, Kind.CURVE)
            dist = self.formula(spec, "distance")
            return lambda env: env[curve].polyline.point_at(dist(env))
        a, b = self.pair(target, Kind.POINT)
        if "fraction" in spec:
            frac = self.formula(spec, "fraction")

            def at_fraction(env: Env) -> tuple[float, float]:
                (ax, ay), (bx, by), f = env[a], env[b], frac(env)
                return ax + (bx - ax) * f, ay + (by - ay) * f

            return at_fraction
        dist = self.formula(spec, "distance")

        def at_distance(env: Env) -> tuple[float, float]:
            (ax, ay), (bx, by) = env[a], env[b]
            span = math.hypot(bx - ax, by - ay)
            if span == 0:
                raise self.fail(f"'{a}' and '{b}' coincide, so the line between them has no direction")
            f = dist(env) / span
            return ax + (bx - ax) * f, ay + (by - ay) * f

        return at_distance

    def _on_curve(self, spec: Mapping[str, Any]) -> Builder:
        curve = self.ref(spec["on"], Kind.CURVE)
        axis = "x" if "x" in spec else "y" if "y" in spec else None
        if axis is None:
            raise self.fail("'on: curve' needs x or y: where the curve crosses that line")
        value = self.formula(spec, axis)

        def crossing(env: Env) -> tuple[float, float]:
            v = value(env)
            a, b = ((v, 0.0), (v, 1.0)) if axis == "x" else ((0.0, v), (1.0, v))
            hits = env[curve].polyline.crossings(a, b)
            if not hits:
                raise self.fail(
                    f"curve '{curve}' does not reach {axis} = {v:.1f} mm",
                    "the measurements put this line outside the curve",
                )
            return hits[0][1]

        return crossing

    def _intersection(self, spec: Mapping[str, Any]) -> Builder:
        lines = spec["intersect"]
        if "curve" in spec:
            a, b = self.pair(lines, Kind.POINT)
            curve = self.ref(spec["curve"], Kind.CURVE)

            def line_curve(env: Env) -> tuple[float, float]:
                hits = env[curve].polyline.crossings(env[a], env[b])
                if not hits:
                    raise self.fail(f"line {a}–{b} does not cross curve '{curve}'")
                ax, ay = env[a]
                return min(hits, key=lambda h: math.hypot(h[1][0] - ax, h[1][1] - ay))[1]

            return line_curve
        if not isinstance(lines, list | tuple) or len(lines) != 2:
            raise self.fail("intersect takes two lines: [[A, B], [C, D]]")
        (a, b), (c, d) = self.pair(lines[0], Kind.POINT), self.pair(lines[1], Kind.POINT)

        def line_line(env: Env) -> tuple[float, float]:
            x = line_intersection(env[a], env[b], env[c], env[d])
            if x is None:
                raise self.fail(f"lines {a}–{b} and {c}–{d} are parallel and never meet")
            return x

        return line_line

    # ------------------------------------------------------------------ curves
    def curve(self, spec: Any) -> Builder:
        if not isinstance(spec, Mapping):
            raise self.fail("a curve is a mapping", one_of(CURVE_FORMS))
        check_form(spec, CURVE_FORMS, (), "a curve", self.where)
        if "bezier" in spec:
            names = spec["bezier"]
            if not isinstance(names, list) or len(names) != 4:
                raise self.fail("bezier takes four points: [start, control1, control2, end]")
            p0, c1, c2, p3 = (self.ref(n, Kind.POINT) for n in names)
            return lambda env: bezier(env[p0], env[c1], env[c2], env[p3])
        if "through" in spec:
            names = spec["through"]
            if not isinstance(names, list) or len(names) < 2:
                raise self.fail("through takes a list of at least two points")
            refs = [self.ref(n, Kind.POINT) for n in names]
            sa = self.formula(spec, "start_angle") if "start_angle" in spec else None
            ea = self.formula(spec, "end_angle") if "end_angle" in spec else None

            def spline(env: Env) -> BezierPath:
                return smooth_through(
                    [env[r] for r in refs],
                    None if sa is None else sa(env),
                    None if ea is None else ea(env),
                )

            return spline
        if "from" in spec and "to" in spec:
            p0, p3 = self.ref(spec["from"], Kind.POINT), self.ref(spec["to"], Kind.POINT)
            sa, sl = self.formula(spec, "start_angle"), self.formula(spec, "start_length")
            ea, el = self.formula(spec, "end_angle"), self.formula(spec, "end_length")
            return lambda env: tangent_bezier(env[p0], env[p3], sa(env), sl(env), ea(env), el(env))
        raise self.fail("this curve has no known form", one_of(CURVE_FORMS))


def _reflect(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]):
    tx, ty = b[0] - a[0], b[1] - a[1]
    n = math.hypot(tx, ty) or 1.0
    tx, ty = tx / n, ty / n
    vx, vy = p[0] - a[0], p[1] - a[1]
    k = vx * tx + vy * ty
    return a[0] + 2 * k * tx - vx, a[1] + 2 * k * ty - vy
