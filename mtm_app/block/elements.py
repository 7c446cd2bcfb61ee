"""Compile the `points` and `curves` of a block into builders over the draft environment."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from mtm_app.block.schema import (
    CIRCLE_KEYS,
    COPY_FORMS,
    CURVE_FORMS,
    POINT_FORMS,
    at_key,
    check_form,
    check_keys,
    one_of,
)
from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location, did_you_mean
from mtm_app.formula import FormulaContext, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.geometry.curves import BezierPath, PolyPath, bezier, direction, smooth_through, tangent_bezier
from mtm_app.geometry.meet import PICKS, Circle, Line, Path, meet, pick
from mtm_app.geometry.offset import OffsetError, offset_path
from mtm_app.geometry.polyline import Polyline
from mtm_app.geometry.transform import Move, moved_point, reflection, rotation
from mtm_app.i18n import _

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
                raise self.fail(_("'{key}' is missing").format(key=key))
            value = default
            return lambda env: value
        where = Location(self.where.file, self.where.line, f"{self.where.element}.{key}")
        f = compile_formula(spec[key], FormulaContext(self.names, where))
        self.refs |= f.refs
        return f.fn  # raw closure: the element that holds it reports failures with its line

    def ref(self, name: Any, kind: Kind) -> str:
        if not isinstance(name, str):
            raise self.fail(_("expected the name of a {value}, got {name}").format(
                                value=kind.value, name=shown(name)))
        actual = self.names.get(name)
        if actual is None:
            same_kind = [n for n, k in self.names.items() if k is kind]
            hint = did_you_mean(name, same_kind, _("define the {value} first").format(value=kind.value))
            raise self.fail(_("unknown {value} {name}").format(value=kind.value, name=shown(name)), hint)
        if actual is not kind:
            raise self.fail(_("'{name}' is a {value}, not a {value2}").format(
                                name=name, value=actual.value, value2=kind.value))
        self.refs.add(name)
        return name

    def pair(self, value: Any, kind: Kind) -> tuple[str, str]:
        if not isinstance(value, list | tuple) or len(value) != 2:
            raise self.fail(_("expected two {value} names [A, B], got {value2}").format(
                                value=kind.value, value2=shown(value)))
        return self.ref(value[0], kind), self.ref(value[1], kind)

    # ------------------------------------------------------------------ points
    def point(self, spec: Any) -> Builder:
        if not isinstance(spec, Mapping):
            raise self.fail(_("a point is a mapping"), one_of(POINT_FORMS))
        check_form(spec, POINT_FORMS, (), _("a point"), self.where)
        if "intersect" in spec:
            return self._intersection(spec)
        if "mirror" in spec:
            p = self.ref(spec["mirror"], Kind.POINT)
            a, b = self.pair(spec.get("across"), Kind.POINT)
            return lambda env: moved_point(reflection(env[a], env[b]), env[p])
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
        raise self.fail(_("this point has no known form"), one_of(POINT_FORMS))

    def _along(self, spec: Mapping[str, Any]) -> Builder:
        target = spec["along"]
        origin = spec.get("from", "start")
        if origin not in ("start", "end"):
            raise BlockError(_("'from' along a curve or line is start or end, got {value}").format(
                value=shown(origin)), at_key(spec, "from", self.where),
                _("from: end measures the distance back from the far end"))
        if origin == "end":  # the same point measured from the other end
            target = list(reversed(target)) if isinstance(target, list) else target
        if isinstance(target, str):
            curve = self.ref(target, Kind.CURVE)
            sign = -1.0 if origin == "end" else 1.0
            if "fraction" in spec:
                frac = self.formula(spec, "fraction")

                def at_curve_fraction(env: Env) -> tuple[float, float]:
                    poly = env[curve].polyline
                    f = frac(env)
                    return poly.point_at(poly.length * (1 - f) if sign < 0 else poly.length * f)

                return at_curve_fraction
            dist = self.formula(spec, "distance")

            def at_curve_distance(env: Env) -> tuple[float, float]:
                poly = env[curve].polyline
                d = dist(env)
                return poly.point_at(poly.length - d if sign < 0 else d)

            return at_curve_distance
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
                raise self.fail(_("'{a}' and '{b}' coincide, so the line between them has no "
                                  "direction").format(a=a, b=b))
            f = dist(env) / span
            return ax + (bx - ax) * f, ay + (by - ay) * f

        return at_distance

    def _on_curve(self, spec: Mapping[str, Any]) -> Builder:
        curve = self.ref(spec["on"], Kind.CURVE)
        axis = "x" if "x" in spec else "y" if "y" in spec else None
        if axis is None:
            raise self.fail(_("'on: curve' needs x or y: where the curve crosses that line"))
        value = self.formula(spec, axis)

        def crossing(env: Env) -> tuple[float, float]:
            v = value(env)
            a, b = ((v, 0.0), (v, 1.0)) if axis == "x" else ((0.0, v), (1.0, v))
            hits = env[curve].polyline.crossings(a, b)
            if not hits:
                raise self.fail(
                    _("curve '{curve}' does not reach {axis} = {v:.1f} mm").format(
                        curve=curve, axis=axis, v=v),
                    _("the measurements put this line outside the curve"),
                )
            return hits[0][1]

        return crossing

    def _intersection(self, spec: Mapping[str, Any]) -> Builder:
        shapes = spec["intersect"]
        if "curve" in spec:  # a line [A, B] crossing a curve: the crossing nearest A unless picked
            line, curve = self._shape(list(self.pair(shapes, Kind.POINT))), self._shape(spec["curve"])
            if "pick" in spec or "nearest" in spec:
                return self._meeting((line, curve), *self._pick(spec, circles=False))
            return self._meeting((line, curve), None, shapes[0])
        if not isinstance(shapes, list | tuple) or len(shapes) != 2:
            raise self.fail(_("intersect takes two shapes: [[A, B], [C, D]], a curve's name or "
                              "{circle: P, radius: r}"))
        pair = tuple(self._shape(s) for s in shapes)
        circles = any(isinstance(s, Mapping) for s in shapes)
        lines_only = all(isinstance(s, list | tuple) for s in shapes)
        if lines_only and ("pick" in spec or "nearest" in spec):
            raise self.fail(_("two lines meet at one point: remove 'pick' or 'nearest'"))
        return self._meeting(pair, *self._pick(spec, circles))

    def _pick(self, spec: Mapping[str, Any], circles: bool) -> tuple[str | None, str | None]:
        """The rule choosing one crossing; a circle crosses most shapes twice, so it needs one."""
        if "nearest" in spec:
            return None, self.ref(spec["nearest"], Kind.POINT)
        rule = spec.get("pick")
        if rule is None and circles:
            raise self.fail(_("a circle crosses a line, a circle or a curve at two points: say which"),
                            _("add pick: upper, lower, left or right, or nearest: a point"))
        if rule is not None and rule not in PICKS:
            raise BlockError(_("pick {value} is unknown").format(value=shown(rule)),
                             at_key(spec, "pick", self.where),
                             _("pick: upper, lower, left or right (or nearest: a point)"))
        return rule, None

    def _shape(self, value: Any) -> tuple[str, Callable[[Env], Any]]:
        """A shape `intersect` meets, with how to name it in a message."""
        if isinstance(value, list | tuple):
            a, b = self.pair(value, Kind.POINT)
            return _("line {a}–{b}").format(a=a, b=b), lambda env: Line(env[a], env[b])
        if isinstance(value, Mapping):
            check_keys(value, CIRCLE_KEYS, _("a circle"), self.where)
            if "circle" not in value:
                raise self.fail(_("a circle is {circle: centre point, radius: r}"))
            c = self.ref(value["circle"], Kind.POINT)
            r = self.formula(value, "radius")
            return (_("circle about {centre}").format(centre=c),
                    lambda env: Circle(env[c], float(r(env))))
        if isinstance(value, str) and self.names.get(value) is Kind.POINT:
            raise self.fail(_("'{name}' is a point, not a shape").format(name=value),
                            _("a line is [A, B], a circle {circle: P, radius: r}, a curve its name"))
        curve = self.ref(value, Kind.CURVE)
        return _("curve {name}").format(name=curve), lambda env: Path(env[curve].polyline)

    def _meeting(self, shapes, rule: str | None, near: str | None) -> Builder:
        (first, s), (second, t) = shapes

        def meeting(env: Env) -> tuple[float, float]:
            found = meet(s(env), t(env))
            if not found:
                raise self.fail(_("{first} and {second} do not meet").format(first=first, second=second),
                                _("the measurements put them apart: check the lengths and points "
                                  "they are built from"))
            if len(found) > 1 and rule is None and near is None:
                raise self.fail(_("{first} and {second} meet {count} times: say which").format(
                    first=first, second=second, count=len(found)),
                    _("add pick: upper, lower, left or right, or nearest: a point"))
            return pick(found, rule, None if near is None else env[near])

        return meeting

    # ------------------------------------------------------------------ curves
    def curve(self, spec: Any) -> Builder:
        if not isinstance(spec, Mapping):
            raise self.fail(_("a curve is a mapping"), one_of(CURVE_FORMS))
        check_form(spec, CURVE_FORMS, (), _("a curve"), self.where)
        if "bezier" in spec:
            names = spec["bezier"]
            if not isinstance(names, list) or len(names) != 4:
                raise self.fail(_("bezier takes four points: [start, control1, control2, end]"))
            p0, c1, c2, p3 = (self.ref(n, Kind.POINT) for n in names)
            return lambda env: bezier(env[p0], env[c1], env[c2], env[p3])
        if "through" in spec:
            names = spec["through"]
            if not isinstance(names, list) or len(names) < 2:
                raise self.fail(_("through takes a list of at least two points"))
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
        if "offset" in spec:
            return self._offset(spec)
        if "from" in spec and "to" in spec:
            p0, p3 = self.ref(spec["from"], Kind.POINT), self.ref(spec["to"], Kind.POINT)
            sa, sl = self.formula(spec, "start_angle"), self.formula(spec, "start_length")
            ea, el = self.formula(spec, "end_angle"), self.formula(spec, "end_length")
            return lambda env: tangent_bezier(env[p0], env[p3], sa(env), sl(env), ea(env), el(env))
        raise self.fail(_("this curve has no known form"), one_of(CURVE_FORMS))

    def _offset(self, spec: Mapping[str, Any]) -> Builder:
        """A line parallel to a curve, or to a run of curves and lines joined end to start."""
        run = spec["offset"] if isinstance(spec["offset"], list) else [spec["offset"]]
        parts = [self._run_part(item) for item in run]
        side = spec.get("side")
        if side not in ("left", "right"):
            raise BlockError(_("side {value} is neither left nor right").format(value=shown(side)),
                             at_key(spec, "side", self.where),
                             _("the side the parallel line runs on, as the curve runs, seen on the table"))
        dist = self.formula(spec, "distance")
        sign = 1.0 if side == "left" else -1.0

        def parallel(env: Env) -> PolyPath:
            lines = [part(env) for part in parts]
            for k in range(1, len(lines)):
                gap = math.dist(lines[k - 1].end, lines[k].start)
                if gap > JOIN:
                    raise self.fail(_("part {k} of the run to offset starts {gap} mm from where part "
                                      "{j} ends").format(k=k + 1, j=k, gap=f"{gap:.1f}"),
                                    _("list curves and lines that join end to start, in the order "
                                      "they run"))
            points = np.concatenate([lines[0].points] + [ln.points[1:] for ln in lines[1:]])
            d = float(dist(env))
            try:
                return PolyPath(Polyline(offset_path(points, sign * d)))
            except OffsetError:
                raise self.fail(_("the line {distance} mm to the {side} breaks apart: the run bends "
                                  "tighter than that").format(distance=f"{d:.1f}", side=side)) from None

        return parallel

    def _run_part(self, item: Any) -> Callable[[Env], Polyline]:
        """A part of a run to offset: a line [A, B] or a curve's name."""
        if isinstance(item, list):
            a, b = self.pair(item, Kind.POINT)
            return lambda env: Polyline.straight(env[a], env[b])
        curve = self.ref(item, Kind.CURVE)
        return lambda env: env[curve].polyline

    # ------------------------------------------------------------------ copies
    def moves(self, spec: Any) -> tuple[list[str], str, Callable[[Env], Move]]:
        """A group copied by one rotation or reflection: (names moved, suffix, move builder)."""
        if not isinstance(spec, Mapping):
            raise self.fail(_("a copy is a mapping"), one_of(COPY_FORMS))
        check_form(spec, COPY_FORMS, (), _("a copy"), self.where)
        head = "rotate" if "rotate" in spec else "mirror"
        names = spec.get(head)
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise self.fail(_("'{key}' lists the points and curves to copy").format(key=head),
                            _("e.g. {key}: [dart_leg, side_waist, side_seam]").format(key=head))
        suffix = spec.get("suffix")
        if not isinstance(suffix, str) or not suffix or not ("a" + suffix).isidentifier():
            raise BlockError(_("suffix {value} cannot end a name").format(value=shown(suffix)),
                             at_key(spec, "suffix", self.where),
                             _("letters, digits and underscores, e.g. suffix: _turned"))
        if head == "rotate":
            centre = self.ref(spec["about"], Kind.POINT)
            turn = self.formula(spec, "angle")
            return names, suffix, _kept(lambda env: (env[centre], float(turn(env))), rotation)
        a, b = self.pair(spec["across"], Kind.POINT)

        def line(env: Env) -> tuple[tuple[float, float], tuple[float, float]]:
            if env[a] == env[b]:
                raise self.fail(_("'{a}' and '{b}' coincide, so the mirror line has no direction").format(
                    a=a, b=b))
            return env[a], env[b]

        return names, suffix, _kept(line, reflection)

    def copy(self, source: str, move: Callable[[Env], Move]) -> Builder:
        """One member of a moved group: a point or curve `source`, moved."""
        if self.names.get(source) is Kind.POINT:
            self.ref(source, Kind.POINT)
            return lambda env: moved_point(move(env), env[source])
        self.ref(source, Kind.CURVE)
        return lambda env: env[source].mapped(move(env))


def _kept(given: Callable[[Env], tuple], make: Callable[..., Move]) -> Callable[[Env], Move]:
    """The move `make(*given(env))`, made once for all the members of its group: kept while
    what it is made from (the mirror line, the centre and angle) stays the same."""
    box: list = [None]  # (args, move), read and replaced whole: drafts in threads see a pair

    def move(env: Env) -> Move:
        args, kept = given(env), box[0]
        if kept is None or kept[0] != args:
            kept = box[0] = (args, make(*args))
        return kept[1]

    return move


JOIN = 0.05  # mm: the curves of a run to offset must meet this closely
