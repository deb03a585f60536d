"""The fixer on its own: applying edits, overlaps, line breaks, passes until stable, encoding, atomic writes."""

from __future__ import annotations

import os
import re
import stat

import pytest

from pressqa.model.document import Document
from pressqa.run.engine import FileResult
from pressqa.errors import InputError
from pressqa.findings import Edit, Finding, Severity
from pressqa.run.fixer import (
    _map_back,
    apply_fixes,
    check_round_trip,
    encode,
    fix_text,
    split_lines,
    unified_diff,
)
from pressqa.run.files import write_atomic


def finding(doc: Document, start: int, end: int, edits, rule: str = "test-rule", message: str = "msg") -> Finding:
    line, column = doc.position(start)
    end_line, end_column = doc.end_position(end, start)
    return Finding(path=doc.path, rule=rule, category="style", severity=Severity.ERROR, start=start, end=end,
                   line=line, column=column, end_line=end_line, end_column=end_column, message=message,
                   fix=tuple(edits))


class PatternEngine:
    """A stand-in engine: every match of *pattern* is a finding whose fix replaces it with *replacement*.

    Matches may overlap (a lookahead pattern), which is what the fixer must cope with.
    """

    def __init__(self, pattern: str, replacement: str, rule: str = "test-rule") -> None:
        self.pattern = re.compile(pattern)
        self.replacement = replacement
        self.rule = rule
        self.calls = 0

    def check(self, doc: Document) -> FileResult:
        self.calls += 1
        findings = []
        for m in self.pattern.finditer(doc.text):
            start, end = m.start(1), m.end(1)
            findings.append(finding(doc, start, end, [Edit(start, end, self.replacement)], rule=self.rule,
                                    message=f"{m.group(1)!r}"))
        return FileResult(path=doc.path, findings=findings, doc=doc)


# -- apply_fixes -------------------------------------------------------------------------------


def test_applies_edits_from_the_end_and_reports_each_finding():
    doc = Document("Armenia,and the the talks.The end")
    fixes = [
        finding(doc, 0, 11, [Edit(8, 8, " ")], rule="missing-space"),
        finding(doc, 12, 19, [Edit(15, 19, "")], rule="doubled-word"),
        finding(doc, 20, 30, [Edit(26, 26, " ")], rule="missing-space"),
    ]
    out = apply_fixes(doc.text, fixes)
    assert out.text == "Armenia, and the talks. The end"
    assert [a.finding.rule for a in out.applied] == ["missing-space", "doubled-word", "missing-space"]
    assert out.skipped == []


def test_findings_without_fix_are_ignored():
    doc = Document("Nothing to do here.")
    out = apply_fixes(doc.text, [finding(doc, 0, 7, [])])
    assert out.text == doc.text
    assert out.applied == [] and out.skipped == []


def test_overlapping_fix_is_skipped_whatever_the_input_order():
    doc = Document("Kyiv Kiev talks")
    first = finding(doc, 0, 9, [Edit(0, 9, "Kyiv")], rule="a-rule")
    second = finding(doc, 5, 9, [Edit(5, 9, "Kyiv")], rule="b-rule")
    for order in ([first, second], [second, first]):
        out = apply_fixes(doc.text, order)
        assert out.text == "Kyiv talks"
        assert [a.finding.rule for a in out.applied] == ["a-rule"]
        assert len(out.skipped) == 1
        assert out.skipped[0].finding.rule == "b-rule"
        assert "overlaps the fix for [a-rule] at 1:1" in out.skipped[0].reason


def test_two_insertions_at_one_point_conflict():
    doc = Document("a,b")
    one = finding(doc, 0, 3, [Edit(2, 2, " ")], rule="r1")
    two = finding(doc, 0, 3, [Edit(2, 2, "  ")], rule="r2")
    out = apply_fixes(doc.text, [one, two])
    assert out.text == "a, b"
    assert [s.finding.rule for s in out.skipped] == ["r2"]


