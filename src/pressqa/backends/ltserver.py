"""Install and run a LanguageTool server for pressqa: ``pressqa languagetool install|start|stop|status``.

LanguageTool's website and GitHub releases are often unreachable from newsroom
and CI machines, but Maven Central is not, so pressqa fetches LanguageTool from
there with Maven: ``org.languagetool:languagetool-server`` without the
``language-all`` module (which pulls in every language), plus ``language-en``,
at one pinned version.  Everything lives in a cache folder outside the
repository::

    ~/.cache/pressqa/languagetool/6.6/             ($PRESSQA_LANGUAGETOOL_HOME/6.6, else
        pom.xml                                     $PRESSQA_CACHE_DIR or $XDG_CACHE_HOME/pressqa)
        LanguageTool-6.6/languagetool-server.jar    the jar names its libraries in its manifest
        LanguageTool-6.6/libs/*.jar                 (libs/NAME.jar), so ``java -cp`` needs only it
        installed.json                              written last: the install is complete
        server.json, server.log, server.properties  the running server: pid, port, log, options

The folder has the layout of LanguageTool's own stand-alone download, so
language-tool-python (``mode = "local"``) runs the same jars when ``LTP_PATH``
points at it.

``start`` runs ``org.languagetool.server.HTTPServer`` in the background on the
loopback interface (LanguageTool refuses other hosts without ``--public``),
waits for ``/v2/healthcheck``, and sends one short check so that the English
rules are loaded before the first real request: pre-commit runs then reuse one
warm JVM instead of paying its start each time.  ``auto`` mode finds that server
through ``server.json``.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from pressqa.packs import cache
from pressqa.errors import BackendError

if TYPE_CHECKING:
    import subprocess

#: The LanguageTool release pressqa installs and tests against.
LT_VERSION = "6.6"
GROUP_ID = "org.languagetool"
#: language-es, -ca and -pt are not for checking: the server's language
#: identifier (CommonWordsDetector, built for every server even when each request
#: names its language, with no option to turn it off) looks these three up in a
#: static initialiser, and the server dies at start without them.  They cost
#: about 17 MB; no smaller set of modules or server option avoids them in 6.6.
MODULES = ("language-en", "language-es", "language-ca", "language-pt")
#: Pinned so that an empty ~/.m2 resolves the same plugin everywhere.
DEPENDENCY_PLUGIN = "3.8.1"
DEFAULT_PORT = 8081
DEFAULT_HEAP = "1g"
HOST = "127.0.0.1"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
SERVER_JAR = "languagetool-server.jar"

#: Options written to server.properties (see ``HTTPServer --help``).
SERVER_PROPERTIES = {
    # keep one analysis pipeline per set of enabled/disabled rules instead of
    # building it again for every request
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "50",
    # sentences seen recently (pressqa also caches whole paragraphs on disk)
    "cacheSize": "1000",
}


def home() -> Path:
    """The folder that holds one subfolder per installed LanguageTool version."""
    env = os.environ.get("PRESSQA_LANGUAGETOOL_HOME")
    if env:
        return Path(env)
    return cache.cache_dir() / "languagetool"


# This module is imported by ``pressqa check`` (to find a running server): its
# heavier imports (subprocess, socket, shutil...) sit in the functions that need
# them, and its records are NamedTuples, cheaper to define than dataclasses.


class Installation(NamedTuple):
    """One LanguageTool version under :func:`home`."""

    version: str
    root: Path

    @property
    def dist(self) -> Path:
        """The LanguageTool-VERSION folder, laid out like LanguageTool's stand-alone zip."""
        return self.root / f"LanguageTool-{self.version}"

    @property
    def jar(self) -> Path:
        return self.dist / SERVER_JAR

    @property
    def marker(self) -> Path:
        return self.root / "installed.json"

    @property
    def state_file(self) -> Path:
        return self.root / "server.json"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def properties_file(self) -> Path:
        return self.root / "server.properties"

    def is_complete(self) -> bool:
        return self.marker.is_file() and self.jar.is_file()


def installation(version: str = LT_VERSION) -> Installation:
    return Installation(version, home() / version)


