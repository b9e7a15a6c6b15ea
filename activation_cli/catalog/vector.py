"""Vector activations: functions of a whole vector along an axis (softmax and kin, glu).

Their derivative is a Jacobian; ``Activation.derivative`` returns it with the axis
moved last, input (..., n) -> (..., m, n), and ``jvp`` gives J·v without the matrix.

Rows the max-shift cannot handle are decided once, in ``_shifted``, and every
function of the softmax kin (softmax, log_softmax, softmin, sparsemax) inherits the
same decisions: a row holding +inf gives its +inf entries equal shares, a row that is
all -inf is uniform, NaN anywhere makes the row NaN.
"""
from __future__ import annotations

import numpy as np

from ..errors import InputError, ParameterError
from .record import Activation, Param, integer

AXIS = Param("axis", -1, "the axis the vector runs along", integer)

EDGE_ROWS = ("A row holding +inf gives its +inf entries equal shares and 0 elsewhere; a row that is "
             "all -inf gives the uniform vector (every entry equal). PyTorch and SciPy give NaN for "
             "both (measured with torch 2.13.0 and scipy 1.17.1 on [0, inf] and [-inf, -inf]); "
             "pytorch/pytorch#6864 reports the first, #25110 the second. NaN anywhere in a row makes "
             "the row NaN.")


def _axis(x, axis, name):
    """``axis`` as a non-negative index into x's dimensions, or a typed error."""
    if x.ndim == 0:
        raise InputError(f"{name} is a vector function: give at least one value along an axis")
    if not -x.ndim <= axis < x.ndim:
        raise ParameterError(f"{name}: axis {axis} is out of range for {x.ndim}-D input "
                             f"(valid: {-x.ndim} to {x.ndim - 1})")
    if x.shape[axis] == 0:
        raise InputError(f"{name} needs at least one value along axis {axis}; the input has shape {x.shape}")
    return axis % x.ndim


# The ufunc reductions are called directly: np.max/np.sum add ~1 µs of wrapper per call,
# which is most of the cost of a 1000-element softmax.
def _extreme(x, axis, negate):
    """min (``negate``) or max along axis, keepdims; NaN propagates."""
    return (np.minimum if negate else np.maximum).reduce(x, axis=axis, keepdims=True)


def _exp_safe(high, dtype, n):
    """Whether every row max lies in [0, limit): exp(x) then needs no shift, the sum of the n
    terms, at most n·exp(max), cannot overflow, and neither can ``_total``'s splitting constant
    2^M·2^k ≥ (n + 2)·exp(max) (False for NaN; True for an empty array: nothing to compute)."""
    if high.size == 0:
        return True
    limit = EXP_SAFE[dtype] - np.log(n)
    if dtype == np.float64:
        limit = min(limit, (1021 - _extraction_bits(n)) * np.log(2))
    return bool(0 <= np.minimum.reduce(high, axis=None) and np.maximum.reduce(high, axis=None) < limit)


def _shifted(x, axis, negate=False, top=None):
    """x − max(x) along axis (min(x) − x for ``negate``: the shift of −x), a fresh array.

    The rows the shift cannot handle are decided here: a row whose max is +inf gives 0 at
    each +inf and −inf elsewhere (the +inf entries share the mass); a row that is all −inf
    gives zeros (every entry equal: uniform); a row with NaN is NaN throughout.
    """
    top = _extreme(x, axis, negate) if top is None else top
    finite = np.isfinite(top)
    # x − top ≤ 0 can be below −max_float (x = −1e308, top = 1e308): it rounds to −inf, which
    # is the correctly rounded shift, and exp(−inf) = 0 the correctly rounded exponential.
    with np.errstate(over="ignore"):
        if finite.all():  # the common case: one subtraction, no edge rows
            return np.subtract(top, x) if negate else np.subtract(x, top)
        safe = np.where(finite, top, 0).astype(x.dtype)
        shifted = np.subtract(safe, x) if negate else np.subtract(x, safe)
    # −inf − 0 in an edge row is harmless; it is replaced below. inf − inf never occurs: safe is 0 there.
    edge = np.where(x == top, 0, -np.inf).astype(x.dtype)
    np.copyto(shifted, edge, where=~finite)
    np.copyto(shifted, top, where=np.isnan(top))
    return shifted


