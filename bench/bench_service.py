"""Requests per second of ``pressqa serve`` with 1, 2 and 4 server processes, by hand, printing figures.

    .venv/bin/python bench/bench_service.py [--workers 1 2 4] [--seconds 8] [--concurrency 16] [--jobs 1]

For each --workers value: starts ``pressqa serve --workers N --jobs J`` on a free
loopback port (LanguageTool off: this measures pressqa), warms it up, then keeps
``--concurrency`` requests in flight (``POST /v1/check`` with the seed release,
each a little different so no cache answers) for ``--seconds``, and prints
requests/s, median and 95th-percentile latency, and non-200 answers.  The load is
bounded (a fixed number of requests in flight, a fixed time) and stops by itself;
the server is stopped after each run.  The client runs in its own process per
--client-procs, so that it is not what limits the figure on a small machine.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "samples" / "seed-release.txt").read_text(encoding="utf-8")


def start(workers: int, jobs: int) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, PRESSQA_LANGUAGETOOL_MODE="off")
    proc = subprocess.Popen([sys.executable, "-m", "pressqa", "serve", "--port", "0", "--isolated", "--workers", str(workers),
                             "--jobs", str(jobs), "--log-level", "warning", "--max-connections", "1024"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("pressqa: serving on "):
            return proc, line.split()[-1]
    raise SystemExit(f"the server did not start: {proc.stderr.read()}")


async def _load(url: str, seconds: float, concurrency: int, offset: int) -> tuple[list[float], int]:
    import httpx

    latencies: list[float] = []
    failures = 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        async def one(slot: int) -> None:
            nonlocal failures
            n = 0
            while time.monotonic() < stop:
                n += 1
                text = f"{SEED}\n\nNote {offset}-{slot}-{n}: the partners met,again.\n"
                began = time.perf_counter()
                # a new connection per request: server processes share one listening socket, and a
                # kept-alive connection stays with the process that accepted it
                r = await client.post("/v1/check", json={"text": text}, headers={"Connection": "close"})
                latencies.append(time.perf_counter() - began)
                failures += r.status_code != 200

        await asyncio.gather(*(one(i) for i in range(concurrency)))
    return latencies, failures


def _client(args: tuple) -> tuple[list[float], int]:
    return asyncio.run(_load(*args))


def measure(url: str, seconds: float, concurrency: int, procs: int) -> tuple[float, float, float, int]:
    import httpx

    for _ in range(200):  # ready, and warm: every check process has run once
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    asyncio.run(_load(url, 1.5, concurrency, -1))
    began = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(procs) as pool:
        parts = pool.map(_client, [(url, seconds, max(1, concurrency // procs), i) for i in range(procs)])
    elapsed = time.monotonic() - began
    latencies = [x for part, _ in parts for x in part]
    failures = sum(f for _, f in parts)
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else 0.0
    return len(latencies) / elapsed, statistics.median(latencies) if latencies else 0.0, p95, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--jobs", type=int, default=1, help="check processes per server process")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--client-procs", type=int, default=1)
    args = parser.parse_args()
    print(f"pressqa serve, POST /v1/check of the seed release ({len(SEED):,} characters), LanguageTool off; "
          f"{os.cpu_count()} cores, {args.concurrency} requests in flight, {args.seconds:g} s each")
    print(f"{'workers':>8} {'jobs':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'non-200':>8}")
    for workers in args.workers:
        proc, url = start(workers, args.jobs)
        try:
            rate, p50, p95, failures = measure(url, args.seconds, args.concurrency, args.client_procs)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        print(f"{workers:>8} {args.jobs:>5} {rate:>8.1f} {p50 * 1000:>8.1f} {p95 * 1000:>8.1f} {failures:>8}")


if __name__ == "__main__":
    main()
