"""The lexical types and metric in their new shape: shared matching, catalogued messages, fed kinds."""

from __future__ import annotations

import textwrap

import pytest

from pressqa.checks.lexical.consistency import Consistency
from pressqa.checks.lexical.matching import literal_pattern, match_case
from pressqa.checks.lexical.pattern import Pattern
from pressqa.checks.metric import Metric
from pressqa.errors import PressqaError
from pressqa.model.document import Document
from pressqa.packs.config import build_settings
from pressqa.run.engine import Engine


def _findings(tmp_path, pack: str, text: str):
    path = tmp_path / "house.yaml"
    path.write_text(textwrap.dedent(pack), encoding="utf-8")
    return Engine(build_settings({"extends": [str(path)]}, None)).check(Document(text, path="r.txt")).findings


def _refused(tmp_path, pack: str) -> str:
    path = tmp_path / "house.yaml"
    path.write_text(textwrap.dedent(pack), encoding="utf-8")
    with pytest.raises(PressqaError) as caught:
        build_settings({"extends": [str(path)]}, None)
    return caught.value.render()


def test_the_shared_matching_helpers():
    assert literal_pattern("don't stop") == r"don['’]t\s+stop"
    assert match_case("KIEV", "Kyiv", "Kiev") == "KYIV"
    assert match_case("In order to", "to", "in order to") == "To"


def test_consistency_words_one_message_of_each_kind(tmp_path):
    pack = """
    rules:
      terms:
        type: consistency
        category: terminology
        message:
          mixed_sides: "{side} '{match}' among {majority_side} forms"
        groups:
          - [peace treaty, peace agreement]
          - UK: [organise]
            US: [organize]
    """
    text = "We organize. We organize.\n\nWe organise a peace treaty.\n\nA peace agreement, a peace agreement."
    found = _findings(tmp_path, pack, text)
    assert [f.message for f in found] == [
        "UK 'organise' among US forms",
        "'peace treaty' here, but 'peace agreement' elsewhere in this release (2x, line 5)",
    ]
    assert Consistency.messages.common_fields >= {"match", "side", "majority", "majority_side", "count", "lines"}


def test_a_pattern_message_may_name_its_groups_but_no_other_field(tmp_path):
    pack = """
    rules:
      dates:
        type: pattern
        category: style
        pattern: '(?P<month>May) (\\d+)(?P<key>th)'
        message: "{month} {2}{key}: {match} in {rule}, {0}"
    """
    (f,) = _findings(tmp_path, pack, "On May 4th we met.")
    assert f.message == "May 4th: May 4th in dates, May 4th"
    assert "'{day}' is not filled by this pattern" in _refused(tmp_path, pack.replace("{2}", "{day}"))
    assert "'{4}' is not filled by this pattern" in _refused(tmp_path, pack.replace("{2}", "{4}"))
    assert "rules.dates: 'message' is required" in _refused(tmp_path, pack.replace("message:", "suggestion:"))
    assert Pattern.messages.numbered


def test_metric_is_fed_the_kinds_it_names(tmp_path):
    pack = """
    rules:
      long:
        type: metric
        category: readability
        formula: words > 3
        per: paragraph
        {kinds}
    """
    text = "Four words in headline\n\nWASHINGTON — A body paragraph of several words.\n\n- a list item of many words here\n"
    body = _findings(tmp_path, pack.format(kinds=""), text)
    lists = _findings(tmp_path, pack.format(kinds="kinds: [list]"), text)
    assert len(body) == 1 and len(lists) == 1 and body[0].line != lists[0].line
    assert Metric.kinds is None  # set per rule, in setup
