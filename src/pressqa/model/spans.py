"""Spans of a document that its parts hand each other: lines, sentences (with their paragraph's index).

Plain classes with slots, not dataclasses: a document of 1 MB has ~30,000 sentences and ~16,000
lines, and a dataclass instance carries a ``__dict__`` (~100 bytes more each), besides ~0.5 ms a
class of start-up.  A sentence keeps a reference to the document's text and slices its own
``text`` when asked, instead of a copy: the copies held as much memory again as the text.
"""

from __future__ import annotations

from array import array

# array("I") holds 4 bytes on every platform CPython runs on; "L" where it does not.
_FOUR_BYTES = "I" if array("I").itemsize == 4 else "L"


def offsets(text_length: int) -> "array[int]":
    """An empty array for character offsets into a text of *text_length* characters.

    Offsets kept for a whole run (line starts, word starts) take 4 bytes each, where a
    list of int objects takes ~36; a text of 4 Gi characters or more, which no release is,
    gets 8-byte offsets rather than an OverflowError.
    """
    return array(_FOUR_BYTES if text_length < (1 << 32) else "Q")


class Span:
    """A half-open range of character offsets into the document text (immutable, hashable)."""

    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.start, self.end) == (other.start, other.end)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.start, self.end))

    def __repr__(self) -> str:
        return f"Span(start={self.start!r}, end={self.end!r})"


class Sentence:
    """A sentence: its span, its text and the index of its paragraph in ``Document.paragraphs``."""

    __slots__ = ("start", "end", "paragraph", "_source")

    def __init__(self, start: int, end: int, source: str, paragraph: int) -> None:
        """*source* is the whole document text: the sentence is ``source[start:end]``."""
        self.start = start
        self.end = end
        self.paragraph = paragraph  # index into Document.paragraphs
        self._source = source

    @property
    def text(self) -> str:
        return self._source[self.start:self.end]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.start, self.end, self.paragraph, self.text) == (
            other.start, other.end, other.paragraph, other.text)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.paragraph))

    def __repr__(self) -> str:
        return f"Sentence(start={self.start!r}, end={self.end!r}, text={self.text!r}, paragraph={self.paragraph!r})"
