"""The LanguageTool adapter and check without the real engine: offsets, names, cache, dedupe,
configuration, and every fault (server down, slow, malformed answers, HTTP 500), each of which
must give one clear line and never a traceback.  The real engine is tested in
tests/cases/languagetool.yaml and tests/test_languagetool_real.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, run_rules, settings_for
from ltstandin import StandIn, closed_port_url
from pressqa.backends.languagetool import HTTPBackend, LTConfig, LTOptions, parse_matches, utf16_to_index
from pressqa.checks.languagetool import (
    continued_quotation, is_variant, names_from_rules, prepare, word_uses,
)
from pressqa.model.document import Document
from pressqa.errors import BackendError, ConfigError

CLEAN = "The ministers met in Geneva on Tuesday and agreed to meet again.\n"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test its own cache: stand-in servers come and go on recycled ports."""
    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(tmp_path / "cache"))


def lt(url, **section):
    return {"languagetool": {"url": url, "mode": "auto", **section}}


# -- offsets -------------------------------------------------------------------------------


def test_utf16_offsets_map_to_code_points():
    text = "a😀b🇦🇲c"
    mapping = utf16_to_index(text)
    assert mapping is not None
    # a=0, 😀 = units 1-2, b=3, 🇦=4-5, 🇲=6-7, c=8, end=9
    assert mapping[0] == 0 and mapping[1] == 1 and mapping[2] == 1 and mapping[3] == 2
    assert mapping[8] == 5 and mapping[9] == 6
    assert utf16_to_index("Zoë Ñúñez in Zürich") is None  # accents are one unit each


def test_parse_matches_converts_utf16_offsets():
    text = "🎉 The goverment said."
    data = {"matches": [{"offset": 7, "length": 9, "message": "m", "replacements": [{"value": "government"}],
                         "rule": {"id": "R", "issueType": "misspelling", "category": {"id": "TYPOS"}}}]}
    (match,) = parse_matches(data, text, "here")
    assert text[match.offset:match.offset + match.length] == "goverment"
    assert match.replacements == ("government",)


@pytest.mark.parametrize("data,problem", [
    ({"software": {}}, "no list of matches"),
    ([], "no list of matches"),
    ({"matches": [{"offset": "x"}]}, "malformed match"),
    ({"matches": [{"offset": 90, "length": 2, "rule": {"id": "R"}}]}, "outside the text"),
])
def test_parse_matches_rejects_malformed_answers(data, problem):
    with pytest.raises(BackendError, match=problem):
        parse_matches(data, "short text", "http://x")


def test_prepare_maps_wrapped_lines_back_to_the_document():
    doc = Document("Title\n\n  The ministers met\r\n  in Geneva. of the talks\r\n", "t.txt")
    para = doc.paragraphs[1]
    piece = prepare(doc, para)
    assert piece.text == "The ministers met in Geneva. of the talks"
    start = piece.text.index("of the")
    begin, end = piece.span(start, 2)
    assert doc.text[begin:end] == "of"
    assert doc.position(begin) == (4, 14)
    # the space standing for the line break maps onto the line end
    join = piece.text.index(" in Geneva")
    assert doc.text[piece.offsets[join]] == "\r"


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("a,b,expected", [
    ("Bayramof", "Bayramov", True),
    ("Blinkin", "Blinken", True),
    ("Vilsak", "Vilsack", True),
    ("Armen", "Armenia", False),  # a word and its derivative
    ("Sosa", "Rosa", False),  # short, and a different first letter
    ("Mogensen", "Moghbeli", False),
])
def test_is_variant(a, b, expected):
    assert is_variant(a, b) is expected


def test_word_uses_counts_mid_sentence_and_possessives():
    doc = Document("Dr. Fuad Hussein spoke. Bayramov agreed. Minister Bayramov's team left. Armen Grigoryan stayed.", "t")
    uses = word_uses(doc)
    assert uses["Fuad"].mid == 1  # after "Dr." the sentence goes on
    assert uses["Bayramov"].count == 2 and uses["Bayramov"].mid == 1
    assert uses["Armen"].mid == 0 and uses["Armen"].named == 1


