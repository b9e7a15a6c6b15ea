"""actv compare: the table, JSON schema, the plot file, CSV data, and bad input (exit 2, one line)."""
import json

import pytest


def test_table_shows_mean_and_sd_over_seeds_and_names_the_best_row(actv):
    result = actv("compare", "relu", "sigmoid", "--dataset", "spirals", "--epochs", "20")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].strip() == "spirals (multiclass): 2×32 hidden, 20 epochs, 3 seeds"
    rows = {line.split()[0]: line.split() for line in lines if line.split() and line.split()[0] in ("relu", "sigmoid")}
    data = json.loads(actv("compare", "relu", "sigmoid", "--dataset", "spirals", "--epochs", "20",
                           "--format", "json").output)
    for run in data["runs"]:
        mean, sd = run["mean"]["val_accuracy"], run["sd"]["val_accuracy"]
        assert rows[run["activation"]][3] == f"{100 * mean:.1f}±{100 * sd:.1f}%"
    assert rows["relu"][-1] == "best" and rows["sigmoid"][-1] != "best"
    text = " ".join(result.output.split())
    assert "Output softmax + categorical cross-entropy; Adam lr 0.01, batch 32; seeds 0–2 (each sets the split, " \
           "initial weights and batch order); cells are mean±sd over the seeds (time and grad W1: means); " \
           "480 training rows, 120 validation rows" in text
    assert "Initial weights: he (relu), glorot (sigmoid)." in text
    assert "Best: relu: higher validation accuracy than every other activation on each of the 3 seeds, and each " \
           "difference significant (a paired t-test over the 3 seeds, two-sided, 5%)." in text
    assert "Epochs to 90%: the first epoch after which validation accuracy reached" in text


def test_one_seed_ranks_without_a_best_and_says_why(actv):
    result = actv("compare", "relu", "sigmoid", "--dataset", "spirals", "--epochs", "20", "--seeds", "1")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()
            if line.split() and line.split()[0] in ("relu", "sigmoid")}
    assert rows["relu"][-1] == "1st" and rows["sigmoid"][-1] == "2nd"
    assert "±" not in result.output.split("Output")[0]
    text = " ".join(result.output.split())
    assert "Ranking by validation accuracy: relu, sigmoid. No best with one seed: a single run cannot tell the " \
           "activation from the luck of its seed (split, initial weights, batch order); use --seeds 3." in text
    assert "Best:" not in text
    data = json.loads(actv("compare", "relu", "sigmoid", "--dataset", "spirals", "--epochs", "20", "--seeds", "1",
                           "--format", "json").output)
    assert data["best"] is None and data["ranking"] == ["relu", "sigmoid"]
    assert data["runs"][0]["sd"]["val_accuracy"] is None


def test_a_single_activation_is_never_best(actv):
    result = actv("compare", "relu", "--epochs", "2")
    text = " ".join(result.output.split())
    assert "One activation: nothing to compare it with, so no best." in text and "Best" not in text
    assert json.loads(actv("compare", "relu", "--epochs", "2", "--format", "json").output)["best"] is None


