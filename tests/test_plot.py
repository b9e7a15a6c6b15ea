"""activation_cli.plot: the figure's data is the catalog's data (not pixels)."""
import os
import struct

import numpy as np
import pytest

from activation_cli import plot
from activation_cli.catalog import Activation, Param, get, names
from activation_cli.errors import InputError, OutputError, ParameterError

POINTS = 101  # odd: 0 is a sample of [-10, 10]


def lines(figure, kind):
    """{tag: Line2D} for the lines whose gid starts with ``kind``."""
    return {line.get_gid().split(":", 1)[1]: line for ax in figure.axes for line in ax.get_lines()
            if (line.get_gid() or "").startswith(kind + ":")}


def finite(line):
    x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    keep = np.isfinite(y)
    return x[keep], y[keep]


def png_size(path):
    with open(path, "rb") as stream:
        head = stream.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


# A test-only record with a parameter, so families do not depend on the catalog's contents.
def _scaled(x, slope=1.0):
    return np.where(x > 0, x, slope * x)


def _scaled_derivative(x, slope=1.0):
    return np.where(x > 0, 1.0, slope).astype(x.dtype)


SCALED = Activation(
    name="scaled", summary="test", function=_scaled, gradient=_scaled_derivative,
    formula="x > 0 ? x : s·x", derivative_formula="x > 0 ? 1 : s", range="ℝ", continuity="C0",
    monotonic=True, monotone_derivative=True, approx_identity=False, zero_centred=False,
    uses=("hidden",), initializer="He", input_scaling="any", frameworks={}, kink="f'(0) = s",
    bounds=(None, None), params=(Param("slope", 0.5, "slope for x < 0"),),
)


def _glu(x, axis=-1):
    a, b = np.split(x, 2, axis=axis)
    return a / (1 + np.exp(-b))


def _glu_jvp(x, v, axis=-1):
    a, b = np.split(x, 2, axis=axis)
    da, db = np.split(v, 2, axis=axis)
    s = 1 / (1 + np.exp(-b))
    return da * s + a * s * (1 - s) * db


GLU = Activation(
    name="glu_test", summary="test", function=_glu, gradient=lambda x, axis=-1: None, jvp_function=_glu_jvp,
    formula="a·σ(b)", derivative_formula="[σ(b), a·σ′(b)]", range="ℝ", continuity="C∞", monotonic=False,
    monotone_derivative=False, approx_identity=False, zero_centred=False, uses=("gates",),
    initializer="Glorot", input_scaling="any", frameworks={}, params=(Param("axis", -1, "axis", int),),
    vector=True,
)


@pytest.fixture(scope="module")
def three():
    """relu, sigmoid, tanh with derivatives and saturation shading, built once."""
    return plot.functions_figure(["relu", "sigmoid", "tanh"], derivative=True, saturation=True,
                                 points=POINTS)


def test_plotted_values_are_the_catalogs_values(three):
    functions, derivatives = lines(three, "function"), lines(three, "derivative")
    assert set(functions) == set(derivatives) == {"relu", "sigmoid", "tanh"}
    for name in functions:
        x, y = finite(functions[name])
        np.testing.assert_array_equal(y, get(name)(x))
        x, y = finite(derivatives[name])
        np.testing.assert_array_equal(y, get(name).derivative(x))
        assert derivatives[name].get_linestyle() == "--" and functions[name].get_linestyle() == "-"
        assert derivatives[name].get_color() == functions[name].get_color()
    assert len({line.get_color() for line in functions.values()}) == 3


def test_legend_labels_hold_the_records_formulas(three):
    texts = [t.get_text() for t in three.axes[0].get_legend().get_texts()]
    for name in ("relu", "sigmoid", "tanh"):
        entry = get(name)
        assert f"{name}: {entry.formula}" in texts
        assert f"{name}′: {entry.derivative_formula}" in texts


def test_bounds_are_dotted_lines_at_the_records_bounds(three):
    bounds = {}
    for ax in three.axes:
        for line in ax.get_lines():
            if (line.get_gid() or "").startswith("bound:"):
                bounds.setdefault(line.get_gid()[6:], set()).add(line.get_ydata()[0])
    assert bounds == {"sigmoid": {0.0, 1.0}, "tanh": {-1.0, 1.0}, "relu": {0.0}}


