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

BLOCK = 1 << 20
"""Bytes of the file parsed at a time (numpy's reader takes a block of whole lines at once)."""
CHUNK_ROWS = 8192
"""Rows per chunk where the csv module reads (quoted fields, text cells, rows of the wrong length)."""
Progress = Callable[[int, int], None]
"""``progress(bytes read, bytes in the file)``, called as a file loads."""


@dataclass(frozen=True)
class Table:
    """A CSV file parsed once, column-wise into numpy.

    ``values`` is (rows, columns) float64: each cell's number, NaN where the cell is missing or
    text. ``text`` maps a column that holds text cells to (codes, texts): codes (rows,) int32,
    -1 where the cell is not text, else the index of its stripped text in ``texts``. Blank rows
    are not rows; line numbers (for messages) are found again by ``located``."""

    path: str
    header: tuple[str, ...]
    values: np.ndarray
    text: dict[int, tuple[np.ndarray, tuple[str, ...]]]
    delimiter: str

    @property
    def rows(self) -> int:
        return self.values.shape[0]

    def codes(self, column: int) -> np.ndarray | None:
        """The text codes of ``column`` (-1: not text), or None when it holds no text."""
        return self.text[column][0] if column in self.text else None

    def missing(self, column: int) -> np.ndarray:
        """Per row: is the cell of ``column`` missing (empty, NaN, NA, ...)?"""
        missing = np.isnan(self.values[:, column])
        codes = self.codes(column)
        return missing if codes is None else missing & (codes < 0)

    def located(self, rows: Sequence[int]) -> dict[int, tuple[int, list[str]]]:
        """Row index -> (line number, cells), read again from the file (for messages only)."""
        import csv

        wanted, found = {int(i) for i in rows}, {}
        with open(self.path, newline="", encoding="utf-8-sig") as stream:
            reader = csv.reader(stream, delimiter=self.delimiter)
            index = -2  # the header is the first non-blank row
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                index += 1
                if index in wanted:
                    found[index] = (reader.line_num, row)
                    if len(found) == len(wanted):
                        break
        return found

    def cells(self, column: int) -> list[str]:
        """Every row's cell of ``column`` as written (stripped), read again from the file: for a
        column that mixes numbers and text, whose numbers are then labels spelled as written."""
        import csv

        with open(self.path, newline="", encoding="utf-8-sig") as stream:
            rows = (row for row in csv.reader(stream, delimiter=self.delimiter) if any(cell.strip() for cell in row))
            next(rows)
            return [row[column].strip() for row in rows]

    def line(self, row: int) -> int:
        return self.located([row])[row][0]

    def cell(self, row: int, column: int) -> tuple[int, str]:
        """(line number, stripped text) of one cell."""
        line, cells = self.located([row])[row]
        return line, cells[column].strip()


def read_csv(path: str, targets: Sequence[str] = (), progress: Progress | None = None) -> Table:
    """The CSV file at ``path`` (a header row, then data rows) parsed once into a ``Table``.

    The delimiter is comma, semicolon or tab, as ``actv recommend --data`` finds it. Blocks of
    plain numbers go through numpy's reader; the csv module reads the rest (quoted fields, text
    cells, unusual missing-value spellings). ``targets`` are checked against the header before
    any row is read. ``progress(done, total)`` is called after each block of bytes."""
    import csv
    import os

    from ..advice.inference import open_csv

    with open_csv(path, binary=True) as stream:
        total = os.fstat(stream.fileno()).st_size
        try:
            lines = 1  # an upper bound on the rows: the table is allocated once, filled block by block
            for data in iter(lambda: stream.read(BLOCK), b""):
                lines += data.count(b"\n") + data.count(b"\r")  # CRLF counts twice: only an upper bound
            stream.seek(0)
            return _parse(path, _blocks(stream, total, progress), targets, lines)
        except UnicodeDecodeError:
            raise InputError(f"{path!r} is not a UTF-8 text CSV file") from None
        except (OSError, csv.Error) as error:
            raise InputError(f"cannot read {path!r}: {error}") from None


