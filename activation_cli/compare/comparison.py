"""Try a few activations and compare the results: one small network per hidden activation,
everything else equal (data split, initial random draws, architecture, Adam, minibatch
order, epochs), trained and measured on the same validation split.

``compare(names, dataset, settings, progress=callback, jobs=N)`` is what ``actv compare``
runs: every activation is trained once per seed (``settings.seeds`` runs, seeds ``seed``,
``seed + 1``, ...; run i of every activation shares seed i, so the runs are paired), in
``jobs`` worker processes. The callback is called as ``progress(activation, seed, epoch,
epochs)`` as the runs advance.
"""
from __future__ import annotations

import math
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..catalog import Activation
from .datasets import Dataset
from ..errors import InputError, ParameterError
from .network import MLP, Adam, Loss, hidden_activation, initial_weights, initializer, loss_for

DEFAULT_ACTIVATIONS = ("relu", "tanh", "sigmoid")
OUTPUT_INIT = "glorot"  # the output layer: Keras's Dense default, and the catalog's for sigmoid/softmax/linear
MAX_WEIGHTS = 10_000_000  # hidden-to-hidden weights: about 80 MB of float64 per copy (weights, Adam m, v)
PROGRESS = Callable[[str, int, int, int], None]
LIMITS = {"layers": (1, 100), "units": (1, 1024), "batch_size": (1, 10_000), "epochs": (1, 10_000),
          "seeds": (1, 100)}
"""Bounds of the whole-number settings (``actv compare`` gives its options the same ranges):
small networks trained on the CPU in seconds to minutes, never hours."""
DTYPES = ("float64", "float32")
"""The network's arithmetic (``Settings.dtype``, ``--dtype``)."""
MIN_SPLIT_ROWS = 10
"""Rows each of the training and validation splits needs at least (and, for binary and
multiclass, a row of every class): fewer rows measure nothing (2 validation rows make 100%)."""



def output_activation(task: str, classes: int | None) -> str:
    """The output activation the rule table gives for ``task`` on an MLP (``rules.recommend``):
    sigmoid for binary and multilabel, softmax for multiclass, linear for regression, softplus
    for positive regression. ``network.loss_for`` pairs it with its loss."""
    from ..advice.rules import recommend

    return recommend(task, architecture="mlp", classes=classes).output.activation