def test_names_lists_of_other_rules_are_accepted(tmp_path):
    from pressqa.packs.rule import Rule

    settings = settings_for()
    listed = tmp_path / "our-names.yaml"
    listed.write_text("names:\n  - name: Hikmat Hajiyev\n    reject: [Hajiev]\naccept:\n  - [Gambia, Zambia]\n", encoding="utf-8")
    settings.rules.append(Rule("house-names", "names", "name-consistency", "warning",
                               options={"names": [{"name": "Ararat Mirzoyan", "accept": ["Mirzoyan's"], "reject": ["Mirzoian"]}],
                                        "names_files": [str(listed)]}))
    words = names_from_rules(settings)
    assert {"Ararat", "Mirzoyan", "Mirzoyan's", "Hikmat", "Hajiyev", "Gambia", "Zambia"} <= words
    assert "Mirzoian" not in words and "Hajiev" not in words  # rejected forms stay misspellings


def test_names_list_silences_a_spelling_finding():
    from pressqa.packs.rule import Rule

    text = "Zelensko thanked the ministers.\n"
    with StandIn() as server:
        from ltstandin import WORDS

        WORDS["Zelensko"] = ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Zelensky")
        try:
            settings = settings_for(extra=lt(server.url))
            from pressqa.run.engine import Engine

            assert [f.rule for f in Engine(settings).check(Document(text, "t")).findings] == ["languagetool/MORFOLOGIK_RULE_EN_US"]
            settings = settings_for(extra=lt(server.url))
            settings.rules.append(Rule("house-names", "names", "name-consistency", "warning",
                                       options={"names": [{"name": "Olena Zelensko"}], "names_files": []}))
            assert Engine(settings).check(Document(text, "t")).findings == []
        finally:
            del WORDS["Zelensko"]


