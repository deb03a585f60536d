"""Data-driven word and phrase checks: existence, substitution, consistency, occurrence, pattern.

These are the check types a house style uses most: the pack supplies the words
(or regular expressions), the message and the level; the code here finds them
and reports each match with its exact span.

Matching is paragraph by paragraph (a phrase never runs across a blank line)
and skips fenced code blocks.  Phrases are matched as whole words, a space in a
phrase matches any run of spaces or one line break, and a straight apostrophe
also matches a curly one.

Literal phrases are looked up by their first word in an index of the
document's words, and only the phrases whose first word occurs are tried, each
with a small pattern of its own: a list of 500 spellings costs nothing to set
up and little to run.  Regular expressions from a pack (``regex: true``,
``nonword: true``, ``pattern``, ``occurrence``) go through the ``regex`` module
with a time limit (see :mod:`pressqa.regexes`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from pressqa.findings import Edit, Hit
from pressqa.packs.regexes import compile_error, finditer, timeout_for
from pressqa.checks import Check
from pressqa.checks import Context

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

#: Paragraph kinds no lexical rule looks into.
SKIP_KINDS = frozenset({"code"})

# A word-aware boundary: at the start, "not after a word character, unless the
# match itself starts with a non-word character"; the mirror image at the end.
# Unlike \b it lets tokens such as "%" or "U.S." start or end a match.
_START = r"(?:(?<!\w)|(?!\w))"
_END = r"(?:(?!\w)|(?<!\w))"
_SPACE = r"\s+"
_APOSTROPHE = "['’]"
_GROUP = "_pq"
_WORD_RUN = re.compile(r"\w+")

_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_COMMON_OPTIONS: dict[str, dict] = {
    "ignorecase": {"type": "boolean", "description": "match regardless of case (the default)"},
    "nonword": {"type": "boolean", "description": "match inside words too (no word boundaries)"},
    "regex": {"type": "boolean", "description": "the tokens are regular expressions, not literal phrases"},
    "exceptions": {**_STRINGS, "description": "phrases inside which a match is not reported"},
}
_COMMON_DEFAULTS: dict[str, Any] = {"ignorecase": True, "nonword": False, "regex": False, "exceptions": []}


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


def regex_problem(body: dict[str, Any], key: str, items: list[str], flags: int = 0) -> tuple[list[Any], str] | None:
    """The first of *items* (options ``key``) that does not compile, as a validation problem."""
    for i, item in enumerate(items):
        problem = compile_error(item, flags)
        if problem:
            return [key, i], problem
    return None


def paragraphs(doc: "Document") -> list["Paragraph"]:
    return [p for p in doc.paragraphs if p.kind not in SKIP_KINDS]


def word_index(doc: "Document", ctx: Context) -> tuple[list[int], list[str]]:
    """Start offsets and lowercased text of every run of word characters (memoised per document)."""

    def compute() -> tuple[list[int], list[str]]:
        starts: list[int] = []
        words: list[str] = []
        for m in _WORD_RUN.finditer(doc.text):
            starts.append(m.start())
            words.append(m.group().lower())
        return starts, words

    return ctx.memo("lexical.word_index", compute)


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
                m = _WORD_RUN.match(item)
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
        starts, words = word_index(doc, ctx)
        hits: list[tuple[int, int, int]] = []
        for k in range(bisect_left(starts, start), bisect_left(starts, end)):
            ids = self._by_first.get(words[k])
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
    """Shared machinery: a matcher over the rule's items, exceptions, timed searches."""

    def flags(self) -> int:
        import regex

        return regex.IGNORECASE if self.opts.get("ignorecase") else 0

    def matcher(self, items: list[str], *, literal: bool = False) -> Matcher:
        return Matcher(
            items,
            is_regex=False if literal else bool(self.opts.get("regex", False)),
            nonword=False if literal else bool(self.opts.get("nonword", False)),
            ignorecase=bool(self.opts.get("ignorecase", True)),
        )

    def setup(self) -> None:
        exceptions = list(self.opts.get("exceptions") or [])
        self._exceptions = self.matcher(exceptions, literal=True) if exceptions else None

    def search(self, compiled: Any, doc: "Document", ctx: Context, start: int, end: int, what: str = "pattern") -> Iterator[Any]:
        timeout = timeout_for(ctx.settings)
        # One time limit per rule and file (see packs.regexes.finditer), kept with the document's analyses.
        budget = ctx.memo(f"regex-budget:{self.rule.id}", lambda: [timeout])
        return finditer(compiled, doc.text, start, end, rule=self.rule, path=doc.path, timeout=timeout, what=what,
                        budget=budget)

    def excluded(self, doc: "Document", ctx: Context, para: "Paragraph") -> list[tuple[int, int]]:
        if self._exceptions is None:
            return []
        return [(f.start, f.end) for f in self._exceptions.find(self, doc, ctx, para.start, para.end)]

    def matches(self, matcher: Matcher, doc: "Document", ctx: Context) -> Iterator[Found]:
        """Matches paragraph by paragraph, less those inside an exception."""
        for para in paragraphs(doc):
            excluded = self.excluded(doc, ctx, para)
            for found in matcher.find(self, doc, ctx, para.start, para.end):
                if found.end == found.start:
                    continue
                if any(s <= found.start and found.end <= e for s, e in excluded):
                    continue
                yield found


