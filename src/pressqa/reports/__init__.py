"""Report formatters: pure functions from check results to text.

Each formatter is ``render(results, options) -> str``.  They never see checks or
configuration, only findings (and, for source excerpts, the document lines).
The registry maps a ``--format`` name to ``module:function`` so that a run
imports only the formatter it uses.
"""

from __future__ import annotations

import importlib
from pressqa.records import record
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from pressqa.run.engine import FileResult

REGISTRY: dict[str, str] = {
    "text": "text:render",
    "json": "json:render",
    "sarif": "sarif:render",
    "github": "github:render",
    "junit": "junit:render",
}


@record(frozen=True)
class ReportOptions:
    color: bool = False
    show_source: bool = False
    quiet: bool = False
    fail_on: str = "error"
    tool_version: str = ""
    #: rule id -> {"description", "link", "category", "level", "doc"} (SARIF's tool.driver.rules)
    rule_help: dict[str, dict] | None = None
    root: str | None = None  # the folder SARIF paths are relative to (%SRCROOT%); None: the working directory
    tool_uri: str | None = None  # where pressqa is documented (SARIF's informationUri)


def get(name: str) -> Callable[[list["FileResult"], ReportOptions], str]:
    module_name, _, attr = REGISTRY[name].partition(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, attr)


def summary_counts(results: list["FileResult"]) -> dict[str, int]:
    counts = {"files": len(results), "files_with_findings": 0, "findings": 0, "error": 0, "warning": 0,
              "info": 0, "suppressed": 0, "baselined": 0, "errors": 0}
    for result in results:
        if result.findings:
            counts["files_with_findings"] += 1
        counts["findings"] += len(result.findings)
        counts["suppressed"] += result.suppressed
        counts["baselined"] += result.baselined
        if result.error:
            counts["errors"] += 1
        for finding in result.findings:
            counts[str(finding.severity)] += 1
    return counts


def rule_help(results: list["FileResult"], settings_list: Iterable) -> dict[str, dict]:
    """``ReportOptions.rule_help`` for the rules that fired: description, link, level, category, documentation.

    Built by the caller from configuration, so that formatters never see it.
    """
    import inspect

    from pressqa.checks import load_type
    from pressqa.run.suppress import UNUSED_RULE

    fired: set[str] = set()
    for result in results:
        for finding in result.findings:
            fired.add(finding.rule)
            fired.add(finding.rule.split("/", 1)[0])  # a backend's rules are described by the rule that runs it
    out: dict[str, dict] = {}
    for settings in settings_list:
        for rule in [*settings.rules, UNUSED_RULE]:
            if rule.id not in fired or rule.id in out:
                continue
            doc = ""
            if rule.type:
                try:
                    doc = inspect.cleandoc(load_type(rule.type).__doc__ or "")
                except (KeyError, ImportError, AttributeError):
                    doc = ""
            out[rule.id] = {"description": rule.description, "link": rule.link, "level": rule.level,
                            "category": rule.category, "doc": doc}
    return out


def project_url() -> str | None:
    """pressqa's home page from its package metadata (``[project.urls]``), if it declares one."""
    from importlib import metadata

    try:
        urls = metadata.metadata("pressqa").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "documentation", "repository", "source") and url.strip():
            return url.strip()
    return None
