"""Vector activations: functions of a whole vector along an axis (softmax and kin, glu).

Their derivative is a Jacobian; ``Activation.derivative`` returns it with the axis
moved last, input (..., n) -> (..., m, n), and ``jvp`` gives J·v without the matrix.
"""
from __future__ import annotations

import numpy as np

from .record import Activation, Param, integer

AXIS = Param("axis", -1, "the axis the vector runs along", integer)


def _shifted(x, axis):
    """x − max(x) along axis, with the rows the shift cannot handle decided:
    a row holding +inf gives 0 at each +inf and -inf elsewhere (the +inf entries share
    the mass); a row that is all -inf gives zeros (every entry equal: uniform); NaN stays NaN."""
    top = np.max(x, axis=axis, keepdims=True)
    finite = np.isfinite(top)
    shifted = np.where(finite, x - np.where(finite, top, 0), np.where(x == top, 0, -np.inf))
    return np.where(np.isnan(top), top, shifted).astype(x.dtype, copy=False)


def softmax(x, axis=-1):
    """exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x)."""
    e = np.exp(_shifted(x, axis))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_jacobian(x, axis=-1):
    """∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ), axis moved last."""
    s = np.moveaxis(softmax(x, axis), axis, -1)
    eye = np.eye(s.shape[-1], dtype=s.dtype)
    return s[..., :, None] * (eye - s[..., None, :])


def softmax_jvp(x, v, axis=-1):
    """J·v = s ⊙ (v − Σ s ⊙ v)."""
    s = softmax(x, axis)
    return s * (v - np.sum(s * v, axis=axis, keepdims=True))


ENTRIES = (
    Activation(
        name="softmax",
        summary="Turns a vector of scores into probabilities that sum to 1: the multiclass output.",
        function=softmax,
        gradient=softmax_jacobian,
        jvp_function=softmax_jvp,
        params=(AXIS,),
        vector=True,
        probability=True,
        formula="exp(xᵢ) / Σⱼ exp(xⱼ)",
        derivative_formula="∂sᵢ/∂xⱼ = sᵢ·(δᵢⱼ − sⱼ)",
        range="(0, 1), sums to 1",
        continuity="C∞",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("output",),
        initializer="Glorot (Xavier) uniform (the Keras Dense default)",
        input_scaling="any (shift-invariant: softmax(x + c) = softmax(x))",
        frameworks={
            "keras": "softmax(axis=-1)",
            "pytorch": "nn.Softmax(dim) — dim=None guesses the axis (deprecated); pass it",
            "jax": "jax.nn.softmax(axis=-1)",
        },
        bounds=(0.0, 1.0),
        notes=(
            "A row holding +inf gives its +inf entries equal shares of 1 and 0 elsewhere; a row that is "
            "all -inf gives the uniform vector (every entry equal). PyTorch and SciPy give NaN for both "
            "(pytorch/pytorch#25110). NaN anywhere in a row makes the row NaN.",
        ),
        pitfalls=(
            "PyTorch: nn.CrossEntropyLoss applies log-softmax itself; do not put softmax before it "
            "(double softmax).",
            "Keras: a softmax output with from_logits=True is wrong (keras-team/keras#6143).",
            "Multilabel targets need one sigmoid per class, not softmax (keras-team/keras#741).",
            "A size-1 softmax always outputs 1: for two classes use one sigmoid unit.",
        ),
        references=("Tutorial: output layer, multiclass classification.",),
        family="vector",
    ),
)
