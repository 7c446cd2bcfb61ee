"""The first window: a customer's measurements, the shirt's options, a live checked preview."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.block.model import Block
from mtm_app.drafting import Draft, draft
from mtm_app.errors import MtmError
from mtm_app.measurements.estimate import estimate_missing, likely_sex
from mtm_app.measurements.sizes import recommend_fit, size_advice
from mtm_app.measurements.validate import Finding, check_measurements
from mtm_app.ui.forms import MeasurementForm, OptionsForm
from mtm_app.ui.preview import PatternView

OK_COLOUR, BAD_COLOUR = QColor("#1a7f37"), QColor("#c62828")


class ChecksPanel(QTreeWidget):
    """Measurement findings, fit checks and seam pairs of the current draft, pass or fail."""

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels(["Check", "Result"])
        self.setColumnWidth(0, 260)

    def show_checks(self, result: Draft | None, findings: list[Finding],
                    advice: list[tuple[str, bool, str]] = ()) -> None:
        self.clear()
        groups = [("Measurements", [(f"{f.field}: {f.message}", False, f.suggestion)
                                    for f in findings]),
                  ("Size and fit advice", list(advice))]
        if result is not None:
            groups += [
                ("Fit", [(f.label, f.ok, f"{f.measured / 10:.1f} cm (want {f.target / 10:.1f} "
                                         f"± {f.tolerance / 10:g})") for f in result.fits]),
                ("Seams", [(s.name, s.ok, f"{s.difference:+.1f} mm") for s in result.seams]),
                ("Pieces", [(p, False, "invalid") for p in result.problems]),
            ]
        for title, rows in groups:
            if not rows:
                continue
            top = QTreeWidgetItem([title, ""])
            self.addTopLevelItem(top)
            for name, ok, text in rows:
                item = QTreeWidgetItem([("✓ " if ok else "✗ ") + name, text])
                item.setForeground(0, OK_COLOUR if ok else BAD_COLOUR)
                item.setToolTip(0, f"{name}\n{text}")
                top.addChild(item)
            top.setExpanded(True)


class MainWindow(QMainWindow):
    def __init__(self, block: Block, customer: str, measurements_mm: dict[str, float]) -> None:
        super().__init__()
        self.block = block
        self.setWindowTitle(f"MTM Studio — {customer} — {block.name} v{block.version}")
        self.preview = PatternView()
        self.setCentralWidget(self.preview)
        self.measurements = MeasurementForm(block, measurements_mm)
        self.options = OptionsForm(block)
        self.checks = ChecksPanel()
        self.estimate_button = QPushButton("Estimate missing (Ctrl+E)")
        self.estimate_button.clicked.connect(self.estimate_missing)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self._dock("Measurements", self.measurements, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("Style options", self.options, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._dock("How to measure", self.measurements.guide, Qt.DockWidgetArea.RightDockWidgetArea)
        checks_box = QWidget()
        lay = QVBoxLayout(checks_box)
        lay.addWidget(self.banner)
        lay.addWidget(self.estimate_button)
        lay.addWidget(self.checks)
        self._dock("Checks", checks_box, Qt.DockWidgetArea.RightDockWidgetArea)
        estimate = QAction("Estimate missing measurements", self)
        estimate.setShortcut(QKeySequence("Ctrl+E"))
        estimate.triggered.connect(self.estimate_missing)
        self.addAction(estimate)
        fit = QAction("Fit pattern to window", self)
        fit.setShortcut(QKeySequence("Ctrl+0"))
        fit.triggered.connect(self.preview.fit_all)
        self.addAction(fit)
        self.measurements.changed.connect(self.redraft)
        self.options.changed.connect(self.redraft)
        self.last_draft: Draft | None = None
        self.findings: list[Finding] = []
        self.required = [n for n, s in block.measurements.items() if s.derive is None]
        self.resize(1400, 900)
        self.redraft()

    def _advice(self, values: dict[str, float]) -> list[tuple[str, bool, str]]:
        """Nearest stock size per chart (a tick when it fits) and the fit to recommend."""
        sex = likely_sex(values)
        rows = [(m.verdict(), m.fits, f"{m.chart.name}; {m.chart.source}")
                for m in size_advice(values, sex)]
        if self.block.preset_option:
            presets = self.block.options[self.block.preset_option].choices
            fit, reason = recommend_fit(values, sex, "standard", presets)
            rows.append((f"recommended fit: {fit}", True, reason))
        return rows

    def estimate_missing(self) -> None:
        """Fill every empty field with its estimate from what has been measured."""
        values = self.measurements.values_mm()
        if "height" not in values or not ({"chest", "bust"} & values.keys()):
            self._alert("⚠ estimating needs height and chest (or bust)")
            return
        filled = self.measurements.fill_estimates(estimate_missing(values))
        self.statusBar().showMessage(
            f"Estimated (measure to confirm): {', '.join(filled)}" if filled
            else "Nothing to estimate: every field is measured")

    def _alert(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet("color: #c62828; font-weight: bold")

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        scroll = QScrollArea()
        scroll.setWidget(widget)
        scroll.setWidgetResizable(True)
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(scroll)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)

    def redraft(self) -> None:
        """Check the measurements and draft again; bad input is shown, never raised.

        Measurement errors (impossible values, unit mix-ups, missing ones) keep the last good
        pattern on screen; warnings are listed but the pattern still redrafts.
        """
        start = time.perf_counter()
        values = self.measurements.values_mm()
        findings = check_measurements(values, self.measurements.unit_box.currentText(), None,
                                      self.required)
        self.findings = findings
        self.measurements.show_findings(findings)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            self.checks.show_checks(None, findings)
            self._alert("⚠ " + "; ".join(f"{f.message} — {f.suggestion}" for f in errors[:2]))
            return
        try:
            result = draft(self.block, values, self.options.values())
        except MtmError as exc:
            self._alert(f"⚠ {exc}")
            return
        self.last_draft = result
        self.preview.show_pieces(result.pieces)
        self.checks.show_checks(result, findings, self._advice(values))
        ms = (time.perf_counter() - start) * 1000
        if result.ok:
            note = f" · {len(findings)} measurement warning(s)" if findings else ""
            self.banner.setText(f"Pattern checks pass · {len(result.pieces)} pieces · "
                                f"{ms:.0f} ms{note}")
            self.banner.setStyleSheet("color: #1a7f37")
        else:
            self._alert("Some checks fail: " + "; ".join(result.failures()[:3]))
        derived = ", ".join(sorted(result.derived))
        estimated = ", ".join(sorted(self.measurements.estimated))
        parts = [f"Derived by the block: {derived}" if derived else "",
                 f"estimated: {estimated}" if estimated else ""]
        self.statusBar().showMessage(" · ".join(p for p in parts if p) or "All measurements given")