def test_json_schema(actv):
    result = actv("compare", "relu", "tanh", "--dataset", "spirals", "--epochs", "3", "--seeds", "2",
                  "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"dataset", "task", "output", "settings", "seeds", "train_rows", "val_rows", "metrics",
                         "best", "ties", "ranking", "noise", "epochs_to_90_target", "runs"}
    assert data["task"] == "multiclass" and data["dataset"]["classes"] == 3
    assert data["output"] == {"activation": "softmax", "loss": "categorical cross-entropy",
                              "pytorch": "nn.CrossEntropyLoss()",
                              "keras": "sparse_categorical_crossentropy(from_logits=True)"}
    assert data["settings"] == {"layers": 2, "units": 32, "lr": 0.01, "batch_size": 32, "epochs": 3, "seed": 0,
                                "seeds": 2, "val": 0.2, "init": None, "dtype": "float64"}
    assert data["seeds"] == [0, 1] and "paired t-test over the seeds" in data["noise"]
    assert [run["activation"] for run in data["runs"]] == ["relu", "tanh"]
    row = data["runs"][0]
    assert set(row) == {"activation", "params", "initializer", "verdict", "rank", "diverged", "diverged_seeds",
                        "mean", "sd", "epochs_to_90", "seconds", "first_layer_gradient_norm", "seeds"}
    assert set(row["mean"]) == set(row["sd"]) == {"train_loss", "val_loss", "val_accuracy"}
    assert [run["seed"] for run in row["seeds"]] == [0, 1]
    run = row["seeds"][0]
    assert set(run) == {"seed", "activation", "params", "initializer", "diverged", "diverged_at_epoch", "final",
                        "epochs_to_90", "seconds", "first_layer_gradient_norm", "gradient_norms_at_start", "history"}
    assert set(run["final"]) == {"train_loss", "val_loss", "val_accuracy"}
    assert run["history"]["epoch"] == [0, 1, 2, 3] and len(run["history"]["val_accuracy"]) == 4
    assert run["final"]["val_accuracy"] == run["history"]["val_accuracy"][-1]
    finals = [seed["final"]["val_accuracy"] for seed in row["seeds"]]
    assert row["mean"]["val_accuracy"] == pytest.approx(sum(finals) / 2)
    assert row["sd"]["val_accuracy"] == pytest.approx(abs(finals[0] - finals[1]) / 2 ** 0.5)
    assert len(run["gradient_norms_at_start"]) == 3
    assert sorted(data["ranking"]) == ["relu", "tanh"]


def test_init_override_and_depth_alias(actv):
    data = json.loads(actv("compare", "tanh", "--init", "he", "--depth", "3", "--epochs", "1",
                           "--format", "json").output)
    assert data["runs"][0]["initializer"] == "he" and data["settings"]["layers"] == 3
    assert len(data["runs"][0]["seeds"][0]["gradient_norms_at_start"]) == 4


