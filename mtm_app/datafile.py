"""Reading and writing our data files (JSON, CSV, YAML) the one careful way.

Files come from tailors, other CADs and scripts: a UTF-8 BOM, a Latin-1 export, `NaN`, a
4,000-digit number, nesting a thousand deep or a 75 MB cell must each end in one located
message, never a traceback, and in bounded time and memory. Every reader of a data file goes
through `read_text` (size limit, UTF-8 with the line of a bad byte), and every JSON file is
read by `read_json` and written by `json_text`, which refuses non-finite numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mtm_app.cache import cached_parse
from mtm_app.errors import Location, MtmError

MAX_FILE_BYTES = 20 * 2**20  # no customer file, chart or cut file from a CAD comes near this
MAX_DEPTH = 32  # our JSON nests 4 deep; a deeper file is not ours
MAX_INT_DIGITS = 30  # larger integers are no measurement, and cost quadratic time to convert
MAX_CSV_FIELD = 128 * 1024  # characters in one CSV cell (the csv module's own default)
QUOTE_LIMIT = 60  # characters of an offending value quoted in a message


class DataFileError(MtmError):
    """A data file cannot be read as the format it claims (encoding, syntax, size)."""


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Text for a message, cut to `limit` characters: a 75 MB value is not echoed."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """`value` as quoted in an error message: its repr (null, true and false as a data file
    spells them), cut to `limit` characters."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    text = repr(value) if not isinstance(value, str) else repr(value[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listed(names: Any, limit: int = 200) -> str:
    """Names joined by commas for a hint, cut to `limit` characters (a name may be a typo
    thousands of characters long)."""
    text = ", ".join(str(n) for n in names)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file no larger than `limit`."""
    path = Path(path)
    where = Location(str(path))
    too_big = DataFileError(f"the file is more than the {limit / 2**20:.0f} MB a data file may be",
                            where, "is this the right file?")
    try:
        if path.is_dir():
            raise IsADirectoryError
        if path.exists() and not path.is_file():  # a device or a pipe: no end, or no size
            raise DataFileError("this is not a regular file (a device or a pipe?)", where,
                                "name a file saved on disk")
        size = path.stat().st_size
        if size > limit:
            raise DataFileError(f"the file is {size / 2**20:.0f} MB, more than the "
                                f"{limit / 2**20:.0f} MB a data file may be", where,
                                "is this the right file?")
        with path.open("rb") as fh:  # never more than the limit, whatever stat said
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise too_big
        return data
    except FileNotFoundError:
        raise DataFileError("file not found", where, "check the path") from None
    except IsADirectoryError:
        raise DataFileError("this is a folder, not a file", where, "name the file") from None


def decode(data: bytes, where: Location) -> str:
    """UTF-8 text (a BOM is dropped); else the line of the first bad byte, and the fix."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        wide = data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:64]
        raise DataFileError("UTF-16 text (a Windows 'Unicode text' export?), not UTF-8" if wide
                            else "not UTF-8 text (a Latin-1 or Windows export?)",
                            Location(where.file, line),
                            "save it as UTF-8 (in a spreadsheet: CSV UTF-8)") from None


def read_text(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a file no larger than `limit`."""
    return decode(read_bytes(path, limit), Location(str(path)))


class _NotFinite(ValueError):
    """NaN or Infinity in JSON text: Python's reader would accept them, no other does."""


_CONSTANT = re.compile(r'(?:"((?:[^"\\]|\\.){0,60})"\s*:\s*)?(-?Infinity|NaN)\b')


def _no_constant(name: str) -> Any:
    raise _NotFinite(name)


def _not_finite(text: str, where: Location) -> DataFileError:
    """Where the first NaN/Infinity is, and the key it is the value of."""
    found = _CONSTANT.search(text)
    line = text.count("\n", 0, found.start(2)) + 1 if found else 0
    key = f"'{found.group(1)}'" if found and found.group(1) else (found.group(2) if found else "a value")
    return DataFileError(f"{key} is not a finite number", Location(where.file, line),
                         "write the measured value, or leave the entry out")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"the integer {shown(text)} has {len(text)} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{shown(text)} is too large to be a number")
    return value


def _depth(data: Any) -> int:
    """How deep lists and objects nest (iteratively: a deep file must not exhaust the stack)."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            todo.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


class _Repeated(ValueError):
    """A key given twice in one JSON object: which value was meant is unknowable."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _Repeated(key)
        seen[key] = value
    return seen


