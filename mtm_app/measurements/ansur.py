"""Map ANSUR II survey rows to tailoring measurements (mm), each by its how-to text.

ANSUR measures some things differently from a tailor; the corrections here follow the
survey's definitions (Gordon et al. 2014), its landmarks, and the trade's:
- the natural waist is taken at the midpoint between the lowest rib (10th rib height) and
  the top of the hip bone (iliac crest height) — the WHO (2008) waist level — about 33 mm
  (men) and 45 mm (women) above the navel, where ANSUR takes its waist girth and back length;
- waist girth: the natural waist is narrower than the navel's: men −25 mm, women −65 mm;
- nape to waist: the back length at the navel less that subject's navel-to-waist rise; a
  woman's taken by a tailor reads 35 mm more (Aldrich and Burda charts alike: the tape
  follows the shoulder blades and the hollow of the back), men's as the survey;
- outseam: the natural waist's height (standing, to the floor);
- body rise is taken seated: sitting height less the body above the natural waist
  (stature − natural waist height), which does not change on sitting down;
- waist to hip: natural waist height − buttock height (the fullest part of the seat);
- crotch length: ANSUR's navel to navel through the crotch, plus the navel-to-waist rise
  at the front and at the back (the trousers' waist sits at the natural waist);
- neck is taken at the larynx (a collar measure); neck base is the neckline;
- sleeve outseam runs shoulder point → wrist with the arm straight; a tailor's, over the
  slightly bent elbow to the wrist bone, reads 45 mm more (all four shipped charts: 40–49 mm);
- the US shirt sleeve (nape over the shoulder and the bent elbow to the wrist) is the survey's
  sleeve length spine–wrist, taken with the elbow bent as the trade takes it: no allowance
  (ANSUR men's median, 35¼ in, sits mid-way in the shirt chart's 32–37 in);
- biceps are measured flexed; relaxed is about 20 mm less;
- interscye I (across the back between the armpit folds) stands in for across back.
See docs/estimation.md for how these compare with the shipped size charts.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

from mtm_app.datafile import clip, read_bytes
from mtm_app.errors import Location, MeasurementError
from mtm_app.measurements.catalogue import RESOURCES

SURVEY_FILES = {"male": "ANSUR_II_MALE_Public.csv", "female": "ANSUR_II_FEMALE_Public.csv"}

WAIST_NAVEL_TO_NATURAL = {"male": 25.0, "female": 65.0}
BACK_LENGTH_OVER_BLADES = {"male": 0.0, "female": 35.0}
SLEEVE_STRAIGHT_TO_BENT = 45.0
BICEP_FLEXED_TO_RELAXED = 20.0


def natural_waist_height(f: dict[str, float]) -> float:
    """Height of the natural waist: midway between the lowest rib and the iliac crest."""
    return (f["tenthribheight"] + f["iliocristaleheight"]) / 2


def map_row(row: dict[str, str], sex: str) -> dict[str, float]:
    """One ANSUR row → canonical measurements in mm."""
    f = {k: float(v) for k, v in row.items() if k in _COLUMNS}
    waist_height = natural_waist_height(f)
    navel_to_waist = waist_height - f["waistheightomphalion"]
    out = {
        "height": f["stature"],
        "neck": f["neckcircumference"],
        "neck_base": f["neckcircumferencebase"],
        "waist": f["waistcircumference"] - WAIST_NAVEL_TO_NATURAL[sex],
        "seat": f["buttockcircumference"],
        "nape_to_waist": f["waistbacklength"] - navel_to_waist + BACK_LENGTH_OVER_BLADES[sex],
        "shoulder_length": f["shoulderlength"],
        "across_back": f["interscyei"],
        "sleeve_length": f["sleeveoutseam"] + SLEEVE_STRAIGHT_TO_BENT,
        "cb_sleeve_length": f["sleevelengthspinewrist"],
        "bicep": f["bicepscircumferenceflexed"] - BICEP_FLEXED_TO_RELAXED,
        "wrist": f["wristcircumference"],
        "body_rise": f["sittingheight"] - (f["stature"] - waist_height),
        "inseam": f["crotchheight"],
        "outseam": waist_height,
        "thigh": f["thighcircumference"],
        "knee": f["lowerthighcircumference"],
        "ankle": f["anklecircumference"],
        "waist_to_hip": waist_height - f["buttockheight"],
        "crotch_length": f["crotchlengthomphalion"] + 2 * navel_to_waist,
    }
    out["chest" if sex == "male" else "bust"] = f["chestcircumference"]
    return out


_COLUMNS = {
    "stature", "neckcircumference", "neckcircumferencebase", "chestcircumference",
    "waistcircumference", "buttockcircumference", "waistbacklength", "shoulderlength",
    "interscyei", "sleeveoutseam", "bicepscircumferenceflexed", "wristcircumference",
    "waistheightomphalion", "crotchheight", "thighcircumference", "lowerthighcircumference",
    "anklecircumference", "buttockheight", "crotchlengthomphalion", "tenthribheight",
    "iliocristaleheight", "sittingheight", "sleevelengthspinewrist",
}


def read_ansur(path: str | Path, sex: str) -> list[tuple[str, dict[str, float]]]:
    """All subjects of an ANSUR II public CSV as (subject id, measurements in mm).

    The survey's files are Latin-1 (its names hold accented letters), not UTF-8."""
    path = Path(path)
    text = read_bytes(path).decode("latin-1")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if not rows:
        raise MeasurementError("no subjects in the file", Location(str(path), 2),
                               "use the ANSUR II public CSV for men or women")
    id_col = "subjectid" if "subjectid" in rows[0] else "SubjectId"
    missing = sorted((_COLUMNS | {id_col}) - rows[0].keys())
    if missing:
        raise MeasurementError(f"not an ANSUR II file: no column {clip(', '.join(missing))}",
                               Location(str(path), 1), "use the ANSUR II public CSV")
    out = []
    for line, row in enumerate(rows, start=2):
        try:
            out.append((f"ANSUR {clip(row[id_col])}", map_row(row, sex)))
        except (TypeError, ValueError):
            raise MeasurementError("a measurement is not a number", Location(str(path), line),
                                   "use the ANSUR II public CSV as published") from None
    return out


def survey_file(sex: str) -> Path:
    """The ANSUR II public CSV of one sex, shipped in resources/ansur2."""
    return RESOURCES / "ansur2" / SURVEY_FILES[sex]


@cache
def survey_bodies(sex: str) -> tuple[tuple[str, dict[str, float]], ...]:
    """Every subject of one sex, read once (the pattern maker's population check drafts them
    all, again after each edit); the values are shared: copy one before changing it."""
    return tuple(read_ansur(survey_file(sex), sex))
