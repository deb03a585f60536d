"""pressqa against the real LanguageTool: the seed release, local mode through
language-tool-python, and the start/status/stop cycle of 'pressqa languagetool'.

In CI (CI=true) LanguageTool must be installed and running (scripts/setup.sh
does both): a missing server fails these tests, it never skips them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import IN_CI, REAL_LT_HOME, ROOT, run_rules


@pytest.fixture(scope="module")
def lt_installation():
    from pressqa.backends import ltserver

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRESSQA_LANGUAGETOOL_HOME", str(REAL_LT_HOME))
        inst = ltserver.find_installation()
    if inst is None:
        problem = f"LanguageTool is not installed in {REAL_LT_HOME} (run 'pressqa languagetool install')"
        if IN_CI:
            pytest.fail(f"{problem}: in CI the LanguageTool tests need it", pytrace=False)
        pytest.skip(problem)
    return inst


def cli(tmp_path, *args, env=None, cwd=None, timeout=180):
    run_env = dict(os.environ)
    run_env["PRESSQA_CACHE_DIR"] = str(tmp_path / "cache")
    run_env["PRESSQA_LANGUAGETOOL_MODE"] = "auto"
    run_env.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "pressqa", *args], capture_output=True, text=True,
                          cwd=cwd or tmp_path, env=run_env, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_seed_release(lt_server):
    text = (ROOT / "samples" / "seed-release.txt").read_text(encoding="utf-8")
    extra = {"languagetool": {"url": lt_server, "mode": "auto", "required": True}}
    alone = run_rules(text, select=["languagetool"], extra=extra)
    got = {(f.line, f.column, f.rule, f.category) for f in alone}
    # LanguageTool sees the cut after "Washington." and the comma in "Armenia,and" ...
    assert (3, 401, "languagetool/UPPERCASE_SENTENCE_START", "clause") in got
    assert (3, 568, "languagetool/COMMA_PARENTHESIS_WHITESPACE", "clause") in got
    # ... and none of the names of the release is a misspelling (Hikmat Hajiyev, Armen
    # Grigoryan, Jeyhun Bayramov, Ararat Mirzoyan, Antony/Anthony Blinken)
    assert not [f for f in alone if f.category == "spelling"], alone

    findings = run_rules(text, extra=extra)
    lt = [f for f in findings if f.rule.startswith("languagetool/")]
    # with the default rules the built-in rules report the cut and the comma, once each
    cut = [f for f in findings if f.line == 3 and f.category == "clause" and f.start <= text.index(". of the meeting") + 2 < f.end]
    assert [f.rule for f in cut] == ["lowercase-after-full-stop"]
    comma = [f for f in findings if f.line == 3 and 555 <= f.column <= 566]
    assert [f.rule for f in comma] == ["missing-space-after-punctuation"]
    # and LanguageTool adds nothing to the press categories (the quotation opened on
    # line 25 and never reopened on line 27 is unbalanced-quotes' finding)
    press = {"truncation", "clause", "name-consistency", "title-consistency"}
    assert [f for f in lt if f.category in press] == []


def test_local_mode_runs_languagetool_through_language_tool_python(tmp_path, lt_installation):
    (tmp_path / "pressqa.toml").write_text('[languagetool]\nmode = "local"\nrequired = true\n', encoding="utf-8")
    (tmp_path / "release.txt").write_text("The talks ended in Geneva. of the meeting, the goverment said little.\n", encoding="utf-8")
    proc = cli(tmp_path, "check", "--format", "json", "--select", "languagetool", "release.txt",
               env={"PRESSQA_LANGUAGETOOL_HOME": str(REAL_LT_HOME)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    got = [(f["column"], f["rule"], f["category"], f["suggestion"]) for f in findings]
    assert got == [
        (28, "languagetool/UPPERCASE_SENTENCE_START", "clause", "Of"),
        (48, "languagetool/MORFOLOGIK_RULE_EN_US", "spelling", "government"),
    ]


def test_start_status_stop_and_auto_mode(tmp_path, lt_installation):
    # a private home that shares the installed jars, so this server is this test's alone
    home = tmp_path / "lt-home"
    root = home / lt_installation.version
    root.mkdir(parents=True)
    os.symlink(lt_installation.dist, root / lt_installation.dist.name)
    shutil.copy(lt_installation.marker, root / "installed.json")
    env = {"PRESSQA_LANGUAGETOOL_HOME": str(home)}

    status = cli(tmp_path, "languagetool", "status", env=env)
    assert status.returncode == 1 and "not running" in status.stdout
    started = cli(tmp_path, "languagetool", "start", "--port", "0", env=env)
    try:
        assert started.returncode == 0, started.stderr
        assert "started at http://127.0.0.1:" in started.stdout
        again = cli(tmp_path, "languagetool", "start", "--port", "0", env=env)
        assert "already running" in again.stdout
        status = cli(tmp_path, "languagetool", "status", "--json", env=env)
        info = json.loads(status.stdout)
        assert status.returncode == 0 and info["running"] and info["healthy"]
        assert info["url"].startswith("http://127.0.0.1:")
        # auto mode finds the server through server.json
        (tmp_path / "release.txt").write_text("Ministers met in Geneva. of the talks, little is known.\n", encoding="utf-8")
        checked = cli(tmp_path, "check", "--format", "json", "--select", "languagetool", "--require-languagetool",
                      "release.txt", env=env)
        findings = json.loads(checked.stdout)["files"][0]["findings"]
        assert [f["rule"] for f in findings] == ["languagetool/UPPERCASE_SENTENCE_START"]
        assert checked.stderr == ""
    finally:
        stopped = cli(tmp_path, "languagetool", "stop", env=env)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    status = cli(tmp_path, "languagetool", "status", env=env)
    assert status.returncode == 1
    assert not (root / "server.json").exists()
    assert cli(tmp_path, "languagetool", "stop", env=env).stdout.strip() == "LanguageTool is not running"


def test_install_is_idempotent(tmp_path, lt_installation):
    proc = cli(tmp_path, "languagetool", "install", env={"PRESSQA_LANGUAGETOOL_HOME": str(REAL_LT_HOME)})
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"LanguageTool {lt_installation.version} is already installed in {lt_installation.root}"


SAMPLES = [ROOT / "samples" / name for name in ("gov-readout.txt", "product-launch.md", "university-research.txt")]
CORPUS = sorted((ROOT / "tests" / "corpus" / "clean").iterdir())
PRESS_CATEGORIES = ("truncation", "clause", "name-consistency", "title-consistency")


def _findings(path, url):
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    from conftest import settings_for

    settings = settings_for(extra={"languagetool": {"url": url, "mode": "auto", "required": True}})
    return Engine(settings).check(Document(path.read_text(encoding="utf-8"), path.name)).findings


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_clean_samples_stay_clean_with_languagetool(path, lt_server):
    """The false-positive guard of tests/test_samples.py, with LanguageTool on: no finding at all."""
    assert [f"{f.line}:{f.column} {f.rule} {f.message}" for f in _findings(path, lt_server)] == []


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_clean_corpus_gets_no_press_findings_from_languagetool(path, lt_server):
    """tests/test_corpus.py with LanguageTool on (its British spellings are en-US misspellings, not press defects)."""
    findings = [f for f in _findings(path, lt_server) if f.category in PRESS_CATEGORIES]
    assert [f"{f.line}:{f.column} {f.rule} {f.message}" for f in findings] == []
