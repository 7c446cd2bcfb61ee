"""The first window, driven through its real widgets."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from mtm_app.measurements.valentina import read_valentina
from mtm_app.store import open_store
from mtm_app.ui.app import build_window, main
from mtm_app.ui.marker_dialog import width_in


@pytest.fixture
def window(qtbot, tmp_path):
    w = build_window(open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}"))
    qtbot.addWidget(w)
    w.show()
    w.pages.show_page("measure")  # where the tailor types; tests that need another page go there
    return w


def _fit(window, name: str) -> float:
    return next(f.measured for f in window.last_draft.fits if f.name == name)


def test_opens_on_the_demo_customer_with_passing_checks(window) -> None:
    assert window.last_draft is not None and window.last_draft.ok
    assert window.preview.piece_count == 9
    assert "Pattern checks pass" in window.banner.text()
    tops = [window.checks.topLevelItem(i) for i in range(window.checks.topLevelItemCount())]
    fit_rows = next(t for t in tops if t.text(0) == "Fit")
    assert fit_rows.childCount() == 6
    assert all(fit_rows.child(i).text(0).startswith("✓") for i in range(6))


def test_typing_a_measurement_redrafts(window, qtbot) -> None:
    chest = window.measurements.fields["chest"]
    before = _fit(window, "chest")
    chest.selectAll()
    qtbot.keyClicks(chest.lineEdit(), "110")
    qtbot.keyClick(chest, Qt.Key.Key_Return)
    assert chest.value() == 1100.0
    assert _fit(window, "chest") == pytest.approx(before + 44, abs=3)
    assert window.last_draft.ok


def test_style_options_change_the_pieces_and_hide_what_does_not_apply(window, qtbot) -> None:
    window.pages.show_page("style")
    collar = window.options.widgets["collar_style"]
    point_row = window.options.widgets["collar_point"]
    assert point_row.isVisible()
    collar.setCurrentIndex(collar.findText("band"))
    assert "collar" not in {p.id for p in window.last_draft.pieces}
    assert window.preview.piece_count == 8
    assert not point_row.isVisible()
    window.options.widgets["short_sleeve"].setChecked(True)
    assert "cuff" not in {p.id for p in window.last_draft.pieces}
    assert not window.options.widgets["cuff_style"].isVisible()


def test_choosing_a_fit_sets_its_eases(window) -> None:
    fit = window.options.widgets["fit"]
    fit.setCurrentIndex(fit.findText("slim"))
    assert window.options.widgets["chest_ease"].value() == 90
    assert _fit(window, "chest") == pytest.approx(1056 + 90, abs=3)


def test_bad_measurements_are_explained_not_raised(window) -> None:
    good = window.last_draft
    window.measurements.fields["chest"].setValue(400.0)
    assert "chest 40 looks like inches: 101.6 cm?" in window.banner.text()
    assert window.last_draft is good  # the last good pattern stays on screen
    window.measurements.fields["chest"].setValue(700.0)  # a real body, outside the block's range
    assert "chest 70.0 cm is outside the 76.0 cm–150.0 cm" in window.banner.text()
    assert window.last_draft is good


def test_a_typo_is_flagged_inline_and_the_pattern_still_redrafts(window) -> None:
    window.measurements.fields["neck"].setValue(520.0)
    rows = window.checks.topLevelItem(0)
    assert rows.text(0) == "Measurements"
    texts = [rows.child(i).text(0) for i in range(rows.childCount())]
    assert any("likely a typo in neck" in t for t in texts)
    assert "measurement warning" in window.banner.text()
    assert window.last_draft.measurements["neck"] == 520.0
    neck = window.measurements.fields["neck"]
    assert "fff4cc" in neck.styleSheet() and "likely a typo in neck" in neck.toolTip()
    message = window.measurements.messages["neck"]  # said under the field, not only on hover
    assert message.isVisible() and message.text().startswith("⚠ neck 52 cm is far from what")
    assert "likely a typo in neck" in message.text()
    assert not window.measurements.messages["chest"].isVisible()
    assert window.measurements.fields["chest"].styleSheet() == ""


def test_clearing_a_derivable_measurement_derives_it(window) -> None:
    window.measurements.fields["across_back"].setValue(0)
    assert "across_back" in window.last_draft.derived
    assert "Across back" in window.statusBar().currentMessage()


def test_screenshot_flag_writes_a_png(tmp_path, qapp) -> None:
    path = tmp_path / "shot.png"
    assert main(["--screenshot", str(path)]) == 0
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 20_000


def test_every_page_has_its_own_screenshot_at_the_size_asked(tmp_path, qapp) -> None:
    from PySide6.QtGui import QImage

    pictures = {}
    for page in ("customers", "measure", "style", "order", "production", "fabrics", "workbench"):
        path = tmp_path / f"{page}.png"
        assert main(["--screenshot", str(path), "--page", page, "--size", "1366x768"]) == 0
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768)
        pictures[page] = bytes(image.constBits())
    assert len(set(pictures.values())) == len(pictures)  # no two pages look the same


def test_the_screenshot_shows_the_garment_asked(tmp_path, qapp, capsys) -> None:
    from PySide6.QtGui import QImage

    shots = {}
    for garment in ("mens_shirt", "mens_waistcoat"):
        path = tmp_path / f"{garment}.png"
        assert main(["--screenshot", str(path), "--page", "style", "--garment", garment]) == 0
        shots[garment] = bytes(QImage(str(path)).constBits())
    assert shots["mens_shirt"] != shots["mens_waistcoat"]
    assert main(["--screenshot", str(tmp_path / "x.png"), "--garment", "mens_waistcot"]) == 2
    assert "no garment 'mens_waistcot'" in capsys.readouterr().err
    # a customer opened by name: Marcus's orders (the demo's suit) on the Order page
    for who in ("daniel", "marcus"):
        assert main(["--screenshot", str(tmp_path / f"{who}.png"), "--page", "order", "--customer", who]) == 0
    assert QImage(str(tmp_path / "daniel.png")) != QImage(str(tmp_path / "marcus.png"))
    assert main(["--screenshot", str(tmp_path / "x.png"), "--customer", "nobody at all"]) == 2
    assert "no customer found for 'nobody at all'" in capsys.readouterr().err


def test_pages_by_task_share_one_live_pattern(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for n, key in enumerate(["customers", "measure", "style", "order"], start=1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert window.pages.current() == key
        shown = window.pages.stack.currentWidget()
        assert window.preview.isVisible() == (key != "customers")
        assert window.preview.isVisible() is shown.isAncestorOf(window.preview)
    headings = [window.pages.sidebar.item(i).text() for i in range(window.pages.sidebar.count())]
    assert [h for h in headings if not h.startswith(" ")] == ["Tailor", "Factory", "Pattern maker"]


def test_the_focused_measurement_shows_its_diagram_and_how_to(window, qtbot) -> None:
    form = window.measurements
    assert form.guide_for == "height"
    wrist = form.fields["wrist"]
    wrist.setFocus()
    qtbot.waitUntil(lambda: form.guide_for == "wrist", timeout=2000)
    assert "Around the wrist" in form.how_to.text()
    assert form.diagram.renderer().isValid()


def test_estimating_fills_empty_fields_marked_as_estimates(window, qtbot) -> None:
    form = window.measurements
    form.fields["bicep"].setValue(0)
    form.fields["wrist"].setValue(0)
    assert "measure: Bicep, Wrist" in window.banner.text()
    assert form.fields["wrist"].text() == "not measured" and form.fields["wrist"].styleSheet() == ""
    qtbot.mouseClick(window.estimate_button, Qt.MouseButton.LeftButton)
    assert set(form.estimated) >= {"bicep", "wrist"}
    assert 300 < form.fields["bicep"].value() < 380
    assert form.fields["wrist"].font().italic()
    assert "estimated" in form.fields["wrist"].toolTip()
    assert window.last_draft.ok
    assert "Estimated (measure to confirm): Bicep, Wrist" in window.statusBar().currentMessage()
    form.fields["wrist"].setValue(180.0)  # measured after all
    assert "wrist" not in form.estimated and not form.fields["wrist"].font().italic()


def test_estimates_stay_marked_across_garments_sessions_and_customers(window, qtbot) -> None:
    daniel = window.customer_id
    window.measurements.fields["wrist"].setValue(0)
    window.estimate_missing()
    window.garment.setCurrentIndex(window.garment.findData("mens_trousers"))  # no wrist here
    window.garment.setCurrentIndex(window.garment.findData("mens_shirt"))
    assert "wrist" in window.measurements.estimated and window.measurements.fields["wrist"].font().italic()
    session = window.store.measurement_session(window.save_measurements())
    assert "wrist" in session.estimated and "chest" not in session.estimated
    other = next(c.id for c in window.store.search() if c.id != daniel)
    window.open_customer(other)
    assert "wrist" not in window.measurements.estimated  # the next customer's are their own
    window.open_customer(daniel)
    assert "wrist" in window.measurements.estimated and window.measurements.fields["wrist"].font().italic()
    window.measurements.fields["wrist"].setValue(181.0)  # measured now: no longer an estimate
    assert "wrist" not in window.store.measurement_session(window.save_measurements()).estimated


def test_inches_typed_as_on_the_tape_and_units_per_customer_and_field(window, qtbot) -> None:
    form = window.measurements
    form.unit_box.setCurrentText("in")
    chest = form.fields["chest"]
    assert chest.text() == "41.57 in"
    chest.selectAll()
    qtbot.keyClicks(chest.lineEdit(), "41 1/2")
    qtbot.keyClick(chest, Qt.Key.Key_Return)
    assert chest.value() == pytest.approx(41.5 * 25.4)
    assert chest.text() == "41 1/2 in"
    assert window.last_draft.measurements["chest"] == pytest.approx(1054.1)
    form.fields["neck"].set_unit("cm")  # one field in another unit
    assert form.fields["neck"].text() == "39.5 cm" and chest.text() == "41 1/2 in"
    form.unit_box.setCurrentText("cm")
    assert chest.text() == "105.41 cm"


def test_size_panel_gives_the_nearest_sizes_and_the_customers_preferred_fit(window, qtbot) -> None:
    panel = window.size_panel
    gilewska, wargnier, shirts = panel.size_lines()  # the US shirt chart: his neck is measured
    assert gilewska == ("Men's sizes 36–54 (Gilewska): size 46 ✓ stock size fits; customer − size "
                        "(cm): chest +1.6, waist −0.8, seat / hip +0.7; "
                        "alter (cm): inseam +4.5, outseam +4.5")  # one definition: lengths agree
    assert wargnier.startswith("Men's sizes 38–48 (Wargnier): size 46 ✗ made-to-measure; customer − size "
                               "(cm): chest +1.6, waist −0.8, seat / hip −4.3; alter (cm): seat / hip −4.3")
    assert shirts.startswith("US men's dress shirts, neck / sleeve: size ")
    assert "customer − size (cm): neck " in shirts
    assert "Recommended fit: regular" in panel.fit.text()
    assert "drop (chest − waist) 14.4 cm" in panel.fit.text()
    assert not panel.use_fit.isEnabled()  # already the garment's fit
    panel.preference.setCurrentIndex(panel.preference.findData("comfortable"))
    assert "Recommended fit: relaxed" in panel.fit.text()
    assert window.store.customer(window.customer_id).fit_preference == "comfortable"  # kept
    chest = _fit(window, "chest")
    qtbot.mouseClick(panel.use_fit, Qt.MouseButton.LeftButton)
    assert window.options.value("fit") == "relaxed"
    assert _fit(window, "chest") > chest + 20  # a relaxed chest has more ease
    assert not panel.use_fit.isEnabled()
    window.history.stack.undo()  # taking the advice is one edit like any other
    assert window.options.value("fit") == "regular"


def test_size_advice_waits_for_measurement_errors_to_be_corrected(window) -> None:
    window.measurements.fields["chest"].setValue(3000)
    assert window.size_panel.size_lines() == []
    assert "Correct the measurements" in window.size_panel.note.text()


def test_measurements_come_in_from_valentina_and_go_out_as_vit(window, tmp_path) -> None:
    vit = Path(__file__).parent / "data" / "valentina" / "customer_inch.vit"
    window.measurements.fields["wrist"].setValue(0)
    window.estimate_missing()
    assert window.import_measurements(vit)
    form = window.measurements
    assert form.unit_box.currentText() == "in" and form.fields["chest"].text() == "41 1/2 in"
    assert form.fields["across_back"].value() == pytest.approx(430)  # not in the file: kept
    assert "wrist" in form.estimated  # still the estimate made before
    assert "not used by MTM Studio: head_circ = 22.5 in" in window.banner.text()
    assert window.last_draft.measurements["chest"] == pytest.approx(41.5 * 25.4)
    out = window.export_measurements(tmp_path / "out.vit")
    back = read_valentina(out)
    assert back.values["chest"] == pytest.approx(41.5 * 25.4, abs=0.01) and back.unit == "in"
    assert back.estimated == set(form.estimated) >= {"wrist"} and back.customer == window.customer_name
    (tmp_path / "bad.vit").write_text("<vst><unit>cm</unit></vst>")
    assert not window.import_measurements(tmp_path / "bad.vit")
    assert "nothing imported" in window.banner.text() and "multisize table" in window.banner.text()
    assert form.fields["chest"].value() == pytest.approx(41.5 * 25.4)  # the form is untouched


def test_confirmed_orders_are_laid_in_a_marker_from_the_order_panel(window, qtbot, monkeypatch) -> None:
    panel = window.order_panel
    assert panel.history.topLevelItemCount() == 1  # the demo's order, in flannel
    for _ in range(2):  # two shirts for the same customer, each order with its fabric
        panel.fabric.setText("cotton poplin, 140 cm")
        window.confirm_order()
    assert panel.history.topLevelItemCount() == 3
    panel.history.topLevelItem(0).setSelected(True)  # the newest first
    panel.history.topLevelItem(1).setSelected(True)
    chosen = {}

    def accept(dialog) -> int:  # the tailor reads the width off the fabric and says one-way
        chosen["width"] = dialog.width_cm.value()
        dialog.one_way.setChecked(True)
        dialog.seconds.setValue(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr("mtm_app.ui.order_actions.MarkerDialog.exec", accept)
    qtbot.mouseClick(panel.marker_button, Qt.MouseButton.LeftButton)
    assert chosen["width"] == 140.0
    message = window.statusBar().currentMessage()
    assert message.startswith("Marker: 26 pieces") and "of 140 cm self" in message
    folder = Path(message.rsplit("files in ", 1)[1])
    report = json.loads((folder / "marker-self.json").read_text())
    assert report["one_way"] is True and not any(p["turned"] for p in report["pieces"])
    assert len({p["order"] for p in report["pieces"]}) == 2


def test_fabric_width_is_read_from_the_fabric_description() -> None:
    assert width_in("cotton poplin, 140 cm") == 140.0
    assert width_in("wool 150cm wide") == 150.0
    assert width_in("linen 137,5 cm") == 137.5
    assert width_in("silk") == 150.0


@pytest.mark.parametrize("garment", ["mens_trousers", "skirt"])
def test_estimating_works_for_garments_that_do_not_ask_for_height_or_chest(window, garment) -> None:
    """The customer's height and chest (or bust) come from their session, not only the form."""
    if garment == "skirt":
        window.open_customer(window.store.search("sarah")[0].id)
    window.garment.setCurrentIndex(window.garment.findData(garment))
    form = window.measurements
    assert not {"chest", "bust"} & form.fields.keys()
    empty = next(n for n, s in window.block.measurements.items() if s.derive is None and n != "waist")
    form.fields[empty].setValue(0.0)
    window.estimate_missing()
    assert form.fields[empty].value() > 0 and empty in form.estimated
    assert "needs height" not in window.banner.text()
    assert "_" not in window.statusBar().currentMessage()  # names for people, not ids
    assert window.size_panel.isEnabled()


