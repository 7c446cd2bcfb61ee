"""Read and write block files as round-trip YAML, keeping the pattern maker's comments and order.

A block file is edited by hand and by the app; both must be able to save without destroying
what the other wrote, so the document is kept as ruamel's commented tree, and every element
knows the line it came from for error messages.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from mtm_app.errors import BlockError, Location


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a pattern maker's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def parse_document(text: str, file: str = "") -> Any:
    """Parse block YAML; syntax errors name the file and line."""
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
