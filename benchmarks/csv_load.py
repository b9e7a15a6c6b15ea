"""Loading a large CSV file for `actv compare --data`: time and peak memory, whole processes.

    python benchmarks/csv_load.py [--rows 100000] [--repeats 3] [--million] [--keep DIR]

Writes a file of --rows rows x 50 columns (49 Gaussian features as %.6g, a 3-class target y;
100,000 rows are about 45 MB) and a copy in which 10% of the rows have one empty cell. Then,
interleaved, each in its own process with one thread (OMP/OPENBLAS/MKL_NUM_THREADS=1):

- numpy:     np.loadtxt(file, delimiter=",", skiprows=1), the floor for reading plain numbers;
- load:      activation_cli.compare.datasets.load(path=file, targets="y") (parse, infer the task,
             encode); the same with --dropna on the file with holes;
- compare:   actv compare relu --data file --target y --epochs 1 (--seeds 1 --jobs 1 when offered),
             and with --dropna on the file with holes.

Prints the median wall time and the peak resident memory (GNU time's %M) of each, and the ratios
that the targets are about: holes with --dropna / no holes (target <= 1.3), load / np.loadtxt.
--million adds one run of `actv compare relu --epochs 1` on 1,000,000 rows (about 450 MB; the
target is to work within 2 GB). Timings on a shared machine are noisy: quote the ratios and say
how loaded the machine was.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from compare_vs_sklearn import measure  # noqa: E402  (this folder: one way to time a process)
LOAD = "from activation_cli.compare.datasets import load; import sys; load(path=sys.argv[1], targets='y', dropna={})"
LOADTXT = "import numpy as np, sys; np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)"


def write(path: Path, rows: int, holes: bool, seed: int = 0) -> None:
    """rows x 50 in blocks of 100,000 rows (the writer's memory stays small at 10^6 rows)."""
    rng = np.random.default_rng(seed)
    with open(path, "w") as stream:
        stream.write(",".join([f"x{j + 1}" for j in range(49)] + ["y"]) + "\n")
        for start in range(0, rows, 100_000):
            n = min(100_000, rows - start)
            x = rng.normal(size=(n, 49))
            y = (x[:, 0] * x[:, 1] + x[:, 2] > 0).astype(int) + (x[:, 3] > 1)
            lines = [",".join(f"{v:.6g}" for v in row) + f",{label}" for row, label in zip(x.tolist(), y.tolist())]
            if holes:  # 10% of the rows: one feature cell left empty
                for i in np.flatnonzero(rng.uniform(size=n) < 0.1):
                    cells = lines[i].split(",")
                    cells[rng.integers(49)] = ""
                    lines[i] = ",".join(cells)
            stream.write("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--million", action="store_true", help="also one compare run on 1,000,000 rows")
    parser.add_argument("--keep", help="write the files here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="actv-csv-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    clean, holed = folder / f"clean-{args.rows}.csv", folder / f"holes-{args.rows}.csv"
    for path, holes in ((clean, False), (holed, True)):
        if not path.exists():
            write(path, args.rows, holes)
    actv = shutil.which("actv", path=os.path.dirname(sys.executable)) or "actv"
    offered = subprocess.run([actv, "compare", "--help"], capture_output=True, text=True).stdout
    seeds = ["--seeds", "1", "--jobs", "1"] if "--seeds" in offered else []
    compare = [actv, "compare", "relu", "--target", "y", "--epochs", "1", "--format", "json", *seeds, "--data"]
    plan = {
        "np.loadtxt, no holes": [sys.executable, "-c", LOADTXT, str(clean)],
        "load, no holes": [sys.executable, "-c", LOAD.format(False), str(clean)],
        "load --dropna, 10% holes": [sys.executable, "-c", LOAD.format(True), str(holed)],
        "compare, no holes": [*compare, str(clean)],
        "compare --dropna, 10% holes": [*compare, str(holed), "--dropna"],
    }
    print(f"{args.rows} rows x 50 columns ({clean.stat().st_size / 1e6:.0f} MB), 1 thread, interleaved, median of "
          f"{args.repeats}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    results = {label: [] for label in plan}
    for _ in range(args.repeats):
        for label, command in plan.items():
            results[label].append(measure(command)[:2])
    seconds = {label: statistics.median(s for s, _ in runs) for label, runs in results.items()}
    memory = {label: max(m for _, m in runs) for label, runs in results.items()}
    print(f"{'':<30} {'seconds':>8} {'peak MB':>8}")
    for label in plan:
        print(f"{label:<30} {seconds[label]:>8.2f} {memory[label]:>8.0f}")
    ratio = seconds["load --dropna, 10% holes"] / seconds["load, no holes"]
    print(f"load --dropna with 10% holes / load without holes: {ratio:.2f} (target <= 1.3)")
    print(f"compare --dropna with 10% holes / without: "
          f"{seconds['compare --dropna, 10% holes'] / seconds['compare, no holes']:.2f} (target <= 1.3)")
    print(f"load / np.loadtxt: {seconds['load, no holes'] / seconds['np.loadtxt, no holes']:.2f}")
    if args.million:
        million = folder / "clean-1000000.csv"
        if not million.exists():
            write(million, 1_000_000, False)
        s, m, _ = measure([*compare, str(million)])
        print(f"compare on 1,000,000 rows ({million.stat().st_size / 1e6:.0f} MB): {s:.1f} s, peak {m:.0f} MB "
              "(target: within 2048 MB)")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
