"""The tutorial's four plots, through actv's Python API: relu, sigmoid, tanh and linear on
the inputs of ``range(-10, 10)`` (the integers -10..9), one PNG each.

    python examples/tutorial_plots.py [DIRECTORY]     (default: a new temporary directory)

The tutorial draws them with pyplot and shows a window; here each figure is built with
``activation_cli.plot`` (no pyplot, no display) and the paths written are printed.
"""
from __future__ import annotations

import os
import sys
import tempfile

from activation_cli import plot

TUTORIAL_INPUTS = range(-10, 10)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = args[0] if args else tempfile.mkdtemp(prefix="actv-tutorial-")
    os.makedirs(directory, exist_ok=True)
    for name in ("relu", "sigmoid", "tanh", "linear"):
        figure = plot.functions_figure(
            [name],
            x_range=(TUTORIAL_INPUTS[0], TUTORIAL_INPUTS[-1]),
            points=len(TUTORIAL_INPUTS),  # the tutorial's 20 integer inputs, joined by lines
            title=f"{name} on range(-10, 10), as in the tutorial",
        )
        print(plot.save(figure, os.path.join(directory, f"{name}.png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
