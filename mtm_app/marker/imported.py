"""Pieces from another CAD's AAMA/ASTM DXF, ready to be laid in a marker.

The file is read as `mtm import-dxf` reads it (`export/dxf_read.py`): each piece's Quantity,
its grainline (layer 7) and whether it is a mirrored pair (ASTM "R,L", or our "mirror pair"
annotation). A piece drawn as a half with its mirror line (layer 6) on its boundary is cut on
the fold: the marker opens it out like one of our own fold pieces.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from shapely.geometry import LinearRing, Point

from mtm_app.datafile import clip
from mtm_app.errors import MtmError
from mtm_app.export.labels import JobInfo
from mtm_app.geometry.polyline import Polyline
from mtm_app.pieces import Edge, Piece

if TYPE_CHECKING:
    from mtm_app.export.dxf_read import ImportedFile

ON_EDGE = 0.5  # mm: a mirror line's ends this close to the boundary lie on it


def dxf_garment(path: str | Path, size: str | None = None
                ) -> tuple[str, list[Piece], JobInfo, ImportedFile]:
    """(label, pieces, job, the file as read) of one size of an AAMA/ASTM file: the size asked
    for, else the file's only size."""
    from mtm_app.export.dxf_read import read_aama  # ezdxf only when a DXF is laid

    path = Path(path)
    found = read_aama(path)
    sizes = found.sizes
    if size is None:
        if len(sizes) > 1:
            raise MtmError(f"{path.name} holds {len(sizes)} sizes ({clip(', '.join(sizes))})",
                           hint="choose one with --size")
        size = sizes[0]
    elif size not in sizes:
        raise MtmError(f"{path.name} has no size {clip(size)!r}",
                       hint="its sizes: " + clip(", ".join(sizes) or "(none)"))
    label = path.stem + (f" {size}" if size and len(sizes) > 1 else "")
    pieces = [folded(p) for s, p in found.pieces if s == size]
    return label, pieces, JobInfo(path.stem, found.style.get("style_name", ""), order=label,
                                  size=size or ""), found


def folded(piece: Piece) -> Piece:
    """The piece with its mirror line as a fold edge when the line lies on its boundary (a
    half piece cut on the fold); otherwise as it is (a mirror line inside a whole piece)."""
    if len(piece.fold_lines) != 1 or any(e.fold for e in piece.edges):
        return piece
    a, b = piece.fold_lines[0]
    ring = LinearRing(piece.cut_line)
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if math.dist(a, b) == 0 or max(ring.distance(Point(p)) for p in (a, b, middle)) > ON_EDGE:
        return piece
    return replace(piece, edges=[*piece.edges, Edge("fold", Polyline(np.array([a, b])), 0.0,
                                                    fold=True)])
