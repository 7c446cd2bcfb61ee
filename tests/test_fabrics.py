"""The fabric catalogue: records in the store, CSV in and out, the demo catalogue, and the
upgrade of a database that knew only free-text fabrics and "sent to factory"."""

from __future__ import annotations

import pytest

from mtm_app.datafile import DataFileError
from mtm_app.fabric_files import fabrics_csv, read_fabrics_csv, write_fabrics_csv
from mtm_app.library import resources_dir
from mtm_app.store import OrderStatus, StoreError, open_store
from mtm_app.store.demo import seed_demo
from mtm_app.store.fabrics import fabric, fabrics, remove_fabric, save_fabric, save_fabrics, take_stock
from tests.old_database import database_at

HEADER = "code,name,composition,width_cm,one_way,repeat_length_cm,repeat_width_cm,shrinkage_pct," \
         "price_per_m,stock_m,notes\n"


@pytest.fixture
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}")


def test_a_fabric_is_kept_by_its_code_and_found_by_any_word(store) -> None:
    save_fabric(store, "fla-gry-150", name="Flanelle de laine grise", composition="100% laine",
                width_mm=1500, one_way=True, stock_m=30)
    save_fabric(store, "POP-WHT-150", name="Poplin white", width_mm=1500)
    assert fabric(store, "Fla-Gry-150").one_way is True  # codes are kept in capitals
    assert [f.code for f in fabrics(store, "LAINE")] == ["FLA-GRY-150"]
    assert [f.code for f in fabrics(store, "pop")] == ["POP-WHT-150"]
    assert [f.code for f in fabrics(store)] == ["FLA-GRY-150", "POP-WHT-150"]
    save_fabric(store, "FLA-GRY-150", stock_m=12.5)  # a change keeps the other fields
    assert (fabric(store, "FLA-GRY-150").stock_m, fabric(store, "FLA-GRY-150").width_mm) == (12.5, 1500)
    assert take_stock(store, "FLA-GRY-150", 2.25).stock_m == 10.25
    remove_fabric(store, "FLA-GRY-150")
    with pytest.raises(StoreError, match="there is no fabric FLA-GRY-150 in the catalogue"):
        fabric(store, "FLA-GRY-150")


@pytest.mark.parametrize(("fields", "message"), [
    ({"width_mm": 50}, "fabric usable width 5 cm is outside 10–400 cm"),
    ({"width_mm": float("nan")}, "fabric usable width nan cm is outside"),
    ({"width_mm": 1500, "shrinkage_pct": 40}, "fabric shrinkage 40 % is outside 0–20 %"),
    ({"name": "x"}, "fabric NEW needs its usable width"),
    ({"width_mm": 1500, "colour": "red"}, "unknown fabric field colour"),
])
def test_a_wrong_fabric_is_refused_naming_the_field(store, fields, message) -> None:
    with pytest.raises(StoreError, match=message):
        save_fabric(store, "NEW", **fields)
    assert fabrics(store) == []


def test_the_catalogue_goes_out_as_csv_and_comes_back_the_same(store, tmp_path) -> None:
    rows = read_fabrics_csv(resources_dir() / "demo" / "fabrics.csv")
    save_fabrics(store, rows)
    path = tmp_path / "catalogue.csv"
    write_fabrics_csv(path, fabrics(store))
    again = read_fabrics_csv(path)
    assert sorted(again, key=lambda r: r["code"]) == sorted(rows, key=lambda r: r["code"])
    stripe = next(r for r in again if r["code"] == "STR-BLU-150")
    assert (stripe["width_mm"], stripe["repeat_length_mm"], stripe["one_way"]) == (1500, 12, False)
    assert fabrics_csv(fabrics(store)).splitlines()[0] == HEADER.strip()


@pytest.mark.parametrize(("text", "message"), [
    ("code,width_cm\nA,150\nA,140\n", r"fabrics.csv:3: fabric A is listed twice — it is already on line 2"),
    ("code,width_cm,one_way\nA,150,maybe\n", r"fabrics.csv:2, one_way: one_way 'maybe' is not yes or no"),
    ("code,width_cm\nA,wide\n", r"fabrics.csv:2, width_cm: width_cm 'wide' is not a number"),
    ("code,width_cm,name\nA\n", r"fabrics.csv:2, width_cm: width_cm is empty — every fabric needs its"),
    ("code,width\nA,150\n", r"fabrics.csv:1: unknown column 'width'"),
    ("code,name\nA,poplin\n", r"fabrics.csv:1: no column width_cm"),
    ("code,width_cm\nA,5\n", r"fabrics.csv:2: fabric usable width 5 cm is outside 10–400 cm"),
    ("code,width_cm\nX-1\a,150\n", r"fabrics.csv:2: fabric code 'X-1\\u0007' holds an invisible character"),
    ('code,width_cm\n"=HYPERLINK(""http://x"")",150\n',
     r"fabrics.csv:2: fabric code '=HYPERLINK\(\"http://x\"\)' must begin with a letter or a digit"),
    ("code,name,width_cm\nA,poplin\u200f,150\n",
     r"fabrics.csv:2: fabric name 'poplin\\u200f' holds an invisible"),
])
def test_a_bad_csv_names_its_line_and_column_and_imports_nothing(store, tmp_path, text, message) -> None:
    path = tmp_path / "fabrics.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        save_fabrics(store, read_fabrics_csv(path))
    assert fabrics(store) == []


