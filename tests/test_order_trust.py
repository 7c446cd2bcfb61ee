"""The order cut is the order on screen: the tailor's unhappy paths, through the real widgets.

Each test replays a failure seen in the app (issue 11 §1): a garment switched while fields were
red, a red value confirmed with Ctrl+Return, typing not yet entered, an out-of-range entry
reverted, one customer's notes on another's ticket, shortcuts dead inside fields, a blank
preview, a stale session list and typed values lost to a kill.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtWidgets import QApplication

from mtm_app import unsaved
from mtm_app.export.dxf_read import read_aama
from mtm_app.orders import order_drafts
from mtm_app.store import open_store
from mtm_app.store.demo import DEMO_BY
from mtm_app.ui.app import build_window
from tests.conftest import MEDIAN_MAN_LEGS


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'shop.sqlite3'}"


@pytest.fixture
def window(qtbot, db_url):
    w = build_window(open_store(db_url))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.pages.show_page("measure")
    return w


def _type(qtbot, box, text: str, then=Qt.Key.Key_Tab) -> None:
    """Click into a field, select what is there, type, and leave with `then` (None: stay)."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    if then is not None:
        qtbot.keyClick(box, then)


def _ctrl(qtbot, widget, key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def _ticket_text(order) -> str:
    with pdfplumber.open(Path(order.files_dir) / f"{order.reference}.ticket.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _orders(window):
    """The customer's orders placed in this test (a first start gave each demo customer one)."""
    return [o for o in window.store.customer(window.customer_id).orders if o.events[0].by != DEMO_BY]


def test_a_garment_switched_while_its_fields_are_red_is_not_ordered(window, qtbot) -> None:
    window.order_panel.quantity.setValue(1)
    window.garment.setCurrentIndex(window.garment.findData("mens_trousers"))
    assert window.block.id == "mens_trousers"
    # the shirt's pieces are not the trousers: nothing of it may stay on screen or be ordered
    assert window.last_draft is None or window.last_draft.block.id == "mens_trousers"
    for name in ("inseam", "thigh"):
        if name in window.measurements.fields:
            window.measurements.fields[name].setValue(0.0)
    window.measurements.fields["outseam"].setValue(400.0)  # 40 mm: red
    _ctrl(qtbot, window.measurements.fields["outseam"], Qt.Key.Key_Return)
    assert _orders(window) == []
    assert "not confirmed" in window.banner.text() and "outseam" in window.banner.text().lower()
    # measured properly, the order is the trousers, pieces and all
    for name, mm in MEDIAN_MAN_LEGS.items():
        if name in window.measurements.fields:
            window.measurements.fields[name].setValue(mm)
    window.confirm_order()
    (order,) = _orders(window)
    assert [g.block_id for g in order.garments] == ["mens_trousers"]
    names = {p.name for _, p in read_aama(Path(order.files_dir) / f"{order.reference}.aama.dxf").pieces}
    assert names == {p.name for p in window.last_draft.pieces} and not any("Collar" in n for n in names)
    result = order_drafts(window.store, order)[0].result
    assert {p.name for p in result.pieces} == names  # a reprint or a marker drafts the same


def test_a_red_value_confirmed_with_the_shortcut_is_refused_and_not_stored(window, qtbot) -> None:
    sessions_before = len(window.store.customer(window.customer_id).sessions)
    chest = window.measurements.fields["chest"]
    _type(qtbot, chest, "201", then=None)
    _ctrl(qtbot, chest, Qt.Key.Key_Return)
    assert _orders(window) == []
    assert "not confirmed" in window.banner.text() and "chest" in window.banner.text().lower()
    stored = window.store.customer(window.customer_id).sessions
    assert len(stored) == sessions_before and all(s.values["chest"] != 2010.0 for s in stored)
    assert chest.hasFocus()  # the tailor is taken to the field to correct


def test_typing_not_yet_entered_is_what_gets_ordered(window, qtbot) -> None:
    window.confirm_order()
    (first,) = _orders(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the progress dialog closed
    chest = window.measurements.fields["chest"]
    _type(qtbot, chest, "110", then=None)  # no Tab, no Return: straight to Ctrl+Return
    _ctrl(qtbot, chest, Qt.Key.Key_Return)
    second = _orders(window)[-1]
    assert second.id != first.id and second.trace != first.trace
    session = window.store.measurement_session(second.session_id)
    assert session.values["chest"] == 1100.0
    assert "Chest: 110.0" in _ticket_text(second)
    (garment,) = order_drafts(window.store, second)  # the stored session drafts the same trace
    result, job = garment.result, garment.job
    from mtm_app.trace import trace_hash
    assert trace_hash(result.block.id, result.block.version, result.block.source_text,
                      result.measurements, result.options) == second.trace == job.trace
    assert second.trace in _ticket_text(second).replace("\n", "")


def test_an_out_of_range_entry_stays_on_screen_in_red_with_its_message(window, qtbot) -> None:
    chest = window.measurements.fields["chest"]
    _type(qtbot, chest, "1020")
    assert chest.value() == 10200.0 and chest.text() == "1020 cm"
    message = window.measurements.messages["chest"]
    assert message.isVisible() and message.text().startswith("✗") and "1020" in message.text()
    assert "fde2e1" in chest.styleSheet()
    window.measurements.unit_box.setCurrentText("in")
    _type(qtbot, chest, "405")
    assert chest.text() == "405 in" and chest.value() == pytest.approx(405 * 25.4)
    assert window.measurements.messages["chest"].isVisible()
    # text that is no number at all is said so, not silently replaced
    _type(qtbot, chest, "4o")
    assert "'4o' is not a length" in window.measurements.messages["chest"].text()


def test_fabric_and_notes_belong_to_the_order_not_the_window(window, qtbot) -> None:
    panel = window.order_panel
    qtbot.keyClicks(panel.fabric, "wool flannel 150 cm")
    qtbot.keyClicks(panel.notes, "monogram DM on the cuff")
    panel.quantity.setValue(2)
    panel.due.setDate(QDate(2027, 1, 15))
    window.confirm_order()
    (first,) = _orders(window)
    assert first.garments[0].fabric == "wool flannel 150 cm" and first.notes == "monogram DM on the cuff"
    assert first.due_date == date(2027, 1, 15) and first.quantity == 2
    assert (panel.fabric.text(), panel.notes.text(), panel.quantity.value()) == ("", "", 1)
    assert panel.due_date() is None
    qtbot.keyClicks(panel.fabric, "left over, not confirmed")
    marcus = window.store.search("marcus")[0]
    window.open_customer(marcus.id)
    assert panel.fabric.text() == "" and panel.notes.text() == ""
    window.confirm_order()
    (other,) = _orders(window)
    text = _ticket_text(other)
    assert "monogram" not in text and "flannel" not in text and "left over" not in text
    assert other.garments[0].fabric == "" and other.notes == "" and other.quantity == 1


def test_estimate_and_undo_work_from_inside_a_measurement_field(window, qtbot) -> None:
    form = window.measurements
    wrist = form.fields["wrist"]
    _type(qtbot, wrist, "0")  # cleared: now missing
    wrist.setFocus()
    _ctrl(qtbot, wrist, Qt.Key.Key_E)
    assert wrist.value() > 0 and "wrist" in form.estimated
    chest = form.fields["chest"]
    before = chest.value()
    _type(qtbot, chest, "112", then=None)
    _ctrl(qtbot, chest, Qt.Key.Key_Z)  # undoes what was just typed, not the line edit's
    assert chest.value() == before and chest.text() == f"{before / 10:g} cm"
    qtbot.keyClick(chest, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert chest.value() == 1120.0


def _pattern_on_screen(view) -> float:
    """How much of the viewport's width or height the whole pattern fills (0 unless all of it
    is in view): about 1 for a fitted view."""
    rect = view.scene().itemsBoundingRect()
    top_left = view.mapFromScene(QPointF(rect.left(), rect.top()))
    bottom_right = view.mapFromScene(QPointF(rect.right(), rect.bottom()))
    vp = view.viewport().rect().adjusted(-3, -3, 3, 3)
    if not (vp.contains(top_left) and vp.contains(bottom_right)):
        return 0.0
    return max((bottom_right.x() - top_left.x()) / vp.width(),
               (bottom_right.y() - top_left.y()) / vp.height())


def test_the_preview_fits_every_new_customer_and_garment(window, qtbot) -> None:
    window.preview.scale(40, 40)  # the tailor zoomed far into the last customer's collar
    window.customers.new_customer()
    dialog = window.customers.dialog
    qtbot.keyClicks(dialog.name, "Ida Lindqvist")
    dialog.consent.setChecked(True)
    dialog.accept()
    assert window.customer_name == "Ida Lindqvist" and window.preview.piece_count == 0
    values = {"height": 1755, "neck": 395, "chest": 1056, "waist": 912, "seat": 1017,
              "nape_to_waist": 407, "shoulder_length": 150, "across_back": 430,
              "sleeve_length": 592, "bicep": 337, "wrist": 176}
    for name, mm in values.items():
        _type(qtbot, window.measurements.fields[name], f"{mm / 10:g}")
    assert window.draft_current and window.preview.piece_count == 9
    assert _pattern_on_screen(window.preview) > 0.8  # fitted, without Ctrl+0
    window.preview.scale(30, 30)
    window.garment.setCurrentIndex(window.garment.findData("mens_trousers"))
    for name, mm in MEDIAN_MAN_LEGS.items():
        _type(qtbot, window.measurements.fields[name], f"{mm / 10:g}")
    assert window.draft_current and _pattern_on_screen(window.preview) > 0.8


def test_a_red_field_marks_the_pattern_on_screen_out_of_date(window, qtbot) -> None:
    assert not window.preview.out_of_date
    _type(qtbot, window.measurements.fields["neck"], "3")
    assert window.preview.out_of_date and not window.draft_current
    _type(qtbot, window.measurements.fields["neck"], "39.5")
    assert not window.preview.out_of_date and window.draft_current


def test_the_session_list_follows_a_confirm(window, qtbot) -> None:
    before = window.customer_page.sessions.count()
    _type(qtbot, window.measurements.fields["waist"], "95")
    window.confirm_order()
    assert window.customer_page.sessions.count() == before + 1


def test_typed_values_survive_a_kill_within_seconds(window, qtbot, db_url) -> None:
    customer_id = window.customer_id
    typed = {"chest": "108", "waist": "96", "neck": "41"}
    for name, text in typed.items():
        _type(qtbot, window.measurements.fields[name], text)
    qtbot.waitUntil(lambda: unsaved.recover(customer_id) is not None, timeout=4000)
    # the process dies here: no close, no customer switch. Another start on the same data:
    again = build_window(open_store(db_url))
    qtbot.addWidget(again)
    assert again.customer_id == customer_id
    for name, text in typed.items():
        assert again.measurements.fields[name].value() == float(text) * 10
    latest = again.store.customer(customer_id).sessions[-1]
    assert {n: latest.values[n] for n in typed} == {n: float(t) * 10 for n, t in typed.items()}
    assert unsaved.recover(customer_id) is None  # saved as a session, the journal gone
    assert "Recovered" in again.statusBar().currentMessage()


def test_sigterm_saves_what_was_typed(tmp_path) -> None:
    """A real app process, killed with SIGTERM a moment after a value was typed."""
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from mtm_app.store import open_store
        from mtm_app.ui.app import build_window, close_on_signals
        app = QApplication(sys.argv[:1])
        window = build_window(open_store({f"sqlite:///{tmp_path / 'shop.sqlite3'}"!r}))
        close_on_signals(app, window)
        window.show()
        chest = window.measurements.fields["chest"]
        chest.setValue(1111.0)
        QTimer.singleShot(100, lambda: print("typed", flush=True))
        sys.exit(app.exec())
    """))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MTM_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, env=env, text=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert proc.stdout.readline().strip() == "typed"
    time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    store = open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    first = store.search(limit=1)[0]
    assert store.customer(first.id).sessions[-1].values["chest"] == 1111.0


def test_nothing_is_kept_before_the_customer_agrees(window, qtbot) -> None:
    window.customers.new_customer()
    dialog = window.customers.dialog
    qtbot.keyClicks(dialog.name, "Noor Haddad")
    dialog.accept()  # consent not ticked
    customer_id = window.customer_id
    for name, mm in {"height": 1700, "chest": 1000, "neck": 380}.items():
        _type(qtbot, window.measurements.fields[name], f"{mm / 10:g}")
    qtbot.wait(2000)  # past the moment typed values would reach the disk
    assert unsaved.recover(customer_id) is None
    window.confirm_order()
    assert "not agreed" in window.banner.text() and _orders(window) == []
    assert window.store.customer(customer_id).sessions == []
    window.customer_page.consent.setChecked(True)  # the customer agrees
    assert window.store.customer(customer_id).consent_date == date.today()
    # what was typed before reaches the disk now, without another keystroke: a kill keeps it
    qtbot.waitUntil(lambda: unsaved.recover(customer_id) is not None, timeout=4000)
    assert unsaved.recover(customer_id).values_mm["chest"] == 1000.0
    assert window.save_measurements() is not None
    assert window.store.customer(customer_id).sessions[-1].values["chest"] == 1000.0


def test_a_customer_erased_elsewhere_leaves_nothing_for_the_next(window, qtbot, db_url) -> None:
    """Two windows (or the app and `mtm customers erase`) on one database: the erased person's
    typing never reaches the disk again, nor the next customer who gets their id."""
    window.customers.new_customer()
    dialog = window.customers.dialog
    qtbot.keyClicks(dialog.name, "Erased Elsewhere")
    dialog.consent.setChecked(True)
    dialog.accept()
    gone = window.customer_id
    _type(qtbot, window.measurements.fields["chest"], "111")
    qtbot.waitUntil(lambda: unsaved.recover(gone) is not None, timeout=4000)
    open_store(db_url).erase_customer(gone)  # another program erases them
    assert unsaved.recover(gone) is None
    _type(qtbot, window.measurements.fields["waist"], "99", then=Qt.Key.Key_Return)  # types on
    qtbot.wait(2000)
    assert unsaved.recover(gone) is None and window.customer_id is None
    assert "no longer in the store" in window.banner.text()
    window.close()  # no error, nothing saved
    again = build_window(open_store(db_url))
    qtbot.addWidget(again)
    newcomer = again.store.create_customer("Newcomer Innocent", consent_date=date.today())
    # even a journal left from before (a kill at the wrong moment) is not the newcomer's
    unsaved.keep(newcomer.id, unsaved.Unsaved({"chest": 1110.0}, customer_since="an earlier one"))
    again.open_customer(newcomer.id)
    assert again.store.customer(newcomer.id).sessions == []
    assert "chest" not in again.measurements.values_mm()
    assert unsaved.recover(newcomer.id) is None


def test_a_figure_and_a_longer_left_sleeve_chosen_on_screen_reach_the_order(window, qtbot) -> None:
    """Figuration is chosen in the tailor's words; a side that differs is typed in its own
    field; both are stored with the session and drafted, pieces per side, into the order."""
    form = window.measurements
    posture = form.figure.findChild(type(form.unit_box), "figure_posture")
    posture.setCurrentIndex(posture.findText("stooped (+1.0 cm)"))
    form.unit_box.setCurrentText("in")  # the amounts read in the customer's unit
    assert posture.currentText() == "stooped (+3/8 in)"
    form.unit_box.setCurrentText("cm")
    slope = form.figure.findChild(type(form.unit_box), "figure_shoulder_slope_right")
    slope.setCurrentIndex(slope.findText("sloping (+0.8 cm)"))
    sleeve = form.fields["sleeve_length_left"]
    assert sleeve.text() == "same"  # empty: the same as the measurement
    _type(qtbot, sleeve, "66.5", then=None)
    _ctrl(qtbot, sleeve, Qt.Key.Key_Return)  # typing not yet entered is taken first
    order = _orders(window)[-1]
    session = window.store.measurement_session(order.session_id)
    assert session.values["posture"] == 10.0 and session.values["sleeve_length_left"] == 665.0
    assert session.values["shoulder_slope_right"] == 8.0 and session.values["shoulder_slope_left"] == 0.0
    assert "shoulder_slope" not in session.values
    text = _ticket_text(order)
    assert "Posture (balance): stooped (+1.0 cm)" in text
    assert "Sleeve (left) Cut 1" in text and "Sleeve (right) Cut 1" in text and "Yoke (cut open)" in text
    names = [p.name for _, p in read_aama(Path(order.files_dir) / f"{order.reference}.aama.dxf").pieces]
    assert {"Sleeve (left)", "Sleeve (right)", "Back (cut open)"} <= set(names)
    result = order_drafts(window.store, order)[0].result  # the stored session drafts the same
    assert result.piece("sleeve_left").height - result.piece("sleeve_right").height == pytest.approx(
        665.0 - session.values["sleeve_length"], abs=0.01)
    # the next customer starts with a normal figure
    posture.setCurrentIndex(posture.findText("normal"))
    assert "posture" not in form.values_mm()


def test_a_figure_set_back_to_normal_after_a_garment_switch_is_not_kept(window, qtbot) -> None:
    """The form answers for its figure: "normal" on screen is normal in the session, even when
    another garment's form carried the old choice."""
    from PySide6.QtWidgets import QComboBox

    def posture():
        return window.measurements.figure.findChild(QComboBox, "figure_posture")

    posture().setCurrentIndex(posture().findText("stooped (+1.0 cm)"))
    window.garment.setCurrentIndex(window.garment.findData("mens_trousers"))
    assert window.all_measurements()["posture"] == 10.0  # kept while the trousers are shown
    window.garment.setCurrentIndex(window.garment.findData("mens_shirt"))
    assert posture().currentText() == "stooped (+1.0 cm)"
    posture().setCurrentIndex(posture().findText("normal"))
    assert "posture" not in window.all_measurements()
    _ctrl(qtbot, window.measurements.fields["chest"], Qt.Key.Key_Return)
    order = _orders(window)[-1]
    assert "posture" not in window.store.measurement_session(order.session_id).values
    assert "normal figure" in _ticket_text(order)
