"""What a newcomer trips over across commands: hints, --color after the command, missing option
values, python -m, list at 80 and 60 columns."""
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from activation_cli.cli import cli


def run(*args, columns="80", input=None):
    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": columns, "FORCE_COLOR": None})
    return runner.invoke(cli, [str(a) for a in args], input=input, prog_name="actv", catch_exceptions=False)


# -- missing option values (the negative-number parser used to hand click its own "--") ---------------

EVAL_OPTIONS = ["--input", "--output", "-o", "--axis", "--dtype", "--format", "-p", "--param"]
PLOT_OPTIONS = ["--points", "-p", "--param", "-o", "--output", "--title", "--dpi", "--style"]


@pytest.mark.parametrize("option", EVAL_OPTIONS)
@pytest.mark.parametrize("before", [[], ["-3", "0"]])
def test_eval_option_without_its_value(option, before):
    result = run("eval", "relu", *before, option)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: Option {option!r} requires an argument.\n"


@pytest.mark.parametrize("option", PLOT_OPTIONS)
def test_plot_option_without_its_value(option, tmp_path):
    result = run("plot", "relu", option)
    assert (result.exit_code, result.stderr) == (2, f"Error: Option {option!r} requires an argument.\n")


@pytest.mark.parametrize("args", [["--range", "-3"], ["--range"], ["--size", "4"], ["--size"]])
def test_plot_two_value_option_short_of_values(args):
    result = run("plot", "relu", *args)
    assert (result.exit_code, result.stderr) == (2, f"Error: Option {args[0]!r} requires 2 arguments.\n")


def test_a_cluster_of_short_options_takes_the_value_after_it():
    assert run("eval", "leaky_relu", "-dp", "negative_slope=0.5", "-1").output == "[0.5]\n"
    assert run("eval", "leaky_relu", "-dp").stderr == "Error: Option '-p' requires an argument.\n"


def test_negative_option_values_still_parse():
    assert run("eval", "softmax", "0", "0", "--axis", "-1").output == "[0.5 0.5]\nsum: 1.0\n"


# -- --color / --no-color after the command ----------------------------------------------------------

@pytest.mark.parametrize("command", [["list"], ["info", "relu"], ["guide"], ["rules"], ["eval", "relu", "1"],
                                     ["recommend", "--task", "binary"], ["check", "--list-rules"]])
def test_no_color_after_the_command(command):
    result = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": "1", "COLUMNS": "100"}).invoke(
        cli, [*command, "--no-color"])
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output


def test_color_after_the_command_wins_over_the_root_option():
    result = CliRunner(env={"NO_COLOR": None, "COLUMNS": "100"}).invoke(cli, ["--no-color", "list", "--color"])
    assert result.exit_code == 0 and "\x1b[" in result.output


# -- hints -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["eval", "1", "2", "relu"], "Error: the function name comes first: actv eval relu 1 2 (see 'actv eval --help')"),
    (["eval", "-1", "2", "Swish", "-d"],
     "Error: the function name comes first: actv eval Swish -1 2 (see 'actv eval --help')"),
    (["eval", "1", "2"],
     "Error: the function name comes first, then the numbers: actv eval relu 1 2 (see 'actv eval --help')"),
    (["eval", "1", "foo"], "Error: the function name comes first: actv eval NAME 1 ('foo' is not an activation; "
                           "'actv list' shows them) (see 'actv eval --help')"),
    (["help"], "Error: No such command 'help': try 'actv --help' (every command takes --help)."),
    (["help", "eval"], "Error: No such command 'help': try 'actv eval --help' (every command takes --help)."),
    (["relu", "1", "2"], "Error: No such command 'relu': relu is an activation. Evaluate it with 'actv eval relu "
                         "1 2', describe it with 'actv info relu'."),
    (["recommend", "multiclass"],
     "Error: the task is an option: actv recommend --task multiclass (see 'actv recommend --help')"),
    (["recommend", "--task", "binary", "LSTM"],
     "Error: the architecture is an option: actv recommend --arch lstm (see 'actv recommend --help')"),
    (["recommend", "--task", "binary", "keras"],
     "Error: the framework is an option: actv recommend --framework keras (see 'actv recommend --help')"),
    (["recommend", "--task", "multiclass", "10"],
     "Error: the number of classes is an option: actv recommend --classes 10 (see 'actv recommend --help')"),
    (["recommend", "foo"], "Error: unexpected argument 'foo': recommend takes options only, e.g. actv recommend "
                           "--task binary (see 'actv recommend --help')"),
    (["recomend"], "Error: No such command 'recomend'. Did you mean 'recommend'? (see 'actv --help')"),
])
def test_hints(args, message):
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == message + "\n"


