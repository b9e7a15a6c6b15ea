"""Fuzzing actv check: whatever the text, notebook or archive, it returns a report (findings or
skipped files), never an exception. ACTV_CHECK_DEBUG makes an internal error fail the test."""
import json
import os
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activation_cli.check import check

# FUZZ_EXAMPLES=4000 for a longer run than the suite's
SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 150)), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# Statements real model code is made of; programs are random sequences of them, indented at random.
FRAGMENTS = [
    "import torch", "import torch.nn as nn", "import torch.nn.functional as F", "from torch import nn",
    "import keras", "from keras import layers as L", "import tensorflow as tf", "from model import *",
    "from . import model", "from .model import Net", "import model",
    "class Net(nn.Module):", "class M(keras.Model):", "class T(Net):", "class Empty: pass",
    "def __init__(self, n=3):", "def forward(self, x):", "def call(self, x, training=None):",
    "def training_step(self, batch, i):", "def f(*args, **kwargs):", "def g(a, b=nn.Softmax(dim=1), *, c):",
    "super().__init__()", "super(Net, self).__init__()", "self.fc = nn.Linear(10, n)", "self.fc = nn.Linear(n, 1)",
    "self.act = nn.Softmax()", "self.layers = nn.ModuleList()", "self.layers.append(nn.Linear(4, 4))",
    "self.seq = nn.Sequential(*self.layers)", "self.crit = nn.CrossEntropyLoss()", "self.apply(f)",
    "for m in self.modules():", "if isinstance(m, nn.Linear):", "nn.init.xavier_uniform_(m.weight)",
    "nn.init.kaiming_normal_(self.fc.weight, nonlinearity='relu')", "x = F.relu(self.fc(x))",
    "x = F.softmax(x, dim=0)", "x = x.view(x.size(0), -1)", "x = torch.flatten(x, 1)", "x = self.seq(x)",
    "x, y = batch", "x = self(x)", "return x", "return F.log_softmax(x, dim=1)", "return self.crit(x, y)",
    "return x, y", "return", "yield x", "raise ValueError", "pass", "break", "continue",
    "model = Net()", "model = Net(n=1).to('cpu')", "model = T()", "model = M()", "model = Net() if a else T()",
    "loss = nn.CrossEntropyLoss()(model(x), y)", "loss = F.binary_cross_entropy(logits, y)",
    "criterion = nn.BCEWithLogitsLoss()", "loss = criterion(torch.sigmoid(model(x)), y)",
    "for x, y in loader:", "for i in range(3):", "for i in range(n):", "while True:", "with torch.no_grad():",
    "try:", "except Exception as e:", "finally:", "else:", "elif n == 1:", "if n > 2:", "if __name__ == '__main__':",
    "model = keras.Sequential([keras.Input(shape=(4,)), L.Dense(1, activation='softmax')])",
    "model.add(L.Dense(n, activation=act))", "model.add(L.Activation('relu'))",
    "model.compile(loss='categorical_crossentropy', optimizer='adam')",
    "model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))", "model.fit(x, x)",
    "inputs = keras.Input(shape=(8,))", "out = L.Dense(3, activation='softmax')(inputs)",
    "model = keras.Model(inputs, out)", "loss = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=out)",
    "layers = []", "layers += [nn.Linear(8, 8), nn.Sigmoid()]", "layers = layers * 3", "del layers",
    "net = Wrapper(Net, criterion=nn.CrossEntropyLoss)", "f = lambda t: F.softmax(t, dim=-1)", "x = f(x)",
    "x = x[:, 0]", "x = x + self.fc(x)", "x = -x / 2 + 1e-9", "x = torch.log(x)", "x = torch.exp(x)",
    "global n", "nonlocal x", "x: int = 3", "n += 1", "x @= w", "print(x)", "assert x", "x = [i for i in range(4)]",
    "match x:", "case 1:", "case _:", "async def h(): await g()", "x = {**d, 'a': 1}", "x = getattr(nn, name)()",
]


@st.composite
def programs(draw):
    """Mostly valid Python: a block opens after every ':' line, others dedent at random."""
    lines, depth = [], 0
    for fragment in draw(st.lists(st.sampled_from(FRAGMENTS), max_size=40)):
        lines.append("    " * depth + fragment)
        depth = depth + 1 if fragment.endswith(":") else draw(st.integers(0, depth))
    if lines and lines[-1].endswith(":"):
        lines.append("    " * depth + "pass")
    return "\n".join(lines) + "\n"


def run(files: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
        report = check([folder], cwd=root)
        assert report.checked + len({path for path, _ in report.skipped}) >= 1


@SETTINGS
@given(text=st.text(max_size=400))
def test_any_text_as_python(monkeypatch, text):
    monkeypatch.setenv("ACTV_CHECK_DEBUG", "1")
    run({"any.py": text})


@SETTINGS
@given(main=programs(), model=programs())
def test_python_ish_programs_across_two_files(monkeypatch, main, model):
    monkeypatch.setenv("ACTV_CHECK_DEBUG", "1")
    run({"main.py": main, "model.py": model, "pkg/__init__.py": model})


def _json():
    return st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10)
                        | st.sampled_from(["Dense", "Sequential", "Functional", "softmax", "relu", "__keras_tensor__"]),
                        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                            st.sampled_from(["class_name", "config", "layers", "name", "inbound_nodes", "args",
                                             "keras_history", "output_layers", "units", "activation", "loss",
                                             "compile_config", "cells", "cell_type", "source"]), inner, max_size=5),
                        max_leaves=30)


@SETTINGS
@given(document=_json(), cells=st.lists(programs(), max_size=3))
def test_notebooks(monkeypatch, document, cells):
    monkeypatch.setenv("ACTV_CHECK_DEBUG", "1")
    notebook = {"cells": [{"cell_type": "code", "source": cell} for cell in cells], "metadata": {}}
    run({"a.ipynb": json.dumps(document), "b.ipynb": json.dumps(notebook)})


@SETTINGS
@given(config=_json())
def test_keras_archives(monkeypatch, config):
    monkeypatch.setenv("ACTV_CHECK_DEBUG", "1")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.keras"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("config.json", json.dumps(config))
        check([str(path)], cwd=Path(folder))
