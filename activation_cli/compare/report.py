"""The text of actv compare's result: the table's rows (mean±sd cells, compact), its title and
its caption (what each column means, the verdict and the test behind it). Plain strings: the
CLI lays them out with render.print_ranked_table."""
from __future__ import annotations

import math


def short(value, digits=3):
    """``value`` in ``digits`` significant digits, exponents without padding: 9.6e8, 1.2e-5."""
    text = f"{value:.{digits}g}"
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if e else text


def spread(mean, sd):
    """mean±sd, compactly: the sd in one significant digit, the mean to the same decimal place
    (3 significant digits at most); in powers of ten outside 0.001–99999."""
    if mean is None:
        return "—"
    if sd is None:
        return short(mean)
    if not (math.isfinite(mean) and math.isfinite(sd)) or sd == 0:
        return f"{short(mean)}±{short(sd, 1)}"
    sd = float(f"{sd:.1g}")
    place = math.floor(math.log10(sd))                       # the sd's digit: 10^place
    top = math.floor(math.log10(abs(mean))) if mean else place
    digits = min(3, max(1, top - place + 1))                 # the mean's significant digits
    last = top - digits + 1                                  # the place of the mean's last digit
    if 1e-3 <= abs(mean) < 1e5 or mean == 0:
        spread = f"{sd:.{max(0, -place)}f}" if place >= last else short(sd, 1)
        return f"{round(mean, -last):.{max(0, -last)}f}±{spread}"
    return f"{short(mean, digits)}±{short(sd, 1)}"


def percent(mean, sd):
    """A fraction as a percentage, mean±sd in one decimal."""
    if mean is None:
        return "—"
    return f"{100 * mean:.1f}" + ("" if sd is None else f"±{100 * sd:.1f}") + "%"


