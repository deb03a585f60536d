"""The service's check processes: a fixed number of them, each doing one job at a time, and any one
that overruns a request's time budget killed and replaced, so that the budget stops the work too.

A thread pool could only stop waiting for a check that ran too long; the check
went on, holding a core, and the requests after it got 503 as well.  Here the
front end sends each job down a pipe to an idle process and waits at most the
time left; when that runs out the process is killed (SIGKILL) and a new one is
started in the background while the other processes keep serving.

New processes are forked from a ``forkserver`` that has pressqa's modules loaded
already (where the platform has one), so a replacement is ready in a fraction
of a second, without inheriting the front end's threads.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import multiprocessing
import threading
import time
from typing import Any

from pressqa.server.jobs import OUT_OF_MEMORY, WorkerSpec, worker_main

log = logging.getLogger("pressqa.server")

#: Seconds a new check process may take to load its rules before it counts as failed.
START_TIMEOUT = 60.0


class PoolError(Exception):
    """No answer: the budget ran out (``timeout``), or the process died or could not start."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["pressqa.server.jobs"])
        return ctx
    return multiprocessing.get_context("spawn")


class Worker:
    """One check process and the front end's end of its pipe."""

    def __init__(self, ctx: Any, spec: WorkerSpec) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, spec), name="pressqa-check", daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(START_TIMEOUT):
            self.kill()
            raise PoolError("start", f"a check process did not start within {START_TIMEOUT:g} s")
        try:
            hello = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise PoolError("start", "a check process died while starting") from None
        if hello[0] != "ready":
            self.kill()
            raise PoolError("start", hello[1] if len(hello) > 1 else "a check process failed to start")
        self.jobs = 0

    def call(self, job: dict[str, Any], timeout: float) -> tuple:
        """Send *job* and wait at most *timeout* seconds for the reply."""
        try:
            self.conn.send(job)
            if not self.conn.poll(max(timeout, 0.0)):
                raise PoolError("timeout", "over the time budget")
            reply = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise PoolError("died", "the check process died (out of memory?)") from None
        self.jobs += 1
        return reply

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.join(5)
        except (OSError, ValueError, AssertionError):
            pass
        self.conn.close()


class WorkerPool:
    """``await pool.run(job, deadline)`` -> the process's reply, or PoolError."""

    def __init__(self, size: int, spec: WorkerSpec) -> None:
        self.size = size
        self.spec = spec
        self._ctx = _context()
        # Threads only wait on pipes (and start processes): a few per process is plenty.
        self._threads = concurrent.futures.ThreadPoolExecutor(max_workers=2 * size + 2, thread_name_prefix="pressqa-pool")
        self._idle: asyncio.Queue[Worker] | None = None
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._starting = 0  # replacements on their way
        self.killed = 0  # processes killed for overrunning a budget (for tests and logs)

    async def start(self) -> None:
        """Start every process (at once: they load their rules in parallel)."""
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        workers = await asyncio.gather(*(loop.run_in_executor(self._threads, self._new) for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    def _new(self) -> Worker:
        worker = Worker(self._ctx, self.spec)
        with self._lock:
            if self._closed:
                worker.kill()
                raise PoolError("closed", "the service is stopping")
            self._all.add(worker)
        return worker

    async def run(self, job: dict[str, Any], deadline: float) -> tuple:
        assert self._idle is not None, "start() first"
        loop = asyncio.get_running_loop()
        try:
            worker = await asyncio.wait_for(self._idle.get(), max(deadline - time.monotonic(), 0.001))
        except asyncio.TimeoutError:
            raise PoolError("busy", "every check process stayed busy for the whole time budget") from None
        job = {**job, "time_left": deadline - time.monotonic()}
        try:
            reply = await loop.run_in_executor(self._threads, worker.call, job, job["time_left"])
        except PoolError as exc:
            self.killed += exc.kind == "timeout"
            self._replace(worker, exc.kind)
            raise
        except BaseException:
            # cancelled (the server is stopping, or the client went away): this process's state is unknown
            self._replace(worker, "cancelled")
            raise
        if reply[0] == "error" and reply[2] == OUT_OF_MEMORY:
            self._replace(worker, "ran out of memory")
        else:
            self._idle.put_nowait(worker)
        return reply

    def _replace(self, worker: Worker, why: str) -> None:
        """Kill *worker* and start another in the background; the others keep serving meanwhile."""
        with self._lock:
            self._all.discard(worker)
            self._starting += 1
        loop = asyncio.get_running_loop()

        def replace() -> Worker | None:
            worker.kill()
            try:
                for attempt in range(3):
                    try:
                        return self._new()
                    except PoolError as exc:
                        if exc.kind == "closed":
                            return None
                        log.error("could not start a check process: %s", exc.message)
                        time.sleep(1.0 * (attempt + 1))
                return None
            finally:
                with self._lock:
                    self._starting -= 1

        def done(future: concurrent.futures.Future) -> None:
            new = future.result() if not future.cancelled() and future.exception() is None else None
            if new is not None and self._idle is not None:
                loop.call_soon_threadsafe(self._idle.put_nowait, new)

        log.warning("check process %d %s; replacing it", worker.process.pid or 0,
                    {"timeout": "killed: over the time budget", "died": "died"}.get(why, why))
        try:
            self._threads.submit(replace).add_done_callback(done)
        except RuntimeError:  # the pool is shut down
            worker.kill()

    def alive(self) -> int:
        """Check processes running or being started (0: the service cannot check anything)."""
        with self._lock:
            return len(self._all) + self._starting

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._threads.shutdown(wait=False, cancel_futures=True)
