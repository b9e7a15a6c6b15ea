"""Reading numbers from text, CSV and .npy; atomic writes."""
import numpy as np
import pytest

from activation_cli import InputError
from activation_cli.files import atomic_output, parse_values, read_values


def read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return read_values(str(path))


def test_csv_header_is_skipped_only_when_it_holds_no_number(tmp_path):
    np.testing.assert_array_equal(read(tmp_path, "a.csv", "a,b\n1,2\n3,4\n"), [[1, 2], [3, 4]])
    with pytest.raises(InputError, match=r"a\.csv, line 1: 'x' is not a number$"):
        read(tmp_path, "a.csv", "1,x\n3,4\n")


def test_csv_trailing_delimiters_are_ignored_and_empty_cells_named(tmp_path):
    np.testing.assert_array_equal(read(tmp_path, "a.csv", "1,2,\n3,4,\n"), [[1, 2], [3, 4]])
    with pytest.raises(InputError, match=r"a\.csv, line 2: column 2 is empty$"):
        read(tmp_path, "a.csv", "1,2\n3,,4\n")


def test_text_one_value_per_line_is_a_vector(tmp_path):
    np.testing.assert_array_equal(read(tmp_path, "v.txt", "1\n-2 # comment\n\n3e2\n"), [1, -2, 300])


def test_ragged_rows_are_refused(tmp_path):
    with pytest.raises(InputError, match=r"rows have different lengths \(2, 3\)"):
        read(tmp_path, "r.txt", "1 2\n1 2 3\n")


def test_npy_claiming_a_huge_shape_is_an_input_error(tmp_path):
    path = tmp_path / "huge.npy"
    np.save(path, np.zeros(3))
    data = path.read_bytes()
    end = data.index(b"\n") + 1  # the header is padded with spaces up to its newline
    header = data[10:end].decode("latin1").replace("(3,)", "(10000000000000,)")
    path.write_bytes(data[:10] + (header.rstrip("\n").ljust(end - 11) + "\n").encode("latin1") + data[end:])
    with pytest.raises(InputError, match=r"huge\.npy: too large to load$"):
        read_values(str(path))


def test_parse_values_names_the_bad_token():
    np.testing.assert_array_equal(parse_values(["1,3", "-2", "inf"]), [1, 3, -2, np.inf])
    with pytest.raises(InputError, match=r"^'1\.2\.3' is not a number$"):
        parse_values(["1", "1.2.3"])


def test_atomic_output_leaves_the_old_file_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_output(target, "w") as stream:
            stream.write("half")
            raise RuntimeError("boom")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]
