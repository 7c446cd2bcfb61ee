"""Measurement files: `{"unit": "cm" | "mm" | "in", "measurements": {name: value}}`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtm_app.datafile import clip, read_json, shown
from mtm_app.errors import Location, MeasurementError, did_you_mean
from mtm_app.measurements.catalogue import is_figuration, known_names
from mtm_app.measurements.units import UNITS, from_mm, parse_signed, to_mm
from mtm_app.measurements.valentina import read_valentina

MAX_VALUE = 100_000.0  # in the file's unit: no body measures 100 m (nor 100,000 in)


def parse_value(name: str, value: Any, where: Location) -> float:
    """A measurement must be a positive, finite number of a size a body can have (the
    catalogue's ranges then judge it; a wildly large one is refused here, before any sum)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:  # signed: a figure's amount may be negative, a body's is then said to be impossible
            value = parse_signed(str(value)[:200])
        except ValueError:
            raise MeasurementError(
                f"'{name}' is {shown(value)}, not a number", where,
                "type the value as a number, e.g. 102.5 or 38 1/2",
            ) from None
    if math.isnan(value) or math.isinf(value) or abs(value) > MAX_VALUE:
        raise MeasurementError(f"'{name}' is {shown(value)}, not a measurement", where,
                               "type the value as measured, in the file's unit")
    if value <= 0 and not is_figuration(name):  # a figuration amount is signed: 0 is normal
        raise MeasurementError(f"'{name}' is {value:g}; a measurement must be above zero", where,
                               "re-measure or leave it out so it can be derived")
    return float(value)


def measurements_to_mm(values: dict[str, Any], unit: str, where: Location) -> dict[str, float]:
    if unit not in UNITS:
        raise MeasurementError(f"unit {shown(unit)} is unknown", where, "use one of: " + ", ".join(UNITS))
    out: dict[str, float] = {}
    for name, value in values.items():
        if name not in known_names():
            raise MeasurementError(
                f"unknown measurement {shown(name)}", where,
                did_you_mean(clip(str(name)), known_names(), "see the canonical names in the README"),
            )
        out[name] = to_mm(parse_value(name, value, where), unit)
    return out


@dataclass(frozen=True)
class MeasurementFile:
    """A customer's measurements as read from a file: values in mm, the unit typed, the sex."""

    values: dict[str, float]
    unit: str
    sex: str | None
    raw: dict[str, Any]  # the values as written, in `unit`
    estimated: frozenset[str] = frozenset()  # values that were estimated, not measured


def load_measurements(path: str | Path) -> dict[str, float]:
    """Read a measurements JSON file and return values in mm."""
    return read_measurement_file(path).values


def read_measurement_file(path: str | Path) -> MeasurementFile:
    """Read `{"unit": …, "sex": …, "measurements": {…}}`; values are checked and put in mm."""
    path = Path(path)
    where = Location(str(path))
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("measurements"), dict):
        raise MeasurementError(
            "expected {\"unit\": \"cm\", \"measurements\": {\"chest\": 102, …}}", where
        )
    sex = data.get("sex")
    if sex not in (None, "male", "female"):
        raise MeasurementError(f"sex {shown(sex)} is not 'male' or 'female'", where,
                               "leave it out if unknown")
    unit = data.get("unit", "cm")
    if not isinstance(unit, str):
        raise MeasurementError(f"unit {shown(unit)} is not text", where, 'write e.g. "unit": "cm"')
    values = measurements_to_mm(data["measurements"], unit, where)
    marked = data.get("estimated") or []  # names, or (as estimate writes) name → interval
    if not isinstance(marked, list | dict) or not all(isinstance(n, str) for n in marked):
        raise MeasurementError(f"estimated is {shown(marked)}, not a list of names", where,
                               'write e.g. "estimated": ["bicep", "wrist"]')
    stray = sorted(n for n in marked if n not in values)
    if stray:
        raise MeasurementError(
            f"estimated names {', '.join(map(shown, stray[:5]))}, which are not among the "
            "measurements", where, "mark only measurements the file gives, or add their values")
    estimated = frozenset(marked)
    return MeasurementFile(values, unit, sex, dict(data["measurements"]), estimated)


def import_measurements(path: str | Path) -> tuple[MeasurementFile, list[str]]:
    """A customer's measurements from our JSON or a Valentina/Seamly2D file, and what in the
    file was not used (each with its reason), for the tailor to see."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_measurement_file(path), []
    if suffix not in (".vit", ".smis"):
        raise MeasurementError("not a measurement file", Location(str(path)),
                               "choose a .json, .vit (Valentina) or .smis (Seamly2D) file")
    found = read_valentina(path)
    taken = MeasurementFile(found.values, found.unit, found.sex,
                            {n: from_mm(v, found.unit) for n, v in found.values.items()},
                            frozenset(found.estimated))
    notes = [f"not used by MTM Studio: {n} = {v:g} {found.unit}" for n, v in found.unmapped.items()]
    return taken, notes + [f"skipped {line}" for line in found.skipped]
