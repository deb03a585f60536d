"""Turn paths into documents and documents into results: file discovery, reading, one engine per config.

Shared by the CLI, the fixer and the HTTP service, so that all of them read
files, apply ``include``/``exclude`` and configuration the same way.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from pressqa.records import record
from typing import Callable, Iterable, Iterator

from pressqa.packs.config import ConfigResolver, Settings
from pressqa.model.document import Document
from pressqa.run.engine import Engine, FileResult
from pressqa.errors import InputError, PressqaError

SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"})


@record(frozen=True)
class Target:
    """A file to check: its display path, and where to read it (None for stdin)."""

    display: str
    path: str | None


def discover(paths: Iterable[str], resolver: ConfigResolver, stdin_filename: str | None = None,
             skipped: "Skipped | None" = None) -> Iterator[Target | InputError]:
    """The files named or found under *paths*, in a stable order; errors for paths that do not exist
    or cannot be read (a PDF, an image).  Files a folder holds that are not checked are counted
    in *skipped*, when given."""
    from pressqa.inputs import unsupported

    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            if "-" not in seen:  # standard input can be read once
                seen.add("-")
                yield Target(stdin_filename or "<stdin>", None)
            continue
        if os.path.isdir(raw):
            for found in _walk(raw, resolver, skipped):
                if isinstance(found, InputError):
                    yield found  # a folder that cannot be read is an input error, not "no files"
                    continue
                key = os.path.abspath(found)
                if key not in seen:
                    seen.add(key)
                    yield Target(found, found)
            continue
        if not os.path.exists(raw):
            yield InputError(raw, "no such file or directory")
            continue
        if not os.path.isfile(raw):
            yield InputError(raw, "not a regular file")
            continue
        reason = unsupported(raw)  # a PDF, an image: refused by its kind, not read as "binary"
        if reason:
            yield InputError(raw, reason)
            continue
        key = os.path.abspath(raw)
        if key in seen:
            continue
        seen.add(key)
        if resolver.for_path(raw).is_excluded(raw):
            continue
        yield Target(raw, raw)


class Skipped:
    """Files found in folders and not checked, counted by suffix with the reason."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], int] = {}

    def add(self, name: str, patterns: list[str]) -> None:
        from pressqa.inputs import suffix, unsupported

        ext = suffix(name) or "(no suffix)"
        reason = unsupported(name)
        if reason:
            reason = reason.split(";")[0]
        else:
            reason = "not matched by the include patterns " + ", ".join(patterns)
        key = (ext, reason)
        self.counts[key] = self.counts.get(key, 0) + 1

    #: At most this many lines; the rest are summed up in one more.
    MAX_LINES = 8

    def lines(self) -> list[str]:
        """One line per suffix, most frequent first: ``skipped 3 .pdf files: unsupported file type .pdf (a PDF)``."""
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        out = []
        for (ext, reason), count in ranked[:self.MAX_LINES]:
            noun = "file" if count == 1 else "files"
            what = f"{count} {ext} {noun}" if ext != "(no suffix)" else f"{count} {noun} without a suffix"
            out.append(f"skipped {what} in folders: {reason}")
        rest = ranked[self.MAX_LINES:]
        if rest:
            count = sum(n for _, n in rest)
            out.append(f"skipped {count} more file{'s' if count != 1 else ''} of {len(rest)} other types")
        return out


def _walk(root: str, resolver: ConfigResolver, skipped: Skipped | None = None) -> Iterator["str | InputError"]:
    """The files to check under *root*, and an :class:`InputError` for each folder that cannot be read;
    the files not checked are counted in *skipped*."""
    problems: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=problems.append):
        while problems:
            exc = problems.pop(0)
            yield InputError(exc.filename or folder, f"cannot read the folder: {exc.strerror or exc}")
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        settings = resolver.for_path(os.path.join(folder, "_"))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if any(fnmatch.fnmatch(name, pattern) for pattern in settings.include) and not settings.is_excluded(path):
                if os.path.isfile(path):  # a FIFO or socket named *.txt would block the run
                    yield path
            elif skipped is not None and not name.startswith(".") and not settings.is_excluded(path):
                skipped.add(name, settings.include)
    for exc in problems:
        yield InputError(exc.filename or root, f"cannot read the folder: {exc.strerror or exc}")


