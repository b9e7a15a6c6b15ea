"""One record per activation: its code, its derivative and its facts, side by side.

The family modules (``piecewise``, ``smooth``, ``vector``) build ``Activation``
records; ``list``, ``info``, ``plot`` and the docs all read them, so the facts
cannot drift apart from the code.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from ..errors import InputError, ParameterError

REQUIRED = object()
"""Default of a parameter that no framework gives a default to (e.g. threshold)."""


# -- parameter converters: each takes a Python value or a command-line string ---------------

def real(value: Any) -> float:
    """A finite real number (strings are parsed with float(), never evaluated)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("must be finite")
    return number


def positive(value: Any) -> float:
    """A finite number > 0."""
    number = real(value)
    if number <= 0:
        raise ValueError("must be > 0")
    return number


def nonnegative(value: Any) -> float:
    """A finite number >= 0."""
    number = real(value)
    if number < 0:
        raise ValueError("must be >= 0")
    return number


def integer(value: Any) -> int:
    """A whole number, e.g. an axis."""
    if isinstance(value, bool):
        raise ValueError("expected an integer, got a boolean")
    if isinstance(value, str):
        return int(value.strip())
    if isinstance(value, (int, np.integer)):
        return int(value)
    number = float(value)
    if not number.is_integer():
        raise ValueError("must be a whole number")
    return int(number)


def choice(*options: str, aliases: Mapping[Any, str] | None = None) -> Callable[[Any], str]:
    """One of ``options`` (case-insensitive); ``aliases`` maps other spellings to an option."""
    aliases = dict(aliases or {})

    def convert(value: Any) -> str:
        if value in aliases and not isinstance(value, str):
            return aliases[value]
        text = str(value).strip().lower()
        text = aliases.get(text, text)
        if text not in options:
            raise ValueError(f"must be one of {', '.join(options)}")
        return text

    convert.__doc__ = f"One of: {', '.join(options)}."
    return convert


@dataclass(frozen=True)
class Param:
    """A parameter of an activation, with its default (``REQUIRED`` if it has none)."""

    name: str
    default: Any
    doc: str
    convert: Callable[[Any], Any] = real

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


