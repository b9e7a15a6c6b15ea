"""Accuracy of silu′, mish′, gelu′ (and gelu) where f′ is small, beside torch's autograd.

    python benchmarks/derivative_roots.py [--points N]

Issue 10 item 3: around the minimum of f′ (f″ = 0, well conditioned: the target is 4 ULP) and
around the root of f′ (ill conditioned: the target is to be at least as accurate as torch).
For each window and dtype: the max ULP error and the max absolute error against mpmath
(tests/references, 256 bits) of actv's f′ and, when torch is installed (never a dependency),
of torch's autograd gradient of F.silu / F.mish / F.gelu; then the single points the issue
quotes. torch runs on CPU, in the same dtype.
"""
from __future__ import annotations

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

import mpmath  # noqa: E402

from activation_cli import get  # noqa: E402
from references import DERIVATIVES, REFERENCES  # noqa: E402
from ulp import ulp_error  # noqa: E402

ROOTS = {"silu": -1.2784645427610737, "mish": -1.1924312145154952, "gelu": -0.7517915246935645}
MINIMA = {"silu": -2.3994, "mish": -2.2413, "gelu": -1.4142}
POINTS = [  # the quotes: (name, derivative?, x, dtype)
    ("mish", True, -2.2413, np.float64), ("gelu", True, -1.2735, np.float64),
    ("silu", True, -2.3151, np.float32), ("gelu", False, -1.3363, np.float64),
    ("silu", True, -1.27617, np.float32), ("mish", True, -1.19074, np.float64),
    ("mish", True, -1.19074, np.float32), ("gelu", True, -0.75146, np.float64),
    ("gelu", True, -0.75146, np.float32),
]


def torch_values(name, derivative, xs, dtype):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return None
    function = {"silu": F.silu, "mish": F.mish, "gelu": F.gelu}[name]
    t = torch.tensor(xs, dtype=torch.float32 if dtype == np.float32 else torch.float64,
                     requires_grad=derivative)
    if not derivative:
        return function(t).detach().numpy()
    function(t).sum().backward()
    return t.grad.numpy()


def errors(values, xs, references, dtype):
    ulps = [ulp_error(v, r, dtype) for v, r in zip(values.tolist(), references)]
    absolute = [float(abs(mpmath.mpf(float(v)) - r)) for v, r in zip(values.tolist(), references)]
    return max(ulps), max(absolute)


def window(name, derivative, centre, width, points, dtype):
    xs = np.linspace(centre - width, centre + width, points).astype(dtype)
    table = DERIVATIVES if derivative else REFERENCES
    references = [table[name](mpmath.mpf(float(x))) for x in xs]
    entry = get(name)
    ours = errors((entry.derivative if derivative else entry)(xs), xs, references, dtype)
    peer = torch_values(name, derivative, xs, dtype)
    theirs = None if peer is None else errors(peer, xs, references, dtype)
    return ours, theirs


def fmt(pair):
    return "—" if pair is None else f"{pair[0]:10.3g} ULP {pair[1]:9.2g} abs"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2001)
    args = parser.parse_args(argv)
    print(f"{'f′ window':<34}{'dtype':<9}{'actv':>28}   {'torch':>28}")
    for name in ("silu", "mish", "gelu"):
        for label, centre, width in (("minimum", MINIMA[name], 0.3), ("root ±0.05", ROOTS[name], 0.05),
                                     ("root ±1e-3", ROOTS[name], 1e-3)):
            for dtype in (np.float32, np.float64):
                ours, theirs = window(name, True, centre, width, args.points, dtype)
                print(f"{name}′ {label} ({centre:+.4f})".ljust(34) + f"{np.dtype(dtype).name:<9}"
                      f"{fmt(ours):>28}   {fmt(theirs):>28}", flush=True)
    print("\nthe issue's points")
    for name, derivative, x, dtype in POINTS:
        ours, theirs = window(name, derivative, x, 0, 1, dtype)
        label = f"{name}{'′' if derivative else ''}({x})"
        print(f"{label:<34}{np.dtype(dtype).name:<9}{fmt(ours):>28}   {fmt(theirs):>28}", flush=True)


if __name__ == "__main__":
    main()
