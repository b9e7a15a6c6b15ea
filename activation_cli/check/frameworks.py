"""What PyTorch, Keras and TensorFlow names mean to ``actv check``: plain data.

Every name the analysis recognises is here, keyed by its canonical qualified name
(``canonical("tensorflow.keras.layers.Dense") == "keras.layers.Dense"``): activations
(with the catalog's canonical names), layers, losses (what each applies to its input
and expects), initializers, containers and model bases. Nothing is imported from
the frameworks: the checked code is read, never run.
"""
from __future__ import annotations

from typing import NamedTuple

from .values import LossSpec

# -- canonical names ------------------------------------------------------------------------------

KERAS_CATEGORIES = ("layers", "losses", "activations", "initializers", "models", "ops", "backend", "metrics")


def canonical(name: str) -> str:
    """One spelling per framework object: Keras under ``keras.<category>.<Name>`` (from
    tf.keras, tf_keras, keras.src...), TensorFlow without ``compat.v1``, PyTorch modules
    as ``torch.nn.<Name>``."""
    parts = name.split(".")
    if "keras" in parts[:3] or parts[0] == "tf_keras":
        start = parts.index("keras") + 1 if "keras" in parts[:3] else 1
        rest = parts[start:]
        if not rest:
            return "keras"
        category = next((part for part in rest[:-1] if part in KERAS_CATEGORIES), None)
        if category is None and rest[0] in KERAS_CATEGORIES:
            return "keras." + ".".join(rest)
        return f"keras.{category}.{rest[-1]}" if category else f"keras.{rest[-1]}"
    if parts[0] == "tensorflow":
        if parts[1:3] in (["compat", "v1"], ["compat", "v2"]):
            parts = [parts[0], *parts[3:]]
        return ".".join(parts)
    if parts[:3] == ["torch", "nn", "modules"] and len(parts) > 4:
        return f"torch.nn.{parts[-1]}"
    return name


# -- activations ----------------------------------------------------------------------------------

# Canonical catalog names (activation_cli.catalog) of the activations the frameworks name.
ACTIVATION_NAMES = {
    "relu": "relu", "relu_": "relu", "leaky_relu": "leaky_relu", "leaky_relu_": "leaky_relu",
    "leakyrelu": "leaky_relu", "prelu": "prelu", "rrelu": "rrelu", "relu6": "relu6", "elu": "elu",
    "elu_": "elu", "celu": "celu", "selu": "selu", "gelu": "gelu", "silu": "silu", "swish": "silu",
    "mish": "mish", "hardswish": "hard_silu", "hard_swish": "hard_silu", "hard_silu": "hard_silu",
    "sigmoid": "sigmoid", "logistic": "sigmoid", "expit": "sigmoid", "hardsigmoid": "hard_sigmoid",
    "hard_sigmoid": "hard_sigmoid", "logsigmoid": "log_sigmoid", "log_sigmoid": "log_sigmoid",
    "tanh": "tanh", "hardtanh": "hard_tanh", "hard_tanh": "hard_tanh", "softsign": "softsign",
    "soft_sign": "softsign", "softplus": "softplus", "tanhshrink": "tanh_shrink",
    "tanh_shrink": "tanh_shrink", "hardshrink": "hard_shrink", "hard_shrink": "hard_shrink",
    "softshrink": "soft_shrink", "soft_shrink": "soft_shrink", "threshold": "threshold",
    "exponential": "exponential", "softmax": "softmax", "log_softmax": "log_softmax",
    "logsoftmax": "log_softmax", "softmin": "softmin", "glu": "glu", "sparsemax": "sparsemax",
    "linear": "linear", "identity": "linear", "sparse_plus": "sparse_plus", "squareplus": "squareplus",
    "sparse_sigmoid": "sparse_sigmoid",
}
VECTOR = frozenset({"softmax", "log_softmax", "softmin", "sparsemax", "glu"})
PROBABILITIES = frozenset({"softmax", "sigmoid"})
RELU_FAMILY = frozenset({"relu", "leaky_relu", "prelu", "rrelu", "relu6"})     # He
NON_NEGATIVE = frozenset({"relu", "relu6", "softplus", "exponential", "sigmoid", "hard_sigmoid", "softmax",
                          "sparse_sigmoid", "squareplus", "sparse_plus"})
