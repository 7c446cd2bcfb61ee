"""The nest of sizes in the window: the block drafted for every row of a chart, each piece's
sizes stacked on its nest point, one colour per size, and the sizes whose nest kinks flagged.

It draws what the core graded (`grading.nest.nest_panels`) where the core's shelf layout puts
each piece, and says what the core's kink check found (`grading.kinks`); it computes no
geometry of its own. Drafting a run takes a fraction of a second, so a hidden view only notes
that it is out of date and drafts when it is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QIcon,
    QPainter,
    QPen,
    QPixmap,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mtm_app.block.model import Block
from mtm_app.drafting.population import population_sex
from mtm_app.errors import MtmError
from mtm_app.export.layout import Box, shelf_boxes
from mtm_app.grading import SizeRun, size_run
from mtm_app.grading.kinks import NestCheck, check_nest
from mtm_app.grading.nest import NestPanel, nest_panels, size_colours
from mtm_app.measurements.sizes import SizeChart, charts
from mtm_app.ui import colours
from mtm_app.ui.colours import contrast
from mtm_app.ui.language import block_text
from mtm_app.ui.pattern_colours import MIN_CONTRAST, colours_for
from mtm_app.ui.piece_items import pen, polyline_path

GAP = 40.0  # mm between two pieces' nests
LINE, KINKED_LINE = 1.2, 3.0  # px: a size's cut line, and a kinked size's
RING = 9.0  # px: the circle round a kink's worst point
CROSS = 6.0  # mm: each arm of the cross on the nest point


def fitting_charts(block: Block) -> list[SizeChart]:
    """The charts for the block's wearers (its own chart's sex), its own chart first."""
    sex = population_sex(block)
    found = [c for c in charts().values() if sex is None or c.sex == sex]
    return sorted(found, key=lambda c: c.id != block.default_size_chart)


def legible_colours(n: int, canvas: QColor) -> list[QColor]:
    """The nest's blue-to-red size colours, each darkened (or lightened on a dark canvas) until
    it reads on the canvas."""
    out = []
    dark = canvas.lightness() < 128
    for rgb in size_colours(n):
        colour = QColor.fromRgbF(*rgb)
        while contrast(colour, canvas) < MIN_CONTRAST:
            colour = colour.lighter(110) if dark else colour.darker(110)
        out.append(colour)
    return out


class NestCanvas(QGraphicsView):
    """The stacked pieces, laid out as wide as the view; wheel zooms around the cursor, drag
    pans, a resize lays them out and fits them again (until the person zooms or pans)."""

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.auto_fit = True
        self.panels: list[tuple[QGraphicsItem, Box]] = []  # a piece's nest (origin: nest point)
        self.names: list[tuple[QGraphicsSimpleTextItem, str, float]] = []  # item, name, room (mm)

    def clear(self) -> None:
        self.scene().clear()
        self.panels, self.names = [], []

    def add_panel(self, bounds: Box) -> QGraphicsItem:
        """An empty item to draw one piece's nest on, around its nest point."""
        root = QGraphicsRectItem()
        root.setPen(QPen(Qt.PenStyle.NoPen))
        self.scene().addItem(root)
        self.panels.append((root, bounds))
        return root

    def arrange(self) -> None:
        """Shelve the nests (the core's shelf layout) at the sheet width that shows them the
        largest in the view, then fit."""
        if not self.panels:
            return
        boxes = [b for _, b in self.panels]
        widest = max(x1 - x0 for x0, _, x1, _ in boxes) + 2 * GAP
        total = sum(x1 - x0 + GAP for x0, _, x1, _ in boxes) + GAP
        room_w, room_h = max(self.viewport().width(), 1), max(self.viewport().height(), 1)

        def shown_scale(width: float) -> float:
            _shifts, w, h = shelf_boxes(boxes, width, gap=GAP)
            return min(room_w / w, room_h / (h + GAP))

        width = max(np.linspace(widest, max(total, widest), 24), key=shown_scale)
        shifts, sheet_w, sheet_h = shelf_boxes(boxes, width, gap=GAP)
        for (root, _), (dx, dy) in zip(self.panels, shifts, strict=True):
            root.setPos(dx, dy)
        self.scene().setSceneRect(QRectF(-GAP / 2, -GAP, sheet_w + GAP, sheet_h + 1.5 * GAP))
        self.fit()

    def fit(self) -> None:
        self.auto_fit = True
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.relabel()

    def relabel(self) -> None:
        """Each piece's name shortened to the room its nest has on screen now (whole on hover)."""
        scale = self.transform().m11()
        for item, name, room in self.names:
            item.setText(QFontMetrics(item.font()).elidedText(name, Qt.TextElideMode.ElideRight,
                                                              max(int(room * scale), 24)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.arrange()

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.2 if event.angleDelta().y() > 0 else 1 / 1.2
        self.auto_fit = False
        self.scale(factor, factor)
        self.relabel()

    def mousePressEvent(self, event) -> None:
        self.auto_fit = False
        super().mousePressEvent(event)


class NestView(QWidget):
    """Pick a chart; see every size of every piece on its nest point and which sizes kink."""

    checked = Signal(object)  # the NestCheck of each run drawn (None when no run could be drafted)

    def __init__(self, block: Block, options: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.block = block
        self.options: dict[str, Any] = dict(options or {})
        self.run: SizeRun | None = None
        self.nest: NestCheck | None = None
        self.size_items: dict[str, list[QGraphicsItem]] = {}
        self._stale = True
        self.chart = QComboBox()
        self.chart.setObjectName("nest_chart")
        self.chart.setAccessibleName(self.tr("Size chart to grade on"))
        self.chart.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chart.currentIndexChanged.connect(lambda _i: self.redraw())
        chart_label = QLabel(self.tr("Size chart"))
        chart_label.setBuddy(self.chart)
        self.summary = QLabel()
        self.summary.setObjectName("nest_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.canvas = NestCanvas()
        self.canvas.setObjectName("nest_canvas")
        self.canvas.setAccessibleName(self.tr("Nest of sizes"))
        self.legend = QListWidget()
        self.legend.setObjectName("nest_legend")
        self.legend.setAccessibleName(self.tr("Sizes: tick to show"))
        self.legend.itemChanged.connect(self._show_size)
        top = QHBoxLayout()
        top.addWidget(chart_label)
        top.addWidget(self.chart)
        top.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.canvas, 1)
        body.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        self._fill_charts()

    def set_block(self, block: Block, options: Mapping[str, Any] | None = None) -> None:
        """Grade another block (or the same one edited), keeping the chart if it still fits."""
        self.block = block
        self.options = dict(options or {})
        self._fill_charts()

    def set_options(self, options: Mapping[str, Any]) -> None:
        self.options = dict(options)
        self.redraw()

    def _fill_charts(self) -> None:
        kept = self.chart.currentData()
        self.chart.blockSignals(True)
        self.chart.clear()
        for chart in fitting_charts(self.block):
            self.chart.addItem(block_text(chart.name), chart.id)
        at = self.chart.findData(kept)
        self.chart.setCurrentIndex(at if at >= 0 else 0)
        self.chart.blockSignals(False)
        self.redraw()

    def redraw(self) -> None:
        """Draft the run again and draw it (when shown; else when it next is)."""
        self._stale = True
        if self.isVisible():
            self._draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._draw()

    def _draw(self) -> None:
        self._stale = False
        self.canvas.clear()
        self.legend.clear()
        self.size_items = {}
        self.run, self.nest = None, None
        chart_id = self.chart.currentData()
        if chart_id is None:
            self._say([("error", self.tr("No size chart serves this block's wearers."))])
            self.checked.emit(None)
            return
        try:
            self.run = size_run(self.block, charts()[chart_id], options=self.options)
            self.nest = check_nest(self.run)
        except MtmError as exc:
            self.run = None
            self._say([("error", "✗ " + str(exc))])
            self.checked.emit(None)
            return
        self._draw_run(self.run, self.nest)
        self.checked.emit(self.nest)

    def _draw_run(self, run: SizeRun, nest: NestCheck) -> None:
        palette = colours_for(self.palette())
        canvas = QColor(palette.canvas)
        self.canvas.setBackgroundBrush(QBrush(canvas))
        sizes = [s.size for s in run.sizes]
        shades = legible_colours(len(sizes), canvas)
        kinked = set(nest.kinked_sizes())
        marks = {(k.size, p.piece_id): p.at for k in nest.kinks for p in k.pieces}
        self.size_items = {size: [] for size in sizes}
        for panel in nest_panels(run):
            root = self.canvas.add_panel(panel.bounds)
            for (size, cut), (_, seam), shade in zip(panel.cuts, panel.seams, shades, strict=True):
                at = marks.get((size, panel.piece_id))
                items: list[QGraphicsItem] = [
                    QGraphicsPathItem(polyline_path(cut, True), root),
                    QGraphicsPathItem(polyline_path(seam, True), root)]
                items[0].setPen(pen(shade.name(), LINE if at is None else KINKED_LINE))
                items[1].setPen(pen(shade.name(), 0.6, Qt.PenStyle.DashLine))
                if at is not None:
                    ring = QGraphicsEllipseItem(QRectF(-RING, -RING, 2 * RING, 2 * RING), root)
                    ring.setPen(pen(colours.text("error", self.palette()).name(), 2.0))
                    ring.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
                    ring.setPos(*at)
                    items.append(ring)
                for item in items:
                    item.setZValue(1 if at is None else 2)
                self.size_items[size] += items
            arms = polyline_path([(-CROSS, 0), (CROSS, 0)]) + polyline_path([(0, -CROSS), (0, CROSS)])
            cross = QGraphicsPathItem(arms, root)
            cross.setPen(pen(palette.cut, 1.0))
            self._name(root, panel, palette.text)
        for size, shade in zip(sizes, shades, strict=True):
            self._legend_row(size, shade, size in kinked)
        self.canvas.arrange()
        self._say(self._findings(run, nest))

    def _name(self, root: QGraphicsItem, panel: NestPanel, colour: str) -> None:
        """A piece's name just above its nest, at a size read on screen at any zoom."""
        x0, y0, x1, _ = panel.bounds
        name = block_text(panel.name)
        text = QGraphicsSimpleTextItem(name, root)
        text.setToolTip(name)
        text.setBrush(QColor(colour))
        text.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        text.setTransform(QTransform.fromTranslate(0, -text.boundingRect().height() - 2))
        text.setPos(x0, y0)
        text.setZValue(3)
        self.canvas.names.append((text, name, x1 - x0 + GAP * 0.8))

    def _legend_row(self, size: str, shade: QColor, kinked: bool) -> None:
        swatch = QPixmap(18, 18)
        swatch.fill(Qt.GlobalColor.transparent)
        painter = QPainter(swatch)
        painter.setPen(pen(shade.name(), 4.0 if kinked else 2.5))
        painter.drawLine(1, 9, 17, 9)
        painter.end()
        text = self.tr("size {0}").format(size) + (" ⚠ " + self.tr("kink") if kinked else "")
        item = QListWidgetItem(QIcon(swatch), text)
        item.setData(Qt.ItemDataRole.UserRole, size)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setToolTip(text)
        if kinked:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setForeground(colours.text("error", self.palette()))
        self.legend.blockSignals(True)
        self.legend.addItem(item)
        self.legend.blockSignals(False)
        room = self.legend.sizeHintForColumn(0) + 2 * self.legend.frameWidth() + 24
        self.legend.setFixedWidth(max(room, 120))

    def _show_size(self, item: QListWidgetItem) -> None:
        shown = item.checkState() == Qt.CheckState.Checked
        for drawn in self.size_items.get(item.data(Qt.ItemDataRole.UserRole), []):
            drawn.setVisible(shown)

    def _findings(self, run: SizeRun, nest: NestCheck) -> list[tuple[str, str]]:
        lines = [("error", "⚠ " + k.describe() + ". " + self.tr("Cause: {0}").format(k.cause_text()))
                 for k in nest.kinks]
        lines += [("error", "✗ " + self.tr("size {0} not drafted: {1}").format(size, why))
                  for size, why in run.refused]
        lines += [("error", "✗ " + self.tr("size {0}: {1}").format(s.size, "; ".join(s.draft.failures())))
                  for s in run.sizes if not s.draft.ok]
        if nest.unchecked:
            lines.append(("warning", self.tr("Not checked for kinks (the sizes differ in structure): {0}")
                          .format(", ".join(nest.unchecked))))
        if not lines:
            lines.append(("ok", "✓ " + self.tr("{0} sizes, sample {1}: the nest grades smoothly, no kink")
                          .format(len(run.sizes), run.sample.size)))
        return lines

    def _say(self, lines: list[tuple[str, str]]) -> None:
        self.summary.setText("<br>".join(f"<span style='{colours.text_style(role)}'>{escape(text)}</span>"
                                         for role, text in lines))
        self.summary.setAccessibleDescription(" ".join(text for _, text in lines))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.run is not None:
            self.redraw()
