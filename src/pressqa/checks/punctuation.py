"""Spacing around punctuation."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Check, Context, kinds_but
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.findings import Edit, Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document

_CANDIDATE = re.compile(r"(?<=\S)([,;:!?.)\]])(?=[^\W\d_])")


@cache
def _token_skip() -> re.Pattern[str]:
    """A token that is an address, an entity or a tag (domain endings: rules/lexicon/domain-endings.txt)."""
    return re.compile(rf"://|@|^www\.|&\w+;|^<|\.(?:{lexicon.alternation('domain-endings')})\b", re.I)


_SCHEMES = frozenset({"mailto", "tel", "sms", "urn", "http", "https", "ftp", "file", "data", "news", "doi", "isbn", "geo"})
_LONGEST_SCHEME = max(len(s) for s in _SCHEMES)


def _is_word_after_stop(text: str, start: int, end: int) -> bool:
    """Is text[start:end] an ordinary word (``rose.and``), not an extension or a domain (``Node.js``)?"""
    from pressqa.analysis.commonwords import is_common_word

    m = _LOWER_RUN.match(text, start, end)  # no slicing: the token may be long
    if not m or m.end() != end and text[m.end()] not in ",;:!?)\"'’”":
        return False
    word = m.group()
    # A word that opens a clause run into a full stop is a slip, not a file extension.
    return word in lexicon.words("clause-openers") or is_common_word(word)


_LOWER_RUN = re.compile(r"[a-z]+")
#: How far the words shown around a mark reach: a token of 50,000 characters is not a word,
#: and scanning it again for every mark in it made the check quadratic.
_WORD_REACH = 64


def _token_bounds(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = pos
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _word_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The words (letters, digits, quotes) around the punctuation at *pos*, within [lo, hi)."""
    lo = max(lo, pos - _WORD_REACH)
    hi = min(hi, pos + 1 + _WORD_REACH)
    start = pos
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "'’-()\""):
        start -= 1
    end = pos + 1
    while end < hi and (text[end].isalnum() or text[end] in "'’-"):
        end += 1
    return start, end


class MissingSpaceAfterPunctuation(Check):
    """Punctuation run into the next word: ``Armenia,and``, ``talks.The``, ``(USA)and``.

    **What it does.** Reports a comma, semicolon, colon, closing bracket, or a
    sentence's end punctuation that is followed directly by a letter, and suggests
    the same words with a space after the mark.  The fix inserts that one space.

    **Why.** A dropped space is the commonest slip of fast editing; spell
    checkers read ``Armenia,and`` as one unknown word and say nothing useful.

    **Example.** ``Security Council of Armenia,and as a result`` is reported at
    ``Armenia,and`` with the suggestion ``Armenia, and``.

    **Leaves alone.** Numbers (``3.5``, ``10,000``, ``10:30``), abbreviations and
    acronyms (``U.S.``, ``e.g.,``, ``a.m.``), URLs, domain names and e-mail
    addresses, ellipses, quotations that close after a comma (``"Yes," she
    said``), HTML entities and ``(s)``-style optional letters.
    """

    type = "missing-space"
    fixable = True
    messages = Messages(missing_space="missing space after '{mark}' in '{text}'")
    kinds = kinds_but("code", "table")
    # A document unit: the token around a mark is judged once for all the marks in it.

    @options
    class Options:
        marks: str = option(",;:!?.)]", "the punctuation marks to check", minLength=1)

    o: Options

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        text = doc.text
        marks = self.o.marks
        tok_start = tok_end = -1
        skip_token = False
        for para in ctx.paragraphs:
            for m in _CANDIDATE.finditer(text, para.start, para.end):
                mark = m.group(1)
                if mark not in marks:
                    continue
                pos = m.start(1)
                if pos >= tok_end:  # a new token: find its bounds and judge it once, not once per mark
                    tok_start, tok_end = _token_bounds(text, pos)
                    token = text[tok_start:tok_end]
                    skip_token = bool(_token_skip().search(token))
                if skip_token:
                    continue
                before = text[pos - 1]
                after = text[pos + 1]
                nxt = text[pos + 2] if pos + 2 < len(text) else " "
                if mark == ".":
                    # talks.The, Baku.they -- but not U.S.Army, e.g.x, Node.js, file.PDF, a...b
                    if pos >= 2 and text[pos - 2] == ".":
                        continue
                    # An earlier full stop in the token is found from this one backwards (each
                    # stretch of the token is searched once); only the token's first full stop
                    # goes on to look at the letters before it.
                    if not before.islower() or text.rfind(".", tok_start, pos) != -1:
                        continue
                    word = re.search(r"[^\W\d_]+$", text[tok_start:pos])
                    if not word or len(word.group()) < 2:
                        continue
                    if any(c.isdigit() for c in text[tok_start:pos]):
                        continue  # an identifier or address (he5dybnt…iodiad.onion), not a word before a stop
                    if after.isupper():
                        if not (nxt.islower() or nxt in "'’ "):
                            continue
                    elif not _is_word_after_stop(text, pos + 1, tok_end):
                        continue
                elif mark in "!?":
                    if not (after.isupper() and nxt.islower()):
                        continue
                elif mark == ":":
                    if pos - tok_start <= _LONGEST_SCHEME and text[tok_start:pos].lower() in _SCHEMES:
                        continue
                elif mark in ")]":
                    opener = "(" if mark == ")" else "["
                    # Only an opener at most three characters back matters (below).
                    inner_start = text.rfind(opener, max(tok_start, pos - 4), pos)
                    inner = text[inner_start + 1:pos] if inner_start != -1 else ""
                    if inner_start != -1 and len(inner) <= 3 and inner.islower():
                        continue  # partner(s)hip, (s)he
                elif mark == ";" and "&" in token:
                    continue
                w_start, w_end = _word_bounds(text, pos, tok_start, tok_end)
                seen = text[w_start:w_end]
                suggestion = text[w_start:pos + 1] + " " + text[pos + 1:w_end]
                yield Hit(
                    start=w_start,
                    end=w_end,
                    message=self.say("missing_space", mark=mark, text=seen),
                    suggestion=suggestion,
                    fix=(Edit(pos + 1, pos + 1, " "),),
                )
