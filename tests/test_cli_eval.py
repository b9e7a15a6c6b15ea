"""actv eval: exact output, formats, files, errors."""
import json

import numpy as np


def test_softmax_prints_the_tutorials_numbers_and_their_sum(actv):
    result = actv("eval", "softmax", 1, 3, 2)
    assert result.exit_code == 0
    assert result.output == "[0.09003057 0.66524096 0.24472847]\nsum: 1.0\n"


def test_negative_numbers_need_no_double_dash(actv):
    assert actv("eval", "relu", "-3", "0", "3").output == "[0. 0. 3.]\n"
    assert actv("eval", "relu", "-1e3", "-inf", "-d").output == "[0. 0.]\n"


def test_derivative_of_a_vector_function_is_the_jacobian(actv):
    out = actv("eval", "softmax", "-d", "0", "0").output
    assert out == "[[ 0.25 -0.25]\n [-0.25  0.25]]\n"


def test_json_schema(actv):
    data = json.loads(actv("eval", "relu", "-1", "2", "--format", "json").output)
    assert data == {"function": "relu", "params": {}, "derivative": False, "dtype": "float64",
                    "input": [-1.0, 2.0], "output": [0.0, 2.0]}


def test_json_spells_non_finite_values_as_strings(actv):
    data = json.loads(actv("eval", "linear", "nan", "inf", "-inf", "--format", "json").output)
    assert data["output"] == ["nan", "inf", "-inf"]


def test_float32_json_keeps_short_spelling(actv):
    data = json.loads(actv("eval", "linear", "0.1", "--dtype", "float32", "--format", "json").output)
    assert data["output"] == [0.1] and data["dtype"] == "float32"


def test_csv_has_x_and_f_columns(actv):
    assert actv("eval", "relu", "-1", "2", "--format", "csv").output == "x,relu\n-1.0,0.0\n2.0,2.0\n"


def test_input_file_two_dimensional_with_axis(actv, tmp_path):
    path = tmp_path / "logits.csv"
    path.write_text("a,b\n1,1\n3,1\n2,1\n")
    out = actv("eval", "softmax", "--input", path, "--axis", "0", "--format", "json").output
    probs = np.array(json.loads(out)["output"])
    np.testing.assert_allclose(probs[:, 0], [0.09003057, 0.66524096, 0.24472847], rtol=1e-7)
    np.testing.assert_allclose(probs[:, 1], [1 / 3] * 3)


def test_stdin_and_npy_output(actv, tmp_path):
    target = tmp_path / "out.npy"
    result = actv("eval", "relu", "--input", "-", "--output", target, input="-1 2\n")
    assert result.exit_code == 0 and result.output == f"{target}\n"
    np.testing.assert_array_equal(np.load(target), [0.0, 2.0])


