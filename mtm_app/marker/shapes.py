"""Pieces as they lie on the fabric: opened out of their fold, turned so the grainline runs
along the strip, mirrored for the second of a pair, then moved to where the marker puts them.

Every step is an affine map applied to the whole piece (cut and seam lines, notches, grainline,
marks, label anchor), so a placed piece is drawn by the same SVG and PDF code as any other.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import shapely
from shapely.geometry import Polygon

from mtm_app.errors import MtmError
from mtm_app.pieces import InternalLine, Notch, Piece

Matrix = np.ndarray  # 2×3: [[a, b, tx], [c, d, ty]]


def rotation(degrees: float) -> Matrix:
    r = math.radians(degrees)
    return np.array([[math.cos(r), -math.sin(r), 0.0], [math.sin(r), math.cos(r), 0.0]])


def translation(dx: float, dy: float) -> Matrix:
    return np.array([[1.0, 0.0, dx], [0.0, 1.0, dy]])


def compose(*maps: Matrix) -> Matrix:
    """The map applying `maps` in the order given."""
    out = np.eye(3)
    for m in maps:
        out = np.vstack([m, [0.0, 0.0, 1.0]]) @ out
    return out[:2]


def reflection(a: tuple[float, float], b: tuple[float, float]) -> Matrix:
    """Mirror across the line through a and b."""
    ux, uy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(ux, uy)
    if n == 0:
        raise MtmError("a fold edge has no length")
    ux, uy = ux / n, uy / n
    lin = np.array([[2 * ux * ux - 1, 2 * ux * uy], [2 * ux * uy, 2 * uy * uy - 1]])
    shift = np.array(a) - lin @ np.array(a)
    return np.hstack([lin, shift[:, None]])


def _pts(m: Matrix, points) -> np.ndarray:
    arr = np.asarray(points, dtype=float).reshape(-1, 2)
    return arr @ m[:, :2].T + m[:, 2]


def _pt(m: Matrix, p) -> tuple[float, float]:
    x, y = _pts(m, [p])[0]
    return float(x), float(y)


def transform(piece: Piece, m: Matrix) -> Piece:
    """The piece moved by `m`; a reflection reverses the outlines so they keep their turn."""
    flip = np.linalg.det(m[:, :2]) < 0
    ring = (lambda a: a[::-1].copy()) if flip else (lambda a: a)
    lin = m[:, :2]
    return replace(
        piece,
        edges=[],  # seams are checked on the draft, not on the marker
        seam_line=ring(_pts(m, piece.seam_line)),
        cut_line=ring(_pts(m, piece.cut_line)),
        notches=[Notch(_pt(m, n.seam_point), _pt(m, n.cut_point), tuple(lin @ np.array(n.inward)),
                       n.depth, n.width, n.kind, n.edge) for n in piece.notches],
        grainline=None if piece.grainline is None else (_pt(m, piece.grainline[0]),
                                                        _pt(m, piece.grainline[1])),
        fold_lines=[(_pt(m, a), _pt(m, b)) for a, b in piece.fold_lines],
        drills=[_pt(m, d) for d in piece.drills],
        internal_lines=[InternalLine(line.kind, tuple(_pt(m, p) for p in line.points), line.label)
                        for line in piece.internal_lines],
        reference=None if piece.reference is None else _pt(m, piece.reference),
    )


def _outline(points: np.ndarray) -> Polygon:
    return shapely.make_valid(Polygon(points)).buffer(0)


def unfold(piece: Piece) -> Piece:
    """A piece cut on the fold, opened out whole for single-ply cutting (the fold becomes a
    marked centre line); other pieces as they are."""
    folds = [e for e in piece.edges if e.fold]
    if not folds:
        return piece
    if len(folds) > 1:
        raise MtmError(f"piece '{piece.id}' has {len(folds)} fold edges; a marker opens one only")
    path = folds[0].path.points
    a, b = (float(path[0][0]), float(path[0][1])), (float(path[-1][0]), float(path[-1][1]))
    half = replace(piece, edges=[])
    other = transform(piece, reflection(a, b))
    whole = []
    for mine, theirs in ((piece.cut_line, other.cut_line), (piece.seam_line, other.seam_line)):
        merged = _outline(mine).union(_outline(theirs)).buffer(0.05).buffer(-0.05)
        if merged.geom_type != "Polygon":
            raise MtmError(f"piece '{piece.id}' does not open into one piece across its fold "
                           f"edge '{folds[0].name}'")
        whole.append(np.asarray(merged.exterior.coords)[:-1])
    return replace(
        half, cut_line=whole[0], seam_line=whole[1],
        notches=piece.notches + other.notches,
        drills=piece.drills + other.drills,
        internal_lines=[*piece.internal_lines, *other.internal_lines,
                        InternalLine("fold", (a, b), "centre line, cut open")],
        fold_lines=[],  # opened: cut whole, not on a fold
    )


def grain_along_strip(piece: Piece) -> Matrix:
    """The rotation that lays the grainline along the strip's length (x)."""
    if piece.grainline is None:
        return rotation(0.0)
    (ax, ay), (bx, by) = piece.grainline
    return rotation(-math.degrees(math.atan2(by - ay, bx - ax)))


def mirrored(piece: Piece) -> Piece:
    """The other piece of a mirrored pair (flipped across the grainline's direction)."""
    return transform(piece, np.array([[1.0, 0.0, 0.0], [0.0, -1.0, 0.0]]))
