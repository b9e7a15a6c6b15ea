"""The flow analysis: an abstract interpreter over the checked code's ``ast``.

It runs every module's top level, calls into functions, classes and methods with the
values it knows (``model = Net(); criterion(model(x), y)`` evaluates ``Net.forward``
on the input), and afterwards every function and method that nothing called. What it
learns is recorded as events for the rules: loss calls (the loss and the value given
as its prediction), tensors at a model's outputs (``forward``'s return, a Keras model's
output, the end of a ``Sequential``), and every activation applied.

Precision comes first: a branch whose condition is not known joins both paths, and a
value that differs between them becomes UNKNOWN; a list grown in a loop that is not
unrolled loses its contents. Rules report only what holds on every path that reaches
them. Nothing is imported or executed: classes and functions are ``ast`` nodes.
"""
from __future__ import annotations

import ast
import re
from typing import Any, NamedTuple

from . import frameworks as fw
from .events import Endpoint, Events
from .framework_calls import SELF_RETURNING, FrameworkCalls
from .values import (
    CLOCK, UNBOUND, UNKNOWN, Alternatives, ClassInfo, ClassRef, Const, Container, DictVal, Function, Instance,
    KerasModel, Layer, ListVal, Loader, Loss, LossClass, ModuleRef, ModulesOf, Qual, Site, Super,
    Tensor, Tup, Unknown, WeightOf, alternatives, join,
)

UNROLL = 64               # loops and comprehensions over at most this many known items are unrolled
MAX_DEPTH = 12            # nested calls followed
MAX_CALLS = 20_000        # function evaluations per run (a budget for pathological code)
FRAMEWORK_IMPORT = re.compile(r"^[ \t]*(?:import|from)[ \t]+(?:torch|tensorflow|keras|tf_keras|pytorch_lightning|"
                              r"lightning|skorch)\b", re.MULTILINE)
FRAMEWORK_ROOTS = frozenset({"torch", "tensorflow", "keras", "tf_keras", "pytorch_lightning", "lightning",
                             "numpy", "sklearn", "jax", "flax", "transformers", "torchvision"})
LIGHTNING_STEPS = frozenset({"training_step", "validation_step", "test_step", "predict_step", "shared_step",
                             "_shared_step", "step", "_step", "common_step", "_common_step"})


class Module:
    """A checked file as a module: its globals once its top level has run."""

    def __init__(self, source, name: str, is_package: bool):
        self.source = source
        self.name = name
        self.is_package = is_package
        self.globals: dict = {"__name__": Const("__main__")}
        self.state = "new"
        self.functions: list = []
        self.classes: list = []
        self.star_imports: list = []   # modules from outside imported with *
        self.imports: set = set()       # checked modules this one imports


class FunctionInfo:
    """A function, method or lambda of the checked code: its node, module, closure (the frame
    of the enclosing function), defaults, class; how often it has been evaluated."""

    def __init__(self, node, module: Module, outer, defaults: list, kw_defaults: list, cls: ClassInfo | None):
        self.node = node
        self.module = module
        self.outer = outer
        self.defaults = defaults
        self.kw_defaults = kw_defaults
        self.cls = cls
        self.evaluations = 0
        self.is_property = any(isinstance(d, ast.Name) and d.id == "property" for d in
                               getattr(node, "decorator_list", ()))
        self._generator = None

    @property
    def generator(self) -> bool:
        """Whether the function yields (its result is then not followed); found once."""
        if self._generator is None:
            lines = self.module.source.lines[self.node.lineno - 1:getattr(self.node, "end_lineno", None)]
            self._generator = (not isinstance(self.node, ast.Lambda) and any("yield" in line for line in lines)
                               and _is_generator(self.node))
        return self._generator

    @property
    def name(self) -> str:
        return getattr(self.node, "name", "<lambda>")


class Frame:
    """The names of one running function (or module, or class body), and what it knows of
    itself: its ``self``, its class, whether it runs inside a model's forward pass."""

    __slots__ = ("env", "module", "outer", "self_value", "cls", "in_model", "returns", "function")

    def __init__(self, env, module, outer=None, self_value=None, cls=None, in_model=False, function=None):
        self.env = env
        self.module = module
        self.outer = outer
        self.self_value = self_value
        self.cls = cls
        self.in_model = in_model
        self.returns = []
        self.function = function


class Stop(Exception):
    """The path ends here (return, raise, break, continue)."""


