"""The numpy MLP: backprop against central finite differences for every element-wise
catalog activation, the losses against naive references, Adam, the initializers."""
import math

import numpy as np
import pytest

from activation_cli.catalog import CATALOG, get
from activation_cli.errors import ParameterError, UnknownName
from activation_cli.compare.network import (LOSSES, MLP, Adam, binary_cross_entropy, categorical_cross_entropy,
                                    hidden_activation, initial_weights, initializer, log_softmax, loss_for,
                                    mean_squared_error)


def _skip_reason(entry):
    """Why an entry cannot be gradient-checked in a hidden layer, or None."""
    if entry.vector:
        return "vector function: not an element-wise hidden-layer activation"
    if any(p.required for p in entry.params):
        return "needs parameters no framework gives a default (e.g. threshold)"
    grid = np.linspace(-5, 5, 1001)
    if not np.any(entry.derivative(grid)):
        return "derivative zero almost everywhere: backpropagation carries no signal"
    return None


HIDDEN = [name for name, entry in CATALOG.items() if _skip_reason(entry) is None]
SKIPPED = {name: _skip_reason(entry) for name, entry in CATALOG.items() if _skip_reason(entry)}


def test_the_skip_list_is_only_vector_or_parameter_bound_functions():
    assert {"relu", "tanh", "sigmoid", "linear"} <= set(HIDDEN)
    assert SKIPPED.get("softmax", "").startswith("vector function")
    for name, reason in SKIPPED.items():
        assert CATALOG[name].vector or "parameters" in reason or "zero almost everywhere" in reason


def _tiny_network(name, outputs, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [3, 5, 4, outputs]
    # weights of sd 0.5 keep even exp(exp(·)) moderate, so rounding stays below the tolerance
    weights = [rng.normal(0, 0.5, (a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(0, 0.3, b) for b in sizes[1:]]
    return MLP(weights, biases, get(name)), rng


def _targets(output, rng, rows, units):
    if output == "softmax":
        return rng.integers(0, units, rows)
    if output == "sigmoid":
        return (rng.uniform(size=(rows, units)) < 0.5).astype(np.float64)
    return rng.normal(size=(rows, units))


def _finite_difference_check(net, x, y, loss, h=1e-6):
    _, grads = net.gradients(x, y, loss)
    worst = 0.0
    for param, grad in zip(net.parameters, grads):
        for index in np.ndindex(param.shape):
            saved = param[index]
            param[index] = saved + h
            up = loss.value(net.logits(x), y)
            param[index] = saved - h
            down = loss.value(net.logits(x), y)
            param[index] = saved
            numeric = (up - down) / (2 * h)
            worst = max(worst, abs(numeric - grad[index]) / max(1e-3, abs(numeric) + abs(grad[index])))
    return worst


@pytest.mark.parametrize("output", list(LOSSES))
@pytest.mark.parametrize("name", HIDDEN)
def test_backprop_matches_finite_differences(name, output):
    net, rng = _tiny_network(name, 3)
    x = rng.normal(size=(6, 3))
    assert _finite_difference_check(net, x, _targets(output, rng, 6, 3), LOSSES[output]) < 1e-6


@pytest.mark.parametrize("output", list(LOSSES))
def test_every_loss_gradient_matches_finite_differences(output):
    net, rng = _tiny_network("tanh", 2, seed=1)
    x = rng.normal(size=(5, 3))
    assert _finite_difference_check(net, x, _targets(output, rng, 5, 2), LOSSES[output]) < 1e-7


def test_losses_from_logits_equal_the_naive_forms_where_those_are_safe():
    rng = np.random.default_rng(3)
    z = rng.normal(0, 3, (8, 4))
    y = (rng.uniform(size=(8, 4)) < 0.5).astype(float)
    p = 1 / (1 + np.exp(-z))
    assert binary_cross_entropy(z, y) == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)),
                                                       rel=1e-13)
    labels = rng.integers(0, 4, 8)
    softmax = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert categorical_cross_entropy(z, labels) == pytest.approx(
        -np.mean(np.log(softmax[np.arange(8), labels])), rel=1e-13)
    assert mean_squared_error(z, y) == pytest.approx(np.mean((z - y) ** 2), rel=1e-15)