def _blocks(stream, total: int, progress: Progress | None):
    """The file as text blocks of about ``BLOCK`` bytes, each ending at a line end (no BOM)."""
    rest, done, first = b"", 0, True
    if progress is not None:
        progress(0, total)
    while True:
        data = stream.read(BLOCK)
        done += len(data)
        if not data:
            if rest:
                yield rest.decode("utf-8-sig" if first else "utf-8")
            return
        data = rest + data
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest = data
            continue
        rest = data[cut:]
        yield data[:cut].decode("utf-8-sig" if first else "utf-8")
        first = False
        if progress is not None:
            progress(done, total)


def _parse(path: str, blocks, targets: Sequence[str], capacity: int) -> Table:
    import csv
    import io
    from itertools import chain, islice

    from ..advice.inference import check_targets, delimiter_of

    text, header, delimiter = "", None, ","
    for block in blocks:  # the header: the first non-blank row (of the first block, on any real file)
        text += block
        delimiter = delimiter_of(text)  # as `actv recommend --data` finds it
        lines = iter(io.StringIO(text, newline=""))
        reader = csv.reader(lines, delimiter=delimiter)
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        if header is not None:
            break
    if header is None:
        raise InputError(f"{path!r} is empty: expected a header row and data rows")
    header = tuple(name.strip() for name in header)
    if len(set(header)) != len(header):
        twice = next(name for name in header if header.count(name) > 1)
        raise InputError(f"{path}: column {twice!r} appears twice in the header")
    check_targets(path, header, targets)
    if targets and all(name in targets for name in header):
        raise InputError(f"{path}: no feature columns left besides the target")

    width, line = len(header), reader.line_num
    table = np.empty((capacity, width))  # pages never written are never resident
    rows = 0
    codes: dict[int, list[tuple[int, np.ndarray]]] = {}  # column -> (first row, codes) per chunk with text
    categories: dict[int, dict[str, int]] = {}

    def add(values: np.ndarray, chunk_codes: dict[int, np.ndarray] | None = None) -> None:
        nonlocal rows
        table[rows:rows + values.shape[0]] = values
        for j, code in (chunk_codes or {}).items():
            codes.setdefault(j, []).append((rows, code))
        rows += values.shape[0]

    for block in chain(["".join(lines)], blocks):
        if not block:
            continue
        if '"' in block or ("\r" in block and block.count("\r") != block.count("\r\n")):
            # quoted fields (perhaps spanning blocks) or lone CR line ends: the csv module reads the rest
            rest = chain(io.StringIO(block, newline=""), (row for b in blocks for row in io.StringIO(b, newline="")))
            reader = csv.reader(rest, delimiter=delimiter)
            records = _records(reader, line, width, path)
            for chunk in iter(lambda: list(islice(records, CHUNK_ROWS)), []):
                add(*_convert(chunk, width, categories))
            break
        texts = sorted(j for j, words in categories.items() if words)
        values = _with_text(block, delimiter, width, texts, categories) if texts else _numbers(block, delimiter, width)
        if values is not None:
            add(*values) if texts else add(values)
        else:
            records = _records(csv.reader(io.StringIO(block, newline=""), delimiter=delimiter), line, width, path)
            for chunk in iter(lambda: list(islice(records, CHUNK_ROWS)), []):
                add(*_convert(chunk, width, categories))
        line += block.count("\n")
        del values

    text = {}
    for j, pieces in codes.items():
        column = np.full(rows, -1, dtype=np.int32)
        for start, code in pieces:
            column[start:start + code.size] = code
        text[j] = (column, tuple(categories[j]))
    return Table(str(path), header, table[:rows], text, delimiter)


def _records(reader, offset: int, width: int, path: str):
    """The non-blank rows of ``reader``; a row of the wrong length is an InputError with its line."""
    for row in reader:
        if len(row) == width and row[0].strip():
            yield row
        elif any(cell.strip() for cell in row):
            if len(row) != width:
                raise InputError(f"{path}, line {offset + reader.line_num}: {len(row)} fields, "
                                 f"the header has {width}")
            yield row


