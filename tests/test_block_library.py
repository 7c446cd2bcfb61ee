"""Where blocks come from (shipped, the user's folder, MTM_PATTERNS) and why one broken block never
takes the app or `mtm blocks` down."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mtm_app.cli import main
from mtm_app.errors import BlockError
from mtm_app.library import (
    ENVIRONMENT,
    SHIPPED,
    USER,
    all_blocks,
    broken_blocks,
    find_entry,
    get_block,
    library,
    shipped_dir,
)
from mtm_app.paths import user_blocks_dir

SHIPPED_IDS = {p.stem for p in shipped_dir().glob("*.yaml")}  # every block the app ships
# a mistyped section on line 6
BROKEN = "block:\n  id: broken\n  name: Broken\n  garment: test\n  version: 1\npointz:\n  a: {x: 0, y: 0}\n"


@pytest.fixture
def folders(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """An empty user data folder and one MTM_PATTERNS folder."""
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    env = tmp_path / "env"
    env.mkdir()
    monkeypatch.setenv("MTM_PATTERNS", str(env))
    return user_blocks_dir(), env


def with_version(block_id: str, version: str) -> str:
    text = (shipped_dir() / f"{block_id}.yaml").read_text(encoding="utf-8")
    assert "  version: 1.1.0\n" in text
    return text.replace("  version: 1.1.0\n", f"  version: {version}\n", 1)


def test_the_shipped_blocks_load_when_nothing_else_is_there(folders) -> None:
    entries = library()
    assert {e.id for e in entries} == SHIPPED_IDS
    assert all(e.origin == SHIPPED and e.read_only and not e.broken and not e.hides for e in entries)
    assert user_blocks_dir() == Path(os.environ["MTM_DATA_DIR"]) / "blocks"


def test_a_user_block_overrides_the_shipped_one_and_mtm_patterns_overrides_both(folders, capsys) -> None:
    user, env = folders
    user.mkdir(parents=True)
    (user / "skirt.yaml").write_text(with_version("skirt", "2.0"), encoding="utf-8")
    skirt = find_entry("skirt")
    assert (skirt.origin, skirt.path, skirt.block.version) == (USER, user / "skirt.yaml", "2.0")
    assert skirt.hides == (shipped_dir() / "skirt.yaml",) and not skirt.read_only
    assert get_block("skirt").version == "2.0"
    assert main(["blocks"]) == 0
    out = capsys.readouterr().out
    assert f"skirt  Skirt  v2.0  [user: {user / 'skirt.yaml'}; overrides the shipped skirt.yaml]" in out
    assert "mens_shirt  Men's dress shirt  v1.2.0\n" in out  # a shipped one says nothing more
    # MTM_PATTERNS comes first, and its folders in the order listed
    second = env.parent / "env2"
    second.mkdir()
    (env / "skirt.yaml").write_text(with_version("skirt", "3.0"), encoding="utf-8")
    (second / "skirt.yaml").write_text(with_version("skirt", "4.0"), encoding="utf-8")
    os.environ["MTM_PATTERNS"] = os.pathsep.join([str(second), str(env)])
    skirt = find_entry("skirt")
    assert (skirt.origin, skirt.block.version) == (ENVIRONMENT, "4.0")
    assert skirt.hides == (env / "skirt.yaml", user / "skirt.yaml", shipped_dir() / "skirt.yaml")


def test_a_broken_block_is_listed_with_its_file_line_and_message_and_the_others_work(folders,
                                                                                  capsys) -> None:
    _user, env = folders
    (env / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (env / "my_skirt.yaml").write_text(with_version("skirt", "1.2"), encoding="utf-8")  # id: skirt
    assert {b.id for b in all_blocks()} == SHIPPED_IDS
    broken = {e.id: e for e in broken_blocks()}
    assert set(broken) == {"broken", "my_skirt"}
    assert broken["broken"].origin == ENVIRONMENT and broken["broken"].path == env / "broken.yaml"
    said = str(broken["broken"].error)
    assert said == f"{env / 'broken.yaml'}:6, pointz: unknown section 'pointz' — did you mean 'points'?"
    assert str(broken["my_skirt"].error).startswith(f"{env / 'my_skirt.yaml'}:13, block.id: block.id "
                                                    "'skirt' is not the file's name 'my_skirt'")
    with pytest.raises(BlockError, match="unknown section 'pointz'"):
        get_block("broken")
    assert get_block("skirt").version == "1.1.0"  # the shipped skirt, untouched by the stray copy
    assert main(["blocks"]) == 0
    out, err = capsys.readouterr()
    assert "mens_shirt  Men's dress shirt" in out and "broken" not in out
    assert err.splitlines() == [f"broken block broken: {broken['broken'].error}",
                                f"broken block my_skirt: {broken['my_skirt'].error}"]


def test_mtm_blocks_fails_only_when_no_block_loads(folders, capsys) -> None:
    _user, env = folders
    for block_id in SHIPPED_IDS:
        (env / f"{block_id}.yaml").write_text(BROKEN.replace("id: broken", f"id: {block_id}"))
    assert all_blocks() == []
    assert main(["blocks"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == len(SHIPPED_IDS) and "internal error" not in err


def test_a_block_loads_again_when_its_file_changes(folders) -> None:
    user, _env = folders
    user.mkdir(parents=True)
    path = user / "skirt.yaml"
    path.write_text(with_version("skirt", "2.0"), encoding="utf-8")
    first = get_block("skirt")
    assert get_block("skirt") is first  # unchanged: not loaded again
    path.write_text(with_version("skirt", "2.1"), encoding="utf-8")
    assert get_block("skirt").version == "2.1"
    path.write_text(BROKEN.replace("id: broken", "id: skirt"), encoding="utf-8")
    assert find_entry("skirt").broken
    path.write_text(with_version("skirt", "2.2"), encoding="utf-8")
    assert get_block("skirt").version == "2.2"
    path.unlink()
    assert get_block("skirt").version == "1.1.0"  # the shipped one again


def test_the_app_starts_with_a_broken_shirt_and_lists_the_broken_blocks_greyed(folders, qtbot, tmp_path
                                                                                ) -> None:
    from PySide6.QtCore import Qt

    from mtm_app.ui.app import main as studio

    _user, env = folders
    (env / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (env / "mens_shirt.yaml").write_text(BROKEN.replace("id: broken", "id: mens_shirt"))
    shot = tmp_path / "shot.png"
    assert studio(["--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 20_000

    from tests.conftest import open_window

    window = open_window(qtbot, tmp_path)
    assert window.block.id != "mens_shirt" and window.last_draft is not None
    chooser = window.garment
    rows = {chooser.itemText(i): i for i in range(chooser.count())}
    for block_id in ("broken", "mens_shirt"):
        row = rows[f"{block_id} — does not load"]
        assert not chooser.model().item(row).isEnabled()
        tip = chooser.itemData(row, Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(f"{env / (block_id + '.yaml')}:6, pointz: unknown section 'pointz'")
    assert {chooser.itemData(i) for i in range(chooser.count()) if chooser.model().item(i).isEnabled()
            } == SHIPPED_IDS - {"mens_shirt"}
    # fixed on disk, the chooser offers it again when it is listed again
    shutil.copy(shipped_dir() / "mens_shirt.yaml", env / "mens_shirt.yaml")
    window.list_garments()
    row = chooser.findData("mens_shirt")
    assert row >= 0 and chooser.model().item(row).isEnabled()
    assert chooser.itemData(row, Qt.ItemDataRole.ToolTipRole) == f"Your own block: {env / 'mens_shirt.yaml'}"
    chooser.setCurrentIndex(row)
    assert window.block.id == "mens_shirt" and window.last_draft.ok
