"""Kinks in a nest of sizes: a size whose lines jump off the course the sizes beside it set.

A smooth grade moves every point of a piece along a line (or a gentle curve) from size to size;
a size drafted from other inputs than its neighbours — the chart gives it a shoulder length
that the other rows lack, so theirs are estimated — sits off that line, and the nest kinks.
Each point's track over the sizes is read as its second differences: a size that is off its
neighbours' line by `s` leaves the pattern (s, −2s, s) there (only part of it at the ends of
the run), and the size whose pattern explains the track best is taken, one at a time (matching
pursuit), so a kink is put on the size that causes it, not on the sizes beside it. The same is
done on every measurement the sizes were drafted with, to name the cause.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mtm_app.grading.rules import graded_points, matched_sizes
from mtm_app.grading.run import SizeDraft, SizeRun
from mtm_app.i18n import _, block_text, number
from mtm_app.measurements.catalogue import label
from mtm_app.pieces import Piece

KINK_MM = 4.0  # a point this far off the line through the sizes beside it…
KINK_STEPS = 1.5  # …and this many times its usual step from size to size: the nest kinks
CAUSE_MM = 1.0  # a measurement this far off its neighbours' line…
CAUSE_STEPS = 2.0  # …and this many times its usual step causes a kink at that size
SETTLED = 1e-6  # mm: what is left of a track once its spikes are taken out


@dataclass(frozen=True)
class PieceKink:
    """Where one piece of a kinked size leaves its neighbours' line the most."""

    piece_id: str
    name: str
    off: float  # mm from the line through the sizes beside it
    at: tuple[float, float]  # that point, from the nest point (mm)


@dataclass(frozen=True)
class Cause:
    """A measurement of the kinked size off the line through the sizes beside it."""

    measurement: str
    value: float  # mm, what the size was drafted with
    expected: float  # mm, where the sizes beside it put it
    estimated: bool  # estimated from the row rather than given by the chart
    beside_estimated: bool | None  # the sizes beside it: all estimated, all given, or mixed (None)

    def describe(self) -> str:
        values = {"measurement": label(self.measurement).lower(), "value": number(self.value, 1),
                  "expected": number(self.expected, 1)}
        if self.beside_estimated is not None and self.beside_estimated != self.estimated:
            if self.estimated:
                return _("{measurement} {value} mm estimated, where the sizes beside it are given by "
                         "the chart (their line gives {expected} mm)").format(**values)
            return _("{measurement} {value} mm given by the chart, where the sizes beside it are "
                     "estimated (their line gives {expected} mm)").format(**values)
        return _("{measurement} {value} mm, off the line through the sizes beside it "
                 "({expected} mm)").format(**values)


@dataclass(frozen=True)
class Kink:
    """A size whose pieces leave the course of the sizes beside it, and why."""

    size: str
    pieces: tuple[PieceKink, ...]
    causes: tuple[Cause, ...]

    def describe(self) -> str:
        pieces = ", ".join(_("{piece} {off} mm").format(piece=block_text(p.name), off=number(p.off, 1))
                           for p in self.pieces)
        return _("size {size}: the nest kinks — {pieces} off the line through the sizes beside "
                 "it").format(size=self.size, pieces=pieces)

    def cause_text(self) -> str:
        if not self.causes:
            return _("no measurement jumps at this size: a formula of the block changes course there")
        return "; ".join(c.describe() for c in self.causes)


@dataclass(frozen=True)
class NestCheck:
    kinks: list[Kink]
    unchecked: list[str]  # pieces whose sizes differ in structure: no point tracks to follow

    @property
    def ok(self) -> bool:
        return not self.kinks

    def kinked_sizes(self) -> list[str]:
        return [k.size for k in self.kinks]