def _shift_error(x, top, negate=False):
    """The rounding error of the shift: err with (x − top) = d + err exactly, d the rounded
    difference (``top − x`` for ``negate``); 0 in edge rows.

    The shift is where the softmax kin lose accuracy: d = x − max rounds by up to ½ ulp(d),
    and exp(d) inherits it as a relative error of |d|·2⁻⁵³ (60 ULP at |d| = 120). Knuth's
    TwoSum recovers the lost bits, and exp(d)·(1 + err) is then within 2 ULP. Entries more
    than ``reach`` below the max are clamped first: their exp is 0 whatever err is, and the
    clamp keeps every intermediate finite (no overflow at ±1e308, no inf − inf).
    """
    finite = np.isfinite(top)
    safe = top if finite.all() else np.where(finite, top, 0).astype(x.dtype)
    reach = 200.0 if x.dtype == np.float32 else 1000.0  # float64 and the wider dtype of _probabilities
    if negate:  # top − x with x ∈ [top, top + reach]
        a, b = safe, -np.clip(x, safe, safe + reach)
    else:       # x − top with x ∈ [top − reach, top]
        a, b = np.clip(x, safe - reach, safe), -safe
    s = a + b
    a_rounded = s - b
    b_rounded = s - a_rounded
    err = np.subtract(a, a_rounded, out=a_rounded)
    np.subtract(b, b_rounded, out=b_rounded)
    err += b_rounded
    if not finite.all():
        np.copyto(err, 0, where=~finite)
    return err


def _extraction_bits(n):
    """M with 2^M ≥ n + 2: ``_total``'s splitting constant is 2^M times a bound on the terms."""
    return (n + 1).bit_length()


def _total(e, axis, scale=None):
    """Σ e along axis (keepdims) for terms e ≥ 0, within about 1 ULP whatever the length, the
    axis and the order numpy adds in. ``scale``: an int k (or an int array, one per row) with
    max e ≤ 2^k and not much less; by default it is taken from the largest term.

    float32 accumulates in float64: 10^5 float32 terms lose at most 10^5·2⁻⁵³ of the sum, far below
    a float32 ULP. float64 cannot: a plain sum drops every term below half an ULP of the running
    total (a 10000-row column [0, −36.9, −36.9, …] loses ~10⁻¹² of its sum), so the terms are split
    exactly into hi + lo first (Rump, Ogita & Oishi 2008, "Accurate floating-point summation",
    ExtractVector): hi = (σ + e) − σ with σ = 2^M·2^scale ≥ (n + 2)·max e is a multiple of ulp(σ),
    so Σ hi is exact in any order, and lo = e − hi is exact and below ulp(σ)/2, so Σ lo errs by at
    most n²·2⁻¹⁰⁶·σ ≤ 4n³·2⁻¹⁰⁶·max e, under 1 ULP of the sum for n ≤ 10^5.
    """
    if e.dtype != np.float64 or e.size == 0:
        return np.add.reduce(e, axis=axis, keepdims=True, dtype=np.float64).astype(e.dtype)
    if e.size <= 4096 and e.shape[axis] <= 1024 and WIDE[e.dtype] != e.dtype:
        # Small sums (per-call cost): one reduction in longdouble, which errs by at most
        # 1023·2⁻⁶⁴ of the sum in any order, half an ULP of float64, before the final rounding.
        return np.add.reduce(e, axis=axis, keepdims=True, dtype=WIDE[e.dtype]).astype(e.dtype)
    if scale is None:  # frexp's exponent of NaN is unspecified: _sigma clamps it (the sum is NaN)
        scale = np.frexp(np.maximum.reduce(e, axis=axis, keepdims=True))[1]
    sigma = _sigma(scale, e.shape[axis])
    if axis == e.ndim - 1 and e.flags.c_contiguous and e.size > BLOCK:
        return _blocked_total(e, sigma)
    return _split_sum(e, sigma, axis)


def _sigma(scale, n):
    """``_total``'s σ = 2^M·2^scale, one float where a common σ for every row costs nothing (a
    scalar operand is 2-3× faster than a column): with k = max scale, Σ lo errs by at most
    n²·2⁻¹⁰⁶·2^(M+k), which stays below 2⁻⁵⁶ (an eighth of an ULP) of each row's sum ≥ 2^(scale−1)."""
    bits = _extraction_bits(n)
    low, high = -1074, 1023 - bits  # σ finite and nonzero (the callers keep within; NaN rows may not)
    if isinstance(scale, int):
        return 2.0 ** (bits + min(max(scale, low), high))
    top, bottom = min(max(int(scale.max()), low), high), min(max(int(scale.min()), low), high)
    if top == bottom or top - bottom <= 49 - bits - 2 * n.bit_length():  # n²·2^(M+1+top−bottom) ≤ 2^50
        return 2.0 ** (bits + top)
    return np.ldexp(1.0, bits + np.clip(scale, low, high))


def _split_sum(e, sigma, axis, hi=None, lo=None, out=None):
    """Σ hi + Σ lo along axis with hi = (σ + e) − σ, lo = e − hi (see ``_total``)."""
    hi = np.add(e, sigma, out=hi)
    hi -= sigma
    lo = np.subtract(e, hi, out=lo)
    total = np.add.reduce(hi, axis=axis, keepdims=True, out=out)
    total += np.add.reduce(lo, axis=axis, keepdims=True)
    return total


BLOCK = 1 << 15  # elements: three float64 blocks of this size stay in a 1 MB cache


