"""Size charts, the nearest standard size for a customer, and fit advice.

Many customers fit a stock size within tolerance, and then made-to-measure is not needed; the
others need alterations, and the tailor should see which. A chart is a YAML file in
resources/size_charts/ naming its source, the sex it serves, its key measurements (girths, or a
US shirt's neck and sleeve), and a CSV of body measurements per size (cm, or inches with
`unit: in`) with a mapping of its columns to canonical names.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mtm_app.datafile import read_yaml
from mtm_app.errors import Location, MeasurementError
from mtm_app.i18n import _
from mtm_app.measurements.catalogue import CANONICAL, RESOURCES, label
from mtm_app.measurements.estimate import estimate_missing
from mtm_app.measurements.files import parse_value
from mtm_app.measurements.fits import FIT_PREFERENCES
from mtm_app.measurements.sleeves import with_both_sleeves
from mtm_app.measurements.units import UNITS, change_unit, show_change, show_length, to_mm

CHARTS_DIR = RESOURCES / "size_charts"
GIRTH_TOLERANCE = 20.0  # mm: a stock size "fits" when every key girth is within ±2 cm
LENGTH_TOLERANCE = 30.0  # mm: length differences beyond this are listed as length alterations
LENGTHS = ("sleeve_length", "nape_to_waist", "front_length", "inseam", "outseam", "body_rise")


@dataclass(frozen=True)
class SizeChart:
    id: str
    name: str
    sex: str
    source: str
    key: tuple[str, ...]
    sizes: tuple[tuple[str, dict[str, float]], ...]  # (size label, measurements in mm)
    unit: str = "cm"  # the unit its CSV is written in


def chart_source(chart: SizeChart) -> str:
    """Where the chart's figures come from, in English, as one line (the catalogue's key)."""
    return " ".join(chart.source.split())


def source_text(chart: SizeChart) -> str:
    """Where the chart's figures come from, in the language spoken now (titles kept)."""
    return _(chart_source(chart))


def read_chart(meta_path: Path) -> SizeChart:
    """A chart from its YAML description and the CSV it names."""
    meta = read_yaml(meta_path)
    where = Location(str(meta_path))
    for field in ("id", "name", "sex", "source", "data", "size_column", "key", "columns"):
        if field not in meta:
            raise MeasurementError(f"size chart field '{field}' is missing", where)
    unknown = [c for c in meta["columns"].values() if c not in CANONICAL]
    if unknown:
        raise MeasurementError(f"columns map to unknown measurements: {', '.join(unknown)}", where)
    unit = meta.get("unit", "cm")
    if unit not in UNITS:
        raise MeasurementError(f"size chart unit '{unit}' is unknown", where,
                               "use one of: " + ", ".join(UNITS))
    return SizeChart(meta["id"], meta["name"], meta["sex"], " ".join(meta["source"].split()),
                     tuple(meta["key"]), read_chart_csv(meta_path.parent / meta["data"],
                                                        meta["size_column"], meta["columns"], unit),
                     unit)


def read_chart_csv(path: Path, size_column: str, columns: dict[str, str], unit: str = "cm"
                   ) -> tuple[tuple[str, dict[str, float]], ...]:
    """Rows of a chart CSV (in `unit`) as (size, {canonical name: mm}); blank cells are not
    measured. Inches may be written as on the tape (`34 1/2`)."""
    rows = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            where = Location(str(path), line)
            values = {canon: to_mm(parse_value(canon, row[col], where), unit)
                      for col, canon in columns.items() if row.get(col) not in (None, "")}
            rows.append((row[size_column], values))
    return tuple(rows)


@lru_cache(maxsize=1)
def charts() -> dict[str, SizeChart]:
    return {c.id: c for c in (read_chart(p) for p in sorted(CHARTS_DIR.glob("*.yaml")))}


def find_chart(name: str) -> SizeChart:
    """A shipped chart by id, or a chart file (`.yaml`) by path."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        return read_chart(Path(name))
    known = charts()
    if name not in known:
        raise MeasurementError(f"size chart '{name}' is unknown",
                               hint="charts: " + ", ".join(sorted(known)))
    return known[name]


@dataclass(frozen=True)
class SizeMatch:
    chart: SizeChart
    size: str
    differences: dict[str, float]  # customer − chart, mm, for every measurement both have
    alterations: dict[str, float]  # key girths outside the tolerance

    @property
    def fits(self) -> bool:
        return not self.alterations

    @property
    def key_differences(self) -> dict[str, float]:
        """Customer − size for the chart's key girths (chest or bust, waist, seat), mm."""
        return {n: self.differences[n] for n in self.chart.key if n in self.differences}

    @property
    def length_changes(self) -> dict[str, float]:
        return {n: d for n, d in self.differences.items()
                if n in LENGTHS and abs(d) > LENGTH_TOLERANCE}

    def verdict(self, unit: str = "cm") -> str:
        """What the tailor reads, lengths in the customer's `unit`."""
        lengths = changes_text(self.length_changes, unit)
        also = _("; adjust lengths: {lengths}").format(lengths=lengths) if lengths else ""
        if self.fits:
            return _("stock size {size} ({chart}) fits within ±{tolerance}{also}").format(
                size=self.size, chart=_(self.chart.name),
                tolerance=show_length(GIRTH_TOLERANCE, change_unit(unit)), also=also)
        return _("made-to-measure: from size {size} ({chart}), alter {changes}{also}").format(
            size=self.size, chart=_(self.chart.name), changes=changes_text(self.alterations, unit), also=also)


