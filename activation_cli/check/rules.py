"""The rules of ``actv check``: one class per code, with its messages, explanation,
examples and sources in one place (as torchfix keeps one visitor per rule).

Rules read the events of the flow analysis: ``loss`` (a loss computed on a value),
``endpoint`` (a tensor at a model's output) and ``op`` (an activation applied). They
report only on what the analysis knows; codes are part of the interface and stay stable.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple

from ..advice import pitfalls
from ..advice.pitfalls import Note
from . import frameworks as fw
from .values import Alternatives, Op, Site, Tensor


class Finding(NamedTuple):
    code: str
    severity: str       # "error" or "warning"
    site: Site
    message: str        # what is wrong
    fix: str            # what to do


class Cite(NamedTuple):
    """A source a reader can open, and what it says."""

    name: str
    url: str
    says: str


class Example(NamedTuple):
    framework: str
    wrong: str
    right: str


# -- what a tensor is, from its chain -------------------------------------------------------------

class Output(NamedTuple):
    """What a value fed to a loss is: ``kind`` (softmax, sigmoid, log_softmax, log_sigmoid,
    logits, activation, or None when not known), the op to report at, and the weight
    layer before it (for its number of units)."""

    kind: str | None
    op: Op | None = None
    weight: Op | None = None


def significant(chain) -> list:
    """The ops that change what the values mean (no dropout, pooling, casts or reshapes; a
    clamp only after a probability: ``clamp(sigmoid(x), eps, 1 - eps)``)."""
    found = []
    for op in chain:
        if op.kind in ("neutral", "reshape"):
            continue
        if op.kind == "clamp" and found and found[-1].kind == "activation" and found[-1].name in \
                ("sigmoid", "softmax", "hard_sigmoid", "sparse_sigmoid"):
            continue
        found.append(op)
    return found


def output(value) -> Output:
    if not isinstance(value, Tensor):
        return Output(None)
    ops = significant(value.chain)
    if not ops:
        return Output(None)
    last = ops[-1]
    before = ops[-2] if len(ops) > 1 else None
    weight = before if before is not None and before.kind == "weight" else None
    if last.kind == "activation":
        if last.name in ("softmax", "softmin", "sparsemax"):
            return Output("softmax", last, weight)
        if last.name in ("sigmoid", "hard_sigmoid", "sparse_sigmoid"):
            return Output("sigmoid", last, weight)
        if last.name in ("log_softmax", "log_sigmoid"):
            return Output(last.name, last, weight)
        if last.name == "glu":
            return Output(None)
        return Output("activation", last, weight)
    if last.kind == "weight":
        return Output("logits", last, last)
    if last.kind == "scale" and before is not None and before.kind == "weight":
        return Output("logits", before, before)
    if last.kind == "log" and before is not None:
        inner = output(Tensor(tuple(ops[:-1])))
        if inner.kind == "softmax":
            return Output("log_softmax", last, inner.weight)
        if inner.kind == "sigmoid":
            return Output("log_sigmoid", last, inner.weight)
    if last.kind == "exp" and before is not None and before.kind == "activation" and before.name == "log_softmax":
        return Output("softmax", last, weight)
    return Output(None)


def where(site: Site, reference: Site) -> str:
    """Where ``site`` is, seen from ``reference``: "line 12", "model.py:12" or the layer."""
    if site.source is None:
        return ""
    if site.layer is not None:
        if reference.source is site.source and reference.layer == site.layer:
            return ""
        index, name = site.layer
        return name if index == 0 else f"layer {index} ({name})"
    line, _, cell = site.source.position(site.line, site.col)
    at = f"cell {cell}, line {line}" if cell is not None else f"line {line}"
    if reference.source is site.source:
        return "" if reference.line == site.line and reference.layer is None else at
    return f"{site.source.display}:{line}" if cell is None else f"{site.source.display} {at}"


def _loss_name(event) -> str:
    return event.loss.spec.name


def _applied(event) -> str:
    """What the loss applies, as its docs say: log_softmax for PyTorch's cross entropy."""
    if event.loss.spec.framework == "torch" and event.loss.spec.applies == "softmax":
        return "log_softmax"
    return event.loss.spec.applies


def _what(out: Output) -> str:
    if out.op is not None and out.op.kind == "exp":
        return "exp of log_softmax"
    if out.op is not None and out.op.kind == "log":
        return f"log of {'softmax' if out.kind == 'log_softmax' else 'sigmoid'}"
    return out.op.name if out.op is not None else "the value"


def _layer(op: Op) -> str:
    units = f"({op.units})" if op.units is not None and op.framework == "keras" else ""
    return f"{op.label}{units}"


# -- the rules ------------------------------------------------------------------------------------

class Rule:
    code = ""
    name = ""
    severity = "error"
    summary = ""
    why = ""
    pitfalls: tuple[Note, ...] = ()
    examples: tuple[Example, ...] = ()
    sources: tuple[Cite, ...] = ()

    def loss(self, event) -> Iterable[Finding]:
        return ()

    def endpoint(self, endpoint) -> Iterable[Finding]:
        return ()

    def op(self, event) -> Iterable[Finding]:
        return ()

    def finding(self, site, message, fix, severity=None) -> Finding:
        return Finding(self.code, severity or self.severity, site, message, fix)


TORCH_DOCS = "https://docs.pytorch.org/docs/stable/generated/"
CE_DOCS = Cite("torch.nn.CrossEntropyLoss", TORCH_DOCS + "torch.nn.CrossEntropyLoss.html",
               "\"The input is expected to contain the unnormalized logits for each class\"; it is equivalent "
               "to LogSoftmax followed by NLLLoss.")