def test_a_pack_rewords_languagetool_s_messages(tmp_path, monkeypatch):
    """``match`` passes LanguageTool's message through; ``name_variant`` is pressqa's own; a pack
    rewords either, and ``{message}`` is LanguageTool's message in both."""
    import ltstandin

    monkeypatch.setitem(ltstandin.WORDS, "Bayramof", ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Bayram"))
    text = "Minister Jeyhun Bayramov spoke. Later, Bayramov left. Then Bayramof and the goverment met.\n"
    house = tmp_path / "house.yaml"
    house.write_text("pack: house\nextends: [press]\nrules:\n  languagetool:\n    message:\n"
                     "      match: \"LT {rule_id} on '{text}'\"\n"
                     "      name_variant: \"'{text}' or '{variant}'? ({message})\"\n", encoding="utf-8")
    with StandIn() as server:
        default = run_rules(text, select=["languagetool"], extra=lt(server.url))
        reworded = run_rules(text, select=["languagetool"], packs=[str(house)], extra=lt(server.url))
    assert [(f.category, f.message) for f in default] == [
        ("name-consistency", "'Bayramof' is written 'Bayramov' twice elsewhere in this release"),
        ("spelling", "'goverment': stand-in: goverment"),
    ]
    assert [f.message for f in reworded] == [
        "'Bayramof' or 'Bayramov'? ('Bayramof': stand-in: Bayramof)",
        "LT MORFOLOGIK_RULE_EN_US on 'goverment'",
    ]


def test_continued_quotation():
    doc = Document('"We agreed to meet again.\n\n"The next round is in Geneva," he said.\n\nOfficials agreed.', "t")
    pieces = [prepare(doc, p) for p in doc.paragraphs]
    from pressqa.backends.languagetool import LTMatch

    opening = LTMatch(0, 1, "EN_UNPAIRED_QUOTES", "PUNCTUATION", "typographical", "m")
    assert continued_quotation(pieces[0], opening, pieces[1]) is True
    assert continued_quotation(pieces[1], opening, pieces[2]) is False  # next paragraph opens no quote
    assert continued_quotation(pieces[0], opening, None) is False


# -- against a stand-in server: offsets, cache -----------------------------------------------


def test_stand_in_offsets_after_emoji_and_accents():
    text = "🇦🇲 José Álvarez 😀 said the goverment\nhas agreed to talk.\n"
    with StandIn() as server:
        findings = run_rules(text, select=["languagetool"], extra=lt(server.url))
    got = [(f.line, f.column, f.end_column, f.rule, f.category, f.suggestion) for f in findings]
    assert got == [
        (1, 28, 37, "languagetool/MORFOLOGIK_RULE_EN_US", "spelling", "government"),
        (2, 1, 11, "languagetool/AGREEMENT_SENT_START", "grammar", "have agreed"),
    ]


def _lt_findings(text, url, select=(), ignore=()):
    from pressqa.run.engine import Engine

    engine = Engine(settings_for(extra=lt(url)), select=select, ignore=ignore)
    return [(f.rule, f.category) for f in engine.check(Document(text, path="case.txt")).findings
            if f.rule.startswith("languagetool/")]


SPELLING = ("languagetool/MORFOLOGIK_RULE_EN_US", "spelling")
GRAMMAR = ("languagetool/AGREEMENT_SENT_START", "grammar")


@pytest.mark.parametrize("select,ignore,expected", [
    (["spelling"], [], [SPELLING]),            # the rule is 'grammar', but it emits spelling
    (["grammar"], [], [GRAMMAR]),              # and findings keep to the selected category
    (["spelling", "grammar"], [], [SPELLING, GRAMMAR]),
    (["languagetool"], ["spelling"], [GRAMMAR]),
    ([], ["spelling"], [GRAMMAR]),
    ([], ["grammar"], [SPELLING]),             # ignoring the rule's own category keeps its spelling findings
    (["punctuation"], [], []),
    (["spelling"], ["languagetool"], []),
])
def test_select_and_ignore_by_the_categories_languagetool_emits(select, ignore, expected):
    text = "The goverment\nhas agreed to talk.\n"
    with StandIn() as server:
        assert _lt_findings(text, server.url, select, ignore) == expected


def test_select_a_category_the_pack_maps_languagetool_rules_to():
    from pressqa.checks.languagetool import LanguageToolCheck
    from pressqa.run.engine import Engine

    settings = settings_for(extra=lt("http://127.0.0.1:9"))
    [rule] = [r for r in settings.rules if r.id == "languagetool"]
    assert rule.category == "grammar"
    assert "clause" in LanguageToolCheck.categories(rule)  # press.yaml maps UPPERCASE_SENTENCE_START to clause
    for category in ("spelling", "punctuation", "clause", "grammar", "name-consistency"):
        assert "languagetool" in [r.id for r in Engine(settings, select=[category]).active_rules()], category
    assert "languagetool" not in [r.id for r in Engine(settings, select=["readability"]).active_rules()]
    everything = ["spelling", "punctuation", "clause", "grammar", "name-consistency", "style"]
    assert "languagetool" not in [r.id for r in Engine(settings, ignore=everything).active_rules()]


def _release(second: str) -> str:
    return ("MINISTERS MEET IN GENEVA\n\n"
            "The ministers met in Geneva on Tuesday.\n\n"
            f"{second}\n\n"
            "The goverment welcomed the talks.\n")


def test_disk_cache_sends_only_the_edited_paragraph():
    from pressqa.run.engine import Engine

    with StandIn() as server:
        def check(text, **options):
            rules = {"languagetool": options} if options else None
            engine = Engine(settings_for(rules=rules, extra=lt(server.url)), select=["languagetool"])
            return engine.check(Document(text, "r.txt")).findings

        first = check(_release("They agreed to meet again."))
        assert len(server.texts) == 3  # three body paragraphs; the headline is not sent
        assert [f.line for f in first] == [7]
        again = check(_release("They agreed to meet again."))
        assert len(server.texts) == 3 and again == first  # all from the cache
        check(_release("They agreed to meet again in October."))
        assert server.texts[3:] == ["They agreed to meet again in October."]
        check(_release("They agreed to meet again in October."), disabled_rules=["EN_QUOTES", "X"])
        assert len(server.texts) == 7  # another rule selection is another cache key


def test_cache_key_includes_the_server_version():
    with StandIn(version="6.6") as old:
        run_rules(CLEAN, select=["languagetool"], extra=lt(old.url))
        run_rules(CLEAN, select=["languagetool"], extra=lt(old.url))
        assert len(old.texts) == 1
    with StandIn(version="6.7") as new:
        run_rules(CLEAN, select=["languagetool"], extra=lt(new.url))
        assert len(new.texts) == 1


def test_a_cached_run_needs_no_request_and_an_upgraded_server_invalidates_the_cache():
    text = "MINISTERS MEET IN GENEVA\n\nThe ministers met in Geneva on Tuesday.\n\nThe goverment welcomed the talks.\n"
    with StandIn(version="6.6") as server:
        assert [f.line for f in run_rules(text, select=["languagetool"], extra=lt(server.url))] == [5]
        assert server.requests == 3  # the version probe and two paragraphs
        assert [f.line for f in run_rules(text, select=["languagetool"], extra=lt(server.url))] == [5]
        assert server.requests == 3  # the version is remembered for this url: no request at all
        server.version = "6.7"
        edited = text.replace("Geneva on", "Vienna on")
        assert [f.line for f in run_rules(edited, select=["languagetool"], extra=lt(server.url))] == [5]
        # the edited paragraph revealed the new version; both paragraphs were checked again by it
        assert server.texts[2] == "The ministers met in Vienna on Tuesday."
        assert sorted(server.texts[3:]) == ["The goverment welcomed the talks.", "The ministers met in Vienna on Tuesday."]


def test_a_request_cut_off_by_the_budget_is_out_of_time_not_down(monkeypatch):
    """Under a service's budget a request's socket timeout ends with the budget, and may fire a moment
    before the wait for its answer does: past the deadline that is the budget run out (some answers
    came: OutOfTime, LanguageTool is not taken for down), before it a failure like any other."""
    import time

    from pressqa.backends import languagetool as lt
    from pressqa.checks.languagetool.matches import OutOfTime, fetch

    class CutOff(lt.Backend):
        where = "LanguageTool at x"

        def check(self, text, options):
            if text == "first":
                return []
            raise lt.Unreachable(None, "LanguageTool at x did not answer within 0.2 s")

    def late(index, found):  # the wait for the next answer begins after the deadline
        time.sleep(max(lt.POLICY.deadline - time.monotonic(), 0) + 0.05)

    monkeypatch.setattr(lt.POLICY, "deadline", time.monotonic() + 0.2)
    with pytest.raises(OutOfTime, match="checked 1 of 3 paragraphs"):
        fetch(CutOff(), ["first", "second", "third"], lt.LTOptions(), late)
    monkeypatch.setattr(lt.POLICY, "deadline", time.monotonic() + 30)
    with pytest.raises(lt.Unreachable, match="did not answer within"):
        fetch(CutOff(), ["first", "second", "third"], lt.LTOptions())


# -- dedupe ------------------------------------------------------------------------------


def test_dedupe_drops_backend_findings_overlapping_a_builtin_of_the_same_category():
    from pressqa.run.engine import dedupe
    from pressqa.findings import Finding, Severity

    def finding(rule, category, start, end):
        return Finding("f", rule, category, Severity.WARNING, start, end, 1, start + 1, 1, end + 1, "m")

    builtin = finding("missing-space-after-punctuation", "clause", 10, 21)
    overlapping = finding("languagetool/COMMA_PARENTHESIS_WHITESPACE", "clause", 17, 21)
    other_category = finding("languagetool/MORFOLOGIK_RULE_EN_US", "spelling", 10, 17)
    elsewhere = finding("languagetool/UPPERCASE_SENTENCE_START", "clause", 30, 32)
    kept = dedupe([overlapping, builtin, other_category, elsewhere])
    assert kept == [other_category, builtin, elsewhere]


# -- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize("section,key", [
    ({"mode": "sometimes"}, "languagetool.mode"),
    ({"host": "x"}, "languagetool.host"),
    ({"url": "localhost:8081"}, "languagetool.url"),
    ({"timeout": 0}, "languagetool.timeout"),
])
def test_bad_languagetool_config_names_the_key(section, key):
    with pytest.raises(ConfigError) as info:
        settings_for(extra={"languagetool": section})
    assert info.value.key == key


