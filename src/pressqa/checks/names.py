"""One name spelled two ways in one document."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from pressqa.findings import Edit, Hit
from pressqa.packs.housedata import NAME_ENTRY
from pressqa.analysis.mentions import Analysis, analyse, fold
from pressqa.checks import Check
from pressqa.checks import Context

if TYPE_CHECKING:
    from pressqa.model.document import Document

# Endings that make another word of a name (plural, demonym): Lobo/Lobos, Armenia/Armenian,
# Honduras/Honduran, Morocco/Moroccan, Iraq/Iraqi.  The longer word ends in one of the first,
# the shorter in one of the second, after their common beginning.
_LONG_TAILS = frozenset("s es n an ian i ese ish ic ns ans is ite ites ean ians".split())
_MASCULINE_TAILS = frozenset(["", "y", "i", "iy", "ij", "yi", "ii", "oy", "ei"])
_SHORT_TAILS = frozenset(["", "a", "o", "e", "y", "s"])
_POSSESSIVE = ("'s", "’s")
# Words before a capitalized word that are no title (The Store, This Week).
_DETERMINERS = frozenset("the a an this that these those his her its our their my your".split())


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


# Romanisation and spelling conventions that write one sound two ways: Dutch ij/y
# (Heijden/Heyden), ks/x (Aleksander/Alexander), kh/h (Mikhail/Mihail), ph/f
# (Stephan/Stefan), ck/k, French and English ou/oo for u (Youssef/Yusef), y/i
# (Mirzoyan/Mirzoian, Dmitriy/Dmitri), and doubled letters (Zelenskyy/Zelensky).  Applied in
# this order: ij becomes y before y becomes i.
_TRANSLIT = (("ij", "y"), ("ks", "x"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ou", "u"), ("oo", "u"), ("y", "i"))


def translit_key(folded: str) -> str:
    """The folded word with common romanisation variants written one way (see ``_TRANSLIT``) and
    doubled letters single: ``heijden`` and ``heyden`` are both ``heiden``."""
    key = folded
    for old, new in _TRANSLIT:
        if old in key:
            key = key.replace(old, new)
    out = []
    last = ""
    for ch in key:
        if ch != last:
            out.append(ch)
        last = ch
    return "".join(out)


def transliteration_variant(fa: str, fb: str, min_length: int) -> bool:
    """Are the folded words *fa* and *fb* two romanisations of one name (``Heijden``/``Heyden``,
    ``Aleksander``/``Alexander``): different, but the same under :func:`translit_key`?
    Plurals and demonyms, feminine and masculine forms and digits keep two words apart as in
    :func:`spelling_variant`."""
    if fa == fb or min(len(fa), len(fb)) < min_length or translit_key(fa) != translit_key(fb):
        return False
    if is_inflection(fa, fb) or is_gender_pair(fa, fb):
        return False
    return [c for c in fa if c.isdigit()] == [c for c in fb if c.isdigit()]


def first_letter_variant(fa: str, fb: str, min_length: int) -> bool:
    """Do the folded words *fa* and *fb* differ only in their first letter (``Sifuentes``/
    ``Cifuentes``)?  Such a pair is one edit, but many names differ so (Hansen/Jansen), so a
    caller wants more evidence than the letters (the same title or other name beside both)."""
    return len(fa) == len(fb) >= min_length and fa[:1] != fb[:1] and fa[1:] == fb[1:] and fa[:1].isalpha() and fb[:1].isalpha()


def _convention_pair(fa: str, fb: str) -> bool:
    """Do *fa* and *fb* (one edit apart) differ by an English spelling convention rather than
    by a slip: ``-ise``/``-ize`` (s/z), ``implementor``/``implementer`` (-or/-er),
    ``dependance``/``dependence`` (-ance/-ence), ``convertable``/``convertible``
    (-able/-ible), ``colour``/``color`` (ou/o), ``leukaemia``/``leukemia`` (ae/e),
    ``diarrhoea``/``diarrhea`` (oe/e), ``modelling``/``modeling`` (ll/l)?"""
    p, ra, rb = edit_residues(fa, fb)
    if ra == rb == 1:
        pair, after = {fa[p], fb[p]}, fa[p + 1:p + 3]
        return (
            pair == {"s", "z"}
            or (pair == {"e", "o"} and after[:1] == "r")
            or (pair == {"a", "e"} and after in ("nc", "nt"))
            or (pair == {"a", "i"} and after == "bl")
        )
    if ra + rb != 1:
        return False
    longer = fa if ra else fb
    dropped, before, after = longer[p], longer[p - 1:p], longer[p + 1:p + 2]
    if dropped == "l":
        return "l" in (before, after)
    if dropped == "u":
        return before == "o" and after == "r"
    if dropped in ("a", "o"):
        return after == "e"
    return False


_VOWELS = frozenset("aeiouy")


def technical_variant(fa: str, fb: str, min_length: int) -> bool:
    """Are the lowercase words *fa* and *fb* one technical name (a drug, a compound, an
    instrument) spelled two ways: ``vuremtamab``/``vuremtimab``, ``lenrisvimab``/``lenrsivimab``?

    Only the slips of copying a long invented word: a vowel changed, added or dropped, a
    letter doubled or undoubled, or two neighbours swapped, inside the word (at least three
    letters agree before the slip and two after it).  A consonant changed or added is
    how such words are built to differ (``strftime``/``strptime``, ``httpagent``/
    ``httpsagent``, ``getter``/``setter``); an edit at the end is how English inflects
    (``autoload``/``autoloaded``), one in the first letters how it prefixes
    (``micro``/``macro``); and English spelling conventions (``-ise``/``-ize``,
    ``-or``/``-er``, ``colour``/``color``, ``modelling``/``modeling``) are not slips.
    """
    if fa == fb or min(len(fa), len(fb)) < min_length or not within_one_edit(fa, fb):
        return False
    p, ra, rb = edit_residues(fa, fb)
    common_end = len(fa) - p - ra
    if p < 3 or common_end < 2:
        return False
    if ra == rb == 1:
        if fa[p] not in _VOWELS or fb[p] not in _VOWELS:
            return False
    elif ra + rb == 1:
        longer = fa if ra else fb
        extra = longer[p]
        if extra not in _VOWELS and extra != longer[p - 1] and extra != longer[p + 1]:
            return False
    return not _convention_pair(fa, fb)


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
    accent (``ChAdox1``/``ChAdOx1``, ``Alvarez``/``Álvarez``, and letters such as
    ø, ł, æ that have no accent to drop: ``Orsted``/``Ørsted``), a first name
    spelled two ways with one surname (``Anthony``/``Antony Blinken``) or a
    later surname-only mention that misses the full name given earlier
    (``Thomson`` after ``Ken Thompson``).  Two words are near misses when,
    after their common beginning and end, one letter differs, is added or
    dropped, or two are swapped; or, in words of ``min_length_two_edits``
    letters or more, two adjacent letters change (``Zelenska``/``Zelenskaya``);
    or they are one word under common romanisation conventions (Dutch ij/y,
    ks/x, kh/h, ph/f, ck/k, ou/oo/u, y/i, doubled letters:
    ``Heijden``/``Heyden``, ``Aleksey``/``Alexey``).  Some pairs count only
    beside the same title or the same other name: short names (four letters,
    ``Katz``/``Kats``), a word and its plural (``Castellano``/``Castellanos``),
    words that differ only in their first letter (``Cifuentes Ramírez``/
    ``Sifuentes Ramírez``) and an ordinary word that is a name without its
    accent (``Prime Minister Støre``/``Prime Minister Store``).

    Hyphenated names are also compared whole: ``Adebayo-Martin`` against
    ``Oluwaseun Adebayo-Martins`` is reported although ``Martin`` and
    ``Martins`` are both ordinary words, because the shared ``Adebayo`` says
    one name is meant.  And lowercase words of ``min_length_lowercase``
    letters or more that are no English words, such as drug and antibody
    names, are compared with each other: a vowel changed, added or dropped, a
    letter doubled or two swapped inside the word (``vuremtamab``/
    ``vuremtimab``, ``lenrisvimab``/``lenrsivimab``).

    The form used less often is reported (on a tie, the one not given with
    the full name, then the later one); the message names the lines of the
    other form and the suggestion is that form.

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
    (``Ken Thompson``, ``Kim Thomson``; ``Ana Sifuentes``, ``Carlos
    Cifuentes``; ``Alexander Smith``, ``Aleksander Nowak``); two words of one
    name (``Tuan Anh Tran``); a given name against a surname
    (``Michael``/``Michel``), or against a word used alone when the two are
    only romanisations of each other (``Steffen`` beside ``Stephen
    Belanger``); feminine and masculine forms (``Zelenska``, ``Zelensky``;
    ``Bayramova``); plurals and demonyms (``the Lobos``,
    ``Armenia``/``Armenian``); possessives (``Blinken's``); initials
    (``J. Sullivan``); ordinary English words (``Minister``/``Ministry``) and any
    word the release also writes in lowercase (a surname that is also a word,
    ``Le Drain``, still counts beside the same ``Le``); hyphenated words that
    share no name (``Co-Chair``/``Co-Chairs``) and different hyphenated given
    names (``Jean-Yves``/``Jean-Pierre``); acronyms and lines in capitals;
    names of three letters; versions that differ only in a digit
    (``ChAdOx1``/``ChAdOx2``); and the groups in an ``accept`` list.  Among
    lowercase words: English words and their misspellings (the spelling
    checks' business), plurals and inflections (an edit at the end,
    ``vuremtamabs``), prefixes (an edit in the first three letters,
    ``microvascular``/``macrovascular``), a consonant changed or added (how
    technical names are built to differ: ``strftime``/``strptime``) and
    English spelling conventions (``-ise``/``-ize``, ``-or``/``-er``,
    ``colour``/``color``, ``haem``/``hem``, ``modelling``/``modeling``).

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
    fixable = True
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
        "min_length_lowercase": {
            "type": "integer",
            "minimum": 5,
            "description": "shortest lowercase word that is no English word (a drug or compound name) compared with the others",
        },
    }
    defaults = {
        "names_files": ["names/distinct.yaml"],
        "names": [],
        "accept": [],
        "min_length": 5,
        "min_length_two_edits": 7,
        "min_length_lowercase": 8,
    }

    def setup(self) -> None:
        from pressqa.packs import housedata

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
        """The letter test of :meth:`variant` on folded words: a near miss or another romanisation."""
        min_length = min_length or self.opts["min_length"]
        if spelling_variant(fa, fb, min_length, self.opts["min_length_two_edits"]):
            return True
        return transliteration_variant(fa, fb, min_length)

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
        reported_at: set[int] = set()  # starts of the words reported so far
        for hit in self._internal(doc, an, vocab, reported):
            reported_at.add(hit.start)
            yield hit
        for hit in self._compound_variants(doc, an, reported):
            if hit.start not in reported_at:
                reported_at.add(hit.start)
                yield hit
        for hit in self._technical_variants(doc, an, vocab):
            if hit.start not in reported_at:
                yield hit

    @staticmethod
    def _neighbours(an: Analysis, indices: list[int]) -> set[str]:
        """The words just before a word inside its name, when they are names too (Le, Jean-Yves)."""
        from pressqa.analysis.commonwords import is_common_word

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
                if part is None:
                    # An ordinary word after a title is no name part (Prime Minister Store), but
                    # the title is still the evidence.
                    if i > an.runs[tok.run][0] and an.tokens[i - 1].text.lower() not in _DETERMINERS:
                        out.add(an.tokens[i - 1].text)
                    continue
                if i not in part.tokens:
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
        from pressqa.analysis.commonwords import is_common_word

        return word.lower() in an.lowercase or is_common_word(word)

    def _pairs(self, words: list[str]) -> Iterator[tuple[str, str, str]]:
        """Pairs of words that are spellings of one another (by their letters alone), with how
        they are alike:

        - ``"near"``: a near miss or a slip of case or accent;
        - ``"evidence"``: alike, but they need more evidence than their letters: short words
          (``Katz``/``Kats``, below ``min_length``) and a word against its plural form
          (``Castellano``/``Castellanos``);
        - ``"first"``: they differ in their first letter only (``Sifuentes``/``Cifuentes``),
          which also needs more evidence;
        - ``"romanised"``: alike only as two romanisations (``Heijden``/``Heyden``, more than
          one edit apart).
        """
        by_fold: dict[str, list[str]] = {}
        buckets: dict[str, list[tuple[int, str]]] = {}
        by_key: dict[str, list[str]] = {}  # transliteration key -> folded words
        by_rest: dict[str, list[str]] = {}  # the word without its first letter -> folded words
        min_length = self.opts["min_length"]
        two_edits = self.opts["min_length_two_edits"]
        for word in words:
            folded = fold(word)
            same = by_fold.setdefault(folded, [])
            for other in same:
                yield other, word, "near"  # case or accents: ChAdox1/ChAdOx1, Alvarez/Álvarez
            same.append(word)
            if len(same) == 1 and len(folded) >= min_length - 2:
                buckets.setdefault(folded[:1], []).append((len(folded), folded))
                if len(folded) >= min_length:
                    by_key.setdefault(translit_key(folded), []).append(folded)
                    by_rest.setdefault(folded[1:], []).append(folded)
        seen: set[tuple[str, str]] = set()

        def pair(fa: str, fb: str, kind: str) -> Iterator[tuple[str, str, str]]:
            """Every original spelling of *fa* against every one of *fb*; the pair is not tried again."""
            seen.add((fa, fb))
            seen.add((fb, fa))
            for a in by_fold[fa]:
                for b in by_fold[fb]:
                    yield a, b, kind

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
                    if spelling_variant(fa, fb, min(la, lb) if short and la == lb == min_length - 1 else min_length, two_edits):
                        kind = "evidence" if short else "near"
                    elif la >= min_length and is_inflection(fa, fb) and within_one_edit(fa, fb):
                        # Castellano/Castellanos reads as a singular and a plural; beside the same
                        # title or other name (District Attorney Castellano) it is one person.
                        kind = "evidence"
                    else:
                        continue
                    yield from pair(fa, fb, kind)
        # Romanisations more than one edit apart (Heijden/Heyden), and a changed first letter.
        for group, kind in [(g, "romanised") for g in by_key.values()] + [(g, "first") for g in by_rest.values()]:
            for i, fa in enumerate(group):
                for fb in group[i + 1:]:
                    if (fa, fb) in seen:
                        continue
                    if kind == "first":
                        if not first_letter_variant(fa, fb, min_length):
                            continue
                    elif not transliteration_variant(fa, fb, min_length):
                        continue
                    yield from pair(fa, fb, kind)

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

    def _same_entity(self, an: Analysis, a: str, b: str, vocab: dict[str, list[int]], kind: str = "near") -> bool:
        """Context: can *a* and *b* be one person (not a given name against a surname, not two full names)?

        *kind*: how the words are alike (see :meth:`_pairs`)."""
        ra, pa = self._roles(an, vocab[a])
        rb, pb = self._roles(an, vocab[b])
        if is_given_name_pair(fold(a), fold(b)) and "given" in ra | rb:
            return False  # Mario and Maria Rossi
        if kind == "first" and ra == rb == {"given"}:
            return False  # Harry and Larry Smith, brothers: given names that differ in the first letter
        if fold(a) in pb or fold(b) in pa:
            return False  # two words of one name (Tuan Anh Tran): not one word spelled two ways
        if pa & pb:
            # Written beside the same other name, whatever the roles: Cifuentes Ramírez and
            # Sifuentes Ramírez (two surnames, the first read as a given name).
            return True
        given_only_a = bool(ra) and ra <= {"given", "middle"}
        given_only_b = bool(rb) and rb <= {"given", "middle"}
        if (given_only_a and "surname" in rb) or (given_only_b and "surname" in ra):
            return False  # Michael (only a given name) against Michel (the surname of Charles Michel)
        if kind == "romanised" and ("given" in ra) != ("given" in rb) and (ra <= {"single", "other"} or rb <= {"single", "other"}):
            # Two romanisations are further apart than a slip: a word used only alone (a
            # surname, Bayramov said) is not a given name written another way (Steffen
            # against Stephen Belanger, Filip against Philip Jones).
            return False
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
        for a, b, kind in self._pairs(words):
            if a in reported or b in reported or a in self.canon_words or b in self.canon_words:
                continue
            if kind in ("evidence", "first") and not self._short_evidence(an, vocab, a, b):
                continue
            if self.accepted(a, b):
                continue
            if _coded_names(a, b):
                continue
            ordinary_a, ordinary_b = self._ordinary(an, a), self._ordinary(an, b)
            if ordinary_a and ordinary_b:
                continue
            if (ordinary_a or ordinary_b) and not self._shared_neighbour(an, vocab[a], vocab[b]):
                # Warren and the Warden; but Le Drian and Le Drain.  A word that differs from a
                # name only in an accent or a letter like ø (Store/Støre) is the name beside
                # the same title or other name (Prime Minister Støre, Prime Minister Store).
                if fold(a) != fold(b) or not self._short_evidence(an, vocab, a, b):
                    continue
            if not self._same_entity(an, a, b, vocab, kind):
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

    # -- hyphenated names ------------------------------------------------------------------

    @staticmethod
    def _compounds(an: Analysis) -> dict[tuple[str, ...], list[tuple[int, ...]]]:
        """Capitalized words joined by hyphens inside a name (``Adebayo-Martins``): their folded
        parts -> the token indices of each occurrence."""
        text = an.doc.text
        toks = an.tokens
        out: dict[tuple[str, ...], list[tuple[int, ...]]] = {}
        for first, last in an.runs:
            k = first
            while k < last:
                j = k
                while j < last and toks[j].full_end == toks[j].end and text[toks[j].end:toks[j + 1].start] in ("-", "‐"):
                    j += 1
                if j > k:
                    indices = tuple(range(k, j + 1))
                    if not any(toks[i].acronym or len(toks[i].text) < 2 for i in indices):
                        out.setdefault(tuple(fold(toks[i].text) for i in indices), []).append(indices)
                k = j + 1
        return out

    def _compound_variants(self, doc: "Document", an: Analysis, reported: set[str]) -> Iterator[Hit]:
        """Hyphenated names that differ in one part (``Adebayo-Martin``/``Adebayo-Martins``).

        The parts they share are the evidence that one name is meant, so a part may differ
        from its variant as a plural does (Martin/Martins) when the first part is shared,
        and both parts may be ordinary words.  A shared part must itself be a name (four
        letters or more, not an ordinary word), and a plural-like pair counts only for
        names written after a given name, a title or an honorific (not Sino-American and
        Sino-Americans).
        """
        compounds = self._compounds(an)
        if len(compounds) < 2:
            return
        toks = an.tokens
        groups: dict[tuple[int, tuple[str, ...]], list[tuple[str, ...]]] = {}
        for parts in compounds:
            for j in range(len(parts)):
                groups.setdefault((j, parts[:j] + parts[j + 1:]), []).append(parts)
        pairs: list[tuple[tuple[str, ...], tuple[str, ...], int]] = []
        for (j, shared), members in groups.items():
            if len(members) < 2:
                continue
            if not any(len(w) >= 4 and not self._ordinary(an, w) for w in shared):
                continue  # Co-Chair/Co-Chairs, Pre-Season: no name in common
            for x, pa in enumerate(members):
                for pb in members[x + 1:]:
                    fa, fb = pa[j], pb[j]
                    if fa == fb or is_given_name_pair(fa, fb):
                        continue  # case or accents only: the single words are compared already
                    if self._similar(fa, fb, min_length=4):
                        pass
                    elif j > 0 and min(len(fa), len(fb)) >= 4 and is_inflection(fa, fb) and within_one_edit(fa, fb):
                        if not (self._after_name(an, compounds[pa]) and self._after_name(an, compounds[pb])):
                            continue
                    else:
                        continue
                    word_a, word_b = toks[compounds[pa][0][j]].text, toks[compounds[pb][0][j]].text
                    if word_a in self.canon_words or word_b in self.canon_words or word_a in reported or word_b in reported:
                        continue
                    if self.accepted(word_a, word_b) or not self._one_bearer(an, compounds[pa], compounds[pb]):
                        continue
                    pairs.append((pa, pb, j))
        for pa, pb, j in pairs:
            if self._compound_rank(an, compounds[pa]) < self._compound_rank(an, compounds[pb]):
                minor, major = pa, pb
            else:
                minor, major = pb, pa
            first = compounds[major][0]
            major_text = doc.text[toks[first[0]].start:toks[first[-1]].end]
            major_lines = sorted({doc.position(toks[occ[0]].start)[0] for occ in compounds[major]})
            right = toks[first[j]].text
            for occ in compounds[minor]:
                tok = toks[occ[j]]
                seen = doc.text[toks[occ[0]].start:toks[occ[-1]].end]
                yield Hit(
                    start=tok.start,
                    end=tok.end,
                    message=self.message(
                        "'{seen}' is spelled '{other}' on {lines}: one name, two spellings",
                        seen=seen, other=major_text, lines=_lines(major_lines), variant=tok.text, expected=right,
                    ),
                    suggestion=right,
                )

    @staticmethod
    def _after_name(an: Analysis, occurrences: list[tuple[int, ...]]) -> bool:
        """Is a hyphenated word written after a given name, a title or an honorific in its run
        at least once (Oluwaseun Adebayo-Martins, Dr. Adebayo-Martin)?"""
        for occ in occurrences:
            if occ[0] > an.runs[an.tokens[occ[0]].run][0]:
                return True
        return False

    @staticmethod
    def _partners(an: Analysis, occurrences: list[tuple[int, ...]]) -> set[str]:
        """The other words of the names a hyphenated word is part of (its given names)."""
        out: set[str] = set()
        for occ in occurrences:
            part = an.name_part(an.tokens[occ[0]].run)
            if part is None:
                continue
            for k in part.tokens:
                if k not in occ:
                    out.add(fold(an.tokens[k].text))
        return out

    def _one_bearer(self, an: Analysis, a: list[tuple[int, ...]], b: list[tuple[int, ...]]) -> bool:
        """Can two hyphenated names be one person's (not Maria Lopez-Garcia and Juan Lopez-Garcias)?"""
        pa, pb = self._partners(an, a), self._partners(an, b)
        if not pa or not pb or pa & pb:
            return True
        for x in pa:
            for y in pb:
                if self._similar(x, y):
                    return True
        return False

    @staticmethod
    def _compound_rank(an: Analysis, occurrences: list[tuple[int, ...]]) -> tuple[int, int, int]:
        """As :meth:`_rank`: more uses, then the form written after a given name, then the first."""
        full = 0
        for occ in occurrences:
            part = an.name_part(an.tokens[occ[0]].run)
            if part is not None and any(k not in occ for k in part.tokens):
                full = 1
                break
        return (len(occurrences), full, -an.tokens[occurrences[0][0]].start)

    # -- technical names in lowercase -------------------------------------------------------

    def _technical_variants(self, doc: "Document", an: Analysis, vocab: dict[str, list[int]]) -> Iterator[Hit]:
        """Lowercase names that are no English words, spelled two ways (``vuremtamab``/``vuremtimab``)."""
        from pressqa.analysis.commonwords import is_common_word

        min_length = self.opts["min_length_lowercase"]
        pool: dict[str, list[str]] = {}  # first three letters -> words
        for word in an.lowercase:
            if len(word) < min_length:
                continue
            if word.endswith(_POSSESSIVE):
                word = word[:-2]
            if len(word) >= min_length and word.isalpha():
                pool.setdefault(word[:3], []).append(word)
        if not pool:
            return
        # A word written only at the start of sentences (Vuremtimab) is a lowercase word too.
        for word, indices in vocab.items():
            low = word.lower()
            if len(word) >= min_length and word.isalpha() and word[1:].islower() and low not in an.lowercase and low[:3] in pool:
                if all(an.tokens[i].initial for i in indices):
                    pool[low[:3]].append(low)
        pairs: list[tuple[str, str]] = []
        for group in pool.values():
            if len(group) < 2:
                continue
            group = sorted(set(group), key=len)
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if len(b) - len(a) > 1:
                        break
                    if not (a in an.lowercase or b in an.lowercase) or not technical_variant(a, b, min_length):
                        continue
                    if is_common_word(a) or is_common_word(b) or self.accepted(a, b):
                        continue  # an English word and its misspelling, or a word and a name
                    pairs.append((a, b))
        if not pairs:
            return
        places = {w: self._lowercase_places(doc, an, w) for pair in pairs for w in pair}
        best: dict[str, str] = {}
        for a, b in pairs:
            if not places[a] or not places[b]:
                continue
            for minor, major in ((a, b), (b, a)):
                # More uses win; on a tie, the form used first.
                if (len(places[minor]), -places[minor][0]) < (len(places[major]), -places[major][0]):
                    current = best.get(minor)
                    if current is None or len(places[major]) > len(places[current]):
                        best[minor] = major
        for minor, major in best.items():
            major_lines = sorted({doc.position(start)[0] for start in places[major]})
            for start in places[minor]:
                seen = doc.text[start:start + len(minor)]
                other = major[:1].upper() + major[1:] if seen[:1].isupper() else major
                yield Hit(
                    start=start,
                    end=start + len(minor),
                    message=self.message(
                        "'{seen}' is spelled '{other}' on {lines}: one name, two spellings",
                        seen=seen, other=other, lines=_lines(major_lines), variant=seen, expected=other,
                    ),
                    suggestion=other,
                )

    @staticmethod
    def _lowercase_places(doc: "Document", an: Analysis, word: str) -> list[int]:
        """Where *word* is written in lowercase, or capitalized at a sentence's start, outside
        code, URLs and lines in capitals."""
        code = [(p.start, p.end) for p in doc.paragraphs if p.kind == "code"]
        out = []
        for m in re.finditer(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])", doc.text, re.IGNORECASE):
            seen = m.group()
            if not (seen.islower() or (seen[:1].isupper() and seen[1:].islower())):
                continue
            start = m.start()
            if an.is_skipped(start) or any(a <= start < b for a, b in code):
                continue
            out.append(start)
        return out

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

