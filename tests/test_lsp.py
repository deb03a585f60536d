"""The language server, spoken to as an editor would: JSON-RPC over the stdio of a ``pressqa lsp`` subprocess.

The client here is written from the LSP specification (Content-Length framing,
requests, notifications), not taken from pygls, so that it checks what goes
over the wire rather than what pygls thinks of itself.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT

SEED = (ROOT / "samples" / "seed-release.txt").read_text(encoding="utf-8")


class Client:
    """A minimal LSP client over a subprocess's stdin/stdout."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = dict(os.environ)
        self.proc = subprocess.Popen([sys.executable, "-m", "pressqa", "lsp", *args], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.responses: dict[int, dict] = {}
        self.notifications: list[dict] = []
        self.stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.messages.put(json.loads(body.decode("utf-8")))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict | None = None) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        self.next_id += 1
        my_id = self.next_id
        self.send({"id": my_id, "method": method, "params": params})
        message = self.wait(lambda m: m.get("id") == my_id and "method" not in m, timeout)
        assert "error" not in message, message
        return message["result"]

    def wait(self, predicate, timeout: float = 30) -> dict:
        """The first message (kept or new) that *predicate* accepts; others are kept for later."""
        for i, message in enumerate(self.notifications):
            if predicate(message):
                return self.notifications.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out; stderr: {b''.join(self.stderr).decode(errors='replace')}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # a request from the server: answer it
                self.send({"id": message["id"], "result": None})
                continue
            if predicate(message):
                return message
            self.notifications.append(message)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 30) -> dict:
        def match(m: dict) -> bool:
            return (m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") == version))
        return self.wait(match, timeout)["params"]

    def close(self) -> int:
        try:
            self.request("shutdown")
            self.notify("exit")
            return self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


def initialize(client: Client, root: Path, encodings: list[str] | None = None) -> dict:
    capabilities: dict = {"textDocument": {"publishDiagnostics": {"versionSupport": True},
                                           "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                                               "valueSet": ["quickfix", "source.fixAll"]}}}}}
    if encodings:
        capabilities["general"] = {"positionEncodings": encodings}
    result = client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                           "capabilities": capabilities})
    client.notify("initialized", {})
    return result


def open_doc(client: Client, uri: str, text: str, version: int = 1) -> None:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext",
                                                             "version": version, "text": text}})


def at(diagnostics: list[dict], line: int, rule: str) -> dict:
    """The diagnostic of *rule* on 1-based *line*."""
    found = [d for d in diagnostics if d["range"]["start"]["line"] == line - 1 and d["code"] == rule]
    assert len(found) == 1, [(d["range"]["start"]["line"] + 1, d["code"]) for d in diagnostics]
    return found[0]


def text_at(text: str, rng: dict) -> str:
    """The text an LSP range (UTF-16 code units, LF lines) covers."""
    lines = text.split("\n")

    def offset(p: dict) -> int:
        before = sum(len(line) + 1 for line in lines[:p["line"]])
        line16 = lines[p["line"]].encode("utf-16-le")
        return before + len(line16[:p["character"] * 2].decode("utf-16-le"))

    return text[offset(rng["start"]):offset(rng["end"])]


def apply_edits(text: str, edits: list[dict]) -> str:
    lines = text.split("\n")

    def offset(p: dict) -> int:
        return sum(len(line) + 1 for line in lines[:p["line"]]) + p["character"]

    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / "release.txt").write_text(SEED, encoding="utf-8")
    return tmp_path