def test_lt_options_from_pack_and_config():
    from pressqa.run.engine import Engine

    settings = settings_for(rules={"languagetool/EN_QUOTES": "warning", "languagetool/MORFOLOGIK_RULE_EN_US": "off",
                                   "languagetool": {"enabled_categories": ["STYLE"], "picky": True}})
    check = Engine(settings).instance(next(r for r in settings.rules if r.id == "languagetool"))
    options = check.lt_options(settings)
    assert "EN_QUOTES" in options.enabled_rules and "EN_QUOTES" not in options.disabled_rules
    assert "MORFOLOGIK_RULE_EN_US" in options.disabled_rules
    assert options.params()["enabledCategories"] == "STYLE" and options.params()["level"] == "picky"
    assert LTConfig.from_section({"mode": "local", "timeout": 3}) == LTConfig(mode="local", timeout=3)


def test_mode_from_the_environment(monkeypatch):
    monkeypatch.setenv("PRESSQA_LANGUAGETOOL_MODE", "local")
    assert LTConfig.from_section({}).mode == "local"
    assert LTConfig.from_section({"mode": "auto"}).mode == "auto"  # the config says
    monkeypatch.setenv("PRESSQA_LANGUAGETOOL_MODE", "sometimes")
    with pytest.raises(ConfigError, match="'sometimes' is not one of auto, local, off"):
        LTConfig.from_section({})


