"""Smooth activations built on exp, log and erf: the sigmoid and tanh families,
softplus and its relatives, the exponential-linear units and the self-gated ones."""
from __future__ import annotations

import numpy as np

from .record import Activation


def sigmoid(x):
    """1 / (1 + exp(-x)) through the exp(-|x|) split: no overflow, full accuracy in both tails."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(x):
    """σ(x)(1 − σ(x)) = e / (1 + e)² with e = exp(-|x|): even, no cancellation near σ = 1."""
    e = np.exp(-np.abs(x))
    return e / ((1 + e) * (1 + e))


def tanh(x):
    return np.tanh(x)


def tanh_derivative(x):
    """1 − tanh² = 4e / (1 + e)² with e = exp(-2|x|): no cancellation in the tails."""
    e = np.exp(-2 * np.abs(x))
    return 4 * e / ((1 + e) * (1 + e))


ENTRIES = (
    Activation(
        name="sigmoid",
        aliases=("logistic",),
        summary="The logistic function: squashes to (0, 1); the 1990s default, now for outputs and gates.",
        function=sigmoid,
        gradient=sigmoid_derivative,
        formula="1 / (1 + exp(-x))",
        derivative_formula="σ(x)·(1 − σ(x))",
        range="(0, 1)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("output", "gates", "hidden"),
        initializer="Glorot (Xavier) normal / uniform",
        input_scaling="[0, 1]",
        frameworks={"keras": "sigmoid", "pytorch": "nn.Sigmoid()", "jax": "jax.nn.sigmoid"},
        bounds=(0.0, 1.0),
        pitfalls=(
            "Saturates for |x| ≳ 5: gradients vanish in deep stacks of sigmoid layers.",
            "PyTorch: use BCEWithLogitsLoss on raw logits rather than sigmoid + BCELoss (pytorch/pytorch#751).",
        ),
        references=("Deep Learning, 2016, p. 195: tanh usually performs better than the logistic sigmoid.",),
        family="smooth",
    ),
    Activation(
        name="tanh",
        summary="Hyperbolic tangent: a zero-centred S-curve in (-1, 1); the default of the late 1990s-2010s.",
        function=tanh,
        gradient=tanh_derivative,
        formula="(exp(x) − exp(-x)) / (exp(x) + exp(-x))",
        derivative_formula="1 − tanh²(x)",
        range="(-1, 1)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=True,
        zero_centred=True,
        uses=("hidden", "gates", "output"),
        initializer="Glorot (Xavier) normal / uniform",
        input_scaling="[-1, 1]",
        frameworks={"keras": "tanh", "pytorch": "nn.Tanh()", "jax": "jax.nn.tanh"},
        bounds=(-1.0, 1.0),
        pitfalls=("Saturates for |x| ≳ 3: gradients vanish in deep stacks of tanh layers.",),
        references=("Deep Learning, 2016, p. 195: tanh usually performs better than the logistic sigmoid.",),
        family="smooth",
    ),
)
