"""Two versions of the open block compared for the workbench's body: each piece's outline in
both, one over the other, and what differs — piece areas, pieces added or removed, and every
check whose result or status is not the same.

The comparison is the core's (`version_compare.compare_versions`); the panel only draws the
outlines it returns and lists its differences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTransform
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsPathItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.block_versions import CURRENT, KEPT, BlockVersion, list_versions
from mtm_app.errors import MtmError
from mtm_app.i18n import number
from mtm_app.ui import colours
from mtm_app.ui.language import block_text
from mtm_app.ui.nest_view import NestCanvas
from mtm_app.ui.pattern_colours import colours_for
from mtm_app.ui.piece_items import pen, polyline_path
from mtm_app.version_compare import FIT, OUTLINE, REFUSAL, SEAM, Comparison, Outline, compare_versions

# what to draft both versions for: (body's measurements in mm, explicit option choices), or
# None with the reason when the workbench has no body that drafts
Subject = Callable[[], tuple[Mapping[str, float], Mapping[str, Any]] | str]


def _box(outlines: list[Outline]) -> tuple[float, float, float, float]:
    """The pieces' extent as drawn (y up on the table, down on screen)."""
    xs = [x for o in outlines for x in o.cut_line[:, 0]]
    ys = [-y for o in outlines for y in o.cut_line[:, 1]]
    return min(xs), min(ys), max(xs), max(ys)


