"""The LanguageTool adapter: the only module that talks to LanguageTool.

Two ways to reach LanguageTool, chosen by ``[languagetool]`` in the config:

* **A running server** (``url = "http://127.0.0.1:8081"``, or in ``auto`` mode
  the server ``pressqa languagetool start`` runs): plain HTTP with the standard
  library's ``http.client``.  This is the commit-hook path, where start-up time
  matters: importing language-tool-python (requests, psutil, tqdm, toml) costs
  about 100 ms before the first byte is sent, while ``http.client`` costs a few
  and is only imported when a paragraph is not already in the disk cache.
* **``mode = "local"``**: language-tool-python starts, watches and stops its
  own LanguageTool server for the length of the run.  Here the library earns
  its place (process management, readiness polling, clean-up at exit), and a
  few seconds of JVM start dwarf its import cost.  It runs the jars that
  ``pressqa languagetool install`` fetched from Maven Central: their folder has
  the layout of LanguageTool's stand-alone download, so pointing ``LTP_PATH`` at
  it stops the library from downloading anything.

Both return :class:`LTMatch` records whose offsets are **code points** of the
text that was sent: LanguageTool counts UTF-16 code units (an emoji is two), so
the HTTP path converts them here, and language-tool-python's ``Match`` does the
same for the local path.

Every failure (nothing running, connection refused, too slow, HTTP errors, an
answer that is not LanguageTool's JSON) raises :class:`~pressqa.errors.BackendError`
with one line that says what happened and where.

``mode = "off"`` (in the config, or ``$PRESSQA_LANGUAGETOOL_MODE`` when the
config names no mode) never asks LanguageTool.  Together with ``required = true``
or ``--require-languagetool`` it is a contradiction, and being required wins: a
one-line config error (exit 2) names the file and key, or the variable.
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import Any, Iterable, NamedTuple

from pressqa.errors import BackendError, ConfigError

_VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)?$")
DEFAULT_TIMEOUT = 30.0
MODES = ("auto", "local", "off")
MODE_VARIABLE = "PRESSQA_LANGUAGETOOL_MODE"
#: How many replacements a match keeps (LanguageTool may offer dozens).
MAX_REPLACEMENTS = 5
#: Idle kept-alive connections an HTTP backend holds on to.
MAX_IDLE_CONNECTIONS = 8
#: Seconds a server of a pool that failed is left out (unless all are down).
DOWN_SECONDS = 15.0


# Records are NamedTuples rather than dataclasses: building a dataclass costs
# about half a millisecond at import, and this module is on the commit-hook path.


class LTMatch(NamedTuple):
    """One LanguageTool match; ``offset``/``length`` count code points of the checked text."""

    offset: int
    length: int
    rule_id: str
    category_id: str
    issue_type: str
    message: str
    replacements: tuple[str, ...] = ()

    def to_json(self) -> list:
        return [self.offset, self.length, self.rule_id, self.category_id, self.issue_type, self.message, list(self.replacements)]

    @classmethod
    def from_json(cls, data: list) -> "LTMatch":
        offset, length, rule_id, category_id, issue_type, message, replacements = data
        return cls(int(offset), int(length), rule_id, category_id, issue_type, message, tuple(replacements))


class LTOptions(NamedTuple):
    """What a check asks LanguageTool for, beyond the text (part of every cache key)."""

    language: str = "en-US"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False

    def params(self) -> dict[str, str]:
        """The form fields of ``/v2/check`` (without ``text``)."""
        params = {"language": self.language}
        if self.enabled_rules:
            params["enabledRules"] = ",".join(self.enabled_rules)
        if self.disabled_rules:
            params["disabledRules"] = ",".join(self.disabled_rules)
        if self.enabled_categories:
            params["enabledCategories"] = ",".join(self.enabled_categories)
        if self.disabled_categories:
            params["disabledCategories"] = ",".join(self.disabled_categories)
        if self.picky:
            params["level"] = "picky"
        return params

    def key(self) -> str:
        return json.dumps(self.params(), sort_keys=True)


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


# -- UTF-16 offsets ------------------------------------------------------------------------


def utf16_to_index(text: str) -> list[int] | None:
    """Map UTF-16 code-unit offsets of *text* to code-point offsets; None when they coincide.

    The list has one entry per code unit plus one for the end; the second unit of
    a surrogate pair maps to the character it belongs to.
    """
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return None
    mapping: list[int] = []
    for index, char in enumerate(text):
        mapping.append(index)
        if ord(char) >= 0x10000:
            mapping.append(index)
    mapping.append(len(text))
    return mapping


def parse_matches(data: Any, text: str, where: str) -> list[LTMatch]:
    """LanguageTool's ``/v2/check`` JSON as matches with code-point offsets."""
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise BackendError(None, f"LanguageTool at {where} sent a malformed answer (no list of matches)")
    units = utf16_to_index(text)
    limit = len(units) - 1 if units is not None else len(text)
    matches: list[LTMatch] = []
    for raw in data["matches"]:
        try:
            offset = int(raw["offset"])
            length = int(raw["length"])
            rule = raw["rule"]
            rule_id = str(rule["id"])
            category_id = str((rule.get("category") or {}).get("id", ""))
            issue_type = str(rule.get("issueType", ""))
            message = str(raw.get("message", ""))
            replacements = tuple(str(r["value"]) for r in raw.get("replacements", [])[:MAX_REPLACEMENTS])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BackendError(None, f"LanguageTool at {where} sent a malformed match") from None
        if offset < 0 or length < 0 or offset + length > limit:
            raise BackendError(None, f"LanguageTool at {where} sent a match outside the text (offset {offset})")
        if units is not None:
            start, end = units[offset], units[offset + length]
        else:
            start, end = offset, offset + length
        matches.append(LTMatch(start, end - start, rule_id, category_id, issue_type, message, replacements))
    return matches


