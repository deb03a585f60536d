"""What the release itself, or what pressqa knows of words, says against a LanguageTool match.

LanguageTool judges a paragraph with its own dictionary and the server's clock.  Press copy
carries evidence it does not weigh; each function here is one class of that evidence:

* :func:`whole_word` -- LanguageTool's speller splits words at a curly apostrophe
  (``Mata’afa`` -> ``afa``, ``al-Qa’ida`` -> ``ida``, ``Cote d’Ivoire`` -> ``Ivoire``):
  the word the reader sees is the one to judge;
* :func:`is_name_particle` -- a lowercase particle inside a name (``Sidan ag Hitta``,
  ``Salem ould Breihmatt``, ``the leader of al Qa’ida``): ``rules/lexicon/name-particles.txt``;
* :func:`is_dictionary_word` -- a word of SCOWL (``rules/lexicon/common-words.txt``) that the
  speller lacks (``fora``, ``throughway``); a British spelling (``behaviour``, whose first
  suggestion is the American ``behavior``) stays a fair warning in American copy;
* :func:`other_language` -- a run of three words or more the speller does not know (``Losar
  tashi delek``, ``Lá Fhéile Pádraig sona daoibh``), or a paragraph with such a run and many
  more (a greeting in French closing a Canada Day message): words of another language;
* :func:`is_prefixed_word` -- a productive prefix before an English word (``nonimmigrant``,
  ``tri-service``, ``cyberactivity``: ``rules/lexicon/prefixes.txt``), a regular formation;
* :func:`fits_named_year` -- a weekday LanguageTool checks against the current year
  (``Wednesday, March 9``) that fits the year of a full date the release names
  (``March 8, 2022``): the release is dated, and the weekday is right for its year;
* :func:`continues_list`, :func:`in_address`, :func:`is_reduplicated_name`, :func:`follows_to` --
  a lowercase list item after a colon, ``.onion`` in an address, ``Ko Ko Oo``, ``to counter terrorism``;
* :func:`is_noun_with_infinitive` -- ``a memorandum of understanding to advance``: a noun, not a verb;
* :func:`is_agent_noun` -- ``proliferator`` of the SCOWL verb ``proliferate``, a regular formation;
* :func:`after_possessive` -- ``the Panel’s (IPCC) newest report``: the possessive stands for ``the``;
* :func:`takes_no_article` -- a place whose short name takes no article (``of Solomon Islands``);
* :func:`is_addressed` -- in a transcript, a capitalised word that opens a turn alone or before a
  comma, or ends it as a sentence of its own (``Humeyra.``, ``Atul, thank you``, ``Final
  questions. Nazira.``): a moderator or speaker calling someone by name;
* :func:`house_choice` -- a suggestion that only adds accents (``López Obrador``) or closes a compound
  (``cybersecurity``), and :func:`hyphen_off_modifier`, one that hyphenates a compound that modifies
  no noun (``will be live streamed on``): a house's choice, not a mistake.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from pressqa.backends.ltbase import LTMatch

#: LanguageTool's speller rules (one per English variant): the matches of a dictionary look-up.
SPELLER_PREFIX = "MORFOLOGIK_RULE_"
#: LanguageTool's rules that check a weekday against a date with no year, in the current year.
CURRENT_YEAR_RULES = frozenset({"EN_DATE_WEEKDAY_CURRENTYEAR"})

_APOSTROPHES = "'’ʼ"
_JOINERS = _APOSTROPHES + "-"
_WORD = re.compile(r"[^\W\d_]+")
_DATES: re.Pattern[str] | None = None
_COMPOUND = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)+")


def is_speller_match(match: "LTMatch") -> bool:
    return match.rule_id.startswith(SPELLER_PREFIX)


def whole_word(text: str, start: int, end: int) -> str:
    """The word of *text* that holds ``text[start:end]``: letters joined by apostrophes and
    hyphens (``Mata’afa`` for ``afa``, ``al-Qa’ida`` for ``ida``), less a possessive ``’s``."""
    end_of_match = end
    while start > 1 and text[start - 1] in _JOINERS and text[start - 2].isalpha():
        start -= 2
        while start > 0 and text[start - 1].isalpha():
            start -= 1
    while end + 1 < len(text) and text[end] in _JOINERS and text[end + 1].isalpha():
        end += 2
        while end < len(text) and text[end].isalpha():
            end += 1
    word = text[start:end]
    if word[-2:-1] in _APOSTROPHES and word[-1:] == "s" and start + len(word) > end_of_match:
        word = word[:-2]  # a possessive: Zhelyazkov’s is a use of Zhelyazkov
    return word


def is_name_particle(text: str, start: int, end: int) -> bool:
    """Is the lowercase word ``text[start:end]`` a name particle that a capitalised word follows
    (``ag Hitta``, ``ul Mujahideen``, ``al Qa’ida``)?  Not ``al -Adha``: a stray space is a slip."""
    from pressqa.analysis import lexicon

    word = text[start:end]
    if not word.islower() or word not in lexicon.words("name-particles"):
        return False
    return text[end:end + 1] in (" ", "-") and text[end + 1:end + 2].isupper()


def is_dictionary_word(word: str, match: "LTMatch") -> bool:
    """Is *word* (all lowercase, or capitalised only by its place) an English word of SCOWL that the
    speller lacks, not a British spelling?  A British spelling is one whose first suggestion is a
    SCOWL word one edit away (``behaviour``/``behavior``, ``recognise``/``recognize``); ``fora``,
    whose first suggestion is ``for a``, is a word the speller does not have."""
    from pressqa.analysis.commonwords import is_common_word
    from pressqa.analysis.similarity import within_one_edit

    low = word.lower()
    if not low.isalpha() or word[1:] != low[1:] or not is_common_word(low):
        return False
    first = (match.replacements[0] if match.replacements else "").lower()
    return not (first.isalpha() and is_common_word(first) and within_one_edit(low, first))


def is_prefixed_word(word: str, match: "LTMatch") -> bool:
    """Is *word* a productive prefix (``rules/lexicon/prefixes.txt``) before an English word of SCOWL,
    with or without a hyphen (``nonimmigrant``, ``tri-service``, ``Unreversed``)?  Not when the
    speller's first suggestion is a SCOWL word one edit away: ``untill`` is ``until`` mistyped."""
    from pressqa.analysis import lexicon
    from pressqa.analysis.commonwords import is_common_word
    from pressqa.analysis.similarity import within_one_edit

    low = word.lower()
    if word[1:] != low[1:]:
        return False
    first = (match.replacements[0] if match.replacements else "").lower()
    if first.isalpha() and is_common_word(first) and within_one_edit(low, first):
        return False
    for prefix in lexicon.words("prefixes"):
        if low.startswith(prefix):
            rest = low[len(prefix):].removeprefix("-")
            if len(rest) >= 4 and rest.isalpha() and is_common_word(rest):
                return True
    return False