def test_losses_do_not_overflow_at_extreme_logits():
    z = np.array([[800.0], [-800.0]])
    # a sure but wrong prediction costs |z|; a sure right one costs exp(-800) (underflows to 0)
    assert binary_cross_entropy(z, np.array([[0.0], [1.0]])) == 800.0
    assert binary_cross_entropy(z, np.array([[1.0], [0.0]])) == 0.0
    logits = np.array([[1000.0, 0.0, -1000.0]])
    assert log_softmax(logits)[0, 0] == 0.0 and log_softmax(logits)[0, 2] == -2000.0
    assert categorical_cross_entropy(logits, np.array([1])) == 1000.0


def test_loss_follows_the_output_activation():
    assert loss_for("sigmoid").name == "binary cross-entropy"
    assert loss_for("logistic").pytorch == "nn.BCEWithLogitsLoss()"
    assert loss_for("softmax").name == "categorical cross-entropy"
    assert loss_for("identity").name == "mean squared error"
    with pytest.raises(ParameterError, match="^actv compare has no loss for a tanh output layer"):
        loss_for("tanh")


def test_vector_functions_are_refused_as_hidden_activations():
    with pytest.raises(ParameterError) as error:
        hidden_activation("softmax")
    assert str(error.value) == ("softmax is a vector function, not an element-wise hidden-layer activation; "
                                "actv compare picks the output layer from the task")


def test_adam_first_step_moves_each_parameter_by_lr_against_its_gradient_sign():
    p = np.array([1.0, -2.0, 3.0])
    Adam([p], lr=0.1).step([np.array([0.5, -4.0, 1e-3])])
    g = np.array([0.5, -4.0, 1e-3])  # m̂ / (√v̂ + ε) = g / (|g| + ε)
    np.testing.assert_allclose(p, [1.0, -2.0, 3.0] - 0.1 * g / (np.abs(g) + 1e-8), rtol=1e-15)


def test_adam_matches_the_textbook_update_over_several_steps():
    rng = np.random.default_rng(0)
    p = rng.normal(size=4)
    reference, m, v = p.copy(), np.zeros(4), np.zeros(4)
    optimizer = Adam([p], lr=0.01)
    for t in range(1, 6):
        g = rng.normal(size=4)
        optimizer.step([g])
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        reference -= 0.01 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    np.testing.assert_allclose(p, reference, rtol=1e-12)


def test_initializers_scale_the_same_draws():
    sizes = [2, 32, 32, 1]
    he = initial_weights(sizes, ["he", "he", "glorot"], seed=5)
    glorot = initial_weights(sizes, ["glorot", "glorot", "glorot"], seed=5)
    lecun = initial_weights(sizes, ["lecun", "lecun", "glorot"], seed=5)
    np.testing.assert_allclose(he[0] / glorot[0], math.sqrt(2 / 2) / math.sqrt(2 / 34))
    np.testing.assert_allclose(he[1] / lecun[1], math.sqrt(2))
    np.testing.assert_array_equal(he[2], glorot[2])
    assert not np.array_equal(he[0], initial_weights(sizes, ["he"] * 3, seed=6)[0])


def test_he_normal_has_the_standard_deviation_it_claims():
    w = initial_weights([400, 400], ["he"], seed=0)[0]
    assert w.std() == pytest.approx(math.sqrt(2 / 400), rel=0.01)  # 160000 draws: sd of sd ≈ 0.18%


def test_initializer_names_and_aliases():
    assert initializer("Kaiming") == "he" and initializer("xavier") == "glorot" and initializer("lecun") == "lecun"
    with pytest.raises(UnknownName, match="^unknown initializer 'hee'. Did you mean 'he'\\?$"):
        initializer("hee")
