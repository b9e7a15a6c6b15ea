"""Piecewise-linear (and piecewise-polynomial) activations: the ReLU family, hard and
sparse variants, shrinkage and threshold functions.

The forms are branch-free where they can be (np.clip, array-array np.maximum/minimum
chained with ``out=``): they are faster than np.where on large arrays, propagate NaN by
themselves and never warn. A scalar bound goes through np.clip(x, lo, np.inf), not
np.maximum(x, lo), which takes a 3x slower loop in numpy 2.4 (0.30 vs 0.10 ns/element).
Derivatives at a kink follow PyTorch and jax.nn where they agree, and the record's ``kink``
fact says which convention is taken where they do not.
"""
from __future__ import annotations

import math
import sys

import numpy as np

from ..errors import ParameterError
from .record import REQUIRED, Activation, Param, nonnegative, real

HE = "He (Kaiming) normal / uniform"
GLOROT = "Glorot (Xavier) uniform / normal"


def _nan_kept(out, x):
    """Copy NaN from ``x`` into ``out``: comparisons turn NaN into False, derivatives must not."""
    np.copyto(out, x, where=np.isnan(x))
    return out


def _cast(x, value):
    """A parameter in x's dtype; beyond float32's range it rounds to ±inf, as a cast should."""
    with np.errstate(over="ignore"):
        return x.dtype.type(value)


def _below(x, value):
    """The largest number of x's dtype at or below ``value``: for every x of that dtype,
    x > value exactly when x > _below(x, value) (and x <= value when x <= it).

    Rounding to nearest would break the order: float32(0.1) is 0.10000000149 > 0.1, so
    float32 x = 0.1 lies above the threshold 0.1 but not above its float32 rounding.
    Past the finite range it gives the largest finite number or -inf (1e300 lies above
    every finite float32 and below inf; -1e300 above -inf only)."""
    with np.errstate(over="ignore", under="ignore"):
        near = x.dtype.type(value)
    return np.nextafter(near, x.dtype.type(-np.inf)) if float(near) > value else near


def _above(x, value):
    """The smallest number of x's dtype at or above ``value``: x < value exactly when
    x < _above(x, value)."""
    return -_below(x, -value)


def _exact(x, value):
    """Whether ``value`` is a number of x's dtype: then arithmetic with it rounds only once."""
    with np.errstate(over="ignore", under="ignore"):
        return float(x.dtype.type(value)) == value


def _where_else(x, condition, inside, outside=0):
    """``inside`` where ``condition`` holds, ``outside`` elsewhere, NaN where x is NaN."""
    out = np.full_like(x, _cast(x, outside))
    np.copyto(out, _cast(x, inside), where=condition)
    return _nan_kept(out, x)


def _select(condition, value, x):
    """``value`` where ``condition`` holds, else ``x``, by bit arithmetic: x ^ ((x ^ value) & mask).

    np.where over a mask that follows random data mispredicts a branch per element
    (3.0 ns/element for float32 at 10^7, against 1.3 here); the integer view has no branch
    and moves bits exactly, so NaN payloads, -0.0 and ±inf are kept.
    """
    bits = np.int32 if x.dtype == np.float32 else np.int64
    mask = condition.view(np.int8).astype(bits)  # 0 or 1
    np.negative(mask, out=mask)                   # 0 or all ones
    source = x.view(bits)
    out = np.bitwise_xor(source, np.asarray(_cast(x, value)).view(bits))
    np.bitwise_and(out, mask, out=out)
    np.bitwise_xor(out, source, out=out)
    return out.view(x.dtype)


def _slope_linear(x, slope, scale=0):
    """x for x ≥ 0, slope·x for x < 0, without a branch.

    0 < slope ≤ 1: max(x, slope·x) (two passes); slope > 1: min(x, slope·x); otherwise
    max(x, 0) + slope·min(x, 0). A zero slope takes the relu path, so 0·inf never occurs.
    ``scale`` > 0 means the slope is slope·2^−scale (a subnormal slope given exactly, see
    _scaled_slope). A slope below the dtype's normal range would be rounded to a few
    significant bits (3e−45 is 2.8e−45 in float32) or lose its trailing digits in the product:
    float32 goes through float64, and a subnormal float64 slope is applied as (x·slope·2^s)·2^−s,
    rounded once.
    """
    if slope == 0:
        return relu(x)
    info = np.finfo(x.dtype)
    if scale or not float(info.smallest_normal) <= abs(slope) <= float(info.max):
        if x.dtype == np.float32:
            with np.errstate(over="ignore"):
                return _slope_linear(x.astype(np.float64), slope, scale).astype(x.dtype)
        scaled, shift = _scaled_slope(slope, scale)
        out = np.clip(x, -np.inf, 0)
        np.multiply(out, scaled, out=out)
        np.multiply(out, 2.0 ** -shift, out=out)  # exact, or rounded once into the subnormals
        out += relu(x)
        return out
    # |slope·x| > max rounds to ±inf, which is then the correctly rounded result (slope > 1),
    # or is discarded by max/min in favour of x.
    with np.errstate(over="ignore"):
        out = np.multiply(x, slope, dtype=x.dtype)
    if 0 < slope <= 1:
        return np.maximum(out, x, out=out)
    if slope > 1:
        return np.minimum(out, x, out=out)
    np.clip(x, -np.inf, 0, out=out)
    with np.errstate(over="ignore"):  # a negative slope times a huge x: ±inf, correctly rounded
        np.multiply(out, slope, out=out)
    out += relu(x)
    return out


