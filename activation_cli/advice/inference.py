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


def _shown(values, limit: int = 5) -> str:
    items = sorted(values, key=lambda v: (isinstance(v, str), v))
    text = ", ".join(_format(v) for v in items[:limit])
    return text + (", ..." if len(items) > limit else "")


def _format(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return repr(value)


def _read(path: str, targets: Sequence[str]) -> tuple[list[str], list[list[str]], list[int]]:
    """The target columns' cells per readable row, and the skipped line numbers."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"cannot read {path!r}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {path!r}: it is a directory") from None
    except OSError as error:
        raise InputError(f"cannot read {path!r}: {error.strerror or error}") from None
    with handle:
        try:
            sample = handle.read(65536)
            handle.seek(0)
            try:  # only the delimiter: a sniffed quoting dialect can be unusable
                delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
            except csv.Error:
                delimiter = ","
            reader = csv.reader(handle, delimiter=delimiter)
            header = next((row for row in reader if any(cell.strip() for cell in row)), None)
            if header is None:
                raise InputError(f"{path!r} is empty: expected a header row and data rows")
            header = [name.strip() for name in header]
            missing = [name for name in targets if name not in header]
            if missing:
                raise InputError(
                    f"{path!r} has no column {missing[0]!r}; its columns are: {', '.join(header)}")
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
    if isinstance(targets, str):
        targets = [targets]
    targets = [name.strip() for name in targets if name.strip()]
    if not targets:
        raise InputError("name at least one target column")
    repeated = next((name for i, name in enumerate(targets) if name in targets[:i]), None)
    if repeated is not None:
        raise InputError(f"target column {repeated!r} is named more than once: name each column once")
    _, cells, skipped = _read(path, targets)
    columns = list(zip(*cells))
    rows = len(cells)

    def done(task, classes, reason):
        return Inference(task, classes, reason, skipped, rows)

    numbers = [[_number(v) for v in column] for column in columns]
    if len(targets) > 1:
        if all(None not in col and set(col) <= {0.0, 1.0} for col in numbers):
            return done("multilabel", len(targets),
                        f"{len(targets)} target columns, each holding only 0 and 1: multilabel "
                        f"classification with {len(targets)} labels.")
        text = [name for name, col in zip(targets, numbers) if None in col]
        if text:
            raise InputError(
                f"several target columns must all be 0/1 (multilabel) or all numeric (regression); "
                f"{text[0]!r} holds text labels: give it alone as --target {text[0]}")
        flat = [v for col in numbers for v in col]
        if min(flat) >= 0:
            return done("positive", None, f"{len(targets)} numeric target columns, none negative "
                        f"(min {_format(min(flat))}): regression of positive values, one unit per target.")
        return done("regression", None, f"{len(targets)} numeric target columns: regression, one unit per target.")

    name, column, values = targets[0], columns[0], numbers[0]
    numeric = None not in values
    distinct = set(values) if numeric else set(column)
    shown = _shown(distinct)
    if len(distinct) == 1:
        raise InputError(f"target column {name!r} holds a single value ({shown}) in all {rows} rows: "
                         "nothing to learn")
    if len(distinct) == 2:
        return done("binary", 2, f"column {name!r} has two distinct values ({shown}): binary classification.")
    if not numeric:
        if len(distinct) == rows and rows > MAX_CLASSES:
            raise InputError(f"target column {name!r} has a different text value in each of its {rows} rows: "
                             "it looks like an identifier, not a label")
        return done("multiclass", len(distinct),
                    f"column {name!r} holds {len(distinct)} text labels ({shown}): multiclass classification.")
    whole = all(v.is_integer() for v in values)
    if whole and len(distinct) <= MAX_CLASSES:
        return done("multiclass", len(distinct),
                    f"column {name!r} holds {len(distinct)} distinct whole numbers ({shown}), at most "
                    f"{MAX_CLASSES}: multiclass classification (use --task regression if they are quantities).")
    kind = "whole numbers" if whole else "numbers"
    if min(values) >= 0:
        return done("positive", None,
                    f"column {name!r} holds {len(distinct)} distinct {kind}, none negative "
                    f"(min {_format(min(values))}): regression of a positive value.")
    return done("regression", None, f"column {name!r} holds {len(distinct)} distinct {kind}: regression.")
