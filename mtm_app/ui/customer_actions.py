"""The window's customer record: follow edits to it, export everything held, erase it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from mtm_app.errors import MtmError


class CustomerActions:
    """Mixed into the main window: uses its store, customer and customer page."""

    def _customer_edited(self) -> None:
        customer = self.store.customer(self.customer_id)
        self.customer_name = customer.name
        agreed = customer.consent_date is not None and not self.consent_given
        self.consent_given = customer.consent_date is not None
        if agreed:  # what was typed before they agreed reaches the disk now, as any edit would
            self._keep_timer.start()
        self.redraft()
        self._update_title()
        self.customers.refresh()
        self.customers.select(customer.id)

    def erase_customer(self, confirmed: bool = False, force: bool = False) -> bool:
        """Erase the customer and all their data, after the tailor has read what goes."""
        if self.customer_id is None:
            return False
        plan = self.store.erase_plan(self.customer_id)
        if not confirmed:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Erase customer"),
                              self.tr("Erase {customer} and everything held about them? This "
                                      "cannot be undone.").format(customer=self.customer_name),
                              parent=self)
            box.setObjectName("erase_confirmation")
            box.setInformativeText(self.tr("This deletes:") + "\n• " + "\n• ".join(plan.lines()))
            erase = box.addButton(self.tr("Erase"), QMessageBox.ButtonRole.DestructiveRole)
            erase.setObjectName("erase")
            if plan.in_production:
                erase.setText(self.tr("Erase — the factory has erased its copies"))
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not erase:
                return False
            force = bool(plan.in_production)  # the tailor read that the factory erased its copies
        self._keep_timer.stop()
        try:
            self.store.erase_customer(self.customer_id, force=force)
        except MtmError as exc:
            self._alert(self.tr("⚠ not erased: {reason}").format(reason=exc))
            return False
        self.customer_id, self.session_id = None, None
        self.customers.refresh()
        remaining = self.store.search(limit=1)
        if remaining:
            self.open_customer(remaining[0].id)
        else:
            self.customer_name = ""
            self.order_panel.clear_order_fields()  # the erased customer's garments and notes
            self.set_block(self.block, {}, None)
        self.statusBar().showMessage(self.tr("{customer} erased: {what}").format(
            customer=plan.name, what="; ".join(plan.lines()[:3])), 8000)
        return True

    def export_customer(self, path: Path | None = None) -> Path | None:
        """Write everything held about the customer as JSON (asks where, unless told)."""
        if self.customer_id is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export customer"), f"{self.customer_name}.json", "JSON (*.json)")
            if not chosen:
                return None
            path = Path(chosen)
        self.customer_page.export_to(path)
        self.statusBar().showMessage(self.tr("Exported to {path}").format(path=path), 6000)
        return path
