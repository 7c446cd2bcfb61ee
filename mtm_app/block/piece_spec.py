"""Compile the `pieces` section: outlines as chains of edges, and the marks on each piece.

Flags are real booleans (`fold: no` is text, and text is not false), counts are whole numbers
within what a cutting room uses, and every formula gives the kind its key needs: what the
drafter, the exporters and the nesting solver receive is checked here, with its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mtm_app.block.document import line_of
from mtm_app.block.elements import ElementCompiler
from mtm_app.block.model import (
    MAX_QUANTITY,
    MAX_REPEAT,
    DerivedSpec,
    EdgeSpec,
    MarkSpec,
    NotchSpec,
    PieceSpec,
)
from mtm_app.block.schema import (
    DERIVED_KEYS,
    EDGE_FORMS,
    EDGE_KEYS,
    MARK_FORMS,
    MARK_KEYS,
    NOTCH_FORMS,
    NOTCH_KEYS,
    PIECE_KEYS,
    REPEAT_KEYS,
    WALKED_NOTCH_KEYS,
    at_key,
    check_form,
    check_keys,
)
from mtm_app.datafile import listed, shown
from mtm_app.errors import BlockError, Location, did_you_mean
from mtm_app.formula import Formula, FormulaContext, compile_condition, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.geometry.allowance import CORNER_RULES
from mtm_app.geometry.polyline import Polyline
from mtm_app.i18n import N_, _
from mtm_app.measurements.catalogue import SIDES
from mtm_app.pieces import MATERIALS, NOTCH_TYPES

INTERNAL_KINDS = ("dart", "pleat", "placement", "buttonhole", "fold", "stitch")
QUANTITY = (1, MAX_QUANTITY)
NOTCH_COUNT = (1, 10)  # notches in one group (a double notch is 2)
REPEAT = (0, MAX_REPEAT)
NOTCH_DEPTH = (0.5, 30.0)  # mm
NOTCH_SPACING = (0.5, 100.0)  # mm between the notches of a group
_A = {"drill": N_("a drill"), "internal": N_("an internal line"), "grainline": N_("a grainline")}


def _item(where: Location, items: list, key: str, i: int) -> Location:
    """Where item `i` of the piece's list `key` is: its own line, not the piece's."""
    return Location(where.file, line_of(items, i) or where.line, f"{where.element}.{key}[{i}]")


def _formula(value: Any, names, where: Location) -> Formula:
    return compile_formula(value, FormulaContext(names, where))


def _optional(spec: Mapping, key: str, names, where: Location) -> Formula | None:
    return _formula(spec[key], names, at_key(spec, key, where)) if key in spec else None


def _when(spec: Mapping, names, where: Location) -> Formula | None:
    return compile_condition(spec["when"], FormulaContext(names, at_key(spec, "when", where))) \
        if "when" in spec else None


def _flag(spec: Mapping, key: str, where: Location) -> bool:
    value = spec.get(key, False)
    if not isinstance(value, bool):
        raise BlockError(_("'{key}' is true or false, got {value}").format(
                             key=key, value=shown(value)), at_key(spec, key, where),
                         _("write {key}: true or {key}: false (yes/no and quoted words are text)").format(
                             key=key))
    return value


def _whole(value: Any, bounds: tuple[int, int], what: str, where: Location) -> int:
    lo, hi = bounds
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi \
            or not float(value).is_integer():
        raise BlockError(_("{what} must be a whole number {lo}–{hi}, got {value}").format(
                             what=what, lo=lo, hi=hi, value=shown(value)), where,
                         _("write it as a plain number, e.g. 2"))
    return int(value)


def _measure(spec: Mapping, key: str, default: float, bounds: tuple[float, float],
             where: Location) -> float:
    value = spec.get(key, default)
    lo, hi = bounds
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise BlockError(_("'{key}' must be a number of mm, {lo:g}–{hi:g}, got {value}").format(
                             key=key, lo=lo, hi=hi, value=shown(value)),
                         at_key(spec, key, where),
                         _("e.g. {key}: {default:g}").format(key=key, default=default))
    return float(value)


def _counted(value: Any, names, bounds: tuple[int, int], what: str, where: Location) -> Formula:
    """A count written as a formula (quantity, repeat): a number, checked now if constant."""
    formula = _formula(value, names, where)
    if not formula.refs:
        _whole(formula({}), bounds, what, where)
    return formula


def _items(spec: Mapping, key: str, where: Location) -> list:
    value = spec.get(key) or []
    if not isinstance(value, list):
        raise BlockError(_("'{key}' is a list, got {value}").format(
                             key=key, value=shown(value)), at_key(spec, key, where),
                         _("write one item per line, each starting with '- '"))
    return value


def _edge(ewhere: Location, spec: Any, names, default_sa) -> EdgeSpec:
    if not isinstance(spec, Mapping):
        raise BlockError(_("an outline edge is {{line: [A, B]}} or {{curve: name}}"), ewhere)
    check_form(spec, EDGE_FORMS, EDGE_KEYS, _("an edge"), ewhere)
    comp = ElementCompiler(names, ewhere)
    if "line" in spec:
        a, b = comp.pair(spec["line"], Kind.POINT)

        def path(env, a=a, b=b) -> Polyline:
            return Polyline.straight(env[a], env[b])
    elif "curve" in spec:
        curve = comp.ref(spec["curve"], Kind.CURVE)
        start = comp.ref(spec["from"], Kind.POINT) if "from" in spec else None
        end = comp.ref(spec["to"], Kind.POINT) if "to" in spec else None
        reverse = _flag(spec, "reverse", ewhere)

        def path(env, curve=curve, start=start, end=end, reverse=reverse) -> Polyline:
            poly = env[curve].polyline
            if start is not None or end is not None:
                d0 = poly.project(env[start])[0] if start else 0.0
                d1 = poly.project(env[end])[0] if end else poly.length
                return poly.between(d0, d1)
            return poly.reversed() if reverse else poly
    else:
        raise BlockError(_("an outline edge needs 'line' or 'curve'"), ewhere)
    corner = spec.get("corner", "mitre")
    if corner not in CORNER_RULES:
        raise BlockError(_("corner rule {corner} is unknown").format(corner=shown(corner)), ewhere,
                         _("rules: {rules}").format(rules=", ".join(CORNER_RULES)))
    fold = _flag(spec, "fold", ewhere)
    allowance = _optional(spec, "sa", names, ewhere)
    if allowance is None and not fold:
        allowance = default_sa
    return EdgeSpec(
        name=str(spec.get("name", "")),
        path=path,
        allowance=allowance,
        takeup=_optional(spec, "takeup", names, ewhere),
        hem=_flag(spec, "hem", ewhere),
        fold=fold,
        corner=corner,
        when=_when(spec, names, ewhere),
        where=ewhere,
    )


def _notch(nwhere: Location, spec: Any, names, edge_names: set[str]) -> NotchSpec:
    if not isinstance(spec, Mapping):
        raise BlockError(_("a notch is {{edge, distance}} or {{at: point}}"), nwhere)
    check_form(spec, NOTCH_FORMS, NOTCH_KEYS, _("a notch"), nwhere)
    kind = str(spec.get("type", "slit")).lower()
    if kind not in NOTCH_TYPES:
        raise BlockError(_("notch type {kind} is unknown").format(kind=shown(kind)), nwhere,
                         _("types: {types}").format(types=", ".join(NOTCH_TYPES)))
    at = None
    if "at" in spec:
        at = ElementCompiler(names, nwhere).ref(spec["at"], Kind.POINT)
    edge = spec.get("edge")
    if (edge is not None and (not isinstance(edge, str) or edge not in edge_names)) \
            or (at is None and edge is None):
        raise BlockError(_("notch edge {edge} is not an edge of this piece").format(edge=shown(edge)), nwhere,
                         _("edges: {edge_names}").format(edge_names=listed(sorted(edge_names))))
    origin = spec.get("from", "start")
    if origin not in ("start", "end"):
        raise BlockError(_("notch 'from' is start or end"), nwhere)
    return NotchSpec(
        edge=spec.get("edge"), at=at,
        distance=_optional(spec, "distance", names, nwhere),
        from_end=origin == "end", kind=kind,
        count=_whole(spec.get("count", 1), NOTCH_COUNT, "notch count", at_key(spec, "count", nwhere)),
        spacing=_measure(spec, "spacing", 8, NOTCH_SPACING, nwhere),
        when=_when(spec, names, nwhere), where=nwhere,
    )


def walked_notch(nwhere: Location, spec: Any, names) -> NotchSpec:
    """A notch of a seam pair: a distance along side a, placed on both sides (drafting.walked)."""
    if isinstance(spec, Mapping):
        check_keys(spec, WALKED_NOTCH_KEYS, _("a seam pair's notch"), nwhere)
    if not isinstance(spec, Mapping) or "distance" not in spec:
        raise BlockError(_("a seam pair's notch is {{distance: d, from: start or end}}, got {value}").format(
            value=shown(spec)), nwhere, _("the distance is along side a; side b gets the same point of "
                                          "the sewn seam"))
    return _notch(nwhere, {**spec, "edge": ""}, names, {""})


def _mark(kind: str, spec: Any, names, where: Location) -> MarkSpec:
    if isinstance(spec, str):
        spec = {"at": spec}
    if isinstance(spec, list):
        spec = {"points": spec}
    if not isinstance(spec, Mapping):
        raise BlockError(_("cannot read this {kind}").format(kind=kind), where)
    check_form(spec, MARK_FORMS[kind], MARK_KEYS[kind], _(_A[kind]), where)
    comp = ElementCompiler(names, where)
    if "at" in spec:
        p = comp.ref(spec["at"], Kind.POINT)
        build = lambda env, p=p: env[p]  # noqa: E731
    elif "curve" in spec:
        c = comp.ref(spec["curve"], Kind.CURVE)
        build = lambda env, c=c: list(map(tuple, env[c].polyline.points.tolist()))  # noqa: E731
    elif "points" in spec:
        if not isinstance(spec["points"], list):
            raise BlockError(_("a {kind}'s points are a list of point names").format(kind=kind), where)
        refs = [comp.ref(n, Kind.POINT) for n in spec["points"]]
        if len(refs) < 2:
            raise BlockError(_("a {kind} needs at least two points").format(kind=kind), where)
        build = lambda env, refs=refs: [env[r] for r in refs]  # noqa: E731
    else:
        raise BlockError(_("a {kind} needs 'at', 'points' or 'curve'").format(kind=kind), where)
    if kind == "grainline" and not ("points" in spec and len(spec["points"]) == 2):
        raise BlockError(_("a grainline is two points: [top, bottom]"), where)
    mark_kind = str(spec.get("kind", kind))
    if kind == "internal" and mark_kind not in INTERNAL_KINDS:
        raise BlockError(_("internal line kind {mark_kind} is unknown").format(
                             mark_kind=shown(mark_kind)), where,
                         _("kinds: {kinds}").format(kinds=", ".join(INTERNAL_KINDS)))
    repeat = None
    if "repeat" in spec:
        rep = spec["repeat"]
        if not isinstance(rep, Mapping) or "count" not in rep:
            raise BlockError(_("repeat takes {{count, dx, dy}}"), where)
        rwhere = at_key(spec, "repeat", where)
        check_keys(rep, REPEAT_KEYS, _("a repeat"), rwhere)
        repeat = (_counted(rep["count"], names, REPEAT, "repeat count", at_key(rep, "count", rwhere)),
                  _formula(rep.get("dx", 0), names, rwhere),
                  _formula(rep.get("dy", 0), names, rwhere))
    return MarkSpec(mark_kind, build, str(spec.get("label", "")),
                    _when(spec, names, where), where, repeat)


def _derived(spec: Mapping, names, where: Location, earlier: Mapping[str, PieceSpec], default_sa
              ) -> DerivedSpec:
    """`from_piece` (a piece above this one), with `edges` and `width` for a facing."""
    if "outline" in spec:
        raise BlockError(_("'from_piece' cannot go with 'outline': the piece takes its edges from "
                           "the other"), at_key(spec, "outline", where))
    source = earlier.get(spec["from_piece"])
    if source is None:
        raise BlockError(_("'from_piece' names {value}, which is not a piece above this one").format(
            value=shown(spec["from_piece"])), at_key(spec, "from_piece", where),
            did_you_mean(str(spec["from_piece"]), earlier, _("define the shell piece first")))
    run = spec.get("edges") or []
    if not isinstance(run, list) or not all(isinstance(e, str) for e in run):
        raise BlockError(_("'edges' lists edge names of piece '{source}'").format(source=source.id),
                         at_key(spec, "edges", where))
    known = [e.name for e in source.edges if e.name]
    for name in run:
        if name not in known:
            raise BlockError(_("piece '{source}' has no edge {edge}").format(
                source=source.id, edge=shown(name)), at_key(spec, "edges", where),
                did_you_mean(name, known, listed(known)))
    less = _less(spec, source, earlier, where) if "less" in spec else None
    if less is not None and run:
        raise BlockError(_("'less' cannot go with 'edges': the piece is what the facing leaves of "
                           "'{source}'").format(source=source.id), at_key(spec, "less", where))
    if bool(run) != ("width" in spec or "line" in spec) or ("inner" in spec and not (run or less)):
        raise BlockError(_("a facing takes both 'edges' and 'width' (and 'inner' names its new edge); "
                           "without them the piece is the whole of '{source}'").format(source=source.id),
                         where)
    if "width" in spec and "line" in spec:
        raise BlockError(_("'width' cannot go with 'line': the inner edge runs a width in from the run, "
                           "or follows a curve"), at_key(spec, "line", where))
    line = ElementCompiler(names, at_key(spec, "line", where)).ref(spec["line"], Kind.CURVE) \
        if "line" in spec else None
    inner = None
    if run or less:
        inner_name = spec.get("inner", "inner")
        if not isinstance(inner_name, str) or not inner_name.isidentifier() or inner_name in known:
            raise BlockError(_("'inner' names the facing's new edge: a name not used by '{source}'").format(
                source=source.id), at_key(spec, "inner", where))
        inner = EdgeSpec(inner_name, lambda env: None, default_sa, None, False, False, "mitre", None,
                         at_key(spec, "inner", where))
    width = _formula(spec["width"], names, at_key(spec, "width", where)) if "width" in spec else None
    return DerivedSpec(source, tuple(run), width, line, inner, less)


def _less(spec: Mapping, source: PieceSpec, earlier: Mapping[str, PieceSpec], where: Location) -> PieceSpec:
    """`less: facing`: a facing cut above from the same shell, whose rest this piece is."""
    facing = earlier.get(spec["less"])
    if facing is None or facing.derived is None or not facing.derived.edges \
            or facing.derived.source is not source:
        raise BlockError(_("'less' names {value}, which is not a facing cut above from '{source}'").format(
            value=shown(spec["less"]), source=source.id), at_key(spec, "less", where),
            _("cut the facing first: from_piece: {source} with edges and width").format(source=source.id))
    return facing


def compile_piece(pid: str, spec: Any, names: dict[str, Kind], where: Location,
                  earlier: Mapping[str, PieceSpec] | None = None) -> PieceSpec:
    if not isinstance(spec, Mapping):
        raise BlockError(_("a piece is a mapping with name and outline"), where)
    check_keys(spec, PIECE_KEYS, _("a piece"), where)
    default_sa = _formula(spec.get("sa", 10), names, at_key(spec, "sa", where))
    derived = None
    if "from_piece" in spec:
        derived = _derived(spec, names, where, earlier or {}, default_sa)
        edges = [*derived.source.edges, *([derived.inner] if derived.inner else [])]
    else:
        for key in DERIVED_KEYS[1:]:
            if key in spec:
                raise BlockError(_("'{key}' belongs to a piece cut from another (from_piece)").format(
                    key=key), at_key(spec, key, where))
        outline = spec.get("outline")
        if not isinstance(outline, list) or len(outline) < 2:
            raise BlockError(_("a piece needs an outline of at least two edges"), where)
        edges = [_edge(_item(where, outline, "outline", i), e, names, default_sa)
                 for i, e in enumerate(outline)]
    edge_names = {e.name for e in edges if e.name}
    material = str(spec.get("material", "self"))
    if material not in MATERIALS:
        raise BlockError(_("material {material} is unknown").format(
                             material=shown(material)), at_key(spec, "material", where),
                         _("materials: {materials}").format(materials=", ".join(MATERIALS)))
    grain = spec.get("grainline")
    notches, drills, internal = (_items(spec, key, where) for key in ("notches", "drills", "internal"))
    if not isinstance(spec.get("label") or {}, Mapping):
        raise BlockError(_("a label is a mapping, e.g. {{note: cut on the bias}}"),
                         at_key(spec, "label", where))
    for key, text in (spec.get("label") or {}).items():  # `{note: a, b}` reads as two keys
        if not isinstance(text, str):
            raise BlockError(_("label '{key}' is {text}, not text").format(key=key, text=shown(text)),
                             Location(where.file, line_of(spec, "label") or where.line,
                                      f"{where.element}.label.{key}"),
                             _("quote text holding a comma or colon: {{note: \"a, b\"}}"))
    side = spec.get("side", "")
    if side not in ("", *SIDES):
        raise BlockError(_("side {side} is neither left nor right").format(
                             side=shown(side)), at_key(spec, "side", where),
                         _("the side of the body the piece is drafted for: side: left or side: right"))
    nest_at = spec.get("nest_at")
    if nest_at is not None:
        nest_at = ElementCompiler(names, at_key(spec, "nest_at", where)).ref(nest_at, Kind.POINT)
    return PieceSpec(
        id=pid,
        name=str(spec.get("name", pid.replace("_", " ").title())),
        edges=tuple(edges),
        notches=tuple(_notch(_item(where, notches, "notches", i), n, names, edge_names)
                      for i, n in enumerate(notches)),
        grainline=_mark("grainline", grain, names, at_key(spec, "grainline", where)) if grain else None,
        drills=tuple(_mark("drill", d, names, _item(where, drills, "drills", i))
                     for i, d in enumerate(drills)),
        internal=tuple(_mark("internal", d, names, _item(where, internal, "internal", i))
                       for i, d in enumerate(internal)),
        label={str(k): str(v) for k, v in (spec.get("label") or {}).items()},
        quantity=_counted(spec.get("quantity", 1), names, QUANTITY, "quantity",
                          at_key(spec, "quantity", where)),
        mirror=_flag(spec, "mirror", where),
        material=material,
        flip=_flag(spec, "flip", where),
        when=_when(spec, names, where),
        notch_depth=_measure(spec, "notch_depth", 6, NOTCH_DEPTH, where),
        where=where,
        nest_at=nest_at,
        side=side,
        derived=derived,
    )
