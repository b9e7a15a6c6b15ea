"""``actv check``: find activation, loss and initializer mistakes in model code.

>>> report = check(["model.py"])                      # doctest: +SKIP
>>> [(d.code, d.line) for d in report.diagnostics]    # doctest: +SKIP
[('ACT101', 42)]

The checked code is read (``ast``, ``json``, ``zipfile``), never imported or run, and
needs neither PyTorch nor Keras installed. Parts: ``sources`` (finding and reading
files), ``flow`` (following values through the code) with ``framework_calls`` (what
calling PyTorch/Keras/TF does) and ``frameworks`` (what their names mean), ``events``
(what the flow tells the rules), ``rules`` (the codes), ``report`` (text, JSON, SARIF,
GitHub annotations).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from ..errors import UnknownName


class UnknownRuleCode(UnknownName):
    """A --select/--ignore/--explain code that names no rule."""

    kind = "rule code"

    def _message(self) -> str:
        text = f"unknown rule code {self.name!r}."
        if self.suggestion and len(self.suggestion) == len(self.name):
            return f"{text} Did you mean {self.suggestion!r}?"
        return f"{text} Choose from: {', '.join(self.choices)} (or a prefix such as ACT1)."


class Diagnostic(NamedTuple):
    """A finding where a reader finds it: ``line`` and ``column`` are 1-based (None for a
    layer of a .keras archive), ``cell`` numbers a notebook's cells from 1, ``layer`` is a
    saved model's (index, name)."""

    code: str
    severity: str
    path: str
    line: int | None
    column: int | None
    message: str
    fix: str
    cell: int | None = None
    layer: tuple | None = None

    @property
    def location(self) -> str:
        if self.layer is not None:
            index, name = self.layer
            return f"{self.path}:{name}" if index == 0 else f"{self.path}:layer {index} ({name})"
        if self.cell is not None:
            return f"{self.path}:cell {self.cell}:{self.line}:{self.column}"
        return f"{self.path}:{self.line}:{self.column}"

    def as_dict(self) -> dict:
        data = {"code": self.code, "severity": self.severity, "path": self.path, "line": self.line,
                "column": self.column, "message": self.message, "fix": self.fix}
        if self.cell is not None:
            data["cell"] = self.cell
        if self.layer is not None:
            data["layer"] = {"index": self.layer[0], "name": self.layer[1]}
        return data


class Report(NamedTuple):
    """The findings (sorted by place), how many files were checked, and the files skipped as
    (path, reason)."""

    diagnostics: list
    checked: int
    skipped: list

    def as_dict(self) -> dict:
        return {"findings": [d.as_dict() for d in self.diagnostics], "checked": self.checked,
                "skipped": [{"path": path, "reason": reason} for path, reason in self.skipped]}


def codes(select=None, ignore=None) -> tuple[str, ...]:
    """The rule codes to report: those matching a --select prefix (all by default) and no
    --ignore prefix. Prefixes: "ACT1", "ACT20", "ACT101"; "ALL". Raises UnknownRuleCode."""
    from .rules import CODES

    def expand(given):
        chosen = set()
        for raw in given or ():
            for code in str(raw).split(","):
                code = code.strip().upper()
                if not code:
                    continue
                matched = set(CODES) if code == "ALL" else {c for c in CODES if c.startswith(code)}
                if not matched:
                    raise UnknownRuleCode(code, CODES)
                chosen |= matched
        return chosen

    selected = expand(select) if select else set(CODES)
    if select and not selected:
        raise UnknownRuleCode("", CODES)
    return tuple(code for code in CODES if code in selected and code not in expand(ignore))


def check(paths, select=None, ignore=None, cwd: Path | None = None) -> Report:
    """Check the files and folders ``paths``; raises InputError for a path that does not
    exist and UnknownRuleCode for a code that names no rule."""
    import gc

    # Every syntax tree stays alive until the end (a class in one file is called from another):
    # the cyclic collector would walk them all, again and again, as more are read.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(paths, select, ignore, cwd)
    finally:
        if enabled:
            gc.enable()


def _check(paths, select, ignore, cwd) -> Report:
    from . import keras_archive, sources
    from .flow import Flow, Module
    from .rules import evaluate

    wanted = set(codes(select, ignore))
    cwd = cwd or Path.cwd()
    files, skipped = sources.find(paths or ["."], cwd)
    roots = {Path(p).resolve(): Path(p) for p in (paths or ["."]) if Path(p).is_dir()}
    read, archives = [], []
    for path in files:
        try:
            source = sources.read(path, cwd)
        except sources.Skip as reason:
            skipped.append((sources.display(path, cwd), str(reason)))
            continue
        skipped += [(source.display, note) for note in source.notes]
        (archives if source.kind == "keras" else read).append(source)
    modules, index = [], {}
    for source in read:
        name, is_package = _module_name(source.path, roots)
        module = Module(source, name, is_package)
        modules.append(module)
        parts = name.split(".")
        for start in range(len(parts)):
            index.setdefault(".".join(parts[start:]), []).append(module)
    flow = Flow(modules, index)
    failed: dict = {}

    def guard(source, thunk):
        if source.display in failed:
            return
        try:
            thunk()
        except RecursionError:
            failed[source.display] = "nested too deeply to follow"
        except Exception as error:  # a bug of actv's must not stop the run over the other files
            if os.environ.get("ACTV_CHECK_DEBUG"):
                raise
            failed[source.display] = f"internal error in actv check ({type(error).__name__}: {error}); please report it"

    for source in archives:
        guard(source, lambda s=source: keras_archive.load(s, flow))
    events = flow.run(guard)
    skipped += list(failed.items())
    diagnostics = []
    for finding in evaluate(events):
        site = finding.site
        if finding.code not in wanted or site.source is None or site.source.display in failed:
            continue
        if site.layer is not None:
            line = column = cell = None
        else:
            if site.source.suppressed(site.line, finding.code):
                continue
            line, column, cell = site.source.position(site.line, site.col)
        diagnostics.append(Diagnostic(finding.code, finding.severity, site.source.display, line, column,
                                      finding.message, finding.fix, cell, site.layer))
    diagnostics.sort(key=lambda d: (d.path, d.cell or 0, d.line or 0, (d.layer[0] or 10**9, d.layer[1]) if d.layer
                                    else (0, ""), d.column or 0, d.code))
    checked = len(read) + len(archives) - len(failed)
    return Report(diagnostics, checked, sorted(skipped))


class _CallableModule(type(os)):
    """``activation_cli.check`` is this package and, called, the ``check`` function: the public
    API (``from activation_cli import check``) means the same whether or not the package has
    been imported already."""

    def __call__(self, paths, select=None, ignore=None, cwd: Path | None = None) -> Report:
        return check(paths, select, ignore, cwd)


import sys  # noqa: E402  (with the class above: the module becomes callable once defined)

sys.modules[__name__].__class__ = _CallableModule


def _module_name(path: Path, roots: dict) -> tuple[str, bool]:
    """The dotted module name of a file, from the folder it was found under (or its own folder)."""
    resolved = path.resolve()
    base = next((root for root in sorted(roots, key=lambda r: -len(r.parts)) if root in resolved.parents), None)
    relative = resolved.relative_to(base) if base is not None else Path(resolved.name)
    parts = [p for p in relative.with_suffix("").parts]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1] or [resolved.parent.name]
    return ".".join(part.replace("-", "_") for part in parts), is_package
