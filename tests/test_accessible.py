"""The window for people who work from the keyboard or with a screen reader: the tailor's whole
flow without a mouse, every input named, focus visible, text and marks legible in light and dark."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from mtm_app.ui import colours
from mtm_app.ui.marker_dialog import MarkerDialog
from tests.conftest import MEDIAN_MAN

INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QAbstractItemView)


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if (not widget.isVisible() or not isinstance(widget, INPUTS) or isinstance(widget, QHeaderView)
                or isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__}({widget.objectName()})")
    return missing


def test_every_input_has_a_name_a_screen_reader_reads(window) -> None:
    missing = []
    for key in window.pages.pages:
        window.pages.show_page(key)
        QApplication.processEvents()
        missing += [f"{key}: {m}" for m in _unnamed(window)]
    window.customers.new_customer()
    for dialog in (window.customers.dialog, MarkerDialog("poplin 150 cm", window)):
        dialog.show()
        missing += [f"{dialog.windowTitle()}: {m}" for m in _unnamed(dialog)]
        dialog.close()
    assert not missing, "\n".join(missing)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the keyboard gives it: to whichever widget has the focus."""
    qtbot.keyClick(_focus(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def test_the_tailors_flow_from_the_keyboard_alone(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    orders_before = len(window.store.search())
    # a new customer: Ctrl+N, the name, Tab to consent, Space, Return
    _press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.customers.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isAncestorOf(_focus()))
    _type(qtbot, "Lena Okafor")
    while _focus() is not dialog.consent:
        _press(qtbot, Qt.Key.Key_Tab)
    _press(qtbot, Qt.Key.Key_Space)
    _press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.customer_name == "Lena Okafor")
    assert len(window.store.search()) == orders_before + 1
    # measure: a new customer lands in the first field (so does Ctrl+2); Tab walks the form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert window.pages.current() == "measure"
    _press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    fields = window.measurements.fields
    first = next(iter(fields.values()))
    assert _focus() in (first, first.lineEdit())
    typed = 0
    for _ in range(len(fields) + 5):
        name = next((n for n, box in fields.items() if box.isAncestorOf(_focus()) or box is _focus()),
                    None)
        if name is None:
            break
        if name in MEDIAN_MAN:
            _press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            _type(qtbot, f"{MEDIAN_MAN[name] / 10:g}")
            typed += 1
        _press(qtbot, Qt.Key.Key_Tab)
    assert typed == len(MEDIAN_MAN.keys() & fields.keys())
    assert window.last_draft is not None and window.last_draft.ok
    # style: Ctrl+3 lands on the first option; the arrow keys choose
    _press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.current() == "style"
    fit = window.options.widgets["fit"]
    assert _focus() is fit
    before = fit.currentText()
    _press(qtbot, Qt.Key.Key_Down)
    assert fit.currentText() != before and window.last_draft.ok
    # order: Ctrl+4 lands on the fabric; Ctrl+Return confirms
    _press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert _focus() is window.order_panel.fabric
    _type(qtbot, "poplin 150 cm")
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    customer = window.store.customer(window.customer_id)
    assert [o.garments[0].fabric for o in customer.orders] == ["poplin 150 cm"]
    chosen = window.options.value("fit")
    assert chosen != "regular" and customer.orders[0].garments[0].options["fit"] == chosen


def _dark_palette() -> QPalette:
    """A system dark mode as GNOME or KDE give it."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#353535"), (QPalette.ColorRole.Base, "#2a2a2a"),
                         (QPalette.ColorRole.AlternateBase, "#303030"),
                         (QPalette.ColorRole.WindowText, "#ffffff"), (QPalette.ColorRole.Text, "#ffffff"),
                         (QPalette.ColorRole.Button, "#353535"), (QPalette.ColorRole.ButtonText, "#ffffff"),
                         (QPalette.ColorRole.Highlight, "#3584e4"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_signal_colours_keep_their_contrast_in_light_and_dark(dark) -> None:
    palette = _dark_palette() if dark else QApplication.style().standardPalette()
    assert colours.is_dark(palette) is dark
    grounds = [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]
    for role in colours.TEXT:
        for ground in grounds:
            ratio = colours.contrast(colours.text(role, palette), ground)
            assert ratio >= 4.5, f"{role} on {ground.name()}: {ratio:.2f}"
    for state, looks in colours.FIELD.items():
        background, foreground = looks[dark]
        ratio = colours.contrast(QColor(foreground), QColor(background))
        assert ratio >= 4.5, f"{state} field: {ratio:.2f}"


def test_the_window_follows_the_system_going_dark(window, qapp) -> None:
    light = qapp.palette()
    neck = window.measurements.fields["neck"]
    try:
        qapp.setPalette(_dark_palette())
        QApplication.processEvents()
        neck.setValue(520.0)  # a likely typo: a warning, amber
        assert colours.FIELD["warning"][1][0] in neck.styleSheet()
        first = window.checks.topLevelItem(0).child(0)
        assert first.foreground(0).color().name() in {c[1] for c in colours.TEXT.values()}
        assert colours.TEXT["ok"][1] in window.banner.styleSheet()
    finally:
        qapp.setPalette(light)
    QApplication.processEvents()
    assert colours.TEXT["ok"][0] in window.banner.styleSheet()  # back to light with the system


def _differing_pixels(a, b) -> int:
    ia, ib = a.toImage(), b.toImage()
    return sum(ia.pixel(x, y) != ib.pixel(x, y)
               for x in range(0, min(ia.width(), ib.width()))
               for y in range(0, min(ia.height(), ib.height())))


def test_the_focus_is_visible_on_every_kind_of_input(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    window.pages.show_page("order")
    panel = window.order_panel
    for widget in (window.measured_by, panel.fabric, panel.quantity, panel.confirm_button,
                   window.garment):
        window.pages.sidebar.setFocus()
        QApplication.processEvents()
        before = widget.grab()
        widget.setFocus()  # then there and back by the keyboard, as a person tabs to it
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        assert widget.hasFocus() or widget.isAncestorOf(QApplication.focusWidget())
        QApplication.processEvents()
        after = widget.grab()
        assert _differing_pixels(before, after) >= 2 * widget.width(), (
            f"{widget.objectName()}: the focus does not show")


def test_every_dialog_has_its_buttons_and_escape_closes_it(window, qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    page = window.customer_page
    window.customers.new_customer()
    page.compare_selected()
    for dialog in (window.customers.dialog, MarkerDialog("poplin 150 cm", window),
                   page.compare_window):
        dialog.show()
        QApplication.processEvents()
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None and buttons.isVisible(), dialog.windowTitle()
        roles = {buttons.buttonRole(b) for b in buttons.buttons()}
        assert roles & {QDialogButtonBox.ButtonRole.RejectRole}, dialog.windowTitle()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: d.isActiveWindow())
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible(), f"{dialog.windowTitle()} stays open on Escape"
