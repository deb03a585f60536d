"""The built distribution carries the rule packs, and an installed wheel loads them.

Builds an sdist and, from it, a wheel with ``python -m build`` (so the sdist is
tested too: a data file missing from it would be missing from the wheel), then
installs the wheel with pip into a folder of its own and runs pressqa from
there, away from the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, require_module

DATA_SUFFIXES = (".yaml", ".yml", ".txt")


def rule_data_files() -> list[str]:
    """Every data file under rules/, at any depth, relative to rules/."""
    rules = ROOT / "rules"
    return sorted(
        p.relative_to(rules).as_posix()
        for p in rules.rglob("*")
        if p.is_file() and p.suffix in DATA_SUFFIXES and "__pycache__" not in p.parts
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(wheel path, folder the wheel is installed in, scratch folder)."""
    require_module("build")
    tmp = tmp_path_factory.mktemp("packaging")
    dist = tmp / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)],
        capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    [wheel] = dist.glob("pressqa-*.whl")
    [sdist] = dist.glob("pressqa-*.tar.gz")
    assert sdist.stat().st_size > 0
    target = tmp / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return wheel, target, tmp


def _run_installed(target: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    """Run Python with the installed wheel first on the path, from a folder outside the checkout.

    The test virtualenv's other packages (click, PyYAML, jsonschema...) stay
    importable; the editable install of pressqa does not win, because PYTHONPATH
    comes before site-packages and the editable finder runs after the path finder.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = str(target)
    env["PRESSQA_CACHE_DIR"] = str(tmp / "cache")  # a cold cache: packs are parsed and validated
    return subprocess.run([sys.executable, *args], cwd=tmp, env=env, capture_output=True, text=True, timeout=300)


def test_wheel_contains_every_rule_file(built):
    wheel, _, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    data = rule_data_files()
    assert "press.yaml" in data
    missing = [f"pressqa/rules/{rel}" for rel in data if f"pressqa/rules/{rel}" not in names]
    assert not missing, f"rule files missing from {wheel.name}: {missing}"
    assert "pressqa/rules/__init__.py" in names
    assert "pressqa/cli/main.py" in names and "pressqa/checks/__init__.py" in names
    # the editors' page and the language server
    shipped = Path(__file__).resolve().parents[1] / "src" / "pressqa" / "server" / "static"
    page = [f"pressqa/server/static/{p.name}" for p in shipped.iterdir() if p.is_file()]
    assert "pressqa/server/static/index.html" in page
    assert not [p for p in page if p not in names], f"page files missing from {wheel.name}"
    assert "pressqa/lsp/server.py" in names


def test_wheel_declares_the_console_script(built):
    wheel, _, _ = built
    with zipfile.ZipFile(wheel) as zf:
        [entry_points] = [n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = zf.read(entry_points).decode("utf-8")
    assert "pressqa = pressqa.cli.main:main" in text


def test_installed_wheel_loads_every_shipped_pack(built):
    _, target, tmp = built
    script = (
        "import json, pressqa\n"
        "from pressqa.packs.loader import load_packs, shipped_names\n"
        "out = {'file': pressqa.__file__, 'packs': {}}\n"
        "for name in shipped_names():\n"
        "    packs = load_packs([name], None, 'test')\n"
        "    out['packs'][name] = sorted(packs.rules)\n"
        "print(json.dumps(out))\n"
    )
    proc = _run_installed(target, tmp, "-c", script)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert Path(result["file"]).resolve().is_relative_to(target.resolve()), result["file"]
    top_level = sorted(rel[:-5] for rel in rule_data_files() if rel.endswith(".yaml") and "/" not in rel)
    assert sorted(result["packs"]) == top_level
    assert "missing-space-after-punctuation" in result["packs"]["press"]
    for name, rules in result["packs"].items():
        assert rules, f"pack {name} has no rules"


def test_installed_wheel_runs_the_cli(built):
    _, target, tmp = built
    listing = _run_installed(target, tmp, "-m", "pressqa", "rules")
    assert listing.returncode == 0, listing.stderr
    assert "missing-space-after-punctuation" in listing.stdout

    release = tmp / "release.txt"
    release.write_text("The secretary of Armenia,and the minister met.\n", encoding="utf-8")
    check = _run_installed(target, tmp, "-m", "pressqa", "check", "release.txt", "--isolated")
    assert check.returncode == 1, check.stderr
    assert "release.txt:1:18: error [missing-space-after-punctuation]" in check.stdout


def test_installed_wheel_reads_every_word_list(built):
    """The word lists the checks read (rules/lexicon/*.txt) load from the installed wheel, as in the checkout."""
    _, target, tmp = built
    names = sorted(rel[len("lexicon/"):-4] for rel in rule_data_files()
                   if rel.startswith("lexicon/") and rel.endswith(".txt") and rel not in ("lexicon/common-words.txt", "lexicon/COPYING-SCOWL.txt"))
    script = (
        "import json, sys\n"
        "from pressqa.analysis import lexicon\n"
        "print(json.dumps({name: len(lexicon.words(name)) for name in sys.argv[1:]}))\n"
    )
    proc = _run_installed(target, tmp, "-c", script, *names)
    assert proc.returncode == 0, proc.stderr
    sizes = json.loads(proc.stdout)
    assert sorted(sizes) == names and "name-particles" in names
    assert all(sizes.values()), sizes
