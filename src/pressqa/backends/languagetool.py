"""The LanguageTool adapter: configuration, connection and sessions; the only door to LanguageTool.

Two ways to reach LanguageTool, chosen by ``[languagetool]`` in the config:

* **A running server** (``url = "http://127.0.0.1:8081"``, or several in a list, or in ``auto``
  mode the server ``pressqa languagetool start`` runs): plain HTTP, :mod:`.lthttp`.
* **``mode = "local"``**: language-tool-python starts, watches and stops its own LanguageTool
  server for the length of the run, from the jars ``pressqa languagetool install`` fetched,
  :mod:`.ltlocal`.

Both return :class:`~pressqa.backends.ltbase.LTMatch` records whose offsets are **code points**
of the text that was sent (LanguageTool counts UTF-16 code units: an emoji is two).

Every failure (nothing running, connection refused, too slow, HTTP errors, an
answer that is not LanguageTool's JSON) raises :class:`~pressqa.errors.BackendError`
with one line that says what happened and where.

``mode = "off"`` (in the config, or ``$PRESSQA_LANGUAGETOOL_MODE`` when the
config names no mode) never asks LanguageTool.  Together with ``required = true``
or ``--require-languagetool`` it is a contradiction, and being required wins: a
one-line config error (exit 2) names the file and key, or the variable.

The modules, from the bottom up: :mod:`.ltbase` (options, matches, the backend interface, the
process's policy), :mod:`.lthttp` and :mod:`.ltlocal` (the two ways to reach it), this one (the
``[languagetool]`` section, :func:`connect`, :class:`Session`).  Their public names can be
imported from here.
"""

from __future__ import annotations

import os
import re
import threading
from typing import TYPE_CHECKING, Any, Iterator, NamedTuple

from pressqa.backends.ltbase import (
    DEFAULT_TIMEOUT, MAX_REPLACEMENTS, POLICY, Backend, LTMatch, LTOptions, Policy, Unreachable,
)
from pressqa.backends.lthttp import (
    DOWN_SECONDS, MAX_IDLE_CONNECTIONS, HTTPBackend, PoolBackend, parse_matches, utf16_to_index,
)
from pressqa.errors import BackendError, ConfigError

if TYPE_CHECKING:
    from pressqa.backends.lthome import Installation

__all__ = [
    "BACKOFF_FIRST", "BACKOFF_MAX", "DEFAULT_TIMEOUT", "DOWN_SECONDS", "MAX_IDLE_CONNECTIONS", "MAX_REPLACEMENTS",
    "MODES", "MODE_VARIABLE", "POLICY", "Backend", "BackendError", "HTTPBackend", "LTConfig", "LTMatch", "LTOptions",
    "Policy", "PoolBackend", "Session", "Unreachable", "connect", "parse_matches", "serve_policy", "shared_session",
    "utf16_to_index",
]

_VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)?$")
MODES = ("auto", "local", "off")
MODE_VARIABLE = "PRESSQA_LANGUAGETOOL_MODE"


class LTConfig(NamedTuple):
    """The ``[languagetool]`` config section, with defaults."""

    mode: str = "auto"
    url: str | tuple[str, ...] | None = None  # one server, or several (spread and failed over)
    required: bool = False
    timeout: float = DEFAULT_TIMEOUT
    port: int | None = None  # for ``pressqa languagetool start``
    heap: str | None = None  # -Xmx for ``pressqa languagetool start``

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> "LTConfig":
        """The section's values; ``$PRESSQA_LANGUAGETOOL_MODE`` is the mode when the section names none
        (``PRESSQA_LANGUAGETOOL_MODE=off git commit`` skips grammar for one commit)."""
        values = {name: section[name] for name in cls._fields if name in section}
        env = os.environ.get(MODE_VARIABLE)
        if env and "mode" not in values:
            if env not in MODES:
                raise ConfigError(MODE_VARIABLE, f"{env!r} is not one of {', '.join(MODES)}")
            if env == "off" and values.get("required"):
                # Contradictory: being required wins, and says what turned it off.
                from pressqa.packs.config import REQUIRED_BY

                raise ConfigError(MODE_VARIABLE, f"'off' turns LanguageTool off, but it is required ({REQUIRED_BY})")
            values["mode"] = env
        if isinstance(values.get("url"), list):
            values["url"] = tuple(values["url"])
        return cls(**values)


