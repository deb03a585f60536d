"""The HTTP service: a thin shell over the engine, on Starlette and uvicorn.

Endpoints (all answers are JSON)::

    POST /v1/check    {"text": ..., "filename": ..., "config": {...}} or a text/plain body
                      -> the same document as ``pressqa check --format json``
    POST /v1/fix      same input -> {"text": fixed, "diff": unified diff, "fixes": [...], "skipped": [...]}
    GET  /v1/rules    the rules, as ``pressqa rules --format json``
    GET  /healthz     {"status": "ok", "version": ...}
    GET  /openapi.json

Clients never name files: ``filename`` is only the label findings carry, and a
request's ``config`` is validated like a config file, may extend only shipped
packs by name, and every value that names a file (``"format": "path"`` in the
config and option schemas) is refused before anything is read, unless it names
data shipped with pressqa (``names/distinct.yaml``).  A request body over the
cap is answered 413 (the Content-Length is checked first, and streamed bytes
are counted too); a check that overruns the time budget is answered 503.
Checks run in a thread pool, so requests are served concurrently.  Errors are
``{"error": {"code": ..., "message": ...}}`` with a 4xx status.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pressqa import __version__
from pressqa.packs.config import CONFIG_SCHEMA, DEFAULT_PACKS, SECTIONS, Settings, build_settings
from pressqa.model.document import Document
from pressqa.run.engine import Engine
from pressqa.errors import ConfigError, InputError, PressqaError

DEFAULT_MAX_BODY = 1024 * 1024  # 1 MiB
DEFAULT_TIMEOUT = 20.0  # seconds, per request
DEFAULT_FILENAME = "<text>"

#: Config keys a request may use.  Everything else a config file may hold either
#: names files on the server (``include``/``exclude`` globs, a baseline) or is
#: unknown, and is refused with the key named.
REQUEST_CONFIG_KEYS = ("extends", "fail_on", "language", "rules")
#: How a request's config is named in errors; the angle brackets also keep the
#: files its rules name from being looked for on disk (see pressqa.housedata).
REQUEST_LABEL = "<request>"


class ServiceError(Exception):
    """A client error answered as ``{"error": {"code", "message"}}`` with *status*."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


@dataclass(frozen=True)
class ServiceOptions:
    """How one server behaves (set by ``pressqa serve``)."""

    max_body: int = DEFAULT_MAX_BODY
    timeout: float = DEFAULT_TIMEOUT
    threads: int = 0  # 0: one per core, at least 2
    config_path: str | None = None  # the operator's config file (never a client's)
    isolated: bool = False


class SettingsCache:
    """Settings and engines per request config, built once and reused (a small LRU)."""

    def __init__(self, default: Settings, size: int = 64) -> None:
        self.default = default
        self.default_engine = Engine(default)
        self.size = size
        self._items: OrderedDict[str, Engine] = OrderedDict()
        self._lock = threading.Lock()

    def engine(self, config: dict[str, Any] | None) -> Engine:
        if config is None:
            return self.default_engine
        key = json.dumps(config, sort_keys=True, ensure_ascii=False)
        with self._lock:
            engine = self._items.get(key)
            if engine is not None:
                self._items.move_to_end(key)
                return engine
        engine = Engine(settings_from_request(config))
        with self._lock:
            self._items[key] = engine
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return engine


