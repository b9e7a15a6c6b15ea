"""The report formats of ``actv check``: text (ruff-style), JSON, SARIF 2.1.0 and GitHub
workflow annotations. Each takes a ``Report`` and returns the text to print."""
from __future__ import annotations

import json
from urllib.parse import quote

from .rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
PROJECT_URL = "https://pypi.org/project/activation-cli/"


def text(report, color: bool = False) -> str:
    """``path:line:col: CODE message: fix``, one per line, then a summary line."""
    import click

    lines = []
    for d in report.diagnostics:
        code = click.style(d.code, fg="red" if d.severity == "error" else "yellow", bold=True) if color else d.code
        where = click.style(d.location, bold=True) if color else d.location
        lines.append(f"{where}: {code} {d.message}: {d.fix}")
    lines.append(summary(report))
    return "\n".join(lines)


def summary(report) -> str:
    errors = sum(d.severity == "error" for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    files = f"{report.checked} file{'s' * (report.checked != 1)} checked"
    if report.skipped:
        files += f", {len(report.skipped)} skipped"
    if not report.diagnostics:
        return f"No findings ({files})."
    found = len(report.diagnostics)
    parts = [f"{errors} error{'s' * (errors != 1)}" if errors else "", f"{warnings} warning{'s' * (warnings != 1)}"
             if warnings else ""]
    return f"Found {found} finding{'s' * (found != 1)} ({', '.join(p for p in parts if p)}; {files})."


def skipped_lines(report) -> list[str]:
    return [f"actv check: skipped {path}: {reason}" for path, reason in report.skipped]


def json_text(report) -> str:
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False)


def sarif(report, version: str) -> str:
    """SARIF 2.1.0: one run, one rule entry per code, one result per finding; paths as URI
    references (percent-encoded: '모델.py' is '%EB%AA%A8%EB%8D%B8.py')."""
    rules = [{
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": f"{rule.why}\n\nSee: actv check --explain {rule.code}"},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"tags": ["activation", "loss", "initializer"]},
    } for rule in RULES]
    index = {rule.code: i for i, rule in enumerate(RULES)}
    results = []
    for d in report.diagnostics:
        location = {"physicalLocation": {"artifactLocation": {"uri": quote(d.path, safe="/")}}}
        if d.line is not None:
            location["physicalLocation"]["region"] = {"startLine": d.line, "startColumn": d.column}
        if d.layer is not None:
            location["logicalLocations"] = [{"name": d.layer[1], "kind": "member",
                                             "fullyQualifiedName": f"layers[{d.layer[0]}]/{d.layer[1]}"}]
        result = {"ruleId": d.code, "ruleIndex": index[d.code], "level": d.severity,
                  "message": {"text": f"{d.message}: {d.fix}"}, "locations": [location]}
        if d.cell is not None:
            result["properties"] = {"cell": d.cell}
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "actv", "version": version, "informationUri": PROJECT_URL, "rules": rules}},
            "results": results,
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [
                {"level": "note", "message": {"text": f"skipped {path}: {reason}"}} for path, reason in report.skipped
            ]}],
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def github(report) -> str:
    """``::error file=…,line=…,col=…,title=ACT101::message`` (workflow commands), after a
    ``::notice`` for each file skipped."""
    lines = [f"::notice file={_property(path)}::{_data(f'actv check skipped this file: {reason}')}"
             for path, reason in report.skipped]
    for d in report.diagnostics:
        properties = [f"file={_property(d.path)}"]
        if d.line is not None:
            properties += [f"line={d.line}", f"col={d.column}"]
        properties.append(f"title={_property(d.code)}")
        where = f"{d.location[len(d.path) + 1:]}: " if d.layer is not None or d.cell is not None else ""
        level = "error" if d.severity == "error" else "warning"
        lines.append(f"::{level} {','.join(properties)}::{_data(f'{where}{d.code} {d.message}: {d.fix}')}")
    return "\n".join(lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def explain(rule, width: int = 79) -> str:
    """A rule in full: why, the pitfall it shares with recommend, examples, sources;
    prose wrapped to ``width`` columns, code as written."""
    import textwrap

    def prose(text, indent=""):
        return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=" " * len(indent),
                             break_on_hyphens=False, break_long_words=False)

    lines = [f"{rule.code} {rule.name} ({rule.severity})", "", *prose(f"{rule.summary[0].upper()}{rule.summary[1:]}."),
             "", *prose(rule.why)]
    for note in rule.pitfalls:
        lines += ["", *prose(f"actv recommend warns: {note.text} [{note.source}]")]
    for example in rule.examples:
        lines += ["", f"{example.framework}, wrong:", "", *_indent(example.wrong), "",
                  f"{example.framework}, right:", "", *_indent(example.right)]
    lines += ["", "Sources:"]
    for cite in rule.sources:
        lines += prose(f"{cite.name} <{cite.url}>: {cite.says}", "- ")
    lines += ["", *prose(f"Silence one line with '# noqa: {rule.code}', or the rule with --ignore {rule.code}.")]
    return "\n".join(lines)


def _indent(code: str) -> list[str]:
    return ["    " + line if line else "" for line in code.rstrip("\n").splitlines()]


def rule_dict(rule, full: bool = True) -> dict:
    """A rule as plain data (``--list-rules``/``--explain`` with ``--format json``)."""
    data = {"code": rule.code, "name": rule.name, "severity": rule.severity, "summary": rule.summary}
    if full:
        data.update(why=rule.why, pitfalls=[note._asdict() for note in rule.pitfalls],
                    examples=[example._asdict() for example in rule.examples],
                    sources=[cite._asdict() for cite in rule.sources])
    return data