def test_the_same_fix_twice_is_applied_once():
    doc = Document("a,b")
    one = finding(doc, 0, 3, [Edit(2, 2, " ")], rule="r1")
    two = finding(doc, 0, 3, [Edit(2, 2, " ")], rule="r2")
    out = apply_fixes(doc.text, [one, two])
    assert out.text == "a, b"
    assert "the same fix as [r1]" in out.skipped[0].reason


def test_adjacent_edits_do_not_conflict():
    doc = Document("abcd")
    out = apply_fixes(doc.text, [finding(doc, 0, 2, [Edit(0, 2, "AB")]), finding(doc, 2, 4, [Edit(2, 4, "CD")])])
    assert out.text == "ABCD"
    assert len(out.applied) == 2


def test_a_finding_with_several_edits_is_all_or_nothing():
    doc = Document("say 'hi\" now")
    pair = finding(doc, 4, 8, [Edit(4, 5, "“"), Edit(7, 8, "”")], rule="quotes")
    blocker = finding(doc, 0, 3, [Edit(0, 3, "said")], rule="aaa")
    clash = finding(doc, 7, 8, [Edit(7, 8, "'")], rule="zzz")
    out = apply_fixes(doc.text, [blocker, pair, clash])
    assert out.text == "said “hi” now"
    assert [s.finding.rule for s in out.skipped] == ["zzz"]


@pytest.mark.parametrize("text,edit,reason", [
    ("one\r\ntwo", Edit(3, 5, " "), "line break"),
    ("one\ntwo", Edit(3, 3, "\n"), "line break"),
    ("one\r\ntwo", Edit(4, 4, "x"), "CRLF"),
    ("abc", Edit(2, 9, "x"), "outside the text"),
    ("abc", Edit(0, 1, "a"), "changes nothing"),
])
def test_unsafe_or_empty_edits_are_refused(text, edit, reason):
    doc = Document(text)
    out = apply_fixes(text, [finding(doc, 0, 1, [edit])])
    assert out.text == text
    assert reason in out.skipped[0].reason


def test_an_edit_may_keep_a_line_break_it_replaces():
    # Replacing "the\r\nthe" with "the\r\n" keeps the same line break: allowed.
    text = "We met the\r\nthe minister"
    doc = Document(text)
    out = apply_fixes(text, [finding(doc, 7, 15, [Edit(7, 15, "the\r\n")])])
    assert out.text == "We met the\r\n minister"


def test_positions_map_back_through_edits():
    # "ab" -> insert "XY" at 1 -> "aXYb"; offsets after the insertion shift back by 2.
    edits = [Edit(1, 1, "XY")]
    assert _map_back(0, edits) == 0
    assert _map_back(1, edits) == 1
    assert _map_back(2, edits) == 1  # inside the inserted text
    assert _map_back(3, edits) == 1
    assert _map_back(4, edits) == 2
    # a deletion: "abcdef" -> delete [1,3) -> "adef"
    assert _map_back(2, [Edit(1, 3, "")]) == 4


# -- fix_text: passes until stable ---------------------------------------------------------------


def test_fixes_that_reveal_fixes_are_applied_in_later_passes():
    # Every pair of spaces is a finding (they overlap); each fix makes one space of two.
    engine = PatternEngine(r"(?=(  ))", " ", rule="double-space")
    doc = Document("A        B\nC  D")
    out = fix_text(doc, engine)
    assert out.text == "A B\nC D"
    assert max(a.pass_number for a in out.applied) > 1
    # each applied fix is reported where it was in the original text
    for applied in out.applied:
        assert doc.text[doc.offset(applied.line, applied.column)] == " "
    assert out.skipped == []
    assert engine.calls == max(a.pass_number for a in out.applied) + 1


def test_fix_text_is_idempotent():
    engine = PatternEngine(r"(?=(  ))", " ")
    first = fix_text(Document("x    y  z"), engine)
    second = fix_text(Document(first.text), engine)
    assert second.text == first.text
    assert second.applied == []


