"""Scoring a held-out corpus the way eval-dev/score.py does (slack 0), shared by the held-out tests.

A corpus folder holds ``clean/`` and ``defective/`` copies of its releases,
``labels.jsonl`` and ``negatives.jsonl`` in eval-dev's formats.  Each test module
states its own floors; this module measures, checks the corpus is well formed and
says which floors a measurement falls below.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from conftest import settings_for

CLASS_OF = {"truncation": "T", "name-consistency": "N", "clause": "C", "title-consistency": "I"}
CLASSES = ("T", "N", "C", "I")
ABSOLUTE_FLOOR = 0.6


def load_jsonl(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _distance(label: dict, cls: str, line: int) -> int | None:
    """0 when the finding is on the label's line (or one of its alt_lines) with its class, else None."""
    if cls != label["class"] and cls not in label.get("alt_classes", []):
        return None
    if line in [label["line"]] + label.get("alt_lines", []):
        return 0
    return None


def score(files: list[str], findings: dict[str, list[tuple[str, int]]], labels: list[dict]):
    """Per-class TP/FP/FN, and the false positives and negatives, by score.py's rules (slack 0).

    Required labels are matched first, one finding each; a finding left over that
    falls on an optional label is neither right nor wrong.
    """
    stats = {c: {"TP": 0, "FP": 0, "FN": 0} for c in CLASSES}
    fps: list[tuple[str, int, str]] = []
    fns: list[tuple[str, int, str, str]] = []
    by_file: dict[str, list[dict]] = {}
    for label in labels:
        by_file.setdefault(label["file"], []).append(label)
    for rel in files:
        labs = by_file.get(rel, [])
        finds = findings.get(rel, [])
        matched = [False] * len(labs)
        candidates = []
        for fi, (cls, line) in enumerate(finds):
            for li, lab in enumerate(labs):
                if lab.get("optional"):
                    continue
                d = _distance(lab, cls, line)
                if d is not None:
                    candidates.append((d, fi, li))
        candidates.sort()
        used: set[int] = set()
        for _d, fi, li in candidates:
            if fi in used or matched[li]:
                continue
            used.add(fi)
            matched[li] = True
            stats[labs[li]["class"]]["TP"] += 1
        for fi, (cls, line) in enumerate(finds):
            if fi in used:
                continue
            if any(lab.get("optional") and _distance(lab, cls, line) is not None for lab in labs):
                continue
            stats[cls]["FP"] += 1
            fps.append((rel, line, cls))
        for li, lab in enumerate(labs):
            if not lab.get("optional") and not matched[li]:
                stats[lab["class"]]["FN"] += 1
                fns.append((rel, lab["line"], lab["class"], lab.get("note", "")))
    return stats, fps, fns


def figures(stats: dict, cls: str) -> dict[str, float]:
    s = stats[cls]
    return {"P": ratio(s["TP"], s["TP"] + s["FP"]), "R": ratio(s["TP"], s["TP"] + s["FN"])}


