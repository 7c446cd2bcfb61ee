"""The plotter sheet: every piece of an order on one large page — A0, or a roll 24/36/44/60 in
wide as long as needed — laid out once for the PDF and the HP-GL/2 plot alike (no reportlab
here: a .plt need not import it)."""

from __future__ import annotations

from mtm_app.errors import MtmError
from mtm_app.export.layout import Placement, shelf_layout
from mtm_app.export.papers import PLOTTER_PAPERS, ROLLS_IN
from mtm_app.i18n import _, block_text, number
from mtm_app.pieces import Piece

MARGIN = 10.0  # mm kept blank at the paper's edge (printers cannot print there)
BAND = 130.0  # mm kept under a plotter sheet's pieces for the test squares and the trace
A0_MM = (841.0, 1189.0)


class PaperError(MtmError, ValueError):
    """The paper asked for cannot hold the pattern (a user's choice, not a bug)."""


def paper_width(paper: str) -> float:
    return ROLLS_IN[paper] * 25.4 if paper in ROLLS_IN else A0_MM[0]


def sheet_on(pieces: list[Piece], paper: str) -> tuple[list[Placement], float, float]:
    """(placements, page width, page height in mm) of the pieces on `paper`, or PaperError
    naming the first piece that does not fit."""
    if paper not in PLOTTER_PAPERS:
        raise PaperError(_("plotter paper '{paper}' is not one of {papers}").format(
            paper=paper, papers=", ".join(PLOTTER_PAPERS)))
    width = paper_width(paper)
    placements, _sheet_w, used_h = shelf_layout(pieces, width - 2 * MARGIN)
    too_wide = [pl.piece for pl in placements if pl.piece.bounds[2] + pl.dx > width - 2 * MARGIN]
    if too_wide:
        x0, _y0, x1, _y1 = too_wide[0].bounds
        piece = too_wide[0]
        raise PaperError(_("piece '{piece}' ({width} mm wide) does not fit across {paper} ({printable} mm "
                           "printable)").format(piece=block_text(piece.name), width=f"{x1 - x0:.0f}",
                                                paper=paper, printable=f"{width - 2 * MARGIN:.0f}"))
    if paper in ROLLS_IN:
        return placements, width, used_h + 2 * MARGIN + BAND
    height = A0_MM[1]
    below = [pl.piece for pl in placements if pl.piece.bounds[3] + pl.dy > height - 2 * MARGIN - BAND]
    if below:
        raise PaperError(_("piece '{piece}' falls off the end of A0: the pieces need {used} m of its "
                           "{length} m").format(piece=block_text(below[0].name),
                                                used=number(used_h / 1000, 2),
                                                length=number((height - 2 * MARGIN - BAND) / 1000, 2)))
    return placements, width, height


def narrowest_paper(pieces: list[Piece]) -> str | None:
    """The narrowest plotter paper every piece fits on (what a plotter sheet uses by default)."""
    for paper in sorted(PLOTTER_PAPERS, key=paper_width):
        try:
            sheet_on(pieces, paper)
        except PaperError:
            continue
        return paper
    return None


def plotter_sheet(pieces: list[Piece], paper: str | None = None
                  ) -> tuple[str, list[Placement], float, float]:
    """(paper, placements, width, height in mm): on `paper`, or without one on the narrowest
    that holds every piece; PaperError saying which roll would fit."""
    chosen = paper or narrowest_paper(pieces)
    try:
        placements, width, height = sheet_on(pieces, chosen or PLOTTER_PAPERS[-1])
    except PaperError as e:
        fits = narrowest_paper(pieces) if paper in PLOTTER_PAPERS else None
        hint = (_("choose a roll that fits: --paper {paper}").format(paper=fits) if fits else
                _("no plotter paper holds it ({papers}); print it tiled (pdf-tiled)").format(
                    papers=", ".join(PLOTTER_PAPERS)))
        raise PaperError(e.message, hint=hint) from None
    return chosen or PLOTTER_PAPERS[-1], placements, width, height
