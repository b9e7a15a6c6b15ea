"""actv compare against what users would run instead: scikit-learn's MLPClassifier looping over
`activation`, whole processes side by side.

    python benchmarks/compare_vs_sklearn.py [--repeats 1] [--only iris,100k] [--keep DIR]

Data: iris, wine, breast_cancer and digits (shipped inside scikit-learn, written to CSV for actv)
and two generated CSV files of 20,000 and 100,000 rows x 50 columns (49 features, a 3-class
target y; about 9 and 45 MB). For each dataset, both sides run as separate processes, one thread
each (OMP/OPENBLAS/MKL_NUM_THREADS=1), interleaved (actv, sklearn, actv, sklearn, ...):

- actv:    actv compare relu tanh sigmoid --data FILE.csv --target y --epochs E --format json
           (plus --seeds 1 --jobs 1 when `actv compare --help` lists --seeds: one run per activation
           in one process, as sklearn)
- sklearn: a script as a user writes it: np.loadtxt the same file, the same training/validation
           rows (actv's split, handed over as an index file), StandardScaler fitted on the training
           rows, then MLPClassifier(hidden_layer_sizes=(32, 32), activation=relu|tanh|logistic,
           solver="adam", learning_rate_init=0.01, batch_size=32, alpha=0, max_iter=E, no early
           stopping, random_state=0) fitted and scored per activation.

Both train 2 hidden layers of 32 units with Adam (lr 0.01, batch 32) for E epochs: 100 on the
small sets (actv's default), 10 on 20k rows, 1 on 100k rows. A last row is the issue's target:
`actv compare relu --data 100k.csv --target y --epochs 1 --seeds 1` against the sklearn script
fitting relu for one epoch. Reported per dataset: whole-process wall time and peak memory
(GNU time's %M: /usr/bin/time is needed) of each side, the median over --repeats and the ratios
actv / sklearn, and the validation accuracy of each activation on both sides. Timings on a
shared machine are noisy: quote the ratios, not the seconds, and say how loaded it was.

scikit-learn is a benchmark peer only, never a dependency of actv: pip install scikit-learn
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ACTIVATIONS = {"relu": "relu", "tanh": "tanh", "sigmoid": "logistic"}  # actv name -> sklearn name
TIME = "/usr/bin/time"  # GNU time: the peak resident memory of one process
THREADS = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}

SKLEARN_SCRIPT = r'''
import json, sys, warnings
import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

path, split, epochs, activations = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
data = np.loadtxt(path, delimiter=",", skiprows=1)
x, y = data[:, :-1], data[:, -1].astype(int)
rows = np.load(split)
train, val = rows["train"], rows["val"]
scaler = StandardScaler().fit(x[train])
x_train, x_val = scaler.transform(x[train]), scaler.transform(x[val])
scores = {}
for activation in activations:
    model = MLPClassifier(hidden_layer_sizes=(32, 32), activation=activation, solver="adam",
                          learning_rate_init=0.01, batch_size=32, alpha=0.0, max_iter=epochs, shuffle=True,
                          tol=0.0, n_iter_no_change=epochs + 1, early_stopping=False, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached: that is the plan
        model.fit(x_train, y[train])
    scores[activation] = float(model.score(x_val, y[val]))
print(json.dumps(scores))
'''


def write_csv(path: Path, x: np.ndarray, y: np.ndarray) -> None:
    names = [f"x{j + 1}" for j in range(x.shape[1])] + ["y"]
    formats = ["%.6g"] * x.shape[1] + ["%d"]
    np.savetxt(path, np.column_stack([x, y]), fmt=formats, delimiter=",", header=",".join(names), comments="")


def generated(rows: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """49 Gaussian features; y in {0, 1, 2} from a noisy nonlinear rule on the first 6."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 49))
    score = x[:, 0] * x[:, 1] + np.sin(2 * x[:, 2]) + 0.5 * x[:, 3] - 0.3 * x[:, 4] ** 2 + 0.2 * x[:, 5]
    score += rng.normal(0, 0.3, rows)
    return x, np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))


def datasets(folder: Path, only: set[str] | None):
    """(name, csv path, epochs) for each dataset, written into ``folder``."""
    from sklearn import datasets as sk

    plan = [("iris", sk.load_iris, 100), ("wine", sk.load_wine, 100), ("breast_cancer", sk.load_breast_cancer, 100),
            ("digits", sk.load_digits, 100), ("20k", 20_000, 10), ("100k", 100_000, 1)]
    for name, source, epochs in plan:
        if only and name not in only:
            continue
        path = folder / f"{name}.csv"
        if not path.exists():
            x, y = generated(source) if isinstance(source, int) else source(return_X_y=True)
            write_csv(path, np.asarray(x, dtype=np.float64), np.asarray(y))
        yield name, path, epochs


