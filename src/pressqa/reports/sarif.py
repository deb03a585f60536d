"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning, GitLab and editors.

One run.  ``tool.driver.rules`` lists only the rules that fired, sorted by id,
with their help text, link, default level and category; each result points at
its rule by ``ruleId`` and ``ruleIndex``.  Columns are code points, which
``run.columnKind`` says (SARIF's default is UTF-16 code units).  Paths are
relative URIs against ``%SRCROOT%`` (the folder given as ``ReportOptions.root``).
Results carry the baseline fingerprint as ``partialFingerprints`` and, where a
finding has a safe fix, ``fixes``.  The output is deterministic: the same
findings give the same bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from pressqa.reports import ReportOptions

if TYPE_CHECKING:
    from pressqa.model.document import Document
    from pressqa.run.engine import FileResult
    from pressqa.findings import Finding

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "pressqa/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str, root: str | None) -> dict:
    """A relative URI against ``%SRCROOT%`` when *path* lies under *root*, else an absolute ``file:`` URI."""
    if path.startswith("<") and path.endswith(">"):  # <stdin>
        return {"uri": quote(path.strip("<>"))}
    base = os.path.abspath(root or os.curdir)
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:
        rel = os.pardir
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return {"uri": Path(full).as_uri()}
    return {"uri": quote(rel.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def region(finding: "Finding") -> dict:
    """Start and end of the flagged text; ``endColumn`` is the column just after it, as in SARIF."""
    return {"startLine": finding.line, "startColumn": finding.column,
            "endLine": finding.end_line, "endColumn": finding.end_column}


def _rule_descriptor(rule_id: str, category: str, severity: str, info: dict | None) -> dict:
    info = info or {}
    description = (info.get("description") or "").strip() or rule_id
    descriptor: dict = {"id": rule_id, "shortDescription": {"text": description}}
    doc = (info.get("doc") or "").strip()
    if doc:
        descriptor["fullDescription"] = {"text": doc}
    link = info.get("link")
    if link:
        descriptor["helpUri"] = link
    help_text = description + (f" See {link}" if link else "")
    help_entry: dict = {"text": help_text}
    if doc:
        help_entry["markdown"] = f"{description}\n\n{doc}" + (f"\n\n[Documentation]({link})" if link else "")
    descriptor["help"] = help_entry
    level = info.get("level") or severity
    descriptor["defaultConfiguration"] = {"level": LEVELS.get(level, "warning")}
    descriptor["properties"] = {"category": info.get("category") or category, "tags": [info.get("category") or category]}
    return descriptor


def _fixes(finding: "Finding", doc: "Document | None", location: dict) -> list[dict]:
    if not finding.fix or doc is None:
        return []
    source = doc.source
    if source is not None and not source.writable:
        return []  # HTML, Word: a fix cannot be written into the file
    replacements = []
    for edit in finding.fix:
        if source is not None:  # Markdown: the edit's place in the file
            span = source.source_range(edit.start, edit.end, doc.text)
            if span is None:
                return []
            (line, column), (end_line, end_column) = source.position_of(span[0]), source.position_of(span[1])
        else:
            line, column = doc.position(edit.start)
            end_line, end_column = doc.position(edit.end)
        replacements.append({
            "deletedRegion": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
            "insertedContent": {"text": edit.replacement},
        })
    text = f"Change to '{finding.suggestion}'" if finding.suggestion else "Apply pressqa's safe fix"
    return [{"description": {"text": text}, "artifactChanges": [{"artifactLocation": location, "replacements": replacements}]}]


def _lookup(help_map: dict[str, dict], rule_id: str) -> dict | None:
    if rule_id in help_map:
        return help_map[rule_id]
    if "/" in rule_id:  # a backend's own rule: describe it by the rule that runs the backend
        return help_map.get(rule_id.split("/", 1)[0])
    return None


def build(results: list["FileResult"], options: ReportOptions) -> dict:
    """The SARIF log as a dict (see :func:`render`)."""
    help_map = options.rule_help or {}
    fired: dict[str, "Finding"] = {}
    for result in results:
        for finding in result.findings:
            fired.setdefault(finding.rule, finding)
    rule_ids = sorted(fired)
    index_of = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    rules = [
        _rule_descriptor(rule_id, fired[rule_id].category, str(fired[rule_id].severity), _lookup(help_map, rule_id))
        for rule_id in rule_ids
    ]
    sarif_results = []
    notifications = []
    for result in results:
        location = artifact_location(result.path, options.root)
        if result.error:
            notifications.append({
                "level": "error",
                "message": {"text": result.error},
                "locations": [{"physicalLocation": {"artifactLocation": location}}],
            })
        for finding in result.findings:
            entry: dict = {
                "ruleId": finding.rule,
                "ruleIndex": index_of[finding.rule],
                "level": LEVELS[str(finding.severity)],
                "message": {"text": finding.message + (f" (suggestion: {finding.suggestion})" if finding.suggestion else "")},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": region(finding),
                    }
                }],
            }
            if finding.fingerprint:
                entry["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
            fixes = _fixes(finding, result.doc, location)
            if fixes:
                entry["fixes"] = fixes
            properties: dict = {"category": finding.category}
            if finding.suggestion:
                properties["suggestion"] = finding.suggestion
            entry["properties"] = properties
            sarif_results.append(entry)
    driver: dict = {"name": "pressqa", "version": options.tool_version or "0"}
    if options.tool_uri:
        driver["informationUri"] = options.tool_uri
    driver["rules"] = rules
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: list["FileResult"], options: ReportOptions) -> str:
    return json.dumps(build(results, options), ensure_ascii=False, indent=2) + "\n"
