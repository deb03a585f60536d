"""Shared test helpers: isolated settings, running rules over texts, fixture cases."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test session gets its own pressqa cache, so no test depends on an earlier run."""
    cache = tmp_path_factory.getbasetemp() / "pressqa-cache"
    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(cache))


def settings_for(packs=None, rules=None, extra=None):
    from pressqa.config import build_settings

    raw = {}
    if packs is not None:
        raw["extends"] = list(packs)
    if rules:
        raw["rules"] = rules
    if extra:
        raw.update(extra)
    return build_settings(raw, None)


def run_rules(text, select=(), packs=None, rules=None, extra=None, path="case.txt"):
    """Findings of the selected rules on *text* (all enabled rules when select is empty)."""
    from pressqa.document import Document
    from pressqa.engine import Engine

    engine = Engine(settings_for(packs, rules, extra), select=select)
    return engine.check(Document(text, path=path)).findings
