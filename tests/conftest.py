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
