"""Where the checked text came from: offsets of the checked text mapped back to the source file.

A plain-text file is checked as it is, and needs no map.  A Markdown, HTML or
Word file is checked as the prose a reader sees, which is not the file's text:
markup, code and link targets are left out.  The reader in :mod:`pressqa.inputs`
that builds that prose records, for every character of it, the offset of the
character in the *source text* it came from.  Findings keep offsets into the
checked text (the truth every check and suppression works with); the engine
turns them into the source's line and column only when it reports them.

For a Word file the source text is the document's paragraphs, one a line, so a
line is a paragraph number and a column a character within that paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Sequence

from pressqa.model.spans import offsets as offset_array

_NEWLINE = re.compile(r"\r\n|\r|\n")


class SourceMap:
    """Checked-text offset -> source offset -> 1-based (line, column) in the source text."""

    def __init__(self, source_text: str, offsets: Sequence[int], kind: str) -> None:
        #: The source file's text (for Word: its paragraphs, one a line).
        self.text = source_text
        #: ``offsets[i]`` is the source offset of checked character *i*; one more entry for the end.
        #: (An array from :class:`TextBuilder`: it lives as long as the document, one entry per
        #: character; a list of ints cost ~40 bytes a character, the array 4.)
        self.offsets = offsets
        #: The format: ``markdown``, ``html`` or ``docx``.
        self.kind = kind
        starts = offset_array(len(source_text))
        starts.append(0)
        for m in _NEWLINE.finditer(source_text):
            starts.append(m.end())
        self.line_starts = starts

    def source_offset(self, offset: int) -> int:
        """The source offset of checked-text *offset* (clamped to the text)."""
        if not self.offsets:
            return 0
        return self.offsets[max(0, min(offset, len(self.offsets) - 1))]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the checked span [start, end): its first character to just after its last."""
        if end <= start:
            point = self.source_offset(start)
            return point, point
        return self.source_offset(start), self.source_offset(end - 1) + 1

    def is_verbatim(self, start: int, end: int, checked: str) -> bool:
        """Is checked [start, end) one unbroken run of the source, character for character?

        Only such a span can be edited in the source by a fix found in the checked text.
        """
        if end < start or end > len(checked):
            return False
        if start == end:
            return True
        first = self.source_offset(start)
        for i in range(start, end):
            if self.offsets[i] != first + (i - start):
                return False
        return self.text[first:first + (end - start)] == checked[start:end]

    def source_range(self, start: int, end: int, checked: str) -> tuple[int, int] | None:
        """Source offsets of the checked span [start, end) when a fix may edit it there: the span
        is an unbroken run of the source (an insertion: a point).  None when it is not."""
        if start == end:
            point = self.source_offset(start)
            return point, point
        if not self.is_verbatim(start, end, checked):
            return None
        first = self.source_offset(start)
        return first, first + (end - start)

    @property
    def writable(self) -> bool:
        """Can fixes found in the checked text be written into the source?  Markdown's, yes:
        its prose is the file's own characters.  HTML's and Word's, no (entities, runs, zip)."""
        return self.kind == "markdown"

    def position_of(self, source_offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        source_offset = max(0, min(source_offset, len(self.text)))
        line = bisect_right(self.line_starts, source_offset) - 1
        return line + 1, source_offset - self.line_starts[line] + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based source (line, column) of checked-text *offset*."""
        return self.position_of(self.source_offset(offset))

    def end_position(self, end: int, start: int) -> tuple[int, int]:
        """Source position just after the last character of the checked span [start, end)."""
        return self.position_of(self.source_span(start, end)[1])

    def line_text(self, line: int) -> str:
        """The text of a 1-based source line, without its line ending ('' past the end)."""
        if not 1 <= line <= len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


class TextBuilder:
    """Builds checked text piece by piece, remembering each character's source offset.

    *source_length*, the length of the source text, chooses 4-byte offsets (8 bytes past 4 Gi
    characters); without it they are 4 bytes, and a larger offset is an OverflowError.
    """

    def __init__(self, source_length: int = 0) -> None:
        self.chars: list[str] = []
        self.offsets = offset_array(source_length)

    def add(self, text: str, source_offset: int, contiguous: bool = True) -> None:
        """Append *text*; with *contiguous* its characters come from consecutive source offsets,
        otherwise every one of them maps to *source_offset* (a separator, a mark of structure)."""
        self.chars.extend(text)
        if contiguous:
            self.offsets.extend(range(source_offset, source_offset + len(text)))
        else:
            self.offsets.extend([source_offset] * len(text))

    def add_mapped(self, text: str, offsets: Sequence[int]) -> None:
        """Append *text* whose characters come from the given source offsets, one each."""
        assert len(text) == len(offsets)
        self.chars.extend(text)
        self.offsets.extend(offsets)

    @property
    def length(self) -> int:
        return len(self.chars)

    def ends_with(self, suffix: str) -> bool:
        return "".join(self.chars[-len(suffix):]) == suffix if self.chars else False

    def separate(self, separator: str, source_offset: int | None = None) -> None:
        """End the current block with *separator* (``"\n\n"`` between paragraphs), once;
        blanks before it are dropped.  The separator maps to just after the block."""
        if not self.chars:
            return
        while self.chars and self.chars[-1] in " \t":
            self.chars.pop()
            self.offsets.pop()
        have = 0
        while have < len(self.chars) and self.chars[-1 - have] == "\n":
            have += 1
        if have < len(separator):
            where = source_offset if source_offset is not None else (self.offsets[-1] + 1 if self.offsets else 0)
            self.add("\n" * (len(separator) - have), where, contiguous=False)

    def finish(self, end_offset: int) -> tuple[str, Sequence[int]]:
        """The checked text, with one final newline at most, and its offsets (one more entry:
        the end, which maps to *end_offset*).  The builder is spent: its offsets are handed over."""
        while len(self.chars) > 1 and self.chars[-1] == "\n" and self.chars[-2] == "\n":
            self.chars.pop()
            self.offsets.pop()
        text = "".join(self.chars)
        self.chars = []
        self.offsets.append(end_offset)
        return text, self.offsets
