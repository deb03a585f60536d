"""``--format json``: the wire format documented in README ("JSON report"), with a schema version."""

from __future__ import annotations

import json as _json
from typing import TYPE_CHECKING

from pressqa.reports import ReportOptions
from pressqa.reports import summary_counts

if TYPE_CHECKING:
    from pressqa.run.engine import FileResult

SCHEMA_VERSION = 1


def render(results: list["FileResult"], options: ReportOptions) -> str:
    files = []
    for result in results:
        entry: dict = {"path": result.path, "findings": [f.to_dict(result.doc) for f in result.findings]}
        if result.error:
            entry["error"] = result.error
        files.append(entry)
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "pressqa", "version": options.tool_version},
        "files": files,
        "summary": summary_counts(results),
    }
    return _json.dumps(document, ensure_ascii=False, indent=2) + "\n"
