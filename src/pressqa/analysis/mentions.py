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
organisational head word, ``rules/names/organisations.txt``).  The mentions are built on
first use, once per document; the name and title checks read the same list.

The analysis is computed once per document and shared through ``ctx.memo``.  Its API is
additive: new readers (the title checks) use ``mentions``, ``place_at`` and
``mentions_of_kind`` without changing ``tokens``, ``runs``, ``name_part`` or ``role``.
"""

from __future__ import annotations

import bisect
import re
import sys
from functools import cache
from typing import TYPE_CHECKING

from pressqa.analysis import lexicon
from pressqa.analysis.commonwords import is_common_word
from pressqa.analysis.folding import fold  # noqa: F401 (re-exported: the name checks fold with it)

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


class Token:
    """A capitalized word (lowercase words are only counted, see ``Analysis.lowercase``).

    A plain class with slots: thousands are made per document, and a dataclass
    would cost more to define at start-up than it saves in typing.
    """

    # ``end`` and ``full_end`` are worked out from ``start``, the word and whether a possessive
    # followed it, not stored: a long text has some 60,000 tokens a MB, and two int objects each
    # were ~4 MB per MB of text.
    __slots__ = ("text", "start", "possessive", "para", "kind", "initial", "index", "run", "acronym")
    cap = True  # a capitalized word (lowercase words are not tokens)

    def __init__(self, text: str, start: int, end: int, full_end: int, para: int, kind: str, initial: bool,
                 index: int = 0, run: int = -1, acronym: bool = False) -> None:
        if end != start + len(text) or full_end - end not in (0, 2):
            raise ValueError(f"token {text!r} at {start}: end {end} / full end {full_end} do not fit the word")
        self.text = text  # the word, without a possessive 's
        self.start = start
        self.possessive = full_end != end  # a possessive 's followed the word
        self.para = para
        self.kind = kind  # the paragraph's kind (pressqa.structure)
        self.initial = initial  # the first word of its sentence, or the first after an opening quote
        self.index = index
        self.run = run  # index into Analysis.runs, or -1
        self.acronym = acronym  # two letters or more, all capitals (NATO, US)

    @property
    def end(self) -> int:
        """The end of ``text``."""
        return self.start + len(self.text)

    @property
    def full_end(self) -> int:
        """The end including a possessive 's."""
        return self.start + len(self.text) + (2 if self.possessive else 0)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


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

    def __init__(self, tokens: list[int], given: int | None, surname: int | None, lead: list[int] | None = None) -> None:
        self.tokens = tokens  # token indices
        self.given = given  # token index of the given name, when the name has two words or more
        self.surname = surname  # token index of the surname (or the single word)
        self.lead = lead or []  # the run's tokens before the name (titles, modifiers)


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
    """Tokens and runs of one document."""

    def __init__(self, doc: "Document") -> None:
        self.doc = doc
        self.tokens: list[Token] = []
        self.runs: list[tuple[int, int]] = []  # (first, last) token indices, inclusive
        self.lowercase: set[str] = set()  # words written in lowercase somewhere (lowercased)
        self.shouted: list[tuple[int, int]] = []  # spans of lines set in capitals
        self.skipped: list[tuple[int, int]] = []  # those, and URLs and e-mail addresses
        self._skip_index: tuple[int, list[tuple[int, int]], list[int]] | None = None  # for is_skipped
        self._names: dict[int, NamePart | None] = {}
        self._mentions: list[Mention] | None = None
        self._place_of: dict[int, Mention] = {}
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
                end = full_end
                if word.endswith(_POSSESSIVE) and len(word) > 2:
                    word = word[:-2]
                    end -= 2
                # Each distinct word once (sys.intern): names recur all through a long text.
                tokens.append(Token(intern(word), start, end, full_end, pindex, kind, initial, len(tokens), -1,
                                    _is_acronym(word)))

    def _find_runs(self) -> None:
        text = self.doc.text
        toks = self.tokens
        i = 0
        n = len(toks)
        while i < n:
            j = i
            while j + 1 < n:
                a, b = toks[j], toks[j + 1]
                if a.para != b.para or a.full_end != a.end:
                    break  # a possessive ends a name
                gap = text[a.end:b.start]
                if gap in (" ", "\u00a0", "-", "‐"):
                    j += 1
                elif gap.startswith(".") and gap[1:] in (" ", "\u00a0") and (
                    (len(a.text) == 1 and a.text.isupper()) or a.text.lower() in lexicon.words("honorifics")
                ):
                    j += 1  # an initial (J.) or an honorific (Dr.)
                elif gap.startswith(" ") and gap.endswith(" ") and all(w in lexicon.words("name-particles") for w in gap.split()) and len(gap) <= 12:
                    j += 1  # a particle inside a name: van der Leyen, bin Salman
                else:
                    break
            run_index = len(self.runs)
            self.runs.append((i, j))
            for k in range(i, j + 1):
                toks[k].run = run_index
            i = j + 1

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
        if run_index in self._names:
            return self._names[run_index]
        first, last = self.runs[run_index]
        toks = self.tokens
        part: NamePart | None = None
        # Post-nominal letters after a name (The Hon Anika Wells MP, Jack Chambers TD) are not
        # part of it: the name ends before them.
        while last > first and toks[last].acronym:
            last -= 1
        if not _not_a_name(toks[last]):
            # The name starts after the last title, honorific or acronym before the final word;
            # the final word itself may be an ordinary word (Samantha Power, Michael Carpenter).
            cut = first - 1
            lowercase = self.lowercase
            particles = lexicon.words("name-particles")
            for k in range(first, last):
                word = toks[k].text
                # An ordinary word, or one the release writes in lowercase (The, And at a sentence's start).
                # A name particle (the Al of Hamad bin Isa Al Khalifa) is lowercase elsewhere by
                # nature (al-Qaeda, de facto): that says nothing of whether it ends a title here.
                if _not_a_name(toks[k]) or (word.lower() in lowercase and word.lower() not in particles) \
                        or is_common_word(word):
                    cut = k
            # Capitalized particles (Von der Leyen at a sentence's start) are not given names.
            names = [k for k in range(cut + 1, last + 1) if len(toks[k].text) > 1 and toks[k].text.lower() not in lexicon.words("name-particles")]
            if names and len(names) <= 4 and not (len(names) == 1 and is_common_word(toks[names[0]].text)):
                given = names[0] if len(names) >= 2 else None
                part = NamePart(names, given, names[-1], list(range(first, cut + 1)))
        self._names[run_index] = part
        return part

    def role(self, token_index: int) -> tuple[str, int | None]:
        """``('given'|'surname'|'single'|'middle'|'other', partner token index)`` of a token."""
        tok = self.tokens[token_index]
        if tok.run < 0:
            return "other", None
        part = self.name_part(tok.run)
        if part is None or token_index not in part.tokens:
            return "other", None
        if part.given is None:
            return "single", None
        if token_index == part.given:
            return "given", part.surname
        if token_index == part.surname:
            return "surname", part.given
        return "middle", part.surname


    # -- mentions ------------------------------------------------------------------------

    @property
    def mentions(self) -> list[Mention]:
        """Every mention of the document, in text order (built on first use)."""
        if self._mentions is None:
            self._mentions = self._build_mentions()
        return self._mentions

    def mentions_of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def place_at(self, token_index: int) -> Mention | None:
        """The place mention a token is part of (``Lanka`` in ``Sri Lanka``), or None."""
        self.mentions
        return self._place_of.get(token_index)

    def _build_mentions(self) -> list[Mention]:
        from pressqa.analysis import places

        text = self.doc.text
        toks = self.tokens
        out: list[Mention] = []
        first_words = places.multiword_forms()
        org_heads = organisation_heads()
        for first, last in self.runs:
            covered: set[int] = set()
            k = first
            while k <= last:
                # The longest known place starting here: Sri Lanka, Costa Ricans, Korean.
                best = 0
                for words in first_words.get(fold(toks[k].text), ()):
                    n = len(words)
                    if k + n - 1 <= last and n > best and all(
                        fold(toks[k + j].text) == words[j] for j in range(n)
                    ):
                        best = n
                if not best and places.is_place_form(toks[k].text):
                    best = 1
                if best:
                    ids = tuple(range(k, k + best))
                    a, b = toks[k].start, toks[k + best - 1].end
                    names = places.entities(text[a:b])
                    mention = Mention("place", ids, a, b, text[a:b], "known place", names)
                    out.append(mention)
                    for i in ids:
                        self._place_of[i] = mention
                        covered.add(i)
                    k += best
                else:
                    k += 1
            run_words = [toks[i].text.lower() for i in range(first, last + 1)]
            if any(w in org_heads for w in run_words):
                a, b = toks[first].start, toks[last].end
                out.append(Mention("organisation", tuple(range(first, last + 1)), a, b, text[a:b], "organisational word"))
                continue
            part = self.name_part(toks[first].run)
            if part is None or any(i in covered for i in part.tokens):
                continue
            if part.lead:
                a, b = toks[part.lead[0]].start, toks[part.lead[-1]].end
                out.append(Mention("title", tuple(part.lead), a, b, text[a:b], "before a name"))
            a, b = toks[part.tokens[0]].start, toks[part.tokens[-1]].end
            evidence = "given name and surname" if part.given is not None else ("after a title" if part.lead else "a single name")
            out.append(Mention("person", tuple(part.tokens), a, b, text[a:b], evidence))
        out.sort(key=lambda m: m.start)
        return out


_ORG_HEADS: frozenset[str] | None = None


def organisation_heads() -> frozenset[str]:
    """Words that make a capitalized run an organisation's name (``rules/names/organisations.txt``)."""
    global _ORG_HEADS
    if _ORG_HEADS is None:
        from pressqa.resources import read_shipped

        raw = (read_shipped("names", "organisations.txt") or b"").decode("utf-8")
        _ORG_HEADS = frozenset(w.strip().lower() for w in raw.splitlines() if w.strip() and not w.startswith("#"))
    return _ORG_HEADS


def _not_a_name(tok: Token) -> bool:
    """An acronym, an honorific or a word with a digit: never part of a person's name."""
    word = tok.text
    return tok.acronym or word.lower() in lexicon.words("honorifics") or (not word.isalpha() and any(c.isdigit() for c in word))


def analyse(doc: "Document", ctx: "Context | None" = None) -> Analysis:
    """The analysis of *doc*, shared by every check of the run through *ctx*."""
    if ctx is None:
        return Analysis(doc)
    return ctx.memo("mentions", lambda: Analysis(doc))
