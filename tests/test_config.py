"""Configuration files: discovery, precedence, overrides, excludes, and one-line errors naming file and key.

Also ``pressqa rules``: the listing and a rule's documentation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressqa.cli.main import cli

RULE = "missing-space-after-punctuation"
DEFECTIVE = "Ministers meet\n\nThe ministers left Armenia,and went home.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def levels(result) -> list[str]:
    """The severities reported, from a JSON report."""
    data = json.loads(result.stdout)
    return [f["severity"] for entry in data["files"] for f in entry["findings"]]


def config_error(result, path: Path | str, key: str | None, *needles: str) -> str:
    """Exit 2 with one stderr line that names the config file and the key (and, when known, its line)."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    line = lines[0]
    assert line.startswith(f"pressqa: {path}"), line
    if key is not None:
        assert f": {key}: " in line, line
    for needle in needles:
        assert needle in line, line
    return line


# -- discovery -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, text",
    [
        ("pressqa.toml", f'[rules]\n{RULE} = "warning"\n'),
        (".pressqa.toml", f'[rules]\n{RULE} = "warning"\n'),
        ("pyproject.toml", f'[project]\nname = "newsroom"\n\n[tool.pressqa.rules]\n{RULE} = "warning"\n'),
    ],
)
def test_each_config_name_is_found_walking_up(folder, name, text):
    write(folder / name, text)
    write(folder / "news" / "2026" / "march" / "release.txt", DEFECTIVE)
    result = run("check", "news/2026/march/release.txt", "--format", "json")
    assert levels(result) == ["warning"]
    assert result.exit_code == 0


def test_pyproject_without_a_pressqa_table_is_skipped(folder):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "info"\n')
    write(folder / "news" / "pyproject.toml", '[tool.black]\nline-length = 100\n')
    write(folder / "news" / "release.txt", DEFECTIVE)
    assert levels(run("check", "news/release.txt", "--format", "json")) == ["info"]


def test_nearest_config_wins(folder):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "info"\n')
    write(folder / "news" / "pressqa.toml", f'[rules]\n{RULE} = "warning"\n')
    write(folder / "news" / "a.txt", DEFECTIVE)
    write(folder / "b.txt", DEFECTIVE)
    data = json.loads(run("check", "news/a.txt", "b.txt", "--format", "json").stdout)
    by_path = {Path(e["path"]).as_posix(): e["findings"][0]["severity"] for e in data["files"]}
    assert by_path == {"news/a.txt": "warning", "b.txt": "info"}


@pytest.mark.parametrize(
    "present, winner",
    [
        (("pressqa.toml", ".pressqa.toml", "pyproject.toml"), "pressqa.toml"),
        ((".pressqa.toml", "pyproject.toml"), ".pressqa.toml"),
        (("pressqa.toml", "pyproject.toml"), "pressqa.toml"),
    ],
)
def test_precedence_in_one_folder(folder, present, winner):
    level_of = {"pressqa.toml": "info", ".pressqa.toml": "warning", "pyproject.toml": "off"}
    for name in present:
        table = "[tool.pressqa.rules]" if name == "pyproject.toml" else "[rules]"
        write(folder / name, f'{table}\n{RULE} = "{level_of[name]}"\n')
    write(folder / "release.txt", DEFECTIVE)
    assert levels(run("check", "release.txt", "--format", "json")) == [level_of[winner]]


def test_explicit_config_replaces_discovery(folder):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "off"\n')
    write(folder / "ci" / "strict.toml", f'[rules]\n{RULE} = "warning"\n')
    write(folder / "release.txt", DEFECTIVE)
    assert levels(run("check", "release.txt", "--format", "json")) == []
    assert levels(run("check", "release.txt", "--format", "json", "--config", "ci/strict.toml")) == ["warning"]


def test_explicit_pyproject_config(folder):
    write(folder / "other" / "pyproject.toml", f'[tool.pressqa.rules]\n{RULE} = "info"\n')
    write(folder / "release.txt", DEFECTIVE)
    assert levels(run("check", "release.txt", "--format", "json", "--config", "other/pyproject.toml")) == ["info"]


