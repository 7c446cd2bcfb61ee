"""The block's text as the pattern maker types it: line numbers, colours, the error at its line,
and what a name stands for when the pointer rests on it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from mtm_app.ui import colours
from mtm_app.ui.workbench.gutter import LineGutter
from mtm_app.ui.workbench.highlighter import BlockHighlighter


class BlockEditor(QPlainTextEdit):
    """A plain-text YAML editor; `describe(name)` says what a hovered name is (or '')."""

    name_hovered = Signal(str)

    def __init__(self, describe: Callable[[str], str]) -> None:
        super().__init__()
        self.describe = describe
        self.error_line = 0  # 1-based; 0: no error
        self.error_text = ""
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(True)  # YAML is indented with spaces; Tab leaves, as in any form
        self.setAccessibleName(self.tr("Block text"))
        self.setMouseTracking(True)
        self.highlighter = BlockHighlighter(self.document())
        self.gutter = LineGutter(self)
        self.blockCountChanged.connect(lambda _n: self._fit_gutter())
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    # ------------------------------------------------------------------ the gutter
    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter.width_needed(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        box = self.contentsRect()
        self.gutter.setGeometry(QRect(box.left(), box.top(), self.gutter.width_needed(), box.height()))

    # ------------------------------------------------------------------ the error
    def show_error(self, line: int, text: str) -> None:
        """Mark `line` (1-based; 0 when the error has no line) as where `text` is."""
        self.error_line, self.error_text = line, text
        selections = []
        block = self.document().findBlockByNumber(line - 1) if line else None
        if block is not None and block.isValid():
            whole = QTextEdit.ExtraSelection()
            whole.format.setBackground(QColor(colours.FIELD["error"][colours.is_dark()][0]))
            whole.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            whole.cursor = QTextCursor(block)
            underline = QTextEdit.ExtraSelection()
            underline.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            underline.format.setUnderlineColor(colours.text("error"))
            underline.format.setToolTip(text)
            underline.cursor = QTextCursor(block)
            underline.cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                          QTextCursor.MoveMode.KeepAnchor)
            selections = [whole, underline]
        self.setExtraSelections(selections)
        self.gutter.update()

    def clear_error(self) -> None:
        self.show_error(0, "")

    def go_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(line - 1)
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self.centerCursor()

    # ------------------------------------------------------------------ what a name is
    def word_at(self, position) -> str:
        cursor = self.cursorForPosition(position)
        cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        word = cursor.selectedText()
        return word if word.isidentifier() else ""

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = event.pos()
            line = self.cursorForPosition(position).blockNumber() + 1
            name = self.word_at(position)
            said = self.describe(name) if name else ""
            if name:
                self.name_hovered.emit(name)
            tip = "\n".join(t for t in (self.error_text if line == self.error_line else "", said) if t)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event) -> None:
        """Enter keeps the indentation of the line it breaks (YAML's structure is its indent)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            line = self.textCursor().block().text()
            indent = line[: len(line) - len(line.lstrip(" "))]
            self.textCursor().insertText("\n" + indent)
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)
