"""Pictures of activation functions and their derivatives: what ``actv plot`` draws.

Figures are built with ``matplotlib.figure.Figure`` and saved through the Agg (or SVG/PDF)
canvas: no pyplot, no global state, no display. Only ``--show`` imports pyplot.
Every label, bound and note is read from the catalog record, so the picture cannot
drift from the code. The data of every drawn artist is what the catalog computes:

    >>> from activation_cli import plot
    >>> figure = plot.functions_figure(["relu", "tanh"], derivative=True)
    >>> plot.save(figure, "relu_tanh.png")
    'relu_tanh.png'
"""
from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass, field
from itertools import product
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from .catalog import Activation, get
from .catalog import names as catalog_names
from .errors import InputError, OutputError, ParameterError

FORMATS = ("png", "svg", "pdf")
DEFAULT_RANGE = (-10.0, 10.0)   # the tutorial's range(-10, 10)
DEFAULT_POINTS = 1001           # odd, so that 0 is a sample of the default range
MAX_POINTS = 100_000
MAX_CURVES = 24
DEFAULT_SIZE = (7.0, 4.5)       # inches
DEFAULT_DPI = 100
SATURATION = 0.01               # |f'| below this: the vanishing-gradient zone
STYLES = ("light", "dark")
_BISECTIONS = 60                # halvings of a suspect interval: 2⁻⁶⁰ of a sample step, far below a pixel


# -- inputs -----------------------------------------------------------------------------------

def check_range(xmin: float, xmax: float) -> tuple[float, float]:
    """XMIN < XMAX, both finite, with a finite width."""
    xmin, xmax = float(xmin), float(xmax)
    if not (math.isfinite(xmin) and math.isfinite(xmax)):
        raise InputError(f"--range needs finite numbers, got {xmin:g} {xmax:g}")
    if not math.isfinite(xmax - xmin):
        raise InputError(f"--range {xmin:g} {xmax:g} is wider than a float can hold: narrow it")
    if xmin >= xmax:
        raise InputError(f"--range: XMIN must be less than XMAX, got {xmin:g} {xmax:g}")
    return xmin, xmax


def check_points(points: int) -> int:
    if not 2 <= int(points) <= MAX_POINTS:
        raise InputError(f"--points must be between 2 and {MAX_POINTS}, got {points}")
    return int(points)


def output_format(path: str | os.PathLike) -> str:
    """The image format from the file's extension: png, svg or pdf."""
    suffix = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError(f"cannot write {'.' + suffix if suffix else 'a file without extension'}"
                         f" ({os.fspath(path)}): use .png, .svg or .pdf")
    return suffix


def parse_families(pairs: Iterable[str]) -> dict[str, list[str]]:
    """["slope=0.1,0.2", "slope=0.3", "alpha=1"] -> {"slope": ["0.1", "0.2", "0.3"], "alpha": ["1"]}.

    A parameter given several values (comma-separated or repeated) draws one curve per value.
    """
    families: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip().replace("-", "_")
        values = [part.strip() for part in text.split(",")]
        if not sep or not name or not all(values):
            raise ParameterError(f"bad --param {pair!r}: expected NAME=VALUE or NAME=V1,V2,..., "
                                 "e.g. --param negative_slope=0.01,0.2")
        known = families.setdefault(name, [])
        repeated = next((value for value in values if value in known or values.count(value) > 1), None)
        if repeated is not None:
            raise ParameterError(f"--param {name}={repeated} is given twice")
        known += values
    return families