# -- actv list at 80 and 60 columns --------------------------------------------------------------

@pytest.mark.parametrize("columns", [100, 80, 60, 40])
def test_list_never_breaks_a_name_or_a_header(columns):
    from activation_cli.catalog import CATALOG

    out = run("list", columns=str(columns)).output
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    cells = [cell.strip() for line in lines for cell in line.strip("│┃").split("│" if "│" in line else "┃")]
    names = {entry.name for entry in CATALOG.values()}
    assert names <= set(cells)  # each name whole, in one cell
    headers = {cell for line in lines if "┃" in line for cell in (c.strip() for c in line.strip("┃").split("┃"))}
    assert "name" in headers and "range" in headers
    words = {word for line in lines for word in line.replace("│", " ").replace("┃", " ").split()}
    for header in ("aliases", "monotonic", "smooth", "use"):  # whole, or left out and said so
        assert header in words or header in out.split("Left out at this width:")[-1]
    for alias in ("hardsigmoid", "hard_swish,", "hardswish", "identity", "logistic"):
        assert alias in words or columns < 60


def test_list_says_which_columns_it_left_out():
    out = run("list", columns="60").output
    assert "Left out at this width: monotonic, smooth, zero-centred\n(widen the terminal, or use --format markdown)" \
        in out
    assert "Left out" not in run("list", columns="160").output


# -- python -m activation_cli --------------------------------------------------------------------

@pytest.mark.parametrize("args", [["--help"], ["--version"], ["eval", "relu", "-1", "2"], ["eval", "sigmod", "1"],
                                  ["eval", "relu", "--input"], ["recommend"], ["list", "--format", "csv"], []])
def test_python_m_behaves_like_actv(args):
    actv = os.path.join(os.path.dirname(sys.executable), "actv")
    if not os.path.exists(actv):
        pytest.skip("the actv script is not installed beside this Python")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    script = subprocess.run([actv, *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    module = subprocess.run([sys.executable, "-m", "activation_cli", *args], capture_output=True, text=True,
                            env=env, stdin=subprocess.DEVNULL)
    assert (module.returncode, module.stdout, module.stderr) == (script.returncode, script.stdout, script.stderr)
    if args in ([], ["--help"]):
        assert (script.stdout or script.stderr).startswith("Usage: actv [OPTIONS] COMMAND [ARGS]...")


# -- shell completion ----------------------------------------------------------------------------

def complete(args, incomplete=""):
    from click.shell_completion import ShellComplete

    return [item.value for item in ShellComplete(cli, {}, "actv", "_ACTV_COMPLETE").get_completions(args, incomplete)]


def test_completes_every_activation_name_and_alias():
    from activation_cli.catalog import CATALOG

    every = {name for entry in CATALOG.values() for name in (entry.name, *entry.aliases)}
    for command in (["eval"], ["info"], ["plot"], ["plot", "relu"], ["compare"], ["compare", "relu"]):
        assert set(complete(command)) == every, command
    assert complete(["eval"], "sw") == ["swish"]
    assert sorted(complete(["info"], "Hard_S")) == ["hard_shrink", "hard_sigmoid", "hard_silu", "hard_swish"]


def test_completes_task_arch_dataset_and_format():
    assert complete(["recommend", "--task"], "multi") == ["multiclass", "multilabel"]
    assert complete(["compare", "--task"], "reg") == ["regression"]
    assert complete(["recommend", "--arch"], "") == ["mlp", "cnn", "rnn", "lstm", "gru", "transformer",
                                                     "self-normalizing", "mobile-cnn", "gan"]
    assert complete(["compare", "--dataset"], "") == ["moons", "circles", "spirals", "xor", "sine",
                                                      "blobs-multilabel"]
    assert complete(["recommend", "--format"], "") == ["table", "json", "markdown", "code"]
    assert complete(["eval", "relu", "--format"], "") == ["text", "json", "csv", "table"]
    assert complete(["list", "--format"], "m") == ["markdown"]


def test_completes_the_parameters_of_the_chosen_function():
    assert complete(["eval", "leaky_relu", "-p"]) == ["negative_slope="]
    assert complete(["eval", "leaky_relu", "-3", "2", "--param"], "neg") == ["negative_slope="]
    assert complete(["eval", "gelu", "-p"]) == ["approximate="]
    assert complete(["eval", "relu", "-p"]) == []
    assert set(complete(["plot", "elu", "gelu", "--param"])) == {"alpha=", "approximate="}


def test_the_readme_shows_completion_for_bash_zsh_and_fish():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for shell in ("bash", "zsh", "fish"):
        assert f"_ACTV_COMPLETE={shell}_source actv" in readme, shell
