"""The construction behind a draft: every named value, point and curve as the block built them.

A pattern maker checks a block by looking at its construction lines, not only at the pieces:
where each named point landed, how each curve runs, what each `values:` entry came to for this
body. The draft keeps only pieces, so the construction is built again from the draft's own
inputs (the measurements and options it used): the same pure steps, the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mtm_app.block.model import Block, build_elements
from mtm_app.drafting.draft import Draft
from mtm_app.i18n import block_text


@dataclass(frozen=True)
class Construction:
    """Named values (mm or plain numbers), points (x, y mm) and curves (flattened, n × 2 mm),
    each in the order the block builds them."""

    values: dict[str, float]
    points: dict[str, tuple[float, float]]
    curves: dict[str, np.ndarray]


def construction(draft: Draft) -> Construction:
    """The named elements of `draft`'s block as built for its measurements and options (for a
    body drafted per side: its left side, which every shared point is)."""
    block = draft.block
    env: dict[str, Any] = {**block.constants, **draft.measurements, **draft.options}
    build_elements(block.elements, env)
    kinds = {e.name: e.kind for e in block.elements}
    values: dict[str, float] = {}
    points: dict[str, tuple[float, float]] = {}
    curves: dict[str, np.ndarray] = {}
    for name in [*block.constants, *kinds]:
        built = env[name]
        kind = kinds.get(name) or _kind(built)
        if kind == "value":
            values[name] = float(built)
        elif kind == "point":
            points[name] = (float(built[0]), float(built[1]))
        else:
            curves[name] = np.asarray(built.polyline.points, dtype=float)
    return Construction(values, points, curves)


def _kind(built: Any) -> str:
    """What a constant element is, from what it built (constants keep no element)."""
    if isinstance(built, int | float):
        return "value"
    return "curve" if hasattr(built, "polyline") else "point"


def constraint_results(block: Block, measurements: dict[str, float]) -> list[tuple[str, bool]]:
    """Each of the block's constraints, in its own words, and whether `measurements` keep it;
    a constraint naming a measurement the body lacks is left out (the draft says what is
    missing)."""
    results = []
    for rule in block.constraints:
        if rule.check.refs <= measurements.keys():
            results.append((block_text(rule.message), bool(rule.check(measurements))))
    return results
