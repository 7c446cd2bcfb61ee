"""`mtm fittings`: record, list, withdraw and count fittings from a script; bad input exits 2
with one line naming the place or the argument."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mtm_app.cli import main
from mtm_app.store import open_store


@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.delenv("MTM_DATABASE_URL", raising=False)
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store()
    return store, [store.create_customer(n, consent_date=date(2026, 1, 2)).id
                   for n in ("Ann Baker", "Bob Carter", "Cy Dane")]


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_blocks_lists_the_alteration_places(capsys) -> None:
    _, out, _ = _run(capsys, "blocks")
    assert "alteration places (mtm fittings add): sleeve_length (+sleeve_adjust), " in out


def test_add_list_withdraw_and_restore(shop, capsys) -> None:
    _, (ann, *_) = shop
    code, out, err = _run(capsys, "fittings", "add", str(ann), "mens_shirt", "sleeve_length=-1",
                          "waist=-2", "--unit", "cm", "--by", "Joe", "--note", "basted",
                          "--date", "2026-12-04")
    assert code == 0, err
    assert "recorded for customer" in out and "sleeve length −1.0 cm, waist −2.0 cm" in out
    code, out, _ = _run(capsys, "fittings", "list", "Ann Baker", "--json")
    data = json.loads(out)
    [fitting] = data["fittings"]
    assert [(a["place"], a["amount_mm"]) for a in fitting["alterations"]] == [
        ("sleeve_length", -10.0), ("waist", -20.0)]
    assert data["personal_alterations"]["mens_shirt"][0] == {
        "place": "sleeve_length", "amount_mm": -10.0, "fittings": ["2026-12-04"]}
    assert _run(capsys, "fittings", "withdraw", str(fitting["id"]))[0] == 0
    code, out, _ = _run(capsys, "fittings", "list", str(ann))
    assert "(withdrawn)" in out and "personal alterations for mens_shirt: none" in out
    assert _run(capsys, "fittings", "restore", str(fitting["id"]))[0] == 0
    _, out, _ = _run(capsys, "fittings", "list", str(ann))
    assert "personal alterations for mens_shirt: sleeve_length −1.0 cm, waist −2.0 cm" in out
    assert _run(capsys, "fittings", "restore", str(fitting["id"]))[0] == 2  # not withdrawn: said so
    code, _, err = _run(capsys, "fittings", "add", str(ann), "mens_shirt", "sleeve_length=-9",
                        "sleeve_length=-1")
    assert code == 2 and "sleeve_length given twice in one fitting" in err
    assert _run(capsys, "fittings", "add", str(ann), "mens_shirt", "sleeve_length=-6")[0] == 0  # −7 cm
    code, _, err = _run(capsys, "fittings", "add", str(ann), "mens_shirt", "sleeve_length=-2")
    assert code == 2 and "with this fitting the alterations add up to −9.0 cm" in err  # past −8 cm
    code, _, err = _run(capsys, "fittings", "add", str(ann), "mens_shirt", "waist=-1", "--date", "2099-01-01")
    assert code == 2 and "the fitting date 2099-01-01 is in the future" in err


def test_amounts_are_read_in_the_customers_unit_unless_told(shop, capsys) -> None:
    """A tailor gives a change as they measure: cm for a cm customer, inches for an inch one."""
    store, (ann, bob, _) = shop
    assert _run(capsys, "fittings", "add", str(ann), "mens_shirt", "sleeve_length=-1")[0] == 0
    _, out, _ = _run(capsys, "fittings", "list", str(ann), "--json")
    assert json.loads(out)["fittings"][-1]["alterations"][0]["amount_mm"] == -10.0
    assert _run(capsys, "fittings", "add", str(ann), "mens_shirt", "waist=-5", "--unit", "mm")[0] == 0
    _, out, _ = _run(capsys, "fittings", "list", str(ann), "--json")
    assert json.loads(out)["fittings"][-1]["alterations"][0]["amount_mm"] == -5.0
    store.add_session(bob, {"chest": 1016.0, "waist": 864.0}, unit="in")
    code, out, _ = _run(capsys, "fittings", "add", str(bob), "mens_shirt", "sleeve_length=-1/2")
    assert code == 0 and "sleeve length −1/2 in" in out
    _, out, _ = _run(capsys, "fittings", "list", str(bob))
    assert "sleeve_length −1/2 in" in out


@pytest.mark.parametrize("args, message", [
    (["mens_shirt", "sleve=-10"], "no alteration place 'sleve'"),
    (["mens_shirt", "waist"], "'waist' is not PLACE=AMOUNT"),
    (["mens_shirt", "waist=abc"], "waist: 'abc' is not an amount in cm"),
    (["mens_shirt", "waist=0"], "waist: an alteration of 0 cm is nothing"),
    (["mens_shirt", "waist=-10", "--date", "04/12/2026"], "--date '04/12/2026' is not a date"),
    (["mens_shirtt", "waist=-10"], "mens_shirtt"),
    (["mens_shirt", "waist=-10", "--order", "O-2026-NOPE"], "there is no order O-2026-NOPE"),
])
def test_bad_input_exits_2_naming_what_is_wrong(shop, capsys, args, message) -> None:
    _, (ann, *_) = shop
    code, _, err = _run(capsys, "fittings", "add", str(ann), *args)
    assert code == 2 and message in err and "Traceback" not in err, err
    assert _run(capsys, "fittings", "add", "99", "mens_shirt", "waist=-10")[0] == 2
    assert _run(capsys, "fittings", "stats", "nope")[0] == 2


def test_stats_per_block_and_place(shop, capsys) -> None:
    _, (ann, bob, cy) = shop
    for who, change in ((ann, "sleeve_length=-15"), (bob, "sleeve_length=-5"), (cy, "waist=10")):
        assert _run(capsys, "fittings", "add", str(who), "mens_shirt", change, "--unit", "mm")[0] == 0
    assert _run(capsys, "fittings", "add", str(cy), "skirt", "hip=2")[0] == 0  # cm, the customer's
    code, out, _ = _run(capsys, "fittings", "stats", "mens_shirt", "--json")
    rows = {r["place"]: r for r in json.loads(out)}
    assert set(rows) == {"sleeve_length", "waist"}
    assert rows["sleeve_length"] == {
        "block_id": "mens_shirt", "place": "sleeve_length", "label": "Sleeve length",
        "customers": 2, "fitted": 3, "times": 2, "mean_mm": -10.0, "spread_mm": 5.0,
        "share": 0.6667}
    code, out, _ = _run(capsys, "fittings", "stats")
    assert code == 0
    assert "mens_shirt\tSleeve length\t2 of 3 customers (67%)\t2×\tmean -10 mm\tspread 5 mm" in out
    assert "skirt\tHip\t1 of 1 customers" in out


def test_a_place_may_be_altered_on_one_side(shop, capsys) -> None:
    _, (ann, *_) = shop
    code, out, err = _run(capsys, "fittings", "add", str(ann), "mens_shirt", "sleeve_length_right=-1")
    assert code == 0, err
    assert "sleeve length (right) −1.0 cm" in out
    code, _, err = _run(capsys, "fittings", "add", str(ann), "mens_shirt", "sleeve_length_middle=-1")
    assert code == 2 and "no alteration place 'sleeve_length_middle'" in err
    _, out, _ = _run(capsys, "fittings", "stats", "mens_shirt", "--json")
    assert [r["place"] for r in json.loads(out)] == ["sleeve_length_right"]
