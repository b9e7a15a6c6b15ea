"""compare(): everything equal but the activation, reproducible, ties, divergence, metrics."""
import numpy as np
import pytest

from activation_cli.catalog import CATALOG
from activation_cli.compare.comparison import (LIMITS, Settings, batch_order, compare, informative, mcnemar_exact,
                                       prepare, split, within_noise)
from activation_cli.compare.datasets import Dataset, builtin
from activation_cli.errors import InputError, ParameterError


def test_relu_reaches_95_percent_on_moons_with_the_defaults():
    result = compare(["relu"], "moons")
    assert result.runs[0].final("val_accuracy") >= 0.95
    assert (result.train_rows, result.val_rows) == (400, 100)


def test_same_seed_same_numbers_other_seed_other_numbers():
    settings = Settings(epochs=5)
    first = compare(["relu", "tanh"], "spirals", settings)
    again = compare(["relu", "tanh"], "spirals", settings)
    other = compare(["relu", "tanh"], "spirals", Settings(epochs=5, seed=1))
    for a, b, c in zip(first.runs, again.runs, other.runs):
        assert a.history == b.history and a.gradient_norms == b.gradient_norms
        assert a.history != c.history


def test_a_run_does_not_depend_on_what_else_is_compared():
    a = compare(["tanh"], "moons", Settings(epochs=3)).runs[0]
    b = compare(["tanh", "relu"], "moons", Settings(epochs=3)).runs[0]
    assert a.history == b.history


def test_history_has_one_entry_per_epoch_plus_the_start():
    run = compare(["sigmoid"], "sine", Settings(epochs=4)).runs[0]
    assert run.history["epoch"] == [0, 1, 2, 3, 4]
    assert set(run.history) == {"epoch", "train_loss", "val_loss", "val_r2", "val_rmse"}


def test_split_is_stratified_and_standardized_from_training_rows_only():
    data = builtin("moons")
    train, held = split(data, 0.2, seed=0)
    assert len(np.intersect1d(train, held)) == 0 and len(train) + len(held) == data.rows
    assert data.targets[held].mean() == 0.5
    prepared = prepare(data, 0.2, 0)
    np.testing.assert_allclose(prepared.x_train.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(prepared.x_train.std(axis=0), 1)
    assert abs(prepared.x_val.mean()) > 1e-6  # the validation rows are not re-centred


def test_batch_order_covers_every_row_once_per_epoch():
    epochs = batch_order(10, 4, 2, seed=0)
    assert [len(b) for b in epochs[0]] == [4, 4, 2]
    for batches in epochs:
        assert sorted(np.concatenate(batches).tolist()) == list(range(10))
    assert not np.array_equal(np.concatenate(epochs[0]), np.concatenate(epochs[1]))


def test_deep_sigmoid_shows_the_vanishing_gradient():
    result = compare(["sigmoid", "relu"], "moons", Settings(layers=10, epochs=1))
    sigmoid, relu = result.runs
    assert sigmoid.gradient_norms[0] < 1e-4 * relu.gradient_norms[0]
    assert sigmoid.gradient_norms[0] < 1e-3 * sigmoid.gradient_norms[-1]  # shrinks layer after layer


def test_a_diverging_run_is_reported_not_raised():
    result = compare(["relu", "tanh"], "sine", Settings(lr=1e300, epochs=3))
    relu = result.runs[0]
    assert relu.verdict == "diverged" and relu.diverged_at == 1 and relu.final("val_loss") is None
    assert result.as_dict()["runs"][0]["final"] == {"train_loss": None, "val_loss": None, "val_r2": None,
                                                    "val_rmse": None}


def test_ties_follow_mcnemars_exact_test_for_right_or_wrong_rows():
    ones = np.ones(100)
    assert within_noise(ones, ones)

    def behind(k, ahead=0):
        other = ones.copy()
        other[:k] = 0
        mine = ones.copy()
        mine[k:k + ahead] = 0
        return mine, other

    assert within_noise(*behind(5))              # 5 discordant rows, all one way: p = 2/32 = 0.0625
    assert not within_noise(*behind(6))          # p = 2/64 = 0.03125
    assert within_noise(*behind(9, ahead=2))     # 9 vs 2: p = 2·(1 + 11 + 55)/2048 = 0.0654
    assert not within_noise(*behind(10, ahead=2))  # 10 vs 2: p = 2·(1 + 12 + 66)/4096 = 0.0386
    assert mcnemar_exact(3, 3) == 1.0 and mcnemar_exact(0, 1) == 1.0


def test_ties_of_continuous_scores_use_a_paired_z_test():
    rng = np.random.default_rng(0)
    a = rng.normal(size=400)
    assert within_noise(a, a + 0.01 * rng.normal(size=400))            # noise around zero
    assert not within_noise(a, a - 0.1 + 0.01 * rng.normal(size=400))   # a steady shift


def test_paired_z_test_is_scale_free_and_warns_on_no_input():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=50), rng.normal(size=50) + 0.2
    assert within_noise(a, b) == within_noise(1e306 * a, 1e306 * b) == within_noise(1e-300 * a, 1e-300 * b)
    big = 1e308 * (1 + np.abs(a) / 10)
    assert not within_noise(-big, big)  # the differences overflow to -inf
    assert not within_noise(np.r_[-np.inf, a[1:]], b)
    assert within_noise(np.r_[-np.inf, a[1:]], np.r_[-np.inf, a[1:]])  # identical, even with inf


