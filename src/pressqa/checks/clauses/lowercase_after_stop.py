"""A sentence that starts in lowercase after a full stop: the trace of a cut or a stray stop."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context
from pressqa.checks.clauses.common import PROSE, SPEECH
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph


@cache
def _particle_run() -> re.Pattern[str]:
    """Lowercase particles that start surnames (von der Leyen, de Gaulle, bin Salman), then a capital."""
    return re.compile(r"(?:\s+(?:" + lexicon.alternation("name-particles") + r"))*\s+[A-Z]")


# The word before the stop is bounded (64 characters) for the same reason as DoubledWord's.
_PATTERN = re.compile(r"(?<![.\w@/-])([^\W_][\w’'-]{0,63})\.([ \t]+|[ \t]*\r?\n[ \t]*)([a-z][\w’'-]*)")


def _in_url(text: str, pos: int) -> bool:
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:pos + 60].split(None, 1)[0] if text[start:pos + 60].strip() else ""
    return "://" in token or "@" in token or token.lower().startswith("www.")


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
    messages = Messages(lowercase="sentence starts in lowercase after a full stop: '{seen}'")
    kinds = PROSE | SPEECH
    unit = "paragraph"

    @options
    class Options:
        exceptions: list[str] = option([], "words before a full stop that are abbreviations in your copy")

    o: Options

    def setup(self) -> None:
        self.exceptions = {w.lower().rstrip(".") for w in self.o.exceptions}

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        for m in _PATTERN.finditer(text, para.start, para.end):
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
                message=self.say("lowercase", seen=f"{before}. {after}"),
            )
