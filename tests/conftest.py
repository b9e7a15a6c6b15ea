import pytest
from click.testing import CliRunner

from activation_cli.cli import cli


class Runner:
    """Invoke actv in-process with stable output: no colour, 100 columns."""

    def __init__(self):
        self.runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None})

    def __call__(self, *args, input=None):
        return self.runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False,
                                  prog_name="actv")


@pytest.fixture
def actv():
    return Runner()


@pytest.fixture(autouse=True)
def numpy_warnings_are_errors():
    """Every test runs with numpy warnings raised as errors: no input may warn."""
    import numpy as np

    with np.errstate(all="raise"):
        yield


class Lint:
    """Write files under a folder and run ``actv check`` on it (the library, in-process)."""

    def __init__(self, root):
        self.root = root

    def write(self, files: dict):
        import textwrap

        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text), encoding="utf-8")

    def report(self, files: dict | None = None, *paths, **options):
        from activation_cli.check import check

        if files:
            self.write(files)
        return check([str(self.root / p) for p in paths] or [str(self.root)], cwd=self.root, **options)

    def __call__(self, files: dict | None = None, *paths, **options):
        """(code, path, line) of every finding."""
        return [(d.code, d.path, d.line) for d in self.report(files, *paths, **options).diagnostics]


@pytest.fixture
def lint(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTV_CHECK_DEBUG", "1")  # an internal error fails the test instead of a skip
    return Lint(tmp_path)
