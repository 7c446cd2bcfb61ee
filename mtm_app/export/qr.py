"""A QR code drawn on a ReportLab canvas at a given size: what the cutting room's scanners read
(on the cut ticket: the order and its trace; on a bundle label: the order and the piece)."""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """`text` as a square QR code `size` points wide with its lower left corner at (x, y)."""
    widget = QrCodeWidget(text)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)
