"""``pressqa rules``: list the rules, or document one with a failing and a passing example."""

from __future__ import annotations

import inspect
import json
import sys
import textwrap

import click

from .cli import fail
from .errors import PressqaError


@click.command()
@click.argument("rule_id", required=False)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore config files: the default packs only.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(rule_id: str | None, config_path: str | None, isolated: bool, fmt: str) -> None:
    """List every rule (id, category, default level, description), or document RULE_ID."""
    from .config import ConfigResolver

    try:
        settings = ConfigResolver(config_path, isolated=isolated).for_path(None)
    except PressqaError as exc:
        fail(exc)
    if rule_id is None:
        rows = sorted(settings.rules, key=lambda r: r.id)
        if fmt == "json":
            click.echo(json.dumps([rule_summary(r) for r in rows], indent=2))
            return
        width = max((len(r.id) for r in rows), default=10)
        for rule in rows:
            click.echo(f"{rule.id:<{width}}  {rule.category:<17}  {rule.level:<7}  {rule.description}")
        return
    rule = settings.packs.rule(rule_id)
    if rule is None:
        rule = next((r for r in settings.rules if r.id == rule_id), None)
    if rule is None:
        click.echo(f"pressqa: unknown rule {rule_id!r}; run 'pressqa rules' for the list", err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(rule_summary(rule, full=True), indent=2))
        return
    click.echo(render_doc(rule, settings))


def rule_summary(rule, full: bool = False) -> dict:
    data = {
        "id": rule.id,
        "category": rule.category,
        "level": rule.level,
        "type": rule.type,
        "pack": rule.pack,
        "description": rule.description,
        "link": rule.link,
    }
    if full:
        data["documentation"] = type_doc(rule.type)
        data["examples"] = rule.examples
        data["options"] = rule.options
    return data


def type_doc(type_name: str) -> str:
    from .checks import load_type

    return inspect.cleandoc(load_type(type_name).__doc__ or "")


def render_doc(rule, settings) -> str:
    from .checks import load_type
    from .document import Document
    from .engine import Engine

    check_cls = load_type(rule.type)
    out = [f"{rule.id}", "=" * len(rule.id), ""]
    out.append(f"category: {rule.category}    level: {rule.level}    type: {rule.type}    pack: {rule.pack}")
    if rule.aliases:
        out.append(f"aliases: {', '.join(rule.aliases)}")
    if rule.link:
        out.append(f"link: {rule.link}")
    out.append("")
    if rule.description:
        out.extend([rule.description, ""])
    out.append(type_doc(rule.type))
    if rule.doc:
        out.extend(["", inspect.cleandoc(rule.doc)])
    if check_cls.options:
        out.extend(["", "Options:"])
        merged = dict(check_cls.defaults)
        merged.update(rule.options)
        for name, schema in check_cls.options.items():
            value = merged.get(name)
            shown = json.dumps(value, ensure_ascii=False) if value is not None else "(none)"
            if len(shown) > 70:
                shown = shown[:67] + "..."
            out.append(f"  {name} = {shown}")
            if schema.get("description"):
                out.append(f"      {schema['description']}")
    if not rule.enabled:
        # An off-by-default rule still shows what it reports once turned on.
        from dataclasses import replace

        on = replace(rule, level="info")
        settings = replace(settings, rules=[on if r.id == rule.id else r for r in settings.rules])
        out.extend(["", "(off by default: the examples below run with it turned on)"])
    engine = Engine(settings, select=[rule.id])
    for label, key in (("Failing example", "fail"), ("Passing example", "pass")):
        examples = rule.examples.get(key) or []
        if not examples:
            continue
        out.extend(["", f"{label}:"])
        sample = examples[0]
        for line in sample.splitlines() or [""]:
            out.append("    " + line)
        result = engine.check(Document(sample, path="example"))
        if result.findings:
            for f in result.findings:
                suggestion = f" (suggestion: {f.suggestion})" if f.suggestion else ""
                # shorten() collapses whitespace, so indent after it, like "  -> no findings"
                out.append("  " + textwrap.shorten(f"-> {f.line}:{f.column}: {f.message}{suggestion}", 200))
        else:
            out.append("  -> no findings")
    return "\n".join(out)
