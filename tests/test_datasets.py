"""Built-in datasets (seeded, encoded per task) and CSV loading with its errors."""
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- the CSV parsed once, column-wise ------------------------------------------------------------

def _reference(path, delimiter=","):
    """The file read cell by cell with the csv module, the rules written out plainly: a number is
    what float() reads, a missing cell one of MISSING (NaN included), anything else is text."""
    import csv
    import math

    from activation_cli.compare.datasets import MISSING

    with open(path, newline="", encoding="utf-8-sig") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            numbered = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
        except csv.Error as error:
            raise InputError(f"cannot read {path!r}: {error}") from None
    rows = [row for _, row in numbered]
    wrong = next(((line, len(row)) for line, row in numbered if len(row) != len(rows[0])), None)
    if wrong:
        raise InputError(f"{path}, line {wrong[0]}: {wrong[1]} fields, the header has {len(rows[0])}")
    values, texts = [], []
    for row in rows[1:]:
        numbers, words = [], []
        for cell in row:
            try:
                number = float(cell)
            except ValueError:
                number = None
            if number is not None and not math.isnan(number):
                numbers.append(number)
                words.append(None)
            elif number is not None or cell.strip().lower() in MISSING:
                numbers.append(math.nan)
                words.append(None)
            else:
                numbers.append(math.nan)
                words.append(cell.strip())
        values.append(numbers)
        texts.append(words)
    return [name.strip() for name in rows[0]], values, texts


CELLS = st.sampled_from(["0", "1", "-2.5", " 3 ", "1e308", "-0", "1e-320", "0.1", "1_0", "inf", "nan", "NaN",
                         "", " ", "NA", "na", "N/A", "?", "null", "None", "cat", "dog", '"1,5"', '"a\nb"',
                         '"x"', "１", "\x00", "\ufeff", ";", "\t", "1e999", "-nan", "0x10"])


@pytest.mark.filterwarnings("error")
@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=12),
       blank=st.lists(st.integers(0, 12), max_size=3), crlf=st.booleans(), block=st.sampled_from([1, 7, 64, 1 << 20]),
       wrong=st.one_of(st.none(), st.tuples(st.integers(0, 12), st.sampled_from(["1,2", "1,2,3,4", "x"]))))
def test_every_path_of_the_reader_gives_the_cells_a_plain_reading_gives(tmp_path_factory, rows, blank, crlf, block,
                                                                         wrong):
    import activation_cli.compare.datasets as datasets
    from activation_cli.compare.datasets import read_csv

    lines = [",".join(row) for row in rows]
    if wrong:  # a row of the wrong length somewhere: its line number must be right on every path
        lines.insert(min(wrong[0], len(lines)), wrong[1])
    for at in blank:
        lines.insert(min(at, len(lines)), "")
    end = "\r\n" if crlf else "\n"
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes((end.join(["a,b,y", *lines]) + end).encode())
    with mock.patch.object(datasets, "BLOCK", block):  # tiny blocks: every boundary, every path
        try:
            header, values, texts = _reference(str(path))
        except InputError as error:  # a row of the wrong length: the same message, the same line
            with pytest.raises(InputError) as found:
                read_csv(str(path), ["y"])
            assert str(found.value) == str(error)
            return
        table = read_csv(str(path), ["y"])
    assert table.header == tuple(header) and table.rows == len(values)
    expected = np.array(values, dtype=np.float64).reshape(-1, 3)
    np.testing.assert_array_equal(table.values, expected)  # NaN where NaN, every number bit for bit
    for j in range(3):
        codes = table.codes(j)
        words = [None if codes is None or codes[i] < 0 else table.text[j][1][codes[i]] for i in range(table.rows)]
        assert words == [row[j] for row in texts]
        assert table.missing(j).tolist() == [np.isnan(v[j]) and t[j] is None for v, t in zip(values, texts)]


