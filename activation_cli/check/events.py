"""The events of the flow analysis, which the rules read: a loss computed on a value, a
tensor at a model's output, an op applied to a tensor."""
from __future__ import annotations

from typing import NamedTuple

from .values import Op, Record, Site, Tensor


class LossEvent(Record):
    """A loss computed on a value: ``criterion(pred, y)``, ``compile(loss=...)``. ``name`` is
    the identifier the prediction was passed as (logits, scores); ``model`` the Keras model
    compiled; ``via``: call, compile or wrapper; ``autoencoder``: the model was fitted on (x, x)."""

    __slots__ = ("loss", "prediction", "site", "target", "name", "model", "via", "autoencoder")
    DEFAULTS = {"target": None, "name": None, "model": None, "via": "call", "autoencoder": False}

    def given(self, prediction) -> LossEvent:
        """The same loss computed on another prediction."""
        return LossEvent(*(prediction if name == "prediction" else getattr(self, name) for name in self.__slots__))


class Endpoint(NamedTuple):
    """A tensor at a model's output (``what``: return, loss, model, sequential)."""

    tensor: Tensor
    site: Site
    what: str


class OpEvent(NamedTuple):
    """An op applied, and the tensor it was applied to."""

    op: Op
    before: Tensor


class Events(NamedTuple):
    losses: list
    endpoints: list
    ops: list
