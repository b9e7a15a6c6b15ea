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


def _textbook_adam(parameters, gradients, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    """The straightforward per-array formula, step after step (PyTorch's arrangement)."""
    parameters = [p.copy() for p in parameters]
    m = [np.zeros_like(p) for p in parameters]
    v = [np.zeros_like(p) for p in parameters]
    for t, grads in enumerate(gradients, start=1):
        for i, g in enumerate(grads):
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * (g * g)
            step_size = lr / (1 - beta1 ** t)
            parameters[i] = parameters[i] - step_size * m[i] / (np.sqrt(v[i]) / math.sqrt(1 - beta2 ** t) + eps)
    return parameters


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_adam_over_the_flat_buffer_is_the_textbook_update_to_the_last_bit(dtype):
    rng = np.random.default_rng(4)
    net = MLP([rng.normal(size=(3, 5)), rng.normal(size=(5, 2))], [rng.normal(size=5), rng.normal(size=2)],
              get("tanh"), dtype=dtype)
    start = [p.copy() for p in net.parameters]
    gradients = [[rng.normal(0, 10.0 ** rng.integers(-6, 3), p.shape).astype(dtype) for p in start]
                 for _ in range(7)]
    optimizer = Adam(net.flat, lr=0.01)
    for grads in gradients:
        optimizer.step(np.concatenate([g.ravel() for g in grads]))
    for ours, reference in zip(net.parameters, _textbook_adam(start, gradients)):
        assert ours.dtype == dtype
        np.testing.assert_array_equal(ours, reference)


def test_weights_and_biases_are_views_into_the_flat_buffer():
    net = MLP(initial_weights([2, 4, 1], ["he", "glorot"], seed=0), None, get("relu"))
    assert net.flat.size == 2 * 4 + 4 + 4 * 1 + 1
    assert all(np.shares_memory(p, net.flat) for p in net.parameters)
    net.flat[:] = np.arange(net.flat.size)
    np.testing.assert_array_equal(net.weights[0], [[0, 1, 2, 3], [4, 5, 6, 7]])
    np.testing.assert_array_equal(net.biases[0], [8, 9, 10, 11])
    np.testing.assert_array_equal(net.weights[1].ravel(), [12, 13, 14, 15])
    assert net.biases[1].tolist() == [16]


def test_the_flat_gradient_is_the_per_parameter_gradient_laid_out_flat():
    net, rng = _tiny_network("elu", 3, seed=2)
    x, labels = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    loss = LOSSES["softmax"]
    logits, cache = net.forward(x)
    grads = net.backward(cache, loss.gradient(logits, labels))
    flat = net.flat_gradient(cache, loss.gradient(logits, labels))
    first = flat.copy()
    np.testing.assert_array_equal(first, np.concatenate([g.ravel() for g in grads]))
    again = net.flat_gradient(cache, 2 * loss.gradient(logits, labels))  # reuses its buffer
    np.testing.assert_array_equal(again, 2 * first)
    np.testing.assert_array_equal(np.concatenate([g.ravel() for g in grads]), first)  # backward's is a copy


@pytest.mark.parametrize("name", ["relu", "tanh", "sigmoid", "gelu"])
def test_the_evaluation_in_chunks_gives_the_forward_pass_logits(name):
    net, rng = _tiny_network(name, 3)
    x = rng.normal(size=(23, 3))
    whole = net.forward(x)[0]
    for chunk in (1, 5, 23, 100):
        np.testing.assert_allclose(net.logits(x, chunk=chunk), whole, rtol=1e-14, atol=1e-15)


def test_a_float32_network_computes_in_float32_and_close_to_float64():
    weights = initial_weights([3, 8, 8, 2], ["glorot"] * 3, seed=1)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(10, 3))
    wide = MLP(weights, None, get("tanh"))
    narrow = MLP(weights, None, get("tanh"), dtype=np.float32)
    logits, _ = narrow.forward(x.astype(np.float32))
    assert logits.dtype == np.float32 and narrow.flat.dtype == np.float32
    np.testing.assert_allclose(logits, wide.forward(x)[0], rtol=1e-5, atol=1e-6)
    labels = rng.integers(0, 2, 10)
    grads32 = narrow.gradients(x.astype(np.float32), labels, LOSSES["softmax"])[1]
    grads64 = wide.gradients(x, labels, LOSSES["softmax"])[1]
    for g32, g64 in zip(grads32, grads64):
        assert g32.dtype == np.float32
        np.testing.assert_allclose(g32, g64, rtol=1e-4, atol=1e-6)
    with pytest.raises(ParameterError, match="float64 or float32, not float16"):
        MLP(weights, None, get("tanh"), dtype=np.float16)


def test_the_network_checks_parameters_once_and_uses_them():
    weights = initial_weights([2, 3, 1], ["he", "glorot"], seed=0)
    net = MLP(weights, None, get("leaky_relu"), {"negative_slope": "0.5"})
    x = np.array([[-1.0, -2.0]])
    z = x @ net.weights[0]
    expected = np.where(z > 0, z, 0.5 * z) @ net.weights[1]
    np.testing.assert_allclose(net.logits(x), expected, rtol=1e-15)
    with pytest.raises(ParameterError, match="negative_slope"):
        MLP(weights, None, get("leaky_relu"), {"negative_slope": "steep"})


def test_no_underflow_reaches_numpy_even_when_the_user_makes_it_an_error():
    # sigmoid and its derivative at -800 underflow (the kernels alone raise here); the network
    # silences that once per pass
    weights = [np.full((1, 2), 800.0), np.ones((2, 1))]
    net = MLP(weights, None, get("sigmoid"))
    x = np.array([[-1.0], [1.0]])
    with np.errstate(under="raise"):
        logits, cache = net.forward(x)
        net.flat_gradient(cache, np.ones((2, 1)))
        net.logits(x)
    assert logits[0, 0] == 0.0 and logits[1, 0] == 2.0
    with pytest.raises(FloatingPointError), np.errstate(under="raise"):
        net._f(cache[0][1])  # the bare kernel, to show that the test exercises an underflow
