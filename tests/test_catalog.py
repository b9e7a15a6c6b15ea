"""The registry: names, aliases, lookup errors, parameters, dtypes."""
import warnings

import numpy as np
import pytest

from activation_cli import InputError, ParameterError, UnknownActivation, get, names
from activation_cli.catalog import CATALOG


def test_every_alias_and_spelling_finds_its_entry():
    for entry in CATALOG.values():
        for spelling in (entry.name, *entry.aliases):
            assert get(spelling) is entry
            assert get(spelling.upper().replace("_", "-")) is entry


def test_unknown_name_is_a_typed_error_with_a_suggestion():
    with pytest.raises(UnknownActivation) as error:
        get("sigmod")
    assert isinstance(error.value, LookupError) and isinstance(error.value, ValueError)
    assert str(error.value) == "unknown activation 'sigmod'. Did you mean 'sigmoid'?"


def test_names_are_canonical_and_unique():
    assert names() == list(CATALOG)
    spellings = [s.lower() for e in CATALOG.values() for s in (e.name, *e.aliases)]
    assert len(spellings) == len(set(spellings))


def test_unknown_parameter_names_the_ones_it_takes():
    with pytest.raises(ParameterError, match="softmax has no parameter 'dim'; it takes axis"):
        get("softmax")([1.0, 2.0], dim=0)


@pytest.mark.parametrize("name", names())
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_in_is_dtype_out(name, dtype):
    entry = get(name)
    x = np.linspace(-3, 3, 8, dtype=dtype).reshape(2, 4)
    params = {p.name: 0.5 for p in entry.params if p.required}
    assert entry(x, **params).dtype == dtype
    assert entry.derivative(x, **params).dtype == dtype


@pytest.mark.parametrize("name", names())
def test_integer_input_is_evaluated_as_float64(name):
    entry = get(name)
    params = {p.name: 0.5 for p in entry.params if p.required}
    assert entry([[-2, -1, 0, 1]], **params).dtype == np.float64


@pytest.mark.parametrize("name", names())
def test_initializer_names_a_known_scheme(name):
    assert get(name).init_scheme in {"he", "glorot", "lecun"}


ELEMENTWISE = [name for name in names() if not get(name).vector]


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_scalars_give_0d_arrays_like_their_1_element_vectors(name):
    entry = get(name)
    params = {p.name: 0.5 for p in entry.params if p.required}
    for x in (0.5, np.float32(-1.5), np.asarray(2.0)):
        value, slope = entry(x, **params), entry.derivative(x, **params)
        assert value.shape == () and slope.shape == ()
        assert value == entry(np.atleast_1d(x), **params)[0]
        assert slope == entry.derivative(np.atleast_1d(x), **params)[0]


@pytest.mark.parametrize(("name", "expected"), [("exponential", np.inf), ("selu", np.inf), ("linear", 65504.0)])
def test_float16_results_that_overflow_are_inf_without_warning(name, expected):
    result = get(name)(np.float16([65504.0]))
    assert result.dtype == np.float16 and result[0] == expected


@pytest.mark.parametrize("name", names())
def test_float16_results_that_underflow_are_cast_back_under_any_error_state(name):
    """float16 runs in float32; the cast back rounds tiny results to subnormals or 0 without
    raising, even under np.seterr(all="raise") (issue 10.7: sigmoid(-20) raised)."""
    entry = get(name)
    params = {p.name: 0.5 for p in entry.params if p.required}
    x = np.float16([-20.0, -12.0, -1e-7, 0.0, 6e-8, 2.5, 30.0, 65504.0])
    with np.errstate(all="raise"):
        value, slope = entry(x, **params), entry.derivative(x, **params)
        tangent = entry.jvp(x, np.ones_like(x), **params)
    wide = x.astype(np.float32)
    with np.errstate(all="ignore"):
        assert value.dtype == slope.dtype == tangent.dtype == np.float16
        np.testing.assert_array_equal(value, entry(wide, **params).astype(np.float16))
        np.testing.assert_array_equal(slope, entry.derivative(wide, **params).astype(np.float16))


def test_a_jacobian_too_large_to_build_is_an_input_error():
    with pytest.raises(InputError, match=r"too many to build: give fewer values \(from Python, jvp\(x, v\)"):
        get("softmax").derivative(np.zeros(10_000))
    assert get("softmax").jvp(np.zeros(10_000), np.ones(10_000)).shape == (10_000,)


def test_jvp_needs_v_shaped_like_x():
    with pytest.raises(InputError, match=r"^v has shape \(2,\), x has shape \(3,\)$"):
        get("tanh").jvp([1.0, 2.0, 3.0], [1.0, 2.0])


