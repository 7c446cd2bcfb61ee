"""Erasing a customer (a privacy request): what goes, the rule for orders at the factory, and
scrubbing the database file so no freed page or log frame still holds them.

The rule: every order folder of the customer (measurements, name on the cut ticket) and every
marker laying one of their orders (their body's pieces; a marker shared with other customers'
orders goes whole — lay those again) are deleted, not anonymised. An order sent to the factory
is in production: erase is refused until it is forced, after the factory erased its copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from mtm_app import unsaved
from mtm_app.i18n import _, ngettext
from mtm_app.order_status import AT_THE_FACTORY, OrderStatus
from mtm_app.store.errors import StoreError
from mtm_app.store.folders import discard, marker_folders_with, order_folder
from mtm_app.store.models import Customer


@dataclass(frozen=True)
class ErasePlan:
    """Everything erasing one customer removes."""

    customer_id: int
    name: str
    sessions: int
    orders: tuple[tuple[str, OrderStatus], ...]  # (reference, status)
    folders: tuple[Path, ...]  # order folders on disk
    markers: tuple[Path, ...]  # marker folders laying any of the orders
    typed: bool = False  # measurements typed but not yet saved as a session (mtm_app.unsaved)
    fittings: int = 0  # fittings recorded, with their alterations
    typed_order: bool = False  # an order being made, not yet confirmed (mtm_app.unsaved)

    @property
    def in_production(self) -> list[str]:
        """Orders at the factory: erase waits for `force`."""
        return [ref for ref, status in self.orders if status in AT_THE_FACTORY]

    def lines(self) -> list[str]:
        """The plan in words, one line per thing removed, for the tailor to confirm."""
        out = [ngettext("customer {name} (#{id}) and {count} measurement session",
                        "customer {name} (#{id}) and {count} measurement sessions", self.sessions).format(
                   name=self.name, id=self.customer_id, count=self.sessions)]
        out += [ngettext("{count} fitting and its alterations", "{count} fittings and their alterations",
                         self.fittings).format(count=self.fittings)] if self.fittings else []
        out += [_("order {reference} ({status})").format(reference=ref, status=status.text)
                for ref, status in self.orders]
        out += [_("order folder {folder} (deleted, with its cut ticket)").format(folder=f)
                for f in self.folders]
        out += [_("marker {marker} (deleted whole, even if it lays other orders)").format(marker=m)
                for m in self.markers]
        out += [_("measurements typed but not yet saved")] if self.typed else []
        out += [_("an order being made, not yet confirmed (its notes too)")] if self.typed_order else []
        out += [_("order {reference} is at the factory: erase it there too (here it needs force)").format(
                    reference=ref) for ref in self.in_production]
        return out


def plan_erase(customer: Customer) -> ErasePlan:
    """The plan for a customer loaded with their sessions and orders."""
    folders = [Path(o.files_dir) if o.files_dir else order_folder(o.reference)
               for o in customer.orders]
    refs = [o.reference for o in customer.orders]
    typed, typed_order = unsaved.kept(customer.id)
    return ErasePlan(customer.id, customer.name, len(customer.sessions),
                     tuple((o.reference, o.status) for o in customer.orders),
                     tuple(f for f in folders if f.exists()), tuple(marker_folders_with(refs)),
                     typed, len(customer.fittings), typed_order)


def erase_files(plan: ErasePlan) -> None:
    """Delete the plan's folders (before the rows: an interrupted erase can be run again)."""
    unsaved.discard_all(plan.customer_id)
    for folder in (*plan.folders, *plan.markers):
        discard(folder)
        if folder.exists():
            raise StoreError(f"could not delete {folder}",
                             hint="close any program showing its files and erase again")


def scrub(engine: Engine) -> None:
    """Leave no deleted row readable in a SQLite file or its write-ahead log: secure_delete
    (set on every connection) zeroes freed pages, VACUUM rebuilds the file, and a truncating
    checkpoint empties the log. Other databases reclaim space their own way (VACUUM there is
    the administrator's)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("VACUUM")
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy and busy[0]:
        raise StoreError("the customer is erased, but another program is reading the database, "
                         "so its log still holds them", hint="close other copies of the app and "
                                                             "erase again")
