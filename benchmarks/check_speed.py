"""Speed of `actv check` on a generated project, as a ratio to parsing its files with `ast` alone.

    python benchmarks/check_speed.py [--files 100] [--runs 11] [--path FOLDER]

The tree is generated (seeded): PyTorch models (MLPs, CNNs, attention blocks, with init
loops), Keras builders (Sequential and functional), training scripts that import the
models and train them (plain loops, Lightning modules, Keras fit), and plain utility
modules; a few of them carry the mistakes actv check finds. Both sides are whole
processes, run interleaved N times: `python -c <parse every .py with ast>` and `actv check
FOLDER --exit-zero --format json`. The target (issue 8): at most 4x the parse, and a
100-file project well under 2 s. --path measures a folder of your own as well.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
ACTV = shutil.which("actv", path=os.path.dirname(PY)) or shutil.which("actv")
PARSE = ("import ast, sys, pathlib\n"
         "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.py')):\n"
         "    ast.parse(p.read_bytes())\n")
TARGET_RATIO, TARGET_SECONDS = 4.0, 2.0

TORCH_MODEL = '''\
"""{name}: a {kind} for {classes} classes."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class {name}(nn.Module):
    def __init__(self, in_features={features}, hidden={hidden}, num_classes={classes}, dropout=0.{drop}):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, {channels}, 3, padding=1), nn.BatchNorm2d({channels}), nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d({channels}, {channels2}, 3, padding=1), nn.BatchNorm2d({channels2}), nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(1),
        )
        self.layers = nn.ModuleList([nn.Linear({channels2} if i == 0 else hidden, hidden) for i in range({depth})])
        self.norms = nn.ModuleList([nn.LayerNorm(hidden) for _ in range({depth})])
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, num_classes)
        self._init_weights()

    def _init_weights(self):
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.Linear):
                nn.init.{init}(m.weight)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def features(self, x):
        x = self.stem(x)
        x = torch.flatten(x, 1)
        for layer, norm in zip(self.layers, self.norms):
            x = self.dropout(F.{act}(norm(layer(x))))
        return x

    def forward(self, x):
        logits = self.head(self.features(x))
        {ret}

    @torch.no_grad()
    def predict(self, x):
        return F.softmax(self.forward(x), dim=-1).argmax(dim=-1)


class {name}Attention(nn.Module):
    def __init__(self, dim={hidden}, heads=4):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        attn = (q @ k.transpose(-2, -1)) * self.scale
        attn = attn.softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(out)


def count_parameters(model):
    return sum(math.prod(p.shape) for p in model.parameters() if p.requires_grad)
'''

KERAS_MODEL = '''\
"""Keras builders for the {name} experiments."""
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


def build_{lower}(num_classes={classes}, hidden={hidden}, depth={depth}):
    model = keras.Sequential([keras.Input(shape=({features},))])
    for _ in range(depth):
        model.add(layers.Dense(hidden, activation="{kact}", kernel_initializer="{kinit}"))
        model.add(layers.Dropout(0.{drop}))
    model.add(layers.Dense(num_classes{kout}))
    model.compile(optimizer=keras.optimizers.Adam(1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits={logits}),
                  metrics=["accuracy"])
    return model


def build_{lower}_functional(num_classes={classes}):
    inputs = keras.Input(shape=(32, 32, 3))
    x = layers.Conv2D({channels}, 3, padding="same", activation="relu", kernel_initializer="he_normal")(inputs)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D({channels2}, 3, padding="same", activation="relu", kernel_initializer="he_normal")(x)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    model = keras.Model(inputs, outputs, name="{lower}")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
'''

TRAIN = '''\
"""Train {name} on {dataset}."""
import argparse
import logging
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from models.{module} import {name}
from utils.{util} import AverageMeter, accuracy, set_seed

log = logging.getLogger(__name__)


