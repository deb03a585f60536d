"""The capitalization style of headlines: AP or Chicago title case, or sentence case."""

from __future__ import annotations

import re
from pressqa.records import record
from typing import TYPE_CHECKING, Iterator, Literal, Sequence

from pressqa.analysis import lexicon
from pressqa.findings import Edit, Hit
from pressqa.checks import Check, kinds_of
from pressqa.checks import Context
from pressqa.checks.messages import Message, Messages
from pressqa.checks.options import option, options

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

# The words each title style keeps lowercase, and those it lets go either way (with the name
# particles: Le Drian, da Silva, van Gogh): rules/lexicon/ap-*.txt and chicago-*.txt.
_STYLES = {"ap": ("ap-lowercase", "ap-either"), "chicago": ("chicago-lowercase", "chicago-either")}
_STYLE_NAMES = {"ap": "AP title case", "chicago": "Chicago title case", "sentence": "sentence case"}

_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_](?:[\w’'.]*[^\W_])?\.?")
_BREAK = re.compile(r"[:?!—–]$|^[—–-]$")  # a word after these starts a new part of the headline


@record
class _Word:
    start: int
    end: int
    text: str
    first: bool  # first word of the headline, or after a colon or dash
    last: bool


def _words(text: str, offset: int) -> list[_Word]:
    """The words of a headline, with their offsets; hyphenated compounds count as their first part."""
    words: list[_Word] = []
    new_part = True
    ends_with_word = False
    for tok in _TOKEN.finditer(text):
        token = tok.group()
        m = _WORD.search(token)
        if m is None or m.start() > 2:
            # numbers, symbols, "#": not words, but a number can end a part ("Part 2:")
            new_part = bool(_BREAK.search(token)) or (new_part and m is None and not token[:1].isalnum())
            if any(c.isalnum() for c in token):
                ends_with_word = False
            continue
        ends_with_word = True
        part = m.group().split("-")[0]
        start = offset + tok.start() + m.start()
        words.append(_Word(start, start + len(part), part, new_part, False))
        new_part = bool(_BREAK.search(token.rstrip("\"'”’)]")))
    if words and ends_with_word:  # "... Next in 2024": "in" is not the last word
        words[-1].last = True
    return words


def _skip(word: str) -> bool:
    """Words no case style judges: acronyms, inner capitals, initials, numbers, URLs."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) <= 1 and word.lower() != "a":
        return True
    if any(c.isdigit() for c in word) or "@" in word or "/" in word:
        return True
    if sum(1 for c in letters if c.isupper()) >= 2:  # NATO, U.S., McDonald, iPhone, ChAdOx
        return True
    if letters and letters[0].islower() and any(c.isupper() for c in letters[1:]):
        return True
    return False


def _capitalized(word: str) -> str:
    return word[:1].upper() + word[1:]


class Capitalization(Check):
    """The capitalization of headlines: ``ap`` or ``chicago`` title case, or ``sentence`` case.

    **What it does.** Looks at the release's headline (``target: title``, the
    default: the longest line of top matter), at all top-matter lines
    (``headlines``) or at subheads too (``headings``).  In ``ap`` style, words
    of four or more letters are capitalized and articles, conjunctions and
    prepositions of three letters or fewer are lowercase; ``chicago`` keeps
    prepositions of any length lowercase.  In both, the first and last words
    and the first word after a colon or dash are capitalized.  Each word in the
    wrong case is reported with the word in the right case as suggestion and fix
    (``fix: false`` turns the fix off).  In ``sentence`` style a headline that
    capitalizes its words the way title case does (at least ``threshold``, by
    default 0.9, of the words other than the first and short function words,
    and at least three of them) is reported once;
    no fix is offered, because only a person knows which of them are names.

    **Why.** A release's headline is its most read line; a house keeps one
    headline style so that its releases look like one organization's.

    **Example.**

    ```yaml
    headline-case:
      type: capitalization
      category: style
      style: ap
      exceptions: [iPhone, eBay, "de Blasio"]
    ```

    **Leaves alone.** All-caps words and acronyms (``NATO``, ``U.S.``), words
    with inner capitals (``ChAdOx1``, ``McDonald``), numbers, single letters,
    name particles (``de``, ``van``, ``al``), short words that are often
    adverbs (``up``, ``off``, ``out``), and the ``exceptions`` (words or
    phrases written exactly as listed).  Headlines written entirely in capitals
    are skipped.
    """

    type = "capitalization"
    fixable = True
    messages = Messages(
        capitalize=Message("capitalize '{word}' in a headline in {style}", extra=("suggestion",)),
        capitalize_end=Message("capitalize '{word}' (first or last word) in a headline in {style}",
                               extra=("suggestion",)),
        lowercase=Message("lowercase '{word}' in a headline in {style}", extra=("suggestion",)),
        first_word=Message("capitalize the first word of the headline", extra=("word", "style", "suggestion")),
        title_case=Message("headline in title case; the house style is sentence case (capitalized: {words})",
                           extra=("style",)),
    )
    #: The top matter (headlines before the first body paragraph) and subheads.
    kinds = kinds_of("headline", "heading", "body")

    @options
    class Options:
        style: Literal["ap", "chicago", "sentence"] = option("ap", "ap, chicago or sentence", required=True)
        exceptions: list[str] = option([], "words or phrases always written as listed",
                                       items={"type": "string", "minLength": 1})
        target: Literal["title", "headlines", "headings"] = option(
            "title", "the headline only (title), all top-matter lines, or subheads too")
        threshold: float = option(0.9, "sentence style: the share of capitalized words that makes title case",
                                  minimum=0, maximum=1)
        fix: bool = option(True, "offer the corrected word as a safe fix (ap, chicago)")

    o: Options

    def setup(self) -> None:
        self._phrases = [e for e in self.o.exceptions if " " in e.strip()]
        self._words = {e for e in self.o.exceptions if " " not in e.strip()}

    def _targets(self, paragraphs: "Sequence[Paragraph]") -> list["Paragraph"]:
        target = self.o.target
        top = []
        for para in paragraphs:
            if para.kind == "body":
                break
            if para.kind == "headline":
                top.append(para)
        top = [p for p in top if not _all_caps(p.text)]
        if target == "title":
            return [max(top, key=lambda p: len(p.text))] if top else []
        if target == "headings":
            top += [p for p in paragraphs if p.kind == "heading" and not _all_caps(p.text)]
        return top

    def _excepted(self, para: "Paragraph") -> list[tuple[int, int]]:
        spans = []
        for phrase in self._phrases:
            for m in re.finditer(re.escape(phrase), para.text):
                spans.append((para.start + m.start(), para.start + m.end()))
        return spans

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        style = self.o.style
        for para in self._targets(ctx.paragraphs):
            excepted = self._excepted(para)
            words = []
            every = _words(para.text, para.start)
            for w in every:
                if w.text in self._words or any(s <= w.start and w.end <= e for s, e in excepted):
                    continue
                if _skip(w.text):
                    continue
                words.append(w)
            if style == "sentence":
                yield from self._sentence(para, words, every[0].start if every else -1)
            else:
                yield from self._title(words, style)

    def _title(self, words: list[_Word], style: str) -> Iterator[Hit]:
        lower_list, either_list = _STYLES[style]
        lower, either = lexicon.words(lower_list), lexicon.words(either_list, "name-particles")
        name = _STYLE_NAMES[style]
        for w in words:
            key = w.text.lower().rstrip(".")
            is_upper = w.text[0].isupper()
            if w.first or w.last:
                want = "upper"
            elif key in either:
                continue
            elif key in lower:
                want = "lower"
            else:
                want = "upper"
            if want == "upper" and not is_upper:
                right = _capitalized(w.text)
                why = "capitalize_end" if key in lower or key in either else "capitalize"
            elif want == "lower" and is_upper:
                right = w.text.lower()
                why = "lowercase"
            else:
                continue
            yield Hit(
                start=w.start,
                end=w.end,
                message=self.say(why, word=w.text, style=name, suggestion=right),
                suggestion=right,
                fix=(Edit(w.start, w.end, right),) if self.o.fix else (),
            )

    def _sentence(self, para: "Paragraph", words: list[_Word], first_start: int) -> Iterator[Hit]:
        for w in words:
            if w.start == first_start and not w.text[0].isupper():
                right = _capitalized(w.text)
                yield Hit(w.start, w.end, self.say("first_word", word=w.text, style="sentence case",
                                                   suggestion=right),
                          suggestion=right, fix=(Edit(w.start, w.end, right),) if self.o.fix else ())
        # Title case capitalizes every word but the short function words, so one
        # lowercase content word shows sentence case; capitals alone may be names.
        rest = [w for w in words if not w.first and w.text.lower() not in lexicon.words("chicago-lowercase", "chicago-either", "name-particles")]
        capitals = [w for w in rest if w.text[0].isupper()]
        if len(capitals) < 3 or len(capitals) < self.o.threshold * len(rest):
            return
        shown = ", ".join(w.text for w in capitals[:6]) + (", ..." if len(capitals) > 6 else "")
        yield Hit(
            start=para.start,
            end=para.end,
            message=self.say("title_case", words=shown, style="sentence case"),
        )


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