def _numbers(block: str | list[str], delimiter: str, width: int, usecols: list[int] | None = None
             ) -> np.ndarray | None:
    """A block (text, or its lines) of numbers read by numpy's reader, or None when it holds anything
    else (text, a row of the wrong length). Missing cells that numpy refuses ('', NA, ?, ...:
    ``MISSING``) are written as nan on the lines that hold them, one spelling at a time. With
    ``usecols``, only those columns are read."""
    import io
    import re

    columns = width if usecols is None else len(usecols)
    if not any(line.strip() for line in ([block] if isinstance(block, str) else block)):
        return None if isinstance(block, str) else np.empty((0, columns))
    lines = block
    written = set()
    while True:
        try:
            values = np.loadtxt(io.StringIO(lines, newline="") if isinstance(lines, str) else lines,
                                delimiter=delimiter, comments=None, dtype=np.float64, ndmin=2, usecols=usecols)
            return values if values.shape[1] == columns else None
        except ValueError as error:  # numpy says which cell it could not read; anything else: the csv module
            found = re.search(r"could not convert string '(.*)' to float64", str(error))
            word = found.group(1) if found else None
            if word is None or word in written or word.strip().lower() not in MISSING:
                return None
            written.add(word)
            if isinstance(lines, str):  # every CR is in a CRLF here (lone CRs went to the csv module)
                lines = lines.split("\r\n" if "\r" in lines else "\n")
            lines = _written_as_nan(lines, delimiter, word)
            if not any(lines):  # every row was blank (numpy would warn of no data)
                return np.empty((0, columns))


def _with_text(block: str, d: str, width: int, texts: list[int], categories: dict[int, dict[str, int]]):
    """A block whose columns ``texts`` hold text (as earlier blocks showed) and the others numbers:
    (values, {column: text codes}) with numpy's reader for the numbers and the text cells split off
    in Python; None when it holds anything else (a row of the wrong length, text elsewhere)."""
    lines = [line for line in block.split("\r\n" if "\r" in block else "\n") if line.replace(d, "").strip()]
    if any(line.count(d) != width - 1 for line in lines):
        return None
    numeric = [j for j in range(width) if j not in texts]
    loaded = _numbers(lines, d, width, numeric)
    if loaded is None or loaded.shape[0] != len(lines):
        return None
    values = np.empty((len(lines), width))
    values[:, numeric] = loaded
    low, high = min(texts), max(texts)
    if high + 1 <= width - low:  # split only as far as the text columns: from the left ...
        cells = [line.split(d, high + 1) for line in lines]
        offset = 0
    else:  # ... or from the right
        cells = [line.rsplit(d, width - low) for line in lines]
        offset = width - len(cells[0]) if cells else 0
    codes = {}
    for j in texts:
        values[:, j], code = _cells([row[j - offset] for row in cells], categories.setdefault(j, {}))
        if code is not None:
            codes[j] = code
    return values, codes


def _written_as_nan(lines: list[str], d: str, word: str) -> list[str]:
    """``lines`` with every cell that is exactly ``word`` written as nan."""
    inner, nan, start, end = d + word + d, d + "nan" + d, word + d, d + word

    def fixed(line):
        if not line.replace(d, "").strip():
            return ""  # a row of empty cells is a blank row, as the csv module reads it: skipped
        # with a delimiter at both ends, the first and last cells are inner cells too
        return (d + line + d).replace(inner, nan).replace(inner, nan)[1:-1]  # twice: ",,," overlaps

    return [fixed(line) if inner in line or line.startswith(start) or line.endswith(end) else line
            for line in lines]


def _convert(chunk: list[list[str]], width: int, categories: dict[int, dict[str, int]]):
    """Rows of cells -> (values (rows, width), {column: text codes}); a column's texts get codes
    in ``categories[column]`` (shared by the chunks)."""
    values = np.empty((len(chunk), width))
    codes = {}
    for j, column in enumerate(zip(*chunk)):
        try:
            values[:, j] = np.fromiter(map(float, column), np.float64, len(column))
            continue
        except ValueError:
            pass
        values[:, j], code = _cells(column, categories.setdefault(j, {}))
        if code is not None:
            codes[j] = code
    return values, codes