def train_one_epoch(model, loader, criterion, optimizer, device):
    model.train()
    meter = AverageMeter()
    for step, (images, targets) in enumerate(loader):
        images, targets = images.to(device), targets.to(device)
        optimizer.zero_grad()
        output = model(images)
        loss = criterion({pred}, targets)
        loss.backward()
        optimizer.step()
        meter.update(loss.item(), images.size(0))
        if step % 50 == 0:
            log.info("step %d loss %.4f", step, meter.avg)
    return meter.avg


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    for images, targets in loader:
        probs = F.softmax(model(images.to(device)), dim=1)
        correct += (probs.argmax(1) == targets.to(device)).sum().item()
        total += targets.numel()
    return correct / max(total, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default={epochs})
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    set_seed(0)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = TensorDataset(torch.randn(512, 3, 32, 32), torch.randint(0, {classes}, (512,)))
    train_loader = DataLoader(data, batch_size=args.batch_size, shuffle=True)
    val_loader = DataLoader(data, batch_size=args.batch_size)
    model = {name}().to(device)
    criterion = nn.{loss}()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    for epoch in range(args.epochs):
        loss = train_one_epoch(model, train_loader, criterion, optimizer, device)
        acc = evaluate(model, val_loader, device)
        log.info("epoch %d loss %.4f acc %.3f", epoch, loss, acc)
    os.makedirs("checkpoints", exist_ok=True)
    torch.save(model.state_dict(), os.path.join("checkpoints", "{module}.pt"))


if __name__ == "__main__":
    main()
'''

LIGHTNING = '''\
"""A Lightning wrapper around {name}."""
import pytorch_lightning as pl
import torch
import torch.nn as nn

from models.{module} import {name}


class Lit{name}(pl.LightningModule):
    def __init__(self, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.model = {name}()
        self.criterion = nn.CrossEntropyLoss()

    def forward(self, x):
        return self.model(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = self.criterion(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val_loss", self.criterion({valpred}, y))
        self.log("val_acc", (logits.argmax(1) == y).float().mean())

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
'''

UTIL = '''\
"""Helpers: meters, seeding, metrics and small I/O for the experiments."""
import json
import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field


def set_seed(seed):
    random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)


class AverageMeter:
    def __init__(self):
        self.reset()

    def reset(self):
        self.val = self.avg = self.sum = 0.0
        self.count = 0

    def update(self, val, n=1):
        self.val = val
        self.sum += val * n
        self.count += n
        self.avg = self.sum / max(self.count, 1)


def accuracy(predictions, targets, topk=(1,)):
    results = []
    for k in topk:
        hits = sum(1 for p, t in zip(predictions, targets) if t in p[:k])
        results.append(hits / max(len(targets), 1))
    return results


@dataclass
class Timer:
    started: float = field(default_factory=time.perf_counter)
    laps: dict = field(default_factory=lambda: defaultdict(list))

    def lap(self, name):
        now = time.perf_counter()
        self.laps[name].append(now - self.started)
        self.started = now


def save_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)
    os.replace(tmp, path)


def load_json(path, default=None):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return default


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def parse_schedule(text):
    schedule = {{}}
    for part in text.split(","):
        if not part.strip():
            continue
        epoch, _, value = part.partition(":")
        schedule[int(epoch)] = float(value)
    return schedule


def format_table(rows, columns):
    widths = [max(len(str(c)), *(len(str(r[i])) for r in rows)) for i, c in enumerate(columns)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(columns, widths))]
    for row in rows:
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths)))
    return "\\n".join(lines)
