"""Placing orders without the app: the order row and its files are one unit."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from mtm_app.drafting import draft
from mtm_app.errors import MtmError
from mtm_app.export.dxf_read import read_aama
from mtm_app.export.files import FileSettings, write_garment_files
from mtm_app.library import get_block
from mtm_app.marker import MarkerSpec
from mtm_app.orders import lay_orders, marker_folder, place_order, rewrite_order_files
from mtm_app.store import OrderStatus, open_store
from mtm_app.store.folders import SETTLED, orders_root
from mtm_app.store.repository import GarmentLine
from tests.conftest import MEDIAN_MAN

CONSENT = date(2026, 1, 2)  # the customer agreed that we keep their measurements


@pytest.fixture
def shop(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store(store_url)
    customer = store.create_customer("Ann Baker", consent_date=CONSENT)
    session = store.add_session(customer.id, MEDIAN_MAN)
    return store, customer.id, session.id


def test_an_order_is_confirmed_with_its_files_and_can_be_written_again(shop) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    result = draft(shirt, MEDIAN_MAN, {"cuff_style": "french"})
    order, files = place_order(store, cid, sid, result, FileSettings(fabric="poplin"))
    assert order.status is OrderStatus.CONFIRMED and order.garments[0].options["cuff_style"] == "french"
    assert [f.name for f in files] == [f"{order.reference}.aama.dxf",
                                       f"{order.reference}.tiled.pdf",
                                       f"{order.reference}.ticket.pdf"]
    before = files[0].read_text("ascii")
    for f in files:
        f.unlink()
    again = rewrite_order_files(store, order.id)
    assert [f.name for f in again] == [f.name for f in files]
    imported = read_aama(again[0])
    assert {p.name for _, p in imported.pieces} == {p.name for p in result.pieces}
    # the same drawing (only the creation time in the header may differ)
    strip = [line for line in before.splitlines() if "Creation" not in line]
    assert strip == [line for line in again[0].read_text("ascii").splitlines()
                     if "Creation" not in line]


def test_a_due_date_before_the_order_date_is_refused_and_nothing_recorded(shop) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    with pytest.raises(MtmError, match=f"the due date {yesterday.isoformat()} is before the order date"):
        place_order(store, cid, sid, draft(shirt, MEDIAN_MAN), FileSettings(),
                    due_date=yesterday)
    assert store.customer(cid).orders == []
    assert not [p for p in orders_root().glob("*") if p.is_dir()]


def test_a_failing_pattern_or_an_older_block_is_refused(shop, monkeypatch) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    good = draft(shirt, MEDIAN_MAN)
    bad = dataclasses.replace(good, problems=["Back: seam line crosses itself"])
    with pytest.raises(MtmError, match="fails its checks"):
        place_order(store, cid, sid, bad, FileSettings())
    assert store.customer(cid).orders == []
    order, _ = place_order(store, cid, sid, good, FileSettings())
    newer = dataclasses.replace(shirt, version="9.0.0")
    monkeypatch.setattr("mtm_app.orders.get_block", lambda _id: newer)
    rewrite_order_files(store, order.id)  # drafted from the text kept with it (test_block_versions)
    with store.engine.begin() as connection:  # an order from before the texts were kept
        connection.exec_driver_sql("update order_garments set block_hash = ''")
    with pytest.raises(MtmError, match=r"the block is now v9\.0\.0"):
        rewrite_order_files(store, order.id)


def test_confirmed_orders_are_laid_in_one_marker(shop, tmp_path) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    regular = draft(shirt, MEDIAN_MAN)
    first, _ = place_order(store, cid, sid, regular, FileSettings())
    slim = draft(shirt, MEDIAN_MAN, {"fit": "slim"})
    second, _ = place_order(store, cid, sid, slim, FileSettings(), quantity=2)
    marker, files = lay_orders(store, [first.reference, second.reference.lower()],
                               MarkerSpec(1500.0, seconds=2))
    assert len(marker.pieces) == 3 * 13  # the second order is for two shirts
    assert {lp.order for lp in marker.pieces} == {first.reference, f"{second.reference} #1",
                                                  f"{second.reference} #2"}
    assert files[0].parent == marker_folder([first.reference, second.reference])
    report = json.loads(files[-1].read_text())
    assert [o["trace"] for o in report["orders"]] == [first.trace, second.trace, second.trace]
    # each garment is its own order's draft: the slim fronts are narrower than the regular ones
    fronts = {lp.order: lp.area for lp in marker.pieces if lp.piece.id.endswith("/front_left")}
    assert fronts[f"{second.reference} #1"] < fronts[first.reference]
    with pytest.raises(MtmError, match="there is no order O-2026-NOSUCH"):
        lay_orders(store, ["O-2026-NOSUCH"], MarkerSpec(1500.0, seconds=1))


def test_marker_command_lays_orders_from_the_store(shop, tmp_path) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    order, _ = place_order(store, cid, sid, draft(shirt, MEDIAN_MAN), FileSettings())
    env = {**os.environ, "MTM_DATABASE_URL": str(store.engine.url)}
    run = [sys.executable, "-m", "mtm_app.cli", "marker", "--width", "150", "--seconds", "1"]
    result = subprocess.run([*run, "--order", order.reference, "--out", str(tmp_path / "m")],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "13 pieces" in result.stdout and (tmp_path / "m" / "marker-self.pdf").is_file()
    both = subprocess.run([*run, "mens_shirt", "--order", order.reference], capture_output=True,
                          text=True, timeout=120, env=env)
    assert both.returncode == 2 and "not more than one" in both.stderr


# ---------------------------------------------------------------- crashes, clashes, locks
CRASH = """
import json, os, sys
from mtm_app.drafting import draft
from mtm_app.export.files import FileSettings, write_garment_files
from mtm_app.library import get_block
from mtm_app.orders import place_order, rewrite_order_files
from mtm_app.store import Store, open_store

