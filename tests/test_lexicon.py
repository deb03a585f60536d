"""The word lists in rules/lexicon/ are data with tests, as codespell tests its dictionaries.

Every list loads through ``pressqa.analysis.lexicon.words``, says in its header what it is, where it
came from and who reads it, is sorted, free of duplicates and lowercase, and is read by some code.
No module of the checks, the analyses or the model keeps its own copy of a word list: a literal
set or tuple of eight or more plain English words (or a regex alternation of as many) fails here.
"""

from __future__ import annotations

import ast
import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pressqa.analysis import lexicon
from pressqa.analysis.commonwords import is_common_word
from pressqa.model.structure import KINDS

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "rules" / "lexicon"
SRC = ROOT / "src" / "pressqa"
# The SCOWL word list keeps its own header and is searched by bisection (analysis/commonwords.py).
LISTS = sorted(p.stem for p in LEXICON.glob("*.txt") if p.name not in ("common-words.txt", "COPYING-SCOWL.txt"))


def test_there_are_lists():
    assert {"articles", "name-particles", "determiners", "months", "prepositions"} <= set(LISTS)


@pytest.mark.parametrize("name", LISTS)
def test_list_is_sorted_unique_lowercase_and_documented(name):
    lines = (LEXICON / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    entries = [line for line in lines if not line.startswith("#")]
    assert lines[: len(header)] == header, f"{name}: comments only in the header"
    text = "\n".join(header)
    for field in ("# Source:", "# Read by:", "# Format:"):
        assert field in text, f"{name}: the header lacks {field}"
    assert entries, f"{name}: empty"
    assert all(e == e.strip() and e for e in entries), f"{name}: blank lines or stray spaces"
    assert entries == sorted(entries), f"{name}: not sorted"
    assert len(entries) == len(set(entries)), f"{name}: duplicates"
    assert all(e == e.lower() for e in entries), f"{name}: not lowercase"
    assert lexicon.words(name) == frozenset(entries)


@pytest.mark.parametrize("name", LISTS)
def test_header_names_modules_that_exist(name):
    """The "Read by:" line names real modules (``checks/clauses.py``), so a reader can follow it."""
    [line] = [x for x in (LEXICON / f"{name}.txt").read_text(encoding="utf-8").splitlines() if x.startswith("# Read by:")]
    modules = re.findall(r"[\w/]+\.py", line)
    assert modules, f"{name}: 'Read by:' names no module"
    sources = [p.as_posix() for p in SRC.rglob("*.py")]
    for module in modules:
        assert any(path.endswith("/" + module) for path in sources), f"{name}: no module {module}"


@functools.cache
def _source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("name", LISTS)
def test_list_is_read_by_code(name):
    quoted = re.compile(rf"""["']{re.escape(name)}["']""")
    assert quoted.search(_source_text()), f"rules/lexicon/{name}.txt is read by no code: remove it or use it"


def test_unknown_list_is_an_error():
    with pytest.raises(lexicon.UnknownList):
        lexicon.words("no-such-list")


def test_union_and_alternation():
    assert lexicon.words("articles", "possessives") == lexicon.words("articles") | lexicon.words("possessives")
    alternation = lexicon.alternation("articles")
    assert alternation == "the|an|a"  # longest first: "an" is not cut short by "a"
    assert re.fullmatch(lexicon.alternation("months", capitalize=True), "September")
    assert lexicon.dangling() >= lexicon.words("articles", "prepositions")
    assert lexicon.words("articles") is lexicon.words("articles")  # read once, then kept


def test_lists_load_only_when_a_check_needs_them():
    """Importing every check, analysis and model module reads no list: cold start stays fast."""
    script = (
        "import importlib, pkgutil, pressqa\n"
        "for pkg in ('pressqa.model', 'pressqa.analysis', 'pressqa.checks', 'pressqa.run'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "from pressqa.analysis import lexicon\n"
        "print(sorted(lexicon._LISTS))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# -- the guard: no word list copied into code ------------------------------------------------------

_PLAIN = re.compile(r"^[a-z][a-z'’.&/-]*$")
_ALTERNATION = re.compile(r"(?<![\w|])([a-z]+(?:\|[a-z]+){7,})(?![\w|])")


def _english(word: str) -> bool:
    known = lexicon.words(*LISTS)
    return word in known or is_common_word(word)


def _literal_strings(node: ast.AST) -> list[str] | None:
    """The strings of a set, frozenset, tuple or ``"...".split()`` literal, or None."""
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "split" and isinstance(func.value, ast.Constant) \
                and isinstance(func.value.value, str) and not node.args:
            return func.value.value.split()
        if isinstance(func, ast.Name) and func.id in ("frozenset", "set", "tuple") and len(node.args) == 1:
            return _literal_strings(node.args[0])
        return None
    if isinstance(node, (ast.Set, ast.Tuple)):
        values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return values if len(values) == len(node.elts) else None
    return None


def _copies_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    slots = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in n.targets)}
    found: dict[int, str] = {}  # by line: frozenset("...".split()) is one copy, not two
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for m in _ALTERNATION.finditer(node.value):
                alternatives = m.group(1).split("|")
                if sum(1 for w in alternatives if _english(w)) >= 8:
                    found[node.lineno] = f"{path.relative_to(ROOT)}:{node.lineno}: regex alternation {m.group(1)[:60]}"
            continue
        values = _literal_strings(node)
        if not values or id(node) in slots or set(values) <= set(KINDS):
            continue  # attribute names, paragraph kinds: not words of English
        plain = [v for v in values if _PLAIN.match(v) and _english(v)]
        if len(plain) >= 8:
            found[node.lineno] = f"{path.relative_to(ROOT)}:{node.lineno}: {' '.join(values)[:80]}"
    return [found[line] for line in sorted(found)]


def test_no_word_list_is_copied_into_code():
    found = []
    for folder in ("checks", "analysis", "model"):
        for path in sorted((SRC / folder).rglob("*.py")):
            found.extend(_copies_in(path))
    assert not found, "word lists belong in rules/lexicon/ (read with lexicon.words):\n" + "\n".join(found)


def test_the_guard_sees_a_copy(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '_A = frozenset("the a an this that these those his her its".split())\n'
        '_B = ("of", "in", "on", "at", "by", "for", "with", "from")\n'
        '_C = r"\\b(?:one|two|three|four|five|six|seven|eight)\\b"\n'
        '__slots__ = ("text", "start", "end", "para", "kind", "initial", "index", "run")\n',
        encoding="utf-8",
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = _copies_in(sample)
    finally:
        ROOT = saved
    assert [line.split(":")[1] for line in found] == ["1", "2", "3"], found
