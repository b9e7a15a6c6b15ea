"""The rule table: which activation, initializer, loss and target encoding for a task.

The tutorial's two decision charts (hidden layer by architecture, output layer by
task), plus the widely used rows beyond it, are data: ``HIDDEN_RULES`` and
``OUTPUT_RULES``. Every row names a canonical catalog entry and carries its reason
and source. ``recommend()`` is a pure function over the rows; ``actv recommend``,
``actv rules`` and ``actv guide`` all read the same rows, so they cannot drift apart.

Plain Python only (no numpy, no catalog import): these commands must start fast.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, NamedTuple

from ..errors import ParameterError, UnknownArchitecture, UnknownFramework, UnknownName, UnknownTask
from . import pitfalls
from .pitfalls import Note

TUTORIAL = "tutorial"
DL_2016_174 = "Deep Learning, 2016, p. 174"
DL_2016_195 = "Deep Learning, 2016, p. 195"
DLP_2017_72 = "Deep Learning with Python, 2017, p. 72"
DL_SOFTPLUS = "Deep Learning, 2016, §3.10 (softplus ζ(x) = log(1 + exp(x)), range (0, ∞))"
DL_SIGMOID = "Deep Learning, 2016, §3.10 (logistic sigmoid, range (0, 1))"
POISSON_DOCS = "keras.losses.Poisson; torch.nn.PoissonNLLLoss"
DCGAN = "Radford, Metz & Chintala 2016, Unsupervised Representation Learning with Deep Convolutional GANs"
HE_2015 = ("He et al. 2015, Delving Deep into Rectifiers (arXiv:1502.01852): the initialization derived "
           "for rectifiers and leaky rectifiers, variance 2 / ((1 + a²)·fan_in)")
BCE_FROM_LOGITS = ("keras/src/losses/losses.py (BinaryCrossentropy: from_logits=True takes y_pred as logits, "
                   "by default as probabilities)")
SIGMOID_DOCS = "keras.activations.sigmoid; torch.nn.Sigmoid"
TUTORIAL_HIDDEN = f"{TUTORIAL}: «Cómo elegir una función de activación de capa oculta»"
TUTORIAL_OUTPUT = f"{TUTORIAL}: «Cómo elegir una función de activación de salida»"

FRAMEWORKS = ("keras", "pytorch")


class Alternative(NamedTuple):
    """Another activation, and when to prefer it."""

    activation: str  # canonical catalog name
    when: str
    source: str


@dataclass(frozen=True)
class HiddenRule:
    """A row of the hidden-layer chart: an architecture and what its hidden layers use."""

    key: str                          # the architecture name, e.g. "mlp"
    condition: str                    # as a person reads it
    activation: str                   # canonical catalog name
    initializer: str
    input_scaling: str
    reason: str
    source: str
    beyond_tutorial: bool = False
    covers: tuple[str, ...] = ()      # other architecture names this row answers (lstm, gru)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)  # role -> canonical activation
    alternatives: tuple[Alternative, ...] = ()
    warnings: tuple[Note, ...] = ()

    layer = "hidden"

    @property
    def recommendation(self) -> str:
        main = self.activation + "".join(f"({k}={v})" for k, v in self.parameters.items())
        if self.roles:
            main = "; ".join(f"{role}: {name}" for role, name in self.roles.items())
        return f"{main}; {self.initializer} init; inputs {self.input_scaling}"

    @property
    def activations(self) -> tuple[str, ...]:
        names = [self.activation, *self.roles.values(), *(a.activation for a in self.alternatives)]
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class OutputRule:
    """A row of the output-layer chart: a task and the output layer, loss and targets it needs."""

    key: str                          # the task name, e.g. "multiclass"
    condition: str
    activation: str                   # canonical catalog name
    units: str                        # a phrase; recommend() turns it into a number when it can
    loss: Mapping[str, str]           # "keras" / "pytorch" -> loss
    targets: str
    decode: str
    reason: str
    source: str
    beyond_tutorial: bool = False
    per_class: bool = False           # one unit per class: --classes gives the number
    form: str = ""                    # how the activation is applied, when not plainly
    alternatives: tuple[Alternative, ...] = ()
    warnings: tuple[Note, ...] = ()

    layer = "output"

    @property
    def recommendation(self) -> str:
        units = "1 unit" if self.units == "1" else self.units.replace("one per", "one unit per")
        return f"{units}, {self.form or self.activation}"

    @property
    def activations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.activation, *(a.activation for a in self.alternatives)]))


# -- hidden layers ------------------------------------------------------------------------------

_LEAKY = Alternative(
    "leaky_relu",
    "many ReLU units output 0 for every input (dead units): a small negative slope keeps a gradient.",
    "Maas, Hannun & Ng 2013, Rectifier Nonlinearities Improve Neural Network Acoustic Models",
)
_TRY_A_FEW = Alternative(
    "tanh",
    "a small, shallow net: tanh usually trains better than the logistic sigmoid; "
    "if unsure, try a few and compare the results.",
    f"{DL_2016_195}; {TUTORIAL_HIDDEN}",
)
_SMOOTH = Alternative(
    "gelu",
    "a deep modern net where a smooth, non-monotonic unit helps (He init is common practice, no official gain).",
    "Hendrycks & Gimpel 2016, Gaussian Error Linear Units (GELUs)",
)

HIDDEN_RULES: tuple[HiddenRule, ...] = (
    HiddenRule(
        key="mlp", condition="architecture is a multilayer perceptron (MLP)",
        activation="relu", initializer="He normal / He uniform", input_scaling="[0, 1]",
        reason="In modern neural networks the default recommendation is the rectified linear unit: "
               "it is simple and less prone to vanishing gradients than sigmoid and tanh.",
        source=DL_2016_174,
        alternatives=(_LEAKY, _SMOOTH, _TRY_A_FEW),
    ),
    HiddenRule(
        key="cnn", condition="architecture is a convolutional network (CNN)",
        activation="relu", initializer="He normal / He uniform", input_scaling="[0, 1]",
        reason="Modern networks with common architectures such as MLP and CNN use ReLU or its "
               "extensions: it is less prone to vanishing gradients than sigmoid and tanh.",
        source=f"{DL_2016_174}; {TUTORIAL_HIDDEN}",
        alternatives=(_LEAKY, _SMOOTH),
    ),
    HiddenRule(
        key="rnn", condition="architecture is recurrent (RNN, LSTM, GRU)", covers=("lstm", "gru"),
        activation="tanh", initializer="Glorot (Xavier) normal / uniform",
        input_scaling="[-1, 1] (tanh); [0, 1] for what feeds a sigmoid",
        roles={"cell output": "tanh", "recurrent gates": "sigmoid"},
        reason="Recurrent networks still use sigmoid and tanh: the LSTM uses sigmoid for the "
               "recurrent gates and tanh for the output; tanh usually works better than the logistic sigmoid.",
        source=f"{TUTORIAL_HIDDEN}; {DL_2016_195}",
        alternatives=(Alternative(
            "relu",
            "a plain (non-gated) RNN whose recurrent weights start at the identity (IRNN).",
            "Le, Jaitly & Hinton 2015, A Simple Way to Initialize Recurrent Networks of Rectified Linear Units",
        ),),
        warnings=(pitfalls.VANISHING_GRADIENTS,),
    ),
    HiddenRule(
        key="transformer", condition="architecture is a transformer", beyond_tutorial=True,
        activation="gelu", initializer="Normal with mean 0, std 0.02 (GPT-2; BERT truncates it at 2 std)",
        input_scaling="need no scaling (token embeddings; layer normalization inside)",
        roles={"feed-forward": "gelu", "gated feed-forward SwiGLU": "silu", "gated feed-forward GEGLU": "gelu"},
        reason="BERT and GPT-2 use GELU in the feed-forward blocks and draw their weights from a normal "
               "distribution with standard deviation 0.02; gated variants (SwiGLU, GEGLU) improve on GELU "
               "at equal compute.",
        source="Devlin et al. 2019 (BERT; google-research/bert modeling.py: truncated_normal_initializer"
               "(stddev=initializer_range), initializer_range=0.02); Radford et al. 2019 (GPT-2; openai/gpt-2 "
               "src/model.py: random_normal_initializer(stddev=0.02)); Shazeer 2020, GLU Variants Improve "
               "Transformer",
        alternatives=(
            Alternative("silu", "a gated feed-forward layer (SwiGLU): silu(xW) · (xV).",
                        "Shazeer 2020, GLU Variants Improve Transformer"),
            Alternative("relu", "reproducing the original transformer.",
                        "Vaswani et al. 2017, Attention Is All You Need"),
        ),
        warnings=(Note("GELU is exact by default in PyTorch and keras.activations but the tanh approximation "
                       "in jax.nn and keras.ops: state approximate= when porting weights.",
                       "torch/nn/modules/activation.py (GELU approximate='none'); keras/src/activations/"
                       "activations.py (gelu approximate=False); keras/src/ops/nn.py (gelu approximate=True); "
                       "jax/_src/nn/functions.py (gelu approximate=True)"),),
    ),
    HiddenRule(
        key="self-normalizing", condition="architecture is a self-normalizing MLP (SNN)", beyond_tutorial=True,
        activation="selu", initializer="LeCun normal", input_scaling="standardized (mean 0, variance 1)",
        reason="SELU keeps activations near mean 0 and variance 1 across layers without batch "
               "normalization, provided LeCun normal init and AlphaDropout.",
        source="Klambauer et al. 2017, Self-Normalizing Neural Networks",
        alternatives=(Alternative("relu", "you use batch normalization or ordinary dropout anyway.", DL_2016_174),),
        warnings=(Note("Use AlphaDropout, not Dropout: ordinary dropout breaks the self-normalizing fixed point.",
                       "Klambauer et al. 2017, Self-Normalizing Neural Networks"),
                  pitfalls.SELU_LECUN),
    ),
    HiddenRule(
        key="mobile-cnn", condition="architecture is a mobile CNN (MobileNetV3-style)", beyond_tutorial=True,
        activation="hard_silu", initializer="He normal / He uniform", input_scaling="[0, 1]",
        reason="MobileNetV3 uses hard swish in its deeper layers: close to swish but piecewise "
               "linear, cheap on mobile hardware.",
        source="Howard et al. 2019, Searching for MobileNetV3",
        alternatives=(
            Alternative("relu", "the early, high-resolution layers (MobileNetV3 keeps ReLU there).",
                        "Howard et al. 2019, Searching for MobileNetV3"),
            Alternative("relu6", "a MobileNetV2-style net or low-precision (quantized) inference.",
                        "Sandler et al. 2018, MobileNetV2: Inverted Residuals and Linear Bottlenecks"),
        ),
    ),
    HiddenRule(
        key="gan", condition="architecture is a GAN", beyond_tutorial=True,
        activation="leaky_relu", parameters={"negative_slope": 0.2},
        initializer="Normal with mean 0, std 0.02 (DCGAN: every weight)", input_scaling="[-1, 1] (images)",
        roles={"discriminator": "leaky_relu", "generator hidden": "relu", "generator output": "tanh"},
        reason="DCGAN uses leaky ReLU (slope 0.2) in the discriminator, ReLU in the generator and "
               "a tanh generator output for pixels scaled to [-1, 1]; it draws every weight from a "
               "normal distribution with mean 0 and standard deviation 0.02.",
        source=DCGAN,
        alternatives=(),
        warnings=(Note("He normal with the slope (gain √(2/(1+0.2²))) is the alternative derived for leaky "
                       "rectifiers: it scales with each layer's fan-in instead of a fixed 0.02.", HE_2015),
                  Note("The leaky slope differs by library: 0.01 in PyTorch and jax.nn, 0.2 in the Keras "
                       "function, 0.3 in the Keras layer; set it explicitly.",
                       "torch/nn/modules/activation.py (LeakyReLU negative_slope=0.01); jax/_src/nn/"
                       "functions.py (leaky_relu 0.01); keras/src/activations/activations.py (leaky_relu "
                       "negative_slope=0.2); keras/src/layers/activations/leaky_relu.py (LeakyReLU "
                       "negative_slope=0.3)"),),
    ),
)

# -- output layers ------------------------------------------------------------------------------

_TWO_CLASS_SOFTMAX = (
    "Two mutually exclusive classes given as multiclass: one node per class with softmax, whose "
    "outputs sum to 1 and read as class-membership probabilities; with two classes this is the same "
    "model as one sigmoid unit (--task binary).", TUTORIAL_OUTPUT)
_LOGITS = "a raw logit output (no activation) with the loss's logits form is numerically more stable."

OUTPUT_RULES: tuple[OutputRule, ...] = (
    OutputRule(
        key="regression", condition="task predicts a real number (regression)",
        activation="linear", units="one per target",
        loss={"keras": "mean_squared_error (or mean_absolute_error, huber)",
              "pytorch": "MSELoss (or L1Loss, HuberLoss)"},
        targets="scaled: normalized or standardized (undo the scaling on predictions)",
        decode="none: the output is the prediction",
        reason="A regression problem uses one node per target with linear activation; the targets "
               "are scaled by normalization or standardization.",
        source=TUTORIAL_OUTPUT,
        alternatives=(
            Alternative("softplus", "the target is positive (counts, prices): --task positive.",
                        f"torch.nn.Softplus; {POISSON_DOCS}"),
            Alternative("sigmoid", "the target lies in a known range [a, b]: --task bounded.",
                        f"{SIGMOID_DOCS}; {DL_SIGMOID}"),
        ),
        warnings=(pitfalls.ACTIVATION_ON_REGRESSION,),
    ),
    OutputRule(
        key="binary", condition="task has two mutually exclusive classes (binary classification)",
        activation="sigmoid", units="1",
        loss={"keras": "binary_crossentropy",
              "pytorch": "BCEWithLogitsLoss (on the raw logit; no sigmoid layer)"},
        targets="0 or 1",
        decode="round the probability at 0.5 (PyTorch logits: label = logit > 0)",
        reason="Two mutually exclusive classes: one node with a sigmoid predicts the probability "
               "of class 1; predicting a probability is classification, not regression.",
        source=TUTORIAL_OUTPUT,
        alternatives=(
            Alternative("linear", _LOGITS + " Keras: binary_crossentropy(from_logits=True).",
                        f"{BCE_FROM_LOGITS}; pytorch/pytorch#751 (BCELoss after a sigmoid is numerically "
                        "unstable)"),
            Alternative("softmax", "two units with softmax and categorical_crossentropy are equivalent, "
                        "with twice the output weights.", TUTORIAL_OUTPUT),
        ),
        warnings=(
            pitfalls.BCE_WITH_LOGITS,
            pitfalls.SIGMOID_FROM_LOGITS,
        ),
    ),
    OutputRule(
        key="multiclass", condition="task has more than two mutually exclusive classes (multiclass)",
        activation="softmax", units="one per class", per_class=True,
        loss={"keras": "categorical_crossentropy (one-hot) or sparse_categorical_crossentropy (integer labels)",
              "pytorch": "CrossEntropyLoss (on raw logits, integer class indices; no softmax layer)"},
        targets="one-hot vectors (integer class indices for sparse_categorical_crossentropy and CrossEntropyLoss)",
        decode="argmax over the units",
        reason="More than two mutually exclusive classes: one node per class with softmax, whose "
               "outputs sum to 1 and read as class-membership probabilities.",
        source=TUTORIAL_OUTPUT,
        alternatives=(
            Alternative("linear", _LOGITS + " Keras: from_logits=True; PyTorch: CrossEntropyLoss.",
                        "keras-team/keras#6143; torch.nn.CrossEntropyLoss"),
            Alternative("log_softmax", "PyTorch with NLLLoss (LogSoftmax + NLLLoss = CrossEntropyLoss).",
                        "torch.nn.NLLLoss"),
        ),
        warnings=(
            pitfalls.SOFTMAX_INTO_CROSS_ENTROPY,
            pitfalls.SOFTMAX_FROM_LOGITS,
            pitfalls.ONE_UNIT_SOFTMAX,
        ),
    ),
    OutputRule(
        key="multilabel", condition="task has two or more mutually inclusive classes (multilabel)",
        activation="sigmoid", units="one per class", per_class=True,
        loss={"keras": "binary_crossentropy (measure binary_accuracy, not accuracy)",
              "pytorch": "BCEWithLogitsLoss (on raw logits; no sigmoid layer)"},
        targets="0 or 1 per class (a multi-hot vector)",
        decode="threshold each unit at 0.5, independently",
        reason="Mutually inclusive classes: one node per class with a sigmoid each, so every label "
               "gets its own probability.",
        source=TUTORIAL_OUTPUT,
        alternatives=(
            Alternative("linear", _LOGITS + " Keras: binary_crossentropy(from_logits=True).",
                        f"pytorch/pytorch#751 (BCELoss after a sigmoid is numerically unstable); "
                        f"{BCE_FROM_LOGITS}"),
        ),
        warnings=(
            pitfalls.SOFTMAX_FOR_MULTILABEL,
            pitfalls.BCE_WITH_LOGITS,
        ),
    ),
    OutputRule(
        key="positive", condition="task predicts a positive number (counts, prices)", beyond_tutorial=True,
        activation="softplus", units="one per target",
        loss={"keras": "poisson (counts) or mean_squared_error",
              "pytorch": "PoissonNLLLoss(log_input=False) (counts) or MSELoss"},
        targets="raw positive values (rescale by dividing only: standardizing makes them negative)",
        decode="none: the output is the prediction (always > 0)",
        reason="softplus maps any real number to (0, ∞) and grows linearly, so the model cannot "
               "predict a negative count or price.",
        source=f"{DL_SOFTPLUS}; keras.activations.softplus; torch.nn.Softplus; {POISSON_DOCS}",
        alternatives=(
            Alternative("exponential", "a log-linear (Poisson) model: exp of the output is the rate; "
                        "in PyTorch keep a linear output and PoissonNLLLoss(log_input=True).",
                        "torch.nn.PoissonNLLLoss"),
        ),
        warnings=(Note("An exponential output overflows for large logits; softplus grows only linearly.",
                       "Deep Learning, 2016, §4.1 (overflow and underflow); torch.nn.Softplus"),),
    ),
    OutputRule(
        key="bounded", condition="task predicts a number in a known range [a, b]", beyond_tutorial=True,
        activation="sigmoid", units="one per target", form="scaled sigmoid: a + (b − a)·sigmoid(z)",
        loss={"keras": "mean_squared_error (or binary_crossentropy on (y − a)/(b − a))",
              "pytorch": "MSELoss (or BCEWithLogitsLoss on (y − a)/(b − a))"},
        targets="values in [a, b]",
        decode="none: the scaled output is already in (a, b)",
        reason="A scaled sigmoid keeps every prediction inside the known range, so the model never "
               "predicts an impossible value.",
        source=f"{SIGMOID_DOCS}; keras.layers.Rescaling; {DL_SIGMOID}",
        alternatives=(
            Alternative("tanh", "the same range as a + (b − a)·(tanh(z) + 1)/2; tanh is zero-centred.",
                        "keras.activations.tanh; torch.nn.Tanh; Deep Learning, 2016, §6.3.2 "
                        "(tanh(z) = 2σ(2z) − 1)"),
        ),
        warnings=(Note("The sigmoid reaches a and b only as z → ±∞: targets exactly at a bound pull the "
                       "logit without limit; clip them slightly inside.",
                       "Deep Learning, 2016, §6.2.2.2 (the sigmoid saturates)"),),
    ),
)

RULES: tuple[HiddenRule | OutputRule, ...] = (*HIDDEN_RULES, *OUTPUT_RULES)

TASKS: tuple[str, ...] = tuple(rule.key for rule in OUTPUT_RULES)
ARCHITECTURES: tuple[str, ...] = tuple(name for rule in HIDDEN_RULES for name in (rule.key, *rule.covers))

# Other spellings people type (compared with case, '-', '_' and spaces ignored). "classification"
# alone is refused on purpose: binary, multiclass and multilabel need different output layers.
TASK_ALIASES = {
    "reg": "regression", "binaryclassification": "binary", "twoclass": "binary",
    "multiclassclassification": "multiclass", "categorical": "multiclass",
    "multilabelclassification": "multilabel",
    "positiveregression": "positive", "count": "positive", "counts": "positive",
    "boundedregression": "bounded", "range": "bounded",
}
ARCHITECTURE_ALIASES = {
    "dense": "mlp", "feedforward": "mlp", "perceptron": "mlp",
    "convnet": "cnn", "conv": "cnn", "convolutional": "cnn",
    "recurrent": "rnn", "attention": "transformer",
    "snn": "self-normalizing", "selfnormalising": "self-normalizing",
    "mobilenet": "mobile-cnn", "mobile": "mobile-cnn",
}


def _key(name: str) -> str:
    return "".join(ch for ch in str(name).lower() if ch not in "-_ ")


def _lookup(name: str, names: tuple[str, ...], aliases: Mapping[str, str], error: type[UnknownName]) -> str:
    key = _key(name)
    found = {_key(n): n for n in names}.get(key) or aliases.get(key)
    if found is None:
        raise error(name, names)
    return found


def task_name(name: str) -> str:
    """The canonical task for ``name`` ("Multi-Class" -> "multiclass"); raises UnknownTask."""
    return _lookup(name, TASKS, TASK_ALIASES, UnknownTask)


def architecture_name(name: str) -> str:
    """The canonical architecture for ``name`` ("LSTM" -> "lstm"); raises UnknownArchitecture."""
    return _lookup(name, ARCHITECTURES, ARCHITECTURE_ALIASES, UnknownArchitecture)


def hidden_rule(architecture: str) -> HiddenRule:
    name = architecture_name(architecture)
    return next(rule for rule in HIDDEN_RULES if name == rule.key or name in rule.covers)


def output_rule(task: str) -> OutputRule:
    name = task_name(task)
    return next(rule for rule in OUTPUT_RULES if rule.key == name)


def activations_named() -> tuple[str, ...]:
    """Every activation name the table uses (each must be a canonical catalog name)."""
    return tuple(dict.fromkeys(name for rule in RULES for name in rule.activations))


# -- the recommendation --------------------------------------------------------------------------

@dataclass(frozen=True)
class HiddenLayer:
    activation: str
    initializer: str
    input_scaling: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OutputLayer:
    activation: str
    units: int | str
    loss: Mapping[str, str]
    targets: str
    decode: str
    form: str = ""


@dataclass(frozen=True)
class Recommendation:
    """What ``recommend()`` returns; ``as_dict()`` is the JSON schema of ``actv recommend``."""

    task: str
    architecture: str
    classes: int | None
    framework: str | None
    hidden: HiddenLayer
    output: OutputLayer
    alternatives: tuple[Alternative, ...]
    warnings: tuple[Note, ...]
    reasons: tuple[tuple[str, str], ...]
    beyond_tutorial: bool
    code: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "architecture": self.architecture,
            "classes": self.classes,
            "framework": self.framework,
            "hidden": {
                "activation": self.hidden.activation,
                "initializer": self.hidden.initializer,
                "input_scaling": self.hidden.input_scaling,
                "parameters": dict(self.hidden.parameters),
                "roles": dict(self.hidden.roles),
            },
            "output": {
                "activation": self.output.activation,
                "form": self.output.form or self.output.activation,
                "units": self.output.units,
                "loss": dict(self.output.loss),
                "targets": self.output.targets,
                "decode": self.output.decode,
            },
            "alternatives": [a._asdict() for a in self.alternatives],
            "warnings": [w._asdict() for w in self.warnings],
            "reasons": [{"text": text, "source": source} for text, source in self.reasons],
            "beyond_tutorial": self.beyond_tutorial,
            "code": self.code,
        }


def _check_classes(rule: OutputRule, classes: int | None) -> int | str:
    """The number of output units, or the rule's phrase when ``classes`` is not given."""
    if classes is None:
        return int(rule.units) if rule.units.isdigit() else rule.units
    try:
        if isinstance(classes, bool):
            raise TypeError
        classes = operator.index(classes)  # int, numpy integers; never floats
    except TypeError:
        raise ParameterError(f"classes must be a whole number, got {classes!r}") from None
    if classes < 1 and (rule.key == "binary" or rule.per_class):
        what = "labels" if rule.key == "multilabel" else "classes"
        start = ("binary classification has 2 classes, not" if rule.key == "binary"
                 else f"{rule.key} needs at least 2 {what}, got")
        raise ParameterError(f"{start} {classes}: a number of {what} cannot be zero or negative.")
    if rule.key == "binary":
        if classes != 2:
            raise ParameterError(
                f"binary classification has 2 classes, not {classes}; "
                + ("use --task multiclass (softmax) for more than two mutually exclusive classes."
                   if classes > 2 else "a task with fewer than 2 classes has nothing to learn."))
        return 1
    if not rule.per_class:
        raise ParameterError(
            f"--classes does not apply to {rule.key} (one output unit per target); "
            "it is for binary, multiclass and multilabel.")
    if classes < 2:
        if rule.key == "multiclass":
            raise ParameterError(
                f"multiclass needs at least 2 classes, got {classes}: a one-unit softmax always outputs 1. "
                "For a single yes/no output use --task binary (1 unit, sigmoid).")
        raise ParameterError(
            f"multilabel needs at least 2 labels, got {classes}: a single 0/1 label is "
            "--task binary (1 unit, sigmoid).")
    return classes


