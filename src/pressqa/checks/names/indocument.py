"""One word spelled two ways in one document (``Vilsak``/``Vilsack``, ``Mirzoian``/``Mirzoyan``)."""

from __future__ import annotations

import re

from typing import TYPE_CHECKING, Iterator, Sequence

from pressqa.analysis import lexicon
from pressqa.analysis.mentions import Analysis, fold
from pressqa.findings import Hit
from pressqa.analysis.similarity import (
    coded_names,
    first_letter_variant,
    is_given_name_pair,
    is_inflection,
    spelling_variant,
    translit_key,
    transliteration_variant,
    within_one_edit,
)
from pressqa.checks.names.common import lines_text, mention_text, ordinary, rank

if TYPE_CHECKING:
    from pressqa.checks.names.common import Vocab
    from pressqa.checks.names import NameVariants
    from pressqa.model.document import Document


def _neighbours(an: Analysis, indices: Sequence[int]) -> set[str]:
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

def _short_evidence(an: Analysis, vocab: Vocab, a: str, b: str) -> bool:
    """Short names (Katz/Kats) need more than their letters: the same title before both or
    the same other name beside both (District Attorney Melinda Katz ... District Attorney Kats)."""

    def before(indices: Sequence[int]) -> set[str]:
        out = set()
        for i in indices:
            tok = an.tokens[i]
            if tok.run < 0:
                continue
            part = an.name_part(tok.run)
            if part is None:
                # An ordinary word after a title is no name part (Prime Minister Store), but
                # the title is still the evidence.
                if i > an.runs[tok.run][0] and an.tokens[i - 1].text.lower() not in lexicon.words("determiners"):
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


def _surname_only_evidence(check: "NameVariants", an: Analysis, vocab: Vocab, a: str, b: str) -> bool:
    """A later surname alone that misses the full name given earlier: ``Hardin said`` after
    ``Krysta Harden``, ``Quinteros said`` after ``Marisol Quintero``.  One form is only ever
    written alone; the other is a surname written with a given name; and the lone form comes
    after the full name (a second reference), as press copy refers to people."""
    if is_inflection(fold(a), fold(b)):
        return False  # the plural of a surname names the family (the Kinahans), not a slip
    for lone, full in ((a, b), (b, a)):
        rl, pl = _roles(check, an, vocab[lone])
        rf, pf = _roles(check, an, vocab[full])
        if rl <= {"single"} and not pl and "surname" in rf and pf and min(vocab[full]) < min(vocab[lone]):
            return True
    return False


def _same_frame(an: Analysis, a: Sequence[int], b: Sequence[int]) -> bool:
    """Do the two words stand in the same place of a name: the same word right before both, or
    right after both (Cifuentes Ramírez / Sifuentes Ramírez, Harry Smith / Larry Smith)?"""
    toks = an.tokens

    def around(indices: Sequence[int], step: int) -> set[str]:
        return {fold(toks[i + step].text) for i in indices if 0 <= i + step < len(toks) and toks[i + step].cap}

    return bool(around(a, -1) & around(b, -1)) or bool(around(a, 1) & around(b, 1))


def _name_role(check: "NameVariants", an: Analysis, vocab: Vocab, word: str) -> bool:
    """Is *word* written as part of a person's name (a given name or surname beside another)?"""
    roles, partners = _roles(check, an, vocab[word])
    return bool(partners) and bool(roles & {"given", "surname"})
def _shared_neighbour(check: "NameVariants", an: Analysis, a: Sequence[int], b: Sequence[int]) -> bool:
    return bool(_neighbours(an, a) & _neighbours(an, b))

def _pairs(check: "NameVariants", words: list[str]) -> Iterator[tuple[str, str, str]]:
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
    min_length = check.o.min_length
    two_edits = check.o.min_length_two_edits
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
                short = min(la, lb) < min_length
                if spelling_variant(fa, fb, max(min(la, lb), min_length - 1) if short else min_length, two_edits):
                    kind = "evidence" if short else "near"
                elif la >= min_length and is_inflection(fa, fb) and within_one_edit(fa, fb):
                    # Castellano/Castellanos reads as a singular and a plural; beside the same
                    # title or other name (District Attorney Castellano) it is one person.
                    kind = "evidence"
                else:
                    continue
                yield from pair(fa, fb, kind)
    # A syllable typed twice (Mogensensen for Mogensen): further apart than one edit, but a slip.
    folded_words = set(by_fold)
    for fa in folded_words:
        for size in (2, 3, 4):
            for cut in range(1, len(fa) - 2 * size + 1):
                if fa[cut:cut + size] == fa[cut + size:cut + 2 * size]:
                    fb = fa[:cut] + fa[cut + size:]
                    if fb in folded_words and len(fb) >= min_length and (fa, fb) not in seen:
                        yield from pair(fa, fb, "near")
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

