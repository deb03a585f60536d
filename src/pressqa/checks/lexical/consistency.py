"""Either/or forms that must not be mixed in one release (check type ``consistency``)."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import TYPE_CHECKING, Any, Iterator

from pressqa.checks import Context
from pressqa.checks.lexical.matching import EXCEPTIONS, IGNORECASE, NONWORD, STRINGS, PhraseCheck, match_case
from pressqa.checks.messages import Message, Messages
from pressqa.checks.options import option, options
from pressqa.findings import Edit, Hit
from pressqa.model.spans import offsets

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

_FORMS = {"oneOf": [{"type": "string", "minLength": 1}, {**STRINGS, "minItems": 1}]}
_GROUPS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "oneOf": [
            {"type": "array", "items": _FORMS, "minItems": 2},
            {"type": "object", "additionalProperties": _FORMS, "minProperties": 2},
        ]
    },
}
#: Paragraph kinds in title case, where a capital says nothing about a name.
_TITLE_KINDS = frozenset({"headline", "heading"})


def _side_forms(side: Any) -> list[str]:
    return [side] if isinstance(side, str) else list(side)


class Consistency(PhraseCheck):
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

    **Leaves alone.** A release that keeps to one side, however often; in a
    transcript, two speakers who choose differently (forms are compared within
    one speaker's turns, and within the release's own prose); forms
    inside ``exceptions``; and, with ``skip_capitalized`` (the default), a form
    capitalized in mid-sentence or in a headline, which is part of a name
    (``Ministry of Defence`` in a US release, ``World Health Organization`` in a
    UK one).
    """

    type = "consistency"
    fixable = True
    # Both messages fill the same fields, so one pack template serves either: in a group of
    # unnamed sides, a side's name is its first form.  {lines} is the bare list ("3, 5"),
    # {lines_text} the worded one ("lines 3, 5").
    messages = Messages(
        mixed=Message("'{match}' here, but '{majority}' elsewhere in this release ({count}x, {lines_text})",
                      extra=("side", "majority_side", "lines")),
        mixed_sides=Message("'{match}' ({side}) here, but this release mostly uses {majority_side} forms "
                            "({count}x, such as '{majority}', {lines_text})", extra=("lines",)),
    )

    @options
    class Options:
        groups: list[Any] = option(
            description="groups of sides that must not be mixed; a side is a form or a list of forms", schema=_GROUPS
        )
        ignorecase: bool = option(True, IGNORECASE)
        nonword: bool = option(False, NONWORD)
        exceptions: list[str] = option([], EXCEPTIONS, schema=STRINGS)
        skip_capitalized: bool = option(True, "ignore forms capitalized mid-sentence (names); default true")
        fix: bool = option(False, "offer the counterpart form as a safe fix (default false)")

    o: Options

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
        for group in self.o.groups:
            if isinstance(group, dict):
                sides = [(str(name), _side_forms(value)) for name, value in group.items()]
            else:
                sides = [(_side_forms(value)[0], _side_forms(value)) for value in group]
            gi = len(self._groups)
            self._groups.append(sides)
            for si, (_, side_forms) in enumerate(sides):
                for fi, form in enumerate(side_forms):
                    forms.append(form)
                    self._where.append((gi, si, fi))
        self._matcher = self.matcher(forms, nonword=self.o.nonword)
        self._named = [isinstance(group, dict) for group in self.o.groups]
        self._paired = [len({len(f) for _, f in sides}) == 1 for sides in self._groups]

    def _is_name(self, doc: "Document", ctx: Context, para: "Paragraph", start: int, form: str) -> bool:
        """A form written lowercase in the pack but capitalized here, not at a sentence start."""
        first = doc.text[start]
        if not first.isupper() or not form[:1].islower():
            return False
        if para.kind in _TITLE_KINDS:
            return True
        return start not in sentence_starts(doc, ctx)

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.voices import voices

        # In a transcript each speaker chooses their own words: forms are compared within one voice
        # (the release's own prose, or one speaker's turns), never between two speakers.
        voice_of = voices(doc, ctx)
        # (voice, group) -> side -> list of (start, end, form index)
        seen: dict[tuple[str, int], dict[int, list[tuple[int, int, int]]]] = {}
        for para in ctx.paragraphs:
            voice = voice_of[para.index]
            for found in self.matches(self._matcher, doc, ctx, para):
                gi, si, fi = self._where[found.index]
                form = self._groups[gi][si][1][fi]
                if self.o.skip_capitalized and self._is_name(doc, ctx, para, found.start, form):
                    continue
                seen.setdefault((voice, gi), {}).setdefault(si, []).append((found.start, found.end, fi))
        hits: list[Hit] = []
        for (_voice, gi), by_side in seen.items():
            if len(by_side) >= 2:
                hits.extend(self._mixed(doc, gi, by_side))
        hits.sort(key=lambda h: h.start)
        yield from hits

    def _mixed(self, doc: "Document", gi: int, by_side: dict[int, list[tuple[int, int, int]]]) -> Iterator[Hit]:
        """The hits of group *gi*, used on more than one side: every form off the majority's side."""
        sides = self._groups[gi]
        majority = max(by_side, key=lambda si: (len(by_side[si]), -by_side[si][0][0]))
        major_name, major_forms = sides[majority]
        major_spans = by_side[majority]
        lines = sorted({doc.position(s)[0] for s, _, _ in major_spans})
        # the majority's form written most often, for the message
        counts: dict[int, int] = {}
        for _, _, fi in major_spans:
            counts[fi] = counts.get(fi, 0) + 1
        common = major_forms[max(counts, key=lambda fi: (counts[fi], -fi))]
        key = "mixed_sides" if self._named[gi] else "mixed"
        for si, spans in by_side.items():
            if si == majority:
                continue
            for start, end, fi in spans:
                written = doc.text[start:end]
                suggestion = None
                fix: tuple[Edit, ...] = ()
                if self._paired[gi]:
                    suggestion = match_case(written, major_forms[fi], sides[si][1][fi])
                    if self.o.fix:
                        fix = (Edit(start, end, suggestion),)
                yield Hit(
                    start=start,
                    end=end,
                    message=self.say(
                        key,
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
                )


def _lines_text(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:8]) + (", ..." if len(lines) > 8 else "")
    return f"line {shown}" if len(lines) == 1 else f"lines {shown}"


class Offsets:
    """A sorted set of character offsets held in an array (4 bytes each; a frozenset of ints costs ~60)."""

    __slots__ = ("_sorted",)

    def __init__(self, ascending: "array[int]") -> None:
        """*ascending*: distinct offsets, in increasing order."""
        self._sorted = ascending

    def __contains__(self, offset: object) -> bool:
        if not isinstance(offset, int):
            return False
        i = bisect_left(self._sorted, offset)
        return i < len(self._sorted) and self._sorted[i] == offset

    def __len__(self) -> int:
        return len(self._sorted)

    def __iter__(self) -> Iterator[int]:
        return iter(self._sorted)


def sentence_starts(doc: "Document", ctx: Context) -> Offsets:
    """Offsets of the first letter of every sentence and of every line of a list-like paragraph.

    An analysis of the whole document, shared by every consistency rule (memoised).
    """

    def compute() -> Offsets:
        text = doc.text
        ascending = offsets(len(text))
        for para in doc.paragraphs:
            # Paragraphs follow each other without overlap: sorting each one's offsets sorts them all.
            starts: set[int] = set()
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
            ascending.extend(sorted(starts))
        return Offsets(ascending)

    return ctx.memo("lexical.sentence_starts", compute)
