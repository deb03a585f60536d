"""Word (.docx): the body's paragraphs, read by python-docx, findings placed by paragraph.

A .docx file has no lines.  Positions are given as **paragraph and character**:
the *line* of a finding is the number of the paragraph in the document body
(1 for the first, counting every paragraph in reading order, empty ones and
those in table cells too), and the *column* the character within that
paragraph (1 for its first).  A line break inside a paragraph (Shift+Enter) is
one character; a tab is one.

Checked: body paragraphs and table cells, in reading order; a paragraph in a
Heading or Title style is a heading (marked ``#`` for the document model), one
in a List style a list item.  Not checked: headers, footers, comments,
footnotes, text boxes and tracked deletions.  ``pressqa fix`` does not write .docx
files: the prose it checks is not the file's bytes.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Iterator

from pressqa.errors import InputError
from pressqa.model.sourcemap import SourceMap, TextBuilder

if TYPE_CHECKING:
    from pressqa.model.document import Document


def _paragraphs(document) -> Iterator[tuple[str, str]]:
    """(text, style name) of every body paragraph in reading order, table cells row by row."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table(block)
        else:
            yield block.text, _style(block)


def _table(table) -> Iterator[tuple[str, str]]:
    from docx.table import Table

    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    yield from _table(block)
                else:
                    yield block.text, _style(block)


def _style(paragraph) -> str:
    try:
        return (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        return ""


def extract(paragraphs: list[tuple[str, str]]) -> tuple[str, SourceMap]:
    """The checked text of *paragraphs* ((text, style) pairs), and the map back to them:
    the source text is the paragraphs one a line, so line = paragraph number."""
    lines = [text.replace("\r", " ").replace("\n", " ") for text, _ in paragraphs]
    source = "\n".join(lines)
    out = TextBuilder(len(source))
    start = 0
    for (text, style), line in zip(paragraphs, lines):
        if text.strip():
            style = style.lower()
            if style.startswith(("heading", "title", "subtitle")):
                level = style.rsplit(" ", 1)[-1]
                out.add("#" * (int(level) if level.isdigit() and 0 < int(level) < 7 else 1) + " ", start,
                        contiguous=False)
            elif style.startswith("list"):
                out.add("- ", start, contiguous=False)
            lead = len(text) - len(text.lstrip())
            body = text.strip().replace("\r", "\n")
            out.add(body, start + lead)
            out.separate("\n\n")
        start += len(line) + 1
    checked, offsets = out.finish(len(source))
    return checked, SourceMap(source, offsets, "docx")


def read(data: bytes, path: str, encoding: str | None = None) -> "Document":
    """A .docx file as the document to check (``encoding`` does not apply: the file says its own)."""
    import zipfile

    from pressqa.model.document import Document

    try:
        import docx  # python-docx, ~70 ms: imported only when a .docx is read
    except ImportError:
        raise InputError(path, "reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable .docx file ({exc})") from None
    except Exception as exc:  # python-docx raises its own and lxml's errors for a broken package
        raise InputError(path, f"not a readable .docx file ({type(exc).__name__}: {exc})") from None
    checked, mapping = extract(list(_paragraphs(document)))
    doc = Document(checked, path=path, encoding="utf-8")
    doc.source = mapping
    return doc