NLL_DOCS = Cite("torch.nn.NLLLoss", TORCH_DOCS + "torch.nn.NLLLoss.html",
                "\"The input given through a forward call is expected to contain log-probabilities of each "
                "class\", obtained by \"adding a LogSoftmax layer in the last layer of your network\".")
BCE_DOCS = Cite("torch.nn.BCELoss", TORCH_DOCS + "torch.nn.BCELoss.html",
                "Measures the binary cross entropy between the target and the input probabilities; \"BCELoss "
                "clamps its log function outputs to be greater than or equal to -100\".")
BCE_LOGITS_DOCS = Cite("torch.nn.BCEWithLogitsLoss", TORCH_DOCS + "torch.nn.BCEWithLogitsLoss.html",
                       "\"This loss combines a Sigmoid layer and the BCELoss in one single class\", more "
                       "numerically stable than a plain Sigmoid followed by a BCELoss.")
KERAS_LOSSES = Cite("keras.losses.CategoricalCrossentropy / BinaryCrossentropy (from_logits)",
                    "https://keras.io/api/losses/probabilistic_losses/",
                    "from_logits: \"Whether y_pred is expected to be a logits tensor. By default, we assume "
                    "that y_pred encodes a probability distribution\" (binary: \"is probabilities\").")
TF_SOFTMAX_CE = Cite("tf.nn.softmax_cross_entropy_with_logits",
                     "https://www.tensorflow.org/api_docs/python/tf/nn/softmax_cross_entropy_with_logits",
                     "\"This op expects unscaled logits, since it performs a softmax on logits internally for "
                     "efficiency. Do not call this op with the output of softmax, as it will produce incorrect "
                     "results.\"")
KERAS_6143 = Cite("keras-team/keras#6143", "https://github.com/keras-team/keras/issues/6143",
                  "A softmax output passed with from_logits=True is forwarded to softmax_cross_entropy_with_logits, "
                  "which \"will produce incorrect results\".")
INIT_DOCS = Cite("torch.nn.init", "https://docs.pytorch.org/docs/stable/nn.init.html",
                 "calculate_gain: Linear, Conv and Sigmoid 1, Tanh 5/3, ReLU √2; kaiming_* are He et al. 2015, "
                 "xavier_* Glorot & Bengio 2010; for self-normalizing nets use nonlinearity='linear'.")
HE_2015 = Cite("He et al. 2015, Delving Deep into Rectifiers (arXiv:1502.01852)", "https://arxiv.org/abs/1502.01852",
               "Derives \"a robust initialization method that particularly considers the rectifier "
               "nonlinearities\", which trains very deep ReLU networks from scratch.")
GLOROT_2010 = Cite("Glorot & Bengio 2010, Understanding the difficulty of training deep feedforward neural "
                   "networks (AISTATS)", "https://proceedings.mlr.press/v9/glorot10a.html",
                   "\"the logistic sigmoid activation is unsuited for deep networks with random initialization\"; "
                   "proposes the initialization now called Glorot/Xavier.")
KERAS_DENSE = Cite("keras.layers.Dense", "https://keras.io/api/layers/core_layers/dense/",
                   "kernel_initializer defaults to \"glorot_uniform\".")


class SoftmaxIntoSoftmaxLoss(Rule):
    code = "ACT101"
    name = "probabilities-into-softmax-loss"
    summary = "a softmax output goes into a loss that applies softmax itself"
    why = ("CrossEntropyLoss (and F.cross_entropy), Keras crossentropies with from_logits=True and "
           "tf.nn.softmax_cross_entropy_with_logits apply (log_)softmax to their input. Given probabilities, "
           "they softmax them again: the predicted distribution is flattened toward uniform, the loss cannot "
           "reach 0 and the gradients shrink, so the model trains badly or not at all. The same holds for "
           "exp of log_softmax, which is softmax.")
    pitfalls = (pitfalls.SOFTMAX_INTO_CROSS_ENTROPY, pitfalls.SOFTMAX_FROM_LOGITS)
    examples = (
        Example("PyTorch", """\
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)

model = Net()
criterion = nn.CrossEntropyLoss()
x, y = torch.randn(8, 20), torch.randint(0, 3, (8,))
loss = criterion(model(x), y)
""", """\
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 3)

    def forward(self, x):
        return self.fc(x)  # raw logits

model = Net()
criterion = nn.CrossEntropyLoss()
x, y = torch.randn(8, 20), torch.randint(0, 3, (8,))
loss = criterion(model(x), y)
probabilities = F.softmax(model(x), dim=1)  # at inference
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3, activation="softmax"),
])
loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss)
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""),
        Example("TensorFlow", """\
import tensorflow as tf

def loss_fn(labels, logits):
    probabilities = tf.nn.softmax(logits)
    return tf.nn.softmax_cross_entropy_with_logits(labels, probabilities)
""", """\
import tensorflow as tf

def loss_fn(labels, logits):
    return tf.nn.softmax_cross_entropy_with_logits(labels, logits)
"""),
    )
    sources = (
        CE_DOCS, TF_SOFTMAX_CE, KERAS_6143, KERAS_LOSSES,
        Cite("ariecattan/SciCo#2", "https://github.com/ariecattan/SciCo/issues/2",
             "\"the logits being softmaxed into probabilities before being fed into the CrossEntropyLoss [...] "
             "which treats those inputs as logits and softmaxes them again\"; confirmed and fixed."),
        Cite("bowang-lab/Transformer-GCN-QA PR #32", "https://github.com/bowang-lab/Transformer-GCN-QA/pull/32",
             "\"Because we didn't realize that CrossEntropyLoss() itself implements a softmax, we had a second, "
             "erroneous softmax at the output of our model.\""),
    )

    def loss(self, event):
        out = output(event.prediction)
        if out.kind != "softmax" or event.loss.spec.applies != "softmax":
            return
        spec = event.loss.spec
        at = where(event.site, out.op.site)
        message = f"{_what(out)} output goes into {_loss_name(event)}{f' ({at})' if at else ''}, " \
                  f"which applies {_applied(event)} itself"
        if spec.framework == "torch":
            fix = "return the raw logits (apply softmax only at inference)"
        elif spec.framework == "keras":
            fix = "drop from_logits=True, or remove the softmax (a linear last layer) and keep from_logits=True"
        else:
            fix = "pass the logits, not the softmax"
        yield self.finding(out.op.site, message, fix)


class SigmoidIntoSigmoidLoss(Rule):
    code = "ACT102"
    name = "sigmoid-into-sigmoid-loss"
    summary = "a sigmoid output goes into a loss that applies the sigmoid itself"
    why = ("BCEWithLogitsLoss, F.binary_cross_entropy_with_logits, MultiLabelSoftMarginLoss, Keras binary "
           "crossentropy with from_logits=True and tf.nn.sigmoid_cross_entropy_with_logits apply the sigmoid "
           "to their input. A sigmoid output is squashed twice: every prediction lands in (0.5, 0.73), the "
           "loss cannot go below about 0.31 per example and the model stops learning.")
    pitfalls = (pitfalls.SIGMOID_FROM_LOGITS, pitfalls.BCE_WITH_LOGITS)
    examples = (
        Example("PyTorch", """\
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc(x))

model = Net()
x, y = torch.randn(8, 20), torch.randint(0, 2, (8, 1)).float()
loss = nn.BCEWithLogitsLoss()(model(x), y)
""", """\
import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 1)

    def forward(self, x):
        return self.fc(x)  # one raw logit

