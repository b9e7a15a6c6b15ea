"""mpmath references for the vector family (one vector in, one vector out)."""
import mpmath


def softmax(xs):
    top = max(xs)
    exps = [mpmath.exp(x - top) for x in xs]
    total = mpmath.fsum(exps)
    return [e / total for e in exps]


REFERENCES = {"softmax": softmax}

DERIVATIVES = {}
