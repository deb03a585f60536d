"""The precision loop on real copy: pressqa's press-class findings on ../shared/wild/state, against judgements.

``../shared/wild/state`` holds 1,013 real, unedited U.S. State Department items (releases and
briefing transcripts).  Every finding of the four press classes that pressqa gives there has
been read in context and judged by a copy editor's standard; the verdicts live in
``tests/corpus/wild/judgements.jsonl`` (file, line, rule, category, verdict TP/FP, family, reason).

Run as a script to see where the checks stand and what is new::

    .venv/bin/python tests/wild.py            # per-rule precision, judged defects missed, unjudged findings
    .venv/bin/python tests/wild.py --unjudged # the unjudged findings as JSON lines, ready to judge
    .venv/bin/python tests/wild.py --write-precision   # rules/measured/precision.yaml from this run's judged findings
    .venv/bin/python tests/wild.py --ratchet  # mark the judged false alarms still reported as open, unmark the rest

A judged false alarm that is still reported is marked ``"open": true``: known, not yet mended.  The
test lets open ones be and fails on any other judged false alarm, so a mended class of mistake
cannot come back; ``--ratchet`` only ever closes what is no longer reported and opens what is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WILD = (ROOT.parent / "shared" / "wild").resolve()
CORPUS = WILD / "state"
JUDGEMENTS = ROOT / "tests" / "corpus" / "wild" / "judgements.jsonl"
PRESS = ("truncation", "name-consistency", "clause", "title-consistency")


def kinds() -> dict[str, str]:
    """File name -> ``release`` or ``transcript`` (from the corpus's sources.jsonl)."""
    out = {}
    for line in (WILD / "sources.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            out[record["file"]] = record["kind"]
    return out


def run_pressqa(exe: list[str] | None = None) -> list[dict]:
    """The four classes' findings on the whole corpus, as the wild README runs pressqa."""
    exe = exe or [sys.executable, "-m", "pressqa"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSQA_")}
    proc = subprocess.run(
        [*exe, "check", "--isolated", "--ignore", "languagetool", "--format", "json", "-q", str(CORPUS)],
        capture_output=True, text=True, env=env, timeout=600,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"pressqa failed on the wild corpus (exit {proc.returncode}): {proc.stderr.strip()}")
    out = []
    for entry in json.loads(proc.stdout)["files"]:
        name = Path(entry["path"]).name
        for f in entry["findings"]:
            if f["category"] in PRESS:
                out.append({"file": name, "line": f["line"], "column": f["column"], "rule": f["rule"],
                            "category": f["category"], "severity": f["severity"], "message": f["message"]})
    return out


def load_judgements() -> list[dict]:
    out = []
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


def key(record: dict) -> tuple[str, int, str]:
    return record["file"], record["line"], record["rule"]


def compare(findings: list[dict], judgements: list[dict]) -> dict:
    """What the run says against the verdicts.

    - ``false_alarms``: findings at a place judged a false alarm for that rule (``open`` ones too: see
      ``returned`` for those that had been mended);
    - ``unjudged``: findings nobody has judged;
    - ``missed``: judged true defects with no finding of their class on their line any more;
    - ``per_rule``: rule -> Counter of TP / FP / unjudged among this run's findings, by kind.
    """
    verdicts = {key(j): j for j in judgements}
    found_class = {(f["file"], f["line"], f["category"]) for f in findings}
    doc_kind = kinds()
    per_rule: dict[str, Counter] = {}
    per_class: dict[str, Counter] = {}
    false_alarms, unjudged = [], []
    for f in findings:
        judged = verdicts.get(key(f))
        tally = per_rule.setdefault(f["rule"], Counter())
        kind = doc_kind.get(f["file"], "release")
        if judged is None:
            unjudged.append(f)
            tally[f"{kind}:unjudged"] += 1
        elif judged["verdict"] == "FP":
            false_alarms.append({**f, "family": judged.get("family"), "reason": judged.get("reason")})
            tally[f"{kind}:FP"] += 1
        else:
            tally[f"{kind}:TP"] += 1
        if judged is not None:
            per_class.setdefault(f["category"], Counter())[f"{kind}:{judged['verdict']}"] += 1
    returned = [f for f in false_alarms if not verdicts[key(f)].get("open")]
    lost = [j for j in judgements
            if j["verdict"] == "TP" and (j["file"], j["line"], j["category"]) not in found_class]
    # A judged defect no longer found, recorded as such (``known_miss``, with why): reported, not hidden.
    missed = [j for j in lost if not j.get("known_miss")]
    known_misses = [j for j in lost if j.get("known_miss")]
    return {"false_alarms": false_alarms, "returned": returned, "unjudged": unjudged, "missed": missed,
            "known_misses": known_misses, "per_rule": per_rule,
            "per_class": per_class, "findings": findings}


def class_precision(result: dict, kind: str = "release") -> dict[str, tuple[int, int]]:
    """Class -> (TP, FP) among this run's judged findings on one kind of item."""
    out = {}
    for category in PRESS:
        tally = result["per_class"].get(category, Counter())
        out[category] = (tally[f"{kind}:TP"], tally[f"{kind}:FP"])
    return out


def precision_table(result: dict, kind: str = "release") -> list[tuple[str, int, int, int]]:
    """(rule, TP, FP, unjudged) for one kind of item, sorted by rule."""
    rows = []
    for rule, tally in sorted(result["per_rule"].items()):
        rows.append((rule, tally[f"{kind}:TP"], tally[f"{kind}:FP"], tally[f"{kind}:unjudged"]))
    return rows


PRECISION_FILE = ROOT / "rules" / "measured" / "precision.yaml"
PRECISION_HEADER = """\
# Measured precision of the press rules on real published copy, written by `python tests/wild.py --write-precision`
# (do not edit by hand: tests/test_wild.py fails when this file and a run disagree).  `defects`: findings judged real
# defects; `false_alarms`: findings judged false alarms.  `pressqa rules RULE` prints these figures.
"""
CORPUS_NOTE = ("Measured on 1,013 real, unedited U.S. State Department items of 2021-2022 (821 releases, "
               "192 briefing transcripts), every finding judged in context by a copy editor's standard.")


def precision_data(result: dict) -> dict:
    """rule -> kind -> {"defects": n, "false_alarms": n} among this run's judged findings."""
    rules: dict[str, dict[str, dict[str, int]]] = {}
    for rule, tally in sorted(result["per_rule"].items()):
        for kind in ("release", "transcript"):
            tp, fp = tally[f"{kind}:TP"], tally[f"{kind}:FP"]
            if tp or fp:
                rules.setdefault(rule, {})[kind] = {"defects": tp, "false_alarms": fp}
    return rules


def write_precision(result: dict, rule_ids: list[str]) -> None:
    """Write rules/measured/precision.yaml: every press rule, with zero counts where it reported nothing."""
    import yaml

    data = precision_data(result)
    for rule_id in rule_ids:
        data.setdefault(rule_id, {"release": {"defects": 0, "false_alarms": 0}})
    body = yaml.safe_dump({"corpus": CORPUS_NOTE, "rules": dict(sorted(data.items()))},
                          sort_keys=False, allow_unicode=True, width=110)
    PRECISION_FILE.write_text(PRECISION_HEADER + body, encoding="utf-8")


def press_rules() -> dict[str, str]:
    """The default packs' rules of the four press classes: id -> default level."""
    from pressqa.packs.config import ConfigResolver

    settings = ConfigResolver(None, isolated=True).for_path(None)
    return {rule.id: rule.level for rule in settings.rules if rule.category in PRESS}


def main(argv: list[str]) -> int:
    exe = [str(ROOT / ".venv" / "bin" / "pressqa")] if (ROOT / ".venv" / "bin" / "pressqa").exists() else None
    findings = run_pressqa(exe)
    result = compare(findings, load_judgements())
    if "--ratchet" in argv:
        still = {key(f) for f in result["false_alarms"]}
        records = load_judgements()
        for record in records:
            if record["verdict"] == "FP" and key(record) in still:
                record["open"] = True
            else:
                record.pop("open", None)
        JUDGEMENTS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        print(f"{sum(1 for r in records if r.get('open'))} judged false alarms still reported (open)")
        return 0
    if "--write-precision" in argv:
        write_precision(result, sorted(press_rules()))
        print(f"wrote {PRECISION_FILE}")
        return 0
    if "--unjudged" in argv:
        for f in result["unjudged"]:
            print(json.dumps(f, ensure_ascii=False))
        return 0
    for kind in ("release", "transcript"):
        print(f"{kind}s: rule, TP, FP, unjudged, precision")
        for rule, tp, fp, new in precision_table(result, kind):
            if tp + fp + new:
                judged = tp + fp
                p = f"{tp / judged:.2f}" if judged else "-"
                print(f"  {rule:34} {tp:4} {fp:4} {new:4}  {p}")
    print(f"judged true defects missed: {len(result['missed'])} (and {len(result['known_misses'])} recorded misses)")
    for j in result["known_misses"]:
        print(f"  recorded miss {j['file']}:{j['line']} {j['rule']}: {j.get('miss_note')}")
    for j in result["missed"]:
        print(f"  {j['file']}:{j['line']} {j['rule']} ({j.get('family')}): {j.get('reason')}")
    print(f"judged false alarms still reported: {len(result['false_alarms'])} "
          f"({len(result['returned'])} of them had been mended); unjudged findings: {len(result['unjudged'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
