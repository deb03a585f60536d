"""Severities, categories, what checks yield (hits) and what the engine reports (findings)."""

from __future__ import annotations

from pressqa.records import field, record
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressqa.model.document import Document

#: The fixed list of categories (README, "JSON report").  Every rule has exactly one.
CATEGORIES = (
    "truncation",
    "name-consistency",
    "clause",
    "title-consistency",
    "spelling",
    "grammar",
    "punctuation",
    "readability",
    "style",
    "terminology",
)


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info")


@record(frozen=True)
class Edit:
    """Replace text[start:end] with ``replacement``."""

    start: int
    end: int
    replacement: str


@record(frozen=True)
class Hit:
    """What a check yields: where, what, and optionally how to mend it.

    ``start``/``end`` are character offsets into the document text.  ``fix`` holds
    edits that are safe to apply without a human reading them (``pressqa fix``).
    ``rule``, ``category`` and ``severity`` are set only by checks that speak for
    several rules at once (LanguageTool); the engine fills them in otherwise.
    """

    start: int
    end: int
    message: str
    suggestion: str | None = None
    fix: tuple[Edit, ...] = ()
    rule: str | None = None
    category: str | None = None
    severity: Severity | None = None
    data: dict = field(default_factory=dict, compare=False, hash=False)


@record(frozen=True)
class Finding:
    """One reported problem, with its exact place in the file."""

    path: str
    rule: str
    category: str
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    suggestion: str | None = None
    fix: tuple[Edit, ...] = ()
    link: str | None = None
    fingerprint: str = ""
    #: Built-in rules that report the same problem (a LanguageTool rule's equivalents): turning
    #: one off, ignoring it or disabling it in a directive silences this finding too.
    same_as: tuple[str, ...] = ()

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.rule, self.message)

    def in_source(self, doc: "Document") -> "Finding":
        """This finding with its offsets and edits in *doc*'s source text (the Markdown or HTML
        file's own, not the prose checked); a fix the source cannot take as it stands (HTML, an
        edit across Markdown markup) is left out.  A plain-text finding is returned as it is."""
        source = doc.source
        if source is None:
            return self
        from pressqa.records import replace

        start, end = source.source_span(self.start, self.end)
        moved: list[Edit] = []
        for edit in self.fix if source.writable else ():
            span = source.source_range(edit.start, edit.end, doc.text)
            if span is None:
                moved = []
                break
            moved.append(Edit(span[0], span[1], edit.replacement))
        return replace(self, start=start, end=end, fix=tuple(moved))

    def to_dict(self, doc: "Document | None" = None) -> dict:
        """The JSON wire form (README, "JSON report"); stable: extend, never break.

        ``offset``/``end_offset`` and each edit's offsets count characters (code
        points) from the start of the text, so that a client (the editors' page)
        can place a finding and apply its fix without re-deriving them from lines.
        The text is the file's own (:meth:`in_source` for a Markdown or HTML *doc*).
        """
        f = self.in_source(doc) if doc is not None else self
        start, end, fix = f.start, f.end, f.fix
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "suggestion": self.suggestion,
            "fixable": bool(fix),
            "link": self.link,
            "offset": start,
            "end_offset": end,
            "edits": [{"offset": e.start, "end_offset": e.end, "replacement": e.replacement} for e in fix],
        }
