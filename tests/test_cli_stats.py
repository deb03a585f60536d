"""``pressqa stats``: the table, the JSON shape, and bad input handled like ``pressqa check``."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pressqa.cli.main import cli

SEED = ROOT / "samples" / "seed-release.txt"

RELEASE = (
    "Ministers Meet in Geneva\n"
    "\n"
    "GENEVA, Oct. 4, 2022 --\n"
    "\n"
    "The ministers met in Geneva on Sunday. They agreed to meet again in Brussels.\n"
    "\n"
    "\"We are close,\" the foreign minister said. \"We want a deal this year, and we think we can get one "
    "before the winter sets in and the roads close.\"\n"
    "\n"
    "Media contact: Jane Doe, +1 202 555 0100, press@example.org\n"
    "\n"
    "###\n"
)

FILE_KEYS = {
    "path", "document_words", "words", "sentences", "paragraphs", "average_sentence_words",
    "longest_sentence", "syllables", "flesch_reading_ease", "flesch_kincaid_grade",
}


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(cli, ["stats", *args], input=input)


@pytest.fixture
def release(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return path


def test_text_table_of_the_seed():
    result = invoke("--isolated", str(SEED))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == str(SEED)
    table = {line.split("  ")[1].strip(): line.split("  ", 2)[2].strip() for line in lines[1:] if line.strip()}
    assert table["words"] == "536 in prose (536 in the file)"
    assert table["sentences"] == "15"
    assert table["paragraphs"] == "15 of prose"
    assert table["average sentence"] == "35.7 words"
    assert table["longest sentence"] == "178 words, line 3"
    assert table["Flesch reading ease"].endswith("(very difficult)")
    assert float(table["Flesch reading ease"].split()[0]) == pytest.approx(12.7, abs=0.5)
    assert float(table["Flesch-Kincaid grade"]) == pytest.approx(20.4, abs=0.5)


def test_json_shape(release):
    result = invoke("--format", "json", "--isolated", str(release))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "pressqa"
    [entry] = data["files"]
    assert set(entry) == FILE_KEYS
    assert entry["path"] == str(release)
    assert entry["paragraphs"] == 2
    assert entry["sentences"] == 4
    assert entry["words"] == 7 + 7 + 7 + 22
    assert entry["document_words"] > entry["words"]  # headline, dateline, contact, end mark are not prose
    assert entry["average_sentence_words"] == pytest.approx(43 / 4, abs=0.01)
    assert entry["longest_sentence"] == {"words": 22, "line": 7, "column": 44}
    assert isinstance(entry["syllables"], int) and entry["syllables"] >= entry["words"]
    assert isinstance(entry["flesch_reading_ease"], float)
    assert isinstance(entry["flesch_kincaid_grade"], float)


def test_stats_and_rules_count_the_same_words():
    from conftest import run_rules

    result = invoke("--format", "json", "--isolated", str(SEED))
    longest = json.loads(result.stdout)["files"][0]["longest_sentence"]
    findings = run_rules(SEED.read_text(encoding="utf-8"), select=["sentence-length"])
    reported = max(int(f.message.split()[2]) for f in findings)
    assert reported == longest["words"]
    assert any((f.line, f.column) == (longest["line"], longest["column"]) for f in findings)


def test_a_file_without_prose(tmp_path):
    path = tmp_path / "headline.txt"
    path.write_text("Ministers Meet in Geneva\n\n- the peace agreement\n", encoding="utf-8")
    data = json.loads(invoke("--format", "json", "--isolated", str(path)).stdout)
    entry = data["files"][0]
    assert entry["sentences"] == 0
    assert entry["longest_sentence"] is None
    assert entry["flesch_reading_ease"] is None and entry["flesch_kincaid_grade"] is None
    text = invoke("--isolated", str(path)).stdout
    assert "- (no prose)" in text


def test_several_files_and_a_directory(tmp_path, release):
    other = tmp_path / "sub" / "other.md"
    other.parent.mkdir()
    other.write_text("The talks went well. Both sides agreed.\n", encoding="utf-8")
    (tmp_path / "sub" / "ignored.pdf").write_bytes(b"%PDF")
    result = invoke("--format", "json", "--isolated", str(release), str(tmp_path / "sub"))
    assert result.exit_code == 0, result.output
    paths = [entry["path"] for entry in json.loads(result.stdout)["files"]]
    assert paths == [str(release), str(other)]
    text = invoke("--isolated", str(release), str(other)).stdout
    assert text.count("longest sentence") == 2


def test_standard_input_with_a_name():
    result = invoke("--isolated", "--stdin-filename", "draft.txt", "-", input=RELEASE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("draft.txt\n")


def test_missing_file_is_one_line_and_exit_2(release):
    result = invoke("--isolated", str(release), "no-such-release.txt")
    assert result.exit_code == 2
    assert result.stderr == "pressqa: no-such-release.txt: no such file or directory\n"
    assert result.stdout.startswith(str(release))  # the good file is still measured


def test_undecodable_file_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 talks went well.".encode("latin-1"))
    result = invoke("--format", "json", "--isolated", str(path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"pressqa: {path}: not valid UTF-8")
    assert json.loads(result.stdout)["files"] == [{"path": str(path), "error": lines[0][len("pressqa: "):]}]
    fixed = invoke("--encoding", "latin-1", "--isolated", str(path))
    assert fixed.exit_code == 0


def test_bad_config_is_one_line_and_exit_2(tmp_path, release):
    config = tmp_path / "pressqa.toml"
    config.write_text("nonsense = 1\n", encoding="utf-8")
    result = invoke("--config", str(config), str(release))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "nonsense" in result.stderr


def test_a_folder_with_nothing_to_measure_says_so_like_check(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "scan.pdf").write_bytes(b"%PDF")
    for folder in (empty, tmp_path / "other"):
        notice = f"pressqa: no files to measure in {folder} (none match the include patterns, or all are excluded)\n"
        result = invoke("--isolated", str(folder))
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", notice)
        as_json = invoke("--isolated", "--format", "json", str(folder))
        assert as_json.exit_code == 0 and json.loads(as_json.stdout)["files"] == []
        assert as_json.stderr == notice
        check = CliRunner().invoke(cli, ["check", "--isolated", str(folder)])
        assert check.stderr.startswith("pressqa: no files to check in ")


def test_no_paths_is_a_usage_error():
    result = invoke()
    assert result.exit_code == 2


def test_listed_in_help():
    result = CliRunner().invoke(cli, ["--help"])
    assert "stats" in result.output
