"""LanguageTool's findings on real published copy stay as judged (see tests/wild_lt.py).

Runs pressqa with the real LanguageTool over the wild corpus's files where a judged false alarm was
mended, and fails when one of those comes back, when a judged real defect or style warning in them is
no longer found, or when a finding appears there that nobody has judged.  In CI a missing server or
corpus fails; elsewhere they skip.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import IN_CI

sys.path.insert(0, str(Path(__file__).parent))
import wild_lt  # noqa: E402


def _show(records: list[dict]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records[:40])


def test_mended_false_alarms_stay_mended(lt_server):
    if not wild_lt.CORPUS.is_dir():
        if IN_CI:
            pytest.fail(f"the wild corpus is missing at {wild_lt.CORPUS}: CI needs ../shared beside the project")
        pytest.skip(f"no wild corpus at {wild_lt.CORPUS}")
    judgements = wild_lt.load_judgements()
    files = sorted({j["file"] for j in judgements if j.get("mended")})
    assert files, "no mended false alarm is recorded: run tests/wild_lt.py --mark-mended"
    report = wild_lt.run_pressqa(lt_server, [wild_lt.CORPUS / name for name in files])
    chosen = [j for j in judgements if j["file"] in files]
    result = wild_lt.compare(wild_lt.findings(report), chosen)
    assert not result["returned"], "judged false alarms, once mended, are reported again:\n" + _show(result["returned"])
    lost = result["missed"] + result["lost_style"]
    assert not lost, "judged defects or style warnings no longer found:\n" + _show(lost)
    assert not result["unjudged"], ("findings nobody has judged (judge them in lt-judgements.jsonl):\n"
                                    + _show(result["unjudged"]))
