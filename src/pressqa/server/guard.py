"""Who may talk to the service: an access token on every request, and only the host names it serves.

A plain ASGI middleware (it never reads bodies).  The editors' page and its assets
(``GET /``, ``/static/...``) are public: the page asks the user for the token and sends it.  The token is compared in
constant time (:func:`hmac.compare_digest`), taken from ``Authorization: Bearer
TOKEN``.  The Host check stops DNS rebinding (a web page whose name suddenly
points at the service's address) and requests meant for another site.
"""

from __future__ import annotations

import hmac
import json
from typing import Any


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    """Is the Host header *host* (with or without a port) one of *allowed* (``*.example.org`` patterns too)?"""
    if not allowed or "*" in allowed:
        return True
    name = host.strip().lower()
    if name.startswith("["):  # [::1]:8000
        name = name[1:].partition("]")[0]
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    for pattern in allowed:
        pattern = pattern.lower().strip("[]")
        if name == pattern or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


class Guard:
    def __init__(self, app: Any, token: str | None = None, allowed_hosts: tuple[str, ...] = ()) -> None:
        self.app = app
        self.token = token.encode("utf-8") if token else None
        self.allowed_hosts = tuple(allowed_hosts)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, bytes] = {}
        for name, value in scope.get("headers") or ():
            headers.setdefault(name.lower(), value)
        host = headers.get(b"host", b"").decode("latin-1")
        if not host_allowed(host, self.allowed_hosts):
            await _refuse(send, 400, "invalid_host", "this service does not answer for that Host")
            return
        if self.token is not None and not _public(scope):
            given = headers.get(b"authorization", b"")
            scheme, _, credential = given.partition(b" ")
            # compare_digest on equal-length digests: the time taken says nothing about the token
            if scheme.lower() != b"bearer" or not hmac.compare_digest(
                    _digest(credential.strip()), _digest(self.token)):
                await _refuse(send, 401, "unauthorized", "send the access token: Authorization: Bearer TOKEN",
                              [(b"www-authenticate", b'Bearer realm="pressqa"')])
                return
        await self.app(scope, receive, send)


def _public(scope: dict) -> bool:
    """The editors' page and its assets: the same files for everyone, holding no data, so a browser
    can load the page that then asks for the token (every API request still needs it)."""
    path = scope.get("path") or ""
    return scope.get("method") in ("GET", "HEAD") and (path == "/" or path.startswith("/static/"))


def _digest(value: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(value).digest()


async def _refuse(send: Any, status: int, code: str, message: str, extra: list | None = None) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close"), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
