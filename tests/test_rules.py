import itertools
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import activation_cli
from activation_cli import catalog
from activation_cli.errors import ParameterError, UnknownArchitecture, UnknownFramework, UnknownName, UnknownTask
from activation_cli.advice.rules import (
    ARCHITECTURES, GUIDE, HIDDEN_RULES, OUTPUT_RULES, RULES, TASKS, Branch, Leaf, Note, activations_named,
    guide_dict, hidden_rule, output_rule, pitfalls, recommend, rule_dict, task_name,
)

TUTORIAL_NAMES = {"relu", "sigmoid", "tanh", "linear", "softmax"}


# -- the table -----------------------------------------------------------------------------------

def test_tasks_and_architectures():
    assert TASKS == ("regression", "binary", "multiclass", "multilabel", "positive", "bounded")
    assert ARCHITECTURES == ("mlp", "cnn", "rnn", "lstm", "gru", "transformer", "self-normalizing",
                             "mobile-cnn", "gan")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.layer}-{r.key}")
def test_every_row_has_a_reason_and_a_source(rule):
    assert rule.reason.endswith(".") and len(rule.reason.split()) >= 8
    assert rule.source.strip()
    assert rule.condition.strip() and rule.recommendation.strip()
    for alternative in rule.alternatives:
        assert alternative.when.strip() and alternative.source.strip()
    for note in rule.warnings:
        assert note.text.strip() and note.source.strip() and note.framework in (None, "keras", "pytorch")


def _sources(rule):
    return [rule.source, *(a.source for a in rule.alternatives), *(n.source for n in rule.warnings)]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.layer}-{rule.key}")
def test_every_source_is_public(rule):
    # REFERENCE.md is the project's internal notes: a reader cannot look it up
    assert not any("REFERENCE" in source for source in _sources(rule))


def test_positive_and_bounded_cite_the_library_docs_and_the_book():
    by_key = {rule.key: rule for rule in OUTPUT_RULES}
    assert by_key["positive"].source == (
        "Deep Learning, 2016, §3.10 (softplus ζ(x) = log(1 + exp(x)), range (0, ∞)); keras.activations.softplus; "
        "torch.nn.Softplus; keras.losses.Poisson; torch.nn.PoissonNLLLoss")
    assert by_key["bounded"].source == (
        "keras.activations.sigmoid; torch.nn.Sigmoid; keras.layers.Rescaling; "
        "Deep Learning, 2016, §3.10 (logistic sigmoid, range (0, 1))")


def test_tutorial_rows_and_rows_beyond_it():
    tutorial = {(r.layer, r.key) for r in RULES if not r.beyond_tutorial}
    assert tutorial == {("hidden", "mlp"), ("hidden", "cnn"), ("hidden", "rnn"), ("output", "regression"),
                        ("output", "binary"), ("output", "multiclass"), ("output", "multilabel")}
    # the tutorial's own rows cite the tutorial or the pages it quotes; the others never claim it
    # (they may cite other sections of the same book as a standard text)
    quoted = ("tutorial: «", "Deep Learning, 2016, p. 174", "Deep Learning, 2016, p. 195",
              "Deep Learning with Python, 2017, p. 72")
    for rule in RULES:
        cites_tutorial = any(citation in rule.source for citation in quoted)
        assert cites_tutorial != rule.beyond_tutorial, rule.key


def test_the_tutorial_citations():
    by_key = {(r.layer, r.key): r for r in RULES}
    assert by_key["hidden", "mlp"].source == "Deep Learning, 2016, p. 174"
    assert "Deep Learning, 2016, p. 195" in by_key["hidden", "rnn"].source
    assert recommend("binary").reasons[2] == (
        "A non-linear activation in the hidden layers gives access to a much richer hypothesis space "
        "than a linear model.", "Deep Learning with Python, 2017, p. 72")


