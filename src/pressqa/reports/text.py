"""``--format text``: ``path:line:col: severity [rule] message``, optional source excerpts, a summary."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from pressqa.reports import ReportOptions
from pressqa.reports import summary_counts

if TYPE_CHECKING:
    from pressqa.run.engine import FileResult
    from pressqa.findings import Finding

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _style(text: str, options: ReportOptions, **kwargs) -> str:
    if not options.color:
        return text
    import click

    return click.style(text, **kwargs)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: A source line longer than this (a minified web page, a paragraph on one line) is shown as a
#: window of this many characters around the finding, cut ends marked with an ellipsis.
EXCERPT_WIDTH = 100
#: How much of the window comes before the finding.
EXCERPT_BEFORE = 30


def excerpt(line_text: str, finding: "Finding", options: ReportOptions) -> list[str]:
    """The offending line and a caret underline below the flagged characters."""
    shown = line_text.replace("\t", " ")
    start = finding.column - 1
    if finding.end_line == finding.line:
        end = max(finding.end_column - 1, start + 1)
    else:
        end = max(len(shown), start + 1)
    if len(shown) > EXCERPT_WIDTH:
        left = max(0, min(start - EXCERPT_BEFORE, len(shown) - EXCERPT_WIDTH))
        right = left + EXCERPT_WIDTH
        lead = "…" if left > 0 else ""
        shown = lead + shown[left:right] + ("…" if right < len(line_text) else "")
        start = start - left + len(lead)
        end = min(end - left, right - left) + len(lead)
        end = max(end, start + 1)
    pad = " " * _width(shown[:start])
    carets = "^" * max(1, _width(shown[start:end]))
    return ["    " + shown, "    " + pad + _style(carets, options, fg=_COLORS[str(finding.severity)], bold=True)]


def format_finding(finding: "Finding", options: ReportOptions) -> str:
    severity = str(finding.severity)
    head = f"{finding.path}:{finding.line}:{finding.column}:"
    line = (
        f"{_style(head, options, bold=True)} {_style(severity, options, fg=_COLORS[severity])} "
        f"[{finding.rule}] {finding.message}"
    )
    if finding.suggestion:
        line += f" (suggestion: {finding.suggestion})"
    return line


def summary_line(results: list["FileResult"]) -> str:
    c = summary_counts(results)
    checked = c["files"] - c["errors"]  # a file that could not be read was not checked
    files = f"{checked} file{'s' if checked != 1 else ''}"
    if c["findings"]:
        parts = [f"{c[s]} {s}{'s' if c[s] != 1 else ''}" for s in ("error", "warning", "info") if c[s]]
        text = f"{c['findings']} finding{'s' if c['findings'] != 1 else ''} ({', '.join(parts)}) in {files}"
    elif checked == 0 and c["errors"]:
        # not "No findings": a file that could not be read is not a clean file
        return f"Nothing checked: {c['errors']} input error{'s' if c['errors'] != 1 else ''}."
    else:
        text = f"No findings in {files}"
    extras = []
    if c["suppressed"]:
        extras.append(f"{c['suppressed']} suppressed")
    if c["baselined"]:
        extras.append(f"{c['baselined']} baselined")
    if c["errors"]:
        extras.append(f"{c['errors']} not checked")
    if extras:
        text += f"; {', '.join(extras)}"
    return text + "."


def render(results: list["FileResult"], options: ReportOptions) -> str:
    out: list[str] = []
    for result in results:
        for finding in result.findings:
            out.append(format_finding(finding, options))
            if options.show_source and result.doc is not None:
                out.extend(excerpt(result.doc.source_line_text(finding.line), finding, options))
    if not options.quiet or any(r.findings for r in results):
        out.append(summary_line(results))
    return "\n".join(out) + ("\n" if out else "")
