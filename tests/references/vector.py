"""mpmath references for the vector family (one vector of finite mpf in, one vector out),
written from the definitions, independently of the package's code."""
import mpmath
from mpmath import mpf


def softmax(xs):
    top = max(xs)
    exps = [mpmath.exp(x - top) for x in xs]
    total = mpmath.fsum(exps)
    return [e / total for e in exps]


def log_softmax(xs):
    """(xᵢ − max) − log1p(Σ over the others of exp(xⱼ − max)): x − lse would cancel
    where one entry dominates (the answer is then −tiny)."""
    top = max(xs)
    i = xs.index(top)
    rest = mpmath.fsum(mpmath.exp(x - top) for j, x in enumerate(xs) if j != i)
    return [(x - top) - mpmath.log1p(rest) for x in xs]


def softmin(xs):
    return softmax([-x for x in xs])


def sparsemax(xs):
    """Martins & Astudillo 2016, Algorithm 1, with 2000 bits: float inputs from 1e-300 to
    1e300 differ in ~2000 bits, so every difference below is exact."""
    with mpmath.workprec(2100):
        top = max(xs)
        z = sorted((x - top for x in xs), reverse=True)
        cumulative, k_z, total_k = mpf(0), 0, mpf(0)
        for k, value in enumerate(z, start=1):
            cumulative += value
            if 1 + k * value > cumulative:
                k_z, total_k = k, cumulative
        tau = top + (total_k - 1) / k_z
        return [+max(x - tau, mpf(0)) for x in xs]


def sparsemax_tau(xs):
    p = sparsemax(xs)
    i = max(range(len(xs)), key=lambda j: p[j])
    return xs[i] - p[i]


def glu(xs):
    half = len(xs) // 2
    return [a / (1 + mpmath.exp(-b)) for a, b in zip(xs[:half], xs[half:])]


def _others(s, i):
    """1 − sᵢ as the sum of the other entries: 1 − sᵢ itself cancels even at 256 bits
    (x = [0, −700]: 1 − s₀ = 1e−304)."""
    return mpmath.fsum(p for k, p in enumerate(s) if k != i)


def softmax_jacobian(xs):
    """∂sᵢ/∂xⱼ = sᵢ(δᵢⱼ − sⱼ), as a list of rows."""
    s = softmax(xs)
    return [[s[i] * _others(s, i) if i == j else -s[i] * s[j] for j in range(len(xs))]
            for i in range(len(xs))]


def log_softmax_jacobian(xs):
    """∂yᵢ/∂xⱼ = δᵢⱼ − sⱼ."""
    s = softmax(xs)
    return [[_others(s, i) if i == j else -s[j] for j in range(len(xs))] for i in range(len(xs))]


def softmin_jacobian(xs):
    """softmin(x) = softmax(−x): ∂/∂x = −(softmax′)(−x)."""
    return [[-entry for entry in row] for row in softmax_jacobian([-x for x in xs])]


JACOBIANS = {
    "softmax": softmax_jacobian,
    "log_softmax": log_softmax_jacobian,
    "softmin": softmin_jacobian,
}

REFERENCES = {
    "softmax": softmax,
    "log_softmax": log_softmax,
    "softmin": softmin,
    "sparsemax": sparsemax,
    "glu": glu,
}

DERIVATIVES = {}
