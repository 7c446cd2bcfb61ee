"""A block's alteration places: where a fitting may change the garment, and how.

A tailor at a fitting speaks by place ("take in the waist 20 mm", "sleeve 1 cm shorter"); the
draft speaks in options. Each place names the option it moves and the sign from the tailor's
amount to the option's change, so a fitting is applied by the same bounded option resolution
as a fit preset, and every change stays traceable to its place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mtm_app.block.schema import ALTERATION_KEYS, check_keys
from mtm_app.datafile import shown
from mtm_app.errors import BlockError, Location, did_you_mean


@dataclass(frozen=True)
class AlterationPlace:
    """One place a fitting may alter: `amount` mm there changes `option` by `sign × amount`."""

    id: str
    label: str
    option: str
    sign: int
    where: Location


def compile_alterations(section: Mapping[Any, Any], options: Mapping[str, Any],
                        locate: Callable[[Any], Location]) -> dict[str, AlterationPlace]:
    """The `alterations:` section checked against the block's options; `locate(place)` is
    where a place is written, so an error names its line."""
    places: dict[str, AlterationPlace] = {}
    for place, spec in section.items():
        where = locate(place)
        if not isinstance(place, str) or not place.isidentifier():
            raise BlockError(f"{shown(place)} is not a valid place name", where,
                             "use letters, digits and underscores, starting with a letter")
        if not isinstance(spec, Mapping) or "option" not in spec:
            raise BlockError("an alteration place needs label, option and sign", where,
                             "e.g. waist: {label: Waist, option: waist_ease, sign: 1}")
        check_keys(spec, ALTERATION_KEYS, "an alteration place", where)
        option = spec["option"]
        target = options.get(option)
        if target is None:
            raise BlockError(f"alteration place '{place}' adjusts unknown option {shown(option)}",
                             where, did_you_mean(str(option), options, "declare it under options"))
        if target.type != "length":
            raise BlockError(f"alteration place '{place}' adjusts '{option}', a {target.type} "
                             "option: a fitting alters lengths", where)
        sign = spec.get("sign", 1)
        if sign not in (1, -1) or isinstance(sign, bool):
            raise BlockError(f"sign of alteration place '{place}' is {shown(sign)}, not 1 or -1",
                             where, "1: the amount adds to the option; -1: it takes away")
        places[place] = AlterationPlace(place, str(spec.get("label", place.replace("_", " "))),
                                        str(option), int(sign), where)
    return places
