"""Data to compare activations on: built-in datasets generated with numpy and a seed
(no downloads), or the user's CSV file with its target column(s).

Every dataset comes as a ``Dataset``: float64 features, targets encoded for its task
(binary: (n, 1) of 0/1; multiclass: (n,) class indices; multilabel: (n, k) of 0/1;
regression: (n, t) floats), and the names of its columns and classes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..errors import InputError, ParameterError, UnknownName

TASKS = ("binary", "multiclass", "multilabel", "regression", "positive")
"""The tasks actv compare trains (positive: regression of values >= 0, with a softplus output)."""
MISSING = frozenset({"", "nan", "na", "n/a", "null", "none", "?"})
"""Cell spellings read as a missing value (compared lower-case, stripped)."""
MAX_CATEGORIES = 20
"""A text feature column with at most this many distinct values is one-hot encoded."""


@dataclass(frozen=True)
class Dataset:
    """Features and encoded targets of one dataset, with the names a report needs."""

    name: str
    features: np.ndarray                 # (n, d) float64
    targets: np.ndarray                  # encoded for ``task`` (see the module docstring)
    task: str
    classes: int | None                  # binary: 2; multiclass: K; multilabel: labels; regression: None
    feature_names: tuple[str, ...]
    target_names: tuple[str, ...]
    labels: tuple[str, ...] = ()         # class labels in index order (binary, multiclass)
    description: str = ""
    notes: tuple[str, ...] = field(default=())  # what was done to the data (dropped rows, one-hot)

    @property
    def rows(self) -> int:
        return self.features.shape[0]

    def summary(self) -> dict:
        return {"name": self.name, "task": self.task, "classes": self.classes, "rows": self.rows,
                "features": list(self.feature_names), "targets": list(self.target_names),
                "labels": list(self.labels), "description": self.description, "notes": list(self.notes)}


# -- built-in datasets -------------------------------------------------------------------------

def moons(rng: np.random.Generator, n: int = 500, noise: float = 0.2):
    """Two interleaving half circles (binary), Gaussian noise of standard deviation ``noise``."""
    k = n // 2
    t = rng.uniform(0, math.pi, n)
    outer = np.column_stack([np.cos(t[:k]), np.sin(t[:k])])
    inner = np.column_stack([1 - np.cos(t[k:]), 0.5 - np.sin(t[k:])])
    x = np.vstack([outer, inner]) + rng.normal(0, noise, (n, 2))
    return x, np.r_[np.zeros(k), np.ones(n - k)]


def circles(rng: np.random.Generator, n: int = 500, noise: float = 0.1, factor: float = 0.5):
    """A small circle inside a large one (binary); radius ratio ``factor``."""
    k = n // 2
    t = rng.uniform(0, 2 * math.pi, n)
    radius = np.r_[np.ones(k), np.full(n - k, factor)]
    x = radius[:, None] * np.column_stack([np.cos(t), np.sin(t)]) + rng.normal(0, noise, (n, 2))
    return x, np.r_[np.zeros(k), np.ones(n - k)]


def spirals(rng: np.random.Generator, n: int = 600, classes: int = 3, noise: float = 0.2):
    """``classes`` interleaved spiral arms (multiclass), as in Stanford's CS231n notes."""
    per = n // classes
    radius = np.tile(np.linspace(0.0, 1.0, per), classes)
    arm = np.repeat(np.arange(classes), per)
    angle = arm * 4.0 + radius * 4.0 + rng.normal(0, noise, per * classes)
    x = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    return x, arm.astype(np.float64)


def xor(rng: np.random.Generator, n: int = 500, noise: float = 0.05):
    """Points in the square [-1, 1]²; label 1 where the two coordinates have the same sign (binary).
    The label comes from the clean point; ``noise`` moves the point it is shown at."""
    clean = rng.uniform(-1, 1, (n, 2))
    return clean + rng.normal(0, noise, (n, 2)), (clean[:, 0] * clean[:, 1] > 0).astype(np.float64)


def sine(rng: np.random.Generator, n: int = 500, noise: float = 0.1):
    """y = sin(2x) + noise for x uniform in [-π, π] (regression, one feature)."""
    x = rng.uniform(-math.pi, math.pi, (n, 1))
    return x, np.sin(2 * x[:, 0]) + rng.normal(0, noise, n)


def blobs_multilabel(rng: np.random.Generator, n: int = 600, labels: int = 3, noise: float = 0.6):
    """Each point carries each of ``labels`` labels with probability ½; label k moves it by 2 along
    feature axis k, plus Gaussian noise (multilabel: any subset of labels, including none)."""
    y = (rng.uniform(size=(n, labels)) < 0.5).astype(np.float64)
    return 2.0 * y + rng.normal(0, noise, (n, labels)), y


