"""Spans of a document that its parts hand each other (a sentence, with its paragraph's index)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index into Document.paragraphs