def members(entry: Activation, families: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Every combination of the family values ``entry`` takes, each checked by the record."""
    taken = {p.name for p in entry.params}
    if entry.vector and "axis" in families:
        raise ParameterError("--param axis does not apply to plots: the vector is the values drawn")
    mine = {name: values for name, values in families.items() if name in taken}
    combos = [dict(zip(mine, values)) for values in product(*mine.values())] or [{}]
    for combo in combos:
        entry.resolve(combo)  # a bad value or a missing required parameter: ParameterError
    return combos


# -- curves -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Curve:
    """One drawn line: x and y as plotted (NaN where the line is broken at a jump)."""

    entry: Activation
    params: dict[str, Any]
    derivative: bool
    x: np.ndarray
    y: np.ndarray
    label: str
    saturation: list[tuple[float, float]] = field(default_factory=list)
    jumps: list[float] = field(default_factory=list)  # x positions where the line is broken


@dataclass(frozen=True)
class Sampler:
    """An element-wise view of a catalog entry: f(x) and f'(x) on a 1-D grid.

    Vector functions are drawn as a slice: ``f([x, 0])[0]`` (softmax: the two-class
    probability σ(x)), or ``f([x, x])[0]`` for a function that maps 2 inputs to fewer
    outputs (glu: x·σ(x)); ``note`` says which, on the figure.
    """

    entry: Activation
    direction: np.ndarray | None = None
    note: str | None = None

    @classmethod
    def of(cls, entry: Activation) -> "Sampler":
        if not entry.vector:
            return cls(entry)
        halves = np.shape(entry(np.zeros(2)))[-1] != 2
        direction = np.array([1.0, 1.0]) if halves else np.array([1.0, 0.0])
        where = "[x, x]" if halves else "[x, 0]"
        kind = "on the diagonal" if halves else "as its two-class slice"
        note = (f"{entry.name} is a vector function: drawn {kind} {entry.name}({where})[0]"
                + ("; plot a vector with --values" if not halves else ""))
        return cls(entry, direction, note)

    @property
    def name(self) -> str:
        if self.direction is None:
            return self.entry.name
        return f"{self.entry.name}({'[x, x]' if self.direction[1] else '[x, 0]'})[0]"

    def function(self, x, **params) -> np.ndarray:
        if self.direction is None:
            return np.asarray(self.entry(x, **params))
        return self.entry(np.multiply.outer(x, self.direction), axis=-1, **params)[..., 0]

    def derivative(self, x, **params) -> np.ndarray:
        """d/dx of the drawn curve: for a slice, the Jacobian-vector product along the direction."""
        if self.direction is None:
            return np.asarray(self.entry.derivative(x, **params))
        inputs = np.multiply.outer(x, self.direction)
        tangent = np.broadcast_to(self.direction, inputs.shape)
        return self.entry.jvp(inputs, tangent, axis=-1, **params)[..., 0]


def jumps(func: Callable[[np.ndarray], np.ndarray], x: np.ndarray, y: np.ndarray):
    """Where ``func`` jumps between neighbouring samples: (index, left x, left y, right x, right y).

    A step between samples i and i+1 that is visible (over 1/1000 of the plotted span) is
    bisected: a continuous function's change shrinks with the interval, a jump's does not.
    """
    finite = np.isfinite(y)
    if finite.sum() < 2:
        return np.array([], dtype=int), *(np.array([]),) * 4
    span = float(np.max(y[finite]) - np.min(y[finite]))
    visible = 1e-3 * span if span > 0 else 0.0
    # steps between huge values may overflow: inf > visible, still a suspect; tiny ones may underflow
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        step = np.abs(np.diff(y))
    suspect = np.flatnonzero(finite[:-1] & finite[1:] & (step > visible) & (visible > 0))
    a, b, fa, fb = x[suspect], x[suspect + 1], y[suspect], y[suspect + 1]
    if suspect.size:
        # Comparisons only pick the half to keep; NaN/inf differences compare False, which is safe.
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            for _ in range(_BISECTIONS):
                middle = a + (b - a) / 2
                fm = func(middle)
                left = np.abs(fm - fa) >= np.abs(fb - fm)
                b, fb = np.where(left, middle, b), np.where(left, fm, fb)
                a, fa = np.where(left, a, middle), np.where(left, fa, fm)
            jump = np.abs(fb - fa) > visible / 2
    else:
        jump = np.zeros(0, dtype=bool)
    return suspect[jump], a[jump], fa[jump], b[jump], fb[jump]


def break_at_jumps(func, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """x and y with a NaN between the two sides of every jump, so no vertical line is drawn.

    The points next to the break are the function's own values just left and right of it.
    """
    index, a, fa, b, fb = jumps(func, x, y)
    if not index.size:
        return x, y, []
    with np.errstate(under="ignore"):  # sides one subnormal apart: the rounded middle is right
        middles = [float(m) for m in a + (b - a) / 2]
    xs, ys, start = [], [], 0
    for i, left, f_left, right, f_right, middle in zip(index, a, fa, b, fb, middles):
        xs.append(x[start:i + 1]), ys.append(y[start:i + 1])
        extra = [(left, f_left)] if left != x[i] else []
        extra.append((middle, np.nan))
        extra += [(right, f_right)] if right != x[i + 1] else []
        xs.append(np.array([p[0] for p in extra])), ys.append(np.array([p[1] for p in extra]))
        start = i + 1
    xs.append(x[start:]), ys.append(y[start:])
    return np.concatenate(xs), np.concatenate(ys), middles


def saturation_spans(x: np.ndarray, slope: np.ndarray, threshold: float = SATURATION):
    """Runs of samples where |f'| < threshold, as (first x, last x) pairs."""
    flat = np.abs(np.nan_to_num(slope, nan=np.inf)) < threshold
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flat.astype(np.int8), [0]))))
    return [(float(x[start]), float(x[stop - 1])) for start, stop in zip(edges[::2], edges[1::2])]