def test_the_file_is_parsed_once_and_the_task_inferred_from_the_parsed_column(tmp_path, monkeypatch):
    import activation_cli.advice.inference as inference
    import activation_cli.compare.datasets as datasets

    path = _csv(tmp_path, "x,y\n" + "".join(f"{i},{i % 3}\n" for i in range(30)))
    calls = []
    real = datasets.read_csv
    monkeypatch.setattr(datasets, "read_csv", lambda *a, **k: calls.append(a) or real(*a, **k))
    monkeypatch.setattr(inference, "infer_task", lambda *a: pytest.fail("the file was read a second time"))
    data = load(path=path, targets="y")
    assert len(calls) == 1 and data.task == "multiclass" and data.classes == 3
    assert data.notes[0].startswith("task inferred: column 'y' holds 3 distinct whole numbers (0, 1, 2)")


def test_numeric_labels_are_numbers_one_and_one_point_zero_are_one_class(tmp_path):
    data = from_csv(_csv(tmp_path, "x,y\n1,1\n2,1.0\n3,2\n4,0\n"), "y", "multiclass")
    assert data.labels == ("0", "1", "2") and data.targets.tolist() == [1, 1, 2, 0]


def test_dropna_keeps_the_rows_without_holes_in_order(tmp_path):
    lines = [f"{i},{'' if i % 10 == 3 else i * 0.5},{'NA' if i % 10 == 7 else i % 2}" for i in range(200)]
    data = from_csv(_csv(tmp_path, "a,b,y\n" + "\n".join(lines) + "\n"), "y", "binary", dropna=True)
    kept = [i for i in range(200) if i % 10 not in (3, 7)]
    np.testing.assert_array_equal(data.features, [[i, i * 0.5] for i in kept])
    np.testing.assert_array_equal(data.targets[:, 0], [i % 2 for i in kept])
    assert data.notes == ("dropped 40 rows with missing values (--dropna)",)


def test_missing_values_on_many_rows_name_the_first_eight_lines(tmp_path):
    path = _csv(tmp_path, "a,y\n" + "".join(f"{'' if i % 2 else i},{i % 2}\n" for i in range(40)))
    with pytest.raises(InputError) as error:
        from_csv(path, "y", "binary")
    assert str(error.value) == (f"{path}: missing values (empty, NaN or NA) on 20 rows (lines 3, 5, 7, 9, 11, 13, "
                                "15, 17, ...); fix them or pass --dropna to drop those rows")


def test_messages_quote_the_cell_as_written_on_its_line(tmp_path):
    path = _csv(tmp_path, 'note,x,y\n"two\nlines",1,0\nok,2.50,1\nok,2,3\n')
    with pytest.raises(InputError) as error:
        from_csv(path, "y", "multilabel")
    assert str(error.value) == f"{path}: multilabel targets are 0 or 1; 'y' holds '3' (line 5)"
    path = _csv(tmp_path, "x,y\n1,2\n\n2.50,x1\n", "b.csv")
    with pytest.raises(InputError) as error:
        from_csv(path, "x", "positive")
    assert str(error.value) == (f"{path}: feature column 'y' mixes numbers (line 2: '2') and text "
                                "(line 4: 'x1'); make it all numbers or all categories")


def test_a_target_of_whole_numbers_thinly_spread_suggests_regression(tmp_path):
    path = _csv(tmp_path, "x,n\n" + "".join(f"{i},{i % 18}\n" for i in range(30)))  # 18 classes, 6 of one row
    with pytest.raises(InputError) as error:
        load(path=path, targets="n")
    assert str(error.value) == (f"{path}: class '12' has 1 row; every class needs a row in the training split and "
                                "one in the validation split; 6 of the 18 classes of 'n' (whole numbers) have one "
                                "row: if they are counts or amounts, use --task regression")
    assert load(path=path, targets="n", task="regression").task == "regression"
    path = _csv(tmp_path, "x,n\n" + "".join(f"{i},{'abcdefghijklmnopqr'[i % 18]}\n" for i in range(30)), "t.csv")
    assert load(path=path, targets="n").classes == 18  # text labels: compare's split names the rare class


