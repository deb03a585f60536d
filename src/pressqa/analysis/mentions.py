"""Words, capitalized runs and name mentions of a document, shared by the name and title checks.

A *token* is a word with its offsets; a possessive ``'s`` is not part of it
(``Blinken's`` is the token ``Blinken``).  Hyphens split words (``Jean-Yves``).
Tokens in URLs and e-mail addresses, in code blocks and on lines set in capitals
are left out: a headline in capitals says nothing about how a name is spelled.

A *run* is a sequence of capitalized tokens separated by single spaces or
hyphens, with name particles (``van der``, ``bin``, ``de la``) and initials
(``Antony J. Blinken``) inside it.  The *name part* of a run is what follows
its last ordinary word, title, honorific or acronym: the name part of
``US Secretary of State Antony J. Blinken`` is ``Antony J. Blinken``, whose
given name is ``Antony`` and surname ``Blinken``.

A *mention* (:class:`Mention`, :attr:`Analysis.mentions`) is one reference to a person, a
place, an organisation or a title, with the evidence for its kind: ``Sri Lanka`` and
``Koreans`` are places (known forms, :mod:`pressqa.analysis.places`), ``Antony J. Blinken``
a person (a given name and a surname), ``Secretary of State`` a title (the run's words
before a person's name), ``Ministry of Foreign Affairs`` an organisation (a run with an
organisational head word, ``rules/names/organisations.txt``).  What the checks read of them
is kept once per document: the known places (``places``, ``place_at``) and each run's name
part; ``mentions`` lists every kind, built when asked.

The analysis is computed once per document and shared through ``ctx.memo``, and held for the
whole run, so it is stored in columns (:class:`Tokens`, :class:`Runs`, arrays per run and per
token), not in an object per word: the views the checks read (:class:`Token`,
:class:`NamePart`, :class:`Mention`) are made when asked for.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from functools import cache
from typing import TYPE_CHECKING, Iterator, Sequence

from pressqa.analysis import lexicon
from pressqa.analysis.commonwords import is_common_word
from pressqa.analysis.folding import fold  # noqa: F401 (re-exported: the name checks fold with it)
from pressqa.analysis.tokens import ACRONYM_BIT, POSSESSIVE_BIT, Runs, Tokens

if TYPE_CHECKING:
    from pressqa.checks import Context
    from pressqa.model.document import Document

# A word: letters and digits, with an apostrophe inside it when a letter follows (O'Hara, Blinken's).
WORD = re.compile(r"[^\W_](?:\w|['’](?=[^\W\d_]))*")
_HYPHENATED_TAIL = re.compile(r"-([a-z]{2,})(?![\w-])")
_POSSESSIVE = ("'s", "’s", "'S", "’S")


@cache
def _skip_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An e-mail or web address (names are not read inside one), and a quick hint that a paragraph
    holds one; the domain endings are rules/lexicon/domain-endings.txt."""
    domains = lexicon.alternation("domain-endings")
    span = re.compile(rf"\S+@\S+|(?:https?://|www\.)\S+|\b[\w.-]+\.(?:{domains})\b(?:/\S*)?", re.I)
    return span, re.compile(rf"@|://|www\.|\.(?:{domains})\b", re.I)


_SKIP_KINDS = frozenset({"code"})
_OPEN_QUOTES = "\"“‘«'"


#: Letters that Unicode does not decompose into a base letter and an accent, written as
#: English-language text writes them when the letter is dropped (Støre/Store, Małecki/Malecki,
#: Þórsson/Thorsson).  Lowercase only: fold casefolds first (which already makes ß ss).


def shouting(line: str) -> bool:
    """Is a line set in capitals (three letters or more, none lowercase)?"""
    if not line.isupper():
        return False
    letters = 0
    for ch in line:
        if ch.isalpha():
            letters += 1
            if letters >= 3:
                return True
    return False


#: :attr:`Analysis._cuts` before a run's name part is worked out, and for a run without one.
_UNKNOWN, _NO_NAME = -2, -3


def _is_acronym(word: str) -> bool:
    upper = 0
    for ch in word:
        if ch.isalpha():
            if not ch.isupper():
                return False
            upper += 1
    return upper >= 2


class NamePart:
    """The name at the end of a run: its tokens (initials and particles left out)."""

    __slots__ = ("tokens", "given", "surname", "lead")

    def __init__(self, tokens: list[int], given: int | None, surname: int | None,
                 lead: Sequence[int] = ()) -> None:
        self.tokens = tokens  # token indices
        self.given = given  # token index of the given name, when the name has two words or more
        self.surname = surname  # token index of the surname (or the single word)
        self.lead = lead  # the run's tokens before the name (titles, modifiers): a list or a range


