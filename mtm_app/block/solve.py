"""A value found by a bounded root search: the one number that makes a drafted length come out
right (a sleeve cap's width so the cap eases into the armhole, a collar's rise so it fits the
neckline).

A pattern maker used to draft a trial curve and scale by how far it missed; here the block
says what must hold — `{between: [lo, hi], so_that: "length(cap) == armhole + ease"}` — and
the draft finds it. Each trial re-builds only the elements between the value and the
condition (the sub-graph that depends on it), with Brent's method: a handful of trials, not
a bisection's forty.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from mtm_app.block.model import Element, build_elements
from mtm_app.block.schema import SOLVE_FORMS, at_key, check_form
from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location
from mtm_app.formula import Formula, FormulaContext, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.i18n import _, number

XTOL = 1e-6  # relative width of the bracket at which the search stops
FTOL = 1e-4  # mm: a condition met this closely is met
MAX_TRIALS = 100  # Brent's method needs ~10; this only guards a pathological function


@dataclass(frozen=True)
class SolveSpec:
    """What a solved value must make true, and the range it is searched in."""

    low: Formula
    high: Formula
    left: Formula
    right: Formula
    where: Location


def compile_solve(name: str, spec: Mapping[str, Any], names: Mapping[str, Kind],
                  where: Location) -> SolveSpec:
    """Check and compile `{between: [lo, hi], so_that: "a == b"}`."""
    check_form(spec, SOLVE_FORMS, (), _("a solved value"), where)
    bounds = spec.get("between")
    bwhere = at_key(spec, "between", where)
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise BlockError(_("'between' takes the two ends of the search: [low, high], got {value}").format(
            value=shown(bounds)), bwhere, _("e.g. between: [0.5 * armhole, armhole]"))
    cwhere = at_key(spec, "so_that", where)
    text = spec.get("so_that")
    sides = _sides(text, cwhere)
    low, high = (compile_formula(b, FormulaContext(names, bwhere)) for b in bounds)
    left, right = (compile_formula(s, FormulaContext(names, cwhere)) for s in sides)
    return SolveSpec(low, high, left, right, where)


def _sides(text: Any, where: Location) -> tuple[str, str]:
    """The two sides of `a == b`, as written."""
    hint = _('write what must hold as "a == b", e.g. so_that: "length(cap) == armhole + ease"')
    if not isinstance(text, str):
        raise BlockError(_("'so_that' is a condition in quotes, got {value}").format(value=shown(text)),
                         where, hint)
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        tree = None
    if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1 and isinstance(tree.ops[0], ast.Eq)):
        raise BlockError(_("'so_that' must say that two quantities are equal: {value}").format(
            value=shown(text)), where, hint)
    source = text.strip()
    return ast.get_source_segment(source, tree.left), ast.get_source_segment(source, tree.comparators[0])


def wire_solves(elements: dict[str, Element], solves: dict[str, SolveSpec]) -> None:
    """Give each solved value its search, over the elements between it and its condition.

    Those elements use the value, and the condition uses them: left as they are, the value
    would depend on itself. So the value depends only on what they use from outside, and each
    trial builds them afresh.
    """
    users: dict[str, set[str]] = {}
    for element in elements.values():
        for ref in element.refs:
            users.setdefault(ref, set()).add(element.name)
    for name, spec in solves.items():
        condition = spec.left.refs | spec.right.refs
        downstream = _reach(name, lambda n: users.get(n, ()))
        upstream = _reach_all(condition, lambda n: elements[n].refs if n in elements else ())
        inner = (downstream & upstream) - {name}
        if name not in upstream:
            raise BlockError(_("nothing in 'so_that' depends on '{name}', so no value of it can make "
                               "it hold").format(name=name), spec.where,
                             _("the condition must measure something built from this value"))
        ends = (spec.low.refs | spec.high.refs) & downstream
        if ends:
            raise BlockError(_("the ends of the search for '{name}' use {names}: what the search "
                               "finds cannot bound it").format(name=name, names=", ".join(sorted(ends))),
                             spec.where, _("give 'between' ends made of measurements, options and "
                                           "values defined before '{name}'").format(name=name))
        order = [e for e in _ordered(elements, inner)]
        outside = (condition | spec.low.refs | spec.high.refs
                   | {r for e in order for r in e.refs}) - inner - {name}
        elements[name] = replace(elements[name], build=_search(name, spec, order),
                                 refs=frozenset(outside), formula=None)


def _reach(start: str, step: Callable[[str], Any]) -> set[str]:
    return _reach_all({start}, step)


def _reach_all(starts: set[str] | frozenset[str], step: Callable[[str], Any]) -> set[str]:
    seen, todo = set(starts), list(starts)
    while todo:
        for nxt in step(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _ordered(elements: dict[str, Element], names: set[str]) -> list[Element]:
    """`names` in an order where each comes after those of them it uses."""
    order: list[Element] = []
    done: set[str] = set()
    pending = sorted(names)
    while pending:
        ready = [n for n in pending if not (elements[n].refs & names) - done]
        if not ready:
            raise BlockError(_("circular definition among: {names}").format(names=", ".join(pending)),
                             elements[pending[0]].where)
        order += [elements[n] for n in ready]
        done |= set(ready)
        pending = [n for n in pending if n not in done]
    return order


def _search(name: str, spec: SolveSpec, inner: list[Element]) -> Callable[[dict[str, Any]], float]:
    left, right = spec.left.fn, spec.right.fn

    def sides(env: dict[str, Any], x: float) -> tuple[float, float]:
        env[name] = x
        build_elements(inner, env)
        return left(env), right(env)

    def miss(env: dict[str, Any], x: float) -> float:
        a, b = sides(env, x)
        return a - b

    def solved(env: dict[str, Any]) -> float:
        lo, hi = float(spec.low(env)), float(spec.high(env))
        at_lo, at_hi = sides(env, lo), sides(env, hi)
        f_lo, f_hi = at_lo[0] - at_lo[1], at_hi[0] - at_hi[1]
        if f_lo * f_hi > 0 or not math.isfinite(f_lo * f_hi):
            raise _no_solution(name, spec, (lo, *at_lo), (hi, *at_hi))
        return bounded_root(lambda x: miss(env, x), lo, hi, f_lo, f_hi)

    return solved


def _no_solution(name: str, spec: SolveSpec, low: tuple[float, float, float],
                 high: tuple[float, float, float]) -> BlockError:
    """Say what the condition's two sides come to at both ends of the search."""
    (x0, a0, b0), (x1, a1, b1) = low, high
    return BlockError(
        _("no {name} between {low} and {high} makes {left} equal {right}: at {low} it is {a0} against "
          "{b0}, at {high} {a1} against {b1}").format(
            name=name, low=number(x0, 1), high=number(x1, 1), left=spec.left.source,
            right=spec.right.source, a0=number(a0, 1), b0=number(b0, 1), a1=number(a1, 1),
            b1=number(b1, 1)),
        spec.where, _("widen 'between', or check the measurements: at both ends the condition misses "
                      "on the same side"))


