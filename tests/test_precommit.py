"""pressqa as a pre-commit hook, run by the real pre-commit (from PyPI) against this repository.

pre-commit installs the hook from a git repository into a virtualenv of its own
(``pip install`` of the repository, with pressqa's dependencies), so these tests
need PyPI or a wheel cache and take some seconds each.

The hook repository is a snapshot of this checkout's working tree (tracked and
untracked files, minus what .gitignore ignores) committed into a temporary git
repository: ``pre-commit try-repo`` on the checkout itself would see only
committed and tracked-modified files, so a new, uncommitted module would be
missing from the hook it installs.  In CI the checkout is a clean clone, and the
snapshot is exactly HEAD.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require_module

DEFECTIVE = (
    "Ministers agree to continue talks\n"
    "\n"
    "YEREVAN, Oct. 4, 2022\n"
    "\n"
    "The ministers met the secretary of the Security Council of Armenia,and the talks went on.\n"
)


def _env(tmp: Path) -> dict[str, str]:
    """A clean environment: no GIT_* variables leaking in (say, from a hook running this suite),
    no global or system git config, and a private pre-commit home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    gitconfig = tmp / "gitconfig"
    gitconfig.write_text("[user]\n\tname = pressqa tests\n\temail = tests@example.org\n[init]\n\tdefaultBranch = main\n"
                         "[commit]\n\tgpgsign = false\n", encoding="utf-8")
    env["GIT_CONFIG_GLOBAL"] = str(gitconfig)
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["PRE_COMMIT_HOME"] = str(tmp / "pre-commit-home")
    env["PRE_COMMIT_COLOR"] = "never"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


def _project_files() -> list[str]:
    """The checkout's files as they are on disk: tracked and untracked, without ignored ones."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT, capture_output=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        out = b""
    files = [name for name in out.decode("utf-8").split("\0") if name]
    if files:
        # src/pressqa/rules is a symbolic link to rules/: kept as a link, as git keeps it.
        return [name for name in files if (ROOT / name).is_file() or (ROOT / name).is_symlink()]
    # Not a git checkout (an unpacked sdist): the files the package is built from.
    found = []
    for top in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "rules"):
        path = ROOT / top
        candidates = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for p in candidates:
            if "__pycache__" not in p.parts and ".egg-info" not in str(p):
                found.append(str(p.relative_to(ROOT)))
    return found


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """(hook repository, its commit, a git repository of releases to check, environment)."""
    require_module("pre_commit")
    if shutil.which("git") is None:
        pytest.fail("git is not installed")
    tmp = tmp_path_factory.mktemp("precommit")
    env = _env(tmp)
    hook_repo = tmp / "hook-repo"
    for name in _project_files():
        target = hook_repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target, follow_symlinks=False)
    assert (hook_repo / ".pre-commit-hooks.yaml").is_file()
    _git(hook_repo, env, "init", "-q")
    _git(hook_repo, env, "add", "-A")
    _git(hook_repo, env, "commit", "-q", "-m", "snapshot of the pressqa checkout")
    rev = _git(hook_repo, env, "rev-parse", "HEAD").stdout.strip()

    work = tmp / "releases"
    work.mkdir()
    _git(work, env, "init", "-q")
    (work / "defective.txt").write_text(DEFECTIVE, encoding="utf-8")
    shutil.copy2(ROOT / "samples" / "gov-readout.txt", work / "clean.txt")
    _git(work, env, "add", "defective.txt", "clean.txt")
    return hook_repo, rev, work, env


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
    )


def test_hook_manifest():
    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "pressqa"
    assert hook["language"] == "python"
    assert hook["entry"] == "pressqa check"
    import re

    files = re.compile(hook["files"])
    for name in ("release.txt", "news/2026/launch.md", "notes.markdown", "page.html", "old.htm", "draft.docx"):
        assert files.search(name), name
    for name in ("setup.py", "data.json", "README.rst", "image.png"):
        assert not files.search(name), name


def test_try_repo_fails_on_a_defective_release(setup):
    hook_repo, _, work, env = setup
    proc = _pre_commit(work, env, "try-repo", str(hook_repo), "pressqa", "--files", "defective.txt")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "pressqa" in output and "Failed" in output, output
    assert "defective.txt:5:60: error [missing-space-after-punctuation]" in output, output
    assert "Armenia, and" in output, output


def test_try_repo_passes_a_clean_release(setup):
    hook_repo, _, work, env = setup
    proc = _pre_commit(work, env, "try-repo", str(hook_repo), "pressqa", "--files", "clean.txt")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output, output
    assert "clean.txt:" not in output, output


def test_installed_commit_hook_blocks_a_defective_commit(setup, tmp_path):
    """The README's .pre-commit-config.yaml (with ``args: [--fail-on, warning]``) as a real git hook."""
    hook_repo, rev, work, env = setup
    repo = tmp_path / "newsroom"
    repo.mkdir()
    _git(repo, env, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: pressqa\n"
        "        args: [--fail-on, warning]\n",
        encoding="utf-8",
    )
    installed = _pre_commit(repo, env, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    shutil.copy2(work / "clean.txt", repo / "clean.txt")
    _git(repo, env, "add", ".pre-commit-config.yaml", "clean.txt")
    clean = subprocess.run(["git", "commit", "-m", "clean release"], cwd=repo, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    (repo / "defective.txt").write_text(DEFECTIVE, encoding="utf-8")
    _git(repo, env, "add", "defective.txt")
    blocked = subprocess.run(["git", "commit", "-m", "defective release"], cwd=repo, env=env, capture_output=True, text=True)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "defective.txt:5:60: error [missing-space-after-punctuation]" in output, output
    log = _git(repo, env, "log", "--format=%s").stdout.split("\n")
    assert log[0] == "clean release"


def _readme_snippet() -> str:
    """The first YAML block of the README's pre-commit section, as a user would paste it."""
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## pre-commit"):]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_readme_snippet_works_as_written(setup, tmp_path):
    """The README's `repo: local` snippet, pasted unchanged, blocks a defective release with pressqa on PATH
    (as `pipx install` puts it there)."""
    _, _, work, env = setup
    snippet = _readme_snippet()
    assert "repo: local" in snippet
    repo = tmp_path / "desk"
    repo.mkdir()
    _git(repo, env, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(snippet, encoding="utf-8")
    (repo / "defective.txt").write_text(DEFECTIVE, encoding="utf-8")
    _git(repo, env, "add", ".pre-commit-config.yaml", "defective.txt")
    env = dict(env, PATH=os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", ""))
    proc = _pre_commit(repo, env, "run", "--files", "defective.txt")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "defective.txt:5:60: error [missing-space-after-punctuation]" in output, output
