"""Reading what ``actv check`` checks: finding the files, and reading each into a ``Source``.

Folders are walked recursively, skipping version-control and cache folders, virtual
environments (any folder holding ``pyvenv.cfg``), ``node_modules`` and what the top
``.gitignore`` of each folder given ignores. Python files are parsed with ``ast``;
notebooks are their code cells in order, as one program (IPython magics and shell
lines become ``pass``); ``.keras`` archives are their ``config.json``. A file that cannot
be read is skipped with the reason, never an error that stops the run.
"""
from __future__ import annotations

import ast
import io
import json
import os
import re
import stat
import tokenize
from pathlib import Path

from ..errors import InputError
from .values import Record

SUFFIXES = (".py", ".ipynb", ".keras")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "__pycache__", "node_modules", ".venv", "venv",
                       ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints",
                       ".eggs", "site-packages", "__pypackages__", ".direnv", ".pixi", ".conda"})
MAX_BYTES = {".py": 20_000_000, ".ipynb": 200_000_000}   # a larger file is skipped
MAX_CONFIG_BYTES = 50_000_000   # config.json inside a .keras archive
CELL_MAGICS_WITH_PYTHON = ("%%time", "%%timeit", "%%capture", "%%prun", "%%debug")
NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*))?", re.IGNORECASE)


class Source(Record):
    """A file to check: its ``path``, the ``display`` path, ``kind`` (python, notebook,
    keras), its program ``lines``; ``tree`` for Python and notebooks, ``config`` for .keras
    archives; ``cells`` maps a notebook's program lines to (cell number, line in cell);
    ``notes``: the cells of a notebook that were skipped, with the reason."""

    __slots__ = ("path", "display", "kind", "lines", "tree", "config", "cells", "notes")
    DEFAULTS = {"lines": list, "tree": None, "config": None, "cells": None, "notes": list}

    def position(self, line: int, col: int) -> tuple[int, int, int | None]:
        """(line, 1-based column in characters, cell) as a reader finds them."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        column = len(text.encode("utf-8")[:col].decode("utf-8", "ignore")) + 1
        if self.cells is not None and 0 < line <= len(self.cells):
            cell, in_cell = self.cells[line - 1]
            return in_cell, column, cell
        return line, column, None

    def suppressed(self, line: int, code: str) -> bool:
        """``# noqa`` (every code) or ``# noqa: ACT101, ACT2`` on the line."""
        if not 0 < line <= len(self.lines):
            return False
        found = NOQA.search(self.lines[line - 1])
        if found is None:
            return False
        codes = found.group("codes")
        if codes is None:
            return True
        return any(code.startswith(c.upper()) for c in re.split(r"[\s,]+", codes) if c)


class Skip(Exception):
    """A file that cannot be checked, with the reason."""


def find(paths, cwd: Path | None = None):
    """The files to check under ``paths`` (sorted, each once) and the ones skipped as
    (display path, reason). A path that does not exist is an InputError."""
    cwd = cwd or Path.cwd()
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for given in paths:
        path = Path(given)
        if not os.path.lexists(path):
            raise InputError(f"{given}: no such file or folder")
        if path.is_dir():
            files.extend(_walk(path, skipped, cwd))
        elif path.suffix.lower() in SUFFIXES:
            files.append(path)
        else:
            skipped.append((display(path, cwd), "not a Python file (.py), notebook (.ipynb) or Keras model (.keras)"))
    seen, unique = set(), []
    for path in files:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, skipped


def _walk(top: Path, skipped: list, cwd: Path):
    ignored = _gitignore(top)
    found = []

    def unreadable(error: OSError):
        skipped.append((display(Path(error.filename), cwd), f"cannot read folder: {error.strerror or error}"))

    for folder, dirs, names in os.walk(top, onerror=unreadable):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not (base / d / "pyvenv.cfg").exists()
                         and not (base / d).is_symlink() and not ignored(base / d, True))
        for name in sorted(names):
            path = base / name
            if path.suffix.lower() in SUFFIXES and not ignored(path, False):
                found.append(path)
    return found


