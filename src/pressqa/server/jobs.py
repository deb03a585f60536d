"""What runs in a check process of the service: settings per request config, check and fix.

The service's front end never runs a check itself: it hands each request to a
process of its pool (:mod:`pressqa.server.pool`), which can be killed when the
request overruns its time budget.  This module is that process's side: it
builds the default engine once, keeps engines for recent request configs, and
answers each job with a reply the front end turns into a response.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pressqa import __version__
from pressqa.errors import BackendError, PressqaError
from pressqa.model.document import Document
from pressqa.packs.config import Settings
from pressqa.run.engine import Engine
from pressqa.server.requestconfig import ServiceError, settings_from_request

log = logging.getLogger("pressqa.server")

DEFAULT_MAX_FINDINGS = 1000
#: The error code of a job that ran out of memory (its process then exits and is replaced).
OUT_OF_MEMORY = "too_large"


@dataclass(frozen=True)
class WorkerSpec:
    """What a check process needs to know; picklable, so it can be sent to a new process."""

    config_path: str | None = None
    isolated: bool = False
    default_config: dict[str, Any] | None = None  # a config table instead of a file (tests)
    setup: str | None = None  # "module:function" run first in each process (tests register check types)
    max_findings: int = DEFAULT_MAX_FINDINGS
    allow_client_patterns: bool = False
    require_languagetool: bool = False
    languagetool_timeout: float | None = None  # the most one LanguageTool request may take
    max_memory: int = 0  # bytes of address space a check process may use; 0: no limit


class Jobs:
    """One process's engines: the default one, and a small LRU of those for request configs."""

    def __init__(self, spec: WorkerSpec, default_settings: Settings | None = None, size: int = 32) -> None:
        from pressqa.backends.languagetool import serve_policy
        from pressqa.packs.config import ConfigResolver, build_settings

        self.spec = spec
        serve_policy(spec.languagetool_timeout)
        overrides = {"languagetool": {"required": True}} if spec.require_languagetool else None
        if default_settings is None:
            if spec.default_config is not None:
                raw = dict(spec.default_config)
                if overrides:
                    raw["languagetool"] = {**(raw.get("languagetool") or {}), "required": True}
                default_settings = build_settings(raw, None)
            else:
                resolver = ConfigResolver(spec.config_path, isolated=spec.isolated, overrides=overrides)
                default_settings = resolver.for_path(None)
        self.default = default_settings
        self.default_engine = Engine(default_settings)
        self.size = size
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._lock = threading.Lock()

    def engine(self, config: dict[str, Any] | None) -> Engine:
        if config is None:
            return self.default_engine
        key = json.dumps(config, sort_keys=True, ensure_ascii=False)
        with self._lock:
            engine = self._engines.get(key)
            if engine is not None:
                self._engines.move_to_end(key)
                return engine
        settings = settings_from_request(config, self.spec.allow_client_patterns)
        # The operator's LanguageTool section holds for every request (a request cannot name one).
        settings.raw = {**settings.raw, "languagetool": self.default.section("languagetool")}
        engine = Engine(settings)
        with self._lock:
            self._engines[key] = engine
            while len(self._engines) > self.size:
                self._engines.popitem(last=False)
        return engine

    def check(self, req: dict[str, Any]) -> dict:
        from pressqa.reports import ReportOptions, get

        result = self.engine(req["config"]).check(_document(req))
        if result.error:
            result.error = _without_internals(result.error)
        cap = self.spec.max_findings
        total = len(result.findings)
        if total > cap:
            result.findings = result.findings[:cap]
        data = json.loads(get("json")([result], ReportOptions(tool_version=__version__)))
        notices = list(dict.fromkeys(result.notices))
        if total > cap:
            data["files"][0]["findings_capped"] = {"limit": cap, "total": total}
            notices.append(f"findings capped: the first {cap} of {total} are listed")
        data["notices"] = notices
        return data

    def fix(self, req: dict[str, Any]) -> dict:
        from pressqa.run.fixer import fix_text, unified_diff

        doc = _document(req)
        engine = _Noticing(self.engine(req["config"]))
        outcome = fix_text(doc, engine)  # type: ignore[arg-type]  # an Engine that keeps its notices
        cap = self.spec.max_findings
        notices = list(dict.fromkeys(engine.notices + outcome.notices + [_without_internals(e) for e in outcome.errors]))
        data: dict[str, Any] = {
            "text": outcome.text,
            "diff": unified_diff(doc.source.text if doc.source is not None else doc.text, outcome.text, req["filename"]),
            "fixes": [applied.to_dict() for applied in outcome.applied[:cap]],
            "skipped": [skipped.to_dict() for skipped in outcome.skipped[:cap]],
        }
        for name, items in (("fixes", outcome.applied), ("skipped", outcome.skipped)):
            if len(items) > cap:
                data[f"{name}_capped"] = {"limit": cap, "total": len(items)}
                notices.append(f"{name} capped: the first {cap} of {len(items)} are listed")
        data["notices"] = notices
        return data

    def run(self, job: dict[str, Any]) -> tuple:
        """One job -> ``("ok", JSON body, notices)`` or ``("error", status, code, message)``; never raises.

        The body is encoded here, so that the front end, which serves every request, only copies bytes.
        """
        from pressqa.backends import languagetool

        left = job.get("time_left")
        # LanguageTool gets at most 60% of what is left of the budget, so that a slow or frozen
        # server leaves time to answer with a notice instead of a 503
        languagetool.POLICY.deadline = time.monotonic() + 0.6 * left if left else None
        try:
            data = self.check(job) if job["kind"] == "check" else self.fix(job)
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            return ("ok", body, data["notices"])
        except ServiceError as exc:
            return ("error", exc.status, exc.code, exc.message)
        except BackendError as exc:
            # only when LanguageTool is required (--require-languagetool): otherwise it is a notice
            return ("error", 503, "languagetool_unavailable", f"languagetool unavailable: {exc.message}")
        except PressqaError as exc:
            return ("error", 400, "invalid_input", exc.render())
        except RecursionError:
            return ("error", 400, "invalid_input", "the input is nested too deeply to check")
        except MemoryError:
            return ("error", 413, OUT_OF_MEMORY, "checking this text needs more memory than the service allows")
        except Exception:  # a bug: logged here with its traceback, never shown to the client
            log.exception("internal error in a check process")
            return ("error", 500, "internal_error", "internal error (logged by the service)")


