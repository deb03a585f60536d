"""The language server: pressqa's findings as diagnostics, its safe fixes as code actions, over LSP on stdio.

* A document is checked when it is opened, when it is saved, and after each
  change once the typing has paused for ``debounce`` seconds; a check whose
  text has changed again by the time it ends is thrown away, never published.
* Settings come from the same place as ``pressqa check``'s: ``--config``, or
  the nearest ``pressqa.toml``/``.pressqa.toml``/``pyproject.toml`` above the
  file (untitled buffers: above the workspace folder).  Saving a config file
  re-reads configuration and re-checks every open document.  A config error is
  shown as one diagnostic on the document's first line.
* Code actions: a quick fix for each fixable finding under the cursor
  (``quickfix``), and "fix all" (``source.fixAll.pressqa``) for the whole file,
  the edits of one pass of :func:`pressqa.run.fixer.apply_fixes`.
* Positions: pressqa counts code points on lines split at CRLF, CR and LF (as
  LSP does); they are sent in the encoding the client and server agreed on
  (UTF-16 unless the client offers another).

pygls and lsprotocol are imported by :func:`build_server` only; the rest of the
module (mapping findings to LSP shapes) is plain data and testable without them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from pressqa import __version__
from pressqa.errors import PressqaError

if TYPE_CHECKING:
    from pressqa.findings import Edit, Finding
    from pressqa.model.document import Document
    from pressqa.run.runner import Runner

SOURCE = "pressqa"
FIX_ALL_KIND = "source.fixAll.pressqa"
DEFAULT_DEBOUNCE = 0.3  # seconds of quiet typing before a changed document is checked
#: Files whose saving changes what every open document is checked with.
CONFIG_NAMES = ("pressqa.toml", ".pressqa.toml", "pyproject.toml")

log = logging.getLogger("pressqa.lsp")

# LSP DiagnosticSeverity: 1 error, 2 warning, 3 information.
_SEVERITY = {"error": 1, "warning": 2, "info": 3}


def uri_to_path(uri: str) -> str | None:
    """The file-system path of a ``file:`` URI; None for other schemes (untitled buffers)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":  # pragma: no cover
        path = path[1:]
    return path


def units(text: str, encoding: str) -> int:
    """The length of *text* in the code units of a position encoding (utf-8, utf-16 or utf-32)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def position(doc: "Document", offset: int, encoding: str) -> dict:
    """The LSP position (0-based line, character in *encoding* units) of a code-point offset."""
    line, column = doc.position(offset)
    start = doc.line_starts[line - 1]
    return {"line": line - 1, "character": units(doc.text[start:start + column - 1], encoding)}


def span(doc: "Document", start: int, end: int, encoding: str) -> dict:
    return {"start": position(doc, start, encoding), "end": position(doc, max(start, end), encoding)}


def diagnostic(doc: "Document", finding: "Finding", encoding: str) -> dict:
    """A finding as an LSP Diagnostic (plain JSON-shaped data)."""
    data: dict[str, Any] = {
        "range": span(doc, finding.start, finding.end, encoding),
        "severity": _SEVERITY[str(finding.severity)],
        "code": finding.rule,
        "source": SOURCE,
        "message": finding.message,
        "data": {"fixable": bool(finding.fix), "suggestion": finding.suggestion, "category": finding.category},
    }
    if finding.link:
        data["codeDescription"] = {"href": finding.link}
    return data


def text_edits(doc: "Document", edits: "tuple[Edit, ...] | list[Edit]", encoding: str) -> list[dict]:
    return [{"range": span(doc, e.start, e.end, encoding), "newText": e.replacement} for e in edits]


def fix_title(finding: "Finding") -> str:
    if finding.suggestion:
        return f"Fix [{finding.rule}]: {finding.suggestion}"
    return f"Fix [{finding.rule}]: {finding.message}"


def _overlaps(a: dict, b: dict) -> bool:
    """Do two LSP ranges touch (an empty range touches what it sits in or at the edge of)?"""
    def key(p: dict) -> tuple[int, int]:
        return (p["line"], p["character"])

    return key(a["start"]) <= key(b["end"]) and key(b["start"]) <= key(a["end"])


@dataclass
class Checked:
    """The last check of one open document: the text and version it was computed on."""

    version: int | None
    doc: "Document"
    findings: list["Finding"] = field(default_factory=list)
    error: str | None = None


class Checker:
    """Checks editor buffers with the settings ``pressqa check`` would use for the same file."""

    def __init__(self, config_path: str | None = None, isolated: bool = False, root: str | None = None) -> None:
        self.config_path = config_path
        self.isolated = isolated
        self.root = root
        self._lock = threading.Lock()
        self._runner: "Runner | None" = None

    def reset(self) -> None:
        """Forget configuration read so far (a config file was saved)."""
        with self._lock:
            self._runner = None

    def _runner_now(self) -> "Runner":
        from pressqa.packs.config import ConfigResolver
        from pressqa.run.runner import Runner

        with self._lock:
            if self._runner is None:
                self._runner = Runner(ConfigResolver(self.config_path, isolated=self.isolated))
            return self._runner

    def check(self, uri: str, text: str, version: int | None) -> Checked:
        """Check one buffer; a configuration error becomes the result's ``error``."""
        from pressqa.inputs import from_text

        path = uri_to_path(uri)
        label = path or uri
        # A Markdown or HTML buffer is read as its file would be (code, markup and front matter
        # are not prose), with positions in the buffer's own text.
        doc = from_text(text, label)
        try:
            runner = self._runner_now()
            # Untitled buffers take the workspace's configuration, as a file at its top would.
            settings = runner.resolver.for_path(path or (os.path.join(self.root, "_") if self.root else None))
            if path and settings.is_excluded(path):
                return Checked(version, doc)
            result = runner.check_document(doc, settings)
        except PressqaError as exc:
            return Checked(version, doc, error=exc.render())
        if doc.source is None:
            return Checked(version, doc, list(result.findings), result.error)
        from pressqa.model.document import Document

        return Checked(version, Document(text, path=label), in_buffer(doc, result.findings), result.error)


