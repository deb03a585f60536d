"""Whole releases: clean ones written for these tests must give none of the four press categories.

tests/corpus/clean/ holds releases in the formats pressqa meets (a UK readout
with page furniture, a State-style schedule, a Markdown blog post with an
image, caption, list and table, a prosecutor's release, a research release
with an embargo line, a reference and a multi-paragraph quotation).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_rules

CORPUS = Path(__file__).parent / "corpus"
PRESS_CATEGORIES = ("truncation", "clause", "name-consistency", "title-consistency")


@pytest.mark.parametrize("path", sorted((CORPUS / "clean").iterdir()), ids=lambda p: p.name)
def test_clean_release_has_no_press_findings(path):
    findings = run_rules(path.read_text(encoding="utf-8"), select=list(PRESS_CATEGORIES), path=path.name)
    assert [f"{f.line}:{f.column} [{f.rule}] {f.message}" for f in findings] == []