model = Net()
x, y = torch.randn(8, 20), torch.randint(0, 2, (8, 1)).float()
loss = nn.BCEWithLogitsLoss()(model(x), y)
probability = torch.sigmoid(model(x))  # at inference
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(1, activation="sigmoid"),
])
loss = keras.losses.BinaryCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss)
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
"""),
    )
    sources = (
        BCE_LOGITS_DOCS, KERAS_LOSSES,
        Cite("yudi-mars/daisyRec PR #15", "https://github.com/yudi-mars/daisyRec/pull/15",
             "\"Do not need sigmoid because there is sigmoid in BCEWithLogitsLoss\": \"Otherwise loss does not "
             "converge.\""),
        Cite("NVIDIA-Merlin/models PR #1175", "https://github.com/NVIDIA-Merlin/models/pull/1175",
             "\"Currently it's BCEWithLogitsLoss which means we apply sigmoid twice.\""),
    )

    def loss(self, event):
        out = output(event.prediction)
        if out.kind != "sigmoid" or event.loss.spec.applies != "sigmoid":
            return
        at = where(event.site, out.op.site)
        message = f"{_what(out)} output goes into {_loss_name(event)}{f' ({at})' if at else ''}, " \
                  "which applies the sigmoid itself"
        if event.loss.spec.framework == "keras":
            fix = "drop from_logits=True, or remove the sigmoid (a linear last layer) and keep from_logits=True"
        else:
            fix = "return the raw logit (apply the sigmoid only at inference)"
        yield self.finding(out.op.site, message, fix)


LOGIT_NAMES = frozenset({"logits", "logit", "scores"})


class ScoresIntoProbabilityLoss(Rule):
    code = "ACT103"
    name = "scores-into-probability-loss"
    summary = "raw scores go into a loss that expects probabilities or log-probabilities"
    why = ("BCELoss and F.binary_cross_entropy expect probabilities in [0, 1]; NLLLoss expects "
           "log-probabilities (log_softmax); Keras crossentropies expect probabilities unless from_logits=True. "
           "Raw scores from a linear layer are neither: BCELoss fails on values outside [0, 1], NLLLoss "
           "rewards making the target's score ever larger (the loss has no minimum), and Keras clips the "
           "scores to [1e-7, 1 − 1e-7] and normalises them, which trains slowly or not at all. Softmax "
           "probabilities into NLLLoss miss the log.")
    examples = (
        Example("PyTorch", """\
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 1))
criterion = nn.BCELoss()
x, y = torch.randn(8, 20), torch.randint(0, 2, (8, 1)).float()
loss = criterion(model(x), y)
""", """\
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 1))
criterion = nn.BCEWithLogitsLoss()
x, y = torch.randn(8, 20), torch.randint(0, 2, (8, 1)).float()
loss = criterion(model(x), y)
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3),
])
loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss)
"""),
    )
    sources = (BCE_DOCS, NLL_DOCS, KERAS_LOSSES,
               Cite("torch.nn.functional.softmax", TORCH_DOCS + "torch.nn.functional.softmax.html",
                    "\"This function doesn't work directly with NLLLoss, which expects the Log to be computed "
                    "between the Softmax and itself. Use log_softmax instead\"."))

    def loss(self, event):
        spec = event.loss.spec
        out = output(event.prediction)
        if spec.expects == "log_probabilities":
            yield from self._nll(event, out)
            return
        if spec.expects != "probabilities":
            return
        if out.kind == "logits":
            last = _layer(out.op)
            at = where(out.op.site, event.site)
            if spec.framework == "keras":
                activation = "softmax" if spec.task == "multiclass" else "sigmoid"
                message = f"the last layer {last}{f' ({at})' if at else ''} has no activation, but " \
                          f"{spec.name} expects probabilities (from_logits=False)"
                fix = f"pass from_logits=True to the loss, or give the last layer activation='{activation}'"
            else:
                message = f"raw scores from {last}{f' ({at})' if at else ''} go into {spec.name}, " \
                          "which expects probabilities"
                fix = "use nn.BCEWithLogitsLoss on the raw scores (or apply torch.sigmoid first)"
            yield self.finding(event.site, message, fix)
        elif out.kind is None and spec.framework == "torch" and event.name is not None and \
                LOGIT_NAMES & set(event.name.lower().split("_")):
            yield self.finding(event.site, f"'{event.name}' (raw scores, by its name) goes into {spec.name}, "
                               "which expects probabilities",
                               "use nn.BCEWithLogitsLoss on the raw scores (or apply torch.sigmoid first)")

    def _nll(self, event, out):
        name = event.loss.spec.name
        if out.kind == "logits":
            at = where(out.op.site, event.site)
            yield self.finding(event.site, f"raw scores from {_layer(out.op)}{f' ({at})' if at else ''} go into "
                               f"{name}, which expects log-probabilities",
                               "apply F.log_softmax(x, dim=1) first, or use nn.CrossEntropyLoss on the raw scores")
        elif out.kind in ("softmax", "sigmoid", "activation"):
            at = where(event.site, out.op.site)
            yield self.finding(out.op.site, f"{_what(out)} output goes into {name}{f' ({at})' if at else ''}, "
                               "which expects log-probabilities",
                               "use log_softmax instead (or nn.CrossEntropyLoss on the raw scores)")


class LogSoftmaxIntoSoftmaxLoss(Rule):
    code = "ACT104"
    name = "log-softmax-into-softmax-loss"
    severity = "warning"
    summary = "a log_softmax output goes into a loss that applies log_softmax itself (the work is done twice)"
    why = ("CrossEntropyLoss applies log_softmax to its input. log_softmax is idempotent "
           "(log_softmax(log_softmax(x)) = log_softmax(x)), so the loss and gradients are right: this is a "
           "warning, not an error. But the work is done twice, and the model's output reads as logits to "
           "anyone who uses it. Use NLLLoss with log_softmax, or CrossEntropyLoss with raw logits.")
    examples = (
        Example("PyTorch", """\
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 3)

    def forward(self, x):
        return F.log_softmax(self.fc(x), dim=1)

