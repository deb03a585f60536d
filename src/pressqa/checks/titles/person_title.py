"""person-title: one person given two different formal titles."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.checks import Context
from pressqa.checks.messages import Messages
from pressqa.checks.titles import TitlesCheck, lines_text
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document
    from pressqa.analysis.titles import Occurrence


class PersonTitles(TitlesCheck):
    """One person given two different formal titles in one release.

    **What it does.** Collects the titles written directly before each full
    name (given name and surname) and reports a title that is neither a short
    form of another (``Minister``, ``Secretary``) nor equal to it:
    ``Foreign Minister Ararat Mirzoyan`` and later ``Prime Minister Ararat
    Mirzoyan``, or ``Deputy Minister Grigor Minasyan`` against ``Minister Grigor
    Minasyan`` (a rank word such as *deputy*, *vice* or *assistant* makes
    another office).

    **Why.** A wrong office is a factual error that a reader cannot resolve.

    **Example.** ``Foreign Minister Ararat Mirzoyan`` and later ``Defense
    Minister Ararat Mirzoyan``: the second title is reported, naming the first.

    **Leaves alone.** Transcripts, where speakers shorten titles; one person
    holding two offices (``State Councilor and Foreign Minister Wang Yi``, later
    ``State Councilor Wang Yi``); titles the data does not list that end a
    longer name (``External Action Service Secretary General``); short forms (``Secretary Antony Blinken`` after
    ``Secretary of State Antony Blinken``); country adjectives and modifiers
    (``former``); courtesy titles (``Dr.``); surname-only mentions, which may
    belong to another member of a family (``President Biden``, ``First Lady
    Jill Biden``).
    """

    type = "person-titles"
    # Fed every paragraph: the titles of the document (pressqa.analysis.titles) are found once for
    # both title rules, leaving out what is no running copy (headlines, code, contact blocks).
    kinds = None
    messages = Messages(two_titles="{name} is '{seen}' here but '{other}' on {lines}")

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.mentions import analyse, fold
        from pressqa.analysis.titles import find_titles, is_transcript, title_key

        if is_transcript(doc, ctx):
            return  # speakers shorten a colleague's title as they introduce them: speech, not copy
        an = analyse(doc, ctx)
        found = find_titles(doc, ctx, self.data)
        people: dict[tuple[str, str], list[Occurrence]] = {}
        for occ in found.before:
            part = occ.name
            if part is None or part.given is None:
                continue
            if part.surname is None:
                continue
            person = (fold(an.tokens[part.given].text), fold(an.tokens[part.surname].text))
            people.setdefault(person, []).append(occ)
        for occs in people.values():
            held: list[tuple[Occurrence | None, set[str]]] = []  # the person's offices, with where they were named
            for occ in occs:
                words = self._words(occ.key)
                if not words:
                    continue
                if held and not any(self._compatible(words, office) for _, office in held):
                    clash = next(prev for prev, _ in held if prev is not None)
                    assert occ.name is not None  # people are keyed by name above
                    name = doc.text[an.tokens[occ.name.tokens[0]].start:an.tokens[occ.name.tokens[-1]].end]
                    yield Hit(
                        occ.start, occ.end,
                        self.say("two_titles", name=name, seen=occ.phrase, other=clash.phrase,
                                 lines=lines_text([clash.line])),
                        suggestion=clash.phrase,
                    )
                    continue
                if all(words != office for _, office in held):  # a title met again adds no office:
                    held.append((occ, words))  # held stays short however often the person is named
                # One person may hold two offices: "State Councilor and Foreign Minister Wang Yi".
                for other in self._joined_before(doc.text, occ, found.listed_spans):
                    held.append((None, self._words(title_key(other))))

    @staticmethod
    def _joined_before(text: str, occ: "Occurrence", spans: list[tuple[int, int]]) -> list[str]:
        """Titles joined to *occ* by ``and`` or ``&`` before it (Deputy Prime Minister and Foreign Minister X)."""
        out = []
        pos = occ.start
        for start, end in reversed(spans):
            if end > pos:
                continue
            if text[end:pos] not in (" and ", " & "):
                break
            out.append(text[start:end])
            pos = start
        return out

    def _words(self, key: str) -> set[str]:
        from pressqa.analysis import lexicon

        data = self.data
        # "minister of foreign affairs" names the office "foreign minister".
        m = _LONG_OFFICE.match(key)
        if m is not None and m.group(2) in data.office_heads:
            key = f"{m.group(1)}{m.group(3)} {m.group(2)}"
        out = set()
        for word in key.split():
            if word in lexicon.words("title-small-words") or word in data.modifiers or word in data.honorifics:
                continue
            out.add(word)
        return out

    def _compatible(self, a: set[str], b: set[str]) -> bool:
        ranks = self.data.ranks
        if (a & ranks) != (b & ranks):
            return False
        return a <= b or b <= a


_LONG_OFFICE = re.compile(r"^((?:\w+ )*?)(\w+) (?:of|for) (?:the )?(.+?)(?: affairs)?$")

