"""Accuracy of every catalog function against its mpmath reference, with the peers beside it.

    python benchmarks/accuracy.py [--points N] [--seed S] [--only NAME ...] [--derivative]

For each function that has a reference in tests/references, and each dtype (float32,
float64): the max and 99th-percentile ULP error on a fixed seeded sample of the finite
range (dense near 0 and at the overflow/underflow transitions, log-spaced magnitudes up
to the dtype's max, both signs, subnormals), and max err/(1 + κ) where κ = |x·f'(x)/f(x)|
is the condition number (from tests/references' derivative references). Where installed,
the same numbers for scipy.special (expit, log_expit, softmax, log_softmax, and the
erf-based GELU numpy users write) and torch.nn.functional, run in the same dtype.
For vector functions κᵢ = Σⱼ |xⱼ·∂fᵢ/∂xⱼ| / |fᵢ| (from the Jacobian, in float64).
Marks (the issue's targets: ≤ 4 ULP everywhere, better than torch wherever torch is worse):
MISS = ours > 4 ULP (for ill-conditioned functions: err/(1+κ) > 4), or torch misses the
target and ours is no better, or a numpy warning (overflow/invalid/divide) on the sample.
"torch tighter" notes rows where both meet the target and torch's max is lower by > 0.05.
Vector functions are evaluated on whole vectors (rows of length 8).
"""
from __future__ import annotations

import argparse
import math
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

import mpmath  # noqa: E402

from activation_cli import get, names  # noqa: E402
from references import DERIVATIVES, REFERENCES  # noqa: E402
from ulp import ulp_error  # noqa: E402

# judged on err/(1 + κ): gelu's negative tail has κ ≈ x²; sparsemax's small outputs are
# differences zᵢ − τ of nearly equal numbers
ILL_CONDITIONED = {"gelu", "sparsemax"}
TARGET = 4.0
NOISE = 0.05  # ULP: differences below this are double rounding, not a worse method
ROW = 8


