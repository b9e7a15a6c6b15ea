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
SATURATION = 0.01               # |f'| below this, tending to 0: saturation
DRAWABLE = 1e300                # |x|, |y| beyond this: matplotlib's tick arithmetic overflows
_LIMIT_TEXT = "1e300"
STYLES = ("light", "dark")


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
    if max(abs(xmin), abs(xmax)) > DRAWABLE:
        raise InputError(f"--range {xmin:g} {xmax:g} is too wide to draw: keep within ±{_LIMIT_TEXT}")
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
    """One drawn line: x and y as plotted (NaN where the line is broken at a jump or not drawn).

    ``params`` are the parameters shown in the legend (those that differ from the record's
    defaults or vary across a family), as the record converts them.
    """

    entry: Activation
    params: dict[str, Any]
    derivative: bool
    x: np.ndarray
    y: np.ndarray
    label: str
    saturation: list[tuple[float, float]] = field(default_factory=list)  # |f'| < 0.01, tending to 0
    dead: list[tuple[float, float]] = field(default_factory=list)        # f' = 0 exactly on an interval
    jumps: list[float] = field(default_factory=list)  # x positions where the line is broken
    # each jump as (x just left, f there, x just right, f there, which side f takes at the jump: 0 or 1)
    breaks: list[tuple[float, float, float, float, int]] = field(default_factory=list)
    undrawn: list[tuple[float, float]] = field(default_factory=list)  # |f| > DRAWABLE, inf or NaN

    @property
    def tag(self) -> str:
        return f"{self.entry.name}{_param_text(self.params)}"


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

    def _inputs(self, x):
        x = np.asarray(x)
        return np.multiply.outer(x, self.direction.astype(x.dtype))  # float32 stays float32

    def function(self, x, **params) -> np.ndarray:
        if self.direction is None:
            return np.asarray(self.entry(x, **params))
        return self.entry(self._inputs(x), axis=-1, **params)[..., 0]

    def derivative(self, x, **params) -> np.ndarray:
        """d/dx of the drawn curve: for a slice, the Jacobian-vector product along the direction."""
        if self.direction is None:
            return np.asarray(self.entry.derivative(x, **params))
        inputs = self._inputs(x)
        tangent = np.broadcast_to(self.direction.astype(inputs.dtype), inputs.shape)
        return self.entry.jvp(inputs, tangent, axis=-1, **params)[..., 0]


# Floats ordered as integers: adjacent floats have adjacent keys (-0.0 is -1, +0.0 is 0), so
# bisecting keys ends on two neighbouring floats in at most 64 halvings, on any range.
_LOW = np.int64(0x7FFFFFFFFFFFFFFF)


def _key(x) -> np.ndarray:
    bits = np.asarray(x, dtype=np.float64).view(np.int64)
    return bits ^ ((bits >> 63) & _LOW)


def _unkey(key) -> np.ndarray:
    key = np.asarray(key, dtype=np.int64)
    return (key ^ ((key >> 63) & _LOW)).view(np.float64)


def _bisect(func, a, b, same_as_a):
    """Neighbouring floats (a, b) bracketing the change between a and b: ``same_as_a(f(m))``
    tells on which side of it m lies. a, b are arrays (one bracket each); a < b or a > b."""
    a, b = np.array(a, dtype=np.float64), np.array(b, dtype=np.float64)
    ka, kb = _key(a), _key(b)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for _ in range(66):
            middle = ka // 2 + kb // 2 + ((ka & 1) + (kb & 1)) // 2  # floor of the mean, no overflow
            far = (middle != ka) & (middle != kb)
            if not far.any():
                break
            keep_a = np.asarray(same_as_a(func(_unkey(middle))), dtype=bool) & far
            ka = np.where(keep_a, middle, ka)
            kb = np.where(far & ~keep_a, middle, kb)
    return _unkey(ka), _unkey(kb)


def _digits(value: float) -> int:
    """Length of the shortest repr: 0.3 is rounder than the float after it, 0.0 than 5e-324."""
    return len(repr(float(value)))


