"""Start-up time of whole `actv` processes, as ratios to a baseline measured in the same run.

    python benchmarks/startup.py [--runs N]

Each case runs N times (interleaved with its baseline, to share the machine's noise);
the ratio is median(case) / median(baseline). Also lists the heavy modules each
command imports (python -X importtime), since start-up is mostly imports.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PY = sys.executable
ACTV = shutil.which("actv", path=os.path.dirname(PY)) or shutil.which("actv")
HEAVY = ("numpy", "rich", "matplotlib", "matplotlib.pyplot", "scipy")

# The tutorial's own plotting script (tanh on range(-10, 10)); it ends in pyplot.show(), which
# under MPLBACKEND=Agg (set for both sides) is a no-op, so it saves the figure instead.
TUTORIAL_TANH = """\
from math import exp
from matplotlib import pyplot


def tanh(x):
    return (exp(x) - exp(-x)) / (exp(x) + exp(-x))


inputs = [x for x in range(-10, 10)]
outputs = [tanh(x) for x in inputs]
pyplot.plot(inputs, outputs)
pyplot.savefig('y.png')
"""
TUTORIAL_SCRIPT = os.path.join(tempfile.gettempdir(), f"actv_tutorial_tanh_{os.getpid()}.py")

# (label, command, baseline label, baseline command, target ratio)
CASES = [
    ("actv eval softmax 1 3 2", [ACTV, "eval", "softmax", "1", "3", "2"],
     "python -c 'import numpy'", [PY, "-c", "import numpy"], 1.3),
    ("actv --help", [ACTV, "--help"],
     "python -c 'import click'", [PY, "-c", "import click"], 1.3),
    ("actv recommend --task multiclass --format json",
     [ACTV, "recommend", "--task", "multiclass", "--format", "json"],
     "python -c 'import click'", [PY, "-c", "import click"], 1.5),
    ("actv plot tanh -o x.png", [ACTV, "plot", "tanh", "-o", "x.png"],
     "the tutorial's pyplot tanh script", [PY, TUTORIAL_SCRIPT], 1.0),
]


# Bytecode cached, as after `pip install` (as in check_speed.py: this machine sets
# PYTHONDONTWRITEBYTECODE, which would make every run compile actv's modules first).
ENV = {**{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
       "MPLBACKEND": "Agg"}


def wall(command, cwd) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start


def imported_heavy(args, cwd) -> list[str]:
    """Heavy top-level modules a command imports (module entry point, same process)."""
    code = "import sys; from activation_cli.cli import main; sys.argv = ['actv'] + sys.argv[1:]; main()"
    run = subprocess.run([PY, "-X", "importtime", "-c", code, *args], capture_output=True, text=True,
                         env=ENV, cwd=cwd)
    seen = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    return [module for module in HEAVY if module in seen]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    failed = 0
    with open(TUTORIAL_SCRIPT, "w") as script:
        script.write(TUTORIAL_TANH)
    with tempfile.TemporaryDirectory() as cwd:
        print(f"{'command':<48} {'median':>8} {'baseline':>34} {'median':>8} {'ratio':>6} target")
        for label, command, base_label, baseline, target in CASES:
            wall(command, cwd), wall(baseline, cwd)  # warm the file cache
            ours, theirs = [], []
            for _ in range(runs):
                ours.append(wall(command, cwd))
                theirs.append(wall(baseline, cwd))
            ratio = statistics.median(ours) / statistics.median(theirs)
            ok = ratio <= target
            failed += not ok
            print(f"{label:<48} {statistics.median(ours) * 1e3:7.1f}ms {base_label:>34} "
                  f"{statistics.median(theirs) * 1e3:7.1f}ms {ratio:6.2f} <= {target} {'ok' if ok else 'MISSED'}")
        print()
        for label, command, *_ in CASES:
            print(f"{label:<48} imports: {', '.join(imported_heavy(command[1:], cwd)) or 'none of ' + ', '.join(HEAVY)}")
    os.unlink(TUTORIAL_SCRIPT)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