def test_eases_and_adjustments_read_in_the_customers_unit(window, qtbot) -> None:
    window.open_customer(window.store.search("marcus")[0].id)  # measured in inches
    window.pages.show_page("style")
    ease = window.options.widgets["chest_ease"]
    assert window.measurements.unit_box.currentText() == "in" and ease.text().endswith(" in")
    before = window.options.value("chest_ease")
    window.measurements.unit_box.setCurrentText("cm")
    assert ease.text() == f"{before / 10:g} cm" and window.options.value("chest_ease") == before
    window.measurements.unit_box.setCurrentText("in")
    adjust = window.options.widgets["length_adjust"]
    adjust.setFocus()
    adjust.selectAll()
    qtbot.keyClicks(adjust.lineEdit(), "-1 1/2")
    qtbot.keyClick(adjust, Qt.Key.Key_Return)
    assert window.options.value("length_adjust") == pytest.approx(-38.1)
    assert adjust.text() == "-1 1/2 in"
    assert window.last_draft.options["length_adjust"] == pytest.approx(-38.1)


def test_a_us_tailor_gives_the_sleeve_from_the_centre_back(window, qtbot) -> None:
    """Marcus is measured in inches: his sleeve typed from the centre back (34 1/2, as a US
    tailor takes it) drafts the shirt with its sleeve converted, and sizes him neck / sleeve."""
    window.open_customer(window.store.search("marcus")[0].id)
    form = window.measurements
    sleeve, cb = form.fields["sleeve_length"], form.fields["cb_sleeve_length"]
    assert list(form.fields).index("cb_sleeve_length") == list(form.fields).index("sleeve_length") + 1
    assert cb.value() == 0 and cb.specialValueText() == "not measured"
    sleeve.setValue(0)
    cb.setFocus()
    cb.selectAll()
    qtbot.keyClicks(cb.lineEdit(), "34 1/2")
    qtbot.keyClick(cb, Qt.Key.Key_Return)
    assert cb.text() == "34 1/2 in"
    assert not form.messages["cb_sleeve_length"].isVisibleTo(form)  # no finding: a real sleeve
    draft = window.last_draft
    assert draft.ok and "sleeve_length" in draft.derived
    assert 24 * 25.4 < draft.measurements["sleeve_length"] < 26 * 25.4
    shirts = next(line for line in window.size_panel.size_lines() if line.startswith("US men's"))
    assert "size 17 / 35" in shirts or "size 17 / 34" in shirts
    assert "customer − size (in): neck +0, sleeve length from centre back " in shirts
    assert "(in)" in window.size_panel.size_lines()[0] and "drop (chest − waist) 5 1/2 in" in \
        window.size_panel.fit.text()


