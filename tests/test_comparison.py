"""compare(): everything equal but the activation, reproducible, ties, divergence, metrics."""
import numpy as np
import pytest

from activation_cli.catalog import CATALOG
from activation_cli.compare.comparison import (LIMITS, Interrupted, Settings, batch_order, compare, informative,
                                               paired_t_test, prepare, significantly_ahead, split,
                                               student_t_two_sided)
from activation_cli.compare.datasets import Dataset, builtin
from activation_cli.errors import InputError, ParameterError


def test_relu_reaches_95_percent_on_moons_with_the_defaults():
    result = compare(["relu"], "moons", Settings(seeds=1))
    assert result.rows[0].runs[0].final("val_accuracy") >= 0.95
    assert (result.train_rows, result.val_rows) == (400, 100)


def test_same_seed_same_numbers_other_seed_other_numbers():
    settings = Settings(epochs=5, seeds=1)
    first = compare(["relu", "tanh"], "spirals", settings)
    again = compare(["relu", "tanh"], "spirals", settings)
    other = compare(["relu", "tanh"], "spirals", Settings(epochs=5, seed=1, seeds=1))
    for a, b, c in zip(first.rows, again.rows, other.rows):
        a, b, c = a.runs[0], b.runs[0], c.runs[0]
        assert a.history == b.history and a.gradient_norms == b.gradient_norms
        assert a.history != c.history


def test_run_i_of_every_activation_has_seed_i_and_seeds_change_split_weights_and_order():
    data = builtin("moons")
    three = compare(["relu", "tanh"], data, Settings(epochs=2, seeds=3))
    assert three.seeds == (0, 1, 2) and [len(row.runs) for row in three.rows] == [3, 3]
    for seed in (0, 1, 2):  # run i is the run a one-seed comparison with --seed i makes
        alone = compare(["relu", "tanh"], data, Settings(epochs=2, seed=seed, seeds=1))
        for row, single in zip(three.rows, alone.rows):
            assert row.runs[seed].history == single.runs[0].history
            assert row.runs[seed].gradient_norms == single.runs[0].gradient_norms
    relu = three.rows[0].runs
    assert len({run.gradient_norms[0] for run in relu}) == 3  # other initial weights (and split)
    assert not np.array_equal(split(data, 0.2, 0)[1], split(data, 0.2, 1)[1])
    assert not np.array_equal(np.concatenate(batch_order(400, 32, 1, 0)[0]),
                              np.concatenate(batch_order(400, 32, 1, 1)[0]))


def test_parallel_workers_give_the_same_numbers_bit_for_bit():
    settings = Settings(epochs=3, seeds=2)
    one = compare(["relu", "tanh", "sigmoid"], "spirals", settings, jobs=1)
    two = compare(["relu", "tanh", "sigmoid"], "spirals", settings, jobs=2)
    for a, b in zip(one.rows, two.rows):
        assert a.activation == b.activation and a.verdict == b.verdict and a.rank == b.rank
        for x, y in zip(a.runs, b.runs):
            assert x.history == y.history and x.gradient_norms == y.gradient_norms
            assert x.scores.tobytes() == y.scores.tobytes()
    strip = [{k: v for k, v in row.items() if k != "seconds"} for row in one.as_dict()["runs"]]
    for row in strip:
        for seed in row["seeds"]:
            del seed["seconds"]
    again = [{k: v for k, v in row.items() if k != "seconds"} for row in two.as_dict()["runs"]]
    for row in again:
        for seed in row["seeds"]:
            del seed["seconds"]
    assert strip == again


def test_a_run_does_not_depend_on_what_else_is_compared():
    a = compare(["tanh"], "moons", Settings(epochs=3, seeds=2)).rows[0]
    b = compare(["tanh", "relu"], "moons", Settings(epochs=3, seeds=2)).rows[0]
    assert [run.history for run in a.runs] == [run.history for run in b.runs]


