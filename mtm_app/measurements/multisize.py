"""Valentina / Seamly2D multisize tables (.vst, .smms) and chart CSVs → MTM Studio size charts.

A multisize table holds, per measurement, a base value and how much it grows per size step and
per height step (Valentina's convention: sizes step by 2 and heights by 6, in cm, or 20 and 60
in a table kept in mm). Expanding it over a grid of sizes and heights gives a chart's rows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from mtm_app.atomic import write_atomic
from mtm_app.errors import Location, MeasurementError
from mtm_app.measurements.estimate import likely_sex
from mtm_app.measurements.sizes import SizeChart, read_chart_csv
from mtm_app.measurements.units import UNITS, to_mm
from mtm_app.measurements.valentina import TO_CANONICAL, open_measurement_xml

SIZE_STEP_CM, HEIGHT_STEP_CM = 2.0, 6.0


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
    base_size = float(size_el.get("base")) / per_cm
    base_height = float(height_el.get("base")) / per_cm
    sizes = sizes or [base_size + SIZE_STEP_CM * k for k in range(-3, 4)]
    heights = heights or [base_height + HEIGHT_STEP_CM * k for k in range(-3, 3)]
    entries = []
    for m in root.iterfind("body-measurements/m"):
        name = m.get("name", "")
        ours = "chest" if name == "bust_circ" else TO_CANONICAL.get(name)
        if ours:
            entries.append((ours, float(m.get("base", 0)), float(m.get("size_increase", 0)),
                            float(m.get("height_increase", 0))))
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


def read_csv_chart(path: str | Path, sex: str | None, size_column: str) -> SizeChart:
    """A CSV whose header is canonical names (cm) plus a size column (sex as for tables)."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh), [])
    if size_column not in header:
        raise MeasurementError(f"no size column '{size_column}'", Location(str(path), 1))
    columns = {c: c for c in header if c != size_column}
    rows = list(read_chart_csv(path, size_column, columns))
    if not rows:
        raise MeasurementError("the chart has no sizes", Location(str(path), 2))
    return _chart(path.stem, path.stem, sex, f"CSV {path.name}", rows, rows[len(rows) // 2][1])


def _chart(chart_id: str, name: str, sex: str | None, source: str,
           rows: list[tuple[str, dict[str, float]]], middle: dict[str, float]) -> SizeChart:
    """A chart whose fullest girth is named for its sex (a woman's chest is her bust)."""
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
