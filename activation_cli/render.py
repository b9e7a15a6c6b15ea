"""Output: plain text, JSON, CSV, markdown and rich tables, from plain data.

Only this module and cli.py touch rich (and only inside the functions that draw a
table), so commands that print plain text never pay for importing it.
"""
from __future__ import annotations

import math
import sys
from typing import Any, Iterable, Sequence

_color: bool | None = None  # None: let rich decide (NO_COLOR, FORCE_COLOR, is it a terminal?)
_console = None


def configure(color: bool | None) -> None:
    """The one colour decision, made by the root command (--color/--no-color)."""
    global _color, _console
    _color, _console = color, None


def wants_color() -> bool:
    """The --color/--no-color decision, else what rich would decide: colour on a terminal,
    unless NO_COLOR is set (FORCE_COLOR forces it), for output not drawn by rich."""
    import os
    import sys

    if _color is not None:
        return _color
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def console():
    """The rich Console every table and panel is printed on."""
    global _console
    if _console is None:
        from rich.console import Console

        if _color is None:
            _console = Console(highlight=False)
        else:
            _console = Console(highlight=False, no_color=not _color, force_terminal=_color)  # no-color: no styles
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


def _text(value: Any):
    """A cell as rich Text, so that brackets such as "[a, b]" print as written, not as markup."""
    from rich.text import Text

    return Text(_cell(value))


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


def emit(renderable) -> None:
    """Print a rich renderable with no trailing spaces on any line (rich pads wrapped lines and
    centred titles to the width, which litters copied text and diffs)."""
    import re

    import click

    out = console()
    with out.capture() as captured:
        out.print(renderable)
    text = re.sub(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", r"\1", captured.get(), flags=re.M)
    click.echo(text, nl=False, color=True)  # rich has decided on colour already


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None,
                drop: Sequence[str] = ()) -> None:
    """A table that fits the terminal without breaking a word: each column is at least as wide as
    its longest word, and the columns named in ``drop`` are left out, in that order, until the
    rest fits (a caption says which)."""
    from rich.table import Table

    rows = [[_cell(v) for v in row] for row in rows]
    shown, widths = fit_columns(columns, rows, console().width, per_column=3, fixed=1, drop=drop)
    left_out = [column for column in columns if column not in shown]
    caption = (f"Left out at this width: {', '.join(left_out)} (widen the terminal, or use --format markdown)"
               if left_out else None)
    table = Table(title=title, show_lines=False, header_style="bold", caption=caption, caption_justify="left")
    for column, width in zip(shown, widths):
        table.add_column(_header(column, width), width=width, overflow="fold")
    for row in rows:
        table.add_row(*(_text(row[columns.index(column)]) for column in shown))
    emit(table)


def _header(text: str, width: int) -> str:
    """A header that is wider than its column breaks at its hyphens ("zero-" / "centred")."""
    from rich.cells import cell_len

    return text.replace("-", "-\n") if cell_len(text) > width else text


def _longest_word(text: str, header: bool = False) -> int:
    from rich.cells import cell_len

    words = text.replace("-", "- ").split() if header else text.split()
    return max((cell_len(word) for word in words), default=0)