'''


def generate(root: Path, files: int, seed: int = 0) -> int:
    """Write a project of ``files`` Python files under ``root``; returns the number written."""
    rng = random.Random(seed)
    (root / "models").mkdir(parents=True)
    (root / "utils").mkdir()
    (root / "scripts").mkdir()
    for folder in ("models", "utils"):
        (root / folder / "__init__.py").write_text("")
    written = 2
    groups = max(1, -(-(files - 2) // 5))
    for i in range(groups):
        name, module, util = f"Net{i}", f"net{i}", f"helpers{i}"
        params = dict(name=name, lower=module, module=module, util=util, kind=rng.choice(["CNN", "MLP", "hybrid"]),
                      classes=rng.choice([2, 10, 100]), features=rng.choice([20, 64, 784]),
                      hidden=rng.choice([64, 128, 256]), drop=rng.randint(1, 5), channels=rng.choice([16, 32]),
                      channels2=rng.choice([64, 128]), depth=rng.randint(1, 6), epochs=rng.randint(5, 50),
                      dataset=rng.choice(["CIFAR-10", "MNIST", "a CSV file"]),
                      act=rng.choice(["relu", "gelu", "silu"]), init=rng.choice(["xavier_uniform_", "kaiming_normal_"]),
                      kact=rng.choice(["relu", "tanh", "selu"]), kinit=rng.choice(["he_normal", "glorot_uniform"]),
                      logits=rng.choice(["True", "False"]), kout=rng.choice(["", ', activation="softmax"']),
                      ret=rng.choice(["return logits", "return logits if self.training else F.softmax(logits, dim=1)",
                                      "return F.log_softmax(logits, dim=1)"]),
                      pred=rng.choice(["output", "output", "F.softmax(output, dim=1)"]),
                      loss=rng.choice(["CrossEntropyLoss", "CrossEntropyLoss", "NLLLoss"]),
                      valpred=rng.choice(["logits", "logits", "torch.softmax(logits, dim=1)"]))
        for path, template in ((f"models/{module}.py", TORCH_MODEL), (f"models/keras_{module}.py", KERAS_MODEL),
                               (f"scripts/train_{module}.py", TRAIN), (f"scripts/lit_{module}.py", LIGHTNING),
                               (f"utils/{util}.py", UTIL)):
            (root / path).write_text(template.format(**params), encoding="utf-8")
            written += 1
    return written


# Bytecode cached, as after `pip install` (this machine sets PYTHONDONTWRITEBYTECODE, which would make
# every run of either side compile its modules first).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def wall(command, cwd=None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(folder: Path, runs: int) -> tuple[float, float]:
    parse, check = [PY, "-c", PARSE, str(folder)], [ACTV, "check", str(folder), "--exit-zero", "--format", "json"]
    wall(parse), wall(check)  # warm the file cache and write the bytecode
    ours, theirs = [], []
    for _ in range(runs):
        theirs.append(wall(parse))
        ours.append(wall(check))
    return statistics.median(ours), statistics.median(theirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--path", help="also measure this folder")
    args = parser.parse_args()
    failed = 0
    print(f"{'tree':<34} {'files':>5} {'lines':>7} {'ast.parse':>10} {'actv check':>11} {'ratio':>6}  target")
    with tempfile.TemporaryDirectory() as scratch:
        trees = []
        for files in dict.fromkeys((args.files, args.files * 5)):
            root = Path(scratch) / f"project{files}"
            generate(root, files)
            trees.append(("generated, seed 0", root))
        if args.path:
            trees.append((args.path, Path(args.path)))
        for label, root in trees:
            sources = list(root.rglob("*.py"))
            lines = sum(p.read_bytes().count(b"\n") for p in sources)
            ours, theirs = measure(root, args.runs)
            ratio = ours / theirs
            target = ""
            if label.startswith("generated"):
                ok = ratio <= TARGET_RATIO and (len(sources) > args.files or ours < TARGET_SECONDS)
                failed += not ok
                target = f"<= {TARGET_RATIO:g}x{f', < {TARGET_SECONDS:g} s' if len(sources) <= args.files else ''} " \
                         f"{'ok' if ok else 'MISSED'}"
            print(f"{label[-34:]:<34} {len(sources):>5} {lines:>7} {theirs * 1e3:>8.0f}ms {ours * 1e3:>9.0f}ms "
                  f"{ratio:>5.2f}x  {target}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
