"""Measures of prose: words, sentences and paragraphs, and the Flesch scores built on them.

One definition of a word serves every rule and ``pressqa stats``: a run of
non-space characters that holds at least one letter or digit, the way a word
processor counts.  ``well-known``, ``U.S.``, ``10,000`` and ``Armenia,and`` are
one word each; a lone dash or bullet is none.

Only prose counts: the sentences of ``body`` paragraphs (see
:mod:`pressqa.structure`).  Headlines, datelines, lists, contact blocks and end
marks are not sentences a reader reads as running text, and a headline without a
full stop would otherwise run into the first paragraph's first sentence.

Counting words and sentences is cheap and needs nothing outside pressqa.  The
Flesch scores also need syllables, which come from the textstat backend; that
import happens only in :func:`readability_scores`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, NamedTuple

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

#: word -> syllables (see pressqa.backends.textstat.syllable_counter)
SyllableCounter = Callable[[str], int]

#: A word: non-space characters with at least one letter or digit among them.  The
#: look-behind tries a run of non-space characters only from its first character, so a long
#: run without a letter (``!!!!``) is scanned once, not once from each of its characters.
WORD = re.compile(r"(?<!\S)\S*?[^\W_]\S*")
#: A run of letters (with inner apostrophes) inside a word: what syllables are counted on.
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def iter_words(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """The words of *text* as ``(start, end, word)``, offsets shifted by *offset*."""
    for m in WORD.finditer(text):
        yield m.start() + offset, m.end() + offset, m.group()


def count_words(text: str) -> int:
    """How many words *text* holds (see the module docstring)."""
    return sum(1 for _ in WORD.finditer(text))


# Records are NamedTuples, not frozen dataclasses: this module is on the path of
# every ``pressqa check`` and a frozen dataclass costs about a millisecond to define.


class SentenceMeasure(NamedTuple):
    """One prose sentence: its span in the document and its length in words."""

    start: int
    end: int
    words: int
    paragraph: int  # index into Document.paragraphs


class ParagraphMeasure(NamedTuple):
    """One prose paragraph: its span, its words and its sentences."""

    index: int  # type: ignore[assignment]  # a field named like tuple.index, on purpose (the sentence's number)
    start: int
    end: int
    words: int
    sentences: tuple[SentenceMeasure, ...]


class ProseMeasure:
    """Words, sentences and paragraphs of a document's prose (its ``body`` paragraphs).

    A plain class, not a dataclass, for the reason above."""

    __slots__ = ("paragraphs", "document_words")

    def __init__(self, paragraphs: list[ParagraphMeasure] | None = None, document_words: int = 0) -> None:
        self.paragraphs: list[ParagraphMeasure] = paragraphs if paragraphs is not None else []
        self.document_words = document_words  # every word in the file, prose or not

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.paragraphs, self.document_words) == (other.paragraphs, other.document_words)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return f"ProseMeasure(paragraphs={self.paragraphs!r}, document_words={self.document_words!r})"

    @property
    def words(self) -> int:
        return sum(p.words for p in self.paragraphs)

    @property
    def sentences(self) -> list[SentenceMeasure]:
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def sentence_count(self) -> int:
        return sum(len(p.sentences) for p in self.paragraphs)

    @property
    def average_sentence_words(self) -> float | None:
        count = self.sentence_count
        return self.words / count if count else None

    @property
    def longest_sentence(self) -> SentenceMeasure | None:
        """The longest sentence (the first of equals), or None without prose."""
        longest: SentenceMeasure | None = None
        for sentence in self.sentences:
            if longest is None or sentence.words > longest.words:
                longest = sentence
        return longest


def measure_prose(doc: "Document", paragraphs: "Iterable[Paragraph] | None" = None) -> ProseMeasure:
    """Count the words and sentences of *paragraphs* (by default every prose paragraph of *doc*)."""
    measure = ProseMeasure(document_words=count_words(doc.text))
    for para in (p for p in doc.paragraphs if p.is_prose) if paragraphs is None else paragraphs:
        sentences = []
        for sentence in para.sentences:
            words = count_words(sentence.text)
            if words:
                sentences.append(SentenceMeasure(sentence.start, sentence.end, words, para.index))
        if not sentences:
            continue
        measure.paragraphs.append(ParagraphMeasure(
            index=para.index,
            start=para.start,
            end=para.end,
            words=sum(s.words for s in sentences),
            sentences=tuple(sentences),
        ))
    return measure


# -- Flesch scores ----------------------------------------------------------------------


class Scores(NamedTuple):
    """Document-level readability of the prose."""

    words: int
    sentences: int
    syllables: int

    @property
    def flesch_reading_ease(self) -> float:
        """Flesch (1948): 206.835 - 1.015 x words per sentence - 84.6 x syllables per word.

        100 is very easy; 60-70 plain English; below 30 "very difficult" (a
        graduate's reading).  Dense official prose can go below zero.
        """
        return 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)

    @property
    def flesch_kincaid_grade(self) -> float:
        """Kincaid et al. (1975): 0.39 x words per sentence + 11.8 x syllables per word - 15.59 (a US school grade)."""
        return 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59


def word_syllables(word: str, count: SyllableCounter) -> int:
    """Syllables of one word: the sum over its letter runs (``well-known`` = well + known).

    A word with no letters (``2022``, ``10,000``) counts as one syllable, as
    does any word, so that a word never weighs nothing.
    """
    total = 0
    for part in _LETTERS.findall(word):
        total += count(part.replace("’", "'").lower())
    return max(1, total)



def readability_scores(doc: "Document", measure: ProseMeasure | None = None) -> Scores | None:
    """Flesch reading ease and Flesch-Kincaid grade of the prose of *doc*; None without prose.

    Words and sentences are pressqa's own (as in every other measure);
    syllables come from the textstat backend, imported here on first use.
    """
    from pressqa.backends.textstat import syllable_counter

    if measure is None:
        measure = measure_prose(doc)
    if not measure.sentence_count or not measure.words:
        return None
    count = syllable_counter()
    syllables = 0
    for sentence in measure.sentences:
        for _start, _end, word in iter_words(doc.text[sentence.start:sentence.end]):
            syllables += word_syllables(word, count)
    return Scores(words=measure.words, sentences=measure.sentence_count, syllables=syllables)


def ease_band(score: float) -> str:
    """Flesch's own name for a reading-ease score."""
    for floor, name in _BANDS:
        if score >= floor:
            return name
    return "very difficult"


_BANDS = (
    (90.0, "very easy"),
    (80.0, "easy"),
    (70.0, "fairly easy"),
    (60.0, "plain English"),
    (50.0, "fairly difficult"),
    (30.0, "difficult"),
)
