"""The ULP helper itself, and the first functions against their references."""
import mpmath
import numpy as np
import pytest

from activation_cli import get
from references import REFERENCES
from ulp import ulp_error


def test_ulp_error_counts_spacings():
    assert ulp_error(1.0 + 2.0**-52, mpmath.mpf(1), np.float64) == 1.0
    assert ulp_error(np.float32(1) + np.float32(2.0**-23), mpmath.mpf(1), np.float32) == 1.0
    assert ulp_error(float("inf"), mpmath.mpf(10) ** 400, np.float64) == 0.0
    assert ulp_error(1.0, mpmath.mpf(10) ** 400, np.float64) == float("inf")


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "linear"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_within_4_ulp_over_the_range(name, dtype):
    xs = np.concatenate([np.linspace(-60, 60, 241), -np.logspace(-30, 300, 34), np.logspace(-30, 300, 34)])
    xs = xs[np.abs(xs) <= np.finfo(dtype).max].astype(dtype)
    ys = get(name)(xs)
    worst = max(ulp_error(y, REFERENCES[name](mpmath.mpf(float(x))), dtype) for x, y in zip(xs, ys))
    assert worst <= 4
