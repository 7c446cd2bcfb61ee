"""The pattern maker's workbench, driven as a pattern maker would: open a block, break it and see
where, mend it and see the draft move, save it as one's own, have it read again when it changes
on disk, draft it for other bodies, and read the value of what is pointed at."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from mtm_app.atomic import write_atomic
from mtm_app.block.loader import parse_block
from mtm_app.errors import BlockError
from mtm_app.library import ROOT, get_block
from mtm_app.ui.app import main
from mtm_app.ui.workbench.overlay import PointDot

SHIRT = ROOT / "patterns" / "mens_shirt.yaml"
SCYE = "scye_depth: chest / 10 + height / 20 + 25 + armhole_drop"


@pytest.fixture
def bench(window, qtbot, tmp_path, monkeypatch):
    """The workbench on the shirt, the user's block folder in tmp_path."""
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    window.pages.show_page("workbench")
    page = window.workbench
    assert page.path == SHIRT.resolve() and page.result is not None
    return page


def _replace(page, old: str, new: str) -> int:
    """Type `new` over `old` in the editor, as a person would (undoable, marks it changed);
    returns the 1-based line it is on."""
    found = page.editor.document().find(old)
    assert not found.isNull(), old
    found.insertText(new)
    return found.blockNumber() + 1


def _drafted(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page._timer.isActive(), timeout=3000)


def test_an_error_is_marked_at_its_line_and_mending_it_moves_the_draft(bench, qtbot) -> None:
    page = bench
    underarm_before = page.built.points["back_underarm"]
    area_before = page.result.piece("back").area
    line = _replace(page, SCYE, SCYE.replace("chest / 10", "chets / 10"))
    assert page._timer.isActive() and not page.problem  # debounced: not on the keystroke
    _drafted(qtbot, page)
    with pytest.raises(BlockError) as cli:  # what `mtm` would say about this text
        parse_block(page.editor.toPlainText(), str(SHIRT.resolve()))
    assert cli.value.where.line == line and "chets" in str(cli.value)
    assert page.problem == str(cli.value)
    assert page.editor.error_line == line
    assert str(cli.value) in page.message.text() and f"{line}" in page.message.text()
    assert page.editor.extraSelections()[0].cursor.blockNumber() + 1 == line
    assert page.preview.out_of_date  # the last good draft stays, greyed
    assert page.result.piece("back").area == area_before
    # mended, and deeper by 2 cm: the armhole drops with it
    _replace(page, "chets / 10", "chest / 10 + 20")
    _drafted(qtbot, page)
    assert not page.problem and page.editor.error_line == 0 and not page.preview.out_of_date
    assert page.built.points["back_underarm"][1] == pytest.approx(underarm_before[1] + 20)
    assert abs(page.result.piece("back").area - area_before) > 1000  # mm², the armhole cut deeper


def test_saving_a_shipped_block_makes_it_ones_own_and_keeps_the_text(bench, qtbot, tmp_path) -> None:
    page = bench
    shipped = SHIRT.read_text("utf-8")
    offered = []

    def ask(suggested: Path) -> Path:
        offered.append(suggested)
        return suggested

    page.ask_save_path = ask
    _replace(page, "# Men's dress shirt", "# Men's dress shirt (my shop's)")
    _replace(page, SCYE, SCYE + "  # deeper for our customers")
    assert "not saved" in page.state.text()
    saved = page.save()
    assert offered == [tmp_path / "data" / "blocks" / "mens_shirt.yaml"] and saved == offered[0]
    text = saved.read_text("utf-8")
    assert text == page.editor.toPlainText()
    assert "# Men's dress shirt (my shop's)" in text and "# deeper for our customers" in text
    assert text.replace(" (my shop's)", "").replace("  # deeper for our customers", "") == shipped
    assert SHIRT.read_text("utf-8") == shipped  # the shipped block is never written over
    assert page.path == saved and "not saved" not in page.state.text()
    assert page.chooser.currentText() == "Men's dress shirt — mens_shirt.yaml (yours)"
    # saving again writes the same file, without asking
    _replace(page, "(my shop's)", "(ours)")
    assert page.save() == saved and len(offered) == 1
    assert "(ours)" in saved.read_text("utf-8")
    assert get_block(str(saved)).id == "mens_shirt"