GLOROT_FAMILY = frozenset({"tanh", "sigmoid"})                                 # Glorot
BOUNDED_OR_POSITIVE = {  # output activation -> the range a regression output is confined to
    "relu": "[0, ∞)", "relu6": "[0, 6]", "sigmoid": "(0, 1)", "hard_sigmoid": "[0, 1]",
    "tanh": "(-1, 1)", "hard_tanh": "[-1, 1]", "softplus": "(0, ∞)", "softsign": "(-1, 1)",
    "exponential": "(0, ∞)",
}


class ActivationFn(NamedTuple):
    """A function that applies an activation: ``F.softmax(x, dim=1)``, ``tf.nn.relu(x)``.
    ``dim`` (position, keyword, default) for the softmax family; ``missing`` as the
    default means no dim at all (PyTorch then guesses one)."""

    name: str
    label: str
    framework: str
    dim_pos: int = 1
    dim_kw: tuple = ("dim",)
    dim_default: object = "missing"


class TensorFn(NamedTuple):
    """A tensor function that is not an activation: ``torch.flatten``, ``F.dropout``, ``torch.exp``."""

    kind: str       # neutral, reshape, flatten, log, exp, weight, opaque
    name: str
    label: str
    framework: str


class LayerClass(NamedTuple):
    """A layer class. ``units``: (position, keyword) of the output size; ``activation``:
    the keyword (and position) of a Keras layer's own activation; ``dim``: (position,
    keyword, default) for softmax layers."""

    kind: str
    family: str
    label: str
    framework: str
    units: tuple | None = None
    activation: tuple | None = None
    dim: tuple | None = None
    initializer: tuple | None = None     # Keras: (position, keyword) of kernel_initializer


class LossFn(NamedTuple):
    """A loss function called on tensors: ``F.cross_entropy(input, target)``."""

    spec: LossSpec
    call: str                           # torch, keras, tf
    from_logits: bool = False           # Keras/TF functions that take from_logits=


class LossCls(NamedTuple):
    """A loss class: ``nn.CrossEntropyLoss``, ``keras.losses.CategoricalCrossentropy``."""

    spec: LossSpec
    call: str


class InitFn(NamedTuple):
    """A PyTorch ``nn.init`` function and the scheme it draws from."""

    scheme: str                          # glorot, he, other


class Special(NamedTuple):
    """Containers, model bases, inputs, data loaders, ``nn.init.calculate_gain``..."""

    what: str
    framework: str
    label: str = ""


def _spec(name, framework, applies, expects, task):
    return LossSpec(name, framework, applies, expects, task)


# -- PyTorch -------------------------------------------------------------------------------------

TORCH_ACTIVATION_MODULES = {
    "ReLU": "relu", "LeakyReLU": "leaky_relu", "PReLU": "prelu", "RReLU": "rrelu", "ReLU6": "relu6",
    "ELU": "elu", "CELU": "celu", "SELU": "selu", "GELU": "gelu", "SiLU": "silu", "Mish": "mish",
    "Hardswish": "hard_silu", "Sigmoid": "sigmoid", "Hardsigmoid": "hard_sigmoid",
    "LogSigmoid": "log_sigmoid", "Tanh": "tanh", "Hardtanh": "hard_tanh", "Softsign": "softsign",
    "Softplus": "softplus", "Tanhshrink": "tanh_shrink", "Hardshrink": "hard_shrink",
    "Softshrink": "soft_shrink", "Threshold": "threshold", "Softmax": "softmax",
    "LogSoftmax": "log_softmax", "Softmin": "softmin", "GLU": "glu",
}
TORCH_NEUTRAL_MODULES = {
    "dropout": ("Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout"),
    "norm": ("BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LazyBatchNorm1d", "LazyBatchNorm2d",
             "LayerNorm", "GroupNorm", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d",
             "LocalResponseNorm", "RMSNorm", "SyncBatchNorm"),
    "pool": ("MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d",
             "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d",
             "AdaptiveMaxPool2d", "AdaptiveMaxPool3d", "LPPool1d", "LPPool2d", "FractionalMaxPool2d"),
    "identity": ("Identity",),
    "pad": ("ZeroPad1d", "ZeroPad2d", "ZeroPad3d", "ConstantPad1d", "ConstantPad2d", "ReflectionPad1d",
            "ReflectionPad2d", "ReplicationPad1d", "ReplicationPad2d", "CircularPad2d"),
    "upsample": ("Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d", "PixelShuffle", "PixelUnshuffle"),
}
TORCH_OPAQUE_MODULES = (
    "LSTM", "GRU", "RNN", "LSTMCell", "GRUCell", "RNNCell", "MultiheadAttention", "Transformer",
    "TransformerEncoder", "TransformerDecoder", "TransformerEncoderLayer", "TransformerDecoderLayer",
    "Bilinear", "CosineSimilarity", "PairwiseDistance", "ChannelShuffle",
)

