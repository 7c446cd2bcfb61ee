"""Place pieces side by side without overlap (shelf layout) for sheets and previews."""

from __future__ import annotations

from dataclasses import dataclass

from mtm_app.pieces import Piece

Box = tuple[float, float, float, float]  # min x, min y, max x, max y


@dataclass(frozen=True)
class Placement:
    piece: Piece
    dx: float  # add to the piece's draft x to get sheet x
    dy: float


def shelf_boxes(boxes: list[Box], max_width: float, gap: float = 20.0
                ) -> tuple[list[tuple[float, float]], float, float]:
    """Rows of boxes, tallest first, each row no wider than `max_width` (mm) with the gap at
    both ends (a box wider than that alone sits on a row of its own).

    Returns the shift (dx, dy) of each box, in the order given, and the sheet's width and height.
    """
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][3] - boxes[i][1], reverse=True)
    shifts: list[tuple[float, float]] = [(0.0, 0.0)] * len(boxes)
    x = y = row_height = width = 0.0
    for i in order:
        x0, y0, x1, y1 = boxes[i]
        w, h = x1 - x0, y1 - y0
        if x > 0 and x + w + 2 * gap > max_width:
            y += row_height + gap
            x = row_height = 0.0
        shifts[i] = (x - x0 + gap, y - y0 + gap)
        x += w + gap
        row_height = max(row_height, h)
        width = max(width, x)
    return shifts, width + gap, y + row_height + 2 * gap


def shelf_layout(pieces: list[Piece], max_width: float, gap: float = 20.0
                 ) -> tuple[list[Placement], float, float]:
    """Pieces in shelf rows (see `shelf_boxes`), tallest first; placements in that order."""
    shifts, width, height = shelf_boxes([p.bounds for p in pieces], max_width, gap)
    placements = [Placement(p, dx, dy) for p, (dx, dy) in zip(pieces, shifts, strict=True)]
    placements.sort(key=lambda pl: pl.piece.bounds[3] - pl.piece.bounds[1], reverse=True)
    return placements, width, height
