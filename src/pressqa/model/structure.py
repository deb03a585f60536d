"""What each paragraph of a release is: headline, dateline, body prose, list, contact block...

Press checks look at prose; everything around it (headlines and subheads,
datelines, bullet lists, end marks, contact blocks, captions, bylines, tables)
is set apart here once, so that every check agrees on what is prose.

Kinds:
    headline   top matter before the first body paragraph (headline, subhead, office line)
    heading    a subhead between body paragraphs (title case, all caps, or Markdown ``#``)
    dateline   a line that is only a place and/or date (``WASHINGTON, Oct. 4, 2022``)
    label      a one-line lead-in ending in a colon (``Begin Text:``)
    note       an all-caps or starred aside (``(CLOSED PRESS COVERAGE)``)
    endmark    ``###``, ``-30-``, ``-ENDS-``, ``#``
    contact    a media-contact block, or lines of names, phones, e-mails and URLs
    list       bulleted or numbered lines
    table      pipe- or tab-separated rows
    caption    photo captions and credits
    byline     ``By Jane Doe``
    code       a fenced Markdown code block
    comment    nothing but an HTML comment (``<!-- pressqa: disable -->``)
    body       prose
    speech     a turn of a transcript (``MR. PRICE: ...``) or its continuation: spoken, transcribed

A transcript (a briefing, an interview, remarks) is told by its speaker labels: paragraphs
that open with an all-capitals name or role and a colon (``SECRETARY BLINKEN:``,
``QUESTION:``) followed by a spoken sentence; two such turns, or one under a label of two
or more words, make one.  An interview may write its labels as names (``Deputy Secretary
of State Sherman:``): then two labels that each open two turns or more make one.  Its prose
is speech: faithfully transcribed, with cut-off turns (``But we can —``), repetitions and
spoken grammar, so checks of edited prose leave it alone while those of the transcriber's
own work (full stops, spacing, name spellings) read it.  A paragraph that opens a turn keeps
its label (``Paragraph.speaker``).  Everything above its first turn (title, speaker, place,
venue) is its header.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Sequence

from pressqa.analysis import lexicon

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

KINDS = (
    "headline", "heading", "dateline", "label", "note", "endmark", "contact",
    "list", "table", "caption", "byline", "code", "comment", "body", "speech",
)

# A speaker label and the turn it opens: "MR. PRICE: Thank you.", "SENIOR STATE DEPARTMENT OFFICIAL (via
# interpreter): ...".  Two or more capitals-only words may stand before the colon, with an aside in brackets.
_SPEAKER = re.compile(r"^((?:[A-Z][A-Z.'’-]*\s+){0,7}[A-Z][A-Z.'’-]*(?:\s*\([^)]{0,60}\))?):\s+(\S.*)$", re.S)
_TURN_END = re.compile(r"[.!?…—–-][\"'”’)\]]*$")
# A speaker label written as a name (``Deputy Secretary of State Sherman: Well, ...``): capitalized
# words, with short lowercase ones between them (of, de, the) and commas.  Such a label reads like
# a sentence's opening ("Note: ..."), so it makes a transcript only when two labels each open two
# turns or more (an interview: people taking turns).
_NAMED_SPEAKER = re.compile(r"^([A-Z][\w.'’-]*(?:,? (?:[A-Z][\w.'’-]*|[a-z]{1,4})){0,7}):\s+(\S.*)$", re.S)

_ENDMARK = re.compile(r"^(?:#(?:\s*#)*|-+\s*30\s*-+|-?\s*ends?\s*-?|end(?: of)? (?:release|text|statement)\.?|\*{3,}|x{3,})$", re.I)
# Lettered items are "a." / "a)" / "A)": "J. " starts a name (J. R. R. Tolkien), not a list.
_BULLET = re.compile(r"^\s*(?:[-*•·◦▪–—+]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+|[A-Z]\)\s+|\(\w{1,3}\)\s+)")
_CONTACT_LABEL = re.compile(
    r"^(?:\W*)(?:(?:media|press|news|investor|public affairs|communications)\s+(?:contacts?|enquiries|inquiries|relations|office)"
    r"|contacts?|for (?:further|more) (?:information|details)|for media inquiries|press office|media office|notes? to editors?)\b.*",
    re.I,
)
_PHONE = re.compile(r"(?:\+?\d[\d\s().-]{6,}\d)")
# The look-behind starts an address only where its run of characters starts (linear on "-----").
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)


@cache
def _caption() -> re.Pattern[str]:
    """A caption or credit line: "Photo: ...", "Images (courtesy ...)" (rules/lexicon/caption-words.txt)."""
    words = lexicon.alternation("caption-words")
    return re.compile(rf"^(?:\(?\s*(?:{words})s?\b(?:\s+(?:credit|courtesy))?\s*[:(—–-])", re.I)


_BYLINE = re.compile(r"^by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*(?:,|and)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})*$")


@cache
def _datelines() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A dateline alone, a dateline that starts the first paragraph, and a line that starts with a place.

    Months, their abbreviations and weekdays come from rules/lexicon/ (read on first use)."""
    month = rf"(?:{lexicon.alternation('months', 'month-abbreviations', capitalize=True)})\.?"
    weekday = rf"(?:{lexicon.alternation('weekdays', capitalize=True)})"
    date = rf"(?:{weekday},?\s+)?(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}\s+{month}(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|{month}\s+\d{{4}})"
    dateline = re.compile(
        rf"^(?:[A-Z][A-Za-z.'’ -]+(?:,\s*[A-Z][A-Za-z.'’ -]+)?(?:\s*\([^)]*\))?\s*[,—–-]\s*)?{date}\s*(?:[—–-]+|/\s*PRNewswire\s*/)?\s*$"
    )
    # "WASHINGTON —", "COLUMBUS, Ohio, Oct. 6, 2026 —", "AUSTIN, Texas, March 3, 2026 /PRNewswire/ --"
    inline = re.compile(
        rf"^[A-Z][A-Z.'’ -]{{2,}}(?:,\s*[A-Z][\w.'’ -]*?){{0,2}}(?:,?\s*{date})?\s*(?:/\s*[A-Za-z-]+\s*/\s*)?(?:—|–|--|-)\s*\S"
    )
    return dateline, inline, re.compile(rf"^(?!{date})[A-Z][A-Z.'’ -]{{2,}},")