_SUBNORMAL_SHIFT = 600  # 2^600 lifts every subnormal slope into the normal range, far from overflow


def _scaled_slope(slope, scale):
    """(s, k) with s·2^−k = slope·2^−scale and s a normal float64 (|s| < 2^−400)."""
    if scale:
        return slope, scale
    return slope * 2.0 ** _SUBNORMAL_SHIFT, _SUBNORMAL_SHIFT


def _slope_derivative(x, slope):
    """1 for x > 0, slope for x ≤ 0: at the kink the negative side's slope (PyTorch)."""
    return _where_else(x, x > 0, 1, slope)


# -- the functions ---------------------------------------------------------------------------

def linear(x):
    """Identity: f(x) = x."""
    return x.copy()


def linear_derivative(x):
    """1 everywhere (NaN stays NaN)."""
    return _nan_kept(np.ones_like(x), x)


def relu(x):
    """max(0, x); NaN propagates."""
    return np.clip(x, 0, np.inf)


def relu_derivative(x):
    """1 for x > 0, else 0 (0 at the kink, as jax.nn and PyTorch take it); NaN propagates."""
    return _where_else(x, x > 0, 1)


def leaky_relu(x, negative_slope=0.01):
    """x for x ≥ 0, negative_slope·x below; default slope 0.01 (PyTorch, jax.nn)."""
    return _slope_linear(x, negative_slope)


def leaky_relu_derivative(x, negative_slope=0.01):
    """1 for x > 0, negative_slope for x ≤ 0."""
    return _slope_derivative(x, negative_slope)


def prelu(x, slope=0.25):
    """leaky_relu with the learned slope given as a parameter (PyTorch starts it at 0.25)."""
    return _slope_linear(x, slope)


def prelu_derivative(x, slope=0.25):
    """∂f/∂x: 1 for x > 0, slope for x ≤ 0."""
    return _slope_derivative(x, slope)


def _rrelu_slope(lower, upper):
    """The mean slope (lower + upper)/2 as (slope, scale) for _slope_linear: rounded once;
    where it is subnormal, kept exact as ((lower + upper)·2^600/2)·2^−600 (lower = upper =
    5e−324 would otherwise round to 0, or to a third of its value)."""
    if lower > upper:
        raise ParameterError(f"rrelu needs lower <= upper, got lower={lower:g} > upper={upper:g}")
    total = lower + upper
    if not math.isfinite(total):  # both near the max: halve first (exact there)
        return lower / 2 + upper / 2, 0
    if abs(total) < 2 * sys.float_info.min:  # the mean is subnormal
        lift = 2.0 ** _SUBNORMAL_SHIFT
        return (lower * lift + upper * lift) / 2, _SUBNORMAL_SHIFT
    return total / 2, 0


def rrelu(x, lower=1 / 8, upper=1 / 3):
    """Randomized leaky ReLU as at inference: leaky_relu with slope (lower + upper) / 2."""
    return _slope_linear(x, *_rrelu_slope(lower, upper))


def rrelu_derivative(x, lower=1 / 8, upper=1 / 3):
    """1 for x > 0, (lower + upper) / 2 for x ≤ 0."""
    slope, scale = _rrelu_slope(lower, upper)
    return _slope_derivative(x, slope * 2.0 ** -scale)


def relu6(x):
    """min(max(0, x), 6)."""
    return np.clip(x, 0, 6)


def relu6_derivative(x):
    """1 on (0, 6), 0 elsewhere, 0 at both corners (PyTorch and jax.nn)."""
    return _where_else(x, (x > 0) & (x < 6), 1)


def hard_sigmoid(x):
    """relu6(x + 3) / 6 (Keras 3, PyTorch, jax.nn)."""
    out = np.add(x, 3, dtype=x.dtype)
    np.clip(out, 0, 6, out=out)
    out /= 6
    return out


