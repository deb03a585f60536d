"""The columns of the name analysis: a document's capitalized words (:class:`Tokens`) and their
runs (:class:`Runs`), with the :class:`Token` view the checks read (see :mod:`pressqa.analysis.mentions`).

A long text has some 60,000 capitalized words a MB, held for the whole run: an object per word,
with its offsets as int objects, cost ~9 MB per MB of text; these columns cost ~1.3.
"""

from __future__ import annotations

from array import array
from typing import Iterator

from pressqa.model.spans import offsets

#: Bits of :attr:`Tokens.flags`.
POSSESSIVE_BIT, INITIAL_BIT, ACRONYM_BIT = 1, 2, 4


class Tokens:
    """The capitalized words of a document, in columns (lowercase words are only counted,
    see ``Analysis.lowercase``).

    A long text has some 60,000 capitalized words a MB.  An object per word, with its offsets as
    int objects, held ~9 MB per MB of text; columns (a list of the interned words, arrays of
    offsets, paragraph and run numbers, a byte of flags) hold ~1.3.  ``tokens[i]`` and iteration
    give :class:`Token` views, made on demand; hot loops may read the columns directly.
    """

    __slots__ = ("words", "starts", "paras", "run_of", "flags", "kind_codes", "kinds")

    def __init__(self, text_length: int = 0) -> None:
        """*text_length*, the length of the text, chooses the offsets' width (:func:`pressqa.model.spans.offsets`)."""
        self.words: list[str] = []  # the word, without a possessive 's (interned: names recur)
        self.starts: array[int] = offsets(text_length)
        self.paras: array[int] = array("i")  # the paragraph's index
        self.run_of: array[int] = array("i")  # index into Analysis.runs (-1 before runs are found)
        self.flags = bytearray()  # possessive, initial, acronym bits
        self.kind_codes = bytearray()  # index into kinds
        self.kinds: list[str] = []  # paragraph kinds (pressqa.model.structure), each once

    def append(self, word: str, start: int, possessive: bool, para: int, kind: str, initial: bool,
               acronym: bool) -> None:
        self.starts.append(start)  # first: an offset too big for the array leaves no column longer
        self.words.append(word)
        self.paras.append(para)
        self.run_of.append(-1)
        self.flags.append((POSSESSIVE_BIT if possessive else 0) | (INITIAL_BIT if initial else 0)
                          | (ACRONYM_BIT if acronym else 0))
        try:
            code = self.kinds.index(kind)
        except ValueError:
            code = len(self.kinds)
            self.kinds.append(kind)
        self.kind_codes.append(code)

    def end(self, i: int) -> int:
        """The end of token *i*'s word (without a possessive 's)."""
        return self.starts[i] + len(self.words[i])

    def __len__(self) -> int:
        return len(self.words)

    def __bool__(self) -> bool:
        return bool(self.words)

    def __getitem__(self, i: int) -> "Token":
        n = len(self.words)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("token index out of range")
        return Token(self, i)

    def __iter__(self) -> Iterator["Token"]:
        for i in range(len(self.words)):
            yield Token(self, i)


class Token:
    """A view of one capitalized word of :class:`Tokens`: its text, offsets and flags.

    Made on demand (``an.tokens[i]``), so two views of one word are equal but not identical.
    """

    __slots__ = ("_of", "index")
    cap = True  # a capitalized word (lowercase words are not tokens)

    def __init__(self, of: Tokens, index: int) -> None:
        self._of = of
        self.index = index

    @property
    def text(self) -> str:
        """The word, without a possessive 's."""
        return self._of.words[self.index]

    @property
    def start(self) -> int:
        return self._of.starts[self.index]

    @property
    def end(self) -> int:
        """The end of ``text``."""
        return self._of.starts[self.index] + len(self._of.words[self.index])

    @property
    def full_end(self) -> int:
        """The end including a possessive 's."""
        return self.end + (2 if self.possessive else 0)

    @property
    def possessive(self) -> bool:
        """A possessive 's followed the word."""
        return bool(self._of.flags[self.index] & POSSESSIVE_BIT)

    @property
    def initial(self) -> bool:
        """The first word of its sentence, or the first after an opening quote."""
        return bool(self._of.flags[self.index] & INITIAL_BIT)

    @property
    def acronym(self) -> bool:
        """Two letters or more, all capitals (NATO, US)."""
        return bool(self._of.flags[self.index] & ACRONYM_BIT)

    @property
    def para(self) -> int:
        return self._of.paras[self.index]

    @property
    def kind(self) -> str:
        """The paragraph's kind (pressqa.model.structure)."""
        return self._of.kinds[self._of.kind_codes[self.index]]

    @property
    def run(self) -> int:
        """Index into Analysis.runs, or -1."""
        return self._of.run_of[self.index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and other._of is self._of and other.index == self.index

    def __hash__(self) -> int:
        return hash((id(self._of), self.index))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


class Runs:
    """The capitalized runs of a document: ``runs[r]`` is ``(first, last)``, token indices, inclusive
    (two arrays, not a tuple of two ints per run: ~2 MB per MB of text)."""

    __slots__ = ("first", "last")

    def __init__(self) -> None:
        self.first: array[int] = array("i")
        self.last: array[int] = array("i")

    def append(self, first: int, last: int) -> None:
        self.first.append(first)
        self.last.append(last)

    def __len__(self) -> int:
        return len(self.first)

    def __getitem__(self, r: int) -> tuple[int, int]:
        return self.first[r], self.last[r]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.first, self.last)
