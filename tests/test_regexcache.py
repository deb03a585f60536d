"""The compiled-pattern cache of ``pressqa check`` (pressqa.cli.regexcache): a restored pattern is
the pattern ``re`` compiles, and a check reads the same with a cold and a warm cache."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from pressqa.cli import regexcache

PATTERNS = [
    (r"(?<![\w’'‐-])(?:[A-Z][\w’'‐-]* )+(?:of|for) (?:the )?$", 0),
    (r"(?P<word>\b[^\W\d_]+)\s+(?P=word)\b", re.IGNORECASE),
    (r"^\s*#.*$", re.MULTILINE),
    (r"(a|b)*?c{2,5}[^\n]", re.DOTALL | re.VERBOSE),
    (rb"\x00+(?=\xff)", 0),
    (r"[\u0400-\u04ff]+|\d{1,3}(?:,\d{3})*", re.ASCII),
]

needs_internals = pytest.mark.skipif(regexcache._internals() is None, reason="this interpreter's re has other internals")


@needs_internals
@pytest.mark.parametrize("pattern, flags", PATTERNS)
def test_a_restored_pattern_is_the_compiled_one(pattern, flags):
    restored = regexcache.restore(regexcache.entry_for(pattern, flags))
    re.purge()
    compiled = re.compile(pattern, flags)
    assert restored == compiled  # Pattern.__eq__: same pattern, flags and code
    assert (restored.groups, restored.groupindex, restored.flags) == (compiled.groups, compiled.groupindex, compiled.flags)


@needs_internals
def test_saved_patterns_come_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regexcache, "_loaded", set())
    monkeypatch.setattr(regexcache, "_entries", [])
    re.purge()
    for pattern, flags in PATTERNS:
        re.compile(pattern, flags)
    assert regexcache.save() >= len(PATTERNS)
    assert regexcache.save() == 0  # nothing new
    re.purge()
    monkeypatch.setattr(regexcache, "_loaded", set())
    assert regexcache.load() >= len(PATTERNS)
    for pattern, flags in PATTERNS:
        cached = re._cache[type(pattern), pattern, flags]  # type: ignore[attr-defined]
        assert cached == regexcache.restore(regexcache.entry_for(pattern, flags))
    re.purge()


def test_a_damaged_cache_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(tmp_path))
    path = regexcache._path()
    if path is None:
        pytest.skip("no cache on this interpreter")
    os.makedirs(os.path.dirname(path))
    with open(path, "wb") as handle:
        handle.write(b"not marshal data")
    assert regexcache.load() == 0


def test_check_reads_the_same_with_a_cold_and_a_warm_cache(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text("Ministers Meet\n\nThe the ministers met in Kyiv on Monday,and the talks went on.\n",
                       encoding="utf-8")
    env = dict(os.environ, PRESSQA_CACHE_DIR=str(tmp_path / "cache"), PRESSQA_LANGUAGETOOL_MODE="off")
    argv = [sys.executable, "-m", "pressqa", "check", "--isolated", "--format", "json", str(release)]
    cold = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    warm = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    assert cold.returncode == warm.returncode == 1, cold.stderr + warm.stderr
    assert cold.stdout == warm.stdout
    if regexcache._internals() is not None:
        assert list((tmp_path / "cache" / "regex").glob("*.marshal"))
