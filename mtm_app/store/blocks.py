"""Blocks released to every shop through the shared database: the pattern room releases a
version (its exact text kept once in block_texts), every shop's app copies the newest release of
each block into its published folder when it opens the store, and the library drafts from
there — so Paris and London cut the same version."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mtm_app.access import Right
from mtm_app.atomic import write_atomic
from mtm_app.block.loader import parse_block
from mtm_app.block.model import Block
from mtm_app.paths import published_blocks_dir
from mtm_app.store.models import BlockRelease, BlockText
from mtm_app.store.repository import Store


def release_block(store: Store, block: Block, by: str = "") -> BlockRelease:
    """Release a block version that loads to every shop (the pattern room's right)."""
    store.require(Right.BLOCKS)
    digest = store.keep_block_text(block.id, block.version, block.source_text)
    with store.transaction() as s:
        release = BlockRelease(block_id=block.id, version=block.version, text_hash=digest,
                               released_by=by or store.access.login)
        s.add(release)
        s.flush()
        return release


def released_texts(store: Store) -> dict[str, tuple[str, str]]:
    """The newest release of each block: id → (version, exact text)."""
    with store.transaction() as s:
        rows = s.execute(select(BlockRelease.block_id, BlockRelease.version, BlockText.text)
                         .join(BlockText, BlockText.hash == BlockRelease.text_hash)
                         .order_by(BlockRelease.block_id, BlockRelease.released_at, BlockRelease.id)).all()
    return {block_id: (version, text) for block_id, version, text in rows}  # the last one wins


def sync_released(store: Store, folder: Path | None = None) -> list[Path]:
    """Copy the newest releases into the published folder (each file whole, and a release no
    longer there removed), so the library finds them; returns the files written."""
    folder = folder or published_blocks_dir()
    texts = released_texts(store)
    written = []
    for block_id, (_version, text) in texts.items():
        path = folder / f"{block_id}.yaml"
        if not path.is_file() or path.read_text("utf-8") != text:
            parse_block(text, f"<released {block_id}>")  # a release always loaded: refuse a corrupt one
            write_atomic(path, text.encode("utf-8"))
            written.append(path)
    for stale in folder.glob("*.yaml") if folder.is_dir() else ():
        if stale.stem not in texts:
            stale.unlink()
    return written
