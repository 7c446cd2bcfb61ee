"""Find text a person cannot read whole: compare each visible widget's text, measured with its
own font, with the room the widget gives it. Used by the legibility tests on every page."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTreeView,
    QWidget,
)

SLACK = 1  # px: rounding between font metrics and layout


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or '?'})"


def _visible_rect(widget: QWidget, root: QWidget) -> QRect:
    """The part of the widget inside every ancestor up to the root (a scrolled-away part is
    reachable by scrolling, so only widgets at least partly in view are judged)."""
    rect = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        rect = rect.intersected(QRect(parent.mapTo(root, parent.rect().topLeft()), parent.size()))
        parent = parent.parentWidget()
    return rect


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(),
                                         -label.margin())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if rich or label.wordWrap():
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        if rich:
            doc.setHtml(text)
        else:
            doc.setPlainText(text)
        if label.wordWrap():
            doc.setTextWidth(room.width())
            if doc.size().height() > room.height() + SLACK + 2:
                return f"needs {doc.size().height():.0f} px of height, has {room.height()}"
            return None
        needed = doc.idealWidth()
    else:
        metrics = QFontMetrics(label.font())
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if metrics.height() * len(text.split("\n")) > room.height() + SLACK + 2:
            return f"needs {metrics.height() * len(text.split(chr(10)))} px of height, has {room.height()}"
    if needed > room.width() + SLACK:
        return f"needs {needed:.0f} px, has {room.width()}"
    return None


def _fits(text: str, widget: QWidget, room: int) -> str | None:
    needed = QFontMetrics(widget.font()).horizontalAdvance(text)
    return None if needed <= room + SLACK else f"'{text}' needs {needed} px, has {room}"


def _combo_problem(combo: QComboBox) -> str | None:
    if combo.isEditable():
        return _line_problem(combo.lineEdit())
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return _fits(combo.currentText(), combo, field.width()) if combo.currentText() else None


def _line_problem(edit: QLineEdit) -> str | None:
    text = edit.text() or edit.placeholderText()
    if not text or edit.echoMode() != QLineEdit.EchoMode.Normal:
        return None
    margins = edit.textMargins()
    room = edit.contentsRect().width() - margins.left() - margins.right() - 6  # frame padding
    return _fits(text, edit, room)


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    hint = button.sizeHint()
    if isinstance(button, QPushButton) and button.width() + SLACK < (
            QFontMetrics(button.font()).horizontalAdvance(button.text().replace("&", "")) + 8):
        return f"'{button.text()}' wider than the button ({button.width()} px)"
    if not isinstance(button, QPushButton) and button.width() + SLACK < hint.width():
        return f"'{button.text()}' needs {hint.width()} px, has {button.width()}"
    return None


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or header.isHidden():
        return []
    problems = []
    metrics = QFontMetrics(header.font())
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        needed = metrics.horizontalAdvance(text) + margin
        if text and needed > header.sectionSize(section) + SLACK:
            problems.append(f"header '{text}' needs {needed} px, has {header.sectionSize(section)}")
    return problems


def _cell_problems(view: QAbstractItemView) -> list[str]:
    """A cell may be narrower than its text only if its tooltip holds the whole text and the
    column can be widened by the user."""
    problems = []
    viewport = view.viewport().rect()
    model = view.model()
    metrics = QFontMetrics(view.font())
    # the item delegate's text margin: the focus frame's, plus one pixel, on each side
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)

    def judge(index) -> None:
        rect = view.visualRect(index)
        if not rect.intersects(viewport):
            return
        text = str(index.data() or "")
        if not text:
            return
        icon_room = 22 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
        needed = metrics.horizontalAdvance(text) + margin + icon_room
        if needed <= rect.width() + SLACK:
            return
        tooltip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        if text not in tooltip:
            problems.append(f"cell '{text}' needs {needed} px, has {rect.width()} and no tooltip")

    hidden = getattr(view, "isColumnHidden", None)
    columns = (lambda _parent: 1) if isinstance(view, QListView) else model.columnCount

    def walk(parent) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(columns(parent)):
                if hidden is not None and hidden(column):
                    continue
                index = model.index(row, column, parent)
                judge(index)
            first = model.index(row, 0, parent)
            if isinstance(view, QTreeView) and model.hasChildren(first) and view.isExpanded(first):
                walk(first)

    if model is not None:
        walk(view.rootIndex())
    return problems


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible text in `root` that does not fit its widget, as 'Widget: why'."""
    problems: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 0 or _visible_rect(widget, root).isEmpty():
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # judged with its spin box or combo
        found: list[str] = []
        if isinstance(widget, QLabel):
            found = [p] if (p := _label_problem(widget)) else []
        elif isinstance(widget, QComboBox):
            found = [p] if (p := _combo_problem(widget)) else []
        elif isinstance(widget, QAbstractSpinBox):
            found = [p] if (p := _line_problem(widget.findChild(QLineEdit))) else []
        elif isinstance(widget, QLineEdit):
            found = [p] if (p := _line_problem(widget)) else []
        elif isinstance(widget, QAbstractButton) and not isinstance(widget, QTabBar):
            found = [p] if (p := _button_problem(widget)) else []
        elif isinstance(widget, QGroupBox) and widget.title():
            found = [p] if (p := _fits(widget.title(), widget, widget.width() - 16)) else []
        elif isinstance(widget, QHeaderView):
            found = _header_problems(widget)
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            found = _cell_problems(widget)
        elif isinstance(widget, QTabBar):
            found = [f"tab '{widget.tabText(i)}' elided" for i in range(widget.count())
                     if widget.tabRect(i).width() + SLACK < widget.tabSizeHint(i).width()]
        problems += [f"{_name(widget)}: {p}" for p in found]
    return problems



def clipped_on_every_page(window) -> list[str]:
    """`clipped_texts` of the window on each of its pages in turn, as 'page: Widget: why'; and
    a window that cannot be as narrow as it was sized (its pages' widest row) is clipped by the
    screen itself."""
    from PySide6.QtWidgets import QApplication

    problems = []
    if window.minimumSizeHint().width() > window.width():
        problems.append(f"the window needs {window.minimumSizeHint().width()} px, the screen "
                        f"gives {window.width()}")
    for key in window.pages.pages:
        window.pages.show_page(key)
        QApplication.processEvents()
        problems += [f"{key}: {p}" for p in clipped_texts(window)]
    return problems
