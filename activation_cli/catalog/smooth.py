"""Smooth activations built on exp, log and erf: the sigmoid and tanh families,
softplus and its relatives, the exponential-linear units and the self-gated ones.

Numerics (REFERENCE.md §6): every function is written in a form without overflow or
cancellation, so it stays within a few ULP of the exact value over the whole finite
range and has the right limit at ±inf. Results are built in one buffer with ``out=``
chains, block by block for large arrays. float32 input is computed natively in float32
where that form is accurate to ≤ 4 ULP and fast; in float64 and rounded once where the
float32 form cannot reach 4 ULP (gelu, mish), where float64 is both exact and cheap
(tanh, exponential), and whenever a parameter is not its default (so that the parameter
is never rounded to float32).
"""
from __future__ import annotations

import functools
import math

import numpy as np

from .record import Activation, Param, choice, positive, real

# SELU's constants (Klambauer et al. 2017), to 32 digits.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_LAMBDA_ALPHA = 1.7580993408473768599402175208123  # λ·α, rounded once

_SQRT1_2 = 0.70710678118654752440  # 1/√2
_INV_SQRT_2PI = 0.39894228040143267794  # 1/√(2π)
_GELU_A = 1.5957691216057307117  # 2·√(2/π): the tanh form is x·σ(x·(A + B·x²))
_GELU_B = 0.071354816272600249  # 2·0.044715·√(2/π)


# -- helpers ----------------------------------------------------------------------------------

BLOCK = 65536  # elements per block: the few scratch arrays of a block stay in cache (L2)


def _elementwise(function):
    """Run ``function`` on blocks of at most BLOCK elements of the flattened input.

    Each function chains 5-20 ufuncs; on a block their scratch arrays stay in the CPU cache
    and are recycled by malloc instead of being fresh pages (at 10⁶ elements this halves the
    time of sigmoid and cuts mish and gelu by 3× and 1.7×). Also gives 0-d input a 0-d result
    (the out= chains need arrays, not numpy scalars)."""
    @functools.wraps(function)
    def run(x, **params):
        if x.ndim == 0:
            return function(x.reshape(1), **params).reshape(())
        if x.size <= BLOCK:
            return function(x, **params)
        flat = x.reshape(-1)
        out = np.empty(flat.shape, dtype=x.dtype)
        for start in range(0, flat.size, BLOCK):
            out[start:start + BLOCK] = function(flat[start:start + BLOCK], **params)
        return out.reshape(x.shape)
    return run


def _empty(x):
    """A result buffer like ``x`` (0-d arrays included: ufuncs given out= return it)."""
    return np.empty_like(x)


def _wide(x):
    """float32 → float64 for the forms that need it (rounded once at the end by _narrow)."""
    return x.astype(np.float64) if x.dtype == np.float32 else x


def _narrow(result, like):
    # A float64 result beyond float32's max rounds to inf in the cast: that is the correctly
    # rounded float32 value (it arises only with large parameters, e.g. elu alpha=1e300).
    with np.errstate(over="ignore"):
        return result.astype(like.dtype, copy=False)


def _fmax(x) -> float:
    return float(np.finfo(x.dtype).max)


def _sigmoid(x, out, negate=False):
    """σ(x) (σ(−x) if ``negate``) into ``out`` as 1/(1 + exp(−x)), with −x capped below exp's
    overflow (709 in float64, 88 in float32); where the cap binds (x < −700, resp. −80) the
    tail e/(1 + e), e = exp(x), is recomputed on that subset. One exp and five passes: masked
    selects (np.where/copyto) cost 4-6 ns per element on mixed signs, an exp 0.3-0.6."""
    double = x.dtype == np.float64
    if negate:
        np.copyto(out, x)
    else:
        np.negative(x, out=out)
    np.minimum(out, 709.0 if double else 88.0, out=out)  # NaN passes through
    np.exp(out, out=out)
    np.add(out, 1, out=out)
    np.divide(1, out, out=out)
    cut = 700.0 if double else 80.0
    mask = (x > cut) if negate else (x < -cut)
    if mask.any():
        tail = x[mask]
        e = np.exp(-tail if negate else tail)
        out[mask] = e / (1 + e)
    return out


def _sigmoid_slope(x, out):
    """σ'(x) = σ(x)·σ(-x) = e/(1+e)² with e = exp(-|x|): even, no cancellation near σ = 1."""
    np.abs(x, out=out)
    np.negative(out, out=out)
    np.exp(out, out=out)
    denominator = out + 1
    np.divide(out, denominator, out=out)
    return np.divide(out, denominator, out=out)


def _tail_product(x, out, cut, shift=0, scale=None):
    """Where x < −cut, out = (x + shift)·eˣ computed as ((x + shift)·h)·h with h = exp(x/2):
    there the result is subnormal, and x·exp(x) would multiply exp's subnormal rounding error
    by |x| (hundreds of ULP); the split rounds once into the subnormal range. Beyond ``cut``,
    silu and mish equal x·eˣ, and their derivatives (1 + x)·eˣ, to working precision.
    With ``scale``, out = scale·eˣ there instead (elu′ with a large α)."""
    mask = x < -cut
    if mask.any():
        tail = np.maximum(x[mask], -_fmax(x))  # -inf → -max, so that the product is −0, not NaN
        h = np.exp(tail * 0.5)
        out[mask] = ((tail + shift) if scale is None else scale) * h * h
    return out


# -- sigmoid family ---------------------------------------------------------------------------

@_elementwise
def sigmoid(x):
    """σ(x) = 1 / (1 + exp(-x)), via the exp(-|x|) split."""
    return _sigmoid(x, _empty(x))


@_elementwise
def sigmoid_derivative(x):
    """σ(x)·(1 − σ(x)) = e / (1 + e)² with e = exp(-|x|)."""
    return _sigmoid_slope(x, _empty(x))


@_elementwise
def log_sigmoid(x):
    """log σ(x) = min(x, 0) − log1p(exp(-|x|)); -inf at -inf, 0 at +inf."""
    out = np.abs(x, out=_empty(x))
    np.negative(out, out=out)
    np.exp(out, out=out)
    np.log1p(out, out=out)
    return np.subtract(np.minimum(x, 0), out, out=out)


@_elementwise
def log_sigmoid_derivative(x):
    """σ(-x) = 1 − σ(x), computed directly (no cancellation for x ≫ 0)."""
    return _sigmoid(x, _empty(x), negate=True)


@_elementwise
def tanh(x):
    """tanh(x); ±1 at ±inf. float32 goes through float64 (0.5 ULP instead of numpy's 1.24,
    still faster than torch's float32 tanh)."""
    wide = _wide(x)
    return _narrow(np.tanh(wide, out=_empty(wide)), x)


@_elementwise
def tanh_derivative(x):
    """1 − tanh²(x) = 4e / (1 + e)² with e = exp(-2|x|); |x| is capped at 400 (e^-800 is 0)
    so that 2|x| never overflows."""
    out = np.abs(x, out=_empty(x))
    np.minimum(out, 400, out=out)
    np.multiply(out, -2, out=out)
    np.exp(out, out=out)
    denominator = out + 1
    np.multiply(out, 4, out=out)
    np.divide(out, denominator, out=out)
    return np.divide(out, denominator, out=out)


_SHRINK_CUT = 1.5  # below it x − tanh x cancels; above it the subtraction loses < 1 bit


@_elementwise
def tanh_shrink(x):
    """x − tanh(x). For |x| < 1.5 through Lambert's continued fraction
    tanh x = x / (1 + x²/(3 + x²/(5 + …))), which gives x − tanh x = x³ / (K + x²) with
    K = 3 + x²/(5 + x²/(7 + …)): every term is positive, so nothing cancels."""
    small = np.clip(x, -_SHRINK_CUT, _SHRINK_CUT, out=_empty(x))
    square = np.multiply(small, small)
    depth = 11 if x.dtype == np.float64 else 6  # truncation error < ½ ULP at |x| = 1.5
    k = np.full_like(x, 2 * depth + 3)
    for odd in range(2 * depth + 1, 2, -2):
        np.divide(square, k, out=k)
        np.add(k, odd, out=k)
    np.add(k, square, out=k)
    np.multiply(square, small, out=square)
    np.divide(square, k, out=small)
    out = np.tanh(x, out=k)
    np.subtract(x, out, out=out)
    # Select without a masked copy: each branch is finite where it is chosen (small is
    # always finite; out is finite for |x| < 1.5), so the 0/1 weights never meet inf.
    inside = np.abs(x) < _SHRINK_CUT
    np.multiply(small, inside, out=small)
    np.logical_not(inside, out=inside)
    np.multiply(out, inside, out=out)
    return np.add(out, small, out=out)


