"""Draft a block for many bodies and sort them into valid, refused and failed.

A failure is a body inside the block's declared range whose draft is invalid or breaks a
seam pair or fit check: that is a bug in the block, and the pattern maker must see it. Each
failure carries its reasons (the check or piece that broke, without the body's figures) so a
population's failures can be grouped: forty bodies failing the same seam pair are one bug.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mtm_app.block.model import Block
from mtm_app.drafting.draft import Draft, draft
from mtm_app.drafting.inputs import Refusal
from mtm_app.errors import BlockError, MeasurementError
from mtm_app.i18n import block_text
from mtm_app.measurements.sizes import find_chart

_WHY = re.compile(r"\s*\([^()]*\)$")  # a piece problem's detail: where its line crosses itself


@dataclass
class PopulationReport:
    valid: int = 0
    refusals: list[dict[str, str]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    checked: int = 0  # bodies drafted (fewer than given when cancelled)
    cancelled: bool = False
    skipped: Counter = field(default_factory=Counter)  # a check not measured → bodies it was not
    warnings: Counter = field(default_factory=Counter)  # a mark's warning → bodies it was given for

    @property
    def refused(self) -> int:
        return len(self.refusals)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def refusal_counts(self) -> Counter:
        return Counter(r["field"] for r in self.refusals)

    def failure_counts(self) -> Counter:
        """How many bodies fail for each reason (a body failing two checks counts in both)."""
        return Counter(reason for f in self.failures for reason in f["reasons"])

    def as_dict(self, limit: int = 20) -> dict[str, Any]:
        return {"valid": self.valid, "refused": self.refused, "failed": self.failed,
                "refusal_fields": dict(self.refusal_counts()),
                "failure_reasons": dict(self.failure_counts()),
                "refusals": self.refusals[:limit], "failures": self.failures[:limit],
                "skipped": dict(self.skipped), "warnings": dict(self.warnings)}


def failure_reasons(result: Draft) -> list[str]:
    """What broke, named without the body's figures: the fit check, the seam pair, the piece."""
    return ([_WHY.sub("", p) for p in result.problems]
            + [block_text(s.name) for s in result.seams if not s.ok]
            + [block_text(f.label) for f in result.fits if not f.ok])


def check_population(block: Block, bodies: Iterable[tuple[str, dict[str, float]]],
                     options: dict[str, Any] | None = None,
                     progress: Callable[[int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> PopulationReport:
    """Draft `block` for every body; `progress(n)` hears each body drafted, and the run stops
    before the next body once `cancelled()` says so (the report then holds those drafted)."""
    report = PopulationReport()
    for ident, values in bodies:
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        _judge(report, block, ident, values, options)
        report.checked += 1
        if progress is not None:
            progress(report.checked)
    return report


def _judge(report: PopulationReport, block: Block, ident: str, values: dict[str, float],
           options: dict[str, Any] | None) -> None:
    try:
        result = draft(block, values, options)
    except Refusal as exc:
        report.refusals.append({"body": ident, "field": exc.field, "reason": exc.message})
        return
    except MeasurementError as exc:
        field_name = exc.where.element.removeprefix("measurements.")
        report.refusals.append({"body": ident, "field": field_name, "reason": exc.message})
        return
    except BlockError as exc:
        report.failures.append({"body": ident, "problems": [str(exc)], "reasons": [exc.message]})
        return
    report.skipped.update(s.describe() for s in result.skipped)
    report.warnings.update(result.warnings)
    if result.ok:
        report.valid += 1
    else:
        report.failures.append({"body": ident, "problems": result.failures(),
                                "reasons": failure_reasons(result)})


def population_sex(block: Block) -> str | None:
    """The sex the block is drafted for: its own size chart's; without one, what its girths
    say (a bust is measured on women, a chest on men); None when nothing tells."""
    if block.default_size_chart:
        return find_chart(block.default_size_chart).sex
    if "bust" in block.measurements:
        return "female"
    return "male" if "chest" in block.measurements else None
