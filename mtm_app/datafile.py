"""Reading the data files the app ships (catalogue, size charts) quickly.

They are read once per process, and by every `mtm` command: libyaml's C loader reads them in
a few milliseconds where a pure-Python parser takes a tenth of a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The plain data in a YAML file (safe: no tags, no objects)."""
    return yaml.load(path.read_text("utf-8"), Loader=_Loader)
