"""`mtm orders` and `mtm fabrics`: the cutting room's queue and catalogue from a script; bad
input exits 2 with one line naming the order, the status or the cell."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mtm_app.cli import main
from mtm_app.library import get_block, resources_dir
from mtm_app.store import OrderStatus, open_store
from mtm_app.store.repository import GarmentLine
from tests.conftest import MEDIAN_MAN

SHIRT_VERSION = get_block("mens_shirt").version  # orders cut from the shipped shirt


@pytest.fixture
def shop(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MTM_DATABASE_URL", store_url)  # as `mtm` finds the shop's database
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store()
    refs = []
    for name, due, code in (("Ann Baker", date(2026, 12, 20), "POP-WHT-150"),
                            ("Bob Carter", date(2026, 12, 10), "FLA-GRY-150"),
                            ("Cy Dane", None, "")):
        c = store.create_customer(name, consent_date=date(2026, 1, 2))
        m = store.add_session(c.id, MEDIAN_MAN)
        refs.append(store.create_order(c.id, m.id, [GarmentLine("mens_shirt", SHIRT_VERSION, fabric_code=code,
                                                   fabric=code or "customer's own cloth")], due_date=due,
                                       status=OrderStatus.CONFIRMED).reference)
    return store, refs


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_queue_lists_every_customers_orders_due_first(shop, capsys) -> None:
    _, (ann, bob, cy) = shop
    code, out, _ = _run(capsys, "orders", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["reference"] for r in rows] == [bob, ann, cy]
    assert {k: rows[0][k] for k in ("customer", "status", "due_date")} == {
        "customer": "Bob Carter", "status": "confirmed", "due_date": "2026-12-10"}
    assert [g["fabric_code"] for g in rows[0]["garments"]] == ["FLA-GRY-150"]
    _, out, _ = _run(capsys, "orders", "list", "--due-before", "2026-12-15")
    assert out.splitlines()[0].startswith(f"{bob}\tconfirmed\t2026-12-10\tmens_shirt\tFLA-GRY-150")
    assert out.splitlines()[-1] == "1 order"
    _, out, _ = _run(capsys, "orders", "list", "--fabric", "pop-wht-150", "--json")
    assert [r["customer"] for r in json.loads(out)] == ["Ann Baker"]


def test_set_status_moves_orders_and_keeps_who(shop, capsys) -> None:
    _, (ann, bob, _) = shop
    code, out, err = _run(capsys, "orders", "set-status", ann, bob.lower(), "in production",
                          "--by", "Mia")
    assert code == 0, err
    assert out.splitlines() == [f"{ann}: confirmed → in production",
                                f"{bob}: confirmed → in production"]
    _run(capsys, "orders", "set-status", ann, "cut", "--by", "Ravi")
    code, out, _ = _run(capsys, "orders", "history", ann, "--json")
    assert [(e["from"], e["to"], e["by"]) for e in json.loads(out)] == [
        ("", "confirmed", ""), ("confirmed", "in production", "Mia"), ("in production", "cut", "Ravi")]
    _, out, _ = _run(capsys, "orders", "list", "--status", "in production", "--status", "cut",
                     "--json")
    assert {r["status"] for r in json.loads(out)} == {"in production", "cut"}


@pytest.mark.parametrize(("args", "message"), [
    (("O-2026-ZZZZZZ", "cut"), "error: there is no order O-2026-ZZZZZZ"),
    (("{ann}", "shipped"), "error: 'shipped' is not a status — the last argument is one of: draft"),
    (("{ann}", "sewn"), "cannot become sewn: {ann} is confirmed — no order was changed"),
    (("{ann}", "cancelled"), "error: a cancelled order needs a reason"),
    (("cut",), "error: no order given"),
])
def test_a_wrong_status_change_changes_nothing(shop, capsys, args, message) -> None:
    store, (ann, *_) = shop
    code, _, err = _run(capsys, "orders", "set-status", *[a.format(ann=ann) for a in args])
    assert code == 2 and message.format(ann=ann) in err and err.count("\n") == 1
    assert store.order_by_reference(ann).status is OrderStatus.CONFIRMED


def test_an_order_that_cannot_move_among_several_moves_none(shop, capsys) -> None:
    store, (ann, bob, _) = shop
    code, _, err = _run(capsys, "orders", "set-status", ann, "O-2026-ZZZZZZ", "in production")
    assert code == 2 and "O-2026-ZZZZZZ" in err
    _run(capsys, "orders", "set-status", bob, "in production")
    code, _, err = _run(capsys, "orders", "set-status", ann, bob, "in production")
    assert code == 2 and f"{bob} cannot become in production: {bob} is in production" in err
    assert store.order_by_reference(ann).status is OrderStatus.CONFIRMED


def test_fabrics_import_list_export(shop, capsys, tmp_path) -> None:
    code, out, _ = _run(capsys, "fabrics", "import", str(resources_dir() / "demo" / "fabrics.csv"))
    assert (code, out) == (0, "9 fabrics imported\n")
    _, out, _ = _run(capsys, "fabrics", "list", "flannel")
    assert out == "FLA-GRY-150\tWool flannel grey\t150 cm\tone-way\t30 m\n"
    code, out, _ = _run(capsys, "fabrics", "export", "--out", str(tmp_path / "out.csv"))
    assert code == 0 and (tmp_path / "out.csv").read_text("utf-8").count("\n") == 10
    bad = tmp_path / "bad.csv"
    bad.write_text("code,width_cm\nNEW-1,150\nNEW-2,abc\n", encoding="utf-8")
    code, _, err = _run(capsys, "fabrics", "import", str(bad))
    assert code == 2 and "bad.csv:3, width_cm: width_cm 'abc' is not a number" in err
    _, out, _ = _run(capsys, "fabrics", "list", "NEW", "--json")
    assert json.loads(out) == []  # nothing of a bad file is imported
