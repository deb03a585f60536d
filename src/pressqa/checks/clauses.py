"""Broken clauses: cuts, doubled words, unbalanced quotes and brackets, dangling last words."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.findings import Edit, Hit
from pressqa.checks import Check
from pressqa.checks import Context

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

_PROSE_KINDS = frozenset({"body", "caption", "label"})
_TEXT_KINDS = frozenset({"body", "caption", "label", "headline", "heading", "list", "byline", "note"})
# A transcript's turns: spoken grammar, repetitions and cut-offs are faithful there, but a full
# stop the transcriber typed in mid-sentence is not ("the road ahead. and we did").
_SPEECH = frozenset({"speech"})

@cache
def _particle_run() -> re.Pattern[str]:
    """Lowercase particles that start surnames (von der Leyen, de Gaulle, bin Salman), then a capital."""
    return re.compile(r"(?:\s+(?:" + lexicon.alternation("name-particles") + r"))*\s+[A-Z]")


class LowercaseAfterStop(Check):
    """A sentence that starts in lowercase after a full stop: ``Washington. of the meeting``.

    **What it does.** Reports a full stop after an ordinary word that is followed
    by a word in lowercase.  The finding covers both sides of the cut, so the
    editor sees where the text broke.

    **Why.** A clause that lost its start, or a full stop that should have been
    a comma, leaves a fragment no reader can parse; it is the typical trace of a
    paste gone wrong or two versions of a release run together.

    **Example.** ``took part in Washington. of the meeting held between`` is
    reported from ``Washington`` to ``of``.  Restore the missing words, or make
    the full stop a comma.

    **Leaves alone.** Abbreviations and acronyms (``e.g.``, ``i.e.``, ``a.m.``,
    ``p.m.``, ``U.S.``, ``Dr.``, ``Inc.``, ``et al.``, ``vs.``), initials,
    ellipses, lowercase brand names (``iPhone``, ``eBay``), surname particles
    (``von der Leyen``), URLs and e-mail addresses, and dialogue where a
    quotation closes before the lowercase word (``"Why?" he asked``), and
    lowercase labels in citations (``141-150. doi: 10.1001/...``).
    """

    type = "lowercase-after-stop"
    options = {
        "exceptions": {"type": "array", "items": {"type": "string"}, "description": "words before a full stop that are abbreviations in your copy"},
    }
    defaults = {"exceptions": []}

    # The word before the stop is bounded (64 characters) for the same reason as DoubledWord's.
    _PATTERN = re.compile(r"(?<![.\w@/-])([^\W_][\w’'-]{0,63})\.([ \t]+|[ \t]*\r?\n[ \t]*)([a-z][\w’'-]*)")

    def setup(self) -> None:
        self.exceptions = {w.lower().rstrip(".") for w in self.opts["exceptions"]}

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        for m in _matches(doc, self._PATTERN, _PROSE_KINDS | _SPEECH):
            before, after = m.group(1), m.group(3)
            low = before.lower()
            if low in lexicon.words("abbreviations-never-final", "abbreviations-maybe-final", "month-abbreviations") or low in self.exceptions:
                continue
            if len(before) == 1 and before.isalpha():
                continue  # an initial
            if before.isdigit() and len(before) <= 2 and re.search(r"(?:^|[\n:;(])\s*$", text[max(0, m.start(1) - 20):m.start(1)]):
                continue  # "1. when ...": a list enumerator
            if re.match(r"^[a-z]+[A-Z]", after):
                continue  # iPhone, eBay
            if text.startswith(":", m.end(3)):
                continue  # "141-150. doi: 10.1001/...": a citation's lowercase label
            if after in lexicon.words("name-particles") and _particle_run().match(text, m.end(3)):
                continue
            if _in_url(text, m.start(1)):
                continue
            yield Hit(
                start=m.start(1),
                end=m.end(3),
                message=self.message(
                    "sentence starts in lowercase after a full stop: '{seen}'",
                    seen=f"{before}. {after}",
                ),
            )


def _matches(doc: "Document", pattern: re.Pattern, kinds: frozenset[str]) -> Iterator[re.Match]:
    """Matches of *pattern* inside the paragraphs of the given kinds (never across paragraphs)."""
    for para in doc.paragraphs:
        if para.kind in kinds:
            yield from pattern.finditer(doc.text, para.start, para.end)


def _in_url(text: str, pos: int) -> bool:
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:pos + 60].split(None, 1)[0] if text[start:pos + 60].strip() else ""
    return "://" in token or "@" in token or token.lower().startswith("www.")


class DoubledWord(Check):
    """The same word twice in a row: ``continue to to provide``, ``the the``.

    **What it does.** Reports a word repeated with only whitespace between (also
    across a line break inside a paragraph), case-insensitively, and offers the
    safe fix of deleting the second one.

    **Why.** Doubling is the classic slip of rewriting a sentence in place; the
    eye reads straight over it, so it survives proof-reading.

    **Example.** ``will continue to to provide`` → ``will continue to provide``.

    **Leaves alone.** Grammatical repetition (``had had``, ``that that``, ``is is``
    as in "what it is is", ``do do``), reduplication (``bye bye``, ``so so``),
    names that repeat (``Walla Walla``, ``Sirhan Sirhan``: both capitalized
    mid-sentence), and numbers.
    """

    type = "doubled-word"
    fixable = True
    options = {
        "allow": {"type": "array", "items": {"type": "string"}, "description": "words that may legitimately repeat"},
    }
    defaults = {"allow": ["had", "that", "is", "do", "does", "bye", "so", "ha", "no", "very", "really", "well", "blah", "knock", "chop", "tut", "pooh"]}

    # A word is at most 64 characters: the pattern is tried from every word boundary, and an
    # unbounded word made a long run of "a'a'a'" quadratic (each start scanned to its end).
    _PATTERN = re.compile(r"\b([^\W\d_][\w’']{0,63})([ \t]+|[ \t]*\r?\n[ \t]*)(\1)(?![\w’'-])", re.IGNORECASE)

    def setup(self) -> None:
        self.allow = {w.lower() for w in self.opts["allow"]}

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        for m in _matches(doc, self._PATTERN, _TEXT_KINDS):
            first, second = m.group(1), m.group(3)
            if first.lower() in self.allow:
                continue
            if first[0].isupper() and second[0].isupper():
                continue  # Walla Walla; a headline in capitals is all upper anyway
            if first != second and not (first[0].isupper() and first[1:] == second[1:] and second[0].islower()):
                continue  # width WIDTH, from From: not one word typed twice (The the still is)
            if "\n" in m.group(2):
                # keep the line break: delete the second word and the spaces after it
                after = m.end(3)
                while after < len(text) and text[after] in " \t":
                    after += 1
                edit = Edit(m.start(3), after, "")
            else:
                edit = Edit(m.end(1), m.end(3), "")
            yield Hit(
                start=m.start(1),
                end=m.end(3),
                message=self.message("doubled word: '{seen}'", seen=f"{first} {second}"),
                suggestion=first,
                fix=(edit,),
            )


_OPEN_BRACKETS = {"(": ")", "[": "]"}
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")
_CLOSE_BRACKETS = {")": "(", "]": "["}


def _quote_events(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Opening ('open') and closing ('close') double quotation marks in text[start:end]."""
    events: list[tuple[int, str]] = []
    in_code = False
    for pos in range(start, end):
        ch = text[pos]
        if ch == "`":
            in_code = not in_code
            continue
        if in_code:
            continue
        if ch == "“" or ch == "„":
            events.append((pos, "open"))
        elif ch == "”":
            events.append((pos, "close"))
        elif ch == '"':
            prev = text[pos - 1] if pos > start else " "
            nxt = text[pos + 1] if pos + 1 < end else " "
            if prev.isdigit():
                continue  # 5'10" -- an inch mark
            if prev.isspace() or prev in "([{—–-/:;" or pos == start:
                events.append((pos, "open"))
            elif nxt.isspace() or nxt in ".,;:!?)]}—–-" or pos + 1 == end:
                events.append((pos, "close"))
            else:
                events.append((pos, "open" if not events or events[-1][1] == "close" else "close"))
    return events


