"""Turn paths into documents and documents into results: file discovery, reading, one engine per config.

Shared by the CLI, the fixer and the HTTP service, so that all of them read
files, apply ``include``/``exclude`` and configuration the same way.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass
from typing import Iterable, Iterator

from .config import ConfigResolver, Settings
from .document import Document
from .engine import Engine, FileResult
from .errors import InputError, PressqaError

SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"})


@dataclass(frozen=True)
class Target:
    """A file to check: its display path, and where to read it (None for stdin)."""

    display: str
    path: str | None


def discover(paths: Iterable[str], resolver: ConfigResolver, stdin_filename: str | None = None) -> Iterator[Target | InputError]:
    """The files named or found under *paths*, in a stable order; errors for paths that do not exist."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield Target(stdin_filename or "<stdin>", None)
            continue
        if os.path.isdir(raw):
            for found in _walk(raw, resolver):
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
        key = os.path.abspath(raw)
        if key in seen:
            continue
        seen.add(key)
        if resolver.for_path(raw).is_excluded(raw):
            continue
        yield Target(raw, raw)


def _walk(root: str, resolver: ConfigResolver) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        settings = resolver.for_path(os.path.join(folder, "_"))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if any(fnmatch.fnmatch(name, pattern) for pattern in settings.include) and not settings.is_excluded(path):
                yield path


def read_target(target: Target, encoding: str | None = None) -> Document:
    if target.path is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(target.path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise InputError(target.display, f"cannot read: {exc.strerror or exc}") from None
    return Document.from_bytes(data, target.display, encoding)


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