TORCH_LOSSES = {
    "CrossEntropyLoss": ("cross_entropy", _spec("nn.CrossEntropyLoss", "torch", "softmax", "logits", "multiclass")),
    "NLLLoss": ("nll_loss", _spec("nn.NLLLoss", "torch", None, "log_probabilities", "multiclass")),
    "BCELoss": ("binary_cross_entropy", _spec("nn.BCELoss", "torch", None, "probabilities", "binary")),
    "BCEWithLogitsLoss": ("binary_cross_entropy_with_logits",
                          _spec("nn.BCEWithLogitsLoss", "torch", "sigmoid", "logits", "binary")),
    "MultiLabelSoftMarginLoss": ("multilabel_soft_margin_loss",
                                 _spec("nn.MultiLabelSoftMarginLoss", "torch", "sigmoid", "logits", "binary")),
    "MSELoss": ("mse_loss", _spec("nn.MSELoss", "torch", None, "values", "regression")),
    "L1Loss": ("l1_loss", _spec("nn.L1Loss", "torch", None, "values", "regression")),
    "SmoothL1Loss": ("smooth_l1_loss", _spec("nn.SmoothL1Loss", "torch", None, "values", "regression")),
    "HuberLoss": ("huber_loss", _spec("nn.HuberLoss", "torch", None, "values", "regression")),
}

TORCH_INIT = {
    "xavier_uniform_": "glorot", "xavier_normal_": "glorot", "xavier_uniform": "glorot",
    "xavier_normal": "glorot", "kaiming_uniform_": "he", "kaiming_normal_": "he",
    "kaiming_uniform": "he", "kaiming_normal": "he", "orthogonal_": "other", "normal_": "other",
    "uniform_": "other", "trunc_normal_": "other", "constant_": "other", "zeros_": "other",
    "ones_": "other", "eye_": "other", "dirac_": "other", "sparse_": "other", "orthogonal": "other",
    "normal": "other", "uniform": "other",
}

TENSOR_METHODS = {  # x.<method>(...): what it does to the tensor
    "softmax": "activation", "log_softmax": "activation", "sigmoid": "activation", "tanh": "activation",
    "relu": "activation", "sigmoid_": "activation", "relu_": "activation", "tanh_": "activation",
    "exp": "exp", "log": "log", "exp_": "exp", "log_": "log",
    "view": "reshape", "reshape": "reshape", "view_as": "reshape", "reshape_as": "reshape",
    "flatten": "flatten", "squeeze": "reshape", "unsqueeze": "unsqueeze", "squeeze_": "reshape",
    "permute": "reshape", "transpose": "reshape", "t": "reshape", "contiguous": "neutral",
    "to": "neutral", "cuda": "neutral", "cpu": "neutral", "float": "neutral", "double": "neutral",
    "half": "neutral", "bfloat16": "neutral", "type": "neutral", "type_as": "neutral",
    "detach": "neutral", "clone": "neutral", "requires_grad_": "neutral", "clamp": "clamp",
    "clamp_": "clamp", "clip": "clamp", "clamp_min": "clamp", "expand": "reshape",
    "expand_as": "reshape", "repeat": "reshape", "long": "opaque", "argmax": "opaque",
    "max": "opaque", "sum": "opaque", "mean": "opaque", "numpy": "opaque", "item": "opaque",
    "tolist": "opaque",
}


