"""Throughput of every catalog function, and its ratio to the fastest peer, single thread.

    python benchmarks/throughput.py [--sizes 1e3,1e5,1e7] [--names relu,softmax] [--dtypes float32]
                                    [--repeats 5] [--overhead]

For each function (activation_cli.names(), so every family on the branch), dtype and size:
nanoseconds per element and millions of elements per second of ``get(name)(x)`` with the
default parameters (required ones get a sample value), the median of ``--repeats`` timings;
and, where scipy.special or torch (torch.nn.functional, 1 thread) have the function, the
ratio ours / fastest peer. Float32 ratios above 2 are flagged with "!". Vector functions run
along the last axis of rows of 1000 values. torch is optional: without it only scipy is compared.
``--overhead`` adds the cost of the call wrapper (checks, conversion, errstate) per call: the
fastest call through ``get(name)`` minus the fastest call of the bare kernel, in CPU time.
"""
from __future__ import annotations

import os

# One thread everywhere, set before numpy/torch load their thread pools.
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import functools  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from activation_cli import get, names  # noqa: E402

ROW = 1000  # vector functions: rows of this many values
FLAG_RATIO = 2.0


def scipy_peers():
    """name -> {label: f(numpy array) -> array}."""
    try:
        from scipy import special
    except ImportError:
        return {}
    return {
        "sigmoid": {"scipy.special.expit": special.expit},
        "log_sigmoid": {"scipy.special.log_expit": special.log_expit},
        "gelu": {"scipy x·special.ndtr(x)": lambda x: x * special.ndtr(x)},
        "softmax": {"scipy.special.softmax": lambda x: special.softmax(x, axis=-1)},
        "log_softmax": {"scipy.special.log_softmax": lambda x: special.log_softmax(x, axis=-1)},
    }


