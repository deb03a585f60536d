"""Rule packs as data: the shipped packs validate and document themselves, packs combine and
override as documented, and every mistake in a pack is reported with its file, line and key."""

from __future__ import annotations

import inspect
import json
import re
import textwrap
import time

import pytest

from conftest import CASES, run_rules
from pressqa.checks import REGISTRY, load_type
from pressqa.packs.config import build_settings
from pressqa.model.document import Document
from pressqa.run.engine import Engine
from pressqa.errors import ConfigError, PackError
from pressqa.packs.packcheck import example_problems, setup_problem
from pressqa.packs.loader import load_packs, shipped_names

SHIPPED = shipped_names()


def shipped_rules():
    params = []
    for name in SHIPPED:
        for rule in load_packs([name], None, "test").rules.values():
            if rule.pack == name:
                params.append(pytest.param(rule, id=f"{name}:{rule.id}"))
    return params


# -- the shipped packs ---------------------------------------------------------------------


def test_the_three_packs_ship():
    assert {"press", "ap", "plain-language"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_pack_validates(name, tmp_path, monkeypatch):
    # validated from the YAML, not from a cache entry of an earlier run
    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(tmp_path))
    packs = load_packs([name], None, "test")
    assert packs.rules, f"pack {name} has no rules"


def test_shipped_packs_combine_without_clashes():
    seen: dict[str, str] = {}
    for name in SHIPPED:
        for rule in load_packs([name], None, "test").rules.values():
            if rule.pack != name:
                continue
            assert rule.id not in seen, f"rule {rule.id} is defined by both {seen[rule.id]} and {name}"
            seen[rule.id] = name
    combined = load_packs(SHIPPED, None, "test")
    assert set(combined.rules) == set(seen)


@pytest.mark.parametrize("rule", shipped_rules())
def test_shipped_rule_is_documented(rule):
    assert rule.description.strip(), "a rule needs a description"
    doc = inspect.cleandoc(load_type(rule.type).__doc__ or "")
    for heading in ("**What it does.**", "**Why.**", "**Example.**", "**Leaves alone.**"):
        assert heading in doc, f"the docstring of check type {rule.type} lacks {heading}"
    assert rule.examples.get("fail"), "a rule needs failing examples"
    assert rule.examples.get("pass"), "a rule needs passing examples"


@pytest.mark.parametrize("rule", shipped_rules())
def test_shipped_rule_examples_hold(rule, request, monkeypatch):
    if rule.type == "languagetool":  # its examples need the real server, found in auto mode
        from conftest import REAL_LT_HOME

        request.getfixturevalue("lt_server")
        monkeypatch.setenv("PRESSQA_LANGUAGETOOL_HOME", str(REAL_LT_HOME))
        monkeypatch.setenv("PRESSQA_LANGUAGETOOL_MODE", "auto")
    assert setup_problem(rule) is None
    assert example_problems(rule, load_packs([rule.pack], None, "test")) == []


@pytest.mark.parametrize("rule", shipped_rules())
def test_shipped_rule_has_case_file_with_positive_and_negative_cases(rule):
    import yaml

    path = CASES / f"{rule.id}.yaml"
    assert path.is_file(), f"tests/cases/{rule.id}.yaml is missing"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["rule"] == rule.id
    expects = [case.get("expect") or [] for case in spec["cases"]]
    assert any(expects), "no case where the rule reports"
    assert any(not e for e in expects), "no case where nothing may be reported"


def test_every_check_type_is_used_by_a_shipped_pack():
    used = {rule.type for name in SHIPPED for rule in load_packs([name], None, "test").rules.values()}
    data_types = {"existence", "substitution", "consistency", "occurrence", "pattern", "capitalization", "metric"}
    assert data_types <= used
    assert data_types <= set(REGISTRY)


def test_ap_and_plain_language_are_opt_in():
    default = build_settings({}, None)
    assert not any(rule.pack in ("ap", "plain-language") for rule in default.rules)


# -- data tests on the packs (like codespell's dictionary tests) ---------------------------


