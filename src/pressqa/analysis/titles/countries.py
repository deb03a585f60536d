"""Formal country names missing their ``of`` (``Republic Türkiye``), from ISO 3166 (pycountry, loaded on first use)."""

from __future__ import annotations

import re
from typing import Any

from pressqa.analysis.commonwords import is_common_word

#: The last word of the form in ISO 3166 official names (Republic of Türkiye, Kingdom of Spain):
#: only a text with one of them before a capitalized word loads pycountry (tests check this list
#: against pycountry's names).
FORMAL_HEADS = ("Republic", "Kingdom", "Principality", "Commonwealth", "State", "States", "Union", "Duchy", "Sultanate")
_FORMAL_HINT = re.compile(r"\b(?:" + "|".join(FORMAL_HEADS) + r") (?!of\b)([^\W\d_][\w’'‐-]*)")
_FORMAL: list[Any] = []


def formal_name_parts() -> list[tuple[str, str, str]]:
    """``(form, name, formal name)`` of every ISO 3166 official name written ``<form> of [the] <name>``
    (``Republic``, ``Türkiye``, ``Republic of Türkiye``), from pycountry (loaded on first use)."""
    if _FORMAL:
        return _FORMAL[0]
    # Importing pycountry costs ~50 ms (it imports importlib.metadata): the parts are kept in the
    # disk cache under a stamp of the installed pycountry, as analysis.places keeps its table.
    from pressqa.analysis.places import pycountry_stamp
    from pressqa.packs import cache

    digest = cache.key("formal-names", cache.code_stamp(), pycountry_stamp())
    cached = cache.get("places", digest)
    if isinstance(cached, list) and all(isinstance(p, list) and len(p) == 3 for p in cached):
        _FORMAL.append([(form, name, formal) for form, name, formal in cached])
        return _FORMAL[0]
    _FORMAL.append(_formal_name_parts_from_pycountry())
    cache.put("places", digest, _FORMAL[0])
    return _FORMAL[0]


def _formal_name_parts_from_pycountry() -> list[tuple[str, str, str]]:
    import pycountry

    parts: set[tuple[str, str, str]] = set()
    for country in pycountry.countries:
        if ", " in country.name:  # Korea, Republic of; Congo, The Democratic Republic of the
            name, tail = country.name.split(", ", 1)
            m = re.match(r"^(?:[Tt]he )?(.+?) of( the)?$", tail)
            if m is not None:
                parts.add((m.group(1), name, f"{m.group(1)} of{m.group(2) or ''} {name}"))
            continue
        names = {country.name, getattr(country, "common_name", None) or country.name}
        official = getattr(country, "official_name", None) or ""
        m = re.match(r"^(?:the )?(.+?) of (?:the )?(.+)$", official)
        if m is not None and m.group(2) in names:
            parts.add((m.group(1), m.group(2), re.sub(r"^the ", "", official)))
    return sorted(parts)


def garbled_country_names(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """``(start, end, as written, formal name)`` of each formal country name missing its ``of``
    (``Republic Türkiye`` for ``Republic of Türkiye``)."""
    if not any(
        not is_common_word(m.group(1)) for lo, hi in ranges for m in _FORMAL_HINT.finditer(text, lo, hi)
    ):
        return []  # most releases: pycountry is not loaded
    pattern, formal_of = _garbled_pattern()
    out = []
    for lo, hi in ranges:
        for m in pattern.finditer(text, lo, hi):
            out.append((m.start(), m.end(), m.group(), formal_of[m.group()]))
    return out


_GARBLED: list[tuple["re.Pattern[str]", dict[str, str]]] = []


def _garbled_pattern() -> tuple["re.Pattern[str]", dict[str, str]]:
    """A pattern of ``<form> <name>`` for every formal name, and the formal name of each."""
    if not _GARBLED:
        formal_of = {f"{form} {name}": formal for form, name, formal in formal_name_parts()}
        alternatives = "|".join(re.escape(k) for k in sorted(formal_of, key=len, reverse=True))
        _GARBLED.append((re.compile(rf"(?<![\w’'‐-])(?:{alternatives})(?![\w’'‐-])"), formal_of))
    return _GARBLED[0]
