"""Valentina / Seamly2D individual measurement files (.vit, .smis): read and write.

What those files hold (their public XSDs): a unit (mm, cm, inch), the customer's gender, and
`<m name=… value=…/>` entries whose values may be formulas over other measurements; names
starting with `@` are the maker's own measurements; 0 means "not measured". Known names are
mapped to ours; the rest are kept, and reported, so nothing the tailor typed is lost.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from mtm_app.atomic import write_atomic
from mtm_app.datafile import DataFileError, clip, read_bytes, shown
from mtm_app.errors import BlockError, Location, MeasurementError
from mtm_app.formula import FormulaContext, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.measurements.units import UNITS, from_mm, to_mm

# Valentina's known measurement names → ours. bust_circ is the fullest girth for both sexes.
TO_CANONICAL = {
    "height": "height",
    "neck_mid_circ": "neck",
    "neck_circ": "neck_base",
    "highbust_circ": "high_bust",
    "lowbust_circ": "underbust",
    "waist_circ": "waist",
    "hip_circ": "seat",
    "neck_back_to_waist_b": "nape_to_waist",
    "neck_side_to_waist_f": "front_length",
    "shoulder_length": "shoulder_length",
    "across_back_b": "across_back",
    "across_chest_f": "across_front",
    "arm_shoulder_tip_to_wrist": "sleeve_length",
    "arm_neck_back_to_wrist_bent": "cb_sleeve_length",  # O09: nape over the shoulder, arm bent
    "arm_upper_circ": "bicep",
    "arm_wrist_circ": "wrist",
    "rise_length_side_sitting": "body_rise",
    "leg_crotch_to_floor": "inseam",
    "crotch_length": "crotch_length",
    "leg_waist_side_to_floor": "outseam",
    "leg_thigh_upper_circ": "thigh",
    "leg_knee_circ": "knee",
    "leg_ankle_circ": "ankle",
    "bustpoint_to_bustpoint": "bust_span",
    "bustpoint_to_neck_side": "hps_to_bust",
    "waist_to_hip_side": "waist_to_hip",  # ours is taken at the side
}
FROM_CANONICAL = {v: k for k, v in TO_CANONICAL.items()}
FILE_UNITS = {"mm": "mm", "cm": "cm", "inch": "in"}
# An entry's description when MTM Studio estimated its value: read back as estimated.
ESTIMATED_NOTE = "estimated by MTM Studio, not measured"
_CUSTOM = "custom__"  # '@' cannot start a name in our formula language


@dataclass
class ValentinaFile:
    unit: str  # ours: mm | cm | in
    sex: str | None
    customer: str
    values: dict[str, float]  # canonical, mm
    unmapped: dict[str, float] = field(default_factory=dict)  # their name → value in `unit`
    skipped: list[str] = field(default_factory=list)  # what could not be read, and why
    estimated: set[str] = field(default_factory=set)  # ours, marked as estimated in the file


ROOTS = {"measurement file": ("vit", "smis"), "multisize table": ("vst", "smms")}


def open_measurement_xml(path: Path, what: str) -> tuple[ET.Element, str]:
    """The XML root of a Valentina/Seamly2D file and its unit (ours: mm, cm or in).

    Their files never declare a DTD, so one that does is refused before parsing: entity
    expansion (a "billion laughs" file) cannot cost memory or time."""
    where = Location(str(path))
    try:
        data = read_bytes(path)
    except DataFileError as exc:
        raise MeasurementError(exc.message, exc.where, exc.hint) from None
    if any(mark in data for mark in _DTD_MARKS):
        raise MeasurementError(f"the {what} declares a DTD or entities, which Valentina and "
                               "Seamly2D never write", where, "export the file from them again")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 0
        raise MeasurementError(f"cannot read the {what}: {exc}", Location(str(path), line),
                               "export the file from Valentina or Seamly2D again") from None
    if root.tag not in ROOTS[what]:
        expected = " or ".join(f"<{t}>" for t in ROOTS[what])
        other = next((w for w, tags in ROOTS.items() if root.tag in tags), None)
        hint = (f"this is a {other}; import it as one" if other
                else "export the measurements from Valentina or Seamly2D again")
        raise MeasurementError(f"not a Valentina/Seamly2D {what}: it starts with "
                               f"<{shown(root.tag)[1:-1]}>, not {expected}", where, hint=hint)
    count = sum(1 for _ in root.iterfind("body-measurements/m"))
    if count > MAX_ENTRIES:
        raise MeasurementError(f"{count:,} measurements: more than any body has ({MAX_ENTRIES:,})",
                               where, "is this the right file?")
    unit = FILE_UNITS.get((root.findtext("unit") or "").strip())
    if unit is None:
        raise MeasurementError(f"unit {shown(root.findtext('unit') or '')} is not mm, cm or inch",
                               where)
    return root, unit


MAX_ENTRIES = 100_000  # Valentina's own tables know ~500 names; a maker adds a few of their own
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY")
                   for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def read_valentina(path: str | Path) -> ValentinaFile:
    """Read a .vit or .smis file; formulas are evaluated, 0 (not measured) is left out."""
    path = Path(path)
    root, unit = open_measurement_xml(path, "measurement file")
    gender = (root.findtext("personal/gender") or "unknown").strip()
    customer = (root.findtext("personal/customer") or " ".join(
        filter(None, [root.findtext("personal/given-name"), root.findtext("personal/family-name")]))
        or "").strip()
    result = ValentinaFile(unit, gender if gender in ("male", "female") else None, customer, {})
    raw = {}
    for m in root.iterfind("body-measurements/m"):
        name = m.get("name", "")
        if name in raw:
            raise MeasurementError(f"measurement {shown(name)} is given twice", Location(str(path)),
                                   "keep one of the two entries in Valentina and save again")
        if _NAME.fullmatch(name):
            raw[name] = (m.get("value") or "").strip()
        else:
            result.skipped.append(f"{shown(name)} is not a measurement name")
    numbers = _evaluate(raw, result.skipped, Location(str(path)))
    noted = {m.get("name", "") for m in root.iterfind("body-measurements/m")
             if m.get("description") == ESTIMATED_NOTE}
    girth = "bust" if result.sex == "female" else "chest"
    source: dict[str, str] = {}
    for name, value in numbers.items():
        ours = girth if name == "bust_circ" else TO_CANONICAL.get(name)
        if value == 0:  # Valentina's "not measured" (an empty value too): said for ours, if any
            if ours is not None:
                result.skipped.append(f"{name}: not measured (0 or empty), so {ours} is not read")
            continue
        if ours is None:
            result.unmapped[name] = value
        elif value < 0:
            result.skipped.append(f"{name}: {value:g} is negative")
        elif ours in result.values and result.values[ours] != to_mm(value, unit):
            raise MeasurementError(
                f"{source[ours]} and {name} both give {ours}, with different values",
                Location(str(path)), f"clear one of them (set it to 0) so {ours} is measured once")
        else:
            result.values[ours] = to_mm(value, unit)
            source[ours] = name
            if name in noted:
                result.estimated.add(ours)
    if not result.values and not result.unmapped:
        raise MeasurementError("the file holds no measurement with a value", Location(str(path)),
                               "measure the customer in Valentina (or Seamly2D) and save again")
    return result


def _evaluate(raw: dict[str, str], skipped: list[str], where: Location) -> dict[str, float]:
    """Numbers for every entry; formulas may use other entries, in any order, but not in a loop.

    Linear in the entries: plain numbers (nearly all of them) skip the formula compiler, and
    references are looked up one by one, never by intersecting with every name."""
    names = {_name(n): Kind.NUMBER for n in raw}
    context = FormulaContext(names)
    done: dict[str, float] = {}
    formulas = {}
    for name, text in raw.items():
        number = _plain_number(text)
        if number is not None:
            done[_name(name)] = number
            continue
        if len(text) > MAX_FORMULA:
            skipped.append(f"{name}: a formula of {len(text)} characters is not a measurement")
            continue
        try:
            formulas[_name(name)] = (text, compile_formula(_expression(text), context))
        except BlockError as exc:
            skipped.append(f"{name}: cannot read {shown(text)} ({clip(exc.message)})")
    graph = {n: {r for r in f.refs if r in formulas} for n, (_, f) in formulas.items()}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        loop = " → ".join(_display(n) for n in reversed(exc.args[1]))
        raise MeasurementError(f"circular formulas: {clip(loop)}", where,
                               hint="give one of them a measured value") from None
    for n in order:
        text, formula = formulas[n]
        missing = sorted(r for r in formula.refs if r not in done)
        if missing:
            skipped.append(f"{_display(n)}: {shown(text)} needs "
                           f"{clip(', '.join(map(_display, missing)))}, which could not be read")
            continue
        try:
            value = float(formula(done))
        except BlockError as exc:
            skipped.append(f"{_display(n)}: {clip(exc.message)}")
            continue
        except (OverflowError, ZeroDivisionError, ValueError):
            value = math.inf
        if math.isfinite(value):
            done[n] = value
        else:
            skipped.append(f"{_display(n)}: {shown(text)} is not a finite number")
    return {_display(n): v for n, v in done.items()}


_NAME = re.compile(r"@?[^\W\d]\w{0,99}")  # Valentina's names: a letter, then letters, digits, _
MAX_FORMULA = 1000  # characters: Valentina's own formulas are a line long


def _plain_number(text: str) -> float | None:
    """A stored value that is just a number ('102', '15,5'), else None (a formula)."""
    try:
        value = float(text.replace(",", ".")) if text else 0.0
    except ValueError:
        return None
    return value if math.isfinite(value) and "_" not in text else None


def _display(name: str) -> str:
    return "@" + name[len(_CUSTOM):] if name.startswith(_CUSTOM) else name


def _name(name: str) -> str:
    return _CUSTOM + name[1:] if name.startswith("@") else name


def _expression(text: str) -> str:
    """Valentina's stored formula → ours: '@' names, ';' between arguments, '15,5' decimals."""
    text = _DECIMAL_COMMA.sub(r"\1.\2", text.replace("@", _CUSTOM)).replace(";", ",")
    return text or "0"


