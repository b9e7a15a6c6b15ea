"""What the flow analysis knows about a value: the abstract values of ``actv check``.

A tensor is known by the chain of operations that made it (``Op``: a weight layer, an
activation, a reshape, ...), each with the place in the source where it happened.
Layers, losses, containers, user classes and their instances are values too, so that
``self.criterion = nn.CrossEntropyLoss()`` in ``__init__`` meets ``self(x)`` in
``training_step``. Anything the analysis cannot follow is ``UNKNOWN``, which no rule
ever reports on: a finding needs every fact it states to be known.
"""
from __future__ import annotations

import itertools
from typing import Any, NamedTuple

CHAIN_LIMIT = 64  # ops kept per tensor (the most recent): deep stacks stay cheap
CLOCK = itertools.count()   # when each mutable object was made (see Flow.weak)


def _now() -> int:
    return next(CLOCK)


class Record:
    """A mutable object of the analysis: fields by position or keyword, in ``__slots__``
    order; ``DEFAULTS`` gives the others (a class or function is called for a fresh value).
    Compared by identity. (Plain classes: dataclasses cost start-up time.)"""

    __slots__ = ()
    DEFAULTS: dict = {}

    def __init__(self, *args, **kwargs):
        for name, value in zip(self.__slots__, args):
            object.__setattr__(self, name, value)
        for name in self.__slots__[len(args):]:
            if name in kwargs:
                value = kwargs[name]
            else:
                value = self.DEFAULTS[name]
                if callable(value):
                    value = value()
            object.__setattr__(self, name, value)

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__[:3])})"


class Site(NamedTuple):
    """A place in a source: 1-based line, 0-based column (as ``ast`` gives them)."""

    source: Any   # sources.Source
    line: int
    col: int = 0
    layer: tuple[int, str] | None = None  # a layer of a saved .keras model: (1-based index, name)


class Op(NamedTuple):
    """One operation a tensor went through.

    ``kind``: "weight" (Linear, Dense, Conv), "activation", "neutral" (dropout, pooling,
    normalization, casts), "reshape", "scale" (arithmetic with a constant), "log", "exp".
    ``name``: the canonical activation name (catalog names: relu, softmax, ...) or the
    layer family (linear, conv, dropout, ...). ``site`` is where it was applied, ``origin``
    where it was configured (a layer's constructor; the call itself for functions).
    """

    kind: str
    name: str
    label: str                      # as a reader knows it: "F.softmax", "nn.Linear", "Dense"
    site: Site
    origin: Site
    framework: str                  # "torch", "keras" or "tf"
    dim: Any = None                 # softmax family: the dim/axis (int), None if not given
    dim_given: bool = True          # False: no dim at all (PyTorch guesses it)
    units: int | None = None        # weight layers: output features/units/filters
    init: str | None = None         # weight layers: "glorot", "he", "lecun", "other", None (framework default)
    init_site: Site | None = None
    init_default: bool = False      # the framework's default initializer (Keras: glorot_uniform)
    grouped: bool = False           # a grouped (depthwise) convolution: with a 1x1 after it, one separable conv
    in_model: bool = False          # applied inside a model (forward, call, a layer list)
    scope: int = 0                  # the function run or layer list that applied it


class Tensor(NamedTuple):
    """A tensor and the chain of ops that made it (oldest first).

    ``batched``: dimension 0 is known to be the batch. ``ndim``: the number of
    dimensions, when known. ``root`` identifies the tensor the chain started from
    (a model input), so that an autoencoder's target can be recognised as its input.
    ``bounds``: (low, high) when every value is known to lie there (``torch.ones(n)``).
    """

    chain: tuple[Op, ...] = ()
    batched: bool | None = None
    ndim: int | None = None
    root: Any = None
    bounds: tuple | None = None

    def then(self, op: Op, batched=..., ndim=...) -> Tensor:
        chain = (*self.chain, op)
        if len(chain) > CHAIN_LIMIT:
            chain = chain[-CHAIN_LIMIT:]
        return Tensor(chain, self.batched if batched is ... else batched, self.ndim if ndim is ... else ndim,
                      self.root)


