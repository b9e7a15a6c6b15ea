"""ULP error of computed values against high-precision references (tests and benchmarks)."""
from __future__ import annotations

import mpmath
import numpy as np

mpmath.mp.prec = 256


def ulp_of(reference: float, dtype) -> float:
    """The spacing of ``dtype`` at ``reference`` (the subnormal spacing near 0)."""
    info = np.finfo(dtype)
    magnitude = abs(reference)
    if magnitude < info.smallest_normal:
        return float(info.smallest_subnormal)
    exponent = mpmath.floor(mpmath.log(magnitude, 2))
    return float(mpmath.mpf(2) ** (exponent - (info.nmant)))


def ulp_error(computed, reference, dtype) -> float:
    """|computed − reference| in ULPs of ``dtype``; 0 when both are the same inf/NaN,
    inf when one is non-finite and the other not (or the signs of inf differ)."""
    computed = float(computed)
    if isinstance(reference, mpmath.mpf) and not mpmath.isfinite(reference):
        reference = float(reference)
    if not isinstance(reference, mpmath.mpf):
        reference = float(reference)
        if np.isnan(reference) or np.isinf(reference):
            same = (np.isnan(computed) and np.isnan(reference)) or computed == reference
            return 0.0 if same else float("inf")
        reference = mpmath.mpf(reference)
    limit = float(np.finfo(dtype).max)
    if abs(reference) > limit * (1 + 2.0 ** -(np.finfo(dtype).nmant + 1)):
        return 0.0 if np.isinf(computed) and (computed > 0) == (reference > 0) else float("inf")
    if not np.isfinite(computed):
        return float("inf")
    return float(abs(mpmath.mpf(computed) - reference) / ulp_of(reference, dtype))
