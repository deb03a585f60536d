"""Typed options of check types: one record per type, from which its JSON schema and defaults come.

A check type declares its options once::

    @options
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

``@options`` makes a small read-only :mod:`pressqa.records` record, not a dataclass: about thirty
check types are imported by every run, and ``@dataclass`` generates and compiles their methods
at import (some 18 ms of a 90 ms commit-hook run).  The record's methods are shared, so declaring
a type costs a class and a tuple.  Options are records built by keyword only, with errors that
speak of options, and hashed by their values' ``repr`` (a list is a value here).
"""

from __future__ import annotations

import types
import typing
from typing import Any, Callable

from pressqa.records import MISSING, Field, Record, make_class

class Option(Field):
    """One field of an options record: a record field with its description and JSON schema."""

    __slots__ = ("description", "schema", "keywords", "required")

    def __init__(self, default: Any = MISSING, factory: "Callable[[], Any] | None" = None, description: str = "",
                 schema: dict | None = None, keywords: dict | None = None, required: bool = False) -> None:
        super().__init__(default, factory)
        self.description = description
        self.schema = schema
        self.keywords = keywords or {}
        self.required = required


def option(default: Any = MISSING, description: str = "", *, schema: dict | None = None, required: bool = False,
           **keywords: Any) -> Any:
    """A field of an options record: its default, description and schema.

    A field without a default is required; ``required=True`` makes a pack state a field
    that has a default too (the default then serves code that builds the options itself).
    A mutable default (list, dict, set) is copied for each record.
    """
    factory = None
    if isinstance(default, (list, dict, set)):
        frozen = default

        def factory() -> Any:
            return type(frozen)(frozen)

        default = MISSING
    return Option(default, factory, description, schema, keywords, required)


class OptionsRecord(Record):
    """What ``@options`` classes are: records whose fields are set once, by keyword, then read-only."""

    def __init__(self, **values: Any) -> None:
        for f in self.__record_fields__:
            if f.name in values:
                value = values.pop(f.name)
            elif f.has_default:
                value = f.default_value()
            else:
                raise TypeError(f"{type(self).__qualname__}: missing option {f.name!r}")
            object.__setattr__(self, f.name, value)
        if values:
            raise TypeError(f"{type(self).__qualname__}: unknown options {sorted(values)}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__qualname__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__qualname__} is read-only")

    def __hash__(self) -> int:  # option values may be lists: hashed by what they show
        return hash(tuple(repr(getattr(self, f.name)) for f in self.__record_fields__))


def options(cls: type) -> type:
    """Make *cls* (its annotated class attributes, each a plain default or an :func:`option`) an
    options record; fields of a base options record come first."""
    return make_class(cls, dict(cls.__dict__), OptionsRecord, Option, keep_defaults=False)


#: The schema of an option that lists data files: ``"format": "path"`` marks values that name
#: files, which a service refuses from its clients (see pressqa.server).
DATA_FILES: dict = {"type": "array", "format": "path", "items": {"type": "string", "minLength": 1}}


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


def fields_of(options_cls: type) -> tuple[Option, ...]:
    """The fields of an options record, its bases' first."""
    return tuple(getattr(options_cls, "__record_fields__", ()))


def derive(options_cls: type) -> tuple[dict[str, dict], tuple[str, ...], dict[str, Any]]:
    """(JSON-schema properties, required keys, defaults) of an options record."""
    hints = typing.get_type_hints(options_cls)
    properties: dict[str, dict] = {}
    required: list[str] = []
    defaults: dict[str, Any] = {}
    for f in fields_of(options_cls):
        schema = dict(f.schema or _schema_of_type(hints[f.name]))
        schema.update(f.keywords or {})
        if f.description:
            schema["description"] = f.description
        properties[f.name] = schema
        if f.has_default:
            defaults[f.name] = f.default_value()
        if f.required or f.name not in defaults:
            required.append(f.name)
    return properties, tuple(required), defaults


def build(options_cls: type, values: dict[str, Any]) -> Any:
    """An instance of *options_cls* from validated option values (unknown keys are left out)."""
    names = {f.name for f in fields_of(options_cls)}
    return options_cls(**{k: v for k, v in values.items() if k in names})
