"""Is there anything non-linear left to learn from {height, chest/bust, waist, seat}?

Fits a Gaussian-kernel ridge regression on the residuals of the plain linear fit (80 % of ANSUR
II, the same split as the model) and reports, on the held-out 20 %, the median ratio of mean
absolute error to guessing the mean — beside the linear fit's — over a grid of kernel widths
and penalties. Evidence for docs/estimation.md, not part of the app.

Run: python scripts/nonlinear_check.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fit_measurement_model import load, split  # noqa: E402

INPUTS = {"female": ["height", "bust", "waist", "seat"], "male": ["height", "chest", "waist", "seat"]}


def main() -> None:
    for sex, inputs in INPUTS.items():
        names, data = load(sex)
        fit, test = split(len(data))
        idx = [names.index(n) for n in inputs]
        x = data[:, idx]
        z = (x - x[fit].mean(0)) / x[fit].std(0)
        design = np.column_stack([np.ones(len(data)), x])
        results = {}
        for width in (1.0, 1.5, 2.0, 3.0):
            k_fit = np.exp(-((z[fit, None] - z[None, fit]) ** 2).sum(-1) / (2 * width**2))
            k_test = np.exp(-((z[test, None] - z[None, fit]) ** 2).sum(-1) / (2 * width**2))
            for penalty in (1.0, 3.0, 10.0):
                kernel, linear = [], []
                for j in (j for j in range(len(names)) if j not in idx):
                    y, truth = data[fit, j], data[test, j]
                    guess = np.abs(truth - y.mean()).mean()
                    coef, *_ = np.linalg.lstsq(design[fit], y, rcond=None)
                    alpha = np.linalg.solve(k_fit + penalty * np.eye(len(fit)), y - design[fit] @ coef)
                    kernel.append(np.abs(truth - design[test] @ coef - k_test @ alpha).mean() / guess)
                    linear.append(np.abs(truth - design[test] @ coef).mean() / guess)
                results[(width, penalty)] = (statistics.median(kernel), statistics.median(linear))
        (width, penalty), (best, plain) = min(results.items(), key=lambda kv: kv[1][0])
        print(f"{sex}: best kernel correction (width {width}, penalty {penalty}) median ratio "
              f"{best:.3f}; plain linear fit {plain:.3f}")


if __name__ == "__main__":
    main()
