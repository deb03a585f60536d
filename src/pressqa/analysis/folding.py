"""Folding a word for comparison: casefolded, without accents (``Álvarez`` -> ``alvarez``).

The one key under which the name and place checks compare spellings; letters such as ø, ł
and æ, which have no accent to drop, fold to their plain neighbours.
"""

from __future__ import annotations

import unicodedata

#: Letters without an accent to drop, and what they fold to (lowercase: fold casefolds first).
UNDECOMPOSED = {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t"}
_UNDECOMPOSED = str.maketrans(UNDECOMPOSED)


def fold(text: str) -> str:
    """Casefolded, without accents: the key under which spellings are compared."""
    low = text.casefold()
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_UNDECOMPOSED)
