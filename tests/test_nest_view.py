"""The nest of sizes in the window: the shirt graded on Gilewska's chart shows its size 44
kink (flagged in words, in the legend and on the pieces), on Wargnier's it says smooth; every
line drawn is the core's graded outline, each size in its own legible colour."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QGraphicsPathItem

from mtm_app.grading.nest import nest_panels
from mtm_app.library import get_block
from mtm_app.ui import language
from mtm_app.ui.colours import contrast
from mtm_app.ui.nest_view import KINKED_LINE, LINE, NestView, legible_colours
from tests.clipping import clipped_texts
from tests.test_accessible import _unnamed


@pytest.fixture
def view(qtbot):
    nest = NestView(get_block("mens_shirt"))
    qtbot.addWidget(nest)
    nest.resize(1366, 768)
    nest.show()
    QApplication.processEvents()
    return nest


def _choose(view: NestView, chart_id: str) -> None:
    view.chart.setCurrentIndex(view.chart.findData(chart_id))
    QApplication.processEvents()


def test_the_gilewska_kink_is_flagged_and_drawn_highlighted(view) -> None:
    charts = [view.chart.itemData(i) for i in range(view.chart.count())]
    assert charts[0] == "men_gilewska"  # the block's own chart first
    assert set(charts) == {"men_gilewska", "men_wargnier", "us_men_dress_shirts"}  # men's only
    assert view.nest.kinked_sizes() == ["44"]
    summary = view.summary.accessibleDescription()
    assert summary.startswith("⚠ size 44: the nest kinks")
    assert "shoulder length 160.0 mm given by the chart" in summary
    legend = {view.legend.item(i).data(Qt.ItemDataRole.UserRole): view.legend.item(i)
              for i in range(view.legend.count())}
    assert list(legend) == [s.size for s in view.run.sizes]
    assert "⚠" in legend["44"].text() and legend["44"].font().bold()
    assert not any("⚠" in item.text() for size, item in legend.items() if size != "44")
    widths = {}
    for size, items in view.size_items.items():
        for item in items:
            if isinstance(item, QGraphicsPathItem) and item.pen().style() == Qt.PenStyle.SolidLine:
                widths.setdefault(size, set()).add(item.pen().widthF())
    assert widths["44"] == {LINE, KINKED_LINE}  # thick on the yoke, back and fronts; not the sleeve
    assert all(w == {LINE} for size, w in widths.items() if size != "44")


def test_every_line_is_the_core_s_graded_outline_on_its_nest_point(view) -> None:
    panels = nest_panels(view.run)
    assert len(view.canvas.panels) == len(panels)
    for (root, bounds), panel in zip(view.canvas.panels, panels, strict=True):
        assert bounds == panel.bounds
        for size, ring in panel.cuts:
            item = next(i for i in view.size_items[size] if i.parentItem() is root
                        and isinstance(i, QGraphicsPathItem) and i.pen().style() == Qt.PenStyle.SolidLine)
            path = item.path()
            drawn = np.array([(path.elementAt(i).x, path.elementAt(i).y) for i in range(len(ring))])
            assert np.allclose(drawn, ring)  # relative to the nest point: the root sits on it
    # the shelves do not overlap
    rects = [root.mapRectToScene(root.childrenBoundingRect()) for root, _ in view.canvas.panels]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1))


def test_a_smooth_chart_says_so_and_a_size_can_be_hidden(view) -> None:
    _choose(view, "men_wargnier")
    assert view.nest.ok
    assert "no kink" in view.summary.accessibleDescription()
    item = view.legend.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert not any(i.isVisible() for i in view.size_items[item.data(Qt.ItemDataRole.UserRole)])
    assert all(i.isVisible() for i in view.size_items[view.legend.item(1).data(Qt.ItemDataRole.UserRole)])


def test_another_block_gets_its_wearers_charts_and_its_options(view) -> None:
    view.set_block(get_block("skirt"), {"silhouette": "a_line"})
    QApplication.processEvents()
    assert view.chart.currentData() == "women_aldrich"
    assert all(view.chart.itemData(i).startswith("women") for i in range(view.chart.count()))
    assert view.run.options == {"silhouette": "a_line"} and view.nest.ok
    view.set_options({"silhouette": "nope"})
    assert view.run is None and "nope" in view.summary.accessibleDescription()  # said, not raised


def test_size_colours_read_on_the_canvas_light_and_dark() -> None:
    for canvas in ("#ffffff", "#1c1c1c"):
        shades = legible_colours(10, QColor(canvas))
        assert all(contrast(c, QColor(canvas)) >= 4.5 for c in shades)
        assert len({c.name() for c in shades}) == 10


def test_legible_named_and_french_at_1366x768(qtbot, qapp, tmp_path) -> None:
    translators = language.install(qapp, "fr")
    try:
        view = NestView(get_block("mens_shirt"))
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        QApplication.processEvents()
        assert not (problems := clipped_texts(view)), "\n".join(problems)
        assert not (missing := _unnamed(view)), missing
        summary = view.summary.accessibleDescription()
        assert "taille 44 : le gradué fait un coude" in summary
        assert "longueur d'épaule 160,0 mm donnée par le barème" in summary.lower()
        assert view.legend.item(0).text().startswith("taille ")
        view.grab().save(str(tmp_path / "nest-fr.png"))
    finally:
        language.uninstall(qapp, translators)

