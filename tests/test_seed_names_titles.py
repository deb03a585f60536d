"""The seed release (samples/seed-release.txt): the name and title rows of seed-release.expected.md."""

from __future__ import annotations

from conftest import ROOT, run_rules

SEED = (ROOT / "samples" / "seed-release.txt").read_text(encoding="utf-8")
NAME = "name-consistency"
TITLE = "title-consistency"


def by_category(findings, category):
    return [f for f in findings if f.category == category]


def test_name_variant_reported_at_the_minority_form():
    found = by_category(run_rules(SEED), NAME)
    assert [(f.rule, f.line) for f in found] == [("name-variant", 15)]
    hit = found[0]
    assert SEED.splitlines()[14][hit.column - 1:hit.end_column - 1] == "Antony"
    assert hit.suggestion is None  # a count is no evidence: Antony is the right spelling
    assert "lines 1, 21" in hit.message


def test_names_list_reports_the_other_lines():
    rules = {"name-variant": {"names_files": ["names/distinct.yaml", "names/example.yaml"]}}
    found = by_category(run_rules(SEED, rules=rules), NAME)
    assert [(f.line, f.suggestion) for f in found] == [(1, "Antony"), (21, "Antony")]
    assert all(f.fix for f in found)
    for f in found:
        assert SEED.splitlines()[f.line - 1][f.column - 1:f.end_column - 1] == "Anthony"


def test_country_forms_reported_where_they_depart_from_the_first():
    found = [f for f in by_category(run_rules(SEED), TITLE) if f.rule == "country-form"]
    assert [f.line for f in found] == [3]
    assert found[0].suggestion == "USA"
    assert "lines 3, 15, 21" in found[0].message and "United States (USA)" in found[0].message


def test_office_in_two_forms_at_a_lower_level():
    found = [f for f in by_category(run_rules(SEED), TITLE) if f.rule == "office-form"]
    assert [(f.line, str(f.severity)) for f in found] == [(25, "info")]
    assert found[0].suggestion == "Foreign Minister"


def test_lowercase_titles_after_names_and_short_forms_are_left_alone():
    found = by_category(run_rules(SEED), TITLE)
    # AP: "secretary of the Security Council" after a name and "the US President, Jake Sullivan"
    # (line 3); "Minister Jeyhun Bayramov" beside "Foreign Minister Jeyhun Bayramov" (lines 5, 11, 21).
    assert not [f for f in found if f.rule in ("title-case", "person-title")]
    assert not [f for f in found if f.line in (5, 11)]
