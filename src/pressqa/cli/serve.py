"""``pressqa serve``: run the HTTP service (Starlette on uvicorn), on the loopback interface by default."""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import sys

from typing import Any

import click

from pressqa.cli.main import EXIT_ERROR, fail
from pressqa.errors import ConfigError, PressqaError

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?|b)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
TOKEN_VARIABLE = "PRESSQA_TOKEN"


def parse_size(value: str) -> int:
    """``1048576``, ``512k``, ``1MB``, ``2MiB`` -> bytes (K/M/G are powers of 1024)."""
    m = _SIZE.match(value)
    if not m:
        raise click.BadParameter(f"{value!r} is not a size (e.g. 1048576, 512k, 1M)")
    unit = (m.group(2) or "").lower()[:1]
    return int(m.group(1)) * _UNITS[unit]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_allowed_hosts(host: str) -> tuple[str, ...]:
    """The Host values a server bound to *host* answers to unless ``--allowed-host`` says more."""
    names = list(LOOPBACK_NAMES)
    if not is_loopback(host):
        names += [socket.gethostname(), socket.getfqdn()]
        try:
            if not ipaddress.ip_address(host.strip("[]")).is_unspecified:
                names.append(host.strip("[]"))
        except ValueError:
            names.append(host)  # a host name
    return tuple(dict.fromkeys(n.lower() for n in names if n))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on *host*:*port* (port 0: a free one), IPv4 or IPv6."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    last: OSError | None = None
    for family, kind, proto, _, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(1024)
            sock.set_inheritable(True)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError(f"cannot bind {host}:{port}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; the default serves this machine only. Another address needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0: any free port).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1), metavar="N", help="Server processes (uvicorn's own process manager); each has its own check processes.")
@click.option("--jobs", "--threads", "jobs", default=0, type=click.IntRange(min=0), metavar="N", help="Check processes per server process [default: cores / workers, at least 2].")
@click.option("--max-body", default="1M", show_default=True, metavar="SIZE", help="Largest request body accepted (bytes, or with k/M suffix); larger ones get 413.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.01), metavar="SECONDS", help="Time budget of one request; a check that overruns it gets 503 and its process is killed.")
@click.option("--max-memory", default="2G", show_default=True, metavar="SIZE", help="Address space each check process may use (0: no limit); a check that needs more gets 413.")
@click.option("--max-findings", default=1000, show_default=True, type=click.IntRange(min=1), metavar="N", help="Findings listed per file; the response says when there were more.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Config for requests that bring none (read once, at start).")
@click.option("--isolated", is_flag=True, help="Ignore config files: default rules only.")
@click.option("--allow-client-patterns", is_flag=True, help="Accept regular expressions and message templates in a request's config (refused by default: they run on the server).")
@click.option("--require-languagetool", is_flag=True, help="Answer 503 when LanguageTool is unavailable, instead of a notice in the response.")
@click.option("--token", envvar=TOKEN_VARIABLE, default=None, metavar="TOKEN", help=f"Access token every request must send (Authorization: Bearer TOKEN); required off loopback. Also ${TOKEN_VARIABLE}.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME", help="A Host header value the service answers to (repeatable; '*.example.org' patterns; '*' for any) besides its own names.")
@click.option("--read-timeout", default=15.0, show_default=True, type=click.FloatRange(min=0.1), metavar="SECONDS", help="Time for a request body to arrive (408 after).")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1), metavar="SECONDS", help="Time for request headers to arrive (the connection is closed after).")
@click.option("--keep-alive", default=5, show_default=True, type=click.IntRange(min=1), metavar="SECONDS", help="Idle time before a kept-alive connection is closed.")
@click.option("--max-connections", default=256, show_default=True, type=click.IntRange(min=1), metavar="N", help="Connections and requests at once per server process; more get 503.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info", show_default=True)
def serve(host: str, port: int, workers: int, jobs: int, max_body: str, timeout: float, max_memory: str, max_findings: int,
          config_path: str | None, isolated: bool, allow_client_patterns: bool, require_languagetool: bool,
          token: str | None, allowed_hosts: tuple[str, ...], read_timeout: float, header_timeout: float,
          keep_alive: int, max_connections: int, log_level: str) -> None:
    """Serve the checker over HTTP: POST /v1/check, POST /v1/fix, GET /v1/rules, /healthz, /openapi.json.

    Needs the 'serve' extra: pip install 'pressqa[serve]'.
    """
    try:
        import uvicorn

        from pressqa.server.app import ServiceOptions, create_app
        from pressqa.server.protocol import HeaderTimeoutH11Protocol
    except ImportError as exc:
        click.echo(f"pressqa: serve needs Starlette and uvicorn ({exc.name} is missing): pip install 'pressqa[serve]'", err=True)
        sys.exit(EXIT_ERROR)
    if not is_loopback(host) and not token:
        fail(ConfigError("--host", f"{host} is not a loopback address: set an access token with --token or ${TOKEN_VARIABLE}"))
    hosts = ("*",) if "*" in allowed_hosts else default_allowed_hosts(host) + tuple(h.lower() for h in allowed_hosts)
    options = ServiceOptions(
        max_body=parse_size(max_body), timeout=timeout, jobs=jobs or max(2, (os.cpu_count() or 1) // workers),
        config_path=os.path.abspath(config_path) if config_path else None, isolated=isolated,
        max_findings=max_findings, allow_client_patterns=allow_client_patterns,
        require_languagetool=require_languagetool, read_timeout=read_timeout, token=token or None,
        allowed_hosts=hosts, max_memory=parse_size(max_memory),
    )
    try:
        app = create_app(options)  # also validates the config, before anything listens
    except PressqaError as exc:
        fail(exc)
    try:
        sock = bind(host, port)
    except OSError as exc:
        fail(ConfigError(None, f"cannot listen on {host}:{port}: {exc.strerror or exc}"))
    address = sock.getsockname()
    shown = f"[{address[0]}]" if sock.family == socket.AF_INET6 else address[0]
    os.environ["PRESSQA_HEADER_TIMEOUT"] = str(header_timeout)
    limits: dict[str, Any] = dict(log_level=log_level, lifespan="on", server_header=False, http=HeaderTimeoutH11Protocol,
                  timeout_keep_alive=keep_alive, limit_concurrency=max_connections, backlog=1024,
                  h11_max_incomplete_event_size=16 * 1024, timeout_graceful_shutdown=int(timeout) + 5)
    # One line a supervisor or a test can wait for: the real port, even with --port 0.
    click.echo(f"pressqa: serving on http://{shown}:{address[1]}", err=True)
    sys.stderr.flush()
    try:
        if workers == 1:
            uvicorn.Server(uvicorn.Config(app, **limits)).run(sockets=[sock])
        else:
            from uvicorn.supervisors import Multiprocess

            # Each worker process builds the app from the options in its environment.
            os.environ["PRESSQA_SERVE_OPTIONS"] = options.to_json()
            config = uvicorn.Config("pressqa.server.app:app_from_environment", factory=True, workers=workers, **limits)
            Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