def test_mode_off_from_the_environment_is_silent(tmp_path):
    proc = pressqa(tmp_path, env={"PRESSQA_LANGUAGETOOL_MODE": "off"})
    assert proc.returncode == 0 and proc.stderr == ""


def test_mode_off_sends_nothing_and_says_nothing():
    with StandIn() as server:
        findings = run_rules("The goverment said.", select=["languagetool"], extra=lt(server.url, mode="off"))
        assert findings == [] and server.requests == 0


def test_https_and_path_urls():
    backend = HTTPBackend("https://lt.example.org/api/v2/", 5)
    assert (backend.scheme, backend.host, backend.port, backend.base) == ("https", "lt.example.org", 443, "/api")
    with pytest.raises(BackendError, match="not an http"):
        HTTPBackend("ftp://x", 5)


def test_options_key_is_stable():
    assert LTOptions(disabled_rules=("A", "B")).key() == LTOptions(disabled_rules=("A", "B")).key()
    assert LTOptions().key() != LTOptions(picky=True).key()


# -- faults, through the command line ---------------------------------------------------------


def pressqa(tmp_path, *args, text=CLEAN, config=None, env=None):
    target = tmp_path / "release.txt"
    target.write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / "pressqa.toml").write_text(config, encoding="utf-8")
    run_env = dict(os.environ)
    run_env["PRESSQA_CACHE_DIR"] = str(tmp_path / "cache")  # a fault must not hide behind an earlier answer
    run_env["PRESSQA_LANGUAGETOOL_MODE"] = "auto"  # the default a user has (the test suite's is off)
    run_env.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "pressqa", "check", "--no-color", *args, str(target)],
                          capture_output=True, text=True, cwd=tmp_path, env=run_env, timeout=60)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def lines(stream):
    return [line for line in stream.splitlines() if line.strip()]


FAULTS = [
    ("down", None, "is not running at http://127.0.0.1:", "(connection refused)"),
    ("slow", None, "did not answer within 0.5 s", ""),
    ("malformed", None, "sent a malformed answer (not JSON)", ""),
    ("no-matches", None, "sent a malformed answer", ""),
    ("bad-offset", None, "sent a match outside the text", ""),
    ("500", None, "answered HTTP 500: Error: java.lang.RuntimeException: stand-in failure", ""),
]


@pytest.mark.parametrize("behaviour,_unused,message,tail", FAULTS, ids=[f[0] for f in FAULTS])
@pytest.mark.parametrize("required", [False, True], ids=["optional", "required"])
def test_fault_gives_one_clear_line(tmp_path, behaviour, _unused, message, tail, required):
    def run(url):
        config = f'[languagetool]\nurl = "{url}"\ntimeout = 0.5\n'
        args = ["--require-languagetool"] if required else []
        return pressqa(tmp_path, *args, config=config)

    if behaviour == "down":
        proc = run(closed_port_url())
    else:
        with StandIn(behaviour, delay=3) as server:
            proc = run(server.url)
    errors = lines(proc.stderr)
    assert len(errors) == 1, proc.stderr
    assert message in errors[0] and tail in errors[0]
    if required:
        assert proc.returncode == 2
        assert errors[0].startswith("pressqa: ") and "release.txt" in errors[0] and "required" in errors[0]
    else:
        assert proc.returncode == 0
        assert errors[0].endswith("grammar and spelling skipped") and "languagetool unavailable: " in errors[0]


def test_no_server_in_auto_mode_is_one_notice_for_many_files(tmp_path):
    (tmp_path / "b.txt").write_text(CLEAN, encoding="utf-8")
    proc = pressqa(tmp_path, str(tmp_path / "b.txt"))
    assert proc.returncode == 0
    assert lines(proc.stderr) == ["pressqa: languagetool unavailable: LanguageTool is not installed (run 'pressqa languagetool install', "
                                  "then 'pressqa languagetool start'); grammar and spelling skipped"]


