"""The live pattern preview reads at a glance (issue 13): every piece's label inside its piece and
legible (or shortened, the full name in a tooltip), grainlines with arrowheads, fold edges marked
"place on fold", the pattern behind an error greyed, and colours in contrast in a light and a dark
palette — on real drafts of every shipped block, in the real window at a laptop's size."""

from __future__ import annotations

import math

import pytest
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsView

from mtm_app.drafting import draft
from mtm_app.geometry.room import ShrunkRoom
from mtm_app.library import get_block
from mtm_app.store import open_store
from mtm_app.ui import piece_items
from mtm_app.ui.app import build_window
from mtm_app.ui.colours import is_dark
from mtm_app.ui.pattern_colours import DARK, LIGHT, MIN_CONTRAST, contrast_ratio
from mtm_app.ui.piece_items import MIN_PT, FittedText, place_on_fold
from mtm_app.ui.preview import STALE_OPACITY, PatternView
from tests.conftest import MEDIAN_MAN, MEDIAN_MAN_LEGS, MEDIAN_WOMAN

MAN = {**MEDIAN_MAN, **MEDIAN_MAN_LEGS}
BODIES = {"mens_shirt": MEDIAN_MAN, "mens_trousers": MAN, "mens_waistcoat": MEDIAN_MAN,
          "mens_jacket": MEDIAN_MAN, "womens_bodice": MEDIAN_WOMAN, "skirt": MEDIAN_WOMAN}


def _style_drafts() -> list[tuple[str, dict, dict]]:
    """Every choice of every style option of every shipped block (one option changed at a time),
    and the drafts whose sides differ (yoke and back cut open, a sleeve per side; a leg each)."""
    cases = []
    for block_id, body in BODIES.items():
        block = get_block(block_id)
        cases.append((block_id, body, {}))
        for name, spec in block.options.items():
            values = spec.choices if spec.type == "choice" else (True,) if spec.type == "boolean" else ()
            cases += [(block_id, body, {name: v}) for v in values if v != spec.default]
    cases.append(("mens_shirt", {**MEDIAN_MAN, "shoulder_slope_right": 12}, {}))
    cases.append(("mens_shirt", {**MEDIAN_MAN, "shoulder_slope_right": 12, "sleeve_length_left": 657},
                  {"collar_style": "band", "back_style": "box_pleat"}))
    cases.append(("mens_trousers", {**MAN, "inseam_left": MAN["inseam"] + 25,
                                    "outseam_left": MAN["outseam"] + 25}, {"pleats": "two"}))
    return cases


STYLES = _style_drafts()


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    w = build_window(open_store(f"sqlite:///{tmp_path_factory.mktemp('shop') / 'shop.sqlite3'}"))
    w.resize(1366, 768)
    w.show()
    w.pages.show_page("measure")
    qapp.processEvents()
    yield w
    w.close()


def _pieces(block_id: str, body: dict, options: dict):
    result = draft(get_block(block_id), body, options)
    assert result.ok, result.failures()
    return result.pieces


def _to_view(view: QGraphicsView, item, x: float, y: float) -> QPointF:
    return view.viewportTransform().map(item.mapToScene(QPointF(x, y)))


def _outline_on_screen(view, items) -> shapely.Polygon:
    pts = [_to_view(view, items.root, x, y) for x, y in items.piece.cut_line.tolist()]
    return shapely.Polygon([(p.x(), p.y()) for p in pts]).buffer(0.5)  # half a pixel of rounding


def _rect_on_screen(view, item) -> QRectF:
    return item.deviceTransform(view.viewportTransform()).mapRect(item.boundingRect())


def _box(rect: QRectF) -> shapely.Polygon:
    return shapely.box(rect.left(), rect.top(), rect.right(), rect.bottom())