class Unknown:
    """What the analysis cannot follow; rules never report on it."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "UNKNOWN"


UNKNOWN = Unknown()


class Unbound:
    """A name with no value yet on some path (joins as the other side)."""

    def __repr__(self):
        return "UNBOUND"


UNBOUND = Unbound()


class Const(NamedTuple):
    """A Python constant: a number, string, bool or None."""

    value: Any


class Tup(NamedTuple):
    """A tuple (or a list read as one) of values."""

    items: tuple


class ListVal(Record):
    """A mutable list; ``items`` is None once its contents are no longer known."""

    __slots__ = ("items", "born")
    DEFAULTS = {"born": _now}


class DictVal(Record):
    """A dict with constant keys; ``items`` is None once its contents are no longer known."""

    __slots__ = ("items", "born")
    DEFAULTS = {"born": _now}


class Qual(NamedTuple):
    """A name from outside the checked code: ``torch.nn.functional.softmax``."""

    name: str


class Loader(NamedTuple):
    """Something iterated for batches (a DataLoader, a dataset): its items are batched."""


class Layer(Record):
    """A framework layer object: ``nn.Linear(64, 10)``, ``Dense(10, activation="softmax")``.

    ``kind``: weight, activation, neutral, reshape, flatten, scale, embedding, opaque;
    ``family``: linear, conv, softmax, relu, dropout, ...; ``units``: output size;
    ``activation``: a Keras layer's own activation (canonical; "?" when not known); ``dim``
    and ``dim_given``: a softmax layer's axis; ``init``: glorot, he, lecun, other, unknown,
    or None for the framework's default (``init_default``: Keras's glorot_uniform), set at
    construction or later (``nn.init.xavier_uniform_``). Calling it applies its op, then a
    Keras layer's own activation.
    """

    __slots__ = ("kind", "family", "label", "origin", "framework", "units", "activation", "dim", "dim_given",
                 "init", "init_site", "init_default", "grouped", "born")
    DEFAULTS = {"units": None, "activation": None, "dim": None, "dim_given": True, "init": None, "init_site": None,
                "init_default": False, "grouped": False, "born": _now}


class Container(Record):
    """``nn.Sequential``/``keras.Sequential`` (kind "sequential", applied in order) or
    ``nn.ModuleList`` ("list"); ``items`` is None when its contents are not known."""

    __slots__ = ("kind", "framework", "origin", "items", "label", "born")
    DEFAULTS = {"label": "nn.Sequential", "born": _now}


class KerasModel(Record):
    """A functional Keras model: ``Model(inputs, outputs)``."""

    __slots__ = ("outputs", "origin")


class LossSpec(NamedTuple):
    """What a loss does with its prediction argument.

    ``applies``: "softmax" or "sigmoid" when the loss applies it itself (it wants logits).
    ``expects``: "logits", "probabilities", "log_probabilities" or "values".
    ``task``: "multiclass", "binary", "regression" or "other".
    """

    name: str
    framework: str
    applies: str | None
    expects: str
    task: str


class Loss(NamedTuple):
    """A loss function or object, as configured: ``nn.CrossEntropyLoss()``,
    ``keras.losses.CategoricalCrossentropy(from_logits=True)``, ``F.cross_entropy``."""

    spec: LossSpec
    origin: Site
    label: str
    call: str = "torch"       # how its arguments are read: "torch" (input, target),
                              # "keras" (y_true, y_pred), "tf" (labels=, logits=)


class LossClass(NamedTuple):
    """A loss class not yet instantiated: ``criterion=nn.CrossEntropyLoss`` passed to a wrapper."""

    loss: Loss


class ClassInfo(Record):
    """A class defined in the checked code: its ``ast.ClassDef``, module, base values,
    methods (and class attributes); ``framework`` is "torch" or "keras" for a model or layer."""

    __slots__ = ("name", "node", "module", "bases", "methods", "framework", "instances")
    DEFAULTS = {"framework": None, "instances": list}

    def method(self, name: str):
        if name in self.methods:
            return self.methods[name]
        for base in self.bases:
            if isinstance(base, ClassRef):
                found = base.cls.method(name)
                if found is not None:
                    return found
        return None


class ClassRef(NamedTuple):
    cls: ClassInfo


class Instance(Record):
    """An object of a class from the checked code; ``attrs`` hold its ``self.x`` values."""

    __slots__ = ("cls", "attrs", "origin", "born")
    DEFAULTS = {"attrs": dict, "origin": None, "born": _now}


class Function(NamedTuple):
    """A function or method from the checked code; ``bound`` is its ``self``."""

    info: Any                 # flow.FunctionInfo
    bound: Any = None


class WeightOf(NamedTuple):
    """``layer.weight`` (or ``.weight.data``): the target of an init call."""

    layers: tuple


class ModulesOf(NamedTuple):
    """``m`` in ``for m in self.modules()`` or ``self.apply(init_fn)``: every layer of
    ``owner`` whose family is in ``families`` (all weight layers when None)."""

    owner: Any
    families: frozenset | None = None
    excluded: frozenset = frozenset()


class ModuleRef(NamedTuple):
    """A module of the checked code, imported by name (``import model``)."""

    module: Any


class Super(NamedTuple):
    """``super()`` inside a method of ``cls`` bound to ``instance``."""

    cls: ClassInfo
    instance: Any


class Alternatives(NamedTuple):
    """One of several models (or what they return), each on a path that exists: a model
    chosen at run time. Rules report on it only what holds for every one."""

    options: tuple


MAX_ALTERNATIVES = 8


def alternatives(values):
    """The values as one: the value itself when all are the same, else Alternatives."""
    flat: list = []
    for value in values:
        for option in value.options if isinstance(value, Alternatives) else (value,):
            if not any(option is seen for seen in flat):
                flat.append(option)
    if len(flat) == 1:
        return flat[0]
    if len(flat) > MAX_ALTERNATIVES or any(option is UNKNOWN for option in flat):
        return UNKNOWN
    return Alternatives(tuple(flat))


def _model_like(value) -> bool:
    if isinstance(value, Alternatives):
        return all(_model_like(option) for option in value.options)
    return isinstance(value, (Instance, ClassRef, Container, KerasModel))


def join(a, b):
    """The value on either of two paths: kept when both agree, one of several models when
    both are models, UNKNOWN otherwise."""
    if a is b or a is UNBOUND:
        return b
    if b is UNBOUND:
        return a
    if _model_like(a) and _model_like(b):
        return alternatives((a, b))
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        if a.chain == b.chain:
            return Tensor(a.chain, a.batched if a.batched == b.batched else None,
                          a.ndim if a.ndim == b.ndim else None, a.root if a.root is b.root else None)
        return Tensor((), a.batched if a.batched == b.batched else None, None)
    if type(a) is type(b) and isinstance(a, (Const, Qual, Tup, Loss, LossClass, ClassRef, Function, Loader)):
        return a if a == b else UNKNOWN
    return UNKNOWN
