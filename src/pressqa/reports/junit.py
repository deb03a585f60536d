"""``--format junit``: JUnit XML for GitLab, Jenkins and other CI test views.

One ``<testsuite>`` inside ``<testsuites>``; one ``<testcase>`` per checked file
(``name`` and ``file`` are its path); one ``<failure>`` per finding, with the
message, the rule id as ``type`` and ``path:line:col: severity [rule] message``
as text; the same lines in ``<system-out>``, for viewers that show only the
first failure.  A clean file is a passing test case; a file that could not be
read is an ``<error>``.  ``tests`` counts files, ``failures`` files with
findings, ``errors`` files not checked.  Built with ``xml.etree``; characters
XML cannot carry become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from pressqa.reports import ReportOptions
from pressqa.reports import summary_counts
from pressqa.reports.text import format_finding

if TYPE_CHECKING:
    from pressqa.run.engine import FileResult

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """*text* with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def render(results: list["FileResult"], options: ReportOptions) -> str:
    plain = ReportOptions(quiet=options.quiet, tool_version=options.tool_version)
    counts = summary_counts(results)
    failing = counts["files_with_findings"]
    totals = {"tests": str(counts["files"]), "failures": str(failing), "errors": str(counts["errors"])}
    root = ET.Element("testsuites", {"name": "pressqa", **totals})
    suite = ET.SubElement(root, "testsuite", {"name": "pressqa", **totals, "skipped": "0"})
    for result in results:
        case = ET.SubElement(suite, "testcase", {"classname": "pressqa", "name": xml_safe(result.path),
                                                 "file": xml_safe(result.path)})
        if result.error:
            error = ET.SubElement(case, "error", {"message": xml_safe(result.error), "type": "not-checked"})
            error.text = xml_safe(result.error)
        lines = []
        for finding in result.findings:
            line = format_finding(finding, plain)
            lines.append(line)
            failure = ET.SubElement(case, "failure", {"message": xml_safe(finding.message), "type": finding.rule})
            failure.text = xml_safe(line)
        if lines:
            ET.SubElement(case, "system-out").text = xml_safe("\n".join(lines))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
