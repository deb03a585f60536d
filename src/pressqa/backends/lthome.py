"""Where LanguageTool is installed, and whether pressqa's server for it runs.

Everything lives in a cache folder outside the repository::

    ~/.cache/pressqa/languagetool/6.6/             ($PRESSQA_LANGUAGETOOL_HOME/6.6, else
        pom.xml                                     $PRESSQA_CACHE_DIR or $XDG_CACHE_HOME/pressqa)
        LanguageTool-6.6/languagetool-server.jar    the jar names its libraries in its manifest
        LanguageTool-6.6/libs/*.jar                 (libs/NAME.jar), so ``java -cp`` needs only it
        installed.json                              written last: the install is complete
        server.json, server.log, server.properties  the running server: pid, port, log, options

:mod:`.ltinstall` fills it, :mod:`.ltserver` starts and stops the server; this module only
reads it, and is all that ``pressqa check`` needs to find a running server (``auto`` mode reads
``server.json``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from pressqa.packs import cache

#: The LanguageTool release pressqa installs and tests against.
LT_VERSION = "6.6"
HOST = "127.0.0.1"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
SERVER_JAR = "languagetool-server.jar"


def home() -> Path:
    """The folder that holds one subfolder per installed LanguageTool version."""
    env = os.environ.get("PRESSQA_LANGUAGETOOL_HOME")
    if env:
        return Path(env)
    return cache.cache_dir() / "languagetool"


# This module is imported by ``pressqa check`` (to find a running server): its
# heavier imports (http.client...) sit in the functions that need them, and its
# records are NamedTuples, cheaper to define than dataclasses.


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


def write_state(inst: Installation, state: ServerState) -> None:
    tmp = inst.state_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(state._asdict(), indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, inst.state_file)


def clear_state(inst: Installation) -> None:
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
