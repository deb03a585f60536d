"""What bench_coldstart.py and bench_memory.py share: the installs they compare and how a run is measured.

Everything is installed once under ``$PRESSQA_BENCH_DIR`` (default ``~/.cache/pressqa-bench``) and
reused; pressqa's wheel is rebuilt from this checkout on every run and reinstalled when it changed.

- ``wheel/``         a venv with pressqa installed from its wheel (pip compiles the bytecode, as a
                     user's ``pip install pressqa`` or ``pipx install pressqa`` does);
- ``nopyc-site/``    the same wheel unpacked with ``--no-compile``, put first on ``PYTHONPATH`` of that
                     venv's ``pressqa`` script and run with ``PYTHONDONTWRITEBYTECODE=1``: every run
                     compiles pressqa's modules again, as an editable install does without setup.sh's
                     ``compileall`` on a machine that sets that variable;
- ``proselint/``     a venv with proselint 0.16.0 from PyPI (its bytecode compiled by pip);
- ``bin/vale``       Vale, built from its Go module through the Go proxy (or the ``vale`` on PATH);
- ``bench/vale/``    (in this checkout) a .vale.ini and a small local style, so Vale has work to do.

A run is one fresh process; its CPU (user + system) and peak RSS come from ``os.wait4``, its wall
time from the clock around it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROSELINT_VERSION = "0.16.0"
#: Vale 3.22 and later need a dependency version the Go proxy does not serve here; 3.21.0 builds.
#: (The module was renamed from github.com/errata-ai/vale; 3.21.0 already declares the new path.)
VALE_MODULE = "github.com/vale-cli/vale/v3/cmd/vale@v3.21.0"
VALE_CONFIG = ROOT / "bench" / "vale" / ".vale.ini"


def bench_dir() -> Path:
    path = Path(os.environ.get("PRESSQA_BENCH_DIR") or Path.home() / ".cache" / "pressqa-bench")
    path.mkdir(parents=True, exist_ok=True)
    return path


def say(message: str) -> None:
    print(f"[setup] {message}", file=sys.stderr, flush=True)


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, argv))}\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc


def _venv(path: Path) -> Path:
    python = path / "bin" / "python"
    if not python.exists():
        say(f"creating {path}")
        venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return python


def build_wheel() -> Path:
    """pressqa's wheel, built from this checkout (``python -m build --wheel``)."""
    dist = bench_dir() / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    say("building pressqa's wheel from the checkout")
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)])
    [wheel] = dist.glob("pressqa-*.whl")
    return wheel


@dataclass
class Installs:
    wheel_python: Path  # the wheel venv's interpreter
    wheel_script: Path  # its console script, bin/pressqa
    nopyc_site: Path  # the wheel unpacked without bytecode
    proselint: Path | None
    vale: Path | None
    vale_why: str  # why Vale is missing, if it is
    editable_script: Path | None  # the checkout's own .venv/bin/pressqa, if any


