"""Titles and country forms used inconsistently within one release."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from pressqa.findings import Edit, Hit
from pressqa.packs.housedata import TITLES_PROPERTIES
from pressqa.checks import Check
from pressqa.checks import Context

if TYPE_CHECKING:
    from pressqa.model.document import Document
    from pressqa.analysis.titles import Occurrence, TitleData

_SKIP_KINDS = frozenset({"code"})


def _lines(lines: list[int], limit: int = 6) -> str:
    unique = sorted(set(lines))
    shown = [str(n) for n in unique[:limit]]
    if len(unique) > limit:
        shown.append("...")
    return ("line " if len(shown) == 1 else "lines ") + ", ".join(shown)


class _TitlesCheck(Check):
    """Base of the title rules: loads the titles data (files, then inline additions)."""

    options: dict[str, dict] = {
        "titles_files": {
            "type": "array",
            "format": "path",  # names files: a service refuses it (see pressqa.server)
            "items": {"type": "string", "minLength": 1},
            "description": "titles data (YAML): relative to the pack or config, or shipped (titles/en.yaml)",
        },
        "titles_data": {
            "type": "object",
            "properties": TITLES_PROPERTIES,
            "additionalProperties": False,
            "description": "titles data given inline, added to the files",
        },
    }
    defaults: dict[str, Any] = {"titles_files": ["titles/en.yaml"], "titles_data": {}}

    def setup(self) -> None:
        from pressqa.packs import housedata
        from pressqa.analysis.titles import compiled

        refs = list(self.opts["titles_files"] or [])
        inline = self.opts["titles_data"] or {}
        raw = housedata.merged(self.rule, "titles_files", refs, [inline], housedata.TITLES_SCHEMA)
        # Rules with the same data share one compiled copy and one analysis per document.
        self.data: TitleData = compiled(raw)


class TitleCase(_TitlesCheck):
    """A formal title capitalized in one place and lowercase in another.

    **What it does.** Compares the case of each formal title within the release,
    following AP style: a formal title directly before a name is capitalized
    (``Foreign Minister Jeyhun Bayramov``), so a title lowercase before one name
    and capitalized before another (``German foreign minister Annalena Baerbock``
    beside ``French Foreign Minister Jean-Yves Le Drian``) is reported.  A listed
    formal title lowercase before a name (``detectives Gerard Amato``) is also
    reported (AP), unless the release lowercases formal titles before names as a
    rule (twice or more, and more often than it capitalizes them).  Titles that
    stand alone after ``the`` are compared with each other (``The prime
    minister`` once against ``the Prime Minister`` everywhere else): houses
    differ there (UK style capitalizes), so the release's own usage decides.
    The form used less often is reported; on a tie, the lowercase form before a
    name and the later form standing alone.

    Titles come from the titles data (``titles``) and from the release: words
    capitalized before a name (``Flight Engineer Jasmin Moghbeli``) make
    ``flight engineer Loral O'Hara`` an inconsistency even if the data does not
    list them.

    **Why.** Readers take a change of case for a change of rank or of
    person; editors fixing one mention often miss the other.

    **Example.** ``French Foreign Minister Jean-Yves Le Drian`` and ``German
    foreign minister Annalena Baerbock`` in one release: the lowercase title is
    reported, with ``Foreign Minister`` as the suggestion.

    **Leaves alone.** Titles after a name or set off by commas (``Armen
    Grigoryan, secretary of the Security Council``; ``the US President, Jake
    Sullivan``), which AP lowercases; job descriptions (``astronaut Andreas
    Mogensen``, ``spokesperson``) and titles inside a description (``company
    president Jane Doe``, ``press secretary``), unless the release capitalizes the
    same words before a name; informal titles (``first lady Jill Biden``, which
    AP lowercases) except against the same title capitalized; a short form of a title (``Minister Jeyhun Bayramov`` beside
    ``Foreign Minister Jeyhun Bayramov``); titles followed by ``of`` (``the
    president of the company``); plurals standing alone (``the foreign
    ministers``); modifiers (``former President Lobo``); headlines and lines in
    capitals, and a sentence's first word, whose case says nothing.

    Set ``capitalize_before_name: true`` to report every listed title that is
    lowercase before a name (strict AP), whatever the rest of the release does.
    """

    type = "title-case"
    options = dict(
        _TitlesCheck.options,
        capitalize_before_name={"type": "boolean", "description": "report every lowercase listed title before a name (strict AP)"},
    )
    defaults = dict(_TitlesCheck.defaults, capitalize_before_name=False)

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.titles import capitalize_title, find_titles

        found = find_titles(doc, ctx, self.data)
        yield from self._before(found.before, capitalize_title)
        yield from self._standalone(found.standalone)

    def _before(self, occs: list["Occurrence"], capitalize_title: Any) -> Iterator[Hit]:
        by_key: dict[str, list[Occurrence]] = {}
        cap_total: list[Occurrence] = []  # titles of the data, capitalized before a name
        lower_total = 0
        for occ in occs:
            if occ.case is None:
                continue
            by_key.setdefault(occ.key, []).append(occ)
            if not occ.listed:
                continue  # the release's own titles vote only on their own case
            if occ.case == "cap":
                cap_total.append(occ)
            else:
                lower_total += 1
        for key, group in by_key.items():
            caps = [o for o in group if o.case == "cap"]
            lows = [o for o in group if o.case != "cap"]
            if not lows:
                continue
            if caps:
                if len(caps) >= len(lows):
                    for occ in lows:
                        yield Hit(
                            occ.start, occ.end,
                            self.message(
                                "title '{seen}' is lowercase before a name, but '{other}' is capitalized before a name on {lines}",
                                seen=occ.phrase, other=caps[0].phrase, lines=_lines([o.line for o in caps]),
                            ),
                            suggestion=capitalize_title(occ.phrase),
                        )
                else:
                    for occ in caps:
                        yield Hit(
                            occ.start, occ.end,
                            self.message(
                                "title '{seen}' is capitalized before a name, but '{other}' is lowercase before a name on {lines}",
                                seen=occ.phrase, other=lows[0].phrase, lines=_lines([o.line for o in lows]),
                            ),
                            suggestion=occ.phrase.lower(),
                        )
                continue
            listed = [o for o in lows if o.listed]
            strict = self.opts["capitalize_before_name"]
            # AP, unless the release lowercases its formal titles before names as a rule.
            # AP, unless the release lowercases its formal titles before names as a rule
            # (two or more, and more often than it capitalizes them).
            lowercase_style = lower_total >= 2 and lower_total > len(cap_total)
            if not listed or not (strict or not lowercase_style):
                continue
            example = cap_total[0] if cap_total else None
            for occ in listed:
                if example is not None:
                    where = f"elsewhere titles before names are capitalized ('{example.phrase}', line {example.line})"
                else:
                    where = "AP capitalizes a formal title directly before a name"
                yield Hit(
                    occ.start, occ.end,
                    self.message("formal title '{seen}' is lowercase before a name; {other}", seen=occ.phrase, other=where, lines=""),
                    suggestion=capitalize_title(occ.phrase),
                )

    def _standalone(self, occs: list["Occurrence"]) -> Iterator[Hit]:
        from pressqa.analysis.titles import capitalize_title

        by_key: dict[str, list[Occurrence]] = {}
        for occ in occs:
            if occ.case is not None:
                by_key.setdefault(occ.key, []).append(occ)
        # The release's own habit for titles standing alone (UK style capitalizes "the Prime
        # Minister"; AP lowercases "the president") settles a tie within one title.
        all_caps = sum(1 for o in occs if o.case == "cap")
        all_lows = sum(1 for o in occs if o.case is not None and o.case != "cap")
        for group in by_key.values():
            caps = [o for o in group if o.case == "cap"]
            lows = [o for o in group if o.case != "cap"]
            if not caps or not lows:
                continue
            if len(caps) == len(lows) and all_caps != all_lows:
                caps_win = all_caps > all_lows
            else:
                caps_win = len(caps) > len(lows) or (len(caps) == len(lows) and caps[0].start < lows[0].start)
            if caps_win:
                minority, majority = lows, caps
            else:
                minority, majority = caps, lows
            for occ in minority:
                if majority is caps:
                    suggestion = capitalize_title(occ.phrase)
                else:
                    suggestion = occ.phrase.lower()
                    if occ.phrase[:1].isupper() and occ.case is not None and _case_first_is_positional(occ):
                        suggestion = occ.phrase[:1] + suggestion[1:]
                yield Hit(
                    occ.start, occ.end,
                    self.message(
                        "title '{seen}' standing alone is written '{other}' on {lines}",
                        seen=occ.phrase, other=majority[0].phrase, lines=_lines([o.line for o in majority]),
                    ),
                    suggestion=suggestion,
                )


def _case_first_is_positional(occ: "Occurrence") -> bool:
    """Was the title's first word capitalized by its place (a sentence's first word)?"""
    return getattr(occ, "initial", False)


class PersonTitles(_TitlesCheck):
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

    **Leaves alone.** Short forms (``Secretary Antony Blinken`` after
    ``Secretary of State Antony Blinken``); country adjectives and modifiers
    (``former``); courtesy titles (``Dr.``); surname-only mentions, which may
    belong to another member of a family (``President Biden``, ``First Lady
    Jill Biden``).
    """

    type = "person-titles"

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.mentions import analyse, fold
        from pressqa.analysis.titles import find_titles

        an = analyse(doc, ctx)
        found = find_titles(doc, ctx, self.data)
        people: dict[tuple[str, str], list[Occurrence]] = {}
        for occ in found.before:
            part = occ.name
            if part is None or part.given is None:
                continue
            person = (fold(an.tokens[part.given].text), fold(an.tokens[part.surname].text))
            people.setdefault(person, []).append(occ)
        for occs in people.values():
            seen: list[Occurrence] = []
            for occ in occs:
                words = self._words(occ.key)
                if not words:
                    continue
                clash = None
                for prev in seen:
                    if not self._compatible(words, self._words(prev.key)):
                        clash = prev
                        break
                if clash is not None:
                    name = doc.text[an.tokens[occ.name.tokens[0]].start:an.tokens[occ.name.tokens[-1]].end]
                    yield Hit(
                        occ.start, occ.end,
                        self.message(
                            "{name} is '{seen}' here but '{other}' on {lines}",
                            name=name, seen=occ.phrase, other=clash.phrase, lines=_lines([clash.line]),
                        ),
                        suggestion=clash.phrase,
                    )
                else:
                    seen.append(occ)

    def _words(self, key: str) -> set[str]:
        from pressqa.analysis.titles import MINOR

        data = self.data
        # "minister of foreign affairs" names the office "foreign minister".
        m = _LONG_OFFICE.match(key)
        if m is not None and m.group(2) in data.office_heads:
            key = f"{m.group(1)}{m.group(3)} {m.group(2)}"
        out = set()
        for word in key.split():
            if word in MINOR or word in data.modifiers or word in data.honorifics:
                continue
            out.add(word)
        return out

    def _compatible(self, a: set[str], b: set[str]) -> bool:
        ranks = self.data.ranks
        if (a & ranks) != (b & ranks):
            return False
        return a <= b or b <= a


