"""Many files: the process pool gives the same report as one process, in the same order; progress only on a terminal."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from pressqa.run import runner as runner_module
from pressqa.cli.main import cli
from pressqa.packs.config import ConfigResolver
from pressqa.errors import ConfigError
from pressqa.run.runner import Runner, RunStats, check_many, discover

from conftest import ROOT

SEED = (ROOT / "samples" / "seed-release.txt").read_text(encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    """Files of very different sizes, so that workers finish out of order; one unreadable."""
    folder = tmp_path / "releases"
    folder.mkdir()
    for i in range(24):
        body = SEED * (12 if i % 5 == 0 else 1)
        extra = f"\nRound {i},again.Then more.\n" if i % 2 else "\n"
        (folder / f"r{i:02d}.txt").write_text(body + extra, encoding="utf-8")
    (folder / "r99-bad.txt").write_bytes(b"caf\xe9,bar\n")
    return folder


@pytest.fixture
def always_pool(monkeypatch):
    """Use the pool whatever the files cost (normally only work worth a quarter second gets one)."""
    monkeypatch.setattr(runner_module, "POOL_WORTH_SECONDS", 0.0)


def invoke(*args: str):
    return CliRunner().invoke(cli, ["check", "--isolated", *args], catch_exceptions=False)


def test_check_many_uses_the_pool_and_keeps_discovery_order(corpus, always_pool):
    resolver = ConfigResolver(None, isolated=True)
    targets = [t for t in discover([str(corpus)], resolver)]
    serial = check_many(Runner(resolver), targets, jobs=1)
    stats = RunStats()
    progress: list[int] = []
    parallel = check_many(Runner(resolver), targets, jobs=2, on_progress=progress.append, stats=stats)
    assert stats.workers == 2 and stats.parallel > 0 and stats.serial + stats.parallel == len(targets)
    assert sum(progress) == len(targets)
    assert [r.path for r in parallel] == [t.display for t in targets]
    assert [(r.path, r.findings, r.error) for r in parallel] == [(r.path, r.findings, r.error) for r in serial]
    assert parallel[-1].error and "not valid UTF-8" in parallel[-1].error
    # Source excerpts still work on results that came back from a worker.
    assert parallel[0].doc is not None and parallel[0].doc.line_text(1) == serial[0].doc.line_text(1)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_parallel_report_equals_serial_report(corpus, always_pool, fmt):
    serial = invoke("--format", fmt, "--jobs", "1", str(corpus))
    parallel = invoke("--format", fmt, "--jobs", "2", str(corpus))
    assert serial.exit_code == parallel.exit_code == 2  # the unreadable file
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    if fmt == "json":
        assert len(json.loads(parallel.stdout)["files"]) == 25


def test_a_few_files_never_start_a_pool(corpus):
    resolver = ConfigResolver(None, isolated=True)
    targets = [t for t in discover([str(corpus)], resolver)][:3]
    stats = RunStats()
    check_many(Runner(resolver), targets, jobs=2, stats=stats)
    assert (stats.serial, stats.parallel, stats.workers) == (3, 0, 0)


def test_standard_input_is_read_in_the_parent_and_keeps_its_place(corpus, always_pool):
    files = sorted(str(p) for p in corpus.glob("r0*.txt"))
    args = [files[0], "-", *files[1:], "--format", "json", "--stdin-filename", "piped.txt"]
    serial = CliRunner().invoke(cli, ["check", "--isolated", "--jobs", "1", *args], input="One,two.\n")
    parallel = CliRunner().invoke(cli, ["check", "--isolated", "--jobs", "2", *args], input="One,two.\n")
    assert parallel.stdout == serial.stdout
    paths = [f["path"] for f in json.loads(parallel.stdout)["files"]]
    assert paths[1] == "piped.txt" and len(paths) == len(files) + 1


def test_a_config_error_in_a_worker_ends_the_run_with_one_line():
    error = runner_module._rebuild_error(("error", "ConfigError", "p.toml", "unknown key", 3, "colour"))
    assert isinstance(error, ConfigError)
    assert error.render() == "p.toml:3: colour: unknown key"
    odd = runner_module._rebuild_error(("error", "os", "p", "m", None, None))  # never anything but a PressqaError
    assert odd.render() == "p: m"


def test_no_progress_bar_when_stderr_is_not_a_terminal(corpus, always_pool):
    result = invoke("--jobs", "2", str(corpus))
    assert "Checking" not in result.stderr
    assert "\r" not in result.stderr and "\x1b" not in result.stderr


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_goes_to_stderr_only(corpus, always_pool, monkeypatch, capsys):
    from pressqa.cli.check import run_check

    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    code = run_check((str(corpus),), "json", None, [], [], None, True, None, None, False, False, False, jobs=2)
    assert code == 2
    assert "Checking" in terminal.getvalue()
    assert "25/25" in terminal.getvalue()
    out = capsys.readouterr().out
    assert "Checking" not in out
    assert len(json.loads(out)["files"]) == 25


def test_quiet_or_few_files_show_no_progress_bar(corpus, monkeypatch, capsys):
    from pressqa.cli.check import run_check

    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    run_check((str(corpus),), "json", None, [], [], None, True, None, None, False, False, True, jobs=2)
    run_check((str(corpus / "r00.txt"),), "json", None, [], [], None, True, None, None, False, False, False, jobs=2)
    assert "Checking" not in terminal.getvalue()
