"""Numbers in and out: parse command-line values, read .txt/.csv/.npy/stdin, and write
outputs atomically (a temporary file in the same directory, then a rename)."""
from __future__ import annotations

import contextlib
import os
import sys
from typing import IO, Iterable, Iterator

from .errors import InputError, OutputError

ARRAY_FORMATS = (".npy", ".csv", ".txt")


def parse_number(token: str) -> float:
    """A float from text, never evaluated as code; InputError names the bad token."""
    try:
        return float(token)
    except ValueError:
        raise InputError(f"{token!r} is not a number") from None


def parse_values(tokens: Iterable[str]):
    """Command-line tokens ("1", "-3", "1,3,2", "[1, 3, 2]", "inf") as a 1-D float64 array."""
    import numpy as np

    # "[1, -2, 3]" pasted from Python, or numpy's own print "[0.5 0.25]", reads as the numbers in it
    numbers = [parse_number(part) for token in tokens
               for part in token.replace(",", " ").replace("[", " ").replace("]", " ").split()]
    if not numbers:
        raise InputError("no values: give numbers (actv eval relu -3 0 3) or --input FILE")
    return np.array(numbers, dtype=np.float64)


def _parse_text(text: str, source: str, delimiter: str | None):
    import numpy as np

    rows = []
    first = True
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split(delimiter)] if delimiter else line.replace(",", " ").split()
        while len(parts) > 1 and not parts[-1]:  # "1,2," — a trailing delimiter, as spreadsheets export
            parts.pop()
        header, first = first and delimiter is not None and not any(map(is_number, parts)), False
        if header:  # a CSV header: a first line with no number in it
            continue
        bad = next((part for part in parts if not is_number(part)), None)
        if bad is not None:
            column = parts.index(bad) + 1
            what = f"column {column} is empty" if not bad else f"{bad!r} is not a number"
            raise InputError(f"{source}, line {number}: {what}")
        rows.append([float(part) for part in parts])
    if not rows:
        raise InputError(f"{source} holds no numbers")
    widths = {len(row) for row in rows}
    if len(rows) == 1 or widths == {1}:
        return np.array([value for row in rows for value in row], dtype=np.float64)
    if len(widths) != 1:
        raise InputError(f"{source}: rows have different lengths ({', '.join(map(str, sorted(widths)))})")
    return np.array(rows, dtype=np.float64)


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_values(path: str, stdin: IO[str] | None = None):
    """Read an array from .npy (no pickles), .csv or whitespace/comma text; '-' is stdin."""
    import numpy as np

    from pathlib import Path

    if path == "-":
        try:
            text = (stdin or sys.stdin).read()
            text.encode("utf-8")  # undecodable bytes come in as surrogates
        except (UnicodeDecodeError, UnicodeEncodeError):
            text = "\x00"
        if "\x00" in text or text.startswith("\x93NUMPY"):
            raise InputError("stdin does not hold numbers as text (for a .npy file use --input FILE.npy)")
        return _parse_text(text, "stdin", None)
    file = Path(path)
    try:
        if file.suffix.lower() == ".npy":
            with open(file, "rb") as stream:
                if stream.read(6) != b"\x93NUMPY":
                    raise InputError(f"{path} is not a .npy array file")
            array = np.load(file, allow_pickle=False)
            if array.dtype.kind not in "biuf":
                raise InputError(f"{path} holds {array.dtype} values, not real numbers")
            return array
        text = file.read_text(encoding="utf-8")
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a file") from None
    except MemoryError:  # e.g. an .npy header that claims a huge shape
        raise InputError(f"cannot read {path}: too large to load") from None
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {error}") from None
    return _parse_text(text, path, "," if file.suffix.lower() == ".csv" else None)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    A failure leaves neither a partial file nor a changed ``path``; OS errors become
    OutputError (exit 1).
    """
    import tempfile
    from pathlib import Path

    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                                             prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, mode) as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, OutputError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_array(path: str, array) -> None:
    """Write ``array`` as .npy, .csv or .txt (by extension), atomically."""
    import numpy as np

    suffix = os.path.splitext(path)[1].lower()
    if suffix not in ARRAY_FORMATS:
        raise InputError(f"cannot write {suffix or 'a file without extension'}: "
                         f"use one of {', '.join(ARRAY_FORMATS)}")
    with atomic_output(path) as stream:
        if suffix == ".npy":
            np.save(stream, array, allow_pickle=False)
        else:
            matrix = np.atleast_1d(array)
            if matrix.ndim > 2:
                raise InputError(f"a {matrix.ndim}-D result cannot be written as {suffix}: use .npy")
            np.savetxt(stream, matrix, delimiter="," if suffix == ".csv" else " ", fmt="%.17g"
                       if matrix.dtype == np.float64 else "%.9g")
