"""Message templates, filled safely: named fields only (``{match}``, ``{seen}``), or group numbers.

A pack or a request's config may give a rule its own ``message`` (and a pattern rule its
``suggestion``).  Python's ``str.format`` would let such a template pad a field to fifty
million characters (``{seen:>50000000}``) or walk into the objects behind it
(``{seen.__class__.__mro__}``).  Templates here are parsed, never formatted by Python: a field
is a plain name or a number, with no format spec, no conversion and no attribute or index.
Packs and configs are checked when they are loaded (:func:`template_problem`), and
:func:`render` refuses to expand anything else.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Any

_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")


def template_problem(template: str) -> str | None:
    """Why *template* may not be used (a one-line reason), or None when it is safe."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"not a valid message template: {exc}"
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if conversion or spec:
            return f"'{{{field}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}': " \
                   "a field takes no conversion or format spec; write {name}"
        if not _FIELD.fullmatch(field):
            return f"'{{{field}}}': a field is a plain name such as {{match}}, with no attribute or index"
    return None


@lru_cache(maxsize=1024)
def _parsed(template: str) -> tuple[tuple[str, str | None], ...] | None:
    """*template*'s literal text and fields, or None when it is unsafe (parsed once per template,
    not for every finding)."""
    if template_problem(template) is not None:
        return None
    return tuple((literal, field) for literal, field, _spec, _conversion in string.Formatter().parse(template))


def render(template: str, *args: Any, **fields: Any) -> str:
    """*template* with its fields filled from *fields* (and *args* by number); a field with no
    value is left as written, and an unsafe template is returned as it is, unexpanded."""
    parts = _parsed(template)
    if parts is None:
        return template
    out: list[str] = []
    for literal, field in parts:
        out.append(literal)
        if field is None:
            continue
        if field.isdigit():
            index = int(field)
            out.append(str(args[index]) if index < len(args) else "{" + field + "}")
        elif field in fields:
            out.append(str(fields[field]))
        else:
            out.append("{" + field + "}")
    return "".join(out)