class UnbalancedQuotes(Check):
    """Quotation marks that do not balance within a paragraph.

    **What it does.** Pairs opening and closing double quotation marks (curly or
    straight) paragraph by paragraph.  It reports a quotation opened and never
    closed, a closing mark with no opening one, and a quotation that runs into
    the next paragraph without that paragraph reopening it (reported at the
    paragraph that fails to reopen).

    **Why.** A quotation that never closes makes the reader attribute the rest
    of the release to the speaker; in a press release that is a factual error.

    **Example.** ``"The funding will help," Vilsack said. "It creates jobs.``
    followed by a paragraph that is not a quotation: the second quotation is
    reported where it opens.

    **Leaves alone.** The multi-paragraph quotation convention: a paragraph may
    end without a closing mark when the next paragraph opens with a quotation
    mark.  Inch marks (``5'10"``), code spans and single quotes (apostrophes)
    are not counted.
    """

    type = "unbalanced-quotes"
    options = {}
    defaults = {}

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        paras = [p for p in doc.paragraphs if p.kind != "code"]
        all_events = [_quote_events(text, p.start, p.end) for p in paras]  # each paragraph scanned once
        carried: int | None = None  # an opening mark left open by the previous paragraph
        for i, para in enumerate(paras):
            events = all_events[i]
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            open_at: int | None = None
            reported_carry = False
            for pos, kind in events:
                if kind == "open":
                    if open_at is not None:
                        yield self._unclosed(open_at, doc)
                    open_at = pos
                else:
                    if open_at is not None:
                        open_at = None
                    elif carried is not None and not reported_carry:
                        reported_carry = True
                        yield Hit(
                            start=para.start,
                            end=pos + 1,
                            message=self.message(
                                "the quotation opened on line {line} continues into this paragraph, which does not reopen it; quotation marks do not balance per paragraph",
                                line=doc.position(carried)[0],
                            ),
                        )
                    else:
                        yield Hit(start=pos, end=pos + 1, message=self.message("closing quotation mark with no opening mark in this paragraph"))
            carried = None
            if open_at is not None:
                if nxt is not None and _reopens(text, nxt):
                    carried = None
                elif nxt is not None and all_events[i + 1] and all_events[i + 1][0][1] == "close":
                    carried = open_at  # reported where the next paragraph closes it
                else:
                    yield self._unclosed(open_at, doc)

    def _unclosed(self, pos: int, doc: "Document") -> Hit:
        end = pos + 1
        while end < len(doc.text) and end - pos < 30 and doc.text[end] not in "\r\n":
            end += 1
        return Hit(start=pos, end=end, message=self.message("quotation opened here is never closed in this paragraph"))


