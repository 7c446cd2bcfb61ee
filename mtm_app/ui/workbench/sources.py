"""Where the workbench finds blocks and where a pattern maker's own go: the one place it asks.

Shipped blocks (the project's patterns/) are read-only: a changed one is saved as the pattern
maker's own, in the user data folder's `blocks/` (beside the database; `MTM_DATA_DIR` moves
it). The library lists the blocks it drafts from; the workbench lists those and the user's.
"""

from __future__ import annotations

from pathlib import Path

from mtm_app import library
from mtm_app.errors import MtmError
from mtm_app.paths import data_dir


def user_blocks_dir() -> Path:
    return data_dir() / "blocks"


def block_files() -> list[Path]:
    """Every block file the workbench can open: the library's, then the user's own."""
    found = [*library.block_paths(), *sorted(user_blocks_dir().glob("*.yaml"))]
    return list(dict.fromkeys(p.resolve() for p in found))


def is_shipped(path: Path) -> bool:
    """Whether `path` is one of the blocks that come with the app (never written over)."""
    return path.resolve().parent == (library.ROOT / "patterns").resolve()


def suggested_copy(path: Path) -> Path:
    """Where a changed shipped block is offered to be saved: the user's folder, its own name."""
    return user_blocks_dir() / f"{path.stem}_custom.yaml"


def block_name(path: Path) -> str | None:
    """The garment name the block at `path` gives itself (English, as written), None when it
    does not load."""
    try:
        return library.get_block(str(path)).name
    except MtmError:
        return None