# -- backends ---------------------------------------------------------------------------------


class Unreachable(BackendError):
    """The server could not be reached or did not answer in time (another server of a pool may);
    an answer that is an error is a plain BackendError (the same text would fail anywhere)."""


class Backend:
    """Something that checks texts with LanguageTool."""

    #: where the server is, for messages
    where: str = "LanguageTool"

    @property
    def version(self) -> str:
        raise NotImplementedError

    def check(self, text: str, options: LTOptions) -> list[LTMatch]:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the backend holds (connections, a server it started)."""


class HTTPBackend(Backend):
    """A LanguageTool server that is already running, spoken to over HTTP."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, version: str | None = None) -> None:
        from urllib.parse import urlsplit

        parts = urlsplit(url.rstrip("/"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BackendError(None, f"LanguageTool url {url!r} is not an http:// or https:// address")
        self.url = url.rstrip("/")
        self.where = self.url
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        # "https://api.example.org/lt" serves /lt/v2/check; a bare host serves /v2/check
        base = parts.path.rstrip("/")
        if base.endswith("/v2"):
            base = base[: -len("/v2")]
        self.base = base
        self.timeout = timeout
        self._version = version
        self._lock = threading.Lock()
        self._idle: list[Any] = []  # kept-alive http.client connections

    @property
    def version(self) -> str:
        """The server's LanguageTool version: as last seen at this url (remembered on
        disk, so a run whose paragraphs are all cached needs no request), else asked."""
        if self._version is None:
            from pressqa.packs import cache

            remembered = cache.get("lt-versions", cache.key(self.url))
            if isinstance(remembered, str) and remembered:
                self._version = remembered
            else:
                # An empty check costs a few milliseconds and names the server's version.
                self._note_version(self._post(LTOptions().params() | {"text": ""}), required=True)
        assert self._version is not None
        return self._version

    def _note_version(self, data: Any, required: bool = False) -> None:
        software = data.get("software") if isinstance(data, dict) else None
        version = software.get("version") if isinstance(software, dict) else None
        if not isinstance(version, str) or not version:
            if required:
                raise BackendError(None, f"LanguageTool at {self.where} sent a malformed answer (no software version)")
            return
        if version != self._version:
            from pressqa.packs import cache

            self._version = version
            cache.put("lt-versions", cache.key(self.url), version)

    def check(self, text: str, options: LTOptions) -> list[LTMatch]:
        data = self._post(options.params() | {"text": text})
        matches = parse_matches(data, text, self.where)
        self._note_version(data)
        return matches

    def _post(self, fields: dict[str, str]) -> Any:
        import http.client
        import socket
        from urllib.parse import urlencode

        body = urlencode(fields).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
        for attempt in (1, 2):
            conn, reused = self._take(fresh=attempt > 1)
            left = POLICY.time_left()
            if left is not None:
                if left <= 0:
                    self._give(conn)
                    raise Unreachable(None, f"LanguageTool at {self.where}: no time left in this request's budget")
                # this request's share of the budget, if shorter than the configured timeout
                conn.timeout = min(self.timeout, left)
                if conn.sock is not None:
                    conn.sock.settimeout(conn.timeout)
            try:
                conn.request("POST", f"{self.base}/v2/check", body=body, headers=headers)
                _ack_at_once(conn.sock)
                response = conn.getresponse()
                payload = response.read()
            except ConnectionRefusedError:
                conn.close()
                raise Unreachable(None, f"LanguageTool is not running at {self.where} (connection refused)") from None
            except (socket.timeout, TimeoutError):
                conn.close()
                raise Unreachable(None, f"LanguageTool at {self.where} did not answer within {conn.timeout:g} s") from None
            except socket.gaierror as exc:
                conn.close()
                raise Unreachable(None, f"LanguageTool host {self.host!r} not found ({exc.strerror or exc})") from None
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                if reused and attempt == 1:
                    # a kept-alive connection the server had closed (restarted?): the other idle
                    # ones are likely stale too; once more on a new connection
                    self.close()
                    continue
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                raise Unreachable(None, f"LanguageTool at {self.where} failed: {reason}") from None
            if response.will_close:
                conn.close()
            else:
                self._give(conn)
            break
        if response.status != 200:
            detail = payload.decode("utf-8", "replace").strip().splitlines()
            first = detail[0][:160] if detail else response.reason
            # 5xx: the server is in trouble (another of a pool may answer); 4xx: this request is
            error = Unreachable if response.status >= 500 else BackendError
            raise error(None, f"LanguageTool at {self.where} answered HTTP {response.status}: {first}")
        try:
            return json.loads(payload)
        except ValueError:
            raise BackendError(None, f"LanguageTool at {self.where} sent a malformed answer (not JSON)") from None

    # Connections are kept alive and reused: one TCP connection per paragraph left thousands of
    # sockets in TIME-WAIT on a busy server (and a restarted LanguageTool could not bind its port).

    def _take(self, fresh: bool = False) -> tuple[Any, bool]:
        """An idle kept-alive connection (True) or a new one (False)."""
        with self._lock:
            if self._idle and not fresh:
                return self._idle.pop(), True
        import http.client

        if self.scheme == "https":
            return http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout), False
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout), False

    def _give(self, conn: Any) -> None:
        with self._lock:
            if len(self._idle) < MAX_IDLE_CONNECTIONS:
                self._idle.append(conn)
                return
        conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


