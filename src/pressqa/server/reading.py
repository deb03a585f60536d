"""Reading a check or fix request: the body within its size and time limits, JSON or plain text,
and every way a client's input can be malformed answered 4xx with a clear message."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

from starlette.requests import ClientDisconnect, Request

from pressqa.errors import InputError
from pressqa.model.document import Document
from pressqa.server.requestconfig import MAX_DEPTH, ServiceError, nesting_depth

DEFAULT_READ_TIMEOUT = 15.0  # seconds for a request body to arrive
DEFAULT_FILENAME = "<text>"


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
    from pressqa.inputs import format_for, unsupported

    why = unsupported(value) or (f"{value}: a Word (.docx) file is not text; send its text, or check it with "
                                 "'pressqa check'" if format_for(value) == "docx" else None)
    if why:
        raise ServiceError(415, "unsupported_media_type", why)
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