def _check_labels(view: PatternView) -> None:
    for items in view.items_by_piece:
        label, name = items.label.item, items.name
        assert name in items.outline.toolTip()
        if not label.isVisible():
            assert label.toolTip() == name
            continue
        rect = _rect_on_screen(view, label)
        assert _outline_on_screen(view, items).contains(_box(rect)), (name, rect)
        shown_whole = " ".join(label.lines).startswith(name)
        assert (label.point_size >= MIN_PT - 1e-6 and shown_whole) or label.toolTip() == name, (
            name, label.lines, label.point_size)


def _head_points(view, grain) -> list[tuple[float, float]]:
    path = grain.path()
    return [(p.x(), p.y()) for p in (_to_view(view, grain, e.x, e.y)
                                     for e in (path.elementAt(i) for i in range(path.elementCount())))]


def _check_grainlines(view: PatternView) -> None:
    for items in view.items_by_piece:
        assert len(items.grains) == (1 if items.piece.grainline else 0)
        for grain in items.grains:
            a = _to_view(view, grain, *grain.a)
            b = _to_view(view, grain, *grain.b)
            ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
            length = math.hypot(bx - ax, by - ay)
            ux, uy = (bx - ax) / length, (by - ay) / length
            points = _head_points(view, grain)
            for (ex, ey), inward in (((ax, ay), 1), ((bx, by), -1)):
                barbs = [(px, py) for px, py in points
                         if 1.0 < math.hypot(px - ex, py - ey) <= min(12.0, length / 3)]
                sides = {math.copysign(1, (px - ex) * uy - (py - ey) * ux) for px, py in barbs}
                back = [((px - ex) * ux + (py - ey) * uy) * inward for px, py in barbs]
                assert len(barbs) >= 2 and sides == {1.0, -1.0}, (items.name, barbs)
                assert all(d > 0 for d in back), (items.name, "a head points along the line, outwards")


def _check_folds(view: PatternView) -> None:
    words = place_on_fold()
    for items in view.items_by_piece:
        folds = [e for e in items.piece.edges if e.fold]
        assert len(items.folds) == len(folds) == len(items.piece.fold_lines)
        for fold in items.folds:
            assert fold.line.pen().dashPattern(), "the fold edge is drawn dash-dot"
            assert fold.line.toolTip() == words
            text = fold.text
            assert text.text.casefold() == words.casefold()
            a, b = _to_view(view, items.root, *fold.a), _to_view(view, items.root, *fold.b)
            edge = shapely.LineString([(a.x(), a.y()), (b.x(), b.y())])
            centre = _rect_on_screen(view, text).center()
            assert edge.distance(shapely.Point(centre.x(), centre.y())) <= 30, items.name
            if text.isVisible():
                assert text.point_size >= MIN_PT - 1e-6
                outline = _outline_on_screen(view, items)
                assert outline.contains(_box(_rect_on_screen(view, text))), items.name
                if items.label.item.isVisible():
                    overlap = _box(_rect_on_screen(view, text)).intersection(
                        _box(_rect_on_screen(view, items.label.item)))
                    assert overlap.area < 1.0, (items.name, "label over the fold's words")
            if fold.bracket.isVisible():
                assert outline_contains_path(view, items, fold.bracket)


def outline_contains_path(view, items, path_item) -> bool:
    path = path_item.path()
    pts = [_to_view(view, path_item, path.elementAt(i).x, path.elementAt(i).y)
           for i in range(path.elementCount())]
    return _outline_on_screen(view, items).contains(shapely.MultiPoint([(p.x(), p.y()) for p in pts]))


def _check(view: PatternView) -> None:
    _check_labels(view)
    _check_grainlines(view)
    _check_folds(view)


@pytest.mark.parametrize(("block_id", "body", "options"), STYLES,
                         ids=[f"{b}-{'-'.join(f'{k}={v}' for k, v in o.items()) or 'default'}"
                              + ("-sides" if len(m) > len(BODIES[b]) else "") for b, m, o in STYLES])
def test_every_piece_of_every_style_reads_at_the_fitted_size(window, qapp, block_id, body, options) -> None:
    view = window.preview
    view.fit_all()
    pieces = _pieces(block_id, body, options)
    view.show_pieces(pieces)
    qapp.processEvents()
    assert {id(items.piece) for items in view.items_by_piece} == {id(p) for p in pieces}  # not a redraft
    assert view.viewport().width() > 300  # the real pattern pane of a 1366×768 window
    _check(view)


