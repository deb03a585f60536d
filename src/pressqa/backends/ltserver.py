"""Run a LanguageTool server for pressqa: ``pressqa languagetool start|stop|status``.

``start`` runs ``org.languagetool.server.HTTPServer`` in the background on the
loopback interface (LanguageTool refuses other hosts without ``--public``),
waits for ``/v2/healthcheck``, and sends one short check so that the English
rules are loaded before the first real request: pre-commit runs then reuse one
warm JVM instead of paying its start each time.  ``auto`` mode finds that server
through ``server.json``.

The install (``pressqa languagetool install``, from Maven Central) is :mod:`.ltinstall`;
where installs live and what ``server.json`` says is :mod:`.lthome`.  Their public names
can be imported from here.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pressqa.backends.lthome import (
    HOST, LT_VERSION, MAIN_CLASS, SERVER_JAR, Installation, ServerState, clear_state, find_installation, healthy,
    home, installation, pid_is_server, read_state, running, write_state,
)
from pressqa.backends.ltinstall import (
    DEPENDENCY_PLUGIN, DOWNLOAD_MB, GROUP_ID, MODULES, PROGRESS_MB, find_program, install, pom,
)
from pressqa.errors import BackendError

if TYPE_CHECKING:
    import subprocess

__all__ = [
    "DEFAULT_HEAP", "DEFAULT_PORT", "DEPENDENCY_PLUGIN", "DOWNLOAD_MB", "GROUP_ID", "HOST", "LT_VERSION", "MAIN_CLASS",
    "MODULES", "PROGRESS_MB", "SERVER_JAR", "SERVER_PROPERTIES", "Installation", "ServerState", "find_installation",
    "find_program", "free_port", "healthy", "home", "install", "installation", "pid_is_server", "pom", "port_is_free",
    "read_state", "running", "start", "status", "stop", "warm_up",
]

DEFAULT_PORT = 8081
DEFAULT_HEAP = "1g"

#: Options written to server.properties (see ``HTTPServer --help``).
SERVER_PROPERTIES = {
    # keep one analysis pipeline per set of enabled/disabled rules instead of
    # building it again for every request
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "50",
    # sentences seen recently (pressqa also caches whole paragraphs on disk)
    "cacheSize": "1000",
}



def port_is_free(port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(version: str = LT_VERSION, port: int = DEFAULT_PORT, heap: str = DEFAULT_HEAP, timeout: float = 120.0,
          warm: bool = True, any_port_if_busy: bool = False) -> tuple[ServerState, bool]:
    """Start the server in the background; returns (state, started_now).

    Port 0 picks a free port; so does a busy *port* when *any_port_if_busy* (pressqa
    finds its server through server.json, whatever the port).
    """
    import subprocess

    inst = find_installation(version)
    if inst is None:
        raise BackendError("languagetool", f"LanguageTool {version} is not installed: run 'pressqa languagetool install'")
    current = running(inst)
    if current is not None:
        if healthy(current.url):
            return current, False
        # alive but not answering: still starting, or wedged
        if _wait_healthy(current, None, min(timeout, 60.0)):
            return current, False
        raise BackendError("languagetool", f"a LanguageTool server (pid {current.pid}) runs but does not answer on port {current.port}; "
                           f"run 'pressqa languagetool stop' and start it again (log: {current.log})")
    java = find_program("java", "JAVA_HOME")
    if not java:
        raise BackendError("languagetool", "Java not found on PATH or in $JAVA_HOME: LanguageTool needs Java 17 or newer")
    if port == 0 or (any_port_if_busy and not port_is_free(port)):
        port = free_port()
    elif not port_is_free(port):
        raise BackendError("languagetool", f"port {port} on {HOST} is in use; choose another with --port (0 picks a free one)")
    props = "".join(f"{key}={value}\n" for key, value in SERVER_PROPERTIES.items())
    inst.properties_file.write_text(props, encoding="utf-8")
    # nodelay: the JDK's HTTP server writes a response's headers and body apart; with Nagle's
    # algorithm on, every answer on a kept-alive connection waited ~40 ms for the client's delayed ACK
    command = [java, f"-Xmx{heap}", "-Dsun.net.httpserver.nodelay=true", "-cp", str(inst.jar), MAIN_CLASS,
               "--port", str(port), "--config", str(inst.properties_file)]
    with open(inst.log_file, "wb") as log:  # LanguageTool logs every request: keep this run's log only
        log.write(f"pressqa: {' '.join(command)}\n".encode())
        log.flush()
        kwargs: dict = {}
        if os.name == "posix":
            kwargs["start_new_session"] = True  # outlive the shell and the commit hook that started it
        else:  # pragma: no cover - Windows
            kwargs["creationflags"] = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    cwd=str(inst.root), **kwargs)
        except OSError as exc:
            raise BackendError("languagetool", f"cannot run Java ({java}): {exc.strerror or exc}") from None
    state = ServerState(proc.pid, port, version, str(inst.log_file), time.time())
    write_state(inst, state)
    if not _wait_healthy(state, proc, timeout):
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            problem = f"did not answer /v2/healthcheck within {timeout:.0f} s"
        else:
            problem = f"exited with code {proc.returncode} ({_log_tail(inst.log_file)})"
        clear_state(inst)
        raise BackendError("languagetool", f"LanguageTool {version} {problem}; log: {inst.log_file}")
    if warm:
        warm_up(state.url)
    return state, True


def _wait_healthy(state: ServerState, proc: subprocess.Popen | None, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        if proc is None and not pid_is_server(state.pid):
            return False
        if healthy(state.url, timeout=2.0):
            return True
        time.sleep(0.2)
    return False


def warm_up(url: str, language: str = "en-US") -> None:
    """One short check, so that the first real one does not pay for loading the rules."""
    import http.client
    from urllib.parse import urlencode, urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or HOST, parts.port or 80, timeout=120)
    body = urlencode({"language": language, "text": "This is a short text to warm up the the server."})
    try:
        conn.request("POST", "/v2/check", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        conn.getresponse().read()
    except (OSError, http.client.HTTPException):
        pass
    finally:
        conn.close()


def _log_tail(path: Path) -> str:
    """The last telling line of the server log (an exception or error, else the last line)."""
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    for line in reversed(lines):
        if "Exception" in line or "Error" in line or "error" in line:
            return line[:300]
    return lines[-1][:300] if lines else "no output"


def stop(version: str = LT_VERSION, timeout: float = 15.0) -> ServerState | None:
    """Stop the server pressqa started; returns its state, or None when none was running."""
    import signal

    inst = installation(version)
    state = running(inst)
    if state is None:
        clear_state(inst)
        return None
    try:
        os.kill(state.pid, signal.SIGTERM)
    except ProcessLookupError:
        clear_state(inst)
        return state
    except PermissionError:
        raise BackendError("languagetool", f"not allowed to stop the LanguageTool server (pid {state.pid})") from None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and pid_is_server(state.pid):
        _reap(state.pid)
        time.sleep(0.1)
    if pid_is_server(state.pid):
        try:
            os.kill(state.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
        except OSError:
            pass
        _reap(state.pid)
    clear_state(inst)
    return state


def _reap(pid: int) -> None:
    """Collect the exit status when the server is our own child (tests start it in-process)."""
    if os.name != "posix":
        return
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
    except OSError:
        pass


def status(version: str = LT_VERSION) -> dict:
    """What ``pressqa languagetool status`` reports, as a dict."""
    inst = installation(version)
    info: dict = {"version": version, "home": str(inst.root), "installed": inst.is_complete(), "running": False}
    state = running(inst)
    if state is not None:
        info.update(running=True, pid=state.pid, port=state.port, url=state.url, log=state.log,
                    healthy=healthy(state.url), uptime=max(0.0, time.time() - state.started))
    return info
