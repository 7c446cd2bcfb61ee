"""Shops and users in the store: a shop record customers and orders belong to, the people who
sign in with their role, and signing in. The first administrator may be added by anyone (a new
shared database has nobody to ask); every later change of people needs the right to."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from mtm_app.access import NOBODY, Access, Right, Role, hash_password, password_matches
from mtm_app.store.errors import StoreError
from mtm_app.store.models import Shop, User
from mtm_app.store.repository import Store

LOGIN = re.compile(r"[a-z0-9][a-z0-9._-]{1,79}")
CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,11}")
MIN_PASSWORD = 10


def users_exist(store: Store) -> bool:
    """Whether anyone signs in here: a shared database has users, a single-user install none."""
    with store.transaction() as s:
        return bool(s.scalar(select(func.count(User.id))))


def add_shop(store: Store, code: str, name: str, address: str = "", time_zone: str = "UTC") -> Shop:
    """A new shop: its code (PAR, LON-2) on screens and in the queue, its name on orders."""
    store.require(Right.PEOPLE)
    code = code.strip().upper()
    if not CODE.fullmatch(code):
        raise StoreError(f"shop code '{code[:20]}' must be 1–12 capital letters, digits or '-'",
                         hint="e.g. PAR or LON-2")
    if not name.strip():
        raise StoreError("a shop needs a name", hint="e.g. --name 'Paris — Rue du Bac'")
    _check_zone(time_zone)
    try:
        with store.transaction() as s:
            shop = Shop(code=code, name=name.strip()[:80], address=address.strip(), time_zone=time_zone)
            s.add(shop)
            s.flush()
            return shop
    except IntegrityError:
        raise StoreError(f"a shop already has the code {code} or the name '{name.strip()}'",
                         hint="choose another code or name") from None


def _check_zone(time_zone: str) -> None:
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        near = sorted(z for z in available_timezones() if time_zone.lower() in z.lower())[:3]
        raise StoreError(f"time zone '{time_zone[:40]}' is not known",
                         hint="an IANA name such as Europe/Paris" + (f" (did you mean {', '.join(near)}?)"
                                                                      if near else "")) from None


def shops(store: Store) -> list[Shop]:
    """Every shop, by code."""
    with store.transaction() as s:
        return list(s.scalars(select(Shop).order_by(Shop.code)))


def shop_by_code(store: Store, code: str) -> Shop:
    with store.transaction() as s:
        found = s.scalar(select(Shop).where(Shop.code == code.strip().upper()))
    if found is None:
        known = ", ".join(x.code for x in shops(store)) or "none yet"
        raise StoreError(f"there is no shop {code.strip().upper()[:20]}", hint=f"shops: {known}")
    return found


def add_user(store: Store, login: str, password: str, role: Role | str, *, name: str = "",
             shop_code: str = "", all_shops: bool = False) -> User:
    """Someone who signs in. Anyone may add the first administrator; after that it takes the
    right to manage people."""
    role = _role(role)
    first = not users_exist(store)
    if first and role is not Role.ADMINISTRATOR:
        raise StoreError(f"the first user of a database must be its administrator, not a {role.value}",
                         hint="add the administrator first: mtm users add LOGIN --role administrator")
    if not first:
        store.require(Right.PEOPLE)
    login = login.strip().lower()
    if not LOGIN.fullmatch(login):
        raise StoreError(f"login '{login[:40]}' must be 2–80 small letters, digits, '.', '_' or '-'",
                         hint="e.g. a.martin")
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"the password is {len(password)} characters long; it needs at least {MIN_PASSWORD}",
                         hint="a few words make a long password that is easy to type")
    shop_id = shop_by_code(store, shop_code).id if shop_code else None
    try:
        with store.transaction() as s:
            user = User(login=login, name=name.strip(), role=role.value,
                        password_hash=hash_password(password), shop_id=shop_id,
                        all_shops=all_shops or role is Role.ADMINISTRATOR)
            s.add(user)
            s.flush()
    except IntegrityError:
        raise StoreError(f"the login {login} is taken", hint="choose another login") from None
    if first:  # the database is shared from now on: nobody is signed in yet
        store.access = NOBODY
    return user


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise StoreError(f"role '{str(role)[:30]}' is not one of {roles}") from None


def users(store: Store) -> list[User]:
    store.require(Right.PEOPLE)
    with store.transaction() as s:
        return list(s.scalars(select(User).order_by(User.login)))


def sign_in(store: Store, login: str, password: str) -> Access:
    """Who this is, when the password is theirs; the store then works with their rights. An
    unknown login and a wrong password are told apart to nobody."""
    with store.transaction() as s:
        user = s.scalar(select(User).where(User.login == login.strip().lower()))
        shop = user.shop if user is not None else None
    if user is None or not user.active or not password_matches(user.password_hash, password):
        raise StoreError("the login or the password is wrong",
                         hint="type them again, or ask an administrator")
    access = Access(user.login, Role(user.role), user.shop_id, shop.name if shop else "", user.all_shops)
    store.access = access
    return access
