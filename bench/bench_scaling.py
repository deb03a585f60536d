"""Time per MB of text, from 100 KB to 5 MB, on normal copy and on pathological repetitions.

Every rule, the segmenter and the fixer should be linear (or n log n) in the input: the
figure per MB should stay flat as the input grows.  Run by hand (machines here are shared
and noisy, so no test asserts these times):

    .venv/bin/python bench/bench_scaling.py            # --max-mb 5
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

INPUTS = {
    "release copy": None,  # the samples, repeated
    "'!' run": "!",
    "'a,' run": "a,",
    "',' run": ",",
    "quote marks": '"',
    "one title repeated": "Foreign Minister Ararat Mirzoyan met the delegation. ",
    "fixable commas": "Armenia,and Georgia. ",
}


def text_of(kind: str, size: int) -> str:
    unit = INPUTS[kind]
    if unit is None:
        unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt")))
    return (unit * (size // len(unit) + 1))[:size]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-mb", type=float, default=5.0)
    args = parser.parse_args()
    from conftest import settings_for
    from pressqa.model.document import Document
    from pressqa.run.engine import Engine
    from pressqa.run.fixer import apply_fixes

    engine = Engine(settings_for(extra={"languagetool": {"mode": "off"}}))
    sizes = [s for s in (100_000, 500_000, 1_000_000, 2_000_000, 5_000_000) if s <= args.max_mb * 1_000_000]
    print(f"{'input':22}" + "".join(f"{s // 1000:>10} KB" for s in sizes) + "   (seconds per MB)")
    for kind in INPUTS:
        row = []
        for size in sizes:
            text = text_of(kind, size)
            started = time.perf_counter()
            result = engine.check(Document(text))
            if kind == "fixable commas":
                apply_fixes(text, result.findings)
            row.append((time.perf_counter() - started) / (size / 1_000_000))
        print(f"{kind:22}" + "".join(f"{v:13.2f}" for v in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
