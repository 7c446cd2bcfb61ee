"""The cut ticket: the paper that travels with an order through the cutting room.

It says what to cut and from what: order (with a QR code of the order reference and trace),
customer, how many garments, garment, block and version, the order's date, when it is due and
who measured, the measurements (estimated ones marked), the style options, fabric, a table of
pieces with the count for the whole order, mirror and material, notes, and a small picture of
all pieces. ReportLab lays it out (platypus), so long names, fabrics and notes wrap and carry on
to a second page instead of running off the paper or under the QR code.

It is written in the language spoken when it is made: the order's (`speaking(order.language)`
around the writing); numbers with that language's decimal mark, dates as its cutting rooms
write them (mtm_app.i18n).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table

from mtm_app.consumption import estimated_metres, width_in_words
from mtm_app.drafting import Draft
from mtm_app.export import fonts
from mtm_app.export.labels import JobInfo, cut_text, garments_text, size_text
from mtm_app.export.layout import shelf_layout
from mtm_app.export.qr import draw_qr
from mtm_app.i18n import _, block_text, choice_text, date_text, number
from mtm_app.measurements.catalogue import catalogue, figuration_text, is_figuration, label
from mtm_app.measurements.units import change_unit, show_change, show_length

MM = 72 / 25.4
PAGE_W, PAGE_H = A4
EDGE = 15 * MM  # paper kept blank all round
QR_SIZE = 30 * MM
QR_BOX = (PAGE_W - EDGE - QR_SIZE, PAGE_H - EDGE - QR_SIZE, PAGE_W - EDGE, PAGE_H - EDGE)
CONTENT_W = PAGE_W - 2 * EDGE


@dataclass(frozen=True)
class TicketFacts:
    """What the order says beyond the draft: who it is for, the cloth, notes, dates, measurer."""

    customer: str = ""
    fabric: str = ""
    notes: str = ""
    order_date: str = ""  # ISO date the order was confirmed
    due_date: str = ""
    measured_by: str = ""
    unit: str = "cm"  # the customer's unit: personal alterations are written in it
    fabric_width_mm: float = 0.0  # the catalogue's; 0: what the fabric's words say, if anything


def cut_ticket_pdf(result: Draft, job: JobInfo, facts: TicketFacts = TicketFacts()) -> bytes:
    """A4, one page unless the notes need more; every figure comes from the draft, so it
    matches the cut files, and every count is for the order's `job.garments`."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=EDGE, rightMargin=EDGE, topMargin=EDGE,
                            bottomMargin=EDGE + 6 * MM, title=_("Cut ticket {order}").format(order=job.order),
                            subject=_("trace {trace}").format(trace=job.trace), author="MTM Studio")

    def first(c: Canvas, _doc) -> None:
        draw_qr(c, f"{job.order} {job.trace}", QR_BOX[0], QR_BOX[1], QR_SIZE)
        _footer(c, job, 1)

    def later(c: Canvas, d) -> None:
        _footer(c, job, d.page)

    doc.build(_story(result, job, facts), onFirstPage=first, onLaterPages=later)
    return buf.getvalue()


def _footer(c: Canvas, job: JobInfo, page: int) -> None:
    fonts.draw_wrapped(c, EDGE, EDGE + 4 * MM, _("Cut ticket {order} · trace {trace} · page {page}").format(
                       order=job.order, trace=job.trace, page=page), 7, CONTENT_W)


def _needed(result: Draft, job: JobInfo, facts: TicketFacts) -> str:
    """The self fabric the order likely takes, before a marker says exactly ('' if the width
    is not known)."""
    width = facts.fabric_width_mm or width_in_words(facts.fabric)
    if not width:
        return ""
    metres = estimated_metres(result.pieces, width, job.garments)
    return _("about {metres} m of {width} cm (estimate from the pieces; the marker gives the "
             "length)").format(metres=number(metres, 2), width=number(width / 10))


