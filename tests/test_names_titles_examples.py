"""The examples of the name and title rules in rules/press.yaml do what their docs say."""

from __future__ import annotations

import pytest

from conftest import run_rules, settings_for

RULES = ("name-variant", "country-form", "title-case", "person-title", "office-form")


@pytest.mark.parametrize("rule_id", RULES)
def test_examples(rule_id):
    rule = settings_for().packs.rule(rule_id)
    assert rule is not None and rule.examples.get("fail") and rule.examples.get("pass")
    for text in rule.examples["fail"]:
        assert run_rules(text, select=[rule_id]), f"{rule_id}: no finding on {text!r}"
    for text in rule.examples["pass"]:
        assert not run_rules(text, select=[rule_id]), f"{rule_id}: finding on {text!r}"


@pytest.mark.parametrize("rule_id", RULES)
def test_documented(rule_id):
    from pressqa.checks import load_type

    rule = settings_for().packs.rule(rule_id)
    doc = load_type(rule.type).__doc__ or ""
    assert "**What it does.**" in doc and "**Leaves alone.**" in doc