def test_checks_read_in_the_customers_unit(window) -> None:
    def fit_texts() -> list[str]:
        tops = [window.checks.topLevelItem(i) for i in range(window.checks.topLevelItemCount())]
        fit = next(t for t in tops if t.text(0) == "Fit")
        return [fit.child(i).text(1) for i in range(fit.childCount())]

    assert all(t.endswith(" cm)") for t in fit_texts())
    window.measurements.unit_box.setCurrentText("in")
    texts = fit_texts()
    assert all(" in (want " in t and t.endswith(" in)") for t in texts)
    chest = next(f for f in window.last_draft.fits if f.name == "chest")
    from mtm_app.measurements.units import show_length

    assert texts[0].startswith(show_length(chest.measured, "in") + " (want")  # as a tape reads


def test_a_marker_can_be_cancelled_and_writes_nothing(window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from mtm_app.marker import MarkerSpec
    from mtm_app.store.folders import marker_folder

    window.confirm_order()
    reference = window.order_panel.history.topLevelItem(0).text(0)
    shown = {}

    def press_cancel() -> None:  # 0.4 s in, the cutter sees the progress and presses Cancel
        dialog = next(d for d in window.findChildren(QProgressDialog) if d.isVisible())
        shown["label"] = dialog.labelText()
        button = dialog.findChild(QPushButton)
        shown["cancel"] = button.text()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(400, press_cancel)
    started = time.perf_counter()
    written = window.lay_marker([reference], MarkerSpec(1400.0, seconds=3), "self")
    assert written == [] and time.perf_counter() - started < 2.5  # not the solver's 3 s
    assert shown["cancel"] == "Cancel" and "Laying the marker" in shown["label"]
    assert window.statusBar().currentMessage() == "Marker cancelled: nothing was written"
    time.sleep(3.5)  # the solver ends on its own and writes nothing
    folder = marker_folder([reference])
    assert not folder.exists() or not any(folder.iterdir())


def test_the_marker_progress_shows_the_best_length_so_far(window, qtbot) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from mtm_app.marker import MarkerSpec

    window.confirm_order()
    reference = window.order_panel.history.topLevelItem(0).text(0)
    seen: list[str] = []
    watch = QTimer(window)
    watch.timeout.connect(lambda: seen.extend(
        d.labelText() for d in window.findChildren(QProgressDialog) if d.isVisible()))
    watch.start(100)
    written = window.lay_marker([reference], MarkerSpec(1500.0, seconds=2), "self")
    watch.stop()
    assert written and any("best so far 1." in text and " m" in text for text in seen), seen
    final = float(window.statusBar().currentMessage().split(" cm of ")[0].rsplit(" ", 1)[1])
    lengths = [float(t.split("best so far ")[1].split(" m")[0]) for t in seen if "best so far" in t]
    assert min(lengths) * 100 >= final - 1  # never shorter than the marker it ends with
