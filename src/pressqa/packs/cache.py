"""A small on-disk cache (JSON values under a content key), shared by packs, config and backends.

Lives in ``$PRESSQA_CACHE_DIR``, else ``$XDG_CACHE_HOME/pressqa``, else
``~/.cache/pressqa``.  Every failure to read or write is silent: the cache only
ever saves time, it never decides an outcome.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

from pressqa import __version__


def cache_root() -> str:
    """The cache folder, as a string (os.path: importing pathlib costs ~3.5 ms of every hook run)."""
    env = os.environ.get("PRESSQA_CACHE_DIR")
    if env:
        return env
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg if xdg else os.path.join(os.path.expanduser("~"), ".cache"), "pressqa")


def cache_dir() -> "Path":
    """The cache folder as a Path (for code that is off the commit-hook path)."""
    from pathlib import Path

    return Path(cache_root())


def disabled() -> bool:
    return os.environ.get("PRESSQA_NO_CACHE", "") not in ("", "0")


_STAMP: str | None = None


def code_stamp() -> str:
    """Changes whenever pressqa's code does: the version plus the newest module mtime."""
    global _STAMP
    if _STAMP is None:
        # the package, its check types and its pack code: what decides whether a cached
        # validation still holds
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        newest = 0.0
        for folder in (here, os.path.join(here, "checks"), os.path.join(here, "packs")):
            try:
                for entry in os.scandir(folder):
                    if entry.name.endswith(".py"):
                        newest = max(newest, entry.stat().st_mtime)
            except OSError:
                pass
        _STAMP = f"{__version__}-{newest:.0f}"
    return _STAMP


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 hash object from CPython's built-in implementation when there is one: importing
    hashlib loads OpenSSL first (~2.5 ms of every commit-hook run) for a few short digests."""
    try:
        from _sha2 import sha256 as built_in  # type: ignore[import-not-found]  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256 as built_in  # type: ignore[import-not-found,no-redef]  # 3.10, 3.11
        except ImportError:
            from hashlib import sha256 as built_in  # type: ignore[assignment]
    return built_in(data)


def key(*parts: str | bytes) -> str:
    digest = sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def get(kind: str, digest: str) -> Any | None:
    if disabled():
        return None
    path = os.path.join(cache_root(), kind, digest[:2], f"{digest}.json")
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def put(kind: str, digest: str, value: Any) -> None:
    if disabled():
        return
    import tempfile  # only on a cache miss: the import costs ~2 ms of every start-up

    folder = os.path.join(cache_root(), kind, digest[:2])
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False)
        os.replace(tmp, os.path.join(folder, f"{digest}.json"))
    except OSError:
        pass


def prune(kind: str, max_entries: int, max_bytes: int) -> int:
    """Delete the oldest entries of *kind* until at most *max_entries* and *max_bytes* remain; how many went."""
    folder = os.path.join(cache_root(), kind)
    entries: list[tuple[float, int, str]] = []
    try:
        for sub in os.scandir(folder):
            if not sub.is_dir():
                continue
            for entry in os.scandir(sub.path):
                if entry.name.endswith(".json"):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    entries.append((stat.st_mtime, stat.st_size, entry.path))
    except OSError:
        return 0
    total = sum(size for _, size, _ in entries)
    if len(entries) <= max_entries and total <= max_bytes:
        return 0
    entries.sort()
    removed = 0
    for _, size, path in entries:
        if len(entries) - removed <= max_entries and total <= max_bytes:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        removed += 1
        total -= size
    return removed
