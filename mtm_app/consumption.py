"""How much cloth an order takes before any marker is laid, and the width a fabric's words
give: the pieces' cut area (a piece cut on the fold counted opened, every copy counted) over
the fabric's width at the share of it a marker typically covers. A marker, once laid, gives
the true length."""

from __future__ import annotations

import re
from collections.abc import Sequence

from shapely.geometry import Polygon

from mtm_app.pieces import Piece

# the share of a marker's area its pieces cover: our shirt markers reach 80–85 % in 1–30 s
# (docs/benchmarks.md, Markers), cutting rooms expect 75–90 % (DOMAIN §8); a little under the
# low end, so the estimate errs on the side of more cloth
TYPICAL_UTILISATION = 0.78
_WIDTH = re.compile(r"(\d{2,3}(?:[.,]\d+)?)\s*cm\b", re.IGNORECASE)


def width_in_words(description: str) -> float | None:
    """The width a fabric description names ('cotton poplin, 140 cm' → 1400 mm)."""
    found = _WIDTH.search(description)
    return float(found.group(1).replace(",", ".")) * 10 if found else None


def pieces_area_mm2(pieces: Sequence[Piece], material: str = "self", garments: int = 1) -> float:
    """The cut area of every `material` piece of `garments` garments, folds opened."""
    return garments * sum(Polygon(p.cut_line).area * (2 if p.fold_lines else 1) * p.quantity
                          for p in pieces if p.material == material)


def estimated_metres(pieces: Sequence[Piece], width_mm: float, garments: int = 1,
                     material: str = "self", utilisation: float = TYPICAL_UTILISATION) -> float:
    """The metres of a `width_mm` fabric the pieces will likely take, to the next centimetre."""
    if width_mm <= 0:
        raise ValueError("a fabric's width is more than 0")
    metres = pieces_area_mm2(pieces, material, garments) / (width_mm * utilisation) / 1000
    return round(metres + 0.005, 2)
