"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=drafts/a.txt,line=3,endLine=3,col=12,endColumn=23,title=missing-space-after-punctuation::missing space ...

Escaping follows GitHub's toolkit (``@actions/core``, ``command.ts``): in the
message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in property values
(``file``, ``title``) ``:`` and ``,`` also become ``%3A`` and ``%2C``.
Severities map to ``error``, ``warning`` and ``notice``.  Absolute paths under
``ReportOptions.root`` (the working directory) are made relative, as GitHub
matches them against the checkout.  Files that could not
be checked are ``error`` annotations too.  A plain summary line ends the output.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pressqa.reports import ReportOptions
from pressqa.reports.text import summary_line

if TYPE_CHECKING:
    from pressqa.run.engine import FileResult

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command property's value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, properties: list[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties if value not in (None, ""))
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def _file(path: str, root: str | None) -> str:
    """The path GitHub matches against the checkout: relative to *root* when it lies under it, with ``/``."""
    if root and os.path.isabs(path):
        try:
            rel = os.path.relpath(path, root)
        except ValueError:  # another drive
            rel = os.pardir
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            path = rel
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def render(results: list["FileResult"], options: ReportOptions) -> str:
    out: list[str] = []
    for result in results:
        path = _file(result.path, options.root)
        if result.error:
            out.append(command("error", [("file", path), ("title", "pressqa")], result.error))
        for finding in result.findings:
            message = finding.message
            if finding.suggestion:
                message += f" (suggestion: {finding.suggestion})"
            out.append(command(LEVELS[str(finding.severity)], [
                ("file", path),
                ("line", finding.line),
                ("endLine", finding.end_line),
                ("col", finding.column),
                ("endColumn", finding.end_column),
                ("title", finding.rule),
            ], message))
    if not options.quiet or out:
        out.append(summary_line(results))
    return "\n".join(out) + ("\n" if out else "")