@pytest.mark.parametrize("block_id", sorted(BODIES))
def test_marks_are_laid_out_again_at_every_zoom_fit_and_resize(window, qapp, block_id) -> None:
    view = window.preview
    view.fit_all()
    view.show_pieces(_pieces(block_id, BODIES[block_id], {}))
    window.resize(1600, 1000)
    qapp.processEvents()
    _check(view)
    for items in view.items_by_piece:  # close up on each piece: everything whole and legible
        view.fitInView(items.root.mapRectToScene(items.outline.boundingRect()),
                       Qt.AspectRatioMode.KeepAspectRatio)
        view.viewport().grab()  # zoomed from outside: the next paint lays the marks out again
        _check(view)
        label = items.label.item
        assert label.isVisible() and not items.label.shortened and label.point_size >= MIN_PT
        assert " ".join(label.lines) == f"{items.name} ×{items.piece.quantity}"
    for items in view.items_by_piece:  # close up on each fold: its words and bracket shown
        for fold in items.folds:
            (ax, ay), (bx, by) = fold.a, fold.b
            edge = QRectF(QPointF(min(ax, bx), min(ay, by)), QPointF(max(ax, bx), max(ay, by)))
            view.fitInView(items.root.mapRectToScene(edge.adjusted(-20, -20, 20, 20)),
                           Qt.AspectRatioMode.KeepAspectRatio)
            view.viewport().grab()
            _check(view)
            assert fold.text.isVisible() and fold.bracket.isVisible(), items.name
    view.fit_all()
    for _ in range(3):
        view.scale(1.7, 1.7)
        view.grab()
        _check(view)
    window.resize(1366, 768)
    view.fit_all()
    qapp.processEvents()
    _check(view)


def test_a_redraft_keeps_what_it_did_not_change_and_every_label_inside(window, qapp) -> None:
    """Typing a measurement redrafts at every step: the pieces it draws the same keep their items,
    the ones it moves a little keep their label's room less how far they moved (measured anew past
    a pixel on screen), and every label stays inside its piece and legible."""
    view = window.preview
    view.fit_all()
    chest = window.measurements.fields["chest"]
    start = chest.value()
    chest.setValue(start + 1)
    qapp.processEvents()
    before = {items.piece.id: items for items in view.items_by_piece}
    carried = 0
    try:
        for step in range(2, 30):
            chest.setValue(start + step)
            qapp.processEvents()
            _check(view)
            now = {items.piece.id: items for items in view.items_by_piece}
            assert {id(items.piece) for items in now.values()} == {id(p) for p in window.last_draft.pieces}
            for same in ("cuff", "collar", "collar_stand"):  # the chest does not move these
                assert now[same] is before[same]
            assert now["front_left"] is not before["front_left"]
            carried += sum(isinstance(items.label.room, ShrunkRoom) for items in now.values())
            before = now
    finally:
        chest.setValue(start)
        qapp.processEvents()
    assert carried > 0


def test_labels_shrink_then_shorten_never_overflow(window, qapp) -> None:
    view = window.preview
    view.show_pieces(_pieces("mens_shirt", MEDIAN_MAN, {}))
    view.fit_all()
    by_id = {items.piece.id: items for items in view.items_by_piece}
    view.scale(0.3, 0.3)  # far out: the small pieces have no room for their names
    view.grab()
    _check_labels(view)
    collar = by_id["collar_stand"].label
    assert collar.shortened and collar.item.toolTip() == "Collar stand"
    assert not collar.item.isVisible() or "…" in collar.item.text
    assert by_id["collar_stand"].outline.toolTip() == "Collar stand ×2"


