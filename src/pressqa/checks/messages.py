"""Message catalogues: every message a check type can give, in one place, with the fields it fills.

A check type declares its catalogue once::

    messages = Messages(
        unopened="closing '{mark}' with no opening bracket",
        unclosed="'{mark}' is never closed in this paragraph",
    )

and says a message by its id: ``self.say("unclosed", mark=ch)``.  The fields a message offers
are the placeholders of its default template plus any declared with :class:`Message`
(``Message("avoid '{match}'", fields=("rule",))``), so that a pack can word a message with
them.  A pack's ``message`` is either one template for every message of the rule, which may
use only the fields all of them fill, or a mapping from message id to template::

    message:
      unclosed: "'{mark}' opened here is not closed"

Both are checked when the pack is loaded (and by ``pressqa rules --check``): an unknown
message id or a field the message does not fill is an error at the pack's file, line and key,
never a ``{field}`` left in a finding.  This is pyflakes' messages module and ruff's
violation-owns-its-message, as data a house can reword.
"""

from __future__ import annotations

import string
from typing import Any, Iterator, Mapping


def placeholders(template: str) -> tuple[str, ...]:
    """The named fields of *template*, in order, once each (numbered fields are left out)."""
    seen: list[str] = []
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return ()
    for _literal, field, _spec, _conversion in parts:
        if field and not field.isdigit() and field not in seen:
            seen.append(field)
    return tuple(seen)


class Message:
    """One message of a check type: its default wording and the fields it fills beyond those
    its wording uses (a pack may word the message with them).  (A plain class: a dataclass
    would compile its methods at every start-up.)"""

    __slots__ = ("template", "extra", "_fields")

    def __init__(self, template: str, extra: tuple[str, ...] = ()) -> None:
        self.template = template
        self.extra = tuple(extra)
        self._fields: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"Message({self.template!r}, extra={self.extra!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.template, self.extra) == (other.template, other.extra)

    def __hash__(self) -> int:
        return hash((self.template, self.extra))

    @property
    def fields(self) -> frozenset[str]:
        """The fields it fills: worked out on first use (every finding's ``say`` asks), then kept."""
        if self._fields is None:
            self._fields = frozenset(placeholders(self.template)) | frozenset(self.extra)
        return self._fields


class Messages(Mapping[str, Message]):
    """A check type's catalogue: message id -> :class:`Message`.

    ``numbered=True`` lets templates use group numbers (``{1}``) too (a pattern rule's
    message names the groups of its regex).
    """

    def __init__(self, *, numbered: bool = False, **entries: "str | Message") -> None:
        self.numbered = numbered
        self._entries = {key: value if isinstance(value, Message) else Message(value) for key, value in entries.items()}

    def __getitem__(self, key: str) -> Message:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Messages({', '.join(self._entries)})"

    @property
    def common_fields(self) -> frozenset[str]:
        """The fields every message fills: those a single pack template may use."""
        sets = [m.fields for m in self._entries.values()]
        return frozenset.intersection(*sets) if sets else frozenset()

    def problem(self, value: Any) -> "tuple[list[str], str] | None":
        """Why a pack's ``message`` value does not fit this catalogue, as (key path below
        ``message``, one-line reason), or None when it fits."""
        if isinstance(value, str):
            return self._template_problem([], value, self.common_fields, "every message of this rule")
        if isinstance(value, Mapping):
            for key, template in value.items():
                if key not in self._entries:
                    known = ", ".join(self._entries) or "none"
                    return [str(key)], f"unknown message {key!r} (this rule's messages: {known})"
                if not isinstance(template, str):
                    return [str(key)], "a message is a string"
                problem = self._template_problem([str(key)], template, self._entries[key].fields, f"message {key!r}")
                if problem:
                    return problem
            return None
        return [], "a message is a string, or a mapping from message id to string"

    def _template_problem(self, path: list[str], template: str, fields: frozenset[str],
                          what: str) -> "tuple[list[str], str] | None":
        from pressqa.templates import template_problem

        bad = template_problem(template)
        if bad:
            return path, bad
        unknown = [f for f in placeholders(template) if f not in fields]
        if unknown:
            offered = ", ".join("{" + f + "}" for f in sorted(fields)) or "no fields"
            return path, f"'{{{unknown[0]}}}' is not filled by {what} (it offers {offered})"
        if not self.numbered and _has_numbered(template):
            return path, "numbered fields ({1}) are for pattern rules' groups; use a named field"
        return None

    def wording(self, key: str, pack_message: "str | Mapping[str, str] | None") -> str:
        """The template to say message *key* with: the pack's own wording, else the default."""
        if isinstance(pack_message, str):
            return pack_message
        if isinstance(pack_message, Mapping) and key in pack_message:
            return pack_message[key]
        return self._entries[key].template


def _has_numbered(template: str) -> bool:
    try:
        return any(field is not None and field.isdigit() for _l, field, _s, _c in string.Formatter().parse(template))
    except ValueError:
        return False
