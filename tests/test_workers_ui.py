"""The Production page queueing its work for the worker machines instead of doing it here, and
showing what the workers made of the selected orders' jobs."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from mtm_app.store.fabrics import fabrics
from mtm_app.store.jobs import JobStatus
from mtm_app.ui.production_page import MarkersDialog
from mtm_app.worker import work


def _orders(window, count: int) -> list[str]:
    """Orders confirmed from the tailor's pages."""
    refs = []
    for _ in range(count):
        window.order_panel.fabric.setText("poplin 150 cm")
        window.confirm_order()
        refs.append(window.store.customer(window.customer_id).orders[-1].reference)
    return refs


def _jobs(page) -> list[list[str]]:
    return [[page.jobs.topLevelItem(k).text(c) for c in (1, 2, 3, 4, 7)]
            for k in range(page.jobs.topLevelItemCount())]


def test_the_production_page_queues_jobs_and_shows_what_the_workers_made(window, qtbot, tmp_path) -> None:
    first, second = refs = _orders(window, 2)
    window.pages.go("production")
    page = window.production
    for k in range(page.table.topLevelItemCount()):
        item = page.table.topLevelItem(k)
        item.setSelected(item.text(0) in refs)
    qtbot.mouseClick(page.to_workers, Qt.MouseButton.LeftButton)
    assert page.to_workers.isChecked()
    folders = [Path(window.store.order_by_reference(r).files_dir) for r in refs]
    before = {f: f.stat().st_mtime_ns for folder in folders for f in folder.iterdir()}
    qtbot.mouseClick(page.produce_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "2 job(s) queued for the workers (0 already waiting)"
    assert page.produce_selected() == []  # still waiting for a worker: not queued twice
    assert page.message.text() == "0 job(s) queued for the workers (2 already waiting)"
    dialog = MarkersDialog(fabrics(window.store), page)
    dialog.choices["interfacing"].setCurrentIndex(0)  # not laid
    dialog.seconds.setValue(1)
    [marker] = page.lay_selected(dialog)
    assert page.message.text() == "The markers of 2 order(s) queued for the workers"
    assert marker.payload == {"references": refs, "material_fabrics": {"lining": "LIN-VIS-145"},
                              "seconds": 1}
    assert _jobs(page) == [["marker", f"{first}, {second}", "queued", "0/3", ""],
                           ["files", second, "queued", "0/3", ""], ["files", first, "queued", "0/3", ""]]
    assert page._jobs_poll.isActive()  # the page watches them
    assert all(f.stat().st_mtime_ns == before[f] for f in before)  # nothing made here
    # a worker machine takes them (here in this process: the same code `mtm worker` runs)
    said: list[str] = []
    url = window.store.engine.url.render_as_string(hide_password=False)
    assert work(url, str(tmp_path / "factory"), once=True, lease=30, stop=threading.Event(),
                say=said.append) == 3
    qtbot.waitUntil(lambda: _jobs(page)[0][2] == "done", timeout=10000)  # seen without a click
    rows = _jobs(page)
    assert [r[:4] for r in rows] == [["marker", f"{first}, {second}", "done", "1/3"],
                                     ["files", second, "done", "1/3"], ["files", first, "done", "1/3"]]
    assert rows[1][4] == rows[2][4] == "3 file(s)"
    assert rows[0][4].startswith("4 file(s) — ") and "interfacing not laid" in rows[0][4]
    made = sorted(p.name for p in (tmp_path / "factory" / "orders" / first).iterdir())
    assert made == sorted(p.name for p in folders[0].iterdir()) and len(made) == 3  # the order's set
    assert not page._jobs_poll.isActive()  # nothing left to watch
    # one order selected: its jobs only
    for k in range(page.table.topLevelItemCount()):
        item = page.table.topLevelItem(k)
        item.setSelected(item.text(0) == first)
    assert [r[1] for r in _jobs(page)] == [f"{first}, {second}", first]
    assert window.store.order_by_reference(first).status.value == "confirmed"
    assert {j.status for j in page.show_jobs()} == {JobStatus.DONE}
    page.jobs.parentWidget().parentWidget().setCurrentWidget(page.jobs)
    window.grab().save(str(tmp_path / "production-jobs.png"))