def _text(match: "LTMatch", text: str) -> str:
    return text[match.offset:match.offset + match.length]


def other_language(text: str, matches: Iterable["LTMatch"]) -> set[int]:
    """The offsets of the speller's matches that are words of another language: those in a run of
    three unknown words or more, one at least lowercase, with only spaces between them (``Losar
    tashi delek``); and, when the paragraph has such a run and a third of its lowercase words are
    unknown, every one of them (a greeting in French: ``Je souhaite une joyeuse ... à nos ami.e.s``).
    Typos three in a row are rare; a foreign phrase is made of them."""
    unknown = sorted((m for m in matches if is_speller_match(m) and " " not in _text(m, text)),
                     key=lambda m: m.offset)
    found: set[int] = set()
    run: list["LTMatch"] = []
    for m in [*unknown, None]:
        if m is not None and run and text[run[-1].offset + run[-1].length:m.offset].isspace():
            run.append(m)
            continue
        if len(run) >= 3 and any(_text(r, text).islower() for r in run):
            found.update(r.offset for r in run)
        run = [m] if m is not None else []
    if found:
        lowercase = sum(1 for w in _WORD.findall(text) if w.islower())
        unknown_lower = sum(1 for m in unknown if _text(m, text).islower())
        if unknown_lower * 3 >= lowercase:
            found.update(m.offset for m in unknown)
    return found


def _date_pattern() -> re.Pattern[str]:
    global _DATES
    if _DATES is None:
        from pressqa.analysis import lexicon

        months = lexicon.alternation("months", capitalize=True)
        year = r"((?:19|20)\d\d)"
        _DATES = re.compile(rf"\b(?:({months})\.? (\d{{1,2}}),? {year}|(\d{{1,2}}) ({months}),? {year})\b")
    return _DATES


def named_years(text: str) -> frozenset[int]:
    """The years of the full dates a text names: ``March 8, 2022``, ``11 February 2022``."""
    years = set()
    for m in _date_pattern().finditer(text):
        years.add(int(m.group(3) or m.group(6)))
    return frozenset(years)


