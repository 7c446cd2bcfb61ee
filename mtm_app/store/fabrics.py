"""The fabric catalogue in the store: list and search, add or change a fabric by its code,
remove one, take stock. Orders keep the code they were given, so removing a fabric never
changes what an order's ticket said."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from mtm_app.access import Right
from mtm_app.i18n import N_, _
from mtm_app.store.errors import StoreError
from mtm_app.store.models import Fabric, search_key
from mtm_app.store.repository import Store

# field → (kind, lowest, highest, its name in messages, the unit it is said in, mm per unit)
FIELDS: dict[str, tuple[type, float, float, str, str, float]] = {
    "code": (str, 1, 40, N_("code"), "", 1), "name": (str, 0, 200, N_("name"), "", 1),
    "composition": (str, 0, 200, N_("composition"), "", 1),
    "width_mm": (float, 100.0, 4000.0, N_("usable width"), "cm", 10), "one_way": (bool, 0, 1, "", "", 1),
    "repeat_length_mm": (float, 0.0, 2000.0, N_("repeat along the length"), "cm", 10),
    "repeat_width_mm": (float, 0.0, 2000.0, N_("repeat across the width"), "cm", 10),
    "shrinkage_pct": (float, 0.0, 20.0, N_("shrinkage"), "%", 1),
    "price_per_m": (float, 0.0, 100000.0, N_("price per metre"), "", 1),
    "stock_m": (float, -100000.0, 100000.0, N_("stock"), "m", 1), "notes": (str, 0, 2000, N_("notes"), "", 1),
}


NEW_FABRIC = {"name": "", "composition": "", "one_way": False, "repeat_length_mm": 0.0,
              "repeat_width_mm": 0.0, "shrinkage_pct": 0.0, "price_per_m": 0.0, "stock_m": 0.0,
              "notes": ""}


def check_fabric(values: Mapping[str, Any]) -> dict[str, Any]:
    """The fabric's fields, typed and within bounds, or a StoreError naming the field."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise StoreError(f"unknown fabric field {', '.join(sorted(unknown))}",
                         hint="fields: " + ", ".join(FIELDS))
    checked: dict[str, Any] = {}
    for name, value in values.items():
        kind, low, high, said, unit, per = FIELDS[name]
        if kind is str:
            text = str(value).strip()
            if not low <= len(text) <= high:
                raise StoreError(_("fabric {field} '{text}' must be {low}–{high} characters").format(
                    field=_(said), text=text[:40], low=int(low), high=int(high)))
            hidden = [c for c in text if unicodedata.category(c) in ("Cc", "Cf")]
            if hidden:  # a tab, bell or direction mark: invisible in the list, not to a search
                shown = "".join(f"\\u{ord(c):04x}" if c in hidden else c for c in text[:40])
                raise StoreError(_("fabric {field} '{text}' holds an invisible character").format(
                    field=_(said), text=shown), hint=_("type it again without it"))
            if name == "code" and not text[0].isalnum():  # '=…' would run as a formula in a spreadsheet
                raise StoreError(_("fabric code '{text}' must begin with a letter or a digit").format(
                    text=text[:40]), hint=_("e.g. FLA-GRY-150"))
            checked[name] = text
        elif kind is bool:
            checked[name] = bool(value)
        else:
            number = float(value)
            if not math.isfinite(number) or not low <= number <= high:
                unit = f" {unit}" if unit else ""
                raise StoreError(_("fabric {field} {value}{unit} is outside {low}–{high}{unit}").format(
                    field=_(said), value=f"{number / per:g}", unit=unit, low=f"{low / per:g}",
                    high=f"{high / per:g}"))
            checked[name] = number
    if "code" in checked:
        checked["code"] = checked["code"].upper()
    return checked


def save_fabric(store: Store, code: str, **values: Any) -> Fabric:
    """Add the fabric `code`, or change the fields given of the one that has it."""
    return save_fabrics(store, [{"code": code, **values}])[0]


def save_fabrics(store: Store, rows: Sequence[Mapping[str, Any]]) -> list[Fabric]:
    """Add or change many fabrics (an imported CSV) in one transaction: all or none."""
    store.require(Right.PRODUCTION)
    checked = [check_fabric(row) for row in rows]
    with store.transaction() as s:
        saved = []
        for fields in checked:
            fabric = s.scalar(select(Fabric).where(Fabric.code == fields["code"]))
            if fabric is None:
                if "width_mm" not in fields:
                    raise StoreError(_("fabric {code} needs its usable width").format(code=fields["code"]),
                                     hint="give width_mm, e.g. 1500 for 150 cm")
                fabric = Fabric(**{**NEW_FABRIC, **fields})
                s.add(fabric)
            else:
                for name, value in fields.items():
                    setattr(fabric, name, value)
            s.flush()
            saved.append(fabric)
        return saved


def fabric(store: Store, code: str) -> Fabric:
    with store.transaction() as s:
        found = s.scalar(select(Fabric).where(Fabric.code == code.strip().upper()))
        if found is None:
            raise StoreError(_("there is no fabric {code} in the catalogue").format(code=code),
                             hint="see the Fabrics page or `mtm fabrics list`")
        return found


def fabrics(store: Store, text: str = "") -> list[Fabric]:
    """The catalogue by code; with `text`, the fabrics whose code, name or composition hold it
    in any letter case or script (a catalogue is hundreds of rows: filtered here, not in SQL,
    whose lower() folds ASCII only)."""
    with store.transaction() as s:
        every = list(s.scalars(select(Fabric).order_by(Fabric.code)))
    key = search_key(text.strip())
    return [f for f in every if key in search_key(f"{f.code} {f.name} {f.composition}")]


def remove_fabric(store: Store, code: str) -> None:
    store.require(Right.PRODUCTION)
    with store.transaction() as s:
        found = s.scalar(select(Fabric).where(Fabric.code == code.strip().upper()))
        if found is None:
            raise StoreError(_("there is no fabric {code} in the catalogue").format(code=code))
        s.delete(found)


def take_stock(store: Store, code: str, metres: float) -> Fabric:
    """Take `metres` off the fabric's stock (a cut), or put them back (negative)."""
    with store.transaction() as s:
        found = s.scalar(select(Fabric).where(Fabric.code == code.strip().upper()))
        if found is None:
            raise StoreError(_("there is no fabric {code} in the catalogue").format(code=code))
        found.stock_m = round(found.stock_m - metres, 3)
        return found
