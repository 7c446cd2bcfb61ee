"""Erase means erased: after `mtm customers erase`, no byte under the data or cache folder —
database, its -wal and -shm, order folders, tickets, markers — names the customer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mtm_app import unsaved
from mtm_app.drafting import draft
from mtm_app.export.files import FileSettings
from mtm_app.fittings import record
from mtm_app.library import get_block
from mtm_app.marker import MarkerSpec
from mtm_app.orders import lay_orders, place_order
from mtm_app.store import OrderStatus, StoreError, open_store
from mtm_app.store.fittings import standing_fittings
from tests.conftest import MEDIAN_MAN

NAME, PHONE, EMAIL = "Zyxwvutsra Qqqq", "+44 7700 900123", "qqqq@example.org"
TRACES = [NAME, PHONE, "447700900123", "7700 900123", EMAIL]


def _shop(tmp_path, monkeypatch, url: str | None):
    """A store at `url`, or in its default place (the data folder), as the app and `mtm` open
    it; with the environment `mtm` is run in."""
    if url:
        monkeypatch.setenv("MTM_DATABASE_URL", url)
    else:
        monkeypatch.delenv("MTM_DATABASE_URL", raising=False)
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MTM_CACHE_DIR", str(tmp_path / "cache"))
    return open_store(), {**os.environ}


@pytest.fixture
def shop(tmp_path, monkeypatch):
    """The SQLite file in the data folder, whose every byte the erase test reads."""
    return _shop(tmp_path, monkeypatch, None)


@pytest.fixture
def any_shop(store_url, tmp_path, monkeypatch):
    """A store on each database the store runs on."""
    return _shop(tmp_path, monkeypatch, store_url)


def _customer_with_order(store, name: str, phone: str = "", email: str = ""):
    c = store.create_customer(name, phone=phone, email=email, consent_date=date(2026, 1, 2))
    m = store.add_session(c.id, MEDIAN_MAN, measured_by="Joe")
    shirt = get_block("mens_shirt")
    order, files = place_order(store, c.id, m.id, draft(shirt, MEDIAN_MAN),
                               FileSettings(customer=name, notes=f"call {phone}"))
    return c, order, files


def _mtm(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtm_app.cli", *args], capture_output=True,
                          text=True, timeout=120, env=env)


SEARCH = """
import pathlib, sys
traces = [t.encode().lower() for t in sys.argv[2:]]
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if path.is_file():
        data = path.read_bytes().lower()
        for t in traces:
            if t in data:
                print(path.name, t.decode())
