"""What calling PyTorch, Keras and TensorFlow does to the flow analysis's values.

``frameworks.py`` says what a name is (``F.softmax`` is an activation with a ``dim``,
``nn.CrossEntropyLoss`` a loss that applies log_softmax); this module does what calling
it does: layers are built (their units, activation, initializer) and applied to tensors
(an op on the chain), losses record a loss event, ``nn.init`` calls set a layer's
initializer, ``Sequential``/``Model``/``compile`` make and compile models. It is a part of
``flow.Flow`` (a mixin): the interpreter calls here for every name from outside.
"""
from __future__ import annotations

import ast
from typing import NamedTuple

from . import frameworks as fw
from .events import LossEvent, OpEvent
from .values import (
    UNBOUND, UNKNOWN, Alternatives, ClassRef, Const, Container, Function, Instance, KerasModel, Layer,
    ListVal, Loader, Loss, LossClass, ModulesOf, Op, Qual, Site, Tensor, Tup, WeightOf,
)

LOSS_KEYWORDS = frozenset({"criterion", "loss", "loss_fn", "loss_func", "loss_function", "lossfn",
                           "criterion_fn", "loss_fcn", "objective"})
MODEL_KEYWORDS = frozenset({"module", "model", "net", "network"})
SELF_RETURNING = frozenset({"to", "cuda", "cpu", "float", "double", "half", "bfloat16", "train", "eval",
                            "requires_grad_", "type", "share_memory", "to_empty"})
PASSTHROUGH = frozenset({"tqdm", "tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm", "tqdm.autonotebook.tqdm",
                         "torch.autograd.Variable", "torch.autograd.variable.Variable"})   # f(x) is x


