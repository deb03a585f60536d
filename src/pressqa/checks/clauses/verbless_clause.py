"""A subordinate clause with no verb: ``...while its fragile environment.``"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context
from pressqa.checks.clauses.common import CLOSERS, PROSE, WORD
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph



@cache
def _noun_phrase_openers() -> str:
    """Determiners (and "such") that open the noun phrase of a verbless clause; not "that", which
    opens a clause of its own ("while that continues.")."""
    return lexicon.alternation("determiners", exclude={"that"}) + "|such"

_CONJUNCTIONS = ["while", "although", "though", "whereas", "because", "unless", "whether"]


def _nominal(word: str) -> bool:
    """Can *word* not be a verb?  Conservative: anything that might be one says no."""
    low = word.lower().strip("’'")
    if low in lexicon.words("auxiliaries", "modals") or low in lexicon.words("prepositions") or low in lexicon.words("conjunctions"):
        return False
    return not low.endswith(("ed", "ing", "en", "s"))


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
    messages = Messages(verbless="'{conj}' opens a clause with no verb ('{seen}'): a word seems to be missing")
    kinds = PROSE
    unit = "paragraph"

    @options
    class Options:
        conjunctions: list[str] = option(_CONJUNCTIONS, "conjunctions that must be followed by a verb")
        max_words: int = option(5, "the longest noun phrase (in words) judged", minimum=1)

    o: Options

    def setup(self) -> None:
        words = "|".join(re.escape(w) for w in self.o.conjunctions)
        # The conjunction, then a determiner and words up to the end of the sentence.
        self._pattern = re.compile(
            rf"\b({words})\s+((?:{_noun_phrase_openers()})\s+{WORD}(?:\s+{WORD})*)\s*[.!?]{CLOSERS}\s*$",
            re.IGNORECASE,
        )

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        for sentence in para.sentences:
            m = self._pattern.search(sentence.text)
            if m is None:
                continue
            phrase = m.group(2).split()
            if len(phrase) > self.o.max_words + 1 or not all(_nominal(w) for w in phrase[1:]):
                continue
            yield Hit(
                start=sentence.start + m.start(1),
                end=sentence.start + m.end(2),
                message=self.say("verbless", conj=m.group(1), seen=f"{m.group(1)} {m.group(2)}"),
            )
