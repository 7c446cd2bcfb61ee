"""Map ANSUR II survey rows to tailoring measurements (mm).

ANSUR measures some things differently from a tailor; the corrections here follow the
survey's definitions (Gordon et al. 2014) and the trade's:
- waist circumference and waist back length are taken at the navel; the natural waist is
  higher and narrower: men −25 mm girth, women −65 mm; back length −70 mm for both;
- neck is taken at the larynx (a collar measure); neck base is the neckline;
- sleeve outseam runs shoulder point → wrist, which is a tailor's sleeve length;
- biceps are measured flexed; relaxed is about 20 mm less;
- interscye I (across the back between the armpit folds) stands in for across back;
- body rise ≈ navel height − crotch height;
- waist to hip: navel to buttock height, plus the same 70 mm from navel to natural waist;
- crotch length is taken navel to navel through the crotch, about where trousers sit.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mtm_app.datafile import clip, read_bytes
from mtm_app.errors import Location, MeasurementError

WAIST_NAVEL_TO_NATURAL = {"male": 25.0, "female": 65.0}
BACK_LENGTH_NAVEL_TO_NATURAL = 70.0
BICEP_FLEXED_TO_RELAXED = 20.0


def map_row(row: dict[str, str], sex: str) -> dict[str, float]:
    """One ANSUR row → canonical measurements in mm."""
    f = {k: float(v) for k, v in row.items() if k in _COLUMNS}
    waist = f["waistcircumference"] - WAIST_NAVEL_TO_NATURAL[sex]
    out = {
        "height": f["stature"],
        "neck": f["neckcircumference"],
        "neck_base": f["neckcircumferencebase"],
        "waist": waist,
        "seat": f["buttockcircumference"],
        "nape_to_waist": f["waistbacklength"] - BACK_LENGTH_NAVEL_TO_NATURAL,
        "shoulder_length": f["shoulderlength"],
        "across_back": f["interscyei"],
        "sleeve_length": f["sleeveoutseam"],
        "bicep": f["bicepscircumferenceflexed"] - BICEP_FLEXED_TO_RELAXED,
        "wrist": f["wristcircumference"],
        "body_rise": f["waistheightomphalion"] - f["crotchheight"],
        "inseam": f["crotchheight"],
        "outseam": f["waistheightomphalion"],
        "thigh": f["thighcircumference"],
        "knee": f["lowerthighcircumference"],
        "ankle": f["anklecircumference"],
        "waist_to_hip": f["waistheightomphalion"] - f["buttockheight"]
        + BACK_LENGTH_NAVEL_TO_NATURAL,
        "crotch_length": f["crotchlengthomphalion"],
    }
    out["chest" if sex == "male" else "bust"] = f["chestcircumference"]
    return out


_COLUMNS = {
    "stature", "neckcircumference", "neckcircumferencebase", "chestcircumference",
    "waistcircumference", "buttockcircumference", "waistbacklength", "shoulderlength",
    "interscyei", "sleeveoutseam", "bicepscircumferenceflexed", "wristcircumference",
    "waistheightomphalion", "crotchheight", "thighcircumference", "lowerthighcircumference",
    "anklecircumference", "buttockheight", "crotchlengthomphalion",
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
