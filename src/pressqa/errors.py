"""Errors that end a run with exit code 2, each printed as one line naming the file."""

from __future__ import annotations


class PressqaError(Exception):
    """Base for every error a user can cause: bad input, bad config, a bad pack."""

    exit_code = 2

    def __init__(self, path: str | None, message: str, *, line: int | None = None, key: str | None = None) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.key = key
        super().__init__(self.render())

    def render(self) -> str:
        where = self.path or "pressqa"
        if self.line is not None:
            where = f"{where}:{self.line}"
        if self.key:
            return f"{where}: {self.key}: {self.message}"
        return f"{where}: {self.message}"


class InputError(PressqaError):
    """A file that cannot be read or decoded."""


class ConfigError(PressqaError):
    """A configuration file with an unknown key, an unknown rule id or a bad value."""


class PackError(ConfigError):
    """A rule pack that does not load or validate."""


class BackendError(PressqaError):
    """A required backend (LanguageTool) that is unavailable or misbehaves."""
