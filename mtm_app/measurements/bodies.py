"""Bodies CSV: one person per row, header = canonical names (an `id` column is allowed), cm.

An optional `estimated` column lists, space-separated, the row's values that were estimated
rather than measured, so a customer's file keeps that mark on its way out and back in.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mtm_app.atomic import write_atomic
from mtm_app.datafile import CsvRows, clip, shown
from mtm_app.errors import Location, MeasurementError, did_you_mean
from mtm_app.measurements.catalogue import known_names
from mtm_app.measurements.files import parse_value
from mtm_app.measurements.units import format_length, to_mm
from mtm_app.measurements.validate import unit_mixup

ID_COLUMNS = ("id", "name", "subject")
ESTIMATED = "estimated"


def read_bodies(path: str | Path) -> list[tuple[str, dict[str, float]]]:
    """(row id, measurements in mm) per row; blank cells are measurements not taken."""
    return [(ident, values) for ident, values, _ in read_customers(path)]


def read_customers(path: str | Path) -> list[tuple[str, dict[str, float], frozenset[str]]]:
    """(row id, measurements in mm, the names of those estimated) per row."""
    rows = CsvRows(path)
    names = known_names()
    for col in rows.header:
        if col not in names and col not in ID_COLUMNS and col != ESTIMATED:
            raise MeasurementError(
                f"column {shown(col)} is not a canonical measurement", Location(str(path), 1),
                did_you_mean(clip(col), names, "rename or remove the column"),
            )
    bodies = []
    for row_no, row in rows:
        where = Location(str(path), row_no)
        if not any(v.strip() for v in row.values()):
            continue  # a spreadsheet's trailing row of commas holds nobody
        broken = next((k for k, v in row.items() if "\n" in v), None)
        if broken is not None:  # quoted over several lines, or a quote never closed
            raise MeasurementError(f"the {shown(broken)} cell runs over {row[broken].count(chr(10)) + 1} "
                                   "lines: a quote opened on this line closes on a later one, or never",
                                   where, "an id or a measurement fits on one line: remove the line "
                                          "break, or close the quote on this line")
        ident = next((row[c].strip() for c in ID_COLUMNS if row.get(c, "").strip()), f"row {row_no}")
        values = {k: to_mm(parse_value(k, v, where), "cm")
                  for k, v in row.items() if k in names and v.strip()}
        marked = row.get(ESTIMATED, "").split()
        for name in marked:
            if name not in names:
                raise MeasurementError(f"estimated: {shown(name)} is not a canonical measurement",
                                       where, did_you_mean(clip(name), names, "correct the name"))
        if not values:
            raise MeasurementError(f"{shown(ident)} has no measurement", where,
                                   "fill in the row's measurements (cm) or delete the row")
        mixup = unit_mixup(values)
        if mixup is not None:  # a row typed in mm or inches would be read ten or 2.5 times off
            raise MeasurementError(f"{shown(ident)}: {mixup.message}", where,
                                   "this CSV is read in cm: convert the row to cm")
        bodies.append((ident, values, frozenset(marked) & values.keys()))
    if not bodies:
        raise MeasurementError("the CSV has a header but no rows", Location(str(path), 2),
                               "one person per row under the header")
    return bodies


def write_bodies(path: str | Path, bodies: list[tuple[str, dict[str, float]]],
                 estimated: dict[str, frozenset[str]] | None = None) -> None:
    """Many customers to one CSV: an `id` column, then canonical names in catalogue order (cm),
    and an `estimated` column when any value was estimated (`estimated` by row id)."""
    names = [n for n in known_names() if any(n in values for _, values in bodies)]
    marks = {ident: " ".join(n for n in names if n in (estimated or {}).get(ident, ()))
             for ident, _ in bodies}
    extra = [ESTIMATED] if any(marks.values()) else []
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", *names, *extra])
    for ident, values in bodies:
        cells = [format_length(values[n], "cm") if n in values else "" for n in names]
        writer.writerow([ident, *cells, *([marks[ident]] if extra else [])])
    write_atomic(Path(path), buf.getvalue().encode("utf-8"))
