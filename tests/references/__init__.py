"""High-precision references (mpmath, 256 bits) for every catalog function.

Written in cancellation-free forms, independently of the package's code: each family
module maps canonical names to ``f(x: mpf, **params) -> mpf`` (element-wise) or
``f(xs: list[mpf], **params) -> list[mpf]`` (vector functions, one vector).
``DERIVATIVES`` holds explicit derivative references where mpmath.diff would be
unreliable (kinks); elsewhere tests use ``mpmath.diff`` on the reference.
"""
from . import piecewise, smooth, vector

REFERENCES = {**piecewise.REFERENCES, **smooth.REFERENCES, **vector.REFERENCES}
DERIVATIVES = {**piecewise.DERIVATIVES, **smooth.DERIVATIVES, **vector.DERIVATIVES}
