"""actv: an advisor for neural-network activation functions.

The public Python API. Names load lazily so that ``import activation_cli`` (and
the ``actv`` command's start-up) costs nothing until a name is used::

    >>> from activation_cli import get, names
    >>> get("softmax")([1.0, 3.0, 2.0])
    array([0.09003057, 0.66524096, 0.24472847])
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "get": "catalog",
    "names": "catalog",
    "Activation": "catalog",
    "CATALOG": "catalog",
    "compare": "compare",
    "recommend": "advice.rules",
    "check": "check",
    "infer_task": "advice.inference",
}
_EXPORTS.update({name: "errors" for name in (
    "ActvError", "UnknownName", "UnknownActivation", "ParameterError", "InputError", "OutputError",
    "UnknownTask", "UnknownArchitecture", "UnknownFramework",
)})

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
        value = module if name == _EXPORTS[name] else getattr(module, name)  # check: a callable package
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
