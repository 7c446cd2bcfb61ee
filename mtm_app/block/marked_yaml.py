"""Block YAML through libyaml, with the line of every key and item kept for error messages."""

from __future__ import annotations

import re
from typing import Any

import yaml

from mtm_app.block.document import _Lines, _MarkedList, _MarkedMap
from mtm_app.errors import BlockError, Location


def _marked(node: yaml.Node, loader: Any, file: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        out, at = _MarkedMap(), {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in at:
                raise BlockError(f"'{key}' is written twice", Location(file, key_node.start_mark.line + 1),
                                 "keep one of them")
            at[key] = key_node.start_mark.line
            out[key] = _marked(value_node, loader, file)
        out.lc = _Lines(at, node.start_mark.line)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = _MarkedList(_marked(n, loader, file) for n in node.value)
        items.lc = _Lines({i: n.start_mark.line for i, n in enumerate(node.value)},
                          node.start_mark.line)
        return items
    return loader.construct_object(node, deep=True)


def parse_marked(text: str, file: str) -> Any:
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        return _marked(node, loader, file) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise BlockError(
            f"YAML syntax error: {exc.problem or exc.context}",
            Location(file, mark.line + 1 if mark else 0),
            "check the indentation and the ':' after each key",
        ) from None
    finally:
        loader.dispose()


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml with YAML 1.2 booleans: `on`, `off`, `yes`, `no` stay words (a point may be
    {on: curve, y: …}), as they are for ruamel, which saves the same files."""


_FastLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FastLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
