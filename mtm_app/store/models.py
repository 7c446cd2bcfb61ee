"""The tables. Portable SQL only (SQLite by default, PostgreSQL later): JSON columns, no
database-specific types; every row stamped with when it was made and last changed."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from mtm_app.order_status import OrderStatus


def utcnow() -> datetime:
    return datetime.now(UTC)


def search_key(text: str) -> str:
    """`text` as search compares it, in every script: SQL lower() folds ASCII only (and
    differs between databases), so the store keeps this form beside the name."""
    return unicodedata.normalize("NFC", text).casefold()


class Base(DeclarativeBase):
    pass


class Stamped:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class Versioned:
    """Optimistic locking: SQLAlchemy raises the version with every UPDATE and refuses one whose
    row changed since it was read; the store also compares it with the version a window loaded
    (`EditConflict`), so two tailors editing one customer never overwrite each other unseen."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


class Shop(Base):
    """A store that takes measurements and orders: its customers and orders belong to it. A
    shop that closes keeps its record (its orders and customers still name it)."""

    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True, index=True)  # PAR, LON-2: on screens
    name: Mapped[str] = mapped_column(String(80), unique=True)
    address: Mapped[str] = mapped_column(Text, default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")  # an IANA name: Europe/Paris
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class User(Base):
    """Someone who signs in on a shared database, with one role (mtm_app.access): what they may
    see and change. A single-user install has no users and no sign-in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))  # tailor, pattern_maker, factory, administrator
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, never the password
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id", ondelete="SET NULL"), nullable=True)
    all_shops: Mapped[bool] = mapped_column(Boolean, default=False)  # may find other shops' customers
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    shop: Mapped[Shop | None] = relationship(lazy="selectin")


class Customer(Versioned, Stamped, Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_key: Mapped[str] = mapped_column(Text, default="")  # search_key(name), set with it
    phone: Mapped[str] = mapped_column(String(50), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # how the customer likes clothes to sit: close, standard or comfortable (size advice)
    fit_preference: Mapped[str] = mapped_column(String(12), default="standard")
    # the store they were measured in (None on a single-store install); shops are never deleted
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id"), nullable=True, index=True)

    sessions: Mapped[list[MeasurementSession]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True,
        order_by="MeasurementSession.taken_at")
    orders: Mapped[list[Order]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Order.created_at")
    fittings: Mapped[list[Fitting]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Fitting.fitted_on, Fitting.id")


@event.listens_for(Customer.name, "set")
def _keep_name_key(customer: Customer, name: str, _old: Any, _initiator: Any) -> None:
    customer.name_key = search_key(name or "")


class MeasurementSession(Versioned, Stamped, Base):
    """One visit's measurements. A new session never overwrites an older one."""

    __tablename__ = "measurement_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"),
                                             index=True)
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    measured_by: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(4), default="cm")  # as typed: cm, mm or in
    sex: Mapped[str | None] = mapped_column(String(8), nullable=True)
    values: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)  # mm
    estimated: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")

    customer: Mapped[Customer] = relationship(back_populates="sessions")


class Fabric(Stamped, Base):
    """A cloth the cutting room stocks: the marker reads its width, nap and repeat from here."""

    __tablename__ = "fabrics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    composition: Mapped[str] = mapped_column(String(200), default="")
    width_mm: Mapped[float] = mapped_column(Float)  # usable width, selvedge to selvedge less edges
    one_way: Mapped[bool] = mapped_column(Boolean, default=False)  # nap or a one-way print
    repeat_length_mm: Mapped[float] = mapped_column(Float, default=0.0)  # stripes/checks, warp
    repeat_width_mm: Mapped[float] = mapped_column(Float, default=0.0)  # across the width
    shrinkage_pct: Mapped[float] = mapped_column(Float, default=0.0)
    price_per_m: Mapped[float] = mapped_column(Float, default=0.0)
    stock_m: Mapped[float] = mapped_column(Float, default=0.0)
    notes: Mapped[str] = mapped_column(Text, default="")