def split_file(path: Path, folder: Path) -> Path:
    """actv's training/validation rows of ``path`` (seed 0, 20% held out), for the sklearn script."""
    from activation_cli.compare.comparison import split
    from activation_cli.compare.datasets import load

    train, val = split(load(path=str(path), targets="y"), 0.2, 0)
    out = folder / f"{path.stem}.split.npz"
    np.savez(out, train=train, val=val)
    return out


def measure(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak resident MB, stdout) of one process. The peak is GNU time's %M: the
    ru_maxrss of a child forked from this (large) process would start at this process's size."""
    env = {**os.environ, **THREADS, "NO_COLOR": "1", "COLUMNS": "100"}
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        run = subprocess.run([TIME, "-f", "%M", "-o", peak.name, *command], capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - start
        if run.returncode:
            raise SystemExit(f"{' '.join(command)} failed ({run.returncode}):\n{run.stderr}")
        return seconds, int(peak.read().split()[-1]) / 1024, run.stdout


def actv_command(path: Path, epochs: int, names: list[str], seeds: bool) -> list[str]:
    actv = shutil.which("actv", path=os.path.dirname(sys.executable)) or "actv"
    return [actv, "compare", *names, "--data", str(path), "--target", "y", "--epochs", str(epochs),
            "--format", "json", *(["--seeds", "1", "--jobs", "1"] if seeds else [])]


def actv_accuracies(out: str) -> dict[str, float]:
    runs = json.loads(out)["runs"]
    return {run["activation"]: (run.get("mean") or run["final"])["val_accuracy"] for run in runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=1, help="interleaved runs of each side (median)")
    parser.add_argument("--only", help="comma-separated dataset names (iris,wine,breast_cancer,digits,20k,100k)")
    parser.add_argument("--keep", help="write the CSV files here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    import sklearn

    folder = Path(args.keep or tempfile.mkdtemp(prefix="actv-vs-sklearn-"))
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "sklearn_mlp.py"
    script.write_text(SKLEARN_SCRIPT)
    help_text = subprocess.run(actv_command(Path("x"), 1, [], False)[:2] + ["--help"], capture_output=True,
                               text=True).stdout
    seeds = "--seeds" in help_text
    only = set(args.only.split(",")) if args.only else None
    plans = [(name, path, epochs, list(ACTIVATIONS)) for name, path, epochs in datasets(folder, only)]
    if not only or "100k" in only:
        plans.append(("100k relu", folder / "100k.csv", 1, ["relu"]))  # the target
    print(f"actv compare vs scikit-learn {sklearn.__version__} MLPClassifier, whole processes, 1 thread each, "
          f"interleaved, median of {args.repeats}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
          f"{'; actv --seeds 1 --jobs 1' if seeds else ''}", flush=True)
    rows, accuracy_rows = [], []
    for name, path, epochs, names in plans:
        split = split_file(path, folder)
        ours, theirs = [], []
        for _ in range(args.repeats):
            ours.append(measure(actv_command(path, epochs, names, seeds)))
            theirs.append(measure([sys.executable, str(script), str(path), str(split), str(epochs),
                                   ",".join(ACTIVATIONS[n] for n in names)]))
        t_ours, t_theirs = (statistics.median(run[0] for run in runs) for runs in (ours, theirs))
        m_ours, m_theirs = (max(run[1] for run in runs) for runs in (ours, theirs))
        shape = np.loadtxt(path, delimiter=",", skiprows=1, max_rows=1).size
        lines = sum(1 for _ in open(path)) - 1
        rows.append((name, f"{lines}x{shape}", epochs, t_ours, t_theirs, t_ours / t_theirs, m_ours, m_theirs,
                     m_ours / m_theirs))
        a_ours, a_theirs = actv_accuracies(ours[0][2]), json.loads(theirs[0][2])
        accuracy_rows.append((name, [(n, a_ours[n], a_theirs[ACTIVATIONS[n]]) for n in names]))
        print(f"  {name}: done ({t_ours:.1f} s / {t_theirs:.1f} s)", file=sys.stderr, flush=True)
    print()
    print(f"{'dataset':<14} {'rows x cols':>12} {'epochs':>6} {'actv s':>7} {'sklearn s':>9} {'ratio':>6} "
          f"{'actv MB':>8} {'sklearn MB':>10} {'ratio':>6}")
    for name, shape, epochs, t1, t2, tr, m1, m2, mr in rows:
        print(f"{name:<14} {shape:>12} {epochs:>6} {t1:>7.2f} {t2:>9.2f} {tr:>6.2f} {m1:>8.0f} {m2:>10.0f} {mr:>6.2f}")
    print()
    print(f"{'dataset':<14} validation accuracy, actv / sklearn")
    for name, pairs in accuracy_rows:
        print(f"{name:<14} " + "   ".join(f"{n} {100 * a:.1f}% / {100 * b:.1f}%" for n, a, b in pairs))
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