def test_the_tutorial_charts():
    rows = {(r.layer, r.key): (r.activation, getattr(r, "units", None)) for r in RULES if not r.beyond_tutorial}
    assert rows == {
        ("hidden", "mlp"): ("relu", None), ("hidden", "cnn"): ("relu", None), ("hidden", "rnn"): ("tanh", None),
        ("output", "regression"): ("linear", "one per target"), ("output", "binary"): ("sigmoid", "1"),
        ("output", "multiclass"): ("softmax", "one per class"),
        ("output", "multilabel"): ("sigmoid", "one per class"),
    }
    assert dict(HIDDEN_RULES[2].roles) == {"cell output": "tanh", "recurrent gates": "sigmoid"}


def test_beyond_the_tutorial_rows():
    hidden = {r.key: (r.activation, dict(r.parameters), r.initializer.split()[0]) for r in HIDDEN_RULES
              if r.beyond_tutorial}
    assert hidden == {
        "transformer": ("gelu", {}, "Normal"), "self-normalizing": ("selu", {}, "LeCun"),
        "mobile-cnn": ("hard_silu", {}, "He"), "gan": ("leaky_relu", {"negative_slope": 0.2}, "Normal"),
    }
    output = {r.key: r.activation for r in OUTPUT_RULES if r.beyond_tutorial}
    assert output == {"positive": "softplus", "bounded": "sigmoid"}


def test_initializers_pair_with_the_activation():
    # REFERENCE §4: ReLU family -> He, tanh/sigmoid -> Glorot, SELU -> LeCun; where the architecture's
    # own papers say otherwise they win: DCGAN, BERT and GPT-2 draw from N(0, 0.02)
    scheme = {r.key: r.initializer.split()[0] for r in HIDDEN_RULES}
    assert scheme == {"mlp": "He", "cnn": "He", "rnn": "Glorot", "transformer": "Normal",
                      "self-normalizing": "LeCun", "mobile-cnn": "He", "gan": "Normal"}


def test_the_table_names_only_canonical_catalog_entries():
    named = activations_named()
    assert TUTORIAL_NAMES <= set(named)
    for name in TUTORIAL_NAMES:
        assert catalog.get(name).name == name


@pytest.mark.parametrize("name", sorted(set(activations_named()) - TUTORIAL_NAMES))
def test_beyond_tutorial_names_are_canonical(name):
    if name not in catalog.CATALOG:  # the catalog branches (issue 2) add them; then this runs
        pytest.skip(f"{name} is not in this branch's catalog yet")
    assert catalog.get(name).name == name


def test_rule_dict_is_json():
    rows = [rule_dict(rule) for rule in RULES]
    assert json.loads(json.dumps(rows)) == rows
    assert rows[2]["architectures"] == ["rnn", "lstm", "gru"]
    assert rows[9]["loss"] == {"keras": "categorical_crossentropy (one-hot) or sparse_categorical_crossentropy "
                                        "(integer labels)",
                               "pytorch": "CrossEntropyLoss (on raw logits, integer class indices; no softmax layer)"}


# -- the catalog facts the table leans on -------------------------------------------------------

def _scaling_kind(text):
    """The gist of an input-scaling phrase: its leading range, "standardized" or "no scaling"."""
    if text.startswith("["):
        return text[:text.index("]") + 1]
    return next(kind for kind in ("standardized", "no scaling") if kind in text)


@pytest.mark.parametrize("rule", HIDDEN_RULES, ids=lambda rule: rule.key)
def test_hidden_rule_scaling_agrees_with_the_catalog(rule):
    # recommend --arch transformer said "no scaling" while info gelu said only "standardized"
    assert _scaling_kind(rule.input_scaling) in catalog.get(rule.activation).input_scaling


def test_gelu_and_leaky_relu_scaling_facts():
    assert catalog.get("gelu").input_scaling == (
        "standardized inputs for an MLP; in a transformer, token embeddings with layer normalization need no scaling")
    assert catalog.get("leaky_relu").input_scaling == "[0, 1]; [-1, 1] for a GAN on images (DCGAN)"