def test_history_has_one_entry_per_epoch_plus_the_start():
    run = compare(["sigmoid"], "sine", Settings(epochs=4, seeds=1)).rows[0].runs[0]
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
    result = compare(["sigmoid", "relu"], "moons", Settings(layers=10, epochs=1, seeds=1))
    sigmoid, relu = (row.runs[0] for row in result.rows)
    assert sigmoid.gradient_norms[0] < 1e-4 * relu.gradient_norms[0]
    assert sigmoid.gradient_norms[0] < 1e-3 * sigmoid.gradient_norms[-1]  # shrinks layer after layer


def test_a_diverging_run_is_reported_not_raised():
    result = compare(["relu", "tanh"], "sine", Settings(lr=1e300, epochs=3, seeds=2))
    relu = result.rows[0]
    assert relu.verdict == "diverged" and relu.runs[0].diverged_at == 1 and relu.mean("val_loss") is None
    assert relu.rank is None and result.best is None
    data = result.as_dict()["runs"][0]
    assert data["mean"] == data["sd"] == {"train_loss": None, "val_loss": None, "val_r2": None, "val_rmse": None}
    assert data["seeds"][0]["final"]["val_loss"] is None and data["diverged_seeds"] == [0, 1]


def test_a_loss_that_explodes_without_overflowing_is_diverged_and_never_best():
    # lr 1e10 on moons: the losses stay finite (~1e9) but far above the untrained network's
    result = compare(["relu", "tanh", "sigmoid"], "moons", Settings(lr=1e10, epochs=5, seeds=2))
    for row in result.rows:
        assert row.diverged and row.verdict == "diverged" and row.rank is None
        run = row.runs[0]
        assert all(np.isfinite(run.history["train_loss"]))
        loss = run.history["train_loss"]
        first = run.history["epoch"].index(run.diverged_at)
        assert min(loss[first:]) > 10 * loss[0] and (first == 1 or loss[first - 1] <= 10 * loss[0])
    assert result.best is None and result.as_dict()["best"] is None and result.ranking == []


def test_paired_t_test_matches_scipy():
    from scipy.stats import ttest_rel

    rng = np.random.default_rng(3)
    for n in (2, 3, 5, 10):
        a, b = rng.normal(size=n), rng.normal(size=n) + 0.5
        assert paired_t_test(a - b) == pytest.approx(ttest_rel(a, b).pvalue, rel=1e-10)
    assert paired_t_test(np.array([0.01, 0.01, 0.01])) == 0.0   # the same gap on every seed
    assert paired_t_test(np.zeros(3)) == 1.0 and paired_t_test(np.array([0.5])) == 1.0
    big = np.array([1e308, 0.9e308, 0.8e308])
    assert paired_t_test(big) == pytest.approx(paired_t_test(big / 1e300), rel=1e-12)


@pytest.mark.parametrize("df", [1, 2, 3, 4, 5, 9, 10, 30, 99])
def test_student_t_tail_matches_scipy(df):
    from scipy.stats import t

    for value in (0.0, 0.3, 1.0, 2.0, 2.776, 4.303, 6.0, 12.71, 40.0):
        expected = 2 * t.sf(value, df)
        assert student_t_two_sided(value, df) == pytest.approx(expected, rel=1e-8, abs=1e-13)
        assert student_t_two_sided(-value, df) == student_t_two_sided(value, df)


def test_best_needs_every_seed_and_a_significant_paired_t_test():
    assert significantly_ahead(np.array([0.9, 0.92, 0.95]), np.array([0.8, 0.85, 0.9]))   # p = 0.015
    assert not significantly_ahead(np.array([0.9, 0.92, 0.95]), np.array([0.8, 0.93, 0.9]))  # loses seed 1
    # ahead on every seed, but too unevenly for 3 seeds: t = 3.1 < 4.30, p = 0.09
    assert not significantly_ahead(np.array([0.97, 0.95, 0.99]), np.array([0.83, 0.89, 0.92]))
    assert not significantly_ahead(np.array([0.9, 0.9]), np.array([0.9, 0.9]))
    assert not significantly_ahead(np.array([np.inf, 1.0]), np.array([0.0, 0.0]))


