"""``pressqa rules languagetool/RULE_ID`` documents LanguageTool's rules (the id check reports)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import IN_CI, REAL_LT_HOME
from pressqa.backends.ltrules import describe
from pressqa.cli.main import cli


def _jars():
    jars = sorted(REAL_LT_HOME.glob("**/libs/language-en*.jar"))
    if not jars:
        if IN_CI:
            pytest.fail(f"LanguageTool's English module is not installed under {REAL_LT_HOME}")
        pytest.skip("LanguageTool is not installed")
    return jars


def test_an_xml_rule_is_described_from_the_installed_jar():
    found = describe("BEEN_PART_AGREEMENT", _jars())
    assert found is not None and "been" in found.name.lower() and found.category_id == "GRAMMAR"


def test_a_java_rule_is_not_in_the_xml():
    assert describe("MORFOLOGIK_RULE_EN_US", _jars()) is None


@pytest.mark.parametrize("rule_id, category, same_as", [
    ("languagetool/MORFOLOGIK_RULE_EN_US", "spelling", []),
    ("languagetool/ENGLISH_WORD_REPEAT_RULE", "clause", ["doubled-word"]),
])
def test_rules_documents_a_languagetool_rule_the_check_reports(rule_id, category, same_as):
    result = CliRunner().invoke(cli, ["rules", "--isolated", rule_id, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["category"] == category and data["same_as"] == same_as


def test_text_documentation_says_how_to_tune_it():
    result = CliRunner().invoke(cli, ["rules", "--isolated", "languagetool/ENGLISH_WORD_REPEAT_RULE"])
    assert result.exit_code == 0 and '"languagetool/ENGLISH_WORD_REPEAT_RULE" = "off"' in result.output
    assert "doubled-word" in result.output