def _story(result: Draft, job: JobInfo, facts: TicketFacts) -> list[Flowable]:
    block = result.block
    garments = garments_text(job.garments)
    rows = [(_("Customer"), facts.customer), (_("Quantity"), garments),
            (_("Garment"), f"{block_text(block.name)} ({block_text(block.garment)})"),
            (_("Block"), f"{block.id} v{block.version}"), (_("Size"), size_text(job.size)),
            (_("Fabric"), facts.fabric), (_("Fabric needed"), _needed(result, job, facts)),
            (_("Order date"), date_text(facts.order_date)),
            (_("Due date"), date_text(facts.due_date)), (_("Measured by"), facts.measured_by),
            (_("Trace"), job.trace)]
    # beside the QR code: narrower than the page by the code and a gap
    title = _("Cut ticket — order {order}").format(order=job.order)
    keys = [_("{field}:").format(field=k) for k, _v in rows]
    key_w = min(max(fonts.width(k, 9, bold=True) for k in keys) + 5, 45 * MM)  # the longest key, unwrapped
    head = Table([[fonts.paragraph(title, 16, bold=True), ""]]
                 + [[fonts.paragraph(k, 9, bold=True), fonts.paragraph(v or "—", 9)]
                    for k, (_k, v) in zip(keys, rows, strict=True)],
                 colWidths=[key_w, CONTENT_W - QR_SIZE - 10 * MM - key_w], hAlign="LEFT",
                 style=[*_GRID, ("SPAN", (0, 0), (1, 0)), ("BOTTOMPADDING", (0, 0), (1, 0), 6)])
    unit = change_unit(facts.unit)  # the customer's: inches for an inch customer, else cm
    measured = [_said(label(n), _tape(mm, unit)) + (" *" if n in job.estimated else " †"
                                                   if n in result.derived else "")
                for n, mm in result.measurements.items() if not is_figuration(n)]
    figure = [_said(label(n), f"{figuration_text(catalogue()[n].base or n, mm)} ({show_change(mm, unit)})")
              for n, mm in result.measurements.items() if is_figuration(n) and mm]
    opts = [_said(block_text(block.options[n].label), choice_text(v)) for n, v in result.options.items()
            if block.options[n].type in ("choice", "boolean")]
    heads = (_("Piece"), _("Cut"), _("Material"), _("Mirror"))
    pieces = Table([[fonts.paragraph(t, 8, bold=True) for t in heads]]
                   + [[fonts.paragraph(t, 8) for t in (block_text(p.name), cut_text(p, job.garments),
                                                        block_text(p.material),
                                                        _("pair") if p.mirror else "—")]
                      for p in result.pieces],
                   colWidths=[70 * MM, 45 * MM, 30 * MM, CONTENT_W - 145 * MM], hAlign="LEFT",
                   repeatRows=1, style=_GRID)
    story: list[Flowable] = [head]
    story += _section(_("Measurements ({unit})  * estimated, † derived by the block").format(unit=unit),
                      _columns(measured))
    if result.block.figuration:
        story += _section(_("Figuration"),
                          _columns(figure) if figure else fonts.paragraph(_("normal figure"), 9))
    story += _section(_("Style options"), _columns(opts))
    story += _section(_("Pieces — counts for all {garments}").format(garments=garments) if job.garments > 1
                      else _("Pieces"), pieces)
    applied = alteration_lines(result, facts.unit)
    if applied:
        story += _section(_("Personal alterations"), _columns(applied, 2))
    if facts.notes:
        story += _section(_("Notes"), fonts.paragraph(facts.notes, 9))
    story += [Spacer(1, 4 * MM), _Picture(result)]
    return story


_GRID = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
         ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]


def alteration_lines(result: Draft, unit: str) -> list[str]:
    """'Sleeve length −1.0 cm (fitting 2026-12-04)': each personal alteration the draft
    applied, in the customer's unit, with the fittings it comes from."""
    return [a.describe(unit) for a in result.alterations if not a.overridden]


def _said(name: str, value: str) -> str:
    """'Chest: 105.6', 'Tour de poitrine : 105,6': a name and its value as the language writes them."""
    return _("{name}: {value}").format(name=name, value=value)


def _tape(mm: float, unit: str) -> str:
    """A measurement as the tape read it: 0.1 cm, or inches to the eighth."""
    return show_length(mm, unit).removesuffix(" in") if unit == "in" else number(mm / 10, 1)


def _section(title: str, body: Flowable) -> list[Flowable]:
    return [Spacer(1, 3 * MM), fonts.paragraph(title, 10, bold=True), Spacer(1, 1.5 * MM), body]


def _columns(items: list[str], n: int = 3) -> Table:
    """Items across `n` columns, row by row, each wrapping inside its column."""
    cells = [fonts.paragraph(t, 8) for t in items] or [""]
    cells += [""] * (-len(cells) % n)
    return Table([cells[i:i + n] for i in range(0, len(cells), n)], colWidths=[CONTENT_W / n] * n,
                 hAlign="LEFT", style=_GRID)


class _Picture(Flowable):
    """All pieces, scaled to the room left on the page (the only drawing not at 1:1)."""

    MIN_H, MAX_H = 40 * MM, 110 * MM

    def __init__(self, result: Draft) -> None:
        super().__init__()
        self.placements, self.sheet_w, self.sheet_h = shelf_layout(result.pieces, 1500.0)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.width = avail_w
        self.height = min(max(avail_h - 1, self.MIN_H), self.MAX_H)
        return self.width, self.height

    def draw(self) -> None:
        c, caption = self.canv, 12.0
        scale = min(self.width / self.sheet_w, (self.height - caption) / self.sheet_h)
        top = self.height
        c.setLineWidth(0.4)
        c.setStrokeColorRGB(0.2, 0.2, 0.2)
        for pl in self.placements:
            p = c.beginPath()
            for i, (px, py) in enumerate(pl.piece.cut_line):
                sx, sy = (px + pl.dx) * scale, top - (py + pl.dy) * scale
                p.moveTo(sx, sy) if i == 0 else p.lineTo(sx, sy)
            p.close()
            c.drawPath(p)
        fonts.draw(c, 0, 2, _("All pieces, not to scale ({percent} % of 1:1)").format(
            percent=number(scale * 25.4 / 72 * 100, 1)), 7)
