"""``pressqa fix`` end to end: files keep every byte but the fixes, writes are atomic, runs are idempotent."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from pressqa.cli.main import cli

SEED_LINE = "Secretary of the Security Council of Armenia,and the two sides agreed."
FIXED_LINE = "Secretary of the Security Council of Armenia, and the two sides agreed."


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, ["fix", "--isolated", *args], input=input, catch_exceptions=False)


@pytest.mark.parametrize("name,before,after", [
    ("lf.txt", f"Title\n\n{SEED_LINE}\n".encode(), f"Title\n\n{FIXED_LINE}\n".encode()),
    ("crlf.txt", f"Title\r\n\r\n{SEED_LINE}\r\nEnd.\r\n".encode(), f"Title\r\n\r\n{FIXED_LINE}\r\nEnd.\r\n".encode()),
    ("cr.txt", f"Title\r\r{SEED_LINE}\r".encode(), f"Title\r\r{FIXED_LINE}\r".encode()),
    ("bom.txt", b"\xef\xbb\xbf" + f"{SEED_LINE}\r\n".encode(), b"\xef\xbb\xbf" + f"{FIXED_LINE}\r\n".encode()),
    ("utf16.txt", b"\xff\xfe" + f"{SEED_LINE}\r\n".encode("utf-16-le"), b"\xff\xfe" + f"{FIXED_LINE}\r\n".encode("utf-16-le")),
    ("utf16be.txt", b"\xfe\xff" + f"{SEED_LINE}\n".encode("utf-16-be"), b"\xfe\xff" + f"{FIXED_LINE}\n".encode("utf-16-be")),
    ("nonl.txt", f"Über {SEED_LINE}".encode(), f"Über {FIXED_LINE}".encode()),
])
def test_fix_changes_only_the_fixed_bytes(tmp_path, name, before, after):
    path = tmp_path / name
    path.write_bytes(before)
    os.chmod(path, 0o640)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == after
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == [name]  # no temporary file left behind
    assert "fixed [missing-space-after-punctuation] missing space after ',' in 'Armenia,and'" in result.stdout
    # A second run changes nothing: not a byte, not the modification time.
    mtime = os.stat(path).st_mtime_ns
    again = run(str(path))
    assert again.exit_code == 0
    assert path.read_bytes() == after
    assert os.stat(path).st_mtime_ns == mtime
    assert "fixed" not in again.stdout
    assert "Nothing to fix." in again.stderr


def test_each_fix_names_the_finding_it_resolved(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Head\n\nOne,two and three.Four five.\n", encoding="utf-8")
    result = run(str(path))
    assert result.stdout.splitlines() == [
        f"{path}:3:1: fixed [missing-space-after-punctuation] missing space after ',' in 'One,two'",
        f"{path}:3:13: fixed [missing-space-after-punctuation] missing space after '.' in 'three.Four'",
    ]
    assert "Fixed 2 findings in 1 file." in result.stderr
    assert path.read_text(encoding="utf-8") == "Head\n\nOne, two and three. Four five.\n"


def test_diff_writes_nothing_and_exits_1_when_something_would_change(tmp_path):
    path = tmp_path / "r.txt"
    original = f"{SEED_LINE}\r\n".encode()
    path.write_bytes(original)
    result = run("--diff", str(path))
    assert result.exit_code == 1
    assert path.read_bytes() == original
    assert f"--- {path}\n+++ {path}\n" in result.stdout
    assert f"-{SEED_LINE}\r\n+{FIXED_LINE}\r\n".encode() in result.stdout_bytes  # CRLF kept in the diff
    assert "would fix [missing-space-after-punctuation]" in result.stderr  # the listing moves to stderr
    assert "Would fix 1 finding in 1 file." in result.stderr


def test_diff_on_a_clean_file_exits_0_and_prints_no_diff(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(FIXED_LINE + "\n", encoding="utf-8")
    result = run("--diff", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_diff_output_applies_with_git_apply(tmp_path, monkeypatch):
    import subprocess

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{SEED_LINE}\nLast line,here", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("--diff", "docs/a.txt")
    assert result.exit_code == 1
    (tmp_path / "fix.diff").write_text(result.stdout, encoding="utf-8")
    subprocess.run(["git", "apply", "-p1", "fix.diff"], cwd=tmp_path, check=True, capture_output=True)
    assert (folder / "a.txt").read_text(encoding="utf-8") == f"{FIXED_LINE}\nLast line, here"


def test_stdin_writes_the_fixed_text_to_stdout(tmp_path):
    result = run("-", "--stdin-filename", "draft.txt", input=f"{SEED_LINE}\r\n".encode())
    assert result.exit_code == 0
    assert result.stdout_bytes == f"{FIXED_LINE}\r\n".encode()
    assert "draft.txt:1:38: fixed [missing-space-after-punctuation]" in result.stderr


def test_stdin_that_cannot_be_read_passes_through_unchanged():
    data = b"caf\xe9,bar\n"
    result = run("-", input=data)
    assert result.exit_code == 2
    assert result.stdout_bytes == data
    assert "<stdin>: not valid UTF-8" in result.stderr


def test_select_and_ignore_limit_what_is_fixed(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(f"{SEED_LINE}\n", encoding="utf-8")
    ignored = run("--ignore", "missing-space-after-punctuation", str(path))
    assert ignored.exit_code == 0
    assert path.read_text(encoding="utf-8") == f"{SEED_LINE}\n"
    selected = run("--select", "clause", str(path))
    assert selected.exit_code == 0
    assert path.read_text(encoding="utf-8") == f"{FIXED_LINE}\n"


def test_a_directory_is_fixed_file_by_file(tmp_path):
    (tmp_path / "a.txt").write_text("One,two.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Three,four.\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("x,y\n", encoding="utf-8")  # not included
    result = run(str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "One, two.\n"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "Three, four.\n"
    assert (tmp_path / "c.csv").read_text(encoding="utf-8") == "x,y\n"
    assert "Fixed 2 findings in 2 files." in result.stderr


def test_symlink_is_followed_and_stays_a_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(f"{SEED_LINE}\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = run(str(link))
    assert result.exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == f"{FIXED_LINE}\n"


def test_errors_are_one_line_and_other_files_are_still_fixed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(f"{SEED_LINE}\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9,bar\n")
    result = run(str(bad), str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 2
    assert good.read_text(encoding="utf-8") == f"{FIXED_LINE}\n"
    assert bad.read_bytes() == b"caf\xe9,bar\n"
    errors = [line for line in result.stderr.splitlines() if line.startswith("pressqa:")]
    assert errors == [  # in the order the files were named
        f"pressqa: {bad}: not valid UTF-8: byte 0xe9 at offset 3 (use --encoding to read another encoding)",
        f"pressqa: {tmp_path / 'missing.txt'}: no such file or directory",
    ]
    assert "Traceback" not in result.output


def test_an_explicit_encoding_is_written_back_in_that_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café,bar über.\n".encode("latin-1"))
    result = run("--encoding", "latin-1", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == "Café, bar über.\n".encode("latin-1")


def test_a_file_that_cannot_be_written_back_faithfully_is_left_alone(tmp_path):
    path = tmp_path / "be.txt"
    data = b"\xfe\xff" + "One,two.\n".encode("utf-16-be")
    path.write_bytes(data)
    result = run("--encoding", "utf-16", str(path))
    assert result.exit_code == 2
    assert path.read_bytes() == data
    assert "cannot be written back unchanged in utf-16" in result.stderr


def test_a_failed_write_is_an_error_and_leaves_the_file(tmp_path, monkeypatch):
    import tempfile

    path = tmp_path / "r.txt"
    path.write_text("One,two.\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run(str(path))
    assert result.exit_code == 2
    assert f"pressqa: {path}: cannot write a temporary file beside it: Permission denied" in result.stderr
    assert path.read_text(encoding="utf-8") == "One,two.\n"


def test_fixes_are_reported_only_for_files_actually_written(tmp_path, monkeypatch):
    import tempfile

    locked = tmp_path / "locked"
    locked.mkdir()
    stuck = locked / "stuck.txt"
    stuck.write_text("One,two.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Three,four.\n", encoding="utf-8")
    real_mkstemp = tempfile.mkstemp

    def refuse_in_locked(*args, **kwargs):
        # a read-only folder (tests run as root, so chmod would not stop the write)
        if kwargs.get("dir") == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse_in_locked)
    result = run(str(stuck), str(good))
    assert result.exit_code == 2
    assert stuck.read_text(encoding="utf-8") == "One,two.\n"
    assert good.read_text(encoding="utf-8") == "Three, four.\n"
    assert result.stdout.splitlines() == [f"{good}:1:1: fixed [missing-space-after-punctuation] missing space after ',' in 'Three,four'"]
    assert result.stderr.splitlines() == [
        "Fixed 1 finding in 1 file.",
        f"pressqa: {stuck}: cannot write a temporary file beside it: Permission denied",
    ]
    alone = run(str(stuck))
    assert alone.exit_code == 2
    assert alone.stdout == ""
    assert alone.stderr.splitlines() == [f"pressqa: {stuck}: cannot write a temporary file beside it: Permission denied"]


def test_fix_without_a_path_is_a_usage_error_and_writes_nothing(tmp_path, monkeypatch):
    release = tmp_path / "r.txt"
    release.write_text("One,two.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in ((), ("--diff",)):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            "pressqa: fix needs at least one PATH: a file, a directory ('.' for this one) or '-' for standard input"]
        assert release.read_text(encoding="utf-8") == "One,two.\n"
    explicit = run(".")
    assert explicit.exit_code == 0
    assert release.read_text(encoding="utf-8") == "One, two.\n"
    piped = run("-", input=b"Five,six.\n")
    assert piped.exit_code == 0 and piped.stdout.endswith("Five, six.\n")


def test_fixes_of_different_rules_together_and_a_line_break_kept(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"We will continue to to help,and the the\r\nthe partners agreed.\r\n")
    result = run(str(path))
    assert result.exit_code == 0
    # The doubling across the line break deletes the second word after the break: the CRLF stays.
    assert path.read_bytes() == b"We will continue to help, and the\r\npartners agreed.\r\n"
    assert result.stdout.splitlines() == [
        f"{path}:1:18: fixed [doubled-word] doubled word: 'to to'",
        f"{path}:1:24: fixed [missing-space-after-punctuation] missing space after ',' in 'help,and'",
        f"{path}:1:33: fixed [doubled-word] doubled word: 'the the'",
        f"{path}:1:33: fixed [doubled-word] doubled word: 'the the'",  # found again on the second pass
    ]
    again = run(str(path))
    assert path.read_bytes() == b"We will continue to help, and the\r\npartners agreed.\r\n"
    assert "fixed [" not in again.stdout