def jumps(func: Callable[[np.ndarray], np.ndarray], x: np.ndarray, y: np.ndarray):
    """Where ``func`` jumps between neighbouring samples: (index, left x, left y, right x, right y).

    A step between samples i and i+1 that is visible (over 1/1000 of the plotted span) is
    bisected down to two neighbouring floats: a continuous function's change shrinks with
    the interval, a jump's does not.
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
    if not suspect.size:
        return suspect, *(np.array([]),) * 4
    fa0, fb0 = y[suspect], y[suspect + 1]

    def nearer_a(fm):  # keep the half where the change is larger; NaN/inf compare False: safe
        return np.abs(fm - fa0) < np.abs(fb0 - fm)

    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        a, b = _bisect(func, x[suspect], x[suspect + 1], nearer_a)
        fa, fb = func(a), func(b)
        jump = np.abs(fb - fa) > visible / 2
    return suspect[jump], a[jump], fa[jump], b[jump], fb[jump]


def break_at_jumps(func, x: np.ndarray, y: np.ndarray):
    """x and y with a NaN between the two sides of every jump, so no vertical line is drawn;
    the jumps' middles; and each jump as (a, f(a), b, f(b), side): a and b are neighbouring
    floats, ``side`` (0 or 1) says which of them is the break point (the one with the shorter
    decimal form: 0, or the threshold as written), so which value the function takes at the jump.
    """
    index, a, fa, b, fb = jumps(func, x, y)
    if not index.size:
        return x, y, [], []
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
    breaks = [(float(p), float(fp), float(q), float(fq), int(_digits(q) < _digits(p)))
              for p, fp, q, fq in zip(a, fa, b, fb)]
    return np.concatenate(xs), np.concatenate(ys), middles, breaks


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in ``mask`` as (first index, last index)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return [(int(start), int(stop) - 1) for start, stop in zip(edges[::2], edges[1::2])]


def _zero_edge(derivative, inside: float, direction: int, step: float, outer: float | None = None):
    """Where a run of f' = 0 that contains ``inside`` ends, going ``direction`` (-1 or +1), given a
    point ``outer`` beyond it where f' is not 0 (else searched for with doubling strides):
    (last float where f' = 0, first where it is not, outer), or None if f' stays 0 to the float limit."""
    if outer is None:
        with np.errstate(over="ignore", invalid="ignore"):
            reach = inside + direction * step * 2.0 ** np.arange(0, 2100)
        reach = reach[np.isfinite(reach)]
        nonzero = np.flatnonzero(derivative(reach) != 0)
        if not nonzero.size:
            return None
        first = int(nonzero[0])
        inside, outer = (inside if first == 0 else float(reach[first - 1])), float(reach[first])
    z, nz = _bisect(derivative, np.array([inside]), np.array([outer]), lambda v: v == 0)
    return float(z[0]), float(nz[0]), outer


def _leaves_zero_in_any_precision(derivative, nonzero: float, outer: float, direction: int,
                                  step: float) -> bool:
    """Is f' = 0 up to here a fact of the function, not of float64 rounding?

    Rounding makes a vanishing derivative exactly 0 (exp(x) underflows; 1 − σ(x) cancels) where
    its true value falls below the precision, so the place moves with the precision: float32's
    zeros start much earlier. A dead zone's edge (relu's 0, hard_tanh's ±1) stays put. So: just
    outside the float64 zeros, float32 must still see a nonzero derivative.
    """
    distance = min(2.0**-16 * max(abs(nonzero), step), abs(outer - nonzero) / 4)
    probes = nonzero + direction * distance / np.array([1.0, 16.0, 256.0])
    probes = probes[np.isfinite(probes)]
    probes = probes[derivative(probes) != 0]  # (a probe may hit a root of f', e.g. hard_silu's)
    if not probes.size:
        probes = np.array([nonzero])
    limit = np.finfo(np.float32)
    if np.all(np.abs(probes) < limit.tiny):
        # too close to 0 for float32 to tell (a range of ±1e-300): a jump from 0 to a sizeable slope
        return bool(np.any(np.abs(derivative(probes)) >= SATURATION))
    singles = np.clip(probes, -limit.max, limit.max).astype(np.float32)
    values = derivative(singles)
    return bool(np.any(np.isfinite(values) & (values != 0)))


def gradient_zones(derivative: Callable[[np.ndarray], np.ndarray], x: np.ndarray, slope: np.ndarray,
                   threshold: float = SATURATION, smooth: bool = False):
    """Where the gradient vanishes, as two lists of (start x, stop x): dead zones and saturation.

    Dead zone: f' = 0 exactly on an interval (relu for x < 0, hard_tanh for |x| > 1): no gradient
    at all. Told apart from zeros made by rounding (sigmoid' underflows to 0 past x ≈ -745) by
    ``_leaves_zero_in_any_precision``. Saturation: 0 < |f'| < ``threshold`` (rounded zeros
    included) on a stretch that reaches an edge of the range with |f'| shrinking toward it:
    f' → 0 as |x| grows (sigmoid's and tanh's tails). Neither: a small but constant slope
    (leaky_relu's 0.01), or a small |f'| around a minimum (silu's, tanh_shrink's at 0).
    ``smooth``: the record says C∞ (every such activation is analytic), so f' cannot be 0 on an
    interval without being 0 everywhere: its zeros are rounding without asking float32.
    """
    with np.errstate(under="ignore"):  # a range of ±1e-300: its probes are subnormal, rightly
        return _gradient_zones(derivative, x, slope, threshold, smooth)


def _gradient_zones(derivative, x, slope, threshold, smooth):
    magnitude = np.abs(slope)
    step = float(x[1] - x[0]) if x.size > 1 else 1.0
    width = float(x[-1]) - float(x[0])
    dead, rounded, dead_spans = np.zeros(x.size, dtype=bool), np.zeros(x.size, dtype=bool), []
    for start, stop in _runs(slope == 0):
        bounds, sharp = [float(x[start]), float(x[stop])], not smooth
        for side, (index, direction) in enumerate(((start, -1), (stop, +1)) if sharp else ()):
            beyond = index + direction
            outer = float(x[beyond]) if 0 <= beyond < x.size else None  # f' is not 0 there
            edge = _zero_edge(derivative, float(x[index]), direction, step, outer)
            if edge is None:
                continue  # f' = 0 all the way to the float limit
            zero, nonzero, outer = edge
            bounds[side] = min(max(zero, float(x[0])), float(x[-1]))
            sharp = sharp and _leaves_zero_in_any_precision(derivative, nonzero, outer, direction, step)
        if sharp and bounds[1] - bounds[0] > 1e-6 * width:  # an interval, not a root
            dead[start:stop + 1] = True
            dead_spans.append((bounds[0], bounds[1]))
        elif not sharp:
            rounded[start:stop + 1] = True
    saturated = []
    small = (magnitude < threshold) & ~dead  # NaN compares False
    for start, stop in _runs(small):
        run = magnitude[start:stop + 1]
        tolerance = 1e-9 * float(run.max())
        underflowed = bool(rounded[start:stop + 1].all())  # all rounded to 0: the far tail
        shrinks_left = (start == 0 and (run[0] < run[-1] or underflowed)
                        and np.all(np.diff(run) >= -tolerance))
        shrinks_right = (stop == x.size - 1 and (run[-1] < run[0] or underflowed)
                         and np.all(np.diff(run) <= tolerance))
        if shrinks_left or shrinks_right:
            saturated.append((float(x[start]), float(x[stop])))
    return dead_spans, saturated


def undrawn_spans(x: np.ndarray, y: np.ndarray) -> list[tuple[float, float]]:
    """Runs of samples where y cannot be drawn: NaN, ±inf or beyond ±DRAWABLE."""
    with np.errstate(invalid="ignore"):
        bad = ~(np.abs(y) <= DRAWABLE)
    return [(float(x[start]), float(x[stop])) for start, stop in _runs(bad)]


def _value_text(value: Any) -> str:
    """A parameter value as the record holds it, shortest: 0.01, 2, 1e-05, tanh."""
    if isinstance(value, float):
        short = f"{value:g}"
        return short if float(short) == value else repr(value)
    return str(value)


def _param_text(params: Mapping[str, Any]) -> str:
    return "(" + ", ".join(f"{k}={_value_text(v)}" for k, v in params.items()) + ")" if params else ""


def shown_params(entry: Activation, combo: Mapping[str, Any], varying: Iterable[str] = ()) -> dict[str, Any]:
    """The parameters a legend names: converted by the record, those that differ from its
    default, are required, or vary across the family drawn (so every member is told apart)."""
    resolved = entry.resolve(combo)
    keep = set(varying) | {p.name for p in entry.params if p.required}
    defaults = {p.name: p.default for p in entry.params}
    return {name: resolved[name] for name in combo if name in keep or resolved[name] != defaults[name]}


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
           params: Mapping[str, Sequence[Any]] | Iterable[str] | None = None,
           zones: bool = False) -> list[Curve]:
    """The lines to draw: for each function (and each family member), f and/or f'.

    ``params`` maps a parameter to its values ({"negative_slope": [0.01, 0.2]}) or is a list of
    "NAME=V1,V2" strings; a parameter applies to every named function that takes it.
    ``zones``: find each function's dead zones and saturation (``gradient_zones``).
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
    varying = [name for name, values in families.items() if len(values) > 1]
    drawn: list[Curve] = []
    for entry in entries:
        sampler = Sampler.of(entry)
        for combo in members(entry, families):
            shown = shown_params(entry, combo, varying)
            slope = sampler.derivative(x, **combo)
            dead, saturated = (gradient_zones(lambda t, c=combo: sampler.derivative(t, **c), x, slope,
                                              smooth=entry.continuity == "C∞") if zones else ([], []))
            kinds = ([False] if not only_derivative else []) + ([True] if derivative or only_derivative else [])
            for is_derivative in kinds:
                func = sampler.derivative if is_derivative else sampler.function
                y = slope if is_derivative else func(x, **combo)
                undrawn = undrawn_spans(x, y)
                with np.errstate(invalid="ignore"):
                    y = np.where(np.abs(y) <= DRAWABLE, y, np.nan)  # ±inf, NaN, ±1e308 cannot be drawn
                xb, yb, where, breaks = break_at_jumps(lambda t, f=func, c=combo: f(t, **c), x, y)
                drawn.append(Curve(entry, shown, is_derivative, xb, yb, label(sampler, shown, is_derivative),
                                   saturated, dead, where, breaks, undrawn))
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
    """Lines of small print under the plot: how vector functions are drawn, kink conventions,
    what is not drawn (overflow), what the dots at jumps mean."""
    lines: list[str] = []
    for curve in drawn:
        sampler_note = Sampler.of(curve.entry).note
        if sampler_note and sampler_note not in lines:
            lines.append(sampler_note)
        kink = f"{curve.entry.name}: {curve.entry.kink}"
        if curve.derivative and curve.entry.kink and kink not in lines:
            lines.append(kink)
    for curve in drawn:
        name = f"{curve.tag}′" if curve.derivative else curve.tag
        for start, stop in curve.undrawn:
            where = "x = " + (f"{start:.6g}" if start == stop else f"{start:.6g} to {stop:.6g}")
            lines.append(f"{name} is not drawn at {where}: it is beyond ±{_LIMIT_TEXT}, infinite or undefined there")
    if any(curve.breaks for curve in drawn):
        lines.append("at a jump, ● is the value taken there, ○ the limit from the other side")
    return lines


def zone_notes(drawn: Sequence[Curve]) -> list[str]:
    """What the hatching and the shading mean, for the kinds present."""
    kinds = [kind for kind, present in (("dead", any(c.dead for c in drawn)),
                                        ("saturation", any(c.saturation for c in drawn))) if present]
    text = {"dead": "hatched: dead zone, f′ = 0 exactly: no gradient at all (a unit stuck there stops "
                    "learning, the 'dying ReLU')",
            "saturation": f"shaded: saturation, |f′| < {SATURATION:g} and → 0 as |x| grows: gradients fade "
                          "layer after layer (the vanishing-gradient problem)"}
    return [text[kind] for kind in kinds] or [
        f"no dead zone (f′ = 0) or saturation (|f′| < {SATURATION:g}, → 0) in this range"]


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


LEGEND_INSIDE = 4  # legend entries that fit inside the axes; more go below them
LINE_WIDTH = 1.6   # points
CASING = 1.2       # points wider for each line drawn on top of a coinciding one


def coinciding(drawn: Sequence[Curve], tolerance: float, share: float = 0.1):
    """For each curve, the later curves that run on top of it (within ``tolerance``, over at least
    ``share`` of the samples both draw: relu′ = 0 on relu for x < 0, linear on relu for x > 0),
    and the mask of its own samples that they cover."""
    over: list[set[int]] = [set() for _ in drawn]
    covered = [np.zeros(c.x.size, dtype=bool) for c in drawn]
    if len(drawn) < 2:
        return over, covered
    grid = drawn[0].x  # the samples every curve has (breaks add a few points of their own)
    for curve in drawn[1:]:
        grid = np.intersect1d(grid, curve.x)
    where = [np.searchsorted(c.x, grid) for c in drawn]  # x grows along every curve
    ys = [c.y[w] for c, w in zip(drawn, where)]
    for i in range(len(drawn)):
        for j in range(i + 1, len(drawn)):
            both = np.isfinite(ys[i]) & np.isfinite(ys[j])
            with np.errstate(invalid="ignore", over="ignore"):
                close = both & (np.abs(ys[i] - ys[j]) <= tolerance)
            if close.sum() >= max(2, share * both.sum()):
                over[i].add(j)
                covered[i][where[i][close]] = True
    return over, covered


def _casing(y: np.ndarray, covered: np.ndarray) -> np.ndarray:
    """y where ``covered`` (one sample more on each side, so that every piece is a segment), NaN elsewhere."""
    grown = covered.copy()
    grown[1:] |= covered[:-1]
    grown[:-1] |= covered[1:]
    return np.where(grown, y, np.nan)


def line_widths(over: Sequence[set[int]], base: float = LINE_WIDTH, casing: float = CASING,
                widest: float = 5.0) -> list[float]:
    """Each line wider than every coinciding line drawn on top of it, so that it shows on both
    sides of them (a cased line); the whole stack at most ``widest`` points."""
    level = [0] * len(over)
    for i in reversed(range(len(over))):
        level[i] = 1 + max((level[j] for j in over[i]), default=-1)
    step = min(casing, (widest - base) / max(max(level, default=0), 1))
    return [base + step * k for k in level]


def _y_span(drawn: Sequence[Curve]) -> float:
    values = [c.y[np.isfinite(c.y)] for c in drawn]
    values = np.concatenate(values) if values else np.array([])
    return float(values.max() - values.min()) if values.size else 0.0


def draw_curves(ax, drawn: Sequence[Curve], *, saturation: bool = False, bounds: bool = True,
                legend: bool = True, fontsize: float | None = None, marker_size: float = 4.5,
                legend_at: Mapping[str, Any] | None = None) -> None:
    """Draw ``drawn`` on ``ax``: f solid, f' dashed in the same colour, bounds dotted.

    Lines that run on top of each other stay visible: later lines lie above (zorder) and are
    narrower, and a dashed line over a solid one of its own colour has gaps in the background
    colour. At a jump, a filled dot marks the value taken there and an open one the other side.
    With ``saturation``: dead zones (f' = 0) hatched, saturation (|f'| < 0.01, → 0) shaded.
    """
    colours = _colours()
    background = ax.get_facecolor()
    colour_of: dict[tuple, str] = {}
    for curve in drawn:
        key = (curve.entry.name, tuple(curve.params.items()))
        colour_of.setdefault(key, colours[len(colour_of) % len(colours)])
    colour = [colour_of[(c.entry.name, tuple(c.params.items()))] for c in drawn]
    # within about half a line's width, as drawn on a default-size axes (1.6 pt of ~250 pt)
    over, covered = coinciding(drawn, 0.003 * _y_span(drawn))
    widths = line_widths(over)
    under_same_colour = {j for i, above in enumerate(over) for j in above if colour[j] == colour[i]}
    shaded: set[tuple[str, str]] = set()
    for k, curve in enumerate(drawn):
        kind = "derivative" if curve.derivative else "function"
        zorder = 2 + k / 100
        dashed = curve.derivative
        style = {"gapcolor": background} if dashed and k in under_same_colour else {}
        ax.plot(curve.x, curve.y, color=colour[k], linestyle="--" if dashed else "-", linewidth=LINE_WIDTH,
                label=curve.label, gid=f"{kind}:{curve.tag}", zorder=zorder, **style)
        if over[k]:  # wider where later lines run on top of it: it shows on both sides of them
            ax.plot(curve.x, _casing(curve.y, covered[k]), color=colour[k], linestyle="--" if dashed else "-",
                    linewidth=widths[k], gid=f"casing:{kind}:{curve.tag}", zorder=zorder - 0.001,
                    label="_nolegend_")
        if curve.breaks:
            taken = [(p, fp) if side == 0 else (q, fq) for p, fp, q, fq, side in curve.breaks]
            limits = [(q, fq) if side == 0 else (p, fp) for p, fp, q, fq, side in curve.breaks]
            ax.plot(*zip(*taken), linestyle="none", marker="o", markersize=marker_size, color=colour[k],
                    gid=f"jump-value:{kind}:{curve.tag}", zorder=zorder + 0.005, label="_nolegend_")
            ax.plot(*zip(*limits), linestyle="none", marker="o", markersize=marker_size,
                    markerfacecolor=background, markeredgecolor=colour[k], markeredgewidth=1.2,
                    gid=f"jump-limit:{kind}:{curve.tag}", zorder=zorder + 0.005, label="_nolegend_")
        if bounds and not curve.derivative:
            for bound in bounds_of(curve.entry, curve.params):
                ax.axhline(bound, color=colour[k], linestyle=":", linewidth=1, alpha=0.8,
                           gid=f"bound:{curve.entry.name}", zorder=1.5)
        if saturation and (not curve.derivative or not any(not c.derivative for c in drawn)):
            for what, spans in (("dead", curve.dead), ("saturation", curve.saturation)):
                for start, stop in spans:
                    ax.axvspan(start, stop, linewidth=0, gid=f"{what}:{curve.tag}", zorder=1,
                               label="_nolegend_", **_zone_look(what, colour[k]))
                    shaded.add((curve.tag, what))
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        for what, text in (("dead", "dead zone: f′ = 0"), ("saturation", f"saturation: |f′| < {SATURATION:g}, → 0")):
            owners = {tag for tag, kind in shaded if kind == what}
            if owners:
                import matplotlib
                from matplotlib.patches import Patch

                neutral = matplotlib.rcParams["axes.edgecolor"]  # black on light, white on dark
                tint = colour[[c.tag for c in drawn].index(next(iter(owners)))] if len(owners) == 1 else neutral
                handles.append(Patch(label=text, **_zone_look(what, tint)))
                labels.append(text)
        if handles:
            place = dict(legend_at) if legend_at else {"loc": "best", "framealpha": 0.85}
            box = ax.legend(handles, labels, fontsize=fontsize or "small", **place)
            for line in box.get_lines():
                line.set_linewidth(LINE_WIDTH)  # the key shows style and colour, not the casing


def _zone_look(what: str, colour) -> dict:
    """Dead zones hatched, saturation filled: told apart in any colour and in grey print."""
    if what == "dead":
        return {"facecolor": "none", "edgecolor": colour, "hatch": "///", "alpha": 0.45}
    return {"facecolor": colour, "edgecolor": "none", "alpha": 0.15}


def functions_figure(names: Sequence[str], *, derivative: bool = False, only_derivative: bool = False,
                     x_range: tuple[float, float] = DEFAULT_RANGE, points: int = DEFAULT_POINTS,
                     params=None, saturation: bool = False, grid: bool = True, title: str | None = None,
                     size: tuple[float, float] | None = None, dpi: float = DEFAULT_DPI,
                     style: str = "light", factory=None):
    """One axes with every named function (and its derivative), labelled with its formula.

    Up to ``LEGEND_INSIDE`` legend entries sit inside the axes; more go below them (where they
    hide no curve). At the default size the figure grows by the legend and the small print, so
    the axes keep their size; a given ``size`` is kept exactly.
    """
    grow = size is None
    size, dpi = _check_look(size, dpi, style)
    drawn = curves(names, derivative=derivative, only_derivative=only_derivative, x_range=x_range,
                   points=points, params=params, zones=saturation)
    small_print = _wrap(notes(drawn) + (zone_notes(drawn) if saturation else []), size[0], points=7)
    zones_shown = saturation * (any(c.dead for c in drawn) + any(c.saturation for c in drawn))
    entries = len(drawn) + zones_shown
    columns, rows = 0, 0
    if entries > LEGEND_INSIDE:
        longest = max(len(c.label) for c in drawn)
        column = 0.7 + longest * 0.55 * 8.3 / 72  # inches: the key, then DejaVu Sans at "small"
        columns = 2 if 2 * column <= size[0] - 0.2 else 1
        rows = math.ceil(entries / columns)
    legend_height = 0.15 + 0.17 * rows if rows else 0.0
    print_height = 0.125 * len(small_print)
    if not grow and 0.6 + print_height + legend_height + 0.45 + 1.5 > size[1]:
        rows, legend_height = 0, 0.0  # a small figure of the user's size: the legend stays inside
    if grow:
        size = (size[0], size[1] + legend_height + print_height)
    with _styled(style):
        figure = _new_figure(size, dpi, factory)
        ax = figure.add_subplot()
        below = None
        if rows:
            below = {"loc": "lower center", "ncols": columns, "frameon": False,
                     "bbox_to_anchor": (0.5, (0.05 + print_height) / size[1]),
                     "bbox_transform": figure.transFigure}
        draw_curves(ax, drawn, saturation=saturation, legend_at=below)
        ax.set_xlim(*check_range(*x_range))
        ax.set_xlabel("x")
        ax.set_ylabel("f′(x)" if only_derivative else "f(x)")
        ax.set_title(_escape(title) if title is not None else _default_title(drawn, derivative, only_derivative))
        _grid(ax, grid)
        _margins(figure, bottom=0.6 + print_height + legend_height)
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
    """"relu and its derivative", "relu, tanh and their derivatives", "derivatives of relu, tanh"."""
    parts = []
    for name in dict.fromkeys(c.entry.name for c in drawn):
        members = list(dict.fromkeys(tuple(c.params.items()) for c in drawn if c.entry.name == name))
        varying = {key: list(dict.fromkeys(_value_text(dict(m).get(key)) for m in members))
                   for m in members for key, _ in m}
        family = "; ".join(f"{key} = {', '.join(values)}" for key, values in varying.items() if len(values) > 1)
        parts.append(f"{name} ({family})" if family else name)
    names = ", ".join(parts)
    several = len({(c.entry.name, tuple(c.params.items())) for c in drawn}) > 1
    if only_derivative:
        return ("derivatives of " if several else "derivative of ") + names
    if derivative:
        return names + (" and their derivatives" if several else " and its derivative")
    return names


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


def bar_texts(values) -> list[str]:
    """The numbers printed on bars, all with one number of decimals: three significant digits of
    the largest (0.867, 0.090, 0.016); a nonzero value too small for them says so (<0.001)."""
    values = np.asarray(values, dtype=np.float64).ravel()
    finite = values[np.isfinite(values)]
    top = float(np.max(np.abs(finite))) if finite.size else 0.0
    decimals = 0 if top == 0 else min(6, max(0, 2 - math.floor(math.log10(top))))
    texts = []
    for value in values.tolist():
        text = f"{value:.{decimals}f}"
        if math.isfinite(value) and float(text) == 0:
            smallest = f"{10.0**-decimals:.{decimals}f}"
            text = f"{0:.{decimals}f}" if value == 0 else ("<" if value > 0 else ">-") + smallest
        texts.append(text)
    return texts


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
        texts = np.reshape(bar_texts(np.ravel(outputs)), (groups, count)).tolist()
        width = 0.8 / groups
        positions = np.arange(count)
        # Crowded bars (many values or temperatures): numbers turned upright, tick labels on two
        # lines or turned. Widths in inches: DejaVu Sans is about 0.6 em per character.
        room = (size[0] - 1.0) / count  # inches per group of bars
        upright = max(map(len, np.ravel(texts))) * 0.6 * 8.3 / 72 > room * width
        for g, (temp, out) in enumerate(zip(temps, outputs)):
            tag = f"T={temp:g}" if groups > 1 or temp != 1 else entry.name
            bars = ax.bar(positions + (g - (groups - 1) / 2) * width, out, width * 0.95,
                          color=colours[g % len(colours)], label=tag, gid=f"bars:{tag}")
            ax.bar_label(bars, labels=texts[g], fontsize="small", padding=2, rotation=90 if upright else 0)
        names_ = [f"x{_sub(i)}" for i in range(count)] if len(x) == count else [f"output {i}" for i in range(count)]
        numbers = [f"{v:g}" for v in x] if len(x) == count else [""] * count
        ticks = [f"{n} = {v}" if v else n for n, v in zip(names_, numbers)]
        turned, tick_lines = 0, 1
        if max(map(len, ticks)) * 0.6 * 10 / 72 > room:
            ticks = [f"{n}\n{v}" if v else n for n, v in zip(names_, numbers)]
            tick_lines = 2
            if max(len(part) for t in ticks for part in t.split("\n")) * 0.6 * 10 / 72 > room:
                ticks, turned, tick_lines = [f"{n} = {v}" if v else n for n, v in zip(names_, numbers)], 90, 1
        ax.set_xticks(positions, ticks, rotation=turned)
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.margins(y=0.25 if upright else 0.1)  # room for the numbers printed on the tallest bars
        _grid(ax, grid, axis="y")
        if groups > 1:
            ax.legend(title="temperature", fontsize="small")
        sums = "" if not entry.probability else " (each group sums to 1)"
        shown = ", ".join(f"{v:g}" for v in x)
        given = _param_text(shown_params(entry, combo))
        scaled = " / T" if groups > 1 or temps[0] != 1 else ""  # the bars are f(x / T)
        heading = ([f"{entry.name}([{shown}]{scaled}){given}{sums}", f"{entry.name} = {entry.formula}"]
                   if title is None else [title])
        heading = _wrap(heading, size[0], points=10)
        ax.set_title(_escape("\n".join(heading)), fontsize=10)
        ax.set_ylabel(entry.name)
        longest = max(map(len, ticks)) * 0.6 * 10 / 72
        _margins(figure, top=0.3 + 0.2 * len(heading),
                 bottom=0.45 + (longest if turned else 0.17 * tick_lines))
    return figure


def _sub(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


# Parameters for the gallery's panel of a function that no framework gives defaults to.
EXAMPLES = {"threshold": {"threshold": 1.0, "value": 0.0}}  # a ReLU that zeroes inputs up to 1


def gallery_figure(*, x_range: tuple[float, float] = DEFAULT_RANGE, points: int = 401,
                   grid: bool = True, title: str | None = None, size=None, dpi: float = DEFAULT_DPI,
                   style: str = "light", columns: int = 6, saturation: bool = False, factory=None):
    """Small multiples: every catalog function with its derivative (dashed), one panel each; a
    function that needs parameters is drawn with ``EXAMPLES``' and says so in its panel."""
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
            example = EXAMPLES.get(entry.name, {}) if needed else {}
            if any(p not in example for p in needed):
                ax.text(0.5, 0.5, f"needs {', '.join(needed)}\n(no framework default)",
                        ha="center", va="center", fontsize=7, transform=ax.transAxes)
                continue
            drawn = curves([entry], derivative=True, x_range=(xmin, xmax), points=points,
                           params={k: [v] for k, v in example.items()}, zones=saturation)
            draw_curves(ax, drawn, legend=False, saturation=saturation, marker_size=2.5)
            if example:
                ax.text(0.03, 0.97, f"example: {_param_text(drawn[0].params)[1:-1]}", fontsize=6,
                        ha="left", va="top", transform=ax.transAxes, gid=f"example:{entry.name}")
        for ax in axes.flat[len(every):]:
            ax.set_visible(False)
        heading = "activation functions (solid) and derivatives (dashed)"
        if saturation:
            heading += f"; hatched: dead zone (f′ = 0), shaded: saturation (|f′| < {SATURATION:g}, → 0)"
        figure.suptitle(_escape(title) if title is not None else heading, fontsize=11)
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
    """A character plot of ``drawn`` curves (or ``bars``: (labels, heights[, texts])) made by plotext."""
    try:
        import plotext
    except ImportError:
        raise OutputError("--terminal needs plotext: pip install 'activation-cli[terminal]'") from None
    canvas = plotext.figure
    canvas.clear()
    canvas.plot_size(max(width, 30), max(height, 8))
    canvas.theme("default" if color else "clear")
    if bars is not None:
        labels, heights, *texts = bars
        heights = [float(h) for h in heights]
        canvas.draw(canvas.bar(list(labels), heights, labeled=texts[0] if texts else bar_texts(heights)))
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
    if color:
        return text
    return "\n".join(line.rstrip() for line in plotext.uncolorize(text).splitlines())  # pipes: no padding