def _param_text(params: Mapping[str, Any]) -> str:
    return "(" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")" if params else ""


def _escape(text: str) -> str:
    return text.replace("$", r"\$")  # formulas are plain text, never mathtext


def label(sampler: Sampler, params: Mapping[str, Any], derivative: bool) -> str:
    """The legend text: name, parameters and the record's formula (or derivative formula)."""
    entry, given = sampler.entry, _param_text(params)
    if sampler.direction is None:
        text = (f"{entry.name}′{given}: {entry.derivative_formula}" if derivative
                else f"{entry.name}{given}: {entry.formula}")
    elif derivative:
        text = f"d/dx {sampler.name}{given}, from {entry.derivative_formula}"
    else:
        text = f"{sampler.name}{given}, {entry.name} = {entry.formula}"
    return _escape(text)


def curves(names: Sequence[str], *, derivative: bool = False, only_derivative: bool = False,
           x_range: tuple[float, float] = DEFAULT_RANGE, points: int = DEFAULT_POINTS,
           params: Mapping[str, Sequence[Any]] | Iterable[str] | None = None) -> list[Curve]:
    """The lines to draw: for each function (and each family member), f and/or f'.

    ``params`` maps a parameter to its values ({"negative_slope": [0.01, 0.2]}) or is a list of
    "NAME=V1,V2" strings; a parameter applies to every named function that takes it.
    """
    entries = _entries(names)
    families = _families(params)
    unused = [p for p in families if not any(p in {q.name for q in e.params} for e in entries)]
    if unused:
        if len(entries) == 1:
            entries[0].resolve({unused[0]: families[unused[0]][0]})  # the record's own message
        raise ParameterError(f"none of {', '.join(e.name for e in entries)} takes a parameter "
                             f"{unused[0]!r}")
    xmin, xmax = check_range(*x_range)
    with np.errstate(under="ignore"):  # a tiny range: the subnormal step is the rounded result
        x = np.linspace(xmin, xmax, check_points(points))
    if not np.all(np.diff(x) > 0):
        raise InputError(f"--range {xmin:g} {xmax:g} is too narrow for {points} distinct points")
    drawn: list[Curve] = []
    for entry in entries:
        sampler = Sampler.of(entry)
        for combo in members(entry, families):
            slope = sampler.derivative(x, **combo)
            spans = saturation_spans(x, slope)
            kinds = ([False] if not only_derivative else []) + ([True] if derivative or only_derivative else [])
            for is_derivative in kinds:
                func = sampler.derivative if is_derivative else sampler.function
                y = slope if is_derivative else func(x, **combo)
                y = np.where(np.isfinite(y), y, np.nan)  # ±inf cannot be drawn
                xb, yb, where = break_at_jumps(lambda t, f=func, c=combo: f(t, **c), x, y)
                drawn.append(Curve(entry, dict(combo), is_derivative, xb, yb,
                                   label(sampler, combo, is_derivative), spans, where))
    if len(drawn) > MAX_CURVES:
        raise ParameterError(f"{len(drawn)} curves is too many for one picture (at most {MAX_CURVES}):"
                             " give fewer names or parameter values")
    return drawn