# Entries with required parameters are checked on several settings: a fact holds for all of them
# (threshold is monotonic only when value <= threshold, so its fact is False).
PARAMETER_CASES = {"threshold": [dict(threshold=0.0, value=0.0), dict(threshold=0.5, value=-1.0),
                                 dict(threshold=0.0, value=2.0)]}
ELEMENT_WISE = [entry for entry in catalog.CATALOG.values() if not entry.vector]


def _monotone(values):
    steps = np.diff(values)
    return bool((steps >= 0).all() or (steps <= 0).all())


@pytest.mark.parametrize("entry", ELEMENT_WISE, ids=lambda entry: entry.name)
def test_monotonic_facts_match_the_functions(entry):
    # step 1/200 on [-8, 8]: it crosses every kink at the defaults (0, ±0.5, ±1, ±3, 6)
    x = np.linspace(-8.0, 8.0, 3201)
    cases = PARAMETER_CASES.get(entry.name, [{}])
    assert all(not p.required for p in entry.params) or entry.name in PARAMETER_CASES
    assert entry.monotonic == all(_monotone(entry(x, **case)) for case in cases)
    assert entry.monotone_derivative == all(_monotone(entry.derivative(x, **case)) for case in cases)


def test_threshold_and_shrink_derivative_facts():
    # threshold' is 0 then 1 (non-decreasing, as relu'); the shrinks' are 1, 0, 1
    facts = {name: catalog.get(name).monotone_derivative for name in ("threshold", "hard_shrink", "soft_shrink")}
    assert facts == {"threshold": True, "hard_shrink": False, "soft_shrink": False}


# -- recommend() ---------------------------------------------------------------------------------

@pytest.mark.parametrize("task,architecture", list(itertools.product(TASKS, ARCHITECTURES)))
def test_recommend_every_task_and_architecture(task, architecture):
    rec = recommend(task, architecture)
    hidden = next(r for r in HIDDEN_RULES if architecture in (r.key, *r.covers))
    output = next(r for r in OUTPUT_RULES if r.key == task)
    assert (rec.task, rec.architecture) == (task, architecture)
    assert rec.hidden.activation == hidden.activation and rec.hidden.initializer == hidden.initializer
    assert rec.output.activation == output.activation and rec.output.loss == output.loss
    assert rec.reasons[:2] == ((hidden.reason, hidden.source), (output.reason, output.source))
    assert rec.beyond_tutorial == (hidden.beyond_tutorial or output.beyond_tutorial)
    assert rec.alternatives == (*hidden.alternatives, *output.alternatives)
    assert rec.code is None
    data = rec.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"task", "architecture", "classes", "framework", "hidden", "output", "alternatives",
                         "warnings", "reasons", "beyond_tutorial", "code"}
    assert set(data["hidden"]) >= {"activation", "initializer", "input_scaling"}
    assert set(data["output"]) >= {"activation", "units", "loss", "targets", "decode"}


def test_recommend_multiclass_exact():
    rec = recommend("multiclass", classes=10)
    assert rec.output.units == 10
    assert rec.output.activation == "softmax"
    assert rec.output.decode == "argmax over the units"
    assert [w.text[:40] for w in rec.warnings] == [
        "Do not put softmax before CrossEntropyLo", "A softmax output with from_logits=True a"]


def test_classes_accepts_integer_types():
    class Three:
        def __index__(self):
            return 3

    rec = recommend("multiclass", classes=Three())
    assert (rec.classes, rec.output.units) == (3, 3) and type(rec.classes) is int


def test_units_are_a_phrase_without_classes():
    assert recommend("multiclass").output.units == "one per class"
    assert recommend("multilabel").output.units == "one per class"
    assert recommend("regression").output.units == "one per target"
    assert recommend("binary").output.units == 1
    assert recommend("binary", classes=2).output.units == 1


def test_one_unit_softmax_warning_only_while_units_unknown():
    texts = [w.text for w in recommend("multiclass").warnings]
    assert texts[-1].startswith("A one-unit softmax always outputs 1")
    assert not any("one-unit softmax" in w.text for w in recommend("multiclass", classes=3).warnings)


