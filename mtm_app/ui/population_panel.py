"""The population check in the window: the block drafted for every ANSUR II body of its
wearers' sex with two sets of options, then the failures and refusals grouped by reason.

The drafting is the core's (`drafting.population.check_population`), run in a worker thread
that hears Cancel between two bodies; a timer reads its progress, so the window stays live.
Clicking a body names its measurements (`body_chosen`), for the workbench's preview to draft.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.block.model import Block
from mtm_app.drafting.population import PopulationReport, check_population, population_sex
from mtm_app.measurements.ansur import SURVEY_FILES, survey_bodies
from mtm_app.measurements.catalogue import label
from mtm_app.ui import colours
from mtm_app.ui.forms import OptionsForm

Bodies = Sequence[tuple[str, dict[str, float]]]
SETS = ("A", "B")
POLL_MS = 100
BODY = 1000  # item data role: a row's body id
SET = 1001  # item data role: a row's option set


class PopulationPanel(QWidget):
    """Two option sets, Run / Cancel with progress, and what failed or was refused, by reason."""

    body_chosen = Signal(dict)  # the measurements (mm) of the body clicked in the list
    options_chosen = Signal(dict)  # the option set that body was drafted with (just before)
    finished = Signal()  # a run ended, done or cancelled

    def __init__(self, block: Block, bodies: Bodies | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.block = block
        self.given = bodies  # bodies to draft instead of ANSUR II (tests, a shop's own file)
        self.reports: dict[str, PopulationReport] = {}
        self._bodies: dict[str, dict[str, float]] = {}
        self._options: dict[str, dict[str, Any]] = {}
        self._worker: threading.Thread | None = None
        self._stop = threading.Event()
        self._done = 0  # bodies drafted so far, both sets (written by the worker)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

        self.population = QComboBox()
        self.population.setObjectName("population_bodies")
        self.population.setAccessibleName(self.tr("Bodies to draft"))
        bodies_label = QLabel(self.tr("Bodies"))
        bodies_label.setBuddy(self.population)
        self.option_tabs = QTabWidget()
        self.option_tabs.setObjectName("population_option_sets")
        self.option_tabs.setAccessibleName(self.tr("The two option sets to draft with"))
        self.forms: dict[str, OptionsForm] = {}
        self.run_button = QPushButton(self.tr("Run the check"))
        self.run_button.setObjectName("population_run")
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("population_cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("population_progress")
        self.progress.setAccessibleName(self.tr("Bodies drafted"))
        self.summary = QLabel(self.tr("Not run yet: choose the two option sets, then run the check."))
        self.summary.setObjectName("population_summary")
        self.summary.setWordWrap(True)
        self.results = QTreeWidget()
        self.results.setObjectName("population_results")
        self.results.setAccessibleName(self.tr("Failures and refusals by reason; click a body to "
                                               "draft it"))
        self.results.setHeaderLabels([self.tr("Reason / body"), self.tr("Options"), self.tr("Detail")])
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.results.header().setStretchLastSection(True)
        self.results.itemClicked.connect(self._choose)
        self.results.itemActivated.connect(self._choose)

        which = QHBoxLayout()
        which.addWidget(bodies_label)
        which.addWidget(self.population, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(which)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.option_tabs, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.results, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.set_block(block)

    @property
    def running(self) -> bool:
        return self._worker is not None

    def set_block(self, block: Block) -> None:
        """Check another block (or the same one edited): a run under way is cancelled, the
        option sets start again from the block's defaults (set B at its loosest fit preset)."""
        self.cancel()
        self.block = block
        while self.option_tabs.count():  # the old forms go with their tabs (clear() keeps them)
            page = self.option_tabs.widget(0)
            self.option_tabs.removeTab(0)
            page.deleteLater()
        self.forms = {}
        for name in SETS:
            form = OptionsForm(block)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            # as wide as the form: no field cut, no sideways scrolling
            scroll.setMinimumWidth(form.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
                                   + 2 * scroll.frameWidth())
            self.forms[name] = form
            self.option_tabs.addTab(scroll, self.tr("Options {0}").format(name))
        if block.preset_option:
            # its preset's eases come with it, as when the pattern maker picks it
            self.forms["B"].set_value(block.preset_option, block.options[block.preset_option].choices[-1])
        self._fill_population()
        self._clear()

    def set_bodies(self, bodies: Bodies | None) -> None:
        """Draft these bodies instead of ANSUR II (None: ANSUR II again)."""
        self.cancel()
        self.given = bodies
        self._fill_population()
        self._clear()

    def _fill_population(self) -> None:
        self.population.clear()
        if self.given is not None:
            self.population.addItem(self.tr("{0} bodies given").format(len(self.given)), "")
            return
        names = {"male": self.tr("ANSUR II men"), "female": self.tr("ANSUR II women")}
        for sex in SURVEY_FILES:
            self.population.addItem(names[sex], sex)
        at = self.population.findData(population_sex(self.block))
        self.population.setCurrentIndex(max(at, 0))

    def _clear(self) -> None:
        self.reports = {}
        self.results.clear()
        self.progress.setValue(0)

    def start(self) -> None:
        """Draft every body with both option sets in a worker thread."""
        if self.running:
            return
        self._clear()
        sex = self.population.currentData()
        bodies = list(self.given) if self.given is not None else list(survey_bodies(sex))
        self._bodies = {ident: values for ident, values in bodies}
        self._options = {name: form.values() for name, form in self.forms.items()}
        self.progress.setRange(0, len(bodies) * len(SETS))
        self.progress.setValue(0)
        self._stop.clear()
        self._done = 0
        block, options, stop = self.block, dict(self._options), self._stop
        reports: dict[str, PopulationReport] = {}

        def work() -> None:
            for k, name in enumerate(SETS):
                before = k * len(bodies)

                def heard(n: int, before: int = before) -> None:
                    self._done = before + n

                reports[name] = check_population(block, bodies, options[name], progress=heard,
                                                 cancelled=stop.is_set)
                if stop.is_set():
                    return

        self._pending = reports
        self._worker = threading.Thread(target=work, daemon=True)
        self._worker.start()
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.option_tabs.setEnabled(False)
        self.population.setEnabled(False)
        self.summary.setText(self.tr("Drafting {0} bodies with options A, then B…").format(len(bodies)))
        self._timer.start()

    def cancel(self) -> None:
        """Stop the run before its next body; what was drafted is listed."""
        if self.running:
            self._stop.set()
            self.cancel_button.setEnabled(False)

    def _poll(self) -> None:
        self.progress.setValue(self._done)
        if self._worker is None or self._worker.is_alive():
            return
        self._timer.stop()
        self._worker = None
        self.reports = dict(self._pending)
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.option_tabs.setEnabled(True)
        self.population.setEnabled(True)
        self._show_reports()
        self.finished.emit()

    def _show_reports(self) -> None:
        self.results.clear()
        cancelled = self._stop.is_set()
        parts = [self.tr("Options {0}: {1} valid, {2} refused, {3} failed").format(
            name, _count(r.valid), _count(r.refused), _count(r.failed)) for name, r in self.reports.items()]
        if cancelled:
            parts.append(self.tr("cancelled after {0} of {1} drafts").format(
                _count(self._done), _count(self.progress.maximum())))
        failed = any(r.failed for r in self.reports.values())
        role = "error" if failed else "warning" if cancelled else "ok"
        self.summary.setText(("✗ " if failed else "⚠ " if cancelled else "✓ ") + " · ".join(parts))
        self.summary.setStyleSheet(colours.text_style(role))
        # (kind, reason) → body → (the option sets it happens with, what was said the first time)
        groups: dict[tuple[str, str], dict[str, tuple[list[str], str]]] = {}

        def add(key: tuple[str, str], option_set: str, body: str, detail: str) -> None:
            sets, _detail = groups.setdefault(key, {}).setdefault(body, ([], detail))
            sets.append(option_set)

        for name, report in self.reports.items():
            for failure in report.failures:
                for reason in failure["reasons"]:
                    add(("failed", reason), name, failure["body"], "; ".join(failure["problems"]))
            for refusal in report.refusals:
                add(("refused", refusal["field"]), name, refusal["body"], refusal["reason"])
        # failures first (a bug in the block), then refusals; the commonest first
        for (kind, reason), bodies in sorted(groups.items(), key=lambda g: (g[0][0] != "failed", -len(g[1]))):
            text = (self.tr("✗ Fails: {0} — {1} bodies") if kind == "failed"
                    else self.tr("⊘ Refused: {0} — {1} bodies")).format(
                reason if kind == "failed" else label(reason), _count(len(bodies)))
            counts = {name: sum(name in sets for sets, _ in bodies.values()) for name in SETS}
            per_set = " · ".join(f"{name} {_count(n)}" for name, n in counts.items() if n)
            top = QTreeWidgetItem(self.results, [text, per_set])
            top.setToolTip(0, text)
            top.setForeground(0, colours.text("error" if kind == "failed" else "warning", self.palette()))
            for body, (sets, detail) in bodies.items():
                row = QTreeWidgetItem(top, [body, ", ".join(sets), detail])
                row.setData(0, BODY, body)
                row.setData(0, SET, sets[0])
                row.setToolTip(0, body)
                row.setToolTip(2, detail)
        self.results.setColumnWidth(0, max(self.results.sizeHintForColumn(0), 160))
        self.results.resizeColumnToContents(1)

    def _choose(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        body = item.data(0, BODY)
        if body is None:
            item.setExpanded(not item.isExpanded())
            return
        self.options_chosen.emit(dict(self._options[item.data(0, SET)]))
        self.body_chosen.emit(dict(self._bodies[body]))


def _count(n: int) -> str:
    """A count as the language spoken writes it (4,082; 4 082 in French)."""
    return QLocale().toString(n)