def settings_from_request(config: Any) -> Settings:
    """Validate a request's config exactly like a config file, refusing anything that names a file.

    Every value whose schema says ``"format": "path"`` (config keys, and the
    options of each rule's check type) is looked at before anything is read:
    only shipped pack names (``extends``) and shipped data files
    (``names/distinct.yaml``) pass.  The only files read are pressqa's own.
    """
    from pressqa.packs.loader import file_values, load_packs, validate
    from pressqa.resources import is_shipped_data

    if not isinstance(config, dict):
        raise ServiceError(400, "invalid_config", "'config' must be a JSON object (the keys of a pressqa.toml)")
    for key in config:
        if key not in REQUEST_CONFIG_KEYS:
            if key in SECTIONS:
                reason = f"config key {key!r} is not accepted by the service (allowed: {', '.join(REQUEST_CONFIG_KEYS)})"
            else:
                reason = f"config: {key}: unknown key (allowed: {', '.join(REQUEST_CONFIG_KEYS)})"
            raise ServiceError(400, "invalid_config", reason)
    try:
        validate(config, CONFIG_SCHEMA, REQUEST_LABEL, lambda path: None)
    except ConfigError as exc:
        raise ServiceError(400, "invalid_config", f"config: {exc.key}: {exc.message}") from None
    for key_path, value in file_values(config, CONFIG_SCHEMA):
        if key_path[0] == "extends" and not _is_pack_path(value):
            continue
        raise ServiceError(400, "invalid_config", f"config: {_dotted(key_path)}: {value!r}: "
                           + ("only shipped pack names are accepted, not paths" if key_path[0] == "extends"
                              else "names a file; not accepted by the service"))
    try:
        # Shipped packs only (checked above): the rule types say which options name files.
        packs = load_packs(list(config.get("extends", DEFAULT_PACKS)), None, REQUEST_LABEL)
    except ConfigError as exc:
        where = f"{exc.key}: " if exc.key else ""
        raise ServiceError(400, "invalid_config", f"config: {where}{exc.message}") from None
    for rule_id, body in (config.get("rules") or {}).items():
        rule = packs.rule(rule_id)
        if rule is None or not isinstance(body, dict):
            continue  # an unknown rule or a level: build_settings reports what is wrong
        schema = {"type": "object", "properties": _type_options(rule.type)}
        for key_path, value in file_values(body, schema, ["rules", rule_id]):
            refs = value if isinstance(value, list) else [value]
            for i, ref in enumerate(refs):
                if not is_shipped_data(ref):
                    where = _dotted([*key_path, i] if isinstance(value, list) else key_path)
                    raise ServiceError(400, "invalid_config", f"config: {where}: {ref!r}: names a file; the service "
                                       "accepts only data shipped with pressqa (such as names/distinct.yaml)")
    try:
        return build_settings(config, None, label=REQUEST_LABEL)
    except ConfigError as exc:
        where = f"{exc.key}: " if exc.key else ""
        raise ServiceError(400, "invalid_config", f"config: {where}{exc.message}") from None


def _is_pack_path(ref: Any) -> bool:
    from pressqa.packs.loader import _is_path

    return not isinstance(ref, str) or _is_path(ref) or ref.startswith((".", "~"))


def _dotted(key_path: list[Any]) -> str:
    return ".".join(str(part) for part in key_path)


def _type_options(type_name: str) -> dict[str, dict]:
    from pressqa.checks import load_type

    try:
        return load_type(type_name).options
    except (KeyError, ImportError):
        return {}


