"""The OpenAPI 3.1 description of the service (``GET /openapi.json``); the config schema is the one
config files are checked with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pressqa import __version__
from pressqa.packs.config import SECTIONS
from pressqa.server.requestconfig import REQUEST_CONFIG_KEYS

if TYPE_CHECKING:
    from pressqa.server.app import ServiceOptions


def openapi_document(options: ServiceOptions) -> dict:
    """The OpenAPI 3.1 description of the service; the config schema is the one config files are checked with."""
    config_schema = {
        "type": "object",
        "description": "The keys of a pressqa.toml that a request may use; 'extends' takes shipped pack names only.",
        "properties": {key: SECTIONS[key] for key in REQUEST_CONFIG_KEYS},
        "additionalProperties": False,
    }
    finding: dict[str, Any] = {
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
