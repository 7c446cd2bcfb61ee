"""The customer list with instant search (name, phone or order reference)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mtm_app.errors import MtmError
from mtm_app.store import Store
from mtm_app.ui import colours


class CustomerDialog(QDialog):
    """A new customer's details; the name is required, consent is asked for explicitly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New customer")
        self.name = QLineEdit()
        self.name.setObjectName("new_name")
        self.phone = QLineEdit()
        self.phone.setObjectName("new_phone")
        self.email = QLineEdit()
        self.email.setObjectName("new_email")
        self.consent = QCheckBox("The customer agrees that we keep their measurements")
        self.consent.setObjectName("new_consent")
        self.problem = QLabel()
        self.problem.setStyleSheet(colours.text_style("error"))
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Phone", self.phone)
        form.addRow("E-mail", self.email)
        form.addRow(self.consent)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _check(self) -> None:
        if not self.name.text().strip():
            self.problem.setText("Type the customer's name.")
            self.name.setFocus()
            return
        self.accept()


class CustomersPanel(QWidget):
    """Search box over the list; choosing a customer emits their id."""

    chosen = Signal(int)
    created = Signal(int)  # a new customer, chosen: the next step is measuring them

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.search = QLineEdit()
        self.search.setObjectName("customer_search")
        self.search.setPlaceholderText("Search name, phone or order…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search customers")
        self.list = QListWidget()
        self.list.setObjectName("customer_list")
        self.list.setAccessibleName("Customers")
        self.new_button = QPushButton("New customer (Ctrl+N)")
        self.new_button.setObjectName("new_customer")
        self.new_button.clicked.connect(self.new_customer)
        self.dialog: CustomerDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_button)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._choose_first)
        self.list.itemActivated.connect(self._choose)
        self.list.currentItemChanged.connect(lambda item, _old: self._choose(item))
        self.refresh()

    def new_customer(self) -> None:
        """Ask for the new customer's details (the dialog is not modal: the app stays live)."""
        self.dialog = CustomerDialog(self)
        self.dialog.accepted.connect(self._create)
        self.dialog.open()

    def _create(self) -> None:
        d = self.dialog
        try:
            customer = self.store.create_customer(
                d.name.text(), phone=d.phone.text().strip(), email=d.email.text().strip(),
                consent_date=date.today() if d.consent.isChecked() else None)
        except MtmError as exc:
            d.problem.setText(str(exc))
            d.open()
            return
        self.search.clear()
        self.refresh()
        self.select(customer.id)
        self.chosen.emit(customer.id)
        self.created.emit(customer.id)

    def refresh(self) -> None:
        """List the customers matching the search (every keystroke: the store answers in ms)."""
        self.list.blockSignals(True)
        self.list.clear()
        for customer in self.store.search(self.search.text()):
            item = QListWidgetItem(customer.name + (f"  ·  {customer.phone}" if customer.phone else ""))
            item.setData(Qt.ItemDataRole.UserRole, customer.id)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def select(self, customer_id: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == customer_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)

    def _choose_first(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)
            self._choose(self.list.item(0))

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
