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

# The model's body by architecture family: a dense MLP, a convolution, a recurrent layer or a
# transformer encoder layer, each the real layer, each feeding the task's head through 64 units.
FAMILIES = {"mlp": "dense", "self-normalizing": "dense", "gan": "dense", "cnn": "conv", "mobile-cnn": "conv",
            "rnn": "recurrent", "lstm": "recurrent", "gru": "recurrent", "transformer": "transformer"}

TORCH_HEADER = '''\
import torch
from torch import nn
{extra}
{sizes}
'''

TORCH_BODIES = {
    "dense": '''\
model = nn.Sequential(
    nn.Linear(n_features, 64), {hidden},  # hidden layer: {activation}
    {head}
)
{init}
''',
    "conv": '''\
model = nn.Sequential(
    nn.Conv2d(channels, 64, kernel_size=3, padding=1), {hidden},  # convolution, then {activation}
    nn.AdaptiveAvgPool2d(1), nn.Flatten(),  # one 64-value vector per image
    {head}
)
{init}
''',
    "recurrent": '''\

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = {layer}
        self.head = nn.Sequential(
            {head}
        )

    def forward(self, x):
        outputs, _ = self.rnn(x)
        return self.head(outputs[:, -1])  # the last time step


model = Model()
for name, weight in model.rnn.named_parameters():
    if name.startswith("weight"):  # the input and recurrent weights
        {init}
''',
    "transformer": '''\

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(n_features, 64)  # token features to the model width
        self.encoder = nn.TransformerEncoderLayer(  # self-attention, then a feed-forward block with {activation}
            d_model=64, nhead=4, dim_feedforward=256, activation={activation_arg}, batch_first=True)
        self.head = nn.Sequential(
            {head}
        )

    def forward(self, x):
        return self.head(self.encoder(self.embed(x)).mean(dim=1))  # average over the sequence


model = Model()
{init}  # the feed-forward layer before {activation}
''',
}

TORCH_RECURRENT = {
    "rnn": 'nn.RNN(n_features, 64, nonlinearity="{activation}", batch_first=True)  # hidden activation: {activation}',
    "lstm": "nn.LSTM(n_features, 64, batch_first=True)  # built in: {roles}",
    "gru": "nn.GRU(n_features, 64, batch_first=True)  # built in: {roles}",
}

TORCH_FOOTER = '''\
loss_fn = {loss}

x = {inputs}  # a batch of 8 {examples}, inputs {scaling}
{target}
loss = loss_fn(model(x), y)
loss.backward()

with torch.no_grad():  # inference
    {decode}
'''

KERAS_HEADER = '''\
import keras
import numpy as np

{sizes}
'''

KERAS_BODIES = {
    "dense": '''\
model = keras.Sequential([
    keras.Input(shape=(n_features,)),
    keras.layers.Dense(64, {hidden}kernel_initializer={init}),  # hidden layer: {activation}
    {head}
])
''',
    "conv": '''\
model = keras.Sequential([
    keras.Input(shape=(height, width, channels)),
    keras.layers.Conv2D(64, 3, padding="same", {hidden}kernel_initializer={init}),  # convolution, then {activation}
    keras.layers.GlobalAveragePooling2D(),  # one 64-value vector per image
    {head}
])
''',
    "recurrent": '''\
model = keras.Sequential([
    keras.Input(shape=(seq_len, n_features)),
    {layer},  # {roles}
    {head}
])
''',
    "transformer": '''\
inputs = keras.Input(shape=(seq_len, n_features))
h = keras.layers.Dense(64)(inputs)  # token features to the model width
h = keras.layers.LayerNormalization()(h + keras.layers.MultiHeadAttention(num_heads=4, key_dim=16)(h, h))
feed_forward = keras.layers.Dense(256, {hidden}kernel_initializer={init})(h)  # feed-forward: {activation}
h = keras.layers.LayerNormalization()(h + keras.layers.Dense(64)(feed_forward))
h = keras.layers.GlobalAveragePooling1D()(h)  # average over the sequence
head = keras.Sequential([
    {head}
])
model = keras.Model(inputs, head(h))
''',
}

KERAS_RECURRENT = {
    "rnn": 'keras.layers.SimpleRNN(64, activation="{activation}", kernel_initializer={init})',
    "lstm": 'keras.layers.LSTM(64, activation="{output}", recurrent_activation="{gates}", kernel_initializer={init})',
    "gru": 'keras.layers.GRU(64, activation="{output}", recurrent_activation="{gates}", kernel_initializer={init})',
}

