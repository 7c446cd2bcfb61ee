"""Block YAML through libyaml, with the line of every key and item kept for error messages.

A block file may come from anywhere, and the app reads every block when it starts, so this
reader is bounded: no anchors or aliases (an alias bomb of 1 kB grows without limit when
expanded; the shipped blocks use none), nesting at most `MAX_DEPTH` deep, keys and values of
bounded length, and only plain data (mappings, lists, text, numbers, true/false, null). The
tree is walked with an explicit stack, never by recursion.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from mtm_app.block.document import _Lines, _MarkedList, _MarkedMap
from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location
from mtm_app.i18n import _

MAX_DEPTH = 32  # the shipped blocks nest 6 deep
MAX_KEY = 200  # characters in a key: names are short
MAX_VALUE = 20_000  # characters in one value: the longest description is a few hundred
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")}
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_TIMESTAMP, _MERGE = "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge"
_OPENERS = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a block scalar")


def parse_marked(text: str, file: str) -> Any:
    """The plain data of a block file, each mapping and list knowing the line of its items."""
    loader = _FastLoader(text)
    try:
        if "&" in text:  # no anchor, so no alias either: libyaml refuses an undefined one
            _refuse_anchors(text, file)
        node = loader.get_single_node()
        return _Walk(loader, file).tree(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(exc, file, text) from None
    except yaml.YAMLError as exc:  # a reader error (a control character) has no mark
        raise BlockError(_("YAML error: {exc}").format(exc=shown(str(exc), 200)), Location(file)) from None
    finally:
        loader.dispose()


def syntax_error(exc: yaml.MarkedYAMLError, file: str, text: str = "") -> BlockError:
    """A located syntax error: an unclosed quote or bracket is reported where it opened."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    found = mark.line + 1 if mark else 0
    quote = _runaway_quote(text, mark.line) if mark and text else None
    if quote is not None or (context.startswith("while scanning a quoted scalar") and exc.context_mark):
        opened = quote if quote is not None else exc.context_mark.line + 1
        return BlockError(_("the quote opened here is not closed (the reader stopped at line {found})")
                          .format(found=found), Location(file, opened),
                          _("close it on the same line: a formula or a text is written on one line"))
    if exc.context_mark and context.startswith(_OPENERS):
        opened = exc.context_mark.line + 1
        where = _(" (found at line {found})").format(found=found) if found != opened else ""
        return BlockError(_("YAML syntax error: {context} opened here is not closed: {problem}{where}")
                          .format(context=context, problem=problem, where=where),
                          Location(file, opened), _("close the quote or bracket opened on this line"))
    return BlockError(_("YAML syntax error: {problem}").format(problem=problem or context),
                      Location(file, found), _("check the indentation and the ':' after each key"))


def _runaway_quote(text: str, error_line: int) -> int | None:
    """The line where a quoted value opens that runs on over several lines to where the reader
    failed: a quote left open swallows the lines after it up to the next quote, and the reader
    only notices there (formulas and texts are written on one line; a description may wrap, but
    then the file reads on past it)."""
    try:
        for token in yaml.scan(text, Loader=_FastLoader):
            start, end = token.start_mark.line, token.end_mark.line
            if start > error_line:
                return None
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and start < end <= error_line <= end + 1:
                return start + 1
    except yaml.YAMLError:
        return None
    return None


def _refuse_anchors(text: str, file: str) -> None:
    """Anchors and aliases are refused before anything is built (an alias bomb is never
    expanded): an alias at its own line, naming the anchor it repeats; an anchor no alias uses
    at its line."""
    anchors: dict[str, int] = {}
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                raise BlockError(
                    _("*{name} repeats the value anchored at line {line}: anchors and aliases "
                      "(&name, *name) are not allowed in a block").format(name=event.anchor,
                                                                          line=anchors.get(event.anchor)),
                    Location(file, line), _("write the value out where it is used"))
            if getattr(event, "anchor", None):
                anchors.setdefault(event.anchor, line)
    except yaml.YAMLError:
        return  # reported with its line when the block is read
    if anchors:
        name, line = next(iter(anchors.items()))
        raise BlockError(_("&{name}: anchors and aliases (&name, *name) are not allowed in a block")
                         .format(name=name), Location(file, line), _("remove the anchor"))


