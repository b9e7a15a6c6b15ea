"""The piecewise family: values against mpmath over the whole finite range, kinks, special
values, parameters, derivatives and their kink conventions."""
import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activation_cli import ParameterError, get
from references.piecewise import DERIVATIVES, REFERENCES
from ulp import ulp_error

# (name, params, kinks): non-default parameters too; the kinks are sampled on both sides.
CASES = [
    ("linear", {}, [0]),
    ("relu", {}, [0]),
    ("leaky_relu", {}, [0]),
    ("leaky_relu", {"negative_slope": 0.2}, [0]),
    ("leaky_relu", {"negative_slope": 0.0}, [0]),
    ("leaky_relu", {"negative_slope": 3.0}, [0]),
    ("prelu", {}, [0]),
    ("prelu", {"slope": -0.5}, [0]),
    ("rrelu", {}, [0]),
    ("rrelu", {"lower": 0.1, "upper": 0.1}, [0]),
    ("relu6", {}, [0, 6]),
    ("hard_sigmoid", {}, [-3, 3]),
    ("sparse_sigmoid", {}, [-1, 1]),
    ("hard_tanh", {}, [-1, 1]),
    ("hard_tanh", {"min_val": -0.25, "max_val": 2.5}, [-0.25, 2.5]),
    ("hard_silu", {}, [-3, -1.5, 3]),
    ("hard_shrink", {}, [-0.5, 0.5]),
    ("hard_shrink", {"threshold": 2.0}, [-2, 2]),
    ("soft_shrink", {}, [-0.5, 0.5]),
    ("soft_shrink", {"threshold": 0.0}, [0]),
    ("soft_shrink", {"threshold": 1.75}, [-1.75, 1.75]),
    ("threshold", {"threshold": 0.5, "value": -1.0}, [0.5]),
    ("threshold", {"threshold": -2.0, "value": 7.0}, [-2]),
    ("sparse_plus", {}, [-1, 1]),
    # parameters float32 cannot hold: the comparison is the mathematical one (issue 10.4)
    ("hard_tanh", {"min_val": 0.3, "max_val": 0.7}, [0.3, 0.7]),
    ("hard_tanh", {"min_val": -1e-50, "max_val": 1e-50}, [-1e-50, 0, 1e-50]),
    ("hard_shrink", {"threshold": 0.1}, [-0.1, 0.1]),
    ("hard_shrink", {"threshold": 1e-50}, [-1e-50, 0, 1e-50]),
    ("soft_shrink", {"threshold": 0.1}, [-0.1, 0.1]),
    ("soft_shrink", {"threshold": 0.7}, [-0.7, 0.7]),
    ("threshold", {"threshold": 0.1, "value": 5.0}, [0.1]),
    ("threshold", {"threshold": -1e-50, "value": 5.0}, [-1e-50, 0]),
    ("threshold", {"threshold": 1e300, "value": -1.0}, [1e300]),
]
IDS = [f"{name}{params or ''}" for name, params, _ in CASES]


def sample(dtype, kinks):
    """The whole finite range: a grid around 0, powers up to ±max, subnormals, and each kink
    with its neighbours on both sides."""
    info = np.finfo(dtype)
    top = np.log10(float(info.max)) - 1e-9
    with np.errstate(under="ignore"):  # the subnormal samples are meant
        powers = np.logspace(np.log10(float(info.smallest_subnormal)) + 0.5, top, 60).astype(dtype)
    special = np.array([info.max, info.tiny, info.smallest_subnormal, 3 * info.smallest_subnormal, 0.0],
                       dtype=dtype)
    grid = np.linspace(-8, 8, 97).astype(dtype)
    xs = np.concatenate([grid, powers, -powers, special, -special])
    # the neighbours of 0 are subnormal; a kink beyond float32 (1e300) rounds to inf, 1e-50 to 0
    with np.errstate(under="ignore", over="ignore"):
        near = [np.nextafter(dtype(k), dtype(side)) for k in kinks for side in (-np.inf, np.inf)]
        return np.concatenate([xs, np.array(kinks, dtype=dtype), np.array(near, dtype=dtype)])


def worst_ulp(values, xs, reference, params, dtype):
    return max(ulp_error(y, reference(mpmath.mpf(float(x)), **params), dtype) for x, y in zip(xs, values))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name, params, kinks", CASES, ids=IDS)
