"""Place pieces side by side without overlap (shelf layout) for sheets and previews."""

from __future__ import annotations

from dataclasses import dataclass

from mtm_app.pieces import Piece


@dataclass(frozen=True)
class Placement:
    piece: Piece
    dx: float  # add to the piece's draft x to get sheet x
    dy: float


def shelf_layout(pieces: list[Piece], max_width: float, gap: float = 20.0
                 ) -> tuple[list[Placement], float, float]:
    """Rows of pieces, tallest first, each row no wider than `max_width` (mm).

    Returns the placements and the overall width and height of the sheet.
    """
    order = sorted(pieces, key=lambda p: p.bounds[3] - p.bounds[1], reverse=True)
    placements: list[Placement] = []
    x = y = row_height = width = 0.0
    for piece in order:
        x0, y0, x1, y1 = piece.bounds
        w, h = x1 - x0, y1 - y0
        if x > 0 and x + w > max_width:
            y += row_height + gap
            x = row_height = 0.0
        placements.append(Placement(piece, x - x0 + gap, y - y0 + gap))
        x += w + gap
        row_height = max(row_height, h)
        width = max(width, x)
    return placements, width + gap, y + row_height + 2 * gap