def read_target(target: Target, encoding: str | None = None) -> Document:
    if target.path is None:
        if sys.stdin is None or getattr(sys.stdin, "buffer", None) is None:
            raise InputError(target.display, "standard input is closed")
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:
            raise InputError(target.display, f"cannot read standard input: {exc.strerror or exc}") from None
    else:
        try:
            with open(target.path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise InputError(target.display, f"cannot read: {exc.strerror or exc}") from None
    from pressqa import inputs

    # The format by the file's name; for standard input, by --stdin-filename (else plain text).
    return inputs.read(data, target.display, encoding, inputs.format_for(target.path or target.display))


class Runner:
    """Checks documents, building one engine per configuration file."""

    def __init__(self, resolver: ConfigResolver, select: Iterable[str] = (), ignore: Iterable[str] = (),
                 report_unused_suppressions: bool = False) -> None:
        self.resolver = resolver
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.report_unused_suppressions = report_unused_suppressions
        self._engines: dict[int, Engine] = {}

    def engine_for(self, settings: Settings) -> Engine:
        engine = self._engines.get(id(settings))
        if engine is None:
            engine = Engine(settings, self.select, self.ignore, self.report_unused_suppressions)
            self._engines[id(settings)] = engine
        return engine

    def settings_for(self, target: Target) -> Settings:
        return self.resolver.for_path(target.path or target.display if target.display != "<stdin>" else None)

    def check_document(self, doc: Document, settings: Settings) -> FileResult:
        return self.engine_for(settings).check(doc)

    def check_target(self, target: Target, encoding: str | None = None) -> FileResult:
        try:
            settings = self.settings_for(target)
            doc = read_target(target, encoding)
            return self.check_document(doc, settings)
        except InputError as exc:
            return FileResult(path=target.display, error=exc.render())
        except PressqaError:
            raise


# -- many files: in parallel across the cores, results in discovery order -------------------------

#: A process pool costs about 20-30 ms to start (fork, then each worker loads its
#: configuration); it is started only when the files left are expected to take
#: longer than this to check one by one (bench/bench_many_files.py).
POOL_WORTH_SECONDS = 0.25

_worker_runner: Runner | None = None


@record
class RunStats:
    """How :func:`check_many` spread the work (for tests and benchmarks)."""

    serial: int = 0
    parallel: int = 0
    workers: int = 0


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(config_path: str | None, isolated: bool, select: tuple[str, ...], ignore: tuple[str, ...],
                 overrides: dict | None = None) -> None:
    """Each worker resolves configuration and builds its engines itself; only paths cross the process boundary."""
    global _worker_runner
    _worker_runner = Runner(ConfigResolver(config_path, isolated=isolated, overrides=overrides), select, ignore)


def _check_chunk(chunk: list[tuple[int, Target]], encoding: str | None) -> list[tuple[int, FileResult | tuple]]:
    assert _worker_runner is not None
    out: list[tuple[int, FileResult | tuple]] = []
    for index, target in chunk:
        try:
            result = _worker_runner.check_target(target, encoding)
        except PressqaError as exc:
            # PressqaError does not survive pickling (its __init__ takes keywords): send its parts.
            out.append((index, ("error", type(exc).__name__, exc.path, exc.message, exc.line, exc.key)))
            continue
        if result.doc is not None:
            # The parent needs the text and line index (source excerpts), not the analyses.
            result.doc.drop_structure()
        out.append((index, result))
    return out


def _rebuild_error(parts: tuple) -> PressqaError:
    from pressqa import errors

    _, name, path, message, line, key = parts
    cls = getattr(errors, name, PressqaError)
    if not (isinstance(cls, type) and issubclass(cls, PressqaError)):
        cls = PressqaError
    return cls(path, message, line=line, key=key)


def check_many(runner: Runner, targets: list[Target], encoding: str | None = None, jobs: int = 0,
               on_progress: Callable[[int], None] | None = None, stats: RunStats | None = None) -> list[FileResult]:
    """Check *targets* and return their results in the order given, whatever order they finish in.

    Files are checked here one by one until the rest look worth a process pool
    (:data:`POOL_WORTH_SECONDS`, judged from the files checked so far, not
    counting the first, which pays for warming up); the rest then go to
    ``jobs`` worker processes (0: one per core; 1: never).  A single file, or a
    handful, never starts a pool.  Standard input is always read here.
    ``on_progress(n)`` is called as every n more files are done.
    """
    import time

    jobs = jobs or default_jobs()
    stats = stats if stats is not None else RunStats()
    results: list[FileResult | None] = [None] * len(targets)
    pending = [i for i, t in enumerate(targets) if t.path is not None]
    for i, target in enumerate(targets):
        if target.path is None:
            results[i] = runner.check_target(target, encoding)
            stats.serial += 1
            if on_progress:
                on_progress(1)
    probed = 0
    probe_start = 0.0
    while pending:
        if jobs > 1 and probed >= 2 and len(pending) >= 2:
            per_file = (time.perf_counter() - probe_start) / (probed - 1)
            if per_file * len(pending) > POOL_WORTH_SECONDS:
                break
        index = pending.pop(0)
        results[index] = runner.check_target(targets[index], encoding)
        stats.serial += 1
        probed += 1
        if probed == 1:
            probe_start = time.perf_counter()
        if on_progress:
            on_progress(1)
    if pending:
        _check_in_pool(runner, targets, pending, results, encoding, jobs, on_progress, stats)
    return [r for r in results if r is not None]


def _check_in_pool(runner: Runner, targets: list[Target], pending: list[int], results: list[FileResult | None],
                   encoding: str | None, jobs: int, on_progress: Callable[[int], None] | None, stats: RunStats) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    workers = min(jobs, len(pending))
    # Small chunks keep every core busy to the end and the progress bar moving;
    # each chunk costs one round trip to a worker.
    size = max(1, min(16, len(pending) // (workers * 8)))
    chunks = [[(i, targets[i]) for i in pending[k:k + size]] for k in range(0, len(pending), size)]
    explicit = runner.resolver.explicit
    init_args = (str(explicit) if explicit else None, runner.resolver.isolated, runner.select, runner.ignore,
                 runner.resolver.overrides)
    # fork starts a worker in a millisecond with everything already imported.
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    stats.workers = workers
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                             initargs=init_args) as pool:
        futures = [pool.submit(_check_chunk, chunk, encoding) for chunk in chunks]
        try:
            for future in as_completed(futures):
                done = future.result()
                for index, value in done:
                    if isinstance(value, tuple):
                        raise _rebuild_error(value)
                    results[index] = value
                stats.parallel += len(done)
                if on_progress:
                    on_progress(len(done))
        except BaseException:
            for future in futures:
                future.cancel()
            raise