class Existence(LexicalCheck):
    """Words and phrases that must not appear: ``at the initiative and participation of``, ``in order to``.

    **What it does.** Reports every occurrence of any of the rule's ``tokens``.
    Tokens are literal phrases matched as whole words, regardless of case; set
    ``ignorecase: false`` to match the case given, ``nonword: true`` to match
    inside words, and ``regex: true`` to write the tokens as regular expressions.
    The message can name the match: ``{match}``.

    **Why.** Every style guide has a list of words its house does not use:
    calques from translation, jargon, wordy phrases, banned claims.

    **Example.**

    ```yaml
    calques:
      type: existence
      category: style
      message: "'{match}' is a calque; say who invited and who took part"
      tokens: [at the initiative and participation of]
    ```

    **Leaves alone.** Matches inside a longer word (``in order to`` is not
    found in ``within order tools``) and inside any of the ``exceptions``.
    """

    type = "existence"
    options = {
        "tokens": {**_STRINGS, "minItems": 1, "description": "the phrases (or regular expressions) to report"},
        **_COMMON_OPTIONS,
        "suggestion": {"type": "string", "description": "a fixed suggestion shown with every match"},
    }
    required = ("tokens",)
    defaults = {**_COMMON_DEFAULTS, "suggestion": None}

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        if body.get("regex"):
            return regex_problem(body, "tokens", list(body.get("tokens") or []))
        return None

    def setup(self) -> None:
        super().setup()
        self._matcher = self.matcher(list(self.opts["tokens"]))

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        for found in self.matches(self._matcher, doc, ctx):
            yield Hit(
                start=found.start,
                end=found.end,
                message=self.message("avoid '{match}'", match=doc.text[found.start:found.end]),
                suggestion=self.opts.get("suggestion"),
            )


