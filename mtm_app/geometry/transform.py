"""Rigid moves of construction: a group of points and curves turned about a point (a dart
pivoted to a new place) or reflected across a line (a lapel folded back over the roll line).

Both act on arrays of points, so a Bézier curve moves by its control points (exactly: the
moves are affine) and a flattened curve by its vertices.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from mtm_app.geometry.polyline import Point

Move = Callable[[np.ndarray], np.ndarray]


def rotation(centre: Point, angle: float) -> Move:
    """Turn about `centre` by `angle` degrees, counter-clockwise as seen on the table (y down)."""
    a = math.radians(angle)
    c, s = math.cos(a), math.sin(a)
    # seen counter-clockwise with y down the table: (dx, dy) → (c·dx + s·dy, −s·dx + c·dy)
    m = np.array([[c, -s], [s, c]])
    o = np.asarray(centre, dtype=float)
    return lambda pts: (pts - o) @ m + o


def reflection(a: Point, b: Point) -> Move:
    """Reflect across the line through a and b (a ≠ b)."""
    o = np.asarray(a, dtype=float)
    d = np.asarray(b, dtype=float) - o
    n = math.hypot(*d)
    if n == 0:
        raise ValueError("the two points of the mirror line coincide")
    d = d / n
    m = 2 * np.outer(d, d) - np.eye(2)
    return lambda pts: (pts - o) @ m + o


def moved_point(move: Move, p: Point) -> Point:
    x, y = move(np.asarray([p], dtype=float))[0].tolist()
    return x, y