what, where, url, first, second, body = sys.argv[1:7]
store = open_store(url)
real_replace, calls = os.replace, [0]

def dying_replace(source, target):  # killed before the order folder's rename number `where`
    calls[0] += "orders" in str(target)
    if where == str(calls[0]) and "orders" in str(target):
        os._exit(9)
    real_replace(source, target)

os.replace = dying_replace
if where == "insert":
    Store.create_order = lambda *a, **k: os._exit(9)
if what == "place":
    shirt = get_block("mens_shirt")
    place_order(store, int(first), int(second), draft(shirt, json.loads(body)),
                FileSettings(customer="Ann Baker"))
else:
    rewrite_order_files(store, int(first))
"""


def _killed(what: str, where: str, url: str, first: int, second: int = 0) -> int:
    run = subprocess.run([sys.executable, "-c", CRASH, what, where, url, str(first), str(second),
                          json.dumps(MEDIAN_MAN)],
                         capture_output=True, text=True, timeout=120, cwd=os.getcwd())
    assert run.returncode in (0, 9), run.stderr
    return run.returncode


def _later(root) -> None:
    """Date everything under `root` two minutes back: the next opening comes after the crash
    (what changed just now may be another copy of the app at work, and is left alone)."""
    past = time.time() - 2 * SETTLED
    for path in [root, *root.rglob("*")]:
        os.utime(path, (past, past))


def _hidden(root) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".")) if root.is_dir() else []


@pytest.mark.parametrize("where", ["1", "3", "4", "insert", "5", "never"])
def test_a_kill_while_placing_leaves_no_order_or_a_whole_one(shop, tmp_path, where) -> None:
    store, cid, sid = shop
    url = str(store.engine.url)
    # renames: 1-3 the three files, 4 the set marked ready, (the row), 5 the folder into place
    code = _killed("place", where, url, cid, sid)
    assert code == (0 if where == "never" else 9)
    root = tmp_path / "data" / "orders"
    if root.exists():
        _later(root)
    again = open_store(url)  # the recovery runs here
    orders = again.customer(cid).orders
    assert _hidden(root) == []  # no staging, ready or .part left
    if where in ("1", "3", "4", "insert"):
        assert orders == [] and (not root.exists() or list(root.iterdir()) == [])
        return
    (order,) = orders
    assert order.status is OrderStatus.CONFIRMED and [p.name for p in root.iterdir()] == [order.reference]
    folder = root / order.reference
    assert folder == type(folder)(order.files_dir)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{order.reference}.{ext}" for ext in ("aama.dxf", "tiled.pdf", "ticket.pdf"))
    assert order.trace and order.trace in (folder / f"{order.reference}.aama.dxf").read_text("ascii")


@pytest.mark.parametrize("where", ["2", "4", "5", "6", "never"])
def test_a_kill_while_writing_again_leaves_the_old_set_or_the_new_one(shop, tmp_path, where) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    order, files = place_order(store, cid, sid, draft(shirt, MEDIAN_MAN), FileSettings())
    for f in files:  # mark the old set, to tell it from the new one
        f.write_bytes(b"OLD SET " + f.read_bytes())
    (files[0].parent / f".{files[0].name}.x1y2.part").write_bytes(b"half a file")
    # renames: 1-3 the new files, 4 marked ready, 5 the old set aside, 6 the new set in
    code = _killed("rewrite", where, str(store.engine.url), order.id)
    assert code == (0 if where == "never" else 9)
    root = tmp_path / "data" / "orders"
    _later(root)
    open_store(str(store.engine.url))
    assert _hidden(root) == [] and _hidden(files[0].parent) == []
    assert sorted(p.name for p in files[0].parent.iterdir()) == sorted(f.name for f in files)
    old = [f.read_bytes().startswith(b"OLD SET ") for f in files]
    assert old == [where in ("2", "4", "5")] * 3  # wholly old before the switch, else wholly new
    assert order.trace in files[0].read_text("ascii")


def test_what_another_copy_of_the_app_is_writing_is_left_alone(shop, tmp_path) -> None:
    store, _, _ = shop
    root = tmp_path / "data" / "orders"
    working = root / ".staging-0a1b2c3d-O-2026-AAAAAA"
    crashed = root / ".staging-4e5f6a7b-O-2026-BBBBBB"
    for folder in (working, crashed):
        folder.mkdir(parents=True)
        (folder / "O.aama.dxf").write_text("half")
    _later(crashed)
    open_store(str(store.engine.url))
    assert working.is_dir() and not crashed.exists()


def test_a_clashing_reference_is_made_again(shop, monkeypatch) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    result = draft(shirt, MEDIAN_MAN)
    first, _ = place_order(store, cid, sid, result, FileSettings())
    taken = first.reference.rsplit("-", 1)[1]
    tokens = iter([taken, "C0FFEE"])
    monkeypatch.setattr("mtm_app.store.repository.reference_token", lambda: next(tokens))
    second, files = place_order(store, cid, sid, result, FileSettings())
    assert second.reference.endswith("-C0FFEE") and files[0].name.startswith(second.reference)
    # another writer takes the reference between the look and the insert
    looks = iter([first.reference, second.reference, "O-2026-BEEF01"])
    monkeypatch.setattr(store, "new_reference", lambda: next(looks))
    third, files = place_order(store, cid, sid, result, FileSettings())
    assert third.reference == "O-2026-BEEF01" and len(store.customer(cid).orders) == 3
    assert sorted(p.name for p in files[0].parent.parent.iterdir()) == sorted(
        o.reference for o in (first, second, third))  # no staging folder left by the clashes
    with pytest.raises(MtmError, match=f"order reference {first.reference} is taken"):
        store.create_order(cid, sid, [GarmentLine("mens_shirt", "1.0.0")], reference=first.reference)


def test_a_reference_with_a_slash_names_a_safe_folder_and_the_ticket_knows_the_order(
        shop, monkeypatch) -> None:
    store, cid, sid = shop
    store.add_session(cid, MEDIAN_MAN, measured_by="Joe Tailor")
    sid = store.customer(cid).sessions[-1].id
    seen = []

    def spy(garments, formats, out_dir, settings, order, trace, progress=None):
        seen.append(settings)
        return write_garment_files(garments, formats, out_dir, settings, order, trace, progress)

    monkeypatch.setattr("mtm_app.orders.write_garment_files", spy)
    shirt = get_block("mens_shirt")
    order, files = place_order(store, cid, sid, draft(shirt, MEDIAN_MAN), FileSettings(),
                               quantity=2, due_date=date(2026, 12, 24), reference="PO 77/3")
    assert order.reference == "PO 77/3" and store.order(order.id).due_date == date(2026, 12, 24)
    assert [f.name for f in files] == ["PO 77-3.aama.dxf", "PO 77-3.tiled.pdf", "PO 77-3.ticket.pdf"]
    assert files[0].parent.name == "PO 77-3" and files[0].parent.parent.name == "orders"
    assert all(f.is_file() for f in files)
    rewrite_order_files(store, order.id)
    for settings in seen:
        assert (settings.quantity, settings.due_date, settings.measured_by) == (
            2, "2026-12-24", "Joe Tailor")
        assert settings.order_date == order.created_at.date().isoformat()
    assert len(seen) == 2
    assert store.export_customer(cid)["orders"][0]["due_date"] == "2026-12-24"
    _, written = lay_orders(store, [order.reference], MarkerSpec(1500.0, seconds=1),
                            formats=["json"])
    assert written[0].parent == marker_folder(["PO 77/3"]) and written[0].parent.name == "PO 77-3"


def test_another_writer_is_not_blocked_while_the_files_are_written(shop, tmp_path) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    result = draft(shirt, MEDIAN_MAN)
    writing, done = threading.Event(), threading.Event()

    def slow_disk(k: int, _total: int, _path) -> None:  # each file takes a while
        writing.set()
        time.sleep(1.0)

    def confirm() -> None:
        place_order(store, cid, sid, result, FileSettings(), progress=slow_disk)
        done.set()

    worker = threading.Thread(target=confirm)
    worker.start()
    assert writing.wait(30)
    url = str(store.engine.url)
    other = open_store(f"{url}?timeout=0.3" if url.startswith("sqlite") else url)  # a short busy timeout
    other.create_customer("Bob Carter", consent_date=CONSENT)  # at once, not "database is locked"
    assert not done.is_set()  # the order's files were still being written
    worker.join(60)
    assert done.is_set() and len(store.customer(cid).orders) == 1
