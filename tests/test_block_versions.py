"""Versions of a block: saved as new keeping the old text, listed, compared; and orders that keep
the exact block text they were cut with, so an old order drafts the same pieces after the block
changed."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from mtm_app.block.loader import parse_block
from mtm_app.block_versions import (
    CURRENT,
    KEPT,
    OVERRIDDEN,
    block_text,
    history_dir,
    list_versions,
    next_version,
    save_block,
    save_new_version,
    save_path,
)
from mtm_app.cli import main
from mtm_app.drafting import draft
from mtm_app.errors import BlockError, MtmError
from mtm_app.export.files import FileSettings
from mtm_app.library import find_entry, get_block, shipped_dir
from mtm_app.marker import MarkerSpec
from mtm_app.orders import garment_block, lay_orders, place_order, rewrite_order_files
from mtm_app.paths import user_blocks_dir
from mtm_app.store import open_store
from mtm_app.version_compare import FIT, REFUSAL, SEAM, compare_versions
from tests.conftest import MEDIAN_MAN, MEDIAN_WOMAN
from tests.old_database import add_ann, database_at

LONGER = ("(0.2 if shirt_length", "(0.21 if shirt_length")  # a tucked shirt 1.75 cm longer


def shipped_text(block_id: str) -> str:
    return (shipped_dir() / f"{block_id}.yaml").read_text(encoding="utf-8")


def changed(block_id: str, old: str, new: str, version: str = "1.2.0") -> str:
    """The shipped block's text with `old` made `new` and its version line saying `version`."""
    text = shipped_text(block_id)
    assert old in text and re.search(r"^  version: .*$", text, re.M)
    return re.sub(r"^  version: .*$", f"  version: {version}", text.replace(old, new, 1), count=1,
                  flags=re.M)


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MTM_PATTERNS", raising=False)
    monkeypatch.delenv("MTM_DATABASE_URL", raising=False)
    return tmp_path / "data"


# ---------------------------------------------------------------- numbering
@pytest.mark.parametrize(("version", "after"), [
    ("1.3", "1.4"), ("2", "3"), ("1.9", "1.10"), ("1.1.0", "1.1.1"), ("2.0-draft", "2.1"),
    ("v7", "v8"), ("draft", "draft-2"), ("2026.12", "2026.13")])
def test_the_next_version_raises_the_last_number(version: str, after: str) -> None:
    assert next_version(version) == after


def test_the_next_version_skips_those_taken() -> None:
    assert next_version("1.3", {"1.4", "1.5"}) == "1.6"


# ---------------------------------------------------------------- saving
def test_a_new_version_of_a_shipped_block_goes_to_the_user_folder_and_keeps_the_old(data) -> None:
    shipped = shipped_dir() / "mens_shirt.yaml"
    before = shipped.read_bytes()
    assert save_path(shipped) == user_blocks_dir() / "mens_shirt.yaml"
    assert save_new_version(shipped) == "1.2.1"
    assert shipped.read_bytes() == before  # never written
    mine = (user_blocks_dir() / "mens_shirt.yaml").read_text(encoding="utf-8")
    # only the version's value changed: comments, order and line wrapping are the pattern maker's
    assert mine == before.decode().replace("  version: 1.2.0\n", "  version: 1.2.1\n", 1)
    assert (history_dir("mens_shirt") / "1.2.0.yaml").read_bytes() == before
    assert find_entry("mens_shirt").block.version == "1.2.1"
    assert [(v.version, v.kind, v.path) for v in list_versions("mens_shirt")] == [
        ("1.2.0", KEPT, history_dir("mens_shirt") / "1.2.0.yaml"),
        ("1.2.1", CURRENT, user_blocks_dir() / "mens_shirt.yaml")]
    assert block_text("mens_shirt", "1.2.0") == before.decode()
    with pytest.raises(BlockError, match=r"mens_shirt has no version 1\.0 — its versions: 1\.2\.0, 1\.2\.1"):
        block_text("mens_shirt", "1.0")


