"""Printing the files the core wrote (cut tickets, tiled pattern pages, marker sections)
through the system's printers, at 100 %.

Qt cannot print a PDF file itself, so each page is drawn by PDFium (pypdfium2) at the
printer's resolution — capped so a roll-sized sheet stays within memory — onto a printer page
of exactly the PDF page's size, with no margins and no fitting: the test square on a tiled
page measures what it says."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from mtm_app.errors import MtmError

MAX_DPI = 300  # beyond this a printed line gains nothing visible
MAX_PIXELS = 25_000_000  # one page's image (100 MB): a 36 in × 3 m roll sheet drops to 77 dpi


def page_dpi(width_pt: float, height_pt: float, printer_dpi: int) -> float:
    """The resolution a page is drawn at: the printer's, at most MAX_DPI and MAX_PIXELS."""
    inches = (width_pt / 72) * (height_pt / 72)
    return min(float(printer_dpi), MAX_DPI, math.sqrt(MAX_PIXELS / inches))


def print_pdf(path: Path, printer: QPrinter,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Every page of the PDF at `path` onto `printer`, each at its own size; the pages printed."""
    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise MtmError(
            QCoreApplication.translate("Printing", "{file} cannot be read as a PDF ({reason})").format(
                file=path.name, reason=exc),
            hint=QCoreApplication.translate("Printing", "write the order's files again, then print"),
        ) from None
    painter = QPainter()
    try:
        printer.setFullPage(True)  # the page's own coordinates, no printer margins added
        pages = len(document)
        for k in range(pages):
            page = document[k]
            width_pt, height_pt = page.get_size()
            printer.setPageLayout(QPageLayout(
                QPageSize(QSizeF(width_pt, height_pt), QPageSize.Unit.Point),
                QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
            if k == 0:
                if not painter.begin(printer):
                    raise MtmError(
                        QCoreApplication.translate("Printing", "the printer '{printer}' cannot start a job")
                        .format(printer=printer.printerName() or printer.outputFileName()),
                        hint=QCoreApplication.translate("Printing", "check the printer, then try again"))
            else:
                printer.newPage()
            dpi = page_dpi(width_pt, height_pt, printer.resolution())
            bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB32).copy()  # BGRx is RGB32; own the pixels
            scale = printer.resolution() / 72  # device pixels per point
            painter.drawImage(QRectF(0, 0, width_pt * scale, height_pt * scale), image)
            if progress:
                progress(k + 1, pages)
        return pages
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def print_with_dialog(path: Path, parent: QWidget, preview: bool = False) -> int:
    """The system's print dialog (or a preview first) for one PDF; the pages printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.name)
    if preview:
        dialog = QPrintPreviewDialog(printer, parent)
        printed: list[int] = []
        dialog.paintRequested.connect(lambda p: printed.append(print_pdf(path, p)))
        # the preview paints the pages to show them; only its Print button, which prints them
        # once more and accepts the dialog, sends anything to the printer
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return printed[-1] if accepted and printed else 0
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return print_pdf(path, printer)
