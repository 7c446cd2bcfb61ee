"""Files are written whole or not at all: a crash or a full disk never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, private: bool = False) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one. The
    file gets the permissions any new file of the user gets (a cut file read by the plotter's
    machine, a CSV by a colleague); `private` ones (typing kept before it is saved) only the
    user's."""
    if path.is_dir():  # else the temporary file would be made beside the folder, not in it
        raise IsADirectoryError(21, "a folder, not a file: give the file's name (e.g. "
                                f"{path / ('name' + (path.suffix or '.json'))})", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        if not private and hasattr(os, "fchmod"):  # mkstemp makes it the user's alone
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux), else
    set and put back at once."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
