"""Brackets that do not balance within a paragraph: a lost bracket, and often a lost clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.checks import Check, Context, kinds_but
from pressqa.checks.messages import Messages
from pressqa.checks.options import options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

_OPEN_BRACKETS = {"(": ")", "[": "]"}
_CLOSE_BRACKETS = {")": "(", "]": "["}
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")


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
    messages = Messages(
        unopened="closing '{mark}' with no opening bracket",
        unclosed="'{mark}' is never closed in this paragraph",
    )
    kinds = kinds_but("code", "table")
    unit = "paragraph"

    @options
    class Options:
        """No options."""

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        text = doc.text
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
                if pos > 0 and text[pos - 1] in ":;=":
                    continue  # :)
                yield Hit(start=pos, end=pos + 1, message=self.say("unopened", mark=ch))
        for pos, ch in stack:
            yield Hit(start=pos, end=pos + 1, message=self.say("unclosed", mark=ch))
