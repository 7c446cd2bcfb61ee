"""Compile the `pieces` section: outlines as chains of edges, and the marks on each piece."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mtm_app.block.elements import ElementCompiler
from mtm_app.block.model import EdgeSpec, MarkSpec, NotchSpec, PieceSpec
from mtm_app.errors import BlockError, Location
from mtm_app.formula import Formula, FormulaContext, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.geometry.allowance import CORNER_RULES
from mtm_app.geometry.polyline import Polyline
from mtm_app.pieces import MATERIALS, NOTCH_TYPES

INTERNAL_KINDS = ("dart", "pleat", "placement", "buttonhole", "fold", "stitch")


def _sub(where: Location, suffix: str) -> Location:
    return Location(where.file, where.line, f"{where.element}.{suffix}")


def _formula(value: Any, names, where: Location) -> Formula:
    return compile_formula(value, FormulaContext(names, where))


def _optional(spec: Mapping, key: str, names, where: Location) -> Formula | None:
    return _formula(spec[key], names, _sub(where, key)) if key in spec else None


def _edge(i: int, spec: Any, names, where: Location, default_sa) -> EdgeSpec:
    ewhere = _sub(where, f"outline[{i}]")
    if not isinstance(spec, Mapping):
        raise BlockError("an outline edge is {line: [A, B]} or {curve: name}", ewhere)
    comp = ElementCompiler(names, ewhere)
    if "line" in spec:
        a, b = comp.pair(spec["line"], Kind.POINT)

        def path(env, a=a, b=b) -> Polyline:
            return Polyline.straight(env[a], env[b])
    elif "curve" in spec:
        curve = comp.ref(spec["curve"], Kind.CURVE)
        start = comp.ref(spec["from"], Kind.POINT) if "from" in spec else None
        end = comp.ref(spec["to"], Kind.POINT) if "to" in spec else None
        reverse = bool(spec.get("reverse", False))

        def path(env, curve=curve, start=start, end=end, reverse=reverse) -> Polyline:
            poly = env[curve].polyline
            if start is not None or end is not None:
                d0 = poly.project(env[start])[0] if start else 0.0
                d1 = poly.project(env[end])[0] if end else poly.length
                return poly.between(d0, d1)
            return poly.reversed() if reverse else poly
    else:
        raise BlockError("an outline edge needs 'line' or 'curve'", ewhere)
    corner = spec.get("corner", "mitre")
    if corner not in CORNER_RULES:
        raise BlockError(f"corner rule '{corner}' is unknown", ewhere,
                         "rules: " + ", ".join(CORNER_RULES))
    fold = bool(spec.get("fold", False))
    allowance = _optional(spec, "sa", names, ewhere)
    if allowance is None and not fold:
        allowance = default_sa
    return EdgeSpec(
        name=str(spec.get("name", "")),
        path=path,
        allowance=allowance,
        takeup=_optional(spec, "takeup", names, ewhere),
        hem=bool(spec.get("hem", False)),
        fold=fold,
        corner=corner,
        when=_optional(spec, "when", names, ewhere),
        where=ewhere,
    )


def _notch(i: int, spec: Any, names, where: Location, edge_names: set[str]) -> NotchSpec:
    nwhere = _sub(where, f"notches[{i}]")
    if not isinstance(spec, Mapping):
        raise BlockError("a notch is {edge, distance} or {at: point}", nwhere)
    kind = str(spec.get("type", "slit")).lower()
    if kind not in NOTCH_TYPES:
        raise BlockError(f"notch type '{kind}' is unknown", nwhere, "types: " + ", ".join(NOTCH_TYPES))
    at = None
    if "at" in spec:
        at = ElementCompiler(names, nwhere).ref(spec["at"], Kind.POINT)
    edge = spec.get("edge")
    if (edge is not None and edge not in edge_names) or (at is None and edge is None):
        raise BlockError(f"notch edge '{spec.get('edge')}' is not an edge of this piece", nwhere,
                         "edges: " + ", ".join(sorted(edge_names)))
    origin = spec.get("from", "start")
    if origin not in ("start", "end"):
        raise BlockError("notch 'from' is start or end", nwhere)
    return NotchSpec(
        edge=spec.get("edge"), at=at,
        distance=_optional(spec, "distance", names, nwhere),
        from_end=origin == "end", kind=kind,
        count=int(spec.get("count", 1)), spacing=float(spec.get("spacing", 8)),
        when=_optional(spec, "when", names, nwhere), where=nwhere,
    )


def _mark(kind: str, spec: Any, names, where: Location) -> MarkSpec:
    if isinstance(spec, str):
        spec = {"at": spec}
    if isinstance(spec, list):
        spec = {"points": spec}
    if not isinstance(spec, Mapping):
        raise BlockError(f"cannot read this {kind}", where)
    comp = ElementCompiler(names, where)
    if "at" in spec:
        p = comp.ref(spec["at"], Kind.POINT)
        build = lambda env, p=p: env[p]  # noqa: E731
    elif "curve" in spec:
        c = comp.ref(spec["curve"], Kind.CURVE)
        build = lambda env, c=c: [tuple(map(float, q)) for q in env[c].polyline.points]  # noqa: E731
    elif "points" in spec:
        refs = [comp.ref(n, Kind.POINT) for n in spec["points"]]
        if len(refs) < 2:
            raise BlockError(f"a {kind} needs at least two points", where)
        build = lambda env, refs=refs: [env[r] for r in refs]  # noqa: E731
    else:
        raise BlockError(f"a {kind} needs 'at', 'points' or 'curve'", where)
    mark_kind = str(spec.get("kind", kind))
    if kind == "internal" and mark_kind not in INTERNAL_KINDS:
        raise BlockError(f"internal line kind '{mark_kind}' is unknown", where,
                         "kinds: " + ", ".join(INTERNAL_KINDS))
    repeat = None
    if "repeat" in spec:
        rep = spec["repeat"]
        if not isinstance(rep, Mapping) or "count" not in rep:
            raise BlockError("repeat takes {count, dx, dy}", where)
        rwhere = _sub(where, "repeat")
        repeat = (_formula(rep["count"], names, rwhere), _formula(rep.get("dx", 0), names, rwhere),
                  _formula(rep.get("dy", 0), names, rwhere))
    return MarkSpec(mark_kind, build, str(spec.get("label", "")),
                    _optional(spec, "when", names, where), where, repeat)


def compile_piece(pid: str, spec: Any, names: dict[str, Kind], where: Location) -> PieceSpec:
    if not isinstance(spec, Mapping):
        raise BlockError("a piece is a mapping with name and outline", where)
    outline = spec.get("outline")
    if not isinstance(outline, list) or len(outline) < 2:
        raise BlockError("a piece needs an outline of at least two edges", where)
    default_sa = _formula(spec.get("sa", 10), names, _sub(where, "sa"))
    edges = [_edge(i, e, names, where, default_sa) for i, e in enumerate(outline)]
    edge_names = {e.name for e in edges if e.name}
    material = str(spec.get("material", "self"))
    if material not in MATERIALS:
        raise BlockError(f"material '{material}' is unknown", _sub(where, "material"),
                         "materials: " + ", ".join(MATERIALS))
    grain = spec.get("grainline")
    nest_at = spec.get("nest_at")
    if nest_at is not None:
        nest_at = ElementCompiler(names, _sub(where, "nest_at")).ref(nest_at, Kind.POINT)
    return PieceSpec(
        id=pid,
        name=str(spec.get("name", pid.replace("_", " ").title())),
        edges=tuple(edges),
        notches=tuple(_notch(i, n, names, where, edge_names)
                      for i, n in enumerate(spec.get("notches") or [])),
        grainline=_mark("grainline", grain, names, _sub(where, "grainline")) if grain else None,
        drills=tuple(_mark("drill", d, names, _sub(where, f"drills[{i}]"))
                     for i, d in enumerate(spec.get("drills") or [])),
        internal=tuple(_mark("internal", d, names, _sub(where, f"internal[{i}]"))
                       for i, d in enumerate(spec.get("internal") or [])),
        label={str(k): str(v) for k, v in (spec.get("label") or {}).items()},
        quantity=_formula(spec.get("quantity", 1), names, _sub(where, "quantity")),
        mirror=bool(spec.get("mirror", False)),
        material=material,
        flip=bool(spec.get("flip", False)),
        when=_optional(spec, "when", names, where),
        notch_depth=float(spec.get("notch_depth", 6)),
        where=where,
        nest_at=nest_at,
    )