def _reopens(text: str, para: "Paragraph") -> bool:
    head = text[para.start:para.start + 3].lstrip("*_ >")
    return head[:1] in ("“", '"', "„")


class UnbalancedBrackets(Check):
    """Brackets that do not balance within a paragraph: ``(USA``, ``reforms)``.

    **What it does.** Pairs round and square brackets paragraph by paragraph and
    reports an opening bracket that is never closed, or a closing one with no
    opening bracket.

    **Why.** A lost bracket usually means a lost clause around it.

    **Example.** ``The United States (USA announced new funding.`` reports the
    ``(`` that never closes.

    **Leaves alone.** List enumerators (``1)``, ``a)``, also inside a sentence:
    ``for 1) roads and 2) bridges``), emoticons (``:)``) and code spans.
    """

    type = "unbalanced-brackets"
    options = {}
    defaults = {}

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        for para in doc.paragraphs:
            if para.kind in ("code", "table"):
                continue
            stack: list[tuple[int, str]] = []
            in_code = False
            for pos in range(para.start, para.end):
                ch = text[pos]
                if ch == "`":
                    in_code = not in_code
                if in_code:
                    continue
                if ch in _OPEN_BRACKETS:
                    stack.append((pos, ch))
                elif ch in _CLOSE_BRACKETS:
                    if stack and stack[-1][1] == _CLOSE_BRACKETS[ch]:
                        stack.pop()
                        continue
                    if _ENUMERATOR.search(text, max(para.start, pos - 6), pos):
                        continue  # 1) a) iv), at a line's start or inline: "for 1) roads and 2) bridges"
                    if pos > 0 and text[pos - 1] in ":;=" :
                        continue  # :)
                    yield Hit(start=pos, end=pos + 1, message=self.message("closing '{mark}' with no opening bracket", mark=ch))
            for pos, ch in stack:
                yield Hit(start=pos, end=pos + 1, message=self.message("'{mark}' is never closed in this paragraph", mark=ch))


