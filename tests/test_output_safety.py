"""--output never destroys what it writes to: devices and FIFOs are written in place, a checked file is refused."""

from __future__ import annotations

import os
import stat
import threading

from click.testing import CliRunner

from pressqa.cli.main import cli
from pressqa.run.files import write_atomic

TEXT = "Ministers Meet\n\nThe talks ended in Geneva, Armenia,and Georgia agreed.\n"


def run(*args):
    return CliRunner().invoke(cli, ["check", "--isolated", *args])


def test_output_over_a_checked_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    result = run("r.txt", "--output", "json:r.txt")
    assert result.exit_code == 2
    assert "pressqa: r.txt: is one of the files being checked; the report was not written over it" in result.stderr
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == TEXT


def test_output_to_a_fifo_keeps_the_fifo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("r.txt", "--output", f"json:{fifo}")
    reader.join(timeout=10)
    assert result.exit_code == 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b'"schema_version"' in received[0]


def test_output_to_a_directory_is_one_line_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "out").mkdir()
    result = run("r.txt", "--output", "sarif:out")
    assert result.exit_code == 2
    assert "pressqa: out: cannot write: Is a directory" in result.stderr


def test_a_stream_is_appended_to_not_truncated(tmp_path):
    target = tmp_path / "log"
    os.mkfifo(target)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(target.read_bytes()))
    reader.start()
    write_atomic(str(target), b"report\n", create=True)
    reader.join(timeout=10)
    assert got == [b"report\n"] and stat.S_ISFIFO(os.stat(target).st_mode)