@_elementwise
def tanh_shrink_derivative(x):
    """1 − (1 − tanh²x) = tanh²(x)."""
    out = np.tanh(x, out=_empty(x))
    return np.multiply(out, out, out=out)


@_elementwise
def softsign(x):
    """x / (1 + |x|); x is clipped to the finite range first, so ±inf gives ±1."""
    big = _fmax(x)
    out = np.clip(x, -big, big, out=_empty(x))
    denominator = np.abs(out)
    np.add(denominator, 1, out=denominator)
    return np.divide(out, denominator, out=out)


@_elementwise
def softsign_derivative(x):
    """1 / (1 + |x|)², squared after the division so that it underflows instead of overflowing."""
    out = np.abs(x, out=_empty(x))
    np.add(out, 1, out=out)
    np.reciprocal(out, out=out)
    return np.multiply(out, out, out=out)


# -- softplus family --------------------------------------------------------------------------

def _beta_cap(beta: float) -> float:
    """|x| beyond which exp(-β|x|) is 0 in float64: capping there keeps β|x| finite."""
    return 800 / beta


@_elementwise
def softplus(x, beta=1.0):
    """(1/β)·log(1 + exp(βx)) = max(x, 0) + log1p(exp(-β|x|))/β; exact everywhere
    (no threshold switch)."""
    if beta == 1:
        out = np.abs(x, out=_empty(x))
        np.negative(out, out=out)
        np.exp(out, out=out)
        np.log1p(out, out=out)
        return np.add(out, np.maximum(x, 0), out=out)
    wide = _wide(x)
    out = np.abs(wide, out=_empty(wide))
    cap = min(_beta_cap(beta), _fmax(wide))  # 800/β is inf for β < 4.5e−306: then cap at max
    np.minimum(out, cap, out=out)
    # β|x| = a + da exactly (Dekker): rounding it would cost β|x| ULP in the negative tail,
    # where log1p(exp(−a)) ≈ exp(−a); first-order correction −e·da/(1 + e), e = exp(−a).
    # With β = m·2^k, β|x| = m·(|x|·2^k): |x|·2^k ≤ 1600 stays in the split's range for every β.
    mantissa, exponent = math.frexp(beta)
    scaled, error = _two_product(np.ldexp(out, exponent), mantissa, _split(np.float64(mantissa)))
    deep = (scaled > 700) if beta < 1 else None
    e = np.exp(-scaled)
    np.log1p(e, out=out)
    correction = np.multiply(error, e)
    np.add(e, 1, out=e)
    np.divide(correction, e, out=correction)
    np.subtract(out, correction, out=out)
    with np.errstate(over="ignore"):  # log(2)/β > max only for β < 4e-309: inf is then exact
        np.divide(out, beta, out=out)
    if deep is not None and deep.any():
        # exp(−a) is subnormal (a > 745: 0) where exp(−a)/β is not (β = 1e−10 at x = −7.45e12:
        # 2.8e−314, not 4.9e−314): (h·(h/β))·(1 − da) with h = exp(−a/2) rounds once.
        h = np.exp(-0.5 * scaled[deep])
        out[deep] = h * (h / beta) * (1 - error[deep])
    if cap < _beta_cap(beta):  # at −max, β|x| may be small (the value overflows); at −inf it is 0
        np.copyto(out, 0, where=np.isneginf(wide))
    np.add(out, np.maximum(wide, 0), out=out)
    return _narrow(out, x)


@_elementwise
def softplus_derivative(x, beta=1.0):
    """σ(βx)."""
    if beta == 1:
        return _sigmoid(x, _empty(x))
    wide = _wide(x)
    cap = _beta_cap(beta)
    scaled = np.clip(wide, -cap, cap)
    np.multiply(scaled, beta, out=scaled)
    return _narrow(_sigmoid(scaled, _empty(scaled)), x)


def _root(x, b):
    """√(x² + b) without overflow: for b = 4 by clamping |x| (beyond 1e150, resp. 1e18 in
    float32, √(x² + 4) rounds to |x|); otherwise hypot (accurate but slower)."""
    if b != 4:
        return np.hypot(x, math.sqrt(b))
    magnitude = np.abs(x)
    out = np.minimum(magnitude, 1e150 if x.dtype == np.float64 else 1e18)
    np.multiply(out, out, out=out)
    np.add(out, 4, out=out)
    np.sqrt(out, out=out)
    return np.maximum(out, magnitude, out=out)


@_elementwise
def squareplus(x, b=4.0):
    """(x + √(x² + b)) / 2, free of cancellation: at −|x| it equals (b/4)/((√(x² + b) + |x|)/2)
    (since f(x)·f(−x) = b/4), and f(x) = f(−x) + x adds two non-negative terms for x > 0."""
    wide = x if b == 4 else _wide(x)
    out = _root(wide, b)
    np.multiply(out, 0.5, out=out)
    half = np.abs(wide)
    np.multiply(half, 0.5, out=half)
    np.add(out, half, out=out)
    if b >= 2.0 ** -1020:
        np.divide(b / 4, out, out=out)  # f(−|x|)
    else:  # b/4 would round in the subnormals (to 0 for b = 5e−324): b·(¼/D), ¼/D ≤ 1/(2√b) is finite
        np.divide(0.25, out, out=out)
        np.multiply(out, b, out=out)
    np.add(out, np.maximum(wide, 0, out=half), out=out)
    return _narrow(out, x)


@_elementwise
def squareplus_derivative(x, b=4.0):
    """(1 + x/√(x² + b))/2 = f(x)/√(x² + b): no cancellation for x ≪ 0; ±inf clipped to ±max."""
    wide = x if b == 4 else _wide(x)
    big = _fmax(wide)
    clipped = np.clip(wide, -big, big)
    out = squareplus(clipped, b=b)
    return _narrow(np.divide(out, _root(clipped, b), out=out), x)


@_elementwise
def exponential(x):
    """exp(x)."""
    wide = _wide(x)  # float32 through float64: 0.5 ULP instead of numpy's 1.9, at 1.5× the time
    with np.errstate(over="ignore"):  # exp(x) > max rounds to inf: inf is the correctly rounded value
        return _narrow(np.exp(wide, out=_empty(wide)), x)


# -- exponential linear units -----------------------------------------------------------------

@_elementwise
def elu(x, alpha=1.0):
    """max(x, 0) + α·expm1(min(x, 0)): x for x > 0, α(eˣ − 1) otherwise; −α at −inf."""
    wide = x if alpha == 1 else _wide(x)
    out = np.minimum(wide, 0, out=_empty(wide))
    np.expm1(out, out=out)
    if alpha != 1:
        np.multiply(out, alpha, out=out)
    np.add(out, np.maximum(wide, 0), out=out)
    return _narrow(out, x)


@_elementwise
def elu_derivative(x, alpha=1.0):
    """1 for x > 0, α·eˣ for x ≤ 0 (α at 0, the left limit, as PyTorch and jax.nn take it)."""
    wide = x if alpha == 1 else _wide(x)
    out = np.minimum(wide, 0, out=_empty(wide))
    np.exp(out, out=out)  # exp(min(x, 0)) is already 1 for x > 0
    if alpha != 1:
        np.multiply(out, alpha, out=out)
        out = np.where(wide > 0, 1, out)
        if alpha > 1:  # eˣ underflows before α·eˣ does (α = 1e300 at −1000: 5e−135, not 0)
            _tail_product(wide, out, 700, scale=alpha)
    return _narrow(out, x)


def _celu_argument(x, alpha):
    """min(x, 0)/α, floored at −800 (exp and expm1 are already 0 and −1 there) so that
    the division never overflows."""
    out = np.minimum(x, 0, out=_empty(x))
    if alpha != 1:
        np.maximum(out, -800 * alpha, out=out)
        np.divide(out, alpha, out=out)
    return out


