"""The pitfalls: mistakes that ``actv recommend`` warns about and ``actv check`` finds.

Each is one sentence with its source, written once: recommend lists it among a rule's
warnings, check's rules quote it as the reason a finding is a mistake (``actv check
--explain``), so the two tell the same story.
"""
from __future__ import annotations

from typing import NamedTuple


class Note(NamedTuple):
    """One sentence with its source; ``framework`` is None when it applies to every framework."""

    text: str
    source: str
    framework: str | None = None


SOFTMAX_INTO_CROSS_ENTROPY = Note(
    "Do not put softmax before CrossEntropyLoss: it applies log_softmax itself, and a double softmax "
    "trains badly.", "ariecattan/SciCo#2; bowang-lab/Transformer-GCN-QA PR #32", "pytorch")
SOFTMAX_FROM_LOGITS = Note(
    "A softmax output with from_logits=True applies softmax twice; use from_logits=True only with a "
    "linear output.", "keras-team/keras#6143", "keras")
SIGMOID_FROM_LOGITS = Note(
    "from_logits=True only when the output layer has no activation; a sigmoid output with "
    "from_logits=True applies the sigmoid twice.",
    "keras/src/losses/losses.py (BinaryCrossentropy: from_logits=True takes y_pred as logits, by default "
    "as probabilities)", "keras")
BCE_WITH_LOGITS = Note(
    "Use BCEWithLogitsLoss on the raw logit, not sigmoid + BCELoss: BCELoss clamps the log at −100 "
    "and loses precision.", "pytorch/pytorch#751; torch.nn.BCELoss docs (log clamped at −100)", "pytorch")
ONE_UNIT_SOFTMAX = Note(
    "A one-unit softmax always outputs 1 (Keras warns: \"Did you mean to use a sigmoid instead?\"): "
    "give it one unit per class.", "keras/src/ops/nn.py (softmax)")
SOFTMAX_FOR_MULTILABEL = Note(
    "Never softmax for multilabel: it makes the labels compete (they must sum to 1); use a sigmoid "
    "per unit with binary_crossentropy.", "keras-team/keras#741; keras-team/keras#761")
ACTIVATION_ON_REGRESSION = Note(
    "Put no activation on a regression output: relu or sigmoid there clips the predictions.",
    "ai.stackexchange.com/questions/26760")
VANISHING_GRADIENTS = Note(
    "sigmoid and tanh saturate: in deep stacks their gradients vanish and training stalls; keep "
    "recurrent nets shallow or use gated cells (LSTM, GRU).",
    "tutorial: «Cómo elegir una función de activación de capa oculta»; Deep Learning, 2016, p. 195")
SELU_LECUN = Note(
    "In PyTorch initialize with kaiming_normal_(nonlinearity='linear') (LeCun normal), not "
    "calculate_gain('selu') = 3/4.", "torch/nn/init.py calculate_gain", "pytorch")
