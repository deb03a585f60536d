"""A new user's first hour: long source lines are shown around the finding, an input error is not
followed by a clean-sounding summary ("did you mean" for rule ids is tested in test_cli.py)."""

from __future__ import annotations

from click.testing import CliRunner

from pressqa.cli.main import cli
from pressqa.findings import Finding, Severity
from pressqa.reports import ReportOptions
from pressqa.reports.text import EXCERPT_WIDTH, excerpt


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def _finding(column: int, end_column: int) -> Finding:
    return Finding(path="a.html", rule="r", category="clause", severity=Severity.ERROR, start=0, end=0,
                   line=1, column=column, end_line=1, end_column=end_column, message="m")


def test_long_line_is_shown_as_a_window_around_the_column():
    line = "x" * 500 + "Armenia,and" + "y" * 500
    shown, carets = excerpt(line, _finding(501, 512), ReportOptions())
    assert len(shown) <= 4 + EXCERPT_WIDTH + 2
    assert shown.startswith("    …") and shown.endswith("…")
    at = shown.index("Armenia,and")
    assert carets == " " * at + "^" * 11


def test_short_line_is_shown_whole():
    shown, carets = excerpt("Short,line here.", _finding(1, 11), ReportOptions())
    assert shown == "    Short,line here." and carets == "    " + "^" * 10


def test_window_at_the_end_of_a_long_line():
    line = "z" * 300 + " end,here"
    shown, carets = excerpt(line, _finding(302, 310), ReportOptions())
    assert shown.endswith("end,here") and not shown.endswith("…")
    assert carets.index("^") == shown.index("end,here")


def test_missing_file_has_no_summary():
    result = run("check", "--isolated", "no-such-file.txt")
    assert result.exit_code == 2
    assert "No findings" not in result.stdout
    assert result.stderr == "pressqa: no-such-file.txt: no such file or directory\n"
