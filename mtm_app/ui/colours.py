"""The window's signal colours (pass, warning, error, estimate), for a light or a dark palette.

Qt gives the rest of the window its colours from the system palette; the few colours the app
adds must stay legible on it: every pair here has a WCAG contrast of at least 4.5:1 against
the background it is drawn on, in both palettes (tests/test_accessible.py checks it).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

# role → (on a light window, on a dark window)
TEXT = {
    "ok": ("#146c2e", "#6fdc8c"),
    "warning": ("#7a5c00", "#f1c21b"),
    "error": ("#c62828", "#ff8389"),
    "changed": ("#8b0000", "#ffb3b8"),  # a measurement that changed between sessions
    "muted": ("#5f5f5f", "#a8a8a8"),  # a withdrawn fitting
}
# a field's state: (background, text) on a light window, then on a dark one
FIELD = {
    "error": (("#fde2e1", "#1b1b1b"), ("#5c1a1a", "#ffffff")),
    "warning": (("#fff4cc", "#1b1b1b"), ("#4d3d00", "#ffffff")),
    "estimate": (("#e8f0fe", "#1b1b1b"), ("#1c2f4d", "#ffffff")),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window is drawn light on dark (the system's dark mode)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def text(role: str, palette: QPalette | None = None) -> QColor:
    return QColor(TEXT[role][is_dark(palette)])


def text_style(role: str, extra: str = "") -> str:
    """A style sheet colouring a label's text by its role."""
    return f"color: {TEXT[role][is_dark()]};{(' ' + extra) if extra else ''}"


def field_style(state: str) -> str:
    """A style sheet marking an input's state; '' for a plain field."""
    if state not in FIELD:
        return ""
    background, foreground = FIELD[state][is_dark()]
    return f"background: {background}; color: {foreground}"


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 … 21)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