def _roles(check: "NameVariants", an: Analysis, indices: Sequence[int]) -> tuple[set[str], set[str]]:
    """The roles a word plays (given, surname...) and the folded words named with it."""
    roles: set[str] = set()
    partners: set[str] = set()
    for i in indices:
        if an.tokens[i].kind in ("headline", "heading"):
            # Title case capitalizes every word, so a headline says nothing of roles; but the
            # other words of a full name there still say whose name it is (Juan Carlos Lopez
            # in the title is not Andrés Manuel López Obrador in the text).
            part = an.name_part(an.tokens[i].run)
            if part is not None and len(part.tokens) >= 3:
                partners.update(fold(an.tokens[k].text) for k in part.tokens if k != i)
            continue
        role, _partner = an.role(i)
        roles.add(role)
        if role in ("given", "surname", "middle"):
            # Every other word of the full name: Juan Fernando López Aguilar, later López Aguilar.
            part = an.name_part(an.tokens[i].run)
            for k in part.tokens if part is not None else ():
                if k != i:
                    partners.add(fold(an.tokens[k].text))
    return roles, partners

def _before_surname(an: Analysis, indices: Sequence[int], surnames: set[str]) -> bool:
    """Does a word at *indices* stand before one of *surnames*?  Up to two words may come
    between (an initial, a middle name), not counting name particles (Al-Ahmad Al-Jaber Al-Sabah)."""
    toks = an.tokens
    particles = lexicon.words("name-particles")
    for i in indices:
        seen = 0
        k = i + 1
        while k < len(toks) and seen < 3 and toks[k].run == toks[i].run:
            word = fold(toks[k].text)
            if word in surnames:
                return True
            if word not in particles:
                seen += 1
            k += 1
    return False


def _same_entity(check: "NameVariants", an: Analysis, a: str, b: str, vocab: Vocab, kind: str = "near") -> bool:
    """Context: can *a* and *b* be one person (not a given name against a surname, not two full names)?

    *kind*: how the words are alike (see :meth:`_pairs`)."""
    ra, pa = _roles(check, an, vocab[a])
    rb, pb = _roles(check, an, vocab[b])
    if is_given_name_pair(fold(a), fold(b)) and "given" in ra | rb:
        return False  # Mario and Maria Rossi
    if kind == "first" and ra == rb == {"given"}:
        return False  # Harry and Larry Smith, brothers: given names that differ in the first letter
    if fold(a) in pb or fold(b) in pa:
        return False  # two words of one name (Tuan Anh Tran): not one word spelled two ways
    for given, surnames, other in (("given" in ra and pa, pa, vocab[b]), ("given" in rb and pb, pb, vocab[a])):
        if given and fold(a) != fold(b) and any(not ordinary(an, s) for s in surnames) \
                and not _before_surname(an, other, surnames):
            # A given name is one person's only with their surname: Anthony (Albanese) against
            # Antony (J. Blinken) is two people unless the other also stands before Albanese.
            return False
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
                if x[:1] == y[:1] and check._similar(x, y):
                    return True
        return False  # Ken Thompson and Kim Thomson: two people
    return True

def _place_word(an: Analysis, vocab: Vocab, word: str) -> bool:
    """Is *word* a known place or people word (``Korea``, ``Koreans``, ``Cypriot``), alone or with
    the word beside it (``Costa Ricans``, ``Sri Lanka``)?"""
    from pressqa.analysis import places

    if places.is_place_form(word):
        return True
    toks = an.tokens
    for i in vocab.get(word, ()):
        if i > 0 and places.is_place_form(f"{toks[i - 1].text} {word}"):
            return True
        if i + 1 < len(toks) and places.is_place_form(f"{word} {toks[i + 1].text}"):
            return True
    return False


def _place_words(an: Analysis, vocab: Vocab, a: str, b: str) -> bool:
    """Knowledge of places settles a pair: two known place or people words are never one name
    misspelled, for either they name one place in two forms (``Korea``/``Korean``,
    ``Cypriot``/``Cypriots``) or two places (``Ireland``/``Iceland``, ``African``/``American``);
    and a known place word against a word that is not one is left to the places detector, which
    knows the place's spelling (``Saudi Arabi``/``Saudi Arabia``) or sees a name that merely
    looks like a place (``Thani``/``Thai``)."""
    return _place_word(an, vocab, a) or _place_word(an, vocab, b)


def evidence_for(minor: str, major: str) -> bool:
    """Is there evidence beyond a count that *major* is the right spelling of *minor*?

    How often each form is used is no evidence (the seed's ``Anthony`` twice against
    ``Antony`` once: Antony is right), so without a names list or known data the check names
    both forms and lets the editor choose.  The shape of a slip is evidence: accents are
    dropped, not added (``Alvarez`` for ``Álvarez``), and a syllable typed twice is a slip
    (``Mogensensen`` for ``Mogensen``)."""
    if fold(minor) == fold(major):
        return _marks(major) > _marks(minor) and minor.lower() != major.lower()
    low_minor, low_major = minor.lower(), major.lower()
    if len(low_minor) > len(low_major) and low_minor.startswith(low_major[:3]):
        extra = len(low_minor) - len(low_major)
        for cut in range(len(low_major) - extra + 1):
            if low_major[:cut + extra] + low_major[cut:] == low_minor and low_major[cut:cut + extra] == low_minor[cut + extra:cut + 2 * extra]:
                return extra >= 2  # a doubled run of letters (Mogensen-sen), not one letter
    return False


