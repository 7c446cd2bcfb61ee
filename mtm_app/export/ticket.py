"""The cut ticket: the paper that travels with an order through the cutting room.

It says what to cut and from what: order (with a QR code of the order reference and trace),
customer, how many garments, the garment (or each of a suit's) with its block and version, the
order's date, when it is due and who measured, the measurements (estimated ones marked), the
style options, fabric, a table of pieces with the count for the whole order, mirror and
material, notes, and a small picture of all pieces. ReportLab lays it out (platypus), so long
names, fabrics and notes wrap and carry on to a second page instead of running off the paper
or under the QR code.

It is written in the language spoken when it is made: the order's (`speaking(order.language)`
around the writing); numbers with that language's decimal mark, dates as its cutting rooms
write them (mtm_app.i18n).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, Table

from mtm_app.consumption import estimated_metres, width_in_words
from mtm_app.drafting import Draft
from mtm_app.drafting.inputs import active_options
from mtm_app.export import fonts
from mtm_app.export.files import GarmentJob
from mtm_app.export.labels import JobInfo, cut_text, garments_text, size_text
from mtm_app.export.layout import shelf_layout
from mtm_app.export.qr import draw_qr
from mtm_app.i18n import _, block_text, choice_text, date_text, number
from mtm_app.measurements.catalogue import catalogue, figuration_text, is_figuration, label
from mtm_app.measurements.units import change_unit, show_change, show_length
from mtm_app.pieces import Piece

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
    """The ticket of one garment (`mtm draft`, an order of one garment)."""
    return order_ticket_pdf([GarmentJob(result, job, facts.fabric, facts.fabric_width_mm)],
                            job.order, job.trace, facts)


def order_ticket_pdf(garments: Sequence[GarmentJob], order: str, trace: str,
                     facts: TicketFacts = TicketFacts()) -> bytes:
    """A4, one ticket for the whole order — a shirt, or a suit's jacket, trousers and
    waistcoat — one page for one garment unless the notes need more. Every figure comes from
    the drafts, so it matches the cut files, and every count is for the order's garments."""
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=EDGE, rightMargin=EDGE, topMargin=EDGE,
                            bottomMargin=EDGE + 6 * MM, title=_("Cut ticket {order}").format(order=order),
                            subject=_("trace {trace}").format(trace=trace), author="MTM Studio")

    def first(c: Canvas, _doc) -> None:
        draw_qr(c, f"{order} {trace}", QR_BOX[0], QR_BOX[1], QR_SIZE)
        _footer(c, order, trace, 1)

    def later(c: Canvas, d) -> None:
        _footer(c, order, trace, d.page)

    doc.build(_story(list(garments), order, trace, facts), onFirstPage=first, onLaterPages=later)
    return buf.getvalue()


def _footer(c: Canvas, order: str, trace: str, page: int) -> None:
    fonts.draw_wrapped(c, EDGE, EDGE + 4 * MM, _("Cut ticket {order} · trace {trace} · page {page}").format(
                       order=order, trace=trace, page=page), 7, CONTENT_W)


def _needed(g: GarmentJob) -> str:
    """The self fabric the garment likely takes, before a marker says exactly ('' if the width
    is not known)."""
    width = g.fabric_width_mm or width_in_words(g.fabric)
    if not width:
        return ""
    metres = estimated_metres(g.result.pieces, width, g.job.garments)
    return _("about {metres} m of {width} cm (estimate from the pieces; the marker gives the "
             "length)").format(metres=number(metres, 2), width=number(width / 10))


def _garment_name(result: Draft) -> str:
    block = result.block
    return f"{block_text(block.name)} ({block_text(block.garment)})"


def _block_row(g: GarmentJob) -> tuple[str, str]:
    return _("Block"), f"{g.result.block.id} v{g.result.block.version}"


def _cloth_rows(g: GarmentJob) -> list[tuple[str, str]]:
    """The cloth a garment is cut from and how much of it."""
    return [(_("Fabric"), g.fabric), (_("Fabric needed"), _needed(g))]


def _rows_table(rows: list[tuple[str, str]], width: float, title: str = "") -> Table:
    """Key: value rows (an optional title above), the keys as wide as the longest."""
    keys = [_("{field}:").format(field=k) for k, _v in rows]
    key_w = min(max(fonts.width(k, 9, bold=True) for k in keys) + 5, 45 * MM)  # the longest key, unwrapped
    cells = [[fonts.paragraph(k, 9, bold=True), fonts.paragraph(v or "—", 9)]
             for k, (_k, v) in zip(keys, rows, strict=True)]
    if not title:
        return Table(cells, colWidths=[key_w, width - key_w], hAlign="LEFT", style=_GRID)
    return Table([[fonts.paragraph(title, 16, bold=True), ""], *cells], colWidths=[key_w, width - key_w],
                 hAlign="LEFT",
                 style=[*_GRID, ("SPAN", (0, 0), (1, 0)), ("BOTTOMPADDING", (0, 0), (1, 0), 6)])


