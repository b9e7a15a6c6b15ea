"""Every command documents itself: -h and --help work, with real examples."""
import re
from pathlib import Path

import pytest

from activation_cli.cli import cli

COMMANDS = sorted(cli.commands)
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_root_help_lists_every_command(actv, flag):
    result = actv(flag)
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", result.output, re.M), name


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_command_help_has_examples(actv, name, flag):
    result = actv(name, flag)
    assert result.exit_code == 0
    examples = result.output.split("Examples:", 1)[1]
    assert re.findall(rf"^\s+actv {name}\b", examples, re.M), f"{name} --help shows no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_shows_every_command(name):
    assert f"actv {name}" in README


def test_version_reads_the_package_metadata(actv):
    from importlib.metadata import version

    assert actv("--version").output == f"actv {version('activation-cli')}\n"


def test_ci_runs_the_readmes_test_command():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    command = README.split("## Run the tests", 1)[1].split("```")[1].strip()
    assert command in ci.splitlines()


def test_readme_python_examples_run_as_shown():
    import doctest

    block = README.split("```python\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_readme_eval_examples_are_real_output(actv):
    block = README.split("## Evaluate: `actv eval`", 1)[1].split("```")[1]
    for command, expected in _transcript(block):
        if "--format json" in command:  # shown on one line in the README
            continue
        result = actv(*command.split()[1:])
        assert (result.stdout or result.stderr) == expected, command


def _transcript(block):
    """(command, output) pairs of a "$ actv ..." transcript."""
    pairs = []
    for chunk in block.split("$ ")[1:]:
        command, _, output = chunk.partition("\n")
        pairs.append((command, output))
    return pairs