def test_npy_input_refuses_pickles(actv, tmp_path):
    path = tmp_path / "objects.npy"
    np.save(path, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    result = actv("eval", "relu", "--input", path)
    assert result.exit_code == 2 and "Error:" in result.stderr


def test_errors_are_one_line_with_exit_2(actv, tmp_path):
    cases = [
        (("eval", "sigmod", "1"), "Error: unknown activation 'sigmod'. Did you mean 'sigmoid'?\n"),
        (("eval", "relu", "1", "x"), "Error: 'x' is not a number\n"),
        (("eval", "relu"), "Error: no values: give numbers (actv eval relu -3 0 3) or --input FILE\n"),
        (("eval", "relu", "1", "--param", "alpha=2"),
         "Error: relu has no parameter 'alpha'; it takes no parameters.\n"),
        (("eval", "softmax", "1", "--param", "axis=x"),
         "Error: bad value 'x' for softmax parameter 'axis': invalid literal for int() with base 10: 'x'\n"),
        (("eval", "relu", "--input", tmp_path / "missing.txt"), f"Error: {tmp_path / 'missing.txt'}: no such file\n"),
        (("eval", "relu", "1", "--axis", "0"),
         "Error: relu is element-wise: --axis applies to vector functions such as softmax\n"),
    ]
    for args, message in cases:
        result = actv(*args)
        assert (result.exit_code, result.stderr) == (2, message), args
        assert result.stdout == ""


def test_unwritable_output_exits_1_and_leaves_nothing(actv, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = actv("eval", "relu", "1", "--output", blocker / "out.npy")  # tests run as root: no chmod
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {blocker / 'out.npy'}: Not a directory\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_failed_write_keeps_the_existing_file(actv, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    result = actv("eval", "softmax", "-d", "--input", _three_d(tmp_path), "--output", target)
    assert result.exit_code == 2 and target.read_text() == "keep me"
    assert "use .npy" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cube.npy", "out.csv"]


def _three_d(tmp_path):
    path = tmp_path / "cube.npy"
    np.save(path, np.zeros((2, 2, 2)))
    return path


def test_table_shows_numbers_at_print_precision(actv):
    lines = actv("eval", "softmax", "1", "3", "2", "--format", "table").output.splitlines()
    assert lines[4:7] == ["│ 1 │ 0.090030573 │", "│ 3 │ 0.66524096  │", "│ 2 │ 0.24472847  │"]


def test_a_malformed_negative_number_is_named_not_taken_for_an_option(actv):
    result = actv("eval", "relu", "-1e5", "-.5", "-5e")
    assert (result.exit_code, result.stderr) == (2, "Error: '-5e' is not a number\n")


def test_results_of_three_dimensions_are_refused_as_csv_and_table(actv, tmp_path):
    path = tmp_path / "logits.csv"
    path.write_text("1,2,3\n4,5,6\n")
    for fmt in ("csv", "table"):
        result = actv("eval", "softmax", "-d", "--input", path, "--format", fmt)
        assert (result.exit_code, result.stderr) == (
            2, f"Error: a 3-D result cannot be shown as {fmt}: use --format json or --output FILE.npy "
               "(see 'actv eval --help')\n")


def test_a_file_that_is_not_npy_is_said_so(actv, tmp_path):
    path = tmp_path / "fake.npy"
    path.write_text("garbage\n")
    result = actv("eval", "relu", "--input", path)
    assert (result.exit_code, result.stderr) == (2, f"Error: {path} is not a .npy array file\n")


def test_binary_stdin_is_refused_in_one_line(actv):
    result = actv("eval", "relu", "--input", "-", input="\x93NUMPY\x01\x00v\x00{'descr'")
    assert (result.exit_code, result.stderr) == (
        2, "Error: stdin does not hold numbers as text (for a .npy file use --input FILE.npy)\n")


def test_the_axis_given_twice_is_a_usage_error(actv):
    result = actv("eval", "softmax", "1", "2", "--param", "axis=0", "--axis", "-1")
    assert (result.exit_code, result.stderr) == (
        2, "Error: the axis is given twice: use --axis or --param axis, not both\n")


def test_long_text_output_keeps_every_value(actv):
    out = actv("eval", "linear", *map(str, range(1500))).output
    assert "..." not in out and len(out.split()) == 1500


def test_info_markdown_puts_each_note_on_its_own_line(actv):
    out = actv("info", "leaky_relu", "--format", "markdown").output
    assert "| frameworks | keras: leaky_relu(negative_slope=0.2); layer LeakyReLU(negative_slope=0.3)<br>pytorch:" in out


def test_long_text_output_is_numpys_format_streamed():
    # array2string is quadratic in the length (1e6 values took 100 s): long 1-D results are written
    # in blocks with numpy's element format, and must read exactly as numpy prints them
    import io

    from activation_cli.render import array_text, write_array_text

    rng = np.random.default_rng(0)
    for size in (1, 6, 7, 13, 5000):
        for dtype in (np.float64, np.float32):
            for scale in (1.0, 1e-3, 1e20, 1e-310):
                with np.errstate(all="ignore"):  # making subnormal test data underflows on purpose
                    x = (rng.normal(size=size) * scale).astype(dtype)
                for array in (x, np.maximum(x, 0), np.round(x), np.where(np.arange(size) % 3 == 0, np.inf, x),
                              np.where(np.arange(size) % 4 == 1, np.nan, x)):
                    out = io.StringIO()
                    write_array_text(array, out.write, stream_from=1)
                    assert out.getvalue() == array_text(array) + "\n", (size, dtype, scale)


def test_stdin_on_a_terminal_says_it_is_waiting(actv, monkeypatch):
    from activation_cli import cli as cli_module

    monkeypatch.setattr(cli_module, "_stdin_is_a_terminal", lambda: True)
    result = actv("eval", "relu", "--input", "-", input="-1 2\n")
    assert (result.exit_code, result.stdout) == (0, "[0. 2.]\n")
    assert result.stderr == ("Reading numbers from standard input: type or paste them, then press Ctrl-D "
                             "(Ctrl-Z, Enter on Windows).\n")
    monkeypatch.setattr(cli_module, "_stdin_is_a_terminal", lambda: False)
    assert actv("eval", "relu", "--input", "-", input="-1 2\n").stderr == ""


def test_values_pasted_as_a_list_or_numpys_print(actv):
    assert actv("eval", "relu", "[1, -2, 3]").output == "[1. 0. 3.]\n"
    assert actv("eval", "relu", "[1,", "-2,", "3]").output == "[1. 0. 3.]\n"  # unquoted in the shell
    assert actv("eval", "sigmoid", "[0.5", "0.25]").exit_code == 0


def test_info_bullets_hang_and_empty_facts_say_none():
    from click.testing import CliRunner

    from activation_cli.cli import cli

    out = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "80"}).invoke(cli, ["info", "leaky_relu"]).output
    lines = [line.strip("│").rstrip("│ ") for line in out.splitlines()]
    assert " aliases             │ none" in lines
    assert " parameters          │ • negative_slope=0.01: slope for x < 0 (PyTorch," in lines
    assert "                     │   jax.nn: 0.01)" in lines  # under the text, not under the bullet