def test_two_class_multiclass_notes_the_binary_equivalent():
    rec = recommend("multiclass", classes=2)
    assert rec.output.units == 2
    assert rec.warnings[0].text == (
        "With 2 classes, softmax over 2 units equals binary classification with 1 sigmoid unit "
        "(--task binary) and binary_crossentropy.")
    # the row's reason says "More than two ... classes": with 2 classes the reason must fit the input
    assert rec.reasons[1] == (
        "Two mutually exclusive classes given as multiclass: one node per class with softmax, whose outputs "
        "sum to 1 and read as class-membership probabilities; with two classes this is the same model as one "
        "sigmoid unit (--task binary).", "tutorial: «Cómo elegir una función de activación de salida»")
    assert not any("more than two" in text.lower() for text, _ in rec.reasons)
    assert recommend("multiclass", classes=3).reasons[1][0].startswith("More than two mutually exclusive classes")
    assert recommend("multiclass").reasons[1][0].startswith("More than two mutually exclusive classes")


@pytest.mark.parametrize("task,classes,message", [
    ("multiclass", 1, "multiclass needs at least 2 classes, got 1: a one-unit softmax always outputs 1. "
                      "For a single yes/no output use --task binary (1 unit, sigmoid)."),
    # 0 or a negative number is no number of classes: no talk of a one-unit softmax or a single label
    ("multiclass", 0, "multiclass needs at least 2 classes, got 0: a number of classes cannot be zero or negative."),
    ("multiclass", -3, "multiclass needs at least 2 classes, got -3: a number of classes cannot be zero or "
                       "negative."),
    ("multilabel", 0, "multilabel needs at least 2 labels, got 0: a number of labels cannot be zero or negative."),
    ("multilabel", -1, "multilabel needs at least 2 labels, got -1: a number of labels cannot be zero or "
                       "negative."),
    ("binary", 0, "binary classification has 2 classes, not 0: a number of classes cannot be zero or negative."),
    ("binary", -2, "binary classification has 2 classes, not -2: a number of classes cannot be zero or "
                   "negative."),
    ("multilabel", 1, "multilabel needs at least 2 labels, got 1: a single 0/1 label is --task binary "
                      "(1 unit, sigmoid)."),
    ("binary", 3, "binary classification has 2 classes, not 3; use --task multiclass (softmax) for more "
                  "than two mutually exclusive classes."),
    ("binary", 1, "binary classification has 2 classes, not 1; a task with fewer than 2 classes has "
                  "nothing to learn."),
    ("regression", 3, "--classes does not apply to regression (one output unit per target); it is for "
                      "binary, multiclass and multilabel."),
    ("positive", 2, "--classes does not apply to positive (one output unit per target); it is for "
                    "binary, multiclass and multilabel."),
    ("multiclass", 2.5, "classes must be a whole number, got 2.5"),
    ("multiclass", True, "classes must be a whole number, got True"),
])
def test_bad_classes(task, classes, message):
    with pytest.raises(ParameterError) as error:
        recommend(task, classes=classes)
    assert str(error.value) == message
    assert error.value.exit_code == 2


@pytest.mark.parametrize("spelling,task", [
    ("Multi-Class", "multiclass"), ("multi_label", "multilabel"), ("BINARY", "binary"),
    ("binary classification", "binary"), ("counts", "positive"), ("bounded-regression", "bounded"),
    ("reg", "regression"),
])
def test_task_aliases(spelling, task):
    assert task_name(spelling) == task
    assert recommend(spelling).task == task


@pytest.mark.parametrize("spelling,architecture", [
    ("LSTM", "lstm"), ("Self_Normalizing", "self-normalizing"), ("mobilenet", "mobile-cnn"),
    ("convnet", "cnn"), ("dense", "mlp"),
])
def test_architecture_aliases(spelling, architecture):
    assert recommend("binary", spelling).architecture == architecture


