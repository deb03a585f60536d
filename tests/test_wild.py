"""The four press classes on real published copy stay as judged (see tests/wild.py).

Fails when a finding judged a false alarm comes back, when a finding of the four classes
appears that nobody has judged, or when a judged true defect is no longer found; and holds
the releases' precision per class at 0.9 or more.  The corpus is ../shared/wild (beside the
project, as in CI); in CI its absence is a failure, elsewhere a skip.
"""

from __future__ import annotations

import functools
import json
import sys

import pytest

from conftest import IN_CI

sys.path.insert(0, __import__("os").path.dirname(__file__))
import wild  # noqa: E402

PRECISION_FLOOR = 0.9


@functools.lru_cache(maxsize=1)
def _result() -> dict:
    return wild.compare(wild.run_pressqa(), wild.load_judgements())


@pytest.fixture(scope="module")
def result():
    if not wild.CORPUS.is_dir():
        if IN_CI:
            pytest.fail(f"the wild corpus is missing at {wild.CORPUS}: CI needs ../shared beside the project")
        pytest.skip(f"no wild corpus at {wild.CORPUS}")
    return _result()


def _show(records: list[dict]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records[:40]) + (
        f"\n... and {len(records) - 40} more" if len(records) > 40 else "")


def test_judgements_are_well_formed():
    seen = set()
    for record in wild.load_judgements():
        assert record["verdict"] in ("TP", "FP"), record
        assert record["category"] in wild.PRESS, record
        assert record.get("reason"), f"a judgement needs its reason: {record}"
        key = wild.key(record)
        assert key not in seen, f"judged twice: {key}"
        seen.add(key)


def test_no_mended_false_alarm_comes_back(result):
    back = result["returned"]
    assert not back, "findings judged false alarms on real copy, once mended, are reported again:\n" + _show(back)


def test_no_unjudged_finding(result):
    assert not result["unjudged"], (
        "new findings of the four press classes on the wild corpus: judge each in context and add it to "
        "tests/corpus/wild/judgements.jsonl (python tests/wild.py --unjudged lists them):\n" + _show(result["unjudged"]))


def test_recorded_misses_stay_few(result):
    """A judged defect may be recorded as no longer found only with its reason; they must stay rare."""
    for j in result["known_misses"]:
        assert j.get("miss_note"), f"a recorded miss needs its note: {j}"
    assert len(result["known_misses"]) <= 2, _show(result["known_misses"])


def test_judged_defects_still_found(result):
    assert not result["missed"], "real defects judged in the wild corpus are no longer found:\n" + _show(result["missed"])


def test_release_precision_per_class(result):
    tally = wild.class_precision(result, "release")
    low = {c: counts for c, counts in tally.items() if sum(counts) and counts[0] / sum(counts) < PRECISION_FLOOR}
    assert not low, f"release precision below {PRECISION_FLOOR} (class: TP, FP): {low}"


def test_measured_precision_file_matches_this_run(result):
    import yaml

    shipped = yaml.safe_load(wild.PRECISION_FILE.read_text(encoding="utf-8"))["rules"]
    measured = wild.precision_data(result)
    for rule_id, kinds in shipped.items():
        kinds = {k: v for k, v in kinds.items() if v["defects"] or v["false_alarms"]}
        assert kinds == measured.get(rule_id, {}), (
            f"rules/measured/precision.yaml is stale for {rule_id}: run python tests/wild.py --write-precision")
    assert set(measured) <= set(shipped), "rules/measured/precision.yaml lacks rules: run python tests/wild.py --write-precision"


def test_error_level_only_where_measured_right_19_times_in_20(result):
    """A finding's severity is a promise: a rule is an error by default only where real copy bears it out."""
    from pressqa.packs.precision import ERROR_PRECISION

    measured = wild.precision_data(result)
    for rule_id, level in wild.press_rules().items():
        if level != "error":
            continue
        true = sum(v["defects"] for v in measured.get(rule_id, {}).values())
        false = sum(v["false_alarms"] for v in measured.get(rule_id, {}).values())
        if true + false:
            assert true / (true + false) >= ERROR_PRECISION, (
                f"{rule_id} is an error by default but was right {true} times in {true + false} on real copy")


def test_every_press_rule_documents_its_measured_precision():
    from pressqa.packs.precision import describe

    for rule_id in wild.press_rules():
        assert describe(rule_id), f"rules/measured/precision.yaml has no figures for {rule_id}"