def test_saturation_spans_cover_exactly_the_samples_where_the_slope_is_below_001(three):
    x = np.linspace(-10, 10, POINTS)
    slope = np.abs(get("tanh").derivative(x))
    spans = [(p.get_bbox().x0, p.get_bbox().x1) for p in three.axes[0].patches
             if p.get_gid() == "saturation:tanh"]
    assert len(spans) == 2
    inside = np.zeros_like(x, dtype=bool)
    for start, stop in spans:
        inside |= (x >= start) & (x <= stop)
    np.testing.assert_array_equal(inside, slope < 0.01)
    assert any("|f′| < 0.01" in t.get_text() for t in three.texts)


def test_relus_derivative_breaks_at_0_without_a_vertical_line(three):
    x, y = (np.asarray(a, float) for a in lines(three, "derivative")["relu"].get_data())
    gaps = np.flatnonzero(np.isnan(y))
    assert len(gaps) == 1 and abs(x[gaps[0]]) < 1e-9
    for segment in np.split(np.arange(len(y)), gaps):
        values = y[segment[np.isfinite(y[segment])]]
        assert np.all(np.abs(np.diff(values)) < 0.5)  # never a stroke from 0 to 1
    assert y[gaps[0] - 1] == 0 and y[gaps[0] + 1] == 1  # the one-sided values, right at the jump
    # relu itself is continuous: its line is never broken
    assert not np.isnan(lines(three, "function")["relu"].get_ydata()).any()


def test_a_step_between_samples_is_found_to_machine_precision():
    def step(t):
        return np.where(t > 0.3, 1.0, 0.0)

    x = np.linspace(-1, 1, 41)
    xb, yb, where, breaks = plot.break_at_jumps(step, x, step(x))
    assert len(where) == 1 and abs(where[0] - 0.3) < 1e-12
    gap = int(np.flatnonzero(np.isnan(yb))[0])
    assert yb[gap - 1] == 0 and yb[gap + 1] == 1 and xb[gap - 1] <= 0.3 < xb[gap + 1]
    np.testing.assert_array_equal(yb[np.isfinite(yb)], step(xb[np.isfinite(yb)]))
    # the two sides are neighbouring floats; the break point is 0.3 itself, where f takes 0
    (a, fa, b, fb, side), = breaks
    assert (a, fa, b, fb, side) == (0.3, 0.0, np.nextafter(0.3, 1), 1.0, 0)


def test_extreme_ranges_draw_without_numpy_warnings():
    for x_range in [(-1e-300, 1e-300), (-1e300, 1e300), (-1000, 1000)]:
        drawn = plot.curves(["relu", "sigmoid", "tanh", "softmax"], derivative=True, x_range=x_range,
                            points=51)
        relu_derivative = drawn[1]
        step = (x_range[1] - x_range[0]) / 50
        assert len(relu_derivative.jumps) == 1 and abs(relu_derivative.jumps[0]) <= step * 2.0**-59


def test_a_steep_continuous_function_is_not_broken():
    def steep(t):
        return np.tanh(50 * t)

    x = np.linspace(-1, 1, 41)
    xb, yb, where, breaks = plot.break_at_jumps(steep, x, steep(x))
    assert where == [] == breaks and xb is x


def test_softmax_is_drawn_as_its_two_class_slice_which_is_the_sigmoid():
    figure = plot.functions_figure(["softmax"], derivative=True, points=POINTS)
    x, y = finite(lines(figure, "function")["softmax"])
    np.testing.assert_allclose(y, get("sigmoid")(x), rtol=1e-15, atol=1e-17)
    x, y = finite(lines(figure, "derivative")["softmax"])
    np.testing.assert_allclose(y, get("sigmoid").derivative(x), rtol=1e-11, atol=0)  # jvp: s·(1 − s)
    assert "softmax([x, 0])[0]" in figure.texts[0].get_text()
    assert "softmax([x, 0])[0], softmax = exp(xᵢ) / Σⱼ exp(xⱼ)" in [
        t.get_text() for t in figure.axes[0].get_legend().get_texts()]


