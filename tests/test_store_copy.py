"""`mtm store copy --to URL`: a shop's SQLite store moved whole into an empty database (a fresh
PostgreSQL one, and another SQLite file), verified by counts and checksums; a target with rows,
a wrong URL or a copy that reads back different is refused with nothing copied."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import create_engine

from mtm_app.cli import main
from mtm_app.fittings import record
from mtm_app.library import get_block
from mtm_app.order_status import OrderStatus
from mtm_app.store import copy_store as copying
from mtm_app.store import open_store
from mtm_app.store.copy_store import table_checksums
from mtm_app.store.demo import seed_demo
from mtm_app.store.models import Base
from mtm_app.store.repository import GarmentLine
from mtm_app.trace import text_hash
from tests.conftest import MEDIAN_MAN


@pytest.fixture
def shop(tmp_path, monkeypatch):
    """The shop's own SQLite store (where `mtm` finds it) with the demo customers, their
    sessions and orders (with kept block texts), the fabric catalogue, a fitting, a cancelled
    order's history, and letters from several scripts."""
    monkeypatch.delenv("MTM_DATABASE_URL", raising=False)
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store()
    seed_demo(store)
    elise = store.create_customer("Élise Ørsted-Ковальчук", phone="+33 6 12 34 56 78",
                                  consent_date=date(2026, 2, 3), notes="épaule tombante")
    session = store.add_session(elise.id, MEDIAN_MAN, "in", sex="female", estimated={"bicep"})
    skirt = GarmentLine("skirt", "1.0.0", {"silhouette": "a_line"})
    order = store.create_order(elise.id, session.id, [skirt], status=OrderStatus.CONFIRMED,
                               due_date=date(2027, 1, 9), by="Mia")
    store.set_status(order.id, OrderStatus.CANCELLED, by="Mia", reason="client a déménagé")
    record(store, elise.id, get_block("mens_shirt"), [("waist", -15, "trop ample")], fitted_by="Joe")
    return store


def _export_all(store) -> str:
    """Everything held about every customer, as the export gives it (times, JSON, history);
    times in UTC are written with their +00:00 from PostgreSQL, without from SQLite."""
    out = []
    for customer in store.search(limit=1000):
        data = store.export_customer(customer.id)
        del data["exported_at"]
        out.append(data)
    return json.dumps(out, ensure_ascii=False, indent=1).replace('+00:00"', '"')


def test_a_shop_is_copied_whole_and_verified(shop, store_url, capsys) -> None:
    assert main(["store", "copy", "--to", store_url]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith("counts and checksums match") and "copied" in out[-1]
    shown = {line.split()[0]: int(line.split()[1]) for line in out[:-1]}
    assert set(shown) == set(Base.metadata.tables)  # every table, whatever later releases add
    assert shown["customers"] == 4 and shown["measurement_sessions"] == 4 and shown["orders"] == 4
    assert shown["order_garments"] == 5  # added after `store copy` was written; the demo suit is two
    assert shown["block_texts"] == 4 and shown["fabrics"] == 9 and shown["fitting_alterations"] == 1
    assert shown["order_events"] == 4 + 1 + 1  # placed ×4, a demo order sent to the factory, the cancel
    # read again from both sides, by fresh connections: the same rows
    target = create_engine(store_url)
    assert table_checksums(target) == table_checksums(shop.engine)
    target.dispose()
    copy = open_store(store_url)
    assert _export_all(copy) == _export_all(shop)
    placed = [g for o in shop.orders() for g in o.garments if g.block_hash]
    assert len(placed) == 4
    for garment in placed:  # each placed garment's block text, as it was cut
        assert text_hash(copy.block_text(garment.block_hash).text) == garment.block_hash
    # the copy is a working store: new rows take new ids, after the copied ones
    newcomer = copy.create_customer("Zoë Young", consent_date=date(2026, 3, 1))
    assert newcomer.id == max(c.id for c in shop.search()) + 1
    session = copy.add_session(newcomer.id, MEDIAN_MAN)
    assert copy.create_order(newcomer.id, session.id, [GarmentLine("skirt", "1.0.0")]).id == 5
    # a second copy into it is refused: it is no longer empty
    assert main(["store", "copy", "--to", store_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the target database is not empty (rows: ")
    assert "customers 5," in err and "measurement_sessions 5," in err and "orders 5," in err
    assert "copy into a new, empty database" in err and err.count("\n") == 1


def test_a_copy_that_reads_back_different_copies_nothing(shop, store_url, monkeypatch) -> None:
    real = copying._for_insert

    def garbling(table, row):
        values = real(table, row)
        if table.name == "fabrics" and values["code"] == "FLA-GRY-150":
            values["width_mm"] += 0.001  # one fabric's width bent by a hundredth of a millimetre
        return values

    monkeypatch.setattr(copying, "_for_insert", garbling)
    target = create_engine(store_url)
    with pytest.raises(copying.StoreError, match="table fabrics: 9 rows copied, but 9 read back differ"):
        copying.copy_store(shop.engine, target)
    assert all(t.rows == 0 for t in table_checksums(target))  # all rolled back: try again
    monkeypatch.setattr(copying, "_for_insert", real)
    assert copying.copy_store(shop.engine, target) == table_checksums(shop.engine)
    target.dispose()


@pytest.mark.parametrize(("url", "message"), [
    ("nonsense", "error: 'nonsense' is not a database URL — e.g. sqlite:////"),
    ("postgresql+psycopg://tailor:secret@/nosuchdb?host=/nonexistent",
     "error: cannot reach the database 'postgresql+psycopg://tailor:***@/nosuchdb?host=/nonexistent'"),
    ("mysql+nosuchdriver://shop@db/mtm", "error: the database driver for 'mysql+nosuchdriver://"),
])
def test_a_wrong_target_is_named_without_its_password(shop, url, message, capsys) -> None:
    assert main(["store", "copy", "--to", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and "secret" not in err and err.count("\n") == 1


@pytest.mark.parametrize("content", [b"a note someone saved with the wrong name\n",
                                     b"SQLite format 3\x00" + bytes(range(256)) * 32])  # damaged
def test_a_file_that_is_no_database_is_named_not_an_internal_error(tmp_path, monkeypatch, capsys,
                                                                   content) -> None:
    path = tmp_path / "shop.sqlite3"
    path.write_bytes(content)
    monkeypatch.setenv("MTM_DATABASE_URL", f"sqlite:///{path}")
    assert main(["orders", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: 'sqlite:///{path}' is not a database MTM Studio can open: ")
    assert "restore it from a backup" in err and "internal error" not in err
    assert path.read_bytes() == content  # left as it was, for whoever can help
