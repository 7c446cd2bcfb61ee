"""An order's way through the cutting room: its statuses and the steps between them.

Apart from the store (no SQLAlchemy) so the command line's parser and the window can name them
without opening a database.
"""

from __future__ import annotations

import enum

from mtm_app.i18n import N_, _


class OrderStatus(enum.StrEnum):
    DRAFT = N_("draft")
    CONFIRMED = N_("confirmed")
    IN_PRODUCTION = N_("in production")
    CUT = N_("cut")
    SEWN = N_("sewn")
    READY = N_("ready")
    DELIVERED = N_("delivered")
    CANCELLED = N_("cancelled")

    @property
    def text(self) -> str:
        """The status as people read it, in the language spoken now (the value is stored)."""
        return _(self.value)


# an order moves forward one step at a time, or is cancelled (with a reason) until delivered;
# a confirmed order may go back to draft before the factory starts on it
TRANSITIONS: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    OrderStatus.DRAFT: (OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
    OrderStatus.CONFIRMED: (OrderStatus.IN_PRODUCTION, OrderStatus.DRAFT, OrderStatus.CANCELLED),
    OrderStatus.IN_PRODUCTION: (OrderStatus.CUT, OrderStatus.CANCELLED),
    OrderStatus.CUT: (OrderStatus.SEWN, OrderStatus.CANCELLED),
    OrderStatus.SEWN: (OrderStatus.READY, OrderStatus.CANCELLED),
    OrderStatus.READY: (OrderStatus.DELIVERED, OrderStatus.CANCELLED),
    OrderStatus.DELIVERED: (),
    OrderStatus.CANCELLED: (),
}
# orders the factory is working on: erasing their customer waits for an explicit force
AT_THE_FACTORY = frozenset({OrderStatus.IN_PRODUCTION, OrderStatus.CUT, OrderStatus.SEWN,
                            OrderStatus.READY})
