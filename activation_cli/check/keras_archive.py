"""Saved Keras models: a ``.keras`` archive's ``config.json`` as the flow analysis's values.

The layers of a Sequential model, or the path from a functional model's input to its
single output, become the same ``Layer`` and ``Container`` values that Keras source
code gives; ``compile_config`` (the loss and ``from_logits``), when the model was saved
compiled, becomes a ``compile`` event. Read with ``zipfile`` and ``json`` only: no Keras.
Where layers have several inputs (Add, Concatenate), the path is not followed through.
"""
from __future__ import annotations

from . import frameworks as fw
from .values import UNKNOWN, Const, Container, KerasModel, Site, Tensor

SIMPLE = (str, int, float, bool, type(None))


def load(source, flow) -> None:
    """Add the model in ``source.config`` (and its compile configuration) to ``flow``."""
    model = _model(source.config, source, "", flow)
    if model is None:
        return
    if isinstance(model, Container):
        flow.containers.append(model)
    else:
        flow.endpoint(model.outputs, model.origin, "model")
    compiled = source.config.get("compile_config")
    if isinstance(compiled, dict) and "loss" in compiled:
        loss = _loss(compiled["loss"], flow, Site(source, 0, 0, (0, "compile_config")))
        if loss is not None:
            flow.compile(model, loss, Site(source, 0, 0, (0, "compile_config")), None)


def _model(config, source, prefix: str, flow, at: int | None = None):
    """A model config as a Container (Sequential) or KerasModel (functional); ``at`` is the
    index of the layer a nested model is, which its layers are reported at."""
    if not isinstance(config, dict):
        return None
    kind = config.get("class_name")
    body = config.get("config")
    if kind == "Sequential":
        entries = body.get("layers") if isinstance(body, dict) else body
        if not isinstance(entries, list):
            return None
        items = [_layer(entry, at or index, source, prefix, flow) for index, entry in enumerate(entries, 1)]
        return Container("sequential", "keras", Site(source, 0, 0, (0, prefix + "model")), items, "Sequential")
    if kind in ("Functional", "Model") and isinstance(body, dict):
        return KerasModel(_functional(body, source, prefix, flow), Site(source, 0, 0, (0, prefix + "model")))
    return None


def _name(entry) -> str:
    if not isinstance(entry, dict):
        return "?"
    name = entry.get("name")
    if name is None and isinstance(entry.get("config"), dict):
        name = entry["config"].get("name")
    return str(name) if name is not None else "?"


def _layer(entry, index: int, source, prefix: str, flow):
    """One layer entry of a config as a Layer (UNKNOWN when not known; an InputLayer as a batch)."""
    if not isinstance(entry, dict):
        return UNKNOWN
    kind = entry.get("class_name")
    name = _name(entry)
    if kind in ("Sequential", "Functional", "Model"):
        nested = _model(entry, source, f"{prefix}{name}/", flow, index)
        return nested if isinstance(nested, Container) else UNKNOWN
    if kind == "InputLayer":
        return Tensor((), True, None, object())
    spec = fw.lookup(f"keras.layers.{kind}") if isinstance(kind, str) else None
    if not isinstance(spec, fw.LayerClass):
        return UNKNOWN
    config = entry.get("config") if isinstance(entry.get("config"), dict) else {}
    kwargs = {key: _value(value) for key, value in config.items()}
    if "kernel_initializer" not in config and spec.initializer is not None:
        kwargs["kernel_initializer"] = Const("glorot_uniform")   # saved configs always name it; Keras 2 did too
    return flow.make_layer(spec, [], kwargs, Site(source, 0, 0, (index, prefix + name)), None)


def _value(value):
    """A config value as the analysis's values: activations and initializers by their names."""
    if isinstance(value, SIMPLE):
        return Const(value)
    if isinstance(value, list) and all(isinstance(v, SIMPLE) for v in value):
        return Const(tuple(value))
    if isinstance(value, dict):
        name = value.get("class_name")
        if name == "function" and isinstance(value.get("config"), str):
            return Const(value["config"])
        if name == "VarianceScaling" and isinstance(value.get("config"), dict):
            scale, mode = value["config"].get("scale"), value["config"].get("mode")
            return Const({(2.0, "fan_in"): "he_normal", (1.0, "fan_in"): "lecun_normal",
                          (1.0, "fan_avg"): "glorot_normal"}.get((float(scale) if isinstance(scale, (int, float))
                                                                else None, mode), "variance_scaling"))
        if isinstance(name, str):
            return Const(name)
    return UNKNOWN


def _loss(value, flow, site):
    if isinstance(value, str):
        return Const(value)
    if isinstance(value, dict):
        name = value.get("class_name")
        config = value.get("config")
        if name == "function" and isinstance(config, str):
            return Const(config)
        spec = fw.lookup(f"keras.losses.{name}") if isinstance(name, str) else None
        if isinstance(spec, fw.LossCls):
            logits = bool(config.get("from_logits")) if isinstance(config, dict) else False
            return flow.make_loss(spec, [], {"from_logits": Const(logits)}, site)
    return None


def _history(node) -> list:
    """The (layer name) of every tensor an inbound node reads: Keras 3 ``keras_history``, Keras 2 lists."""
    found = []
    if isinstance(node, dict):
        history = (node.get("config") or {}).get("keras_history") if isinstance(node.get("config"), dict) else None
        if node.get("class_name") == "__keras_tensor__" and isinstance(history, list) and history:
            return [str(history[0])]
        for value in node.values():
            found += _history(value)
    elif isinstance(node, list):
        if len(node) >= 3 and isinstance(node[0], str) and isinstance(node[1], int) and isinstance(node[2], int):
            return [node[0]]
        for value in node:
            found += _history(value)
    return found


def _functional(body: dict, source, prefix: str, flow):
    """The output tensor of a functional model with one output, along its single-input path."""
    entries = body.get("layers")
    outputs = body.get("output_layers")
    if not isinstance(entries, list) or not isinstance(outputs, list) or not outputs:
        return UNKNOWN
    if isinstance(outputs[0], list):
        if len(outputs) != 1:
            return UNKNOWN
        outputs = outputs[0]
    layers = {_name(entry): (index, entry) for index, entry in enumerate(entries, 1)}
    path, name, seen = [], outputs[0] if outputs else None, set()
    while isinstance(name, str) and name in layers and name not in seen:
        seen.add(name)
        index, entry = layers[name]
        path.append((index, entry))
        nodes = entry.get("inbound_nodes") if isinstance(entry, dict) else None
        parents = _history(nodes) if nodes else []
        if not nodes or len(nodes) != 1 or len(set(parents)) != 1:
            if parents:   # several inputs: the path starts here
                path.append((None, None))
            break
        name = parents[0]
    value = Tensor((), True, None, object())
    for index, entry in reversed(path):
        if entry is None:
            value = Tensor((), True, None, None)
            continue
        layer = _layer(entry, index, source, prefix, flow)
        if isinstance(layer, Tensor):
            value = layer
        elif layer is UNKNOWN:
            value = Tensor((), True, None, None)
        elif isinstance(layer, Container):
            value = flow.apply_container(layer, value, True)
        else:
            value = flow.apply_layer(layer, value, layer.origin, True, via_container=True)
        if value is UNKNOWN:
            value = Tensor((), True, None, None)
    return value