def _cells(column: Sequence[str], texts: dict[str, int]) -> tuple[np.ndarray, np.ndarray | None]:
    """One column's cells -> (numbers, NaN where missing or text; text codes, -1 where not text, or
    None when no cell is text); new texts get the next code in ``texts``."""
    values = np.empty(len(column))
    code = None
    for i, cell in enumerate(column):
        try:
            values[i] = float(cell)
        except ValueError:
            values[i] = math.nan
            cell = cell.strip()
            if cell.lower() in MISSING:
                continue
            if code is None:
                code = np.full(len(column), -1, dtype=np.int32)
            code[i] = texts.setdefault(cell, len(texts))
    return values, code


def parse_targets(targets: str | Sequence[str] | None) -> list[str]:
    """"a,b" or ["a", "b"] -> ["a", "b"]."""
    if targets is None:
        return []
    parts = [targets] if isinstance(targets, str) else list(targets)
    return [name.strip() for part in parts for name in str(part).split(",") if name.strip()]


def infer(table: Table, targets: Sequence[str]):
    """The task of ``targets`` by ``activation_cli.advice.inference``'s rules, applied to the
    parsed columns: rows with a missing or non-finite target are left out, as there."""
    from ..advice.inference import SHOWN, Column, decide

    columns = [table.header.index(name) for name in targets]
    readable = np.ones(table.rows, dtype=bool)
    for j in columns:
        codes = table.codes(j)
        readable &= np.isfinite(table.values[:, j]) | (False if codes is None else codes >= 0)
    rows = int(readable.sum())
    if not rows:
        raise InputError(f"{table.path!r} has no readable data rows"
                         + (f" ({table.rows} unreadable)" if table.rows else ""))
    summaries = []
    for j in columns:
        values, codes = table.values[readable, j], table.codes(j)
        text = None if codes is None else codes[readable]
        if text is None or not (text >= 0).any():
            distinct = np.unique(values)
            summaries.append(Column(True, distinct.size, tuple(float(v) for v in distinct[:SHOWN + 1]),
                                    bool((distinct == np.floor(distinct)).all()), float(distinct[0])))
            continue
        if (text >= 0).all():  # all text: the words are the column's categories
            words = table.text[j][1]
            distinct = sorted(words[k] for k in np.unique(text))
        else:  # numbers among text: labels as written, read again from the file (a rare column)
            distinct = sorted({cell for cell, ok in zip(table.cells(j), readable) if ok})
        summaries.append(Column(False, len(distinct), tuple(distinct[:SHOWN + 1])))
    return decide(list(targets), summaries, rows)


def from_csv(path: str, targets: str | Sequence[str], task: str, dropna: bool = False,
             progress: Progress | None = None) -> Dataset:
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
    if len(names) != len(set(names)):
        raise InputError("a target column is named twice")
    return from_table(read_csv(path, names, progress), names, task, dropna)