def test_verdicts_best_tie_and_epochs_to_90():
    result = compare(["relu", "tanh", "sigmoid"], "moons")
    verdicts = {run.activation: run.verdict for run in result.runs}
    assert list(verdicts.values()).count("best") == 1
    best = result.best
    assert best.final("val_accuracy") == max(run.final("val_accuracy") for run in result.runs)
    peak = max(max(run.history["val_accuracy"][1:]) for run in result.runs)
    assert result.target_90 == pytest.approx(0.9 * peak)
    for run in result.runs:
        if run.epochs_to_90 is not None:
            assert run.epochs_to_90 >= 1
            assert run.history["val_accuracy"][run.epochs_to_90] >= result.target_90
            assert max(run.history["val_accuracy"][1:run.epochs_to_90], default=0) < result.target_90


def test_identical_runs_tie_and_no_run_is_best():
    # leaky_relu with slope 0 is relu: same init (He), same numbers, so neither may win
    result = compare(["relu", "leaky_relu:negative_slope=0"], "moons", Settings(epochs=5))
    assert result.runs[0].history == result.runs[1].history
    assert [run.verdict for run in result.runs] == ["tie", "tie"]
    assert result.best is None and result.as_dict()["best"] is None


def test_a_lone_run_or_one_significantly_ahead_is_best():
    assert compare(["relu"], "moons", Settings(epochs=2)).runs[0].verdict == "best"
    result = compare(["relu", "sigmoid"], "spirals", Settings(epochs=20))
    assert [run.verdict for run in result.runs] == ["best", ""]


def test_epochs_to_90_never_counts_the_untrained_network():
    # xor at epoch 0 already scores ~50%, above 90% of a peak near 55% with a learning rate too
    # small to learn: epoch 0 must not count as "reached"
    result = compare(["sigmoid"], "xor", Settings(epochs=3, lr=1e-6))
    run = result.runs[0]
    assert run.history["val_accuracy"][0] >= result.target_90
    assert run.epochs_to_90 is not None and run.epochs_to_90 >= 1


def _table(features, targets):
    targets = np.asarray(targets, dtype=np.float64).reshape(-1, 1)
    names = tuple(f"f{j}" for j in range(features.shape[1]))
    return Dataset("t.csv", features, targets, "binary", 2, names, ("y",), ("0", "1"))


def test_constant_feature_columns_are_dropped_with_a_note():
    y = np.arange(60) % 2
    data = _table(np.column_stack([np.full(60, 3.0), y + 0.1 * (np.arange(60) % 3), np.zeros(60)]), y)
    result = compare(["relu"], data, Settings(epochs=2))
    assert result.dataset.feature_names == ("f1",) and result.dataset.features.shape == (60, 1)
    assert result.dataset.notes == ("dropped feature columns 'f0', 'f2': one value on every training row "
                                    "carries no information",)
    untouched = _table(np.arange(40.0)[:, None], y)
    assert informative(untouched, np.arange(40)) is untouched


