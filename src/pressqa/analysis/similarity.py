"""The letter tests of the name checks: is one word another spelled differently?

Pure functions of two folded words (see :func:`pressqa.analysis.mentions.fold`): a near
miss (a letter changed, added, dropped or two swapped), another romanisation
(``Heijden``/``Heyden``), a slip in a long technical word; and the pairs that look alike
but are two words by English or naming morphology (plurals and demonyms, derivations,
feminine and masculine forms, coded names).  String distance comes from rapidfuzz where
a plain edit distance is wanted (:func:`distance`).
"""

from __future__ import annotations

from pressqa.analysis.mentions import fold

# Endings that make another word of a name (plural, demonym): Lobo/Lobos, Armenia/Armenian,
# Honduras/Honduran, Morocco/Moroccan, Iraq/Iraqi.  The longer word ends in one of the first,
# the shorter in one of the second, after their common beginning.
_LONG_TAILS = frozenset("s es n an ian i ese ish ic ns ans is ite ites ean ians".split())
_MASCULINE_TAILS = frozenset(["", "y", "yy", "i", "iy", "ij", "yi", "ii", "oy", "ei"])
_SHORT_TAILS = frozenset(["", "a", "o", "e", "y", "s"])


def common_prefix(a: str, b: str) -> int:
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
        p = common_prefix(short, long_)
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


# English derivational endings: Semitic/Semitism, Islamic/Islamist, Bolivarian/Bolivarism.
# Two words that differ only in these, after their common beginning, are two words.
_DERIVATIONS = frozenset(["", "ic", "ism", "ist", "ists", "ian", "ics", "ite", "ites", "ize", "ise", "ity"])


def is_derivation(a: str, b: str) -> bool:
    """Are the folded words *a* and *b* one stem with two English derivational endings
    (``semitic``/``semitism``, ``islamist``/``islamism``)?"""
    p = common_prefix(a, b)
    for cut in range(p, max(p - 3, 3), -1):
        ta, tb = a[cut:], b[cut:]
        if ta != tb and ta in _DERIVATIONS and tb in _DERIVATIONS and max(len(ta), len(tb)) >= 2:
            return True
    return False


def distance(a: str, b: str) -> int:
    """The edit distance of two words, counting a swap of two neighbours as one edit
    (optimal string alignment, from rapidfuzz: imported on first use)."""
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b)


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


def coded_names(a: str, b: str) -> bool:
    """Two mixed-case coded names that differ in a letter, not only in case (OpenSSL/OpenSSH,
    PRIdMAX/PRIuMAX): such names are built to differ by one letter.  ChAdOx1/ChAdox1 (case
    only) is still one name written two ways."""
    def inner_capitals(word: str) -> int:
        return sum(1 for c in word[1:] if c.isupper())

    return fold(a) != fold(b) and inner_capitals(a) >= 2 and inner_capitals(b) >= 2


def edit_residues(fa: str, fb: str) -> tuple[int, int, int]:
    """``(p, ra, rb)``: the length of the common beginning, and how many letters of each
    word are left once the common beginning and end are stripped."""
    p = common_prefix(fa, fb)
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
    if is_inflection(fa, fb) or is_gender_pair(fa, fb) or is_derivation(fa, fb):
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