def test_a_change_on_disk_is_read_again_and_unsaved_work_is_asked_about(bench, qtbot, tmp_path) -> None:
    page = bench
    own = tmp_path / "data" / "blocks" / "mens_shirt.yaml"  # its own name: the library finds it by id
    page.ask_save_path = lambda suggested: own
    assert page.save() == own
    depth = page.built.values["scye_depth"]
    write_atomic(own, own.read_text("utf-8").replace(SCYE, SCYE + " + 15").encode())  # another editor
    qtbot.waitUntil(lambda: SCYE + " + 15" in page.editor.toPlainText(), timeout=5000)
    assert page.built.values["scye_depth"] == pytest.approx(depth + 15)
    assert not page.editor.document().isModified()
    # with changes of its own the editor asks first: kept when the answer is no …
    asked = []
    page.ask_reload = lambda: asked.append(1) or False
    _replace(page, "# Men's dress shirt", "# typed here")
    own.write_text(own.read_text("utf-8").replace(SCYE + " + 15", SCYE + " + 31"), "utf-8")
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5000)
    assert "# typed here" in page.editor.toPlainText() and SCYE + " + 31" not in page.editor.toPlainText()
    # … read again when it is yes
    page.ask_reload = lambda: True
    own.write_text(own.read_text("utf-8").replace(SCYE + " + 31", SCYE + " + 47"), "utf-8")
    qtbot.waitUntil(lambda: SCYE + " + 47" in page.editor.toPlainText(), timeout=5000)
    assert "# typed here" not in page.editor.toPlainText()
    assert page.built.values["scye_depth"] == pytest.approx(depth + 47)


def test_another_body_redrafts_the_preview(bench, qtbot) -> None:
    page = bench
    page.bodies.choose("men_gilewska", "40")
    small = page.result.piece("back").bounds
    small_depth = page.built.values["scye_depth"]
    page.bodies.choose("men_gilewska", "52")
    large = page.result.piece("back").bounds
    assert large[2] - large[0] > small[2] - small[0] + 20  # wider back
    assert page.built.values["scye_depth"] > small_depth
    assert "52" in page.message.text()
    page.bodies.choose("percentiles", "male 98")
    assert page.result.measurements["chest"] == pytest.approx(1248, abs=3)
    page.bodies.choose("customers", page.bodies.which.itemData(0))
    assert page.bodies.which.currentText() in page.message.text()


def test_a_constraint_broken_by_an_edit_refuses_the_body_and_is_listed(bench, qtbot) -> None:
    page = bench
    page.ask_discard = lambda: True
    page.open_block(ROOT / "patterns" / "mens_trousers.yaml")
    assert not page.problem

    def constraints() -> dict[str, str]:
        group = next(page.checks.topLevelItem(i) for i in range(page.checks.topLevelItemCount())
                     if page.checks.topLevelItem(i).text(0) == "Constraints")
        return {group.child(i).text(0)[2:]: group.child(i).text(0)[0] for i in range(group.childCount())}

    assert set(constraints().values()) == {"✓"}
    _replace(page, "check: waist <= seat + 200", "check: waist <= seat - 500")
    _drafted(qtbot, page)
    broken = [text for text, mark in constraints().items() if mark == "✗"]
    assert len(broken) == 1 and page.problem.endswith(
        "re-measure; if right, this body needs a special block")
    assert broken[0] in page.problem
    assert page.preview.out_of_date and page.editor.error_line == 0  # the body's, not a line's


def test_the_inspector_shows_a_clicked_point_and_a_hovered_name(bench, qtbot) -> None:
    page = bench
    page.show_construction.setChecked(True)
    QApplication.processEvents()
    dot = next(i for i in page.preview.scene().items()
               if isinstance(i, PointDot) and i.name == "back_underarm")
    x, y = page.built.points["back_underarm"]
    assert (dot.scenePos().x(), dot.scenePos().y()) == pytest.approx((x, y))  # on the pieces as drafted
    qtbot.mouseClick(page.preview.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.preview.mapFromScene(dot.scenePos()))
    assert page.tabs.currentWidget() is page.inspector
    assert page.inspector.chosen.text() == f"point back_underarm: x {x:.1f} mm, y {y:.1f} mm"
    # every `values:` entry, for this body
    table = page.inspector.table
    rows = {table.topLevelItem(i).text(0): table.topLevelItem(i).text(1)
            for i in range(table.topLevelItemCount())}
    assert rows["scye_depth"] == f"{page.built.values['scye_depth']:.2f}"
    assert "chest" not in rows and "back_underarm" not in rows
    # resting the pointer on a name in the text
    page.editor.go_to_line(page.editor.document().find("quarter_chest:").blockNumber() + 1)
    line = page.editor.document().find("quarter_chest:")
    rect = page.editor.cursorRect(line)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, rect.center() - QPoint(20, 0),
                       page.editor.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(page.editor.viewport(), event)
    assert page.inspector.chosen.text() == f"quarter_chest = {page.built.values['quarter_chest']:.2f}"


