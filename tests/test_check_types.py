"""The data-driven check types, each through a small house pack written in the test."""

from __future__ import annotations

import textwrap

import pytest

from pressqa.packs.config import build_settings
from pressqa.model.document import Document
from pressqa.run.engine import Engine


def findings(tmp_path, pack: str, text: str, extra: dict | None = None, select=()):
    """Findings of a house pack (alone) on *text*."""
    path = tmp_path / "house.yaml"
    path.write_text(textwrap.dedent(pack), encoding="utf-8")
    raw = {"extends": [str(path)], **(extra or {})}
    engine = Engine(build_settings(raw, None), select=select)
    return engine.check(Document(text, path="release.txt")).findings


def spans(found, text):
    return [text[f.start:f.end] for f in found]


# -- existence -------------------------------------------------------------------------

EXISTENCE = """
rules:
  banned:
    type: existence
    category: style
    tokens: [in order to, utilize, "%", U.S.]
    {extra}
"""


def test_existence_whole_words_any_case(tmp_path):
    text = "In order to utilize funds, they utilized 5% of the U.S. budget; underutilize it.\nIN ORDER TO win."
    found = findings(tmp_path, EXISTENCE.format(extra=""), text)
    assert spans(found, text) == ["In order to", "utilize", "%", "U.S.", "IN ORDER TO"]
    assert found[0].message == "avoid 'In order to'"


def test_existence_ignorecase_false(tmp_path):
    text = "In order to help, in order to win."
    found = findings(tmp_path, EXISTENCE.format(extra="ignorecase: false"), text)
    assert spans(found, text) == ["in order to"]


def test_existence_nonword_matches_inside_words(tmp_path):
    text = "They will underutilize it."
    assert findings(tmp_path, EXISTENCE.format(extra=""), text) == []
    found = findings(tmp_path, EXISTENCE.format(extra="nonword: true"), text)
    assert spans(found, text) == ["utilize"]


def test_existence_phrase_runs_over_a_line_break_but_not_a_blank_line(tmp_path):
    text = "They met in order\nto talk. Then in order\n\nto rest."
    found = findings(tmp_path, EXISTENCE.format(extra=""), text)
    assert spans(found, text) == ["in order\nto"]
    assert (found[0].line, found[0].column, found[0].end_line, found[0].end_column) == (1, 10, 2, 3)


def test_existence_curly_apostrophe_matches_straight(tmp_path):
    pack = """
    rules:
      x:
        type: existence
        category: style
        tokens: ["world's best"]
    """
    text = "The world’s best team."
    assert spans(findings(tmp_path, pack, text), text) == ["world’s best"]


def test_existence_regex_tokens_and_exceptions(tmp_path):
    pack = r"""
    rules:
      x:
        type: existence
        category: style
        regex: true
        tokens: ['colou?r(?:ed|s)?']
        exceptions: [Colour Guard]
        message: "no '{match}' here"
    """
    text = "The colored flags and colours of the Colour Guard."
    found = findings(tmp_path, pack, text)
    assert spans(found, text) == ["colored", "colours"]
    assert found[1].message == "no 'colours' here"


def test_existence_skips_code_blocks(tmp_path):
    text = "Fine.\n\n```\nin order to\n```\n"
    assert findings(tmp_path, EXISTENCE.format(extra=""), text) == []


# -- substitution ----------------------------------------------------------------------

SUBSTITUTION = """
rules:
  swaps:
    type: substitution
    category: terminology
    swap:
      e-mail: email
      Kiev: Kyiv
      in order to: to
      over: more than|above
    {extra}
"""


def test_substitution_suggestion_and_fix(tmp_path):
    text = "Send an e-mail to Kiev."
    found = findings(tmp_path, SUBSTITUTION.format(extra=""), text)
    assert [(f.suggestion, f.message) for f in found] == [
        ("email", "use 'email' instead of 'e-mail'"),
        ("Kyiv", "use 'Kyiv' instead of 'Kiev'"),
    ]
    edit = found[0].fix[0]
    assert text[edit.start:edit.end] == "e-mail" and edit.replacement == "email"


