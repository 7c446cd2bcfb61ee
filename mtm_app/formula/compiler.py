"""Compile a formula string into a closure over an environment dict.

Why closures: a block is compiled once and drafted thousands of times (a size run, a
population check, every keystroke in the preview), so parsing and name checks happen once
and drafting only calls small Python functions. Why `ast`: Python's own parser gives us
precedence, `a if c else b` and comparisons for free, and walking a whitelist of node types
means a block file can never run code. Why limits: a block may come from anywhere, so a
formula is bounded in length, size and nesting before it is compiled (the compiler and the
closures it builds recurse once per level), and the kinds of its terms are checked here, not
left to fail while drafting.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location, did_you_mean
from mtm_app.formula.functions import FUNCTIONS, Kind

Env = dict[str, Any]
Compiled = Callable[[Env], Any]

_SYMBOLS = str.maketrans({"×": "*", "÷": "/", "−": "-", "–": "-"})
_BINOPS: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
# Arithmetic closures written out per operator, with a constant operand inlined: formulas
# are evaluated hundreds of times per draft, and each saved call is measurable.
_ARITHMETIC: dict[type, tuple[Callable, Callable, Callable]] = {
    ast.Add: (lambda a, b: lambda env: a(env) + b(env),
              lambda c, b: lambda env: c + b(env),
              lambda a, c: lambda env: a(env) + c),
    ast.Sub: (lambda a, b: lambda env: a(env) - b(env),
              lambda c, b: lambda env: c - b(env),
              lambda a, c: lambda env: a(env) - c),
    ast.Mult: (lambda a, b: lambda env: a(env) * b(env),
               lambda c, b: lambda env: c * b(env),
               lambda a, c: lambda env: a(env) * c),
    ast.Div: (lambda a, b: lambda env: a(env) / b(env),
              lambda c, b: lambda env: c / b(env),
              lambda a, c: lambda env: a(env) / c),
}


def _is_number(n: ast.AST) -> bool:
    return isinstance(n, ast.Constant) and type(n.value) in (int, float)


_CMPOPS: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
MAX_CHARS = 2_000  # the longest shipped formula has ~120
MAX_NODES = 2_000  # syntax tree nodes
MAX_DEPTH = 100  # levels of nesting; shipped formulas nest 10 deep
_NUMERIC = (Kind.NUMBER, Kind.BOOL)
CONSTANTS = {"true": True, "false": False, "pi": math.pi}  # no block may declare these names
_COORDS = {"x": 0, "y": 1}


@dataclass
class FormulaContext:
    """The names a formula may use, with their kinds, and where the formula sits."""

    names: Mapping[str, Kind]
    where: Location = field(default_factory=Location)


@dataclass(frozen=True)
class Formula:
    """A compiled formula: its source, the names it reads, and how to evaluate it."""

    source: str
    refs: frozenset[str]
    fn: Compiled
    where: Location
    kind: Kind = Kind.NUMBER

    def __call__(self, env: Env) -> Any:
        try:
            return self.fn(env)
        except ARITHMETIC_ERRORS as exc:
            raise self.error(exc) from None

    def error(self, exc: Exception) -> BlockError:
        """The user-facing error for an arithmetic failure while evaluating this formula."""
        if isinstance(exc, ZeroDivisionError):
            return BlockError(
                f"division by zero in {shown(self.source, 120)}",
                self.where,
                "check the measurements and options it uses, or guard it with max(…, 1)",
            )
        return BlockError(
            f"cannot evaluate {shown(self.source, 120)}: {shown(str(exc), 200)}",
            self.where,
            "a square root of a negative number or an impossible angle usually means "
            "the measurements are outside what this construction supports",
        )


ARITHMETIC_ERRORS = (ZeroDivisionError, ValueError, OverflowError, TypeError)


def compile_formula(source: str | float | int | bool, ctx: FormulaContext,
                    expect: Kind = Kind.NUMBER) -> Formula:
    """Parse and compile `source`, which must give an `expect` (a number unless told).

    Unknown names, bad syntax, wrong arguments, mixed kinds and formulas past the limits
    raise BlockError naming the formula and where it is.
    """
    if isinstance(source, bool | int | float):
        value = source
        kind = Kind.BOOL if isinstance(source, bool) else Kind.NUMBER
        _expect(expect, kind, str(source), ctx)
        return Formula(str(source), frozenset(), lambda env: value, ctx.where, kind)
    if not isinstance(source, str):
        got = "nothing" if source is None else "a list" if isinstance(source, list) else "a mapping"
        raise BlockError(f"expected a formula, got {got}", ctx.where, "write a number or an expression")
    text = source.translate(_SYMBOLS).strip()
    if not text:
        raise BlockError("empty formula", ctx.where, "write a number or an expression")
    tree = _parse(text, ctx)
    compiler = _Compiler(ctx, text)
    fn, kind = compiler.node(tree.body)
    _expect(expect, kind, text, ctx)
    return Formula(text, frozenset(compiler.refs), fn, ctx.where, kind)


def compile_condition(source: str | float | int | bool, ctx: FormulaContext) -> Formula:
    """A `when` or `check`: a yes/no value (a number counts as yes when it is not 0)."""
    return compile_formula(source, ctx, Kind.BOOL)


def _expect(expect: Kind, kind: Kind, text: str, ctx: FormulaContext) -> None:
    ok = kind in _NUMERIC if expect in _NUMERIC else expect.accepts(kind)
    if not ok:
        what = "a condition (true or false)" if expect is Kind.BOOL else f"a {expect.value}"
        raise BlockError(f"{shown(text, 120)} is a {kind.value}, but this needs {what}", ctx.where,
                         "compare a choice option with one of its choices, e.g. fit == 'slim'"
                         if kind is Kind.TEXT else "")


def _parse(text: str, ctx: FormulaContext) -> ast.Expression:
    """The syntax tree of `text`, refused when it is too long, too large or nested too deep."""
    if len(text) > MAX_CHARS:
        raise BlockError(f"a formula of {len(text):,} characters ({shown(text)})", ctx.where,
                         f"a formula is at most {MAX_CHARS:,} characters: name parts of it under values")
    try:
        tree = ast.parse(text, mode="eval")
    except (RecursionError, MemoryError):
        raise BlockError(f"formula {shown(text)} is nested too deeply", ctx.where,
                         "name parts of it under values") from None
    except SyntaxError as exc:
        col = f" at column {exc.offset}" if exc.offset else ""
        hint = ("use numbers, + - * /, parentheses, comparisons, 'a if condition else b' "
                "and the documented functions")
        if text.count("(") > text.count(")"):  # YAML cut a {…} mapping at a comma
            hint = ("inside {…} a comma ends the value: put the formula in quotes, "
                    'e.g. x: "max(a, b)"')
        raise BlockError(f"syntax error in {shown(text, 120)}{col}: {exc.msg}", ctx.where,
                         hint) from None
    if len(text) < MAX_DEPTH - 2:  # a level takes a character at least, two nodes at most one
        return tree
    nodes, deepest, todo = 0, 0, [(tree.body, 1)]
    while todo:  # iteratively: the limits exist because recursion would not be safe
        node, depth = todo.pop()
        nodes, deepest = nodes + 1, max(deepest, depth)
        todo.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    if nodes > MAX_NODES or deepest > MAX_DEPTH:
        raise BlockError(
            f"formula {shown(text)} has {nodes:,} terms nested {deepest} deep (at most "
            f"{MAX_NODES:,} terms, {MAX_DEPTH} deep)", ctx.where,
            "name parts of it under values and use those names")
    return tree


class _Compiler:
    def __init__(self, ctx: FormulaContext, text: str) -> None:
        self.ctx = ctx
        self.text = text
        self.refs: set[str] = set()

    def fail(self, message: str, hint: str = "") -> BlockError:
        return BlockError(f"{message} in {shown(self.text, 120)}", self.ctx.where, hint)

    def node(self, n: ast.AST) -> tuple[Compiled, Kind]:
        method = getattr(self, "n_" + type(n).__name__, None)
        if method is None:
            raise self.fail(
                f"'{ast.unparse(n)}' is not allowed",
                "formulas take numbers, names, + - * /, comparisons, and/or/not, "
                "'a if condition else b' and the documented functions",
            )
        return method(n)

    def number(self, n: ast.AST) -> Compiled:
        fn, kind = self.node(n)
        if kind not in _NUMERIC:
            raise self.fail(f"'{ast.unparse(n)}' is a {kind.value}, not a number",
                            "arithmetic takes numbers; text is only compared with == or !=")
        return fn

    def condition(self, n: ast.AST) -> Compiled:
        fn, kind = self.node(n)
        if kind not in _NUMERIC:
            raise self.fail(f"'{ast.unparse(n)}' is a {kind.value}, not a condition",
                            "and, or, not and 'if' take conditions, e.g. fit == 'slim'")
        return fn

    def n_Constant(self, n: ast.Constant) -> tuple[Compiled, Kind]:
        value = n.value
        if isinstance(value, bool):
            return (lambda env: value), Kind.BOOL
        if isinstance(value, int | float):
            return (lambda env: value), Kind.NUMBER
        if isinstance(value, str):
            return (lambda env: value), Kind.TEXT
        raise self.fail(f"constant {value!r} is not allowed")

    def n_Name(self, n: ast.Name) -> tuple[Compiled, Kind]:
        name = n.id
        if name in CONSTANTS:
            value = CONSTANTS[name]
            return (lambda env: value), Kind.BOOL if isinstance(value, bool) else Kind.NUMBER
        kind = self.ctx.names.get(name)
        if kind is None:
            raise self.unknown(name)
        self.refs.add(name)
        return operator.itemgetter(name), kind  # a C call: names are read thousands of times a draft

    def unknown(self, name: str) -> BlockError:
        hint = did_you_mean(name, self.ctx.names,
                            "declare it under measurements, options, values, points or curves")
        return self.fail(f"unknown name '{name}'", hint)

    def n_Attribute(self, n: ast.Attribute) -> tuple[Compiled, Kind]:
        if not isinstance(n.value, ast.Name):
            raise self.fail(f"'{ast.unparse(n)}': only point.x, point.y or piece.edge are allowed")
        base, kind = self.n_Name(n.value)
        attr, name = n.attr, n.value.id
        if kind is Kind.POINT:
            if attr not in _COORDS:
                raise self.fail(f"a point has only .x and .y, not '.{attr}'")
            index = _COORDS[attr]
            return (lambda env: env[name][index]), Kind.NUMBER
        if kind is Kind.PIECE:
            return (lambda env: base(env).edge(attr)), Kind.EDGE
        raise self.fail(f"'{n.value.id}' is a {kind.value}; '.{attr}' needs a point or a piece")

    def n_BinOp(self, n: ast.BinOp) -> tuple[Compiled, Kind]:
        op = _BINOPS.get(type(n.op))
        if op is None:
            raise self.fail(f"operator in '{ast.unparse(n)}' is not allowed", "use + - * /")
        left, right = self.number(n.left), self.number(n.right)
        both, const_left, const_right = _ARITHMETIC[type(n.op)]
        if _is_number(n.right):
            return const_right(left, n.right.value), Kind.NUMBER
        if _is_number(n.left):
            return const_left(n.left.value, right), Kind.NUMBER
        return both(left, right), Kind.NUMBER

    def n_UnaryOp(self, n: ast.UnaryOp) -> tuple[Compiled, Kind]:
        if isinstance(n.op, ast.Not):
            inner = self.condition(n.operand)
            return (lambda env: not inner(env)), Kind.BOOL
        inner = self.number(n.operand)
        if isinstance(n.op, ast.USub):
            return (lambda env: -inner(env)), Kind.NUMBER
        if isinstance(n.op, ast.UAdd):
            return inner, Kind.NUMBER
        raise self.fail(f"operator in '{ast.unparse(n)}' is not allowed")

    def n_BoolOp(self, n: ast.BoolOp) -> tuple[Compiled, Kind]:
        parts = [self.condition(v) for v in n.values]
        if isinstance(n.op, ast.And):
            return (lambda env: all(p(env) for p in parts)), Kind.BOOL
        return (lambda env: any(p(env) for p in parts)), Kind.BOOL

    def n_Compare(self, n: ast.Compare) -> tuple[Compiled, Kind]:
        compiled = [self.node(n.left)] + [self.node(c) for c in n.comparators]
        terms = [fn for fn, _ in compiled]
        ops = []
        for i, op in enumerate(n.ops):
            fn = _CMPOPS.get(type(op))
            if fn is None:
                raise self.fail("only == != < <= > >= comparisons are allowed")
            self._comparable(compiled[i][1], compiled[i + 1][1], op)
            ops.append(fn)

        def compare(env: Env) -> bool:
            values = [t(env) for t in terms]
            return all(op(values[i], values[i + 1]) for i, op in enumerate(ops))

        return compare, Kind.BOOL

    def _comparable(self, left: Kind, right: Kind, op: ast.cmpop) -> None:
        if left in _NUMERIC and right in _NUMERIC:
            return
        if left is Kind.TEXT and right is Kind.TEXT:
            if not isinstance(op, ast.Eq | ast.NotEq):
                raise self.fail("text is compared only with == or !=",
                                "compare a choice option with one of its choices, e.g. fit == 'slim'")
            return
        if Kind.TEXT in (left, right) and {left, right} & set(_NUMERIC):
            raise self.fail("text is compared with a number",
                            "compare a choice option with one of its choices in quotes, e.g. "
                            "fit == 'slim', and a number with a number")
        raise self.fail(f"a {left.value} cannot be compared with a {right.value}",
                        "compare numbers (e.g. P.x < Q.x, length(C)) or a choice with its choices")

    def n_IfExp(self, n: ast.IfExp) -> tuple[Compiled, Kind]:
        test = self.condition(n.test)
        yes, kind_yes = self.node(n.body)
        no, kind_no = self.node(n.orelse)
        if kind_yes in _NUMERIC and kind_no in _NUMERIC:
            kind = Kind.NUMBER if Kind.NUMBER in (kind_yes, kind_no) else Kind.BOOL
        elif kind_yes is kind_no:
            kind = kind_yes
        else:
            raise self.fail(f"'a if c else b' gives a {kind_yes.value} or a {kind_no.value}",
                            "both branches must be numbers, or both text, or both points")
        return (lambda env: yes(env) if test(env) else no(env)), kind

    def n_Call(self, n: ast.Call) -> tuple[Compiled, Kind]:
        if not isinstance(n.func, ast.Name) or n.keywords:
            raise self.fail("call functions by name with plain arguments, e.g. max(a, b)")
        spec = FUNCTIONS.get(n.func.id)
        if spec is None:
            hint = did_you_mean(n.func.id, FUNCTIONS, "see docs/block-format.md for functions")
            raise self.fail(f"unknown function '{n.func.id}'", hint)
        if not spec.accepts(len(n.args)):
            raise self.fail(f"{n.func.id}() takes {spec.arity_text()}, got {len(n.args)}")
        args = []
        for i, arg in enumerate(n.args):
            fn, kind = self.node(arg)
            want = spec.kind_of(i)
            if not want.accepts(kind):
                raise self.fail(
                    f"argument {i + 1} of {n.func.id}() must be a {want.value}, "
                    f"'{ast.unparse(arg)}' is a {kind.value}"
                )
            args.append(fn)
        impl = spec.impl
        if len(args) == 1:
            a0 = args[0]
            return (lambda env: impl(a0(env))), spec.result
        if len(args) == 2:
            a0, a1 = args
            return (lambda env: impl(a0(env), a1(env))), spec.result
        return (lambda env: impl(*[a(env) for a in args])), spec.result

    def n_Tuple(self, n: ast.Tuple) -> tuple[Compiled, Kind]:
        raise self.fail("a comma outside a function call", "did you mean a decimal point?")
