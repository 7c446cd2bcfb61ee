"""One piece's outline from what a CAD drew on its boundary layer, or the reason it cannot be cut.

CADs draw a boundary as one closed polyline, or as open polylines, lines, arcs and splines end
to end; the shapes come here already flattened to points (mm, draft coordinates). They are
joined into rings; the outline is the one ring. Repeated points and needles (an edge drawn out
and straight back) are taken out and said. What no cutter can cut is refused: an open outline
(its gap named), two outlines (both named), an outline that crosses itself (where), one with no
area. The nesting solver panics on the last two, so nothing of the kind may reach it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import Polygon

from mtm_app.geometry.allowance import without_needles
from mtm_app.i18n import _, ngettext, number

Point = tuple[float, float]
JOIN = 0.05  # mm between the ends of shapes drawn end to end
SAME_POINT = 0.001  # mm: two points this close are one (a drafted edge may be 0.01 mm)
MIN_WIDTH = 1.0  # mm: an outline narrower than this on average (2 × area ÷ length) has no area
_AT = re.compile(r"\[\s*(\S+)\s+(\S+?)\s*\]")


class OutlineError(ValueError):
    """The boundary cannot be one piece's outline; the message says why and where."""


@dataclass(frozen=True)
class Shape:
    """One entity drawn on the boundary layer, flattened: its DXF type names it in messages."""

    kind: str
    points: list[Point]


@dataclass
class _Chain:
    points: list[Point]
    kinds: list[str] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return len(self.points) > 2 and math.dist(self.points[0], self.points[-1]) <= JOIN


def _near(a: Point, b: Point) -> bool:
    return math.dist(a, b) <= JOIN