def _torch() -> dict:
    table: dict = {}
    for name, act in TORCH_ACTIVATION_MODULES.items():
        dim = (0, "dim", "missing") if act in VECTOR else None
        table[f"torch.nn.{name}"] = LayerClass("activation", act, f"nn.{name}", "torch", dim=dim)
    for family, names in TORCH_NEUTRAL_MODULES.items():
        for name in names:
            table[f"torch.nn.{name}"] = LayerClass("neutral", family, f"nn.{name}", "torch")
    for name in ("Flatten",):
        table[f"torch.nn.{name}"] = LayerClass("flatten", "flatten", f"nn.{name}", "torch")
    table["torch.nn.Unflatten"] = LayerClass("reshape", "reshape", "nn.Unflatten", "torch")
    for name in ("Linear", "LazyLinear"):
        units = (1, "out_features") if name == "Linear" else (0, "out_features")
        table[f"torch.nn.{name}"] = LayerClass("weight", "linear", f"nn.{name}", "torch", units=units)
    for dims in ("1d", "2d", "3d"):
        for stem in ("Conv", "ConvTranspose", "LazyConv", "LazyConvTranspose"):
            units = (0, "out_channels") if stem.startswith("Lazy") else (1, "out_channels")
            table[f"torch.nn.{stem}{dims}"] = LayerClass("weight", "conv", f"nn.{stem}{dims}", "torch", units=units)
    for name in ("Embedding", "EmbeddingBag"):
        table[f"torch.nn.{name}"] = LayerClass("embedding", "embedding", f"nn.{name}", "torch")
    for name in TORCH_OPAQUE_MODULES:
        table[f"torch.nn.{name}"] = LayerClass("opaque", name.lower(), f"nn.{name}", "torch")
    for name, (function, spec) in TORCH_LOSSES.items():
        table[f"torch.nn.{name}"] = LossCls(spec, "torch")
        table[f"torch.nn.functional.{function}"] = LossFn(spec._replace(name=f"F.{function}"), "torch")
    for function in ("relu", "relu_", "relu6", "leaky_relu", "leaky_relu_", "elu", "elu_", "selu", "celu",
                     "gelu", "silu", "mish", "hardswish", "sigmoid", "hardsigmoid", "logsigmoid", "tanh",
                     "hardtanh", "softsign", "softplus", "tanhshrink", "hardshrink", "softshrink",
                     "threshold", "softmax", "log_softmax", "softmin", "glu", "rrelu", "prelu"):
        table[f"torch.nn.functional.{function}"] = ActivationFn(ACTIVATION_NAMES[function], f"F.{function}", "torch")
    for function in ("relu", "relu_", "sigmoid", "tanh", "selu", "celu", "rrelu", "prelu", "softmax",
                     "log_softmax", "sigmoid_", "tanh_"):
        name = ACTIVATION_NAMES[function.rstrip("_")]
        table[f"torch.{function}"] = ActivationFn(name, f"torch.{function}", "torch")
    table["torch.special.expit"] = ActivationFn("sigmoid", "torch.special.expit", "torch")
    table["torch.special.softmax"] = ActivationFn("softmax", "torch.special.softmax", "torch")
    table["torch.special.log_softmax"] = ActivationFn("log_softmax", "torch.special.log_softmax", "torch")
    for name in ("dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "batch_norm", "layer_norm",
                 "group_norm", "instance_norm", "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d",
                 "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d", "adaptive_avg_pool2d",
                 "adaptive_max_pool1d", "adaptive_max_pool2d", "interpolate", "pad", "upsample"):
        table[f"torch.nn.functional.{name}"] = TensorFn("neutral", name, f"F.{name}", "torch")
    for name in ("clamp", "clip", "dropout", "squeeze", "unsqueeze", "reshape", "transpose", "permute"):
        kind = {"clamp": "clamp", "clip": "clamp", "dropout": "neutral"}.get(name, "reshape")
        table[f"torch.{name}"] = TensorFn(kind, name, f"torch.{name}", "torch")
    table["torch.flatten"] = TensorFn("flatten", "flatten", "torch.flatten", "torch")
    table["torch.exp"] = TensorFn("exp", "exp", "torch.exp", "torch")
    table["torch.log"] = TensorFn("log", "log", "torch.log", "torch")
    table["torch.nn.functional.linear"] = TensorFn("weight", "linear", "F.linear", "torch")
    for dims in ("1d", "2d", "3d"):
        table[f"torch.nn.functional.conv{dims}"] = TensorFn("weight", "conv", f"F.conv{dims}", "torch")
    for name, scheme in TORCH_INIT.items():
        table[f"torch.nn.init.{name}"] = InitFn(scheme)
    table["torch.nn.Sequential"] = Special("sequential", "torch", "nn.Sequential")
    table["torch.nn.ModuleList"] = Special("list", "torch", "nn.ModuleList")
    table["torch.nn.Module"] = Special("base", "torch")
    table["torch.utils.data.DataLoader"] = Special("loader", "torch")
    table["torch.nn.DataParallel"] = Special("wrap", "torch")
    table["torch.nn.parallel.DistributedDataParallel"] = Special("wrap", "torch")
    table["torch.compile"] = Special("wrap", "torch")
    for base in ("pytorch_lightning.LightningModule", "lightning.LightningModule",
                 "lightning.pytorch.LightningModule", "pytorch_lightning.core.LightningModule",
                 "lightning.pytorch.core.LightningModule"):
        table[base] = Special("base", "torch")
    return table