def _ack_at_once(sock: Any) -> None:
    """Acknowledge the answer's packets at once (Linux; reset by the kernel, so set per request).

    A server that writes its headers and body apart with Nagle's algorithm on (the JDK's HTTP
    server unless started with ``-Dsun.net.httpserver.nodelay=true``, as ``pressqa languagetool
    start`` does) holds the body until the headers are acknowledged, and a delayed ACK takes
    ~40 ms: on a kept-alive connection every answer cost 45 ms instead of 2.
    """
    import socket

    quickack = getattr(socket, "TCP_QUICKACK", None)
    if sock is not None and quickack is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
        except OSError:
            pass


class PoolBackend(Backend):
    """Several LanguageTool servers (``url = [...]``): requests are spread over them in turn, and a
    server that fails is left out for a while (:data:`DOWN_SECONDS`) while the others answer."""

    def __init__(self, backends: list[HTTPBackend]) -> None:
        import itertools

        self.backends = backends
        self.where = f"LanguageTool ({', '.join(b.where for b in backends)})"
        self._turn = itertools.count()
        self._down_until: dict[int, float] = {}
        self._lock = threading.Lock()
        self._version: str | None = None

    @property
    def version(self) -> str:
        if self._version is None:
            last: BackendError | None = None
            for index in self._order():
                try:
                    self._version = self.backends[index].version
                    break
                except Unreachable as exc:
                    self._mark_down(index)
                    last = exc
            else:
                assert last is not None
                raise Unreachable(None, f"none of {len(self.backends)} LanguageTool servers answered; last: {last.message}")
        return self._version

    def _order(self) -> list[int]:
        """Every server, starting with the next in turn; those marked down last."""
        import time

        count = len(self.backends)
        first = next(self._turn) % count
        order = [(first + i) % count for i in range(count)]
        now = time.monotonic()
        with self._lock:
            up = [i for i in order if self._down_until.get(i, 0.0) <= now]
        return up + [i for i in order if i not in up]

    def _mark_down(self, index: int) -> None:
        import time

        with self._lock:
            self._down_until[index] = time.monotonic() + DOWN_SECONDS

    def check(self, text: str, options: LTOptions) -> list[LTMatch]:
        last: BackendError | None = None
        for index in self._order():
            backend = self.backends[index]
            try:
                matches = backend.check(text, options)
            except Unreachable as exc:
                self._mark_down(index)
                last = exc
                continue
            if backend._version is not None:
                self._version = backend._version
            return matches
        assert last is not None
        raise Unreachable(None, f"none of {len(self.backends)} LanguageTool servers answered; last: {last.message}")

    def close(self) -> None:
        for backend in self.backends:
            backend.close()


