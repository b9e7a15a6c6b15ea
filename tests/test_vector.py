"""The vector family: softmax, log_softmax, softmin, sparsemax, glu — values against mpmath per
element, edge rows, axes, Jacobians against mpmath.diff, JVPs, errors, properties."""
import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activation_cli import InputError, ParameterError, get
from references.vector import JACOBIANS, REFERENCES, sparsemax_tau
from ulp import ulp_error

SOFTMAX_KIN = ["softmax", "log_softmax", "softmin", "sparsemax"]
INF, NAN = np.inf, np.nan


def vectors(dtype, even=False):
    """Random vectors of a few lengths and magnitudes (fixed seed), plus hand-picked ones."""
    rng = np.random.default_rng(7)
    scales = [1, 30, 1e3, 1e30] + ([1e300] if dtype == np.float64 else [])
    lengths = [2, 4, 10, 64] if even else [1, 2, 3, 10, 64]
    out = [(rng.standard_normal(n) * scale).astype(dtype) for n in lengths for scale in scales]
    with np.errstate(under="ignore"):  # 1e-40 is a float32 subnormal on purpose
        out += [np.array(v, dtype=dtype) for v in ([1, 3, 2, 0], [0, -30, 1e-30, 2], [5, 5, 5, 5],
                                                    [-1e30, 1e30, 0, 1e-40])]
    return [v[: len(v) - len(v) % 2] if even else v for v in out]


