"""The document's words, for the literal phrase lists: where each run of word characters starts, and which word it is.

Built once per document (memo ``lexical.word_index``) and read by every literal
:class:`~pressqa.checks.lexical.matching.Matcher`, which tries a phrase only where
its first word occurs.  It stays alive for the whole run of a document's checks,
so it is held in flat arrays: a start offset (4 bytes) and a word number (2
bytes while the document has fewer than 65,536 distinct words, else 4) per
word, and each distinct lowercased word once.  A list of int objects and a
string per word cost ~16 bytes a word, that is ~2.7 MB per MB of text; these
arrays ~1 MB.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left

from pressqa.model.spans import offsets

WORD_RUN = re.compile(r"\w+")  # what a word is, here and in the phrase lists that read the index

_NARROW_IDS = 1 << 16


class WordIndex:
    """Every run of word characters (``\\w+``) of a text: its start offset and its lowercased form.

    ``starts[k]`` is where the k-th word starts and ``ids[k]`` its number in the
    vocabulary (the distinct lowercased words, numbered in order of first
    appearance).  A reader asks :meth:`numbers` once for the numbers of the words
    it cares about and compares numbers, not strings.
    """

    __slots__ = ("starts", "ids", "_vocabulary", "_numbered")

    def __init__(self, text: str) -> None:
        starts = offsets(len(text))
        # Two bytes a word while the numbers fit (they do in any real release), built so from the
        # start: building four and narrowing after held both at once.
        ids: array[int] = array("H")
        vocabulary: dict[str, int] = {}
        number = vocabulary.get
        add_start, add_id = starts.append, ids.append
        for m in WORD_RUN.finditer(text):
            add_start(m.start())
            word = m.group().lower()
            n = number(word)
            if n is None:
                n = vocabulary[word] = len(vocabulary)
                if n == _NARROW_IDS:
                    ids = array("I", ids)
                    add_id = ids.append
            add_id(n)
        self.starts = starts
        self.ids = ids
        self._vocabulary = vocabulary
        # key -> (the reader's words, kept so that their id() is not reused; their numbers)
        self._numbered: dict[int, tuple[object, dict[int, list[int]]]] = {}

    def __len__(self) -> int:
        return len(self.starts)

    def number(self, word: str) -> int | None:
        """The vocabulary number of a lowercased word, or None when the text does not hold it."""
        return self._vocabulary.get(word)

    def word(self, k: int) -> str:
        """The lowercased form of the k-th word (slow: for tests and debugging)."""
        wanted = self.ids[k]
        for word, number in self._vocabulary.items():
            if number == wanted:
                return word
        raise IndexError(k)  # pragma: no cover - every id is in the vocabulary

    def numbers(self, by_word: dict[str, list[int]]) -> dict[int, list[int]]:
        """*by_word* (lowercased word -> a reader's items) keyed by vocabulary number instead.

        Words the text does not hold are left out.  Worked out once per reader
        and document: the result is kept with the index, keyed by *by_word*'s identity.
        """
        key = id(by_word)
        known = self._numbered.get(key)
        if known is not None and known[0] is by_word:
            return known[1]
        numbered = {}
        for word, items in by_word.items():
            number = self._vocabulary.get(word)
            if number is not None:
                numbered[number] = items
        self._numbered[key] = (by_word, numbered)
        return numbered

    def span(self, start: int, end: int) -> range:
        """The indices of the words that start in ``[start, end)``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))