model = Net()
x, y = torch.randn(8, 20), torch.randint(0, 3, (8,))
loss = F.cross_entropy(model(x), y)
""", """\
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 3)

    def forward(self, x):
        return F.log_softmax(self.fc(x), dim=1)

model = Net()
x, y = torch.randn(8, 20), torch.randint(0, 3, (8,))
loss = F.nll_loss(model(x), y)
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3, activation="log_softmax"),
])
loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss)
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3),
])
loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
model.compile(optimizer="adam", loss=loss)
"""),
    )
    sources = (
        CE_DOCS,
        Cite("huggingface/transformers PR #11920", "https://github.com/huggingface/transformers/pull/11920",
             "\"nn.log_softmax is idempotent so mathematically it shouldn't have made a difference\"; the redundant "
             "log_softmax was removed."),
        Cite("pytorch/examples PR #721", "https://github.com/pytorch/examples/pull/721",
             "\"Remove for double usage of log_softmax\" (merged)."),
    )

    def loss(self, event):
        out = output(event.prediction)
        if out.kind != "log_softmax" or event.loss.spec.applies != "softmax":
            return
        at = where(event.site, out.op.site)
        yield self.finding(out.op.site, f"{_what(out)} output goes into {_loss_name(event)}"
                           f"{f' ({at})' if at else ''}, which applies {_applied(event)} again (log_softmax is "
                           "idempotent: the same numbers, computed twice)",
                           "return the raw logits, or keep log_softmax and use NLLLoss")


class OneUnitSoftmax(Rule):
    code = "ACT105"
    name = "one-unit-softmax"
    summary = "a softmax over a single unit (it always outputs 1)"
    why = ("Softmax normalises over its axis: over one unit it is exp(z)/exp(z) = 1 whatever the input, so "
           "the model predicts 1 for everything and gets no gradient. One yes/no output needs a sigmoid; "
           "several classes need one unit per class.")
    pitfalls = (pitfalls.ONE_UNIT_SOFTMAX,)
    examples = (
        Example("PyTorch", """\
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 1), nn.Softmax(dim=-1))
""", """\
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 1), nn.Sigmoid())
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(1, activation="softmax"),
])
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(1, activation="sigmoid"),
])
"""),
    )
    sources = (
        Cite("keras/src/ops/nn.py (softmax)", "https://github.com/keras-team/keras/blob/master/keras/src/ops/nn.py",
             "Keras warns: \"This axis has size 1. The softmax operation will always return the value 1, which "
             "is likely not what you intended. Did you mean to use a sigmoid instead?\""),
        Cite("keras-team/keras PR #19189", "https://github.com/keras-team/keras/pull/19189",
             "fchollet: \"I just added a warning for incorrect softmax usage.\""),
    )

    def op(self, event):
        op, before = event.op, event.before
        if op.kind != "activation" or op.name not in ("softmax", "log_softmax"):
            return
        ops = [o for o in before.chain if o.kind != "neutral"]
        if not ops or ops[-1].kind != "weight" or ops[-1].units != 1:
            return
        last = ops[-1]
        if op.framework == "keras" and op.dim in (-1, None):
            pass
        elif op.framework == "torch" and (op.dim == -1 or (op.dim == 1 and before.ndim == 2)):
            pass
        else:
            return
        if op.framework == "keras":
            fix = "use activation='sigmoid' for one yes/no output, or one unit per class"
        else:
            fix = "use a sigmoid (BCEWithLogitsLoss) for one yes/no output, or one output per class"
        at = where(last.site, op.origin)
        yield self.finding(op.origin, f"{op.name} over the single unit of {_layer(last)}{f' ({at})' if at else ''} "
                           f"always outputs {'1' if op.name == 'softmax' else '0'}", fix)


class SoftmaxOverBatch(Rule):
    code = "ACT106"
    name = "softmax-over-batch"
    summary = "a softmax over dimension 0 of a batch, or with no dim at all"
    why = ("Dimension 0 of a batch holds the examples: a softmax over it makes each class's scores compete "
           "across the examples of the batch instead of across the classes of each example, so the outputs "
           "depend on what else is in the batch and do not sum to 1 per example. Without dim, PyTorch guesses "
           "(deprecated: \"Implicit dimension choice for softmax has been deprecated\"): dim 0 for 1-D and "
           "3-D inputs, dim 1 otherwise, so a (batch, time, classes) input is normalised over the batch.")
    examples = (
        Example("PyTorch", """\
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        return F.log_softmax(self.fc(x), dim=0)
""", """\
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        return F.log_softmax(self.fc(x), dim=1)
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3),
    keras.layers.Softmax(axis=0),
])
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3),
    keras.layers.Softmax(),
])
"""),
    )
    sources = (
        Cite("torch/nn/functional.py (_get_softmax_dim)",
             "https://github.com/pytorch/pytorch/blob/main/torch/nn/functional.py",
             "\"Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an "
             "argument.\"; with no dim it picks 0 when ndim is 0, 1 or 3, else 1."),
        Cite("fxia22/pointnet.pytorch#27", "https://github.com/fxia22/pointnet.pytorch/issues/27",
             "F.log_softmax(x, dim=0) over the batch axis; the maintainer: \"This issue is fixed in lastest master "
             "branch\"."),
        Cite("motokimura/capsnet_pytorch PR #1", "https://github.com/motokimura/capsnet_pytorch/pull/1",
             "\"The current softmax automatically choices dimension 1\", the wrong axis; test accuracy rose from "
             "99.51% to 99.67% with dim given."),
    )

    def op(self, event):
        op, before = event.op, event.before
        if op.kind != "activation" or op.name not in ("softmax", "log_softmax", "softmin"):
            return
        if op.framework == "torch" and not op.dim_given:
            yield self.finding(op.origin, f"{op.label} without dim lets PyTorch guess the dimension (deprecated; "
                               "for 3-D input it picks dim 0, the batch)",
                               "pass dim=-1, the classes (or dim=1 for a (batch, classes) input)")
        elif op.dim == 0 and op.in_model and before.batched:
            axis = "axis" if op.framework in ("keras", "tf") else "dim"
            yield self.finding(op.origin, f"{op.name} over {axis}=0 normalises each class across the examples of "
                               "the batch, not across the classes of each example",
                               f"use {axis}=-1 (the classes)")


class OutputDoesNotFitLoss(Rule):
    code = "ACT107"
    name = "output-activation-does-not-fit-loss"
    summary = "the output activation does not fit the loss's task (a warning for regression)"
    why = ("Each task has its output activation and loss: one class per example is softmax with categorical "
           "cross-entropy; several labels per example (multilabel) is a sigmoid per unit with binary "
           "cross-entropy; regression is a linear output with MSE/MAE. A sigmoid under categorical "
           "cross-entropy is renormalised (over one unit the loss is always 0); a softmax over several units "
           "under binary cross-entropy makes the labels compete; a bounded or non-negative activation on a "
           "regression output confines the predictions to its range (a warning: right when the targets are "
           "known to lie there. It is not reported for a model's reconstruction of its input, targets "
           "made with torch.ones/zeros, or an image output (convolutions, upsampling, or reshaped to an "
           "image after the activation), whose targets are images scaled to its range).")
    pitfalls = (pitfalls.SOFTMAX_FOR_MULTILABEL, pitfalls.ACTIVATION_ON_REGRESSION)
    examples = (
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(10, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
"""),
        Example("PyTorch", """\
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 5), nn.Softmax(dim=1))
x, y = torch.randn(8, 20), torch.randint(0, 2, (8, 5)).float()
loss = nn.BCELoss()(model(x), y)
""", """\
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 5))
x, y = torch.randn(8, 20), torch.randint(0, 2, (8, 5)).float()
loss = nn.BCEWithLogitsLoss()(model(x), y)
"""),
    )
    sources = (
        Cite("keras-team/keras#741", "https://github.com/keras-team/keras/issues/741",
             "Multi-label: \"Don't use softmax. Use sigmoid units in the output layer and then use "
             "binary_crossentrpy loss.\""),
        KERAS_LOSSES, CE_DOCS,
        Cite("ai.stackexchange.com/questions/26760", "https://ai.stackexchange.com/questions/26760",
             "For regression the output layer should be linear: an activation there limits the range of the "
             "predictions."),
    )

    def loss(self, event):
        out = output(event.prediction)
        spec = event.loss.spec
        if out.op is None:
            return
        units = out.weight.units if out.weight is not None else None
        at = where(event.site, out.op.site)
        into = f"{spec.name}{f' ({at})' if at else ''}"
        if out.kind == "sigmoid" and spec.task == "multiclass":
            if units == 1:
                message = f"sigmoid output over 1 unit goes into {into}, which is always 0 over one unit"
                fix = "use binary_crossentropy (nn.BCEWithLogitsLoss) for one yes/no output"
            else:
                message = f"sigmoid output goes into {into}, which needs one distribution over the classes"
                fix = "use softmax for one class per example (raw logits for CrossEntropyLoss), or binary " \
                      "cross-entropy for several labels per example"
            yield self.finding(out.op.site, message, fix)
        elif out.kind == "softmax" and spec.task == "binary" and units != 1 and (
                spec.applies == "sigmoid" or (units or 0) >= 3):
            over = f" over {units} units" if units else ""
            yield self.finding(out.op.site, f"softmax output{over} goes into {into}, but softmax makes the labels "
                               "compete (they sum to 1)",
                               "use a sigmoid per unit for several labels per example (raw logits for "
                               "BCEWithLogitsLoss), or categorical cross-entropy for one class per example")
        elif spec.task == "regression" and out.kind in ("activation", "sigmoid") and out.weight is not None and \
                out.op.name in fw.BOUNDED_OR_POSITIVE and not _reconstruction(event) and \
                not _targets_fit(event.target, out.op.name) and not _image(event.prediction, out.op):
            confined = fw.BOUNDED_OR_POSITIVE[out.op.name]
            task = "positive" if confined.endswith("∞)") else "bounded"
            yield self.finding(out.op.site, f"{out.op.name} output trained with {into} confines the predictions "
                               f"to {confined}",
                               f"use a linear output, unless the targets are known to lie in {confined} "
                               f"(actv recommend --task {task})", severity="warning")