def per_element_ulps(name, v, dtype):
    reference = REFERENCES[name]([mpmath.mpf(float(x)) for x in v])
    got = get(name)(v)
    assert got.dtype == dtype
    return [ulp_error(y, r, dtype) for y, r in zip(got, reference)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_softmax_kin_within_4_ulp_per_element_at_any_magnitude(name, dtype):
    """No allowance for conditioning: the shift x − max is exact (TwoSum), so logits of any
    size are fine. v − 60 and v + 60 take the shifted path, most v the unshifted one."""
    long_row = (np.random.default_rng(5).standard_normal(1000) * 5).astype(dtype)  # pairwise sums
    worst = max(max(per_element_ulps(name, w, dtype))
                for v in vectors(dtype) + [long_row] for w in (v, v - dtype(60), v + dtype(60)))
    assert worst <= 4


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_glu_within_4_ulp_per_element(dtype):
    cases = vectors(dtype, even=True)  # glu is well conditioned in a: no allowance needed
    big = 1e300 if dtype == np.float64 else 1e30
    # a huge while σ(b) is tiny: a·σ(b) must not underflow before its true value does
    cases.append(np.array([big, -big, 1.0, 3.0, -700.0, -700.0, -1e3, 30.0], dtype=dtype)
                 if dtype == np.float64 else
                 np.array([big, -big, 1.0, 3.0, -80.0, -120.0, -150.0, 30.0], dtype=dtype))
    worst = max(max(per_element_ulps("glu", v, dtype)) for v in cases)
    assert worst <= 4


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_glu_within_4_ulp_on_a_dense_sample(dtype):
    """2000 gates in [−90, 90], across the switch between a/(1 + exp(−b)) and the far-gate forms
    at b = −80 (float32; the product form dropped to 6.8 ULP at 10^6 points)."""
    rng = np.random.default_rng(6)
    a, b = rng.standard_normal(2000).astype(dtype), rng.uniform(-90, 90, 2000).astype(dtype)
    got = get("glu")(np.concatenate([a, b]))
    worst = max(ulp_error(y, mpmath.mpf(float(p)) / (1 + mpmath.exp(-mpmath.mpf(float(q)))), dtype)
                for y, p, q in zip(got, a, b))
    assert worst <= 4


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_glu_in_blocks_gives_the_same_result_row_by_row(dtype):
    """Past 16384 outputs glu goes a block of rows (or of one long row) at a time; a block with a
    gate below −80 (float32; −700 float64) takes the far-gate form, the others the short one."""
    rng = np.random.default_rng(8)
    x = (rng.standard_normal((40, 1000)) * 4).astype(dtype)
    x[7, 600] = x[31, 900] = -1000  # two blocks with a far gate
    np.testing.assert_array_equal(get("glu")(x), np.stack([get("glu")(row) for row in x]))
    row = x.reshape(-1)  # one row of 40000: 20000 outputs, longer than a block
    np.testing.assert_array_equal(get("glu")(row), np.concatenate([get("glu")(np.concatenate([a, b]))
                                                                   for a, b in zip(np.split(row[:20000], 4),
                                                                                   np.split(row[20000:], 4))]))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sparsemax_within_4_ulp_relative_to_its_condition(dtype):
    """p = x − τ cancels where p is small: its error is measured as ULP / (1 + κ),
    κ = (|xᵢ − max x| + |τ − max x|) / pᵢ; zeros must be exact."""
    for v in vectors(dtype):
        xs = [mpmath.mpf(float(x)) for x in v]
        reference, tau, top = REFERENCES["sparsemax"](xs), sparsemax_tau(xs), max(xs)
        for y, r, x in zip(get("sparsemax")(v), reference, xs):
            if r == 0:
                assert y == 0
            else:
                kappa = (abs(x - top) + abs(tau - top)) / r
                assert ulp_error(y, r, dtype) / (1 + float(kappa)) <= 4


def test_the_tutorials_softmax_example():
    np.testing.assert_allclose(get("softmax")([1, 3, 2]), [0.09003057, 0.66524096, 0.24472847], rtol=1e-7)


# Edge rows: the decisions documented in each record's notes.
EDGE_ROWS = {
    # row: (softmax, log_softmax, softmin, sparsemax)
    (INF, 1.0, INF): ([0.5, 0, 0.5], [-np.log(2), -INF, -np.log(2)], [0, 1, 0], [0.5, 0, 0.5]),
    (-INF, -INF): ([0.5, 0.5], [-np.log(2)] * 2, [0.5, 0.5], [0.5, 0.5]),
    (INF, INF, INF, INF): ([0.25] * 4, [-np.log(4)] * 4, [0.25] * 4, [0.25] * 4),
    (-INF, 2.0, -INF): ([0, 1, 0], [-INF, 0, -INF], [0.5, 0, 0.5], [0, 1, 0]),
    (INF, -INF): ([1, 0], [0, -INF], [0, 1], [1, 0]),
    (1e308, -1e308): ([1, 0], [0, -INF], [0, 1], [1, 0]),
    (NAN, 1.0, INF): ([NAN] * 3, [NAN] * 3, [NAN] * 3, [NAN] * 3),
    (-INF, NAN): ([NAN] * 2, [NAN] * 2, [NAN] * 2, [NAN] * 2),
}


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("row", list(EDGE_ROWS), ids=str)
def test_edge_rows_are_decided_the_same_way_everywhere(row, dtype):
    big = float(np.finfo(dtype).max)
    x = np.array([big if v == 1e308 else -big if v == -1e308 else v for v in row], dtype=dtype)
    for name, expected in zip(SOFTMAX_KIN, EDGE_ROWS[row]):
        got = get(name)(x)
        assert got.dtype == dtype
        np.testing.assert_allclose(got, np.array(expected, dtype=dtype), rtol=1e-6, err_msg=name)
        assert np.isfinite(get(name).derivative(x)).all() or np.isnan(x).any()


def test_edge_rows_in_a_batch_leave_the_other_rows_alone():
    x = np.array([[1.0, 3.0, 2.0], [INF, 0.0, INF], [NAN, 0.0, 0.0], [-INF, -INF, -INF]])
    got = get("softmax")(x)
    np.testing.assert_allclose(got[0], [0.09003057, 0.66524096, 0.24472847], rtol=1e-7)
    np.testing.assert_array_equal(got[1:], [[0.5, 0, 0.5], [NAN] * 3, [1 / 3] * 3])


def test_notes_document_the_edge_rows():
    for name in SOFTMAX_KIN:
        text = " ".join(get(name).notes)
        assert "+inf" in text and "all -inf" in text.replace("all +inf", "all -inf") and "NaN" in text


def test_sparsemax_far_entries_neither_overflow_nor_enter_the_support():
    np.testing.assert_array_equal(get("sparsemax")([0.0, 0.0, 8.98846567431158e307]), [0, 0, 1])
    np.testing.assert_array_equal(get("sparsemax")([-1e308, -1e308, 1.0, 1.0]), [0, 0, 0.5, 0.5])
    np.testing.assert_array_equal(get("sparsemax")([-INF, 0.0, 0.5]), [0, 0.25, 0.75])


def test_log_softmax_is_accurate_where_one_entry_dominates():
    # log(softmax) would give log(1 − 9.4e-14) ≈ −9.4e-14 only to ~3 digits; log1p of the rest is exact
    got = get("log_softmax")(np.array([0.0, -30.0]))
    assert ulp_error(got[0], -mpmath.log1p(mpmath.exp(-30)), np.float64) <= 1


@pytest.mark.parametrize("name", SOFTMAX_KIN + ["glu"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_two_dimensional_input_along_either_axis(name, dtype):
    x = np.random.default_rng(1).standard_normal((4, 6)).astype(dtype)
    f = get(name)
    rows = np.stack([f(r) for r in x])
    cols = np.stack([f(c) for c in x.T], axis=1)
    np.testing.assert_array_equal(f(x, axis=1), rows)
    np.testing.assert_array_equal(f(x), rows)
    np.testing.assert_allclose(f(x, axis=0), cols, rtol=4 * np.finfo(dtype).eps)
    np.testing.assert_allclose(f(x, axis=-2), cols, rtol=4 * np.finfo(dtype).eps)


def reference_jacobian(name, x):
    """∂fᵢ/∂xⱼ by mpmath.diff (high-precision differences) on the mpmath reference."""
    xs = [mpmath.mpf(float(v)) for v in x]
    m = len(REFERENCES[name](xs))

    def component(i, j):
        return lambda t: REFERENCES[name](xs[:j] + [t] + xs[j + 1:])[i]

    return np.array([[float(mpmath.diff(component(i, j), xs[j])) for j in range(len(xs))]
                     for i in range(m)])


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin", "glu"])
def test_jacobian_matches_mpmath_differences(name):
    for x in (np.array([1.0, 3.0, 2.0, -0.5]), np.array([0.3, -2.0, 7.0, 1e-3, -40.0, 2.5])):
        np.testing.assert_allclose(get(name).derivative(x), reference_jacobian(name, x),
                                   rtol=1e-12, atol=1e-15)


def jacobian_rows(dtype):
    """One dominant logit, ties, and spreads of 1, 10, 100 and 700 (evenly and randomly spaced)."""
    rng = np.random.default_rng(11)
    rows = [[0, -30], [0, -10], [0, -17, -40, -100], [5, -3, -4], [3, 3, -5], [2, 2, 2, 2], [0, 0, -40],
            [1e4, 1e4 - 25, 1e4 - 30]]
    for spread in (1, 10, 100, 700):
        rows += [list(np.linspace(0, -spread, 6)), list(rng.uniform(-spread, 0, 7))]
    return [np.array(row, dtype=dtype) for row in rows]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_jacobian_within_4_ulp_entry_by_entry(name, dtype):
    """1 − sᵢ must not cancel where sᵢ ≈ 1 (x = [0, −30]: the diagonal is 9.4e−14, not 0)."""
    worst = 0.0
    for x in jacobian_rows(dtype):
        x = -x if name == "softmin" else x  # the dominant entry is the smallest one
        jac = get(name).derivative(x)
        assert jac.dtype == dtype
        reference = JACOBIANS[name]([mpmath.mpf(float(v)) for v in x])
        worst = max(worst, max(ulp_error(jac[i, j], reference[i][j], dtype)
                               for i in range(len(x)) for j in range(len(x))))
    assert worst <= 4


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_jvp_within_4_ulp_of_its_condition(name, dtype):
    """(J·v)ᵢ = Σⱼ Jᵢⱼvⱼ within 4 ULP × κᵢ, κᵢ = Σⱼ|Jᵢⱼvⱼ| / |Σⱼ Jᵢⱼvⱼ| (1 for a one-hot v: then
    J·v is a column of J, entry by entry); v − Σ s·v cancelled where one logit dominates."""
    rng = np.random.default_rng(12)
    worst = 0.0
    for x in jacobian_rows(dtype):
        x = -x if name == "softmin" else x
        n = len(x)
        reference = JACOBIANS[name]([mpmath.mpf(float(v)) for v in x])
        for v in list(np.eye(n, dtype=dtype)) + [rng.standard_normal(n).astype(dtype) for _ in range(2)]:
            got = get(name).jvp(x, v)
            assert got.dtype == dtype
            for i in range(n):
                terms = [reference[i][j] * mpmath.mpf(float(v[j])) for j in range(n)]
                exact = mpmath.fsum(terms)
                kappa = mpmath.fsum(abs(t) for t in terms) / abs(exact) if exact else mpmath.inf
                worst = max(worst, ulp_error(got[i], exact, dtype) / max(1, float(kappa)))
    assert worst <= 4


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("n", "axis"), [(127, -1), (10000, 0), (100000, -1)])
def test_the_normalizing_sum_is_accurate_whatever_the_length_and_axis(n, axis, dtype):
    """[0, c, c, …] with exp(c) just under half an ULP of 1: a plain sum drops every c term
    (10000 rows over axis 0 were 8.5e3 ULP off, 127 entries 19)."""
    c = dtype(-36.9)
    row = np.full(n, c, dtype=dtype)
    row[0] = 0
    x = np.repeat(row[:, None], 3, axis=1) if axis == 0 else row
    rest = (n - 1) * mpmath.exp(mpmath.mpf(float(c)))
    expected = {
        "softmax": (1 / (1 + rest), mpmath.exp(mpmath.mpf(float(c))) / (1 + rest)),
        "softmin": (1 / (1 + rest), mpmath.exp(mpmath.mpf(float(c))) / (1 + rest)),
        "log_softmax": (-mpmath.log1p(rest), mpmath.mpf(float(c)) - mpmath.log1p(rest)),
    }
    for name, (first, other) in expected.items():
        got = get(name)(-x if name == "softmin" else x, axis=axis)
        got = np.moveaxis(got, axis, -1).reshape(-1, n)
        assert (got[:, 1:] == got[0, 1]).all() and (got[:, 0] == got[0, 0]).all()
        assert ulp_error(got[0, 0], first, dtype) <= 4, name
        assert ulp_error(got[0, 1], other, dtype) <= 4, name


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_large_batches_sum_in_blocks_with_the_same_result_row_by_row(name):
    x = np.random.default_rng(4).standard_normal((70, 1000)) * 20  # > 32768 values: summed in blocks
    np.testing.assert_array_equal(get(name)(x), np.stack([get(name)(row) for row in x]))


def test_rows_of_very_different_scale_in_one_batch():
    """The split sum's constant is shared by the rows only where that costs nothing: here the
    complements 1 − s₀ are 1e−321 and 0.5 (2^2100 apart; a shared constant would overflow)."""
    x = np.array([[0.0, -740.0], [0.0, 0.0], [np.nan, 0.0]])
    got = get("softmax").jvp(x, np.array([[1.0, 0.0]] * 3))
    np.testing.assert_array_equal(got[:2, 0], [float(mpmath.exp(-740)), 0.25])  # s₀·s₁, subnormal
    assert np.isnan(got[2]).all()


def test_sparsemax_jacobian_matches_central_differences_off_the_support_boundary():
    x = np.array([0.9, 0.2, 0.75, -1.0, 0.6])
    h = 1e-6
    numeric = np.stack([(get("sparsemax")(x + h * e) - get("sparsemax")(x - h * e)) / (2 * h)
                        for e in np.eye(len(x))], axis=1)
    np.testing.assert_allclose(get("sparsemax").derivative(x), numeric, atol=1e-8)
    assert (get("sparsemax")(x) == 0).sum() == 2  # the test crosses both pieces


@pytest.mark.parametrize("name", SOFTMAX_KIN + ["glu"])
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_jvp_is_the_jacobian_times_v_without_building_it(name, axis):
    rng = np.random.default_rng(3)
    x, v = rng.standard_normal((2, 4, 6)) * 2, rng.standard_normal((2, 4, 6))
    f = get(name)
    jac = f.derivative(x, axis=axis)
    assert jac.shape[-1] == x.shape[axis]
    expected = np.moveaxis(np.einsum("...ij,...j->...i", jac, np.moveaxis(v, axis, -1)), -1, axis)
    np.testing.assert_allclose(f.jvp(x, v, axis=axis), expected, rtol=1e-12, atol=1e-15)
    assert f.jvp_function is not None


def test_jacobian_shapes_move_the_axis_last():
    x = np.zeros((2, 4, 6))
    assert get("softmax").derivative(x, axis=1).shape == (2, 6, 4, 4)
    assert get("glu").derivative(x).shape == (2, 4, 3, 6)
    assert get("glu").derivative(x, axis=1).shape == (2, 6, 2, 4)
    assert get("glu")(x, axis=1).shape == (2, 2, 6)


def test_glu_gates_the_first_half_with_the_second():
    np.testing.assert_allclose(get("glu")([2.0, -4.0, 0.0, 50.0]), [1.0, -4.0], rtol=1e-15)
    np.testing.assert_allclose(get("glu")([INF, -INF, 5.0, -INF, NAN, 1.0]),
                               [INF, NAN, 5 / (1 + np.exp(-1))], rtol=1e-15)


def test_glu_odd_length_is_an_input_error():
    with pytest.raises(InputError) as error:
        get("glu")([1.0, 2.0, 3.0])
    assert str(error.value) == ("glu splits its input into two halves along axis -1, "
                                "so it needs an even number of values there, not 3")
    with pytest.raises(InputError, match="along axis -2"):
        get("glu").derivative(np.zeros((3, 2)), axis=0)


def test_cli_glu_odd_length_is_one_line_exit_2(actv):
    result = actv("eval", "glu", "1", "2", "3")
    assert result.exit_code == 2
    assert result.stderr == ("Error: glu splits its input into two halves along axis -1, "
                             "so it needs an even number of values there, not 3\n")
    assert actv("eval", "glu", "1", "2", "0", "0").output == "[0.5 1. ]\n"


def test_cli_probability_vectors_print_their_sum(actv):
    assert actv("eval", "softmin", "-3", "-1", "-2").output == "[0.66524096 0.09003057 0.24472847]\nsum: 1.0\n"
    assert actv("eval", "sparsemax", "1", "1.5", "-1").output == "[0.25 0.75 0.  ]\nsum: 1.0\n"
    assert actv("eval", "log_softmax", "0", "0").output == "[-0.69314718 -0.69314718]\n"


def test_scalar_input_and_bad_axes_are_typed_errors():
    with pytest.raises(InputError, match="softmax is a vector function"):
        get("softmax")(1.0)
    with pytest.raises(ParameterError, match="sparsemax: axis 2 is out of range for 2-D input"):
        get("sparsemax")(np.zeros((2, 2)), axis=2)


def test_size_one_softmax_is_always_1_as_the_pitfall_says():
    np.testing.assert_array_equal(get("softmax")(np.array([[-50.0], [3.0], [1e300]])), [[1.0]] * 3)
    assert any("Did you mean to use a sigmoid instead?" in p for p in get("softmax").pitfalls)
    assert any("CrossEntropyLoss" in p for p in get("softmax").pitfalls)


finite = st.floats(-1e6, 1e6, allow_nan=False, width=64)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=12),
       st.sampled_from(["softmax", "softmin", "sparsemax"]), st.sampled_from([np.float64, np.float32]))
