"""Where blocks live and how a name on the command line or in the app finds one."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from mtm_app.block.loader import load_block
from mtm_app.block.model import Block
from mtm_app.errors import BlockError

ROOT = Path(__file__).resolve().parent.parent


def patterns_dir() -> Path:
    """The block folder: $MTM_PATTERNS if set, else the project's patterns/."""
    return Path(os.environ.get("MTM_PATTERNS", ROOT / "patterns"))


def resources_dir() -> Path:
    return ROOT / "resources"


def block_paths() -> list[Path]:
    return sorted(patterns_dir().glob("*.yaml"))


@lru_cache(maxsize=32)
def _load(path: str, mtime: float) -> Block:
    return load_block(path)


def get_block(name_or_path: str) -> Block:
    """A block by id (file name in patterns/) or by path; reloaded when the file changes."""
    path = Path(name_or_path)
    if not path.suffix:
        path = patterns_dir() / f"{name_or_path}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in block_paths()) or "none"
        raise BlockError(f"no block '{name_or_path}'", hint=f"known blocks: {known}")
    return _load(str(path), path.stat().st_mtime)


def all_blocks() -> list[Block]:
    return [get_block(str(p)) for p in block_paths()]


def garment_name(block_id: str) -> str:
    """The garment's name for people; the id itself if its block is no longer shipped (an old
    order keeps its files and trace either way)."""
    try:
        return get_block(block_id).name
    except BlockError:
        return block_id
