"""Parsed forms of data files (blocks, the catalogue), cached by a hash of their text.

Parsing YAML costs a command more than drafting does (and importing a YAML parser alone
~15 ms); a parsed file read before loads from the cache in ~2 ms. The cache is only an
optimisation: it is skipped whenever it cannot be read or written. It holds JSON, never
pickle: anyone who can write to the cache folder can change what a block says (which the
loader checks like any block), but cannot make the app run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from mtm_app.atomic import write_atomic
from mtm_app.paths import cache_dir

T = TypeVar("T")
FORMAT = 3  # bump when a parsed form changes (2: JSON instead of pickle; 3: stricter block reader)
KEEP = 100  # files kept per kind: every saved edit of a block adds one
_KEYS, _VALUES = "\0k", "\0v"  # a mapping whose keys are not all text
_MISS = (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError)


def to_plain(value: Any) -> Any:
    """`value` as JSON data that reads back equal; TypeError for anything else (not cached)."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is list:
        return [to_plain(v) for v in value]
    if type(value) is dict:
        if all(type(k) is str for k in value) and _KEYS not in value:
            return {k: to_plain(v) for k, v in value.items()}
        return {_KEYS: [to_plain(k) for k in value], _VALUES: [to_plain(v) for v in value.values()]}
    raise TypeError(f"{type(value).__name__} is not plain data")


def _mapping(obj: dict) -> dict:
    return dict(zip(obj[_KEYS], obj[_VALUES], strict=True)) if _KEYS in obj else obj


def from_plain(text: str) -> Any:
    return json.loads(text, object_hook=_mapping)


def cached_parse(kind: str, key: str, text: str, parse: Callable[[], T],
                 dump: Callable[[T], str] | None = None,
                 load: Callable[[str], T] | None = None) -> T:
    """`parse()`'s result for this text, from the cache when it was parsed before.

    `dump` and `load` turn the result into JSON text and back (default: plain data); a cache
    file that does not load is parsed again and replaced.
    """
    dump = dump or (lambda value: json.dumps(to_plain(value), separators=(",", ":")))
    load = load or from_plain
    digest = hashlib.sha256(f"{FORMAT}\0{key}\0{text}".encode()).hexdigest()
    path = cache_dir() / kind / f"{digest}.json"
    with contextlib.suppress(*_MISS):
        if path.stat().st_size <= 64 * len(text) + 2**16:  # a parsed form is a few × its text
            return load(path.read_text(encoding="utf-8"))
    value = parse()
    with contextlib.suppress(*_MISS):
        write_atomic(path, dump(value).encode("utf-8"))
        _prune(path.parent)
    return value


def _prune(folder: Path) -> None:
    for old in folder.glob("*.pickle"):  # written before FORMAT 2, never read again
        old.unlink(missing_ok=True)
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP]:
        old.unlink(missing_ok=True)
