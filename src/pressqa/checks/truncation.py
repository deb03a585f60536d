"""Truncated sentences: a paragraph of prose that just stops."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context, kinds_of
from pressqa.checks.messages import Message, Messages
from pressqa.checks.options import option, options
from pressqa.findings import Hit
from pressqa.model.structure import is_title_like
from pressqa.templates import render

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

_TERMINAL = re.compile(r"(?:[.!?…]|\.\.\.)[\"'”’»)\]*_]*$")
# A turn a speaker breaks off or is cut off in: a dash of any width, or an ellipsis.
_CUT_OFF = re.compile(r"(?:[—–‒―‑-]+|…|\.\.\.)[\"'”’)\]]*$")
_LAST_WORD = re.compile(r"([^\W\d_][\w'’.-]*|\d[\w,.]*)\W*$")
# A line that ends on a URL, a bare domain (acme.example.com), an e-mail address, a
# social handle (@acme) or a DOI is a pointer, not a sentence cut short.
_URL_OR_MAIL = re.compile(
    r"(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\S)@\w+|(?<!\S)(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?"
    r"|(?<!\S)(?:doi:\s*)?10\.\d{4,}/\S+)[)\]>]*$",
    re.I,
)
# A list laid out as paragraphs: items end on ";" (the last but one may add "and"/"or").
_ITEM_END = re.compile(r";(?:\s+(?:and|or))?$")
# A note in brackets after a finished sentence: "...COVID-19. (website under development)".
_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]$")
_FIELD = re.compile(r"^[A-Z][\w’' /&-]{0,30}:\s")  # "Source: Ministry of ..."
# A name set off by a comma, then credentials or a role, and no verb: a person entry.
_PERSON_ENTRY = re.compile(r"^[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3},\s")


def _is_person_entry(text: str) -> bool:
    """``Jae-won Lim, M.D., Ph.D., chief of ...``: a name (not "In New Mexico,") set off by a comma."""
    m = _PERSON_ENTRY.match(text)
    if not m:
        return False
    from pressqa.analysis.commonwords import is_common_word

    first = text.split(None, 1)[0]
    return _kind_of(first) is None and not is_common_word(first)


@cache
def _signoff() -> re.Pattern[str]:
    """A paragraph that is only a letter's closing (``Sincerely,``, ``Best regards``)."""
    return re.compile(r"^(?:" + lexicon.alternation("sign-offs") + r")\W*$", re.I)


# Why a paragraph reads as cut off.
_REASONS = {
    "stops_on_mark": "stops on '{mark}'",
    "stops_on_word": "stops on the {kind} '{word}'",
    "cut_word": "stops on '{word}', a word cut short",
    "unpunctuated": "has no end punctuation",
}


def _worded(lead: str, reason: str) -> Message:
    """The message "<lead> <reason>: '<tail>'".  It fills {reason} too, so that a pack may word
    every message of the rule with one template of {reason} and {tail}."""
    return Message(f"{lead} {_REASONS[reason]}: '{{tail}}'", extra=("reason",))

# The paragraph kinds judged: prose and a transcript's turns by their last sentence, lists by
# each item's last word.  (Named, so that choosing the measure by the kind reads as what it is.)
_PROSE = kinds_of("body", "speech")
_SPEECH = "speech"
_LIST = "list"


def _kind_of(word: str) -> str | None:
    low = word.lower()
    if low in lexicon.words("articles"):
        return "article"
    if low in lexicon.words("possessives"):
        return "possessive"
    if low in lexicon.words("conjunctions"):
        return "conjunction"
    if low in lexicon.words("prepositions") or low == "to":
        return "preposition"
    if low in lexicon.words("auxiliaries", "modals"):
        return "auxiliary verb"
    if low in lexicon.dangling():
        return "determiner"
    return None


def _strip_marks(text: str) -> str:
    """*text* without the symbols a web page leaves after a sentence (a footnote's back-link ↑, a
    dagger): they are not words, and the sentence before them has its own punctuation."""
    import unicodedata

    end = len(text)
    while end > 0 and (unicodedata.category(text[end - 1]) in ("So", "Sm", "Sk") or text[end - 1] in "†‡ "):
        end -= 1
    return text[:end] if end < len(text) and end > 0 else text


