"""Hyphenated names that differ in one part (``Adebayo-Martin``/``Adebayo-Martins``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from pressqa.analysis.mentions import Analysis, fold
from pressqa.findings import Hit
from pressqa.analysis.similarity import is_given_name_pair, is_inflection, within_one_edit
from pressqa.checks.names.common import lines_text, ordinary

if TYPE_CHECKING:
    from pressqa.checks.names import NameVariants
    from pressqa.model.document import Document



def _compounds(an: Analysis) -> dict[tuple[str, ...], list[tuple[int, ...]]]:
    """Capitalized words joined by hyphens inside a name (``Adebayo-Martins``): their folded
    parts -> the token indices of each occurrence."""
    text = an.doc.text
    toks = an.tokens
    out: dict[tuple[str, ...], list[tuple[int, ...]]] = {}
    for first, last in an.runs:
        k = first
        while k < last:
            j = k
            while j < last and toks[j].full_end == toks[j].end and text[toks[j].end:toks[j + 1].start] in ("-", "‐"):
                j += 1
            if j > k:
                indices = tuple(range(k, j + 1))
                if not any(toks[i].acronym or len(toks[i].text) < 2 for i in indices):
                    out.setdefault(tuple(fold(toks[i].text) for i in indices), []).append(indices)
            k = j + 1
    return out

def detect(check: "NameVariants", doc: "Document", an: Analysis, reported: set[str]) -> Iterator[Hit]:
    """Hyphenated names that differ in one part (``Adebayo-Martin``/``Adebayo-Martins``).

    The parts they share are the evidence that one name is meant, so a part may differ
    from its variant as a plural does (Martin/Martins) when the first part is shared,
    and both parts may be ordinary words.  A shared part must itself be a name (four
    letters or more, not an ordinary word), and a plural-like pair counts only for
    names written after a given name, a title or an honorific (not Sino-American and
    Sino-Americans).
    """
    compounds = _compounds(an)
    if len(compounds) < 2:
        return
    toks = an.tokens
    groups: dict[tuple[int, tuple[str, ...]], list[tuple[str, ...]]] = {}
    for parts in compounds:
        for j in range(len(parts)):
            groups.setdefault((j, parts[:j] + parts[j + 1:]), []).append(parts)
    pairs: list[tuple[tuple[str, ...], tuple[str, ...], int]] = []
    for (j, shared), members in groups.items():
        if len(members) < 2:
            continue
        if not any(len(w) >= 4 and not ordinary(an, w) for w in shared):
            continue  # Co-Chair/Co-Chairs, Pre-Season: no name in common
        for x, pa in enumerate(members):
            for pb in members[x + 1:]:
                fa, fb = pa[j], pb[j]
                if fa == fb or is_given_name_pair(fa, fb):
                    continue  # case or accents only: the single words are compared already
                if check._similar(fa, fb, min_length=4):
                    pass
                elif j > 0 and min(len(fa), len(fb)) >= 4 and is_inflection(fa, fb) and within_one_edit(fa, fb):
                    if not (_after_name(an, compounds[pa]) and _after_name(an, compounds[pb])):
                        continue
                else:
                    continue
                word_a, word_b = toks[compounds[pa][0][j]].text, toks[compounds[pb][0][j]].text
                if word_a in check.canon_words or word_b in check.canon_words or word_a in reported or word_b in reported:
                    continue
                if check.accepted(word_a, word_b) or not _one_bearer(check, an, compounds[pa], compounds[pb]):
                    continue
                pairs.append((pa, pb, j))
    for pa, pb, j in pairs:
        if _compound_rank(an, compounds[pa]) < _compound_rank(an, compounds[pb]):
            minor, major = pa, pb
        else:
            minor, major = pb, pa
        first = compounds[major][0]
        major_text = doc.text[toks[first[0]].start:toks[first[-1]].end]
        major_lines = sorted({doc.position(toks[occ[0]].start)[0] for occ in compounds[major]})
        right = toks[first[j]].text
        for occ in compounds[minor]:
            tok = toks[occ[j]]
            seen = doc.text[toks[occ[0]].start:toks[occ[-1]].end]
            yield Hit(
                start=tok.start,
                end=tok.end,
                message=check.say("hyphenated", seen=seen, other=major_text, lines=lines_text(major_lines),
                                  variant=tok.text, expected=right),
                suggestion=right,
            )

def _after_name(an: Analysis, occurrences: list[tuple[int, ...]]) -> bool:
    """Is a hyphenated word written after a given name, a title or an honorific in its run
    at least once (Oluwaseun Adebayo-Martins, Dr. Adebayo-Martin)?"""
    for occ in occurrences:
        if occ[0] > an.runs[an.tokens[occ[0]].run][0]:
            return True
    return False

def _partners(an: Analysis, occurrences: list[tuple[int, ...]]) -> set[str]:
    """The other words of the names a hyphenated word is part of (its given names)."""
    out: set[str] = set()
    for occ in occurrences:
        part = an.name_part(an.tokens[occ[0]].run)
        if part is None:
            continue
        for k in part.tokens:
            if k not in occ:
                out.add(fold(an.tokens[k].text))
    return out

def _one_bearer(check: "NameVariants", an: Analysis, a: list[tuple[int, ...]], b: list[tuple[int, ...]]) -> bool:
    """Can two hyphenated names be one person's (not Maria Lopez-Garcia and Juan Lopez-Garcias)?"""
    pa, pb = _partners(an, a), _partners(an, b)
    if not pa or not pb or pa & pb:
        return True
    for x in pa:
        for y in pb:
            if check._similar(x, y):
                return True
    return False

def _compound_rank(an: Analysis, occurrences: list[tuple[int, ...]]) -> tuple[int, int, int]:
    """As :meth:`_rank`: more uses, then the form written after a given name, then the first."""
    full = 0
    for occ in occurrences:
        part = an.name_part(an.tokens[occ[0]].run)
        if part is not None and any(k not in occ for k in part.tokens):
            full = 1
            break
    return (len(occurrences), full, -an.tokens[occurrences[0][0]].start)
