"""Orders of several garments: a suit's jacket, trousers and waistcoat cut from one measurement
session — one order, one folder with each garment's files, one cut ticket listing them all,
markers laying the garments of one cloth together, and databases from before moved over."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
import shapely

from mtm_app.drafting import draft
from mtm_app.errors import MtmError
from mtm_app.export.dxf_read import read_aama
from mtm_app.export.files import FileSettings
from mtm_app.library import get_block
from mtm_app.marker_plan import lay_plan, plan_markers
from mtm_app.orders import Garment, place_order, rewrite_order_files
from mtm_app.store import open_store
from mtm_app.store.fabrics import save_fabric
from mtm_app.trace import order_trace, trace_hash
from tests.conftest import MEDIAN_MAN, MEDIAN_MAN_LEGS
from tests.old_database import add_ann, database_at

MAN = {**MEDIAN_MAN, **MEDIAN_MAN_LEGS}


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def shop(data, store_url):
    store = open_store(store_url)
    save_fabric(store, "FLA-GRY-150", name="Wool flannel grey", width_mm=1500.0, stock_m=40.0)
    save_fabric(store, "SAT-BLK-140", name="Silk satin black", width_mm=1400.0, stock_m=40.0)
    save_fabric(store, "LIN-BEM-140", name="Bemberg lining", width_mm=1400.0, stock_m=40.0)
    customer = store.create_customer("Ann Baker", consent_date=date(2026, 1, 2))
    session = store.add_session(customer.id, MAN, measured_by="Joe Tailor")
    return store, customer.id, session.id


def _suit(options: dict | None = None) -> list[Garment]:
    return [Garment(draft(get_block("mens_jacket"), MAN, options or {})),
            Garment(draft(get_block("mens_trousers"), MAN))]


def _text(path: Path) -> str:
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages)


def _drawing(path: Path) -> list[str]:
    """A cut file without the lines that date it."""
    return [line for line in path.read_text("ascii").splitlines() if "Creation" not in line]


def _flannel() -> FileSettings:
    return FileSettings(customer="Ann Baker", fabric="FLA-GRY-150 — Wool flannel grey, 150 cm",
                        fabric_width_mm=1500.0)


def test_a_suit_is_one_order_with_each_garments_files_and_one_ticket_listing_them(shop) -> None:
    store, cid, sid = shop
    suit = _suit({"buttons": 2})
    order, files = place_order(store, cid, sid, suit, _flannel(), fabric_code="FLA-GRY-150")
    ref = order.reference
    assert [f.name for f in files] == [f"{ref}-1.aama.dxf", f"{ref}-1.tiled.pdf", f"{ref}-2.aama.dxf",
                                       f"{ref}-2.tiled.pdf", f"{ref}.ticket.pdf"]
    assert {f.parent for f in files} == {Path(order.files_dir)}
    stored = store.order(order.id)
    assert [(g.position, g.block_id, g.fabric_code) for g in stored.garments] == [
        (1, "mens_jacket", "FLA-GRY-150"), (2, "mens_trousers", "FLA-GRY-150")]
    assert [g.options for g in stored.garments] == [g.result.options for g in suit]
    assert stored.garments[0].options["buttons"] == 2
    # each garment keeps its own trace and block text; the order's is theirs together
    traces = [trace_hash(g.result.block.id, g.result.block.version, g.result.block.source_text,
                         g.result.measurements, g.result.options) for g in suit]
    assert [g.trace for g in stored.garments] == traces and stored.trace == order_trace(traces)
    assert all(store.block_text(g.block_hash).block_id == g.block_id for g in stored.garments)
    # each cut file holds exactly its garment's pieces, named after the garment's key
    for k, garment in enumerate(suit, 1):
        read = read_aama(Path(order.files_dir) / f"{ref}-{k}.aama.dxf")
        assert sorted(p.name for _, p in read.pieces) == sorted(p.name for p in garment.result.pieces)
        areas = {p.name: shapely.Polygon(p.cut_line).area for _, p in read.pieces}
        for p in garment.result.pieces:
            assert areas[p.name] == pytest.approx(shapely.Polygon(p.cut_line).area, rel=1e-3)
    ticket = _text(files[-1])
    assert f"Cut ticket — order {ref}" in ticket and "Men's jacket" in ticket and "Men's trousers" in ticket
    assert "Garment 1 of 2" in ticket and "Garment 2 of 2" in ticket
    for garment, trace in zip(suit, traces, strict=True):
        block = garment.result.block
        assert f"{block.id} v{block.version}" in ticket and trace in ticket
    assert "Top sleeve" in ticket and "Undercollar" in ticket and "Waistband" in ticket
    assert ticket.count("Measurements (cm)") == 1  # one body, listed once
    # the options as the Style page shows them: the count of buttons, not a double-breasted row's
    assert "Buttons: 2" in ticket and "Buttons (double-breasted)" not in ticket


def test_a_suit_is_written_again_identically_and_two_suits_count_every_piece_twice(shop) -> None:
    store, cid, sid = shop
    order, files = place_order(store, cid, sid, _suit(), _flannel(), quantity=2)
    before = {f.name: _drawing(f) for f in files if f.suffix == ".dxf"}
    again = rewrite_order_files(store, order.id)
    assert [f.name for f in again] == [f.name for f in files]
    assert {f.name: _drawing(f) for f in again if f.suffix == ".dxf"} == before
    ticket = _text(next(f for f in again if f.name.endswith(".ticket.pdf")))
    assert ticket.count("Pieces — counts for all 2 garments") == 2


def test_a_garment_that_fails_refuses_the_whole_suit(shop) -> None:
    store, cid, sid = shop
    jacket, trousers = _suit()
    broken = Garment(dataclasses.replace(trousers.result, problems=["Front: seam line crosses itself"]))
    with pytest.raises(MtmError, match="Men's trousers pattern fails its checks: Front: seam line"):
        place_order(store, cid, sid, [jacket, broken], _flannel())
    with pytest.raises(MtmError, match="at least one garment"):
        place_order(store, cid, sid, [], _flannel())
    assert store.customer(cid).orders == []
    from mtm_app.store.folders import orders_root

    assert not any(orders_root().glob("*O-*"))


def test_garments_of_one_cloth_share_a_marker_and_another_cloth_gets_its_own(shop, tmp_path) -> None:
    store, cid, sid = shop
    waistcoat = Garment(draft(get_block("mens_waistcoat"), MAN), fabric="SAT-BLK-140 silk satin",
                        fabric_code="SAT-BLK-140", fabric_width_mm=1400.0)
    order, _ = place_order(store, cid, sid, [*_suit(), waistcoat], _flannel(), fabric_code="FLA-GRY-150")
    ref = order.reference
    plan = plan_markers(store, [ref], material_fabrics={"lining": "LIN-BEM-140"}, seconds=2)
    runs = {(r.fabric, r.material): r for r in plan.runs}
    assert set(runs) == {("FLA-GRY-150", "self"), ("SAT-BLK-140", "self"), ("LIN-BEM-140", "lining")}
    assert plan.not_laid == []
    laid = {(run.fabric, run.material): marker
            for run, marker, _files, _error in lay_plan(store, plan, tmp_path)}
    flannel, satin, lining = (laid[k] for k in (("FLA-GRY-150", "self"), ("SAT-BLK-140", "self"),
                                                ("LIN-BEM-140", "lining")))
    # jacket and trousers on the flannel, the waistcoat's self pieces on the satin only
    assert {lp.order for lp in flannel.pieces} == {f"{ref}-1", f"{ref}-2"}
    assert {lp.order for lp in satin.pieces} == {f"{ref}-3"}
    jacket, trousers, vest = (draft(get_block(b), MAN)
                              for b in ("mens_jacket", "mens_trousers", "mens_waistcoat"))

    def cut(d, material):
        return sum(p.quantity for p in d.pieces if p.material == material)

    assert len(flannel.pieces) == cut(jacket, "self") + cut(trousers, "self")
    assert len(satin.pieces) == cut(vest, "self")
    # every garment's lining on the one lining marker (the trousers' pocket bags too)
    assert len(lining.pieces) == cut(jacket, "lining") + cut(trousers, "lining") + cut(vest, "lining")
    lined = {f"{ref}-{k}" for k, d in enumerate((jacket, trousers, vest), 1) if cut(d, "lining")}
    assert {lp.order for lp in lining.pieces} == lined
    for marker in (flannel, satin, lining):
        shapes = [shapely.Polygon(lp.piece.cut_line) for lp in marker.pieces]
        for i, a in enumerate(shapes):
            assert all(a.intersection(b).area < 1.0 for b in shapes[i + 1:])  # no overlaps


def test_a_0007_database_moves_each_order_to_one_garment_keeping_its_history(data) -> None:
    path = data / "mtm-studio.sqlite3"
    path.parent.mkdir(parents=True)
    url = f"sqlite:///{path}"
    with database_at(url, "0007") as connection:  # the last schema of one garment per order
        add_ann(connection, MAN)
        connection.exec_driver_sql(
            "insert into orders (reference, customer_id, session_id, block_id, block_version, options,"
            " fabric, quantity, status, trace, notes, files_dir, alterations, fabric_code, shop, language,"
            " block_hash, created_at, updated_at) values ('O-2026-AAAAAA', 1, 1, 'mens_shirt', '1.2.0',"
            " '{\"fit\": \"slim\"}', 'FLA-GRY-150 flannel', 2, 'in production', 'abc123def456', 'rush',"
            " '', '[{\"place\": \"sleeve_length\", \"amount_mm\": -10}]', 'FLA-GRY-150', 'London', 'fr',"
            " 'f00d', '2026-01-05', '2026-01-05')")
        connection.exec_driver_sql(
            "insert into order_events (order_id, at, by, from_status, to_status, reason) values"
            " (1, '2026-01-05', 'Joe', '', 'confirmed', ''), (1, '2026-01-06', 'Ravi', 'confirmed',"
            " 'in production', '')")
        connection.exec_driver_sql(
            "insert into fittings (customer_id, block_id, fitted_on, fitted_by, order_id, notes,"
            " created_at, updated_at) values (1, 'mens_shirt', '2026-01-20', 'Joe', 1, 'first fitting',"
            " '2026-01-20', '2026-01-20')")
    store = open_store(url)
    order = store.order_by_reference("O-2026-AAAAAA")
    (garment,) = order.garments
    assert (garment.position, garment.block_id, garment.block_version, garment.options, garment.fabric,
            garment.fabric_code, garment.block_hash, garment.trace) == (
        1, "mens_shirt", "1.2.0", {"fit": "slim"}, "FLA-GRY-150 flannel", "FLA-GRY-150", "f00d",
        "abc123def456")
    assert garment.alterations == [{"place": "sleeve_length", "amount_mm": -10}]
    assert (order.quantity, order.status.value, order.trace, order.notes, order.shop, order.language) == (
        2, "in production", "abc123def456", "rush", "London", "fr")
    assert [(e.by, e.to_status) for e in order.events] == [("Joe", "confirmed"), ("Ravi", "in production")]
    con = sqlite3.connect(path)
    assert con.execute("select order_id from fittings").fetchall() == [(1,)]  # still linked
    columns = {row[1] for row in con.execute("pragma table_info(orders)")}
    assert not columns & {"block_id", "options", "fabric", "fabric_code", "block_hash", "alterations"}
    assert con.execute("select version_num from alembic_version").fetchone() == ("0012",)
    con.close()
    assert [o.reference for o in store.orders(fabric="FLA-GRY-150", block_id="mens_shirt")] == [
        "O-2026-AAAAAA"]
    assert store.orders(block_id="mens_jacket") == []


def test_erasing_the_customer_takes_the_suits_garments_too(shop) -> None:
    store, cid, sid = shop
    order, _files = place_order(store, cid, sid, _suit(), _flannel())
    store.erase_customer(cid)
    assert not Path(order.files_dir).exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from order_garments").scalar() == 0


def test_the_command_line_lists_produces_and_lays_a_suit_whole(shop, capsys, monkeypatch, tmp_path) -> None:
    from mtm_app.cli import main

    store, cid, sid = shop
    monkeypatch.setenv("MTM_DATABASE_URL", store.engine.url.render_as_string(hide_password=False))
    order, files = place_order(store, cid, sid, _suit(), _flannel(), fabric_code="FLA-GRY-150")
    ref = order.reference
    capsys.readouterr()
    assert main(["orders", "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(ref))
    assert "\tmens_jacket+mens_trousers\tFLA-GRY-150\t" in line
    for f in files:
        f.unlink()
    assert main(["orders", "produce", ref, "--jobs", "1"]) == 0
    assert sorted(f.name for f in Path(order.files_dir).iterdir()) == sorted(f.name for f in files)
    assert main(["marker", "--order", ref, "--width", "150", "--seconds", "2", "--format", "json",
                 "--out", str(tmp_path / "marker")]) == 0
    report = json.loads(next((tmp_path / "marker").glob("*.json")).read_text())
    assert {o["order"] for o in report["orders"]} == {f"{ref}-1", f"{ref}-2"}
    assert {o["block"] for o in report["orders"]} == {"mens_jacket", "mens_trousers"}


def test_a_store_left_by_the_previous_version_upgrades_and_writes_its_orders_again_identically(
        data, tmp_path) -> None:
    """A real 0007 database (tests/data/store-0007/README.md): every order becomes an order of
    one garment with what it had, history and fittings stay linked, and the shirt ordered with a
    personal alteration is written again line for line as the old version wrote it."""
    saved = Path(__file__).parent / "data" / "store-0007"
    path = tmp_path / "store.sqlite3"
    shutil.copyfile(saved / "store-0007.sqlite3", path)
    con = sqlite3.connect(path)
    query = "select reference, block_id, block_version, fabric_code, block_hash from orders"
    before = {row[0]: row[1:] for row in con.execute(query)}
    events_before = con.execute("select count(*) from order_events").fetchone()[0]
    con.execute("update orders set files_dir = ''")  # written where this test's data folder is
    con.commit()
    con.close()
    store = open_store(f"sqlite:///{path}")
    orders = {o.reference: o for o in store.orders()}
    assert set(orders) == set(before) and len(orders) == 4
    for ref, order in orders.items():
        (garment,) = order.garments
        kept = (garment.block_id, garment.block_version, garment.fabric_code, garment.block_hash)
        assert kept == before[ref]
        assert store.block_text(garment.block_hash) is not None
    second = orders["O-2026-SECOND"]
    assert second.garments[0].options["collar_style"] == "button_down" and second.quantity == 2
    assert [a["place"] for a in second.garments[0].alterations] == ["sleeve_length"]
    assert [e.to_status for e in second.events] == ["confirmed", "in production"]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from order_events").scalar() == events_before
        linked = conn.exec_driver_sql("select o.reference from fittings f join orders o on o.id = f.order_id")
        assert [r[0] for r in linked] == [next(r for r, o in orders.items() if o.id == 1)]
    written = rewrite_order_files(store, second.id)
    old = gzip.decompress((saved / "O-2026-SECOND.aama.dxf.gz").read_bytes()).decode("ascii")
    assert _drawing(written[0]) == [line for line in old.splitlines() if "Creation" not in line]
    assert [f.name for f in written] == ["O-2026-SECOND.aama.dxf", "O-2026-SECOND.tiled.pdf",
                                         "O-2026-SECOND.ticket.pdf"]


def test_erasing_the_customer_finds_the_markers_that_lay_their_suits_garments(shop) -> None:
    from mtm_app.store.folders import markers_root

    store, cid, sid = shop
    order, _files = place_order(store, cid, sid, _suit(), _flannel(), fabric_code="FLA-GRY-150")
    plan = plan_markers(store, [order.reference], seconds=1)
    [(_run, marker, _written, error)] = [r for r in lay_plan(store, plan, markers_root() / "monday")
                                         if r[0].material == "self"]
    assert not error and {lp.order for lp in marker.pieces} == {f"{order.reference}-{k}" for k in (1, 2)}
    folder = markers_root() / "monday"  # a batch's folder, one sub-folder per fabric
    assert folder in store.erase_plan(cid).markers  # found by the garments' names in its files
    store.erase_customer(cid)
    assert not folder.exists()


def test_one_marker_of_a_suit_cut_from_two_cloths_is_refused_naming_them(shop) -> None:
    from mtm_app.marker import MarkerSpec
    from mtm_app.orders import lay_orders

    store, cid, sid = shop
    waistcoat = Garment(draft(get_block("mens_waistcoat"), MAN), fabric="SAT-BLK-140 silk satin",
                        fabric_code="SAT-BLK-140")
    order, _ = place_order(store, cid, sid, [*_suit(), waistcoat], _flannel(), fabric_code="FLA-GRY-150")
    with pytest.raises(MtmError, match=r"different fabrics \(FLA-GRY-150, SAT-BLK-140\)"):
        lay_orders(store, [order.reference], MarkerSpec(1500.0, seconds=1))
    marker, _files = lay_orders(store, [order.reference], MarkerSpec(1400.0, seconds=1), "lining")
    assert {lp.order for lp in marker.pieces} >= {f"{order.reference}-1", f"{order.reference}-3"}
