"""Names lists and titles data: shipped files validate; a house adds its own; bad data is a one-line error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, run_rules
from pressqa.packs import housedata
from pressqa.errors import PackError
from pressqa.packs.rule import Rule

RULES = ROOT / "rules"


def _rule(source: str = "<pressqa>/rules/press.yaml", type_: str = "names") -> Rule:
    return Rule(id="name-variant", type=type_, category="name-consistency", level="error", source=source)


@pytest.mark.parametrize("path", sorted((RULES / "names").glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_names_lists_validate(path):
    data = housedata.load(f"names/{path.name}", _rule(), "names_files", housedata.NAMES_SCHEMA)
    assert data.get("names") or data.get("accept")


@pytest.mark.parametrize("path", sorted((RULES / "titles").glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_titles_data_validates(path):
    data = housedata.load(f"titles/{path.name}", _rule(type_="title-case"), "titles_files", housedata.TITLES_SCHEMA)
    assert data["titles"] and data["countries"]
    titles = [t.lower() for t in data["titles"]]
    assert len(titles) == len(set(titles)), "duplicate titles"
    for country in data["countries"]:
        assert not set(country.get("full", [])) & set(country.get("short", []))


def test_common_words_list_is_sorted_and_lowercase():
    lines = (RULES / "lexicon" / "common-words.txt").read_text(encoding="utf-8").splitlines()
    words = [line for line in lines if not line.startswith("#")]
    assert len(words) > 50_000
    assert words == sorted(words)
    assert all(w == w.lower() and len(w) >= 4 for w in words)
    assert "minister" in words and "thompson" not in words and "blinken" not in words


def test_a_house_names_list_beside_its_pack(tmp_path):
    (tmp_path / "our-names.yaml").write_text("names:\n  - name: Jasmin Moghbeli\n", encoding="utf-8")
    (tmp_path / "house.yaml").write_text(
        "extends: [press]\nrules:\n  name-variant:\n    names_files: [names/distinct.yaml, our-names.yaml]\n",
        encoding="utf-8",
    )
    found = run_rules("Flight Engineer Jasmin Moghbely repaired the racks.", select=["name-variant"],
                      packs=[str(tmp_path / "house.yaml")])
    assert [(f.line, f.column, f.suggestion) for f in found] == [(1, 24, "Moghbeli")]
    assert found[0].fix[0].replacement == "Moghbeli"


def test_a_house_accept_list_inline():
    text = "Flight Engineer Jasmin Moghbeli met Jasmin Moghbely of the training office."
    assert run_rules(text, select=["name-variant"])
    rules = {"name-variant": {"accept": [["Moghbeli", "Moghbely"]]}}
    assert not run_rules(text, select=["name-variant"], rules=rules)


def test_a_house_preferred_country_form_gives_fixes():
    rules = {"country-form": {"titles_data": {"countries": [{"name": "United States", "preferred": "U.S."}]}}}
    found = run_rules("The US team met the USA delegation and the U.S. envoy.", select=["country-form"], rules=rules)
    assert [(f.column, f.suggestion) for f in found] == [(5, "U.S."), (21, "U.S.")]
    assert [e.replacement for f in found for e in f.fix] == ["U.S.", "U.S."]


def test_a_house_title_is_compared_like_a_shipped_one():
    rules = {"title-case": {"titles_data": {"titles": ["imam"]}}}
    text = "District Attorney Ken Thompson and Justice Danny Chun thanked imam Ahmed Ali."
    found = run_rules(text, select=["title-case"], rules=rules)
    assert [f.suggestion for f in found] == ["Imam"]


def _error(tmp_path, pack_body: str, files: dict[str, str]) -> str:
    for name, body in files.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / "house.yaml").write_text(pack_body, encoding="utf-8")
    (tmp_path / "pressqa.toml").write_text('extends = ["house.yaml"]\n', encoding="utf-8")
    (tmp_path / "release.txt").write_text("Secretary Blinken met the minister.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pressqa", "check", "release.txt"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


def test_unknown_key_in_a_names_list_names_file_line_and_key(tmp_path):
    message = _error(
        tmp_path,
        "extends: [press]\nrules:\n  name-variant:\n    names_files: [our-names.yaml]\n",
        {"our-names.yaml": "names:\n  - name: Antony Blinken\n    spelling: Antony\n"},
    )
    assert "our-names.yaml:3" in message and "names.0.spelling" in message and "unknown key" in message


def test_a_missing_names_list(tmp_path):
    message = _error(tmp_path, "extends: [press]\nrules:\n  name-variant:\n    names_files: [nowhere.yaml]\n", {})
    assert "house.yaml" in message and "rules.name-variant.names_files" in message and "nowhere.yaml" in message


def test_a_preferred_form_that_is_not_a_form(tmp_path):
    message = _error(
        tmp_path,
        "extends: [press]\nrules:\n  country-form:\n    titles_files: [titles/en.yaml, our-titles.yaml]\n",
        {"our-titles.yaml": "countries:\n  - name: United States\n    short: [US]\n    preferred: U.S.A\n"},
    )
    assert "our-titles.yaml:4" in message and "countries.0.preferred" in message


def test_bad_inline_names_option(tmp_path):
    message = _error(tmp_path, "extends: [press]\nrules:\n  name-variant:\n    names:\n      - nam: Antony Blinken\n", {})
    assert "house.yaml:5" in message and "rules.name-variant.names.0" in message


def test_direct_load_error_is_a_pack_error(tmp_path):
    (tmp_path / "x.yaml").write_text("titles: [president, 3]\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        housedata.load(str(tmp_path / "x.yaml"), _rule(), "titles_files", housedata.TITLES_SCHEMA)
    assert info.value.key == "titles.1" and info.value.line == 1


def test_the_readme_house_pack(tmp_path):
    """The house pack shown in README.md loads and does what the README says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("# house.yaml (pressqa.toml: extends = [\"house.yaml\"])\n", 1)[1].split("```", 1)[0]
    (tmp_path / "house.yaml").write_text(block, encoding="utf-8")
    (tmp_path / "our-names.yaml").write_text("names:\n  - name: Jasmin Moghbeli\n", encoding="utf-8")
    (tmp_path / "our-titles.yaml").write_text("titles: [imam]\n", encoding="utf-8")
    text = "Flight Engineer Jasmin Moghbely met Anthony Blinken. The US team met the U.S. envoy."
    found = run_rules(text, packs=[str(tmp_path / "house.yaml")], select=["name-consistency", "title-consistency"])
    got = {(f.rule, f.suggestion) for f in found}
    assert ("name-variant", "Moghbeli") in got and ("name-variant", "Antony") in got
    assert ("country-form", "U.S.") in got


