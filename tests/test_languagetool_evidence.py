"""The evidence pressqa weighs against a LanguageTool match (checks/languagetool/evidence.py): the pieces
on their own, and the date rule against the real server (its answer depends on the current year, so
the texts are made for the year the test runs in).  In CI a missing server fails these, never skips."""

from __future__ import annotations

import datetime

import pytest

from pressqa.backends.ltbase import LTMatch
from pressqa.checks.languagetool import evidence


def _match(rule_id: str = "MORFOLOGIK_RULE_EN_US", offset: int = 0, length: int = 1,
           replacements: tuple[str, ...] = ()) -> LTMatch:
    return LTMatch(offset, length, rule_id, "TYPOS", "misspelling", "", tuple(replacements))


def test_whole_word_joins_apostrophes_and_hyphens_but_not_a_possessive():
    text = "Mata’afa and al-Qa’ida and Zhelyazkov’s daughters"
    assert evidence.whole_word(text, text.index("afa"), text.index("afa") + 3) == "Mata’afa"
    assert evidence.whole_word(text, text.index("ida"), text.index("ida") + 3) == "al-Qa’ida"
    start = text.index("Zhelyazkov")
    assert evidence.whole_word(text, start, start + len("Zhelyazkov")) == "Zhelyazkov"


def test_a_name_called_in_a_turn():
    def addressed(text: str, word: str) -> bool:
        start = text.index(word)
        return evidence.is_addressed(text, start, start + len(word))

    assert addressed("Humeyra.", "Humeyra")
    assert addressed("MODERATOR: Guita.", "Guita")
    assert addressed("Atul, thank you so much for the kind words.", "Atul")
    assert addressed("MODERATOR: A couple of final questions. Humeyra.", "Humeyra")
    assert not addressed("Teh ministers met in Geneva.", "Teh")  # no comma, not alone: a sentence
    assert not addressed("Gantz said the talks went well.", "Gantz")
    assert not addressed("We met the minister, Gantz, on Monday.", "Gantz")
    assert not addressed("MODERATOR: Thank you, Humeyra.", "Humeyra")  # after a comma: not a sentence of its own
    assert not addressed("MODERATOR: Ask BLINKNEN.", "BLINKNEN")  # not a capitalised word


def test_name_particle_needs_a_capitalised_word_after_it():
    text = "Sidan ag Hitta and Eid al -Adha"
    assert evidence.is_name_particle(text, 6, 8)
    assert not evidence.is_name_particle(text, text.index("al -"), text.index("al -") + 2)


def test_dictionary_word_but_not_a_british_spelling():
    assert evidence.is_dictionary_word("fora", _match(replacements=("for a",)))
    assert not evidence.is_dictionary_word("recognise", _match(replacements=("recognize",)))
    assert not evidence.is_dictionary_word("goverment", _match(replacements=("government",)))


def test_prefixed_word_but_not_a_mistyped_word():
    assert evidence.is_prefixed_word("nonimmigrant", _match())
    assert evidence.is_prefixed_word("tri-service", _match(replacements=("pre-service",)))
    assert not evidence.is_prefixed_word("untill", _match(replacements=("until",)))
    assert not evidence.is_prefixed_word("unfortunatly", _match(replacements=("unfortunately",)))


def _unknown(text: str, *words: str) -> list[LTMatch]:
    return [_match(offset=text.index(w), length=len(w)) for w in words]


def test_other_language_runs_and_paragraphs():
    text = "May this new year bring renewed energy. Losar tashi delek. The goverment recieved it in time."
    found = evidence.other_language(text, _unknown(text, "Losar", "tashi", "delek", "goverment", "recieved"))
    assert found == {text.index("Losar"), text.index("tashi"), text.index("delek")}
    french = "Je souhaite une joyeuse et sécuritaire Fête du Canada à nos ami.e.s et voisin.e.s du Canada."
    words = ("Je", "souhaite", "une", "joyeuse", "sécuritaire", "ami", "voisin")
    assert evidence.other_language(french, _unknown(french, *words)) == {french.index(w) for w in words}
    typos = "The goverment has recieved teh report."  # three typos, not three in a row
    assert evidence.other_language(typos, _unknown(typos, "goverment", "recieved", "teh")) == set()


def test_named_years_and_weekdays():
    text = "WASHINGTON, March 8, 2022 — talks on 11 February 2021; in 2030 more."
    assert evidence.named_years(text) == {2021, 2022}
    assert evidence.fits_named_year("Wednesday, March 9", frozenset({2022}))
    assert not evidence.fits_named_year("Thursday, March 9", frozenset({2022}))
    assert not evidence.fits_named_year("Wednesday, March 9", frozenset())


def test_context_pieces():
    assert evidence.continues_list("They affirmed their intention to work together:\n\n")
    assert evidence.continues_list("to support the initiative; and")
    assert not evidence.continues_list("The ministers met in Washington.")
    assert evidence.in_address("at xyz.onion now", 7)
    assert not evidence.in_address("He left. then", 9)
    assert evidence.is_reduplicated_name("officials Zaw Hein and Ko Ko Oo", 23, "Ko Ko")
    assert not evidence.is_reduplicated_name("The The ministers", 0, "The The")
    assert evidence.follows_to("we work to prevent and counter terrorism", 23, "counter terrorism")
    assert evidence.follows_to("capacity to counter terrorism", 12, "counter terrorism")
    assert not evidence.follows_to("the Counter Terrorism Committee", 4, "Counter Terrorism")


