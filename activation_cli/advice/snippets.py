"""Framework code for a recommendation: the output layer and loss as Keras or PyTorch want them.

Each snippet is a complete script on a random batch: build the model, compute the loss
once, then turn outputs into predictions the way the task decodes them. PyTorch
snippets output raw logits into ``CrossEntropyLoss`` / ``BCEWithLogitsLoss`` and apply
softmax/sigmoid only at inference. Plain string templates (no framework imported here).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .rules import Recommendation

# Hidden layer: canonical activation -> (PyTorch module, Keras layer argument text).
TORCH_HIDDEN = {
    "relu": "nn.ReLU()", "tanh": "nn.Tanh()", "sigmoid": "nn.Sigmoid()", "gelu": "nn.GELU()",
    "selu": "nn.SELU()", "hard_silu": "nn.Hardswish()", "leaky_relu": "nn.LeakyReLU({negative_slope})",
    "silu": "nn.SiLU()",
}
KERAS_HIDDEN = {
    "relu": '"relu"', "tanh": '"tanh"', "sigmoid": '"sigmoid"', "gelu": '"gelu"', "selu": '"selu"',
    "hard_silu": '"hard_silu"', "silu": '"silu"',
    "leaky_relu": "keras.layers.LeakyReLU(negative_slope={negative_slope})",
}
# Initializer text -> (PyTorch init call on `layer.weight`, Keras kernel_initializer).
TORCH_INIT = {
    "he": 'nn.init.kaiming_normal_({weight}, nonlinearity="relu")',
    "he_leaky": 'nn.init.kaiming_normal_({weight}, a={negative_slope}, nonlinearity="leaky_relu")',
    "glorot": 'nn.init.xavier_uniform_({weight}, gain=nn.init.calculate_gain("{activation}"))',
    "lecun": 'nn.init.kaiming_normal_({weight}, nonlinearity="linear")  # LeCun normal',
    "normal": "nn.init.normal_({weight}, mean=0.0, std=0.02)",
}
KERAS_INIT = {"he": '"he_normal"', "he_leaky": '"he_normal"', "glorot": '"glorot_uniform"',
              "lecun": '"lecun_normal"', "normal": "keras.initializers.RandomNormal(stddev=0.02)"}

# Output layer per task: what the head, the targets, the loss and the decoding look like.
TORCH_TASKS = {
    "regression": dict(
        head="nn.Linear(64, n_outputs),  # linear output: no activation",
        loss="nn.MSELoss()",
        target="y = torch.randn(8, n_outputs)  # standardized targets",
        decode="predictions = model(x)  # undo the target scaling on these",
    ),
    "positive": dict(
        head="nn.Linear(64, n_outputs), nn.Softplus(),  # outputs > 0",
        loss="nn.PoissonNLLLoss(log_input=False)  # counts; MSELoss for other positive targets",
        target="y = torch.poisson(torch.full((8, n_outputs), 3.0))  # raw positive targets",
        decode="predictions = model(x)  # already > 0",
    ),
    "bounded": dict(
        head="nn.Linear(64, n_outputs), ScaledSigmoid(low, high),  # outputs in (low, high)",
        loss="nn.MSELoss()",
        target="y = low + (high - low) * torch.rand(8, n_outputs)",
        decode="predictions = model(x)  # already in (low, high)",
    ),
    "binary": dict(
        head="nn.Linear(64, 1),  # one raw logit: no sigmoid, BCEWithLogitsLoss applies it stably",
        loss="nn.BCEWithLogitsLoss()",
        target="y = torch.randint(0, 2, (8, 1)).float()  # 0 or 1",
        decode="probabilities = torch.sigmoid(model(x))\n    labels = (probabilities >= 0.5).long()  # round at 0.5",
    ),
    "multiclass": dict(
        head="nn.Linear(64, n_classes),  # raw logits: no softmax, CrossEntropyLoss applies log_softmax",
        loss="nn.CrossEntropyLoss()",
        target="y = torch.randint(0, n_classes, (8,))  # class indices, not one-hot",
        decode="probabilities = torch.softmax(model(x), dim=1)\n    labels = probabilities.argmax(dim=1)",
    ),
    "multilabel": dict(
        head="nn.Linear(64, n_classes),  # raw logits: no sigmoid, BCEWithLogitsLoss applies it stably",
        loss="nn.BCEWithLogitsLoss()",
        target="y = torch.randint(0, 2, (8, n_classes)).float()  # 0/1 per class",
        decode="probabilities = torch.sigmoid(model(x))\n"
               "    labels = (probabilities >= 0.5).long()  # each unit on its own, never argmax",
    ),
}
KERAS_TASKS = {
    "regression": dict(
        head="keras.layers.Dense(n_outputs),  # linear output: no activation",
        loss='"mean_squared_error"', metrics='["mean_absolute_error"]',
        target="y = np.random.randn(8, n_outputs)  # standardized targets",
        decode="predictions = model.predict(x, verbose=0)  # undo the target scaling on these",
    ),
    "positive": dict(
        head='keras.layers.Dense(n_outputs, activation="softplus"),  # outputs > 0',
        loss='"poisson"  # counts; "mean_squared_error" for other positive targets',
        metrics='["mean_absolute_error"]',
        target="y = np.random.poisson(3.0, size=(8, n_outputs)).astype(float)  # raw positive targets",
        decode="predictions = model.predict(x, verbose=0)  # already > 0",
    ),
    "bounded": dict(
        head='keras.layers.Dense(n_outputs, activation="sigmoid"),\n'
             "    keras.layers.Rescaling(scale=high - low, offset=low),  # outputs in (low, high)",
        loss='"mean_squared_error"', metrics='["mean_absolute_error"]',
        target="y = low + (high - low) * np.random.rand(8, n_outputs)",
        decode="predictions = model.predict(x, verbose=0)  # already in (low, high)",
    ),
    "binary": dict(
        head='keras.layers.Dense(1, activation="sigmoid"),',
        loss='"binary_crossentropy"  # from_logits=False: the output is already a probability',
        metrics='["accuracy"]',
        target="y = np.random.randint(0, 2, size=(8, 1))  # 0 or 1",
        decode="probabilities = model.predict(x, verbose=0)\n"
               "labels = (probabilities >= 0.5).astype(int)  # round at 0.5",
    ),
    "multiclass": dict(
        head='keras.layers.Dense(n_classes, activation="softmax"),',
        loss='"categorical_crossentropy"  # one-hot targets; sparse_categorical_crossentropy for indices',
        metrics='["accuracy"]',
        target="y = keras.utils.to_categorical(np.random.randint(0, n_classes, size=8), n_classes)  # one-hot",
        decode="probabilities = model.predict(x, verbose=0)\nlabels = probabilities.argmax(axis=1)",
    ),
    "multilabel": dict(
        head='keras.layers.Dense(n_classes, activation="sigmoid"),  # never softmax for multilabel',
        loss='"binary_crossentropy"', metrics='["binary_accuracy"]',
        target="y = np.random.randint(0, 2, size=(8, n_classes))  # 0/1 per class",
        decode="probabilities = model.predict(x, verbose=0)\n"
               "labels = (probabilities >= 0.5).astype(int)  # each unit on its own",
    ),
}

TORCH_TEMPLATE = '''\
import torch
from torch import nn
{extra}
{sizes}
model = nn.Sequential(
    nn.Linear(n_features, 64), {hidden},  # {body_note}
    {head}
)
{init}
loss_fn = {loss}

x = {inputs}  # a batch of 8 examples, inputs {scaling}
{target}
loss = loss_fn(model(x), y)
loss.backward()

with torch.no_grad():  # inference
    {decode}
'''

KERAS_TEMPLATE = '''\
import keras
import numpy as np

{sizes}
model = keras.Sequential([
    keras.Input(shape=(n_features,)),
    keras.layers.Dense(64, {hidden}kernel_initializer={init}),  # {body_note}
    {head}
])
loss = {loss}
model.compile(optimizer="adam", loss=loss, metrics={metrics})

x = {inputs}  # a batch of 8 examples, inputs {scaling}
{target}
model.fit(x, y, epochs=1, verbose=0)

{decode}
'''

SCALED_SIGMOID = '''
class ScaledSigmoid(nn.Module):
    """low + (high - low) * sigmoid(z): every prediction inside (low, high)."""

    def __init__(self, low, high):
        super().__init__()
        self.low, self.high = low, high

    def forward(self, z):
        return self.low + (self.high - self.low) * torch.sigmoid(z)

'''


_RANGE = re.compile(r"\[(-?\d+), (-?\d+)\]")


def _inputs(rec: Recommendation, framework: str) -> str:
    """The random batch, drawn the way the rule scales inputs.

    A scaling that starts with a range "[a, b]" draws uniformly from it; any other
    (standardized, or no scaling for token embeddings) draws from a standard normal.
    """
    found = _RANGE.match(rec.hidden.input_scaling)
    if found is None:
        return "torch.randn(8, n_features)" if framework == "pytorch" else "np.random.randn(8, n_features)"
    low, high = found.groups()
    if framework == "pytorch":
        return f"torch.empty(8, n_features).uniform_({low}, {high})"
    return f"np.random.uniform({low}, {high}, size=(8, n_features))"


def _sizes(rec: Recommendation) -> str:
    lines = ["n_features = 20  # your number of input features"]
    if rec.task in ("multiclass", "multilabel"):
        if isinstance(rec.output.units, int):
            lines.append(f"n_classes = {rec.output.units}")
        else:
            lines.append("n_classes = 3  # one unit per class: set your number of classes")
    elif rec.task != "binary":
        lines.append("n_outputs = 1  # one unit per target")
    if rec.task == "bounded":
        lines.append("low, high = 0.0, 10.0  # the target's range [a, b]")
    return "\n".join(lines)


def _init_key(rec: Recommendation) -> str:
    key = rec.hidden.initializer.split()[0].lower()
    return "he_leaky" if key == "he" and rec.hidden.activation == "leaky_relu" else key


def _body_note(rec: Recommendation) -> str:
    if rec.architecture in ("mlp", "self-normalizing"):
        return f"hidden layer: {rec.hidden.activation}"
    return f"stand-in for your {rec.architecture} body (hidden activation: {rec.hidden.activation})"


def snippet(rec: Recommendation, framework: str) -> str:
    """A runnable Keras or PyTorch script for ``rec`` (framework: "keras" or "pytorch")."""
    params = {"negative_slope": rec.hidden.parameters.get("negative_slope", 0.01)}
    init_key = _init_key(rec)
    if framework == "pytorch":
        parts = TORCH_TASKS[rec.task]
        init = TORCH_INIT[init_key].format(weight="model[0].weight", activation=rec.hidden.activation, **params)
        return TORCH_TEMPLATE.format(
            extra=SCALED_SIGMOID if rec.task == "bounded" else "",
            sizes=_sizes(rec), hidden=TORCH_HIDDEN[rec.hidden.activation].format(**params),
            body_note=_body_note(rec), init=init, inputs=_inputs(rec, framework),
            scaling=rec.hidden.input_scaling, **parts)
    parts = KERAS_TASKS[rec.task]
    hidden = KERAS_HIDDEN[rec.hidden.activation].format(**params)
    if hidden.startswith("keras.layers."):  # an activation layer after a linear Dense
        head = f"{hidden},\n    {parts['head']}"
        hidden_arg = ""
    else:
        head, hidden_arg = parts["head"], f"activation={hidden}, "
    return KERAS_TEMPLATE.format(
        sizes=_sizes(rec), hidden=hidden_arg, init=KERAS_INIT[init_key], body_note=_body_note(rec),
        inputs=_inputs(rec, framework), scaling=rec.hidden.input_scaling, **{**parts, "head": head})
