"""One problem, one finding: rules that report the same problem on the same span merge, and a
built-in rule turned off, ignored or disabled silences its LanguageTool equivalents."""

from __future__ import annotations

from conftest import run_rules

DOUBLED = "The United States will continue to to provide assistance to the region."


def _lt(lt_server):
    return {"languagetool": {"url": lt_server, "mode": "auto", "required": True}}


def test_the_built_in_finding_is_kept_and_languagetool_s_dropped(lt_server):
    findings = run_rules(DOUBLED, extra=_lt(lt_server))
    rules = [f.rule for f in findings if f.category == "clause"]
    assert rules == ["doubled-word"], rules


def test_a_built_in_rule_turned_off_silences_its_languagetool_equivalent(lt_server):
    findings = run_rules(DOUBLED, rules={"doubled-word": "off"}, extra=_lt(lt_server))
    assert not [f for f in findings if "REPEAT" in f.rule], [f.rule for f in findings]


def test_without_the_mapping_languagetool_reports_the_doubled_word(lt_server):
    # the control: the equivalence is what silences it, not LanguageTool's silence
    findings = run_rules(DOUBLED, rules={"doubled-word": "off", "languagetool": {"equivalents": {}}},
                         extra=_lt(lt_server))
    assert [f for f in findings if f.rule == "languagetool/ENGLISH_WORD_REPEAT_RULE"]


def test_a_directive_that_disables_the_built_in_rule_hides_the_equivalent(lt_server):
    text = "<!-- pressqa: disable-next-line=doubled-word -->\n" + DOUBLED + "\n"
    findings = run_rules(text, rules={"doubled-word": "off"}, extra=_lt(lt_server))
    assert not [f for f in findings if f.category == "clause"], [f.rule for f in findings]
    findings = run_rules(text, extra=_lt(lt_server))
    assert not [f for f in findings if f.category == "clause"], [f.rule for f in findings]


def test_packs_reporting_one_word_on_one_span_give_one_finding():
    findings = run_rules("The minister visited Kiev on Monday.", packs=["press", "ap"], select=["terminology", "style"])
    on_kiev = [f for f in findings if f.suggestion == "Kyiv"]
    assert len(on_kiev) == 1, [(f.rule, f.message) for f in on_kiev]
    assert "also:" in on_kiev[0].message
