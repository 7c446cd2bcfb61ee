"""Files are written whole or not at all: a crash or a full disk never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one."""
    if path.is_dir():  # else the temporary file would be made beside the folder, not in it
        raise IsADirectoryError(21, "a folder, not a file: give the file's name (e.g. "
                                f"{path / ('name' + (path.suffix or '.json'))})", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def rename_durably(source: Path, target: Path) -> None:
    """Rename `source` (a file or folder) to `target` and flush the folder holding them, so
    the rename itself survives a power cut (a set of files switched in by one rename)."""
    os.replace(source, target)
    try:
        fd = os.open(target.parent, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder: its renames are journalled by NTFS
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
