"""The functions a formula may call, with the kinds of argument each takes.

Angles are in degrees, counter-clockwise as seen on the pattern (0° points right, 90° up),
because that is how a pattern maker reads a protractor on the drafting table. Draft
coordinates have y pointing down the table, so "up" is negative y.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Kind(Enum):
    NUMBER = "number"
    BOOL = "yes/no value"
    TEXT = "text"
    POINT = "point"
    CURVE = "curve"
    PIECE = "piece"
    EDGE = "piece edge"
    LENGTHY = "curve or piece edge"

    def accepts(self, other: Kind) -> bool:
        if self is other:
            return True
        if self is Kind.NUMBER:
            return other is Kind.BOOL
        if self is Kind.LENGTHY:
            return other in (Kind.CURVE, Kind.EDGE)
        return False


@dataclass(frozen=True)
class FunctionSpec:
    impl: Callable[..., Any]
    params: tuple[Kind, ...]
    result: Kind = Kind.NUMBER
    variadic: bool = False

    def accepts(self, count: int) -> bool:
        return count >= len(self.params) if self.variadic else count == len(self.params)

    def arity_text(self) -> str:
        n = len(self.params)
        if self.variadic:
            return f"at least {n} arguments"
        return f"{n} argument" + ("" if n == 1 else "s")

    def kind_of(self, index: int) -> Kind:
        return self.params[min(index, len(self.params) - 1)]


def _sqrt(x: float) -> float:
    if x < 0:
        raise ValueError(f"square root of a negative number ({x:.3g})")
    return math.sqrt(x)


def _clamp(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _dist(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.hypot(q[0] - p[0], q[1] - p[1])


def _angle(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.degrees(math.atan2(p[1] - q[1], q[0] - p[0]))


def _asin(x: float) -> float:
    if not -1.0 <= x <= 1.0:
        raise ValueError(f"asin of {x:.3g}, outside -1…1")
    return math.degrees(math.asin(x))


def _acos(x: float) -> float:
    if not -1.0 <= x <= 1.0:
        raise ValueError(f"acos of {x:.3g}, outside -1…1")
    return math.degrees(math.acos(x))


def _leg(hyp: float, side: float) -> float:
    """The other side of a right triangle: how far to swing a tape of length `hyp`."""
    return _sqrt(hyp * hyp - side * side)


N, P = Kind.NUMBER, Kind.POINT
FUNCTIONS: dict[str, FunctionSpec] = {
    "min": FunctionSpec(min, (N, N), variadic=True),
    "max": FunctionSpec(max, (N, N), variadic=True),
    "abs": FunctionSpec(abs, (N,)),
    "sqrt": FunctionSpec(_sqrt, (N,)),
    "clamp": FunctionSpec(_clamp, (N, N, N)),
    "lerp": FunctionSpec(_lerp, (N, N, N)),
    "round": FunctionSpec(round, (N,)),
    "sin": FunctionSpec(lambda d: math.sin(math.radians(d)), (N,)),
    "cos": FunctionSpec(lambda d: math.cos(math.radians(d)), (N,)),
    "tan": FunctionSpec(lambda d: math.tan(math.radians(d)), (N,)),
    "asin": FunctionSpec(_asin, (N,)),
    "acos": FunctionSpec(_acos, (N,)),
    "atan2": FunctionSpec(lambda y, x: math.degrees(math.atan2(y, x)), (N, N)),
    "leg": FunctionSpec(_leg, (N, N)),
    "dist": FunctionSpec(_dist, (P, P)),
    "angle": FunctionSpec(_angle, (P, P)),
    "length": FunctionSpec(lambda c: c.length, (Kind.LENGTHY,)),
    "sewn_length": FunctionSpec(lambda e: e.sewn_length, (Kind.EDGE,)),
    "chord": FunctionSpec(lambda piece, y: piece.chord(y), (Kind.PIECE, N)),
    "width": FunctionSpec(lambda piece: piece.width, (Kind.PIECE,)),
    "height": FunctionSpec(lambda piece: piece.height, (Kind.PIECE,)),
}
