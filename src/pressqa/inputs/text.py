"""Plain text: checked as it is, positions are the file's own."""

from __future__ import annotations

from pressqa.model.document import Document


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    return Document.from_bytes(data, path, encoding)
