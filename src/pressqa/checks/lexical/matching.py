"""What the lexical check types share: phrases as patterns, the word index, exceptions, timed searches.

Literal phrases are looked up by their first word in an index of the
document's words, and only the phrases whose first word occurs are tried, each
with a small pattern of its own: a list of 500 spellings costs nothing to set
up and little to run.  Regular expressions from a pack (``regex: true``,
``nonword: true``, ``pattern``, ``occurrence``) go through the ``regex`` module
with a time limit (see :mod:`pressqa.packs.regexes`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from pressqa.checks import Check, Context, kinds_but
from pressqa.checks.lexical.wordindex import WORD_RUN, WordIndex
from pressqa.packs.regexes import compile_error, finditer, timeout_for

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

# A word-aware boundary: at the start, "not after a word character, unless the
# match itself starts with a non-word character"; the mirror image at the end.
# Unlike \b it lets tokens such as "%" or "U.S." start or end a match.
_START = r"(?:(?<!\w)|(?!\w))"
_END = r"(?:(?!\w)|(?<!\w))"
_SPACE = r"\s+"
_APOSTROPHE = "['’]"
_GROUP = "_pq"

#: The schema of a list of phrases (each at least one character).
STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string", "minLength": 1}}

# The descriptions of the options several lexical types share.
IGNORECASE = "match regardless of case (the default)"
NONWORD = "match inside words too (no word boundaries)"
REGEX = "the tokens are regular expressions, not literal phrases"
EXCEPTIONS = "phrases inside which a match is not reported"


def literal_pattern(phrase: str) -> str:
    """A phrase as a regular expression: spaces match any whitespace, ' matches ’ too."""
    parts = []
    for word in phrase.split():
        parts.append("".join(_APOSTROPHE if ch in "'’" else re.escape(ch) for ch in word))
    return _SPACE.join(parts)


def alternation(items: list[str], *, is_regex: bool, nonword: bool) -> str:
    """One pattern matching any of *items*; the matched item's index is in group ``_pq<i>``.

    Literal items are tried longest first, so ``in order to`` wins over ``in order``.
    """
    order = list(range(len(items)))
    if not is_regex:
        order.sort(key=lambda i: -len(items[i]))
    branches = []
    for i in order:
        body = items[i] if is_regex else literal_pattern(items[i])
        branches.append(f"(?P<{_GROUP}{i}>{body})")
    pattern = "(?:" + "|".join(branches) + ")"
    if not nonword:
        pattern = _START + pattern + _END
    return pattern


def which(match: Any) -> int:
    """The index of the alternative that matched (see :func:`alternation`)."""
    name = match.lastgroup
    if name and name.startswith(_GROUP):
        return int(name[len(_GROUP):])
    for key, value in match.groupdict().items():  # pragma: no cover - lastgroup is the outer group
        if key.startswith(_GROUP) and value is not None:
            return int(key[len(_GROUP):])
    raise LookupError("no alternative matched")


def match_case(source: str, replacement: str, key: str = "") -> str:
    """*replacement* in the case of *source*: ``KIEV`` -> ``KYIV``, ``In order to`` -> ``To``.

    Only case the text adds to the *key* (the form as the pack writes it) is
    carried over: a key written in capitals (``AM``) or with a capital
    (``Internet``) passes none on.  A replacement keeps capitals of its own
    (``Kyiv``, ``U.S.``) unless the text is in capitals.
    """
    letters = [c for c in source if c.isalpha()]
    key_letters = [c for c in key if c.isalpha()]
    shouted = len(letters) >= 2 and all(c.isupper() for c in letters)
    if shouted and not (len(key_letters) >= 2 and all(c.isupper() for c in key_letters)):
        return replacement.upper()
    if letters and letters[0].isupper() and not (key_letters and key_letters[0].isupper()):
        for i, ch in enumerate(replacement):
            if ch.isalpha():
                return replacement[:i] + ch.upper() + replacement[i + 1:]
    return replacement


def regex_problem(key: str, items: list[str], flags: int = 0) -> tuple[list[Any], str] | None:
    """The first of *items* (options ``key``) that does not compile, as a validation problem."""
    for i, item in enumerate(items):
        problem = compile_error(item, flags)
        if problem:
            return [key, i], problem
    return None


def word_index(doc: "Document", ctx: Context) -> WordIndex:
    """Every run of word characters of *doc*, where it starts and which word it is (memoised per document)."""
    return ctx.memo("lexical.word_index", lambda: WordIndex(doc.text))


class Found(NamedTuple):
    """One match: its span, the index of the item that matched, and the regex match (regex items only)."""

    start: int
    end: int
    index: int  # type: ignore[assignment]  # a field named like tuple.index, on purpose
    match: Any = None


