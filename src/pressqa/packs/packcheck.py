"""Checks on loaded rule packs beyond their schema: every rule can be set up, and its examples hold.

Used by ``pressqa rules --check PACK`` and by the meta-tests over the shipped packs.
"""

from __future__ import annotations

from pressqa.records import replace
from typing import TYPE_CHECKING

from pressqa.errors import PressqaError

if TYPE_CHECKING:
    from pressqa.packs.loader import PackSet
    from pressqa.packs.rule import Rule


def setup_problem(rule: "Rule") -> str | None:
    """None if the rule's check builds (patterns compile, formulas parse), else a one-line error."""
    from pressqa.checks import load_type

    try:
        load_type(rule.type)(rule)
    except PressqaError as exc:
        return exc.render()
    except Exception as exc:  # a check that cannot be built is a pack error, reported, not raised
        return f"{rule.source}: rule {rule.id}: cannot be set up: {type(exc).__name__}: {exc}"
    return None


def example_problems(rule: "Rule", packs: "PackSet | None" = None) -> list[str]:
    """Each failing example must give at least one finding of the rule, each passing example none.

    The rule runs alone, but among the other rules of its packs (a suppression
    directive in an example may name them).
    """
    from pressqa.packs.config import Settings
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    live = replace(rule, level="warning" if rule.level == "off" else rule.level)
    others = [r for r in (packs.rules.values() if packs is not None else []) if r.id != rule.id]
    settings = Settings(rules=[live, *others])
    if packs is not None:
        settings.packs = packs
    engine = Engine(settings, select=[rule.id])
    problems = []
    for key in ("fail", "pass"):
        for i, text in enumerate(rule.examples.get(key) or []):
            try:
                result = engine.check(Document(text, path=f"{rule.id} example {key}.{i}"))
            except PressqaError as exc:
                problems.append(exc.render())
                continue
            if result.error:
                problems.append(result.error)
                continue
            # a backend's rule reports under its own ids: languagetool/RULE_ID
            found = [f for f in result.findings if f.rule == rule.id or f.rule.startswith(rule.id + "/")]
            if key == "fail" and not found:
                why = f" ({result.notices[0]})" if result.notices else ""
                problems.append(f"{rule.source}: rule {rule.id}: failing example {i + 1} gives no finding{why}")
            if key == "pass" and found:
                where = ", ".join(f"{f.line}:{f.column} {f.message}" for f in found[:3])
                problems.append(f"{rule.source}: rule {rule.id}: passing example {i + 1} gives findings: {where}")
    return problems


def pack_problems(packs: "PackSet", examples: bool = False) -> list[str]:
    """One-line problems of every rule of a loaded pack set (empty when all is well)."""
    problems = []
    for rule in packs.rules.values():
        problem = setup_problem(rule)
        if problem:
            problems.append(problem)
            continue
        if examples:
            problems.extend(example_problems(rule, packs))
    return problems
