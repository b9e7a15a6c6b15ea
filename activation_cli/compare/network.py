"""A small fully-connected network in numpy: initialization, forward pass, backpropagation
with the catalog's analytic derivatives, losses from logits, and Adam.

Every hidden layer applies the same catalog activation; the output layer is affine
(raw logits) and its activation is folded into the loss, in the stable form:

- sigmoid output  -> binary cross-entropy from logits: max(z, 0) − z·y + log1p(exp(−|z|))
- softmax output  -> categorical cross-entropy from logits via log-softmax: −(z_y − max z − log Σ exp(z − max z))
- linear output   -> mean squared error: (z − y)²
- softplus output -> mean squared error of softplus(z) = max(z, 0) + log1p(exp(−|z|)) (positive targets)

Each loss is the mean over all its terms (PyTorch's reduction="mean": BCEWithLogitsLoss,
CrossEntropyLoss, MSELoss).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..catalog import Activation, get
from ..errors import ParameterError, UnknownName

# -- initializers ------------------------------------------------------------------------------

INITIALIZERS: dict[str, tuple[str, Callable[[int, int], float]]] = {
    "he": ("He (Kaiming) normal: std √(2 / fan_in)", lambda fan_in, fan_out: math.sqrt(2.0 / fan_in)),
    "glorot": ("Glorot (Xavier) normal: std √(2 / (fan_in + fan_out))",
               lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out))),
    "lecun": ("LeCun normal: std √(1 / fan_in)", lambda fan_in, fan_out: math.sqrt(1.0 / fan_in)),
}
"""Initializer key (``Activation.init_scheme``) -> (description, standard deviation of the weights)."""
INIT_ALIASES = {"kaiming": "he", "xavier": "glorot"}


def initializer(name: str) -> str:
    """The initializer key for ``name`` ("he", "glorot", "lecun"; "kaiming", "xavier" accepted)."""
    key = str(name).strip().lower()
    key = INIT_ALIASES.get(key, key)
    if key not in INITIALIZERS:
        raise UnknownName(name, list(INITIALIZERS) + list(INIT_ALIASES), kind="initializer")
    return key


def initial_weights(sizes: Sequence[int], schemes: Sequence[str], seed: int) -> list[np.ndarray]:
    """Weight matrices (fan_in, fan_out) for layer sizes ``sizes``, one scheme per layer.

    The standard-normal draws depend on ``seed`` and ``sizes`` only; the scheme scales
    them. So runs that differ only in their initializer start from the same directions.
    """
    rng = np.random.default_rng([seed, 1])
    weights = []
    for fan_in, fan_out, scheme in zip(sizes[:-1], sizes[1:], schemes):
        draw = rng.standard_normal((fan_in, fan_out))
        weights.append(draw * INITIALIZERS[initializer(scheme)][1](fan_in, fan_out))
    return weights


# -- losses from logits ------------------------------------------------------------------------

def _underflow_is_rounding(function):
    """exp(−large) underflowing to 0 is the correctly rounded result (as in Activation.__call__)."""
    import functools

    @functools.wraps(function)
    def wrapper(*args):
        with np.errstate(under="ignore"):
            return function(*args)

    return wrapper


def _log1p_exp_neg_abs(z):
    return np.log1p(np.exp(-np.abs(z)))


@_underflow_is_rounding
def binary_cross_entropy(z, y):
    """mean(max(z, 0) − z·y + log1p(exp(−|z|))): −[y log σ(z) + (1 − y) log(1 − σ(z))] without overflow."""
    return float(np.mean(np.maximum(z, 0) - z * y + _log1p_exp_neg_abs(z)))


@_underflow_is_rounding
def binary_cross_entropy_gradient(z, y):
    """(σ(z) − y) / number of terms."""
    return (get("sigmoid")(z) - y) / z.size


@_underflow_is_rounding
def log_softmax(z):
    """z − max z − log Σ exp(z − max z), along the last axis (finite logits)."""
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


@_underflow_is_rounding
def categorical_cross_entropy(z, labels):
    """−mean log-softmax(z)[label]: integer class labels, not one-hot."""
    return float(-np.mean(log_softmax(z)[np.arange(z.shape[0]), labels]))


@_underflow_is_rounding
def categorical_cross_entropy_gradient(z, labels):
    """(softmax(z) − one_hot(label)) / rows."""
    grad = np.exp(log_softmax(z))
    grad[np.arange(z.shape[0]), labels] -= 1.0
    return grad / z.shape[0]


@_underflow_is_rounding
def mean_squared_error(z, y):
    """mean((z − y)²)."""
    return float(np.mean((z - y) ** 2))


@_underflow_is_rounding
def mean_squared_error_gradient(z, y):
    """2 (z − y) / number of terms."""
    return 2.0 * (z - y) / z.size


@_underflow_is_rounding
def softplus(z):
    """log(1 + exp(z)) as max(z, 0) + log1p(exp(−|z|)): no overflow."""
    return np.maximum(z, 0) + _log1p_exp_neg_abs(z)


@_underflow_is_rounding
def softplus_squared_error(z, y):
    """mean((softplus(z) − y)²)."""
    return float(np.mean((softplus(z) - y) ** 2))


@_underflow_is_rounding
def softplus_squared_error_gradient(z, y):
    """2 (softplus(z) − y) σ(z) / number of terms (softplus' = σ)."""
    return 2.0 * (softplus(z) - y) * get("sigmoid")(z) / z.size


def _identity(z):
    return z


@dataclass(frozen=True)
class Loss:
    """A loss computed from the logits of an output activation, with its gradient."""

    name: str
    output: str                       # the catalog name of the output activation folded in
    value: Callable[[np.ndarray, np.ndarray], float]
    gradient: Callable[[np.ndarray, np.ndarray], np.ndarray]
    pytorch: str
    keras: str
    predict: Callable[[np.ndarray], np.ndarray] = _identity  # logits -> predictions (regression outputs)


LOSSES: dict[str, Loss] = {
    "sigmoid": Loss("binary cross-entropy", "sigmoid", binary_cross_entropy, binary_cross_entropy_gradient,
                    "nn.BCEWithLogitsLoss()", "binary_crossentropy(from_logits=True)"),
    "softmax": Loss("categorical cross-entropy", "softmax", categorical_cross_entropy,
                    categorical_cross_entropy_gradient, "nn.CrossEntropyLoss()",
                    "sparse_categorical_crossentropy(from_logits=True)"),
    "linear": Loss("mean squared error", "linear", mean_squared_error, mean_squared_error_gradient,
                   "nn.MSELoss()", "mean_squared_error"),
    "softplus": Loss("mean squared error", "softplus", softplus_squared_error, softplus_squared_error_gradient,
                     "nn.MSELoss() on softplus(logits)", "mean_squared_error", softplus),
}
"""Output activation (canonical catalog name) -> the loss it is trained with."""


def loss_for(output: str) -> Loss:
    """The loss that goes with the output activation ``output``."""
    name = output if output in LOSSES else get(output).name
    if name not in LOSSES:
        raise ParameterError(f"actv compare has no loss for a {name} output layer "
                             f"(it trains {', '.join(LOSSES)} outputs)")
    return LOSSES[name]


# -- the network -------------------------------------------------------------------------------

def hidden_activation(name: str | Activation) -> Activation:
    """A catalog entry usable in hidden layers of this MLP (element-wise), or a clear error."""
    entry = get(name)
    if entry.name == "glu":
        raise ParameterError("glu is a gated layer (it splits its input in halves a, b and gives a·σ(b)), not "
                             "an element-wise activation: actv compare does not train gated layers yet")
    if entry.vector:
        raise ParameterError(f"{entry.name} is a vector function, not an element-wise hidden-layer "
                             "activation; actv compare picks the output layer from the task")
    return entry


class MLP:
    """x -> f(x W₁ + b₁) -> ... -> f(· W_L + b_L) -> · W_out + b_out (logits).

    ``activation`` is a catalog entry applied element-wise with ``params`` in every hidden
    layer; its analytic derivative drives backpropagation.
    """

    def __init__(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray] | None,
                 activation: Activation, params: Mapping[str, Any] | None = None):
        self.activation = hidden_activation(activation)
        self.params = self.activation.resolve(dict(params or {}))
        self.weights = [np.array(w, dtype=np.float64) for w in weights]
        self.biases = ([np.zeros(w.shape[1]) for w in self.weights] if biases is None
                       else [np.array(b, dtype=np.float64) for b in biases])

    @property
    def parameters(self) -> list[np.ndarray]:
        """Weights and biases, interleaved: W₁, b₁, W₂, b₂, ... (updated in place by Adam)."""
        return [p for pair in zip(self.weights, self.biases) for p in pair]

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Logits, and per hidden layer its (input, pre-activation) for backpropagation."""
        cache = []
        a = x
        for w, b in zip(self.weights[:-1], self.biases[:-1]):
            z = a @ w + b
            cache.append((a, z))
            a = self.activation(z, **self.params)
        return a @ self.weights[-1] + self.biases[-1], cache + [(a, None)]

    def logits(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)[0]

    def backward(self, cache, grad_logits: np.ndarray) -> list[np.ndarray]:
        """∂loss/∂parameters (same order as ``parameters``) from ∂loss/∂logits."""
        grads: list[np.ndarray] = []
        dz = grad_logits
        for layer in range(len(self.weights) - 1, -1, -1):
            a, _ = cache[layer]
            grads += [dz.sum(axis=0), a.T @ dz]
            if layer:
                z = cache[layer - 1][1]
                dz = (dz @ self.weights[layer].T) * self.activation.derivative(z, **self.params)
        return grads[::-1]

    def gradients(self, x: np.ndarray, targets: np.ndarray, loss: Loss) -> tuple[float, list[np.ndarray]]:
        """The loss on (x, targets) and its gradient with respect to ``parameters``."""
        logits, cache = self.forward(x)
        return loss.value(logits, targets), self.backward(cache, loss.gradient(logits, targets))


class Adam:
    """Adam (Kingma & Ba, 2015) in PyTorch's arrangement of the arithmetic:
    m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
    p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
    Defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch's and Keras's)."""

    def __init__(self, parameters: Sequence[np.ndarray], lr: float = 0.01, betas=(0.9, 0.999),
                 eps: float = 1e-8):
        self.parameters = list(parameters)
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.m = [np.zeros_like(p) for p in self.parameters]
        self.v = [np.zeros_like(p) for p in self.parameters]
        self.t = 0

    def step(self, grads: Sequence[np.ndarray]) -> None:
        self.t += 1
        step_size = self.lr / (1 - self.beta1 ** self.t)
        root_correction = math.sqrt(1 - self.beta2 ** self.t)
        for p, g, m, v in zip(self.parameters, grads, self.m, self.v):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * (g * g)
            p -= step_size * m / (np.sqrt(v) / root_correction + self.eps)
