"""The release's own names, which LanguageTool does not know: never reported as misspellings,
unless one is a rarer spelling of a name the release uses more often (``Bayramof`` beside
``Bayramov`` four times), which is reported as that."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pressqa.backends.ltbase import LTMatch
    from pressqa.model.document import Document

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class WordUse:
    """How often a word occurs, how often in the middle of a sentence, and how often
    just before a capitalised word (the first half of a name: ``Armen Grigoryan``)."""

    __slots__ = ("count", "mid", "named")

    def __init__(self) -> None:
        self.count = 0
        self.mid = 0
        self.named = 0


def word_uses(doc: "Document") -> dict[str, WordUse]:
    """Every word of the document, with how often it occurs and how often mid-sentence
    (after a word of its own sentence, as the document's segmenter splits them)."""
    uses: dict[str, WordUse] = {}
    text = doc.text
    for para in doc.paragraphs:
        sentences = para.sentences or []
        current = 0
        for m in WORD.finditer(text, para.start, para.end):
            while current + 1 < len(sentences) and sentences[current + 1].start <= m.start():
                current += 1
            begin = sentences[current].start if sentences else para.start
            mid = any(c.isalnum() for c in text[begin:m.start()])
            end = m.end()
            named = end + 1 < para.end and text[end] == " " and text[end + 1].isupper()
            forms = [m.group()]
            if forms[0][-2:] in ("'s", "’s"):
                forms.append(forms[0][:-2])  # Zelenska's counts as a use of Zelenska
            for form in forms:
                use = uses.setdefault(form, WordUse())
                use.count += 1
                use.mid += mid
                use.named += named
    return uses


# "Japan Aerospace Exploration Agency (JAXA)", "the Quadrilateral Security Dialogue (Quad)", or the
# other way round: "JAXA (Japan Aerospace Exploration Agency)".
_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&.-]{1,15})\)|\b([A-Z][A-Z0-9&]{1,15})\s+\((?:the\s+)?[A-Z][a-z]")


def defined_terms(doc: "Document") -> frozenset[str]:
    """Acronyms and short names the release defines in brackets beside their full form."""
    return frozenset(m.group(1) or m.group(2) for m in _DEFINED.finditer(doc.text))


def is_variant(a: str, b: str) -> bool:
    """Are *a* and *b* two spellings of one word (``Bayramov``/``Bayramof``), not a word
    and its derivative (``Armen``/``Armenia``)?  The name-variant rule's letter test."""
    from pressqa.analysis.mentions import fold
    from pressqa.analysis.similarity import spelling_variant

    fa, fb = fold(a), fold(b)
    if fa == fb or fa.startswith(fb) or fb.startswith(fa):
        return False
    return spelling_variant(fa, fb, min_length=5, min_length_two_edits=8)


def is_name_like(word: str) -> bool:
    return any(c.isupper() for c in word)


def more_frequent_variant(word: str, uses: dict[str, WordUse]) -> str | None:
    """The name-like word the release uses more often than *word* and spells almost alike."""
    use = uses.get(word)
    count = use.count if use else 0
    best: str | None = None
    for other, other_use in uses.items():
        if other_use.count > count and is_name_like(other) and is_variant(word, other):
            if best is None or other_use.count > uses[best].count:
                best = other
    return best


def is_consistent_name(word: str, match: "LTMatch", uses: dict[str, WordUse]) -> bool:
    """Does the release use *word*, which LanguageTool does not know, consistently as a name?

    A name has a capital letter (``Bayramov``, ``UNAMI``, ``bioRxiv``) and no more
    frequent near-spelling in the release.  A word seen only at the start of
    sentences needs more: a capitalised word after it (``Armen Grigoryan said``),
    or a first suggestion from LanguageTool more than one edit away (``Teh`` ->
    ``The`` is a typo).  Hyphenated words are judged by their capitalised parts that are not
    English words (``ODA`` in ``ODA-Architecture``).
    """
    if "-" in word:
        from pressqa.analysis.commonwords import is_common_word

        # an English word in a name (ODA-Architecture) is no name of its own to spell two ways,
        # unless the name is made of nothing else (Young-se)
        parts = [part for part in word.split("-") if is_name_like(part)]
        own = [part for part in parts if not is_common_word(part.lower())]
        return bool(parts) and all(is_consistent_name(part, match, uses) for part in own or parts)
    if not is_name_like(word):
        return False
    use = uses.get(word)
    if use is None or more_frequent_variant(word, uses) is not None:
        return False
    if use.mid == 0 and use.named == 0:
        first = match.replacements[0] if match.replacements else ""
        from pressqa.analysis.similarity import within_one_edit

        return not (first and within_one_edit(word.lower(), first.lower()))
    return True


def names_from_rules(settings: Any) -> set[str]:
    """The words of the names the active packs' rules list: the ``names`` entries
    (``{name, accept, reject}``: the name and its accepted forms, never the rejected
    ones) and ``accept`` groups of a rule's options and of its ``names_files``."""
    words: set[str] = set()
    for rule in getattr(settings, "enabled_rules", None) or ():
        options = rule.options if isinstance(rule.options, dict) else {}
        if not any(key in options for key in ("names", "names_files")):
            continue
        sources: list[Any] = [{"names": options.get("names") or [], "accept": options.get("accept") or []}]
        files = options.get("names_files")
        if isinstance(files, list) and files:
            from pressqa.packs import housedata

            sources.append(housedata.merged(rule, "names_files", list(files), [], housedata.NAMES_SCHEMA))
        for data in sources:
            for entry in data.get("names") or []:
                forms = [entry] if isinstance(entry, str) else []
                if isinstance(entry, dict):
                    forms = [entry.get("name") or "", *(entry.get("accept") or [])]
                for form in forms:
                    if isinstance(form, str):
                        words.update(WORD.findall(form))
            for group in data.get("accept") or []:
                for form in group if isinstance(group, list) else []:
                    if isinstance(form, str):
                        words.update(WORD.findall(form))
    return words


def times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"
