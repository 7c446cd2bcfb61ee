"""A marker: every piece of one or more orders laid on a strip of fabric of fixed usable width,
as short as the nesting solver (sparrow, through `spyrrow`) can make it in the time given.

The grainline of every piece runs along the strip, pointing as drafted (lengthwise pieces are
drafted top to bottom, so on one-way fabric every top faces the same end); a piece may turn 180°
unless the fabric is one-way (nap, pile, a print with a direction); the second of a mirrored
pair is laid mirrored;
pieces cut on the fold are opened out (single-ply cutting). The result is checked before it is
returned — every piece inside the selvedges, no two overlapping — so a marker that would cut
wrong pieces is never written.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import spyrrow
from shapely import STRtree
from shapely.geometry import Polygon

from mtm_app.errors import MtmError
from mtm_app.marker.shapes import (
    compose,
    grain_along_strip,
    mirrored,
    rotation,
    transform,
    translation,
    unfold,
)
from mtm_app.pieces import MATERIALS, Piece

EDGE_TOLERANCE = 0.5  # mm a cut line may touch past a selvedge (the solver's float rounding)
OVERLAP_TOLERANCE = 1.0  # mm² two pieces may share where their outlines touch
MAX_PIECES = 1_000  # copies in one marker: a day's cutting of shirts is a few hundred


@dataclass(frozen=True)
class MarkerSpec:
    """The fabric and how long the solver may look for a shorter marker."""

    width: float  # usable width between the selvedges, mm
    gap: float = 2.0  # between pieces, mm (the knife's path)
    one_way: bool = False  # nap or a one-way print: no piece turned end for end
    seconds: int = 10
    seed: int = 1

    def check(self) -> None:
        if not 100 <= self.width <= 4000:
            raise MtmError(f"fabric width {self.width / 10:g} cm is not a usable width",
                           hint="give the width between the selvedges in cm, e.g. 150")
        if not 0 <= self.gap <= 10:
            raise MtmError(f"gap {self.gap:g} mm between pieces is outside 0–10 mm")
        if not 1 <= self.seconds <= 3600:
            raise MtmError(f"{self.seconds} s is not a time the solver can be given (1–3600 s)")


@dataclass(frozen=True)
class LaidPiece:
    """One copy of a piece where the marker puts it (marker mm: x along, y across the strip)."""

    order: str
    piece: Piece
    mirrored: bool
    turned: bool  # laid end for end (180°)

    @property
    def area(self) -> float:
        return self.piece.area


@dataclass(frozen=True)
class Marker:
    spec: MarkerSpec
    material: str
    length: float  # mm of fabric used
    pieces: tuple[LaidPiece, ...]

    @property
    def utilisation(self) -> float:
        """Piece area over the fabric used: what a cutting room judges a marker by."""
        return sum(p.area for p in self.pieces) / (self.spec.width * self.length)


@dataclass(frozen=True)
class _Shape:
    order: str
    piece: Piece  # grain along x, mirrored if it is the pair's other piece, bounding box at 0,0
    mirrored: bool
    copies: int


def _shapes(orders: Sequence[tuple[str, Sequence[Piece]]], material: str) -> list[_Shape]:
    shapes = []
    for order, pieces in orders:
        for piece in pieces:
            if piece.material != material:
                continue
            base = unfold(piece)
            base = transform(base, grain_along_strip(base))
            pair = piece.quantity // 2 if piece.mirror else 0
            for laid, copies, flipped in ((base, piece.quantity - pair, False),
                                          (mirrored(base), pair, True)):
                if copies:
                    x0, y0 = laid.cut_line.min(axis=0)
                    shapes.append(_Shape(order, transform(laid, translation(-x0, -y0)), flipped, copies))
    return shapes


def _fits(shape: _Shape, spec: MarkerSpec) -> None:
    across = float(np.ptp(shape.piece.cut_line[:, 1]))
    if across > spec.width:
        raise MtmError(f"piece '{shape.piece.name}' ({shape.order}) is {across / 10:.1f} cm across "
                       f"the grain; the fabric is {spec.width / 10:g} cm wide",
                       hint="choose a wider fabric, or cut this piece from another")


def make_marker(orders: Sequence[tuple[str, Sequence[Piece]]], spec: MarkerSpec,
                material: str = "self") -> Marker:
    """Lay every `material` piece of the orders ((order reference, pieces), …) on the fabric."""
    spec.check()
    shapes = _shapes(orders, material)
    if not shapes:
        raise MtmError(f"no piece of these garments is cut from '{material}'",
                       hint="materials: " + ", ".join(MATERIALS))
    for shape in shapes:
        _fits(shape, spec)
    count = sum(s.copies for s in shapes)
    if count > MAX_PIECES:  # the solver's memory and time grow with every copy, and it aborts
        raise MtmError(f"{count:,} pieces to lay; a marker takes at most {MAX_PIECES:,}",
                       hint="lay fewer orders in one marker, or check the blocks' quantities")
    turns = [0.0] if spec.one_way else [0.0, 180.0]
    items = [spyrrow.Item(str(i), [tuple(p) for p in s.piece.cut_line.tolist()], s.copies, turns)
             for i, s in enumerate(shapes)]
    config = spyrrow.StripPackingConfig(total_computation_time=spec.seconds, seed=spec.seed,
                                        min_items_separation=spec.gap or None, num_workers=1)
    solution = spyrrow.StripPackingInstance("marker", spec.width, items).solve(config)
    laid = []
    for placed in solution.placed_items:
        shape = shapes[int(placed.id)]
        turn = round(placed.rotation) % 360
        piece = transform(shape.piece, compose(rotation(turn), translation(*placed.translation)))
        laid.append(LaidPiece(shape.order, replace(piece, id=f"{shape.order}/{piece.id}"),
                              shape.mirrored, turn == 180))
    length = max(float(p.piece.cut_line[:, 0].max()) for p in laid)
    marker = Marker(spec, material, length, tuple(laid))
    check_marker(marker, sum(s.copies for s in shapes))
    return marker


def check_marker(marker: Marker, expected: int) -> None:
    """Refuse a marker that would cut wrong: a piece missing, over a selvedge or overlapping."""
    if len(marker.pieces) != expected:
        raise MtmError(f"the marker holds {len(marker.pieces)} pieces, not {expected}")
    outlines = [Polygon(p.piece.cut_line) for p in marker.pieces]
    for laid, outline in zip(marker.pieces, outlines, strict=True):
        x0, y0, _, y1 = outline.bounds
        if y0 < -EDGE_TOLERANCE or y1 > marker.spec.width + EDGE_TOLERANCE or x0 < -EDGE_TOLERANCE:
            raise MtmError(f"piece '{laid.piece.id}' lies outside the fabric in the marker")
        if laid.piece.grainline is not None:
            (ax, ay), (bx, by) = laid.piece.grainline
            if abs(by - ay) > 1e-6 * math.hypot(bx - ax, by - ay):
                raise MtmError(f"piece '{laid.piece.id}' is laid off grain")
    tree = STRtree(outlines)
    for i, j in zip(*tree.query(outlines, predicate="intersects"), strict=True):
        if i < j and outlines[i].intersection(outlines[j]).area > OVERLAP_TOLERANCE:
            raise MtmError(f"pieces '{marker.pieces[i].piece.id}' and '{marker.pieces[j].piece.id}' "
                           "overlap in the marker")