def hard_sigmoid_derivative(x):
    """1/6 on (-3, 3), 0 elsewhere and at the corners."""
    return _where_else(x, (x > -3) & (x < 3), 1 / 6)


def sparse_sigmoid(x):
    """clip((x + 1) / 2, 0, 1)."""
    out = np.add(x, 1, dtype=x.dtype)
    np.clip(out, 0, 2, out=out)
    out *= 0.5
    return out


def sparse_sigmoid_derivative(x):
    """1/2 on (-1, 1), 0 elsewhere and at the corners."""
    return _where_else(x, (x > -1) & (x < 1), 0.5)


def _check_bounds(min_val, max_val):
    if not min_val < max_val:
        raise ParameterError(f"hard_tanh needs min_val < max_val, got min_val={min_val:g}, "
                             f"max_val={max_val:g}")


def hard_tanh(x, min_val=-1.0, max_val=1.0):
    """clip(x, min_val, max_val); defaults -1 and 1 (PyTorch's Hardtanh)."""
    _check_bounds(min_val, max_val)
    return np.clip(x, _cast(x, min_val), _cast(x, max_val))


def hard_tanh_derivative(x, min_val=-1.0, max_val=1.0):
    """1 on (min_val, max_val), 0 elsewhere and at the corners (PyTorch)."""
    _check_bounds(min_val, max_val)
    return _where_else(x, (x > _below(x, min_val)) & (x < _above(x, max_val)), 1)


def hard_silu(x):
    """x · relu6(x + 3) / 6, evaluated as t · (clip(t + 3, 0, 6) / 6) with t = max(x, -3):
    the clamp keeps -inf from meeting a zero factor, and dividing before multiplying
    keeps x · 6 from overflowing."""
    t = np.clip(x, -3, np.inf)
    out = np.add(t, 3, dtype=x.dtype)
    np.clip(out, 0, 6, out=out)
    out /= 6
    out *= t
    out += 0  # -3 · 0 is -0.0; the function is +0 there (and printing "-0." would puzzle)
    return out


def hard_silu_derivative(x):
    """0 for x < -3, (2x + 3) / 6 on (-3, 3), 1 for x > 3; at x = ±3 the outer piece
    (PyTorch and jax.nn)."""
    inner = np.clip(x, -3, 3)
    inner *= 2
    inner += 3
    inner /= 6
    out = _where_else(x, x >= 3, 1)
    np.copyto(out, inner, where=(x > -3) & (x < 3))
    return out


def hard_shrink(x, threshold=0.5):
    """x where |x| > threshold, else 0 (0 at |x| = threshold, as PyTorch and Keras), as
    x · (|x| > threshold) + 0: NaN · 0 is NaN, ±inf are always kept (never inf · 0), and the
    + 0 turns the −0.0 of negative x in the band into 0."""
    out = np.multiply(x, np.abs(x) > _below(x, threshold), dtype=x.dtype)
    out += 0
    return out


def hard_shrink_derivative(x, threshold=0.5):
    """1 where |x| > threshold, 0 inside and at the jump (which has no derivative)."""
    return _where_else(x, np.abs(x) > _below(x, threshold), 1)


def soft_shrink(x, threshold=0.5):
    """sign(x) · max(|x| − threshold, 0), evaluated as x − clip(x, −threshold, threshold):
    one rounding, no branch, NaN and ±inf pass through.

    A threshold t that float32 cannot hold (0.1) lies between two neighbours lo < t < hi, and
    |x| > t exactly when |x| >= hi. There f(x) = (x − hi) + ε·sign(x) with ε = hi − t, and
    c − clip(c, −lo, lo), c = clip(x, −hi, hi), is ±(hi − lo) exactly there and 0 inside the
    band: scaled by ε / (hi − lo) it adds the ε, with no comparison and no float64 copy
    (float32(0.1) − 0.1 gives 1.49e-9, not 0; within 1.5 ULP)."""
    top = float(np.finfo(x.dtype).max)
    if _exact(x, threshold) or threshold > top:  # past float32's range only ±inf lie outside
        bound = x.dtype.type(min(threshold, top))
        out = np.clip(x, -bound, bound)
        np.subtract(x, out, out=out)
        return out
    lo, hi = _below(x, threshold), _above(x, threshold)
    with np.errstate(under="ignore"):  # a threshold near the subnormals has a tiny ε
        scale = x.dtype.type((float(hi) - threshold) / (float(hi) - float(lo)))  # exact, then rounded
    out = np.clip(x, -hi, hi)
    step = np.clip(out, -lo, lo)
    np.subtract(out, step, out=step)  # ±(hi − lo) outside the band, 0 inside
    step *= scale
    np.subtract(x, out, out=out)
    out += step
    return out