def test_values_within_4_ulp_of_mpmath(name, params, kinks, dtype):
    xs = sample(dtype, kinks)
    ys = get(name)(xs, **params)
    assert ys.dtype == dtype and ys.shape == xs.shape
    assert worst_ulp(ys, xs, REFERENCES[name], params, dtype) <= 4


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name, params, kinks", CASES, ids=IDS)
def test_derivatives_and_kink_conventions_match_the_reference(name, params, kinks, dtype):
    xs = sample(dtype, kinks)
    dys = get(name).derivative(xs, **params)
    assert dys.dtype == dtype
    assert worst_ulp(dys, xs, DERIVATIVES[name], params, dtype) <= 4


@pytest.mark.parametrize("name, params, kinks", CASES, ids=IDS)
def test_derivative_is_the_central_difference_away_from_kinks(name, params, kinks):
    xs = np.linspace(-7.9, 7.9, 80)
    xs = xs[np.min(np.abs(xs[:, None] - np.array(kinks, dtype=float)), axis=1) > 1e-3]
    h = 1e-6
    f = get(name)
    numeric = (f(xs + h, **params) - f(xs - h, **params)) / (2 * h)
    np.testing.assert_allclose(f.derivative(xs, **params), numeric, rtol=1e-6, atol=1e-8)


INF = np.inf
# name: (f(-inf), f(inf), f'(-inf), f'(inf)) at the defaults; threshold at threshold=0, value=-2.
LIMITS = {
    "linear": (-INF, INF, 1, 1),
    "relu": (0, INF, 0, 1),
    "leaky_relu": (-INF, INF, 0.01, 1),
    "prelu": (-INF, INF, 0.25, 1),
    "rrelu": (-INF, INF, (1 / 8 + 1 / 3) / 2, 1),
    "relu6": (0, 6, 0, 0),
    "hard_sigmoid": (0, 1, 0, 0),
    "sparse_sigmoid": (0, 1, 0, 0),
    "hard_tanh": (-1, 1, 0, 0),
    "hard_silu": (0, INF, 0, 1),
    "hard_shrink": (-INF, INF, 1, 1),
    "soft_shrink": (-INF, INF, 1, 1),
    "threshold": (-2, INF, 0, 1),
    "sparse_plus": (0, INF, 0, 1),
}


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", sorted(LIMITS))
def test_infinities_have_their_limits_and_nan_propagates(name, dtype):
    params = {"threshold": 0, "value": -2} if name == "threshold" else {}
    f = get(name)
    x = np.array([-INF, INF, np.nan], dtype=dtype)
    low, high, dlow, dhigh = LIMITS[name]
    np.testing.assert_array_equal(f(x, **params), np.array([low, high, np.nan], dtype=dtype))
    np.testing.assert_array_equal(f.derivative(x, **params), np.array([dlow, dhigh, np.nan], dtype=dtype))
    assert not np.signbit(f(x, **params)[:2][np.array([low, high]) == 0]).any()  # +0, never -0


def test_kink_conventions_are_those_the_records_state():
    x = np.array([0.0])
    assert get("relu").derivative(x)[0] == 0
    assert get("leaky_relu").derivative(x)[0] == 0.01  # PyTorch: x > 0 ? 1 : slope
    assert get("prelu").derivative(x, slope=0.3)[0] == 0.3
    np.testing.assert_array_equal(get("relu6").derivative([0.0, 6.0]), [0, 0])
    np.testing.assert_array_equal(get("hard_sigmoid").derivative([-3.0, 3.0]), [0, 0])
    np.testing.assert_array_equal(get("hard_tanh").derivative([-1.0, 1.0]), [0, 0])
    np.testing.assert_array_equal(get("hard_silu").derivative([-3.0, 3.0]), [0, 1])  # PyTorch 2.13, jax.nn
    np.testing.assert_array_equal(get("hard_shrink").derivative([-0.5, 0.5]), [0, 0])
    np.testing.assert_array_equal(get("hard_shrink")([-0.5, 0.5, 0.5000001]), [0, 0, 0.5000001])
    # zeros are +0: "-0." would show in actv eval
    assert not np.signbit(get("hard_shrink")([-0.3, -0.0])).any()
    assert not np.signbit(get("hard_silu")([-4.0, -3.0])).any()
    np.testing.assert_array_equal(get("threshold")([1.0, 1.5], threshold=1, value=5), [5, 1.5])
    assert "jax.nn" in get("hard_silu").kink and "PyTorch" in get("hard_silu").kink
    assert "no derivative" in get("threshold").kink and "no derivative" in get("hard_shrink").kink


def test_documented_minimum_of_hard_silu():
    x = np.linspace(-4, 0, 4001)
    assert get("hard_silu")(x).min() == pytest.approx(-0.375, abs=1e-12)
    assert get("hard_silu").bounds == (-0.375, None)