def test_explicit_pyproject_without_a_table(folder):
    write(folder / "pyproject.toml", '[project]\nname = "x"\n')
    write(folder / "release.txt", DEFECTIVE)
    config_error(run("check", "release.txt", "--config", "pyproject.toml"), "pyproject.toml", None, "[tool.pressqa]")


def test_explicit_config_that_does_not_exist(folder):
    write(folder / "release.txt", DEFECTIVE)
    config_error(run("check", "release.txt", "--config", "nope.toml"), "nope.toml", None, "not found")


def test_isolated_ignores_config(folder):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "off"\n')
    write(folder / "release.txt", DEFECTIVE)
    assert levels(run("check", "release.txt", "--format", "json", "--isolated")) == ["error"]


# -- rule overrides --------------------------------------------------------------------------------


def test_level_off_disables_a_rule(folder):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "off"\n')
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt")
    assert result.exit_code == 0
    assert result.stdout == "No findings in 1 file.\n"


def test_rule_table_sets_level_message_and_options(folder):
    write(folder / "pressqa.toml", f'[rules.{RULE}]\nlevel = "info"\nmessage = "add a space: {{text}}"\nmarks = ";"\n')
    write(folder / "release.txt", "Headline\n\nThe ministers left Armenia,and went home;then slept.\n")
    data = json.loads(run("check", "release.txt", "--format", "json").stdout)
    [finding] = data["files"][0]["findings"]
    assert (finding["severity"], finding["message"], finding["suggestion"]) == ("info", "add a space: home;then", "home; then")


def test_extends_the_default_pack_explicitly(folder):
    write(folder / "pressqa.toml", 'extends = ["press"]\n')
    write(folder / "release.txt", DEFECTIVE)
    assert levels(run("check", "release.txt", "--format", "json")) == ["error"]


def test_extends_a_house_pack(folder):
    write(folder / "style" / "house.yaml",
          f"pack: house\nextends: [press]\nrules:\n  {RULE}:\n    level: warning\n")
    write(folder / "pressqa.toml", 'extends = ["style/house.yaml"]\n')
    write(folder / "release.txt", DEFECTIVE)
    assert levels(run("check", "release.txt", "--format", "json")) == ["warning"]


# -- exclude ---------------------------------------------------------------------------------------


def test_exclude_globs_are_relative_to_the_config(folder):
    write(folder / "pressqa.toml", 'exclude = ["archive/**", "*.draft.txt", "news/old-*.md"]\n')
    for name in ("archive/2019/a.txt", "archive/b.md", "news/c.draft.txt", "news/old-d.md", "news/e.txt", "news/new-f.md"):
        write(folder / name, DEFECTIVE)
    data = json.loads(run("check", ".", "--format", "json").stdout)
    assert sorted(Path(e["path"]).as_posix() for e in data["files"]) == ["news/e.txt", "news/new-f.md"]


def test_excluded_file_named_on_the_command_line_is_skipped(folder):
    # pre-commit passes every staged file by name; excluded ones must stay unchecked
    write(folder / "pressqa.toml", 'exclude = ["archive/**"]\n')
    write(folder / "archive" / "a.txt", DEFECTIVE)
    result = run("check", "archive/a.txt")
    assert result.exit_code == 0
    assert result.stdout == "No findings in 0 files.\n"


def test_exclude_from_a_config_in_a_parent_folder(folder):
    write(folder / "pressqa.toml", 'exclude = ["news/archive/**"]\n')
    write(folder / "news" / "archive" / "a.txt", DEFECTIVE)
    write(folder / "news" / "b.txt", DEFECTIVE)
    data = json.loads(run("check", "news", "--format", "json").stdout)
    assert [Path(e["path"]).as_posix() for e in data["files"]] == ["news/b.txt"]


# -- errors: one line naming the file and the key, exit 2 ---------------------------------------------


