"""Draft a block for many bodies and sort them into valid, refused and failed.

A failure is a body inside the block's declared range whose draft is invalid or breaks a
seam pair or fit check: that is a bug in the block, and the pattern maker must see it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from mtm_app.block.model import Block
from mtm_app.drafting.draft import draft
from mtm_app.drafting.inputs import Refusal
from mtm_app.errors import BlockError, MeasurementError


@dataclass
class PopulationReport:
    valid: int = 0
    refusals: list[dict[str, str]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
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

    def as_dict(self, limit: int = 20) -> dict[str, Any]:
        return {"valid": self.valid, "refused": self.refused, "failed": self.failed,
                "refusal_fields": dict(self.refusal_counts()),
                "refusals": self.refusals[:limit], "failures": self.failures[:limit],
                "skipped": dict(self.skipped), "warnings": dict(self.warnings)}


def check_population(block: Block, bodies: Iterable[tuple[str, dict[str, float]]],
                     options: dict[str, Any] | None = None) -> PopulationReport:
    report = PopulationReport()
    for ident, values in bodies:
        try:
            result = draft(block, values, options)
        except Refusal as exc:
            report.refusals.append({"body": ident, "field": exc.field, "reason": exc.message})
            continue
        except MeasurementError as exc:
            field_name = exc.where.element.removeprefix("measurements.")
            report.refusals.append({"body": ident, "field": field_name, "reason": exc.message})
            continue
        except BlockError as exc:
            report.failures.append({"body": ident, "problems": [str(exc)]})
            continue
        report.skipped.update(s.describe() for s in result.skipped)
        report.warnings.update(result.warnings)
        if result.ok:
            report.valid += 1
        else:
            report.failures.append({"body": ident, "problems": result.failures()})
    return report