def _series_continues(doc: "Document", para: "Paragraph", core: str) -> bool:
    """Is this paragraph an item (or the preamble) of a list written as paragraphs, with more to come?

    Items end on ";" (``...and insights;``, ``...purposes; and``) and the next paragraph goes on
    with the list; a preamble (``The United States of America and Sweden,``) is one sentence ending
    on a comma, followed by items that end on ";" or go on in lowercase.  A paragraph whose last
    sentence alone ends on a comma after finished sentences (``...diplomacy. Canada,``) is not.
    """
    following = doc.paragraphs[para.index + 1] if para.index + 1 < len(doc.paragraphs) else None
    if following is None or following.kind not in ("body", "speech", "list"):
        return False
    if _ITEM_END.search(core):
        return True
    if core.endswith(",") and len(para.sentences) == 1:
        nxt = following.text.strip()
        return bool(nxt) and (nxt[0].islower() or bool(_ITEM_END.search(nxt.rstrip())))
    return False


class TruncatedSentence(Check):
    """A paragraph of prose that stops mid-clause, with no end punctuation.

    **What it does.** Looks at the last sentence of every body paragraph.  When it
    has no end punctuation, the rule reports where it stops and why it reads as
    cut off: it ends on an article, preposition, conjunction, possessive or
    auxiliary (``...stability and``, ``...live-streamed on``), on a comma or a
    dash, on a word cut in half (``...their liveli``), or it is a sentence of
    prose with no full stop while the paragraphs around it are prose
    (``At the same time, the minister``).

    **Why.** Copy pasted between drafts, agencies and CMSs loses its tails.  A
    release that ends a paragraph mid-thought is the most visible defect there
    is, and spelling and grammar checkers do not report it.

    **Example.** ``At the same time, the minister`` as a paragraph of its own
    is reported at ``minister``; so is ``...the partnership in promoting``.
    Write the sentence out, or delete the fragment.

    A bullet or numbered item is judged too, but only by its last word: an
    item may lack a full stop or end on ``and``, not on an article, a
    possessive or a preposition (``- ...a $650,000 loan to buy a``).

    **Leaves alone.** Everything that is not prose: headlines and subheads,
    datelines, lead-ins ending in a colon (``Begin Text:``), field lines
    (``Source: ...``), bullet and numbered lists, tables, ``###`` and ``-30-``
    end marks, contact blocks (names, phones, e-mails), captions, bylines,
    sign-offs (``Sincerely,``), attributions (``— Jane Doe``) and lines that end
    in a URL or e-mail address.  A sentence that ends in a quotation mark or
    bracket after its punctuation is complete.  A sentence that has its full
    stop but ends on a dangling word (``...met with the.``) is a broken clause:
    see ``dangling-word``.
    """

    type = "truncation"
    messages = Messages(
        stops_on_mark=_worded("paragraph", "stops_on_mark"),
        stops_on_word=_worded("paragraph", "stops_on_word"),
        cut_word=_worded("paragraph", "cut_word"),
        unpunctuated=_worded("paragraph", "unpunctuated"),
        list_item=_worded("list item", "stops_on_word"),
    )
    kinds = _PROSE | {_LIST}
    unit = "paragraph"

    @options
    class Options:
        min_words: int = option(6, "shortest unpunctuated paragraph (in words, or 3 with a comma) reported when it "
                                   "ends on a content word; shorter lines read as subheads or page furniture", minimum=1)
        extra_words: list[str] = option([], "more words a paragraph cannot end on")
        allow_words: list[str] = option([], "words a paragraph may end on after all")
        cut_words: bool = option(True, "report words cut in half (needs the CMU word list)")

    o: Options

    def setup(self) -> None:
        self.extra = {w.lower() for w in self.o.extra_words}
        self.allow = {w.lower() for w in self.o.allow_words}

    def _say(self, key: str, reason: str, tail: str, **fields: Any) -> str:
        """Message *key*, filled with *fields*, the *tail* of the text and the *reason* worded."""
        return self.say(key, reason=render(_REASONS[reason], **fields), tail=tail, **fields)

    def check_paragraph(self, doc: "Document", para: "Paragraph", ctx: Context) -> Iterator[Hit]:
        if para.kind == _LIST:
            yield from self._check_list(doc, para)
            return
        if not para.sentences:
            return
        if para.kind == _SPEECH and _CUT_OFF.search(para.text.rstrip()):
            return  # a transcript's speaker cut off ("But we can —"): faithful transcription
        hit = self._check_prose(doc, para)
        if hit is not None:
            yield hit

    def _check_list(self, doc: "Document", para: "Paragraph") -> Iterator[Hit]:
        """A list item may lack a full stop, and may end on "and" or a comma ("roads; and"),
        but not on an article, a possessive or a preposition: "...a $650,000 loan to buy a"."""
        for span in para.lines:
            item = doc.text[span.start:span.end].rstrip()
            m = _LAST_WORD.search(item)
            if m is None or len(item.split()) < 6 or _TERMINAL.search(item) or item.endswith(":"):
                continue
            word = m.group(1)
            kind = _kind_of(word)
            if kind not in ("article", "possessive", "preposition") or word.lower() in self.allow or word != item[m.start(1):].rstrip(" *_"):
                continue
            start = span.start + m.start(1)
            tail = "…" + item[-40:].split(" ", 1)[-1] if len(item) > 40 else item
            yield Hit(
                start=start,
                end=start + len(word),
                message=self._say("list_item", "stops_on_word", tail, kind=kind, word=word),
            )

    def _check_prose(self, doc: "Document", para: "Paragraph") -> Hit | None:
        last = para.sentences[-1]
        text = last.text.rstrip()
        core = text.rstrip("*_ ")
        whole = para.text.rstrip()
        stripped = _strip_marks(whole)
        if whole != stripped and _TERMINAL.search(stripped):
            return None  # "...detained. ↑": a footnote's back-link after the full stop
        if not core or _TERMINAL.search(core) or core.endswith(":"):
            return None
        if core[0] in "—–-" or _signoff().match(para.text.strip()) or _URL_OR_MAIL.search(core):
            return None
        if " | " in core:
            return None  # a web page's title ("Designations Removals | U.S. Department of the Treasury"): a link
        note = _TRAILING_NOTE.search(core)
        if note and (not core[:note.start()].strip() or _TERMINAL.search(core[:note.start()].rstrip())):
            return None  # a note in brackets after a finished sentence, or a bracketed aside of its own
        if _series_continues(doc, para, core):
            return None
        if len(para.sentences) == 1 and _FIELD.match(core) and len(core.split()) <= 12:
            return None  # "Source: Ministry of Foreign Affairs" -- but not a long sentence after "Kentucky:"
        m = _LAST_WORD.search(core)
        word = m.group(1).rstrip(".") if m else ""
        word_start = last.start + (m.start(1) if m else len(core) - 1)
        low = word.lower().replace("’", "'")
        tail = core[-40:] if len(core) > 40 else core
        if len(core) > 40:
            tail = "…" + tail.split(" ", 1)[-1]
        reason: str | None = None
        fields: dict[str, str] = {}
        if core[-1] in ",;—–-":
            reason, fields = "stops_on_mark", {"mark": core[-1]}
        elif low in self.allow:
            reason = None
        elif low in self.extra or _kind_of(word):
            reason, fields = "stops_on_word", {"kind": _kind_of(word) or "word", "word": word}
        elif low.endswith(("'s", "s'")) and word[0].isupper() and len(para.sentences) >= 1:
            reason, fields = "stops_on_word", {"kind": "possessive", "word": word}
        elif self.o.cut_words and word.islower() and lexicon.is_cut_word(word):
            reason, fields = "cut_word", {"word": word}
        else:
            words = len(core.split())
            long_enough = words >= self.o.min_words or ("," in core and words >= 3)
            if _is_person_entry(core) and len(para.sentences) == 1:
                reason = None  # "Jae-won Lim, M.D., Ph.D., chief of ...": an entry under "Who", not a sentence
            elif len(para.sentences) > 1 or (long_enough and not is_title_like(core)):
                reason = "unpunctuated"
        if reason is None:
            return None
        if word_start < last.start:
            word_start = last.start
        end = last.start + len(core)
        return Hit(
            start=word_start,
            end=end,
            message=self._say(reason, reason, tail, **fields),
        )
