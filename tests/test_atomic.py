"""Files written whole: the permissions they get (a cut file another machine reads, typing kept
for the tailor alone) and nothing half-written left behind."""

from __future__ import annotations

import os
import stat

import pytest

from mtm_app.atomic import write_atomic


@pytest.mark.parametrize(("mask", "private", "mode"), [
    (0o022, False, 0o644), (0o002, False, 0o664), (0o077, False, 0o600), (0o022, True, 0o600)])
def test_a_file_gets_the_users_usual_permissions_unless_private(tmp_path, mask, private, mode) -> None:
    before = os.umask(mask)
    try:
        write_atomic(tmp_path / "O-1.ticket.pdf", b"%PDF-1.7", private=private)
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "O-1.ticket.pdf").stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["O-1.ticket.pdf"]  # no .part left


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path, monkeypatch) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_bytes(b"old")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["catalogue.csv"]
