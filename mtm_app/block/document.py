"""Read and write block files as round-trip YAML, keeping the pattern maker's comments and order.

A block file is edited by hand and by the app; both must be able to save without destroying
what the other wrote, so the document is kept as ruamel's commented tree, and every element
knows the line it came from for error messages.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtm_app.atomic import write_atomic
from mtm_app.cache import cached_parse
from mtm_app.datafile import read_text
from mtm_app.errors import BlockError, Location
from mtm_app.i18n import _

MAX_BLOCK_BYTES = 2 * 2**20  # the largest shipped block is 60 kB

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
    """Parse block YAML for editing; syntax errors name the file and line.

    The bounded reader goes first (aliases, nesting, sizes: see marked_yaml), so ruamel,
    whose composer recurses, only ever sees a file that reader accepted.
    """
    from ruamel.yaml.error import MarkedYAMLError

    parse_for_drafting(text, file)
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise BlockError(
            _("YAML syntax error: {problem}").format(problem=exc.problem or exc.context),
            Location(file, line),
            _("check the indentation and the ':' after each key"),
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


def parse_for_drafting(text: str, file: str = "") -> Any:
    """Parse block YAML fast (libyaml), keeping the line of every key and item for errors.

    Round-trip parsing (ruamel) is kept for editing and saving: it is 25× slower, which a
    command that only drafts should not pay. The parsed form is cached by the text's hash.
    """

    def parse() -> Any:
        from mtm_app.block.marked_yaml import parse_marked

        return parse_marked(text, file)

    return cached_parse("blocks", file, text, parse, dump_marked, load_marked)


def dump_marked(tree: Any) -> str:
    """The parsed block as JSON text: a mapping is ["m", line, keys, key lines, values], a list
    ["l", line, item lines, items]; text, numbers, booleans and null are themselves."""

    def plain(x: Any) -> Any:
        if isinstance(x, _MarkedMap):
            return ["m", x.lc.line, list(x), [x.lc.key(k)[0] for k in x], [plain(v) for v in x.values()]]
        if isinstance(x, _MarkedList):
            return ["l", x.lc.line, [x.lc.item(i)[0] for i in range(len(x))], [plain(v) for v in x]]
        if x is None or type(x) in (str, int, float, bool):
            return x
        raise TypeError(f"{type(x).__name__} in a parsed block")

    return json.dumps(plain(tree), separators=(",", ":"))


def load_marked(text: str) -> Any:
    """`dump_marked`'s text back as marked mappings and lists (ValueError if it is not one)."""

    def marked(x: list) -> Any:
        if x[0] == "m":
            _, line, keys, lines, values = x
            out: Any = _MarkedMap(zip(keys, [marked(v) if type(v) is list else v for v in values],
                                      strict=True))
            out.lc = _Lines(dict(zip(keys, lines, strict=True)), line)
        else:
            _, line, lines, items = x
            out = _MarkedList([marked(v) if type(v) is list else v for v in items])
            out.lc = _Lines(dict(enumerate(lines)), line)
        return out

    tree = json.loads(text)
    return marked(tree) if type(tree) is list else tree


def read_block_text(path: Path) -> str:
    """A block file's text: UTF-8 (else the line of the first bad byte), at most 2 MB."""
    return read_text(path, MAX_BLOCK_BYTES)


def load_document(path: Path) -> tuple[Any, str]:
    text = read_block_text(path)
    return parse_document(text, str(path)), text


def dump_document(doc: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(doc, buf)
    return buf.getvalue()


def save_document(doc: Any, path: Path) -> None:
    """Write atomically: a temp file in the same folder, then rename over the old one."""
    write_atomic(Path(path), dump_document(doc).encode("utf-8"))


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
