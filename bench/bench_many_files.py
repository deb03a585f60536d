"""Checking many files: serial (--jobs 1) against the process pool (--jobs N), by hand, printing figures.

    .venv/bin/python bench/bench_many_files.py [--files 200] [--repeat 3]

Writes N releases (the seed release, each a little different) to a temporary
folder, runs ``pressqa check --format json`` over the folder with each --jobs
value, prints the best wall-clock time of each and checks that the reports are
identical, byte for byte.  Also times one file, the pre-commit case, which must
not pay for a pool.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seed-release.txt"


def make_corpus(folder: Path, count: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    for i in range(count):
        # Vary every file a little, so no two are the same and some carry extra findings.
        extra = f"\n\nNote {i}: the partners met,again, in round {i}.Then they left.\n" if i % 3 == 0 else "\n"
        (folder / f"release-{i:04d}.txt").write_text(text + extra, encoding="utf-8")


def run(args: list[str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pressqa", *args], capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"pressqa failed ({proc.returncode}): {proc.stderr.decode()}")
    return elapsed, proc.stdout


def best(args: list[str], repeat: int) -> tuple[float, bytes]:
    times = []
    output = b""
    for _ in range(repeat):
        elapsed, output = run(args)
        times.append(elapsed)
    return min(times), output


def in_process(folder: Path, repeat: int) -> None:
    """check_many itself: how the automatic choice split the work, and the pool forced on for comparison."""
    from pressqa.run import runner as runner_module
    from pressqa.packs.config import ConfigResolver
    from pressqa.run.runner import Runner, RunStats, check_many, discover

    resolver = ConfigResolver(None, isolated=True)
    targets = [t for t in discover([str(folder)], resolver) if not isinstance(t, Exception)]
    saved = runner_module.POOL_WORTH_SECONDS
    for label, worth, jobs in (("serial", saved, 1), ("automatic", saved, 0), ("pool forced", 0.0, 0)):
        runner_module.POOL_WORTH_SECONDS = worth
        times = []
        stats = RunStats()
        for _ in range(repeat):
            stats = RunStats()
            start = time.perf_counter()
            check_many(Runner(resolver), targets, jobs=jobs, stats=stats)
            times.append(time.perf_counter() - start)
        print(f"in process, {label:<11}: {min(times):.3f} s  (serial {stats.serial}, pool {stats.parallel}, "
              f"workers {stats.workers})")
    runner_module.POOL_WORTH_SECONDS = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_corpus(folder, options.files)
        run(["check", "--isolated", "--jobs", "1", str(SEED)])  # warm the pack cache
        one, _ = best(["check", "--isolated", "--format", "json", str(SEED)], options.repeat)
        print(f"one file ({SEED.name}), default --jobs: {one * 1000:.0f} ms")
        serial, reference = best(["check", "--isolated", "--format", "json", "--jobs", "1", str(folder)], options.repeat)
        print(f"{options.files} files, --jobs 1: {serial:.2f} s ({serial / options.files * 1000:.1f} ms a file)")
        for jobs in sorted({2, cores or 1}):
            if jobs <= 1:
                continue
            elapsed, output = best(["check", "--isolated", "--format", "json", "--jobs", str(jobs), str(folder)],
                                   options.repeat)
            same = "identical" if output == reference else "DIFFERENT"
            print(f"{options.files} files, --jobs {jobs}: {elapsed:.2f} s, {serial / elapsed:.2f}x; report {same}")
        in_process(folder, options.repeat)
        print(f"cores available: {cores}")


if __name__ == "__main__":
    main()
