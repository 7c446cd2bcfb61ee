"""Load a block file: check its structure, compile every formula, order the construction."""

from __future__ import annotations

import keyword
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mtm_app.block.alterations import compile_alterations
from mtm_app.block.document import line_of, parse_for_drafting, read_block_text
from mtm_app.block.elements import ElementCompiler
from mtm_app.block.model import (
    OPTION_GROUPS,
    OPTION_TYPES,
    Block,
    Constraint,
    Element,
    FitCheck,
    MeasurementSpec,
    OptionSpec,
    PieceSpec,
    SeamPair,
    build_elements,
)
from mtm_app.block.piece_spec import compile_piece, walked_notch
from mtm_app.block.schema import (
    BLOCK_KEYS,
    CONSTRAINT_KEYS,
    FIT_CHECK_KEYS,
    MEASUREMENT_KEYS,
    OPTION_KEYS,
    OPTION_TYPE_KEYS,
    PRESET_KEYS,
    SEAM_PAIR_KEYS,
    at_key,
    check_keys,
)
from mtm_app.block.solve import SolveSpec, compile_solve, wire_solves
from mtm_app.block.tangent import compile_tangent
from mtm_app.datafile import listed, shown
from mtm_app.errors import BlockError, Location, did_you_mean
from mtm_app.formula import CONSTANTS, FormulaContext, compile_condition, compile_formula
from mtm_app.formula.functions import Kind
from mtm_app.i18n import _
from mtm_app.measurements.catalogue import CANONICAL, FIGURATION

_SECTIONS = (
    "block", "measurements", "figuration", "constraints", "options", "fit_presets", "values",
    "points", "curves", "copies", "pieces", "seam_pairs", "fit_checks", "alterations",
)
_OPTION_KINDS = {"choice": Kind.TEXT, "boolean": Kind.BOOL}


def load_block(path: str | Path) -> Block:
    """Load and compile the block file at `path`."""
    path = Path(path)
    if not path.is_file():
        raise BlockError(_("no block file at {path}").format(path=path),
                         hint=_("give a path to a .yaml block"))
    text = read_block_text(path)
    return compile_block(parse_for_drafting(text, str(path)), str(path), text)


def parse_block(text: str, file: str = "<text>") -> Block:
    return compile_block(parse_for_drafting(text, file), file, text)


class _Loader:
    def __init__(self, doc: Any, file: str) -> None:
        self.doc = doc
        self.file = file

    def at(self, container: Any, key: Any, element: str) -> Location:
        return Location(self.file, line_of(container, key), element)

    def section(self, name: str, kind: type, required: bool = False) -> Any:
        value = self.doc.get(name)
        if value is None:
            if required:
                raise BlockError(_("the '{name}' section is missing").format(
                                     name=name), Location(self.file, 1))
            return kind()
        if not isinstance(value, kind):
            raise BlockError(
                _("'{name}' must be a {value}").format(
                    name=name, value='mapping' if kind is dict else 'list'),
                self.at(self.doc, name, name),
            )
        return value


