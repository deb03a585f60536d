"""country-form: one country or organisation abbreviated two ways."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.findings import Edit, Hit
from pressqa.checks import Context
from pressqa.checks.titles import TitlesCheck, lines_text

if TYPE_CHECKING:
    from pressqa.model.document import Document


class CountryForms(TitlesCheck):
    """One country or organisation abbreviated two ways in one release (``USA``, then ``US`` and ``U.S.``).

    **What it does.** Finds the abbreviations of each country and organisation in
    the titles data (``countries``: ``U.S.``/``US``/``USA``, ``U.K.``/``UK``,
    ``EU``/``E.U.``, ``UN``/``U.N.``...) and reports the first use of each
    abbreviation that departs from the first one used (or defined, as in
    ``United States (USA)``), naming the lines where it appears.  When the pack
    gives a ``preferred`` form, every other abbreviation is reported, with a
    safe fix to the preferred one.

    **Why.** ``USA``, ``US`` and ``U.S.`` in one text look careless, and a house
    style picks one.

    **Example.** ``United States (USA)`` on line 1 and then ``US`` on lines 3,
    15 and 21: line 3 is reported, saying the country was introduced as ``USA``.

    **Leaves alone.** Full names, which are always right beside an abbreviation
    (AP writes ``the United States`` as a noun and ``U.S.`` as an adjective);
    different countries in different styles (``U.S.-EU`` beside ``UK``);
    acronyms that contain an abbreviation (``USAID``, ``UNAMI``); ``US$``;
    lines in capitals (where ``US`` may be the pronoun).
    """

    type = "country-forms"
    fixable = True

    def setup(self) -> None:
        super().setup()
        self.entry_of: dict[str, dict] = {}
        for entry in self.data.countries:
            for form in entry.get("short") or []:
                self.entry_of[form] = entry
        if self.entry_of:
            alternatives = "|".join(re.escape(s) for s in sorted(self.entry_of, key=len, reverse=True))
            self.pattern = re.compile(rf"(?<![\w.&/@])(?:{alternatives})(?![\w$@/]|\.\w\.)")
        else:
            self.pattern = None  # type: ignore[assignment]  # no country forms: the check does nothing

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.mentions import analyse

        if self.pattern is None:
            return
        text = doc.text
        an = analyse(doc, ctx)
        seen_by_entry: dict[str, list[tuple[str, int, int]]] = {}
        for para in doc.paragraphs:
            if para.kind == "code":
                continue
            for m in self.pattern.finditer(text, para.start, para.end):
                start = m.start()
                if an.skipped and an.is_skipped(start):
                    continue  # a line in capitals, a URL, an e-mail address
                form = m.group()
                if not form.endswith(".") and (_in_shout(text, start, m.end()) or _in_a_name(text, start)):
                    continue
                if para.kind == "speech" and "." not in form and len(form) >= 3:
                    continue  # a speaker's "U-S-A" (a chant, a team): the record keeps the word said
                seen_by_entry.setdefault(self.entry_of[form]["name"], []).append((form, start, m.end()))
        for entry in self.data.countries:
            seen = seen_by_entry.get(entry["name"])
            if not seen:
                continue
            yield from self._report(doc, entry, seen)

    def _report(self, doc: "Document", entry: dict, seen: list[tuple[str, int, int]]) -> Iterator[Hit]:
        text = doc.text
        preferred = entry.get("preferred")
        if preferred and preferred in (entry.get("short") or []):
            for form, start, end in seen:
                if form == preferred:
                    continue
                yield Hit(
                    start, end,
                    self.message(
                        "'{seen}' for {name}: the house form is '{expected}'",
                        seen=form, name=entry["name"], expected=preferred, lines="", first="",
                    ),
                    suggestion=preferred,
                    fix=(Edit(start, end, preferred),),
                )
            return
        reference, ref_start, _ = seen[0]
        ref_line = doc.position(ref_start)[0]
        intro = _introduced(text, ref_start, entry)
        by_form: dict[str, list[tuple[int, int]]] = {}
        for form, start, end in seen[1:]:
            if form != reference:
                by_form.setdefault(form, []).append((start, end))
        for form, spans in by_form.items():
            start, end = spans[0]
            lines = [doc.position(s)[0] for s, _ in spans]
            how = f"'{intro}' on line {ref_line}" if intro else f"'{reference}' on line {ref_line}"
            yield Hit(
                start, end,
                self.message(
                    "'{seen}' ({lines}) for {name}, which was first written {first}",
                    seen=form, lines=lines_text(lines), name=entry["name"], first=how, expected=reference,
                ),
                suggestion=reference,
            )


def _introduced(text: str, start: int, entry: dict) -> str | None:
    """``United States (USA)`` when the first abbreviation is defined in brackets after a full name."""
    before = text[max(0, start - 80):start]
    for full in entry.get("full") or []:
        if before.endswith(full + " ("):
            close = text.find(")", start)
            if close != -1:
                return text[start - len(full) - 2:close + 1]
    return None


def _in_a_name(text: str, start: int) -> bool:
    """Is the abbreviation the end of a name (Team USA): right after a capitalized word?"""
    m = re.search(r"(?<![\w’'.-])([A-Z][a-z]+) $", text[max(0, start - 40):start])
    if m and m.group(1) not in _NOT_A_NAME:
        return True
    # After a word in capitals (UNIDOS US, KETO FM): the abbreviation ends an organisation's name.
    return bool(re.search(r"(?<![\w’'.-])[A-Z]{3,} $", text[max(0, start - 40):start]))


# Capitalized words that may stand right before an abbreviation without being part of a name.
_NOT_A_NAME = frozenset(
    """
    The In From And With By For Of To At On Both Across But While Today Meanwhile Later When After Before
    During Under Over As If So Yet Also Then Now Here There This That These Those Its Their Our His Her
    Between Against Within Without Since Until Through Among Like Unlike Said Says All Many Most Some
    """.split()
)


def _in_shout(text: str, start: int, end: int) -> bool:
    """Is the abbreviation among words in capitals (``LET US KNOW``), where it may be a pronoun?"""
    from pressqa.analysis.commonwords import is_common_word

    left = re.search(r"([A-Za-z]+)\W{1,2}$", text[max(0, start - 20):start])
    right = re.match(r"\W{1,2}([A-Za-z]+)", text[end:end + 20])
    for m in (left, right):
        if m and m.group(1).isupper() and (m.group(1) in _SHOUTED or is_common_word(m.group(1))):
            return True
    return False


# Short words that, in capitals next to "US", show a line shouted rather than an abbreviation.
_SHOUTED = frozenset({"LET", "FOR", "ALL", "AND", "THE", "TO", "OF", "WITH", "JOIN", "TELL", "HELP", "GIVE", "SEND"})

