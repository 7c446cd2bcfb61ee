"""A marker: every piece of one or more orders laid on a strip of fabric of fixed usable width,
as short as the nesting solver (sparrow, through `spyrrow`) can make it in the time given.

The grainline of every piece runs along the strip, pointing as drafted (lengthwise pieces are
drafted top to bottom, so on one-way fabric every top faces the same end); a piece may turn 180°
unless the fabric is one-way (nap, pile, a print with a direction); the second of a mirrored
pair is laid mirrored;
pieces cut on the fold are opened out (single-ply cutting). The result is checked before it is
returned — every piece inside the selvedges, no two overlapping — so a marker that would cut
wrong pieces is never written.

A marker longer than the cutting table (`MarkerSpec.max_length`) is laid in sections, each no
longer than the table, end to end on the roll. The first solve lays everything; if it is too
long, the pieces lying wholly within the table length are kept as the first section (the solver
packed them tightly from the start of the strip) and the rest are laid again. Each further
section is given about as much piece area as fits in a table length at the density the first
solve reached, solved on its own (so it ends flat, as a strip does) and trimmed the same way if
it still overruns. Cutting one solved strip at piece-free gaps was not chosen: the solver
interlocks pieces along the whole strip, so a straight gap across the width rarely exists near
the table length, and a section found that way is often far shorter than the table.

The solver reports its best layout while it works (`spyrrow.ProgressQueue`); a `progress`
callback hears it, with the time taken, from the thread that called `make_marker`. The solver
cannot be stopped once started: `cancelled` is asked before each section's solve.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
import spyrrow
from shapely import STRtree
from shapely.geometry import Polygon

from mtm_app.datafile import clip, listed, shown
from mtm_app.errors import Cancelled, MtmError
from mtm_app.i18n import _
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
MIN_TABLE = 500.0  # mm: a cutting table shorter than half a metre is a typo
MAX_WORKERS = 64
POLL = 0.25  # s between looks at the solver's progress
SECTION_FILL = 0.97  # of the area a table length holds at the first solve's density
FEASIBLE = (spyrrow.ReportType.ExplFeas, spyrrow.ReportType.CmprFeas, spyrrow.ReportType.Final)


@dataclass(frozen=True)
class MarkerSpec:
    """The fabric and how long the solver may look for a shorter marker."""

    width: float  # usable width between the selvedges, mm
    gap: float = 2.0  # between pieces, mm (the knife's path)
    one_way: bool = False  # nap or a one-way print: no piece turned end for end
    seconds: int = 10  # per solve: a marker in n sections takes about n + 1 solves at most
    seed: int = 1
    max_length: float | None = None  # mm: the cutting table; a longer marker is laid in sections
    workers: int = 1  # solver threads: each step of its search keeps the best of this many tries
    # stripes or checks: (along the length, across the width) mm; every piece's nest point is
    # put on this grid so the pattern meets at the seams the same way on every garment
    repeat: tuple[float, float] = (0.0, 0.0)

    def check(self) -> None:
        if not 100 <= self.width <= 4000:
            raise MtmError(f"fabric width {self.width / 10:g} cm is not a usable width",
                           hint="give the width between the selvedges in cm, e.g. 150")
        if not 0 <= self.gap <= 10:
            raise MtmError(f"gap {self.gap:g} mm between pieces is outside 0–10 mm")
        if not 1 <= self.seconds <= 3600:
            raise MtmError(f"{self.seconds} s is not a time the solver can be given (1–3600 s)")
        if self.max_length is not None and not MIN_TABLE <= self.max_length <= 100_000:
            raise MtmError(f"a cutting table of {self.max_length / 10:g} cm is not a table length",
                           hint="give the table's length in cm, 50 to 10000, e.g. 500")
        if not 1 <= self.workers <= MAX_WORKERS:
            raise MtmError(f"{self.workers} solver threads: give 1 to {MAX_WORKERS}")
        if not all(0 <= r <= 500 for r in self.repeat) or self.repeat[1] >= self.width / 4:
            raise MtmError(f"a pattern repeat of {self.repeat[0] / 10:g} × {self.repeat[1] / 10:g} cm "
                           "is not one a marker can match", hint="give 0 to 50 cm along and across")


@dataclass(frozen=True)
class MarkerProgress:
    """What the solver has reached so far, for a progress bar."""

    elapsed: float  # s since the marker was started
    length: float | None  # mm: the shortest layout found so far of the section being laid
    section: int  # the section being laid, from 1
    laid: int  # pieces in the sections already finished
    pieces: int  # pieces in the whole marker
    phase: str  # the solver's: "exploring", "compressing", "final" (or "starting")


ProgressCallback = Callable[[MarkerProgress], None]


@dataclass(frozen=True)
class LaidPiece:
    """One copy of a piece where the marker puts it (marker mm: x along, y across the strip)."""

    order: str
    piece: Piece
    mirrored: bool
    turned: bool  # laid end for end (180°)
    section: int = 0  # which section of the marker (from 0), each a table length at most

    @property
    def area(self) -> float:
        return self.piece.area


@dataclass(frozen=True)
class Marker:
    spec: MarkerSpec
    material: str
    length: float  # mm of fabric used
    pieces: tuple[LaidPiece, ...]
    sections: tuple[tuple[float, float], ...] = ()  # (start, end) mm of each section, end to end
    seconds_used: float = 0.0  # wall time of the solves

    @property
    def utilisation(self) -> float:
        """Piece area over the fabric used: what a cutting room judges a marker by."""
        return sum(p.area for p in self.pieces) / (self.spec.width * self.length)

    @property
    def bounds(self) -> tuple[tuple[float, float], ...]:
        """The sections' (start, end); a marker laid whole is one section."""
        return self.sections or ((0.0, self.length),)

    def section_utilisation(self, k: int) -> float:
        start, end = self.bounds[k]
        area = sum(p.area for p in self.pieces if p.section == k)
        return area / (self.spec.width * (end - start))


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
    along = float(np.ptp(shape.piece.cut_line[:, 0]))
    if spec.max_length is not None and along > spec.max_length:
        raise MtmError(f"piece '{shape.piece.name}' ({shape.order}) is {along / 10:.1f} cm along "
                       f"the grain; the cutting table is {spec.max_length / 10:g} cm long",
                       hint="give a longer table (--max-length), or none")


