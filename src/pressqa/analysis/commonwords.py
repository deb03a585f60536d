"""Is a word an ordinary English word (``minister``, ``strategy``) rather than a name?

The list is ``rules/lexicon/common-words.txt``: the words of SCOWL that are
written in lowercase, four letters or longer.  Proper nouns (``Thompson``,
``Antony``) are not in it, which is what the name checks need: a capitalized
word found here is capitalized by position or by title case, not because it
names someone.

The file is searched by bisection over its sorted bytes instead of being split
into a set: a check asks about a handful of words per document, and building a
65,000-word set would cost more than every lookup of a run together.
"""

from __future__ import annotations

_BLOB: bytes | None = None
_RESOURCE = ("lexicon", "common-words.txt")


def _blob() -> bytes:
    global _BLOB
    if _BLOB is None:
        from pressqa.resources import read_shipped

        raw = read_shipped(*_RESOURCE) or b""
        # Skip the comment header: the sorted words start after the last '#' line.
        start = 0
        while raw.startswith(b"#", start):
            nl = raw.find(b"\n", start)
            start = len(raw) if nl < 0 else nl + 1
        _BLOB = raw[start:]
    return _BLOB


def _lower_bound(blob: bytes, key: bytes) -> bytes:
    """The first line of the sorted *blob* that is not less than *key* (b"" past the end)."""
    lo, hi = 0, len(blob)
    found = b""
    while lo < hi:
        mid = (lo + hi) // 2
        start = blob.rfind(b"\n", lo, mid)
        start = lo if start < 0 else start + 1
        end = blob.find(b"\n", start)
        if end < 0:
            end = len(blob)
        line = blob[start:end]
        if line < key:
            lo = end + 1
        else:
            found = line
            hi = start
    return found


def _contains(blob: bytes, key: bytes) -> bool:
    return _lower_bound(blob, key) == key


def starts_longer_word(prefix: str) -> bool:
    """Is *prefix* (lowercase) the beginning of a longer ordinary English word (``liveli``)?"""
    key = prefix.lower().encode("utf-8")
    line = _lower_bound(_blob(), key)
    return line.startswith(key) and len(line) > len(key)


_SEEN: dict[str, bool] = {}


def is_common_word(word: str) -> bool:
    """True when the lowercase form of *word* is an ordinary English word (four letters or more)."""
    low = word.lower()
    known = _SEEN.get(low)
    if known is None:
        known = len(low) >= 4 and low.isalpha() and _contains(_blob(), low.encode("utf-8"))
        if len(_SEEN) < 100_000:
            _SEEN[low] = known
    return known
