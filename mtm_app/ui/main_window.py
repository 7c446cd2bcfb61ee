"""The tailor's window: customers, their measurements, a garment and its style options with a
live checked preview, and orders that write the factory's files."""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from mtm_app import unsaved, unsaved_blocks
from mtm_app.access import EVERYONE, Right
from mtm_app.block.model import Block
from mtm_app.drafting import Draft, draft
from mtm_app.drafting.alterations import PersonalAlteration
from mtm_app.drafting.inputs import explicit_choices
from mtm_app.errors import MtmError
from mtm_app.fittings import personal_alterations
from mtm_app.library import SHIPPED, all_blocks, library
from mtm_app.measurements.catalogue import label
from mtm_app.measurements.estimate import estimate_missing, likely_sex
from mtm_app.measurements.sizes import charts
from mtm_app.measurements.validate import Finding, check_measurements
from mtm_app.store import Store
from mtm_app.store.fabrics import fabrics
from mtm_app.store.models import Customer
from mtm_app.ui import colours, language
from mtm_app.ui.checks import ChecksPanel
from mtm_app.ui.customer_actions import CustomerActions
from mtm_app.ui.customer_page import CustomerPage
from mtm_app.ui.customers import CustomersPanel
from mtm_app.ui.fabrics_page import FabricsPage, catalogue_entry
from mtm_app.ui.fittings_panel import FittingsPanel
from mtm_app.ui.forms import MeasurementForm, OptionsForm
from mtm_app.ui.history import EditHistory
from mtm_app.ui.measurement_files import MeasurementFileActions
from mtm_app.ui.order_actions import OrderActions
from mtm_app.ui.orders import OrderPanel
from mtm_app.ui.pages import Page, TaskPages, first_input
from mtm_app.ui.preview import PatternView
from mtm_app.ui.production_page import ProductionPage
from mtm_app.ui.size_panel import SizePanel
from mtm_app.ui.workbench import WorkbenchPage

# the sidebar's groups, by who does the work (translated where shown: see `_tr`)
TAILOR = QT_TRANSLATE_NOOP("MainWindow", "Tailor")
FACTORY = QT_TRANSLATE_NOOP("MainWindow", "Factory")
PATTERN_MAKER = QT_TRANSLATE_NOOP("MainWindow", "Pattern maker")
NO_CONSENT = QT_TRANSLATE_NOOP(
    "MainWindow", "⚠ measurements are not kept: the customer has not agreed yet — tick Consent on "
                  "the Customers page once they have")
KEEP_AFTER_MS = 1500  # typed values are on disk this long after the last edit
PAGE_RIGHTS = {"customers": Right.CUSTOMERS, "measure": Right.CUSTOMERS, "style": Right.CUSTOMERS,
               "order": Right.CUSTOMERS, "production": Right.PRODUCTION, "fabrics": Right.PRODUCTION,
               "workbench": Right.BLOCKS}  # the right each page's task needs


def _garment_for(block: Block, sex: str | None) -> Block:
    """Keep the garment on screen unless its size chart (the bodies it is drafted for) is the
    other sex's; then the garment for this customer's that asks for the most of the same
    measurements (a shirt becomes the bodice, not the skirt)."""
    def drafted_for(b: Block) -> str | None:
        chart = charts().get(b.default_size_chart or "")
        return chart.sex if chart else None

    if sex is None or drafted_for(block) in (None, sex):
        return block
    fitting = [b for b in all_blocks() if drafted_for(b) == sex]
    return max(fitting, key=lambda b: len(b.measurements.keys() & block.measurements.keys()),
               default=block)


def _tr(text: str) -> str:
    """A module constant marked with QT_TRANSLATE_NOOP, in the window's language (constants are
    made before any translator is installed, so they are translated where they are shown)."""
    return QCoreApplication.translate("MainWindow", text)


