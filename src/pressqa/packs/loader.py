"""Rule packs: YAML files of rules, shipped in ``rules/`` or kept in a house's own repository.

A pack::

    pack: house                # its name (optional; defaults to the file name)
    description: Our style.
    extends: [press]           # packs whose rules it starts from
    link: https://example.org/style-guide
    rules:
      missing-space-after-punctuation:    # an inherited rule: override level, message, options
        level: warning
      kiev:                               # a new rule: names a check type and gives it data
        type: substitution
        category: terminology
        ...

Packs are validated on load (unknown keys, wrong types, unknown check types, bad
options) with errors naming the file, the line and the key.  A pack that
validated once is remembered by content hash, so the commit hook does not pay
for YAML parsing and schema validation on every run.
"""

from __future__ import annotations

import os
from pressqa.records import field, record
from typing import Any, Iterable, Iterator

from pressqa.packs import cache
from pressqa.packs.yamlread import parse_yaml  # noqa: F401 (also re-exported)
from pressqa.resources import clean_path, read_shipped, shipped_names
from pressqa.errors import PackError
from pressqa.findings import CATEGORIES
from pressqa.packs.rule import COMMON_KEYS, LEVELS, SCOPES, Rule


_SCOPE_SCHEMA = {"oneOf": [{"enum": list(SCOPES)}, {"type": "array", "items": {"enum": list(SCOPES)}, "minItems": 1}]}
_EXAMPLES_SCHEMA = {
    "type": "object",
    "properties": {
        "fail": {"type": "array", "items": {"type": "string"}},
        "pass": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": False,
}

#: JSON-schema properties of the keys every rule may carry.
COMMON_PROPERTIES: dict[str, dict] = {
    "type": {"type": "string"},
    "category": {"enum": list(CATEGORIES)},
    "level": {"enum": list(LEVELS)},
    "message": {"anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]},
    "description": {"type": "string"},
    "link": {"type": "string"},
    "scope": _SCOPE_SCHEMA,
    "examples": _EXAMPLES_SCHEMA,
    "doc": {"type": "string"},
    "aliases": {"type": "array", "items": {"type": "string"}},
}
assert set(COMMON_PROPERTIES) == set(COMMON_KEYS)

PACK_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "pack": {"type": "string"},
        "description": {"type": "string"},
        "extends": {"type": "array", "items": {"type": "string"}},
        "link": {"type": "string"},
        "rules": {"type": "object", "additionalProperties": {"type": "object"}},
    },
    "additionalProperties": False,
}


