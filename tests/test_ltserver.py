"""Installing LanguageTool with Maven (a stand-in mvn here; the real one runs in scripts/setup.sh)."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET

import pytest

from pressqa.backends import ltserver
from pressqa.errors import BackendError

NS = {"m": "http://maven.apache.org/POM/4.0.0"}

FAKE_MVN = """#!/bin/sh
# a stand-in for Maven: log the call, then copy-dependencies or fail
echo "$@" >> "{log}"
if [ -n "{fail}" ]; then
  echo "[INFO] Scanning for projects..."
  echo "[ERROR] Failed to execute goal on project pressqa-languagetool: Could not resolve dependencies"
  echo "[ERROR] -> [Help 1]"
  exit 1
fi
for arg in "$@"; do
  case "$arg" in
    -DoutputDirectory=*) out="${{arg#-DoutputDirectory=}}";;
  esac
done
mkdir -p "$out"
for jar in languagetool-server languagetool-core language-en language-es language-ca language-pt; do
  : > "$out/$jar.jar"
done
"""


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSQA_LANGUAGETOOL_HOME", str(tmp_path / "lt"))
    return tmp_path / "lt"


def fake_mvn(tmp_path, fail=False):
    path = tmp_path / "mvn"
    log = tmp_path / "mvn.log"
    path.write_text(FAKE_MVN.format(log=log, fail="yes" if fail else ""), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path), log


def test_pom_pins_one_version_and_leaves_out_language_all():
    root = ET.fromstring(ltserver.pom("6.6"))
    deps = {d.find("m:artifactId", NS).text: d for d in root.iterfind("m:dependencies/m:dependency", NS)}
    assert set(deps) == {"languagetool-server", "language-en", "language-es", "language-ca", "language-pt"}
    assert {d.find("m:groupId", NS).text for d in deps.values()} == {"org.languagetool"}
    assert {d.find("m:version", NS).text for d in deps.values()} == {"6.6"}
    exclusions = [e.find("m:artifactId", NS).text for e in deps["languagetool-server"].iterfind("m:exclusions/m:exclusion", NS)]
    assert exclusions == ["language-all"]
    plugin = root.find("m:build/m:plugins/m:plugin", NS)
    assert plugin.find("m:version", NS).text == ltserver.DEPENDENCY_PLUGIN


def test_install_lays_out_the_standalone_folder(tmp_path, home):
    mvn, log = fake_mvn(tmp_path)
    inst = ltserver.install(maven=mvn)
    assert inst.root == home / ltserver.LT_VERSION and inst.is_complete()
    assert (inst.dist / "languagetool-server.jar").is_file()
    assert (inst.dist / "libs" / "language-en.jar").is_file()
    assert not (inst.dist / "libs" / "languagetool-server.jar").exists()
    assert json.loads(inst.marker.read_text())["version"] == ltserver.LT_VERSION
    call = log.read_text()
    assert "dependency:copy-dependencies" in call and "-Dmdep.stripVersion=true" in call
    # a second install does not run Maven again
    ltserver.install(maven=mvn)
    assert len(log.read_text().splitlines()) == 1
    assert ltserver.find_installation() == inst
    assert [p.name for p in home.iterdir()] == [ltserver.LT_VERSION]  # no scratch folders left


def test_failed_install_leaves_nothing_behind(tmp_path, home):
    mvn, _ = fake_mvn(tmp_path, fail=True)
    with pytest.raises(BackendError) as info:
        ltserver.install(maven=mvn)
    assert info.value.render() == ("languagetool: Maven could not fetch LanguageTool 6.6: Failed to execute goal on project "
                                   "pressqa-languagetool: Could not resolve dependencies")
    assert ltserver.find_installation() is None
    assert list(home.iterdir()) == []


def test_install_without_maven(tmp_path, home, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("MAVEN_HOME", raising=False)
    with pytest.raises(BackendError, match=r"Maven \(mvn\) not found"):
        ltserver.install()


def test_install_with_a_maven_that_does_not_run(tmp_path, home):
    if ltserver.find_program("java", "JAVA_HOME") is None:
        pytest.skip("no Java here: install stops at that first")
    with pytest.raises(BackendError, match="cannot run Maven"):
        ltserver.install(maven=str(tmp_path / "no-such-mvn"))


def test_start_before_install(home):
    with pytest.raises(BackendError, match="not installed: run 'pressqa languagetool install'"):
        ltserver.start(port=0)


def test_stale_state_file_is_not_a_running_server(tmp_path, home):
    mvn, _ = fake_mvn(tmp_path)
    inst = ltserver.install(maven=mvn)
    # a pid that is certainly not a LanguageTool server: this test process
    inst.state_file.write_text(json.dumps({"pid": os.getpid(), "port": 1, "version": "6.6", "log": "x", "started": 0}))
    assert ltserver.running(inst) is None
    assert ltserver.status()["running"] is False
    assert ltserver.stop() is None and not inst.state_file.exists()


def test_busy_port(tmp_path, home):
    import socket

    mvn, _ = fake_mvn(tmp_path)
    ltserver.install(maven=mvn)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(BackendError, match=f"port {port} on 127.0.0.1 is in use"):
            ltserver.start(port=port)
