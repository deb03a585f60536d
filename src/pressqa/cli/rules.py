"""``pressqa rules``: list the rules, or document one with a failing and a passing example."""

from __future__ import annotations

import inspect
import json
import sys
import textwrap

import click

from pressqa.cli.main import fail
from pressqa.errors import PressqaError


@click.command()
@click.argument("args", nargs=-1, metavar="[RULE_ID | PACK...]")
@click.option("--check", "check_packs", is_flag=True,
              help="Validate the PACKs (shipped names or YAML paths) without checking any text.")
@click.option("--examples", is_flag=True, help="With --check: also run each rule's failing and passing examples.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore config files: the default packs only.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(args: tuple[str, ...], check_packs: bool, examples: bool, config_path: str | None, isolated: bool,
          fmt: str) -> None:
    """List every rule (id, category, default level, description), or document RULE_ID.

    With --check, validate rule packs instead: each PACK is loaded with the packs
    it extends, and every error is printed as one line naming the file, the line
    and the key.  Exit code 0 when all packs are valid, 2 otherwise.
    """
    from pressqa.packs.config import ConfigResolver

    if check_packs:
        if not args:
            click.echo("pressqa: rules --check needs at least one PACK (a shipped name or a YAML file)", err=True)
            sys.exit(2)
        sys.exit(check_pack_files(list(args), examples))
    if examples:
        click.echo("pressqa: --examples goes with --check", err=True)
        sys.exit(2)
    if len(args) > 1:
        click.echo("pressqa: give one RULE_ID (or --check PACK...)", err=True)
        sys.exit(2)
    rule_id = args[0] if args else None
    try:
        settings = ConfigResolver(config_path, isolated=isolated).for_path(None)
    except PressqaError as exc:
        fail(exc)
    if rule_id is None:
        rows = listed_rules(settings)
        if fmt == "json":
            click.echo(json.dumps([rule_summary(r) for r in rows], indent=2))
            return
        width = max((len(r.id) for r in rows), default=10)
        for rule in rows:
            click.echo(f"{rule.id:<{width}}  {rule.category:<17}  {rule.level:<7}  {rule.description}")
        return
    backend_doc = backend_rule_doc(rule_id, settings, fmt)
    if backend_doc is not None:
        click.echo(backend_doc)
        return
    rule = settings.packs.rule(rule_id)
    if rule is None:
        rule = next((r for r in listed_rules(settings) if r.id == rule_id), None)
    note = None
    if rule is None:
        # A rule of a shipped pack this config does not use: document it, and say how to turn it on.
        found = shipped_rule(rule_id, settings)
        if found is None:
            from pressqa.ruleids import did_you_mean

            hint = did_you_mean(rule_id, [r.id for r in listed_rules(settings)])
            click.echo(f"pressqa: unknown rule {rule_id!r}{hint}; run 'pressqa rules' for the list", err=True)
            sys.exit(2)
        rule, settings, note = found
    if fmt == "json":
        data = rule_summary(rule, full=True)
        if note:
            data["enabled"] = False
            data["note"] = note
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(render_doc(rule, settings, note))


def backend_rule_doc(rule_id: str, settings, fmt: str) -> str | None:
    """The documentation of a backend's rule (``languagetool/MORFOLOGIK_RULE_EN_US``), or None when
    *rule_id* does not name one: what LanguageTool calls it, how pressqa reports it, how to tune it."""
    parent_id, _, sub = rule_id.partition("/")
    parent = settings.packs.rule(parent_id) if sub else None
    if parent is None or parent.type != "languagetool" or not sub:
        return None
    from pressqa.backends.ltrules import describe
    from pressqa.checks import load_type

    from pressqa.checks.languagetool import LanguageToolCheck

    check = load_type(parent.type)(parent)
    assert isinstance(check, LanguageToolCheck)
    described = describe(sub)
    mapped = check.category_map.get(sub) or (check.category_map.get(described.category_id) if described else None)
    if mapped is None and sub.startswith("MORFOLOGIK_RULE"):
        mapped = "spelling"  # LanguageTool's spell checkers (one per variety of English) are Java rules
    same_as = sorted(check.same_as.get(sub, ()))
    disabled = sub in check.o.disabled_rules
    data = {
        "id": rule_id,
        "backend": "LanguageTool",
        "name": described.name if described else None,
        "languagetool_category": described.category_id if described else None,
        "category": mapped or "by LanguageTool's category (grammar by default)",
        "same_as": same_as,
        "disabled_by_pack": disabled,
        "level": parent.level,
    }
    if fmt == "json":
        return json.dumps(data, indent=2)
    out = [rule_id, "=" * len(rule_id), ""]
    if described is not None:
        out.append(f"LanguageTool rule {sub}: {described.name or '(no name)'}"
                   + (f" (category {described.category_id}: {described.category_name})" if described.category_id else ""))
    else:
        out.append(f"LanguageTool rule {sub}: not among LanguageTool's XML rules here: a rule written in Java "
                   "(the spell checker, the word-repeat rule), or LanguageTool is not installed "
                   "('pressqa languagetool install'); its findings carry LanguageTool's own message.")
    out.append(f"Reported as: category {data['category']}, level {parent.level} (the '{parent_id}' rule's)")
    if same_as:
        out.append(f"Reports what {', '.join(same_as)} reports: turning that off, ignoring it or disabling it in a "
                   "directive silences this rule too, and on the same span only the built-in finding is kept.")
    if disabled:
        out.append(f"Turned off by the '{parent.pack}' pack (disabled_rules).")
    out.extend(["", "Tune it in pressqa.toml:", '  [rules]', f'  "{rule_id}" = "off"    # or "info", "warning", "error"'])
    return "\n".join(out)