def ordinal(rank: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 21st."""
    return f"{rank}{'th' if 11 <= rank % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(rank % 10, 'th')}"


def rows(result) -> tuple[list[str], list[list[str]]]:
    """The column headers and one row of cells per activation: metrics as mean±sd over the
    seeds, the verdict (best, tie, diverged k/n; a rank with one seed or after Ctrl-C)."""
    regression = "val_r2" in result.metrics
    several = len(result.seeds) > 1
    metric = ["val\nR²", "val\nRMSE"] if regression else ["val\nacc"]
    columns = ["activation", "train\nloss", "val\nloss", *metric, "epochs\nto 90%", "time", "grad\nW1", "verdict"]
    table = []
    for row in result.rows:
        def cell(key):
            return spread(row.mean(key), row.sd(key))

        if regression:
            values = [cell("val_r2"), cell("val_rmse")]
        else:
            values = [percent(row.mean("val_accuracy"), row.sd("val_accuracy"))]
        failed = [seed for seed, run in zip(result.seeds, row.runs) if run.diverged]
        if row.diverged:
            verdict = (f"diverged {len(failed)}/{len(row.runs)}" if several
                       else f"diverged at epoch {row.runs[0].diverged_at}")
        elif not several or result.interrupted:
            verdict = ordinal(row.rank)
        else:
            verdict = row.verdict
        epochs_90 = "—" if row.epochs_to_90 is None else spread(row.epochs_to_90, row.epochs_to_90_sd)
        table.append([row.activation, cell("train_loss"), cell("val_loss"), *values, epochs_90,
                     f"{row.seconds:.2f}s", short(row.gradient_norm, 2), verdict])
    return columns, table


def title(result) -> str:
    """Dataset, task, network, epochs, seeds (and the dtype when not float64)."""
    s = result.settings
    runs = f"{s.seeds} seeds" if s.seeds > 1 else f"seed {s.seed}"
    return (f"{result.dataset.name} ({result.task}): {s.layers}×{s.units} hidden, {s.epochs} epochs, {runs}"
            + ("" if s.dtype == "float64" else f", {s.dtype}"))


def caption(result) -> str:
    """What the runs shared, what each column means, and the verdict with its test."""
    s = result.settings
    seeds = result.seeds
    several = len(seeds) > 1
    regression = "val_r2" in result.metrics
    inits = {}
    for row in result.rows:
        inits.setdefault(row.initializer, []).append(row.activation)
    if several:
        runs = (f"seeds {seeds[0]}–{seeds[-1]} (each sets the split, initial weights and batch order); "
                "cells are mean±sd over the seeds (time and grad W1: means)")
    else:
        runs = f"seed {s.seed}"
    lines = [f"Output {result.output} + {result.loss.name}; Adam lr {s.lr:g}, batch {s.batch_size}; {runs}; "
             f"{result.train_rows} training rows, {result.val_rows} validation rows (inputs standardized "
             "from the training split). Initial weights: "
             + ", ".join(f"{scheme} ({', '.join(names)})" for scheme, names in inits.items()) + "."]
    lines += [f"{note[0].upper()}{note[1:]}." for note in result.dataset.notes]
    if result.task == "positive":  # targets divided by their root mean square, not centred
        lines.append("Train and val loss: mean squared error on the targets divided by their root mean square "
                     "(1 = predicting 0); val RMSE is in the target's own units.")
    elif regression:
        lines.append("Train and val loss: mean squared error on standardized targets (1 = predicting the mean); "
                     "val RMSE is in the target's own units.")
    elif result.task == "multilabel":
        lines.append("Val acc: per-label accuracy (each label of each row counts once).")
    metric = "R²" if regression else "accuracy"
    lines.append(verdict_line(result, metric))
    if result.target_90 is not None:
        lines.append(f"Epochs to 90%: the first epoch after which validation {metric} reached "
                     f"{result.target_90:.3g}, 90% of the best any run reached (mean over seeds; — when a seed's run "
                     "never did).")
    lines.append("Time: training seconds per run. Grad W1: norm of the loss gradient reaching the first layer "
                 "before training; tiny values mean vanishing gradients.")
    if any(row.diverged for row in result.rows):
        lines.append("Diverged: the training loss became NaN or infinite, or ended above 10× the untrained "
                     "network's" + (" (k/n: on k of the n seeds)" if several else "") +
                     "; an activation that diverged on any seed is never best.")
    return "\n".join(lines)


def verdict_line(result, metric: str) -> str:
    """Best, tie, a ranking (one seed), or why there is no verdict (interrupted, diverged)."""
    ranking, rows, n = result.ranking, result.rows, len(result.seeds)
    order = ", ".join(row.activation for row in ranking)
    if result.interrupted:
        return (f"Interrupted after {result.finished} of {result.planned} runs: only the activations whose every run "
                f"finished are shown, ranked by mean validation {metric} ({order or 'none'}); no verdict.")
    if not ranking:
        return "Every activation diverged: try a smaller --lr."
    if len(rows) == 1:
        return "One activation: nothing to compare it with, so no best."
    if len(ranking) == 1:
        return f"Only {ranking[0].activation} did not diverge: nothing to compare it with, so no best."
    if n == 1:
        return (f"Ranking by validation {metric}: {order}. No best with one seed: a single run cannot tell the "
                "activation from the luck of its seed (split, initial weights, batch order); use --seeds 3.")
    test = f"a paired t-test over the {n} seeds, two-sided, 5%"
    best = result.best
    if best is not None:
        return (f"Best: {best.activation}: higher validation {metric} than every other activation on each of "
                f"the {n} seeds, and each difference significant ({test}).")
    ties = [row.activation for row in result.ties]
    rest = [row.activation for row in ranking if row.verdict == ""]
    text = (f"No best: {', '.join(ties)} tie (none is ahead of the others on every seed with a significant "
            f"difference; {test}).")
    if rest:
        text += f" Behind on every seed, significantly: {', '.join(rest)}."
    return text
