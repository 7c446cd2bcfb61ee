"""Versions of a block: save a new one keeping the text it replaces, list them, read one back.

The block file in the library is the current version. "Save as new version" first copies the
text it replaces into the user block folder's `history/<id>/<version>.yaml` (a kept version is
never rewritten), then writes the new text with its `version:` raised. Shipped blocks are
never written: a new version of one is saved as the user's block of the same id, which then
overrides it (`library`), and the shipped file stays as the older version. Orders keep the
exact text they were cut with in the database besides (`orders.order_block`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtm_app.atomic import write_atomic
from mtm_app.block.document import parse_document, parse_for_drafting, read_block_text
from mtm_app.block.loader import parse_block
from mtm_app.errors import BlockError, Location, MtmError
from mtm_app.library import find_entry, shipped_dir
from mtm_app.names import safe_filename
from mtm_app.paths import published_blocks_dir, user_blocks_dir

CURRENT, KEPT, OVERRIDDEN = "current", "kept", "overridden"  # where a version's text is


@dataclass(frozen=True)
class BlockVersion:
    """One version of a block and the file holding its text."""

    block_id: str
    version: str
    path: Path
    kind: str  # CURRENT (the library's file), KEPT (history/), OVERRIDDEN (a file it hides)


def history_dir(block_id: str) -> Path:
    return user_blocks_dir() / "history" / safe_filename(block_id)


def save_path(path: str | Path) -> Path:
    """Where saving the block file at `path` writes: the file itself, or for a shipped or a
    published block the user block folder (those are read-only)."""
    path = Path(path)
    if path.resolve().parent in (shipped_dir().resolve(), published_blocks_dir().resolve()):
        return user_blocks_dir() / path.name
    return path


def save_block(path: str | Path, text: str) -> Path:
    """Save a block's text as it is (a pattern maker's work in progress may not load yet),
    atomically, where `save_path` says; returns the file written."""
    return write_block(save_path(path), text)


def write_block(target: Path, text: str) -> Path:
    """Write a block's text to `target`, atomically. A text of another version that it
    replaces is kept in the history first (a version typed over, or the user's own block
    saved over from the shipped one): a save never loses a version."""
    if target.is_file():
        old = read_block_text(target)
        replaced = _version_of(old, str(target))
        if replaced is not None and replaced != _version_of(text, str(target)):
            block_id = _header(old, str(target), "id") or target.stem
            with suppress(BlockError):  # kept already with another text: the history has it
                _keep(block_id, old, str(target))
    write_atomic(target, text.encode("utf-8"))
    return target



def next_version(version: str, taken: Collection[str] = ()) -> str:
    """The version after `version` that is not `taken`: its last number raised ("1.3" →
    "1.4", "1.9" → "1.10", "2" → "3", "1.1.0" → "1.1.1", "2.0-draft" → "2.1"); a version
    without a number gets one ("draft" → "draft-2")."""
    numbers = list(re.finditer(r"\d+", version))
    while True:
        if numbers:
            last = numbers[-1]
            version = f"{version[:last.start()]}{int(last.group()) + 1}"
            numbers = list(re.finditer(r"\d+", version))
        else:
            version = f"{version}-2"
            numbers = list(re.finditer(r"\d+", version))
        if version not in taken:
            return version


def _header(text: str, file: str, key: str) -> str | None:
    """A value of a block text's `block:` header as the loader reads it (None if it does not
    say, or the text does not read)."""
    try:
        meta = parse_for_drafting(text, file).get("block")
    except (MtmError, AttributeError):
        return None
    value = meta.get(key) if isinstance(meta, dict) else None
    return None if value is None or value == "" else str(value)


def _version_of(text: str, file: str) -> str | None:
    return _header(text, file, "version")


def _with_version(text: str, file: str, version: str) -> str:
    """`text` with its `block.version` value replaced and every other byte kept: ruamel's
    round-trip tree says where the value is (a whole dump would re-wrap long flow mappings)."""
    from ruamel.yaml.scalarstring import ScalarString

    meta = parse_document(text, file)["block"]
    line, column = meta.lc.value("version")
    lines = text.splitlines(keepends=True)
    rest = lines[line][column:]
    old = re.match(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'|[^,}\]\n#]*', rest).group().rstrip()
    quoted = isinstance(meta["version"], ScalarString) or _plain_reads_otherwise(version)
    literal = '"' + version.replace("\\", "\\\\").replace('"', '\\"') + '"' if quoted else version
    lines[line] = lines[line][:column] + literal + rest[len(old):]
    out = "".join(lines)
    if _version_of(out, file) != version:  # a form the search above does not know
        raise BlockError(f"cannot set the version to {version}", Location(file, line + 1, "block.version"),
                         f"write `version: \"{version}\"` yourself and save")
    return out


def _plain_reads_otherwise(version: str) -> bool:
    """Whether `version: 1.10` unquoted would read back as something else (the number 1.1)."""
    import yaml

    try:
        value = yaml.safe_load(f"v: {version}")["v"]
    except yaml.YAMLError:
        return True
    return type(value) not in (str, int, float) or str(value) != version


def save_new_version(path: str | Path, text: str | None = None) -> str:
    """Save `text` (default: the file's own) as a new version of the block at `path` and
    return that version.

    The text on disk that it replaces is kept first in `history/` under its version. The new
    text's own version is kept if no version of the block has it yet, else it becomes the one
    after the highest version (`next_version`), changing only that value in the text. The new text must load
    (BlockError otherwise: a version is something an order can be cut with); a shipped block's
    new version is written to the user block folder."""
    path = Path(path)
    target = save_path(path)
    replaced = target if target.is_file() else path
    old_text = read_block_text(replaced)
    new_text = old_text if text is None else text
    block = parse_block(new_text, str(target))
    if block.id != target.stem:
        raise BlockError(f"block.id '{block.id}' is not the file's name '{target.stem}'",
                         Location(str(target), 0, "block.id"),
                         f"set block.id to {target.stem}, or save it as a new block named {block.id}.yaml")
    taken = {v.version for v in list_versions(block.id)}
    version = (block.version if block.version not in taken
               else next_version(max(taken, key=_order), taken))
    if version != block.version:
        new_text = _with_version(new_text, str(target), version)
    _keep(block.id, old_text, str(replaced))
    write_atomic(target, new_text.encode("utf-8"))
    return version


def _keep(block_id: str, text: str, file: str) -> None:
    """Copy a replaced text into the history under its version (not if it says none: a file
    that never loaded is no version)."""
    version = _version_of(text, file)
    if version is None:
        return
    kept = history_dir(block_id) / f"{safe_filename(version)}.yaml"
    if kept.is_file():
        if read_block_text(kept) == text:
            return
        raise BlockError(f"version {version} of {block_id} is kept already, with another text ({kept})",
                         Location(file, 0, "block.version"),
                         "the file was changed without a new version: give it a version of its own "
                         "(edit `version:`), then save as a new version")
    write_atomic(kept, text.encode("utf-8"))


def list_versions(block_id: str) -> list[BlockVersion]:
    """Every version of a block whose text is at hand, oldest first: the current file, the
    kept ones, and a shipped file the user's block overrides. One entry per version (the
    current file's text first, then a kept one)."""
    found: dict[str, BlockVersion] = {}

    def add(path: Path, kind: str) -> None:
        try:
            version = _version_of(read_block_text(path), str(path))
        except MtmError:
            return
        if version is not None and version not in found:
            found[version] = BlockVersion(block_id, version, path, kind)

    try:
        entry = find_entry(block_id)
    except BlockError:
        entry = None
    if entry is not None:
        add(entry.path, CURRENT)
    folder = history_dir(block_id)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        add(path, KEPT)
    for path in entry.hides if entry is not None else ():
        add(path, OVERRIDDEN)
    if not found:
        raise BlockError(f"no block '{block_id}' and no kept version of it",
                         hint="`mtm blocks` lists the blocks")
    return sorted(found.values(), key=lambda v: _order(v.version))


def _order(version: str) -> tuple[Any, ...]:
    """Versions in the order people number them: 1.9 before 1.10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|[^\d.\-_ ]+", version))


def block_text(block_id: str, version: str) -> str:
    """The text of one version of a block (see `list_versions`)."""
    versions = list_versions(block_id)
    for v in versions:
        if v.version == version:
            return read_block_text(v.path)
    raise BlockError(f"{block_id} has no version {version}",
                     hint="its versions: " + ", ".join(v.version for v in versions))


__all__ = ["CURRENT", "KEPT", "OVERRIDDEN", "BlockVersion", "block_text", "history_dir", "list_versions",
           "next_version", "save_block", "save_new_version", "save_path"]
