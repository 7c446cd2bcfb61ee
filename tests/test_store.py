"""The store on a real SQLite file: migrations, transactions, sessions, orders, erase, export."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from mtm_app.store import OrderStatus, StoreError, database_url, open_store
from mtm_app.store.db import MIGRATIONS
from mtm_app.store.models import Base
from mtm_app.store.repository import GarmentLine
from tests.conftest import MEDIAN_MAN
from tests.old_database import database_at

CONSENT = date(2026, 1, 2)  # the customer agreed that we keep their measurements
HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()


@pytest.fixture
def db_url(store_url):
    return store_url


@pytest.fixture
def store(db_url):
    return open_store(db_url)


def test_migrations_build_the_schema_from_an_empty_database(db_url) -> None:
    open_store(db_url)
    engine = create_engine(db_url)
    assert set(inspect(engine).get_table_names()) == {*Base.metadata.tables, "alembic_version"}
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select version_num from alembic_version").all() == [(HEAD,)]
        # the migrations and the models describe the same schema
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    engine.dispose()
    open_store(db_url)  # opening again is a no-op, not an error


def test_a_database_of_the_first_release_is_upgraded_keeping_its_customers(db_url, tmp_path) -> None:
    with database_at(db_url, "0001") as connection:
        connection.exec_driver_sql(
            "insert into customers (name, phone, email, address, notes, created_at, updated_at) "
            "values ('Ann Baker', '', '', '', 'soft collar', '2026-01-05', '2026-01-05')")
    store = open_store(db_url)
    ann = store.search("ann")[0]
    assert (ann.notes, ann.fit_preference) == ("soft collar", "standard")
    store.update_customer(ann.id, fit_preference="comfortable")
    assert store.customer(ann.id).fit_preference == "comfortable"
    with pytest.raises(StoreError, match="fit preference 'baggy' is unknown — choose close, standard"):
        store.update_customer(ann.id, fit_preference="baggy")


def test_the_default_database_lives_in_the_user_data_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("MTM_DATABASE_URL", raising=False)
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'mtm-studio.sqlite3'}"
    monkeypatch.setenv("MTM_DATABASE_URL", "postgresql://shop@db/mtm")
    assert database_url() == "postgresql://shop@db/mtm"


def test_customers_are_created_found_and_edited(store) -> None:
    ann = store.create_customer("Ann Baker", phone="+44 20 7946 0001", consent_date=date(2026, 3, 1))
    store.create_customer("Bob Carter", phone="020-7946-0002", consent_date=CONSENT)
    store.create_customer("Abe Zimmer", consent_date=CONSENT)
    assert [c.name for c in store.search()] == ["Abe Zimmer", "Ann Baker", "Bob Carter"]
    assert [c.name for c in store.search("ann")] == ["Ann Baker"]
    assert [c.name for c in store.search("7946 0002")] == ["Bob Carter"]  # phone, any spacing
    store.update_customer(ann.id, notes="prefers a soft collar")
    assert store.customer(ann.id).notes == "prefers a soft collar"
    with pytest.raises(StoreError, match="needs a name"):
        store.create_customer("  ")
    with pytest.raises(StoreError, match="unknown customer field shoe"):
        store.update_customer(ann.id, shoe=42)
    with pytest.raises(StoreError, match="no customer 999"):
        store.customer(999)


def test_a_new_session_never_overwrites_an_old_one(store) -> None:
    c = store.create_customer("Ann Baker", consent_date=CONSENT)
    first = store.add_session(c.id, MEDIAN_MAN, "cm", sex="male", measured_by="Joe",
                              taken_at=datetime(2026, 1, 5, tzinfo=UTC))
    later = dict(MEDIAN_MAN, waist=MEDIAN_MAN["waist"] + 30)
    second = store.add_session(c.id, later, "in", estimated={"across_back"},
                               taken_at=datetime(2026, 6, 5, tzinfo=UTC))
    sessions = store.customer(c.id).sessions
    assert [s.id for s in sessions] == [first.id, second.id]
    assert sessions[0].values["waist"] == MEDIAN_MAN["waist"]  # untouched
    assert sessions[1].unit == "in" and sessions[1].estimated == ["across_back"]
    diff = store.compare_sessions(first.id, second.id)
    assert diff["waist"] == (MEDIAN_MAN["waist"], MEDIAN_MAN["waist"] + 30)
    assert diff["chest"] == (MEDIAN_MAN["chest"], MEDIAN_MAN["chest"])
    with pytest.raises(StoreError, match="unit 'ft'"):
        store.add_session(c.id, MEDIAN_MAN, "ft")


def test_orders_move_through_the_cutting_room_with_who_and_when(store) -> None:
    c = store.create_customer("Ann Baker", consent_date=CONSENT)
    m = store.add_session(c.id, MEDIAN_MAN)
    order = store.create_order(c.id, m.id, [GarmentLine("mens_shirt", "1.0.0", {"collar_style": "band"},
                                                           fabric="poplin 150 cm", trace="abc123")], by="Joe")
    assert order.status is OrderStatus.DRAFT and order.reference.startswith("O-")
    store.set_status(order.id, OrderStatus.CONFIRMED, files_dir="/orders/x", by="Joe")
    with pytest.raises(StoreError, match="is confirmed: it cannot become cut — it can become: "
                                         "in production, draft, cancelled"):
        store.set_status(order.id, OrderStatus.CUT)
    for status, who in ((OrderStatus.IN_PRODUCTION, "Mia"), (OrderStatus.CUT, "Ravi"),
                        (OrderStatus.SEWN, "Lou"), (OrderStatus.READY, "Lou"),
                        (OrderStatus.DELIVERED, "Joe")):
        store.set_status(order.id, status, by=who)
    done = store.order(order.id)
    assert done.status is OrderStatus.DELIVERED and done.files_dir == "/orders/x"
    assert [(e.from_status, e.to_status, e.by) for e in done.events] == [
        ("", "draft", "Joe"), ("draft", "confirmed", "Joe"), ("confirmed", "in production", "Mia"),
        ("in production", "cut", "Ravi"), ("cut", "sewn", "Lou"), ("sewn", "ready", "Lou"),
        ("ready", "delivered", "Joe")]
    assert all(a.at <= b.at for a, b in zip(done.events, done.events[1:], strict=False))
    with pytest.raises(StoreError, match="is delivered: it cannot become cancelled — it can "
                                         "become: nothing"):
        store.set_status(order.id, OrderStatus.CANCELLED, reason="late")
    assert [x.name for x in store.search(order.reference.lower())] == ["Ann Baker"]
    other = store.create_customer("Bob Carter", consent_date=CONSENT)
    with pytest.raises(StoreError, match="is not this customer's"):
        store.create_order(other.id, m.id, [GarmentLine("mens_shirt", "1.0.0")])


def test_a_cancel_needs_a_reason_and_keeps_it(store) -> None:
    c = store.create_customer("Ann Baker", consent_date=CONSENT)
    m = store.add_session(c.id, MEDIAN_MAN)
    order = store.create_order(c.id, m.id, [GarmentLine("mens_shirt", "1.0.0")],
                               status=OrderStatus.CONFIRMED)
    store.set_status(order.id, OrderStatus.IN_PRODUCTION)
    with pytest.raises(StoreError, match="a cancelled order needs a reason"):
        store.set_status(order.id, OrderStatus.CANCELLED, reason="  ")
    assert store.order(order.id).status is OrderStatus.IN_PRODUCTION  # nothing half-done
    store.set_status(order.id, OrderStatus.CANCELLED, by="Mia", reason="customer moved abroad")
    last = store.order(order.id).events[-1]
    assert (last.to_status, last.by, last.reason) == ("cancelled", "Mia", "customer moved abroad")
    history = store.export_customer(c.id)["orders"][0]["history"]
    assert history[-1]["reason"] == "customer moved abroad" and len(history) == 3


def test_the_production_queue_spans_customers_filtered_and_due_first(store) -> None:
    made = {}
    for name, due, fabric, code, block, status in (
            ("Ann Baker", date(2026, 12, 20), "poplin white", "POP-WHT-150", "mens_shirt",
             OrderStatus.CONFIRMED),
            ("Bob Carter", date(2026, 12, 10), "wool flannel", "FLA-GRY-150", "trousers",
             OrderStatus.CONFIRMED),
            ("Élise Durand", None, "poplin white", "POP-WHT-150", "mens_shirt", OrderStatus.DRAFT),
            ("Zoë Young", date(2026, 12, 31), "crepe", "", "skirt", OrderStatus.CONFIRMED)):
        c = store.create_customer(name, consent_date=CONSENT)
        m = store.add_session(c.id, MEDIAN_MAN)
        garment = GarmentLine(block, "1.0.0", fabric=fabric, fabric_code=code)
        made[name] = store.create_order(c.id, m.id, [garment], due_date=due, status=status,
                                        shop="Paris" if name != "Zoë Young" else "Lyon")
    store.set_status(made["Zoë Young"].id, OrderStatus.IN_PRODUCTION)

    def names(**filters) -> list[str]:
        return [o.customer.name for o in store.orders(**filters)]

    assert names() == ["Bob Carter", "Ann Baker", "Zoë Young", "Élise Durand"]  # due first
    assert names(statuses=[OrderStatus.CONFIRMED]) == ["Bob Carter", "Ann Baker"]
    assert names(due_before=date(2026, 12, 20)) == ["Bob Carter", "Ann Baker"]
    assert names(fabric="pop-wht-150") == ["Ann Baker", "Élise Durand"]  # the code, any case
    assert names(fabric="flannel") == ["Bob Carter"]  # or words of the fabric
    assert names(block_id="skirt") == ["Zoë Young"]
    assert names(shop="Lyon") == ["Zoë Young"]
    assert names(text="élise") == ["Élise Durand"] and names(text="ÉLISE") == ["Élise Durand"]
    reference = made["Ann Baker"].reference
    assert names(text=reference.lower()) == ["Ann Baker"]


def test_a_refused_order_leaves_no_row(store) -> None:
    c = store.create_customer("Ann Baker", consent_date=CONSENT)
    m = store.add_session(c.id, MEDIAN_MAN)
    with pytest.raises(StoreError, match="quantity 0 must be at least 1"):
        store.create_order(c.id, m.id, [GarmentLine("mens_shirt", "1.0.0")], quantity=0)
    with pytest.raises(StoreError, match="garment fabric is 201 characters long; it may be at most 200"):
        store.create_order(c.id, m.id, [GarmentLine("mens_shirt", "1.0.0", fabric="x" * 201)])
    assert store.customer(c.id).orders == []


def test_erase_removes_everything_held_and_export_lists_it(store) -> None:
    ann = store.create_customer("Ann Baker", email="ann@example.com", consent_date=CONSENT)
    m = store.add_session(ann.id, MEDIAN_MAN, sex="female")
    store.create_order(ann.id, m.id, [GarmentLine("skirt", "1.0.0", {"silhouette": "a_line"})])
    bob = store.create_customer("Bob Carter", consent_date=CONSENT)
    store.add_session(bob.id, MEDIAN_MAN)
    exported = json.loads(json.dumps(store.export_customer(ann.id)))  # JSON-ready
    assert exported["customer"]["email"] == "ann@example.com"
    assert exported["measurement_sessions"][0]["values_mm"]["chest"] == MEDIAN_MAN["chest"]
    assert exported["orders"][0]["garments"][0]["options"] == {"silhouette": "a_line"}
    store.erase_customer(ann.id)
    with store.engine.connect() as conn:
        counts = {t: conn.exec_driver_sql(f"select count(*) from {t}").scalar()
                  for t in ("customers", "measurement_sessions", "orders")}
        assert counts == {"customers": 1, "measurement_sessions": 1, "orders": 0}
        assert conn.execute(text("select count(*) from customers where name like '%Ann%'")).scalar() == 0


def test_everything_is_there_after_a_restart(db_url) -> None:
    first = open_store(db_url)
    c = first.create_customer("Ann Baker", consent_date=CONSENT)
    m = first.add_session(c.id, MEDIAN_MAN, taken_at=datetime.now(UTC) - timedelta(days=1))
    first.create_order(c.id, m.id, [GarmentLine("mens_shirt", "1.0.0", {"fit": "slim"})])
    first.engine.dispose()
    again = open_store(db_url).customer(c.id)
    assert again.name == "Ann Baker"
    assert again.sessions[0].values == MEDIAN_MAN
    assert again.orders[0].garments[0].options == {"fit": "slim"}


def test_a_0002_database_gains_due_dates_and_search_keys_keeping_its_rows(db_url) -> None:
    with database_at(db_url, "0002") as connection:
        stamps = "'2026-01-05', '2026-01-05'"
        connection.exec_driver_sql(
            "insert into customers (name, phone, email, address, notes, consent_date, "
            f"fit_preference, created_at, updated_at) values ('Émilie Dubois', '', '', '', '', "
            f"'2026-01-05', 'close', {stamps})")
        connection.exec_driver_sql(
            "insert into measurement_sessions (customer_id, taken_at, measured_by, unit, "
            f"\"values\", estimated, notes, created_at, updated_at) values (1, '2026-01-05', 'Jo', "
            f"'cm', '{{\"chest\": 1000.0}}', '[]', '', {stamps})")
        connection.exec_driver_sql(
            "insert into orders (reference, customer_id, session_id, block_id, block_version, "
            "options, fabric, quantity, status, trace, notes, files_dir, created_at, updated_at) "
            f"values ('O-2026-AAAAAA', 1, 1, 'skirt', '1.0.0', '{{}}', 'wool', 1, 'confirmed', "
            f"'t', '', '', {stamps})")
    store = open_store(db_url)
    (emilie,) = store.search("émilie")
    assert (emilie.name, emilie.fit_preference) == ("Émilie Dubois", "close")
    assert store.customer(emilie.id).sessions[0].values == {"chest": 1000.0}
    order = store.order_by_reference("O-2026-AAAAAA")
    assert (order.garments[0].fabric, order.due_date) == ("wool", None)
    later = store.create_order(emilie.id, order.session_id, [GarmentLine("skirt", "1.0.0")],
                               due_date=date(2027, 2, 1))
    assert store.order(later.id).due_date == date(2027, 2, 1)


def test_search_folds_letter_case_in_every_script(store) -> None:
    for name in ("Émilie Dubois", "Ольга Петрова", "Jürgen Straße", "ÅSA ÖBERG", "emil Zola"):
        store.create_customer(name)
    assert [c.name for c in store.search("émilie")] == ["Émilie Dubois"]
    assert [c.name for c in store.search("ÉMILIE")] == ["Émilie Dubois"]
    assert [c.name for c in store.search("E\u0301milie")] == ["Émilie Dubois"]  # typed decomposed
    assert [c.name for c in store.search("ольга")] == ["Ольга Петрова"]
    assert [c.name for c in store.search("strasse")] == ["Jürgen Straße"]
    assert [c.name for c in store.search("åsa ö")] == ["ÅSA ÖBERG"]
    renamed = store.search("emil zola")[0]
    store.update_customer(renamed.id, name="Émile Zola")
    assert [c.name for c in store.search("émile")] == ["Émile Zola"]


def test_text_longer_than_its_column_is_refused_naming_the_field(store) -> None:
    with pytest.raises(StoreError, match=r"the customer name is 201 characters long; it may be "
                                         r"at most 200 — shorten the name"):
        store.create_customer("N" * 201, consent_date=CONSENT)
    ann = store.create_customer("Ann Baker", consent_date=CONSENT)
    with pytest.raises(StoreError, match="the customer phone is 51 characters long; it may be at most 50"):
        store.update_customer(ann.id, phone="1" * 51)
    with pytest.raises(StoreError, match="measurement session measured by is 201 characters"):
        store.add_session(ann.id, MEDIAN_MAN, measured_by="J" * 201)
    assert store.customer(ann.id).phone == "" and store.customer(ann.id).sessions == []
    assert store.search("nnnn") == []


def test_no_measurement_is_kept_before_the_customer_consents(store) -> None:
    ann = store.create_customer("Ann Baker")
    with pytest.raises(StoreError, match="Ann Baker has not agreed that we keep their "
                                         "measurements — record the customer's consent"):
        store.add_session(ann.id, MEDIAN_MAN)
    assert store.customer(ann.id).sessions == []
    store.update_customer(ann.id, consent_date=CONSENT)
    assert store.add_session(ann.id, MEDIAN_MAN).customer_id == ann.id


def test_every_sqlite_connection_zeroes_deleted_rows(tmp_path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}").engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_the_database_file_and_its_journal_are_readable_by_their_owner_only(tmp_path) -> None:
    path = tmp_path / "private" / "shop.sqlite3"
    store = open_store(f"sqlite:///{path}")
    ann = store.create_customer("Ann Baker", consent_date=CONSENT)
    store.add_session(ann.id, MEDIAN_MAN)
    with store.engine.connect():  # the -wal and -shm exist while a connection is open
        files = [p for p in path.parent.iterdir() if p.name.startswith("shop.sqlite3")]
        assert {p.name for p in files} >= {"shop.sqlite3", "shop.sqlite3-wal"}
        assert all(p.stat().st_mode & 0o077 == 0 for p in files), [oct(p.stat().st_mode) for p in files]
    store.engine.dispose()
    path.chmod(0o644)  # made by an older release: tightened when opened
    open_store(f"sqlite:///{path}")
    assert path.stat().st_mode & 0o777 == 0o600


def test_times_are_read_back_in_utc_whatever_the_servers_time_zone(store) -> None:
    ann = store.create_customer("Ann Baker", consent_date=CONSENT)
    late = datetime(2026, 1, 5, 23, 30, tzinfo=UTC)  # already the 6th in India (the CI server's zone)
    taken = store.measurement_session(store.add_session(ann.id, MEDIAN_MAN, taken_at=late).id).taken_at
    assert taken.replace(tzinfo=None) == datetime(2026, 1, 5, 23, 30)
    assert taken.utcoffset() in (None, timedelta(0))  # SQLite keeps no zone: UTC by the app's rule
    assert taken.date() == date(2026, 1, 5)
