"""How much fabric an order takes before any marker is laid: the pieces' area, opened out of
their folds and counted per copy, over the fabric's width at the share of it a marker of
shirt-like pieces typically covers. A marker, once laid, gives the true figure."""

from __future__ import annotations

from collections.abc import Sequence

from shapely.geometry import Polygon

from mtm_app.marker.nest import _shapes
from mtm_app.pieces import Piece

# the share of a marker's area its pieces cover: our shirt markers reach 80–85 % in 1–30 s
# (docs/benchmarks.md, Markers), cutting rooms expect 75–90 % (DOMAIN §8); a little under the
# low end, so the estimate errs on the side of more cloth
TYPICAL_UTILISATION = 0.78


def pieces_area_mm2(pieces: Sequence[Piece], material: str = "self", garments: int = 1) -> float:
    """The cut area of every `material` piece of `garments` garments, folds opened."""
    shapes = _shapes([("", pieces)], material)
    return garments * sum(Polygon(s.piece.cut_line).area * s.copies for s in shapes)


def estimated_metres(pieces: Sequence[Piece], width_mm: float, garments: int = 1,
                     material: str = "self", utilisation: float = TYPICAL_UTILISATION) -> float:
    """The metres of a `width_mm` fabric the pieces will likely take, to the next centimetre."""
    if width_mm <= 0:
        raise ValueError("a fabric's width is more than 0")
    metres = pieces_area_mm2(pieces, material, garments) / (width_mm * utilisation) / 1000
    return round(metres + 0.005, 2)