class Substitution(LexicalCheck):
    """Preferred forms: ``e-mail`` -> ``email``, ``Kiev`` -> ``Kyiv``, ``in order to`` -> ``to``.

    **What it does.** ``swap`` maps each form to avoid to the form to use.  Every
    match is reported with the preferred form as the suggestion, in the case of
    the text (``Kiev's`` -> ``Kyiv's``, ``In order to`` at the start of a
    sentence -> ``To``, ``KIEV`` -> ``KYIV``), and with a fix that replaces just
    those words, so ``pressqa fix`` can apply it.  Set ``fix: false`` for swaps
    that need a human to read the sentence (the suggestion is still shown), and
    ``matchcase: false`` to suggest the value exactly as written.  A
    value with ``|`` offers alternatives (``over: more than|above``) and has no fix.
    With ``regex: true`` the keys are regular expressions and a value may refer
    to their groups (``\\1``).

    **Why.** A house style is mostly a list of preferred spellings and names;
    applying them by hand across a release is slow and error-prone.

    **Example.**

    ```yaml
    preferred-forms:
      type: substitution
      category: terminology
      swap:
        e-mail: email
        Kiev: Kyiv
    ```

    **Leaves alone.** The preferred form itself, matches inside longer words,
    and matches inside any of the ``exceptions`` (``Chicken Kiev``).
    """

    type = "substitution"
    fixable = True
    options = {
        "swap": {
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
            "description": "form to avoid -> preferred form ('a|b' for alternatives)",
        },
        **_COMMON_OPTIONS,
        "fix": {"type": "boolean", "description": "offer the replacement as a safe fix (the default)"},
        "matchcase": {"type": "boolean", "description": "give the replacement the case of the text (the default)"},
    }
    required = ("swap",)
    defaults = {**_COMMON_DEFAULTS, "fix": True, "matchcase": True}

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        swap = body.get("swap") or {}
        for key in swap:
            if not str(key).strip():
                return ["swap", key], "an empty form to avoid"
        if body.get("regex"):
            for key in swap:
                problem = compile_error(key)
                if problem:
                    return ["swap", key], problem
        return None

    def setup(self) -> None:
        super().setup()
        swap = self.opts["swap"]
        self._keys = list(swap)
        self._values = [swap[k] for k in self._keys]
        self._matcher = self.matcher(self._keys)
        self._own: list[Any] = []
        if self.opts.get("regex"):
            import regex  # only for regex keys: the import costs the commit hook ~10 ms

            self._own = [regex.compile(k, self.flags()) for k in self._keys]

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        for hit in self.matches(self._matcher, doc, ctx):
            i = hit.index
            found = doc.text[hit.start:hit.end]
            value = self._values[i]
            if self._own:
                # match the key alone at the same place, so that \1 means its own group 1
                # (lookarounds still see the text around it, unlike a sliced fullmatch)
                own = self._own[i].match(doc.text, hit.start)
                if own is not None and own.end() == hit.end:
                    value = own.expand(value)
            key = "" if self._own else self._keys[i]
            parts = value.split("|")
            # a single value is used as written (" p.m." may start with a space)
            choices = [v.strip() for v in parts if v.strip()] if len(parts) > 1 else [value]
            if self.opts.get("matchcase", True):
                choices = [match_case(found, v, key) for v in choices]
            if not choices or found in choices:
                continue
            fix: tuple[Edit, ...] = ()
            if self.opts.get("fix", True) and len(choices) == 1:
                fix = (Edit(hit.start, hit.end, choices[0]),)
            yield Hit(
                start=hit.start,
                end=hit.end,
                message=self.message(
                    "use '{suggestion}' instead of '{match}'", match=found, suggestion="' or '".join(choices)
                ),
                suggestion=choices[0],
                fix=fix,
            )


def _side_forms(side: Any) -> list[str]:
    return [side] if isinstance(side, str) else list(side)


