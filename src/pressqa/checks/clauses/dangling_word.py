"""A sentence that has its full stop but ends on a word that cannot end it: a clause cut short."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context
from pressqa.checks.clauses.common import CLOSERS, PROSE, WORD
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph
    from pressqa.model.spans import Sentence

_END = re.compile(r"(?:^|\s)([^\W\d_]+)\s*\." + CLOSERS + r"\s*$")
_WORD = re.compile(WORD)


def _word_kind(low: str) -> str:
    if low in ("who", "whom"):
        return "relative pronoun"
    if low in lexicon.words("articles"):
        return "article"
    if low in lexicon.words("possessives"):
        return "possessive"
    if low in lexicon.words("conjunctions") or low in ("and", "or", "nor", "but"):
        return "conjunction"
    if low in lexicon.words("prepositions"):
        return "preposition"
    return "word"


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
    messages = Messages(dangling="sentence ends on the {kind} '{word}' before its full stop: the clause is cut")
    kinds = PROSE
    unit = "paragraph"

    @options
    class Options:
        extra_words: list[str] = option([], "more words a sentence cannot end on")
        allow_words: list[str] = option([], "words a sentence may end on after all")

    o: Options

    def setup(self) -> None:
        self.allow = {w.lower() for w in self.o.allow_words}
        self.never = (lexicon.never_before_stop() | {w.lower() for w in self.o.extra_words}) - self.allow

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        for sentence in para.sentences:
            hit = self._check_sentence(sentence)
            if hit is not None:
                yield hit

    def _check_sentence(self, sentence: "Sentence") -> Hit | None:
        text = sentence.text.rstrip()
        m = _END.search(text)
        if m is None:
            return None
        word = m.group(1)
        low = word.lower()
        if low in self.allow or text.endswith("..."):
            return None
        words = _WORD.findall(text)
        if len(words) < 3:
            return None
        kind = None
        if low in self.never:
            kind = _word_kind(low)
        elif low in lexicon.words("prepositions") and low not in ("as", "such"):
            # English lets a clause end on a preposition ("the file it pointed at.",
            # "a shell in between.", "what they heard of."), but not right after a
            # name, a title or an article with nothing to govern: "...the Foreign Ministers in."
            prev = words[-2]
            has_wh = any(w.lower() in lexicon.words("wh-words") for w in words[:-1])
            # (A sentence of three words or more: *prev* never opens it, so a capital marks a name.)
            after_name = prev[0].isupper()
            # "of" after a noun needs its object ("...the elements of.", "...off the coast of.");
            # after a verb or an adjective it may be stranded ("what they heard of.").
            noun_of = low == "of" and prev.islower() and not (
                prev.endswith(("ed", "en", "ght")) or prev in lexicon.words("of-stranders")
            )
            if not has_wh and (after_name or noun_of or prev.lower() in lexicon.words("articles") or prev.lower() in lexicon.words("possessives")):
                kind = "preposition"
        if kind is None:
            return None
        start = sentence.start + m.start(1)
        end = start + len(word) + 1
        return Hit(start=start, end=end, message=self.say("dangling", kind=kind, word=word))