def test_unknown_names_list_the_choices():
    with pytest.raises(UnknownTask) as error:
        recommend("classification")
    assert str(error.value) == ("unknown task 'classification'. Choose from: binary, bounded, multiclass, "
                                "multilabel, positive, regression.")
    assert isinstance(error.value, UnknownName) and error.value.exit_code == 2
    with pytest.raises(UnknownArchitecture) as error:
        recommend("binary", "lstmm")
    assert str(error.value) == "unknown architecture 'lstmm'. Did you mean 'lstm'?"
    with pytest.raises(UnknownArchitecture) as error:
        recommend("binary", "resnet")
    assert str(error.value) == ("unknown architecture 'resnet'. Choose from: cnn, gan, gru, lstm, mlp, "
                                "mobile-cnn, rnn, self-normalizing, transformer.")
    with pytest.raises(UnknownFramework) as error:
        recommend("binary", framework="jax")
    assert str(error.value) == "unknown framework 'jax'. Choose from: keras, pytorch."


def test_framework_keeps_its_own_warnings():
    def frameworks(**kw):
        return [w.framework for w in recommend("binary", **kw).warnings]

    assert frameworks() == ["pytorch", "keras"]
    assert frameworks(framework="pytorch") == ["pytorch"]
    assert frameworks(framework="Keras") == ["keras"]
    assert frameworks(framework="torch") == ["pytorch"]


def test_warnings_per_task():
    assert recommend("multilabel").warnings[0].text.startswith("Never softmax for multilabel")
    assert recommend("regression").warnings[0].source == "ai.stackexchange.com/questions/26760"
    rnn = recommend("binary", "gru").warnings[0]
    assert rnn.text.startswith("sigmoid and tanh saturate: in deep stacks their gradients vanish")
    assert [w.framework for w in recommend("multiclass", "self-normalizing").warnings] == [
        None, "pytorch", "pytorch", "keras", None]


def test_recommendation_is_frozen_and_notes_are_tuples():
    rec = recommend("binary")
    with pytest.raises(AttributeError):
        rec.task = "multiclass"
    assert isinstance(rec.warnings[0], Note) and rec.warnings[0] == (rec.warnings[0].text,
                                                                     rec.warnings[0].source, "pytorch")


def test_lazy_export():
    assert activation_cli.recommend is recommend
    assert "recommend" in activation_cli.__all__


def test_rules_module_imports_no_numpy_or_catalog():
    code = ("import sys; import activation_cli.advice.rules as r; r.recommend('multiclass', 'gan', 3, 'keras'); "
            "import activation_cli.advice.inference; "
            "print(sorted(m for m in ('numpy', 'matplotlib', 'scipy', 'click', 'rich', 'activation_cli.catalog') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"


# -- the guide -----------------------------------------------------------------------------------

def test_guide_reaches_every_rule_once():
    def leaves(node):
        if isinstance(node, Leaf):
            return [node.rule]
        return [rule for child in node.leaves for rule in leaves(child)]

    reached = [rule for branch in GUIDE for rule in leaves(branch)]
    assert sorted((r.layer, r.key) for r in reached) == sorted((r.layer, r.key) for r in RULES)
    assert all(isinstance(b, Branch) for b in GUIDE)


def test_guide_dict():
    data = guide_dict()
    assert [chart["question"] for chart in data] == [
        "Hidden layers: which architecture? (the same activation in every hidden layer)",
        "Output layer: what does the model predict?"]
    assert data[1]["answers"][1]["answers"][1] == {
        "answer": "more than two mutually exclusive classes (multiclass)", "layer": "output",
        "key": "multiclass", "recommendation": "one unit per class, softmax",
        "source": "tutorial: «Cómo elegir una función de activación de salida»",
        "beyond_tutorial": False,
    }


# -- the example ---------------------------------------------------------------------------------

def test_tutorial_example_script():
    script = Path(__file__).parent.parent / "examples" / "tutorial_recommendations.py"
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True).stdout
    assert out == """\
Hidden layers
- Multilayer Perceptron (MLP): relu activation function.
    initializer: He normal / He uniform; inputs scaled to [0, 1]
- Convolutional Neural Network (CNN): relu activation function.
    initializer: He normal / He uniform; inputs scaled to [0, 1]
- Recurrent Neural Network (RNN): tanh (cell output) and sigmoid (recurrent gates) activation function.
    initializer: Glorot (Xavier) normal / uniform; inputs scaled to [-1, 1] (tanh); [0, 1] for what feeds a sigmoid

Output layer
- Regression: One node per target, linear activation.
    targets: scaled: normalized or standardized (undo the scaling on predictions); \
to a prediction: none: the output is the prediction
- Binary Classification: One node, sigmoid activation.
    targets: 0 or 1; to a prediction: round the probability at 0.5 (PyTorch logits: label = logit > 0)
- Multiclass Classification: One node per class, softmax activation.
    targets: one-hot vectors (integer class indices for sparse_categorical_crossentropy and CrossEntropyLoss); \
to a prediction: argmax over the units
- Multilabel Classification: One node per class, sigmoid activation.
    targets: 0 or 1 per class (a multi-hot vector); to a prediction: threshold each unit at 0.5, independently
"""


