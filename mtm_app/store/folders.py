"""Order and marker folders on disk, switched in whole: a set of files is written into a
hidden staging folder, marked ready, and renamed into place in one step.

The names say how far a crash got, so opening the store finishes or undoes it:
`.staging-<token>-<name>` was still being written (deleted); `.ready-<token>-<name>` is a
complete set (moved into place if its order is recorded and has no folder, else deleted);
`.old-<token>-<name>` is the set a rewrite replaced (put back only if nothing replaced it).
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from mtm_app.atomic import rename_durably
from mtm_app.names import safe_filename
from mtm_app.paths import data_dir

STAGES = (".staging", ".ready", ".old")
SETTLED = 120.0  # s: a younger folder or .part may be another copy of the app (or `mtm`) at work


def orders_root(base: Path | None = None) -> Path:
    """The order folders: in the data folder, or in `base` (a worker's shared production folder)."""
    return (base or data_dir()) / "orders"


def markers_root(base: Path | None = None) -> Path:
    return (base or data_dir()) / "markers"


def order_folder(reference: str, base: Path | None = None) -> Path:
    """An order's folder: its reference as a safe name (`PO 77/3` → `PO 77-3`)."""
    return orders_root(base) / safe_filename(reference)


def marker_folder(references: Sequence[str]) -> Path:
    return markers_root() / safe_filename("+".join(references))


def marker_run_folder(references: Sequence[str], base: Path | None = None) -> Path:
    """Where the markers of a run over these orders go, one sub-folder per fabric and material
    (`lay_plan`): named after the orders, cut short for a long selection."""
    return markers_root(base) / safe_filename("+".join(references))[:120]


def staging_folder(final: Path) -> Path:
    """A new empty hidden folder beside `final`, to write a whole file set into."""
    folder = final.parent / f".staging-{secrets.token_hex(4)}-{final.name}"
    folder.mkdir(parents=True)
    return folder


def mark_ready(staging: Path) -> Path:
    """Say the staging folder holds the complete set (every file written and flushed)."""
    ready = staging.with_name(staging.name.replace(".staging-", ".ready-", 1))
    rename_durably(staging, ready)
    return ready


def switch_in(ready: Path, final: Path) -> None:
    """Put the ready set where `final` is: the old set (if any) aside, the new one in, the old
    one deleted — each step a rename, so `final` is always wholly old or wholly new."""
    old = ready.with_name(ready.name.replace(".ready-", ".old-", 1))
    if final.exists():
        rename_durably(final, old)
    rename_durably(ready, final)
    shutil.rmtree(old, ignore_errors=True)


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def recover(root: Path, recorded: set[str], settled: float = SETTLED) -> None:
    """Finish or undo what a crash interrupted in `root` (orders or markers): `recorded`
    are the folder names of orders the store holds. Leftover `.part` files go too. What
    changed in the last `settled` seconds is left for a later opening: another copy of the
    app may be writing it right now."""
    if not root.is_dir():
        return
    before = time.time() - settled
    for stage in STAGES:
        for folder in sorted(root.glob(f"{stage}-*")):
            if folder.stat().st_mtime > before:
                continue
            final = root / folder.name.split("-", 2)[2]
            if stage in (".ready", ".old") and final.name in recorded and not final.exists():
                rename_durably(folder, final)  # .old: the rewrite never switched its set in
            else:
                discard(folder)
    for part in root.glob("*/.*.part"):
        if part.stat().st_mtime <= before:
            part.unlink(missing_ok=True)


def marker_folders_with(references: Iterable[str]) -> list[Path]:
    """The marker folders that lay any of these orders: named after them, or naming them in
    a file of theirs, at any depth (every marker format prints each piece's order; the queue lays
    one sub-folder per fabric, its folder's name cut short when many orders share it)."""
    refs = [r for r in references if r]
    if not refs or not markers_root().is_dir():
        return []
    names = {safe_filename(r) for r in refs}
    # an order's pieces, or a suit's garment's (`O-2026-1A2B3C-2`)
    pattern = re.compile(rb"(?<![\w-])(?:" + b"|".join(re.escape(r.encode()) for r in refs)
                         + rb")(?:-\d+)?(?![\w-])")
    found = []
    for folder in sorted(p for p in markers_root().iterdir() if p.is_dir()):
        if names & set(folder.name.split("+")) or any(
                pattern.search(f.read_bytes()) for f in folder.rglob("*") if f.is_file()):
            found.append(folder)
    return found
