"""The cutting room's queue: every customer's orders in one table, filtered and sorted, moved
along their statuses (who and when kept), their files produced in one run — here, or queued for
the worker machines (`mtm worker`), whose jobs are shown for the orders selected.

A barcode scanner reading a cut ticket's QR code types the order reference and Enter into the
search field: that order is selected and its history shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.batch import default_workers, produce_stored, run
from mtm_app.errors import MtmError
from mtm_app.export.files import ORDER_FORMATS
from mtm_app.library import all_blocks
from mtm_app.marker_plan import lay_plan, plan_markers
from mtm_app.order_status import TRANSITIONS
from mtm_app.store import Order, OrderStatus, Store
from mtm_app.store.errors import StoreError
from mtm_app.store.fabrics import fabrics
from mtm_app.store.folders import marker_run_folder, markers_root
from mtm_app.store.jobs import JobKind, JobStatus, ProductionJob, jobs, queue_marker, queue_order_files
from mtm_app.ui import colours
from mtm_app.ui.language import block_text, date_format, date_text, date_time_text, decimal
from mtm_app.ui.marker_dialog import material_text
from mtm_app.ui.orders import cloths_text, garments_text
from mtm_app.ui.printing import print_with_dialog

NO_DATE = QDate(2000, 1, 1)
REFRESH_MS = 15000
JOBS_REFRESH_MS = 3000  # while a job of the selected orders is queued or running
COLUMNS = 8  # order, customer, garment, status, due, fabric, quantity, shop


def _scanned_reference(text: str) -> str:
    """The order reference in what a scanner typed: the ticket's QR code holds the reference
    and the trace ('O-2026-1A2B3C 5f0d…'); a person types the reference alone."""
    return text.split()[0] if text.split() else ""


class _Row(QTreeWidgetItem):
    """Sorts dates and quantities as such, not as text."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn()
        mine, theirs = self.data(column, Qt.ItemDataRole.UserRole + 1), other.data(
            column, Qt.ItemDataRole.UserRole + 1)
        if mine is not None and theirs is not None:
            return mine < theirs
        return self.text(column) < other.text(column)