def test_a_names_list_named_in_pressqa_toml(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "names.yaml").write_text("names:\n  - name: Ararat Mirzoyan\n", encoding="utf-8")
    (tmp_path / "pressqa.toml").write_text(
        '[rules.name-variant]\nnames_files = ["lists/names.yaml"]\n', encoding="utf-8"
    )
    (tmp_path / "release.txt").write_text("Foreign Minister Ararat Mirzoian arrived.\n", encoding="utf-8")
    # name-variant is a warning by default (its measured precision on real copy is below 19 in 20)
    proc = subprocess.run([sys.executable, "-m", "pressqa", "check", "--format", "json", "--fail-on", "warning",
                           "release.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    import json

    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"], f["suggestion"], f["fixable"]) for f in findings] == [
        ("name-variant", 1, 25, "Mirzoyan", True)
    ]


def test_a_config_that_changes_a_house_rules_level_keeps_its_names_list_beside_the_pack(tmp_path):
    from pressqa.packs.config import build_settings
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine

    house = tmp_path / "house"
    house.mkdir()
    (house / "our-names.yaml").write_text("names:\n  - name: Jasmin Moghbeli\n", encoding="utf-8")
    (house / "pack.yaml").write_text("extends: [press]\nrules:\n  name-variant:\n    names_files: [our-names.yaml]\n",
                                     encoding="utf-8")
    repo = tmp_path / "repo"
    repo.mkdir()
    config = repo / "pressqa.toml"
    config.write_text("", encoding="utf-8")
    raw = {"extends": ["press", "../house/pack.yaml"], "rules": {"name-variant": {"level": "warning", "min_length": 5}}}
    settings = build_settings(raw, config)
    result = Engine(settings, select=["name-variant"]).check(
        Document("Flight Engineer Jasmin Moghbely repaired the racks.", path="r.txt"))
    assert [(f.column, f.suggestion, str(f.severity)) for f in result.findings] == [(24, "Moghbeli", "warning")]
    # a names list the config itself names is still relative to the config
    (repo / "mine.yaml").write_text("names:\n  - name: Ararat Mirzoyan\n", encoding="utf-8")
    raw["rules"]["name-variant"]["names_files"] = ["mine.yaml"]
    settings = build_settings(raw, config)
    result = Engine(settings, select=["name-variant"]).check(Document("Minister Ararat Mirzoian arrived.", path="r.txt"))
    assert [f.suggestion for f in result.findings] == ["Mirzoyan"]
