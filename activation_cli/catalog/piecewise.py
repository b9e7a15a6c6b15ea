"""Piecewise-linear (and piecewise-polynomial) activations: the ReLU family, hard and
sparse variants, shrinkage and threshold functions."""
from __future__ import annotations

import numpy as np

from .record import Activation


def linear(x):
    """Identity: f(x) = x."""
    return x.copy()


def linear_derivative(x):
    return np.ones_like(x)


def relu(x):
    """max(0, x); NaN propagates."""
    return np.maximum(x, 0, dtype=x.dtype)


def relu_derivative(x):
    """1 for x > 0, else 0 (0 at the kink, as jax.nn and PyTorch take it); NaN propagates."""
    return np.where(np.isnan(x), x, (x > 0).astype(x.dtype))


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
        initializer="Glorot (Xavier) uniform / normal",
        input_scaling="standardize targets (normalize or standardize)",
        frameworks={"keras": "linear", "pytorch": "nn.Identity()", "jax": "jax.nn.identity"},
        notes=("A network whose every layer is linear is one linear map: use it on the output only.",),
        pitfalls=("Regression targets should be scaled (normalized or standardized) before training.",),
        references=("Tutorial: output layer, regression.",),
        family="piecewise",
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
        initializer="He (Kaiming) normal / uniform",
        input_scaling="[0, 1]",
        frameworks={
            "keras": "relu(negative_slope=0.0, max_value=None, threshold=0.0)",
            "pytorch": "nn.ReLU()",
            "jax": "jax.nn.relu",
        },
        kink="f'(0) is taken as 0 (jax.nn.relu's custom gradient; PyTorch's too).",
        bounds=(0.0, None),
        pitfalls=(
            "Units whose input stays negative get zero gradient and stop learning ('dead' units): "
            "try leaky_relu or a smaller learning rate.",
        ),
        references=("Deep Learning, 2016, p. 174: ReLU is the default recommendation in modern networks.",),
        family="piecewise",
    ),
)
