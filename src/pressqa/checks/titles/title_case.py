"""title-case: a formal title capitalized in one place and lowercase in another."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from pressqa.checks import Context
from pressqa.checks.messages import Messages
from pressqa.checks.options import option, options
from pressqa.checks.titles import TitlesCheck, lines_text
from pressqa.findings import Hit

if TYPE_CHECKING:
    from pressqa.model.document import Document
    from pressqa.analysis.titles import Occurrence


_HYPHENED_MODIFIER = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)-(elect|Elect|designate|Designate)\b")


class TitleCase(TitlesCheck):
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
    # Fed every paragraph: the titles of the document (pressqa.analysis.titles) are found once for
    # both title rules, leaving out what is no running copy (headlines, code, contact blocks).
    kinds = None
    #: Every message fills ``seen`` (the title as written).
    messages = Messages(
        lowercase_before_name="title '{seen}' is lowercase before a name, but '{other}' is capitalized before a name on {lines}",
        capitalized_before_name="title '{seen}' is capitalized before a name, but '{other}' is lowercase before a name on {lines}",
        capitalized_elsewhere=(
            "formal title '{seen}' is lowercase before a name; "
            "elsewhere titles before names are capitalized ('{other}', {lines})"
        ),
        ap_capitalizes="formal title '{seen}' is lowercase before a name; AP capitalizes a formal title directly before a name",
        standalone="title '{seen}' standing alone is written '{other}' on {lines}",
        modifier="'{seen}' is written '{right}' on {lines}: AP keeps the modifier lowercase",
    )

    @options
    class Options(TitlesCheck.Options):
        capitalize_before_name: bool = option(False, "report every lowercase listed title before a name (strict AP)")

    o: Options

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.analysis.titles import capitalize_title, find_titles, is_transcript

        found = find_titles(doc, ctx, self.data)
        yield from self._before(found.before, capitalize_title)
        if is_transcript(doc, ctx):
            # A transcript's "the president" is often another president than "the President" a
            # speaker named before: only one turn (one paragraph) is sure to mean one holder.
            by_turn: dict[int, list[Occurrence]] = {}
            for occ in found.standalone:
                para = doc.paragraph_at(occ.start)
                by_turn.setdefault(para.index if para is not None else -1, []).append(occ)
            for occs in by_turn.values():
                yield from self._standalone(occs)
        else:
            yield from self._standalone(found.standalone)
        yield from self._modifier_case(doc)

    def _modifier_case(self, doc: "Document") -> Iterator[Hit]:
        """A hyphened modifier written both ways in one release (``President-Elect Raisi``, later
        ``President-elect Raisi``): the capitalized one is reported, since AP keeps ``-elect`` and
        ``-designate`` lowercase.  One way throughout is a house's choice and is left alone."""
        seen: dict[tuple[str, str], list[re.Match]] = {}
        for m in _HYPHENED_MODIFIER.finditer(doc.text):
            seen.setdefault((m.group(1).lower(), m.group(2).lower()), []).append(m)
        for matches in seen.values():
            upper = [m for m in matches if m.group(2)[0].isupper()]
            lower = [m for m in matches if m.group(2)[0].islower()]
            if not upper or not lower:
                continue
            others = lines_text(sorted({doc.position(m.start())[0] for m in lower}))
            for m in upper:
                right = f"{m.group(1)}-{m.group(2).lower()}"
                yield Hit(
                    start=m.start(),
                    end=m.end(),
                    message=self.say("modifier", seen=m.group(0), right=right, lines=others),
                    suggestion=right,
                )

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
                            self.say("lowercase_before_name", seen=occ.phrase, other=caps[0].phrase,
                                     lines=lines_text([o.line for o in caps])),
                            suggestion=capitalize_title(occ.phrase),
                        )
                else:
                    for occ in caps:
                        yield Hit(
                            occ.start, occ.end,
                            self.say("capitalized_before_name", seen=occ.phrase, other=lows[0].phrase,
                                     lines=lines_text([o.line for o in lows])),
                            suggestion=occ.phrase.lower(),
                        )
                continue
            listed = [o for o in lows if o.listed]
            strict = self.o.capitalize_before_name
            # AP, unless the release lowercases its formal titles before names as a rule.
            # AP, unless the release lowercases its formal titles before names as a rule
            # (two or more, and more often than it capitalizes them).
            lowercase_style = lower_total >= 2 and lower_total > len(cap_total)
            if not listed or not (strict or not lowercase_style):
                continue
            example = cap_total[0] if cap_total else None
            for occ in listed:
                if example is not None:
                    message = self.say("capitalized_elsewhere", seen=occ.phrase, other=example.phrase,
                                       lines=lines_text([example.line]))
                else:
                    message = self.say("ap_capitalizes", seen=occ.phrase)
                yield Hit(occ.start, occ.end, message, suggestion=capitalize_title(occ.phrase))

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
                    self.say("standalone", seen=occ.phrase, other=majority[0].phrase,
                             lines=lines_text([o.line for o in majority])),
                    suggestion=suggestion,
                )


def _case_first_is_positional(occ: "Occurrence") -> bool:
    """Was the title's first word capitalized by its place (a sentence's first word)?"""
    return getattr(occ, "initial", False)

