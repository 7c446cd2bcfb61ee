"""Measurements typed but not yet saved as a session, kept on disk within seconds.

A measurement session is only stored when the tailor moves on (another customer, Confirm,
quit), so that a visit makes one session, not one per pause in typing. Until then what was
typed lives here, one small file per customer, written atomically a moment after each edit:
a crash, a kill or a power cut loses at most those seconds, and the next start offers it back.
The file holds personal data, so erasing the customer erases it too (`discard`).
"""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mtm_app.atomic import write_atomic
from mtm_app.paths import data_dir

FORMAT = "mtm-studio-unsaved/1"


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


def _path(customer_id: int) -> Path:
    return folder() / f"customer-{int(customer_id)}.json"


def keep(customer_id: int, unsaved: Unsaved) -> None:
    """Write (or replace) the customer's unsaved measurements."""
    data = {"format": FORMAT, "customer": int(customer_id), "values_mm": unsaved.values_mm,
            "unit": unsaved.unit, "estimated": list(unsaved.estimated),
            "measured_by": unsaved.measured_by, "block": unsaved.block_id,
            "customer_since": unsaved.customer_since,
            "kept_at": unsaved.kept_at}
    write_atomic(_path(customer_id), json.dumps(data, ensure_ascii=False, allow_nan=False).encode())


def recover(customer_id: int, customer_since: str | None = None) -> Unsaved | None:
    """The customer's unsaved measurements, if a file of ours is there and readable. Given
    `customer_since`, a file kept for an earlier customer of the same id (erased while a window
    was typing for them) is not theirs: it is deleted, never shown."""
    try:
        data = json.loads(_path(customer_id).read_text("utf-8"))
        if customer_since is not None and data.get("customer_since") != customer_since:
            discard(customer_id)
            return None
        values = {str(k): float(v) for k, v in data["values_mm"].items()}
        if data.get("format") != FORMAT or not all(math.isfinite(v) and v > 0
                                                    for v in values.values()):
            return None
        return Unsaved(values, str(data.get("unit", "cm")),
                       tuple(str(n) for n in data.get("estimated", ())),
                       str(data.get("measured_by", "")), str(data.get("block", "")),
                       str(data.get("customer_since", "")), str(data.get("kept_at", "")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def discard(customer_id: int) -> None:
    """Forget the unsaved measurements (saved as a session, or the customer erased)."""
    with contextlib.suppress(OSError):
        _path(customer_id).unlink(missing_ok=True)
