#!/usr/bin/env python3
"""Cold start, side by side: pressqa (installed as a wheel), proselint and Vale, one fresh process each.

What a commit hook pays per run is a cold process: interpreter start, imports, configuration and rule
loading, one small document.  This script measures the CPU (user + system of the child, from
``os.wait4``) and wall time of fresh processes, interleaved so that a noisy machine hurts every tool
alike, and prints the medians against issue 12's goals:

- ``pressqa check`` of one release costs at most 0.6x proselint's CPU (pressqa installed from its wheel
  with bytecode compiled at install, as ``pip install`` does; LanguageTool off, since proselint and Vale
  have no grammar server; a warm pressqa cache, as on every run after the first);
- ``pressqa --version`` costs at most 2.5x the bare interpreter (``python -c pass`` with the same
  interpreter and the same flags as the console script: none, site on).

It also shows pressqa without bytecode (the wheel's modules compiled again on every run, which is what
an editable install costs where ``PYTHONDONTWRITEBYTECODE`` is set and setup.sh's ``compileall`` was not
run) and the checkout's own editable ``.venv`` (with whatever bytecode setup.sh compiled).

Run by hand from the repository root (never from the test suite; the first run installs into
``$PRESSQA_BENCH_DIR``, default ``~/.cache/pressqa-bench``: a venv with the wheel, one with proselint
0.16.0, and Vale built with ``go install``; see bench/benchenv.py)::

    .venv/bin/python bench/bench_coldstart.py                 # 30 runs of each command
    .venv/bin/python bench/bench_coldstart.py --runs 60 --sample samples/product-launch.md

Exit 0 always, unless ``--strict``: then 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchenv  # noqa: E402
from benchenv import ROOT, VALE_CONFIG, measure, median  # noqa: E402

GOAL_CHECK_VS_PROSELINT = 0.6
GOAL_VERSION_VS_PYTHON = 2.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command (default 30), after 2 warm-ups")
    parser.add_argument("--sample", default="samples/gov-readout.txt",
                        help="a second release to check, beside samples/seed-release.txt")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args()

    inst = benchenv.ensure_all()
    env = benchenv.base_env()
    env["PRESSQA_LANGUAGETOOL_MODE"] = "off"
    nopyc_env = dict(env, PYTHONPATH=str(inst.nopyc_site), PYTHONDONTWRITEBYTECODE="1")
    py = str(inst.wheel_python)
    pq = str(inst.wheel_script)

    # The releases are copied into an empty folder: no pressqa.toml, .proselintrc or .vale.ini is found there.
    work = Path(tempfile.mkdtemp(prefix="pressqa-coldstart-"))
    files = []
    for name in ("samples/seed-release.txt", args.sample):
        src = ROOT / name
        shutil.copy(src, work / src.name)
        files.append(src.name)

    commands: list[tuple[str, list[str], dict[str, str]]] = [
        ("python -c pass", [py, "-c", "pass"], env),
        ("python -I -S -c pass", [py, "-I", "-S", "-c", "pass"], env),
        ("pressqa --version", [pq, "--version"], env),
        ("pressqa --version, no bytecode", [pq, "--version"], nopyc_env),
    ]
    if inst.editable_script:
        commands.append(("pressqa --version, editable .venv", [str(inst.editable_script), "--version"], env))
    if inst.proselint:
        commands.append(("proselint version", [str(inst.proselint), "version"], env))
    if inst.vale:
        commands.append(("vale --version", [str(inst.vale), "--version"], env))
    for name in files:
        commands.append((f"pressqa check {name}", [pq, "check", name], env))
        commands.append((f"pressqa check {name}, no bytecode", [pq, "check", name], nopyc_env))
        if inst.editable_script:
            commands.append((f"pressqa check {name}, editable .venv", [str(inst.editable_script), "check", name], env))
        if inst.proselint:
            commands.append((f"proselint check {name}", [str(inst.proselint), "check", name], env))
        if inst.vale:
            commands.append((f"vale {name}", [str(inst.vale), "--config", str(VALE_CONFIG), name], env))

    version = subprocess.run([pq, "--version"], capture_output=True, text=True, env=env).stdout.strip()
    pyver = subprocess.run([py, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True).stdout.strip()
    print(f"{version} (wheel), Python {pyver}, {os.cpu_count()} CPUs, {args.runs} runs each, interleaved")
    print(f"PYTHONDONTWRITEBYTECODE={'1' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'unset'} in the caller; "
          "LanguageTool off; pressqa cache warm")
    if inst.editable_script:
        stale, total = benchenv.stale_bytecode(ROOT / "src" / "pressqa")
        print(f"editable .venv: {total - stale} of {total} modules have up-to-date bytecode "
              f"({'bash scripts/setup.sh compiles it' if stale else 'compiled by setup.sh'})")
    if not inst.vale:
        print(f"Vale: not measured: {inst.vale_why}")
    print()

    cpu: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    wall: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    for label, argv, run_env in commands:  # warm the OS caches and pressqa's cache
        for _ in range(2):
            measure(argv, run_env, work)
    for _ in range(args.runs):
        for label, argv, run_env in commands:
            run = measure(argv, run_env, work)
            cpu[label].append(run.cpu)
            wall[label].append(run.wall)

    print(f"  {'command':<52} {'CPU ms':>8} {'wall ms':>8}   (medians)")
    for label, _, _ in commands:
        print(f"  {label:<52} {median(cpu[label]) * 1000:8.1f} {median(wall[label]) * 1000:8.1f}")
    print()

    missed = False
    bare = median(cpu["python -c pass"])
    ratio = median(cpu["pressqa --version"]) / bare
    ok = ratio <= GOAL_VERSION_VS_PYTHON
    missed |= not ok
    print(f"goal: pressqa --version <= {GOAL_VERSION_VS_PYTHON}x python -c pass (CPU): "
          f"{ratio:.2f}x  {'met' if ok else 'MISSED'}")
    if inst.proselint:
        for name in files:
            ratio = median(cpu[f"pressqa check {name}"]) / median(cpu[f"proselint check {name}"])
            ok = ratio <= GOAL_CHECK_VS_PROSELINT
            missed |= not ok
            extra = ""
            if inst.vale:
                extra = f"; {median(cpu[f'pressqa check {name}']) / median(cpu[f'vale {name}']):.2f}x Vale's"
            print(f"goal: pressqa check {name} <= {GOAL_CHECK_VS_PROSELINT}x proselint's CPU: "
                  f"{ratio:.2f}x  {'met' if ok else 'MISSED'}{extra}")
            nopyc = median(cpu[f"pressqa check {name}, no bytecode"]) / median(cpu[f"pressqa check {name}"])
            print(f"      without bytecode the same check costs {nopyc:.2f}x")
    else:
        print("goal: pressqa check vs proselint: not measured (proselint could not be installed)")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
