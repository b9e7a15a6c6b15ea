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


def _log_softmax(z):
    # np.maximum.reduce and np.add.reduce are np.max and np.sum without their Python wrappers
    # (called once per training step)
    shifted = z - np.maximum.reduce(z, axis=-1, keepdims=True)
    return shifted - np.log(np.add.reduce(np.exp(shifted), axis=-1, keepdims=True))


@_underflow_is_rounding
def log_softmax(z):
    """z − max z − log Σ exp(z − max z), along the last axis (finite logits)."""
    return _log_softmax(z)


@_underflow_is_rounding
def categorical_cross_entropy(z, labels):
    """−mean log-softmax(z)[label]: integer class labels, not one-hot."""
    return float(-np.mean(_log_softmax(z)[np.arange(z.shape[0]), labels]))


@_underflow_is_rounding
def categorical_cross_entropy_gradient(z, labels):
    """(softmax(z) − one_hot(label)) / rows."""
    grad = _log_softmax(z)
    np.exp(grad, out=grad)
    grad[np.arange(z.shape[0]), labels] -= 1.0
    grad /= z.shape[0]
    return grad


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
    layer; its analytic derivative drives backpropagation. The parameters live in one flat
    buffer ``flat`` (W₁, b₁, W₂, b₂, ... in order, of ``dtype``: float64 or float32); the
    weights and biases are views into it, so that Adam updates all of them in a few passes.
    The catalog kernels are bound once, their parameters checked here (``Activation.kernels``).
    """

    def __init__(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray] | None,
                 activation: Activation, params: Mapping[str, Any] | None = None, dtype=np.float64):
        self.activation = hidden_activation(activation)
        self.params = self.activation.resolve(dict(params or {}))
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float64, np.float32):
            raise ParameterError(f"the network computes in float64 or float32, not {self.dtype}")
        self._f, self._df = self.activation.kernels(self.params)
        shapes = [shape for w in weights for shape in (np.shape(w), (np.shape(w)[1],))]
        self.flat = np.zeros(sum(math.prod(shape) for shape in shapes), dtype=self.dtype)
        views = self.unflatten(self.flat, shapes)
        self.weights, self.biases = views[0::2], views[1::2]
        for view, value in zip(self.weights, weights):
            view[...] = value
        for view, value in zip(self.biases, biases if biases is not None else ()):
            view[...] = value
        self._shapes = shapes
        self._grad = np.empty_like(self.flat)  # flat_gradient's result, reused: one buffer per step
        self._grad_views = self.unflatten(self._grad, shapes)

    @staticmethod
    def unflatten(flat: np.ndarray, shapes: Sequence[tuple[int, ...]]) -> list[np.ndarray]:
        """Views of consecutive pieces of ``flat`` with the given shapes."""
        views, start = [], 0
        for shape in shapes:
            size = math.prod(shape)
            views.append(flat[start:start + size].reshape(shape))
            start += size
        return views

    @property
    def parameters(self) -> list[np.ndarray]:
        """Weights and biases, interleaved: W₁, b₁, W₂, b₂, ... (views into ``flat``)."""
        return [p for pair in zip(self.weights, self.biases) for p in pair]

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Logits, and per hidden layer its (input, pre-activation) for backpropagation."""
        cache = []
        a = x
        with np.errstate(under="ignore"):  # the kernels' only floating-point event, once per pass
            for w, b in zip(self.weights[:-1], self.biases[:-1]):
                z = a @ w
                z += b
                cache.append((a, z))
                a = self._f(z)
            logits = a @ self.weights[-1]
            logits += self.biases[-1]
        return logits, cache + [(a, None)]

    def logits(self, x: np.ndarray, chunk: int = 2048) -> np.ndarray:
        """The logits of every row of ``x``, ``chunk`` rows at a time (forward without the
        backpropagation cache: the per-epoch evaluation of the whole training split)."""
        outputs = self.weights[-1].shape[1]
        result = np.empty((len(x), outputs), dtype=np.result_type(x, self.dtype))
        for start in range(0, len(x), chunk):
            result[start:start + chunk] = self.forward(x[start:start + chunk])[0]
        return result

    def flat_gradient(self, cache, grad_logits: np.ndarray) -> np.ndarray:
        """∂loss/∂``flat`` (laid out as ``flat``) from ∂loss/∂logits, in a buffer that the
        next call overwrites (Adam consumes it at once; ``backward`` gives a copy)."""
        views = self._grad_views
        dz = grad_logits
        with np.errstate(under="ignore"):
            for layer in range(len(self.weights) - 1, -1, -1):
                a, _ = cache[layer]
                np.add.reduce(dz, axis=0, out=views[2 * layer + 1])  # np.sum without its wrapper
                np.matmul(a.T, dz, out=views[2 * layer])
                if layer:
                    z = cache[layer - 1][1]
                    dz = dz @ self.weights[layer].T
                    dz *= self._df(z)
        return self._grad

    def backward(self, cache, grad_logits: np.ndarray) -> list[np.ndarray]:
        """∂loss/∂parameters (same order as ``parameters``) from ∂loss/∂logits."""
        return self.unflatten(self.flat_gradient(cache, grad_logits).copy(), self._shapes)

    def gradients(self, x: np.ndarray, targets: np.ndarray, loss: Loss) -> tuple[float, list[np.ndarray]]:
        """The loss on (x, targets) and its gradient with respect to ``parameters``."""
        logits, cache = self.forward(x)
        return loss.value(logits, targets), self.backward(cache, loss.gradient(logits, targets))


class Adam:
    """Adam (Kingma & Ba, 2015) in PyTorch's arrangement of the arithmetic:
    m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
    p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
    Defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch's and Keras's).

    ``parameters`` is one array (``MLP.flat``: the whole step is ten in-place passes over it)
    or a list of arrays; ``step`` takes gradients of the same form. Each operation is the
    formula's, in its order, so the result is the same to the last bit either way."""

    def __init__(self, parameters: np.ndarray | Sequence[np.ndarray], lr: float = 0.01, betas=(0.9, 0.999),
                 eps: float = 1e-8):
        self.parameters = [parameters] if isinstance(parameters, np.ndarray) else list(parameters)
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.m = [np.zeros_like(p) for p in self.parameters]
        self.v = [np.zeros_like(p) for p in self.parameters]
        self._scratch = [(np.empty_like(p), np.empty_like(p)) for p in self.parameters]
        self.t = 0

    def step(self, grads: np.ndarray | Sequence[np.ndarray]) -> None:
        self.t += 1
        step_size = self.lr / (1 - self.beta1 ** self.t)
        root_correction = math.sqrt(1 - self.beta2 ** self.t)
        grads = [grads] if isinstance(grads, np.ndarray) else grads
        for p, g, m, v, (a, b) in zip(self.parameters, grads, self.m, self.v, self._scratch):
            m *= self.beta1
            np.multiply(g, 1 - self.beta1, out=a)
            m += a                                   # m ← β₁m + (1 − β₁)g
            v *= self.beta2
            np.multiply(g, g, out=a)
            a *= 1 - self.beta2
            v += a                                   # v ← β₂v + (1 − β₂)g²
            np.sqrt(v, out=a)
            a /= root_correction
            a += self.eps                            # a = √v / √(1 − β₂ᵗ) + ε
            np.multiply(m, step_size, out=b)
            b /= a
            p -= b                                   # p ← p − step_size·m / a
