"""The population check in the window: a skirt whose range stops at a 85 cm waist and whose hip
check fails on big seats in the A-line cut, drafted for 50 ANSUR II women with two option sets:
the counts per set, failures and refusals grouped by reason, Cancel stopping a run midway, a
body clicked handed on with its measurements."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mtm_app.block.loader import load_block
from mtm_app.library import get_block, shipped_dir
from mtm_app.measurements.ansur import survey_bodies
from mtm_app.ui import language
from mtm_app.ui.population_panel import PopulationPanel
from tests.clipping import clipped_texts
from tests.test_accessible import _unnamed


@pytest.fixture(scope="module")
def narrow_skirt(tmp_path_factory):
    text = (shipped_dir() / "skirt.yaml").read_text("utf-8")
    text = text.replace("  waist: {min: 520, max: 1350}", "  waist: {min: 520, max: 850}", 1)
    bigger = "hip_full + (25 if seat > 1050 and silhouette == 'a_line' else 0)"
    text = text.replace("    target: hip_full\n", f'    target: "{bigger}"\n', 1)
    path = tmp_path_factory.mktemp("blocks") / "skirt.yaml"
    path.write_text(text, "utf-8")
    return load_block(path)


@pytest.fixture
def women50():
    return list(survey_bodies("female")[:50])


def _panel(qtbot, block, bodies=None) -> PopulationPanel:
    panel = PopulationPanel(block, bodies)
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    QApplication.processEvents()
    return panel


def _run(qtbot, panel: PopulationPanel) -> None:
    with qtbot.waitSignal(panel.finished, timeout=60_000):
        panel.run_button.click()
    assert not panel.running


def _groups(panel: PopulationPanel) -> dict[str, tuple[str, int]]:
    tree = panel.results
    return {tree.topLevelItem(i).text(0): (tree.topLevelItem(i).text(1), tree.topLevelItem(i).childCount())
            for i in range(tree.topLevelItemCount())}


def test_run_counts_and_groups_by_reason(qtbot, narrow_skirt, women50) -> None:
    panel = _panel(qtbot, narrow_skirt, women50)
    assert panel.population.currentText() == "50 bodies given"
    panel.forms["B"].set_value("silhouette", "a_line")
    _run(qtbot, panel)
    a, b = panel.reports["A"], panel.reports["B"]
    assert (a.checked, a.valid, a.refused, a.failed) == (50, 27, 23, 0)
    assert (b.checked, b.valid, b.refused, b.failed) == (50, 25, 23, 2)
    assert panel.progress.value() == panel.progress.maximum() == 100
    assert panel.summary.text() == ("✗ Options A: 27 valid, 23 refused, 0 failed · "
                                    "Options B: 25 valid, 23 refused, 2 failed")
    groups = _groups(panel)
    assert list(groups) == ["✗ Fails: Finished hip at the hip line — 2 bodies",  # failures first
                            "⊘ Refused: Waist — 23 bodies"]
    assert groups["✗ Fails: Finished hip at the hip line — 2 bodies"] == ("B 2", 2)
    assert groups["⊘ Refused: Waist — 23 bodies"] == ("A 23 · B 23", 23)
    refused = panel.results.topLevelItem(1).child(0)
    assert refused.text(1) == "A, B" and "85.0 cm" in refused.text(2)
    assert not (problems := clipped_texts(panel)), "\n".join(problems)
    assert not (missing := _unnamed(panel)), missing


def test_clicking_a_body_hands_on_its_measurements_and_options(qtbot, narrow_skirt, women50) -> None:
    panel = _panel(qtbot, narrow_skirt, women50)
    panel.forms["B"].set_value("silhouette", "a_line")
    _run(qtbot, panel)
    failed = panel.results.topLevelItem(0)
    failed.setExpanded(True)
    row = failed.child(0)
    body = dict(women50)[row.text(0)]
    assert body["seat"] > 1050
    heard = []
    panel.options_chosen.connect(heard.append)
    with qtbot.waitSignal(panel.body_chosen) as chosen:
        rect = panel.results.visualItemRect(row)
        qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args[0] == body
    assert heard[0]["silhouette"] == "a_line"  # the set that failed: B
    with qtbot.assertNotEmitted(panel.body_chosen):  # a reason's row only folds or unfolds
        panel.results.itemClicked.emit(failed, 0)


def test_cancel_stops_midway_and_lists_what_was_drafted(qtbot) -> None:
    bodies = list(survey_bodies("female"))  # ~2 ms a body: seconds for both sets
    panel = _panel(qtbot, get_block("skirt"), bodies)
    panel.run_button.click()
    assert panel.running and not panel.run_button.isEnabled() and panel.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=10_000)
    with qtbot.waitSignal(panel.finished, timeout=10_000):
        panel.cancel_button.click()
    a = panel.reports["A"]
    assert a.cancelled and 0 < a.checked < len(bodies)
    assert "B" not in panel.reports  # never started
    assert "cancelled after" in panel.summary.text()
    assert panel.run_button.isEnabled() and not panel.cancel_button.isEnabled()
    panel.set_bodies(bodies[:40])
    _run(qtbot, panel)  # and it runs again, whole
    assert panel.reports["B"].checked == 40 and not panel.reports["A"].cancelled


def test_ansur_of_the_block_s_sex_and_french(qtbot, qapp) -> None:
    translators = language.install(qapp, "fr")
    try:
        panel = _panel(qtbot, get_block("mens_shirt"))
        assert panel.population.currentData() == "male"
        assert panel.population.currentText() == "ANSUR II hommes"
        assert panel.run_button.text() == "Lancer la vérification"
        assert panel.forms["B"].value("fit") == "relaxed"  # set B starts at the loosest preset
        assert not (problems := clipped_texts(panel)), "\n".join(problems)
    finally:
        language.uninstall(qapp, translators)
    assert _panel(qtbot, get_block("skirt")).population.currentData() == "female"