@dataclass(frozen=True)
class Settings:
    """Everything the runs share. With the defaults, one activation trains on moons in ~0.2 s."""

    layers: int = 2            # hidden layers (--layers / --depth)
    units: int = 32            # units per hidden layer
    lr: float = 0.01           # Adam learning rate
    batch_size: int = 32
    epochs: int = 100
    seed: int = 0              # data, split, initial weights and batch order (of the first run)
    seeds: int = 3             # runs per activation, with seeds seed, seed + 1, ..., seed + seeds - 1
    val: float = 0.2           # fraction of rows held out for validation
    init: str | None = None    # override the per-activation initializer ("he", "glorot", "lecun")
    dtype: str = "float64"     # the network's arithmetic: "float64" or "float32" (faster per step)

    def checked(self) -> "Settings":
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
                raise ParameterError(f"--{name.replace('_', '-')} must be a whole number from {low} to "
                                     f"{high}, not {value!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, (int, np.integer)) or self.seed < 0:
            raise ParameterError(f"--seed must be a whole number >= 0, not {self.seed!r}")
        if isinstance(self.lr, bool) or not (isinstance(self.lr, (int, float)) and math.isfinite(self.lr)
                                             and self.lr > 0):
            raise ParameterError(f"--lr must be a finite number > 0, not {self.lr!r}")
        try:
            dtype = np.dtype(self.dtype).name
        except (TypeError, ValueError):
            dtype = None
        if dtype not in DTYPES:
            raise ParameterError(f"--dtype must be {' or '.join(DTYPES)}, not {self.dtype!r}")
        if not (isinstance(self.val, (int, float)) and 0 < self.val < 1):
            raise ParameterError(f"--val must be a fraction between 0 and 1 (exclusive), not {self.val!r}")
        if self.layers * self.units * self.units > MAX_WEIGHTS:
            raise ParameterError(f"{self.layers} layers of {self.units} units is {self.layers * self.units ** 2:,} "
                                 f"weights; actv compare trains small networks on the CPU (at most "
                                 f"{MAX_WEIGHTS:,}): lower --layers or --units")
        init = None if self.init is None else initializer(self.init)
        return self if (init, dtype) == (self.init, self.dtype) else Settings(**{**asdict(self), "init": init,
                                                                                 "dtype": dtype})


# -- data preparation --------------------------------------------------------------------------

@dataclass(frozen=True)
class Split:
    """Standardized training and validation arrays (statistics from the training rows only)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    target_mean: np.ndarray | None     # regression: targets are standardized; RMSE is reported in units
    target_scale: np.ndarray | None


def split(dataset: Dataset, val: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (train, validation); stratified by class for binary and multiclass.

    Each class puts round(val · its rows) in validation, at least one, and keeps at least one
    for training. Each split must hold ``MIN_SPLIT_ROWS`` rows or more, and every class needs
    two rows (one per split): otherwise an InputError (too little data) or a ParameterError
    (a --val that leaves one split too small)."""
    rng = np.random.default_rng([seed, 0])
    n = dataset.rows
    if n < 2 * MIN_SPLIT_ROWS:
        raise InputError(f"{dataset.name} has {n} row{'s' if n != 1 else ''}: too few to train and validate; "
                         f"actv compare needs at least {MIN_SPLIT_ROWS} rows in each split "
                         f"({2 * MIN_SPLIT_ROWS} in all)")
    if dataset.task in ("binary", "multiclass"):
        classes = dataset.targets.reshape(n).astype(np.int64)
        counts = np.bincount(classes)
        rare = next((k for k, count in enumerate(counts) if count < 2), None)
        if rare is not None:
            label = dataset.labels[rare] if rare < len(dataset.labels) else str(rare)
            raise InputError(f"{dataset.name}: class {label!r} has {counts[rare]} row"
                             f"{'s' if counts[rare] != 1 else ''}; every class needs a row in the training "
                             "split and one in the validation split")
        train, held = [], []
        for label in np.unique(classes):
            rows = rng.permutation(np.flatnonzero(classes == label))
            take = min(max(round(val * rows.size), 1), rows.size - 1)
            held.append(rows[:take])
            train.append(rows[take:])
        train_rows, val_rows = np.sort(np.concatenate(train)), np.sort(np.concatenate(held))
    else:
        rows = rng.permutation(n)
        take = min(max(round(val * n), 1), n - 1)
        train_rows, val_rows = np.sort(rows[take:]), np.sort(rows[:take])
    for size, which, fix in ((train_rows.size, "training", "lower"), (val_rows.size, "validation", "raise")):
        if size < MIN_SPLIT_ROWS:
            raise ParameterError(f"--val {val:g} leaves {size} {which} row{'s' if size != 1 else ''} of {n}; "
                                 f"each split needs at least {MIN_SPLIT_ROWS} rows: {fix} --val")
    return train_rows, val_rows


def informative(dataset: Dataset, train_rows: np.ndarray) -> Dataset:
    """``dataset`` without the feature columns that hold one value on every training row.

    Such a column carries no information the network could learn from (after standardizing it
    is 0 everywhere); each dropped column is named in the dataset's notes. Raises InputError
    when no feature column is left."""
    x = dataset.features[train_rows]
    constant = (x == x[:1]).all(axis=0)
    if not constant.any():
        return dataset
    names = [name for name, flat in zip(dataset.feature_names, constant) if flat]
    quoted = ", ".join(repr(name) for name in names)
    if constant.all():
        raise InputError(f"{dataset.name}: every feature column is constant on the training rows ({quoted}): "
                         "nothing to learn from")
    from dataclasses import replace

    note = (f"dropped feature column{'s' if len(names) > 1 else ''} {quoted}: one value on every training row "
            "carries no information")
    keep = ~constant
    return replace(dataset, features=dataset.features[:, keep],
                   feature_names=tuple(n for n, k in zip(dataset.feature_names, keep) if k),
                   notes=dataset.notes + (note,))


def _standardize(train: np.ndarray, *others: np.ndarray, inplace: bool = False):
    """(a − mean) / std per column, statistics from ``train``. Columns are first divided by their
    largest magnitude, so that values near the float64 limit (1e308) cannot overflow the sums.
    With ``inplace`` the arrays given are overwritten (no copies: a large file's memory)."""
    # Underflow to subnormals is correct rounding; overflow can only come from validation values
    # beyond the training range by ~1e308, and gives inf, which prepare() refuses.
    with np.errstate(under="ignore", over="ignore"):
        peak = np.maximum(np.max(train, axis=0), -np.min(train, axis=0))  # max |x| without a copy of |x|
        peak = np.where(peak > 0, peak, 1.0)
        arrays = [train, *others] if inplace else [a.astype(np.float64, copy=True) for a in (train, *others)]
        for a in arrays:
            np.divide(a, peak, out=a)
        mean = arrays[0].mean(axis=0)
        scale = arrays[0].std(axis=0)
        scale = np.where(scale > 0, scale, 1.0)  # a constant column stays constant (zero), not NaN
        for a in arrays:
            np.subtract(a, mean, out=a)
            np.divide(a, scale, out=a)
        return mean * peak, scale * peak, arrays


def prepare(dataset: Dataset, val: float, seed: int) -> Split:
    """Split, then standardize inputs (and regression targets) from the training split only."""
    train_rows, val_rows = split(dataset, val, seed)
    _, _, (x_train, x_val) = _standardize(dataset.features[train_rows], dataset.features[val_rows], inplace=True)
    if not np.isfinite(x_val).all():
        column = dataset.feature_names[int(np.argwhere(~np.isfinite(x_val))[0][1])]
        raise InputError(f"{dataset.name}: validation values of {column!r} are too far outside its training "
                         "range to standardize")
    y_train, y_val = dataset.targets[train_rows], dataset.targets[val_rows]
    if dataset.task == "regression":
        mean, scale, (y_train, y_val) = _standardize(y_train, y_val)
        return Split(x_train, y_train, x_val, y_val, mean, scale)
    if dataset.task == "positive":  # divide only: centring would make positive targets negative
        scale = _root_mean_square(y_train)
        return Split(x_train, y_train / scale, x_val, y_val / scale, np.zeros_like(scale), scale)
    return Split(x_train, y_train, x_val, y_val, None, None)


def _root_mean_square(y: np.ndarray) -> np.ndarray:
    """√mean(y²) per column, 1 for an all-zero column; relative to the peak (no overflow near 1e308)."""
    with np.errstate(under="ignore"):
        peak = np.max(np.abs(y), axis=0)
        peak = np.where(peak > 0, peak, 1.0)
        return np.sqrt(np.mean((y / peak) ** 2, axis=0)) * peak


def batch_order(rows: int, batch_size: int, epochs: int, seed: int) -> list[list[np.ndarray]]:
    """The minibatches (row indices) of every epoch: a fresh permutation per epoch, from ``seed``."""
    rng = np.random.default_rng([seed, 2])
    return [[order[i:i + batch_size] for i in range(0, rows, batch_size)]
            for order in (rng.permutation(rows) for _ in range(epochs))]


# -- metrics -----------------------------------------------------------------------------------

def sample_scores(task: str, logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Per validation row: 1/0 correct (binary: logit > 0 is sigmoid > 0.5; multiclass: argmax);
    multilabel: the fraction of its labels right (each unit thresholded at 0.5); regression: minus
    the squared error of the predictions (``Loss.predict(logits)``), in standardized units: the
    ranking and the ties do not depend on the unit. The mean is accuracy, or −MSE."""
    if task == "binary":
        return ((logits[:, 0] > 0) == (targets[:, 0] > 0.5)).astype(np.float64)
    if task == "multiclass":
        return (np.argmax(logits, axis=1) == targets).astype(np.float64)
    if task == "multilabel":
        return ((logits > 0) == (targets > 0.5)).mean(axis=1)
    return -np.mean((logits - targets) ** 2, axis=1)


def _regression_metrics(logits, targets, split_: Split) -> tuple[float, float]:
    """R² (mean over targets) and RMSE in the target's units."""
    residual = ((logits - targets) ** 2).sum(axis=0)
    total = ((targets - targets.mean(axis=0)) ** 2).sum(axis=0)
    r2 = float(np.mean(1 - residual / np.where(total > 0, total, 1.0)))
    # per target, then combined relative to the largest: no overflow for targets near 1e308
    per_target = np.sqrt(np.mean((logits - targets) ** 2, axis=0)) * split_.target_scale
    top = float(np.max(per_target))
    rmse = top * float(np.sqrt(np.mean((per_target / top) ** 2))) if 0 < top < math.inf else top
    return r2, rmse


@dataclass
class Run:
    """One training: the activation, its per-epoch history and final metrics."""

    activation: str
    params: dict[str, Any]
    initializer: str
    history: dict[str, list[float]]      # "epoch", "train_loss", "val_loss", and the task's metrics
    gradient_norms: list[float]          # ‖∂loss/∂W‖ per layer at the start, first layer first
    seconds: float = 0.0                 # the training steps only (not the per-epoch measuring)
    diverged_at: int | None = None       # the epoch whose loss was NaN or infinite
    scores: np.ndarray | None = field(default=None, repr=False)  # per validation row, final model
    epochs_to_90: int | None = None

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    def final(self, key: str) -> float | None:
        if self.diverged:
            return None
        return self.history[key][-1]

    def as_dict(self, metrics: Sequence[str]) -> dict[str, Any]:
        return {
            "activation": self.activation,
            "params": self.params,
            "initializer": self.initializer,
            "diverged": self.diverged,
            "diverged_at_epoch": self.diverged_at,
            "final": {key: self.final(key) for key in ("train_loss", "val_loss", *metrics)},
            "epochs_to_90": self.epochs_to_90,
            "seconds": round(self.seconds, 4),
            "first_layer_gradient_norm": self.gradient_norms[0],
            "gradient_norms_at_start": self.gradient_norms,
            "history": self.history,
        }


def train(activation: str | Activation, data: Split, task: str, loss: Loss, settings: Settings,
          params: Mapping[str, Any] | None = None, progress: PROGRESS | None = None) -> Run:
    """Train one network with hidden ``activation`` on ``data``; return its Run."""
    entry = hidden_activation(activation)
    scheme = settings.init or entry.init_scheme
    inputs, outputs = data.x_train.shape[1], _outputs(task, data.y_train)
    sizes = [inputs] + [settings.units] * settings.layers + [outputs]
    schemes = [scheme] * settings.layers + [OUTPUT_INIT]
    net = MLP(initial_weights(sizes, schemes, settings.seed), None, entry, params, dtype=settings.dtype)
    data = _in_dtype(data, task, net.dtype)
    metrics = METRICS[task]
    history: dict[str, list[float]] = {"epoch": [], "train_loss": [], "val_loss": [], **{m: [] for m in metrics}}
    run = Run(entry.name, dict(net.params), scheme, history, [])
    # A diverging run overflows on purpose of the learning rate, not of the code: its non-finite
    # loss is detected below and reported as "diverged"; numpy's warnings would only repeat that.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        grads = _gradients(net, data.x_train, data.y_train, loss)
        run.gradient_norms = [float(np.linalg.norm(g)) for g in grads[0::2]]
        if not _record(run, net, data, task, loss, 0):
            run.diverged_at = 0
        optimizer = Adam(net.flat, lr=settings.lr)
        order = [] if run.diverged else batch_order(len(data.x_train), settings.batch_size,
                                                    settings.epochs, settings.seed)
        for epoch, batches in enumerate(order, start=1):
            start = time.perf_counter()
            for rows in batches:
                logits, cache = net.forward(data.x_train[rows])
                optimizer.step(net.flat_gradient(cache, loss.gradient(logits, data.y_train[rows])))
            run.seconds += time.perf_counter() - start  # the training steps, not the measuring
            if not _record(run, net, data, task, loss, epoch):
                run.diverged_at = epoch
            if progress is not None:
                progress(entry.name, epoch, settings.epochs)
            if run.diverged:
                break
        if not run.diverged:
            run.scores = sample_scores(task, loss.predict(net.logits(data.x_val)), data.y_val)
    return run


METRICS = {"binary": ("val_accuracy",), "multiclass": ("val_accuracy",), "multilabel": ("val_accuracy",),
           "regression": ("val_r2", "val_rmse"), "positive": ("val_r2", "val_rmse")}
"""The validation metrics of each task, as named in the history and the JSON."""


def _in_dtype(data: Split, task: str, dtype: np.dtype) -> Split:
    """``data`` with the features (and real-valued targets) in the network's dtype."""
    if data.x_train.dtype == dtype:
        return data
    from dataclasses import replace

    targets = {} if task == "multiclass" else {"y_train": data.y_train.astype(dtype), "y_val": data.y_val.astype(dtype)}
    return replace(data, x_train=data.x_train.astype(dtype), x_val=data.x_val.astype(dtype), **targets)


def _outputs(task: str, targets: np.ndarray) -> int:
    if task == "multiclass":
        return int(targets.max()) + 1
    return targets.shape[1]


EVAL_ROWS = 65_536
"""Rows whose starting gradient is computed at once: a large file holds one chunk's layers and
their backpropagation, not every row's (the per-epoch evaluation, ``MLP.logits``, chunks by itself)."""


def _gradients(net: MLP, x: np.ndarray, y: np.ndarray, loss: Loss) -> list[np.ndarray]:
    """∂loss/∂parameters on all of (x, y), from chunks of ``EVAL_ROWS`` rows: the loss is a mean over
    rows, so the whole gradient is the chunks' gradients weighted by their share of the rows."""
    if len(x) <= EVAL_ROWS:
        return net.gradients(x, y, loss)[1]
    total = None
    for i in range(0, len(x), EVAL_ROWS):
        share = len(x[i:i + EVAL_ROWS]) / len(x)
        grads = [share * g for g in net.gradients(x[i:i + EVAL_ROWS], y[i:i + EVAL_ROWS], loss)[1]]
        total = grads if total is None else [t + g for t, g in zip(total, grads)]
    return total


def _record(run: Run, net: MLP, data: Split, task: str, loss: Loss, epoch: int) -> bool:
    """Append the epoch's measurements; False when the network has diverged (non-finite loss)."""
    train_logits = net.logits(data.x_train)
    val_logits = net.logits(data.x_val)
    values = {"train_loss": loss.value(train_logits, data.y_train), "val_loss": loss.value(val_logits, data.y_val)}
    if not all(math.isfinite(v) for v in values.values()) or not np.isfinite(val_logits).all():
        return False
    if "val_r2" in METRICS[task]:
        values["val_r2"], values["val_rmse"] = _regression_metrics(loss.predict(val_logits), data.y_val, data)
    else:
        values["val_accuracy"] = float(np.mean(sample_scores(task, val_logits, data.y_val)))
    run.history["epoch"].append(epoch)
    for key, value in values.items():
        run.history[key].append(value)
    return True


# -- the comparison ----------------------------------------------------------------------------

LEVEL = 0.05
NOISE = ("an activation is best only when its validation score (accuracy; per-label accuracy for multilabel; "
         "minus the squared error on standardized targets for regression) is higher than every other "
         "activation's on every seed, and each of those differences is significant in a two-sided paired "
         "t-test over the seeds at the 5% level (one run per seed and activation; the seed sets the split, "
         "the initial weights and the batch order); otherwise the leaders tie. With one seed there is no "
         "best, only the ranking. An activation that diverged on any seed is never best.")

EXPLODED = 10.0
"""A run diverged when its training loss becomes NaN or infinite, or ends above EXPLODED times
the untrained network's training loss (and stays there from the epoch reported)."""


@dataclass
class Row:
    """One activation of a comparison: its runs, one per seed, and its verdict."""

    activation: str                  # the label: name, or name:param=value,...
    runs: list[Run]                  # one per seed, in the order of Comparison.seeds
    verdict: str = ""                # "best", "tie", "diverged" or ""
    rank: int | None = None          # 1 = highest mean validation score; None for diverged
    epochs_to_90: float | None = None  # mean over seeds; None when a seed never got there

    @property
    def params(self) -> dict[str, Any]:
        return self.runs[0].params

    @property
    def initializer(self) -> str:
        return self.runs[0].initializer

    @property
    def diverged(self) -> bool:
        return any(run.diverged for run in self.runs)

    @property
    def scores(self) -> np.ndarray:
        """Per seed: the mean validation score of the final model (see ``sample_scores``)."""
        return np.array([float(np.mean(run.scores)) for run in self.runs])

    def values(self, key: str) -> list[float] | None:
        """``key``'s final value on every seed; None when a run diverged."""
        return None if self.diverged else [run.final(key) for run in self.runs]

    def mean(self, key: str) -> float | None:
        values = self.values(key)
        return None if values is None else _mean(values)

    def sd(self, key: str) -> float | None:
        """Sample standard deviation over seeds (n − 1); None with one seed or a diverged run."""
        values = self.values(key)
        return None if values is None or len(values) < 2 else _sd(values)

    @property
    def epochs_to_90_sd(self) -> float | None:
        reached = [run.epochs_to_90 for run in self.runs]
        return _sd(reached) if self.epochs_to_90 is not None and len(reached) > 1 else None

    @property
    def seconds(self) -> float:
        """Training seconds per run, mean over seeds."""
        return sum(run.seconds for run in self.runs) / len(self.runs)

    @property
    def gradient_norm(self) -> float:
        """‖∂loss/∂W₁‖ before training, mean over seeds."""
        return _mean([run.gradient_norms[0] for run in self.runs])

    def as_dict(self, metrics: Sequence[str], seeds: Sequence[int]) -> dict[str, Any]:
        keys = ("train_loss", "val_loss", *metrics)
        return {
            "activation": self.activation,
            "params": self.params,
            "initializer": self.initializer,
            "verdict": self.verdict,
            "rank": self.rank,
            "diverged": self.diverged,
            "diverged_seeds": [seed for seed, run in zip(seeds, self.runs) if run.diverged],
            "mean": {key: self.mean(key) for key in keys},
            "sd": {key: self.sd(key) for key in keys},
            "epochs_to_90": {"mean": self.epochs_to_90, "sd": self.epochs_to_90_sd},
            "seconds": round(self.seconds, 4),
            "first_layer_gradient_norm": self.gradient_norm,
            "seeds": [{"seed": seed, **run.as_dict(metrics)} for seed, run in zip(seeds, self.runs)],
        }


def _mean(values: Sequence[float]) -> float:
    """The mean, relative to the largest magnitude: no overflow for values near 1e308."""
    array = np.asarray(values, dtype=np.float64)
    top = float(np.max(np.abs(array)))
    with np.errstate(under="ignore", invalid="ignore"):
        if top == 0 or not math.isfinite(top):
            return float(np.mean(array))
        return top * float(np.mean(array / top))


def _sd(values: Sequence[float]) -> float:
    """The sample standard deviation (n − 1), relative to the largest magnitude."""
    array = np.asarray(values, dtype=np.float64)
    top = float(np.max(np.abs(array)))
    if top == 0 or not math.isfinite(top):
        return 0.0 if top == 0 else math.nan
    with np.errstate(under="ignore"):
        return top * float(np.std(array / top, ddof=1))


@dataclass
class Comparison:
    """The runs of ``compare``, one Row per activation, and their verdicts."""

    dataset: Dataset
    task: str
    output: str
    loss: Loss
    settings: Settings
    train_rows: int
    val_rows: int
    rows: list[Row]
    target_90: float | None = None      # the value "epochs to 90%" waits for
    planned: int = 0                     # runs planned (activations × seeds)
    finished: int = 0                    # runs finished (all of them unless interrupted)
    interrupted: bool = False            # stopped by Ctrl-C: rows holds the activations whose runs all finished

    @property
    def seeds(self) -> tuple[int, ...]:
        return tuple(range(self.settings.seed, self.settings.seed + self.settings.seeds))

    @property
    def metrics(self) -> tuple[str, ...]:
        return METRICS[self.task]

    @property
    def best(self) -> Row | None:
        return next((row for row in self.rows if row.verdict == "best"), None)

    @property
    def ties(self) -> list[Row]:
        return [row for row in self.rows if row.verdict == "tie"]

    @property
    def ranking(self) -> list[Row]:
        """The rows that did not diverge, highest mean validation score first."""
        return sorted((row for row in self.rows if row.rank is not None), key=lambda row: row.rank)

    def as_dict(self) -> dict[str, Any]:
        data = {
            "dataset": self.dataset.summary(),
            "task": self.task,
            "output": {"activation": self.output, "loss": self.loss.name, "pytorch": self.loss.pytorch,
                       "keras": self.loss.keras},
            "settings": asdict(self.settings),
            "seeds": list(self.seeds),
            "train_rows": self.train_rows,
            "val_rows": self.val_rows,
            "metrics": list(self.metrics),
            "best": self.best.activation if self.best else None,
            "ties": [row.activation for row in self.ties],
            "ranking": [row.activation for row in self.ranking],
            "noise": NOISE,
            "epochs_to_90_target": self.target_90,
            "runs": [row.as_dict(self.metrics, self.seeds) for row in self.rows],
        }
        if self.interrupted:
            data["interrupted"] = {"runs_finished": self.finished, "runs_planned": self.planned}
        return data


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during ``compare``: ``partial`` is the Comparison of the activations whose runs
    had all finished (no verdict, only their ranking)."""

    def __init__(self, partial: Comparison):
        super().__init__()
        self.partial = partial


def _parse_name(spec: str) -> tuple[str, dict[str, str]]:
    """"leaky_relu:negative_slope=0.1,..." -> ("leaky_relu", {"negative_slope": "0.1"})."""
    name, _, rest = str(spec).partition(":")
    params = {}
    for pair in filter(None, (p.strip() for p in rest.split(","))):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ParameterError(f"bad activation {spec!r}: write NAME or NAME:PARAM=VALUE[,PARAM=VALUE]")
        params[key.strip().replace("-", "_")] = value.strip()
    return name.strip(), params


def compare(names: Sequence[str] = DEFAULT_ACTIVATIONS, dataset: Dataset | str = "moons",
            settings: Settings | None = None, progress: PROGRESS | None = None, jobs: int = 1) -> Comparison:
    """Train one network per hidden activation in ``names`` and seed on ``dataset``; everything
    else equal.

    ``names`` are catalog names, optionally with parameters: "leaky_relu:negative_slope=0.1".
    ``dataset`` is a Dataset or the name of a built-in one (generated from ``settings.seed``).
    Every activation is trained ``settings.seeds`` times, run i with seed ``settings.seed + i``
    (its split, initial weights and batch order). ``jobs`` > 1 trains the runs in that many
    worker processes; the results are the same, bit for bit. Ctrl-C raises ``Interrupted``
    carrying the activations whose runs had all finished.
    """
    from .datasets import builtin

    settings = (settings or Settings()).checked()
    if isinstance(jobs, bool) or not isinstance(jobs, (int, np.integer)) or jobs < 1:
        raise ParameterError(f"--jobs must be a whole number >= 1, not {jobs!r}")
    if isinstance(dataset, str):
        dataset = builtin(dataset, settings.seed)
    specs = [_parse_name(name) for name in (names or DEFAULT_ACTIVATIONS)]
    entries = [(hidden_activation(name), params) for name, params in specs]
    for entry, params in entries:  # every name and parameter checked before any training
        missing = [p.name for p in entry.params if p.required and p.name not in params]
        if missing:
            raise ParameterError(f"{entry.name} needs {', '.join(missing)} (no framework gives "
                                 f"{'it' if len(missing) == 1 else 'them'} a default): write "
                                 f"{entry.name}:{','.join(m + '=VALUE' for m in missing)}")
        entry.resolve(params)
    labels = [entry.name + (":" + ",".join(f"{k}={v}" for k, v in params.items()) if params else "")
              for entry, params in entries]
    if len(set(labels)) != len(labels):
        raise ParameterError(f"{next(label for label in labels if labels.count(label) > 1)} is named twice")
    output = output_activation(dataset.task, dataset.classes)
    loss = loss_for(output)
    seeds = list(range(settings.seed, settings.seed + settings.seeds))
    for seed in seeds:  # a column constant on the training rows of any seed's split is dropped for all
        dataset = informative(dataset, split(dataset, settings.val, seed)[0])
    train_rows, val_rows = (len(rows) for rows in split(dataset, settings.val, settings.seed))
    # run i of every activation shares seed i; activation-major, so that Ctrl-C finds whole rows done
    work = [(index, entry.name, params, seed) for index, (entry, params) in enumerate(entries) for seed in seeds]
    done: dict[tuple[int, int], Run] = {}
    try:
        _train_all(work, done, Job(dataset, settings, output), labels, progress, min(jobs, len(work)))
    except KeyboardInterrupt:
        interrupted = True
    else:
        interrupted = False
    rows = [Row(label, [done[index, seed] for seed in seeds]) for index, label in enumerate(labels)
            if all((index, seed) in done for seed in seeds)]
    result = Comparison(dataset, dataset.task, output, loss, settings, train_rows, val_rows, rows,
                        planned=len(work), finished=len(done), interrupted=interrupted)
    _judge(result)
    if interrupted:
        raise Interrupted(result)
    return result


@dataclass
class Job:
    """What every run of a comparison shares; each worker process gets it once."""

    dataset: Dataset
    settings: Settings
    output: str
    splits: dict[int, Split] = field(default_factory=dict, repr=False)  # per seed, made once per process

    def run(self, name: str, params: Mapping[str, Any], seed: int, progress: PROGRESS | None = None) -> Run:
        """Train ``name`` with seed ``seed``: its split, initial weights and batch order."""
        from dataclasses import replace

        if seed not in self.splits:
            self.splits[seed] = prepare(self.dataset, self.settings.val, seed)
        settings = replace(self.settings, seed=seed)
        report = None if progress is None else (lambda _name, epoch, epochs: progress(name, seed, epoch, epochs))
        run = train(name, self.splits[seed], self.dataset.task, loss_for(self.output), settings, params, report)
        _mark_explosion(run)
        return run


def _mark_explosion(run: Run) -> None:
    """A finite run whose training loss ends above EXPLODED × the untrained network's diverged:
    at the first epoch from which the loss stays above that."""
    losses = run.history["train_loss"]
    if run.diverged or not losses or not losses[-1] > EXPLODED * losses[0]:
        return
    first = len(losses) - 1
    while first > 0 and losses[first - 1] > EXPLODED * losses[0]:
        first -= 1
    run.diverged_at = run.history["epoch"][first]


def _train_all(work, done, job: Job, labels, progress, jobs: int) -> None:
    """Train every (activation index, name, params, seed) of ``work`` into ``done``: in this
    process (jobs 1) or in ``jobs`` worker processes (the standard library's concurrent.futures)."""
    report = None if progress is None else (lambda index, seed, epoch, epochs:
                                            progress(labels[index], seed, epoch, epochs))
    if jobs == 1:
        for index, name, params, seed in work:
            forward = None if report is None else (lambda _n, s, e, n, index=index: report(index, s, e, n))
            done[index, seed] = job.run(name, params, seed, forward)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork on Linux: a worker starts in ~0.05 s with everything imported (spawn re-imports numpy, ~0.5 s);
    # the pool forks before it starts its own thread, and the progress bars run none (no auto-refresh).
    # Elsewhere spawn, the platforms' default (a script calling compare(jobs > 1) needs the
    # ``if __name__ == "__main__":`` guard there).
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    queue = context.SimpleQueue() if report is not None else None
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(job, queue))
    try:
        pending = {pool.submit(_work, index, name, params, seed): (index, seed)
                   for index, name, params, seed in work}
        while pending:
            finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                done[pending.pop(future)] = future.result()
            while queue is not None and not queue.empty():
                report(*queue.get())
        while queue is not None and not queue.empty():
            report(*queue.get())
    except BaseException:
        # Ctrl-C (or an error): the workers ignore SIGINT, so stop them here rather than wait
        # for their runs to end.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


_JOB: list = []  # in a worker process: [Job, progress queue or None]


def _start_worker(job: Job, queue) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _JOB[:] = [job, queue]


def _work(index: int, name: str, params: Mapping[str, Any], seed: int) -> Run:
    job, queue = _JOB
    progress = None
    if queue is not None:
        last = [0.0]

        def progress(_name, seed, epoch, epochs):  # at most ~10 messages a second per run
            now = time.monotonic()
            if epoch == epochs or now - last[0] >= 0.1:
                last[0] = now
                queue.put((index, seed, epoch, epochs))
    return job.run(name, params, seed, progress)


def _judge(result: Comparison) -> None:
    """Ranks, verdicts (best, ties, diverged) and epochs to 90% of the best accuracy.

    Rows that did not diverge on any seed are ranked by their mean validation score, then
    by mean validation loss. The first is "best" when it beats every other on every seed
    with a significant paired t-test over the seeds (``significantly_ahead``); otherwise it
    and every row it is not significantly ahead of are "tie". With one seed, one row or an
    interrupted comparison there is no verdict, only the ranking.

    Epochs to 90% counts trained epochs only (1 = after the first pass over the training
    split): the first epoch whose metric reaches 90% of the highest any run reached after
    training. The untrained network (epoch 0) is never counted."""
    key = result.metrics[0]
    finished = [row for row in result.rows if not row.diverged]
    for row in result.rows:
        row.verdict, row.rank = ("diverged" if row.diverged else ""), None
    finished.sort(key=lambda row: (-_mean(row.scores), _mean(row.values("val_loss"))))
    for rank, row in enumerate(finished, start=1):
        row.rank = rank
    if len(finished) >= 2 and result.settings.seeds >= 2 and not result.interrupted:
        top = finished[0]
        tied = [row for row in finished[1:] if not significantly_ahead(top.scores, row.scores)]
        top.verdict = "tie" if tied else "best"
        for row in tied:
            row.verdict = "tie"
    runs = [run for row in finished for run in row.runs]
    trained = {id(run): [(e, v) for e, v in zip(run.history["epoch"], run.history[key]) if e >= 1] for run in runs}
    peak = max((v for pairs in trained.values() for _, v in pairs), default=0.0)
    if peak > 0:
        result.target_90 = 0.9 * peak
        for run in runs:
            run.epochs_to_90 = next((e for e, v in trained[id(run)] if v >= result.target_90), None)
        for row in finished:
            reached = [run.epochs_to_90 for run in row.runs]
            row.epochs_to_90 = None if None in reached else _mean(reached)


def significantly_ahead(a: np.ndarray, b: np.ndarray, level: float = LEVEL) -> bool:
    """True when per-seed scores ``a`` beat ``b`` on every seed and the paired t-test over the
    seeds rejects "no difference" at ``level`` (two-sided)."""
    with np.errstate(over="ignore", invalid="ignore"):  # inf or NaN differences are refused below
        d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    if not np.isfinite(d).all() or not (d > 0).all():
        return False
    return paired_t_test(d) < level


def paired_t_test(d: np.ndarray) -> float:
    """Two-sided p-value of the paired t-test that the differences ``d`` (one per seed) have mean 0:
    t = mean / (sd / √n) with n − 1 degrees of freedom. Differences all equal and nonzero give 0;
    one difference, or all zero, give 1. Scale-free: ``d`` is divided by its largest magnitude."""
    d = np.asarray(d, dtype=np.float64)
    top = float(np.max(np.abs(d))) if d.size else 0.0
    if d.size < 2 or top == 0:
        return 1.0
    with np.errstate(under="ignore"):
        d = d / top
        mean, sd = float(d.mean()), float(d.std(ddof=1))
    if sd == 0:
        return 0.0
    return student_t_two_sided(mean / (sd / math.sqrt(d.size)), d.size - 1)


def student_t_two_sided(t: float, df: int) -> float:
    """P(|T| ≥ |t|) for Student's t with a whole number ``df`` of degrees of freedom: the finite
    series of Abramowitz & Stegun 26.7.3–4 in θ = atan(|t|/√df) (no scipy import for compare)."""
    theta = math.atan(abs(t) / math.sqrt(df))
    sin, cos2 = math.sin(theta), math.cos(theta) ** 2
    if df % 2:  # odd: (2/π)(θ + sinθ cosθ (1 + 2/3 cos²θ + 2·4/(3·5) cos⁴θ + ...)), df − 3 over 2 terms
        term, total = 1.0, 1.0 if df > 1 else 0.0
        for k in range(1, (df - 1) // 2):
            term *= cos2 * (2 * k) / (2 * k + 1)
            total += term
        inside = 2 / math.pi * (theta + sin * math.cos(theta) * total)
    else:  # even: sinθ (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + ...), df/2 terms
        term = total = 1.0
        for k in range(1, df // 2):
            term *= cos2 * (2 * k - 1) / (2 * k)
            total += term
        inside = sin * total
    return min(1.0, max(0.0, 1.0 - inside))
