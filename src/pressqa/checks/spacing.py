"""Spaces in the wrong place around words: two words run together, a space before a comma."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context, kinds_but
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Edit, Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

_LOWER_WORD = re.compile(r"(?<![\w@./#&-])([a-z]{5,24})(?![\w@/#&-]|\.[a-z])")

def _known(word: str) -> bool:
    from pressqa.analysis.commonwords import is_common_word

    return word in lexicon.function_words() or is_common_word(word)


def split_run_together(token: str) -> tuple[str, str] | None:
    """Two words that *token* is made of, one of them a function word (``respond`` + ``to``),
    when *token* is not a word itself; None otherwise."""
    from pressqa.analysis.commonwords import is_common_word

    if is_common_word(token):
        return None
    # Function words that never fuse with the next or the previous word into a new English word
    # ("respondto", "beimplemented", "ofthe"): rules/lexicon/run-together-heads.txt and -tails.txt.
    for head in sorted(lexicon.words("run-together-heads")):
        rest = token[len(head):]
        if token.startswith(head) and len(rest) >= 2 and _known(rest):
            return head, rest
    for tail in sorted(lexicon.words("run-together-tails")):
        rest = token[: -len(tail)]
        if token.endswith(tail) and len(rest) >= 2 and _known(rest):
            return rest, tail
    return None


class RunTogetherWords(Check):
    """Two words run together with no space: ``ready to respondto the request``, ``to beimplemented``.

    **What it does.** Reports a lowercase word that is not an English word but is
    two words written as one, one of them a function word (``to``, ``be``,
    ``the``, ``of``, ``and``...), and offers the two words as the fix.

    **Why.** A space lost in editing fuses two words; a spell checker calls the
    result a misspelling and suggests the wrong word (``reimplemented``), and
    the sentence reads as broken.

    **Example.** ``The agency was ready to respondto the request`` is reported
    at ``respondto`` with the suggestion ``respond to``.

    **Leaves alone.** Words of the word list (``together``, ``inform``,
    ``thereof``), compounds with prefixes that do fuse in English (``on-``,
    ``in-``, ``up-``, ``out-``, ``over-``, ``by-``: ``onboarding``, ``inbound``),
    capitalized words and names, and anything in URLs, e-mail addresses,
    handles and file names.
    """

    type = "run-together"
    fixable = True
    messages = Messages(run_together="'{seen}' is two words run together: '{fixed}'")
    kinds = kinds_but("code", "table", "contact")
    unit = "paragraph"

    @options
    class Options:
        allow: list[str] = option([], "words that are written as one in your copy")

    o: Options

    def setup(self) -> None:
        self.allow = {w.lower() for w in self.o.allow}

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        for m in _LOWER_WORD.finditer(doc.text, para.start, para.end):
            token = m.group(1)
            if token in self.allow:
                continue
            parts = split_run_together(token)
            if parts is None:
                continue
            fixed = " ".join(parts)
            yield Hit(
                start=m.start(1),
                end=m.end(1),
                message=self.say("run_together", seen=token, fixed=fixed),
                suggestion=fixed,
                fix=(Edit(m.start(1), m.end(1), fixed),),
            )


# A comma, semicolon or full stop (not an ellipsis, a decimal or an extension) that ends a word's run.
_MARK = r"([,;]|\.(?![.\w]))(?=\s|$)"
_SPACE_BEFORE = re.compile(r"(?<=[^\W_])([ \t]+)" + _MARK)


# A URL, domain, handle or e-mail address: set off from a full stop on purpose, so that the stop
# is not read as part of it ("...at www.rewardsforjustice.net .", "@UnderSecPD .").
_ADDRESS = re.compile(r"[/@_]|^www\.|\.[a-z]{2,}$", re.I)


# A space before a mark, and the token before it.
_GAP = re.compile(r"(\S+)[ \t]+" + _MARK)


def _names_withheld(doc: "Document", ctx: Context, para: "Paragraph") -> bool:
    """Is *para* speech of a transcript whose speech shows gaps where names were taken out: a
    space before a mark right after another mark or a function word (``turn it over to , I``,
    ``Thanks, .``)?  Then its other gaps (``my colleague .``) are most likely names too."""

    def compute() -> bool:
        dangling = lexicon.dangling()
        for spoken in doc.paragraphs:
            if spoken.kind != "speech":
                continue
            for m in _GAP.finditer(doc.text, spoken.start, spoken.end):
                before = m.group(1)
                if before[-1] in ",;:" or before.lower() in dangling:
                    return True
        return False

    return para.kind == "speech" and ctx.memo("spacing.withheld_names", compute)


class SpaceBeforePunctuation(Check):
    """A space before a comma, semicolon or full stop: ``Armenia , and``, ``the war .``

    **What it does.** Reports spaces between a word and the comma, semicolon or
    full stop after it, and offers the safe fix of deleting them.

    **Why.** English sets these marks against the word before them; a space there
    is a slip of editing (a word deleted, a clause rewritten) that the eye reads
    over and a CMS can break the line at.

    **Example.** ``The delegation visited Armenia , and then Georgia`` is
    reported at the space before the comma.

    **Leaves alone.** Ellipses (``and so on ...``), a full stop that starts a
    number or a file extension (``.5``, ``.pdf``), tables, code and contact
    blocks, spaces at the start of a line, gaps after a function word or a mark
    (``joining us today is , , and .``: names withheld from a transcript, a
    link's text lost; the gap is the defect, not the space), a URL or address
    set off from its full stop, and the speech of a transcript that withholds
    names (a background briefing: ``I'll turn it over to , who``, ``Thanks, .``),
    where a space before a mark is most often a name taken out (``my colleague .``).
    """

    type = "space-before-punctuation"
    fixable = True
    messages = Messages(space_before="space before '{mark}' in '{seen}'")
    kinds = kinds_but("code", "table", "contact")
    unit = "paragraph"

    @options
    class Options:
        """No options."""

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        if _names_withheld(doc, ctx, para):
            return
        text = doc.text
        for m in _SPACE_BEFORE.finditer(text, para.start, para.end):
            mark = m.group(2)
            word = re.search(r"[^\W_][\w'’-]*$", text[max(para.start, m.start() - 40):m.start()])
            token = text[text.rfind(" ", para.start, m.start()) + 1:m.start()]
            if word is None or word.group().lower() in lexicon.dangling() or _ADDRESS.search(token):
                continue  # a gap where words were lost, or an address kept apart from its full stop
            seen = (word.group() if word else "") + m.group(1) + mark
            yield Hit(
                start=m.start(1),
                end=m.end(2),
                message=self.say("space_before", mark=mark, seen=seen),
                suggestion=seen.replace(m.group(1), ""),
                fix=(Edit(m.start(1), m.end(1), ""),),
            )