EXTREMES = [0.0, -0.0, 1e-300, -1e-300, 3e38, -3e38, 1e300, -1e300]


@pytest.mark.parametrize("name", names())
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_parameters_never_make_numpy_warn(name, dtype):
    """Every real parameter at extreme values, on extreme inputs: a value or a ParameterError,
    never a numpy warning (conftest raises them)."""
    entry = get(name)
    info = np.finfo(dtype)
    x = np.array([0.0, -0.0, 1.0, -1.0, info.max, -info.max, info.tiny, np.inf, -np.inf, np.nan], dtype=dtype)
    base = {p.name: 0.5 for p in entry.params if p.required}
    for param in entry.params:
        if param.name == "axis" or not isinstance(param.default if not param.required else 0.5, float):
            continue
        for value in EXTREMES:
            given = {**base, param.name: value}
            try:
                entry(x, **given)
                entry.derivative(x if not entry.vector else x[:4], **given)
            except ParameterError:
                pass


FAST = [entry for entry in CATALOG.values() if not any(p.required for p in entry.params)]
EXTREMES = [-np.inf, -800.0, -745.5, -100.0, -3.0, -0.0, 0.0, 1e-30, 0.5, 3.0, 100.0, 800.0, np.inf, np.nan]


@pytest.mark.parametrize("entry", FAST, ids=lambda entry: entry.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_a_call_without_parameters_gives_the_checked_result(entry, dtype):
    # the fast path of __call__ and derivative (a plain float array, the defaults) against
    # the checked one (_apply), bit for bit, and with no numpy warning
    info = np.finfo(dtype)
    x = np.concatenate([np.array(EXTREMES + [info.max, -info.max, info.smallest_subnormal], dtype=dtype),
                        np.linspace(-10, 10, 43, dtype=dtype)])  # 60 values
    if entry.vector:
        x = x.reshape(6, 10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = entry(x)
        np.testing.assert_array_equal(value, entry._apply(entry.function, x, {}))
        assert value.dtype == dtype
        if not entry.vector:
            np.testing.assert_array_equal(entry.derivative(x), entry._apply(entry.gradient, x, {}))


def test_the_fast_path_silences_underflow_only_when_numpy_would_report_it():
    sigmoid, x = get("sigmoid"), np.array([-800.0, 0.0])
    for mode in ("ignore", "warn", "raise"):
        with np.errstate(under=mode):
            np.testing.assert_array_equal(sigmoid(x), [0.0, 0.5])
            np.testing.assert_array_equal(sigmoid.derivative(x), [0.0, 0.25])
            assert np.geterr()["under"] == mode  # and the caller's setting is left alone


def test_kernels_check_parameters_once_and_compute_the_entry():
    f, df = get("elu").kernels({"alpha": "2"})
    x = np.linspace(-3, 3, 13)
    np.testing.assert_array_equal(f(x), get("elu")(x, alpha=2.0))
    np.testing.assert_array_equal(df(x), get("elu").derivative(x, alpha=2.0))
    assert get("relu").kernels() == (get("relu").function, get("relu").gradient)
    with pytest.raises(ParameterError, match="bad value 'x' for elu parameter 'alpha'"):
        get("elu").kernels({"alpha": "x"})
    with pytest.raises(ParameterError, match="threshold needs"):
        get("threshold").kernels()


def test_the_fast_path_follows_every_change_of_numpys_error_state():
    # the fast path remembers whether underflow is ignored per error state: each change must be seen
    sigmoid, x = get("sigmoid"), np.array([-800.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(2):
            with np.errstate(under="ignore"):
                assert sigmoid(x)[0] == 0.0
                with np.errstate(under="warn"):
                    assert sigmoid(x)[0] == 0.0
                    with pytest.raises(RuntimeWarning, match="underflow"):
                        sigmoid.function(x)
                assert sigmoid(x)[0] == 0.0
            old = np.seterr(under="raise")
            try:
                assert sigmoid.derivative(x)[0] == 0.0
                np.seterr(under="ignore")
                assert sigmoid.derivative(x)[0] == 0.0
                np.seterr(under="warn")
                assert sigmoid.derivative(x)[0] == 0.0
            finally:
                np.seterr(**old)


def test_the_fast_path_keeps_each_threads_error_state_apart():
    import threading

    sigmoid, x, failures = get("sigmoid"), np.array([-800.0]), []

    def work(mode):
        try:
            with np.errstate(under=mode):
                for _ in range(200):
                    assert sigmoid(x)[0] == 0.0
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=work, args=(mode,)) for mode in ("ignore", "raise", "warn", "raise")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
