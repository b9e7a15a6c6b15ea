"""The actv command line: thin click commands that parse, call the library, render.

Only click and the standard library are imported here at module level; numpy, rich,
matplotlib and scipy are imported inside the commands that need them, so that
``actv --help`` and ``actv eval`` start fast.
"""
from __future__ import annotations

import os
import sys

import click

from . import render
from .errors import ActvError
from .files import is_number

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
COLOR_HELP = "Colour in tables and panels (default: when writing to a terminal; honours NO_COLOR)."


class ActvGroup(click.Group):
    """The root group: maps every error to one line on stderr and an exit status."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()
            code = error.exit_code
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            click.echo(f"Error: {error.format_message()}{hint}", err=True)
            code = error.exit_code
        except click.ClickException as error:
            error.show()
            code = error.exit_code
        except ActvError as error:
            click.echo(f"Error: {error}", err=True)
            code = error.exit_code
        except click.Abort as error:
            # Ctrl-C exits 130 (as a shell reports SIGINT), Ctrl-D 1; a prompt leaves the cursor on
            # its line, so the message starts a line of its own (click's handler already did)
            reason = error.__cause__ or error.__context__
            click.echo(("" if error.__cause__ else "\n") + "Aborted.", err=True)
            code = 130 if isinstance(reason, KeyboardInterrupt) else 1
        except BrokenPipeError:  # `actv list | head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 1
        else:
            code = result if isinstance(result, int) else 0
        sys.exit(code)


    def add_command(self, cmd, name=None):
        # --color/--no-color also after the subcommand: `actv list --no-color`
        cmd.params.append(click.Option(["--color/--no-color"], default=None, expose_value=False,
                                       callback=_set_color, help=COLOR_HELP))
        for param in cmd.params:  # shell completion of the values that are names (see the README)
            complete = COMPLETIONS.get(param.name)
            if complete is not None and param._custom_shell_complete is None:
                param._custom_shell_complete = complete
        super().add_command(cmd, name)

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            hint = _command_hint(args[0], args[1:])
            if hint:
                raise click.UsageError(hint)
        return super().resolve_command(ctx, args)


def _command_hint(name: str, rest) -> str | None:
    """What a newcomer meant by a command that does not exist: `actv help`, `actv relu 1 2`."""
    if name.lower() == "help":
        topic = f"actv {rest[0]} --help" if rest else "actv --help"
        return f"No such command 'help': try '{topic}' (every command takes --help)."
    if name.lower() in ("completion", "complete", "completions"):
        return (f"No such command {name!r}: completion is set up in your shell, e.g. for bash: "
                'eval "$(_ACTV_COMPLETE=bash_source actv)" (the README has zsh and fish)')
    from .errors import ActvError

    try:
        from .catalog import get

        entry = get(name)
    except ActvError:
        return None
    values = " ".join(rest) or "-3 0 3"
    return (f"No such command {name!r}: {entry.name} is an activation. Evaluate it with 'actv eval {name} "
            f"{values}', describe it with 'actv info {name}'.")


def _complete(pairs, incomplete: str):
    from click.shell_completion import CompletionItem

    folded = incomplete.lower()
    return [CompletionItem(value, help=text) for value, text in pairs if value.lower().startswith(folded)]


def _complete_activation(ctx, param, incomplete):
    """Every catalog name and alias, for NAME, NAMES and compare's NAME[:PARAM=VALUE,...]."""
    from .catalog import CATALOG

    pairs = [(name, entry.summary if name == entry.name else f"= {entry.name}")
             for entry in CATALOG.values() for name in (entry.name, *entry.aliases)]
    return _complete(pairs, incomplete)


def _complete_task(ctx, param, incomplete):
    return _complete(TASK_CHOICES.items(), incomplete)


def _complete_arch(ctx, param, incomplete):
    return _complete(ARCH_CHOICES.items(), incomplete)


def _complete_dataset(ctx, param, incomplete):
    from .compare.datasets import BUILTINS

    return _complete([(name, data.description) for name, data in BUILTINS.items()], incomplete)


def _complete_param(ctx, param, incomplete):
    """NAME= for each parameter of the function(s) already on the command line."""
    from .catalog import get
    from .errors import ActvError

    given = ctx.params.get("name") or ctx.params.get("names") or ()
    pairs = {}
    for name in [given] if isinstance(given, str) else given:
        try:
            entry = get(name.split(":")[0])
        except ActvError:
            continue
        for p in entry.params:
            pairs.setdefault(f"{p.name}=", f"{entry.name}: {p.doc}")
    return _complete(pairs.items(), incomplete)


COMPLETIONS = {"name": _complete_activation, "names": _complete_activation, "task": _complete_task,
               "arch": _complete_arch, "dataset": _complete_dataset, "params": _complete_param}


def _set_color(ctx, param, value):
    if value is not None:
        render.configure(value)


class ValuesCommand(click.Command):
    """A command whose positional values may be negative numbers without '--':
    ``actv eval relu -3 0 3``. Options (and their values) keep their meaning."""

    def parse_args(self, ctx, args):
        takes_values = {
            name: param.nargs
            for param in self.params
            if isinstance(param, click.Option) and not param.is_flag and not param.count
            for name in param.opts
        }
        options, positionals = [], []
        index = 0
        while index < len(args):
            token = args[index]
            if token == "--":
                positionals += args[index + 1:]
                break
            if token.startswith("-") and len(token) > 1 and not _numeric_looking(token):
                options.append(token)
                name = _needs_value(token, takes_values)
                if name is not None:
                    count = takes_values[name]
                    given = args[index + 1:index + 1 + count]
                    if len(given) < count:  # say so here: click would take the "--" added below as the value
                        if ctx.resilient_parsing:  # shell completion of that very value: leave it to click
                            options.pop()
                            break
                        raise click.BadOptionUsage(name, _missing_value(name, count))
                    options += given
                    index += count
            else:
                positionals.append(token)
            index += 1
        return super().parse_args(ctx, options + (["--", *positionals] if positionals else []))


