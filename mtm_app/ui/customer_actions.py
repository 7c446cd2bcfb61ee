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
        self.consent_given = customer.consent_date is not None
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
            box = QMessageBox(QMessageBox.Icon.Warning, "Erase customer",
                              f"Erase {self.customer_name} and everything held about them? "
                              "This cannot be undone.", parent=self)
            box.setInformativeText("This deletes:\n• " + "\n• ".join(plan.lines()))
            erase = box.addButton("Erase", QMessageBox.ButtonRole.DestructiveRole)
            if plan.in_production:
                erase.setText("Erase — the factory has erased its copies")
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
            self._alert(f"⚠ not erased: {exc}")
            return False
        self.customer_id, self.session_id = None, None
        self.customers.refresh()
        remaining = self.store.search(limit=1)
        if remaining:
            self.open_customer(remaining[0].id)
        else:
            self.customer_name = ""
            self.set_block(self.block, {}, None)
        self.statusBar().showMessage(f"{plan.name} erased: " + "; ".join(plan.lines()[:3]), 8000)
        return True

    def export_customer(self, path: Path | None = None) -> Path | None:
        """Write everything held about the customer as JSON (asks where, unless told)."""
        if self.customer_id is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export customer", f"{self.customer_name}.json", "JSON (*.json)")
            if not chosen:
                return None
            path = Path(chosen)
        self.customer_page.export_to(path)
        self.statusBar().showMessage(f"Exported to {path}", 6000)
        return path
