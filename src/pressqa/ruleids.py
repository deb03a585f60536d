"""Rule ids and the selectors that name them (``--select``, ``--ignore``, directives, config keys).

A rule id is a readable name (``truncated-sentence``), or a backend's id under its
rule (``languagetool/MORFOLOGIK_RULE_EN_US``).  A selector is an id, an id prefix
ending in ``/`` or ``*``, or a category.
"""

from __future__ import annotations

from typing import Iterable

from pressqa.findings import CATEGORIES


def rule_matches(rule_id: str, category: str, patterns: Iterable[str]) -> bool:
    """``--select``/``--ignore`` matching: an exact id, an id prefix ending in ``/`` or a category."""
    for pattern in patterns:
        if rule_id == pattern or category == pattern:
            return True
        if pattern.endswith("/") and rule_id.startswith(pattern):
            return True
        if pattern.endswith("*") and rule_id.startswith(pattern[:-1]):
            return True
        if "/" in rule_id and rule_id.split("/", 1)[0] == pattern:
            return True
    return False


def unknown_patterns(patterns: Iterable[str], rule_ids: Iterable[str]) -> list[str]:
    """The ``--select``/``--ignore`` patterns that can match no rule: a typo must not pass a gate silently."""
    known = set(rule_ids)
    unknown = []
    for pattern in patterns:
        if pattern in known or pattern in CATEGORIES:
            continue
        if pattern.endswith(("/", "*")) and any(rid.startswith(pattern.rstrip("*")) for rid in known):
            continue
        if "/" in pattern and pattern.split("/", 1)[0] in known:
            continue  # a backend's own rule (languagetool/EN_A_VS_AN): known only when it fires
        unknown.append(pattern)
    return unknown




def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the known ids closest to a mistyped one, or ``""``: a hint, not a list of every id."""
    import difflib

    close = difflib.get_close_matches(name, sorted(set(known)), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
