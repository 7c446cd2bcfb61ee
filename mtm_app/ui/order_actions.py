"""The window's orders: confirm one (its files written with a progress bar), write an order's
files again, lay orders in a marker. The files are made by the Qt-free `mtm_app.orders`."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication, QProgressDialog

from mtm_app.errors import MtmError
from mtm_app.export.files import ORDER_FORMATS, FileSettings
from mtm_app.marker import MarkerSpec
from mtm_app.orders import lay_orders, place_order, rewrite_order_files
from mtm_app.ui.marker_dialog import MarkerDialog


class OrderActions:
    """Mixed into the main window: uses its store, customer, draft and order panel."""

    def confirm_order(self) -> None:
        """Save the measurements, record the order and write its files, showing progress."""
        if self.store is None or self.customer_id is None:
            return
        if self.last_draft is None or not self.last_draft.ok:
            self._alert("⚠ the pattern fails its checks: fix them before confirming an order")
            return
        session_id = self.save_measurements()
        panel = self.order_panel
        progress = QProgressDialog("Writing the order's files…", "", 0, len(ORDER_FORMATS), self)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)

        def step(done: int, _total: int, _path: Path) -> None:
            progress.setValue(done)
            QApplication.processEvents()

        settings = FileSettings(customer=self.customer_name, fabric=panel.fabric.text(),
                                notes=panel.notes.text())
        try:
            order, written = place_order(self.store, self.customer_id, session_id, self.block,
                                         self.last_draft, settings, panel.quantity.value(),
                                         frozenset(self.all_estimated()), step)
        except (MtmError, OSError) as exc:
            self._alert(f"⚠ the order was not recorded: {exc}")
            return
        finally:
            progress.close()
        panel.show_orders(self.store.customer(self.customer_id).orders)
        self.statusBar().showMessage(f"Order {order.reference} confirmed; files in "
                                     f"{written[0].parent}", 8000)

    def reprint_order(self, order_id: int) -> list[Path]:
        """Write an order's files again, from its own measurements and options."""
        try:
            written = rewrite_order_files(self.store, order_id)
        except (MtmError, OSError) as exc:
            self._alert(f"⚠ {exc}")
            return []
        self.statusBar().showMessage(f"Files written again in {written[0].parent}", 8000)
        return written

    def lay_marker(self, references: list[str], spec: MarkerSpec | None = None,
                   material: str | None = None) -> list[Path]:
        """Lay these orders in one marker (asks for the fabric unless told); the solver runs in
        a thread while the window stays live."""
        if not references:
            self._alert("⚠ select one or more orders for the marker")
            return []
        if spec is None or material is None:
            dialog = MarkerDialog(self.order_panel.fabric.text(), self)
            if dialog.exec() != MarkerDialog.DialogCode.Accepted:
                return []
            spec, material = dialog.spec(), dialog.material.currentText()
        progress = QProgressDialog(f"Laying the marker (up to {spec.seconds} s)…", "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setMinimumDuration(0)
        outcome: list = []

        def work() -> None:
            try:
                outcome.append(lay_orders(self.store, references, spec, material))
            except (MtmError, OSError) as exc:
                outcome.append(exc)

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        while worker.is_alive():
            QApplication.processEvents()
            worker.join(0.02)
        progress.close()
        if isinstance(outcome[0], Exception):
            self._alert(f"⚠ no marker: {outcome[0]}")
            return []
        marker, written = outcome[0]
        self.statusBar().showMessage(
            f"Marker: {len(marker.pieces)} pieces, {marker.length / 10:.1f} cm of "
            f"{spec.width / 10:g} cm {material}, utilisation {marker.utilisation:.1%}; files in "
            f"{written[0].parent}", 15000)
        return written