@dataclass(frozen=True)
class Builtin:
    make: Callable[..., tuple[np.ndarray, np.ndarray]]
    task: str
    description: str


BUILTINS: dict[str, Builtin] = {
    "moons": Builtin(moons, "binary", "two interleaving half circles, 500 points, noise 0.2"),
    "circles": Builtin(circles, "binary", "a circle inside a circle, 500 points, noise 0.1"),
    "spirals": Builtin(spirals, "multiclass", "three spiral arms, 600 points, angle noise 0.2"),
    "xor": Builtin(xor, "binary", "same sign of two coordinates, 500 points, noise 0.05"),
    "sine": Builtin(sine, "regression", "y = sin(2x) + noise 0.1, x in [-π, π], 500 points"),
    "blobs-multilabel": Builtin(blobs_multilabel, "multilabel",
                                "three independent labels, each shifting one feature by 2, 600 points"),
}


def builtin(name: str, seed: int = 0) -> Dataset:
    """The built-in dataset ``name``, generated from ``seed`` (same seed, same data)."""
    key = str(name).strip().lower().replace("_", "-")
    if key not in BUILTINS:
        raise UnknownName(name, BUILTINS, kind="dataset")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ParameterError(f"the seed must be a whole number >= 0, not {seed!r}")
    spec = BUILTINS[key]
    x, y = spec.make(np.random.default_rng(seed))
    d = x.shape[1]
    feature_names = tuple(f"x{j + 1}" for j in range(d))
    if spec.task == "binary":
        return Dataset(key, x, y.reshape(-1, 1), "binary", 2, feature_names, ("y",), ("0", "1"),
                       spec.description)
    if spec.task == "multiclass":
        k = int(y.max()) + 1
        return Dataset(key, x, y.astype(np.int64), "multiclass", k, feature_names, ("y",),
                       tuple(str(c) for c in range(k)), spec.description)
    if spec.task == "multilabel":
        k = y.shape[1]
        return Dataset(key, x, y, "multilabel", k, feature_names, tuple(f"y{j + 1}" for j in range(k)),
                       (), spec.description)
    return Dataset(key, x, y.reshape(-1, 1), "regression", None, feature_names, ("y",), (), spec.description)


# -- CSV ---------------------------------------------------------------------------------------

def _number(text: str) -> float | None:
    """The number a cell holds; None for text; NaN for a missing value."""
    cell = text.strip()
    if cell.lower() in MISSING:
        return math.nan
    try:
        value = float(cell)
    except ValueError:
        return None
    return value


