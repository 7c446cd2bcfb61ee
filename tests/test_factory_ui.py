"""The cutting room's pages driven through their widgets: the queue across customers, status
moves with who and why, a scanned ticket, files produced in one run; the fabric catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mtm_app.store import OrderStatus
from mtm_app.store.demo import DEMO_BY
from mtm_app.store.fabrics import fabric, fabrics


def _orders(window, count: int) -> list[str]:
    """Orders confirmed from the tailor's pages, for two customers."""
    refs = []
    for k in range(count):
        window.open_customer(window.store.search("daniel" if k % 2 == 0 else "marcus")[0].id)
        window.order_panel.fabric.setText("poplin 150 cm")
        window.confirm_order()
        refs.append(window.store.customer(window.customer_id).orders[-1].reference)
    return refs


def _select(page, refs) -> None:
    """Select these orders in the queue (the demo's own orders are there too)."""
    for k in range(page.table.topLevelItemCount()):
        item = page.table.topLevelItem(k)
        item.setSelected(item.text(0) in refs)


def _demo(window) -> set[str]:
    """The orders a first start places for the demo customers."""
    return {o.reference for o in window.store.orders() if o.events[0].by == DEMO_BY}


def _rows(page) -> dict[str, list[str]]:
    table = page.table
    return {table.topLevelItem(k).text(0): [table.topLevelItem(k).text(c) for c in range(8)]
            for k in range(table.topLevelItemCount())}


def test_the_queue_moves_orders_and_keeps_who_and_why(window, qtbot, monkeypatch) -> None:
    first, second, third = _orders(window, 3)
    window.measured_by.setText("Mia Cutter")
    window.pages.go("production")
    page = window.production
    rows = _rows(page)
    assert set(rows) == {first, second, third} | _demo(window) and len(_demo(window)) == 3
    rows = {ref: row for ref, row in rows.items() if ref in (first, second, third)}
    assert {r[1] for r in rows.values()} == {"Daniel Moreau (demo)", "Marcus Adeyemi (demo)"}
    assert all(r[3] == "confirmed" and r[2].startswith("Men's dress shirt") for r in rows.values())
    # two orders to the cutting room
    for k in range(page.table.topLevelItemCount()):
        item = page.table.topLevelItem(k)
        item.setSelected(item.text(0) in (first, second))
    page.next_status.setCurrentIndex(page.next_status.findData("in production"))
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    store = window.store
    assert store.order_by_reference(first).status is OrderStatus.IN_PRODUCTION
    assert store.order_by_reference(first).events[-1].by == "Mia Cutter"
    assert store.order_by_reference(third).status is OrderStatus.CONFIRMED
    # a scanned ticket: its QR code's text (reference and trace) and Enter
    page.search.setFocus()
    trace = store.order_by_reference(second).trace
    qtbot.keyClicks(page.search, f"{second} {trace}")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.selected() == [second]
    assert [page.history.topLevelItem(k).text(1) for k in range(page.history.topLevelItemCount())] \
        == ["confirmed", "confirmed → in production"]
    # a cancel asks why; no reason given, nothing changes
    page.next_status.setCurrentIndex(page.next_status.findData("cancelled"))
    asked: list[str] = []

    def answer(text: str, ok: bool):
        def ask(*args, **_kw):
            asked.append(args[2])  # the question the cutter reads
            return text, ok
        return ask

    monkeypatch.setattr("mtm_app.ui.production_page.QInputDialog.getText", answer("", False))
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)  # the button, as the cutter does
    assert asked == ["Why are these orders cancelled?"]
    assert store.order_by_reference(second).status is OrderStatus.IN_PRODUCTION
    monkeypatch.setattr("mtm_app.ui.production_page.QInputDialog.getText",
                        answer("customer changed the collar", True))
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2
    assert store.order_by_reference(second).events[-1].reason == "customer changed the collar"
    assert _rows(page)[second][3] == "cancelled"  # a scan shows every status
    page.status.setCurrentIndex(page.status.findData("open"))
    assert second not in _rows(page) and first in _rows(page)


