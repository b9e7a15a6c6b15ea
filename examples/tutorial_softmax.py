"""The tutorial's softmax example, through actv's Python API.

The tutorial computes softmax([1, 3, 2]) with exp(x) / exp(x).sum() and prints the
probabilities and their sum. actv's softmax subtracts the maximum first, so it also
works where the naive form overflows (exp(1000) = inf):

    python examples/tutorial_softmax.py
"""
import numpy as np

from activation_cli import get

softmax = get("softmax")

outputs = softmax([1.0, 3.0, 2.0])
print(outputs)                      # [0.09003057 0.66524096 0.24472847]
print(round(float(outputs.sum()), 8))  # 1.0

# Where the tutorial's form fails: large scores.
scores = np.array([1000.0, 1002.0, 1001.0])
with np.errstate(all="ignore"):
    naive = np.exp(scores) / np.exp(scores).sum()
print("naive:", naive)              # [nan nan nan]
print("actv: ", softmax(scores))    # [0.09003057 0.66524096 0.24472847]
