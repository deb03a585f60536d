"""One name spelled two ways in one document."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..findings import Edit, Hit
from ..housedata import NAME_ENTRY
from ..mentions import Analysis, analyse, fold
from . import Check, Context

if TYPE_CHECKING:
    from ..document import Document

# Endings that make another word of a name (plural, demonym): Lobo/Lobos, Armenia/Armenian,
# Honduras/Honduran, Morocco/Moroccan, Iraq/Iraqi.  The longer word ends in one of the first,
# the shorter in one of the second, after their common beginning.
_LONG_TAILS = frozenset("s es n an ian i ese ish ic ns ans is ite ites ean ians".split())
_MASCULINE_TAILS = frozenset(["", "y", "i", "iy", "ij", "yi", "ii", "oy", "ei"])
_SHORT_TAILS = frozenset(["", "a", "o", "e", "y", "s"])


def _lines(lines: list[int], limit: int = 6) -> str:
    shown = [str(n) for n in lines[:limit]]
    if len(lines) > limit:
        shown.append("...")
    if len(shown) == 1:
        return f"line {shown[0]}"
    return "lines " + ", ".join(shown)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def is_inflection(a: str, b: str) -> bool:
    """Are the folded words *a* and *b* one word and its plural or demonym (Armenia/Armenian)?"""
    for short, long_ in ((a, b), (b, a)):
        if len(short) > len(long_):
            continue
        p = _common_prefix(short, long_)
        if p < len(short) - 1 or p < 3:
            continue
        if len(short) == len(long_):
            if (short[p:], long_[p:]) == ("s", "n"):
                return True  # Honduras/Honduran
            continue
        if short[p:] in _SHORT_TAILS and long_[p:] in _LONG_TAILS:
            if long_[p:] == "n" and short[-1:] not in ("a", "e", "i", "o", "u"):
                continue  # Armenia/Armenian, but not Chen/Chenn
            return True
        if short.endswith("an") and long_ == short + "y":
            return True  # German/Germany
    return False


def is_given_name_pair(a: str, b: str) -> bool:
    """Are *a* and *b* a feminine and a masculine given name (Maria/Mario)?  Surnames that differ
    so (Kihara/Kiharo) are variants; only a name used as a given name gets this benefit."""
    if len(a) != len(b) or a[:-1] != b[:-1]:
        return False
    return {a[-1], b[-1]} == {"a", "o"}


def is_gender_pair(a: str, b: str) -> bool:
    """Are *a* and *b* the feminine and masculine forms of one surname (Zelenska/Zelensky,
    Bayramova/Bayramov) or given name (Daniela/Daniel)?"""
    if a.endswith("a") == b.endswith("a") or is_given_name_pair(a, b):
        return False
    fem, masc = (a, b) if a.endswith("a") else (b, a)
    stems = [fem[:-1]]
    if fem.endswith("aya"):
        stems.append(fem[:-3])
    for stem in stems:
        # The masculine form is the stem itself (Bayramova/Bayramov, Daniela/Daniel) or the stem
        # with a Slavic ending (Zelenska/Zelensky, Tolstaya/Tolstoy); Mensa/Mensah is not a pair.
        if len(stem) >= 3 and masc.startswith(stem) and masc[len(stem):] in _MASCULINE_TAILS:
            return True
    return False


def _coded_names(a: str, b: str) -> bool:
    """Two mixed-case coded names that differ in a letter, not only in case (OpenSSL/OpenSSH,
    PRIdMAX/PRIuMAX): such names are built to differ by one letter.  ChAdOx1/ChAdox1 (case
    only) is still one name written two ways."""
    def inner_capitals(word: str) -> int:
        return sum(1 for c in word[1:] if c.isupper())

    return fold(a) != fold(b) and inner_capitals(a) >= 2 and inner_capitals(b) >= 2


def edit_residues(fa: str, fb: str) -> tuple[int, int, int]:
    """``(p, ra, rb)``: the length of the common beginning, and how many letters of each
    word are left once the common beginning and end are stripped."""
    p = _common_prefix(fa, fb)
    la, lb = len(fa), len(fb)
    shortest = min(la, lb)
    q = 0
    while q < shortest - p and fa[la - 1 - q] == fb[lb - 1 - q]:
        q += 1
    return p, la - p - q, lb - p - q


def within_one_edit(fa: str, fb: str) -> bool:
    """One letter changed, added or dropped, or two neighbours swapped (``Teh``/``The``)."""
    p, ra, rb = edit_residues(fa, fb)
    if max(ra, rb) <= 1:
        return True
    return ra == rb == 2 and fa[p] == fb[p + 1] and fa[p + 1] == fb[p]


def spelling_variant(fa: str, fb: str, min_length: int, min_length_two_edits: int) -> bool:
    """Are the folded words *fa* and *fb* two spellings of one name, by their letters alone?

    After their common beginning and end, one letter differs, is added or
    dropped, or two are swapped; or, in words of *min_length_two_edits* letters
    or more, two edits fall in one place.  Plurals and demonyms, feminine and
    masculine forms, and words that differ in their digits are not variants.
    """
    if fa == fb:
        return True  # case or accents: ChAdox1/ChAdOx1, Alvarez/Álvarez
    la, lb = len(fa), len(fb)
    if fa[:1] != fb[:1] or abs(la - lb) > 2 or max(la, lb) < min_length:
        return False
    # An edit changes at most two letters (a transposition), so one edit leaves at
    # most two letters on each side once the common beginning and end are stripped, two edits four.
    _, ra, rb = edit_residues(fa, fb)
    if max(ra, rb) > 4:
        return False
    if is_inflection(fa, fb) or is_gender_pair(fa, fb):
        return False
    if [c for c in fa if c.isdigit()] != [c for c in fb if c.isdigit()]:
        return False  # ChAdOx1 and ChAdOx2 are two vaccines
    if within_one_edit(fa, fb):
        return True
    # Two edits only in one place (Zelenska/Zelenskaya, Alexander/Aleksander), and only in
    # longer words: two scattered edits make another word (Tuesday/Thursday).
    return min(la, lb) >= min_length_two_edits and ra + rb <= 3


class _Canon:
    """One entry of a names list, ready to match."""

    def __init__(self, name: str, tokens: list[str], accept: set[str], reject: list[str]) -> None:
        self.name = name
        self.tokens = tokens  # the name's words, initials left out
        self.accept = accept
        self.reject = reject


class NameVariants(Check):
    """The same person, place or product spelled two ways in one release.

    **What it does.** Compares the capitalized words of the release with each
    other and reports a word that is a near miss of another: a dropped or doubled
    letter (``Vilsak``/``Vilsack``, ``Zelensky``/``Zelenskyy``), a transliteration
    (``Bayramov``/``Bairamov``, ``Mirzoyan``/``Mirzoian``), a slip of case or
    accent (``ChAdox1``/``ChAdOx1``, ``Alvarez``/``Álvarez``), a first name
    spelled two ways with one surname (``Anthony``/``Antony Blinken``) or a
    later surname-only mention that misses the full name given earlier
    (``Thomson`` after ``Ken Thompson``).  Two words are near misses when,
    after their common beginning and end, one letter differs, is added or
    dropped, or two are swapped; or, in words of ``min_length_two_edits``
    letters or more, two adjacent letters change (``Zelenska``/``Zelenskaya``).
    Short names (four letters, ``Katz``/``Kats``) count only beside the same
    title or the same other name.  The form used less often is reported (on a
    tie, the one not given with the full name, then the later one); the
    message names the lines of the other form and the suggestion is that form.

    With a names list (``names_files`` or ``names``), the list wins: every near
    miss of a listed spelling is reported with the listed one as the suggestion
    and a safe fix, and the ``reject`` forms of an entry are reported wherever
    they appear.

    **Why.** A misspelled name is the error readers and the people named notice
    first, and a spell checker cannot catch it: both spellings look like names.

    **Example.** ``US Secretary of State Anthony Blinken`` on lines 1 and 21
    and ``Antony Blinken`` on line 15: line 15 is reported, naming lines 1 and
    21, with the suggestion ``Anthony`` (a names list that says ``Antony
    Blinken`` reports lines 1 and 21 instead).

    **Leaves alone.** Different people who share a surname (``Joe Biden``,
    ``Jill Biden``); different people whose similar names both appear in full
    (``Ken Thompson``, ``Kim Thomson``); a given name against a surname
    (``Michael``/``Michel``); feminine and masculine forms (``Zelenska``,
    ``Zelensky``; ``Bayramova``); plurals and demonyms (``the Lobos``,
    ``Armenia``/``Armenian``); possessives (``Blinken's``); initials
    (``J. Sullivan``); ordinary English words (``Minister``/``Ministry``) and any
    word the release also writes in lowercase (a surname that is also a word,
    ``Le Drain``, still counts beside the same ``Le``); acronyms and lines in
    capitals; names of three letters; versions that differ only in a digit
    (``ChAdOx1``/``ChAdOx2``); and the groups in an ``accept`` list.

    **House lists.** A house pack adds its own names list::

        rules:
          name-variant:
            names_files: [names/example.yaml, our-names.yaml]  # relative to the pack
            names:
              - {name: Antony Blinken, accept: [Tony Blinken], reject: [Anthony Blinken]}
            accept:
              - [Moghbeli, Mogensen]
    """

    type = "names"
    options = {
        "names_files": {
            "type": "array",
            "format": "path",  # names files: a service refuses it (see pressqa.server)
            "items": {"type": "string", "minLength": 1},
            "description": "names lists (YAML): relative to the pack or config, or shipped (names/example.yaml)",
        },
        "names": {"type": "array", "items": NAME_ENTRY, "description": "canonical spellings given inline: {name, accept, reject}"},
        "accept": {
            "type": "array",
            "items": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 2},
            "description": "groups of names that are legitimately alike",
        },
        "min_length": {
            "type": "integer",
            "minimum": 3,
            "description": "shortest word compared without more evidence (shorter ones, down to four letters, need the same title or other name beside them)",
        },
        "min_length_two_edits": {
            "type": "integer",
            "minimum": 4,
            "description": "shortest word that may differ from its variant in two adjacent letters",
        },
    }
    defaults = {"names_files": ["names/distinct.yaml"], "names": [], "accept": [], "min_length": 5, "min_length_two_edits": 7}

    def setup(self) -> None:
        from .. import housedata

        data = housedata.merged(
            self.rule,
            "names_files",
            list(self.opts["names_files"] or []),
            [{"names": self.opts["names"] or [], "accept": self.opts["accept"] or []}],
            housedata.NAMES_SCHEMA,
        )
        self.canon: list[_Canon] = []
        for entry in data.get("names", []):
            words = [w for w in re.findall(r"[^\W_][\w’'-]*", entry["name"]) if len(w.rstrip(".")) > 1]
            tokens: list[str] = []
            for w in words:
                tokens.extend(p for p in re.split(r"-", w) if p)
            self.canon.append(_Canon(entry["name"], tokens, set(entry.get("accept") or []), list(entry.get("reject") or [])))
        # folded word -> ids of the accept groups it belongs to
        self.accept_groups: dict[str, set[int]] = {}
        for gid, group in enumerate(data.get("accept", [])):
            for name in group:
                for word in re.findall(r"[^\W\d_][\w’']*", name):
                    self.accept_groups.setdefault(fold(word), set()).add(gid)
        self.canon_words: dict[str, int] = {}
        for cid, canon in enumerate(self.canon):
            for word in canon.tokens:
                self.canon_words.setdefault(word, cid)

    # -- similarity --------------------------------------------------------------------

    def variant(self, a: str, b: str) -> bool:
        """Are the capitalized words *a* and *b* two spellings of one name (by their letters alone)?"""
        if a == b:
            return False
        return self._similar(fold(a), fold(b))

    def _similar(self, fa: str, fb: str, min_length: int | None = None) -> bool:
        """The letter test of :meth:`variant` on folded words."""
        return spelling_variant(fa, fb, min_length or self.opts["min_length"], self.opts["min_length_two_edits"])

    def accepted(self, a: str, b: str) -> bool:
        ga = self.accept_groups.get(fold(a))
        gb = self.accept_groups.get(fold(b))
        return bool(ga and gb and ga & gb)

    # -- the check ---------------------------------------------------------------------

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        an = analyse(doc, ctx)
        vocab: dict[str, list[int]] = {}
        for tok in an.tokens:
            word = tok.text
            if not tok.cap or tok.acronym or len(word) < 3:
                continue
            vocab.setdefault(word, []).append(tok.index)
        if not vocab:
            return
        reported: set[str] = set()
        if self.canon:
            yield from self._canonical(doc, an, vocab, reported)
        yield from self._internal(doc, an, vocab, reported)

    @staticmethod
    def _neighbours(an: Analysis, indices: list[int]) -> set[str]:
        """The words just before a word inside its name, when they are names too (Le, Jean-Yves)."""
        from ..commonwords import is_common_word

        out = set()
        for i in indices:
            tok = an.tokens[i]
            if i and tok.run >= 0 and an.tokens[i - 1].run == tok.run:
                prev = an.tokens[i - 1].text
                if not an.tokens[i - 1].acronym and not is_common_word(prev):
                    out.add(prev)
        return out

    @staticmethod
    def _short_evidence(an: Analysis, vocab: dict[str, list[int]], a: str, b: str) -> bool:
        """Short names (Katz/Kats) need more than their letters: the same title before both or
        the same other name beside both (District Attorney Melinda Katz ... District Attorney Kats)."""

        def before(indices: list[int]) -> set[str]:
            out = set()
            for i in indices:
                tok = an.tokens[i]
                if tok.run < 0:
                    continue
                part = an.name_part(tok.run)
                if part is None or i not in part.tokens:
                    continue
                if part.lead:
                    out.add(an.tokens[part.lead[-1]].text)
                for k in part.tokens:
                    if k != i:
                        out.add(an.tokens[k].text)  # the rest of the name (Rosa Lobo, Rasa Lobo)
            return out

        return bool(before(vocab[a]) & before(vocab[b]))

    def _shared_neighbour(self, an: Analysis, a: list[int], b: list[int]) -> bool:
        return bool(self._neighbours(an, a) & self._neighbours(an, b))

    def _ordinary(self, an: Analysis, word: str) -> bool:
        from ..commonwords import is_common_word

        return word.lower() in an.lowercase or is_common_word(word)

    def _pairs(self, words: list[str]) -> Iterator[tuple[str, str, bool]]:
        """Pairs of words that are spellings of one another (by their letters alone).

        The flag is true for pairs that need more evidence than their letters: short words
        (``Katz``/``Kats``, below ``min_length``) and a word against its plural form
        (``Castellano``/``Castellanos``).
        """
        by_fold: dict[str, list[str]] = {}
        buckets: dict[str, list[tuple[int, str]]] = {}
        min_length = self.opts["min_length"]
        for word in words:
            folded = fold(word)
            same = by_fold.setdefault(folded, [])
            for other in same:
                yield other, word, False  # case or accents: ChAdox1/ChAdOx1, Alvarez/Álvarez
            same.append(word)
            if len(same) == 1 and len(folded) >= min_length - 2:
                buckets.setdefault(folded[:1], []).append((len(folded), folded))
        for bucket in buckets.values():
            bucket.sort()
            for i, (la, fa) in enumerate(bucket):
                for lb, fb in bucket[i + 1:]:
                    if lb - la > 2:
                        break
                    # One local edit keeps the second letter or the last one (a necessary
                    # condition, cheap enough to skip most pairs before the full test).
                    if fa[1] != fb[1] and fa[-1] != fb[-1]:
                        continue
                    short = lb < min_length
                    if self._similar(fa, fb, min_length=min(la, lb) if short and la == lb == min_length - 1 else None):
                        needs_evidence = short
                    elif la >= min_length and is_inflection(fa, fb) and within_one_edit(fa, fb):
                        # Castellano/Castellanos reads as a singular and a plural; beside the same
                        # title or other name (District Attorney Castellano) it is one person.
                        needs_evidence = True
                    else:
                        continue
                    for a in by_fold[fa]:
                        for b in by_fold[fb]:
                            yield a, b, needs_evidence

    def _roles(self, an: Analysis, indices: list[int]) -> tuple[set[str], set[str]]:
        """The roles a word plays (given, surname...) and the folded words named with it."""
        roles: set[str] = set()
        partners: set[str] = set()
        for i in indices:
            if an.tokens[i].kind in ("headline", "heading"):
                continue
            role, _partner = an.role(i)
            roles.add(role)
            if role in ("given", "surname", "middle"):
                # Every other word of the full name: Juan Fernando López Aguilar, later López Aguilar.
                for k in an.name_part(an.tokens[i].run).tokens:
                    if k != i:
                        partners.add(fold(an.tokens[k].text))
        return roles, partners

    def _same_entity(self, an: Analysis, a: str, b: str, vocab: dict[str, list[int]]) -> bool:
        """Context: can *a* and *b* be one person (not a given name against a surname, not two full names)?"""
        ra, pa = self._roles(an, vocab[a])
        rb, pb = self._roles(an, vocab[b])
        if is_given_name_pair(fold(a), fold(b)) and "given" in ra | rb:
            return False  # Mario and Maria Rossi
        given_only_a = bool(ra) and ra <= {"given", "middle"}
        given_only_b = bool(rb) and rb <= {"given", "middle"}
        if (given_only_a and "surname" in rb) or (given_only_b and "surname" in ra):
            return False  # Michael (only a given name) against Michel (the surname of Charles Michel)
        if pa and pb and not (pa & pb):
            for x in pa:
                for y in pb:
                    if x[:1] == y[:1] and self._similar(x, y):
                        return True
            return False  # Ken Thompson and Kim Thomson: two people
        return True

    def _internal(self, doc: "Document", an: Analysis, vocab: dict[str, list[int]], reported: set[str]) -> Iterator[Hit]:
        pairs = []
        # A word the release also writes in lowercase is an ordinary word (During, Strategic).
        words = [w for w in vocab if w.lower() not in an.lowercase]
        for a, b, short in self._pairs(words):
            if a in reported or b in reported or a in self.canon_words or b in self.canon_words:
                continue
            if short and not self._short_evidence(an, vocab, a, b):
                continue
            if self.accepted(a, b):
                continue
            if _coded_names(a, b):
                continue
            ordinary_a, ordinary_b = self._ordinary(an, a), self._ordinary(an, b)
            if ordinary_a and ordinary_b:
                continue
            if (ordinary_a or ordinary_b) and not self._shared_neighbour(an, vocab[a], vocab[b]):
                continue  # Warren and the Warden; but Le Drian and Le Drain
            if not self._same_entity(an, a, b, vocab):
                continue
            pairs.append((a, b))
        if not pairs:
            return
        # Each word is reported against its most frequent variant.
        best: dict[str, str] = {}
        for a, b in pairs:
            for minor, major in ((a, b), (b, a)):
                if self._rank(vocab, minor, an) < self._rank(vocab, major, an):
                    current = best.get(minor)
                    if current is None or self._rank(vocab, major, an) > self._rank(vocab, current, an):
                        best[minor] = major
        for minor, major in best.items():
            major_lines = sorted({doc.position(an.tokens[i].start)[0] for i in vocab[major]})
            for i in vocab[minor]:
                tok = an.tokens[i]
                seen = self._mention(doc, an, i)
                other = seen.replace(minor, major) if minor in seen else major
                yield Hit(
                    start=tok.start,
                    end=tok.end,
                    message=self.message(
                        "'{seen}' is spelled '{other}' on {lines}: one name, two spellings",
                        seen=seen, other=other, lines=_lines(major_lines), variant=minor, expected=major,
                    ),
                    suggestion=major,
                )

    @staticmethod
    def _rank(vocab: dict[str, list[int]], word: str, an: Analysis) -> tuple[int, int, int]:
        """More uses rank higher; on a tie, the form given with the full name (Ken Thompson,
        not a later Thomson), then the form used first."""
        indices = vocab[word]
        full = 0
        for i in indices:
            role, _partner = an.role(i)
            if role in ("given", "surname"):
                full = 1
                break
        return (len(indices), full, -an.tokens[indices[0]].start)

    @staticmethod
    def _mention(doc: "Document", an: Analysis, index: int) -> str:
        """The name around a token, for messages: ``Antony Blinken`` rather than ``Antony``."""
        tok = an.tokens[index]
        if tok.run >= 0:
            part = an.name_part(tok.run)
            if part is not None and index in part.tokens:
                first = an.tokens[part.tokens[0]]
                last = an.tokens[part.tokens[-1]]
                return doc.text[first.start:last.end]
        return tok.text

    # -- a names list --------------------------------------------------------------------

    def _canonical(self, doc: "Document", an: Analysis, vocab: dict[str, list[int]], reported: set[str]) -> Iterator[Hit]:
        text = doc.text
        spans: set[tuple[int, int]] = set()
        for canon in self.canon:
            right = canon.name.split()
            for wrong in canon.reject:
                for m in re.finditer(r"(?<![\w’'])" + re.escape(wrong) + r"(?![\w])", text):
                    spans.add((m.start(), m.end()))
                    words = list(re.finditer(r"\S+", m.group()))
                    if len(words) == len(right) and len(words) > 1:
                        # Anthony Blinken -> Antony Blinken: report and mend the word that differs.
                        for w, r in zip(words, right):
                            if w.group() != r:
                                s, e = m.start() + w.start(), m.start() + w.end()
                                yield self._canon_hit(canon, s, e, m.group(), r)
                    else:
                        yield self._canon_hit(canon, m.start(), m.end(), wrong, canon.name)
        for word, indices in vocab.items():
            if word in self.canon_words:
                continue
            for cid, canon in enumerate(self.canon):
                for pos, cword in enumerate(canon.tokens):
                    if not self.variant(word, cword) or self.accepted(word, cword):
                        continue
                    if self._ordinary(an, word):
                        continue
                    role = "single" if len(canon.tokens) == 1 else ("given" if pos == 0 else "surname" if pos == len(canon.tokens) - 1 else "middle")
                    hits = []
                    for i in indices:
                        tok = an.tokens[i]
                        if any(a <= tok.start < b for a, b in spans):
                            continue
                        seen = self._mention(doc, an, i)
                        if seen in canon.accept:
                            continue
                        if not self._fits(an, i, canon, role):
                            continue
                        hits.append(self._canon_hit(canon, tok.start, tok.end, seen, cword, token=word))
                    if hits:
                        reported.add(word)
                        yield from hits

    def _fits(self, an: Analysis, index: int, canon: _Canon, role: str) -> bool:
        """Does the occurrence's partner (its given name or surname) agree with the listed name?"""
        tok_role, partner = an.role(index)
        if role == "given":
            if partner is None:
                return False
            want = canon.tokens[-1]
        elif role == "surname":
            if partner is None or len(canon.tokens) < 2:
                return True
            want = canon.tokens[0]
        else:
            return True
        got = an.tokens[partner].text
        return got == want or self.variant(got, want)

    def _canon_hit(self, canon: _Canon, start: int, end: int, seen: str, replacement: str, token: str | None = None) -> Hit:
        return Hit(
            start=start,
            end=end,
            message=self.message(
                "'{seen}' is not the house spelling: the names list gives '{expected}'",
                seen=seen, expected=canon.name, other=canon.name, lines="the names list", variant=token or seen,
            ),
            suggestion=replacement,
            fix=(Edit(start, end, replacement),),
        )