def test_options_and_checks_follow_the_block(bench, qtbot) -> None:
    page = bench
    form = page.options_form
    chest = page.result.piece("back").bounds
    form.set_value("fit", "relaxed")
    form._on_change("fit")
    assert page.result.options["chest_ease"] > 100
    assert page.result.piece("back").bounds[2] > chest[2]
    checks = page.checks
    groups = {checks.topLevelItem(i).text(0): checks.topLevelItem(i).childCount()
              for i in range(checks.topLevelItemCount())}
    assert groups["Fit"] == len(page.result.fits) and groups["Seams"] == len(page.result.seams)
    assert groups["Constraints"] == len(page.block.constraints)


def test_a_new_option_in_the_text_appears_on_the_form(bench, qtbot) -> None:
    page = bench
    cursor = page.editor.document().find("options:")
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText("\n  pocket_depth: {type: length, label: Pocket depth, group: style, default: 140, "
                      "min: 100, max: 200}")
    _drafted(qtbot, page)
    assert not page.problem, page.problem
    assert "pocket_depth" in page.options_form.widgets


def test_opening_another_block_asks_before_losing_changes(bench, qtbot) -> None:
    page = bench
    _replace(page, "# Men's dress shirt", "# typed")
    skirt = ROOT / "patterns" / "skirt.yaml"
    page.ask_discard = lambda: False
    assert not page.open_block(skirt) and page.path == SHIRT.resolve()
    page.ask_discard = lambda: True
    assert page.open_block(skirt) and page.path == skirt.resolve()
    assert page.editor.toPlainText() == skirt.read_text("utf-8")
    assert page.result.block.id == "skirt" and page.bodies.body().sex == "female"


def test_the_screenshot_opens_the_block_asked(tmp_path, qapp) -> None:
    from PySide6.QtGui import QImage

    shots = {}
    for block in ("skirt", "mens_trousers"):
        path = tmp_path / f"{block}.png"
        assert main(["--screenshot", str(path), "--page", "workbench", "--block", block,
                     "--size", "1366x768"]) == 0
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768)
        shots[block] = bytes(image.constBits())
    assert shots["skirt"] != shots["mens_trousers"]


def test_the_nest_and_the_population_check_follow_the_text_and_hand_back_a_body(bench, qtbot) -> None:
    """A pattern maker narrows the chest range, checks the population, clicks a refused body:
    the preview drafts that very body (and says why it is refused); the nest grades the text as
    it is now."""
    from mtm_app.measurements.ansur import survey_bodies

    page = bench
    nest, population = page.nest, page.population
    assert [page.tabs.tabText(k) for k in range(page.tabs.count())][-3:] == [
        "Nest of sizes", "Population check", "Versions"]
    _replace(page, "  chest: {min: 760, max: 1500}", "  chest: {min: 760, max: 1000}")
    _drafted(qtbot, page)
    assert nest.block is page.block and population.block is page.block  # the text as it is now
    page.tabs.setCurrentWidget(nest)
    assert nest.run is not None and nest.run.block is page.block
    men = list(survey_bodies("male")[:30])
    population.set_bodies(men)
    page.tabs.setCurrentWidget(population)
    with qtbot.waitSignal(population.finished, timeout=60_000):
        population.run_button.click()
    refused = next(population.results.topLevelItem(k) for k in range(population.results.topLevelItemCount())
                   if "Chest" in population.results.topLevelItem(k).text(0))
    refused.setExpanded(True)
    row = refused.child(0)
    body = dict(men)[row.text(0)]
    assert body["chest"] > 1000
    population.results.itemClicked.emit(row, 0)
    assert page.bodies.source.currentData() == "found"
    assert f"chest {body['chest'] / 10:.1f} cm is outside the 76.0 cm–100.0 cm" in page.problem
    page.bodies.choose("men_gilewska", "40")  # a body within the range drafts again
    assert not page.problem and page.result.measurements["chest"] < 1000


