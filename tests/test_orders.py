"""Placing orders without the app: the order row and its files are one unit."""

from __future__ import annotations

import dataclasses

import pytest

from mtm_app.drafting import draft
from mtm_app.errors import MtmError
from mtm_app.export.dxf_read import read_aama
from mtm_app.export.files import FileSettings
from mtm_app.library import get_block
from mtm_app.orders import place_order, rewrite_order_files
from mtm_app.store import OrderStatus, open_store
from tests.conftest import MEDIAN_MAN


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    customer = store.create_customer("Ann Baker")
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