class Mention:
    """One reference to a person, place, organisation or title.

    ``kind``: ``"person"``, ``"place"``, ``"organisation"`` or ``"title"``; ``tokens``: the
    token indices it covers (in order); ``start``/``end``: its offsets in the text;
    ``evidence``: why it is taken for that kind (``"known place"``, ``"given name and
    surname"``, ``"after a title"``, ``"a single name"``, ``"before a name"``,
    ``"organisational word"``); ``entities``: for a place, the known places it names
    (codes from ``rules/places``), else empty.
    """

    __slots__ = ("kind", "tokens", "start", "end", "text", "evidence", "entities")

    def __init__(self, kind: str, tokens: tuple[int, ...], start: int, end: int, text: str, evidence: str,
                 entities: frozenset[str] = frozenset()) -> None:
        self.kind = kind
        self.tokens = tokens
        self.start = start
        self.end = end
        self.text = text
        self.evidence = evidence
        self.entities = entities

    def __repr__(self) -> str:
        return f"Mention({self.kind}, {self.text!r}, {self.start}, {self.evidence!r})"


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """*spans* sorted, with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


class Analysis:
    """Tokens and runs of one document, the name part of each run and the places named.

    What is worked out per run or per token is kept in arrays (a name part as the token where
    the run's lead ends, a place as the index of the place that covers a token); the
    :class:`NamePart` and :class:`Mention` objects the checks read are made when asked for.
    """

    def __init__(self, doc: "Document") -> None:
        self.doc = doc
        self.tokens = Tokens(len(doc.text))
        self.runs = Runs()
        self.lowercase: set[str] = set()  # words written in lowercase somewhere (lowercased)
        self.shouted: list[tuple[int, int]] = []  # spans of lines set in capitals
        self.skipped: list[tuple[int, int]] = []  # those, and URLs and e-mail addresses
        self._skip_index: tuple[int, list[tuple[int, int]], list[int]] | None = None  # for is_skipped
        # Per run: where its lead ends (the token before its name part; _UNKNOWN, _NO_NAME), and
        # where its name ends (post-nominal letters left out).
        self._cuts: array[int] = array("i")
        self._name_ends: array[int] = array("i")
        self._last_part: tuple[int, NamePart | None] = (-1, None)  # the run asked for last, and its part
        self._places: tuple[array[int], array[int], array[int]] | None = None  # see _place_index
        self._tokenize()
        self._find_runs()

    # -- building ------------------------------------------------------------------------

    def _tokenize(self) -> None:
        doc = self.doc
        text = doc.text
        tokens = self.tokens
        lowercase = self.lowercase
        intern = sys.intern
        for para in doc.paragraphs:
            if para.kind in _SKIP_KINDS:
                continue
            skip = []
            if _skip_patterns()[1].search(text, para.start, para.end):
                skip = [(m.start(), m.end()) for m in _skip_patterns()[0].finditer(text, para.start, para.end)]
            for span in para.lines:
                if shouting(text[span.start:span.end]):
                    skip.append((span.start, span.end))
                    self.shouted.append((span.start, span.end))
            self.skipped.extend(skip)
            skip = _merged(skip)
            ki = 0  # the first skipped span that does not end before the current word
            starts = sorted({s.start for s in para.sentences} | {para.start})
            si = 0
            nstarts = len(starts)
            next_start = starts[0]
            seen_in_sentence = False
            kind = para.kind
            pindex = para.index
            joined_to = -1  # end of a hyphenated given name taken as one word (Seo-yeon)
            for m in WORD.finditer(text, para.start, para.end):
                start = m.start()
                if start < joined_to:
                    continue
                if start >= next_start:
                    while si < nstarts and starts[si] <= start:
                        si += 1
                    next_start = starts[si] if si < nstarts else len(text) + 1
                    seen_in_sentence = False
                initial = not seen_in_sentence
                seen_in_sentence = True
                if skip:  # words come in order: walk the sorted spans once, not all of them per word
                    while ki < len(skip) and skip[ki][1] <= start:
                        ki += 1
                    if ki < len(skip) and skip[ki][0] <= start:
                        continue
                word = m.group()
                if not word[0].isupper():
                    if word[0].isalpha():
                        lowercase.add(word.lower())
                    continue
                if start > para.start and (text[start - 1] in _OPEN_QUOTES or text[start - 2:start] == ": "):
                    initial = True
                full_end = m.end()
                tail = _HYPHENATED_TAIL.match(text, full_end, para.end)
                if tail and not is_common_word(tail.group(1)):
                    # Seo-yeon, Ji-hoon: one given name; but Kremlin-backed stays two words
                    full_end = joined_to = tail.end()
                    word = text[start:full_end]
                possessive = word.endswith(_POSSESSIVE) and len(word) > 2
                if possessive:
                    word = word[:-2]
                # Each distinct word once (sys.intern): names recur all through a long text.
                tokens.append(intern(word), start, possessive, pindex, kind, initial, _is_acronym(word))

    def _find_runs(self) -> None:
        text = self.doc.text
        toks = self.tokens
        words, starts, paras, flags, run_of = toks.words, toks.starts, toks.paras, toks.flags, toks.run_of
        honorifics = lexicon.words("honorifics")
        particles = lexicon.words("name-particles")
        i = 0
        n = len(toks)
        while i < n:
            j = i
            while j + 1 < n:
                if paras[j] != paras[j + 1] or flags[j] & POSSESSIVE_BIT:
                    break  # a possessive ends a name
                a = words[j]
                gap = text[starts[j] + len(a):starts[j + 1]]
                if gap in (" ", "\u00a0", "-", "‐"):
                    j += 1
                elif gap.startswith(".") and gap[1:] in (" ", "\u00a0") and (
                    (len(a) == 1 and a.isupper()) or a.lower() in honorifics
                ):
                    j += 1  # an initial (J.) or an honorific (Dr.)
                elif gap.startswith(" ") and gap.endswith(" ") and all(w in particles for w in gap.split()) and len(gap) <= 12:
                    j += 1  # a particle inside a name: van der Leyen, bin Salman
                else:
                    break
            run_index = len(self.runs)
            self.runs.append(i, j)
            for k in range(i, j + 1):
                run_of[k] = run_index
            i = j + 1
        self._cuts = array("i", [_UNKNOWN]) * len(self.runs)
        self._name_ends = array("i", [0]) * len(self.runs)

    def is_skipped(self, offset: int) -> bool:
        """Is *offset* on a line in capitals, in a URL or an e-mail address?"""
        if self._skip_index is None or self._skip_index[0] != len(self.skipped):
            merged = _merged(self.skipped)
            self._skip_index = (len(self.skipped), merged, [start for start, _ in merged])
        _, merged, starts = self._skip_index
        i = bisect.bisect_right(starts, offset) - 1  # the last span starting at or before offset
        return i >= 0 and offset < merged[i][1]

    # -- names ---------------------------------------------------------------------------

    def name_part(self, run_index: int) -> NamePart | None:
        """The name at the end of run *run_index* (None when the run ends in an ordinary word)."""
        if self._last_part[0] == run_index:
            return self._last_part[1]
        cut = self._cuts[run_index]
        if cut == _UNKNOWN:
            cut = self._find_cut(run_index)
        part = None
        if cut != _NO_NAME:
            names = self._names_after(cut, self._name_ends[run_index])
            given = names[0] if len(names) >= 2 else None
            part = NamePart(names, given, names[-1], range(self.runs.first[run_index], cut + 1))
        self._last_part = (run_index, part)
        return part

    def _names_after(self, cut: int, last: int) -> list[int]:
        """The name words from after *cut* to *last*: initials and particles left out."""
        words = self.tokens.words
        particles = lexicon.words("name-particles")
        # Capitalized particles (Von der Leyen at a sentence's start) are not given names.
        return [k for k in range(cut + 1, last + 1) if len(words[k]) > 1 and words[k].lower() not in particles]

    def _find_cut(self, run_index: int) -> int:
        """Work out (and keep) where run *run_index*'s lead ends, or that it has no name part."""
        first, last = self.runs[run_index]
        toks = self.tokens
        words = toks.words
        flags = toks.flags
        cut = _NO_NAME
        # Post-nominal letters after a name (The Hon Anika Wells MP, Jack Chambers TD) are not
        # part of it: the name ends before them.
        while last > first and flags[last] & ACRONYM_BIT:
            last -= 1
        if not _not_a_name(words[last], flags[last]):
            # The name starts after the last title, honorific or acronym before the final word;
            # the final word itself may be an ordinary word (Samantha Power, Michael Carpenter).
            lead_end = first - 1
            lowercase = self.lowercase
            particles = lexicon.words("name-particles")
            for k in range(first, last):
                word = words[k]
                # An ordinary word, or one the release writes in lowercase (The, And at a sentence's start).
                # A name particle (the Al of Hamad bin Isa Al Khalifa) is lowercase elsewhere by
                # nature (al-Qaeda, de facto): that says nothing of whether it ends a title here.
                if _not_a_name(word, flags[k]) or (word.lower() in lowercase and word.lower() not in particles) \
                        or is_common_word(word):
                    lead_end = k
            names = self._names_after(lead_end, last)
            if names and len(names) <= 4 and not (len(names) == 1 and is_common_word(words[names[0]])):
                cut = lead_end
        self._cuts[run_index] = cut
        self._name_ends[run_index] = last
        return cut

    def role(self, token_index: int) -> tuple[str, int | None]:
        """``('given'|'surname'|'single'|'middle'|'other', partner token index)`` of a token."""
        run = self.tokens.run_of[token_index]
        if run < 0:
            return "other", None
        part = self.name_part(run)
        if part is None or token_index not in part.tokens:
            return "other", None
        if part.given is None:
            return "single", None
        if token_index == part.given:
            return "given", part.surname
        if token_index == part.surname:
            return "surname", part.given
        return "middle", part.surname

    # -- places and mentions -------------------------------------------------------------

    def _place_index(self) -> tuple[array[int], array[int], array[int]]:
        """The known places written in the runs: each place's first token and number of tokens,
        and for each token the place that covers it (-1 for none)."""
        if self._places is not None:
            return self._places
        from pressqa.analysis import places

        words = self.tokens.words
        first_words = places.multiword_forms()
        firsts, counts = array("i"), array("i")
        place_of = array("i", [-1]) * len(words)
        for first, last in self.runs:
            k = first
            while k <= last:
                # The longest known place starting here: Sri Lanka, Costa Ricans, Korean.
                best = 0
                for forms in first_words.get(fold(words[k]), ()):
                    n = len(forms)
                    if k + n - 1 <= last and n > best and all(fold(words[k + j]) == forms[j] for j in range(n)):
                        best = n
                if not best and places.is_place_form(words[k]):
                    best = 1
                if best:
                    for i in range(k, k + best):
                        place_of[i] = len(firsts)
                    firsts.append(k)
                    counts.append(best)
                    k += best
                else:
                    k += 1
        self._places = (firsts, counts, place_of)
        return self._places

    def _place(self, p: int) -> Mention:
        from pressqa.analysis import places

        firsts, counts, _ = self._place_index()
        k, n = firsts[p], counts[p]
        a, b = self.tokens.starts[k], self.tokens.end(k + n - 1)
        seen = self.doc.text[a:b]
        return Mention("place", tuple(range(k, k + n)), a, b, seen, "known place", places.entities(seen))

    def places(self) -> Iterator[Mention]:
        """The place mentions of the document, in text order."""
        for p in range(len(self._place_index()[0])):
            yield self._place(p)

    def place_at(self, token_index: int) -> Mention | None:
        """The place mention a token is part of (``Lanka`` in ``Sri Lanka``), or None."""
        p = self._place_index()[2][token_index]
        return None if p < 0 else self._place(p)

    @property
    def mentions(self) -> list[Mention]:
        """Every mention of the document, in text order: places, organisations, titles and
        persons.  Built on each call (the checks read places and name parts, which are kept)."""
        text = self.doc.text
        toks = self.tokens
        out: list[Mention] = list(self.places())
        _, _, place_of = self._place_index()
        org_heads = organisation_heads()
        for r, (first, last) in enumerate(self.runs):
            if any(toks.words[i].lower() in org_heads for i in range(first, last + 1)):
                a, b = toks.starts[first], toks.end(last)
                out.append(Mention("organisation", tuple(range(first, last + 1)), a, b, text[a:b], "organisational word"))
                continue
            part = self.name_part(r)
            if part is None or any(place_of[i] >= 0 for i in part.tokens):
                continue
            if part.lead:
                a, b = toks.starts[part.lead[0]], toks.end(part.lead[-1])
                out.append(Mention("title", tuple(part.lead), a, b, text[a:b], "before a name"))
            a, b = toks.starts[part.tokens[0]], toks.end(part.tokens[-1])
            evidence = "given name and surname" if part.given is not None else ("after a title" if part.lead else "a single name")
            out.append(Mention("person", tuple(part.tokens), a, b, text[a:b], evidence))
        out.sort(key=lambda m: m.start)
        return out

    def mentions_of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]


_ORG_HEADS: frozenset[str] | None = None


def organisation_heads() -> frozenset[str]:
    """Words that make a capitalized run an organisation's name (``rules/names/organisations.txt``)."""
    global _ORG_HEADS
    if _ORG_HEADS is None:
        from pressqa.resources import read_shipped

        raw = (read_shipped("names", "organisations.txt") or b"").decode("utf-8")
        _ORG_HEADS = frozenset(w.strip().lower() for w in raw.splitlines() if w.strip() and not w.startswith("#"))
    return _ORG_HEADS


def _not_a_name(word: str, flags: int) -> bool:
    """An acronym, an honorific or a word with a digit: never part of a person's name."""
    return bool(flags & ACRONYM_BIT) or word.lower() in lexicon.words("honorifics") \
        or (not word.isalpha() and any(c.isdigit() for c in word))


def analyse(doc: "Document", ctx: "Context | None" = None) -> Analysis:
    """The analysis of *doc*, shared by every check of the run through *ctx*."""
    if ctx is None:
        return Analysis(doc)
    return ctx.memo("mentions", lambda: Analysis(doc))
