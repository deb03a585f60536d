"""Small records for the check path: findings, rules, settings and results, without ``dataclasses``.

Every ``pressqa check`` in a commit hook is a fresh process, and ``import dataclasses`` costs some
5 ms (it imports ``inspect``, ``ast`` and ``dis``) before each ``@dataclass`` compiles its methods
(~0.5 ms a class): together about a seventh of checking one release.  :func:`record` keeps the
declaration a dataclass has (annotated fields, defaults, :func:`field` with ``default_factory``,
``compare`` and ``hash``; ``frozen=True``) and what the code uses of it (keyword or positional
construction, equality, hashing of frozen records, ``repr``, :func:`replace`, :func:`fields`), with
methods shared by all records instead of generated per class.  Type checkers read records as
dataclasses (PEP 681, ``dataclass_transform``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    try:
        from typing import dataclass_transform  # Python 3.11+
    except ImportError:  # Python 3.10: only type checkers read it
        def dataclass_transform(**_kwargs):
            return lambda function: function

T = TypeVar("T")

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()  # a field with no default


class Field:
    """One field of a record."""

    __slots__ = ("name", "default", "default_factory", "compare", "hash", "repr")

    def __init__(self, default: Any = MISSING, default_factory: "Callable[[], Any] | None" = None,
                 compare: bool = True, hash: "bool | None" = None, repr: bool = True) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.hash = compare if hash is None else hash
        self.repr = repr

    @property
    def has_default(self) -> bool:
        return self.default is not MISSING or self.default_factory is not None

    def default_value(self) -> Any:
        return self.default_factory() if self.default_factory is not None else self.default


def field(*, default: Any = MISSING, default_factory: "Callable[[], Any] | None" = None, compare: bool = True,
          hash: "bool | None" = None, repr: bool = True) -> Any:
    """A field with a default factory, or left out of equality, hashing or ``repr``."""
    return Field(default, default_factory, compare, hash, repr)


class Record:
    """The shared methods of records (set up by :func:`record`)."""

    __record_fields__: tuple[Field, ...] = ()
    __record_frozen__: bool = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self.__record_fields__
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} positional arguments, {len(args)} given")
        put = object.__setattr__
        for i, f in enumerate(fields):
            if i < len(args):
                if f.name in kwargs:
                    raise TypeError(f"{type(self).__name__}() got two values for {f.name!r}")
                value = args[i]
            elif f.name in kwargs:
                value = kwargs.pop(f.name)
            elif f.default is not MISSING:
                value = f.default
            elif f.default_factory is not None:
                value = f.default_factory()
            else:
                raise TypeError(f"{type(self).__name__}() is missing {f.name!r}")
            put(self, f.name, value)
        if kwargs:
            raise TypeError(f"{type(self).__name__}() got unexpected {sorted(kwargs)}")
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in self.__record_fields__ if f.compare)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in self.__record_fields__ if f.repr)
        return f"{type(self).__qualname__}({shown})"


class FrozenError(AttributeError):
    """Setting a field of a frozen record (as ``dataclasses.FrozenInstanceError`` is)."""


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenError(f"cannot assign to field {name!r}: {type(self).__name__} is frozen")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenError(f"cannot delete field {name!r}: {type(self).__name__} is frozen")


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, f.name) for f in self.__record_fields__ if f.hash))


def _is_classvar(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))


@dataclass_transform(field_specifiers=(field, Field))
def record(cls: Any = None, /, *, frozen: bool = False) -> Any:
    """Make *cls* a record (as ``@dataclass`` / ``@dataclass(frozen=True)`` would)."""

    def wrap(cls: type) -> type:
        namespace = dict(cls.__dict__)
        namespace["__record_frozen__"] = frozen
        if frozen:
            namespace["__setattr__"] = _frozen_setattr
            namespace["__delattr__"] = _frozen_delattr
            namespace.setdefault("__hash__", _hash)
        elif "__eq__" not in cls.__dict__ and "__hash__" not in cls.__dict__:
            namespace["__hash__"] = None  # mutable and compared by value: unhashable, as a dataclass
        return make_class(cls, namespace, Record, Field, keep_defaults=True)

    return wrap if cls is None else wrap(cls)


def make_class(cls: type, namespace: dict[str, Any], base: type, field_type: type[Field], keep_defaults: bool) -> type:
    """*cls* remade as a subclass of *base* (a :class:`Record`) with *namespace*, its annotated
    attributes its fields (each a plain default or a *field_type*), after its bases' fields.

    With *keep_defaults*, a field's default stays a class attribute, as a dataclass keeps it."""
    fields: dict[str, Field] = {}
    for ancestor in reversed(cls.__mro__[1:]):
        for f in ancestor.__dict__.get("__record_fields__", ()):
            fields[f.name] = f
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_classvar(annotation):
            continue
        value = namespace.get(name, MISSING)
        f = value if isinstance(value, field_type) else field_type(default=value)
        if keep_defaults and f.default is not MISSING:
            namespace[name] = f.default
        else:
            namespace.pop(name, None)
        f.name = name
        fields[name] = f
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace["__record_fields__"] = tuple(fields.values())
    bases = cls.__bases__ if any(issubclass(b, base) for b in cls.__bases__) else (
        *(b for b in cls.__bases__ if b is not object and not issubclass(base, b)), base)
    made = type(cls.__name__, bases, namespace)
    made.__qualname__ = cls.__qualname__
    return made


def fields(obj: Any) -> tuple[Field, ...]:
    """The fields of a record or record class, in order."""
    return tuple(getattr(obj, "__record_fields__"))


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of record *obj* with *changes* (as ``dataclasses.replace``, which a dataclass gets)."""
    if not hasattr(obj, "__record_fields__"):
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    values = {f.name: getattr(obj, f.name) for f in obj.__record_fields__}  # type: ignore[attr-defined]
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)
