"""Where the quotations of a document are (double quotes, curly or straight)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressqa.model.document import Document

OPEN_CURLY = "“"
CLOSE_CURLY = "”"


class Quotations:
    """The double-quoted spans of one document (inside the marks), sorted and disjoint."""

    __slots__ = ("spans", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [start for start, _ in spans]

    @classmethod
    def of(cls, doc: "Document") -> "Quotations":
        """Find them paragraph by paragraph.

        A quotation left open at the end of a paragraph runs to the paragraph's end
        (the multi-paragraph convention reopens it in the next one).
        """
        spans: list[tuple[int, int]] = []
        for para in doc.paragraphs:
            open_at: int | None = None
            for i, ch in enumerate(para.text):
                pos = para.start + i
                if ch == OPEN_CURLY or (ch == '"' and open_at is None):
                    if open_at is None:
                        open_at = pos + 1
                elif ch == CLOSE_CURLY or ch == '"':
                    if open_at is not None:
                        spans.append((open_at, pos))
                        open_at = None
            if open_at is not None:
                spans.append((open_at, para.end))
        return cls(spans)

    def contains(self, offset: int) -> bool:
        """Is *offset* inside a quotation?  One bisection answers."""
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self.spans[i][1]


def quotation_spans(doc: "Document") -> list[tuple[int, int]]:
    """Spans (inside the marks) of double-quoted text (kept with the document, found once)."""
    return doc.quotations.spans


def in_quotation(doc: "Document", offset: int) -> bool:
    """Is *offset* inside a quotation?"""
    return doc.quotations.contains(offset)
