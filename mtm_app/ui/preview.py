"""The live pattern preview: pieces as drawn paths in a zoomable, pannable view.

It only draws what the core drafted (cut line, seam line, notches, grainline, marks);
the layout of pieces side by side comes from the core's shelf layout.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from mtm_app.export.layout import shelf_layout
from mtm_app.pieces import Piece
from mtm_app.ui.language import block_text

PIECE_FILLS = {"self": "#f4efe6", "lining": "#e6eef4", "interfacing": "#eeeeee",
               "contrast": "#f4e6ea"}


def _path(points, dx: float, dy: float, closed: bool) -> QPainterPath:
    path = QPainterPath()
    first = True
    for x, y in points:
        if first:
            path.moveTo(x + dx, y + dy)
            first = False
        else:
            path.lineTo(x + dx, y + dy)
    if closed:
        path.closeSubpath()
    return path


def _pen(color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(color), width, style)
    pen.setCosmetic(True)
    return pen


class PatternView(QGraphicsView):
    """Shows a draft's pieces; wheel zooms around the cursor, drag pans."""

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.auto_fit = True  # fit every new draft until the tailor zooms or pans
        self.out_of_date = False
        self.piece_count = 0

    def show_pieces(self, pieces: list[Piece]) -> None:
        scene = self.scene()
        scene.clear()
        placements, width, height = shelf_layout(pieces, 1500.0)
        cut_pen, seam_pen = _pen("#202020", 1.4), _pen("#707070", 0.8, Qt.PenStyle.DashLine)
        mark_pen, grain_pen = _pen("#a02020", 1.0), _pen("#2060a0", 1.0)
        font = QFont("Sans Serif")
        font.setPointSizeF(9)
        for pl in placements:
            p, dx, dy = pl.piece, pl.dx, pl.dy
            scene.addPath(_path(p.cut_line, dx, dy, True), cut_pen,
                          QBrush(QColor(PIECE_FILLS.get(p.material, "#f4efe6"))))
            scene.addPath(_path(p.seam_line, dx, dy, True), seam_pen)
            for n in p.notches:
                end = (n.cut_point[0] + n.inward[0] * n.depth, n.cut_point[1] + n.inward[1] * n.depth)
                scene.addPath(_path([n.cut_point, end], dx, dy, False), cut_pen)
            if p.grainline:
                scene.addPath(_path(p.grainline, dx, dy, False), grain_pen)
            for line in p.internal_lines:
                scene.addPath(_path(line.points, dx, dy, False), mark_pen)
            for x, y in p.drills:
                scene.addEllipse(x + dx - 2, y + dy - 2, 4, 4, mark_pen)
            x0, y0, x1, y1 = p.bounds
            text = scene.addSimpleText(f"{block_text(p.name)}\n×{p.quantity}", font)
            text.setFlag(text.GraphicsItemFlag.ItemIgnoresTransformations)
            text.setPos(QPointF((x0 + x1) / 2 + dx - 30, (y0 + y1) / 2 + dy))
        scene.setSceneRect(0, 0, width, height)
        self.piece_count = len(placements)
        if self.auto_fit and placements:
            self._fit()

    def set_out_of_date(self, out_of_date: bool) -> None:
        """Mark the pattern on screen as not the draft of the form as it is now (the form has
        an error): greyed, with a banner across the view."""
        if out_of_date != self.out_of_date:
            self.out_of_date = out_of_date
            for item in self.scene().items():
                item.setOpacity(0.35 if out_of_date else 1.0)
            self.viewport().update()

    def fit_all(self) -> None:
        """Fit the pattern to the view and keep fitting new drafts (Ctrl+0)."""
        self.auto_fit = True
        self._fit()

    def _fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit and self.piece_count:
            self._fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.2 if event.angleDelta().y() > 0 else 1 / 1.2
        self.auto_fit = False
        self.scale(factor, factor)

    def mousePressEvent(self, event) -> None:
        self.auto_fit = False  # a drag pans: the tailor is looking somewhere on purpose
        super().mousePressEvent(event)

    def drawForeground(self, painter: QPainter, rect) -> None:
        if not self.out_of_date:
            return
        painter.save()
        painter.resetTransform()
        box = self.viewport().rect().adjusted(0, 0, 0, -self.viewport().height() + 34)
        painter.fillRect(box, QColor("#c62828"))
        painter.setPen(QColor("#ffffff"))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter,
                         self.tr("Out of date: this is the last good pattern, not the "
                                 "measurements now on the form"))
        painter.restore()
