"""What pressqa knows of places: countries, regions, languages and the words for their peoples.

The name checks ask two questions of it:

- :func:`entities` — which known places a word or phrase names (``Korea``, ``Korean``,
  ``Koreans`` and ``South Korean`` all name Korea; ``Iceland`` names Iceland);
- :func:`is_place_form` — is a word or phrase a known form at all (a country, a region, a
  demonym, a language, a U.S. state)?

Two known forms are never one name misspelled: either they name one place in two forms
(``Korea``/``Korean``, ``Cypriot``/``Cypriots``) or they name two places
(``Ireland``/``Iceland``, ``Austria``/``Australia``).

The data is ``rules/places/countries.txt`` (mledoze/countries, ODbL), ``regions.txt``, and
pycountry's country, language and U.S. state names, imported only when a check first asks
(see ``rules/places/README.md``).  Forms are folded (:func:`pressqa.analysis.mentions.fold`)
and their words joined by single spaces.
"""

from __future__ import annotations

import re
from typing import Iterable

from pressqa.analysis import lexicon

_TABLE: dict[str, frozenset[str]] | None = None
_DISPLAY: dict[str, str] = {}
_FIRST_WORDS: dict[str, list[tuple[str, ...]]] | None = None
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _fold(text: str) -> str:
    from pressqa.analysis.folding import fold

    return " ".join(_WORD.findall(fold(text)))


def _add(table: dict[str, set[str]], form: str, entity: str, display: dict[str, str]) -> None:
    key = _fold(form)
    if len(key) < 3:
        return
    table.setdefault(key, set()).add(entity)
    display.setdefault(key, " ".join(_WORD.findall(form)))
    words = key.split()
    # South Korea -> Korea, South Korean -> Korean, Northern Ireland -> Ireland.
    if len(words) >= 2 and words[0] in lexicon.words("compass-words"):
        table.setdefault(" ".join(words[1:]), set()).add(entity)
        display.setdefault(" ".join(words[1:]), " ".join(_WORD.findall(form)[1:]))
    # Bosnia and Herzegovina -> Bosnia, Herzegovina; Trinidad and Tobago -> Trinidad, Tobago.
    if " and " in form and "," not in form:
        for part in form.split(" and "):
            if part.strip() and len(part.split()) <= 2:
                _add(table, part.strip(), entity, display)


def _read_shipped(name: str) -> Iterable[tuple[str, list[str], list[str]]]:
    from pressqa.resources import read_shipped

    raw = read_shipped("places", name) or b""
    for line in raw.decode("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        while len(parts) < 3:
            parts.append("")
        yield parts[0], [f for f in parts[1].split("|") if f], [f for f in parts[2].split("|") if f]


def _pycountry_forms() -> Iterable[tuple[str, list[str], list[str]]]:
    """Country names, ISO 639-1 language names and U.S. states from pycountry (when installed)."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency; the shipped data still works
        return
    for country in pycountry.countries:
        names = [country.name]
        for attr in ("common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.append(value)
        # Korea, Republic of -> Korea; Iran, Islamic Republic of -> Iran
        names.extend(n.split(",")[0] for n in list(names) if "," in n)
        yield country.alpha_3, names, []
    for language in pycountry.languages:
        if hasattr(language, "alpha_2"):
            yield "lang:" + language.alpha_3, [language.name.split(";")[0]], []
    for state in pycountry.subdivisions.get(country_code="US") or []:
        yield "US-state:" + state.code, [state.name], []


def _build() -> tuple[dict[str, set[str]], dict[str, str]]:
    table: dict[str, set[str]] = {}
    display: dict[str, str] = {}
    sources = [_read_shipped("countries.txt"), _read_shipped("regions.txt"), _pycountry_forms()]
    for source in sources:
        for entity, names, demonyms in source:
            for form in names:
                _add(table, form, entity, display)
            for form in demonyms:
                _add(table, form, entity, display)
                # The plural of a people word names the people: Cypriots, Germans, Somalis.
                if not form.endswith(("s", "sh", "ch", "ese", "ois")):
                    _add(table, form + "s", entity, display)
    return table, display


def _table() -> dict[str, frozenset[str]]:
    global _TABLE
    if _TABLE is None:
        from pressqa.packs import cache
        from pressqa.resources import read_shipped

        data = [read_shipped("places", name) or b"" for name in ("countries.txt", "regions.txt")]
        digest = cache.key("places", cache.code_stamp(), pycountry_stamp(), *data)
        cached = cache.get("places", digest)
        if not isinstance(cached, dict) or "forms" not in cached:
            table, display = _build()
            cached = {"forms": {k: sorted(v) for k, v in table.items()}, "display": display}
            cache.put("places", digest, cached)
        _DISPLAY.update(cached["display"])
        _TABLE = {k: frozenset(v) for k, v in cached["forms"].items()}
    return _TABLE


def pycountry_stamp() -> str:
    """A stamp of the installed pycountry for the cache key, without importing it or
    importlib.metadata (~25 ms of every start-up): its package folder's modification time."""
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("pycountry")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return "none"
        folder = os.path.dirname(origin)
        return f"{folder}:{os.stat(folder).st_mtime_ns}:{os.stat(origin).st_mtime_ns}"
    except (ImportError, OSError, ValueError):  # pragma: no cover
        return "none"


def entities(form: str) -> frozenset[str]:
    """The known places a word or phrase names (empty when it names none): ``Koreans`` -> {KOR-region...}."""
    key = _fold(form)
    return _table().get(key, frozenset())


def display(form: str) -> str | None:
    """The known form as the data writes it (``sri lanka`` -> ``Sri Lanka``), or None."""
    key = _fold(form)
    _table()
    return _DISPLAY.get(key)


def is_place_form(form: str) -> bool:
    """Is *form* a known country, region, language, U.S. state or people word (or a plural of one)?"""
    return bool(entities(form))


def multiword_forms() -> dict[str, list[tuple[str, ...]]]:
    """Known forms of two words or more, by their first folded word (``sri`` -> [(``sri``, ``lanka``), ...])."""
    global _FIRST_WORDS
    if _FIRST_WORDS is None:
        out: dict[str, list[tuple[str, ...]]] = {}
        for key in _table():
            words = tuple(key.split())
            if len(words) >= 2:
                out.setdefault(words[0], []).append(words)
        _FIRST_WORDS = out
    return _FIRST_WORDS