def test_probability_rows_are_nonnegative_and_sum_to_1(values, name, dtype):
    with np.errstate(under="ignore"):  # tiny float64 values become float32 subnormals or 0
        x = np.clip(np.array(values), -float(np.finfo(dtype).max), float(np.finfo(dtype).max)).astype(dtype)
    p = get(name)(x)
    assert p.dtype == dtype and (p >= 0).all()
    # each entry within 4 ULP (≤ 4·eps·pᵢ in all); sparsemax's τ adds up to ~n·eps
    assert abs(float(np.sum(p, dtype=np.float64)) - 1) <= max(4, len(values)) * np.finfo(dtype).eps


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-2**30, 2**30), min_size=1, max_size=10), st.integers(-2**20, 2**20))
def test_softmax_kin_is_shift_invariant(numerators, shift):
    # multiples of 2^-20 below 2^31: x + c is exact, so only the evaluation may differ
    x = np.array(numerators, dtype=np.float64) / 2**20
    for name in SOFTMAX_KIN:
        # two evaluations, each within 4 ULP of the same exact values
        np.testing.assert_array_max_ulp(get(name)(x + shift), get(name)(x), maxulp=8)


NASTY = [0.0, -0.0, 1.0, -1.0, 2.5, INF, -INF, NAN, 1e308, -1e308, 3.4e38, -3.4e38, 5e-324, 1e-45, -800.0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map(lambda v: v * 4),
       st.sampled_from(SOFTMAX_KIN + ["glu"]), st.sampled_from([np.float64, np.float32]))
