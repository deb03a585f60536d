"""The HTTP service: a thin shell over the engine, on Starlette and uvicorn.

Endpoints (all answers are JSON)::

    POST /v1/check    {"text": ..., "filename": ..., "config": {...}} or a text/plain body
                      -> the same document as ``pressqa check --format json``, plus ``notices``
    POST /v1/fix      same input -> {"text": fixed, "diff": unified diff, "fixes": [...], "skipped": [...], "notices": [...]}
    GET  /v1/rules    the rules, as ``pressqa rules --format json``
    GET  /healthz     {"status": "ok", "version": ...}
    GET  /openapi.json

Clients never name files: ``filename`` is only the label findings carry, and a
request's ``config`` is validated like a config file, may extend only shipped
packs by name, and every value that names a file (``"format": "path"`` in the
config and option schemas) is refused before anything is read, unless it names
data shipped with pressqa (``names/distinct.yaml``).  Nor do clients supply what
runs: regular expressions and message templates in a request's config are
refused unless the operator allows them (``--allow-client-patterns``).

A request body over the cap is answered 413 (the Content-Length is checked
first, and streamed bytes are counted too); a body that does not arrive within
the read timeout, 408.  Checks run in a pool of processes
(:mod:`pressqa.server.pool`): a check that overruns the time budget is answered
503 and its process is killed and replaced, so the budget stops the work, and
the other processes keep serving.  Findings are capped per file
(``--max-findings``; the response says so).  When LanguageTool is unavailable
every check and fix response carries a ``languagetool unavailable: ...`` notice
(or is a 503 with ``--require-languagetool``).  Errors are
``{"error": {"code": ..., "message": ...}}`` with a 4xx or 5xx status, and never
carry exception text.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pressqa import __version__
from pressqa.errors import PressqaError
from pressqa.packs.config import Settings
from pressqa.server.guard import Guard
from pressqa.server.jobs import DEFAULT_MAX_FINDINGS, WorkerSpec
from pressqa.server.openapi import openapi_document
from pressqa.server.pool import PoolError, WorkerPool
from pressqa.server.reading import DEFAULT_READ_TIMEOUT, parse_text_request
from pressqa.server.requestconfig import (  # noqa: F401 (re-exported)
    REQUEST_CONFIG_KEYS, REQUEST_LABEL, ServiceError, settings_from_request,
)

log = logging.getLogger("pressqa.server")

DEFAULT_MAX_BODY = 1024 * 1024  # 1 MiB
DEFAULT_TIMEOUT = 20.0  # seconds, per request
#: Seconds between two log lines with the same notice (LanguageTool down: one line, not one per request).
NOTICE_LOG_INTERVAL = 60.0


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


@dataclass(frozen=True)
class ServiceOptions:
    """How one server behaves (set by ``pressqa serve``)."""

    max_body: int = DEFAULT_MAX_BODY
    timeout: float = DEFAULT_TIMEOUT
    jobs: int = 0  # check processes; 0: one per core, at least 2
    config_path: str | None = None  # the operator's config file (never a client's)
    isolated: bool = False
    max_findings: int = DEFAULT_MAX_FINDINGS
    allow_client_patterns: bool = False
    require_languagetool: bool = False
    read_timeout: float = DEFAULT_READ_TIMEOUT
    token: str | None = None  # when set, every request must carry it (Authorization: Bearer ...)
    allowed_hosts: tuple[str, ...] = ()  # Host header values accepted; () for any
    default_config: dict[str, Any] | None = None  # a config table instead of a file (tests)
    setup: str | None = None  # "module:function" each check process runs first (tests)
    max_memory: int = 0  # bytes of address space per check process; 0: no limit

    def worker_spec(self) -> WorkerSpec:
        return WorkerSpec(
            config_path=self.config_path, isolated=self.isolated, default_config=self.default_config,
            setup=self.setup, max_findings=self.max_findings, allow_client_patterns=self.allow_client_patterns,
            require_languagetool=self.require_languagetool,
            # a LanguageTool that hangs must leave time to answer with a notice instead of a 503
            languagetool_timeout=max(self.timeout / 2, 0.5), max_memory=self.max_memory,
        )

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in self.__dict__.items()})

    @classmethod
    def from_json(cls, text: str) -> "ServiceOptions":
        values = json.loads(text)
        values["allowed_hosts"] = tuple(values.get("allowed_hosts") or ())
        return cls(**values)


# -- the application -----------------------------------------------------------------------------


def create_app(options: ServiceOptions | None = None, default_settings: Settings | None = None) -> Starlette:
    """The ASGI application.  *default_settings* are the rules ``/v1/rules`` lists (the check
    processes build their own from the same options)."""
    from pressqa.packs.config import ConfigResolver

    options = options or ServiceOptions()
    if default_settings is None:
        if options.default_config is not None:
            from pressqa.packs.config import build_settings

            default_settings = build_settings(dict(options.default_config), None)
        else:
            default_settings = ConfigResolver(options.config_path, isolated=options.isolated).for_path(None)
    jobs = options.jobs or max(2, os.cpu_count() or 1)
    state: dict[str, Any] = {}
    logged: dict[str, float] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        pool = WorkerPool(jobs, options.worker_spec())
        state["pool"] = pool
        try:
            await pool.start()
        except PoolError as exc:
            pool.close()
            raise RuntimeError(f"pressqa: the check processes did not start: {exc.message}") from None
        try:
            yield
        finally:
            pool.close()

    def note(notices: list[str]) -> None:
        """Log each notice (LanguageTool unavailable...), at most once a minute per notice."""
        now = time.monotonic()
        for notice in notices:
            if now - logged.get(notice, -NOTICE_LOG_INTERVAL) >= NOTICE_LOG_INTERVAL:
                logged[notice] = now
                log.warning("%s", notice)

    async def run(kind: str, request: Request) -> Response:
        started = time.monotonic()
        req = await parse_text_request(request, options.max_body, options.read_timeout)
        try:
            reply = await state["pool"].run(req.job(kind), started + options.timeout)
        except PoolError as exc:
            if exc.kind in ("timeout", "busy"):
                message = (f"checking took longer than the budget of {options.timeout:g} s" if exc.kind == "timeout"
                           else f"the service is busy: no check process was free within {options.timeout:g} s")
                raise ServiceError(503, "time_budget_exceeded", message, headers={"Retry-After": "1"}) from None
            log.error("check failed: %s", exc.message)
            raise ServiceError(503, "unavailable", "the check process failed; try again",
                               headers={"Retry-After": "1"}) from None
        if reply[0] == "error":
            _, status, code, message = reply
            if code == "languagetool_unavailable":
                note([message])
            raise ServiceError(status, code, message, headers={"Retry-After": "5"} if status == 503 else None)
        _, body, notices = reply
        note([n for n in notices if not n.startswith(("findings capped", "fixes capped", "skipped capped"))])
        return Response(body, media_type="application/json")

    async def check(request: Request) -> Response:
        return await run("check", request)

    async def fix(request: Request) -> Response:
        return await run("fix", request)

    async def rules(request: Request) -> Response:
        from pressqa.cli.rules import listed_rules, rule_summary

        return JSONResponse([rule_summary(r) for r in listed_rules(default_settings)])

    async def healthz(request: Request) -> Response:
        # a load balancer takes a server whose check processes could not be restarted out of rotation
        if state["pool"].alive() == 0:
            return JSONResponse({"status": "unavailable", "version": __version__}, status_code=503)
        return JSONResponse({"status": "ok", "version": __version__})

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(options))

    async def service_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceError)
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        codes = {404: "not_found", 405: "method_not_allowed"}
        message = {404: f"no endpoint at {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}
        return error_response(exc.status_code, codes.get(exc.status_code, "http_error"),
                              message.get(exc.status_code, "bad request"), dict(exc.headers or {}))

    async def internal_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, PressqaError):
            return error_response(400, "invalid_input", exc.render())
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal_error", "internal error (logged by the service)")

    routes = [
        Route("/v1/check", check, methods=["POST"]),
        Route("/v1/fix", fix, methods=["POST"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    from pressqa.server.page import page_routes

    routes.extend(page_routes())  # the editors' page at / (pressqa.server.page)
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={ServiceError: service_error, HTTPException: http_error, Exception: internal_error},
    )
    if options.token or options.allowed_hosts:
        app.add_middleware(Guard, token=options.token, allowed_hosts=options.allowed_hosts)
    return app


def app_from_environment() -> Starlette:
    """The application for ``pressqa serve --workers N``: uvicorn starts each worker process with
    this factory, and the options travel in ``$PRESSQA_SERVE_OPTIONS`` (set by ``pressqa serve``)."""
    return create_app(ServiceOptions.from_json(os.environ["PRESSQA_SERVE_OPTIONS"]))
