"""actv check reads what it is given: which files, how, and what it skips (with the reason)."""
import json
import os
import zipfile
from pathlib import Path

import pytest

from activation_cli.check import sources
from activation_cli.errors import InputError

SOFTMAX_NO_DIM = "import torch.nn as nn\nhead = nn.Softmax()\n"   # one ACT106 finding


def paths(report):
    return sorted({d.path for d in report.diagnostics})


def test_folders_are_walked_skipping_vcs_venvs_caches_and_gitignored_files(lint):
    lint.write({
        "src/model.py": SOFTMAX_NO_DIM,
        "src/notes.txt": SOFTMAX_NO_DIM,
        ".git/hooks/x.py": SOFTMAX_NO_DIM,
        "env/pyvenv.cfg": "home = /usr\n",
        "env/lib/site.py": SOFTMAX_NO_DIM,
        "__pycache__/m.py": SOFTMAX_NO_DIM,
        "node_modules/a/b.py": SOFTMAX_NO_DIM,
        "build/gen.py": SOFTMAX_NO_DIM,
        "data/raw/x.py": SOFTMAX_NO_DIM,
        "data/keep.py": SOFTMAX_NO_DIM,
        "scratch_1.py": SOFTMAX_NO_DIM,
        "deep/er/scratch_2.py": SOFTMAX_NO_DIM,
        "important.py": SOFTMAX_NO_DIM,
        ".gitignore": "# comment\nbuild/\n/data/raw\nscratch_*.py\n*.py\n!important.py\n!src/**\n!data/keep.py\n",
    })
    report = lint.report()
    assert paths(report) == ["data/keep.py", "important.py", "src/model.py"]
    assert report.checked == 3


def test_a_file_given_by_name_is_checked_even_if_ignored(lint):
    lint.write({"x.py": SOFTMAX_NO_DIM, ".gitignore": "x.py\n"})
    assert lint(None, "x.py") == [("ACT106", "x.py", 2)]
    assert lint(None) == []


def test_a_missing_path_is_a_usage_error(lint):
    with pytest.raises(InputError, match="nope.py: no such file or folder"):
        lint.report(None, "nope.py")


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("syntax.py", "def f(:\n", "syntax error at line 1: invalid syntax"),
    ("binary.py", b"\x00\x01\x02import torch", "binary data, not Python source"),
    ("latin.py", "x = 'café'\n".encode("latin-1"),
     "cannot decode as utf-8 at line 1 (declare the encoding in a coding line)"),
    ("cookie.py", b"# -*- coding: klingon -*-\nx = 1\n", "cannot decode: unknown encoding for cookie.py: klingon"),
    ("nested.py", "x = " + "(" * 300 + ")" * 300 + "\n", "syntax error at line 1: too many nested parentheses"),
    ("notebook.ipynb", "{not json", "not a notebook: invalid JSON at line 1"),
    ("list.ipynb", "[1, 2]", "not a notebook: no cells"),
    ("r.ipynb", json.dumps({"cells": [], "metadata": {"kernelspec": {"language": "R"}}}), "a R notebook, not Python"),
    ("model.keras", b"PK not really a zip", "not a .keras archive (not a valid zip file)"),
    ("readme.txt", "hello", "not a Python file (.py), notebook (.ipynb) or Keras model (.keras)"),
])
def test_files_that_cannot_be_read_are_skipped_with_the_reason_and_the_rest_checked(lint, name, content, reason):
    if name == "cookie.py":   # the decoder names the file it was given: here, a stream
        reason = "cannot decode: unknown encoding: klingon"
    lint.write({name: content, "good.py": SOFTMAX_NO_DIM})
    report = lint.report(None, name, "good.py")
    assert report.skipped == [(name, reason)]
    assert [d.path for d in report.diagnostics] == ["good.py"]


def test_a_declared_encoding_is_honoured(lint):
    lint.write({"latin.py": "# -*- coding: latin-1 -*-\n".encode() + SOFTMAX_NO_DIM.encode("latin-1")
                + "# café\n".encode("latin-1")})
    assert lint(None) == [("ACT106", "latin.py", 3)]