def fits_named_year(flagged: str, years: frozenset[int]) -> bool:
    """Does the weekday of *flagged* (``Wednesday, March 9``) fit the date in one of *years*?"""
    import calendar
    import datetime

    # the calendar's own names (English: Python never sets the locale unless asked)
    weekdays = [name.lower() for name in calendar.day_name]
    months = [name.lower() for name in calendar.month_name]
    words = [w.lower() for w in _WORD.findall(flagged)]
    days = re.findall(r"\d{1,2}", flagged)
    weekday = next((weekdays.index(w) for w in words if w in weekdays), None)
    month = next((months.index(w) for w in words if w in months), None)
    if weekday is None or not month or len(days) != 1:
        return False
    for year in years:
        try:
            if datetime.date(year, month, int(days[0])).weekday() == weekday:
                return True
        except ValueError:
            continue
    return False


# -- beyond the speller ----------------------------------------------------------------------

#: Rules that take a lowercase word after a full stop, or at a paragraph's start, for a sentence's start.
SENTENCE_START_RULES = frozenset({"UPPERCASE_SENTENCE_START", "LC_AFTER_PERIOD"})
#: Rules that report a word written twice.
REPEAT_RULES = frozenset({"ENGLISH_WORD_REPEAT_RULE"})
#: LanguageTool's rules for open compounds that are written closed or hyphenated (``cyber security``).
COMPOUND_SUFFIX = "_COMPOUNDS"
_WORDS_BEFORE = re.compile(r"([^\W\d_]+)\W+([^\W\d_]+)\W+([^\W\d_]+)\W*$|([^\W\d_]+)\W*$")


def continues_list(previous: str | None) -> bool:
    """Does the paragraph before end as a list's lead or item does (``:``, ``;``, ``; and``), so that
    the next one, starting in lowercase, is the list's next item (``to advance efforts ...;``)?"""
    if not previous:
        return False
    tail = previous.rstrip()
    return tail.endswith((":", ";", "; and", "; or", ", and", ", or"))


def in_address(text: str, offset: int) -> bool:
    """Is the word at *offset* glued to a full stop with no space before it (``…eiodiad.onion``,
    ``state.gov``), as in an address or an abbreviation, never at a new sentence?"""
    return offset >= 2 and text[offset - 1] == "." and not text[offset - 2].isspace()


def is_reduplicated_name(text: str, offset: int, flagged: str) -> bool:
    """Is a capitalised word written twice in mid-sentence (``Ko Ko Oo``, ``near Tongo Tongo``) a
    name, as reduplicated Burmese and West African names are?  ``The The`` opening a sentence is a slip."""
    words = flagged.split()
    if len(words) != 2 or words[0] != words[1] or not words[0][:1].isupper() or words[0].isupper():
        return False
    before = text[:offset].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“‘'(—–-"


def follows_to(text: str, offset: int, flagged: str) -> bool:
    """Is an open compound's first word (``counter terrorism``) a verb after the infinitive's ``to``:
    ``to counter terrorism``, ``to prevent and counter terrorism``?"""
    if " " not in flagged or not flagged[:1].islower():
        return False
    m = _WORDS_BEFORE.search(text[:offset])
    if m is None:
        return False
    if m.group(4) is not None:
        return m.group(4).lower() == "to"
    first, second, third = (g.lower() for g in m.group(1, 2, 3))
    return third == "to" or (third in ("and", "or") and first == "to")


def accents_only(flagged: str, suggestion: str) -> bool:
    """Does *suggestion* differ from *flagged* only by accents it adds (``Lopez Obrador`` ->
    ``López Obrador``, ``Erdogan`` -> ``Erdoğan``)?"""
    from pressqa.analysis.folding import fold

    if flagged == suggestion or not flagged.isascii() or suggestion.isascii():
        return False
    return fold(flagged) == fold(suggestion) and len(flagged) == len(fold(suggestion))


#: LanguageTool's rules that ask for "the" before a place name (``of Solomon Islands``).
ARTICLE_RULES = frozenset({"DETERMINER_GEOGRAPHICAL_WORD"})
_NO_ARTICLE: frozenset[str] | None = None


def takes_no_article(flagged: str) -> bool:
    """Is the place in *flagged* (``of Solomon Islands``: a preposition, then the place) one whose
    short name takes no article (``rules/places/no-article.txt``, after ISO 3166-1)?"""
    global _NO_ARTICLE
    from pressqa.analysis.folding import fold

    if _NO_ARTICLE is None:
        from pressqa.resources import read_shipped

        raw = (read_shipped("places", "no-article.txt") or b"").decode("utf-8")
        _NO_ARTICLE = frozenset(fold(line.strip()) for line in raw.splitlines()
                                if line.strip() and not line.startswith("#"))
    words = flagged.split()
    return len(words) >= 2 and fold(" ".join(words[1:])) in _NO_ARTICLE