class Corpus:
    """One held-out corpus folder: its files, its measurement (once per run) and its checks."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self) -> list[str]:
        files = []
        for sub in ("clean", "defective"):
            for path in sorted((self.root / sub).iterdir()):
                if path.suffix == ".txt":
                    files.append(f"{sub}/{path.name}")
        return files

    def labels(self) -> list[dict]:
        return load_jsonl(self.root / "labels.jsonl")

    @functools.lru_cache(maxsize=1)
    def measured(self) -> tuple[dict, list, list]:
        """Score every corpus file with the default rules: (stats, false positives, false negatives)."""
        from pressqa.model.document import Document
        from pressqa.run.engine import Engine

        files = self.files()
        engine = Engine(settings_for())
        findings: dict[str, list[tuple[str, int]]] = {}
        for rel in files:
            result = engine.check(Document.from_bytes((self.root / rel).read_bytes(), path=rel))
            assert result.error is None, f"{rel}: {result.error}"
            seen: list[tuple[str, int]] = []
            for finding in result.findings:
                cls = CLASS_OF.get(finding.category)
                if cls is not None and (cls, finding.line) not in seen:
                    seen.append((cls, finding.line))
            findings[rel] = seen
        return score(files, findings, self.labels())

    def well_formed_problems(self, count: int = 36) -> list[str]:
        """Every label and negative points at a non-blank line; a defective copy with no injected
        defect equals its clean copy; a natural defect is labelled in both copies; no trap sits on a label."""
        problems: list[str] = []
        files = set(self.files())
        if len(files) != count:
            problems.append(f"{len(files)} files, expected {count}")
        labels = self.labels()
        negatives = load_jsonl(self.root / "negatives.jsonl")
        for entry in labels + negatives:
            if entry["file"] not in files or entry["class"] not in CLASSES:
                problems.append(f"unknown file or class: {entry}")
                continue
            lines = (self.root / entry["file"]).read_text(encoding="utf-8").split("\n")
            for line in [entry["line"]] + entry.get("alt_lines", []):
                if not lines[line - 1].strip():
                    problems.append(f"points at a blank line: {entry}")
        labelled = {(entry["file"], entry["line"], entry["class"]) for entry in labels}
        injected = {entry["file"] for entry in labels if entry.get("origin") == "injected"}
        for rel in sorted(files):
            if rel.startswith("defective/") and rel not in injected:
                clean = self.root / rel.replace("defective/", "clean/", 1)
                if (self.root / rel).read_bytes() != clean.read_bytes():
                    problems.append(f"{rel} has no injected defect but differs from its clean copy")
        for entry in labels:
            if entry.get("origin") == "natural":
                sub, name = entry["file"].split("/", 1)
                other = ("defective/" if sub == "clean" else "clean/") + name
                if (other, entry["line"], entry["class"]) not in labelled:
                    problems.append(f"natural defect labelled in one copy only: {entry}")
        for entry in negatives:
            if (entry["file"], entry["line"], entry["class"]) in labelled:
                problems.append(f"trap on a label: {entry}")
        return problems

    def floor_failures(self, floors: dict, below_absolute: set[tuple[str, str]] = frozenset()) -> list[str]:
        """Figures below their floor (raised to the absolute floor unless listed as a shortfall)."""
        stats, _fps, _fns = self.measured()
        failures = []
        for c in CLASSES:
            measured = figures(stats, c)
            for key in ("P", "R"):
                floor = floors[c][key]
                if (c, key) not in below_absolute:
                    floor = max(floor, ABSOLUTE_FLOOR)
                # A hair of slack for float division (7/10 is not exactly 0.70).
                if measured[key] + 1e-9 < floor:
                    failures.append(f"{c} {key} {measured[key]:.2f} is below its floor {floor:.2f}")
        return failures

    def shortfalls(self) -> set[tuple[str, str]]:
        stats, _fps, _fns = self.measured()
        return {(c, key) for c in CLASSES for key, value in figures(stats, c).items() if value + 1e-9 < ABSOLUTE_FLOOR}

    def report(self, floors: dict) -> str:
        stats, fps, fns = self.measured()
        rows = [f"{'class':<6}{'TP':>4}{'FP':>4}{'FN':>4}{'P':>7}{'R':>7}   floor P / R"]
        for c in CLASSES:
            s = stats[c]
            fig = figures(stats, c)
            rows.append(f"{c:<6}{s['TP']:>4}{s['FP']:>4}{s['FN']:>4}{fig['P']:>7.2f}{fig['R']:>7.2f}"
                        f"   {floors[c]['P']:.2f} / {floors[c]['R']:.2f}")
        rows.extend(f"FP {rel}:{line} {cls}" for rel, line, cls in fps)
        rows.extend(f"FN {rel}:{line} {cls} {note}" for rel, line, cls, note in fns)
        return "\n".join(rows)