def compile_block(doc: Any, file: str, text: str = "") -> Block:
    if not isinstance(doc, Mapping):
        raise BlockError(_("a block file must be a YAML mapping"), Location(file, 1))
    for key in doc:
        if key not in _SECTIONS:
            raise BlockError(
                _("unknown section '{key}'").format(key=key),
                Location(file, line_of(doc, key), str(key)),
                did_you_mean(key, _SECTIONS, _("sections: {names}").format(
                    names=", ".join(_SECTIONS))),
            )
    ld = _Loader(doc, file)
    meta = ld.section("block", dict, required=True)
    check_keys(meta, BLOCK_KEYS, _("the block header"), ld.at(doc, "block", "block"))
    for key in ("id", "name", "garment", "version"):
        if not meta.get(key):
            raise BlockError(_("block.{key} is missing").format(key=key), ld.at(doc, "block", f"block.{key}"))

    names: dict[str, Kind] = {}

    def declare(name: Any, kind: Kind, where: Location) -> str:
        if not isinstance(name, str) or not name.isidentifier():
            raise BlockError(_("{name} is not a valid name").format(name=shown(name)), where,
                             _("use letters, digits and underscores, starting with a letter"))
        _not_built_in(name, where)
        if name in names:
            raise BlockError(_("'{name}' is defined twice").format(
                                 name=name), where, _("give each element its own name"))
        names[name] = kind
        return name

    measurements = _measurements(ld, names, declare)
    figuration = _figuration(ld, declare)
    options = _options(ld, declare)
    preset_option, presets = _presets(ld, options)
    constraints = _constraints(ld, names)
    constants, elements = _split_constants(_elements(ld, names, declare))
    piece_kinds: dict[str, Kind] = {}
    pieces: list[PieceSpec] = []
    for pid, spec in ld.section("pieces", dict, required=True).items():
        where = ld.at(doc["pieces"], pid, f"pieces.{pid}")
        _not_built_in(pid, where)
        if pid in names or pid in piece_kinds:
            raise BlockError(_("piece '{pid}' clashes with another name").format(pid=pid), where)
        piece_kinds[pid] = Kind.PIECE
        pieces.append(compile_piece(str(pid), spec, names, where, {p.id: p for p in pieces}))
    seam_pairs = _seam_pairs(ld, names, pieces)
    fit_checks = _fit_checks(ld, {**names, **piece_kinds}, pieces)
    places = ld.section("alterations", dict)
    alterations = compile_alterations(
        places, options, lambda place: ld.at(places, place, f"alterations.{place}"))
    return Block(
        id=str(meta["id"]),
        name=str(meta["name"]),
        garment=str(meta["garment"]),
        version=str(meta["version"]),
        author=str(meta.get("author", "")),
        description=str(meta.get("description", "")).strip(),
        measurements=measurements,
        options=options,
        preset_option=preset_option,
        presets=presets,
        constraints=constraints,
        elements=elements,
        constants=constants,
        pieces=pieces,
        seam_pairs=seam_pairs,
        fit_checks=fit_checks,
        default_size_chart=None if meta.get("size_chart") is None else str(meta["size_chart"]),
        figuration=figuration,
        path=Path(file) if file and not file.startswith("<") else None,
        source_text=text,
        alterations=alterations,
    )


def _not_built_in(name: Any, where: Location) -> None:
    """`pi`, `true`, `false` and the words of the formula language (and, or, not, if …) mean
    what the language says wherever they are written, so an element of that name would never
    be read. A function's name is free (the measurement `height` beside `height(piece)`): the
    parentheses tell them apart."""
    if name in CONSTANTS or keyword.iskeyword(name):
        raise BlockError(_("'{name}' is a word of the formula language, so it cannot name an "
                           "element").format(name=name), where,
                         _("call it something else: a formula reading '{name}' gets the "
                           "language's").format(name=name))


