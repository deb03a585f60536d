"""Two noun phrases run together with no word to join them: a preposition lost in editing."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context
from pressqa.checks.clauses.common import PROSE
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph



@cache
def _pattern() -> re.Pattern[str]:
    """A determiner, up to two words, a noun; then a quantified phrase ("all three countries", "both
    sides") and a look at what follows it."""
    # "one" is no count of several: "all one" does not quantify
    numbers = lexicon.alternation("number-words", exclude={"one"}) + r"|\d+"
    return re.compile(
        r"\b(" + lexicon.alternation("determiners") + r")\s+((?:[a-z][\w-]*\s+){0,2}?)([a-z][\w-]*)\s+"
        r"(all\s+(?:" + numbers + r")|both)\s+([a-z][\w’'-]*)(?=\s*(?:[,;.!?]|\s+(\w+)))"
    )

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s*$")

_TWO_OBJECT_VERBS = [
    "give", "gave", "given", "gives", "giving", "offer", "offered", "offers", "send", "sent", "sends",
    "show", "showed", "shown", "shows", "grant", "granted", "grants", "award", "awarded", "awards",
    "pay", "paid", "pays", "tell", "told", "tells", "lend", "lent", "owe", "owed", "bring", "brought",
    "teach", "taught", "sell", "sold", "hand", "handed", "cost", "wish", "wished", "call", "called",
    "name", "named", "make", "made", "elect", "elected", "appoint", "appointed", "keep", "kept", "leave", "left",
]


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
    messages = Messages(
        run_together="'{first}' and '{second}' run together: a word (of? from?) seems to be missing between them",
    )
    kinds = PROSE
    unit = "paragraph"

    @options
    class Options:
        two_object_verbs: list[str] = option(_TWO_OBJECT_VERBS, "verbs after which two noun phrases in a row are grammar")

    o: Options

    def setup(self) -> None:
        self.two_objects = {w.lower() for w in self.o.two_object_verbs}

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        for m in _pattern().finditer(text, para.start, para.end):
            noun, quantified, after = m.group(3), m.group(5), m.group(6)
            if quantified.lower() in lexicon.words("time-plurals") or noun in lexicon.words("prepositions") or noun in lexicon.words("auxiliaries", "modals"):
                continue
            between = m.group(2).split()
            if (m.group(1) == "that" and not between) or any(w in ("that", "which", "who") for w in between):
                continue  # "an outcome that strengthens all three pillars": a relative pronoun and its verb
            if after is not None and after.lower() not in lexicon.words("prepositions"):
                continue  # "the support all three countries gave": a verb or more of the phrase follows
            before = _WORD_BEFORE.search(text[max(0, m.start() - 30):m.start()])
            if before and before.group(1).lower() in self.two_objects:
                continue
            yield Hit(
                start=m.start(3),
                end=m.end(5),
                message=self.say(
                    "run_together",
                    first=f"{m.group(1)} {m.group(2)}{noun}".replace("  ", " "),
                    second=f"{m.group(4)} {quantified}",
                ),
            )