def soft_shrink_derivative(x, threshold=0.5):
    """1 where |x| > threshold, 0 inside and at ±threshold (PyTorch)."""
    return _where_else(x, np.abs(x) > _below(x, threshold), 1)


def threshold(x, threshold=REQUIRED, value=REQUIRED):
    """x where x > threshold, else value (PyTorch's Threshold; Keras' threshold/default_value).
    NaN is not <= threshold, so it passes through as itself."""
    return _select(x <= _below(x, threshold), value, x)


def threshold_derivative(x, threshold=REQUIRED, value=REQUIRED):
    """1 where x > threshold, 0 where x < threshold; 0 at the jump (PyTorch)."""
    return _where_else(x, x > _below(x, threshold), 1)


def sparse_plus(x):
    """0 for x ≤ −1, (x + 1)² / 4 on (−1, 1), x for x ≥ 1, evaluated as
    max(x, (clip(x, −1, 1) + 1)² / 4): the quadratic lies above x inside and below it
    outside (their difference is (x − 1)² / 4), so one max picks the right piece."""
    out = np.clip(x, -1, 1)
    out += 1
    np.square(out, out=out)
    out *= 0.25
    np.maximum(out, x, out=out)
    return out


def sparse_plus_derivative(x):
    """clip((x + 1) / 2, 0, 1), i.e. sparse_sigmoid: continuous, so no kink convention needed."""
    return sparse_sigmoid(x)


# -- the records -----------------------------------------------------------------------------

def _slope_param(name, default, doc):
    return Param(name, default, doc, real)


TORCH = "measured with torch 2.13.0 CPU"
KERAS_TORCH = "measured with keras 3.15.1 on its torch backend"


def _torch_rounds(param, example, command):
    """The note every thresholded record carries: where PyTorch's answer differs, and why."""
    return (f"The comparison with {param} is the exact one. PyTorch rounds {param} to the input's dtype "
            f"first, so {example} ({TORCH}: {command}).")


RELU_FAMILY_PITFALL = ("Units whose input stays negative get zero gradient and stop learning "
                       "('dead' units): try leaky_relu or a smaller learning rate.")

