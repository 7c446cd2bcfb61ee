"""The piece model every exporter, the preview and the checks read.

It knows nothing about DXF, PDF or Qt: a piece is its seam line and cut line with the marks a
cutting room needs (notches, grainline, fold, drills, internal lines) and its label data.
Coordinates are draft coordinates: mm, x to the right, y down the drafting table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from mtm_app.errors import BlockError
from mtm_app.geometry.allowance import signed_area
from mtm_app.geometry.polyline import Point, Polyline

MATERIALS = ("self", "lining", "interfacing", "contrast")
NOTCH_TYPES = ("slit", "v", "t", "u", "castle")


@dataclass(slots=True)
class Edge:
    """One sewn (or folded, or hemmed) edge of a piece, along the seam line."""

    name: str
    path: Polyline
    allowance: float
    takeup: float = 0.0
    hem: bool = False
    fold: bool = False

    @property
    def length(self) -> float:
        return self.path.length

    @property
    def sewn_length(self) -> float:
        """Length once pleats, gathers or darts on this edge are closed."""
        return self.path.length - self.takeup


@dataclass(slots=True)
class Notch:
    """A passmark: a short cut from the cut line into the allowance, square to the seam."""

    seam_point: Point
    cut_point: Point
    inward: Point  # unit vector from the cut line towards the seam line
    depth: float
    width: float
    kind: str
    edge: str

    @property
    def angle(self) -> float:
        """Direction of the cut into the piece, in degrees in draft coordinates."""
        return math.degrees(math.atan2(self.inward[1], self.inward[0]))


@dataclass(slots=True)
class InternalLine:
    kind: str  # dart, pleat, placement, buttonhole, fold, stitch
    points: tuple[Point, ...]
    label: str = ""


@dataclass
class Piece:
    id: str
    name: str
    edges: list[Edge]
    seam_line: np.ndarray
    cut_line: np.ndarray
    notches: list[Notch] = field(default_factory=list)
    grainline: tuple[Point, Point] | None = None
    fold_lines: list[tuple[Point, Point]] = field(default_factory=list)
    drills: list[Point] = field(default_factory=list)
    internal_lines: list[InternalLine] = field(default_factory=list)
    label: dict[str, str] = field(default_factory=dict)
    quantity: int = 1
    mirror: bool = False
    material: str = "self"
    reference: Point | None = None  # where the sizes of a nest are stacked (None: seam start)

    @property
    def nest_point(self) -> Point:
        """The point this piece is stacked on in a nest of sizes."""
        if self.reference is not None:
            return self.reference
        x, y = self.seam_line[0].tolist()
        return x, y

    def edge(self, name: str) -> Edge:
        for e in self.edges:
            if e.name == name:
                return e
        names = ", ".join(e.name for e in self.edges if e.name)
        raise BlockError(f"piece '{self.id}' has no edge named '{name}' (its edges: {names})")

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min x, min y, max x, max y) of the cut line."""
        (x0, y0), (x1, y1) = self.cut_line.min(axis=0).tolist(), self.cut_line.max(axis=0).tolist()
        return x0, y0, x1, y1

    @property
    def width(self) -> float:
        xs = self.seam_line[:, 0]
        return float(xs.max() - xs.min())

    @property
    def height(self) -> float:
        ys = self.seam_line[:, 1]
        return float(ys.max() - ys.min())

    @property
    def area(self) -> float:
        """Area inside the cut line, mm² (fabric used by one copy)."""
        return abs(signed_area(self.cut_line))

    def chord(self, y: float) -> float:
        """Width of the seam line at height y: how a tape laid across the piece reads."""
        ring = self.seam_line
        up = ring[:, 1] - y  # how far each corner lies below the tape
        crossed = ((up[:-1] * up[1:] <= 0) & (up[:-1] != up[1:])).nonzero()[0].tolist()
        xs = []
        for i, j in [(i, i + 1) for i in crossed] + [(len(ring) - 1, 0)]:  # and the closing segment
            u0, u1 = float(up[i]), float(up[j])
            if u0 * u1 <= 0 and u0 != u1:
                x0, x1 = float(ring[i, 0]), float(ring[j, 0])
                xs.append(x0 + (x1 - x0) * u0 / (u0 - u1))
        return max(xs) - min(xs) if xs else 0.0
