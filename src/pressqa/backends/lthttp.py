"""LanguageTool servers spoken to over HTTP: one server (:class:`HTTPBackend`), or several that
requests are spread over and failed over between (:class:`PoolBackend`).

Plain HTTP with the standard library's ``http.client``: this is the commit-hook path, where
start-up time matters (language-tool-python's imports cost about 100 ms before the first byte
is sent; ``http.client`` costs a few, and is only imported when a paragraph is not already in
the disk cache).  Connections are kept alive and reused.

LanguageTool counts offsets in UTF-16 code units (an emoji is two); :func:`parse_matches`
turns them into code points of the text that was sent.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from pressqa.backends.ltbase import DEFAULT_TIMEOUT, MAX_REPLACEMENTS, POLICY, Backend, LTMatch, LTOptions, Unreachable
from pressqa.errors import BackendError

#: Idle kept-alive connections an HTTP backend holds on to.
MAX_IDLE_CONNECTIONS = 8
#: Seconds a server of a pool that failed is left out (unless all are down).
DOWN_SECONDS = 15.0


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


# -- servers -----------------------------------------------------------------------------


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