def _entries(names: Sequence[str]) -> list[Activation]:
    if isinstance(names, (str, Activation)):
        names = [names]
    entries = []
    for name in names:
        entry = get(name)
        if entry not in entries:
            entries.append(entry)
    if not entries:
        raise InputError("give one or more function names (actv plot relu tanh) or --all")
    return entries


def _families(params) -> dict[str, list[Any]]:
    if params is None:
        return {}
    if isinstance(params, Mapping):
        return {k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in params.items()}
    return parse_families(params)


def default_output(names: Sequence[str] = (), *, gallery: bool = False) -> str:
    """relu.png, relu_tanh.png (canonical names, joined) or gallery.png."""
    return "gallery.png" if gallery else "_".join(e.name for e in _entries(names)) + ".png"


def notes(drawn: Sequence[Curve]) -> list[str]:
    """Lines of small print under the plot: how vector functions are drawn, kink conventions."""
    lines: list[str] = []
    for curve in drawn:
        sampler_note = Sampler.of(curve.entry).note
        if sampler_note and sampler_note not in lines:
            lines.append(sampler_note)
        kink = f"{curve.entry.name}: {curve.entry.kink}"
        if curve.derivative and curve.entry.kink and kink not in lines:
            lines.append(kink)
    return lines


# -- figures ----------------------------------------------------------------------------------

def _check_look(size, dpi, style):
    width, height = size if size is not None else DEFAULT_SIZE
    if not (0.5 <= width <= 50 and 0.5 <= height <= 50):
        raise InputError(f"--size must be between 0.5 and 50 inches, got {width:g} {height:g}")
    if not 10 <= dpi <= 1200:
        raise InputError(f"--dpi must be between 10 and 1200, got {dpi:g}")
    if style not in STYLES:
        raise InputError(f"--style must be one of {', '.join(STYLES)}, not {style!r}")
    return (float(width), float(height)), float(dpi)


def _new_figure(size, dpi, factory=None):
    if factory is None:
        from matplotlib.figure import Figure

        factory = Figure
    return factory(figsize=size, dpi=dpi)


def _margins(figure, *, left=0.8, right=0.2, top=0.45, bottom=0.6, **spacing) -> None:
    """Fixed margins in inches. (Constrained layout would fit them to the labels, but measuring
    every text first costs more than the whole tutorial script's drawing.)"""
    width, height = figure.get_size_inches()
    fraction_x = min(1.0, 0.7 * width / (left + right))     # tiny figures: keep 30% for the axes
    fraction_y = min(1.0, 0.7 * height / (top + bottom))
    figure.subplots_adjust(left=left * fraction_x / width, right=1 - right * fraction_x / width,
                           bottom=bottom * fraction_y / height, top=1 - top * fraction_y / height,
                           **spacing)


def _styled(style: str):
    import contextlib

    if style == "light":
        return contextlib.nullcontext()
    import matplotlib.style

    return matplotlib.style.context("dark_background")


def _colours() -> list[str]:
    import matplotlib

    return matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]


def bounds_of(entry: Activation, params: Mapping[str, Any]) -> list[float]:
    """The finite bounds (inf and sup) of ``entry`` with ``params``: the record's at the default
    parameters; otherwise, for a monotonic element-wise function, its limits at ±inf (elu with
    alpha=2: -2); none where they are not known (a non-monotonic function off its defaults)."""
    if not any(p.required for p in entry.params) and entry.resolve(params) == entry.resolve({}):
        return [bound for bound in entry.bounds if bound is not None]
    if entry.monotonic and not entry.vector:
        import numpy as np

        return [float(limit) for limit in entry(np.array([-np.inf, np.inf]), **params) if np.isfinite(limit)]
    return []


