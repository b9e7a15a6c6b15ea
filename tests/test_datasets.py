"""Built-in datasets (seeded, encoded per task) and CSV loading with its errors."""
import numpy as np
import pytest

from activation_cli.compare.datasets import BUILTINS, builtin, from_csv, load
from activation_cli.errors import InputError, UnknownName


@pytest.mark.parametrize("name", list(BUILTINS))
def test_builtins_are_seeded_and_encoded_for_their_task(name):
    data = builtin(name, seed=3)
    again, other = builtin(name, seed=3), builtin(name, seed=4)
    np.testing.assert_array_equal(data.features, again.features)
    assert not np.array_equal(data.features, other.features)
    assert data.task == BUILTINS[name].task and data.features.dtype == np.float64
    assert np.isfinite(data.features).all() and data.rows == len(data.targets)
    if data.task == "binary":
        assert data.targets.shape == (data.rows, 1) and set(np.unique(data.targets)) == {0.0, 1.0}
    elif data.task == "multiclass":
        assert data.targets.ndim == 1 and data.classes == len(np.unique(data.targets)) >= 3
    elif data.task == "multilabel":
        assert data.targets.shape == (data.rows, data.classes) and set(np.unique(data.targets)) == {0.0, 1.0}
    else:
        assert data.targets.shape == (data.rows, 1) and data.classes is None


def test_moons_classes_are_balanced_and_xor_labels_follow_the_signs():
    assert builtin("moons").targets.mean() == 0.5
    x = builtin("xor").features
    assert x.shape == (500, 2)


def test_unknown_dataset_suggests_the_close_one():
    with pytest.raises(UnknownName, match=r"^unknown dataset 'moon'. Did you mean 'moons'\?$"):
        builtin("moon")


def test_task_must_fit_a_builtin_dataset():
    with pytest.raises(InputError, match=r"^moons is a binary dataset, not regression: drop --task, or pick "
                                         r"another dataset \(sine\)$"):
        load("moons", task="regression")


def _csv(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_csv_with_text_labels_and_a_categorical_feature(tmp_path):
    path = _csv(tmp_path, "size,colour,label\n1.5,red,cat\n2.0,blue,dog\n0.5,red,cat\n3.0,green,dog\n")
    data = from_csv(path, "label", "binary")
    assert data.labels == ("cat", "dog")
    np.testing.assert_array_equal(data.targets[:, 0], [0, 1, 0, 1])
    assert data.feature_names == ("size", "colour=blue", "colour=green", "colour=red")
    np.testing.assert_array_equal(data.features[0], [1.5, 0, 0, 1])
    assert data.notes == ("one-hot encoded text column 'colour' (3 values)",)


def test_csv_numeric_labels_sort_as_numbers(tmp_path):
    path = _csv(tmp_path, "x,y\n1,10\n2,9\n3,10\n4,2\n")
    data = from_csv(path, "y", "multiclass")
    assert data.labels == ("2", "9", "10") and data.targets.tolist() == [2, 1, 2, 0]


def test_csv_missing_values_are_refused_with_their_lines_or_dropped(tmp_path):
    path = _csv(tmp_path, "a,b,y\n1,2,0\n,3,1\n4,NaN,0\n5,6,1\n7,8,0\n")
    with pytest.raises(InputError) as error:
        from_csv(path, "y", "binary")
    assert str(error.value) == (f"{path}: missing values (empty, NaN or NA) on 2 rows (lines 3, 4); "
                                "fix them or pass --dropna to drop those rows")
    data = from_csv(path, "y", "binary", dropna=True)
    assert data.rows == 3 and data.notes == ("dropped 2 rows with missing values (--dropna)",)


@pytest.mark.parametrize("text, target, task, message", [
    ("a,y\n1,0\n", "z", "binary", "'{path}' has no column 'z'; its columns are: a, y"),
    ("a,b,y\n1,x,0\n2,3,1\n", "y", "binary",
     "{path}: feature column 'b' mixes numbers (line 3: '3') and text (line 2: 'x'); "
     "make it all numbers or all categories"),
    ("a,y\n1,0\n2,0\n", "y", "binary", "{path}: target 'y' holds a single value ('0'): nothing to classify"),
    ("a,y\n1,0\n2,1\n3,2\n", "y", "binary",
     "{path}: a binary target has 2 distinct values; 'y' has 3: use --task multiclass"),
    ("a,y\n1,0.5\n2,high\n", "y", "regression",
     "{path}: target 'y' is not numeric (line 3: 'high'); a regression target must be numbers"),
    ("a,y1,y2\n1,0,2\n", "y1,y2", "multilabel", "{path}: multilabel targets are 0 or 1; 'y2' holds '2' (line 2)"),
    ("a,y\n1,0,3\n", "y", "binary", "{path}, line 2: 3 fields, the header has 2"),
    ("y\n1\n", "y", "binary", "{path}: no feature columns left besides the target"),
    ("a,y\n", "y", "binary", "{path} has a header but no rows"),
])
def test_csv_errors_are_one_clear_line(tmp_path, text, target, task, message):
    path = _csv(tmp_path, text)
    with pytest.raises(InputError) as error:
        from_csv(path, target, task)
    assert str(error.value) == message.format(path=path)


def test_too_many_text_categories_are_refused(tmp_path):
    rows = "".join(f"name{i},{i % 2}\n" for i in range(25))
    path = _csv(tmp_path, "who,y\n" + rows)
    with pytest.raises(InputError, match="'who' is text with 25 distinct values .* at most 20 are one-hot encoded"):
        from_csv(path, "y", "binary")


def test_missing_file_and_bad_combinations(tmp_path):
    with pytest.raises(InputError, match="nope.csv': no such file$"):
        from_csv(str(tmp_path / "nope.csv"), "y", "binary")
    with pytest.raises(InputError, match="^--data needs --target COLUMN"):
        load(path="x.csv")
    with pytest.raises(InputError, match="^give --dataset NAME or --data FILE.csv, not both$"):
        load("moons", path="x.csv", targets="y")
    with pytest.raises(UnknownName, match="^unknown task 'regresion'. Did you mean 'regression'\\?$"):
        load("sine", task="regresion")


def test_positive_targets_must_not_be_negative(tmp_path):
    path = _csv(tmp_path, "x,price\n1,3.5\n2,-1\n")
    with pytest.raises(InputError) as error:
        from_csv(path, "price", "positive")
    assert str(error.value) == (f"{path}: a positive target is >= 0; 'price' holds '-1' (line 3): "
                                "use --task regression")
    with pytest.raises(InputError, match="^sine is a regression dataset, not positive: drop --task, or use "
                                         "--data FILE.csv$"):
        load("sine", task="positive")


def test_unknown_task_lists_the_tasks_compare_trains():
    with pytest.raises(UnknownName, match=r"^unknown task 'foo'\. Choose from: binary, multiclass, multilabel, "
                                          r"positive, regression\.$"):
        load("moons", task="foo")
    with pytest.raises(UnknownName, match=r"^unknown task 'regresion'\. Did you mean 'regression'\?$"):
        load("sine", task="regresion")
    assert load("spirals", task="Multi-Class").task == "multiclass"  # the rule table's aliases still work
