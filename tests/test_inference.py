import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activation_cli.errors import InputError
from activation_cli.advice.inference import MAX_CLASSES, Inference, infer_task


@pytest.fixture
def csv_file(tmp_path):
    def write(text, name="data.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return str(path)

    return write


def test_binary_from_zero_one(csv_file):
    path = csv_file("x,y\n0.5,0\n1.5,1\n2.5,1\n")
    assert infer_task(path, ["y"]) == Inference(
        "binary", 2, "column 'y' has two distinct values (0, 1): binary classification.", [], 3)


def test_binary_from_text(csv_file):
    path = csv_file("text,label\nhi,spam\nyo,ham\nok,ham\n")
    result = infer_task(path, "label")
    assert (result.task, result.classes) == ("binary", 2)
    assert result.reason == "column 'label' has two distinct values ('ham', 'spam'): binary classification."


def test_multiclass_from_whole_numbers(csv_file):
    path = csv_file("a,b,species\n1,2,0\n3,4,1\n5,6,2\n7,8,1.0\n")
    result = infer_task(path, ["species"])
    assert (result.task, result.classes) == ("multiclass", 3)
    assert result.reason == ("column 'species' holds 3 distinct whole numbers (0, 1, 2), at most 20: multiclass "
                             "classification (use --task regression if they are quantities).")


def test_multiclass_from_text_labels(csv_file):
    path = csv_file("f,animal\n1,cat\n2,dog\n3,bird\n4,cat\n5,fish\n6,dog\n7,emu\n")
    result = infer_task(path, ["animal"])
    assert (result.task, result.classes) == ("multiclass", 5)
    assert result.reason == ("column 'animal' holds 5 text labels ('bird', 'cat', 'dog', 'emu', 'fish'): "
                             "multiclass classification.")


def test_many_whole_numbers_are_a_quantity(csv_file):
    rows = "".join(f"{i},{i * 3}\n" for i in range(MAX_CLASSES + 1))
    result = infer_task(csv_file("x,count\n" + rows), ["count"])
    assert (result.task, result.classes) == ("positive", None)
    assert result.reason == ("column 'count' holds 21 distinct whole numbers, none negative (min 0): "
                             "regression of a positive value.")


def test_regression_from_floats(csv_file):
    path = csv_file("x,price\n1,-1.5\n2,2.25\n3,0.125\n")
    result = infer_task(path, ["price"])
    assert result == Inference("regression", None, "column 'price' holds 3 distinct numbers: regression.", [], 3)


def test_positive_regression_says_so(csv_file):
    path = csv_file("x,price\n1,1.5\n2,2.25\n3,0.125\n")
    result = infer_task(path, ["price"])
    assert result.task == "positive"
    assert result.reason == ("column 'price' holds 3 distinct numbers, none negative (min 0.125): regression of "
                             "a positive value.")


def test_multilabel_from_several_zero_one_columns(csv_file):
    path = csv_file("x,sport,politics,tech\n1,1,0,1\n2,0,0,1\n3,1,1,0\n")
    result = infer_task(path, ["sport", "politics", "tech"])
    assert result == Inference("multilabel", 3, "3 target columns, each holding only 0 and 1: multilabel "
                               "classification with 3 labels.", [], 3)


def test_several_numeric_columns_are_multi_target_regression(csv_file):
    path = csv_file("x,lat,lon\n1,-33.9,18.4\n2,51.5,-0.1\n3,40.7,-74.0\n")
    result = infer_task(path, ["lat", "lon"])
    assert (result.task, result.classes) == ("regression", None)
    assert result.reason == "2 numeric target columns: regression, one unit per target."


def test_several_columns_with_text_labels(csv_file):
    path = csv_file("x,a,b\n1,cat,0\n2,dog,1\n")
    with pytest.raises(InputError) as error:
        infer_task(path, ["a", "b"])
    assert str(error.value) == ("several target columns must all be 0/1 (multilabel) or all numeric "
                                "(regression); 'a' holds text labels: give it alone as --target a")


def test_skipped_rows_are_reported_by_line(csv_file):
    path = csv_file("x,y\n1,0\n2\n3,1\n4,NA\n\n5,1,extra\n6,0\n")
    result = infer_task(path, ["y"])
    assert (result.task, result.skipped_rows, result.rows) == ("binary", [3, 5, 7], 3)
    assert result.as_dict() == {"task": "binary", "classes": 2, "reason": result.reason, "rows": 3,
                                "skipped_rows": [3, 5, 7]}


def test_non_finite_numbers_are_missing_and_reported(csv_file):
    # inf was a third class label ('0', '1', 'inf') while nan was skipped: both are missing values
    path = csv_file("x,y\n1,0\n2,1\n3,nan\n4,1\n5,inf\n6,0\n")
    assert infer_task(path, ["y"]) == Inference(
        "binary", 2, "column 'y' has two distinct values (0, 1): binary classification.", [4, 6], 4)


@pytest.mark.parametrize("spelling", ["inf", "-inf", "+inf", "INF", "Infinity", "-infinity", "nan", "NaN",
                                      "-nan", "+NAN", "1e999", "-1e999", " inf "])
def test_every_non_finite_spelling_is_skipped(csv_file, spelling):
    path = csv_file(f"x,y\n1,0.5\n2,{spelling}\n3,-1.25\n4,2.0\n")
    result = infer_task(path, ["y"])
    assert (result.task, result.skipped_rows, result.rows) == ("regression", [3], 3)


def test_non_finite_numbers_in_several_target_columns(csv_file):
    path = csv_file("a,b\n0,1\n1,-Infinity\n1,0\n1e400,1\n0,0\n")
    result = infer_task(path, ["a", "b"])
    assert (result.task, result.classes, result.skipped_rows, result.rows) == ("multilabel", 2, [3, 5], 3)


def test_a_text_label_that_merely_starts_like_inf_is_a_label(csv_file):
    path = csv_file("x,y\n1,info\n2,nano\n3,info\n")
    assert infer_task(path, ["y"]).reason == ("column 'y' has two distinct values ('info', 'nano'): "
                                              "binary classification.")


@pytest.mark.parametrize("targets, name", [(["a", "a"], "a"), (["a", "b", " b"], "b")])
def test_a_repeated_target_column_is_an_input_error(csv_file, targets, name):
    path = csv_file("a,b\n1.5,2\n2.5,3\n-1,4\n")
    with pytest.raises(InputError) as error:
        infer_task(path, targets)
    assert str(error.value) == f"target column {name!r} is named more than once: name each column once"


def test_semicolon_and_bom(csv_file):
    path = csv_file("\ufeffx;y\n1;a\n2;b\n3;c\n", encoding="utf-8")
    assert infer_task(path, ["y"]).classes == 3


def test_quoted_fields_with_newlines_keep_line_numbers(csv_file):
    path = csv_file('note,y\n"two\nlines",0\nbad\nok,1\n')
    assert infer_task(path, ["y"]).skipped_rows == [4]


def test_header_names_are_stripped(csv_file):
    assert infer_task(csv_file(" x , y \n1,0\n2,1\n"), [" y"]).task == "binary"


@pytest.mark.parametrize("text,targets,message", [
    ("", ["y"], "is empty: expected a header row and data rows"),
    ("\n\n", ["y"], "is empty: expected a header row and data rows"),
    ("x,y\n", ["y"], "has no readable data rows"),
    ("x,y\n1\n2\n", ["y"], "has no readable data rows (2 unreadable)"),
    ("x,y\n1,0\n", ["label"], "has no column 'label'; its columns are: x, y"),
    ("x,y\n1,0\n", ["y", "z"], "has no column 'z'; its columns are: x, y"),
    ("x,y\n1,3\n2,3\n", ["y"], None),
])
def test_bad_files(csv_file, text, targets, message):
    path = csv_file(text)
    with pytest.raises(InputError) as error:
        infer_task(path, targets)
    expected = (f"{path!r} " + message) if message else (
        "target column 'y' holds a single value (3) in all 2 rows: nothing to learn")
    assert str(error.value) == expected


def test_identifier_column(csv_file):
    rows = "".join(f"{i},user{i}\n" for i in range(25))
    with pytest.raises(InputError) as error:
        infer_task(csv_file("x,name\n" + rows), ["name"])
    assert str(error.value) == ("target column 'name' has a different text value in each of its 25 rows: it "
                                "looks like an identifier, not a label")


def test_missing_file_directory_and_binary(tmp_path, csv_file):
    with pytest.raises(InputError) as error:
        infer_task(str(tmp_path / "nope.csv"), ["y"])
    assert str(error.value) == f"cannot read {str(tmp_path / 'nope.csv')!r}: no such file"
    with pytest.raises(InputError) as error:
        infer_task(str(tmp_path), ["y"])
    assert str(error.value) == f"cannot read {str(tmp_path)!r}: it is a directory"
    path = csv_file(b"\xff\xfe\x00\x01binary\x80")
    with pytest.raises(InputError) as error:
        infer_task(path, ["y"])
    assert str(error.value) == f"{path!r} is not a UTF-8 text CSV file"


def test_a_field_too_large_for_csv_is_an_input_error(csv_file):
    path = csv_file('x,y\n1,0\n"' + "a" * 200_000 + '",1\n')
    with pytest.raises(InputError) as error:
        infer_task(path, ["y"])
    assert str(error.value) == f"{path!r} line 3: field larger than field limit (131072)"


def test_no_target_named(csv_file):
    with pytest.raises(InputError) as error:
        infer_task(csv_file("x,y\n1,0\n"), [" ", ""])
    assert str(error.value) == "name at least one target column"


def test_inference_feeds_recommend(csv_file):
    from activation_cli.advice.rules import recommend

    found = infer_task(csv_file("x,y\n1,a\n2,b\n3,c\n"), ["y"])
    assert recommend(found.task, classes=found.classes).output.units == 3


CELLS = st.sampled_from(["0", "1", "2", "-1", "2.5", "1e308", "nan", "inf", "", "NA", "cat", "dog", '"q,uo"',
                         '"', "\ufeff", "\x00", ";", "\t", " ", "y"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, max_size=4), max_size=8), separator=st.sampled_from([",", ";", "\t"]),
       targets=st.lists(st.sampled_from(["y", "x", "z", "0"]), min_size=1, max_size=3))