def test_verdicts_ranks_and_epochs_to_90():
    result = compare(["relu", "sigmoid"], "spirals", Settings(epochs=20, seeds=3))
    relu, sigmoid = result.rows
    assert (relu.verdict, sigmoid.verdict) == ("best", "") and (relu.rank, sigmoid.rank) == (1, 2)
    assert (relu.scores > sigmoid.scores).all() and paired_t_test(relu.scores - sigmoid.scores) < 0.05
    assert result.as_dict()["ranking"] == ["relu", "sigmoid"] and result.as_dict()["best"] == "relu"
    peak = max(max(run.history["val_accuracy"][1:]) for row in result.rows for run in row.runs)
    assert result.target_90 == pytest.approx(0.9 * peak)
    for row in result.rows:
        for run in row.runs:
            if run.epochs_to_90 is not None:
                assert run.epochs_to_90 >= 1
                assert run.history["val_accuracy"][run.epochs_to_90] >= result.target_90
                assert max(run.history["val_accuracy"][1:run.epochs_to_90], default=0) < result.target_90
    assert relu.epochs_to_90 == pytest.approx(np.mean([run.epochs_to_90 for run in relu.runs]))
    assert relu.mean("val_accuracy") == pytest.approx(np.mean([run.final("val_accuracy") for run in relu.runs]))
    assert relu.sd("val_accuracy") == pytest.approx(np.std([run.final("val_accuracy") for run in relu.runs],
                                                           ddof=1))


def test_one_seed_gives_a_ranking_and_no_verdict():
    result = compare(["relu", "sigmoid"], "spirals", Settings(epochs=20, seeds=1))
    assert [row.verdict for row in result.rows] == ["", ""] and [row.rank for row in result.rows] == [1, 2]
    assert result.best is None and result.ties == []


def test_identical_runs_tie_and_no_run_is_best():
    # leaky_relu with slope 0 is relu: same init (He), same numbers, so neither may win
    result = compare(["relu", "leaky_relu:negative_slope=0"], "moons", Settings(epochs=5, seeds=2))
    assert [run.history for run in result.rows[0].runs] == [run.history for run in result.rows[1].runs]
    assert [row.verdict for row in result.rows] == ["tie", "tie"]
    assert result.best is None and result.as_dict()["best"] is None


def test_a_lone_activation_is_never_best():
    result = compare(["relu"], "moons", Settings(epochs=2, seeds=2))
    assert result.rows[0].verdict == "" and result.rows[0].rank == 1 and result.best is None


def test_epochs_to_90_never_counts_the_untrained_network():
    # xor at epoch 0 already scores ~50%, above 90% of a peak near 55% with a learning rate too
    # small to learn: epoch 0 must not count as "reached"
    result = compare(["sigmoid"], "xor", Settings(epochs=3, lr=1e-6, seeds=1))
    run = result.rows[0].runs[0]
    assert run.history["val_accuracy"][0] >= result.target_90
    assert run.epochs_to_90 is not None and run.epochs_to_90 >= 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_keeps_the_activations_whose_runs_all_finished(jobs):
    calls = []

    def progress(label, seed, epoch, epochs):
        calls.append((label, seed, epoch))
        if label == "tanh" and seed == 1 and epoch == epochs:
            raise KeyboardInterrupt

    with pytest.raises(Interrupted) as stop:
        compare(["relu", "tanh", "sigmoid"], "xor", Settings(epochs=2, seeds=2), progress=progress, jobs=jobs)
    partial = stop.value.partial
    assert partial.interrupted and partial.planned == 6
    shown = [row.activation for row in partial.rows]
    if jobs == 1:
        assert shown == ["relu"]  # tanh's seed 1 was stopped before it returned
    else:  # the workers may have finished more runs, sigmoid's too, before the parent read tanh's message
        assert shown == [label for label in ("relu", "tanh", "sigmoid") if label in shown]
        assert partial.finished >= 2 * len(shown)
    assert all(len(row.runs) == 2 for row in partial.rows)
    assert all(row.verdict in ("", "diverged") for row in partial.rows)
    assert partial.as_dict()["interrupted"]["runs_planned"] == 6