def test_saving_an_edited_text_as_a_new_version_keeps_the_text_on_disk(data) -> None:
    user = user_blocks_dir() / "skirt.yaml"
    save_block(shipped_dir() / "skirt.yaml", shipped_text("skirt"))  # a plain save: to the user folder
    assert user.read_text(encoding="utf-8") == shipped_text("skirt")
    edited = shipped_text("skirt").replace("default: 600", "default: 650", 1)
    assert edited != shipped_text("skirt")
    assert save_new_version(user, edited) == "1.1.1"
    assert (history_dir("skirt") / "1.1.0.yaml").read_text(encoding="utf-8") == shipped_text("skirt")
    assert user.read_text(encoding="utf-8") == edited.replace("version: 1.1.0", "version: 1.1.1", 1)
    # a version the pattern maker wrote themselves is kept when no version has it yet
    assert save_new_version(user, changed("skirt", "default: 600", "default: 700", "2.0")) == "2.0"
    assert [v.version for v in list_versions("skirt")] == ["1.1.0", "1.1.1", "2.0"]
    assert get_block("skirt").options["skirt_length"].default == 700
    # one that another version has is raised past every taken one
    assert save_new_version(user, changed("skirt", "default: 600", "default: 710", "1.1.1")) == "2.1"
    assert [(v.version, v.kind) for v in list_versions("skirt")] == [
        ("1.1.0", KEPT), ("1.1.1", KEPT), ("2.0", KEPT), ("2.1", CURRENT)]


def test_a_version_that_would_read_as_another_number_is_quoted(data) -> None:
    user = user_blocks_dir() / "skirt.yaml"
    save_block(user, changed("skirt", "default: 600", "default: 600", "1.9"))
    assert save_new_version(user) == "1.10"
    assert '  version: "1.10"\n' in user.read_text(encoding="utf-8")
    assert get_block("skirt").version == "1.10"  # not the number 1.1


def test_a_text_that_does_not_load_is_no_version_and_nothing_is_written(data) -> None:
    broken = changed("skirt", "points:", "pointz:", "1.1.0")
    with pytest.raises(BlockError, match="unknown section 'pointz'"):
        save_new_version(shipped_dir() / "skirt.yaml", broken)
    assert not user_blocks_dir().exists()
    renamed = shipped_text("skirt").replace("  id: skirt\n", "  id: my_skirt\n", 1)
    with pytest.raises(BlockError, match=r"block\.id 'my_skirt' is not the file's name 'skirt'"):
        save_new_version(shipped_dir() / "skirt.yaml", renamed)
    assert not user_blocks_dir().exists()


def test_a_version_changed_without_a_new_number_is_not_kept_over_the_old(data) -> None:
    user = user_blocks_dir() / "skirt.yaml"
    save_new_version(shipped_dir() / "skirt.yaml")  # 1.1.0 kept, 1.1.1 current
    save_block(user, changed("skirt", "default: 600", "default: 640", "1.1.0"))  # back to 1.1.0
    with pytest.raises(BlockError, match=r"version 1\.1\.0 of skirt is kept already, with another text"):
        save_new_version(user)
    assert (history_dir("skirt") / "1.1.0.yaml").read_text(encoding="utf-8") == shipped_text("skirt")


def test_an_overridden_shipped_file_is_a_version_too(data) -> None:
    save_block(user_blocks_dir() / "skirt.yaml", changed("skirt", "default: 600", "default: 640", "5"))
    assert [(v.version, v.kind) for v in list_versions("skirt")] == [("1.1.0", OVERRIDDEN), ("5", CURRENT)]


