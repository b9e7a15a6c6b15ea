"""mpmath references for the piecewise family."""
import mpmath
from mpmath import mpf

REFERENCES = {
    "linear": lambda x: mpf(x),
    "relu": lambda x: mpmath.mpf(x) if x > 0 else mpf(0),
}

DERIVATIVES = {
    "linear": lambda x: mpf(1),
    "relu": lambda x: mpf(1) if x > 0 else mpf(0),
}
