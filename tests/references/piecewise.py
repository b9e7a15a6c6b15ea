"""mpmath references for the piecewise family, written from the definitions (REFERENCE.md §2),
independently of the package's code. Parameters arrive as Python floats."""
import mpmath
from mpmath import mpf


def _slope(x, a):
    return x if x >= 0 else mpf(a) * x


def _clip(x, lo, hi):
    return min(max(x, mpf(lo)), mpf(hi))


def hard_silu(x):
    return x * _clip(x + 3, 0, 6) / 6


def sparse_plus(x):
    if x <= -1:
        return mpf(0)
    if x >= 1:
        return x
    return (x + 1) ** 2 / 4


REFERENCES = {
    "linear": lambda x: mpf(x),
    "relu": lambda x: mpf(x) if x > 0 else mpf(0),
    "leaky_relu": lambda x, negative_slope=0.01: _slope(x, negative_slope),
    "prelu": lambda x, slope=0.25: _slope(x, slope),
    "rrelu": lambda x, lower=1 / 8, upper=1 / 3: _slope(x, (mpf(lower) + mpf(upper)) / 2),
    "relu6": lambda x: _clip(x, 0, 6),
    "hard_sigmoid": lambda x: _clip(x + 3, 0, 6) / 6,
    "sparse_sigmoid": lambda x: _clip((x + 1) / 2, 0, 1),
    "hard_tanh": lambda x, min_val=-1.0, max_val=1.0: _clip(x, min_val, max_val),
    "hard_silu": hard_silu,
    "hard_shrink": lambda x, threshold=0.5: x if abs(x) > threshold else mpf(0),
    "soft_shrink": lambda x, threshold=0.5: mpmath.sign(x) * max(abs(x) - mpf(threshold), 0),
    "threshold": lambda x, threshold, value: x if x > threshold else mpf(value),
    "sparse_plus": sparse_plus,
}


def _step(condition, inside=1, outside=0):
    return mpf(inside) if condition else mpf(outside)


# Derivatives with the kink conventions each record states (PyTorch / jax.nn).
DERIVATIVES = {
    "linear": lambda x: mpf(1),
    "relu": lambda x: _step(x > 0),
    "leaky_relu": lambda x, negative_slope=0.01: _step(x > 0, 1, negative_slope),
    "prelu": lambda x, slope=0.25: _step(x > 0, 1, slope),
    "rrelu": lambda x, lower=1 / 8, upper=1 / 3: _step(x > 0, 1, (mpf(lower) + mpf(upper)) / 2),
    "relu6": lambda x: _step(0 < x < 6),
    "hard_sigmoid": lambda x: _step(-3 < x < 3, mpf(1) / 6),
    "sparse_sigmoid": lambda x: _step(-1 < x < 1, mpf(1) / 2),
    "hard_tanh": lambda x, min_val=-1.0, max_val=1.0: _step(min_val < x < max_val),
    "hard_silu": lambda x: mpf(0) if x <= -3 else (mpf(1) if x >= 3 else (2 * x + 3) / 6),
    "hard_shrink": lambda x, threshold=0.5: _step(abs(x) > threshold),
    "soft_shrink": lambda x, threshold=0.5: _step(abs(x) > threshold),
    "threshold": lambda x, threshold, value: _step(x > threshold),
    "sparse_plus": lambda x: _clip((x + 1) / 2, 0, 1),
}
