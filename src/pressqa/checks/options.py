"""Typed options of check types: one dataclass per type, from which its JSON schema and defaults come.

A check type declares its options once::

    @dataclass(frozen=True, kw_only=True)
    class Options:
        max_words: int = option(35, "the longest sentence allowed, in words", minimum=1)

and :class:`~pressqa.checks.Check` derives from it the JSON-schema properties packs are
validated against, the required keys (fields without a default) and the defaults, so the
three can never drift apart.  A check reads its options typed, as ``self.o.max_words``.

Types map to JSON schema by their annotation: ``int`` -> integer, ``float`` -> number,
``bool`` -> boolean, ``str`` -> string, ``list[str]`` -> array of strings, ``dict`` -> object;
``X | None`` is X whose default is "not set".  ``schema=`` replaces the derived schema where a
type needs more (an enum, nested objects); other keywords (``minimum``, ``enum``, ``items``...)
are added to it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

_REQUIRED = dataclasses.MISSING


def option(default: Any = _REQUIRED, description: str = "", *, schema: dict | None = None, required: bool = False,
           **keywords: Any) -> Any:
    """A field of an options dataclass: its default, description and schema.

    A field without a default is required; ``required=True`` makes a pack state a field
    that has a default too (the default then serves code that builds the options itself).
    """
    metadata = {"description": description, "schema": schema, "keywords": keywords, "required": required}
    if default is _REQUIRED:
        return dataclasses.field(metadata=metadata)
    if isinstance(default, (list, dict, set)):
        frozen = default

        def factory() -> Any:
            return type(frozen)(frozen)

        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


_SIMPLE = {int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}, str: {"type": "string"}}


def _schema_of_type(annotation: Any) -> dict:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return _schema_of_type(members[0])
        return {"anyOf": [_schema_of_type(m) for m in members]}
    if origin in (list, tuple, set, frozenset):
        args = typing.get_args(annotation)
        return {"type": "array", "items": _schema_of_type(args[0])} if args else {"type": "array"}
    if origin is dict or annotation is dict:
        return {"type": "object"}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(annotation))}
    if annotation in _SIMPLE:
        return dict(_SIMPLE[annotation])
    if annotation is Any:
        return {}
    raise TypeError(f"no JSON schema for option type {annotation!r}")


def derive(options_cls: type) -> tuple[dict[str, dict], tuple[str, ...], dict[str, Any]]:
    """(JSON-schema properties, required keys, defaults) of an options dataclass."""
    hints = typing.get_type_hints(options_cls)
    properties: dict[str, dict] = {}
    required: list[str] = []
    defaults: dict[str, Any] = {}
    for f in dataclasses.fields(options_cls):
        meta = f.metadata
        schema = dict(meta.get("schema") or _schema_of_type(hints[f.name]))
        schema.update(meta.get("keywords") or {})
        if meta.get("description"):
            schema["description"] = meta["description"]
        properties[f.name] = schema
        if f.default is not dataclasses.MISSING:
            defaults[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            defaults[f.name] = f.default_factory()
        if meta.get("required") or f.name not in defaults:
            required.append(f.name)
    return properties, tuple(required), defaults


def build(options_cls: type, values: dict[str, Any]) -> Any:
    """An instance of *options_cls* from validated option values (unknown keys are left out)."""
    names = {f.name for f in dataclasses.fields(options_cls)}
    return options_cls(**{k: v for k, v in values.items() if k in names})
