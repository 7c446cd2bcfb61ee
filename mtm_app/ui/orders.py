"""The order panel: the garments of the order (one, or a suit's), fabric and quantity, confirm
(writes the cut files), the customer's orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, QStringListModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.block.model import Block
from mtm_app.library import garment_name
from mtm_app.store.models import Order
from mtm_app.ui.language import block_text, date_format
from mtm_app.unsaved import UnsavedGarment, UnsavedOrder

NO_DATE = QDate(2000, 1, 1)  # the due date's "not set"
FABRIC_COLUMN = 2  # of the garments: typed when a garment is cut from another cloth


def garments_text(order: Order) -> str:
    """'Men's jacket v1.1.0 + Men's trousers v1.3.0': what an order is, as a list shows it."""
    return " + ".join(f"{block_text(garment_name(g.block_id))} v{g.block_version}" for g in order.garments)


def cloths_text(order: Order) -> str:
    """The cloths an order is cut from, each once: catalogue codes, else the words."""
    return " + ".join(dict.fromkeys(cloth for g in order.garments if (cloth := g.fabric_code or g.fabric)))


@dataclass(frozen=True)
class OrderedGarment:
    """A garment added to the order being made: its block, the options chosen for it and the
    cloth typed for it ('' for the order's)."""

    block: Block
    options: dict[str, Any]
    fabric: str = ""


class _LiveCell(QStyledItemDelegate):
    """A garment's cloth cell that counts as typed at every keystroke: kept on disk like any
    other field, so a crash while the cursor is still in the cell loses nothing."""

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text, e=editor: self.commitData.emit(e))
        return editor


