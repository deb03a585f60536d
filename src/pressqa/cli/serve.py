"""``pressqa serve``: run the HTTP service (Starlette on uvicorn), on the loopback interface by default."""

from __future__ import annotations

import re
import socket
import sys

import click

from pressqa.cli.main import EXIT_ERROR, fail
from pressqa.errors import ConfigError, PressqaError

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?|b)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}


def parse_size(value: str) -> int:
    """``1048576``, ``512k``, ``1MB``, ``2MiB`` -> bytes (K/M/G are powers of 1024)."""
    m = _SIZE.match(value)
    if not m:
        raise click.BadParameter(f"{value!r} is not a size (e.g. 1048576, 512k, 1M)")
    unit = (m.group(2) or "").lower()[:1]
    return int(m.group(1)) * _UNITS[unit]


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on *host*:*port* (port 0: a free one), IPv4 or IPv6."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    last: OSError | None = None
    for family, kind, proto, _, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(128)
            sock.set_inheritable(True)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError(f"cannot bind {host}:{port}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; the default serves this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0: any free port).")
@click.option("--max-body", default="1M", show_default=True, metavar="SIZE", help="Largest request body accepted (bytes, or with k/M suffix); larger ones get 413.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.01), metavar="SECONDS", help="Time budget of one request; a check that overruns it gets 503.")
@click.option("--threads", default=0, type=click.IntRange(min=0), metavar="N", help="Checks run at once [default: one per core, at least 2].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="Config for requests that bring none (read once, at start).")
@click.option("--isolated", is_flag=True, help="Ignore config files: default rules only.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info", show_default=True)
def serve(host: str, port: int, max_body: str, timeout: float, threads: int, config_path: str | None, isolated: bool,
          log_level: str) -> None:
    """Serve the checker over HTTP: POST /v1/check, POST /v1/fix, GET /v1/rules, /healthz, /openapi.json.

    Needs the 'serve' extra: pip install 'pressqa[serve]'.
    """
    try:
        import uvicorn

        from pressqa.server.app import ServiceOptions, create_app
    except ImportError as exc:
        click.echo(f"pressqa: serve needs Starlette and uvicorn ({exc.name} is missing): pip install 'pressqa[serve]'", err=True)
        sys.exit(EXIT_ERROR)
    options = ServiceOptions(max_body=parse_size(max_body), timeout=timeout, threads=threads,
                             config_path=config_path, isolated=isolated)
    try:
        app = create_app(options)
    except PressqaError as exc:
        fail(exc)
    try:
        sock = bind(host, port)
    except OSError as exc:
        fail(ConfigError(None, f"cannot listen on {host}:{port}: {exc.strerror or exc}"))
    address = sock.getsockname()
    shown = f"[{address[0]}]" if sock.family == socket.AF_INET6 else address[0]
    # One line a supervisor or a test can wait for: the real port, even with --port 0.
    click.echo(f"pressqa: serving on http://{shown}:{address[1]}", err=True)
    sys.stderr.flush()
    config = uvicorn.Config(app, log_level=log_level, lifespan="on", server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
