"""Where MTM Studio keeps the user's data and its caches (platformdirs: right on every OS).

`MTM_DATA_DIR` and `MTM_CACHE_DIR` override them — tests and shared installations use that (the
user's own blocks follow the data folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP = "mtm-studio"


def data_dir() -> Path:
    """The customer database and order files live here."""
    return Path(os.environ.get("MTM_DATA_DIR") or user_data_dir(APP, appauthor=False))


def user_blocks_dir() -> Path:
    """The pattern maker's own blocks (and `history/`, the versions they replaced): they
    override the shipped blocks of the same id and are never touched by an app update."""
    return data_dir() / "blocks"


def published_blocks_dir() -> Path:
    """The blocks published in a shared database (`mtm_app.store.blocks`), copied here when the
    app or a command opens it, so every shop drafts with the same versions."""
    return data_dir() / "blocks-published"


def cache_dir() -> Path:
    """Things that can be rebuilt at any time (parsed block files)."""
    return Path(os.environ.get("MTM_CACHE_DIR") or user_cache_dir(APP, appauthor=False))
