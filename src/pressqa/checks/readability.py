"""Readability: long sentences, long paragraphs, and document-level Flesch scores.

The length checks count with :mod:`pressqa.metrics` (pressqa's own words and
sentences, prose paragraphs only) and need no outside library.  Only the score
check imports the textstat backend, and only when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from pressqa.findings import Hit
from pressqa.analysis.metrics import ProseMeasure, Scores, ease_band, measure_prose, readability_scores
from pressqa.checks import Check, kinds_of
from pressqa.checks import Context
from pressqa.checks.messages import Message, Messages
from pressqa.checks.options import option, options

if TYPE_CHECKING:
    from pressqa.model.document import Document


#: What the readability checks measure: body copy (the same prose ``pressqa stats`` counts).
PROSE = kinds_of("body")


def prose(doc: "Document", ctx: Context) -> ProseMeasure:
    """The measure of the paragraphs the engine fed (body copy), computed once per document
    and shared by the readability checks."""
    return ctx.memo("readability.prose", lambda: measure_prose(doc, ctx.paragraphs))


def scores(doc: "Document", ctx: Context) -> Scores | None:
    """The Flesch scores of *doc* (imports the textstat backend), computed once per document."""
    return ctx.memo("readability.scores", lambda: readability_scores(doc, prose(doc, ctx)))


class SentenceLength(Check):
    """Sentences longer than ``max_words`` words.

    **What it does.** Counts the words of every sentence in the release's prose
    (body paragraphs; headlines, datelines, lists and contact blocks are not
    prose) and reports each sentence over the limit at its first word,
    spanning the whole sentence, with its length in the message.

    **Why.** A reader (and a journalist skimming for a quote) loses the thread
    of a sentence long before it ends; past about 35 words most sentences hold
    two or three ideas that read better apart.  A sentence of a hundred words
    or more is usually not a style choice at all but a paste or editing slip:
    lost full stops, two sentences run together.

    **Counting.** A word is a run of non-space characters with a letter or
    digit in it (``U.S.``, ``10,000`` and ``well-known`` are one word each),
    the same count ``pressqa stats`` shows.  Sentences are split by pressqa's
    segmenter, which knows titles, initials and acronyms (``Dr.``, ``J.``,
    ``U.S.``).

    **Example.** The seed release's 178-word sentence on line 3 is reported at
    its first word: "sentence of 178 words (limit 35)".

    **Leaves alone.** Headlines, datelines, lists, tables and contact blocks:
    only prose paragraphs are counted.
    """

    type = "sentence-length"
    kinds = PROSE
    memos = ("readability.",)  # the prose measure and scores, built from the body paragraphs alone
    messages = Messages(long="sentence of {words} words (limit {limit}): split it")

    @options
    class Options:
        max_words: int = option(35, "the longest sentence allowed, in words", minimum=1)

    o: Options

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        limit = self.o.max_words
        for sentence in prose(doc, ctx).sentences:
            if sentence.words > limit:
                yield Hit(
                    start=sentence.start,
                    end=sentence.end,
                    message=self.say("long", words=sentence.words, limit=limit),
                    data={"words": sentence.words},
                )


class ParagraphLength(Check):
    """Paragraphs of more than ``max_words`` words or ``max_sentences`` sentences.

    **What it does.** Reports a prose paragraph that is over either limit at its
    first character, spanning the paragraph, with its words and sentences in the
    message.  A paragraph of a single sentence is left to ``sentence-length``:
    a long one-sentence paragraph is a long sentence, and one finding says so.

    **Why.** Press copy is read on phones and lifted into news stories
    paragraph by paragraph; wire style keeps paragraphs to a few sentences.  A
    wall of text buries the news and the quote.

    **Example.** A body paragraph of nine sentences, or of 160 words in three
    sentences, is reported at its first character.

    **Leaves alone.** One-sentence paragraphs (see ``sentence-length``), and
    everything that is not prose.
    """

    type = "paragraph-length"
    kinds = PROSE
    memos = ("readability.",)  # the prose measure and scores, built from the body paragraphs alone
    messages = Messages(long="paragraph of {words} words in {sentences} sentences "
                             "(limits {max_words} words, {max_sentences} sentences): break it up")

    @options
    class Options:
        max_words: int = option(150, "the most words a paragraph may hold", minimum=1)
        max_sentences: int = option(8, "the most sentences a paragraph may hold", minimum=1)

    o: Options

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        max_words = self.o.max_words
        max_sentences = self.o.max_sentences
        for para in prose(doc, ctx).paragraphs:
            sentences = len(para.sentences)
            if sentences < 2:
                continue
            if para.words <= max_words and sentences <= max_sentences:
                continue
            yield Hit(
                start=para.start,
                end=para.end,
                message=self.say("long", words=para.words, sentences=sentences, max_words=max_words,
                                 max_sentences=max_sentences),
                data={"words": para.words, "sentences": sentences},
            )


METRICS = {
    "flesch-reading-ease": "Flesch reading ease",
    "flesch-kincaid-grade": "Flesch-Kincaid grade",
}


class ReadabilityScore(Check):
    """A document-level readability score outside its bounds: reported once per file.

    **What it does.** Computes ``metric`` over the release's prose (body
    paragraphs) and reports it when it is below ``min`` or above ``max``,
    once per file, at the first line of the first prose paragraph, with the
    score in the message.  Releases with fewer than ``min_words`` words of prose
    are not scored: on a few sentences the formulas say little.

    Metrics: ``flesch-reading-ease`` (Flesch 1948: 206.835 - 1.015 x words per
    sentence - 84.6 x syllables per word; higher is easier, 60-70 is plain
    English, below 30 "very difficult") and ``flesch-kincaid-grade`` (Kincaid
    et al. 1975: 0.39 x words per sentence + 11.8 x syllables per word - 15.59;
    a US school grade).  Words and sentences are pressqa's own counts, the same
    as ``pressqa stats`` shows; syllables come from the CMU Pronouncing
    Dictionary (through textstat, offline), with Pyphen's hyphenation for words
    the dictionary lacks.

    **Why.** A whole release pitched far above its readers' level is rarely
    picked up by news desks; a score makes that visible and comparable between
    drafts.

    **Cost.** This is the one readability check that loads textstat and the
    syllable data: about 0.25 s once per run, then a millisecond or two per
    release.

    **Example.** With ``reading-ease`` turned on, a 300-word release scoring
    Flesch 8.4 is reported once: "Flesch reading ease 8.4 is below 10".

    **Leaves alone.** Releases with fewer than ``min_words`` words of prose, and
    every release while the rule is off (the default: most government releases
    score below 30, so no threshold suits every house).
    """

    type = "readability-score"
    kinds = PROSE
    memos = ("readability.",)  # the prose measure and scores, built from the body paragraphs alone
    messages = Messages(
        below=Message("{name} {score} is below {min}: shorten sentences and prefer shorter words",
                      extra=("max", "band", "words", "sentences")),
        above=Message("{name} {score} is above {max}: shorten sentences and prefer shorter words",
                      extra=("min", "band", "words", "sentences")),
    )

    @options
    class Options:
        metric: str = option(description="the score to compute", schema={"enum": list(METRICS)})
        min: float | None = option(None, "report when the score is below this")
        max: float | None = option(None, "report when the score is above this")
        min_words: int = option(100, "score only releases with at least this many words of prose", minimum=1)

    o: Options

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[str, str] | None:
        low, high = body.get("min"), body.get("max")
        if low is not None and high is not None and low > high:
            return "min", f"min ({low}) is above max ({high})"
        return None

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        low, high = self.o.min, self.o.max
        if low is None and high is None:
            return
        measure = prose(doc, ctx)
        if measure.words < self.o.min_words or not measure.paragraphs:
            return
        result = scores(doc, ctx)
        if result is None:
            return
        metric = self.o.metric
        score = result.flesch_reading_ease if metric == "flesch-reading-ease" else result.flesch_kincaid_grade
        if low is not None and score < low:
            key = "below"
        elif high is not None and score > high:
            key = "above"
        else:
            return
        first = measure.paragraphs[0]
        first_line = doc.paragraphs[first.index].lines[0]
        yield Hit(
            start=first_line.start,
            end=first_line.end,
            message=self.say(
                key,
                name=METRICS[metric], score=f"{score:.1f}", min=_number(low), max=_number(high),
                band=ease_band(result.flesch_reading_ease), words=result.words, sentences=result.sentences,
            ),
            data={"metric": metric, "score": round(score, 2)},
        )


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"
