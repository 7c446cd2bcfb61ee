"""The store's one error type, apart so every store module can raise it."""

from __future__ import annotations

from mtm_app.errors import MtmError


class StoreError(MtmError):
    """A request the store refuses: an unknown customer, a forbidden status change …"""


class ReferenceTaken(StoreError):
    """The order reference is already another order's."""
