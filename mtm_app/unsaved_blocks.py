"""Block text typed on the workbench but not yet saved, kept on disk a moment after each edit.

The pattern maker saves when the block is ready; until then a quit, a kill or a crash must not
lose the work. The text lives here, one small file per block file, written atomically, and
opening that block again puts it back (marked as not saved). Saving, or going back to the
file's own text, discards it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from mtm_app.atomic import write_atomic
from mtm_app.paths import data_dir

FORMAT = "mtm-studio-unsaved-block/1"


def folder() -> Path:
    return data_dir() / "unsaved" / "blocks"


def _path(block_file: Path) -> Path:
    key = hashlib.sha256(str(block_file.resolve()).encode("utf-8")).hexdigest()[:20]
    return folder() / f"{key}.json"


def keep(block_file: Path, text: str) -> None:
    write_atomic(_path(block_file), json.dumps(
        {"format": FORMAT, "file": str(block_file.resolve()), "text": text}).encode("utf-8"))


def recover(block_file: Path) -> str | None:
    """The text kept for this block file, if any (None for a file that cannot be read)."""
    try:
        data = json.loads(_path(block_file).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("text"), str):
        return None
    return data["text"]


def pending() -> list[Path]:
    """The block files with kept text, the most recently kept first."""
    out = []
    for kept in sorted(folder().glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            out.append(Path(json.loads(kept.read_text("utf-8"))["file"]))
    return out


def discard(block_file: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _path(block_file).unlink()