class Flow(FrameworkCalls):
    """Runs the abstract interpretation over a project's modules and collects the events."""

    def __init__(self, modules: list, index: dict):
        self.modules = modules
        self.index = index            # dotted suffix -> [Module]
        self.events = Events([], [], [])
        self.regions: list = []      # when each uncertain branch being run began (CLOCK)
        self.depth = 0
        self.calls = 0
        self.stack: list = []
        self.containers: list = []
        self.cache: dict = {}
        self.building: dict = {}      # ast.For -> whether its body builds something
        self.statements = self._handlers("s_")
        self.expressions = self._handlers("e_")

    def _handlers(self, prefix: str) -> dict:
        """The method for each kind of ast node: s_If for ast.If, e_Call for ast.Call."""
        return {getattr(ast, name[2:]): getattr(self, name) for name in dir(self)
                if name.startswith(prefix) and hasattr(ast, name[2:])}

    # -- driving --------------------------------------------------------------------------------

    def run(self, guard) -> Events:
        """Run every module, then every function and class nothing called.
        ``guard(source, thunk)`` runs a thunk and turns a failure into a skipped file."""
        for module in self.modules:
            guard(module.source, lambda m=module: self.execute(m))
        relevant = self.relevant()
        for module in self.modules:
            if module in relevant:
                guard(module.source, lambda m=module: self.standalone(m))
        for container in self.containers:
            batched = True if container.framework == "keras" else None
            self.endpoint(self.apply_container(container, self.fresh(batched=batched), True),
                          container.origin, "sequential")
        return self.events

    def execute(self, module: Module) -> None:
        if module.state != "new":
            return
        module.state = "running"
        frame = Frame(module.globals, module)
        try:
            self.block(module.source.tree.body, frame)
        except Stop:
            pass
        finally:
            module.state = "done"

    def relevant(self) -> set:
        """The modules whose functions are worth running on their own: those that import a
        framework, or a checked module that does (a utility module never reaches a loss)."""
        found = {m for m in self.modules if FRAMEWORK_IMPORT.search("\n".join(m.source.lines))}
        grown = True
        while grown:
            grown = False
            for module in self.modules:
                if module not in found and module.imports & found:
                    found.add(module)
                    grown = True
        return found

    def standalone(self, module: Module) -> None:
        """Evaluate what no call reached: classes (an instance from unknown arguments and
        each method) and functions (unknown arguments; a 'loader' parameter yields batches)."""
        for cls in module.classes:
            methods = [info for info in cls.methods.values() if isinstance(info, FunctionInfo)]
            if not methods or all(info.evaluations for info in methods):
                continue
            instance = cls.instances[0] if cls.instances else self.instantiate(
                cls, [], {}, Site(module.source, cls.node.lineno, cls.node.col_offset))
            for info in methods:
                if info.evaluations or info.name == "__init__":
                    continue
                self.call_function(Function(info, instance), self.standalone_args(info, cls), {})
        for info in module.functions:
            if not info.evaluations:
                self.call_function(Function(info), self.standalone_args(info, None), {})

    def standalone_args(self, info: FunctionInfo, cls: ClassInfo | None) -> list:
        params = [a.arg for a in (*info.node.args.posonlyargs, *info.node.args.args)]
        if cls is not None and params:
            params = params[1:]
        args = []
        for index, name in enumerate(params):
            if cls is not None and index == 0 and info.name in ("forward", "call", "__call__"):
                args.append(self.fresh(batched=True if cls.framework == "keras" else None))
            elif cls is not None and index == 0 and info.name in LIGHTNING_STEPS:
                args.append(self.fresh(batched=True))
            elif "loader" in name.lower():
                args.append(Loader())
            else:
                args.append(UNKNOWN)
        return args

    def fresh(self, batched=None, ndim=None) -> Tensor:
        return Tensor((), batched, ndim, object())

    # -- statements ---------------------------------------------------------------------------

    def block(self, statements, frame: Frame) -> None:
        handlers = self.statements
        for statement in statements:
            handler = handlers.get(type(statement))
            if handler is not None:
                handler(statement, frame)

    def branch(self, statements, frame: Frame, uncertain: bool = True):
        """Run ``statements`` on a copy of the frame's names; returns (names, ended)."""
        saved = frame.env
        frame.env = dict(saved)
        if uncertain:
            self.regions.append(next(CLOCK))
        ended = False
        try:
            self.block(statements, frame)
        except Stop:
            ended = True
        finally:
            if uncertain:
                self.regions.pop()
            env, frame.env = frame.env, saved
        return env, ended

    def merge(self, frame: Frame, results) -> None:
        """Join the names of the paths that did not end; every path ended: this one ends."""
        alive = [env for env, ended in results if not ended]
        if not alive:
            raise Stop
        keys = set().union(*alive)
        for key in keys:
            value = alive[0].get(key, UNBOUND)
            for env in alive[1:]:
                value = join(value, env.get(key, UNBOUND))
            if value is not UNBOUND:
                frame.env[key] = value

    def s_Expr(self, node, frame):
        self.eval(node.value, frame)

    def s_Assign(self, node, frame):
        value = self.eval(node.value, frame)
        for target in node.targets:
            self.assign(target, value, frame)

    def s_AnnAssign(self, node, frame):
        if node.value is not None:
            self.assign(node.target, self.eval(node.value, frame), frame)

    def s_AugAssign(self, node, frame):
        current = self.eval(node.target, frame)
        if isinstance(current, ListVal) and isinstance(node.op, ast.Add):
            self.extend(current, self.eval(node.value, frame))
            return
        value = self.binop(current, self.eval(node.value, frame), node.op, node, frame)
        self.assign(node.target, value, frame)

    def s_Return(self, node, frame):
        frame.returns.append(self.eval(node.value, frame) if node.value is not None else Const(None))
        raise Stop

    def s_Raise(self, node, frame):
        raise Stop

    s_Break = s_Continue = s_Raise

    def s_Delete(self, node, frame):
        for target in node.targets:
            if isinstance(target, ast.Name):
                frame.env.pop(target.id, None)

    def s_If(self, node, frame):
        test = self.eval(node.test, frame)
        if isinstance(test, Const) and not isinstance(test.value, type(...)):
            self.block(node.body if test.value else node.orelse, frame)
            return
        narrowed = self.narrowing(node.test, frame)
        if narrowed is not None:
            name, inside, outside = narrowed
            saved = frame.env.get(name, UNBOUND)
            frame.env[name] = inside
            body = self.branch(node.body, frame, uncertain=False)
            frame.env[name] = outside
            orelse = self.branch(node.orelse, frame, uncertain=False)
            frame.env[name] = saved
            body[0].pop(name, None)
            orelse[0].pop(name, None)
            self.merge(frame, [body, orelse])
            return
        self.merge(frame, [self.branch(node.body, frame), self.branch(node.orelse, frame)])

    def narrowing(self, test, frame):
        """``isinstance(m, nn.Linear)`` where ``m`` stands for an owner's layers."""
        if not (isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "isinstance"
                and len(test.args) == 2 and isinstance(test.args[0], ast.Name)):
            return None
        name = test.args[0].id
        value = self.lookup(name, frame)
        if not isinstance(value, ModulesOf):
            return None
        kinds = self.eval(test.args[1], frame)
        items = kinds.items if isinstance(kinds, Tup) else (kinds,)
        families = set()
        for item in items:
            spec = fw.lookup(item.name) if isinstance(item, Qual) else None
            if not isinstance(spec, fw.LayerClass):
                return None
            families.add(spec.family)
        inside = ModulesOf(value.owner, frozenset(families) - value.excluded, value.excluded)
        outside = ModulesOf(value.owner, value.families, value.excluded | families)
        return name, inside, outside

    def s_For(self, node, frame):
        iterable = self.eval(node.iter, frame)
        items = self.items(iterable, node.iter) if _holds_layers(iterable) or self.builds(node, frame) else None
        if items is not None:
            for item in items:
                self.assign(node.target, item, frame)
                try:
                    self.block(node.body, frame)
                except Stop:
                    break  # a break or return in an unrolled loop: what follows is not known
            self.block(node.orelse, frame)
            return
        if isinstance(iterable, ModulesOf):   # for m in self.modules(): every layer at once
            self.assign(node.target, iterable, frame)
            self.merge(frame, [self.branch(node.body, frame, uncertain=False), (dict(frame.env), False)])
            return
        item = self.element(iterable, node.iter)
        before = dict(frame.env)
        self.assign(node.target, item, frame)
        body = self.branch(node.body, frame)
        self.merge(frame, [body, (before, False)])
        self.block(node.orelse, frame)

    s_AsyncFor = s_For

    def builds(self, loop, frame) -> bool:
        """Whether a loop builds layers (appends them to a list, adds them to a model): such a loop
        over known items is unrolled, as is one over layers; any other (a training loop) runs
        once, as a branch that may not run."""
        found = self.building.get(loop)
        if found is None:
            text = "\n".join(frame.module.source.lines[loop.lineno - 1:loop.end_lineno])
            found = self.building[loop] = any(word in text for word in GROWING) and _builds(loop)
        return found

    def s_While(self, node, frame):
        before = dict(frame.env)
        self.merge(frame, [self.branch(node.body, frame), (before, False)])
        self.block(node.orelse, frame)

    def s_With(self, node, frame):
        for item in node.items:
            value = self.eval(item.context_expr, frame)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, UNKNOWN if not isinstance(value, (Tensor, Instance)) else value,
                            frame)
        self.block(node.body, frame)

    s_AsyncWith = s_With

    def s_Try(self, node, frame):
        results = []
        try:
            self.block(node.body, frame)
            self.block(node.orelse, frame)
            results.append((dict(frame.env), False))
        except Stop:
            results.append(({}, True))
        for handler in node.handlers:
            if handler.name:
                frame.env[handler.name] = UNKNOWN
            results.append(self.branch(handler.body, frame))
        try:
            self.merge(frame, results)
        finally:
            self.block(node.finalbody, frame)

    s_TryStar = s_Try

    def s_Match(self, node, frame):
        self.eval(node.subject, frame)
        results = [self.branch(case.body, frame) for case in node.cases]
        results.append((dict(frame.env), False))
        self.merge(frame, results)

    def function_info(self, node, frame, cls: ClassInfo | None = None) -> FunctionInfo:
        """A def or lambda as written in ``frame``: its defaults evaluated there; its closure is
        the enclosing function's frame (none at module or class level: globals are looked up)."""
        defaults = [self.eval(d, frame) for d in node.args.defaults]
        kw_defaults = [self.eval(d, frame) if d is not None else UNBOUND for d in node.args.kw_defaults]
        outer = frame if frame.function is not None else None
        return FunctionInfo(node, frame.module, outer, defaults, kw_defaults, cls)

    def s_FunctionDef(self, node, frame):
        info = self.function_info(node, frame)
        frame.env[node.name] = Function(info)
        if frame.function is None and frame.env is frame.module.globals:
            frame.module.functions.append(info)

    s_AsyncFunctionDef = s_FunctionDef

    def s_ClassDef(self, node, frame):
        bases = [self.eval(base, frame) for base in node.bases]
        cls = ClassInfo(node.name, node, frame.module, bases, {})
        cls.framework = self.class_framework(cls, node)
        namespace: dict = {}
        class_frame = Frame(namespace, frame.module, outer=frame if frame.function is not None else None,
                            function=frame.function)
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                cls.methods[statement.name] = self.function_info(statement, frame, cls)
            else:
                try:
                    self.block([statement], class_frame)
                except Stop:
                    pass
        for key, value in namespace.items():
            cls.methods.setdefault(key, value)
        frame.env[node.name] = ClassRef(cls)
        frame.module.classes.append(cls)

    def class_framework(self, cls: ClassInfo, node) -> str | None:
        for base in cls.bases:
            if isinstance(base, ClassRef) and base.cls.framework:
                return base.cls.framework
            if isinstance(base, Qual):
                spec = fw.lookup(base.name)
                if isinstance(spec, fw.Special) and spec.what == "base":
                    return spec.framework
                if base.name.split(".")[0] in ("keras", "tf_keras") or ".keras." in base.name:
                    return "keras"
        return None

    def s_Import(self, node, frame):
        for alias in node.names:
            module = self.resolve(alias.name, frame.module)
            if alias.asname:
                frame.env[alias.asname] = ModuleRef(module) if module else Qual(alias.name)
            else:
                top = alias.name.split(".")[0]
                found = self.resolve(top, frame.module)
                frame.env[top] = ModuleRef(found) if found else Qual(top)

    def s_ImportFrom(self, node, frame):
        base = self.absolute(node.module or "", node.level, frame.module)
        module = self.resolve(base, frame.module) if base is not None else None
        for alias in node.names:
            if alias.name == "*":
                if module is not None:
                    self.execute(module)
                    frame.env.update({k: v for k, v in module.globals.items() if not k.startswith("_")})
                elif base and node.level == 0:   # from tensorflow.keras.layers import *
                    frame.module.star_imports.append(base)
                continue
            name = alias.asname or alias.name
            if module is not None:
                sub = self.resolve(f"{base}.{alias.name}" if base else alias.name, frame.module)
                if sub is not None:
                    frame.env[name] = ModuleRef(sub)
                    continue
                self.execute(module)
                frame.env[name] = module.globals.get(alias.name, UNKNOWN)
            elif base is not None and node.level == 0:
                frame.env[name] = Qual(f"{base}.{alias.name}")
            else:
                frame.env[name] = UNKNOWN

    def absolute(self, name: str, level: int, module: Module) -> str | None:
        if level == 0:
            return name
        parts = module.name.split(".")
        package = parts if module.is_package else parts[:-1]
        if level - 1 > len(package):
            return None
        package = package[:len(package) - (level - 1)]
        return ".".join([*package, name] if name else package)

    def resolve(self, name: str, importer: Module) -> Module | None:
        """The checked module that ``import name`` means from ``importer``: the nearest one."""
        if not name or name.split(".")[0] in FRAMEWORK_ROOTS:
            return None
        candidates = self.index.get(name)
        if not candidates:
            return None
        if len(candidates) == 1:
            found = candidates[0]
        else:
            here = importer.source.path.parent
            ranked = sorted(candidates, key=lambda m: _distance(here, m.source.path))
            if _distance(here, ranked[0].source.path) == _distance(here, ranked[1].source.path):
                return None
            found = ranked[0]
        importer.imports.add(found)
        return found

    # -- assignment ---------------------------------------------------------------------------

    def assign(self, target, value, frame):
        if isinstance(target, ast.Name):
            frame.env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target.elts, value, frame)
        elif isinstance(target, ast.Attribute):
            owner = self.eval(target.value, frame)
            self.set_attr(owner, target.attr, value)
        elif isinstance(target, ast.Subscript):
            owner = self.eval(target.value, frame)
            key = self.eval(target.slice, frame)
            if isinstance(owner, DictVal) and owner.items is not None and isinstance(key, Const):
                self.heap(owner, owner.items, key.value, value)
            elif isinstance(owner, (ListVal, Container)) and owner.items is not None:
                if isinstance(key, Const) and isinstance(key.value, int) and -len(owner.items) <= key.value < len(
                        owner.items) and not self.weak(owner):
                    owner.items[key.value] = value
                else:
                    owner.items = None
        elif isinstance(target, ast.Starred):
            self.assign(target.value, UNKNOWN, frame)

    def unpack(self, targets, value, frame):
        starred = [i for i, t in enumerate(targets) if isinstance(t, ast.Starred)]
        if isinstance(value, Alternatives) and not starred and all(
                isinstance(o, Tup) and len(o.items) == len(targets) for o in value.options):
            value = Tup(tuple(self.combine([o.items[i] for o in value.options]) for i in range(len(targets))))
        if isinstance(value, Tup) and not starred and len(value.items) == len(targets):
            for target, item in zip(targets, value.items):
                self.assign(target, item, frame)
            return
        if isinstance(value, ListVal) and value.items is not None and not starred and len(value.items) == len(targets):
            for target, item in zip(targets, value.items):
                self.assign(target, item, frame)
            return
        for target in targets:
            if isinstance(value, Tensor) and not isinstance(target, ast.Starred):
                self.assign(target, self.fresh(batched=value.batched), frame)
            else:
                self.assign(target, UNKNOWN, frame)

    def set_attr(self, owner, name, value):
        if isinstance(owner, Instance):
            self.heap(owner, owner.attrs, name, value)
        elif isinstance(owner, Container) and owner.kind == "sequential" and isinstance(value, (Layer, Container,
                                                                                                  Instance)):
            owner.items = None  # model.fc = nn.Linear(...) on a Sequential: its order is no longer known

    def weak(self, owner) -> bool:
        """Whether a write to ``owner`` may not happen: it is made in a branch that may not
        run, to an object made before that branch began."""
        return bool(self.regions) and owner.born < self.regions[-1]

    def heap(self, owner, mapping: dict, key, value):
        """A write to an object: certain, or joined with what was there (a branch not taken
        keeps the old value)."""
        mapping[key] = join(mapping.get(key, UNBOUND), value) if self.weak(owner) else value

    # -- expressions --------------------------------------------------------------------------

    def eval(self, node, frame):
        handler = self.expressions.get(type(node))
        if handler is None:
            return UNKNOWN
        return handler(node, frame)

    def e_Constant(self, node, frame):
        return Const(node.value)

    def e_Name(self, node, frame):
        value = self.lookup(node.id, frame)
        return UNKNOWN if value is UNBOUND else value

    def lookup(self, name, frame):
        scope = frame
        while scope is not None:
            if name in scope.env:
                return scope.env[name]
            scope = scope.outer
        if name in frame.module.globals:
            return frame.module.globals[name]
        if name in ("True", "False", "None"):
            return Const({"True": True, "False": False, "None": None}[name])
        for base in frame.module.star_imports:
            if fw.lookup(f"{base}.{name}") is not None:
                return Qual(f"{base}.{name}")
        return Qual(f"builtins.{name}")

    def e_Attribute(self, node, frame):
        return self.attribute(self.eval(node.value, frame), node.attr, node, frame)

    def attribute(self, owner, name, node, frame):
        if isinstance(owner, Alternatives):
            return self.combine([self.attribute(o, name, node, frame) for o in owner.options])
        if isinstance(owner, Qual):
            if owner.name.startswith("builtins."):
                return UNKNOWN
            return Qual(f"{owner.name}.{name}")
        if isinstance(owner, ModuleRef):
            module = owner.module
            sub = self.resolve(f"{module.name}.{name}", module)
            if sub is not None:
                return ModuleRef(sub)
            self.execute(module)
            return module.globals.get(name, UNKNOWN)
        if isinstance(owner, Instance):
            if name in owner.attrs:
                return owner.attrs[name]
            found = owner.cls.method(name)
            if isinstance(found, FunctionInfo):
                if found.is_property:
                    return self.call_function(Function(found, owner), [], {})
                return Function(found, owner)
            if found is not None:
                return found
            return UNKNOWN
        if isinstance(owner, ClassRef):
            found = owner.cls.method(name)
            if isinstance(found, FunctionInfo):
                return Function(found)
            return found if found is not None else UNKNOWN
        if isinstance(owner, Tensor):
            if name in ("data",):
                return owner
            if name in ("T", "mT"):
                return self.tensor_op(owner, "reshape", name, node, frame)
            return UNKNOWN
        if isinstance(owner, Layer) and name == "weight":
            return WeightOf((owner,))
        if isinstance(owner, ModulesOf) and name == "weight":
            return WeightOf(tuple(self.layers_of(owner)))
        if isinstance(owner, WeightOf) and name == "data":
            return owner
        if isinstance(owner, Super):
            for base in owner.cls.bases:
                if isinstance(base, ClassRef):
                    found = base.cls.method(name)
                    if isinstance(found, FunctionInfo):
                        return Function(found, owner.instance)
            return UNKNOWN
        return UNKNOWN

    def e_Subscript(self, node, frame):
        owner = self.eval(node.value, frame)
        key = self.eval(node.slice, frame)
        if isinstance(owner, Alternatives):
            return self.combine([self.subscript(o, key, node, frame) for o in owner.options])
        return self.subscript(owner, key, node, frame)

    def subscript(self, owner, key, node, frame):
        if isinstance(owner, (Tup, ListVal, Container)):
            items = owner.items
            if items is None:
                return UNKNOWN
            if isinstance(key, Const) and isinstance(key.value, int) and not isinstance(key.value, bool):
                if -len(items) <= key.value < len(items):
                    return items[key.value]
                return UNKNOWN
            if isinstance(node.slice, ast.Slice) and isinstance(owner, Container):
                bounds = [self.eval(part, frame) if part is not None else Const(None)
                          for part in (node.slice.lower, node.slice.upper, node.slice.step)]
                if all(isinstance(b, Const) and (b.value is None or isinstance(b.value, int)) for b in bounds):
                    part = Container(owner.kind, owner.framework, owner.origin,
                                     list(items[slice(*(b.value for b in bounds))]), owner.label)
                    return part
            return UNKNOWN
        if isinstance(owner, DictVal):
            if owner.items is not None and isinstance(key, Const):
                return owner.items.get(key.value, UNKNOWN)
            return UNKNOWN
        if isinstance(owner, Tensor):
            first = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) and node.slice.elts else node.slice
            batched = owner.batched if isinstance(first, ast.Slice) else None
            return self.tensor_op(owner, "reshape", "index", node, frame, batched=batched, ndim=None)
        return UNKNOWN

    def e_Slice(self, node, frame):
        return UNKNOWN

    def e_Tuple(self, node, frame):
        items = self.sequence(node.elts, frame)
        return UNKNOWN if items is None else Tup(tuple(items))

    def e_List(self, node, frame):
        return ListVal(self.sequence(node.elts, frame))

    def sequence(self, elements, frame):
        items = []
        for element in elements:
            if isinstance(element, ast.Starred):
                value = self.eval(element.value, frame)
                if isinstance(value, (Tup, ListVal)) and value.items is not None:
                    items.extend(value.items)
                else:
                    return None
            else:
                items.append(self.eval(element, frame))
        return items

    def e_Set(self, node, frame):
        for element in node.elts:
            self.eval(element, frame)
        return UNKNOWN

    def e_Dict(self, node, frame):
        items = {}
        known = True
        for key, value in zip(node.keys, node.values):
            value = self.eval(value, frame)
            if key is None:
                known = False
                continue
            key = self.eval(key, frame)
            if isinstance(key, Const):
                items[key.value] = value
            else:
                known = False
        return DictVal(items if known else None)

    def e_IfExp(self, node, frame):
        test = self.eval(node.test, frame)
        if isinstance(test, Const):
            return self.eval(node.body if test.value else node.orelse, frame)
        return join(self.eval(node.body, frame), self.eval(node.orelse, frame))

    def e_NamedExpr(self, node, frame):
        value = self.eval(node.value, frame)
        self.assign(node.target, value, frame)
        return value

    def e_Await(self, node, frame):
        return self.eval(node.value, frame)

    def e_Lambda(self, node, frame):
        return Function(self.function_info(node, frame))

    def e_JoinedStr(self, node, frame):
        return UNKNOWN

    def e_Compare(self, node, frame):
        left = self.eval(node.left, frame)
        values = [self.eval(c, frame) for c in node.comparators]
        if len(values) == 1 and isinstance(left, Const) and isinstance(values[0], Const):
            op = node.ops[0]
            a, b = left.value, values[0].value
            try:
                if isinstance(op, ast.Eq):
                    return Const(a == b)
                if isinstance(op, ast.NotEq):
                    return Const(a != b)
                if isinstance(op, ast.Is):
                    return Const(a is b) if a is None or b is None else UNKNOWN
                if isinstance(op, ast.IsNot):
                    return Const(a is not b) if a is None or b is None else UNKNOWN
                if isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) and all(
                        isinstance(v, (int, float)) for v in (a, b)):
                    return Const({ast.Lt: a < b, ast.LtE: a <= b, ast.Gt: a > b, ast.GtE: a >= b}[type(op)])
                if isinstance(op, (ast.In, ast.NotIn)) and isinstance(b, (str, tuple)):
                    return Const((a in b) == isinstance(op, ast.In))
            except TypeError:
                return UNKNOWN
        return UNKNOWN

    def e_BoolOp(self, node, frame):
        values = [self.eval(v, frame) for v in node.values]
        if all(isinstance(v, Const) for v in values):
            result = values[0].value
            for v in values[1:]:
                result = (result and v.value) if isinstance(node.op, ast.And) else (result or v.value)
            return Const(result)
        if isinstance(node.op, ast.Or) and isinstance(values[0], Const) and values[0].value:
            return values[0]
        if isinstance(node.op, ast.Or) and len(values) == 2 and isinstance(values[0], Const) and not values[0].value:
            return values[1]
        return UNKNOWN

    def e_UnaryOp(self, node, frame):
        value = self.eval(node.operand, frame)
        if isinstance(value, Const):
            try:
                if isinstance(node.op, ast.Not):
                    return Const(not value.value)
                if isinstance(node.op, ast.USub) and isinstance(value.value, (int, float)):
                    return Const(-value.value)
            except Exception:
                return UNKNOWN
        if isinstance(value, Tensor) and isinstance(node.op, ast.USub):
            return self.tensor_op(value, "scale", "neg", node, frame)
        return UNKNOWN

    def e_BinOp(self, node, frame):
        return self.binop(self.eval(node.left, frame), self.eval(node.right, frame), node.op, node, frame)

    def binop(self, left, right, op, node, frame):
        if isinstance(left, Const) and isinstance(right, Const):
            a, b = left.value, right.value
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b)):
                try:
                    if isinstance(op, ast.Add):
                        return Const(a + b)
                    if isinstance(op, ast.Sub):
                        return Const(a - b)
                    if isinstance(op, ast.Mult) and abs(a) < 1e9 and abs(b) < 1e9:
                        return Const(a * b)
                    if isinstance(op, ast.FloorDiv) and b:
                        return Const(a // b)
                    if isinstance(op, ast.Div) and b:
                        return Const(a / b)
                except (OverflowError, ValueError, ZeroDivisionError):
                    return UNKNOWN
            return UNKNOWN
        if isinstance(left, (Tup, ListVal)) and isinstance(right, (Tup, ListVal)) and isinstance(op, ast.Add):
            if left.items is None or right.items is None:
                return UNKNOWN
            items = [*left.items, *right.items]
            return ListVal(items) if isinstance(left, ListVal) else Tup(tuple(items))
        if isinstance(left, ListVal) and isinstance(right, Const) and isinstance(op, ast.Mult):
            if left.items is not None and isinstance(right.value, int) and len(left.items) * right.value <= UNROLL:
                return ListVal(left.items * right.value)
            return UNKNOWN
        tensor, other = (left, right) if isinstance(left, Tensor) else (right, left)
        if isinstance(tensor, Tensor):
            if isinstance(op, ast.MatMult):
                return Tensor((), tensor.batched, None, None)
            if isinstance(other, Const) and isinstance(other.value, (int, float)):
                tiny = isinstance(op, (ast.Add, ast.Sub)) and abs(other.value) < 1e-3
                return self.tensor_op(tensor, "neutral" if tiny else "scale", "eps" if tiny else "scale", node, frame)
            return Tensor((), tensor.batched, None, None)
        return UNKNOWN

    def e_ListComp(self, node, frame):
        items = self.comprehension(node, frame)
        return ListVal(items) if items is not None else ListVal(None)

    def e_GeneratorExp(self, node, frame):
        items = self.comprehension(node, frame)
        return Tup(tuple(items)) if items is not None else UNKNOWN

    def comprehension(self, node, frame):
        if len(node.generators) != 1:
            return None
        generator = node.generators[0]
        items = self.items(self.eval(generator.iter, frame), generator.iter)
        if items is None:
            return None
        inner = Frame({}, frame.module, outer=frame, self_value=frame.self_value, cls=frame.cls,
                      in_model=frame.in_model, function=frame.function)
        results = []
        for item in items:
            self.assign(generator.target, item, inner)
            keep = True
            for condition in generator.ifs:
                test = self.eval(condition, inner)
                if not isinstance(test, Const):
                    return None
                keep = keep and bool(test.value)
            if keep:
                results.append(self.eval(node.elt, inner))
        return results

    e_SetComp = e_DictComp = lambda self, node, frame: UNKNOWN

    def e_Starred(self, node, frame):
        return UNKNOWN

    # -- iteration ------------------------------------------------------------------------------

    def items(self, iterable, node):
        """The items of a loop to unroll (a known tuple, list, range, enumerate of those), or None."""
        if isinstance(iterable, (Tup, ListVal, Container)) and iterable.items is not None:
            return list(iterable.items) if len(iterable.items) <= UNROLL else None
        if isinstance(iterable, DictVal) and iterable.items is not None and len(iterable.items) <= UNROLL:
            return [Const(k) for k in iterable.items]
        if isinstance(iterable, _Range):
            return [Const(i) for i in iterable.values]
        if isinstance(iterable, _Enumerate):
            inner = self.items(iterable.inner, node)
            if inner is None:
                return None
            return [Tup((Const(i), item)) for i, item in enumerate(inner, iterable.start)]
        return None

    def element(self, iterable, node):
        """What one iteration over an iterable whose items are not known yields."""
        if isinstance(iterable, Loader) or (isinstance(iterable, (Unknown, Qual, Tensor)) and _names_loader(node)):
            return self.fresh(batched=True)
        if isinstance(iterable, _Enumerate):
            inner = self.element(iterable.inner, node.args[0] if isinstance(node, ast.Call) and node.args else node)
            return Tup((UNKNOWN, inner))
        return self.fresh()   # an item of something not known: inert, but the same value wherever it is used

    # -- calls ----------------------------------------------------------------------------------

    def e_Call(self, node, frame):
        args, kwargs, complete = self.arguments(node, frame)
        if isinstance(node.func, ast.Attribute):
            owner = self.eval(node.func.value, frame)
            return self.call_method(owner, node.func.attr, args, kwargs, complete, node, frame)
        callee = self.eval(node.func, frame)
        return self.call(callee, args, kwargs, complete, node, frame)

    def arguments(self, node, frame):
        args, complete = [], True
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                value = self.eval(arg.value, frame)
                if isinstance(value, (Tup, ListVal)) and value.items is not None:
                    args.extend(value.items)
                else:
                    complete = False
            else:
                args.append(self.eval(arg, frame))
        kwargs = {}
        for keyword in node.keywords:
            value = self.eval(keyword.value, frame)
            if keyword.arg is None:
                if isinstance(value, DictVal) and value.items is not None:
                    kwargs.update({str(k): v for k, v in value.items.items()})
                else:
                    complete = False
            else:
                kwargs[keyword.arg] = value
        return args, kwargs, complete

    def site(self, node, frame) -> Site:
        return Site(frame.module.source, getattr(node, "lineno", 1), getattr(node, "col_offset", 0))

    def call_method(self, owner, name, args, kwargs, complete, node, frame):
        if name == "fill_" and args and isinstance(args[0], Const) and isinstance(args[0].value, (int, float)):
            value = float(args[0].value)   # Tensor(n, 1).fill_(1.0): a GAN's targets
            return Tensor((), owner.batched if isinstance(owner, Tensor) else None, None, object(), (value, value))
        if isinstance(owner, Alternatives):
            return self.combine([self.call_method(o, name, args, kwargs, complete, node, frame)
                                 for o in owner.options])
        if isinstance(owner, Tensor):
            return self.tensor_method(owner, name, args, kwargs, node, frame)
        if isinstance(owner, (Container, KerasModel)):
            return self.model_method(owner, name, args, kwargs, complete, node, frame)
        if isinstance(owner, Instance):
            value = self.attribute(owner, name, node, frame)
            if value is not UNKNOWN:
                return self.call(value, args, kwargs, complete, node, frame)
            return self.model_method(owner, name, args, kwargs, complete, node, frame)
        if isinstance(owner, (Layer, Loss)):
            if name in SELF_RETURNING:
                return owner
            if name == "forward":
                return self.call(owner, args, kwargs, complete, node, frame)
            return UNKNOWN
        if isinstance(owner, ListVal):
            if name == "append" and args:
                self.append(owner, args[0])
            elif name == "extend" and args:
                self.extend(owner, args[0])
            elif name in ("insert", "pop", "remove", "clear", "reverse", "sort"):
                owner.items = None
            elif name == "copy":
                return ListVal(list(owner.items) if owner.items is not None else None)
            return UNKNOWN
        if isinstance(owner, DictVal):
            if name == "get" and args and owner.items is not None and isinstance(args[0], Const):
                return owner.items.get(args[0].value, args[1] if len(args) > 1 else Const(None))
            if name in ("update", "pop", "setdefault", "clear"):
                owner.items = None
            return UNKNOWN
        if isinstance(owner, Loader) and name in SELF_RETURNING:
            return owner
        return self.call(self.attribute(owner, name, node, frame), args, kwargs, complete, node, frame)

    def append(self, owner, value):
        if owner.items is None:
            return
        if self.weak(owner) or len(owner.items) >= UNROLL * 4:
            owner.items = None
        else:
            owner.items.append(value)

    def extend(self, owner, value):
        if owner.items is None:
            return
        if self.weak(owner) or not isinstance(value, (Tup, ListVal, Container)) or value.items is None:
            owner.items = None
        else:
            owner.items.extend(value.items)

    def call(self, callee, args, kwargs, complete, node, frame):
        if isinstance(callee, Alternatives):
            return self.combine([self.call(o, args, kwargs, complete, node, frame) for o in callee.options])
        if isinstance(callee, Qual):
            return self.call_framework(callee.name, args, kwargs, complete, node, frame)
        if isinstance(callee, Function):
            return self.call_function(callee, args, kwargs, frame)
        if isinstance(callee, ClassRef):
            return self.instantiate(callee.cls, args, kwargs, self.site(node, frame))
        if isinstance(callee, Instance):
            return self.call_instance(callee, args, kwargs, frame)
        if isinstance(callee, Layer):
            return self.apply_layer(callee, args[0] if args else UNKNOWN, self.site(node, frame), frame.in_model,
                                    scope=id(frame))
        if isinstance(callee, Container):
            if callee.kind != "sequential" or not args:
                return UNKNOWN
            return self.apply_container(callee, args[0], frame.in_model)
        if isinstance(callee, KerasModel):
            return callee.outputs if not isinstance(callee.outputs, Tup) else UNKNOWN
        if isinstance(callee, Loss):
            return self.loss_call(callee, args, kwargs, node, frame)
        if isinstance(callee, LossClass):
            return callee.loss
        return UNKNOWN

    def call_builtin(self, name, args, kwargs, node, frame):
        if name == "range":
            values = [a.value for a in args if isinstance(a, Const) and isinstance(a.value, int)]
            if len(values) == len(args) and 1 <= len(values) <= 3 and (len(values) < 3 or values[2]):
                span = range(*values)
                if len(span) <= UNROLL:
                    return _Range(tuple(span))
            return UNKNOWN
        if name == "enumerate" and args:
            start = args[1] if len(args) > 1 else kwargs.get("start", Const(0))
            return _Enumerate(args[0], start.value if isinstance(start, Const) and isinstance(start.value, int)
                              else 0)
        if name in ("list", "tuple") and args:
            value = args[0]
            if isinstance(value, (Tup, ListVal, Container)) and value.items is not None:
                return ListVal(list(value.items)) if name == "list" else Tup(tuple(value.items))
            if isinstance(value, _Range):
                items = [Const(v) for v in value.values]
                return ListVal(items) if name == "list" else Tup(tuple(items))
            return UNKNOWN
        if name in ("iter", "reversed") and args:
            return args[0] if isinstance(args[0], Loader) else UNKNOWN
        if name == "super":
            if frame.cls is not None and frame.self_value is not None:
                return Super(frame.cls, frame.self_value)
            return UNKNOWN
        if name == "len" and args and isinstance(args[0], (Tup, ListVal)) and args[0].items is not None:
            return Const(len(args[0].items))
        if name in ("int", "float", "bool", "str") and args and isinstance(args[0], Const):
            try:
                return Const({"int": int, "float": float, "bool": bool, "str": str}[name](args[0].value))
            except (TypeError, ValueError, OverflowError):
                return UNKNOWN
        if name == "getattr" and len(args) >= 2 and isinstance(args[1], Const) and isinstance(args[1].value, str):
            return self.attribute(args[0], args[1].value, node, frame)
        if name == "setattr" and len(args) == 3 and isinstance(args[1], Const) and isinstance(args[1].value, str):
            self.set_attr(args[0], args[1].value, args[2])
            return Const(None)
        if name == "dict":
            return DictVal(dict(kwargs)) if not args else UNKNOWN
        if name == "print":
            return Const(None)
        return UNKNOWN

    # -- user code ------------------------------------------------------------------------------

    def instantiate(self, cls: ClassInfo, args, kwargs, site) -> Instance:
        instance = Instance(cls, {}, site)
        cls.instances.append(instance)
        init = cls.method("__init__")
        if isinstance(init, FunctionInfo):
            self.call_function(Function(init, instance), args, kwargs)
        return instance

    def call_instance(self, instance: Instance, args, kwargs, frame):
        for name in ("forward", "call", "__call__"):
            method = instance.cls.method(name)
            if isinstance(method, FunctionInfo):
                if name == "call" and instance.cls.framework != "keras":
                    continue
                return self.call_function(Function(method, instance), args, kwargs, frame)
        return UNKNOWN

    def call_function(self, function: Function, args, kwargs, caller: Frame | None = None):
        info = function.info
        info.evaluations += 1
        if self.depth >= MAX_DEPTH or self.calls >= MAX_CALLS or self.stack.count(info) >= 2:
            return UNKNOWN
        key = (id(info), _key(function.bound), tuple(_key(a) for a in args),
               tuple((k, _key(v)) for k, v in kwargs.items()), bool(caller and caller.in_model),
               self.regions[-1] if self.regions else None)
        if key in self.cache:   # the same call on the same values (a tensor: the same chain, from another input)
            result, before = self.cache[key][:2]
            for old, new in zip(before, args):
                if isinstance(old, Tensor) and isinstance(new, Tensor) and old.root is not new.root:
                    result = _reroot(result, old.root, new.root)
            return result
        self.calls += 1
        node = info.node
        in_model = (info.name in ("forward", "call", "__call__") and info.cls is not None
                    and (info.cls.framework is not None or info.name == "forward")) or bool(caller and caller.in_model)
        frame = Frame({}, info.module, outer=info.outer, self_value=function.bound, cls=info.cls,
                      in_model=in_model, function=info)
        self.bind(info, function.bound, args, kwargs, frame)
        self.depth += 1
        self.stack.append(info)
        try:
            if isinstance(node, ast.Lambda):
                result = self.eval(node.body, frame)
            else:
                if info.generator:
                    result = UNKNOWN
                else:
                    try:
                        self.block(node.body, frame)
                    except Stop:
                        pass
                    result = UNBOUND
                    for value in frame.returns:
                        result = join(result, value)
                    if result is UNBOUND:
                        result = Const(None)
                    if in_model and isinstance(result, Tensor) and result.chain:
                        self.endpoint(result, self.site(node, frame), "return")
        finally:
            self.stack.pop()
            self.depth -= 1
        self.cache[key] = (result, args, kwargs, function)
        return result

    def bind(self, info, bound, args, kwargs, frame):
        spec = info.node.args
        positional = [*spec.posonlyargs, *spec.args]
        values = list(args)
        if bound is not None and positional:
            frame.env[positional[0].arg] = bound
            positional = positional[1:]
            if info.cls is not None:
                frame.env["__class__"] = ClassRef(info.cls)
        defaults = dict(zip([a.arg for a in positional][len(positional) - len(info.defaults):], info.defaults))
        for index, param in enumerate(positional):
            if index < len(values):
                frame.env[param.arg] = values[index]
            elif param.arg in kwargs:
                frame.env[param.arg] = kwargs[param.arg]
            elif param.arg in defaults:
                frame.env[param.arg] = defaults[param.arg]
            else:
                frame.env[param.arg] = UNKNOWN
        if spec.vararg is not None:
            frame.env[spec.vararg.arg] = Tup(tuple(values[len(positional):]))
        for param, default in zip(spec.kwonlyargs, info.kw_defaults):
            frame.env[param.arg] = kwargs.get(param.arg, default if default is not UNBOUND else UNKNOWN)
        if spec.kwarg is not None:
            names = {a.arg for a in (*positional, *spec.kwonlyargs)}
            frame.env[spec.kwarg.arg] = DictVal({k: v for k, v in kwargs.items() if k not in names})

    def endpoint(self, tensor, site, what):
        for option in tensor.options if isinstance(tensor, Alternatives) else (tensor,):
            if isinstance(option, Tensor) and option.chain:
                self.events.endpoints.append(Endpoint(option, site, what))

    @staticmethod
    def combine(results):
        """What one of several models gives: one value if they agree; one per model when each
        gives a tensor, a tuple of the same length or a model; else UNKNOWN."""
        value = alternatives(results)
        if not isinstance(value, Alternatives):
            return value
        kinds = {type(o) for o in value.options}
        if kinds <= {Tensor} or kinds <= {Instance, ClassRef, Container, KerasModel}:
            return value
        if kinds == {Tup} and len({len(o.items) for o in value.options}) == 1:
            return value
        return UNKNOWN


class _Range(NamedTuple):
    values: tuple


class _Enumerate(NamedTuple):
    inner: Any
    start: int = 0


def _key(value, seen=None):
    """What identifies an argument for the call cache: a tensor by what made it (not which
    input it came from); an instance by its class and attributes (six Blocks built alike are
    one key), a layer by how it was built; anything else by identity (the cache entry keeps
    it alive)."""
    if isinstance(value, Tensor):
        return ("tensor", value.chain, value.batched, value.ndim)
    if isinstance(value, Layer):
        return ("layer", value.kind, value.family, value.label, value.origin, value.units, value.activation,
                value.dim, value.dim_given, value.init, value.init_site, value.init_default)
    if isinstance(value, (Instance, Container)):
        seen = seen or set()
        if id(value) in seen:
            return id(value)
        seen.add(id(value))
        if isinstance(value, Container):
            items = None if value.items is None else tuple(_key(item, seen) for item in value.items)
            return ("container", value.kind, value.origin, items)
        return ("instance", id(value.cls), tuple((name, _key(item, seen)) for name, item in value.attrs.items()))
    if isinstance(value, (Const, Qual)):
        return value
    return id(value)


def _reroot(value, old, new):
    """A cached result as computed from another input: the tensors that came from ``old``
    come from ``new``."""
    if isinstance(value, Tensor) and value.root is old:
        return value._replace(root=new)
    if isinstance(value, Tup):
        return Tup(tuple(_reroot(item, old, new) for item in value.items))
    if isinstance(value, Alternatives):
        return Alternatives(tuple(_reroot(item, old, new) for item in value.options))
    return value


def _distance(here, path) -> int:
    """How far a module file is from the importing file's folder (same folder first)."""
    try:
        relative = path.parent.relative_to(here)
        return len(relative.parts)
    except ValueError:
        pass
    common = 0
    for a, b in zip(here.parts, path.parent.parts):
        if a != b:
            break
        common += 1
    return 100 + (len(here.parts) - common) + (len(path.parent.parts) - common)


def _names_loader(node) -> bool:
    """A loop over something named like a data loader: ``train_loader``, ``self.dataloader``."""
    while isinstance(node, ast.Call):
        if not node.args:
            return False
        node = node.args[0]
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return "loader" in name.lower()


BUILDING_METHODS = frozenset({"append", "add", "extend", "insert", "add_module", "register_module"})
GROWING = (".append(", ".add(", ".extend(", ".insert(", "add_module(", "+=")


def _builds(loop) -> bool:
    """A loop body that grows a list or model with new objects: ``layers.append(nn.Linear(...))``,
    ``model.add(Dense(...))``, ``layers += [Block(...)]`` (a capitalised name called in what is
    added)."""
    todo = list(loop.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.AugAssign) and isinstance(node.value, (ast.List, ast.Tuple, ast.ListComp)):
            if _makes(node.value):
                return True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in BUILDING_METHODS and any(_makes(arg) for arg in node.args):
            return True
        todo.extend(ast.iter_child_nodes(node))
    return False


def _makes(node) -> bool:
    """An expression that calls a capitalised name (a class): ``nn.Linear(8, 8)``, ``Dense(4)``."""
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            callee = child.func.attr if isinstance(child.func, ast.Attribute) else getattr(child.func, "id", "")
            if callee[:1].isupper():
                return True
    return False


def _holds_layers(iterable) -> bool:
    """A known list of layers or models (``for layer in self.layers``): followed one by one."""
    items = getattr(iterable, "items", None)
    return isinstance(iterable, (Container, ListVal, Tup)) and items is not None and any(
        isinstance(item, (Layer, Container, Instance)) for item in items)


def _is_generator(node) -> bool:
    """A yield in the function's own body (not in a function or class nested in it)."""
    todo = list(ast.iter_child_nodes(node))
    while todo:
        child = todo.pop()
        if isinstance(child, (ast.Yield, ast.YieldFrom)):
            return True
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(child))
    return False