"""


def _holding(*roots: Path) -> list[str]:
    """Every file under `roots` holding a trace of the customer (any letter case). Read by
    another process: closing a file of the open database in this one would drop SQLite's
    POSIX locks on it."""
    found = []
    for root in roots:
        run = subprocess.run([sys.executable, "-c", SEARCH, str(root), *TRACES],
                             capture_output=True, text=True, timeout=60, check=True)
        found += run.stdout.splitlines()
    return found


def test_erase_leaves_no_byte_of_the_customer(shop, tmp_path) -> None:
    store, env = shop
    zyx, order, files = _customer_with_order(store, NAME, PHONE, EMAIL)
    bob, bobs_order, bobs_files = _customer_with_order(store, "Bob Carter")
    # a fitting whose note and fitter name them: it goes too
    record(store, zyx.id, get_block("mens_shirt"), [("waist", -20, f"call {PHONE}")],
           fitted_by=f"for {NAME}", notes=EMAIL, order_id=order.id)
    record(store, bob.id, get_block("mens_shirt"), [("sleeve_length", -10, "")])
    assert "1 fitting and its alterations" in store.erase_plan(zyx.id).lines()
    spec = MarkerSpec(1500.0, seconds=1)
    _, marker = lay_orders(store, [order.reference], spec)
    _, bobs_marker = lay_orders(store, [bobs_order.reference], spec)
    unsaved.keep(zyx.id, unsaved.Unsaved({"chest": 1001.0}, measured_by=f"for {NAME}"))
    data, cache = tmp_path / "data", tmp_path / "cache"
    assert _holding(data)  # the search finds them before the erase
    plan = store.erase_plan(zyx.id)
    assert plan.folders == (files[0].parent,) and plan.markers == (marker[0].parent,)
    assert plan.typed and not store.erase_plan(bob.id).typed
    assert any(order.reference in line for line in plan.lines())
    # without --yes: the plan, exit 2, nothing erased
    asked = _mtm(env, "customers", "erase", str(zyx.id))
    assert asked.returncode == 2 and "--yes" in asked.stderr
    assert str(files[0].parent) in asked.stdout and str(marker[0].parent) in asked.stdout
    assert files[0].exists() and store.customer(zyx.id).name == NAME
    # the app keeps the store open while an administrator erases from a script
    done = _mtm(env, "customers", "erase", str(zyx.id), "--yes")
    assert done.returncode == 0, done.stderr
    assert _holding(data, cache) == []  # the -wal and -shm too
    store.create_customer("Carl Dane")  # the running app goes on writing …
    assert _holding(data, cache) == []  # … and nothing of the erased customer comes back
    store.engine.dispose()
    assert _holding(data, cache) == []
    # everyone else's is untouched
    again = open_store()
    assert [c.name for c in again.search()] == ["Bob Carter", "Carl Dane"]
    assert all(f.is_file() for f in [*bobs_files, *bobs_marker])
    with pytest.raises(StoreError, match=f"there is no customer {zyx.id}"):
        again.customer(zyx.id)
    assert again.customer(bob.id).orders[0].reference == bobs_order.reference
    assert [f.customer_id for f in standing_fittings(again)] == [bob.id]


def test_an_order_at_the_factory_waits_for_force(any_shop) -> None:
    store, env = any_shop
    zyx, order, files = _customer_with_order(store, NAME, PHONE, EMAIL)
    store.set_status(order.id, OrderStatus.IN_PRODUCTION)
    assert store.erase_plan(zyx.id).in_production == [order.reference]
    with pytest.raises(StoreError, match=f"{NAME} has orders sent to the factory: {order.reference}"):
        store.erase_customer(zyx.id)
    refused = _mtm(env, "customers", "erase", str(zyx.id), "--yes")
    assert refused.returncode == 2 and "sent to the factory" in refused.stderr
    assert files[0].is_file() and store.customer(zyx.id).name == NAME
    forced = _mtm(env, "customers", "erase", str(zyx.id), "--yes", "--force")
    assert forced.returncode == 0, forced.stderr
    assert not files[0].parent.exists() and store.search() == []


def test_customers_are_listed_and_exported_from_a_script(any_shop, tmp_path) -> None:
    store, env = any_shop
    zyx, order, _ = _customer_with_order(store, NAME, PHONE, EMAIL)
    store.create_customer("Émilie Dubois")
    listed = _mtm(env, "customers", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["name"], r["consent_date"]) for r in rows] == [(NAME, "2026-01-02"),
                                                             ("Émilie Dubois", None)]
    plain = _mtm(env, "customers", "list")
    assert f"{zyx.id}\t{NAME}\t{PHONE}\t{EMAIL}" in plain.stdout
    out = tmp_path / "zyx.json"
    by_name = _mtm(env, "customers", "export", NAME.lower(), "--out", str(out))
    assert by_name.returncode == 0, by_name.stderr
    exported = json.loads(out.read_text("utf-8"))
    assert exported["customer"]["email"] == EMAIL
    assert exported["orders"][0]["reference"] == order.reference
    missing = _mtm(env, "customers", "export", "Nobody", "--out", str(out))
    assert missing.returncode == 2 and "0 customers are named 'Nobody'" in missing.stderr
    not_an_id = _mtm(env, "customers", "erase", NAME)
    assert not_an_id.returncode == 2 and "is not a customer id" in not_an_id.stderr