def test_installed_but_not_running(tmp_path):
    home = tmp_path / "lt-home"
    dist = home / "6.6" / "LanguageTool-6.6"
    dist.mkdir(parents=True)
    (dist / "languagetool-server.jar").write_bytes(b"")
    (home / "6.6" / "installed.json").write_text("{}", encoding="utf-8")
    proc = pressqa(tmp_path, env={"PRESSQA_LANGUAGETOOL_HOME": str(home)})
    assert lines(proc.stderr) == ["pressqa: languagetool unavailable: LanguageTool is not running (start it with 'pressqa languagetool start'); "
                                  "grammar and spelling skipped"]
    proc = pressqa(tmp_path, "--require-languagetool", env={"PRESSQA_LANGUAGETOOL_HOME": str(home)})
    assert proc.returncode == 2 and len(lines(proc.stderr)) == 1


def test_required_in_config(tmp_path):
    proc = pressqa(tmp_path, config="[languagetool]\nrequired = true\n")
    assert proc.returncode == 2
    assert "LanguageTool is required" in proc.stderr


CONTRADICTION = "turns LanguageTool off, but it is required ([languagetool] required = true, or --require-languagetool)"


@pytest.mark.parametrize("config,args", [
    ('[languagetool]\nmode = "off"\n', ["--require-languagetool"]),
    ('[languagetool]\nmode = "off"\nrequired = true\n', []),
])
def test_mode_off_and_required_is_a_config_error_naming_the_file_and_key(tmp_path, config, args):
    proc = pressqa(tmp_path, *args, config=config)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert lines(proc.stderr) == [f'pressqa: {tmp_path / "pressqa.toml"}:2: languagetool.mode: mode = "off" {CONTRADICTION}']


def test_mode_off_and_required_in_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.pressqa.languagetool]\nmode = "off"\n', encoding="utf-8")
    proc = pressqa(tmp_path, "--require-languagetool")
    assert proc.returncode == 2
    assert lines(proc.stderr) == [f'pressqa: {tmp_path / "pyproject.toml"}:2: tool.pressqa.languagetool.mode: '
                                  f'mode = "off" {CONTRADICTION}']


def test_mode_off_from_the_environment_and_required_names_the_variable(tmp_path):
    proc = pressqa(tmp_path, "--require-languagetool", env={"PRESSQA_LANGUAGETOOL_MODE": "off"})
    assert proc.returncode == 2
    assert lines(proc.stderr) == [f"pressqa: PRESSQA_LANGUAGETOOL_MODE: 'off' {CONTRADICTION}"]
    # the config's own mode wins over the variable, as documented: no contradiction then
    with StandIn() as server:
        proc = pressqa(tmp_path, "--require-languagetool", config=f'[languagetool]\nurl = "{server.url}"\nmode = "auto"\n',
                       env={"PRESSQA_LANGUAGETOOL_MODE": "off"})
    assert proc.returncode == 0, proc.stderr


def test_quiet_hides_the_notice(tmp_path):
    proc = pressqa(tmp_path, "-q")
    assert proc.returncode == 0 and proc.stderr == ""


def test_findings_from_the_stand_in_in_json(tmp_path):
    with StandIn() as server:
        proc = pressqa(tmp_path, "--format", "json", text="The goverment met.\n",
                       config=f'[languagetool]\nurl = "{server.url}"\n')
    report = json.loads(proc.stdout)
    (finding,) = report["files"][0]["findings"]
    assert finding["rule"] == "languagetool/MORFOLOGIK_RULE_EN_US" and finding["category"] == "spelling"
    assert (finding["line"], finding["column"], finding["end_column"], finding["suggestion"]) == (1, 5, 14, "government")
    assert proc.returncode == 0 and proc.stderr == ""


def test_check_does_not_import_language_tool_python_on_the_server_path():
    code = ("import sys; from conftest import run_rules; from ltstandin import StandIn\n"
            "with StandIn() as s:\n"
            "    run_rules('The goverment met.', select=['languagetool'], extra={'languagetool': {'url': s.url}})\n"
            "print('language_tool_python' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "tests", timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_require_languagetool_reaches_worker_processes():
    from pressqa.run import runner

    runner._init_worker(None, True, (), (), {"languagetool": {"required": True}})
    settings = runner._worker_runner.resolver.for_path(None)
    assert settings.section("languagetool") == {"required": True}
