"""mpmath references for the smooth family, written from the definitions (not from the
package) in forms that do not cancel at 256 bits; where a form does cancel (x − tanh x
near 0) the working precision is raised by the bits the subtraction loses."""
import mpmath
from mpmath import mpf

# Decimal constants are parsed at 300 bits: at mpmath's default 53 bits (this module may be
# imported before tests/ulp.py raises the precision) they would be rounded like float64's.
with mpmath.workprec(300):
    SELU_ALPHA = mpf("1.6732632423543772848170429916717")
    SELU_LAMBDA = mpf("1.0507009873554804934193349852946")
    GELU_C = mpf("0.044715")


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def _gelu_u2(x):
    """2u = 2·√(2/π)·(x + 0.044715·x³) for the tanh form of GELU."""
    return 2 * mpmath.sqrt(2 / mpmath.pi) * (x + GELU_C * x**3)


def _erfc(z):
    """erfc, with its asymptotic series beyond z = 1000 (mpmath's erfc fails for huge z); the
    series' relative error there is below 1e-20, far beyond float64's needs."""
    if z <= 1000:
        return mpmath.erfc(z)
    w = 1 / (2 * z * z)
    return mpmath.exp(-z * z) / (z * mpmath.sqrt(mpmath.pi)) * (1 - w + 3 * w**2 - 15 * w**3 + 105 * w**4)


def _ncdf(x):
    return _erfc(-x / mpmath.sqrt(2)) / 2


def tanh_shrink(x):
    if x == 0:
        return mpf(0)
    lost = max(0, int(-2 * mpmath.log(abs(x), 2))) + 16  # x − tanh x ≈ x³/3: 2·log2(1/|x|) bits cancel
    with mpmath.workprec(mpmath.mp.prec + lost):
        return +(x - mpmath.tanh(x))


def squareplus(x, b=4.0):
    b = mpf(b)
    root = mpmath.sqrt(x * x + b)
    if x >= 0:
        return (x + root) / 2
    return b / (2 * (root - x))  # = (x + root)/2 without the cancellation for x ≪ 0


def gelu(x, approximate="none"):
    if approximate == "tanh":
        return x * _sigmoid(_gelu_u2(x))  # ½x(1 + tanh u) = x·σ(2u)
    return x * _ncdf(x)


def mish(x):
    return x * mpmath.tanh(mpmath.log1p(mpmath.exp(x)))


REFERENCES = {
    "sigmoid": _sigmoid,
    "log_sigmoid": lambda x: -mpmath.log1p(mpmath.exp(-x)),
    "tanh": lambda x: mpmath.tanh(x),
    "tanh_shrink": tanh_shrink,
    "softsign": lambda x: x / (1 + abs(x)),
    "softplus": lambda x, beta=1.0: mpmath.log1p(mpmath.exp(mpf(beta) * x)) / mpf(beta),
    "squareplus": squareplus,
    "exponential": lambda x: mpmath.exp(x),
    "elu": lambda x, alpha=1.0: x if x > 0 else mpf(alpha) * mpmath.expm1(x),
    "celu": lambda x, alpha=1.0: x if x > 0 else mpf(alpha) * mpmath.expm1(x / mpf(alpha)),
    "selu": lambda x: SELU_LAMBDA * (x if x > 0 else SELU_ALPHA * mpmath.expm1(x)),
    "gelu": gelu,
    "silu": lambda x: x * _sigmoid(x),
    "mish": mish,
}


def _gelu_derivative(x, approximate="none"):
    if approximate == "tanh":
        v = _gelu_u2(x)
        s = _sigmoid(v)
        slope = 2 * mpmath.sqrt(2 / mpmath.pi) * (1 + 3 * GELU_C * x**2)
        return s + x * s * (1 - s) * slope
    return _ncdf(x) + x * mpmath.npdf(x)


def _mish_derivative(x):
    sp = mpmath.log1p(mpmath.exp(x))
    return mpmath.tanh(sp) + x * _sigmoid(x) * mpmath.sech(sp) ** 2


DERIVATIVES = {
    "sigmoid": lambda x: mpmath.exp(-x) / (1 + mpmath.exp(-x)) ** 2,
    "log_sigmoid": lambda x: 1 / (1 + mpmath.exp(x)),
    "tanh": lambda x: mpmath.sech(x) ** 2,
    "tanh_shrink": lambda x: mpmath.tanh(x) ** 2,
    "softsign": lambda x: 1 / (1 + abs(x)) ** 2,
    "softplus": lambda x, beta=1.0: _sigmoid(mpf(beta) * x),
    "squareplus": lambda x, b=4.0: squareplus(x, b) / mpmath.sqrt(x * x + mpf(b)),
    "exponential": lambda x: mpmath.exp(x),
    "elu": lambda x, alpha=1.0: mpf(1) if x > 0 else mpf(alpha) * mpmath.exp(x),
    "celu": lambda x, alpha=1.0: mpf(1) if x > 0 else mpmath.exp(x / mpf(alpha)),
    "selu": lambda x: SELU_LAMBDA if x > 0 else SELU_LAMBDA * SELU_ALPHA * mpmath.exp(x),
    "gelu": _gelu_derivative,
    "silu": lambda x: _sigmoid(x) * (1 + x * _sigmoid(-x)),
    "mish": _mish_derivative,
}
