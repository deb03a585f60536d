"""The titles of a document, found once for every title rule.

An *occurrence* is a title in the text with its place relative to a name:

* ``before``: directly before a name (``Foreign Minister Jeyhun Bayramov``,
  ``first lady Zelenska``);
* ``standalone``: a listed title after ``the`` with no name (``the Prime
  Minister said``).

Titles after a name or set off by commas (``Jake Sullivan, the national
security adviser``; ``the US President, Jake Sullivan``) are neither: AP
lowercases them and many houses capitalize them, so they are left alone.

Titles come from the data (``titles`` in ``rules/titles/en.yaml``) and from the
release itself: capitalized words directly before a name (``Flight Engineer
Jasmin Moghbeli``) are a title the release uses, so ``flight engineer Loral
O'Hara`` later is the same title in another case.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING

from pressqa.analysis import lexicon
from pressqa.analysis.commonwords import is_common_word
from pressqa.analysis.mentions import Analysis, NamePart, analyse
from pressqa.analysis.tokens import Token
from pressqa.analysis.titles.data import TitleData
from pressqa.analysis.titles.words import is_plural, title_key

if TYPE_CHECKING:
    from pressqa.checks import Context
    from pressqa.model.document import Document


_SKIP_KINDS = frozenset({"headline", "heading", "code", "table", "contact", "endmark", "dateline"})
# Up to four lowercase words, each followed by one space, that end where a name starts.
_LOWER_BEFORE = re.compile(r"(?<![\w’'‐-])(?:[^\W\d_A-Z][\w’'‐-]* ){1,4}$")
# After a title: "of"/"for" (the president of the company), a capital (a name, an organisation),
# a hyphen or a bracket: the title does not stand alone.
_NOT_ALONE_AFTER = re.compile(r"\s+(?:of|for)\b|,?\s+[A-Z0-9]|[‐-]\w|\s*\(|['’]s\s+[A-Z]")
# Capitalized words and "of"/"for" before a run: "Minister of " in "Minister of Foreign Affairs X".
_OF_BEFORE = re.compile(r"(?<![\w’'‐-])(?:[A-Z][\w’'‐-]* )+(?:of|for) (?:the )?$")
# A capitalized word and a joining word right before a run: the run continues a longer name.
_CONTINUES = re.compile(r"(?<![\w’'‐-])[A-Z][\w’'‐-]* (?:and|of|for|the|&) $")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'‐-]*) $")
# One or two capitalized words, each followed by one space, that end where lowercase words start.
_CAPS_BEFORE = re.compile(r"(?<![\w’'‐-])(?:[A-Z][a-z]+ ){1,2}$")
_LOWER_WORD = re.compile(r"[^\W\d_][\w’'‐-]*")


def _is_date_word(word: str) -> bool:
    """A weekday or a month, capitalized (the president *Tuesday* signed): follows a title without being a name."""
    return word == word.capitalize() and word.lower() in lexicon.words("weekdays", "months", "month-abbreviations")


class Occurrence:
    """A title in the text, before a name or standing alone."""

    __slots__ = ("start", "end", "phrase", "key", "case", "listed", "name", "line", "initial")

    def __init__(self, start: int, end: int, phrase: str, key: str, case: str | None, listed: bool,
                 name: NamePart | None = None, initial: bool = False) -> None:
        self.start = start
        self.end = end
        self.phrase = phrase  # as written
        self.key = key  # title_key(phrase)
        self.case = case  # "cap", "lower", "mixed", or None when the case says nothing (a sentence's first word)
        self.listed = listed  # a title of the data (not only learned from the release)
        self.name = name
        self.line = 0
        self.initial = initial  # the title's first word is a sentence's first word


class DocTitles:
    """The titles of one document."""

    __slots__ = ("before", "standalone", "listed_spans")

    def __init__(self) -> None:
        self.before: list[Occurrence] = []
        self.standalone: list[Occurrence] = []
        self.listed_spans: list[tuple[int, int]] = []


def _may_precede_title(word: str, data: "TitleData") -> bool:
    """Can a lowercase *word* stand before a lowercase title that is a title, not part of a
    description (met the *foreign minister*, *thanks* president X; not *company* president X,
    *press* secretary X)?"""
    low = word.lower()
    if low.endswith(("'s", "’s")):
        return False  # the company's president Jane Doe: a description
    if low in lexicon.words("before-lowercase-title") or low in data.modifiers:
        return True
    return len(low) > 3 and (low.endswith(("ed", "ing")) or (low.endswith("s") and not low.endswith("ss")))


def _lower_title_stands(text: str, start: int, data: "TitleData") -> bool:
    """Is the lowercase title at *start* a title rather than the end of a description
    (company president Jane Doe)?  It is when the word before it may precede a title."""
    m = re.search(r"([^\W\d_][\w’'‐-]*) $", text[max(0, start - 40):start])
    if m is None or not m.group(1)[0].islower():
        return True  # after punctuation, a capitalized word (German foreign minister) or nothing
    return _may_precede_title(m.group(1), data)


def _case_of(phrase: str, initial: bool, data: TitleData) -> str | None:
    """``cap``, ``lower`` or ``mixed``: the case of the title's words, or None when nothing shows it.

    Small words (``of``), a sentence's first word and modifiers (``-elect``, ``acting``, which AP
    keeps lowercase in ``President-elect``, ``acting Prime Minister``) say nothing about the style.
    """
    words = [w for w in re.findall(r"[^\W\d_]+", phrase) if w.lower() not in lexicon.words("title-small-words")]
    if initial and words:
        words = words[1:]
    words = [w for w in words if w.lower() not in data.modifiers]
    if not words:
        return None
    if all(w[0].isupper() for w in words):
        return "cap"
    if all(w[0].islower() for w in words):
        return "lower"
    return "mixed"


def find_titles(doc: "Document", ctx: "Context | None", data: TitleData) -> DocTitles:
    """Every title of *doc* before a name or standing alone (memoised per document and data)."""
    if ctx is None:
        return _Finder(doc, analyse(doc), data).find()
    return ctx.memo(f"titles:{data.key}", lambda: _Finder(doc, analyse(doc, ctx), data).find())


class _Finder:
    """Finds the titles of one document, in three passes over its name runs and the data's titles.

    1. A capitalized name run (``Foreign Minister Jeyhun Bayramov``) holds its own title: a title
       of the data ending inside the run or right before it, or else capitalized common words
       before the name (a title the release uses: ``Flight Engineer``).
    2. Lowercase words right before a name (``flight engineer Loral O'Hara``) are a title when
       the data lists them or the release capitalizes them before a name elsewhere.
    3. A title of the data after ``the`` and before no name stands alone (``the Prime Minister said``).
    """

    def __init__(self, doc: "Document", an: Analysis, data: TitleData) -> None:
        self.doc = doc
        self.text = doc.text
        self.an = an
        self.data = data
        self.out = DocTitles()
        # Per paragraph: 1 when it is running copy (a byte each, not a set of int objects).
        self.prose = bytearray(p.kind not in _SKIP_KINDS for p in doc.paragraphs)
        self.matches: list[tuple[int, int]] = []  # titles of the data, in text order
        self.matches_by_end: dict[int, tuple[int, int]] = {}
        self.used: set[int] = set()  # starts of the titles recorded before a name
        self.learned: set[str] = set()  # titles the release capitalizes before a name
        # Names that may have a lowercase title before them, as run indices: 2r + 1 for the run's
        # words (:meth:`_whole`), 2r for its name part (NameParts made in pass 2, not kept for
        # every run: ~1.5 MB per MB of text).
        self.lower_candidates: array[int] = array("i")
        self.full_name_surnames: set[str] = set()  # surnames written with a given name somewhere

    def _token_at(self, start: int) -> Token | None:
        """The token starting at *start*, if any (tokens are in text order: a bisection, not a
        dict of every token, which held ~5 MB per MB of text)."""
        tokens = self.an.tokens
        i = bisect_left(tokens.starts, start)
        return tokens[i] if i < len(tokens) and tokens.starts[i] == start else None

    def find(self) -> DocTitles:
        self._match_data_titles()
        for run_index, (first, last) in enumerate(self.an.runs):
            if self.prose[self.an.tokens.paras[first]]:
                self._title_of_run(run_index, first, last)
        for code in self.lower_candidates:
            run, whole = divmod(code, 2)
            part = self._whole_part(run) if whole else self.an.name_part(run)
            if part is None:
                continue
            self._lowercase_title(part)
        self._drop_learned_before_no_person()
        self._standalone_titles()
        out = self.out
        for occ in out.before + out.standalone:
            occ.line = self.doc.position(occ.start)[0]
        out.before.sort(key=lambda o: o.start)
        out.standalone.sort(key=lambda o: o.start)
        return out

    # -- the passes ------------------------------------------------------------------------

    def _match_data_titles(self) -> None:
        ranges = [(p.start, p.end) for p in self.doc.paragraphs if self.prose[p.index]]
        for m in self.data.find_all(self.text, ranges):
            if self.an.skipped and self.an.is_skipped(m[0]):
                continue  # on a line in capitals or inside a URL
            self.matches.append(m)
            self.matches_by_end[m[1]] = m

    def _title_of_run(self, run_index: int, first: int, last: int) -> None:
        """Pass 1 for one capitalized run; names without a title there become lowercase candidates."""
        an, text = self.an, self.text
        head = an.tokens[first]
        if first == last and head.initial:
            return  # a sentence's first word: nothing before it can be a title
        titled = self._data_title_inside_run(first, last)
        if titled is not None:
            self._add(*titled)
            return
        whole = self._whole(first, last)
        if not head.initial and whole and len(whole) <= 4 and not head.acronym:
            # A title right before the run (often lowercase): the run is the name.
            m = self.matches_by_end.get(head.start - 1)
            if m is not None and text[m[1]:head.start] == " " and (
                text[m[0]].isupper() or _lower_title_stands(text, m[0], self.data)
            ):
                self._add(m, NamePart(whole, whole[0] if len(whole) >= 2 else None, whole[-1], []))
                return
        if first == last:
            if whole:
                self.lower_candidates.append(2 * run_index + 1)
            return  # one word: no capitalized title before it in the run
        part = an.name_part(run_index)
        if part is None:
            return
        if part.given is not None and part.surname is not None:
            self.full_name_surnames.add(an.tokens[part.surname].text)
        if not head.initial:
            self.lower_candidates.append(2 * run_index + (1 if whole else 0))
        if part.tokens[0] != first:
            self._learned_title_in_run(part, first)

    def _whole(self, first: int, last: int) -> list[int]:
        """The words of a run that may be a name: its tokens of two letters or more, none when
        the run is one date word or ordinary word (the president Tuesday signed)."""
        words = self.an.tokens.words
        whole = [i for i in range(first, last + 1) if len(words[i]) > 1]
        if len(whole) == 1 and (_is_date_word(words[first]) or is_common_word(words[first])):
            return []
        return whole

    def _whole_part(self, run: int) -> NamePart:
        """A run's words as the name a lowercase title may stand before."""
        whole = self._whole(*self.an.runs[run])
        return NamePart(whole, None, whole[-1], [])

    def _data_title_inside_run(self, first: int, last: int) -> tuple[tuple[int, int], NamePart] | None:
        """A title of the data ending one space before a word of the run starts the name there
        (Senator Chuck Grassley, Detective Maria Santos: given names that are also words)."""
        an = self.an
        for k in range(last, first, -1):
            m = self.matches_by_end.get(an.tokens[k].start - 1)
            if m is None or m[1] <= an.tokens[first].start or self.text[m[1]:an.tokens[k].start] != " ":
                continue
            names = [i for i in range(k, last + 1) if len(an.tokens[i].text) > 1]
            if names and len(names) <= 4 and not an.tokens[k].acronym:
                part = NamePart(names, names[0] if len(names) >= 2 else None, names[-1], list(range(first, k)))
                if part.given is not None and part.surname is not None:
                    self.full_name_surnames.add(an.tokens[part.surname].text)
                return m, part
            return None
        return None

    def _learned_title_in_run(self, part: NamePart, first: int) -> None:
        """Capitalized common words before the name in the run: a title the release uses (Flight Engineer)."""
        an, text = self.an, self.text
        name_tok = an.tokens[part.tokens[0]]
        words: list = []
        for k in reversed(part.lead):
            tok = an.tokens[k]
            if tok.acronym or tok.text.lower() in self.data.honorifics or tok.full_end != tok.end or not is_common_word(tok.text):
                break
            words.insert(0, tok)
        if not words or (len(words) == 1 and words[0].initial):
            return
        if text[words[-1].end:name_tok.start] != " ":
            return
        if any(not an.tokens[k].acronym for k in range(first, words[0].index)):
            # European External Action Service Stefano Sannino: the end of a longer proper name
            # (an acronym before the title is its body: NHLBI Director Elena Sokolova-Reyes).
            return
        start = words[0].start
        # Minister of Foreign Affairs Jeyhun Bayramov: the title began before the run (and the
        # Secretary of State of the United States Antony Blinken: twice before it).
        extended = False
        m = _OF_BEFORE.search(text, max(0, start - 60), start)
        while m is not None:
            start, extended = m.start(), True
            m = _OF_BEFORE.search(text, max(0, start - 60), start)
        if not extended and _CONTINUES.search(text, max(0, start - 40), start):
            return  # Bureau of Conflict and Stabilization Operations Rob Faucher: the end of a longer name
        phrase = text[start:words[-1].end]
        key = title_key(phrase)
        self.out.before.append(Occurrence(start, words[-1].end, phrase, key, "cap", self.data.is_formal(key), part))
        self.learned.add(key)

    def _lowercase_title(self, part: NamePart) -> None:
        """Pass 2: lowercase words before a name that are a title (flight engineer Loral O'Hara),
        or capitalized and lowercase words together (Flight engineer)."""
        text, data = self.text, self.data
        name_tok = self.an.tokens[part.tokens[0]]
        para_start = self.doc.paragraphs[name_tok.para].start
        m = _LOWER_BEFORE.search(text, max(para_start, name_tok.start - 80), name_tok.start)
        if m is None:
            return
        words = [(w.start(), w.end()) for w in _LOWER_WORD.finditer(text, m.start(), m.end())]
        caps = _CAPS_BEFORE.search(text, max(para_start, words[0][0] - 40), words[0][0])
        if caps is not None and len(words) <= 2:
            start, end = caps.start(), words[-1][1]
            phrase = text[start:end]
            key = title_key(phrase)
            if self._known(key) and all(is_common_word(w) for w in phrase.split()[:-len(words)]):
                tok = self._token_at(start)
                self._record(start, end, _case_of(phrase, tok is not None and tok.initial, data), part)
                return
        for size in range(min(3, len(words)), 0, -1):
            if len(words) > size and not _may_precede_title(text[words[-size - 1][0]:words[-size - 1][1]], data):
                continue
            start, end = words[-size][0], words[-1][1]
            if self._known(title_key(text[start:end])):
                self._record(start, end, _case_of(text[start:end], False, data), part)
                return

    def _drop_learned_before_no_person(self) -> None:
        """A title the data does not list is a title only before a person: a full name, or a surname
        written with a given name elsewhere.  ``Eastern Europe`` and ``eastern Ukraine`` are places."""
        kept = []
        for occ in self.out.before:
            part = occ.name
            if not occ.listed and occ.key not in self.data.titles and part is not None and part.given is None:
                surname = self.an.tokens[part.surname].text if part.surname is not None else ""
                if surname not in self.full_name_surnames:
                    continue
            kept.append(occ)
        self.out.before = kept

    def _standalone_titles(self) -> None:
        """Pass 3: titles of the data after ``the`` and before no name (the Prime Minister said)."""
        text, data = self.text, self.data
        for m_start, m_end in self.matches:
            if m_start in self.used:
                continue
            phrase = text[m_start:m_end]
            key = title_key(phrase)
            self.out.listed_spans.append((m_start, m_end))
            if key not in data.standalone or is_plural(phrase):
                continue
            if _NOT_ALONE_AFTER.match(text[m_end:m_end + 40]):
                continue
            if not data.the_before.search(text[max(0, m_start - 60):m_start]):
                continue
            tok = self._token_at(m_start)
            initial = tok is not None and tok.initial
            self.out.standalone.append(
                Occurrence(m_start, m_end, phrase, key, _case_of(phrase, initial, data), data.is_formal(key), initial=initial)
            )

    # -- recording -------------------------------------------------------------------------

    def _after_article(self, start: int) -> bool:
        """Is the title at *start* after an article, modifiers aside (the former prime minister)?"""
        pos = start
        while True:
            m = _WORD_BEFORE.search(self.text, max(0, pos - 40), pos)
            if m is None:
                return False
            word = m.group(1).lower()
            if word in lexicon.words("articles"):
                return True
            if word not in self.data.modifiers:
                return False
            pos = m.start(1)

    def _known(self, key: str) -> bool:
        return key in self.learned or key in self.data.titles

    def _add(self, m: tuple[int, int], part: NamePart) -> None:
        """Record the title of the data at text[m[0]:m[1]], directly before the name *part*."""
        tok = self._token_at(m[0])
        self._record(m[0], m[1], _case_of(self.text[m[0]:m[1]], tok is not None and tok.initial, self.data), part)

    def _record(self, start: int, end: int, case: str | None, part: NamePart) -> None:
        if start in self.used:
            return
        if case == "lower" and self._after_article(start):
            return  # the former prime minister Imran Khan: a description, which AP lowercases
        phrase = self.text[start:end]
        key = title_key(phrase)
        self.out.before.append(Occurrence(start, end, phrase, key, case, self.data.is_formal(key), part))
        self.used.add(start)
