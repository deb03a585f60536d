"""Awkward inputs from the command line: each is one line naming the problem, and the other files are still checked."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from pressqa.cli.main import cli

BAD = "The talks ended, Armenia,and Georgia agreed.\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, ["check", "--isolated", *args], input=input)


def test_a_fifo_in_a_directory_is_skipped_not_waited_on(tmp_path):
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    result = run(str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    assert '"path": "' + str(tmp_path / "r.txt") in result.output
    assert "pipe.txt" not in result.output


def test_stdin_named_twice_is_read_once():
    result = run("-", "-", input=BAD)
    assert result.exit_code == 1
    assert result.output.count("[missing-space-after-punctuation]") == 1


def test_closed_stdin_is_one_line_error():
    proc = subprocess.run([sys.executable, "-m", "pressqa", "check", "--isolated", "-"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0  # empty input: nothing to report
    closed = subprocess.run([sys.executable, "-c", "import sys, os; os.close(0); sys.stdin = None; "
                             "from pressqa.cli.main import main; main(['check', '--isolated', '-'])"],
                            capture_output=True, text=True, timeout=60)
    assert closed.returncode == 2
    assert closed.stderr.strip().splitlines()[-1] == "pressqa: <stdin>: standard input is closed"


def test_a_path_click_thinks_unreadable_is_left_to_pressqa(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD, encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if str(p).endswith("b.txt") else real_access(p, mode, *a, **k))
    result = run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert "Usage:" not in result.output
    assert result.output.count("[missing-space-after-punctuation]") == 2


def test_usage_errors_are_one_line():
    proc = subprocess.run([sys.executable, "-m", "pressqa", "check", "--max-findings", "-1", "x.txt"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "pressqa: Invalid value for '--max-findings': -1 is not in the range x>=0. (see 'pressqa check --help')"
    ]


def test_config_that_is_a_directory(tmp_path):
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(tmp_path), str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"pressqa: {tmp_path}: not a config file (a TOML file was expected)"


def test_a_folder_that_cannot_be_read_is_an_input_error(tmp_path, monkeypatch):
    """(Root reads every folder, so the refusal is simulated where os.walk meets it.)"""
    import os as _os

    from click.testing import CliRunner

    from pressqa.cli.main import cli

    (tmp_path / "drafts" / "locked").mkdir(parents=True)
    (tmp_path / "drafts" / "ok.txt").write_text("The minister arrived.\n", encoding="utf-8")
    real_scandir = _os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(_os, "scandir", scandir)
    result = CliRunner().invoke(cli, ["check", "--isolated", str(tmp_path / "drafts")])
    assert result.exit_code == 2, result.output
    assert "locked: cannot read the folder: Permission denied" in result.stderr


def test_json_offsets_and_edits_of_a_markdown_file_count_in_the_files_own_text(tmp_path):
    """A client places a finding and applies its fix by offsets: they are the file's, not the prose's."""
    import json

    text = ("---\ntitle: Talks\n---\n\n# Talks *today*\n\n```\nArmenia,and Georgia\n```\n\n"
            "The **delegation** visited [Armenia](https://example.org),and then Georgia.\n")
    path = tmp_path / "release.md"
    path.write_text(text, encoding="utf-8")
    result = run("--format", "json", "--select", "missing-space-after-punctuation", str(path))
    found = json.loads(result.output)["files"][0]["findings"]
    assert len(found) == 1
    f = found[0]
    assert "," in text[f["offset"]:f["end_offset"]] and f["line"] == 11
    fixed = text
    for e in sorted(f["edits"], key=lambda e: -e["offset"]):
        fixed = fixed[:e["offset"]] + e["replacement"] + fixed[e["end_offset"]:]
    assert fixed.endswith("(https://example.org), and then Georgia.\n") and "Armenia,and Georgia\n```" in fixed


def test_json_findings_of_an_html_file_carry_no_edits(tmp_path):
    import json

    text = "<html><body>\n<p>The delegation visited <b>Armenia</b>,and Georgia.</p>\n</body></html>\n"
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    result = run("--format", "json", "--select", "missing-space-after-punctuation", str(path))
    f = json.loads(result.output)["files"][0]["findings"][0]
    assert f["edits"] == [] and f["fixable"] is False and f["line"] == 2
    assert "," in text[f["offset"]:f["end_offset"]]
