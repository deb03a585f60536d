#!/usr/bin/env python3
"""Peak memory per MB of text, side by side: pressqa (installed as a wheel), proselint and Vale.

Builds a ~1 MB and a ~10 MB release file from the real releases in ``../shared/wild/state`` (joined
with blank lines, in file order; written once under ``$PRESSQA_BENCH_DIR``), checks each with every
tool in a fresh process, and prints the peak resident memory (the child's own VmHWM), its CPU time, and
the memory per MB of text two ways:

- **growth**: (peak on 10 MB - peak on 1 MB) / (9 MB), what each further MB of text costs; this is the
  figure issue 12's goal is about (pressqa <= 15 MB per MB of text; proselint ~5);
- **peak / size** on the 10 MB file, start-up memory included.

pressqa runs with LanguageTool off (proselint and Vale have no grammar server) and a warm cache.
Run by hand from the repository root (never from the test suite; the first run installs the tools,
see bench/benchenv.py)::

    .venv/bin/python bench/bench_memory.py                     # 1 MB and 10 MB, one run each
    .venv/bin/python bench/bench_memory.py --sizes 1,5,10 --runs 3 --wild ../shared/wild/state

Exit 0 always, unless ``--strict``: then 1 when the goal is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchenv  # noqa: E402
from benchenv import ROOT, VALE_CONFIG, measure  # noqa: E402

GOAL_MB_PER_MB = 15.0
MB = 1_000_000  # text sizes in decimal MB; memory in MiB (as ps and top show it)


def find_wild(arg: str | None) -> Path:
    candidates = [Path(arg)] if arg else [ROOT.parent / "shared" / "wild" / "state", Path("/work/shared/wild/state")]
    for path in candidates:
        if path.is_dir():
            return path
    sys.exit(f"no wild releases found (tried {', '.join(map(str, candidates))}); pass --wild FOLDER")


def build_text(wild: Path, size: int) -> Path:
    """A release file of about *size* bytes, whole releases joined by blank lines (written once)."""
    out = benchenv.bench_dir() / "memory" / f"wild-{size // 1000}k.txt"
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    sources = sorted(wild.glob("*.txt"))
    parts: list[str] = []
    total = 0
    while total < size:
        for path in sources:
            text = path.read_text(encoding="utf-8").strip()
            parts.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
    out.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10", help="text sizes in MB, comma-separated (default 1,10)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command; the lowest peak is kept")
    parser.add_argument("--wild", default=None, help="the folder of real releases (default ../shared/wild/state)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the goal is missed")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]

    inst = benchenv.ensure_all()
    env = benchenv.base_env()
    env["PRESSQA_LANGUAGETOOL_MODE"] = "off"
    wild = find_wild(args.wild)
    files = [build_text(wild, int(s * MB)) for s in sizes]

    tools: list[tuple[str, list[str]]] = [("pressqa", [str(inst.wheel_script), "check", "--isolated", "-q"])]
    if inst.proselint:
        tools.append(("proselint", [str(inst.proselint), "check"]))
    if inst.vale:
        tools.append(("vale", [str(inst.vale), "--config", str(VALE_CONFIG)]))
    measure(tools[0][1] + [str(files[0])], env)  # warms pressqa's cache

    print(f"texts from {wild}; LanguageTool off; peak RSS is the child's VmHWM")
    if not inst.vale:
        print(f"Vale: not measured: {inst.vale_why}")
    print(f"  {'tool':<10} {'text MB':>8} {'peak MB':>8} {'CPU s':>7} {'MB/MB':>6}")
    peaks: dict[str, list[tuple[float, float]]] = {}
    for name, argv in tools:
        for path in files:
            text_mb = path.stat().st_size / MB
            runs = [measure(argv + [path.name], env, path.parent, watch_memory=True) for _ in range(args.runs)]
            best = min(runs, key=lambda r: r.peak_mb)
            peaks.setdefault(name, []).append((text_mb, best.peak_mb))
            print(f"  {name:<10} {text_mb:8.2f} {best.peak_mb:8.1f} {best.cpu:7.2f} {best.peak_mb / text_mb:6.1f}",
                  flush=True)
    print()
    missed = False
    for name, points in peaks.items():
        if len(points) < 2:
            continue
        (small_mb, small_peak), (big_mb, big_peak) = points[0], points[-1]
        growth = (big_peak - small_peak) / (big_mb - small_mb)
        line = (f"{name:<10} grows {growth:5.1f} MB per MB of text "
                f"({small_mb:.1f} -> {big_mb:.1f} MB); peak / size at {big_mb:.1f} MB: {big_peak / big_mb:.1f}")
        if name == "pressqa":
            ok = growth <= GOAL_MB_PER_MB
            missed |= not ok
            line += f"   goal <= {GOAL_MB_PER_MB:.0f} MB/MB: {'met' if ok else 'MISSED'}"
        print(line)
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
