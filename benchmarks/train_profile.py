"""Where one `actv compare` training run spends its time, on a generated 20k-row set.

    python benchmarks/train_profile.py [--rows 20000] [--epochs 5] [--batch-size 32]
                                       [--activations relu,tanh,sigmoid] [--dtype float64]
                                       [--seed 0] [--repeats 3] [--profile]

The data: ``--rows`` rows of 20 standard-normal features, 5 classes from the argmax of a fixed
random two-layer tanh map of them (a multiclass task with a non-linear boundary), split and
standardized as ``actv compare`` does. Each activation is trained with ``comparison.train``
(default settings but ``--epochs``/``--batch-size``/``--dtype``), one BLAS thread.

Reports per activation: wall seconds per epoch of the whole run (training steps and the
per-epoch evaluation), its CPU seconds per epoch (less disturbed by other processes on a
loaded machine), the wall seconds of the training steps alone (``Run.seconds``), and the
final validation accuracy; the run with the best wall time of ``--repeats``. With ``--profile``, one more run per
activation under cProfile gives the shares of the profiled time spent in Adam's step, in
the activation (the catalog code called from the network's forward and backward pass) and in
the per-epoch evaluation. cProfile inflates the cost of small calls, so the shares are a
guide; the times per epoch are measured without it.
"""
from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # before numpy is imported: one BLAS thread

import argparse  # noqa: E402
import cProfile  # noqa: E402
import inspect  # noqa: E402
import pstats  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from activation_cli.compare.comparison import Settings, output_activation, prepare, train  # noqa: E402
from activation_cli.compare.datasets import Dataset  # noqa: E402
from activation_cli.compare.network import loss_for  # noqa: E402


def dataset(rows: int, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, 20))
    hidden = np.tanh(x @ rng.standard_normal((20, 16)) / np.sqrt(20))
    y = np.argmax(hidden @ rng.standard_normal((16, 5)), axis=1).astype(np.int64)
    return Dataset(f"generated {rows}x20", x, y, "multiclass", 5, tuple(f"x{j + 1}" for j in range(20)), ("y",),
                   tuple(str(k) for k in range(5)), "benchmark data")


def settings_for(args) -> Settings:
    extra = {"dtype": args.dtype} if "dtype" in inspect.signature(Settings).parameters else {}
    if args.dtype != "float64" and not extra:
        raise SystemExit("this version of actv has no Settings.dtype")
    return Settings(epochs=args.epochs, batch_size=args.batch_size, seed=args.seed, **extra).checked()


def timed(name, data, loss, settings):
    start, cpu = time.perf_counter(), time.process_time()
    run = train(name, data, "multiclass", loss, settings)
    return time.perf_counter() - start, time.process_time() - cpu, run


def shares(profile: cProfile.Profile) -> dict[str, float]:
    """Seconds of the profiled run in Adam's step, the activation and the evaluation."""
    stats = pstats.Stats(profile).stats
    total = max(ct for (_, _, name), (_, _, _, ct, _) in stats.items() if name == "train")
    adam = sum(ct for (path, _, name), (_, _, _, ct, _) in stats.items()
               if path.endswith("network.py") and name in ("step",))
    evaluation = sum(ct for (path, _, name), (_, _, _, ct, _) in stats.items()
                     if path.endswith("comparison.py") and name == "_record")
    # activation: catalog code entered from the network's forward/backward (not from the
    # evaluation's forward pass, which is counted in the evaluation)
    activation = 0.0
    for (path, _, _), (_, _, _, _, callers) in stats.items():
        if os.sep + "catalog" + os.sep not in path:
            continue
        for (caller_path, _, caller), (_, _, _, ct) in callers.items():
            if caller_path.endswith("network.py") and caller in ("forward", "backward", "train_step", "_hidden"):
                activation += ct
    return {"total": total, "adam": adam, "activation": activation, "evaluation": evaluation}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--activations", default="relu,tanh,sigmoid")
    parser.add_argument("--dtype", default="float64")
    parser.add_argument("--seed", type=int, default=0, help="split, initial weights and batch order")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    settings = settings_for(args)
    data_set = dataset(args.rows)
    loss = loss_for(output_activation("multiclass", 5))
    data = prepare(data_set, settings.val, settings.seed)
    print(f"{data_set.name}, {len(data.x_train)} training rows, batch {settings.batch_size}, "
          f"{settings.epochs} epochs, {args.dtype}; best of {args.repeats}")
    print(f"{'activation':<12}{'s/epoch':>9}{'cpu s':>9}{'steps s/epoch':>15}{'val acc':>9}"
          + (f"{'adam':>7}{'activ.':>8}{'eval':>7}" if args.profile else ""))
    for name in args.activations.split(","):
        best = None
        for _ in range(args.repeats):
            seconds, cpu, run = timed(name, data, loss, settings)
            if best is None or seconds < best[0]:
                best = (seconds, cpu, run)
        seconds, cpu, run = best
        line = (f"{name:<12}{seconds / settings.epochs:9.3f}{cpu / settings.epochs:9.3f}"
                f"{run.seconds / settings.epochs:15.3f}{run.final('val_accuracy'):9.4f}")
        if args.profile:
            # wall clock: a CPU-time clock is a system call, whose cost would swamp the small calls
            profile = cProfile.Profile()
            profile.runcall(train, name, data, "multiclass", loss, settings)
            part = shares(profile)
            line += "".join(f"{part[key] / part['total']:7.0%}" for key in ("adam", "activation", "evaluation"))
        print(line, flush=True)


if __name__ == "__main__":
    main()
