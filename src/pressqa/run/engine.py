"""The engine: run the enabled rules over a document and turn their hits into findings.

Checks yield hits (offsets, message, suggestion, fix); the engine stamps the
rule id, category, severity and link, converts offsets to lines and columns,
applies scope and ``--select``/``--ignore``, drops duplicates and sorts, then
applies suppression directives and the accept list (:mod:`pressqa.suppress`).
"""

from __future__ import annotations

import os
import sys
from bisect import bisect_left
from pressqa.records import field, record
from functools import cached_property
from typing import Iterable, Iterator

from pressqa.checks import Check, Context, load_type
from pressqa.packs.config import Settings
from pressqa.model.document import Document
from pressqa.errors import ConfigError, PressqaError
from pressqa.findings import Finding, Hit, Severity
from pressqa.packs.rule import Rule
from pressqa.ruleids import rule_matches, unknown_patterns  # noqa: F401 (re-exported)
from pressqa.run.stamp import in_scope, stamp  # noqa: F401 (re-exported)
from pressqa.run.suppress import apply as apply_suppressions


@record
class FileResult:
    """What checking one file produced."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # one line: the file could not be read or checked
    notices: list[str] = field(default_factory=list)  # one-line remarks for stderr
    suppressed: int = 0
    baselined: int = 0
    doc: Document | None = None


class Engine:
    """Runs one configuration's rules; check instances are built once and reused across files."""

    def __init__(self, settings: Settings, select: Iterable[str] = (), ignore: Iterable[str] = (),
                 report_unused_suppressions: bool = False) -> None:
        self.settings = settings
        self.report_unused_suppressions = report_unused_suppressions
        aliases = settings.packs.aliases
        # An old id (an alias kept after a rename) selects the rule under its new id.
        self.select = tuple(aliases.get(p, p) for p in select)
        self.ignore = tuple(aliases.get(p, p) for p in ignore)
        from pressqa.run.suppress import UNUSED_RULE

        known = [rule.id for rule in settings.rules] + [UNUSED_RULE.id]  # the engine's own rule
        for option, patterns in (("--select", self.select), ("--ignore", self.ignore)):
            bad = unknown_patterns(patterns, known)
            if bad:
                from pressqa.findings import CATEGORIES
                from pressqa.ruleids import did_you_mean

                hint = did_you_mean(bad[0], [*known, *CATEGORIES])
                raise ConfigError(option, f"unknown rule or category {bad[0]!r}{hint} (see 'pressqa rules')")
        self._checks: dict[str, Check] = {}

    def active_rules(self) -> list[Rule]:
        """The enabled rules ``--select``/``--ignore`` leave running.

        A rule runs when ``--select`` names its id, its category or any category
        its check type may emit (the LanguageTool rule reports spelling and
        punctuation too); ``--ignore`` stops it by id, or when every category it
        may emit is ignored.  Findings are filtered by their own category after.
        """
        rules = []
        for rule in self.settings.enabled_rules:
            if self.select and not (rule_matches(rule.id, rule.category, self.select) or self._selects_subrules(rule)
                                    or self._selects_emitted(rule)):
                continue
            if self.ignore and self._ignores_rule(rule):
                continue
            rules.append(rule)
        return rules

    def _categories(self, rule: Rule) -> set[str]:
        try:
            return load_type(rule.type).categories(rule)
        except (KeyError, ImportError):
            return {rule.category}

    def _selects_emitted(self, rule: Rule) -> bool:
        return any(category in self.select for category in self._categories(rule))

    def _ignores_rule(self, rule: Rule) -> bool:
        if rule_matches(rule.id, "", self.ignore):
            return True
        return all(category in self.ignore for category in self._categories(rule))

    def _selects_subrules(self, rule: Rule) -> bool:
        return any(p.startswith(rule.id + "/") for p in self.select)

    def instance(self, rule: Rule) -> Check:
        check = self._checks.get(rule.id)
        if check is None:
            check = load_type(rule.type)(rule)
            self._checks[rule.id] = check
        return check

    def check(self, doc: Document) -> FileResult:
        result = FileResult(path=doc.path, doc=doc)
        ctx = Context(doc, self.settings)
        findings: list[Finding] = []
        rules = self.active_rules()
        forget_after = self._forget_after(rules)
        for i, rule in enumerate(rules):
            try:
                check = self.instance(rule)
                for hit in feed(check, doc, ctx):
                    finding = stamp(doc, rule, hit)
                    if not in_scope(doc, rule, finding):
                        continue
                    findings.append(finding)
            except PressqaError:
                raise
            except Exception as exc:  # a bug in one rule must not lose the other findings
                if os.environ.get("PRESSQA_DEBUG"):
                    import traceback  # only when debugging: it costs ~1.5 ms of every start-up

                    traceback.print_exc(file=sys.stderr)
                result.error = f"{doc.path}: internal error in rule {rule.id}: {type(exc).__name__}: {exc}"
            for key in forget_after.get(i, ()):
                ctx.forget(key)
        result.notices.extend(ctx.notices)
        findings = [f for f in findings if self._selected(f) and not self._silenced(f)]
        result.findings = one_finding_per_problem(dedupe(findings))
        apply_suppressions(doc, ctx, result, self)
        return result

    @staticmethod
    def _forget_after(rules: list[Rule]) -> dict[int, list[str]]:
        """For each memo the rules' types declare (:attr:`Check.memos`), the index of the last
        rule that reads it: after that rule, nothing asks for it again."""
        last: dict[str, int] = {}
        for i, rule in enumerate(rules):
            try:
                declared = load_type(rule.type).memos
            except Exception:  # noqa: BLE001 - an unknown or broken type is reported when its rule runs
                continue
            for key in declared:
                last[key] = i
        forget: dict[int, list[str]] = {}
        for key, i in last.items():
            forget.setdefault(i, []).append(key)
        return forget

    def _silenced(self, finding: Finding) -> bool:
        """A backend's finding whose built-in equivalent is turned off or ignored: one problem,
        one decision (``doubled-word = "off"`` also silences ENGLISH_WORD_REPEAT_RULE)."""
        if not finding.same_as:
            return False
        off = self._turned_off
        return any(rule_id in off or rule_matches(rule_id, "", self.ignore) for rule_id in finding.same_as)

    @cached_property
    def _turned_off(self) -> frozenset[str]:
        """The ids of the rules this configuration turns off."""
        enabled = {rule.id for rule in self.settings.enabled_rules}
        return frozenset(r.id for r in self.settings.rules if r.id not in enabled)

    def _selected(self, finding: Finding) -> bool:
        if self.select and not rule_matches(finding.rule, finding.category, self.select):
            return False
        if self.ignore and rule_matches(finding.rule, finding.category, self.ignore):
            return False
        return True


