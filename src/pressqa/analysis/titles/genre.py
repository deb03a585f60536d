"""What kind of copy a document is, for the title rules: a transcript, reproduced social-media posts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressqa.checks import Context
    from pressqa.model.document import Document


# A paragraph that opens with a social-media handle and a colon reproduces a post verbatim.
_POST = re.compile(r"@\w{2,}\s*:")


def social_posts(doc: "Document") -> set[int]:
    """Indices of the paragraphs that reproduce a social-media post (``@StateDeptSpox: Special Rep. ...``):
    quoted text keeps its own abbreviations and forms, which the release's style does not govern."""
    return {p.index for p in doc.paragraphs if _POST.match(p.text.lstrip("\"“'‘ "))}


def is_transcript(doc: "Document", ctx: "Context | None" = None) -> bool:
    """Is *doc* a transcript (a briefing, an interview, remarks): a paragraph that opens with a speaker
    label in capitals and goes on for a sentence?  A transcript records what was said: speakers use
    the long and short forms of an office, or say ``USA``, and the record keeps their words."""
    # The document model tells the genre once (pressqa.model.structure): its turns are speech.
    return any(para.kind == "speech" for para in doc.paragraphs)
