"""Taylor tables behind float64 gelu and gelu′ on [−3, 0) (activation_cli/catalog/smooth.py).

    python benchmarks/fit_gelu_float64.py

On x = −t, t ∈ (0, 3], exact GELU and its derivative are written with the Mills ratio
m(t) = Φ(−t)/φ(t) (smooth, 1.25 → 0.28):
    gelu(x) = −t·φ(t)·m(t),    gelu′(x) = φ(t)·(m(t) − t) = φ(t)·(r − t)·H(t),
where r ≈ 0.7518 is the root of m(t) = t (gelu′'s root at x = −r) and H = (m − t)/(r − t) is
smooth and positive. Factoring the root out makes gelu′ accurate to a few ULP right up to its
root (Φ + x·φ cancels there), and neither needs scipy's erfc/erfcx (up to 9.5 and 5.5 ULP off
near t ≈ 1.3). This script prints, for four intervals of width 0.75, the Taylor coefficients
of m/√(2π) and H/√(2π) about each centre (mpmath, 200 bits; m's from its ODE m′ = t·m − 1,
H's by series division; the constant folded in saves a rounding), cut where the next term is
below 2^-60 of the value, and r as a double-double.
"""
from __future__ import annotations

import mpmath

mpmath.mp.prec = 200
WIDTH = 0.75  # four intervals on [0, 3]: degree ≤ 19 each
CENTRES = tuple(WIDTH * (k + 0.5) for k in range(4))
HALF_WIDTH = mpmath.mpf(WIDTH) / 2
TERMS = 24


def mills(t):
    return mpmath.ncdf(-t) / mpmath.npdf(t)


def mills_series(c):
    """Taylor coefficients of m about c from m′ = t·m − 1: (k+1)a_{k+1} = c·a_k + a_{k−1} − [k = 0]."""
    a = [mills(c)]
    a.append(c * a[0] - 1)
    for k in range(1, TERMS):
        a.append((c * a[k] + a[k - 1]) / (k + 1))
    return a


def cut(coefficients, scale):
    """Drop the terms whose contribution at |u| = HALF_WIDTH is below 2^-60 of ``scale``."""
    keep = len(coefficients)
    while abs(coefficients[keep - 1]) * HALF_WIDTH ** (keep - 1) < mpmath.mpf(2) ** -60 * scale:
        keep -= 1
    return [float(v) for v in coefficients[:keep]]


def print_rows(table):
    """Each row as a tuple, four numbers a line (the source stays within 120 columns)."""
    for row in table:
        numbers = [repr(v) for v in row]
        lines = [", ".join(numbers[i:i + 4]) for i in range(0, len(numbers), 4)]
        print("    (" + ",\n     ".join(lines) + "),")
    print(")")


def main():
    root = mpmath.findroot(lambda t: mills(t) - t, 0.75)
    high = float(root)
    print(f"_GELU_ROOT = ({high!r}, {float(root - high)!r})  # r = high + low: m(r) = r")
    m_table, h_table = [], []
    for centre in CENTRES:
        c = mpmath.mpf(centre)
        a = mills_series(c)
        b = [a[0] - c, a[1] - 1] + a[2:]  # g = m − t
        rho = root - c
        h = []
        for k, bk in enumerate(b):  # g = (ρ − u)·H  ⇒  h_k = (b_k + h_{k−1})/ρ
            h.append((bk + (h[k - 1] if k else 0)) / rho)
        scale = 1 / mpmath.sqrt(2 * mpmath.pi)
        a = [v * scale for v in a]
        h = [v * scale for v in h]
        edge = min(mills(c + HALF_WIDTH), mills(c - HALF_WIDTH)) * scale
        m_table.append(cut(a, edge))
        h_table.append(cut(h, min(abs(v) for v in (h[0], sum(hk * HALF_WIDTH ** k for k, hk in enumerate(h))))))
    print(f"_GELU_INTERVAL = {WIDTH!r}")
    print(f"_GELU_CENTRES = np.array({CENTRES!r})")
    print("_GELU_MILLS = (  # Taylor coefficients of m(t)/√(2π) about each centre, lowest first")
    print_rows(m_table)
    print("_GELU_SLOPE = (  # Taylor coefficients of H(t)/√(2π), H = (m(t) − t)/(r − t)")
    print_rows(h_table)


if __name__ == "__main__":
    main()
