"""Helpers shared by the name detectors: line lists for messages, ranking, the name around a word."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Mapping, Sequence

from pressqa.analysis import lexicon
from pressqa.analysis.commonwords import is_common_word
from pressqa.analysis.mentions import Analysis

if TYPE_CHECKING:
    from pressqa.model.document import Document

POSSESSIVE = ("'s", "’s")

#: Each capitalized word of the document (three letters or more, not an acronym) and the
#: indices of its tokens.
Vocab = Mapping[str, Sequence[int]]



def lines_text(lines: list[int], limit: int = 6) -> str:
    shown = [str(n) for n in lines[:limit]]
    if len(lines) > limit:
        shown.append("...")
    if len(shown) == 1:
        return f"line {shown[0]}"
    return "lines " + ", ".join(shown)


def rank(vocab: Vocab, word: str, an: Analysis) -> tuple[int, int, int]:
    """More uses rank higher; on a tie, the form given with the full name (Ken Thompson,
    not a later Thomson), then the form used first."""
    indices = vocab[word]
    full = 0
    for i in indices:
        role, _partner = an.role(i)
        if role in ("given", "surname"):
            full = 1
            break
    return (len(indices), full, -an.tokens[indices[0]].start)


def mention_text(doc: "Document", an: Analysis, index: int) -> str:
    """The name around a token, for messages: ``Antony Blinken`` rather than ``Antony``."""
    tok = an.tokens[index]
    if tok.run >= 0:
        part = an.name_part(tok.run)
        if part is not None and index in part.tokens:
            first = an.tokens[part.tokens[0]]
            last = an.tokens[part.tokens[-1]]
            return doc.text[first.start:last.end]
    return tok.text


_CONTRACTION = re.compile(r"^[A-Za-z]+['’](?:re|ve|ll|d|s|m|t)$|^[A-Za-z]+n['’]t$", re.I)


def ordinary(an: Analysis, word: str) -> bool:
    """Is *word* an ordinary English word, or one the document also writes in lowercase?

    A contraction (``They’re``, ``We’ve``) and a hyphened compound of ordinary words
    (``Roll-on``, ``Roll-off``) are ordinary too: neither is anybody's name."""
    if word.lower() in an.lowercase or is_common_word(word):
        return True
    if _CONTRACTION.match(word):
        return True
    parts = [p for p in word.split("-") if p]
    return len(parts) > 1 and all(
        p.lower() in lexicon.function_words() or p.lower() in an.lowercase or is_common_word(p) for p in parts)


class Canon:
    """One entry of a names list, ready to match."""

    def __init__(self, name: str, tokens: list[str], accept: set[str], reject: list[str]) -> None:
        self.name = name
        self.tokens = tokens  # the name's words, initials left out
        self.accept = accept
        self.reject = reject