def test_any_file_gives_an_inference_or_an_input_error(tmp_path, rows, separator, targets):
    path = tmp_path / "fuzz.csv"
    path.write_text("\n".join(separator.join(row) for row in [["x", "y", "z"], *rows]), encoding="utf-8")
    try:
        result = infer_task(str(path), targets)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert result.task in ("regression", "positive", "binary", "multiclass", "multilabel")
        assert result.reason.endswith(".") and result.rows >= 1
        assert result.skipped_rows == sorted(set(result.skipped_rows))


TARGETS = st.sampled_from(["0", "1", "2", "3", "-1", "2.5", "1e308", "7", "nan", "inf", "", "NA", "cat", "dog", "1.0"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(TARGETS, TARGETS), min_size=1, max_size=30),
       targets=st.sampled_from([["y"], ["z"], ["y", "z"]]))
def test_compare_infers_from_its_parsed_columns_what_recommend_infers_from_the_file(tmp_path, rows, targets):
    from activation_cli.compare.datasets import infer, read_csv

    path = tmp_path / "same.csv"
    path.write_text("x,y,z\n" + "".join(f"{i},{y},{z}\n" for i, (y, z) in enumerate(rows)), encoding="utf-8")
    try:
        expected = infer_task(str(path), targets)
    except InputError as error:
        with pytest.raises(InputError) as found:
            infer(read_csv(str(path), targets), targets)
        assert str(found.value) == str(error)
        return
    found = infer(read_csv(str(path), targets), targets)
    assert (found.task, found.classes, found.reason, found.rows) == (expected.task, expected.classes,
                                                                     expected.reason, expected.rows)