def make_marker(orders: Sequence[tuple[str, Sequence[Piece]]], spec: MarkerSpec,
                material: str = "self", progress: ProgressCallback | None = None,
                cancelled: Callable[[], bool] | None = None) -> Marker:
    """Lay every `material` piece of the orders ((order reference, pieces), …) on the fabric,
    in sections no longer than `spec.max_length` if one is given."""
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
    started = time.perf_counter()
    pool = [i for i, s in enumerate(shapes) for _ in range(s.copies)]  # order by order
    laid: list[LaidPiece] = []
    bounds: list[tuple[float, float]] = []
    density = None  # reached by the first solve: sizes the later sections
    while pool:
        if cancelled is not None and cancelled():
            raise Cancelled("the marker was cancelled: nothing was written")
        n = len(pool) if density is None else _share(pool, shapes, spec, density)
        take, rest = pool[:n], pool[n:]

        def report(length: float | None, phase: str, section: int = len(bounds) + 1,
                   done: int = len(laid)) -> None:
            if progress is not None:
                progress(MarkerProgress(time.perf_counter() - started, length, section, done,
                                        count, phase))

        placed = _solve(shapes, take, spec, report)
        if _overlapping([p for _, p in placed]):  # seen once under load, not reproduced: lay again
            placed = _solve(shapes, take, replace(spec, seed=spec.seed + 1, seconds=2 * spec.seconds),
                            report)
        if density is None:
            density = sum(p.area for _, p in placed) / (spec.width * _end(p for _, p in placed))
        keep = placed if spec.max_length is None else [
            (i, p) for i, p in placed if float(p.piece.cut_line[:, 0].max()) <= spec.max_length]
        if not keep:  # cannot happen while every piece is shorter than the table: a guard
            raise MtmError(f"no piece could be laid within the {spec.max_length / 10:g} cm table")
        start = bounds[-1][1] if bounds else 0.0
        k = len(bounds)
        laid += [replace(p, piece=transform(p.piece, translation(start, 0.0)), section=k)
                 for _, p in keep]
        bounds.append((start, start + _end(p for _, p in keep)))
        for i, _laid in keep:
            take.remove(i)
        pool = take + rest  # what overran the table goes first into the next section
    marker = Marker(spec, material, bounds[-1][1], tuple(laid),
                    tuple(bounds) if len(bounds) > 1 else (), time.perf_counter() - started)
    check_marker(marker, count)
    return marker


def _end(pieces) -> float:
    return max(float(p.piece.cut_line[:, 0].max()) for p in pieces)


def _share(pool: list[int], shapes: list[_Shape], spec: MarkerSpec, density: float) -> int:
    """How many of the pool's first pieces fill a table length at the density reached."""
    budget = spec.width * spec.max_length * density * SECTION_FILL
    area = 0.0
    for n, i in enumerate(pool):
        area += shapes[i].piece.area
        if area > budget:
            return max(n, 1)
    return len(pool)


