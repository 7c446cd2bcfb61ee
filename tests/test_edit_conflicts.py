"""Two tailors on one customer (two windows, or two stores on one database): the second save is
told what the first changed and chooses — never a silent overwrite (optimistic locking)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mtm_app.store import open_store
from mtm_app.store.errors import EditConflict
from mtm_app.ui.app import build_window


@pytest.fixture
def two_windows(qtbot, tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    windows = []
    for _ in range(2):
        window = build_window(open_store(url))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
    ann = windows[0].store.search("sarah")[0].id
    for window in windows:
        window.open_customer(ann)
        window.pages.go("customers")
    return windows, ann


def _type(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # editingFinished: the page saves


def _answer(monkeypatch, choice: str, seen: list[str]) -> None:
    """The tailor reads the question and clicks `choice` (the button's text)."""
    def answer(box: QMessageBox) -> int:
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == choice).click()
        return 0

    monkeypatch.setattr("mtm_app.ui.customer_page.QMessageBox.exec", answer)


def test_the_second_save_is_told_what_changed_and_keeps_theirs_when_asked(two_windows, qtbot,
                                                                          monkeypatch) -> None:
    (first, second), ann = two_windows
    _type(qtbot, first.customer_page.phone, "+44 20 0000 1111")
    seen: list[str] = []
    _answer(monkeypatch, "Keep theirs, drop mine", seen)
    _type(qtbot, second.customer_page.phone, "+44 20 9999 2222")
    assert len(seen) == 1 and "Phone: now '+44 20 0000 1111'" in seen[0]
    assert "Phone: '+44 20 9999 2222'" in seen[0]  # what the second tailor typed
    stored = first.store.customer(ann)
    assert stored.phone == "+44 20 0000 1111"
    assert second.customer_page.phone.text() == "+44 20 0000 1111"  # theirs, on screen


def test_the_second_save_can_keep_its_change_and_a_field_nobody_else_touched_is_kept(
        two_windows, qtbot, monkeypatch) -> None:
    (first, second), ann = two_windows
    _type(qtbot, first.customer_page.phone, "+44 20 0000 1111")
    seen: list[str] = []
    _answer(monkeypatch, "Save mine over theirs", seen)
    _type(qtbot, second.customer_page.notes, "prefers a higher armhole")
    stored = first.store.customer(ann)
    # the second tailor saved their notes; the first tailor's phone is not lost
    assert (stored.phone, stored.notes) == ("+44 20 0000 1111", "prefers a higher armhole")
    assert len(seen) == 1
    page = second.customer_page  # the second window now shows both changes, as stored
    assert (page.phone.text(), page.notes.text()) == ("+44 20 0000 1111", "prefers a higher armhole")
    # a later save from the second window, with nothing changed elsewhere, asks nothing
    _type(qtbot, second.customer_page.email, "sarah@example.com")
    assert len(seen) == 1 and first.store.customer(ann).email == "sarah@example.com"


def test_a_change_of_another_field_elsewhere_does_not_ask(two_windows, qtbot, monkeypatch) -> None:
    (first, second), ann = two_windows
    first.store.update_customer(ann, fit_preference="close")  # the size advice's setting
    seen: list[str] = []
    _answer(monkeypatch, "Keep theirs, drop mine", seen)
    _type(qtbot, second.customer_page.notes, "tall, long arms")
    assert seen == [] and first.store.customer(ann).notes == "tall, long arms"
    assert first.store.customer(ann).fit_preference == "close"


def test_the_store_refuses_an_edit_from_an_old_version_naming_the_row_as_it_is(store_url) -> None:
    store = open_store(store_url)
    ann = store.create_customer("Ann Baker")
    seen = ann.version
    store.update_customer(ann.id, seen, phone="1")
    with pytest.raises(EditConflict, match="Ann Baker was changed elsewhere") as raised:
        store.update_customer(ann.id, seen, phone="2")
    assert raised.value.current["phone"] == "1" and raised.value.version == seen + 1
    assert store.customer(ann.id).phone == "1"
    store.update_customer(ann.id, raised.value.version, phone="2")
    assert store.customer(ann.id).phone == "2"


def test_a_row_changed_between_a_read_and_its_write_is_refused_not_overwritten(store_url) -> None:
    from mtm_app.store.errors import ChangedMeanwhile
    from mtm_app.store.models import Customer

    store = open_store(store_url)
    ann = store.create_customer("Ann Baker")
    with (pytest.raises(ChangedMeanwhile, match="changed elsewhere at the same moment"),
          store.transaction() as s):
        mine = s.get(Customer, ann.id)  # read …
        store.update_customer(ann.id, phone="written by the other tailor")  # … another writes …
        mine.phone = "mine"  # … and this write, from the old read, must not win
    assert store.customer(ann.id).phone == "written by the other tailor"