def test_a_vector_function_that_halves_its_input_is_drawn_on_the_diagonal():
    sampler = plot.Sampler.of(GLU)
    x = np.linspace(-4, 4, 9)
    np.testing.assert_allclose(sampler.function(x), x / (1 + np.exp(-x)), rtol=1e-15)
    h = 1e-6
    numeric = (sampler.function(x + h) - sampler.function(x - h)) / (2 * h)
    np.testing.assert_allclose(sampler.derivative(x), numeric, rtol=1e-7, atol=1e-9)
    assert sampler.name == "glu_test([x, x])[0]" and "diagonal" in sampler.note


def test_a_parameter_family_draws_one_labelled_line_per_value():
    figure = plot.functions_figure([SCALED], params=["slope=0.5,2", "slope=3"], points=21,
                                   derivative=True)
    functions = lines(figure, "function")
    assert set(functions) == {"scaled(slope=0.5)", "scaled(slope=2)", "scaled(slope=3)"}
    for tag, line in functions.items():
        slope = float(tag.split("=")[1].rstrip(")"))
        x, y = finite(line)
        np.testing.assert_array_equal(y, SCALED(x, slope=slope))
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "scaled(slope=2): x > 0 ? x : s·x" in labels and "scaled′(slope=2): x > 0 ? 1 : s" in labels
    # the derivative jumps at 0 for every slope but 1
    assert all(np.isnan(line.get_ydata()).sum() == 1 for line in lines(figure, "derivative").values())


def test_family_errors_name_the_function_and_parameter():
    with pytest.raises(ParameterError, match="bad value 'x' for scaled parameter 'slope'"):
        plot.curves([SCALED], params=["slope=1,x"])
    with pytest.raises(ParameterError, match="relu has no parameter 'slope'"):
        plot.curves(["relu"], params=["slope=1"])
    with pytest.raises(ParameterError, match="none of relu, tanh takes a parameter 'slope'"):
        plot.curves(["relu", "tanh"], params=["slope=1"])
    with pytest.raises(ParameterError, match="expected NAME=VALUE"):
        plot.parse_families(["slope"])
    with pytest.raises(ParameterError, match="--param axis does not apply"):
        plot.curves(["softmax"], params=["axis=0"])


def test_softmax_bars_are_the_probabilities_and_sum_to_1():
    figure = plot.values_figure("softmax", [1, 3, 2], temperatures=[0.5, 1, 2])
    ax = figure.axes[0]
    for temperature in (0.5, 1, 2):
        bars = [p for p in ax.patches if p.get_gid() == f"bars:T={temperature:g}"]
        heights = np.array([bar.get_height() for bar in bars])
        np.testing.assert_array_equal(heights, get("softmax")(np.array([1.0, 3.0, 2.0]) / temperature))
        assert abs(heights.sum() - 1) < 1e-15
    assert "0.665" in [t.get_text() for t in ax.texts]  # the value printed on the bar
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x₀ = 1", "x₁ = 3", "x₂ = 2"]
    assert ax.get_title() == "softmax([1, 3, 2] / T) (each group sums to 1)\nsoftmax = exp(xᵢ) / Σⱼ exp(xⱼ)"
    single = plot.values_figure("softmax", [1, 3, 2]).axes[0].get_title()
    assert single.startswith("softmax([1, 3, 2]) (each group sums to 1)")


def test_values_for_an_element_wise_function_is_refused():
    with pytest.raises(InputError, match="relu is element-wise"):
        plot.values_figure("relu", [1, 2])
    with pytest.raises(InputError, match="--temperature must be a finite number > 0"):
        plot.values_figure("softmax", [1, 2], temperatures=[0])


def test_gallery_has_a_panel_per_catalog_function_with_its_derivative():
    figure = plot.gallery_figure(points=21)
    panels = [ax for ax in figure.axes if ax.get_visible()]
    assert len(panels) == len(names())
    for ax, name in zip(panels, names()):
        assert ax.get_title().startswith(name)
        gids = {line.get_gid().split(":")[0] for line in ax.get_lines()} if ax.get_lines() else set()
        if not any(p.required for p in get(name).params):
            assert {"function", "derivative"} <= gids


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_format_follows_the_extension(tmp_path, suffix, magic):
    figure = plot.functions_figure(["tanh"], points=21, size=(3, 2), dpi=40)
    path = plot.save(figure, tmp_path / f"tanh.{suffix}")
    with open(path, "rb") as stream:
        head = stream.read(400)
    assert head.startswith(magic)
    if suffix == "svg":
        assert b"<svg" in head