@_elementwise
def celu(x, alpha=1.0):
    """max(x, 0) + α·expm1(min(x, 0)/α); −α at −inf."""
    wide = x if alpha == 1 else _wide(x)
    argument = _celu_argument(wide, alpha)
    out = np.expm1(argument)
    if alpha != 1:
        np.multiply(out, alpha, out=out)
    np.add(out, np.maximum(wide, 0), out=out)
    if alpha > 1:
        # Where |x/α| < 2⁻⁵⁴, α·expm1(x/α) = x·(1 + x/2α + …) rounds to x; computing it loses
        # everything once x/α is subnormal (α = 1e300 at x = −1e−20: 7e10 ULP).
        np.copyto(out, wide, where=np.abs(argument) < 2.0 ** -54)
    return _narrow(out, x)


@_elementwise
def celu_derivative(x, alpha=1.0):
    """1 for x > 0, exp(x/α) for x ≤ 0 (continuous: 1 at 0)."""
    wide = x if alpha == 1 else _wide(x)
    return _narrow(np.exp(_celu_argument(wide, alpha)), x)  # exp(0) = 1 for x > 0


@_elementwise
def selu(x):
    """λ·max(x, 0) + λα·expm1(min(x, 0))."""
    out = np.minimum(x, 0, out=_empty(x))
    np.expm1(out, out=out)
    np.multiply(out, SELU_LAMBDA_ALPHA, out=out)
    positive_part = np.maximum(x, 0)
    with np.errstate(over="ignore"):  # λx > max only where the exact value rounds to inf
        np.multiply(positive_part, SELU_LAMBDA, out=positive_part)
    return np.add(out, positive_part, out=out)


@_elementwise
def selu_derivative(x):
    """λ for x > 0, λα·eˣ for x ≤ 0 (λα at 0, the left limit, as PyTorch and jax.nn take it)."""
    # λ·(α·exp(min(x, 0)) − (α − 1)·[x > 0]): for x > 0 that is λ·(α − (α − 1)) = λ exactly
    # (both subtractions are exact by Sterbenz's lemma), without a masked select.
    out = np.minimum(x, 0, out=_empty(x))
    np.exp(out, out=out)
    alpha = x.dtype.type(SELU_ALPHA)  # α − 1 in the same precision, so that α − (α − 1) = 1
    np.multiply(out, alpha, out=out)
    step = np.greater(x, 0).astype(x.dtype)
    np.multiply(step, alpha - 1, out=step)
    np.subtract(out, step, out=out)
    return np.multiply(out, SELU_LAMBDA, out=out)


# -- self-gated: gelu, silu, mish -------------------------------------------------------------

def gelu(x, approximate="none"):
    """x·Φ(x). Exact: (x/2)·erfc(−x/√2) (erfc keeps the negative tail, where 1 + erf(x/√2)
    is 0 from x ≈ −9); in float64 [−3, 0) see _gelu_near and x < −3 _gelu_tail; float32 has
    its own kernel, _gelu_float32 (blocked by itself, writing straight into the result).
    approximate="tanh": ½x(1 + tanh u) = x·σ(2u), u = √(2/π)(x + 0.044715x³), float32
    computed in float64: the tail's argument rounding (condition number ≈ x²) would cost
    hundreds of float32 ULP."""
    if approximate != "tanh" and x.dtype == np.float32:
        return _gelu_float32(x)
    return _gelu_wide(x, approximate=approximate)


@_elementwise
def _gelu_wide(x, approximate):
    wide = _wide(x)
    if approximate == "tanh":
        out = _gelu_tanh(wide)
        if x.dtype == np.float64:
            _gelu_tanh_tail(wide, out)
        return _narrow(out, x)
    from scipy.special import erfc, erfcx  # here, so that other commands never import scipy

    half = np.maximum(wide, -_fmax(wide), out=_empty(wide))  # -inf → -max: gives −0, not NaN
    out = np.multiply(half, -_SQRT1_2)
    erfc(out, out=out)
    np.multiply(half, 0.5, out=half)
    np.multiply(out, half, out=out)
    if x.dtype == np.float64:
        _gelu_tail(wide, out, erfcx)
        _gelu_near(wide, out)
    return _narrow(out, x)


# float32 exact GELU: constants from benchmarks/fit_gelu_float32.py (erfcx(w)/√2 ≈ K·wP(w)/Q(w)
# on [0, 10.75] to 6.5e-9 relative, 0.1 float32 ULP).
_GELU32_LOG_K = -0.9189281358089025
_GELU32_P = (6.952454681479354, 22.105042587254783, 37.29749304703141, 29.992140041207566)  # monic
_GELU32_Q = (6.952932448265964, 22.598482448172707, 40.8395738488366, 40.13687455415765, 16.921428828168217)
_GELU32_W_MAX = 10.75  # w = |x|/√2; from |x| ≈ 14.4 on, x·Φ(x) (x < 0) rounds to 0 in float32
_GELU32_BLOCK = 32768  # the three float64 scratch arrays (256 KB each) stay in L2 (1 MB)


def _gelu_float32(x):
    """x·Φ(x) for float32 in ~25 float64 passes and one exp, instead of scipy's erfc (14 ns per
    element): with w = |x|/√2, |x|·Φ(−|x|) = exp(log K − w²)·w·P(w)/Q(w), and
    gelu(x) = max(x, 0) − |x|·Φ(−|x|), which for x < 0 is −|x|·Φ(x) itself and for x > 0
    subtracts at most a third of x: no cancellation. In float64, w² and the exponent are exact
    to ~1e−14 however deep the tail (rounding w in float32 would cost ~x² ULP, the condition
    number); the rational's error (6.5e−9) and the float64 roundings stay below 0.2 float32
    ULP; |x|·Φ(−|x|) is rounded to float32 once and the subtraction once more (≤ 0.8 ULP in
    all, measured). ±inf and NaN need no special case: w is clipped (inf → W_MAX, where the
    product is ~1e−50) and NaN passes through. The scratch arrays are allocated once and
    reused block after block."""
    flat = x.reshape(-1)
    out = np.empty(flat.shape, dtype=np.float32)
    size = min(_GELU32_BLOCK, flat.size)
    w, p, q = np.empty(size), np.empty(size), np.empty(size)
    tail = np.empty(size, dtype=np.float32)
    for start in range(0, flat.size, _GELU32_BLOCK):
        part = flat[start:start + _GELU32_BLOCK]
        if part.size != w.size:  # the last block
            w, p, q, tail = w[:part.size], p[:part.size], q[:part.size], tail[:part.size]
        np.multiply(part, _SQRT1_2, out=w, dtype=np.float64)
        np.abs(w, out=w)
        np.clip(w, 0, _GELU32_W_MAX, out=w)
        np.add(w, _GELU32_P[0], out=p)
        for c in _GELU32_P[1:]:
            np.multiply(p, w, out=p)
            np.add(p, c, out=p)
        np.multiply(p, w, out=p)
        np.add(w, _GELU32_Q[0], out=q)
        for c in _GELU32_Q[1:]:
            np.multiply(q, w, out=q)
            np.add(q, c, out=q)
        np.square(w, out=w)
        np.subtract(_GELU32_LOG_K, w, out=w)
        np.exp(w, out=w)
        np.multiply(p, w, out=p)
        np.divide(p, q, out=tail, casting="same_kind")  # |x|·Φ(−|x|), rounded to float32
        result = out[start:start + _GELU32_BLOCK]
        np.clip(part, 0, np.inf, out=result)
        np.subtract(result, tail, out=result)
    return out.reshape(x.shape)


_SPLIT = 134217729.0  # 2^27 + 1: Dekker's splitter for float64
_SQRT1_2_LOW = -4.833646656726457e-17  # 1/√2 − _SQRT1_2
_SQRT1_2_HIGH_PARTS = (0.7071067839860916, -2.7995440410322203e-09)  # _SQRT1_2 split in halves


def _split(a):
    """a = high + low exactly, each half with at most 26 significant bits (Dekker; |a| ≤ 1e300)."""
    scaled = a * _SPLIT
    high = scaled - (scaled - a)
    return high, a - high


def _two_product(a, b, b_parts):
    """a·b and its rounding error, exactly: product + error == a·b (Dekker, no FMA in numpy)."""
    product = a * b
    high, low = _split(a)
    error = ((high * b_parts[0] - product) + high * b_parts[1] + low * b_parts[0]) + low * b_parts[1]
    return product, error


