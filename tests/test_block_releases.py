"""Blocks released to every shop through the shared database: the pattern room releases a
version, another shop's app (its own data folder) drafts with exactly that text the next time
it opens the store; a tailor may not release; a shop's own saved block never outranks it."""

from __future__ import annotations

import pytest

from mtm_app.access import Role
from mtm_app.cli import main
from mtm_app.library import PUBLISHED, find_entry, get_block, shipped_dir
from mtm_app.store import open_store
from mtm_app.store.blocks import release_block, released_texts, sync_released
from mtm_app.store.errors import StoreError
from mtm_app.store.people import add_user, sign_in
from tests.test_block_versions import LONGER, changed

PASSWORD = "correct horse battery"


@pytest.fixture
def shared(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "pattern-room"))
    store = open_store(url)
    add_user(store, "admin", PASSWORD, Role.ADMINISTRATOR)
    sign_in(store, "admin", PASSWORD)
    add_user(store, "pat", PASSWORD, "pattern_maker")
    add_user(store, "tina", PASSWORD, "tailor")
    return store, url, tmp_path


def test_a_released_version_is_what_another_shop_drafts_with(shared, monkeypatch) -> None:
    store, url, tmp_path = shared
    longer_text = changed("mens_shirt", *LONGER, version="1.3.0")
    (tmp_path / "pattern-room" / "blocks").mkdir(parents=True)
    mine = tmp_path / "pattern-room" / "blocks" / "mens_shirt.yaml"
    mine.write_text(longer_text)
    sign_in(store, "pat", PASSWORD)
    release = release_block(store, get_block(str(mine)))
    assert (release.block_id, release.version, release.released_by) == ("mens_shirt", "1.3.0", "pat")
    assert released_texts(store) == {"mens_shirt": ("1.3.0", longer_text)}
    # London's machine: its own data folder, the same database
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "london"))
    london = open_store(url)
    assert get_block("mens_shirt").version != "1.3.0"  # not yet synced: the shipped block
    written = sync_released(london)
    entry = find_entry("mens_shirt")
    assert [p.name for p in written] == ["mens_shirt.yaml"] and entry.origin == PUBLISHED and entry.read_only
    assert entry.block.version == "1.3.0" and entry.block.source_text == longer_text
    assert sync_released(london) == []  # nothing changed: nothing written
    # a later release wins; the shipped text released again is drafted again
    sign_in(store, "pat", PASSWORD)
    release_block(store, get_block(str(shipped_dir() / "mens_shirt.yaml")))
    sync_released(london)
    assert get_block("mens_shirt").source_text == (shipped_dir() / "mens_shirt.yaml").read_text()


def test_only_the_pattern_room_releases_and_the_command_line_says_so(shared, capsys, monkeypatch) -> None:
    store, _url, _tmp = shared
    sign_in(store, "tina", PASSWORD)
    with pytest.raises(StoreError, match="tina \\(tailor\\) may not do this: it needs the blocks right"):
        release_block(store, get_block("skirt"))
    monkeypatch.setenv("MTM_DATABASE_URL", _url)
    monkeypatch.setenv("MTM_PASSWORD", PASSWORD)
    assert main(["blocks", "release", "skirt", "--as", "tina"]) == 2
    assert "needs the blocks right" in capsys.readouterr().err
    assert main(["blocks", "release", "skirt", "--as", "pat"]) == 0
    assert capsys.readouterr().out.strip() == f"skirt v{get_block('skirt').version} released to every shop"
    assert main(["blocks", "released"]) == 0
    assert capsys.readouterr().out.split() == ["skirt", get_block("skirt").version]
    assert find_entry("skirt").origin == PUBLISHED


def test_the_workbench_releases_the_saved_block_and_not_unsaved_typing(shared, qtbot) -> None:
    from PySide6.QtCore import Qt

    from mtm_app.ui.workbench import WorkbenchPage

    store, _url, tmp_path = shared
    sign_in(store, "pat", PASSWORD)
    (tmp_path / "pattern-room" / "blocks").mkdir(parents=True)
    mine = tmp_path / "pattern-room" / "blocks" / "skirt.yaml"
    mine.write_text((shipped_dir() / "skirt.yaml").read_text())
    page = WorkbenchPage(store)
    qtbot.addWidget(page)
    page.open_block(mine)
    page.editor.insertPlainText("# a note not saved yet\n")
    qtbot.mouseClick(page.versions.release_button, Qt.MouseButton.LeftButton)
    assert page.message.text().startswith("✗ not released: save the text first") and not released_texts(store)
    page.save()
    qtbot.mouseClick(page.versions.release_button, Qt.MouseButton.LeftButton)
    version = get_block("skirt").version
    assert page.message.text().startswith(f"✓ skirt v{version} released")
    assert released_texts(store)["skirt"] == (version, mine.read_text())
    assert find_entry("skirt").origin == PUBLISHED  # this shop drafts with the release too