class FrameworkCalls:
    """The calls of framework objects, for ``flow.Flow``."""

    def call_framework(self, name, args, kwargs, complete, node, frame):
        """Call the object called ``name`` outside the checked code (``torch.nn.Linear``)."""
        if name.startswith("builtins."):
            return self.call_builtin(name[9:], args, kwargs, node, frame)
        if name in PASSTHROUGH:
            return args[0] if args else UNKNOWN
        if name == "collections.OrderedDict":
            return args[0] if args else UNKNOWN
        spec = fw.lookup(name)
        site = self.site(node, frame)
        if isinstance(spec, fw.ActivationFn):
            return self.activation_call(spec, args, kwargs, site, frame)
        if isinstance(spec, fw.TensorFn):
            x = args[0] if args else kwargs.get("input", UNKNOWN)
            if spec.kind == "flatten":
                start = args[1] if len(args) > 1 else kwargs.get("start_dim", Const(0))
                return self.flatten(self.as_tensor(x), start, node, frame)
            if spec.kind == "weight":
                op = Op("weight", spec.name, spec.label, site, site, spec.framework, in_model=frame.in_model,
                        scope=id(frame))
                return self.apply_op(self.as_tensor(x), op)
            return self.tensor_op(self.as_tensor(x), spec.kind, spec.name, node, frame)
        if isinstance(spec, fw.LayerClass):
            return self.make_layer(spec, args, kwargs, site, frame)
        if isinstance(spec, fw.LossCls):
            return self.make_loss(spec, args, kwargs, site)
        if isinstance(spec, fw.LossFn):
            loss = Loss(self.loss_spec(spec.spec, kwargs if spec.from_logits else {}), site, spec.spec.name,
                        spec.call)
            return self.loss_call(loss, args, kwargs, node, frame)
        if isinstance(spec, fw.InitFn):
            return self.init_call(spec, name, args, kwargs, site)
        if isinstance(spec, fw.Special):
            return self.special(spec, args, kwargs, complete, site, frame)
        self.wrapper(args, kwargs, site, frame)
        bounds = _constant_fill(name, args, kwargs)
        if bounds is not None:
            return Tensor((), None, None, object(), bounds)
        if name.startswith(("torch.", "tensorflow.", "numpy.")):
            return self.fresh()   # a tensor or array made outside: inert, but the same value wherever used
        return UNKNOWN

    def special(self, spec, args, kwargs, complete, site, frame):
        if spec.what in ("sequential", "list"):
            items = list(args) if complete else None
            if spec.framework == "keras":
                layers = args[0] if args else kwargs.get("layers", Const(None))
                if isinstance(layers, (Tup, ListVal)):
                    items = list(layers.items) if layers.items is not None else None
                elif isinstance(layers, Const) and layers.value is None:
                    items = []
                else:
                    items = None
            elif len(args) == 1 and isinstance(args[0], (Tup, ListVal)):   # OrderedDict([...]) / a list
                pairs = args[0].items
                if pairs is not None and spec.what == "sequential" and all(
                        isinstance(p, Tup) and len(p.items) == 2 for p in pairs):
                    items = [p.items[1] for p in pairs]
                elif pairs is not None and spec.what == "list":
                    items = list(pairs)
                else:
                    items = None
            elif spec.what == "list" and not args:
                items = []
            container = Container("sequential" if spec.what == "sequential" else "list", spec.framework, site,
                                  items, spec.label)
            if spec.what == "sequential":
                self.containers.append(container)
            return container
        if spec.what == "loader":
            return Loader()
        if spec.what == "wrap":
            return args[0] if args else kwargs.get("module", kwargs.get("model", UNKNOWN))
        if spec.what == "input":
            shape = kwargs.get("shape", args[0] if args else UNKNOWN)
            ndim = len(shape.items) + 1 if isinstance(shape, Tup) else None
            return self.fresh(batched=True, ndim=ndim)
        if spec.what == "base" and spec.framework == "keras" and (len(args) >= 2 or "outputs" in kwargs):
            return KerasModel(kwargs.get("outputs", args[1] if len(args) > 1 else UNKNOWN), site)
        return UNKNOWN

    def wrapper(self, args, kwargs, site, frame):
        """``NeuralNetClassifier(Net, criterion=nn.CrossEntropyLoss)``: a training wrapper
        given a model and a loss applies the loss to the model's output. Only a loss that
        applies softmax or the sigmoid itself is followed: for others a wrapper may change the
        output first (skorch takes the log of probabilities for NLLLoss)."""
        loss = next((self.as_loss(v) for k, v in kwargs.items() if k.lower() in LOSS_KEYWORDS
                     and self.as_loss(v) is not None), None)
        if loss is None or loss.spec is None or loss.spec.applies is None:
            return
        model = next((v for k, v in kwargs.items() if k.lower() in MODEL_KEYWORDS), args[0] if args else None)
        if isinstance(model, ClassRef) and model.cls.framework == "torch":
            model = self.instantiate(model.cls, [], {}, site)
        if isinstance(model, (Instance, Container)) and (not isinstance(model, Instance)
                                                          or model.cls.framework == "torch"):
            output = self.call(model, [self.fresh(batched=True)], {}, True, None, frame) if isinstance(
                model, Instance) else self.apply_container(model, self.fresh(batched=True), False)
            self.events.losses.append(LossEvent(loss, output, site, via="wrapper"))

    def as_loss(self, value):
        if isinstance(value, Loss):
            return value
        if isinstance(value, LossClass):
            return value.loss
        if isinstance(value, Qual):
            spec = fw.lookup(value.name)
            if isinstance(spec, fw.LossCls):
                return Loss(spec.spec, Site(None, 0), spec.spec.name, spec.call)
        return None

    def activation_call(self, spec: fw.ActivationFn, args, kwargs, site, frame):
        x = args[0] if args else next((kwargs[k] for k in ("input", "x", "logits", "features") if k in kwargs),
                                      UNKNOWN)
        if isinstance(x, Alternatives):
            return self.combine([self.activation_call(spec, [o, *args[1:]], kwargs, site, frame) for o in x.options])
        dim, given = None, True
        if spec.name in fw.VECTOR:
            value = args[spec.dim_pos] if len(args) > spec.dim_pos else next(
                (kwargs[k] for k in spec.dim_kw if k in kwargs), UNBOUND)
            if value is UNBOUND or (isinstance(value, Const) and value.value is None):
                if spec.dim_default == "missing":
                    given = False
                else:
                    dim = spec.dim_default
            elif isinstance(value, Const):
                dim = value.value
        op = Op("activation", spec.name, spec.label, site, site, spec.framework, dim=dim, dim_given=given,
                in_model=frame.in_model)
        return self.apply_op(self.as_tensor(x), op)

    def as_tensor(self, value) -> Tensor:
        return value if isinstance(value, Tensor) else Tensor()

    def apply_op(self, tensor: Tensor, op: Op) -> Tensor:
        self.events.ops.append(OpEvent(op, tensor))
        return tensor.then(op)

    def tensor_op(self, tensor, kind, name, node, frame, **changes):
        site = self.site(node, frame)
        op = Op(kind, name, name, site, site, "torch", in_model=frame.in_model)
        return tensor.then(op, **changes)

    def flatten(self, tensor: Tensor, start, node, frame) -> Tensor:
        """``torch.flatten(x, 1)``/``x.flatten(1)``: from dim 1 on, a (batch, features) tensor."""
        flat = isinstance(start, Const) and start.value == 1
        return self.tensor_op(tensor, "reshape", "flatten", node, frame, batched=True if flat else None,
                              ndim=2 if flat else None)

    def tensor_method(self, tensor: Tensor, name, args, kwargs, node, frame):
        kind = fw.TENSOR_METHODS.get(name)
        if kind is None or kind == "opaque":
            return UNKNOWN
        if kind == "activation":
            act = fw.ACTIVATION_NAMES[name.rstrip("_")]
            spec = fw.ActivationFn(act, f".{name}()", "torch", 0, ("dim",), "missing")
            return self.activation_call(spec, [tensor, *args], kwargs, self.site(node, frame), frame)
        if kind == "flatten":
            return self.flatten(tensor, args[0] if args else kwargs.get("start_dim", Const(0)), node, frame)
        if kind == "reshape" and name in ("view", "reshape"):
            shape = list(args[0].items) if len(args) == 1 and isinstance(args[0], Tup) else list(args)
            batched, ndim = None, len(shape) if shape else None
            if len(shape) == 2 and isinstance(shape[0], Const) and shape[0].value == -1:
                batched = True
            elif len(shape) >= 2 and _is_batch_size(node, 0):
                batched = True
            return self.tensor_op(tensor, "reshape", name, node, frame, batched=batched, ndim=ndim)
        if kind == "unsqueeze":
            at = args[0] if args else kwargs.get("dim", UNKNOWN)
            first = isinstance(at, Const) and at.value == 0
            return self.tensor_op(tensor, "reshape", name, node, frame, batched=True if first else tensor.batched,
                                  ndim=tensor.ndim + 1 if tensor.ndim is not None else None)
        if kind == "reshape":
            return self.tensor_op(tensor, "reshape", name, node, frame, ndim=None)
        return self.tensor_op(tensor, kind, name, node, frame)

    def make_layer(self, spec: fw.LayerClass, args, kwargs, site, frame) -> Layer:
        units = None
        if spec.units is not None:
            position, keyword = spec.units
            value = args[position] if len(args) > position else kwargs.get(keyword, UNKNOWN)
            if isinstance(value, Const) and isinstance(value.value, int) and not isinstance(value.value, bool):
                units = value.value
        groups = args[6] if spec.framework == "torch" and len(args) > 6 else kwargs.get("groups", Const(1))
        grouped = spec.label.startswith("Depthwise") or (spec.family == "conv" and groups != Const(1))
        layer = Layer(spec.kind, spec.family, spec.label, site, spec.framework, units=units, grouped=grouped)
        if spec.dim is not None:
            position, keyword, default = spec.dim
            value = args[position] if position is not None and len(args) > position else kwargs.get(keyword, UNBOUND)
            if value is UNBOUND or (isinstance(value, Const) and value.value is None and default == "missing"):
                layer.dim, layer.dim_given = (None, False) if default == "missing" else (default, True)
            else:
                layer.dim, layer.dim_given = (value.value if isinstance(value, Const) else None), True
            if not layer.dim_given:   # nn.Softmax(): PyTorch will guess its dim, wherever it is applied
                self.events.ops.append(OpEvent(Op("activation", spec.family, spec.label, site, site, spec.framework,
                                                  dim_given=False), Tensor()))
        if spec.activation is not None:
            position, keyword = spec.activation
            value = args[position] if position is not None and len(args) > position else kwargs.get(keyword, UNBOUND)
            layer.activation = self.keras_activation(value)
            if spec.kind == "activation":
                if layer.activation is None:
                    layer.kind, layer.family = "neutral", "identity"
                elif layer.activation == "?":
                    layer.kind, layer.family = "opaque", "activation"
                else:
                    layer.family, layer.activation = layer.activation, None
                    layer.dim, layer.dim_given = -1, True
        if layer.activation in ("softmax", "log_softmax") and layer.units == 1:   # Dense(1, activation="softmax")
            weight = Op("weight", layer.family, layer.label, site, site, layer.framework, units=1)
            act = Op("activation", layer.activation, layer.label, site, site, layer.framework, dim=-1, in_model=True)
            self.events.ops.append(OpEvent(act, Tensor((weight,), True)))
        if spec.initializer is not None:
            value = kwargs.get(spec.initializer[1], UNBOUND)
            if value is UNBOUND:
                layer.init_default = True
            else:
                layer.init, layer.init_site = self.keras_initializer(value), site
        return layer

    def keras_activation(self, value):
        """The canonical name of a Keras ``activation=`` value; None for none/linear, '?' if unknown."""
        if value is UNBOUND or (isinstance(value, Const) and value.value is None):
            return None
        if isinstance(value, Const) and isinstance(value.value, str):
            name = fw.activation_name(value.value)
            return None if name == "linear" else (name or "?")
        if isinstance(value, Qual):
            spec = fw.lookup(value.name)
            if isinstance(spec, fw.ActivationFn):
                return None if spec.name == "linear" else spec.name
        if isinstance(value, Layer) and value.kind == "activation":
            return value.family
        return "?"

    def keras_initializer(self, value) -> str:
        if isinstance(value, Const) and isinstance(value.value, str):
            return fw.KERAS_INITIALIZERS.get(value.value, "other")
        if isinstance(value, _Init):
            return value.scheme
        if isinstance(value, Qual):
            spec = fw.lookup(value.name)
            return spec.scheme if isinstance(spec, fw.InitFn) else "unknown"
        return "unknown"

    def init_call(self, spec: fw.InitFn, name, args, kwargs, site):
        target = args[0] if args else kwargs.get("tensor", UNKNOWN)
        if not isinstance(target, WeightOf):
            if name.startswith("keras") or ".keras." in name:
                return _Init(spec.scheme)
            return UNKNOWN
        scheme = spec.scheme
        if scheme == "glorot":
            gain = args[1] if len(args) > 1 else kwargs.get("gain", UNBOUND)
            if gain is not UNBOUND and not (isinstance(gain, Const) and gain.value == 1):
                scheme = "other"    # a gain chosen for the activation: deliberate
        elif scheme == "he":
            nonlinearity = args[3] if len(args) > 3 else kwargs.get("nonlinearity", Const("leaky_relu"))
            value = nonlinearity.value if isinstance(nonlinearity, Const) else None
            scheme = {"relu": "he", "leaky_relu": "he", "linear": "lecun", "selu": "lecun"}.get(value, "other")
        for layer in target.layers:
            if self.weak(layer):
                layer.init = layer.init if layer.init == scheme else "unknown"
            else:
                layer.init = scheme
            layer.init_site, layer.init_default = site, False
        return target

    def layers_of(self, owner: ModulesOf):
        seen, found = set(), []

        def visit(value):
            if id(value) in seen:
                return
            seen.add(id(value))
            if isinstance(value, Layer):
                if value.kind == "weight" and (owner.families is None or value.family in owner.families) \
                        and value.family not in owner.excluded:
                    found.append(value)
            elif isinstance(value, Container) and value.items is not None:
                for item in value.items:
                    visit(item)
            elif isinstance(value, Instance):
                for item in value.attrs.values():
                    visit(item)
            elif isinstance(value, (ListVal, Tup)) and value.items is not None:
                for item in value.items:
                    visit(item)

        visit(owner.owner)
        return found

    def make_loss(self, spec: fw.LossCls, args, kwargs, site) -> Loss:
        return Loss(self.loss_spec(spec.spec, kwargs), site, spec.spec.name, spec.call)

    def loss_spec(self, spec, kwargs):
        if spec.framework != "keras":
            return spec
        logits = kwargs.get("from_logits", Const(False))
        if not isinstance(logits, Const):
            return None
        return fw.keras_loss(spec.name.split("(")[0], bool(logits.value))

    def loss_call(self, loss: Loss, args, kwargs, node, frame):
        if loss.spec is None:
            return UNKNOWN
        if loss.call == "torch":
            prediction, index, keyword = (args[0] if args else kwargs.get("input", UNKNOWN)), 0, "input"
            target = args[1] if len(args) > 1 else kwargs.get("target", UNKNOWN)
        elif loss.call == "keras":
            prediction = args[1] if len(args) > 1 else kwargs.get("y_pred", kwargs.get("output", UNKNOWN))
            target = args[0] if args else kwargs.get("y_true", kwargs.get("target", UNKNOWN))
            index, keyword = 1, "y_pred"
        else:
            prediction = kwargs.get("logits", args[1] if len(args) > 1 else UNKNOWN)
            target = kwargs.get("labels", kwargs.get("onehot_labels", args[0] if args else UNKNOWN))
            index, keyword = 1, "logits"
        name = _argument_name(node, index, keyword) if isinstance(node, ast.Call) else None
        self.events.losses.append(LossEvent(loss, prediction, self.site(node, frame), target, name))
        self.endpoint(prediction, self.site(node, frame), "loss")
        return Tensor((), False, 0, None)

    # -- layers and models ----------------------------------------------------------------------

    def apply_layer(self, layer: Layer, x, site: Site, in_model: bool, via_container: bool = False, scope: int = 0):
        if isinstance(x, Alternatives):
            return self.combine([self.apply_layer(layer, o, site, in_model, via_container, scope) for o in x.options])
        if layer.kind == "opaque":
            return UNKNOWN if layer.framework == "torch" else Tensor((), True, None, None)
        tensor = self.as_tensor(x)
        if layer.kind == "embedding":
            return Tensor((), tensor.batched, None, None)
        at = layer.origin if via_container or layer.framework == "keras" else site
        in_model = in_model or via_container or layer.framework == "keras"
        if layer.kind == "weight":
            op = Op("weight", layer.family, layer.label, at, layer.origin, layer.framework, units=layer.units,
                    init=layer.init, init_site=layer.init_site, init_default=layer.init_default, in_model=in_model,
                    scope=scope, grouped=layer.grouped)
            tensor = self.apply_op(tensor, op)
            if layer.activation == "?":
                return tensor.then(Op("opaque", "activation", "activation", at, layer.origin, layer.framework))
            if layer.activation:
                act = Op("activation", layer.activation, f"{layer.label}(activation={layer.activation!r})", at,
                         layer.origin, layer.framework, dim=-1, in_model=in_model)
                tensor = self.apply_op(tensor, act)
            return tensor
        if layer.kind == "activation":
            op = Op("activation", layer.family, layer.label, at, layer.origin, layer.framework,
                    dim=layer.dim, dim_given=layer.dim_given, in_model=in_model)
            return self.apply_op(tensor, op)
        if layer.kind == "flatten":
            op = Op("reshape", "flatten", layer.label, at, layer.origin, layer.framework, in_model=in_model)
            return tensor.then(op, batched=True, ndim=2)
        batched = True if layer.family == "norm" and "BatchNorm" in layer.label else tensor.batched
        kind = layer.kind if layer.kind in ("neutral", "reshape", "scale") else "opaque"
        op = Op(kind, layer.family, layer.label, at, layer.origin, layer.framework, in_model=in_model)
        return tensor.then(op, batched=batched, ndim=tensor.ndim if kind == "neutral" else None)

    def apply_container(self, container: Container, x, in_model: bool):
        if container.items is None:
            return UNKNOWN
        value = x
        for item in container.items:
            if value is UNKNOWN:   # after a layer not known: what follows still is
                value = Tensor((), x.batched if isinstance(x, Tensor) else None, None, None)
            if isinstance(item, Tensor):     # keras.Input(...) at the head of a Sequential
                value = item
            elif isinstance(item, Layer):
                value = self.apply_layer(item, value, container.origin, True, via_container=True,
                                         scope=id(container))
            elif isinstance(item, Container):
                value = self.apply_container(item, value, True)
            elif isinstance(item, Instance):
                value = self.call_instance(item, [value], {}, None)
            else:
                value = UNKNOWN
        return value

    def model_output(self, model):
        if isinstance(model, Container):
            return self.apply_container(model, self.fresh(batched=True), True)
        if isinstance(model, KerasModel):
            return model.outputs
        if isinstance(model, Instance):
            return self.call_instance(model, [self.fresh(batched=True)], {}, None)
        return UNKNOWN

    def model_method(self, model, name, args, kwargs, complete, node, frame):
        site = self.site(node, frame)
        if isinstance(model, Container):
            if name in ("add", "append", "add_module"):
                item = args[-1] if args else kwargs.get("layer", kwargs.get("module", UNKNOWN))
                self.append(model, item)
                return Const(None)
            if name == "extend" and args:
                self.extend(model, args[0])
                return Const(None)
            if name in ("insert", "pop"):
                model.items = None
                return UNKNOWN
        if name in SELF_RETURNING:
            return model
        if name == "compile":
            loss = kwargs.get("loss", args[1] if len(args) > 1 else UNBOUND)
            self.compile(model, loss, site, frame)
            return Const(None)
        if name == "fit":
            if _same_arguments(node, ("x", 0), ("y", 1)):   # fit(x, x): an autoencoder
                for event in self.events.losses:
                    if event.model is model:
                        event.autoencoder = True
            return UNKNOWN
        if name == "apply" and args and isinstance(model, (Instance, Container)):
            self.call(args[0], [ModulesOf(model)], {}, True, node, frame)
            return model
        if name == "modules" and isinstance(model, (Instance, Container)):
            return ModulesOf(model)
        if isinstance(model, Instance):
            if name == "add_module" and len(args) == 2 and isinstance(args[0], Const):
                self.set_attr(model, str(args[0].value), args[1])
            elif name == "__call__":
                return self.call_instance(model, args, kwargs, frame)
        return UNKNOWN

    def compile(self, model, loss_value, site, frame):
        output = self.model_output(model)
        if isinstance(loss_value, Const) and isinstance(loss_value.value, str):
            spec = fw.keras_loss(loss_value.value, False)
            loss = Loss(spec, site, loss_value.value, "keras") if spec else None
        elif isinstance(loss_value, Function):
            self.call_function(loss_value, [UNKNOWN, output], {}, frame)
            return
        else:
            loss = self.as_loss(loss_value)
            if loss is None and isinstance(loss_value, Qual):
                spec = fw.lookup(loss_value.name)
                if isinstance(spec, fw.LossFn):
                    loss = Loss(spec.spec, site, spec.spec.name, "keras")
        if loss is None or loss.spec is None:
            return
        self.events.losses.append(LossEvent(loss, output, site, model=model, via="compile"))
        if isinstance(output, Tensor) and output.chain:
            self.endpoint(output, site, "model")


