"""Learning curves of a comparison on one figure: validation loss per epoch, one colour per
activation (the mean over seeds drawn bold, each seed's run thin), on a matplotlib ``Figure``
with the Agg canvas; no pyplot, no global state."""
from __future__ import annotations

import os

from .comparison import Comparison
from ..errors import InputError
from ..files import atomic_output

FORMATS = (".png", ".svg", ".pdf")


def check_path(path: str) -> None:
    """Refuse ``path`` before any training: an unknown extension, or a folder that does not
    exist or cannot be written to (InputError, exit 2)."""
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix not in FORMATS:
        raise InputError(f"--plot {path}: use a .png, .svg or .pdf file name")
    folder = os.path.dirname(str(path)) or "."
    if not os.path.isdir(folder):
        raise InputError(f"--plot {path}: no folder {folder}")
    if os.path.isdir(path):
        raise InputError(f"--plot {path}: is a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"--plot {path}: cannot write in {folder}")


def figure(result: Comparison):
    """A Figure: validation loss (left) and the validation metric (right) per epoch."""
    import numpy as np
    from matplotlib.figure import Figure

    metric = result.metrics[0]
    fig = Figure(figsize=(10, 4), layout="constrained")
    loss_axes, metric_axes = fig.subplots(1, 2)
    several = len(result.seeds) > 1
    for row in result.rows:
        label = row.activation + (" (diverged)" if row.diverged else "")
        color = None
        for run in row.runs:
            style = {"linewidth": 0.8, "alpha": 0.35} if several else {"label": label}
            line, = loss_axes.plot(run.history["epoch"], run.history["val_loss"], color=color, **style)
            color = line.get_color()
            metric_axes.plot(run.history["epoch"], run.history[metric], color=color, **style)
        if several:  # the mean over seeds, over the epochs every seed's run reached
            length = min(len(run.history["epoch"]) for run in row.runs)
            epochs = row.runs[0].history["epoch"][:length]
            for axes, key in ((loss_axes, "val_loss"), (metric_axes, metric)):
                with np.errstate(over="ignore", invalid="ignore"):
                    mean = np.mean([run.history[key][:length] for run in row.runs], axis=0)
                axes.plot(epochs, mean, color=color, linewidth=2, label=label)
    loss_axes.set(xlabel="epoch", ylabel=f"validation {result.loss.name}", title="validation loss")
    if all(v > 0 for row in result.rows for run in row.runs for v in run.history["val_loss"]):
        loss_axes.set_yscale("log")
    label = "validation R²" if metric == "val_r2" else "validation accuracy"
    metric_axes.set(xlabel="epoch", ylabel=label, title=label + (f" (mean of {len(result.seeds)} seeds bold)"
                                                                  if several else ""))
    s = result.settings
    seeds = f"seeds {result.seeds[0]}–{result.seeds[-1]}" if several else f"seed {s.seed}"
    fig.suptitle(f"{result.dataset.name} ({result.task}): {s.layers}×{s.units} hidden, output {result.output}, "
                 f"Adam lr {s.lr:g}, batch {s.batch_size}, {seeds}")
    for axes in (loss_axes, metric_axes):
        axes.grid(True, alpha=0.3)
    metric_axes.legend(loc="lower right")
    return fig


def write(result: Comparison, path: str) -> None:
    """Write the learning curves to ``path`` (.png, .svg or .pdf), atomically."""
    check_path(path)
    fig = figure(result)
    with atomic_output(path) as stream:
        fig.savefig(stream, format=os.path.splitext(str(path))[1].lower()[1:], dpi=120)

