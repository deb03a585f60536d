"""Fixture-driven rule tests: one YAML file per rule in tests/cases/, texts and the findings expected on them.

A case file::

    rule: doubled-word            # the rule under test (selected alone)
    packs: [press]                # optional: packs to load (default: the defaults)
    rules: {doubled-word: {level: info}}   # optional config overrides for every case
    backend: languagetool         # optional: run against the real LanguageTool server (fixture lt_server)
    cases:
      - name: plain doubling
        text: "We will continue to to help."
        expect:
          - {line: 1, column: 22, suggestion: "to"}    # rule defaults to the file's rule
      - name: had had is grammatical
        text: "She had had enough."
        expect: []

Expected keys: line, column (required), and optionally end_line, end_column,
rule, category, severity, suggestion, message (a substring of the message).
A failure prints the missing and unexpected findings.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import CASES, run_rules

OPTIONAL_KEYS = ("end_line", "end_column", "rule", "category", "severity", "suggestion")


def load_cases():
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            name = case.get("name", f"case {i}")
            params.append(pytest.param(data, case, id=f"{path.stem}::{name}"))
    return params


def _describe(item):
    return ", ".join(f"{k}={v!r}" for k, v in item.items())


@pytest.mark.parametrize("spec,case", load_cases())
def test_case(spec, case, request):
    rule = spec["rule"]
    rules = {k: (dict(v) if isinstance(v, dict) else v) for k, v in (spec.get("rules") or {}).items()}
    for rule_id, value in (case.get("rules") or {}).items():
        # a case's options add to (and override) the file's options for the same rule
        if isinstance(value, dict) and isinstance(rules.get(rule_id), dict):
            rules[rule_id].update(value)
        else:
            rules[rule_id] = value
    select = case.get("select", spec.get("select", [rule]))
    extra = None
    if spec.get("backend") == "languagetool":
        extra = {"languagetool": {"url": request.getfixturevalue("lt_server"), "mode": "auto", "required": True}}
    findings = run_rules(case["text"], select=select, packs=case.get("packs", spec.get("packs")), rules=rules or None,
                         extra=extra)
    expected = case.get("expect") or []
    actual = []
    for f in findings:
        actual.append({
            "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
            "rule": f.rule, "category": f.category, "severity": str(f.severity),
            "suggestion": f.suggestion, "message": f.message,
        })
    unmatched = list(actual)
    missing = []
    for want in expected:
        want = dict(want)
        want.setdefault("rule", rule)
        hit = None
        for got in unmatched:
            if got["line"] != want["line"] or got["column"] != want["column"]:
                continue
            if any(k in want and got[k] != want[k] for k in OPTIONAL_KEYS):
                continue
            if "message" in want and want["message"] not in got["message"]:
                continue
            hit = got
            break
        if hit is None:
            missing.append(want)
        else:
            unmatched.remove(hit)
    if missing or unmatched:
        lines = [f"case {case.get('name')!r} of {rule}:"]
        lines += [f"  missing:    {_describe(m)}" for m in missing]
        lines += [f"  unexpected: {_describe(u)}" for u in unmatched]
        pytest.fail("\n".join(lines), pytrace=False)
