"""The tutorial's advice for hidden layers, as a script: "if unsure which activation to
use, try a few and compare the results" — through actv's Python API.

1. relu, tanh and sigmoid on the spirals dataset (three classes), everything else equal,
   each trained with 3 seeds (mean accuracy over the seeds, and the verdict).
2. The vanishing gradient: sigmoid against relu in a deep network (10 hidden layers).
   The gradient of the loss that reaches each layer before training shrinks layer by
   layer through sigmoid (σ' ≤ 1/4), not through relu.

    python examples/compare_activations.py [--epochs 100]
"""
import argparse

from activation_cli import compare
from activation_cli.compare.comparison import Settings

parser = argparse.ArgumentParser(description="Compare relu, tanh and sigmoid.")
parser.add_argument("--epochs", type=int, default=100)
parser.add_argument("--depth", type=int, default=10)
args = parser.parse_args()

result = compare(["relu", "tanh", "sigmoid"], "spirals", Settings(epochs=args.epochs, seeds=3))
print(f"spirals, {result.dataset.classes} classes: 2 hidden layers of 32, {args.epochs} epochs, 3 seeds")
for row in result.rows:
    reach = "never" if row.epochs_to_90 is None else f"epoch {row.epochs_to_90:.0f}"
    print(f"  {row.activation:<8} validation accuracy {row.mean('val_accuracy'):.1%} ± {row.sd('val_accuracy'):.1%}, "
          f"90% of the best: {reach}  {row.verdict}".rstrip())

deep = compare(["sigmoid", "relu"], "moons", Settings(layers=args.depth, epochs=args.epochs, seeds=1))
print(f"moons, {args.depth} hidden layers: gradient norm reaching each layer before training")
for row in deep.rows:
    run = row.runs[0]
    last, first = run.gradient_norms[-2], run.gradient_norms[0]
    print(f"  {run.activation:<8} last hidden {last:.1e} -> first {first:.1e} (ratio {first / last:.1e}), "
          f"validation accuracy {run.final('val_accuracy'):.1%}")