def sample(dtype, points: int, seed: int) -> np.ndarray:
    """A fixed sample of the finite range of ``dtype``."""
    rng = np.random.default_rng(seed)
    info = np.finfo(dtype)
    top = math.log10(float(info.max))
    bottom = math.log10(float(info.smallest_subnormal))
    n = points
    sign = lambda k: rng.choice([-1.0, 1.0], k)  # noqa: E731
    zones = [1, 3, 20, 37, 88.7, 104, 709.8, 745.2]
    parts = [
        rng.uniform(-8, 8, n * 3 // 10),
        rng.uniform(-60, 60, n // 10),
        sign(n // 10) * np.repeat(zones, n // 10 // len(zones) + 1)[: n // 10] * rng.uniform(0.97, 1.03, n // 10),
        sign(n * 4 // 10) * 10.0 ** rng.uniform(bottom + 3, top, n * 4 // 10),
        sign(n // 20) * float(info.smallest_subnormal) * rng.integers(1, 2**20, n // 20),
        [0.0, float(info.max), -float(info.max), float(info.smallest_normal), -float(info.smallest_normal)],
    ]
    xs = np.concatenate([np.asarray(p, dtype=np.float64) for p in parts])
    xs = xs[np.abs(xs) <= float(info.max)].astype(dtype)
    return xs[np.isfinite(xs)]


def defaults(entry) -> dict:
    return {p.name: (0.5 if p.required else p.default) for p in entry.params}


def reference_values(name, xs, params, vector):
    ref = REFERENCES[name]
    if vector:  # one vector at a time: the reference has no axis
        params = {k: v for k, v in params.items() if k != "axis"}
        return [ref([mpmath.mpf(float(v)) for v in row], **params) for row in xs]
    return [ref(mpmath.mpf(float(v)), **params) for v in xs]


def errors(computed, refs, dtype, vector):
    if vector:
        return np.array([ulp_error(c, r, dtype) for row_c, row_r in zip(computed, refs)
                         for c, r in zip(np.ravel(row_c), row_r)])
    return np.array([ulp_error(c, r, dtype) for c, r in zip(computed, refs)])


def conditioned(name, xs, refs, errs, params):
    """max err/(1 + κ), κ = |x f'(x) / f(x)| from the derivative reference."""
    if name not in DERIVATIVES:
        return None
    worst = 0.0
    for x, r, e in zip(xs, refs, errs):
        x = mpmath.mpf(float(x))
        kappa = 0.0 if r == 0 else float(abs(x * DERIVATIVES[name](x, **params) / r))
        worst = max(worst, e / (1 + kappa))
    return worst


def vector_conditioned(entry, xs, errs, params):
    """max err/(1 + κᵢ), κᵢ = Σⱼ |xⱼ ∂fᵢ/∂xⱼ| / |fᵢ|, from the float64 Jacobian."""
    x = np.asarray(xs, dtype=np.float64)
    with np.errstate(all="ignore"):
        value = entry(x, **params)
        jacobian = entry.derivative(x, **params)
        spread = np.abs(jacobian * x[..., None, :]).sum(axis=-1)
        kappa = np.where(value == 0, 0.0, spread / np.abs(value))
    kappa = np.nan_to_num(kappa, nan=0.0, posinf=np.inf).ravel()
    return float(np.max(errs / (1 + kappa)))


# -- peers ----------------------------------------------------------------------------------

def scipy_peers():
    try:
        from scipy import special
    except ImportError:
        return {}

    def erf_gelu(x, **_):
        return 0.5 * x * (1 + special.erf(x / np.sqrt(2).astype(x.dtype)))

    return {
        "sigmoid": lambda x, **_: special.expit(x),
        "log_sigmoid": lambda x, **_: special.log_expit(x),
        "softmax": lambda x, axis=-1, **_: special.softmax(x, axis=axis),
        "log_softmax": lambda x, axis=-1, **_: special.log_softmax(x, axis=axis),
        "gelu": erf_gelu,
    }


def torch_peers(derivative=False):
    """torch.nn.functional's version of each function (its autograd derivative if asked)."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return {}
    torch.set_num_threads(1)

    def call(fn):
        def run(x, **params):
            t = torch.from_numpy(np.ascontiguousarray(x))
            if not derivative:
                with torch.no_grad():
                    return fn(t, **params).numpy()
            t.requires_grad_(True)
            y = fn(t, **params)
            y.backward(torch.ones_like(y))
            return t.grad.numpy()
        return run

    p = lambda d, *keys: {k: d[k] for k in keys if k in d}  # noqa: E731
    # One-parameter functions: torch takes our default value positionally, whatever we name it.
    first = lambda d, default: next(iter(d.values()), default)  # noqa: E731
    return {
        "linear": call(lambda t, **_: t.clone()),
        "relu": call(lambda t, **_: F.relu(t)),
        "leaky_relu": call(lambda t, **k: F.leaky_relu(t, first(k, 0.01))),
        "relu6": call(lambda t, **_: F.relu6(t)),
        "prelu": call(lambda t, **k: F.prelu(t, torch.tensor([first(k, 0.25)], dtype=t.dtype))),
        "rrelu": call(lambda t, lower=1 / 8, upper=1 / 3, **_: F.rrelu(t, lower, upper, training=False)),
        "threshold": call(lambda t, threshold=0.5, value=0.5, **_: F.threshold(t, threshold, value)),
        "elu": call(lambda t, **k: F.elu(t, **p(k, "alpha"))),
        "celu": call(lambda t, **k: F.celu(t, **p(k, "alpha"))),
        "selu": call(lambda t, **_: F.selu(t)),
        "gelu": call(lambda t, approximate="none", **_: F.gelu(t, approximate=approximate)),
        "silu": call(lambda t, **_: F.silu(t)),
        "mish": call(lambda t, **_: F.mish(t)),
        "hard_silu": call(lambda t, **_: F.hardswish(t)),
        "sigmoid": call(lambda t, **_: torch.sigmoid(t)),
        "hard_sigmoid": call(lambda t, **_: F.hardsigmoid(t)),
        "log_sigmoid": call(lambda t, **_: F.logsigmoid(t)),
        "tanh": call(lambda t, **_: torch.tanh(t)),
        "hard_tanh": call(lambda t, **_: F.hardtanh(t)),
        "softsign": call(lambda t, **_: F.softsign(t)),
        "softplus": call(lambda t, beta=1.0, **_: F.softplus(t, beta=beta)),
        "tanh_shrink": call(lambda t, **_: F.tanhshrink(t)),
        "hard_shrink": call(lambda t, **k: F.hardshrink(t, first(k, 0.5))),
        "soft_shrink": call(lambda t, **k: F.softshrink(t, first(k, 0.5))),
        "exponential": call(lambda t, **_: torch.exp(t)),
        "softmax": call(lambda t, axis=-1, **_: F.softmax(t, dim=axis)),
        "log_softmax": call(lambda t, axis=-1, **_: F.log_softmax(t, dim=axis)),
        "softmin": call(lambda t, axis=-1, **_: F.softmin(t, dim=axis)),
        "glu": call(lambda t, axis=-1, **_: F.glu(t, dim=axis)),
    }


def peer_errors(fn, xs, refs, dtype, vector, params):
    try:
        with np.errstate(all="ignore"):
            out = fn(xs, **params)
    except Exception:  # a peer that cannot take these inputs or parameters is not compared
        return None
    return errors(out, refs, dtype, vector)


def fmt(value) -> str:
    if value is None:
        return "—"
    if not math.isfinite(value):
        return "inf"
    return f"{value:.3g}" if value < 1e4 else f"{value:.2e}"


def derivative_table(args) -> int:
    """max and p99 ULP error of f' (no marks: near a root of f' no method has a relative bound)."""
    torch_fns = torch_peers(derivative=True)
    header = ["function", "dtype", "max", "p99"] + (["torch max", "torch p99"] if torch_fns else [])
    rows = []
    for name in names():
        entry = get(name)
        if name not in DERIVATIVES or entry.vector or (args.only and name not in args.only):
            continue
        params = defaults(entry)
        for dtype in (np.float32, np.float64):
            xs = sample(dtype, args.points, args.seed)
            refs = [DERIVATIVES[name](mpmath.mpf(float(v)), **params) for v in xs]
            ours = errors(entry.derivative(xs, **params), refs, dtype, False)
            row = [name, np.dtype(dtype).name, fmt(ours.max()), fmt(np.percentile(ours, 99))]
            if torch_fns:
                errs = None if name not in torch_fns else peer_errors(torch_fns[name], xs, refs, dtype, False, params)
                row += ["—", "—"] if errs is None else [fmt(errs.max()), fmt(np.percentile(errs, 99))]
            rows.append(row)
    print_table(header, rows)
    print("\nNear a root of f' (gelu −0.75, silu −1.28, mish −1.19) the relative error of any float "
          "evaluation is unbounded; tests/test_smooth.py checks f' by mixed forward-backward error.")
    return 0


def print_table(header, rows) -> None:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    print(line(header))
    print(line(["-" * w for w in widths]))
    for row in rows:
        print(line(row))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--derivative", action="store_true",
                        help="element-wise derivatives against tests/references' DERIVATIVES (torch: autograd)")
    args = parser.parse_args()
    if args.derivative:
        return derivative_table(args)
    peers = {"scipy": scipy_peers(), "torch": torch_peers()}
    installed = [peer for peer, table in peers.items() if table]
    start = time.perf_counter()
    header = ["function", "dtype", "max", "p99", "max/(1+κ)"]
    for peer in installed:
        header += [f"{peer} max", f"{peer} p99"]
    header.append("mark")
    rows = []
    misses = 0
    for name in names():
        if name not in REFERENCES or (args.only and name not in args.only):
            continue
        entry = get(name)
        params = defaults(entry)
        for dtype in (np.float32, np.float64):
            xs = sample(dtype, args.points, args.seed)
            if entry.vector:
                xs = xs[: xs.size // ROW * ROW].reshape(-1, ROW)
                xs = xs / np.maximum(1, np.abs(xs).max(axis=1, keepdims=True) / 50).astype(dtype) \
                    if name == "glu" else xs
            try:
                refs = reference_values(name, xs, params, entry.vector)
            except Exception as error:  # a reference that cannot take these parameters: say so, go on
                rows.append([name, np.dtype(dtype).name, f"reference failed: {error}"] + [""] * (len(header) - 3))
                continue
            warned = False
            try:
                with np.errstate(all="raise", under="ignore"):
                    computed = entry(xs, **params)
            except FloatingPointError:  # a numpy warning on finite input is itself a missed target
                warned = True
                with np.errstate(all="ignore"):
                    computed = entry(xs, **params)
            ours = errors(computed, refs, dtype, entry.vector)
            kappa = (vector_conditioned(entry, xs, ours, params) if entry.vector
                     else conditioned(name, xs, refs, ours, params))
            row = [name, np.dtype(dtype).name, fmt(ours.max()), fmt(np.percentile(ours, 99)), fmt(kappa)]
            torch_max = None
            for peer in installed:
                fn = peers[peer].get(name)
                errs = None if fn is None else peer_errors(fn, xs, refs, dtype, entry.vector, params)
                row += ["—", "—"] if errs is None else [fmt(errs.max()), fmt(np.percentile(errs, 99))]
                if peer == "torch" and errs is not None:
                    torch_max = errs.max()
            judged = kappa if (name in ILL_CONDITIONED and kappa is not None) else ours.max()
            marks = []
            if warned:
                marks.append("MISS numpy warning")
            if judged > TARGET:
                marks.append("MISS >4 ULP")
            if torch_max is not None and torch_max > TARGET and ours.max() >= torch_max:
                marks.append("MISS no better than torch")
            elif torch_max is not None and ours.max() > torch_max + NOISE:
                marks.append("torch tighter")
            misses += any(mark.startswith("MISS") for mark in marks)
            rows.append(row + [", ".join(marks) or "ok"])
    print_table(header, rows)
    print(f"\n{len(rows)} rows, {misses} missed; sample: {args.points} points per dtype, seed {args.seed}; "
          f"peers: {', '.join(installed) or 'none installed'}; {time.perf_counter() - start:.0f} s")
    if "gelu" in [r[0] for r in rows]:
        print("gelu and sparsemax: judged on max/(1+κ) (gelu: κ ≈ x² in the negative tail); scipy's gelu "
              "column is 0.5·x·(1 + erf(x/√2)).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