def _number(value: Any, where: Location, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise BlockError(_("{what} must be a number, got {value}").format(
                             what=what, value=shown(value)), where)
    return float(value)


def _measurements(ld: _Loader, names: dict[str, Kind], declare) -> dict[str, MeasurementSpec]:
    section = ld.section("measurements", dict, required=True)
    raw: list[tuple[str, Mapping, Location]] = []
    for name, spec in section.items():
        where = ld.at(section, name, f"measurements.{name}")
        if name not in CANONICAL:
            raise BlockError(
                _("'{name}' is not a canonical measurement name").format(name=name), where,
                did_you_mean(name, CANONICAL, _("see the measurement catalogue")),
            )
        if not isinstance(spec, Mapping):
            raise BlockError(_("a measurement needs {{min, max}}"), where)
        check_keys(spec, MEASUREMENT_KEYS, _("a measurement"), where)
        declare(name, Kind.NUMBER, where)
        raw.append((name, spec, where))
    out: dict[str, MeasurementSpec] = {}
    for name, spec, where in raw:
        lo = _number(spec.get("min"), where, "min")
        hi = _number(spec.get("max"), where, "max")
        if not 0 < lo < hi:
            raise BlockError(_("range {lo:g}–{hi:g} mm is empty or negative").format(lo=lo, hi=hi), where)
        derive = None
        if "derive" in spec:
            dwhere = Location(where.file, where.line, where.element + ".derive")
            derive = compile_formula(spec["derive"], FormulaContext(names, dwhere))
        out[name] = MeasurementSpec(name, lo, hi, derive, where)
    _order_derivations(out)
    return out


def _figuration(ld: _Loader, declare) -> tuple[str, ...]:
    """The figure variations the block applies: each a number in its formulas (mm, 0 when the
    customer's figure is normal or not recorded)."""
    section = ld.section("figuration", list) or []
    out = []
    for i, name in enumerate(section):
        where = ld.at(section, i, f"figuration[{i}]")
        if name not in FIGURATION:
            raise BlockError(_("{name} is not a figuration the catalogue knows").format(name=shown(name)),
                             where, did_you_mean(str(name), FIGURATION, _("figuration: {names}").format(
                                 names=", ".join(FIGURATION))))
        out.append(declare(name, Kind.NUMBER, where))
    return tuple(out)


def _order_derivations(specs: dict[str, MeasurementSpec]) -> None:
    """A measurement may not derive from itself; two deriving from each other is fine.

    Inseam from outseam and outseam from inseam means "measure either": which one is
    derived is settled per body, and a body with neither gets a message naming both.
    """
    for name, spec in specs.items():
        if spec.derive and name in spec.derive.refs:
            raise BlockError(_("measurement '{name}' is derived from itself").format(name=name), spec.where,
                             _("derive it from other measurements"))


def _options(ld: _Loader, declare) -> dict[str, OptionSpec]:
    section = ld.section("options", dict)
    specs: dict[str, OptionSpec] = {}
    kinds: dict[str, Kind] = {}
    for name, spec in section.items():
        where = ld.at(section, name, f"options.{name}")
        if not isinstance(spec, Mapping):
            raise BlockError(_("an option is a mapping with type, label, group and default"), where)
        otype = spec.get("type")
        if otype not in OPTION_TYPES:
            raise BlockError(_("option type {otype} is unknown").format(otype=shown(otype)), where,
                             _("types: {types}").format(types=", ".join(OPTION_TYPES)))
        check_keys(spec, OPTION_KEYS + OPTION_TYPE_KEYS.get(otype, ("min", "max")),
                   _("a {otype} option").format(otype=otype), where)
        group = spec.get("group", "style")
        if group not in OPTION_GROUPS:
            raise BlockError(_("group {group} is unknown").format(group=shown(group)), where,
                             _("groups: {groups}").format(groups=", ".join(OPTION_GROUPS)))
        declare(name, _OPTION_KINDS.get(otype, Kind.NUMBER), where)
        kinds[name] = _OPTION_KINDS.get(otype, Kind.NUMBER)
        default = spec.get("default")
        lo = hi = None
        choices: tuple[str, ...] = ()
        if otype == "choice":
            raw = spec.get("choices")
            choices = tuple(str(c) for c in raw) if isinstance(raw, list) else ()
            if not choices or default not in choices:
                raise BlockError(_("a choice option needs choices and a default among them"), where)
        elif otype == "boolean":
            if not isinstance(default, bool):
                raise BlockError(_("a boolean option needs default: true or false"), where)
        else:
            lo = _number(spec.get("min"), where, "min")
            hi = _number(spec.get("max"), where, "max")
            default = _number(default, where, "default")
            if not lo <= default <= hi:
                raise BlockError(_("default {default:g} lies outside {lo:g}–{hi:g}").format(
                                     default=default, lo=lo, hi=hi), where)
            if otype == "count" and not all(float(v).is_integer() for v in (lo, hi, default)):
                raise BlockError(_("a count option takes whole numbers"), where)
        specs[name] = OptionSpec(
            name=name, type=otype, label=str(spec.get("label", name.replace("_", " ").capitalize())),
            group=group, default=default, min=lo, max=hi, choices=choices,
            help=str(spec.get("help", "")), where=where,
        )
    # conditions may refer to any option, so compile them once all are known
    for name, spec in section.items():
        if "when" in spec:
            where = ld.at(spec, "when", f"options.{name}.when")
            when = compile_condition(spec["when"], FormulaContext(kinds, where))
            o = specs[name]
            specs[name] = OptionSpec(**{**o.__dict__, "when": when})
    return specs


def _presets(ld: _Loader, options: dict[str, OptionSpec]) -> tuple[str | None, dict[str, dict]]:
    section = ld.section("fit_presets", dict)
    if not section:
        return None, {}
    where = ld.at(ld.doc, "fit_presets", "fit_presets")
    check_keys(section, PRESET_KEYS, _("fit_presets"), where)
    option = section.get("option")
    spec = options.get(option) if isinstance(option, str) else None  # a mapping is no name
    if spec is None or spec.type != "choice":
        raise BlockError(_("fit_presets.option must name a choice option (e.g. fit)"), where)
    presets = section.get("presets") or {}
    if not isinstance(presets, Mapping) or not all(isinstance(v, Mapping | None) for v in presets.values()):
        raise BlockError(_("fit_presets.presets maps each choice to its option values"), where,
                         _("e.g. slim: {{chest_ease: 90}}"))
    if set(presets) != set(spec.choices):
        raise BlockError(
            _("fit presets {presets} must match the choices of '{option}' {list}").format(
                presets=sorted(presets), option=option, list=list(spec.choices)),
            where,
        )
    out: dict[str, dict] = {}
    for preset, values in presets.items():
        pwhere = ld.at(presets, preset, f"fit_presets.presets.{preset}")
        out[preset] = {}
        for key, value in (values or {}).items():
            target = options.get(key)
            if target is None or target.type in ("choice", "boolean"):
                raise BlockError(_("'{key}' is not a numeric option").format(key=key), pwhere)
            v = _number(value, pwhere, key)
            if not target.min <= v <= target.max:
                raise BlockError(_("{key} = {v:g} lies outside {min:g}–{max:g}").format(
                                     key=key, v=v, min=target.min, max=target.max), pwhere)
            out[preset][key] = v
    return option, out


def _constraints(ld: _Loader, names: dict[str, Kind]) -> list[Constraint]:
    out = []
    section = ld.section("constraints", list)
    for i, spec in enumerate(section):
        where = ld.at(section, i, f"constraints[{i}]")
        if not isinstance(spec, Mapping) or "check" not in spec or "field" not in spec:
            raise BlockError(_("a constraint needs check, field and message"), where)
        check_keys(spec, CONSTRAINT_KEYS, _("a constraint"), where)
        check = compile_condition(spec["check"], FormulaContext(names, where))
        out.append(Constraint(check, str(spec["field"]), str(spec.get("message", spec["check"]))))
    return out


def _elements(ld: _Loader, names: dict[str, Kind], declare) -> list[Element]:
    pending: list[tuple[str, str, Any, Location]] = []
    for section_name, kind in (("values", Kind.NUMBER), ("points", Kind.POINT),
                               ("curves", Kind.CURVE)):
        section = ld.section(section_name, dict)
        for name, spec in section.items():
            where = ld.at(section, name, f"{section_name}.{name}")
            declare(name, kind, where)
            pending.append((section_name[:-1], name, spec, where))
    copies = _copies(ld, names, declare)
    compiled: dict[str, Element] = {}
    solves: dict[str, SolveSpec] = {}
    for kind, name, spec, where in pending:
        if kind == "value" and isinstance(spec, Mapping):
            solves[name] = compile_solve(name, spec, names, where)
            compiled[name] = Element(name, kind, float, frozenset(), where)  # its search: wire_solves
            continue
        if kind == "value":
            formula = compile_formula(spec, FormulaContext(names, where))
            compiled[name] = Element(name, kind, formula.fn, formula.refs, where, formula)
            continue
        comp = ElementCompiler(names, where)
        build = comp.point(spec) if kind == "point" else comp.curve(spec)
        compiled[name] = Element(name, kind, build, frozenset(comp.refs), where)
    compiled.update(copies)
    wire_solves(compiled, solves)
    return _topological(compiled)


def _copies(ld: _Loader, names: dict[str, Kind], declare) -> dict[str, Element]:
    """The `copies` section: groups of points and curves turned about a point or mirrored
    across a line, each copy named after its original with the group's suffix."""
    section = ld.section("copies", list)
    moves = []
    for i, spec in enumerate(section):  # declare every copy before compiling any: they may chain
        where = ld.at(section, i, f"copies[{i}]")
        comp = ElementCompiler(names, where)
        sources, suffix, move = comp.moves(spec)
        for source in sources:
            if names.get(source) not in (Kind.POINT, Kind.CURVE):
                comp.ref(source, Kind.POINT)  # names it: unknown, or not a point or curve
            declare(source + suffix, names[source], where)
        moves.append((where, sources, suffix, move, comp.refs))
    out: dict[str, Element] = {}
    for where, sources, suffix, move, move_refs in moves:
        for source in sources:
            comp = ElementCompiler(names, where)
            build = comp.copy(source, move)
            out[source + suffix] = Element(source + suffix, names[source].value, build,
                                           frozenset(comp.refs | move_refs), where)
    return out


def _split_constants(elements: list[Element]) -> tuple[dict[str, Any], list[Element]]:
    """Elements that use no measurement or option are built once, when the block loads.

    Construction helpers such as a unit neckline shape are the same for every customer, so
    drafting need not rebuild them.
    """
    constants: dict[str, Any] = {}
    fixed, names = [], set()
    for element in elements:
        if element.refs <= names:
            fixed.append(element)
            names.add(element.name)
    build_elements(fixed, constants)
    return constants, [e for e in elements if e.name not in constants]


def _topological(elements: dict[str, Element]) -> list[Element]:
    """Order elements so each comes after what it uses; report a cycle with its path.

    Depth-first with an explicit stack: a chain of thousands of values must not exhaust
    Python's recursion limit.
    """
    order: list[Element] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in elements:
        if root in state:
            continue
        path = [root]
        todo = [iter(sorted(r for r in elements[root].refs if r in elements))]
        state[root] = 1
        while todo:
            ref = next(todo[-1], None)
            if ref is None:
                todo.pop()
                done = path.pop()
                state[done] = 2
                order.append(elements[done])
            elif state.get(ref) == 1:
                cycle = [*path[path.index(ref):], ref]
                raise BlockError(_("circular definition: {cycle}{value}").format(
                                     cycle=" → ".join(cycle[:12]),
                                     value=" → …" if len(cycle) > 12 else ""), elements[ref].where,
                                 _("one of these must be defined without the others"))
            elif ref not in state:
                state[ref] = 1
                path.append(ref)
                todo.append(iter(sorted(r for r in elements[ref].refs if r in elements)))
    return order


def _edge_refs(ld: _Loader, value: Any, where: Location, pieces) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | None):
        raise BlockError(_("a seam pair side is a list of piece.edge"), where, _("e.g. a: [back.side]"))
    refs = []
    by_id = {p.id: p for p in pieces}
    for item in value or []:
        piece_id, edge = str(item).partition(".")[::2]
        piece = by_id.get(piece_id)
        if piece is None:
            raise BlockError(_("unknown piece {piece_id} in {item}").format(
                                 piece_id=shown(piece_id), item=shown(item)), where,
                             did_you_mean(piece_id, by_id))
        edges = [e.name for e in piece.edges if e.name]
        if edge not in edges:
            raise BlockError(_("piece '{piece_id}' has no edge {edge}").format(
                                 piece_id=piece_id, edge=shown(edge)), where,
                             did_you_mean(edge, edges, _("edges: {listed}").format(listed=listed(edges))))
        refs.append((piece_id, edge))
    if not refs:
        raise BlockError(_("a seam pair side lists at least one piece.edge"), where)
    return tuple(refs)


