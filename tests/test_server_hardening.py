"""The service under attack and bad luck: bad requests, client-supplied code, slow clients, an access
token, LanguageTool killed and restarted, findings capped, several workers.

Servers here are real ``pressqa serve`` processes on free loopback ports; LanguageTool
is the stand-in of tests/ltstandin.py, except one test against the real server.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ltstandin import StandIn, closed_port_url
from test_server import LINE, start_server, stop_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, url = start_server(tmp_path_factory, "--max-findings", "5", "--read-timeout", "1", "--header-timeout", "1")
    yield url
    stop_server(proc)


# -- no 500 from client input, and never exception text -------------------------------------------

DEEP_FORMULA = "(" * 50000 + "words" + ")" * 50000


@pytest.mark.parametrize("body,code,words", [
    ('{"text": "caf\\ud800"}', "invalid_text", "lone surrogate (\\ud800) at character 3"),
    ('{"text": "x", "filename": "a\\udfff.txt"}', "invalid_filename", "printable"),
    ('{"text": "x", "config": {"rules": {"\\ud800": "off"}}}', "invalid_config", "lone surrogate"),
    ('{"text": "x", "\\ud800": 1}', "invalid_request", "unknown key"),
    ('{"text": ' + "[" * 100000 + "]" * 100000 + "}", "invalid_json", "nested too deeply"),
    ('{"text": "x", "config": {"rules": {"a": ' + '{"b": ' * 40 + "1" + "}" * 40 + "}}}", "invalid_json", "nested too deeply"),
    (json.dumps({"text": "x", "config": {"rules": {"readability": {"formula": DEEP_FORMULA}}}}), "invalid_config", ""),
])
def test_bad_input_is_400_with_a_clear_message(server, body, code, words):
    for endpoint in ("/v1/check", "/v1/fix"):
        r = httpx.post(f"{server}{endpoint}", content=body.encode(), headers={"content-type": "application/json"}, timeout=30)
        assert r.status_code == 400, r.text
        error = r.json()["error"]
        assert error["code"] == code and words in error["message"]
        for leak in ("Traceback", "Error:", "RecursionError", "UnicodeEncodeError", "maximum recursion"):
            assert leak not in error["message"]


def test_a_deep_formula_is_refused_by_the_request_config_check():
    from pressqa.server.requestconfig import ServiceError, settings_from_request

    with pytest.raises(ServiceError) as caught:
        settings_from_request({"rules": {"readability": {"formula": DEEP_FORMULA}}})
    assert caught.value.status == 400 and "Recursion" not in caught.value.message


# -- clients do not supply what runs ----------------------------------------------------------------


@pytest.mark.parametrize("rule,body,option,what", [
    ("missing-space-after-punctuation", {"message": "{seen:>50000000}"}, "message", "message templates"),
    ("missing-space-after-punctuation", {"message": "{seen.__class__.__mro__}"}, "message", "message templates"),
])
def test_client_templates_are_refused(server, rule, body, option, what):
    r = httpx.post(f"{server}/v1/check", json={"text": LINE, "config": {"rules": {rule: body}}}, timeout=30)
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "client_patterns_refused"
    assert f"rules.{rule}.{option}: {what}" in error["message"] and "--allow-client-patterns" in error["message"]


def _rules_of_type(type_name: str) -> list:
    from pressqa.packs.loader import load_packs

    packs = load_packs(["press", "ap", "plain-language"], None, "<test>")
    return [rule for rule in packs.rules.values() if rule.type == type_name]


def test_client_regexes_are_refused_for_every_shipped_rule_that_runs_them():
    from pressqa.server.requestconfig import ServiceError, settings_from_request

    bodies = {"pattern": {"pattern": "(a|aa)+$"}, "occurrence": {"token": "(a|aa)+$"},
              "existence": {"regex": True, "tokens": ["(a|aa)+$"]}, "substitution": {"regex": True, "swap": {"(a|aa)+$": "b"}}}
    tried = 0
    for type_name, body in bodies.items():
        for rule in _rules_of_type(type_name)[:2]:
            tried += 1
            with pytest.raises(ServiceError, match="regular expressions from a request are not accepted") as caught:
                settings_from_request({"extends": ["press", "ap", "plain-language"], "rules": {rule.id: body}})
            assert caught.value.code == "client_patterns_refused"
    assert tried >= 3
    # a rule whose pack made it a regex rule: its tokens are regexes too
    from pressqa.server.requestconfig import client_supplied_code

    assert client_supplied_code("existence", {"regex": True}, {"tokens": ["x+"]}) == ("tokens", "regular expressions")
    assert client_supplied_code("existence", {}, {"tokens": ["plain words"]}) is None
    assert client_supplied_code("existence", {}, {"regex": False, "level": "warning"}) is None
    assert client_supplied_code("pattern", {}, {"suggestion": "{1}"}) == ("suggestion", "message templates")


def test_the_operator_can_allow_client_patterns():
    from pressqa.server.requestconfig import settings_from_request

    rules = _rules_of_type("existence")
    settings = settings_from_request({"rules": {rules[0].id: {"message": "no '{match}'"}}}, allow_client_patterns=True)
    assert any(r.id == rules[0].id and r.message == "no '{match}'" for r in settings.rules)


def test_every_option_that_takes_a_regex_or_template_is_known_to_the_service():
    """A new option described as a regular expression or template must be added to the refused sets."""
    from pressqa.checks import REGISTRY, load_type
    from pressqa.server import requestconfig as rc

    known = rc.REGEX_OPTIONS | rc.REGEX_WHEN_REGEX | rc.TEMPLATE_OPTIONS
    for type_name in REGISTRY:
        for option, schema in load_type(type_name).options.items():
            text = schema.get("description", "").lower()
            if "regular expression" in text or "template" in text:
                assert option in known | rc.TEMPLATE_OPTIONS_BY_TYPE.get(type_name, frozenset()), (type_name, option)


# -- findings capped --------------------------------------------------------------------------------


def test_findings_are_capped_and_the_response_says_so(server):
    text = " ".join(f"Armenia,and Georgia{i}." for i in range(40))
    r = httpx.post(f"{server}/v1/check", json={"text": text}, timeout=30)
    assert r.status_code == 200
    data = r.json()
    entry = data["files"][0]
    assert len(entry["findings"]) == 5
    assert entry["findings_capped"]["limit"] == 5 and entry["findings_capped"]["total"] >= 40
    assert any(n.startswith("findings capped") for n in data["notices"])
    fixed = httpx.post(f"{server}/v1/fix", json={"text": text}, timeout=30).json()
    assert len(fixed["fixes"]) == 5 and fixed["fixes_capped"]["total"] >= 40
    assert "Armenia,and" not in fixed["text"]  # every fix is applied; only the list is capped


# -- slow clients -----------------------------------------------------------------------------------


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def test_headers_sent_slowly_are_cut_off(server):
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed = False
        try:
            for _ in range(40):  # a header line every 0.1 s: never finished
                sock.sendall(b"X-Slow: 1\r\n")
                time.sleep(0.1)
        except OSError:
            closed = True
        if not closed:
            closed = sock.recv(1024) == b""
    assert closed
    assert time.monotonic() - started < 4.5


def test_a_body_that_does_not_arrive_is_408(server):
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=10) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"text\": ")
        started = time.monotonic()
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert b"request_timeout" in answer
    assert time.monotonic() - started < 4


def test_idle_connections_and_many_connections_are_bounded(tmp_path_factory):
    proc, url = start_server(tmp_path_factory, "--keep-alive", "1", "--max-connections", "4")
    try:
        with socket.create_connection(("127.0.0.1", _port(url)), timeout=10) as idle:
            idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            answer = b""
            while b"\r\n\r\n" not in answer:  # the headers may come in one packet and the body in another
                answer += idle.recv(4096)
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 200")
            length = int(next(line.split(b":", 1)[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:")))
            while len(body) < length:
                body += idle.recv(4096)
            time.sleep(1.6)
            assert idle.recv(1024) == b""  # closed by the keep-alive timeout
        held = [socket.create_connection(("127.0.0.1", _port(url)), timeout=10) for _ in range(6)]
        try:
            deadline = time.monotonic() + 10
            while True:  # once the server has taken the held connections in
                r = httpx.get(f"{url}/healthz", timeout=10)
                if r.status_code == 503 or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
            assert r.status_code == 503  # over --max-connections
        finally:
            for sock in held:
                sock.close()
        time.sleep(0.3)
        assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200
    finally:
        stop_server(proc)


# -- exposure: token and Host -----------------------------------------------------------------------


def test_a_non_loopback_address_needs_a_token(tmp_path):
    env = {k: v for k, v in __import__("os").environ.items() if k != "PRESSQA_TOKEN"}
    proc = subprocess.run([sys.executable, "-m", "pressqa", "serve", "--host", "0.0.0.0", "--port", "0", "--isolated"],
                          capture_output=True, text=True, timeout=30, env=env)
    assert proc.returncode == 2
    assert "--token" in proc.stderr and "PRESSQA_TOKEN" in proc.stderr and "Traceback" not in proc.stderr


def test_token_is_checked_on_every_request_and_host_is_checked(tmp_path_factory):
    proc, url = start_server(tmp_path_factory, "--token", "s3cret-token")
    try:
        for path, method in (("/v1/check", "POST"), ("/v1/rules", "GET"), ("/healthz", "GET"), ("/openapi.json", "GET")):
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret-token"}):
                r = httpx.request(method, f"{url}{path}", json={"text": LINE} if method == "POST" else None,
                                  headers=headers, timeout=10)
                assert r.status_code == 401, (path, headers)
                assert r.json()["error"]["code"] == "unauthorized"
            ok = httpx.request(method, f"{url}{path}", json={"text": LINE} if method == "POST" else None,
                               headers={"Authorization": "Bearer s3cret-token"}, timeout=30)
            assert ok.status_code == 200, (path, ok.text)
        evil = httpx.get(f"{url}/healthz", headers={"Authorization": "Bearer s3cret-token", "Host": "evil.example"}, timeout=10)
        assert evil.status_code == 400 and evil.json()["error"]["code"] == "invalid_host"
        named = httpx.get(f"{url}/healthz", headers={"Authorization": "Bearer s3cret-token", "Host": f"localhost:{_port(url)}"},
                          timeout=10)
        assert named.status_code == 200
    finally:
        stop_server(proc)


def test_host_patterns():
    from pressqa.server.guard import host_allowed

    allowed = ("localhost", "127.0.0.1", "::1", "*.example.org")
    assert host_allowed("localhost:8000", allowed) and host_allowed("[::1]:8000", allowed)
    assert host_allowed("qa.example.org", allowed) and not host_allowed("example.org.evil.net", allowed)
    assert not host_allowed("evil.example", allowed) and not host_allowed("", allowed)
    assert host_allowed("anything", ("*",))


# -- LanguageTool: notices, recovery, requirement ---------------------------------------------------


def _lt_config(tmp_path, urls) -> str:
    config = tmp_path / "pressqa.toml"
    config.write_text(f'[languagetool]\nmode = "auto"\nurl = {json.dumps(urls)}\ntimeout = 3\n', encoding="utf-8")
    return str(config)


def _lt_rules(data) -> list[str]:
    return [f["rule"] for f in data["files"][0]["findings"] if f["rule"].startswith("languagetool/")]


def test_languagetool_killed_and_restarted(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("PRESSQA_NO_CACHE", "1")
    lt = StandIn().__enter__()
    port = _port(lt.url)
    proc, url = start_server(tmp_path_factory, "--config", _lt_config(tmp_path, lt.url))
    try:
        r = httpx.post(f"{url}/v1/check", json={"text": "The goverment said so."}, timeout=30).json()
        assert _lt_rules(r) == ["languagetool/MORFOLOGIK_RULE_EN_US"] and r["notices"] == []
        # keep-alive: many paragraphs, few connections
        text = "\n\n".join(f"The goverment met delegation number {i}." for i in range(30))
        assert len(_lt_rules(httpx.post(f"{url}/v1/check", json={"text": text}, timeout=30).json())) == 30
        assert lt.connections <= 6, lt.connections
        lt.__exit__(None, None, None)
        # killed: every response says so, check and fix alike, and stays 200
        killed = time.monotonic()
        for endpoint in ("/v1/check", "/v1/fix", "/v1/check"):
            r = httpx.post(f"{url}{endpoint}", json={"text": "The goverment said it again."}, timeout=30)
            assert r.status_code == 200
            notices = r.json()["notices"]
            assert len(notices) == 1 and notices[0].startswith("languagetool unavailable: "), notices
        assert time.monotonic() - killed < 10
        # restarted on the same port: found again after the backoff, without restarting pressqa
        with StandIn(port=port):
            deadline = time.monotonic() + 20
            for take in range(1000):
                r = httpx.post(f"{url}/v1/check", json={"text": f"The goverment is back, take {take}."}, timeout=30).json()
                if not r["notices"]:
                    break
                assert time.monotonic() < deadline, r["notices"]
                time.sleep(0.5)
            assert _lt_rules(r) == ["languagetool/MORFOLOGIK_RULE_EN_US"]
    finally:
        stop_server(proc)


def test_a_frozen_languagetool_gives_a_notice_within_the_budget(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("PRESSQA_NO_CACHE", "1")
    with StandIn("slow", delay=30) as lt:
        proc, url = start_server(tmp_path_factory, "--config", _lt_config(tmp_path, lt.url), "--timeout", "4")
        try:
            started = time.monotonic()
            text = "\n\n".join(f"The goverment froze, paragraph {i}." for i in range(12))
            r = httpx.post(f"{url}/v1/check", json={"text": text}, timeout=30)
            assert r.status_code == 200, r.text  # not a 503: LanguageTool's timeout is capped to half the budget
            assert r.json()["notices"][0].startswith("languagetool unavailable: ")
            assert time.monotonic() - started < 4
        finally:
            stop_server(proc)


def test_a_slow_languagetool_on_a_long_text_is_not_taken_for_a_dead_one(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.setenv("PRESSQA_NO_CACHE", "1")
    with StandIn("slow", delay=0.3) as lt:
        proc, url = start_server(tmp_path_factory, "--config", _lt_config(tmp_path, lt.url), "--timeout", "4", "--jobs", "1")
        try:
            text = "\n\n".join(f"The goverment met, paragraph {i}." for i in range(40))
            r = httpx.post(f"{url}/v1/check", json={"text": text}, timeout=30)
            assert r.status_code == 200, r.text
            [notice] = r.json()["notices"]
            assert notice.startswith("languagetool unavailable: ") and " of 40 paragraphs in " in notice
            # the same check process, at once: LanguageTool is asked again, no backoff
            small = httpx.post(f"{url}/v1/check", json={"text": "The goverment spoke."}, timeout=30).json()
            assert small["notices"] == [] and _lt_rules(small) == ["languagetool/MORFOLOGIK_RULE_EN_US"]
        finally:
            stop_server(proc)


def test_require_languagetool_answers_503(tmp_path, tmp_path_factory):
    proc, url = start_server(tmp_path_factory, "--config", _lt_config(tmp_path, closed_port_url()), "--require-languagetool")
    try:
        for endpoint in ("/v1/check", "/v1/fix"):
            r = httpx.post(f"{url}{endpoint}", json={"text": "The goverment said so."}, timeout=30)
            assert r.status_code == 503
            error = r.json()["error"]
            assert error["code"] == "languagetool_unavailable" and error["message"].startswith("languagetool unavailable: ")
    finally:
        stop_server(proc)


def test_several_languagetool_servers_are_spread_and_failed_over(monkeypatch):
    from pressqa.backends.languagetool import LTConfig, LTOptions, PoolBackend, connect

    monkeypatch.setenv("PRESSQA_NO_CACHE", "1")
    with StandIn() as a, StandIn() as b:
        backend = connect(LTConfig(url=(a.url, closed_port_url(), b.url), timeout=3))
        assert isinstance(backend, PoolBackend)
        for i in range(12):
            [match] = backend.check(f"The goverment {i}.", LTOptions())
            assert match.rule_id == "MORFOLOGIK_RULE_EN_US"
        assert len(a.texts) >= 3 and len(b.texts) >= 3  # spread over both, the dead one left out
        backend.close()
    with pytest.raises(Exception, match="none of 3 LanguageTool servers answered"):
        backend.check("The goverment.", LTOptions())


def test_a_pool_fails_over_a_server_in_trouble_but_not_a_refused_request(monkeypatch):
    from pressqa.backends.languagetool import BackendError, HTTPBackend, LTOptions, PoolBackend, Unreachable

    monkeypatch.setenv("PRESSQA_NO_CACHE", "1")
    with StandIn("500") as broken, StandIn() as good:
        pool = PoolBackend([HTTPBackend(broken.url, 3), HTTPBackend(good.url, 3)])
        for _ in range(4):
            assert pool.check("The goverment.", LTOptions())[0].rule_id == "MORFOLOGIK_RULE_EN_US"
        assert len(broken.texts) == 1  # tried once, then left out
    refused = HTTPBackend("http://127.0.0.1:9", 3)
    with pytest.raises(Unreachable):
        refused.check("x", LTOptions())

    class Refusing(HTTPBackend):
        def _post(self, fields):
            raise BackendError(None, "LanguageTool at x answered HTTP 413: text too long")

    calls = []

    class Counting(HTTPBackend):
        def check(self, text, options):
            calls.append(text)
            return []

    pool = PoolBackend([Refusing("http://a:1", 3), Counting("http://b:1", 3)])
    pool._turn = iter([0, 0])
    with pytest.raises(BackendError, match="HTTP 413"):
        pool.check("x" * 10, LTOptions())
    assert calls == []  # the same text would be refused anywhere: not sent again


def test_languagetool_url_list_in_config(tmp_path):
    from pressqa.backends.languagetool import LTConfig
    from pressqa.packs.config import build_settings

    settings = build_settings({"languagetool": {"url": ["http://a:8081", "http://b:8081"]}}, None)
    assert LTConfig.from_section(settings.section("languagetool")).url == ("http://a:8081", "http://b:8081")


def test_sixteen_concurrent_first_requests_share_one_backend(monkeypatch):
    from pressqa.backends import languagetool as lt

    made = []

    def slow_connect(conf, language):
        time.sleep(0.2)
        made.append(1)
        return lt.HTTPBackend("http://127.0.0.1:9", 1)

    monkeypatch.setattr(lt, "connect", slow_connect)
    session = lt.Session(lt.LTConfig(url="http://127.0.0.1:9"))
    with ThreadPoolExecutor(16) as pool:
        backends = list(pool.map(lambda _: session.get(), range(16)))
    assert len(made) == 1 and all(b is backends[0] for b in backends)


def test_session_recovers_after_backoff_under_the_service_policy(monkeypatch):
    from pressqa.backends import languagetool as lt
    from pressqa.errors import BackendError

    monkeypatch.setattr(lt, "POLICY", lt.Policy(retry=True))
    monkeypatch.setattr(lt, "BACKOFF_FIRST", 0.2)
    with StandIn() as server:
        session = lt.Session(lt.LTConfig(url=server.url))
        session.get()
        session.fail("LanguageTool at x failed")
        with pytest.raises(BackendError):
            session.get()  # within the backoff: at once
        time.sleep(0.25)
        assert session.get() is not None  # after it: tried again
        session.succeeded()
        assert session.failure is None
    # the command-line policy gives up for the run
    monkeypatch.setattr(lt, "POLICY", lt.Policy())
    session = lt.Session(lt.LTConfig(url="http://127.0.0.1:9"))
    session.get()
    session.fail("down")
    time.sleep(0.25)
    with pytest.raises(BackendError):
        session.get()


def test_the_paragraph_cache_is_bounded(tmp_path, monkeypatch):
    from pressqa.packs import cache

    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(tmp_path))
    for i in range(30):
        cache.put("lt-paragraphs", cache.key(str(i)), ["x" * 100])
    assert cache.prune("lt-paragraphs", 10, 10**9) == 20
    assert cache.prune("lt-paragraphs", 10, 10**9) == 0
    assert cache.prune("lt-paragraphs", 100, 500) >= 5
    left = list((tmp_path / "lt-paragraphs").rglob("*.json"))
    assert sum(p.stat().st_size for p in left) <= 500


def test_real_languagetool_through_the_service(lt_server, tmp_path, tmp_path_factory):
    proc, url = start_server(tmp_path_factory, "--config", _lt_config(tmp_path, lt_server))
    try:
        r = httpx.post(f"{url}/v1/check", json={"text": "The goverment said the ministers has agreed."}, timeout=60)
        assert r.status_code == 200
        data = r.json()
        assert data["notices"] == []
        assert "languagetool/MORFOLOGIK_RULE_EN_US" in _lt_rules(data)
    finally:
        stop_server(proc)


# -- scale out --------------------------------------------------------------------------------------


def test_several_workers(tmp_path_factory):
    proc, url = start_server(tmp_path_factory, "--workers", "2", "--jobs", "1")
    try:
        def call(i):
            return httpx.post(f"{url}/v1/check", json={"text": f"{LINE} {i}"}, timeout=30)

        with ThreadPoolExecutor(8) as pool:
            responses = list(pool.map(call, range(16)))
        assert all(r.status_code == 200 for r in responses)
        assert all(r.json()["files"][0]["findings"][0]["rule"] == "missing-space-after-punctuation" for r in responses)
    finally:
        stop_server(proc)


# -- random bad requests: never a 500 ---------------------------------------------------------------


def _random_json(rng, depth=0):
    kinds = ["str", "int", "float", "bool", "null", "list", "dict"] if depth < 4 else ["str", "int", "null"]
    kind = rng.choice(kinds)
    if kind == "str":
        return _random_string(rng)
    if kind == "int":
        return rng.choice([0, -1, 2**70, 7])
    if kind == "float":
        return rng.choice([0.5, -1e308, 1e-9])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "list":
        return [_random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    keys = ["extends", "rules", "fail_on", "language", "include", "press", "missing-space-after-punctuation",
            "level", "message", "pattern", "formula", "names_files", "x"]
    return {rng.choice(keys) if rng.random() < 0.8 else _random_string(rng): _random_json(rng, depth + 1)
            for _ in range(rng.randint(0, 3))}


def _random_string(rng):
    pieces = ["Armenia,and", " ", "\n\n", "\u00e9", "\U0001f600", "\ud800", "\udfff", "{seen}", "(a|aa)+$", "\x00",
              "\ufeff", "press", "warning", "off", "/etc/passwd", "'", '"', "\\", "\r\n"]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))


def test_random_requests_never_get_a_500(server):
    import random

    rng = random.Random(20261205)
    seen = set()
    with httpx.Client(base_url=server, timeout=30) as client:
        for i in range(250):
            choice = rng.random()
            if choice < 0.6:
                payload = {"text": _random_string(rng)}
                if rng.random() < 0.5:
                    payload["config"] = _random_json(rng)
                if rng.random() < 0.3:
                    payload["filename"] = _random_json(rng)
                if rng.random() < 0.1:
                    payload = _random_json(rng)
                body = json.dumps(payload).encode()  # lone surrogates travel as \\ud800 escapes
                if rng.random() < 0.15:
                    body = body[:rng.randint(0, len(body))]  # cut short
                headers = {"content-type": "application/json"}
            elif choice < 0.8:
                body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
                headers = {"content-type": rng.choice(["application/json", "text/plain", "text/plain; charset=utf-16",
                                                       "text/plain; charset=nonsense", ""])}
            else:
                body = _random_string(rng).encode("utf-8", "surrogatepass")
                headers = {"content-type": "text/plain"}
            r = client.post(rng.choice(["/v1/check", "/v1/fix"]), content=body, headers=headers)
            assert r.status_code in (200, 400, 415), (i, body[:200], r.status_code, r.text[:300])
            data = r.json()
            if r.status_code != 200:
                seen.add(data["error"]["code"])
                for leak in ("Traceback", "Error:", "Exception"):
                    assert leak not in data["error"]["message"], (i, data)
    assert {"invalid_json", "invalid_config", "invalid_encoding"} <= seen


def test_the_languagetool_check_prunes_its_cache_at_most_every_few_minutes(tmp_path, monkeypatch):
    from pressqa.checks.languagetool import matches as check
    from pressqa.packs import cache

    monkeypatch.setenv("PRESSQA_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("PRESSQA_LT_CACHE_ENTRIES", "5")
    monkeypatch.setattr(check, "_writes", 0)
    for i in range(12):
        cache.put(check.CACHE_KIND, cache.key(str(i)), [])
    check._note_writes(12)
    assert len(list((tmp_path / check.CACHE_KIND).rglob("*.json"))) == 5
    for i in range(12, 20):
        cache.put(check.CACHE_KIND, cache.key(str(i)), [])
    monkeypatch.setattr(check, "_writes", 0)
    check._note_writes(8)  # a new process: pruned a moment ago, so not again
    assert len(list((tmp_path / check.CACHE_KIND).rglob("*.json"))) == 13


def test_the_names_a_server_answers_to_by_default():
    import socket as sockets

    from pressqa.cli.serve import default_allowed_hosts, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.8.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.5") and not is_loopback("qa.example")
    assert default_allowed_hosts("127.0.0.1") == ("localhost", "127.0.0.1", "::1")
    wildcard = default_allowed_hosts("0.0.0.0")
    assert sockets.gethostname().lower() in wildcard and "0.0.0.0" not in wildcard
    assert "10.0.0.5" in default_allowed_hosts("10.0.0.5")


@pytest.mark.skipif(not hasattr(socket, "TCP_QUICKACK"), reason="TCP_QUICKACK is Linux's")
def test_kept_alive_requests_do_not_wait_for_a_delayed_ack():
    """The stand-in writes headers and body apart, as the JDK's server does: without an ACK at once
    each answer on a kept-alive connection waited ~40 ms."""
    from pressqa.backends.languagetool import HTTPBackend, LTOptions

    with StandIn() as lt:
        backend = HTTPBackend(lt.url, 5, version="6.6")
        started = time.monotonic()
        for i in range(50):
            backend.check(f"The goverment, take {i}.", LTOptions())
        elapsed = time.monotonic() - started
        backend.close()
    assert lt.connections == 1
    assert elapsed < 1.0, f"{elapsed / 50 * 1000:.0f} ms a request"


def test_languagetool_start_turns_nagle_off_on_the_server():
    import inspect

    from pressqa.backends import ltserver

    assert "-Dsun.net.httpserver.nodelay=true" in inspect.getsource(ltserver.start)