def test_a_name_a_spreadsheet_would_run_is_written_as_text_and_read_back(store, tmp_path) -> None:
    save_fabrics(store, [{"code": "ODD-1", "width_mm": 1500.0, "name": "=1+2 stripe", "notes": "-20 % sale",
                          "composition": "@home cotton"}])
    text = fabrics_csv(fabrics(store))
    assert "'=1+2 stripe" in text and "'-20 % sale" in text and "'@home cotton" in text
    path = tmp_path / "catalogue.csv"
    write_fabrics_csv(path, fabrics(store))
    (row,) = read_fabrics_csv(path)
    assert (row["name"], row["notes"], row["composition"]) == ("=1+2 stripe", "-20 % sale", "@home cotton")


def test_a_comma_decimal_and_french_yes_are_read(tmp_path) -> None:
    path = tmp_path / "tissus.csv"
    path.write_text('code,width_cm,one_way\nVEL-NOIR,"137,5",oui\n', encoding="utf-8")
    assert read_fabrics_csv(path) == [{"code": "VEL-NOIR", "width_mm": 1375.0, "one_way": True}]


def test_a_first_start_ships_a_demo_catalogue(store) -> None:
    seed_demo(store)
    codes = [f.code for f in fabrics(store)]
    assert len(codes) == 9 and "FLA-GRY-150" in codes and "LIN-VIS-145" in codes
    assert fabric(store, "FLA-GRY-150").one_way and fabric(store, "CHK-GRN-148").repeat_width_mm == 10


def test_an_older_database_gets_the_catalogue_and_its_orders_a_history(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    with database_at(url, "0004") as connection:
        connection.exec_driver_sql(
            "insert into customers (name, name_key, phone, email, address, notes, fit_preference, "
            "created_at, updated_at) values ('Ann Baker', 'ann baker', '', '', '', '', 'standard', "
            "'2026-01-05', '2026-01-05')")
        connection.exec_driver_sql(
            "insert into measurement_sessions (customer_id, taken_at, measured_by, unit, "
            '"values", estimated, notes, created_at, updated_at) values (1, \'2026-01-05\', \'\', '
            "'cm', '{}', '[]', '', '2026-01-05', '2026-01-05')")
        connection.exec_driver_sql(
            "insert into orders (reference, customer_id, session_id, block_id, block_version, "
            "options, fabric, quantity, status, trace, notes, files_dir, alterations, created_at, "
            "updated_at) values ('O-2026-AAAAAA', 1, 1, 'mens_shirt', '1.0.0', '{}', 'poplin', 1, "
            "'sent to factory', '', '', '', '[]', '2026-01-06', '2026-01-06')")
    store = open_store(url)
    order = store.order_by_reference("O-2026-AAAAAA")
    assert order.status is OrderStatus.IN_PRODUCTION and order.garments[0].fabric_code == ""
    assert [(e.to_status, e.reason) for e in order.events] == [
        ("in production", "status before the history was kept")]
    store.set_status(order.id, OrderStatus.CUT, by="Ravi")
    assert fabrics(store) == []


def test_a_french_shop_reads_the_catalogue_errors_in_french(store, tmp_path) -> None:
    from mtm_app.i18n import speaking

    path = tmp_path / "tissus.csv"
    path.write_text("code;name;width_cm\nVEL-1;Velours;137\n", encoding="utf-8")  # Excel in French
    with speaking("fr"), pytest.raises(DataFileError) as raised:
        read_fabrics_csv(path)
    assert "colonne inconnue 'code;name;width_cm'" in str(raised.value)
    assert "séparées par des points-virgules" in str(raised.value)
    with speaking("fr"), pytest.raises(StoreError, match="laize utile du tissu 5 cm hors de 10–400 cm"):
        save_fabric(store, "NEW", width_mm=50)
