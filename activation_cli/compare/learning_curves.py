"""Learning curves of a comparison on one figure: validation loss per epoch, one line per
activation (matplotlib ``Figure`` on the Agg canvas; no pyplot, no global state)."""
from __future__ import annotations

import os

from .comparison import Comparison
from ..errors import InputError
from ..files import atomic_output

FORMATS = (".png", ".svg", ".pdf")


def figure(result: Comparison):
    """A Figure: validation loss (left) and the validation metric (right) per epoch."""
    from matplotlib.figure import Figure

    metric = result.metrics[0]
    fig = Figure(figsize=(10, 4), layout="constrained")
    loss_axes, metric_axes = fig.subplots(1, 2)
    for run in result.runs:
        label = run.activation + (f" (diverged at epoch {run.diverged_at})" if run.diverged else "")
        line, = loss_axes.plot(run.history["epoch"], run.history["val_loss"], label=label)
        metric_axes.plot(run.history["epoch"], run.history[metric], color=line.get_color(), label=label)
    loss_axes.set(xlabel="epoch", ylabel=f"validation {result.loss.name}", title="validation loss")
    if all(v > 0 for run in result.runs for v in run.history["val_loss"]):
        loss_axes.set_yscale("log")
    label = "validation R²" if metric == "val_r2" else "validation accuracy"
    metric_axes.set(xlabel="epoch", ylabel=label, title=label)
    s = result.settings
    fig.suptitle(f"{result.dataset.name} ({result.task}): {s.layers}×{s.units} hidden, output {result.output}, "
                 f"Adam lr {s.lr:g}, batch {s.batch_size}, seed {s.seed}")
    for axes in (loss_axes, metric_axes):
        axes.grid(True, alpha=0.3)
    metric_axes.legend(loc="lower right")
    return fig


def write(result: Comparison, path: str) -> None:
    """Write the learning curves to ``path`` (.png, .svg or .pdf), atomically."""
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix not in FORMATS:
        raise InputError(f"--plot {path}: use a .png, .svg or .pdf file name")
    fig = figure(result)
    with atomic_output(path) as stream:
        fig.savefig(stream, format=suffix[1:], dpi=120)
