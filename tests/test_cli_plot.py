"""actv plot: files written (or not), exact messages, exit codes, what the default path imports."""
import os
import struct
import sys

import numpy as np
import pytest

from activation_cli import catalog, plot
from activation_cli.catalog import get

from test_plot import SCALED


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in an empty directory, so that default file names land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def figures(monkeypatch):
    """The figures the command saves, for asserting on their data."""
    saved = []
    original = plot.save

    def spy(figure, path):
        saved.append(figure)
        return original(figure, path)

    monkeypatch.setattr(plot, "save", spy)
    return saved


def png_size(path):
    with open(path, "rb") as stream:
        head = stream.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_default_name_joins_the_names_and_is_printed(actv, here):
    result = actv("plot", "relu", "logistic", "--points", 21, "--size", 3, 2, "--dpi", 40)
    assert result.exit_code == 0 and result.output == "relu_sigmoid.png\n"
    assert os.listdir(here) == ["relu_sigmoid.png"] and png_size(here / "relu_sigmoid.png") == (120, 80)


@pytest.mark.parametrize("suffix, magic", [("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_output_format_from_the_extension(actv, here, suffix, magic):
    os.mkdir(here / "out")
    result = actv("plot", "tanh", "-d", "--points", 21, "-o", f"out/t.{suffix}")
    assert result.exit_code == 0 and result.output == f"out/t.{suffix}\n"
    assert (here / "out" / f"t.{suffix}").read_bytes().startswith(magic)


def test_negative_range_and_values_parse_without_double_dash(actv, here, figures):
    assert actv("plot", "relu", "--range", "-5", "5", "--points", 11, "-d").exit_code == 0
    ax = figures[0].axes[0]
    assert ax.get_xlim() == (-5, 5)
    x, y = (np.asarray(a, float) for a in ax.get_lines()[0].get_data())
    np.testing.assert_array_equal(x, np.linspace(-5, 5, 11))
    np.testing.assert_array_equal(y, get("relu")(x))

    result = actv("plot", "softmax", "--values", "-1", "2", "0.5", "--temperature", "1", "2", "-o", "s.png")
    assert result.exit_code == 0 and result.output == "s.png\n"
    heights = [p.get_height() for p in figures[1].axes[0].patches if p.get_gid() == "bars:T=2"]
    np.testing.assert_array_equal(heights, get("softmax")(np.array([-1, 2, 0.5]) / 2))


def test_options_reach_the_figure(actv, here, figures):
    result = actv("plot", "sigmoid", "--title", "σ", "--no-grid", "--style", "dark", "--saturation",
                  "--only-derivative", "--points", 21, "-o", "s.png")
    assert result.exit_code == 0
    ax = figures[0].axes[0]
    assert ax.get_title() == "σ" and not any(line.get_visible() for line in ax.get_xgridlines())
    assert [line.get_gid() for line in ax.get_lines()] == ["derivative:sigmoid"]
    assert any((p.get_gid() or "").startswith("saturation:") for p in ax.patches)
    assert figures[0].get_facecolor()[:3] == (0, 0, 0)  # dark background


def test_a_parameter_family_from_the_command_line(actv, here, figures, monkeypatch):
    monkeypatch.setitem(catalog.CATALOG, "scaled", SCALED)
    monkeypatch.setitem(catalog._LOOKUP, "scaled", SCALED)
    result = actv("plot", "scaled", "--param", "slope=0.1,0.2", "-p", "slope=0.3", "--points", 11)
    assert result.exit_code == 0 and result.output == "scaled.png\n"
    assert [line.get_gid() for line in figures[0].axes[0].get_lines() if line.get_gid().startswith("function:")] == [
        "function:scaled(slope=0.1)", "function:scaled(slope=0.2)", "function:scaled(slope=0.3)"]


def test_gallery(actv, here):
    result = actv("plot", "--all", "--points", 21, "--dpi", 30)
    assert result.exit_code == 0 and result.output == "gallery.png\n"
    assert png_size(here / "gallery.png")[0] > 0


@pytest.mark.parametrize("args, message, code", [
    (["sigmod"], "Error: unknown activation 'sigmod'. Did you mean 'sigmoid'?", 2),
    (["relu", "--range", "5", "-5"], "Error: --range: XMIN must be less than XMAX, got 5 -5", 2),
    (["relu", "--points", "1"], "Error: --points must be between 2 and 100000, got 1", 2),
    (["relu", "--points", "100001"], "Error: --points must be between 2 and 100000, got 100001", 2),
    (["relu", "-o", "x.jpg"], "Error: cannot write .jpg (x.jpg): use .png, .svg or .pdf", 2),
    (["relu", "-o", "missing/x.png"], "Error: cannot write missing/x.png: No such file or directory", 1),
    (["relu", "--values", "1", "2"], "Error: --values draws a vector function (such as softmax) as bars; "
                                     "relu is element-wise: plot it over --range instead", 2),
    (["--all", "relu"], "Error: --all draws every function: give no names with it", 2),
    ([], "Error: give one or more function names (actv plot relu tanh) or --all", 2),
    (["softmax", "--temperature", "2"], "Error: --temperature applies with --values (actv plot softmax "
                                        "--values 1 3 2 --temperature 0.5 1 2)", 2),
    (["softmax", "--values", "1", "x"], "Error: 'x' is not a number", 2),
    (["softmax", "--values", "-o", "a.png"], "Error: --values needs numbers, e.g. actv plot softmax "
                                             "--values 1 3 2", 2),
    (["softmax", "--values", "1", "--temperature", "0"], "Error: --temperature must be a finite number > 0", 2),
    (["relu", "-p", "slope=1"], "Error: relu has no parameter 'slope'; it takes no parameters.", 2),
    # options that would be silently ignored are refused
    (["softmax", "-d", "--values", "1", "-3", "2"], "Error: --values draws softmax(x) as bars; its "
                                                    "derivative is a Jacobian matrix: print it with "
                                                    "actv eval softmax -d 1 -3 2", 2),
    (["softmax", "--values", "1", "2", "--only-derivative"], "Error: --values draws softmax(x) as bars; its "
                                                             "derivative is a Jacobian matrix: print it with "
                                                             "actv eval softmax -d 1 2", 2),
    (["softmax", "--values", "1", "2", "--range", "-1", "1"], "Error: --range, --points and --saturation draw "
                                                              "curves; they do not apply to --values bars", 2),
    (["softmax", "--values", "1", "2", "--saturation"], "Error: --range, --points and --saturation draw "
                                                        "curves; they do not apply to --values bars", 2),
    (["--all", "--only-derivative"], "Error: --all draws every function with its derivative: "
                                     "--only-derivative does not apply", 2),
    (["relu", "--terminal", "--saturation"], "Error: --saturation, --show, --dpi, --size and --style apply to "
                                             "an image: with --terminal, add -o FILE to write one too", 2),
    (["relu", "--terminal", "--dpi", "50"], "Error: --saturation, --show, --dpi, --size and --style apply to "
                                            "an image: with --terminal, add -o FILE to write one too", 2),
    (["relu", "--range", "0", "1e308"], "Error: --range 0 1e+308 is too wide to draw: keep within ±1e300", 2),
])
def test_bad_input_is_one_line_and_writes_nothing(actv, here, args, message, code):
    result = actv("plot", *args)
    assert result.exit_code == code
    hint = " (see 'actv plot --help')"
    assert result.stderr.replace(hint, "").rstrip("\n") == message and result.stdout == ""
    assert os.listdir(here) == []


def test_an_existing_file_survives_a_failed_run(actv, here):
    (here / "relu.png").write_bytes(b"precious")
    assert actv("plot", "relu", "--points", "1").exit_code == 2
    assert (here / "relu.png").read_bytes() == b"precious"


def test_show_without_a_display_says_so_and_still_writes(actv, here, monkeypatch):
    monkeypatch.setattr(plot.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = actv("plot", "tanh", "--show", "--points", 11, "--dpi", 30)
    assert result.exit_code == 0 and result.stdout == "tanh.png\n"
    assert result.stderr == ("actv: cannot --show: no display (DISPLAY and WAYLAND_DISPLAY are not set); "
                             "the plot is in tanh.png\n")
    assert (here / "tanh.png").exists()


def test_terminal_preview_prints_and_writes_no_file(actv, here):
    pytest.importorskip("plotext")
    result = actv("plot", "relu", "-d", "--terminal", "--range", "-2", "2", "--points", 21)
    assert result.exit_code == 0 and "d/dx relu" in result.output and "┤" in result.output
    assert "\x1b[" not in result.output and os.listdir(here) == []
    bars = actv("plot", "softmax", "--values", "1", "3", "2", "--terminal")
    assert bars.exit_code == 0 and "0.665" in bars.output and "x1=3" in bars.output


def test_terminal_without_plotext_is_one_line_exit_1(actv, here, monkeypatch):
    monkeypatch.setitem(sys.modules, "plotext", None)
    result = actv("plot", "relu", "--terminal")
    assert result.exit_code == 1
    assert result.stderr == "Error: --terminal needs plotext: pip install 'activation-cli[terminal]'\n"


def test_help_has_examples(actv):
    assert "actv plot softmax --values 1 3 2 --temperature 0.5 1 2" in actv("plot", "--help").output


def test_the_tutorial_example_writes_its_four_plots(tmp_path, capsys):
    import runpy

    script = os.path.join(os.path.dirname(__file__), os.pardir, "examples", "tutorial_plots.py")
    monkey_argv = [script, str(tmp_path)]
    old = sys.argv
    sys.argv = monkey_argv
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit:
        assert exit.code in (0, None)
    finally:
        sys.argv = old
    written = capsys.readouterr().out.split()
    assert [os.path.basename(p) for p in written] == ["relu.png", "sigmoid.png", "tanh.png", "linear.png"]
    assert all(open(p, "rb").read(4) == b"\x89PNG" for p in written)


def test_no_library_warning_reaches_the_user(actv, here, monkeypatch):
    import warnings

    # numpy's default error state (the tests raise on every numpy warning), as a user runs it;
    # a warning that reaches the user is one that a "show every warning" filter would record
    with np.errstate(all="warn", under="ignore"), warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        result = actv("plot", "exponential", "--range", 0, 1000, "--dpi", 30)
    assert result.exit_code == 0 and result.stdout == "exponential.png\n" and result.stderr == ""
    assert [str(w.message) for w in shown] == []
    # and whatever a library might warn about in the future stays out of the terminal too
    original = plot.save

    def warns(figure, path):
        warnings.warn("a deprecation deep in matplotlib", DeprecationWarning)
        warnings.warn("overflow encountered in multiply", RuntimeWarning)
        return original(figure, path)

    monkeypatch.setattr(plot, "save", warns)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        result = actv("plot", "relu", "--points", 21, "--dpi", 30)
    assert result.exit_code == 0 and result.stderr == "" and shown == []


def test_saturation_in_the_gallery_and_a_title_in_the_terminal(actv, here, figures):
    result = actv("plot", "--all", "--saturation", "--points", 41, "--dpi", 20)
    assert result.exit_code == 0 and result.stderr == ""
    gids = {p.get_gid() for ax in figures[0].axes for p in ax.patches}
    assert {"dead:relu", "saturation:sigmoid", "dead:threshold(threshold=1, value=0)"} <= gids
    pytest.importorskip("plotext")
    shown = actv("plot", "tanh", "--terminal", "--title", "tanh, as in the tutorial", "--points", 21)
    assert "tanh, as in the tutorial" in shown.stdout
    assert all(line == line.rstrip() for line in shown.stdout.splitlines())  # no padding in a pipe
