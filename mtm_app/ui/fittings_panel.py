"""The Fittings area of the Style and fit page: record what a try-on changed (place from the
block's list, amount in the customer's unit, note), see the customer's fittings of this
garment, withdraw one (undoable with Ctrl+Z). Recording and summing are `mtm_app.fittings`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.block.model import Block
from mtm_app.drafting.alterations import place_label
from mtm_app.errors import MtmError
from mtm_app.fittings import record
from mtm_app.measurements.units import show_change
from mtm_app.store import Store
from mtm_app.store.fittings import fittings_of, set_withdrawn
from mtm_app.ui import colours
from mtm_app.ui.language import block_text, date_text
from mtm_app.ui.tape import TapeSpinBox

MAX_CHANGE_MM = 500.0  # the amount field's range either way; the block bounds it further


class _Withdraw(QUndoCommand):
    """Withdrawing a fitting, on the window's undo stack: undo puts it back."""

    def __init__(self, panel: FittingsPanel, fitting_id: int, text: str) -> None:
        super().__init__(QCoreApplication.translate("FittingsPanel", "withdraw fitting of {fitting}")
                         .format(fitting=text))
        self.panel, self.fitting_id = panel, fitting_id

    def redo(self) -> None:
        self.panel.set_withdrawn(self.fitting_id, True)

    def undo(self) -> None:
        self.panel.set_withdrawn(self.fitting_id, False)


