"""Infer the task (and the number of classes) from the target columns of a CSV file.

Rules, applied to the readable rows:
- several target columns, each holding only 0 and 1 -> multilabel, one label per column;
- two distinct values -> binary;
- whole numbers with at most ``MAX_CLASSES`` distinct values, or text labels -> multiclass;
- other numbers -> regression (``positive`` when none is negative), several numeric
  columns -> multi-target regression.
Rows that cannot be read (wrong number of fields, a missing target: an empty cell, a
``MISSING`` word, or a number that is not finite such as inf, -Infinity, NaN or 1e999)
are skipped and reported by line number. Standard library only: no numpy.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from typing import Sequence

from ..errors import InputError

MAX_CLASSES = 20
"""Whole-number targets with more distinct values than this are read as a quantity."""
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "?"})


@dataclass(frozen=True)
class Inference:
    """What ``infer_task`` found: the task, the classes (None for regression), why, and the rows skipped."""

    task: str
    classes: int | None
    reason: str
    skipped_rows: list[int] = field(default_factory=list)
    rows: int = 0

    def as_dict(self) -> dict:
        return {"task": self.task, "classes": self.classes, "reason": self.reason,
                "rows": self.rows, "skipped_rows": list(self.skipped_rows)}


def _missing(text: str) -> bool:
    """True for an empty or ``MISSING`` cell, and for any spelling float() reads as inf or nan."""
    if text.lower() in MISSING:
        return True
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _shown(first: Sequence, count: int) -> str:
    """The first ``SHOWN`` of the sorted distinct values ``first``, "..." when there are more."""
    text = ", ".join(value_text(v) for v in first[:SHOWN])
    return text + (", ..." if count > SHOWN else "")


def value_text(value) -> str:
    """A number as a reason quotes it (3, not 3.0), text as its repr."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return repr(value)


def open_csv(path: str, binary: bool = False):
    """The CSV file at ``path`` opened for reading (text, or bytes with ``binary``); an
    InputError that says why it cannot be (no such file, a directory, permission)."""
    try:
        return open(path, "rb") if binary else open(path, newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"cannot read {path!r}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {path!r}: it is a directory") from None
    except OSError as error:
        raise InputError(f"cannot read {path!r}: {error.strerror or error}") from None


def delimiter_of(sample: str) -> str:
    """Comma, semicolon or tab, whichever the start of a file uses (comma when unsure). Only
    the delimiter: a sniffed quoting dialect can be unusable."""
    try:
        return csv.Sniffer().sniff(sample[:65536], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def check_targets(path: str, header: Sequence[str], targets: Sequence[str]) -> None:
    """InputError naming the first of ``targets`` that is not a column of ``header``, with the columns."""
    missing = [name for name in targets if name not in header]
    if missing:
        raise InputError(f"{path!r} has no column {missing[0]!r}; its columns are: {', '.join(header)}")


def _read(path: str, targets: Sequence[str]) -> tuple[list[str], list[list[str]], list[int]]:
    """The target columns' cells per readable row, and the skipped line numbers."""
    with open_csv(path) as handle:
        try:
            delimiter = delimiter_of(handle.read(65536))
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)
            header = next((row for row in reader if any(cell.strip() for cell in row)), None)
            if header is None:
                raise InputError(f"{path!r} is empty: expected a header row and data rows")
            header = [name.strip() for name in header]
            check_targets(path, header, targets)
            index = [header.index(name) for name in targets]
            cells, skipped = [], []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue  # blank line: no data, nothing lost
                values = [row[i].strip() for i in index] if len(row) == len(header) else None
                if values is None or any(_missing(v) for v in values):
                    skipped.append(reader.line_num)
                    continue
                cells.append(values)
        except UnicodeDecodeError:
            raise InputError(f"{path!r} is not a UTF-8 text CSV file") from None
        except csv.Error as error:
            raise InputError(f"{path!r} line {reader.line_num}: {error}") from None
    if not cells:
        reason = f" ({len(skipped)} unreadable)" if skipped else ""
        raise InputError(f"{path!r} has no readable data rows{reason}")
    return header, cells, skipped


def infer_task(path: str, targets: Sequence[str]) -> Inference:
    """The task that the ``targets`` columns of the CSV file at ``path`` call for.

    Raises InputError for a missing, empty or unreadable file, an unknown column (the
    message lists the columns), or targets with nothing to learn (a single value).
    """
    targets = target_names(targets)
    _, cells, skipped = _read(path, targets)
    columns = [summarize(column) for column in zip(*cells)]
    return decide(targets, columns, len(cells), skipped)