def _marks(word: str) -> int:
    """How many accents and letters without an accent to drop (ø, ł, Ħ) *word* has: what fold removes."""
    import unicodedata

    from pressqa.analysis.folding import UNDECOMPOSED

    return sum(1 for ch in unicodedata.normalize("NFKD", word) if unicodedata.combining(ch)) + sum(
        1 for ch in word if ch.lower() in UNDECOMPOSED)


# Between two spellings the writer offers side by side: "Nahala, or Nachala", "Kyiv (Kiev)",
# "Tbilisi, also spelled Tiflis", "Odesa/Odessa".
_ALTERNATIVE = re.compile(r"\s*(?:,?\s*(?:or|also\s+(?:spelled|spelt|written|known\s+as|called)|a\.?k\.?a\.?)\s*,?|\(|/)\s*",
                          re.I)


def _offered_as_alternatives(doc: "Document", an: Analysis, a: Sequence[int], b: Sequence[int]) -> bool:
    """Does the release set the two spellings side by side as alternatives?  Then both are meant."""
    toks = an.tokens
    for i in a:
        for j in b:
            first, second = (toks[i], toks[j]) if i < j else (toks[j], toks[i])
            if abs(i - j) == 1 and second.start - first.end <= 24 \
                    and _ALTERNATIVE.fullmatch(doc.text, first.end, second.start):
                return True
    return False


def detect(check: "NameVariants", doc: "Document", an: Analysis, vocab: Vocab, reported: set[str]) -> Iterator[Hit]:
    pairs = []
    # A word the release also writes in lowercase is an ordinary word (During, Strategic).
    words = [w for w in vocab if w.lower() not in an.lowercase]
    for a, b, kind in _pairs(check, words):
        if a in reported or b in reported or a in check.canon_words or b in check.canon_words:
            continue
        if kind in ("evidence", "first") and not (
                _short_evidence(an, vocab, a, b) or _surname_only_evidence(check, an, vocab, a, b)):
            continue
        if kind == "first" and not _same_frame(an, vocab[a], vocab[b]):
            continue  # Sit Taing Aung and Naing Htut Aung: two names that share a word, not one misspelled
        if check.accepted(a, b):
            continue
        if coded_names(a, b):
            continue
        # An ordinary word written as someone's name (Krysta Harden) is a name there; but a word
        # and its plural (Accord/Accords, Co-Chair/Co-Chairs) stay two ordinary words.
        as_name = not is_inflection(fold(a), fold(b))
        ordinary_a = ordinary(an, a) and not (as_name and _name_role(check, an, vocab, a))
        ordinary_b = ordinary(an, b) and not (as_name and _name_role(check, an, vocab, b))
        if ordinary_a and ordinary_b:
            continue
        if (ordinary_a or ordinary_b) and not _shared_neighbour(check, an, vocab[a], vocab[b]):
            # Warren and the Warden; but Le Drian and Le Drain.  A word that differs from a
            # name only in an accent or a letter like ø (Store/Støre) is the name beside
            # the same title or other name (Prime Minister Støre, Prime Minister Store).
            if fold(a) != fold(b) or not _short_evidence(an, vocab, a, b):
                continue
        if _place_words(an, vocab, a, b):
            continue
        if _offered_as_alternatives(doc, an, vocab[a], vocab[b]):
            continue
        if not _same_entity(check, an, a, b, vocab, kind):
            continue
        pairs.append((a, b))
    if not pairs:
        return
    # Each word is reported against its most frequent variant.
    best: dict[str, str] = {}
    for a, b in pairs:
        for minor, major in ((a, b), (b, a)):
            if rank(vocab, minor, an) < rank(vocab, major, an):
                current = best.get(minor)
                if current is None or rank(vocab, major, an) > rank(vocab, current, an):
                    best[minor] = major
    for minor, major in best.items():
        major_lines = sorted({doc.position(an.tokens[i].start)[0] for i in vocab[major]})
        for i in vocab[minor]:
            tok = an.tokens[i]
            seen = mention_text(doc, an, i)
            other = seen.replace(minor, major) if minor in seen else major
            yield Hit(
                start=tok.start,
                end=tok.end,
                message=check.say("two_spellings", seen=seen, other=other, lines=lines_text(major_lines),
                                  variant=minor, expected=major),
                suggestion=major if evidence_for(minor, major) else None,
            )
