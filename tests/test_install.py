"""A new user's install: ``pipx install`` from the repository works, and ``pip install -e .`` warns of nothing.

Both build pressqa in an isolated environment, so they need the package index
(as ``pip install -e '.[dev]'`` itself does).
"""

from __future__ import annotations

import os
import subprocess
import sys
try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
import venv
from pathlib import Path

import pytest

from conftest import ROOT


def test_layout_is_plain_src_with_rules_linked_in():
    """setuptools writes a plain .pth for an editable install only when src/ is the one package folder;
    rules/ stays at the top of the repository and reaches the package through a symbolic link."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"] == {"": "src"}
    link = ROOT / "src" / "pressqa" / "rules"
    assert link.is_symlink() and os.readlink(link) == "../../rules"
    assert (link / "press.yaml").is_file()
    # every folder of rules/ is a listed package, or setuptools warns (and leaves it out of the wheel)
    folders = {p.relative_to(ROOT / "rules").as_posix().replace("/", ".") for p in (ROOT / "rules").iterdir()
               if p.is_dir() and p.name != "__pycache__"}
    assert {f"pressqa.rules.{f}" for f in folders} <= set(config["packages"])


def _fresh_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, symlinks=True).create(path)
    return path / "bin" / "python"


@pytest.mark.slow  # pip builds pressqa in an isolated environment
def test_editable_install_has_no_setuptools_warning(tmp_path):
    python = _fresh_venv(tmp_path / "venv")
    proc = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-v", "-e", str(ROOT)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout + proc.stderr
    assert ".pth file to extend `sys.path`" in out  # the plain strategy, not the import hook
    assert "meta path finder" not in out
    assert "!!" not in out  # setuptools' boxed warnings (deprecations, "Editable installation")
    assert "SetuptoolsDeprecationWarning" not in out


@pytest.mark.slow  # pipx builds and installs pressqa with its dependencies
def test_pipx_install_from_the_repository(tmp_path):
    """What the README says: ``pipx install`` from a checkout (or a git URL) gives a working ``pressqa``."""
    env = dict(os.environ, PIPX_HOME=str(tmp_path / "pipx"), PIPX_BIN_DIR=str(tmp_path / "bin"),
               PIPX_MAN_DIR=str(tmp_path / "man"))
    try:
        import pipx  # noqa: F401

        command = [sys.executable, "-m", "pipx", "install", str(ROOT)]
        exe = tmp_path / "bin" / "pressqa"
    except ImportError:  # no pipx: what it does, by hand
        python = _fresh_venv(tmp_path / "venv")
        command = [str(python), "-m", "pip", "install", "--quiet", str(ROOT)]
        exe = tmp_path / "venv" / "bin" / "pressqa"
    proc = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("pressqa ")
    # the installed copy has its packs and reads every input format, away from the checkout
    fragment = ROOT / "tests" / "inputs" / "fragment.html"
    check = subprocess.run([str(exe), "check", "--isolated", "--ignore", "languagetool", str(fragment)],
                           capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "fragment.html:2:4: error [missing-space-after-punctuation]" in check.stdout


@pytest.mark.parametrize("pattern", ["pipx install", "pressqa languagetool stop"])
def test_readme_documents_it(pattern):
    assert pattern in (ROOT / "README.md").read_text(encoding="utf-8")