def read_table(path: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, rows and their line numbers of a CSV file with a header row."""
    import csv

    try:
        with open(path, newline="", encoding="utf-8-sig") as stream:
            sample = stream.read(65536)
            stream.seek(0)
            try:  # the delimiter as `actv recommend --data` finds it: comma, semicolon or tab
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
            lines = [(number, row) for number, row in _numbered(csv.reader(stream, delimiter=delimiter))
                     if any(cell.strip() for cell in row)]
    except FileNotFoundError:
        raise InputError(f"cannot read {path!r}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {path!r}: it is a directory") from None
    except UnicodeDecodeError:
        raise InputError(f"{path!r} is not a UTF-8 text CSV file") from None
    except (OSError, csv.Error) as error:
        raise InputError(f"cannot read {path!r}: {error}") from None
    if not lines:
        raise InputError(f"{path!r} is empty: expected a header row and data rows")
    header = [name.strip() for name in lines[0][1]]
    if len(set(header)) != len(header):
        twice = next(name for name in header if header.count(name) > 1)
        raise InputError(f"{path}: column {twice!r} appears twice in the header")
    rows, numbers = [], []
    for line, row in lines[1:]:
        if len(row) != len(header):
            raise InputError(f"{path}, line {line}: {len(row)} fields, the header has {len(header)}")
        rows.append(row)
        numbers.append(line)
    return header, rows, numbers


def _numbered(reader):
    for row in reader:
        yield reader.line_num, row


def parse_targets(targets: str | Sequence[str] | None) -> list[str]:
    """"a,b" or ["a", "b"] -> ["a", "b"]."""
    if targets is None:
        return []
    parts = [targets] if isinstance(targets, str) else list(targets)
    return [name.strip() for part in parts for name in str(part).split(",") if name.strip()]


def from_csv(path: str, targets: str | Sequence[str], task: str, dropna: bool = False) -> Dataset:
    """Features and ``task``-encoded targets from a CSV file with a header row.

    Numeric feature columns are used as they are; a text column with at most
    ``MAX_CATEGORIES`` distinct values is one-hot encoded (one 0/1 column per value);
    other text columns are refused. Rows with a missing value (empty, NaN, NA, ?)
    are refused with their line numbers, or dropped with ``dropna``.
    """
    names = parse_targets(targets)
    if not names:
        raise InputError("--data needs --target COLUMN (the column to predict)")
    if task not in TASKS:
        raise UnknownName(task, TASKS, kind="task")
    header, rows, lines = read_table(path)
    missing = [name for name in names if name not in header]
    if missing:
        raise InputError(f"{path!r} has no column {missing[0]!r}; its columns are: {', '.join(header)}")
    if len(names) != len(set(names)):
        raise InputError("a target column is named twice")
    feature_columns = [j for j, name in enumerate(header) if name not in names]
    if not feature_columns:
        raise InputError(f"{path}: no feature columns left besides the target")
    if not rows:
        raise InputError(f"{path} has a header but no rows")
    target_columns = [header.index(name) for name in names]

    notes = []
    cells = {j: [row[j] for row in rows] for j in range(len(header))}
    values = {j: [_number(text) for text in column] for j, column in cells.items()}
    text_targets = task in ("binary", "multiclass")

    def empty(j, i):
        return cells[j][i].strip().lower() in MISSING

    # rows with a missing value anywhere we need one
    holes = [i for i in range(len(rows))
             if any(empty(j, i) for j in feature_columns + target_columns)]
    if holes and not dropna:
        shown = ", ".join(str(lines[i]) for i in holes[:8]) + (", ..." if len(holes) > 8 else "")
        raise InputError(f"{path}: missing values (empty, NaN or NA) on {len(holes)} "
                         f"row{'s' if len(holes) > 1 else ''} (line{'s' if len(holes) > 1 else ''} "
                         f"{shown}); fix them or pass --dropna to drop those rows")
    keep = [i for i in range(len(rows)) if i not in set(holes)]
    if holes:
        notes.append(f"dropped {len(holes)} row{'s' if len(holes) > 1 else ''} with missing values (--dropna)")
    if not keep:
        raise InputError(f"{path}: no rows left after dropping rows with missing values")

    feature_blocks, feature_names = [], []
    for j in feature_columns:
        numbers = [values[j][i] for i in keep]
        texts = [i for i in keep if values[j][i] is None]
        if not texts:
            feature_blocks.append(np.array(numbers, dtype=np.float64)[:, None])
            feature_names.append(header[j])
            continue
        if len(texts) < len(keep):
            first = next(i for i in keep if values[j][i] is not None)
            bad = texts[0]
            raise InputError(f"{path}: feature column {header[j]!r} mixes numbers (line {lines[first]}: "
                             f"{cells[j][first].strip()!r}) and text (line {lines[bad]}: "
                             f"{cells[j][bad].strip()!r}); make it all numbers or all categories")
        categories = sorted({cells[j][i].strip() for i in keep})
        if len(categories) > MAX_CATEGORIES:
            raise InputError(f"{path}: feature column {header[j]!r} is text with {len(categories)} distinct "
                             f"values (line {lines[keep[0]]}: {cells[j][keep[0]].strip()!r}); at most "
                             f"{MAX_CATEGORIES} are one-hot encoded: drop or encode it")
        block = np.array([[cells[j][i].strip() == c for c in categories] for i in keep], dtype=np.float64)
        feature_blocks.append(block)
        feature_names += [f"{header[j]}={c}" for c in categories]
        notes.append(f"one-hot encoded text column {header[j]!r} ({len(categories)} values)")
    features = np.hstack(feature_blocks)

    labels: tuple[str, ...] = ()
    if text_targets:
        if len(names) != 1:
            raise InputError(f"a {task} task has one target column, not {len(names)}: {', '.join(names)}")
        j = target_columns[0]
        raw = [cells[j][i].strip() for i in keep]
        numeric = all(values[j][i] is not None for i in keep)
        distinct = sorted(set(raw), key=(lambda s: float(s)) if numeric else None)
        if len(distinct) < 2:
            raise InputError(f"{path}: target {names[0]!r} holds a single value ({distinct[0]!r}): "
                             "nothing to classify")
        if task == "binary" and len(distinct) != 2:
            raise InputError(f"{path}: a binary target has 2 distinct values; {names[0]!r} has "
                             f"{len(distinct)}: use --task multiclass")
        index = {label: k for k, label in enumerate(distinct)}
        codes = np.array([index[label] for label in raw], dtype=np.int64)
        labels = tuple(distinct)
        if len(keep) < len(distinct):
            raise InputError(f"{path}: {len(keep)} rows for {len(distinct)} classes")
        targets_array = codes.astype(np.float64).reshape(-1, 1) if task == "binary" else codes
        classes = len(distinct)
    else:
        for j in target_columns:
            text = next((i for i in keep if values[j][i] is None), None)
            if text is not None:
                raise InputError(f"{path}: target {header[j]!r} is not numeric (line {lines[text]}: "
                                 f"{cells[j][text].strip()!r}); a {task} target must be numbers")
        targets_array = np.array([[values[j][i] for j in target_columns] for i in keep], dtype=np.float64)
        classes = None
        if task == "multilabel":
            bad = ~np.isin(targets_array, (0.0, 1.0))
            if bad.any():
                i, c = np.argwhere(bad)[0]
                raise InputError(f"{path}: multilabel targets are 0 or 1; {names[c]!r} holds "
                                 f"{cells[target_columns[c]][keep[i]].strip()!r} (line {lines[keep[i]]})")
            classes = len(names)
        elif not np.isfinite(targets_array).all():
            raise InputError(f"{path}: a regression target must be finite numbers")
        elif task == "positive" and (targets_array < 0).any():
            i, c = np.argwhere(targets_array < 0)[0]
            raise InputError(f"{path}: a positive target is >= 0; {names[c]!r} holds "
                             f"{cells[target_columns[c]][keep[i]].strip()!r} (line {lines[keep[i]]}): "
                             "use --task regression")
    if not np.isfinite(features).all():
        i = int(np.argwhere(~np.isfinite(features))[0][0])
        raise InputError(f"{path}: line {lines[keep[i]]} holds an infinite feature value")
    return Dataset(name=str(path), features=features, targets=targets_array, task=task, classes=classes,
                   feature_names=tuple(feature_names), target_names=tuple(names), labels=labels,
                   description=f"{len(keep)} rows of {path}", notes=tuple(notes))


def load(name: str | None = None, path: str | None = None, targets: str | Sequence[str] | None = None,
         task: str | None = None, dropna: bool = False, seed: int = 0) -> Dataset:
    """The built-in dataset ``name`` (default moons), or the CSV file ``path`` with ``targets``.

    For a CSV file without ``task``, the task is inferred the way ``actv recommend --data``
    infers it (``activation_cli.advice.inference.infer_task``); the reason is kept in ``notes``.
    """
    if task is not None:
        from ..advice.rules import task_name

        try:
            task = task_name(task)  # the rule table's names and aliases
        except UnknownName:  # the choices shown are the tasks compare trains, not the rule table's
            raise UnknownName(task, TASKS, kind="task") from None
        if task not in TASKS:
            raise InputError(f"actv compare trains {', '.join(TASKS)} tasks, not {task}"
                             + (" (it needs the range [a, b]): use --task regression" if task == "bounded"
                                else ""))
    if path is not None and name is not None:
        raise InputError("give --dataset NAME or --data FILE.csv, not both")
    if path is None:
        if targets:
            raise InputError("--target names a column of --data FILE.csv")
        if dropna:
            raise InputError("--dropna applies to --data FILE.csv; built-in datasets have no missing values")
        dataset = builtin(name or "moons", seed)
        if task is not None and task != dataset.task:
            fitting = [key for key, spec in BUILTINS.items() if spec.task == task]
            other = f"pick another dataset ({', '.join(fitting)})" if fitting else "use --data FILE.csv"
            raise InputError(f"{dataset.name} is a {dataset.task} dataset, not {task}: drop --task, or {other}")
        return dataset
    names = parse_targets(targets)
    if not names:
        raise InputError("--data needs --target COLUMN (the column to predict)")
    notes = []
    if task is None:
        from ..advice.inference import infer_task

        inference = infer_task(path, names)
        if inference.task not in TASKS:
            raise InputError(f"{path}: the inferred task is {inference.task} ({inference.reason}); "
                             f"actv compare trains {', '.join(TASKS)}: pass --task")
        task = inference.task
        notes.append(f"task inferred: {inference.reason.rstrip('.')}")
    dataset = from_csv(path, names, task, dropna=dropna)
    if notes:
        from dataclasses import replace

        dataset = replace(dataset, notes=tuple(notes) + dataset.notes)
    return dataset