def from_table(table: Table, names: Sequence[str], task: str, dropna: bool = False) -> Dataset:
    """``from_csv`` on a file already parsed."""
    path, header = table.path, table.header
    feature_columns = [j for j, name in enumerate(header) if name not in names]
    target_columns = [header.index(name) for name in names]
    if not table.rows:
        raise InputError(f"{path} has a header but no rows")

    notes = []
    missing = np.isnan(table.values)  # every column is a feature or a target
    for j, (codes, _) in table.text.items():
        missing[:, j] &= codes < 0  # a text cell is not missing
    holes = missing.any(axis=1)
    del missing
    count = int(holes.sum())
    if count and not dropna:
        first = np.flatnonzero(holes)[:8]
        lines = table.located(first)
        shown = ", ".join(str(lines[i][0]) for i in first) + (", ..." if count > 8 else "")
        raise InputError(f"{path}: missing values (empty, NaN or NA) on {count} "
                         f"row{'s' if count > 1 else ''} (line{'s' if count > 1 else ''} "
                         f"{shown}); fix them or pass --dropna to drop those rows")
    kept = np.flatnonzero(~holes) if count else None
    if count:
        notes.append(f"dropped {count} row{'s' if count > 1 else ''} with missing values (--dropna)")
        if not kept.size:
            raise InputError(f"{path}: no rows left after dropping rows with missing values")
    values = table.values if kept is None else table.values[kept]
    rows = values.shape[0]

    def original(i):  # the table's row of the i-th kept row
        return int(i if kept is None else kept[i])

    def codes_of(j):
        codes = table.codes(j)
        return None if codes is None else (codes if kept is None else codes[kept])

    pieces, feature_names, numeric = [], [], []
    for j in feature_columns:
        codes = codes_of(j)
        text = None if codes is None else codes >= 0
        if text is None or not text.any():
            numeric.append(j)
            pieces.append(j)
            feature_names.append(header[j])
            continue
        if not text.all():
            first, bad = int(np.argmin(text)), int(np.argmax(text))
            (line_first, cells_first), (line_bad, cells_bad) = (
                table.located([original(first), original(bad)])[original(k)] for k in (first, bad))
            raise InputError(f"{path}: feature column {header[j]!r} mixes numbers (line {line_first}: "
                             f"{cells_first[j].strip()!r}) and text (line {line_bad}: "
                             f"{cells_bad[j].strip()!r}); make it all numbers or all categories")
        texts = table.text[j][1]
        used = np.unique(codes)
        categories = sorted(texts[k] for k in used)
        if len(categories) > MAX_CATEGORIES:
            raise InputError(f"{path}: feature column {header[j]!r} is text with {len(categories)} distinct "
                             f"values (line {table.line(original(0))}: {texts[codes[0]]!r}); at most "
                             f"{MAX_CATEGORIES} are one-hot encoded: drop or encode it")
        rank = np.zeros(len(texts), dtype=np.int64)
        rank[used] = [categories.index(texts[k]) for k in used]
        block = np.zeros((rows, len(categories)))
        block[np.arange(rows), rank[codes]] = 1.0
        pieces.append(block)
        feature_names += [f"{header[j]}={c}" for c in categories]
        notes.append(f"one-hot encoded text column {header[j]!r} ({len(categories)} values)")
    if len(numeric) == len(pieces) and numeric == list(range(numeric[0], numeric[-1] + 1)):
        features = values[:, numeric[0]:numeric[-1] + 1]  # a view (target first or last): no copy
    elif len(numeric) == len(pieces):
        features = values[:, numeric]
    else:
        features = np.hstack([values[:, [piece]] if isinstance(piece, int) else piece for piece in pieces])

    labels: tuple[str, ...] = ()
    if task in ("binary", "multiclass"):
        if len(names) != 1:
            raise InputError(f"a {task} task has one target column, not {len(names)}: {', '.join(names)}")
        targets_array, labels = _classes(table, values, kept, codes_of, target_columns[0], names[0], task)
        classes = len(labels)
    else:
        for j in target_columns:
            codes = codes_of(j)
            if codes is not None and (codes >= 0).any():
                line, cell = table.cell(original(int(np.argmax(codes >= 0))), j)
                raise InputError(f"{path}: target {header[j]!r} is not numeric (line {line}: "
                                 f"{cell!r}); a {task} target must be numbers")
        targets_array = values[:, target_columns]
        classes = None
        if task == "multilabel":
            bad = ~np.isin(targets_array, (0.0, 1.0))
            if bad.any():
                i, c = np.argwhere(bad)[0]
                line, cell = table.cell(original(i), target_columns[c])
                raise InputError(f"{path}: multilabel targets are 0 or 1; {names[c]!r} holds {cell!r} (line {line})")
            classes = len(names)
        elif not np.isfinite(targets_array).all():
            raise InputError(f"{path}: a regression target must be finite numbers")
        elif task == "positive" and (targets_array < 0).any():
            i, c = np.argwhere(targets_array < 0)[0]
            line, cell = table.cell(original(i), target_columns[c])
            raise InputError(f"{path}: a positive target is >= 0; {names[c]!r} holds {cell!r} (line {line}): "
                             "use --task regression")
    finite = np.isfinite(features).all(axis=1)
    if not finite.all():
        i = int(np.argmin(finite))
        raise InputError(f"{path}: line {table.line(original(i))} holds an infinite feature value")
    return Dataset(name=str(path), features=features, targets=targets_array, task=task, classes=classes,
                   feature_names=tuple(feature_names), target_names=tuple(names), labels=labels,
                   description=f"{rows} rows of {path}", notes=tuple(notes))