def ensure_pressqa() -> tuple[Path, Path, Path]:
    """(python, console script, no-bytecode site) of the wheel install, (re)installed when the wheel changed."""
    base = bench_dir()
    python = _venv(base / "wheel")
    wheel = build_wheel()
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    marker = base / "wheel" / "pressqa-wheel.sha256"
    if not marker.exists() or marker.read_text() != digest:
        say(f"installing {wheel.name} (pip compiles its bytecode)")
        if not (base / "wheel" / "deps-installed").exists():
            _run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"])
            _run([str(python), "-m", "pip", "install", "-q", str(wheel)])
            (base / "wheel" / "deps-installed").write_text("")
        _run([str(python), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", str(wheel)])
        nopyc = base / "nopyc-site"
        shutil.rmtree(nopyc, ignore_errors=True)
        _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target", str(nopyc), str(wheel)],
             env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
        marker.write_text(digest)
    nopyc = base / "nopyc-site"
    for cache in nopyc.rglob("__pycache__"):  # written by a run without PYTHONDONTWRITEBYTECODE
        shutil.rmtree(cache, ignore_errors=True)
    return python, python.parent / "pressqa", nopyc


def ensure_proselint() -> Path | None:
    python = _venv(bench_dir() / "proselint")
    script = python.parent / "proselint"
    if not script.exists():
        say(f"installing proselint {PROSELINT_VERSION}")
        proc = subprocess.run([str(python), "-m", "pip", "install", "-q", f"proselint=={PROSELINT_VERSION}"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            say(f"proselint could not be installed: {proc.stderr.strip()[-300:]}")
            return None
    return script


def ensure_vale() -> tuple[Path | None, str]:
    """(Vale's binary, '') or (None, why not)."""
    local = bench_dir() / "bin" / "vale"
    if local.exists():
        return local, ""
    on_path = shutil.which("vale")
    if on_path:
        return Path(on_path), ""
    go = shutil.which("go")
    if go is None:
        return None, "Vale is not installed and there is no Go toolchain to build it (go install " + VALE_MODULE + ")"
    say(f"building Vale: go install {VALE_MODULE} (a minute or two, once)")
    proc = subprocess.run([go, "install", VALE_MODULE], capture_output=True, text=True,
                          env=dict(os.environ, GOBIN=str(local.parent)))
    if proc.returncode != 0 or not local.exists():
        return None, f"go install {VALE_MODULE} failed: {proc.stderr.strip()[-300:]}"
    return local, ""


def ensure_all() -> Installs:
    python, script, nopyc = ensure_pressqa()
    vale, why = ensure_vale()
    editable = ROOT / ".venv" / "bin" / "pressqa"
    return Installs(python, script, nopyc, ensure_proselint(), vale, why, editable if editable.exists() else None)


def stale_bytecode(package_dir: Path) -> tuple[int, int]:
    """(modules without an up-to-date .pyc, modules) under *package_dir*."""
    import importlib.util

    stale = total = 0
    for source in package_dir.rglob("*.py"):
        total += 1
        cached = Path(importlib.util.cache_from_source(str(source)))
        try:
            header = cached.read_bytes()[:16]
        except OSError:
            stale += 1
            continue
        st = source.stat()
        flags = int.from_bytes(header[4:8], "little")
        if flags == 0:  # timestamp-based: source mtime and size must match
            mtime = int.from_bytes(header[8:12], "little")
            size = int.from_bytes(header[12:16], "little")
            if mtime != (int(st.st_mtime) & 0xFFFFFFFF) or size != (st.st_size & 0xFFFFFFFF):
                stale += 1
    return stale, total


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system of the child
    peak_mb: float  # peak resident set of the child, MB (2**20 bytes); 0 when not watched
    code: int


def _watch_peak(pid: int, peak: list[int], interval: float) -> None:
    """Keep the child's VmHWM (its own high-water mark of resident memory, in kB) in peak[0] until it exits.

    wait4's ru_maxrss is no use here: it counts the memory of this Python process, which the child was
    forked from before it ran the program.  VmHWM belongs to the program's own address space.
    """
    path = f"/proc/{pid}/status"
    while True:
        try:
            with open(path, "rb") as handle:
                for line in handle:
                    if line.startswith(b"VmHWM:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
                        break
                else:
                    return  # a zombie: the program has ended
        except OSError:
            return
        time.sleep(interval)


def measure(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
            ok: tuple[int, ...] = (0, 1), watch_memory: bool = False) -> Run:
    """Run *argv* once as a fresh process, output discarded; its wall time, CPU and (if asked) peak RSS."""
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    peak = [0]
    watcher = None
    if watch_memory:
        watcher = threading.Thread(target=_watch_peak, args=(proc.pid, peak, 0.002), daemon=True)
        watcher.start()
    # Read stderr in full before waiting (a long error would fill the pipe), then reap with wait4.
    err = proc.stderr.read() if proc.stderr else b""
    if watcher is not None:
        watcher.join()  # stderr closed: the program is exiting; its last VmHWM is read before it is reaped
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(map(str, argv))} exited {proc.returncode}: {err.decode(errors='replace')[-1500:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, peak[0] / 1024, proc.returncode)


def median(values: list[float]) -> float:
    return statistics.median(values)


def base_env() -> dict[str, str]:
    """The caller's environment less pressqa's own variables (and with a private, warm pressqa cache)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSQA_")}
    cache = bench_dir() / "pressqa-cache"
    env["PRESSQA_CACHE_DIR"] = str(cache)
    return env