# -- reading requests ----------------------------------------------------------------------------


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing more than *limit* bytes whatever the headers claim."""
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
    try:
        async for chunk in request.stream():
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


def _filename(value: Any) -> str:
    if value is None:
        return DEFAULT_FILENAME
    if not isinstance(value, str) or not value or len(value) > 255 or any(ord(c) < 32 for c in value):
        raise ServiceError(400, "invalid_filename", "'filename' must be a label of 1 to 255 printable characters")
    return value


async def parse_text_request(request: Request, limit: int) -> TextRequest:
    """A check or fix request: JSON with ``text``, or a text/plain body."""
    content_type = request.headers.get("content-type", "")
    media_type, _, params = content_type.partition(";")
    media_type = media_type.strip().lower()
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    body = await read_body(request, limit)
    if media_type in ("application/json", "") or media_type.endswith("+json"):
        if media_type == "" and not body.lstrip().startswith(b"{"):
            raise ServiceError(415, "unsupported_media_type", "send application/json or text/plain")
        try:
            payload = json.loads(body.decode(charset or "utf-8"))
        except (UnicodeDecodeError, LookupError):
            raise ServiceError(400, "invalid_encoding", "request body is not valid UTF-8") from None
        except json.JSONDecodeError as exc:
            raise ServiceError(400, "invalid_json", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if not isinstance(payload, dict):
            raise ServiceError(400, "invalid_request", "the JSON body must be an object with 'text'")
        unknown = [k for k in payload if k not in ("text", "filename", "config")]
        if unknown:
            raise ServiceError(400, "invalid_request", f"unknown key {unknown[0]!r} (expected: text, filename, config)")
        if "text" not in payload:
            raise ServiceError(400, "missing_text", "the JSON body has no 'text'")
        if not isinstance(payload["text"], str):
            raise ServiceError(400, "invalid_request", "'text' must be a string")
        config = payload.get("config")
        if config is not None and not isinstance(config, dict):
            raise ServiceError(400, "invalid_config", "'config' must be a JSON object (the keys of a pressqa.toml)")
        text = payload["text"]
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
    """The ASGI application.  *default_settings* serve requests that bring no ``config``."""
    from pressqa.packs.config import ConfigResolver

    options = options or ServiceOptions()
    if default_settings is None:
        default_settings = ConfigResolver(options.config_path, isolated=options.isolated).for_path(None)
    cache = SettingsCache(default_settings)
    threads = options.threads or max(2, os.cpu_count() or 1)
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=threads, thread_name_prefix="pressqa-check")
        state["pool"] = pool
        try:
            yield
        finally:
            # Checks that overran their budget may still be running; do not wait for them.
            pool.shutdown(wait=False, cancel_futures=True)

    async def run_budgeted(started: float, fn: Callable[[], Any]) -> Any:
        remaining = options.timeout - (time.monotonic() - started)
        if remaining <= 0:
            raise ServiceError(503, "time_budget_exceeded", f"request took longer than {options.timeout:g} s",
                               headers={"Retry-After": "1"})
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(state["pool"], fn)
        try:
            return await asyncio.wait_for(future, remaining)
        except asyncio.TimeoutError:
            raise ServiceError(503, "time_budget_exceeded",
                               f"checking took longer than the budget of {options.timeout:g} s",
                               headers={"Retry-After": "1"}) from None

    def check_job(req: TextRequest) -> dict:
        from pressqa.reports import ReportOptions, get

        engine = cache.engine(req.config)
        result = engine.check(Document(req.text, path=req.filename, encoding=req.encoding, bom=req.bom))
        return json.loads(get("json")([result], ReportOptions(tool_version=__version__)))

    def fix_job(req: TextRequest) -> dict:
        from pressqa.run.fixer import fix_text, unified_diff

        engine = cache.engine(req.config)
        doc = Document(req.text, path=req.filename, encoding=req.encoding, bom=req.bom)
        outcome = fix_text(doc, engine)
        return {
            "text": outcome.text,
            "diff": unified_diff(doc.text, outcome.text, req.filename),
            "fixes": [applied.to_dict() for applied in outcome.applied],
            "skipped": [skipped.to_dict() for skipped in outcome.skipped],
            "notices": outcome.notices + outcome.errors,
        }

    async def check(request: Request) -> Response:
        started = time.monotonic()
        req = await parse_text_request(request, options.max_body)
        return JSONResponse(await run_budgeted(started, lambda: check_job(req)))

    async def fix(request: Request) -> Response:
        started = time.monotonic()
        req = await parse_text_request(request, options.max_body)
        return JSONResponse(await run_budgeted(started, lambda: fix_job(req)))

    async def rules(request: Request) -> Response:
        from pressqa.cli.rules import listed_rules, rule_summary

        return JSONResponse([rule_summary(r) for r in listed_rules(default_settings)])

    async def healthz(request: Request) -> Response:
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
                              message.get(exc.status_code, str(exc.detail)), dict(exc.headers or {}))

    async def internal_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, PressqaError):
            return error_response(400, "invalid_input", exc.render())
        return error_response(500, "internal_error", f"{type(exc).__name__}: {exc}")

    routes = [
        Route("/v1/check", check, methods=["POST"]),
        Route("/v1/fix", fix, methods=["POST"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={ServiceError: service_error, HTTPException: http_error, Exception: internal_error},
    )


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
        words = {400: "bad input (JSON, encoding, config, missing text)", 413: f"body over {options.max_body} bytes",
                 415: "unsupported content type", 503: f"over the time budget of {options.timeout:g} s"}
        return {str(s): {"description": words[s], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                for s in statuses}

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
                              **errors(400, 413, 415, 503)},
            }},
            "/v1/fix": {"post": {
                "summary": "Apply the safe fixes to a text",
                "operationId": "fix",
                "parameters": filename_param,
                "requestBody": text_body,
                "responses": {"200": {"description": "the fixed text, its diff and the fixes",
                                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FixResult"}}}},
                              **errors(400, 413, 415, 503)},
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
                    "type": "object", "properties": {"status": {"const": "ok"}, "version": {"type": "string"}}}}}}},
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
                        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
                    "summary": {"type": "object"},
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
                    "notices": {"type": "array", "items": {"type": "string"}},
                },
            },
            "Rule": {"type": "object", "required": ["id", "category", "level"], "properties": {
                "id": {"type": "string"}, "category": {"type": "string"}, "level": {"type": "string"},
                "type": {"type": "string"}, "pack": {"type": "string"}, "description": {"type": "string"},
                "link": {"type": ["string", "null"]}}},
            "Error": error,
        }},
    }