def test_seed_diagnostics_code_actions_changes_and_shutdown(workspace):
    uri = (workspace / "release.txt").as_uri()
    client = Client("--isolated", "--debounce", "100", cwd=workspace)
    try:
        result = initialize(client, workspace)
        caps = result["capabilities"]
        assert caps["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll.pressqa"]
        assert result["serverInfo"]["name"] == "pressqa"

        started = time.perf_counter()
        open_doc(client, uri, SEED)
        published = client.diagnostics(uri, version=1)
        open_ms = (time.perf_counter() - started) * 1000
        diags = published["diagnostics"]
        assert all(d["source"] == "pressqa" for d in diags)

        # The seed's must-find defects, each at its place (seed-release.expected.md).
        truncated = at(diags, 13, "truncated-sentence")
        assert truncated["severity"] == 1 and text_at(SEED, truncated["range"]) == "minister"
        variant = at(diags, 15, "name-variant")
        assert text_at(SEED, variant["range"]) == "Antony"
        assert text_at(SEED, at(diags, 3, "lowercase-after-full-stop")["range"]) == "Washington. of"
        space = at(diags, 3, "missing-space-after-punctuation")
        assert text_at(SEED, space["range"]) == "Armenia,and" and space["data"]["fixable"] is True
        assert at(diags, 3, "sentence-length")["severity"] == 2
        assert text_at(SEED, at(diags, 3, "country-form")["range"]) == "US"

        # A quick fix for the finding under the cursor, and nothing but safe fixes.
        actions = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": space["range"],
            "context": {"diagnostics": [space], "only": ["quickfix"]}})
        assert [a["kind"] for a in actions] == ["quickfix"]
        (fix,) = actions
        assert fix["title"] == "Fix [missing-space-after-punctuation]: Armenia, and" and fix["isPreferred"]
        fixed = apply_edits(SEED, fix["edit"]["changes"][uri])
        assert "Armenia, and" in fixed and fixed.count("\n") == SEED.count("\n")
        none_here = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": truncated["range"], "context": {"diagnostics": [truncated]}})
        # A truncated sentence has no safe fix; "fix all" is offered wherever the cursor is.
        assert [a["kind"] for a in none_here] == ["source.fixAll.pressqa"]
        fix_all = client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]}})
        assert [a["kind"] for a in fix_all] == ["source.fixAll.pressqa"]
        all_fixed = apply_edits(SEED, fix_all[0]["edit"]["changes"][uri])
        # The same fixes as 'pressqa fix': the blank-line run's fix would change line breaks, which fix never does.
        assert all_fixed == fixed

        # An edit (the quick fix, as the editor sends it back) is checked again after the pause.
        edit = fix["edit"]["changes"][uri][0]
        started = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                 "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
        after = client.diagnostics(uri, version=2)["diagnostics"]
        change_ms = (time.perf_counter() - started) * 1000
        assert not [d for d in after if d["code"] == "missing-space-after-punctuation"]
        assert at(after, 13, "truncated-sentence")

        # Typing fast: only the last version is checked and published.
        for version, words in ((3, "The minister"), (4, "The minister left."), (5, "The minister left early.")):
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [{"text": words}]})
        last = client.diagnostics(uri, timeout=30)
        assert last["version"] == 5
        assert not any(m.get("method") == "textDocument/publishDiagnostics" and m["params"]["version"] in (3, 4)
                       for m in client.notifications)

        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri)["diagnostics"] == []
        print(f"\nlsp: seed opened -> diagnostics in {open_ms:.0f} ms; change -> diagnostics in {change_ms:.0f} ms "
              f"(debounce 100 ms)")
    finally:
        code = client.close()
    assert code == 0