@record
class PackFile:
    """One pack file, parsed and validated (as far as it can be on its own)."""

    name: str
    source: str  # path shown in messages
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)  # "rules.x.level" -> line
    base_dir: str | None = None
    digest: str = ""  # cache key of its bytes
    validated: bool = False  # True when it came from the cache of validated packs
    raw: bytes = b""
    validated_overrides: dict[str, Any] = field(default_factory=dict)  # rule id -> type it was validated against

    def line_of(self, path: Iterable[Any]) -> int | None:
        parts = [str(p) for p in path]
        while parts:
            line = self.lines.get(".".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None


# -- validation ----------------------------------------------------------------------


def rule_schema(type_name: str | None) -> dict:
    """The schema of one rule: the common keys plus its check type's options."""
    properties = dict(COMMON_PROPERTIES)
    required: list[str] = []
    if type_name is not None:
        from pressqa.checks import load_type

        check_cls = load_type(type_name)
        properties.update(check_cls.options)
        required = list(check_cls.required)
    return {"type": "object", "properties": properties, "additionalProperties": False, "required": required}


def file_values(instance: Any, schema: dict, prefix: Iterable[Any] = ()) -> Iterator[tuple[list[Any], Any]]:
    """The parts of *instance* that name files: ``(key path, value)`` wherever its schema says ``"format": "path"``.

    Follows ``properties``, ``additionalProperties`` and ``items``; reads nothing.
    """
    path = list(prefix)
    if not isinstance(schema, dict):
        return
    if schema.get("format") == "path":
        yield path, instance
        return
    if isinstance(instance, dict):
        properties = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        for key, value in instance.items():
            sub = properties.get(key, extra if isinstance(extra, dict) else None)
            if sub is not None:
                yield from file_values(value, sub, [*path, key])
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(instance):
            yield from file_values(value, schema["items"], [*path, i])


def _describe(error: Any) -> tuple[list[Any], str]:
    """A jsonschema error as (path to the offending key, short message)."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed]
        if extras:
            return path + [extras[0]], f"unknown key (expected one of: {', '.join(sorted(allowed))})"
    if error.validator == "enum":
        return path, f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "required":
        return path, error.message.replace("is a required property", "is required")
    if error.validator == "oneOf" and len(path) == 2 and path[0] == "rules" and not isinstance(error.instance, dict):
        # [rules] in a config file: a level or a table of settings
        return path, f"{error.instance!r} is not a level ({', '.join(LEVELS)}) or a table of rule settings"
    if error.validator == "oneOf" and "scope" in [str(p) for p in path]:
        return path, f"{error.instance!r} is not a scope ({', '.join(SCOPES)})"
    return path, error.message


def validate(instance: Any, schema: dict, source: str, lines_of: Any, prefix: Iterable[Any] = ()) -> None:
    """Raise PackError for the first schema violation, naming file, line and key."""
    from jsonschema import Draft202012Validator

    errors = list(Draft202012Validator(schema).iter_errors(instance))
    if not errors:
        return
    described = []
    for error in errors:
        path, message = _describe(error)
        full = [*prefix, *path]
        described.append((lines_of(full) or 0, len(full), full, message))
    # Report the first problem in the file, not the first in jsonschema's order.
    line, _, full, message = min(described, key=lambda d: (d[0], d[1], [str(p) for p in d[2]]))
    key = ".".join(str(p) for p in full) or "(top level)"
    raise PackError(source, message, line=line or None, key=key)


def check_rules(pack: PackFile, known_types: dict[str, str]) -> None:
    """Validate the rules a pack declares: new rules against their type, and their regexes."""
    from pressqa.checks import REGISTRY

    rules = pack.data.get("rules") or {}
    for rule_id, body in rules.items():
        type_name = body.get("type", known_types.get(rule_id))
        if type_name is None:
            raise PackError(
                pack.source,
                "unknown rule: not defined in the packs this one extends, and it has no 'type'",
                line=pack.line_of(["rules", rule_id]),
                key=f"rules.{rule_id}",
            )
        if type_name not in REGISTRY:
            raise PackError(
                pack.source,
                f"unknown check type {type_name!r} (known: {', '.join(sorted(REGISTRY))})",
                line=pack.line_of(["rules", rule_id, "type"]),
                key=f"rules.{rule_id}.type",
            )
        if "type" in body and "category" not in body and rule_id not in known_types:
            raise PackError(pack.source, "'category' is required for a new rule", line=pack.line_of(["rules", rule_id]), key=f"rules.{rule_id}")
        schema = rule_schema(type_name)
        if "type" not in body:
            schema = dict(schema, required=[])
        validate(body, schema, pack.source, pack.line_of, prefix=["rules", rule_id])
        check_options(type_name, body, pack.source, pack.line_of, ["rules", rule_id])


def check_options(type_name: str, body: dict[str, Any], source: str, lines_of: Any, prefix: list[Any]) -> None:
    """Run a check type's own validation (regexes, formulas) on a rule body, if it has one.

    ``validate_options(body)`` returns None or ``(key, message)``; the key is a
    dotted string or a list of path parts (for keys that contain dots, such as
    a swap entry for ``U.S.``).
    """
    from pressqa.checks import load_type
    from pressqa.templates import template_problem

    check_type = load_type(type_name)

    def refuse(parts: list[Any], message: str) -> None:
        full = [*prefix, *parts]
        raise PackError(source, message, line=lines_of(full), key=".".join(str(p) for p in full))

    value = body.get("message")
    if value is not None:
        if check_type.messages:  # the catalogue checks ids, fields and each template's safety
            problem = check_type.messages.problem(value)
            if problem:
                refuse(["message", *problem[0]], problem[1])
        elif isinstance(value, dict):
            refuse(["message"], f"type {type_name!r} has no message ids: write one template as a string")
        elif isinstance(value, str) and (bad := template_problem(value)):
            refuse(["message"], bad)
    suggestion = body.get("suggestion")
    if isinstance(suggestion, str) and (bad := template_problem(suggestion)):
        refuse(["suggestion"], bad)
    validator = getattr(check_type, "validate_options", None)
    if validator is None:
        return
    problem = validator(body)
    if not problem:
        return
    key, message = problem
    refuse(list(key) if isinstance(key, (list, tuple)) else str(key).split("."), message)


# -- loading -----------------------------------------------------------------------------


def _read_shipped(name: str) -> tuple[bytes, str] | None:
    raw = read_shipped(f"{name}.yaml")
    return None if raw is None else (raw, f"<pressqa>/rules/{name}.yaml")


def _is_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref


def read_pack(ref: str, base_dir: str | None, referrer: str) -> PackFile:
    """Find, parse and shape-check the pack *ref* (a shipped name or a path)."""
    if _is_path(ref):
        path = os.path.expanduser(ref)
        if not os.path.isabs(path) and base_dir:
            path = os.path.join(base_dir, path)
        path = clean_path(path)
        source = path
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            raise PackError(referrer, f"cannot read pack {ref!r}: {exc.strerror or exc}") from None
        name = os.path.splitext(os.path.basename(path))[0]
        pack_dir: str | None = os.path.dirname(path) or "."
    else:
        found = _read_shipped(ref)
        if found is None:
            raise PackError(referrer, f"unknown pack {ref!r} (shipped packs: {', '.join(shipped_names())})")
        raw, source = found
        name = ref
        pack_dir = None
    digest = cache.key("pack", cache.code_stamp(), raw)
    cached = cache.get("packs", digest)
    if isinstance(cached, dict) and isinstance(cached.get("data"), dict):
        data = cached["data"]
        pack = PackFile(data.get("pack") or name, source, data, {}, pack_dir, digest, validated=True)
        pack.raw = raw
        pack.validated_overrides = cached.get("overrides") or {}
        return pack
    pack = _parse_pack(raw, source, name, pack_dir, digest)
    validate(pack.data, PACK_SCHEMA, source, pack.line_of)
    pack.name = pack.data.get("pack") or name
    return pack


def load_yaml_bytes(raw: bytes, source: str) -> tuple[Any, dict[str, int]]:
    """Decode (UTF-8, with or without BOM) and parse a YAML data file; an empty file is ``{}``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(source, f"not valid UTF-8 at byte {exc.start}") from None
    data, lines = parse_yaml(text, source)
    return ({} if data is None else data), lines


def _parse_pack(raw: bytes, source: str, name: str, pack_dir: str | None, digest: str) -> PackFile:
    data, lines = load_yaml_bytes(raw, source)
    pack = PackFile(name, source, data, lines, pack_dir, digest)
    pack.raw = raw
    if not isinstance(data, dict):
        raise PackError(source, "a pack must be a mapping with 'rules'", line=1)
    return pack


class PackSet:
    """Packs resolved in order: later packs and overrides win."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}
        self.aliases: dict[str, str] = {}
        self.packs: list[str] = []
        self.links: dict[str, str] = {}

    def rule(self, rule_id: str) -> Rule | None:
        rule_id = self.aliases.get(rule_id, rule_id)
        return self.rules.get(rule_id)


def load_packs(refs: list[str], base_dir: str | None, referrer: str, lines_of: Any = None) -> PackSet:
    """Resolve a list of pack references (with their ``extends``) into rules.

    *lines_of* finds the line of a key in the referring file (``extends``), so
    that a missing pack or a cycle is reported where it is named.
    """
    result = PackSet()
    _load_into(result, refs, base_dir, referrer, (), lines_of or (lambda path: None))
    return result


def _load_into(result: PackSet, refs: list[str], base_dir: str | None, referrer: str,
               stack: tuple[str, ...], lines_of: Any) -> None:
    for i, ref in enumerate(refs):
        try:
            pack = read_pack(ref, base_dir, referrer)
        except PackError as exc:
            if exc.path == referrer and exc.line is None:
                raise PackError(referrer, exc.message, line=lines_of(["extends", i]), key=f"extends.{i}") from None
            raise
        if pack.source in stack:
            chain = " -> ".join(stack[stack.index(pack.source):] + (pack.source,))
            raise PackError(referrer, f"packs extend each other in a cycle: {chain}",
                            line=lines_of(["extends", i]), key=f"extends.{i}")
        if pack.source in result.packs:
            continue
        _load_into(result, list(pack.data.get("extends") or []), pack.base_dir, pack.source,
                   stack + (pack.source,), pack.line_of)
        _apply(result, pack)


def _apply(result: PackSet, pack: PackFile) -> None:
    known = {rid: rule.type for rid, rule in result.rules.items()}
    for alias, target in result.aliases.items():
        known.setdefault(alias, known.get(target, ""))
    rules = pack.data.get("rules") or {}
    # An override (a rule without 'type') is validated against the type of the rule it
    # overrides, which depends on the packs loaded before: the cache entry records them.
    overrides = {rid: known.get(rid) for rid, body in rules.items() if isinstance(body, dict) and "type" not in body}
    if not pack.validated or pack.validated_overrides != overrides:
        if not pack.lines:
            pack = _reparse(pack)
        check_rules(pack, known)
        cache.put("packs", pack.digest, {"data": pack.data, "overrides": overrides})
    pack_link = pack.data.get("link")
    for rule_id, body in rules.items():
        target = result.aliases.get(rule_id, rule_id)
        existing = result.rules.get(target)
        if existing is not None and "type" not in body:
            rule = existing.with_overrides(body, source=pack.source)
        elif "type" not in body:
            raise PackError(
                pack.source,
                "unknown rule: not defined in the packs this one extends, and it has no 'type'",
                line=pack.line_of(["rules", rule_id]),
                key=f"rules.{rule_id}",
            )
        else:
            rule = Rule(
                id=rule_id,
                type=body["type"],
                category=body.get("category", existing.category if existing else "style"),
                level=body.get("level", "warning"),
                pack=pack.name,
                source=pack.source,
                link=pack_link,
            ).with_overrides({k: v for k, v in body.items() if k != "type"}, source=pack.source)
        result.rules[target] = rule
        for alias in rule.aliases:
            result.aliases[alias] = target
    result.packs.append(pack.source)


def _reparse(pack: PackFile) -> PackFile:
    """A cached pack parsed again, for line numbers in the errors of a new validation."""
    fresh = _parse_pack(pack.raw, pack.source, pack.name, pack.base_dir, pack.digest)
    validate(fresh.data, PACK_SCHEMA, fresh.source, fresh.line_of)
    fresh.name = pack.name
    return fresh