KERAS_FOOTER = '''\
loss = {loss}
model.compile(optimizer="adam", loss=loss, metrics={metrics})

x = {inputs}  # a batch of 8 {examples}, inputs {scaling}
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

# The shape of a batch of 8 by family (Keras images are channels-last, PyTorch's channels-first).
SHAPES = {"dense": ("8, n_features", "8, n_features"),
          "conv": ("8, height, width, channels", "8, channels, height, width"),
          "recurrent": ("8, seq_len, n_features", "8, seq_len, n_features"),
          "transformer": ("8, seq_len, n_features", "8, seq_len, n_features")}
EXAMPLES = {"dense": "examples", "conv": "images", "recurrent": "sequences", "transformer": "sequences"}


def _inputs(rec: Recommendation, framework: str) -> str:
    """The random batch, drawn the way the rule scales inputs.

    A scaling that starts with a range "[a, b]" draws uniformly from it; any other
    (standardized, or no scaling for token embeddings) draws from a standard normal.
    """
    shape = SHAPES[FAMILIES[rec.architecture]][framework == "pytorch"]
    found = _RANGE.match(rec.hidden.input_scaling)
    if found is None:
        return f"torch.randn({shape})" if framework == "pytorch" else f"np.random.randn({shape})"
    low, high = found.groups()
    if framework == "pytorch":
        return f"torch.empty({shape}).uniform_({low}, {high})"
    return f"np.random.uniform({low}, {high}, size=({shape}))"


def _sizes(rec: Recommendation) -> str:
    family = FAMILIES[rec.architecture]
    if family == "conv":
        lines = ["channels, height, width = 3, 32, 32  # your images: colour channels and pixels"]
    elif family == "dense":
        lines = ["n_features = 20  # your number of input features"]
    else:
        lines = ["n_features = 20  # your number of features per time step (per token)",
                 "seq_len = 10  # time steps (tokens) per sequence"]
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


def _roles(rec: Recommendation) -> str:
    return ", ".join(f"{role} {name}" for role, name in rec.hidden.roles.items()) or rec.hidden.activation


# Where the initializer goes, by family: the first weight layer, each recurrent weight, the
# transformer's feed-forward layer.
TORCH_INIT_WEIGHT = {"dense": "model[0].weight", "conv": "model[0].weight", "recurrent": "weight",
                     "transformer": "model.encoder.linear1.weight"}


def snippet(rec: Recommendation, framework: str) -> str:
    """A runnable Keras or PyTorch script for ``rec`` (framework: "keras" or "pytorch")."""
    params = {"negative_slope": rec.hidden.parameters.get("negative_slope", 0.01)}
    init_key = _init_key(rec)
    family = FAMILIES[rec.architecture]
    activation = rec.hidden.activation
    roles = dict(rec.hidden.roles)
    common = dict(activation=activation, roles=_roles(rec), inputs=_inputs(rec, framework),
                  examples=EXAMPLES[family], scaling=rec.hidden.input_scaling, sizes=_sizes(rec))
    if framework == "pytorch":
        parts = TORCH_TASKS[rec.task]
        init = TORCH_INIT[init_key].format(weight=TORCH_INIT_WEIGHT[family], activation=activation, **params)
        layer = TORCH_RECURRENT.get(rec.architecture, "").format(**common)
        activation_arg = f'"{activation}"' if activation in ("relu", "gelu") else TORCH_HIDDEN[activation]
        fields = dict(common, **parts, extra=SCALED_SIGMOID if rec.task == "bounded" else "", init=init,
                      hidden=TORCH_HIDDEN[activation].format(**params), layer=layer, activation_arg=activation_arg)
        return "\n".join(template.format(**fields) for template in (TORCH_HEADER, TORCH_BODIES[family], TORCH_FOOTER))
    parts = KERAS_TASKS[rec.task]
    hidden = KERAS_HIDDEN[activation].format(**params)
    if hidden.startswith("keras.layers."):  # an activation layer after a linear layer
        head = f"{hidden},\n    {parts['head']}"
        hidden_arg = ""
    else:
        head, hidden_arg = parts["head"], f"activation={hidden}, "
    init = KERAS_INIT[init_key]
    layer = KERAS_RECURRENT.get(rec.architecture, "").format(
        init=init, output=roles.get("cell output", activation), gates=roles.get("recurrent gates", "sigmoid"),
        **common)
    fields = dict(common, **{**parts, "head": head}, hidden=hidden_arg, init=init, layer=layer)
    return "\n".join(template.format(**fields) for template in (KERAS_HEADER, KERAS_BODIES[family], KERAS_FOOTER))