class FittingsPanel(QWidget):
    """`changed` tells the window to draft again with the customer's personal alterations."""

    changed = Signal()

    def __init__(self, store: Store, undo_stack: Callable[[], QUndoStack]) -> None:
        super().__init__()
        self.store, self._undo_stack = store, undo_stack
        self.block: Block | None = None
        self.customer_id: int | None = None
        self.unit = "cm"
        self.place = QComboBox()
        self.place.setObjectName("fitting_place")
        self.side = QComboBox()  # a fitting may find one sleeve, one leg, one side different
        self.side.setObjectName("fitting_side")
        for text, side in ((self.tr("both sides"), ""), (self.tr("left only"), "left"),
                           (self.tr("right only"), "right")):
            self.side.addItem(text, side)
        self.amount = TapeSpinBox(self.unit)
        self.amount.setObjectName("fitting_amount")
        self.amount.setRange(-MAX_CHANGE_MM, MAX_CHANGE_MM)
        self.amount.setToolTip(self.tr("+ lets out or lengthens, − takes in or shortens"))
        self.note = QLineEdit()
        self.note.setObjectName("fitting_note")
        self.note.setPlaceholderText(self.tr("what the try-on showed"))
        self.after_order = QComboBox()
        self.after_order.setObjectName("fitting_order")
        self.after_order.setToolTip(self.tr("the order whose garment was tried on, if any"))
        self.fitted_by = QLineEdit()
        self.fitted_by.setObjectName("fitting_by")
        self.record_button = QPushButton(self.tr("Record fitting"))
        self.record_button.setObjectName("record_fitting")
        self.record_button.clicked.connect(self.record_fitting)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.history = QTreeWidget()
        self.history.setObjectName("fitting_history")
        self.history.setHeaderLabels([self.tr("Fitting"), self.tr("Alterations"), self.tr("By")])
        self.history.setMinimumHeight(90)
        self.withdraw_button = QPushButton(self.tr("Withdraw selected fitting"))
        self.withdraw_button.setObjectName("withdraw_fitting")
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        form = QFormLayout()
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Side"), self.side)
        form.addRow(self.tr("Change"), self.amount)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("After order"), self.after_order)
        form.addRow(self.tr("Fitted by"), self.fitted_by)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.withdraw_button)
        box = QGroupBox(self.tr("Fittings: what a try-on changed"))
        QVBoxLayout(self).addWidget(box)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.history, 1)
        self.setEnabled(False)

    def show_for(self, block: Block, customer_id: int | None, unit: str) -> None:
        """The places of `block` and the customer's fittings of it."""
        self.block, self.customer_id = block, customer_id
        self.place.clear()
        for place in block.alterations.values():
            self.place.addItem(block_text(place.label), place.id)
        self.set_unit(unit)
        self.setEnabled(customer_id is not None and bool(block.alterations))
        self.load_orders()
        self.refresh()

    def load_orders(self) -> None:
        """The customer's orders of this garment, newest first, for "After order"."""
        self.after_order.clear()
        self.after_order.addItem(self.tr("none (a basted fitting)"), None)
        if self.block is None or self.customer_id is None:
            return
        for order in reversed(self.store.customer(self.customer_id).orders):
            if any(g.block_id == self.block.id for g in order.garments):
                self.after_order.addItem(f"{order.reference} · {date_text(order.created_at)}",
                                         order.id)

    def showEvent(self, event) -> None:
        """An order confirmed meanwhile on the Order page is offered when the tailor comes back."""
        self.load_orders()
        super().showEvent(event)

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        self.amount.set_unit(unit)
        self.refresh()

    def refresh(self) -> None:
        """The history, newest first; a withdrawn fitting is greyed and says so."""
        self.history.clear()
        if self.block is None or self.customer_id is None:
            return
        for f in reversed(fittings_of(self.store, self.customer_id, self.block.id)):
            changes = ", ".join(
                f"{block_text(place_label(self.block, a.place))} {show_change(a.amount_mm, self.unit)}"
                + (f" ({a.note})" if a.note else "") for a in f.alterations)
            when = date_text(f.fitted_on) + (self.tr(" · withdrawn") if f.withdrawn_at else "")
            item = QTreeWidgetItem([when, changes, f.fitted_by])
            item.setData(0, Qt.ItemDataRole.UserRole, f.id)
            item.setToolTip(1, changes + (f"\n{f.notes}" if f.notes else ""))
            if f.withdrawn_at:
                for column in range(3):
                    item.setForeground(column, colours.text("muted"))
            self.history.addTopLevelItem(item)

    def record_fitting(self) -> None:
        """Record the place and amount shown as a fitting of today; a refusal is said here."""
        if self.block is None or self.customer_id is None:
            return
        self.amount.commit()
        side = self.side.currentData()
        place = f"{self.place.currentData()}_{side}" if side else self.place.currentData()
        change = (place, self.amount.value(), self.note.text().strip())
        try:
            record(self.store, self.customer_id, self.block, [change],
                   fitted_by=self.fitted_by.text().strip(),
                   order_id=self.after_order.currentData(), unit=self.unit)
        except MtmError as exc:
            self.message.setText(f"⚠ {exc}")
            self.message.setStyleSheet(colours.text_style("error"))
            return
        self.message.setText(self.tr("Fitting recorded: later drafts of this garment apply it."))
        self.message.setStyleSheet("")
        self.amount.setValue(0.0)
        self.side.setCurrentIndex(0)
        self.note.clear()
        self.refresh()
        self.changed.emit()

    def withdraw_selected(self) -> None:
        """Withdraw the selected standing fitting, as one step on the window's undo stack."""
        item = self.history.currentItem()
        if item is None:
            self.message.setText(self.tr("Select a fitting to withdraw."))
            return
        if self.tr(" · withdrawn") in item.text(0):
            self.message.setText(self.tr("That fitting is withdrawn already."))
            return
        self._undo_stack().push(_Withdraw(self, item.data(0, Qt.ItemDataRole.UserRole),
                                          item.text(0)))

    def set_withdrawn(self, fitting_id: int, withdrawn: bool) -> None:
        set_withdrawn(self.store, fitting_id, withdrawn)
        self.message.setText(self.tr("Fitting withdrawn: its alterations no longer apply.")
                             if withdrawn else self.tr("Fitting put back."))
        self.refresh()
        self.changed.emit()
