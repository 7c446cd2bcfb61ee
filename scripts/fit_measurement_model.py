"""Fit the measurement statistics MTM Studio ships, from ANSUR II.

Writes resources/measurement_stats.json: per sex, for every canonical measurement ANSUR II
covers, the observed range, the 1st and 99th percentile, and the mean vector and covariance
of all of them (the population model used to estimate missing measurements and to spot
inconsistent ones). Subjects are split 80/20 by a fixed seed; the model is fitted on the 80 %
so docs/estimation.md can report accuracy on the 20 % it never saw.

Usage: python scripts/fit_measurement_model.py
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtm_app.measurements.ansur import SURVEY_FILES, read_ansur, survey_file  # noqa: E402

SEED = 20261123


def folds(n: int, k: int = 5) -> list[np.ndarray]:
    """k disjoint held-out sets covering every subject once, the same on every run.

    The last one is the 20 % the shipped model never saw (see `split`).
    """
    order = np.random.default_rng(SEED).permutation(n)
    cuts = [int(i * n / k) for i in range(k + 1)]
    return [np.sort(order[a:b]) for a, b in pairwise(cuts)]


def split(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the fitting 80 % and the held-out 20 % of the shipped model."""
    test = folds(n)[-1]
    return np.setdiff1d(np.arange(n), test), test


def load(sex: str) -> tuple[list[str], np.ndarray]:
    bodies = read_ansur(survey_file(sex), sex)
    names = list(bodies[0][1])
    return names, np.array([[b[n] for n in names] for _, b in bodies])


def main() -> None:
    out = {"source": "ANSUR II public release (Gordon et al. 2014), mapped by "
                     "mtm_app/measurements/ansur.py; fitted on 80 % of subjects (seed "
                     f"{SEED})", "units": "mm", "sexes": {}}
    for sex in SURVEY_FILES:
        names, data = load(sex)
        fit, _ = split(len(data))
        train = data[fit]
        out["sexes"][sex] = {
            "subjects": len(train),
            "names": names,
            "mean": np.round(train.mean(axis=0), 3).tolist(),
            "covariance": np.round(np.cov(train, rowvar=False), 3).tolist(),
            "ranges": {
                n: {"min": float(data[:, i].min()), "max": float(data[:, i].max()),
                    "p1": float(np.percentile(data[:, i], 1)),
                    "p99": float(np.percentile(data[:, i], 99))}
                for i, n in enumerate(names)
            },
        }
    path = ROOT / "resources" / "measurement_stats.json"
    path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
