"""actv compare: try a few activations and compare them. Built-in and CSV datasets
(datasets.py), the numpy network, its losses and Adam (network.py), training and the
comparison (comparison.py), the text of its result (report.py), learning curves to a
file (learning_curves.py)."""
from __future__ import annotations

import sys

from .comparison import Comparison, Settings, compare

__all__ = ["Comparison", "Settings", "compare"]


class _CallableModule(type(sys)):
    """``activation_cli.compare`` is this package and, called, the ``compare`` function: the
    public API (``from activation_cli import compare``) means the same whether or not the
    package has been imported already (as ``activation_cli.check``)."""

    def __call__(self, *args, **kwargs) -> Comparison:
        return compare(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
