"""House data for the name and title checks: names lists and titles/country-forms files.

A rule of type ``names`` reads names lists (``names_files``); the title rules
read titles data (``titles_files``).  Both are YAML files, found

1. as given, when the path is absolute;
2. relative to the pack or config file that set the option (a house keeps its
   lists beside its pack);
3. in the shipped ``rules/`` folder (``names/example.yaml``, ``titles/en.yaml``).

Each file is validated on load like a pack: an unknown key, a wrong type or a
preferred form that is not one of the country's forms is an error naming the
file, the line and the key.  A file that validated once is remembered by its
content hash, so the commit hook does not pay for YAML parsing and schema
validation on every run.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from pressqa.packs import cache
from pressqa.errors import PackError

if TYPE_CHECKING:
    from pressqa.packs.rule import Rule

_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_PAIRS = {"type": "array", "items": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 2}}

NAME_ENTRY: dict = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "description": "the house spelling"},
        "accept": dict(_STRINGS, description="other forms that are right (a nickname, a short form)"),
        "reject": dict(_STRINGS, description="known wrong forms, reported wherever they appear"),
        "note": {"type": "string"},
    },
    "required": ["name"],
    "additionalProperties": False,
}

#: Properties of a names list (a file, or inline options of a ``names`` rule).
NAMES_PROPERTIES: dict[str, dict] = {
    "names": {"type": "array", "items": NAME_ENTRY, "description": "canonical spellings"},
    "accept": dict(_PAIRS, description="groups of names that are legitimately alike: never reported against each other"),
}

COUNTRY_ENTRY: dict = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "full": dict(_STRINGS, description="full names: always acceptable"),
        "short": dict(_STRINGS, description="abbreviations: one of them per document"),
        "preferred": {"type": "string", "minLength": 1, "description": "the house's abbreviation"},
    },
    "required": ["name"],
    "additionalProperties": False,
}

#: Properties of titles data (a file, or the inline ``titles_data`` option).
TITLES_PROPERTIES: dict[str, dict] = {
    "titles": dict(_STRINGS, description="formal titles, capitalized directly before a name (AP)"),
    "informal": dict(_STRINGS, description="titles AP does not treat as formal (first lady): compared within a release only"),
    "standalone": dict(_STRINGS, description="titles compared where they stand alone (the Prime Minister / the prime minister)"),
    "honorifics": dict(_STRINGS, description="courtesy titles (Dr., Mr.): not offices"),
    "ranks": dict(_STRINGS, description="words that change the office they qualify (deputy, vice)"),
    "modifiers": dict(_STRINGS, description="words before a title that are not part of it (former)"),
    "office_heads": dict(_STRINGS, description="'Foreign Minister' = 'Minister of Foreign Affairs' for these heads"),
    "office_distinct": dict(_PAIRS, description="long and short forms that name different offices"),
    "title_abbreviations": dict(_PAIRS, description="an abbreviation and the title it stands for ([DA, district attorney])"),
    "office_qualifiers": dict(_STRINGS, description="words that make an office a different one (State Minister for Foreign Affairs)"),
    "countries": {"type": "array", "items": COUNTRY_ENTRY},
}

NAMES_SCHEMA: dict = {"type": "object", "properties": NAMES_PROPERTIES, "additionalProperties": False}
TITLES_SCHEMA: dict = {"type": "object", "properties": TITLES_PROPERTIES, "additionalProperties": False}

_MEMO: dict[tuple[str, str], dict] = {}
_MERGED: dict[tuple, dict] = {}


def _read(ref: str, rule: "Rule", option: str) -> tuple[bytes, str]:
    """Find *ref* (see the module docstring) and return its bytes and a display path."""
    from pressqa.resources import clean_path

    candidates: list[str] = []
    path = os.path.expanduser(ref)
    if os.path.isabs(path):
        candidates.append(clean_path(path))
    else:
        source = rule.source_of(option) or ""
        if source and not source.startswith("<"):
            candidates.append(clean_path(os.path.join(os.path.dirname(source), path)))
    for candidate in candidates:
        try:
            with open(candidate, "rb") as handle:
                return handle.read(), candidate
        except OSError:
            continue
    if not os.path.isabs(path):
        from pressqa.resources import read_shipped

        shipped = clean_path(ref)
        raw = read_shipped(*shipped.split(os.sep))
        if raw is not None:
            return raw, f"<pressqa>/rules/{shipped.replace(os.sep, '/')}"
    raise PackError(rule.source_of(option) or "pressqa", f"cannot read {ref!r}", key=f"rules.{rule.id}.{option}")


def _check_countries(data: dict, source: str, lines: Any) -> None:
    for i, entry in enumerate(data.get("countries") or []):
        preferred = entry.get("preferred")
        if preferred is not None:
            forms = list(entry.get("short") or []) + list(entry.get("full") or [])
            if preferred not in forms:
                raise PackError(
                    source,
                    f"preferred form {preferred!r} is not one of the forms of {entry['name']!r}",
                    line=lines(["countries", i, "preferred"]),
                    key=f"countries.{i}.preferred",
                )


def load(ref: str, rule: "Rule", option: str, schema: dict) -> dict:
    """One data file, parsed and validated against *schema* (cached by content)."""
    raw, source = _read(ref, rule, option)
    digest = cache.key("housedata", cache.code_stamp(), repr(sorted(schema["properties"])), raw)
    memo = _MEMO.get((source, digest))
    if memo is not None:
        return memo
    cached = cache.get("housedata", digest)
    if cached is not None:
        _MEMO[(source, digest)] = cached
        return cached
    from pressqa.packs.loader import load_yaml_bytes, validate

    data, line_index = load_yaml_bytes(raw, source)

    def lines_of(path: Any) -> int | None:
        parts = [str(p) for p in path]
        while parts:
            line = line_index.get(".".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None

    if not isinstance(data, dict):
        raise PackError(source, "must be a mapping", line=1)
    validate(data, schema, source, lines_of)
    _check_countries(data, source, lines_of)
    cache.put("housedata", digest, data)
    _MEMO[(source, digest)] = data
    return data


def merged(rule: "Rule", files_option: str, refs: list[str], inline: list[dict], schema: dict) -> dict[str, list]:
    """The data of the files *refs* (the rule's option *files_option*), then *inline* dicts, merged.

    Lists are concatenated; countries with the same name are merged (later forms
    added, a later ``preferred`` wins).
    """
    import json

    sources: list[dict] = []
    for ref in refs:
        sources.append(load(ref, rule, files_option, schema))
    # Rules that read the same data share one merged copy (and what is compiled from it).
    memo_key = (tuple(id(d) for d in sources), json.dumps(inline, sort_keys=True))
    known = _MERGED.get(memo_key)
    if known is not None:
        return known
    out: dict[str, list] = {}
    sources.extend(d for d in inline if d)
    for data in sources:
        for key, value in data.items():
            if key == "countries":
                _merge_countries(out.setdefault("countries", []), value)
            else:
                out.setdefault(key, []).extend(value)
    _MERGED[memo_key] = out
    return out


def _merge_countries(into: list, entries: list[dict]) -> None:
    by_name = {entry["name"]: entry for entry in into}
    for entry in entries:
        current = by_name.get(entry["name"])
        if current is None:
            current = {"name": entry["name"], "full": [], "short": []}
            into.append(current)
            by_name[entry["name"]] = current
        for key in ("full", "short"):
            for form in entry.get(key) or []:
                if form not in current[key]:
                    current[key].append(form)
        if entry.get("preferred"):
            current["preferred"] = entry["preferred"]