def _repeated(text: str, key: str, where: Location) -> DataFileError:
    """The error for a key given twice; its line when the key appears just twice in the file."""
    spots = [m.start() for m in re.finditer(re.escape(json.dumps(key)) + r"\s*:", text)]
    line = text.count("\n", 0, spots[1]) + 1 if len(spots) == 2 else where.line
    return DataFileError(f"key {shown(key)} is given twice in one object",
                         Location(where.file, line),
                         "keep one of the two entries and delete the other")


def parse_json(text: str, where: Location) -> Any:
    """JSON text → data: no NaN/Infinity, huge numbers, deep nesting or repeated keys; located."""
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_int=_int, parse_float=_float,
                          object_pairs_hook=_unique_keys)
    except _Repeated as exc:
        raise _repeated(text, exc.args[0], where) from None
    except _NotFinite:
        raise _not_finite(text, where) from None
    except json.JSONDecodeError as exc:
        raise DataFileError(f"not valid JSON: {exc.msg} (column {exc.colno})",
                            Location(where.file, exc.lineno),
                            "check the file with a JSON validator") from None
    except ValueError as exc:
        raise DataFileError(f"not valid JSON: {exc}", where,
                            "write measurements as plain decimal numbers") from None
    except RecursionError:
        raise DataFileError("not valid JSON: nested too deeply", where,
                            "this is not a file MTM Studio wrote") from None
    if _depth(data) > MAX_DEPTH:
        raise DataFileError(f"not valid JSON: nested more than {MAX_DEPTH} deep", where,
                            "this is not a file MTM Studio wrote")
    return data


def read_json(path: str | Path) -> Any:
    """A JSON data file (UTF-8, a BOM allowed, at most `MAX_FILE_BYTES`)."""
    return parse_json(read_text(path), Location(str(path)))


def _first_non_finite(data: Any, at: str = "") -> str | None:
    todo = [(data, at)]
    while todo:
        item, where = todo.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return where or "the value"
        if isinstance(item, dict):
            todo.extend((v, f"{where}.{k}" if where else str(k)) for k, v in item.items())
        elif isinstance(item, list | tuple):
            todo.extend((v, f"{where}[{i}]") for i, v in enumerate(item))
    return None


def json_text(data: Any, indent: int | None = 1, ascii_only: bool = True) -> str:
    """Data as JSON any reader accepts: a non-finite number is refused, naming where it is.
    `ascii_only=False` keeps names readable (Łódź, not \\u0141\\u00f3d\\u017a) in files people open."""
    try:
        return json.dumps(data, indent=indent, allow_nan=False, ensure_ascii=ascii_only) + "\n"
    except ValueError:
        raise DataFileError(f"{_first_non_finite(data) or 'a value'} is not a finite number, so it cannot be "
                            "written as JSON", hint="correct the value it came from") from None


class CsvRows:
    """A CSV file's header and its rows, each with the line it starts on (for messages)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.where = Location(str(self.path))
        text = read_text(self.path)
        if not text.strip():
            raise DataFileError("the CSV file is empty", self.where,
                                "the first line names the columns, one row per line after it")
        self._reader = csv.reader(io.StringIO(text, newline=""))
        self.header = [c.strip() for c in self._next()]
        if not any(self.header):
            raise DataFileError("the first line of the CSV is blank", Location(str(self.path), 1),
                                "the first line names the columns")
        seen: set[str] = set()
        twice = next((c for c in self.header if c in seen or seen.add(c)), None)
        if twice is not None:
            raise DataFileError(f"column {shown(twice)} is named twice", Location(str(self.path), 1),
                                "keep one of them: a cell of the other would be lost")

    def _next(self) -> list[str]:
        line = self._reader.line_num + 1
        limit = csv.field_size_limit(MAX_CSV_FIELD)
        try:
            return next(self._reader)
        except csv.Error as exc:
            raise DataFileError(f"not a readable CSV row: {exc}", Location(str(self.path), line),
                                f"no cell may hold more than {MAX_CSV_FIELD // 1024} kB; "
                                "check the quotes") from None
        finally:
            csv.field_size_limit(limit)

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, {column: cell}) per non-blank row; cells a short row lacks are ''."""
        while True:
            line = self._reader.line_num + 1
            try:
                cells = self._next()
            except StopIteration:
                return
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(self.header):
                raise DataFileError(f"{len(cells)} cells but {len(self.header)} columns",
                                    Location(str(self.path), line),
                                    "remove the extra cells or name their column")
            yield line, dict(zip(self.header, [*cells, *[""] * (len(self.header) - len(cells))],
                                 strict=True))


def read_yaml(path: Path) -> Any:
    """The plain data in a YAML file (safe: no tags, no objects)."""
    text = read_text(path)

    def parse() -> Any:
        import yaml

        try:
            return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise DataFileError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                                Location(str(path), mark.line + 1 if mark else 0)) from None

    return cached_parse("data", str(path), text, parse)
