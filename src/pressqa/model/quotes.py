"""Where the quotations of a document are (double quotes, curly or straight)."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressqa.model.document import Document

OPEN_CURLY = "“"
CLOSE_CURLY = "”"


def quotation_spans(doc: "Document") -> list[tuple[int, int]]:
    """Spans (inside the marks) of double-quoted text, paragraph by paragraph.

    A quotation left open at the end of a paragraph runs to the paragraph's end
    (the multi-paragraph convention reopens it in the next one).
    """
    def compute() -> list[tuple[int, int]]:
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
        return spans

    cached = getattr(doc, "_quotation_spans", None)
    if cached is None:
        cached = compute()
        doc._quotation_spans = cached  # type: ignore[attr-defined]
    return cached


def in_quotation(doc: "Document", offset: int) -> bool:
    """Is *offset* inside a quotation?  The spans are sorted and disjoint, so one bisection answers."""
    spans = quotation_spans(doc)
    starts = getattr(doc, "_quotation_starts", None)
    if starts is None or len(starts) != len(spans):
        starts = [start for start, _ in spans]
        doc._quotation_starts = starts  # type: ignore[attr-defined]
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]