def _image(prediction, activation: Op) -> bool:
    """An image output (convolutions or upsampling, or reshaped after its activation): a
    generator's tanh or a decoder's sigmoid, trained against images scaled to its range."""
    chain = prediction.chain
    at = next(i for i in range(len(chain) - 1, -1, -1) if chain[i] is activation)
    return any(op.name in ("conv", "upsample") for op in chain[:at]) or any(
        op.kind == "reshape" and op.name in ("view", "reshape") for op in chain[at + 1:])


def _targets_fit(target, activation: str) -> bool:
    """The targets are known to lie in the activation's range: ``torch.ones(n)`` for a GAN's
    sigmoid discriminator trained with MSELoss."""
    if not isinstance(target, Tensor) or target.bounds is None:
        return False
    low, high = target.bounds
    return {"sigmoid": 0 <= low and high <= 1, "hard_sigmoid": 0 <= low and high <= 1,
            "tanh": -1 <= low and high <= 1, "hard_tanh": -1 <= low and high <= 1, "softsign": -1 <= low and high <= 1,
            "relu": low >= 0, "relu6": 0 <= low and high <= 6, "softplus": low >= 0,
            "exponential": low >= 0}.get(activation, False)


def _reconstruction(event) -> bool:
    """The loss compares the output with the model's own input (an autoencoder)."""
    if event.autoencoder:
        return True
    prediction, target = event.prediction, event.target
    return isinstance(target, Tensor) and isinstance(prediction, Tensor) and target.root is not None and \
        target.root is prediction.root and not significant(target.chain)


