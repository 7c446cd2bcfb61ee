"""Estimate missing measurements from the ones taken, with a prediction interval.

The population model is a multivariate normal fitted on ANSUR II by sex (mean vector and
covariance, resources/measurement_stats.json). Conditioning it on whatever the tailor has
entered gives, for every other measurement, the best linear estimate from *all* entered values
and its standard deviation — so a third, fourth or fifth measurement narrows the estimate
of the rest. Measurements the survey did not take are estimated by the catalogue's rules of
thumb from the model's values.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from mtm_app.datafile import read_yaml
from mtm_app.formula import FormulaContext, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.measurements.catalogue import CANONICAL, RESOURCES, SEXES, catalogue

Z95 = 1.959964  # two-sided 95 % prediction interval
# A tape reading is itself uncertain (ISO 20685 allows a few mm between trained measurers).
# Counting that noise keeps the model sane when given measurements contradict each other:
# body rise is outseam − inseam in the survey, so the three together are otherwise singular.
TAPE_SD = 5.0  # mm
_ALIAS = {"chest": "bust", "bust": "chest"}  # measured alike: fullest level under the arms


@dataclass(frozen=True)
class Estimate:
    value: float  # mm
    sd: float

    @property
    def low(self) -> float:
        return self.value - Z95 * self.sd

    @property
    def high(self) -> float:
        return self.value + Z95 * self.sd


@dataclass(frozen=True)
class PopulationModel:
    sex: str
    names: tuple[str, ...]
    mean: np.ndarray
    cov: np.ndarray

    def _readings_cov(self, k: list[int]) -> np.ndarray:
        """Covariance of tape readings of measurements `k`: the body's, plus the tape's noise."""
        return self.cov[np.ix_(k, k)] + TAPE_SD**2 * np.eye(len(k))

    def index(self, known: dict[str, float]) -> dict[str, float]:
        """The known values under the model's names (a woman's 'chest' is read as her bust)."""
        out = {}
        for name, value in known.items():
            key = name if name in self.names else _ALIAS.get(name)
            if key in self.names and key not in out:
                out[key] = value
        return out

    def condition(self, known: dict[str, float]) -> dict[str, Estimate]:
        """Estimates of every model measurement not in `known`, given all of `known`."""
        given = self.index(known)
        k = [self.names.index(n) for n in given]
        u = [i for i in range(len(self.names)) if i not in k]
        if not k:
            return {self.names[i]: Estimate(float(self.mean[i]), math.sqrt(self.cov[i, i]))
                    for i in u}
        x = np.array(list(given.values()))
        skk = self._readings_cov(k)
        suk = self.cov[np.ix_(u, k)]
        gain = np.linalg.solve(skk, suk.T).T
        mean = self.mean[u] + gain @ (x - self.mean[k])
        cov = self.cov[np.ix_(u, u)] - gain @ suk.T
        sd = np.sqrt(np.maximum(np.diag(cov), 0.0))
        return {self.names[i]: Estimate(float(m), float(s)) for i, m, s in zip(u, mean, sd, strict=True)}

    def leave_one_out(self, known: dict[str, float]) -> dict[str, Estimate]:
        """For each known value, its estimate from all the other known values — what
        `condition` gives with that one left out, for all of them from one matrix inverse.

        With P the inverse of the known values' covariance (tape noise included) and d their
        distance from the mean, a reading given the others has mean x − (Pd)ᵢ/Pᵢᵢ and variance
        1/Pᵢᵢ; the body's own value has that variance less its tape noise.
        """
        given = self.index(known)
        k = [self.names.index(n) for n in given]
        x = np.array(list(given.values()))
        precision = np.linalg.inv(self._readings_cov(k))
        diag = np.diag(precision)
        mean = x - precision @ (x - self.mean[k]) / diag
        sd = np.sqrt(np.maximum(1.0 / diag - TAPE_SD**2, 0.0))
        return {n: Estimate(float(m), float(v)) for n, m, v in zip(given, mean, sd, strict=True)}

    def log_likelihood(self, known: dict[str, float]) -> float:
        given = self.index(known)
        if not given:
            return 0.0
        k = [self.names.index(n) for n in given]
        d = np.array(list(given.values())) - self.mean[k]
        s = self._readings_cov(k)
        return float(-0.5 * (d @ np.linalg.solve(s, d) + np.linalg.slogdet(s)[1]))


@lru_cache(maxsize=1)
def models() -> dict[str, PopulationModel]:
    stats = json.loads((RESOURCES / "measurement_stats.json").read_text("utf-8"))
    return {
        sex: PopulationModel(sex, tuple(s["names"]), np.array(s["mean"]), np.array(s["covariance"]))
        for sex, s in stats["sexes"].items()
    }


@lru_cache(maxsize=1)
def _rules() -> dict[str, dict[str, Any]]:
    texts = read_yaml(RESOURCES / "measurement_catalogue.yaml")
    ctx = FormulaContext({n: Kind.NUMBER for n in CANONICAL})
    return {
        name: {sex: (compile_formula(r["formula"], ctx), float(r["sd"])) for sex, r in t["estimate"].items()}
        for name, t in texts.items() if "estimate" in t
    }


# Evidence of sex: girths, height and shoulder, whose definitions every system shares. Lengths
# hung on the waist (rise, nape to waist, crotch, outseam) move with where a system puts the
# waist, so a chart drafted to another waist would read as the other sex (GOST's men did).
# On ANSUR II these tell 99.3 % of men and 99.2 % of women (all measurements: 99.6 %, 100 %).
SEX_EVIDENCE = ("height", "chest", "bust", "waist", "seat", "neck", "neck_base", "wrist",
                "shoulder_length", "across_back", "bicep")


def likely_sex(known: dict[str, float]) -> str:
    """The sex whose population makes these measurements most likely. Only values some adult
    could have count (a half-girth typed as a neck says nothing about sex)."""
    evidence = {n: v for n, v in known.items() if n in SEX_EVIDENCE and _possible(n, v)}
    return max(SEXES, key=lambda s: models()[s].log_likelihood(evidence or known))


def _possible(name: str, mm: float) -> bool:
    entry = catalogue().get(name)
    band = entry.ranges.get("any") if entry else None
    return band is None or band.hard_min <= mm <= band.hard_max


def estimate_missing(known: dict[str, float], sex: str | None = None) -> dict[str, Estimate]:
    """An estimate for every catalogue measurement not in `known` (values in mm)."""
    model = models()[sex or likely_sex(known)]
    found = model.condition(known)
    values = {**{n: e.value for n, e in found.items()}, **known}
    for name, alias in _ALIAS.items():  # rules may name either; only the sex's own is output
        if name not in values and alias in values:
            values[name] = values[alias]
    for name, by_sex in _rules().items():
        if name in known:
            continue
        formula, sd = by_sex[model.sex]
        found[name] = Estimate(float(formula(values)), sd)
    return {n: found[n] for n in CANONICAL if n in found and n not in known}
