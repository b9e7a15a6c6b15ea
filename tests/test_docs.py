"""Every command documents itself: -h and --help work, with real examples."""
import json
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


DOCS = {"README.md": README,
        "docs/recommend.md": (Path(__file__).parent.parent / "docs" / "recommend.md").read_text(encoding="utf-8")}
# Transcripts that write files are left to the examples' own tests. compare's run at 80 columns
# (as a newcomer's terminal), its time column normalized; a shown output ending in "..." is a prefix.
UNCHECKED = ("actv plot",)
TIME = re.compile(r"\b\d+\.\d\ds\b")


def transcripts():
    """Every "$ actv ..." command in the docs' code blocks, with the output shown under it."""
    for name, text in DOCS.items():
        for block in text.split("```")[1::2]:
            for chunk in ("\n" + block).split("\n$ ")[1:]:
                command, _, output = chunk.partition("\n")
                if not command.startswith(UNCHECKED):
                    yield pytest.param(command, output.rstrip("\n"), id=f"{name}: {command}")


@pytest.mark.parametrize(("command", "shown"), list(transcripts()))
def test_docs_show_real_output(actv, command, shown):
    if command.startswith("actv compare"):
        from click.testing import CliRunner

        runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "80", "FORCE_COLOR": None})
        result = runner.invoke(cli, command.split()[1:], catch_exceptions=False, prog_name="actv")
    else:
        result = actv(*command.split()[1:])
    printed = "\n".join(line.rstrip() for line in (result.stdout or result.stderr).rstrip("\n").splitlines())
    if "--format json" in command and shown.count("\n") == 0:  # shown on one line in the README
        printed = json.dumps(json.loads(printed))
    if command.startswith("actv compare"):
        printed, shown = TIME.sub("0.00s", printed), TIME.sub("0.00s", shown)
        if shown.endswith("\n..."):
            shown = shown[:-len("\n...")]
            printed = "\n".join(printed.splitlines()[:shown.count("\n") + 1])
    assert printed == shown


def test_compare_prints_no_trailing_spaces(actv):
    result = actv("compare", "relu", "tanh", "--epochs", "2", "--seeds", "2")
    assert result.exit_code == 0 and result.output.count("\n") > 10
    assert [line for line in result.output.splitlines() if line != line.rstrip()] == []


def test_readme_list_table_is_real_output(actv):
    assert actv("list", "--format", "markdown").output.strip() in README