def test_substitution_preserves_case(tmp_path):
    text = "In order to help, Kiev's mayor wrote an E-mail. KIEV IN ORDER TO."
    found = findings(tmp_path, SUBSTITUTION.format(extra=""), text)
    assert [f.suggestion for f in found] == ["To", "Kyiv", "Email", "KYIV", "TO"]
    # only the word is replaced: "Kiev's" becomes "Kyiv's"
    kiev = found[1]
    assert text[kiev.start:kiev.end] == "Kiev"


def test_substitution_alternatives_have_no_fix(tmp_path):
    text = "It took over 5 hours."
    (found,) = findings(tmp_path, SUBSTITUTION.format(extra=""), text)
    assert found.suggestion == "more than"
    assert found.message == "use 'more than' or 'above' instead of 'over'"
    assert found.fix == ()


def test_substitution_fix_false(tmp_path):
    text = "Send an e-mail."
    (found,) = findings(tmp_path, SUBSTITUTION.format(extra="fix: false"), text)
    assert found.suggestion == "email" and found.fix == ()


def test_substitution_leaves_the_preferred_form_and_longer_words(tmp_path):
    text = "Send an email to Kyiv; the Kievan era; overt moves; e-mailing is fine."
    assert findings(tmp_path, SUBSTITUTION.format(extra=""), text) == []


def test_substitution_regex_keys_expand_groups(tmp_path):
    pack = r"""
    rules:
      pct:
        type: substitution
        category: style
        regex: true
        swap:
          '(\d+) per cent': '\1 percent'
    """
    text = "Up 25 per cent."
    (found,) = findings(tmp_path, pack, text)
    assert found.suggestion == "25 percent"
    assert text[found.start:found.end] == "25 per cent"


def test_substitution_capitalized_key_passes_no_case_on(tmp_path):
    pack = """
    rules:
      net:
        type: substitution
        category: style
        ignorecase: false
        swap: {Internet: internet}
    """
    (found,) = findings(tmp_path, pack, "On the Internet.")
    assert found.suggestion == "internet"


# -- consistency -----------------------------------------------------------------------

CONSISTENCY = """
rules:
  terms:
    type: consistency
    category: terminology
    groups:
      - [peace treaty, peace agreement]
      - UK: [organise, defence]
        US: [organize, defense]
    {extra}
"""


def test_consistency_reports_every_minority_occurrence(tmp_path):
    text = "The peace treaty.\nThe peace agreement.\nA peace agreement.\nThe peace treaty again.\nA peace agreement."
    found = findings(tmp_path, CONSISTENCY.format(extra=""), text)
    assert [(f.line, f.suggestion) for f in found] == [(1, "peace agreement"), (4, "peace agreement")]
    assert "'peace agreement' elsewhere in this release (3x, lines 2, 3, 5)" in found[0].message


def test_consistency_tie_goes_to_the_first_form(tmp_path):
    text = "The peace treaty.\nThe peace agreement.\nA peace agreement.\nThe peace treaty again."
    found = findings(tmp_path, CONSISTENCY.format(extra=""), text)
    assert [(f.line, f.suggestion) for f in found] == [(2, "peace treaty"), (3, "peace treaty")]
    assert found[0].fix == ()


def test_consistency_named_sides_and_paired_fix(tmp_path):
    text = "We organize. They organize defense. Others organise."
    found = findings(tmp_path, CONSISTENCY.format(extra="fix: true"), text)
    (f,) = found
    assert text[f.start:f.end] == "organise"
    assert f.suggestion == "organize"
    assert f.fix[0].replacement == "organize"
    assert "(UK) here, but this release mostly uses US forms (3x" in f.message


def test_consistency_one_side_is_silent(tmp_path):
    text = "The peace treaty. The peace treaty. We organise the defence."
    assert findings(tmp_path, CONSISTENCY.format(extra=""), text) == []