def _rules_of_type(type_name):
    for name in SHIPPED:
        for rule in load_packs([name], None, "test").rules.values():
            if rule.type == type_name and rule.pack == name:
                yield rule


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for r in _rules_of_type("substitution")])
def test_substitution_data(rule):
    swap = rule.options["swap"]
    for key, value in swap.items():
        assert key.strip() == key and value, f"{key!r}: blank or padded key"
        if not rule.options.get("regex"):
            assert key.lower() != value.lower(), f"{key!r} swaps to itself"
            # no cycles: applying the swap twice changes nothing more
            for choice in value.split("|"):
                assert choice.strip() not in swap, f"{key!r} -> {choice!r} -> {swap.get(choice.strip())!r}"
    # no key is listed twice in another case
    if rule.options.get("ignorecase", True) and not rule.options.get("regex"):
        lowered = [k.lower() for k in swap]
        assert len(lowered) == len(set(lowered))


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for r in _rules_of_type("substitution")])
def test_substitution_fix_is_idempotent(rule):
    """Applying a rule's fixes to its failing examples leaves nothing for the rule to report."""
    from pressqa.records import replace

    live = replace(rule, level="warning")
    from pressqa.packs.config import Settings

    engine = Engine(Settings(rules=[live]))
    for text in rule.examples.get("fail", []):
        found = engine.check(Document(text)).findings
        edits = sorted((e for f in found for e in f.fix), key=lambda e: e.start, reverse=True)
        if not edits or len(edits) != len(found):
            continue  # the rule offers suggestions only
        fixed = text
        for edit in edits:
            fixed = fixed[:edit.start] + edit.replacement + fixed[edit.end:]
        assert engine.check(Document(fixed)).findings == [], f"after fixing: {fixed!r}"


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.id) for r in _rules_of_type("consistency")])
def test_consistency_data(rule):
    for group in rule.options["groups"]:
        sides = list(group.values()) if isinstance(group, dict) else list(group)
        sides = [[s] if isinstance(s, str) else s for s in sides]
        lengths = {len(s) for s in sides}
        for side in sides:
            assert len(set(side)) == len(side), f"duplicate form in {side}"
        if rule.options.get("fix"):
            assert len(lengths) == 1, f"a fixable group must pair its forms: {group}"


def test_spelling_pairs_are_spelling_variants():
    (rule,) = [r for r in _rules_of_type("consistency") if r.id == "spelling-consistency"]
    for group in rule.options["groups"]:
        for uk, us in zip(group["UK"], group["US"]):
            assert uk != us
            # a spelling variant, not another word: at most a few letters differ
            import difflib

            ratio = difflib.SequenceMatcher(None, uk, us).ratio()
            assert ratio >= 0.6, f"{uk} / {us} look like different words"


# -- combining and overriding packs --------------------------------------------------------

HOUSE = """\
pack: house
description: Our house style.
extends: [press]
link: https://example.org/style
rules:
  missing-space-after-punctuation:
    level: warning
    message: "add a space after '{mark}' ({text})"
  first-person:
    level: error
  terminology-consistency:
    groups:
      - [press release, news release]
  kiev:
    type: substitution
    category: terminology
    description: Kyiv, not Kiev.
    swap: {Kiev: Kyiv}
    examples:
      fail: ["In Kiev."]
      pass: ["In Kyiv."]
"""