class DanglingWord(Check):
    """A sentence that has its full stop but ends on a word that cannot end it: ``...education and.``

    **What it does.** Reports a sentence whose last word before the full stop is
    an article, a possessive, a conjunction or a preposition that needs an
    object (``...the Foreign Ministers in.``, ``...met with the.``).

    **Why.** The full stop hides the cut from a quick read and from paragraph-
    level checks: the clause lost its end, and the sentence says less than it
    seems to.

    **Example.** ``...public safety, health care, education and.`` is reported
    at ``and``.

    **Leaves alone.** Prepositions that English lets a clause end on ("the
    file it pointed at.", "a shell in between.", "the region they come from.",
    "what the talks focused on.", "carried on.", "stood by."): a preposition is
    reported only right after a name or title, an article or a possessive
    (``...the Foreign Ministers in.``).  A
    paragraph with no end punctuation at all is ``truncated-sentence``.
    """

    type = "dangling-word"
    options = {
        "extra_words": {"type": "array", "items": {"type": "string"}, "description": "more words a sentence cannot end on"},
        "allow_words": {"type": "array", "items": {"type": "string"}, "description": "words a sentence may end on after all"},
    }
    defaults = {"extra_words": [], "allow_words": []}

    _END = re.compile(r"(?:^|\s)([^\W\d_]+)\s*\.[\"'”’)\]]*\s*$")

    def setup(self) -> None:
        self.never = (lexicon.NEVER_BEFORE_STOP | {w.lower() for w in self.opts["extra_words"]}) - {
            w.lower() for w in self.opts["allow_words"]
        }
        self.allow = {w.lower() for w in self.opts["allow_words"]}

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        for para in doc.paragraphs:
            if para.kind not in _PROSE_KINDS:
                continue
            for sentence in para.sentences:
                hit = self._check_sentence(doc, sentence)
                if hit is not None:
                    yield hit

    def _check_sentence(self, doc: "Document", sentence) -> Hit | None:
        text = sentence.text.rstrip()
        m = self._END.search(text)
        if m is None:
            return None
        word = m.group(1)
        low = word.lower()
        if low in self.allow or text.endswith("..."):
            return None
        words = re.findall(r"[^\W\d_][\w’'-]*", text)
        if len(words) < 3:
            return None
        kind = None
        if low in self.never:
            kind = _word_kind(low)
        elif low in lexicon.PREPOSITIONS and low not in ("as", "such"):
            # English lets a clause end on a preposition ("the file it pointed at.",
            # "a shell in between.", "what they heard of."), but not right after a
            # name, a title or an article with nothing to govern: "...the Foreign Ministers in."
            prev = words[-2]
            has_wh = any(w.lower() in lexicon.WH_WORDS for w in words[:-1])
            after_name = prev[0].isupper() and not _sentence_initial(words, len(words) - 2)
            # "of" after a noun needs its object ("...the elements of.", "...off the coast of.");
            # after a verb or an adjective it may be stranded ("what they heard of.").
            noun_of = low == "of" and prev.islower() and not (
                prev.endswith(("ed", "en", "ght")) or prev in lexicon.words("of-stranders")
            )
            if not has_wh and (after_name or noun_of or prev.lower() in lexicon.ARTICLES or prev.lower() in lexicon.POSSESSIVES):
                kind = "preposition"
        if kind is None:
            return None
        start = sentence.start + m.start(1)
        end = start + len(word) + 1
        return Hit(
            start=start,
            end=end,
            message=self.message(
                "sentence ends on the {kind} '{word}' before its full stop: the clause is cut",
                kind=kind,
                word=word,
            ),
        )