def test_fixes_that_never_settle_stop_and_say_so():
    engine = PatternEngine(r"(a)", "aa", rule="grows")
    out = fix_text(Document("a"), engine, max_passes=3)
    assert out.text == "a" * 8
    assert any("did not settle" in n for n in out.notices)
    assert out.skipped and out.skipped[0].reason == "fixes did not settle"


def test_nothing_fixable_leaves_the_text_alone():
    out = fix_text(Document("calm text"), PatternEngine(r"(zzz)", "z"))
    assert out.text == "calm text"
    assert not out.changed


def test_only_findings_of_the_current_text_are_fixed():
    # The engine sees every intermediate text; a fix is applied only to the text it was computed on.
    seen: list[str] = []

    class Recording(PatternEngine):
        def check(self, doc):
            seen.append(doc.text)
            return super().check(doc)

    out = fix_text(Document("a,,b"), Recording(r"(,,)", ","))
    assert seen == ["a,,b", "a,b"]
    assert out.text == "a,b"


# -- encoding and diff ---------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"plain,text\n",
    b"\xef\xbb\xbfwith bom\r\n",
    b"\xff\xfe" + "utf-16 text\r\n".encode("utf-16-le"),
    b"\xfe\xff" + "big endian".encode("utf-16-be"),
    b"no newline at end",
    b"old mac\rlines\r",
])
def test_round_trip_is_byte_exact(data):
    doc = Document.from_bytes(data, "f.txt")
    check_round_trip(doc, data)
    assert encode(doc.text, doc.encoding, doc.bom) == data


def test_a_file_that_would_not_round_trip_is_refused():
    data = b"\xfe\xff" + "big endian".encode("utf-16-be")
    doc = Document.from_bytes(data, "f.txt", encoding="utf-16")  # decodes, but re-encodes little-endian
    with pytest.raises(InputError, match="cannot be written back unchanged"):
        check_round_trip(doc, data)


def test_diff_keeps_line_endings_and_marks_a_missing_final_newline():
    diff = unified_diff("a,b\r\nc", "a, b\r\nc", "x.txt")
    assert diff.splitlines(keepends=True)[:2] == ["--- a/x.txt\n", "+++ b/x.txt\n"]
    assert "-a,b\r\n" in diff and "+a, b\r\n" in diff
    assert diff.endswith(" c\n\\ No newline at end of file\n")
    assert unified_diff("same", "same", "x.txt") == ""


def test_split_lines_uses_the_document_line_breaks_only():
    assert split_lines("a\u2028b\r\nc\rd\ne") == ["a\u2028b\r\n", "c\r", "d\n", "e"]


# -- atomic write --------------------------------------------------------------------------------


def test_write_atomic_keeps_permissions_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    write_atomic(str(path), b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["r.txt"]


def test_write_atomic_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(str(link), b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_write_atomic_refuses_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"old")
    before = os.stat(path)
    path.write_bytes(b"edited by someone else")
    with pytest.raises(InputError, match="changed on disk"):
        write_atomic(str(path), b"new", expect=before)
    assert path.read_bytes() == b"edited by someone else"
    assert sorted(os.listdir(tmp_path)) == ["r.txt"]


def test_a_rule_that_fails_is_reported_once_and_the_other_fixes_still_apply():
    class Failing(PatternEngine):
        def check(self, doc):
            result = super().check(doc)
            result.error = f"{doc.path}: internal error in rule broken: ValueError: boom"
            return result

    out = fix_text(Document("a,,b", path="f.txt"), Failing(r"(,,)", ","))
    assert out.text == "a,b"
    assert out.errors == ["f.txt: internal error in rule broken: ValueError: boom"]


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    import os as _os

    from pressqa.run.files import write_atomic

    target = tmp_path / "release.txt"
    target.write_text("before\n", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(_os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), b"after\n")
    assert target.read_text(encoding="utf-8") == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["release.txt"]
