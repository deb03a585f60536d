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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import cache
from .errors import PackError
from .findings import CATEGORIES
from .rule import COMMON_KEYS, LEVELS, SCOPES, Rule

SHIPPED_PACKAGE = "pressqa.rules"

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
    "message": {"type": "string"},
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


@dataclass
class PackFile:
    """One pack file, parsed and validated (as far as it can be on its own)."""

    name: str
    source: str  # path shown in messages
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)  # "rules.x.level" -> line
    base_dir: str | None = None
    digest: str = ""  # cache key of its bytes
    validated: bool = False  # True when it came from the cache of validated packs

    def line_of(self, path: Iterable[Any]) -> int | None:
        parts = [str(p) for p in path]
        while parts:
            line = self.lines.get(".".join(parts))
            if line is not None:
                return line
            parts.pop()
        return None


# -- YAML with line numbers ------------------------------------------------------------


def parse_yaml(text: str, source: str) -> tuple[Any, dict[str, int]]:
    """Parse YAML, returning the data and the line of every mapping key ("a.b.c" -> line)."""
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(source, f"invalid YAML: {problem}", line=(mark.line + 1) if mark else None) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}

    def walk(n: Any, prefix: str) -> None:
        if isinstance(n, yaml.MappingNode):
            for key_node, value_node in n.value:
                key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
                lines[key] = key_node.start_mark.line + 1
                walk(value_node, key)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                key = f"{prefix}.{i}" if prefix else str(i)
                lines[key] = item.start_mark.line + 1
                walk(item, key)

    walk(node, "")
    return data, lines


# -- validation ----------------------------------------------------------------------


def rule_schema(type_name: str | None) -> dict:
    """The schema of one rule: the common keys plus its check type's options."""
    properties = dict(COMMON_PROPERTIES)
    required: list[str] = []
    if type_name is not None:
        from .checks import load_type

        check_cls = load_type(type_name)
        properties.update(check_cls.options)
        required = list(check_cls.required)
    return {"type": "object", "properties": properties, "additionalProperties": False, "required": required}


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

    errors = sorted(Draft202012Validator(schema).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    path, message = _describe(errors[0])
    full = [*prefix, *path]
    key = ".".join(str(p) for p in full) or "(top level)"
    raise PackError(source, message, line=lines_of(full), key=key)


def check_rules(pack: PackFile, known_types: dict[str, str]) -> None:
    """Validate the rules a pack declares: new rules against their type, and their regexes."""
    from .checks import REGISTRY

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
        from .checks import load_type

        check_cls = load_type(type_name)
        validator = getattr(check_cls, "validate_options", None)
        if validator is not None:
            problem = validator(body)
            if problem:
                key, message = problem
                raise PackError(pack.source, message, line=pack.line_of(["rules", rule_id, *key.split(".")]), key=f"rules.{rule_id}.{key}")


# -- loading -----------------------------------------------------------------------------


def _shipped_dir() -> Path | None:
    """The folder of the shipped packs, when it is a plain folder (it is, unless pressqa runs from a zip).

    Reading it directly spares importlib.resources and zipfile, ~3 ms of every start-up.
    """
    import importlib

    package = importlib.import_module(SHIPPED_PACKAGE)
    for location in getattr(package, "__path__", []):
        if os.path.isdir(location):
            return Path(location)
    return None


def shipped_names() -> list[str]:
    folder = _shipped_dir()
    if folder is not None:
        return sorted(entry.name[:-5] for entry in os.scandir(folder) if entry.name.endswith(".yaml"))
    from importlib.resources import files

    return sorted(
        entry.name[:-5] for entry in files(SHIPPED_PACKAGE).iterdir() if entry.name.endswith(".yaml")
    )


def _read_shipped(name: str) -> tuple[bytes, str] | None:
    source = f"<pressqa>/rules/{name}.yaml"
    folder = _shipped_dir()
    if folder is not None:
        try:
            return (folder / f"{name}.yaml").read_bytes(), source
        except OSError:
            return None
    from importlib.resources import files

    resource = files(SHIPPED_PACKAGE) / f"{name}.yaml"
    try:
        return resource.read_bytes(), source
    except (OSError, FileNotFoundError):
        return None


def _is_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref


def read_pack(ref: str, base_dir: str | None, referrer: str) -> PackFile:
    """Find, parse and shape-check the pack *ref* (a shipped name or a path)."""
    if _is_path(ref):
        path = Path(ref).expanduser()
        if not path.is_absolute() and base_dir:
            path = Path(base_dir) / path
        source = str(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise PackError(referrer, f"cannot read pack {ref!r}: {exc.strerror or exc}") from None
        name = path.stem
        pack_dir: str | None = str(path.parent)
    else:
        found = _read_shipped(ref)
        if found is None:
            raise PackError(referrer, f"unknown pack {ref!r} (shipped packs: {', '.join(shipped_names())})")
        raw, source = found
        name = ref
        pack_dir = None
    digest = cache.key("pack", cache.code_stamp(), raw)
    cached = cache.get("packs", digest)
    if cached is not None:
        return PackFile(cached.get("pack") or name, source, cached, {}, pack_dir, digest, validated=True)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError(source, f"not valid UTF-8 at byte {exc.start}") from None
    data, lines = parse_yaml(text, source)
    if data is None:
        data = {}
    pack = PackFile(name, source, data, lines, pack_dir, digest)
    if not isinstance(data, dict):
        raise PackError(source, "a pack must be a mapping with 'rules'", line=1)
    validate(data, PACK_SCHEMA, source, pack.line_of)
    pack.name = data.get("pack") or name
    pack.lines = lines
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


def load_packs(refs: list[str], base_dir: str | None, referrer: str) -> PackSet:
    """Resolve a list of pack references (with their ``extends``) into rules."""
    result = PackSet()
    _load_into(result, refs, base_dir, referrer, stack=())
    return result


def _load_into(result: PackSet, refs: list[str], base_dir: str | None, referrer: str, stack: tuple[str, ...]) -> None:
    for ref in refs:
        pack = read_pack(ref, base_dir, referrer)
        if pack.source in stack:
            raise PackError(referrer, f"packs extend each other in a cycle: {' -> '.join(stack + (pack.source,))}")
        if pack.source in result.packs:
            continue
        _load_into(result, list(pack.data.get("extends") or []), pack.base_dir, pack.source, stack + (pack.source,))
        _apply(result, pack)


def _apply(result: PackSet, pack: PackFile) -> None:
    known = {rid: rule.type for rid, rule in result.rules.items()}
    for alias, target in result.aliases.items():
        known.setdefault(alias, known.get(target, ""))
    if not pack.validated:
        check_rules(pack, known)
        cache.put("packs", pack.digest, pack.data)
    pack_link = pack.data.get("link")
    for rule_id, body in (pack.data.get("rules") or {}).items():
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

