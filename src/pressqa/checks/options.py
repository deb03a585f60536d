"""Typed options of check types: one dataclass per type, from which its JSON schema and defaults come.

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

``@options`` makes a small read-only record, not a dataclass: about thirty check types are
imported by every run, and ``@dataclass`` generates and compiles their methods at import
(some 18 ms of a 90 ms commit-hook run).  The record's methods are shared, so declaring a type
costs a class and a tuple.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Callable

_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


class Option:
    """One field of an options record: its default (or default factory), description and schema."""

    __slots__ = ("name", "default", "factory", "description", "schema", "keywords", "required")

    def __init__(self, default: Any, factory: "Callable[[], Any] | None", description: str, schema: dict | None,
                 keywords: dict, required: bool) -> None:
        self.name = ""
        self.default = default
        self.factory = factory
        self.description = description
        self.schema = schema
        self.keywords = keywords
        self.required = required

    @property
    def has_default(self) -> bool:
        return self.default is not _MISSING or self.factory is not None

    def default_value(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def option(default: Any = _MISSING, description: str = "", *, schema: dict | None = None, required: bool = False,
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

        default = _MISSING
    return Option(default, factory, description, schema, keywords, required)


class OptionsRecord:
    """What ``@options`` classes are: fields set once, by keyword, then read-only."""

    __option_fields__: tuple[Option, ...] = ()

    def __init__(self, **values: Any) -> None:
        for f in self.__option_fields__:
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

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in self.__option_fields__)

    def __hash__(self) -> int:
        return hash(tuple(repr(getattr(self, f.name)) for f in self.__option_fields__))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__option_fields__)
        return f"{type(self).__qualname__}({shown})"


def options(cls: type) -> type:
    """Make *cls* (its annotated class attributes, each a plain default or an :func:`option`) an
    options record; fields of a base options record come first."""
    inherited: list[Option] = []
    for base in cls.__mro__[1:]:
        inherited = list(getattr(base, "__option_fields__", ())) or inherited
        if inherited:
            break
    fields = {f.name: f for f in inherited}
    namespace = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    for name in cls.__dict__.get("__annotations__", {}):
        value = namespace.pop(name, _MISSING)
        field = value if isinstance(value, Option) else Option(value, None, "", None, {}, False)
        field.name = name
        fields[name] = field
    namespace["__option_fields__"] = tuple(fields.values())
    namespace["__slots__"] = ()
    bases = cls.__bases__ if any(issubclass(b, OptionsRecord) for b in cls.__bases__) else (OptionsRecord,)
    return type(cls.__name__, bases, namespace)


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
    return tuple(getattr(options_cls, "__option_fields__", ()))


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
