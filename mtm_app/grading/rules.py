"""Grade rules measured from a size run, and the AAMA/ASTM `.RUL` file that carries them.

Point grading (Gerber, Lectra) moves each turn point of the sample size by a rule: its
(dx, dy) for every size. Every size of a run has the same edges, so each corner of the seam
line is one rule; the graded point is the cut-line point at that corner (the boundary a
cutting CAD grades), measured from the piece's nest point, as the graded nest stacks them.

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


def _nearest(cut: np.ndarray, target: np.ndarray) -> np.ndarray:
    return cut[int(np.argmin(np.hypot(*(cut - target).T)))]


def _corner_points(piece: Piece, offsets: list[np.ndarray] | None = None
                   ) -> tuple[list[Point], list[np.ndarray]]:
    """The cut-line vertex at each seam corner (the start of each edge), from the nest point.

    In the sample size that is the vertex nearest the corner; other sizes take the vertex
    nearest the same offset from their corner, so a corner cut with two vertices (a clipped
    mitre, a hem) grades the same one of them in every size. Also returns those offsets.
    """
    cut = piece.cut_line
    origin = np.asarray(piece.nest_point)
    points, found = [], []
    for j, edge in enumerate(piece.edges):
        corner = np.asarray(edge.path.start)
        vertex = _nearest(cut, corner if offsets is None else corner + offsets[j])
        found.append(vertex - corner)
        x, y = (vertex - origin).tolist()
        points.append((x, y))
    return points, found


def grade_rules(run: SizeRun) -> GradeRules:
    """One rule per corner of every piece, numbered from 1, deltas from the sample size."""
    sizes = [s.size for s in run.sizes]
    rules = GradeRules(f"{run.block.id}-{run.chart.id}", sizes, run.sample.size)
    number = 1
    for pid in run.piece_ids():
        pieces = [s.draft.piece(pid) for s in run.sizes]
        structure = {tuple(e.name for e in p.edges) for p in pieces}
        if len(structure) > 1:
            rules.ungraded.append(pid)
            continue
        base, offsets = _corner_points(run.sample.draft.piece(pid))
        corners = [_corner_points(p, offsets)[0] for p in pieces]
        rules.points[pid] = []
        for j, (bx, by) in enumerate(base):
            rules.deltas[number] = [(c[j][0] - bx, c[j][1] - by) for c in corners]
            rules.points[pid].append((number, (bx, by)))
            number += 1
    return rules


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
        lines.append(" ".join(f"{dx * scale:.4f},{-dy * scale:.4f}" for dx, dy in deltas))
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
