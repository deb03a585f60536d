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

import asyncio
import contextlib
import json
import logging
import os
import time
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pressqa import __version__
from pressqa.errors import InputError, PressqaError
from pressqa.model.document import Document
from pressqa.packs.config import SECTIONS, Settings
from pressqa.server.guard import Guard
from pressqa.server.jobs import DEFAULT_MAX_FINDINGS, WorkerSpec
from pressqa.server.pool import PoolError, WorkerPool
from pressqa.server.requestconfig import (  # noqa: F401 (re-exported)
    MAX_DEPTH, REQUEST_CONFIG_KEYS, REQUEST_LABEL, ServiceError, nesting_depth, settings_from_request,
)

log = logging.getLogger("pressqa.server")

DEFAULT_MAX_BODY = 1024 * 1024  # 1 MiB
DEFAULT_TIMEOUT = 20.0  # seconds, per request
DEFAULT_READ_TIMEOUT = 15.0  # seconds for a request body to arrive
DEFAULT_FILENAME = "<text>"
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


# -- reading requests ----------------------------------------------------------------------------


async def read_body(request: Request, limit: int, timeout: float = DEFAULT_READ_TIMEOUT) -> bytes:
    """The request body, refusing more than *limit* bytes whatever the headers claim, and a body
    that takes longer than *timeout* seconds to arrive (a slow client holds a connection open)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise ServiceError(400, "bad_request", "Content-Length is not a number") from None
        if size > limit:
            raise ServiceError(413, "body_too_large", f"request body of {size} bytes is over the limit of {limit} bytes",
                               headers={"Connection": "close"})
    chunks: list[bytes] = []
    total = 0
    deadline = time.monotonic() + timeout
    stream = request.stream().__aiter__()
    try:
        while True:
            try:
                chunk = await asyncio.wait_for(stream.__anext__(), max(deadline - time.monotonic(), 0.001))
            except StopAsyncIteration:
                break
            except asyncio.TimeoutError:
                raise ServiceError(408, "request_timeout", f"the request body did not arrive within {timeout:g} s",
                                   headers={"Connection": "close"}) from None
            total += len(chunk)
            if total > limit:
                raise ServiceError(413, "body_too_large", f"request body is over the limit of {limit} bytes",
                                   headers={"Connection": "close"})
            chunks.append(chunk)
    except ClientDisconnect:
        raise ServiceError(400, "bad_request", "client disconnected before sending the whole body") from None
    return b"".join(chunks)


@dataclass
class TextRequest:
    text: str
    filename: str
    config: dict[str, Any] | None
    encoding: str = "utf-8"
    bom: bytes = b""

    def job(self, kind: str) -> dict[str, Any]:
        return {"kind": kind, "text": self.text, "filename": self.filename, "config": self.config,
                "encoding": self.encoding, "bom": self.bom}


def _filename(value: Any) -> str:
    if value is None:
        return DEFAULT_FILENAME
    if (not isinstance(value, str) or not value or len(value) > 255 or any(ord(c) < 32 for c in value)
            or _surrogate_at(value) is not None):
        raise ServiceError(400, "invalid_filename", "'filename' must be a label of 1 to 255 printable characters")
    return value


def _surrogate_at(text: str) -> int | None:
    """The index of the first lone surrogate (``"\\ud800"`` in JSON is no character), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _strings(value: Any):
    """Every string in a JSON value, keys too (iteratively: the depth was bounded already)."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)


async def parse_text_request(request: Request, limit: int, read_timeout: float = DEFAULT_READ_TIMEOUT) -> TextRequest:
    """A check or fix request: JSON with ``text``, or a text/plain body."""
    content_type = request.headers.get("content-type", "")
    media_type, _, params = content_type.partition(";")
    media_type = media_type.strip().lower()
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    body = await read_body(request, limit, read_timeout)
    if media_type in ("application/json", "") or media_type.endswith("+json"):
        if media_type == "" and not body.lstrip().startswith(b"{"):
            raise ServiceError(415, "unsupported_media_type", "send application/json or text/plain")
        try:
            payload = json.loads(body.decode(charset or "utf-8"))
        except (UnicodeDecodeError, LookupError):
            raise ServiceError(400, "invalid_encoding", "request body is not valid UTF-8") from None
        except json.JSONDecodeError as exc:
            raise ServiceError(400, "invalid_json", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        except RecursionError:
            raise ServiceError(400, "invalid_json", f"JSON nested too deeply (at most {MAX_DEPTH} levels)") from None
        if nesting_depth(payload) > MAX_DEPTH:
            raise ServiceError(400, "invalid_json", f"JSON nested too deeply (at most {MAX_DEPTH} levels)")
        if not isinstance(payload, dict):
            raise ServiceError(400, "invalid_request", "the JSON body must be an object with 'text'")
        unknown = [k for k in payload if k not in ("text", "filename", "config")]
        if unknown:
            raise ServiceError(400, "invalid_request", f"unknown key {unknown[0]!r} (expected: text, filename, config)"
                               if _surrogate_at(unknown[0]) is None else "unknown key (expected: text, filename, config)")
        if "text" not in payload:
            raise ServiceError(400, "missing_text", "the JSON body has no 'text'")
        if not isinstance(payload["text"], str):
            raise ServiceError(400, "invalid_request", "'text' must be a string")
        text = payload["text"]
        at = _surrogate_at(text)
        if at is not None:
            raise ServiceError(400, "invalid_text", f"'text' has a lone surrogate (\\u{ord(text[at]):04x}) at character {at}: "
                               "it is no Unicode character; send valid Unicode")
        config = payload.get("config")
        if config is not None and not isinstance(config, dict):
            raise ServiceError(400, "invalid_config", "'config' must be a JSON object (the keys of a pressqa.toml)")
        if config is not None and any(_surrogate_at(s) is not None for s in _strings(config)):
            raise ServiceError(400, "invalid_config", "'config' has a lone surrogate (an escape such as \\ud800 "
                               "that is no Unicode character)")
        if text.startswith("\ufeff"):
            text = text[1:]
        return TextRequest(text, _filename(payload.get("filename")), config)
    if media_type == "text/plain":
        filename = _filename(request.query_params.get("filename"))
        try:
            doc = Document.from_bytes(body, filename, charset)
        except InputError as exc:
            raise ServiceError(400, "invalid_encoding", exc.message) from None
        return TextRequest(doc.text, filename, None, doc.encoding, doc.bom)
    raise ServiceError(415, "unsupported_media_type", f"unsupported content type {media_type!r}; send application/json or text/plain")


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


# -- OpenAPI ---------------------------------------------------------------------------------------


def openapi_document(options: ServiceOptions) -> dict:
    """The OpenAPI 3.1 description of the service; the config schema is the one config files are checked with."""
    config_schema = {
        "type": "object",
        "description": "The keys of a pressqa.toml that a request may use; 'extends' takes shipped pack names only.",
        "properties": {key: SECTIONS[key] for key in REQUEST_CONFIG_KEYS},
        "additionalProperties": False,
    }
    finding = {
        "type": "object",
        "required": ["rule", "category", "severity", "line", "column", "end_line", "end_column", "message"],
        "properties": {
            "rule": {"type": "string"},
            "category": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1, "description": "in characters (code points)"},
            "end_line": {"type": "integer", "minimum": 1},
            "end_column": {"type": "integer", "minimum": 1},
            "message": {"type": "string"},
            "suggestion": {"type": ["string", "null"]},
            "fixable": {"type": "boolean"},
            "link": {"type": ["string", "null"]},
        },
    }
    applied_fix = {
        "type": "object",
        "required": ["rule", "line", "column", "message"],
        "properties": {**{k: v for k, v in finding["properties"].items() if k not in ("end_line", "end_column")},
                       "pass": {"type": "integer", "minimum": 1}, "reason": {"type": "string"}},
    }
    text_request = {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "the release to check"},
            "filename": {"type": "string", "maxLength": 255, "description": "a label for the findings; never read"},
            "config": {"$ref": "#/components/schemas/Config"},
        },
    }
    error = {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "object", "required": ["code", "message"],
                                 "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
    }

    def errors(*statuses: int) -> dict:
        words = {400: "bad input (JSON, encoding, config, missing text)", 401: "missing or wrong access token",
                 408: f"the body did not arrive within {options.read_timeout:g} s",
                 413: f"body over {options.max_body} bytes", 415: "unsupported content type",
                 503: f"over the time budget of {options.timeout:g} s, or LanguageTool required and unavailable"}
        return {str(s): {"description": words[s], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                for s in statuses}

    capped = {"type": "object", "description": f"present when more than --max-findings ({options.max_findings}) were found",
              "properties": {"limit": {"type": "integer"}, "total": {"type": "integer"}}}
    notices = {"type": "array", "items": {"type": "string"},
               "description": "one-line remarks, such as 'languagetool unavailable: ...' when grammar and spelling were skipped"}
    text_body = {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/TextRequest"}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
    filename_param = [{"name": "filename", "in": "query", "required": False, "schema": {"type": "string"},
                       "description": "label for a text/plain body"}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "pressqa", "version": __version__,
                 "description": "Lint press releases: findings with line and column, and safe fixes."},
        "paths": {
            "/v1/check": {"post": {
                "summary": "Check a text; the same JSON as pressqa check --format json",
                "operationId": "check",
                "parameters": filename_param,
                "requestBody": text_body,
                "responses": {"200": {"description": "the report",
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                              **errors(400, 401, 408, 413, 415, 503)},
            }},
            "/v1/fix": {"post": {
                "summary": "Apply the safe fixes to a text",
                "operationId": "fix",
                "parameters": filename_param,
                "requestBody": text_body,
                "responses": {"200": {"description": "the fixed text, its diff and the fixes",
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FixResult"}}}},
                              **errors(400, 401, 408, 413, 415, 503)},
            }},
            "/v1/rules": {"get": {
                "summary": "The rules the service runs",
                "operationId": "rules",
                "responses": {"200": {"description": "rules", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}}},
            }},
            "/healthz": {"get": {
                "summary": "Liveness",
                "operationId": "healthz",
                "responses": {"200": {"description": "alive", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"status": {"const": "ok"}, "version": {"type": "string"}}}}}},
                    "503": {"description": "no check process is running (take this server out of rotation)"}},
            }},
        },
        "components": {"schemas": {
            "Config": config_schema,
            "TextRequest": text_request,
            "Finding": finding,
            "Report": {
                "type": "object",
                "required": ["schema_version", "tool", "files", "summary"],
                "properties": {
                    "schema_version": {"type": "integer"},
                    "tool": {"type": "object"},
                    "files": {"type": "array", "items": {"type": "object", "required": ["path", "findings"], "properties": {
                        "path": {"type": "string"}, "error": {"type": "string"},
                        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                        "findings_capped": capped}}},
                    "summary": {"type": "object"},
                    "notices": notices,
                },
            },
            "AppliedFix": applied_fix,
            "FixResult": {
                "type": "object",
                "required": ["text", "diff", "fixes", "skipped"],
                "properties": {
                    "text": {"type": "string"},
                    "diff": {"type": "string", "description": "unified diff; empty when nothing changed"},
                    "fixes": {"type": "array", "items": {"$ref": "#/components/schemas/AppliedFix"}},
                    "skipped": {"type": "array", "items": {"$ref": "#/components/schemas/AppliedFix"}},
                    "fixes_capped": capped,
                    "skipped_capped": capped,
                    "notices": notices,
                },
            },
            "Rule": {"type": "object", "required": ["id", "category", "level"], "properties": {
                "id": {"type": "string"}, "category": {"type": "string"}, "level": {"type": "string"},
                "type": {"type": "string"}, "pack": {"type": "string"}, "description": {"type": "string"},
                "link": {"type": ["string", "null"]}}},
            "Error": error,
        }},
    }