class ActivationBeforeOutput(Rule):
    code = "ACT108"
    name = "activation-before-output"
    summary = "another activation right before the output's softmax, log_softmax or sigmoid"
    why = ("The output's softmax (or sigmoid, or the one inside CrossEntropyLoss/BCEWithLogitsLoss) needs "
           "logits that can take any real value. A relu before it makes them non-negative, so a class can "
           "never be much less likely than another; a tanh or sigmoid squeezes them into a narrow range, so "
           "the probabilities can never approach 0 or 1. The last layer must be linear.")
    examples = (
        Example("PyTorch", """\
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        return F.log_softmax(F.relu(self.fc2(x)), dim=1)
""", """\
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3, activation="relu"),
    keras.layers.Softmax(),
])
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(3, activation="softmax"),
])
"""),
    )
    sources = (CE_DOCS,
               Cite("tutorial: «Cómo elegir una función de activación de salida»", "shared/seed/",
                    "The output layer of a classifier is softmax (or sigmoid) over the last layer's weighted sum; "
                    "hidden-layer activations belong to the hidden layers."))

    def endpoint(self, endpoint):
        ops = significant(endpoint.tensor.chain)
        if len(ops) < 2:
            return
        last, before = ops[-1], ops[-2]
        if last.kind != "activation" or last.name not in ("softmax", "log_softmax", "sigmoid"):
            return
        if before.kind != "activation" or before.name in (last.name, "linear", "glu"):
            return
        if before.name == "log_softmax" and last.name == "softmax":   # softmax(log_softmax(x)) = softmax(x)
            return
        if endpoint.what == "return" and last.name == "softmax" and before.name not in fw.NON_NEGATIVE:
            return   # what a module returns may be attention weights: softmax(tanh(scores)) is a design
        yield self.finding(before.site, self._message(before, f"right before the output's {last.name}"),
                           f"remove the {before.name} (the layer before {last.name} must be linear)")

    def loss(self, event):
        out = output(event.prediction)
        if out.kind != "activation" or event.loss.spec.applies is None:
            return
        at = where(event.site, out.op.site)
        yield self.finding(out.op.site, self._message(
            out.op, f"output goes into {_loss_name(event)}{f' ({at})' if at else ''} as logits"),
                           f"remove the {out.op.name} after the last layer (pass its raw output)")

    @staticmethod
    def _message(op, where):
        name = op.name
        if name in fw.NON_NEGATIVE:
            effect = "the logits can no longer be negative"
        elif name in fw.BOUNDED_OR_POSITIVE:
            effect = f"the logits are squeezed into {fw.BOUNDED_OR_POSITIVE[name]}"
        else:
            effect = "the logits are no longer a free linear output"
        return f"{name} {where}, so {effect}"