def recommend(task: str, architecture: str = "mlp", classes: int | None = None,
              framework: str | None = None) -> Recommendation:
    """The hidden and output layers, loss, targets and pitfalls for ``task`` on ``architecture``.

    Tasks: regression, binary, multiclass, multilabel (the tutorial), positive, bounded
    (beyond it); aliases such as "Multi-Class" or "binary-classification" are accepted.
    Architectures: mlp, cnn, rnn, lstm, gru, transformer, self-normalizing, mobile-cnn, gan.
    ``classes`` (optional) turns "one per class" into a number: at least 2 for multiclass
    and multilabel, exactly 2 for binary, not allowed for the regression tasks.
    ``framework`` ("keras" or "pytorch") keeps only that framework's warnings and adds a
    code snippet (``.code``). Raises UnknownName subclasses and ParameterError.
    """
    out = output_rule(task)
    arch = architecture_name(architecture)
    hid = hidden_rule(arch)
    units = _check_classes(out, classes)
    if classes is not None:
        classes = operator.index(classes)
    if framework is not None:
        framework = _lookup(framework, FRAMEWORKS, {"torch": "pytorch", "tf": "keras", "tensorflow": "keras"},
                            UnknownFramework)

    warnings = [*hid.warnings, *out.warnings]
    if out.key == "multiclass" and classes == 2:
        warnings.insert(0, Note(
            "With 2 classes, softmax over 2 units equals binary classification with 1 sigmoid unit "
            "(--task binary) and binary_crossentropy.", TUTORIAL_OUTPUT))
    if classes is not None:  # the number of units is then known to be right
        warnings = [w for w in warnings if w is not pitfalls.ONE_UNIT_SOFTMAX]
    warnings = tuple(w for w in warnings if framework is None or w.framework in (None, framework))

    # the rule's reason says "more than two classes": with --classes 2 that contradicts the input
    output_reason = _TWO_CLASS_SOFTMAX if out.key == "multiclass" and classes == 2 else (out.reason, out.source)
    reasons = (
        (hid.reason, hid.source),
        output_reason,
        ("A non-linear activation in the hidden layers gives access to a much richer hypothesis "
         "space than a linear model.", DLP_2017_72),
    )
    recommendation = Recommendation(
        task=out.key, architecture=arch, classes=classes, framework=framework,
        hidden=HiddenLayer(hid.activation, hid.initializer, hid.input_scaling, dict(hid.parameters),
                           dict(hid.roles)),
        output=OutputLayer(out.activation, units, dict(out.loss), out.targets, out.decode, out.form),
        alternatives=(*hid.alternatives, *out.alternatives),
        warnings=warnings,
        reasons=reasons,
        beyond_tutorial=hid.beyond_tutorial or out.beyond_tutorial,
    )
    if framework is None:
        return recommendation
    from .snippets import snippet

    return replace(recommendation, code=snippet(recommendation, framework))


