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