def test_no_informative_feature_is_refused():
    y = np.arange(60) % 2
    with pytest.raises(InputError, match=r"^t\.csv: every feature column is constant on the training rows "
                                         r"\('f0', 'f1'\): nothing to learn from$"):
        compare(["relu", "tanh"], _table(np.column_stack([np.ones(60), np.full(60, -2.0)]), y))
    # constant on the training rows only (the odd value is held out) is still no information
    x = np.ones(60)
    train, held = split(_table(x[:, None], y), 0.2, 0)
    x[held[0]] = 5.0
    with pytest.raises(InputError, match="every feature column is constant on the training rows"):
        compare(["relu"], _table(x[:, None], y))


def test_both_splits_need_ten_rows_and_every_class():
    moons = builtin("moons")
    with pytest.raises(ParameterError, match="^--val 0.999 leaves 2 training rows of 500; each split needs at "
                                             "least 10 rows: lower --val$"):
        split(moons, 0.999, 0)
    with pytest.raises(ParameterError, match="^--val 0.001 leaves 2 validation rows of 500; each split needs "
                                             "at least 10 rows: raise --val$"):
        split(moons, 0.001, 0)
    train, held = split(moons, 0.02, 0)  # 5 per class: 10 rows, both classes
    assert held.size == 10 and set(moons.targets[held, 0]) == {0.0, 1.0}
    y = np.r_[np.zeros(19), np.ones(1)]
    with pytest.raises(InputError, match="^t.csv: class '1' has 1 row; every class needs a row in the training "
                                         "split and one in the validation split$"):
        split(_table(np.arange(20.0)[:, None], y), 0.5, 0)
    with pytest.raises(InputError, match=r"^t.csv has 19 rows: too few to train and validate; actv compare "
                                         r"needs at least 10 rows in each split \(20 in all\)$"):
        split(_table(np.arange(19.0)[:, None], np.arange(19) % 2), 0.5, 0)
    sine = builtin("sine")  # regression: the same rule, without classes
    with pytest.raises(ParameterError, match="^--val 0.01 leaves 5 validation rows of 500"):
        split(sine, 0.01, 0)


@pytest.mark.parametrize("name", list(LIMITS))
def test_whole_number_settings_have_upper_bounds(name):
    low, high = LIMITS[name]
    assert Settings(**{name: high}).__getattribute__(name) == high
    option = "--" + name.replace("_", "-")
    with pytest.raises(ParameterError, match=f"^{option} must be a whole number from {low} to {high}, "
                                             f"not {high + 1}$"):
        Settings(**{name: high + 1}).checked()


def test_activation_parameters_and_bad_settings():
    with pytest.raises(ParameterError, match="^relu is named twice$"):
        compare(["relu", "ReLU"], "xor", Settings(epochs=1))
    with pytest.raises(ParameterError, match="^--val must be a fraction between 0 and 1"):
        compare(["relu"], "xor", Settings(val=1.0))
    with pytest.raises(ParameterError, match="^--epochs must be a whole number from 1 to 10000, not 0$"):
        compare(["relu"], "xor", Settings(epochs=0))
    with pytest.raises(ParameterError, match="^relu has no parameter 'alpha'; it takes no parameters.$"):
        compare(["relu:alpha=1"], "xor", Settings(epochs=1))


def test_regression_rmse_is_in_the_targets_units_and_r2_matches_its_definition():
    data = builtin("sine")
    result = compare(["tanh"], data, Settings(epochs=5))
    run = result.runs[0]
    train_rows, val_rows = split(data, 0.2, 0)
    std = data.targets[train_rows].std()
    assert run.final("val_rmse") == pytest.approx(np.sqrt(run.final("val_loss")) * std, rel=1e-12)
    y = data.targets[val_rows]
    mse_units = run.final("val_loss") * std ** 2
    assert run.final("val_r2") == pytest.approx(1 - mse_units / y.var(), rel=1e-9)


def test_values_near_the_float64_limit_standardize_without_overflow(tmp_path):
    from activation_cli.compare.datasets import from_csv

    path = tmp_path / "big.csv"
    rows = ["1e308,1,3e307", "-1e308,2,-1e308", "5e307,3,1e308", "1e300,4,0", "-3e307,5,5e307", "2e307,6,1"]
    rows += [f"{(-1) ** i * (i + 1)}e306,{i + 7},{(-1) ** (i // 2) * (14 - i)}e306" for i in range(14)]
    path.write_text("a,b,y\n" + "\n".join(rows) + "\n")
    result = compare(["relu"], from_csv(str(path), "y", "regression"), Settings(epochs=2, val=0.5))
    run = result.runs[0]
    assert not run.diverged and 1e307 < run.final("val_rmse") < np.inf