def draw_curves(ax, drawn: Sequence[Curve], *, saturation: bool = False, bounds: bool = True,
                legend: bool = True, fontsize: float | None = None) -> None:
    """Draw ``drawn`` on ``ax``: f solid, f' dashed in the same colour, bounds dotted, spans shaded."""
    colours = _colours()
    colour_of: dict[tuple, str] = {}
    for curve in drawn:
        key = (curve.entry.name, tuple(curve.params.items()))
        colour = colour_of.setdefault(key, colours[len(colour_of) % len(colours)])
        tag = f"{curve.entry.name}{_param_text(curve.params)}"
        ax.plot(curve.x, curve.y, color=colour, linestyle="--" if curve.derivative else "-",
                linewidth=1.6, label=curve.label, gid=f"{'derivative' if curve.derivative else 'function'}:{tag}")
        if bounds and not curve.derivative:
            for bound in bounds_of(curve.entry, curve.params):
                ax.axhline(bound, color=colour, linestyle=":", linewidth=1, alpha=0.8,
                           gid=f"bound:{curve.entry.name}")
        if saturation and (not curve.derivative or not any(not c.derivative for c in drawn)):
            for start, stop in curve.saturation:
                ax.axvspan(start, stop, color=colour, alpha=0.12, linewidth=0, gid=f"saturation:{tag}")
    if legend:
        ax.legend(loc="best", fontsize=fontsize or "small", framealpha=0.85)


def functions_figure(names: Sequence[str], *, derivative: bool = False, only_derivative: bool = False,
                     x_range: tuple[float, float] = DEFAULT_RANGE, points: int = DEFAULT_POINTS,
                     params=None, saturation: bool = False, grid: bool = True, title: str | None = None,
                     size: tuple[float, float] | None = None, dpi: float = DEFAULT_DPI,
                     style: str = "light", factory=None):
    """One axes with every named function (and its derivative), labelled with its formula."""
    size, dpi = _check_look(size, dpi, style)
    drawn = curves(names, derivative=derivative, only_derivative=only_derivative, x_range=x_range,
                   points=points, params=params)
    with _styled(style):
        figure = _new_figure(size, dpi, factory)
        ax = figure.add_subplot()
        draw_curves(ax, drawn, saturation=saturation)
        ax.set_xlim(*check_range(*x_range))
        ax.set_xlabel("x")
        ax.set_ylabel("f′(x)" if only_derivative else "f(x)")
        ax.set_title(_escape(title) if title is not None else _default_title(drawn, derivative, only_derivative))
        _grid(ax, grid)
        small_print = notes(drawn) + (["shaded: |f′| < 0.01, the vanishing-gradient zone"] if saturation else [])
        small_print = _wrap(small_print, size[0], points=7)
        _margins(figure, bottom=0.6 + 0.125 * len(small_print))
        if small_print:
            figure.text(0.01, 0.01, "\n".join(_escape(line) for line in small_print), fontsize=7,
                        ha="left", va="bottom")
    return figure


def _wrap(lines: Sequence[str], width_inches: float, points: float) -> list[str]:
    """Lines wrapped to the figure's width (DejaVu Sans averages about 0.6 em per character)."""
    import textwrap

    columns = max(20, int(width_inches * 72 / (0.6 * points)))
    return [part for line in lines for part in textwrap.wrap(line, columns, subsequent_indent="  ")]


def _grid(ax, grid: bool, axis: str = "both") -> None:
    if grid:
        ax.grid(True, axis=axis, alpha=0.3)
    else:
        ax.grid(False)


def _default_title(drawn, derivative, only_derivative) -> str:
    names = list(dict.fromkeys(c.entry.name for c in drawn))
    what = "derivative of " if only_derivative else ""
    suffix = " and derivative" if derivative and not only_derivative else ""
    return what + ", ".join(names) + suffix


