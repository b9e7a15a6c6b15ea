"""Fit the rational approximation behind float32 gelu (activation_cli/catalog/smooth.py).

    python benchmarks/fit_gelu_float32.py

float32 gelu(x) = max(x, 0) − |x|·Φ(−|x|), and |x|·Φ(−|x|) = w·exp(−w²)·erfcx(w)/√2 with
w = |x|/√2. This script fits erfcx(w)/√2 ≈ K·P(w)/Q(w) (P monic of degree 4, Q monic of
degree 5) on w ∈ [0, W_MAX] minimising the relative error (Loeb's linearised least squares
with Lawson's reweighting towards minimax), then prints the constants to paste into smooth.py
and the fit's max relative error (against scipy's erfcx; tests/test_smooth.py checks the
resulting gelu against mpmath). A float32 ULP is 2^-24 relative ≈ 6e-8: the fit is ~1% of it.
"""
from __future__ import annotations

import math

import numpy as np
from scipy.special import erfcx

W_MAX = 10.75  # |x| = 15.2: beyond |x| ≈ 14.4 float32 gelu(x < 0) rounds to 0
NUMERATOR, DENOMINATOR = 4, 5


def fit(iterations: int = 300):
    w = (1 - np.cos(np.linspace(0, np.pi, 8000))) / 2 * W_MAX  # Chebyshev-spaced
    target = erfcx(w) / math.sqrt(2)
    weights = np.ones_like(w)
    denominator = np.ones_like(w)
    best = None
    for _ in range(iterations):
        # P(w) − target·(Q(w) − 1) = target, with Q(0) = 1, scaled to relative error
        basis = np.hstack([w[:, None] ** np.arange(NUMERATOR + 1),
                           -target[:, None] * w[:, None] ** np.arange(1, DENOMINATOR + 1)])
        scale = np.sqrt(weights) / (target * denominator)
        solution, *_ = np.linalg.lstsq(basis * scale[:, None], target * scale, rcond=None)
        p = solution[:NUMERATOR + 1]
        q = np.concatenate([[1.0], solution[NUMERATOR + 1:]])
        denominator = np.polyval(q[::-1], w)
        error = np.abs(np.polyval(p[::-1], w) / denominator / target - 1)
        if best is None or error.max() < best[0]:
            best = (error.max(), p, q)
        weights *= error / error.mean()
        weights /= weights.sum()
    worst, p, q = best
    return worst, p[-1] / q[-1], p / p[-1], q / q[-1]


def main():
    worst, k, p, q = fit()
    print(f"max relative error of the fit: {worst:.3g}")
    print(f"_GELU32_LOG_K = {math.log(k)!r}")
    print(f"_GELU32_P = {tuple(float(v) for v in p[-2::-1])!r}  # monic, highest first")
    print(f"_GELU32_Q = {tuple(float(v) for v in q[-2::-1])!r}  # monic, highest first")


if __name__ == "__main__":
    main()
