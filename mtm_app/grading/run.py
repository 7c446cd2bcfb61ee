"""A size run: the block drafted from each row of a size chart (measurement-driven grading).

A chart row rarely holds every measurement a block needs (charts give girths and a few
lengths); the rest are estimated from the row itself with the ANSUR II model of the chart's
sex, and marked as estimated, so every size is drafted exactly as a customer would be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mtm_app.block.model import Block
from mtm_app.datafile import clip
from mtm_app.drafting import Draft, draft
from mtm_app.drafting.inputs import resolve_options
from mtm_app.errors import MeasurementError, MtmError
from mtm_app.measurements.estimate import estimate_missing
from mtm_app.measurements.sizes import SizeChart, find_chart


@dataclass(frozen=True)
class SizeDraft:
    size: str
    measurements: dict[str, float]  # mm, everything the draft used
    estimated: frozenset[str]  # of those, the ones the chart row did not give
    draft: Draft


@dataclass
class SizeRun:
    block: Block
    chart: SizeChart
    options: dict[str, Any]
    sizes: list[SizeDraft] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (size, why)

    @property
    def sample(self) -> SizeDraft:
        """The middle size: the one grade rules are measured from."""
        return self.sizes[len(self.sizes) // 2]

    def piece_ids(self) -> list[str]:
        """Pieces every size has, in drafting order."""
        ids = [p.id for p in self.sizes[0].draft.pieces]
        return [i for i in ids if all(any(p.id == i for p in s.draft.pieces) for s in self.sizes)]


def chart_for(block: Block, name: str | None) -> SizeChart:
    """A shipped chart by id, a chart file by path, or the block's own default chart."""
    name = name or block.default_size_chart
    if not name:
        raise MtmError(f"block '{block.id}' names no size chart", hint="pass --chart NAME")
    return find_chart(name)


def size_run(block: Block, chart: SizeChart, sizes: Sequence[str] | None = None,
             options: Mapping[str, Any] | None = None) -> SizeRun:
    """Draft `block` for each (chosen) size of `chart`; sizes it cannot serve are listed."""
    rows = dict(chart.sizes)
    wanted = list(dict.fromkeys(sizes)) if sizes else list(rows)  # a size asked twice: once
    unknown = [s for s in wanted if s not in rows]
    if unknown:
        raise MeasurementError(f"chart '{chart.id}' has no size {clip(', '.join(unknown))}",
                               hint="sizes: " + clip(", ".join(rows), 400))
    run = SizeRun(block, chart, dict(options or {}))
    resolve_options(block, run.options)  # a wrong option is one error, not one per size
    for size in wanted:
        known = dict(rows[size])
        guessed = {n: e.value for n, e in estimate_missing(known, chart.sex).items()}
        values = {**guessed, **known}
        try:
            result = draft(block, values, run.options)
        except MtmError as exc:
            run.refused.append((size, str(exc)))
            continue
        used = result.measurements
        run.sizes.append(SizeDraft(size, used, frozenset(n for n in used if n not in known), result))
    if not run.sizes:
        raise MeasurementError(f"no size of chart '{chart.id}' can be drafted with {block.id}: "
                               + "; ".join(f"{s}: {why}" for s, why in run.refused))
    return run
