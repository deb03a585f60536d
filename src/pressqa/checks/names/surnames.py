"""Stub."""

from __future__ import annotations

from typing import Iterator


def detect(check, doc, an, vocab, reported) -> Iterator:
    return iter(())
