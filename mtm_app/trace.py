"""Traceability: one short hash of what produced an order's files.

The same block version, measurements and options always give the same hash, so a cut piece
with the hash printed on it leads back to exactly what drafted it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def trace_hash(block_id: str, block_version: str, block_source: str,
               measurements: Mapping[str, float], options: Mapping[str, Any]) -> str:
    payload = {
        "block": block_id,
        "version": block_version,
        "source": hashlib.sha256(block_source.encode("utf-8")).hexdigest(),
        "measurements": {k: round(float(v), 3) for k, v in sorted(measurements.items())},
        "options": {k: options[k] for k in sorted(options)},
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