ENTRIES = (
    Activation(
        name="linear",
        aliases=("identity",),
        summary="The identity: passes the weighted sum through unchanged ('no activation').",
        function=linear,
        gradient=linear_derivative,
        formula="x",
        derivative_formula="1",
        range="(-∞, ∞)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=True,
        zero_centred=True,
        uses=("output",),
        initializer=GLOROT + " (the Keras Dense default; PyTorch gain 1)",
        input_scaling="scale the targets (normalize or standardize)",
        frameworks={"keras": "linear", "pytorch": "nn.Identity()", "jax": "jax.nn.identity"},
        notes=("A network whose every layer is linear is one linear map: use it on the output only.",),
        pitfalls=(
            "Regression targets should be scaled (normalized or standardized) before training.",
            "Regression: keep the output linear; a relu or sigmoid on it clips the predictions "
            "(ai.stackexchange.com/questions/26760).",
        ),
        references=("Tutorial: output layer, regression (linear activation, scaled targets).",),
    ),
    Activation(
        name="relu",
        summary="Rectified linear unit: the default hidden-layer activation of modern MLPs and CNNs.",
        function=relu,
        gradient=relu_derivative,
        formula="max(0, x)",
        derivative_formula="1 if x > 0 else 0",
        range="[0, ∞)",
        continuity="C0",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=HE + " (PyTorch gain √2)",
        input_scaling="[0, 1]",
        frameworks={
            "keras": "relu(negative_slope=0.0, max_value=None, threshold=0.0)",
            "pytorch": "nn.ReLU()",
            "jax": "jax.nn.relu",
        },
        kink="f'(0) is taken as 0 (jax.nn.relu's custom gradient; PyTorch's too).",
        bounds=(0.0, None),
        pitfalls=(RELU_FAMILY_PITFALL,),
        references=(
            "Deep Learning, 2016, p. 174: ReLU is the default recommendation in modern networks.",
            "Nair & Hinton 2010, Rectified linear units improve restricted Boltzmann machines.",
            "Glorot, Bordes & Bengio 2011, Deep sparse rectifier neural networks.",
        ),
    ),
    Activation(
        name="leaky_relu",
        summary="ReLU with a small slope for x < 0, so negative units still get a gradient.",
        function=leaky_relu,
        gradient=leaky_relu_derivative,
        params=(_slope_param("negative_slope", 0.01, "slope for x < 0 (PyTorch, jax.nn: 0.01)"),),
        formula="x if x ≥ 0 else negative_slope·x",
        derivative_formula="1 if x > 0 else negative_slope",
        range="(-∞, ∞)",
        continuity="C0",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=HE + " with the slope: PyTorch gain √(2 / (1 + a²)), a = negative_slope",
        input_scaling="[0, 1]; [-1, 1] for a GAN on images (DCGAN)",
        frameworks={
            "keras": "leaky_relu(negative_slope=0.2); layer LeakyReLU(negative_slope=0.3)",
            "pytorch": "nn.LeakyReLU(negative_slope=0.01)",
            "jax": "jax.nn.leaky_relu(negative_slope=0.01)",
        },
        kink="f'(0) is taken as negative_slope, as PyTorch does (x > 0 ? 1 : slope), so that slope 0 "
             "gives relu'(0) = 0; jax.nn's where(x >= 0, ...) gives 1 at 0.",
        notes=(
            "The default slope differs: 0.01 in PyTorch and jax.nn, 0.2 in the Keras function, "
            "0.3 in the Keras LeakyReLU layer. Say which one you mean.",
        ),
        pitfalls=("GAN discriminators conventionally use negative_slope=0.2, not the 0.01 default.",),
        references=("Maas, Hannun & Ng 2013, Rectifier nonlinearities improve neural network acoustic "
                    "models (ICML workshop).",),
    ),
    Activation(
        name="prelu",
        summary="Parametric ReLU: leaky_relu whose slope is learned; here the slope is a parameter.",
        function=prelu,
        gradient=prelu_derivative,
        params=(_slope_param("slope", 0.25, "the (learned) slope for x < 0; PyTorch starts it at 0.25"),),
        formula="x if x ≥ 0 else slope·x",
        derivative_formula="1 if x > 0 else slope (∂f/∂x; training also learns ∂f/∂slope = min(x, 0))",
        range="(-∞, ∞)",
        continuity="C0",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=HE + " with the slope: variance 2 / ((1 + a²)·fan_in) (He et al. 2015)",
        input_scaling="[0, 1]",
        frameworks={
            "keras": "layers.PReLU() — slope starts at 0 (alpha_initializer='zeros')",
            "pytorch": "nn.PReLU(num_parameters=1, init=0.25)",
            "jax": "—",
        },
        kink="f'(0) is taken as slope, as PyTorch's PReLU backward does (x > 0 ? 1 : slope).",
        notes=(
            "Evaluated as at inference: the slope is a parameter (default 0.25, PyTorch's initial "
            "value). In training it is learned, one per channel or one shared (num_parameters).",
            "The initial slope differs: 0.25 in PyTorch, 0 in Keras (which starts as plain relu).",
        ),
        pitfalls=("Weight decay on the slope pushes it toward 0 (relu); He et al. do not decay it.",),
        references=("He, Zhang, Ren & Sun 2015, Delving deep into rectifiers: surpassing human-level "
                    "performance on ImageNet classification (PReLU and He initialization).",),
    ),
    Activation(
        name="rrelu",
        summary="Randomized leaky ReLU: a random slope in training, the mean slope at inference.",
        function=rrelu,
        gradient=rrelu_derivative,
        params=(
            Param("lower", 1 / 8, "lower bound of the random slope (PyTorch: 1/8)", real),
            Param("upper", 1 / 3, "upper bound of the random slope (PyTorch: 1/3); lower <= upper", real),
        ),
        formula="x if x ≥ 0 else a·x, a = (lower + upper) / 2 at inference",
        derivative_formula="1 if x > 0 else (lower + upper) / 2",
        range="(-∞, ∞)",
        continuity="C0",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=HE + " with the slope: PyTorch gain √(2 / (1 + a²)), a = (lower + upper) / 2",
        input_scaling="[0, 1]",
        frameworks={"keras": "—", "pytorch": "nn.RReLU(lower=1/8, upper=1/3)", "jax": "—"},
        kink="f'(0) is taken as the slope (lower + upper) / 2, as PyTorch's eval-mode leaky_relu does.",
        notes=(
            "Evaluated as at inference (PyTorch eval mode): slope (lower + upper) / 2 ≈ 0.2292 by "
            "default. In training each element draws its slope uniformly from [lower, upper].",
        ),
        pitfalls=("Training and evaluation differ (random vs mean slope): call model.eval() to evaluate.",),
        references=("Xu, Wang, Chen & Li 2015, Empirical evaluation of rectified activations in "
                    "convolutional network.",),
    ),
    Activation(
        name="relu6",
        summary="ReLU capped at 6: robust in low-precision (mobile) networks.",
        function=relu6,
        gradient=relu6_derivative,
        formula="min(max(0, x), 6)",
        derivative_formula="1 if 0 < x < 6 else 0",
        range="[0, 6]",
        continuity="C0",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=HE,
        input_scaling="[0, 1]",
        frameworks={"keras": "relu6", "pytorch": "nn.ReLU6()", "jax": "jax.nn.relu6"},
        kink="f'(0) = f'(6) = 0: both corners take the outer value (PyTorch's hardtanh backward; "
             "jax.nn.relu6's custom gradient).",
        bounds=(0.0, 6.0),
        pitfalls=(RELU_FAMILY_PITFALL, "Units above 6 get zero gradient as well as those below 0."),
        references=("Krizhevsky 2010, Convolutional deep belief networks on CIFAR-10: ReLU capped at 6 "
                    "(ReLU-6), which learns sparse features earlier.",
                    "Sandler et al. 2018, MobileNetV2: Inverted Residuals and Linear Bottlenecks "
                    "(arXiv:1801.04381): ReLU6 \"because of its robustness when used with low-precision "
                    "computation\".",),
    ),
    Activation(
        name="hard_sigmoid",
        aliases=("hardsigmoid",),
        summary="Piecewise-linear sigmoid: cheap, exactly 0 below -3 and 1 above 3.",
        function=hard_sigmoid,
        gradient=hard_sigmoid_derivative,
        formula="relu6(x + 3) / 6",
        derivative_formula="1/6 if -3 < x < 3 else 0",
        range="[0, 1]",
        continuity="C0",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("gates", "output"),
        initializer=GLOROT,
        input_scaling="[0, 1]",
        frameworks={"keras": "hard_sigmoid", "pytorch": "nn.Hardsigmoid()", "jax": "jax.nn.hard_sigmoid"},
        kink="f'(±3) = 0: both corners take the outer value (PyTorch; jax.nn through relu6).",
        bounds=(0.0, 1.0),
        notes=(
            "Keras 2 used a different hard sigmoid, clip(0.2·x + 0.5, 0, 1) (corners at ±2.5); "
            "Keras 3, PyTorch and jax.nn use relu6(x + 3) / 6.",
        ),
        pitfalls=("Its gradient is 0 for |x| > 3: saturated gates stop learning, as with sigmoid.",),
        references=("Howard et al. 2019, Searching for MobileNetV3 (arXiv:1905.02244): h-sigmoid = "
                    "ReLU6(x + 3) / 6.",),
    ),
    Activation(
        name="sparse_sigmoid",
        summary="Sparse (piecewise-linear) sigmoid: exactly 0 below -1 and 1 above 1.",
        function=sparse_sigmoid,
        gradient=sparse_sigmoid_derivative,
        formula="clip((x + 1) / 2, 0, 1)",
        derivative_formula="1/2 if -1 < x < 1 else 0",
        range="[0, 1]",
        continuity="C0",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("gates", "output"),
        initializer=GLOROT,
        input_scaling="[0, 1]",
        frameworks={"keras": "sparse_sigmoid", "pytorch": "—", "jax": "jax.nn.sparse_sigmoid"},
        kink="f'(±1) is taken as 0 (the outer value), as for hard_sigmoid, and as Keras gives on its "
             "TensorFlow and PyTorch backends (where(x <= -1, 0, where(x >= 1, 1, (x + 1) / 2)) in "
             f"keras/src/backend/torch/nn.py; {KERAS_TORCH}). jax.nn.sparse_sigmoid, "
             "0.5·clip(x + 1, 0, 2) (jax/_src/nn/functions.py), gives 0.25 there: jnp.clip's max and "
             "min split the gradient ½–½ at a tie (jax-ml/jax#37821 shows ½ for jnp.maximum(x, 0) at 0).",
        bounds=(0.0, 1.0),
        notes=("It is the derivative of sparse_plus, as sigmoid is the derivative of softplus.",),
        references=("Courbariaux, Bengio & David 2015, BinaryConnect (arXiv:1511.00363): the \"hard "
                    "sigmoid\" σ(x) = clip((x + 1)/2, 0, 1) = max(0, min(1, (x + 1)/2)).",
                    "Martins & Astudillo 2016, From softmax to sparsemax (arXiv:1602.02068): the "
                    "sparsemax of [x, 0] is clip((x + 1)/2, 0, 1).",
                    "Blondel, Martins & Niculae 2019, Learning with Fenchel-Young losses "
                    "(arXiv:1901.02324), §6.2: the source jax.nn.sparse_sigmoid cites.",),
    ),
    Activation(
        name="hard_tanh",
        aliases=("hardtanh",),
        summary="Piecewise-linear tanh: the identity clipped to [min_val, max_val].",
        function=hard_tanh,
        gradient=hard_tanh_derivative,
        params=(
            Param("min_val", -1.0, "lower clip value (PyTorch: -1)", real),
            Param("max_val", 1.0, "upper clip value (PyTorch: 1); must exceed min_val", real),
        ),
        formula="clip(x, min_val, max_val)",
        derivative_formula="1 if min_val < x < max_val else 0",
        range="[-1, 1]",
        continuity="C0",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=True,
        zero_centred=True,
        uses=("hidden", "output"),
        initializer=GLOROT,
        input_scaling="[-1, 1]",
        frameworks={
            "keras": "hard_tanh (fixed at -1, 1)",
            "pytorch": "nn.Hardtanh(min_val=-1.0, max_val=1.0)",
            "jax": "jax.nn.hard_tanh (fixed at -1, 1)",
        },
        kink="f'(min_val) = f'(max_val) = 0: corners take the outer value, as PyTorch's hardtanh "
             f"backward does (and Keras on its torch backend; {KERAS_TORCH}). jax.nn.hard_tanh, "
             "where(x > 1, 1, where(x < -1, -1, x)) (jax/_src/nn/functions.py), gives 1 at ±1: "
             "its inner branch x is taken there.",
        bounds=(-1.0, 1.0),
        notes=("Only PyTorch lets you move the clip values; Keras and jax.nn fix them at -1 and 1.",
               _torch_rounds("min_val and max_val", "the derivative at float32 x = 0.3 (0.30000001) with "
                             "min_val=0.3 is 0 there and 1 here",
                             "F.hardtanh(x, 0.3, 1.0) backward at x = torch.tensor([0.3])")),
        pitfalls=("Units outside [min_val, max_val] get zero gradient.",),
        references=("Collobert 2004, Large scale machine learning (hard tanh).",),
    ),
    Activation(
        name="hard_silu",
        aliases=("hard_swish", "hardswish"),
        summary="Piecewise-polynomial SiLU (hard-swish): x·hard_sigmoid(x), cheap on mobile hardware.",
        function=hard_silu,
        gradient=hard_silu_derivative,
        formula="x · relu6(x + 3) / 6",
        derivative_formula="0 if x < -3; (2x + 3) / 6 if -3 < x < 3; 1 if x > 3",
        range="[-0.375, ∞)",
        continuity="C0",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=HE + " (common practice; no official gain)",
        input_scaling="[0, 1]",
        frameworks={
            "keras": "hard_silu (alias hard_swish)",
            "pytorch": "nn.Hardswish()",
            "jax": "jax.nn.hard_silu (alias hard_swish)",
        },
        kink="The derivative jumps at x = -3 (0 | -0.5) and x = 3 (1.5 | 1); each jump takes the outer "
             "piece, f'(-3) = 0 and f'(3) = 1, as jax.nn's x·hard_sigmoid(x) and recent PyTorch give "
             f"(torch 2.13.0: 0 and 1, {TORCH}). Older PyTorch took the inner piece, -0.5 and 1.5: "
             "1.10 (pytorch/pytorch#87778) through 2.6.0 (pytorch/pytorch#147801, fixed by PR #148049 "
             "in March 2025).",
        bounds=(-0.375, None),
        notes=("The minimum is -0.375 at x = -1.5.",
               f"hard_silu(-inf) = 0 (the limit); PyTorch gives NaN there ({TORCH}: "
               "F.hardswish(torch.tensor(float('-inf'))))."),
        references=("Howard et al. 2019, Searching for MobileNetV3 (arXiv:1905.02244): h-swish = "
                    "x·ReLU6(x + 3) / 6.",),
    ),
    Activation(
        name="hard_shrink",
        aliases=("hardshrink",),
        summary="Hard shrinkage: zeroes values with |x| ≤ threshold, passes the others unchanged.",
        function=hard_shrink,
        gradient=hard_shrink_derivative,
        params=(Param("threshold", 0.5, "zero band half-width, >= 0 (PyTorch calls it lambd)",
                      nonnegative),),
        formula="x if |x| > threshold else 0",
        derivative_formula="1 if |x| > threshold else 0",
        range="{0} ∪ {|y| > threshold}",
        continuity="discontinuous",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=True,
        uses=("hidden",),
        initializer=GLOROT,
        input_scaling="[-1, 1]",
        frameworks={
            "keras": "hard_shrink(threshold=0.5)",
            "pytorch": "nn.Hardshrink(lambd=0.5)",
            "jax": "—",
        },
        kink="f jumps at x = ±threshold, where it has no derivative; 0 is returned there (PyTorch: "
             "|x| ≤ lambd gives 0), and off the jump the derivative is 1 or 0.",
        notes=("PyTorch calls the parameter lambd, Keras threshold. f(±threshold) = 0 in both.",
               _torch_rounds("threshold", "float32 x = 0.1 (0.10000000149 > 0.1) with threshold=0.1 gives 0 "
                             "there and 0.1 here", "F.hardshrink(torch.tensor([0.1]), 0.1)")),
        references=("Donoho & Johnstone 1994, Ideal spatial adaptation by wavelet shrinkage "
                    "(hard thresholding).",),
    ),
    Activation(
        name="soft_shrink",
        aliases=("softshrink",),
        summary="Soft shrinkage: moves every value toward 0 by threshold, zeroing the band between.",
        function=soft_shrink,
        gradient=soft_shrink_derivative,
        params=(Param("threshold", 0.5, "shrinkage amount, >= 0 (PyTorch calls it lambd)", nonnegative),),
        formula="sign(x) · max(|x| − threshold, 0)",
        derivative_formula="1 if |x| > threshold else 0",
        range="(-∞, ∞)",
        continuity="C0",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=True,
        uses=("hidden",),
        initializer=GLOROT,
        input_scaling="[-1, 1]",
        frameworks={
            "keras": "soft_shrink(threshold=0.5)",
            "pytorch": "nn.Softshrink(lambd=0.5)",
            "jax": "—",
        },
        kink="f'(±threshold) is taken as 0 (PyTorch's softshrink backward).",
        notes=("PyTorch calls the parameter lambd, Keras threshold. It is the proximal operator of "
               "threshold·|x| (the L1 penalty), used in sparse coding (ISTA).",
               _torch_rounds("threshold", "float32 x = 0.1 with threshold=0.1 gives 0 there and 1.49e-9 "
                             "(x − 0.1, rounded once) here", "F.softshrink(torch.tensor([0.1]), 0.1)")),
        references=("Donoho 1995, De-noising by soft-thresholding.",),
    ),
    Activation(
        name="threshold",
        summary="Passes values above a threshold and replaces the rest with a fixed value.",
        function=threshold,
        gradient=threshold_derivative,
        params=(
            Param("threshold", REQUIRED, "values at or below it are replaced", real),
            Param("value", REQUIRED, "the replacement (Keras calls it default_value)", real),
        ),
        formula="x if x > threshold else value",
        derivative_formula="1 if x > threshold else 0",
        range="{value} ∪ (threshold, ∞)",
        continuity="discontinuous",
        monotonic=False,
        monotone_derivative=True,  # 0 then 1: non-decreasing, like relu's
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=HE + " (relu-like: threshold=0, value=0 is relu)",
        input_scaling="[0, 1]",
        frameworks={
            "keras": "threshold(threshold, default_value) — both required",
            "pytorch": "nn.Threshold(threshold, value) — both required",
            "jax": "—",
        },
        kink="f jumps at x = threshold unless value = threshold, and has no derivative there; 0 is "
             "returned (PyTorch: x <= threshold gives 0); elsewhere the derivative is 1 or 0.",
        notes=(
            "No framework gives threshold or value a default, so neither does actv: give both.",
            "It is continuous only when value = threshold, and monotonic only when value <= threshold.",
            "Keras calls value default_value.",
            _torch_rounds("threshold", "float32 x = 0.1 with threshold=0.1 gives value there and x here, "
                          "and x = 0 with threshold=-1e-50 (float32 rounds it to -0) gives value there and 0 "
                          "here", "F.threshold(torch.tensor([0.1]), 0.1, 5.0)"),
        ),
        references=("PyTorch documentation, torch.nn.Threshold: y = x if x > threshold, else value.",),
    ),
    Activation(
        name="sparse_plus",
        summary="Sparse softplus: exactly 0 below -1, the identity above 1, a parabola between.",
        function=sparse_plus,
        gradient=sparse_plus_derivative,
        formula="0 if x ≤ -1; (x + 1)² / 4 if -1 < x < 1; x if x ≥ 1",
        derivative_formula="clip((x + 1) / 2, 0, 1) = sparse_sigmoid(x)",
        range="[0, ∞)",
        continuity="C1",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden", "output"),
        initializer=HE + " (relu-like; no official gain)",
        input_scaling="[0, 1]",
        frameworks={"keras": "sparse_plus", "pytorch": "—", "jax": "jax.nn.sparse_plus"},
        bounds=(0.0, None),
        notes=("Its derivative is sparse_sigmoid, as softplus' derivative is sigmoid.",),
        references=("Martins & Astudillo 2016, From softmax to sparsemax (arXiv:1602.02068): the 2-class "
                    "sparsemax is clip((x + 1)/2, 0, 1), of which sparse_plus is the integral.",),
    ),
)
