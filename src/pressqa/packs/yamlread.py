"""Rule packs' YAML, read safely and with the line of every key (for errors at file:line:key).

Separate from the loader so that reading YAML (PyYAML imported only here, and only when a pack
is not in the cache) is one room of its own.
"""

from __future__ import annotations

from typing import Any

from pressqa.errors import PackError


_LOADER: Any = None


def _loader_class() -> Any:
    """A safe YAML loader that reads ``off``/``yes``/``no`` as strings (YAML 1.2 booleans only).

    YAML 1.1 turns ``level: off`` into ``False`` and a swap key ``no:`` into a
    boolean; in a rule pack those are words, not booleans.
    """
    global _LOADER
    if _LOADER is None:
        import re

        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class PackLoader(base):  # type: ignore[misc, valid-type]
            pass

        bool_tag = "tag:yaml.org,2002:bool"
        PackLoader.yaml_implicit_resolvers = {
            first: [entry for entry in resolvers if entry[0] != bool_tag]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }
        PackLoader.add_implicit_resolver(bool_tag, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
        _LOADER = PackLoader
    return _LOADER


def _refuse_aliases(root: Any, source: str) -> None:
    """Refuse anchors and aliases: a few hundred bytes of nested aliases expand into billions of
    nodes (the "billion laughs"), and a pack needs neither."""
    import yaml

    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            raise PackError(source, "YAML anchors and aliases (&name, *name) are not allowed in a pack",
                            line=node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                todo.append(key_node)
                todo.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)


def parse_yaml(text: str, source: str) -> tuple[Any, dict[str, int]]:
    """Parse YAML, returning the data and the line of every mapping key ("a.b.c" -> line).

    Duplicate keys and keys that are not strings are errors naming the line:
    YAML would silently keep the last of two ``swap`` entries for one word.
    """
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _refuse_aliases(node, source)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(source, f"invalid YAML: {problem}", line=(mark.line + 1) if mark else None) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}

    def walk(n: Any, prefix: str) -> None:
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in n.value:
                key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                    raise PackError(source, "keys must be strings (put the key in quotes)", line=line, key=key)
                if key_node.value in seen:
                    raise PackError(source, "duplicate key (YAML keeps only the last one)", line=line, key=key)
                seen.add(key_node.value)
                lines[key] = line
                walk(value_node, key)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                key = f"{prefix}.{i}" if prefix else str(i)
                lines[key] = item.start_mark.line + 1
                walk(item, key)

    walk(node, "")
    return data, lines
