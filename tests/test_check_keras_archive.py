"""Saved Keras models: archives written by Keras 3.15.1 (tests/fixtures/keras, weights removed)
and archives these tests build, in the Keras 3 and the Keras 2 config formats."""
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from activation_cli.check import check

FIXTURES = Path(__file__).parent / "fixtures" / "keras"


def findings(path, cwd):
    return [(d.code, d.layer, d.line) for d in check([str(path)], cwd=cwd).diagnostics]


@pytest.mark.parametrize(("name", "expected"), [
    ("seq_onesoftmax", [("ACT203", (2, "dense")), ("ACT105", (3, "dense_1"))]),
    ("func_softmax_logits", [("ACT101", (4, "dense_3"))]),
    ("sigmoid_categorical", [("ACT107", (3, "dense_7"))]),
    ("uncompiled", [("ACT106", (5, "softmax"))]),
    ("clean", []),
    ("func_add", []),
])
def test_archives_saved_by_keras(name, expected):
    found = findings(FIXTURES / f"{name}.keras", FIXTURES)
    assert [(code, layer) for code, layer, _ in found] == expected
    assert all(line is None for _, _, line in found)


def test_a_layer_finding_reads_as_the_layer_in_every_format(actv, tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "func_softmax_logits.keras", tmp_path / "m.keras")
    monkeypatch.chdir(tmp_path)
    text = actv("check", "m.keras").stdout.splitlines()[0]
    assert text.startswith("m.keras:layer 4 (dense_3): ACT101 softmax output goes into "
                           "sparse_categorical_crossentropy(from_logits=True) (compile_config), ")
    data = json.loads(actv("check", "m.keras", "--format", "json").stdout)["findings"][0]
    assert (data["line"], data["column"], data["layer"]) == (None, None, {"index": 4, "name": "dense_3"})
    github = actv("check", "m.keras", "--format", "github").stdout
    assert github.startswith("::error file=m.keras,title=ACT101::layer 4 (dense_3): ACT101 softmax")
    sarif = json.loads(actv("check", "m.keras", "--format", "sarif").stdout)["runs"][0]["results"][0]
    assert "region" not in sarif["locations"][0]["physicalLocation"]
    assert sarif["locations"][0]["logicalLocations"][0]["name"] == "dense_3"


def dense(name, units, activation=None, initializer="GlorotUniform", inbound=None):
    entry = {"class_name": "Dense", "config": {"name": name, "units": units, "activation": activation or "linear",
                                               "kernel_initializer": {"class_name": initializer, "config": {}}}}
    if inbound is not None:
        entry["name"] = name
        entry["inbound_nodes"] = inbound
    return entry


def archive(tmp_path, config, name="model.keras"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("config.json", json.dumps(config))
    return path


def test_a_keras_2_functional_config_is_followed(tmp_path):
    config = {"class_name": "Model", "config": {
        "layers": [
            {"class_name": "InputLayer", "name": "in", "config": {"name": "in"}, "inbound_nodes": []},
            dense("hidden", 32, "relu", "HeNormal", [[["in", 0, 0, {}]]]),
            dense("out", 1, "sigmoid", "GlorotUniform", [[["hidden", 0, 0, {}]]]),
        ],
        "input_layers": [["in", 0, 0]], "output_layers": [["out", 0, 0]]},
        "compile_config": {"loss": {"class_name": "BinaryCrossentropy", "config": {"from_logits": True}}}}
    assert findings(archive(tmp_path, config), tmp_path) == [("ACT102", (3, "out"), None)]


def test_nested_sequential_and_activation_layers(tmp_path):
    inner = {"class_name": "Sequential", "config": {"name": "block", "layers": [
        dense("d1", 16), {"class_name": "Activation", "config": {"name": "a1", "activation": "relu"}}]}}
    config = {"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"name": "in"}}, inner,
        {"class_name": "Activation", "config": {"name": "a2", "activation": "relu"}},
        dense("head", 3)]},
        "compile_config": {"loss": {"class_name": "function", "config": "categorical_crossentropy"}}}
    assert findings(archive(tmp_path, config), tmp_path) == [
        ("ACT203", (2, "block/d1"), None), ("ACT204", (3, "a2"), None), ("ACT103", (0, "compile_config"), None)]


def test_unknown_layers_and_several_outputs_are_not_guessed(tmp_path):
    config = {"class_name": "Sequential", "config": {"layers": [
        dense("d1", 8, "softmax"), {"class_name": "MyCustomLayer", "config": {"name": "c"}}, dense("d2", 1)]},
        "compile_config": {"loss": "binary_crossentropy"}}
    assert findings(archive(tmp_path, config), tmp_path) == [("ACT103", (0, "compile_config"), None)]
    two = {"class_name": "Functional", "config": {"layers": [], "output_layers": [["a", 0, 0], ["b", 0, 0]]}}
    assert findings(archive(tmp_path, two, "two.keras"), tmp_path) == []