_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_FENCE = re.compile(r"^(?:```|~~~)")
_COMMENT = re.compile(r"^<!--.*-->$", re.S)
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]*_]*$")
_SENTENCE_INSIDE = re.compile(r"(?<![a-z])[a-z]{2,}[.!?][\"'”’]?\s+[A-Z][a-z]")
_WORD = re.compile(r"[^\W\d_][\w’'&.-]*")

# Words that stay lowercase in title case: those AP or Chicago keeps lowercase, AP's either-way
# words and the name particles (rules/lexicon/).
_MINOR = ("ap-lowercase", "ap-either", "chicago-lowercase", "name-particles")


def _lines(doc: "Document", para: "Paragraph") -> list[str]:
    return [doc.text[s.start:s.end] for s in para.lines]


def is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def title_case_ratio(text: str) -> float:
    """Share of non-minor words that start with a capital or a digit."""
    minor = lexicon.words(*_MINOR)
    words = [w for w in _WORD.findall(text) if w.lower() not in minor]
    if not words:
        return 0.0
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return caps / len(words)


def _final_word(text: str) -> str | None:
    """The word a line ends on, or None when it ends on a number or symbol (``$480,000``)."""
    words = _WORD.findall(text)
    tail = text.split()[-1].strip("\"'”’)]*_.,;:!?") if text.split() else ""
    if words and tail.endswith(words[-1].rstrip(".")):
        return words[-1]
    return None


def is_title_like(text: str, max_words: int = 16) -> bool:
    """Does a line without end punctuation read as a heading rather than cut-off prose?"""
    text = text.strip().strip("*_")
    if not text or text.endswith((",", ";")) or text[0].islower():
        return False
    if is_all_caps(text):
        return True
    words = text.split()
    final = _final_word(text)
    if final and final.lower() in lexicon.words(*_MINOR) and len(words) > 1:
        return False
    if len(words) <= max_words and title_case_ratio(text) >= 0.75:
        return True
    return False


def _could_be_headline(line: str) -> bool:
    """Top matter: a title-like line, or a short one that does not stop on a word that needs more."""
    dangling = lexicon.dangling()
    words = line.split()
    if line.endswith((",", ";", "—", "–")) or not words:
        return False
    last = _WORD.findall(line)
    final = _final_word(line)
    if final and final.lower() in dangling:
        return False
    if final and len(last) >= 2 and final.lower().endswith("ing") and last[-2].lower() in dangling:
        return False  # "...the partnership in promoting": a gerund that lost its object
    if _SENTENCE_INSIDE.search(line):
        return False  # two sentences: prose, not a headline
    return is_title_like(line, max_words=40) or len(words) <= 16