def test_files_are_produced_for_the_selected_orders(window) -> None:
    refs = _orders(window, 2)
    folders = [Path(window.store.order_by_reference(r).files_dir) for r in refs]
    for folder in folders:
        for f in folder.iterdir():
            f.unlink()  # lost on the factory's disk
    window.pages.go("production")
    page = window.production
    _select(page, refs)
    assert sorted(page.selected()) == sorted(refs)
    outcomes = page.produce_selected(workers=1)
    assert [o.ok for o in outcomes] == [True, True]
    assert all(sorted(p.suffix for p in f.iterdir()) == [".dxf", ".pdf", ".pdf"] for f in folders)
    assert page.message.text() == "2 written, 0 failed"


def test_the_queue_filters_by_status_and_fabric(window) -> None:
    refs = _orders(window, 2)
    page = window.production
    window.pages.go("production")
    page.fabric.setText("velvet")
    assert _rows(page) == {}
    page.fabric.setText("POPLIN")
    assert set(_rows(page)) == set(refs)
    page.status.setCurrentIndex(page.status.findData("cut"))
    assert _rows(page) == {}


def test_fabrics_are_added_changed_and_kept(window, qtbot, tmp_path) -> None:
    window.pages.go("fabrics")
    page = window.fabrics
    assert page.list.topLevelItemCount() == 9  # the demo catalogue
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.code, "vel-noir-137")
    qtbot.keyClicks(page.name, "Velours noir")
    page.usable_width.lineEdit().selectAll()
    qtbot.keyClicks(page.usable_width.lineEdit(), "137.5")  # typed, not entered: still counts
    page.one_way.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = fabric(window.store, "VEL-NOIR-137")
    assert (saved.name, saved.width_mm, saved.one_way) == ("Velours noir", 1375.0, True)
    assert page.list.currentItem().text(0) == "VEL-NOIR-137" and page.code.isReadOnly()
    path = page.export_csv(tmp_path / "catalogue.csv")
    assert "VEL-NOIR-137,Velours noir,,137.5,yes" in path.read_text("utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,width_cm\nNEW-1,150\nNEW-2,wide\n", encoding="utf-8")
    assert page.import_csv(bad) == 0
    assert "nothing imported" in page.message.text() and "bad.csv:3, width_cm" in page.message.text()
    assert len(fabrics(window.store)) == 10
    assert page.remove(confirmed=True) and len(fabrics(window.store)) == 9
    QApplication.processEvents()


def test_an_order_picks_its_fabric_from_the_catalogue_and_hears_of_short_stock(window, qtbot) -> None:
    from mtm_app.store.fabrics import save_fabric

    save_fabric(window.store, "FLA-GRY-150", stock_m=0.8)
    window.fabrics.changed.emit()
    window.pages.go("order")
    field = window.order_panel.fabric
    completer = field.completer()
    completer.setCompletionPrefix("flannel")  # a word of the name finds the code
    assert completer.currentCompletion() == "FLA-GRY-150 — Wool flannel grey, 150 cm"
    field.setText(completer.currentCompletion())
    window.confirm_order()
    order = window.store.customer(window.customer_id).orders[-1]
    assert (order.garments[0].fabric_code, order.garments[0].fabric) == (
        "FLA-GRY-150", "FLA-GRY-150 — Wool flannel grey, 150 cm")
    assert window.banner.text().startswith("⚠ FLA-GRY-150: this order needs about 1.")
    assert "the stock is 0.8 m" in window.banner.text()
    field.setText("customer's own cloth, 140 cm")  # not in the catalogue: kept as said
    window.confirm_order()
    order = window.store.customer(window.customer_id).orders[-1]
    assert (order.garments[0].fabric_code, order.garments[0].fabric) == ("", "customer's own cloth, 140 cm")


def test_markers_are_laid_per_fabric_from_the_queue(window) -> None:
    from mtm_app.ui.production_page import MarkersDialog

    refs = _orders(window, 2)
    store = window.store
    from mtm_app.store.fabrics import fabrics as catalogue

    window.pages.go("production")
    page = window.production
    _select(page, refs)
    dialog = MarkersDialog(catalogue(store), page)
    assert dialog.material_fabrics() == {"lining": "LIN-VIS-145", "interfacing": "INT-FUS-90"}
    dialog.seconds.setValue(1)
    laid = page.lay_selected(dialog)
    # both orders say "poplin 150 cm" (no code): one self marker of 150 cm, one interfacing
    assert sorted((run.fabric, run.material, run.references) for run, *_ in laid) == [
        ("INT-FUS-90", "interfacing", tuple(refs)), ("poplin 150 cm", "self", tuple(refs))]
    assert all(not error for *_, error in laid)
    assert page.message.text().startswith("Markers in ") and "poplin 150 cm self: " in page.message.text()


