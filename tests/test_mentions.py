"""The name analysis (pressqa.analysis.mentions): tokens, runs, name parts, places and mentions.

The analysis stores its words in columns and makes Token, NamePart and Mention views when asked;
these tests hold what the views say to the text they were read from.
"""

from __future__ import annotations

import pytest

from pressqa.analysis.mentions import Analysis
from pressqa.analysis.tokens import Token
from pressqa.model.document import Document

TEXT = (
    "US Secretary of State Antony J. Blinken met President Joe Biden's envoy in Sri Lanka.\n"
    "\n"
    "The Ministry of Foreign Affairs said Blinken's visit to Colombo was brief.\n"
)


@pytest.fixture(scope="module")
def an() -> Analysis:
    return Analysis(Document(TEXT, path="t.txt"))


def words(an: Analysis, indices) -> list[str]:
    return [an.tokens[i].text for i in indices]


def test_tokens_are_the_capitalized_words_with_their_offsets(an: Analysis) -> None:
    assert [t.text for t in an.tokens] == [
        "US", "Secretary", "State", "Antony", "J", "Blinken", "President", "Joe", "Biden", "Sri", "Lanka",
        "The", "Ministry", "Foreign", "Affairs", "Blinken", "Colombo",
    ]
    for tok in an.tokens:
        assert TEXT[tok.start:tok.end] == tok.text
        assert TEXT[tok.start:tok.full_end] == tok.text + ("'s" if tok.possessive else "")
        assert an.tokens[tok.index] == tok
    biden = an.tokens[8]
    assert biden.possessive and biden.full_end == biden.end + 2
    assert [t.text for t in an.tokens if t.acronym] == ["US"]
    assert [t.text for t in an.tokens if t.initial] == ["US", "The"]
    assert [t.para for t in an.tokens] == [0] * 11 + [1] * 6
    assert {t.kind for t in an.tokens} == {"body"}


def test_token_views_compare_by_position_and_index_like_a_sequence(an: Analysis) -> None:
    assert an.tokens[3] == an.tokens[3] and an.tokens[3] is not an.tokens[3]
    assert hash(an.tokens[3]) == hash(an.tokens[3])
    assert an.tokens[3] != an.tokens[4]
    assert an.tokens[-1].text == "Colombo"
    assert len(an.tokens) == 17 and bool(an.tokens)
    with pytest.raises(IndexError):
        an.tokens[17]
    assert not Analysis(Document("no capitals here.\n", path="t.txt")).tokens


def test_runs_and_name_parts(an: Analysis) -> None:
    runs = [words(an, range(first, last + 1)) for first, last in an.runs]
    assert runs == [["US", "Secretary"], ["State", "Antony", "J", "Blinken"], ["President", "Joe", "Biden"],
                    ["Sri", "Lanka"], ["The", "Ministry"], ["Foreign", "Affairs"], ["Blinken"], ["Colombo"]]
    assert len(an.runs) == 8 and an.runs[1] == (2, 5)
    assert an.name_part(0) is None  # US Secretary: ends in an ordinary word
    part = an.name_part(1)
    assert part is not None
    assert words(an, part.tokens) == ["Antony", "Blinken"]  # the initial left out
    assert words(an, part.lead) == ["State"]
    assert (part.given, part.surname) == (3, 5)
    assert an.role(3) == ("given", 5) and an.role(5) == ("surname", 3) and an.role(4) == ("other", None)
    assert an.role(2) == ("other", None) and an.role(15) == ("single", None)
    assert an.name_part(1) is an.name_part(1)  # the last part asked for is kept
    joe = an.name_part(2)
    assert joe is not None and words(an, joe.tokens) == ["Joe", "Biden"] and words(an, joe.lead) == ["President"]
    assert an.name_part(1) is not None and words(an, an.name_part(1).tokens) == ["Antony", "Blinken"]  # worked out again


def test_places_and_mentions(an: Analysis) -> None:
    assert [p.text for p in an.places()] == ["Sri Lanka"]
    lanka = an.place_at(10)
    assert lanka is not None and lanka.text == "Sri Lanka" and lanka.tokens == (9, 10) and lanka.entities
    assert TEXT[lanka.start:lanka.end] == "Sri Lanka"
    assert an.place_at(5) is None
    assert [(m.kind, m.text, m.evidence) for m in an.mentions] == [
        ("title", "State", "before a name"),
        ("person", "Antony J. Blinken", "given name and surname"),
        ("title", "President", "before a name"),
        ("person", "Joe Biden", "given name and surname"),
        ("place", "Sri Lanka", "known place"),
        ("organisation", "The Ministry", "organisational word"),
        ("person", "Blinken", "a single name"),
        ("person", "Colombo", "a single name"),
    ]
    assert [m.text for m in an.mentions_of_kind("title")] == ["State", "President"]


def test_token_is_a_view_not_a_record() -> None:
    # Views are made on demand: one per word would cost ~9 MB per MB of text again.
    assert Token.__slots__ == ("_of", "index")


def test_offsets_past_four_bytes_are_kept_whole() -> None:
    from pressqa.analysis.tokens import Tokens

    wide = Tokens(text_length=6_000_000_000)
    wide.append("Blinken", 5_000_000_000, False, 0, "body", False, False)
    assert wide[0].start == 5_000_000_000 and wide[0].end == 5_000_000_007
    with pytest.raises(OverflowError):
        Tokens().append("Blinken", 5_000_000_000, False, 0, "body", False, False)
