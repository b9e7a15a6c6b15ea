"""The examples in examples/ run and print what they promise."""
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(script, *args):
    return subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True,
                          check=True).stdout


def test_tutorial_softmax_prints_the_tutorials_numbers():
    assert run("tutorial_softmax.py") == (
        "[0.09003057 0.66524096 0.24472847]\n"
        "1.0\n"
        "naive: [nan nan nan]\n"
        "actv:  [0.09003057 0.66524096 0.24472847]\n"
    )


def test_compare_activations_shows_the_vanishing_gradient_of_deep_sigmoid():
    lines = run("compare_activations.py", "--epochs", "3", "--depth", "6").splitlines()
    assert lines[0] == "spirals, 3 classes: 2 hidden layers of 32, 3 epochs, 3 seeds"
    assert [line.split()[0] for line in lines[1:4]] == ["relu", "tanh", "sigmoid"]
    assert lines[4] == "moons, 6 hidden layers: gradient norm reaching each layer before training"
    ratios = {line.split()[0]: float(line.split("ratio ")[1].split(")")[0]) for line in lines[5:7]}
    assert ratios["sigmoid"] < 1e-3 < 1e-1 < ratios["relu"]