# -- the decision charts (actv guide) ------------------------------------------------------------

@dataclass(frozen=True)
class Branch:
    """A question of a decision chart; ``leaves`` are answers or further questions."""

    text: str
    leaves: tuple[Branch | Leaf, ...]


@dataclass(frozen=True)
class Leaf:
    """An answer that ends at a rule of the table."""

    text: str
    rule: HiddenRule | OutputRule

    @property
    def recommendation(self) -> str:
        return self.rule.recommendation


def _h(key: str) -> HiddenRule:
    return next(rule for rule in HIDDEN_RULES if rule.key == key)


def _o(key: str) -> OutputRule:
    return next(rule for rule in OUTPUT_RULES if rule.key == key)


GUIDE: tuple[Branch, ...] = (
    Branch("Hidden layers: which architecture? (the same activation in every hidden layer)", (
        Leaf("Multilayer perceptron (MLP)", _h("mlp")),
        Leaf("Convolutional network (CNN)", _h("cnn")),
        Leaf("Recurrent network (RNN, LSTM, GRU)", _h("rnn")),
        Leaf("Transformer", _h("transformer")),
        Leaf("Self-normalizing MLP", _h("self-normalizing")),
        Leaf("Mobile CNN", _h("mobile-cnn")),
        Leaf("GAN", _h("gan")),
    )),
    Branch("Output layer: what does the model predict?", (
        Branch("A number (regression)", (
            Leaf("any real value", _o("regression")),
            Leaf("a positive value (counts, prices)", _o("positive")),
            Leaf("a value in a known range [a, b]", _o("bounded")),
        )),
        Branch("A class (classification; predicting a probability is classification)", (
            Leaf("two mutually exclusive classes (binary)", _o("binary")),
            Leaf("more than two mutually exclusive classes (multiclass)", _o("multiclass")),
            Leaf("two or more mutually inclusive classes (multilabel)", _o("multilabel")),
        )),
    )),
)


