"""Placing orders without the app: the order row and its files are one unit."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import date

import pytest

from mtm_app.drafting import draft
from mtm_app.errors import MtmError
from mtm_app.export.dxf_read import read_aama
from mtm_app.export.files import FileSettings
from mtm_app.library import get_block
from mtm_app.marker import MarkerSpec
from mtm_app.orders import lay_orders, marker_folder, place_order, rewrite_order_files
from mtm_app.store import OrderStatus, open_store
from tests.conftest import MEDIAN_MAN

CONSENT = date(2026, 1, 2)  # the customer agreed that we keep their measurements


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    customer = store.create_customer("Ann Baker", consent_date=CONSENT)
    session = store.add_session(customer.id, MEDIAN_MAN)
    return store, customer.id, session.id


def test_an_order_is_confirmed_with_its_files_and_can_be_written_again(shop) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    result = draft(shirt, MEDIAN_MAN, {"cuff_style": "french"})
    order, files = place_order(store, cid, sid, shirt, result, FileSettings(fabric="poplin"))
    assert order.status is OrderStatus.CONFIRMED and order.options["cuff_style"] == "french"
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


def test_a_failing_pattern_or_an_older_block_is_refused(shop, monkeypatch) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    good = draft(shirt, MEDIAN_MAN)
    bad = dataclasses.replace(good, problems=["Back: seam line crosses itself"])
    with pytest.raises(MtmError, match="fails its checks"):
        place_order(store, cid, sid, shirt, bad, FileSettings())
    assert store.customer(cid).orders == []
    order, _ = place_order(store, cid, sid, shirt, good, FileSettings())
    newer = dataclasses.replace(shirt, version="1.1.0")
    monkeypatch.setattr("mtm_app.orders.get_block", lambda _id: newer)
    with pytest.raises(MtmError, match=r"the block is now v1\.1\.0"):
        rewrite_order_files(store, order.id)


def test_confirmed_orders_are_laid_in_one_marker(shop, tmp_path) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    regular = draft(shirt, MEDIAN_MAN)
    first, _ = place_order(store, cid, sid, shirt, regular, FileSettings())
    slim = draft(shirt, MEDIAN_MAN, {"fit": "slim"})
    second, _ = place_order(store, cid, sid, shirt, slim, FileSettings(), quantity=2)
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
    order, _ = place_order(store, cid, sid, shirt, draft(shirt, MEDIAN_MAN), FileSettings())
    env = {**os.environ, "MTM_DATABASE_URL": str(store.engine.url)}
    run = [sys.executable, "-m", "mtm_app.cli", "marker", "--width", "150", "--seconds", "1"]
    result = subprocess.run([*run, "--order", order.reference, "--out", str(tmp_path / "m")],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "13 pieces" in result.stdout and (tmp_path / "m" / "marker-self.pdf").is_file()
    both = subprocess.run([*run, "mens_shirt", "--order", order.reference], capture_output=True,
                          text=True, timeout=120, env=env)
    assert both.returncode == 2 and "not both" in both.stderr