def test_plot_writes_a_png(actv, tmp_path):
    target = tmp_path / "curves.png"
    result = actv("compare", "relu", "sigmoid", "--epochs", "3", "--plot", target)
    assert result.exit_code == 0 and result.output.endswith(f"learning curves: {target}\n")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_csv_data_with_a_given_task(actv, tmp_path):
    path = tmp_path / "points.csv"
    rows = "".join(f"{i % 7},{(i * 3) % 5},{'yes' if i % 7 > 3 else 'no'}\n" for i in range(60))
    path.write_text("a,b,label\n" + rows)
    result = actv("compare", "relu", "--data", path, "--target", "label", "--task", "binary", "--epochs", "30",
                  "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["dataset"]["labels"] == ["no", "yes"] and data["val_rows"] == 12
    assert min(seed["final"]["val_accuracy"] for seed in data["runs"][0]["seeds"]) >= 0.9


@pytest.mark.parametrize("args, message", [
    (["--dataset", "moon"], "Error: unknown dataset 'moon'. Did you mean 'moons'?"),
    (["relu", "sigmod"], "Error: unknown activation 'sigmod'. Did you mean 'sigmoid'?"),
    (["softmax"], "Error: softmax is a vector function, not an element-wise hidden-layer activation; "
                  "actv compare picks the output layer from the task"),
    (["--val", "0"], "Error: --val must be a fraction between 0 and 1 (exclusive), not 0.0"),
    (["--lr", "-1"], "Error: --lr must be a finite number > 0, not -1.0"),
    (["--init", "uniform"], "Error: unknown initializer 'uniform'. Choose from: glorot, he, kaiming, lecun, "
                            "xavier."),
    (["--seed", "-1"], "Error: --seed must be a whole number >= 0, not -1"),
    (["--depth", "100", "--units", "512"], "Error: 100 layers of 512 units is 26,214,400 weights; actv compare "
                                           "trains small networks on the CPU (at most 10,000,000): lower --layers "
                                           "or --units"),
    (["--val", "0.999"], "Error: --val 0.999 leaves 2 training rows of 500; each split needs at least 10 rows: "
                         "lower --val"),
    (["--val", "0.001"], "Error: --val 0.001 leaves 2 validation rows of 500; each split needs at least 10 rows: "
                         "raise --val"),
    (["--task", "foo"], "Error: unknown task 'foo'. Choose from: binary, multiclass, multilabel, positive, "
                        "regression."),
    (["--plot", "curves.gif"], "Error: --plot curves.gif: use a .png, .svg or .pdf file name"),
    (["--target", "y"], "Error: --target names a column of --data FILE.csv"),
    (["--task", "regression"], "Error: moons is a binary dataset, not regression: drop --task, or pick "
                               "another dataset (sine)"),
])
def test_bad_input_is_one_line_and_exit_2(actv, args, message):
    result = actv("compare", "--epochs", "1", *args)
    assert result.exit_code == 2
    assert result.output == message + "\n"


@pytest.mark.parametrize("args, message", [
    (["--epochs", "100000000"], "Error: Invalid value for '--epochs': 100000000 is not in the range 1<=x<=10000."),
    (["--units", "1025"], "Error: Invalid value for '--units': 1025 is not in the range 1<=x<=1024."),
    (["--depth", "101"], "Error: Invalid value for '--layers' / '--depth': 101 is not in the range 1<=x<=100."),
    (["--batch-size", "0"], "Error: Invalid value for '--batch-size': 0 is not in the range 1<=x<=10000."),
])
def test_whole_number_options_are_bounded(actv, args, message):
    result = actv("compare", *args)
    assert result.exit_code == 2
    # one line; the "(see '... compare --help')" hint names the program as it was invoked
    assert result.output.startswith(message + " (see '") and result.output.endswith(" compare --help')\n")
    assert result.output.count("\n") == 1


def test_missing_target_column_in_csv(actv, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a,b\n1,2\n3,4\n")
    result = actv("compare", "--data", path, "--target", "price", "--task", "regression")
    assert result.exit_code == 2 and result.output == f"Error: '{path}' has no column 'price'; its columns are: a, b\n"


def test_csv_task_is_inferred_as_recommend_does(actv, tmp_path):
    path = tmp_path / "points.csv"
    rows = "".join(f"{i % 7};{(i * 3) % 5};{'yes' if i % 7 > 3 else 'no'}\n" for i in range(60))
    path.write_text("a;b;label\n" + rows)  # semicolons: the delimiter is sniffed as recommend does
    data = json.loads(actv("compare", "relu", "--data", path, "--target", "label", "--epochs", "2",
                           "--format", "json").output)
    assert data["task"] == "binary" and data["output"]["activation"] == "sigmoid"
    assert data["dataset"]["notes"] == ["task inferred: column 'label' has two distinct values ('no', 'yes'): "
                                        "binary classification"]
    table = actv("compare", "relu", "--data", path, "--target", "label", "--epochs", "2").output
    assert "Task inferred: column 'label' has two distinct values" in " ".join(table.split())


def test_positive_target_is_inferred_and_gets_a_softplus_output(actv, tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("x,price\n" + "".join(f"{i / 10},{1.5 ** (i / 10):.6f}\n" for i in range(-30, 30)))
    data = json.loads(actv("compare", "tanh", "--data", path, "--target", "price", "--epochs", "2",
                           "--format", "json").output)
    assert data["task"] == "positive" and data["output"]["activation"] == "softplus"
    assert data["metrics"] == ["val_r2", "val_rmse"]
    table = " ".join(actv("compare", "tanh", "--data", path, "--target", "price", "--epochs", "2").output.split())
    assert "Train and val loss: mean squared error on the targets divided by their root mean square (1 = " \
           "predicting 0); val RMSE is in the target's own units." in table


def test_task_aliases_and_tasks_compare_does_not_train(actv):
    assert json.loads(actv("compare", "relu", "--dataset", "spirals", "--task", "Multi-Class", "--epochs", "1",
                           "--format", "json").output)["task"] == "multiclass"
    result = actv("compare", "--task", "bounded")
    assert result.exit_code == 2 and result.output == (
        "Error: actv compare trains binary, multiclass, multilabel, regression, positive tasks, not bounded "
        "(it needs the range [a, b]): use --task regression\n")


def test_option_bounds_are_the_librarys_and_are_documented(actv):
    from activation_cli.cli import compare_command
    from activation_cli.compare.comparison import LIMITS

    ranges = {p.name: (p.type.min, p.type.max) for p in compare_command.params if p.name in LIMITS}
    assert ranges == LIMITS
    text = " ".join(actv("compare", "--help").output.split())
    for phrase in ("Hidden layers, 1 to 100", "Units per hidden layer, 1 to 1024", "Minibatch size, 1 to 10000",
                   "Passes over the training split, 1 to 10000", "each split needs at least 10 rows"):
        assert phrase in text


def test_a_csv_whose_only_feature_is_constant_is_refused(actv, tmp_path):
    path = tmp_path / "flat.csv"
    path.write_text("x,y\n" + "".join(f"1.0,{i % 2}\n" for i in range(60)))
    result = actv("compare", "--data", path, "--target", "y", "--epochs", "5")
    assert result.exit_code == 2
    assert result.output == f"Error: {path}: every feature column is constant on the training rows ('x'): " \
                            "nothing to learn from\n"


def test_a_constant_feature_is_dropped_and_the_caption_says_so(actv, tmp_path):
    path = tmp_path / "part.csv"
    path.write_text("x,c,y\n" + "".join(f"{i % 2 + 0.1 * (i % 5)},3,{i % 2}\n" for i in range(60)))
    result = actv("compare", "relu", "--data", path, "--target", "y", "--epochs", "2")
    assert result.exit_code == 0
    assert "Dropped feature column 'c': one value on every training row carries no information." \
           in " ".join(result.output.split())
    data = json.loads(actv("compare", "relu", "--data", path, "--target", "y", "--epochs", "2",
                           "--format", "json").output)
    assert data["dataset"]["features"] == ["x"]


def test_a_csv_too_small_to_split_says_the_minimum(actv, tmp_path):
    path = tmp_path / "three.csv"
    path.write_text("x,y\n1,0\n2,1\n3,0\n")
    result = actv("compare", "--data", path, "--target", "y", "--task", "binary")
    assert result.exit_code == 2
    assert result.output == f"Error: {path} has 3 rows: too few to train and validate; actv compare needs at " \
                            "least 10 rows in each split (20 in all)\n"


def test_identical_runs_are_ties_without_a_best(actv):
    result = actv("compare", "relu", "leaky_relu:negative_slope=0", "--epochs", "3")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "No best: relu, leaky_relu:negative_slope=0 tie (none is ahead of the others on every seed with a " \
           "significant difference; a paired t-test over the 3 seeds, two-sided, 5%)." in text
    assert "Best:" not in text
    verdicts = [run["verdict"] for run in json.loads(actv("compare", "relu", "leaky_relu:negative_slope=0",
                                                          "--epochs", "3", "--format", "json").output)["runs"]]
    assert verdicts == ["tie", "tie"]


def test_a_run_ahead_of_diverged_runs_only_is_not_best(actv):
    result = actv("compare", "relu", "tanh", "--lr", "30", "--epochs", "10", "--seeds", "2")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "diverged 2/2" in text and "Only relu did not diverge: nothing to compare it with, so no best." in text
    assert "Best" not in text


def test_dtype_float32_is_named_in_the_title_and_the_json(actv):
    result = actv("compare", "relu", "--epochs", "2", "--dtype", "float32")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].strip() == "moons (binary): 2×32 hidden, 2 epochs, 3 seeds, float32"
    data = json.loads(actv("compare", "relu", "--epochs", "2", "--dtype", "float32", "--format", "json").output)
    assert data["settings"]["dtype"] == "float32"
    bad = actv("compare", "--dtype", "float16")
    assert bad.exit_code == 2 and "'float16' is not one of 'float64', 'float32'" in bad.output


def test_an_exploding_loss_is_marked_diverged_and_never_best(actv):
    result = actv("compare", "--lr", "1e10", "--epochs", "5", "--seeds", "2")
    assert result.exit_code == 0
    rows = [line for line in result.output.splitlines() if line.split() and line.split()[0] in
            ("relu", "tanh", "sigmoid")]
    assert len(rows) == 3 and all(row.endswith("diverged 2/2") for row in rows)
    text = " ".join(result.output.split())
    assert "Every activation diverged: try a smaller --lr." in text and "Best" not in text
    assert "Diverged: the training loss became NaN or infinite, or ended above 10× the untrained network's (k/n: " \
           "on k of the n seeds); an activation that diverged on any seed is never best." in text
    data = json.loads(actv("compare", "--lr", "1e10", "--epochs", "5", "--seeds", "1", "--format", "json").output)
    assert data["best"] is None and all(run["diverged"] for run in data["runs"])


def test_columns_say_what_they_measure(actv):
    sine = actv("compare", "tanh", "relu", "--dataset", "sine", "--epochs", "2", "--seeds", "2").output
    sine = " ".join(sine.split())
    assert "Train and val loss: mean squared error on standardized targets (1 = predicting the mean); val RMSE " \
           "is in the target's own units." in sine
    multilabel = " ".join(actv("compare", "relu", "--dataset", "blobs-multilabel", "--epochs", "2",
                               "--seeds", "1").output.split())
    assert "Val acc: per-label accuracy (each label of each row counts once)." in multilabel
    moons = " ".join(actv("compare", "relu", "--epochs", "2", "--seeds", "1").output.split())
    assert "Val acc" not in moons and "standardized targets" not in moons
    assert "Time: training seconds per run. Grad W1: norm of the loss gradient reaching the first layer" in moons


HELP_EXAMPLES = [line.split()[2:] for line in
                 __import__("activation_cli.cli", fromlist=["cli"]).compare_command.help.split("Examples:")[1]
                 .splitlines() if line.strip().startswith("actv compare")]


def _big_csv(folder):
    path = folder / "big.csv"
    rows = [f"{(-1) ** i * (i % 7 + 1)}e300,{i % 5},{(-1) ** (i // 3) * (i % 11 + 1)}e300" for i in range(60)]
    path.write_text("a,b,y\n" + "\n".join(rows) + "\n")
    return path


def _cases(tmp_path):
    big = _big_csv(tmp_path)
    cases = [["relu", "leaky_relu:negative_slope=0.1", "elu", "--dataset", name]
             for name in ("moons", "circles", "spirals", "xor", "sine", "blobs-multilabel")]
    cases.append(["relu", "tanh", "--data", big, "--target", "y", "--task", "regression"])
    cases.append(["relu", "--data", big, "--target", "y", "--task", "regression", "--seeds", "1"])
    cases.append(["--lr", "1e10", "--seeds", "1"])
    for example in HELP_EXAMPLES:
        if "--data" in example:  # houses.csv: our big one stands in
            example = example[:example.index("--data")] + ["--data", big, "--target", "y"] + \
                      example[example.index("--target") + 2:]
        cases.append([a for a in map(str, example) if not a.startswith("--plot") and not a.endswith(".png")])
    return [[str(a) for a in case] for case in cases]


@pytest.mark.parametrize("columns", [80, 60])
def test_no_number_is_ever_cut_at_80_and_60_columns(tmp_path, columns):
    from click.testing import CliRunner

    from activation_cli.cli import cli
    from activation_cli.compare.report import percent, spread

    runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": str(columns), "FORCE_COLOR": None})
    for case in _cases(tmp_path):
        if "--format" in case:
            continue
        args = ["compare", *case, "--epochs", "2", "--jobs", "1", *([] if "--seeds" in case else ["--seeds", "2"])]
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        lines = result.output.splitlines()
        assert "…" not in result.output, (args, result.output)
        assert max(map(len, lines)) <= columns, (args, result.output)
        assert not [line for line in lines if line != line.rstrip()], "trailing spaces"
        cells = result.output.split("Output ")[0].split()
        data = json.loads(runner.invoke(cli, [*args, "--format", "json"]).output)
        for run in data["runs"]:  # every row's label and numbers are there, whole
            assert run["activation"] in cells, (args, result.output)
            assert spread(run["mean"]["val_loss"], run["sd"]["val_loss"]) in cells, (args, result.output)
            if "val_accuracy" in run["mean"]:
                assert percent(run["mean"]["val_accuracy"], run["sd"]["val_accuracy"]) in cells
            else:
                assert spread(run["mean"]["val_rmse"], run["sd"]["val_rmse"]) in cells


@pytest.mark.parametrize(("mean", "sd", "shown"), [
    (0.0231, 0.004, "0.023±0.004"), (0.406, 0.2, "0.4±0.2"), (9.42e300, 2e300, "9e300±2e300"),
    (2191, 3095, "2000±3000"), (0.0231, 1e-6, "0.0231±1e-6"), (5.3, 1.2, "5±1"), (3.0, 0.0, "3±0"),
    (-1.1, 0.6, "-1.1±0.6"), (9.6e8, 4e7, "9.6e8±4e7"), (1e-5, 3e-6, "1e-5±3e-6"), (0.0, 0.3, "0.0±0.3"),
    (0.123456, None, "0.123"), (None, None, "—"), (1.5e300, None, "1.5e300"),
])
def test_mean_and_sd_are_shown_compactly(mean, sd, shown):
    from activation_cli.compare.report import spread

    assert spread(mean, sd) == shown


def test_plot_path_is_checked_before_training(actv, tmp_path, monkeypatch):
    import activation_cli.compare.comparison as comparison

    def no_training(*args, **kwargs):
        raise AssertionError("trained before checking --plot")

    monkeypatch.setattr(comparison, "train", no_training)
    for path, message in [(tmp_path / "no" / "x.png", f"no folder {tmp_path / 'no'}"),
                          (tmp_path / "x.gif", "use a .png, .svg or .pdf file name"),
                          (tmp_path, "use a .png, .svg or .pdf file name")]:
        result = actv("compare", "relu", "--epochs", "1", "--plot", path)
        assert result.exit_code == 2 and result.output == f"Error: --plot {path}: {message}\n"
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        import os

        if not os.access(folder, os.W_OK):  # (root may write anywhere)
            result = actv("compare", "relu", "--epochs", "1", "--plot", folder / "x.png")
            assert result.exit_code == 2 and result.output == f"Error: --plot {folder / 'x.png'}: cannot write " \
                                                              f"in {folder}\n"
    finally:
        folder.chmod(0o700)


def test_plot_that_fails_to_write_after_training_prints_the_table_first(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import activation_cli.compare.learning_curves as curves
    from activation_cli.cli import cli
    from activation_cli.errors import OutputError

    def full(path, mode="wb"):
        raise OutputError(f"cannot write {path}: No space left on device")

    monkeypatch.setattr(curves, "atomic_output", full)
    target = tmp_path / "x.png"
    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100"}).invoke(
        cli, ["compare", "relu", "tanh", "--epochs", "2", "--seeds", "2", "--plot", str(target)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].strip().startswith("moons (binary)") and "relu" in result.stdout
    assert "learning curves:" not in result.stdout
    assert result.stderr == f"Error: cannot write {target}: No space left on device\n"
    assert not target.exists()


def test_ctrl_c_prints_the_finished_rows_and_exits_130(monkeypatch):
    from click.testing import CliRunner

    from activation_cli import render
    from activation_cli.cli import cli

    def update(self, label, seed, done, total):
        if label == "tanh" and seed == 1 and done == total:
            raise KeyboardInterrupt

    monkeypatch.setattr(render.progress_bars, "update", update)
    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100"}).invoke(
        cli, ["compare", "--epochs", "2", "--seeds", "2", "--jobs", "1"])
    assert result.exit_code == 130
    rows = [line.split()[0] for line in result.stdout.splitlines()
            if line.split() and line.split()[0] in ("relu", "tanh", "sigmoid")]
    assert rows == ["relu"]
    assert "Interrupted after 3 of 6 runs: only the activations whose every run finished are shown" in \
           " ".join(result.stdout.split())
    assert result.stderr == "Interrupted: 3 of 6 runs finished.\n"


def _children(pid):
    from pathlib import Path

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="reads /proc")
def test_a_real_ctrl_c_stops_the_workers_and_exits_130():
    import os
    import signal
    import subprocess
    import sys
    import time

    process = subprocess.Popen([sys.executable, "-m", "activation_cli", "compare", "--epochs", "10000",
                                "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 2, "the worker processes never started"
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group, workers included
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert err == "Interrupted: 0 of 9 runs finished.\n"
    assert out == ""  # no row had finished
    time.sleep(0.5)
    assert [pid for pid in workers if pid in _children(1) or os.path.exists(f"/proc/{pid}/stat") and
            open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"] == []


def test_ordinals_of_ranks():
    from activation_cli.compare.report import ordinal

    assert [ordinal(rank) for rank in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 113)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th", "113th"]