def test_no_row_makes_numpy_warn(values, name, dtype):
    with np.errstate(all="ignore"):  # building the float32 sample may overflow/underflow on purpose
        x = np.array(values).astype(dtype).reshape(2, -1)
    f = get(name)
    assert f(x).dtype == f.derivative(x).dtype == f.jvp(x, np.ones_like(x)).dtype == dtype
    assert f(x, axis=0).dtype == dtype


@pytest.mark.parametrize(("dtype", "top"), [(np.float64, 708.0), (np.float32, 87.0)])
def test_many_logits_near_the_exp_limit_do_not_overflow_the_sum(dtype, top):
    n = 10
    x = np.full(n, top, dtype=dtype)
    np.testing.assert_allclose(get("softmax")(x), np.full(n, 1 / n, dtype), rtol=4 * np.finfo(dtype).eps)
    np.testing.assert_allclose(get("softmin")(-x), np.full(n, 1 / n, dtype), rtol=4 * np.finfo(dtype).eps)
    np.testing.assert_allclose(get("log_softmax")(x), np.full(n, -np.log(n), dtype),
                               rtol=4 * np.finfo(dtype).eps)


@pytest.mark.parametrize("name", SOFTMAX_KIN + ["glu"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_an_empty_array_gives_the_empty_result(name, dtype):
    """Shape (3, 0, 2): no value to compute, but the axis it runs along has values."""
    f = get(name)
    for shape, axis in (((3, 0, 2), -1), ((4, 0, 2), 0)):
        x = np.zeros(shape, dtype=dtype)
        m = x.shape[axis] // 2 if name == "glu" else x.shape[axis]
        shape = list(x.shape)
        shape[axis] = m
        assert f(x, axis=axis).shape == tuple(shape) and f(x, axis=axis).dtype == dtype
        assert f.jvp(x, x, axis=axis).shape == tuple(shape) and f.jvp(x, x, axis=axis).dtype == dtype
        jacobian = f.derivative(x, axis=axis)
        rest = [d for k, d in enumerate(x.shape) if k != axis % 3]
        assert jacobian.shape == (*rest, m, x.shape[axis]) and jacobian.dtype == dtype


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin", "sparsemax", "glu"])
def test_an_empty_axis_is_an_input_error(name):
    with pytest.raises(InputError, match=rf"^{name} needs at least one value along axis -1; "
                                         r"the input has shape \(3, 0\)$"):
        get(name)(np.zeros((3, 0)))
