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
    # shapely's left is the left of a y-up plane: on the table (y down) that is the right
    line = shapely.offset_curve(shapely.LineString(points), -distance, join_style="mitre",
                                mitre_limit=MITRE)
    if isinstance(line, shapely.MultiLineString):
        line = shapely.line_merge(line)
    if not isinstance(line, shapely.LineString) or line.is_empty:
        raise OffsetError(distance)
    return shapely.get_coordinates(line)
