#!/usr/bin/env bash
# Set up a development checkout from scratch: a virtualenv with pressqa and its
# test tools, and LanguageTool (fetched from Maven Central, running in the
# background on 127.0.0.1).  Idempotent: safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# Compile pressqa's bytecode now: where PYTHONDONTWRITEBYTECODE is set (it is on these machines) an
# editable install would otherwise compile every module again on every run (+60% CPU per check).
.venv/bin/python -m compileall -q -j 0 src/pressqa rules >/dev/null

# LanguageTool for grammar and spelling: needs Java 17+ and Maven.  In CI it is
# required (its tests run against the real server); elsewhere pressqa works
# without it and says so once per run.
if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
  .venv/bin/pressqa languagetool install
  .venv/bin/pressqa languagetool start
  echo "setup: LanguageTool keeps running in the background (a Java process, about 1 GB of memory);" \
       "stop it with: .venv/bin/pressqa languagetool stop" >&2
elif [ -n "${CI:-}" ]; then
  echo "setup: Java and Maven are needed to install LanguageTool" >&2
  exit 1
else
  echo "setup: Java or Maven not found: LanguageTool not installed (grammar and spelling are skipped)" >&2
fi

# Chromium and its driver, for the editors' page test (tests/test_page.py runs it in a
# real headless browser).  Installed from Debian's packages when missing and we may:
# as root, or with password-less sudo.  In CI a browser that cannot be installed is
# an error (the test would fail anyway); elsewhere the test is skipped and says why.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
    if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
      echo "setup: installing chromium and chromium-driver (Debian packages: about 160 MB to download, 500 MB installed) for the page test" >&2
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
  fi
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
      echo "setup: chromium and chromedriver are needed in CI (apt-get install -y chromium chromium-driver)" >&2
      exit 1
    fi
    echo "setup: chromium not installed: the editors' page test is skipped (apt-get install chromium chromium-driver)" >&2
  fi
fi
