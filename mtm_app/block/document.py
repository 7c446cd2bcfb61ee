"""Read and write block files as round-trip YAML, keeping the pattern maker's comments and order.

A block file is edited by hand and by the app; both must be able to save without destroying
what the other wrote, so the document is kept as ruamel's commented tree, and every element
knows the line it came from for error messages.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from mtm_app.errors import BlockError, Location
from mtm_app.paths import cache_dir

if TYPE_CHECKING:
    from ruamel.yaml import YAML


def _yaml() -> YAML:
    """ruamel's round-trip parser, imported only when a block is edited or saved (it is slow)."""
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap a pattern maker's lines
    rt.indent(mapping=2, sequence=4, offset=2)
    return rt


def parse_document(text: str, file: str = "") -> Any:
    """Parse block YAML; syntax errors name the file and line."""
    from ruamel.yaml.error import MarkedYAMLError

    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise BlockError(
            f"YAML syntax error: {exc.problem or exc.context}",
            Location(file, line),
            "check the indentation and the ':' after each key",
        ) from None


class _Lines:
    """Where each key or item of a parsed mapping or list starts (0-based, like ruamel's .lc)."""

    __slots__ = ("_at", "line")

    def __init__(self, at: dict, line: int) -> None:
        self._at, self.line = at, line

    def key(self, key: Any) -> tuple[int, int]:
        return self._at[key], 0

    def item(self, index: int) -> tuple[int, int]:
        return self._at[index], 0


class _MarkedMap(dict):
    lc: _Lines


class _MarkedList(list):
    lc: _Lines


def _marked(node: yaml.Node, loader: Any, file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out, at = _MarkedMap(), {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in at:
                raise BlockError(f"'{key}' is written twice", Location(file, key_node.start_mark.line + 1),
                                 "keep one of them")
            at[key] = key_node.start_mark.line
            out[key] = _marked(value_node, loader, file)
        out.lc = _Lines(at, node.start_mark.line)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = _MarkedList(_marked(n, loader, file) for n in node.value)
        items.lc = _Lines({i: n.start_mark.line for i, n in enumerate(node.value)},
                          node.start_mark.line)
        return items
    return loader.construct_object(node, deep=True)


_CACHE_FORMAT = 1  # bump when the parsed form changes


def parse_for_drafting(text: str, file: str = "") -> Any:
    """Parse block YAML fast (libyaml), keeping the line of every key and item for errors.

    Round-trip parsing (ruamel) is kept for editing and saving: it is 25× slower, which a
    command that only drafts should not pay. The parsed form is cached by the text's hash,
    so a block read before loads in ~2 ms; the cache is only an optimisation and is skipped
    whenever it cannot be read or written.
    """
    key = hashlib.sha256(f"{_CACHE_FORMAT}\0{file}\0{text}".encode()).hexdigest()
    cached = cache_dir() / "blocks" / f"{key}.pickle"
    try:
        return pickle.loads(cached.read_bytes())  # only our own files, named by their hash
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    doc = _parse_marked(text, file)
    with contextlib.suppress(OSError):
        write_atomic(cached, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(cached.parent)
    return doc


def _prune(folder: Path, keep: int = 100) -> None:
    """Drop the oldest parsed blocks: every saved edit of a block adds one."""
    files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in files[:-keep]:
        old.unlink(missing_ok=True)


def _parse_marked(text: str, file: str) -> Any:
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        return _marked(node, loader, file) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise BlockError(
            f"YAML syntax error: {exc.problem or exc.context}",
            Location(file, mark.line + 1 if mark else 0),
            "check the indentation and the ':' after each key",
        ) from None
    finally:
        loader.dispose()


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml with YAML 1.2 booleans: `on`, `off`, `yes`, `no` stay words (a point may be
    {on: curve, y: …}), as they are for ruamel, which saves the same files."""


_FastLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FastLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_document(path: Path) -> tuple[Any, str]:
    text = Path(path).read_text(encoding="utf-8")
    return parse_document(text, str(path)), text


def dump_document(doc: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(doc, buf)
    return buf.getvalue()


def save_document(doc: Any, path: Path) -> None:
    """Write atomically: a temp file in the same folder, then rename over the old one."""
    write_atomic(Path(path), dump_document(doc).encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one."""
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


def line_of(container: Any, key: Any) -> int:
    """1-based line of a key in a mapping or an index in a sequence; 0 when unknown."""
    lc = getattr(container, "lc", None)
    if lc is None:
        return 0
    try:
        if isinstance(container, Mapping):
            return lc.key(key)[0] + 1
        return lc.item(key)[0] + 1
    except (KeyError, IndexError, TypeError):
        return getattr(lc, "line", -1) + 1