def closes_compound(flagged: str, suggestion: str) -> bool:
    """Is *suggestion* *flagged* written closed (``cyber security`` -> ``cybersecurity``,
    ``multi-cultural`` -> ``multicultural``)?  Not a hyphen added to a compound modifier
    (``far reaching`` -> ``far-reaching``): that one is a rule of grammar."""
    if not suggestion.isalpha() or not _COMPOUND.fullmatch(flagged):
        return False
    return flagged.replace(" ", "").replace("-", "").lower() == suggestion.lower()


def house_choice(flagged: str, suggestion: str) -> bool:
    """Does *suggestion* only add accents or close a compound: a house's choice, not a mistake?"""
    return accents_only(flagged, suggestion) or closes_compound(flagged, suggestion)


#: LanguageTool's rules for a verb that takes a gerund, not a to-infinitive (``avoid to do``).
GERUND_RULES = frozenset({"ADMIT_ENJOY_VB"})


def is_noun_with_infinitive(text: str, offset: int, flagged: str) -> bool:
    """Is the ``-ing`` word of *flagged* (``understanding to advance``) a noun here: a countable one
    (its plural is a SCOWL word: ``understandings``, not ``avoidings``) after a preposition or a
    determiner (``a memorandum of understanding to advance``)?  A noun takes a to-infinitive."""
    from pressqa.analysis import lexicon
    from pressqa.analysis.commonwords import is_common_word

    words = flagged.split()
    head = words[0].lower() if words else ""
    if not head.endswith("ing") or not is_common_word(head + "s"):
        return False
    m = _WORDS_BEFORE.search(text[:offset])
    before = (m.group(4) or m.group(3) or "").lower() if m else ""
    return before in lexicon.words("prepositions", "articles", "determiners", "possessives")


def is_agent_noun(word: str, match: "LTMatch") -> bool:
    """Is *word* the agent noun of a SCOWL verb in -ate (``proliferator(s)`` of ``proliferate``),
    a regular formation, and not a word one edit from the speller's first suggestion?"""
    from pressqa.analysis.commonwords import is_common_word
    from pressqa.analysis.similarity import within_one_edit

    low = word.lower()
    stem = low[:-1] if low.endswith("ators") else low
    if not stem.endswith("ator") or word[1:] != low[1:]:
        return False
    first = (match.replacements[0] if match.replacements else "").lower()
    if first.isalpha() and is_common_word(first) and within_one_edit(low, first):
        return False
    return is_common_word(stem[:-2] + "e")


#: LanguageTool's rules that ask for "the" before a superlative (``is biggest threat``).
SUPERLATIVE_RULES = frozenset({"THE_SUPERLATIVE"})
_POSSESSIVE_BEFORE = re.compile(r"[^\W\d_](?:['’]s|s['’])\s*(?:\([^()]{1,40}\)\s*)?$")


def after_possessive(text: str, offset: int) -> bool:
    """Does a possessive stand before *offset*, perhaps across a bracketed short form
    (``the Panel’s (IPCC) newest report``)?  It takes the place of the article."""
    return bool(_POSSESSIVE_BEFORE.search(text[max(0, offset - 80):offset]))


def hyphen_off_modifier(text: str, end: int, flagged: str, suggestion: str) -> bool:
    """Does *suggestion* only hyphenate a lowercase open compound that modifies no noun after it
    (``will be live streamed on``, ``net zero by 2050``)?  Hyphenating a compound modifier before
    its noun (``far reaching impacts``) is grammar; elsewhere the form is a dictionary's choice."""
    from pressqa.analysis import lexicon

    words = flagged.split(" ")
    if len(words) != 2 or not flagged.islower() or not all(w.isalpha() for w in words):
        return False
    if suggestion != "-".join(words):
        return False
    after = _WORD.match(text[end:].lstrip(" "))
    return after is None or after.group().lower() in lexicon.function_words()


def is_addressed(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a capitalised word that opens a transcript's turn (the paragraph, or
    the speech after its speaker label) alone or before a comma, or ends it as a sentence of its own:
    a name called (``Humeyra.``, ``MODERATOR: Guita.``, ``Atul, thank you so much``, ``A couple of
    final questions. Humeyra.``)?"""
    word = text[start:end]
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return False
    from pressqa.model.structure import turn_start

    rest = text[end:]
    alone = rest.strip() in ("", ".", "?", "!")
    if turn_start(text) == start:  # the paragraph's first word, or the first after its speaker label
        return alone or rest.startswith(",")
    # the turn's last sentence, the name alone: "A couple of final questions. Humeyra."
    return alone and text[:start].rstrip()[-1:] in (".", "?", "!") and text[start - 1:start].isspace()