class _Init(NamedTuple):
    """A Keras initializer object: ``keras.initializers.HeNormal()``."""

    scheme: str


FILLS = {"ones": 1.0, "ones_like": 1.0, "zeros": 0.0, "zeros_like": 0.0}


def _constant_fill(name: str, args, kwargs):
    """The (low, high) of a tensor made filled with one constant: ``torch.ones(n)``,
    ``tf.zeros_like(x)``, ``torch.full((n,), 0.9)``."""
    if not name.startswith(("torch.", "tensorflow.", "numpy.")):
        return None
    last = name.rsplit(".", 1)[-1]
    if last in FILLS:
        return (FILLS[last], FILLS[last])
    if last in ("full", "full_like", "fill"):
        value = args[1] if len(args) > 1 else kwargs.get("fill_value", kwargs.get("value", UNKNOWN))
        if isinstance(value, Const) and isinstance(value.value, (int, float)) and not isinstance(value.value, bool):
            return (float(value.value), float(value.value))
    return None


def _is_batch_size(node, index) -> bool:
    """``x.view(x.size(0), -1)``, ``x.view(x.shape[0], ...)``, ``x.view(batch_size, ...)``."""
    if not isinstance(node, ast.Call) or len(node.args) <= index:
        return False
    arg = node.args[index]
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "size":
        return len(arg.args) == 1 and isinstance(arg.args[0], ast.Constant) and arg.args[0].value == 0
    if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Attribute) and arg.value.attr == "shape":
        return isinstance(arg.slice, ast.Constant) and arg.slice.value == 0
    return isinstance(arg, ast.Name) and arg.id in ("batch_size", "bs", "batch", "n_batch", "B", "N")


def _same_arguments(node, first, second) -> bool:
    """Whether two arguments of a call are the same expression: ``fit(x_train, x_train)``."""
    found = []
    for keyword, index in (first, second):
        arg = next((k.value for k in node.keywords if k.arg == keyword), None)
        if arg is None and len(node.args) > index:
            arg = node.args[index]
        found.append(ast.dump(arg) if arg is not None else None)
    return found[0] is not None and found[0] == found[1]


def _argument_name(node, index, keyword) -> str | None:
    arg = next((k.value for k in node.keywords if k.arg == keyword), None)
    if arg is None and len(node.args) > index and not any(isinstance(a, ast.Starred) for a in node.args):
        arg = node.args[index]
    if isinstance(arg, ast.Name):
        return arg.id
    if isinstance(arg, ast.Attribute):
        return arg.attr
    return None
