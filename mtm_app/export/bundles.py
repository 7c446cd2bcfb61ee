"""Bundle labels: one small label per piece to cut, stuck on its stack so the sewing room knows
whose piece it is without the pattern. Each says the order, the piece, the size, the count
and the material, with a QR code of order and piece for the scanner.

Two stocks: an A4 sheet of 24 labels (3 × 8, 70 × 37 mm, the common office label sheet) and a
roll label printer's 62 × 29 mm labels, one per page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from mtm_app.drafting import Draft
from mtm_app.export import fonts
from mtm_app.export.labels import JobInfo, cut_text, size_text
from mtm_app.export.qr import draw_qr
from mtm_app.i18n import _, block_text
from mtm_app.library import garment_name

MM = 72 / 25.4


@dataclass(frozen=True)
class LabelStock:
    """A label's size and how labels sit on a page."""

    width: float  # pt
    height: float
    page: tuple[float, float]  # pt
    columns: int = 1
    rows: int = 1
    left: float = 0.0  # the first label's lower left corner from the page's, pt
    bottom: float = 0.0


STOCKS = {
    # 70 × 37.125 mm, 3 × 8 on A4 with no margins between (Avery 3474 and its kind)
    "a4": LabelStock(70 * MM, 37.125 * MM, A4, 3, 8, 0.0, 0.0),
    "roll": LabelStock(62 * MM, 29 * MM, (62 * MM, 29 * MM)),  # Brother DK-11209 and alike
}
PAD = 2.5 * MM


def bundle_labels_pdf(result: Draft, job: JobInfo, stock: str = "a4") -> bytes:
    """A label for every piece of the order (each piece once, its count printed on it)."""
    s = STOCKS[stock]
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=s.page)
    c.setTitle(_("Bundle labels {order}").format(order=job.order))
    per_page = s.columns * s.rows
    for k, piece in enumerate(result.pieces):
        if k and k % per_page == 0:
            c.showPage()
        slot = k % per_page
        column, row = slot % s.columns, slot // s.columns
        x = s.left + column * s.width
        y = s.bottom + (s.rows - 1 - row) * s.height  # top row first, as the sheet is read
        _label(c, x, y, s, piece, job)
    c.showPage()
    c.save()
    return buf.getvalue()


def _label(c: Canvas, x: float, y: float, s: LabelStock, piece, job: JobInfo) -> None:
    qr = s.height - 2 * PAD
    draw_qr(c, f"{job.order} {piece.id}", x + s.width - PAD - qr, y + PAD, qr)
    room = s.width - 3 * PAD - qr
    top = y + s.height - PAD
    top = fonts.draw_wrapped(c, x + PAD, top, job.order or job.block_id, 8, room, bold=True)
    top = fonts.draw_wrapped(c, x + PAD, top - 1, block_text(piece.name), 7.5, room, bold=True)
    lines = [f"{cut_text(piece, job.garments)} · {block_text(piece.material)}",
             _("size {size}").format(size=size_text(job.size)),
             f"{block_text(garment_name(job.block_id))} v{job.block_version}"]
    for line in lines:
        if top - 7 < y + PAD:
            break  # a very long piece name: the QR code still says it all
        top = fonts.draw_wrapped(c, x + PAD, top - 1, line, 6.5, room)
