"""The clause and truncation checks' catalogues: a house may reword one message, or all with one template."""

from __future__ import annotations

import pytest

from conftest import run_rules

CUT = "The minister met his counterpart in Geneva.\n\nThe two sides agreed to deepen cooperation in trade and\n"


def _house(tmp_path, rule: str, message: str) -> str:
    pack = tmp_path / "house.yaml"
    pack.write_text(f"pack: house\nextends: [press]\nrules:\n  {rule}:\n    message:\n{message}")
    return str(pack)


def test_one_template_of_reason_and_tail_still_words_every_truncation_message(tmp_path):
    """Before the catalogue, truncation had one message filling {reason} and {tail}; a house
    template written against it stays valid and says the same."""
    pack = tmp_path / "house.yaml"
    pack.write_text("pack: house\nextends: [press]\nrules:\n  truncated-sentence:\n"
                    "    message: \"cut: {reason} ({tail})\"\n")
    found = run_rules(CUT, select=["truncated-sentence"], packs=[str(pack)])
    assert [f.message for f in found] == ["cut: stops on the conjunction 'and' (…to deepen cooperation in trade and)"]


def test_a_house_rewords_one_truncation_message_with_its_own_fields(tmp_path):
    pack = _house(tmp_path, "truncated-sentence", "      stops_on_word: \"ends on '{word}' ({kind})\"\n")
    found = run_rules(CUT + "\nAt the same time, the minister said that the talks went well\n",
                      select=["truncated-sentence"], packs=[pack])
    assert sorted(f.message for f in found) == [
        "ends on 'and' (conjunction)",
        "paragraph has no end punctuation: '…minister said that the talks went well'",
    ]


def test_a_field_another_message_fills_is_refused_at_the_packs_line(tmp_path):
    from conftest import settings_for
    from pressqa.errors import PressqaError

    with pytest.raises(PressqaError) as caught:
        settings_for(packs=[_house(tmp_path, "truncated-sentence", "      unpunctuated: \"ends on {word}\"\n")])
    text = caught.value.render()
    assert "house.yaml:6" in text and "{word}" in text, text


def test_clause_kinds_are_checked_against_the_paragraph_kinds():
    from pressqa.checks import kinds_of

    assert kinds_of("body", "speech") == {"body", "speech"}
    with pytest.raises(ValueError, match="bodyy"):
        kinds_of("bodyy")