class NoActivationBetweenLayers(Rule):
    code = "ACT201"
    name = "no-activation-between-layers"
    severity = "warning"
    summary = "two weight layers with no activation between them"
    why = ("A linear (or convolutional) layer followed by another with nothing non-linear between them "
           "(dropout, pooling, reshaping and normalization do not count) computes a product of two matrices: "
           "one linear map, with more parameters. The network loses the depth it seems to have. Put an "
           "activation between them, or merge them into one layer if a linear map was intended. Only layers "
           "applied in the same forward (or call) or the same layer list are compared: where one module's "
           "output meets the next (an encoder's linear code, a decoder), the boundary may be deliberate.")
    examples = (
        Example("PyTorch", """\
import torch.nn as nn

model = nn.Sequential(
    nn.Linear(20, 64),
    nn.Dropout(0.1),
    nn.Linear(64, 3),
)
""", """\
import torch.nn as nn

model = nn.Sequential(
    nn.Linear(20, 64),
    nn.ReLU(),
    nn.Dropout(0.1),
    nn.Linear(64, 3),
)
"""),
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(64),
    keras.layers.Dense(3, activation="softmax"),
])
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(64, "relu", kernel_initializer="he_normal"),
    keras.layers.Dense(3, activation="softmax"),
])
"""),
    )
    sources = (Cite("Deep Learning with Python, 2017, p. 72", "ISBN 9781617294433",
                    "Without an activation, a Dense layer learns only linear transformations; a stack of them is "
                    "still linear: the non-linearity gives access to a much richer hypothesis space."),)

    def endpoint(self, endpoint):
        previous = None
        for op in endpoint.tensor.chain:
            if op.kind == "weight":
                # in one forward or layer list; a depthwise conv and the conv after it are one separable conv
                if previous is not None and previous.scope == op.scope and not previous.grouped:
                    at = where(previous.site, op.site)
                    fix = "add an activation between them (e.g. relu)" if op.framework != "keras" else \
                        "give the first layer an activation (activation='relu')"
                    yield self.finding(op.site, f"{_layer(op)} follows {_layer(previous)}"
                                       f"{f' ({at})' if at else ''} with no activation between them, so the two "
                                       "collapse into one linear map", fix)
                previous = op
            elif op.kind not in ("neutral", "reshape", "scale"):
                previous = None


class DeepSaturatingStack(Rule):
    code = "ACT202"
    name = "deep-sigmoid-or-tanh-stack"
    severity = "warning"
    summary = "sigmoid or tanh in many (5 or more) stacked hidden layers"
    why = ("The derivative of sigmoid is at most 1/4 and that of tanh at most 1; both are near 0 once a unit "
           "saturates. Backpropagation multiplies one such factor per layer, so in a deep stack the gradient "
           "that reaches the first layers vanishes and they stop learning. The tutorial's advice for the hidden "
           "layers of an MLP or CNN is ReLU (with He initialization).")
    pitfalls = (pitfalls.VANISHING_GRADIENTS,)
    examples = (
        Example("PyTorch", """\
import torch.nn as nn

layers = [nn.Linear(20, 32), nn.Sigmoid()]
for _ in range(5):
    layers += [nn.Linear(32, 32), nn.Sigmoid()]
model = nn.Sequential(*layers, nn.Linear(32, 1))
""", """\
import torch.nn as nn

layers = [nn.Linear(20, 32), nn.ReLU()]
for _ in range(5):
    layers += [nn.Linear(32, 32), nn.ReLU()]
model = nn.Sequential(*layers, nn.Linear(32, 1))
"""),
        Example("Keras", """\
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(20,))])
for _ in range(6):
    model.add(layers.Dense(32, activation="tanh"))
model.add(layers.Dense(1))
""", """\
import keras
from keras import layers

model = keras.Sequential([keras.Input(shape=(20,))])
for _ in range(6):
    model.add(layers.Dense(32, "relu", kernel_initializer="he_normal"))
model.add(layers.Dense(1))
"""),
    )
    sources = (GLOROT_2010,
               Cite("Deep Learning, 2016, p. 174 and p. 195", "https://www.deeplearningbook.org/",
                    "ReLU is the default recommendation for hidden units in modern networks; sigmoidal units "
                    "saturate across most of their domain, which makes gradient-based learning difficult."))

    def endpoint(self, endpoint):
        ops = significant(endpoint.tensor.chain)
        hidden = [op for i, op in enumerate(ops) if op.kind == "activation" and op.name in ("sigmoid", "tanh")
                  and i > 0 and ops[i - 1].kind == "weight" and any(o.kind == "weight" for o in ops[i + 1:])]
        if len(hidden) >= 5:
            names = "/".join(sorted({op.name for op in hidden}))
            yield self.finding(hidden[0].site, f"{len(hidden)} stacked hidden layers use {names}, whose gradients "
                               "vanish in a stack this deep", "use relu (with He initialization) in the hidden layers")


KERAS_INITIALIZER = {"he": "he_normal", "glorot": "glorot_uniform", "lecun": "lecun_normal"}
INIT_NAMES = {"he": "He", "glorot": "Glorot (Xavier)", "lecun": "LeCun normal"}
MADE_FOR = {"he": "relu layers", "glorot": "tanh and sigmoid layers", "lecun": "selu's self-normalization"}


class InitializerMismatch(Rule):
    code = "ACT203"
    name = "initializer-does-not-fit-activation"
    severity = "warning"
    summary = "an initializer that does not match the activation that follows"
    why = ("Initializers are derived for an activation: Glorot (Xavier) keeps the variance of tanh and sigmoid "
           "layers, He doubles it for ReLU layers (which zero half their inputs), LeCun normal is what SELU's "
           "self-normalization assumes. With the wrong one, activations shrink or grow layer after layer and "
           "deep nets start badly. Keras layers default to glorot_uniform, so a relu Dense layer without "
           "kernel_initializer is flagged; PyTorch's default initialization is not.")
    pitfalls = (pitfalls.SELU_LECUN,)
    examples = (
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(64, "relu", kernel_initializer="he_normal"),
    keras.layers.Dense(1, activation="sigmoid"),
])
"""),
        Example("PyTorch", """\
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 64)
        self.fc2 = nn.Linear(64, 1)
        nn.init.xavier_uniform_(self.fc1.weight)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))
""", """\
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 64)
        self.fc2 = nn.Linear(64, 1)
        nn.init.kaiming_normal_(self.fc1.weight, nonlinearity="relu")

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))
"""),
    )
    sources = (HE_2015, GLOROT_2010, KERAS_DENSE, INIT_DOCS,
               Cite("keras.activations.selu", "https://keras.io/api/layers/activations/",
                    "\"To be used together with the keras.initializers.LecunNormal initializer.\""))

    def endpoint(self, endpoint):
        ops = significant(endpoint.tensor.chain)
        for weight, act in zip(ops, ops[1:]):
            if weight.kind != "weight" or act.kind != "activation":
                continue
            keras_default = weight.init is None and weight.init_default
            scheme = "glorot" if keras_default else weight.init
            wanted = "he" if act.name in fw.RELU_FAMILY else "glorot" if act.name in fw.GLOROT_FAMILY else \
                "lecun" if act.name == "selu" else None
            if wanted is None or scheme in (None, "other", "unknown", wanted):
                continue
            if wanted == "glorot" and scheme == "lecun":
                continue
            if weight.framework == "keras":
                shown = "Keras's default glorot_uniform" if keras_default else f"a {INIT_NAMES[scheme]} initializer"
                fix = f"kernel_initializer='{KERAS_INITIALIZER[wanted]}'"
                site = weight.origin
            else:
                shown = f"a {INIT_NAMES[scheme]} initializer"
                fix = {"he": "nn.init.kaiming_normal_(weight, nonlinearity='relu')",
                       "glorot": f"nn.init.xavier_uniform_(weight, gain=nn.init.calculate_gain('{act.name}'))",
                       "lecun": "nn.init.kaiming_normal_(weight, nonlinearity='linear') (LeCun normal)"}[wanted]
                site = weight.init_site or weight.origin
            at = where(weight.site, site)
            yield self.finding(site, f"{_layer(weight)}{f' ({at})' if at else ''} under {act.name} uses {shown}, "
                               f"not {INIT_NAMES[wanted]} (made for {MADE_FOR[wanted]})", f"use {fix}")


