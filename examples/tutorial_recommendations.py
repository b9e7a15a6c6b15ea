"""The tutorial's decision charts, answered by actv's Python API.

    python examples/tutorial_recommendations.py

Walks the three hidden-layer cases (MLP, CNN, RNN) and the four output-layer cases
(regression, binary, multiclass, multilabel) through ``activation_cli.recommend`` and
prints what the tutorial prints (its softmax example is examples/tutorial_softmax.py).
"""
from activation_cli import recommend

HIDDEN_CASES = [
    ("Multilayer Perceptron (MLP)", "mlp"),
    ("Convolutional Neural Network (CNN)", "cnn"),
    ("Recurrent Neural Network (RNN)", "rnn"),
]
OUTPUT_CASES = [
    ("Regression", "regression"),
    ("Binary Classification", "binary"),
    ("Multiclass Classification", "multiclass"),
    ("Multilabel Classification", "multilabel"),
]


def nodes(units) -> str:
    return "One node" if units == 1 else "One node " + str(units).removeprefix("one ")


print("Hidden layers")
for label, architecture in HIDDEN_CASES:
    hidden = recommend("regression", architecture).hidden
    if hidden.roles:
        activation = " and ".join(f"{name} ({role})" for role, name in hidden.roles.items())
    else:
        activation = hidden.activation
    print(f"- {label}: {activation} activation function.")
    print(f"    initializer: {hidden.initializer}; inputs scaled to {hidden.input_scaling}")

print()
print("Output layer")
for label, task in OUTPUT_CASES:
    output = recommend(task).output
    print(f"- {label}: {nodes(output.units)}, {output.activation} activation.")
    print(f"    targets: {output.targets}; to a prediction: {output.decode}")