def bounded_root(f: Callable[[float], float], pre: float, cur: float, f_pre: float, f_cur: float) -> float:
    """A root of f between `pre` and `cur`, where f(pre) and f(cur) differ in sign (Brent's method,
    as scipy's brentq: inverse interpolation while it gains, bisection when it does not)."""
    if f_pre == 0:
        return pre
    blk, f_blk, s_pre, s_cur = 0.0, 0.0, 0.0, 0.0
    for _trial in range(MAX_TRIALS):
        if f_pre * f_cur < 0:
            blk, f_blk = pre, f_pre
            s_pre = s_cur = cur - pre
        if abs(f_blk) < abs(f_cur):
            pre, cur, blk = cur, blk, cur
            f_pre, f_cur, f_blk = f_cur, f_blk, f_cur
        delta = (XTOL + 4e-16 * abs(cur)) / 2
        s_bis = (blk - cur) / 2
        if abs(f_cur) <= FTOL or abs(s_bis) < delta:
            return cur
        if abs(s_pre) > delta and abs(f_cur) < abs(f_pre):
            if pre == blk:  # interpolate
                s_try = -f_cur * (cur - pre) / (f_cur - f_pre)
            else:  # extrapolate (inverse quadratic)
                d_pre = (f_pre - f_cur) / (pre - cur)
                d_blk = (f_blk - f_cur) / (blk - cur)
                s_try = -f_cur * (f_blk * d_blk - f_pre * d_pre) / (d_blk * d_pre * (f_blk - f_pre))
            if 2 * abs(s_try) < min(abs(s_pre), 3 * abs(s_bis) - delta):
                s_pre, s_cur = s_cur, s_try
            else:
                s_pre = s_cur = s_bis
        else:
            s_pre = s_cur = s_bis
        pre, f_pre = cur, f_cur
        cur += s_cur if abs(s_cur) > delta else math.copysign(delta, s_bis)
        f_cur = f(cur)
    return cur