def test_config_discovery_save_and_utf16_positions(workspace):
    """Rules and levels come from the nearest pressqa.toml, as for 'check'; saving it re-checks; columns are UTF-16."""
    (workspace / "pressqa.toml").write_text('[rules]\ntruncated-sentence = "off"\n', encoding="utf-8")
    text = "The 🎉 launch happened in Geneva,and Paris.\n\nAt the same time, the minister\n"
    doc = workspace / "draft.txt"
    doc.write_text(text, encoding="utf-8")
    uri = doc.as_uri()
    client = Client(cwd=workspace)
    try:
        initialize(client, workspace)
        open_doc(client, uri, text)
        diags = client.diagnostics(uri, version=1)["diagnostics"]
        assert "truncated-sentence" not in [d["code"] for d in diags]
        (space,) = [d for d in diags if d["code"] == "missing-space-after-punctuation"]
        # The emoji is two UTF-16 code units: the column after it counts both.
        assert space["range"]["start"] == {"line": 0, "character": text.index("Geneva") + 1}
        assert text_at(text, space["range"]) == "Geneva,and"

        (workspace / "pressqa.toml").write_text('[rules]\ntruncated-sentence = "error"\n', encoding="utf-8")
        config_uri = (workspace / "pressqa.toml").as_uri()
        open_doc(client, config_uri, (workspace / "pressqa.toml").read_text())
        client.notify("textDocument/didSave", {"textDocument": {"uri": config_uri}})
        again = client.diagnostics(uri, version=1)["diagnostics"]
        assert "truncated-sentence" in [d["code"] for d in again]

        # A broken config is one diagnostic at the top, not a crash.
        (workspace / "pressqa.toml").write_text('[rules]\nno-such-rule = "error"\n', encoding="utf-8")
        client.notify("textDocument/didSave", {"textDocument": {"uri": config_uri}})
        broken = client.diagnostics(uri, version=1)["diagnostics"]
        assert len(broken) == 1 and "no-such-rule" in broken[0]["message"] and broken[0]["severity"] == 1
    finally:
        assert client.close() == 0


def test_utf8_position_encoding_when_the_client_prefers_it(workspace):
    text = "Café Geneva,and Paris.\n"
    uri = (workspace / "cafe.txt").as_uri()
    client = Client("--isolated", cwd=workspace)
    try:
        result = initialize(client, workspace, encodings=["utf-8", "utf-16"])
        assert result["capabilities"]["positionEncoding"] == "utf-8"
        open_doc(client, uri, text)
        (space,) = [d for d in client.diagnostics(uri)["diagnostics"] if d["code"] == "missing-space-after-punctuation"]
        assert space["range"]["start"]["character"] == len("Café ".encode("utf-8"))
    finally:
        assert client.close() == 0


def test_missing_config_file_is_one_line_and_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pressqa", "lsp", "--config", str(tmp_path / "nope.toml")],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith("config file not found") and proc.stdout == ""


def test_a_markdown_buffer_is_read_as_markdown_with_positions_and_fixes_in_the_buffer(tmp_path):
    """Code, front matter and markup are not prose; a finding sits where the buffer has it, and its
    fix edits the buffer's own text."""
    from pressqa.lsp.server import Checker, diagnostic, text_edits

    text = ("---\ntitle: Armenia,and Georgia\n---\n\n# Talks\n\n```\nArmenia,and Georgia\n```\n\n"
            "The **delegation** visited Armenia,and then Georgia.\n")
    checked = Checker(isolated=True).check((tmp_path / "release.md").as_uri(), text, 1)
    assert checked.error is None
    found = [f for f in checked.findings if f.rule == "missing-space-after-punctuation"]
    assert len(found) == 1
    where = diagnostic(checked.doc, found[0], "utf-16")["range"]
    assert where["start"]["line"] == 10
    line = text.split("\n")[10]
    assert line[where["start"]["character"]:where["end"]["character"]] == "Armenia,and"
    edits = text_edits(checked.doc, found[0].fix, "utf-16")
    assert apply_edits(text, edits).split("\n")[10] == "The **delegation** visited Armenia, and then Georgia."


def test_an_html_buffer_gets_findings_at_its_own_lines_without_fixes(tmp_path):
    from pressqa.lsp.server import Checker, diagnostic

    text = "<html><body>\n<script>var a = 'Armenia,and';</script>\n<p>The delegation visited Armenia,and Georgia.</p>\n</body></html>\n"
    checked = Checker(isolated=True).check((tmp_path / "page.html").as_uri(), text, 1)
    found = [f for f in checked.findings if f.rule == "missing-space-after-punctuation"]
    assert len(found) == 1 and found[0].fix == ()
    assert diagnostic(checked.doc, found[0], "utf-16")["range"]["start"]["line"] == 2
