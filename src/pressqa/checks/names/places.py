"""Places against what is known of them: a known place misspelled or miscased.

Knowledge is the evidence here (``rules/places``, pycountry), so the known form is the
suggestion:

- a known name of two words or more with one word miscased (``Sri lanka``) or one word a
  near miss (``Saudi Arabi’s`` where ``Saudi Arabia`` is meant);
- a single word that is one letter away from a known place or people word written in the
  same document, and is itself no known form (``the Belarussian government`` beside
  ``Belarusian``).

Two known forms are never reported against each other (``Korea``/``Korean``,
``Ireland``/``Iceland``: :mod:`pressqa.analysis.places`), and a word written as a given
name (``Imran Khan`` beside ``Iran``, ``Thani Thongphakdi`` beside ``Thai``) names a person,
not a place.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import places
from pressqa.analysis.mentions import Analysis, fold
from pressqa.analysis.similarity import is_inflection, within_one_edit
from pressqa.checks.names.common import lines_text, ordinary
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.checks.names.common import Vocab
    from pressqa.checks.names import NameVariants
    from pressqa.model.document import Document

#: The shortest word compared with a known place on its letters alone.
_MIN_LENGTH = 5


def detect(check: "NameVariants", doc: "Document", an: Analysis, vocab: Vocab, reported: set[str]) -> Iterator[Hit]:
    if not an.tokens:
        return
    yield from _miscased(check, doc, an)
    yield from _multiword_near_misses(check, doc, an, reported)
    yield from _single_near_misses(check, doc, an, vocab, reported)


def _hit(check: "NameVariants", start: int, end: int, seen: str, known: str, lines: list[int], variant: str, expected: str) -> Hit:
    if lines:
        message = check.say("place_written", seen=seen, other=known, lines=lines_text(lines), variant=variant,
                            expected=expected)
    else:
        message = check.say("place", seen=seen, other=known, variant=variant, expected=expected)
    return Hit(start=start, end=end, message=message, suggestion=expected)


def _miscased(check: "NameVariants", doc: "Document", an: Analysis) -> Iterator[Hit]:
    """``Sri lanka``: a known name of several words, its first word capitalized, a later one not."""
    text = doc.text
    toks = an.tokens
    forms = places.multiword_forms()
    # Token by token (one pass over the document, not one search per known name): a capitalized
    # word that starts a known name of several words, followed by its other words.
    for k, tok in enumerate(toks):
        if not tok.text[:1].isupper():
            continue
        following = None
        for words in forms.get(fold(tok.text), ()):
            n = len(words)
            if following is None:
                following = _words_after(text, tok.end, 4)
            if len(following) < n - 1:
                continue
            spans = [(tok.start, tok.end), *following[:n - 1]]
            got = [text[s:e] for s, e in spans]
            if any(fold(g) != w for g, w in zip(got, words)):
                continue
            known = places.display(" ".join(words))
            if not known or len(known.split()) != n:
                continue
            want = known.split()
            if got == want or an.is_skipped(tok.start):
                continue
            if not any(len(e) == 3 and e.isupper() for e in places.entities(known)):
                continue  # a country's name (Sri Lanka); a feature's generic word may be lowercase (Korean peninsula)
            wrong = [j for j, (g, w) in enumerate(zip(got, want)) if g != w]
            if len(wrong) != 1 or not want[wrong[0]][:1].isupper() or got[wrong[0]][:1].isupper():
                continue  # only a capital dropped from a later word (Sri lanka)
            start, end = spans[wrong[0]]
            seen = text[tok.start:spans[-1][1]]
            yield _hit(check, start, end, seen, known, [], got[wrong[0]], want[wrong[0]])


_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_][\w'’-]*)")


def _words_after(text: str, pos: int, most: int) -> list[tuple[int, int]]:
    """The spans of up to *most* words that follow *pos*, each after one space."""
    out: list[tuple[int, int]] = []
    while len(out) < most:
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            break
        out.append((m.start(1), m.end(1)))
        pos = m.end(1)
    return out


def _multiword_near_misses(check: "NameVariants", doc: "Document", an: Analysis, reported: set[str]) -> Iterator[Hit]:
    """``Saudi Arabi``: all words of a known name but one, and that one a letter away."""
    toks = an.tokens
    forms = places.multiword_forms()
    for first, last in an.runs:
        for k in range(first, last + 1):
            for words in forms.get(fold(toks[k].text), ()):
                n = len(words)
                if k + n - 1 > last:
                    continue
                got = [fold(toks[k + j].text) for j in range(n)]
                wrong = [j for j in range(n) if got[j] != words[j]]
                if len(wrong) != 1:
                    continue
                j = wrong[0]
                tok = toks[k + j]
                if len(words[j]) < 4 or not within_one_edit(got[j], words[j]) or got[j][:1] != words[j][:1]:
                    continue
                if places.is_place_form(tok.text) or ordinary(an, tok.text) or tok.text in reported:
                    continue
                seen = doc.text[toks[k].start:toks[k + n - 1].end]
                if places.is_place_form(seen) or is_inflection(got[j], words[j]):
                    continue  # a known form itself (Costa Rica against Costa Rican, Sri Lankans)
                known = places.display(" ".join(words)) or " ".join(words)
                want = known.split()[j] if len(known.split()) == n else words[j]
                lines = _lines_of(doc, an, words)
                reported.add(tok.text)
                yield _hit(check, tok.start, tok.end, seen, known, lines, tok.text, want)


def _lines_of(doc: "Document", an: Analysis, words: tuple[str, ...]) -> list[int]:
    """The lines where the known name *words* is written right."""
    out = set()
    for m in an.places():
        if tuple(fold(an.tokens[i].text) for i in m.tokens) == words:
            out.add(doc.position(m.start)[0])
    return sorted(out)


def _single_near_misses(check: "NameVariants", doc: "Document", an: Analysis, vocab: Vocab, reported: set[str]) -> Iterator[Hit]:
    """``Belarussian`` beside ``Belarusian``: an unknown word a letter from a known one in the document."""
    known: dict[str, list[int]] = {}  # folded known single-word forms written in the document
    for word, indices in vocab.items():
        if len(word) >= _MIN_LENGTH and places.is_place_form(word):
            known.setdefault(fold(word), []).extend(indices)
    if not known:
        return
    for word, indices in vocab.items():
        folded = fold(word)
        if len(folded) < _MIN_LENGTH or word in reported or places.is_place_form(word) or ordinary(an, word):
            continue
        if any(an.place_at(i) is not None for i in indices):
            continue
        if any(an.role(i)[0] in ("given", "middle") for i in indices):
            continue  # Imran Khan, Thani Thongphakdi: a person's name, not a place
        if any(_inside_longer_name(an, i) for i in indices):
            continue  # Europa Clipper, Arabiya in Al Arabiya: a name of its own
        for place, places_at in known.items():
            if place[:1] != folded[:1] or not within_one_edit(folded, place) or len(places_at) < len(indices):
                continue
            if is_inflection(folded, place):
                continue  # a place and its people or adjective (Sweden/Swedes, Philippines/Philippine)
            right = an.tokens[places_at[0]].text
            lines = sorted({doc.position(an.tokens[i].start)[0] for i in places_at})
            reported.add(word)
            for i in indices:
                tok = an.tokens[i]
                yield _hit(check, tok.start, tok.end, tok.text, right, lines, tok.text, right)
            break


def _inside_longer_name(an: Analysis, index: int) -> bool:
    """Is the token written with other capitalized name words in its run (not a title before it)?"""
    tok = an.tokens[index]
    first, last = an.runs[tok.run]
    if first == last:
        return False
    part = an.name_part(tok.run)
    if part is not None and index in part.tokens and len(part.tokens) > 1:
        return True
    if index > first and an.tokens[index - 1].text.lower() in ("al", "el"):
        return True
    return False
