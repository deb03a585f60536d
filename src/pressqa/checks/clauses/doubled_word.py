"""The same word twice in a row: the classic slip of rewriting a sentence in place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.checks import Check, Context, kinds_of
from pressqa.checks.clauses.common import PROSE
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Edit, Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

# A word is at most 64 characters: the pattern is tried from every word boundary, and an
# unbounded word made a long run of "a'a'a'" quadratic (each start scanned to its end).
_PATTERN = re.compile(r"\b([^\W\d_][\w’']{0,63})([ \t]+|[ \t]*\r?\n[ \t]*)(\1)(?![\w’'-])", re.IGNORECASE)

_ALLOWED = ["had", "that", "is", "do", "does", "bye", "so", "ha", "no", "very", "really", "well", "blah", "knock",
            "chop", "tut", "pooh"]


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
    messages = Messages(doubled="doubled word: '{seen}'")
    # Prose, and the short lines a doubling hides in as well as it does in a sentence.
    kinds = PROSE | kinds_of("headline", "heading", "list", "byline", "note")
    unit = "paragraph"

    @options
    class Options:
        allow: list[str] = option(_ALLOWED, "words that may legitimately repeat")

    o: Options

    def setup(self) -> None:
        self.allow = {w.lower() for w in self.o.allow}

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        for m in _PATTERN.finditer(text, para.start, para.end):
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
                message=self.say("doubled", seen=f"{first} {second}"),
                suggestion=first,
                fix=(edit,),
            )
