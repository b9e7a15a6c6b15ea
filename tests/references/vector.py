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
    top = max(xs)
    lse = top + mpmath.log(mpmath.fsum(mpmath.exp(x - top) for x in xs))
    return [x - lse for x in xs]


def softmin(xs):
    return softmax([-x for x in xs])


def sparsemax(xs):
    """Martins & Astudillo 2016, Algorithm 1, in exact-enough arithmetic."""
    z = sorted(xs, reverse=True)
    cumulative, k_z, total_k = mpf(0), 0, mpf(0)
    for k, value in enumerate(z, start=1):
        cumulative += value
        if 1 + k * value > cumulative:
            k_z, total_k = k, cumulative
    tau = (total_k - 1) / k_z
    return [max(x - tau, mpf(0)) for x in xs]


def sparsemax_tau(xs):
    p = sparsemax(xs)
    i = max(range(len(xs)), key=lambda j: p[j])
    return xs[i] - p[i]


def glu(xs):
    half = len(xs) // 2
    return [a / (1 + mpmath.exp(-b)) for a, b in zip(xs[:half], xs[half:])]


REFERENCES = {
    "softmax": softmax,
    "log_softmax": log_softmax,
    "softmin": softmin,
    "sparsemax": sparsemax,
    "glu": glu,
}

DERIVATIVES = {}