def _seam_pairs(ld: _Loader, names: dict[str, Kind], pieces) -> list[SeamPair]:
    out = []
    section = ld.section("seam_pairs", list)
    for i, spec in enumerate(section):
        where = ld.at(section, i, f"seam_pairs[{i}]")
        if not isinstance(spec, Mapping):
            raise BlockError(_("a seam pair is a mapping with name, a, b and ease"), where)
        check_keys(spec, SEAM_PAIR_KEYS, _("a seam pair"), where)
        name = str(spec.get("name", f"seam pair {i + 1}"))
        where = Location(where.file, where.line, f"seam_pairs[{name}]")
        ease = spec.get("ease", [0, 0])
        if isinstance(ease, int | float):
            ease = [ease, ease]
        if not isinstance(ease, list) or len(ease) != 2:
            raise BlockError(_("ease is a number or [min, max], got {ease}").format(ease=shown(ease)), where)
        lo, hi = (_number(v, where, "ease") for v in ease)
        tol = _number(spec.get("tolerance", 0.5), where, "tolerance")
        when = compile_condition(spec["when"], FormulaContext(names, where)) if "when" in spec else None
        notches = spec.get("notches") or []
        if not isinstance(notches, list):
            raise BlockError(_("a seam pair's notches are a list"), at_key(spec, "notches", where),
                             _("e.g. notches: [{distance: 80}, {distance: 120, from: end}]"))
        reverse_b = spec.get("reverse_b", False)
        if not isinstance(reverse_b, bool):
            raise BlockError(_("'reverse_b' is true or false, got {value}").format(value=shown(reverse_b)),
                             at_key(spec, "reverse_b", where))
        out.append(SeamPair(name, _edge_refs(ld, spec.get("a"), where, pieces),
                            _edge_refs(ld, spec.get("b"), where, pieces), lo - tol, hi + tol,
                            when, where,
                            tuple(walked_notch(Location(where.file, line_of(notches, k) or where.line,
                                                        f"{where.element}.notches[{k}]"), n, names)
                                  for k, n in enumerate(notches)), reverse_b))
    return out


