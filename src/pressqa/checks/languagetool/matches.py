"""LanguageTool's matches for each paragraph: from the disk cache, else asked (two at a time),
then cached, so that after one paragraph is edited only that paragraph is sent again.

The cache key is LanguageTool's version, the language and rule selection, and the paragraph's
text; the cache is bounded (:func:`_note_writes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from pressqa.errors import BackendError
from pressqa.packs import cache

if TYPE_CHECKING:
    from pressqa.backends.ltbase import Backend, LTMatch, LTOptions
    from pressqa.backends.languagetool import Session

#: The cache folder of paragraph results (``languagetool/`` itself holds the installs).
CACHE_KIND = "lt-paragraphs"
#: Bumped when what is cached per paragraph changes shape.
CACHE_FORMAT = "1"
#: Parallel requests for the paragraphs not in the cache (the server has a thread pool).
WORKERS = 2
#: The paragraph cache keeps at most this many results, or bytes (``$PRESSQA_LT_CACHE_ENTRIES``,
#: ``$PRESSQA_LT_CACHE_BYTES``); the oldest go first.  Checked at the first write of a process
#: and every :data:`PRUNE_EVERY` writes after, at most once in :data:`PRUNE_SECONDS`.
CACHE_MAX_ENTRIES = 100_000
CACHE_MAX_BYTES = 256 * 1024 * 1024
PRUNE_EVERY = 2000
PRUNE_SECONDS = 300
_writes = 0


class OutOfTime(BackendError):
    """LanguageTool answered, but not for every paragraph within the time a service's request had."""


def matches(session: "Session", texts: list[str], options: "LTOptions") -> list[list["LTMatch"]]:
    """Matches for each text: from the disk cache, else from LanguageTool (then cached)."""
    backend = session.get()
    version = backend.version
    results = _matches_of(backend, version, texts, options)
    if backend.version != version:
        # the server turned out to run another version than last time: nothing cached counts
        results = _matches_of(backend, backend.version, texts, options)
    return results


def _matches_of(backend: "Backend", version: str, texts: list[str], options: "LTOptions") -> list[list["LTMatch"]]:
    from pressqa.backends.ltbase import LTMatch

    option_key = options.key()
    results: list[list[LTMatch] | None] = []
    missing: list[int] = []
    keys: list[str] = []
    for i, text in enumerate(texts):
        digest = cache.key(CACHE_KIND, CACHE_FORMAT, version, option_key, text)
        keys.append(digest)
        cached = cache.get(CACHE_KIND, digest)
        if isinstance(cached, list):
            try:
                results.append([LTMatch.from_json(item) for item in cached])
                continue
            except (TypeError, ValueError):
                pass
        results.append(None)
        missing.append(i)

    def keep(index: int, found: list[LTMatch]) -> None:
        # cached as each answer comes: a document cut off by a deadline is not asked again in full
        if backend.version == version:
            cache.put(CACHE_KIND, keys[missing[index]], [m.to_json() for m in found])

    try:
        fetched = fetch(backend, [texts[i] for i in missing], options, keep)
    finally:
        if missing:
            _note_writes(len(missing))
    if backend.version != version:
        return []  # the answers came from another version than the keys say: matches() starts again
    for i, found in zip(missing, fetched):
        results[i] = found
    return [r or [] for r in results]


def fetch(backend: "Backend", texts: list[str], options: "LTOptions",
          keep: Callable[[int, list["LTMatch"]], None] = lambda i, m: None) -> list[list["LTMatch"]]:
    """Matches of each text, in order; *keep* is called with each answer as it comes."""
    from pressqa.backends.languagetool import POLICY, Unreachable

    if len(texts) <= 1:
        results = [backend.check(text, options) for text in texts]
        for i, found in enumerate(results):
            keep(i, found)
        return results
    import time
    from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

    # Under a service's time budget the whole document gets what is left of the request's share
    # (or as long as one request may take); a command waits for each paragraph in turn.
    deadline = POLICY.deadline
    if deadline is None and POLICY.max_timeout is not None:
        deadline = time.monotonic() + POLICY.max_timeout
    began = time.monotonic()
    pool = ThreadPoolExecutor(max_workers=WORKERS)
    try:
        futures = [pool.submit(backend.check, text, options) for text in texts]
        results = []
        for future in futures:
            remaining = None if deadline is None else max(deadline - time.monotonic(), 0.0)
            try:
                results.append(future.result(timeout=remaining))
                keep(len(results) - 1, results[-1])
            except (FutureTimeout, Unreachable) as exc:
                # A request whose socket timeout was cut to the budget's end may time out a moment
                # before this wait does: the budget ran out either way.
                if isinstance(exc, Unreachable) and (deadline is None or time.monotonic() < deadline):
                    raise
                # answers came, only not all in time: slow, not down; none came: frozen, down
                error = OutOfTime if results else BackendError
                raise error(None, f"{backend.where} checked {len(results)} of {len(texts)} paragraphs "
                                   f"in {time.monotonic() - began:.0f} s, the time this request had for it "
                                   "(those are kept for the next request)") from None
        return results
    finally:
        # on a failure, the paragraphs not yet sent are not sent (a frozen server would hold each for its timeout)
        pool.shutdown(wait=False, cancel_futures=True)


def _note_writes(count: int) -> None:
    """Bound the paragraph cache: prune it at the first write of a process and every PRUNE_EVERY after."""
    import os

    global _writes
    before, _writes = _writes, _writes + count
    if before and before // PRUNE_EVERY == _writes // PRUNE_EVERY:
        return
    import time

    # One scan of the folder every PRUNE_SECONDS across processes (a service replaces its check
    # processes often, and each would scan at its first write): a stamp file says when the last was.
    stamp = cache.cache_dir() / CACHE_KIND / ".pruned"
    try:
        if time.time() - stamp.stat().st_mtime < PRUNE_SECONDS:
            return
    except OSError:
        pass
    try:
        entries = int(os.environ.get("PRESSQA_LT_CACHE_ENTRIES", CACHE_MAX_ENTRIES))
        size = int(os.environ.get("PRESSQA_LT_CACHE_BYTES", CACHE_MAX_BYTES))
    except ValueError:
        entries, size = CACHE_MAX_ENTRIES, CACHE_MAX_BYTES
    cache.prune(CACHE_KIND, entries, size)
    try:
        stamp.touch()
    except OSError:
        pass
