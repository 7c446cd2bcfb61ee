"""The cut ticket: the paper that travels with an order through the cutting room.

It says what to cut and from what: order (with a QR code of the order reference and trace),
customer reference, garment, block and version, the measurements (estimated ones marked), the
style options, fabric, a table of pieces with quantity, mirror and material, a small picture
of all pieces, date and notes.
"""

from __future__ import annotations

import io
from datetime import date

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from mtm_app.drafting import Draft
from mtm_app.export.labels import JobInfo, cut_text
from mtm_app.export.layout import shelf_layout
from mtm_app.measurements.catalogue import label

MM = 72 / 25.4


def _qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(text)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def cut_ticket_pdf(result: Draft, job: JobInfo, customer: str = "", fabric: str = "",
                   notes: str = "") -> bytes:
    """One A4 page; every figure comes from the draft, so it matches the cut files."""
    w, h = A4
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setTitle(f"Cut ticket {job.order}")
    c.setSubject(f"trace {job.trace}")
    left, y = 15 * MM, h - 18 * MM
    c.setFont("Helvetica-Bold", 16)
    c.drawString(left, y, f"Cut ticket — order {job.order}")
    _qr(c, f"{job.order} {job.trace}", w - 45 * MM, h - 45 * MM, 30 * MM)
    c.setFont("Helvetica", 9)
    block = result.block
    facts = [
        ("Customer", customer or "—"), ("Garment", f"{block.name} ({block.garment})"),
        ("Block", f"{block.id} v{block.version}"), ("Size", job.size),
        ("Fabric", fabric or "—"), ("Date", date.today().isoformat()), ("Trace", job.trace),
    ]
    y -= 8 * MM
    for key, value in facts:
        c.setFont("Helvetica-Bold", 9)
        c.drawString(left, y, f"{key}:")
        c.setFont("Helvetica", 9)
        c.drawString(left + 22 * MM, y, value)
        y -= 5 * MM
    measured = [
        f"{label(n)}: {mm / 10:.1f}" + (" *" if n in job.estimated else " †" if n in result.derived else "")
        for n, mm in result.measurements.items()
    ]
    y = _section(c, "Measurements (cm)  * estimated, † derived by the block", measured, left, y)
    opts = [f"{block.options[n].label}: {_option_text(v)}" for n, v in result.options.items()
            if block.options[n].type in ("choice", "boolean")]
    y = _section(c, "Style options", opts, left, y)
    y = _section(c, "Pieces", [], left, y)
    c.setFont("Helvetica-Bold", 8)
    for x, head in ((0, "Piece"), (70, "Cut"), (115, "Material"), (145, "Mirror")):
        c.drawString(left + x * MM, y, head)
    c.setFont("Helvetica", 8)
    for piece in result.pieces:
        y -= 4.5 * MM
        c.drawString(left, y, piece.name)
        c.drawString(left + 70 * MM, y, cut_text(piece))
        c.drawString(left + 115 * MM, y, piece.material)
        c.drawString(left + 145 * MM, y, "pair" if piece.mirror else "—")
    if notes:
        y -= 8 * MM
        c.setFont("Helvetica-Bold", 9)
        c.drawString(left, y, "Notes:")
        c.setFont("Helvetica", 9)
        c.drawString(left + 14 * MM, y, notes)
    _picture(c, result, left, 15 * MM, w - 30 * MM, max(30 * MM, y - 25 * MM))
    c.showPage()
    c.save()
    return buf.getvalue()


def _option_text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def _section(c: Canvas, title: str, items: list[str], left: float, y: float, n: int = 3) -> float:
    """A heading and its items in `n` columns; returns where the next thing goes."""
    y -= 3 * MM
    c.setFont("Helvetica-Bold", 10)
    c.drawString(left, y, title)
    y -= 5 * MM
    c.setFont("Helvetica", 8)
    for i, text in enumerate(items):
        c.drawString(left + (i % n) * 60 * MM, y - (i // n) * 4 * MM, text)
    return y - ((len(items) + n - 1) // n) * 4 * MM


def _picture(c: Canvas, result: Draft, x: float, y: float, width: float, height: float) -> None:
    """All pieces, scaled to fit the box (the only drawing on the ticket not at 1:1)."""
    placements, sheet_w, sheet_h = shelf_layout(result.pieces, 1500.0)
    scale = min(width / sheet_w, height / sheet_h)
    c.setLineWidth(0.4)
    c.setStrokeColorRGB(0.2, 0.2, 0.2)
    for pl in placements:
        p = c.beginPath()
        for i, (px, py) in enumerate(pl.piece.cut_line):
            sx, sy = x + (px + pl.dx) * scale, y + height - (py + pl.dy) * scale
            p.moveTo(sx, sy) if i == 0 else p.lineTo(sx, sy)
        p.close()
        c.drawPath(p)
    c.setFont("Helvetica", 7)
    c.drawString(x, y - 10, f"All pieces, not to scale ({scale * 25.4 / 72 * 100:.1f} % of 1:1)")
