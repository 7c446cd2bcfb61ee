"""Compile a formula string into a closure over an environment dict.

Why closures: a block is compiled once and drafted thousands of times (a size run, a
population check, every keystroke in the preview), so parsing and name checks happen once
and drafting only calls small Python functions. Why `ast`: Python's own parser gives us
precedence, `a if c else b` and comparisons for free, and walking a whitelist of node types
means a block file can never run code.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

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
_CONSTANT_NAMES = {"true": True, "false": False, "pi": math.pi}
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

    def __call__(self, env: Env) -> Any:
        try:
            return self.fn(env)
        except ARITHMETIC_ERRORS as exc:
            raise self.error(exc) from None

    def error(self, exc: Exception) -> BlockError:
        """The user-facing error for an arithmetic failure while evaluating this formula."""
        if isinstance(exc, ZeroDivisionError):
            return BlockError(
                f"division by zero in '{self.source}'",
                self.where,
                "check the measurements and options it uses, or guard it with max(…, 1)",
            )
        return BlockError(
            f"cannot evaluate '{self.source}': {exc}",
            self.where,
            "a square root of a negative number or an impossible angle usually means "
            "the measurements are outside what this construction supports",
        )


ARITHMETIC_ERRORS = (ZeroDivisionError, ValueError, OverflowError)


def compile_formula(source: str | float | int | bool, ctx: FormulaContext) -> Formula:
    """Parse and compile `source`; unknown names, bad syntax and wrong arguments raise BlockError."""
    if isinstance(source, bool | int | float):
        value = source
        return Formula(str(source), frozenset(), lambda env: value, ctx.where)
    text = str(source).translate(_SYMBOLS).strip()
    if not text:
        raise BlockError("empty formula", ctx.where, "write a number or an expression")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        col = f" at column {exc.offset}" if exc.offset else ""
        hint = ("use numbers, + - * /, parentheses, comparisons, 'a if condition else b' "
                "and the documented functions")
        if text.count("(") > text.count(")"):  # YAML cut a {…} mapping at a comma
            hint = ("inside {…} a comma ends the value: put the formula in quotes, "
                    'e.g. x: "max(a, b)"')
        raise BlockError(f"syntax error in '{text}'{col}: {exc.msg}", ctx.where, hint) from None
    compiler = _Compiler(ctx, text)
    fn, _ = compiler.node(tree.body)
    return Formula(text, frozenset(compiler.refs), fn, ctx.where)


class _Compiler:
    def __init__(self, ctx: FormulaContext, text: str) -> None:
        self.ctx = ctx
        self.text = text
        self.refs: set[str] = set()

    def fail(self, message: str, hint: str = "") -> BlockError:
        return BlockError(f"{message} in '{self.text}'", self.ctx.where, hint)

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
        if kind not in (Kind.NUMBER, Kind.BOOL):
            raise self.fail(f"'{ast.unparse(n)}' is a {kind.value}, not a number")
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
        if name in _CONSTANT_NAMES:
            value = _CONSTANT_NAMES[name]
            return (lambda env: value), Kind.BOOL if isinstance(value, bool) else Kind.NUMBER
        kind = self.ctx.names.get(name)
        if kind is None:
            raise self.unknown(name)
        self.refs.add(name)
        return (lambda env: env[name]), kind

    def unknown(self, name: str) -> BlockError:
        hint = did_you_mean(name, self.ctx.names,
                            "declare it under measurements, options, values, points or curves")
        return self.fail(f"unknown name '{name}'", hint)

    def n_Attribute(self, n: ast.Attribute) -> tuple[Compiled, Kind]:
        if not isinstance(n.value, ast.Name):
            raise self.fail(f"'{ast.unparse(n)}': only point.x, point.y or piece.edge are allowed")
        base, kind = self.n_Name(n.value)
        attr = n.attr
        if kind is Kind.POINT:
            if attr not in _COORDS:
                raise self.fail(f"a point has only .x and .y, not '.{attr}'")
            index = _COORDS[attr]
            return (lambda env: base(env)[index]), Kind.NUMBER
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
            inner, _ = self.node(n.operand)
            return (lambda env: not inner(env)), Kind.BOOL
        inner = self.number(n.operand)
        if isinstance(n.op, ast.USub):
            return (lambda env: -inner(env)), Kind.NUMBER
        if isinstance(n.op, ast.UAdd):
            return inner, Kind.NUMBER
        raise self.fail(f"operator in '{ast.unparse(n)}' is not allowed")

    def n_BoolOp(self, n: ast.BoolOp) -> tuple[Compiled, Kind]:
        parts = [self.node(v)[0] for v in n.values]
        if isinstance(n.op, ast.And):
            return (lambda env: all(p(env) for p in parts)), Kind.BOOL
        return (lambda env: any(p(env) for p in parts)), Kind.BOOL

    def n_Compare(self, n: ast.Compare) -> tuple[Compiled, Kind]:
        terms = [self.node(n.left)[0]] + [self.node(c)[0] for c in n.comparators]
        ops = []
        for op in n.ops:
            fn = _CMPOPS.get(type(op))
            if fn is None:
                raise self.fail("only == != < <= > >= comparisons are allowed")
            ops.append(fn)

        def compare(env: Env) -> bool:
            values = [t(env) for t in terms]
            return all(op(values[i], values[i + 1]) for i, op in enumerate(ops))

        return compare, Kind.BOOL

    def n_IfExp(self, n: ast.IfExp) -> tuple[Compiled, Kind]:
        test = self.node(n.test)[0]
        yes, kind_yes = self.node(n.body)
        no, kind_no = self.node(n.orelse)
        kind = kind_yes if kind_yes == kind_no else Kind.NUMBER
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
