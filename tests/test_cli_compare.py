"""actv compare: the table, JSON schema, the plot file, CSV data, and bad input (exit 2, one line)."""
import json

import pytest


def test_table_names_the_best_row_and_explains_the_columns(actv):
    result = actv("compare", "--epochs", "20")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].strip() == "moons (binary): 2×32 hidden, 20 epochs"
    rows = {line.split()[0]: line for line in lines if line.split() and line.split()[0] in ("relu", "tanh", "sigmoid")}
    assert set(rows) == {"relu", "tanh", "sigmoid"}
    assert rows["relu"].split()[1] == "he" and rows["tanh"].split()[1] == "glorot"
    assert sum(line.rstrip().endswith("best") for line in rows.values()) == 1
    assert "Output sigmoid + binary cross-entropy; Adam lr 0.01, batch 32, seed 0; 400 training rows, " \
           "100 validation rows" in " ".join(result.output.split())


def test_json_schema(actv):
    result = actv("compare", "relu", "tanh", "--dataset", "spirals", "--epochs", "3", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) == {"dataset", "task", "output", "settings", "train_rows", "val_rows", "metrics", "best",
                         "ties", "noise", "epochs_to_90_target", "runs"}
    assert data["task"] == "multiclass" and data["dataset"]["classes"] == 3
    assert data["output"] == {"activation": "softmax", "loss": "categorical cross-entropy",
                              "pytorch": "nn.CrossEntropyLoss()",
                              "keras": "sparse_categorical_crossentropy(from_logits=True)"}
    assert data["settings"] == {"layers": 2, "units": 32, "lr": 0.01, "batch_size": 32, "epochs": 3, "seed": 0,
                                "val": 0.2, "init": None, "dtype": "float64"}
    assert [run["activation"] for run in data["runs"]] == ["relu", "tanh"]
    run = data["runs"][0]
    assert set(run) == {"activation", "params", "initializer", "verdict", "diverged", "diverged_at_epoch",
                        "final", "epochs_to_90", "seconds", "first_layer_gradient_norm",
                        "gradient_norms_at_start", "history"}
    assert set(run["final"]) == {"train_loss", "val_loss", "val_accuracy"}
    assert run["history"]["epoch"] == [0, 1, 2, 3] and len(run["history"]["val_accuracy"]) == 4
    assert run["final"]["val_accuracy"] == run["history"]["val_accuracy"][-1]
    assert len(run["gradient_norms_at_start"]) == 3
    assert data["best"] in ("relu", "tanh")


def test_init_override_and_depth_alias(actv):
    data = json.loads(actv("compare", "tanh", "--init", "he", "--depth", "3", "--epochs", "1",
                           "--format", "json").output)
    assert data["runs"][0]["initializer"] == "he" and data["settings"]["layers"] == 3
    assert len(data["runs"][0]["gradient_norms_at_start"]) == 4


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
    assert data["runs"][0]["final"]["val_accuracy"] >= 0.9


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
    assert "No best: relu, leaky_relu:negative_slope=0 tie within noise (no difference on these 100 validation " \
           "rows is significant at 5%)." in text
    assert "Best:" not in text and "significantly ahead" not in text
    verdicts = [run["verdict"] for run in json.loads(actv("compare", "relu", "leaky_relu:negative_slope=0",
                                                          "--epochs", "3", "--format", "json").output)["runs"]]
    assert verdicts == ["tie", "tie"]


def test_a_run_ahead_of_diverged_runs_only_is_not_called_significantly_ahead(actv):
    result = actv("compare", "relu", "tanh", "--lr", "1e300", "--epochs", "2")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "diverged at epoch" in text and "Best: tanh; every other run diverged." in text
    assert "significantly ahead" not in text


def test_dtype_float32_is_named_in_the_title_and_the_json(actv):
    result = actv("compare", "relu", "--epochs", "2", "--dtype", "float32")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].strip() == "moons (binary): 2×32 hidden, 2 epochs, float32"
    data = json.loads(actv("compare", "relu", "--epochs", "2", "--dtype", "float32", "--format", "json").output)
    assert data["settings"]["dtype"] == "float32"
    bad = actv("compare", "--dtype", "float16")
    assert bad.exit_code == 2 and "'float16' is not one of 'float64', 'float32'" in bad.output
