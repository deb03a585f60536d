"""CI report formats: SARIF (validated against the OASIS schema), GitHub workflow commands, JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import settings_for

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
RULE = "missing-space-after-punctuation"


def results_for(texts: dict[str, str], root: Path | None = None):
    """Check each text as a file (written under *root* when given) and return the results, fingerprinted."""
    from pressqa.run.baseline import fingerprint_result
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    engine = Engine(settings_for())
    out = []
    for name, text in texts.items():
        path = str(root / name) if root else name
        result = engine.check(Document(text, path=path))
        fingerprint_result(result)
        out.append(result)
    return out


def options(**kwargs):
    from pressqa.reports import ReportOptions

    kwargs.setdefault("tool_version", "9.9.9")
    return ReportOptions(**kwargs)


def render(fmt, results, **kwargs):
    from pressqa.reports import get

    return get(fmt)(results, options(**kwargs))


def sarif_validator():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


# -- SARIF ---------------------------------------------------------------------------


def test_the_schema_is_the_official_one():
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert len(schema["definitions"]) == 52
    # and it has teeth: a log without runs, or a region starting at column 0, is invalid
    validator = sarif_validator()
    assert not validator.is_valid({"version": "2.1.0"})
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"},
                                                                       "region": {"startLine": 1, "startColumn": 0}}}]}]}]}
    assert not validator.is_valid(bad)


@pytest.mark.parametrize("texts", [
    {"drafts/a.txt": "The talks ended in Geneva.The ministers left, Armenia,and Georgia agreed.\n"},
    {"clean.txt": "Nothing to see here.\n"},
    {"a b/ü 🎉.md": "🎉 Launch day,today we ship.\r\nSecond line,wrong.\r\n", "c.txt": "Fine.\n"},
    {},
])
def test_sarif_validates_against_the_schema(texts, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    results = results_for(texts)
    log = json.loads(render("sarif", results, rule_help={}, root=str(tmp_path)))
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert not errors, "\n".join(e.message for e in errors)


def test_sarif_content(tmp_path):
    text = "Title\n\n🎉 The talks ended in Geneva.The ministers left, Armenia,and Georgia agreed.\n"
    results = results_for({"drafts/a.txt": text}, root=tmp_path)
    help_map = {RULE: {"description": "Punctuation run into the next word.", "link": "https://example.org/r",
                       "level": "error", "category": "clause", "doc": "**What it does.** Reports it."}}
    log = json.loads(render("sarif", results, rule_help=help_map, root=str(tmp_path), tool_uri="https://example.org/pressqa"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == ("pressqa", "9.9.9", "https://example.org/pressqa")
    assert driver["rules"] == [{
        "id": RULE,
        "shortDescription": {"text": "Punctuation run into the next word."},
        "fullDescription": {"text": "**What it does.** Reports it."},
        "helpUri": "https://example.org/r",
        "help": {"text": "Punctuation run into the next word. See https://example.org/r",
                 "markdown": "Punctuation run into the next word.\n\n**What it does.** Reports it.\n\n[Documentation](https://example.org/r)"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": "clause", "tags": ["clause"]},
    }]
    first, second = run["results"]
    assert first["ruleId"] == RULE and first["ruleIndex"] == 0 and first["level"] == "error"
    assert first["message"]["text"] == "missing space after '.' in 'Geneva.The' (suggestion: Geneva. The)"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "drafts/a.txt", "uriBaseId": "%SRCROOT%"}
    # the emoji is one code point: "Geneva.The" starts at column 22, ends before column 32
    assert location["region"] == {"startLine": 3, "startColumn": 22, "endLine": 3, "endColumn": 32}
    assert first["partialFingerprints"]["pressqa/v1"] == results[0].findings[0].fingerprint
    assert first["partialFingerprints"] != second["partialFingerprints"]
    (fix,) = first["fixes"]
    (replacement,) = fix["artifactChanges"][0]["replacements"]
    # the safe fix inserts one space after the full stop
    assert replacement == {"deletedRegion": {"startLine": 3, "startColumn": 29, "endLine": 3, "endColumn": 29},
                           "insertedContent": {"text": " "}}
    assert first["properties"] == {"category": "clause", "suggestion": "Geneva. The"}
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_lists_only_the_rules_that_fired():
    results = results_for({"a.txt": "Fine.\n"})
    log = json.loads(render("sarif", results))
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    assert log["runs"][0]["results"] == []


def test_sarif_reports_unreadable_files_as_notifications(tmp_path):
    from pressqa.run.engine import FileResult

    results = [FileResult(path="gone.txt", error="gone.txt: cannot read: No such file or directory")]
    log = json.loads(render("sarif", results, root=str(tmp_path)))
    assert sarif_validator().is_valid(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].endswith("No such file or directory")


def test_sarif_paths_outside_the_root_are_absolute_file_uris(tmp_path):
    results = results_for({"x.txt": "One,two.\n"}, root=tmp_path / "elsewhere")
    log = json.loads(render("sarif", results, root=str(tmp_path / "project")))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (tmp_path / "elsewhere" / "x.txt").as_uri()}
    assert sarif_validator().is_valid(log)


def test_sarif_output_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    texts = {"b.txt": "One,two.\n", "a.txt": "Three,four. Five,six.\n"}
    first = render("sarif", results_for(texts), root=str(tmp_path))
    second = render("sarif", results_for(texts), root=str(tmp_path))
    assert first == second
    blanked = json.loads(first.replace('"9.9.9"', '"<version>"'))
    assert blanked["runs"][0]["tool"]["driver"]["version"] == "<version>"
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in blanked["runs"][0]["results"]] == [
        "b.txt", "a.txt", "a.txt"]


# -- GitHub workflow commands ----------------------------------------------------------


def test_github_escaping_follows_the_toolkit():
    from pressqa.reports.github import escape_data, escape_property

    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"
    # % first, so an escape is never escaped twice
    assert escape_data("%0A") == "%250A"


def test_github_annotation_lines():
    from pressqa.run.engine import FileResult
    from pressqa.findings import Finding, Severity

    finding = Finding(path="./drafts/a,b:c.txt", rule="odd-rule", category="style", severity=Severity.INFO,
                      start=0, end=3, line=2, column=5, end_line=3, end_column=1,
                      message="50% of\nthe text: bad, really", suggestion="fix: this")
    warning = Finding(path="./drafts/a,b:c.txt", rule=RULE, category="clause", severity=Severity.WARNING,
                      start=0, end=3, line=1, column=1, end_line=1, end_column=4, message="m")
    results = [FileResult(path="./drafts/a,b:c.txt", findings=[finding, warning]),
               FileResult(path="lost.txt", error="lost.txt: cannot read: Permission denied")]
    lines = render("github", results).splitlines()
    assert lines[0] == ("::notice file=drafts/a%2Cb%3Ac.txt,line=2,endLine=3,col=5,endColumn=1,title=odd-rule::"
                        "50%25 of%0Athe text: bad, really (suggestion: fix: this)")
    assert lines[1] == f"::warning file=drafts/a%2Cb%3Ac.txt,line=1,endLine=1,col=1,endColumn=4,title={RULE}::m"
    assert lines[2] == "::error file=lost.txt,title=pressqa::lost.txt: cannot read: Permission denied"
    assert lines[3].startswith("2 findings")


def test_github_paths_are_relative_to_the_root(tmp_path):
    results = results_for({"drafts/r.txt": "One,two.\n"}, root=tmp_path)
    assert render("github", results, root=str(tmp_path)).startswith("::error file=drafts/r.txt,line=1,")
    outside = render("github", results, root=str(tmp_path / "elsewhere"))
    assert outside.startswith(f"::error file={str(tmp_path).replace(':', '%3A')}/drafts/r.txt,")


def test_github_from_real_findings():
    results = results_for({"r.txt": "Title\n\nThe talks ended.The end.\n"})
    (line, summary) = render("github", results).splitlines()
    assert line == (f"::error file=r.txt,line=3,endLine=3,col=11,endColumn=20,title={RULE}::"
                    "missing space after '.' in 'ended.The' (suggestion: ended. The)")
    assert summary == "1 finding (1 error) in 1 file."


# -- JUnit -----------------------------------------------------------------------------


def test_junit_parses_and_counts():
    from pressqa.run.engine import FileResult

    results = results_for({"a.txt": "One,two. Three,four.\n", "clean.txt": "Fine.\n", "b.md": "Five,six.\n"})
    results.append(FileResult(path="lost.txt", error="lost.txt: cannot read: Permission denied"))
    root = ET.fromstring(render("junit", results))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.txt", "clean.txt", "b.md", "lost.txt"]
    assert [c.get("file") for c in cases] == ["a.txt", "clean.txt", "b.md", "lost.txt"]
    failures = cases[0].findall("failure")
    assert [(f.get("type"), f.get("message")) for f in failures] == [
        (RULE, "missing space after ',' in 'One,two'"), (RULE, "missing space after ',' in 'Three,four'")]
    assert failures[0].text == f"a.txt:1:1: error [{RULE}] missing space after ',' in 'One,two' (suggestion: One, two)"
    assert "a.txt:1:10:" in cases[0].find("system-out").text
    assert list(cases[1]) == []  # a clean file passes
    assert len(cases[2].findall("failure")) == 1
    assert cases[3].find("error").get("message") == "lost.txt: cannot read: Permission denied"


def test_junit_survives_characters_xml_cannot_hold():
    from pressqa.run.engine import FileResult
    from pressqa.findings import Finding, Severity

    bad = Finding(path="a.txt", rule=RULE, category="clause", severity=Severity.ERROR, start=0, end=1, line=1,
                  column=1, end_line=1, end_column=2, message="bell \x07 and escape \x1b <&> \"q\"")
    xml = render("junit", [FileResult(path="a\x0c.txt", findings=[bad])])
    root = ET.fromstring(xml)
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "bell \ufffd and escape \ufffd <&> \"q\""
    assert root.find("testsuite/testcase").get("name") == "a\ufffd.txt"


def test_no_clean_summary_after_an_input_error():
    from pressqa.reports.text import summary_line
    from pressqa.run.engine import FileResult

    failed = FileResult(path="missing.txt", error="missing.txt: no such file or directory")
    assert summary_line([failed]) == "Nothing checked: 1 input error."
    assert summary_line([failed, FileResult(path="ok.txt")]) == "No findings in 1 file; 1 not checked."
