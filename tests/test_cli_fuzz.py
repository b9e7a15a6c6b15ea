"""Random argument lists at every command: never a traceback, only exit 0, 1 or 2."""
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activation_cli.cli import cli

NUMBERS = ["0", "1", "-1", "2.5", "-3", "1e308", "-1e308", "inf", "-inf", "nan", "1e-320", "3"]
WORDS = ["relu", "softmax", "sigmoid", "gelu", "glu", "threshold", "sigmod", "", "x", "-", "--",
         "a=1", "axis=5", "alpha=-1", "approximate=tanh", "out.png", "out.npy", "out.csv", "nope/out.txt",
         "multiclass", "binary", "mlp", "rnn", "moons", "json", "table", "markdown", "csv", "text"]


def _vocabulary():
    words = list(NUMBERS + WORDS)
    for command in cli.commands.values():
        for param in command.params:
            words += getattr(param, "opts", [])
            words += getattr(param, "secondary_opts", [])
    return sorted(set(words))


VOCABULARY = _vocabulary()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(sorted(cli.commands) + ["", "--color", "bogus"]),
       args=st.lists(st.sampled_from(VOCABULARY), max_size=6))
def test_no_input_raises_a_traceback(actv, tmp_path_factory, command, args):
    workdir = tmp_path_factory.mktemp("fuzz")
    old = os.getcwd()
    os.chdir(workdir)
    try:
        result = actv(*([command] if command else []), *args, input="1 2 3\n")
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1, 2), (command, args, result.output)
    assert "Traceback" not in result.output
    if result.exit_code != 0 and "--color" not in args:  # forced colour draws compare's progress bars on stderr
        assert result.stderr.count("\n") <= 1 or "Usage:" in result.stderr, (command, args, result.stderr)
