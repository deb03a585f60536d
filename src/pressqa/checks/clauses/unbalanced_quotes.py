"""Quotation marks that do not balance within a paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from pressqa.checks import Check, Context, kinds_but
from pressqa.checks.messages import Messages
from pressqa.checks.options import options
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph


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


def _reopens(text: str, para: "Paragraph") -> bool:
    head = text[para.start:para.start + 3].lstrip("*_ >")
    return head[:1] in ("“", '"', "„")


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
    messages = Messages(
        unclosed="quotation opened here is never closed in this paragraph",
        unopened="closing quotation mark with no opening mark in this paragraph",
        not_reopened="the quotation opened on line {line} continues into this paragraph, which does not reopen it; "
                     "quotation marks do not balance per paragraph",
    )
    kinds = kinds_but("code")
    # A document unit: a quotation may run on into the next paragraph fed.

    @options
    class Options:
        """No options."""

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        paras = ctx.paragraphs
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
                        yield Hit(start=para.start, end=pos + 1,
                                  message=self.say("not_reopened", line=doc.position(carried)[0]))
                    else:
                        yield Hit(start=pos, end=pos + 1, message=self.say("unopened"))
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
        return Hit(start=pos, end=end, message=self.say("unclosed"))
