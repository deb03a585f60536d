"""The knowledge behind the title checks: formal country names from pycountry, loaded only when needed."""

from __future__ import annotations

import subprocess
import sys

from pressqa.analysis.titles import FORMAL_HEADS, formal_name_parts, garbled_country_names


def test_formal_heads_cover_every_formal_name():
    """The cheap hint that loads pycountry knows the last word of every formal form (Republic, Kingdom)."""
    forms = {form.split()[-1] for form, _name, _formal in formal_name_parts()}
    assert forms <= set(FORMAL_HEADS), sorted(forms - set(FORMAL_HEADS))


def test_formal_names_are_iso_official_names():
    formal = {f"{form} {name}": full for form, name, full in formal_name_parts()}
    assert formal["Republic Türkiye"] == "Republic of Türkiye"
    assert formal["Republic Korea"] == "Republic of Korea"
    assert formal["Democratic Republic Congo"] == "Democratic Republic of the Congo"


def test_correct_names_are_not_garbled():
    text = "The Republic of Türkiye, the Czech Republic, the Kyrgyz Republic and the State Department met."
    assert garbled_country_names(text, [(0, len(text))]) == []


def test_a_release_without_a_formal_name_does_not_load_pycountry():
    code = (
        "import sys\n"
        "from pressqa.model.document import Document\n"
        "from pressqa.analysis.titles import garbled_country_names\n"
        "t = 'The State Department and the Republic of Korea met the United States Secretary of State.'\n"
        "assert garbled_country_names(t, [(0, len(t))]) == []\n"
        "print('pycountry' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_titles_are_found_the_same_block_by_block_as_in_the_whole_text(monkeypatch):
    """find_all lowercases the text a block of paragraphs at a time (not a copy of the whole
    text, ~2 MB per MB at the peak): titles found are the same wherever the blocks end."""
    from pressqa.analysis.titles import data as titles_data
    from pressqa.packs.config import build_settings
    from pressqa.run.engine import Engine

    engine = Engine(build_settings({}, None), select=["title-case"])
    [rule] = engine.active_rules()
    data = engine.instance(rule).data
    paragraphs = [
        "Secretary of State Antony Blinken met Prime Minister Kishida.",
        "The foreign minister and Deputy Foreign Minister Ryabkov spoke; Detective Sergeant Maria Santos.",
        "İstanbul's Governor Davut Gül and under President Bush, the vice president.",
        "No title here at all.",
    ]
    text = ""
    ranges = []
    for i in range(400):
        para = paragraphs[i % len(paragraphs)]
        ranges.append((len(text), len(text) + len(para)))
        text += para + "\n\n"
    whole = data.find_all(text, ranges)
    assert len(whole) >= 600
    assert {text[a:b] for a, b in whole} >= {"Secretary of State", "Prime Minister", "Deputy Foreign Minister",
                                              "Detective Sergeant", "President", "foreign minister"}
    for block in (1, 100, 997, 5000):
        monkeypatch.setattr(titles_data, "_BLOCK", block)
        assert data.find_all(text, ranges) == whole