def _gelu_tail(x, out, erfcx):
    """Exact GELU for x < −3 in float64, beyond its conditioning: erfc(z) at z = −x/√2 is
    erfcx(z)·exp(−z²), with z and z² carried to double-double precision (Dekker products) and
    their low parts applied as a first-order correction, d ln erfc/dz = −2/(√π·erfcx(z)).
    Without it the rounding of z alone costs ~x² ULP (996 ULP at x ≈ −34), and scipy's erfc
    is itself 475 ULP off in the tail. Where exp(−z²) is subnormal it is split in two halves
    so that the result is rounded once."""
    mask = x < -_GELU_TABLE_END
    if not mask.any():
        return
    tail = np.maximum(x[mask], -40.0)  # gelu(−40) = −1e−349 is already 0
    w, w_error = _two_product(tail, _SQRT1_2, _SQRT1_2_HIGH_PARTS)
    z = -w
    delta = -(w_error + tail * _SQRT1_2_LOW)  # exact −x/√2 − z
    square, square_error = _two_product(z, z, _split(z))
    scaled = erfcx(z)
    correction = 1 - square_error - delta * (2 / math.sqrt(math.pi)) / scaled
    value = 0.5 * tail * (scaled * correction)
    result = value * np.exp(-square)
    deep = square > 700
    if deep.any():
        h = np.exp(-0.5 * square[deep])
        result[deep] = value[deep] * h * h
    out[mask] = result


# gelu and gelu′ on [−3, 0): Taylor tables from benchmarks/fit_gelu_float64.py (see there).
_GELU_TABLE_END = 3.0
_GELU_ROOT = (0.7517915246935645, -1.4956759177009883e-17)  # r = high + low: m(r) = r
_GELU_INTERVAL = 0.75
_GELU_CENTRES = np.array((0.375, 1.125, 1.875, 2.625))
_GELU_MILLS = (  # Taylor coefficients of m(t)/√(2π) about each centre, lowest first
    (0.37960442786885923, -0.25659061995061044, 0.14169147269369015, -0.06781877256349222,
     0.029064858245595144, -0.011383890144278808, 0.004132649906915098, -0.001404878061312235,
     0.0004507275792403763, -0.00013731724656634379, 3.9923361177799735e-05, -1.1122362374969898e-05,
     2.9793729405988352e-06, -7.696228863265643e-07, 1.921974541590267e-07, -4.650325606779528e-08,
     1.0922420820850218e-08, -2.4945498976456734e-09, 5.548313671796161e-10, -1.203414807870167e-10),
    (0.24533138893179401, -0.12294446785316443, 0.05350943129849201, -0.02091545254745364,
     0.007494886795651667, -0.002496740980469103, 0.000781008865437321, -0.0002311580009788738,
     6.5119514292011e-05, -1.7544283044484603e-05, 4.538219586696582e-06, -1.1307987281319043e-06,
     2.7217258479568246e-07, -6.34311207874432e-08, 1.4343755279272062e-08, -3.152959739884142e-09,
     6.747922232439001e-10, -1.4081285227851496e-10, 2.8687653579476155e-11),
    (0.1762908913558997, -0.06839685910912076, 0.024023390263149137, -0.007784334121905374,
     0.00235694094614414, -0.0006730139695770223, 0.0001825066255312039, -4.725914952943071e-05,
     1.1736965020440166e-05, -2.8058155684561556e-06, 6.476060829584873e-07, -1.446867420826356e-07,
     3.135987012946213e-08, -6.606691199222623e-09, 1.3551660093514085e-09, -2.710503287792488e-10,
     5.2934165180644806e-11, -1.0105809945031752e-11),
    (0.1358355990527586, -0.04237383288794133, 0.012302143860956306, -0.003360235084310342,
     0.0008703816911604144, -0.0002150966290028509, 5.095884000465514e-05, -1.161852485580445e-05,
     2.557526532271057e-06, -5.450019676214363e-07, 1.1268963672647867e-07, -2.265378829222089e-08,
     4.4352868716165705e-09, -8.470123272482607e-10, 1.5799139375642041e-10, -2.8818994575843807e-11,
     5.146345812176902e-12),
)
_GELU_SLOPE = (  # Taylor coefficients of H(t)/√(2π), H = (m(t) − t)/(r − t)
    (0.6104199740304042, -0.11972914294802225, 0.05828774881157251, -0.025295217984722607,
     0.010004578165441204, -0.0036606767627253975, 0.0012526108292206025, -0.0004041153319875439,
     0.00012370832197125734, -3.6117915885062066e-05, 1.0099604272767401e-05, -2.7143872278822663e-06,
     7.032687715894766e-07, -1.761029916770336e-07, 4.271450238983572e-08, -1.0055304935642754e-08,
     2.3013147281183357e-09, -5.128437262077255e-10, 1.1143467466800958e-10),
    (0.545214511414149, -0.06250598446457542, 0.024105972295233855, -0.008548894140628859,
     0.0028241784812409825, -0.0008773581588762853, 0.00025816480550141185, -7.236385642197212e-05,
     1.9410979678349755e-05, -5.001753061294862e-06, 1.2420229048059e-06, -2.9802157248082614e-07,
     6.926152377413052e-08, -1.562237562236515e-08, 3.426021721621499e-09, -7.316607199585974e-10,
     1.5237729172147925e-10, -3.0986540253323314e-11),
    (0.5090113696309204, -0.03710106452766738, 0.011643140656457714, -0.003435521205001213,
     0.0009602672011202665, -0.0002557434686956714, 6.520325013082448e-05, -1.5975752494654413e-05,
     3.7738207709462065e-06, -8.618214906417604e-07, 1.907174067795655e-07, -4.0981407912161386e-08,
     8.566119286158599e-09, -1.7444918997796927e-09, 3.4661943796503827e-10, -6.727968213129141e-11,
     1.2771909459401858e-11),
    (0.4865384173813913, -0.0241416290221618, 0.006320431130479851, -0.0015802811514000089,
     0.0003789751485741399, -8.748546770507236e-05, 1.949949948547072e-05, -4.207206370010167e-06,
     8.806707099001576e-07, -1.7919454599083521e-07, 3.550320753992803e-08, -6.859577787040028e-09,
     1.2941917289942176e-09, -2.3872377668631003e-10, 4.309845059647337e-11, -7.62299349424714e-12),
)


def _padded(table):
    """A Taylor table as an array, highest degree first, rows padded with leading zeros."""
    width = max(len(row) for row in table)
    return np.array([(0.0,) * (width - len(row)) + tuple(row[::-1]) for row in table])


_GELU_MILLS_ARRAY = _padded(_GELU_MILLS)
_GELU_SLOPE_ARRAY = _padded(_GELU_SLOPE)


def _taylor(t, table):
    """The table's function at t ∈ [0, 3]: on each interval of width 0.75, Horner in u = t − centre
    (the terms shrink ~4× each, so Horner's rounding stays near 1 ULP). Each element's row of
    coefficients is gathered once, so the whole evaluation is ~2 ufunc calls per degree
    whatever the intervals (a loop over the intervals costs 4× the calls on small arrays)."""
    index = np.minimum(t * (1 / _GELU_INTERVAL), len(_GELU_CENTRES) - 1).astype(np.intp)
    u = t - np.take(_GELU_CENTRES, index)
    rows = np.take(table, index, axis=0)  # (n, degree + 1), highest first
    value = rows[:, 0].copy()
    for k in range(1, rows.shape[1]):
        np.multiply(value, u, out=value)
        np.add(value, rows[:, k], out=value)
    return value


def _gaussian(t):
    """exp(−t²/2) with t² in double-double (its rounding would cost t²/2 ULP)."""
    square, square_error = _two_product(t, t, _split(t))
    density = np.exp(-0.5 * square)
    return np.multiply(density, 1 - 0.5 * square_error, out=density)


def _gelu_near(x, out):
    """gelu(x) = −t·φ(t)·m(t) for x = −t ∈ [−3, 0), m = Φ(−t)/φ(t) the Mills ratio from the
    Taylor table: scipy's erfc and erfcx are up to 9.5 and 5.5 ULP off there (near t ≈ 1.3)."""
    mask = (x < 0) & (x >= -_GELU_TABLE_END)
    if mask.any():
        t = -x[mask]
        out[mask] = -t * _gaussian(t) * _taylor(t, _GELU_MILLS_ARRAY)  # the tables hold 1/√(2π)


def _gelu_derivative_near(x, out):
    """gelu′(x) = Φ(x) + x·φ(x) = φ(t)·(m(t) − t) = φ(t)·(r − t)·H(t) for x = −t ∈ [−3, 0):
    with the root r of m(t) = t factored out (r − t computed from r in double-double), the
    result keeps its relative accuracy right up to the root, where Φ + x·φ cancels."""
    mask = (x < 0) & (x >= -_GELU_TABLE_END)
    if mask.any():
        t = -x[mask]
        distance = (_GELU_ROOT[0] - t) + _GELU_ROOT[1]  # exact near the root (Sterbenz)
        out[mask] = _gaussian(t) * distance * _taylor(t, _GELU_SLOPE_ARRAY)


