"""Valentina / Seamly2D multisize tables (.vst, .smms) and chart CSVs → MTM Studio size charts.

A multisize table holds, per measurement, a base value and how much it grows per size step and
per height step (Valentina's convention: sizes step by 2 and heights by 6, in cm, or 20 and 60
in a table kept in mm). Expanding it over a grid of sizes and heights gives a chart's rows.
"""

from __future__ import annotations

import csv
import io
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from mtm_app.atomic import write_atomic
from mtm_app.datafile import CsvRows, clip, shown
from mtm_app.errors import Location, MeasurementError, did_you_mean
from mtm_app.measurements.catalogue import CANONICAL
from mtm_app.measurements.estimate import likely_sex
from mtm_app.measurements.files import MAX_VALUE
from mtm_app.measurements.sizes import SizeChart, read_chart_csv
from mtm_app.measurements.units import UNITS, to_mm
from mtm_app.measurements.valentina import TO_CANONICAL, open_measurement_xml
from mtm_app.names import file_names

SIZE_STEP_CM, HEIGHT_STEP_CM = 2.0, 6.0
# The bases a table may declare, in cm: Valentina's own size (22–72) and height (50–200) ranges,
# widened for tables of children and of the tallest adults; the grid around them stays positive.
BASE_SIZE_CM, BASE_HEIGHT_CM = (10.0, 120.0), (40.0, 250.0)


def read_multisize(path: str | Path, sex: str | None = None, sizes: list[float] | None = None,
                   heights: list[float] | None = None) -> SizeChart:
    """Expand a multisize table over sizes × heights (in cm; default: base ±3 steps).

    The tables carry no sex; unless given, it is the one whose population makes the base
    size's body most likely.
    """
    path = Path(path)
    root, unit = open_measurement_xml(path, "multisize table")
    size_el, height_el = root.find("size"), root.find("height")
    if size_el is None or height_el is None:
        raise MeasurementError("not a multisize table: it needs a base size and height",
                               Location(str(path)))
    per_cm = UNITS["cm"] / UNITS[unit]  # table units per cm
    base_size = _base(size_el, path, per_cm, BASE_SIZE_CM)
    base_height = _base(height_el, path, per_cm, BASE_HEIGHT_CM)
    sizes = sizes or [base_size + SIZE_STEP_CM * k for k in range(-3, 4)]
    heights = heights or [base_height + HEIGHT_STEP_CM * k for k in range(-3, 3)]
    entries = []
    for m in root.iterfind("body-measurements/m"):
        name = m.get("name", "")
        ours = "chest" if name == "bust_circ" else TO_CANONICAL.get(name)
        if ours:
            entries.append((ours, *(_number(m, a, path) for a in
                                    ("base", "size_increase", "height_increase"))))
    rows = []
    for size in sizes:
        for height in heights:
            values = {}
            for ours, base, per_size, per_height in entries:
                value = (base + (size - base_size) / SIZE_STEP_CM * per_size
                         + (height - base_height) / HEIGHT_STEP_CM * per_height)
                if value > 0:
                    values[ours] = to_mm(value, unit)
            rows.append((f"{size:g}/{height:g}", values))
    notes = (root.findtext("notes") or "").strip()
    base = rows[len(rows) // 2][1]
    return _chart(path.stem, notes or path.stem, sex, f"multisize table {path.name}", rows, base)


def _base(element: ET.Element, path: Path, per_cm: float, bounds: tuple[float, float]) -> float:
    """A table's base size or height in cm, within `bounds`, or a located error."""
    value = _number(element, "base", path) / per_cm
    low, high = bounds
    if not low <= value <= high:
        raise MeasurementError(
            f"base {element.tag} {value:g} cm is outside {low:g}–{high:g} cm",
            Location(str(path), element=f"<{element.tag}>"),
            "give the table's base size and height in its own unit (cm or mm)")
    return value


def _number(element: ET.Element, attribute: str, path: Path) -> float:
    """A numeric attribute of a table's element (absent: 0), finite, or a located error."""
    text = element.get(attribute, "0")
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        name = element.get("name") or element.tag
        raise MeasurementError(f"{clip(name)} {attribute}={shown(text)} is not a number",
                               Location(str(path), element=f"<{clip(element.tag)}>"),
                               "export the table from Valentina or Seamly2D again")
    return value


def read_csv_chart(path: str | Path, sex: str | None, size_column: str) -> SizeChart:
    """A CSV whose header is canonical names (cm) plus a size column (sex as for tables)."""
    path = Path(path)
    table = CsvRows(path)  # read first for a located error on encoding, size or quoting
    if size_column not in table.header:
        raise MeasurementError(f"no size column {shown(size_column)}", Location(str(path), 1),
                               "name the column with --size-column")
    labels = [(line, row[size_column].strip()) for line, row in table]
    blank = next((line for line, label in labels if not label), None)
    if blank:
        raise MeasurementError("a row has no size", Location(str(path), blank),
                               f"write the size in the '{clip(size_column)}' column")
    file_names([label for _, label in labels], "", "size", Location(str(path)))
    columns = {c: c for c in table.header if c != size_column}
    unknown = next((c for c in columns if c not in CANONICAL), None)
    if unknown is not None:
        raise MeasurementError(f"column {shown(unknown)} is not a canonical measurement",
                               Location(str(path), 1),
                               did_you_mean(clip(unknown), CANONICAL, "rename or remove the column"))
    rows = list(read_chart_csv(path, size_column, columns))
    if not rows:
        raise MeasurementError("the chart has no sizes", Location(str(path), 2))
    return _chart(path.stem, path.stem, sex, f"CSV {path.name}", rows, rows[len(rows) // 2][1])


def _chart(chart_id: str, name: str, sex: str | None, source: str,
           rows: list[tuple[str, dict[str, float]]], middle: dict[str, float]) -> SizeChart:
    """A chart whose fullest girth is named for its sex (a woman's chest is her bust)."""
    if not any(values for _size, values in rows):  # every size alike: a run of one body
        raise MeasurementError("the chart has sizes but no measurement of ours in any of them",
                               Location(source), "check the file holds the body measurements")
    sex = sex or likely_sex(middle)
    girth = "bust" if sex == "female" else "chest"
    other = "chest" if girth == "bust" else "bust"
    rows = [(size, {girth if n == other else n: v for n, v in row.items()}) for size, row in rows]
    return SizeChart(chart_id, name, sex, source, (girth, "waist", "seat"), tuple(rows))


def save_chart(chart: SizeChart, folder: str | Path, chart_id: str, name: str, source: str) -> Path:
    """Write a chart in MTM Studio's format: `<id>.yaml` and `<id>.csv` (cm) in `folder`."""
    folder = Path(folder)
    columns = sorted({n for _, row in chart.sizes for n in row})
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["size", *columns])
    for size, row in chart.sizes:
        writer.writerow([size, *(f"{row[n] / 10:.1f}" if n in row else "" for n in columns)])
    write_atomic(folder / f"{chart_id}.csv", buf.getvalue().encode("utf-8"))
    meta = {"id": chart_id, "name": name, "sex": chart.sex, "source": source,
            "data": f"{chart_id}.csv", "size_column": "size", "key": list(chart.key),
            "columns": {n: n for n in columns}}
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    path = folder / f"{chart_id}.yaml"
    write_atomic(path, ("# Size chart imported by MTM Studio (values in cm)\n" + text)
                 .encode("utf-8"))
    return path