def target_names(targets: str | Sequence[str]) -> list[str]:
    """The target column names, stripped; InputError when none is named or one is named twice."""
    if isinstance(targets, str):
        targets = [targets]
    targets = [name.strip() for name in targets if name.strip()]
    if not targets:
        raise InputError("name at least one target column")
    repeated = next((name for i, name in enumerate(targets) if name in targets[:i]), None)
    if repeated is not None:
        raise InputError(f"target column {repeated!r} is named more than once: name each column once")
    return targets


@dataclass(frozen=True)
class Column:
    """What the rules need to know of one target column's readable cells.

    ``first`` holds the smallest distinct values, sorted (numbers, or text when the column
    is not all numbers), enough to show them; ``count`` how many distinct values there are."""

    numeric: bool                        # every cell a finite number
    count: int                           # distinct values
    first: tuple = ()                    # the smallest distinct values, sorted (at most SHOWN + 1)
    whole: bool = False                  # numeric, and every value a whole number
    minimum: float | None = None         # numeric: the smallest value


SHOWN = 5
"""Distinct values quoted in a reason."""


def summarize(cells: Sequence[str]) -> Column:
    """The ``Column`` of a target column's (stripped, readable) cells."""
    values = [_number(v) for v in cells]
    if None in values:
        distinct = sorted(set(cells))
        return Column(False, len(distinct), tuple(distinct[:SHOWN + 1]))
    distinct = sorted(set(values))
    return Column(True, len(distinct), tuple(distinct[:SHOWN + 1]), all(v.is_integer() for v in distinct),
                  distinct[0])


def decide(targets: Sequence[str], columns: Sequence[Column], rows: int, skipped: Sequence[int] = ()) -> Inference:
    """The task that target columns summarized as ``columns`` call for (``rows`` rows read,
    ``skipped`` the line numbers of rows that could not be read). The rules are in the module
    docstring; ``actv compare`` applies them to the columns it parsed, ``infer_task`` to a file."""
    skipped = list(skipped)

    def done(task, classes, reason):
        return Inference(task, classes, reason, skipped, rows)

    if len(targets) > 1:
        if all(col.numeric and set(col.first) <= {0.0, 1.0} for col in columns):
            return done("multilabel", len(targets),
                        f"{len(targets)} target columns, each holding only 0 and 1: multilabel "
                        f"classification with {len(targets)} labels.")
        text = [name for name, col in zip(targets, columns) if not col.numeric]
        if text:
            raise InputError(
                f"several target columns must all be 0/1 (multilabel) or all numeric (regression); "
                f"{text[0]!r} holds text labels: give it alone as --target {text[0]}")
        low = min(col.minimum for col in columns)
        if low >= 0:
            return done("positive", None, f"{len(targets)} numeric target columns, none negative "
                        f"(min {value_text(low)}): regression of positive values, one unit per target.")
        return done("regression", None, f"{len(targets)} numeric target columns: regression, one unit per target.")

    name, column = targets[0], columns[0]
    shown = _shown(column.first, column.count)
    if column.count == 1:
        raise InputError(f"target column {name!r} holds a single value ({shown}) in all {rows} rows: "
                         "nothing to learn")
    if column.count == 2:
        return done("binary", 2, f"column {name!r} has two distinct values ({shown}): binary classification.")
    if not column.numeric:
        if column.count == rows and rows > MAX_CLASSES:
            raise InputError(f"target column {name!r} has a different text value in each of its {rows} rows: "
                             "it looks like an identifier, not a label")
        return done("multiclass", column.count,
                    f"column {name!r} holds {column.count} text labels ({shown}): multiclass classification.")
    if column.whole and column.count <= MAX_CLASSES:
        return done("multiclass", column.count,
                    f"column {name!r} holds {column.count} distinct whole numbers ({shown}), at most "
                    f"{MAX_CLASSES}: multiclass classification (use --task regression if they are quantities).")
    kind = "whole numbers" if column.whole else "numbers"
    if column.minimum >= 0:
        return done("positive", None,
                    f"column {name!r} holds {column.count} distinct {kind}, none negative "
                    f"(min {value_text(column.minimum)}): regression of a positive value.")
    return done("regression", None, f"column {name!r} holds {column.count} distinct {kind}: regression.")
