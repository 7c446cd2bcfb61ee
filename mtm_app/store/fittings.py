"""Fittings in the store: record one with its alterations, withdraw it or put it back, list
a customer's or a block's. A fitting is never deleted but with its customer: withdrawing
keeps the history of what was tried."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import select

from mtm_app.store.errors import StoreError
from mtm_app.store.models import Customer, Fitting, FittingAlteration, Order
from mtm_app.store.repository import Store

Change = tuple[str, float, str]  # (place, amount in mm, note)


def record_fitting(store: Store, customer_id: int, block_id: str, changes: Sequence[Change], *,
                   fitted_on: date | None = None, fitted_by: str = "",
                   order_id: int | None = None, notes: str = "") -> Fitting:
    """A fitting of one garment type and the alterations it asked for, in one transaction.
    Places are checked against the block by the caller (`mtm_app.fittings`)."""
    if not changes:
        raise StoreError("a fitting records at least one alteration",
                         hint="give a place and an amount, e.g. sleeve_length=-10")
    with store.transaction() as s:
        customer = s.get(Customer, customer_id)
        if customer is None:
            raise StoreError(f"there is no customer {customer_id}")
        if customer.consent_date is None:
            raise StoreError(f"{customer.name} has not agreed that we keep their measurements",
                             hint="record the customer's consent before recording a fitting")
        if order_id is not None:
            order = s.get(Order, order_id)
            if order is None or order.customer_id != customer_id:
                raise StoreError(f"order {order_id} is not this customer's")
        fitting = Fitting(customer_id=customer_id, block_id=block_id,
                          fitted_on=fitted_on or datetime.now(UTC).date(), fitted_by=fitted_by,
                          order_id=order_id, notes=notes,
                          alterations=[FittingAlteration(place=p, amount_mm=float(a), note=n)
                                       for p, a, n in changes])
        s.add(fitting)
        s.flush()
        return fitting


def set_withdrawn(store: Store, fitting_id: int, withdrawn: bool) -> Fitting:
    """Withdraw a fitting (its alterations stop applying, the record stays) or put it back."""
    with store.transaction() as s:
        fitting = s.get(Fitting, fitting_id)
        if fitting is None:
            raise StoreError(f"there is no fitting {fitting_id}")
        if (fitting.withdrawn_at is not None) == withdrawn:  # say so rather than report a change
            state = "already withdrawn" if withdrawn else "not withdrawn"
            raise StoreError(f"fitting {fitting_id} is {state}", hint="see `mtm fittings list`")
        fitting.withdrawn_at = datetime.now(UTC) if withdrawn else None
        s.flush()
        return fitting


def fittings_of(store: Store, customer_id: int, block_id: str | None = None) -> list[Fitting]:
    """A customer's fittings, withdrawn ones too, oldest first (of one block, if given)."""
    query = select(Fitting).where(Fitting.customer_id == customer_id)
    if block_id is not None:
        query = query.where(Fitting.block_id == block_id)
    with store.transaction() as s:
        return list(s.scalars(query.order_by(Fitting.fitted_on, Fitting.id)))


def standing_fittings(store: Store, block_id: str | None = None) -> list[Fitting]:
    """Every customer's fittings that still apply (of one block, if given), for statistics."""
    query = select(Fitting).where(Fitting.withdrawn_at.is_(None))
    if block_id is not None:
        query = query.where(Fitting.block_id == block_id)
    with store.transaction() as s:
        return list(s.scalars(query.order_by(Fitting.block_id, Fitting.id)))
