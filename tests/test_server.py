"""The HTTP service, over real HTTP on a free loopback port.

Most tests talk to ``pressqa serve`` started as a subprocess (the real command,
uvicorn and all).  The concurrency and time-budget tests run the same app in
uvicorn in a thread, with a test-only check type that blocks, so that they
prove their point without depending on how fast this machine is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor

import httpx

from pressqa.packs.config import SECTIONS
from pressqa.model.document import Document as Document_
import pytest

from conftest import ROOT

SEED = (ROOT / "samples" / "seed-release.txt").read_text(encoding="utf-8")
LINE = "Secretary of the Security Council of Armenia,and the two sides agreed."


# -- the real command in a subprocess --------------------------------------------------------------


def start_server(tmp_path_factory, *args: str) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ, PRESSQA_CACHE_DIR=str(tmp_path_factory.getbasetemp() / "pressqa-cache"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressqa", "serve", "--port", "0", "--isolated", "--log-level", "warning", *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path_factory.getbasetemp(),
    )
    deadline = time.monotonic() + 30
    url = None
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("pressqa: serving on "):
            url = line.split()[-1]
            break
    if url is None:
        proc.kill()
        raise AssertionError(f"server did not start: {proc.stderr.read()}")
    # Keep reading stderr so the server never blocks on a full pipe.
    threading.Thread(target=proc.stderr.read, daemon=True).start()
    for _ in range(100):
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    return proc, url


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, url = start_server(tmp_path_factory)
    yield url
    stop_server(proc)


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def check_json_cli(text: str, filename: str) -> dict:
    """What ``pressqa check --format json`` prints for *text* read as *filename*."""
    proc = subprocess.run([sys.executable, "-m", "pressqa", "check", "--isolated", "--format", "json", "-",
                           "--stdin-filename", filename], input=text.encode(), capture_output=True)
    return json.loads(proc.stdout)


# -- endpoints -------------------------------------------------------------------------------------


def test_server_listens_on_loopback_only(server):
    assert server.startswith("http://127.0.0.1:")


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_check_json_is_the_same_as_the_cli(client):
    r = client.post("/v1/check", json={"text": SEED, "filename": "seed-release.txt"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    data = r.json()
    assert data.pop("notices") == []  # the service adds its notices to the report
    assert data == check_json_cli(SEED, "seed-release.txt")
    found = [(f["rule"], f["line"], f["column"]) for f in r.json()["files"][0]["findings"]]
    assert ("missing-space-after-punctuation", 3, 561) in found


def test_check_text_plain_body(client):
    r = client.post("/v1/check", content=LINE.encode(), params={"filename": "plain.txt"},
                    headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200
    data = r.json()
    data.pop("notices")
    assert data == check_json_cli(LINE, "plain.txt")


def test_check_text_plain_utf16_with_bom(client):
    body = b"\xff\xfe" + f"Title\r\n\r\n{LINE}\r\n".encode("utf-16-le")
    r = client.post("/v1/check", content=body, headers={"content-type": "text/plain"})
    assert r.status_code == 200
    [finding] = [f for f in r.json()["files"][0]["findings"] if f["rule"] == "missing-space-after-punctuation"]
    assert (finding["line"], finding["column"]) == (3, 38)
    assert r.json()["files"][0]["path"] == "<text>"


def test_check_with_request_config(client):
    r = client.post("/v1/check", json={"text": LINE, "config": {"rules": {"missing-space-after-punctuation": "warning"}}})
    assert r.status_code == 200
    assert r.json()["files"][0]["findings"][0]["severity"] == "warning"
    off = client.post("/v1/check", json={"text": LINE, "config": {"rules": {"missing-space-after-punctuation": "off"}}})
    assert off.json()["files"][0]["findings"] == []


def test_fix_returns_text_diff_and_fixes(client):
    text = f"Title\r\n\r\n{LINE}\r\nOne,two."
    r = client.post("/v1/fix", json={"text": text, "filename": "r.txt"})
    assert r.status_code == 200
    data = r.json()
    assert data["text"] == f"Title\r\n\r\n{LINE.replace(',and', ', and')}\r\nOne, two."
    assert data["diff"].startswith("--- a/r.txt\n+++ b/r.txt\n")
    assert "\n-One,two.\n\\ No newline at end of file\n" in data["diff"]
    assert data["diff"].endswith("\n+One, two.\n\\ No newline at end of file\n")
    assert [(f["rule"], f["line"], f["column"]) for f in data["fixes"]] == [
        ("missing-space-after-punctuation", 3, 38), ("missing-space-after-punctuation", 4, 1)]
    assert data["skipped"] == []
    again = client.post("/v1/fix", json={"text": data["text"], "filename": "r.txt"}).json()
    assert again["text"] == data["text"] and again["diff"] == "" and again["fixes"] == []


def test_rules_lists_like_the_cli(client):
    r = client.get("/v1/rules")
    proc = subprocess.run([sys.executable, "-m", "pressqa", "rules", "--isolated", "--format", "json"], capture_output=True)
    assert r.status_code == 200
    assert r.json() == json.loads(proc.stdout)


def test_openapi_document_is_valid_and_describes_the_endpoints(client):
    from openapi_spec_validator import validate

    r = client.get("/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/v1/check", "/v1/fix", "/v1/rules", "/healthz"}
    check = spec["paths"]["/v1/check"]["post"]
    assert set(check["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert {"200", "400", "413", "415", "503"} <= set(check["responses"])
    assert set(spec["components"]["schemas"]["Config"]["properties"]) == {"extends", "fail_on", "language", "rules"}


# -- bad input: clear JSON errors ------------------------------------------------------------------


@pytest.mark.parametrize("kwargs,status,code,words", [
    ({"content": b'{"text": ', "headers": {"content-type": "application/json"}}, 400, "invalid_json", "invalid JSON at line 1"),
    ({"content": b'{"text": "caf\xe9"}', "headers": {"content-type": "application/json"}}, 400, "invalid_encoding", "not valid UTF-8"),
    ({"content": b"caf\xe9", "headers": {"content-type": "text/plain"}}, 400, "invalid_encoding", "not valid UTF-8"),
    ({"json": {"filename": "a.txt"}}, 400, "missing_text", "no 'text'"),
    ({"json": ["a list"]}, 400, "invalid_request", "must be an object"),
    ({"json": {"text": 42}}, 400, "invalid_request", "'text' must be a string"),
    ({"json": {"text": "x", "path": "/etc/passwd"}}, 400, "invalid_request", "unknown key 'path'"),
    ({"json": {"text": "x", "filename": "a\nb"}}, 400, "invalid_filename", "printable"),
    ({"json": {"text": "x", "config": []}}, 400, "invalid_config", "must be a JSON object"),
    ({"json": {"text": "x", "config": {"colour": "red"}}}, 400, "invalid_config", "colour: unknown key"),
    ({"json": {"text": "x", "config": {"fail_on": "loud"}}}, 400, "invalid_config", "fail_on: 'loud' is not one of"),
    ({"json": {"text": "x", "config": {"rules": {"no-such-rule": "off"}}}}, 400, "invalid_config", "rules.no-such-rule: unknown rule id"),
    ({"json": {"text": "x", "config": {"rules": {"missing-space-after-punctuation": {"colour": 1}}}}}, 400, "invalid_config",
     "rules.missing-space-after-punctuation.colour: unknown key"),
    ({"json": {"text": "x", "config": {"extends": ["/etc/house.yaml"]}}}, 400, "invalid_config", "only shipped pack names"),
    ({"json": {"text": "x", "config": {"extends": ["house.yaml"]}}}, 400, "invalid_config", "only shipped pack names"),
    ({"json": {"text": "x", "config": {"extends": ["no-such-pack"]}}}, 400, "invalid_config", "unknown pack 'no-such-pack'"),
    ({"json": {"text": "x", "config": {"exclude": ["*"]}}}, 400, "invalid_config", "'exclude' is not accepted by the service"),
    ({"json": {"text": "x", "config": {"baseline": "b.json"}}}, 400, "invalid_config", "baseline"),
    ({"content": b"<p>x</p>", "headers": {"content-type": "text/html"}}, 415, "unsupported_media_type", "text/html"),
])
def test_bad_input_gets_a_json_error(client, kwargs, status, code, words):
    r = client.post("/v1/check", **kwargs)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert error["code"] == code
    assert words in error["message"]
    fix = client.post("/v1/fix", **kwargs)
    assert fix.status_code == status and fix.json()["error"]["code"] == code


def test_unknown_path_and_wrong_method_are_json_errors(client):
    r = client.get("/v1/nothing")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.get("/v1/check")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


# -- a request never names a file on the server ----------------------------------------------------


@pytest.fixture()
def reads(monkeypatch):
    """Every data file the name and title checks open, recorded (shipped ones are really read)."""
    from pressqa.packs import housedata

    seen: list[str] = []
    real = housedata._read

    def spy(ref, rule, option):
        seen.append(ref)
        return real(ref, rule, option)

    monkeypatch.setattr(housedata, "_read", spy)
    return seen


@pytest.mark.parametrize("rule_id,option", [
    ("name-variant", "names_files"), ("title-case", "titles_files"), ("country-form", "titles_files"),
])
def test_a_request_naming_a_file_is_refused_before_anything_is_read(client, tmp_path, reads, rule_id, option):
    from pressqa.server.app import ServiceError, settings_from_request

    # A valid data file that exists: if the service opened it, the request would succeed.
    house = tmp_path / "house.yaml"
    house.write_text("names:\n  - name: Ruben Vardanyan\n" if option == "names_files" else "titles: [Ambassador]\n",
                     encoding="utf-8")
    config = {"rules": {rule_id: {option: [str(house)]}}}
    with pytest.raises(ServiceError) as caught:
        settings_from_request(config)
    assert caught.value.status == 400
    assert f"rules.{rule_id}.{option}.0" in caught.value.message
    assert reads == []
    r = client.post("/v1/check", json={"text": "Ruben Vardanian spoke.", "config": config})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_config" and f"rules.{rule_id}.{option}.0" in error["message"]


@pytest.mark.parametrize("ref", ["/etc/passwd", "../names/distinct.yaml", "names/../../../../etc/passwd.yaml",
                                 "~/names.yaml", "./names/distinct.yaml", "names//distinct.yaml", "names/nonexistent.yaml"])
def test_only_shipped_data_references_pass(ref, reads):
    from pressqa.server.app import ServiceError, settings_from_request

    with pytest.raises(ServiceError, match="names a file"):
        settings_from_request({"rules": {"name-variant": {"names_files": ["names/distinct.yaml", ref]}}})
    assert reads == []


def test_shipped_data_references_are_read_from_the_package_not_the_servers_folder(tmp_path, monkeypatch, reads):
    from pressqa.run.engine import Engine
    from pressqa.server.app import settings_from_request

    # A decoy beside the server: the request's reference must not reach it.
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / "distinct.yaml").write_text("not: [a names list\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = settings_from_request({"rules": {"name-variant": {"names_files": ["names/distinct.yaml"], "min_length": 5}}})
    result = Engine(settings).check(Document_("Ruben Vardanyan spoke.\n\nLater Ruben Vardanian left."))
    assert result.error is None
    assert "names/distinct.yaml" in reads
    assert any(f.rule == "name-variant" for f in result.findings)


def test_shipped_data_references_and_the_defaults_work_over_http(client):
    text = "Ruben Vardanyan spoke.\n\nLater Ruben Vardanian left."
    for config in ({"rules": {"name-variant": {"names_files": ["names/distinct.yaml", "names/example.yaml"]}}},
                   {"rules": {"title-case": {"titles_files": ["titles/en.yaml"]}}},
                   {"rules": {"name-variant": {"min_length": 6}}},
                   {"extends": ["press", "ap"]}):
        r = client.post("/v1/check", json={"text": text, "config": config})
        assert r.status_code == 200, (config, r.text)
    r = client.post("/v1/check", json={"text": text, "config": {"rules": {"name-variant": {"min_length": 6}}}})
    assert any(f["rule"] == "name-variant" for f in r.json()["files"][0]["findings"])


def test_every_option_that_names_a_file_is_marked():
    """The service trusts ``"format": "path"``: an option or config key that reads a file must carry it."""
    from pressqa.checks import REGISTRY, load_type

    marked = set()
    for type_name in REGISTRY:
        for option, schema in load_type(type_name).options.items():
            if schema.get("format") == "path":
                marked.add(option)
    assert marked == {"names_files", "titles_files"}
    assert SECTIONS["baseline"]["format"] == "path"
    assert SECTIONS["accept_file"]["format"] == "path"
    assert SECTIONS["extends"]["items"]["format"] == "path"


# -- the body cap ----------------------------------------------------------------------------------


def test_body_just_under_the_cap_is_accepted(client):
    filler = "x" * (1024 * 1024 - 200)
    body = json.dumps({"text": filler}).encode()
    assert len(body) < 1024 * 1024
    r = client.post("/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200


def test_body_over_the_cap_by_content_length_is_413(server):
    body = json.dumps({"text": "x" * (1024 * 1024)}).encode()
    with httpx.Client(base_url=server, timeout=30) as c:  # the server closes this connection
        r = c.post("/v1/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "body_too_large"


def test_streamed_body_over_the_cap_is_413(server):
    def chunks():  # no Content-Length: the server has to count
        for _ in range(40):
            yield b"y" * 32768

    with httpx.Client(base_url=server, timeout=30) as c:
        r = c.post("/v1/check", content=chunks(), headers={"content-type": "text/plain"})
    assert "content-length" not in r.request.headers
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "body_too_large"


def test_smaller_cap_from_the_command_line(tmp_path_factory):
    proc, url = start_server(tmp_path_factory, "--max-body", "1k")
    try:
        ok = httpx.post(f"{url}/v1/check", json={"text": "a" * 900}, timeout=10)
        big = httpx.post(f"{url}/v1/check", json={"text": "a" * 1100}, timeout=10)
    finally:
        stop_server(proc)
    assert ok.status_code == 200
    assert big.status_code == 413
    assert "over the limit of 1024 bytes" in big.json()["error"]["message"]


def test_serve_reports_a_bad_config_in_one_line(tmp_path):
    bad = tmp_path / "pressqa.toml"
    bad.write_text("colour = 'red'\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pressqa", "serve", "--port", "0", "--config", str(bad)],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"pressqa: {bad}:1: colour: unknown key (expected one of: "
                                                + ", ".join(sorted(SECTIONS)) + ")"]


# -- concurrency and the time budget: uvicorn in a thread, checks in killable processes ---------------


@pytest.fixture(scope="module")
def threaded_server(tmp_path_factory):
    import socket

    import uvicorn

    import slowcheck
    from pressqa.server.app import ServiceOptions, create_app

    slowcheck.register()  # for the front end's /v1/rules; each check process registers it too
    folder = tmp_path_factory.mktemp("pack")
    pack = folder / "slow.yaml"
    pack.write_text(slowcheck.PACK, encoding="utf-8")
    pids = folder / "pids.txt"
    os.environ["PRESSQA_TEST_PIDS"] = str(pids)
    options = ServiceOptions(timeout=3.0, jobs=2, default_config={"extends": ["press", str(pack)]},
                             setup="slowcheck:register", max_memory=1024 ** 3)
    app = create_app(options)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200 and server.started:
                break
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    yield types.SimpleNamespace(url=url, pids=pids)
    server.should_exit = True
    thread.join(10)
    sock.close()
    os.environ.pop("PRESSQA_TEST_PIDS", None)


def test_requests_are_served_concurrently(threaded_server):
    # Two checks that each sleep 1.5 s finish in about 1.5 s, not 3.
    def call(i):
        return httpx.post(f"{threaded_server.url}/v1/check", json={"text": f"SLEEP 1.5 {i}"}, timeout=30)

    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        responses = list(pool.map(call, range(2)))
    elapsed = time.monotonic() - started
    for r in responses:
        assert r.status_code == 200, r.text
        assert [f["rule"] for f in r.json()["files"][0]["findings"]] == ["slow"]
    assert elapsed < 2.7, elapsed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:  # a zombie is dead too
            return handle.read().split(") ")[-1][:1] != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False  # gone, or reaped between the two looks (the read then fails with ESRCH)


def test_the_budget_stops_the_work_and_other_requests_are_served(threaded_server):
    # Two checks that would spin for ever, on both check processes: 503 at the budget...
    def spin(i):
        return httpx.post(f"{threaded_server.url}/v1/check", json={"text": f"SPIN {i}"}, timeout=30)

    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        responses = list(pool.map(spin, range(2)))
    assert time.monotonic() - started < 5.5  # the budget is 3 s
    for r in responses:
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "time_budget_exceeded"
        assert r.headers["retry-after"] == "1"
    # ...and the processes that ran them are gone (the work stopped, not only the wait)...
    pids = [int(line) for line in threaded_server.pids.read_text().split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in pids)
    # ...while a small request right after is answered at once by their replacements.
    started = time.monotonic()
    ok = httpx.post(f"{threaded_server.url}/v1/check", json={"text": LINE}, timeout=30)
    assert ok.status_code == 200, ok.text
    assert time.monotonic() - started < 2.0  # (a new check process is ready in ~0.1 s)
    assert httpx.get(f"{threaded_server.url}/healthz", timeout=5).status_code == 200


def test_a_check_that_runs_out_of_memory_is_413_and_its_process_replaced(threaded_server):
    r = httpx.post(f"{threaded_server.url}/v1/check", json={"text": "HOG"}, timeout=30)
    assert r.status_code == 413, r.text
    assert r.json()["error"] == {"code": "too_large",
                                 "message": "checking this text needs more memory than the service allows"}
    for _ in range(3):  # both processes, the replacement among them, answer
        ok = httpx.post(f"{threaded_server.url}/v1/check", json={"text": LINE}, timeout=30)
        assert ok.status_code == 200, ok.text


def test_a_rule_that_raises_is_reported_without_its_exception_text(threaded_server):
    for endpoint in ("/v1/check", "/v1/fix"):
        r = httpx.post(f"{threaded_server.url}{endpoint}", json={"text": f"BOOM {LINE}"}, timeout=30)
        assert r.status_code == 200, r.text
        assert "secret" not in r.text and "ValueError" not in r.text
    check = httpx.post(f"{threaded_server.url}/v1/check", json={"text": "BOOM"}, timeout=30).json()
    assert check["files"][0]["error"] == "<text>: internal error in rule slow (logged by the service)"


# -- the service stays out of the way of everything else ---------------------------------------------


def test_check_and_fix_do_not_import_the_web_stack():
    code = ("import sys, pressqa.cli.check, pressqa.cli.fix, pressqa.run.runner, pressqa.run.fixer\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'httpx', 'anyio'))\n"
            "print(heavy)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_serve_without_the_extra_says_how_to_install_it(monkeypatch):
    from click.testing import CliRunner

    from pressqa.cli.main import cli

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now raises ImportError
    result = CliRunner().invoke(cli, ["serve", "--isolated"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("pressqa: serve needs Starlette and uvicorn (uvicorn is missing): "
                                     "pip install 'pressqa[serve]'")


MARKDOWN = ("---\ntitle: Armenia,and Georgia\n---\n\n# Talks\n\n```\nArmenia,and Georgia\n```\n\n"
            "The delegation visited Armenia,and then Georgia.\n")
HTML = "<html><body><script>var a='Armenia,and';</script><p>The delegation visited <b>Armenia</b>,and Georgia.</p></body></html>\n"


@pytest.mark.parametrize("text, filename", [(MARKDOWN, "release.md"), (HTML, "release.html")])
def test_a_markdown_or_html_filename_reads_the_text_as_that_format(client, text, filename):
    """The service reads a .md or .html label as the command line reads such a file: markup, code
    and front matter are not prose, and positions are the text's own."""
    r = client.post("/v1/check", json={"text": text, "filename": filename})
    assert r.status_code == 200, r.text
    data = r.json()
    data.pop("notices")
    assert data == check_json_cli(text, filename)
    found = [(f["rule"], f["line"]) for f in data["files"][0]["findings"] if f["rule"] == "missing-space-after-punctuation"]
    assert found == [("missing-space-after-punctuation", 11 if filename.endswith(".md") else 1)]


@pytest.mark.parametrize("filename", ["release.docx", "scan.pdf"])
def test_a_filename_the_service_cannot_read_as_text_is_415(client, filename):
    r = client.post("/v1/check", json={"text": "Hello.", "filename": filename})
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_media_type", r.text
    assert filename in r.json()["error"]["message"] or filename.rsplit(".", 1)[1] in r.json()["error"]["message"]
