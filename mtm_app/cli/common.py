"""What every `mtm` command shares: exit codes, the usage error, option and file helpers."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mtm_app.atomic import write_atomic
from mtm_app.block.model import Block
from mtm_app.datafile import json_text
from mtm_app.errors import MtmError

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2
Args = argparse.Namespace


class UsageError(MtmError):
    """A command-line argument is wrong."""


def command_store():
    """The configured store (signed in as `--as` when given), SQLAlchemy imported only when a
    command needs it."""
    from mtm_app.store import open_store

    return open_store()


def print_rows(rows: list[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str]) -> int:
    """A listing command's rows: as JSON, or one line each."""
    if as_json:
        print(json_text(rows, ascii_only=False), end="")
    else:
        for row in rows:
            print(line(row))
    return EXIT_OK


def parse_options(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"option '{pair}' is not name=value", hint="e.g. -o collar_style=band")
        out[key.strip()] = value.strip()
    return out


def write_file(out_dir: Path, name: str, data: str | bytes) -> Path:
    path = out_dir / name
    write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def required_by(block: Block) -> list[str]:
    """Measurements the block needs and cannot derive."""
    return [n for n, s in block.measurements.items() if s.derive is None]
