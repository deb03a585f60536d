"""The name and title rules' message catalogues: what one pack template may use, one message reworded.

Their detectors live in modules of their own (``checks/names/*.py``, ``checks/titles/*.py``) and
say their messages through the check; tests/test_messages.py reads only the class's source, so
the detector modules are read here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pressqa.checks import load_type

CHECKS = Path(__file__).resolve().parents[1] / "src" / "pressqa" / "checks"

#: What one template may use for every message of the rule (the catalogue's common fields).
COMMON = {
    "names": {"seen", "other", "variant", "expected"},
    "country-forms": {"seen", "expected", "name"},
    "office-forms": {"seen", "other"},
    "title-case": {"seen"},
    "person-titles": {"name", "seen", "other", "lines"},
}


@pytest.mark.parametrize("type_name", sorted(COMMON))
def test_one_template_may_use_the_fields_every_message_fills(type_name):
    assert load_type(type_name).messages.common_fields == COMMON[type_name]


@pytest.mark.parametrize("folder, type_name", [("names", "names"), ("titles", None)])
def test_the_detectors_say_only_catalogued_messages(folder, type_name):
    for path in sorted((CHECKS / folder).glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\.message\(", source), f"{path.name}: say a catalogued message, not .message(...)"
        if type_name is None:  # one module per type: its own catalogue
            types = re.findall(r'^    type = "([a-z-]+)"$', source, re.M)
            if not types:
                continue
            type_of = types[0]
        else:
            type_of = type_name
        catalogue = load_type(type_of).messages
        for key in re.findall(r"\bsay\(\s*\"([a-z_]+)\"", source):
            assert key in catalogue, f"{path.name} says {key!r}, which the {type_of} catalogue lacks"


def _pack(tmp_path, rule: str, message: str) -> str:
    pack = tmp_path / "house.yaml"
    pack.write_text(f"pack: house\nextends: [press]\nrules:\n  {rule}:\n    message:\n{message}")
    return str(pack)


@pytest.mark.parametrize("rule, message, text, expected", [
    ("name-variant", "      two_spellings: \"{variant}: write '{expected}' (as on {lines})\"\n",
     "Secretary of State Anthony Blinken called. Mr. Blinken's office said Anthony Blinken would travel. "
     "On Tuesday, Secretary Antony Blinken met the minister.",
     ["Antony: write 'Anthony' (as on line 1)"]),
    ("country-form", "      two_forms: \"{seen} against {expected}\"\n",
     "The United States (USA) and Armenia met. The US delegation was led by the USA ambassador.",
     ["US against USA"]),
    ("title-case", "      lowercase_before_name: \"'{seen}': capitalize as '{other}'\"\n",
     "Secretary Blinken met French Foreign Minister Jean-Yves Le Drian and German foreign minister Annalena Baerbock.",
     ["'foreign minister': capitalize as 'Foreign Minister'"]),
])
def test_a_house_rewords_one_message_by_its_id(tmp_path, rule, message, text, expected):
    from conftest import run_rules

    found = run_rules(text, select=[rule], packs=[_pack(tmp_path, rule, message)])
    assert [f.message for f in found] == expected


def test_a_single_template_with_a_field_some_messages_lack_fails_at_its_line(tmp_path):
    """``{lines}`` is not filled by the names-list message: one template for the rule may not use it."""
    from conftest import settings_for
    from pressqa.errors import PressqaError

    pack = tmp_path / "house.yaml"
    pack.write_text("pack: house\nextends: [press]\nrules:\n  name-variant:\n    message: \"{seen} (see {lines})\"\n")
    with pytest.raises(PressqaError) as caught:
        settings_for(packs=[str(pack)])
    text = caught.value.render()
    assert "house.yaml:5" in text and "{lines}" in text, text