# ---------------------------------------------------------------- comparing
def test_comparing_two_versions_lists_areas_pieces_and_the_checks_that_differ(data) -> None:
    old = shipped_text("skirt")
    start, end = old.index("  waistband_interfacing:\n"), old.index("  front_facing:\n")
    new = (old[:start] + old[end:]).replace("target: skirt_length + stomach  #",
                                            "target: skirt_length + stomach + 10  #")
    new = new.replace("hip_full: max(seat + hip_ease,", "hip_full: max(seat + hip_ease + 20,", 1)
    assert new.count("+ 20,") == 1
    result = compare_versions(old, new, MEDIAN_WOMAN)
    by_id = {p.id: p for p in result.pieces}
    assert list(by_id) == ["front", "back", "waistband", "waistband_interfacing"]
    assert by_id["waistband_interfacing"].removed and by_id["waistband_interfacing"].b is None
    assert by_id["waistband_interfacing"].area_change_cm2 is None
    front = by_id["front"]
    # 20 mm more round the hip: a quarter of it on each of the front's halves over ~60 cm of length
    assert front.area_change_cm2 == pytest.approx(front.b.area_cm2 - front.a.area_cm2)
    assert 5 < front.area_change_cm2 < 40
    assert front.a.area_cm2 == pytest.approx(result.draft_a.piece("front").area / 100)
    assert front.a.cut_line.shape[1] == 2 and len(front.b.seam_line) > 10  # outlines to overlay
    changes = {(c.kind, c.name): c for c in result.checks}
    assert set(changes) == {(FIT, "hip"), (FIT, "length"), (SEAM, "Side seam")}  # the hip moved it
    length = changes[(FIT, "length")]
    assert length.a.ok and not length.b.ok and length.status_changed
    assert "mm wanted" in length.b.text
    assert changes[(FIT, "hip")].a.ok and changes[(FIT, "hip")].b.ok
    assert not changes[(FIT, "hip")].status_changed
    seam = changes[(SEAM, "Side seam")]
    assert seam.a.text != seam.b.text and (seam.a.ok, seam.b.ok) == (True, True)
    # the other way round the piece is added
    assert next(p for p in compare_versions(new, old, MEDIAN_WOMAN).pieces
                if p.id == "waistband_interfacing").added


def test_a_body_one_version_refuses_is_a_check_that_differs(data) -> None:
    old = shipped_text("skirt")
    new = old.replace("waist: {min: 520, max: 1350}", "waist: {min: 520, max: 700}", 1)
    assert new != old
    result = compare_versions(old, new, MEDIAN_WOMAN, {"fit": "slim", "no_such_option": 1})
    assert result.draft_a is not None and result.draft_b is None
    [refusal] = [c for c in result.checks if c.kind == REFUSAL]
    assert refusal.a is None and not refusal.b.ok and "outside the" in refusal.b.text
    assert {c.kind for c in result.checks} >= {FIT, SEAM} and all(c.b is None for c in result.checks
                                                                 if c.kind != REFUSAL)
    assert all(p.removed for p in result.pieces)
    assert result.ignored_options == {"1.1.0": ["no_such_option"]}


