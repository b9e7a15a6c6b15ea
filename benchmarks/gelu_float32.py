"""float32 exact GELU at one size: actv against torch (F.gelu) and scipy (x·ndtr(x)), interleaved.

    python benchmarks/gelu_float32.py [--size 1e7] [--rounds 7]

One thread. Each round times every contender once, in turn, by wall clock and by the process's
CPU time (time.process_time: on a machine shared with other jobs, the CPU time is not inflated
by waiting for a core, the wall clock is); the table shows the minimum and the median over the
rounds and the ratio to torch. benchmarks/throughput.py gives the wall-clock view for every
function; this one exists because gelu's ratio depends so much on the load.
"""
from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from activation_cli import get  # noqa: E402


def contenders(x):
    gelu = get("gelu")
    table = {"actv gelu": lambda: gelu(x)}
    try:
        from scipy.special import ndtr
        table["scipy x·ndtr(x)"] = lambda: x * ndtr(x)
    except ImportError:
        pass
    try:
        import torch
        torch.set_num_threads(1)
        tensor = torch.from_numpy(x)
        table["torch F.gelu"] = lambda: torch.nn.functional.gelu(tensor)
    except ImportError:
        pass
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1e7)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    size = int(args.size)
    x = (np.random.default_rng(0).standard_normal(size) * 4).astype(np.float32)
    table = contenders(x)
    wall = {name: [] for name in table}
    cpu = {name: [] for name in table}
    for function in table.values():
        function()  # warm up
    for _ in range(args.rounds):
        for name, function in table.items():
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            function()
            wall[name].append(time.perf_counter() - start_wall)
            cpu[name].append(time.process_time() - start_cpu)
    base = "torch F.gelu" if "torch F.gelu" in table else None
    print(f"float32, {size:.0e} elements, 1 thread, {args.rounds} rounds; ns per element (ratio to torch)")
    print(f"{'':<18}{'wall min':>16}{'wall median':>16}{'cpu min':>16}{'cpu median':>16}")
    for name in table:
        cells = []
        for series in (wall, cpu):
            for pick in (min, statistics.median):
                value = pick(series[name])
                ratio = f" ({value / pick(series[base]):.2f})" if base else ""
                cells.append(f"{value / size * 1e9:.2f}{ratio}")
        print(f"{name:<18}" + "".join(f"{c:>16}" for c in cells))


if __name__ == "__main__":
    main()
