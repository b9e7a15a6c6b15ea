"""Evaluate a catalog function (or its derivative) on numbers: what ``actv eval`` does."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from .catalog import get
from .errors import InputError, ParameterError

DTYPES = ("float64", "float32")


@dataclass(frozen=True)
class Evaluation:
    function: str
    params: dict[str, Any]
    derivative: bool
    input: np.ndarray
    output: np.ndarray
    sums: np.ndarray | None  # sums along the axis when the output is a probability vector

    def as_dict(self) -> dict[str, Any]:
        data = {"function": self.function, "params": self.params, "derivative": self.derivative,
                "dtype": str(self.input.dtype), "input": self.input, "output": self.output}
        if self.sums is not None:
            data["sum"] = self.sums
        return data


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """["alpha=0.5", ...] -> {"alpha": "0.5"}; values stay text for the entry to convert."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or not name or not value.strip():
            raise ParameterError(f"bad --param {pair!r}: expected NAME=VALUE, e.g. --param alpha=0.5")
        if name in params:
            raise ParameterError(f"parameter {name!r} is given twice")
        params[name] = value.strip()
    return params


def evaluate(name: str, values, params: Mapping[str, Any] | None = None, *, derivative: bool = False,
             axis: int | None = None, dtype: str = "float64") -> Evaluation:
    """Evaluate ``name`` on ``values`` with ``params``; ``axis`` is for vector functions only."""
    entry = get(name)
    given = dict(params or {})
    if axis is not None:
        if not entry.vector:
            raise ParameterError(f"{entry.name} is element-wise: --axis applies to vector functions "
                                 "such as softmax")
        if "axis" in given:
            raise ParameterError("the axis is given twice: use --axis or --param axis, not both")
        given["axis"] = axis
    if dtype not in DTYPES:
        raise ParameterError(f"dtype must be one of {', '.join(DTYPES)}, not {dtype!r}")
    x = _as_array(values, dtype)
    resolved = entry.resolve(given)
    result = (entry.derivative if derivative else entry)(x, **resolved)
    sums = None
    if entry.probability and not derivative:
        sums = np.sum(result, axis=resolved["axis"])
    return Evaluation(entry.name, resolved, derivative, x, result, sums)


def _as_array(values, dtype: str) -> np.ndarray:
    """``values`` as an at-least-1-D array of ``dtype``; values beyond float32's range round
    to ±inf, as a cast should (no overflow warning)."""
    if values is None:
        raise InputError("no values to evaluate")
    try:
        with np.errstate(over="ignore"):
            x = np.atleast_1d(np.asarray(values, dtype=dtype))
    except (TypeError, ValueError) as error:
        raise InputError(f"values must be real numbers in a rectangular array: {error}") from None
    if x.size == 0:
        raise InputError("no values to evaluate")
    return x