@pytest.mark.parametrize(
    "name, text, key, line, needle",
    [
        ("pressqa.toml", "colour = true\n", "colour", 1, "unknown key"),
        ("pressqa.toml", 'fail_on = "fatal"\n', "fail_on", 1, "'fatal'"),
        ("pressqa.toml", "\n[rules]\nno-such-rule = \"off\"\n", "rules.no-such-rule", 3, "unknown rule id"),
        ("pressqa.toml", f'[rules]\n{RULE} = "loud"\n', f"rules.{RULE}", 2, "'loud' is not a level"),
        ("pressqa.toml", f'[rules]\n{RULE} = 3\n', f"rules.{RULE}", 2, "not a level"),
        ("pressqa.toml", f'[rules.{RULE}]\nlevel = "loud"\n', f"rules.{RULE}.level", 2, "'loud'"),
        ("pressqa.toml", f'[rules.{RULE}]\nmarks = 5\n', f"rules.{RULE}.marks", 2, "not of type 'string'"),
        ("pressqa.toml", f'[rules.{RULE}]\nmarks = ""\n', f"rules.{RULE}.marks", 2, "non-empty"),
        ("pressqa.toml", f'[rules.{RULE}]\nlevl = "info"\n', f"rules.{RULE}.levl", 2, "unknown key"),
        ("pressqa.toml", 'extends = "press"\n', "extends", 1, "not of type 'array'"),
        ("pressqa.toml", "include = [1]\n", "include.0", 1, "not of type 'string'"),
        ("pressqa.toml", 'exclude = "archive"\n', "exclude", 1, "not of type 'array'"),
        ("pressqa.toml", 'language = "english"\n', "language", 1, "'english'"),
        # the press rules read English: another language would be checked by nothing that knows it
        ("pressqa.toml", 'language = "fr"\n', "language", 1, "'fr' is not one of en, en-US, en-GB"),
        (".pressqa.toml", "bogus = 1\n", "bogus", 1, "unknown key"),
        ("pyproject.toml", "[tool.pressqa]\nbogus = 1\n", "tool.pressqa.bogus", 2, "unknown key"),
        ("pyproject.toml", "[tool.pressqa.rules]\nno-such-rule = \"off\"\n", "tool.pressqa.rules.no-such-rule", 2,
         "unknown rule id"),
        ("pyproject.toml", '[tool]\npressqa = 3\n', "tool.pressqa", None, "must be a table"),
    ],
)
def test_config_errors_name_the_file_and_key(folder, name, text, key, line, needle):
    write(folder / name, text)
    write(folder / "release.txt", DEFECTIVE)
    result = run("check", "release.txt")
    where = f"{folder / name}:{line}" if line is not None else str(folder / name)
    config_error(result, where, key, needle)


@pytest.mark.parametrize(
    "name, text, needle",
    [
        ("pressqa.toml", 'extends = ["nope"]\n', "unknown pack 'nope'"),
        ("pressqa.toml", 'extends = ["style/missing.yaml"]\n', "cannot read pack 'style/missing.yaml'"),
        ("pyproject.toml", '[tool.pressqa]\nextends = ["nope"]\n', "unknown pack 'nope'"),
    ],
)
def test_unknown_pack_in_extends(folder, name, text, needle):
    # (the pack loader adds the key and line of the "extends" entry)
    write(folder / name, text)
    write(folder / "release.txt", DEFECTIVE)
    config_error(run("check", "release.txt"), folder / name, None, needle)


def test_bad_toml_syntax(folder):
    write(folder / "pressqa.toml", "fail_on = \n")
    write(folder / "release.txt", DEFECTIVE)
    config_error(run("check", "release.txt"), folder / "pressqa.toml", None, "invalid TOML", "line 1")


def test_config_that_is_not_utf8(folder):
    (folder / "pressqa.toml").write_bytes(b"fail_on = \"\xe9rror\"\n")
    write(folder / "release.txt", DEFECTIVE)
    config_error(run("check", "release.txt"), folder / "pressqa.toml", None, "UTF-8")


def test_config_error_with_explicit_path_names_that_path(folder):
    write(folder / "ci" / "strict.toml", "bogus = 1\n")
    write(folder / "release.txt", DEFECTIVE)
    config_error(run("check", "release.txt", "--config", "ci/strict.toml"), "ci/strict.toml:1", "bogus", "unknown key")