_DECIMAL_COMMA = re.compile(r"(\d),(\d)")


def write_vit(path: str | Path, values: dict[str, float], unit: str = "cm", sex: str | None = None,
              customer: str = "", unmapped: dict[str, float] | None = None,
              estimated: frozenset[str] = frozenset()) -> str:
    """A .vit (Valentina individual measurements 0.5.1) for our measurements (mm); estimated
    values say so in their description."""
    if unit not in UNITS:
        raise MeasurementError(f"unit '{unit}' is not mm, cm or in")
    root = ET.Element("vit")
    ET.SubElement(root, "version").text = "0.5.1"
    ET.SubElement(root, "read-only").text = "false"
    ET.SubElement(root, "notes").text = "Written by MTM Studio"
    ET.SubElement(root, "unit").text = {"in": "inch"}.get(unit, unit)
    ET.SubElement(root, "pm_system").text = "998"
    personal = ET.SubElement(root, "personal")
    ET.SubElement(personal, "customer").text = customer
    ET.SubElement(personal, "birth-date").text = "1800-01-01"
    ET.SubElement(personal, "gender").text = sex or "unknown"
    ET.SubElement(personal, "email").text = ""
    body = ET.SubElement(root, "body-measurements")
    for name, mm in values.items():
        theirs = "bust_circ" if name in ("chest", "bust") else FROM_CANONICAL.get(name)
        if theirs and body.find(f"m[@name='{theirs}']") is None:
            entry = ET.SubElement(body, "m", name=theirs, value=f"{round(from_mm(mm, unit), 4):g}")
            if name in estimated:
                entry.set("description", ESTIMATED_NOTE)
    for name, value in (unmapped or {}).items():
        ET.SubElement(body, "m", name=name, value=f"{value:g}")
    ET.indent(root, "    ")
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    if path:
        write_atomic(Path(path), text.encode("utf-8"))
    return text