_INTERNAL = re.compile(r"^(?P<where>.*): internal error in rule (?P<rule>\S+): (?P<type>\w+)")


def _without_internals(error: str) -> str:
    """The engine's line for a rule that raised, without the exception's text (logged here instead);
    MemoryError is raised again, to be answered 413 and the process replaced."""
    m = _INTERNAL.match(error)
    if m is None:
        return error
    if m.group("type") == "MemoryError":
        raise MemoryError
    log.error("%s", error)
    return f"{m.group('where')}: internal error in rule {m.group('rule')} (logged by the service)"


class _Noticing:
    """An engine that keeps the notices of every check (the fixer keeps only its own)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.notices: list[str] = []

    def check(self, doc: Document) -> Any:
        result = self.engine.check(doc)
        self.notices.extend(result.notices)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


def _document(req: dict[str, Any]) -> Document:
    """The request's text read as its filename's format: a ``.md`` or ``.html`` label gets the
    Markdown or HTML reading a file of that name gets from the command line (positions are the
    text's own), anything else is plain text."""
    from pressqa.inputs import from_text

    return from_text(req["text"], req["filename"], encoding=req.get("encoding", "utf-8"), bom=req.get("bom", b""))


def worker_main(conn: Any, spec: WorkerSpec) -> None:
    """A check process: answer jobs from *conn* until the front end closes it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the front end, which stops us
    if spec.max_memory:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (spec.max_memory, spec.max_memory))
        except (ImportError, ValueError, OSError):
            pass  # not on this platform: the time budget still bounds the work
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    if spec.setup:
        import importlib

        module, _, function = spec.setup.partition(":")
        getattr(importlib.import_module(module), function)()
    try:
        jobs = Jobs(spec)
    except PressqaError as exc:
        conn.send(("failed", exc.render()))
        return
    try:  # lazy imports now, not in the first request (LanguageTool left out: it may be slow or down)
        Engine(jobs.default, ignore=["languagetool"]).check(Document("Warm up, the ministers said.\n"))
    except Exception:
        pass
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply = jobs.run(job)
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        if reply[0] == "error" and reply[2] == OUT_OF_MEMORY:
            return  # a fresh process is safer than one that ran out of memory; the pool starts one
