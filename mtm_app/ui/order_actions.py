"""The window's orders: confirm one (its files written with a progress bar) and write an
order's files again. The files themselves are made by the Qt-free `mtm_app.orders`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QProgressDialog

from mtm_app.errors import MtmError
from mtm_app.export.files import ORDER_FORMATS, FileSettings
from mtm_app.orders import place_order, rewrite_order_files


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