def connect(conf: LTConfig, language: str = "en-US") -> Backend:
    """The backend *conf* asks for; BackendError (one line) when there is none.

    ``auto``: the configured ``url``, else the server ``pressqa languagetool start``
    runs.  ``local``: language-tool-python runs the installed jars.
    """
    from pressqa.backends import lthome

    if conf.mode == "local":
        inst = lthome.find_installation()
        if inst is None:
            raise BackendError(None, f"LanguageTool {lthome.LT_VERSION} is not installed (run 'pressqa languagetool install')")
        from pressqa.backends.ltlocal import LocalBackend

        return LocalBackend(inst, language, conf.timeout)
    timeout = conf.timeout if POLICY.max_timeout is None else min(conf.timeout, POLICY.max_timeout)
    if isinstance(conf.url, tuple):
        backends = [HTTPBackend(url, timeout) for url in conf.url]
        return backends[0] if len(backends) == 1 else PoolBackend(backends)
    if conf.url:
        return HTTPBackend(conf.url, timeout)
    for inst in _installations():
        state = lthome.running(inst)
        if state is not None:
            return HTTPBackend(state.url, timeout, version=state.version)
    if lthome.find_installation() is None:
        raise BackendError(None, "LanguageTool is not installed (run 'pressqa languagetool install', then 'pressqa languagetool start')")
    raise BackendError(None, "LanguageTool is not running (start it with 'pressqa languagetool start')")


def _installations() -> Iterator["Installation"]:
    """The pinned version first, then any other installed version."""
    from pressqa.backends import lthome

    yield lthome.installation()
    try:
        names = sorted(os.listdir(lthome.home()), reverse=True)
    except OSError:
        return
    for name in names:
        if name != lthome.LT_VERSION and _VERSION.match(name):
            yield lthome.installation(name)


#: Backoff after a failure, in seconds: doubled after each failed retry, up to the maximum.
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 30.0
_SHARED: dict[tuple[LTConfig, str], "Session"] = {}


def serve_policy(max_timeout: float | None) -> None:
    """Behave as a long-running service: retry LanguageTool with backoff, and recover when it returns."""
    POLICY.serve(max_timeout)


def shared_session(conf: LTConfig, language: str) -> "Session":
    """One session per configuration in this process (a service's requests share connections and state)."""
    with _SHARED_LOCK:
        session = _SHARED.get((conf, language))
        if session is None:
            session = _SHARED[(conf, language)] = Session(conf, language)
        return session


_SHARED_LOCK = threading.Lock()


class Session:
    """One run's connection to LanguageTool, shared by every file of the run.

    A command gives up on the first failure (later files skip at once).  Under the
    service policy a failure is remembered only for a backoff period (1 s, doubling to 30 s):
    requests in that period skip LanguageTool at once with the failure as their notice,
    the first one after it tries again, and a success clears the failure.
    """

    def __init__(self, conf: LTConfig, language: str = "en-US") -> None:
        self.conf = conf
        self.language = language
        self.backend: Backend | None = None
        self.failure: str | None = None  # the last failure, until a retry succeeds
        self._retry_at = 0.0
        self._backoff = BACKOFF_FIRST
        self._retrying = False
        self._tried = False
        self._lock = threading.Lock()  # concurrent first requests must not see a half-made backend

    def get(self) -> Backend:
        import time

        with self._lock:
            if self.failure is not None:
                now = time.monotonic()
                if not POLICY.retry or now < self._retry_at:
                    raise BackendError(None, self.failure)
                # Time to try again (one request does; the others skip until it succeeds or fails),
                # connecting afresh: the server may have moved.
                self._retry_at = now + self._backoff
                self._retrying = True
                self._tried = False
            if not self._tried:
                self._tried = True
                if self.backend is not None:
                    self.backend.close()
                    self.backend = None
                try:
                    self.backend = connect(self.conf, self.language)
                except BackendError as exc:
                    self._failed(exc.message)
                    raise
            if self.backend is None:
                raise BackendError(None, self.failure or "LanguageTool is not available")
            return self.backend

    def fail(self, message: str) -> None:
        with self._lock:
            if self.failure is not None and not self._retrying:
                return  # the echo of a request skipped during the backoff: nothing new was learned
            self._failed(message)

    def _failed(self, message: str) -> None:
        import time

        if self._retrying:
            self._backoff = min(self._backoff * 2, BACKOFF_MAX)
        self._retrying = False
        self.failure = message
        self._retry_at = time.monotonic() + self._backoff

    def succeeded(self) -> None:
        """A check went through: forget any failure."""
        if self.failure is not None:
            with self._lock:
                self.failure = None
                self._retrying = False
                self._backoff = BACKOFF_FIRST

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()
