"""The word lists the checks reason with, read from ``rules/lexicon/`` through one loader.

Every closed class of English words a check needs (articles, prepositions, name particles,
months...) is a data file ``rules/lexicon/<name>.txt``: a ``#`` header that says what the list
is, where it came from and which code reads it, then one lowercase entry a line, sorted.  No
module keeps its own copy: ``words("articles")`` is the list, ``words("articles", "possessives")``
the union of several.  A list is read the first time a check asks for it and kept, so a run that
never needs it never reads it.

These are grammar, not house style: a house adjusts them through rule options
(``extra_words``, ``allow_words``) rather than by editing the files.
"""

from __future__ import annotations

_LISTS: dict[tuple[str, ...], frozenset[str]] = {}


class UnknownList(LookupError):
    """A list name with no file in ``rules/lexicon/``: a bug in the code that asked."""


def _read(name: str) -> frozenset[str]:
    from pressqa.resources import read_shipped

    raw = read_shipped("lexicon", f"{name}.txt")
    if raw is None:
        raise UnknownList(f"no word list rules/lexicon/{name}.txt")
    entries = set()
    for line in raw.decode("utf-8").splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            entries.add(entry)
    return frozenset(entries)


def words(*names: str) -> frozenset[str]:
    """The entries of the lists *names* (``rules/lexicon/<name>.txt``), together; read once and kept."""
    found = _LISTS.get(names)
    if found is None:
        if len(names) == 1:
            found = _read(names[0])
        else:
            found = frozenset().union(*(words(name) for name in names))
        _LISTS[names] = found
    return found


def alternation(*names: str, exclude: frozenset[str] | set[str] = frozenset(), capitalize: bool = False) -> str:
    """The entries of *names* as a regular-expression alternation (``the|an|a``), longest first
    so that no entry is cut short by one it begins with."""
    import re

    chosen = sorted(words(*names) - exclude, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w.capitalize() if capitalize else w) for w in chosen)


def function_words() -> frozenset[str]:
    """The closed classes together: articles, determiners, pronouns, prepositions, adverb
    particles, conjunctions and auxiliaries (``the``, ``its``, ``him``, ``of``, ``up``, ``and``, ``is``).

    The ordinary words that ``common-words.txt`` (four letters and longer) cannot vouch for."""
    return words("articles", "determiners", "possessives", "pronouns", "prepositions", "adverb-particles",
                 "conjunctions", "auxiliaries", "modals")


def dangling() -> frozenset[str]:
    """Words a clause cannot stop on (``the``, ``of``, ``and``, ``is``, ``very``)."""
    return words("articles", "possessives", "conjunctions", "prepositions", "auxiliaries", "modals", "dangling-modifiers")


def never_before_stop() -> frozenset[str]:
    """Words a sentence that has its full stop cannot end on.

    Prepositions can ("what they heard of.", "the file it pointed at." -- see DanglingWord), and
    so can ``his`` ("the decision is his.")."""
    found = _LISTS.get(("never-before-stop",))
    if found is None:
        found = words("articles", "never-final-words") | (words("possessives") - {"his"})
        _LISTS[("never-before-stop",)] = found
    return found


def is_cut_word(word: str, min_length: int = 4) -> bool:
    """Is *word* the start of a longer English word but not a word itself (``liveli``)?

    Uses the list of ordinary English words that the name checks use
    (``rules/lexicon/common-words.txt``), searched by bisection: no word list
    is loaded into memory for one question.
    """
    from pressqa.analysis.commonwords import is_common_word, starts_longer_word

    low = word.lower()
    if len(low) < min_length or not low.isalpha() or is_common_word(low):
        return False
    return starts_longer_word(low)
