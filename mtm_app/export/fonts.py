"""One Unicode font for every PDF: DejaVu Sans, with Droid Sans Fallback for CJK.

ReportLab's base fonts (Helvetica) are Latin-1: 'Łódź' or '李小龙' came out as boxes or went
missing. The TTFs in resources/fonts/ are embedded (subset, so only the glyphs used). ReportLab
has no font fallback, so text is drawn in runs, each character in the first font that has it.
Every PDF writer draws its words through `draw` (one line) or `paragraph` (wrapped).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "fonts"
SANS, BOLD, CJK = "MTM-Sans", "MTM-Sans-Bold", "MTM-CJK"
FILES = {SANS: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", CJK: "DroidSansFallbackFull.ttf"}


@cache
def _glyphs(name: str) -> frozenset[int]:
    """Register one font (once per process); the code points it has a glyph for."""
    font = TTFont(name, str(FONT_DIR / FILES[name]))
    pdfmetrics.registerFont(font)
    if name == BOLD:
        from reportlab.lib.fonts import addMapping

        for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):  # <b> in a paragraph: bold face
            addMapping(SANS, bold, italic, BOLD if bold else SANS)
    return frozenset(font.face.charToGlyph)


def font(bold: bool = False) -> str:
    """The registered name of the text font (both weights registered on first use)."""
    _glyphs(SANS)
    _glyphs(BOLD)
    return BOLD if bold else SANS


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """(font, text) runs: each character in the text font if it has it, else in the CJK font
    (read only when a text needs it: parsing its 4 MB costs 0.2 s)."""
    main = font(bold)
    have = _glyphs(main)
    out: list[tuple[str, str]] = []
    for ch in text:
        code = ord(ch)
        name = CJK if code not in have and code in _glyphs(CJK) else main
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` as `draw` sets it."""
    return sum(pdfmetrics.stringWidth(part, name, size) for name, part in runs(text, bold))


def draw(c: Canvas, x: float, y: float, text: str, size: float, bold: bool = False,
         anchor: str = "start") -> None:
    """One line of text at (x, y): `anchor` start, middle or end says which end x is."""
    x -= {"start": 0.0, "middle": 0.5, "end": 1.0}[anchor] * width(text, size, bold)
    for name, part in runs(text, bold):
        c.setFont(name, size)
        c.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, name, size)


def markup(text: str) -> str:
    """Plain text as paragraph markup: escaped, CJK runs in the CJK font, line breaks kept."""
    out = []
    for name, part in runs(text):
        part = escape(part).replace("\n", "<br/>")
        out.append(f'<font face="{CJK}">{part}</font>' if name == CJK else part)
    return "".join(out)


def style(size: float, bold: bool = False, leading: float | None = None) -> ParagraphStyle:
    """A paragraph style in the text font; long words are split rather than run off."""
    return ParagraphStyle(f"mtm-{size}-{bold}", fontName=font(bold), fontSize=size,
                          leading=leading or size * 1.25, splitLongWords=True)


def paragraph(text: str, size: float, bold: bool = False) -> Paragraph:
    """Plain text wrapped by ReportLab to whatever width it is given."""
    return Paragraph(markup(text), style(size, bold))


def draw_wrapped(c: Canvas, x: float, top: float, text: str, size: float, max_width: float,
                 bold: bool = False) -> float:
    """Text wrapped to `max_width` with its first line's top at `top`; returns its bottom."""
    p = paragraph(text, size, bold)
    _, h = p.wrapOn(c, max_width, 10_000)
    p.drawOn(c, x, top - h)
    return top - h
