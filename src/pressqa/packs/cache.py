"""A small on-disk cache (JSON values under a content key), shared by packs, config and backends.

Lives in ``$PRESSQA_CACHE_DIR``, else ``$XDG_CACHE_HOME/pressqa``, else
``~/.cache/pressqa``.  Every failure to read or write is silent: the cache only
ever saves time, it never decides an outcome.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pressqa import __version__


def cache_dir() -> Path:
    env = os.environ.get("PRESSQA_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "pressqa"


def disabled() -> bool:
    return os.environ.get("PRESSQA_NO_CACHE", "") not in ("", "0")


_STAMP: str | None = None


def code_stamp() -> str:
    """Changes whenever pressqa's code does: the version plus the newest module mtime."""
    global _STAMP
    if _STAMP is None:
        here = Path(__file__).parent
        newest = 0.0
        for folder in (here, here / "checks"):
            try:
                for entry in os.scandir(folder):
                    if entry.name.endswith(".py"):
                        newest = max(newest, entry.stat().st_mtime)
            except OSError:
                pass
        _STAMP = f"{__version__}-{newest:.0f}"
    return _STAMP


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def get(kind: str, digest: str) -> Any | None:
    if disabled():
        return None
    path = cache_dir() / kind / digest[:2] / f"{digest}.json"
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def put(kind: str, digest: str, value: Any) -> None:
    if disabled():
        return
    import tempfile  # only on a cache miss: the import costs ~2 ms of every start-up

    folder = cache_dir() / kind / digest[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False)
        os.replace(tmp, folder / f"{digest}.json")
    except OSError:
        pass
