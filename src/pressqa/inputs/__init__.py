"""Inputs: turn a source file (plain text, Markdown, HTML, Word) into the text to check.

Each format has one module with a ``read(data, path, encoding) -> Document``.
Plain text is checked as it is.  The others build the prose a reader sees and
attach a :class:`~pressqa.model.sourcemap.SourceMap` to the document, so that
findings are reported at the source file's line and column (for Word: the
paragraph number and the character within it).

The format is chosen by the file name's suffix; a name without a known suffix
is read as plain text (a file named ``RELEASE``, standard input).  Formats pressqa
cannot read (PDF, images, old Word ``.doc``) are refused with one clear line.
"""

from __future__ import annotations

import importlib
import os

from pressqa.errors import InputError
from pressqa.model.document import Document

#: File suffix -> format.
SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}

#: Formats whose checked text ``pressqa fix`` can write back into the file byte for byte.
WRITABLE = frozenset({"text", "markdown"})

#: Suffixes of documents pressqa does not read, with what to do instead.
UNSUPPORTED: dict[str, str] = {
    ".pdf": "a PDF",
    ".doc": "an old Word file (save it as .docx)",
    ".odt": "an OpenDocument file (save it as .docx)",
    ".rtf": "an RTF file (save it as .docx)",
    ".pages": "a Pages file (export it as .docx)",
    ".pptx": "a PowerPoint file",
    ".xlsx": "a spreadsheet",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
    ".webp": "an image",
    ".tif": "an image",
    ".tiff": "an image",
    ".bmp": "an image",
    ".heic": "an image",
    ".svg": "an image",
    ".zip": "an archive",
}


def suffix(name: str | None) -> str:
    return os.path.splitext(name or "")[1].lower()


def format_for(name: str | None) -> str:
    """The format a file name stands for (``text`` unless its suffix says otherwise)."""
    return SUFFIXES.get(suffix(name), "text")


def unsupported(name: str | None) -> str | None:
    """Why a file cannot be checked, from its name; None when it can be."""
    what = UNSUPPORTED.get(suffix(name))
    if what is None:
        return None
    return f"unsupported file type {suffix(name)} ({what}); pressqa reads .txt, .md, .html and .docx"


def read(data: bytes, path: str, encoding: str | None = None, fmt: str | None = None) -> Document:
    """The document to check in *data*, read as *fmt* (else as its name's format)."""
    fmt = fmt or format_for(path)
    if fmt == "text":
        return Document.from_bytes(data, path, encoding)
    module = importlib.import_module(f"{__name__}.{fmt}")
    return module.read(data, path, encoding)


def from_text(text: str, path: str, fmt: str | None = None, encoding: str = "utf-8", bom: bytes = b"") -> Document:
    """The document to check for already decoded *text* (an editor's buffer, the text ``pressqa fix``
    just fixed): Markdown and HTML get their map back to *text*; anything else is plain text."""
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        from pressqa.inputs.markdown import document

        return document(text, path, encoding, bom)
    if fmt == "html":
        from pressqa.inputs.html import extract

        checked, mapping = extract(text)
        doc = Document(checked, path=path, encoding=encoding, bom=bom)
        doc.source = mapping
        return doc
    return Document(text, path=path, encoding=encoding, bom=bom)


def refuse_unwritable(path: str, fmt: str | None = None) -> None:
    """Raise the error ``pressqa fix`` gives for a format it cannot write back exactly."""
    fmt = fmt or format_for(path)
    if fmt not in WRITABLE:
        raise InputError(path, f"cannot fix {fmt_name(fmt)} file: it cannot be written back byte for byte "
                               "(run 'pressqa check' on it and mend the source)")


def fmt_name(fmt: str) -> str:
    """The format's name with its article: 'an HTML', 'a Word (.docx)'."""
    return {"html": "an HTML", "docx": "a Word (.docx)", "markdown": "a Markdown"}.get(fmt, f"a {fmt}")