def test_png_pixels_are_size_times_dpi(tmp_path):
    figure = plot.functions_figure(["relu"], points=21, size=(3, 2), dpi=50)
    assert png_size(plot.save(figure, tmp_path / "relu.png")) == (150, 100)


def test_a_failed_write_leaves_the_existing_file_untouched(tmp_path):
    target = tmp_path / "keep.png"
    target.write_bytes(b"precious")
    figure = plot.functions_figure(["relu"], points=21, size=(3, 2), dpi=40)

    def broken(stream, **options):
        stream.write(b"\x89PNG half")
        raise OSError(28, "No space left on device")

    figure.savefig = broken
    with pytest.raises(OutputError, match="No space left on device"):
        plot.save(figure, target)
    assert target.read_bytes() == b"precious" and os.listdir(tmp_path) == ["keep.png"]


def test_bad_inputs_are_one_clear_error():
    with pytest.raises(InputError, match="XMIN must be less than XMAX, got 5 -5"):
        plot.curves(["relu"], x_range=(5, -5))
    with pytest.raises(InputError, match="^--range -1e\\+308 1e\\+308 is wider than a float can hold: narrow it$"):
        plot.curves(["relu"], x_range=(-1e308, 1e308))
    with pytest.raises(InputError, match="^--range needs finite numbers, got -inf 1$"):
        plot.curves(["relu"], x_range=(-np.inf, 1))
    for bad in ("negative_slope=0.1,,", "negative_slope=,0.1"):
        with pytest.raises(ParameterError, match=f"^bad --param '{bad}': expected NAME=VALUE"):
            plot.parse_families([bad])
    with pytest.raises(ParameterError, match="^--param negative_slope=0.1 is given twice$"):
        plot.parse_families(["negative_slope=0.1,0.1"])
    with pytest.raises(ParameterError, match="^--param negative_slope=0.2 is given twice$"):
        plot.parse_families(["negative_slope=0.1,0.2", "negative_slope=0.2"])
    with pytest.raises(InputError, match="--range 0 9.88131e-323 is too narrow for 101 distinct points"):
        plot.curves(["relu"], x_range=(0, 1e-322), points=101)
    with pytest.raises(InputError, match="--points must be between 2 and 100000, got 1"):
        plot.curves(["relu"], points=1)
    with pytest.raises(InputError, match=r"cannot write \.jpg \(a\.jpg\): use \.png, \.svg or \.pdf"):
        plot.output_format("a.jpg")
    with pytest.raises(InputError, match="--dpi must be between"):
        plot.functions_figure(["relu"], points=21, dpi=0)


def test_default_output_names():
    assert plot.default_output(["relu"]) == "relu.png"
    assert plot.default_output(["ReLU", "logistic", "relu"]) == "relu_sigmoid.png"
    assert plot.default_output(gallery=True) == "gallery.png"


def test_terminal_preview_draws_with_plotext():
    pytest.importorskip("plotext")
    drawn = plot.curves(["relu"], derivative=True, x_range=(-2, 2), points=21)
    text = plot.terminal_text(drawn, title="relu", width=50, height=12)
    assert "relu" in text and "d/dx relu" in text and "\x1b[" not in text
    assert len(text.splitlines()) >= 12


def test_terminal_preview_without_plotext_says_how_to_install(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "plotext", None)
    with pytest.raises(OutputError, match=r"pip install 'activation-cli\[terminal\]'"):
        plot.terminal_text([], title="x")


