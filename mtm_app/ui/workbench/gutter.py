"""The editor's margin: line numbers, and a mark beside the line an error is on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from mtm_app.ui import colours

if TYPE_CHECKING:
    from mtm_app.ui.workbench.editor import BlockEditor

ERROR_MARK = "✗"


class LineGutter(QWidget):
    """Drawn by and for its editor: it asks the editor which lines are on screen."""

    def __init__(self, editor: BlockEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def width_needed(self) -> int:
        digits = len(str(max(1, self.editor.blockCount())))
        metrics = self.fontMetrics()
        return 10 + metrics.horizontalAdvance("9") * max(digits, 3) + metrics.horizontalAdvance(ERROR_MARK)

    def sizeHint(self) -> QSize:
        return QSize(self.width_needed(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.alternateBase())
        editor = self.editor
        block = editor.firstVisibleBlock()
        top = round(editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top())
        height = self.fontMetrics().height()
        mark_width = self.fontMetrics().horizontalAdvance(ERROR_MARK)
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(editor.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                line = block.blockNumber() + 1
                box = QRect(0, top, self.width() - 4, height)
                if line == editor.error_line:
                    painter.setPen(colours.text("error", palette))
                    painter.drawText(QRect(2, top, mark_width, height), Qt.AlignmentFlag.AlignLeft,
                                     ERROR_MARK)
                else:
                    painter.setPen(palette.placeholderText().color())
                painter.drawText(box, Qt.AlignmentFlag.AlignRight, str(line))
            block = block.next()
            top = bottom