def test_config_errors_are_not_cached_away(folder):
    """A second run on the same bad config fails the same way (validation results are cached on disk)."""
    write(folder / "pressqa.toml", f'[rules.{RULE}]\nmarks = 5\n')
    write(folder / "release.txt", DEFECTIVE)
    first = run("check", "release.txt")
    second = run("check", "release.txt")
    assert first.exit_code == second.exit_code == 2
    assert first.stderr == second.stderr


def test_fixing_a_config_takes_effect(folder):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "warning"\n')
    write(folder / "release.txt", DEFECTIVE)
    assert levels(run("check", "release.txt", "--format", "json")) == ["warning"]
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "info"\n')
    assert levels(run("check", "release.txt", "--format", "json")) == ["info"]


# -- pressqa rules ---------------------------------------------------------------------------------


def test_rules_lists_id_category_level_and_description(folder):
    result = run("rules")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith(RULE))
    assert row.split()[:3] == [RULE, "clause", "error"]
    assert "Punctuation run into the next word" in row


def test_rules_listing_reflects_config(folder):
    write(folder / "pressqa.toml", f'[rules]\n{RULE} = "warning"\n')
    row = next(line for line in run("rules").stdout.splitlines() if line.startswith(RULE))
    assert row.split()[2] == "warning"


def test_rules_json(folder):
    data = json.loads(run("rules", "--format", "json").stdout)
    entry = next(r for r in data if r["id"] == RULE)
    assert entry["category"] == "clause" and entry["level"] == "error" and entry["pack"] == "press"


def test_every_rule_has_a_listing_row(folder):
    data = json.loads(run("rules", "--format", "json").stdout)
    text = run("rules").stdout
    for entry in data:
        assert entry["description"], entry["id"]
        assert any(line.startswith(entry["id"] + " ") for line in text.splitlines()), entry["id"]


def test_rule_documentation_with_failing_and_passing_examples(folder):
    result = run("rules", RULE)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith(f"{RULE}\n{'=' * len(RULE)}\n")
    assert "category: clause" in out and "level: error" in out
    assert "What it does" in out  # the check type's docstring
    failing = out[out.index("Failing example:"):out.index("Passing example:")]
    passing = out[out.index("Passing example:"):]
    assert "Armenia,and" in failing
    assert "  -> 1:38: missing space after ','" in failing
    assert "  -> no findings" in passing


def test_rule_documentation_json(folder):
    data = json.loads(run("rules", RULE, "--format", "json").stdout)
    assert data["id"] == RULE
    assert data["examples"]["fail"] and data["examples"]["pass"]
    assert "What it does" in data["documentation"]


def test_the_engines_own_rule_is_listed_and_documented(folder):
    row = next(line for line in run("rules").stdout.splitlines() if line.startswith("unused-suppression "))
    assert row.split()[1:3] == ["style", "warning"] and "--report-unused-suppressions" in row
    data = json.loads(run("rules", "--format", "json").stdout)
    assert any(entry["id"] == "unused-suppression" for entry in data)
    result = run("rules", "unused-suppression")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("unused-suppression\n") and "built into the engine" in out
    assert "What it does" in out
    failing = out[out.index("Failing example:"):out.index("Passing example:")]
    passing = out[out.index("Passing example:"):]
    assert "-> 1:49: unused suppression: no 'doubled-word' finding to suppress here" in failing
    assert "  -> no findings" in passing
    doc = json.loads(run("rules", "unused-suppression", "--format", "json").stdout)
    assert "What it does" in doc["documentation"] and doc["examples"]["fail"]


def test_unknown_rule_documentation(folder):
    result = run("rules", "no-such-rule")
    assert result.exit_code == 2
    assert result.stderr.strip() == "pressqa: unknown rule 'no-such-rule'; run 'pressqa rules' for the list"


def test_rules_with_a_bad_config(folder):
    write(folder / "pressqa.toml", "bogus = 1\n")
    config_error(run("rules"), folder / "pressqa.toml", "bogus", "unknown key")