def test_no_display_is_reported(monkeypatch):
    monkeypatch.setattr(plot.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert plot.display_problem() == "no display (DISPLAY and WAYLAND_DISPLAY are not set)"
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    assert plot.display_problem() == "MPLBACKEND=agg is not interactive"


def test_a_window_toolkit_that_fails_is_reported_not_raised(monkeypatch):
    from matplotlib import pyplot

    monkeypatch.setattr(plot, "display_problem", lambda: None)
    monkeypatch.setattr(pyplot, "get_backend", lambda: "TkAgg")

    def no_display(*args, **kwargs):
        raise RuntimeError("couldn't connect to display ':99'")

    monkeypatch.setattr(pyplot, "figure", no_display)
    assert plot.window_factory() == (None, "cannot open a window (RuntimeError: couldn't connect to display ':99')")


def test_bounds_follow_the_parameters_of_monotonic_functions():
    assert plot.bounds_of(get("elu"), {"alpha": 2.0}) == [-2.0]
    assert plot.bounds_of(get("hard_tanh"), {"min_val": -2.0, "max_val": 3.0}) == [-2.0, 3.0]
    assert plot.bounds_of(get("threshold"), {"threshold": 0.0, "value": -1.0}) == []  # not monotonic for value > threshold
    assert plot.bounds_of(get("leaky_relu"), {"negative_slope": 0.2}) == []
    assert plot.bounds_of(get("gelu"), {"approximate": "tanh"}) == []  # not monotonic: its minimum is inside
    assert plot.bounds_of(get("sigmoid"), {}) == [0.0, 1.0]


# -- dead zones and saturation (issue 9.14) ----------------------------------------------------

def zones(name, x_range=(-10, 10), points=1001, **params):
    curve = plot.curves([name], x_range=x_range, points=points, zones=True,
                        params={k: [v] for k, v in params.items()})[0]
    return curve.dead, curve.saturation


# The closed forms, not the code: where f' = 0 exactly and where 0 < |f'| < 0.01.
#   sigmoid' = 1 / (4 cosh²(x/2)) < 0.01  <=>  |x| > 2 acosh(5);   tanh' = 1 / cosh² x  <=>  |x| > acosh(10)
#   elu' = exp(x) for x < 0              <=>  x < ln 0.01;         hard_sigmoid' = 0 for |x| > 3 (PyTorch's)
SIGMOID_EDGE, TANH_EDGE, ELU_EDGE = 2 * np.arccosh(5), np.arccosh(10), np.log(0.01)


@pytest.mark.parametrize("name, dead, saturation", [
    ("relu", [(-10, 0)], []),
    ("leaky_relu", [], []),                        # |f'| = 0.01 on x < 0: small, but never vanishing
    ("sigmoid", [], [(-10, -SIGMOID_EDGE), (SIGMOID_EDGE, 10)]),
    ("tanh", [], [(-10, -TANH_EDGE), (TANH_EDGE, 10)]),
    ("hard_tanh", [(-10, -1), (1, 10)], []),
    ("hard_sigmoid", [(-10, -3), (3, 10)], []),
    ("elu", [], [(-10, ELU_EDGE)]),
])
def test_dead_zones_and_saturation_are_told_apart(name, dead, saturation):
    found_dead, found_saturation = zones(name)
    step = 20 / 1000
    assert len(found_dead) == len(dead) and len(found_saturation) == len(saturation)
    for found, expected in zip(found_dead + found_saturation, dead + saturation):
        np.testing.assert_allclose(found, expected, atol=step)


def test_a_dead_zones_edges_are_exact_and_follow_the_parameters():
    assert zones("hard_tanh", min_val=-2.5, max_val=0.3)[0] == [(-10, -2.5), (0.3, 10)]
    assert zones("relu", x_range=(-3, 7), points=10)[0] == [(-3, 0)]  # 0 is not a sample: found by bisection
    assert zones("leaky_relu", negative_slope=0.0)[0] == [(-10, 0)]    # slope 0 is a relu
    assert zones("leaky_relu", negative_slope=0.001) == ([], [])       # small but constant: neither


def test_zeros_made_by_rounding_are_saturation_never_a_dead_zone():
    # float64 rounds sigmoid' to 0 past |x| ≈ 745 (underflow), the softmax slice's to 0 past
    # x ≈ 36.7 (1 − σ cancels): the derivative only tends to 0 there
    assert zones("sigmoid", x_range=(-1000, 1000)) == ([], [(-1000, -6), (6, 1000)])
    assert zones("softmax", x_range=(-1000, 1000)) == ([], [(-1000, -6), (6, 1000)])
    assert zones("sigmoid", x_range=(800, 900), points=11) == ([], [(800, 900)])  # every sample 0
    assert zones("hard_tanh", x_range=(800, 900), points=11)[0] == [(800, 900)]
    assert zones("tanh_shrink", x_range=(-1, 1), points=101) == ([], [])  # a root of f' at 0: neither


@pytest.mark.parametrize("x_range", [(-10, 10), (-1000, 1000), (-1e300, 1e300), (-1e-300, 1e-300)])
def test_a_smooth_function_never_has_a_dead_zone(x_range):
    """The float32 test alone (not told the record's continuity), checked against that fact: an
    analytic (C∞ here) f' that is 0 on an interval is 0 everywhere, so every exact zero of a
    smooth record's f' is rounding."""
    x = np.linspace(*x_range, 201)
    for name in names():
        entry = get(name)
        if any(p.required for p in entry.params) or entry.continuity != "C∞":
            continue
        sampler = plot.Sampler.of(entry)
        dead, _ = plot.gradient_zones(sampler.derivative, x, sampler.derivative(x))
        assert dead == [], name
    for name in ("relu", "hard_tanh", "sparsemax"):  # and the piecewise ones keep theirs
        assert zones(name, x_range=x_range, points=201)[0] or x_range[0] > -1e-299, name


def test_saturation_figure_hatches_dead_zones_and_shades_saturation_with_a_legend_entry_each():
    figure = plot.functions_figure(["relu", "sigmoid"], derivative=True, saturation=True, points=POINTS)
    ax = figure.axes[0]
    patches = {p.get_gid(): p for p in ax.patches}
    assert set(patches) == {"dead:relu", "saturation:sigmoid"}
    dead, saturated = patches["dead:relu"], patches["saturation:sigmoid"]
    assert dead.get_hatch() and dead.get_facecolor()[3] == 0       # hatched, not filled
    assert not saturated.get_hatch() and saturated.get_facecolor()[3] > 0  # filled, no hatch
    legend = ax.get_legend()
    entries = dict(zip([t.get_text() for t in legend.get_texts()], legend.legend_handles))
    assert entries["dead zone: f′ = 0"].get_hatch() and not entries["saturation: |f′| < 0.01, → 0"].get_hatch()
    small_print = figure.texts[0].get_text()
    assert "hatched: dead zone, f′ = 0 exactly" in small_print and "shaded: saturation" in small_print
    assert "vanishing-gradient zone" not in small_print


# -- every curve visible (issue 9.15) -----------------------------------------------------------

def drawn_lines(figure):
    return [line for line in figure.axes[0].get_lines() if (line.get_gid() or "").split(":")[0]
            in ("function", "derivative")]


def overlap(first, second, tolerance):
    """The x where two drawn lines run on top of each other, if that is 10% or more of the
    samples both have; else an empty array."""
    xa, ya = (np.asarray(v, float) for v in first.get_data())
    xb, yb = (np.asarray(v, float) for v in second.get_data())
    common, a, b = np.intersect1d(xa, xb, return_indices=True)
    both = np.isfinite(ya[a]) & np.isfinite(yb[b])
    close = both & (np.abs(ya[a] - yb[b]) <= tolerance)
    return common[close] if close.sum() >= 0.1 * both.sum() else np.array([])


@pytest.mark.parametrize("names, derivative, pairs", [
    (["relu"], True, {("function:relu", "derivative:relu")}),     # relu' = 0 = relu for x < 0
    (["relu", "sigmoid", "tanh", "linear"], False,
     {("function:relu", "function:linear"), ("function:relu", "function:sigmoid"),
      ("function:sigmoid", "function:tanh")}),
])
def test_a_line_drawn_over_another_leaves_it_visible(names, derivative, pairs):
    figure = plot.functions_figure(names, derivative=derivative, points=POINTS)
    lines_ = drawn_lines(figure)
    casings = {line.get_gid().split(":", 1)[1]: line for line in figure.axes[0].get_lines()
               if (line.get_gid() or "").startswith("casing:")}
    found = set()
    for i, low in enumerate(lines_):
        for high in lines_[i + 1:]:
            where = overlap(low, high, tolerance=0.02)
            if not where.size:
                continue
            found.add((low.get_gid(), high.get_gid()))
            assert high.get_zorder() > low.get_zorder()
            # under the top line, the lower one is drawn wider (in its colour and style): it shows
            # on both sides; elsewhere it keeps the common width
            casing = casings[low.get_gid()]
            assert casing.get_color() == low.get_color() and casing.get_linestyle() == low.get_linestyle()
            assert casing.get_linewidth() > high.get_linewidth() == low.get_linewidth()
            assert casing.get_zorder() < high.get_zorder()
            x, y = (np.asarray(v, float) for v in casing.get_data())
            assert np.all(np.isfinite(y[np.isin(x, where)]))
            if low.get_color() == high.get_color():  # same colour: the dashes on top show
                assert high.get_linestyle() == "--" and high.get_gapcolor() not in (None, high.get_color())
    assert pairs <= found


def test_jumps_are_marked_with_the_value_taken_and_the_other_sides_limit():
    figure = plot.functions_figure(["relu", "hard_silu"], only_derivative=True, points=POINTS)
    marks = {line.get_gid(): np.asarray(line.get_data(), float).T.tolist()
             for line in figure.axes[0].get_lines() if (line.get_gid() or "").startswith("jump-")}
    # relu'(0) = 0 (the record's kink: jax.nn.relu and PyTorch); the limit from the right is 1
    assert marks["jump-value:derivative:relu"] == [[0.0, 0.0]]
    (x, y), = marks["jump-limit:derivative:relu"]
    assert 0 < x < 1e-300 and y == 1
    # hard_silu' jumps at -3 and 3 and takes the outer value at both (its kink fact)
    assert marks["jump-value:derivative:hard_silu"] == [[-3.0, 0.0], [3.0, 1.0]]
    assert [v for _, v in marks["jump-limit:derivative:hard_silu"]] == pytest.approx([-0.5, 1.5])
    assert "● is the value taken there" in figure.texts[0].get_text()


# -- titles, gallery, bars, legends, warnings (issue 9.16) ------------------------------------------

@pytest.mark.parametrize("names, options, title", [
    (["relu"], {"derivative": True}, "relu and its derivative"),
    (["relu", "tanh"], {"derivative": True}, "relu, tanh and their derivatives"),
    (["relu", "tanh"], {"only_derivative": True}, "derivatives of relu, tanh"),
    (["tanh"], {"only_derivative": True}, "derivative of tanh"),
    (["leaky_relu"], {"derivative": True, "params": ["negative_slope=0.1,0.2"]},
     "leaky_relu (negative_slope = 0.1, 0.2) and their derivatives"),
    (["gelu", "relu"], {"params": ["approximate=tanh,none"]}, "gelu (approximate = tanh, none), relu"),
    (["relu", "tanh"], {}, "relu, tanh"),
])
def test_titles_agree_in_number(names, options, title):
    assert plot.functions_figure(names, points=21, **options).axes[0].get_title() == title


def test_the_gallery_draws_functions_without_defaults_with_labelled_example_parameters():
    figure = plot.gallery_figure(points=21)
    panel = next(ax for ax in figure.axes if ax.get_title() == "threshold")
    gids = {line.get_gid() for line in panel.get_lines()}
    assert {"function:threshold(threshold=1, value=0)", "derivative:threshold(threshold=1, value=0)"} <= gids
    assert [t.get_text() for t in panel.texts] == ["example: threshold=1, value=0"]
    x, y = finite(next(line for line in panel.get_lines() if line.get_gid().startswith("function:")))
    np.testing.assert_array_equal(y, np.where(x > 1, x, 0.0))  # x if x > threshold else value
    for name in names():  # no panel is left empty
        if any(p.required for p in get(name).params):
            assert {p.name for p in get(name).params if p.required} <= set(plot.EXAMPLES[name])


def test_bar_labels_share_one_precision():
    figure = plot.values_figure("softmax", [1, 3, 2], temperatures=[0.5, 1, 2])
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["0.016", "0.867", "0.117", "0.090", "0.665", "0.245", "0.186", "0.506", "0.307"]
    assert plot.bar_texts([0.5, 1e-9, -1e-9, 0.0]) == ["0.500", "<0.001", ">-0.001", "0.000"]
    assert plot.bar_texts([-12.3, -0.4]) == ["-12.3", "-0.4"]


def test_legends_name_the_parameters_that_differ_from_the_defaults_as_the_record_reads_them():
    def labels(name, *params):
        return [c.label for c in plot.curves([name], params=list(params), points=5)]

    assert labels("leaky_relu", "negative_slope=2e-1") == ["leaky_relu(negative_slope=0.2): "
                                                           + get("leaky_relu").formula]
    assert labels("leaky_relu", "negative_slope=0.01")[0].startswith("leaky_relu: ")  # the default
    family = labels("leaky_relu", "negative_slope=0.01,0.2")  # a family names every member
    assert [text.split(":")[0] for text in family] == ["leaky_relu(negative_slope=0.01)",
                                                        "leaky_relu(negative_slope=0.2)"]
    assert labels("gelu", "approximate=TANH")[0].startswith("gelu(approximate=tanh): ")


def test_huge_values_are_not_drawn_and_said_so_and_nothing_warns():
    import io
    import warnings

    with warnings.catch_warnings(), np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("error")
        figure = plot.functions_figure(["exponential"], derivative=True, x_range=(0, 1000), points=1001)
        figure.savefig(io.BytesIO(), format="png", dpi=30)
    for line in drawn_lines(figure):
        x, y = finite(line)
        assert x.max() < np.log(1e300) < 691 and np.all(y <= 1e300)
    assert "exponential is not drawn at x = 691 to 1000" in figure.texts[0].get_text()
    with pytest.raises(InputError, match="^--range 0 1e\\+308 is too wide to draw: keep within ±1e300$"):
        plot.curves(["relu"], x_range=(0, 1e308))


EXTREMES = [(0, 1000), (-1000, 0), (-1e300, 1e300), (-1e-300, 1e-300), (0, 1e-320)]


@pytest.mark.parametrize("x_range", EXTREMES)
def test_no_range_makes_a_library_warn(x_range):
    import io
    import warnings

    # numpy's default error state, as a user runs; any warning at all fails
    with warnings.catch_warnings(), np.errstate(all="warn", under="ignore"):
        warnings.simplefilter("error")
        figure = plot.functions_figure(["exponential", "sigmoid", "relu", "softmax", "linear", "hard_tanh"],
                                       derivative=True, saturation=True, x_range=x_range,
                                       size=(3, 2), dpi=30)  # 1001 points: exp(709.0) ≈ 8e307 is one
        figure.savefig(io.BytesIO(), format="png")


def test_every_drawn_value_is_within_what_matplotlib_can_place():
    """What made `actv plot exponential --range 0 1000` warn: values near 1e308 overflow the
    tick arithmetic. Every function, every extreme range: all drawn x and y within ±1e300."""
    every = [n for n in names() if not any(p.required for p in get(n).params)]
    for x_range in EXTREMES:
        for group in (every[:12], every[12:24], every[24:]):
            for curve in plot.curves(group, derivative=True, x_range=x_range, points=41):
                drawn = np.isfinite(curve.y)
                assert np.all(np.abs(curve.y[drawn]) <= 1e300) and np.all(np.abs(curve.x) <= 1e300)


def test_a_long_legend_goes_below_the_axes_which_keep_their_size():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    def axes_height(figure):
        return figure.axes[0].get_position().height * figure.get_size_inches()[1]

    plain = plot.functions_figure(["relu"], derivative=True, points=21)
    assert plain.axes[0].get_legend()._loc == 0  # "best": two entries sit inside
    many = plot.functions_figure(["relu", "sigmoid", "tanh", "linear"], derivative=True, saturation=True,
                                 points=POINTS)
    FigureCanvasAgg(many).draw()
    renderer = many.canvas.get_renderer()
    legend, ax = many.axes[0].get_legend(), many.axes[0]
    assert len(legend.get_texts()) == 10
    assert legend.get_window_extent(renderer).y1 < ax.xaxis.get_tightbbox(renderer).y0  # under "x"
    assert legend.get_window_extent(renderer).y0 > many.texts[0].get_window_extent(renderer).y1  # above the print
    assert axes_height(many) == pytest.approx(axes_height(plain))
    # a size the user gives is kept, however crowded
    given = plot.functions_figure(["relu", "sigmoid", "tanh", "linear"], derivative=True, points=21, size=(4, 3))
    assert tuple(given.get_size_inches()) == (4, 3)


@pytest.mark.parametrize("count, temperatures", [(3, [0.5, 1, 2]), (12, [1, 4]), (40, [1])])
def test_bar_numbers_and_tick_labels_never_overlap(count, temperatures):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = plot.values_figure("softmax", np.arange(1, count + 1), temperatures=temperatures)
    FigureCanvasAgg(figure).draw()
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    for texts, expected in ((ax.texts, count * len(temperatures)), (ax.get_xticklabels(), count)):
        boxes = sorted((t.get_window_extent(renderer) for t in texts), key=lambda b: b.x0)
        assert len(boxes) == expected
        assert all(left.x1 <= right.x0 + 0.5 for left, right in zip(boxes, boxes[1:]))
    assert all(t.get_window_extent(renderer).y0 >= 0 for t in ax.get_xticklabels())  # none cut off
