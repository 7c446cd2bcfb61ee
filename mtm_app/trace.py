"""Traceability: one short hash of what produced an order's files.

The same block version, measurements, options and personal alterations always give the same
hash, so a cut piece with the hash printed on it leads back to exactly what drafted it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any


def text_hash(text: str) -> str:
    """The sha256 of a block's text: what an order keeps to find the exact text it was cut with."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def trace_hash(block_id: str, block_version: str, block_source: str,
               measurements: Mapping[str, float], options: Mapping[str, Any],
               alterations: Sequence[Mapping[str, Any]] = ()) -> str:
    """Personal alterations join the hash only when there are some: an order without any
    keeps the hash it always had."""
    payload: dict[str, Any] = {
        "block": block_id,
        "version": block_version,
        "source": text_hash(block_source),
        "measurements": {k: round(float(v), 3) for k, v in sorted(measurements.items())},
        "options": {k: options[k] for k in sorted(options)},
    }
    if alterations:
        payload["alterations"] = [dict(a) for a in alterations]
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def order_trace(garment_traces: Sequence[str]) -> str:
    """An order's trace: its one garment's, or for a suit the hash of its garments' traces in
    order (each garment's own is printed on its pieces)."""
    if len(garment_traces) == 1:
        return garment_traces[0]
    return hashlib.sha256(" ".join(garment_traces).encode("utf-8")).hexdigest()[:12]
