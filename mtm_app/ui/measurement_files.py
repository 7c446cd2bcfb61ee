"""The window's measurement files: bring a customer's measurements in from our JSON or from
Valentina / Seamly2D, and send them out as a Valentina .vit (estimates marked in both)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from mtm_app.errors import MtmError
from mtm_app.measurements.files import import_measurements
from mtm_app.measurements.valentina import write_vit
from mtm_app.ui import colours

OPEN_FILTER = "Measurements (*.json *.vit *.smis);;Valentina (*.vit);;Seamly2D (*.smis);;MTM Studio (*.json)"


class MeasurementFileActions:
    """Mixed into the main window: uses its forms, its customer and its banner."""

    def import_measurements(self, path: Path | None = None) -> bool:
        """Put a file's measurements on the form (the others stay); report what was not used."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Import measurements", "", OPEN_FILTER)
            if not chosen:
                return False
            path = Path(chosen)
        try:
            taken, notes = import_measurements(path)
        except (MtmError, OSError) as exc:
            self._alert(f"⚠ nothing imported: {exc}")
            return False
        if taken.sex and self.customer_sex is None:
            self.customer_sex = taken.sex
        values = {**self.all_measurements(), **taken.values}
        marks = {n for n in self.all_estimated() if n not in taken.values} | taken.estimated
        self.set_block(self.block, values, taken.unit, marks)
        summary = f"Imported {len(taken.values)} measurements from {path.name}"
        self.statusBar().showMessage(summary, 8000)
        if notes:
            self.banner.setText(f"{summary}; " + "; ".join(notes))
            self.banner.setStyleSheet(colours.text_style("warning"))
        return True

    def export_measurements(self, path: Path | None = None) -> Path | None:
        """Write the measurements on screen as a Valentina .vit, in the customer's unit."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export measurements", f"{self.customer_name or 'customer'}.vit",
                "Valentina (*.vit)")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            write_vit(path, self.all_measurements(), self.measurements.unit_box.currentText(),
                      self.customer_sex, self.customer_name, estimated=frozenset(self.all_estimated()))
        except (MtmError, OSError) as exc:
            self._alert(f"⚠ not exported: {exc}")
            return None
        self.statusBar().showMessage(f"Measurements written to {path}", 8000)
        return path