def _story(garments: list[GarmentJob], order: str, trace: str, facts: TicketFacts) -> list[Flowable]:
    one = garments[0] if len(garments) == 1 else None
    job = garments[0].job  # the garments of an order share its count, size and measurements
    quantity = garments_text(job.garments) if one else _("{count} of each garment").format(count=job.garments)
    rows = [(_("Customer"), facts.customer), (_("Quantity"), quantity),
            (_("Garment") if one else _("Garments"), " + ".join(_garment_name(g.result) for g in garments))]
    if one:  # its block and cloth beside the order's facts; a suit's under each garment
        rows += [_block_row(one), (_("Size"), size_text(job.size)), *_cloth_rows(one)]
    else:
        rows += [(_("Size"), size_text(job.size))]
    rows += [(_("Order date"), date_text(facts.order_date)), (_("Due date"), date_text(facts.due_date)),
             (_("Measured by"), facts.measured_by), (_("Trace"), trace)]
    # beside the QR code: narrower than the page by the code and a gap
    story: list[Flowable] = [_rows_table(rows, CONTENT_W - QR_SIZE - 10 * MM,
                                         _("Cut ticket — order {order}").format(order=order))]
    story += _measurements([g.result for g in garments], job, facts.unit)
    for k, g in enumerate(garments, 1):
        if not one:
            title = _("Garment {n} of {count}: {garment}").format(
                n=k, count=len(garments), garment=_garment_name(g.result))
            rows_of_garment = [_block_row(g), *_cloth_rows(g), (_("Trace"), g.job.trace)]
            story += _section(title, _rows_table(rows_of_garment, CONTENT_W), size=12)
        story += _garment_story(g, facts.unit)
    if facts.notes:
        story += _section(_("Notes"), fonts.paragraph(facts.notes, 9))
    story += [Spacer(1, 4 * MM), _Picture([p for g in garments for p in g.result.pieces])]
    return story


def _measurements(results: list[Draft], job: JobInfo, unit_name: str) -> list[Flowable]:
    """The body the garments were cut for, once: every measurement any of them used."""
    unit = change_unit(unit_name)  # the customer's: inches for an inch customer, else cm
    used: dict[str, float] = {}
    derived: set[str] = set()
    for result in results:
        used.update(result.measurements)
        derived |= set(result.derived)
    measured = [_said(label(n), _tape(mm, unit)) + (" *" if n in job.estimated else " †"
                                                   if n in derived else "")
                for n, mm in used.items() if not is_figuration(n)]
    figure = [_said(label(n), f"{figuration_text(catalogue()[n].base or n, mm)} ({show_change(mm, unit)})")
              for n, mm in used.items() if is_figuration(n) and mm]
    out = _section(_("Measurements ({unit})  * estimated, † derived by the block").format(unit=unit),
                   _columns(measured))
    if any(r.block.figuration for r in results):
        out += _section(_("Figuration"),
                        _columns(figure) if figure else fonts.paragraph(_("normal figure"), 9))
    return out


def _garment_story(g: GarmentJob, unit: str) -> list[Flowable]:
    """A garment's style options, pieces to cut and personal alterations."""
    result, job = g.result, g.job
    block = result.block
    applies = active_options(block, result.options)  # as the Style page shows them
    opts = [_said(block_text(block.options[n].label),
                  choice_text(v) if block.options[n].type != "count" else str(int(v)))
            for n, v in result.options.items()
            if applies[n] and block.options[n].type in ("choice", "boolean", "count")]
    heads = (_("Piece"), _("Cut"), _("Material"), _("Mirror"))
    pieces = Table([[fonts.paragraph(t, 8, bold=True) for t in heads]]
                   + [[fonts.paragraph(t, 8) for t in (block_text(p.name), cut_text(p, job.garments),
                                                        block_text(p.material),
                                                        _("pair") if p.mirror else "—")]
                      for p in result.pieces],
                   colWidths=[70 * MM, 45 * MM, 30 * MM, CONTENT_W - 145 * MM], hAlign="LEFT",
                   repeatRows=1, style=_GRID)
    story = _section(_("Style options"), _columns(opts))
    story += _section(_("Pieces — counts for all {garments}").format(garments=garments_text(job.garments))
                      if job.garments > 1 else _("Pieces"), pieces)
    applied = alteration_lines(result, unit)
    if applied:
        story += _section(_("Personal alterations"), _columns(applied, 2))
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


def _section(title: str, body: Flowable, size: float = 10) -> list[Flowable]:
    return [Spacer(1, 3 * MM), fonts.paragraph(title, size, bold=True), Spacer(1, 1.5 * MM), body]


def _columns(items: list[str], n: int = 3) -> Table:
    """Items across `n` columns, row by row, each wrapping inside its column."""
    cells = [fonts.paragraph(t, 8) for t in items] or [""]
    cells += [""] * (-len(cells) % n)
    return Table([cells[i:i + n] for i in range(0, len(cells), n)], colWidths=[CONTENT_W / n] * n,
                 hAlign="LEFT", style=_GRID)


class _Picture(Flowable):
    """All pieces, scaled to the room left on the page (the only drawing not at 1:1)."""

    MIN_H, MAX_H = 40 * MM, 110 * MM

    def __init__(self, pieces: Sequence[Piece]) -> None:
        super().__init__()
        self.placements, self.sheet_w, self.sheet_h = shelf_layout(pieces, 1500.0)

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
