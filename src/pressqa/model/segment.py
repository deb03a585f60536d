"""Sentence segmentation tuned for press copy.

A boundary is a run of ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets after it) followed by whitespace and the start of a new sentence.  It
is *not* a boundary after titles and other abbreviations (``Dr.``, ``Sept. 4``,
``No. 5``), initials (``John F. Kennedy``), or dotted acronyms (``U.S.``,
``a.m.``) unless what follows plainly starts a sentence.  Numbers (``3.5``),
URLs and e-mail addresses hold no whitespace after their dots, so they never
split.  A paragraph that lacks end punctuation ends its last sentence anyway.

Lowercase after a full stop is deliberately not a boundary: the sentence ends
at ``Washington. of the meeting`` only in the writer's mind; the clause check
reports that cut.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pressqa.analysis.lexicon import words
from pressqa.model.spans import Sentence

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

# The abbreviations that (almost) never end a sentence, those that may, the month abbreviations and
# the capitalized words that start sentences are word lists in rules/lexicon/ (read on first use).

# The look-behind starts a run of stops only at its first mark: a match from inside the
# run can only be shorter, and trying from each mark made 50 KB of "!" quadratic.
_CANDIDATE = re.compile(r"(?:(?<![.!?])[.!?]+|…)[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.'’&-]+)$")
_INITIAL = re.compile(r"^[A-Z]$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")  # U.S  a.m  D.C  U.K
_LINE_KINDS = frozenset({"list", "table", "contact"})


_NEXT_WORD = re.compile(r"\s*([\"'“‘«(\[]?)([\w’'.-]*)")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)  # no slicing: a long paragraph must stay linear
    return (m.group(1) + m.group(2)) if m else ""


def is_boundary(text: str, stop_start: int, stop_end: int) -> bool:
    """Does the punctuation run text[stop_start:stop_end] end a sentence?"""
    nxt = _next_word(text, stop_end)
    if not nxt:
        return True  # end of text
    first = nxt[0]
    if first.islower():
        return False
    opener = first in "\"'“‘«(["
    mark = text[stop_start]
    if mark in "!?…":
        return True
    if stop_end - stop_start > 1 and text[stop_start:stop_start + 3] == "...":
        return first.isupper() or opener
    # Only the word right before the stop matters: searching from the paragraph's start
    # for every full stop made long paragraphs quadratic.
    m = _WORD_BEFORE.search(text, max(0, stop_start - 64), stop_start)
    word = m.group(1) if m else ""
    core = word.rstrip(".")
    low = core.lower()
    if not core:
        return True
    if low in words("abbreviations-never-final"):
        return False
    if low in words("month-abbreviations"):
        return not nxt[0].isdigit()  # "Sept. 4": not final before a day number
    if _INITIAL.match(core):
        return False
    if _DOTTED.match(core) or low in words("abbreviations-maybe-final"):
        if opener:
            return True
        bare = nxt.strip("\"'“‘«([").split("’")[0].split("'")[0].rstrip(".").lower()
        return bare in words("sentence-starters", "number-words")
    return True


def split_sentences(doc: "Document", para: "Paragraph") -> list[Sentence]:
    """Split one paragraph into sentences with their spans."""
    if para.kind in _LINE_KINDS:
        return [
            Sentence(span.start, span.end, doc.text, para.index)
            for span in para.lines
        ]
    text = para.text
    base = para.start
    out: list[Sentence] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if m.start() == 0 or not is_boundary(text, m.start(), m.end()):
            continue
        end = m.end()
        if text[start:end].strip():
            out.append(Sentence(base + start, base + end, doc.text, para.index))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        out.append(Sentence(base + start, base + len(text), doc.text, para.index))
    return out