def rule_dict(rule: HiddenRule | OutputRule) -> dict[str, Any]:
    """One row of the table as plain data (``actv rules --format json``)."""
    row: dict[str, Any] = {
        "layer": rule.layer, "key": rule.key, "condition": rule.condition,
        "activation": rule.activation, "recommendation": rule.recommendation,
        "reason": rule.reason, "source": rule.source, "beyond_tutorial": rule.beyond_tutorial,
    }
    if isinstance(rule, HiddenRule):
        row.update(architectures=[rule.key, *rule.covers], initializer=rule.initializer,
                   input_scaling=rule.input_scaling, parameters=dict(rule.parameters), roles=dict(rule.roles))
    else:
        row.update(units=rule.units, loss=dict(rule.loss), targets=rule.targets, decode=rule.decode)
    row["alternatives"] = [a._asdict() for a in rule.alternatives]
    row["warnings"] = [w._asdict() for w in rule.warnings]
    return row


def guide_dict(node: Branch | Leaf | None = None) -> Any:
    """The decision charts as nested plain data (``actv guide --format json``)."""
    if node is None:
        return [guide_dict(branch) for branch in GUIDE]
    if isinstance(node, Leaf):
        return {"answer": node.text, "layer": node.rule.layer, "key": node.rule.key,
                "recommendation": node.recommendation, "source": node.rule.source,
                "beyond_tutorial": node.rule.beyond_tutorial}
    return {"question": node.text, "answers": [guide_dict(leaf) for leaf in node.leaves]}
