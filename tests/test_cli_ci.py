"""``pressqa check`` in CI: --format sarif|github|junit, --output, --fail-on, --max-findings, unused suppressions."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

RULE = "missing-space-after-punctuation"
TEXT = "Ministers Meet\n\nThe talks ended in Geneva.The ministers left, Armenia,and Georgia agreed.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Nothing to see.\n", encoding="utf-8")
    return tmp_path


def run(*args):
    from pressqa.cli.main import cli

    return CliRunner().invoke(cli, ["check", *args])


def test_each_format_on_standard_output(project):
    sarif = run("r.txt", "--format", "sarif")
    assert sarif.exit_code == 1
    log = json.loads(sarif.output)
    driver = log["runs"][0]["tool"]["driver"]
    # rule help comes from the pack and the check type's documentation
    (rule,) = driver["rules"]
    assert rule["id"] == RULE
    assert rule["shortDescription"]["text"] == 'Punctuation run into the next word ("Armenia,and").'
    assert "**What it does.**" in rule["fullDescription"]["text"]
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert len(log["runs"][0]["results"]) == 2

    github = run("r.txt", "--format", "github")
    assert github.exit_code == 1
    assert github.output.splitlines()[0].startswith("::error file=r.txt,line=3,endLine=3,col=20,endColumn=30,title=")

    junit = run("r.txt", "clean.txt", "--format", "junit")
    root = ET.fromstring(junit.output)
    assert [len(case.findall("failure")) for case in root.iter("testcase")] == [2, 0]


def test_sarif_from_the_command_line_validates(project):
    from test_reports import sarif_validator

    (project / "s.md").write_text("<!-- pressqa: disable=clause -->\nFine.\n<!-- pressqa: disabel -->\n", encoding="utf-8")
    result = run(".", "--format", "sarif", "--report-unused-suppressions")
    log = json.loads(result.output)
    errors = list(sarif_validator().iter_errors(log))
    assert not errors, [e.message for e in errors]
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rules == [RULE, "suppression-directive", "unused-suppression"]


def test_output_writes_the_format_and_prints_text(project):
    result = run("r.txt", "--format", "sarif", "--output", "out/report.sarif")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "2 findings (2 errors) in 1 file."
    log = json.loads((project / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert not [p for p in os.listdir(project / "out") if p.endswith(".pressqa-tmp")]


def test_several_outputs_with_formats_keep_format_on_standard_output(project):
    result = run("r.txt", "--format", "github", "-o", "sarif:a.sarif", "--output", "junit:b.xml", "--output", "c.json")
    # c.json takes --format (github), so standard output shows the text report
    assert result.output.startswith("r.txt:3:20: error")
    assert json.loads((project / "a.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(project / "b.xml").getroot().tag == "testsuites"
    assert (project / "c.json").read_text(encoding="utf-8").startswith("::error file=r.txt")

    result = run("r.txt", "--format", "github", "-o", "sarif:a.sarif")
    assert result.output.startswith("::error file=r.txt")


def test_output_errors_are_one_line(project):
    (project / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = run("r.txt", "--output", "sarif:blocker/report.sarif")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("pressqa: blocker/report.sarif: cannot write")
    assert lines[0].startswith("r.txt:3:20: error")  # the findings are still printed
    result = run("r.txt", "--output", "-")
    assert result.exit_code == 2 and "--output" in result.output


def test_max_findings_and_fail_on(project):
    assert run("r.txt", "--max-findings", "2").exit_code == 1  # errors trip --fail-on error anyway
    assert run("r.txt", "--fail-on", "never").exit_code == 0
    assert run("r.txt", "--fail-on", "never", "--max-findings", "2").exit_code == 0
    result = run("r.txt", "--fail-on", "never", "--max-findings", "1")
    assert result.exit_code == 1
    assert "pressqa: 2 findings reported, more than --max-findings 1" in result.output
    assert run("clean.txt", "--max-findings", "0").exit_code == 0
    assert run("r.txt", "--max-findings", "-1").exit_code == 2


def test_max_findings_counts_only_reported_findings(project):
    (project / "r.txt").write_text(f"<!-- pressqa: disable={RULE} -->\n" + TEXT, encoding="utf-8")
    result = run("r.txt", "--max-findings", "0")
    assert result.exit_code == 0
    assert result.output.strip() == "No findings in 1 file; 2 suppressed."


def test_fail_on_never_in_config(project):
    (project / "pressqa.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    assert run("r.txt").exit_code == 0
    (project / "pressqa.toml").write_text('fail_on = "sometimes"\n', encoding="utf-8")
    assert run("r.txt").exit_code == 2


def test_unused_suppressions_from_the_command_line(project):
    (project / "s.md").write_text(f"<!-- pressqa: disable-next-line={RULE} -->\nAll fine.\n", encoding="utf-8")
    assert run("s.md").exit_code == 0
    result = run("s.md", "--report-unused-suppressions", "--fail-on", "warning")
    assert result.exit_code == 1
    assert result.output.startswith(f"s.md:1:33: warning [unused-suppression] unused suppression: no '{RULE}' finding")


def test_write_baseline_prints_no_report(project):
    result = run("r.txt", "--write-baseline", "b.json", "--format", "sarif", "--output", "x.sarif")
    assert result.exit_code == 0
    assert result.output.strip() == "pressqa: wrote 2 findings to baseline b.json"
    assert not (project / "x.sarif").exists()


def test_help_documents_the_ci_options():
    from pressqa.cli.main import cli

    text = CliRunner().invoke(cli, ["check", "--help"]).output
    for option in ("--output", "--max-findings", "--baseline", "--no-baseline", "--write-baseline",
                   "--report-unused-suppressions", "sarif", "github", "junit", "never"):
        assert option in text
    assert "standard output shows the text report" in " ".join(text.split())
