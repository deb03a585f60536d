"""A small stand-in for a LanguageTool server on 127.0.0.1, for the fault and cache tests.

It answers ``POST /v2/check`` the way LanguageTool does (offsets in UTF-16 code
units), flagging every occurrence of the words in ``WORDS``, or misbehaves on
purpose: ``slow``, ``malformed`` (not JSON), ``no-matches`` (JSON without a
list of matches), ``bad-offset`` (a match past the end of the text), ``500``.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

#: word -> (LanguageTool rule id, category id, issue type, replacement)
WORDS = {
    "goverment": ("MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "government"),
    "has agreed": ("AGREEMENT_SENT_START", "GRAMMAR", "grammar", "have agreed"),
}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def matches_for(text: str) -> list[dict]:
    found = []
    for word, (rule_id, category, issue, replacement) in WORDS.items():
        start = text.find(word)
        while start != -1:
            found.append({
                "message": f"stand-in: {word}",
                "replacements": [{"value": replacement}],
                "offset": utf16_len(text[:start]),
                "length": utf16_len(word),
                "rule": {"id": rule_id, "issueType": issue, "category": {"id": category, "name": category}},
            })
            start = text.find(word, start + 1)
    return found


class StandIn:
    """``with StandIn("slow", delay=2) as server: ... server.url ... server.texts``"""

    def __init__(self, behaviour: str = "ok", delay: float = 0.0, version: str = "6.6", port: int = 0) -> None:
        self.behaviour = behaviour
        self.delay = delay
        self.version = version
        self.texts: list[str] = []  # the texts of check requests, without the empty version probe
        self.requests = 0
        self.connections = 0  # TCP connections accepted (kept-alive connections serve many requests)
        self._open: set = set()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like LanguageTool's own server

            def setup(self) -> None:
                super().setup()
                owner.connections += 1
                owner._open.add(self.connection)

            def finish(self) -> None:
                owner._open.discard(self.connection)
                super().finish()

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                self._send(200, b"OK", "text/plain")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                fields = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
                text = fields.get("text", [""])[0]
                owner.requests += 1
                if text:
                    owner.texts.append(text)
                behaviour = owner.behaviour
                if behaviour == "slow":
                    time.sleep(owner.delay)
                if behaviour == "500":
                    self._send(500, b"Error: java.lang.RuntimeException: stand-in failure\n\tat org.languagetool...", "text/plain")
                    return
                if behaviour == "malformed":
                    self._send(200, b"<html><body>Bad gateway</body></html>", "text/html")
                    return
                body: dict = {"software": {"name": "LanguageTool", "version": owner.version}}
                if behaviour == "bad-offset":
                    body["matches"] = [{"offset": len(text) + 40, "length": 3, "message": "x", "replacements": [],
                                        "rule": {"id": "X", "issueType": "grammar", "category": {"id": "GRAMMAR"}}}]
                elif behaviour != "no-matches":
                    body["matches"] = matches_for(text)
                self._send(200, json.dumps(body).encode("utf-8"), "application/json")

            def _send(self, status: int, payload: bytes, content_type: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (the slow case)

        ThreadingHTTPServer.allow_reuse_address = True  # restarted on the same port at once
        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> "StandIn":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        # like a killed server: kept-alive connections go too
        import socket

        for conn in list(self._open):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def closed_port_url() -> str:
    """A loopback url where nothing listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
