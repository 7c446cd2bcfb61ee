"""Write ANSUR II subjects as a bodies CSV (canonical names, cm) for `mtm check`.

Usage: python scripts/ansur_bodies.py male|female OUT.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtm_app.measurements.ansur import read_ansur, survey_file  # noqa: E402


def main(sex: str, out: str) -> None:
    bodies = read_ansur(survey_file(sex), sex)
    names = list(bodies[0][1])
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", *names])
        for ident, values in bodies:
            writer.writerow([ident, *(f"{values[n] / 10:.1f}" for n in names)])


if __name__ == "__main__":
    main(*sys.argv[1:3])