def torch_peers():
    """name -> {label: f(torch tensor) -> tensor}, with torch's defaults matching ours."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return {}, None
    torch.set_num_threads(1)
    slope = {}

    def prelu(t):
        weight = slope.setdefault(t.dtype, torch.tensor([0.25], dtype=t.dtype))
        return F.prelu(t, weight)

    table = {
        "relu": ("F.relu", F.relu), "leaky_relu": ("F.leaky_relu", F.leaky_relu),
        "prelu": ("F.prelu", prelu), "rrelu": ("F.rrelu(training=False)", lambda t: F.rrelu(t, training=False)),
        "relu6": ("F.relu6", F.relu6), "hard_sigmoid": ("F.hardsigmoid", F.hardsigmoid),
        "hard_tanh": ("F.hardtanh", F.hardtanh), "hard_silu": ("F.hardswish", F.hardswish),
        "hard_shrink": ("F.hardshrink", F.hardshrink), "soft_shrink": ("F.softshrink", F.softshrink),
        "threshold": ("F.threshold", lambda t: F.threshold(t, 0.5, 0.5)),
        "elu": ("F.elu", F.elu), "celu": ("F.celu", F.celu), "selu": ("F.selu", F.selu),
        "gelu": ("F.gelu", F.gelu), "silu": ("F.silu", F.silu), "mish": ("F.mish", F.mish),
        "sigmoid": ("torch.sigmoid", torch.sigmoid), "log_sigmoid": ("F.logsigmoid", F.logsigmoid),
        "tanh": ("torch.tanh", torch.tanh), "softsign": ("F.softsign", F.softsign),
        "softplus": ("F.softplus", F.softplus), "tanh_shrink": ("F.tanhshrink", F.tanhshrink),
        "exponential": ("torch.exp", torch.exp),
        "softmax": ("F.softmax", lambda t: F.softmax(t, dim=-1)),
        "log_softmax": ("F.log_softmax", lambda t: F.log_softmax(t, dim=-1)),
        "softmin": ("F.softmin", lambda t: F.softmin(t, dim=-1)),
        "glu": ("F.glu", lambda t: F.glu(t, dim=-1)),
    }
    return {name: {f"torch {label}": f} for name, (label, f) in table.items()}, torch


def per_call(function, argument, repeats, statistic=statistics.median, clock=time.perf_counter):
    """Median (``statistic``) seconds per call over ``repeats``; enough calls per repeat to last ~20 ms."""
    function(argument)  # warm up (first-call allocations, lazy imports)
    start = clock()
    function(argument)
    once = max(clock() - start, 1e-7)
    loops = max(1, int(0.02 / once))
    timings = []
    for _ in range(repeats):
        start = clock()
        for _ in range(loops):
            function(argument)
        timings.append((clock() - start) / loops)
    return statistic(timings)


def overhead(entry, params, x, repeats):
    """Seconds per call of the wrapper: get(name)(x) minus its bare kernel, each the fastest of
    3 × ``repeats`` alternating timings in CPU time of this thread (a difference of two small
    times, robust to other processes on the machine)."""
    kernel = functools.partial(entry.function, **entry.resolve(params))
    wrapped, bare = [], []
    for _ in range(3):
        wrapped.append(per_call(lambda a: entry(a, **params), x, repeats, min, time.thread_time))
        bare.append(per_call(kernel, x, repeats, min, time.thread_time))
    return min(wrapped) - min(bare)


def sample(entry, size, dtype):
    rng = np.random.default_rng(0)
    x = (rng.standard_normal(size) * 4).astype(dtype)
    if entry.vector:
        x = x.reshape(-1, min(size, ROW))
    return x


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1e3,1e5,1e7", help="comma-separated element counts")
    parser.add_argument("--names", default="", help="comma-separated functions (default: all)")
    parser.add_argument("--dtypes", default="float32,float64")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-peers", action="store_true", help="time actv only")
    parser.add_argument("--overhead", action="store_true",
                        help="also the wrapper's cost per call: get(name)(x) minus its bare kernel")
    args = parser.parse_args(argv)
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    chosen = [get(n).name for n in args.names.split(",") if n] or names()
    dtypes = [np.dtype(d).type for d in args.dtypes.split(",")]
    peers = {} if args.no_peers else scipy_peers()
    torch_table, torch = ({}, None) if args.no_peers else torch_peers()
    for name, table in torch_table.items():
        peers.setdefault(name, {}).update(table)

    print(f"numpy {np.__version__}" + (f", torch {torch.__version__} (1 thread)" if torch else ", no torch")
          + f"; median of {args.repeats}; vector functions on rows of {ROW}; '!' = float32 ratio > {FLAG_RATIO:g}")
    header = f"{'function':<15}{'dtype':<9}{'size':>6}{'ns/elem':>10}{'Melem/s':>10}  {'fastest peer':<28}{'ratio':>7}"
    print(header)
    print("-" * len(header))
    flagged = []
    for name in chosen:
        entry = get(name)
        params = {p.name: 0.5 for p in entry.params if p.required}
        for dtype in dtypes:
            for size in sizes:
                x = sample(entry, size, dtype)
                ours = per_call(lambda a: entry(a, **params), x, args.repeats)
                best_label, best = "—", None
                for label, function in peers.get(name, {}).items():
                    argument = torch.from_numpy(x) if label.startswith("torch") else x
                    seconds = per_call(function, argument, args.repeats)
                    if best is None or seconds < best:
                        best_label, best = label, seconds
                ratio = "" if best is None else f"{ours / best:7.2f}"
                if args.overhead:
                    ratio += f"  wrapper {overhead(entry, params, x, args.repeats) * 1e9:6.0f} ns/call"
                flag = ""
                if best is not None and dtype == np.float32 and ours / best > FLAG_RATIO:
                    flag = " !"
                    flagged.append(f"{name} float32 1e{int(np.log10(size))}")
                print(f"{name:<15}{np.dtype(dtype).name:<9}{f'1e{int(np.log10(size))}':>6}"
                      f"{ours / size * 1e9:10.2f}{size / ours / 1e6:10.1f}  {best_label:<28}{ratio}{flag}",
                      flush=True)
    if flagged:
        print(f"\nfloat32 slower than {FLAG_RATIO:g}x the fastest peer: {', '.join(flagged)}")


if __name__ == "__main__":
    main()