class VersionsPanel(QWidget):
    """Save the text as a new version; choose version A and version B of the open block;
    Compare draws B over A."""

    save_requested = Signal()  # "Save as new version": the page saves its text
    release_requested = Signal()  # "Release to every shop": the page releases the saved block

    def __init__(self, subject: Subject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject = subject
        self.block_id = ""
        self.versions: list[BlockVersion] = []
        self.comparison: Comparison | None = None
        self.version_a = QComboBox()
        self.version_a.setObjectName("versions_a")
        self.version_a.setAccessibleName(self.tr("Version A (drawn grey, dashed)"))
        self.version_b = QComboBox()
        self.version_b.setObjectName("versions_b")
        self.version_b.setAccessibleName(self.tr("Version B (drawn in colour)"))
        self.save_button = QPushButton(self.tr("Save as new version"))
        self.save_button.setObjectName("versions_save")
        self.save_button.setToolTip(self.tr("Save the text with the next version number; the text it "
                                            "replaces is kept, and orders keep the text they were cut with"))
        self.save_button.clicked.connect(self.save_requested)
        self.release_button = QPushButton(self.tr("Release to every shop"))
        self.release_button.setObjectName("versions_release")
        self.release_button.setToolTip(self.tr("Every shop sharing this database drafts with this version "
                                               "from the next time it opens (orders keep theirs)"))
        self.release_button.clicked.connect(self.release_requested)
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setObjectName("versions_compare")
        self.compare_button.clicked.connect(self.compare)
        self.summary = QLabel(self.tr("Choose two versions, then Compare: B is drawn over A for the "
                                      "body the preview drafts."))
        self.summary.setObjectName("versions_summary")
        self.summary.setWordWrap(True)
        self.canvas = NestCanvas()
        self.canvas.setObjectName("versions_canvas")
        self.canvas.setAccessibleName(self.tr("Both versions' pieces, B over A"))
        self.differences = QTreeWidget()
        self.differences.setObjectName("versions_differences")
        self.differences.setAccessibleName(self.tr("What differs between the two versions"))
        self.differences.setRootIsDecorated(False)
        self.differences.setHeaderLabels([self.tr("Piece or check"), self.tr("A"), self.tr("B"),
                                          self.tr("Change")])
        header = self.differences.header()  # long check texts are elided, whole in their tooltips
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((180, 100, 100)):
            header.resizeSection(column, width)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.release_button)
        for text, combo in ((self.tr("A"), self.version_a), (self.tr("B"), self.version_b)):
            label = QLabel(text)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo, 1)
        row.addWidget(self.compare_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.canvas)
        split.addWidget(self.differences)
        split.setSizes([260, 440])
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def set_block(self, block_id: str) -> None:
        """List the versions of this block (the current one, those kept, a shipped one it
        overrides); A the one before the current, B the current."""
        self.block_id = block_id
        try:
            self.versions = list_versions(block_id) if block_id else []
        except MtmError:  # a new block, under an id the library has not seen: no versions yet
            self.versions = []
        for combo in (self.version_a, self.version_b):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for k, version in enumerate(self.versions):
                where = {CURRENT: self.tr("current"), KEPT: self.tr("kept")}.get(
                    version.kind, self.tr("overridden"))
                combo.addItem(self.tr("v{version} ({where})").format(version=version.version, where=where), k)
            if chosen is not None and chosen < combo.count() and self.block_id == block_id:
                combo.setCurrentIndex(chosen)
            combo.blockSignals(False)
        current = next((k for k, v in enumerate(self.versions) if v.kind == CURRENT), len(self.versions) - 1)
        self.version_b.setCurrentIndex(current)
        self.version_a.setCurrentIndex(max(current - 1, 0))
        self.compare_button.setEnabled(len(self.versions) >= 2)

    def compare(self) -> Comparison | None:
        """Draft both versions for the workbench's body and show what differs."""
        self.canvas.clear()
        self.differences.clear()
        self.comparison = None
        subject = self.subject()
        if isinstance(subject, str):
            self._say("error", subject)
            return None
        measurements, options = subject
        a, b = (self.versions[c.currentData()] for c in (self.version_a, self.version_b))
        try:
            found = compare_versions(a.path.read_text("utf-8"), b.path.read_text("utf-8"), measurements,
                                     options, (str(a.path), str(b.path)))
        except (MtmError, OSError) as exc:
            self._say("error", "✗ " + str(exc))
            return None
        self.comparison = found
        self._draw(found)
        self._list(found)
        changed = sum(1 for p in found.pieces if p.added or p.removed
                      or abs(p.area_change_cm2 or 0.0) >= 0.05)
        self._say("warning" if any(c.status_changed for c in found.checks) else "ok", self.tr(
            "v{a} → v{b}: {pieces} piece(s) changed, {checks} check(s) differ").format(
                a=found.version_a, b=found.version_b, pieces=changed, checks=len(found.checks)))
        return found

    def _draw(self, found: Comparison) -> None:
        palette = colours_for(self.palette())
        self.canvas.setBackgroundBrush(QBrush(QColor(palette.canvas)))
        for piece in found.pieces:
            outlines = [o for o in (piece.a, piece.b) if o is not None]
            root = self.canvas.add_panel(_box(outlines))
            for outline, colour, style in ((piece.a, palette.seam, Qt.PenStyle.DashLine),
                                           (piece.b, palette.grain, Qt.PenStyle.SolidLine)):
                if outline is None:
                    continue
                item = QGraphicsPathItem(polyline_path(outline.cut_line, True), root)
                item.setTransform(QTransform.fromScale(1, -1))
                item.setPen(pen(colour, 1.6 if style == Qt.PenStyle.SolidLine else 1.2, style))
                item.setToolTip(block_text(piece.name))
        self.canvas.arrange()

    def _list(self, found: Comparison) -> None:
        def cm2(value: float) -> str:
            return self.tr("{area} cm²").format(area=number(value, 1))

        for piece in found.pieces:
            if piece.added:
                change = self.tr("added")
            elif piece.removed:
                change = self.tr("removed")
            else:
                delta = piece.area_change_cm2 or 0.0
                change = self.tr("{area} cm²").format(area=("+" if delta >= 0 else "−")
                                                      + number(abs(delta), 1))
            self._row([block_text(piece.name), cm2(piece.a.area_cm2) if piece.a else "—",
                       cm2(piece.b.area_cm2) if piece.b else "—", change])
        kinds = {FIT: self.tr("Fit check"), SEAM: self.tr("Seam pair"), REFUSAL: self.tr("Body refused"),
                 OUTLINE: self.tr("Outline")}
        for check in found.checks:
            fails = check.b is not None and not check.b.ok
            change = (self.tr("result changed") if not check.status_changed
                      else self.tr("now fails") if fails else self.tr("now passes"))
            what = kinds[check.kind] + (f": {block_text(check.name)}" if check.name else "")
            row = self._row([what, check.a.text if check.a else "—", check.b.text if check.b else "—",
                             change])
            if check.status_changed:
                row.setForeground(3, colours.text("error" if fails else "ok"))

    def _row(self, cells: list[str]) -> QTreeWidgetItem:
        row = QTreeWidgetItem(cells)
        for column, text in enumerate(cells):
            row.setToolTip(column, text)
        self.differences.addTopLevelItem(row)
        return row

    def _say(self, role: str, text: str) -> None:
        self.summary.setText(text)
        self.summary.setToolTip(text)
        self.summary.setStyleSheet(colours.text_style(role))
