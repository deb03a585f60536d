"""Compiled regular expressions kept on disk between runs, as ``.pyc`` files keep compiled code.

A ``pressqa check`` of one release compiles about 130 patterns, which costs ~15-20 ms of a
~100 ms process: more than checking the text.  The patterns are the same from run to run, so
the first run writes each one's compiled form (the ``re`` module's own output: the SRE code
list, group count and names) to the cache, and later runs put the patterns back into ``re``'s
cache before any module asks for them; ``re.compile`` then finds them there without parsing.

This relies on the ``re`` module's internals (``re._cache``, ``re._parser``, ``re._compiler``,
``_sre.compile``), so the cache file is named after the exact interpreter build and SRE
version, nothing is used on an interpreter without those internals, and every failure is
silent: the cache only ever saves time.  A restored pattern compares equal to a freshly
compiled one (``Pattern.__eq__`` compares the pattern, flags and code; tests check it).
"""

from __future__ import annotations

import marshal
import os
import sys

#: At most this many patterns are kept (``re`` itself caches 512): the ones every run compiles
#: come first, and the rest of the room goes to the newest (patterns built from a document's
#: words, which differ from run to run).
MAX_ENTRIES = 400
KEEP_OLDEST = 300

_loaded: set[tuple] = set()
_entries: list[tuple] = []


def _internals():
    """(re, _sre, parse, code) when this interpreter has the internals this module needs, else None."""
    try:
        import re

        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]

        if not isinstance(getattr(re, "_cache", None), dict):
            return None
        return re, _sre, _parser.parse, _compiler._code
    except (ImportError, AttributeError):
        return None


def _path() -> str | None:
    from pressqa.packs import cache

    if cache.disabled():
        return None
    found = _internals()
    if found is None:
        return None
    _sre = found[1]
    tag = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return os.path.join(cache.cache_root(), "regex", f"{tag}.marshal")


def load() -> int:
    """Put the cached patterns into ``re``'s cache; how many."""
    found = _internals()
    path = _path()
    if found is None or path is None:
        return 0
    re, _sre, _, _ = found
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        entries = marshal.loads(data)  # not marshal.load(handle): that reads the file in small pieces
        restored = 0
        for entry in entries:
            is_bytes, pattern, flags, final_flags, code, groups, groupindex, indexgroup = entry
            key = (bytes if is_bytes else str, pattern, flags)
            if key not in re._cache:
                re._cache[key] = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
                restored += 1
            _loaded.add(key)
        _entries[:] = entries
        return restored
    except Exception:  # a missing, stale or damaged file: patterns are compiled as usual
        _loaded.clear()
        _entries.clear()
        return 0


def entry_for(pattern: str | bytes, flags: int) -> tuple:
    """The cached form of ``re.compile(pattern, flags)`` (what :func:`load` restores)."""
    found = _internals()
    if found is None:
        raise RuntimeError("this interpreter's re module has none of the internals the cache needs")
    _, _, parse, code_of = found
    parsed = parse(pattern, flags)
    code = code_of(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (isinstance(pattern, bytes), pattern, flags, int(flags | parsed.state.flags), [int(op) for op in code],  # opcodes are int subclasses
            parsed.state.groups - 1, groupindex, tuple(indexgroup))


def restore(entry: tuple):
    """A compiled pattern from its cached form."""
    found = _internals()
    if found is None:
        raise RuntimeError("this interpreter's re module has none of the internals the cache needs")
    _, _sre, _, _ = found
    _, pattern, _, final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def save() -> int:
    """Write the patterns this run compiled that the cache did not hold; how many were new."""
    found = _internals()
    path = _path()
    if found is None or path is None:
        return 0
    re = found[0]
    try:
        new = []
        for key in list(re._cache):
            kind, pattern, flags = key
            if key in _loaded or kind not in (str, bytes) or not isinstance(flags, int):
                continue
            new.append(entry_for(pattern, flags))
        if not new:
            return 0
        entries = _entries + new
        if len(entries) > MAX_ENTRIES:
            entries = entries[:KEEP_OLDEST] + entries[len(entries) - (MAX_ENTRIES - KEEP_OLDEST):]
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        data = marshal.dumps(entries)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        _entries[:] = entries
        _loaded.update((bytes if e[0] else str, e[1], e[2]) for e in new)
        return len(new)
    except Exception:  # a read-only or full disk: the next run compiles as this one did
        return 0
