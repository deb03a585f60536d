"""Lowercase technical names that are no English words, spelled two ways (``vuremtamab``/``vuremtimab``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, Sequence

from pressqa.analysis.mentions import Analysis
from pressqa.findings import Hit
from pressqa.analysis.similarity import technical_variant
from pressqa.checks.names.common import POSSESSIVE, lines_text

if TYPE_CHECKING:
    from pressqa.checks.names.common import Vocab
    from pressqa.checks.names import NameVariants
    from pressqa.model.document import Document, Paragraph



def detect(check: "NameVariants", doc: "Document", an: Analysis, vocab: Vocab,
           fed: Sequence["Paragraph"]) -> Iterator[Hit]:
    """Lowercase names that are no English words, spelled two ways (``vuremtamab``/``vuremtimab``),
    in the paragraphs the check is *fed*."""
    from pressqa.analysis.commonwords import is_common_word

    min_length = check.o.min_length_lowercase
    pool: dict[str, list[str]] = {}  # first three letters -> words
    for word in an.lowercase:
        if len(word) < min_length:
            continue
        if word.endswith(POSSESSIVE):
            word = word[:-2]
        if len(word) >= min_length and word.isalpha():
            pool.setdefault(word[:3], []).append(word)
    if not pool:
        return
    # A word written only at the start of sentences (Vuremtimab) is a lowercase word too.
    for word, indices in vocab.items():
        low = word.lower()
        if len(word) >= min_length and word.isalpha() and word[1:].islower() and low not in an.lowercase and low[:3] in pool:
            if all(an.tokens[i].initial for i in indices):
                pool[low[:3]].append(low)
    pairs: list[tuple[str, str]] = []
    for group in pool.values():
        if len(group) < 2:
            continue
        group = sorted(set(group), key=len)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if len(b) - len(a) > 1:
                    break
                if not (a in an.lowercase or b in an.lowercase) or not technical_variant(a, b, min_length):
                    continue
                if is_common_word(a) or is_common_word(b) or check.accepted(a, b):
                    continue  # an English word and its misspelling, or a word and a name
                pairs.append((a, b))
    if not pairs:
        return
    # The paragraphs the engine does not feed the check (code) are no copy to compare.
    kept = {p.index for p in fed}
    left_out = [(p.start, p.end) for p in doc.paragraphs if p.index not in kept]
    places = {w: _lowercase_places(doc, an, w, left_out) for pair in pairs for w in pair}
    best: dict[str, str] = {}
    for a, b in pairs:
        if not places[a] or not places[b]:
            continue
        for minor, major in ((a, b), (b, a)):
            # More uses win; on a tie, the form used first.
            if (len(places[minor]), -places[minor][0]) < (len(places[major]), -places[major][0]):
                current = best.get(minor)
                if current is None or len(places[major]) > len(places[current]):
                    best[minor] = major
    for minor, major in best.items():
        major_lines = sorted({doc.position(start)[0] for start in places[major]})
        for start in places[minor]:
            seen = doc.text[start:start + len(minor)]
            other = major[:1].upper() + major[1:] if seen[:1].isupper() else major
            yield Hit(
                start=start,
                end=start + len(minor),
                message=check.say("lowercase", seen=seen, other=other, lines=lines_text(major_lines),
                                  variant=seen, expected=other),
                suggestion=other,
            )

def _lowercase_places(doc: "Document", an: Analysis, word: str, left_out: list[tuple[int, int]]) -> list[int]:
    """Where *word* is written in lowercase, or capitalized at a sentence's start, outside
    the *left_out* spans (code), URLs and lines in capitals."""
    out = []
    for m in re.finditer(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])", doc.text, re.IGNORECASE):
        seen = m.group()
        if not (seen.islower() or (seen[:1].isupper() and seen[1:].islower())):
            continue
        start = m.start()
        if an.is_skipped(start) or any(a <= start < b for a, b in left_out):
            continue
        out.append(start)
    return out
