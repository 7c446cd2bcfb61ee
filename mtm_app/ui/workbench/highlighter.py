"""Colours for a block's YAML as it is typed: keys, comments, quoted text, numbers, formulas.

Line by line with regular expressions (a block has no multi-line constructs the eye needs told
apart); later rules paint over earlier ones, so a '#' inside quotes stays text and a number in
a comment stays comment.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from mtm_app.ui import colours

# role → (on a light window, on a dark window), each legible on the editor's background
PALETTE = {
    "key": ("#0b4f9c", "#78a9ff"),
    "number": ("#8a3ffc", "#be95ff"),
    "formula": ("#005d5d", "#3ddbd9"),
    "string": ("#8e3b00", "#ffb784"),
    "comment": ("#5f5f5f", "#a8a8a8"),
}
RULES = (  # (role, pattern, group painted)
    ("formula", re.compile(r"\b[a-z_]\w*\s*\(|[-+*/%<>=!]=?|\b(?:if|else|and|or|not)\b"), 0),
    ("number", re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b"), 0),
    ("key", re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?=\s|$)"), 1),
    ("key", re.compile(r"[{,]\s*([A-Za-z_]\w*)\s*:(?=\s)"), 1),
    # quotes make a string only where a value starts (the apostrophe in "Men's" is a letter)
    ("string", re.compile(r"(?:^|[:\[{,-])\s*(\"(?:[^\"\\]|\\.)*\"?|'[^']*'?)"), 1),
    ("comment", re.compile(r"(?:^|\s)(#.*)$"), 1),
)


class BlockHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        dark = colours.is_dark()
        self.formats: dict[str, QTextCharFormat] = {}
        for role, pair in PALETTE.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(pair[dark]))
            if role == "key":
                fmt.setFontWeight(QFont.Weight.Bold)
            if role == "comment":
                fmt.setFontItalic(True)
            self.formats[role] = fmt

    def highlightBlock(self, text: str) -> None:
        quoted = [m.span(1) for m in RULES[4][1].finditer(text)]
        for role, pattern, group in RULES:
            for match in pattern.finditer(text):
                start, end = match.span(group)
                if role == "comment" and any(a < start < b for a, b in quoted):
                    continue  # a '#' inside quotes is text
                self.setFormat(start, end - start, self.formats[role])