def _is_contact_line(line: str) -> bool:
    s = line.strip()
    if _URL.fullmatch(s):
        return True
    if _EMAIL.search(s):
        return len(s.split()) <= 12
    # digits inside a URL (readouts/2022.10.04.html) are not a phone number
    if _PHONE.search(_URL.sub(" ", s)) and len(s.split()) <= 10:
        return True
    return False


def _is_name_line(line: str) -> bool:
    """A short line of capitalized words with no end punctuation: a contact name or role."""
    s = line.strip()
    words = s.split()
    return 0 < len(words) <= 8 and not _TERMINAL.search(s) and title_case_ratio(s) >= 0.6


def _front_matter_end(doc: "Document") -> int:
    """The offset where a Markdown file's YAML front matter (``---`` ... ``---``) ends, or 0."""
    text = doc.text
    if not (text.startswith("---\n") or text.startswith("---\r")):
        return 0
    m = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[3:], re.M)
    return 3 + m.end() if m else 0


def classify(doc: "Document", paragraphs: list["Paragraph"]) -> None:
    """Set ``kind`` on every paragraph (see the module docstring)."""
    seen_body = False
    in_contact = False
    in_fence = False
    # Where the body starts, when a dateline says so: everything above it is top matter.
    # A date alone ("Monday, June 8, 2026") may stand above the headline; a place does not.
    body_start = next(
        (
            i for i, para in enumerate(paragraphs[:12])
            if _datelines()[1].match(para.text)
            or (len(para.lines) == 1 and _datelines()[0].match(para.text.strip()) and _datelines()[2].match(para.text))
        ),
        0,
    )
    front_matter_end = _front_matter_end(doc)
    for index, para in enumerate(paragraphs):
        lines = _lines(doc, para)
        first = lines[0].strip()
        text = " ".join(line.strip() for line in lines)
        kind = "body"
        if para.start < front_matter_end:
            kind = "code"  # YAML front matter of a Markdown file: data, not prose
        elif in_fence or _FENCE.match(first):
            kind = "code"
            fences = sum(1 for line in lines if _FENCE.match(line.strip()))
            if in_fence:
                in_fence = fences % 2 == 0
            else:
                in_fence = fences % 2 == 1
        elif _COMMENT.match(text) and "-->" not in text[:-3]:
            kind = "comment"
        elif _ENDMARK.match(text):
            kind = "endmark"
            in_contact = False
        elif len(lines) > 1 and all(_BULLET.match(line) or line[:1].isspace() for line in lines) or (
            len(lines) == 1 and _BULLET.match(lines[0]) and not _ENDMARK.match(first)
        ):
            kind = "list"
        elif sum(1 for line in lines if line.count("|") >= 2 or line.count("\t") >= 2) >= max(1, len(lines) - 1):
            kind = "table"
        elif _CONTACT_LABEL.match(first) and (len(lines) > 1 or len(first.split()) <= 14 or _is_contact_line(first)):
            if not _TERMINAL.search(first.rstrip(":")) or first.endswith(":") or _is_contact_line(first):
                kind = "contact"
                in_contact = True
        elif all(_is_contact_line(line) or (in_contact and _is_name_line(line)) for line in lines) or (
            len(lines) > 1 and all(_is_contact_line(line) or _is_name_line(line) for line in lines)
            and any(_is_contact_line(line) for line in lines)
        ):
            kind = "contact"
        elif _caption().match(first):
            kind = "caption"
        elif len(lines) == 1 and _BYLINE.match(first):
            kind = "byline"
        elif len(lines) == 1 and _datelines()[0].match(first):
            kind = "dateline"
        elif _MD_HEADING.match(first) and len(lines) == 1:
            kind = "heading" if seen_body else "headline"
        elif len(lines) == 1 and first.endswith(":") and len(first.split()) <= 25:
            kind = "label"
        elif len(lines) == 1 and (
            (first.startswith("(") and first.endswith(")") and is_all_caps(first))
            or (first.startswith("***") and first.endswith("***"))
            or (first.startswith("[") and first.endswith("]"))
        ):
            kind = "note"
        elif len(lines) == 1 and not _TERMINAL.search(first):
            if index < body_start or (not seen_body and _could_be_headline(first)) or (
                index == 0 and is_title_like(first, max_words=60)
            ):
                kind = "headline"
            elif is_title_like(first):
                kind = "heading"
        if kind == "body":
            seen_body = True
            in_contact = False
        para.kind = kind
    _mark_transcript(doc, paragraphs)


