"""A customer's personal alterations, applied in option resolution.

What fittings taught about one customer (a sleeve 10 mm shorter, a waist taken in 20 mm) is
redrafted into every later garment of that type: each place moves its option by sign × amount
after the fit preset and before the tailor's explicit choices, within the option's bounds, and
the draft keeps the list of what it applied so the checks, the order and the ticket show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from mtm_app.block.alterations import AlterationPlace
from mtm_app.block.model import Block
from mtm_app.errors import Location, OptionError, did_you_mean
from mtm_app.i18n import _, block_text, date_text, ngettext, number
from mtm_app.measurements.catalogue import SIDES
from mtm_app.measurements.units import show_change


@dataclass(frozen=True)
class PersonalAlteration:
    """The customer's standing alteration at one place: the sum of their fittings there."""

    place: str
    amount: float  # mm as the tailor says it: + lets out or lengthens, − takes in or shortens
    fittings: tuple[str, ...] = ()  # ISO dates of the fittings it sums


@dataclass(frozen=True)
class AppliedAlteration:
    """One personal alteration as a draft used it: which option moved and by how much."""

    place: str
    label: str
    option: str
    amount: float  # mm, the tailor's amount
    change: float  # mm added to the option (sign × amount)
    fittings: tuple[str, ...] = ()
    overridden: bool = False  # an explicit choice of the option replaced the altered value

    def describe(self, unit: str) -> str:
        """'Sleeve length −1 cm (fitting 2026-12-04)': for the checks and the cut ticket, in
        the customer's unit."""
        said = f"{block_text(self.label)} {show_change(self.amount, unit)}"
        if not self.fittings:
            return said
        dates = ", ".join(date_text(d) for d in self.fittings)
        return ngettext("{change} (fitting {dates})", "{change} (fittings {dates})",
                        len(self.fittings)).format(change=said, dates=dates)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the order row and the JSON export."""
        return {"place": self.place, "amount_mm": self.amount, "fittings": list(self.fittings)}


def personal_from(rows: Iterable[dict[str, Any]]) -> list[PersonalAlteration]:
    """Alterations as an order stored them (`AppliedAlteration.as_dict`), to draft it again."""
    return [PersonalAlteration(str(r["place"]), float(r["amount_mm"]),
                               tuple(str(d) for d in r.get("fittings", ())))
            for r in rows]


def place_side(place: str) -> str:
    """The side a place is altered on ('sleeve_length_left' → 'left'), or '' for both."""
    return next((side for side in SIDES if place.endswith(f"_{side}")), "")


def alteration_place(block: Block, place: str) -> AlterationPlace:
    """The block's place of that name — `<place>_left` / `<place>_right` being that place on
    one side only — or an error naming it and the places there are."""
    found = block.alterations.get(place)
    side = place_side(place)
    if found is None and side and place.removesuffix(f"_{side}") in block.alterations:
        both = block.alterations[place.removesuffix(f"_{side}")]
        return replace(both, id=place, label=f"{both.label} ({side})")
    if found is None:
        raise OptionError(_("the {block} block has no alteration place '{place}'").format(
                              block=block_text(block.name), place=place),
                          Location(element=f"alterations.{place}"),
                          did_you_mean(place, block.alterations,
                                       _("places: {alterations}").format(
                                           alterations=", ".join(block.alterations) or "none")))
    return found


def place_label(block: Block, place: str) -> str:
    """A place as the block names it ('Sleeve length (left)'); one the block no longer has
    keeps its id, so an old fitting still shows."""
    try:
        return alteration_place(block, place).label
    except OptionError:
        return place


def apply_alterations(block: Block, values: dict[str, Any], personal: Iterable[PersonalAlteration],
                      side: str = "") -> list[AppliedAlteration]:
    """Add each alteration to its option in `values` (for one side's draft, the alterations of
    both sides and of that side); beyond the option's bounds is an error naming the place,
    because a pattern drafted past them was never checked."""
    applied = []
    for alt in personal:
        if not alt.amount or place_side(alt.place) not in ("", side):
            continue
        place = alteration_place(block, alt.place)
        spec = block.options[place.option]
        change = place.sign * alt.amount
        altered = float(values[place.option]) + change
        if not spec.min <= altered <= spec.max:
            raise OptionError(
                _("the personal alteration of the {place} ({amount} mm) takes {option} to {value} mm, "
                  "outside {low}–{high} mm").format(
                    place=block_text(place.label).lower(), amount=number(f"{alt.amount:+g}"),
                    option=block_text(spec.label).lower(), value=number(altered), low=number(spec.min),
                    high=number(spec.max)),
                Location(element=f"alterations.{alt.place}"),
                _("withdraw or reduce a fitting of this place, or draft with another fit"))
        values[place.option] = altered
        applied.append(AppliedAlteration(alt.place, place.label, place.option, alt.amount, change,
                                         alt.fittings))
    return applied
