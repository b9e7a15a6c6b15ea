"""Citations in the catalog: each names something a reader can open and says what it says
(issue 10.9, 10.12 and the closing paragraph); claims without a source say how they were measured."""
import re

import numpy as np
import pytest

from activation_cli import get, names
from activation_cli.catalog.vector import EDGE_ROWS


def texts(entry):
    return [entry.kink or "", *entry.notes, *entry.pitfalls, *entry.references, *entry.frameworks.values()]


def test_the_silu_pr_is_cited_for_silu_only():
    """pytorch/pytorch#195197 fixes silu(-inf) only; gelu, mish, softsign and hard_silu state what torch
    2.13 gives as measured, with the command."""
    citing = [name for name in names() if any("195197" in t for t in texts(get(name)))]
    assert citing == ["silu"]
    for name, call in [("gelu", "F.gelu"), ("mish", "F.mish"), ("softsign", "F.softsign"),
                       ("hard_silu", "F.hardswish"), ("silu", "F.silu")]:
        note = next(t for t in get(name).notes if "NaN" in t and "inf" in t)
        assert "measured with torch 2.13.0" in note and call + "(torch.tensor(" in note, name


def test_the_softmax_edge_rows_cite_the_issue_that_shows_each():
    """#25110 shows an all -inf row only; #6864 the +inf one."""
    assert "#6864 reports the first, #25110 the second" in EDGE_ROWS
    assert "on [0, inf] and [-inf, -inf]" in EDGE_ROWS and "measured with torch 2.13.0" in EDGE_ROWS
    for name in ("softmax", "log_softmax"):
        assert any("#25110 the second" in note for note in get(name).notes), name


def test_a_measured_claim_names_the_command_and_version():
    """Every "measured" in the catalog says with what (torch/keras/scipy version) and, for torch, the call."""
    for name in names():
        for text in texts(get(name)):
            for claim in re.findall(r"measured[^)]*\)", text):
                assert re.search(r"(torch|keras|scipy) \d+\.\d+", claim), (name, claim)


def test_the_stated_torch_behaviour_at_infinity_is_torchs():
    """Checked against torch where it is installed (not a dependency: pip install torch to run this)."""
    torch = pytest.importorskip("torch")
    if not torch.__version__.startswith("2.13."):
        pytest.skip("the records state torch 2.13.0")
    F = torch.nn.functional
    minus_inf = torch.tensor([float("-inf")])
    for f in (F.silu, F.gelu, F.mish, F.hardswish, lambda t: F.gelu(t, approximate="tanh")):
        assert torch.isnan(f(minus_inf)).all()
    assert torch.isnan(F.softsign(torch.tensor([float("-inf"), float("inf")]))).all()
    for row in ([0.0, float("inf")], [float("-inf"), float("-inf")]):
        assert torch.isnan(F.softmax(torch.tensor(row), -1)).all()
        assert not np.isnan(get("softmax")(np.array(row))).any()


OPENABLE = re.compile(
    r"\b(19|20)\d\d\b"                      # a paper or book, by year
    r"|[\w.-]+/[\w.-]+(#| PR #)\d+"          # an issue or pull request, owner/repo#N
    r"|#\d+"                                 # another thread of the same repository
    r"|[\w/]+\.py\b"                         # a source file
    r"|\b(torch\.nn|keras|jax\.nn)\.\w+"     # a documentation page
    r"|documentation|docs|[Tt]utorial|stackexchange\.com/questions/\d+"
)


def test_every_source_in_the_rule_table_can_be_opened():
    """Each source names a paper, an issue or PR, a file or a doc page (the closing paragraph of
    issue 10); each part of a ';'-separated source does."""
    from activation_cli.advice.rules import RULES

    sources = [rule.source for rule in RULES]
    sources += [item.source for rule in RULES for item in (*rule.alternatives, *rule.warnings)]
    for source in sources:
        for part in source.split("; "):
            assert OPENABLE.search(part), part


@pytest.mark.parametrize("name", names())
def test_every_catalog_reference_can_be_opened(name):
    for reference in get(name).references:
        assert OPENABLE.search(reference), (name, reference)


def test_citations_that_did_not_say_what_was_cited_are_gone():
    """pytorch/pytorch#24933 shows BCEWithLogitsLoss and BCELoss differing, not why to prefer one."""
    assert not any("24933" in t for t in texts(get("sigmoid")))
    assert any("BCELoss docs" in t for t in get("sigmoid").pitfalls)
