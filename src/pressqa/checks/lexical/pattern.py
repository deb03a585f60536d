"""A regular expression with a message (check type ``pattern``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from pressqa.checks import Context
from pressqa.checks.lexical.matching import LexicalCheck
from pressqa.checks.messages import Message, Messages, placeholders
from pressqa.checks.options import option, options
from pressqa.findings import Edit, Hit
from pressqa.packs.regexes import compile_error

if TYPE_CHECKING:
    from pressqa.model.document import Document

#: The fields a pattern's message and suggestion fill besides its groups.
_FIELDS = ("match", "rule")


class _GroupMessages(Messages):
    """A pattern rule's catalogue: its templates may name the pattern's groups too, by number
    (``{1}``) or by name (``{last}``).  The catalogue cannot know a rule's group names, so
    :meth:`Pattern.validate_options` checks them against the rule's pattern."""

    def _template_problem(self, path: list[str], template: str, fields: frozenset[str],
                          what: str) -> "tuple[list[str], str] | None":
        return super()._template_problem(path, template, fields | frozenset(placeholders(template)), what)


def _templates(body: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """(key path, template) of every message and the suggestion of a rule body."""
    message = body.get("message")
    if isinstance(message, str):
        yield ["message"], message
    elif isinstance(message, dict):
        for key, template in message.items():
            if isinstance(template, str):
                yield ["message", key], template
    if isinstance(body.get("suggestion"), str):
        yield ["suggestion"], body["suggestion"]


def _group_problem(compiled: Any, body: dict[str, Any]) -> tuple[Any, str] | None:
    """A template that names a group the pattern does not have, as a validation problem."""
    import string

    for path, template in _templates(body):
        try:
            fields = [f for _l, f, _s, _c in string.Formatter().parse(template) if f]
        except ValueError:
            continue  # the template check reports it
        for field in fields:
            known = field in _FIELDS or field in compiled.groupindex
            if field.isdigit():
                known = int(field) <= compiled.groups
            if not known:
                offered = [*("{" + f + "}" for f in _FIELDS), *(f"{{{i}}}" for i in range(compiled.groups + 1)),
                           *("{" + name + "}" for name in compiled.groupindex)]
                return path, f"'{{{field}}}' is not filled by this pattern (it offers {', '.join(offered)})"
    return None


class Pattern(LexicalCheck):
    """A regular expression with a message, for anything the other types do not cover.

    **What it does.** Reports every match of ``pattern`` (``regex`` module
    syntax, run with a time limit).  The ``message`` and the optional
    ``suggestion`` are templates: ``{match}`` is the whole match, ``{1}``,
    ``{2}``... its groups and ``{name}`` a named group.  ``group`` reports the
    span of one group instead of the whole match.  With ``fix: true`` the
    suggestion replaces the reported span as a safe fix.  Matching is paragraph
    by paragraph unless ``raw: true``, which searches the whole text, blank
    lines included.

    **Why.** Every house has a rule no list of words expresses: a date format, a
    phone-number format, spacing.

    **Example.**

    ```yaml
    phone-format:
      type: pattern
      category: style
      pattern: '\\((\\d{3})\\) (\\d{3})-(\\d{4})'
      message: "write phone numbers as {1}-{2}-{3}"
      suggestion: "{1}-{2}-{3}"
    ```

    **Leaves alone.** Whatever the pattern does not match; fenced code blocks
    (unless ``raw``).
    """

    type = "pattern"
    fixable = True
    messages = _GroupMessages(numbered=True, match=Message("matches the pattern of rule {rule}", extra=("match",)))

    @options
    class Options:
        pattern: str = option(description="the regular expression", minLength=1)
        ignorecase: bool = option(False, "match regardless of case (default false)")
        group: int | str = option(0, "the group whose span is reported (default: the whole match)", schema={
            "oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "minLength": 1}]})
        suggestion: str | None = option(None, "a template for the suggested text")
        fix: bool = option(False, "apply the suggestion as a safe fix (default false)")
        raw: bool = option(False, "search the whole text, not paragraph by paragraph")

    o: Options

    @staticmethod
    def validate_options(body: dict[str, Any]) -> tuple[Any, str] | None:
        import regex

        if "type" in body and "message" not in body:
            # A pattern says nothing by itself: a new pattern rule words its message (a key of
            # the rule, not an option, so not among the required options).
            return [], "'message' is required"
        if "pattern" not in body:
            return None
        problem = compile_error(body.get("pattern"))
        if problem:
            return "pattern", problem
        compiled = regex.compile(body["pattern"])
        group = body.get("group", 0)
        if isinstance(group, int) and group > compiled.groups:
            return "group", f"the pattern has {compiled.groups} group(s), not {group}"
        if isinstance(group, str) and group not in compiled.groupindex:
            return "group", f"the pattern has no group named {group!r}"
        if body.get("fix") and body.get("suggestion") is None:
            return "fix", "a fix needs a 'suggestion' (the replacement text)"
        return _group_problem(compiled, body)

    def setup(self) -> None:
        import regex

        self._pattern = regex.compile(self.o.pattern, self.flags())

    def _matches(self, doc: "Document", ctx: Context) -> Iterator[Any]:
        if self.o.raw:
            yield from self.search(self._pattern, doc, ctx, 0, len(doc.text))
            return
        for para in ctx.paragraphs:
            yield from self.search(self._pattern, doc, ctx, para.start, para.end)

    def check(self, doc: "Document", ctx: Context) -> Iterator[Hit]:
        from pressqa.templates import render

        group = self.o.group
        for m in self._matches(doc, ctx):
            start, end = m.span(group)
            if start < 0:
                continue
            # the whole match is group {0}; a named group may shadow {match} or {rule}
            groups = [m.group(), *(g if g is not None else "" for g in m.groups())]
            fields = {"rule": self.rule.id, "match": m.group(),
                      **{k: (v if v is not None else "") for k, v in m.groupdict().items()}}
            suggestion = render(self.o.suggestion, *groups, **fields) if self.o.suggestion is not None else None
            fix: tuple[Edit, ...] = ()
            if self.o.fix and suggestion is not None:
                fix = (Edit(start, end, suggestion),)
            yield Hit(start=start, end=end, message=self.say("match", *groups, **fields), suggestion=suggestion,
                      fix=fix)
