"""The precision loop for LanguageTool's findings on real copy (../shared/wild/state), against judgements.

``tests/wild.py`` judges the four press classes with LanguageTool off.  This tool is its twin for the
grammar, spelling, punctuation and style findings that LanguageTool gives (``languagetool/RULE_ID``):
each was read in context by a copy editor's standard and judged in ``tests/corpus/wild/lt-judgements.jsonl``
(file, line, column, rule, the flagged text, verdict, reason), one of

* ``true``  -- a real defect: a copy editor would change the text;
* ``style`` -- a matter of house style: a fair warning, the text may stand (British spellings in a joint
  statement, ``live streamed``, accents a house drops);
* ``false`` -- a false alarm: the text is right (a name split at its apostrophe, ``fora``, a French greeting).

A judged false alarm that pressqa no longer reports is marked ``"mended": true`` (``tests/test_wild_lt.py``
holds it so).  A judged defect or style warning no longer reported in a paragraph that is not ``body`` is
marked ``"unchecked": KIND`` and counted apart: the rule does not read that kind, or (a transcript's turns,
kind ``speech``) reads it only for the transcriber's writing (option ``speech_categories``), so the
speakers' grammar is left alone by design.
It needs a running LanguageTool server::

    .venv/bin/python tests/wild_lt.py                      # pressqa with LanguageTool at 127.0.0.1:8081
    .venv/bin/python tests/wild_lt.py --url http://host:port
    .venv/bin/python tests/wild_lt.py --report run.json    # judge an existing `pressqa check --format json` report
    .venv/bin/python tests/wild_lt.py --unjudged           # the findings nobody has judged, as JSON lines
    .venv/bin/python tests/wild_lt.py --mark-mended        # set "mended" on the judged false alarms no longer reported

Precision is given two ways: ``true/judged`` (real defects) and ``(true+style)/judged`` (worth an editor's look).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (ROOT.parent / "shared" / "wild" / "state").resolve()
JUDGEMENTS = ROOT / "tests" / "corpus" / "wild" / "lt-judgements.jsonl"
VERDICTS = ("true", "style", "false")
DEFAULT_URL = "http://127.0.0.1:8081"


def config_text(url: str) -> str:
    return f'[languagetool]\nurl = "{url}"\nmode = "auto"\nrequired = true\n'


def run_pressqa(url: str, paths: list[Path] | None = None) -> dict:
    """pressqa's JSON report on *paths* (default: the whole corpus) with LanguageTool at *url*, required."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "pressqa.toml"
        config.write_text(config_text(url), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSQA_LANGUAGETOOL")}
        proc = subprocess.run(
            [sys.executable, "-m", "pressqa", "check", "--config", str(config), "--format", "json", "-q",
             *[str(p) for p in (paths or [CORPUS])]],
            capture_output=True, text=True, env=env, timeout=1200,
        )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"pressqa failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def findings(report: dict) -> list[dict]:
    """The LanguageTool findings of a report, with the text each flags."""
    out = []
    for entry in report["files"]:
        path = Path(entry["path"])
        text = None
        for f in entry["findings"]:
            if not f["rule"].startswith("languagetool/"):
                continue
            if text is None:
                text = path.read_text(encoding="utf-8")
            out.append({"file": path.name, "line": f["line"], "column": f["column"], "rule": f["rule"],
                        "text": text[f["offset"]:f["end_offset"]], "category": f["category"],
                        "severity": f["severity"]})
    return out


def key(record: dict) -> tuple[str, int, int, str]:
    return record["file"], record["line"], record["column"], record["rule"]


def load_judgements(path: Path = JUDGEMENTS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def compare(found: list[dict], judgements: list[dict]) -> dict:
    """Per rule: findings and their verdicts; the unjudged findings; the judged ones no longer reported
    (``missed`` true defects, ``mended`` false alarms); the mended ones that came back (``returned``)."""
    judged = {key(j): j for j in judgements}
    seen = {key(f) for f in found}
    rules: dict[str, Counter] = defaultdict(Counter)
    levels: dict[str, Counter] = defaultdict(Counter)
    unjudged = []
    returned = []
    for f in found:
        j = judged.get(key(f))
        rule = f["rule"].split("/", 1)[1]
        rules[rule]["found"] += 1
        if j is None:
            unjudged.append(f)
            rules[rule]["unjudged"] += 1
            continue
        rules[rule][j["verdict"]] += 1
        levels[f.get("severity", "?")][j["verdict"]] += 1
        if j.get("mended"):
            returned.append(j)
    gone = [j for j in judgements if key(j) not in seen and not j.get("unchecked")]
    return {
        "rules": rules,
        "levels": levels,
        "unjudged": unjudged,
        "returned": returned,
        "missed": [j for j in gone if j["verdict"] == "true"],
        "lost_style": [j for j in gone if j["verdict"] == "style"],
        "mended": [j for j in gone if j["verdict"] == "false"],
        "unchecked": [j for j in judgements if key(j) not in seen and j.get("unchecked")],
    }


def precision(counts: Counter) -> tuple[float | None, float | None]:
    judged = sum(counts[v] for v in VERDICTS)
    if not judged:
        return None, None
    return counts["true"] / judged, (counts["true"] + counts["style"]) / judged


def table(result: dict) -> str:
    def fmt(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.2f}"

    lines = [f"{'rule':52} {'found':>5} {'true':>5} {'style':>5} {'false':>5} {'unj':>4}  P(true) P(+style)"]
    total: Counter = Counter()
    for rule, counts in sorted(result["rules"].items(), key=lambda kv: (-kv[1]["found"], kv[0])):
        total.update(counts)
        strict, loose = precision(counts)
        lines.append(f"{rule:52} {counts['found']:5} {counts['true']:5} {counts['style']:5} {counts['false']:5} "
                     f"{counts['unjudged']:4}  {fmt(strict):>7} {fmt(loose):>9}")
    strict, loose = precision(total)
    lines.append(f"{'all':52} {total['found']:5} {total['true']:5} {total['style']:5} {total['false']:5} "
                 f"{total['unjudged']:4}  {fmt(strict):>7} {fmt(loose):>9}")
    for level, counts in sorted(result["levels"].items()):
        strict, loose = precision(counts)
        lines.append(f"  at level {level}: true {counts['true']}, style {counts['style']}, false {counts['false']}; "
                     f"P(true) {fmt(strict)}, P(+style) {fmt(loose)}")
    lines.append(f"judged true defects no longer found: {len(result['missed'])}; style warnings no longer given: "
                 f"{len(result['lost_style'])}; false alarms mended: {len(result['mended'])}; "
                 f"mended ones back: {len(result['returned'])}; in paragraphs no longer checked: "
                 f"{len(result['unchecked'])}")
    for j in result["missed"]:
        lines.append(f"  missed {j['file']}:{j['line']} {j['rule']} {j['text']!r}: {j['reason']}")
    return "\n".join(lines)


def paragraph_kind(file: str, line: int) -> str:
    """The kind pressqa gives the paragraph of *line* in the corpus file *file* (``body``, ``speech``...)."""
    from pressqa.model.document import Document

    doc = Document((CORPUS / file).read_text(encoding="utf-8"), file)
    for para in doc.paragraphs:
        first = doc.text.count("\n", 0, para.start) + 1
        last = doc.text.count("\n", 0, para.end) + 1
        if first <= line <= last:
            return para.kind
    return "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL, help="LanguageTool server")
    parser.add_argument("--report", type=Path, help="an existing `pressqa check --format json` report of the corpus")
    parser.add_argument("--unjudged", action="store_true", help="print the unjudged findings as JSON lines")
    parser.add_argument("--mark-mended", action="store_true",
                        help="set 'mended' on judged false alarms no longer reported, unset it on those reported")
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text(encoding="utf-8")) if args.report else run_pressqa(args.url)
    found = findings(report)
    judgements = load_judgements()
    result = compare(found, judgements)
    if args.unjudged:
        for f in result["unjudged"]:
            print(json.dumps(f, ensure_ascii=False))
        return 0
    if args.mark_mended:
        sys.path.insert(0, str(ROOT / "src"))
        seen = {key(f) for f in found}
        with JUDGEMENTS.open("w", encoding="utf-8") as out:
            for j in judgements:
                j.pop("mended", None)
                j.pop("unchecked", None)
                kind = paragraph_kind(j["file"], j["line"]) if key(j) not in seen else "body"
                if kind != "body" and not (kind == "speech" and j["verdict"] == "false"):
                    j["unchecked"] = kind
                elif j["verdict"] == "false" and key(j) not in seen:
                    j["mended"] = True
                out.write(json.dumps(j, ensure_ascii=False) + "\n")
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