def _fit_checks(ld: _Loader, names: dict[str, Kind], pieces) -> list[FitCheck]:
    out = []
    section = ld.section("fit_checks", list)
    for i, spec in enumerate(section):
        where = ld.at(section, i, f"fit_checks[{i}]")
        tangent = isinstance(spec, Mapping) and "tangent" in spec
        if not isinstance(spec, Mapping) or (not tangent and ("measure" not in spec or "target" not in spec)):
            raise BlockError(_("a fit check needs name, measure, target and tolerance"), where,
                             _("or, for curves meeting across a seam, tangent and max_angle"))
        check_keys(spec, FIT_CHECK_KEYS, _("a fit check"), where)
        name = str(spec.get("name", f"check {i + 1}"))
        where = Location(where.file, where.line, f"fit_checks[{name}]")
        ctx = FormulaContext(names, where)
        if tangent:
            clash = [k for k in ("measure", "target", "tolerance") if k in spec]
            if clash or "max_angle" not in spec:
                raise BlockError(_("a tangent check takes max_angle (degrees), not {keys}").format(
                    keys=", ".join(clash) or "—"), where,
                    _("tangent: {a: piece.curve, across: piece.seam}, max_angle: 5"))
            measure = compile_tangent(spec["tangent"], lambda v, w: _edge_refs(ld, v, w, pieces), where)
            target = compile_formula(0, ctx)
            tolerance = _number(spec["max_angle"], where, "max_angle")
        else:
            measure, target = compile_formula(spec["measure"], ctx), compile_formula(spec["target"], ctx)
            tolerance = _number(spec.get("tolerance", 2), where, "tolerance")
        out.append(FitCheck(
            name=name, label=str(spec.get("label", name)), measure=measure, target=target,
            tolerance=tolerance, when=compile_condition(spec["when"], ctx) if "when" in spec else None,
            where=where, unit="°" if tangent else "mm",
        ))
    return out
