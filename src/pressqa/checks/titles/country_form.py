"""country-form: one country or organisation abbreviated two ways."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, Sequence

from pressqa.analysis import lexicon
from pressqa.checks import Context, kinds_but
from pressqa.checks.messages import Message, Messages
from pressqa.checks.titles import TitlesCheck, lines_text
from pressqa.findings import Edit, Hit

if TYPE_CHECKING:
    from pressqa.analysis.mentions import Analysis
    from pressqa.model.document import Document, Paragraph


class CountryForms(TitlesCheck):
    """One country or organisation abbreviated two ways in one release (``USA``, then ``US`` and ``U.S.``).

    **What it does.** Finds the abbreviations of each country and organisation in
    the titles data (``countries``: ``U.S.``/``US``/``USA``, ``U.K.``/``UK``,
    ``EU``/``E.U.``, ``UN``/``U.N.``...).  When the first one is defined in
    brackets (``United States (USA)``), every other form departs from it; when
    nothing is defined, the form the release uses most is its style (a tie goes
    to the first used) and the first use of each other form is reported, naming
    its lines.  When the pack gives a ``preferred`` form, every other
    abbreviation is reported, with a safe fix to the preferred one.  Three more
    slips of one name are reported:

    * a dotted abbreviation missing its final period (``U.S-Sierra Leone``,
      ``the U.S written response``), with a fix;
    * an acronym defined twice with different expansions (``... Coordinating
      Authority (NASTICA)``, later ``... Authority (NASTICA)``);
    * a formal country name missing its ``of`` (``the Republic Türkiye``), from
      the ISO 3166 official names (pycountry, loaded only when a text has a
      formal word such as ``Republic`` before an uncommon word).

    **Why.** ``USA``, ``US`` and ``U.S.`` in one text look careless, and a house
    style picks one; a name spelled out two ways reads as two bodies.

    **Example.** ``United States (USA)`` on line 1 and then ``US`` on lines 3,
    15 and 21: line 3 is reported, saying the country was introduced as ``USA``.

    **Leaves alone.** Full names, which are always right beside an abbreviation
    (AP writes ``the United States`` as a noun and ``U.S.`` as an adjective);
    different countries in different styles (``U.S.-EU`` beside ``UK``);
    acronyms that contain an abbreviation (``USAID``, ``UNAMI``); ``US$``; an
    abbreviation inside an organisation's name (``UNIDOS US``, ``UNHCR-USA``,
    ``US-ASEAN Business Council``, ``Team USA``); lines in capitals (where
    ``US`` may be the pronoun); in a transcript, forms that are said differently
    (a speaker who says ``USA`` is recorded as saying it); an acronym defined
    again with a word before it (``U.S. Agency for International Development``).
    """

    type = "country-forms"
    fixable = True
    kinds = kinds_but("code")
    #: Every message fills ``seen`` (as written), ``expected`` (the form to write) and ``name``
    #: (the country or organisation, or the acronym).
    messages = Messages(
        two_forms=Message("'{seen}' ({lines}) for {name}, which is written {first}", extra=("expected",)),
        house_form="'{seen}' for {name}: the house form is '{expected}'",
        final_period=Message("'{seen}' lacks its final period: '{expected}'", extra=("name",)),
        formal_name=Message("'{seen}' is not the country's formal name: '{expected}'", extra=("name",)),
        acronym=Message("'{acronym}' is spelled out '{seen}' here but '{other}' on {lines}", extra=("expected", "name")),
    )

    def setup(self) -> None:
        super().setup()
        self.entry_of: dict[str, dict] = {}
        for entry in self.data.countries:
            for form in entry.get("short") or []:
                self.entry_of[form] = entry
        self.pattern = self.malformed = None
        if self.entry_of:
            alternatives = "|".join(re.escape(s) for s in sorted(self.entry_of, key=len, reverse=True))
            self.pattern = re.compile(rf"(?<![\w.&/@])(?:{alternatives})(?![\w$@/]|\.\w\.)")
            # U.S without its final period: a dotted form cut short (not U.S.-EU, not U.S.).
            cut = {form[:-1]: form for form in self.entry_of if form.endswith(".") and form.count(".") >= 2}
            if cut:
                self.malformed_of = cut
                alternatives = "|".join(re.escape(s) for s in sorted(cut, key=len, reverse=True))
                self.malformed = re.compile(rf"(?<![\w.&/@])(?:{alternatives})(?![\w.$@/])")

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.mentions import analyse
        from pressqa.analysis.titles import is_transcript

        an = analyse(doc, ctx)
        copy = ctx.paragraphs
        yield from self._garbled_names(doc, copy)
        yield from self._acronyms(doc, ctx)
        if self.pattern is None:
            return
        seen_by_entry: dict[str, list[tuple[str, int, int]]] = {}
        for para in copy:
            for form, start, end in self._forms(doc, para, an):
                seen_by_entry.setdefault(self.entry_of[form]["name"], []).append((form, start, end))
            yield from self._cut_short(doc, para, an)
        spoken = is_transcript(doc, ctx)
        for entry in self.data.countries:
            seen = seen_by_entry.get(entry["name"])
            if not seen:
                continue
            if spoken:
                # A transcript records speech: "USA" is said otherwise than "U.S." or "US", so only
                # forms said alike (U.S./US, E.U./EU) are one word written two ways.
                by_sound: dict[str, list[tuple[str, int, int]]] = {}
                for item in seen:
                    by_sound.setdefault(item[0].replace(".", ""), []).append(item)
                for group in by_sound.values():
                    yield from self._report(doc, entry, group)
            else:
                yield from self._report(doc, entry, seen)

    def _forms(self, doc: "Document", para: "Paragraph", an: "Analysis") -> Iterator[tuple[str, int, int]]:
        """The abbreviations of the paragraph that stand for a country or organisation, as
        (form, start, end)."""
        text = doc.text
        assert self.pattern is not None  # check() returns early without country forms
        for m in self.pattern.finditer(text, para.start, para.end):
            start = m.start()
            if an.skipped and an.is_skipped(start):
                continue  # a line in capitals, a URL, an e-mail address
            form = m.group()
            if not form.endswith(".") and (
                _in_shout(text, start, m.end()) or _in_a_name(text, start) or self._in_an_acronym_name(text, start, m.end())
            ):
                continue
            if para.kind == "speech" and "." not in form and len(form) >= 3:
                continue  # a speaker's "U-S-A" (a chant, a team): the record keeps the word said
            yield form, start, m.end()

    def _cut_short(self, doc: "Document", para: "Paragraph", an: "Analysis") -> Iterator[Hit]:
        """A dotted abbreviation missing its final period (``the U.S written response``)."""
        if self.malformed is None:
            return
        for m in self.malformed.finditer(doc.text, para.start, para.end):
            if an.skipped and an.is_skipped(m.start()):
                continue
            right = self.malformed_of[m.group()]
            yield Hit(
                m.start(), m.end(),
                self.say("final_period", seen=m.group(), expected=right, name=self.entry_of[right]["name"]),
                suggestion=right,
                fix=(Edit(m.end(), m.end(), "."),),
            )

    def _in_an_acronym_name(self, text: str, start: int, end: int) -> bool:
        """Is the abbreviation part of a name with another acronym (UNIDOS US, UNHCR-USA,
        US-ASEAN Business Council)?  Not when the other is itself a country form (US-EU)."""
        left = re.search(r"([A-Z][A-Z0-9&]+)[ ‐-]$", text[max(0, start - 20):start])
        right = re.match(r"[‐-]([A-Z][A-Z0-9&]+)\b", text[end:end + 20])
        for m in (left, right):
            if m is None:
                continue
            other = m.group(1)
            if other in self.entry_of or other.rstrip(".") in self.entry_of:
                continue
            if m is left and text[m.end(1)] == " " and not other.isalpha():
                continue
            return True
        return False

    def _report(self, doc: "Document", entry: dict, seen: list[tuple[str, int, int]]) -> Iterator[Hit]:
        text = doc.text
        preferred = entry.get("preferred")
        if preferred and preferred in (entry.get("short") or []):
            for form, start, end in seen:
                if form == preferred:
                    continue
                yield Hit(
                    start, end,
                    self.say("house_form", seen=form, name=entry["name"], expected=preferred),
                    suggestion=preferred,
                    fix=(Edit(start, end, preferred),),
                )
            return
        counts: dict[str, int] = {}
        for form, _, _ in seen:
            counts[form] = counts.get(form, 0) + 1
        if len(counts) < 2:
            return
        first_form, first_start, _ = seen[0]
        intro = _introduced(text, first_start, entry)
        if intro:
            reference = first_form  # defined in brackets: United States (USA)
        else:
            # Nothing defined: the form used most is the release's style; a tie goes to the first used.
            order = {form: i for i, (form, _, _) in reversed(list(enumerate(seen)))}
            reference = max(counts, key=lambda f: (counts[f], -order[f]))
        ref_start = next(start for form, start, _ in seen if form == reference)
        ref_lines = [doc.position(start)[0] for form, start, _ in seen if form == reference]
        by_form: dict[str, list[tuple[int, int]]] = {}
        for form, start, end in seen:
            if form != reference:
                by_form.setdefault(form, []).append((start, end))
        for form, spans in by_form.items():
            start, end = spans[0]
            lines = [doc.position(s)[0] for s, _ in spans]
            if intro:
                how = f"'{intro}' on line {doc.position(ref_start)[0]}"
            else:
                how = f"'{reference}' ({lines_text(ref_lines)})"
            yield Hit(
                start, end,
                self.say("two_forms", seen=form, lines=lines_text(lines), name=entry["name"], first=how,
                         expected=reference),
                suggestion=reference,
            )

    # -- formal names and acronyms ---------------------------------------------------------------

    def _garbled_names(self, doc: "Document", copy: Sequence["Paragraph"]) -> Iterator[Hit]:
        """A formal country name missing its ``of`` (``the Republic Türkiye`` for ``Republic of Türkiye``)."""
        from pressqa.analysis.titles import garbled_country_names

        for start, end, seen, right in garbled_country_names(doc.text, [(p.start, p.end) for p in copy]):
            yield Hit(
                start, end,
                self.say("formal_name", seen=seen, expected=right, name=right),
                suggestion=right,
            )

    def _acronyms(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        """One acronym defined twice with different expansions (``... Coordinating Authority (NASTICA)``,
        later ``... Authority (NASTICA)``)."""
        from pressqa.analysis.titles import acronym_definitions

        first: dict[str, tuple[str, int]] = {}
        for acronym, expansion, start, end in acronym_definitions(doc, ctx):
            if acronym not in first:
                first[acronym] = (expansion, start)
                continue
            known, known_start = first[acronym]
            a, b = _words(known), _words(expansion)
            if a == b or _ends_with(a, b) or _ends_with(b, a):
                continue  # the same words (a leading "U.S." or "the" aside)
            yield Hit(
                start, end,
                self.say("acronym", acronym=acronym, seen=expansion, other=known,
                         lines=lines_text([doc.position(known_start)[0]]), expected=known, name=acronym),
                suggestion=known,
            )


def _words(expansion: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W_]+", expansion)]


def _ends_with(longer: list[str], shorter: list[str]) -> bool:
    return len(longer) > len(shorter) and longer[-len(shorter):] == shorter


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
    # Capitalized words that may stand right before an abbreviation without being part of a name.
    if m and m.group(1).lower() not in lexicon.words("before-abbreviation"):
        return True
    # After a word in capitals (UNIDOS US, KETO FM): the abbreviation ends an organisation's name.
    return bool(re.search(r"(?<![\w’'.-])[A-Z]{3,} $", text[max(0, start - 40):start]))


def _in_shout(text: str, start: int, end: int) -> bool:
    """Is the abbreviation among words in capitals (``LET US KNOW``), where it may be a pronoun?"""
    from pressqa.analysis.commonwords import is_common_word

    left = re.search(r"([A-Za-z]+)\W{1,2}$", text[max(0, start - 20):start])
    right = re.match(r"\W{1,2}([A-Za-z]+)", text[end:end + 20])
    for m in (left, right):
        if m and m.group(1).isupper() and (m.group(1).lower() in lexicon.words("shouted-words") or is_common_word(m.group(1))):
            return True
    return False
