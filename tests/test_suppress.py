"""Suppression directives in HTML comments, unused ones, and the accept list (pressqa.run.suppress)."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import settings_for

RULE = "missing-space-after-punctuation"


def check(text, unused=False, extra=None, select=(), ignore=()):
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    engine = Engine(settings_for(extra=extra), select=select, ignore=ignore, report_unused_suppressions=unused)
    return engine.check(Document(text, path="release.md"))


def where(result, rule=RULE):
    return [(f.line, f.column) for f in result.findings if f.rule == rule]


def test_without_directives_every_slip_is_reported():
    result = check("Armenia,and Georgia,and Turkey,and Iran.\n")
    assert where(result) == [(1, 1), (1, 13), (1, 25)]
    assert result.suppressed == 0


def test_disable_then_enable_a_block():
    text = (
        "First,one.\n"
        f"<!-- pressqa: disable={RULE} -->\n"
        "Second,two.\n"
        "\n"
        "Third,three.\n"
        f"<!-- pressqa: enable={RULE} -->\n"
        "Fourth,four.\n"
    )
    result = check(text)
    assert where(result) == [(1, 1), (7, 1)]
    assert result.suppressed == 2


def test_disable_without_rules_means_every_rule_and_runs_to_the_end():
    result = check("First,one.\n<!-- pressqa: disable -->\nSecond,two.\n\nThird,three.\n")
    assert where(result) == [(1, 1)]
    assert result.suppressed == 2


def test_disable_all_then_enable_one_rule():
    text = "<!-- pressqa: disable=all -->\nOne,two.\n<!-- pressqa: enable=clause -->\nThree,four.\n"
    result = check(text)
    # the rule is in category "clause": the last directive naming it (enable=clause) decides
    assert where(result) == [(4, 1)]
    assert result.suppressed == 1


def test_several_rules_and_categories_in_one_directive():
    text = f"<!-- pressqa: disable=spelling, {RULE} -->\nOne,two.\n"
    assert where(check(text)) == []
    text = "<!-- pressqa: disable=grammar,clause -->\nOne,two.\n"
    assert where(check(text)) == []
    text = "<!-- pressqa: disable=grammar spelling -->\nOne,two.\n"
    assert where(check(text)) == [(2, 1)]


def test_disable_next_line_covers_exactly_the_next_line():
    text = f"<!-- pressqa: disable-next-line={RULE} -->\nOne,two.\nThree,four.\n"
    result = check(text)
    assert where(result) == [(3, 1)]
    assert result.suppressed == 1


def test_disable_next_line_does_not_skip_a_blank_line():
    text = f"<!-- pressqa: disable-next-line={RULE} -->\n\nOne,two.\n"
    assert where(check(text)) == [(3, 1)]


def test_disable_line_at_the_end_of_a_line():
    text = f"One,two. <!-- pressqa: disable-line={RULE} -- a quotation -->\nThree,four.\n"
    result = check(text)
    assert where(result) == [(2, 1)]
    assert result.suppressed == 1


def test_prefix_and_backend_rule_names_are_accepted():
    text = "<!-- pressqa: disable=missing-* -->\nOne,two.\n"
    assert where(check(text)) == []
    text = f"<!-- pressqa: disable={RULE}/SUBRULE -->\nOne,two.\n"
    result = check(text)
    assert where(result) == [(2, 1)]  # names a sub-rule only
    assert where(result, "suppression-directive") == []


def test_the_directive_text_itself_is_never_flagged():
    # "pressqa:disable" and "a,b" inside the comment would read as missing spaces
    text = f"<!-- pressqa:disable-next-line=spelling,{RULE} -->\nOne,two.\n"
    result = check(text)
    assert result.findings == []
    assert result.suppressed == 1


def test_a_bad_name_is_reported_and_the_good_names_still_apply():
    text = f"<!-- pressqa: disable-next-line={RULE},nonsense -->\nOne,two.\n"
    result = check(text)
    assert where(result) == []
    bad = [f for f in result.findings if f.rule == "suppression-directive"]
    assert [(f.line, f.column, f.end_column) for f in bad] == [(1, 65, 73)]
    assert "nonsense" in bad[0].message


def test_a_bad_directive_suppresses_nothing_and_is_not_itself_suppressed():
    text = "<!-- pressqa: disable -->\n<!-- pressqa: disabel -->\nOne,two.\n"
    result = check(text)
    assert [f.rule for f in result.findings] == ["suppression-directive"]
    assert result.suppressed == 1


def test_directives_in_code_are_examples():
    text = "```\n<!-- pressqa: disable -->\n```\n\nOne,two.\n"
    assert where(check(text)) == [(5, 1)]
    text = "Write `<!-- pressqa: disable -->` above.\n\nOne,two.\n"
    assert where(check(text)) == [(3, 1)]


def test_plain_text_files_use_the_same_syntax():
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    text = f"Headline\r\n\r\n<!-- pressqa: disable-next-line={RULE} -->\r\nOne,two.\r\nThree,four.\r\n"
    result = Engine(settings_for()).check(Document(text, path="release.txt"))
    assert [(f.line, f.column) for f in result.findings] == [(5, 1)]


def test_a_comment_on_its_own_is_not_the_headline():
    from pressqa.model.document import Document

    doc = Document("<!-- pressqa: disable=spelling -->\n\nMinisters Meet in Geneva\n\nThe talks ended.\n")
    assert [p.kind for p in doc.paragraphs] == ["comment", "headline", "body"]


# -- unused suppressions --------------------------------------------------------------


def test_unused_suppressions_are_reported_only_when_asked():
    text = f"<!-- pressqa: disable-next-line={RULE} -->\nAll fine here.\n"
    assert check(text).findings == []
    result = check(text, unused=True)
    assert [(f.rule, f.line, f.column, f.category, str(f.severity)) for f in result.findings] == [
        ("unused-suppression", 1, 33, "style", "warning")]
    assert RULE in result.findings[0].message


def test_used_suppressions_are_not_reported():
    text = (f"<!-- pressqa: disable={RULE} -->\nOne,two.\n<!-- pressqa: enable -->\n"
            f"Fine.<!-- pressqa: disable-line -->\n")
    result = check(text, unused=True)
    assert [(f.rule, f.line) for f in result.findings] == [("unused-suppression", 4)]
    assert "'disable-line' suppressed no finding" in result.findings[0].message


def test_each_unused_name_of_a_directive_is_reported():
    text = f"<!-- pressqa: disable-next-line={RULE},punctuation -->\nOne,two.\n"
    result = check(text, unused=True)
    # punctuation matches no rule of this run: nothing can be said about it
    assert result.findings == []
    text = f"<!-- pressqa: disable-next-line={RULE},missing-* -->\nFine.\n"
    result = check(text, unused=True)
    assert [(f.line, f.column) for f in result.findings] == [(1, 33), (1, 65)]


def test_unused_suppressions_can_be_ignored():
    text = f"<!-- pressqa: disable-next-line={RULE} -->\nFine.\n"
    assert check(text, unused=True, ignore=["unused-suppression"]).findings == []
    # --select narrows the rules, but asking for unused suppressions is explicit
    assert len(check(text, unused=True, select=[RULE]).findings) == 1


# -- the accept list -------------------------------------------------------------------


def test_accepted_terms_are_dropped_and_counted():
    result = check("Armenia,and Georgia,and peace.\n", extra={"accept": ["Armenia,and"]})
    assert where(result) == [(1, 13)]
    assert result.suppressed == 1


def test_accept_needs_the_whole_flagged_text():
    result = check("Armenia,and Georgia,and peace.\n", extra={"accept": ["Armenia"]})
    assert where(result) == [(1, 1), (1, 13)]
    assert result.suppressed == 0


def test_accept_file_relative_to_the_config(tmp_path):
    from pressqa.cli.main import cli

    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "accept.txt").write_text("# known good\n\nArmenia,and\n", encoding="utf-8")
    (tmp_path / "pressqa.toml").write_text('accept_file = "terms/accept.txt"\naccept = ["Georgia,and"]\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("Armenia,and Georgia,and Turkey,and Iran.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "r.txt"), "--format", "json"])
    import json

    data = json.loads(result.output)
    assert [f["column"] for f in data["files"][0]["findings"]] == [25]
    assert data["summary"]["suppressed"] == 2


def test_a_missing_accept_file_is_a_config_error(tmp_path):
    from pressqa.cli.main import cli

    (tmp_path / "pressqa.toml").write_text('accept_file = "nope.txt"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("Fine.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pressqa.toml: accept_file: cannot read" in lines[0]


def test_bad_accept_config_is_rejected(tmp_path):
    from pressqa.cli.main import cli

    (tmp_path / "pressqa.toml").write_text('accept = "Armenia"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("Fine.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "r.txt")])
    assert result.exit_code == 2
    assert "accept" in result.output
