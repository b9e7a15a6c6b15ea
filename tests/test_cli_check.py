"""actv check on the command line: formats, exit codes, codes, --explain, errors."""
import json
import re
from pathlib import Path

import pytest

from activation_cli.check.rules import RULES

ROOT = Path(__file__).parent.parent
MODEL = """\
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)

loss = nn.CrossEntropyLoss()(Net()(x), y)
head = nn.Sequential(nn.Linear(3, 3), nn.Linear(3, 1))
"""
CHOOSE = ("Choose from: ACT101, ACT102, ACT103, ACT104, ACT105, ACT106, ACT107, ACT108, ACT201, ACT202, ACT203, "
          "ACT204 (or a prefix such as ACT1).\n")
ACT101 = ("softmax output goes into nn.CrossEntropyLoss (line 12), which applies log_softmax itself: "
          "return the raw logits (apply softmax only at inference)")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "model.py").write_text(MODEL, encoding="utf-8")
    (tmp_path / "clean.py").write_text("import torch\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_format_is_one_finding_per_line_then_a_summary(actv, project):
    result = actv("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"model.py:10:16: ACT101 {ACT101}",
        "model.py:13:39: ACT201 nn.Linear follows nn.Linear with no activation between them, so the two collapse "
        "into one linear map: add an activation between them (e.g. relu)",
        "Found 2 findings (1 error, 1 warning; 2 files checked).",
    ]
    assert result.stderr == ""


def test_no_findings_exits_0(actv, project):
    result = actv("check", "clean.py")
    assert (result.exit_code, result.stdout) == (0, "No findings (1 file checked).\n")


def test_exit_zero_and_select_ignore(actv, project):
    assert actv("check", "--exit-zero").exit_code == 0
    assert actv("check", "--select", "ACT2").stdout.count("ACT") == 1
    result = actv("check", "--ignore", "ACT1,ACT201")
    assert (result.exit_code, result.stdout) == (0, "No findings (2 files checked).\n")
    assert actv("check", "--select", "act101", "--select", "ACT201").stdout.count("model.py") == 2


@pytest.mark.parametrize(("args", "message"), [
    (["check", "missing.py"], "Error: missing.py: no such file or folder\n"),
    (["check", "--select", "ACT9"], f"Error: unknown rule code 'ACT9'. {CHOOSE}"),
    (["check", "--ignore", "ACT1O1"], "Error: unknown rule code 'ACT1O1'. Did you mean 'ACT101'?\n"),
    (["check", "--select", " , "], f"Error: unknown rule code ''. {CHOOSE}"),
    (["check", "--explain", ""], f"Error: unknown rule code ''. {CHOOSE}"),
    (["check", "--explain", "E501"], f"Error: unknown rule code 'E501'. {CHOOSE}"),
    (["check", "--explain", "ACT101", "model.py"], "Error: --explain and --list-rules take no paths "
                                                   "(see 'actv check --help')\n"),
    (["check", "--format", "xml"], "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json', "
                                   "'sarif', 'github'. (see 'actv check --help')\n"),
])
def test_usage_errors_exit_2_with_one_line(actv, project, args, message):
    result = actv(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_json_schema(actv, project):
    (project / "broken.py").write_text("def (:\n", encoding="utf-8")
    result = actv("check", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert set(data) == {"findings", "checked", "skipped"}
    assert data["checked"] == 2
    assert data["skipped"] == [{"path": "broken.py", "reason": "syntax error at line 1: invalid syntax"}]
    assert data["findings"][0] == {"code": "ACT101", "severity": "error", "path": "model.py", "line": 10,
                                   "column": 16, "message": ACT101.split(": return")[0],
                                   "fix": "return the raw logits (apply softmax only at inference)"}


def test_skipped_files_are_named_on_stderr_in_text(actv, project):
    (project / "broken.py").write_text("def (:\n", encoding="utf-8")
    result = actv("check", "--select", "ACT2")
    assert result.stderr == "actv check: skipped broken.py: syntax error at line 1: invalid syntax\n"
    assert result.stdout.endswith("(1 warning; 2 files checked, 1 skipped).\n")
    github = actv("check", "--select", "ACT2", "--format", "github").stdout.splitlines()
    assert github[0] == "::notice file=broken.py::actv check skipped this file: syntax error at line 1: invalid syntax"
    assert github[1].startswith("::warning file=model.py,line=13,col=39,title=ACT201::")


def test_sarif_has_one_rule_per_code_and_a_result_per_finding(actv, project):
    data = json.loads(actv("check", "--format", "sarif").stdout)
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-2.1.0.json")
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    assert {r["defaultConfiguration"]["level"] for r in rules} == {"error", "warning"}
    first = run["results"][0]
    assert first["ruleId"] == "ACT101" and rules[first["ruleIndex"]]["id"] == "ACT101"
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "model.py"},
                                                         "region": {"startLine": 10, "startColumn": 16}}
    assert [r["ruleId"] for r in run["results"]] == ["ACT101", "ACT201"]


def test_sarif_paths_are_uri_references(actv, tmp_path, monkeypatch):
    (tmp_path / "모델 v2.py").write_text("import torch.nn as nn\nnn.Softmax()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = json.loads(actv("check", "--format", "sarif").stdout)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "%EB%AA%A8%EB%8D%B8%20v2.py"


def test_github_annotations_escape_what_workflow_commands_need(actv, tmp_path, monkeypatch):
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    (folder / "m%.py").write_text("import torch.nn as nn\nnn.Softmax()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = actv("check", "--format", "github")
    assert result.stdout == ("::error file=a%2Cb%3Ac/m%25.py,line=2,col=1,title=ACT106::ACT106 nn.Softmax without "
                             "dim lets PyTorch guess the dimension (deprecated; for 3-D input it picks dim 0, the "
                             "batch): pass dim=-1, the classes (or dim=1 for a (batch, classes) input)\n")
    assert result.exit_code == 1


def test_colour_only_when_asked(actv, project):
    assert "\x1b[" not in actv("check").stdout
    coloured = actv("--color", "check").stdout
    assert "\x1b[31m\x1b[1mACT101\x1b[0m" in coloured and "\x1b[33m\x1b[1mACT201\x1b[0m" in coloured


def test_explain_prints_the_rule_in_full(actv):
    result = actv("check", "--explain", "ACT101")
    text = result.stdout
    assert result.exit_code == 0
    assert text.startswith("ACT101 probabilities-into-softmax-loss (error)\n\nA softmax output goes into a loss "
                           "that applies softmax itself.\n")
    for part in ("PyTorch, wrong:", "PyTorch, right:", "Keras, wrong:", "Keras, right:", "TensorFlow, wrong:",
                 "Sources:", "https://github.com/ariecattan/SciCo/issues/2",
                 "actv recommend warns: Do not put softmax before CrossEntropyLoss"):
        assert part in text
    assert max(len(line) for line in text.splitlines() if "<http" not in line) <= 99   # COLUMNS=100


def test_explain_fits_80_columns():
    from activation_cli.check.report import explain

    for rule in RULES:
        assert max(len(line) for line in explain(rule, 79).splitlines() if "<http" not in line) <= 79, rule.code


def test_explain_a_prefix_and_list_the_rules(actv):
    text = actv("check", "--explain", "ACT2").stdout
    assert re.findall(r"^(ACT\d+) ", text, re.M) == ["ACT201", "ACT202", "ACT203", "ACT204"]
    listing = actv("check", "--list-rules").stdout
    for rule in RULES:
        assert rule.code in listing


def test_rules_as_json(actv):
    listing = json.loads(actv("check", "--list-rules", "--format", "json").stdout)
    assert [r["code"] for r in listing] == [r.code for r in RULES]
    assert set(listing[0]) == {"code", "name", "severity", "summary"}
    [rule] = json.loads(actv("check", "--explain", "ACT105", "--format", "json").stdout)
    assert set(rule) == {"code", "name", "severity", "summary", "why", "pitfalls", "examples", "sources"}
    assert rule["examples"][0]["framework"] == "PyTorch" and "nn.Softmax(dim=-1)" in rule["examples"][0]["wrong"]
    assert rule["sources"][0]["url"].startswith("https://")
    result = actv("check", "--explain", "ACT105", "--format", "sarif")
    assert (result.exit_code, result.stderr) == (2, "Error: --explain and --list-rules print text or json "
                                                    "(see 'actv check --help')\n")


def test_the_package_is_the_check_function(project):
    import activation_cli
    from activation_cli import check

    report = check(["model.py"])
    assert activation_cli.check is check and report.checked == 1
    assert [d.code for d in report.diagnostics] == ["ACT101", "ACT201"]


def test_readme_rules_table_is_the_rules(actv):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.code} | {rule.severity} | {rule.summary} |" in readme


def test_pre_commit_hook_runs_actv_check_on_the_project():
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: actv-check" in hook
    assert "entry: actv check\n" in hook and "pass_filenames: false" in hook
    assert r"files: \.(py|ipynb|keras)$" in hook


def test_recommend_snippets_pass_check(tmp_path):
    """The code actv recommend writes is code actv check finds nothing wrong with."""
    from activation_cli.advice.rules import ARCHITECTURES, TASKS, recommend
    from activation_cli.check import check

    for framework in ("pytorch", "keras"):
        for task in TASKS:
            for architecture in ARCHITECTURES:
                code = recommend(task, architecture, framework=framework).code
                (tmp_path / f"{framework}_{task}_{architecture}.py").write_text(code, encoding="utf-8")
    report = check([str(tmp_path)], cwd=tmp_path)
    assert report.checked == 2 * len(TASKS) * len(ARCHITECTURES)
    assert [d.location + " " + d.code + " " + d.message for d in report.diagnostics] == []
