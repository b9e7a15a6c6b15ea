import json
import os
import re
import subprocess
import sys

import pytest

from activation_cli import cli as cli_module
from activation_cli.advice.rules import ARCHITECTURES, TASKS, recommend

TASK_LIST = "regression, binary, multiclass, multilabel, positive, bounded"


def test_json_schema_exact(actv):
    result = actv("recommend", "--task", "multiclass", "--classes", "10", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data == {**recommend("multiclass", classes=10).as_dict(), "inferred": None}
    assert data["hidden"] == {"activation": "relu", "initializer": "He normal / He uniform",
                              "input_scaling": "[0, 1]", "parameters": {}, "roles": {}}
    assert data["output"] == {
        "activation": "softmax", "form": "softmax", "units": 10,
        "loss": {"keras": "categorical_crossentropy (one-hot) or sparse_categorical_crossentropy (integer labels)",
                 "pytorch": "CrossEntropyLoss (on raw logits, integer class indices; no softmax layer)"},
        "targets": "one-hot vectors (integer class indices for sparse_categorical_crossentropy and "
                   "CrossEntropyLoss)",
        "decode": "argmax over the units",
    }
    assert (data["task"], data["architecture"], data["classes"], data["framework"], data["code"]) == (
        "multiclass", "mlp", 10, None, None)
    assert data["reasons"][0] == {
        "text": "In modern neural networks the default recommendation is the rectified linear unit: it is "
                "simple and less prone to vanishing gradients than sigmoid and tanh.",
        "source": "Deep Learning, 2016, p. 174"}


def test_json_units_phrase_without_classes(actv):
    data = json.loads(actv("recommend", "--task", "multilabel", "--format", "json").output)
    assert data["output"]["units"] == "one per class"
    assert data["output"]["activation"] == "sigmoid"


def test_json_rnn_roles(actv):
    data = json.loads(actv("recommend", "--task", "regression", "--arch", "LSTM", "--format", "json").output)
    assert data["architecture"] == "lstm"
    assert data["hidden"]["roles"] == {"cell output": "tanh", "recurrent gates": "sigmoid"}
    assert data["hidden"]["initializer"] == "Glorot (Xavier) normal / uniform"
    assert data["output"]["units"] == "one per target"


def test_table_output(actv):
    result = actv("recommend", "--task", "binary", "--arch", "cnn")
    assert result.exit_code == 0
    lines = [line.strip("│ ").rstrip() for line in result.output.splitlines()]
    assert result.output.startswith("╭─ actv recommend: binary · cnn ─")
    assert "activation     sigmoid" in lines
    assert "loss (PyTorch) BCEWithLogitsLoss (on the raw logit; no sigmoid layer)" in lines
    assert "units          1" in lines
    assert "decode         round the probability at 0.5 (PyTorch logits: label = logit > 0)" in lines


def test_markdown_output(actv):
    result = actv("recommend", "--task", "multiclass", "--classes", "2", "--format", "markdown")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "## Recommendation: multiclass · mlp"
    assert "| units | 2 |" in lines
    assert "| loss (PyTorch) | CrossEntropyLoss (on raw logits, integer class indices; no softmax layer) |" in lines
    warnings = lines[lines.index("### Warnings") + 2]
    assert warnings == ("- With 2 classes, softmax over 2 units equals binary classification with 1 sigmoid "
                        "unit (--task binary) and binary_crossentropy. [tutorial: «Cómo elegir una función de "
                        "activación de salida»]")


@pytest.mark.parametrize("framework", ["pytorch", "keras"])
def test_framework_snippet(actv, framework):
    result = actv("recommend", "--task", "multilabel", "--classes", "4", "--framework", framework,
                  "--format", "markdown")
    assert result.exit_code == 0
    code = recommend("multilabel", classes=4, framework=framework).code
    title = "PyTorch snippet" if framework == "pytorch" else "Keras snippet"
    assert result.output.endswith(f"### {title}\n\n```python\n{code.rstrip()}\n```\n")
    assert ("n_classes = 4\n" in code)
    warning_frameworks = {w["framework"] for w in json.loads(
        actv("recommend", "--task", "multilabel", "--framework", framework, "--format", "json").output)["warnings"]}
    assert warning_frameworks <= {None, framework}


@pytest.mark.parametrize("args,message", [
    ([], f"Error: give --task TASK (one of: {TASK_LIST}) or --data FILE --target COLUMN "
         "(see 'actv recommend --help')"),
    (["--task", "foo"], "Error: unknown task 'foo'. Choose from: binary, bounded, multiclass, multilabel, "
                        "positive, regression."),
    (["--task", "multiclas"], "Error: unknown task 'multiclas'. Did you mean 'multiclass'?"),
    (["--task", "binary", "--arch", "resnet"], "Error: unknown architecture 'resnet'. Choose from: cnn, gan, gru, "
                                               "lstm, mlp, mobile-cnn, rnn, self-normalizing, transformer."),
    (["--task", "multiclass", "--classes", "1"],
     "Error: multiclass needs at least 2 classes, got 1: a one-unit softmax always outputs 1. For a single "
     "yes/no output use --task binary (1 unit, sigmoid)."),
    (["--task", "multilabel", "--classes", "0"],
     "Error: multilabel needs at least 2 labels, got 0: a number of labels cannot be zero or negative."),
    (["--task", "multiclass", "--classes", "0"],
     "Error: multiclass needs at least 2 classes, got 0: a number of classes cannot be zero or negative."),
    (["--task", "multiclass", "--classes", "-3"],
     "Error: multiclass needs at least 2 classes, got -3: a number of classes cannot be zero or negative."),
    (["--task", "binary", "--classes", "two"],
     "Error: Invalid value for '--classes': 'two' is not a valid integer. (see 'actv recommend --help')"),
    (["--data", "x.csv"], "Error: --data FILE and --target COLUMN go together (see 'actv recommend --help')"),
    (["--data", "x.csv", "--target", "y", "--task", "binary"], "Error: cannot read 'x.csv': no such file"),
    (["--data", "missing.csv", "--target", "y"], "Error: cannot read 'missing.csv': no such file"),
])
def test_bad_input(actv, args, message):
    result = actv("recommend", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    # in-process, click names the program after the group function ("cli")
    assert result.stderr == message + "\n"


def test_no_task_off_a_terminal_in_a_real_process():
    run = subprocess.run([sys.executable, "-m", "activation_cli", "recommend"], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (f"Error: give --task TASK (one of: {TASK_LIST}) or --data FILE --target COLUMN "
                          "(see 'actv recommend --help')\n")


def test_data_inference(actv, tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("x,label\n1,cat\n2,dog\n3\n4,bird\n5,cat\n")
    result = actv("recommend", "--data", path, "--target", "label", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["inferred"] == {
        "task": "multiclass", "classes": 3, "rows": 4, "skipped_rows": [4], "overridden_by": {},
        "reason": "column 'label' holds 3 text labels ('bird', 'cat', 'dog'): multiclass classification."}
    assert (data["task"], data["output"]["units"]) == ("multiclass", 3)


def test_task_and_classes_override_the_inference_as_in_compare(actv, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("x,n\n" + "".join(f"{i},{i % 7}\n" for i in range(30)))  # 7 whole numbers: multiclass
    inferred = json.loads(actv("recommend", "--data", path, "--target", "n", "--format", "json").output)
    assert (inferred["task"], inferred["classes"]) == ("multiclass", 7)
    assert "use --task regression if they are quantities" in inferred["inferred"]["reason"]
    result = actv("recommend", "--data", path, "--target", "n", "--task", "regression", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["task"], data["classes"], data["output"]["activation"]) == ("regression", None, "linear")
    assert data["inferred"]["task"] == "multiclass" and data["inferred"]["overridden_by"] == {"task": "regression"}
    data = json.loads(actv("recommend", "--data", path, "--target", "n", "--classes", "9", "--format", "json").output)
    assert (data["task"], data["classes"], data["inferred"]["overridden_by"]) == ("multiclass", 9, {"classes": 9})
    data = json.loads(actv("recommend", "--data", path, "--target", "n", "--task", "Multi-Class",
                           "--format", "json").output)  # the same task by an alias: the inferred classes stay
    assert (data["task"], data["classes"]) == ("multiclass", 7)
    table = actv("recommend", "--data", path, "--target", "n", "--task", "regression").output
    assert "overridden by --task regression" in [line.strip("│ ").rstrip() for line in table.splitlines()]


def test_data_inference_table_reports_skipped_rows(actv, tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("a,b,c\n1,0,1\n1,1\n0,1,0\n")
    result = actv("recommend", "--data", path, "--target", "b,c")
    assert result.exit_code == 0
    lines = [line.strip("│ ").rstrip() for line in result.output.splitlines()]
    assert "task         multilabel" in lines
    assert "skipped rows 3" in lines


def test_data_unknown_column(actv, tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("x,y\n1,0\n")
    result = actv("recommend", "--data", path, "--target", "label")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {str(path)!r} has no column 'label'; its columns are: x, y\n"


TASK_MENU = (
    "What does the model predict?\n"
    "  regression  any real number (a price, a temperature)\n"
    "  binary      one of two classes (spam or not)\n"
    "  multiclass  one of several classes (a digit 0-9)\n"
    "  multilabel  any number of labels at once (the tags of a photo)\n"
    "  positive    a number above 0 (counts, prices)\n"
    "  bounded     a number in a known range [a, b] (a percentage)\n")
ARCH_MENU = (
    "Which architecture?\n"
    "  mlp               dense layers on a table of features\n"
    "  cnn               convolutions on images\n"
    "  rnn               a plain recurrent network\n"
    "  lstm              a recurrent network with LSTM cells\n"
    "  gru               a recurrent network with GRU cells\n"
    "  transformer       attention over tokens\n"
    "  self-normalizing  an MLP with SELU, no batch normalization\n"
    "  mobile-cnn        a MobileNetV3-style CNN\n"
    "  gan               a generative adversarial network\n")


def test_interactive_prompts(actv, monkeypatch):
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    result = actv("recommend", "--format", "json", input="multiclass\n5\ngru\npytorch\n")
    assert result.exit_code == 0
    assert result.stderr == (  # the questions go to stderr: stdout stays JSON
        f"{TASK_MENU}Task: multiclass\n"
        "Number of classes: 5\n"
        f"{ARCH_MENU}Architecture [mlp]: gru\n"
        "Code snippet for (none, keras, pytorch) [none]: pytorch\n")
    data = json.loads(result.stdout)
    assert (data["task"], data["classes"], data["architecture"], data["framework"]) == (
        "multiclass", 5, "gru", "pytorch")
    assert "nn.GRU(" in data["code"]


def test_interactive_prompts_reask_and_skip(actv, monkeypatch):
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    # a bad task and a bad class count are asked again; binary asks no class count; --arch is not asked
    result = actv("recommend", "--arch", "cnn", "--format", "json", input="classify\nbinary\n\n")
    assert result.exit_code == 0
    assert ("Task: classify\nError: unknown task 'classify'. Choose from: binary, bounded, multiclass, multilabel, "
            "positive, regression.\nTask: binary\n") in result.stderr
    assert "Which architecture?" not in result.stderr
    data = json.loads(result.stdout)
    assert (data["task"], data["classes"], data["architecture"], data["framework"]) == ("binary", None, "cnn", None)
    result = actv("recommend", "--format", "json", input="multilabel\n1\ntwo\n2.5\n3\n\n\n")
    assert result.stderr.count("Error: enter a whole number of classes, 2 or more") == 3
    assert "Error: enter a whole number of classes, 2 or more (not '1')\n" in result.stderr
    data = json.loads(result.stdout)
    assert (data["task"], data["classes"], data["architecture"]) == ("multilabel", 3, "mlp")


def test_interactive_typos_get_the_closest_choice(actv, monkeypatch):
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    result = actv("recommend", "--format", "json", input="multiclas\nMulti-Class\n4\nlstmm\nLSTM\ntorh\ntorch\n")
    assert result.exit_code == 0
    assert "Error: unknown task 'multiclas'. Did you mean 'multiclass'?\n" in result.stderr
    assert "Error: unknown architecture 'lstmm'. Did you mean 'lstm'?\n" in result.stderr
    assert "Error: unknown framework 'torh'. Did you mean " in result.stderr
    data = json.loads(result.stdout)
    assert (data["task"], data["classes"], data["architecture"], data["framework"]) == (
        "multiclass", 4, "lstm", "pytorch")


def test_interactive_format_code_asks_for_a_framework(actv, monkeypatch):
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    result = actv("recommend", "--format", "code", input="binary\nmlp\nnone\nkeras\n")
    assert result.exit_code == 0
    assert "Code snippet for (keras, pytorch): none\nError: " in result.stderr
    assert result.stdout == recommend("binary", framework="keras").code


def _pty_session(key: bytes):
    """actv recommend in a real process whose terminal is a pseudo-terminal: wait for the first
    question, then type ``key`` (Ctrl-C is b"\\x03", Ctrl-D b"\\x04"); (exit status, stdout, stderr)."""
    import fcntl
    import select
    import termios
    import time

    master, slave = os.openpty()

    def controlling_terminal():  # so that the terminal turns Ctrl-C into SIGINT for this process
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen([sys.executable, "-m", "activation_cli", "recommend"], stdin=slave,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=controlling_terminal)
    os.close(slave)
    try:
        err, deadline = b"", time.monotonic() + 30
        while not err.endswith(b"Task: ") and time.monotonic() < deadline:
            if select.select([process.stderr], [], [], 0.2)[0]:
                err += os.read(process.stderr.fileno(), 4096)
        # a person types after reading the question; a signal that lands between the prompt's write
        # and the read that follows it is only seen after the read (CPython checks signals between steps)
        time.sleep(0.5)
        os.write(master, key)
        out, rest = process.communicate(timeout=30)
    finally:
        process.kill()
        os.close(master)
    return process.returncode, out.decode(), (err + rest).decode()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("key", "status"), [(b"\x03", 130), (b"\x04", 1)], ids=["ctrl-c", "ctrl-d"])
def test_ctrl_c_and_ctrl_d_at_a_prompt(key, status):
    code, out, err = _pty_session(key)
    assert (code, out) == (status, "")
    assert err.endswith("Task: \nAborted.\n")  # the message on a line of its own


# -- --format code, and snippets at any width ------------------------------------------------------

def test_format_code_prints_only_the_snippet(actv):
    result = actv("recommend", "--task", "binary", "--arch", "lstm", "--framework", "pytorch", "--format", "code")
    assert result.exit_code == 0
    assert result.stdout == recommend("binary", "lstm", framework="pytorch").code
    compile(result.stdout, "model.py", "exec")


def test_format_code_needs_a_framework(actv):
    result = actv("recommend", "--task", "binary", "--format", "code")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: --format code prints the snippet of a framework: add --framework pytorch or "
                             "--framework keras (see 'actv recommend --help')\n")


@pytest.mark.parametrize("architecture", ["lstm"])  # every architecture runs in-process above
def test_format_code_redirected_to_a_file_runs(architecture, tmp_path):
    pytest.importorskip("torch")
    model = tmp_path / "model.py"
    with open(model, "w") as stream:
        run = subprocess.run([sys.executable, "-m", "activation_cli", "recommend", "--task", "multiclass",
                              "--arch", architecture, "--framework", "pytorch", "--format", "code"],
                             stdout=stream, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "40"})
    assert (run.returncode, run.stderr) == (0, "")
    result = subprocess.run([sys.executable, str(model)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("columns", ["40", "80"])
@pytest.mark.parametrize("framework", ["pytorch", "keras"])
def test_snippet_is_never_wrapped_in_the_report(columns, framework):
    # the table format wrapped long comments at the terminal width: model.py did not parse
    from click.testing import CliRunner

    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": columns}).invoke(
        cli_module.cli, ["recommend", "--task", "binary", "--arch", "lstm", "--framework", framework])
    assert result.exit_code == 0
    code = recommend("binary", "lstm", framework=framework).code
    assert result.output.endswith("\n" + code)
    assert max(map(len, code.splitlines())) > int(columns)  # the test means something


def test_snippet_is_highlighted_only_on_a_terminal(actv):
    from click.testing import CliRunner

    args = ["recommend", "--task", "binary", "--framework", "pytorch", "--format", "code"]
    plain = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None}).invoke(cli_module.cli, args)
    assert "\x1b[" not in plain.output
    coloured = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": "1", "COLUMNS": "40"}).invoke(cli_module.cli, args)
    assert "\x1b[" in coloured.output
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.output) == plain.output  # highlighted, never wrapped


# -- rules / guide -------------------------------------------------------------------------------

def test_rules_json(actv):
    data = json.loads(actv("rules", "--format", "json").output)
    assert [(row["layer"], row["key"], row["activation"], row["beyond_tutorial"]) for row in data] == [
        ("hidden", "mlp", "relu", False), ("hidden", "cnn", "relu", False), ("hidden", "rnn", "tanh", False),
        ("hidden", "transformer", "gelu", True), ("hidden", "self-normalizing", "selu", True),
        ("hidden", "mobile-cnn", "hard_silu", True), ("hidden", "gan", "leaky_relu", True),
        ("output", "regression", "linear", False), ("output", "binary", "sigmoid", False),
        ("output", "multiclass", "softmax", False), ("output", "multilabel", "sigmoid", False),
        ("output", "positive", "softplus", True), ("output", "bounded", "sigmoid", True),
    ]
    assert all(row["reason"] and row["source"] for row in data)


def test_rules_markdown(actv):
    lines = actv("rules", "--format", "markdown").output.splitlines()
    assert lines[0] == "| layer | when | use | reason | source | from |"
    assert len(lines) == 2 + 13
    assert lines[2] == ("| hidden | architecture is a multilayer perceptron (MLP) | relu; He normal / He uniform init; "
                        "inputs [0, 1] | In modern neural networks the default recommendation is the rectified "
                        "linear unit: it is simple and less prone to vanishing gradients than sigmoid and tanh. | "
                        "Deep Learning, 2016, p. 174 | tutorial |")
    assert lines[-1].endswith("| keras.activations.sigmoid; torch.nn.Sigmoid; keras.layers.Rescaling; Deep Learning, "
                              "2016, §3.10 (logistic sigmoid, range (0, 1)) | beyond the tutorial |")


def test_rules_table(actv):
    result = actv("rules")
    assert result.exit_code == 0
    assert "Hidden layers, by architecture (* beyond the tutorial)" in result.output
    assert "Output layer, by task (* beyond the tutorial)" in result.output
    assert re.search(r"^│ rnn, lstm, gru +│", result.output, re.M)


def test_guide_tree(actv):
    result = actv("guide")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Choosing activation functions (* beyond the tutorial)"
    assert lines[1] == "├── Hidden layers: which architecture? (the same activation in every hidden layer)"
    assert lines[2] == "│   ├── Multilayer perceptron (MLP) → relu; He normal / He uniform init; inputs [0, 1]"
    assert "        ├── two mutually exclusive classes (binary) → 1 unit, sigmoid" in lines
    assert "        └── two or more mutually inclusive classes (multilabel) → one unit per class, sigmoid" in lines
    assert "    │   └── a value in a known range [a, b] → one unit per target, scaled sigmoid: a + (b −" in lines


@pytest.mark.parametrize("command", [("guide",), ("rules",), ("info", "gelu"), ("list",),
                                     ("recommend", "--task", "binary", "--arch", "lstm", "--framework", "pytorch")])
@pytest.mark.parametrize("columns", ["80", "60"])
def test_no_trailing_spaces(command, columns):
    # rich pads wrapped tree lines and centred titles to the width: copied text and diffs carry the spaces
    from click.testing import CliRunner

    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": columns}).invoke(cli_module.cli, list(command))
    assert result.exit_code == 0
    assert [line for line in result.output.splitlines() if line != line.rstrip()] == []


def test_guide_markdown(actv):
    lines = actv("guide", "--format", "markdown").output.splitlines()
    assert lines[:4] == [
        "## Choosing activation functions (* beyond the tutorial)", "",
        "- Hidden layers: which architecture? (the same activation in every hidden layer)",
        "  - Multilayer perceptron (MLP) → relu; He normal / He uniform init; inputs [0, 1]"]
    assert "  - A class (classification; predicting a probability is classification)" in lines
    assert "    - more than two mutually exclusive classes (multiclass) → one unit per class, softmax" in lines
    assert "  - GAN → discriminator: leaky_relu; generator hidden: relu; generator output: tanh; Normal with " \
           "mean 0, std 0.02 (DCGAN: every weight) init; inputs [-1, 1] (images) *" in lines


def test_guide_json(actv):
    data = json.loads(actv("guide", "--format", "json").output)
    assert [answer["key"] for answer in data[0]["answers"]] == [
        "mlp", "cnn", "rnn", "transformer", "self-normalizing", "mobile-cnn", "gan"]


def test_help_has_examples(actv):
    for command in ("recommend", "rules", "guide"):
        result = actv(command, "--help")
        assert result.exit_code == 0
        assert "Examples:\n" in result.output and f"actv {command}" in result.output.split("Examples:")[1]


# -- snippets ------------------------------------------------------------------------------------

def _all_snippets():
    for task in TASKS:
        for architecture in ARCHITECTURES:
            for classes in ((None, 3) if task in ("multiclass", "multilabel") else (None,)):
                for framework in ("keras", "pytorch"):
                    yield recommend(task, architecture, classes=classes, framework=framework).code


def test_every_snippet_compiles():
    codes = list(_all_snippets())
    assert len(codes) == 2 * len(ARCHITECTURES) * (4 + 2 * 2)
    for code in codes:
        compile(code, "<snippet>", "exec")


# the real layer each architecture's snippet builds (not a Dense stand-in)
REAL_LAYERS = {
    "pytorch": {"mlp": "nn.Linear(n_features, 64)", "cnn": "nn.Conv2d(", "mobile-cnn": "nn.Conv2d(",
                "rnn": "nn.RNN(", "lstm": "nn.LSTM(", "gru": "nn.GRU(", "transformer": "nn.TransformerEncoderLayer(",
                "self-normalizing": "nn.Linear(n_features, 64)", "gan": "nn.Linear(n_features, 64)"},
    "keras": {"mlp": "keras.layers.Dense(64,", "cnn": "keras.layers.Conv2D(", "mobile-cnn": "keras.layers.Conv2D(",
              "rnn": "keras.layers.SimpleRNN(", "lstm": "keras.layers.LSTM(", "gru": "keras.layers.GRU(",
              "transformer": "keras.layers.MultiHeadAttention(", "self-normalizing": "keras.layers.Dense(64,",
              "gan": "keras.layers.Dense(64,"},
}


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("framework", ["pytorch", "keras"])
def test_snippets_use_the_real_layer(architecture, framework):
    code = recommend("binary", architecture, framework=framework).code
    assert REAL_LAYERS[framework][architecture] in code
    assert "stand-in" not in code


def _leaf_modules(model):
    return [module for module in model.modules() if not list(module.children())]


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_pytorch_snippets_run(task, architecture):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    namespace = {}
    exec(recommend(task, architecture, framework="pytorch").code, namespace)
    model = namespace["model"]
    loss = namespace["loss"]
    assert loss.ndim == 0 and bool(loss.isfinite())
    for name, parameter in model.named_parameters():  # the loss reaches every weight
        assert parameter.grad is not None and bool(parameter.grad.isfinite().all()), name
    if task in ("binary", "multiclass", "multilabel"):
        labels = namespace["labels"]
        assert labels.shape[0] == 8 and set(labels.flatten().tolist()) <= set(range(3))
    else:
        predictions = namespace["predictions"]
        assert predictions.shape == (8, 1)
        if task == "positive":
            assert bool((predictions > 0).all())
        if task == "bounded":
            assert bool(((predictions > 0) & (predictions < 10)).all())
    # raw logits out of the model: no softmax/sigmoid module in the PyTorch classification heads
    if task in ("binary", "multiclass", "multilabel"):
        assert type(_leaf_modules(model)[-1]).__name__ == "Linear"


KERAS_PYTHON = os.environ.get("ACTV_KERAS_PYTHON")  # a Python with keras (and torch) to run the Keras snippets in
KERAS_DRIVER = """
import json, sys
snippets = json.load(open(sys.argv[1]))
failed = []
for name, code, expected in snippets:
    namespace = {}
    try:
        exec(code, namespace)
        model = namespace["model"]
        if expected:
            assert namespace["labels"].shape[0] == 8
            last = model.layers[-1]
            last = getattr(last, "layers", [last])[-1]  # the transformer's head is a Sequential
            assert last.activation.__name__ == expected, last.activation.__name__
        else:
            assert namespace["predictions"].shape == (8, 1), namespace["predictions"].shape
    except Exception as error:
        failed.append(f"{name}: {type(error).__name__}: {error}")
print(json.dumps(failed))
"""


def test_keras_snippets_run_where_keras_is_installed(tmp_path):
    """Every Keras snippet, run in one fresh process (Keras picks its backend once per process)."""
    python = KERAS_PYTHON or sys.executable
    env = {**os.environ, "KERAS_BACKEND": os.environ.get("KERAS_BACKEND", "torch")}
    if subprocess.run([python, "-c", "import keras"], capture_output=True, env=env).returncode:
        pytest.skip("keras is not installed (set ACTV_KERAS_PYTHON to a Python that has it)")
    checks = {"binary": "sigmoid", "multiclass": "softmax", "multilabel": "sigmoid"}
    snippets = [(f"{task}/{architecture}", recommend(task, architecture, framework="keras").code, checks.get(task))
                for task in TASKS for architecture in ARCHITECTURES]
    (tmp_path / "snippets.json").write_text(json.dumps(snippets), encoding="utf-8")
    (tmp_path / "driver.py").write_text(KERAS_DRIVER, encoding="utf-8")
    run = subprocess.run([python, "driver.py", "snippets.json"], capture_output=True, text=True, cwd=tmp_path,
                         env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout.splitlines()[-1]) == []


def test_data_with_inf_and_nan_targets(actv, tmp_path):
    # inf was read as a third text label ('0', '1', 'inf') while nan was skipped
    path = tmp_path / "train.csv"
    path.write_text("x,y\n1,0\n2,1\n3,nan\n4,1\n5,inf\n6,0\n")
    result = actv("recommend", "--data", path, "--target", "y", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["inferred"] == {
        "task": "binary", "classes": 2, "reason": "column 'y' has two distinct values (0, 1): binary classification.",
        "rows": 4, "skipped_rows": [4, 6], "overridden_by": {}}


def test_data_with_a_repeated_target_column(actv, tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("x,a\n1,2.5\n2,3.5\n3,-1\n")
    result = actv("recommend", "--data", path, "--target", "a,a")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: target column 'a' is named more than once: name each column once\n"


def test_multiclass_with_two_classes_gives_a_reason_that_fits(actv):
    data = json.loads(actv("recommend", "--task", "multiclass", "--classes", "2", "--format", "json").output)
    assert data["reasons"][1]["text"].startswith("Two mutually exclusive classes given as multiclass")
    assert "more than two" not in json.dumps(data).lower()


# every hidden row's input scaling, and the batch a snippet must draw for it
INPUT_BATCHES = {
    "[0, 1]": ("np.random.uniform(0, 1, size=({shape}))", "torch.empty({shape}).uniform_(0, 1)"),
    "[-1, 1] (tanh); [0, 1] for what feeds a sigmoid": (
        "np.random.uniform(-1, 1, size=({shape}))", "torch.empty({shape}).uniform_(-1, 1)"),
    "[-1, 1] (images)": (
        "np.random.uniform(-1, 1, size=({shape}))", "torch.empty({shape}).uniform_(-1, 1)"),
    "standardized (mean 0, variance 1)": ("np.random.randn({shape})", "torch.randn({shape})"),
    "need no scaling (token embeddings; layer normalization inside)": (
        "np.random.randn({shape})", "torch.randn({shape})"),
}
# a batch of images is channels-last in Keras, channels-first in PyTorch; sequences are (batch, time, features)
BATCH_SHAPES = {"cnn": ("8, height, width, channels", "8, channels, height, width"),
                "rnn": ("8, seq_len, n_features",) * 2, "transformer": ("8, seq_len, n_features",) * 2}
BATCH_SHAPES.update({"mobile-cnn": BATCH_SHAPES["cnn"], "lstm": BATCH_SHAPES["rnn"], "gru": BATCH_SHAPES["rnn"]})
BATCH_NAMES = {"cnn": "images", "mobile-cnn": "images", "rnn": "sequences", "lstm": "sequences", "gru": "sequences",
               "transformer": "sequences"}


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("framework", ["keras", "pytorch"])
def test_snippet_inputs_follow_the_rule_scaling(architecture, framework):
    # the Keras snippet said "inputs scaled to [0, 1]" for an LSTM whose rule says [-1, 1]
    scaling = recommend("regression", architecture).hidden.input_scaling
    shape = BATCH_SHAPES.get(architecture, ("8, n_features",) * 2)[framework == "pytorch"]
    batch = INPUT_BATCHES[scaling][framework == "pytorch"].format(shape=shape)
    for task in TASKS:
        code = recommend(task, architecture, framework=framework).code
        assert [line for line in code.splitlines() if line.startswith("x = ")] == [
            f"x = {batch}  # a batch of 8 {BATCH_NAMES.get(architecture, 'examples')}, inputs {scaling}"]


def test_lstm_keras_snippet_scales_inputs_to_minus_one_one():
    code = recommend("regression", "lstm", framework="keras").code
    assert "inputs [-1, 1] (tanh)" in code and "scaled to [0, 1]" not in code