_GELU_A_PARTS = (1.5957691073417664, 1.4263964454030997e-08)  # _GELU_A split in halves
_GELU_A_LOW = -9.96930880911092e-17  # 2·√(2/π) − _GELU_A
_GELU_B_PARTS = (0.071354815736413, 5.361872473796936e-10)
_GELU_B_LOW = -6.175149918155315e-19  # 2·0.044715·√(2/π) − _GELU_B


def _gelu_tanh_tail(x, out):
    """The tanh form for x < −1 in float64, beyond its conditioning: 2u = x·(A + B·x²) is
    carried in double-double (its rounding costs |2u|·3 ULP, ~1000 ULP near x = −20), and
    σ(2u) is corrected to first order, σ(v + dv) = σ(v)·(1 + dv·(1 − σ(v))). Where σ(2u) is
    subnormal, exp is split in two halves so that the result is rounded once."""
    mask = x < -1
    if not mask.any():
        return
    tail = np.maximum(x[mask], -30.0)  # σ(2u(−30)) = e^−1970: the result is already −0
    square, square_error = _two_product(tail, tail, _split(tail))
    scaled, scaled_error = _two_product(square, _GELU_B, _GELU_B_PARTS)
    scaled_error += _GELU_B_LOW * square + _GELU_B * square_error
    factor = _GELU_A + scaled  # two-sum: factor + factor_error == A + scaled exactly
    back = factor - _GELU_A
    factor_error = (_GELU_A - (factor - back)) + (scaled - back) + _GELU_A_LOW + scaled_error
    v, v_error = _two_product(tail, factor, _split(factor))
    v_error += tail * factor_error
    e = np.exp(v)
    sigmoid_complement = 1 / (1 + e)  # 1 − σ(v)
    value = tail * sigmoid_complement * (1 + v_error * sigmoid_complement)
    result = value * e
    deep = v < -700
    if deep.any():
        h = np.exp(0.5 * v[deep])
        result[deep] = value[deep] * h * h
    out[mask] = result


def _gelu_tanh(x):
    # u saturates σ beyond |x| = 30 (σ(2u(−30)) = e^−1970 = 0), so x is clipped there in u
    # to keep x³ finite; the outer factor is floored at −max so that −inf gives −0, not NaN.
    clipped = np.clip(x, -30, 30)
    argument = np.multiply(clipped, clipped)
    np.multiply(argument, _GELU_B, out=argument)
    np.add(argument, _GELU_A, out=argument)
    np.multiply(argument, clipped, out=argument)
    out = _sigmoid(argument, clipped)
    return np.multiply(out, np.maximum(x, -_fmax(x)), out=out)


@_elementwise
def gelu_derivative(x, approximate="none"):
    """Exact: Φ(x) + x·φ(x). Tanh form: σ(2u) + x·σ'(2u)·2u'."""
    wide = _wide(x)
    clipped = np.clip(wide, -40, 40)  # φ(±40) = e^−800 = 0: keeps x² finite
    if approximate == "tanh":
        np.clip(clipped, -30, 30, out=clipped)
        square = np.multiply(clipped, clipped)
        argument = np.multiply(square, _GELU_B)
        np.add(argument, _GELU_A, out=argument)
        np.multiply(argument, clipped, out=argument)
        slope = _sigmoid_slope(argument, _empty(argument))
        np.multiply(square, 3 * _GELU_B, out=square)
        np.add(square, _GELU_A, out=square)  # (2u)'
        np.multiply(slope, square, out=slope)
        np.multiply(slope, clipped, out=slope)
        out = _sigmoid(argument, clipped)
        return _narrow(np.add(out, slope, out=out), x)
    from scipy.special import erfc

    density = np.multiply(clipped, clipped)
    np.multiply(density, -0.5, out=density)
    np.exp(density, out=density)
    np.multiply(density, _INV_SQRT_2PI, out=density)
    np.multiply(density, clipped, out=density)
    out = np.multiply(wide, -_SQRT1_2, out=_empty(wide))
    erfc(out, out=out)
    np.multiply(out, 0.5, out=out)
    np.add(out, density, out=out)
    if x.dtype == np.float64:
        _gelu_derivative_tail(wide, out)
    _gelu_derivative_near(wide, out)
    return _narrow(out, x)


def _gelu_derivative_tail(x, out):
    """Φ(x) + x·φ(x) for x < −3 in float64 as exp(−x²/2)·(erfcx(z)/2 + x/√(2π)), z = −x/√2,
    with x² in double-double: the bracket is dominated by x/√(2π) (the erfcx term is ~1/x² of
    it), so neither scipy's erfc (475 ULP off in the tail) nor the rounding of x² (~x² ULP)
    reaches the result. Where exp(−x²/2) is subnormal it is split in two halves."""
    from scipy.special import erfcx

    mask = x < -_GELU_TABLE_END
    if not mask.any():
        return
    tail = np.maximum(x[mask], -40.0)  # f'(−40) ≈ −1e−347 is already −0
    square, square_error = _two_product(tail, tail, _split(tail))
    bracket = 0.5 * erfcx(tail * -_SQRT1_2) + tail * _INV_SQRT_2PI
    value = bracket * (1 - 0.5 * square_error)
    result = value * np.exp(-0.5 * square)
    deep = square > 1400
    if deep.any():
        h = np.exp(-0.25 * square[deep])
        result[deep] = value[deep] * h * h
    out[mask] = result


@_elementwise
def silu(x):
    """x·σ(x) = x / (1 + exp(−x)), −x capped below exp's overflow; below −700 (float64) / −85
    (float32) it is x·eˣ rounded once (_tail_product), which also gives −0 at −inf."""
    double = x.dtype == np.float64
    out = np.negative(x, out=_empty(x))
    np.minimum(out, 709.0 if double else 88.0, out=out)
    np.exp(out, out=out)
    np.add(out, 1, out=out)
    np.divide(x, out, out=out)
    return _tail_product(x, out, 700 if double else 85)


@_elementwise
def silu_derivative(x):
    """σ(x)·(1 + x·σ(−x)) = N/(1 + e)², e = exp(−|x|), N = e·((1 + x) + e) for x < 0 and
    1 + e·(1 + x) for x ≥ 0. At the root (x ≈ −1.2785) σ(x) and x·σ(x)σ(−x) cancel; here only
    (1 + x) + e does, where 1 + x is exact (Sterbenz) and e = eˣ carries exp's 0.5 ULP, so
    the error stays a fraction of an ULP of e·e (not of σ). float32 goes through float64."""
    wide = _wide(x)
    big = _fmax(wide)
    e = np.abs(wide, out=_empty(wide))
    np.negative(e, out=e)
    np.exp(e, out=e)
    negative = np.less(wide, 0).astype(wide.dtype)  # 0/1 weights: every term below is finite
    inner = np.clip(wide, -big, big)
    np.add(inner, 1, out=inner)
    np.add(inner, e * negative, out=inner)
    out = np.multiply(inner, e, out=inner)
    np.subtract(1, negative, out=negative)
    np.add(out, negative, out=out)
    one_plus = np.add(e, 1)
    low = np.subtract(one_plus, 1)
    np.subtract(e, low, out=low)  # 1 + e = one_plus + low exactly (two-sum; e ≤ 1)
    np.divide(low, one_plus, out=low)
    np.multiply(one_plus, one_plus, out=one_plus)
    np.divide(out, one_plus, out=out)
    np.multiply(low, -2, out=low)  # (1 + e)² = one_plus²·(1 + 2·low/one_plus) to first order
    np.add(low, 1, out=low)
    np.multiply(out, low, out=out)
    return _narrow(_tail_product(wide, out, 700, shift=1), x)