def test_consistency_names_capitalized_mid_sentence(tmp_path):
    text = "We organize the defense of the Ministry of Defence."
    assert findings(tmp_path, CONSISTENCY.format(extra=""), text) == []
    found = findings(tmp_path, CONSISTENCY.format(extra="skip_capitalized: false"), text)
    assert spans(found, text) == ["Defence"]


def test_consistency_sentence_start_counts(tmp_path):
    text = "We organize the defense. Defence is costly."
    found = findings(tmp_path, CONSISTENCY.format(extra=""), text)
    assert [f.suggestion for f in found] == ["Defense"]


def test_consistency_custom_message_fields(tmp_path):
    extra = 'message: "{match} vs {majority} ({count}: {lines})"'
    text = "A peace treaty.\n\nA peace agreement.\n\nA peace agreement."
    (f,) = findings(tmp_path, CONSISTENCY.format(extra=extra), text)
    assert f.message == "peace treaty vs peace agreement (2: 3, 5)"


# -- occurrence ------------------------------------------------------------------------

OCCURRENCE = """
rules:
  bangs:
    type: occurrence
    category: style
    token: "!"
    max: 1
    per: {per}
"""


@pytest.mark.parametrize("per,expected", [
    # two marks in paragraph 1, two in paragraph 2, never two in one sentence
    ("document", [(1, 13), (3, 4), (3, 9)]),
    ("paragraph", [(1, 13), (3, 9)]),
    ("sentence", []),
])
def test_occurrence_per_unit(tmp_path, per, expected):
    text = "Great! Again!\n\nYes! Yes!"
    found = findings(tmp_path, OCCURRENCE.format(per=per), text)
    assert [(f.line, f.column) for f in found] == expected


def test_occurrence_message(tmp_path):
    (f,) = findings(tmp_path, OCCURRENCE.format(per="document"), "Hi! Bye!")
    assert f.message == "'!' 2 times in this document (at most 1)"


# -- pattern ---------------------------------------------------------------------------

def test_pattern_groups_in_message_and_suggestion(tmp_path):
    pack = r"""
    rules:
      phone:
        type: pattern
        category: style
        pattern: '\((\d{3})\) (\d{3})-(?P<last>\d{4})'
        message: "write {match} as {1}-{2}-{last}"
        suggestion: "{1}-{2}-{last}"
        fix: true
    """
    text = "Call (301) 402-1663 today."
    (f,) = findings(tmp_path, pack, text)
    assert f.message == "write (301) 402-1663 as 301-402-1663"
    assert f.suggestion == "301-402-1663"
    assert f.fix[0].replacement == "301-402-1663"
    assert (f.column, f.end_column) == (6, 20)


def test_pattern_reports_a_group(tmp_path):
    pack = r"""
    rules:
      dup:
        type: pattern
        category: grammar
        pattern: '\b(\w+) (\1)\b'
        group: 2
        message: "'{1}' twice"
    """
    text = "We will continue to to help."
    (f,) = findings(tmp_path, pack, text)
    assert text[f.start:f.end] == "to" and f.column == 21


def test_pattern_raw_sees_blank_lines(tmp_path):
    pack = r"""
    rules:
      gaps:
        type: pattern
        category: style
        pattern: '\n\n\n'
        message: gap
        {raw}
    """
    text = "A.\n\n\nB."
    assert findings(tmp_path, pack.format(raw=""), text) == []
    assert len(findings(tmp_path, pack.format(raw="raw: true"), text)) == 1


# -- capitalization --------------------------------------------------------------------

CAPS = """
rules:
  headline-case:
    type: capitalization
    category: style
    style: {style}
    {extra}
"""