# -- the weekday LanguageTool checks against the current year, with the real server ---------------------

def _weekday_name(day: datetime.date) -> str:
    return day.strftime("%A")


def _dates() -> tuple[int, datetime.date, datetime.date]:
    """A past year and March 9 in it, whose weekday is not March 9's of the current year."""
    this_year = datetime.date.today().year
    for year in range(2016, 2025):
        then = datetime.date(year, 3, 9)
        if then.weekday() != datetime.date(this_year, 3, 9).weekday():
            return year, then, datetime.date(this_year, 3, 9)
    raise AssertionError("unreachable: weekdays repeat every seven years at most")


def _date_findings(text: str, url: str) -> list[str]:
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    from conftest import settings_for

    settings = settings_for(extra={"languagetool": {"url": url, "mode": "auto", "required": True}})
    findings = Engine(settings).check(Document(text, "release.txt")).findings
    return [f.rule for f in findings if f.rule.endswith("EN_DATE_WEEKDAY_CURRENTYEAR")]


def test_a_weekday_right_for_the_year_the_release_names_is_not_reported(lt_server):
    year, then, _ = _dates()
    text = (f"Secretary Travels to Geneva\n\nOn {_weekday_name(then)}, March 9, the Secretary will travel to Geneva. "
            f"The talks follow the agreement signed on March 8, {year}.\n")
    assert _date_findings(text, lt_server) == []


def test_a_weekday_in_a_release_that_names_no_year_is_checked_against_now(lt_server):
    _, then, _ = _dates()
    text = f"Secretary Travels to Geneva\n\nOn {_weekday_name(then)}, March 9, the Secretary will travel to Geneva.\n"
    assert _date_findings(text, lt_server) == ["languagetool/EN_DATE_WEEKDAY_CURRENTYEAR"]


def test_a_weekday_wrong_for_the_named_year_too_is_reported(lt_server):
    year, then, now = _dates()
    wrong = next(d for d in (then + datetime.timedelta(days=k) for k in range(1, 7))
                 if d.weekday() != now.weekday())
    text = (f"Secretary Travels to Geneva\n\nOn {_weekday_name(wrong)}, March 9, the Secretary will travel to Geneva. "
            f"The talks follow the agreement signed on March 8, {year}.\n")
    assert _date_findings(text, lt_server) == ["languagetool/EN_DATE_WEEKDAY_CURRENTYEAR"]


@pytest.mark.parametrize("verdict", ["true", "style", "false"])
def test_judgements_are_well_formed(verdict):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    import wild_lt

    seen = set()
    for record in wild_lt.load_judgements():
        assert record["verdict"] in wild_lt.VERDICTS, record
        assert record["rule"].startswith("languagetool/") and record.get("reason"), record
        assert not record.get("mended") or record["verdict"] == "false", record
        key = wild_lt.key(record)
        assert key not in seen, f"judged twice: {key}"
        seen.add(key)
    assert any(r["verdict"] == verdict for r in wild_lt.load_judgements())


def test_places_that_take_no_article():
    assert evidence.takes_no_article("of Solomon Islands")
    assert not evidence.takes_no_article("of United States")
    assert not evidence.takes_no_article("Solomon Islands")


def test_accents_only():
    assert evidence.accents_only("Lopez Obrador", "López Obrador")
    assert evidence.accents_only("Erdogan", "Erdoğan")
    assert not evidence.accents_only("Sharm El-Sheikh", "Sharm el-Sheikh")
    assert not evidence.accents_only("goverment", "government")


def test_closed_compounds_are_a_house_choice_but_not_a_hyphen_or_a_space():
    assert evidence.house_choice("cyber security", "cybersecurity")
    assert evidence.house_choice("multi-cultural", "multicultural")
    assert not evidence.house_choice("far reaching", "far-reaching")
    assert not evidence.house_choice("statedept .", "statedept.")
    assert not evidence.house_choice(" .", ".")


def test_a_countable_noun_in_ing_after_a_preposition():
    text = "a memorandum of understanding to advance"
    assert evidence.is_noun_with_infinitive(text, text.index("understanding"), "understanding to advance")
    text = "the importance of avoiding to repeat"
    assert not evidence.is_noun_with_infinitive(text, text.index("avoiding"), "avoiding to repeat")


def test_agent_nouns_and_possessives():
    assert evidence.is_agent_noun("proliferators", _match(replacements=("proliferates",)))
    assert not evidence.is_agent_noun("goverment", _match())
    assert evidence.after_possessive("the Panel’s (IPCC) ", len("the Panel’s (IPCC) "))
    assert not evidence.after_possessive("it is Iran that is ", len("it is Iran that is "))


def test_hyphen_off_a_modifier():
    text = "will be live streamed on the site"
    assert evidence.hyphen_off_modifier(text, text.index(" on"), "live streamed", "live-streamed")
    text = "often with far reaching impacts"
    assert not evidence.hyphen_off_modifier(text, text.index(" impacts"), "far reaching", "far-reaching")
    text = "to Senegal and Guinea Bissau, and"
    assert not evidence.hyphen_off_modifier(text, text.index(","), "Guinea Bissau", "Guinea-Bissau")