def test_bounds_at_the_defaults():
    assert get("relu6").bounds == (0.0, 6.0)
    assert get("hard_tanh").bounds == (-1.0, 1.0)
    assert get("hard_sigmoid").bounds == (0.0, 1.0)
    assert get("threshold").continuity == get("hard_shrink").continuity == "discontinuous"
    assert get("sparse_plus").continuity == "C1"


def test_any_shape_and_huge_values_without_warnings():
    x = np.array([[-1e308, 1e308], [-3.4e38, 3.4e38]])
    for name in LIMITS:
        params = {"threshold": 0, "value": 0} if name == "threshold" else {}
        assert get(name)(x, **params).shape == (2, 2)
    assert get("leaky_relu")(np.array([-1e308]), negative_slope=3)[0] == -INF  # rounds to -inf


@pytest.mark.parametrize("name, params, message", [
    ("rrelu", {"lower": 0.5, "upper": 0.1}, "rrelu needs lower <= upper, got lower=0.5 > upper=0.1"),
    ("hard_tanh", {"min_val": 1, "max_val": -1}, "hard_tanh needs min_val < max_val, got min_val=1, max_val=-1"),
    ("hard_tanh", {"min_val": 1, "max_val": 1}, "hard_tanh needs min_val < max_val"),
    ("soft_shrink", {"threshold": -1}, "bad value -1 for soft_shrink parameter 'threshold': must be >= 0"),
    ("hard_shrink", {"threshold": "x"}, "bad value 'x' for hard_shrink parameter 'threshold'"),
    ("leaky_relu", {"negative_slope": "nan"}, "bad value 'nan' for leaky_relu parameter 'negative_slope': "
                                              "must be finite"),
    ("threshold", {}, "threshold needs threshold, value (no framework gives them a default): "
                      "--param threshold=VALUE --param value=VALUE"),
    ("threshold", {"threshold": 1}, "threshold needs value (no framework gives it a default)"),
    ("prelu", {"negative_slope": 0.1}, "prelu has no parameter 'negative_slope'; it takes slope"),
])
def test_bad_parameters_are_parameter_errors_naming_them(name, params, message):
    with pytest.raises(ParameterError) as error:
        get(name)([1.0], **params)
    assert str(error.value).startswith(message)
    with pytest.raises(ParameterError):
        get(name).derivative([1.0], **params)


def test_cli_threshold_without_parameters_names_them(actv):
    result = actv("eval", "threshold", "1", "2")
    assert result.exit_code == 2
    assert result.stderr == ("Error: threshold needs threshold, value (no framework gives them a default): "
                             "--param threshold=VALUE --param value=VALUE\n")
    result = actv("eval", "threshold", "1", "2", "--param", "threshold=1.5", "--param", "value=0")
    assert result.exit_code == 0 and result.output == "[0. 2.]\n"


def test_cli_negative_values_and_derivative(actv):
    assert actv("eval", "hard_silu", "-4", "-1.5", "3").output == "[ 0.    -0.375  3.   ]\n"
    assert actv("eval", "leaky-relu", "-1", "0", "2", "-d").output == "[0.01 0.01 1.  ]\n"
    assert actv("eval", "rrelu", "-1", "--param", "lower=0.5", "--param", "upper=0.2").stderr == (
        "Error: rrelu needs lower <= upper, got lower=0.5 > upper=0.2\n")


NASTY = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 6.0, 0.5, -0.5, np.inf, -np.inf, np.nan, 1e308, -1e308,
         3.4e38, -3.4e38, 5e-324, -5e-324, 1e-45, 1.5, -1.5]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(NASTY), min_size=1, max_size=8), st.sampled_from(CASES),
       st.sampled_from([np.float64, np.float32]))
def test_no_input_makes_numpy_warn(values, case, dtype):
    name, params, _ = case
    with np.errstate(all="ignore"):  # building the float32 sample may overflow/underflow on purpose
        x = np.array(values).astype(dtype)
    f = get(name)
    assert f(x, **params).dtype == dtype  # conftest turns any numpy warning into an error
    assert f.derivative(x, **params).dtype == dtype
    assert f.jvp(x, np.ones_like(x), **params).dtype == dtype