def _table(features, targets):
    targets = np.asarray(targets, dtype=np.float64).reshape(-1, 1)
    names = tuple(f"f{j}" for j in range(features.shape[1]))
    return Dataset("t.csv", features, targets, "binary", 2, names, ("y",), ("0", "1"))


def test_constant_feature_columns_are_dropped_with_a_note():
    y = np.arange(60) % 2
    data = _table(np.column_stack([np.full(60, 3.0), y + 0.1 * (np.arange(60) % 3), np.zeros(60)]), y)
    result = compare(["relu"], data, Settings(epochs=2, seeds=1))
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
    result = compare(["tanh"], data, Settings(epochs=5, seeds=1))
    run = result.rows[0].runs[0]
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
    result = compare(["relu"], from_csv(str(path), "y", "regression"), Settings(epochs=2, val=0.5, seeds=2))
    run = result.rows[0].runs[0]
    assert not run.diverged and 1e307 < run.final("val_rmse") < np.inf


def test_positive_regression_trains_a_softplus_output_on_targets_divided_only(tmp_path):
    from activation_cli.compare.datasets import from_csv

    rng = np.random.default_rng(0)
    x = rng.uniform(-2, 2, 200)
    path = tmp_path / "prices.csv"
    path.write_text("x,price\n" + "".join(f"{a},{np.exp(a)}\n" for a in x))
    result = compare(["relu"], from_csv(str(path), "price", "positive"), Settings(epochs=40, seeds=1))
    assert result.output == "softplus" and result.loss.name == "mean squared error"
    assert result.metrics == ("val_r2", "val_rmse") and result.rows[0].runs[0].final("val_r2") > 0.98
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
    result = compare(["threshold:threshold=0,value=0"], "xor", Settings(epochs=2, seeds=1))
    assert result.rows[0].activation == "threshold:threshold=0,value=0"


def test_progress_callback_gets_every_epoch_of_every_run():
    calls = []
    compare(["relu", "tanh"], "xor", Settings(epochs=2, seeds=2), progress=lambda *call: calls.append(call))
    assert calls == [("relu", 0, 1, 2), ("relu", 0, 2, 2), ("relu", 1, 1, 2), ("relu", 1, 2, 2),
                     ("tanh", 0, 1, 2), ("tanh", 0, 2, 2), ("tanh", 1, 1, 2), ("tanh", 1, 2, 2)]
    calls.clear()
    compare(["relu", "tanh"], "xor", Settings(epochs=2, seeds=2), progress=lambda *call: calls.append(call),
            jobs=2)  # from the workers: every run reports at least its last epoch
    assert {call for call in calls if call[2] == 2} == {("relu", 0, 2, 2), ("relu", 1, 2, 2), ("tanh", 0, 2, 2),
                                                       ("tanh", 1, 2, 2)}


def test_the_package_is_the_compare_function():
    import activation_cli
    import activation_cli.compare.datasets  # noqa: F401  (the submodule first: the name must still call)
    from activation_cli import compare as api

    result = api(["relu"], "moons", Settings(epochs=1, seeds=1))
    assert activation_cli.compare is api and [row.activation for row in result.rows] == ["relu"]


def test_float32_trains_in_float32_close_to_float64_and_reproducibly():
    wide = compare(["relu", "tanh"], "moons", Settings(epochs=30, seeds=1))
    narrow = compare(["relu", "tanh"], "moons", Settings(epochs=30, dtype="float32", seeds=1))
    again = compare(["relu", "tanh"], "moons", Settings(epochs=30, dtype="float32", seeds=1))
    assert narrow.settings.dtype == "float32" and narrow.as_dict()["settings"]["dtype"] == "float32"
    for w, n, a in zip(*([row.runs[0] for row in result.rows] for result in (wide, narrow, again))):
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
