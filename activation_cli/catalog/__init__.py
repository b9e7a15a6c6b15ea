"""The catalog: every activation of Keras 3, PyTorch and jax.nn, under one registry.

``get(name)`` finds an entry by its canonical name or any alias, case-insensitive,
with ``-``, ``_`` and spaces ignored; an unknown name raises ``UnknownActivation``.
"""
from __future__ import annotations

from ..errors import UnknownActivation
from .record import REQUIRED, Activation, Param
from . import piecewise, smooth, vector

CATALOG: dict[str, Activation] = {
    entry.name: entry for module in (piecewise, smooth, vector) for entry in module.ENTRIES
}


def _key(name: str) -> str:
    return "".join(ch for ch in str(name).lower() if ch not in "-_ ")


_LOOKUP: dict[str, Activation] = {
    _key(spelling): entry for entry in CATALOG.values() for spelling in (entry.name, *entry.aliases)
}


def get(name: str | Activation) -> Activation:
    """The catalog entry for ``name`` (canonical name or alias)."""
    if isinstance(name, Activation):
        return name
    try:
        return _LOOKUP[_key(name)]
    except KeyError:
        spellings = [s for e in CATALOG.values() for s in (e.name, *e.aliases)]
        raise UnknownActivation(name, spellings) from None


def names() -> list[str]:
    """Canonical names, in catalog order."""
    return list(CATALOG)


__all__ = ["CATALOG", "REQUIRED", "Activation", "Param", "get", "names"]
