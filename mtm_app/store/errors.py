"""The store's one error type, apart so every store module can raise it."""

from __future__ import annotations

from typing import Any

from mtm_app.errors import MtmError


class StoreError(MtmError):
    """A request the store refuses: an unknown customer, a forbidden status change …"""


class ReferenceTaken(StoreError):
    """The order reference is already another order's."""


class ChangedMeanwhile(StoreError):
    """Another writer changed a row between this transaction's read and its write."""


class EditConflict(StoreError):
    """The row changed since the version the edit was made from (another window, another store):
    `current` holds its fields as they are now, `version` its version, so the one saving is told
    what changed and chooses — never a silent overwrite."""

    def __init__(self, message: str, current: dict[str, Any], version: int, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.current = current
        self.version = version