def shipped_rule(rule_id: str, settings):
    """``(rule, settings to run its examples, note)`` for a rule of a shipped pack not in *settings*, or None."""
    from pressqa.packs.config import DEFAULT_PACKS, Settings
    from pressqa.packs.loader import load_packs
    from pressqa.resources import shipped_names

    used = list(settings.raw.get("extends", DEFAULT_PACKS))
    for name in shipped_names():
        if name in used:
            continue
        try:
            packs = load_packs([name], None, f"<pressqa>/rules/{name}.yaml")
        except PressqaError:
            continue
        rule = packs.rule(rule_id)
        if rule is None:
            continue
        extends = ", ".join(json.dumps(ref) for ref in [*used, name])
        note = (f"not enabled by your configuration: it is in the shipped pack '{name}'; "
                f"turn it on with extends = [{extends}] in pressqa.toml")
        return rule, Settings(packs=packs, rules=list(packs.rules.values())), note
    return None


def check_pack_files(refs: list[str], examples: bool = False) -> int:
    """Validate each pack; print "PACK: ok (N rules)" or its errors.  Returns the exit code."""
    from pressqa.packs.packcheck import pack_problems
    from pressqa.packs.loader import load_packs

    code = 0
    referrer = "<command line>"
    for ref in refs:
        problem = pack_unreadable(ref)
        if problem:
            click.echo(f"pressqa: {ref}: {problem}", err=True)
            code = 2
            continue
        try:
            packs = load_packs([ref], None, referrer)
        except PressqaError as exc:
            # an error about the PACK argument itself names the argument, not a config key
            line = f"{ref}: {exc.message}" if exc.path == referrer else exc.render()
            click.echo(f"pressqa: {line}", err=True)
            code = 2
            continue
        problems = pack_problems(packs, examples=examples)
        if problems:
            for problem in problems:
                click.echo(f"pressqa: {problem}", err=True)
            code = 2
            continue
        count = len(packs.rules)
        click.echo(f"{ref}: ok ({count} rule{'s' if count != 1 else ''})")
    return code


def listed_rules(settings) -> list:
    """The rules of *settings* and the engine's own (``unused-suppression``), by id."""
    from pressqa.run.suppress import UNUSED_RULE

    return sorted([*settings.rules, UNUSED_RULE], key=lambda r: r.id)


def pack_unreadable(ref: str) -> str | None:
    """Why the PACK argument *ref* (a path or a shipped name) cannot be read, or None."""
    import os

    from pressqa.packs.loader import _is_path
    from pressqa.resources import read_shipped, shipped_names

    if not _is_path(ref):
        if read_shipped(f"{ref}.yaml") is None:
            return f"unknown pack (shipped packs: {', '.join(shipped_names())}; a pack file ends in .yaml)"
        return None
    try:
        with open(os.path.expanduser(ref), "rb"):
            pass
    except OSError as exc:
        return f"cannot read pack: {exc.strerror or exc}"
    return None


