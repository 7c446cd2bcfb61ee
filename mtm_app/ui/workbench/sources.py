"""Where the workbench finds blocks and where a pattern maker's own go: the one place it asks.

Shipped blocks (the project's patterns/) are read-only: a changed one is saved as the pattern
maker's own, in the user block folder (`blocks/` in the data folder; `MTM_DATA_DIR` moves it),
under the same name, which then overrides the shipped one (`mtm_app.library`). The workbench
lists every block file the library finds, the broken ones and those overridden too.
"""

from __future__ import annotations

from pathlib import Path

from mtm_app import library
from mtm_app.block_versions import save_path
from mtm_app.errors import MtmError
from mtm_app.paths import published_blocks_dir, user_blocks_dir

__all__ = ["block_files", "block_name", "is_shipped", "suggested_copy", "user_blocks_dir"]


def block_files() -> list[Path]:
    """Every block file the workbench can open: each id's file as the library finds it, then
    the files it overrides, then the user's own that the library does not list."""
    found = [p for e in library.library() for p in (e.path, *e.hides)]
    found += sorted(user_blocks_dir().glob("*.yaml"))
    return list(dict.fromkeys(p.resolve() for p in found))


def is_shipped(path: Path) -> bool:
    """Whether `path` is one of the blocks that come with the app or were released through the
    shared database: never written over, a change is saved as the pattern maker's own."""
    return path.resolve().parent in (library.shipped_dir().resolve(), published_blocks_dir().resolve())


def suggested_copy(path: Path) -> Path:
    """Where a changed shipped block is offered to be saved: the user's folder, its own name
    (so it overrides the shipped one)."""
    return save_path(path)


def block_name(path: Path) -> str | None:
    """The garment name the block at `path` gives itself (English, as written), None when it
    does not load."""
    try:
        return library.get_block(str(path)).name
    except MtmError:
        return None