class OrderPanel(QWidget):
    confirm = Signal()
    add_garment = Signal()  # the garment on the Style page, with its options
    reprint = Signal(int)  # order id
    lay_marker = Signal(list)  # order references
    print_file = Signal(int, str, bool)  # order id, file ending (ticket.pdf, tiled.pdf), preview
    changed = Signal()  # a garment added or removed, a cloth, the fabric, quantity, notes or due date

    def __init__(self) -> None:
        super().__init__()
        self._added: list[tuple[Block, dict[str, Any]]] = []
        self._current: Block | None = None  # the garment on the Style page
        self.garments = QTreeWidget()
        self.garments.setObjectName("order_garments")
        self.garments.setAccessibleName(self.tr("The garments of this order"))
        self.garments.setHeaderLabels([self.tr("Garment"), self.tr("Options"),
                                       self.tr("Own fabric")])
        self.garments.headerItem().setToolTip(FABRIC_COLUMN, self.tr(
            "A garment cut from another cloth than the order's: double-click its row and type it"))
        self.garments.setRootIsDecorated(False)
        # only a garment's cloth is typed, by a double-click on its row
        self.garments.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.garments.itemDoubleClicked.connect(
            lambda item, _column: self.garments.editItem(item, FABRIC_COLUMN))
        self.garments.setItemDelegateForColumn(FABRIC_COLUMN, _LiveCell(self.garments))
        # options and cloth share the width the garment's name leaves, never hidden past a scroll
        self.garments.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, FABRIC_COLUMN):
            self.garments.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.garments.setMaximumHeight(130)
        self.garments_hint = QLabel()
        self.garments_hint.setObjectName("order_garments_hint")
        self.garments_hint.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add the garment shown"))
        self.add_button.setToolTip(self.tr("Add the garment on the Style and fit page, with the options "
                                           "chosen there, to this order"))
        self.add_button.setObjectName("add_garment")
        self.add_button.clicked.connect(self.add_garment)
        self.remove_button = QPushButton(self.tr("Remove the selected"))
        self.remove_button.setObjectName("remove_garment")
        self.remove_button.clicked.connect(self._remove_garment)
        self.fabric = QLineEdit()
        self.fabric.setObjectName("order_fabric")
        self.fabric.setPlaceholderText(self.tr("catalogue code or name, or describe"))
        self._catalogue = QStringListModel(self)
        completer = QCompleter(self._catalogue, self.fabric)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "flannel" finds FLA-GRY-150
        self.fabric.setCompleter(completer)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("order_quantity")
        self.quantity.setRange(1, 99)
        self.notes = QLineEdit()
        self.notes.setObjectName("order_notes")
        self.due = QDateEdit()
        self.due.setObjectName("order_due")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_format())
        self.due.setMinimumDate(NO_DATE)
        self.due.setSpecialValueText(self.tr("not set"))  # shown at the minimum: no due date
        self.confirm_button = QPushButton(self.tr("Confirm order and write its files (Ctrl+Return)"))
        self.confirm_button.setObjectName("confirm_order")
        self.confirm_button.clicked.connect(self.confirm)
        self.history = QTreeWidget()
        self.history.setObjectName("order_history")
        self.history.setAccessibleName(self.tr("The customer's orders"))
        self.history.setHeaderLabels([self.tr("Order"), self.tr("Garment"), self.tr("Status"),
                                      self.tr("Files")])
        self.history.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        for column in range(3):  # reference, garment, status: read whole; the folder gets the rest
            self.history.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.reprint_button = QPushButton(self.tr("Write the selected order's files again"))
        self.reprint_button.setObjectName("reprint_order")
        self.reprint_button.clicked.connect(self._reprint)
        self.open_button = QPushButton(self.tr("Open the selected order's folder"))
        self.open_button.setObjectName("open_order_folder")
        self.open_button.clicked.connect(self._open_folder)
        self.print_button = QPushButton(self.tr("Print the selected order…"))
        self.print_button.setObjectName("print_order")
        menu = QMenu(self.print_button)
        for text, ending, preview in ((self.tr("Cut ticket…"), "ticket.pdf", False),
                                      (self.tr("Pattern pages (tiled, 100 %)…"), "tiled.pdf", False),
                                      (self.tr("Preview the cut ticket"), "ticket.pdf", True),
                                      (self.tr("Preview the pattern pages"), "tiled.pdf", True)):
            menu.addAction(text).triggered.connect(
                lambda _checked=False, e=ending, p=preview: self._print(e, p))
        self.print_button.setMenu(menu)
        self.marker_button = QPushButton(self.tr("Lay the selected orders in a marker…"))
        self.marker_button.setObjectName("lay_marker")
        self.marker_button.clicked.connect(
            lambda: self.lay_marker.emit([i.text(0) for i in self.history.selectedItems()]))
        form = QFormLayout()
        form.addRow(self.tr("Garments"), self.garments)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        form.addRow("", buttons)
        form.addRow("", self.garments_hint)
        form.addRow(self.tr("Fabric"), self.fabric)
        form.addRow(self.tr("Quantity"), self.quantity)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.tr("Due"), self.due)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.confirm_button)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.reprint_button)
        layout.addWidget(self.open_button)
        layout.addWidget(self.print_button)
        layout.addWidget(self.marker_button)
        self.garments.itemChanged.connect(self.changed)
        for signal in (self.fabric.textChanged, self.notes.textChanged, self.quantity.valueChanged,
                       self.due.dateChanged):
            signal.connect(self.changed)

    def set_catalogue(self, entries: list[str]) -> None:
        """The fabrics the field offers as the tailor types: 'CODE — name, width'."""
        self._catalogue.setStringList(entries)

    def clear_order_fields(self) -> None:
        """Garments, fabric, quantity, notes and due date belong to one order: blank for the next."""
        self._added.clear()
        self.garments.clear()
        self.show_current(None)
        self.fabric.clear()
        self.notes.clear()
        self.quantity.setValue(1)
        self.due.setDate(NO_DATE)

    def show_current(self, block: Block | None) -> None:
        """Say what Confirm orders when no garment was added: the one on the Style page."""
        if self.garments.topLevelItemCount():
            self.garments_hint.setText(self.tr(
                "Confirm orders these garments, cut from the measurements on the Measure page. "
                "Double-click a garment's fabric to cut it from another cloth than the order's."))
        elif block is not None:
            self.garments_hint.setText(self.tr(
                "Confirm orders the garment on the Style and fit page ({garment}). For a suit, add each "
                "garment: choose it and its options on the Style and fit page, then add it here.").format(
                garment=block_text(block.name)))
        self._current = block

    def add(self, block: Block, options: dict[str, Any], options_text: str) -> None:
        """A garment with its options (as the Style page has them now) joins the order."""
        self._added.append((block, dict(options)))
        item = QTreeWidgetItem([block_text(block.name), options_text, ""])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setToolTip(1, options_text)
        self.garments.addTopLevelItem(item)
        self.show_current(self._current)
        self.changed.emit()

    def commit_edits(self) -> None:
        """A garment's cloth still being typed counts as entered (the tailor pressed Confirm or
        Ctrl+Return with the cursor in the cell)."""
        for editor in self.garments.viewport().findChildren(QLineEdit):
            self.garments.commitData(editor)
            self.garments.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def ordered(self) -> list[OrderedGarment]:
        """The garments added, with the cloth typed for each ('' for the order's fabric)."""
        return [OrderedGarment(block, options, self.garments.topLevelItem(k).text(FABRIC_COLUMN).strip())
                for k, (block, options) in enumerate(self._added)]

    def _remove_garment(self) -> None:
        item = self.garments.currentItem()
        if item is None:
            return
        k = self.garments.indexOfTopLevelItem(item)
        self.garments.takeTopLevelItem(k)
        del self._added[k]
        self.show_current(self._current)
        self.changed.emit()

    def due_date(self) -> date | None:
        chosen = self.due.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def unsaved(self, customer_since: str = "") -> UnsavedOrder:
        """The order as the page holds it now, to be kept on disk until it is confirmed."""
        due = self.due_date()
        return UnsavedOrder(tuple(UnsavedGarment(g.block.id, g.block.version, g.options, g.fabric,
                                                 g.block.name) for g in self.ordered()),
                            self.fabric.text(), self.quantity.value(), self.notes.text(),
                            due.isoformat() if due else "", customer_since)

    def restore(self, order: UnsavedOrder, garments: list[tuple[Block, dict[str, Any], str, str]]) -> None:
        """Put back an order kept before a crash: its garments (block, options, the options in
        words, the cloth typed for it) as they load now, and the order's fields. Putting it back
        is no change: the file stays as kept (a garment left out is still in it) until the tailor
        changes the order."""
        with QSignalBlocker(self):
            self.clear_order_fields()
            for block, options, words, cloth in garments:
                self.add(block, options, words)
                last = self.garments.topLevelItem(self.garments.topLevelItemCount() - 1)
                last.setText(FABRIC_COLUMN, cloth)
            self.fabric.setText(order.fabric)
            self.quantity.setValue(order.quantity)
            self.notes.setText(order.notes)
            due = QDate.fromString(order.due, Qt.DateFormat.ISODate)
            self.due.setDate(due if due.isValid() else NO_DATE)

    def show_orders(self, orders: list[Order]) -> None:
        self.history.clear()
        for o in reversed(orders):
            item = QTreeWidgetItem([o.reference, garments_text(o), o.status.text, o.files_dir])
            for column in range(4):
                item.setToolTip(column, item.text(column))
            item.setData(0, Qt.ItemDataRole.UserRole, o.id)
            self.history.addTopLevelItem(item)

    def _open_folder(self) -> None:
        item = self.history.currentItem()
        if item is not None and item.text(3):
            QDesktopServices.openUrl(QUrl.fromLocalFile(item.text(3)))

    def _print(self, ending: str, preview: bool) -> None:
        item = self.history.currentItem()
        if item is not None:
            self.print_file.emit(int(item.data(0, Qt.ItemDataRole.UserRole)), ending, preview)

    def _reprint(self) -> None:
        item = self.history.currentItem()
        if item is not None:
            self.reprint.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))
