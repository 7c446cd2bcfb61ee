"""Shops, users and roles on a shared store: the first administrator, signing in, what each role
may see and change, customers kept to their shop, and shops made from the names orders carry."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from mtm_app.access import Role
from mtm_app.store import OrderStatus, open_store
from mtm_app.store.errors import StoreError
from mtm_app.store.fabrics import save_fabric
from mtm_app.store.people import add_shop, add_user, shops, sign_in, users, users_exist
from mtm_app.store.repository import GarmentLine
from tests.conftest import MEDIAN_MAN

PASSWORD = "correct horse battery"


@pytest.fixture
def shared(store_url, tmp_path, monkeypatch):
    """A store (SQLite and PostgreSQL) with two shops, an administrator and one person of each
    other role."""
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store(store_url)
    assert not users_exist(store)
    add_user(store, "admin", PASSWORD, Role.ADMINISTRATOR, name="Ada Min")
    sign_in(store, "admin", PASSWORD)
    add_shop(store, "PAR", "Paris — Rue du Bac", "1 rue du Bac", "Europe/Paris")
    add_shop(store, "LON", "London — Savile Row", "", "Europe/London")
    add_user(store, "tina", PASSWORD, "tailor", shop_code="PAR")
    add_user(store, "lou", PASSWORD, "tailor", shop_code="LON")
    add_user(store, "pat", PASSWORD, "pattern_maker")
    add_user(store, "fred", PASSWORD, "factory")
    return store


def _customer(store, name: str):
    c = store.create_customer(name, phone="+33 1 23 45 67 89", email=f"{name[:3].lower()}@example.com",
                              consent_date=date(2026, 1, 2))
    session = store.add_session(c.id, MEDIAN_MAN)
    order = store.create_order(c.id, session.id, [GarmentLine("mens_shirt", "1.2.0")],
                               status=OrderStatus.CONFIRMED)
    return c, order


def test_the_first_administrator_is_free_to_add_and_then_people_need_the_right(shared) -> None:
    store = shared
    assert users_exist(store) and [u.login for u in users(store)] == ["admin", "fred", "lou", "pat", "tina"]
    stored = next(u for u in users(store) if u.login == "tina")
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    sign_in(store, "tina", PASSWORD)
    with pytest.raises(StoreError, match="tina \\(tailor\\) may not do this: it needs the people right"):
        add_user(store, "mallory", PASSWORD, Role.ADMINISTRATOR)  # not the first any more
    with pytest.raises(StoreError, match="people right"):
        add_shop(store, "NYC", "New York")


def test_signing_in_tells_nobody_which_of_login_or_password_was_wrong(shared) -> None:
    for login, password in (("tina", "wrong password!"), ("nobody", PASSWORD)):
        with pytest.raises(StoreError, match=r"^the login or the password is wrong —"):
            sign_in(shared, login, password)
    assert sign_in(shared, " TINA ", PASSWORD).role is Role.TAILOR


def test_bad_people_and_shops_are_refused_naming_the_field(shared) -> None:
    for args, message in ((("x", PASSWORD, "tailor"), "login 'x' must be"),
                          (("new.one", "short", "tailor"), "password is 5 characters long"),
                          (("new.one", PASSWORD, "cutter"), "role 'cutter' is not one of"),
                          (("tina", PASSWORD, "tailor"), "the login tina is taken"),
                          (("new.one", PASSWORD, "tailor"), None)):
        if message is None:
            add_user(shared, *args, shop_code="PAR")
            continue
        with pytest.raises(StoreError, match=message):
            add_user(shared, *args)
    with pytest.raises(StoreError, match="there is no shop NYC"):
        add_user(shared, "new.two", PASSWORD, "tailor", shop_code="nyc")
    with pytest.raises(StoreError, match=r"time zone 'Paris' is not known.*Europe/Paris"):
        add_shop(shared, "PA2", "Paris 2", time_zone="Paris")
    with pytest.raises(StoreError, match="already has the code PAR"):
        add_shop(shared, "par", "Paris bis")


def test_a_tailor_finds_their_shops_customers_and_an_administrator_every_shop(shared) -> None:
    store = shared
    sign_in(store, "tina", PASSWORD)
    paris, order = _customer(store, "Ann Paris")
    assert store.order(order.id).shop == "Paris — Rue du Bac"
    sign_in(store, "lou", PASSWORD)
    _customer(store, "Bob London")
    assert [c.name for c in store.search()] == ["Bob London"]
    assert store.search("ann") == []
    sign_in(store, "admin", PASSWORD)
    assert [c.name for c in store.search()] == ["Ann Paris", "Bob London"]
    assert store.customer(paris.id).phone == "+33 1 23 45 67 89"


def test_the_factory_sees_orders_not_contacts_and_only_an_administrator_erases(shared) -> None:
    store = shared
    sign_in(store, "tina", PASSWORD)
    ann, order = _customer(store, "Ann Paris")
    with pytest.raises(StoreError, match="erase right"):
        store.erase_customer(ann.id)
    sign_in(store, "fred", PASSWORD)
    seen = store.customer(ann.id)
    assert seen.name == "Ann Paris" and (seen.phone, seen.email, seen.address, seen.notes) == ("", "", "", "")
    assert store.measurement_session(seen.sessions[0].id).values["chest"] == MEDIAN_MAN["chest"]  # to cut
    assert [o.reference for o in store.orders()] == [order.reference]
    store.set_status(order.id, OrderStatus.IN_PRODUCTION, by="fred")
    save_fabric(store, "POP-WHT-150", name="Poplin white", width_mm=1500.0)
    for attempt in (lambda: store.update_customer(ann.id, phone="0"),
                    lambda: store.create_customer("Someone"), lambda: store.export_customer(ann.id),
                    lambda: store.erase_customer(ann.id, force=True)):
        with pytest.raises(StoreError, match="fred \\(factory\\) may not do this"):
            attempt()
    sign_in(store, "pat", PASSWORD)  # the pattern room neither moves orders nor keeps the catalogue
    with pytest.raises(StoreError, match="production right"):
        store.set_status(order.id, OrderStatus.CUT)
    with pytest.raises(StoreError, match="production right"):
        save_fabric(store, "POP-WHT-150", stock_m=3.0)
    sign_in(store, "admin", PASSWORD)
    store.erase_customer(ann.id, force=True)
    assert store.search() == []


def test_a_store_from_before_gets_a_shop_for_each_name_its_orders_carry(tmp_path) -> None:
    path = tmp_path / "store.sqlite3"
    shutil.copyfile(Path(__file__).parent / "data" / "store-0007" / "store-0007.sqlite3", path)
    store = open_store(f"sqlite:///{path}")
    assert [(s.code, s.name) for s in shops(store)] == [("LONDON", "London"), ("PARIS", "Paris")]
    by_name = {s.name: s.id for s in shops(store)}
    for order in store.orders():
        assert order.shop_id == by_name[order.shop]
    for customer in store.search():
        first = store.customer(customer.id).orders[0]
        assert customer.shop_id == first.shop_id
    assert not users_exist(store)  # a single-user install stays without sign-in


def test_a_tailor_cannot_open_another_shops_customer_by_number(shared) -> None:
    store = shared
    sign_in(store, "tina", PASSWORD)
    paris, order = _customer(store, "Ann Paris")
    sign_in(store, "lou", PASSWORD)
    for attempt in (lambda: store.customer(paris.id), lambda: store.export_customer(paris.id),
                    lambda: store.update_customer(paris.id, notes="x"),
                    lambda: store.add_session(paris.id, MEDIAN_MAN),
                    lambda: store.create_order(paris.id, order.session_id,
                                               [GarmentLine("mens_shirt", "1.2.0")])):
        with pytest.raises(StoreError, match=f"customer {paris.id} belongs to another shop"):
            attempt()
    sign_in(store, "fred", PASSWORD)  # the factory cuts every shop's orders
    store.set_status(order.id, OrderStatus.IN_PRODUCTION, by="typed in the window")
    assert [e.by for e in store.order(order.id).events] == ["tina", "fred"]  # who signed in