def rule_summary(rule, full: bool = False) -> dict:
    data = {
        "id": rule.id,
        "category": rule.category,
        "level": rule.level,
        "type": rule.type,
        "pack": rule.pack,
        "description": rule.description,
        "link": rule.link,
        "fixable": rule_fixable(rule),
    }
    from pressqa.packs.precision import for_rule

    measured = for_rule(rule.id)
    if measured is not None:
        data["measured_precision"] = {kind: {"defects": m.true, "false_alarms": m.false, "precision": m.precision}
                                      for kind, m in measured.items()}
    if full:
        # a rule without a check type (the engine's own) is documented by its own doc
        data["documentation"] = type_doc(rule.type) or inspect.cleandoc(rule.doc)
        data["examples"] = rule.examples
        data["options"] = rule.options
        from pressqa.checks import REGISTRY, load_type

        if rule.type in REGISTRY:
            catalogue = load_type(rule.type).messages
            data["messages"] = {key: {"template": catalogue.wording(key, rule.message), "fields": sorted(entry.fields)}
                                for key, entry in catalogue.items()}
    return data


def rule_fixable(rule) -> bool:
    """Whether the rule's findings may carry a safe fix (its check type says so)."""
    from pressqa.checks import REGISTRY, load_type

    return rule.type in REGISTRY and load_type(rule.type).fixable


def type_doc(type_name: str) -> str:
    """The user documentation of a check type; empty for the engine's own rules (no type)."""
    from pressqa.checks import REGISTRY, load_type

    if type_name not in REGISTRY:
        return ""
    return inspect.cleandoc(load_type(type_name).__doc__ or "")


def render_doc(rule, settings, note: str | None = None) -> str:
    """A rule's documentation, with its examples run; *note* (how to enable it) goes under the header."""
    from pressqa.checks import load_type
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    from pressqa.checks import REGISTRY

    # the engine's own rule (unused-suppression) has no check type
    check_cls = load_type(rule.type) if rule.type in REGISTRY else None
    out = [f"{rule.id}", "=" * len(rule.id), ""]
    kind = f"type: {rule.type}" if check_cls is not None else "built into the engine"
    out.append(f"category: {rule.category}    level: {rule.level}    {kind}    pack: {rule.pack}")
    if note:
        out.append(note[0].upper() + note[1:] + ".")
    if rule.aliases:
        out.append(f"aliases: {', '.join(rule.aliases)}")
    if rule.link:
        out.append(f"link: {rule.link}")
    from pressqa.packs.precision import describe

    measured = describe(rule.id)
    if measured:
        out.extend(textwrap.wrap(measured, 100))
    out.append("")
    if rule.description:
        out.extend([rule.description, ""])
    if check_cls is not None:
        out.append(type_doc(rule.type))
    if rule.doc:
        if check_cls is not None:
            out.append("")
        out.append(inspect.cleandoc(rule.doc))
    if check_cls is not None and check_cls.options:
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
    if check_cls is not None and check_cls.messages:
        out.extend(["", "Messages (a pack may reword them: message: {id: template}):"])
        for key, entry in check_cls.messages.items():
            wording = check_cls.messages.wording(key, rule.message)
            fields = ", ".join("{" + f + "}" for f in sorted(entry.fields)) or "none"
            out.append(f"  {key}: {wording}")
            out.append(f"      fields: {fields}")
    if not rule.enabled:
        # An off-by-default rule still shows what it reports once turned on.
        from pressqa.records import replace

        on = replace(rule, level="info")
        settings = replace(settings, rules=[on if r.id == rule.id else r for r in settings.rules])
        out.extend(["", "(off by default: the examples below run with it turned on)"])
    if check_cls is None:
        # the engine's own rule reports on what the other rules found
        engine = Engine(settings, report_unused_suppressions=True)
    else:
        engine = Engine(settings, select=[rule.id])
    for label, key in (("Failing example", "fail"), ("Passing example", "pass")):
        examples = rule.examples.get(key) or []
        if not examples:
            continue
        out.extend(["", f"{label}:"])
        sample = examples[0]
        for line in sample.splitlines() or [""]:
            out.append("    " + line)
        findings = [f for f in engine.check(Document(sample, path="example")).findings
                    if f.rule == rule.id or f.rule.startswith(rule.id + "/")]
        if findings:
            for f in findings:
                suggestion = f" (suggestion: {f.suggestion})" if f.suggestion else ""
                # shorten() collapses whitespace, so indent after it, like "  -> no findings"
                out.append("  " + textwrap.shorten(f"-> {f.line}:{f.column}: {f.message}{suggestion}", 200))
        else:
            out.append("  -> no findings")
    return "\n".join(out)