def _house(tmp_path, text=HOUSE, name="house.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_house_pack_extends_and_overrides_press(tmp_path):
    path = _house(tmp_path)
    settings = build_settings({"extends": [str(path)]}, None)
    by_id = {rule.id: rule for rule in settings.rules}
    assert by_id["missing-space-after-punctuation"].level == "warning"
    assert by_id["missing-space-after-punctuation"].category == "clause"  # inherited
    assert by_id["first-person"].level == "error"
    assert by_id["kiev"].link == "https://example.org/style"
    assert by_id["kiev"].pack == "house"
    assert by_id["blank-line-runs"].level == "warning"  # untouched press rule
    text = "Armenia,and the news release. Our press release went to Kiev."
    found = Engine(settings).check(Document(text)).findings
    got = {(f.rule, f.message, str(f.severity)) for f in found}
    assert ("missing-space-after-punctuation", "add a space after ',' (Armenia,and)", "warning") in got
    assert any(rule == "first-person" and sev == "error" for rule, _, sev in got)
    assert any(rule == "terminology-consistency" and "news release" in msg for rule, msg, _ in got)
    assert any(rule == "kiev" for rule, _, _ in got)
    links = {f.rule: f.link for f in found}
    assert links["kiev"] == "https://example.org/style"


def test_config_extends_two_packs_and_overrides(tmp_path):
    config = tmp_path / "pressqa.toml"
    config.write_text(textwrap.dedent("""\
        extends = ["press", "ap"]
        [rules]
        ap-toward = "error"
        exclamation-marks = "off"
        [rules.ap-spellings]
        message = "house spelling: {suggestion}"
        [rules.ap-months]
        level = "info"
        """), encoding="utf-8")
    from pressqa.packs.config import ConfigResolver

    settings = ConfigResolver(str(config)).for_path(None)
    engine = Engine(settings)
    text = "It moved towards peace on October 4! The advisor left! Wow!"
    found = {(f.rule, str(f.severity), f.message) for f in engine.check(Document(text)).findings}
    assert ("ap-toward", "error", "use 'toward' instead of 'towards'") in found
    assert ("ap-spellings", "warning", "house spelling: adviser") in found
    assert any(rule == "ap-months" and sev == "info" for rule, sev, _ in found)
    assert not any(rule == "exclamation-marks" for rule, _, _ in found)


def test_later_pack_wins_and_packs_load_once(tmp_path):
    a = _house(tmp_path, "rules:\n  x:\n    type: existence\n    category: style\n    tokens: [foo]\n    level: info\n", "a.yaml")
    b = _house(tmp_path, "extends: [a.yaml]\nrules:\n  x:\n    level: error\n", "b.yaml")
    packs = load_packs([str(a), str(b)], None, "test")
    assert packs.rules["x"].level == "error"
    assert packs.packs == [str(a), str(b)]


def test_override_validated_against_the_type_it_overrides(tmp_path):
    path = _house(tmp_path, "extends: [press]\nrules:\n  exclamation-marks:\n    max: many\n")
    with pytest.raises(PackError) as info:
        load_packs([str(path)], None, "test")
    assert info.value.render() == f"{path}:4: rules.exclamation-marks.max: 'many' is not of type 'integer'"


def test_cached_override_revalidated_when_the_base_changes(tmp_path):
    base1 = _house(tmp_path, "rules:\n  x:\n    type: occurrence\n    category: style\n    token: a\n    max: 1\n", "base1.yaml")
    base2 = _house(tmp_path, "rules:\n  x:\n    type: existence\n    category: style\n    tokens: [a]\n", "base2.yaml")
    over = _house(tmp_path, "rules:\n  x:\n    max: 3\n", "over.yaml")
    load_packs([str(base1), str(over)], None, "test")  # valid, and cached
    with pytest.raises(PackError) as info:
        load_packs([str(base2), str(over)], None, "test")
    assert info.value.render().startswith(f"{over}:3: rules.x.max: unknown key")


# -- errors name the file, the line and the key ----------------------------------------------


@pytest.mark.parametrize("body,expected", [
    ("rules: {}\nbogus: 1\n", r":2: bogus: unknown key \(expected one of: description, extends, link, pack, rules\)"),
    ("rules:\n  x:\n    type: existence\n    category: style\n    tokens: [a]\n    tokenz: [b]\n",
     r":6: rules.x.tokenz: unknown key"),
    ("rules:\n  x:\n    type: existence\n    category: style\n    tokens: a\n", r":5: rules.x.tokens: 'a' is not of type 'array'"),
    ("rules:\n  x:\n    type: existence\n    category: style\n    level: loud\n    tokens: [a]\n",
     r":5: rules.x.level: 'loud' is not one of error, warning, info, off"),
    ("rules:\n  x:\n    type: existance\n    category: style\n", r":3: rules.x.type: unknown check type 'existance'"),
    ("rules:\n  x:\n    type: pattern\n    category: style\n    message: m\n    pattern: '(unclosed'\n",
     r":6: rules.x.pattern: invalid regular expression: missing \)"),
    ("rules:\n  x:\n    type: existence\n    category: style\n    regex: true\n    tokens: [ok, '[z-a]']\n",
     r":6: rules.x.tokens.1: invalid regular expression: bad character range"),
    ("rules:\n  x:\n    type: substitution\n    category: style\n    regex: true\n    swap:\n      ok: fine\n      '(?<=a+': bad\n",
     r":8: rules.x.swap.\(\?<=a\+: invalid regular expression"),
    ("rules:\n  x:\n    type: existence\n    category: style\n    scope: everywhere\n    tokens: [a]\n",
     r":5: rules.x.scope: 'everywhere' is not a scope \(all, headline, body, prose, quotations, outside-quotations\)"),
    ("rules:\n  x:\n    type: existence\n    category: styles\n    tokens: [a]\n", r":4: rules.x.category: 'styles' is not one of"),
    ("rules:\n  x:\n    type: existence\n    tokens: [a]\n", r":2: rules.x: 'category' is required for a new rule"),
    ("rules:\n  x:\n    type: existence\n    category: style\n", r":2: rules.x: 'tokens' is required"),
    ("rules:\n  not-in-press:\n    level: error\n", r":2: rules.not-in-press: unknown rule"),
    ("rules:\n  x:\n    type: consistency\n    category: style\n    groups:\n      - [a, b]\n      - [c, A]\n",
     r":7: rules.x.groups.1.1: 'A' is listed twice \(also at groups.0.0\)"),
    ("rules:\n  x:\n    type: metric\n    category: style\n    formula: words\n", r":2: rules.x.condition: is required unless"),
    ("rules:\n  x:\n    type: metric\n    category: style\n    formula: os.system(1)\n    condition: '> 1'\n",
     r":5: rules.x.formula: only the functions min, max, abs, round may be called"),
    ("rules:\n  x:\n    type: capitalization\n    category: style\n    style: shouty\n", r":5: rules.x.style: 'shouty' is not one of ap, chicago, sentence"),
    ("rules:\n  x:\n    type: occurrence\n    category: style\n    token: '*'\n    max: 1\n",
     r":5: rules.x.token: invalid regular expression: nothing to repeat"),
    ("rules:\n  x:\n    type: pattern\n    category: style\n    message: m\n    pattern: 'a(b)'\n    group: 2\n",
     r":7: rules.x.group: the pattern has 1 group\(s\), not 2"),
    ("rules:\n  x:\n    type: substitution\n    category: style\n    swap:\n      a: b\n      a: c\n",
     r":7: rules.x.swap.a: duplicate key"),
    ("rules:\n  x:\n    type: substitution\n    category: style\n    swap:\n      1: one\n",
     r":6: rules.x.swap.1: keys must be strings"),
    ("rules:\n  x: [1, 2]\n", r":2: rules.x: \[1, 2\] is not of type 'object'"),
    ("rules:\n  x:\n    type: existence\n   category: style\n", r":4: invalid YAML"),
    ("- just\n- a list\n", r":1: a pack must be a mapping"),
])
def test_pack_errors_name_file_line_and_key(tmp_path, body, expected):
    path = _house(tmp_path, body if "not-in-press" not in body else "extends: [press]\n" + body)
    if "not-in-press" in body:
        expected = expected.replace(":2:", ":3:")
    with pytest.raises(PackError) as info:
        load_packs([str(path)], None, "test")
    message = info.value.render()
    assert message.startswith(str(path) + ":"), message
    assert re.search(expected, message), message
    assert "\n" not in message


def test_level_off_is_a_string_not_false(tmp_path):
    path = _house(tmp_path, "extends: [press]\nrules:\n  blank-line-runs:\n    level: off\n  first-person:\n    level: no\n")
    with pytest.raises(PackError) as info:
        load_packs([str(path)], None, "test")
    # "no" is not a level: the error says so, instead of complaining about a boolean
    assert info.value.render() == f"{path}:6: rules.first-person.level: 'no' is not one of error, warning, info, off"


def test_missing_pack_named_where_it_is_extended(tmp_path):
    path = _house(tmp_path, "pack: house\nextends:\n  - press\n  - nowhere\n")
    with pytest.raises(PackError) as info:
        load_packs([str(path)], None, "test")
    assert info.value.render().startswith(f"{path}:4: extends.1: unknown pack 'nowhere' (shipped packs: ")
    missing_file = _house(tmp_path, "extends: [other.yaml]\n", "h2.yaml")
    with pytest.raises(PackError) as info:
        load_packs([str(missing_file)], None, "test")
    assert info.value.render() == f"{missing_file}:1: extends.0: cannot read pack 'other.yaml': No such file or directory"


def test_cycle_in_extends(tmp_path):
    a = _house(tmp_path, "extends: [b.yaml]\n", "a.yaml")
    _house(tmp_path, "description: b\nextends: [a.yaml]\n", "b.yaml")
    with pytest.raises(PackError) as info:
        load_packs([str(a)], None, "test")
    b = tmp_path / "b.yaml"
    assert info.value.render() == f"{b}:2: extends.0: packs extend each other in a cycle: {a} -> {b} -> {a}"


def test_config_errors_name_the_config(tmp_path):
    config = tmp_path / "pressqa.toml"
    config.write_text('extends = ["press", "nowhere"]\n', encoding="utf-8")
    from pressqa.packs.config import ConfigResolver

    with pytest.raises(ConfigError) as info:
        ConfigResolver(str(config))
    assert info.value.render().startswith(f"{config}:1: extends.1: unknown pack 'nowhere'")


def test_config_override_with_bad_regex(tmp_path):
    pack = _house(tmp_path, "rules:\n  p:\n    type: pattern\n    category: style\n    message: m\n    pattern: a\n")
    config = tmp_path / "pressqa.toml"
    config.write_text(f'extends = ["{pack}"]\n\n[rules.p]\npattern = "(a"\n', encoding="utf-8")
    from pressqa.packs.config import ConfigResolver

    with pytest.raises(ConfigError) as info:
        ConfigResolver(str(config))
    assert info.value.render().startswith(f"{config}:4: rules.p.pattern: invalid regular expression")


# -- regular expressions run with a time limit -------------------------------------------------

CATASTROPHIC = r"""
rules:
  slow:
    type: pattern
    category: style
    message: m
    pattern: '(a|aa)+$'
"""


def test_catastrophic_pattern_stops_with_a_clear_error(tmp_path):
    from pressqa.packs.regexes import RegexTimeoutError

    path = _house(tmp_path, CATASTROPHIC)
    settings = build_settings({"extends": [str(path)], "regex_timeout": 0.1}, None)
    started = time.monotonic()
    with pytest.raises(RegexTimeoutError) as info:
        Engine(settings).check(Document("a" * 40 + "!", path="release.txt"))
    assert time.monotonic() - started < 5
    assert info.value.render() == (
        f"{path}: rule slow: pattern took longer than 0.1 s on release.txt (catastrophic backtracking?)"
    )
    assert info.value.exit_code == 2


def test_the_time_limit_is_one_for_the_whole_file(tmp_path):
    """Each paragraph's search stays under the limit (about 0.01 s at 22 letters), but 200 of
    them take far longer than 0.1 s: the limit is per file, so the run stops with the error."""
    from pressqa.packs.regexes import RegexTimeoutError

    path = _house(tmp_path, CATASTROPHIC)
    settings = build_settings({"extends": [str(path)], "regex_timeout": 0.1}, None)
    text = "\n\n".join(["a" * 22 + "!"] * 200)
    with pytest.raises(RegexTimeoutError):
        Engine(settings).check(Document(text, path="release.txt"))


def test_catastrophic_pattern_in_cli_exits_2(tmp_path):
    from click.testing import CliRunner

    from pressqa.cli.main import cli

    path = _house(tmp_path, CATASTROPHIC)
    (tmp_path / "pressqa.toml").write_text(f'extends = ["{path}"]\nregex_timeout = 0.1\n', encoding="utf-8")
    release = tmp_path / "release.txt"
    release.write_text("a" * 40 + "!\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(release)])
    assert result.exit_code == 2
    assert "rule slow: pattern took longer than 0.1 s on" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_regex_timeout_config_is_validated(tmp_path):
    with pytest.raises(ConfigError) as info:
        build_settings({"regex_timeout": 0}, None)
    assert "regex_timeout" in info.value.render()


# -- pressqa rules --check ----------------------------------------------------------------------


def _rules_cli(*args):
    from click.testing import CliRunner

    from pressqa.cli.main import cli

    return CliRunner().invoke(cli, ["rules", *args])


def test_rules_check_ok(tmp_path):
    path = _house(tmp_path)
    result = _rules_cli("--check", "press", "ap", str(path))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"press: ok ({len(load_packs(['press'], None, 't').rules)} rules)"
    assert lines[1].startswith("ap: ok (")
    assert lines[2].startswith(f"{path}: ok (")


def test_rules_check_reports_errors_and_exits_2(tmp_path):
    good = _house(tmp_path)
    bad = _house(tmp_path, "rules:\n  x:\n    type: pattern\n    category: style\n    message: m\n    pattern: '(('\n", "bad.yaml")
    result = _rules_cli("--check", str(good), str(bad))
    assert result.exit_code == 2
    assert f"{good}: ok" in result.stdout
    assert f"pressqa: {bad}:6: rules.x.pattern: invalid regular expression" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_rules_check_examples(tmp_path):
    pack = _house(tmp_path, textwrap.dedent("""\
        rules:
          x:
            type: existence
            category: style
            description: x
            tokens: [foo]
            examples:
              fail: ["bar"]
              pass: ["foo"]
        """))
    assert _rules_cli("--check", str(pack)).exit_code == 0
    result = _rules_cli("--check", "--examples", str(pack))
    assert result.exit_code == 2
    assert "rule x: failing example 1 gives no finding" in result.stderr
    assert "rule x: passing example 1 gives findings: 1:1 avoid 'foo'" in result.stderr


@pytest.mark.parametrize("make,message", [
    (lambda tmp: "nonexist.yaml", "nonexist.yaml: cannot read pack: No such file or directory"),
    (lambda tmp: str(tmp), "{tmp}: cannot read pack: Is a directory"),
    (lambda tmp: "nonexist", "nonexist: unknown pack (shipped packs: ap, plain-language, press; a pack file ends in .yaml)"),
])
def test_rules_check_names_an_unreadable_pack_once(tmp_path, monkeypatch, make, message):
    monkeypatch.chdir(tmp_path)
    result = _rules_cli("--check", make(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"pressqa: {message.format(tmp=tmp_path)}\n"


def test_rules_check_errors_of_packs_a_pack_extends_keep_their_file(tmp_path):
    pack = _house(tmp_path, "extends: [missing.yaml]\nrules: {}\n")
    result = _rules_cli("--check", str(pack))
    assert result.exit_code == 2
    assert result.stderr == f"pressqa: {pack}:1: extends.0: cannot read pack 'missing.yaml': No such file or directory\n"


def test_rules_documents_a_rule_of_a_shipped_pack_the_config_does_not_use(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _rules_cli("--isolated", "ap-percent")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("ap-percent\n")
    assert "pack: ap" in out
    assert ("Not enabled by your configuration: it is in the shipped pack 'ap'; "
            'turn it on with extends = ["press", "ap"] in pressqa.toml.') in out
    failing = out[out.index("Failing example:"):out.index("Passing example:")]
    assert "-> 1:" in failing  # the examples still run
    data = json.loads(_rules_cli("--isolated", "ap-percent", "--format", "json").stdout)
    assert data["id"] == "ap-percent" and data["enabled"] is False and "extends" in data["note"]
    # with the pack configured, it is documented like any other rule
    (tmp_path / "pressqa.toml").write_text('extends = ["press", "ap"]\n', encoding="utf-8")
    configured = _rules_cli("ap-percent")
    assert configured.exit_code == 0 and "Not enabled" not in configured.stdout
    # a config with other packs is told to keep them
    (tmp_path / "pressqa.toml").write_text('extends = ["press", "plain-language"]\n', encoding="utf-8")
    assert 'extends = ["press", "plain-language", "ap"]' in _rules_cli("ap-percent").stdout


def test_rules_check_needs_a_pack():
    result = _rules_cli("--check")
    assert result.exit_code == 2 and "needs at least one PACK" in result.stderr


def test_rules_listing_and_doc_still_work():
    listing = _rules_cli("--isolated")
    assert listing.exit_code == 0 and "terminology-consistency" in listing.stdout
    doc = _rules_cli("--isolated", "terminology-consistency")
    assert doc.exit_code == 0
    assert "**What it does.**" in doc.stdout and "Failing example:" in doc.stdout
    assert "peace agreement" in doc.stdout


def test_default_rules_quiet_on_clean_prose():
    text = textwrap.dedent("""\
        Ministers Agree on Next Steps for Regional Energy Cooperation

        GENEVA, March 3, 2024 - The foreign ministers of the two countries met in Geneva on Monday
        and agreed to continue talks on a peace agreement. The ministers said the peace agreement
        would be ready for signature by the end of the year.

        "We are closer than ever," the minister said. "Our teams will meet again next month."

        The delegations also discussed energy cooperation, including a joint program to modernize
        the electricity grid, and agreed to organize a technical meeting in April.

        ###
        """)
    assert run_rules(text) == []


def test_catastrophic_regex_token_in_existence(tmp_path):
    from pressqa.packs.regexes import RegexTimeoutError

    path = _house(tmp_path, "rules:\n  slow:\n    type: existence\n    category: style\n    regex: true\n    nonword: true\n"
                            "    tokens: ['(x|xx)+y']\n")
    settings = build_settings({"extends": [str(path)], "regex_timeout": 0.1}, None)
    with pytest.raises(RegexTimeoutError) as info:
        Engine(settings).check(Document("x" * 40 + "!", path="r.txt"))
    assert "rule slow: pattern took longer than 0.1 s on r.txt" in info.value.render()


@pytest.mark.parametrize("template, problem", [
    ("{seen:>50000000}", "no conversion or format spec"),
    ("{seen.__class__.__mro__}", "no attribute or index"),
    ("{seen[0]}", "no attribute or index"),
    ("{seen!r}", "no conversion or format spec"),
])
def test_unsafe_message_templates_are_refused_at_load(tmp_path, template, problem):
    house = tmp_path / "house.yaml"
    house.write_text(f"rules:\n  x:\n    type: existence\n    category: style\n    message: '{template}'\n    tokens: [a]\n",
                     encoding="utf-8")
    with pytest.raises(PackError) as info:
        build_settings({"extends": [str(house)]}, None)
    assert ":5: rules.x.message:" in info.value.render() and problem in info.value.render()


def test_templates_are_filled_without_str_format():
    from pressqa.templates import render

    assert render("'{match}' for {expected}", match="Kiev", expected="Kyiv") == "'Kiev' for Kyiv"
    assert render("{0} and {missing}", "a") == "a and {missing}"
    assert render("{seen:>50000000}", seen="x") == "{seen:>50000000}"  # never expanded


def test_yaml_aliases_are_refused(tmp_path):
    """The "billion laughs": nested aliases that would expand into millions of nodes."""
    house = tmp_path / "laughs.yaml"
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdef", "bcdefg"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    house.write_text("\n".join(lines) + "\nrules: {}\n", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(PackError) as info:
        build_settings({"extends": [str(house)]}, None)
    assert "anchors and aliases" in info.value.render()
    assert time.monotonic() - started < 30  # generous: it took 12 s and 1.6 GB before