def vector_values(name: str, values, *, temperatures: Sequence[float] = (1.0,), params=None):
    """f(values / T) for each temperature T: the bars of a vector function."""
    entry = get(name)
    if not entry.vector:
        raise InputError(f"--values draws a vector function (such as softmax) as bars; {entry.name} "
                         f"is element-wise: plot it over --range instead")
    x = np.asarray(values, dtype=np.float64).ravel()
    if x.size == 0 or not np.all(np.isfinite(x)):
        raise InputError("--values needs one or more finite numbers")
    temps = [float(t) for t in temperatures]
    if not temps or not all(math.isfinite(t) and t > 0 for t in temps):
        raise InputError("--temperature must be a finite number > 0")
    families = _families(params)
    combos = members(entry, families)
    if len(combos) > 1:
        raise ParameterError("--values draws one parameter setting; give each parameter one value")
    return entry, x, temps, combos[0], [entry(x / t, axis=-1, **combos[0]) for t in temps]


def values_figure(name: str, values, *, temperatures: Sequence[float] = (1.0,), params=None,
                  grid: bool = True, title: str | None = None, size=None, dpi: float = DEFAULT_DPI,
                  style: str = "light", factory=None):
    """A bar chart of a vector function of ``values`` (one group per temperature), values on the bars."""
    size, dpi = _check_look(size, dpi, style)
    entry, x, temps, combo, outputs = vector_values(name, values, temperatures=temperatures, params=params)
    with _styled(style):
        figure = _new_figure(size, dpi, factory)
        ax = figure.add_subplot()
        colours = _colours()
        count, groups = len(outputs[0]), len(outputs)
        width = 0.8 / groups
        positions = np.arange(count)
        for g, (temp, out) in enumerate(zip(temps, outputs)):
            tag = f"T={temp:g}" if groups > 1 or temp != 1 else entry.name
            bars = ax.bar(positions + (g - (groups - 1) / 2) * width, out, width * 0.95,
                          color=colours[g % len(colours)], label=tag, gid=f"bars:{tag}")
            ax.bar_label(bars, fmt="%.3g", fontsize="small", padding=2)
        same = len(x) == count
        ax.set_xticks(positions, [f"x{_sub(i)} = {v:g}" for i, v in enumerate(x)] if same
                      else [f"output {i}" for i in range(count)])
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.margins(y=0.1)  # room for the numbers printed on the tallest bars
        _grid(ax, grid, axis="y")
        if groups > 1:
            ax.legend(title="temperature", fontsize="small")
        sums = "" if not entry.probability else " (each group sums to 1)"
        shown = ", ".join(f"{v:g}" for v in x)
        heading = [f"{entry.name}([{shown}]){_param_text(combo)}{sums}"] if title is None else [title]
        heading += _wrap([f"{entry.name} = {entry.formula}"], size[0], points=9) if title is None else []
        ax.set_title(_escape("\n".join(heading)), fontsize=10)
        ax.set_ylabel(entry.name)
        _margins(figure, top=0.3 + 0.2 * len(heading))
    return figure