def _needs_value(token: str, takes_values: dict) -> str | None:
    """The option of ``token`` whose value is the next argument(s): "--input", "-p", or the
    last of a cluster of short flags ("-dp"); None when the value is attached ("-p5",
    "--input=x") or the option takes none."""
    if "=" in token:
        return None
    if token in takes_values:
        return token
    if not token.startswith("--") and f"-{token[-1]}" in takes_values and f"-{token[1]}" not in takes_values:
        return f"-{token[-1]}"  # "-dp": flags, then an option whose value follows
    return None


def _missing_value(name: str, count: int) -> str:
    """click's own words for an option given without its value."""
    if count == 1:
        return f"Option {name!r} requires an argument."
    return f"Option {name!r} requires {count} arguments."


def _numeric_looking(token: str) -> bool:
    """A number, or what was meant as one ("-5e", "-.5.5"): a value for the number parser
    to accept or name, never an unknown option."""
    return is_number(token) or token[1:2].isdigit() or token[1:3] in {f".{d}" for d in "0123456789"}


def output_format(*choices: str, default: str | None = None):
    """The shared --format option; the first choice is the default."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices, case_sensitive=False),
        default=default or choices[0], show_default=True, help="Output format.",
    )


@click.group(cls=ActvGroup, context_settings=CONTEXT)
@click.version_option(package_name="activation-cli", prog_name="actv", message="%(prog)s %(version)s")
@click.option("--color/--no-color", default=None, help=COLOR_HELP)
def cli(color):
    """actv: which activation, which loss, which initializer?

    An advisor for neural-network activation functions: evaluate, describe and
    compare every activation of Keras, PyTorch and JAX.

    \b
    Examples:
      actv recommend --task multiclass   which activation, loss, initializer
      actv guide                         the decision charts as a tree
      actv eval softmax 1 3 2            probabilities that sum to 1
      actv eval relu -3 0 3 -d           the derivative
      actv list                          every function, one row each
      actv info gelu                     formula, range, framework defaults, pitfalls
      actv plot tanh sigmoid -d          a picture, with derivatives (tanh_sigmoid.png)
      actv compare relu tanh sigmoid     train a small network with each and compare
      actv check src/                    find activation/loss mistakes in your code
    """
    render.configure(color)


# -- eval ------------------------------------------------------------------------------------

@cli.command("eval", cls=ValuesCommand, context_settings=CONTEXT,
             short_help="Evaluate a function (or its derivative) on numbers.")
@click.argument("name")
@click.argument("values", nargs=-1)
@click.option("-d", "--derivative", is_flag=True,
              help="Print the derivative instead (the Jacobian matrix for vector functions).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a parameter, e.g. --param alpha=0.5 (repeatable).")
@click.option("--input", "input_path", metavar="FILE",
              help="Read values from FILE (.txt, .csv or .npy); '-' reads stdin.")
@click.option("-o", "--output", "output_path", metavar="FILE",
              help="Write the result to FILE (.npy, .csv or .txt), atomically.")
@click.option("--axis", type=int, default=None,
              help="Axis of vector functions such as softmax (default -1).")
@click.option("--dtype", type=click.Choice(["float64", "float32"]), default="float64",
              show_default=True, help="Floating-point type to compute in.")
@output_format("text", "json", "csv", "table")
def eval_command(name, values, derivative, params, input_path, output_path, axis, dtype, fmt):
    """Evaluate the activation NAME on VALUES.

    \b
    Examples:
      actv eval softmax 1 3 2
      actv eval relu -3 0 3
      actv eval gelu -1 0 1 --param approximate=tanh
      actv eval sigmoid -d -2 0 2
      actv eval softmax --input logits.csv --axis 1 --output probs.npy
    """
    from .evaluation import evaluate, parse_params
    from .files import parse_values, read_values, write_array

    if is_number(name) or _numeric_looking(name):
        raise click.UsageError(_name_first_hint(name, values))
    if input_path is not None and values:
        raise click.UsageError("give values or --input FILE, not both")
    if input_path == "-" and _stdin_is_a_terminal():  # else the command seems to hang
        click.echo("Reading numbers from standard input: type or paste them, then press Ctrl-D "
                   "(Ctrl-Z, Enter on Windows).", err=True)
    array = read_values(input_path) if input_path is not None else parse_values(values)
    result = evaluate(name, array, parse_params(params), derivative=derivative, axis=axis, dtype=dtype)
    if output_path is not None:
        write_array(output_path, result.output)
        click.echo(output_path)
        return
    if fmt == "json":
        click.echo(render.json_text(result.as_dict()))
    elif fmt == "text":  # streamed: a million values print in seconds
        render.write_array_text(result.output, lambda text: click.echo(text, nl=False))
        if result.sums is not None:
            sums = result.sums
            click.echo("sum: " + (render.number_text(sums) if sums.ndim == 0 else render.array_text(sums)))
    else:
        if result.output.ndim > 2:
            raise click.UsageError(f"a {result.output.ndim}-D result cannot be shown as {fmt}: "
                                   "use --format json or --output FILE.npy")
        label = ("d/dx " if derivative else "") + result.function
        if result.output.ndim == 1 and result.output.shape == result.input.shape:
            columns, rows = ["x", label], list(zip(result.input.tolist(), result.output.tolist()))
        else:
            columns, rows = None, [list(row) for row in _rows(result.output)]
        if fmt == "csv":
            click.echo(render.csv_text(columns, rows))
        else:
            shown = [[f"{value:.8g}" for value in row] for row in rows]  # numpy's print precision
            render.print_table(columns or [f"{j}" for j in range(len(rows[0]))], shown, title=label)


def _name_first_hint(number: str, values) -> str:
    """`actv eval 1 2 relu`: say that the name comes first, with the command as it should read."""
    from .catalog import get
    from .errors import ActvError

    tokens = [number, *values]
    words = [token for token in tokens if not (is_number(token) or _numeric_looking(token))]
    numbers = " ".join(token for token in tokens if token not in words)
    if words:
        try:
            get(words[0])
        except ActvError:
            return (f"the function name comes first: actv eval NAME {numbers} ({words[0]!r} is not an "
                    "activation; 'actv list' shows them)")
        return f"the function name comes first: actv eval {words[0]} {numbers}"
    return f"the function name comes first, then the numbers: actv eval relu {numbers}"


def _stdin_is_a_terminal() -> bool:
    return sys.stdin.isatty()


def _rows(array):
    import numpy as np

    matrix = np.atleast_2d(array)
    return matrix.reshape(-1, matrix.shape[-1]).tolist()


# -- list / info -------------------------------------------------------------------------------

LIST_COLUMNS = ("name", "aliases", "range", "monotonic", "smooth", "zero-centred", "use")
LIST_DROPPED = ("zero-centred", "monotonic", "smooth", "use", "aliases")  # on narrow terminals, in this order


@cli.command("list", context_settings=CONTEXT, short_help="List every activation, one row each.")
@output_format("table", "json", "markdown", "csv")
def list_command(fmt):
    """List every activation in the catalog with its range and main properties.

    \b
    Examples:
      actv list
      actv list --format markdown > activations.md
      actv list --format json | jq '.[].name'
    """
    from .catalog import CATALOG

    entries = list(CATALOG.values())
    if fmt == "json":
        click.echo(render.json_text([entry.facts() for entry in entries]))
        return
    rows = [(e.name, e.aliases, e.range, e.monotonic, e.continuity, e.zero_centred, e.uses) for e in entries]
    if fmt == "markdown":
        click.echo(render.markdown_table(LIST_COLUMNS, rows))
    elif fmt == "csv":
        click.echo(render.csv_text(LIST_COLUMNS, rows))
    else:
        render.print_table(LIST_COLUMNS, rows, title=f"{len(rows)} activation functions", drop=LIST_DROPPED)


@cli.command("info", context_settings=CONTEXT, short_help="Every fact about one activation.")
@click.argument("name")
@output_format("table", "json", "markdown")
def info_command(name, fmt):
    """Show every fact about the activation NAME: formula, derivative, range,
    properties, framework names and defaults, initializer, pitfalls, references.

    \b
    Examples:
      actv info gelu
      actv info swish --format json
    """
    from .catalog import get

    facts = get(name).facts()
    if fmt == "json":
        click.echo(render.json_text(facts))
        return
    rows = [(key.replace("_", " "), _fact_text(value)) for key, value in facts.items()]
    if fmt == "markdown":  # several sentences or items in a cell: one per line
        rows = [(key, "<br>".join(map(str, value)) if isinstance(value, list) else value) for key, value in rows]
        click.echo(f"## {facts['name']}\n\n" + render.markdown_table(("fact", "value"), rows))
    else:
        render.print_facts(facts["name"], rows)


def _fact_text(value):
    if isinstance(value, dict):
        return [f"{k}: {v}" for k, v in value.items()]
    if value and isinstance(value, list) and isinstance(value[0], dict):  # parameters
        return [f"{p['name']}={'(required)' if p['required'] else p['default']}: {p['doc']}" for p in value]
    return value

# -- recommend / rules / guide -------------------------------------------------------------------
# These read only the rule table (plain Python): no numpy, no matplotlib, no catalog import.

FRAMEWORKS = ("keras", "pytorch")
TASK_HELP = "regression, binary, multiclass, multilabel, positive, bounded"
ARCH_HELP = "mlp, cnn, rnn, lstm, gru, transformer, self-normalizing, mobile-cnn, gan"


def _interactive() -> bool:
    """Whether to ask questions: stdin is a terminal (tests replace this)."""
    return sys.stdin.isatty()


TASK_CHOICES = {
    "regression": "any real number (a price, a temperature)",
    "binary": "one of two classes (spam or not)",
    "multiclass": "one of several classes (a digit 0-9)",
    "multilabel": "any number of labels at once (the tags of a photo)",
    "positive": "a number above 0 (counts, prices)",
    "bounded": "a number in a known range [a, b] (a percentage)",
}
ARCH_CHOICES = {
    "mlp": "dense layers on a table of features", "cnn": "convolutions on images",
    "rnn": "a plain recurrent network", "lstm": "a recurrent network with LSTM cells",
    "gru": "a recurrent network with GRU cells", "transformer": "attention over tokens",
    "self-normalizing": "an MLP with SELU, no batch normalization",
    "mobile-cnn": "a MobileNetV3-style CNN", "gan": "a generative adversarial network",
}


class _Answer(click.ParamType):
    """A prompt answer read by the library's own lookup: aliases accepted, a typo answered
    with the closest choice ("unknown task 'multiclas'. Did you mean 'multiclass'?")."""

    def __init__(self, lookup):
        self.lookup = lookup

    def convert(self, value, param, ctx):
        try:
            return self.lookup(value)
        except ActvError as error:
            self.fail(str(error), param, ctx)


class _Classes(click.ParamType):
    name = "classes"

    def convert(self, value, param, ctx):
        text = str(value).strip()
        if not text.isdigit() or int(text) < 2:
            self.fail(f"enter a whole number of classes, 2 or more (not {text!r})", param, ctx)
        return int(text)


def _framework_answer(value: str, choices) -> str:
    from .errors import UnknownFramework

    key = value.strip().lower()
    found = {"none": "none", "no": "none", "keras": "keras", "tf": "keras", "tensorflow": "keras",
             "pytorch": "pytorch", "torch": "pytorch"}.get(key)
    if found not in choices:
        raise UnknownFramework(value, choices)
    return found


def _choices(title: str, choices: dict) -> None:
    click.echo(title, err=True)
    width = max(map(len, choices))
    for name, text in choices.items():
        click.echo(f"  {name:<{width}}  {text}", err=True)


def _ask(arch, classes, framework, code_only):
    """The interactive questions when no --task is given: task, classes, architecture, framework."""
    from .advice.rules import architecture_name, output_rule, task_name

    # The questions go to stderr, so that `actv recommend --format json > out.json` stays JSON.
    _choices("What does the model predict?", TASK_CHOICES)
    task = click.prompt("Task", type=_Answer(task_name), err=True)
    if classes is None and output_rule(task).per_class:
        classes = click.prompt("Number of classes", type=_Classes(), err=True)
    if arch is None:
        _choices("Which architecture?", ARCH_CHOICES)
        arch = click.prompt("Architecture", type=_Answer(architecture_name), default="mlp", err=True)
    if framework is None:
        frameworks = FRAMEWORKS if code_only else ("none", *FRAMEWORKS)
        answer = _Answer(lambda value: _framework_answer(value, frameworks))
        framework = click.prompt(f"Code snippet for ({', '.join(frameworks)})", type=answer,
                                 default=None if code_only else "none", err=True)
        framework = None if framework == "none" else framework
    return task, arch, classes, framework


class RecommendCommand(click.Command):
    """`actv recommend multiclass`: a word where an option was meant gets the option named."""

    def parse_args(self, ctx, args):
        ctx.allow_extra_args = True
        rest = super().parse_args(ctx, args)
        if ctx.args and not ctx.resilient_parsing:
            raise click.UsageError(_recommend_word_hint(ctx.args), ctx)
        return rest


def _recommend_word_hint(words) -> str:
    from .advice.rules import ARCHITECTURES, TASKS

    word = words[0]
    for what, option, choices in (("task", "--task", TASKS), ("architecture", "--arch", ARCHITECTURES),
                                  ("framework", "--framework", FRAMEWORKS)):
        if word.lower() in choices:
            return f"the {what} is an option: actv recommend {option} {word.lower()}"
    if word.isdigit():
        return f"the number of classes is an option: actv recommend --classes {word}"
    return f"unexpected argument {word!r}: recommend takes options only, e.g. actv recommend --task binary"


@cli.command("recommend", cls=RecommendCommand, context_settings=CONTEXT,
             short_help="Hidden and output activation, loss and initializer for a task.")
@click.option("--task", metavar="TASK", help=f"What the model predicts: {TASK_HELP}.")
@click.option("--arch", "arch", metavar="ARCH", help=f"Architecture (default mlp): {ARCH_HELP}.")
@click.option("--classes", type=int, metavar="K", help="Number of classes (multiclass, multilabel).")
@click.option("--framework", type=click.Choice(FRAMEWORKS, case_sensitive=False),
              help="Add a runnable code snippet for this framework (and keep only its warnings).")
@click.option("--data", "data_path", metavar="FILE.csv", help="Infer the task from this CSV file's targets.")
@click.option("--target", "target", metavar="COLUMN[,COLUMN...]", help="The target column(s) of --data.")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "markdown", "code"), case_sensitive=False),
              default="table", show_default=True,
              help="Output format; 'code' prints only the --framework snippet (> model.py runs as it is).")
def recommend_command(task, arch, classes, framework, data_path, target, fmt):
    """Recommend the hidden-layer and output-layer activations for a task, with the
    initializer, input scaling, loss (Keras and PyTorch), target encoding, how to turn
    outputs into labels, alternatives, warnings, and the reasons with their sources.

    Without --task (and without --data) on a terminal, actv asks the questions.

    \b
    Examples:
      actv recommend --task multiclass --classes 10
      actv recommend --task binary --arch cnn --framework pytorch
      actv recommend --task multilabel --classes 5 --format json
      actv recommend --data train.csv --target label
      actv recommend --task regression --arch lstm --format markdown
      actv recommend --task binary --arch lstm --framework pytorch --format code > model.py
    """
    from .advice.rules import recommend

    if fmt == "code" and framework is None and (task is not None or data_path is not None or not _interactive()):
        raise click.UsageError("--format code prints the snippet of a framework: add --framework pytorch "
                               "or --framework keras")
    inferred = None
    if data_path is not None or target is not None:
        if data_path is None or target is None:
            raise click.UsageError("--data FILE and --target COLUMN go together")
        from .advice.inference import infer_task

        inferred = infer_task(data_path, target.split(","))
        if task is not None:
            from .advice.rules import task_name

            task = task_name(task)
        overrides = {key: value for key, value in (("task", task), ("classes", classes)) if value is not None}
        if classes is None and task in (None, inferred.task):  # --task and --classes override, as in compare
            classes = inferred.classes
        task = task or inferred.task
    elif task is None:
        if not _interactive():
            raise click.UsageError(
                f"give --task TASK (one of: {TASK_HELP}) or --data FILE --target COLUMN")
        task, arch, classes, framework = _ask(arch, classes, framework, code_only=fmt == "code")
    result = recommend(task, arch or "mlp", classes=classes, framework=framework)
    data = result.as_dict()
    data["inferred"] = {**inferred.as_dict(), "overridden_by": overrides} if inferred else None
    if fmt == "json":
        click.echo(render.json_text(data))
        return
    if fmt == "code":
        render.print_code(result.code)
        return
    title = f"{data['task']} · {data['architecture']}"
    code_title = f"{'PyTorch' if framework == 'pytorch' else 'Keras'} snippet" if framework else None
    sections = _recommend_sections(data)
    if fmt == "markdown":
        click.echo(render.markdown_report(f"Recommendation: {title}", sections, data["code"], code_title))
    else:
        render.print_report(f"actv recommend: {title}", sections, data["code"], code_title)


def _tag(source: str) -> str:
    return f"[{source}]"


def _recommend_sections(data):
    hidden, output = data["hidden"], data["output"]
    hidden_rows = [("activation", hidden["activation"] + "".join(
        f" ({key}={value})" for key, value in hidden["parameters"].items()))]
    hidden_rows += [(role, name) for role, name in hidden["roles"].items()]
    hidden_rows += [("initializer", hidden["initializer"]), ("input scaling", hidden["input_scaling"])]
    output_rows = [
        ("units", output["units"]), ("activation", output["form"]),
        ("loss (Keras)", output["loss"]["keras"]), ("loss (PyTorch)", output["loss"]["pytorch"]),
        ("targets", output["targets"]), ("decode", output["decode"]),
    ]
    sections = []
    if data["inferred"]:
        found = data["inferred"]
        rows = [("task", found["task"]), ("classes", found["classes"]), ("why", found["reason"]),
                ("rows read", found["rows"])]
        if found["overridden_by"]:
            rows.append(("overridden by", ", ".join(f"--{key} {value}"
                                                     for key, value in found["overridden_by"].items())))
        if found["skipped_rows"]:
            rows.append(("skipped rows", ", ".join(map(str, found["skipped_rows"]))))
        sections.append(("Inferred from the data", rows))
    sections += [
        ("Hidden layers", hidden_rows),
        ("Output layer", output_rows),
        ("Alternatives", [f"{a['activation']}: {a['when']} {_tag(a['source'])}" for a in data["alternatives"]]),
        ("Warnings", [f"{w['text']} {_tag(w['source'])}" for w in data["warnings"]]),
        ("Reasons", [f"{r['text']} {_tag(r['source'])}" for r in data["reasons"]]),
    ]
    return sections


RULE_COLUMNS = ("layer", "when", "use", "reason", "source", "from")


@cli.command("rules", context_settings=CONTEXT, short_help="The whole rule table, with sources.")
@output_format("table", "json", "markdown")
def rules_command(fmt):
    """Print every row of the rule table that `actv recommend` reads: the condition,
    the recommendation, its reason and its source, and whether the row comes from the
    tutorial or goes beyond it.

    \b
    Examples:
      actv rules
      actv rules --format markdown > rules.md
      actv rules --format json | jq '.[] | select(.layer == "output") | .activation'
    """
    from .advice.rules import RULES, rule_dict

    if fmt == "json":
        click.echo(render.json_text([rule_dict(rule) for rule in RULES]))
        return
    if fmt == "markdown":
        rows = [(rule.layer, rule.condition, rule.recommendation, rule.reason, rule.source,
                 "beyond the tutorial" if rule.beyond_tutorial else "tutorial") for rule in RULES]
        click.echo(render.markdown_table(RULE_COLUMNS, rows))
        return
    for layer, heading in (("hidden", "Hidden layers, by architecture"), ("output", "Output layer, by task")):
        rows = [(", ".join(rule_dict(rule).get("architectures", [rule.key])) + (" *" if rule.beyond_tutorial else ""),
                 rule.recommendation, rule.reason, rule.source) for rule in RULES if rule.layer == layer]
        render.print_table(("when", "use", "reason", "source"), rows,
                           title=f"{heading} (* beyond the tutorial)")


@cli.command("guide", context_settings=CONTEXT, short_help="The decision charts as a tree.")
@output_format("tree", "markdown", "json")
def guide_command(fmt):
    """Show the tutorial's two decision charts (hidden layer by architecture, output
    layer by task) as one tree; answers beyond the tutorial are marked with *.

    \b
    Examples:
      actv guide
      actv guide --format markdown > guide.md
    """
    from .advice.rules import guide_dict

    charts = guide_dict()
    if fmt == "json":
        click.echo(render.json_text(charts))
        return
    title = "Choosing activation functions (* beyond the tutorial)"
    nodes = [_guide_node(chart) for chart in charts]
    if fmt == "markdown":
        click.echo(render.markdown_tree(title, nodes))
    else:
        render.print_tree(title, nodes)


def _guide_node(node):
    if "question" in node:
        return node["question"], [_guide_node(answer) for answer in node["answers"]]
    mark = " *" if node["beyond_tutorial"] else ""
    return f"{node['answer']} → {node['recommendation']}{mark}", []


# -- compare ---------------------------------------------------------------------------------

@cli.command("compare", context_settings=CONTEXT,
             short_help="Train a small network per activation and compare the results.")
@click.argument("names", nargs=-1, metavar="[NAME[:PARAM=VALUE,...]]...")
@click.option("--task", help="binary, multiclass, multilabel, regression or positive (regression of "
                             "values > 0) (default: the dataset's, or inferred from --data).")
@click.option("--dataset", metavar="NAME",
              help="Built-in dataset: moons (default), circles, spirals, xor, sine, blobs-multilabel.")
@click.option("--data", "data_path", metavar="FILE.csv", help="Your CSV file (with a header row).")
@click.option("--target", metavar="COLUMN[,COLUMN...]", help="The column(s) of --data to predict.")
@click.option("--dropna", is_flag=True, help="Drop rows of --data with missing values (default: refuse them).")
@click.option("--layers", "--depth", "layers", type=click.IntRange(1, 100), default=2, show_default=True,
              help="Hidden layers, 1 to 100 (--depth 10 shows the vanishing gradient of sigmoid).")
@click.option("--units", type=click.IntRange(1, 1024), default=32, show_default=True,
              help="Units per hidden layer, 1 to 1024.")
@click.option("--lr", type=float, default=0.01, show_default=True, help="Adam learning rate.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Minibatch size, 1 to 10000.")
@click.option("--epochs", type=click.IntRange(1, 10_000), default=100, show_default=True,
              help="Passes over the training split, 1 to 10000.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the data, and of the first run's split, initial weights and batch order.")
@click.option("--seeds", type=click.IntRange(1, 100), default=3, show_default=True,
              help="Runs per activation, 1 to 100, with seeds SEED, SEED+1, ... (run i of every "
                   "activation shares seed i); the verdict needs 2 or more.")
@click.option("--jobs", type=click.IntRange(1, 1024), metavar="N",
              help="Worker processes training runs in parallel (default: the number of CPUs, at most "
                   "one per run); the results do not depend on it.")
@click.option("--val", type=float, default=0.2, show_default=True,
              help="Fraction held out for validation; each split needs at least 10 rows and, for "
                   "classification, a row of every class.")
@click.option("--init", metavar="SCHEME",
              help="he, glorot or lecun for every activation (default: each activation's own).")
@click.option("--plot", "plot_path", metavar="FILE.png", help="Write the learning curves (.png, .svg, .pdf).")
@click.option("--dtype", type=click.Choice(["float64", "float32"]), default="float64", show_default=True,
              help="The network's arithmetic; float32 trains faster per step, its numbers differ slightly.")
@output_format("table", "json")
def compare_command(names, task, dataset, data_path, target, dropna, layers, units, lr, batch_size, epochs,
                    seed, seeds, jobs, val, init, plot_path, fmt, dtype):
    """Train one small network per hidden activation NAME (default: relu tanh sigmoid)
    and seed, everything else equal, and compare validation loss, accuracy (or R² and
    RMSE), speed of learning and the gradient that reaches the first layer.

    The output layer and loss follow the task (sigmoid + binary cross-entropy, softmax +
    cross-entropy, linear + MSE); each activation gets its initializer (He for the ReLU
    family, Glorot for tanh/sigmoid, LeCun for SELU) unless --init is given. Each
    activation is trained --seeds times (the seed sets the split, the initial weights and
    the batch order) and the table shows mean ± sd over seeds. The best row is the one
    ahead of every other on every seed, with a significant paired t-test over the seeds;
    otherwise the leaders tie. A run whose loss becomes NaN/inf or explodes is marked
    diverged. Feature columns constant on the training rows carry no information and are
    dropped (the caption says which). Ctrl-C prints the rows that finished.

    \b
    Examples:
      actv compare
      actv compare relu tanh sigmoid --dataset spirals --plot curves.png
      actv compare sigmoid relu --depth 10
      actv compare relu leaky_relu:negative_slope=0.1 elu --dataset circles
      actv compare relu tanh --data houses.csv --target price --seeds 5
      actv compare --dataset sine --format json
    """
    from .compare.comparison import DEFAULT_ACTIVATIONS, Interrupted, Settings, compare
    from .compare.datasets import load

    settings = Settings(layers=layers, units=units, lr=lr, batch_size=batch_size, epochs=epochs, seed=seed,
                        seeds=seeds, val=val, init=init, dtype=dtype).checked()
    if plot_path is not None:
        from .compare.learning_curves import check_path

        check_path(plot_path)  # before any training: a bad path would otherwise waste it
    labels = list(names or DEFAULT_ACTIVATIONS)
    if jobs is None:
        jobs = min(_cpus(), len(labels) * seeds)
    try:
        with render.file_progress(f"reading {data_path}") as loading:
            data = load(dataset, data_path, target, task, dropna, seed, progress=loading.update)
        with render.progress_bars(labels, range(seed, seed + seeds), epochs) as bars:
            result = compare(labels, data, settings, progress=bars.update, jobs=jobs)
    except Interrupted as stop:  # Ctrl-C: the rows that finished, then exit 130 as a shell expects
        if stop.partial.rows:
            _print_comparison(stop.partial, fmt)
        click.echo(f"Interrupted: {stop.partial.finished} of {stop.partial.planned} runs finished.", err=True)
        raise click.exceptions.Exit(130)
    except KeyboardInterrupt:  # before any training (loading the data)
        click.echo("Interrupted.", err=True)
        raise click.exceptions.Exit(130)
    failure = None
    if plot_path is not None:
        from .compare.learning_curves import write
        from .errors import ActvError

        try:
            write(result, plot_path)
        except ActvError as error:  # the training is done: show its results, then the error
            failure = error
    _print_comparison(result, fmt)
    if failure is not None:
        raise failure
    if plot_path is not None and fmt != "json":
        click.echo(f"learning curves: {plot_path}")


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _print_comparison(result, fmt):
    if fmt == "json":
        click.echo(render.json_text(result.as_dict()))
        return
    from .compare import report

    columns, rows = report.rows(result)
    render.print_ranked_table(columns, rows, [row.verdict for row in result.rows],
                              title=report.title(result), caption=report.caption(result))


# -- check -----------------------------------------------------------------------------------

@cli.command("check", context_settings=CONTEXT,
             short_help="Find activation, loss and initializer mistakes in your model code.")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@output_format("text", "json", "sarif", "github")
@click.option("--select", multiple=True, metavar="CODES",
              help="Report only these rule codes or prefixes, comma-separated (e.g. ACT1,ACT203).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not report these codes or prefixes (e.g. ACT2).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--explain", metavar="CODE", help="Explain a rule in full (a code or prefix), with examples.")
@click.option("--list-rules", is_flag=True, help="List every rule: code, severity, summary.")
def check_command(paths, fmt, select, ignore, exit_zero, explain, list_rules):
    """Check PyTorch, Keras and TensorFlow code for activation, loss and initializer
    mistakes: Python files, notebooks (.ipynb) and saved Keras models (.keras), in
    the files and folders PATH (default: the current folder).

    The code is read, never imported or run, and needs neither PyTorch nor Keras.
    Values are followed across methods and files: a softmax returned by forward in
    model.py meets the CrossEntropyLoss built in train.py. Findings print as
    path:line:col: CODE message: fix. Exit status: 0 no findings, 1 findings,
    2 usage error. A '# noqa: ACT101' comment (or a bare '# noqa') silences
    its line.

    \b
    Examples:
      actv check src/ train.py                 check a project
      actv check notebook.ipynb model.keras    a notebook, a saved Keras model
      actv check . --select ACT1               errors only
      actv check . --ignore ACT203             all but the initializer warnings
      actv check . --format sarif > actv.sarif for code scanning
      actv check --explain ACT101              why it is wrong, and the fix
      actv check --list-rules --format json
    """
    from .check import codes
    from .check import report as formats

    if explain is not None or list_rules:
        if paths:
            raise click.UsageError("--explain and --list-rules take no paths")
        if fmt not in ("text", "json"):
            raise click.UsageError("--explain and --list-rules print text or json")
        from .check.rules import by_code

        chosen = [by_code(code) for code in codes(select=[explain] if explain is not None else None)]
        if fmt == "json":
            click.echo(render.json_text([formats.rule_dict(rule, full=explain is not None) for rule in chosen]))
        elif list_rules:
            render.print_table(("code", "severity", "summary"), [(r.code, r.severity, r.summary) for r in chosen],
                               title="actv check rules")
        else:
            import shutil

            width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
            click.echo("\n\n".join(formats.explain(rule, width) for rule in chosen))
        return 0
    from .check import check

    result = check(list(paths), select=select, ignore=ignore)
    if fmt == "json":
        click.echo(formats.json_text(result))
    elif fmt == "sarif":
        from importlib.metadata import version

        click.echo(formats.sarif(result, version("activation-cli")))
    elif fmt == "github":
        text = formats.github(result)
        if text:
            click.echo(text)
    else:
        for line in formats.skipped_lines(result):
            click.echo(line, err=True)
        color = render.wants_color()
        click.echo(formats.text(result, color=color), color=color)
    return 1 if result.diagnostics and not exit_zero else 0


# -- plot ------------------------------------------------------------------------------------

class PlotCommand(ValuesCommand):
    """ValuesCommand whose --values and --temperature take every value up to the next option:
    ``actv plot softmax --values 1 -3 2`` (joined as "1,-3,2" before click parses)."""

    greedy = ("--values", "--temperature")

    def parse_args(self, ctx, args):
        joined, index = [], 0
        while index < len(args):
            token = args[index]
            joined.append(token)
            index += 1
            if token in self.greedy:
                numbers = []
                # every number (negative ones too) and every other word up to the next option
                while index < len(args) and (not args[index].startswith("-") or is_number(args[index])):
                    numbers.append(args[index])
                    index += 1
                joined.append(",".join(numbers))
        return super().parse_args(ctx, joined)


@cli.command("plot", cls=PlotCommand, context_settings=CONTEXT,
             short_help="Draw functions and their derivatives (PNG, SVG, PDF or the terminal).")
@click.argument("names", nargs=-1)
@click.option("-d", "--derivative", is_flag=True, help="Add each derivative (same colour, dashed).")
@click.option("--only-derivative", is_flag=True, help="Draw the derivatives only.")
@click.option("--range", "x_range", nargs=2, type=float, default=(-10.0, 10.0), show_default=True,
              metavar="XMIN XMAX", help="Inputs to draw (the tutorial's range(-10, 10)).")
@click.option("--points", type=int, default=1001, show_default=True, help="Samples across the range.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=V[,V...]",
              help="Set a parameter; several values draw a family: --param negative_slope=0.01,0.2 "
                   "(repeatable; applies to every named function that takes it).")
@click.option("--values", "values", default=None, metavar="X...",
              help="A vector for a vector function: actv plot softmax --values 1 3 2 draws bars.")
@click.option("--temperature", default=None, metavar="T...",
              help="With --values: draw f(x / T) for each T (e.g. --temperature 0.5 1 2).")
@click.option("--all", "gallery", is_flag=True, help="Every catalog function, one small panel each.")
@click.option("-o", "--output", "output_path", metavar="FILE",
              help="Image to write: .png, .svg or .pdf [default: NAME.png, gallery.png for --all].")
@click.option("--show", is_flag=True, help="Also open a window, where a display exists.")
@click.option("--terminal", is_flag=True,
              help="Draw a character plot in the terminal instead (writes a file only with -o).")
@click.option("--grid/--no-grid", default=True, show_default=True, help="Grid lines.")
@click.option("--title", default=None, help="Title instead of the function names.")
@click.option("--dpi", type=float, default=None, help="Pixels per inch [default: 100].")
@click.option("--size", nargs=2, type=float, default=None, metavar="W H",
              help="Figure size in inches [default: 7 4.5; --all: 2.1 per column, 1.7 per row].")
@click.option("--style", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="Colour scheme.")
@click.option("--saturation", is_flag=True,
              help="Mark where the gradient vanishes: dead zones (f' = 0 exactly, relu for x < 0) "
                   "hatched, saturation (|f'| < 0.01 and shrinking, sigmoid's tails) shaded.")
def plot_command(names, derivative, only_derivative, x_range, points, params, values, temperature,
                 gallery, output_path, show, terminal, grid, title, dpi, size, style, saturation):
    """Plot the activations NAMES (overlaid, labelled with their formulas).

    Kinks and jumps are drawn as they are: the line breaks (no vertical stroke) and a
    filled dot marks the value taken at a jump. Dotted lines mark the function's
    bounds. Vector functions are drawn as their two-class slice softmax([x, 0])[0],
    or as bars of a vector given with --values.

    \b
    Examples:
      actv plot relu sigmoid tanh linear           writes relu_sigmoid_tanh_linear.png
      actv plot relu tanh -d --saturation          dead zones and saturation marked
      actv plot leaky_relu --param negative_slope=0.01,0.2,0.3 --range -5 5
      actv plot softmax --values 1 3 2 --temperature 0.5 1 2
      actv plot --all -o gallery.png               every function with its derivative
      actv plot gelu -d --terminal                 a character plot, over SSH
    """
    from . import plot
    from .files import parse_values

    if gallery and names:
        raise click.UsageError("--all draws every function: give no names with it")
    if not gallery and not names:
        raise click.UsageError("give one or more function names (actv plot relu tanh) or --all")
    if gallery and (values is not None or params or terminal):
        raise click.UsageError("--all takes no --values, --param or --terminal")
    if temperature is not None and values is None:
        raise click.UsageError("--temperature applies with --values (actv plot softmax --values 1 3 2 "
                               "--temperature 0.5 1 2)")
    for option, given in (("--values", values), ("--temperature", temperature)):
        if given is not None and not given.strip(","):
            raise click.UsageError(f"{option} needs numbers, e.g. actv plot softmax --values 1 3 2")
    if values is not None and len(names) != 1:
        raise click.UsageError("--values draws one vector function: give one name")
    explicit = {name for name in ("x_range", "points", "dpi", "size", "style")
             if click.get_current_context().get_parameter_source(name).name == "COMMANDLINE"}
    if values is not None and (derivative or only_derivative):
        numbers = " ".join(part for part in values.split(",") if part)
        raise click.UsageError(f"--values draws {names[0]}(x) as bars; its derivative is a Jacobian "
                               f"matrix: print it with actv eval {names[0]} -d {numbers}")
    if values is not None and (saturation or explicit & {"x_range", "points"}):
        raise click.UsageError("--range, --points and --saturation draw curves; they do not apply to "
                               "--values bars")
    if gallery and only_derivative:
        raise click.UsageError("--all draws every function with its derivative: --only-derivative "
                               "does not apply")
    if terminal and output_path is None and (saturation or show or explicit & {"dpi", "size", "style"}):
        raise click.UsageError("--saturation, --show, --dpi, --size and --style apply to an image: "
                               "with --terminal, add -o FILE to write one too")
    look = {"grid": grid, "title": title, "dpi": dpi if dpi is not None else plot.DEFAULT_DPI,
            "size": tuple(size) if size else None, "style": style}
    if output_path is not None:
        plot.output_format(output_path)
    path = output_path or (None if terminal else plot.default_output(names, gallery=gallery))

    import warnings

    with warnings.catch_warnings():
        # The pictures' own code is tested to raise no warning; a library's (matplotlib's font
        # and tick machinery, plotext) would reach the user as a file path and a line of code.
        warnings.simplefilter("ignore")
        if terminal:
            click.echo(_terminal_plot(plot, names, values, temperature, params, derivative,
                                      only_derivative, x_range, points, title), nl=False)
            if path is None:
                return
        factory, problem = plot.window_factory() if show else (None, None)
        if gallery:
            figure = plot.gallery_figure(x_range=x_range, points=min(points, 401), saturation=saturation,
                                         factory=factory, **look)
        elif values is not None:
            temps = parse_values([temperature]).tolist() if temperature is not None else [1.0]
            figure = plot.values_figure(names[0], parse_values([values]), temperatures=temps,
                                        params=params, factory=factory, **look)
        else:
            figure = plot.functions_figure(names, derivative=derivative, only_derivative=only_derivative,
                                           x_range=x_range, points=points, params=params,
                                           saturation=saturation, factory=factory, **look)
        click.echo(plot.save(figure, path))
    if show and problem is not None:
        click.echo(f"actv: cannot --show: {problem}; the plot is in {path}", err=True)
    elif show:
        from matplotlib import pyplot

        pyplot.show()


def _terminal_plot(plot, names, values, temperature, params, derivative, only_derivative, x_range,
                   points, title=None) -> str:
    import shutil

    from .files import parse_values

    columns, lines = shutil.get_terminal_size((80, 24))
    width, height = min(columns, 120), max(12, min(lines - 2, 24))
    color = render.wants_color()
    if values is not None:
        temps = parse_values([temperature]).tolist() if temperature is not None else [1.0]
        entry, x, temps, _, outputs = plot.vector_values(names[0], parse_values([values]),
                                                         temperatures=temps, params=params)
        texts = plot.bar_texts(outputs)  # one precision for every group
        return "".join(
            plot.terminal_text(bars=([f"x{i}={v:g}" for i, v in enumerate(x)], out,
                                     texts[g * len(out):(g + 1) * len(out)]),
                               title=title or (f"{entry.name}(x / {t:g})" if t != 1 else f"{entry.name}(x)"),
                               width=width, height=height, color=color) + "\n"
            for g, (t, out) in enumerate(zip(temps, outputs))
        )
    drawn = plot.curves(names, derivative=derivative, only_derivative=only_derivative, x_range=x_range,
                        points=min(points, 2001), params=params)
    heading = title or ", ".join(dict.fromkeys(c.entry.name for c in drawn))
    return plot.terminal_text(drawn, title=heading, width=width, height=height, color=color) + "\n"


def main(args=None, prog_name=None):
    """Console-script entry point."""
    cli.main(args=args, prog_name=prog_name or "actv")
