"""Output: plain text, JSON, CSV, markdown and rich tables, from plain data.

Only this module and cli.py touch rich (and only inside the functions that draw a
table), so commands that print plain text never pay for importing it.
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Sequence

_color: bool | None = None  # None: let rich decide (NO_COLOR, FORCE_COLOR, is it a terminal?)
_console = None


def configure(color: bool | None) -> None:
    """The one colour decision, made by the root command (--color/--no-color)."""
    global _color, _console
    _color, _console = color, None


def console():
    """The rich Console every table and panel is printed on."""
    global _console
    if _console is None:
        from rich.console import Console

        if _color is None:
            _console = Console(highlight=False)
        else:
            _console = Console(highlight=False, no_color=not _color, force_terminal=_color or None)
    return _console


# -- JSON --------------------------------------------------------------------------------------

def jsonable(value: Any) -> Any:
    """Plain JSON data: arrays become lists; NaN and ±inf become "nan", "inf", "-inf"
    (JSON has no such numbers); float32 values keep their short float32 spelling."""
    if hasattr(value, "dtype") and hasattr(value, "tolist"):
        if value.dtype.kind == "f" and value.dtype.itemsize < 8:
            return jsonable(_short_floats(value))
        return jsonable(value.tolist())
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def _short_floats(array):
    if array.ndim == 0:
        return float(str(array[()]))  # str() of a float32 is its shortest round-trip spelling
    return [_short_floats(row) for row in array]


def json_text(data: Any) -> str:
    import json

    return json.dumps(jsonable(data), indent=2, ensure_ascii=False, allow_nan=False)


# -- tables ------------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def markdown_table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(escape(_cell(v)) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def csv_text(columns: Sequence[str] | None, rows: Iterable[Sequence[Any]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if columns:
        writer.writerow(columns)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue().rstrip("\n")


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> None:
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    console().print(table)


def print_facts(title: str, facts: Sequence[tuple[str, Any]]) -> None:
    """A two-column table of "fact: value" for one thing (e.g. ``actv info``)."""
    from rich.table import Table

    table = Table(title=title, show_header=False, show_lines=True, title_style="bold")
    table.add_column("fact", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in facts:
        if isinstance(value, (list, tuple)) and value and not isinstance(value[0], (int, float)):
            value = "\n".join(f"• {_cell(v)}" for v in value)
        table.add_row(key, _cell(value))
    console().print(table)


# -- arrays ------------------------------------------------------------------------------------

def array_text(array) -> str:
    """numpy's own print style, as the tutorial prints: [0.09003057 0.66524096 0.24472847]."""
    return str(array)


def number_text(value) -> str:
    """A scalar at numpy's print precision (8 digits), keeping a trailing '.0'."""
    import numpy as np

    return np.format_float_positional(value, precision=8, unique=True, fractional=False, trim="0")
