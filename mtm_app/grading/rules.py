"""Grade rules measured from a size run, and the AAMA/ASTM `.RUL` file that carries them.

Point grading (Gerber, Lectra) moves each point of the sample size by a rule: its (dx, dy)
for every size. The sizes of a piece are first matched to one point list (`resample`), so
every point of the sample's cut line, sew line and internal lines has a rule, and the sample
point moved by its rule is that size's point exactly; measured from the piece's nest point, as
the graded nest stacks them (and as its grade reference line starts).

The `.RUL` file (text, one rule per graded point):
    Grade Rule Table: <name>  Units: METRIC|ENGLISH  Number of Sizes: n
    Size List: 38 40 42 …     Sample Size: 42
    RULE: DELTA 1
    dx,dy dx,dy …             (one pair per size in size-list order; y up; file units)
    …
    END
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from mtm_app.errors import Location, MtmError
from mtm_app.grading.resample import match_piece
from mtm_app.grading.run import SizeRun
from mtm_app.pieces import Piece

Point = tuple[float, float]
UNITS_TEXT = {"mm": "METRIC", "in": "ENGLISH"}


@dataclass
class GradeRules:
    name: str
    sizes: list[str]
    sample: str
    units: str = "mm"  # of the .RUL file it was read from; the deltas are always mm
    deltas: dict[int, list[Point]] = field(default_factory=dict)  # rule → (dx, dy) per size, mm
    points: dict[str, list[tuple[int, Point]]] = field(default_factory=dict)  # piece → sample pts
    ungraded: list[str] = field(default_factory=list)  # pieces whose sizes differ in structure


def matched_sizes(run: SizeRun) -> tuple[list[list[Piece]], list[str]]:
    """Each size's pieces (those every size has, in drafting order) with one point list per
    piece (see `resample`), and the ids of pieces whose sizes differ in structure (other
    edges), which are left as drafted and not graded."""
    sample = run.sizes.index(run.sample)
    by_size: list[list[Piece]] = [[] for _ in run.sizes]
    ungraded = []
    for pid in run.piece_ids():
        drafted = [s.draft.piece(pid) for s in run.sizes]
        matched = match_piece(drafted, sample)
        if matched is None:
            ungraded.append(pid)
            matched = drafted
        for pieces, piece in zip(by_size, matched, strict=True):
            pieces.append(piece)
    return by_size, ungraded


def graded_points(piece: Piece, internal: bool = True) -> np.ndarray:
    """The points a rule grades, in rule order: the cut line, the sew line, each internal line
    (when every size has the same ones); measured from the nest point."""
    lines = [piece.cut_line, piece.seam_line]
    if internal:
        lines += [np.asarray(line.points) for line in piece.internal_lines]
    return np.vstack(lines) - np.asarray(piece.nest_point)


def grade_rules(run: SizeRun, matched: tuple[list[list[Piece]], list[str]] | None = None) -> GradeRules:
    """One rule per point of every graded piece (numbered from 1: cut line, sew line, internal
    lines unless the sizes have different ones — a longer shirt has more buttonholes), deltas
    from the sample size."""
    by_size, ungraded = matched or matched_sizes(run)
    sizes = [s.size for s in run.sizes]
    sample = run.sizes.index(run.sample)
    rules = GradeRules(f"{run.block.id}-{run.chart.id}", sizes, run.sample.size, ungraded=list(ungraded))
    number = 1
    for j, pid in enumerate(run.piece_ids()):
        if pid in ungraded:
            continue
        kinds = {tuple(line.kind for line in pieces[j].internal_lines) for pieces in by_size}
        points = [graded_points(pieces[j], len(kinds) == 1) for pieces in by_size]
        base = points[sample]
        rules.points[pid] = []
        for k, (bx, by) in enumerate(base.tolist()):
            rules.deltas[number] = [(float(p[k, 0] - bx), float(p[k, 1] - by)) for p in points]
            rules.points[pid].append((number, (bx, by)))
            number += 1
    return rules


def _num(value: float) -> str:
    """Four decimals, never '-0.0000'."""
    return f"{round(value, 4) + 0.0:.4f}"


def rul_text(rules: GradeRules, units: str = "mm", style: str = "") -> str:
    """The `.RUL` file; deltas in mm or inches with y up, as the DXF beside it."""
    scale = 1.0 if units == "mm" else 1 / 25.4
    now = datetime.now()
    lines = [f"Style Name: {style or rules.name}", f"Creation Date: {now:%m/%d/%Y}",
             f"Creation Time: {now:%H:%M:%S}", "Author: MTM Studio",
             f"Grade Rule Table: {rules.name}", f"Units: {UNITS_TEXT[units]}",
             f"Number of Sizes: {len(rules.sizes)}", f"Size List: {' '.join(rules.sizes)}",
             f"Sample Size: {rules.sample}"]
    for n, deltas in sorted(rules.deltas.items()):
        lines.append(f"RULE: DELTA {n}")
        lines.append(" ".join(f"{_num(dx * scale)},{_num(-dy * scale)}" for dx, dy in deltas))
    lines.append("END")
    return "\r\n".join(lines) + "\r\n"


class RulError(MtmError):
    """A grade-rule file that cannot be read."""


_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*?)\s*$")


def read_rul(text: str, where: str = "") -> GradeRules:
    """Parse a `.RUL` file written as `rul_text` writes it; deltas back in mm, y down."""
    head: dict[str, str] = {}
    deltas: dict[int, list[Point]] = {}
    current: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.upper() == "END":
            continue
        rule = re.match(r"^RULE:\s*DELTA\s+(\d+)$", line, re.IGNORECASE)
        if rule:
            current = int(rule.group(1))
            deltas[current] = []
            continue
        key = _KEY.match(line)
        if current is None and key:
            head[key.group(1).lower().replace(" ", "_")] = key.group(2)
            continue
        if current is None:
            raise RulError(f"line {number}: '{line}' is neither a header nor in a rule",
                           Location(where, number))
        try:
            deltas[current] += [tuple(float(v) for v in pair.split(",")) for pair in line.split()]
        except ValueError:
            raise RulError(f"line {number}: deltas are dx,dy pairs", Location(where, number)) from None
    units = "in" if head.get("units", "").upper().startswith("ENGLISH") else "mm"
    scale = 25.4 if units == "in" else 1.0
    sizes = head.get("size_list", "").split()
    for n, pairs in deltas.items():
        if len(pairs) != len(sizes):
            raise RulError(f"rule {n} has {len(pairs)} deltas for {len(sizes)} sizes", Location(where))
        deltas[n] = [(dx * scale, -dy * scale) for dx, dy in pairs]
    return GradeRules(head.get("grade_rule_table", ""), sizes, head.get("sample_size", ""),
                      units, deltas)