def _gitignore(top: Path):
    """A matcher for the patterns of ``top/.gitignore``: globs, ``**``, ``/``-anchored
    patterns, folder-only patterns (``build/``) and ``!`` negation, the last match winning."""
    try:
        text = (top / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return lambda path, is_dir: False
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line[1:] if negate else line
        line = line.replace("\\#", "#").replace("\\!", "!")
        folder_only = line.endswith("/")
        line = line.strip("/") if folder_only else line
        anchored = "/" in line.lstrip("/")[:-1] or line.startswith("/")
        pattern = _glob(line.lstrip("/"))
        rules.append((re.compile(pattern if anchored else f"(?:.*/)?{pattern}"), negate, folder_only))

    def ignored(path: Path, is_dir: bool) -> bool:
        relative = path.relative_to(top).as_posix()
        result = False
        for regex, negate, folder_only in rules:
            if folder_only and not is_dir:
                continue
            if regex.fullmatch(relative):
                result = not negate
        return result

    return ignored


def _glob(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(pattern[i]))
                i += 1
            else:
                body = pattern[i + 1:end].replace("\\", "\\\\")
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


def display(path: Path, cwd: Path) -> str:
    """The path as the user knows it: relative to the working folder when inside it."""
    try:
        return Path(os.path.relpath(path, cwd)).as_posix() if not os.path.relpath(path, cwd).startswith("..") \
            else path.as_posix()
    except ValueError:   # another drive on Windows
        return path.as_posix()


def read(path: Path, cwd: Path) -> Source:
    """The Source of one file; raises Skip with the reason it cannot be checked."""
    shown = display(path, cwd)
    suffix = path.suffix.lower()
    if suffix == ".keras":   # only config.json is read from the archive, not the weights
        _regular(path)
        return Source(path, shown, "keras", config=_keras_config(path))
    data = _bytes(path)
    if suffix == ".ipynb":
        return _notebook(path, shown, data)
    text = _decode(data)
    tree = _parse(text, shown)
    return Source(path, shown, "python", text.splitlines(), tree)


def _regular(path: Path) -> int:
    """The size of a regular file; Skip for anything else (a FIFO, a device, a folder)."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise Skip(f"cannot read: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Skip("not a regular file")
    return info.st_size


def _bytes(path: Path) -> bytes:
    limit = MAX_BYTES[path.suffix.lower()]
    if _regular(path) > limit:
        raise Skip(f"larger than {limit // 1_000_000} MB")
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:
        raise Skip(f"cannot read: {error.strerror or error}") from None


def _decode(data: bytes) -> str:
    if b"\0" in data:
        raise Skip("binary data, not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise Skip(f"cannot decode as {error.encoding} at line {line} (declare the encoding in a coding line)") \
            from None
    except (SyntaxError, LookupError) as error:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:   # not UTF-8 in the first two lines, and no coding line
            line = data[:bad.start].count(b"\n") + 1
            raise Skip(f"cannot decode as utf-8 at line {line} (declare the encoding in a coding line)") from None
        raise Skip(f"cannot decode: {error}") from None
    return text[1:] if text.startswith("\ufeff") else text


def _parse(text: str, name: str) -> ast.Module:
    try:
        return ast.parse(text, filename=name)
    except SyntaxError as error:
        tree = _python2(text, name)
        if tree is not None:
            return tree
        where = f" at line {error.lineno}" if error.lineno else ""
        raise Skip(f"syntax error{where}: {error.msg}") from None
    except (RecursionError, MemoryError):
        raise Skip("nested too deeply for Python's parser") from None
    except ValueError as error:
        raise Skip(f"cannot parse: {error}") from None


PRINT_STATEMENT = re.compile(r"^(?P<indent>[ \t]*)print(?:[ \t]+(?P<rest>[^#]*?))?[ \t]*(?P<comment>#.*)?$")
EXCEPT_COMMA = re.compile(r"^(?P<head>[ \t]*except[ \t]+[^:]+?),[ \t]*(?P<name>\w+)[ \t]*:")


def _python2(text: str, name: str) -> ast.Module | None:
    """Python 2 source (print statements, ``except E, e``) as the Python 3 it means, line for
    line, so that old code is still checked; None when that does not make it parse."""
    lines, changed = [], False
    for line in text.splitlines():
        found = PRINT_STATEMENT.match(line)
        if found and not (found["rest"] or "").startswith(("(", "=", ".")):
            rest = (found["rest"] or "").rstrip()
            target = ""
            if rest.startswith(">>"):
                stream, _, rest = rest[2:].partition(",")
                target = f", file={stream.strip()}"
            end = ', end=" "' if rest.endswith(",") else ""
            comment = f" {found['comment']}" if found["comment"] else ""
            line = f"{found['indent']}print({rest.rstrip(',')}{target}{end}){comment}"
            changed = True
        else:
            fixed = EXCEPT_COMMA.sub(lambda m: f"{m['head']} as {m['name']}:", line)
            changed = changed or fixed != line
            line = fixed
        lines.append(line)
    if not changed:
        return None
    try:
        return ast.parse("\n".join(lines), filename=name)
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return None


def _notebook(path: Path, shown: str, data: bytes) -> Source:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Skip("not a notebook: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise Skip(f"not a notebook: invalid JSON at line {error.lineno}") from None
    except RecursionError:
        raise Skip("not a notebook: JSON nested too deeply") from None
    if not isinstance(document, dict):
        raise Skip("not a notebook: no cells")
    cells = document.get("cells")
    if cells is None and isinstance(document.get("worksheets"), list) and document["worksheets"]:
        cells = document["worksheets"][0].get("cells") if isinstance(document["worksheets"][0], dict) else None
    if not isinstance(cells, list):
        raise Skip("not a notebook: no cells")
    metadata = document.get("metadata") if isinstance(document.get("metadata"), dict) else {}
    language = (metadata.get("kernelspec") or {}).get("language") if isinstance(metadata.get("kernelspec"),
                                                                                   dict) else None
    if isinstance(language, str) and language.lower() not in ("python", "python3", ""):
        raise Skip(f"a {language} notebook, not Python")
    body, lines, where, notes = [], [], [], []
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        text = "".join(source) if isinstance(source, list) and all(isinstance(s, str) for s in source) else source
        if not isinstance(text, str):
            notes.append(f"cell {number}: no source text")
            continue
        code = _strip_magics(text)
        if code is None:
            continue
        try:
            tree = ast.parse(code)
        except SyntaxError as error:
            notes.append(f"cell {number}: syntax error at line {error.lineno}: {error.msg}")
            continue
        except (RecursionError, MemoryError, ValueError):
            notes.append(f"cell {number}: cannot parse")
            continue
        cell_lines = code.splitlines() or [""]
        ast.increment_lineno(tree, len(lines))
        body.extend(tree.body)
        lines.extend(cell_lines)
        where.extend((number, i) for i in range(1, len(cell_lines) + 1))
    return Source(path, shown, "notebook", lines, ast.Module(body=body, type_ignores=[]), cells=where, notes=notes)


def _strip_magics(text: str) -> str | None:
    """A code cell as Python: IPython magics, shell escapes and help lines become ``pass``
    (same indentation, same line numbers); a cell magic other than %%time and its kin
    makes the whole cell something other than Python (None)."""
    lines = text.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        if not lines[0].lstrip().startswith(CELL_MAGICS_WITH_PYTHON):
            return None
        lines[0] = ""
    out = []
    for line in lines:
        stripped = line.lstrip()
        indent = line[:len(line) - len(stripped)]
        if stripped.startswith(("%", "!")) or (stripped.endswith("?") and not stripped.startswith("#")) or \
                re.match(r"^[A-Za-z_][\w.]*\s*=\s*[!%]", stripped):
            out.append(indent + "pass")
        else:
            out.append(line)
    return "\n".join(out)


def _keras_config(path: Path) -> dict:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo("config.json")
            except KeyError:
                raise Skip("not a Keras model: no config.json in the archive") from None
            if info.file_size > MAX_CONFIG_BYTES:
                raise Skip("config.json larger than 50 MB")
            data = archive.read(info)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError):
        raise Skip("not a .keras archive (not a valid zip file)") from None
    except OSError as error:
        raise Skip(f"cannot read: {error.strerror or error}") from None
    try:
        config = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Skip("config.json is not valid JSON") from None
    if not isinstance(config, dict):
        raise Skip("config.json holds no model")
    return config
