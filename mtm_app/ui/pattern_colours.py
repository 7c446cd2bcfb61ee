"""The preview's colours, a light "paper" set and a dark one, chosen by the system palette (as
the window's signal colours are, `colours`); every line, mark and word is held to a WCAG 2
contrast of 4.5:1 against what it is drawn on (tests/test_preview.py checks it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from mtm_app.ui.colours import contrast, is_dark

MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text; the preview's thin lines are held to it as well


def contrast_ratio(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2 contrast ratio of two colours given by name or as QColor (`colours.contrast`)."""
    return contrast(QColor(a), QColor(b))


@dataclass(frozen=True)
class PatternColours:
    canvas: str  # the view's background, around the pieces
    fills: dict[str, str]  # a piece's fill by material
    cut: str  # cut line and notches: on the canvas and on a fill
    seam: str  # seam line (dashed), on a fill
    mark: str  # internal lines and drill holes, on a fill
    grain: str  # grainline and its arrowheads, on a fill
    fold: str  # fold edge (dash-dot), its bracket and "place on fold", on a fill
    text: str  # piece labels, on a fill
    banner: str = "#c62828"  # the out-of-date banner
    banner_text: str = "#ffffff"

    def fill(self, material: str) -> str:
        return self.fills.get(material, self.fills["self"])

    def pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every colour drawn on another."""
        on_fill = ("cut", "seam", "mark", "grain", "fold", "text")
        pairs = [(f"{name} on {material}", getattr(self, name), fill)
                 for material, fill in self.fills.items() for name in on_fill]
        pairs += [("cut on canvas", self.cut, self.canvas),
                  ("banner text", self.banner_text, self.banner)]
        return pairs


LIGHT = PatternColours(
    canvas="#ffffff",
    fills={"self": "#f4efe6", "lining": "#e6eef4", "interfacing": "#eeeeee", "contrast": "#f4e6ea"},
    cut="#1a1a1a", seam="#595959", mark="#a31f1f", grain="#1d5a96", fold="#1b5e20", text="#1a1a1a")

DARK = PatternColours(
    canvas="#1c1c1c",
    fills={"self": "#2e2a24", "lining": "#232b33", "interfacing": "#2c2c2c", "contrast": "#33262b"},
    cut="#f2f2f2", seam="#b8b8b8", mark="#ff8f85", grain="#8cb8ff", fold="#9fd8a3", text="#f2f2f2")


def colours_for(palette: QPalette) -> PatternColours:
    return DARK if is_dark(palette) else LIGHT
