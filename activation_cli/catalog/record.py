"""One record per activation: its code, its derivative and its facts, side by side.

The family modules (``piecewise``, ``smooth``, ``vector``) build ``Activation``
records; ``list``, ``info``, ``plot`` and the docs all read them, so the facts
cannot drift apart from the code.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
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

    def __post_init__(self):
        # Looked up on every call: the parameters by name, and the resolved defaults (None when a
        # parameter is required), so that a call without parameters checks nothing twice.
        object.__setattr__(self, "_known", {p.name: p for p in self.params})
        defaults = None if any(p.required for p in self.params) else {p.name: p.default for p in self.params}
        object.__setattr__(self, "_defaults", defaults)
        # f and f' at the defaults, for __call__'s and derivative's fast path (None: no fast path)
        object.__setattr__(self, "_plain", None if defaults is None else _bind(self.function, defaults))
        object.__setattr__(self, "_plain_gradient", None if defaults is None or self.vector
                           else _bind(self.gradient, defaults))

    # -- evaluation --------------------------------------------------------------------------
    def __call__(self, x, **params) -> np.ndarray:
        """Evaluate the function. float32 and float64 keep their dtype, integers give float64;
        float16 (longdouble) is computed in float32 (float64) and returned in its own dtype."""
        if self._plain is not None and not params and _plain_array(x):
            return _underflow_silenced(self._plain, x)
        return self._apply(self.function, x, params)

    def derivative(self, x, **params) -> np.ndarray:
        """f'(x) element-wise, or the Jacobian (axis moved last) for vector functions."""
        if self._plain_gradient is not None and not params and _plain_array(x):
            return _underflow_silenced(self._plain_gradient, x)
        return self._apply(self.gradient, x, params, jacobian=self.vector)

    def kernels(self, params: Mapping[str, Any] | None = None) -> tuple[Callable[[np.ndarray], np.ndarray],
                                                                         Callable[[np.ndarray], np.ndarray]]:
        """The function and its derivative with ``params`` checked once, for many calls in a row
        (``actv compare``'s network): f(x) and f'(x) for a float32 or float64 ndarray of one or
        more dimensions, neither converted nor checked, result in x's dtype.

        Underflow to a subnormal or to zero is the one floating-point event the kernels leave to
        their caller (``__call__`` silences it per call, as the correctly rounded result): call
        them inside ``with np.errstate(under="ignore"):``, once around many calls."""
        resolved = self.resolve(dict(params or {}))
        return _bind(self.function, resolved), _bind(self.gradient, resolved)

    def jvp(self, x, v, **params) -> np.ndarray:
        """Jacobian-vector product J(x)·v along the function's axis (f'(x)·v element-wise)."""
        if np.shape(v) != np.shape(x):
            raise InputError(f"v has shape {np.shape(v)}, x has shape {np.shape(x)}")
        if self.jvp_function is None:
            return self._apply(lambda a, t, **p: self.gradient(a, **p) * t, x, params, tangent=v)
        return self._apply(self.jvp_function, x, params, tangent=v)

    JACOBIAN_LIMIT = 2**26  # entries (512 MB in float64): past it, use jvp

    def _apply(self, kernel, x, params, tangent=None, jacobian=False):
        """Run ``kernel`` on x as float32/float64 with checked parameters.

        Scalars run as 1-element arrays (the kernels chain ``out=``, which needs arrays).
        Underflow to a subnormal or to zero, and underflow or overflow when a float16 result
        is cast back, give the correctly rounded value, not an error: they are silenced here,
        once, so that no input makes numpy warn or raise, whatever np.seterr says.
        """
        array, restore = as_float_array(x)
        resolved = self.resolve(params)
        scalar = array.ndim == 0 and not self.vector
        if scalar:
            array = array.reshape(1)
        if jacobian:
            self._check_jacobian_size(array, resolved["axis"])
        extra = () if tangent is None else (np.asarray(tangent, dtype=array.dtype).reshape(array.shape),)
        with np.errstate(under="ignore"):
            result = kernel(array, *extra, **resolved)
        if scalar:
            result = result.reshape(())
        if restore is None:
            return result
        with np.errstate(over="ignore", under="ignore"):  # whatever np.seterr says
            return np.asarray(result).astype(restore)

    def _check_jacobian_size(self, array, axis):
        if -array.ndim <= axis < array.ndim:
            entries = array.size * array.shape[axis]
            if entries > self.JACOBIAN_LIMIT:
                raise InputError(f"the Jacobian of {self.name} here has {entries:,} entries, too many "
                                 "to build: give fewer values (from Python, jvp(x, v) needs no matrix)")

    def resolve(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Check and convert parameters; fill in defaults. Raises ParameterError."""
        known = self._known
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
    def family(self) -> str:
        """The family module the function is defined in: "piecewise", "smooth" or "vector"."""
        return self.function.__module__.rsplit(".", 1)[-1]

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


def _plain_array(x) -> bool:
    """x needs nothing from _apply: a float32/float64 ndarray (not a subclass) with dimensions."""
    return type(x) is np.ndarray and x.ndim > 0 and x.dtype.char in "fd"


def _underflow_silenced(kernel: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> np.ndarray:
    """kernel(x) with underflow silenced, as in ``_apply``: numpy's default already ignores it,
    and knowing that costs less than entering an errstate (the fast path of a call at 10³ elements)."""
    if _underflow_ignored():
        return kernel(x)
    with np.errstate(under="ignore"):
        return kernel(x)


try:  # numpy >= 2 keeps its error state in a context variable, set anew whenever the state changes
    from numpy._core._ufunc_config import _extobj_contextvar as _ERROR_STATE
except ImportError:  # pragma: no cover - a numpy without it: ask np.geterr every time
    _ERROR_STATE = None
_LAST_STATE: tuple[Any, bool] = (None, False)  # (error state, underflow ignored in it), read and set whole


def _underflow_ignored() -> bool:
    """np.geterr()["under"] == "ignore", computed once per error state: np.geterr costs 0.6 µs,
    half of a call's overhead at 10³ elements; the context variable's value is a new object
    after every change of the state (np.errstate, np.seterr), so identity tells it is the same."""
    global _LAST_STATE
    if _ERROR_STATE is None:
        return np.geterr()["under"] == "ignore"
    state, last = _ERROR_STATE.get(), _LAST_STATE
    if state is last[0]:
        return last[1]
    ignored = np.geterr()["under"] == "ignore"
    _LAST_STATE = (state, ignored)  # holds the state object: its id cannot be reused meanwhile
    return ignored


def _bind(kernel: Callable[..., np.ndarray], params: Mapping[str, Any]) -> Callable[[np.ndarray], np.ndarray]:
    """``kernel`` with its keyword parameters fixed (the kernel itself when there are none)."""
    if not params:
        return kernel
    import functools

    return functools.partial(kernel, **params)


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
