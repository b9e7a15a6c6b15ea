import importlib.util
import json
import os
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


def test_interactive_prompts(actv, monkeypatch):
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    result = actv("recommend", "--format", "json", input="multiclass\n5\ngru\n")
    assert result.exit_code == 0
    assert result.stderr == (  # the questions go to stderr: stdout stays JSON
        "Task (regression, binary, multiclass, multilabel, positive, bounded): multiclass\n"
        "Number of classes: 5\n"
        "Architecture (mlp, cnn, rnn, lstm, gru, transformer, self-normalizing, mobile-cnn, gan) [mlp]: gru\n")
    data = json.loads(result.stdout)
    assert (data["task"], data["classes"], data["architecture"]) == ("multiclass", 5, "gru")


def test_interactive_prompts_reask_and_skip(actv, monkeypatch):
    monkeypatch.setattr(cli_module, "_interactive", lambda: True)
    # a bad task and a bad class count are asked again; binary asks no class count; --arch is not asked
    result = actv("recommend", "--arch", "cnn", "--format", "json", input="classify\nbinary\n")
    assert result.exit_code == 0
    assert "Error: 'classify' is not one of" in result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert (data["task"], data["classes"], data["architecture"]) == ("binary", None, "cnn")
    result = actv("recommend", "--format", "json", input="multilabel\n1\n3\n\n")
    assert "Error: 1 is not in the range x>=2." in result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert (data["task"], data["classes"], data["architecture"]) == ("multilabel", 3, "mlp")


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
    assert "│ rnn, lstm, gru     │" in result.output


def test_guide_tree(actv):
    result = actv("guide")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Choosing activation functions (* beyond the tutorial)"
    assert lines[1] == "├── Hidden layers: which architecture? (the same activation in every hidden layer)"
    assert lines[2] == "│   ├── Multilayer perceptron (MLP) → relu; He normal / He uniform init; inputs [0, 1]"
    assert "        ├── two mutually exclusive classes (binary) → 1 unit, sigmoid" in lines
    assert "        └── two or more mutually inclusive classes (multilabel) → one unit per class, sigmoid" in lines
    assert "    │   └── a value in a known range [a, b] → one unit per target, scaled sigmoid: a + (b − " in lines


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


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("architecture", ["mlp", "gru", "self-normalizing", "gan", "transformer", "mobile-cnn"])
def test_pytorch_snippets_run(task, architecture):
    pytest.importorskip("torch")
    namespace = {}
    exec(recommend(task, architecture, framework="pytorch").code, namespace)
    model = namespace["model"]
    loss = namespace["loss"]
    assert loss.ndim == 0 and bool(loss.isfinite())
    assert model[0].weight.grad is not None and bool(model[0].weight.grad.isfinite().all())
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
        assert type(model[-1]).__name__ == "Linear"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside Keras's torch backend, not by the snippet
def test_keras_snippets_run_where_keras_is_installed(monkeypatch):
    if "KERAS_BACKEND" not in os.environ and importlib.util.find_spec("torch"):
        monkeypatch.setenv("KERAS_BACKEND", "torch")  # Keras 3 defaults to tensorflow
    pytest.importorskip("keras")
    for task, architecture in zip(TASKS, ["mlp", "gru", "self-normalizing", "gan", "transformer", "mobile-cnn"]):
        namespace = {}
        exec(recommend(task, architecture, framework="keras").code, namespace)
        model = namespace["model"]
        if task in ("binary", "multiclass", "multilabel"):
            assert namespace["labels"].shape[0] == 8
            expected = {"binary": "sigmoid", "multiclass": "softmax", "multilabel": "sigmoid"}[task]
            assert model.layers[-1].activation.__name__ == expected
        else:
            assert namespace["predictions"].shape == (8, 1)


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
    "[0, 1]": ("np.random.uniform(0, 1, size=(8, n_features))", "torch.empty(8, n_features).uniform_(0, 1)"),
    "[-1, 1] (tanh); [0, 1] for what feeds a sigmoid": (
        "np.random.uniform(-1, 1, size=(8, n_features))", "torch.empty(8, n_features).uniform_(-1, 1)"),
    "[-1, 1] (images)": (
        "np.random.uniform(-1, 1, size=(8, n_features))", "torch.empty(8, n_features).uniform_(-1, 1)"),
    "standardized (mean 0, variance 1)": ("np.random.randn(8, n_features)", "torch.randn(8, n_features)"),
    "need no scaling (token embeddings; layer normalization inside)": (
        "np.random.randn(8, n_features)", "torch.randn(8, n_features)"),
}


@pytest.mark.parametrize("architecture", ARCHITECTURES)
@pytest.mark.parametrize("framework", ["keras", "pytorch"])
def test_snippet_inputs_follow_the_rule_scaling(architecture, framework):
    # the Keras snippet said "inputs scaled to [0, 1]" for an LSTM whose rule says [-1, 1]
    scaling = recommend("regression", architecture).hidden.input_scaling
    batch = INPUT_BATCHES[scaling][framework == "pytorch"]
    for task in TASKS:
        code = recommend(task, architecture, framework=framework).code
        assert [line for line in code.splitlines() if line.startswith("x = ")] == [
            f"x = {batch}  # a batch of 8 examples, inputs {scaling}"]


def test_lstm_keras_snippet_scales_inputs_to_minus_one_one():
    code = recommend("regression", "lstm", framework="keras").code
    assert "inputs [-1, 1] (tanh)" in code and "scaled to [0, 1]" not in code
