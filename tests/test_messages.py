"""Message catalogues: each check type's messages in one place, reworded by packs, checked at load."""

from __future__ import annotations

import re

import pytest

from pressqa.checks import REGISTRY, Check, load_type
from pressqa.checks.messages import Message, Messages, placeholders

CATALOGUE = Messages(
    unopened="closing '{mark}' with no opening bracket",
    unclosed="'{mark}' is never closed in this paragraph",
    cut=Message("paragraph stops on '{word}'", extra=("tail",)),
)


def test_placeholders_are_the_named_fields_once_each():
    assert placeholders("'{a}' and {b}, then {a} and {0}") == ("a", "b")


def test_fields_are_the_wording_and_the_declared_extras():
    assert CATALOGUE["cut"].fields == {"word", "tail"}
    assert Messages(a="{x} {y}", b="{y}").common_fields == {"y"}


@pytest.mark.parametrize("value, problem", [
    ("unbalanced here", None),
    ("'{mark}' is unbalanced", ([], "'{mark}' is not filled by every message of this rule")),
    ({"unclosed": "'{mark}' opened, never closed"}, None),
    ({"cut": "stops: '{tail}'"}, None),
    ("'{word}' ...", ([], "'{word}' is not filled by every message of this rule")),
    ({"unclosed": "{word}"}, (["unclosed"], "'{word}' is not filled by message 'unclosed'")),
    ({"closed": "x"}, (["closed"], "unknown message 'closed'")),
    ({"cut": 3}, (["cut"], "a message is a string")),
    ("{mark!r}", ([], "a field takes no conversion")),
    ("{1}", ([], "numbered fields")),
    (["x"], ([], "a message is a string, or a mapping")),
])
def test_a_pack_message_is_checked_against_the_catalogue(value, problem):
    found = CATALOGUE.problem(value)
    if problem is None:
        assert found is None
    else:
        assert found is not None and found[0] == problem[0] and problem[1] in found[1], found


def test_pattern_catalogues_take_group_numbers():
    assert Messages(numbered=True, match="{0}").problem("'{1}' again") is None


def test_the_wording_is_the_packs_own_else_the_default():
    assert CATALOGUE.wording("unclosed", None) == "'{mark}' is never closed in this paragraph"
    assert CATALOGUE.wording("unclosed", "one for all") == "one for all"
    assert CATALOGUE.wording("unclosed", {"unopened": "x"}) == "'{mark}' is never closed in this paragraph"
    assert CATALOGUE.wording("unopened", {"unopened": "x {mark}"}) == "x {mark}"


def _rule(message=None):
    from pressqa.packs.rule import Rule

    return Rule(id="t", type="t", category="clause", level="warning", message=message)


class _Tiny(Check):
    type = "tiny"
    messages = CATALOGUE


def test_say_fills_the_packs_wording_and_refuses_a_missing_field():
    check = _Tiny(_rule({"unclosed": "«{mark}» left open"}))
    assert check.say("unclosed", mark="(") == "«(» left open"
    assert check.say("unopened", mark=")") == "closing ')' with no opening bracket"
    with pytest.raises(TypeError, match="misses fields"):
        check.say("cut", word="the")
    with pytest.raises(KeyError):
        check.say("nothing")


def _house(tmp_path, message: str) -> str:
    pack = tmp_path / "house.yaml"
    pack.write_text("pack: house\nextends: [press]\nrules:\n  space-before-punctuation:\n    message:\n"
                    f"      space_before: {message}\n")
    return str(pack)


def test_a_pack_that_rewords_a_message_with_a_field_it_lacks_fails_at_its_line(tmp_path):
    from conftest import settings_for
    from pressqa.errors import PressqaError

    with pytest.raises(PressqaError) as caught:
        settings_for(packs=[_house(tmp_path, '"stray space before {mrak}"')])
    text = caught.value.render()
    assert "house.yaml:6" in text and "{mrak}" in text and "{mark}" in text, text


def test_a_pack_rewords_one_message_and_keeps_the_others(tmp_path):
    from conftest import run_rules

    found = run_rules("The delegation visited Armenia , and then Georgia.\n", select=["space-before-punctuation"],
                      packs=[_house(tmp_path, "\"stray space before '{mark}'\"")])
    assert [f.message for f in found] == ["stray space before ','"]


#: Types that still pass their wording to ``self.message`` rather than a catalogue: none may join.
WITHOUT_CATALOGUE: set[str] = set()


def test_new_check_types_have_a_message_catalogue():
    without = {name for name in REGISTRY if not load_type(name).messages}
    assert without <= WITHOUT_CATALOGUE, f"give {sorted(without - WITHOUT_CATALOGUE)} a message catalogue"


@pytest.mark.parametrize("type_name", sorted(set(REGISTRY) - WITHOUT_CATALOGUE))
def test_a_catalogued_type_says_only_its_catalogue(type_name):
    """Its module never words a message outside the catalogue (no ``self.message(...)``)."""
    import inspect

    cls = load_type(type_name)
    source = inspect.getsource(cls)
    assert not re.search(r"\bself\.message\(", source), f"{type_name}: say catalogued messages with self.say"
    for key in re.findall(r"\bsay\(\s*\"([a-z_]+)\"", source):
        assert key in cls.messages, f"{type_name}: says {key!r}, which its catalogue lacks"


def test_no_shipped_finding_leaves_a_field_unfilled():
    """Every example of every shipped rule gives messages with no ``{field}`` left in them."""
    from conftest import run_rules, settings_for

    packs = ["press", "ap", "plain-language"]
    for rule in settings_for(packs=packs).rules:
        for text in (rule.examples or {}).get("fail", []):
            for finding in run_rules(text, select=[rule.id], packs=packs):
                assert not re.search(r"\{[A-Za-z_]\w*\}", finding.message), (rule.id, finding.message)
