"""Parsed forms of data files (blocks, the catalogue), cached by a hash of their text.

Parsing YAML costs a command more than drafting does (and importing a YAML parser alone
~15 ms); a parsed file read before loads from its pickle in ~2 ms. The cache is only an
optimisation: it is skipped whenever it cannot be read or written, and only ever holds our
own pickles, each named by the hash of what it was parsed from.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mtm_app.atomic import write_atomic
from mtm_app.paths import cache_dir

T = TypeVar("T")
FORMAT = 1  # bump when a parsed form changes
KEEP = 100  # files kept per kind: every saved edit of a block adds one


def cached_parse(kind: str, key: str, text: str, parse: Callable[[], T]) -> T:
    """`parse()`'s result for this text, from the cache when it was parsed before."""
    digest = hashlib.sha256(f"{FORMAT}\0{key}\0{text}".encode()).hexdigest()
    path = cache_dir() / kind / f"{digest}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    value = parse()
    with contextlib.suppress(OSError):
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(path.parent)
    return value


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP]:
        old.unlink(missing_ok=True)
