"""Shared test helpers: isolated settings, running rules over texts, fixture cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SHARED = ROOT.parent / "shared"


def _real_languagetool_home() -> Path:
    """Where 'pressqa languagetool install/start' put LanguageTool, read before any test changes the environment."""
    from pressqa.backends import ltserver

    return ltserver.home()


REAL_LT_HOME = _real_languagetool_home()
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
# LanguageTool is off for every test, and for every process a test starts (the
# session's 'pressqa serve' too), unless the test's config sets a mode: the
# LanguageTool tests say mode = "auto" and give the url of the lt_server fixture.
os.environ["PRESSQA_LANGUAGETOOL_MODE"] = "off"


#: Test modules that wait on other programs (pip, pre-commit, a JVM, process pools, the 1,013-item wild
#: corpus): marked ``slow`` so that ``scripts/test.sh --fast`` leaves them out.  CI runs everything.
SLOW_MODULES = frozenset({
    "test_precommit", "test_packaging", "test_languagetool_real", "test_many_files", "test_wild", "test_typing", "test_adversarial",
    "test_server_hardening", "test_wild_lt",
})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module is not None and item.module.__name__.rpartition(".")[2] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test session gets its own pressqa cache, so no test depends on an earlier run.

    LanguageTool's installations are out of sight too (see PRESSQA_LANGUAGETOOL_MODE above).
    """
    cache = tmp_path_factory.getbasetemp() / "pressqa-cache"
    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(cache))
    monkeypatch.setenv("PRESSQA_LANGUAGETOOL_HOME", str(tmp_path_factory.getbasetemp() / "no-languagetool"))


@pytest.fixture(scope="session")
def lt_server():
    """The url of a real LanguageTool server.

    The one 'pressqa languagetool start' runs (scripts/setup.sh starts it).  In CI
    (CI=true) there is no other choice: without it the tests that need it fail.
    Elsewhere a session starts one from the installed jars (and stops it at the
    end), or skips those tests when LanguageTool is not installed.
    """
    from pressqa.backends import ltserver
    from pressqa.errors import BackendError

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRESSQA_LANGUAGETOOL_HOME", str(REAL_LT_HOME))
        state = ltserver.running()
        if state is not None and ltserver.healthy(state.url):
            yield state.url
            return
        problem = None
        if IN_CI:
            problem = "LanguageTool is not running (scripts/setup.sh runs 'pressqa languagetool start')"
        elif ltserver.find_installation() is None:
            problem = f"LanguageTool {ltserver.LT_VERSION} is not installed in {REAL_LT_HOME} (run 'pressqa languagetool install')"
        else:
            try:
                state, _ = ltserver.start(port=0)
            except BackendError as exc:
                problem = exc.render()
        if problem is not None:
            if IN_CI:
                pytest.fail(f"{problem}: in CI the LanguageTool tests need the real server", pytrace=False)
            pytest.skip(problem)
    try:
        yield state.url
    finally:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PRESSQA_LANGUAGETOOL_HOME", str(REAL_LT_HOME))
            ltserver.stop()


def require_module(module: str) -> None:
    """Skip a test whose tool is missing locally, but fail it in CI (CI=true): a missing
    dependency there is a failure, never a silent skip."""
    try:
        __import__(module)
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is not installed (it is a dev dependency: pip install -e '.[dev]')")
        pytest.skip(f"{module} is not installed")


def settings_for(packs=None, rules=None, extra=None):
    from pressqa.packs.config import build_settings

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
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    engine = Engine(settings_for(packs, rules, extra), select=select)
    return engine.check(Document(text, path=path)).findings
