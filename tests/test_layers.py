"""The package's layers: no module imports, directly or through others, a module that imports it back.

Every ``import`` counts, also those inside functions (kept lazy for start-up time): a lazy import
hides a circle from Python, not from a reader.  Imports under ``if TYPE_CHECKING:`` name types for
annotations only and are left out.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "pressqa"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST):
    """Every node of *tree* but those under ``if TYPE_CHECKING:``."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                todo.extend(child.orelse)
                continue
            todo.append(child)


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                # the longest known module that the import names (a name imported from a module is not one)
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and target != "pressqa":
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_circles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_lower_layers_never_import_front_ends():
    front = ("pressqa.cli", "pressqa.server")
    for name, targets in import_graph().items():
        if name.startswith(front) or name == "pressqa.__main__":
            continue
        bad = sorted(t for t in targets if t.startswith(front))
        assert not bad, f"{name} imports the front end {bad}"


def test_model_and_analysis_stay_below_checks_and_run():
    upper = ("pressqa.checks", "pressqa.run", "pressqa.packs.loader", "pressqa.packs.config", "pressqa.reports")
    for name, targets in import_graph().items():
        if name.startswith(("pressqa.model", "pressqa.analysis")):
            bad = sorted(t for t in targets if t.startswith(upper))
            assert not bad, f"{name} reaches up into {bad}"
