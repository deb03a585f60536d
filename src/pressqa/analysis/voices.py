"""Whose words each paragraph holds: the release's own voice, or one speaker's in a transcript.

A transcript records people speaking (:mod:`pressqa.model.structure` marks its turns as
``speech``).  Each speaker chooses their own words, so what must be consistent in one voice
(``toward`` / ``towards``, US or UK spelling) is not a defect between two speakers.  A turn
opens with its speaker's label (``MR PRICE:``); the paragraphs after it, up to the next label,
are the same turn.  A label that names no one (``QUESTION:``, ``Q:``; ``rules/lexicon/
unnamed-speakers.txt``) may be another person at every turn, so each such turn is a voice of
its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pressqa.analysis import lexicon

if TYPE_CHECKING:
    from pressqa.checks import Context
    from pressqa.model.document import Document

#: The voice of the release's own prose (and of everything that is not a transcript's speech).
RELEASE = ""

_NOT_NAME = re.compile(r"[^\w\s]")


def voices(doc: "Document", ctx: "Context | None" = None) -> list[str]:
    """Per paragraph (by index), whose words it holds: :data:`RELEASE`, or a key for one speaker
    (``MR PRICE`` and ``MR. PRICE`` are one key); memoised per document through *ctx*."""
    if ctx is None:
        return _voices(doc)
    return ctx.memo("voices", lambda: _voices(doc))


def _voices(doc: "Document") -> list[str]:
    out: list[str] = []
    current = RELEASE
    unnamed = lexicon.words("unnamed-speakers")
    for para in doc.paragraphs:
        if para.kind != "speech":
            out.append(RELEASE)
            current = RELEASE
            continue
        label = para.speaker  # the label of the turn it opens (pressqa.model.structure)
        if label is not None:
            key = " ".join(_NOT_NAME.sub(" ", label).split()).upper()
            # An unnamed label is a voice of its own at each turn (two journalists, one "QUESTION").
            current = f"{key} #{para.index}" if key.lower() in unnamed else key
        elif current == RELEASE:
            current = f"turn #{para.index}"  # speech before any label: a turn of its own
        out.append(current)
    return out
