"""Reading the data files the app ships (catalogue, size charts) quickly.

They are read by every `mtm` command: parsed once with libyaml's C loader, then loaded from
the parse cache, so a command does not even import the YAML parser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mtm_app.cache import cached_parse


def read_yaml(path: Path) -> Any:
    """The plain data in a YAML file (safe: no tags, no objects)."""
    text = path.read_text("utf-8")

    def parse() -> Any:
        import yaml

        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return cached_parse("data", str(path), text, parse)
