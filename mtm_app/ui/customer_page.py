"""The customer page: details, measurement history (two sessions side by side), export, erase."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.atomic import write_atomic
from mtm_app.datafile import json_text
from mtm_app.measurements.catalogue import label
from mtm_app.store import Store
from mtm_app.store.errors import EditConflict
from mtm_app.store.models import Customer
from mtm_app.ui import colours
from mtm_app.ui.language import date_text, date_time_text, decimal

DETAILS = ("name", "phone", "email", "notes")  # the fields the page edits, in its order


class CustomerPage(QWidget):
    """Edits go to the store in one transaction each; `changed` tells the window to refresh."""

    changed = Signal()
    erase_requested = Signal()
    export_requested = Signal()

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.customer_id: int | None = None
        self._shown: tuple[str, str, str, str] = ("", "", "", "")
        self._version = 0  # the customer's version the fields were filled from
        self.name, self.phone, self.email, self.notes = (QLineEdit() for _ in range(4))
        for field, key in zip((self.name, self.phone, self.email, self.notes), DETAILS, strict=True):
            field.setObjectName(f"customer_{key}")
        for field in (self.name, self.phone, self.email, self.notes):
            field.editingFinished.connect(self.save_details)  # autosaved as the tailor leaves it
        self.consent = QCheckBox(self.tr("The customer agrees that we keep their measurements"))
        self.consent.setObjectName("customer_consent")
        self.consent.toggled.connect(self._consent_toggled)
        self.save_button = QPushButton(self.tr("Save details"))
        self.save_button.setObjectName("save_details")
        self.save_button.clicked.connect(self.save_details)
        self.sessions = QListWidget()
        self.sessions.setObjectName("sessions")
        self.sessions.setAccessibleName(self.tr("Measurement sessions"))
        self.sessions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.compare_button = QPushButton(self.tr("Compare the two selected sessions"))
        self.compare_button.setObjectName("compare_sessions")
        self.compare_button.clicked.connect(self.compare_selected)
        self.comparison = QTreeWidget()
        self.comparison.setObjectName("comparison")
        self.comparison.setAccessibleName(self.tr("Sessions compared"))
        self.comparison.setHeaderLabels([self.tr("Measurement"), self.tr("First"), self.tr("Second"),
                                         self.tr("Change")])
        self.comparison.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # side by side needs room: the comparison opens in its own window, the page stays small
        self.compare_window = QDialog(self)
        self.compare_window.setWindowTitle(self.tr("Measurement sessions side by side (cm)"))
        self.compare_window.resize(520, 640)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.compare_window.reject)  # Close and Escape
        compare_layout = QVBoxLayout(self.compare_window)
        compare_layout.addWidget(self.comparison)
        compare_layout.addWidget(close)
        self.sessions.setMinimumHeight(90)
        self.export_button = QPushButton(self.tr("Export everything held (JSON)…"))
        self.export_button.setObjectName("export_customer")
        self.export_button.clicked.connect(self.export_requested)
        self.erase_button = QPushButton(self.tr("Erase this customer…"))
        self.erase_button.setObjectName("erase_customer")
        self.erase_button.setStyleSheet(colours.text_style("error"))
        self.erase_button.clicked.connect(self.erase_requested)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Notes"), self.notes)
        form.addRow(self.tr("Consent"), self.consent)
        privacy = QHBoxLayout()
        privacy.addWidget(self.export_button)
        privacy.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.sessions)
        layout.addWidget(self.compare_button)
        layout.addStretch(1)
        layout.addLayout(privacy)

    def show_customer(self, customer: Customer) -> None:
        self.customer_id = customer.id
        self._shown = (customer.name, customer.phone, customer.email, customer.notes)
        self._version = customer.version
        self.consent.blockSignals(True)
        self.consent.setChecked(customer.consent_date is not None)
        self.consent.setText(
            self.tr("The customer agrees that we keep their measurements (since {day})").format(
                day=date_text(customer.consent_date)) if customer.consent_date
            else self.tr("The customer agrees that we keep their measurements"))
        self.consent.blockSignals(False)
        for field, value in ((self.name, customer.name), (self.phone, customer.phone),
                             (self.email, customer.email), (self.notes, customer.notes)):
            field.setText(value)
        self.show_sessions(customer)

    def show_sessions(self, customer: Customer) -> None:
        """The customer's measurement sessions, newest first."""
        self.sessions.clear()
        for s in reversed(customer.sessions):
            who = f" · {s.measured_by}" if s.measured_by else ""
            item = QListWidgetItem(self.tr("{when} · {count} measurements ({unit})").format(
                when=date_time_text(_local(s.taken_at)), count=len(s.values), unit=s.unit)
                + who)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.sessions.addItem(item)
        self.comparison.clear()

    def _consent_toggled(self, given: bool) -> None:
        """Consent is recorded with its date; without it no measurement is kept."""
        if self.customer_id is None:
            return
        self.store.update_customer(self.customer_id,
                                   consent_date=date.today() if given else None)
        self.show_customer(self.store.customer(self.customer_id))
        self.changed.emit()

    def save_details(self) -> None:
        """Save the details the tailor changed — only those, from the version they were shown:
        changed elsewhere since, the tailor is shown what changed and chooses."""
        if self.customer_id is None or not self.name.text().strip():
            return
        now = (self.name.text().strip(), self.phone.text().strip(), self.email.text().strip(),
               self.notes.text())
        mine = {f: v for f, v, was in zip(DETAILS, now, self._shown, strict=True) if v != was}
        if not mine:
            return
        version = self._version
        while True:  # asked again if it changes once more while the tailor reads the question
            try:
                saved = self.store.update_customer(self.customer_id, version, **mine)
                break
            except EditConflict as conflict:
                theirs = {f: conflict.current[f] for f, was in zip(DETAILS, self._shown, strict=True)
                          if conflict.current[f] != was}  # none: another field (consent, fit) moved it
                if theirs and not self._keep_mine(mine, theirs):
                    self.show_customer(self.store.customer(self.customer_id))  # theirs, on screen
                    self.changed.emit()
                    return
                version = conflict.version
        if version != self._version:  # saved over another change: show the customer as now stored
            self.show_customer(self.store.customer(self.customer_id))
        else:
            self._shown, self._version = now, saved.version
        self.changed.emit()

    def _keep_mine(self, mine: dict[str, str], theirs: dict[str, str]) -> bool:
        """Ask whether to save the tailor's changes over a change made elsewhere meanwhile."""
        words = {"name": self.tr("Name"), "phone": self.tr("Phone"), "email": self.tr("E-mail"),
                 "notes": self.tr("Notes")}
        lines = [self.tr("{field}: now '{value}'").format(field=words[f], value=v) for f, v in theirs.items()]
        yours = [self.tr("{field}: '{value}'").format(field=words[f], value=v) for f, v in mine.items()]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed elsewhere"), self.tr(
            "This customer was changed in another window or store since you opened them:\n{theirs}"
            "\n\nYour changes:\n{mine}").format(theirs="\n".join(lines), mine="\n".join(yours)),
            parent=self)
        box.setObjectName("edit_conflict")
        keep = box.addButton(self.tr("Save mine over theirs"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep theirs, drop mine"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is keep

    def compare_selected(self) -> None:
        """The two selected sessions side by side, older first, in cm."""
        ids = sorted(item.data(Qt.ItemDataRole.UserRole) for item in self.sessions.selectedItems())
        self.comparison.clear()
        self.compare_window.show()
        if len(ids) != 2:
            note = QTreeWidgetItem([self.tr("Select two sessions to compare")])
            note.setToolTip(0, note.text(0))
            self.comparison.addTopLevelItem(note)
            note.setFirstColumnSpanned(True)  # a sentence across the table, not a measurement
            return
        when = [date_time_text(_local(self.store.measurement_session(i).taken_at)) for i in ids]
        self.comparison.setHeaderLabels([self.tr("Measurement"), *when, self.tr("Change")])
        for name, (a, b) in self.store.compare_sessions(*ids).items():
            change = "" if a is None or b is None else decimal(f"{(b - a) / 10:+.1f}")
            row = QTreeWidgetItem([label(name), _cm(a), _cm(b), change])
            if change and change.replace(",", ".") not in ("+0.0", "-0.0"):
                row.setForeground(3, colours.text("changed"))
            self.comparison.addTopLevelItem(row)

    def export_to(self, path: Path) -> None:
        data = self.store.export_customer(self.customer_id)
        write_atomic(path, json_text(data, ascii_only=False).encode("utf-8"))


def _local(moment: datetime) -> datetime:
    """The tailor's clock time; SQLite gives back UTC without its zone."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone()


def _cm(mm: float | None) -> str:
    return "—" if mm is None else decimal(f"{mm / 10:.1f}")