def test_names_are_the_cores_translation_and_fold_words_qts(window, qapp, monkeypatch) -> None:
    from PySide6.QtCore import QTranslator

    class French(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return "placer au pli" if (context, source) == ("PatternView", "place on fold") else ""

        def isEmpty(self) -> bool:
            return False

    monkeypatch.setattr(piece_items, "_", lambda text: {"Back": "Dos"}.get(text, text))
    french = French()
    qapp.installTranslator(french)
    try:
        view = window.preview
        view.show_pieces(_pieces("mens_shirt", MEDIAN_MAN, {}))
        back = next(items for items in view.items_by_piece if items.piece.id == "back")
        assert back.name == "Dos" and back.label.item.lines[0].startswith("Dos")
        assert back.folds[0].text.text == "PLACER AU PLI" and back.folds[0].line.toolTip() == "placer au pli"
    finally:
        qapp.removeTranslator(french)


def test_the_pattern_behind_an_error_is_greyed_all_of_it(window, qapp) -> None:
    view = window.preview
    view.show_pieces(_pieces("skirt", MEDIAN_WOMAN, {}))
    items = view.scene().items()
    assert len(items) > 30 and all(i.effectiveOpacity() == 1.0 for i in items)
    view.set_out_of_date(True)
    try:
        assert all(i.effectiveOpacity() <= STALE_OPACITY + 1e-6 for i in view.scene().items())
        view.scale(2, 2)
        view.grab()  # marks laid out again while out of date: still greyed
        view.show_pieces(_pieces("womens_bodice", MEDIAN_WOMAN, {}))
        kinds = {type(i) for i in view.scene().items()}
        assert FittedText in kinds and QGraphicsPathItem in kinds
        assert all(i.effectiveOpacity() <= STALE_OPACITY + 1e-6 for i in view.scene().items())
    finally:
        view.set_out_of_date(False)
    assert all(i.effectiveOpacity() == 1.0 for i in view.scene().items())


def test_the_contrast_ratio_knows_wcag_figures() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#808080", "#808080") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast_ratio("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_colour_is_in_contrast_with_what_it_is_drawn_on(colours) -> None:
    for what, fg, bg in colours.pairs():
        assert contrast_ratio(fg, bg) >= MIN_CONTRAST, (what, fg, bg, contrast_ratio(fg, bg))


def _drawn_colours(view: PatternView) -> list[tuple[str, QColor, QColor]]:
    """(what, colour, background) of every line and word the view draws on a piece or around it."""
    out = []
    canvas = view.backgroundBrush().color()
    for items in view.items_by_piece:
        fill = items.outline.brush().color()
        for child in items.root.childItems():
            if isinstance(child, FittedText):
                assert child.plate == fill
                out.append((f"{items.name}: words", child.colour, fill))
            elif isinstance(child, QGraphicsPathItem) and child.pen().style() != Qt.PenStyle.NoPen:
                out.append((f"{items.name}: line", child.pen().color(), fill))
        out.append((f"{items.name}: cut line outside", items.cut_stroke.pen().color(), canvas))
    return out


@pytest.mark.parametrize("dark", [False, True], ids=["light palette", "dark palette"])
def test_the_preview_follows_the_palette_in_contrast(qapp, qtbot, dark) -> None:
    view = PatternView()
    qtbot.addWidget(view)
    palette = QPalette(view.palette())
    if dark:
        role = QPalette.ColorRole
        for r, colour in ((role.Window, "#202124"), (role.Base, "#181818"), (role.WindowText, "#e8eaed"),
                          (role.Text, "#e8eaed")):
            palette.setColor(r, QColor(colour))
    else:
        palette.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
    view.show_pieces(_pieces("mens_shirt", MEDIAN_MAN, {"back_style": "darts"}))
    view.setPalette(palette)  # a theme changed while the pattern is on screen
    assert is_dark(view.palette()) == dark
    expected = DARK if dark else LIGHT
    assert view.colours == expected and view.backgroundBrush().color() == QColor(expected.canvas)
    drawn = _drawn_colours(view)
    assert len(drawn) > 50
    for what, colour, background in drawn:
        assert contrast_ratio(colour, background) >= MIN_CONTRAST, (what, colour.name(), background.name())