def in_buffer(doc: "Document", findings: "list[Finding]") -> "list[Finding]":
    """Findings on the prose of a Markdown or HTML buffer, moved to offsets in the buffer's own
    text (fixes only where the buffer can take them: :meth:`Finding.in_source`)."""
    return [finding.in_source(doc) for finding in findings]


def build_server(checker: Checker, debounce: float = DEFAULT_DEBOUNCE):
    """The pygls LanguageServer with pressqa's handlers (imports pygls)."""
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    server = LanguageServer(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
    # One check at a time, off the event loop so that requests are answered while a check runs.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pressqa-lsp")
    results: dict[str, Checked] = {}
    timers: dict[str, asyncio.TimerHandle] = {}
    converter = server.protocol._converter  # lsprotocol's cattrs converter: plain dicts to typed params

    def encoding() -> str:
        chosen = str(getattr(server.workspace, "position_encoding", None) or "utf-16")
        return chosen if chosen in ("utf-8", "utf-16", "utf-32") else "utf-16"

    def publish(uri: str, checked: Checked) -> None:
        enc = encoding()
        diagnostics = [diagnostic(checked.doc, f, enc) for f in checked.findings]
        if checked.error:
            diagnostics.insert(0, {"range": span(checked.doc, 0, 0, enc), "severity": 1, "source": SOURCE,
                                   "message": checked.error})
        params = types.PublishDiagnosticsParams(
            uri=uri, version=checked.version,
            diagnostics=[converter.structure(d, types.Diagnostic) for d in diagnostics])
        server.text_document_publish_diagnostics(params)

    async def check_now(uri: str) -> Checked | None:
        """Check the buffer as it is now and publish, unless it changed while being checked."""
        timer = timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        try:
            document = server.workspace.get_text_document(uri)
        except KeyError:  # pragma: no cover - closed meanwhile
            return None
        version, text = document.version, document.source
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(pool, checker.check, uri, text, version)
        log.info("checked %s (version %s) in %.0f ms: %d findings", uri, version,
                 (time.perf_counter() - started) * 1000, len(checked.findings))
        current = server.workspace.text_documents.get(uri)
        if current is None or current.version != version or current.source != text:
            return None  # stale: the edit that made it so has scheduled its own check
        results[uri] = checked
        publish(uri, checked)
        return checked

    def schedule(uri: str, delay: float) -> None:
        old = timers.pop(uri, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        timers[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(check_now(uri)))

    @server.feature(types.INITIALIZE)
    def initialize(ls: LanguageServer, params: types.InitializeParams) -> None:
        folders = params.workspace_folders or []
        root = folders[0].uri if folders else params.root_uri
        if root and checker.root is None:
            checker.root = uri_to_path(root)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        await check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        schedule(params.text_document.uri, debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = uri_to_path(uri)
        if path and os.path.basename(path) in CONFIG_NAMES:
            checker.reset()
            for other in list(server.workspace.text_documents):
                if other != uri:
                    await check_now(other)
        await check_now(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        results.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    async def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = ls.workspace.text_documents.get(uri)
        if document is None:
            return []
        checked = results.get(uri)
        if checked is None or checked.version != document.version or checked.doc.text != document.source:
            # Offsets of a stale check would edit the wrong text: check what the editor has now.
            checked = await check_now(uri)
            if checked is None:
                return []
        from pressqa.run.fixer import apply_fixes

        enc = encoding()
        wanted = params.context.only
        requested = converter.unstructure(params.range)
        actions: list[dict] = []
        if not wanted or any(k in (types.CodeActionKind.QuickFix, "quickfix") for k in wanted):
            for finding in checked.findings:
                # Only what 'pressqa fix' would apply (never a change of line breaks, for one).
                if not finding.fix or not apply_fixes(checked.doc.text, [finding]).applied:
                    continue
                diag = diagnostic(checked.doc, finding, enc)
                if not _overlaps(diag["range"], requested):
                    continue
                actions.append({
                    "title": fix_title(finding),
                    "kind": "quickfix",
                    "diagnostics": [diag],
                    "isPreferred": True,
                    "edit": {"changes": {uri: text_edits(checked.doc, finding.fix, enc)}},
                })
        if not wanted or any(str(k) in (FIX_ALL_KIND, "source.fixAll", "source") for k in wanted):
            step = apply_fixes(checked.doc.text, checked.findings)
            edits = [e for applied in step.applied for e in applied.edits]
            if edits:
                actions.append({
                    "title": f"Fix all safe pressqa findings ({len(step.applied)})",
                    "kind": FIX_ALL_KIND,
                    "edit": {"changes": {uri: text_edits(checked.doc, sorted(edits, key=lambda e: e.start), enc)}},
                })
        return [converter.structure(a, types.CodeAction) for a in actions]

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: LanguageServer, params: Any) -> None:
        for timer in timers.values():
            timer.cancel()
        timers.clear()
        pool.shutdown(wait=False, cancel_futures=True)

    return server


def serve_stdio(config_path: str | None = None, isolated: bool = False, debounce: float = DEFAULT_DEBOUNCE) -> None:
    """Run the server on standard input and output until the client says exit."""
    server = build_server(Checker(config_path, isolated), debounce)
    server.start_io()