class Consistency(LexicalCheck):
    """Either/or forms that must not be mixed in one release: ``peace treaty`` / ``peace agreement``.

    **What it does.** Each of the ``groups`` lists two or more sides.  A side is
    a form (``adviser``) or a list of forms (``[organise, organised]``); a group
    written as a mapping names its sides (``{UK: [...], US: [...]}``).  When a
    release uses more than one side of a group, the side used most is taken as
    the release's choice (on a tie, the side used first), and every occurrence of
    the other sides is reported, naming the majority form, how often and on which
    lines it appears.  When the sides list forms in the same order, the
    suggestion is the matching form of the majority side (``organise`` ->
    ``organize``); ``fix: true`` makes it a safe fix (right for spelling
    variants, not for terms that may differ in meaning).

    **Why.** A reader who meets ``peace treaty`` and then ``peace agreement``
    wonders whether there are two documents; mixed US and UK spelling looks
    careless.  Which form is right is the house's business, mixing them never is.

    **Example.**

    ```yaml
    terms:
      type: consistency
      category: terminology
      groups:
        - [peace treaty, peace agreement]
        - [adviser, advisor]
    ```

    **Leaves alone.** A release that keeps to one side, however often; forms
    inside ``exceptions``; and, with ``skip_capitalized`` (the default), a form
    capitalized in mid-sentence or in a headline, which is part of a name
    (``Ministry of Defence`` in a US release, ``World Health Organization`` in a
    UK one).
    """

    type = "consistency"
    fixable = True
    _FORMS = {"oneOf": [{"type": "string", "minLength": 1}, {**_STRINGS, "minItems": 1}]}
    options = {
        "groups": {
            "type": "array",
            "minItems": 1,
            "items": {
                "oneOf": [
                    {"type": "array", "items": _FORMS, "minItems": 2},
                    {"type": "object", "additionalProperties": _FORMS, "minProperties": 2},
                ]
            },
            "description": "groups of sides that must not be mixed; a side is a form or a list of forms",
        },
        "ignorecase": _COMMON_OPTIONS["ignorecase"],
        "nonword": _COMMON_OPTIONS["nonword"],
        "exceptions": _COMMON_OPTIONS["exceptions"],
        "skip_capitalized": {"type": "boolean", "description": "ignore forms capitalized mid-sentence (names); default true"},
        "fix": {"type": "boolean", "description": "offer the counterpart form as a safe fix (default false)"},
    }
    required = ("groups",)
    defaults = {"ignorecase": True, "nonword": False, "exceptions": [], "skip_capitalized": True, "fix": False}

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        seen: dict[str, list[Any]] = {}
        ignorecase = body.get("ignorecase", True)
        for gi, group in enumerate(body.get("groups") or []):
            sides = list(group.items()) if isinstance(group, dict) else list(enumerate(group))
            for side_key, side in sides:
                for fi, form in enumerate(_side_forms(side)):
                    norm = " ".join(form.split())
                    norm = norm.lower() if ignorecase else norm
                    where = ["groups", gi, side_key] + ([fi] if not isinstance(side, str) else [])
                    if norm in seen:
                        return where, f"'{form}' is listed twice (also at {'.'.join(map(str, seen[norm]))})"
                    seen[norm] = where
        return None

    def setup(self) -> None:
        super().setup()
        forms: list[str] = []
        # per form: (group index, side index, form index within its side)
        self._where: list[tuple[int, int, int]] = []
        self._groups: list[list[tuple[str, list[str]]]] = []
        for gi, group in enumerate(self.opts["groups"]):
            if isinstance(group, dict):
                sides = [(str(name), _side_forms(value)) for name, value in group.items()]
            else:
                sides = [(_side_forms(value)[0], _side_forms(value)) for value in group]
            self._groups.append(sides)
            for si, (_, side_forms) in enumerate(sides):
                for fi, form in enumerate(side_forms):
                    forms.append(form)
                    self._where.append((gi, si, fi))
        self._matcher = self.matcher(forms, literal=not self.opts.get("nonword"))
        self._paired = [len({len(f) for _, f in sides}) == 1 for sides in self._groups]

    def _is_name(self, doc: "Document", ctx: Context, start: int, form: str) -> bool:
        """A form written lowercase in the pack but capitalized here, not at a sentence start."""
        text = doc.text
        first = text[start]
        if not first.isupper() or not form[:1].islower():
            return False
        para = doc.paragraph_at(start)
        if para is None or para.kind in ("headline", "heading"):
            return True
        return start not in sentence_starts(doc, ctx)

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        # group -> side -> list of (start, end, form index)
        seen: dict[int, dict[int, list[tuple[int, int, int]]]] = {}
        for found in self.matches(self._matcher, doc, ctx):
            gi, si, fi = self._where[found.index]
            form = self._groups[gi][si][1][fi]
            if self.opts.get("skip_capitalized", True) and self._is_name(doc, ctx, found.start, form):
                continue
            seen.setdefault(gi, {}).setdefault(si, []).append((found.start, found.end, fi))
        hits: list[Hit] = []
        for gi, by_side in seen.items():
            if len(by_side) < 2:
                continue
            sides = self._groups[gi]
            named = isinstance(self.opts["groups"][gi], dict)
            majority = max(by_side, key=lambda si: (len(by_side[si]), -by_side[si][0][0]))
            major_name, major_forms = sides[majority]
            major_spans = by_side[majority]
            lines = sorted({doc.position(s)[0] for s, _, _ in major_spans})
            # the majority's form written most often, for the message
            counts: dict[int, int] = {}
            for _, _, fi in major_spans:
                counts[fi] = counts.get(fi, 0) + 1
            common = major_forms[max(counts, key=lambda fi: (counts[fi], -fi))]
            if named:
                default = ("'{match}' ({side}) here, but this release mostly uses {majority_side} forms "
                           "({count}x, such as '{majority}', {lines_text})")
            else:
                default = "'{match}' here, but '{majority}' elsewhere in this release ({count}x, {lines_text})"
            for si, spans in by_side.items():
                if si == majority:
                    continue
                for start, end, fi in spans:
                    written = doc.text[start:end]
                    suggestion = None
                    fix: tuple[Edit, ...] = ()
                    if self._paired[gi]:
                        suggestion = match_case(written, major_forms[fi], sides[si][1][fi])
                        if self.opts.get("fix"):
                            fix = (Edit(start, end, suggestion),)
                    hits.append(Hit(
                        start=start,
                        end=end,
                        message=self.message(
                            default,
                            match=written,
                            side=sides[si][0],
                            majority=common,
                            majority_side=major_name,
                            count=len(major_spans),
                            lines_text=_lines_text(lines),
                            lines=", ".join(map(str, lines)),
                        ),
                        suggestion=suggestion,
                        fix=fix,
                    ))
        hits.sort(key=lambda h: h.start)
        yield from hits