def test_a_new_version_is_saved_and_compared_with_the_one_before(bench, qtbot) -> None:
    """Deepen the armhole, save as a new version: the shipped text stays as it was, the new one
    is the user's with the next number; comparing them draws both and lists the pieces whose
    area changed by exactly what drafting the two texts gives."""
    from mtm_app.block_versions import list_versions
    from mtm_app.drafting import draft
    from mtm_app.drafting.inputs import explicit_choices

    page = bench
    shipped = SHIRT.read_text("utf-8")
    _replace(page, SCYE, SCYE + " + 20")
    _drafted(qtbot, page)
    page.tabs.setCurrentWidget(page.versions)
    page.versions.save_button.click()
    assert SHIRT.read_text("utf-8") == shipped  # shipped blocks are never written
    assert page.path.parent.name == "blocks" and page.block.version == "1.2.1"
    window = page.window()  # the tailor's garment chooser and pattern follow the saved version
    assert window.garment.currentText() == "Men's dress shirt v1.2.1" and window.block.version == "1.2.1"
    assert "version: 1.2.1" in page.editor.toPlainText() and not page.editor.document().isModified()
    assert [(v.version, v.kind) for v in list_versions("mens_shirt")] == [("1.2.0", "kept"),
                                                                          ("1.2.1", "current")]
    assert page.versions.version_a.currentText() == "v1.2.0 (kept)"
    assert page.versions.version_b.currentText() == "v1.2.1 (current)"
    found = page.versions.compare()
    body, options = page.bodies.body().values, explicit_choices(page.block, page.options_form.values())
    old = draft(parse_block(shipped, "a"), body, options)
    changed = {p.id: p.area_change_cm2 for p in found.pieces if abs(p.area_change_cm2) > 0.05}
    assert {"back", "front_left", "sleeve"} <= set(changed)  # a deeper scye; the cap follows it
    assert changed["back"] == pytest.approx((page.result.piece("back").area - old.piece("back").area) / 100)
    rows = {page.versions.differences.topLevelItem(k).text(0): page.versions.differences.topLevelItem(k)
            for k in range(page.versions.differences.topLevelItemCount())}
    assert changed["back"] < 0 and rows["Back"].text(3) == f"−{-changed['back']:.1f} cm²"  # less back
    assert len(rows) == len(found.pieces) + len(found.checks)  # every piece, and the checks that differ
    assert len(page.versions.canvas.panels) == len(found.pieces)
    assert "v1.2.0 → v1.2.1" in page.versions.summary.text()


def test_changes_not_saved_survive_a_quit_and_options_start_from_each_blocks_defaults(
        bench, qtbot, tmp_path) -> None:
    """The review's findings: a quit keeps the text typed (it is back, marked not saved, when
    the workbench opens next); another block drafts with its own option defaults, not the
    values of the block before; a block whose id is not its file's name is an error at `id:`;
    saving over a version keeps it."""
    from mtm_app.block_versions import list_versions
    from mtm_app.library import shipped_dir
    from mtm_app.ui.app import build_window

    page = bench
    window = page.window()
    _replace(page, SCYE, SCYE + " + 20")
    _drafted(qtbot, page)
    window.close()  # a quit (or SIGTERM) before saving
    again = build_window(window.store)
    qtbot.addWidget(again)
    again.pages.show_page("workbench")
    typed = again.workbench
    assert typed.path == SHIRT.resolve() and typed.editor.document().isModified()
    assert SCYE + " + 20" in typed.editor.toPlainText() and "not saved are back" in typed.message.text()
    # another block: its own defaults, whatever the shirt's form held
    typed.options_form.set_values({"seam_allowance": 12})
    skirt = shipped_dir() / "skirt.yaml"
    typed.ask_discard = lambda: True
    assert typed.open_block(skirt)
    defaults = {n: s.default for n, s in typed.block.options.items()}
    assert typed.options_form.values()["seam_allowance"] == defaults["seam_allowance"] != 12
    assert typed.result.options["hem_allowance"] == defaults["hem_allowance"]
    # an id that is not the file's name: refused at its line, the library would not find it
    _replace(typed, "  id: skirt", "  id: my_skirt")
    _drafted(qtbot, typed)
    assert "block.id 'my_skirt' is not the file's name 'skirt'" in typed.problem
    assert typed.editor.error_line == 13  # the line of `id:`
    # saving over a user's version keeps it
    _replace(typed, "  id: my_skirt", "  id: skirt")
    typed.ask_save_path = lambda suggested: suggested
    mine = typed.save()
    assert mine.parent.name == "blocks"
    assert typed.save_new_version() == "1.1.1"
    text = typed.editor.toPlainText().replace("version: 1.1.1", "version: 1.0.9")
    typed.editor.setPlainText(text)
    typed.save()
    assert [v.version for v in list_versions("skirt")] == ["1.0.9", "1.1.0", "1.1.1"]
