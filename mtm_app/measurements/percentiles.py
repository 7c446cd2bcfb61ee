"""Percentile bodies: the small, middle and large man and woman of the survey, to draft for.

A block is tried on more than the median body: sizing practice checks it at the 2nd and 98th
percentile too. A body whose every measurement sits at its own 98th percentile exists nowhere
(the tallest are not the widest), so the percentile is taken on the two measurements a garment
is sized by — height and chest (a woman's bust, measured alike) — and every other measurement
is the one the ANSUR II model expects with those two (`estimate.estimate_missing`).
Girths lean to the large side (a few wide bodies, none very narrow), so each percentile is read
from a log-normal with the model's mean and spread: within 1.2 cm of the survey's own
percentiles where a normal misses the 98th bust by 2.3 cm.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from mtm_app.measurements.estimate import estimate_missing, models

PERCENTILES = (2, 50, 98)
GIRTH = {"male": "chest", "female": "bust"}  # measured alike, named by the sex


def percentile_body(sex: str, percentile: float) -> dict[str, float]:
    """Measurements (mm) of the `sex`'s body at `percentile` (0–100, exclusive) of height and
    chest girth."""
    if not 0 < percentile < 100:
        raise ValueError(f"a percentile lies between 0 and 100, not {percentile}")
    model = models()[sex]
    z = NormalDist().inv_cdf(percentile / 100)
    known = {}
    for name in ("height", GIRTH[sex]):
        i = model.names.index(name)
        mean, spread = float(model.mean[i]), float(model.cov[i, i])
        log_var = math.log(1 + spread / mean**2)
        known[name] = math.exp(math.log(mean) - log_var / 2 + z * math.sqrt(log_var))
    return {**{n: e.value for n, e in estimate_missing(known, sex).items()}, **known}
