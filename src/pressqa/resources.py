"""The data shipped with pressqa (``rules/``: packs, names and titles data, word lists), read in one place.

Every module that needs a shipped file reads it through here, so no layer reaches up
into the pack loader for a word list.
"""

from __future__ import annotations

import os
from typing import Any

SHIPPED_PACKAGE = "pressqa.rules"


def _shipped_dir() -> str | None:
    """The folder of the shipped packs, when it is a plain folder (it is, unless pressqa runs from a zip).

    Reading it directly spares importlib.resources and zipfile, ~3 ms of every start-up.
    """
    import importlib

    package = importlib.import_module(SHIPPED_PACKAGE)
    for location in getattr(package, "__path__", []):
        if os.path.isdir(location):
            return str(location)
    return None


def clean_path(path: str) -> str:
    """*path* as pathlib would show it (``a/./b//c/`` is ``a/b/c``), without importing pathlib
    (~3.5 ms of every commit-hook run).  ``..`` is kept: it may cross a symbolic link."""
    if not path:
        return "."
    absolute = path.startswith(os.sep)
    parts = [p for p in path.split(os.sep) if p not in ("", ".")]
    cleaned = os.sep.join(parts)
    return (os.sep + cleaned) if absolute else (cleaned or ".")


def shipped_names() -> list[str]:
    folder = _shipped_dir()
    if folder is not None:
        return sorted(entry.name[:-5] for entry in os.scandir(folder) if entry.name.endswith(".yaml"))
    from importlib.resources import files

    return sorted(
        entry.name[:-5] for entry in files(SHIPPED_PACKAGE).iterdir() if entry.name.endswith(".yaml")
    )


def read_shipped(*parts: str) -> bytes | None:
    """The bytes of a data file shipped in ``rules/`` (``read_shipped("titles", "en.yaml")``), or None.

    Read from the package folder when there is one; through importlib.resources
    otherwise (a zipped install).
    """
    folder = _shipped_dir()
    try:
        if folder is not None:
            with open(os.path.join(folder, *parts), "rb") as handle:
                return handle.read()
        from importlib.resources import files

        return files(SHIPPED_PACKAGE).joinpath(*parts).read_bytes()
    except (OSError, ValueError):
        return None


def is_shipped_data(ref: Any) -> bool:
    """Whether *ref* names a YAML data file shipped in ``rules/`` (``names/distinct.yaml``), and nothing else.

    Only plain relative parts are allowed: no absolute path, ``~``, ``..`` or
    backslash can make it name a file outside the package.
    """
    if not isinstance(ref, str) or not ref.endswith((".yaml", ".yml")) or ref.startswith("~"):
        return False
    parts = ref.split("/")
    for part in parts:
        if part in ("", ".", "..") or "\\" in part or part.startswith("~"):
            return False
    return read_shipped(*parts) is not None