def _solve(shapes: list[_Shape], take: list[int], spec: MarkerSpec,
           report: Callable[[float | None, str], None]) -> list[tuple[int, LaidPiece]]:
    """One run of the solver over these copies (shape indices): each laid, with its shape."""
    demand: dict[int, int] = {}
    for i in take:
        demand[i] = demand.get(i, 0) + 1
    turns = [0.0] if spec.one_way else [0.0, 180.0]
    items = [spyrrow.Item(str(i), [tuple(p) for p in shapes[i].piece.cut_line.tolist()], n, turns)
             for i, n in demand.items()]
    along, across = spec.repeat
    # matching moves each piece forward onto the grid, by less than a repeat along and across:
    # laid that much further apart, in a strip a repeat narrower, no move makes two meet or
    # puts one past the selvedge
    config = spyrrow.StripPackingConfig(total_computation_time=spec.seconds, seed=spec.seed,
                                        min_items_separation=(spec.gap + math.hypot(along, across))
                                        or None, num_workers=spec.workers)
    instance = spyrrow.StripPackingInstance("marker", spec.width - across, items)
    queue = spyrrow.ProgressQueue()
    best, phase = None, "starting"
    report(best, phase)
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="sparrow") as pool:
            running = pool.submit(instance.solve, config, queue)
            while True:
                try:
                    solution = running.result(timeout=POLL)
                except TimeoutError:
                    solution = None
                for kind, found in queue.drain():
                    phase = kind.phase_name()
                    if kind in FEASIBLE and (best is None or found.width < best):
                        best = found.width
                if solution is not None:
                    break
                report(best, phase)
    except BaseException as exc:  # a Rust panic is pyo3's PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise _solver_failed(exc, [shapes[i].piece for i in demand]) from None
    laid = []
    for placed in solution.placed_items:
        i = int(placed.id)
        shape = shapes[i]
        turn = round(placed.rotation) % 360
        piece = transform(shape.piece, compose(rotation(turn), translation(*placed.translation)))
        if along or across:
            piece = transform(piece, _on_grid(piece.nest_point, along, across))
        laid.append((i, LaidPiece(shape.order, replace(piece, id=f"{shape.order}/{piece.id}"),
                                  shape.mirrored, turn == 180)))
    report(_end(p for _, p in laid), "final")
    return laid


def _solver_failed(exc: BaseException, pieces: list[Piece]) -> MtmError:
    """The solver stopped on a piece it cannot take (an outline crossing itself or without
    area): say so, naming the pieces shapely finds at fault, never a traceback."""
    outlines = {p.name: Polygon(p.cut_line) for p in pieces}
    bad = [name for name, o in outlines.items() if not o.is_valid or o.area <= 0]
    problem = clip(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    said = _("the nesting solver stopped: {problem}").format(problem=problem)
    if bad:
        said += " — " + _("the outlines of {pieces} cross themselves or have no area").format(
            pieces=clip(listed(shown(name) for name in bad)))
    return MtmError(said, hint=_("check the pieces' outlines (for another CAD's file, mtm import-dxf "
                                 "names what is wrong with them)"))


def _on_grid(point: tuple[float, float], along: float, across: float) -> np.ndarray:
    """The move putting `point` on the repeat grid, forward by 0 to one repeat on each axis."""
    def snap(v: float, step: float) -> float:
        return math.ceil(v / step) * step - v if step else 0.0

    return translation(snap(point[0], along), snap(point[1], across))


def _overlapping(laid: list[LaidPiece]) -> bool:
    outlines = [Polygon(p.piece.cut_line) for p in laid]
    return any(i < j and outlines[i].intersection(outlines[j]).area > OVERLAP_TOLERANCE
               for i, j in zip(*STRtree(outlines).query(outlines, predicate="intersects"), strict=True))


def check_marker(marker: Marker, expected: int) -> None:
    """Refuse a marker that would cut wrong: a piece missing, over a selvedge or a section's
    end, overlapping, or a section longer than the table."""
    if len(marker.pieces) != expected:
        raise MtmError(f"the marker holds {len(marker.pieces)} pieces, not {expected}")
    spec, bounds = marker.spec, marker.bounds
    if spec.max_length is not None:
        for k, (start, end) in enumerate(bounds):
            if end - start > spec.max_length + 1e-6:
                raise MtmError(f"section {k + 1} of the marker is longer than the table")
    outlines = [Polygon(p.piece.cut_line) for p in marker.pieces]
    for laid, outline in zip(marker.pieces, outlines, strict=True):
        x0, y0, x1, y1 = outline.bounds
        start, end = bounds[laid.section]
        if y0 < -EDGE_TOLERANCE or y1 > spec.width + EDGE_TOLERANCE or x0 < start - EDGE_TOLERANCE \
                or x1 > end + EDGE_TOLERANCE:
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
