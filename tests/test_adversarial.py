"""Repetitive input must not make any rule, the splitter or the fixer quadratic (issue 10, item 1).

Each case checks 200 KB of one pathological repetition with every built-in rule
(LanguageTool aside); before the fixes some took minutes.  The limits are
generous wall times, not tight benchmarks: bench/bench_scaling.py measures.
"""

from __future__ import annotations

import time

import pytest

from pressqa.model.document import Document
from pressqa.packs.config import build_settings
from pressqa.run.engine import Engine
from pressqa.run.fixer import apply_fixes

UNITS = [
    "Foreign Minister Ararat Mirzoyan met the delegation. ",
    "!", "a,", ",", '"', "\u201c", "'", ".", "-", "a", "a'", "a@b.c ", "(", "Armenia,and Georgia. ",
]
SIZE = 200_000
LIMIT = 20.0  # seconds for 200 KB; linear code takes one or two


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(build_settings({}, None), ignore=["languagetool"])


@pytest.mark.parametrize("unit", UNITS, ids=repr)
def test_pathological_repetition_is_checked_in_bounded_time(engine: Engine, unit: str) -> None:
    text = unit * (SIZE // len(unit))
    started = time.perf_counter()
    result = engine.check(Document(text))
    elapsed = time.perf_counter() - started
    assert result.error is None
    assert elapsed < LIMIT, f"{unit!r} x {len(text)}: {elapsed:.1f} s"


def test_fixing_many_findings_is_linear(engine: Engine) -> None:
    text = "Armenia,and Georgia. " * 20000
    result = engine.check(Document(text))
    started = time.perf_counter()
    outcome = apply_fixes(text, result.findings)
    assert time.perf_counter() - started < LIMIT
    assert len(outcome.applied) == 20000
    assert "Armenia,and" not in outcome.text