@pytest.mark.parametrize("style,headline,wrong", [
    ("ap", "Minister Meets With Envoy of Peru", []),
    ("ap", "Minister Meets with Envoy Of Peru", [("with", "With"), ("Of", "of")]),
    ("chicago", "Minister Meets with Envoy of Peru", []),
    ("chicago", "Minister Meets With Envoy From Peru", [("With", "with"), ("From", "from")]),
    ("ap", "What the Talks Were About", []),
    ("chicago", "Talks to Begin: a New Round", [("a", "A")]),
    ("ap", "the Talks Resume", [("the", "The")]),
])
def test_capitalization_title_styles(tmp_path, style, headline, wrong):
    text = f"{headline}\n\nThe minister met the envoy on Monday."
    found = findings(tmp_path, CAPS.format(style=style, extra=""), text)
    assert [(text[f.start:f.end], f.suggestion) for f in found] == wrong
    for f in found:
        assert f.fix[0].replacement == f.suggestion


def test_capitalization_exceptions_and_skipped_words(tmp_path):
    text = "eBay and the iPhone Maker Meet NASA in the U.S. on COVID-19 at de Gaulle Airport\n\nThey met."
    found = findings(tmp_path, CAPS.format(style="ap", extra="exceptions: [eBay, de Gaulle]"), text)
    assert found == []


def test_capitalization_sentence_style(tmp_path):
    title_case = "Minister Meets Envoy To Discuss Trade Deal\n\nThey met."
    (f,) = findings(tmp_path, CAPS.format(style="sentence", extra=""), title_case)
    assert "title case" in f.message and f.suggestion is None
    sentence_case = "Minister meets Peru's envoy in Lima to discuss trade\n\nThey met."
    assert findings(tmp_path, CAPS.format(style="sentence", extra=""), sentence_case) == []
    lower_first = "minister meets envoy\n\nThey met."
    (g,) = findings(tmp_path, CAPS.format(style="sentence", extra=""), lower_first)
    assert g.suggestion == "Minister"


def test_capitalization_targets(tmp_path):
    text = "Office Of The Spokesperson\n\nMinister Meets Envoy Of Peru And Chile\n\nThe minister met.\n\nTalks Of Note\n\nMore text here."
    title = findings(tmp_path, CAPS.format(style="ap", extra=""), text)
    assert {f.line for f in title} == {3}
    headlines = findings(tmp_path, CAPS.format(style="ap", extra="target: headlines"), text)
    assert {f.line for f in headlines} == {1, 3}
    headings = findings(tmp_path, CAPS.format(style="ap", extra="target: headings"), text)
    assert {f.line for f in headings} == {1, 3, 7}


# -- metric ----------------------------------------------------------------------------

METRIC = """
rules:
  m:
    type: metric
    category: readability
    formula: "{formula}"
    {extra}
"""


def test_metric_words_per_sentence(tmp_path):
    pack = METRIC.format(formula="words", extra='condition: "> 5"\n    per: sentence')
    text = "One two three. One two three four five six seven.\n\nShort one."
    (f,) = findings(tmp_path, pack, text)
    assert (f.line, f.column, f.end_column) == (1, 16, 50)
    assert f.message == "words is 7 in this sentence (> 5)"


def test_metric_comparison_in_formula_and_arithmetic(tmp_path):
    pack = METRIC.format(formula="words / sentences >= 4", extra="per: paragraph")
    text = "One two three four. Five six seven eight.\n\nOne. Two."
    (f,) = findings(tmp_path, pack, text)
    assert f.line == 1 and f.message == "words / sentences is 4 in this paragraph (>= 4)"


def test_metric_document_reported_on_first_line(tmp_path):
    pack = METRIC.format(formula="max(words, 1) + paragraphs", extra='condition: "> 3"')
    text = "Headline Here\n\nOne two.\nthree.\n\nFour."
    (f,) = findings(tmp_path, pack, text)
    assert (f.line, f.column, f.end_line) == (3, 1, 3)
    assert "is 6 in this document" in f.message