def fit_columns(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int, per_column: int, fixed: int,
                drop: Sequence[str] = ()) -> tuple[list[str], list[int]]:
    """The columns to show and their widths, in ``width`` cells of which each column costs
    ``per_column`` (padding, border) and the table ``fixed`` more: no column narrower than its
    longest word; the widest columns give way first; then the columns in ``drop`` are left out;
    then, if it must, the longest words fold."""
    from rich.cells import cell_len

    shown = list(columns)
    to_drop = [column for column in drop if column in columns]
    while True:
        index = [columns.index(column) for column in shown]
        least = [max(_longest_word(columns[i], header=True), *(_longest_word(row[i]) for row in rows), 1)
                 for i in index]
        natural = [max(cell_len(columns[i]), *(cell_len(line) for row in rows for line in row[i].splitlines()),
                       1) for i in index]
        budget = width - fixed - per_column * len(shown)
        if sum(least) <= budget or not to_drop:
            break
        shown.remove(to_drop.pop(0))
    # a path or URL longer than a third of the table folds rather than squeeze every other column
    least = [min(value, max(budget // 3, 14)) for value in least]
    while sum(least) > budget and max(least) > 1:  # still too wide: only the longest words fold
        least[least.index(max(least))] -= 1
    widths = list(natural)
    while sum(widths) > budget:
        wide = max((j for j in range(len(widths)) if widths[j] > least[j]), key=lambda j: widths[j], default=None)
        if wide is None:  # nothing left to give: let rich fold
            break
        widths[wide] -= 1
    return shown, widths


def print_facts(title: str, facts: Sequence[tuple[str, Any]]) -> None:
    """A two-column table of "fact: value" for one thing (e.g. ``actv info``)."""
    from rich.table import Table

    table = Table(title=title, show_header=False, show_lines=True, title_style="bold")
    table.add_column("fact", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    for key, value in facts:
        if isinstance(value, (list, tuple)) and not value:
            value = "none"
        if isinstance(value, (list, tuple)) and not isinstance(value[0], (int, float)):
            items = Table.grid(padding=(0, 1))  # a bullet per item, wrapped lines hang under its text
            items.add_column(no_wrap=True)
            items.add_column(overflow="fold")
            for item in value:
                items.add_row("•", _text(item))
            table.add_row(_text(key), items)
        else:
            table.add_row(_text(key), _text(value))
    emit(table)


# -- arrays ------------------------------------------------------------------------------------

def array_text(array) -> str:
    """numpy's own print style, as the tutorial prints: [0.09003057 0.66524096 0.24472847];
    every value, however many (numpy elides long arrays with "..." by default)."""
    import sys

    import numpy as np

    return np.array2string(np.asarray(array), threshold=sys.maxsize, separator=" ")


STREAM_FROM = 4096  # elements: numpy's array2string is quadratic in the length (1e6 values took 100 s)


def write_array_text(array, write, stream_from: int = STREAM_FROM) -> None:
    """``array_text(array)`` passed to ``write`` piece by piece: a long 1-D array is formatted
    with numpy's own element format (chosen once over all values, as array2string does) and
    wrapped at numpy's 75 columns here, one block of lines at a time, in linear time."""
    import numpy as np

    array = np.asarray(array)
    format_function = _element_format(array) if array.ndim == 1 and array.size >= stream_from else None
    if format_function is None:
        write(array_text(array) + "\n")
        return
    width = np.get_printoptions()["linewidth"]
    words = [format_function(value) for value in array[:1]]
    per_line = max(1, (width - 1) // (len(words[0]) + 1))  # every element is padded to one width
    for start in range(0, array.size, per_line * 1000):
        block = array[start:start + per_line * 1000]
        words = [format_function(value) for value in block]
        lines = [" ".join(words[i:i + per_line]) for i in range(0, len(words), per_line)]
        last = lines.pop() if start + len(block) == array.size else None  # numpy strips all other lines
        text = "\n ".join([line.rstrip() for line in lines] + ([last] if last is not None else []))
        write(("[" if start == 0 else "\n ") + text)
    write("]\n")


def _element_format(array):
    """numpy's format function for the elements of ``array`` (what array2string uses), or None
    where numpy does not offer it (then the caller formats the whole array at once)."""
    import numpy as np

    if array.dtype.kind != "f":
        return None
    try:
        from numpy._core.arrayprint import _get_format_function
    except ImportError:  # numpy moved its private printing code: fall back to array2string
        return None
    options = dict(np.get_printoptions())
    if options.get("legacy") is False or options.get("legacy") is None:
        options["legacy"] = sys.maxsize
    try:
        return _get_format_function(array, **options)
    except TypeError:
        return None


def number_text(value) -> str:
    """A scalar at numpy's print precision (8 digits), keeping a trailing '.0'."""
    import numpy as np

    return np.format_float_positional(value, precision=8, unique=True, fractional=False, trim="0")


# -- reports, code and trees (actv recommend / guide) ------------------------------------------

Section = tuple[str, Sequence[Any]]
"""A heading and its items: (key, value) pairs, or plain sentences shown as bullets."""


def print_report(title: str, sections: Sequence[Section], code: str | None = None,
                 code_title: str | None = None) -> None:
    """A rich panel of headed sections; ``code`` follows the panel, unboxed so it copies cleanly."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    parts = []
    for heading, items in sections:
        if not items:
            continue
        if parts:
            parts.append(Text(""))
        parts.append(Text(heading, style="bold"))
        grid = Table.grid(padding=(0, 1))
        if isinstance(items[0], tuple):
            grid.add_column(style="cyan", no_wrap=True)
            grid.add_column(overflow="fold")
            for key, value in items:
                grid.add_row(_text(key), _text(value))
        else:
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for item in items:
                grid.add_row("•", _text(item))
        parts.append(grid)
    emit(Panel(Group(*parts), title=Text(title, style="bold"), title_align="left", expand=False))
    if code:
        emit(Rule(f"{code_title or 'code'} (only the code: --format code)", align="left"))
        print_code(code)


def print_code(code: str) -> None:
    """Code as it is, never wrapped or cut at any width: highlighted when colour is on (a
    terminal), plain text otherwise, so that what is copied or redirected runs."""
    import click

    code = code.rstrip("\n") + "\n"
    if not wants_color():
        click.echo(code, nl=False, color=False)
        return
    from rich.syntax import Syntax

    out = console()
    with out.capture() as captured:  # soft_wrap: lines longer than the terminal stay one line
        out.print(Syntax(code, "python", theme="ansi_dark", background_color="default").highlight(code),
                  soft_wrap=True, end="")
    click.echo(captured.get(), nl=False, color=True)


def markdown_report(title: str, sections: Sequence[Section], code: str | None = None,
                    code_title: str | None = None) -> str:
    """The same report as markdown: a heading, a table or a bullet list per section, a fenced code block."""
    lines = [f"## {title}"]
    for heading, items in sections:
        if not items:
            continue
        lines += ["", f"### {heading}", ""]
        if isinstance(items[0], tuple):
            lines.append(markdown_table(("field", "value"), items))
        else:
            lines += [f"- {_cell(item)}" for item in items]
    if code:
        lines += ["", f"### {code_title or 'code'}", "", "```python", code.rstrip("\n"), "```"]
    return "\n".join(lines)


Node = tuple[str, Sequence[Any]]
"""A tree node: its label and its children (nodes)."""


def print_tree(title: str, nodes: Sequence[Node]) -> None:
    from rich.tree import Tree

    def grow(branch, children):
        for label, grandchildren in children:
            grow(branch.add(_text(label)), grandchildren)

    tree = Tree(_text(title), guide_style="dim")
    grow(tree, nodes)
    emit(tree)


def markdown_tree(title: str, nodes: Sequence[Node]) -> str:
    lines = [f"## {title}", ""]

    def grow(children, depth):
        for label, grandchildren in children:
            lines.append("  " * depth + f"- {label}")
            grow(grandchildren, depth + 1)

    grow(nodes, 0)
    return "\n".join(lines)


# -- training (actv compare) -------------------------------------------------------------------

VERDICT_STYLES = {"best": "bold green", "tie": "green", "diverged": "red"}


def print_ranked_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], verdicts: Sequence[str],
                       title: str | None = None, caption: str | None = None) -> None:
    """A table whose rows are styled by their verdict: the best bold green, ties green, diverged red.

    No cell is ever cut: when the columns are wider than the terminal, the table is printed in
    blocks of columns, each repeating the first (the labels, which may fold). No line ends in
    spaces."""
    import re

    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    out = console()
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([cell_len(line) for line in column.split("\n")] + [cell_len(row[index]) for row in cells])
              for index, column in enumerate(columns)]
    gap = 2
    first = min(widths[0], max(10, out.width - gap - max(widths[1:], default=0)))
    blocks, block, used = [], [], first
    for index in range(1, len(columns)):
        if block and used + gap + widths[index] > out.width:
            blocks.append(block)
            block, used = [], first
        block.append(index)
        used += gap + widths[index]
    blocks.append(block)
    tables = []
    for number, block in enumerate(blocks):
        table = Table(title=title if number == 0 else None, header_style="bold", box=box.SIMPLE_HEAD,
                      show_edge=False, pad_edge=False, collapse_padding=True)
        table.add_column(columns[0], justify="left", overflow="fold", max_width=first)
        for index in block:
            table.add_column(columns[index], no_wrap=True,
                             justify="left" if index == len(columns) - 1 else "right")
        for row, verdict in zip(cells, verdicts):
            table.add_row(*(Text(row[i]) for i in [0, *block]), style=VERDICT_STYLES.get(verdict))
        tables.append(table)
    widest = max(out.measure(table).maximum for table in tables)
    with out.capture() as capture:
        for number, table in enumerate(tables):
            if number:
                out.print()
            out.print(table)
        if caption:
            out.print(Text(caption), width=min(out.width, widest))
    text = re.sub(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", r"\1", capture.get(), flags=re.M)
    out.file.write(text)
    out.file.flush()


class file_progress:
    """A progress bar on stderr while a file loads, advanced by ``update(done, total)`` in bytes;
    drawn only when stderr is a terminal and the file has at least ``LARGE`` bytes."""

    LARGE = 4 << 20

    def __init__(self, description: str):
        self.description, self.progress, self.task = description, None, None

    def __enter__(self):
        return self

    def update(self, done: int, total: int) -> None:
        if self.progress is None and self.task is None:
            self.task = False  # decided once: drawn or not
            import sys

            if total < self.LARGE or not (sys.stderr.isatty() or _color):
                return
            from rich.console import Console
            from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                                       TransferSpeedColumn)

            stderr = (Console(stderr=True) if _color is None
                      else Console(stderr=True, no_color=not _color, force_terminal=_color or None))
            if not stderr.is_terminal:
                return
            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                                     TransferSpeedColumn(), TimeRemainingColumn(), console=stderr, transient=True)
            self.progress.__enter__()
            self.task = self.progress.add_task(self.description, total=total)
        if self.progress is not None:
            self.progress.update(self.task, completed=done, total=total)

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.__exit__(*exc)
        return False


class progress_bars:
    """Progress bars on stderr, one per run (label and seed), advanced by ``update(label, seed,
    done, total)``; drawn only when stderr is a terminal (a pipe or a test gets no bars)."""

    def __init__(self, labels: Sequence[str], seeds: Iterable[int], total: int):
        self.labels, self.seeds, self.total = list(labels), list(seeds), total
        self.progress, self.tasks, self.drawn = None, {}, 0.0

    def __enter__(self):
        import sys

        if not (sys.stderr.isatty() or _color):  # no terminal to draw on: don't pay for importing rich
            return self
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        stderr = (Console(stderr=True) if _color is None
                  else Console(stderr=True, no_color=not _color, force_terminal=_color or None))
        if stderr.is_terminal:
            names = {(label, seed): label + (f" seed {seed}" if len(self.seeds) > 1 else "")
                     for label in self.labels for seed in self.seeds}
            width = min(32, max(map(len, names.values())))
            self.progress = Progress(TextColumn(f"{{task.description:>{width}.{width}}}"), BarColumn(),
                                     MofNCompleteColumn(), TextColumn("epochs"), TimeElapsedColumn(),
                                     console=stderr, transient=True, auto_refresh=False)
            self.progress.__enter__()
            self.tasks = {key: self.progress.add_task(name, total=self.total) for key, name in names.items()}
        return self

    def update(self, label: str, seed: int, done: int, total: int) -> None:
        if self.progress is not None:
            # refreshed here (at most 20 times a second), not by rich's thread: compare's worker
            # processes fork with no thread running
            import time

            now = time.monotonic()
            refresh = done == total or now - self.drawn >= 0.05
            self.drawn = now if refresh else self.drawn
            self.progress.update(self.tasks[label, seed], completed=done, total=total, refresh=refresh)

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.__exit__(*exc)
        return False