_LONG_OFFICE = re.compile(r"^((?:\w+ )*?)(\w+) (?:of|for) (?:the )?(.+?)(?: affairs)?$")


class OfficeForms(_TitlesCheck):
    """One office named in a long and a short form (``Foreign Minister`` / ``Minister of Foreign Affairs``).

    **What it does.** Finds offices and ministries written both as
    ``<portfolio> <head>`` (``Foreign Minister``, ``Justice Department``) and as
    ``<head> of <portfolio>`` (``Minister of Foreign Affairs``, ``Department of
    Justice``) in one release, for the heads in the titles data
    (``office_heads``), and reports the first use of the form that departs from
    the one used first.  This is a matter of polish, reported at a low level.

    **Why.** Two forms read as two offices to someone who does not know they are
    the same; a release should pick one.

    An abbreviated title (``DA Haddad said``, from ``title_abbreviations``) in
    a release that writes the title out elsewhere (``District Attorney``) is
    reported the same way.

    **Example.** ``Foreign Minister Jeyhun Bayramov`` and ``the Minister of
    Foreign Affairs of Azerbaijan`` in one release: the second form is reported
    at info level.

    **Leaves alone.** Different ranks (``Deputy Minister of Justice`` against
    ``Justice Minister``); pairs that are different offices
    (``office_distinct``: ``State Secretary`` is not ``Secretary of State``);
    headlines.
    """

    type = "office-forms"

    _FUNCTION = frozenset({"affairs", "and", "of", "the", "in", "to", "on", "for", "with", "a", "an", "said", "says"})

    def setup(self) -> None:
        super().setup()
        heads = sorted(self.data.office_heads, key=len, reverse=True)
        self.long_re = self.short_re = None
        if not heads:
            return
        head_re = "|".join(re.escape(h) for h in heads)
        head_re = rf"(?P<head>{head_re})(?P<plural>s|ies)?"
        self.long_re = re.compile(rf"(?<![\w‐-]){head_re}\s+(?P<link>of|for)\s+(?:the\s+)?(?=[^\W\d_])", re.I)
        self.short_re = re.compile(rf"(?<![\w‐-]){head_re}(?![\w‐-])", re.I)

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        yield from self._abbreviated(doc)
        if self.long_re is None:
            return
        text = doc.text
        ranks = self.data.ranks | self.data.office_qualifiers  # a junior office is another office
        longs: list[dict] = []
        heads_seen: list[re.Match] = []
        if not self.long_re.search(text):
            return  # no "<head> of <portfolio>": nothing to compare (most releases)
        for para in doc.paragraphs:
            if para.kind in ("headline", "heading", "code"):
                continue
            for m in self.long_re.finditer(text, para.start, para.end):
                words = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, m.end(), min(para.end, m.end() + 80))]
                kept: list[tuple[str, int, int]] = []
                pos = m.end()
                for w, ws, we in words[:3]:
                    if text[pos:ws].strip() or w.lower() in self._FUNCTION or w[0].islower() != words[0][0][0].islower():
                        break
                    kept.append((w, ws, we))
                    pos = we
                if not kept:
                    continue
                start = m.start()
                rank = _word_before(text, start)
                if rank and rank.lower() in ranks:
                    start -= len(rank) + 1
                else:
                    rank = ""
                # "Secretary of Defense Lloyd Austin": the portfolio is one of the first words.
                for n in range(1, len(kept) + 1):
                    end = kept[n - 1][2]
                    follow = text[end:end + 8]
                    if re.match(r"\s+[Aa]ffairs\b", follow):
                        end = text.index("ffairs", end) + 6
                    longs.append({
                        "key": (rank.lower(), self._head(m.group("head")), _norm(" ".join(w for w, _, _ in kept[:n]).lower())),
                        "start": start, "end": end, "plural": bool(m.group("plural")), "kind": "long",
                    })
            heads_seen.extend(self.short_re.finditer(text, para.start, para.end))
        if not longs:
            return
        portfolios = {item["key"][2] for item in longs}
        shorts: list[dict] = []
        for m in heads_seen:
            words = []
            pos = m.start()
            while len(words) < 4:
                w = re.search(r"([^\W\d_][\w’'‐-]*) $", text[max(0, pos - 40):pos])
                if w is None:
                    break
                words.insert(0, w.group(1))
                pos -= len(w.group(1)) + 1
            for size in range(min(3, len(words)), 0, -1):
                portfolio = _norm(" ".join(words[-size:]).lower())
                if portfolio not in portfolios:
                    continue
                start = m.start() - len(" ".join(words[-size:])) - 1
                rank = words[-size - 1] if len(words) > size and words[-size - 1].lower() in ranks else ""
                if rank:
                    start -= len(rank) + 1
                shorts.append({
                    "key": (rank.lower(), self._head(m.group("head")), portfolio),
                    "start": start, "end": m.end(), "plural": bool(m.group("plural")), "kind": "short",
                })
                break
        if not shorts:
            return
        distinct = {key for pair in self.data.office_distinct for key in pair}
        keys = {item["key"] for item in shorts}
        forms: dict[tuple, list[dict]] = {}
        for item in shorts + longs:
            if item["key"] not in keys:
                continue
            item["seen"] = text[item["start"]:item["end"]]
            if _title_key(item["seen"]) in distinct:
                continue
            forms.setdefault(item["key"], []).append(item)
        for items in forms.values():
            if len({item["kind"] for item in items}) < 2:
                continue
            items.sort(key=lambda item: item["start"])
            first_kind = items[0]["kind"]
            reference = [item for item in items if item["kind"] == first_kind]
            departing = [item for item in items if item["kind"] != first_kind]
            seen = departing[0]
            example = next((item for item in reference if item["plural"] == seen["plural"]), reference[0])["seen"]
            yield Hit(
                seen["start"], seen["end"],
                self.message(
                    "'{seen}' ({here}) names the office written '{other}' on {lines}",
                    seen=seen["seen"], here=_lines([doc.position(i["start"])[0] for i in departing]),
                    other=example, lines=_lines([doc.position(i["start"])[0] for i in reference]),
                ),
                suggestion=_recase(example, seen["seen"]),
            )

    def _abbreviated(self, doc: "Document") -> Iterator[Hit]:
        """An abbreviated title (``DA Haddad``) in a release that writes the title out elsewhere."""
        abbreviations = self.data.title_abbreviations
        if not abbreviations:
            return
        from pressqa.analysis.titles import capitalize_title

        text = doc.text
        pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, abbreviations)) + r")(?=(?:['’]s)?\s+[A-Z])")
        prose = [p for p in doc.paragraphs if p.kind not in ("headline", "heading", "code", "contact")]
        for abbreviation, full in abbreviations.items():
            short_hits = [m for p in prose for m in pattern.finditer(text, p.start, p.end) if m.group(1) == abbreviation]
            if not short_hits:
                continue
            full_re = re.compile(rf"(?<![\w‐-]){re.escape(full)}(?![\w‐-])", re.I)
            full_hits = [m for p in prose for m in full_re.finditer(text, p.start, p.end)]
            if not full_hits:
                continue
            written = full_hits[0].group()
            lines = _lines([doc.position(m.start())[0] for m in full_hits])
            for m in short_hits:
                yield Hit(
                    m.start(1), m.end(1),
                    self.message(
                        "'{seen}' here, but the title is written out as '{other}' on {lines}",
                        seen=abbreviation, other=written, lines=lines,
                    ),
                    suggestion=capitalize_title(full),
                )

    def _head(self, head: str) -> str:
        low = head.lower()
        for candidate in self.data.office_heads:
            if low == candidate or low.startswith(candidate):
                return candidate
        return low