def test_metric_min_words_and_zero_division(tmp_path):
    pack = METRIC.format(formula="letters / (words - 2)", extra='condition: "> 0"\n    per: sentence\n    min_words: 2')
    text = "Hi. Two words. Three words here."
    found = findings(tmp_path, pack, text)
    # "Hi." is under min_words; "Two words." divides by zero; only the last is measured
    assert [f.column for f in found] == [16]


def test_metric_textstat_score(tmp_path):
    pack = METRIC.format(formula="flesch_reading_ease", extra='condition: "< 30"\n    per: paragraph\n    message: "ease {value}"')
    hard = ("Notwithstanding considerable institutional complications, the intergovernmental organization "
            "anticipates comprehensive administrative reorganization.")
    easy = "The cat sat on the mat. It was a good day."
    found = findings(tmp_path, pack, f"{hard}\n\n{easy}")
    assert [f.line for f in found] == [1]
    assert found[0].message.startswith("ease -") or float(found[0].message.split()[1]) < 30


def test_metric_syllables(tmp_path):
    pack = METRIC.format(formula="polysyllables", extra='condition: ">= 2"\n    per: sentence')
    text = "An extraordinary administrative task. A cat sat."
    found = findings(tmp_path, pack, text)
    assert [f.column for f in found] == [1]


@pytest.mark.parametrize("formula", [
    "__import__('os').system('true')",
    "words.__class__",
    "open('x')",
    "[words]",
    "words if words else 1",
    "lambda: 1",
    "words ** 2",
    "unknown_var > 2",
    "'text' > 1",
    "1 < words < 3",
])
def test_metric_formula_is_not_python(tmp_path, formula):
    from pressqa.errors import PackError

    pack = METRIC.format(formula=formula.replace('"', '\\"'), extra='condition: "> 1"' if "<" not in formula and ">" not in formula else "")
    with pytest.raises(PackError) as info:
        findings(tmp_path, pack, "Text.")
    assert ": rules.m.formula: " in info.value.render()


# -- scope -----------------------------------------------------------------------------

SCOPED = """
rules:
  w:
    type: existence
    category: style
    ignorecase: false
    tokens: [Envoy, envoy]
    scope: {scope}
"""
SCOPE_TEXT = 'Minister Meets Envoy\n\nThe envoy said: "The envoy agrees." Another envoy left.'


@pytest.mark.parametrize("scope,columns", [
    ("all", [(1, 16), (3, 5), (3, 22), (3, 45)]),
    ("headline", [(1, 16)]),
    ("body", [(3, 5), (3, 22), (3, 45)]),
    ("quotations", [(3, 22)]),
    ("[headline, quotations]", [(1, 16), (3, 22)]),
    ("[body, outside-quotations]", [(3, 5), (3, 45)]),
    ("outside-quotations", [(1, 16), (3, 5), (3, 45)]),
])
def test_scope(tmp_path, scope, columns):
    found = findings(tmp_path, SCOPED.format(scope=scope), SCOPE_TEXT)
    assert [(f.line, f.column) for f in found] == columns


# -- blank lines -----------------------------------------------------------------------

BLANKS = """
rules:
  gaps:
    type: blank-lines
    category: style
    {extra}
"""


def test_blank_lines_reports_the_extra_lines_with_a_fix(tmp_path):
    text = "One.\n\n\n \t\nTwo.\n\nThree."
    (f,) = findings(tmp_path, BLANKS.format(extra=""), text)
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 1, 5, 1)
    assert f.message == "3 blank lines between paragraphs (at most 1)"
    edit = f.fix[0]
    assert text[:edit.start] + edit.replacement + text[edit.end:] == "One.\n\nTwo.\n\nThree."


def test_blank_lines_max_option_and_code_fences(tmp_path):
    text = "One.\n\n\nTwo.\n\n```\na\n\n\n\nb\n```\n"
    assert findings(tmp_path, BLANKS.format(extra="max: 2"), text) == []
    found = findings(tmp_path, BLANKS.format(extra=""), text)
    assert [f.line for f in found] == [3]
