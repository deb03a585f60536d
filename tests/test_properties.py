"""Property tests of check and fix on generated text (issue 10, item 9): no crash, positions in
bounds, fixes touch only the spans reported, and fixing twice changes nothing more."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pressqa.model.document import Document
from pressqa.packs.config import build_settings
from pressqa.run.engine import Engine
from pressqa.run.fixer import apply_fixes, fix_text

PIECES = ["Minister", "Ararat", "Mirzoyan", "the", "the", "and", "Armenia", ",", ".", "!", "?", '"', "\u201c", "\u201d",
          "'", "(", ")", " ", " ", "\n", "\n\n", "U.S.", "Dr.", "said", "a", "met", "Georgia", ",and", ".The", ";", ":"]
TEXT = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_settings({}, None), ignore=["languagetool"])


@SETTINGS
@given(text=TEXT)
def test_check_never_crashes_and_positions_are_in_bounds(engine: Engine, text: str) -> None:
    result = engine.check(Document(text))
    assert result.error is None
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.line >= 1 and f.column >= 1
        for edit in f.fix or ():
            assert 0 <= edit.start <= edit.end <= len(text)


@SETTINGS
@given(text=TEXT)
def test_fix_changes_only_reported_spans_and_is_idempotent(engine: Engine, text: str) -> None:
    findings = engine.check(Document(text)).findings
    outcome = apply_fixes(text, findings)
    # Everything outside the applied edits is unchanged, in order.
    at, rebuilt = 0, []
    for edit in sorted((e for a in outcome.applied for e in a.edits), key=lambda e: (e.start, e.end)):
        rebuilt.append(text[at:edit.start] + edit.replacement)
        at = edit.end
    assert "".join(rebuilt) + text[at:] == outcome.text
    once = fix_text(Document(text), engine).text
    assert fix_text(Document(once), engine).text == once