def opening_label(text: str) -> str | None:
    """The speaker label a paragraph opens with (``MR PRICE`` of ``MR PRICE: Yes.``), however short
    the words after it; :func:`speaker_label` tells whether the paragraph is a turn."""
    m = _SPEAKER.match(text)
    return m.group(1) if m else None


def turn_start(text: str) -> int:
    """Where the words after the speaker label a paragraph opens with start (``Yes`` of ``MR
    PRICE: Yes.``); 0 when it opens with none."""
    m = _SPEAKER.match(text)
    return m.start(2) if m else 0


def speaker_label(text: str) -> tuple[str, int] | None:
    """The speaker label a paragraph opens with and the offset where its turn starts, when it is
    a turn: the label, then at least three words of speech ending as a sentence or cut off."""
    m = _SPEAKER.match(text)
    if m is None or not _is_turn(m.group(2)):
        return None
    return m.group(1), m.start(2)


def _is_turn(said: str) -> bool:
    """Words after a label that make a turn: three words or more, ending as a sentence or cut off."""
    said = said.strip()
    return len(said.split()) >= 3 and bool(_TURN_END.search(said))


def _named_label(text: str) -> tuple[str, str] | None:
    """A label written as a name or title opening *text*, and what follows it: its lowercase
    words are name particles and the small words of titles (``de``, ``of``), never a verb
    (``Sherman said:``)."""
    m = _NAMED_SPEAKER.match(text)
    if m is None:
        return None
    small = lexicon.words("name-particles", "title-small-words")
    if any(w[0].islower() and w not in small for w in m.group(1).replace(",", " ").split()):
        return None
    return m.group(1), m.group(2)


def _named_turns(paragraphs: "Sequence[Paragraph]") -> dict[int, str]:
    """The turns of an interview whose labels are written as names (``Alexandra de Hoop Scheffer:``),
    by paragraph index, when two labels each open two turns or more; else none."""
    found: dict[int, str] = {}
    for i, para in enumerate(paragraphs):
        named = _named_label(para.text)
        if named is not None and _is_turn(named[1]):
            found[i] = named[0]
    counts: dict[str, int] = {}
    for label in found.values():
        counts[label] = counts.get(label, 0) + 1
    if sum(1 for n in counts.values() if n >= 2) < 2:
        return {}
    return found


def _turn_labels(paragraphs: "Sequence[Paragraph]") -> dict[int, str]:
    """The speaker label of each paragraph that opens a turn of a transcript, by paragraph index
    (empty when the paragraphs are no transcript).  A short turn under a known kind of label
    (``MR PRICE: Yes.``) opens a turn too; the paragraphs between two labels continue a turn."""
    turns = [(i, found[0]) for i, para in enumerate(paragraphs) if (found := speaker_label(para.text))]
    if turns and not (len(turns) == 1 and len(turns[0][1].split()) < 2):
        first = turns[0][0]
        return {i: label for i, para in enumerate(paragraphs) if i >= first and (label := opening_label(para.text))}
    turns_named = _named_turns(paragraphs)  # a lone capitals label (ERT: ...) may be one turn of such an interview
    if not turns_named:
        return {}
    first = min(turns_named)
    return {i: named[0] for i, para in enumerate(paragraphs)
            if i >= first and (named := _named_label(para.text)) is not None}


def _mark_transcript(doc: "Document", paragraphs: list["Paragraph"]) -> None:
    """In a transcript, mark its prose as speech and its header as top matter (see the module docstring)."""
    labels = _turn_labels(paragraphs)
    if not labels:
        return
    first_turn = min(labels)
    for index, para in enumerate(paragraphs):
        if para.kind != "body":
            continue
        if index >= first_turn:
            para.kind = "speech"
            para.speaker = labels.get(index)
        elif not _TERMINAL.search(para.text.rstrip()):
            para.kind = "headline" if index == 0 else "heading"