def _sub(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def gallery_figure(*, x_range: tuple[float, float] = DEFAULT_RANGE, points: int = 401,
                   grid: bool = True, title: str | None = None, size=None, dpi: float = DEFAULT_DPI,
                   style: str = "light", columns: int = 6, factory=None):
    """Small multiples: every catalog function with its derivative (dashed), one panel each."""
    every = catalog_names()
    columns = max(1, min(columns, len(every)))
    rows = math.ceil(len(every) / columns)
    size = size if size is not None else (2.1 * columns, 1.7 * rows + 0.4)
    size, dpi = _check_look(size, dpi, style)
    xmin, xmax = check_range(*x_range)
    with _styled(style):
        figure = _new_figure(size, dpi, factory)
        axes = figure.subplots(rows, columns, squeeze=False)
        for ax, name in zip(axes.flat, every):
            entry = get(name)
            ax.set_title(Sampler.of(entry).name, fontsize=9)
            ax.tick_params(labelsize=6)
            _grid(ax, grid)
            ax.set_xlim(xmin, xmax)
            needed = [p.name for p in entry.params if p.required]
            if needed:
                ax.text(0.5, 0.5, f"needs {', '.join(needed)}\n(no framework default)",
                        ha="center", va="center", fontsize=7, transform=ax.transAxes)
                continue
            draw_curves(ax, curves([entry], derivative=True, x_range=(xmin, xmax), points=points),
                        legend=False)
        for ax in axes.flat[len(every):]:
            ax.set_visible(False)
        figure.suptitle(_escape(title) if title is not None else
                        "activation functions (solid) and derivatives (dashed)", fontsize=11)
        _margins(figure, left=0.35, right=0.1, top=0.6, bottom=0.3, wspace=0.3, hspace=0.6)
    return figure


def save(figure, path: str | os.PathLike) -> str:
    """Write ``figure`` to ``path`` (format from the extension) atomically; returns the path."""
    from .files import atomic_output

    fmt = output_format(path)
    metadata = {"png": None, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    with atomic_output(path) as stream:
        figure.savefig(stream, format=fmt, metadata=metadata)
    return os.fspath(path)


# -- display and terminal ---------------------------------------------------------------------

def display_problem() -> str | None:
    """Why an interactive window cannot open here, or None if it may."""
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return "no display (DISPLAY and WAYLAND_DISPLAY are not set)"
    backend = os.environ.get("MPLBACKEND", "").lower()
    if backend in _NON_INTERACTIVE:
        return f"MPLBACKEND={backend} is not interactive"
    return None


_NON_INTERACTIVE = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def backend_problem(backend: str) -> str | None:
    """Why pyplot's chosen backend cannot show a window, or None."""
    return f"matplotlib backend {backend!r} is not interactive" if backend.lower() in _NON_INTERACTIVE else None


def window_factory():
    """(pyplot.figure, None) where a window can open, else (None, the reason). Imports pyplot:
    only ``--show`` calls it."""
    problem = display_problem()
    if problem is not None:
        return None, problem
    try:
        from matplotlib import pyplot

        problem = backend_problem(pyplot.get_backend())
        if problem is None:
            pyplot.close(pyplot.figure())  # a GUI toolkit that cannot reach the display fails here
    except Exception as error:  # any toolkit's failure means the same thing: no window
        return None, f"cannot open a window ({type(error).__name__}: {error})"
    return (pyplot.figure, None) if problem is None else (None, problem)


def terminal_text(drawn: Sequence[Curve] | None = None, *, bars=None, title: str = "",
                  width: int = 80, height: int = 22, color: bool = False) -> str:
    """A character plot of ``drawn`` curves (or ``bars``: (labels, heights)) made by plotext."""
    try:
        import plotext
    except ImportError:
        raise OutputError("--terminal needs plotext: pip install 'activation-cli[terminal]'") from None
    canvas = plotext.figure
    canvas.clear()
    canvas.plot_size(max(width, 30), max(height, 8))
    canvas.theme("default" if color else "clear")
    if bars is not None:
        labels, heights = bars
        heights = [float(h) for h in heights]
        canvas.draw(canvas.bar(list(labels), heights, labeled=[f"{h:.3g}" for h in heights]))
    for curve in drawn or ():
        # plotext joins every point: draw each unbroken piece on its own, labelled once
        pieces = np.split(np.arange(curve.x.size), np.flatnonzero(np.isnan(curve.y)))
        first = True
        for piece in pieces:
            piece = piece[np.isfinite(curve.y[piece])]
            if piece.size < 1:
                continue
            signal = canvas.signal(curve.x[piece].tolist(), curve.y[piece].tolist()).lines(True)
            if first:
                signal.label(("d/dx " if curve.derivative else "") + f"{curve.entry.name}{_param_text(curve.params)}")
                first = False
            canvas.draw(signal)
    if title:
        canvas.title(title)
    text = str(canvas.build())
    canvas.clear()
    return text if color else plotext.uncolorize(text)