def test_progress_follows_the_bytes_read(tmp_path, monkeypatch):
    import activation_cli.compare.datasets as datasets

    path = tmp_path / "p.csv"
    path.write_text("x,y\n" + "".join(f"{i},{i % 2}\n" for i in range(2000)))
    monkeypatch.setattr(datasets, "BLOCK", 1024)
    calls = []
    load(path=str(path), targets="y", progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert calls[0] == (0, size) and calls[-1] == (size, size) and len(calls) > 10
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_the_load_bar_is_drawn_on_a_terminal_for_a_large_file_only(capsys, monkeypatch):
    from activation_cli import render

    monkeypatch.setattr(render, "_color", True)  # as --color: a terminal
    with render.file_progress("reading big.csv") as bar:
        bar.update(0, 100 << 20)
        bar.update(50 << 20, 100 << 20)
    assert "reading big.csv" in capsys.readouterr().err
    with render.file_progress("reading small.csv") as bar:
        bar.update(0, 1000)
        bar.update(1000, 1000)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(render, "_color", None)  # pytest's stderr is no terminal: nothing drawn
    with render.file_progress("reading big.csv") as bar:
        bar.update(0, 100 << 20)
    assert capsys.readouterr().err == ""


def test_mixed_line_ends_lone_cr_and_lf(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"a,y\r1,0\n2,1\r3,0\n4,1\r5,0\n")
    data = from_csv(str(path), "y", "binary")
    assert data.features[:, 0].tolist() == [1, 2, 3, 4, 5] and data.targets[:, 0].tolist() == [0, 1, 0, 1, 0]


def test_prepare_standardizes_in_place_as_the_plain_formula_and_leaves_the_dataset_alone(tmp_path):
    from activation_cli.compare.comparison import prepare, split

    rng = np.random.default_rng(5)
    x = rng.normal(size=(200, 4)) * [1.0, 1e300, 1e-300, 3.0] + [0.0, 0.0, 0.0, -7.0]
    lines = "".join(",".join(repr(v) for v in row) + f",{i % 2}\n" for i, row in enumerate(x.tolist()))
    data = load(path=_csv(tmp_path, "a,b,c,d,y\n" + lines), targets="y")
    before = data.features.copy()
    got = prepare(data, 0.2, 0)
    np.testing.assert_array_equal(data.features, before)  # the file's table is not overwritten
    train, val = split(data, 0.2, 0)
    with np.errstate(under="ignore"):
        peak = np.abs(x[train]).max(axis=0)
        scaled = x[train] / peak
        mean, scale = scaled.mean(axis=0), scaled.std(axis=0)
        np.testing.assert_array_equal(got.x_train, (scaled - mean) / scale)  # bit for bit
        np.testing.assert_array_equal(got.x_val, (x[val] / peak - mean) / scale)


def test_a_large_file_is_evaluated_in_chunks_with_the_same_numbers():
    from activation_cli.compare.network import MLP, hidden_activation, initial_weights

    x = np.random.default_rng(1).normal(size=(1000, 7))
    net = MLP(initial_weights([7, 16, 16, 3], ["he", "he", "glorot"], 0), None, hidden_activation("tanh"))
    whole = net.logits(x, chunk=len(x))
    np.testing.assert_array_equal(net.logits(x, chunk=64), whole)


def test_the_gradient_at_start_of_a_large_file_is_summed_over_chunks(monkeypatch):
    from activation_cli.compare import comparison
    from activation_cli.compare.network import MLP, hidden_activation, initial_weights, loss_for

    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(1000, 5)), rng.integers(0, 3, 1000)
    net = MLP(initial_weights([5, 8, 3], ["he", "glorot"], 0), None, hidden_activation("relu"))
    whole = net.gradients(x, y, loss_for("softmax"))[1]
    monkeypatch.setattr(comparison, "EVAL_ROWS", 300)  # 300, 300, 300, 100 rows
    for chunked, expected in zip(comparison._gradients(net, x, y, loss_for("softmax")), whole):
        np.testing.assert_allclose(chunked, expected, rtol=1e-12, atol=1e-15)


def test_text_labels_come_from_the_parsed_column_without_reading_the_file_again(tmp_path, monkeypatch):
    from activation_cli.compare.datasets import Table

    path = _csv(tmp_path, "x,label\n" + "".join(f"{i},{'dog cat emu'.split()[i % 3]}\n" for i in range(30)))
    monkeypatch.setattr(Table, "cells", lambda *a: pytest.fail("the file was read again"))
    data = load(path=path, targets="label")
    assert (data.task, data.labels) == ("multiclass", ("cat", "dog", "emu"))
    assert data.targets[:4].tolist() == [1, 0, 2, 1]
