"""Alteration statistics per block, for the pattern maker: when most customers fitted in a
block need the same correction, the correction belongs in the block.

Counted over standing fittings only (a withdrawn one was a mistake or was undone). A customer
counts once per place, with the net amount of all their fittings there: two fittings of −5 mm
at the sleeve are one customer wanting −10 mm.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from mtm_app.fittings import sum_alterations
from mtm_app.store.models import Fitting


@dataclass(frozen=True)
class PlaceStats:
    """One place of one block over all customers fitted in that block."""

    block_id: str
    place: str
    label: str
    customers: int  # customers whose standing alterations change this place
    fitted: int  # customers with any standing fitting of this block
    times: int  # alterations recorded at this place (a customer may have several)
    mean_mm: float  # mean of the customers' net amounts
    spread_mm: float  # their standard deviation (population; 0 for one customer)

    @property
    def share(self) -> float:
        """Of the customers fitted in the block, the part altered here (0–1)."""
        return self.customers / self.fitted if self.fitted else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "share": round(self.share, 4)}


def place_stats(fittings: Iterable[Fitting],
                label_of: Callable[[str, str], str] = lambda _b, p: p) -> list[PlaceStats]:
    """Statistics per (block, place) of standing fittings, by block then place as first
    altered; `label_of(block_id, place)` names a place for people."""
    by_customer: dict[str, dict[int, list[Fitting]]] = {}
    for f in fittings:
        if f.withdrawn_at is None:
            by_customer.setdefault(f.block_id, {}).setdefault(f.customer_id, []).append(f)
    out = []
    for block_id, customers in sorted(by_customer.items()):
        nets: dict[str, list[float]] = {}
        times: dict[str, int] = {}
        for fits in customers.values():
            for alt in sum_alterations(fits):
                nets.setdefault(alt.place, []).append(alt.amount)
            for f in fits:
                for a in f.alterations:
                    times[a.place] = times.get(a.place, 0) + 1
        out += [PlaceStats(block_id, place, label_of(block_id, place), len(amounts),
                           len(customers), times[place], round(statistics.fmean(amounts), 2),
                           round(statistics.pstdev(amounts), 2))
                for place, amounts in nets.items()]
    return out