def _lines_text(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:8]) + (", ..." if len(lines) > 8 else "")
    return f"line {shown}" if len(lines) == 1 else f"lines {shown}"


def sentence_starts(doc: "Document", ctx: Context) -> frozenset[int]:
    """Offsets of the first letter of every sentence and of every line of a list-like paragraph."""

    def compute() -> frozenset[int]:
        starts: set[int] = set()
        text = doc.text
        for para in doc.paragraphs:
            spans = [(s.start, s.end) for s in para.sentences] + [(ln.start, ln.end) for ln in para.lines]
            for start, end in spans:
                i = start
                while i < end and not text[i].isalnum():
                    i += 1
                starts.add(i)
            # after a colon, a capital may start a new sentence ("Note: The ...")
            for i in range(para.start, para.end - 2):
                if text[i] == ":" and text[i + 1] == " ":
                    starts.add(i + 2)
        return frozenset(starts)

    return ctx.memo("lexical.sentence_starts", compute)


_PER = {"enum": ["sentence", "paragraph", "document"]}


class Occurrence(LexicalCheck):
    """At most so many of a token per sentence, paragraph or release: one exclamation mark per release.

    **What it does.** Counts the matches of ``token`` (a regular expression) in
    each sentence, paragraph or the whole document (``per``) and reports every
    match beyond ``max``, with the count in the message (``{count}``, ``{max}``,
    ``{per}``, ``{match}``).

    **Why.** Some things are fine once and a tic the second time: exclamation
    marks, ``very``, superlatives, the company's name in every sentence.

    **Example.**

    ```yaml
    exclamation-marks:
      type: occurrence
      category: style
      token: "!"
      max: 1
      per: document
    ```

    **Leaves alone.** The first ``max`` matches of each unit, and fenced code blocks.
    """

    type = "occurrence"
    options = {
        "token": {"type": "string", "minLength": 1, "description": "a regular expression to count"},
        "max": {"type": "integer", "minimum": 0, "description": "the most matches allowed per unit"},
        "per": {**_PER, "description": "the unit: sentence, paragraph or document"},
        "ignorecase": {"type": "boolean", "description": "match regardless of case (default false)"},
    }
    required = ("token", "max")
    defaults = {"per": "document", "ignorecase": False, "exceptions": []}

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        problem = compile_error(body.get("token", ""))
        return ("token", problem) if problem else None

    def setup(self) -> None:
        super().setup()
        token = self.opts["token"]
        # A token with no regex syntax ("!") is counted with str.find: no regex to compile or run.
        self._literal = token if re.escape(token) == token and not self.opts.get("ignorecase") else None
        self._pattern: Any = None
        if self._literal is None:
            import regex

            self._pattern = regex.compile(token, self.flags())

    def _find(self, doc: "Document", ctx: Context, start: int, end: int) -> Iterator[tuple[int, int]]:
        if self._literal is None:
            for m in self.search(self._pattern, doc, ctx, start, end):
                yield m.start(), m.end()
            return
        text = doc.text
        pos = text.find(self._literal, start, end)
        while pos != -1:
            yield pos, pos + len(self._literal)
            pos = text.find(self._literal, pos + len(self._literal), end)

    def _units(self, doc: "Document") -> list[tuple[int, int]]:
        per = self.opts.get("per", "document")
        paras = paragraphs(doc)
        if per == "document":
            return [(paras[0].start, paras[-1].end)] if paras else []
        if per == "paragraph":
            return [(p.start, p.end) for p in paras]
        return [(s.start, s.end) for p in paras for s in p.sentences]

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        limit = self.opts["max"]
        per = self.opts.get("per", "document")
        paras = paragraphs(doc)
        for start, end in self._units(doc):
            found = []
            for m_start, m_end in self._find(doc, ctx, start, end):
                if m_end == m_start:
                    continue
                # a document unit spans code blocks too: skip matches inside them
                if per == "document" and len(paras) != len(doc.paragraphs):
                    para = doc.paragraph_at(m_start)
                    if para is not None and para.kind in SKIP_KINDS:
                        continue
                found.append((m_start, m_end))
            if len(found) <= limit:
                continue
            for m_start, m_end in found[limit:]:
                yield Hit(
                    start=m_start,
                    end=m_end,
                    message=self.message(
                        "'{match}' {count} times in this {per} (at most {max})",
                        match=doc.text[m_start:m_end], count=len(found), max=limit, per=per,
                    ),
                )


