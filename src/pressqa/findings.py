"""Severities, categories, what checks yield (hits) and what the engine reports (findings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

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


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
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


@dataclass(frozen=True, order=False)
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

    def to_dict(self) -> dict:
        """The JSON wire form (README, "JSON report"); stable: extend, never break.

        ``offset``/``end_offset`` and each edit's offsets count characters (code
        points) from the start of the text, so that a client (the editors' page)
        can place a finding and apply its fix without re-deriving them from lines.
        """
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
            "fixable": bool(self.fix),
            "link": self.link,
            "offset": self.start,
            "end_offset": self.end,
            "edits": [{"offset": e.start, "end_offset": e.end, "replacement": e.replacement} for e in self.fix],
        }
