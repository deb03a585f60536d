"""A modal verb with no verb after it: ``who will the Canadarm2``."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context
from pressqa.checks.clauses.common import PROSE
from pressqa.checks.messages import Messages
from pressqa.checks.options import options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph


@cache
def _pattern() -> re.Pattern[str]:
    """A modal, then a determiner where its verb should be."""
    # A modal after an article or a possessive is a noun ("the will", "his might"); "this" and
    # "that" after one are a pronoun or a time ("could that help", "will this week announce").
    nouns = sorted(lexicon.words("articles", "possessives", "determiners") - {"this", "that", "these", "those", "whose"})
    return re.compile(
        "".join(rf"(?<!\b{w} )" for w in nouns)
        + r"\b(" + lexicon.alternation("modals") + r")\s+(?:not\s+)?"
        r"(" + lexicon.alternation("determiners", exclude={"this", "that"}) + r")\s"
    )


@cache
def _fronted() -> re.Pattern[str]:
    """A restrictive or negative adverbial fronted in the clause inverts what follows it:
    "only through diplomacy can the parties", "never before have the ...", "not until ... will the"."""
    return re.compile(r"\b(?:" + lexicon.alternation("fronted-negatives") + r")\b", re.I)


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
    messages = Messages(no_verb="'{modal}' is followed by '{det}' with no verb between: a word seems to be missing")
    kinds = PROSE
    unit = "paragraph"

    @options
    class Options:
        """No options."""

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        for sentence in para.sentences:
            if sentence.text.rstrip().rstrip("\"'”’)]").endswith("?"):
                continue
            for m in _pattern().finditer(sentence.text):
                if m.start() == 0 or not sentence.text[:m.start()].strip(" \"“‘'("):
                    continue  # sentence-initial: a question or a wish
                if _inverted(sentence.text[:m.start()], m.group(1)):
                    continue
                yield Hit(
                    start=sentence.start + m.start(1),
                    end=sentence.start + m.end(2),
                    message=self.say("no_verb", modal=m.group(1), det=m.group(2)),
                )
