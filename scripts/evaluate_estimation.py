"""Accuracy of measurement estimation on the 20 % of ANSUR II the model never saw.

For each sex and each estimated measurement: mean absolute error (mm) of
- guessing the population mean,
- a plain least-squares linear fit on the same inputs (fitted on the same 80 %),
- MTM Studio's estimate (the conditioned population model),
for inputs {height, chest} and {height, chest, waist, seat}. Writes docs/estimation.md.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fit_measurement_model import load, split  # noqa: E402

from mtm_app.measurements.estimate import models  # noqa: E402

INPUTS = {"male": [["height", "chest"], ["height", "chest", "waist", "seat"]],
          "female": [["height", "bust"], ["height", "bust", "waist", "seat"]]}


def evaluate(sex: str) -> list[str]:
    names, data = load(sex)
    fit, test = split(len(data))
    model = models()[sex]
    lines = []
    for inputs in INPUTS[sex]:
        idx = [names.index(n) for n in inputs]
        x_fit = np.column_stack([np.ones(len(fit)), data[np.ix_(fit, idx)]])
        x_test = np.column_stack([np.ones(len(test)), data[np.ix_(test, idx)]])
        lines += [f"\n### {sex}, inputs: {', '.join(inputs)}\n",
                  "| measurement | guess the mean | plain linear fit | MTM Studio | ratio to mean-guess "
                  "| MTM Studio, all other measurements entered |",
                  "|---|---|---|---|---|---|"]
        ratios = []
        for j, target in enumerate(names):
            if j in idx:
                continue
            truth = data[test, j]
            mean_guess = np.abs(truth - data[fit, j].mean()).mean()
            coef, *_ = np.linalg.lstsq(x_fit, data[fit, j], rcond=None)
            linear = np.abs(truth - x_test @ coef).mean()
            ours = np.abs(truth - np.array([
                model.condition({n: data[i, k] for n, k in zip(inputs, idx, strict=True)})[target].value
                for i in test])).mean()
            everything = np.abs(truth - np.array([
                model.condition({n: data[i, k] for k, n in enumerate(names) if k != j})[target].value
                for i in test])).mean()
            ratios.append(ours / mean_guess)
            lines.append(f"| {target} | {mean_guess:.1f} | {linear:.1f} | {ours:.1f} | "
                         f"{ours / mean_guess:.2f} | {everything:.1f} |")
        lines.append(f"\nMedian ratio to the mean-guess error: {statistics.median(ratios):.2f}; "
                     f"worst: {max(ratios):.2f}.")
    return lines


def main() -> None:
    text = ["# Estimating missing measurements",
            "",
            "Mean absolute error in mm on the held-out 20 % of ANSUR II (never used for fitting), "
            "by `python scripts/evaluate_estimation.py`. MTM Studio conditions a multivariate "
            "normal population model (by sex) on every measurement entered. The last column is "
            "what a tailor gets who has taken every other measurement: the model uses them all.",
            "",
            "Status against the targets (4 inputs): no measurement is worse than guessing the "
            "mean; the median ratio is 0.66 for men (target ≤ 0.70, met) and 0.73 for women (not "
            "met). With only these 4 inputs the model equals a plain linear fit: quadratic terms, "
            "log space and nearest-neighbour residual corrections were tried on the same split "
            "and gained nothing, nor does a Gaussian-kernel ridge regression on the linear fit's "
            "residuals (`python scripts/nonlinear_check.py`: women 0.733 against 0.731 linear, "
            "men 0.674 against 0.677): the relations are linear, and what remains is individual "
            "variation these four girths and the height do not carry. "
            "The model beats the 4-input linear fit as soon as more measurements are entered (last "
            "column)."]
    for sex in ("male", "female"):
        text += evaluate(sex)
    (ROOT / "docs" / "estimation.md").write_text("\n".join(text) + "\n", encoding="utf-8")
    print("\n".join(text))


if __name__ == "__main__":
    main()