class Order(Versioned, Stamped, Base):
    """What a customer ordered in one go — a shirt, or a suit's jacket, trousers and waistcoat —
    cut from one measurement session: one status, one folder of files, one cut ticket."""

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True, index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"),
                                             index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("measurement_sessions.id",
                                                       ondelete="CASCADE"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)  # of each garment: 2 = two suits
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)  # promised for
    status: Mapped[OrderStatus] = mapped_column(
        Enum(OrderStatus, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=OrderStatus.DRAFT)
    # one garment: its garment's trace; several: the trace of their traces (the ticket's QR code)
    trace: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    files_dir: Mapped[str] = mapped_column(Text, default="")
    shop: Mapped[str] = mapped_column(String(80), default="")  # the store that took the order, by name
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id"), nullable=True, index=True)
    # the language its cut ticket and PDFs are written in, a reprint too (mtm_app.i18n code)
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    customer: Mapped[Customer] = relationship(back_populates="orders")
    session: Mapped[MeasurementSession] = relationship()
    events: Mapped[list[OrderEvent]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True,
        order_by="OrderEvent.id", lazy="selectin")  # a few rows; read with the order, always
    garments: Mapped[list[OrderGarment]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True,
        order_by="OrderGarment.position", lazy="selectin")


class OrderGarment(Base):
    """One garment of an order — a suit's jacket, its trousers — with the block it is cut from
    (id, version and the exact text), its style options, the personal alterations it was drafted
    with and its cloth. The garments of an order share its measurement session."""

    __tablename__ = "order_garments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1, 2 … as listed on the order and its ticket
    block_id: Mapped[str] = mapped_column(String(80), index=True)
    block_version: Mapped[str] = mapped_column(String(40))
    # the sha256 of the exact block text it was cut with (block_texts): a reprint or a marker
    # drafts that text, whatever the block file says now ('' for orders from before it was kept
    # whose block had changed version by then: they are drafted from the file, if its version matches)
    block_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the customer's personal alterations it was drafted with (place, amount_mm, fittings): a
    # reprint drafts the same, the ticket lists them
    alterations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    fabric: Mapped[str] = mapped_column(String(200), default="")
    # the fabric's catalogue code when it was picked from the catalogue ('' for free text); kept
    # even if the fabric leaves the catalogue, as the ticket printed it
    fabric_code: Mapped[str] = mapped_column(String(40), default="", index=True)
    trace: Mapped[str] = mapped_column(String(40), default="")

    order: Mapped[Order] = relationship(back_populates="garments")


class BlockText(Base):
    """The exact text of a block an order was cut with, once per text (keyed by its sha256)."""

    __tablename__ = "block_texts"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    block_id: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BlockRelease(Base):
    """A block version released to every shop sharing the database (its text in block_texts);
    the newest release of a block id is what every shop drafts with."""

    __tablename__ = "block_releases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    block_id: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[str] = mapped_column(String(40))
    text_hash: Mapped[str] = mapped_column(ForeignKey("block_texts.hash"))
    released_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    released_by: Mapped[str] = mapped_column(String(200), default="")


class OrderEvent(Base):
    """One change of an order's status: who, when, from what to what, and why (a cancel)."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by: Mapped[str] = mapped_column(String(200), default="")
    from_status: Mapped[str] = mapped_column(String(20), default="")  # '' when the order was made
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[Order] = relationship(back_populates="events")


class Fitting(Stamped, Base):
    """A try-on (basted fitting or first garment) of one garment type and what it changed.

    A withdrawn fitting stays in the history but no longer alters later drafts."""

    __tablename__ = "fittings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"),
                                             index=True)
    block_id: Mapped[str] = mapped_column(String(80), index=True)  # the garment type
    fitted_on: Mapped[date] = mapped_column(Date)
    fitted_by: Mapped[str] = mapped_column(String(200), default="")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id", ondelete="SET NULL"),
                                                 nullable=True)  # the garment tried on
    notes: Mapped[str] = mapped_column(Text, default="")
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    customer: Mapped[Customer] = relationship(back_populates="fittings")
    alterations: Mapped[list[FittingAlteration]] = relationship(
        back_populates="fitting", cascade="all, delete-orphan", passive_deletes=True,
        order_by="FittingAlteration.id", lazy="selectin")


class FittingAlteration(Base):
    """One change a fitting asked for: a place of the block and an amount (mm, + lets out)."""

    __tablename__ = "fitting_alterations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fitting_id: Mapped[int] = mapped_column(ForeignKey("fittings.id", ondelete="CASCADE"),
                                            index=True)
    place: Mapped[str] = mapped_column(String(80))
    amount_mm: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")

    fitting: Mapped[Fitting] = relationship(back_populates="alterations")