_WORD = re.compile(r"[^\W\d_][\w’'‐-]*")


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([^\W\d_][\w’'‐-]*) $", text[max(0, pos - 30):pos])
    return m.group(1) if m else ""


def _title_key(phrase: str) -> str:
    from pressqa.analysis.titles import title_key

    return title_key(phrase)


def _recase(example: str, like: str) -> str:
    """*example* in the case of *like*: capitalized words if *like* starts with a capital, else lowercase
    (names and other proper nouns keep their capitals)."""
    from pressqa.analysis.commonwords import is_common_word
    from pressqa.analysis.titles import capitalize_title

    if like[:1].isupper():
        return capitalize_title(example)
    words = []
    for word in example.split(" "):
        words.append(word.lower() if word.lower() in ("of", "for", "the") or is_common_word(word) else word)
    return " ".join(words)


def _norm(portfolio: str) -> str:
    # British and American spellings name one portfolio.
    return portfolio.replace("defence", "defense").replace("labour", "labor")


class CountryForms(_TitlesCheck):
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
            self.pattern = None

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.mentions import analyse

        if self.pattern is None:
            return
        text = doc.text
        an = analyse(doc, ctx)
        seen_by_entry: dict[str, list[tuple[str, int, int]]] = {}
        for para in doc.paragraphs:
            if para.kind in _SKIP_KINDS:
                continue
            for m in self.pattern.finditer(text, para.start, para.end):
                start = m.start()
                if an.skipped and an.is_skipped(start):
                    continue  # a line in capitals, a URL, an e-mail address
                form = m.group()
                if not form.endswith(".") and (_in_shout(text, start, m.end()) or _in_a_name(text, start)):
                    continue
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
                    seen=form, lines=_lines(lines), name=entry["name"], first=how, expected=reference,
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
    return bool(m and m.group(1) not in _NOT_A_NAME)


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