def _sentence_initial(words: list[str], index: int) -> bool:
    return index == 0


def _word_kind(low: str) -> str:
    if low in ("who", "whom"):
        return "relative pronoun"
    if low in lexicon.ARTICLES:
        return "article"
    if low in lexicon.POSSESSIVES:
        return "possessive"
    if low in lexicon.CONJUNCTIONS or low in ("and", "or", "nor", "but"):
        return "conjunction"
    if low in lexicon.PREPOSITIONS:
        return "preposition"
    return "word"


class VerblessClause(Check):
    """A subordinate clause with no verb: ``...in the High North while its fragile environment.``

    **What it does.** Reports a sentence that ends on a clause opened by a
    conjunction that needs a verb after it (``while``, ``although``,
    ``though``, ``whereas``, ``because``, ``unless``, ``whether``) when what
    follows is only a short noun phrase (``its fragile environment``) and the
    sentence then stops.

    **Why.** A dropped verb (``while [protecting] its fragile environment``)
    leaves a sentence that has its full stop and reads as complete at a
    glance; no spell checker notices, and the clause says nothing.

    **Example.** ``The allies will expand cooperation in the High North while
    its fragile environment.`` is reported from ``while`` to the full stop.

    **Leaves alone.** Conjunctions that are also prepositions (``after the
    talks.``, ``since the summit.``, ``before the vote.``), ``because of``,
    clauses with a verb (``while the talks continue.``), phrases with a word
    that may be a verb (``-ed``, ``-ing``, ``-s`` endings, auxiliaries), and
    ``though`` as an adverb at the end (``He agreed, though.``).
    """

    type = "verbless-clause"
    options = {
        "conjunctions": {"type": "array", "items": {"type": "string"}, "description": "conjunctions that must be followed by a verb"},
        "max_words": {"type": "integer", "minimum": 1, "description": "the longest noun phrase (in words) judged"},
    }
    defaults = {"conjunctions": ["while", "although", "though", "whereas", "because", "unless", "whether"], "max_words": 5}

    def setup(self) -> None:
        words = "|".join(re.escape(w) for w in self.opts["conjunctions"])
        self._pattern = re.compile(
            rf"\b({words})\s+((?:{_noun_phrase_openers()})\s+[^\W\d_][\w’'-]*(?:\s+[^\W\d_][\w’'-]*)*)\s*[.!?][\"'”’)\]]*\s*$",
            re.IGNORECASE,
        )

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        for para in doc.paragraphs:
            if para.kind not in _PROSE_KINDS:
                continue
            for sentence in para.sentences:
                m = self._pattern.search(sentence.text)
                if m is None:
                    continue
                phrase = m.group(2).split()
                if len(phrase) > self.opts["max_words"] + 1 or not all(_nominal(w) for w in phrase[1:]):
                    continue
                start = sentence.start + m.start(1)
                end = sentence.start + m.end(2)
                yield Hit(
                    start=start,
                    end=end,
                    message=self.message(
                        "'{conj}' opens a clause with no verb ('{seen}'): a word seems to be missing",
                        conj=m.group(1),
                        seen=f"{m.group(1)} {m.group(2)}",
                    ),
                )


def _nominal(word: str) -> bool:
    """Can *word* not be a verb?  Conservative: anything that might be one says no."""
    low = word.lower().strip("’'")
    if low in lexicon.AUXILIARIES or low in lexicon.PREPOSITIONS or low in lexicon.CONJUNCTIONS:
        return False
    return not low.endswith(("ed", "ing", "en", "s"))