def test_mtm_blocks_versions_and_compare(data, capsys) -> None:
    save_new_version(shipped_dir() / "mens_shirt.yaml", changed("mens_shirt", *LONGER, version="1.2.0"))
    assert main(["blocks", "versions", "mens_shirt"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"1.2.0\tkept\t{history_dir('mens_shirt') / '1.2.0.yaml'}",
        f"1.2.1\tcurrent\t{user_blocks_dir() / 'mens_shirt.yaml'}"]
    assert main(["blocks", "compare", "mens_shirt", "1.2.0", "1.2.1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("mens_shirt v1.2.0 → v1.2.1, drafted for "
                      f"{Path('resources/demo/customer_median_man.json').resolve()}")
    rows = {line.split("\t")[0].strip(): line.split("\t")[1:] for line in out[2:] if "\t" in line}
    assert float(rows["back"][2]) > 40 and rows["yoke"][2] == "+0.0"
    assert "  fit check back_length" in out
    assert main(["blocks", "compare", "mens_shirt", "1.2.0", "9"]) == 2
    assert "mens_shirt has no version 9" in capsys.readouterr().err


# ---------------------------------------------------------------- orders keep their text
@pytest.fixture
def shop(data):
    store = open_store()
    customer = store.create_customer("Ann Baker", consent_date=date(2026, 1, 2))
    session = store.add_session(customer.id, MEDIAN_MAN)
    return store, customer.id, session.id


def _drawing(path: Path) -> list[str]:
    """A cut file without the lines that date it."""
    return [line for line in path.read_text("ascii").splitlines() if "Creation" not in line]


def _block_of(store, reference: str):
    """The block an order of one garment was cut with."""
    order = store.order_by_reference(reference)
    return garment_block(store, order, order.garments[0])


def test_an_old_order_is_drafted_from_the_text_it_was_cut_with(shop, capsys) -> None:
    store, cid, sid = shop
    shirt = get_block("mens_shirt")
    first, files = place_order(store, cid, sid, draft(shirt, MEDIAN_MAN), FileSettings())
    assert first.garments[0].block_hash == hashlib.sha256(shirt.source_text.encode()).hexdigest()
    cut = _drawing(files[0])
    # the pattern maker lengthens the shirt and saves it as a new version
    save_new_version(shipped_dir() / "mens_shirt.yaml", changed("mens_shirt", *LONGER, version="1.2.0"))
    longer = get_block("mens_shirt")
    assert longer.version == "1.2.1"
    again = rewrite_order_files(store, first.id)  # a reprint: the same cut file
    assert _drawing(again[0]) == cut
    assert _block_of(store, first.reference).source_text == shirt.source_text
    assert main(["orders", "produce", first.reference, "--format", "dxf-aama", "--jobs", "1"]) == 0
    assert _drawing(again[0]) == cut
    # a new order is cut from the new text
    second, new_files = place_order(store, cid, sid, draft(longer, MEDIAN_MAN), FileSettings())
    assert second.garments[0].block_hash != first.garments[0].block_hash and _drawing(new_files[0]) != cut
    assert store.block_text(second.garments[0].block_hash).version == "1.2.1"
    third, _ = place_order(store, cid, sid, draft(shirt, MEDIAN_MAN), FileSettings())
    assert third.garments[0].block_hash == first.garments[0].block_hash  # one row per text
    assert [(t.version, t.text == shirt.source_text) for t in store.block_texts("mens_shirt")] == [
        ("1.2.0", True), ("1.2.1", False)]
    # a marker of old and new orders lays each its own pieces
    marker, _ = lay_orders(store, [first.reference, second.reference, third.reference],
                           MarkerSpec(1500.0, seconds=1))
    backs = {lp.order: lp.area for lp in marker.pieces if lp.piece.id.endswith("/back")}
    assert backs[first.reference] == pytest.approx(backs[third.reference])
    assert backs[second.reference] > backs[first.reference] + 17.5 * 570  # 1.75 cm longer, ≥ 57 cm wide
    capsys.readouterr()


def test_a_0006_database_keeps_the_text_of_orders_whose_version_is_still_on_disk(data) -> None:
    path = data / "mtm-studio.sqlite3"
    path.parent.mkdir(parents=True)
    with database_at(f"sqlite:///{path}", "0006") as connection:  # the last schema without the block texts
        add_ann(connection, MEDIAN_MAN)
        for ref, version in (("O-2026-AAAAAA", "1.2.0"), ("O-2026-BBBBBB", "1.0.0"),
                             ("O-2026-CCCCCC", "1.2.0")):
            connection.exec_driver_sql(
                "insert into orders (reference, customer_id, session_id, block_id, block_version,"
                " options, fabric, quantity, status, trace, notes, files_dir, alterations, fabric_code,"
                " shop, language, created_at, updated_at) values (?, 1, 1, 'mens_shirt', ?, '{}', '',"
                " 1, 'confirmed', '', '', '', '[]', '', '', 'en', '2026-01-05', '2026-01-05')",
                (ref, version))
    store = open_store()
    shipped = shipped_text("mens_shirt")
    digest = hashlib.sha256(shipped.encode()).hexdigest()
    assert store.order_by_reference("O-2026-AAAAAA").garments[0].block_hash == digest
    assert store.order_by_reference("O-2026-CCCCCC").garments[0].block_hash == digest
    assert store.order_by_reference("O-2026-BBBBBB").garments[0].block_hash == ""  # cut with a version gone
    assert [(t.hash, t.version, t.text) for t in store.block_texts("mens_shirt")] == [
        (digest, "1.2.0", shipped)]
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone() == ("0012",)
    con.close()
    # the kept text drafts it after the block changed; the other is refused as before
    save_new_version(shipped_dir() / "mens_shirt.yaml", changed("mens_shirt", *LONGER, version="1.2.0"))
    assert _block_of(store, "O-2026-AAAAAA").version == "1.2.0"
    with pytest.raises(MtmError, match=r"drafted with Men's dress shirt v1\.0\.0; the block is now v1\.2\.1"):
        _block_of(store, "O-2026-BBBBBB")
    assert parse_block(shipped).version == "1.2.0"
