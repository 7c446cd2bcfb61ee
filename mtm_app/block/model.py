"""A compiled block: everything in a block file, checked and ready to draft many times."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtm_app.block.alterations import AlterationPlace
from mtm_app.errors import BlockError, Location
from mtm_app.formula import Formula
from mtm_app.i18n import _

OPTION_TYPES = ("length", "percent", "angle", "count", "boolean", "choice")
OPTION_GROUPS = ("fit", "style", "advanced")


@dataclass(frozen=True)
class MeasurementSpec:
    """A measurement the block needs, the bodies it serves, and how to derive it if missing."""

    name: str
    min: float
    max: float
    derive: Formula | None
    where: Location


@dataclass(frozen=True)
class OptionSpec:
    """One style option: typed, bounded, with a default; `when` hides it unless it applies."""

    name: str
    type: str
    label: str
    group: str
    default: Any
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    when: Formula | None = None
    help: str = ""
    where: Location = field(default_factory=Location)


@dataclass(frozen=True)
class Constraint:
    """A rule across measurements; a body that breaks it is refused with `message`."""

    check: Formula
    field: str
    message: str


@dataclass(frozen=True)
class Element:
    """A value, point or curve: built from the environment of everything defined before it."""

    name: str
    kind: str  # value | point | curve
    build: Callable[[dict[str, Any]], Any]  # for a value: its formula's raw closure
    refs: frozenset[str]
    where: Location
    formula: Formula | None = None  # a value's formula, to explain an arithmetic failure

    def failure(self, exc: Exception) -> BlockError:
        """The error to show when building this element raised `exc`: names it and its line."""
        if self.formula is not None:
            return self.formula.error(exc)
        reason = "division by zero" if isinstance(exc, ZeroDivisionError) else str(exc)
        return BlockError(_("cannot build {kind} '{name}': {reason}").format(
                              kind=self.kind, name=self.name, reason=reason), self.where)


BUILD_ERRORS = (ArithmeticError, ValueError, IndexError, TypeError)
MAX_REPEAT = 200  # copies of one mark: a row of buttons, a cuff's pleats
MAX_QUANTITY = 100  # pieces of one kind cut per garment
TABLE = 100_000.0  # mm: no point of a garment lies farther from the origin


def build_elements(elements: list[Element], env: dict[str, Any]) -> None:
    """Build each element in order into `env` (one try around the loop: it runs per draft).

    Every value must be a finite number and every point lie on a table of ±100 m: beyond
    that a typo (1e12 for 12) would only show as geometry that takes minutes to flatten.
    """
    element = None
    try:
        for element in elements:
            built = env[element.name] = element.build(env)
            if element.kind == "point":
                if not (-TABLE < built[0] < TABLE and -TABLE < built[1] < TABLE):
                    raise _off_table(element, built)
            elif element.kind == "value" and not -math.inf < built < math.inf:
                raise BlockError(_("value '{name}' is {built}, not a number").format(
                                     name=element.name, built=built), element.where,
                                 _("check the formula and the values it uses"))
    except BUILD_ERRORS as exc:
        raise element.failure(exc) from None


def _off_table(element: Element, point: tuple[float, float]) -> BlockError:
    return BlockError(_("point '{name}' lies at ({point:.4g}, {point2:.4g}) mm, off the ±{value:g} m "
                        "drafting table").format(
                          name=element.name, point=point[0], point2=point[1],
                          value=TABLE / 1000), element.where,
                      _("check the formulas and values it is built from"))


@dataclass(frozen=True)
class EdgeSpec:
    name: str
    path: Callable[[dict[str, Any]], Any]  # env -> Polyline
    allowance: Formula | None
    takeup: Formula | None
    hem: bool
    fold: bool
    corner: str
    when: Formula | None
    where: Location


@dataclass(frozen=True)
class NotchSpec:
    edge: str | None
    at: str | None
    distance: Formula | None
    from_end: bool
    kind: str
    count: int
    spacing: float
    when: Formula | None
    where: Location


@dataclass(frozen=True)
class MarkSpec:
    """A drill hole, grainline or internal line, built from named points or a curve."""

    kind: str
    build: Callable[[dict[str, Any]], Any]
    label: str
    when: Formula | None
    where: Location
    repeat: tuple[Formula, Formula, Formula] | None = None  # count, dx, dy

    def copies(self, env: dict[str, Any]) -> list[tuple[float, float]]:
        """Offsets of each copy: a row of buttons or pleats is one mark repeated."""
        if self.repeat is None:
            return [(0.0, 0.0)]
        count, dx, dy = (f(env) for f in self.repeat)
        if not 0 <= count <= MAX_REPEAT or not float(count).is_integer():
            raise BlockError(_("repeat count {count:g} is not a whole number 0–{most}").format(
                                 count=count, most=MAX_REPEAT),
                             self.where, _("check the options and values the count uses"))
        return [(k * dx, k * dy) for k in range(int(count))]


@dataclass(frozen=True)
class PieceSpec:
    id: str
    name: str
    edges: tuple[EdgeSpec, ...]
    notches: tuple[NotchSpec, ...]
    grainline: MarkSpec | None
    drills: tuple[MarkSpec, ...]
    internal: tuple[MarkSpec, ...]
    label: dict[str, str]
    quantity: Formula
    mirror: bool
    material: str
    flip: bool
    when: Formula | None
    notch_depth: float
    where: Location
    nest_at: str | None = None  # the point all sizes are stacked on in a nest of sizes
    side: str = ""  # the side of the body this piece (or, cut on the fold, its drafted half) is
    derived: DerivedSpec | None = None  # cut from another piece's seam line (drafting.derived)


@dataclass(frozen=True)
class DerivedSpec:
    """A piece cut from another's seam line: all of it, a facing along a run of its edges, or
    what is left of it beyond a facing (a front lining)."""

    source: PieceSpec
    edges: tuple[str, ...]  # the run a facing follows; empty: the whole outline
    width: Formula | None  # how far in the facing's inner edge runs
    line: str | None  # or the curve the inner edge follows
    inner: EdgeSpec | None  # the facing's new edge (or, with `less`, the edge sewn to the facing)
    less: PieceSpec | None = None  # the facing of the same shell whose rest this piece is


@dataclass(frozen=True)
class SeamPair:
    """Edges sewn together: sewn length of side a minus side b must lie in [min, max]."""

    name: str
    a: tuple[tuple[str, str], ...]
    b: tuple[tuple[str, str], ...]
    min: float
    max: float
    when: Formula | None
    where: Location
    notches: tuple[NotchSpec, ...] = ()  # walked along both sides (drafting.walked)
    reverse_b: bool = False  # side b is walked from its end


@dataclass(frozen=True)
class FitCheck:
    """A quantity measured on the drafted pieces and what it must equal."""

    name: str
    label: str
    measure: Formula
    target: Formula
    tolerance: float
    when: Formula | None
    where: Location
    unit: str = "mm"  # "°" for a tangent check: how far from smooth two curves meet


@dataclass
class Block:
    id: str
    name: str
    garment: str
    version: str
    author: str
    description: str
    measurements: dict[str, MeasurementSpec]
    options: dict[str, OptionSpec]
    preset_option: str | None
    presets: dict[str, dict[str, Any]]
    constraints: list[Constraint]
    elements: list[Element]  # in construction order; only those that vary with the customer
    constants: dict[str, Any]  # elements that are the same for every customer, built once
    pieces: list[PieceSpec]
    seam_pairs: list[SeamPair]
    fit_checks: list[FitCheck]
    default_size_chart: str | None = None
    figuration: tuple[str, ...] = ()  # the figure variations this block applies (0 = normal)
    path: Path | None = None
    source_text: str = ""
    alterations: dict[str, AlterationPlace] = field(default_factory=dict)  # fitting places

    def option_groups(self) -> dict[str, list[OptionSpec]]:
        groups: dict[str, list[OptionSpec]] = {g: [] for g in OPTION_GROUPS}
        for spec in self.options.values():
            groups[spec.group].append(spec)
        return groups
