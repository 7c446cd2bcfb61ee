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
from mtm_app.i18n import _


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
            raise BlockError(_("{place} is not a valid place name").format(place=shown(place)), where,
                             _("use letters, digits and underscores, starting with a letter"))
        if not isinstance(spec, Mapping) or "option" not in spec:
            raise BlockError(_("an alteration place needs label, option and sign"), where,
                             _("e.g. waist: {{label: Waist, option: waist_ease, sign: 1}}"))
        check_keys(spec, ALTERATION_KEYS, _("an alteration place"), where)
        option = spec["option"]
        target = options.get(option) if isinstance(option, str) else None
        if target is None:
            raise BlockError(_("alteration place '{place}' adjusts unknown option {option}").format(
                                 place=place, option=shown(option)),
                             where, did_you_mean(str(option), options, _("declare it under options")))
        if target.type != "length":
            raise BlockError(_("alteration place '{place}' adjusts '{option}', a {type} option: a fitting "
                               "alters lengths").format(place=place, option=option, type=target.type), where)
        sign = spec.get("sign", 1)
        if sign not in (1, -1) or isinstance(sign, bool):
            raise BlockError(_("sign of alteration place '{place}' is {sign}, not 1 or -1").format(
                                 place=place, sign=shown(sign)),
                             where, _("1: the amount adds to the option; -1: it takes away"))
        places[place] = AlterationPlace(place, str(spec.get("label", place.replace("_", " "))),
                                        str(option), int(sign), where)
    return places
