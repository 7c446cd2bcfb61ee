"""The fabric catalogue: the list beside the chosen fabric's card; add, change, remove, and the
catalogue in and out as CSV (the spreadsheet the cutting room keeps)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.errors import MtmError
from mtm_app.fabric_files import read_fabrics_csv, write_fabrics_csv
from mtm_app.store import Store
from mtm_app.store.fabrics import fabric, fabrics, remove_fabric, save_fabric, save_fabrics
from mtm_app.store.models import Fabric
from mtm_app.ui import colours
from mtm_app.ui.language import decimal

CSV_FILTER = "CSV (*.csv)"


def catalogue_entry(f: Fabric) -> str:
    """A fabric as the order's fabric field offers it and keeps it: its code first."""
    return f"{f.code} — {f.name}, {f.width_mm / 10:g} cm" if f.name else f"{f.code}, {f.width_mm / 10:g} cm"


def code_in(text: str) -> str:
    """The catalogue code a fabric field's text starts with ('' if none could be)."""
    return text.strip().split(" ")[0].rstrip(",").upper() if text.strip() else ""


def _number(low: float, high: float, decimals: int, suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    return box


class FabricsPage(QWidget):
    """The catalogue and one fabric's card."""

    changed = Signal()  # the catalogue changed: the order page's fabric list follows

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.search = QLineEdit()
        self.search.setObjectName("fabric_search")
        self.search.setAccessibleName(self.tr("Find a fabric"))
        self.search.setPlaceholderText(self.tr("Find by code, name or composition…"))
        self.search.setClearButtonEnabled(True)
        self.list = QTreeWidget()
        self.list.setObjectName("fabric_list")
        self.list.setAccessibleName(self.tr("Fabrics"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels([self.tr("Code"), self.tr("Name"), self.tr("Width"),
                                   self.tr("Stock")])
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.code = QLineEdit()
        self.code.setObjectName("fabric_code")
        self.code.setMaxLength(40)
        self.name = QLineEdit()
        self.name.setObjectName("fabric_name")
        self.composition = QLineEdit()
        self.composition.setObjectName("fabric_composition")
        self.usable_width = _number(10, 400, 1, " cm")
        self.usable_width.setObjectName("fabric_width")
        self.one_way = QCheckBox(self.tr("nap or a one-way print: pieces all one way up"))
        self.one_way.setObjectName("fabric_one_way")
        self.repeat_length = _number(0, 200, 1, " cm")
        self.repeat_length.setObjectName("fabric_repeat_length")
        self.repeat_width = _number(0, 200, 1, " cm")
        self.repeat_width.setObjectName("fabric_repeat_width")
        self.shrinkage = _number(0, 20, 1, " %")
        self.shrinkage.setObjectName("fabric_shrinkage")
        self.price = _number(0, 100000, 2, "")
        self.price.setObjectName("fabric_price")
        self.stock = _number(-100000, 100000, 2, " m")
        self.stock.setObjectName("fabric_stock")
        self.notes = QLineEdit()
        self.notes.setObjectName("fabric_notes")
        card = QWidget()
        form = QFormLayout(card)
        for text, widget in ((self.tr("Code"), self.code), (self.tr("Name"), self.name),
                             (self.tr("Composition"), self.composition),
                             (self.tr("Usable width"), self.usable_width),
                             (self.tr("Direction"), self.one_way),
                             (self.tr("Repeat along the length"), self.repeat_length),
                             (self.tr("Repeat across the width"), self.repeat_width),
                             (self.tr("Shrinkage"), self.shrinkage),
                             (self.tr("Price per metre"), self.price), (self.tr("Stock"), self.stock),
                             (self.tr("Notes"), self.notes)):
            form.addRow(text, widget)
        self.save_button = QPushButton(self.tr("Save fabric"))
        self.save_button.setObjectName("fabric_save")
        self.new_button = QPushButton(self.tr("New fabric"))
        self.new_button.setObjectName("fabric_new")
        self.remove_button = QPushButton(self.tr("Remove from the catalogue…"))
        self.remove_button.setObjectName("fabric_remove")
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.setObjectName("fabric_import")
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setObjectName("fabric_export")
        self.message = QLabel()
        self.message.setObjectName("fabric_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.new_button, self.remove_button):
            buttons.addWidget(button)
        form.addRow(buttons)
        form.addRow(self.message)
        files = QHBoxLayout()
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.list, 1)
        column.addLayout(files)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(card)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 700])  # the list shows its four columns
        QVBoxLayout(self).addWidget(split)
        self.search.textChanged.connect(self.refresh)
        self.list.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new)
        self.remove_button.clicked.connect(self.remove)
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        current = select or (self.list.currentItem().text(0) if self.list.currentItem() else "")
        self.list.blockSignals(True)
        self.list.clear()
        for f in fabrics(self.store, self.search.text()):
            item = QTreeWidgetItem([f.code, f.name, f"{decimal(f'{f.width_mm / 10:g}')} cm",
                                    f"{decimal(f'{f.stock_m:g}')} m"])
            for column in range(4):
                item.setToolTip(column, f"{f.code} — {f.name}\n{f.composition}".strip())
            self.list.addTopLevelItem(item)
            if f.code == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self._show(self.list.currentItem())

    def _show(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        self.show_fabric(fabric(self.store, item.text(0)))

    def show_fabric(self, f: Fabric) -> None:
        self.code.setText(f.code)
        self.code.setReadOnly(True)  # the code is the fabric's name on every ticket
        self.name.setText(f.name)
        self.composition.setText(f.composition)
        self.usable_width.setValue(f.width_mm / 10)
        self.one_way.setChecked(f.one_way)
        self.repeat_length.setValue(f.repeat_length_mm / 10)
        self.repeat_width.setValue(f.repeat_width_mm / 10)
        self.shrinkage.setValue(f.shrinkage_pct)
        self.price.setValue(f.price_per_m)
        self.stock.setValue(f.stock_m)
        self.notes.setText(f.notes)
        self.message.clear()

    def new(self) -> None:
        """A blank card for a fabric not yet in the catalogue."""
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.code.setReadOnly(False)
        for field in (self.code, self.name, self.composition, self.notes):
            field.clear()
        self.usable_width.setValue(150.0)
        self.one_way.setChecked(False)
        for box in (self.repeat_length, self.repeat_width, self.shrinkage, self.price, self.stock):
            box.setValue(0.0)
        self.code.setFocus()

    def save(self) -> bool:
        for box in (self.usable_width, self.repeat_length, self.repeat_width, self.shrinkage, self.price,
                    self.stock):
            box.interpretText()  # a value typed but not entered counts
        if not self.code.text().strip():
            self._say("error", self.tr("Type the fabric's code (as on the roll's label)."))
            self.code.setFocus()
            return False
        code = self.code.text().strip().upper()
        if not self.code.isReadOnly() and any(f.code == code for f in fabrics(self.store)):
            self._say("error", self.tr("⚠ {0} is already in the catalogue: choose it in the list to "
                                       "change it, or give the new fabric its own code").format(code))
            self.code.setFocus()
            return False
        try:
            saved = save_fabric(
                self.store, self.code.text(), name=self.name.text(),
                composition=self.composition.text(), width_mm=self.usable_width.value() * 10,
                one_way=self.one_way.isChecked(), repeat_length_mm=self.repeat_length.value() * 10,
                repeat_width_mm=self.repeat_width.value() * 10,
                shrinkage_pct=self.shrinkage.value(), price_per_m=self.price.value(),
                stock_m=self.stock.value(), notes=self.notes.text())
        except MtmError as exc:
            self._say("error", f"⚠ {exc}")
            return False
        self.refresh(select=saved.code)
        self._say("ok", self.tr("Fabric {0} saved").format(saved.code))
        self.changed.emit()
        return True

    def remove(self, confirmed: bool = False) -> bool:
        code = self.code.text().strip()
        if not code or not self.code.isReadOnly():
            return False
        if not confirmed:
            answer = QMessageBox.question(
                self, self.tr("Remove fabric"),
                self.tr("Remove {0} from the catalogue? Orders keep the code they were given.")
                .format(code))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        remove_fabric(self.store, code)
        self.refresh()
        self._say("ok", self.tr("Fabric {0} removed").format(code))
        self.changed.emit()
        return True

    def import_csv(self, path: Path | None = None) -> int:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Import fabrics"), "", CSV_FILTER)
            if not chosen:
                return 0
            path = Path(chosen)
        try:
            saved = save_fabrics(self.store, read_fabrics_csv(path))
        except MtmError as exc:
            self._say("error", self.tr("⚠ nothing imported: {0}").format(exc))
            return 0
        self.refresh()
        self._say("ok", self.tr("{0} fabric(s) imported from {1}").format(len(saved), path.name))
        self.changed.emit()
        return len(saved)

    def export_csv(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export fabrics"), "fabrics.csv",
                                                    CSV_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        try:
            write_fabrics_csv(path, fabrics(self.store))
        except OSError as exc:
            self._say("error", f"⚠ {exc.strerror or exc}: {path}")
            return None
        self._say("ok", self.tr("Catalogue written to {0}").format(path))
        return path

    def _say(self, role: str, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(colours.text_style(role))