def _mish_parts(x):
    """e = exp(−|x|) and t = tanh(softplus(x)) without overflow or cancellation:
    t = (1 + 2e)/(1 + 2e + 2e²) for x ≥ 0 and e(e + 2)/(e(e + 2) + 2) for x < 0."""
    e = np.abs(x, out=_empty(x))
    np.negative(e, out=e)
    np.exp(e, out=e)
    # Select by 0/1 weights (every term is finite: e ∈ [0, 1]); NaN propagates through e.
    negative = np.less(x, 0).astype(x.dtype)
    positive = 1 - negative
    numerator = np.add(e, 2)
    np.multiply(numerator, e, out=numerator)  # e(e + 2)
    np.multiply(numerator, negative, out=numerator)
    other = np.multiply(e, 2)
    np.add(other, 1, out=other)  # 1 + 2e
    np.multiply(other, positive, out=other)
    np.add(numerator, other, out=numerator)
    gap = np.multiply(e, e, out=other)
    np.multiply(gap, 2, out=gap)
    np.multiply(gap, positive, out=gap)
    np.add(gap, 2 * negative, out=gap)  # 2e² or 2
    np.add(gap, numerator, out=gap)
    return e, np.divide(numerator, gap, out=numerator), negative


@_elementwise
def mish(x):
    """x·tanh(softplus(x)); 0 at −inf. float32 is computed in float64 and rounded once."""
    wide = _wide(x)
    _, out, _ = _mish_parts(wide)
    np.multiply(out, np.maximum(wide, -_fmax(wide)), out=out)
    return _narrow(_tail_product(wide, out, 700), x)


@_elementwise
def mish_derivative(x):
    """tanh(sp(x)) + x·σ(x)·sech²(sp(x)) as one fraction in e = exp(−|x|), D = (1 + e)² + 1:
    x < 0 (e = eˣ):  e·(4(1 + x) + e·((6 + 4x) + 4e + e²)) / D²;
    x ≥ 0 (e = e⁻ˣ): (1 + 4e + (6 + 4x)e² + 4(1 + x)e³) / (1 + 2e + 2e²)².
    Near the root (x ≈ −1.1922) the sum t + x·σ·sech² cancels; here only 4(1 + x) (exact) and
    e·(…) do, so the error is a few ULP of e·(…) instead of ~800 ULP of the result; the
    x ≥ 0 form has only positive terms. float32 goes through float64."""
    wide = _wide(x)
    v = np.clip(wide, -800.0, 1e6)  # beyond, e = 0 (and below −700 the tail product takes over)
    e = np.abs(v)
    np.negative(e, out=e)
    np.exp(e, out=e)
    four_v = np.multiply(v, 4)
    inner = np.add(e, 4)
    np.multiply(inner, e, out=inner)
    np.add(inner, four_v, out=inner)
    np.add(inner, 6, out=inner)  # 6 + 4x + 4e + e²
    np.multiply(inner, e, out=inner)
    np.add(four_v, 4, out=four_v)  # 4(1 + x), exact near the root
    np.add(inner, four_v, out=inner)
    np.multiply(inner, e, out=inner)  # x < 0: e·(4(1 + x) + e·(…))
    upper = np.multiply(four_v, e)  # 4(1 + x)·e
    np.add(upper, four_v, out=upper)
    np.add(upper, 2, out=upper)  # 6 + 4x + 4(1 + x)e
    np.multiply(upper, e, out=upper)
    np.add(upper, 4, out=upper)
    np.multiply(upper, e, out=upper)
    np.add(upper, 1, out=upper)  # x ≥ 0: 1 + e(4 + e(6 + 4x + 4(1 + x)e))
    below = np.less(wide, 0).astype(wide.dtype)  # 0/1 weights: both forms are finite everywhere
    np.multiply(inner, below, out=inner)
    denominator = np.add(e, 2)
    np.multiply(denominator, e, out=denominator)
    np.add(denominator, 2, out=denominator)  # x < 0: (e + 2)e + 2
    np.multiply(denominator, below, out=denominator)
    np.subtract(1, below, out=below)
    np.multiply(upper, below, out=upper)
    np.add(inner, upper, out=inner)
    other = np.multiply(e, 2)
    np.add(other, 2, out=other)
    np.multiply(other, e, out=other)
    np.add(other, 1, out=other)  # x ≥ 0: 1 + e(2 + 2e)
    np.multiply(other, below, out=other)
    np.add(denominator, other, out=denominator)
    np.multiply(denominator, denominator, out=denominator)
    out = np.divide(inner, denominator, out=inner)
    return _narrow(_tail_product(wide, out, 700, shift=1), x)


# -- the records ------------------------------------------------------------------------------

_DL_BOOK = ("Goodfellow, Bengio & Courville, Deep Learning, 2016, p. 195: tanh usually performs better than "
            "the logistic sigmoid.")
_DLWP = ("Chollet, Deep Learning with Python, 2017, p. 72: a non-linearity gives layers a richer hypothesis "
         "space.")
_HE_PRACTICE = "He (Kaiming) normal / uniform — in common practice, no official gain (torch calculate_gain has none)"
_TORCH_INF = ("torch 2.13 returns NaN for {name}(-inf); the limit is 0, which actv returns (measured with "
              "torch 2.13.0 CPU: {call}(torch.tensor(float('-inf')))).")
_NATIVE = "Exact to ≤ 4 ULP for float32 and float64 over the whole finite range (benchmarks/accuracy.py)."

ALPHA = Param("alpha", 1.0, "the value the negative side saturates to is −alpha", real)
CELU_ALPHA = Param("alpha", 1.0, "scale of the negative side (must be > 0): saturates at −alpha", positive)


