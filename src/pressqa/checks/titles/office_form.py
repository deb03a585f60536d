"""office-form: one office named in a long and a short form, a doubled title, an abbreviated title."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.analysis import lexicon
from pressqa.checks import Context, kinds_but
from pressqa.checks.messages import Messages
from pressqa.checks.titles import TitlesCheck, lines_text
from pressqa.findings import Edit, Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document, Paragraph

_WORD = re.compile(r"[^\W\d_][\w’'‐-]*")
_LINKED = re.compile(r"\s+(?:of|for)\b", re.I)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'‐-]*) $")


class _Form:
    """One office title in the text: ``long`` (Minister of Foreign Affairs) or ``short`` (Foreign Minister)."""

    __slots__ = ("key", "start", "end", "kind", "seen", "before_name")

    def __init__(self, key: tuple[str, str, str], start: int, end: int, kind: str, seen: str = "",
                 before_name: bool = False) -> None:
        self.key = key  # (rank, head, portfolio)
        self.start = start
        self.end = end
        self.kind = kind
        self.seen = seen
        self.before_name = before_name  # a formal reference directly before a name


class OfficeForms(TitlesCheck):
    """One office named in a long and a short form (``Foreign Minister`` / ``Minister of Foreign Affairs``).

    **What it does.** Finds an office written both as ``<portfolio> <head>``
    (``Foreign Minister``) and as ``<head> of <portfolio>`` (``Minister of
    Foreign Affairs``), for the heads in the titles data (``office_heads``), and
    reports a long form that comes back, standing alone, after the release has
    used the short one (``Foreign Minister Ararat Mirzoyan`` ... ``the Minister
    of Foreign Affairs of Armenia``).  Two more slips of one office are reported:

    * a doubled title (``Secretary of Commerce Secretary Gina Raimondo``), with
      a fix that removes the second head;
    * an abbreviated title (``DA Haddad``, ``FM Lapid``, from
      ``title_abbreviations``) in running copy that writes the title out
      elsewhere (``District Attorney``).

    **Why.** A long form after the short one reads as a second office to someone
    who does not know they are the same; a doubled title is a slip an editor
    missed; an abbreviation belongs in a headline, not in running copy.

    **Example.** ``Foreign Minister Jeyhun Bayramov`` and later ``the Minister
    of Foreign Affairs of Azerbaijan``: the second form is reported.

    **Leaves alone.** The long and short names of one body (``Department of
    State`` / ``State Department``, ``Ministry of Interior`` / ``Interior
    Ministry``): an inversion is one name used two ways, both correct; a formal
    first reference before a name and a short title after it (``Minister of
    Foreign Affairs Marc Garneau`` ... ``the Foreign Minister``); a long title
    directly before a name anywhere (a formal reference); plurals, which name a
    group, not the holder (``the Foreign Ministers of the Coalition``, the
    ``Quad Foreign Ministers Ministerial``); different ranks (``Deputy Minister
    of Justice`` against ``Justice Minister``); pairs that are different offices
    (``office_distinct``: ``State Secretary`` is not ``Secretary of State``);
    headlines, lines in capitals (speaker labels) and reproduced social-media
    posts (``@StateDeptSpox: Special Rep. ...``).
    """

    type = "office-forms"
    fixable = True
    #: Running copy: headlines, headings, code and contact blocks word titles their own way.
    kinds = kinds_but("headline", "heading", "code", "contact")
    #: Every message fills ``seen`` (the title as written) and ``other`` (the form it is set against).
    messages = Messages(
        inversion="'{seen}' ({here}) names the office written '{other}' on {lines}",
        doubled="'{seen}' names the office twice: '{other}' is the title",
        abbreviated="'{seen}' here, but the title is written out as '{other}' on {lines}",
    )

    def setup(self) -> None:
        super().setup()
        heads = sorted(self.data.office_heads, key=len, reverse=True)
        self.long_re: re.Pattern[str] | None = None
        self.short_re: re.Pattern[str] | None = None
        if not heads:
            return
        head_re = "|".join(re.escape(h) for h in heads)
        head_re = rf"(?P<head>{head_re})(?P<plural>s|ies)?"
        self.long_re = re.compile(rf"(?<![\w‐-]){head_re}\s+(?P<link>of|for)\s+(?:the\s+)?(?=[^\W\d_])", re.I)
        self.short_re = re.compile(rf"(?<![\w‐-]){head_re}(?![\w‐-])", re.I)

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.mentions import analyse
        from pressqa.analysis.titles import is_transcript, social_posts

        an = analyse(doc, ctx)
        posts = social_posts(doc)
        copy = [p for p in ctx.paragraphs if p.index not in posts and not (an.skipped and an.is_skipped(p.start))]
        yield from self._abbreviated(doc, copy)
        if self.long_re is None or not self.long_re.search(doc.text):
            return  # no "<head> of <portfolio>": nothing to compare (most releases)
        longs, doubled = self._long_forms(doc, copy)
        yield from doubled
        if not longs or is_transcript(doc, ctx):
            return  # a transcript records the form each speaker said
        shorts = self._short_forms(doc, copy, {form.key[2] for form in longs})
        yield from self._inversions(doc, longs, shorts)

    # -- long and short forms ----------------------------------------------------------------

    def _long_forms(self, doc: "Document", copy: list["Paragraph"]) -> tuple[list[_Form], list[Hit]]:
        """Singular ``<head> of <portfolio>`` forms, and the doubled titles found on the way."""
        text = doc.text
        ranks = self.data.ranks | self.data.office_qualifiers  # a junior office is another office
        longs: list[_Form] = []
        doubled: list[Hit] = []
        assert self.long_re is not None  # check() returns early without office heads
        for para in copy:
            for m in self.long_re.finditer(text, para.start, para.end):
                head = self._head(m.group("head"))
                kept = self._portfolio(text, m.end(), para.end)
                for i, (word, ws, we) in enumerate(kept):
                    if i and self._head(word) == head and text[we:we + 1] == " " and text[we + 1:we + 2].isupper():
                        # Secretary of Commerce Secretary Gina Raimondo: the head written twice.
                        doubled.append(self._doubled(text, m.start(), kept[i - 1][2], ws, we))
                        kept = kept[:i]
                        break
                if not kept or m.group("plural"):
                    continue  # a plural names a group (the Foreign Ministers of the Coalition)
                start = m.start()
                rank = _word_before(text, start)
                if rank and rank.lower() in ranks:
                    start -= len(rank) + 1
                else:
                    rank = ""
                # "Secretary of Defense Lloyd Austin": the portfolio is one of the first words.
                for n in range(1, len(kept) + 1):
                    end = kept[n - 1][2]
                    affairs = re.match(r"\s+[Aa]ffairs\b", text[end:end + 8])
                    if affairs:
                        end += affairs.end()
                    key = (rank.lower(), head, _norm(" ".join(w for w, _, _ in kept[:n]).lower()))
                    longs.append(_Form(key, start, end, "long", text[start:end], _before_name(text, end)))
        return longs, doubled

    @staticmethod
    def _portfolio(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
        """Up to three words of one case after ``<head> of``: the portfolio (Foreign Affairs, Commerce)."""
        words = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, pos, min(limit, pos + 80))]
        kept: list[tuple[str, int, int]] = []
        for w, ws, we in words[:3]:
            if text[pos:ws].strip() or w.lower() in lexicon.words("portfolio-ends") or w[0].islower() != words[0][0][0].islower():
                break
            kept.append((w, ws, we))
            pos = we
        return kept

    def _doubled(self, text: str, start: int, first_end: int, second_start: int, second_end: int) -> Hit:
        title = text[start:second_end]
        return Hit(
            start, second_end,
            self.say("doubled", seen=title, other=text[start:first_end]),
            suggestion=text[start:first_end],
            fix=(Edit(first_end, second_end, ""),),
        )

    def _short_forms(self, doc: "Document", copy: list["Paragraph"], portfolios: set[str]) -> list[_Form]:
        """Singular ``<portfolio> <head>`` forms whose portfolio has a long form in the release."""
        text = doc.text
        ranks = self.data.ranks | self.data.office_qualifiers
        shorts: list[_Form] = []
        assert self.short_re is not None
        for para in copy:
            for m in self.short_re.finditer(text, para.start, para.end):
                if m.group("plural") or _LINKED.match(text, m.end()):
                    continue  # a group; or the start of a long form (United States Secretary of State)
                words: list[str] = []
                pos = m.start()
                while len(words) < 4:
                    w = _WORD_BEFORE.search(text, max(para.start, pos - 40), pos)
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
                    key = (rank.lower(), self._head(m.group("head")), portfolio)
                    shorts.append(_Form(key, start, m.end(), "short", text[start:m.end()]))
                    break
        return shorts

    def _inversions(self, doc: "Document", longs: list[_Form], shorts: list[_Form]) -> Iterator[Hit]:
        """Long forms standing alone after the short form of the same office."""
        from pressqa.analysis.titles import title_key

        distinct = {key for pair in self.data.office_distinct for key in pair}
        first_short: dict[tuple, _Form] = {}
        short_lines: dict[tuple, list[int]] = {}
        for form in shorts:
            if title_key(form.seen) in distinct:
                continue
            first_short.setdefault(form.key, form)
            short_lines.setdefault(form.key, []).append(doc.position(form.start)[0])
        reported: set[tuple] = set()
        for form in sorted(longs, key=lambda f: (f.start, -f.end)):
            short = first_short.get(form.key)
            if short is None or form.key in reported or form.start < short.start or form.before_name:
                continue
            if title_key(form.seen) in distinct:
                continue
            reported.add(form.key)
            yield Hit(
                form.start, form.end,
                self.say("inversion", seen=form.seen, here=lines_text([doc.position(form.start)[0]]),
                         other=short.seen, lines=lines_text(short_lines[form.key])),
                suggestion=_recase(short.seen, form.seen),
            )

    # -- abbreviations -------------------------------------------------------------------------

    def _abbreviated(self, doc: "Document", copy: list["Paragraph"]) -> Iterator[Hit]:
        """An abbreviated title (``DA Haddad``) in a release that writes the title out elsewhere."""
        abbreviations = self.data.title_abbreviations
        if not abbreviations:
            return
        from pressqa.analysis.titles import capitalize_title

        text = doc.text
        # Not after a word in capitals: KETO FM International is a radio station.
        pattern = re.compile(
            r"(?<![\w.])(?<![A-Z]{2} )(" + "|".join(map(re.escape, abbreviations)) + r")(?=(?:['’]s)?\s+[A-Z])"
        )
        for abbreviation, full in abbreviations.items():
            short_hits = [m for p in copy for m in pattern.finditer(text, p.start, p.end) if m.group(1) == abbreviation]
            if not short_hits:
                continue
            full_re = re.compile(rf"(?<![\w‐-]){re.escape(full)}(?![\w‐-])", re.I)
            full_hits = [m for p in copy for m in full_re.finditer(text, p.start, p.end)]
            if not full_hits:
                continue
            written = full_hits[0].group()
            lines = lines_text([doc.position(m.start())[0] for m in full_hits])
            for m in short_hits:
                yield Hit(
                    m.start(1), m.end(1),
                    self.say("abbreviated", seen=abbreviation, other=written, lines=lines),
                    suggestion=capitalize_title(full),
                )

    def _head(self, head: str) -> str:
        low = head.lower()
        for candidate in self.data.office_heads:
            if low == candidate or (low.startswith(candidate) and low[len(candidate):] in ("s", "ies")):
                return candidate
        return low


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, pos - 30), pos)
    return m.group(1) if m else ""


def _before_name(text: str, end: int) -> bool:
    """Does a name (or a longer formal title) follow the long form ending at *end*?
    ``Minister of Foreign Affairs Marc Garneau``, ``Minister of Foreign Affairs and International
    Cooperation Luigi Di Maio``: a formal reference, written out on purpose."""
    return re.match(r" (?:and |& )?[A-Z]", text[end:end + 6]) is not None


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
