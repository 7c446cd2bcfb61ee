"""Fittings that feed back: what a try-on changed becomes the customer's personal alterations
for that garment type, drafted into every later garment of it.

Qt-free, so the app and `mtm fittings` record, withdraw and sum fittings the same way; the
places and their bounds come from the block (`alterations:`), the rows from the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from mtm_app.block.model import Block
from mtm_app.drafting.alterations import PersonalAlteration, alteration_place
from mtm_app.drafting.inputs import resolve_options
from mtm_app.errors import Location, OptionError
from mtm_app.i18n import _, block_text, date_text
from mtm_app.measurements.units import show_change, show_length
from mtm_app.store.fittings import Change, fittings_of, record_fitting
from mtm_app.store.models import Fitting
from mtm_app.store.repository import Store


def check_changes(block: Block, changes: Sequence[Change], unit: str = "mm") -> list[Change]:
    """Each change at a place the block declares, by an amount its option could take at all
    (no more than the option's whole range); an error names the place."""
    checked = []
    for place, amount, note in changes:
        spec = alteration_place(block, place)
        option = block.options[spec.option]
        span = option.max - option.min
        if not amount or not abs(amount) <= span:
            said = (_("{place}: an alteration of {amount} is nothing") if not amount
                    else _("{place}: an alteration of {amount} is more than the option allows"))
            raise OptionError(said.format(place=block_text(spec.label).lower(),
                                          amount=show_length(amount, unit)),
                              Location(element=f"alterations.{place}"),
                              _("give an amount other than 0, at most {span} either way").format(
                                  span=show_length(span, unit)))
        checked.append((place, float(amount), note))
    return checked


def record(store: Store, customer_id: int, block: Block, changes: Sequence[Change], *,
           fitted_on: date | None = None, fitted_by: str = "", order_id: int | None = None,
           notes: str = "", unit: str = "mm") -> Fitting:
    """Check the changes against the block and the customer's standing alterations (a place
    once per fitting, the sum within what its option can take, no fitting in the future),
    then store the fitting."""
    checked = check_changes(block, changes, unit)
    places = [place for place, _amount, _note in checked]
    twice = sorted({p for p in places if places.count(p) > 1})
    if twice:
        raise OptionError(_("{places} given twice in one fitting").format(places=", ".join(twice)),
                          Location(element="alterations"), _("give each place once, with the whole change"))
    if fitted_on is not None and fitted_on > date.today():
        raise OptionError(_("the fitting date {date} is in the future").format(date=date_text(fitted_on)),
                          Location(element="date"), _("give the day of the try-on"))
    totals = {p.place: p.amount for p in personal_alterations(store, customer_id, block.id)}
    usual = resolve_options(block)  # the block's defaults and default fit: where a draft starts
    for place, amount, _note in checked:
        spec = alteration_place(block, place)
        option = block.options[spec.option]
        total = totals.get(place, 0.0) + amount
        if not option.min <= float(usual[spec.option]) + spec.sign * total <= option.max:
            raise OptionError(_("{place}: with this fitting the alterations add up to {total}, more than "
                                "the option allows").format(place=block_text(spec.label).lower(),
                                                            total=show_change(total, unit)),
                              Location(element=f"alterations.{place}"),
                              _("withdraw an earlier fitting of this place, or change the block"))
    return record_fitting(store, customer_id, block.id, checked,
                          fitted_on=fitted_on, fitted_by=fitted_by, order_id=order_id,
                          notes=notes)


def standing(fittings: Iterable[Fitting]) -> list[Fitting]:
    """The fittings not withdrawn."""
    return [f for f in fittings if f.withdrawn_at is None]


def sum_alterations(fittings: Iterable[Fitting]) -> list[PersonalAlteration]:
    """The standing fittings summed by place, in the order places were first altered; a
    place whose changes cancel out alters nothing."""
    totals: dict[str, float] = {}
    dates: dict[str, list[str]] = {}
    for fitting in standing(fittings):
        for alt in fitting.alterations:
            totals[alt.place] = totals.get(alt.place, 0.0) + alt.amount_mm
            dates.setdefault(alt.place, []).append(fitting.fitted_on.isoformat())
    return [PersonalAlteration(place, round(total, 3), tuple(dates[place]))
            for place, total in totals.items() if round(total, 3)]


def personal_alterations(store: Store | None, customer_id: int | None,
                         block_id: str) -> list[PersonalAlteration]:
    """A customer's personal alterations for a garment type (none without a customer)."""
    if store is None or customer_id is None:
        return []
    return sum_alterations(fittings_of(store, customer_id, block_id))