def test_the_initializer_follows_the_architectures_own_source():
    """Issue 10.8: DCGAN draws every weight from N(0, 0.02); BERT (truncated) and GPT-2 from N(0, 0.02).
    He stays only where a source derives it for the activation: leaky rectifiers (He et al. 2015)."""
    gan, transformer = hidden_rule("gan"), hidden_rule("transformer")
    assert gan.initializer.startswith("Normal with mean 0, std 0.02") and "DCGAN" in gan.initializer
    assert "standard deviation 0.02" in gan.reason and gan.source.startswith("Radford, Metz & Chintala 2016")
    he = [w for w in gan.warnings if w.text.startswith("He normal")]
    assert len(he) == 1 and he[0].source.startswith("He et al. 2015")
    assert transformer.initializer == "Normal with mean 0, std 0.02 (GPT-2; BERT truncates it at 2 std)"
    assert "truncated_normal_initializer" in transformer.source and "stddev=0.02" in transformer.source
    assert not any("He" in w.text.split()[:2] for w in transformer.warnings)
    rec = recommend("binary", "gan", framework="pytorch")
    assert rec.hidden.initializer == gan.initializer
    assert "nn.init.normal_(model[0].weight, mean=0.0, std=0.02)" in rec.code
    keras = recommend("multiclass", "transformer", framework="keras").code
    assert "kernel_initializer=keras.initializers.RandomNormal(stddev=0.02)" in keras
    assert 'kernel_initializer="he_normal"' in recommend("binary", "mlp", framework="keras").code


def test_citations_say_what_their_sources_say():
    """Issue 10.12: keras-team/keras#6143 is about a softmax output with from_logits=True, not a sigmoid
    one; keras.ops' gelu default is in keras/src/ops/nn.py, LeakyReLU's 0.3 in its layer file."""
    binary = {a.activation: a for a in output_rule("binary").alternatives}
    multilabel = {a.activation: a for a in output_rule("multilabel").alternatives}
    assert "6143" not in binary["linear"].source and "6143" not in multilabel["linear"].source
    assert "BinaryCrossentropy" in binary["linear"].source
    assert "6143" not in pitfalls.SIGMOID_FROM_LOGITS.source
    assert "6143" in pitfalls.SOFTMAX_FROM_LOGITS.source  # the thread is about exactly this
    gelu = hidden_rule("transformer").warnings[0].source
    assert "keras/src/ops/nn.py (gelu approximate=True)" in gelu
    slope = next(w for w in hidden_rule("gan").warnings if "leaky slope" in w.text).source
    assert "keras/src/layers/activations/leaky_relu.py (LeakyReLU negative_slope=0.3)" in slope
    assert "keras/src/activations/activations.py (leaky_relu negative_slope=0.2)" in slope
    assert pitfalls.ONE_UNIT_SOFTMAX.source.startswith("keras/src/ops/nn.py")
    sources = " ".join(str(v) for r in RULES for v in rule_dict(r).values())
    assert "layers/activations/softmax.py" not in sources