class _Walk:
    """Turns libyaml's node graph into marked dicts and lists, refusing what a block never holds."""

    def __init__(self, loader: Any, file: str) -> None:
        self.loader = loader
        self.file = file

    def fail(self, node: yaml.Node, message: str, hint: str = "") -> BlockError:
        return BlockError(message, Location(self.file, node.start_mark.line + 1), hint)

    def tree(self, root: yaml.Node) -> Any:
        out: list[Any] = [None]
        todo: list[tuple[yaml.Node, int, Any, Any]] = [(root, 1, out, 0)]
        while todo:
            node, depth, parent, slot = todo.pop()
            if isinstance(node, yaml.ScalarNode):
                parent[slot] = self.scalar(node)
                continue
            self._container(node, depth)
            if isinstance(node, yaml.MappingNode):
                value, at = _MarkedMap(), {}
                for key_node, value_node in node.value:
                    key = self.key(key_node)
                    if node.flow_style:
                        self._cut_at_comma(key_node, key)
                        self._cut_at_comma(value_node, key)
                    if key in at:
                        raise self.fail(key_node, _("{key} is written twice").format(key=shown(key)),
                                        _("keep one of them"))
                    at[key] = key_node.start_mark.line
                    value[key] = None
                    todo.append((value_node, depth + 1, value, key))
            else:
                value = _MarkedList([None] * len(node.value))
                at = {i: n.start_mark.line for i, n in enumerate(node.value)}
                for n in node.value if node.flow_style else ():
                    self._cut_at_comma(n, None)
                todo.extend((n, depth + 1, value, i) for i, n in enumerate(node.value))
            value.lc = _Lines(at, node.start_mark.line)
            parent[slot] = value
        return out[0]

    def _cut_at_comma(self, node: yaml.Node, key: Any) -> None:
        """Inside {…} or […] a comma ends a plain value, so an unquoted formula with a comma
        arrives in two halves (`angle(a` and a key `b)`): say that, not what the halves look
        like (a key written twice, an unknown key)."""
        if not isinstance(node, yaml.ScalarNode) or node.style \
                or node.value.count("(") == node.value.count(")"):
            return
        example = f'{key}: "{node.value}, …)"' if node.value.count("(") > node.value.count(")") \
            and key is not None else 'x: "max(a, b)"'
        raise self.fail(node, _("{value} is part of a formula cut at a comma: inside {{…}} or […] a comma "
                                "ends the value").format(value=shown(node.value)),
                        _("put the formula in quotes: {example}").format(example=example))

    def _container(self, node: yaml.Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise self.fail(node, _("nested more than {depth} levels deep").format(depth=MAX_DEPTH),
                            _("a block nests a few levels: check the indentation and brackets"))
        tag = _MAP if isinstance(node, yaml.MappingNode) else _SEQ
        if node.tag != tag:
            raise self.fail(node, _("the tag {tag} is not allowed in a block").format(tag=shown(node.tag)),
                            _("write plain mappings and lists"))

    def key(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, _("a key must be a plain name, not a list or mapping"))
        if node.tag == _MERGE:
            raise self.fail(node, _("merge keys (<<) are not allowed in a block"),
                            _("write the keys out in each mapping that uses them"))
        if len(node.value) > MAX_KEY:
            raise self.fail(node, _("a key of {count:,} characters ({value})").format(
                                      count=len(node.value), value=shown(node.value)),
                            _("keys are short names"))
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_VALUE:
            raise self.fail(node, _("a value of {count:,} characters ({value})").format(
                                      count=len(node.value), value=shown(node.value)),
                            _("no block value is longer than {most:,} characters").format(
                                most=MAX_VALUE))
        if node.tag == _TIMESTAMP:  # a version or date written as 2026-01-31 stays text
            return node.value
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, _("the tag {tag} is not allowed in a block").format(tag=shown(node.tag)),
                            _("write plain text and numbers"))
        if _HIDDEN.search(node.value):  # would reach piece labels and cut files as raw bytes
            raise self.fail(node, _("{value} holds a control or text-direction character").format(
                                      value=shown(node.value)),
                            _("retype the text without it (it came from a copy-paste?)"))
        if node.tag in (_INT, _FLOAT) and len(node.value) > MAX_NUMBER:
            raise self.fail(node, _("a number of {count:,} digits ({value})").format(
                                      count=len(node.value), value=shown(node.value)),
                            _("no measure in a block needs more than a few digits"))
        return self.loader.construct_object(node)


_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_NUMBER = 40  # characters of a number: 1e12 is 4, a mm to 1 µm in 100 m is 9
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml with YAML 1.2 booleans: `on`, `off`, `yes`, `no` stay words (a point may be
    {on: curve, y: …}), as they are for ruamel, which saves the same files."""


_FastLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FastLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
