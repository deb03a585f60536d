"""Safe fixes: apply the edits that findings carry, and only those.

A check that knows a mechanical, unambiguous mend for what it reports attaches
it to its hit as ``fix`` (a tuple of :class:`~pressqa.findings.Edit`, character
offsets into the text the check saw).  This module knows nothing of rules: it
applies whatever edits the findings carry, all of one finding's edits or none.

* :func:`apply_fixes` is pure: text and findings in, new text and the list of
  applied and skipped fixes out.  Edits that overlap an earlier finding's edits
  are skipped (and reported), so the outcome never depends on luck; the rest are
  applied from the end of the text backwards so that offsets stay valid.
* :func:`fix_text` re-checks the fixed text and applies again until nothing
  fixable is left (bounded), because one fix can reveal another.  Every applied
  fix belongs to a finding of the text it was computed on, never a stale one.
* :func:`encode` and :func:`pressqa.fsutil.write_atomic` put the result back byte for byte:
  same encoding and byte-order mark, line endings untouched (an edit that would
  add, drop or change a line break is refused), written through a temporary file
  in the same folder and renamed over the original with its permission bits.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from pressqa.records import field, record, replace
from typing import TYPE_CHECKING, Iterable

from pressqa.errors import InputError

if TYPE_CHECKING:
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine
    from pressqa.findings import Edit, Finding

#: How often :func:`fix_text` re-checks; a rule whose fixes keep producing new fixes stops here.
MAX_PASSES = 10

_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
#: Keys of a finding's JSON that hold places in the text of its own pass, not the original's.
_PASS_BOUND = ("end_line", "end_column", "offset", "end_offset", "edits")


@record(frozen=True)
class AppliedFix:
    """A fix that was applied: the finding it resolved and the edits that did it.

    ``finding`` carries its positions in the text it was found in; ``line`` and
    ``column`` are that position mapped back to the original text (they differ
    from the finding's own only for fixes found on a later pass).
    """

    finding: "Finding"
    edits: tuple["Edit", ...]
    line: int
    column: int
    pass_number: int = 1

    def to_dict(self) -> dict:
        data = self.finding.to_dict()
        data["line"], data["column"] = self.line, self.column
        for key in _PASS_BOUND:
            data.pop(key)
        data["pass"] = self.pass_number
        return data


@record(frozen=True)
class SkippedFix:
    """A fixable finding whose fix was not applied, and why."""

    finding: "Finding"
    reason: str
    line: int = 0
    column: int = 0

    def to_dict(self) -> dict:
        data = self.finding.to_dict()
        data["line"], data["column"] = self.line or self.finding.line, self.column or self.finding.column
        for key in _PASS_BOUND:
            data.pop(key)
        data["reason"] = self.reason
        return data


@record
class FixOutcome:
    """What fixing one text produced."""

    text: str
    applied: list[AppliedFix] = field(default_factory=list)
    skipped: list[SkippedFix] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # a rule failed on some pass: its fixes may be missing

    @property
    def changed(self) -> bool:
        return bool(self.applied)


# -- one pass: pure ----------------------------------------------------------------------


def _conflict(a: "Edit", b: "Edit") -> bool:
    """Do two edits touch the same text?  An insertion conflicts with an edit at or around its point."""
    if max(a.start, b.start) < min(a.end, b.end):
        return True
    if a.start == a.end or b.start == b.end:
        return max(a.start, b.start) <= min(a.end, b.end)
    return False


def _breaks(text: str) -> list[str]:
    return _LINE_BREAKS.findall(text)


def _problem(text: str, edits: tuple["Edit", ...]) -> str | None:
    """Why a finding's edits cannot be applied to *text*, or None when they can."""
    if not edits:
        return "no edits"
    for i, edit in enumerate(edits):
        if not 0 <= edit.start <= edit.end <= len(text):
            return f"edit {edit.start}-{edit.end} is outside the text"
        for other in edits[i + 1:]:
            if _conflict(edit, other):
                return "its edits overlap each other"
        old = text[edit.start:edit.end]
        # Line endings are never a side effect of a fix: a CRLF file stays CRLF.
        if _breaks(old) != _breaks(edit.replacement):
            return "it would change a line break"
        # Neither may an edit split a CRLF pair.
        if 0 < edit.start < len(text) and text[edit.start - 1] == "\r" and text[edit.start] == "\n":
            return "it would split a CRLF line ending"
        if 0 < edit.end < len(text) and text[edit.end - 1] == "\r" and text[edit.end] == "\n":
            return "it would split a CRLF line ending"
    if all(text[e.start:e.end] == e.replacement for e in edits):
        return "it changes nothing"
    return None


class _Taken:
    """The edits accepted so far, sorted by position, so that a clash is found by bisection.

    Accepted edits never conflict with each other, so ordered by start their ends are in
    order too, and only the few just before a new edit's end can touch it.
    """

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []
        self.items: list[tuple["Edit", "Finding"]] = []

    def clash(self, edit: "Edit") -> "Finding | None":
        i = bisect.bisect_right(self.keys, (edit.end, float("inf")))  # every edit starting at or before its end
        while i > 0:
            i -= 1
            other, owner = self.items[i]
            if _conflict(edit, other):
                return owner
            if other.end < edit.start:
                return None  # this one and all before it end before the edit starts
        return None

    def add(self, edit: "Edit", finding: "Finding") -> None:
        i = bisect.bisect_right(self.keys, (edit.start, edit.end))
        self.keys.insert(i, (edit.start, edit.end))
        self.items.insert(i, (edit, finding))


def apply_fixes(text: str, findings: Iterable["Finding"]) -> FixOutcome:
    """Apply the fixes of *findings* (offsets into *text*) in one pass.

    Findings are taken in document order (start, end, rule); a fix whose edits
    touch the text of an already accepted fix is skipped and reported, so the
    result is the same whatever order the findings came in.
    """
    outcome = FixOutcome(text=text)
    accepted: list[tuple["Finding", tuple["Edit", ...]]] = []
    taken = _Taken()
    ordered = sorted((f for f in findings if f.fix), key=lambda f: (min(e.start for e in f.fix), f.start, f.end, f.rule, f.message))
    for finding in ordered:
        edits = tuple(sorted(finding.fix, key=lambda e: (e.start, e.end)))
        problem = _problem(text, edits)
        if problem is None:
            for edit in edits:
                clash = taken.clash(edit)
                if clash is not None:
                    if all(e in clash.fix for e in edits):
                        problem = f"the same fix as [{clash.rule}] at {clash.line}:{clash.column}"
                    else:
                        problem = f"it overlaps the fix for [{clash.rule}] at {clash.line}:{clash.column}"
                    break
        if problem is not None:
            outcome.skipped.append(SkippedFix(finding, problem))
            continue
        accepted.append((finding, edits))
        for edit in edits:
            taken.add(edit, finding)
    # The accepted edits do not overlap: the new text is the old one cut at their bounds and
    # joined with their replacements, in one pass (splicing them in one by one was quadratic).
    all_edits = sorted((edit for _, edits in accepted for edit in edits), key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    at = 0
    for edit in all_edits:
        pieces.append(text[at:edit.start])
        pieces.append(edit.replacement)
        at = edit.end
    pieces.append(text[at:])
    outcome.text = "".join(pieces)
    for finding, edits in accepted:
        outcome.applied.append(AppliedFix(finding, edits, finding.line, finding.column))
    return outcome


# -- offsets across passes ---------------------------------------------------------------


class _PassMap:
    """Maps offsets in the text after one pass's edits (sorted, non-overlapping) to the text before them."""

    def __init__(self, edits: list["Edit"]) -> None:
        self.old_starts: list[int] = []
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []
        self.shifts: list[int] = []  # the total shift once past each edit
        shift = 0
        for edit in edits:
            new_start = edit.start + shift
            shift += len(edit.replacement) - (edit.end - edit.start)
            self.old_starts.append(edit.start)
            self.new_starts.append(new_start)
            self.new_ends.append(new_start + len(edit.replacement))
            self.shifts.append(shift)

    def back(self, offset: int) -> int:
        """The offset before the edits of *offset* after them; inside inserted text, where the insertion was made."""
        i = bisect.bisect_right(self.new_starts, offset) - 1
        if i < 0:
            return offset
        if offset < self.new_ends[i]:
            return self.old_starts[i]
        return offset - self.shifts[i]


def _map_back(offset: int, edits: list["Edit"]) -> int:
    """The offset in the text before *edits* (sorted, non-overlapping) of *offset* in the text after them.

    An offset inside inserted text maps to where the insertion was made.
    """
    return _PassMap(edits).back(offset)


# -- until stable ----------------------------------------------------------------------


def _in_source(doc: "Document", findings: list["Finding"]) -> tuple[list["Finding"], list[SkippedFix]]:
    """*findings* of a Markdown document, their offsets and edits moved into the source text.

    A fix whose text is not an unbroken run of the file (it spans markup, an
    entity, a line the checked text joined) is skipped: it cannot be written there.
    """
    assert doc.source is not None and doc.source.writable
    moved: list["Finding"] = []
    skipped: list[SkippedFix] = []
    for finding in findings:
        placed = finding.in_source(doc)
        if finding.fix and not placed.fix:
            skipped.append(SkippedFix(finding, "its text runs across Markdown markup", finding.line, finding.column))
        else:
            moved.append(placed)
    return moved, skipped


def fix_text(doc: "Document", engine: "Engine", max_passes: int = MAX_PASSES) -> FixOutcome:
    """Check *doc*, apply its fixes, and repeat on the result until nothing fixable is left.

    Applied fixes report their positions in the original text.  Fixable findings
    still present at the end are reported as skipped, with the reason the last
    pass gave.  A Markdown document is fixed in its source text (the file's own),
    and read again after every pass.
    """
    from pressqa.model.document import Document

    original = doc
    current = doc
    source = doc.source  # Markdown: fixes go into the file's own text
    mapped = source is not None
    if source is not None and not source.writable:
        from pressqa.inputs import refuse_unwritable

        refuse_unwritable(doc.path, source.kind)
    position = source.position_of if source is not None else original.position
    history: list[_PassMap] = []  # the edits of each pass, to map positions back
    outcome = FixOutcome(text=_file_text(doc))
    unmovable: list[SkippedFix] = []
    last_skipped: dict[tuple, SkippedFix] = {}
    # Pass max_passes + 1 only checks: fixes still found then did not settle.
    for number in range(1, max_passes + 2):
        result = engine.check(current)
        if result.error and result.error not in outcome.errors:
            outcome.errors.append(result.error)
        fixable = [f for f in result.findings if f.fix]
        if mapped:
            fixable, unmovable = _in_source(current, fixable)
        if number > max_passes:
            if fixable:
                outcome.notices.append(
                    f"{doc.path}: fixes did not settle after {max_passes} passes; read the diff and run fix again"
                )
            last_skipped = {}
            for finding in fixable:
                last_skipped[(finding.rule, finding.start, finding.end)] = SkippedFix(finding, "fixes did not settle")
            break
        step = apply_fixes(_file_text(current), fixable)
        last_skipped = {(s.finding.rule, s.finding.start, s.finding.end): s for s in step.skipped}
        if not step.applied:
            break
        for applied in step.applied:
            offset = applied.finding.start
            for pass_map in reversed(history):
                offset = pass_map.back(offset)
            line, column = position(offset)
            outcome.applied.append(replace(applied, line=line, column=column, pass_number=number))
        history.append(_PassMap(sorted((e for a in step.applied for e in a.edits), key=lambda e: (e.start, e.end))))
        if source is not None:
            from pressqa.inputs import from_text

            current = from_text(step.text, doc.path, source.kind, doc.encoding, doc.bom)
        else:
            current = Document(step.text, path=doc.path, encoding=doc.encoding, bom=doc.bom)
    for skipped in [*last_skipped.values(), *unmovable]:
        offset = skipped.finding.start
        if current.source is not None and skipped in unmovable:
            offset = current.source.source_offset(offset)
        for pass_map in reversed(history):
            offset = pass_map.back(offset)
        line, column = position(offset)
        outcome.skipped.append(replace(skipped, line=line, column=column))
    outcome.text = _file_text(current)
    return outcome


def _file_text(doc: "Document") -> str:
    """The text of the file *doc* was read from (for Markdown, not the checked text)."""
    return doc.source.text if doc.source is not None else doc.text


# -- bytes in, bytes out -------------------------------------------------------------------


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    """The bytes of *text* in the document's encoding, with its byte-order mark."""
    return bom + text.encode(encoding)


def check_round_trip(doc: "Document", data: bytes) -> None:
    """Refuse to fix a file that would not come back byte for byte even without a change."""
    text = doc.source.text if doc.source is not None else doc.text
    try:
        same = encode(text, doc.encoding, doc.bom) == data
    except (UnicodeError, LookupError):
        same = False
    if not same:
        raise InputError(doc.path, f"cannot be written back unchanged in {doc.encoding}; not fixed (try --encoding)")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split at CRLF, CR and LF only (as the document model does)."""
    lines: list[str] = []
    start = 0
    for m in _LINE_BREAKS.finditer(text):
        lines.append(text[start:m.end()])
        start = m.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of two texts; line endings are kept, so a CRLF file diffs as CRLF."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        split_lines(before),
        split_lines(after),
        fromfile=path if os.path.isabs(path) else f"a/{path}",
        tofile=path if os.path.isabs(path) else f"b/{path}",
    )
    out: list[str] = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