def test_parameters_beyond_float32_are_compared_and_scaled_exactly():
    x = np.float32([0, -np.inf, np.inf, -2, 3])
    expect = {
        ("leaky_relu", (("negative_slope", 1e39),)): [0, -np.inf, np.inf, -np.inf, 3],
        ("hard_shrink", (("threshold", 1e300),)): [0, -np.inf, np.inf, 0, 0],
        ("soft_shrink", (("threshold", 1e300),)): [0, -np.inf, np.inf, 0, 0],
        ("threshold", (("threshold", 1e300), ("value", 0.0))): [0, 0, np.inf, 0, 0],
        ("rrelu", (("lower", 1e308), ("upper", 1.7e308))): [0, -np.inf, np.inf, -np.inf, 3],
    }
    for (name, params), values in expect.items():
        result = get(name)(x, **dict(params))
        assert result.dtype == np.float32
        np.testing.assert_array_equal(result, np.float32(values), err_msg=name)
    assert get("rrelu")(np.array([-1.0]), lower=1e308, upper=1.7e308)[0] == -1.35e308


def test_thresholds_are_compared_exactly_not_rounded_to_the_input_dtype():
    """The issue's cases (10.4): float32(0.1) = 0.10000000149 lies above the threshold 0.1;
    0 lies above -1e-50; float32(0.3) lies inside (0.3, 1). PyTorch rounds the threshold to
    the input's dtype and answers 0 / value for each (the records say so)."""
    x = np.float32([0.1, -0.1])
    np.testing.assert_array_equal(get("hard_shrink")(x, threshold=0.1), x)
    np.testing.assert_array_equal(get("soft_shrink")(x, threshold=0.1), np.float32([1.4901161e-09, -1.4901161e-09]))
    assert get("threshold")(np.float32([0.1]), threshold=0.1, value=5)[0] == np.float32(0.1)
    assert get("threshold")(np.float32([0.0]), threshold=-1e-50, value=5)[0] == 0
    assert get("threshold").derivative(np.float32([0.0]), threshold=-1e-50, value=5)[0] == 1
    assert get("hard_tanh").derivative(np.float32([0.3]), min_val=0.3)[0] == 1
    assert get("hard_tanh").derivative(np.float32([0.7]), max_val=0.7)[0] == 1  # float32(0.7) < 0.7
    assert get("hard_tanh").derivative(np.float32([0.3]), max_val=0.3)[0] == 0  # float32(0.3) > 0.3
    top = np.finfo(np.float32).max
    x = np.float32([-top, -np.inf, top, np.inf])
    np.testing.assert_array_equal(get("threshold")(x, threshold=-1e300, value=7), [-top, 7, top, np.inf])
    np.testing.assert_array_equal(get("hard_tanh").derivative(x, min_val=-1e300, max_val=1e300), [1, 0, 1, 0])
    for name in ("hard_shrink", "soft_shrink", "threshold", "hard_tanh"):
        assert any("PyTorch rounds" in note and "torch 2.13.0" in note for note in get(name).notes), name


@settings(max_examples=200, deadline=None)
@given(st.floats(-4, 4, width=32), st.floats(0, 3), st.sampled_from([-1.0, 0.0, 1.0]))
def test_float32_gives_the_float64_answer_rounded(x, t, shift):
    """A float32 input is a float64 one too: the exact comparison gives the same branch in
    both dtypes, so the float32 result is the float64 result rounded (at t's neighbours too);
    soft_shrink's x − t, with t split into float32 parts, to within 1 ULP of it."""
    cases = [("hard_shrink", {"threshold": t}), ("soft_shrink", {"threshold": t}),
             ("threshold", {"threshold": t * shift, "value": -9.0}),
             ("hard_tanh", {"min_val": -t, "max_val": t + 1e-9})]
    with np.errstate(under="ignore"):  # the neighbours of a tiny t are subnormal
        t32 = np.float32(t)
        xs = np.float32([x, t32, np.nextafter(t32, np.float32(-1)), np.nextafter(t32, np.float32(9)),
                         -t32, shift * t32])
    for name, params in cases:
        f = get(name)
        wide, slope = f(xs.astype(np.float64), **params), f.derivative(xs.astype(np.float64), **params)
        with np.errstate(under="ignore"):  # x − t may round to a float32 subnormal
            wide, slope = wide.astype(np.float32), slope.astype(np.float32)
        if name == "soft_shrink":
            np.testing.assert_array_max_ulp(f(xs, **params), wide, maxulp=1)
        else:
            np.testing.assert_array_equal(f(xs, **params), wide, err_msg=name)
        np.testing.assert_array_equal(f.derivative(xs, **params), slope, err_msg=name)