class Pattern(LexicalCheck):
    """A regular expression with a message, for anything the other types do not cover.

    **What it does.** Reports every match of ``pattern`` (``regex`` module
    syntax, run with a time limit).  The ``message`` and the optional
    ``suggestion`` are templates: ``{match}`` is the whole match, ``{1}``,
    ``{2}``... its groups and ``{name}`` a named group.  ``group`` reports the
    span of one group instead of the whole match.  With ``fix: true`` the
    suggestion replaces the reported span as a safe fix.  Matching is paragraph
    by paragraph unless ``raw: true``, which searches the whole text, blank
    lines included.

    **Why.** Every house has a rule no list of words expresses: a date format, a
    phone-number format, spacing.

    **Example.**

    ```yaml
    phone-format:
      type: pattern
      category: style
      pattern: '\\((\\d{3})\\) (\\d{3})-(\\d{4})'
      message: "write phone numbers as {1}-{2}-{3}"
      suggestion: "{1}-{2}-{3}"
    ```

    **Leaves alone.** Whatever the pattern does not match; fenced code blocks
    (unless ``raw``).
    """

    type = "pattern"
    fixable = True
    options = {
        "pattern": {"type": "string", "minLength": 1, "description": "the regular expression"},
        "ignorecase": {"type": "boolean", "description": "match regardless of case (default false)"},
        "group": {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "minLength": 1}],
                  "description": "the group whose span is reported (default: the whole match)"},
        "suggestion": {"type": "string", "description": "a template for the suggested text"},
        "fix": {"type": "boolean", "description": "apply the suggestion as a safe fix (default false)"},
        "raw": {"type": "boolean", "description": "search the whole text, not paragraph by paragraph"},
    }
    required = ("pattern", "message")
    defaults = {"ignorecase": False, "group": 0, "suggestion": None, "fix": False, "raw": False, "exceptions": []}

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        import regex

        if "pattern" not in body:
            return None
        problem = compile_error(body.get("pattern"))
        if problem:
            return "pattern", problem
        compiled = regex.compile(body["pattern"])
        group = body.get("group", 0)
        if isinstance(group, int) and group > compiled.groups:
            return "group", f"the pattern has {compiled.groups} group(s), not {group}"
        if isinstance(group, str) and group not in compiled.groupindex:
            return "group", f"the pattern has no group named {group!r}"
        if body.get("fix") and body.get("suggestion") is None:
            return "fix", "a fix needs a 'suggestion' (the replacement text)"
        return None

    def setup(self) -> None:
        import regex

        super().setup()
        self._pattern = regex.compile(self.opts["pattern"], self.flags())

    def _matches(self, doc: "Document", ctx: Context) -> Iterator[Any]:
        if self.opts.get("raw"):
            yield from self.search(self._pattern, doc, ctx, 0, len(doc.text))
            return
        for para in paragraphs(doc):
            yield from self.search(self._pattern, doc, ctx, para.start, para.end)

    def _fill(self, template: str, m: Any) -> str:
        groups = [g if g is not None else "" for g in m.groups()]
        named = {k: (v if v is not None else "") for k, v in m.groupdict().items()}
        from pressqa.templates import render

        return render(template, m.group(), *groups, **{"rule": self.rule.id, "match": m.group(), **named})

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        group = self.opts.get("group", 0)
        for m in self._matches(doc, ctx):
            start, end = m.span(group)
            if start < 0:
                continue
            suggestion = self._fill(self.opts["suggestion"], m) if self.opts.get("suggestion") is not None else None
            fix: tuple[Edit, ...] = ()
            if self.opts.get("fix") and suggestion is not None:
                fix = (Edit(start, end, suggestion),)
            yield Hit(
                start=start,
                end=end,
                message=self._fill(self.rule.message if isinstance(self.rule.message, str) else "matches the pattern of rule {rule}", m),
                suggestion=suggestion,
                fix=fix,
            )
