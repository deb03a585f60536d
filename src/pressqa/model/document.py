"""The document model: decoded text, positions, paragraphs and sentences.

Character offsets into the decoded text (without its byte-order mark) are the
truth.  Line and column numbers (1-based, columns counted in characters, that is
code points) are computed from them once, by bisecting over the line starts.
CRLF, a lone CR, tabs, a BOM and characters outside the BMP never shift a position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Sequence

from pressqa.errors import InputError
from pressqa.model.sourcemap import SourceMap
from pressqa.model.spans import Sentence, Span, offsets  # noqa: F401 (re-exported: the model's records)

if TYPE_CHECKING:
    from array import array

    from pressqa.model.quotes import Quotations

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

_NEWLINE = re.compile(r"\r\n|\r|\n")


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """Decode raw bytes into text.

    Returns ``(text, encoding, bom)``.  Without an explicit *encoding*, UTF-8 (with
    or without a BOM) and UTF-16/32 with a BOM are accepted; anything else raises
    :class:`InputError` naming the file and the offset of the first bad byte.
    """
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"not valid {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start}"
            ) from None
        bom = b""
        if text.startswith("\ufeff"):
            text = text[1:]
            bom = "\ufeff".encode(encoding)
        _reject_binary(text, path, encoding, len(bom))
        return text, encoding, bom
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark):].decode(codec)
            except UnicodeDecodeError as exc:
                offset = exc.start + len(mark)
                raise InputError(
                    path, f"not valid {codec} (after its byte-order mark): byte 0x{data[offset]:02x} at offset {offset}"
                ) from None
            _reject_binary(text, path, codec, len(mark))
            return text, codec, mark
    nul = data.find(b"\x00")
    if nul != -1:
        # Before decoding: a PNG or a .docx is "binary", not "bad UTF-8, try --encoding".
        raise InputError(path, f"looks like a binary file: NUL byte at offset {nul}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "(use --encoding to read another encoding)",
        ) from None
    return text, "utf-8", b""


def _reject_binary(text: str, path: str, codec: str, skip: int) -> None:
    """A NUL character does not occur in a release: the file is binary (or not in the encoding it was read in).

    *skip* is the length of the byte-order mark before the text, to report the NUL's byte offset in the file.
    """
    nul = text.find("\x00")
    if nul != -1:
        offset = skip + len(text[:nul].encode(codec, errors="replace"))
        raise InputError(path, f"looks like a binary file: NUL byte at offset {offset}")


class Paragraph:
    """A run of non-blank lines.  ``start``/``end`` cover its first to last non-blank character.

    A plain class with slots (see :mod:`pressqa.model.spans`); ``text`` is sliced from the
    document's text when asked.  Its ``lines`` and ``sentences`` are kept as flat arrays of
    offsets and handed out as fresh lists of :class:`Span` and :class:`Sentence` on each
    access: every paragraph stays alive for the whole run, and a record per line and
    sentence (object and int objects) cost ~1.5 MB per MB of text where the offsets cost
    ~0.1.  A paragraph of one line, or of one sentence, that covers it all keeps nothing.
    """

    __slots__ = ("index", "start", "end", "kind", "speaker", "_lines", "_sentences", "_source")
    _lines: "array[int] | tuple[()] | None"  # None: one line, start to end
    _sentences: "array[int] | tuple[()] | list[Sentence] | None"  # None: one sentence, start to end

    def __init__(self, index: int, start: int, end: int, source: str, lines: list[Span], kind: str = "body",
                 sentences: list[Sentence] | None = None) -> None:
        """*source* is the whole document text: the paragraph is ``source[start:end]``."""
        self.index = index
        self.start = start
        self.end = end
        self.kind = kind  # set by pressqa.structure: see KINDS there
        self.speaker: str | None = None  # the label of the transcript turn it opens (pressqa.structure)
        self._source = source
        self.lines = lines
        self.sentences = sentences if sentences is not None else []

    @property
    def lines(self) -> list[Span]:
        """Its lines, each from its first to its last non-blank character."""
        pairs = self._lines
        if pairs is None:
            return [Span(self.start, self.end)]
        return [Span(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]

    @lines.setter
    def lines(self, lines: list[Span]) -> None:
        if len(lines) == 1 and lines[0].start == self.start and lines[0].end == self.end:
            self._lines = None
        else:
            self._lines = _pairs(lines, len(self._source))

    @property
    def sentences(self) -> list[Sentence]:
        """Its sentences (set by :mod:`pressqa.model.segment` when the document is split)."""
        pairs = self._sentences
        if pairs is None:
            return [Sentence(self.start, self.end, self._source, self.index)]
        if isinstance(pairs, list):
            return list(pairs)
        source, index = self._source, self.index
        return [Sentence(pairs[i], pairs[i + 1], source, index) for i in range(0, len(pairs), 2)]

    @sentences.setter
    def sentences(self, sentences: list[Sentence]) -> None:
        if any(s.paragraph != self.index or s._source is not self._source for s in sentences):
            self._sentences = list(sentences)  # not this paragraph's own: kept as given
        elif len(sentences) == 1 and sentences[0].start == self.start and sentences[0].end == self.end:
            self._sentences = None
        else:
            self._sentences = _pairs(sentences, len(self._source))

    @property
    def text(self) -> str:
        return self._source[self.start:self.end]

    @property
    def is_prose(self) -> bool:
        return self.kind == "body"

    def _fields(self) -> tuple:
        return (self.index, self.start, self.end, self.text, self.lines, self.kind, self.sentences)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable (kind, sentences), as the dataclass was

    def __repr__(self) -> str:
        return (f"Paragraph(index={self.index!r}, start={self.start!r}, end={self.end!r}, text={self.text!r}, "
                f"lines={self.lines!r}, kind={self.kind!r}, sentences={self.sentences!r})")


def _pairs(spans: "list[Span] | list[Sentence]", text_length: int) -> "array[int] | tuple[()]":
    """The starts and ends of *spans*, flat: ``[start0, end0, start1, end1, ...]`` (empty: a shared tuple)."""
    if not spans:
        return ()
    pairs = offsets(text_length)
    for span in spans:
        pairs.append(span.start)
        pairs.append(span.end)
    return pairs


class Document:
    """One text to check, with its positions, paragraphs and sentences."""

    def __init__(self, text: str, path: str = "<text>", encoding: str = "utf-8", bom: bytes = b"") -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        self.bom = bom
        # An array, not a list: 4 bytes a line, not ~36 (see model.spans.offsets).
        starts = offsets(len(text))
        starts.append(0)
        for m in _NEWLINE.finditer(text):
            starts.append(m.end())
        self.line_starts = starts
        #: Where the text came from, when it is not the file's own text (Markdown, HTML, Word):
        #: set by :mod:`pressqa.inputs`; findings are reported at the source's lines and columns.
        self.source: SourceMap | None = None

    @classmethod
    def from_bytes(cls, data: bytes, path: str, encoding: str | None = None) -> "Document":
        text, codec, bom = decode(data, path, encoding)
        return cls(text, path=path, encoding=codec, bom=bom)

    # -- positions -----------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset) - 1
        # An offset inside a CRLF pair belongs to the line the pair ends.
        return line + 1, offset - self.line_starts[line] + 1

    def end_position(self, end: int, start: int) -> tuple[int, int]:
        """Position just after the last character of the span [start, end)."""
        if end <= start:
            return self.position(start)
        return self.position(end)

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position` (1-based line and column)."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def source_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source file of a checked-text offset."""
        return self.source.position(offset) if self.source is not None else self.position(offset)

    def source_line_text(self, line: int) -> str:
        """The text of a 1-based line of the source file (what a report shows under a finding)."""
        return self.source.line_text(line) if self.source is not None else self.line_text(line)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    # -- structure -------------------------------------------------------------------

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        from pressqa.model.structure import classify
        from pressqa.model.segment import split_sentences

        paragraphs = _split_paragraphs(self)
        classify(self, paragraphs)
        for para in paragraphs:
            para.sentences = split_sentences(self, para)
        return paragraphs

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    @cached_property
    def quotations(self) -> "Quotations":
        """Where the double-quoted text is (:mod:`pressqa.model.quotes`)."""
        from pressqa.model.quotes import Quotations

        return Quotations.of(self)

    def drop_structure(self) -> None:
        """Forget the paragraphs and sentences (built again on demand): a result sent to another
        process needs the text and its line index, not the analyses."""
        self.__dict__.pop("paragraphs", None)
        self.__dict__.pop("_paragraph_starts", None)
        self.__dict__.pop("quotations", None)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph holding *offset*, by bisection (None between paragraphs)."""
        i = bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0:
            para = self.paragraphs[i]
            if para.start <= offset < para.end:
                return para
        return None


def _split_paragraphs(doc: Document) -> list[Paragraph]:
    text = doc.text
    paragraphs: list[Paragraph] = []
    current: list[Span] = []

    def flush() -> None:
        if not current:
            return
        start, end = current[0].start, current[-1].end
        paragraphs.append(Paragraph(len(paragraphs), start, end, text, list(current)))
        current.clear()

    starts = doc.line_starts
    in_comment = False
    # Text exported with no blank lines between paragraphs (one paragraph a line):
    # each line is a paragraph.  Hard-wrapped prose is not that: most of its lines
    # stop mid-sentence, so it keeps the blank-line rule.
    line_per_paragraph = _one_paragraph_a_line(text, starts)
    for i, line_start in enumerate(starts):
        line_end = starts[i + 1] if i + 1 < len(starts) else len(text)
        raw = text[line_start:line_end].rstrip("\r\n")
        stripped = raw.strip()
        if not stripped:
            flush()
            continue
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw.rstrip())
        span = Span(line_start + lead, line_start + trail)
        # A line that is only an HTML comment (a suppression directive, an editor's
        # note) stands apart: it is never part of the prose above or below it.
        starts_comment = stripped.startswith("<!--") and not in_comment
        if starts_comment or in_comment:
            if starts_comment:
                flush()
            current.append(span)
            in_comment = "-->" not in stripped[4:] if starts_comment else "-->" not in stripped
            if not in_comment:
                if stripped.endswith("-->"):
                    flush()
                # text after the comment's end on the same line stays with the comment line
            continue
        current.append(span)
        if line_per_paragraph:
            flush()
    flush()
    return paragraphs


_LINE_END = re.compile(r"(?:[.!?:…]|[.!?][\"'”’)\]]+)\s*$")


def _one_paragraph_a_line(text: str, starts: "Sequence[int]") -> bool:
    """Is *text* one paragraph a line: several lines, no blank line, and lines too long to be
    hard-wrapped or that mostly end a sentence?"""
    # One line at a time, not a list of every line: that held a second copy of the text.
    count = ended = unwrapped = 0
    over_80 = False
    last = len(starts) - 1
    for i, start in enumerate(starts):
        line = text[start:starts[i + 1] if i < last else len(text)].strip()
        if not line:
            if i < last:
                return False  # a blank line somewhere: paragraphs are blank-line separated
            continue
        count += 1
        if _LINE_END.search(line):
            ended += 1
        if len(line) > 120:
            unwrapped += 1
        if len(line) > 80:
            over_80 = True
    if count < 4:
        return False
    # Lines longer than any wrap width are whole paragraphs; so are lines that end sentences.
    return unwrapped >= 2 or (ended >= 0.5 * count and over_80)
