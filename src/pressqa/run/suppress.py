"""Suppressing findings: inline directives in HTML comments, and an accept list of known-good terms.

Directives work the same in plain text and in Markdown (where the comment does
not render)::

    <!-- pressqa: disable=doubled-word,spelling -->     off from here ...
    <!-- pressqa: enable=doubled-word -->               ... on again from here
    <!-- pressqa: disable -->                           every rule off (also ``disable=all``)
    <!-- pressqa: enable -->                            every rule on again
    <!-- pressqa: disable-next-line=spelling -->        only the line after the comment
    Bayramov met Grigoryan.  <!-- pressqa: disable-line=spelling -->   only this line
    <!-- pressqa: disable=spelling -- names from the ministry's list -->  a reason after `` -- ``

Names are rule ids (or their aliases), categories, id prefixes ending in ``/``
or ``*`` (``languagetool/``) or ``all``; several are separated by commas or
spaces.  For a block (``disable``/``enable``) the last directive above a
finding that names its rule decides, so ``disable`` followed by
``enable=doubled-word`` leaves every rule but ``doubled-word`` off.

Directives inside fenced code blocks and inline code spans are examples, not
directives.  Findings that lie wholly inside a directive comment (``pressqa:disable``
read as a missing space) are dropped.  A directive pressqa cannot read (a typo
in ``disable``, an unknown rule) is reported by the ``suppression-directive``
rule (check type ``directive-syntax``), never ignored in silence.  With
``--report-unused-suppressions`` a name that suppressed nothing is reported as
an ``unused-suppression`` finding.

The accept list (config ``accept = [...]`` and ``accept_file = "accept.txt"``)
drops every finding whose flagged text is exactly an accepted term (surrounding
quotes and brackets aside): known-good names and acronyms that spelling and
name checks would otherwise flag.  Accepted and suppressed findings are counted
in ``FileResult.suppressed``.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Iterable

from pressqa.records import field, record

from pressqa.errors import ConfigError
from pressqa.findings import CATEGORIES, Finding, Hit
from pressqa.packs.rule import Rule

if TYPE_CHECKING:
    from pressqa.checks import Context
    from pressqa.packs.config import Settings
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine, FileResult

KINDS = ("disable", "enable", "disable-line", "disable-next-line")
#: The check type that reports unreadable directives; its findings are never dropped or suppressed.
DIRECTIVE_TYPE = "directive-syntax"
#: The engine's own rule (no check type, no pack): ``pressqa rules`` lists and documents it.
UNUSED_RULE = Rule(
    id="unused-suppression",
    type="",
    category="style",
    level="warning",
    description="A pressqa suppression directive that suppressed nothing (--report-unused-suppressions).",
    doc="""\
        **What it does.** With ``pressqa check --report-unused-suppressions``,
        reports each name in a ``<!-- pressqa: disable... -->`` directive that
        suppressed no finding, and each bare ``disable`` that suppressed none.
        A name whose rule does not run (turned off, or left out by ``--select``)
        is not reported: nothing can be said about it.

        **Why.** A suppression outlives the text it was written for: once the
        sentence is edited, a stale ``disable`` only hides the next real problem.

        **Example.** ``The talks went well. <!-- pressqa: disable-line=doubled-word -->``
        (there is no doubled word on that line).

        **Leaves alone.** Directives that suppressed something; ``enable``
        directives.  ``--ignore unused-suppression`` (or ``style``) turns the
        findings off.""",
    examples={
        "fail": ["The talks went well. <!-- pressqa: disable-line=doubled-word -->\n"],
        "pass": ["We will continue to to help. <!-- pressqa: disable-line=doubled-word -->\n"],
    },
    pack="pressqa",
)

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_HEAD = re.compile(r"\s*pressqa\s*:\s*", re.I)
_KIND = re.compile(r"[A-Za-z][\w-]*")
_NAME = re.compile(r"[^\s,]+")
_REASON = re.compile(r"\s--(?:\s|$)")
_STRIP = " \t\r\n\"'“”‘’«»()[]{}"
_SPACES = re.compile(r"\s+")


@record
class Directive:
    """One ``<!-- pressqa: ... -->`` comment that pressqa could read."""

    kind: str
    names: tuple[str, ...]  # canonical names; () means every rule
    spans: tuple[tuple[int, int], ...]  # offsets of each name in the text
    start: int  # the comment
    end: int
    line: int  # the lines the comment starts and ends on
    end_line: int
    used: set[int] = field(default_factory=set)  # indices of names that suppressed something; -1 for "all"

    def matches(self, finding: Finding) -> set[int]:
        """The indices of the names that cover *finding* ({-1} when the directive names every rule)."""
        from pressqa.ruleids import rule_matches

        if not self.names:
            return {-1}
        return {index for index, name in enumerate(self.names)
                if rule_matches(finding.rule, finding.category, (name,)) or name in finding.same_as}


@record
class Parsed:
    """The directives of one document, the comment spans they sit in, and the problems found reading them."""

    directives: list[Directive] = field(default_factory=list)
    comments: list[tuple[int, int]] = field(default_factory=list)
    problems: list[Hit] = field(default_factory=list)


def _in_code(doc: "Document", offset: int) -> bool:
    """Is *offset* inside a fenced code block or an inline code span (an example, not a directive)?"""
    para = doc.paragraph_at(offset)
    if para is not None and para.kind == "code":
        return True
    line, column = doc.position(offset)
    before = doc.line_text(line)[: column - 1]
    return before.count("`") % 2 == 1


def _known_names(settings: "Settings | None") -> tuple[set[str], dict[str, str]]:
    """Rule ids (all of them, enabled or not) and the alias map of *settings*."""
    if settings is None:
        return set(), {}
    ids = {rule.id for rule in settings.rules}
    ids.add(UNUSED_RULE.id)
    aliases = dict(getattr(settings.packs, "aliases", {}) or {})
    return ids, aliases


def _check_name(name: str, ids: set[str], aliases: dict[str, str]) -> tuple[str, str | None]:
    """The canonical form of a directive name and, when it names nothing, why."""
    if name in ids or name in CATEGORIES:
        return name, None
    if name in aliases:
        return aliases[name], None
    if name.endswith(("/", "*")):
        stem = name.rstrip("*")
        if any(rule_id.startswith(stem) for rule_id in ids) or stem.rstrip("/") in ids:
            return name, None
    elif "/" in name and name.split("/", 1)[0] in ids:
        return name, None  # a backend's own rule, e.g. languagetool/MORFOLOGIK_RULE_EN_US
    import difflib

    close = difflib.get_close_matches(name, sorted(ids | set(CATEGORIES)), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return name, f"unknown rule or category '{name}' in pressqa directive{hint}"


def parse(doc: "Document", settings: "Settings | None" = None) -> Parsed:
    """Find and read every pressqa directive of *doc*."""
    parsed = Parsed()
    text = doc.text
    if "<!--" not in text:
        return parsed
    ids, aliases = _known_names(settings)
    for m in _COMMENT.finditer(text):
        body_start = m.start(1)
        head = _HEAD.match(text, body_start, m.end(1))
        if head is None or _in_code(doc, m.start()):
            continue
        parsed.comments.append((m.start(), m.end()))
        rest_start = head.end()
        rest = text[rest_start:m.end(1)]
        reason = _REASON.search(rest)
        if reason:
            rest = rest[: reason.start()]
        kind_match = _KIND.match(rest)
        if kind_match is None:
            parsed.problems.append(Hit(m.start(), m.end(), f"empty pressqa directive (expected one of: {', '.join(KINDS)})"))
            continue
        kind = kind_match.group().lower()
        kind_start = rest_start + kind_match.start()
        if kind not in KINDS:
            import difflib

            close = difflib.get_close_matches(kind, KINDS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (expected one of: {', '.join(KINDS)})"
            parsed.problems.append(Hit(kind_start, kind_start + len(kind), f"unknown pressqa directive '{kind}'{hint}",
                                       suggestion=close[0] if close else None))
            continue
        tail = rest[kind_match.end():]
        names: list[str] = []
        spans: list[tuple[int, int]] = []
        every = False
        if tail.strip():
            equals = tail.lstrip()
            if not equals.startswith("="):
                where = rest_start + kind_match.end() + (len(tail) - len(equals))
                parsed.problems.append(Hit(where, where + len(equals.rstrip()),
                                           f"expected '=' and rule names after '{kind}', as in '{kind}=RULE'"))
                continue
            list_start = rest_start + kind_match.end() + (len(tail) - len(equals)) + 1
            listed = list(_NAME.finditer(text, list_start, rest_start + len(rest)))
            if not listed:
                parsed.problems.append(Hit(m.start(), m.end(), f"no rule names after '{kind}='"))
                continue
            bad = False
            for nm in listed:
                name = nm.group()
                if name.lower() == "all":
                    every = True
                    continue
                canonical, problem = _check_name(name, ids, aliases)
                if problem and settings is not None:
                    parsed.problems.append(Hit(nm.start(), nm.end(), problem))
                    bad = True
                    continue
                names.append(canonical)
                spans.append((nm.start(), nm.end()))
            if bad and not names and not every:
                continue
        else:
            every = True
        # Source lines, as findings have: "next line" is the file's next line.
        line, _ = doc.source_position(m.start())
        end_line, _ = doc.source_position(m.end() - 1)
        parsed.directives.append(Directive(
            kind=kind,
            names=() if every else tuple(names),
            spans=((m.start(), m.end()),) if every else tuple(spans),
            start=m.start(), end=m.end(), line=line, end_line=end_line,
        ))
    return parsed


def directives(doc: "Document", ctx: "Context | None", settings: "Settings | None") -> Parsed:
    """:func:`parse`, memoised per document when a check context is at hand."""
    if ctx is None:
        return parse(doc, settings)
    return ctx.memo("pressqa-directives", lambda: parse(doc, settings))


# -- the accept list -------------------------------------------------------------------

_ACCEPT_CACHE: dict[int, tuple[Any, frozenset[str]]] = {}


def accepted_terms(settings: "Settings | None") -> frozenset[str]:
    """The known-good terms of *settings*: ``accept`` plus the lines of ``accept_file``.

    ``accept_file`` is relative to the config file; one term a line, ``#``
    starts a comment line.  A file that cannot be read is a config error.
    """
    if settings is None:
        return frozenset()
    raw = settings.raw or {}
    if "accept" not in raw and "accept_file" not in raw:
        return frozenset()
    cached = _ACCEPT_CACHE.get(id(settings))
    if cached is not None and cached[0] is settings:
        return cached[1]
    terms = {_normalize(term) for term in raw.get("accept", []) if _normalize(term)}
    accept_file = raw.get("accept_file")
    if accept_file:
        from pressqa.resources import clean_path

        path = clean_path(os.path.join(settings.root, accept_file))
        try:
            with open(path, encoding="utf-8-sig") as handle:
                content = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ConfigError(settings.source or "pressqa", f"cannot read {path}: {reason}", key="accept_file") from None
        for line in content.splitlines():
            term = _normalize(line)
            if term and not term.startswith("#"):
                terms.add(term)
    result = frozenset(terms)
    _ACCEPT_CACHE[id(settings)] = (settings, result)
    return result


def _normalize(text: str) -> str:
    return _SPACES.sub(" ", text.strip(_STRIP))


# -- applying them -------------------------------------------------------------------


def apply(doc: "Document", ctx: "Context | None", result: "FileResult", engine: "Engine") -> None:
    """Drop suppressed and accepted findings from *result* (counting them), and add unused-suppression findings."""
    settings = engine.settings
    accepted = accepted_terms(settings)
    parsed = directives(doc, ctx, settings) if "<!--" in doc.text else Parsed()
    if not accepted and not parsed.comments:
        return
    exempt = {rule.id for rule in settings.rules if rule.type == DIRECTIVE_TYPE}
    line_directives = [d for d in parsed.directives if d.kind in ("disable-line", "disable-next-line")]
    block_directives = [d for d in parsed.directives if d.kind in ("disable", "enable")]
    kept: list[Finding] = []
    for finding in result.findings:
        if finding.rule in exempt:
            kept.append(finding)
            continue
        if _inside_comment(finding, parsed.comments):
            continue  # the directive's own text, not the document's
        if accepted and _normalize(doc.text[finding.start:finding.end]) in accepted:
            result.suppressed += 1
            continue
        if _suppressed(finding, line_directives, block_directives):
            result.suppressed += 1
            continue
        kept.append(finding)
    if getattr(engine, "report_unused_suppressions", False):
        kept.extend(_unused(doc, parsed.directives, engine))
        kept.sort(key=Finding.sort_key)
    result.findings = kept


def _inside_comment(finding: Finding, comments: list[tuple[int, int]]) -> bool:
    for start, end in comments:
        if start <= finding.start and finding.end <= end:
            return True
    return False


def _suppressed(finding: Finding, line_directives: list[Directive], block_directives: list[Directive]) -> bool:
    for directive in line_directives:
        if directive.kind == "disable-line":
            on_line = directive.line <= finding.line <= directive.end_line
        else:
            on_line = finding.line == directive.end_line + 1
        if not on_line:
            continue
        covering = directive.matches(finding)
        if covering:
            directive.used |= covering
            return True
    deciding: tuple[Directive, set[int]] | None = None
    for directive in block_directives:
        if directive.end > finding.start:
            break
        covering = directive.matches(finding)
        if covering:
            deciding = (directive, covering)
    if deciding is not None and deciding[0].kind == "disable":
        deciding[0].used |= deciding[1]
        return True
    return False


def _unused(doc: "Document", found: Iterable[Directive], engine: "Engine") -> list[Finding]:
    """Findings for the names of disable directives that suppressed nothing.

    A name that matches no rule of this run (turned off, or left out by
    ``--select``) is not reported: nothing can be said about it.  ``--ignore
    unused-suppression`` (or ``style``) drops them; ``--select`` does not, since
    asking for them is explicit.
    """
    from pressqa.ruleids import rule_matches
    from pressqa.run.stamp import stamp

    active = engine.active_rules()
    out: list[Finding] = []
    for directive in found:
        if directive.kind == "enable":
            continue
        if not directive.names:
            if -1 not in directive.used:
                hit = Hit(directive.start, directive.end, f"unused suppression: '{directive.kind}' suppressed no finding")
                out.append(stamp(doc, UNUSED_RULE, hit))
            continue
        for index, name in enumerate(directive.names):
            if index in directive.used:
                continue
            if not any(rule_matches(rule.id, rule.category, (name,)) or name.startswith(rule.id + "/") for rule in active):
                continue
            start, end = directive.spans[index]
            hit = Hit(start, end, f"unused suppression: no '{name}' finding to suppress here")
            out.append(stamp(doc, UNUSED_RULE, hit))
    if engine.ignore:
        out = [f for f in out if not rule_matches(f.rule, f.category, engine.ignore)]
    return out

