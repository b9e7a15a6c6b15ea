"""The exceptions actv's library raises; the CLI maps them to exit codes.

``ActvError`` subclasses that are also ``ValueError``/``LookupError`` are usage
errors (exit 2); ``OutputError`` is a runtime failure (exit 1).
"""
from __future__ import annotations


class ActvError(Exception):
    """Base class of every error actv raises on purpose."""

    exit_code = 2


class UnknownName(ActvError, LookupError, ValueError):
    """A name (activation, task, architecture, dataset, ...) that is not known."""

    kind = "name"

    def __init__(self, name: str, choices=(), kind: str | None = None):
        self.name = name
        self.kind = kind or self.kind
        self.choices = sorted(choices)
        import difflib  # only when there is an error to explain

        folded = {choice.lower(): choice for choice in self.choices}
        close = difflib.get_close_matches(str(name).lower(), list(folded), n=1)
        self.suggestion = folded[close[0]] if close else None
        super().__init__(self._message())

    def _message(self) -> str:
        text = f"unknown {self.kind} {self.name!r}."
        if self.suggestion:
            return f"{text} Did you mean {self.suggestion!r}?"
        if self.choices and len(self.choices) <= 12:
            return f"{text} Choose from: {', '.join(self.choices)}."
        return text

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return self.args[0]


class UnknownActivation(UnknownName):
    """An activation name that is neither a canonical name nor an alias."""

    kind = "activation"

    def _message(self) -> str:
        text = super()._message()
        if not self.suggestion:
            text += " Run 'actv list' to see them all."
        return text


class UnknownTask(UnknownName):
    """A task that ``actv recommend`` does not know (regression, binary, ...)."""

    kind = "task"


class UnknownArchitecture(UnknownName):
    """An architecture that the hidden-layer rules do not know (mlp, cnn, ...)."""

    kind = "architecture"


class UnknownFramework(UnknownName):
    """A framework other than keras or pytorch."""

    kind = "framework"


class ParameterError(ActvError, ValueError):
    """A parameter that the function does not take, lacks, or cannot accept."""


class InputError(ActvError, ValueError):
    """Values or an input file that cannot be read as numbers."""


class OutputError(ActvError, OSError):
    """An output that could not be written (a runtime failure: exit 1)."""

    exit_code = 1