class _Ends:
    """The free ends of the shapes not yet joined, found by a grid of cells JOIN wide: a
    boundary drawn as thousands of LINEs is joined in linear time."""

    def __init__(self, shapes: Sequence[Shape]) -> None:
        self.shapes = shapes
        self.free = set(range(len(shapes)))
        self.cells: dict[tuple[int, int], list[int]] = {}
        for i, shape in enumerate(shapes):
            for p in (shape.points[0], shape.points[-1]):
                self.cells.setdefault(self._cell(p), []).append(i)

    @staticmethod
    def _cell(p: Point) -> tuple[int, int]:
        return math.floor(p[0] / JOIN), math.floor(p[1] / JOIN)

    def take(self, p: Point) -> tuple[Shape, bool] | None:
        """A free shape with an end at `p`, and whether it must be walked backwards."""
        cx, cy = self._cell(p)
        for cell in ((cx + dx, cy + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            for i in self.cells.get(cell, ()):
                shape = self.shapes[i]
                if i in self.free and (_near(p, shape.points[0]) or _near(p, shape.points[-1])):
                    self.free.discard(i)
                    return shape, not _near(p, shape.points[0])
        return None


def _chains(shapes: Sequence[Shape]) -> list[_Chain]:
    """The shapes joined end to end (either way round) into as few chains as they make."""
    shapes = [s for s in shapes if len(s.points) > 1
              and max(math.dist(s.points[0], p) for p in s.points) > SAME_POINT]
    ends = _Ends(shapes)
    chains = []
    for i, first in enumerate(shapes):
        if i not in ends.free:
            continue
        ends.free.discard(i)
        chain = _Chain(list(first.points), [first.kind])
        for at_end in (True, False):
            while not chain.closed:
                found = ends.take(chain.points[-1] if at_end else chain.points[0])
                if found is None:
                    break
                shape, backwards = found
                points = shape.points[::-1] if backwards else shape.points
                chain.points = chain.points + points[1:] if at_end else points[:-1] + chain.points
                chain.kinds.append(shape.kind)
        chains.append(chain)
    return chains


def cleaned(points: Sequence[Point]) -> tuple[list[Point], int, list[Point]]:
    """The ring without repeated points and needles: (points, repeats taken out, needle tips).
    Needles are found as the drafting finds them in seam allowances (`without_needles`)."""
    ring = np.asarray(points, dtype=float).reshape(-1, 2)
    apart = np.hypot(*(np.roll(ring, -1, axis=0) - ring).T) > SAME_POINT  # each point from the next
    ring, tips = without_needles(ring[apart]) if len(ring) else (ring, ring)
    return [tuple(p) for p in ring.tolist()], int((~apart).sum()), [tuple(t) for t in tips.tolist()]


def outline(shapes: Sequence[Shape], at: Callable[[Point], str]) -> tuple[list[Point], list[str]]:
    """The one closed outline the shapes make, with what was taken out of it (as sentences);
    `at` writes a point as the drawing's own coordinates for a message."""
    chains = _chains(shapes)
    rings = [c for c in chains if c.closed]
    if len(chains) > 1 and rings:
        raise OutlineError(_("it has {count} outlines, not one: {outlines}").format(
            count=len(chains), outlines="; ".join(_named(c, at) for c in chains[:3])))
    if not chains:  # every shape drawn is a point
        check([], at, [p for shape in shapes for p in shape.points])
    if not rings:
        ends = [p for c in chains for p in (c.points[0], c.points[-1])]
        if len(chains) == 1:
            raise OutlineError(_("its outline is open: its ends at {start} and {end} are {gap} mm "
                                 "apart").format(start=at(ends[0]), end=at(ends[1]),
                                                 gap=number(math.dist(*ends), 2)))
        raise OutlineError(_("its outline is open in {count} places: the ends at {ends} meet "
                             "nothing").format(count=len(chains),
                                               ends=", ".join(at(p) for p in ends[:8])))
    points, repeats, tips = cleaned(rings[0].points[:-1])
    check(points, at, rings[0].points)
    notes = []
    if repeats:
        notes.append(ngettext("{count} repeated point taken out of its outline",
                              "{count} repeated points taken out of its outline", repeats).format(
            count=repeats))
    if tips:
        notes.append(ngettext("{count} needle (an edge drawn out and straight back) taken out of "
                              "its outline, out to {tips}",
                              "{count} needles (edges drawn out and straight back) taken out of its "
                              "outline, out to {tips}", len(tips)).format(
            count=len(tips), tips=", ".join(at(p) for p in tips[:4])))
    return points, notes


def _box(points: Sequence[Point], at: Callable[[Point], str]) -> tuple[str, str]:
    """The corners of the points' bounding box, lowest first, as the drawing has them (y up)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return at((min(xs), max(ys))), at((max(xs), min(ys)))


def _named(chain: _Chain, at: Callable[[Point], str]) -> str:
    kinds = " + ".join(dict.fromkeys(chain.kinds))
    said = _("a closed {kinds}") if chain.closed else _("an open {kinds}")
    low, high = _box(chain.points, at)
    return _("{outline} from {low} to {high}").format(outline=said.format(kinds=kinds), low=low, high=high)


def check(points: Sequence[Point], at: Callable[[Point], str], drawn: Sequence[Point]) -> None:
    """Refuse an outline that crosses or touches itself, or that has (near) no area; `drawn`
    is what it was before repeated points and needles were taken out, to say where it lies."""
    ring = Polygon(points) if len(points) >= 3 and not _on_one_line(points) else Polygon()
    reason = shapely.is_valid_reason(ring)
    found = _AT.search(reason)
    if "Self-intersection" in reason and found:
        raise OutlineError(_("its outline crosses itself at {point}").format(
            point=at((float(found.group(1)), float(found.group(2))))))
    low, high = _box(drawn, at)
    if ring.is_empty and low == high:
        raise OutlineError(_("its outline encloses nothing: all its points are one, at {point}").format(
            point=low))
    if ring.is_empty:
        raise OutlineError(_("its outline encloses nothing: it goes out and back along one line between "
                             "{low} and {high}").format(low=low, high=high))
    if 2 * ring.area < MIN_WIDTH * ring.length:
        raise OutlineError(_("its outline between {low} and {high} has no area to cut ({area} mm² inside "
                             "{length} mm of outline)").format(low=low, high=high,
                                                               area=number(float(f"{ring.area:.3g}")),
                                                               length=number(round(ring.length, 1))))


def _on_one_line(points: Sequence[Point]) -> bool:
    """Whether every point lies within SAME_POINT of the line through the first and the one
    farthest from it (an outline drawn out and back, whose needles could not all come off)."""
    ring = np.asarray(points, dtype=float)
    along = ring - ring[0]
    far = along[np.argmax(np.hypot(*along.T))]
    size = float(np.hypot(*far))
    return size == 0 or float(np.abs(along[:, 0] * far[1] - along[:, 1] * far[0]).max()) <= SAME_POINT * size
