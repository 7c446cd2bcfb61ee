"""The live pattern preview: pieces as drawn paths in a zoomable, pannable view.

It only draws what the core drafted (cut line, seam line, notches, grainline, folds, marks);
the layout of pieces side by side comes from the core's shelf layout. What must read at the
size a piece has on screen (its label, arrowheads, "place on fold") is laid out again whenever
the view's scale changes (`piece_items`). Colours follow the system palette (`pattern_colours`).
A redraft keeps the items of every piece it drew the same and lays out only what moved.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsView

from mtm_app.export.layout import Placement, shelf_layout
from mtm_app.pieces import Piece
from mtm_app.ui.pattern_colours import PatternColours, colours_for
from mtm_app.ui.piece_items import PieceItems, drawn_key, place_on_fold

STALE_OPACITY = 0.35  # the pattern behind an error


class PatternView(QGraphicsView):
    """Shows a draft's pieces; wheel zooms around the cursor, drag pans."""

    def __init__(self) -> None:
        super().__init__()
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # marks move at every zoom
        self.setScene(scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.colours: PatternColours = colours_for(self.palette())
        self.setBackgroundBrush(QBrush(QColor(self.colours.canvas)))
        self.auto_fit = True  # fit every new draft until the tailor zooms or pans
        self.out_of_date = False
        self.stale_note = ""  # the out-of-date banner's words where a page says it its way
        self.piece_count = 0
        self.pieces: list[Piece] = []
        self.items_by_piece: list[PieceItems] = []
        self._sheet: QGraphicsPathItem | None = None  # every item's ancestor: greyed as one
        self._laid_out_at = 0.0  # the scale the marks were last laid out for
        self._look: tuple = ()  # what the items on the sheet were drawn with

    def show_pieces(self, pieces: list[Piece], as_drafted: bool = False) -> None:
        """Show a draft's pieces: the items of a piece drawn the same as one on screen are kept
        (moved to its new place), the others made anew. Side by side, or `as_drafted`: each
        where the block drafted it (over its construction, on the workbench)."""
        scene = self.scene()
        self.pieces = list(pieces)
        if as_drafted:
            placements = [Placement(p, 0.0, 0.0) for p in self.pieces]
            rect = QRectF()
            for x0, y0, x1, y1 in (p.bounds for p in self.pieces):
                rect = rect.united(QRectF(x0, y0, x1 - x0, y1 - y0))
        else:
            placements, width, height = shelf_layout(self.pieces, 1500.0)
            rect = QRectF(0, 0, width, height)
        font = QFont(self.font())
        look = (self.colours, font.key(), place_on_fold())
        if self._sheet is None or look != self._look:
            scene.clear()
            self.items_by_piece, self._look = [], look
            self._sheet = QGraphicsPathItem()
            scene.addItem(self._sheet)
        self._sheet.setOpacity(STALE_OPACITY if self.out_of_date else 1.0)
        unused: dict[tuple, list[PieceItems]] = {}
        for items in self.items_by_piece:
            unused.setdefault(items.key, []).append(items)
        before = {items.piece.id: items for items in self.items_by_piece}
        shown = []
        for pl in placements:
            same = unused.get(drawn_key(pl.piece))
            if same:
                items = same.pop()
                items.place(pl)
            else:
                items = PieceItems(pl, self.colours, font, self._sheet, self.viewport(),
                                   previous=before.get(pl.piece.id))
            shown.append(items)
        for gone in unused.values():
            for items in gone:
                shiboken6.delete(items.root)  # and every item under it
        self.items_by_piece = shown
        scene.setSceneRect(rect)
        self.piece_count = len(placements)
        if self.auto_fit and placements:
            self._fit()
        else:
            self._relayout()

    @property
    def sheet(self) -> QGraphicsPathItem | None:
        """The item every drawn item hangs from (greyed as one): overlays hang from it too."""
        return self._sheet

    def set_out_of_date(self, out_of_date: bool) -> None:
        """Mark the pattern on screen as not the draft of the form as it is now (the form has
        an error): greyed, with a banner across the view."""
        if out_of_date != self.out_of_date:
            self.out_of_date = out_of_date
            if self._sheet is not None:
                self._sheet.setOpacity(STALE_OPACITY if out_of_date else 1.0)
            self.viewport().update()

    def fit_all(self) -> None:
        """Fit the pattern to the view and keep fitting new drafts (Ctrl+0)."""
        self.auto_fit = True
        self._fit()

    def _fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._relayout()

    def _relayout(self) -> None:
        """Fit labels, arrowheads and fold marks to the scale the pieces have on screen now."""
        scale = self.transform().m11()
        self._laid_out_at = scale
        if scale <= 0:
            return
        for items in self.items_by_piece:  # each only if it was laid out for another scale
            items.relayout(scale, self.viewport())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit and self.piece_count:
            self._fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.2 if event.angleDelta().y() > 0 else 1 / 1.2
        self.auto_fit = False
        self.scale(factor, factor)
        self._relayout()

    def mousePressEvent(self, event) -> None:
        self.auto_fit = False  # a drag pans: the tailor is looking somewhere on purpose
        super().mousePressEvent(event)

    def paintEvent(self, event) -> None:
        if self.items_by_piece and self.transform().m11() != self._laid_out_at:
            self._relayout()  # zoomed from outside (scale(), setTransform()): fit the marks first
        super().paintEvent(event)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            colours = colours_for(self.palette())
            if colours != self.colours:
                self.colours = colours
                self.setBackgroundBrush(QBrush(QColor(colours.canvas)))
                self.show_pieces(self.pieces)  # keeps the zoom unless it is fitting anyway

    def out_of_date_banner(self) -> tuple[str, QFont, QRect]:
        """The banner across the top of a pattern that is not the form's: its words wrapped to
        the view's width (read whole in any language, at any size), its font and its box."""
        text = self.stale_note or self.tr("Out of date: this is the last good pattern, not the "
                                          "measurements now on the form")
        font = QFont(self.font())
        font.setBold(True)
        width = self.viewport().width()
        wrapped = QFontMetrics(font).boundingRect(QRect(0, 0, max(width - 16, 40), 10_000),
                                                  Qt.TextFlag.TextWordWrap, text)
        return text, font, QRect(0, 0, width, wrapped.height() + 14)

    def drawForeground(self, painter: QPainter, rect) -> None:
        if not self.out_of_date:
            return
        painter.save()
        painter.resetTransform()
        text, font, box = self.out_of_date_banner()
        painter.fillRect(box, QColor(self.colours.banner))
        painter.setPen(QColor(self.colours.banner_text))
        painter.setFont(font)
        painter.drawText(box.adjusted(8, 0, -8, 0),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        painter.restore()