ENTRIES = (
    Activation(
        name="sigmoid",
        aliases=("logistic",),
        summary="The logistic function: squashes to (0, 1); the 1990s default, now for outputs and gates.",
        function=sigmoid,
        gradient=sigmoid_derivative,
        formula="σ(x) = 1 / (1 + exp(-x))",
        derivative_formula="σ(x)·(1 − σ(x))",
        range="(0, 1)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("output", "gates", "hidden"),
        initializer="Glorot (Xavier) normal / uniform (torch calculate_gain('sigmoid') = 1)",
        input_scaling="[0, 1]",
        frameworks={"keras": "sigmoid", "pytorch": "nn.Sigmoid() / torch.sigmoid",
                    "jax": "jax.nn.sigmoid"},
        bounds=(0.0, 1.0),
        notes=(
            "Computed from exp(-|x|): 1/(1+e) for x ≥ 0, e/(1+e) for x < 0; the form ½ + ½·tanh(x/2) "
            "is wrong in the negative tail (9e15 ULP at x ≈ −42).",
            "Output layer for binary and multilabel classification: round (or threshold each unit) at 0.5.",
        ),
        pitfalls=(
            "Saturates for |x| ≳ 5: gradients vanish in deep stacks of sigmoid layers.",
            "PyTorch: use BCEWithLogitsLoss on raw logits rather than sigmoid + BCELoss (pytorch/pytorch#751; "
            "the torch.nn.BCELoss docs: its log is clamped at −100); Keras: binary_crossentropy(from_logits=True) "
            "needs no activation.",
            "Not zero-centred: outputs are all positive, which slows training of the next layer.",
        ),
        references=(_DL_BOOK, _DLWP, "Tutorial: sigmoid was the default of the 1990s."),
    ),
    Activation(
        name="log_sigmoid",
        aliases=("logsigmoid",),
        summary="log σ(x) = −softplus(−x): the log-probability of a sigmoid output, without underflow.",
        function=log_sigmoid,
        gradient=log_sigmoid_derivative,
        formula="log(1 / (1 + exp(-x)))",
        derivative_formula="σ(−x) = 1 − σ(x)",
        range="(-∞, 0)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("output",),
        initializer="Glorot (Xavier) normal / uniform",
        input_scaling="[0, 1]",
        frameworks={"keras": "log_sigmoid", "pytorch": "nn.LogSigmoid()", "jax": "jax.nn.log_sigmoid"},
        bounds=(None, 0.0),
        notes=("log(sigmoid(x)) gives −inf for x < −745 (float64); actv computes min(x, 0) − log1p(exp(−|x|)).",),
        pitfalls=("For a loss, prefer the framework's fused logits loss (BCEWithLogitsLoss, from_logits=True).",),
        references=(_DL_BOOK,),
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
        initializer="Glorot (Xavier) normal / uniform (torch calculate_gain('tanh') = 5/3)",
        input_scaling="[-1, 1]",
        frameworks={"keras": "tanh", "pytorch": "nn.Tanh() / torch.tanh", "jax": "jax.nn.tanh"},
        bounds=(-1.0, 1.0),
        notes=(
            "RNNs (LSTM, GRU): tanh for the cell output, sigmoid for the gates.",
            "Derivative from e = exp(-2|x|): 4e/(1+e)², accurate in the tails where 1 − tanh² cancels.",
            "GAN image generators use a tanh output for pixels scaled to [-1, 1].",
        ),
        pitfalls=("Saturates for |x| ≳ 3: gradients vanish in deep stacks of tanh layers.",),
        references=(_DL_BOOK, "Tutorial: tanh was the default from the late 1990s to the 2010s."),
    ),
    Activation(
        name="tanh_shrink",
        aliases=("tanhshrink",),
        summary="x − tanh(x): near zero (≈ x³/3) for small inputs, ≈ x − sign(x) for large ones.",
        function=tanh_shrink,
        gradient=tanh_shrink_derivative,
        formula="x − tanh(x)",
        derivative_formula="tanh²(x)",
        range="(-∞, ∞)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=True,
        uses=("hidden",),
        initializer="Glorot (Xavier) normal / uniform — no official pairing",
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "tanh_shrink", "pytorch": "nn.Tanhshrink()", "jax": "—"},
        notes=(
            "x − tanh(x) cancels for |x| < 1.5 (at x = 1e-3 a plain subtraction keeps 8 digits of 16); "
            "actv uses Lambert's continued fraction there, x³/(3 + x²/(5 + …) + x²), free of cancellation.",
        ),
        pitfalls=("f'(0) = 0: a flat region around the origin where gradients are tiny.",),
        references=("PyTorch documentation, torch.nn.Tanhshrink.",),
    ),
    Activation(
        name="softsign",
        aliases=("soft_sign",),
        summary="x / (1 + |x|): a tanh-like S-curve in (-1, 1) with polynomial (slower) saturation.",
        function=softsign,
        gradient=softsign_derivative,
        formula="x / (1 + |x|)",
        derivative_formula="1 / (1 + |x|)²",
        range="(-1, 1)",
        continuity="C1",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=True,
        zero_centred=True,
        uses=("hidden",),
        initializer="Glorot (Xavier) normal / uniform",
        input_scaling="[-1, 1]",
        frameworks={"keras": "softsign", "pytorch": "nn.Softsign()", "jax": "jax.nn.soft_sign"},
        bounds=(-1.0, 1.0),
        notes=("torch 2.13 returns NaN for softsign(±inf) (inf/inf); the limits are ±1, which actv returns "
               "(measured with torch 2.13.0 CPU: F.softsign(torch.tensor([float('-inf'), float('inf')]))).",),
        pitfalls=("Saturates more slowly than tanh but still saturates: gradients shrink like 1/x².",),
        references=("Turian, Bergstra & Bengio 2009, Quadratic features and deep architectures for chunking; "
                    "Glorot & Bengio 2010, Understanding the difficulty of training deep feedforward networks.",),
    ),
    Activation(
        name="softplus",
        summary="log(1 + eˣ): a smooth ReLU with derivative σ(x); positive outputs (rates, scales).",
        function=softplus,
        gradient=softplus_derivative,
        params=(Param("beta", 1.0, "sharpness: (1/β)·log(1 + exp(βx)); larger is closer to ReLU", positive),),
        formula="(1/β)·log(1 + exp(βx))",
        derivative_formula="σ(βx)",
        range="(0, ∞)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden", "output"),
        initializer=_HE_PRACTICE,
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "softplus", "pytorch": "nn.Softplus(beta=1.0, threshold=20.0)",
                    "jax": "jax.nn.softplus"},
        bounds=(0.0, None),
        notes=(
            "Only PyTorch has beta and threshold; Keras and jax.nn compute log(1 + eˣ) (β = 1).",
            "PyTorch's threshold=20 switches to x for βx > 20, an error of up to 5.7e5 ULP near x = 20: "
            "actv does not adopt it and is exact everywhere (max(x, 0) + log1p(exp(-|x|))).",
            "log1p(exp(x)) overflows above x ≈ 709.8; actv's max(x, 0) + log1p(exp(−β|x|))/β never does.",
            "For β ≠ 1, β|x| is carried in double-double (rounding it would cost β|x| ULP in the negative "
            "tail); float32 with β ≠ 1 is computed in float64.",
        ),
        pitfalls=("A positive regression target (counts, prices) can use softplus (or exponential) on the output.",),
        references=("Dugas et al. 2001, Incorporating second-order functional knowledge for better option pricing; "
                    "Glorot, Bordes & Bengio 2011, Deep sparse rectifier neural networks.",),
    ),
    Activation(
        name="squareplus",
        summary="(x + √(x² + b))/2: a softplus look-alike computed with only a square root.",
        function=squareplus,
        gradient=squareplus_derivative,
        params=(Param("b", 4.0, "curvature near 0 (must be > 0; b → 0 gives ReLU)", positive),),
        formula="(x + √(x² + b)) / 2",
        derivative_formula="(1 + x/√(x² + b)) / 2",
        range="(0, ∞)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden", "output"),
        initializer=_HE_PRACTICE,
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "squareplus(b=4)", "pytorch": "—", "jax": "jax.nn.squareplus(b=4)"},
        bounds=(0.0, None),
        notes=(
            "The textbook form cancels for x ≪ 0 (x + √(x² + b) → 0) and x² overflows beyond 1.3e154; "
            "actv uses hypot and f(x) = (b/4)/f(−x) for x < 0.",
            "b = 0 would be ReLU (not smooth at 0), so b must be > 0.",
        ),
        references=("Barron 2021, Squareplus: a softplus-like algebraic rectifier, arXiv:2112.11687.",),
    ),
    Activation(
        name="exponential",
        summary="eˣ: a positive output for log-linked targets (Poisson rates, scales).",
        function=exponential,
        gradient=exponential,
        formula="exp(x)",
        derivative_formula="exp(x)",
        range="(0, ∞)",
        continuity="C∞",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=False,
        zero_centred=False,
        uses=("output",),
        initializer="Glorot (Xavier) uniform (the Keras Dense default) — no official pairing",
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "exponential", "pytorch": "—", "jax": "—"},
        bounds=(0.0, None),
        notes=("Only Keras has it as an activation; in PyTorch and JAX use torch.exp / jax.numpy.exp.",
               "Overflows to inf above x ≈ 709.78 (float64) / 88.72 (float32): that is the correctly "
               "rounded value."),
        pitfalls=("Exploding outputs as a hidden activation; for a positive target softplus grows more gently.",
                  "With a Poisson loss, PyTorch's PoissonNLLLoss(log_input=True) takes the raw output instead."),
        references=("Keras documentation, keras.activations.exponential.",),
    ),
    Activation(
        name="elu",
        summary="Exponential linear unit: x for x > 0, α(eˣ − 1) below, pushing mean activations towards 0.",
        function=elu,
        gradient=elu_derivative,
        params=(ALPHA,),
        formula="x if x > 0 else α·(exp(x) − 1)",
        derivative_formula="1 if x > 0 else α·exp(x)",
        range="(-α, ∞)",
        continuity="C1",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=True,
        zero_centred=False,
        uses=("hidden",),
        initializer=_HE_PRACTICE,
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "elu(alpha=1.0)", "pytorch": "nn.ELU(alpha=1.0)", "jax": "jax.nn.elu(alpha=1.0)"},
        kink="C1 only for α = 1; for α ≠ 1 f' jumps at 0 from α to 1, and f'(0) is taken as α "
             "(the left limit, as PyTorch and jax.nn compute it).",
        bounds=(-1.0, None),
        notes=("Computed with expm1: exp(x) − 1 loses all digits for small |x| (pytorch/pytorch PR #77062).",),
        pitfalls=("For α ≠ 1 the derivative is discontinuous at 0 (continuity C0, not C1).",),
        references=("Clevert, Unterthiner & Hochreiter 2015, Fast and accurate deep network learning by "
                    "exponential linear units (ELUs), arXiv:1511.07289.",),
    ),
    Activation(
        name="celu",
        summary="Continuously differentiable ELU: α(exp(x/α) − 1) below 0, C1 for every α > 0.",
        function=celu,
        gradient=celu_derivative,
        params=(CELU_ALPHA,),
        formula="max(0, x) + min(0, α·(exp(x/α) − 1))",
        derivative_formula="1 if x > 0 else exp(x/α)",
        range="(-α, ∞)",
        continuity="C1",
        monotonic=True,
        monotone_derivative=True,
        approx_identity=True,
        zero_centred=False,
        uses=("hidden",),
        initializer=_HE_PRACTICE,
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "celu(alpha=1.0)", "pytorch": "nn.CELU(alpha=1.0)", "jax": "jax.nn.celu(alpha=1.0)"},
        bounds=(-1.0, None),
        notes=("Equal to ELU for α = 1. Computed with expm1, and x/α floored at −800 so it never overflows.",),
        pitfalls=("α must be > 0 (it divides x).",),
        references=("Barron 2017, Continuously differentiable exponential linear units, arXiv:1704.07483.",),
    ),
    Activation(
        name="selu",
        summary="Scaled ELU with fixed λ, α: self-normalizing MLPs (with LeCun normal init and AlphaDropout).",
        function=selu,
        gradient=selu_derivative,
        formula="λ·(x if x > 0 else α·(exp(x) − 1)), α ≈ 1.67326, λ ≈ 1.05070",
        derivative_formula="λ if x > 0 else λ·α·exp(x)",
        range="(≈-1.7581, ∞) = (-λα, ∞)",
        continuity="C0",
        monotonic=True,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer="LeCun normal (+ AlphaDropout instead of Dropout); torch calculate_gain('selu') = 3/4, "
                    "but its docs say use 'linear' for self-normalizing networks",
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "selu", "pytorch": "nn.SELU()", "jax": "jax.nn.selu"},
        kink="f' jumps at 0 from λα ≈ 1.758 to λ ≈ 1.051; f'(0) is taken as λα (the left limit, as "
             "PyTorch and jax.nn compute it).",
        bounds=(-SELU_LAMBDA_ALPHA, None),
        notes=("α = 1.6732632423543772848170429916717, λ = 1.0507009873554804934193349852946 "
               "(Klambauer et al. 2017); λα ≈ 1.7580993408473768 is the lower bound.",
               "Self-normalization needs all of: standardized inputs, LeCun normal init, AlphaDropout, "
               "a plain feed-forward stack.",),
        pitfalls=("With He init, BatchNorm or ordinary Dropout the self-normalizing property is lost.",),
        references=("Klambauer, Unterthiner, Mayr & Hochreiter 2017, Self-normalizing neural networks, "
                    "arXiv:1706.02515.",),
    ),
    Activation(
        name="gelu",
        summary="Gaussian error linear unit x·Φ(x): the transformer default (BERT, GPT-2).",
        function=gelu,
        gradient=gelu_derivative,
        params=(Param("approximate", "none", "none: exact x·Φ(x); tanh: the tanh approximation",
                      choice("none", "tanh", aliases={True: "tanh", False: "none",
                                                      "true": "tanh", "false": "none"})),),
        formula="x·Φ(x) = (x/2)·erfc(−x/√2)",
        derivative_formula="Φ(x) + x·φ(x), φ(x) = exp(−x²/2)/√(2π)",
        range="[≈−0.16997, ∞)",
        continuity="C∞",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=_HE_PRACTICE,
        input_scaling="standardized inputs for an MLP; in a transformer, token embeddings with layer "
                      "normalization need no scaling",
        frameworks={"keras": "gelu(approximate=False) (keras.ops.gelu: approximate=True)",
                    "pytorch": "nn.GELU(approximate='none')",
                    "jax": "jax.nn.gelu(approximate=True)"},
        bounds=(-0.16997120747990366, None),
        notes=(
            "approximate='tanh': (x/2)·(1 + tanh(√(2/π)·(x + 0.044715·x³))).",
            "Frameworks disagree on the default: exact in PyTorch and keras.activations, the tanh "
            "approximation in jax.nn and keras.ops; the two differ by at most 4.73e-4, near |x| ≈ 2.70.",
            "Exact GELU uses erfc: the ½x(1 + erf(x/√2)) form of numpy code and torch returns 0 from "
            "x ≈ −9 (pytorch/pytorch#187806). The tanh form is computed as x·σ(2u), not ½x(1 + tanh u).",
            _TORCH_INF.format(name="gelu", call="F.gelu") + " The same for approximate='tanh'.",
            "The negative tail is ill-conditioned (condition number ≈ x²): rounding −x/√2 alone costs "
            "~x² ULP (996 at x ≈ −34). actv carries −x/√2 and its square to double-double precision "
            "(float64: ≤ 5.7 ULP below −3, bounded by scipy's erfcx; ≤ 4·(1 + κ) everywhere); "
            "float32 has its own erfc: a rational approximation (benchmarks/fit_gelu_float32.py) "
            "with exp(−x²/2) in float64 (≤ 0.8 ULP, ~4× faster than scipy's erfc).",
            "On [−3, 0) float64 gelu and gelu′ use a Taylor table of the Mills ratio Φ(−t)/φ(t) "
            "(benchmarks/fit_gelu_float64.py; scipy's erfc is up to 9.5 ULP off there), with gelu′'s "
            "root (x ≈ −0.75179) factored out: ≤ 4 ULP right up to the root, where Φ + x·φ cancels "
            "(torch 2.13: 1e−16 absolute, benchmarks/derivative_roots.py).",
            "The tanh form's tail is ill-conditioned too (κ ≈ 3·|2u|); 2u is carried in double-double, "
            "so it stays within 3 ULP in float64 (0.5 in float32) instead of ~1000 ULP near x ≈ −20.",
            "approximate also accepts True/False (jax.nn, Keras) for tanh/none.",
        ),
        pitfalls=("Mixing frameworks (exact vs tanh default) changes a trained model's outputs by up to 4.7e-4.",),
        references=("Hendrycks & Gimpel 2016, Gaussian error linear units (GELUs), arXiv:1606.08415.",),
    ),
    Activation(
        name="silu",
        aliases=("swish",),
        summary="Sigmoid-weighted linear unit x·σ(x) (Swish): smooth, non-monotonic, used in EfficientNet, SwiGLU.",
        function=silu,
        gradient=silu_derivative,
        formula="x·σ(x) = x / (1 + exp(-x))",
        derivative_formula="σ(x)·(1 + x·(1 − σ(x)))",
        range="[≈−0.27846, ∞)",
        continuity="C∞",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=_HE_PRACTICE,
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "silu (alias swish)", "pytorch": "nn.SiLU()", "jax": "jax.nn.silu (alias swish)"},
        bounds=(-0.2784645427610738, None),
        notes=(_TORCH_INF.format(name="silu", call="F.silu") + " pytorch/pytorch PR #195197 (open, fixes "
               "#160876) makes the CPU and CUDA kernels return that limit for silu(-inf).",
               "Swish with a learnable β (x·σ(βx)) is not in the three frameworks; β = 1 is SiLU.",
               "f′ = eˣ(1 + x + eˣ)/(1 + eˣ)² for x < 0: near its root (x ≈ −1.27846) only (1 + x) + eˣ "
               "cancels, so the error is ~5e−18 absolute (torch 2.13: 3e−17; benchmarks/derivative_roots.py)."),
        pitfalls=("Not monotonic: a small dip (minimum ≈ −0.278 at x ≈ −1.278).",),
        references=("Ramachandran, Zoph & Le 2017, Searching for activation functions, arXiv:1710.05941; "
                    "Elfwing, Uchibe & Doya 2017, Sigmoid-weighted linear units, arXiv:1702.03118.",),
    ),
    Activation(
        name="mish",
        summary="x·tanh(softplus(x)): a smooth, non-monotonic self-gated unit (YOLOv4).",
        function=mish,
        gradient=mish_derivative,
        formula="x·tanh(log(1 + exp(x)))",
        derivative_formula="tanh(sp(x)) + x·σ(x)·sech²(sp(x)), sp = softplus",
        range="[≈−0.30884, ∞)",
        continuity="C∞",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=_HE_PRACTICE,
        input_scaling="standardized (zero mean, unit variance)",
        frameworks={"keras": "mish", "pytorch": "nn.Mish()", "jax": "jax.nn.mish"},
        bounds=(-0.30884341301725041, None),
        notes=(_TORCH_INF.format(name="mish", call="F.mish"),
               "tanh(softplus(x)) is computed as a ratio of polynomials in exp(−|x|), with no overflow "
               "for large x and no cancellation for x ≪ 0.",
               "f′ is one fraction in eˣ, e·(4(1 + x) + e·(6 + 4x + 4e + e²))/((1 + e)² + 1)² for x < 0: "
               "near its root (x ≈ −1.19243) the error is ~1e−17 absolute (torch 2.13: 1.4e−16)."),
        pitfalls=("Costlier than ReLU (exp, log, tanh) for a usually small gain.",),
        references=("Misra 2019, Mish: a self regularized non-monotonic neural activation function, "
                    "arXiv:1908.08681.",),
    ),
)