def test_the_order_pages_marker_takes_the_catalogue_fabric_and_never_mixes(window, monkeypatch) -> None:
    from mtm_app.ui.marker_dialog import MarkerDialog

    window.order_panel.fabric.setText("FLA-GRY-150 — Wool flannel grey, 150 cm")
    window.confirm_order()
    flannel = window.store.customer(window.customer_id).orders[-1].reference
    seen = {}

    def look(dialog) -> int:
        seen.update(width=dialog.width_cm.value(), one_way=dialog.one_way.isChecked())
        return MarkerDialog.DialogCode.Rejected

    monkeypatch.setattr(MarkerDialog, "exec", look)
    window.lay_marker([flannel])
    assert seen == {"width": 150.0, "one_way": True}  # the nap, from the catalogue
    window.order_panel.fabric.setText("poplin 140 cm")
    window.confirm_order()
    poplin = window.store.customer(window.customer_id).orders[-1].reference
    assert window.lay_marker([flannel, poplin]) == []
    assert "different fabrics" in window.banner.text()


def test_a_laid_marker_is_printed_from_the_production_page(window, tmp_path, monkeypatch) -> None:
    import pypdfium2 as pdfium
    from PySide6.QtPrintSupport import QPrinter

    from mtm_app.ui.printing import print_pdf
    from mtm_app.ui.production_page import MarkersDialog

    refs = _orders(window, 1)
    window.pages.go("production")
    page = window.production
    _select(page, refs)
    dialog = MarkersDialog([], page)
    dialog.seconds.setValue(1)
    [(_run, _marker, written, error)] = page.lay_selected(dialog)
    assert not error
    plot = next(p for p in written if p.suffix == ".pdf")

    def to_pdf_printer(path, parent, preview=False):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return print_pdf(path, printer)

    monkeypatch.setattr("mtm_app.ui.production_page.print_with_dialog", to_pdf_printer)
    monkeypatch.setattr("mtm_app.ui.production_page.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(plot), ""))
    assert page.print_marker() == len(pdfium.PdfDocument(str(plot))) >= 1
    printed = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    assert printed[0].get_size() == pytest.approx(pdfium.PdfDocument(str(plot))[0].get_size(), abs=0.5)
    assert "sent to the printer" in page.message.text()


def test_the_floors_slips_are_caught(window, qtbot, monkeypatch) -> None:
    """A review's findings: a new fabric never overwrites one of the same code; moving on offers
    the next step first; a cancel without a reason says so in the window's words; cancelled
    orders are neither produced nor laid."""
    page = window.fabrics
    window.pages.go("fabrics")
    page.new()
    page.code.setText("chk-grn-148")
    page.name.setText("Lin naturel")
    assert page.save() is False and "already in the catalogue" in page.message.text()
    from mtm_app.store.fabrics import fabric

    assert fabric(window.store, "CHK-GRN-148").name == "Gingham green"
    first, second = _orders(window, 2)
    window.pages.go("production")
    queue = window.production
    for k in range(queue.table.topLevelItemCount()):
        item = queue.table.topLevelItem(k)
        item.setSelected(item.text(0) == first)
    assert queue.next_status.itemData(0) == "in production"  # forward first, not back to draft
    queue.next_status.setCurrentIndex(queue.next_status.findData("cancelled"))
    monkeypatch.setattr("mtm_app.ui.production_page.QInputDialog.getText", lambda *a, **k: (" ", True))
    assert queue.move_selected() is False
    assert "say why the orders are cancelled" in queue.message.text()
    monkeypatch.setattr("mtm_app.ui.production_page.QInputDialog.getText",
                        lambda *a, **k: ("customer moved", True))
    assert queue.move_selected() is True
    queue.status.setCurrentIndex(queue.status.findData(""))
    _select(queue, {first, second})
    outcomes = queue.produce_selected(workers=1)
    assert [o.reference for o in outcomes] == [second]
    assert queue.message.text().startswith("1 written")


def test_text_typed_in_a_measurement_is_what_its_message_speaks_of(window, qtbot) -> None:
    window.pages.go("measure")
    chest = window.measurements.fields["chest"]
    chest.setValue(300.0)  # an impossible chest: an error under the field
    chest.lineEdit().selectAll()
    qtbot.keyClicks(chest.lineEdit(), "abc")
    assert chest.commit() is False  # as Return or leaving the field takes it
    message = window.measurements.messages["chest"].text()
    assert "'abc' is not a length" in message, message


def test_a_first_start_has_a_queue_and_the_factory_filters_it_by_shop(window, monkeypatch,
                                                                       tmp_path) -> None:
    """The demo's three orders (one a two-piece suit) are real orders (files, fabric codes, shops,
    a move); an order taken in the window carries this shop's name, and the queue filters by it."""
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "settings"))  # the shop's name stays here
    store = window.store
    demo = sorted((tuple(g.block_id for g in o.garments), {g.fabric_code for g in o.garments}, o.shop,
                   o.status.value) for o in store.orders() if o.reference in _demo(window))
    assert demo == [(("mens_jacket", "mens_trousers"), {"FLA-GRY-150"}, "London", "confirmed"),  # a suit
                    (("mens_shirt",), {"STR-BLU-150"}, "Paris", "confirmed"),
                    (("skirt",), {"FLA-GRY-150"}, "London", "in production")]
    for order in store.orders():  # each garment's cut file and tiled pages, one cut ticket
        files = sorted(p.name.removeprefix(order.reference) for p in Path(order.files_dir).iterdir())
        if len(order.garments) == 1:
            assert files == [".aama.dxf", ".ticket.pdf", ".tiled.pdf"]
        else:
            assert files == ["-1.aama.dxf", "-1.tiled.pdf", "-2.aama.dxf", "-2.tiled.pdf", ".ticket.pdf"]
    monkeypatch.setattr("mtm_app.ui.main_window.QInputDialog.getText",
                        lambda *a, **k: ("  Lyon — Part-Dieu ", True))
    window.name_shop()
    [lyon] = _orders(window, 1)
    assert store.order_by_reference(lyon).shop == "Lyon — Part-Dieu"
    window.pages.go("production")
    page = window.production
    assert [page.shop.itemText(k) for k in range(page.shop.count())] == [
        "every shop", "London", "Lyon — Part-Dieu", "Paris"]
    page.shop.setCurrentIndex(page.shop.findData("London"))
    garments = {row[2] for row in _rows(page).values()}
    assert len(garments) == 2 and any(g.startswith("Skirt v") for g in garments)
    assert any(g.startswith("Men's jacket v") and "+ Men's trousers v" in g for g in garments)  # the suit
    assert {row[7] for row in _rows(page).values()} == {"London"}
    page.shop.setCurrentIndex(page.shop.findData("Lyon — Part-Dieu"))
    assert set(_rows(page)) == {lyon}
    page.refresh()  # the poll keeps the shop chosen
    assert page.shop.currentData() == "Lyon — Part-Dieu" and set(_rows(page)) == {lyon}


def test_cancel_says_how_many_markers_and_files_were_not_made(window, monkeypatch) -> None:
    """Cancel pressed at once: the marker being solved is not laid either, and is counted; a
    cancelled file run is a warning, not a success."""
    from PySide6.QtWidgets import QProgressDialog

    from mtm_app.store.fabrics import fabrics as catalogue
    from mtm_app.ui.production_page import MarkersDialog

    refs = _orders(window, 2)
    window.pages.go("production")
    page = window.production
    _select(page, refs)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    dialog = MarkersDialog(catalogue(window.store), page)
    dialog.seconds.setValue(2)
    laid = page.lay_selected(dialog)
    assert all(marker is None for _run, marker, _written, _error in laid)
    said = page.message.text()
    assert said.startswith("No marker laid: ") and "cancelled: 2 marker(s) not laid" in said
    page.produce_selected(workers=1)
    assert "cancelled," in page.message.text() and "not started" in page.message.text()
    from mtm_app.ui import colours

    assert page.message.styleSheet() == colours.text_style("warning")  # not the green of a success
