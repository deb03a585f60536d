"""Report formatters: pure functions from check results to text.

Each formatter is ``render(results, options) -> str``.  They never see checks or
configuration, only findings (and, for source excerpts, the document lines).
The registry maps a ``--format`` name to ``module:function`` so that a run
imports only the formatter it uses.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..engine import FileResult

REGISTRY: dict[str, str] = {
    "text": "text:render",
    "json": "json:render",
    "sarif": "sarif:render",
    "github": "github:render",
    "junit": "junit:render",
}


@dataclass(frozen=True)
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
