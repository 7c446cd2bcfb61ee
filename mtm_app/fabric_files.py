"""The fabric catalogue as CSV, the way a cutting room keeps it in a spreadsheet: widths and
repeats in cm, one-way as yes/no. Read whole or not at all: a bad cell names its line and
column, and nothing is imported."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mtm_app.atomic import write_atomic
from mtm_app.datafile import CsvRows, DataFileError, shown
from mtm_app.errors import Location, MtmError
from mtm_app.i18n import _
from mtm_app.store.fabrics import check_fabric

# CSV column → (fabric field, factor from the column's unit to the field's)
COLUMNS: dict[str, tuple[str, float]] = {
    "code": ("code", 1), "name": ("name", 1), "composition": ("composition", 1),
    "width_cm": ("width_mm", 10), "one_way": ("one_way", 1),
    "repeat_length_cm": ("repeat_length_mm", 10), "repeat_width_cm": ("repeat_width_mm", 10),
    "shrinkage_pct": ("shrinkage_pct", 1), "price_per_m": ("price_per_m", 1),
    "stock_m": ("stock_m", 1), "notes": ("notes", 1),
}
REQUIRED = ("code", "width_cm")
YES, NO = {"yes", "y", "true", "1", "oui", "x"}, {"no", "n", "false", "0", "non", ""}


def read_fabrics_csv(path: str | Path) -> list[dict[str, Any]]:
    """Every row as the fields of a fabric (mm, %), checked; a DataFileError names the cell."""
    rows = CsvRows(path)
    unknown = [c for c in rows.header if c and c not in COLUMNS]
    if unknown:
        hint = (_("the columns are separated by semicolons: save the sheet as CSV with commas")
                if ";" in unknown[0] else _("columns: {columns}").format(columns=", ".join(COLUMNS)))
        raise DataFileError(_("unknown column {column}").format(column=shown(unknown[0])),
                            Location(str(rows.path), 1), hint)
    missing = [c for c in REQUIRED if c not in rows.header]
    if missing:
        raise DataFileError(_("no column {column}").format(column=missing[0]),
                            Location(str(rows.path), 1),
                            _("a fabric needs at least {first} and {second}").format(
                                first=REQUIRED[0], second=REQUIRED[1]))
    fabrics, codes = [], {}
    for line, cells in rows:
        fields: dict[str, Any] = {}
        for column, text in cells.items():
            if not column:
                continue
            field, factor = COLUMNS[column]
            where = Location(str(rows.path), line, column)
            text = text.strip()
            if column == "one_way":
                if text.lower() not in YES | NO:
                    raise DataFileError(_("one_way {value} is not yes or no").format(
                        value=shown(text)), where)
                fields[field] = text.lower() in YES
            elif factor != 1 or field in ("shrinkage_pct", "price_per_m", "stock_m"):
                if not text and column not in REQUIRED:
                    continue
                if not text:  # a short row, or a cell left blank
                    raise DataFileError(_("{column} is empty").format(column=column), where,
                                        _("every fabric needs its usable width, e.g. 150"))
                try:
                    fields[field] = float(text.replace(",", ".")) * factor
                except ValueError:
                    raise DataFileError(_("{column} {value} is not a number").format(
                        column=column, value=shown(text)), where, _("e.g. 150 or 147.5")) from None
            else:
                fields[field] = _unguarded(text)
        try:
            checked = check_fabric(fields)
        except MtmError as exc:
            raise DataFileError(exc.message, Location(str(rows.path), line), exc.hint) from None
        if checked["code"] in codes:
            raise DataFileError(_("fabric {code} is listed twice").format(code=checked["code"]),
                                Location(str(rows.path), line),
                                _("it is already on line {line}; keep one").format(
                                    line=codes[checked["code"]]))
        codes[checked["code"]] = line
        fabrics.append(checked)
    return fabrics


def fabrics_csv(fabrics: Iterable[Any]) -> str:
    """The catalogue as CSV text, in the columns `read_fabrics_csv` reads."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in fabrics:
        row = []
        for field, factor in COLUMNS.values():
            value = getattr(f, field)
            if isinstance(value, bool):
                row.append("yes" if value else "no")
            elif isinstance(value, float):
                row.append(f"{value / factor:g}")
            else:
                row.append(_guarded(value))
        writer.writerow(row)
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@")  # a cell a spreadsheet would run as a formula


def _guarded(text: str) -> str:
    """A text cell as a spreadsheet shows it and never runs it: `'` before a formula's start
    (the spreadsheets' own way to say "text"); `_unguarded` takes it off again on import."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _unguarded(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def write_fabrics_csv(path: Path, fabrics: Iterable[Any]) -> None:
    write_atomic(path, fabrics_csv(fabrics).encode("utf-8"))