def find_installation(version: str | None = None) -> Installation | None:
    """The complete installation of *version* (default: the pinned one), or None."""
    inst = installation(version or LT_VERSION)
    return inst if inst.is_complete() else None


# -- install ---------------------------------------------------------------------------


def pom(version: str = LT_VERSION) -> str:
    """A Maven project whose only job is to resolve LanguageTool's server and modules."""
    modules = "\n".join(
        f"    <dependency><groupId>{GROUP_ID}</groupId><artifactId>{name}</artifactId><version>{version}</version></dependency>"
        for name in MODULES
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by pressqa: LanguageTool {version} from Maven Central. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.pressqa</groupId>
  <artifactId>pressqa-languagetool</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>{GROUP_ID}</groupId><artifactId>languagetool-server</artifactId><version>{version}</version>
      <exclusions>
        <!-- every language LanguageTool has: hundreds of megabytes pressqa does not use -->
        <exclusion><groupId>{GROUP_ID}</groupId><artifactId>language-all</artifactId></exclusion>
      </exclusions>
    </dependency>
{modules}
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>{DEPENDENCY_PLUGIN}</version>
      </plugin>
    </plugins>
  </build>
</project>
"""


def find_program(name: str, env_home: str | None = None) -> str | None:
    """An executable on PATH, or in $JAVA_HOME/bin / $MAVEN_HOME/bin."""
    import shutil

    if env_home and os.environ.get(env_home):
        candidate = Path(os.environ[env_home]) / "bin" / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


#: What a first install fetches (measured for 6.6 with an empty Maven repository: 115 MB in
#: 553 files, of which 121 LanguageTool jars of 94.5 MB): announced before the download starts.
DOWNLOAD_MB = 120
#: Progress is reported every this many megabytes downloaded.
PROGRESS_MB = 20


def install(version: str = LT_VERSION, maven: str | None = None, force: bool = False,
            echo: Callable[[str], None] = lambda line: None) -> Installation:
    """Fetch LanguageTool *version* from Maven Central into :func:`home` (a no-op when installed).

    The download is announced with its size, and its progress reported through *echo*
    every :data:`PROGRESS_MB` (from Maven's "Downloaded from" lines).
    """
    import shutil
    import subprocess
    import tempfile

    inst = installation(version)
    if inst.is_complete() and not force:
        return inst
    mvn = maven or find_program("mvn", "MAVEN_HOME")
    if not mvn:
        raise BackendError("languagetool", "Maven (mvn) not found on PATH: install Maven to fetch LanguageTool from Maven Central")
    if not find_program("java", "JAVA_HOME"):
        raise BackendError("languagetool", "Java not found on PATH or in $JAVA_HOME: LanguageTool needs Java 17 or newer")
    inst.root.parent.mkdir(parents=True, exist_ok=True)
    # Build in a scratch folder and move it into place, so that an interrupted
    # install never looks complete.
    work = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=inst.root.parent))
    try:
        (work / "pom.xml").write_text(pom(version), encoding="utf-8")
        libs = work / f"LanguageTool-{version}" / "libs"
        command = [
            mvn, "-B", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
            f"-DoutputDirectory={libs}", "-Dmdep.stripVersion=true", "-DincludeScope=runtime",
        ]
        echo(f"fetching LanguageTool {version} from Maven Central with {' '.join(command[:1] + command[4:5])}: "
             f"up to {DOWNLOAD_MB} MB (less what ~/.m2 already holds), once; a minute or so on a fast line")
        downloaded = 0.0
        files = 0
        reported = 0
        output: list[str] = []
        try:
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, errors="replace")
            assert proc.stdout is not None
            for line in proc.stdout:
                output.append(line)
                size = _downloaded_bytes(line)
                if size is None:
                    continue
                downloaded += size
                files += 1
                if downloaded // (PROGRESS_MB * 1e6) > reported:
                    reported = int(downloaded // (PROGRESS_MB * 1e6))
                    echo(f"  {downloaded / 1e6:.0f} MB downloaded ({files} files)")
            proc.wait()
        except OSError as exc:
            raise BackendError("languagetool", f"cannot run Maven ({mvn}): {exc.strerror or exc}") from None
        if proc.returncode != 0:
            raise BackendError("languagetool", f"Maven could not fetch LanguageTool {version}: {_last_error(''.join(output))}")
        echo(f"  done: {downloaded / 1e6:.0f} MB in {files} files downloaded" if files
             else "  done: every file was already in the local Maven repository (~/.m2)")
        server_jar = libs / SERVER_JAR
        if not server_jar.is_file():
            raise BackendError("languagetool", f"Maven finished but {SERVER_JAR} is missing from {libs}")
        # The server jar's manifest names its libraries as libs/NAME.jar, relative
        # to itself: the layout of LanguageTool's stand-alone download.
        server_jar.rename(libs.parent / SERVER_JAR)
        jars = sorted(p.name for p in libs.glob("*.jar"))
        marker = {"version": version, "modules": list(MODULES), "jars": len(jars) + 1,
                  "installed": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        (work / "installed.json").write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
        if inst.root.exists():
            if inst.state_file.exists() and running(inst) is not None:
                raise BackendError("languagetool", f"LanguageTool {version} is running; stop it before reinstalling")
            shutil.rmtree(inst.root)
        try:
            work.rename(inst.root)
        except OSError as exc:
            if not inst.is_complete():  # else another install finished first: use that one
                raise BackendError("languagetool", f"cannot move LanguageTool into {inst.root}: {exc.strerror or exc}") from None
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return inst


_UNITS = {"B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9}


def _downloaded_bytes(line: str) -> float | None:
    """The size in a Maven ``Downloaded from central: URL (12 kB at 3.4 MB/s)`` line, or None."""
    if not line.startswith(("Downloaded from", "[INFO] Downloaded from")):
        return None
    import re

    m = re.search(r"\((\d+(?:\.\d+)?) ([kKMG]?B) at ", line)
    return float(m.group(1)) * _UNITS[m.group(2)] if m else 0.0


def _last_error(output: str) -> str:
    """The most telling line of Maven's output."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("[ERROR]") and "->" not in line and "Re-run Maven" not in line:
            return line.removeprefix("[ERROR]").strip()[:300]
    return lines[-1][:300] if lines else "no output"


# -- the running server ------------------------------------------------------------------


class ServerState(NamedTuple):
    """What server.json records about a server pressqa started."""

    pid: int
    port: int
    version: str
    log: str
    started: float

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def read_state(inst: Installation) -> ServerState | None:
    try:
        data = json.loads(inst.state_file.read_text(encoding="utf-8"))
        return ServerState(int(data["pid"]), int(data["port"]), str(data["version"]), str(data["log"]), float(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(inst: Installation, state: ServerState) -> None:
    tmp = inst.state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(state._asdict(), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, inst.state_file)


def _clear_state(inst: Installation) -> None:
    try:
        inst.state_file.unlink()
    except OSError:
        pass


def pid_is_server(pid: int) -> bool:
    """Is *pid* alive and (where the OS tells) a LanguageTool server, not a recycled pid?"""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would terminate it there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, owned by someone else
    except OSError:
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        return MAIN_CLASS.encode() in cmdline.read_bytes()
    except FileNotFoundError:
        return not Path("/proc/self").exists()  # no /proc (macOS): trust the pid
    except OSError:
        return True


def running(inst: Installation | None = None) -> ServerState | None:
    """The server pressqa started for *inst* (default: the pinned version) if its process is alive."""
    inst = inst or installation()
    state = read_state(inst)
    if state is None:
        return None
    if not pid_is_server(state.pid):
        return None
    if os.name == "nt" and not healthy(state.url, timeout=1.0):  # pragma: no cover - no cheap pid check there
        return None
    return state


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Does ``/v2/healthcheck`` answer OK?"""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or HOST, parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", "/v2/healthcheck")
        response = conn.getresponse()
        response.read()
        return response.status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


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
    _write_state(inst, state)
    if not _wait_healthy(state, proc, timeout):
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            problem = f"did not answer /v2/healthcheck within {timeout:.0f} s"
        else:
            problem = f"exited with code {proc.returncode} ({_log_tail(inst.log_file)})"
        _clear_state(inst)
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
        _clear_state(inst)
        return None
    try:
        os.kill(state.pid, signal.SIGTERM)
    except ProcessLookupError:
        _clear_state(inst)
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
    _clear_state(inst)
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