def _column(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class MainWindow(MeasurementFileActions, OrderActions, CustomerActions, QMainWindow):
    def __init__(self, block: Block, customer: str, measurements_mm: dict[str, float],
                 store: Store | None = None) -> None:
        super().__init__()
        self.block = block
        self.store = store
        self.customer_id: int | None = None
        self.session_id: int | None = None
        self.customer_sex: str | None = None
        self.consent_given = True  # no measurement is stored for a customer without consent
        self.customer_since = ""
        self.customer_name = customer
        self.preview = PatternView()
        self.checks = ChecksPanel()
        self.estimate_button = QPushButton(self.tr("Estimate missing (Ctrl+E)"))
        self.estimate_button.clicked.connect(self.estimate_missing)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self._scrolls: dict[str, QScrollArea] = {}
        self.known_mm = dict(measurements_mm)
        self.known_estimated: dict[str, str] = {}  # estimate marks of values not on the form
        self.measurements = MeasurementForm(block, measurements_mm)
        self.options = OptionsForm(block, self.measurements.unit())
        self.measurements.unit_changed.connect(self.options.set_unit)
        self.size_panel = SizePanel()
        self._personal: tuple[tuple[int | None, str], list[PersonalAlteration]] | None = None
        self.size_panel.preference_changed.connect(self._preference_changed)
        self.size_panel.fit_chosen.connect(
            lambda fit: self.options.set_value(self.block.preset_option, fit))
        self.pages = TaskPages(self._workspace())
        self.setCentralWidget(self.pages)
        self.page_actions: dict[str, QAction] = {}
        if store is not None:
            self.customers = CustomersPanel(store)
            self.customers.chosen.connect(self.open_customer)
            self.customers.created.connect(self._measure_new_customer)
            self.customer_page = CustomerPage(store)
            self.customer_page.changed.connect(self._customer_edited)
            self.customer_page.erase_requested.connect(self.erase_customer)
            self.customer_page.export_requested.connect(self.export_customer)
            self._page("customers", self.tr("Customers"), TAILOR, self.customers,
                       self._scroll("Customer", self.customer_page))
        guide = self._scroll("How to measure", self.measurements.guide)
        guide.setMaximumHeight(290)  # the diagram's height: the fields get the rest
        guide_and_form = _column(self._scroll("Measurements", self.measurements), guide,
                                 self.estimate_button)
        self._page("measure", self.tr("Measure"), TAILOR, guide_and_form, workspace=True,
                   focus=lambda: next(iter(self.measurements.fields.values()), None))
        style = QSplitter(Qt.Orientation.Vertical)
        style.addWidget(self._scroll("Style options", self.options))
        advice = self._scroll("Size and fit", self.size_panel)
        # the advice is read whole (a line per chart), not through a three-line slot
        advice.setMinimumHeight(200)
        style.addWidget(advice)
        if store is not None:
            self.fittings = FittingsPanel(store, lambda: self.history.stack)
            self.fittings.changed.connect(self._fittings_changed)
            style.addWidget(self._scroll("Fittings", self.fittings))
        self._page("style", self.tr("Style and fit"), TAILOR, style, workspace=True,
                   focus=lambda: first_input(self.options))
        if store is not None:
            self.order_panel = OrderPanel()
            self.order_panel.confirm.connect(self.confirm_order)
            self.order_panel.add_garment.connect(self.add_garment_to_order)
            self.order_panel.reprint.connect(self.reprint_order)
            self.order_panel.lay_marker.connect(self.lay_marker)
            self.order_panel.print_file.connect(self.print_order_file)
            self._page("order", self.tr("Order"), TAILOR, self._scroll("Order", self.order_panel),
                       workspace=True, focus=lambda: self.order_panel.fabric)
            self.production = ProductionPage(store, lambda: self.measured_by.text())
            self.production.open_customer.connect(self._open_from_queue)
            self._page("production", self.tr("Production"), FACTORY, self.production)
            self.fabrics = FabricsPage(store)
            self.fabrics.changed.connect(self._offer_fabrics)
            self._page("fabrics", self.tr("Fabrics"), FACTORY, self.fabrics)
            self._offer_fabrics()
        self.workbench = WorkbenchPage(store)
        self._page("workbench", self.tr("Workbench"), PATTERN_MAKER, self.workbench,
                   focus=lambda: self.workbench.editor)
        self.pages.page_changed.connect(self._workbench_shown)
        self.workbench.saved.connect(self._blocks_saved)
        self.garment = QComboBox()
        self.garment.setObjectName("garment")
        self._blocks: dict[str, Block] = {}
        self.list_garments()
        self.garment.currentIndexChanged.connect(
            lambda _i: self.set_block(self._blocks[self.garment.currentData()]))
        bar = QToolBar(self.tr("Garment"))
        bar.setObjectName("garment_bar")
        bar.addWidget(QLabel(self.tr(" Garment: ")))
        bar.addWidget(self.garment)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Measured by: ")))
        self.measured_by = QLineEdit()
        self.measured_by.setObjectName("measured_by")
        self.measured_by.setPlaceholderText(self.tr("your name, kept with each session"))
        self.measured_by.setAccessibleName(self.tr("Measured by"))
        # as wide as its hint, in any language (French is longer), and no wider than that
        self.measured_by.setMaximumWidth(max(220, self.measured_by.fontMetrics().horizontalAdvance(
            self.measured_by.placeholderText()) + 24))
        bar.addWidget(self.measured_by)
        self.addToolBar(bar)
        self.last_draft: Draft | None = None
        self.findings: list[Finding] = []
        self.history = EditHistory(self._snapshot, self._apply_snapshot)
        self.draft_current = False  # whether last_draft is the draft of the form as it is
        self.draft_problem = ""  # why the form as it is does not draft, when it does not
        self._keep_timer = QTimer(self)  # typed values reach the disk a moment after each edit
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_AFTER_MS)
        self._keep_timer.timeout.connect(self.keep_unsaved)
        if self.store is not None:  # the order being made is kept like the measurements
            self.order_panel.changed.connect(self._keep_timer.start)
        self._order_on_disk: tuple | None = None  # the order being made as this window last kept or read it
        self._order_base = ""  # the customer's newest order when the order being made was begun
        self._confirming = False  # a confirm under way: a second click or shortcut waits for it
        self._last_confirm: tuple = (0.0, None, ())  # when an order was placed, for whom, what
        self._customer_actions: list[QAction] = []  # what needs the right to customers
        menus = {key: self.menuBar().addMenu(title) for key, title in (
            ("customer", self.tr("&Customer")), ("edit", self.tr("&Edit")),
            ("pattern", self.tr("&Pattern")), ("go", self.tr("&Go")))}
        for action in self.page_actions.values():
            menus["go"].addAction(action)
        for menu, text, keys, slot in (
                ("customer", self.tr("New customer"), "Ctrl+N", self._new_customer),
                ("customer", self.tr("Find a customer"), "Ctrl+F", self._focus_search),
                ("customer", self.tr("Save measurements as a new session (on the Workbench: the "
                                     "block)"), "Ctrl+S", self._save),
                ("customer", self.tr("Confirm order and write its files"), "Ctrl+Return",
                 self.confirm_order),
                ("customer", self.tr("Import measurements (JSON, Valentina, Seamly2D)…"), "Ctrl+I",
                 self.import_measurements),
                ("customer", self.tr("Export measurements to Valentina (.vit)…"), "",
                 self.export_measurements),
                ("customer", self.tr("Export customer (JSON)…"), "", self.export_customer),
                ("customer", self.tr("This shop's name…"), "", self.name_shop),
                ("customer", self.tr("Quit"), "Ctrl+Q", self.close),
                ("pattern", self.tr("Estimate missing measurements"), "Ctrl+E", self.estimate_missing),
                ("pattern", self.tr("Fit pattern to window"), "Ctrl+0", self.preview.fit_all)):
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            menus[menu].addAction(action)
            if menu == "customer" and slot != self.close:
                self._customer_actions.append(action)
        for text, keys, slot, enabled in (
                (self.tr("Undo"), QKeySequence.StandardKey.Undo, self.undo,
                 self.history.stack.canUndoChanged),
                (self.tr("Redo"), QKeySequence.StandardKey.Redo, self.redo,
                 self.history.stack.canRedoChanged)):
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.setEnabled(False)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            enabled.connect(action.setEnabled)
            menus["edit"].addAction(action)
        self.menuBar().addMenu(language.language_menu(self))
        self._connect_forms()
        self.resize(1400, 900)
        if QGuiApplication.platformName() != "offscreen":  # a real screen: never larger than it
            screen = self.screen().availableGeometry()
            self.resize(min(1400, screen.width()), min(900, screen.height()))
        self._restore_state()
        self._apply_access()
        self._update_title()
        self.redraft()

    # ------------------------------------------------------------------ customers and garments
    def _connect_forms(self) -> None:
        for form in (self.measurements, self.options):
            form.changed.connect(self.redraft)
            form.changed.connect(self.history.record)
        self.measurements.changed.connect(self._keep_timer.start)
        self.measurements.unit_changed.connect(lambda _unit: self.redraft())
        if self.store is not None:
            self.measurements.unit_changed.connect(self.fittings.set_unit)
            self.fittings.show_for(self.block, self.customer_id,
                                   self.measurements.unit())
        self.history.reset()
        self.required = [n for n, s in self.block.measurements.items() if s.derive is None]

    def list_garments(self) -> None:
        """Fill the garment chooser from the block library (again, after a block is saved or
        changed on disk): a block that does not load is listed greyed out, with its error —
        file, line and message — as its tooltip."""
        entries = library()
        self._blocks = {e.id: e.block for e in entries if e.block is not None}
        self._blocks.setdefault(self.block.id, self.block)  # on screen, whatever its file does now
        self.garment.blockSignals(True)
        self.garment.clear()
        for entry in sorted(entries, key=lambda e: e.broken):  # the broken ones last
            if entry.block is None:
                self.garment.addItem(self.tr("{block} — does not load").format(block=entry.id))
                item = self.garment.model().item(self.garment.count() - 1)
                item.setEnabled(False)
                item.setToolTip(str(entry.error))
                continue
            self.garment.addItem(self.tr("{garment} v{version}").format(
                garment=language.block_text(entry.block.name), version=entry.block.version), entry.id)
            if entry.origin != SHIPPED:
                self.garment.setItemData(self.garment.count() - 1, self.tr(
                    "Your own block: {file}").format(file=entry.path), Qt.ItemDataRole.ToolTipRole)
        self.garment.setCurrentIndex(self.garment.findData(self.block.id))
        self.garment.blockSignals(False)

    def _blocks_saved(self) -> None:
        """A block saved on the workbench: the chooser lists the library again, and the garment
        on screen is drafted from its block as saved (a new version, say), measurements kept."""
        self.list_garments()
        saved = self._blocks.get(self.block.id)
        if saved is not None and saved is not self.block:
            self.set_block(saved)

    def set_block(self, block: Block, values_mm: dict[str, float] | None = None,
                  unit: str | None = None, estimated: Iterable[str] = ()) -> None:
        """Show another garment (or another session, with the names of its estimated values):
        the forms are rebuilt for its block, keeping the measurements already typed."""
        if values_mm is None:
            values, marks = self.all_measurements(), self.all_estimated()
        else:
            values = dict(values_mm)
            marks = {n: self.tr("estimated, not measured; measure to confirm") for n in estimated}
        self.known_mm, self.known_estimated = values, marks
        unit = unit or self.measurements.unit()
        if values_mm is not None or block.id != self.block.id:
            # another person or another garment: never leave the last one's pattern up
            self.last_draft = None
            self.preview.show_pieces([])
        self.preview.auto_fit = True
        self.block = block
        self.measurements = MeasurementForm(block, values, unit, marks)
        self.options = OptionsForm(block, unit)
        self.measurements.unit_changed.connect(self.options.set_unit)
        self._scrolls["Measurements"].setWidget(self.measurements)
        self._scrolls["Style options"].setWidget(self.options)
        self._scrolls["How to measure"].setWidget(self.measurements.guide)
        self.garment.blockSignals(True)
        self.garment.setCurrentIndex(self.garment.findData(block.id))
        self.garment.blockSignals(False)
        self._connect_forms()
        self._update_title()
        if self.store is not None:
            self.order_panel.show_current(block)
        self.redraft()

    def all_measurements(self) -> dict[str, float]:
        """What is on the form, plus what the customer has that this garment does not ask for
        (a chest typed for the shirt survives a look at the trousers)."""
        form = self.measurements
        shown = form.shown()
        kept = {k: v for k, v in self.known_mm.items() if k not in shown}
        return {**kept, **form.values_mm()}

    def all_estimated(self) -> dict[str, str]:
        """Which of `all_measurements()` are estimates, with how each was estimated."""
        form = self.measurements
        kept = {k: v for k, v in self.known_estimated.items() if k not in form.fields}
        return {**kept, **form.estimated}

    def style_choices(self) -> dict:
        """The options the tailor chose (changed from the defaults and fit preset): the form
        shows every option, and an unchanged one must not hide a personal alteration."""
        return explicit_choices(self.block, self.options.values())

    def personal(self) -> list[PersonalAlteration]:
        """The customer's personal alterations for this garment, read once per customer and
        garment (and again after a fitting changes)."""
        key = (self.customer_id, self.block.id)
        if self._personal is None or self._personal[0] != key:
            self._personal = (key, personal_alterations(self.store, *key))
        return self._personal[1]

    def _fittings_changed(self) -> None:
        self._personal = None
        self.redraft()

    def _snapshot(self):
        return self.measurements.values_mm(), self.options.values()

    def _apply_snapshot(self, snapshot) -> None:
        values, options = snapshot
        for name, box in self.measurements.fields.items():
            box.blockSignals(True)
            box.setValue(values.get(name, 0.0))
            box.blockSignals(False)
        self.options.set_values(options)
        self.redraft()

    def undo(self) -> None:
        """Undo the last edit; text typed but not entered counts as the last edit."""
        self.commit_typing()
        self.history.stack.undo()

    def redo(self) -> None:
        self.commit_typing()
        self.history.stack.redo()

    def commit_typing(self) -> list[str]:
        """Take every value typed but not yet entered, as Return would (the tailor pressed a
        shortcut or a button with the cursor still in a field); the fields whose text is not
        a number are returned, left flagged."""
        unreadable = self.measurements.commit_pending()
        for box in self.options.findChildren(QAbstractSpinBox):
            box.interpretText()
        if self.store is not None:
            self.order_panel.commit_edits()
        return unreadable

    def autosave(self) -> None:
        """Keep what the tailor typed: saved as a new session before the customer leaves."""
        self._keep_timer.stop()
        if self.store is not None and self.customer_id is not None:
            self.commit_typing()
            self.keep_order()
            if self.all_measurements():
                self.save_measurements()

    def keep_unsaved(self) -> None:
        """Put what is typed on disk (not yet a session), so a crash loses at most seconds."""
        if self.store is None or self.customer_id is None:
            return
        customer = self._still_there()
        if customer is None:
            return
        values = self.all_measurements()
        if not self.consent_given:  # nothing of theirs goes to disk until they agree
            unsaved.discard_all(self.customer_id)
            return
        self.keep_order(customer)
        if values and not self._same_as_session(values, set(self.all_estimated()) & values.keys()):
            unsaved.keep(self.customer_id, unsaved.Unsaved(
                values, self.measurements.unit(),
                tuple(sorted(set(self.all_estimated()) & values.keys())),
                self.measured_by.text().strip(), self.block.id, self.customer_since))
        else:
            unsaved.discard(self.customer_id)

    def _recover_unsaved(self) -> None:
        """Values typed for this customer that a crash or kill kept from becoming a session:
        put back on the form and saved now, and the tailor told; then the order being made."""
        said = [text for text in (self._recover_measurements(), self.recover_order()) if text]
        if said:
            self.statusBar().showMessage(" ".join(said), 15000)

    def _recover_measurements(self) -> str:
        found = unsaved.recover(self.customer_id, self.customer_since)
        if found is None:
            return ""
        if self._same_as_session(found.values_mm, set(found.estimated)):
            unsaved.discard(self.customer_id)
            return ""
        self.set_block(self.block, found.values_mm, found.unit, found.estimated)
        if found.measured_by and not self.measured_by.text().strip():
            self.measured_by.setText(found.measured_by)
        self.save_measurements()
        return self.tr("Recovered {count} measurements typed at {when} that were not saved (the app "
                       "was closed unexpectedly); saved as a new session.").format(
            count=len(found.values_mm), when=language.moment_text(found.kept_at))

    def open_customer(self, customer_id: int) -> None:
        """Show a customer: their latest measurement session and their orders."""
        if customer_id != self.customer_id:
            self.autosave()
        try:
            customer = self.store.customer(customer_id)
        except MtmError:  # erased in another window or by `mtm customers erase` since listed
            self.customers.refresh()
            if self.customer_id is not None:
                self.customers.select(self.customer_id)
            self._alert(self.tr("⚠ that customer is no longer in the store (erased elsewhere); the list "
                                "is read again"))
            return
        self.customer_id, self.customer_name = customer.id, customer.name
        self.customer_since = str(customer.created_at)  # tells this person from a later one
        self.consent_given = customer.consent_date is not None
        latest = customer.sessions[-1] if customer.sessions else None
        self.session_id = latest.id if latest else None
        self.customer_sex = next((s.sex for s in reversed(customer.sessions) if s.sex), None)
        self.size_panel.set_preference(customer.fit_preference)
        values = dict(latest.values) if latest else {}
        unit = latest.unit if latest else "cm"
        self.set_block(_garment_for(self.block, self.customer_sex), values, unit,
                       latest.estimated if latest else ())
        self.order_panel.clear_order_fields()  # garments, fabric, notes, due date: the last order's
        self.order_panel.show_current(self.block)
        self.order_panel.show_orders(customer.orders)
        self.customer_page.show_customer(customer)
        self.customers.select(customer.id)
        self._recover_unsaved()

    def save_measurements(self) -> int | None:
        """Store the measurements as a new session (unless they are the session shown)."""
        if self.store is None or self.customer_id is None:
            return None
        self._keep_timer.stop()
        if not self._still_there():
            return None
        if not self.consent_given:
            self._alert(_tr(NO_CONSENT))
            return None
        values = self.all_measurements()
        estimated = set(self.all_estimated()) & values.keys()
        if self._same_as_session(values, estimated):
            unsaved.discard(self.customer_id)
            return self.session_id
        session = self.store.add_session(self.customer_id, values,
                                         self.measurements.unit(),
                                         sex=self.customer_sex,
                                         estimated=estimated,
                                         measured_by=self.measured_by.text().strip())
        self.session_id = session.id
        unsaved.discard(self.customer_id)
        self.customer_page.show_sessions(self.store.customer(self.customer_id))
        self.statusBar().showMessage(self.tr("Measurements saved as a new session"), 4000)
        return session.id

    def _still_there(self) -> Customer | None:
        """The customer on screen, as the store has them now — None if another window or `mtm
        customers erase` erased them: then nothing typed is kept for them."""
        try:
            return self.store.customer(self.customer_id)
        except MtmError:
            unsaved.discard_all(self.customer_id)
            self._alert(self.tr("⚠ {customer} is no longer in the store (erased elsewhere): "
                                "nothing typed for them is kept").format(customer=self.customer_name))
            self.customer_id = self.session_id = None
            return None

    def _same_as_session(self, values: dict[str, float], estimated: set[str]) -> bool:
        """Whether these are the values of the session shown (nothing new to save)."""
        if self.session_id is None:
            return False
        shown = self.store.measurement_session(self.session_id)
        return (shown.values.keys() == values.keys() and set(shown.estimated) == estimated
                and all(abs(shown.values[k] - v) < 0.05 for k, v in values.items()))

    def _workbench_shown(self, key: str) -> None:
        """The workbench opens the first time it is shown on the block whose changes were not
        saved last time, if any, else on the garment on screen."""
        if key == "workbench" and self.workbench.path is None and self.block.path is not None:
            kept = [p for p in unsaved_blocks.pending() if p.is_file()]
            self.workbench.open_block(kept[0] if kept else self.block.path)

    def _save(self) -> None:
        """Ctrl+S saves what the page shown edits: the block on the Workbench, else the
        measurements."""
        if self.pages.current() == "workbench":
            self.workbench.save()
        else:
            self.save_measurements()

    def _new_customer(self) -> None:
        if self.store is not None:
            self.customers.new_customer()

    def _offer_fabrics(self) -> None:
        self.order_panel.set_catalogue([catalogue_entry(f) for f in fabrics(self.store)])

    def _open_from_queue(self, customer_id: int) -> None:
        """An order double-clicked in the queue: its customer, on the Order page (for someone
        whose role has the tailor's pages; the factory stays in its queue)."""
        if not self.store.access.may(Right.CUSTOMERS):
            self.statusBar().showMessage(self.tr("The customer's pages are a tailor's: write the "
                                                 "selected order's files, or lay it in a marker, here"), 8000)
            return
        self.open_customer(customer_id)
        self.pages.go("order")

    def _measure_new_customer(self) -> None:
        """Back in the window, in the first measurement field: what a new customer needs next."""
        self.activateWindow()
        self.pages.go("measure")

    def _focus_search(self) -> None:
        if self.store is not None and self.store.access.may(Right.CUSTOMERS):
            self.pages.show_page("customers")
            self.customers.search.setFocus()
            self.customers.search.selectAll()

    def _update_title(self) -> None:
        title = self.tr("MTM Studio — {customer} — {garment} v{version}") if self.customer_name else \
            self.tr("MTM Studio — {garment} v{version}")
        self.setWindowTitle(title.format(customer=self.customer_name, garment=language.block_text(
            self.block.name), version=self.block.version) + self._signed_in())

    def _signed_in(self) -> str:
        """' — tina, tailor, Paris' on a shared database; nothing on a single-user install."""
        access = self.store.access if self.store is not None else EVERYONE
        if access.role is None:
            return ""
        return " — " + ", ".join(x for x in (access.login, language.role_text(access.role),
                                             access.shop_name) if x)

    def _apply_access(self) -> None:
        """The signed-in role's tasks only: a tailor's pages, the factory's, the pattern room's."""
        if self.store is None:
            return
        access = self.store.access
        allowed = {key for key, right in PAGE_RIGHTS.items()
                   if key in self.page_actions and access.may(right)}
        self.pages.restrict(allowed, self.page_actions)
        for action in self._customer_actions:
            action.setEnabled(access.may(Right.CUSTOMERS))
        self.customer_page.erase_button.setVisible(access.may(Right.ERASE))
        self._update_title()

    # ------------------------------------------------------------------ window state
    @staticmethod
    def _settings() -> QSettings:
        return language.settings()

    def shop(self) -> str:
        """The store this window takes orders in (kept with each order; the factory filters by it):
        on a shared database the signed-in person's shop, else the name given to this machine."""
        signed_in = self.store.access.shop_name if self.store is not None else ""
        return signed_in or str(self._settings().value("shop", "")).strip()

    def name_shop(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("This shop"), self.tr("The shop's name, kept with every order taken here:"),
            text=self.shop())
        if ok:
            self._settings().setValue("shop", name.strip()[:80])

    def _restore_state(self) -> None:
        settings = self._settings()
        geometry, state = settings.value("geometry"), settings.value("state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        page = str(settings.value("page", ""))
        self.pages.show_page(page if page in self.pages.pages else next(iter(self.pages.pages)))
        self.measured_by.setText(str(settings.value("measured_by", "")))

    def changeEvent(self, event) -> None:
        """The system went light or dark: the signal colours follow (fields, checks, banner)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "history"):
            self.redraft()

    def closeEvent(self, event) -> None:
        self.autosave()
        self.workbench.keep_unsaved()
        settings = self._settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.setValue("page", self.pages.current())
        settings.setValue("measured_by", self.measured_by.text())
        super().closeEvent(event)

    def _show_advice(self, values: dict[str, float]) -> None:
        """Nearest stock sizes and the fit to recommend, for the garment on screen."""
        preset = self.block.preset_option
        self.size_panel.show_advice(values, self.customer_sex or likely_sex(values),
                                    self.block.options[preset].choices if preset else (),
                                    self.options.value(preset) if preset else None,
                                    self.measurements.unit())

    def _preference_changed(self, preference: str) -> None:
        if self.store is not None and self.customer_id is not None:
            self.store.update_customer(self.customer_id, fit_preference=preference)
        self._show_advice(self.all_measurements())

    def measured(self) -> dict[str, float]:
        """What the customer was measured for, on this garment's form or another's: the
        basis of estimates and advice (estimates and values flagged as errors left out)."""
        wrong = {f.field for f in self.findings if f.severity == "error"}
        estimated = self.all_estimated()
        return {k: v for k, v in self.all_measurements().items()
                if k not in estimated and k not in wrong}

    def estimate_missing(self) -> None:
        """Fill every empty field with its estimate from what has been measured."""
        values = self.measured()
        if "height" not in values or not ({"chest", "bust"} & values.keys()):
            wrong = [label(f.field) for f in self.findings
                     if f.severity == "error" and f.field in ("height", "chest", "bust")]
            self._alert(self.tr("⚠ estimating needs height and chest (or bust): correct {names} first")
                        .format(names=", ".join(wrong)) if wrong
                        else self.tr("⚠ estimating needs height and chest (or bust)"))
            return
        filled = self.measurements.fill_estimates(estimate_missing(values))
        self.statusBar().showMessage(
            self.tr("Estimated (measure to confirm): {names}").format(
                names=", ".join(label(n) for n in filled)) if filled
            else self.tr("Nothing to estimate: every field is measured"))

    def _alert(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(colours.text_style("error", "font-weight: bold"))

    def _workspace(self) -> QWidget:
        """The live pattern with its banner above and its checks below: on every drafting page."""
        pattern = _column(self.banner, self.preview)
        pattern.layout().setStretch(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("workspace")
        split.addWidget(pattern)
        split.addWidget(self.checks)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        return split

    def _scroll(self, title: str, widget: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setObjectName(title)
        scroll.setWidget(widget)
        scroll.setWidgetResizable(True)
        self._scrolls[title] = scroll
        return scroll

    def _page(self, key: str, title: str, user: str, *parts: QWidget,
              workspace: bool = False, focus=None) -> None:
        page = QSplitter(Qt.Orientation.Horizontal)
        page.setObjectName(f"page_{key}")
        page.setChildrenCollapsible(False)
        for part in parts:
            page.addWidget(part)
        if workspace:  # the task's fields at their width, the pattern gets the rest
            page.setStretchFactor(0, 0)
            page.setStretchFactor(1, 1)
        self.page_actions[key] = self.pages.add_page(Page(key, title, _tr(user), page,
                                                          page if workspace else None, focus))

    def redraft(self) -> None:
        """Check the measurements and draft again; bad input is shown, never raised.

        Measurement errors (impossible values, unit mix-ups, missing ones) keep the last good
        pattern on screen; warnings are listed but the pattern still redrafts.
        """
        start = time.perf_counter()
        values = self.measurements.values_mm()
        findings = check_measurements(values, self.measurements.unit(),
                                      self.customer_sex,
                                      self.required)
        self.findings = findings
        self.measurements.show_findings(findings)
        self.draft_current, self.draft_problem = False, ""
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            self.checks.show_checks(None, findings, self.measurements.unit())
            self.size_panel.clear(self.tr("Correct the measurements marked in red to get size advice."))
            self.preview.set_out_of_date(bool(self.last_draft))
            wrong = [f for f in errors if f.code != "missing"]
            if wrong or self.measurements.insist:
                self._alert("⚠ " + "; ".join(f"{f.message} — {f.suggestion}" for f in errors[:2]))
            else:  # nothing wrong, only not measured yet: say what to take, calmly
                names = [label(f.field) for f in errors]
                self.banner.setText(self.tr("To draft the {garment}, measure: {names}").format(
                    garment=language.block_text(self.block.name).lower(),
                    names=", ".join(names[:6]) + (" …" if len(names) > 6 else "")))
                self.banner.setStyleSheet("")
            return
        try:
            result = draft(self.block, values, self.style_choices(), self.personal())
        except MtmError as exc:
            self.draft_problem = str(exc)
            self.preview.set_out_of_date(bool(self.last_draft))
            self._alert(f"⚠ {exc}")
            return
        self.last_draft, self.draft_current = result, True
        self.preview.set_out_of_date(False)
        self.preview.show_pieces(result.pieces)
        self.checks.show_checks(result, findings, self.measurements.unit())
        self._show_advice(self.all_measurements())
        ms = (time.perf_counter() - start) * 1000
        if not self.consent_given:
            self._alert(_tr(NO_CONSENT))
        elif result.ok:
            note = self.tr(" · {count} measurement warning(s)").format(count=len(findings)) \
                if findings else ""
            self.banner.setText(self.tr("Pattern checks pass · {pieces} pieces · {ms} ms").format(
                pieces=len(result.pieces), ms=f"{ms:.0f}") + note)
            self.banner.setStyleSheet(colours.text_style("ok"))
        else:
            self._alert(self.tr("Some checks fail: {checks}").format(
                checks="; ".join(result.failures()[:3])))
        derived = ", ".join(sorted(label(n) for n in result.derived))
        estimated = ", ".join(sorted(label(n) for n in self.all_estimated()))
        parts = [self.tr("Derived by the block: {names}").format(names=derived) if derived else "",
                 self.tr("estimated: {names}").format(names=estimated) if estimated else ""]
        self.statusBar().showMessage(" · ".join(p for p in parts if p)
                                     or self.tr("All measurements given"))
