"""Whole-process wall time of `actv compare` with seeds and worker processes, as ratios to one
seed in one process (what `actv compare` did before --seeds), measured in the same run.

    python benchmarks/compare_seeds.py [--runs N] [ACTV COMPARE ARGUMENTS...]

Each case runs N times, interleaved with the baseline so that they share the machine's noise;
the ratio is median(case) / median(baseline). CPU seconds include the worker processes.
Default arguments: none (moons, relu tanh sigmoid, 100 epochs).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

ACTV = shutil.which("actv", path=os.path.dirname(sys.executable)) or shutil.which("actv")
CASES = {
    "--seeds 1 --jobs 1 (baseline)": ["--seeds", "1", "--jobs", "1"],
    "--seeds 3 --jobs 1": ["--seeds", "3", "--jobs", "1"],
    "--seeds 3 --jobs 2": ["--seeds", "3", "--jobs", "2"],
    "--seeds 3 (default jobs)": ["--seeds", "3"],
}


def measure(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([ACTV, "compare", *args, "--format", "json"], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options, extra = parser.parse_known_args()
    walls = {name: [] for name in CASES}
    cpus = {name: [] for name in CASES}
    for _ in range(options.runs):
        for name, args in CASES.items():
            wall, cpu = measure([*extra, *args])
            walls[name].append(wall)
            cpus[name].append(cpu)
    base = statistics.median(walls[next(iter(CASES))])
    print(f"actv compare {' '.join(extra)}; {options.runs} interleaved runs each; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'case':<32} {'median wall':>12} {'ratio':>7} {'median CPU':>11}")
    for name in CASES:
        wall = statistics.median(walls[name])
        print(f"{name:<32} {wall:>11.2f}s {wall / base:>6.2f}× {statistics.median(cpus[name]):>10.2f}s")


if __name__ == "__main__":
    main()
