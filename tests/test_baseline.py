"""Baselines: fingerprints that survive edits elsewhere, writing, reading and filtering (pressqa.run.baseline)."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from conftest import settings_for

RULE = "missing-space-after-punctuation"

RELEASE = """Ministers Meet in Geneva

GENEVA, March 3, 2024 -- The talks ended in Geneva.The ministers will meet again.

Armen Grigoryan, secretary of the Security Council of Armenia,and the delegation agreed.

Media contact: press@example.org
"""


def fingerprints(text):
    from pressqa.run.baseline import fingerprint_findings
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    doc = Document(text, path="r.txt")
    findings = Engine(settings_for()).check(doc).findings
    return [(f.message, f.fingerprint) for f in fingerprint_findings(doc, findings)]


def test_fingerprints_ignore_lines_inserted_above():
    before = fingerprints(RELEASE)
    after = fingerprints("DRAFT -- not for release\n\nEmbargoed until Monday.\n\n" + RELEASE)
    assert len(before) == 2 and before == after


def test_fingerprints_ignore_line_endings_and_rewrapping():
    assert fingerprints(RELEASE.replace("\n", "\r\n")) == fingerprints(RELEASE)
    rewrapped = RELEASE.replace("secretary of the Security", "secretary of the\nSecurity")
    assert fingerprints(rewrapped) == fingerprints(RELEASE)


def test_fingerprints_ignore_edits_to_other_paragraphs():
    edited = RELEASE.replace("Media contact: press@example.org", "Media contact: Jane Doe, +1 555 0100")
    edited = edited.replace("Armen Grigoryan, secretary", "Armen Grigoryan, the secretary")
    assert fingerprints(edited)[0] == fingerprints(RELEASE)[0]


def test_fingerprints_change_with_the_flagged_text_or_its_neighbourhood():
    original = fingerprints(RELEASE)
    changed = fingerprints(RELEASE.replace("Armenia,and the", "Armenia,and then the"))
    assert changed[0] == original[0] and changed[1] != original[1]


def test_identical_findings_get_distinct_fingerprints():
    found = fingerprints("One,two.\n\nOne,two.\n\nOne,two.\n")
    assert len({fp for _, fp in found}) == 3


# -- the command line ------------------------------------------------------------------


def run(args, cwd):
    from pressqa.cli.main import cli

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args)
    finally:
        os.chdir(old)


def write_release(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_write_then_report_only_new_findings(tmp_path):
    write_release(tmp_path / "drafts" / "r.txt", RELEASE)
    result = run(["check", "drafts", "--write-baseline", ".pressqa-baseline.json"], tmp_path)
    assert result.exit_code == 0, result.output
    assert "wrote 2 findings to baseline .pressqa-baseline.json" in result.output
    data = json.loads((tmp_path / ".pressqa-baseline.json").read_text(encoding="utf-8"))
    assert data["tool"] == "pressqa" and data["version"] == 1
    assert [(e["path"], e["rule"], e["line"]) for e in data["findings"]] == [
        ("drafts/r.txt", RULE, 3), ("drafts/r.txt", RULE, 5)]

    # Edits elsewhere, lines inserted above, CRLF -- and one new slip.
    edited = ("DRAFT\n\n" + RELEASE.replace("Media contact", "Press contact")
              + "\nThe next round is planned,pending approval.\n").replace("\n", "\r\n")
    (tmp_path / "drafts" / "r.txt").write_bytes(edited.encode("utf-8"))
    result = run(["check", "drafts", "--baseline", ".pressqa-baseline.json"], tmp_path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"drafts/r.txt:11:19: error [{RULE}] missing space after ',' in 'planned,pending'")
    assert lines[1] == "1 finding (1 error) in 1 file; 2 baselined."

    result = run(["check", "drafts", "--baseline", ".pressqa-baseline.json", "--format", "json"], tmp_path)
    summary = json.loads(result.output)["summary"]
    assert (summary["findings"], summary["baselined"]) == (1, 2)


def test_the_baseline_works_from_another_folder(tmp_path):
    write_release(tmp_path / "drafts" / "r.txt", RELEASE)
    run(["check", "drafts/r.txt", "--write-baseline", "ci/baseline.json"], tmp_path)
    stored = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in stored["findings"]} == {"../drafts/r.txt"}
    result = run(["check", "r.txt", "--baseline", "../ci/baseline.json"], tmp_path / "drafts")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "No findings in 1 file; 2 baselined."


def test_baseline_from_the_config_and_no_baseline(tmp_path):
    write_release(tmp_path / "drafts" / "r.txt", RELEASE)
    (tmp_path / "pressqa.toml").write_text('baseline = "ci/known.json"\n', encoding="utf-8")
    result = run(["check", "drafts/r.txt"], tmp_path)
    assert result.exit_code == 2
    assert "pressqa.toml: baseline: " in result.output and "ci/known.json not found" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert run(["check", "drafts/r.txt", "--write-baseline", "ci/known.json"], tmp_path).exit_code == 0
    # a run from inside the folder still finds ci/known.json relative to pressqa.toml
    result = run(["check", "r.txt"], tmp_path / "drafts")
    assert result.exit_code == 0 and "2 baselined" in result.output
    result = run(["check", "r.txt", "--no-baseline"], tmp_path / "drafts")
    assert result.exit_code == 1 and "baselined" not in result.output


def test_identical_findings_are_counted(tmp_path):
    write_release(tmp_path / "r.txt", "One,two.\n\nOne,two.\n")
    run(["check", "r.txt", "--write-baseline", "b.json"], tmp_path)
    write_release(tmp_path / "r.txt", "One,two.\n\nOne,two.\n\nOne,two.\n")
    result = run(["check", "r.txt", "--baseline", "b.json", "--format", "json"], tmp_path)
    data = json.loads(result.output)
    assert len(data["files"][0]["findings"]) == 1
    assert data["summary"]["baselined"] == 2


def test_fixed_findings_are_mentioned(tmp_path):
    write_release(tmp_path / "r.txt", RELEASE)
    run(["check", "r.txt", "--write-baseline", "b.json"], tmp_path)
    write_release(tmp_path / "r.txt", RELEASE.replace("Geneva.The", "Geneva. The"))
    result = run(["check", "r.txt", "--baseline", "b.json"], tmp_path)
    assert result.exit_code == 0
    assert "b.json: 1 recorded finding no longer occurs; update it with --write-baseline" in result.output


def test_writing_keeps_the_entries_of_files_not_checked(tmp_path):
    write_release(tmp_path / "a.txt", "One,two.\n")
    write_release(tmp_path / "b.txt", "Three,four.\n")
    run(["check", "a.txt", "b.txt", "--write-baseline", "b.json"], tmp_path)
    write_release(tmp_path / "a.txt", "One, two. Five,six.\n")
    assert run(["check", "a.txt", "--write-baseline", "b.json"], tmp_path).exit_code == 0
    entries = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["message"]) for e in entries] == [
        ("a.txt", "missing space after ',' in 'Five,six'"), ("b.txt", "missing space after ',' in 'Three,four'")]


def test_a_file_that_is_not_a_baseline_is_never_overwritten(tmp_path):
    write_release(tmp_path / "r.txt", RELEASE)
    result = run(["check", "r.txt", "--write-baseline", "r.txt"], tmp_path)
    assert result.exit_code == 2
    assert "r.txt: not a pressqa baseline" in result.output
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == RELEASE


def test_bad_baseline_files_are_one_line_errors(tmp_path):
    write_release(tmp_path / "r.txt", RELEASE)
    cases = {
        "missing.json": None,
        "broken.json": "{not json",
        "other.json": '{"findings": []}',
        "newer.json": '{"tool": "pressqa", "version": 7, "findings": []}',
        "entries.json": '{"tool": "pressqa", "version": 1, "findings": [{"path": "r.txt"}]}',
    }
    expected = {
        "missing.json": "not found",
        "broken.json": "invalid JSON",
        "other.json": "not a pressqa baseline",
        "newer.json": "written by a newer pressqa",
        "entries.json": "finding #1 needs a \"path\" and a \"fingerprint\"",
    }
    for name, content in cases.items():
        if content is not None:
            (tmp_path / name).write_text(content, encoding="utf-8")
        result = run(["check", "r.txt", "--baseline", name], tmp_path)
        assert result.exit_code == 2, name
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and expected[name] in lines[0] and "Traceback" not in result.output, (name, lines)
