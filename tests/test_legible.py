"""Every page, at a laptop's and a desktop's screen size, shows its texts whole — in the states a
tailor meets: a measured customer with orders, a new customer with nothing measured, a form
with an error, every garment, and the dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from mtm_app.library import all_blocks
from mtm_app.ui.marker_dialog import MarkerDialog
from tests.clipping import clipped_on_every_page, clipped_texts

SIZES = [(1366, 768), (1920, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_measured_customer_with_orders(window, size) -> None:
    window.confirm_order()
    window.options.set_value("fit", "slim")
    window.confirm_order()  # two orders: their references must not look alike
    assert window.order_panel.history.topLevelItemCount() == 3  # and the demo order
    window.resize(*size)
    assert not (problems := clipped_on_every_page(window)), "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_new_customer_and_a_form_with_an_error(window, size) -> None:
    window.resize(*size)
    customer = window.store.create_customer("Anne-Catherine Delacroix-Beaumarchais")
    window.open_customer(customer.id)
    assert not (problems := clipped_on_every_page(window)), "\n".join(problems)
    window.open_customer(window.store.search("daniel")[0].id)
    window.measurements.fields["chest"].setValue(400.0)  # inches typed as cm: a long message
    assert not (problems := clipped_on_every_page(window)), "\n".join(problems)


@pytest.mark.parametrize("garment", [b.id for b in all_blocks()])
def test_every_garment_at_the_laptop_size(window, garment) -> None:
    window.resize(*SIZES[0])
    window.garment.setCurrentIndex(window.garment.findData(garment))
    assert not (problems := clipped_on_every_page(window)), "\n".join(problems)


def test_the_dialogs(window, qtbot) -> None:
    window.customers.new_customer()
    dialogs: list[QDialog] = [window.customers.dialog, MarkerDialog("poplin 150 cm", window)]
    page = window.customer_page
    window.measurements.fields["waist"].setValue(950.0)
    window.keep_unsaved()
    window.open_customer(window.store.search("sarah")[0].id)
    window.open_customer(window.store.search("daniel")[0].id)
    page.sessions.selectAll()
    page.compare_selected()
    dialogs.append(page.compare_window)
    problems = []
    for dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        problems += [f"{dialog.windowTitle()}: {p}" for p in clipped_texts(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_the_clipping_check_catches_what_a_person_could_not_read(qtbot) -> None:
    from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    form = QFormLayout(box)
    label, combo = QLabel("Sleeve length from centre back"), QComboBox()
    combo.addItems(["regular fit with extra room"])
    edit, button = QLineEdit("Anne-Catherine Delacroix-Beaumarchais"), QPushButton("Write again")
    for widget in (label, combo, edit, button):
        widget.setFixedWidth(40)
        form.addRow(widget)
    box.show()
    QApplication.processEvents()
    found = "\n".join(clipped_texts(box))
    assert all(name in found for name in ("QLabel", "QComboBox", "QLineEdit", "QPushButton")), found
    for widget in (label, combo, edit, button):
        widget.setFixedWidth(400)
    QApplication.processEvents()
    assert clipped_texts(box) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_out_of_date_banner_is_read_whole(window, size) -> None:
    from PySide6.QtGui import QFontMetrics

    window.resize(*size)
    window.pages.show_page("measure")
    window.measurements.fields["chest"].setValue(400.0)  # an error: the pattern is out of date
    QApplication.processEvents()
    view = window.preview
    assert view.out_of_date
    text, font, box = view.out_of_date_banner()
    metrics = QFontMetrics(font)
    lines = metrics.boundingRect(box.adjusted(8, 0, -8, 0), 0x1000, text)  # Qt.TextWordWrap
    assert lines.width() <= box.width() - 16 and lines.height() <= box.height()
    assert box.width() == view.viewport().width()
    shot = view.viewport().grab().toImage()
    assert shot.pixelColor(2, box.height() - 3).name() == view.colours.banner  # painted as big
