"""Typed check options: the JSON schema, required keys and defaults all come from one options record."""

from __future__ import annotations

from typing import Literal

import jsonschema
import pytest

from pressqa.checks import REGISTRY, Check, load_type
from pressqa.checks.options import OptionsRecord, build, derive, option, options


@options
class Sample:
    limit: int = option(3, "how many", minimum=1)
    words: list[str] = option([], "some words")
    ratio: float | None = option(None, "a share")
    style: Literal["a", "b"] = option("a", "one of two", required=True)
    name: str = option(description="required: no default")


def test_schema_required_and_defaults_come_from_the_record():
    properties, required, defaults = derive(Sample)
    assert properties["limit"] == {"type": "integer", "minimum": 1, "description": "how many"}
    assert properties["words"] == {"type": "array", "items": {"type": "string"}, "description": "some words"}
    assert properties["ratio"] == {"type": "number", "description": "a share"}
    assert properties["style"] == {"enum": ["a", "b"], "description": "one of two"}
    assert required == ("style", "name")
    assert defaults == {"limit": 3, "words": [], "ratio": None, "style": "a"}


def test_mutable_defaults_are_not_shared_between_instances():
    one, two = build(Sample, {"name": "x"}), build(Sample, {"name": "y"})
    assert one.words == [] and one.words is not two.words


def test_a_record_is_read_only_by_keyword_and_refuses_unknown_or_missing_options():
    record = build(Sample, {"name": "x", "limit": 5})
    assert (record.limit, record.name, record.style) == (5, "x", "a")
    with pytest.raises(AttributeError):
        record.limit = 6  # type: ignore[misc]
    with pytest.raises(TypeError, match="unknown options"):
        Sample(name="x", limt=5)
    with pytest.raises(TypeError, match="missing option 'name'"):
        Sample()
    assert record == build(Sample, {"name": "x", "limit": 5}) and record != build(Sample, {"name": "y"})
    assert "limit=5" in repr(record)


def test_a_record_extends_another_records_fields():
    @options
    class More(Sample):
        extra: bool = option(False, "one more")

    properties, required, defaults = derive(More)
    assert list(properties) == ["limit", "words", "ratio", "style", "name", "extra"]
    assert defaults["extra"] is False and required == ("style", "name")
    assert More(name="x").extra is False and issubclass(More, OptionsRecord)


def test_no_check_type_pays_for_a_dataclass_at_import():
    """@dataclass compiles methods at import: ~0.5 ms a class on every commit-hook run."""
    import dataclasses

    for name in REGISTRY:
        cls = load_type(name)
        assert cls.Options is None or not dataclasses.is_dataclass(cls.Options), name


def test_a_check_reads_its_options_typed():
    class Tiny(Check):
        type = "tiny"

        @options
        class Options:
            max: int = option(2, "the most")

    assert Tiny.options == {"max": {"type": "integer", "description": "the most"}}
    assert Tiny.defaults == {"max": 2} and Tiny.required == ()


#: Check types whose options are still declared by hand (schema, required, defaults): none may join.
HAND_WRITTEN: set[str] = set()


def test_new_check_types_declare_typed_options():
    by_hand = {name for name in REGISTRY if load_type(name).Options is None}
    assert by_hand <= HAND_WRITTEN, f"declare the options of {sorted(by_hand - HAND_WRITTEN)} as an @options record"


@pytest.mark.parametrize("type_name", sorted(set(REGISTRY) - HAND_WRITTEN))
def test_every_typed_check_has_defaults_its_schema_accepts(type_name):
    cls = load_type(type_name)
    assert cls.Options is not None
    schema = {"type": "object", "properties": cls.options, "additionalProperties": False}
    present = {k: v for k, v in cls.defaults.items() if v is not None}
    jsonschema.validate(present, schema)
    assert set(cls.options) >= set(cls.required) | set(cls.defaults)


def test_a_rule_whose_findings_carry_fixes_says_it_is_fixable():
    """``fixable`` (``pressqa rules --format json``) is true of every type whose examples come with a fix."""
    from conftest import run_rules, settings_for
    from pressqa.cli.rules import rule_fixable

    settings = settings_for(packs=["press", "ap", "plain-language"])
    for rule in settings.rules:
        for text in rule.examples.get("fail", []):
            findings = run_rules(text, select=[rule.id], packs=["press", "ap", "plain-language"])
            if any(f.fix for f in findings):
                assert rule_fixable(rule), f"{rule.id} ({rule.type}) fixes what it reports: set fixable = True"
