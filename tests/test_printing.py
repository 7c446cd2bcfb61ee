"""Printing through Qt's print system at 100 %: a tiled pattern and a cut ticket printed to a
PDF printer come back with every page at its own size and the test square where it was."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrinter

from mtm_app.drafting import draft
from mtm_app.errors import MtmError
from mtm_app.export.files import FileSettings, write_order_files
from mtm_app.export.labels import JobInfo
from mtm_app.ui.printing import page_dpi, print_pdf
from tests.conftest import MEDIAN_MAN


@pytest.fixture(scope="module")
def order_pdfs(tmp_path_factory, shirt):
    out = tmp_path_factory.mktemp("order")
    result = draft(shirt, MEDIAN_MAN)
    job = JobInfo(shirt.id, shirt.version, order="P-1", trace="0" * 12)
    return {p.suffixes[0]: p for p in write_order_files(result, job, ["pdf-tiled", "cut-ticket"], out,
                                                           FileSettings(customer="Ann Baker"))}


def _grey(path, page: int) -> np.ndarray:
    """A page drawn at 72 dpi, grey levels."""
    bitmap = pdfium.PdfDocument(str(path))[page].render(scale=1, grayscale=True)
    return bitmap.to_numpy().astype(float).squeeze()


@pytest.mark.parametrize("kind", [".tiled", ".ticket"])
def test_a_printed_pdf_keeps_every_page_at_its_size_and_scale(qapp, order_pdfs, tmp_path, kind) -> None:
    source = order_pdfs[kind]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = print_pdf(source, printer)
    original, printed = pdfium.PdfDocument(str(source)), pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    assert pages == len(original) == len(printed) > 0
    for k in range(len(original)):
        assert printed[k].get_size() == pytest.approx(original[k].get_size(), abs=0.5)
    for k in {0, len(original) - 1}:
        a, b = _grey(source, k), _grey(tmp_path / "printed.pdf", k)
        h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])  # ±1 px of rounding
        # the same marks in the same places: 0.92 here; the same page at 99 % gives 0.29, moved
        # 1 mm (3 px) 0.45
        assert np.corrcoef(a[:h, :w].ravel(), b[:h, :w].ravel())[0, 1] > 0.8


def test_a_roll_page_is_drawn_within_memory() -> None:
    assert page_dpi(595, 842, 1200) == 300  # A4 at the printer's best: capped at 300 dpi
    roll = page_dpi(36 * 72, 3000 / 25.4 * 72, 600)  # a 36 in roll, 3 m long
    assert 70 < roll < 80  # coarse, still within memory: a plotter takes the HP-GL file


def test_a_file_that_is_not_a_pdf_is_said_plainly(qapp, tmp_path) -> None:
    bad = tmp_path / "ticket.pdf"
    bad.write_bytes(b"not a pdf")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    with pytest.raises(MtmError, match=r"ticket\.pdf cannot be read as a PDF"):
        print_pdf(bad, printer)


def test_the_order_page_prints_the_selected_orders_ticket(qtbot, tmp_path, monkeypatch) -> None:
    from mtm_app.store import open_store
    from mtm_app.ui.app import build_window

    window = build_window(open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}"))
    qtbot.addWidget(window)
    window.confirm_order()
    history = window.order_panel.history
    history.setCurrentItem(history.topLevelItem(0))
    sent = {}

    def to_pdf_printer(path, parent, preview=False):  # the dialog's choice: a PDF printer
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        sent["file"] = path.name
        return print_pdf(path, printer)

    monkeypatch.setattr("mtm_app.ui.order_actions.print_with_dialog", to_pdf_printer)
    menu = window.order_panel.print_button.menu()
    next(a for a in menu.actions() if a.text() == "Cut ticket…").trigger()
    reference = history.topLevelItem(0).text(0)
    assert sent["file"] == f"{reference}.ticket.pdf"
    assert len(pdfium.PdfDocument(str(tmp_path / "printed.pdf"))) >= 1
    assert "page(s) sent to the printer" in window.statusBar().currentMessage()


def test_a_preview_closed_without_printing_prints_nothing(qtbot, order_pdfs) -> None:
    """The preview paints the ticket to show it; closing it sends nothing to the printer, and
    the tailor is not told that pages were sent."""
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from PySide6.QtWidgets import QApplication, QWidget

    from mtm_app.ui.printing import print_with_dialog

    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog))
        dialog.reject()

    QTimer.singleShot(500, close)
    assert print_with_dialog(order_pdfs[".ticket"], parent, preview=True) == 0
    assert seen == [QPrintPreviewDialog]