class ProductionPage(QWidget):
    """The queue, its filters, the status moves, the history of the chosen order."""

    open_customer = Signal(int)  # double-click: the tailor's view of that order's customer

    def __init__(self, store: Store, who: Callable[[], str]) -> None:
        super().__init__()
        self.store = store
        self.who = who  # the person at the keyboard (the name typed in the tool bar)
        self._shown: dict[str, Order] = {}  # the orders in the table, by reference
        self.search = QLineEdit()
        self.search.setObjectName("production_search")
        self.search.setAccessibleName(self.tr("Find or scan an order"))
        self.search.setPlaceholderText(self.tr("Scan a ticket or type a reference or name…"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("production_status")
        self.status.setAccessibleName(self.tr("Status"))
        self.status.addItem(self.tr("open orders"), "open")
        self.status.addItem(self.tr("every status"), "")
        for status in OrderStatus:
            self.status.addItem(status.text, status.value)
        self.due = QDateEdit()
        self.due.setObjectName("production_due")
        self.due.setAccessibleName(self.tr("Due by"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_format())
        self.due.setMinimumDate(NO_DATE)
        self.due.setSpecialValueText(self.tr("any date"))
        self.due.setDate(NO_DATE)
        self.fabric = QLineEdit()
        self.fabric.setObjectName("production_fabric")
        self.fabric.setAccessibleName(self.tr("Fabric"))
        self.fabric.setPlaceholderText(self.tr("fabric code or words"))
        self.garment = QComboBox()
        self.garment.setObjectName("production_garment")
        self.garment.setAccessibleName(self.tr("Garment"))
        self.garment.addItem(self.tr("every garment"), "")
        for block in all_blocks():
            self.garment.addItem(block_text(block.name), block.id)
        self.shop = QComboBox()
        self.shop.setObjectName("production_shop")
        self.shop.setAccessibleName(self.tr("Shop"))
        self.shop.addItem(self.tr("every shop"), "")
        # the scanner's field on its own row, the filters below: each gets room for its words in
        # any language (French runs a third longer)
        find_row, filter_row = QHBoxLayout(), QHBoxLayout()
        filters = QVBoxLayout()
        filters.addLayout(find_row)
        filters.addLayout(filter_row)
        for text, widget in ((self.tr("Find"), self.search), (self.tr("Status"), self.status),
                             (self.tr("Due by"), self.due), (self.tr("Fabric"), self.fabric),
                             (self.tr("Garment"), self.garment), (self.tr("Shop"), self.shop)):
            label = QLabel(text)
            label.setBuddy(widget)
            row = find_row if widget is self.search else filter_row
            row.addWidget(label)
            row.addWidget(widget, 2 if widget in (self.search, self.fabric) else 0)
        self.table = QTreeWidget()
        self.table.setObjectName("production_queue")
        self.table.setAccessibleName(self.tr("Production queue"))
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Order"), self.tr("Customer"), self.tr("Garment"),
                                    self.tr("Status"), self.tr("Due"), self.tr("Fabric"),
                                    self.tr("Qty"), self.tr("Shop")])
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.next_status = QComboBox()
        self.next_status.setObjectName("production_next_status")
        self.next_status.setAccessibleName(self.tr("Next status"))
        self.move_button = QPushButton(self.tr("Move the selected orders"))
        self.move_button.setObjectName("production_move")
        self.produce_button = QPushButton(self.tr("Write the selected orders' files…"))
        self.produce_button.setObjectName("production_produce")
        self.markers_button = QPushButton(self.tr("Lay the selected orders in markers…"))
        self.markers_button.setObjectName("production_markers")
        self.print_button = QPushButton(self.tr("Print a marker…"))
        self.print_button.setObjectName("production_print_marker")
        self.to_workers = QCheckBox(self.tr("Queue for the workers"))
        self.to_workers.setObjectName("production_to_workers")
        self.to_workers.setToolTip(self.tr("Files and markers are made by the factory's worker "
                                           "machines instead of this computer; their jobs are "
                                           "listed under Worker jobs"))
        self.message = QLabel()
        self.message.setObjectName("production_message")
        self.message.setWordWrap(True)
        self.history = QTreeWidget()
        self.history.setObjectName("production_history")
        self.history.setAccessibleName(self.tr("Order history"))
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels([self.tr("When"), self.tr("Change"), self.tr("Who"),
                                      self.tr("Why")])
        self.history.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.jobs = QTreeWidget()
        self.jobs.setObjectName("production_jobs")
        self.jobs.setAccessibleName(self.tr("Worker jobs of the selected orders"))
        self.jobs.setRootIsDecorated(False)
        self.jobs.setHeaderLabels([self.tr("Job"), self.tr("Work"), self.tr("Orders"), self.tr("Status"),
                                   self.tr("Attempts"), self.tr("Worker"), self.tr("Queued"),
                                   self.tr("Result")])
        self.jobs.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.jobs.header().setStretchLastSection(True)
        details = QTabWidget()
        details.setObjectName("production_details")
        details.addTab(self.history, self.tr("History"))
        details.addTab(self.jobs, self.tr("Worker jobs"))
        actions = QHBoxLayout()  # moving orders on one row, making their files on the next:
        actions.addWidget(QLabel(self.tr("Move to")))  # one row is wider than a laptop in French
        actions.addWidget(self.next_status)
        actions.addWidget(self.move_button)
        actions.addStretch(1)
        making = QHBoxLayout()
        making.addWidget(self.produce_button)
        making.addWidget(self.markers_button)
        making.addWidget(self.print_button)
        making.addWidget(self.to_workers)
        making.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addLayout(making)
        layout.addWidget(self.message)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._scanned)
        self.status.currentIndexChanged.connect(self.refresh)
        self.due.dateChanged.connect(self.refresh)
        self.fabric.textChanged.connect(self.refresh)
        self.garment.currentIndexChanged.connect(self.refresh)
        self.shop.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(self._open)
        self.move_button.clicked.connect(lambda: self.move_selected())  # not `checked` as the reason
        self.produce_button.clicked.connect(self.produce_selected)
        self.markers_button.clicked.connect(lambda: self.lay_selected())
        self.print_button.clicked.connect(lambda: self.print_marker())
        self._poll = QTimer(self)  # other stations move orders too: the queue follows
        self._poll.setInterval(REFRESH_MS)
        self._poll.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self._poll.start()
        self._jobs_poll = QTimer(self)  # the workers' progress on the orders selected
        self._jobs_poll.setInterval(JOBS_REFRESH_MS)
        self._jobs_poll.timeout.connect(lambda: self.show_jobs() if self.isVisible() else None)
        self.refresh()

    def showEvent(self, event) -> None:
        """The queue as it is now, whoever changed it since (the tailor's pages, a script)."""
        super().showEvent(event)
        self.refresh()

    # ------------------------------------------------------------------ the queue
    def refresh(self) -> None:
        """The queue as the filters say, keeping the selection."""
        self._list_shops()
        chosen = set(self.selected())
        wanted = self.status.currentData()
        statuses = ([s for s in OrderStatus if s not in (OrderStatus.DELIVERED,
                                                        OrderStatus.CANCELLED, OrderStatus.DRAFT)]
                    if wanted == "open" else [OrderStatus(wanted)] if wanted else [])
        due = self.due.date()
        orders = self.store.orders(
            statuses=statuses, due_before=None if due == NO_DATE else date(due.year(), due.month(),
                                                                        due.day()),
            fabric=self.fabric.text(), block_id=self.garment.currentData() or "",
            shop=self.shop.currentData() or "",
            text="" if self._is_reference(self.search.text()) else self.search.text())
        self.table.setSortingEnabled(False)
        self.table.clear()
        self._shown = {o.reference: o for o in orders}  # the rows' orders, read with the queue
        for order in orders:
            self.table.addTopLevelItem(self._row(order))
        self.table.setSortingEnabled(True)
        for k in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(k)
            item.setSelected(item.text(0) in chosen)
        self._selection_changed()

    def _list_shops(self) -> None:
        """The shop filter offers every shop that has taken an order (a new one appears as soon
        as its first order is in), keeping the one chosen."""
        shops = self.store.shops()
        if shops == [self.shop.itemData(k) for k in range(1, self.shop.count())]:
            return
        chosen = self.shop.currentData()
        self.shop.blockSignals(True)
        while self.shop.count() > 1:
            self.shop.removeItem(1)
        for name in shops:
            self.shop.addItem(name, name)
        self.shop.setCurrentIndex(max(0, self.shop.findData(chosen)))
        self.shop.blockSignals(False)

    def _row(self, order: Order) -> QTreeWidgetItem:
        due = order.due_date.isoformat() if order.due_date else ""
        row = _Row([order.reference, order.customer.name,
                    garments_text(order), order.status.text,
                    date_text(order.due_date) if order.due_date else "",
                    cloths_text(order), str(order.quantity), order.shop])
        row.setData(0, Qt.ItemDataRole.UserRole, order.id)
        row.setData(4, Qt.ItemDataRole.UserRole + 1, due or "9999")  # no due date: last (ISO sorts)
        row.setData(6, Qt.ItemDataRole.UserRole + 1, order.quantity)
        for column in range(COLUMNS):
            row.setToolTip(column, row.text(column))
        if order.due_date and order.due_date < date.today() and order.status not in (
                OrderStatus.DELIVERED, OrderStatus.CANCELLED):
            row.setForeground(4, colours.text("error"))  # late
        return row

    def selected(self) -> list[str]:
        return [item.text(0) for item in self.table.selectedItems()]

    def _is_reference(self, text: str) -> bool:
        try:
            self.store.order_by_reference(_scanned_reference(text))
        except StoreError:
            return False
        return True

    def _scanned(self) -> None:
        """Enter in the search field (a scanner's last key): open the order it names."""
        text = self.search.text().strip()
        try:
            order = self.store.order_by_reference(_scanned_reference(text))
        except StoreError:
            if self.table.topLevelItemCount() == 1:
                self.table.setCurrentItem(self.table.topLevelItem(0))
            else:
                self._say("error", self.tr("No order {0}: scan the ticket again or type the "
                                           "reference").format(text))
            return
        self.status.setCurrentIndex(self.status.findData(""))  # whatever its status
        self.refresh()
        for k in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(k)
            if item.text(0) == order.reference:
                self.table.setCurrentItem(item)
                self.table.scrollToItem(item)
        self.search.selectAll()  # the next scan replaces it

    def _selection_changed(self) -> None:
        orders = [self._shown[r] for r in self.selected()]
        common = set.intersection(*(set(TRANSITIONS[o.status]) for o in orders)) if orders else set()
        self.next_status.clear()
        for status in TRANSITIONS[orders[0].status] if orders else ():  # forward first, then
            if status in common:                                         # back and cancel
                self.next_status.addItem(status.text, status.value)
        self.move_button.setEnabled(bool(common))
        self.produce_button.setEnabled(bool(orders))
        self.markers_button.setEnabled(bool(orders))
        self.history.clear()
        if len(orders) == 1:
            names = {s.value: s.text for s in OrderStatus}
            for e in orders[0].events:
                to = names.get(e.to_status, e.to_status)
                change = f"{names.get(e.from_status, e.from_status)} → {to}" if e.from_status else to
                when = date_time_text(e.at.astimezone() if e.at.tzinfo else e.at)
                self.history.addTopLevelItem(QTreeWidgetItem([when, change, e.by, e.reason]))
        self.show_jobs()

    def show_jobs(self) -> list[ProductionJob]:
        """The worker jobs of the selected orders, newest first; watched every few seconds
        while one of them waits or runs."""
        ids = [self._shown[r].id for r in self.selected() if r in self._shown]
        found = jobs(self.store, order_ids=ids) if ids else []
        kinds = {JobKind.ORDER_FILES: self.tr("files"), JobKind.MARKER: self.tr("marker")}
        statuses = {JobStatus.QUEUED: self.tr("queued"), JobStatus.RUNNING: self.tr("running"),
                    JobStatus.DONE: self.tr("done"), JobStatus.FAILED: self.tr("failed")}
        self.jobs.clear()
        for job in found:
            result = (self.tr("{0} file(s)").format(len(job.files)) if job.status == JobStatus.DONE
                      else "")
            result = " — ".join(filter(None, (result, job.message)))
            row = QTreeWidgetItem([str(job.id), kinds.get(job.kind, job.kind), ", ".join(job.references),
                                   statuses.get(job.status, job.status),
                                   f"{job.attempts}/{job.max_attempts}", job.worker,
                                   date_time_text(job.created_at.astimezone() if job.created_at.tzinfo
                                                  else job.created_at), result])
            for column in range(row.columnCount()):
                row.setToolTip(column, row.text(column))
            if job.status == JobStatus.FAILED:
                row.setForeground(3, colours.text("error"))
            self.jobs.addTopLevelItem(row)
        active = any(j.status in (JobStatus.QUEUED, JobStatus.RUNNING) for j in found)
        if active and not self._jobs_poll.isActive():
            self._jobs_poll.start()
        elif not active:
            self._jobs_poll.stop()
        return found

    def _open(self, item: QTreeWidgetItem) -> None:
        order = self.store.order(int(item.data(0, Qt.ItemDataRole.UserRole)))
        self.open_customer.emit(order.customer_id)

    # ------------------------------------------------------------------ moving and producing
    def move_selected(self, reason: str | None = None) -> bool:
        """Move every selected order to the status chosen; a cancel asks why."""
        target = self.next_status.currentData()
        refs = self.selected()
        if not target or not refs:
            return False
        status = OrderStatus(target)
        if status is OrderStatus.CANCELLED and reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Cancel orders"),
                                              self.tr("Why are these orders cancelled?"))
            if not ok:
                return False
            if not reason.strip():
                self._say("error", self.tr("⚠ nothing cancelled: say why the orders are cancelled"))
                return False
        try:
            for ref in refs:
                self.store.set_status(self._shown[ref].id, status,
                                      by=self.who().strip(), reason=reason or "")
        except StoreError as exc:
            self._say("error", f"⚠ {exc}")
            self.refresh()
            return False
        self._say("ok", self.tr("{0} order(s) now {1}").format(len(refs), status.text))
        self.refresh()
        return True

    def _to_make(self) -> list[str]:
        """The selected orders the cutting room may make: a cancelled or draft order gets no
        files and no place in a marker (said, not silently dropped)."""
        refs, left = [], []
        for ref in self.selected():
            status = self._shown[ref].status
            (left if status in (OrderStatus.CANCELLED, OrderStatus.DRAFT) else refs).append(ref)
        if left:
            self._say("warning", self.tr("Left out, not to be cut: {0}").format(", ".join(left)))
            QApplication.processEvents()
        return refs

    def produce_selected(self, workers: int | None = None) -> list:
        """Write the selected orders' files again in one run, with progress and Cancel; or
        queue them for the worker machines (the jobs queued)."""
        refs = self._to_make()
        if not refs:
            return []
        if self.to_workers.isChecked():
            queued = self._queue(lambda: queue_order_files(self.store, refs, ORDER_FORMATS))
            if queued is not None:
                self._say("ok", self.tr("{0} job(s) queued for the workers ({1} already waiting)")
                          .format(len(queued), len(refs) - len(queued)))
            return queued or []
        url = self.store.engine.url.render_as_string(hide_password=False)
        tasks = [(r, (url, r, ORDER_FORMATS)) for r in refs]
        progress = QProgressDialog(self.tr("Writing the files of {0} order(s)…").format(len(refs)),
                                   self.tr("Cancel"), 0, len(refs), self)
        progress.setMinimumDuration(0)
        progress.show()
        stop, done, outcome = threading.Event(), [0], []

        def heard(count: int, _total: int, _outcome) -> None:
            done[0] = count

        def work() -> None:
            outcome.extend(run(tasks, produce_stored, workers or default_workers(), heard,
                               stop.is_set))

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        while worker.is_alive():
            if progress.wasCanceled():
                stop.set()  # the orders being written finish whole; no more start
            progress.setValue(done[0])
            QApplication.processEvents()
            worker.join(0.05)
        progress.close()
        failed = [o for o in outcome if not o.ok]
        text = self.tr("{0} written, {1} failed").format(len(outcome) - len(failed), len(failed))
        if stop.is_set():
            text += self.tr("; cancelled, {0} not started").format(len(refs) - len(outcome))
        if failed:
            text += ": " + "; ".join(f"{o.reference}: {o.error}" for o in failed[:3])
        self._say("error" if failed else "warning" if stop.is_set() else "ok", text)
        return outcome

    def lay_selected(self, dialog: MarkersDialog | None = None) -> list:
        """One marker per fabric and material of the selected orders, in a thread, with
        progress and Cancel (a marker being solved finishes; nothing more starts)."""
        refs = self._to_make()
        if not refs:
            return []
        if dialog is None:  # tests hand in a dialog already filled in
            dialog = MarkersDialog(fabrics(self.store), self)
            if dialog.exec() != MarkersDialog.DialogCode.Accepted:
                return []
        if self.to_workers.isChecked():
            queued = self._queue(lambda: [queue_marker(self.store, refs, dialog.material_fabrics(),
                                                       dialog.seconds.value())])
            if queued is not None:
                self._say("ok", self.tr("The markers of {0} order(s) queued for the workers")
                          .format(len(refs)))
            return queued or []
        try:
            plan = plan_markers(self.store, refs, material_fabrics=dialog.material_fabrics(),
                                seconds=dialog.seconds.value())
        except MtmError as exc:
            self._say("error", f"⚠ {exc}")
            return []
        progress = QProgressDialog(self.tr("Laying {0} marker(s)…").format(len(plan.runs)),
                                   self.tr("Cancel"), 0, max(len(plan.runs), 1), self)
        progress.setMinimumDuration(0)
        progress.show()
        stop, done, laid = threading.Event(), [0], []
        folder = marker_run_folder(refs)
        worker = threading.Thread(target=lambda: laid.extend(lay_plan(
            self.store, plan, folder, stop.is_set, lambda k, _n, _run: done.__setitem__(0, k))),
            daemon=True)
        worker.start()
        while worker.is_alive():
            if progress.wasCanceled():
                stop.set()
            progress.setValue(done[0])
            QApplication.processEvents()
            worker.join(0.05)
        progress.close()
        said = [self.tr("{fabric} {material}: {result}").format(
                    fabric=run.fabric, material=material_text(run.material),
                    result=f"⚠ {error}" if error else self.tr("{length} cm, {use} %").format(
                        length=decimal(f"{marker.length / 10:.1f}"),
                        use=f"{100 * marker.utilisation:.0f}"))
                for run, marker, _written, error in laid]
        said += [f"⚠ {line}" for line in plan.not_laid]
        laid_count = sum(marker is not None for _run, marker, _written, _error in laid)
        if stop.is_set():  # the one being solved when Cancel was pressed is not laid either
            said.append(self.tr("cancelled: {0} marker(s) not laid").format(len(plan.runs) - laid_count))
        bad = any(error for *_, error in laid) or plan.not_laid or stop.is_set()
        laid_any = laid_count > 0
        self._say("warning" if bad else "ok",
                  (self.tr("Markers in {0}: ").format(folder) if laid_any else self.tr("No marker laid: "))
                  + "; ".join(said))
        return laid

    def _queue(self, queue: Callable[[], list[ProductionJob]]) -> list[ProductionJob] | None:
        """Queue jobs for the workers and show them; None (said) if the store refused."""
        try:
            queued = queue()
        except StoreError as exc:
            self._say("error", f"⚠ {exc}")
            return None
        self.show_jobs()
        return queued

    def print_marker(self, path: Path | None = None, preview: bool = False) -> int:
        """A marker's plot (its PDF, section by section) through the print dialog at 100 %."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Print a marker"), str(markers_root()),
                self.tr("Marker plots (marker-*.pdf)"))
            if not chosen:
                return 0
            path = Path(chosen)
        try:
            pages = print_with_dialog(path, self, preview)
        except MtmError as exc:
            self._say("error", self.tr("⚠ not printed: {0}").format(exc))
            return 0
        if pages:
            self._say("ok", self.tr("{0}: {1} page(s) sent to the printer").format(path.name, pages))
        return pages

    def _say(self, role: str, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(colours.text_style(role))


class MarkersDialog(QDialog):
    """What the markers need beyond the orders: the lining's and interfacing's fabric (the
    self fabric is each order's own) and the solver's time per marker."""

    def __init__(self, catalogue: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lay markers by fabric"))
        self.choices: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        note = QLabel(self.tr("Each order's own fabric is laid on its own marker; orders of one "
                              "fabric share one."))
        note.setWordWrap(True)
        form.addRow(note)
        for material, text in (("lining", self.tr("Lining")), ("interfacing", self.tr("Interfacing"))):
            box = QComboBox()
            box.setObjectName(f"markers_{material}")
            box.addItem(self.tr("not laid"), "")
            for f in catalogue:
                box.addItem(f"{f.code} — {f.name}", f.code)
            guess = next((k for k in range(box.count()) if material[:3].upper() in box.itemData(k)), 0)
            box.setCurrentIndex(guess)  # the demo codes: LIN-…, INT-…
            self.choices[material] = box
            form.addRow(text, box)
        self.seconds = QSpinBox()
        self.seconds.setObjectName("markers_seconds")
        self.seconds.setRange(1, 600)
        self.seconds.setValue(10)
        self.seconds.setSuffix(" s")
        form.addRow(self.tr("Time per marker"), self.seconds)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def material_fabrics(self) -> dict[str, str]:
        return {m: box.currentData() for m, box in self.choices.items() if box.currentData()}
