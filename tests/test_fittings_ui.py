"""The Fittings area driven through its real widgets: a fitting recorded on the Style and fit
page redrafts the garment with it, the checks list it, withdrawing is one Ctrl+Z away from
coming back, and a confirmed order keeps it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from mtm_app.store import open_store
from mtm_app.store.fittings import fittings_of
from mtm_app.ui.app import build_window


@pytest.fixture
def window(qtbot, tmp_path):
    w = build_window(open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}"))
    qtbot.addWidget(w)
    w.show()
    w.pages.show_page("style")
    w.measurements.unit_box.setCurrentText("cm")
    return w


def _record(qtbot, window, place: str, amount: str, note: str = "") -> None:
    panel = window.fittings
    panel.place.setCurrentIndex(panel.place.findText(place))
    panel.amount.setFocus()
    panel.amount.selectAll()
    qtbot.keyClicks(panel.amount.lineEdit(), amount)
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    panel.note.setText(note)
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)


def _fit(window, name: str) -> float:
    return next(f.measured for f in window.last_draft.fits if f.name == name)


def _checks(window, group: str) -> list[str]:
    tops = [window.checks.topLevelItem(i) for i in range(window.checks.topLevelItemCount())]
    top = next((t for t in tops if t.text(0) == group), None)
    return [] if top is None else [top.child(i).text(0) for i in range(top.childCount())]


def test_a_fitting_redrafts_shows_in_the_checks_and_withdraws_undoably(window, qtbot) -> None:
    panel = window.fittings
    assert panel.isEnabled() and panel.place.count() == len(window.block.alterations)
    sleeve = window.last_draft.piece("sleeve").height
    waist = _fit(window, "waist")
    _record(qtbot, window, "Sleeve length", "-1", "cuff on the thumb")
    assert window.last_draft.piece("sleeve").height == pytest.approx(sleeve - 10)
    today = date.today().isoformat()
    assert _checks(window, "Personal alterations") == [
        f"✓ Sleeve length −1.0 cm (fitting {today})"]
    assert panel.history.topLevelItemCount() == 1
    assert "Sleeve length −1.0 cm (cuff on the thumb)" in panel.history.topLevelItem(0).text(1)
    _record(qtbot, window, "Waist", "-2")
    assert _fit(window, "waist") == pytest.approx(waist - 20, abs=0.01)
    assert window.last_draft.ok
    # withdraw the sleeve fitting (the older one, listed last): the sleeve comes back
    panel.history.setCurrentItem(panel.history.topLevelItem(1))
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert window.last_draft.piece("sleeve").height == pytest.approx(sleeve)
    assert "withdrawn" in panel.history.topLevelItem(1).text(0)
    assert _fit(window, "waist") == pytest.approx(waist - 20, abs=0.01)
    window.undo()  # Ctrl+Z puts it back
    assert window.last_draft.piece("sleeve").height == pytest.approx(sleeve - 10)
    assert "withdrawn" not in panel.history.topLevelItem(1).text(0)
    window.redo()
    assert window.last_draft.piece("sleeve").height == pytest.approx(sleeve)


def test_a_refused_fitting_says_why_and_another_garment_has_its_own(window, qtbot) -> None:
    panel = window.fittings
    _record(qtbot, window, "Waist", "0")
    assert "an alteration of 0 cm is nothing" in panel.message.text()
    assert panel.history.topLevelItemCount() == 0
    _record(qtbot, window, "Waist", "-2")
    window.garment.setCurrentIndex(window.garment.findData("mens_trousers"))
    assert panel.history.topLevelItemCount() == 0 and not window.last_draft.alterations
    assert panel.place.findText("Leg length") >= 0
    window.garment.setCurrentIndex(window.garment.findData("mens_shirt"))
    assert [a.place for a in window.last_draft.alterations] == ["waist"]


def test_a_chosen_ease_replaces_the_alteration_and_the_checks_say_so(window, qtbot) -> None:
    _record(qtbot, window, "Waist", "-2")
    window.options.set_value("waist_ease", 250.0)
    assert window.last_draft.options["waist_ease"] == 250.0
    [row] = _checks(window, "Personal alterations")
    assert row.startswith("⚠ Waist −2.0 cm")


def test_a_confirmed_order_keeps_the_alterations_and_a_fitting_names_its_order(
        window, qtbot) -> None:
    _record(qtbot, window, "Sleeve length", "-1")
    window.confirm_order()
    order = window.store.customer(window.customer_id).orders[-1]
    assert [a["place"] for a in order.garments[0].alterations] == ["sleeve_length"]
    assert order.garments[0].options["sleeve_adjust"] == -10
    window.pages.show_page("order")
    window.pages.show_page("style")  # back from the Order page: the new order is offered
    panel = window.fittings
    panel.after_order.setCurrentIndex(panel.after_order.findData(order.id))
    assert order.reference in panel.after_order.currentText()
    _record(qtbot, window, "Waist", "-2")
    fittings = fittings_of(window.store, window.customer_id)
    assert [f.order_id for f in fittings] == [None, order.id]


def test_a_fitting_of_one_side_cuts_that_side_alone(window, qtbot) -> None:
    """The left sleeve was long at the try-on, the right one right: the next shirt has a left
    and a right sleeve, only the left one shorter, and the order keeps it so."""
    panel = window.fittings
    sleeve = window.last_draft.piece("sleeve").height
    panel.side.setCurrentIndex(panel.side.findData("left"))
    _record(qtbot, window, "Sleeve length", "-1.5")
    result = window.last_draft
    assert result.ok, result.failures()
    assert result.piece("sleeve_left").height == pytest.approx(sleeve - 15)
    assert result.piece("sleeve_right").height == pytest.approx(sleeve)
    assert _checks(window, "Personal alterations")[0].startswith("✓ Sleeve length (left) −1.5 cm")
    assert "Sleeve length (left) −1.5 cm" in panel.history.topLevelItem(0).text(1)
    assert panel.side.currentData() == ""  # the next fitting starts on both sides
    [fitting] = fittings_of(window.store, window.customer_id, "mens_shirt")
    assert [(a.place, a.amount_mm) for a in fitting.alterations] == [("sleeve_length_left", -15.0)]