# -- Keras ---------------------------------------------------------------------------------------

KERAS_ACTIVATION_LAYERS = {"ReLU": "relu", "LeakyReLU": "leaky_relu", "PReLU": "prelu", "ELU": "elu",
                           "Softmax": "softmax", "ThresholdedReLU": "threshold"}
KERAS_WEIGHT_LAYERS = {
    "Dense": ("linear", (0, "units")), "EinsumDense": ("linear", None),
    "Conv1D": ("conv", (0, "filters")), "Conv2D": ("conv", (0, "filters")), "Conv3D": ("conv", (0, "filters")),
    "Convolution1D": ("conv", (0, "filters")), "Convolution2D": ("conv", (0, "filters")),
    "Convolution3D": ("conv", (0, "filters")),
    "Conv1DTranspose": ("conv", (0, "filters")), "Conv2DTranspose": ("conv", (0, "filters")),
    "Conv3DTranspose": ("conv", (0, "filters")), "SeparableConv1D": ("conv", (0, "filters")),
    "SeparableConv2D": ("conv", (0, "filters")), "DepthwiseConv2D": ("conv", None),
    "DepthwiseConv1D": ("conv", None),
}
KERAS_NEUTRAL_LAYERS = (
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout",
    "AlphaDropout", "BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
    "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "MaxPool1D", "MaxPool2D", "MaxPool3D", "AveragePooling1D",
    "AveragePooling2D", "AveragePooling3D", "AvgPool1D", "AvgPool2D", "AvgPool3D", "ZeroPadding1D",
    "ZeroPadding2D", "ZeroPadding3D", "Cropping1D", "Cropping2D", "Cropping3D", "UpSampling1D", "UpSampling2D",
    "UpSampling3D", "InputLayer", "Normalization", "Resizing", "CenterCrop", "RandomFlip",
    "RandomRotation", "RandomZoom", "RandomTranslation", "RandomCrop", "RandomContrast", "Masking",
    "ActivityRegularization", "Identity",
)
KERAS_RESHAPE_LAYERS = ("Reshape", "Permute", "RepeatVector", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
                        "GlobalAveragePooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
                        "GlobalMaxPooling3D", "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalMaxPool1D",
                        "GlobalMaxPool2D")
KERAS_OPAQUE_LAYERS = ("LSTM", "GRU", "SimpleRNN", "Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D",
                       "TimeDistributed", "Lambda", "Concatenate", "Add", "Subtract", "Multiply", "Average",
                       "Maximum", "Minimum", "Dot", "MultiHeadAttention", "Attention", "AdditiveAttention",
                       "RNN", "CuDNNLSTM", "CuDNNGRU", "TFSMLayer")
