"""Markers from the queue: orders grouped by their fabric and material, never two fabrics on
one lay, widths and nap from the catalogue, an order whose cloth says no width named."""

from __future__ import annotations

from datetime import date

import pytest

from mtm_app.fabric_files import read_fabrics_csv
from mtm_app.library import get_block, resources_dir
from mtm_app.marker_plan import lay_plan, plan_markers
from mtm_app.store import OrderStatus, open_store
from mtm_app.store.fabrics import save_fabrics
from mtm_app.store.repository import GarmentLine
from tests.conftest import MEDIAN_MAN

SHIRT_VERSION = get_block("mens_shirt").version  # orders cut from the shipped shirt


@pytest.fixture
def shop(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    save_fabrics(store, read_fabrics_csv(resources_dir() / "demo" / "fabrics.csv"))
    refs = {}
    for name, code, words in (("a", "POP-WHT-150", "poplin white"), ("b", "POP-WHT-150", "poplin"),
                              ("c", "FLA-GRY-150", "flannel"), ("d", "", "crepe de chine, 140 cm"),
                              ("e", "", "customer's own cloth")):
        c = store.create_customer(name, consent_date=date(2026, 1, 2))
        m = store.add_session(c.id, MEDIAN_MAN)
        shirt = GarmentLine("mens_shirt", SHIRT_VERSION, fabric=words, fabric_code=code)
        refs[name] = store.create_order(c.id, m.id, [shirt], status=OrderStatus.CONFIRMED).reference
    return store, refs


def test_orders_are_grouped_by_fabric_and_material(shop) -> None:
    store, refs = shop
    plan = plan_markers(store, list(refs.values()), material_fabrics={"interfacing": "INT-FUS-90"},
                        seconds=1)
    runs = {(r.fabric, r.material): r for r in plan.runs}
    assert set(runs) == {("POP-WHT-150", "self"), ("FLA-GRY-150", "self"),
                         ("crepe de chine, 140 cm", "self"), ("INT-FUS-90", "interfacing")}
    assert runs["POP-WHT-150", "self"].references == (refs["a"], refs["b"])
    assert runs["FLA-GRY-150", "self"].spec.one_way is True  # flannel has a nap
    assert runs["crepe de chine, 140 cm", "self"].spec.width == 1400  # read from the words
    assert runs["INT-FUS-90", "interfacing"].spec.width == 900
    assert set(runs["INT-FUS-90", "interfacing"].references) == set(refs.values())
    assert plan.not_laid == [f"{refs['e']}: its fabric 'customer's own cloth' is not in the "
                             "catalogue and says no width — pick a catalogue fabric on the order"]


def test_each_fabric_gets_its_own_marker_and_none_mixes(shop, tmp_path) -> None:
    store, refs = shop
    chosen = [refs["a"], refs["b"], refs["c"]]
    plan = plan_markers(store, chosen, seconds=1)
    assert any("interfacing not laid" in line for line in plan.not_laid)
    laid = lay_plan(store, plan, tmp_path / "markers")
    assert [error for *_, error in laid] == ["", ""]
    for run, marker, written, _ in laid:
        orders = {p.order for p in marker.pieces}
        assert orders == set(run.references)  # only this fabric's orders
        assert marker.spec.width == (1500 if run.fabric in ("POP-WHT-150", "FLA-GRY-150") else 0)
        if run.spec.one_way:
            assert not any(p.turned for p in marker.pieces)
        assert {p.parent.name for p in written} == {f"{run.fabric}-self"}


def test_the_command_lays_one_marker_per_fabric(shop, tmp_path, capsys, monkeypatch) -> None:
    from mtm_app.cli import main

    store, refs = shop
    monkeypatch.setenv("MTM_DATABASE_URL", str(store.engine.url))
    code = main(["orders", "markers", refs["a"], refs["c"], refs["e"], "--interfacing", "int-fus-90",
                 "--seconds", "1", "--out", str(tmp_path / "m")])
    out, err = capsys.readouterr()
    lines = sorted(line.split("\t")[:3] for line in out.splitlines())
    assert lines == [["FLA-GRY-150", "self", "1 orders"], ["INT-FUS-90", "interfacing", "3 orders"],
                     ["POP-WHT-150", "self", "1 orders"]]
    assert code == 2 and f"not laid: {refs['e']}: its fabric" in err  # said, and the exit says it
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [
        "FLA-GRY-150-self", "INT-FUS-90-interfacing", "POP-WHT-150-self"]


def test_stripes_and_checks_put_every_piece_on_the_repeat_grid(shop, tmp_path) -> None:
    import json

    from mtm_app.store.fabrics import save_fabric

    store, refs = shop
    save_fabric(store, "CHK-GRN-148", repeat_length_mm=12.0, repeat_width_mm=10.0)
    for ref in (refs["a"], refs["b"]):
        order = store.order_by_reference(ref)
        with store.transaction() as s:
            s.get(type(order), order.id).garments[0].fabric_code = "CHK-GRN-148"
    plan = plan_markers(store, [refs["a"], refs["b"]], seconds=2)
    [run] = [r for r in plan.runs if r.material == "self"]
    assert run.spec.repeat == (12.0, 10.0) and run.spec.width == 1480
    [(_, marker, written, error)] = lay_plan(store, plan.__class__(runs=[run]), tmp_path)
    assert not error
    for laid in marker.pieces:  # checked for overlaps and selvedges by the marker itself
        x, y = laid.piece.nest_point
        assert min(x % 12, 12 - x % 12) < 1e-6 and min(y % 10, 10 - y % 10) < 1e-6, laid.piece.id
    report = json.loads(next(p for p in written if p.suffix == ".json").read_text())
    assert report["repeat_mm"] == {"along": 12.0, "across": 10.0}
