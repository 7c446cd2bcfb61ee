"""A line drawn parallel to a curve or a run of edges: a facing's inner edge, an interfacing
set in from a seam line, a lining let out beyond it.

The offset is GEOS's (shapely), mitred at corners and trimmed where it would loop inside a
bend tighter than the distance; the direction of travel is kept.
"""

from __future__ import annotations

import numpy as np
import shapely

MITRE = 5.0  # a corner's mitre is clipped beyond this many times the distance


class OffsetError(ValueError):
    """The parallel line cannot be drawn at that distance (the curve bends tighter)."""


def offset_path(points: np.ndarray, distance: float) -> np.ndarray:
    """The polyline `distance` mm to the left of `points` as they run, seen on the table
    (y down): negative goes to the right."""
    if distance == 0:
        return np.asarray(points, dtype=float)
    plain = _mitred(np.asarray(points, dtype=float), distance)
    if plain is not None:
        return plain
    # shapely's left is the left of a y-up plane: on the table (y down) that is the right
    line = shapely.offset_curve(shapely.LineString(points), -distance, join_style="mitre",
                                mitre_limit=MITRE)
    if isinstance(line, shapely.MultiLineString):
        line = shapely.line_merge(line)
    if not isinstance(line, shapely.LineString) or line.is_empty:
        raise OffsetError(distance)
    return shapely.get_coordinates(line)


def _mitred(pts: np.ndarray, distance: float) -> np.ndarray | None:
    """The offset with each vertex moved along its mitre, as GEOS draws it where nothing loops:
    None when a segment would run backwards (a bend tighter than the distance) or a mitre
    would be clipped, for GEOS to trim. A lining let out along a gentle seam takes numpy a
    few microseconds; GEOS, building its geometry, ten times as long."""
    d = pts[1:] - pts[:-1]
    lengths = np.hypot(d[:, 0], d[:, 1])
    if len(pts) < 2 or not (lengths > 1e-9).all():
        return None
    t = d / lengths[:, None]
    normals = np.column_stack((t[:, 1], -t[:, 0]))  # the left, seen on the table (y down)
    vn = np.empty_like(pts)
    vn[0], vn[-1] = normals[0], normals[-1]
    if len(pts) > 2:
        m = normals[:-1] + normals[1:]
        dots = np.einsum("ij,ij->i", m, normals[1:])
        if (dots <= 1.0 / MITRE).any():
            return None  # a corner sharp enough for its mitre to be clipped
        vn[1:-1] = m / dots[:, None]
    out = pts + vn * distance
    e = out[1:] - out[:-1]
    if (np.einsum("ij,ij->i", e, d) <= 0).any():
        return None  # a segment turned back: the offset loops inside a tight bend
    return out