KERAS_LOSSES = {  # class name, function/string name -> spec
    ("CategoricalCrossentropy", "categorical_crossentropy"): ("multiclass", "probabilities"),
    ("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy"): ("multiclass", "probabilities"),
    ("CategoricalFocalCrossentropy", "categorical_focal_crossentropy"): ("multiclass", "probabilities"),
    ("BinaryCrossentropy", "binary_crossentropy"): ("binary", "probabilities"),
    ("BinaryFocalCrossentropy", "binary_focal_crossentropy"): ("binary", "probabilities"),
    ("MeanSquaredError", "mean_squared_error"): ("regression", "values"),
    ("MeanAbsoluteError", "mean_absolute_error"): ("regression", "values"),
    ("Huber", "huber"): ("regression", "values"),
    ("LogCosh", "log_cosh"): ("regression", "values"),
}
KERAS_LOSS_ALIASES = {"mse": "mean_squared_error", "mae": "mean_absolute_error", "logcosh": "log_cosh",
                      "huber_loss": "huber"}
KERAS_INITIALIZERS = {
    "glorot_uniform": "glorot", "glorot_normal": "glorot", "GlorotUniform": "glorot", "GlorotNormal": "glorot",
    "xavier_uniform": "glorot", "xavier_normal": "glorot",
    "he_normal": "he", "he_uniform": "he", "HeNormal": "he", "HeUniform": "he",
    "lecun_normal": "lecun", "lecun_uniform": "lecun", "LecunNormal": "lecun", "LecunUniform": "lecun",
}


def keras_loss(name: str, from_logits: bool) -> LossSpec | None:
    """The spec of a Keras loss given by its string name, function or class name."""
    key = KERAS_LOSS_ALIASES.get(name, name)
    for (cls, function), (task, expects) in KERAS_LOSSES.items():
        if key in (cls, function):
            logits = from_logits and expects == "probabilities"
            applies = ("softmax" if task == "multiclass" else "sigmoid") if logits else None
            shown = function + ("(from_logits=True)" if logits else "")
            return LossSpec(shown, "keras", applies, "logits" if logits else expects, task)
    return None


def _keras() -> dict:
    table: dict = {}
    for name, (family, units) in KERAS_WEIGHT_LAYERS.items():
        table[f"keras.layers.{name}"] = LayerClass("weight", family, name, "keras", units=units,
                                                   activation=(None, "activation"),
                                                   initializer=(None, "kernel_initializer"))
    table["keras.layers.Dense"] = LayerClass("weight", "linear", "Dense", "keras", units=(0, "units"),
                                             activation=(1, "activation"), initializer=(None, "kernel_initializer"))
    for name, act in KERAS_ACTIVATION_LAYERS.items():
        dim = (None, "axis", -1) if act in VECTOR else None
        table[f"keras.layers.{name}"] = LayerClass("activation", act, name, "keras", dim=dim)
    table["keras.layers.Activation"] = LayerClass("activation", "activation", "Activation", "keras",
                                                  activation=(0, "activation"))
    for name in KERAS_NEUTRAL_LAYERS:
        table[f"keras.layers.{name}"] = LayerClass("neutral", name.lower(), name, "keras")
    for name in KERAS_RESHAPE_LAYERS:
        table[f"keras.layers.{name}"] = LayerClass("reshape", name.lower(), name, "keras")
    table["keras.layers.Flatten"] = LayerClass("flatten", "flatten", "Flatten", "keras")
    table["keras.layers.Rescaling"] = LayerClass("scale", "rescaling", "Rescaling", "keras")
    table["keras.layers.Embedding"] = LayerClass("embedding", "embedding", "Embedding", "keras")
    for name in KERAS_OPAQUE_LAYERS:
        table[f"keras.layers.{name}"] = LayerClass("opaque", name.lower(), name, "keras")
    for (cls, function), _ in KERAS_LOSSES.items():
        for key in (cls, function):
            table[f"keras.losses.{key}"] = LossCls(keras_loss(key, False), "keras") if key == cls else \
                LossFn(keras_loss(key, False), "keras", from_logits=True)
        table[f"keras.metrics.{function}"] = LossFn(keras_loss(function, False), "keras", from_logits=True)
        table[f"keras.backend.{function}"] = LossFn(keras_loss(function, False), "keras", from_logits=True)
    for alias, function in KERAS_LOSS_ALIASES.items():
        table[f"keras.losses.{alias}"] = LossFn(keras_loss(function, False), "keras")
    for category in ("activations", "ops", "backend"):
        for function in ("relu", "relu6", "elu", "selu", "gelu", "silu", "swish", "mish", "sigmoid", "tanh",
                         "softplus", "softsign", "softmax", "log_softmax", "hard_sigmoid", "hard_silu",
                         "hard_swish", "leaky_relu", "exponential", "linear", "log_sigmoid"):
            dim = (1, ("axis",), -1)
            table[f"keras.{category}.{function}"] = ActivationFn(
                ACTIVATION_NAMES[function], f"keras.{category}.{function}", "keras", *dim)
    table["keras.ops.exp"] = TensorFn("exp", "exp", "keras.ops.exp", "keras")
    table["keras.ops.log"] = TensorFn("log", "log", "keras.ops.log", "keras")
    for name, scheme in KERAS_INITIALIZERS.items():
        table[f"keras.initializers.{name}"] = InitFn(scheme)
    for where in ("keras.Sequential", "keras.models.Sequential"):
        table[where] = Special("sequential", "keras", "Sequential")
    for where in ("keras.Model", "keras.models.Model", "keras.layers.Layer", "keras.Layer"):
        table[where] = Special("base", "keras")
    for where in ("keras.Input", "keras.layers.Input"):
        table[where] = Special("input", "keras")
    return table


