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


# -- the word index (checks/lexical/wordindex.py): compact, and the same words at the same offsets --

_TRICKY = (
    "İstanbul's STRASSE, straße; Ǆemal’s co-op_2 e-mail U.S. 3.5% naïve café\u0301 "
    "日本語 テスト 𝒜lpha 𝒜LPHA ΣΊΣΥΦΟΣ σίσυφος \r\n\tIn order to, in ORDER to; in-order-to"
)


def test_the_word_index_holds_every_word_where_it_starts():
    import re

    from pressqa.checks.lexical.wordindex import WordIndex

    for text in (_TRICKY, "", "   ", "a", _TRICKY * 3):
        index = WordIndex(text)
        expected = [(m.start(), m.group().lower()) for m in re.finditer(r"\w+", text)]
        assert len(index) == len(expected)
        assert [(index.starts[k], index.word(k)) for k in range(len(index))] == expected
        assert index.ids.itemsize == 2 and index.starts.itemsize == 4
        # the words starting in a stretch, as bisection over the offsets gives them
        for lo, hi in ((0, len(text)), (5, 40), (40, 5), (len(text), len(text) + 9)):
            assert [index.starts[k] for k in index.span(lo, hi)] == [s for s, _ in expected if lo <= s < hi]


def test_the_word_index_numbers_words_for_a_reader_once():
    from pressqa.checks.lexical.wordindex import WordIndex

    index = WordIndex("in order to go, in order")
    wanted = {"in": [0, 1], "order": [2], "absent": [3]}
    numbered = index.numbers(wanted)
    assert numbered == {index.number("in"): [0, 1], index.number("order"): [2]}
    assert index.numbers(wanted) is numbered
    assert index.numbers(dict(wanted)) == numbered
    assert index.number("absent") is None


def test_the_word_index_widens_its_numbers_past_65536_distinct_words():
    from pressqa.checks.lexical.wordindex import WordIndex

    text = " ".join(f"w{n}" for n in range(70_000)) + " W5 w69999"
    index = WordIndex(text)
    assert index.ids.itemsize == 4
    assert index.word(70_000) == "w5" and index.ids[70_001] == index.number("w69999") == 69_999


def test_literal_phrases_are_found_as_a_scan_of_the_whole_text_finds_them(tmp_path):
    # The index is only where a phrase is tried: each list must give what one alternation over the
    # text gives, case-insensitively or not, for phrases starting with a word or not.
    import re

    from pressqa.checks import Context
    from pressqa.checks.lexical.matching import Matcher, alternation

    text = _TRICKY + "\n\nIn order to, IN ORDER; istanbul's. %5 and % 5, naïve café"
    items = ["in order to", "in order", "straße", "STRASSE", "naïve", "Ǆemal’s", "u.s.", "𝒜lpha", "日本語",
             "σίσυφος", "% 5", "%5", "co-op_2", "e-mail", "in-order", "never here"]
    doc = Document(text, path="r.txt")
    for ignorecase in (True, False):
        matcher = Matcher(items, ignorecase=ignorecase)
        ctx = Context(doc)
        found = [(f.start, f.end, items[f.index]) for f in matcher.find(None, doc, ctx, 0, len(text))]  # type: ignore[arg-type]
        scan = re.compile(alternation(items, is_regex=False, nonword=False), re.IGNORECASE if ignorecase else 0)
        expected = []
        for m in scan.finditer(text):
            index = next(int(k[3:]) for k, v in m.groupdict().items() if v is not None)
            expected.append((m.start(), m.end(), items[index]))
        assert found == expected
        assert found  # the text does hold some of them


def test_sentence_starts_are_every_sentence_line_and_after_colon_start():
    from pressqa.checks import Context
    from pressqa.checks.lexical.consistency import sentence_starts

    text = ("Note: The peace treaty. «Then» the talks: more.\n\n- First item\n- (second) item\n\n"
            "A last one: here it is: yes")
    doc = Document(text, path="r.txt")
    starts = sentence_starts(doc, Context(doc))
    expected = set()
    for para in doc.paragraphs:
        for span in list(para.sentences) + list(para.lines):
            i = span.start
            while i < span.end and not text[i].isalnum():
                i += 1
            expected.add(i)
        expected.update(i + 2 for i in range(para.start, para.end - 2) if text[i:i + 2] == ": ")
    assert list(starts) == sorted(expected) and len(starts) == len(expected)
    assert all(i in starts for i in expected)
    assert not any(i in starts for i in range(len(text) + 2) if i not in expected)
    assert "x" not in starts and -1 not in starts
