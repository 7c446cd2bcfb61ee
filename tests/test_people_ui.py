"""The window on a shared database: sign in first, then only the role's tasks — a tailor's
pages, the factory's, the pattern room's — and erase for an administrator alone."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mtm_app.access import Role
from mtm_app.store import open_store
from mtm_app.store.people import add_shop, add_user, sign_in
from mtm_app.ui.app import build_window
from mtm_app.ui.sign_in import SignInDialog
from tests.conftest import MEDIAN_MAN

PASSWORD = "correct horse battery"


@pytest.fixture
def shared(tmp_path, monkeypatch):
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    add_user(store, "admin", PASSWORD, Role.ADMINISTRATOR)
    sign_in(store, "admin", PASSWORD)
    add_shop(store, "PAR", "Paris — Rue du Bac", time_zone="Europe/Paris")
    for login, role in (("tina", "tailor"), ("fred", "factory"), ("pat", "pattern_maker")):
        add_user(store, login, PASSWORD, role, shop_code="PAR" if role == "tailor" else "")
    ann = store.create_customer("Ann Baker", phone="+33 1 23 45 67 89", consent_date=date(2026, 1, 2))
    store.add_session(ann.id, MEDIAN_MAN)
    return store


def _window(qtbot, store, login: str):
    sign_in(store, login, PASSWORD)
    window = build_window(store)
    qtbot.addWidget(window)
    window.show()
    return window


def _sidebar(window) -> list[str]:
    bar = window.pages.sidebar
    return [bar.item(k).text().strip() for k in range(bar.count()) if not bar.item(k).isHidden()]


def test_each_role_sees_its_own_tasks(shared, qtbot) -> None:
    tailor = _window(qtbot, shared, "tina")
    assert _sidebar(tailor) == ["Tailor", "Customers", "Measure", "Style and fit", "Order"]
    assert not tailor.customer_page.erase_button.isVisibleTo(tailor)
    assert tailor.windowTitle().endswith(" — tina, tailor, Paris — Rue du Bac")
    assert tailor.shop() == "Paris — Rue du Bac"
    factory = _window(qtbot, shared, "fred")
    assert _sidebar(factory) == ["Factory", "Production", "Fabrics"]
    assert factory.pages.current() == "production"
    assert not factory.page_actions["measure"].isEnabled()
    assert not any(a.isEnabled() for a in factory._customer_actions)
    rows = factory.production.table
    assert rows.topLevelItemCount() == 0  # no orders yet; the queue opens on its own
    pattern_maker = _window(qtbot, shared, "pat")
    assert _sidebar(pattern_maker) == ["Pattern maker", "Workbench"]
    admin = _window(qtbot, shared, "admin")
    assert len(_sidebar(admin)) == 10 and admin.customer_page.erase_button.isVisibleTo(admin)


def test_signing_in_takes_the_right_password_and_giving_up_opens_nothing(shared, qtbot,
                                                                           monkeypatch) -> None:
    from mtm_app.access import EVERYONE

    shared.access = EVERYONE  # nobody signed in yet
    dialog = SignInDialog(shared)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login, "tina")
    qtbot.keyClicks(dialog.password, "not her password")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert "The login or the password is wrong" in dialog.problem.text() and dialog.password.text() == ""
    assert shared.access.role is None and not dialog.result()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == SignInDialog.DialogCode.Accepted and shared.access.login == "tina"
    shared.access = EVERYONE
    monkeypatch.setattr(SignInDialog, "exec", lambda self: SignInDialog.DialogCode.Rejected)
    assert build_window(shared) is None
    assert [c.name for c in shared.search()] == ["Ann Baker"]  # no demo customers in a shared store