# -- TensorFlow ----------------------------------------------------------------------------------

def _tensorflow() -> dict:
    table: dict = {}
    for function in ("relu", "relu6", "elu", "selu", "gelu", "silu", "swish", "sigmoid", "tanh", "softplus",
                     "softsign", "softmax", "log_softmax", "leaky_relu"):
        for where in ("tensorflow.nn", "tensorflow.math", "tensorflow"):
            if where == "tensorflow" and function not in ("sigmoid", "tanh"):
                continue
            table[f"{where}.{function}"] = ActivationFn(
                ACTIVATION_NAMES[function], f"tf{where[10:]}.{function}", "tf", 1, ("axis", "dim"), -1)
    for where in ("tensorflow", "tensorflow.math"):
        table[f"{where}.exp"] = TensorFn("exp", "exp", "tf.exp", "tf")
        table[f"{where}.log"] = TensorFn("log", "log", "tf.math.log", "tf")
    table["tensorflow.log"] = TensorFn("log", "log", "tf.log", "tf")
    table["tensorflow.reshape"] = TensorFn("reshape", "reshape", "tf.reshape", "tf")
    table["tensorflow.nn.dropout"] = TensorFn("neutral", "dropout", "tf.nn.dropout", "tf")
    table["tensorflow.clip_by_value"] = TensorFn("clamp", "clip", "tf.clip_by_value", "tf")
    for name in ("softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
                 "sparse_softmax_cross_entropy_with_logits"):
        table[f"tensorflow.nn.{name}"] = LossFn(_spec(f"tf.nn.{name}", "tf", "softmax", "logits", "multiclass"), "tf")
    table["tensorflow.nn.sigmoid_cross_entropy_with_logits"] = LossFn(
        _spec("tf.nn.sigmoid_cross_entropy_with_logits", "tf", "sigmoid", "logits", "binary"), "tf")
    for name, applies, task in (("softmax_cross_entropy", "softmax", "multiclass"),
                                ("sparse_softmax_cross_entropy", "softmax", "multiclass"),
                                ("sigmoid_cross_entropy", "sigmoid", "binary")):
        table[f"tensorflow.losses.{name}"] = LossFn(_spec(f"tf.losses.{name}", "tf", applies, "logits", task), "tf")
    table["tensorflow.data.Dataset"] = Special("loader", "tf")
    return table


TABLE: dict = {**_torch(), **_keras(), **_tensorflow()}


_SEEN: dict = {}


def lookup(name: str):
    """What the framework object called ``name`` is (one of the classes above), or None."""
    try:
        return _SEEN[name]
    except KeyError:
        found = _SEEN[name] = TABLE.get(canonical(name))
        return found


def activation_name(text: str) -> str | None:
    """The canonical activation of a Keras activation string ("swish" -> "silu"), or None."""
    return ACTIVATION_NAMES.get(str(text).lower())