class RepeatedActivation(Rule):
    code = "ACT204"
    name = "repeated-activation"
    severity = "warning"
    summary = "the same activation applied twice in a row"
    why = ("Applying an activation to its own output is at best wasted work (relu(relu(x)) = relu(x)) and "
           "usually a mistake: sigmoid(sigmoid(x)) lies in (0.5, 0.73), softmax(softmax(x)) is nearly "
           "uniform. It typically comes from a layer's activation= argument followed by an Activation layer, "
           "or an activation module applied in forward after one in a Sequential.")
    examples = (
        Example("Keras", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(64, "relu", kernel_initializer="he_normal"),
    keras.layers.Activation("relu"),
    keras.layers.Dense(1),
])
""", """\
import keras

model = keras.Sequential([
    keras.Input(shape=(20,)),
    keras.layers.Dense(64, "relu", kernel_initializer="he_normal"),
    keras.layers.Dense(1),
])
"""),
        Example("PyTorch", """\
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.ReLU(),
                      nn.Linear(64, 1))
""", """\
import torch.nn as nn

model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 1))
"""),
    )
    sources = (Cite("NeuraLint (Nikanjam et al. 2021, Automatic Fault Detection for Deep Learning Programs Using "
                    "Graph Transformations)", "https://arxiv.org/abs/2105.08095",
                    "Lists a double activation (an activation applied to the output of another) among the faults "
                    "a static checker should report."),)

    def endpoint(self, endpoint):
        ops = significant(endpoint.tensor.chain)
        for first, second in zip(ops, ops[1:]):
            if first.kind == second.kind == "activation" and first.name == second.name and first.name != "linear" \
                    and first.site != second.site:
                at = where(first.site, second.site)
                first_at = f" (first at {at})" if at else ""
                yield self.finding(second.site, f"{second.name} applied twice in a row{first_at}", "remove one of them")


RULES: tuple[Rule, ...] = (
    SoftmaxIntoSoftmaxLoss(), SigmoidIntoSigmoidLoss(), ScoresIntoProbabilityLoss(), LogSoftmaxIntoSoftmaxLoss(),
    OneUnitSoftmax(), SoftmaxOverBatch(), OutputDoesNotFitLoss(), ActivationBeforeOutput(),
    NoActivationBetweenLayers(), DeepSaturatingStack(), InitializerMismatch(), RepeatedActivation(),
)
CODES = tuple(rule.code for rule in RULES)


def by_code(code: str) -> Rule:
    return next(rule for rule in RULES if rule.code == code)


def evaluate(events) -> list[Finding]:
    """Every finding the rules make from the events, once per (code, place)."""
    found: dict = {}

    def keep(findings):
        for finding in findings:
            site = finding.site
            key = (finding.code, id(site.source), site.line, site.col, site.layer)
            found.setdefault(key, finding)

    for event in events.losses:
        if isinstance(event.prediction, Alternatives):
            keep(_on_every_path(event))
        else:
            for rule in RULES:
                keep(rule.loss(event))
    for endpoint in events.endpoints:
        for rule in RULES:
            keep(rule.endpoint(endpoint))
    for event in events.ops:
        for rule in RULES:
            keep(rule.op(event))
    return list(found.values())


def _on_every_path(event) -> list[Finding]:
    """A loss given one of several models' outputs: the findings of each, for the codes
    that every one of them has (what holds whichever model is chosen)."""
    per_option = [[f for rule in RULES for f in rule.loss(event.given(option))]
                  for option in event.prediction.options]
    common = set.intersection(*({f.code for f in found} for found in per_option))
    return [f for found in per_option for f in found if f.code in common]
