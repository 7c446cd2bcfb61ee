"""The window's frame: one page per task, reached from a sidebar grouped by who does it.

A tailor walks customers → measure → style and fit → order; the cutting room works on
production and fabrics; the pattern maker on the workbench. Each page shows what its task
needs; the drafting pages share one workspace (the live preview and its checks), which moves
to whichever of them is shown, so the pattern is never drawn twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    user: str  # the sidebar group: Tailor, Factory, Pattern maker
    widget: QWidget
    workspace: QSplitter | None = None  # where the shared workspace sits on this page
    # where the keyboard lands when the page is reached by its shortcut (default: its first input)
    focus: Callable[[], QWidget | None] | None = None


class TaskPages(QWidget):
    """A sidebar of tasks beside a stack of pages; Ctrl+1 … Ctrl+9 go to the n-th page."""

    page_changed = Signal(str)

    def __init__(self, workspace: QWidget) -> None:
        super().__init__()
        self.workspace = workspace
        self.pages: dict[str, Page] = {}
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("task_sidebar")
        self.sidebar.setAccessibleName(self.tr("Tasks"))
        self.sidebar.currentItemChanged.connect(self._chosen)
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self._users: list[str] = []

    def add_page(self, page: Page) -> QAction:
        """Add a page under its user's heading; returns its action (menu + shortcut)."""
        if page.user not in self._users:
            self._users.append(page.user)
            heading = QListWidgetItem(page.user)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: read, never chosen
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.sidebar.addItem(heading)
        number = len(self.pages) + 1
        item = QListWidgetItem(f"  {page.title}")
        item.setData(Qt.ItemDataRole.UserRole, page.key)
        item.setToolTip(f"{page.title} (Ctrl+{number})")
        self.sidebar.addItem(item)
        self.pages[page.key] = page
        self.stack.addWidget(page.widget)
        action = QAction(page.title, self)
        if number <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _checked=False, key=page.key: self.go(key))
        self.sidebar.setFixedWidth(max(self.sidebar.sizeHintForColumn(0) + 24, 150))
        return action

    def show_page(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key and not item.isHidden():
                self.sidebar.setCurrentRow(row)
                return
        raise KeyError(key)

    def restrict(self, allowed: set[str], actions: dict[str, QAction]) -> None:
        """Show only the pages of `allowed` (a role's tasks): the others leave the sidebar, their
        shortcuts stop, a heading with nothing under it goes, and the page shown is an allowed one."""
        heading = None
        shown_under = False
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            if key is None:
                if heading is not None:
                    heading.setHidden(not shown_under)
                heading, shown_under = item, False
                continue
            item.setHidden(key not in allowed)
            actions[key].setEnabled(key in allowed)
            actions[key].setVisible(key in allowed)
            shown_under = shown_under or key in allowed
        if heading is not None:
            heading.setHidden(not shown_under)
        if self.current() not in allowed:
            self.show_page(next(k for k in self.pages if k in allowed))

    def go(self, key: str) -> None:
        """Show a page and put the keyboard in it, ready to type (its shortcut, the Go menu).
        Choosing in the sidebar leaves the focus there, so the arrow keys keep walking it."""
        self.show_page(key)
        page = self.pages[key]
        target = page.focus() if page.focus else None
        target = target or first_input(page.widget)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def current(self) -> str:
        item = self.sidebar.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def _chosen(self, item: QListWidgetItem | None, _previous) -> None:
        key = item.data(Qt.ItemDataRole.UserRole) if item else None
        if key is None:
            return
        page = self.pages[key]
        if page.workspace is not None and self.workspace.parent() is not page.workspace:
            sizes = page.workspace.sizes()
            page.workspace.addWidget(self.workspace)  # moves it from the page it was on
            if len(sizes) == page.workspace.count():
                page.workspace.setSizes(sizes)
        self.stack.setCurrentWidget(page.widget)
        self.page_changed.emit(key)


def first_input(page: QWidget) -> QWidget | None:
    """The first input of the page that Tab would reach (a scroll area around inputs is a
    frame, not an input)."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None and not isinstance(widget, QScrollArea)):
            return widget
        widget = widget.nextInFocusChain()
    return None