class LocalBackend(Backend):
    """A LanguageTool server that language-tool-python starts (on first use) and stops at exit."""

    def __init__(self, installation: Any, language: str = "en-US", timeout: float = DEFAULT_TIMEOUT) -> None:
        self.installation = installation
        self.language = language
        self.timeout = timeout
        self.where = f"LanguageTool {installation.version} (local)"
        self._tool: Any = None

    @property
    def version(self) -> str:
        return self.installation.version

    def _start(self) -> Any:
        if self._tool is not None:
            return self._tool
        # language-tool-python looks for LanguageTool-VERSION/languagetool-server.jar
        # under $LTP_PATH: the install folder has exactly that layout.
        os.environ["LTP_PATH"] = str(self.installation.root)
        try:
            import language_tool_python
        except ImportError as exc:
            raise BackendError(None, f"mode = \"local\" needs language-tool-python: {exc}") from None
        try:
            tool = language_tool_python.LanguageTool(
                self.language, language_tool_download_version=self.installation.version)
        except Exception as exc:  # the library raises many kinds (ServerError, PathError, OSError...)
            raise BackendError(None, f"{self.where} did not start: {_one_line(exc)}") from None
        tool._TIMEOUT = self.timeout  # type: ignore[assignment]  # the library's request timeout is a class constant of 300 s
        self._tool = tool
        return tool

    def check(self, text: str, options: LTOptions) -> list[LTMatch]:
        tool = self._start()
        if str(tool.language) != options.language:
            tool.language = options.language  # (clears the rule sets, so it comes first)
        tool.disabled_rules = set(options.disabled_rules)
        tool.enabled_rules = set(options.enabled_rules)
        tool.disabled_categories = set(options.disabled_categories)
        tool.enabled_categories = set(options.enabled_categories)
        tool.picky = options.picky
        try:
            found = tool.check(text)
        except Exception as exc:
            raise BackendError(None, f"{self.where} failed: {_one_line(exc)}") from None
        matches: list[LTMatch] = []
        for match in found:  # offsets already in code points (the library converts)
            matches.append(LTMatch(
                int(match.offset), int(match.error_length), str(match.rule_id), str(match.category),
                str(match.rule_issue_type), str(match.message), tuple(match.replacements[:MAX_REPLACEMENTS]),
            ))
        return matches

    def close(self) -> None:
        if self._tool is not None:
            try:
                self._tool.close()
            except Exception:
                pass
            self._tool = None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


def connect(conf: LTConfig, language: str = "en-US") -> Backend:
    """The backend *conf* asks for; BackendError (one line) when there is none.

    ``auto``: the configured ``url``, else the server ``pressqa languagetool start``
    runs.  ``local``: language-tool-python runs the installed jars.
    """
    from pressqa.backends import ltserver

    if conf.mode == "local":
        inst = ltserver.find_installation()
        if inst is None:
            raise BackendError(None, f"LanguageTool {ltserver.LT_VERSION} is not installed (run 'pressqa languagetool install')")
        return LocalBackend(inst, language, conf.timeout)
    timeout = conf.timeout if POLICY.max_timeout is None else min(conf.timeout, POLICY.max_timeout)
    if isinstance(conf.url, tuple):
        backends = [HTTPBackend(url, timeout) for url in conf.url]
        return backends[0] if len(backends) == 1 else PoolBackend(backends)
    if conf.url:
        return HTTPBackend(conf.url, timeout)
    for inst in _installations(ltserver):
        state = ltserver.running(inst)
        if state is not None:
            return HTTPBackend(state.url, timeout, version=state.version)
    if ltserver.find_installation() is None:
        raise BackendError(None, "LanguageTool is not installed (run 'pressqa languagetool install', then 'pressqa languagetool start')")
    raise BackendError(None, "LanguageTool is not running (start it with 'pressqa languagetool start')")


def _installations(ltserver: Any) -> Iterable[Any]:
    """The pinned version first, then any other installed version."""
    yield ltserver.installation()
    try:
        names = sorted(os.listdir(ltserver.home()), reverse=True)
    except OSError:
        return
    for name in names:
        if name != ltserver.LT_VERSION and _VERSION.match(name):
            yield ltserver.installation(name)


class Policy:
    """How sessions behave in this process: a command runs once and gives up on the first failure;
    a long-running service (:func:`serve_policy`) retries with backoff, shares one session per
    configuration, and never waits on LanguageTool longer than ``max_timeout``."""

    def __init__(self, retry: bool = False, max_timeout: float | None = None) -> None:
        self.retry = retry
        self.max_timeout = max_timeout
        #: time.monotonic() by which the current request's LanguageTool work must end (a service
        #: sets it per request, so that a slow server costs a notice, not the request's budget)
        self.deadline: float | None = None

    def time_left(self) -> float | None:
        if self.deadline is None:
            return None
        import time

        return self.deadline - time.monotonic()


POLICY = Policy()
#: Backoff after a failure, in seconds: doubled after each failed retry, up to the maximum.
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 30.0
_SHARED: dict[tuple[LTConfig, str], "Session"] = {}


def serve_policy(max_timeout: float | None) -> None:
    """Behave as a long-running service: retry LanguageTool with backoff, and recover when it returns."""
    global POLICY
    POLICY = Policy(retry=True, max_timeout=max_timeout)


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
