"""The measurement catalogue: canonical names, how to take each, and plausible ranges by sex.

Names stay stable once published: blocks, stored sessions and customer files refer to them.
Texts live in resources/measurement_catalogue.yaml, in English and, under each entry's `fr:`, in
French: `label`, `how_to`, `grades` and `figuration_text()` answer in the language spoken now
(mtm_app.i18n). Ranges come from ANSUR II statistics
(resources/measurement_stats.json) or, for what the survey did not measure, from the trade's
typical adult ranges.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from mtm_app.datafile import read_yaml
from mtm_app.i18n import N_, _, current, number

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"

CANONICAL: tuple[str, ...] = (
    "height", "neck", "neck_base", "chest", "bust", "high_bust", "underbust", "waist", "seat",
    "nape_to_waist", "front_length", "shoulder_length", "across_back", "across_front",
    "sleeve_length", "cb_sleeve_length", "bicep", "wrist", "body_rise", "inseam", "outseam", "thigh", "knee",
    "ankle", "bust_span", "hps_to_bust", "waist_to_hip", "crotch_length",
)
# How the body stands, beside its measurements: signed amounts in mm (0 = the block's figure)
FIGURATION: tuple[str, ...] = ("posture", "shoulder_slope", "seat_shape", "stomach", "neck_posture")
SIDES = ("left", "right")
SEXES = ("male", "female")
# the survey measured men's chest and women's bust the same way, at the fullest level
_PROXY = {"chest": "bust", "bust": "chest"}
HARD_MARGIN = 0.15  # hard limits lie this far beyond anything the survey saw


@dataclass(frozen=True)
class Range:
    """Plausible values in mm: outside hard limits is an error, outside p1–p99 a warning."""

    hard_min: float
    p1: float
    p99: float
    hard_max: float
    source: str


@dataclass(frozen=True)
class Texts:
    """What a person reads of one measurement, in one language."""

    label: str
    how_to: str
    grades: dict[str, str]  # figuration: the English grade word → this language's


SIDE_LABELS = {"left": N_("{name} (left)"), "right": N_("{name} (right)")}


@dataclass(frozen=True)
class Entry:
    name: str
    texts: dict[str, Texts]  # by language: "en" always, others where the catalogue has them
    group: str
    kind: str
    ranges: dict[str, Range]  # by sex, plus "any"
    sided: bool = False  # may be given per side: name_left, name_right
    grade_amounts: tuple[tuple[str, float], ...] = ()  # figuration: the tailor's (English) words
    side: str = ""  # for name_left / name_right: the side; `base` is the measurement's name
    base: str = ""

    def _texts(self) -> Texts:
        return self.texts.get(current(), self.texts["en"])

    @property
    def label(self) -> str:
        """Its name in the language spoken now ('Tour de poitrine'), with the side if it is one's."""
        text = self._texts().label
        return _(SIDE_LABELS[self.side]).format(name=text) if self.side else text

    @property
    def how_to(self) -> str:
        """How to take it, in the language spoken now."""
        return self._texts().how_to

    @property
    def grades(self) -> tuple[tuple[str, float], ...]:
        """Figuration: the tailor's words for it in the language spoken now, with their amounts."""
        words = self._texts().grades
        return tuple((words.get(g, g), v) for g, v in self.grade_amounts)

    @property
    def is_figuration(self) -> bool:
        return self.kind == "figuration"

    def range_for(self, sex: str | None) -> Range:
        return self.ranges.get(sex or "any", self.ranges["any"])


def _ansur_ranges(stats: dict, name: str) -> dict[str, Range]:
    out = {}
    for sex in SEXES:
        by_name = stats["sexes"][sex]["ranges"]
        key = name if name in by_name else _PROXY.get(name)
        if key in by_name:
            r = by_name[key]
            out[sex] = Range(r["min"] * (1 - HARD_MARGIN), r["p1"], r["p99"],
                             r["max"] * (1 + HARD_MARGIN), N_("ANSUR II"))
    return out


def _typical_ranges(typical: dict) -> dict[str, Range]:
    return {sex: Range(lo * 10 * 0.8, lo * 10, hi * 10, hi * 10 * 1.25, N_("typical adult range"))
            for sex, (lo, hi) in typical.items()}


def _figuration_range(t: dict) -> dict[str, Range]:
    (lo, hi), (usual_lo, usual_hi) = t["limits"], t["usual"]
    return {"any": Range(lo, usual_lo, usual_hi, hi, N_("the trade's figure variations"))}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Entry]:
    """Every name a customer's measurements may hold: the measurements, the figuration, and
    `name_left` / `name_right` of those that may differ between the sides."""
    texts = read_yaml(RESOURCES / "measurement_catalogue.yaml")
    stats = json.loads((RESOURCES / "measurement_stats.json").read_text("utf-8"))
    entries = {}
    for name in CANONICAL + FIGURATION:
        t = texts[name]
        if name in FIGURATION:
            ranges = _figuration_range(t)
        else:
            ranges = _ansur_ranges(stats, name) or _typical_ranges(t["typical"])
            ranges["any"] = Range(min(r.hard_min for r in ranges.values()),
                                  min(r.p1 for r in ranges.values()),
                                  max(r.p99 for r in ranges.values()),
                                  max(r.hard_max for r in ranges.values()),
                                  next(iter(ranges.values())).source)
        entry = Entry(name, _texts(t), t["group"], t["kind"], ranges, bool(t.get("sided")),
                      tuple((g, float(v)) for g, v in t.get("grades", {}).items()))
        entries[name] = entry
        if entry.sided:
            for side in SIDES:
                entries[side_name(name, side)] = replace(
                    entry, name=side_name(name, side), sided=False, side=side, base=name)
    return entries


TRANSLATED = ("fr",)  # the languages every catalogue entry carries besides English


def _texts(t: dict) -> dict[str, Texts]:
    """An entry's texts by language: English at its top level, each other language under its
    code (`fr: {label, how_to, grades}`); a grade word not translated stays English."""
    out = {"en": Texts(t["label"], t["how_to"], {g: g for g in t.get("grades", {})})}
    for code in TRANSLATED:
        if code in t:
            tr = t[code]
            out[code] = Texts(tr["label"], tr["how_to"], dict(tr.get("grades", {})))
    return out


def side_name(name: str, side: str) -> str:
    """The name of one side's value of a measurement that may differ between the sides."""
    return f"{name}_{side}"


def known_names() -> tuple[str, ...]:
    """What a measurement file, a CSV or a session may hold, in the catalogue's order."""
    return tuple(catalogue())


def is_figuration(name: str) -> bool:
    entry = catalogue().get(name)
    return bool(entry and entry.is_figuration)


def figuration_text(name: str, amount: float) -> str:
    """A figuration amount in the tailor's words: its grade ('stooped') where it is one,
    else the nearest grade ('near stooped')."""
    entry = catalogue()[name]
    if not entry.grades:
        return f"{number(f'{amount:+g}')} mm"
    word, value = min(entry.grades, key=lambda g: abs(g[1] - amount))
    return word if abs(value - amount) < 0.05 else _("near {grade}").format(grade=word)


def label(name: str) -> str:
    """A measurement's name in the language spoken now ('Chest', 'Tour de poitrine')."""
    entry = catalogue().get(name)
    return entry.label if entry else name.replace("_", " ").capitalize()


def how_to(name: str) -> str:
    """How to take a measurement, in the language spoken now ('' for a name it does not know)."""
    entry = catalogue().get(name)
    return entry.how_to if entry else ""
