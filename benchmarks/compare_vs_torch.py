"""actv compare against PyTorch: the identical network trained both ways.

    python benchmarks/compare_vs_torch.py [--dataset moons] [--epochs 100] [--repeats 3]

Same data split and standardization (actv's), same initial weights (actv's draws copied
into torch.nn.Linear), same Adam hyper-parameters, same minibatch order, float64 in both,
one thread each (OMP_NUM_THREADS=1 for numpy's BLAS, torch.set_num_threads(1)).
Reports per activation: final validation accuracy (or R²) of both, the largest difference
between their per-epoch train/validation loss curves, and the wall time of the training
steps (forward, backward, Adam; best of --repeats) with the ratio actv / torch.
Targets: the same accuracy within 1 point; ratio <= 1.0.

torch is a benchmark-only peer, never a dependency of actv: pip install torch==2.13.0
"""
from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # before numpy is imported: one BLAS thread

import argparse
import time

import numpy as np

from activation_cli.compare.comparison import OUTPUT_INIT, Settings, batch_order, output_activation, prepare, train
from activation_cli.compare.datasets import builtin
from activation_cli.compare.network import initial_weights, loss_for
from activation_cli.catalog import get


def torch_run(activation, data, task, settings, loss_name):
    """Train the same network in PyTorch; per-epoch (train loss, val loss, val metric) and seconds."""
    import torch

    entry = get(activation)
    inputs = data.x_train.shape[1]
    outputs = int(data.y_train.max()) + 1 if task == "multiclass" else data.y_train.shape[1]
    sizes = [inputs] + [settings.units] * settings.layers + [outputs]
    schemes = [entry.init_scheme] * settings.layers + [OUTPUT_INIT]
    layers = []
    for w in initial_weights(sizes, schemes, settings.seed):
        linear = torch.nn.Linear(w.shape[0], w.shape[1], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(w.T.copy()))
            linear.bias.zero_()
        layers += [linear, {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid}[activation]()]
    model = torch.nn.Sequential(*layers[:-1])
    criterion = {"binary cross-entropy": torch.nn.BCEWithLogitsLoss, "categorical cross-entropy":
                 torch.nn.CrossEntropyLoss, "mean squared error": torch.nn.MSELoss}[loss_name]()
    optimizer = torch.optim.Adam(model.parameters(), lr=settings.lr, betas=(0.9, 0.999), eps=1e-8)
    x_train, x_val = torch.from_numpy(data.x_train), torch.from_numpy(data.x_val)
    y_train, y_val = torch.from_numpy(data.y_train), torch.from_numpy(data.y_val)

    def measure():
        with torch.no_grad():
            val_logits = model(x_val)
            if task == "binary":
                metric = ((val_logits[:, 0] > 0) == (y_val[:, 0] > 0.5)).double().mean()
            elif task == "multiclass":
                metric = (val_logits.argmax(dim=1) == y_val).double().mean()
            else:
                metric = 1 - ((val_logits - y_val) ** 2).sum() / ((y_val - y_val.mean()) ** 2).sum()
            return float(criterion(model(x_train), y_train)), float(criterion(val_logits, y_val)), float(metric)

    history = [measure()]
    seconds = 0.0
    for batches in batch_order(len(data.x_train), settings.batch_size, settings.epochs, settings.seed):
        start = time.perf_counter()
        for rows in batches:
            index = torch.from_numpy(rows)
            optimizer.zero_grad()
            criterion(model(x_train[index]), y_train[index]).backward()
            optimizer.step()
        seconds += time.perf_counter() - start
        history.append(measure())
    return np.array(history), seconds


def main() -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", default="moons")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3, help="time each side this many times; keep the best")
    args = parser.parse_args()
    torch.set_num_threads(1)
    settings = Settings(epochs=args.epochs, layers=args.layers)
    dataset = builtin(args.dataset, settings.seed)
    task = dataset.task
    metric = "val_r2" if task == "regression" else "val_accuracy"
    loss = loss_for(output_activation(task, dataset.classes))
    data = prepare(dataset, settings.val, settings.seed)
    print(f"{args.dataset} ({task}), {settings.layers}x{settings.units} hidden, {settings.epochs} epochs, "
          f"batch {settings.batch_size}, Adam lr {settings.lr}, float64, 1 thread; torch {torch.__version__}, "
          f"numpy {np.__version__}; time = training steps, best of {args.repeats}")
    print(f"{'activation':<10} {'actv ' + metric:>17} {'torch ' + metric:>18} {'max |Δ loss|':>13} "
          f"{'actv s':>8} {'torch s':>8} {'ratio':>6}")
    worst_gap, worst_ratio = 0.0, 0.0
    for activation in ("relu", "tanh", "sigmoid"):
        runs = [train(activation, data, task, loss, settings) for _ in range(args.repeats)]
        torch_runs = [torch_run(activation, data, task, settings, loss.name) for _ in range(args.repeats)]
        ours = np.column_stack([runs[0].history["train_loss"], runs[0].history["val_loss"], runs[0].history[metric]])
        theirs = torch_runs[0][0]
        gap = float(np.max(np.abs(ours[:, :2] - theirs[:, :2])))
        ours_s, theirs_s = min(r.seconds for r in runs), min(t for _, t in torch_runs)
        worst_gap, worst_ratio = max(worst_gap, abs(ours[-1, 2] - theirs[-1, 2])), max(worst_ratio, ours_s / theirs_s)
        print(f"{activation:<10} {ours[-1, 2]:>17.4f} {theirs[-1, 2]:>18.4f} {gap:>13.2e} "
              f"{ours_s:>8.3f} {theirs_s:>8.3f} {ours_s / theirs_s:>6.2f}")
    print(f"largest accuracy difference {100 * worst_gap:.2f} points (target <= 1); "
          f"largest time ratio {worst_ratio:.2f} (target <= 1.0)")


if __name__ == "__main__":
    main()