def spikes(tracks: np.ndarray) -> np.ndarray:
    """How far each size sits off the course of the sizes beside it, per track.

    `tracks` is (sizes, tracks, dims); the answer (sizes, tracks, dims) holds, for each size
    found to be off its track, the signed amount (zero elsewhere)."""
    n = len(tracks)
    out = np.zeros_like(tracks, dtype=float)
    if n < 3:
        return out
    eye = np.eye(n)
    shapes = eye[:, :-2] - 2 * eye[:, 1:-1] + eye[:, 2:]  # row i: second differences of a spike at i
    norms = (shapes ** 2).sum(axis=1)
    left = tracks[:-2] - 2 * tracks[1:-1] + tracks[2:]
    cols = np.arange(tracks.shape[1])
    for _round in range(n // 2 + 1):  # never more spikes than every other size
        amount = np.einsum("ij,jkd->ikd", shapes, left) / norms[:, None, None]
        gain = (amount ** 2).sum(axis=-1) * norms[:, None]
        best = gain.argmax(axis=0)
        found = amount[best, cols]
        if not (np.abs(found) > SETTLED).any():
            break
        keep = (found ** 2).sum(-1) > (out[best, cols] ** 2).sum(-1)
        out[best[keep], cols[keep]] = found[keep]
        left -= shapes[best].T[:, :, None] * found[None]
    return out


def _usual_step(tracks: np.ndarray) -> np.ndarray:
    """Each track's median step from one size to the next (mm)."""
    return np.median(np.linalg.norm(np.diff(tracks, axis=0), axis=-1), axis=0)


def _off(tracks: np.ndarray, least: float, steps: float) -> np.ndarray:
    """(sizes, tracks): how far a size is off its track where that counts as a jump, else 0."""
    off = np.linalg.norm(spikes(tracks), axis=-1)
    return np.where((off > least) & (off > steps * _usual_step(tracks)), off, 0.0)


def _piece_kinks(pieces: list[list[Piece]]) -> dict[int, list[PieceKink]]:
    """Per size (its place in the series), the pieces that kink there (at their worst point);
    `pieces` holds, per piece, its sizes in series order."""
    found: dict[int, list[PieceKink]] = {}
    for sizes in pieces:
        tracks = np.stack([graded_points(p, internal=False) for p in sizes])
        off = _off(tracks, KINK_MM, KINK_STEPS)
        for i in np.flatnonzero(off.max(axis=1)):
            k = int(off[i].argmax())
            at = (float(tracks[i, k, 0]), float(tracks[i, k, 1]))
            found.setdefault(int(i), []).append(PieceKink(sizes[i].id, sizes[i].name, float(off[i, k]), at))
    return found


def _causes(series: list[SizeDraft], i: int) -> tuple[Cause, ...]:
    """The measurements of size `i` off their neighbours' line, the furthest (in steps) first."""
    names = sorted(set.intersection(*(set(s.measurements) for s in series)))
    values = np.array([[s.measurements[n] for n in names] for s in series], dtype=float)[..., None]
    amounts = spikes(values)[i, :, 0]
    usual = _usual_step(values)
    jump = (np.abs(amounts) > CAUSE_MM) & (np.abs(amounts) > CAUSE_STEPS * usual)
    beside = [s for j, s in enumerate(series) if abs(j - i) == 1]
    causes = []
    for k in sorted(np.flatnonzero(jump), key=lambda k: -abs(amounts[k]) / max(usual[k], CAUSE_MM)):
        name = names[k]
        sources = {name in s.estimated for s in beside}
        causes.append(Cause(name, float(values[i, k, 0]), float(values[i, k, 0] - amounts[k]),
                            name in series[i].estimated, sources.pop() if len(sources) == 1 else None))
    return tuple(causes)


def size_series(run: SizeRun) -> list[list[int]]:
    """The run's sizes as series that grade one way: a chart of one size line is one series;
    a grid (US shirts: neck by sleeve) is one series per value of the key that goes back and
    forth (each sleeve length, its necks in order). Indices into `run.sizes`."""
    rows = dict(run.chart.sizes)
    keys = [k for k in run.chart.key if all(k in rows[s.size] for s in run.sizes)]
    values = np.array([[rows[s.size][k] for k in keys] for s in run.sizes]).reshape(len(run.sizes), -1)
    steps = np.sign(np.diff(values, axis=0))
    across = [j for j in range(len(keys)) if (steps[:, j] > 0).any() and (steps[:, j] < 0).any()]
    series: dict[tuple, list[int]] = {}
    for i, row in enumerate(values):
        series.setdefault(tuple(row[across]), []).append(i)
    return list(series.values())


def check_nest(run: SizeRun, matched: tuple[list[list[Piece]], list[str]] | None = None) -> NestCheck:
    """The sizes whose nest kinks, each with its pieces and the measurements that cause it."""
    by_size, unchecked = matched or matched_sizes(run)
    graded = [j for j, pid in enumerate(run.piece_ids()) if pid not in unchecked]
    kinks = []
    for series in size_series(run):
        if len(series) < 3:
            continue
        found = _piece_kinks([[by_size[i][j] for i in series] for j in graded])
        sizes = [run.sizes[i] for i in series]
        kinks += [(series[i], Kink(sizes[i].size, tuple(found[i]), _causes(sizes, i))) for i in found]
    return NestCheck([k for _, k in sorted(kinks, key=lambda k: k[0])], list(unchecked))