class MissingPreposition(Check):
    """Two noun phrases run together with no word to join them: ``noted the valuable support all three countries in ...``.

    **What it does.** Reports a noun phrase (``the valuable support``) followed
    directly by a quantified one (``all three countries``, ``both sides``) when
    nothing after it makes the second a subject: the next word is a
    preposition, a comma or the end of the sentence.  A preposition (``of``,
    ``from``) was most likely lost between them.

    **Why.** A dropped ``of`` keeps every word spelled right and the sentence
    punctuated, so neither spell checkers nor grammar checkers notice; the
    reader has to guess who gave what to whom.

    **Example.** ``Secretary Blinken noted the valuable support all three
    countries in the global effort`` is reported from ``support`` to
    ``countries``.

    **Leaves alone.** A quantified phrase that a verb follows (``the support
    all three countries gave``: a relative clause), phrases of time (``the
    team worked all three days``), verbs that take two objects (``gave the
    ministers both copies``), and phrases set off by commas.
    """

    type = "missing-preposition"
    options = {
        "two_object_verbs": {"type": "array", "items": {"type": "string"}, "description": "verbs after which two noun phrases in a row are grammar"},
    }
    defaults = {
        "two_object_verbs": [
            "give", "gave", "given", "gives", "giving", "offer", "offered", "offers", "send", "sent", "sends",
            "show", "showed", "shown", "shows", "grant", "granted", "grants", "award", "awarded", "awards",
            "pay", "paid", "pays", "tell", "told", "tells", "lend", "lent", "owe", "owed", "bring", "brought",
            "teach", "taught", "sell", "sold", "hand", "handed", "cost", "wish", "wished", "call", "called",
            "name", "named", "make", "made", "elect", "elected", "appoint", "appointed", "keep", "kept", "leave", "left",
        ],
    }

    @staticmethod
    @cache
    def _pattern() -> re.Pattern[str]:
        # "one" is no count of several: "all one" does not quantify
        numbers = lexicon.alternation("number-words", exclude={"one"}) + r"|\d+"
        return re.compile(
            r"\b(" + lexicon.alternation("determiners") + r")\s+((?:[a-z][\w-]*\s+){0,2}?)([a-z][\w-]*)\s+"
            r"(all\s+(?:" + numbers + r")|both)\s+([a-z][\w’'-]*)(?=\s*(?:[,;.!?]|\s+(\w+)))"
        )

    def setup(self) -> None:
        self.two_objects = {w.lower() for w in self.opts["two_object_verbs"]}

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        for m in _matches(doc, self._pattern(), _PROSE_KINDS):
            noun, quantified, after = m.group(3), m.group(5), m.group(6)
            if quantified.lower() in lexicon.words("time-plurals") or noun in lexicon.PREPOSITIONS or noun in lexicon.AUXILIARIES:
                continue
            between = m.group(2).split()
            if (m.group(1) == "that" and not between) or any(w in ("that", "which", "who") for w in between):
                continue  # "an outcome that strengthens all three pillars": a relative pronoun and its verb
            if after is not None and after.lower() not in lexicon.PREPOSITIONS:
                continue  # "the support all three countries gave": a verb or more of the phrase follows
            before = re.search(r"([A-Za-z]+)\s*$", text[max(0, m.start() - 30):m.start()])
            if before and before.group(1).lower() in self.two_objects:
                continue
            start = m.start(3)
            yield Hit(
                start=start,
                end=m.end(5),
                message=self.message(
                    "'{first}' and '{second}' run together: a word (of? from?) seems to be missing between them",
                    first=f"{m.group(1)} {m.group(2)}{noun}".replace("  ", " "),
                    second=f"{m.group(4)} {quantified}",
                ),
            )


@cache
def _fronted() -> re.Pattern[str]:
    """A restrictive or negative adverbial fronted in the clause inverts what follows it:
    "only through diplomacy can the parties", "never before have the ...", "not until ... will the"."""
    return re.compile(r"\b(?:" + lexicon.alternation("fronted-negatives") + r")\b", re.I)