def _blocked_total(e, sigma):
    """``_split_sum`` over the last axis, a block of rows at a time: the temporaries stay in
    the cache (three passes over 10^7 float64 in memory cost more than the softmax itself)."""
    n = e.shape[-1]
    rows = e.reshape(-1, n)
    if not isinstance(sigma, float):
        sigma = sigma.reshape(-1, 1)
    step = max(1, BLOCK // n)
    hi = np.empty((min(step, len(rows)), n))
    lo = np.empty_like(hi)
    total = np.empty((len(rows), 1))
    for start in range(0, len(rows), step):
        block = rows[start:start + step]
        k = len(block)
        sig = sigma if isinstance(sigma, float) else sigma[start:start + step]
        _split_sum(block, sig, 1, hi[:k], lo[:k], total[start:start + k])
    return total.reshape(e.shape[:-1] + (1,))


def _scale_of(top):
    """An int k per row with exp(top) ≤ 2^k (give or take a rounding: ``_total`` allows for it):
    its scale for the terms exp(x), x ≤ top, without a pass over them."""
    return np.floor(top * np.log2(np.e)).astype(np.int64) + 1


# exp(x) itself is exact-input and cannot overflow while x < EXP_SAFE; with max x ≥ 0 the
# sum is ≥ 1, so subnormal terms keep their absolute accuracy after the division.
EXP_SAFE = {np.dtype(np.float64): 709.0, np.dtype(np.float32): 88.0}


def _exp_normalized(x, axis, negate=False):
    """softmax(x) (softmax(−x) for ``negate``) along axis.

    Rows whose max lies in [0, EXP_SAFE − log n) need no shift: exp(x) / Σ exp(x) takes x as it is
    (fast, and no rounding of x − max). Other rows take exp(d)·(1 + err) with d + err the
    exact shift, so both paths are within a few ULP for any magnitude.
    """
    if x.size == 0:
        return np.empty_like(x)
    top = _extreme(x, axis, negate)
    high = -top if negate else top
    if _exp_safe(high, x.dtype, x.shape[axis]):
        scale = _scale_of(high) if x.dtype == np.float64 and x.size > 4096 else None  # else _total finds it
        n = x.shape[axis]
        if axis == x.ndim - 1 and x.flags.c_contiguous and n <= BLOCK < x.size:
            return _exp_normalized_rows(x, negate, scale)
        e = np.negative(x) if negate else x.copy()
        np.exp(e, out=e)
    else:  # the largest term is exp(0) = 1
        e = _shifted(x, axis, negate, top)
        err = _shift_error(x, top, negate)
        np.exp(e, out=e)
        err *= e
        e += err
        scale = 1
    e /= _total(e, axis, scale)
    return e


def _exp_normalized_rows(x, negate, scale):
    """``_exp_normalized``'s unshifted path along the last axis, a block of rows at a time: exp,
    the sum (``_total``'s arithmetic, with scratch reused) and the division all happen while
    the block is in the cache, so the data crosses memory once each way."""
    n = x.shape[-1]
    rows = x.reshape(-1, n)
    out = np.empty_like(rows)
    step = BLOCK // n
    wide = x.dtype == np.float64
    if wide:
        sigma = _sigma(scale.reshape(-1, 1), n)
        hi, lo = np.empty((step, n)), np.empty((step, n))
    for start in range(0, len(rows), step):
        block = out[start:start + step]
        k = len(block)
        if negate:
            np.negative(rows[start:start + step], out=block)
            np.exp(block, out=block)
        else:
            np.exp(rows[start:start + step], out=block)
        if wide:
            sig = sigma if isinstance(sigma, float) else sigma[start:start + step]
            block /= _split_sum(block, sig, 1, hi[:k], lo[:k])
        else:
            block /= np.add.reduce(block, axis=1, keepdims=True, dtype=np.float64).astype(x.dtype)
    return out.reshape(x.shape)


# -- softmax -----------------------------------------------------------------------------------

def softmax(x, axis=-1):
    """exp(xᵢ) / Σⱼ exp(xⱼ) along ``axis`` (default -1), evaluated without overflow
    and within a few ULP for any magnitude (see ``_exp_normalized``)."""
    return _exp_normalized(x, _axis(x, axis, "softmax"))


def softmax_jacobian(x, axis=-1):
    """∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ), axis moved last."""
    return _softmax_jacobian(x, _axis(x, axis, "softmax"))


def softmax_jvp(x, v, axis=-1):
    """J·v = s ⊙ (v − Σ s ⊙ v)."""
    return _softmax_jvp(x, v, _axis(x, axis, "softmax"))


# -- the derivatives of the softmax kin ----------------------------------------------------------
# sᵢ(δᵢⱼ − sⱼ) and δᵢⱼ − sⱼ need 1 − sᵢ, which cancels where one logit dominates (x = [0, −30]:
# 1 − s₀ = 9.4e−14, from s₀ rounded to 1). Only the largest entry of a row can exceed ½, so
# only there is 1 − s computed otherwise: as the sum of the other entries, which has no
# cancellation. Everything else is products and sums of positive terms.

# The Jacobian takes s from one wider dtype and rounds once, so that a product sᵢ·sⱼ of two
# rounded entries stays within 4 ULP. Where longdouble is no wider than float64 (Windows,
# macOS on ARM), float64 Jacobians are computed in float64, within a few ULP more.
WIDE = {np.dtype(np.float32): np.dtype(np.float64),
        np.dtype(np.float64): np.dtype(np.longdouble if np.finfo(np.longdouble).nmant >= 63 else np.float64)}


def _probabilities(x, axis, negate=False):
    """s = softmax(x) (softmax(−x) for ``negate``) and c = 1 − s along axis, moved last,
    in the wider dtype (``WIDE``): the caller rounds once."""
    wide = np.moveaxis(x, axis, -1).astype(WIDE[x.dtype], order="C")
    if wide.size == 0:
        return wide, wide
    top = _extreme(wide, -1, negate)
    e = _shifted(wide, -1, negate, top)
    err = _shift_error(wide, top, negate)
    np.exp(e, out=e)
    err *= e
    e += err  # exp of the exact shift
    total = np.add.reduce(e, axis=-1, keepdims=True)
    index = np.argmax(e, axis=-1, keepdims=True)
    np.copyto(err, e)
    np.put_along_axis(err, index, 0, axis=-1)  # the terms but the largest
    rest = np.add.reduce(err, axis=-1, keepdims=True)
    e /= total
    c = np.subtract(1, e)
    np.put_along_axis(c, index, rest / total, axis=-1)
    return e, c


def _softmax_jacobian(x, axis, negate=False):
    """sᵢ(δᵢⱼ − sⱼ) (its negative for ``negate``: softmin), axis moved last."""
    s, c = _probabilities(x, axis, negate)
    diagonal = np.multiply(s, c).astype(x.dtype)  # rounded once
    s = s.astype(x.dtype)
    jac = s[..., :, None] * s[..., None, :]
    if not negate:
        np.negative(jac, out=jac)
        np.einsum("...ii->...i", jac)[...] = diagonal
    else:
        np.einsum("...ii->...i", jac)[...] = -diagonal
    return jac


def _centred(s, v, axis):
    """u = v − Σⱼ sⱼvⱼ along axis for a probability vector s. At the largest entry m, where
    s_m ≈ 1 makes v_m − Σ s v cancel, u_m = (1 − s_m)·v_m − Σⱼ≠ₘ sⱼvⱼ with 1 − s_m = Σⱼ≠ₘ sⱼ."""
    index = np.argmax(s, axis=axis, keepdims=True)
    s_m = np.take_along_axis(s, index, axis=axis)
    v_m = np.take_along_axis(v, index, axis=axis)
    others = s.copy()
    np.put_along_axis(others, index, 0, axis=axis)
    complement = _total(others, axis)
    np.multiply(others, v, out=others)
    dot_others = np.add.reduce(others, axis=axis, keepdims=True)
    u = v - (dot_others + s_m * v_m)
    np.put_along_axis(u, index, complement * v_m - dot_others, axis=axis)
    return u


def _softmax_jvp(x, v, axis, negate=False, log=False):
    """J·v for softmax (softmin for ``negate``; log_softmax for ``log``): s ⊙ u, or u,
    with u from ``_centred``. float32 is computed in float64 and rounded once."""
    wide = x.astype(np.float64, copy=False)
    s = _exp_normalized(wide, axis) if log else _exp_normalized(wide, axis, negate)
    u = _centred(s, v.astype(np.float64, copy=False), axis)
    if not log:
        u *= s
        if negate:
            np.negative(u, out=u)
    with np.errstate(over="ignore"):  # a float32 result beyond float32's range is inf, correctly
        return u.astype(x.dtype, copy=False)


# -- log_softmax -------------------------------------------------------------------------------

def _zero_at_argmax(e, x, axis):
    """e[argmax x] = 0 along axis (the first max), in place."""
    index = np.argmax(x, axis=axis, keepdims=True)
    if axis == e.ndim - 1 and e.flags.c_contiguous:  # 2× faster than put_along_axis
        rows = e.reshape(-1, e.shape[-1])
        rows[np.arange(rows.shape[0]), index.ravel()] = 0
    else:
        np.put_along_axis(e, index, 0, axis=axis)


def log_softmax(x, axis=-1):
    """xᵢ − max x − log Σⱼ exp(xⱼ − max x), with the sum's leading 1 taken out:
    log Σ = log1p(Σ over the others), exact where one entry dominates (x = [0, -30])."""
    axis = _axis(x, axis, "log_softmax")
    if x.size == 0:
        return np.empty_like(x)
    top = _extreme(x, axis, False)
    fast = _exp_safe(top, x.dtype, x.shape[axis])
    if fast:  # exp(x) takes x as it is; the sum is rescaled by exp(−max) (normal: max < 709)
        e = np.exp(x)
    else:
        err = _shift_error(x, top)
        e = _shifted(x, axis, top=top)
        np.exp(e, out=e)
        e += e * err  # exp of the exact shift (see _shift_error)
    # The max entry's term of Σ exp(x − max) is exactly 1: drop it and use log1p on the rest.
    _zero_at_argmax(e, x, axis)
    if x.dtype == np.float64:  # rest may be tiny: _total takes the scale from its largest term
        rest = _total(e, axis)
    else:  # float32: accumulated in float64 and kept there through log1p
        rest = np.add.reduce(e, axis=axis, keepdims=True, dtype=np.float64)
    if fast:
        rest *= np.exp(-top.astype(np.float64))
    # (x − max) − log1p(rest): no cancellation (x − max ≤ 0 ≤ log1p), so rounding x − max costs
    # at most ½ ULP of the result; the shifted path adds its error term back as well.
    # On the fast path max ∈ [0, 709): x − max cannot overflow and there are no edge rows.
    d = np.subtract(x, top) if fast else _shifted(x, axis, top=top)
    d -= np.log1p(rest).astype(d.dtype)
    if not fast:
        d += err
    return d


def log_softmax_jacobian(x, axis=-1):
    """∂yᵢ/∂xⱼ = δᵢⱼ − sⱼ with s = softmax(x), axis moved last."""
    s, c = _probabilities(x, _axis(x, axis, "log_softmax"))
    s = s.astype(x.dtype)
    jac = np.broadcast_to(-s[..., None, :], s.shape + s.shape[-1:]).copy()
    np.einsum("...ii->...i", jac)[...] = c  # rounded once
    return jac


def log_softmax_jvp(x, v, axis=-1):
    """J·v = v − Σ s ⊙ v."""
    return _softmax_jvp(x, v, _axis(x, axis, "log_softmax"), log=True)


# -- softmin -----------------------------------------------------------------------------------

def softmin(x, axis=-1):
    """softmax(−x) = exp(min x − xᵢ) / Σⱼ exp(min x − xⱼ)."""
    return _exp_normalized(x, _axis(x, axis, "softmin"), negate=True)


def softmin_jacobian(x, axis=-1):
    """∂sᵢ/∂xⱼ = −sᵢ(δᵢⱼ − sⱼ) with s = softmin(x), axis moved last."""
    return _softmax_jacobian(x, _axis(x, axis, "softmin"), negate=True)


def softmin_jvp(x, v, axis=-1):
    """J·v = −s ⊙ (v − Σ s ⊙ v)."""
    return _softmax_jvp(x, v, _axis(x, axis, "softmin"), negate=True)


# -- sparsemax ---------------------------------------------------------------------------------

def sparsemax(x, axis=-1):
    """The Euclidean projection of x onto the probability simplex: max(xᵢ − τ, 0) with τ
    such that the result sums to 1 (Martins & Astudillo 2016, Algorithm 1)."""
    axis = _axis(x, axis, "sparsemax")
    z = np.moveaxis(_shifted(x, axis), axis, -1)  # shift-invariant; the max entry is 0
    n = z.shape[-1]
    # τ ≥ max − 1 = −1, so entries below −1 are never in the support: clamping them at −2 keeps
    # the support test exact and the cumulative sums finite (no −inf, no overflow at −1e308).
    ordered = np.sort(np.clip(z, -2, 0), axis=-1)[..., ::-1]
    # Cumulative sums in float64: τ is a difference of them, so their rounding is what matters.
    cumulative = np.cumsum(ordered, axis=-1, dtype=np.float64)
    k = np.arange(1, n + 1, dtype=np.float64)
    support = 1 + k * ordered > cumulative
    size = np.maximum(np.sum(support, axis=-1, keepdims=True), 1)
    tau = (np.take_along_axis(cumulative, size - 1, axis=-1) - 1) / size
    out = np.subtract(z, tau.astype(z.dtype), dtype=z.dtype)
    np.clip(out, 0, np.inf, out=out)
    return np.moveaxis(out, -1, axis)


def _support(x, axis):
    p = np.moveaxis(sparsemax(x, axis), axis, -1)
    inside = (p > 0).astype(p.dtype)
    np.copyto(inside, p, where=np.isnan(p))
    count = np.maximum(np.sum(p > 0, axis=-1, keepdims=True), 1).astype(p.dtype)
    return inside, count


def sparsemax_jacobian(x, axis=-1):
    """∂pᵢ/∂xⱼ = Sᵢ(δᵢⱼ − Sⱼ/|S|) with S the support {p > 0}, axis moved last."""
    axis = _axis(x, axis, "sparsemax")
    inside, count = _support(x, axis)
    outer = inside[..., :, None] * inside[..., None, :]
    outer /= count[..., None]
    jac = np.zeros_like(outer)
    np.einsum("...ii->...i", jac)[...] = inside
    jac -= outer  # 0 − 0 is +0: no "-0." in printed Jacobians
    return jac


def sparsemax_jvp(x, v, axis=-1):
    """J·v = S ⊙ (v − Σ_S v / |S|)."""
    axis = _axis(x, axis, "sparsemax")
    inside, count = _support(x, axis)
    vs = np.moveaxis(v, axis, -1)
    out = vs - np.sum(inside * vs, axis=-1, keepdims=True) / count
    out *= inside
    return np.moveaxis(out, -1, axis)


# -- glu ---------------------------------------------------------------------------------------

def _halves(x, axis):
    """The halves a, b of x along axis (views; slicing, not np.split, which costs µs per call)."""
    axis = _axis(x, axis, "glu")
    n = x.shape[axis]
    if n % 2:
        raise InputError(f"glu splits its input into two halves along axis {axis - x.ndim}, "
                         f"so it needs an even number of values there, not {n}")
    lead = (slice(None),) * axis
    return x[lead + (slice(0, n // 2),)], x[lead + (slice(n // 2, None),)], axis


def _half_exp_floor(dtype):
    """Half a unit above log(smallest subnormal): exp() of it is not rounded to 0."""
    return float(np.log(np.finfo(dtype).smallest_subnormal)) + 0.5


def _half_exp(b):
    """g = exp(−|b|/2) ∈ (0, 1], floored at the smallest subnormal: then (a·g)·g is 0 for every
    finite a where it should underflow, and never 0·inf."""
    g = np.abs(b)
    g *= -0.5
    np.clip(g, _half_exp_floor(b.dtype), 0, out=g)
    np.exp(g, out=g)
    return g


# Gates down to GATE_LOW take a / (1 + exp(−b)): exp(−b) ≤ 1e35 (float32), 1e304 (float64) is
# finite, and the result is within 3.5 ULP (10^6 float32 points). Below it exp(b) alone would
# underflow before a·σ(b) does (a = 1e300, b = −800): those entries take ``_glu_far``.
GATE_LOW = {np.dtype(np.float32): -80.0, np.dtype(np.float64): -700.0}
GLU_BLOCK = 1 << 16  # outputs per block: fewer Python steps, a, b, out and the scratch still cached


def _glu_far(a, b):
    """a·σ(b) for gates b < GATE_LOW, a new array. float32 in float64, where exp(−b), clamped at
    exp(700), is finite: past the clamp |a·σ(b)| < 3.4e38·e⁻⁷⁰⁰, far below float32's subnormals.
    float64 as (a·g)·g / (1 + g²) with g = exp(b/2) (``_half_exp``): a·σ(b) never underflows
    before its true value does, and a = ±inf gives ±inf, not inf·0."""
    if a.dtype == np.float32:
        e = np.negative(b, dtype=np.float64)
        np.minimum(e, 700.0, out=e)
        np.exp(e, out=e)
        e += 1
        np.divide(a, e, out=e)
        return e.astype(np.float32)
    g = _half_exp(b)
    out = a * g
    out *= g
    out /= 1 + g * g
    return out


def _glu_into(a, b, out, e):
    """out = a·σ(b) = a / (1 + exp(−b)), in 5 ufunc passes where every gate is ≥ GATE_LOW (NaN
    counts as below), else with exp(−b) clamped and the far gates redone by ``_glu_far``: each
    entry's value depends on its own a and b only. e: scratch of out's shape."""
    low = GATE_LOW[out.dtype]
    np.negative(b, out=e)
    far = not np.minimum.reduce(b, axis=None) >= low
    if far:
        np.minimum(e, -low, out=e)  # NaN stays NaN
    np.exp(e, out=e)
    e += 1
    np.divide(a, e, out=out)
    if far:
        index = np.nonzero(b < low)
        out[index] = _glu_far(a[index], b[index])


def glu(x, axis=-1):
    """Gated linear unit: split x along axis into halves a, b and return a·σ(b).

    One pass over memory: along the last axis of a C-contiguous x, blocks of rows (or of one
    long row) go through ``_glu_into`` with a scratch array that stays in the cache."""
    a, b, axis = _halves(x, axis)
    out = np.empty(a.shape, dtype=x.dtype)
    if out.size <= GLU_BLOCK or not (axis == x.ndim - 1 and x.flags.c_contiguous):
        if out.size:
            _glu_into(a, b, out, np.empty_like(out))
        return out
    m = a.shape[-1]
    rows_a, rows_b, rows_out = a.reshape(-1, m), b.reshape(-1, m), out.reshape(-1, m)
    scratch = np.empty(GLU_BLOCK, dtype=x.dtype)
    step = max(1, GLU_BLOCK // m)
    for row in range(0, len(rows_a), step):
        for col in range(0, m, GLU_BLOCK):  # one block per group of rows, unless a row is longer
            block = (slice(row, row + step), slice(col, col + GLU_BLOCK))
            target = rows_out[block]
            _glu_into(rows_a[block], rows_b[block], target, scratch[:target.size].reshape(target.shape))
    return out


def _glu_parts(x, axis):
    """σ(b) and a·σ'(b) = a·σ(b)·(1 − σ(b)) = a·e / (1 + e)², both stable."""
    a, b, axis = _halves(x, axis)
    g = _half_exp(b)
    den = np.square(g)
    den += 1
    # a·e / (1 + e)² = ((a·g)·g / (1 + e)) / (1 + e): even in b, no underflow before the truth
    dsigma = a * g
    dsigma *= g
    dsigma /= den
    dsigma /= den
    np.maximum(g, b >= 0, out=g)
    sigma = np.square(g)
    sigma /= den
    return sigma, dsigma, axis


def glu_jacobian(x, axis=-1):
    """∂yᵢ/∂aⱼ = δᵢⱼ σ(bᵢ), ∂yᵢ/∂bⱼ = δᵢⱼ aᵢ σ'(bᵢ): shape (..., n/2, n), axis moved last."""
    sigma, dsigma, axis = _glu_parts(x, axis)
    sigma, dsigma = np.moveaxis(sigma, axis, -1), np.moveaxis(dsigma, axis, -1)
    m = sigma.shape[-1]
    jac = np.zeros(sigma.shape + (2 * m,), dtype=x.dtype)
    np.einsum("...ii->...i", jac[..., :m])[...] = sigma
    np.einsum("...ii->...i", jac[..., m:])[...] = dsigma
    return jac


def glu_jvp(x, v, axis=-1):
    """J·v = σ(b)·v_a + a·σ'(b)·v_b, with v split like x."""
    sigma, dsigma, axis = _glu_parts(x, axis)
    va, vb, _ = _halves(v, axis)
    out = sigma * va
    out += dsigma * vb
    return out


# -- the records -------------------------------------------------------------------------------

GLOROT = "Glorot (Xavier) uniform (the Keras Dense default)"

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
        initializer=GLOROT,
        input_scaling="any (shift-invariant: softmax(x + c) = softmax(x))",
        frameworks={
            "keras": "softmax(axis=-1)",
            "pytorch": "nn.Softmax(dim) — dim=None guesses the axis (deprecated); pass it",
            "jax": "jax.nn.softmax(axis=-1)",
        },
        bounds=(0.0, 1.0),
        notes=(
            EDGE_ROWS,
            "Rows whose max is in [0, about 707 − log n) (float32: [0, 88 − log n)) are computed as "
            "exp(x) / Σ exp(x), "
            "taking x exactly; other rows as exp(x − max)·(1 + e) with e the rounding error of "
            "x − max (TwoSum). Within 4 ULP at any magnitude; no overflow, even for ±1e308.",
            "The sum is accurate to about 1 ULP for any length and axis (float32 adds in float64; "
            "float64 splits each term exactly into a part that sums without error and a small rest: "
            "Rump, Ogita & Oishi 2008). The Jacobian and jvp take 1 − sᵢ at the largest entry as the "
            "sum of the others, so they stay exact where one logit dominates (x = [0, -30]).",
        ),
        pitfalls=(
            "PyTorch: nn.CrossEntropyLoss applies log-softmax itself; do not put softmax before it "
            "(double softmax: ariecattan/SciCo#2).",
            "Keras: a softmax output with from_logits=True is wrong: the loss applies softmax again "
            "(keras-team/keras#6143).",
            "Multilabel targets need one sigmoid per class and binary_crossentropy, not softmax "
            "(keras-team/keras#741, #761).",
            "A size-1 softmax always outputs 1 (Keras warns: 'Did you mean to use a sigmoid "
            "instead?', keras/src/ops/nn.py): for two classes use one sigmoid unit.",
            "PyTorch: nn.Softmax() with dim=None guesses the axis; always pass dim.",
        ),
        references=(
            "Tutorial: output layer, multiclass classification (softmax([1, 3, 2]) = "
            "[0.09003057 0.66524096 0.24472847]).",
            "Bridle 1990, Probabilistic interpretation of feedforward classification network outputs.",
        ),
    ),
    Activation(
        name="log_softmax",
        summary="The logarithm of softmax, computed stably: log-probabilities for NLL losses.",
        function=log_softmax,
        gradient=log_softmax_jacobian,
        jvp_function=log_softmax_jvp,
        params=(AXIS,),
        vector=True,
        formula="xᵢ − log Σⱼ exp(xⱼ)",
        derivative_formula="∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ",
        range="(-∞, 0]",
        continuity="C∞",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("output",),
        initializer=GLOROT,
        input_scaling="any (shift-invariant)",
        frameworks={
            "keras": "log_softmax(axis=-1)",
            "pytorch": "nn.LogSoftmax(dim) — pass dim",
            "jax": "jax.nn.log_softmax(axis=-1)",
        },
        bounds=(None, 0.0),
        notes=(
            "Computed as (x − max) − log1p(Σ over the non-max entries of exp(x − max)): stable "
            "for any input and accurate where one entry dominates (x = [0, -30]), where "
            "log(softmax(x)) loses digits and x − logsumexp(x) cancels.",
            EDGE_ROWS.replace("equal shares and 0 elsewhere", "log(1/k) each (k of them) and -inf "
                              "elsewhere").replace("the uniform vector (every entry equal)",
                                                   "log(1/n) everywhere"),
        ),
        pitfalls=(
            "PyTorch: pair it with nn.NLLLoss; nn.CrossEntropyLoss already contains it, so do not "
            "apply it before CrossEntropyLoss.",
            "Its outputs are log-probabilities, not probabilities: exponentiate to get softmax.",
        ),
        references=("Bridle 1990, Probabilistic interpretation of feedforward classification network "
                    "outputs.",),
    ),
    Activation(
        name="softmin",
        summary="softmax(−x): probabilities that favour the smallest entries.",
        function=softmin,
        gradient=softmin_jacobian,
        jvp_function=softmin_jvp,
        params=(AXIS,),
        vector=True,
        probability=True,
        formula="exp(−xᵢ) / Σⱼ exp(−xⱼ)",
        derivative_formula="∂sᵢ/∂xⱼ = −sᵢ·(δᵢⱼ − sⱼ)",
        range="(0, 1), sums to 1",
        continuity="C∞",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("output",),
        initializer=GLOROT,
        input_scaling="any (shift-invariant)",
        frameworks={"keras": "—", "pytorch": "nn.Softmin(dim) — pass dim", "jax": "—"},
        bounds=(0.0, 1.0),
        notes=(
            "softmin(x) = softmax(−x), so the edge rows mirror softmax's: a row holding −inf gives its "
            "−inf entries equal shares and 0 elsewhere; a row that is all +inf gives the uniform "
            "vector; NaN anywhere in a row makes the row NaN. PyTorch gives NaN for the first two "
            "(measured with torch 2.13.0: F.softmin on [0, -inf] and [inf, inf]).",
        ),
        pitfalls=("Only PyTorch has it; in Keras or JAX write softmax(-x).",),
        references=("PyTorch documentation, torch.nn.Softmin.",),
    ),
    Activation(
        name="sparsemax",
        summary="Projection onto the probability simplex: like softmax, but gives exact zeros.",
        function=sparsemax,
        gradient=sparsemax_jacobian,
        jvp_function=sparsemax_jvp,
        params=(AXIS,),
        vector=True,
        probability=True,
        formula="argmin over the simplex of ‖p − x‖², = max(xᵢ − τ(x), 0) with Σ pᵢ = 1",
        derivative_formula="∂pᵢ/∂xⱼ = Sᵢ·(δᵢⱼ − Sⱼ/|S|), S = support {p > 0} (piecewise constant)",
        range="[0, 1], sums to 1",
        continuity="C0",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("output", "attention"),
        initializer=GLOROT,
        input_scaling="any (shift-invariant); the scale sets how sparse the output is",
        frameworks={"keras": "sparsemax(axis=-1)", "pytorch": "—", "jax": "—"},
        kink="The Jacobian is piecewise constant and jumps where an entry enters or leaves the support "
             "(xᵢ = τ); there the entry is taken as outside the support (pᵢ = 0 gives a zero row).",
        bounds=(0.0, 1.0),
        notes=(
            "Unlike softmax it is not smooth and outputs exact zeros: entries more than 1 below the "
            "max (after the shift) are always 0.",
            "Edge rows as softmax: a row holding +inf gives its +inf entries equal shares and 0 "
            "elsewhere; a row that is all -inf gives the uniform vector; NaN anywhere makes the row NaN.",
        ),
        pitfalls=("Its log is -inf at the zeros: train it with the sparsemax loss, not cross-entropy.",),
        references=("Martins & Astudillo 2016, From softmax to sparsemax: a sparse model of attention "
                    "and multi-label classification (ICML).",),
    ),
    Activation(
        name="glu",
        summary="Gated linear unit: one half of the vector gated by the sigmoid of the other half.",
        function=glu,
        gradient=glu_jacobian,
        jvp_function=glu_jvp,
        params=(AXIS,),
        vector=True,
        formula="a ⊙ σ(b), where x = [a, b] is split into halves along the axis",
        derivative_formula="∂y/∂a = diag σ(b); ∂y/∂b = diag a·σ(b)·(1 − σ(b)); Jacobian (n/2) × n",
        range="(-∞, ∞)",
        continuity="C∞",
        monotonic=False,
        monotone_derivative=False,
        approx_identity=False,
        zero_centred=False,
        uses=("hidden",),
        initializer=GLOROT,
        input_scaling="standardize",
        frameworks={"keras": "glu(axis=-1)", "pytorch": "nn.GLU(dim=-1)", "jax": "jax.nn.glu(axis=-1)"},
        notes=(
            "The length along the axis must be even; the output is half as long. The first half is "
            "the value, the second the gate, in Keras, PyTorch and jax.nn alike.",
            "glu(a = ±inf, b = -inf) is ∞·0; actv returns ±inf (a·σ(b) for any finite b), PyTorch NaN "
            "(measured with torch 2.13.0: F.glu(torch.tensor([inf, -inf]))).",
            "Transformer feed-forward layers use its variants SwiGLU (silu gate) and GEGLU (gelu gate).",
        ),
        pitfalls=("The layer before it must output twice the width you want after it.",),
        references=(
            "Dauphin, Fan, Auli & Grangier 2017, Language modeling with gated convolutional networks.",
            "Shazeer 2020, GLU variants improve Transformer.",
        ),
    ),
)
