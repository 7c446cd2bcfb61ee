"""What the app asks of the store, each write one transaction.

Rows leave a transaction as detached snapshots (expire_on_commit off), so the UI can read a
customer after the session is closed without touching the database again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from mtm_app.access import EVERYONE, NOBODY, Right
from mtm_app.i18n import LANGUAGES, current
from mtm_app.measurements.fits import FIT_PREFERENCES
from mtm_app.order_status import TRANSITIONS
from mtm_app.store.erase import ErasePlan, erase_files, plan_erase, scrub
from mtm_app.store.errors import ChangedMeanwhile, EditConflict, ReferenceTaken, StoreError
from mtm_app.store.limits import guard_lengths
from mtm_app.store.models import (
    BlockText,
    Customer,
    Fitting,
    MeasurementSession,
    Order,
    OrderEvent,
    OrderGarment,
    OrderStatus,
    User,
    search_key,
)
from mtm_app.trace import text_hash

CUSTOMER_FIELDS = ("name", "phone", "email", "address", "notes", "consent_date", "fit_preference")
EXPORT_FORMAT = "mtm-studio-customer/2"  # 2: an order lists its garments
REFERENCE_TRIES = 8  # a six-character token clashes once in millions: a few tries are plenty
__all__ = ["EditConflict", "ErasePlan", "GarmentLine", "ReferenceTaken", "Store", "StoreError"]


@dataclass(frozen=True)
class GarmentLine:
    """A garment as an order records it: the block it is cut from (id, version and the hash of
    the exact text, kept by `Store.keep_block_text`), options, personal alterations, cloth."""

    block_id: str
    block_version: str
    options: Mapping[str, Any] = field(default_factory=dict)
    block_hash: str = ""
    alterations: Sequence[Mapping[str, Any]] = ()
    fabric: str = ""
    fabric_code: str = ""
    trace: str = ""

    def row(self, position: int) -> OrderGarment:
        return OrderGarment(position=position, block_id=self.block_id, block_version=self.block_version,
                            block_hash=self.block_hash, options=dict(self.options),
                            alterations=[dict(a) for a in self.alterations], fabric=self.fabric,
                            fabric_code=self.fabric_code, trace=self.trace)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        guard_lengths(self._sessions)
        # who is signed in (store.people.sign_in): before anyone does, every right on a
        # single-user install, none on a shared one (it has users)
        self.access = NOBODY if _has_users(engine) else EVERYONE

    def signed_in(self) -> None:
        """Refuse anything on a shared database before someone has signed in."""
        if self.access.role is None and self.access.shared:
            raise StoreError("this database is shared: sign in first",
                             hint="mtm --as LOGIN … (the password is asked, or MTM_PASSWORD); "
                                  "a worker: MTM_USER and MTM_PASSWORD")

    def require(self, right: Right) -> None:
        """Refuse what the signed-in person's role does not allow."""
        self.signed_in()
        if not self.access.may(right):
            raise StoreError(f"{self.access.login} ({self.access.role}) may not do this: it needs the "
                             f"{right.value} right",
                             hint="ask someone whose role has it, or an administrator")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole at the end, rolled back whole on any error (a row
        another writer changed between this one's read and write among them)."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except StaleDataError:
            raise ChangedMeanwhile("this was changed elsewhere at the same moment: nothing was saved",
                                   hint="look at it again, then repeat the change") from None

    # ------------------------------------------------------------------ customers
    def create_customer(self, name: str, **details: Any) -> Customer:
        """A new customer, of the shop of whoever is signed in."""
        self.require(Right.CUSTOMERS)
        if not name.strip():
            raise StoreError("a customer needs a name", hint="type the customer's name")
        _check_fields(details)
        with self.transaction() as s:
            customer = Customer(name=name.strip(), shop_id=self.access.shop_id,
                                **{**_blank_details(), **details})
            s.add(customer)
            s.flush()
            return customer

    def update_customer(self, customer_id: int, expected_version: int | None = None,
                        **details: Any) -> Customer:
        """Change a customer's details. Given the `expected_version` the edit was made from, a
        customer changed since (another window, another store) is an `EditConflict` naming
        their details as they are now, and nothing is written."""
        self.require(Right.CUSTOMERS)
        _check_fields(details)
        try:
            with self.transaction() as s:
                customer = _fetch(s, Customer, customer_id)
                self._own(customer)
                if expected_version is not None and customer.version != expected_version:
                    raise _customer_conflict(customer)
                for key, value in details.items():
                    setattr(customer, key, value)
                return customer
        except ChangedMeanwhile:  # changed between this read and this write
            raise _customer_conflict(self.customer(customer_id)) from None

    def customer(self, customer_id: int) -> Customer:
        """A customer with their sessions and orders loaded (of another shop: only for someone
        who may find every shop's customers)."""
        self.signed_in()
        with self._sessions() as s:
            found = s.scalar(select(Customer).where(Customer.id == customer_id).options(
                selectinload(Customer.sessions), selectinload(Customer.orders),
                selectinload(Customer.fittings)))
            if found is None:
                raise StoreError(f"there is no customer {customer_id}")
            self._own(found)
            return self._shown(found)

    def _who(self, typed: str) -> str:
        """Who a change is recorded as: the signed-in login on a shared database (whatever name
        is typed in the window), else the name typed."""
        return self.access.login or typed.strip()

    def _own(self, customer: Customer) -> None:
        """Refuse another shop's customer to someone who finds only their own shop's."""
        access = self.access
        if access.shop_id is None or access.all_shops or customer.shop_id in (None, access.shop_id):
            return
        raise StoreError(f"customer {customer.id} belongs to another shop",
                         hint="an administrator, or someone who may find every shop's customers, "
                              "can open them")

    def _shown(self, customer: Customer) -> Customer:
        """The customer as the signed-in role may see them: without the right to customers
        (the factory, the pattern room) their contact details are left out."""
        if not self.access.may(Right.CUSTOMERS):
            for field in ("phone", "email", "address", "notes"):
                set_committed_value(customer, field, "")
        return customer

    def search(self, text: str = "", limit: int = 200) -> list[Customer]:
        """Customers whose name, phone or an order reference contains `text`, by name."""
        self.signed_in()
        query = select(Customer).order_by(Customer.name_key, Customer.id).limit(limit)
        words = text.strip()
        if words:
            like = f"%{search_key(words)}%"
            digits = "".join(ch for ch in words if ch.isdigit())
            matches = [Customer.name_key.like(like),
                       Customer.id.in_(select(Order.customer_id).where(
                           func.lower(Order.reference).like(like)))]
            if digits:
                matches.append(func.replace(func.replace(Customer.phone, " ", ""), "-", "")
                               .like(f"%{digits}%"))
            query = query.where(or_(*matches))
        if self.access.shop_id is not None and not self.access.all_shops:  # this shop's own
            query = query.where(Customer.shop_id == self.access.shop_id)
        with self._sessions() as s:
            return [self._shown(c) for c in s.scalars(query)]

    def erase_plan(self, customer_id: int) -> ErasePlan:
        """What erasing this customer removes — rows, order folders, markers — to show the
        tailor before they confirm."""
        return plan_erase(self.customer(customer_id))

    def erase_customer(self, customer_id: int, *, force: bool = False) -> ErasePlan:
        """Delete the customer and everything held about them (a privacy request): their order
        folders and the markers laying those orders, their rows, then every freed byte of the
        database file and its log. Refused while an order is at the factory, unless forced."""
        self.require(Right.ERASE)
        plan = self.erase_plan(customer_id)
        if plan.in_production and not force:
            raise StoreError(f"{plan.name} has orders sent to the factory: "
                             + ", ".join(plan.in_production),
                             hint="the factory holds copies of their files: have them erased "
                                  "there, then erase here with force")
        erase_files(plan)
        with self.transaction() as s:
            s.delete(_fetch(s, Customer, customer_id))
        scrub(self.engine)
        return plan

    def export_customer(self, customer_id: int) -> dict[str, Any]:
        """Everything held about a customer, as JSON-ready data (a subject access request)."""
        self.require(Right.CUSTOMERS)
        c = self.customer(customer_id)
        return {
            "format": EXPORT_FORMAT,
            "exported_at": _iso(datetime.now(UTC)),
            "customer": {"id": c.id, **{f: _json(getattr(c, f)) for f in CUSTOMER_FIELDS},
                         "created_at": _iso(c.created_at), "updated_at": _iso(c.updated_at)},
            "measurement_sessions": [_session_dict(m) for m in c.sessions],
            "orders": [_order_dict(o) for o in c.orders],
            "fittings": [_fitting_dict(f) for f in c.fittings],
        }

    # ------------------------------------------------------------------ measurements
    def add_session(self, customer_id: int, values_mm: Mapping[str, float], unit: str = "cm",
                    *, sex: str | None = None, estimated: set[str] | frozenset[str] = frozenset(),
                    measured_by: str = "", notes: str = "",
                    taken_at: datetime | None = None) -> MeasurementSession:
        """A new measurement session; older sessions are kept as they were."""
        self.require(Right.CUSTOMERS)
        if unit not in ("cm", "mm", "in"):
            raise StoreError(f"unit '{unit}' is not cm, mm or in")
        with self.transaction() as s:
            customer = _fetch(s, Customer, customer_id)
            self._own(customer)
            if customer.consent_date is None:
                raise StoreError(f"{customer.name} has not agreed that we keep their measurements",
                                 hint="record the customer's consent before measuring")
            session = MeasurementSession(
                customer_id=customer_id, values={k: float(v) for k, v in values_mm.items()},
                unit=unit, sex=sex, estimated=sorted(estimated), measured_by=measured_by,
                notes=notes, taken_at=taken_at or datetime.now(UTC))
            s.add(session)
            s.flush()
            return session

    def measurement_session(self, session_id: int) -> MeasurementSession:
        with self._sessions() as s:
            return _fetch(s, MeasurementSession, session_id)

    def compare_sessions(self, first_id: int, second_id: int
                         ) -> dict[str, tuple[float | None, float | None]]:
        """Every measurement of either session: (first, second) in mm, None where not taken."""
        with self._sessions() as s:
            a, b = _fetch(s, MeasurementSession, first_id), _fetch(s, MeasurementSession, second_id)
            names = sorted(set(a.values) | set(b.values))
            return {n: (a.values.get(n), b.values.get(n)) for n in names}

    # ------------------------------------------------------------------ orders
    def create_order(self, customer_id: int, session_id: int, garments: Sequence[GarmentLine], *,
                     quantity: int = 1, trace: str = "", notes: str = "", reference: str | None = None,
                     status: OrderStatus = OrderStatus.DRAFT, files_dir: str = "",
                     due_date: date | None = None, shop: str = "", by: str = "",
                     language: str | None = None) -> Order:
        """An order of one or more garments for a customer's measurement session, in one short
        transaction (write its files before, never inside: a slow disk must not hold the database).

        Without `reference` a new one is made (and made again on a clash); a reference given
        that is taken is a `ReferenceTaken`. `language` is the one its files are written in
        (default: the one spoken now). `trace` is the order's: its garments' traces together
        (one garment's own when it has one).
        """
        self.require(Right.CUSTOMERS)
        if quantity < 1:
            raise StoreError(f"quantity {quantity} must be at least 1")
        if not garments:
            raise StoreError("an order needs at least one garment")
        language = language or current()
        if language not in LANGUAGES:
            raise StoreError(f"language '{language}' is not one of {', '.join(LANGUAGES)}")
        for _ in range(REFERENCE_TRIES):
            try:
                with self.transaction() as s:
                    self._own(_fetch(s, Customer, customer_id))
                    session = s.get(MeasurementSession, session_id)
                    if session is None or session.customer_id != customer_id:
                        raise StoreError(f"measurement session {session_id} is not this customer's")
                    ref = reference or _free_reference(s)
                    order = Order(reference=ref, customer_id=customer_id, session_id=session_id,
                                  quantity=quantity, trace=trace or garments[0].trace, notes=notes,
                                  status=status, files_dir=files_dir, due_date=due_date,
                                  shop=shop or self.access.shop_name, shop_id=self.access.shop_id,
                                  language=language)
                    order.garments = [g.row(k) for k, g in enumerate(garments, 1)]
                    order.events.append(OrderEvent(to_status=status.value, by=self._who(by)))
                    s.add(order)
                    s.flush()
                    return order
            except IntegrityError:
                if not self._reference_exists(ref):
                    raise
                if reference:
                    raise ReferenceTaken(f"order reference {reference} is taken",
                                         hint="choose another reference") from None
        raise StoreError(f"no free order reference after {REFERENCE_TRIES} tries")

    def keep_block_text(self, block_id: str, version: str, text: str) -> str:
        """Keep a block's exact text (once per text) and return its hash, for an order to be
        cut with; another writer keeping the same text at the same moment is no error."""
        digest = text_hash(text)
        with self._sessions() as s:
            if s.get(BlockText, digest) is not None:
                return digest
        try:
            with self.transaction() as s:
                s.add(BlockText(hash=digest, block_id=block_id, version=version, text=text))
        except IntegrityError:
            if self.block_text(digest) is None:
                raise
        return digest

    def block_text(self, digest: str) -> BlockText | None:
        """The kept block text of this hash (None when none is kept)."""
        with self._sessions() as s:
            return s.get(BlockText, digest)

    def block_texts(self, block_id: str) -> list[BlockText]:
        """Every kept text of a block, oldest first: the versions orders were cut with."""
        with self._sessions() as s:
            return list(s.scalars(select(BlockText).where(BlockText.block_id == block_id)
                                  .order_by(BlockText.created, BlockText.hash)))

    def set_status(self, order_id: int, status: OrderStatus, *, by: str = "", reason: str = "",
                   files_dir: str | None = None) -> Order:
        """Move an order one step on its way (see TRANSITIONS), recording who did it and when;
        a cancel says why."""
        if not (self.access.may(Right.PRODUCTION) or self.access.may(Right.CUSTOMERS)):
            self.require(Right.PRODUCTION)
        status = OrderStatus(status)
        if status is OrderStatus.CANCELLED and not reason.strip():
            raise StoreError("a cancelled order needs a reason",
                             hint="say why, e.g. --reason 'customer changed their mind'")
        with self.transaction() as s:
            order = _fetch(s, Order, order_id)
            if status not in TRANSITIONS[order.status]:
                allowed = ", ".join(t.value for t in TRANSITIONS[order.status]) or "nothing"
                raise StoreError(f"order {order.reference} is {order.status.value}: it cannot "
                                 f"become {status.value}", hint=f"it can become: {allowed}")
            order.events.append(OrderEvent(from_status=order.status.value, to_status=status.value,
                                           by=self._who(by), reason=reason.strip()))
            order.status = status
            if files_dir is not None:
                order.files_dir = files_dir
            return order

    def shops(self) -> list[str]:
        """The names of the shops that have taken orders, alphabetical."""
        with self.transaction() as s:
            return sorted(s.scalars(select(Order.shop).where(Order.shop != "").distinct()))

    def orders(self, *, statuses: Sequence[OrderStatus] = (), due_before: date | None = None,
               fabric: str = "", block_id: str = "", shop: str = "", text: str = "",
               limit: int = 5000) -> list[Order]:
        """The production queue: every customer's orders, due first (no due date last), then
        oldest first; filtered by status, due date, fabric (code or words), garment, shop and
        a text found in the reference or the customer's name."""
        self.signed_in()
        query = select(Order).join(Customer).options(selectinload(Order.customer),
                                                     selectinload(Order.events),
                                                     selectinload(Order.garments))
        if statuses:
            query = query.where(Order.status.in_([OrderStatus(x) for x in statuses]))
        if due_before is not None:
            query = query.where(Order.due_date.is_not(None), Order.due_date <= due_before)
        if fabric.strip():
            words = f"%{fabric.strip().upper()}%"
            query = query.where(Order.garments.any(or_(
                func.upper(OrderGarment.fabric_code) == fabric.strip().upper(),
                func.upper(OrderGarment.fabric).like(words))))
        if block_id:
            query = query.where(Order.garments.any(OrderGarment.block_id == block_id))
        if shop:
            query = query.where(Order.shop == shop)
        if text.strip():
            key = text.strip()
            query = query.where(or_(func.upper(Order.reference).like(f"%{key.upper()}%"),
                                    Customer.name_key.like(f"%{search_key(key)}%")))
        query = query.order_by(Order.due_date.is_(None), Order.due_date, Order.created_at,
                               Order.id).limit(limit)
        with self._sessions() as s:
            return list(s.scalars(query))

    def order(self, order_id: int) -> Order:
        self.signed_in()
        with self._sessions() as s:
            return _fetch(s, Order, order_id)

    def order_by_reference(self, reference: str) -> Order:
        """An order by the reference printed on its files (any letter case)."""
        self.signed_in()
        with self._sessions() as s:
            found = s.scalar(select(Order).where(func.upper(Order.reference) == reference.strip().upper()))
            if found is None:
                raise StoreError(f"there is no order {reference}",
                                 hint="order references look like O-2026-1A2B3C")
            return found

    def new_reference(self) -> str:
        """A reference no order has yet (another writer may still take it first: then
        `create_order` says `ReferenceTaken`)."""
        with self._sessions() as s:
            return _free_reference(s)

    def references(self) -> list[str]:
        """Every order's reference (the order folders that belong to the store)."""
        with self._sessions() as s:
            return list(s.scalars(select(Order.reference)))

    def _reference_exists(self, reference: str) -> bool:
        with self._sessions() as s:
            return s.scalar(select(Order.id).where(Order.reference == reference)) is not None


def _has_users(engine: Engine) -> bool:
    """Whether anyone signs in to this database (False before the schema has users at all)."""
    try:
        with engine.connect() as connection:
            return bool(connection.execute(select(func.count()).select_from(User)).scalar())
    except SQLAlchemyError:
        return False


def reference_token() -> str:
    """Six random characters for an order reference."""
    return secrets.token_hex(3).upper()


def _free_reference(s: Session) -> str:
    """A short order reference a tailor can read out on the phone: O-<year>-<6 chars>."""
    year = date.today().year
    while True:
        ref = f"O-{year}-{reference_token()}"
        if s.scalar(select(Order.id).where(Order.reference == ref)) is None:
            return ref


_WHAT = {Customer: "customer", MeasurementSession: "measurement session", Order: "order"}


def _fetch(s: Session, model: type, row_id: int) -> Any:
    """A row by id, or a StoreError naming what is missing."""
    found = s.get(model, row_id)
    if found is None:
        raise StoreError(f"there is no {_WHAT[model]} {row_id}")
    return found


def _customer_conflict(customer: Customer) -> EditConflict:
    return EditConflict(f"{customer.name} was changed elsewhere since it was opened",
                        {f: getattr(customer, f) for f in CUSTOMER_FIELDS}, customer.version,
                        hint="look at the changes, then save yours again or keep theirs")


def _check_fields(details: Mapping[str, Any]) -> None:
    unknown = set(details) - set(CUSTOMER_FIELDS)
    if unknown:
        raise StoreError(f"unknown customer field {', '.join(sorted(unknown))}")
    if details.get("fit_preference", FIT_PREFERENCES[1]) not in FIT_PREFERENCES:
        raise StoreError(f"fit preference '{details['fit_preference']}' is unknown",
                         hint="choose " + ", ".join(FIT_PREFERENCES))


def _blank_details() -> dict[str, Any]:
    return {"phone": "", "email": "", "address": "", "notes": "", "consent_date": None,
            "fit_preference": FIT_PREFERENCES[1]}


def _iso(moment: datetime | date | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _json(value: Any) -> Any:
    return _iso(value) if isinstance(value, date | datetime) else value


def _session_dict(m: MeasurementSession) -> dict[str, Any]:
    return {"id": m.id, "taken_at": _iso(m.taken_at), "measured_by": m.measured_by,
            "unit": m.unit, "sex": m.sex, "values_mm": dict(m.values),
            "estimated": list(m.estimated), "notes": m.notes}


def _order_dict(o: Order) -> dict[str, Any]:
    return {"id": o.id, "reference": o.reference, "measurement_session": o.session_id,
            "garments": [_garment_dict(g) for g in o.garments],
            "quantity": o.quantity, "due_date": _iso(o.due_date),
            "status": o.status.value, "shop": o.shop,
            "history": [{"at": _iso(e.at), "by": e.by, "from": e.from_status, "to": e.to_status,
                         "reason": e.reason} for e in o.events],
            "trace": o.trace, "notes": o.notes, "files": o.files_dir,
            "created_at": _iso(o.created_at), "updated_at": _iso(o.updated_at)}


def _garment_dict(g: OrderGarment) -> dict[str, Any]:
    return {"block": g.block_id, "block_version": g.block_version, "block_text_sha256": g.block_hash,
            "options": dict(g.options), "alterations": list(g.alterations or []), "fabric": g.fabric,
            "fabric_code": g.fabric_code, "trace": g.trace}


def _fitting_dict(f: Fitting) -> dict[str, Any]:
    return {"id": f.id, "block": f.block_id, "fitted_on": _iso(f.fitted_on),
            "fitted_by": f.fitted_by, "order": f.order_id, "notes": f.notes,
            "withdrawn_at": _iso(f.withdrawn_at),
            "alterations": [{"place": a.place, "amount_mm": a.amount_mm, "note": a.note}
                            for a in f.alterations],
            "created_at": _iso(f.created_at), "updated_at": _iso(f.updated_at)}
