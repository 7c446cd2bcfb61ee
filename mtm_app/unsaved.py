"""What was typed for a customer but not yet stored, kept on disk within seconds.

A measurement session is only stored when the tailor moves on (another customer, Confirm,
quit), so that a visit makes one session, not one per pause in typing; an order only when it
is confirmed. Until then what was typed lives here, small files per customer (the measurements;
the order being made: its garments, their options and cloths, fabric, quantity, notes, due
date), written atomically a moment after each edit: a crash, a kill or a power cut loses at
most those seconds, and the next start offers it back. The files hold personal data, so erasing
the customer erases them too (`discard_all`).
"""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mtm_app.atomic import write_atomic
from mtm_app.paths import data_dir

FORMAT = "mtm-studio-unsaved/1"
ORDER_FORMAT = "mtm-studio-unsaved-order/1"
ORDER_PART = "-order"  # the order being made: customer-7-order.json beside customer-7.json


@dataclass(frozen=True)
class Unsaved:
    """What the form held: values in mm, the unit shown, which are estimates, who measured."""

    values_mm: dict[str, float]
    unit: str = "cm"
    estimated: tuple[str, ...] = ()
    measured_by: str = ""
    block_id: str = ""
    customer_since: str = ""  # when the customer was created: ids can come back after an erase
    kept_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


def folder() -> Path:
    return data_dir() / "unsaved"


@dataclass(frozen=True)
class UnsavedGarment:
    """A garment added to the order being made: its block (by id, and the version it had),
    the options chosen for it, the cloth typed for it ('' for the order's)."""

    block_id: str
    block_version: str
    options: dict[str, Any]
    fabric: str = ""
    name: str = ""  # the block's name then: said if the block is gone by the time it comes back


@dataclass(frozen=True)
class UnsavedOrder:
    """The Order page as the tailor left it, before Confirm."""

    garments: tuple[UnsavedGarment, ...] = ()
    fabric: str = ""
    quantity: int = 1
    notes: str = ""
    due: str = ""  # ISO date, '' for none
    customer_since: str = ""
    kept_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    base_order: str = ""  # the customer's newest order when this one was begun: one placed since may be it

    @property
    def empty(self) -> bool:
        """Nothing typed: the page as a new order starts."""
        return not (self.garments or self.fabric or self.notes or self.due) and self.quantity == 1

    @property
    def content(self) -> tuple:
        """What the order is, whoever kept it and when: two windows compare this."""
        return self.garments, self.fabric, self.quantity, self.notes, self.due


def _path(customer_id: int, part: str = "") -> Path:
    return folder() / f"customer-{int(customer_id)}{part}.json"


def _write(customer_id: int, part: str, data: dict[str, Any]) -> None:
    write_atomic(_path(customer_id, part), json.dumps(data, ensure_ascii=False, allow_nan=False).encode(),
                 private=True)


def _read(customer_id: int, part: str, kind: str, customer_since: str | None) -> dict[str, Any] | None:
    """A file of ours of this kind, read (an OSError or ValueError if it cannot be). Given
    `customer_since`, a file kept for an earlier customer of the same id (erased while a window
    was typing for them) is not theirs: it is deleted, never shown."""
    data = json.loads(_path(customer_id, part).read_text("utf-8"))
    if customer_since is not None and data.get("customer_since") != customer_since:
        _remove(customer_id, part)
        return None
    return data if data.get("format") == kind else None


def _remove(customer_id: int, part: str) -> None:
    with contextlib.suppress(OSError):
        _path(customer_id, part).unlink(missing_ok=True)


def keep(customer_id: int, unsaved: Unsaved) -> None:
    """Write (or replace) the customer's unsaved measurements."""
    _write(customer_id, "", {"format": FORMAT, "customer": int(customer_id), "values_mm": unsaved.values_mm,
                             "unit": unsaved.unit, "estimated": list(unsaved.estimated),
                             "measured_by": unsaved.measured_by, "block": unsaved.block_id,
                             "customer_since": unsaved.customer_since, "kept_at": unsaved.kept_at})


def recover(customer_id: int, customer_since: str | None = None) -> Unsaved | None:
    """The customer's unsaved measurements, if a readable file of ours is there (see `_read`)."""
    try:
        data = _read(customer_id, "", FORMAT, customer_since)
        if data is None:
            return None
        values = {str(k): float(v) for k, v in data["values_mm"].items()}
        if not all(math.isfinite(v) and v > 0 for v in values.values()):
            return None
        return Unsaved(values, str(data.get("unit", "cm")),
                       tuple(str(n) for n in data.get("estimated", ())),
                       str(data.get("measured_by", "")), str(data.get("block", "")),
                       str(data.get("customer_since", "")), str(data.get("kept_at", "")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None


def discard(customer_id: int) -> None:
    """Forget the unsaved measurements (saved as a session)."""
    _remove(customer_id, "")


def keep_order(customer_id: int, order: UnsavedOrder) -> None:
    """Write (or replace) the customer's order being made; an empty one leaves no file."""
    if order.empty:
        discard_order(customer_id)
        return
    _write(customer_id, ORDER_PART, {
        "format": ORDER_FORMAT, "customer": int(customer_id),
        "garments": [{"block": g.block_id, "version": g.block_version, "options": g.options,
                      "fabric": g.fabric, "name": g.name} for g in order.garments],
        "fabric": order.fabric, "quantity": order.quantity, "notes": order.notes, "due": order.due,
        "customer_since": order.customer_since, "kept_at": order.kept_at, "base_order": order.base_order})


def recover_order(customer_id: int, customer_since: str | None = None) -> UnsavedOrder | None:
    """The customer's order being made, if a readable file of ours is there (see `_read`)."""
    try:
        data = _read(customer_id, ORDER_PART, ORDER_FORMAT, customer_since)
        if data is None:
            return None
        garments = tuple(UnsavedGarment(str(g["block"]), str(g.get("version", "")),
                                        {str(k): v for k, v in dict(g.get("options", {})).items()},
                                        str(g.get("fabric", "")), str(g.get("name", "")))
                         for g in data.get("garments", ()))
        return UnsavedOrder(garments, str(data.get("fabric", "")), max(1, int(data.get("quantity", 1))),
                            str(data.get("notes", "")), str(data.get("due", "")),
                            str(data.get("customer_since", "")), str(data.get("kept_at", "")),
                            str(data.get("base_order", "")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None


def discard_order(customer_id: int) -> None:
    """Forget the order being made (confirmed, or cleared by the tailor)."""
    _remove(customer_id, ORDER_PART)


def kept(customer_id: int) -> tuple[bool, bool]:
    """Whether a file of (measurements, an order) typed for the customer is on disk, readable
    or not: what erasing them deletes."""
    return _path(customer_id).exists(), _path(customer_id, ORDER_PART).exists()


def discard_all(customer_id: int) -> None:
    """Forget everything typed for the customer (they are erased)."""
    discard(customer_id)
    discard_order(customer_id)