# -- the record -----------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Activation:
    """An activation function with its derivative and facts.

    Call it like a function: ``get("gelu")(x, approximate="tanh")``.
    ``function`` and ``gradient`` receive a float32/float64 ndarray and validated
    keyword parameters; ``__call__`` and ``derivative`` do the checking.
    For vector functions (``vector=True``) ``gradient`` returns the Jacobian with
    the function's axis moved last: input (..., n) -> (..., m, n), and ``jvp``
    gives the Jacobian-vector product without building the matrix.
    """

    name: str
    summary: str                      # one line: what it is
    function: Callable[..., np.ndarray]
    gradient: Callable[..., np.ndarray]
    formula: str                      # plain text, e.g. "1 / (1 + exp(-x))"
    derivative_formula: str           # plain text, e.g. "σ(x)·(1 − σ(x))"
    range: str                        # e.g. "(0, 1)"
    continuity: str                   # "C0", "C1", "C∞", or "discontinuous"
    monotonic: bool
    monotone_derivative: bool
    approx_identity: bool             # f(0)=0, f'(0)=1 and f' continuous at 0
    zero_centred: bool
    uses: tuple[str, ...]             # "hidden", "output", "gates", ...
    initializer: str                  # starts with "He", "Glorot" or "LeCun", e.g. "He (Kaiming) normal / uniform"
    input_scaling: str                # e.g. "[0, 1]"
    frameworks: Mapping[str, str]     # "keras"/"pytorch"/"jax" -> name and defaults, or "—"
    kink: str | None = None           # the derivative taken at kinks; None if smooth
    bounds: tuple[float | None, float | None] = (None, None)  # inf and sup at the defaults
    aliases: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    notes: tuple[str, ...] = ()       # framework disagreements, inference-time semantics
    pitfalls: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    vector: bool = False
    probability: bool = False         # outputs along the axis are a probability vector
    jvp_function: Callable[..., np.ndarray] | None = None
    family: str = field(default="")

    # -- evaluation --------------------------------------------------------------------------
    # Underflow to a subnormal or to zero is the correctly rounded result, not an error:
    # it is silenced here, once, so that no input makes numpy warn.
    def __call__(self, x, **params) -> np.ndarray:
        """Evaluate the function; float32 in gives float32 out, anything else float64."""
        array, restore = as_float_array(x)
        resolved = self.resolve(params)
        with np.errstate(under="ignore"):
            return _restore(self.function(array, **resolved), restore)

    def derivative(self, x, **params) -> np.ndarray:
        """f'(x) element-wise, or the Jacobian (axis moved last) for vector functions."""
        array, restore = as_float_array(x)
        resolved = self.resolve(params)
        with np.errstate(under="ignore"):
            return _restore(self.gradient(array, **resolved), restore)

    def jvp(self, x, v, **params) -> np.ndarray:
        """Jacobian-vector product J(x)·v along the function's axis (f'(x)·v element-wise)."""
        array, restore = as_float_array(x)
        tangent = np.asarray(v, dtype=array.dtype)
        if tangent.shape != array.shape:
            raise InputError(f"v has shape {tangent.shape}, x has shape {array.shape}")
        resolved = self.resolve(params)
        with np.errstate(under="ignore"):
            if self.jvp_function is None:
                return _restore(self.gradient(array, **resolved) * tangent, restore)
            return _restore(self.jvp_function(array, tangent, **resolved), restore)

    def resolve(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Check and convert parameters; fill in defaults. Raises ParameterError."""
        known = {p.name: p for p in self.params}
        unknown = [name for name in given if name not in known]
        if unknown:
            takes = f"takes {', '.join(known)}" if known else "takes no parameters"
            raise ParameterError(f"{self.name} has no parameter {unknown[0]!r}; it {takes}.")
        resolved = {}
        for name, param in known.items():
            if name in given:
                try:
                    resolved[name] = param.convert(given[name])
                except (TypeError, ValueError) as error:
                    raise ParameterError(
                        f"bad value {given[name]!r} for {self.name} parameter {name!r}: {error}"
                    ) from None
            elif param.required:
                missing = [p.name for p in self.params if p.required and p.name not in given]
                example = " ".join(f"--param {m}=VALUE" for m in missing)
                raise ParameterError(
                    f"{self.name} needs {', '.join(missing)} (no framework gives "
                    f"{'it' if len(missing) == 1 else 'them'} a default): {example}"
                )
            else:
                resolved[name] = param.default
        return resolved

    # -- derived facts -----------------------------------------------------------------------
    @property
    def bounded(self) -> bool:
        return self.bounds[0] is not None and self.bounds[1] is not None

    @property
    def init_scheme(self) -> str:
        """The initializer family as a key: "he", "glorot" or "lecun"."""
        return self.initializer.split()[0].lower()

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: (None if p.required else p.default) for p in self.params}

    def facts(self) -> dict[str, Any]:
        """Every fact of the entry as plain data, in reading order (``actv info``, JSON)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "summary": self.summary,
            "kind": "vector" if self.vector else "element-wise",
            "formula": self.formula,
            "derivative": self.derivative_formula,
            "parameters": [
                {"name": p.name, "default": None if p.required else p.default, "required": p.required,
                 "doc": p.doc}
                for p in self.params
            ],
            "range": self.range,
            "bounded": self.bounded,
            "continuity": self.continuity,
            "monotonic": self.monotonic,
            "monotone_derivative": self.monotone_derivative,
            "approx_identity": self.approx_identity,
            "zero_centred": self.zero_centred,
            "uses": list(self.uses),
            "initializer": self.initializer,
            "input_scaling": self.input_scaling,
            "frameworks": dict(self.frameworks),
            "kink": self.kink,
            "notes": list(self.notes),
            "pitfalls": list(self.pitfalls),
            "references": list(self.references),
        }

    def __repr__(self) -> str:
        return f"<Activation {self.name}>"


def as_float_array(x) -> tuple[np.ndarray, np.dtype | None]:
    """``x`` as float32 or float64; the dtype to restore afterwards, if any (float16)."""
    array = np.asarray(x)
    if array.dtype == np.float64 or array.dtype == np.float32:
        return array, None
    if array.dtype.kind in "biu":
        return array.astype(np.float64), None
    if array.dtype == np.float16:
        return array.astype(np.float32), array.dtype
    if array.dtype.kind == "f":
        return array.astype(np.float64), array.dtype
    raise InputError(f"expected real numbers, got an array of {array.dtype}")


def _restore(result, dtype):
    return result if dtype is None else np.asarray(result).astype(dtype)