def _classes(table: Table, values: np.ndarray, kept: np.ndarray | None, codes_of, column: int, name: str,
             task: str):
    """(encoded targets, labels) of a binary or multiclass target: labels sorted as numbers
    when every cell is a number (1 and 1.0 are one class), else as the text written."""
    from ..advice.inference import value_text

    path = table.path
    codes = codes_of(column)
    numbers = values[:, column]
    if codes is None or not (codes >= 0).any():
        distinct, index = np.unique(numbers, return_inverse=True)
        labels = tuple(value_text(float(v)) for v in distinct)
    else:
        if (codes >= 0).all():  # all text: labels are the categories, sorted; rows keep their codes
            words = table.text[column][1]
            used = np.unique(codes)
            labels = tuple(sorted(words[k] for k in used))
            rank = np.zeros(len(words), dtype=np.int64)
            rank[used] = [labels.index(words[k]) for k in used]
            index = rank[codes]
        else:  # numbers among text: labels as written, read again from the file (a rare column)
            raw = table.cells(column)
            raw = raw if kept is None else [raw[i] for i in kept]
            labels = tuple(sorted(set(raw)))
            position = {label: k for k, label in enumerate(labels)}
            index = np.array([position[label] for label in raw], dtype=np.int64)
    if len(labels) < 2:
        raise InputError(f"{path}: target {name!r} holds a single value ({labels[0]!r}): nothing to classify")
    if task == "binary" and len(labels) != 2:
        raise InputError(f"{path}: a binary target has 2 distinct values; {name!r} has "
                         f"{len(labels)}: use --task multiclass")
    index = index.astype(np.int64).reshape(-1)
    return (index.astype(np.float64).reshape(-1, 1) if task == "binary" else index), labels


def _looks_like_quantities(dataset: Dataset) -> None:
    """InputError when a multiclass target of whole numbers has classes of a single row: no
    such class can be in both splits, and whole numbers spread that thin are more likely counts
    or amounts than labels (the message says so, and which --task to try)."""
    if dataset.task != "multiclass" or not all(_whole(label) for label in dataset.labels):
        return
    counts = np.bincount(dataset.targets, minlength=dataset.classes)
    single = int((counts == 1).sum())
    if not single:
        return
    rare = dataset.labels[int(np.argmin(counts))]
    raise InputError(f"{dataset.name}: class {rare!r} has 1 row; every class needs a row in the training split "
                     f"and one in the validation split; {single} of the {dataset.classes} classes of "
                     f"{dataset.target_names[0]!r} (whole numbers) have one row: if they are counts or amounts, "
                     "use --task regression")


def _whole(label: str) -> bool:
    try:
        return float(label).is_integer()
    except ValueError:
        return False


def load(name: str | None = None, path: str | None = None, targets: str | Sequence[str] | None = None,
         task: str | None = None, dropna: bool = False, seed: int = 0, progress: Progress | None = None) -> Dataset:
    """The built-in dataset ``name`` (default moons), or the CSV file ``path`` with ``targets``.

    For a CSV file without ``task``, the task is inferred by the rules ``actv recommend --data``
    applies (``activation_cli.advice.inference``), from the column as parsed; the reason is kept
    in ``notes``. ``progress(done, total)`` follows the bytes of a CSV file as it loads.
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
    if task is None:
        from ..advice.inference import target_names

        target_names(names)  # a name given twice: the message recommend --data gives
    elif len(names) != len(set(names)):
        raise InputError("a target column is named twice")
    table = read_csv(path, names, progress)  # parsed once: the inference reads the parsed target
    notes = []
    if task is None:
        inference = infer(table, names)
        if inference.task not in TASKS:
            raise InputError(f"{path}: the inferred task is {inference.task} ({inference.reason}); "
                             f"actv compare trains {', '.join(TASKS)}: pass --task")
        task = inference.task
        notes.append(f"task inferred: {inference.reason.rstrip('.')}")
    dataset = from_table(table, names, task, dropna=dropna)
    del table
    _looks_like_quantities(dataset)
    if notes:
        from dataclasses import replace

        dataset = replace(dataset, notes=tuple(notes) + dataset.notes)
    return dataset