@cache
def _noun_phrase_openers() -> str:
    """Determiners (and "such") that open the noun phrase of a verbless clause; not "that", which
    opens a clause of its own ("while that continues.")."""
    return lexicon.alternation("determiners", exclude={"that"}) + "|such"


def _inverted(before: str, modal: str) -> bool:
    """Is a modal followed by a noun phrase here an inversion (subject after the modal) rather
    than a modal whose verb was lost?  *before* is the sentence up to the modal."""
    if modal.lower() == "should":
        return True  # the conditional: "...should the need arise"
    stripped = before.rstrip()
    if not stripped or stripped[-1] in ",;:–—-(\"“":
        return True  # the modal opens a clause: a question ("Also, would the U.S. consider ...")
    last = re.findall(r"[^\W\d_]+", stripped)
    if last and last[-1].lower() in lexicon.words("inverting-words"):
        return True
    clause = re.split(r"[,;:–—]", stripped)[-1]
    return bool(_fronted().search(clause)) or bool(_fronted().search(stripped) and "," not in stripped)


class MissingVerb(Check):
    """A modal verb with no verb after it: ``...Ferrer-Salas, who will the Canadarm2 ...``.

    **What it does.** Reports ``will``, ``would``, ``can``, ``could``,
    ``shall``, ``should``, ``may``, ``might`` or ``must`` followed directly by
    an article or a possessive (``will the``, ``can their``) inside a sentence
    that is not a question.

    **Why.** A modal needs a verb; when the verb is dropped in editing (``who
    will [operate] the Canadarm2``) the sentence keeps its shape and its full
    stop, and no spell checker notices.

    **Example.** ``Flight Engineer Ana Ferrer-Salas, who will the Canadarm2,
    joined the crew.`` is reported at ``will the``.

    **Leaves alone.** Questions (``Will the minister attend?``), a modal at the
    start of a sentence, the month ``May`` and the noun ``will`` after an
    article (``the will of the people``), and correct inversions, where the
    subject follows the modal and the verb comes after it: after ``as``,
    ``so``, ``nor``, ``than`` or a question word (``as will our support``,
    ``how can the U.S. help``), at the start of a clause (``..., would the
    format be``), the conditional ``should the need arise``, and after a
    fronted ``only``, ``never`` or ``not until`` (``only through diplomacy can
    the parties achieve``).
    """

    type = "missing-verb"
    options = {}
    defaults = {}

    @staticmethod
    @cache
    def _pattern() -> re.Pattern[str]:
        # A modal after an article or a possessive is a noun ("the will", "his might"); "this" and
        # "that" after one are a pronoun or a time ("could that help", "will this week announce").
        nouns = sorted(lexicon.words("articles", "possessives", "determiners") - {"this", "that", "these", "those", "whose"})
        return re.compile(
            "".join(rf"(?<!\b{w} )" for w in nouns)
            + r"\b(" + lexicon.alternation("modals") + r")\s+(?:not\s+)?"
            r"(" + lexicon.alternation("determiners", exclude={"this", "that"}) + r")\s"
        )

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        for para in doc.paragraphs:
            if para.kind not in _PROSE_KINDS:
                continue
            for sentence in para.sentences:
                if sentence.text.rstrip().rstrip("\"'”’)]").endswith("?"):
                    continue
                for m in self._pattern().finditer(sentence.text):
                    if m.start() == 0 or not sentence.text[:m.start()].strip(" \"“‘'("):
                        continue  # sentence-initial: a question or a wish
                    if _inverted(sentence.text[:m.start()], m.group(1)):
                        continue
                    start = sentence.start + m.start(1)
                    yield Hit(
                        start=start,
                        end=sentence.start + m.end(2),
                        message=self.message(
                            "'{modal}' is followed by '{det}' with no verb between: a word seems to be missing",
                            modal=m.group(1), det=m.group(2),
                        ),
                    )