def feed(check: Check, doc: Document, ctx: Context) -> Iterator[Hit]:
    """The hits of *check* on *doc*, fed the unit and paragraph kinds it declares."""
    fed = ctx.fed(check.kinds)
    if check.unit == "paragraph":
        for para in fed.paragraphs:
            yield from check.check_paragraph(doc, para, fed)
    else:
        yield from check.check(doc, fed)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Sort and drop duplicates: the same rule on the same span, or a backend's
    finding (``languagetool/...``) that overlaps a finding of the same category
    from a built-in rule (whose message and suggestion are made for press copy)."""
    findings.sort(key=Finding.sort_key)
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        if "/" not in f.rule:
            spans.setdefault(f.category, []).append((f.start, f.end))
    builtin = {category: _SpanIndex(found) for category, found in spans.items()}
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.start, f.end)
        if key in seen:
            continue
        if "/" in f.rule and f.category in builtin and builtin[f.category].overlaps(f.start, f.end):
            continue
        seen.add(key)
        out.append(f)
    return out


class _SpanIndex:
    """Spans to test for overlap in O(log n): sorted starts with the running maximum of their ends."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.exact = set(ordered)
        self.starts = [start for start, _ in ordered]
        self.max_end: list[int] = []
        top = -1
        for _, end in ordered:
            top = max(top, end)
            self.max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        """Does [start, end) share a character with one of the spans (or sit on the same point)?"""
        if (start, end) in self.exact:
            return True
        i = bisect_left(self.starts, end)  # the spans that start before *end*
        return i > 0 and self.max_end[i - 1] > start


def one_finding_per_problem(findings: list[Finding]) -> list[Finding]:
    """Merge findings of several rules on the same span into one (sorted *findings* in, sorted out).

    A backend's finding (``languagetool/...``) on exactly the span of a built-in finding is the
    same problem said less well: it goes.  Built-in rules of several packs on the same span with
    the same suggestion (``Kiev`` in a house pack, the AP pack and the press pack) are one
    finding: the most severe is kept (the first, on a tie) and its message names the others.
    """
    out: list[Finding] = []
    i = 0
    while i < len(findings):
        j = i
        while j + 1 < len(findings) and findings[j + 1].start == findings[i].start \
                and findings[j + 1].end == findings[i].end:
            j += 1
        group = findings[i:j + 1]
        i = j + 1
        if len(group) == 1:
            out.extend(group)
            continue
        builtin = [f for f in group if "/" not in f.rule]
        kept = builtin if builtin else group
        by_suggestion: dict[object, list[Finding]] = {}
        for f in kept:
            by_suggestion.setdefault(f.suggestion, []).append(f)
        for same in by_suggestion.values():
            if len(same) == 1 or any(f.suggestion is None for f in same):
                out.extend(same)
                continue
            best = max(same, key=lambda f: f.severity)
            others = sorted({f.rule for f in same if f.rule != best.rule})
            if others:
                from pressqa.records import replace

                best = replace(best, message=f"{best.message} (also: {', '.join(others)})")
            out.append(best)
    out.sort(key=Finding.sort_key)
    return out


def gate(findings: Iterable[Finding], fail_on: str) -> bool:
    """True when any finding is at or above the gate severity (never, for ``never``)."""
    if fail_on == "never":
        return False
    threshold = Severity.parse(fail_on)
    return any(f.severity >= threshold for f in findings)
