"""The text sent to LanguageTool for each paragraph, and the map of its offsets back to the document."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressqa.backends.ltbase import LTMatch
    from pressqa.model.document import Document, Paragraph

STRAIGHT_QUOTES = "\"'"
OPENING_QUOTES = "\"'“‘«"


class Piece:
    """The text sent for one paragraph, and the document offset of each of its characters."""

    __slots__ = ("text", "offsets", "kind")

    def __init__(self, text: str, offsets: list[int], kind: str = "body") -> None:
        self.text = text
        self.offsets = offsets  # len(text) + 1 entries: the last is the paragraph's end
        self.kind = kind  # the paragraph's kind (body, speech...)

    def span(self, start: int, length: int) -> tuple[int, int]:
        """Document offsets of the sent text's [start, start + length)."""
        if length <= 0:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[start + length - 1] + 1


def prepare(doc: "Document", para: "Paragraph") -> Piece:
    """The paragraph's lines joined by single spaces (a line break is not a paragraph
    break to the reader), with the map back to document offsets."""
    parts: list[str] = []
    offsets: list[int] = []
    lines = para.lines  # a fresh list on each access (see model.document.Paragraph)
    for i, line in enumerate(lines):
        if i:
            parts.append(" ")
            offsets.append(lines[i - 1].end)
        parts.append(doc.text[line.start:line.end])
        offsets.extend(range(line.start, line.end))
    offsets.append(para.end)
    return Piece("".join(parts), offsets, para.kind)


def continued_quotation(piece: Piece, match: "LTMatch", following: Piece | None) -> bool:
    """Is an unpaired opening quote the press convention for a quotation that runs on:
    the paragraph leaves it open and the next one opens again?"""
    if following is None or match.length != 1:
        return False
    mark = piece.text[match.offset]
    if mark not in OPENING_QUOTES:
        return False
    if mark in STRAIGHT_QUOTES:
        after = piece.text[match.offset + 1:match.offset + 2]
        before = piece.text[match.offset - 1:match.offset] if match.offset else ""
        if not after or after.isspace() or (before and not before.isspace() and before not in "([{—–-"):
            return False  # a straight quote that closes something
    return following.text[:1] in OPENING_QUOTES


def quote_message(word: str, message: str) -> str:
    """LanguageTool's message with the flagged text in front, so that a log says what it is about:
    ``'recieved': possible spelling mistake found``."""
    text = message.strip().rstrip(".")
    if text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]
    shown = word if len(word) <= 40 else word[:37] + "..."
    return f"'{shown}': {text}" if shown.strip() else text
