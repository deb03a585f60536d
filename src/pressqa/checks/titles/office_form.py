"""office-form: one office named in a long and a short form."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.findings import Hit
from pressqa.checks import Context
from pressqa.checks.titles import TitlesCheck, lines_text

if TYPE_CHECKING:
    from pressqa.model.document import Document


class OfficeForms(TitlesCheck):
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
                    seen=seen["seen"], here=lines_text([doc.position(i["start"])[0] for i in departing]),
                    other=example, lines=lines_text([doc.position(i["start"])[0] for i in reference]),
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
            lines = lines_text([doc.position(m.start())[0] for m in full_hits])
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


