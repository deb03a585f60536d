"""``pressqa languagetool install`` says how much it will download, then how far it has got."""

from __future__ import annotations

import stat

from pressqa.backends import ltinstall, ltserver

FAKE_MVN = """#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    -DoutputDirectory=*) out="${arg#-DoutputDirectory=}";;
  esac
done
echo "[INFO] Scanning for projects..."
i=0
while [ $i -lt 6 ]; do
  echo "Downloading from central: https://repo.maven.apache.org/maven2/org/languagetool/x$i.jar"
  echo "Downloaded from central: https://repo.maven.apache.org/maven2/org/languagetool/x$i.jar (9.5 MB at 4.1 MB/s)"
  i=$((i+1))
done
echo "Downloaded from central: https://repo.maven.apache.org/maven2/org/languagetool/small.pom (812 B at 20 kB/s)"
mkdir -p "$out"
for jar in languagetool-server language-en; do : > "$out/$jar.jar"; done
"""


def test_install_announces_size_and_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSQA_LANGUAGETOOL_HOME", str(tmp_path / "lt"))
    monkeypatch.setattr(ltinstall, "find_program", lambda name, env=None: "/bin/true" if name == "java" else None)
    mvn = tmp_path / "mvn"
    mvn.write_text(FAKE_MVN, encoding="utf-8")
    mvn.chmod(mvn.stat().st_mode | stat.S_IXUSR)
    lines: list[str] = []
    inst = ltserver.install(maven=str(mvn), echo=lines.append)
    assert inst.is_complete()
    assert lines[0].startswith(f"fetching LanguageTool {ltserver.LT_VERSION} from Maven Central with ")
    assert f"up to {ltserver.DOWNLOAD_MB} MB" in lines[0]
    assert lines[1:] == ["  28 MB downloaded (3 files)", "  48 MB downloaded (5 files)",
                         "  done: 57 MB in 7 files downloaded"]


def test_downloaded_bytes():
    assert ltinstall._downloaded_bytes("Downloaded from central: https://x/y.jar (1.5 MB at 2 MB/s)\n") == 1.5e6
    assert ltinstall._downloaded_bytes("[INFO] Downloaded from central: https://x/y.pom (812 B at 9 kB/s)") == 812
    assert ltinstall._downloaded_bytes("Downloading from central: https://x/y.jar") is None