def test_keras_archives_without_config_or_with_bad_json_are_skipped(lint, tmp_path):
    for name, files in (("empty.keras", {"metadata.json": "{}"}), ("bad.keras", {"config.json": "{oops"}),
                        ("list.keras", {"config.json": "[]"})):
        with zipfile.ZipFile(tmp_path / name, "w") as archive:
            for item, text in files.items():
                archive.writestr(item, text)
    assert lint.report().skipped == [
        ("bad.keras", "config.json is not valid JSON"),
        ("empty.keras", "not a Keras model: no config.json in the archive"),
        ("list.keras", "config.json holds no model"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_skipped_not_read(lint, tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    lint.write({"good.py": SOFTMAX_NO_DIM})
    report = lint.report()
    assert report.skipped == [("pipe.py", "not a regular file")]
    assert report.checked == 1
    assert lint.report(None, "pipe.py").skipped == [("pipe.py", "not a regular file")]


def test_an_unreadable_folder_is_skipped(lint, tmp_path, monkeypatch):
    lint.write({"locked/a.py": SOFTMAX_NO_DIM, "good.py": SOFTMAX_NO_DIM})
    walk = os.walk

    def walk_as_a_user(top, onerror=None, **options):   # this may run as root, who reads any folder
        for folder, dirs, names in walk(top, onerror=onerror, **options):
            if Path(folder).name == "locked":
                onerror(PermissionError(13, "Permission denied", folder))
                dirs[:] = []
                continue
            yield folder, dirs, names

    monkeypatch.setattr(sources.os, "walk", walk_as_a_user)
    report = lint.report()
    assert report.skipped == [("locked", "cannot read folder: Permission denied")]
    assert [d.path for d in report.diagnostics] == ["good.py"]


def test_a_symlinked_folder_is_not_followed(lint, tmp_path):
    lint.write({"src/a.py": SOFTMAX_NO_DIM})
    (tmp_path / "src" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert lint(None) == [("ACT106", "src/a.py", 2)]


def test_code_nested_deeper_than_the_analysis_follows_is_skipped_not_a_crash(lint, monkeypatch):
    import sys

    monkeypatch.delenv("ACTV_CHECK_DEBUG")
    terms = " + ".join(["x"] * 1500)   # a 1500-deep expression tree: parsed fine, too deep to follow
    lint.write({"deep.py": f"import torch.nn.functional as F\ny = F.softmax({terms})\n", "good.py": SOFTMAX_NO_DIM})
    assert sys.getrecursionlimit() < 1500 * 2
    report = lint.report()
    assert report.skipped == [("deep.py", "nested too deeply to follow")]
    assert [d.path for d in report.diagnostics] == ["good.py"]


def test_notebook_cells_magics_and_positions(tmp_path):
    notebook = {"cells": [
        {"cell_type": "code", "source": ["%%bash\n", "echo hello\n"]},
        {"cell_type": "code", "source": ["%%time\n", "import torch\n", "x = !ls\n", "torch.nn.Softmax?\n",
                                         "for i in range(2):\n", "    %time f(i)\n", "y = 1  # noqa: ACT1\n"]},
        {"cell_type": "raw", "source": "anything"},
        {"cell_type": "code", "source": "z = 'é'; w = torch.softmax(z, 1)"},
    ], "metadata": {}, "nbformat": 4}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    source = sources.read(path, tmp_path)
    assert source.lines == ["", "import torch", "pass", "pass", "for i in range(2):", "    pass",
                            "y = 1  # noqa: ACT1", "z = 'é'; w = torch.softmax(z, 1)"]
    assert source.position(8, len("z = 'é'; w = ".encode())) == (1, 14, 4)   # characters, not bytes
    assert source.position(2, 0) == (2, 1, 2)
    assert source.suppressed(7, "ACT106") and not source.suppressed(7, "ACT201")
    assert source.notes == []


def test_nbformat_3_worksheets_are_read(tmp_path):
    notebook = {"worksheets": [{"cells": [{"cell_type": "code", "input": ["import torch.nn as nn\n",
                                                                            "nn.Softmax()\n"]}]}]}
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    from activation_cli.check import check

    assert [(d.code, d.cell, d.line) for d in check([str(path)], cwd=tmp_path).diagnostics] == [("ACT106", 1, 2)]


def test_display_paths_are_relative_to_the_working_folder(tmp_path):
    assert sources.display(tmp_path / "a" / "b.py", tmp_path) == "a/b.py"
    assert sources.display(Path("/elsewhere/x.py"), tmp_path) == "/elsewhere/x.py"
