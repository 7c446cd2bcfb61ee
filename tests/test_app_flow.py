"""The tailor's whole day, end to end through the real widgets, on a real database file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from mtm_app.export.dxf_read import read_aama
from mtm_app.store import OrderStatus, open_store
from mtm_app.store.demo import DEMO_BY
from mtm_app.ui.app import build_window
from tests.conftest import MEDIAN_MAN


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'shop.sqlite3'}"


def _type(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_new_customer_measured_styled_ordered_and_there_after_a_restart(qtbot, db_url) -> None:
    window = build_window(open_store(db_url))
    qtbot.addWidget(window)
    window.show()
    names = [window.customers.list.item(i).text() for i in range(window.customers.list.count())]
    assert any("demo" in n for n in names)  # a first start has demo customers

    # a new customer
    qtbot.mouseClick(window.customers.new_button, Qt.MouseButton.LeftButton)
    dialog = window.customers.dialog
    qtbot.keyClicks(dialog.name, "Carl Jensen")
    qtbot.keyClicks(dialog.phone, "+45 33 12 34 56")
    dialog.consent.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert window.customer_name == "Carl Jensen"
    assert "Carl Jensen" in window.windowTitle()
    assert window.last_draft is None or not window.last_draft.ok  # nothing measured yet

    # measurements, in cm, with a typo the app flags inline; the tailor's name goes with them
    window.measured_by.clear()  # another test's tailor may be remembered by this machine's window
    qtbot.keyClicks(window.measured_by, "Joe Tailor")
    for name, value in MEDIAN_MAN.items():
        if name in window.measurements.fields:
            _type(qtbot, window.measurements.fields[name], f"{value / 10:g}")
    assert window.last_draft.ok
    _type(qtbot, window.measurements.fields["neck"], "52")
    assert "likely a typo in neck" in window.measurements.fields["neck"].toolTip()
    _type(qtbot, window.measurements.fields["neck"], "39.5")
    assert window.measurements.fields["neck"].styleSheet() == ""

    # the shirt, a band collar: the preview follows
    assert window.garment.currentData() == "mens_shirt"
    collar = window.options.widgets["collar_style"]
    collar.setCurrentIndex(collar.findText("band"))
    assert window.preview.piece_count == 8

    # confirm the order: files written, read back
    qtbot.keyClicks(window.order_panel.fabric, "poplin 150 cm")
    qtbot.mouseClick(window.order_panel.confirm_button, Qt.MouseButton.LeftButton)
    history = window.order_panel.history
    assert history.topLevelItemCount() == 1
    reference = history.topLevelItem(0).text(0)
    assert history.topLevelItem(0).text(2) == "confirmed"
    folder = window.store.order(window.store.customer(window.customer_id).orders[0].id).files_dir
    assert sorted(p.name for p in Path(folder).iterdir()) == [
        f"{reference}.aama.dxf", f"{reference}.ticket.pdf", f"{reference}.tiled.pdf"]
    dxf = Path(folder) / f"{reference}.aama.dxf"
    assert {p.name for _, p in read_aama(dxf).pieces} == {p.name for p in window.last_draft.pieces}
    with pdfplumber.open(f"{folder}/{reference}.ticket.pdf") as pdf:
        text = pdf.pages[0].extract_text()
        assert reference in text and "Carl Jensen" in text and "poplin 150 cm" in text
    customer_id = window.customer_id
    window.close()

    # restart on the same database: everything is there
    again = build_window(open_store(db_url))
    qtbot.addWidget(again)
    store = again.store
    carl = store.customer(customer_id)
    assert carl.phone == "+45 33 12 34 56" and carl.consent_date is not None
    assert carl.sessions[-1].values["chest"] == MEDIAN_MAN["chest"]
    assert carl.sessions[-1].measured_by == "Joe Tailor"
    assert again.measured_by.text() == "Joe Tailor"  # remembered with the window
    assert carl.orders[0].reference == reference
    assert carl.orders[0].status is OrderStatus.CONFIRMED
    assert carl.orders[0].garments[0].options["collar_style"] == "band"
    again.customers.search.setText("jensen")
    assert again.customers.list.count() == 1
    again.customers.list.setCurrentRow(0)
    assert again.customer_id == customer_id
    assert again.measurements.fields["chest"].value() == MEDIAN_MAN["chest"]
    assert again.order_panel.history.topLevelItemCount() == 1


def test_switching_garment_keeps_the_measurements_and_a_woman_gets_a_womens_block(
        qtbot, db_url) -> None:
    window = build_window(open_store(db_url))
    qtbot.addWidget(window)
    chest = window.measurements.values_mm()["chest"]
    window.garment.setCurrentIndex(window.garment.findData("mens_trousers"))
    assert window.block.id == "mens_trousers" and window.last_draft.ok
    per_side = {f"{n}_{s}" for n in ("inseam", "outseam") for s in ("left", "right")}
    assert set(window.measurements.fields) == set(window.block.measurements) | per_side
    window.garment.setCurrentIndex(window.garment.findData("mens_shirt"))
    assert window.measurements.values_mm()["chest"] == chest  # kept through the trousers
    woman = next(c for c in window.store.search("sarah"))
    window.open_customer(woman.id)
    assert window.block.id == "womens_bodice" and window.last_draft.ok


def test_a_failing_pattern_is_not_ordered(qtbot, db_url) -> None:
    window = build_window(open_store(db_url))
    qtbot.addWidget(window)
    window.measurements.fields["chest"].setValue(400.0)  # looks like inches: an error
    window.confirm_order()
    assert "not confirmed" in window.banner.text() and "chest 40 looks like inches" in window.banner.text()
    assert [o.events[0].by for o in window.store.customer(window.customer_id).orders] == [DEMO_BY]


def test_undo_and_redo_walk_back_through_edits(qtbot, db_url) -> None:
    window = build_window(open_store(db_url))
    qtbot.addWidget(window)
    chest = window.measurements.fields["chest"]
    start = chest.value()
    _type(qtbot, chest, "110")
    collar = window.options.widgets["collar_style"]
    collar.setCurrentIndex(collar.findText("band"))
    stack = window.history.stack
    assert stack.count() == 2
    stack.undo()
    assert window.options.value("collar_style") == "point" and window.preview.piece_count == 9
    stack.undo()
    assert chest.value() == start and window.last_draft.measurements["chest"] == start
    stack.redo()
    assert chest.value() == 1100.0
    stack.redo()
    assert window.options.value("collar_style") == "band"
    window.garment.setCurrentIndex(window.garment.findData("skirt"))
    assert stack.count() == 0  # another garment starts a fresh history


def test_customer_page_history_export_erase_and_reprint(qtbot, db_url, tmp_path, monkeypatch) -> None:
    window = build_window(open_store(db_url))
    qtbot.addWidget(window)
    store, customer_id = window.store, window.customer_id
    # a second session by typing and switching away (autosave), then comparing the two
    _type(qtbot, window.measurements.fields["waist"], "95")
    woman = next(iter(store.search("sarah")))
    window.open_customer(woman.id)
    window.open_customer(customer_id)
    page = window.customer_page
    assert page.sessions.count() == 2
    page.sessions.selectAll()
    page.compare_selected()
    rows = {page.comparison.topLevelItem(i).text(0): page.comparison.topLevelItem(i)
            for i in range(page.comparison.topLevelItemCount())}
    assert rows["Waist"].text(1) == "91.2" and rows["Waist"].text(2) == "95.0"
    assert rows["Waist"].text(3) == "+3.8" and rows["Chest"].text(3) == "+0.0"
    # details edited in one place show everywhere
    page.phone.setText("+33 1 00 00 00 00")
    page.save_details()
    assert store.customer(customer_id).phone == "+33 1 00 00 00 00"
    # an order, reprinted after its files were lost
    window.confirm_order()
    order = store.customer(customer_id).orders[-1]  # after the demo's own
    ticket = tmp_path / "lost.pdf"
    (Path(order.files_dir) / f"{order.reference}.ticket.pdf").rename(ticket)
    window.order_panel.history.setCurrentItem(window.order_panel.history.topLevelItem(0))
    window.order_panel.reprint_button.click()
    assert (Path(order.files_dir) / f"{order.reference}.ticket.pdf").exists()
    # export, then erase — cancelled once, confirmed once
    exported = window.export_customer(tmp_path / "daniel.json")
    data = json.loads(exported.read_text("utf-8"))
    orders = store.customer(customer_id).orders  # the demo's one, then this one
    folders = [Path(o.files_dir) for o in orders]
    assert len(data["measurement_sessions"]) == 2 and len(folders) == 2
    assert [o["reference"] for o in data["orders"]] == [o.reference for o in orders]
    shown = {}

    def read_and_cancel(box) -> int:  # the tailor reads what would go, then cancels
        shown["text"] = box.informativeText()
        return 0

    monkeypatch.setattr("mtm_app.ui.customer_actions.QMessageBox.exec", read_and_cancel)
    assert window.erase_customer() is False and store.search("daniel")
    assert f"order {order.reference} (confirmed)" in shown["text"]
    assert f"order folder {order.files_dir}" in shown["text"]

    def erase(box) -> int:
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
        return 0

    monkeypatch.setattr("mtm_app.ui.customer_actions.QMessageBox.exec", erase)
    assert window.erase_customer() is True
    assert not any(folder.exists() for folder in folders)
    assert store.search("daniel") == [] and window.customer_id == store.search()[0].id


def test_tab_follows_the_tape_and_the_window_scales_for_high_dpi(qtbot, db_url, tmp_path) -> None:
    window = build_window(open_store(db_url))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # the Measure page
    assert window.pages.current() == "measure"
    fields = list(window.measurements.fields.values())
    assert list(window.measurements.fields)[:3] == ["height", "neck", "chest"]
    fields[0].setFocus()
    for nxt in fields[1:4]:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        assert window.focusWidget() in (nxt, nxt.lineEdit())
    demo = [window.customers.list.item(i).text() for i in range(window.customers.list.count())]
    assert len(demo) == 3
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "MTM_DATA_DIR": str(tmp_path / "d")}
    shot = tmp_path / "hidpi.png"
    done = subprocess.run(
        [sys.executable, "main.py", "--screenshot", str(shot), "--page", "customer"],
        env=env, capture_output=True, timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    assert (QImage(str(shot)).width(), QImage(str(shot)).height()) == (2800, 1800)
