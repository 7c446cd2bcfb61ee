"""The construction drawn over the pieces as drafted: every curve, and every named point with
its name — a dot and words of a fixed size on screen at any zoom; a click on a point reports it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem

from mtm_app.drafting.construction import Construction
from mtm_app.ui.piece_items import pen, polyline_path

DOT = 3.0  # px: a point's radius on screen
COLOUR = ("#0f62fe", "#78a9ff")  # on a light canvas, on a dark one


class PointDot(QGraphicsEllipseItem):
    """A named point; clicking it says which (the view pans on a drag anywhere else)."""

    def __init__(self, name: str, at: tuple[float, float], colour: str, font: QFont,
                 chosen: Callable[[str], None], parent: QGraphicsItem) -> None:
        super().__init__(QRectF(-DOT, -DOT, 2 * DOT, 2 * DOT), parent)
        self.name, self.chosen = name, chosen
        self.setPos(QPointF(*at))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(colour)))
        self.setPen(pen(colour, 1.0))
        self.setToolTip(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(5)
        words = QGraphicsSimpleTextItem(name, self)
        words.setFont(font)
        words.setBrush(QBrush(QColor(colour)))
        words.setPos(DOT + 1, -DOT - words.boundingRect().height() + 2)

    def mousePressEvent(self, event) -> None:
        self.chosen(self.name)
        event.accept()


def draw_construction(built: Construction, parent: QGraphicsItem, dark: bool, font: QFont,
                      chosen: Callable[[str], None]) -> QGraphicsPathItem:
    """The construction's items under one root (deleted with it), in draft coordinates."""
    colour = COLOUR[dark]
    root = QGraphicsPathItem(parent)
    curves = QPainterPath()
    for points in built.curves.values():
        curves.addPath(polyline_path(points))
    lines = QGraphicsPathItem(curves, root)
    lines.setPen(pen(colour, 1.0, Qt.PenStyle.DashDotLine))
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() - 2))
    for name, at in built.points.items():
        PointDot(name, at, colour, small, chosen, root)
    return root


def construction_bounds(built: Construction) -> QRectF:
    """The box around every point and curve (mm)."""
    box = QRectF()
    for x, y in built.points.values():
        box = box.united(QRectF(x, y, 0.001, 0.001))
    for points in built.curves.values():
        box = box.united(polyline_path(points).boundingRect())
    return box