class Matcher:
    """Finds any of a list of phrases (or regular expressions) in a stretch of a document."""

    def __init__(self, items: list[str], *, is_regex: bool = False, nonword: bool = False, ignorecase: bool = True) -> None:
        self.items = list(items)
        self.is_regex = is_regex
        self.nonword = nonword
        self.ignorecase = ignorecase
        self.literal = not is_regex and not nonword
        self._alternation: Any = None
        self._single: dict[int, re.Pattern[str]] = {}
        self._by_first: dict[str, list[int]] = {}
        self._loose: list[int] = []  # literal items that do not start with a word character
        self._loose_pattern: re.Pattern[str] | None = None
        if self.literal:
            for i, item in enumerate(self.items):
                m = WORD_RUN.match(item)
                if m is None:
                    self._loose.append(i)
                else:
                    self._by_first.setdefault(m.group().lower(), []).append(i)

    def _flags(self) -> int:
        return re.IGNORECASE if self.ignorecase else 0

    def compiled(self) -> Any:
        """The whole list as one ``regex`` alternation (for regular expressions and ``nonword``)."""
        if self._alternation is None:
            import regex

            flags = regex.IGNORECASE if self.ignorecase else 0
            self._alternation = regex.compile(
                alternation(self.items, is_regex=self.is_regex, nonword=self.nonword), flags
            )
        return self._alternation

    def _pattern(self, i: int) -> re.Pattern[str]:
        pattern = self._single.get(i)
        if pattern is None:
            pattern = re.compile(literal_pattern(self.items[i]) + _END, self._flags())
            self._single[i] = pattern
        return pattern

    def find(self, check: "LexicalCheck", doc: "Document", ctx: Context, start: int, end: int) -> Iterator[Found]:
        """Non-overlapping matches in ``doc.text[start:end]``, left to right, the longest at each place."""
        if not self.literal:
            for m in check.search(self.compiled(), doc, ctx, start, end):
                yield Found(m.start(), m.end(), which(m), m)
            return
        text = doc.text
        index = word_index(doc, ctx)
        starts, numbers = index.starts, index.ids
        by_first = index.numbers(self._by_first)
        hits: list[tuple[int, int, int]] = []
        for k in index.span(start, end) if by_first else ():
            ids = by_first.get(numbers[k])
            if not ids:
                continue
            pos = starts[k]
            best: tuple[int, int, int] | None = None
            for i in ids:
                m = self._pattern(i).match(text, pos, end)
                if m is not None and (best is None or m.end() > best[1]):
                    best = (pos, m.end(), i)
            if best is not None:
                hits.append(best)
        if self._loose:
            if self._loose_pattern is None:
                self._loose_pattern = re.compile(
                    alternation([self.items[i] for i in self._loose], is_regex=False, nonword=False), self._flags()
                )
            for m in self._loose_pattern.finditer(text, start, end):
                hits.append((m.start(), m.end(), self._loose[which(m)]))
            hits.sort(key=lambda h: (h[0], -h[1]))
        next_free = start
        for hit_start, hit_end, i in hits:
            if hit_start < next_free or hit_end == hit_start:
                continue
            next_free = hit_end
            yield Found(hit_start, hit_end, i)


class LexicalCheck(Check):
    """What every lexical type shares: it reads all prose but code, and runs a pack's regexes timed.

    Its options (``self.o``) have ``ignorecase``.
    """

    kinds = kinds_but("code")
    memos = ("lexical.",)  # the word index and the sentence starts: no other type reads them

    def flags(self) -> int:
        import regex

        return regex.IGNORECASE if self.o.ignorecase else 0

    def search(self, compiled: Any, doc: "Document", ctx: Context, start: int, end: int, what: str = "pattern") -> Iterator[Any]:
        timeout = timeout_for(ctx.settings)
        # One time limit per rule and file (see packs.regexes.finditer), kept with the document's analyses.
        budget = ctx.memo(f"regex-budget:{self.rule.id}", lambda: [timeout])
        return finditer(compiled, doc.text, start, end, rule=self.rule, path=doc.path, timeout=timeout, what=what,
                        budget=budget)


class PhraseCheck(LexicalCheck):
    """A lexical type that looks for a list of phrases, less those inside its ``exceptions``.

    Its options (``self.o``) have ``ignorecase`` and ``exceptions``.
    """

    def setup(self) -> None:
        exceptions = list(self.o.exceptions or [])
        self._exceptions = self.matcher(exceptions) if exceptions else None

    def matcher(self, items: list[str], *, is_regex: bool = False, nonword: bool = False) -> Matcher:
        """A matcher of *items* with the rule's case (literal phrases unless told otherwise)."""
        return Matcher(items, is_regex=is_regex, nonword=nonword, ignorecase=self.o.ignorecase)

    def excluded(self, doc: "Document", ctx: Context, para: "Paragraph") -> list[tuple[int, int]]:
        if self._exceptions is None:
            return []
        return [(f.start, f.end) for f in self._exceptions.find(self, doc, ctx, para.start, para.end)]

    def matches(self, matcher: Matcher, doc: "Document", ctx: Context, para: "Paragraph") -> Iterator[Found]:
        """The matches in *para*, less those inside an exception."""
        excluded = self.excluded(doc, ctx, para)
        for found in matcher.find(self, doc, ctx, para.start, para.end):
            if found.end == found.start:
                continue
            if any(s <= found.start and found.end <= e for s, e in excluded):
                continue
            yield found