def changes_text(changes: dict[str, float], unit: str, with_unit: bool = True) -> str:
    """'chest +1.6 cm, waist -0.8 cm' (or in inches): differences named as the tailor reads them."""
    return ", ".join(f"{label(n).lower()} {show_change(d, unit, with_unit)}" for n, d in changes.items())


GIRTHS = ("chest", "bust")


def _size_by(values: dict[str, float], chart: SizeChart) -> list[str]:
    """The key measurements to size this customer by: those of the chart's key given (chest or
    bust standing in for a girth chart's). A chart named by something else (a shirt's neck)
    needs that: none when it is not given."""
    if chart.key[0] not in GIRTHS and chart.key[0] not in values:
        return []
    key = [n for n in chart.key if n in values] or [n for n in GIRTHS if n in values]
    return [n for n in key if any(n in row for _size, row in chart.sizes)]


def nearest_size(values: dict[str, float], chart: SizeChart) -> SizeMatch:
    """The size with the fewest key measurements out of tolerance, then the smallest total
    difference. A US shirt chart sizes by the sleeve from the centre back: a customer measured
    from the shoulder point is sized by its conversion (and the other way round)."""
    values, _converted = with_both_sleeves(values, chart.sex)
    key = _size_by(values, chart)
    if not key:
        first = chart.key[0]
        if first in GIRTHS:
            raise MeasurementError(_("no key girth (chest or bust, waist, seat) to size by"),
                                   hint=_("measure the chest or bust at least"))
        raise MeasurementError(_("{chart} sizes by {name}, which is not measured").format(
                                   chart=_(chart.name), name=label(first).lower()),
                               hint=_("measure {name}").format(name=label(first).lower()))
    best = None
    for size, row in chart.sizes:
        diffs = {n: values[n] - row[n] for n in key if n in row}
        if not diffs:
            continue
        out = sum(abs(d) > GIRTH_TOLERANCE for d in diffs.values())
        score = (out, sum(abs(d) for d in diffs.values()))
        if best is None or score < best[0]:
            best = (score, size, row)
    _score, size, row = best
    differences = {n: values[n] - row[n] for n in CANONICAL if n in values and n in row}
    alterations = {n: d for n, d in differences.items() if n in key and abs(d) > GIRTH_TOLERANCE}
    return SizeMatch(chart, size, differences, alterations)


def size_advice(values: dict[str, float], sex: str) -> list[SizeMatch]:
    """The nearest size in every chart for this sex (a shirt chart only for a measured neck)."""
    return [nearest_size(values, c) for c in charts().values()
            if c.sex == sex and (c.key[0] in GIRTHS or c.key[0] in values)]


def recommend_fit(values: dict[str, float], sex: str, preference: str = "standard",
                  presets: tuple[str, ...] = ("slim", "regular", "relaxed"), unit: str = "cm"
                  ) -> tuple[str, str]:
    """A fit preset from the body's drop (chest or bust − waist) and the customer's preference.

    A large drop (an athletic V) suits a shaped, closer fit; a small or negative drop needs
    room at the waist. The preference moves the choice one step closer or looser.
    """
    chest = values.get("chest", values.get("bust"))
    waist = values.get("waist")
    if chest is None or waist is None:
        return presets[1], _("chest (or bust) and waist are needed to judge the fit; {fit} suggested").format(
            fit=_(presets[1]))
    drop = chest - waist
    slim_from, relaxed_below = (150.0, 60.0) if sex == "male" else (200.0, 120.0)
    step = 0 if drop >= slim_from else 2 if drop < relaxed_below else 1
    step = min(max(step + FIT_PREFERENCES.index(preference) - 1, 0), len(presets) - 1)
    girth = label("chest" if sex == "male" else "bust").lower()
    reason = _("drop ({girth} − {waist}) {drop}; preference {preference}").format(
        girth=girth, waist=label("waist").lower(), drop=show_length(drop, change_unit(unit)),
        preference=_(preference))
    return presets[step], reason


CHART_LENGTHS = ("body_rise", "outseam", "nape_to_waist", "waist_to_hip", "sleeve_length",
                 "shoulder_length")
_ESTIMATED_FROM = ("height", "chest", "bust", "waist", "seat", "inseam")


def estimate_differences(chart: SizeChart, height: float | None = None) -> dict[str, list[float]]:
    """Per length, for every row: the population model's estimate from the row's girths,
    height and inseam, less the chart's own value (mm). `height` stands in for a chart that
    gives none. Shows whether the survey mapping and the chart measure a length alike."""
    diffs: dict[str, list[float]] = {}
    for _size, row in chart.sizes:
        known = {n: row[n] for n in _ESTIMATED_FROM if n in row}
        if height is not None:
            known.setdefault("height", height)
        estimates = estimate_missing(known, chart.sex)
        for name in CHART_LENGTHS:
            if name in row:
                diffs.setdefault(name, []).append(estimates[name].value - row[name])
    return diffs
