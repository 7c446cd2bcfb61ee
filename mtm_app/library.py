"""Where blocks live and how a name on the command line or in the app finds one.

Blocks come from four places. A block id found in more than one is taken from the first of:

1. the folders listed in `MTM_PATTERNS` (separated by `os.pathsep`; the first listed first),
2. the blocks published in a shared database (`paths.published_blocks_dir()`, refreshed from it
   whenever the app opens the store): every shop drafts with the versions released to all,
3. the user block folder (`paths.user_blocks_dir()`: `blocks/` in the data folder), where the
   app saves the pattern maker's blocks and new versions of shipped ones,
4. the blocks shipped with the app (`patterns/`), which the app never writes.

The file name is the block's id. A block that fails to load is listed as broken, with the
file, line and message of its error, and the others still work: one bad file never takes the
app or `mtm blocks` down.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mtm_app.block.loader import load_block
from mtm_app.block.model import Block
from mtm_app.errors import BlockError, Location, MtmError
from mtm_app.paths import published_blocks_dir, user_blocks_dir

ROOT = Path(__file__).resolve().parent.parent
SHIPPED, USER, ENVIRONMENT, PUBLISHED = "shipped", "user", "MTM_PATTERNS", "published"  # its source


@dataclass(frozen=True)
class LibraryEntry:
    """One block id as the library finds it: the file that wins, loaded or broken."""

    id: str
    path: Path
    origin: str  # SHIPPED, USER, ENVIRONMENT or PUBLISHED
    block: Block | None = field(default=None, repr=False)
    error: MtmError | None = None  # why it does not load (block is None then)
    hides: tuple[Path, ...] = ()  # files of the same id it overrides (a shipped block, say)

    @property
    def broken(self) -> bool:
        return self.block is None

    @property
    def read_only(self) -> bool:
        """Shipped blocks are the app's and published ones the shared database's: a pattern
        maker's change is saved as a user block (and published from there)."""
        return self.origin in (SHIPPED, PUBLISHED)


def shipped_dir() -> Path:
    return ROOT / "patterns"


def resources_dir() -> Path:
    return ROOT / "resources"


def block_folders() -> list[tuple[str, Path]]:
    """(origin, folder) in the order a block id is looked for: the first holding it wins."""
    listed = [Path(p) for p in os.environ.get("MTM_PATTERNS", "").split(os.pathsep) if p.strip()]
    return [*((ENVIRONMENT, p) for p in listed), (PUBLISHED, published_blocks_dir()),
            (USER, user_blocks_dir()), (SHIPPED, shipped_dir())]


@lru_cache(maxsize=64)
def _load(path: str, stamp: tuple[int, int]) -> Block | MtmError:
    """The block at `path`, or why it does not load; `stamp` (mtime, size) makes an edited
    file load again."""
    try:
        block = load_block(path)
    except MtmError as exc:
        return exc
    except OSError as exc:
        return BlockError(f"cannot be read: {exc.strerror or exc}", Location(path))
    except Exception as exc:  # a bug in the loader: this block is broken, the others work
        return BlockError(f"internal error ({type(exc).__name__}: {exc}); please report it",
                          Location(path))
    return block


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def _id_line(text: str) -> int:
    """The line of `id:` in the block section (0 when not found)."""
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("id:")), 0)


def misnamed(block: Block, path: Path) -> BlockError | None:
    """The error of a block whose id is not its file's name (orders find blocks by id, so the
    library could not find it again), located at its `id:` line; None when they agree."""
    if block.id == path.stem:
        return None
    return BlockError(f"block.id '{block.id}' is not the file's name '{path.stem}'",
                      Location(str(path), _id_line(block.source_text), "block.id"),
                      f"rename the file to {block.id}.yaml or set block.id to {path.stem}")


def _entry(block_id: str, files: list[tuple[str, Path]]) -> LibraryEntry:
    origin, path = files[0]
    try:
        loaded = _load(str(path), _stamp(path))
    except OSError as exc:  # removed or unreadable between the listing and the look
        loaded = BlockError(f"cannot be read: {exc.strerror or exc}", Location(str(path)))
    hides = tuple(p for _o, p in files[1:])
    if isinstance(loaded, Block):
        loaded = misnamed(loaded, path) or loaded
    if isinstance(loaded, Block):
        return LibraryEntry(block_id, path, origin, block=loaded, hides=hides)
    return LibraryEntry(block_id, path, origin, error=loaded, hides=hides)


def _files() -> dict[str, list[tuple[str, Path]]]:
    """Every block file by id, the winning one first."""
    found: dict[str, list[tuple[str, Path]]] = {}
    for origin, folder in block_folders():
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            found.setdefault(path.stem, []).append((origin, path))
    return found


def library() -> list[LibraryEntry]:
    """Every block id, by id: the file that wins, loaded (again if it changed) or broken."""
    return [_entry(block_id, files) for block_id, files in sorted(_files().items())]


def find_entry(block_id: str) -> LibraryEntry:
    """The library's entry for one id (broken or not); a BlockError naming the known ids."""
    files = _files().get(block_id)
    if not files:
        known = ", ".join(sorted(_files())) or "none"
        raise BlockError(f"no block '{block_id}'", hint=f"known blocks: {known}")
    return _entry(block_id, files)


def get_block(name_or_path: str) -> Block:
    """A block by id or by path to its file; loaded again when the file changes. A broken
    block raises its own error (file, line, message)."""
    path = Path(name_or_path)
    if path.suffix:
        if not path.is_file():
            raise BlockError(f"no block file at {path}", hint="give a path to a .yaml block")
        loaded = _load(str(path), _stamp(path))
    else:
        entry = find_entry(name_or_path)
        loaded = entry.block or entry.error
    if isinstance(loaded, Block):
        return loaded
    raise loaded


def all_blocks() -> list[Block]:
    """The blocks that load (the broken ones are in `broken_blocks`)."""
    return [e.block for e in library() if e.block is not None]


def broken_blocks() -> list[LibraryEntry]:
    return [e for e in library() if e.broken]


def shipped_blocks() -> list[Block]:
    """The app's own blocks, whatever the user overrides (their texts are translated)."""
    return [get_block(str(p)) for p in sorted(shipped_dir().glob("*.yaml"))]


def garment_name(block_id: str) -> str:
    """The garment's name for people; the id itself if its block is no longer shipped (an old
    order keeps its files and trace either way)."""
    try:
        return get_block(block_id).name
    except MtmError:
        return block_id