def test_positive_regression_trains_a_softplus_output_on_targets_divided_only(tmp_path):
    from activation_cli.compare.datasets import from_csv

    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 200)
    path = tmp_path / "prices.csv"
    path.write_text("x,price\n" + "".join(f"{a},{np.exp(a)}\n" for a in x))
    result = compare(["relu"], from_csv(str(path), "price", "positive"), Settings(epochs=40))
    assert result.output == "softplus" and result.loss.name == "mean squared error"
    assert result.metrics == ("val_r2", "val_rmse") and result.runs[0].final("val_r2") > 0.98
    prepared = prepare(result.dataset, 0.2, 0)
    assert prepared.y_train.min() > 0  # divided, not centred
    np.testing.assert_allclose(np.sqrt(np.mean(prepared.y_train ** 2)), 1)


@pytest.mark.skipif("glu" not in CATALOG, reason="glu is not in the catalog yet")
def test_glu_is_refused_as_a_gated_layer():
    with pytest.raises(ParameterError, match="^glu is a gated layer .*: actv compare does not train gated "
                                             "layers yet$"):
        compare(["glu"], "xor", Settings(epochs=1))


@pytest.mark.skipif("threshold" not in CATALOG, reason="threshold is not in the catalog yet")
def test_required_parameters_are_asked_for_in_compare_syntax():
    with pytest.raises(ParameterError) as error:
        compare(["threshold"], "xor", Settings(epochs=1))
    assert str(error.value) == ("threshold needs threshold, value (no framework gives them a default): write "
                                "threshold:threshold=VALUE,value=VALUE")
    result = compare(["threshold:threshold=0,value=0"], "xor", Settings(epochs=2))
    assert result.runs[0].activation == "threshold:threshold=0,value=0"


@pytest.mark.parametrize("wins, losses", [(0, 0), (1, 0), (4, 1), (7, 2), (30, 12), (200, 160)])
def test_mcnemar_exact_equals_scipys_binomial_test(wins, losses):
    from scipy.stats import binomtest

    expected = 1.0 if wins + losses == 0 else binomtest(wins, wins + losses, 0.5).pvalue
    assert mcnemar_exact(wins, losses) == pytest.approx(expected, rel=1e-12)


def test_progress_callback_gets_every_epoch_of_every_activation():
    calls = []
    compare(["relu", "tanh"], "xor", Settings(epochs=3), progress=lambda *call: calls.append(call))
    assert calls == [("relu", 1, 3), ("relu", 2, 3), ("relu", 3, 3), ("tanh", 1, 3), ("tanh", 2, 3), ("tanh", 3, 3)]


def test_the_package_is_the_compare_function():
    import activation_cli
    import activation_cli.compare.datasets  # noqa: F401  (the submodule first: the name must still call)
    from activation_cli import compare as api

    result = api(["relu"], "moons", Settings(epochs=1))
    assert activation_cli.compare is api and [run.activation for run in result.runs] == ["relu"]


def test_float32_trains_in_float32_close_to_float64_and_reproducibly():
    wide = compare(["relu", "tanh"], "moons", Settings(epochs=30))
    narrow = compare(["relu", "tanh"], "moons", Settings(epochs=30, dtype="float32"))
    again = compare(["relu", "tanh"], "moons", Settings(epochs=30, dtype="float32"))
    assert narrow.settings.dtype == "float32" and narrow.as_dict()["settings"]["dtype"] == "float32"
    for w, n, a in zip(wide.runs, narrow.runs, again.runs):
        assert n.history == a.history  # the same seed, the same numbers
        assert n.history != w.history  # computed in float32, not float64
        assert all(type(v) is float for v in n.history["val_loss"])
        assert n.final("val_accuracy") >= 0.95
        assert abs(n.final("val_accuracy") - w.final("val_accuracy")) <= 0.02
        assert n.gradient_norms == pytest.approx(w.gradient_norms, rel=1e-5)  # the same start, to float32


def test_dtype_setting_accepts_numpy_spellings_and_refuses_others():
    assert Settings(dtype=np.float32).checked().dtype == "float32"
    assert Settings(dtype="f8").checked().dtype == "float64"
    for bad in ("float16", "int", "double-ish", 32):
        with pytest.raises(ParameterError, match="^--dtype must be float64 or float32, not "):
            Settings(dtype=bad).checked()