def test_the_kink_texts_state_where_the_frameworks_disagree():
    """Issue 10.11 and 10.13: jax gives hard_tanh'(±1) = 1 and sparse_sigmoid'(±1) = 0.25; PyTorch
    before the fix of #147801 gives hard_silu'(±3) = -0.5 and 1.5."""
    assert get("hard_tanh").derivative([-1.0, 1.0]).tolist() == [0, 0]
    assert "jax.nn.hard_tanh" in get("hard_tanh").kink and "gives 1 at ±1" in get("hard_tanh").kink
    assert get("sparse_sigmoid").derivative([-1.0, 1.0]).tolist() == [0, 0]
    assert "jax.nn.sparse_sigmoid" in get("sparse_sigmoid").kink and "0.25" in get("sparse_sigmoid").kink
    kink = get("hard_silu").kink
    assert "-0.5 and 1.5" in kink and "through 2.6.0" in kink and "#147801" in kink and "torch 2.13.0" in kink


def test_each_reference_sits_with_the_function_it_describes():
    """Issue 10.10 and 10.12: BinaryConnect's hard sigmoid is clip((x + 1)/2, 0, 1), sparse_sigmoid's
    form; relu6's low-precision motivation is MobileNetV2, not MobileNets v1."""
    x = np.linspace(-3, 3, 13)
    np.testing.assert_array_equal(get("sparse_sigmoid")(x), np.clip((x + 1) / 2, 0, 1))
    assert any("BinaryConnect" in r and "clip((x + 1)/2, 0, 1)" in r for r in get("sparse_sigmoid").references)
    assert not any("BinaryConnect" in r for r in get("hard_sigmoid").references)
    relu6 = " ".join(get("relu6").references)
    assert "Sandler et al. 2018, MobileNetV2" in relu6 and "low-precision" in relu6
    assert "Howard et al. 2017" not in relu6
    assert not any("195197" in text for text in (get("hard_silu").kink, *get("hard_silu").notes))


def test_what_the_records_say_pytorch_gives_is_what_it_gives():
    """The PyTorch answers the records state, checked against torch where it is installed (it is not
    a dependency: pip install torch to run this)."""
    torch = pytest.importorskip("torch")
    F = torch.nn.functional

    def grad(f, values):
        t = torch.tensor(values, requires_grad=True)
        f(t).sum().backward()
        return t.grad.tolist()

    one = torch.tensor([0.1])
    assert F.hardshrink(one, 0.1).item() == 0 and get("hard_shrink")(np.float32([0.1]), threshold=0.1)[0] != 0
    assert F.softshrink(one, 0.1).item() == 0
    assert F.threshold(one, 0.1, 5.0).item() == 5 and F.threshold(torch.tensor([0.0]), -1e-50, 5.0).item() == 5
    assert grad(lambda t: F.hardtanh(t, 0.3, 1.0), [0.3]) == [0]
    assert grad(F.hardtanh, [-1.0, 1.0]) == [0, 0]
    if torch.__version__.startswith("2.13."):  # the release the records name
        assert grad(F.hardswish, [-3.0, 3.0]) == [0, 1]
        assert torch.isnan(F.hardswish(torch.tensor(float("-inf")))).item() and "NaN" in get("hard_silu").notes[1]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name, params", [
    ("rrelu", {"lower": 5e-324, "upper": 5e-324}), ("rrelu", {"lower": 5e-324, "upper": 1e-323}),
    ("rrelu", {"lower": 1e-310, "upper": 3e-309}), ("leaky_relu", {"negative_slope": 3e-45}),
    ("leaky_relu", {"negative_slope": 5e-324}), ("prelu", {"slope": -7e-320}),
    ("leaky_relu", {"negative_slope": 1e-40}),
])
def test_subnormal_slopes_are_applied_exactly(name, params, dtype):
    """A slope below the normal range (rrelu's mean of 5e-324 and 5e-324 halves to 0; float32
    holds 3e-45 as 2.8e-45) is applied exactly and the product rounded once."""
    xs = np.array([-1e300, -3e38, -1e30, -3.0, -1e-30, 0.0, 2.5], dtype=np.float64)
    xs = xs[np.abs(xs) <= np.finfo(dtype).max].astype(dtype)
    entry = get(name)
    ys, ds = entry(xs, **params), entry.derivative(xs, **params)
    for x, y, d in zip(xs.tolist(), ys.tolist(), ds.tolist()):
        assert ulp_error(y, REFERENCES[name](mpmath.mpf(x), **params), dtype) <= 1, (x, y)
        assert ulp_error(d, DERIVATIVES[name](mpmath.mpf(x), **params), dtype) <= 0.5, (x, d)
